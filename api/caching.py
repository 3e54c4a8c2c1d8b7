"""HTTP caching of reads: ETags from the store's generation, ``If-None-Match`` → 304.

Every ``GET``/``HEAD`` answer of the data routers gets a weak ETag made of the store's
:meth:`~graph.store.GraphStore.generation` — a number every write (ingest, delete) changes,
kept in the store itself, so every worker process and both stores agree on it — and of the
request target. A client that sends it back in ``If-None-Match`` gets ``304 Not Modified``
without the handler running, until a write changes the data. ``Cache-Control: no-cache``
tells caches to revalidate every time, so nothing stale is ever served.

Each worker process also keeps the answers it gave (a :class:`ResponseCache` of
``response_cache_mb``, least recently used out first) under their tag: the same read at the
same generation is answered from memory without running the handler, and a write (any
process's) changes the generation, so nothing cached before it is ever served after it.

Three parts: :func:`conditional_read`, a dependency of the data routers (after any access
check, so a client that may not read never gets a 304 or a cached answer), computes the tag
and answers 304 or from the cache; :class:`ETagMiddleware` puts the tag on the 200 answer
and keeps a copy of it. The generation is read before the handler runs: if a write lands
meanwhile, the answer is filed under the older tag, which no later request asks for.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict

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


class ResponseCache:
    """Answers by key, at most ``max_bytes`` of bodies, least recently used out first; thread-safe.

    >>> cache = ResponseCache(max_bytes=80)  # bodies of at most 80 // 8 bytes are kept
    >>> for key in "abcdefghi":
    ...     cache.put(key, [], b"0123456789")
    >>> cache.get("a") is None, cache.get("i")
    (True, ([], b'0123456789'))
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        if len(body) > self.max_bytes // 8:  # a few large answers must not flush everything else
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old[1])
            self._items[key] = (headers, body)
            self._size += len(body)
            while self._size > self.max_bytes and self._items:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= len(dropped)

    def drop_other_generations(self, generation: int) -> None:
        """Forget answers of older generations (they can never be asked for again)."""
        prefix = f'W/"{generation}-'
        with self._lock:
            for key in [k for k in self._items if not k.startswith(prefix)]:
                self._size -= len(self._items.pop(key)[1])


def _cache_of(request: Request) -> ResponseCache | None:
    app = request.app
    cache: ResponseCache | None = getattr(app.state, "response_cache", None)
    if cache is None:
        from api.deps import get_app_settings_sync

        mb = get_app_settings_sync(request).response_cache_mb
        if mb <= 0:
            return None
        cache = app.state.response_cache = ResponseCache(mb * 1024 * 1024)
    return cache


class CachedAnswer(Exception):  # control flow, not an error: it becomes the cached 200
    def __init__(self, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        super().__init__("cached")
        self.headers = headers
        self.body = body


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
    generation = store.generation()
    etag = etag_for(generation, target)
    request.state.etag = etag
    if_none_match = request.headers.get("if-none-match")
    if if_none_match and matches(if_none_match, etag):
        raise NotModified(etag)
    cache = _cache_of(request)
    if cache is None:
        return
    key = f"{etag} {request.headers.get('accept', '')}"
    hit = cache.get(key)
    if hit is not None:
        raise CachedAnswer(*hit)
    if getattr(request.app.state, "cache_generation", None) != generation:
        request.app.state.cache_generation = generation
        cache.drop_other_generations(generation)
    request.state.cache = (cache, key)


async def _not_modified(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotModified)
    return Response(status_code=304, headers={"ETag": exc.etag, "Cache-Control": "no-cache"})


async def _cached(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CachedAnswer)
    response = Response(content=exc.body, status_code=200)
    response.raw_headers = [*exc.headers, (b"content-length", str(len(exc.body)).encode())]
    return response


#: Largest body buffered for the cache (the cache itself keeps none above an eighth of its size):
#: the network page's graph at 5,000 actors / 20,000 links is about 6 MB.
MAX_CACHED_BODY = 8 * 1024 * 1024


class ETagMiddleware:
    """Pure ASGI middleware: copy the tag :func:`conditional_read` computed onto a 200 answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return

        state = scope.get("state", {})
        keep: list[tuple[bytes, bytes]] | None = None
        body = bytearray()

        async def send_with_etag(message: Message) -> None:
            nonlocal keep
            if message["type"] == "http.response.start" and message["status"] == 200:
                etag = state.get("etag")
                headers = MutableHeaders(scope=message)
                if etag and "etag" not in headers:
                    headers["ETag"] = etag
                    headers["Cache-Control"] = "no-cache"
                    if state.get("cache") is not None and scope["method"] == "GET":
                        keep = [(k, v) for k, v in message["headers"] if k.lower() != b"content-length"]
            elif message["type"] == "http.response.body" and keep is not None:
                body.extend(message.get("body", b""))
                if len(body) > MAX_CACHED_BODY:
                    keep = None
                elif not message.get("more_body", False):
                    cache, key = state["cache"]
                    cache.put(key, keep, bytes(body))
            await send(message)

        await self.app(scope, receive, send_with_etag)


def install(app: FastAPI) -> None:
    """The middleware and the 304 / cached-answer handlers (the dependency goes on the data routers)."""
    app.add_middleware(ETagMiddleware)
    app.add_exception_handler(NotModified, _not_modified)
    app.add_exception_handler(CachedAnswer, _cached)
