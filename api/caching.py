"""HTTP caching of reads: ETags from the store's generation, ``If-None-Match`` → 304.

Every ``GET``/``HEAD`` answer of the data API gets a weak ETag made of the store's
:meth:`~graph.store.GraphStore.generation` — a number every write (ingest, delete) changes,
kept in the store itself, so every worker process and both stores agree on it — and of the
request target. A client that sends it back in ``If-None-Match`` gets ``304 Not Modified``
without the handler running, until an ingest changes the data. ``Cache-Control: no-cache``
tells caches to revalidate every time, so nothing stale is ever served.

The generation is read before the handler runs: if an ingest lands meanwhile, the answer
carries the older generation and the next revalidation fetches it again (never the reverse).
Paths that do not show stored data (health, docs, static files) are left alone.
"""

from __future__ import annotations

import zlib

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.store import GraphStore

UNCACHED_PREFIXES = ("/health", "/docs", "/openapi.json", "/static", "/vendor", "/network", "/redoc")


def etag_for(generation: int, target: bytes) -> str:
    """The weak ETag of ``target`` (path and query) at ``generation``.

    >>> etag_for(7, b"/statements?speaker=aliyev")
    'W/"7-bdff018a"'
    """
    return f'W/"{generation}-{zlib.crc32(target):08x}"'


def matches(if_none_match: str, etag: str) -> bool:
    """``If-None-Match`` matches ``etag`` (weak comparison, ``*`` matches anything).

    >>> matches('"x", W/"7-bdff018a"', 'W/"7-bdff018a"'), matches('W/"6-bdff018a"', 'W/"7-bdff018a"')
    (True, False)
    """
    wanted = etag.removeprefix("W/")
    for tag in if_none_match.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


class ETagMiddleware:
    """Pure ASGI middleware: ETag on 200 answers to reads, 304 when the client's copy is current."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        store: GraphStore | None = getattr(scope["app"].state, "store", None) if "app" in scope else None
        if store is None or path == "/" or path.startswith(UNCACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        generation = await run_in_threadpool(store.generation)  # a store call: never on the event loop
        target = scope.get("raw_path") or path.encode()
        if scope.get("query_string"):
            target += b"?" + scope["query_string"]
        etag = etag_for(generation, target)
        if_none_match = Headers(scope=scope).get("if-none-match")
        if if_none_match and matches(if_none_match, etag):
            headers = [(b"etag", etag.encode()), (b"cache-control", b"no-cache")]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_etag(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                headers = MutableHeaders(scope=message)
                if "etag" not in headers:
                    headers["ETag"] = etag
                    headers["Cache-Control"] = "no-cache"
            await send(message)

        await self.app(scope, receive, send_with_etag)
