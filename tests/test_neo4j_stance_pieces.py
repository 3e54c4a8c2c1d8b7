"""Neo4j keeps one StancePiece per (target, source, claim) as claims regroup (graph/neo4j_stances.py):
its stance sources equal the ones read from every statement's brief (GraphStore.stance_sources'
default) through ingest, re-ingest and delete, and a graph written before the pieces existed
gets them on ensure_schema."""

from __future__ import annotations

import pytest
from support import random_graph, stance_checks

from graph import neo4j_stances
from graph.neo4j_stances import SPAN_DAYS
from graph.neo4j_store import Neo4jStore
from graph.stance_pieces import LANGUAGE_MARK, REPORTS_MARK
from graph.store import UNDATED

pytestmark = pytest.mark.neo4j

TARGETS = [*random_graph.STATES[:5], *random_graph.INITIATIVES[:2], "nobody"]


def test_stance_pieces_follow_every_write_and_come_to_an_older_graph(nstore: Neo4jStore) -> None:
    data = stance_checks.with_undated(random_graph.batches(seed=9, articles=32))
    data[12:12] = [stance_checks.echo(data[k], f"sha:echo-{k}", lang) for k, lang in ((3, "en"), (6, "fr"), (9, "id"))]
    assert not nstore.ingest_many(data[:20]).failures
    for b in data[20:]:
        nstore.ingest(b)
    nstore.ingest(data[2])  # the same again
    changed = data[4].model_copy(update={"statements": [
        s.model_copy(update={"confidence": 0.99, "conditions": ["if y"]}) for s in data[4].statements]})  # fmt: skip
    nstore.ingest(changed)  # a new version of an article: its statements change in place
    assert nstore.delete_article(data[7].article.id)
    expected = stance_checks.from_briefs(nstore, TARGETS)
    assert stance_checks.from_pieces(nstore, TARGETS) == expected
    assert any(s.changed for v in expected.values() for s in v)
    assert any(s.source.startswith("mention:") for v in expected.values() for s in v)
    stance_checks.assert_mixed(nstore.graph_data().statements, data, expected)
    ranges = stance_checks.RANGES + stance_checks.cut_ranges(nstore.graph_data().statements)
    within = stance_checks.within(nstore, TARGETS, True, ranges)
    assert stance_checks.within(nstore, TARGETS, False, ranges) == within
    # as before the spans existed: pieces without them, no marker
    nstore.cypher.write("MATCH (p:StancePiece) REMOVE p.span_from, p.span_to")
    nstore.cypher.write("MATCH (m:Meta) WHERE m.key IN ['stance_spans', $days] DELETE m", {"days": SPAN_DAYS})
    nstore.ensure_schema()
    assert stance_checks.from_pieces(nstore, TARGETS) == expected
    assert stance_checks.within(nstore, TARGETS, False, ranges) == within
    # as before the language and report views: the target's own pieces only, no marker
    nstore.cypher.write("MATCH (p:StancePiece) WHERE p.target_id CONTAINS $l OR p.target_id ENDS WITH $r DELETE p",
                        {"l": LANGUAGE_MARK, "r": REPORTS_MARK})  # fmt: skip
    nstore.cypher.write("MATCH (c:StanceCount) WHERE c.target_id CONTAINS $l OR c.target_id ENDS WITH $r DELETE c",
                        {"l": LANGUAGE_MARK, "r": REPORTS_MARK})  # fmt: skip
    nstore.cypher.write("MATCH (m:Meta {key: 'stance_views'}) DELETE m")
    nstore.ensure_schema()
    assert stance_checks.from_pieces(nstore, TARGETS) == expected
    assert stance_checks.within(nstore, TARGETS, False, ranges) == within
    # as before the pieces existed: no node, no marker
    nstore.cypher.write("MATCH (p:StancePiece) DELETE p")
    nstore.cypher.write("MATCH (c:StanceCount) SET c.claims = c.claims + 2")
    nstore.cypher.write("MATCH (m:Meta {key: 'stance_pieces'}) DELETE m")
    nstore.ensure_schema()
    assert stance_checks.from_pieces(nstore, TARGETS) == expected
    assert stance_checks.within(nstore, TARGETS, False, ranges) == within


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
        (neo4j_stances.CLAIM_COUNTS, {"t": "state-0"}),
    ])  # fmt: skip
    assert plan.steps and plan.full_scans == [], plan.steps
