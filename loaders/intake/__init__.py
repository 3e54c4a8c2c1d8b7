"""Intake: files, folders, URLs and bytes → :class:`graph.model.Article`.

- ``load_path(path)``: a file (seed text ``.txt``, ``.html``/``.htm``, RSS/Atom
  ``.xml``/``.rss``/``.atom``, ``.jsonl``) or a folder of them (recursive, sorted, hidden
  files skipped, unknown extensions skipped with a warning); returns one or more Articles.
  Files with another or no extension are sniffed (HTML, feed, JSON Lines, else text).
- ``load_bytes(data, name=..., content_type=None)``: same, from memory (API uploads).
- ``load_url(url)``: fetch a page or feed with httpx (http/https only) and parse it by
  its content type.

Each Article has ``text`` (the title, then lead and body paragraphs, blank-line separated;
photo captions dropped; statement offsets index into it), ``title``, ``url``, ``outlet``
(and ``outlet_id`` for outlets listed in ``loaders/data/outlets.csv``), ``language``
(ISO 639-1, detected when the source does not say), timezone-aware ``published_at`` and
``source`` (the path or URL).

Anything that is not an article raises :class:`graph.errors.InputError` naming the source:
binary, empty, undecodable or oversized (``max_article_bytes``) input, a bad date line,
a page without main text, a feed without entries, a bad JSON line (the whole file fails).
In a folder the first bad file fails the whole load unless ``skip_errors=True``, which
turns bad files into warnings.

Warnings (missing date, undetectable language, skipped files, ill-formed feeds) are logged
on the ``diplograph.intake`` logger and returned by the ``*_with_warnings`` variants in a
:class:`Loaded` (articles + warnings).
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.errors import InputError
from graph.model import Article
from loaders.intake.common import Collector, Loaded
from loaders.intake.decode import check_size, decode_text

__all__ = [
    "EXTENSIONS",
    "Loaded",
    "load_bytes",
    "load_bytes_with_warnings",
    "load_path",
    "load_path_with_warnings",
    "load_url",
    "load_url_with_warnings",
]

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""File extensions intake reads, and the format each means."""

_CONTENT_TYPES = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
    "text/plain": "text",
}
_NOT_TEXT = {"application/pdf", "application/zip", "application/gzip", "application/octet-stream"}


def sniff(data: bytes) -> str:
    """Guess the format of ``data`` from its first bytes: html, feed, jsonl or text.

    >>> sniff(b"<?xml version='1.0'?><rss version='2.0'>"), sniff(b"  <!DOCTYPE html><html>")
    ('feed', 'html')
    >>> sniff(b'{"text": "x"}'), sniff(b"Title\\nBody")
    ('jsonl', 'text')
    """
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.match(rb"<(!doctype html|html[\s>])", head) or (head.startswith(b"<") and b"<html" in head):
        return "html"
    if re.match(rb"<\?xml|<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]", head):
        return "feed"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<") and re.search(rb"<(p|div|body|head|title|article)[\s>]", head):
        return "html"
    return "text"


def _parse(
    data: bytes,
    kind: str,
    *,
    source: str,
    collector: Collector,
    url: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
) -> list[Article]:
    if not data.strip():
        raise InputError("empty file (no text)", source=source)
    if kind == "jsonl":
        from loaders.intake.jsonl import parse_jsonl

        return parse_jsonl(data.splitlines(), source=source, collector=collector)
    check_size(len(data), source=source)
    if kind == "feed":
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError("binary data (NUL bytes), not a feed", source=source)
        from loaders.intake.feeds import parse_feed

        return parse_feed(data, source=source, collector=collector, content_type=content_type)
    text = decode_text(data, source=source, declared=charset)
    if not text.strip():
        raise InputError("empty file (no text)", source=source)
    if kind == "html":
        from loaders.intake.htmlpage import parse_html

        return [parse_html(text, source=source, collector=collector, url=url)]
    from loaders.intake.textfile import parse_text

    return [parse_text(text, source=source, collector=collector)]


def _kind_for_name(name: str, data: bytes) -> str:
    kind = EXTENSIONS.get(Path(name).suffix.lower())
    if kind == "feed" and sniff(data) == "html":  # .xml holding XHTML
        return "html"
    return kind or sniff(data)


def _load_file(path: Path, collector: Collector) -> list[Article]:
    source = str(path)
    try:
        size = path.stat().st_size
        kind = EXTENSIONS.get(path.suffix.lower())
        if kind == "jsonl":
            from loaders.intake.jsonl import parse_jsonl

            with path.open("rb") as handle:  # streamed: the size limit applies per line
                return parse_jsonl(handle, source=source, collector=collector)
        check_size(size, source=source)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", source=source) from exc
    return _parse(data, _kind_for_name(path.name, data), source=source, collector=collector)


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def load_path_with_warnings(path: str | Path, *, skip_errors: bool = False) -> Loaded:
    """Like :func:`load_path`, also returning the warnings."""
    root = Path(path)
    collector = Collector()
    if not root.exists():
        raise InputError("no such file or folder", source=str(root))
    if not root.is_dir():
        return collector.loaded(_load_file(root, collector))
    articles: list[Article] = []
    for file in sorted(p for p in root.rglob("*") if p.is_file() and not _is_hidden(p, root)):
        if file.suffix.lower() not in EXTENSIONS:
            collector.warn(str(file), "skipped: not a known article file type")
            continue
        try:
            articles.extend(_load_file(file, collector))
        except InputError as exc:
            if not skip_errors:
                raise
            collector.warn(str(file), f"skipped: {exc}")
    if not articles:
        collector.warn(str(root), "folder holds no article files")
    return collector.loaded(articles)


def load_path(path: str | Path, *, skip_errors: bool = False) -> list[Article]:
    """Articles from a file or a folder of files (see the module docstring)."""
    return load_path_with_warnings(path, skip_errors=skip_errors).articles


def load_bytes_with_warnings(data: bytes, *, name: str, content_type: str | None = None) -> Loaded:
    """Like :func:`load_bytes`, also returning the warnings."""
    collector = Collector()
    mime, charset = _split_content_type(content_type)
    kind = _CONTENT_TYPES.get(mime) if mime else None
    if kind in (None, "text"):
        kind = _kind_for_name(name, data) if kind is None or Path(name).suffix else kind
    elif kind == "feed" and sniff(data) == "html":
        kind = "html"
    articles = _parse(data, kind, source=name, collector=collector, content_type=content_type, charset=charset)
    return collector.loaded(articles)


def load_bytes(data: bytes, *, name: str, content_type: str | None = None) -> list[Article]:
    """Articles from in-memory bytes; ``name`` (a file name) picks the format and names errors."""
    return load_bytes_with_warnings(data, name=name, content_type=content_type).articles


def _split_content_type(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type:
        return None, None
    mime, _, params = content_type.partition(";")
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", params, re.IGNORECASE)
    return mime.strip().lower() or None, match.group(1) if match else None


def load_url_with_warnings(url: str) -> Loaded:
    """Like :func:`load_url`, also returning the warnings."""
    from loaders.intake.fetch import fetch

    fetched = fetch(url)
    collector = Collector()
    mime, charset = _split_content_type(fetched.content_type)
    if (mime and mime.split("/")[0] in ("image", "audio", "video", "font")) or mime in _NOT_TEXT:
        raise InputError(f"unsupported content type {mime!r}: not a page or a feed", source=url)
    kind = _CONTENT_TYPES.get(mime or "")
    if kind in (None, "text") or (kind == "feed" and sniff(fetched.data) == "html"):
        sniffed = sniff(fetched.data)
        kind = sniffed if kind is None or sniffed != "text" else kind
    articles = _parse(
        fetched.data,
        kind,
        source=url,
        collector=collector,
        url=fetched.final_url,
        content_type=fetched.content_type,
        charset=charset,
    )
    return collector.loaded(articles)


def load_url(url: str) -> list[Article]:
    """Fetch ``url`` (http/https) and read the page or feed found there."""
    return load_url_with_warnings(url).articles
