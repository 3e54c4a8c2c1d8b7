"""One pydantic-settings ``Settings``, read through a cached getter (never at import)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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
        default=7, ge=0, le=366, description="Reports of one claim have statement dates at most this far apart."
    )
    ingest_batch_size: int = Field(
        default=500, ge=1, le=100_000, description="Articles per write transaction in GraphStore.ingest_many."
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
