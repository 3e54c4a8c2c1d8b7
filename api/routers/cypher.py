"""``POST /cypher``: read-only Cypher on stores that declare the ``cypher`` capability (Neo4j).

The rules (one statement of MATCH/OPTIONAL MATCH/WITH/UNWIND/WHERE/RETURN/ORDER BY/SKIP/
LIMIT/UNION and CALL of a full-text or schema-listing procedure, planned read-only by the
server) live in ``graph.cypher_guard`` and ``Neo4jStore.run_cypher``; the time, row and
byte limits come from the settings. Query errors are 400 problems.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from api.deps import SettingsDep, StoreDep
from api.problems import problem_responses
from api.uploads import json_body_only
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
    max_bytes: int = Field(description="Byte limit applied to the rows (the server's cypher_max_bytes).")
    truncated: bool = Field(description="True when the row or byte limit stopped the result: more rows may exist.")


@router.post(
    "/cypher",
    summary="Run a read-only Cypher query (Neo4j store only; 501 elsewhere)",
    responses=problem_responses(415),
    dependencies=[Depends(json_body_only)],
)
def post_cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep) -> CypherResult:
    store.require(Capability.cypher)
    limit = min(body.max_rows or settings.cypher_max_rows, settings.cypher_max_rows)
    found = store.run_cypher(
        body.query, body.params, max_rows=limit, max_bytes=settings.cypher_max_bytes, timeout=settings.cypher_timeout
    )
    return CypherResult(
        rows=found.rows, count=len(found.rows), limit=limit, max_bytes=settings.cypher_max_bytes,
        truncated=found.truncated,
    )  # fmt: skip
