"""Property tests over every loader: random bytes, Unicode, HTML, feeds and JSON Lines give a
valid result or the project's own error (InputError / DiplographError), never another exception."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graph.errors import DiplographError
from graph.model import Article
from loaders.intake import load_bytes, sniff
from loaders.intake.common import Collector
from loaders.intake.decode import decode_text
from loaders.intake.feeds import parse_feed
from loaders.intake.htmlpage import parse_html
from loaders.intake.jsonl import parse_jsonl
from loaders.intake.textfile import parse_text

EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

WORDS = st.sampled_from(
    ["Presiden", "said", "Erdoğan", "Türkiye", "déclaré", "dijo", "\u200b", "«", "»", '"', "'", "&amp;", "&#0;",
     "\ufeff", "\x00", "\r\n", "\n\n", "2026-01-06", "Jan 06, 2026 12:24 Asia/Jakarta", "<", ">", "\ud7ff", "𝒜",
     "ا", "中文", "https://example.org/a", "]]>", "<!--", "-->", "\\u0000"]
)  # fmt: skip
TEXTISH = st.lists(st.one_of(WORDS, st.text(max_size=40)), max_size=40).map(" ".join)
TAGS = st.sampled_from(["p", "div", "article", "h1", "title", "script", "style", "meta", "time", "br", "a", "x:y"])


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts = ["<!DOCTYPE html><html>" if draw(st.booleans()) else "<html>"]
    if draw(st.booleans()):
        parts.append(f"<head><title>{draw(TEXTISH)}</title>")
        if draw(st.booleans()):
            parts.append(f'<meta property="article:published_time" content="{draw(TEXTISH)}">')
        if draw(st.booleans()):
            parts.append(f'<script type="application/ld+json">{draw(TEXTISH)}</script>')
        parts.append("</head>")
    for _ in range(draw(st.integers(0, 12))):
        tag = draw(TAGS)
        closed = draw(st.booleans())
        parts.append(f"<{tag}>{draw(TEXTISH)}" + (f"</{tag}>" if closed else ""))
    if draw(st.booleans()):
        parts.append("</html>")
    return "".join(parts)


@st.composite
def feeds(draw: st.DrawFn) -> str:
    entries = "".join(
        f"<item><title>{draw(TEXTISH)}</title><link>{draw(TEXTISH)}</link>"
        f"<pubDate>{draw(TEXTISH)}</pubDate><description>{draw(TEXTISH)}</description></item>"
        for _ in range(draw(st.integers(0, 4)))
    )
    head = draw(st.sampled_from(["<?xml version='1.0' encoding='utf-8'?>", "<?xml version='1.0'?>", ""]))
    return f"{head}<rss version='2.0'><channel><title>{draw(TEXTISH)}</title>{entries}</channel></rss>"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTISH,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=10,
)


@st.composite
def jsonl_documents(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(0, 4))):
        record: dict[str, Any] = draw(st.dictionaries(
            st.sampled_from(["url", "title", "text", "published", "modified", "outlet", "language", "extra"]),
            st.one_of(TEXTISH, JSON_VALUES), max_size=8,
        ))  # fmt: skip
        if draw(st.booleans()):
            record["text"] = draw(TEXTISH)
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    if draw(st.booleans()):
        lines.append(draw(TEXTISH))  # a broken line
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace") if encoding != "utf-8" else text.encode("utf-8", "surrogatepass")


ENCODINGS = st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "utf-8-sig"])


def _only_our_errors(call: Callable[[], object]) -> object:
    try:
        return call()
    except DiplographError:
        return None


def _valid(articles: object) -> None:
    if articles is None:
        return
    assert isinstance(articles, list)
    for article in articles:
        assert isinstance(article, Article)
        Article.model_validate(article.model_dump())  # the result is a valid model
        assert article.text.strip()


CONTENT_TYPES = st.sampled_from(
    [None, "text/plain", "text/plain; charset=latin-1", "text/html", "application/xhtml+xml", "application/rss+xml",
     "application/atom+xml", "application/xml", "text/xml", "application/x-ndjson", "text/html; charset=bogus-enc"]
)  # fmt: skip
NAMES = st.sampled_from(["upload.txt", "upload.html", "feed.xml", "feed.rss", "a.atom", "a.jsonl", "noext", "x.bin"])


@EXAMPLES
@given(data=st.binary(max_size=4000), name=NAMES, content_type=CONTENT_TYPES)
@example(data=b"\xff\xfe\x00\xd8", name="upload.txt", content_type="text/plain")
@example(data=b"<rss><channel><item>", name="feed.xml", content_type=None)
@example(data=b"{" * 3000, name="a.jsonl", content_type=None)
def test_load_bytes_on_random_bytes(data: bytes, name: str, content_type: str | None) -> None:
    _valid(_only_our_errors(lambda: load_bytes(data, name=name, content_type=content_type)))
    assert sniff(data) in ("html", "feed", "jsonl", "text")


@EXAMPLES
@given(text=TEXTISH, encoding=ENCODINGS, name=NAMES, content_type=CONTENT_TYPES)
def test_load_bytes_on_random_text(text: str, encoding: str, name: str, content_type: str | None) -> None:
    data = _encoded(text, encoding)
    _valid(_only_our_errors(lambda: load_bytes(data, name=name, content_type=content_type)))


@EXAMPLES
@given(page=html_documents(), encoding=ENCODINGS)
def test_html_pages(page: str, encoding: str) -> None:
    data = _encoded(page, encoding)
    _valid(_only_our_errors(lambda: load_bytes(data, name="page.html", content_type="text/html")))
    _valid(_only_our_errors(lambda: [parse_html(page, source="page.html", collector=Collector())]))


@EXAMPLES
@given(feed=feeds(), encoding=st.sampled_from(["utf-8", "latin-1"]))
def test_feeds(feed: str, encoding: str) -> None:
    data = _encoded(feed, encoding)
    _valid(_only_our_errors(lambda: parse_feed(data, source="feed.xml", collector=Collector())))
    _valid(_only_our_errors(lambda: load_bytes(data, name="feed.rss", content_type="application/rss+xml")))


@EXAMPLES
@given(data=jsonl_documents())
def test_json_lines(data: bytes) -> None:
    _valid(_only_our_errors(lambda: parse_jsonl(data.splitlines(), source="a.jsonl", collector=Collector())))
    _valid(_only_our_errors(lambda: load_bytes(data, name="a.jsonl", content_type="application/x-ndjson")))


@EXAMPLES
@given(text=TEXTISH)
def test_plain_text(text: str) -> None:
    _valid(_only_our_errors(lambda: [parse_text(text, source="a.txt", collector=Collector())]))


@EXAMPLES
@given(data=st.binary(max_size=2000), declared=st.sampled_from([None, "utf-8", "latin-1", "bogus", "utf-16", "ascii"]))
def test_decode(data: bytes, declared: str | None) -> None:
    result = _only_our_errors(lambda: decode_text(data, source="x", declared=declared))
    assert result is None or isinstance(result, str)


def test_the_properties_can_fail() -> None:
    """The harness lets foreign exceptions through (so the properties above mean something)."""
    with pytest.raises(ZeroDivisionError):
        _only_our_errors(lambda: 1 / 0)
