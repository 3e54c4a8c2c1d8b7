"""FastAPI dependencies: the store, the settings and the shared statement filters."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from graph.errors import QueryError, StoreError
from graph.model import CountUnit, Relation
from graph.service import StatementFilters
from graph.settings import Settings, get_settings
from graph.store import GraphStore


# The dependencies below are pure and cheap: ``async def`` keeps them on the event loop instead
# of costing a threadpool hop each per request. Handlers that call the store stay ``def`` (FastAPI
# runs them in its threadpool), so no store call blocks the event loop.
async def get_store(request: Request) -> GraphStore:
    store: GraphStore | None = getattr(request.app.state, "store", None)
    if store is None:
        raise StoreError("the store is not open (the app was used outside its lifespan)")
    return store


async def get_app_settings(request: Request) -> Settings:
    return get_app_settings_sync(request)


def get_app_settings_sync(request: Request) -> Settings:
    settings: Settings | None = getattr(request.app.state, "settings", None)
    return settings or get_settings()


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]


def _names(values: list[str] | None, param: str, cap: int) -> list[str] | None:
    """Accept both repeated parameters and comma-separated lists; at most ``cap`` names in all."""
    if not values:
        return None
    out = [part.strip() for v in values for part in v.split(",") if part.strip()]
    if len(out) > cap:
        raise QueryError(f"{param}: {len(out)} names given, at most {cap} are allowed (DIPLOGRAPH_MAX_FILTER_VALUES)")
    return out or None


async def statement_filters(
    settings: SettingsDep,
    speaker: Annotated[
        list[str] | None,
        Query(
            description="Speaker or the state/organisation spoken for: name (any spelling) or id. Repeatable.",
            openapi_examples={"name": {"summary": "A name", "value": ["Aliyev"]}},
            max_length=20,
        ),
    ] = None,
    target: Annotated[
        list[str] | None,
        Query(
            description="Target actor: name or id. Repeatable.",
            openapi_examples={"initiative": {"summary": "The Gaza force", "value": ["Gaza force"]}},
            max_length=20,
        ),
    ] = None,
    about: Annotated[
        list[str] | None,
        Query(
            description="Actor in any role (target, mentioned, location). Repeatable.",
            openapi_examples={"state": {"summary": "A state, local spelling", "value": ["Türkiye"]}},
            max_length=20,
        ),
    ] = None,
    relation: Annotated[
        list[Relation] | None,
        Query(
            description="Relation(s), e.g. declines, supports.",
            openapi_examples={"declines": {"summary": "Refusals", "value": ["declines"]}},
            max_length=20,
        ),
    ] = None,
    cameo: Annotated[
        str | None,
        Query(
            description="CAMEO root or code prefix.",
            openapi_examples={"reject": {"summary": "CAMEO root 12 (reject)", "value": "12"}},
            max_length=4,
        ),
    ] = None,
    plover: Annotated[
        str | None,
        Query(
            description="PLOVER category.",
            openapi_examples={"reject": {"summary": "PLOVER REJECT", "value": "REJECT"}},
            max_length=20,
        ),
    ] = None,
    quad_class: Annotated[
        int | None,
        Query(
            ge=1,
            le=4,
            description="QuadClass 1 verbal cooperation … 4 material conflict.",
            openapi_examples={"verbal-conflict": {"summary": "Verbal conflict", "value": 3}},
        ),
    ] = None,
    language: Annotated[
        str | None,
        Query(
            description="ISO 639-1 language of the statement.",
            openapi_examples={"indonesian": {"summary": "Indonesian", "value": "id"}},
            max_length=8,
        ),
    ] = None,
    outlet: Annotated[
        str | None,
        Query(
            description="Outlet name or actor id.",
            openapi_examples={"pars": {"summary": "Pars Today", "value": "Pars Today"}},
            max_length=200,
        ),
    ] = None,
    via: Annotated[
        list[str] | None,
        Query(
            description="Agency or outlet the statement was reported via.",
            openapi_examples={"isna": {"summary": "ISNA", "value": ["ISNA"]}},
            max_length=20,
        ),
    ] = None,
    article_id: Annotated[str | None, Query(description="Only statements of this article.", max_length=200)] = None,
    date_from: Annotated[
        date | None,
        Query(
            alias="from",
            description="First day (inclusive), YYYY-MM-DD.",
            openapi_examples={"2026": {"summary": "From 2026", "value": "2026-01-01"}},
        ),
    ] = None,
    date_to: Annotated[
        date | None,
        Query(
            alias="to",
            description="Last day (inclusive), YYYY-MM-DD.",
            openapi_examples={"jan": {"summary": "Until end of January 2026", "value": "2026-01-31"}},
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Full-text words over statement content.",
            openapi_examples={"words": {"summary": "Words in the content", "value": "pasukan"}},
            max_length=500,
        ),
    ] = None,
    min_confidence: Annotated[float, Query(ge=0, le=1, description="Minimum extraction confidence.")] = 0.0,
) -> StatementFilters:
    cap = settings.max_filter_values
    return StatementFilters(
        speaker=_names(speaker, "speaker", cap),
        target=_names(target, "target", cap),
        about=_names(about, "about", cap),
        relation=relation or None,
        cameo=cameo,
        plover=plover,
        quad_class=quad_class,
        language=language,
        outlet=outlet,
        via=_names(via, "via", cap),
        article_id=article_id,
        date_from=date_from,
        date_to=date_to,
        q=q,
        min_confidence=min_confidence,
    )


FiltersDep = Annotated[StatementFilters, Depends(statement_filters)]


def count_unit(
    count: Annotated[
        CountUnit,
        Query(
            description="What edges, stances and analytics count: `claims` (a statement once, however many "
            "outlets reported it) or `reports` (every report, as before claims existed)."
        ),
    ] = "claims",
) -> CountUnit:
    return count


CountDep = Annotated[CountUnit, Depends(count_unit)]
