"""Reading an article upload (``POST /articles``): size, content type, and body-vs-type checks.

Only the documented content types are read (:data:`ARTICLE_TYPES`); anything else, a
missing type included, is 415. The body must be what its type says: ``application/json``
holds one JSON object (an array or a scalar is 400; send several articles as JSON Lines),
and a ``text/plain`` body that is JSON is 415 (it was meant as ``application/json``; this
is also what a cross-site form post looks like). Nothing is stored when a check fails.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.requests import Request

from api.problems import TooLarge, UnsupportedMediaType
from graph.errors import InputError

ARTICLE_TYPES: dict[str, str] = {
    "text/plain": ".txt",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/json": ".jsonl",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/x-jsonlines": ".jsonl",
    "application/rss+xml": ".rss",
    "application/atom+xml": ".atom",
    "application/rdf+xml": ".rss",
    "application/xml": ".xml",
    "text/xml": ".xml",
}
"""Content types ``POST /articles`` reads, with the file extension each stands for."""

JSONL = "application/x-ndjson"


@dataclass(frozen=True)
class Upload:
    data: bytes
    content_type: str
    """The content type as sent (with its charset), or JSONL for a JSON object."""
    name: str


def media_type(header: str | None) -> str:
    """The bare, lower-case media type of a Content-Type header ('' when absent).

    >>> media_type("Text/Plain; charset=UTF-8")
    'text/plain'
    """
    return (header or "").split(";", 1)[0].strip().lower()


async def json_body_only(request: Request) -> None:
    """415 unless the request body is declared ``application/json`` (for JSON-body routes)."""
    mime = media_type(request.headers.get("content-type"))
    if mime != "application/json":
        raise UnsupportedMediaType(f"send the body as application/json, not {mime or 'without a content type'}")


def _json_value(data: bytes) -> object:
    """The JSON value of ``data``, or a marker object when it is not JSON."""
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return _NOT_JSON


_NOT_JSON = object()


async def read_upload(request: Request, *, limit: int, name: str | None) -> Upload:
    """Check and read the body of an article upload (see the module docstring)."""
    header = request.headers.get("content-type")
    mime = media_type(header)
    source = name or "request body"
    if mime not in ARTICLE_TYPES:
        shown = f"{mime!r}" if mime else "none"
        raise UnsupportedMediaType(
            f"content type {shown} is not read here; send one of: {', '.join(ARTICLE_TYPES)}", source=source
        )
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"body of {declared} bytes exceeds the limit of {limit}", source=source)
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > limit:
            raise TooLarge(f"body exceeds the limit of {limit} bytes", source=source)
    body = bytes(data)
    if not body.strip():
        raise InputError("empty request body", source=source)
    filename = name or "upload" + ARTICLE_TYPES[mime]
    if mime == "application/json":
        value = _json_value(body)
        if value is _NOT_JSON:
            raise InputError("the body is not valid JSON", source=source)
        if not isinstance(value, dict):
            raise InputError(
                f"expected one JSON object, got a JSON {type(value).__name__}; "
                "send several articles as JSON Lines (application/x-ndjson)",
                source=source,
            )
        line = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
        return Upload(data=line, content_type=JSONL, name=filename)
    if mime == "text/plain" and body.lstrip()[:1] in (b"{", b"[") and _json_value(body) is not _NOT_JSON:
        raise UnsupportedMediaType("the body is JSON sent as text/plain: send it as application/json", source=source)
    return Upload(data=body, content_type=header or mime, name=filename)
