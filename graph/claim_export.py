"""Claims as GDELT-style tables: CSV and JSON Lines, one row per claim and target.

Columns (CSV; JSONL objects hold the same keys plus the whole claim): ``claim_id``,
``date`` (first day said), ``speaker`` (name), ``speaker_country`` (ISO 3166 alpha-3 of
the state the speaker speaks for, else of the speaker), ``relation``, ``cameo``,
``quad_class``, ``goldstein``, ``target``, ``num_reports``, ``num_articles``,
``num_sources``, ``source_url``, then ``speaker_id``, ``on_behalf_of``, ``on_behalf_of_id``,
``target_id``, ``target_country``, ``cameo_name``, ``plover``, ``date_to``,
``first_reported``, ``last_reported``, ``outlets``, ``via``, ``languages``, ``content``,
``confidence``, ``grouping_confidence``.

Codes are text: a CAMEO ``010`` or ``0334`` is written as is. Read the CSV with
``pandas.read_csv(path, dtype=str)`` (or ``dtype={"cameo": str}``); without it pandas turns
``010`` into the number 10.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from functools import cache
from typing import Any, Literal

import pycountry

from graph.model import Actor, Claim, TargetRole
from graph.relations import cameo_codebook

ClaimFormat = Literal["csv", "jsonl"]

MEDIA_TYPES: dict[str, str] = {"csv": "text/csv; charset=utf-8", "jsonl": "application/jsonl; charset=utf-8"}

COLUMNS = [
    "claim_id", "date", "speaker", "speaker_country", "relation", "cameo", "quad_class", "goldstein", "target",
    "num_reports", "num_articles", "num_sources", "source_url", "speaker_id", "on_behalf_of", "on_behalf_of_id",
    "target_id", "target_country", "cameo_name", "plover", "date_to", "first_reported", "last_reported", "outlets",
    "via", "languages", "content", "confidence", "grouping_confidence",
]  # fmt: skip


@cache
def alpha3(alpha2: str | None) -> str:
    """ISO 3166-1 alpha-3 of an alpha-2 code ('' when unknown).

    Examples
    --------
    >>> alpha3("AZ"), alpha3("tr"), alpha3(None), alpha3("ZZ")
    ('AZE', 'TUR', '', '')
    """
    if not alpha2:
        return ""
    found = pycountry.countries.get(alpha_2=alpha2.upper())
    return str(found.alpha_3) if found is not None else ""


def rows(claims: list[Claim], actors: dict[str, Actor]) -> Iterator[dict[str, Any]]:
    """One row per claim and target (a claim without target: one row with an empty target)."""

    def name(actor_id: str | None) -> str:
        if not actor_id:
            return ""
        actor = actors.get(actor_id)
        return actor.name if actor else actor_id

    def country(actor_id: str | None) -> str:
        actor = actors.get(actor_id or "")
        return alpha3(actor.country) if actor else ""

    for c in claims:
        entry = cameo_codebook().get(c.cameo)
        base = {
            "claim_id": c.id,
            "date": c.date.isoformat() if c.date else "",  # "" when undated
            "speaker": name(c.speaker_id) or name(c.on_behalf_of_id) or c.speaker_mention,
            "speaker_country": country(c.on_behalf_of_id) or country(c.speaker_id),
            "relation": c.relation.value,
            "cameo": c.cameo,
            "quad_class": c.quad_class,
            "goldstein": c.goldstein,
            "num_reports": c.num_reports,
            "num_articles": c.num_articles,
            "num_sources": c.num_sources,
            "source_url": c.source_url or "",
            "speaker_id": c.speaker_id or "",
            "on_behalf_of": name(c.on_behalf_of_id),
            "on_behalf_of_id": c.on_behalf_of_id or "",
            "cameo_name": entry.name if entry else "",
            "plover": c.plover,
            "date_to": c.date_to.isoformat() if c.date_to else "",
            "first_reported": c.first_reported.isoformat() if c.first_reported else "",
            "last_reported": c.last_reported.isoformat() if c.last_reported else "",
            "outlets": "; ".join(c.outlets),
            "via": "; ".join(name(v) for v in c.via_ids),
            "languages": "; ".join(c.languages),
            "content": c.content,
            "confidence": c.confidence,
            "grouping_confidence": c.grouping_confidence,
        }
        for target in list(dict.fromkeys(c.target_ids(TargetRole.target))) or [""]:
            yield {**base, "target": name(target), "target_id": target, "target_country": country(target)}


def to_csv(claims: list[Claim], actors: dict[str, Actor]) -> bytes:
    """GDELT-style CSV of claims (UTF-8, header first; codes as text).

    Examples
    --------
    >>> from graph.claims import Report, group
    >>> from graph.analytics import demo_data
    >>> data = demo_data()
    >>> claims = group(Report(statement=s, outlet_key="o") for s in data.statements)
    >>> lines = to_csv(claims, {a.id: a for a in data.actors}).decode().splitlines()
    >>> lines[0].split(",")[:5]
    ['claim_id', 'date', 'speaker', 'speaker_country', 'relation']
    >>> len(lines)
    5
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(claims, actors))
    return buf.getvalue().encode("utf-8")


def to_jsonl(claims: list[Claim], actors: dict[str, Actor]) -> bytes:
    """One JSON object per claim and target: the columns of :func:`to_csv` plus the whole claim."""
    by_id = {c.id: c for c in claims}
    lines = []
    for row in rows(claims, actors):
        obj = {**row, "claim": by_id[row["claim_id"]].model_dump(mode="json")}
        lines.append(json.dumps(obj, ensure_ascii=False))
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def export(claims: list[Claim], actors: dict[str, Actor], fmt: ClaimFormat) -> bytes:
    writers = {"csv": to_csv, "jsonl": to_jsonl}
    if fmt not in writers:
        raise ValueError(f"unknown claim export format {fmt!r}: csv or jsonl")
    return writers[fmt](claims, actors)
