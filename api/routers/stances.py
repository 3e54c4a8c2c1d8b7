"""``GET /stances?target=`` and ``GET /contradictions?actor=``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CountDep, FiltersDep, StoreDep
from graph import service

router = APIRouter(tags=["stances"])

#: Pieces of evidence ``GET /stances`` shows per actor unless the request says (``evidence``): the
#: stances and counts always cover all of them; a hub named in hundreds of thousands of
#: statements answers with its latest pieces, not all of them (the rest: ``/statements``).
DEFAULT_EVIDENCE = 20


@router.get("/stances", summary="Who supports, opposes or is conditional about a target, with evidence")
def get_stances(
    store: StoreDep,
    filters: FiltersDep,
    count: CountDep,
    target: Annotated[
        str,
        Query(
            max_length=200,
            description="Target actor name or id (any spelling).",
            openapi_examples={"force": {"summary": "The Gaza force", "value": "Gaza force"}},
        ),
    ],
    evidence: Annotated[
        int,
        Query(
            ge=0,
            le=1000,
            description="Show each actor's latest N pieces of evidence (stances and counts still cover all; "
            "`evidence` in each entry says how many there are). Default: 20; for every piece of one actor's "
            "evidence page `/statements?target=…&speaker=…`.",
        ),
    ] = DEFAULT_EVIDENCE,
) -> service.StanceReport:
    return service.stances(store, target, filters, count, evidence)


@router.get("/contradictions", summary="Same speaker, opposite stances on the same target over time")
def get_contradictions(
    store: StoreDep,
    filters: FiltersDep,
    count: CountDep,
    actor: Annotated[
        str,
        Query(
            max_length=200,
            description="Speaker (or the state spoken for): name or id.",
            openapi_examples={"azerbaijan": {"summary": "A state", "value": "Azerbaijan"}},
        ),
    ],
) -> service.ContradictionReport:
    return service.contradictions(store, actor, filters, count)
