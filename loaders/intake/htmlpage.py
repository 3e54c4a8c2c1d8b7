"""HTML pages → one Article: main text with ``trafilatura``, metadata from the page head.

- text: trafilatura's main-text paragraphs (boilerplate, menus and comments removed);
  a page with less than :data:`MIN_MAIN_LETTERS` letters of main text is an :class:`InputError`.
- url: ``<link rel=canonical>``, else ``og:url``, else the address it was fetched from.
- published_at: the first full timestamp of ``article:published_time``, ``og:published_time``,
  ``datePublished`` (microdata or JSON-LD), ``<time datetime>``; else trafilatura's
  day-precision date at 00:00 UTC (with a warning).
- outlet: known URL host, else ``og:site_name``/trafilatura's site name.
- language: ``<html lang>`` / ``content-language``, else detected from the text.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from graph.errors import InputError
from graph.model import Article
from loaders.dates import parse_date
from loaders.intake.common import Collector, make_article

MIN_MAIN_LETTERS = 40
"""A page whose main text (without its title) has fewer letters is not an article."""

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_PUBLISHED_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//meta[@name='pubdate' or @name='publish-date' or @name='date' or @name='dc.date']/@content",
    "//time[@datetime]/@datetime",
)
_MODIFIED_XPATHS = (
    "//meta[@property='article:modified_time']/@content",
    "//meta[@property='og:updated_time']/@content",
    "//meta[@itemprop='dateModified']/@content",
)


def _first(tree: Any, xpaths: tuple[str, ...] | list[str]) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            if str(value).strip():
                return str(value).strip()
    return None


def _json_ld_dates(tree: Any) -> tuple[str | None, str | None]:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        items = data if isinstance(data, list) else [data, *(data.get("@graph", []) if isinstance(data, dict) else [])]
        for item in items:
            if isinstance(item, dict) and item.get("datePublished"):
                return str(item["datePublished"]), (str(item["dateModified"]) if item.get("dateModified") else None)
    return None, None


def _full_timestamp(value: str | None) -> datetime | None:
    """Only values with a time of day; bare dates are left to the day-precision fallback."""
    if not value or not re.search(r"\d{1,2}:\d{2}", value):
        return None
    return parse_date(value)


def _head_metadata(page: str) -> dict[str, Any]:
    from lxml import etree
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(_XML_DECL_RE.sub("", page, count=1))
    except (etree.ParserError, ValueError):
        return {}
    ld_published, ld_modified = _json_ld_dates(tree)
    return {
        "lang": _first(
            tree, ["/html/@lang", "//html/@lang", "//@xml:lang", "//meta[@http-equiv='content-language']/@content"]
        ),
        "canonical": _first(tree, ["//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"]),
        "site_name": _first(tree, ["//meta[@property='og:site_name']/@content"]),
        "title": _first(tree, ["//meta[@property='og:title']/@content", "//title/text()"]),
        "published": _full_timestamp(_first(tree, _PUBLISHED_XPATHS)) or _full_timestamp(ld_published),
        "modified": _full_timestamp(_first(tree, _MODIFIED_XPATHS)) or _full_timestamp(ld_modified),
    }


def parse_html(page: str, *, source: str, collector: Collector, url: str | None = None) -> Article:
    """Parse one HTML page; ``url`` is where it was fetched from (if it was)."""
    import trafilatura

    meta = _head_metadata(page)
    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura can fail on pathological markup in many ways
        raise InputError(f"HTML could not be parsed: {exc}", source=source) from exc
    body = str(getattr(doc, "text", "") or "") if doc is not None else ""
    title = str(getattr(doc, "title", "") or meta.get("title") or "")
    main = [p for p in body.split("\n") if p.strip() and p.strip() != title.strip()]
    if sum(1 for c in "".join(main) if c.isalpha()) < MIN_MAIN_LETTERS:
        raise InputError("no main text found in the HTML page (menus and boilerplate only?)", source=source)

    page_url = meta.get("canonical") or getattr(doc, "url", None) or url
    if page_url and url:
        page_url = urljoin(url, page_url)
    if page_url and not re.match(r"^https?://", page_url, re.IGNORECASE):
        page_url = url

    published = meta.get("published")
    day = getattr(doc, "date", None)
    if published is None and day:
        published = parse_date(str(day))
        if published is not None:
            collector.warn(source, "publication date has no time of day; 00:00 UTC assumed")

    return make_article(
        title=title,
        paragraphs=body.split("\n"),
        source=source,
        collector=collector,
        url=page_url,
        outlet=meta.get("site_name") or getattr(doc, "sitename", None),
        language=meta.get("lang"),
        published_at=published,
        modified_at=meta.get("modified"),
    )
