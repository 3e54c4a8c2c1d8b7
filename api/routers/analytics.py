"""``GET /analytics/centrality|communities|blocs`` over the network of any statement filter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query

from api.deps import CountDep, FiltersDep, StoreDep
from graph import analytics, service
from graph.model import CountUnit
from graph.store import GraphStore

router = APIRouter(prefix="/analytics", tags=["analytics"])
T = TypeVar("T")


def _analysed(
    store: GraphStore, filters: service.StatementFilters, count: CountUnit, name: str, compute: Callable[[Any], T]
) -> T:
    """``compute`` of the actor network of the filters (from the counts when they can answer,
    else the statements), cached per filter and store generation (service.analysed)."""
    return service.analysed(store, service.build_query(store, filters), count, name, compute)


@router.get(
    "/centrality",
    summary="Degree, betweenness and PageRank per actor",
    responses={200: {"content": {"application/json": {"example": {"items": [
        {"id": "gaza-isf", "name": "International Stabilization Force", "kind": "initiative", "degree": 5,
         "in_degree": 5, "out_degree": 0, "betweenness": 0.61, "pagerank": 0.31}]}}}}},
)  # fmt: skip
def get_centrality(
    store: StoreDep, filters: FiltersDep, count: CountDep, limit: Annotated[int, Query(ge=1, le=10000)] = 100
) -> dict[str, Any]:
    return {"items": service.centrality(store, service.build_query(store, filters), count)[:limit]}


@router.get(
    "/communities",
    summary="Communities (Louvain or greedy modularity) of the actor network",
    responses={200: {"content": {"application/json": {"example": {"method": "louvain", "communities": [
        ["azerbaijan", "gaza-isf", "ilham-aliyev"], ["israel", "turkey"]]}}}}},
)  # fmt: skip
def get_communities(
    store: StoreDep,
    filters: FiltersDep,
    count: CountDep,
    method: Annotated[analytics.CommunityMethod, Query(description="louvain or greedy.")] = "louvain",
) -> dict[str, Any]:
    communities = _analysed(store, filters, count, f"communities:{method}", lambda g: analytics.communities(g, method))
    return {"method": method, "communities": communities}


@router.get(
    "/blocs",
    summary="Alignment blocs on the signed network (cooperation vs conflict)",
    responses={200: {"content": {"application/json": {"example": {"blocs": [["egypt", "israel"], ["hamas"]],
        "agreement": 1.0, "pairs": [{"source": "hamas", "target": "israel", "sign": -2}]}}}}},
)  # fmt: skip
def get_blocs(store: StoreDep, filters: FiltersDep, count: CountDep) -> dict[str, Any]:
    return _analysed(store, filters, count, "blocs", analytics.blocs)
