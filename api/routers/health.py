"""``GET /health``: store kind, ping and counts."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import StoreDep
from graph.model import GraphCounts

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    store: str
    ping: bool
    capabilities: list[str]
    counts: GraphCounts | None


@router.get(
    "/health",
    summary="Store kind, ping and counts",
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "status": "ok",
                        "store": "sqlite",
                        "ping": True,
                        "capabilities": ["fulltext"],
                        "counts": {"actors": 9, "articles": 1, "statements": 5, "roles": 2, "relation_edges": 6},
                    }
                }
            }
        }
    },
)
def health(store: StoreDep) -> Health:
    ok = store.ping()
    return Health(
        status="ok" if ok else "unavailable",
        store=store.kind,
        ping=ok,
        capabilities=sorted(c.value for c in store.capabilities),
        counts=store.counts() if ok else None,
    )
