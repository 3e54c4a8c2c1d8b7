"""``GET /health``: store kind, ping and counts; 503 when the store does not answer."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel

from api.deps import StoreDep
from graph.errors import StoreError
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
    summary="Store kind, ping and counts (503 when the store is unreachable)",
    responses={
        503: {"model": Health, "description": "The store does not answer (status 'unavailable')."},
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
        },
    },
)
def health(store: StoreDep, response: Response) -> Health:
    ok = store.ping()
    counts: GraphCounts | None = None
    if ok:
        try:
            counts = store.counts()
        except StoreError:
            ok = False
    if not ok:
        response.status_code = 503
    return Health(
        status="ok" if ok else "unavailable",
        store=store.kind,
        ping=ok,
        capabilities=sorted(c.value for c in store.capabilities),
        counts=counts,
    )
