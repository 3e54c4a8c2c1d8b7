"""``GET /`` and ``GET /network``: the browser actor-network page.

The page keeps its state (filters, selected actor, edge, positions target) in the query
string, so ``/?actor=azerbaijan&from=2026-01-01`` is a link an analyst can share. Without the
browser libraries (``npm ci`` not run) the page answers 503 with what to do; the API still serves.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse, Response

router = APIRouter(tags=["page"])

STATIC = Path(__file__).resolve().parent.parent / "static"
PAGE = STATIC / "network.html"
ROOT = STATIC.parent.parent
#: files the page cannot work without, installed by `npm ci` from package.json
REQUIRED = [
    ROOT / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js",
    ROOT / "node_modules" / "cytoscape-fcose" / "cytoscape-fcose.js",
    ROOT / "node_modules" / "d3" / "dist" / "d3.min.js",
]

DESCRIPTION = (
    "Actor-network page (HTML). Query parameters keep the view: actor (selected), focus + depth "
    "(neighbourhood), relation, language, from, to, hide_isolated, edge, positions, article."
)


def missing_libraries() -> list[Path]:
    return [p for p in REQUIRED if not p.exists()]


def _page() -> Response:
    missing = missing_libraries()
    if missing:
        names = ", ".join(escape(p.name) for p in missing)
        body = (
            "<!doctype html><html lang='en'><meta charset='utf-8'><title>diplograph · page unavailable</title>"
            "<body style='font:15px system-ui;max-width:46rem;margin:3rem auto'>"
            "<h1>The network page needs its browser libraries</h1>"
            f"<p>Missing: <code>{names}</code>.</p>"
            "<p>Install Node.js + npm, then run <code>npm ci</code> in the repository root "
            "(or <code>bash scripts/setup.sh</code>) and reload.</p>"
            "<p>The HTTP API works meanwhile: <a href='/openapi.json'>/openapi.json</a>, "
            "<a href='/statements'>/statements</a>, <a href='/graph'>/graph</a>.</p></body></html>"
        )
        return HTMLResponse(body, status_code=503)
    return FileResponse(PAGE, media_type="text/html")


@router.get("/", include_in_schema=False)
def root() -> Response:
    return _page()


@router.get(
    "/network",
    summary=DESCRIPTION,
    response_class=HTMLResponse,
    responses={
        200: {"content": {"text/html": {"example": "<!doctype html><html>… actor network …</html>"}}},
        503: {"description": "The browser libraries are not installed (run `npm ci`)."},
    },
)
def network_page() -> Response:
    return _page()
