"""A SQLite file written with the two per-actor ``statement_actors`` indexes of earlier versions
(``statement_actors_actor`` and ``statement_actors_activity``) gets the one index that replaces
them when it is opened (ensure_schema), and then answers every statement filter, page walk,
total, activity and claim neighbour read as before, through an index."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from support.random_graph import PEOPLE, STATES, batches
from test_store_plans import FILTERS

from graph.model import StatementPage, StatementQuery
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

OLD_INDEXES = (
    "CREATE INDEX statement_actors_actor ON statement_actors(actor_id, role, date, statement_id)",
    "CREATE INDEX statement_actors_activity ON statement_actors(actor_id, role, date, relation, roles)",
)


def _indexes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'statement_actors'")
        return {r[0] for r in rows if not r[0].startswith("sqlite_autoindex")}
    finally:
        conn.close()


def _walk(store: GraphStore, query: StatementQuery) -> list[StatementPage]:
    pages = [store.list_statements(query.model_copy(update={"limit": 7}))]
    while pages[-1].next_cursor is not None:
        pages.append(store.list_statements(query.model_copy(update={"limit": 7, "cursor": pages[-1].next_cursor})))
    return pages


def test_a_file_with_the_two_old_indexes_gets_the_one_index_and_answers_the_same(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    actors = [*STATES, *PEOPLE]
    store = SqliteStore(path)
    with store:
        store.ensure_schema()
        assert not store.ingest_many(batches(seed=9, articles=30)).failures
        pages = {name: _walk(store, q) for name, q in FILTERS.items()}
        activity = {a: store.actor_activity_from_index(a, "day") for a in actors}
    assert _indexes(path) == {"statement_actors_range"}
    conn = sqlite3.connect(path)  # the indexes as the previous version wrote them
    with conn:
        conn.execute("DROP INDEX statement_actors_range")
        for stmt in OLD_INDEXES:
            conn.execute(stmt)
    conn.close()
    store = SqliteStore(path)
    with store:
        store.ensure_schema()
        assert _indexes(path) == {"statement_actors_range"}
        assert {name: _walk(store, q) for name, q in FILTERS.items()} == pages
        assert {a: store.actor_activity_from_index(a, "day") for a in actors} == activity
        for name, q in FILTERS.items():
            plan = store.explain_statements(q)
            assert plan.full_scans == [], (name, plan.steps)
        assert any("statement_actors_range" in step for step in store.explain_statements(FILTERS["speaker"]).steps)
        # more articles after the migration, written through the new index alone: the same
        # answers as a file written whole by this version
        assert not store.ingest_many(batches(seed=10, articles=10)).failures
        migrated = {name: _walk(store, q) for name, q in FILTERS.items()}
    fresh = SqliteStore(tmp_path / "new.db")
    with fresh:
        fresh.ensure_schema()
        assert not fresh.ingest_many([*batches(seed=9, articles=30), *batches(seed=10, articles=10)]).failures
        assert {name: _walk(fresh, q) for name, q in FILTERS.items()} == migrated
    assert migrated != pages  # the new articles are in the answers
