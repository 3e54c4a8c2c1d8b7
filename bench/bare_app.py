"""The floor for the API load benchmark: a bare FastAPI app on the same machine and server.

``/ping`` is an ``async def`` endpoint (no threadpool), ``/ping-sync`` a ``def`` one (run in
the threadpool, as diplograph's store-reading handlers are). Served by ``bench/bench_api.py``
with ``uvicorn bench.bare_app:app --workers N``.
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
async def ping() -> dict[str, bool]:
    return {"ok": True}


@app.get("/ping-sync")
def ping_sync() -> dict[str, bool]:
    return {"ok": True}
