"""``GET /claims`` (statement filters + ``min_sources``), ``GET /claims/export`` and ``GET /claims/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel

from api.deps import FiltersDep, StoreDep
from graph import claim_export
from graph.claim_views import ClaimDetail, ClaimView, all_claims, build_claim_query, claim_detail, claim_views
from graph.model import SortOrder

router = APIRouter(tags=["claims"])

#: Claim ids are ``claim:`` and a hex hash (graph.claims.claim_id); the pattern keeps ``/claims/{claim_id}``
#: apart from ``/claims/export`` (a client, or schemathesis, asking for the claim "export" gets 422, not a CSV)
#: and lets no "/" or "." into the path. An unknown id of that shape is 404.
CLAIM_ID_PATTERN = r"^claim:[A-Za-z0-9_-]+$"

MinSources = Annotated[
    int, Query(ge=1, le=10_000, description="Only claims reported by at least this many distinct outlets.")
]

EXAMPLE_ITEM = {
    "id": "claim:eefad074bb27566f3f21",
    "speaker": {"id": "ilham-aliyev", "name": "Ilham Aliyev", "kind": "person"},
    "on_behalf_of": {"id": "azerbaijan", "name": "Azerbaijan", "kind": "state"},
    "relation": "declines",
    "stance": "oppose",
    "cameo": "1224",
    "targets": [{"actor_id": "gaza-international-stabilization-force", "name": "Gaza International Stabilization Force",
                 "role": "target"}],
    "content": "negaranya tidak berniat mengirim unit pasukannya …",
    "date": "2026-01-06",
    "num_reports": 8,
    "num_articles": 3,
    "num_sources": 3,
    "outlets": ["Pars Today", "Caspian Wire", "Le Courrier du Caucase"],
    "via": [{"id": "isna", "name": "ISNA", "kind": "media"}],
    "languages": ["en", "fr", "id"],
    "source_url": "https://parstoday.ir/id/news/…",
}  # fmt: skip


class ClaimList(BaseModel):
    items: list[ClaimView]
    next_cursor: str | None
    total: int | None


@router.get(
    "/claims",
    summary="Claims (one statement, however many outlets reported it) matching every filter",
    response_model=ClaimList,
    responses={200: {"content": {"application/json": {"example": {"items": [EXAMPLE_ITEM], "next_cursor": None,
                                                                    "total": 1}}}}},
)  # fmt: skip
def list_claims(
    request: Request,
    response: Response,
    store: StoreDep,
    filters: FiltersDep,
    min_sources: MinSources = 1,
    sort: Annotated[SortOrder, Query(description="date, -date, confidence or -confidence.")] = "-date",
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size (1–1000).")] = 50,
    cursor: Annotated[str | None, Query(max_length=500, description="`next_cursor` of the previous page.")] = None,
) -> ClaimList:
    """A claim matches when at least one of its reports matches the statement filters."""
    query = build_claim_query(store, filters, min_sources=min_sources, sort=sort, limit=limit, cursor=cursor)
    page = store.list_claims(query)
    if page.next_cursor:
        nxt = request.url.include_query_params(cursor=page.next_cursor)
        response.headers["Link"] = f'<{nxt}>; rel="next"'
    return ClaimList(items=claim_views(store, page.items), next_cursor=page.next_cursor, total=page.total)


@router.get(
    "/claims/export",
    summary="Claims as a GDELT-style table (CSV or JSON Lines), one row per claim and target",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, "application/jsonl": {}}}},
)
def export_claims(
    store: StoreDep,
    filters: FiltersDep,
    min_sources: MinSources = 1,
    format: Annotated[claim_export.ClaimFormat, Query(description="csv or jsonl.")] = "csv",
) -> Response:
    """Codes are text: read the CSV with `pandas.read_csv(..., dtype=str)` so that CAMEO `010` stays `010`."""
    claims = all_claims(store, build_claim_query(store, filters, min_sources=min_sources, sort="date"))
    actors = {a.id: a for a in store.get_actors(sorted(set().union(*(c.actor_ids() for c in claims))))}
    return Response(
        content=claim_export.export(claims, actors, format),
        media_type=claim_export.MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="diplograph-claims.{format}"'},
    )


@router.get("/claims/{claim_id}", summary="One claim with every report (headline, lead, caption or body)")
def get_claim(
    claim_id: Annotated[
        str,
        Path(
            max_length=300,
            pattern=CLAIM_ID_PATTERN,
            description="Claim id (`claim:` and a hash). Never `export`: that is `GET /claims/export`.",
            openapi_examples={"id": {"summary": "A claim id", "value": "claim:eefad074bb27566f3f21"}},
        ),
    ],
    store: StoreDep,
) -> ClaimDetail:
    return claim_detail(store, claim_id)
