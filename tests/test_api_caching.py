"""HTTP caching of reads (ETag / If-None-Match → 304, invalidated by ingest) and ``serve --workers``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from support.api import local_client

from api.app import create_app
from graph.model import StatementPage, StatementQuery
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore
from loaders.intake import load_path
from loaders.pipeline import ingest_articles

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"
OTHER = "Turkey ready to lead\n\nAnkara, 7 January 2026\n\nTurkish President Erdogan said Turkey is ready to lead the force."


def _ingest_other(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "other.txt"
    path.write_text(OTHER, encoding="utf-8")
    ingest_articles(store, load_path(path))


def test_reads_carry_an_etag_and_revalidate_to_304_until_an_ingest(store: GraphStore, tmp_path: Path) -> None:
    ingest_articles(store, load_path(SEED))
    with local_client(create_app(store=store)) as client:
        first = client.get("/statements", params={"speaker": "Aliyev"})
        assert first.status_code == 200 and first.json()["items"]
        etag = first.headers["etag"]
        assert etag.startswith('W/"') and first.headers["cache-control"] == "no-cache"
        again = client.get("/statements", params={"speaker": "Aliyev"}, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        graph = client.get("/graph", params={"from": "2026-01-01", "to": "2026-01-31"})
        assert graph.status_code == 200 and graph.headers["etag"] != etag  # another resource, another tag
        assert client.get("/graph", params={"from": "2026-01-01", "to": "2026-01-31"},
                          headers={"If-None-Match": f'"x", {graph.headers["etag"]}'}).status_code == 304  # fmt: skip
        assert "etag" not in client.get("/health").headers  # not a read of stored data
        bad = client.get("/statements", params={"limit": 0}, headers={"If-None-Match": etag})
        assert bad.status_code == 422 and "etag" not in bad.headers  # another target; errors carry no tag
        _ingest_other(store, tmp_path)  # an ingest invalidates every tag
        fresh = client.get("/statements", params={"speaker": "Aliyev"}, headers={"If-None-Match": etag})
        assert fresh.status_code == 200 and fresh.headers["etag"] != etag
        assert fresh.json()["items"] == first.json()["items"]


def test_the_generation_moves_with_writes_only(store: GraphStore, tmp_path: Path) -> None:
    from graph.model import Actor, ActorKind

    start = store.generation()
    store.ensure_schema()  # every process that opens the store runs it: tags must survive that
    assert store.generation() == start
    [result] = ingest_articles(store, load_path(SEED))
    after_ingest = store.generation()
    assert after_ingest != start
    store.upsert_actors([Actor(id="x-land", name="X Land", kind=ActorKind.state)])
    assert store.generation() != after_ingest
    moved = store.generation()
    assert store.delete_article(result.article_id) and store.generation() != moved


def test_answers_are_kept_until_a_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from graph.settings import Settings

    with SqliteStore(tmp_path / "g.db") as store:
        store.ensure_schema()
        ingest_articles(store, load_path(SEED))
        calls: list[int] = []
        real = store.list_statements

        def counted(query: StatementQuery) -> StatementPage:
            calls.append(1)
            return real(query)

        monkeypatch.setattr(store, "list_statements", counted)
        with local_client(create_app(store=store)) as client:
            first = client.get("/statements", params={"limit": 2})
            again = client.get("/statements", params={"limit": 2})
            assert len(calls) == 1  # the second answer came from the worker's cache
            assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
            assert again.headers["link"] == first.headers["link"]  # headers kept with the body
            total = client.get("/statements").json()["total"]
            _ingest_other(store, tmp_path)  # a write: nothing cached before it is served after it
            assert client.get("/statements").json()["total"] > total
        calls.clear()
        no_cache = Settings(response_cache_mb=0)
        with local_client(create_app(store=store, settings=no_cache)) as client:
            assert client.get("/statements").status_code == client.get("/statements").status_code == 200
            assert len(calls) == 2


def test_tags_agree_across_processes_of_one_store(tmp_path: Path) -> None:
    """Two stores on one SQLite file (as two worker processes have) give the same tags, and a
    write through either changes them for both."""
    with SqliteStore(tmp_path / "g.db") as a, SqliteStore(tmp_path / "g.db") as b:
        a.ensure_schema()
        ingest_articles(a, load_path(SEED))
        with local_client(create_app(store=a)) as ca, local_client(create_app(store=b)) as cb:
            etag = ca.get("/actors", params={"q": "aliyev"}).headers["etag"]
            assert cb.get("/actors", params={"q": "aliyev"}, headers={"If-None-Match": etag}).status_code == 304
            _ingest_other(b, tmp_path)
            assert ca.get("/actors", params={"q": "aliyev"}, headers={"If-None-Match": etag}).status_code == 200


def test_a_delete_invalidates(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "g.db") as store:
        store.ensure_schema()
        [result] = ingest_articles(store, load_path(SEED))
        with local_client(create_app(store=store)) as client:
            listing = client.get("/articles")
            etag = listing.headers["etag"]
            assert client.delete(f"/articles/{result.article_id}").status_code == 204
            after = client.get("/articles", headers={"If-None-Match": etag})
            assert after.status_code == 200 and after.json()["items"] == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _workers(pid: int) -> set[int]:
    """The worker processes uvicorn spawned (not multiprocessing's resource tracker)."""
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
                out.add(int(child))
    return out


def test_serve_with_worker_processes(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'served.db'}"
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "api.cli", "--store", db]
    server = subprocess.Popen(
        [*cmd, "serve", "--workers", "2", "--port", str(port), "--no-access-log", "--ingest", str(SEED)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        with httpx.Client(base_url=base, timeout=10) as client:
            while True:
                try:
                    if client.get("/health").status_code == 200 and len(_workers(server.pid)) >= 2:
                        break
                except httpx.TransportError:
                    pass
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.5)
            workers = _workers(server.pid)
            assert len(workers) == 2
            answers = [client.get("/statements", params={"speaker": "Aliyev"}) for _ in range(20)]
            assert {r.status_code for r in answers} == {200} and len({r.headers["etag"] for r in answers}) == 1
            etag = answers[0].headers["etag"]
            assert client.get("/statements", params={"speaker": "Aliyev"},
                              headers={"If-None-Match": etag}).status_code == 304  # fmt: skip
            # another process ingests into the same store: every worker's tags change
            other = tmp_path / "other.txt"
            other.write_text(OTHER, encoding="utf-8")
            subprocess.run([*cmd, "ingest", str(other)], cwd=ROOT, env=env, check=True, capture_output=True)
            after = [
                client.get("/statements", params={"speaker": "Aliyev"}, headers={"If-None-Match": etag})
                for _ in range(10)
            ]
            assert {r.status_code for r in after} == {200}
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout is not None:
            server.stdout.close()
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
