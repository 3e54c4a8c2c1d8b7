"""A SQLite file written before ``statement_actors`` had its ``relation`` and ``roles`` columns
gets them, filled from the statements, when it is opened (ensure_schema), and then answers the
per-actor counts exactly as a file written with them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from support import random_graph

from graph.sqlite_store import SqliteStore

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
        conn.execute("DROP INDEX statement_actors_actor")
        conn.execute("DROP INDEX statement_actors_activity")
        conn.execute(OLD_TABLE)
        conn.execute("INSERT INTO statement_actors SELECT statement_id, actor_id, role, date FROM sa_new")
        conn.execute("DROP TABLE sa_new")
        conn.execute("CREATE INDEX statement_actors_actor ON statement_actors(actor_id, role, date, statement_id)")
    conn.close()
    with SqliteStore(path) as store:
        store.ensure_schema()
        assert {a: store.actor_activity(a, "day") for a in expected} == expected
        assert store.explain_actor("state-0").full_scans == []
        store.ensure_schema()  # again: nothing left to do
        assert store.actor_activity("state-0", "day") == expected["state-0"]
