"""``GET /stances?target=`` and ``GET /contradictions?actor=``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CountDep, FiltersDep, StoreDep
from graph import service

router = APIRouter(tags=["stances"])


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
        int | None,
        Query(
            ge=0,
            le=1000,
            description="Show only each actor's latest N pieces of evidence (stances and counts still cover all; "
            "`evidence` in each entry says how many there are). Default: all.",
        ),
    ] = None,
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
