"""Streaming intake: sources → small, picklable work :class:`Unit` objects, read lazily.

A large JSON Lines file or a folder is never read whole: :func:`iter_units` yields one unit
per JSON line and one per article file, as it walks, so memory stays bounded by the units in
flight. A unit carries its bytes (a line, or a file of at most ``max_article_bytes``), so it
can be parsed anywhere: in this process, in a process pool or on a Dask worker without the
files. :func:`load_unit` turns one unit into its articles.

Failures are per unit: a source that cannot be listed or read, a file that is too large,
yields a :class:`UnitFailure` and the walk goes on; a bad JSON line fails that line only
(``load_unit`` raises :class:`InputError` naming the file and line number).

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "news.jsonl").write_text('{"text": "One."}\\n\\n{"text": "Two."}\\n')
>>> [(u.source, u.lineno) for u in iter_units(folder)]  # doctest: +ELLIPSIS
[('.../news.jsonl', 1), ('.../news.jsonl', 3)]
>>> [a.text for u in iter_units(folder) for a in load_unit(u).articles]
['One.', 'Two.']
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from graph.errors import InputError
from loaders.intake import EXTENSIONS, load_bytes_with_warnings, load_url_with_warnings
from loaders.intake.common import Collector, Loaded
from loaders.intake.decode import check_size

log = logging.getLogger("diplograph.intake")

UnitKind = Literal["file", "line", "url"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One piece of work for extraction: a whole article file, one JSON line, or a URL."""

    source: str
    """The file path or URL (what messages name)."""
    kind: UnitKind
    data: bytes = b""
    """The file's bytes or the JSON line; empty for a URL (fetched where the unit is loaded)."""
    lineno: int = 0
    """1-based line number of a JSON line; 0 otherwise."""

    @property
    def where(self) -> str:
        """``source`` or ``source:line`` for a JSON line."""
        return f"{self.source}:{self.lineno}" if self.kind == "line" else self.source


@dataclass(frozen=True, slots=True)
class UnitFailure:
    """A source (or part of one) that yielded no unit: missing, unreadable, too large."""

    source: str
    error: str


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def iter_units(source: str | Path) -> Iterator[Unit | UnitFailure]:
    """Units of a file, a folder (recursive, sorted, hidden files skipped) or a URL, lazily."""
    name = str(source)
    if isinstance(source, str) and is_url(source):
        yield Unit(source=name, kind="url")
        return
    root = Path(source)
    if not root.exists():
        yield UnitFailure(name, str(InputError("no such file or folder", source=name)))
        return
    if not root.is_dir():
        yield from _file_units(root, sniff_jsonl=True)
        return
    found = False
    for path in _walk(root):
        if path.suffix.lower() not in EXTENSIONS:
            log.warning("%s: skipped: not a known article file type", path)
            continue
        found = True
        yield from _file_units(path, sniff_jsonl=False)
    if not found:
        log.warning("%s: folder holds no article files", root)


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in sorted order, one directory listing at a time; hidden ones skipped."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _file_units(path: Path, *, sniff_jsonl: bool) -> Iterator[Unit | UnitFailure]:
    source = str(path)
    kind = EXTENSIONS.get(path.suffix.lower())
    try:
        if kind == "jsonl" or (kind is None and sniff_jsonl and _starts_like_json(path)):
            yield from _line_units(path)
            return
        check_size(path.stat().st_size, source=source)
        data = path.read_bytes()
    except InputError as exc:
        yield UnitFailure(source, str(exc))
        return
    except OSError as exc:
        yield UnitFailure(source, str(InputError(f"cannot read file: {exc.strerror or exc}", source=source)))
        return
    yield Unit(source=source, kind="file", data=data)


def _starts_like_json(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _line_units(path: Path) -> Iterator[Unit | UnitFailure]:
    """One unit per non-blank line; the file is read line by line, never whole."""
    source = str(path)
    limit = _line_limit()
    empty = True
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            if len(raw) > limit:
                empty = False
                try:
                    check_size(len(raw), source=source, where=f"line {lineno}: ")
                except InputError as exc:
                    yield UnitFailure(f"{source}:{lineno}", str(exc))
                continue
            if raw.strip():
                empty = False
                yield Unit(source=source, kind="line", data=raw, lineno=lineno)
    if empty:
        yield UnitFailure(source, str(InputError("no articles (empty JSON Lines file)", source=source)))


def _line_limit() -> int:
    from graph.settings import get_settings

    return get_settings().max_article_bytes


def load_unit(unit: Unit) -> Loaded:
    """The articles of one unit and its warnings (logged here); :class:`InputError` if it holds none."""
    if unit.kind == "url":
        return load_url_with_warnings(unit.source)
    if unit.kind == "file":
        return load_bytes_with_warnings(unit.data, name=unit.source)
    from loaders.intake.decode import decode_text
    from loaders.intake.jsonl import parse_record

    line = decode_text(unit.data, source=unit.where).strip()
    collector = Collector()
    article = parse_record(line, unit.lineno, unit.source, collector)
    return collector.loaded([article])
