"""The outer layers of the app: Host allowlist, CORS and the request-body limit.

They are configured from the app's :class:`~graph.settings.Settings`, which the lifespan
puts on ``app.state`` (so importing the app reads nothing from the environment); the
stack is built at the first request and rebuilt only if the settings object changes.

- ``TrustedHostMiddleware``: only the loopback names, ``host`` and ``allowed_hosts`` are
  answered, so a DNS-rebinding page (``Host: evil.example``) gets 400.
- ``CORSMiddleware``: off unless ``cors_origins`` lists origins.
- :class:`BodyLimit`: a body larger than ``max_request_bytes`` (``max_article_bytes`` for
  ``POST /articles``) gets 413 before the app reads it all.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem
from graph.settings import Settings, get_settings

ARTICLES_PATH = "/articles"


def _settings_of(scope: Scope) -> Settings:
    app = scope.get("app")
    settings: Settings | None = getattr(getattr(app, "state", None), "settings", None)
    return settings or get_settings()


class BodyLimit:
    """413 for bodies over the limit: by Content-Length at once, else while they stream in.

    Bodies other than article uploads are read here (at most ``limit`` bytes) and replayed
    to the app; ``POST /articles`` streams its body itself under ``article_limit``.
    """

    def __init__(self, app: ASGIApp, *, limit: int, article_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.article_limit = article_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        uploads = scope.get("path") == ARTICLES_PATH
        limit = self.article_limit if uploads else self.limit
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send, f"request body of {declared} bytes exceeds {limit} bytes")
            return
        if uploads:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await self._too_large(scope, receive, send, f"request body exceeds {limit} bytes")
                return
            if not message.get("more_body", False):
                break
        body: Message = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        await self.app(scope, _replay([body], receive), send)

    @staticmethod
    async def _too_large(scope: Scope, receive: Receive, send: Send, detail: str) -> None:
        response = problem(Request(scope), 413, "too-large", "Request body too large", f"the {detail}")
        await response(scope, receive, send)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


class Guard:
    """Host allowlist → CORS (if configured) → body limit → the app, from the app's settings."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._built: tuple[Settings, ASGIApp] | None = None

    def _stack(self, settings: Settings) -> ASGIApp:
        if self._built is not None and self._built[0] is settings:
            return self._built[1]
        inner: ASGIApp = BodyLimit(self.app, limit=settings.max_request_bytes, article_limit=settings.max_article_bytes)
        if settings.cors_origins:
            inner = CORSMiddleware(
                inner,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST", "DELETE"],
                allow_headers=["Authorization", "X-API-Key", "Content-Type"],
                expose_headers=["Link"],
            )
        stack = TrustedHostMiddleware(inner, allowed_hosts=settings.trusted_hosts(), www_redirect=False)
        self._built = (settings, stack)
        return stack

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        await self._stack(_settings_of(scope))(scope, receive, send)
