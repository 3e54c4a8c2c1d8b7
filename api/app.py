"""The FastAPI application: ``create_app(store=None)``; ``app`` is built lazily-safe at import.

The lifespan opens the store from ``DIPLOGRAPH_STORE`` (via :func:`graph.factory.open_store`)
unless a store is passed in, in which case the caller keeps ownership and closes it.
Importing this module opens nothing and reads no setting.

Access (``api.security``): every data route takes ``ReadAccess`` (open unless
``read_requires_key``), every route that changes the graph ``WriteAccess``. ``/health``,
the network page and the docs stay open. ``api.middleware.Guard`` adds the Host allowlist,
CORS (off by default) and the body-size limit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api import caching, problems
from api.middleware import Guard
from api.routers import (
    actors,
    analytics,
    articles,
    claims,
    cypher,
    export,
    graph,
    health,
    network_page,
    relations,
    stances,
    statements,
)
from api.security import log_access_mode, require_read
from graph.errors import StoreError
from graph.settings import Settings, get_settings
from graph.store import GraphStore

STATIC_DIR = Path(__file__).resolve().parent / "static"
ROOT_DIR = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT_DIR / "node_modules"
log = logging.getLogger("diplograph.api")
#: /vendor/<name> → folder in node_modules (the page and /docs load nothing from a CDN)
VENDOR = {
    "cytoscape": NODE_MODULES / "cytoscape" / "dist",
    "layout-base": NODE_MODULES / "layout-base",
    "cose-base": NODE_MODULES / "cose-base",
    "cytoscape-fcose": NODE_MODULES / "cytoscape-fcose",
    "d3": NODE_MODULES / "d3" / "dist",
    "swagger-ui": NODE_MODULES / "swagger-ui-dist",
}

DESCRIPTION = """\
Who stated what about whom, when, and where it was reported.

Actor filters (`speaker`, `target`, `about`, `via`) take names in any spelling or ids:
"Aliyev", "Turki", "Türkiye", "Erdoğan". Errors are RFC 9457 `application/problem+json`.
"""


def _warm_up(store: GraphStore, stop: threading.Event) -> None:
    """Run the store's warm-up reads (a Neo4j server plans each query text on its first use:
    seconds after its start) and log what they took; ``stop`` (the app's shutdown) ends it
    between two reads."""
    try:
        done = store.warm_up(stop)
    except StoreError as exc:
        log.info("store warm-up stopped: %s", exc)
        return
    log.info("store warm-up: %s", ", ".join(f"{r.read} {r.seconds * 1000:.0f} ms" for r in done.reads))


def create_app(store: GraphStore | None = None, settings: Settings | None = None) -> FastAPI:
    """Build the API. ``store`` (optional) is used as is and not closed on shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        cfg = settings or get_settings()
        app.state.settings = cfg
        log_access_mode(cfg)
        if store is not None:
            app.state.store = store
            yield
            return
        from graph.factory import open_store

        opened = open_store(settings=cfg)
        app.state.store = opened
        stop = threading.Event()
        # the first requests' reads, once, beside the first requests (GraphStore.warm_up)
        warming = threading.Thread(target=_warm_up, args=(opened, stop), name="store-warm-up", daemon=True)
        if cfg.store_warm_up:
            warming.start()
        try:
            yield
        finally:
            stop.set()
            if warming.is_alive():
                warming.join()  # at most the read under way: the store is not closed under it
            app.state.store = None
            opened.close()

    app = FastAPI(
        title="diplograph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=problems.PROBLEM_RESPONSES,
        docs_url=None,  # served below from node_modules/swagger-ui-dist: works offline
        redoc_url=None,
    )
    problems.install(app)
    caching.install(app)
    app.add_middleware(Guard)  # outermost: Host allowlist, CORS, body limit
    for module in (health, network_page):
        app.include_router(module.router)
    for module in (statements, claims, actors, graph, stances, relations, analytics, articles, export, cypher):
        # reads of stored data: the access check, then ETag / If-None-Match → 304 (api/caching.py)
        app.include_router(module.router, dependencies=[Depends(require_read), Depends(caching.conditional_read)])

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="diplograph API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png",
        )

    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    # browser libraries installed by `npm ci` at the repository root (package.json)
    for name, folder in VENDOR.items():
        app.mount(f"/vendor/{name}", StaticFiles(directory=folder, check_dir=False), name=f"vendor-{name}")
    return app


app = create_app()
