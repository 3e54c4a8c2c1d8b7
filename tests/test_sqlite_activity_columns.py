"""A SQLite file written before ``statement_actors`` had its ``relation`` and ``roles`` columns,
or before the ``activity_counts`` table, gets them, filled from the rows it has, when it is
opened (ensure_schema), and then answers the per-actor counts exactly as a file written with them."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from support import random_graph

from graph.model import ActivityPeriod, ActorActivity
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

OLD_TABLE = """
CREATE TABLE statement_actors (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,
    date TEXT NOT NULL,
    PRIMARY KEY (statement_id, actor_id, role)
) WITHOUT ROWID
"""


def test_an_older_file_gets_the_activity_columns_filled_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with SqliteStore(path) as store:
        store.ensure_schema()
        assert not store.ingest_many(random_graph.batches(seed=3, articles=20)).failures
        expected = {a: store.actor_activity(a, "day") for a in [*random_graph.STATES, *random_graph.PEOPLE]}
    conn = sqlite3.connect(path)  # rewrite the table as the previous version had it
    with conn:
        conn.execute("ALTER TABLE statement_actors RENAME TO sa_new")
        conn.execute("DROP INDEX statement_actors_range")
        conn.execute(OLD_TABLE)
        conn.execute("INSERT INTO statement_actors SELECT statement_id, actor_id, role, date FROM sa_new")
        conn.execute("DROP TABLE sa_new")
        conn.execute("CREATE INDEX statement_actors_actor ON statement_actors(actor_id, role, date, statement_id)")
        conn.execute("DROP TABLE activity_counts")  # nor had it the activity counts
        conn.execute("DELETE FROM meta WHERE key = 'activity_counts'")
    conn.close()
    with SqliteStore(path) as store:
        store.ensure_schema()
        assert {a: store.actor_activity(a, "day") for a in expected} == expected
        assert store.explain_actor("state-0").full_scans == []
        store.ensure_schema()  # again: nothing left to do
        assert store.actor_activity("state-0", "day") == expected["state-0"]


BOUNDS = [
    (None, None),
    (date(2025, 2, 1), date(2025, 4, 30)),  # whole months
    (date(2025, 3, 1), None),
    (None, date(2025, 2, 28)),
    (date(2025, 2, 2), date(2025, 4, 30)),  # not whole months
    (date(2025, 2, 3), date(2025, 3, 30)),  # whole ISO weeks (Monday to Sunday)
    (date(2025, 3, 3), None),
    (date(2025, 3, 10), None),
    (None, date(2025, 2, 14)),
]


Key = tuple[str, ActivityPeriod, date | None, date | None]
PERIODS: tuple[ActivityPeriod, ...] = ("all", "month", "week", "day")


def _everything(store: GraphStore, actor_ids: list[str]) -> dict[Key, ActorActivity]:
    return {
        (a, period, lo, hi): store.actor_activity(a, period, lo, hi)
        for a in actor_ids
        for period in PERIODS
        for lo, hi in BOUNDS
    }


@pytest.mark.parametrize("rewrite", ["drop", "stale", "weeks"])
def test_an_older_file_gets_the_activity_counts_on_open(tmp_path: Path, rewrite: str) -> None:
    """Dropped (a file before the table) or left half-written (no marker: a migration that
    stopped): the counts are derived again from ``statement_actors``, once."""
    path = tmp_path / "old.db"
    actors = [*random_graph.STATES, *random_graph.PEOPLE[:6], *random_graph.INITIATIVES]
    sqlite = SqliteStore(path)
    try:
        sqlite.ensure_schema()
        data = random_graph.batches(seed=5, articles=30)
        assert not sqlite.ingest_many(data).failures
        assert sqlite.delete_article(data[3].article.id)
        expected = _everything(sqlite, actors)
        assert any(a.counts for a in expected.values())
        for (a, period, lo, hi), got in expected.items():  # the counts equal the grouped index walk
            assert got == sqlite.actor_activity_from_index(a, period, lo, hi), (a, period, lo, hi)
    finally:
        sqlite.close()
    conn = sqlite3.connect(path)
    with conn:
        if rewrite == "weeks":  # counts kept before their week level
            conn.execute("DELETE FROM activity_counts WHERE level = 'week'")
            conn.execute("DELETE FROM meta WHERE key = 'activity_weeks'")
        else:
            if rewrite == "drop":
                conn.execute("DROP TABLE activity_counts")
            else:
                conn.execute("UPDATE activity_counts SET statements = statements + 7")
            conn.execute("DELETE FROM meta WHERE key = 'activity_counts'")
    conn.close()
    with SqliteStore(path) as store:
        store.ensure_schema()
        assert _everything(store, actors) == expected
        assert store.explain_actor("state-0").full_scans == []
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE activity_counts SET statements = statements + 1 WHERE actor_id = 'state-0'")
    conn.close()
    with SqliteStore(path) as store:
        store.ensure_schema()  # migrated once: not derived again
        assert store.actor_activity("state-0") != expected[("state-0", "all", None, None)]
