"""A Neo4j graph written before the per-actor activity counts (graph.activity) gets them on
ensure_schema, derived once from its statements, and then answers the per-actor reads exactly
as a graph written with them (and as the statement-index query they replace)."""

from __future__ import annotations

from datetime import date

import pytest
from support import random_graph

from graph.model import ActivityPeriod, ActorActivity
from graph.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

BOUNDS = [
    (None, None),
    (date(2025, 2, 1), date(2025, 4, 30)),  # whole months
    (date(2025, 3, 1), None),
    (None, date(2025, 2, 28)),
    (date(2025, 2, 2), date(2025, 4, 30)),  # not whole months
    (date(2025, 2, 3), date(2025, 3, 30)),  # whole ISO weeks (Monday to Sunday)
    (date(2025, 3, 3), None),
    (None, date(2025, 2, 14)),
]
PERIODS: tuple[ActivityPeriod, ...] = ("all", "month", "week", "day")
Key = tuple[str, ActivityPeriod, date | None, date | None]


def _everything(store: Neo4jStore, actor_ids: list[str]) -> dict[Key, ActorActivity]:
    return {
        (a, period, lo, hi): store.actor_activity(a, period, lo, hi)
        for a in actor_ids
        for period in PERIODS
        for lo, hi in BOUNDS
    }


def test_an_older_graph_gets_the_activity_counts_on_ensure_schema(nstore: Neo4jStore) -> None:
    actors = [*random_graph.STATES, *random_graph.PEOPLE[:4], *random_graph.INITIATIVES[:2]]
    data = random_graph.batches(seed=5, articles=24)
    assert not nstore.ingest_many(data).failures
    assert nstore.delete_article(data[3].article.id)
    expected = _everything(nstore, actors)
    assert any(a.counts for a in expected.values())
    for (a, period, lo, hi), got in expected.items():
        assert got == nstore.actor_activity_from_statements(a, period, lo, hi), (a, period, lo, hi)
    # as before the counts existed: no count node, no marker
    nstore.cypher.write("MATCH (c:ActivityCount) DELETE c")
    nstore.cypher.write("MATCH (m:Meta {key: 'activity_counts'}) DELETE m")
    nstore.ensure_schema()
    assert _everything(nstore, actors) == expected
    assert nstore.explain_actor("state-0").full_scans == []
    # a derivation that stopped half-way (no marker) is redone whole
    nstore.cypher.write("MATCH (c:ActivityCount) WHERE c.actor_id = 'state-0' SET c.statements = c.statements + 5")
    nstore.cypher.write("MATCH (m:Meta {key: 'activity_counts'}) DELETE m")
    nstore.ensure_schema()
    assert _everything(nstore, actors) == expected
    # counts kept before their week level: the weeks come from the days
    nstore.cypher.write("MATCH (c:ActivityCount) WHERE c.level = 'week' DELETE c")
    nstore.cypher.write("MATCH (m:Meta {key: 'activity_weeks'}) DELETE m")
    nstore.ensure_schema()
    assert _everything(nstore, actors) == expected
    # done once: ensure_schema does not derive them again
    nstore.cypher.write("MATCH (c:ActivityCount) WHERE c.actor_id = 'state-0' SET c.statements = c.statements + 1")
    nstore.ensure_schema()
    assert nstore.actor_activity("state-0") != expected[("state-0", "all", None, None)]
