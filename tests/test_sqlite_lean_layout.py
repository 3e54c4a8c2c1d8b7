"""A SQLite file written with the earlier layout of ``stance_pieces`` (keyed by target, source and
claim, with ``stance_pieces_latest`` beside it) and of ``claim_actors`` (a rowid table with its
key's index and ``claim_actors_actor``) gets the lean layout when it is opened (ensure_schema):
one B-tree each, the same rows, every stance, stance within dates, claim page and count as
before, and after more articles the same rows as a file written whole by this version."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from support import random_graph, stance_checks

from bench.dbhash import table_digests
from graph.model import ClaimQuery
from graph.sqlite_store import SqliteStore

TARGETS = [*random_graph.STATES, *random_graph.INITIATIVES, "nobody"]

#: The two tables and their indexes as the previous version wrote them.
OLD_LAYOUT = (
    "ALTER TABLE stance_pieces RENAME TO pieces_now",
    "DROP INDEX stance_pieces_claim",
    "DROP INDEX stance_pieces_spans",
    """CREATE TABLE stance_pieces (
        target_id TEXT NOT NULL, source TEXT NOT NULL, claim_key TEXT NOT NULL, piece_id TEXT NOT NULL,
        date TEXT NOT NULL, confidence REAL NOT NULL, stance TEXT NOT NULL, reports INTEGER NOT NULL,
        span_from TEXT NOT NULL DEFAULT '', span_to TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (target_id, source, claim_key)) WITHOUT ROWID""",
    "INSERT INTO stance_pieces SELECT * FROM pieces_now",
    "DROP TABLE pieces_now",
    "CREATE INDEX stance_pieces_latest ON stance_pieces(target_id, source, date, confidence, piece_id)",
    "CREATE INDEX stance_pieces_claim ON stance_pieces(claim_key)",
    "CREATE INDEX stance_pieces_spans ON stance_pieces(target_id, span_from, span_to, source, stance, reports)",
    "ALTER TABLE claim_actors RENAME TO actors_now",
    """CREATE TABLE claim_actors (
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE, actor_id TEXT NOT NULL,
        role TEXT NOT NULL, PRIMARY KEY (claim_id, actor_id, role))""",
    "INSERT INTO claim_actors SELECT * FROM actors_now",
    "DROP TABLE actors_now",
    "CREATE INDEX claim_actors_actor ON claim_actors(actor_id, role)",
)


def _layout(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        return {
            "pieces key": [
                r[0]
                for r in conn.execute("SELECT name FROM pragma_table_info('stance_pieces') WHERE pk > 0 ORDER BY pk")
            ],
            "actors without rowid": conn.execute("SELECT wr FROM pragma_table_list('claim_actors')").fetchone()[0],
            "indexes": sorted(
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('stance_pieces', 'claim_actors')"
                )
            ),
        }
    finally:
        conn.close()


LEAN = {
    "pieces key": ["target_id", "source", "date", "confidence", "piece_id"],
    "actors without rowid": 1,
    "indexes": ["stance_pieces_claim", "stance_pieces_spans"],
}


def _answers(store: SqliteStore, ranges: list[tuple[object, object]]) -> tuple[object, ...]:
    claims = store.list_claims(ClaimQuery(limit=500))
    return (
        stance_checks.from_pieces(store, TARGETS),
        stance_checks.within(store, TARGETS, False, ranges),
        claims.items,
        claims.total,
        store.counts(),
    )


def test_an_old_layout_file_gets_the_lean_layout_and_answers_the_same(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "old.db"
    first, more = random_graph.batches(seed=9, articles=40), random_graph.batches(seed=10, articles=12)
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert not opened.ingest_many(stance_checks.with_undated(first)).failures
        ranges = stance_checks.RANGES + stance_checks.cut_ranges(opened.graph_data().statements)
        before = _answers(opened, ranges)
    assert _layout(path) == LEAN
    rows = table_digests(path)
    conn = sqlite3.connect(path)
    with conn:
        for stmt in OLD_LAYOUT:
            conn.execute(stmt)
    conn.close()
    assert _layout(path) != LEAN
    assert table_digests(path) == rows  # the old layout holds the same rows
    with SqliteStore(path) as opened, caplog.at_level(logging.WARNING, logger="diplograph.sqlite"):
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert _layout(path) == LEAN
        # the one-off rewrite of a large store takes minutes: the user is told why the open waits
        rewrites = [r.getMessage() for r in caplog.records if "new layout" in r.getMessage()]
        assert sorted(m.split()[1] for m in rewrites) == ["claim_actors", "stance_pieces"]
        assert _answers(opened, ranges) == before
        # more articles after the migration: the same rows as a file written whole by this version
        assert not opened.ingest_many(more).failures
        after = _answers(opened, ranges)
    assert after != before  # the new articles are in the answers
    fresh_path = tmp_path / "new.db"
    with SqliteStore(fresh_path) as fresh:
        assert isinstance(fresh, SqliteStore)
        fresh.ensure_schema()
        assert not fresh.ingest_many([*stance_checks.with_undated(first), *more]).failures
        assert _answers(fresh, ranges) == after
    assert table_digests(path) == table_digests(fresh_path)
