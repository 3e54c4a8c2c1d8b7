"""HTTP caching of reads: ETags from the store's generation, ``If-None-Match`` → 304.

Every ``GET``/``HEAD`` answer of the data routers gets a weak ETag made of the store's
:meth:`~graph.store.GraphStore.generation` — a number every write (ingest, delete) changes,
kept in the store itself, so every worker process and both stores agree on it — and of the
request target. A client that sends it back in ``If-None-Match`` gets ``304 Not Modified``
without the handler running, until a write changes the data. ``Cache-Control: no-cache``
tells caches to revalidate every time, so nothing stale is ever served.

Two parts: :func:`conditional_read`, a dependency of the data routers (after any access
check, so a client that may not read never gets a 304), computes the tag and answers 304;
:class:`ETagMiddleware` puts that tag on the 200 answer. The generation is read before the
handler runs: if a write lands meanwhile, the answer carries the older tag and the next
revalidation fetches it again (never the reverse).
"""

from __future__ import annotations

import zlib

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import StoreDep


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


class NotModified(Exception):  # control flow, not an error (not a DiplographError): it becomes a 304
    """The client's copy (``If-None-Match``) is current."""

    def __init__(self, etag: str) -> None:
        super().__init__(etag)
        self.etag = etag


def conditional_read(request: Request, store: StoreDep) -> None:
    """Dependency of the data routers: tag the request, or answer 304 if the client's tag is current.

    A ``def`` dependency, so FastAPI runs it (a store call) in its threadpool, off the event loop.
    """
    if request.method not in ("GET", "HEAD"):
        return
    target = request.scope.get("raw_path") or request.url.path.encode()
    if request.scope.get("query_string"):
        target += b"?" + request.scope["query_string"]
    etag = etag_for(store.generation(), target)
    request.state.etag = etag
    if_none_match = request.headers.get("if-none-match")
    if if_none_match and matches(if_none_match, etag):
        raise NotModified(etag)


async def _not_modified(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotModified)
    return Response(status_code=304, headers={"ETag": exc.etag, "Cache-Control": "no-cache"})


class ETagMiddleware:
    """Pure ASGI middleware: copy the tag :func:`conditional_read` computed onto a 200 answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return

        async def send_with_etag(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                etag = scope.get("state", {}).get("etag")
                headers = MutableHeaders(scope=message)
                if etag and "etag" not in headers:
                    headers["ETag"] = etag
                    headers["Cache-Control"] = "no-cache"
            await send(message)

        await self.app(scope, receive, send_with_etag)


def install(app: FastAPI) -> None:
    """The middleware and the 304 handler (the dependency goes on the data routers)."""
    app.add_middleware(ETagMiddleware)
    app.add_exception_handler(NotModified, _not_modified)
