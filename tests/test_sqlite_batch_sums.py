"""A SQLite store holds the same rows bit for bit whatever the batch size it was written with:
the goldstein sums of the count tables are kept to 6 decimals (graph/sqlite_counts.py), so the
order and grouping of their float adds leave no trace."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from support.random_graph import batches

from bench.dbhash import store_digest
from graph.sqlite_store import SqliteStore

SUM_TABLES = ("network_counts", "edge_counts", "claim_counts", "claim_edge_counts")


def _write(path: Path, batch_size: int) -> Path:
    store = SqliteStore(path)
    with store:
        store.ensure_schema()
        data = batches(seed=21, articles=60)
        assert not store.ingest_many(data, batch_size=batch_size).failures
    return path


def _sums(path: Path) -> list[float]:
    conn = sqlite3.connect(path)
    try:
        return [v for t in SUM_TABLES for (v,) in conn.execute(f"SELECT goldstein_sum FROM {t}")]
    finally:
        conn.close()


def test_the_store_is_the_same_whatever_the_batch_size(tmp_path: Path) -> None:
    one = _write(tmp_path / "one.db", 1)
    digest, tables = store_digest(one)
    for size in (7, 200, 1000):
        assert store_digest(_write(tmp_path / f"b{size}.db", size)) == (digest, tables), size
    sums = _sums(one)
    assert sums and all(v == round(v, 6) for v in sums)
