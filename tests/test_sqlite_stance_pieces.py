"""SQLite keeps one stance piece per (target, source, claim) as claims regroup (graph/sqlite_stances.py):
its stance sources equal the ones read from every statement's brief (GraphStore.stance_sources'
default) through ingest, re-ingest, delete and a claim rebuild, and a file written before the
pieces existed gets them on open."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from support import random_graph

from graph.model import StanceSource, Statement
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

TARGETS = [*random_graph.STATES, *random_graph.INITIATIVES, "nobody"]
LATEST = (0, 1, 3, 1000)


def _from_briefs(store: SqliteStore) -> dict[tuple[str, int], list[StanceSource]]:
    return {(t, n): sorted(GraphStore.stance_sources(store, t, n, 10_000), key=lambda s: s.source)
            for t in TARGETS for n in LATEST}  # fmt: skip


def _from_pieces(store: SqliteStore) -> dict[tuple[str, int], list[StanceSource]]:
    return {(t, n): sorted(store.stance_sources(t, n, 10_000), key=lambda s: s.source) for t in TARGETS for n in LATEST}


#: Date ranges (the whole span, open at either end, a month, a few days, a day): a claim whose
#: reports straddle a bound is judged by its reports within the dates.
RANGES = [(date(2025, 1, 1), date(2025, 6, 30)), (None, date(2025, 3, 31)), (date(2025, 2, 10), None),
          (date(2025, 3, 1), date(2025, 3, 31)), (date(2025, 4, 8), date(2025, 4, 12)), (date(2025, 5, 6), date(2025, 5, 6))]  # fmt: skip


def _within(store: SqliteStore, reference: bool, ranges: list[tuple[date | None, date | None]]) -> dict[object, object]:
    """Stance sources within each range, from the briefs (``reference``) or the stance pieces."""
    read = GraphStore.stance_sources if reference else type(store).stance_sources
    return {(t, n, a, b): sorted(read(store, t, n, 10_000, a, b), key=lambda s: s.source)
            for t in TARGETS for n in (0, 3) for a, b in ranges}  # fmt: skip


def _cut_ranges(statements: list[Statement]) -> list[tuple[date | None, date | None]]:
    """Ranges that start or end inside a claim's dates (its reports straddle the bound)."""
    days: dict[str, set[date]] = {}
    for st in statements:
        if st.claim_id and st.date:
            days.setdefault(st.claim_id, set()).add(st.date)
    spans = sorted((min(d), max(d)) for d in days.values() if len(d) > 1)
    assert spans, "no claim spans two days: the ranges would not cut one"
    (a, b), (c, d) = spans[0], spans[-1]
    return [(b, None), (None, a), (b, d), (a, c)]


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
        ranges = RANGES + _cut_ranges(store.graph_data().statements)
        within = _within(store, True, ranges)
        assert _within(store, False, ranges) == within
        store.rebuild_claims()
        assert _from_pieces(store) == expected
        assert _within(store, False, ranges) == within


@pytest.mark.parametrize("rewrite", ["drop", "stale", "spans"])
def test_an_older_file_gets_the_stance_pieces_on_open(tmp_path: Path, rewrite: str) -> None:
    path = tmp_path / "old.db"
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert not opened.ingest_many(random_graph.batches(seed=4, articles=30)).failures
        expected = _from_pieces(opened)
        ranges = RANGES + _cut_ranges(opened.graph_data().statements)
        within = _within(opened, True, ranges)
    conn = sqlite3.connect(path)
    with conn:
        if rewrite == "drop":
            conn.execute("DROP TABLE stance_pieces")
            conn.execute("DROP TABLE stance_counts")
        elif rewrite == "stale":
            conn.execute("UPDATE stance_counts SET claims = claims + 3")
        if rewrite == "spans":  # pieces written before their spans: only the spans are derived
            conn.execute("DROP INDEX stance_pieces_spans")
            conn.execute("ALTER TABLE stance_pieces DROP COLUMN span_from")
            conn.execute("ALTER TABLE stance_pieces DROP COLUMN span_to")
            conn.execute("DELETE FROM meta WHERE key IN ('stance_spans', 'stance_span_days')")
        else:
            conn.execute("DELETE FROM meta WHERE key = 'stance_pieces'")
    conn.close()
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert _from_pieces(opened) == expected
        assert _from_briefs(opened) == expected
        assert _within(opened, False, ranges) == within
