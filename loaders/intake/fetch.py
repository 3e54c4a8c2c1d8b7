"""HTTP(S) fetching for intake with httpx: timeout and size cap from settings.

Only ``http`` and ``https`` URLs; redirects are followed; the user agent is
``diplograph/0.1``; a body above ``max_article_bytes`` is cut off with an error; an HTTP
error status or a network failure is an :class:`InputError` naming the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from graph.errors import InputError
from graph.settings import get_settings
from loaders.intake.decode import check_size

USER_AGENT = "diplograph/0.1"


@dataclass(frozen=True)
class Fetched:
    data: bytes
    content_type: str | None
    final_url: str


def fetch(url: str) -> Fetched:
    """GET ``url`` and return its body, content type and final (redirected) URL."""
    import httpx

    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError("only http:// and https:// URLs can be fetched", source=url)
    settings = get_settings()
    try:
        with (
            httpx.Client(
                timeout=settings.fetch_timeout,
                follow_redirects=True,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), source=url)
            declared = response.headers.get("content-length")
            if declared and declared.isdigit():
                check_size(int(declared), source=url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                check_size(size, source=url)
                chunks.append(chunk)
            return Fetched(b"".join(chunks), response.headers.get("content-type"), str(response.url))
    except httpx.HTTPError as exc:
        raise InputError(f"fetch failed: {type(exc).__name__}: {exc}", source=url) from exc
