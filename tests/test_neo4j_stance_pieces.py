"""Neo4j keeps one StancePiece per (target, source, claim) as claims regroup (graph/neo4j_stances.py):
its stance sources equal the ones read from every statement's brief (GraphStore.stance_sources'
default) through ingest, re-ingest and delete, and a graph written before the pieces existed
gets them on ensure_schema."""

from __future__ import annotations

from datetime import date

import pytest
from support import random_graph

from graph import neo4j_stances
from graph.model import StanceSource, Statement
from graph.neo4j_stances import SPAN_DAYS
from graph.neo4j_store import Neo4jStore
from graph.store import UNDATED, GraphStore

pytestmark = pytest.mark.neo4j

TARGETS = [*random_graph.STATES[:5], *random_graph.INITIATIVES[:2], "nobody"]
LATEST = (0, 1, 3, 1000)


def _from_briefs(store: Neo4jStore) -> dict[tuple[str, int], list[StanceSource]]:
    return {(t, n): sorted(GraphStore.stance_sources(store, t, n, 10_000), key=lambda s: s.source)
            for t in TARGETS for n in LATEST}  # fmt: skip


def _from_pieces(store: Neo4jStore) -> dict[tuple[str, int], list[StanceSource]]:
    return {(t, n): sorted(store.stance_sources(t, n, 10_000), key=lambda s: s.source) for t in TARGETS for n in LATEST}


#: Date ranges (the whole span, open at either end, a month, a few days, a day): a claim whose
#: reports straddle a bound is judged by its reports within the dates.
RANGES = [(date(2025, 1, 1), date(2025, 6, 30)), (None, date(2025, 3, 31)), (date(2025, 2, 10), None),
          (date(2025, 3, 1), date(2025, 3, 31)), (date(2025, 4, 8), date(2025, 4, 12)), (date(2025, 5, 6), date(2025, 5, 6))]  # fmt: skip


def _within(store: Neo4jStore, reference: bool, ranges: list[tuple[date | None, date | None]]) -> dict[object, object]:
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


def test_stance_pieces_follow_every_write_and_come_to_an_older_graph(nstore: Neo4jStore) -> None:
    data = random_graph.batches(seed=9, articles=26)
    assert not nstore.ingest_many(data[:20]).failures
    for b in data[20:]:
        nstore.ingest(b)
    nstore.ingest(data[2])  # the same again
    changed = data[4].model_copy(update={"statements": [
        s.model_copy(update={"confidence": 0.99, "conditions": ["if y"]}) for s in data[4].statements]})  # fmt: skip
    nstore.ingest(changed)  # a new version of an article: its statements change in place
    assert nstore.delete_article(data[7].article.id)
    expected = _from_briefs(nstore)
    assert _from_pieces(nstore) == expected
    assert any(s.changed for v in expected.values() for s in v)
    assert any(s.source.startswith("mention:") for v in expected.values() for s in v)
    ranges = RANGES + _cut_ranges(nstore.graph_data().statements)
    within = _within(nstore, True, ranges)
    assert _within(nstore, False, ranges) == within
    # as before the spans existed: pieces without them, no marker
    nstore.cypher.write("MATCH (p:StancePiece) REMOVE p.span_from, p.span_to")
    nstore.cypher.write("MATCH (m:Meta) WHERE m.key IN ['stance_spans', $days] DELETE m", {"days": SPAN_DAYS})
    nstore.ensure_schema()
    assert _from_pieces(nstore) == expected
    assert _within(nstore, False, ranges) == within
    # as before the pieces existed: no node, no marker
    nstore.cypher.write("MATCH (p:StancePiece) DELETE p")
    nstore.cypher.write("MATCH (c:StanceCount) SET c.claims = c.claims + 2")
    nstore.cypher.write("MATCH (m:Meta {key: 'stance_pieces'}) DELETE m")
    nstore.ensure_schema()
    assert _from_pieces(nstore) == expected
    assert _within(nstore, False, ranges) == within


CUT_PARAMS = {"t": "state-0", "first": "2025-01-01", "last": "2025-03-31", "start": "2024-12-25", "late": "2025-03-24"}


def test_stance_reads_seek_indexes(nstore: Neo4jStore) -> None:
    """The stance read and the refresh's report read seek indexes (no label scan per source)."""
    assert not nstore.ingest_many(random_graph.batches(seed=3, articles=8)).failures
    plan = nstore._explain([
        (neo4j_stances.STANCE_SOURCES, {"t": "state-0", "n": 5, "undated": UNDATED}),
        (neo4j_stances._REPORTS, {"keys": ["x"], "target": "target", "undated": UNDATED}),
        (neo4j_stances.WITHIN, {"t": "state-0", "first": "2025-01-01", "last": "2025-03-31", "n": 5}),
        (neo4j_stances.WITHIN_CUT, CUT_PARAMS),
        (neo4j_stances.TARGET_REPORTS, {"keys": ["x"], "t": "state-0", "target": "target", "undated": UNDATED}),
    ])  # fmt: skip
    assert plan.steps and plan.full_scans == [], plan.steps
