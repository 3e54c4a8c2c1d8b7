"""The SQLite writer's WAL checkpoints run in a thread beside it (graph/sqlite_checkpoint.py):
everything an ingest wrote is in the database file once the store is closed, the thread stops
with the store, and a checkpoint that cannot run is logged, never raised into the writer."""

from __future__ import annotations

import gc
import logging
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from support import random_graph

from graph.sqlite_checkpoint import Checkpointer
from graph.sqlite_store import SqliteStore


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sqlite-checkpoint"]


def test_an_ingest_is_whole_in_the_file_after_close_and_the_thread_stops(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    data = random_graph.batches(seed=3, articles=60)
    before = len(_checkpoint_threads())
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert not opened.ingest_many(data, batch_size=7).failures
        assert len(_checkpoint_threads()) == before + 1
        expected = opened.counts()
        statements = sorted(st.id for st in opened.graph_data().statements)
    assert len(_checkpoint_threads()) == before
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    with SqliteStore(path) as reopened:
        assert reopened.counts() == expected
        assert sorted(st.id for st in reopened.graph_data().statements) == statements
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_store_left_open_stops_its_thread_when_collected(tmp_path: Path) -> None:
    before = len(_checkpoint_threads())
    store = SqliteStore(tmp_path / "g.db")
    store.ensure_schema()
    assert not store.ingest_many(random_graph.batches(seed=2, articles=5)).failures
    assert len(_checkpoint_threads()) == before + 1
    del store
    gc.collect()
    assert len(_checkpoint_threads()) == before


def test_the_thread_checkpoints_what_the_writer_committed(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # only the thread checkpoints
    writer.execute("CREATE TABLE t (x)")
    writer.execute("BEGIN")
    writer.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(5000)])
    writer.execute("COMMIT")
    assert path.stat().st_size < 8 * 4096  # the rows are only in the log
    checkpointer = Checkpointer(lambda: sqlite3.connect(path, isolation_level=None))
    try:
        checkpointer.poke()
        deadline = time.monotonic() + 60  # liveness, not speed: the thread gets its turn
        while checkpointer.checkpoints == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert checkpointer.checkpoints >= 1
        assert path.stat().st_size >= 8 * 4096  # copied into the database file
        assert writer.execute("SELECT count(*) FROM t").fetchone()[0] == 5000
    finally:
        checkpointer.close()
        writer.close()
    assert not checkpointer.running


def test_a_checkpoint_that_cannot_run_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def refuse() -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    checkpointer = Checkpointer(refuse)
    with caplog.at_level(logging.WARNING, logger="diplograph.sqlite"):
        checkpointer.poke()
        checkpointer.close()
        checkpointer.poke()  # after close: nothing starts
    assert not checkpointer.running
    assert "could not open the store" in caplog.text


def _wal_frames(path: Path) -> int:
    size = Path(f"{path}-wal").stat().st_size  # the log's high-water mark: it is reused, not truncated
    return max(0, (size - 32) // (24 + 4096))


def test_a_writer_that_settles_keeps_the_log_short_when_checkpoints_lag(tmp_path: Path) -> None:
    """Each checkpoint ends while the writer is inside its next transaction, so no transaction
    begins on a fully copied log and the log would never restart (24 commits: ~700 frames);
    settling before a transaction once the log is long restarts it."""
    path = tmp_path / "w.db"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # only the thread checkpoints
    writer.execute("CREATE TABLE t (x)")
    checkpointer = Checkpointer(lambda: sqlite3.connect(path, isolation_level=None))
    try:
        for batch in range(24):  # each commit ~29 pages
            checkpointer.settle(frames=100)
            writer.execute("BEGIN IMMEDIATE")  # the log restarts only if no frame is left to copy now
            writer.executemany("INSERT INTO t VALUES (?)", [(f"{batch}-{i}-" + "x" * 90,) for i in range(1000)])
            time.sleep(0.02)  # the writer's own work: the poked checkpoint finishes meanwhile
            writer.execute("COMMIT")
            checkpointer.poke()
        frames = _wal_frames(path)
        assert writer.execute("SELECT count(*) FROM t").fetchone()[0] == 24_000
    finally:
        checkpointer.close()
        writer.close()
    assert checkpointer.settled >= 1
    assert frames < 300  # the bound and a commit or two past it
