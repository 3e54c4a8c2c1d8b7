"""``GET /actors`` (search), ``GET /actors/{id}`` (profile), network and timeline of an actor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel

from api.deps import CountDep, FiltersDep, StoreDep
from api.routers.graph import LAYOUT, MONTHS, TIMELINE, place
from graph import monthly, service
from graph.analytics import cytoscape_elements, network_elements
from graph.model import Actor, ActorKind

router = APIRouter(tags=["actors"])

ActorId = Annotated[
    str,
    Path(
        max_length=200,
        description="Actor id, or a name in any spelling.",
        openapi_examples={"id": {"summary": "An id", "value": "ilham-aliyev"},
                          "name": {"summary": "A spelling", "value": "Erdoğan"}},
    ),
]  # fmt: skip


class ActorList(BaseModel):
    items: list[Actor]


@router.get("/actors", summary="Search actors by name or alias (type-ahead, diacritics folded)")
def list_actors(
    store: StoreDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Name, alias or prefix; folded (Türkiye = turkiye).",
            openapi_examples={
                "prefix": {"summary": "Type-ahead prefix", "value": "erdo"},
                "spelling": {"summary": "Local spelling", "value": "Turki"},
            },
        ),
    ] = None,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ActorList:
    if q and q.strip():
        # over-fetch so the kind filter and offset still fill a page
        found = store.find_actors(q.strip(), limit=min(5000, offset + limit + (500 if kind else 0)))
        if kind:
            found = [a for a in found if a.kind == kind]
        return ActorList(items=found[offset : offset + limit])
    return ActorList(items=store.list_actors(kind=kind.value if kind else None, limit=limit, offset=offset))


@router.get("/actors/{actor_id}", summary="Actor profile: roles, relation counts, top partners, first/last seen")
def get_actor(actor_id: ActorId, store: StoreDep) -> service.ActorProfile:
    return service.actor_profile(store, actor_id)


@router.get("/actors/{actor_id}/network", summary="Ego network (depth 1–2) as Cytoscape JSON elements")
def actor_network(
    request: Request,
    actor_id: ActorId,
    store: StoreDep,
    filters: FiltersDep,
    count: CountDep,
    depth: Annotated[int, Query(ge=1, le=2, description="1: direct partners; 2: their partners too.")] = 1,
    timeline: Annotated[bool, TIMELINE] = False,
    max_neighbours: Annotated[
        int,
        Query(ge=1, le=1000, description="Keep this many actors per step, most linked first (hubs stay readable)."),
    ] = service.MAX_NEIGHBOURS,
    months: Annotated[bool, MONTHS] = False,
    layout: Annotated[bool, LAYOUT] = False,
) -> dict[str, object]:
    actor = service.get_actor_or_404(store, actor_id)
    query = service.build_query(store, filters)
    nq = None if timeline or months else service.network_query(query)
    out: dict[str, Any]
    if nq is not None and nq.speaker_ids is None and nq.target_ids is None:
        # counts kept at ingest: cost independent of the statements behind them
        out = network_elements(service.ego_network(store, actor.id, depth, nq, max_neighbours), count=count)
    else:
        statements = service.ego_statements(store, actor.id, depth, filters)
        if months:
            out = monthly.elements(monthly.with_actors(store, monthly.tally(statements)), count=count)
        else:
            out = cytoscape_elements(store.graph_data_for(statements), count=count)
        if timeline:
            out["timeline"] = [d.model_dump(mode="json") for d in service.daily_stances(statements)]
    out["center"] = actor.id
    return place(out, request, store) if layout else out


@router.get("/actors/{actor_id}/timeline", summary="Statements given and received per period and relation")
def actor_timeline(
    actor_id: ActorId,
    store: StoreDep,
    filters: FiltersDep,
    period: Annotated[service.Period, Query(description="day, week or month.")] = "month",
) -> service.Timeline:
    return service.timeline(store, actor_id, period, filters)
