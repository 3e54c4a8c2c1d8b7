"""One pydantic-settings ``Settings``, read through a cached getter (never at import).

List settings (API keys, CORS origins, allowed hosts) take a comma-separated string in
the environment, e.g. ``DIPLOGRAPH_API_KEY=key-one,key-two``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
"""Host names that always reach a server bound to this machine."""

_WILDCARD_BINDS = {"0.0.0.0", "::", "[::]", ""}


def redact_url(url: str) -> str:
    """``url`` with any password (and user) replaced by ``***``, for messages and logs.

    Examples
    --------
    >>> redact_url("neo4j://neo4j:s3cret@db.example:7687")
    'neo4j://***@db.example:7687'
    >>> redact_url("bolt://127.0.0.1:7687")
    'bolt://127.0.0.1:7687'
    >>> redact_url("sqlite:///data/diplograph.db")
    'sqlite:///data/diplograph.db'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//[^/@]*@", "//***@", url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"***@{host}"))


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return tuple(part for part in re.split(r"[,\s]+", value) if part)
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIPLOGRAPH_", extra="ignore")

    store: str = Field(
        default="sqlite:///data/diplograph.db",
        description="sqlite:///path (embedded, default) or neo4j://host:port / bolt://host:port.",
    )
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    host: str = "127.0.0.1"
    port: int = 8000
    max_article_bytes: int = Field(default=5_000_000, description="Larger inputs are rejected.")
    fetch_timeout: float = 20.0
    cypher_timeout: float = 10.0
    cypher_max_rows: int = 1000
    claim_window_days: int = Field(
        default=7,
        ge=1,
        le=366,
        description="Reports of one claim have statement dates at most this far apart, in one calendar bucket "
        "of this many days (Monday-aligned weeks for 7). After a change, run GraphStore.rebuild_claims().",
    )
    response_cache_mb: int = Field(
        default=64,
        ge=0,
        le=4096,
        description="Per API worker: memory for answers to reads, kept until the next write (0 = off).",
    )
    ingest_batch_size: int = Field(
        default=500, ge=1, le=100_000, description="Articles per write transaction in GraphStore.ingest_many."
    )
    cypher_max_bytes: int = Field(default=4_000_000, description="Largest /cypher result (JSON bytes).")
    extract_nice: int = Field(
        default=5,
        ge=0,
        le=19,
        description="How many nice steps below the writer the extraction processes of `ingest --workers N` run "
        "(the writer is the serial stage and keeps a core; 0: the writer's priority).",
    )
    store_warm_up: bool = Field(
        default=True,
        description="The API's start runs the store's warm-up reads once, in the background (GraphStore.warm_up).",
    )

    # -- access ----------------------------------------------------------
    api_key: Annotated[tuple[SecretStr, ...], NoDecode] = Field(
        default=(),
        description="Key(s) every write must present (Authorization: Bearer … or X-API-Key). "
        "None configured: writes only from loopback clients.",
    )
    read_requires_key: bool = Field(default=False, description="Reads need a key too (loopback only without keys).")
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="Browser origins allowed to call the API cross-site (CORS); none by default."
    )
    allowed_hosts: Annotated[tuple[str, ...], NoDecode] = Field(
        default=(), description="Host header values accepted besides the loopback names and `host`."
    )
    max_request_bytes: int = Field(default=1_000_000, description="Largest request body except article uploads.")
    max_filter_values: int = Field(default=50, description="Most names one actor filter may list.")

    _split = field_validator("api_key", "cors_origins", "allowed_hosts", mode="before")(_split_list)

    @field_validator("api_key")
    @classmethod
    def _no_blank_keys(cls, keys: tuple[SecretStr, ...]) -> tuple[SecretStr, ...]:
        return tuple(k for k in keys if k.get_secret_value().strip())

    def trusted_hosts(self) -> list[str]:
        """Host header values the API answers: loopback names, ``host`` and ``allowed_hosts``."""
        hosts = [*LOOPBACK_HOSTS, *self.allowed_hosts]
        if self.host not in _WILDCARD_BINDS:
            hosts.append(self.host)
        return list(dict.fromkeys(h.lower() for h in hosts))

    def __repr_args__(self) -> Any:
        for name, value in super().__repr_args__():
            yield name, redact_url(value) if name == "store" and isinstance(value, str) else value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
