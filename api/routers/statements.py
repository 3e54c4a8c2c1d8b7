"""``GET /statements`` (filtered, sorted, cursor-paginated) and ``GET /statements/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from pydantic import BaseModel

from api.deps import FiltersDep, StoreDep
from graph.errors import NotFoundError
from graph.model import SortOrder
from graph.service import StatementView, build_query, statement_views

router = APIRouter(tags=["statements"])

EXAMPLE_ITEM = {
    "id": "url:3f1e…:512-590",
    "speaker": {"id": "ilham-aliyev", "name": "Ilham Aliyev", "kind": "person"},
    "speaker_mention": "Presiden Azerbaijan",
    "on_behalf_of": {"id": "azerbaijan", "name": "Azerbaijan", "kind": "state"},
    "targets": [{"actor_id": "gaza-isf", "name": "International Stabilization Force", "role": "target"}],
    "relation": "declines",
    "stance": "oppose",
    "cameo": "1224",
    "plover": "REJECT",
    "quad_class": 3,
    "goldstein": -4.0,
    "content": "Kemungkinan besar kami tidak akan berpartisipasi dalam pasukan penjaga perdamaian",
    "quote": True,
    "date": "2026-01-06",
    "article": {"id": "url:3f1e…", "url": "https://parstoday.ir/id/news/…", "title": "Aliyev: …",
                "outlet": "Pars Today"},
    "via": {"id": "isna", "name": "ISNA", "kind": "media"},
}  # fmt: skip


class StatementList(BaseModel):
    items: list[StatementView]
    next_cursor: str | None
    total: int | None


@router.get(
    "/statements",
    summary="Statements matching every filter, newest first, cursor-paginated",
    response_model=StatementList,
    responses={200: {"content": {"application/json": {"example": {"items": [EXAMPLE_ITEM], "next_cursor": None,
                                                                    "total": 1}}}}},
)  # fmt: skip
def list_statements(
    request: Request,
    response: Response,
    store: StoreDep,
    filters: FiltersDep,
    sort: Annotated[SortOrder, Query(description="date, -date, confidence or -confidence.")] = "-date",
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size (1–1000).")] = 50,
    cursor: Annotated[str | None, Query(max_length=200, description="`next_cursor` of the previous page.")] = None,
) -> StatementList:
    query = build_query(store, filters, sort=sort, limit=limit, cursor=cursor)
    page = store.list_statements(query)
    if page.next_cursor:
        nxt = request.url.include_query_params(cursor=page.next_cursor)
        response.headers["Link"] = f'<{nxt}>; rel="next"'
    return StatementList(items=statement_views(store, page.items), next_cursor=page.next_cursor, total=page.total)


@router.get("/statements/{statement_id}", summary="One statement with names and its article")
def get_statement(
    statement_id: Annotated[
        str,
        Path(
            max_length=300,
            description="Statement id: article id + content offsets.",
            openapi_examples={"id": {"summary": "A statement id", "value": "url:0123456789abcdef0123:512-590"}},
        ),
    ],
    store: StoreDep,
) -> StatementView:
    st = store.get_statement(statement_id)
    if st is None:
        raise NotFoundError(f"no statement {statement_id[:200]!r}")
    return statement_views(store, [st])[0]
