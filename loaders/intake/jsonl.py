"""JSON Lines: one article per line, ``{"text": …}`` plus optional ``url``, ``title``,
``outlet``, ``language``, a publication date under ``published_at`` (the name the API
returns), ``published`` or ``date``, and a modification date under ``modified_at`` or
``modified`` (:data:`PUBLISHED_KEYS`, :data:`MODIFIED_KEYS`; the first one present wins).
A line without a date stays undated: no date is made up.

A bad line (not JSON, not an object, no non-empty ``text``, a field of the wrong type,
an unreadable ``published`` date, a line above the size limit) fails the **whole file**
with an :class:`InputError` naming the file and line number, so nothing of a half-read
file is stored by :func:`loaders.intake.load_path`. ``diplograph ingest`` streams instead
(:mod:`loaders.intake.stream`): there a bad line fails alone and the other lines are stored. Blank lines are skipped; unknown keys are ignored with a warning. The text
is kept as written, after the title (see :mod:`loaders.intake.common`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from graph.errors import InputError
from graph.model import Article
from loaders.dates import parse_date
from loaders.intake.common import Collector, make_article
from loaders.intake.decode import check_size, decode_text

PUBLISHED_KEYS = ("published_at", "published", "date")
"""Keys read as the publication date, in order of preference."""
MODIFIED_KEYS = ("modified_at", "modified")
"""Keys read as the last-modified date (which revision is newer), in order of preference."""
FIELDS = ("url", "title", "text", *PUBLISHED_KEYS, *MODIFIED_KEYS, "outlet", "language")


def _line_article(record: Any, lineno: int, source: str, collector: Collector) -> Article:
    def fail(message: str) -> InputError:
        return InputError(f"line {lineno}: {message}", source=source)

    if not isinstance(record, dict):
        raise fail("expected a JSON object")
    for key in FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise fail(f"field {key!r} must be a string")
    text = (record.get("text") or "").strip()
    if not text:
        raise fail("field 'text' is missing or empty")
    unknown = sorted(set(record) - set(FIELDS))
    if unknown:
        collector.warn(source, f"line {lineno}: unknown keys ignored: {', '.join(unknown)}")
    dates = {}
    for kind, keys in (("published", PUBLISHED_KEYS), ("modified", MODIFIED_KEYS)):
        given = next((k for k in keys if record.get(k)), None)
        if given is not None:
            dates[kind] = parse_date(record[given])
            if dates[kind] is None:
                raise fail(f"field {given!r} is not a date: {record[given]!r}")
    return make_article(
        title=record.get("title") or "",
        paragraphs=text.replace("\r\n", "\n").split("\n\n"),
        source=source,
        collector=collector,
        url=record.get("url"),
        outlet=record.get("outlet"),
        language=record.get("language"),
        published_at=dates.get("published"),
        modified_at=dates.get("modified"),
    )


def parse_record(line: str, lineno: int, source: str, collector: Collector) -> Article:
    """One JSON line (decoded, non-blank) → an Article, or :class:`InputError` naming file and line."""
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise InputError(f"line {lineno}: not valid JSON ({exc})", source=source) from exc
    return _line_article(record, lineno, source, collector)


def parse_jsonl(lines: Iterable[bytes], *, source: str, collector: Collector) -> list[Article]:
    """Parse JSON Lines (raw byte lines); each line is size-checked on its own."""
    articles: list[Article] = []
    notes = Collector()  # kept only if the whole file is good
    for lineno, raw in enumerate(lines, start=1):
        check_size(len(raw), source=source, where=f"line {lineno}: ")
        line = decode_text(raw, source=f"{source} line {lineno}").strip()
        if line:
            articles.append(parse_record(line, lineno, source, notes))
    if not articles:
        raise InputError("no articles (empty JSON Lines file)", source=source)
    collector.warnings.extend(notes.warnings)
    return articles
