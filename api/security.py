"""Who may write (and, if configured, read): API keys, loopback clients, cross-site browsers.

``WriteAccess`` guards every route that changes the graph; ``ReadAccess`` every read route
(open unless ``read_requires_key``). A key comes as ``Authorization: Bearer <key>`` or
``X-API-Key: <key>`` and is compared in constant time against every configured key.
Keys are never logged or echoed.

With no key configured (``DIPLOGRAPH_API_KEY`` unset) only loopback clients may write:
a request whose peer is not a loopback address, or that came through a proxy
(``Forwarded``/``X-Forwarded-For``), gets 403.

A browser on the same machine is a loopback client, so writes also refuse cross-site
browser requests (``Sec-Fetch-Site``/``Origin`` not this server and not an allowed CORS
origin): a page elsewhere cannot post an article through the user's browser.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
from collections.abc import Sequence
from typing import Annotated, Literal
from urllib.parse import urlsplit

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from api.deps import SettingsDep
from api.problems import Forbidden, Unauthorized, problem_responses
from graph.settings import Settings

log = logging.getLogger("diplograph.api")

Access = Literal["key", "loopback", "open"]
"""How a request was admitted: a valid key, a loopback client (no key configured), or open reads."""

_bearer = HTTPBearer(auto_error=False, description="An API key (DIPLOGRAPH_API_KEY) as a bearer token.")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key (DIPLOGRAPH_API_KEY).")
_PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")

WRITE_RESPONSES = problem_responses(401, 403)
"""OpenAPI responses every write route adds."""


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def key_matches(presented: str, keys: Sequence[SecretStr]) -> bool:
    """True when ``presented`` equals one of ``keys``; constant time in the key contents.

    Every key is compared (no early exit), on SHA-256 digests so lengths leak nothing.

    Examples
    --------
    >>> key_matches("s3cret", [SecretStr("other"), SecretStr("s3cret")])
    True
    >>> key_matches("s3cre", [SecretStr("s3cret")])
    False
    """
    digest = _digest(presented)
    found = False
    for key in keys:
        found |= hmac.compare_digest(digest, _digest(key.get_secret_value()))
    return found


def is_loopback_client(request: Request) -> bool:
    """True when the peer is a loopback address and the request did not come through a proxy."""
    if any(h in request.headers for h in _PROXY_HEADERS):
        return False
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def _origin_host(origin: str) -> str | None:
    try:
        parts = urlsplit(origin)
    except ValueError:
        return None
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else None


def is_cross_site(request: Request, settings: Settings) -> bool:
    """True for a browser request sent by a page of another origin that CORS does not allow."""
    origin = request.headers.get("origin")
    if origin is not None and origin in settings.cors_origins:
        return False
    fetch_site = (request.headers.get("sec-fetch-site") or "").lower()
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    if origin is None:
        return False  # not a browser (curl, the Python client)
    return _origin_host(origin) != (request.headers.get("host") or "").lower()


def _presented_key(bearer: HTTPAuthorizationCredentials | None, header_key: str | None) -> str | None:
    if bearer is not None and bearer.credentials.strip():
        return bearer.credentials.strip()
    if header_key and header_key.strip():
        return header_key.strip()
    return None


def _check_key(request: Request, settings: Settings, presented: str | None, what: str) -> Access:
    if not settings.api_key:
        if is_loopback_client(request):
            return "loopback"
        raise Forbidden(
            f"{what} are accepted only from this machine: no API key is configured on the server "
            "(set DIPLOGRAPH_API_KEY to accept keyed requests from elsewhere)"
        )
    if presented is None:
        raise Unauthorized(f"{what} need an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
    if not key_matches(presented, settings.api_key):
        raise Unauthorized("the API key is not valid")
    return "key"


async def require_write(
    request: Request,
    settings: SettingsDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header_key: Annotated[str | None, Security(_header)],
) -> Access:
    """Admit a write: not cross-site, and a valid key (or, with no key configured, a loopback client)."""
    if is_cross_site(request, settings):
        raise Forbidden("cross-site writes are refused (the request's origin is not this server or an allowed origin)")
    return _check_key(request, settings, _presented_key(bearer, header_key), "writes")


async def require_read(
    request: Request,
    settings: SettingsDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
    header_key: Annotated[str | None, Security(_header)],
) -> Access:
    """Admit a read: always, unless ``read_requires_key`` (then as a write, minus the cross-site check)."""
    if not settings.read_requires_key:
        return "open"
    return _check_key(request, settings, _presented_key(bearer, header_key), "reads")


WriteAccess = Annotated[Access, Depends(require_write)]
ReadAccess = Annotated[Access, Depends(require_read)]


def log_access_mode(settings: Settings) -> None:
    """Say at start how writes (and reads) are admitted; never shows a key."""
    if settings.api_key:
        log.info("writes need one of %d configured API key(s)", len(settings.api_key))
    else:
        log.warning("no API key configured (DIPLOGRAPH_API_KEY): writes are refused from anything but loopback clients")
    if settings.read_requires_key:
        log.info("reads need an API key too (DIPLOGRAPH_READ_REQUIRES_KEY)")
    if settings.cors_origins:
        log.info("CORS allowed for %s", ", ".join(settings.cors_origins))
