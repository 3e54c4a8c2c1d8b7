"""RSS and Atom feeds → one Article per entry, with ``feedparser``.

Each entry gives title, link, the longest of its ``content`` or ``summary`` (HTML stripped
to paragraphs), publication time with its original UTC offset (``published`` or
``updated``), and the outlet (known link host, else the feed's title). Language: the
entry's or feed's ``language``, else detected. A feed that is not well-formed but still
yields entries ("bozo") is used, with a warning; a feed with no entries is an
:class:`InputError`. Entries without any text are skipped with a warning.
"""

from __future__ import annotations

import calendar
import io
from datetime import UTC, datetime
from typing import Any

from graph.errors import InputError
from graph.model import Article
from loaders.dates import parse_date
from loaders.intake.common import Collector, make_article
from loaders.intake.htmltext import html_paragraphs


def _get(item: Any, key: str, default: Any = None) -> Any:
    """Plain dict access: feedparser's own ``.get`` maps some missing keys to others (and warns)."""
    return dict.get(item, key, default)


def _entry_time(entry: Any, key: str) -> datetime | None:
    raw = _get(entry, key)
    if raw:
        value = parse_date(str(raw))
        if value is not None:
            return value
    parsed = _get(entry, f"{key}_parsed")
    if parsed:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return None


def _entry_html(entry: Any) -> str:
    candidates = [str(_get(c, "value", "")) for c in _get(entry, "content", []) or []]
    candidates.append(str(_get(entry, "summary", "") or ""))
    return max(candidates, key=len)


def parse_feed(data: bytes, *, source: str, collector: Collector, content_type: str | None = None) -> list[Article]:
    """Parse RSS/Atom bytes into Articles (see the module docstring)."""
    import feedparser

    headers = {"content-type": content_type} if content_type else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = _get(parsed, "entries", [])
    if not entries:
        reason = f" ({_get(parsed, 'bozo_exception')})" if _get(parsed, "bozo") else ""
        raise InputError(f"not a feed or a feed without entries{reason}", source=source)
    if _get(parsed, "bozo"):
        collector.warn(source, f"feed is not well-formed, entries used anyway: {_get(parsed, 'bozo_exception')}")
    feed = _get(parsed, "feed", {})
    feed_title = " ".join(html_paragraphs(str(_get(feed, "title", "") or ""))) or None
    articles: list[Article] = []
    for n, entry in enumerate(entries, start=1):
        where = f"{source} entry {n}"
        title = " ".join(html_paragraphs(str(_get(entry, "title", "") or "")))
        paragraphs = html_paragraphs(_entry_html(entry))
        if not title and not paragraphs:
            collector.warn(source, f"entry {n} has no text; skipped")
            continue
        published = _entry_time(entry, "published") or _entry_time(entry, "updated")
        if published is None:
            collector.warn(where, "no publication date")
        article = make_article(
            title=title,
            paragraphs=paragraphs,
            source=source,
            collector=Collector(),  # per-entry notes below, named by entry
            url=str(_get(entry, "link", "") or "") or None,
            outlet=feed_title,
            language=_get(entry, "language") or _get(feed, "language"),
            published_at=published,
            modified_at=_entry_time(entry, "updated") if _get(entry, "published") else None,
        )
        if article.language is None:
            collector.warn(where, "language could not be detected")
        articles.append(article)
    if not articles:
        raise InputError("not a feed: no entry has a title or text", source=source)
    return articles
