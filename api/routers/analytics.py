"""``GET /analytics/centrality|communities|blocs`` over the network of any statement filter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import CountDep, FiltersDep, StoreDep
from graph import analytics, service
from graph.model import CountUnit
from graph.store import GraphStore

router = APIRouter(prefix="/analytics", tags=["analytics"])


def _graph(store: GraphStore, filters: service.StatementFilters, count: CountUnit) -> Any:
    """The actor network of the filters: from the counts when they can answer, else the statements."""
    return service.analytics_graph(store, service.build_query(store, filters), count)


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
    return {"items": analytics.centrality(_graph(store, filters, count))[:limit]}


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
    return {"method": method, "communities": analytics.communities(_graph(store, filters, count), method)}


@router.get(
    "/blocs",
    summary="Alignment blocs on the signed network (cooperation vs conflict)",
    responses={200: {"content": {"application/json": {"example": {"blocs": [["egypt", "israel"], ["hamas"]],
        "agreement": 1.0, "pairs": [{"source": "hamas", "target": "israel", "sign": -2}]}}}}},
)  # fmt: skip
def get_blocs(store: StoreDep, filters: FiltersDep, count: CountDep) -> dict[str, Any]:
    return analytics.blocs(_graph(store, filters, count))
