"""A live diplograph API server for notebook and browser tests.

Fills a SQLite store in a temporary folder (hand-built corpus plus the seed article through
the real ingest pipeline), then runs ``uvicorn api.app:app`` in a subprocess on 127.0.0.1 and
a free port, with ``DIPLOGRAPH_STORE`` pointing at that file: the app opens the store itself
through its lifespan, exactly as in production.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
from support.corpus import load

if TYPE_CHECKING:
    from graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fill_store(db: Path, *, seed: bool = True) -> None:
    from graph.sqlite_store import SqliteStore

    store = SqliteStore(db)
    try:
        store.ensure_schema()
        load(store)
        if seed:
            from loaders.pipeline import ingest_paths

            ingest_paths(store, [SEED])
    finally:
        store.close()


@contextmanager
def live_server(tmp: Path, *, seed: bool = True, db: Path | None = None, timeout: float = 30.0) -> Iterator[str]:
    """Yield the base URL of a running server over a filled SQLite store (or over ``db`` as it is)."""
    if db is None:
        db = tmp / "graph.db"
        fill_store(db, seed=seed)
    port = free_port()
    env = {**os.environ, "DIPLOGRAPH_STORE": f"sqlite:///{db}"}
    log = (tmp / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {(tmp / 'server.log').read_text()}")
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not answer within {timeout}s: {(tmp / 'server.log').read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextmanager
def serving(tmp: Path, fill: Callable[[GraphStore], object], *, timeout: float = 30.0) -> Iterator[str]:
    """Yield the base URL of a running server over a new SQLite store in ``tmp`` that ``fill`` filled
    (schema ensured before)."""
    from graph.sqlite_store import SqliteStore

    db = tmp / "graph.db"
    with SqliteStore(db) as store:
        store.ensure_schema()
        fill(store)
    with live_server(tmp, db=db, timeout=timeout) as url:
        yield url
