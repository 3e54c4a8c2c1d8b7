"""Outlet names and ids from a URL host or a name, via ``loaders/data/outlets.csv``.

The file maps a host (``parstoday.ir``; subdomains and ``www.`` match too) to the outlet's
display name and its actor id. Unknown hosts and names give ``None``.

Examples
--------
>>> outlet_for_url("https://www.parstoday.ir/id/news/x")
('Pars Today', 'pars-today')
>>> outlet_for_name("pars today")
('Pars Today', 'pars-today')
>>> outlet_for_url("https://unknown.example/a") is None
True
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from graph.model import fold

Outlet = tuple[str, str]


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Outlet], dict[str, Outlet]]:
    text = resources.files("loaders").joinpath("data/outlets.csv").read_text(encoding="utf-8")
    by_host: dict[str, Outlet] = {}
    by_name: dict[str, Outlet] = {}
    for row in csv.DictReader(text.splitlines()):
        outlet = (row["outlet"].strip(), row["outlet_id"].strip())
        by_host[row["host"].strip().lower()] = outlet
        by_name.setdefault(fold(outlet[0]), outlet)
        by_name.setdefault(fold(outlet[1].replace("-", " ")), outlet)
    return by_host, by_name


def outlet_for_url(url: str | None) -> Outlet | None:
    """(name, id) of the outlet publishing at ``url``'s host or a parent domain of it."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    by_host = _table()[0]
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = by_host.get(".".join(parts[i:]))
        if found:
            return found
    return None


def outlet_for_name(name: str | None) -> Outlet | None:
    """(canonical name, id) for an outlet name written any case/diacritics way."""
    if not name:
        return None
    return _table()[1].get(fold(name))
