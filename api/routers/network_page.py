"""``GET /`` and ``GET /network``: the browser actor-network page."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse

router = APIRouter(tags=["page"])

PAGE = Path(__file__).resolve().parent.parent / "static" / "network.html"


@router.get("/", include_in_schema=False)
def root() -> RedirectResponse:
    return RedirectResponse("/network")


@router.get(
    "/network",
    summary="Actor-network page (HTML, Cytoscape.js); query parameters actor, depth, relation, from, to prefill filters",
    response_class=FileResponse,
    responses={200: {"content": {"text/html": {"example": "<!doctype html><html>… actor network …</html>"}}}},
)
def network_page() -> FileResponse:
    return FileResponse(PAGE, media_type="text/html")
