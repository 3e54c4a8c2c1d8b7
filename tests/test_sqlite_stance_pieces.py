"""SQLite keeps one stance piece per (target, source, claim) as claims regroup (graph/sqlite_stances.py):
its stance sources equal the ones read from every statement's brief (GraphStore.stance_sources'
default) through ingest, re-ingest, delete and a claim rebuild, and a file written before the
pieces existed gets them on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support import random_graph

from graph.model import StanceSource
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

TARGETS = [*random_graph.STATES, *random_graph.INITIATIVES, "nobody"]
LATEST = (0, 1, 3, 1000)


def _from_briefs(store: SqliteStore) -> dict[tuple[str, int], list[StanceSource]]:
    return {(t, n): sorted(GraphStore.stance_sources(store, t, n, 10_000), key=lambda s: s.source)
            for t in TARGETS for n in LATEST}  # fmt: skip


def _from_pieces(store: SqliteStore) -> dict[tuple[str, int], list[StanceSource]]:
    return {(t, n): sorted(store.stance_sources(t, n, 10_000), key=lambda s: s.source) for t in TARGETS for n in LATEST}


def test_stance_pieces_follow_every_write_and_equal_the_briefs(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "g.db") as opened:
        assert isinstance(opened, SqliteStore)
        store = opened
        store.ensure_schema()
        data = random_graph.batches(seed=9, articles=40)
        assert not store.ingest_many(data[:30]).failures
        assert _from_pieces(store) == _from_briefs(store)
        for b in data[30:]:  # one by one: each regroups a neighbourhood
            store.ingest(b)
        store.ingest(data[2])  # the same again
        changed = data[4].model_copy(update={"statements": [
            s.model_copy(update={"relation": s.relation, "confidence": 0.99, "conditions": ["if y"]})
            for s in data[4].statements]})  # fmt: skip
        store.ingest(changed)  # a new version of an article: its statements change in place
        assert store.delete_article(data[7].article.id)
        expected = _from_briefs(store)
        assert _from_pieces(store) == expected
        assert any(s.changed for v in expected.values() for s in v)
        assert any(s.source.startswith("mention:") for v in expected.values() for s in v)
        assert any(s.claims < s.reports for v in expected.values() for s in v)
        store.rebuild_claims()
        assert _from_pieces(store) == expected


@pytest.mark.parametrize("rewrite", ["drop", "stale"])
def test_an_older_file_gets_the_stance_pieces_on_open(tmp_path: Path, rewrite: str) -> None:
    path = tmp_path / "old.db"
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert not opened.ingest_many(random_graph.batches(seed=4, articles=30)).failures
        expected = _from_pieces(opened)
    conn = sqlite3.connect(path)
    with conn:
        if rewrite == "drop":
            conn.execute("DROP TABLE stance_pieces")
            conn.execute("DROP TABLE stance_counts")
        else:
            conn.execute("UPDATE stance_counts SET claims = claims + 3")
        conn.execute("DELETE FROM meta WHERE key = 'stance_pieces'")
    conn.close()
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert _from_pieces(opened) == expected
        assert _from_briefs(opened) == expected
