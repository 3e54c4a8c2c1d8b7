"""``GET /export?format=graphml|gexf|csv|jsonl|parquet`` for any statement filter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import FiltersDep, StoreDep
from graph import export as exporter
from graph import service

router = APIRouter(tags=["export"])


@router.get(
    "/export",
    summary="Download the network (GraphML, dynamic GEXF) or the statements (CSV, JSONL, Parquet)",
    response_class=Response,
    responses={200: {"content": {info.media_type.split(";")[0]: {} for info in exporter.FORMATS.values()}}},
)
def get_export(
    store: StoreDep,
    filters: FiltersDep,
    format: Annotated[
        exporter.ExportFormat,
        Query(
            description="graphml, gexf (dynamic: edge dates for Gephi's timeline), csv, jsonl or parquet; "
            "tables have one row per statement and target.",
            openapi_examples={"graphml": {"summary": "GraphML for Gephi/yEd", "value": "graphml"}},
        ),
    ] = "graphml",
    actor: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only the neighbourhood of this actor (id or any spelling), as the network page shows it "
            "(`GET /actors/{id}/network`): the statements within `depth` steps of it.",
        ),
    ] = None,
    depth: Annotated[int, Query(ge=1, le=2, description="With `actor`: 1 its partners, 2 their partners too.")] = 1,
) -> Response:
    if actor is not None:
        found = service.get_actor_or_404(store, actor)
        statements = service.ego_statements(store, found.id, depth, filters)
    else:
        statements = service.all_statements(store, service.build_query(store, filters, sort="date"))
    body = exporter.export_statements(store, statements, format)
    info = exporter.FORMATS[format]
    return Response(
        content=body,
        media_type=info.media_type,
        headers={"Content-Disposition": f'attachment; filename="diplograph.{info.extension}"'},
    )
