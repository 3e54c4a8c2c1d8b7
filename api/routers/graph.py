"""``GET /graph`` (subgraph for any filter, Cytoscape JSON) and ``GET /paths`` (shortest paths)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel

from api.deps import CountDep, FiltersDep, StoreDep
from graph import analytics, monthly, service
from graph import layout as node_layout
from graph.gcpause import gc_paused
from graph.model import Network, Relation

router = APIRouter(tags=["graph"])

GRAPH_EXAMPLE = {
    "elements": {
        "nodes": [{"data": {"id": "azerbaijan", "label": "Azerbaijan", "kind": "state", "degree": 2,
                            "statements": 2}}],
        "edges": [{"data": {"id": "azerbaijan->gaza-isf:declines", "source": "azerbaijan", "target": "gaza-isf",
                            "relation": "declines", "count": 2, "statements": ["url:…:512-590"],
                            "dates": ["2026-01-06"], "sign": -1}}],
    },
    "timeline": [{"date": "2026-01-06", "support": 0, "oppose": 2, "conditional": 0, "neutral": 0}],
    "stats": {"nodes": 2, "edges": 1, "statements": 2},
}  # fmt: skip


TIMELINE = Query(
    description="Per-statement detail (the network page asks for it): each edge lists its `statements` and their "
    "`dates`, each node its `dates`, and `timeline` counts statements per day by stance. Reads every matching "
    "statement, so it is slower than the counted network on a large store."
)


MONTHS = Query(
    description="Counts per month (the network page asks for it): each edge and node carries `months` "
    "({\"2026-01\": 2, …}: the edge's count, the node's statements), and `timeline` lists every month with its "
    "statements and claims, and the statements by their relation's stance. No per-statement detail and no cap on "
    "how many statements match: filters the counts cannot answer are tallied as the statements are read."
)
LAYOUT = Query(
    description="Each node carries `position` {x, y}: a deterministic layout of the graph returned (same data, "
    "same picture; igraph Fruchterman–Reingold, components packed), computed once per request and data version."
)


def place(out: dict[str, Any], request: Request, store: StoreDep) -> dict[str, Any]:
    """``out`` with node positions, kept per request and store generation."""
    key = request.url.path + "?" + "&".join(sorted(f"{k}={v}" for k, v in request.query_params.multi_items()))
    return node_layout.place(out, key, store.generation())


@router.get(
    "/graph",
    summary="Actor network for any statement filter, as Cytoscape.js JSON elements (timeline=true: with dates)",
    responses={200: {"content": {"application/json": {"example": GRAPH_EXAMPLE}}}},
)
def get_graph(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    count: CountDep,
    speaks_for: Annotated[bool, Query(description="Add person → state 'speaks_for' edges.")] = True,
    timeline: Annotated[bool, TIMELINE] = False,
    months: Annotated[bool, MONTHS] = False,
    layout: Annotated[bool, LAYOUT] = False,
) -> dict[str, Any]:
    with gc_paused():  # thousands of statements, edges and dicts at once (graph/gcpause.py)
        out = _graph(store, filters, count, speaks_for=speaks_for, timeline=timeline, months=months)
    return place(out, request, store) if layout else out


def _graph(
    store: StoreDep, filters: FiltersDep, count: CountDep, *, speaks_for: bool, timeline: bool, months: bool
) -> dict[str, Any]:
    if months:  # counts per month for the page: it filters dates itself
        net = monthly.network_by_month(store, service.build_query(store, filters))
        return monthly.elements(net, speaks_for=speaks_for, count=count)
    if timeline:  # per-statement detail for the page: dates on every edge, statements per day
        links = service.network_links(store, service.build_query(store, filters))
        out = analytics.cytoscape_elements(links, speaks_for=speaks_for, count=count)
        out["timeline"] = [d.model_dump(mode="json") for d in service.daily_stances(links.statements)]
        return out
    data = service.network_or_links(store, service.build_query(store, filters))
    if isinstance(data, Network):
        return analytics.network_elements(data, speaks_for=speaks_for, count=count)
    return analytics.cytoscape_elements(data, speaks_for=speaks_for, count=count)


class PathStep(BaseModel):
    source: str
    target: str
    statements: list[service.StatementView]


class ActorPath(BaseModel):
    actors: list[service.ActorRef]
    steps: list[PathStep]


class Paths(BaseModel):
    source: service.ActorRef
    target: service.ActorRef
    paths: list[ActorPath]


@router.get("/paths", summary="Shortest paths between two actors, with the statements on the way")
def get_paths(
    store: StoreDep,
    source: Annotated[
        str,
        Query(
            alias="from",
            max_length=200,
            description="Actor name or id.",
            openapi_examples={"aliyev": {"summary": "A person", "value": "Aliyev"}},
        ),
    ],
    target: Annotated[
        str,
        Query(
            alias="to",
            max_length=200,
            description="Actor name or id.",
            openapi_examples={"erdogan": {"summary": "Another person", "value": "Erdoğan"}},
        ),
    ],
    k: Annotated[int, Query(ge=1, le=20, description="At most this many paths.")] = 5,
    relation: Annotated[list[Relation] | None, Query(max_length=20, description="Only these relations.")] = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    since: Annotated[date | None, Query(description="First day (here `from`/`to` name the actors).")] = None,
    until: Annotated[date | None, Query(description="Last day.")] = None,
    min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.0,
) -> Paths:
    """Shortest paths ignoring direction; `from` and `to` are actors, so dates are `since`/`until`."""
    filters = service.StatementFilters(
        relation=relation, language=language, date_from=since, date_to=until, min_confidence=min_confidence
    )
    a = service.get_actor_or_404(store, source)
    b = service.get_actor_or_404(store, target)
    statements = service.all_statements(store, service.build_query(store, filters))
    g = analytics.build_graph(store.graph_data_for(statements))
    by_id = {st.id: st for st in statements}
    lookup = service.Lookup(store)
    lookup.load_actors(service.actor_ids_of(statements) | {a.id, b.id})
    paths = []
    for nodes in analytics.shortest_paths(g, a.id, b.id, k=k):
        steps = []
        for u, v in itertools.pairwise(nodes):
            behind = (str(e.get("statements") or e["key"]).split() for e in analytics.edges_between(g, u, v))
            ids = [sid for sids in behind for sid in sids if sid in by_id]
            steps.append(PathStep(source=u, target=v, statements=lookup.views([by_id[i] for i in ids])))
        refs = [r for r in (lookup.ref(n) for n in nodes) if r is not None]
        paths.append(ActorPath(actors=refs, steps=steps))
    ra, rb = lookup.ref(a.id), lookup.ref(b.id)
    assert ra is not None and rb is not None
    return Paths(source=ra, target=rb, paths=paths)
