"""``POST /cypher``: read-only Cypher on stores that declare the ``cypher`` capability (Neo4j)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.deps import SettingsDep, StoreDep
from graph.store import Capability

router = APIRouter(tags=["cypher"])


class CypherRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (a:Actor)-[r:DECLINES]->(b:Actor) RETURN a.name AS source, b.name AS target",
                    "params": {},
                }
            ]
        },
    )

    query: str = Field(min_length=1, max_length=20_000, description="A read-only Cypher query.")
    params: dict[str, Any] = Field(default_factory=dict)
    max_rows: int | None = Field(default=None, ge=1, description="Capped by the server's cypher_max_rows.")


class CypherResult(BaseModel):
    rows: list[dict[str, Any]]
    count: int
    limit: int = Field(description="Row limit applied (request max_rows capped by the server's cypher_max_rows).")
    truncated: bool = Field(description="True when the limit was reached: more rows may exist.")


@router.post("/cypher", summary="Run a read-only Cypher query (Neo4j store only; 501 elsewhere)")
def post_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep) -> CypherResult:
    store.require(Capability.cypher)
    limit = min(body.max_rows or settings.cypher_max_rows, settings.cypher_max_rows)
    rows = store.run_cypher(body.query, body.params, max_rows=limit, timeout=settings.cypher_timeout)
    return CypherResult(rows=rows, count=len(rows), limit=limit, truncated=len(rows) >= limit)
