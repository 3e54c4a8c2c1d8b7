"""RFC 9457 problem details: every error the API returns is ``application/problem+json``.

The ``graph.errors`` tree maps to status codes here, once: NotFoundError → 404 (with
close-name ``suggestions``), QueryError → 400, InputError → 400 (413 when too large, 415
for a content type we do not read), Unauthorized → 401, Forbidden → 403,
UnsupportedCapability → 501, StoreError → 503, validation errors → 422 with ``errors``.
Unexpected exceptions become a 500 problem without internals.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    ConfigError,
    DiplographError,
    InputError,
    NotFoundError,
    QueryError,
    StoreError,
    UnsupportedCapability,
)

log = logging.getLogger("diplograph.api")

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://diplograph.example/problems/"


class Problem(BaseModel):
    """RFC 9457 problem details object."""

    type: str = Field(description="URI identifying the problem type.")
    title: str
    status: int
    detail: str
    instance: str = Field(description="The request path that failed.")
    suggestions: list[dict[str, Any]] | None = Field(default=None, description="Close actor names (404).")
    errors: list[dict[str, Any]] | None = Field(default=None, description="Validation errors (422).")


def problem_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries (problem+json) for these status codes."""
    return {code: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": TITLES[code]} for code in codes}


TITLES = {
    400: "Invalid query",
    401: "API key missing or wrong",
    403: "Forbidden",
    404: "Not found",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Validation error",
    501: "Not supported by this store",
    503: "Store unavailable",
}
PROBLEM_RESPONSES = problem_responses(400, 404, 413, 422, 501, 503)
"""Problems any endpoint may answer; write endpoints add 401/403/415 (``api.security``)."""


class TooLarge(InputError):
    """The request body is larger than the configured limit."""


class UnsupportedMediaType(InputError):
    """The request body's content type is not one the endpoint reads (415)."""


class Unauthorized(DiplographError):
    """No API key, or a wrong one (401)."""


class Forbidden(DiplographError):
    """Refused whatever the key: a cross-site browser write, or a write from afar with no key configured (403)."""


def problem(
    request: Request,
    status: int,
    slug: str,
    title: str,
    detail: str,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": TYPE_BASE + slug,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _suggestions(exc: BaseException) -> list[dict[str, Any]] | None:
    raw = getattr(exc, "suggestions", None)
    if not raw:
        return None
    out: list[dict[str, Any]] = []
    for s in raw:
        if isinstance(s, BaseModel):
            d = s.model_dump(mode="json")
            out.append({k: d.get(k) for k in ("id", "name", "kind") if k in d})
        elif isinstance(s, dict):
            out.append(s)
        else:
            out.append({"name": str(s)})
    return out


#: Status, problem-type slug and title per class of the exception tree; an exception takes
#: the entry of the nearest class in its MRO (the tree is single inheritance).
_CLASSES: dict[type[DiplographError], tuple[int, str, str]] = {
    NotFoundError: (404, "not-found", "Not found"),
    UnsupportedCapability: (501, "unsupported", "Not supported by this store"),
    TooLarge: (413, "too-large", "Request body too large"),
    UnsupportedMediaType: (415, "unsupported-media-type", "Unsupported media type"),
    Unauthorized: (401, "unauthorized", "API key missing or wrong"),
    Forbidden: (403, "forbidden", "Forbidden"),
    QueryError: (400, "invalid-query", "Invalid query"),
    InputError: (400, "invalid-input", "Input is not a readable article"),
    StoreError: (503, "store-error", "Store error"),
    ConfigError: (500, "config-error", "Server configuration error"),
    DiplographError: (500, "error", "Error"),
}


def _classify(exc: DiplographError) -> tuple[int, str, str]:
    return next(_CLASSES[cls] for cls in type(exc).__mro__ if cls in _CLASSES)


async def _diplograph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DiplographError)
    status, slug, title = _classify(exc)
    if status >= 500:
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    response = problem(request, status, slug, title, str(exc), suggestions=_suggestions(exc))
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="diplograph"'
    return response


def _clean_error(err: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "loc": list(err.get("loc", ())),
        "msg": str(err.get("msg", "")),
        "type": str(err.get("type", "")),
    }
    if "input" in err and isinstance(err["input"], str | int | float | bool):
        inp = err["input"]
        out["input"] = inp[:100] if isinstance(inp, str) else inp
    return out


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_clean_error(e) for e in exc.errors()]
    detail = "; ".join(
        f"{'.'.join(str(p) for p in e['loc'] if p not in ('query', 'path', 'body'))}: {e['msg']}" for e in errors
    )
    return problem(request, 422, "validation", "Validation error", detail or "invalid request", errors=errors)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    title = {**TITLES, 405: "Method not allowed"}.get(exc.status_code, "HTTP error")
    response = problem(request, exc.status_code, f"http-{exc.status_code}", title, str(exc.detail))
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return problem(request, 500, "internal", "Internal server error", "an unexpected error occurred")


def install(app: FastAPI) -> None:
    """Register the problem+json exception handlers on ``app``."""
    app.add_exception_handler(DiplographError, _diplograph_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
