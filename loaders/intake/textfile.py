"""The plain-text article format of ``seeds/`` files.

Layout (header lines, then body paragraphs separated by blank lines)::

    Title
    https://outlet.example/path          (optional)
    Outlet - Lead sentence.              (optional)
    (last modified 2026-01-06T05:26:38+00:00 )   (optional)
    Jan 06, 2026 12:24 Asia/Jakarta      (optional date line: date, time, IANA zone)
      • photo caption                    (caption bullets and their indented lines: dropped)
    Body paragraph …

``published_at`` comes from the date line in its zone (offset kept); without a date line
it falls back to the modified time (with a warning). A date line that is there but is not
a date is an error. The outlet comes from the URL host, else from an ``"Outlet - "``
prefix of the lead.
"""

from __future__ import annotations

import re
from datetime import datetime

from graph.errors import InputError
from graph.model import Article
from loaders.dates import parse_date
from loaders.intake.common import Collector, make_article
from loaders.intake.outlets import outlet_for_name

_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
_MODIFIED_RE = re.compile(r"^\(\s*last\s+modified:?\s*(?P<value>[^)]*?)\s*\)$", re.IGNORECASE)
_CAPTION_RE = re.compile(r"^\s+[•·▪●◦]")
_ZONE_RE = re.compile(r"^(?P<when>.*\d.*?)\s+(?P<zone>(?:[A-Za-z_]+/)+[A-Za-z0-9_+\-]+|UTC|GMT)$")
_LEAD_OUTLET_RE = re.compile(r"^(?P<name>[A-Z][\w.&' ]{1,40}?)\s+[-–—]\s+\S")
_DATE_LINE_MAX = 80


def _is_date_candidate(line: str) -> bool:
    return len(line) <= _DATE_LINE_MAX and bool(re.search(r"\d", line))


def _looks_dated(line: str) -> bool:
    """A header line right after the title that is a date line, not a short lead."""
    return bool(_ZONE_RE.match(line)) or (bool(re.search(r"\d{1,2}:\d{2}", line)) and parse_date(line) is not None)


def _parse_date_line(line: str, lineno: int, source: str, collector: Collector) -> datetime:
    zoned = _ZONE_RE.match(line)
    try:
        value = parse_date(zoned.group("when"), tz=zoned.group("zone")) if zoned else parse_date(line)
    except ValueError as exc:  # unknown zone name
        raise InputError(f"line {lineno}: date line {line!r}: {exc}", source=source) from exc
    if value is None:
        raise InputError(f"line {lineno}: date line {line!r} is not a date", source=source)
    if zoned is None and not re.search(r"[+-]\d\d:?\d\d$|Z$|UTC|GMT", line):
        collector.warn(source, f"line {lineno}: date line has no time zone; UTC assumed")
    return value


def _body_paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    in_caption = False
    for line in [*lines, ""]:
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
            current, in_caption = [], False
        elif _CAPTION_RE.match(line) or (in_caption and line[:1].isspace()):
            in_caption = True
        else:
            in_caption = False
            current.append(line.strip())
    return paragraphs


def parse_text(text: str, *, source: str, collector: Collector) -> Article:
    """Parse one plain-text article (see the module docstring for the layout)."""
    lines = [line.rstrip() for line in text.split("\n")]
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise InputError("empty file (no text)", source=source)
    end = start
    while end < len(lines) and lines[end].strip() and not _CAPTION_RE.match(lines[end]):
        end += 1
    header = [(i + 1, lines[i].strip()) for i in range(start, end)]

    title = header[0][1]
    rest = header[1:]
    url = None
    if _URL_RE.match(title) and rest:  # no title line: the file starts with the URL
        url, title, rest = title, rest[0][1], rest[1:]
    elif rest and _URL_RE.match(rest[0][1]):
        url, rest = rest[0][1], rest[1:]

    lead_lines: list[str] = []
    modified_at = published_at = None
    saw_date_line = False
    for lineno, line in rest:
        modified = _MODIFIED_RE.match(line)
        if modified:
            modified_at = parse_date(modified.group("value"))
            if modified_at is None:
                collector.warn(source, f"line {lineno}: unreadable modified time {line!r}")
        elif not saw_date_line and _is_date_candidate(line) and (lead_lines or modified_at or _looks_dated(line)):
            published_at = _parse_date_line(line, lineno, source, collector)
            saw_date_line = True
        else:
            lead_lines.append(line)

    if published_at is None and modified_at is not None:
        collector.warn(source, "no date line; publication date taken from the modified time")
        published_at = modified_at

    outlet = None
    body = _body_paragraphs(lines[end:])
    if lead_lines:
        prefix = _LEAD_OUTLET_RE.match(lead_lines[0])
        if prefix and (outlet_for_name(prefix.group("name")) or len(prefix.group("name").split()) <= 4):
            outlet = prefix.group("name")
            if body and body[0] == lead_lines[0][prefix.end() - 1 :].strip():
                body = body[1:]  # the lead repeated without its "Outlet - " prefix
    return make_article(
        title=title,
        paragraphs=[*lead_lines, *body],
        source=source,
        collector=collector,
        url=url,
        outlet=outlet,
        published_at=published_at,
        modified_at=modified_at,
    )
