"""The joined all-time edge level of the Neo4j store (graph/neo4j_joined.py).

Every writer keeps it equal to the all-time ``EdgeCount`` and ``ClaimEdgeCount`` rows it
joins (ingest, re-ingest, delete, the claim refresh, a claim rebuild, the migration of a
graph written before it), and ego networks and whole-network reads from it equal the
reference path that joins the two edge levels on the client (``Neo4jStore.network_from_levels``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
from support.random_graph import batches

from graph import neo4j_joined, neo4j_store, service
from graph.model import NetworkQuery, Relation
from graph.neo4j_store import Neo4jStore, _joined_cypher
from graph.store import GraphStore

SIDES = {
    "EdgeCount": dict(zip(neo4j_joined.REPORT_SIDE, neo4j_joined.REPORT_SIDE, strict=True)),
    "ClaimEdgeCount": dict(
        zip(
            neo4j_joined.CLAIM_SIDE,
            ("claims", "first", "sources", "goldstein_sum", "cooperation", "conflict"),
            strict=True,
        )
    ),
}


def joined_nodes(store: Neo4jStore) -> dict[str, dict[str, Any]]:
    rows = store.cypher.read("MATCH (c:JoinedEdge) RETURN properties(c) AS p").records
    return {r["p"]["key"]: r["p"] for r in rows}


def expected_nodes(store: Neo4jStore) -> dict[str, dict[str, Any]]:
    """The joined level as the two all-time edge levels say it must be."""
    out: dict[str, dict[str, Any]] = {}
    for label, side in SIDES.items():
        rows = store.cypher.read(f"MATCH (c:{label}) WHERE c.month = '*' RETURN properties(c) AS p").records
        for r in rows:
            p = r["p"]
            node = out.setdefault(
                p["key"],
                {"key": p["key"], "source_id": p.get("source_id"), "target_id": p.get("target_id"),
                 "relation": p["relation"]}
                | {v: 0.0 if "goldstein" in v else 0 for v in (*neo4j_joined.REPORT_SIDE, *neo4j_joined.CLAIM_SIDE)},
            )  # fmt: skip
            node.update({mine: p[theirs] for mine, theirs in side.items()})
    for node in out.values():  # the packed values a read takes instead (neo4j_joined.COUNTS, SUMS)
        node["counts"] = [neo4j_joined.RELATION_CODES.index(node["relation"]), node["reports"], node["statements"],
                          node["cooperation"], node["conflict"], node["claims"], node["sources"], node["first"],
                          node["claim_cooperation"], node["claim_conflict"]]  # fmt: skip
        node["sums"] = [float(node["goldstein_sum"]), float(node["claim_goldstein_sum"])]
    return {k: {name: v for name, v in node.items() if v is not None} for k, node in out.items()}


def test_every_relation_has_a_code_and_a_code_is_its_place() -> None:
    assert set(neo4j_joined.RELATION_CODES) == {r.value for r in Relation}
    assert len(set(neo4j_joined.RELATION_CODES)) == len(neo4j_joined.RELATION_CODES)
    assert [r.value for r in neo4j_joined.RELATIONS] == list(neo4j_joined.RELATION_CODES)


def ego_cases(store: Neo4jStore) -> list[tuple[str, int, NetworkQuery | None, int]]:
    some = NetworkQuery(relations=[Relation.supports, Relation.criticizes, Relation.states])
    return [
        (actor, depth, q, cap)
        for actor in ("state-0", "state-2", "person-0", "person-3", "init-1", "nobody")
        for depth in (1, 2)
        for q in (None, some)
        for cap in (3, 1000)
    ]


def assert_ego_networks_equal_the_levels(store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    # person-0 speaks for a state outside the members: person-level rows join the joined ones
    inner = ["person-0", *(n.actor_id for n in store.neighbours(["person-0"], NetworkQuery(), 3))]
    text, params = _joined_cypher(NetworkQuery(actor_ids=["person-0"], within_ids=inner))
    record = store.cypher.read(text, params).records[0]
    assert record["joined"] and record["reports"] and record["claims"]
    answers = [service.ego_network(store, a, d, q, max_neighbours=c) for a, d, q, c in ego_cases(store)]
    assert any(e.claims for n in answers for e in n.edges) and any(n.edges for n in answers)
    with monkeypatch.context() as m:  # the generic path (neighbours, network, get_actors) on the levels
        m.setattr(store, "network", store.network_from_levels)
        m.setattr(store, "ego_network", partial(GraphStore.ego_network, store))
        reference = [service.ego_network(store, a, d, q, max_neighbours=c) for a, d, q, c in ego_cases(store)]
    for case, new, old in zip(ego_cases(store), answers, reference, strict=True):
        assert new.model_dump_json() == old.model_dump_json(), case
    with monkeypatch.context() as m:  # every ego network read in two halves at once, as around a hub at 1M
        m.setattr(neo4j_store, "SPLIT_WITHIN", 0)
        assert len(neo4j_store._joined_parts(NetworkQuery(actor_ids=["person-0"], within_ids=inner))) == 2
        halves = [service.ego_network(store, a, d, q, max_neighbours=c) for a, d, q, c in ego_cases(store)]
    for case, new, old in zip(ego_cases(store), halves, reference, strict=True):
        assert new.model_dump_json() == old.model_dump_json(), case
    for q in [*WHOLE, *(q.model_copy(update={"relations": []}) for q in WHOLE)]:  # the whole network too
        assert store.network(q).model_dump_json() == store.network_from_levels(q).model_dump_json(), q


WHOLE = [
    NetworkQuery(),
    NetworkQuery(relations=[Relation.supports, Relation.states]),
    NetworkQuery(target_ids=["state-0", "state-3", "init-1"]),
    NetworkQuery(within_ids=["state-0", "state-1", "state-2", "person-0", "person-4", "init-1"]),
    NetworkQuery(relations=[Relation.criticizes], target_ids=["state-1"], within_ids=["state-1", "person-2"]),
]


def test_the_joined_level_follows_every_writer(nstore: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    data = batches()
    assert not nstore.ingest_many(data).failures
    assert joined_nodes(nstore) == expected_nodes(nstore) and joined_nodes(nstore)
    assert_ego_networks_equal_the_levels(nstore, monkeypatch)
    # re-ingest (fewer statements), delete, then new articles: the claim refresh regroups around them
    nstore.ingest(data[0].model_copy(update={"statements": data[0].statements[:2]}))
    nstore.delete_article(data[1].article.id)
    assert not nstore.ingest_many(batches(seed=9, articles=6)).failures
    assert joined_nodes(nstore) == expected_nodes(nstore)
    assert_ego_networks_equal_the_levels(nstore, monkeypatch)
    assert nstore.rebuild_claims()
    assert joined_nodes(nstore) == expected_nodes(nstore)
    assert_ego_networks_equal_the_levels(nstore, monkeypatch)
    for b in data[2:8]:  # every statement of some articles gone: sides and nodes drop to zero
        nstore.delete_article(b.article.id)
    assert joined_nodes(nstore) == expected_nodes(nstore)
    assert_ego_networks_equal_the_levels(nstore, monkeypatch)


def test_a_graph_written_before_the_joined_level_gets_it_on_ensure_schema(
    nstore: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not nstore.ingest_many(batches()).failures
    want = joined_nodes(nstore)
    nstore.cypher.write("MATCH (c) WHERE c:JoinedEdge OR (c:Meta AND c.key = $k) DELETE c", {"k": neo4j_joined.MARK})
    assert not joined_nodes(nstore)
    nstore.ensure_schema()
    assert joined_nodes(nstore) == want == expected_nodes(nstore)
    nstore.cypher.write("MATCH (c:JoinedEdge) WITH c LIMIT 5 SET c.reports = c.reports + 100")
    nstore.ensure_schema()  # derived once: the marker stops a second derivation
    assert joined_nodes(nstore) != want
    nstore.cypher.write("MATCH (m:Meta {key: $k}) DELETE m", {"k": neo4j_joined.MARK})
    nstore.ensure_schema()  # a derivation redone whole replaces what was there
    assert joined_nodes(nstore) == want
    assert not nstore.ingest_many(batches(seed=9, articles=6)).failures  # kept at ingest after that
    assert joined_nodes(nstore) == expected_nodes(nstore)
    assert_ego_networks_equal_the_levels(nstore, monkeypatch)


def test_a_joined_level_without_its_packed_values_gets_them_on_ensure_schema(
    nstore: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not nstore.ingest_many(batches()).failures
    want = joined_nodes(nstore)
    assert want == expected_nodes(nstore)
    nstore.cypher.write("MATCH (c:JoinedEdge) REMOVE c.counts, c.sums")  # a level derived before them
    nstore.cypher.write("MATCH (m:Meta {key: $k}) DELETE m", {"k": neo4j_joined.PACKED_MARK})
    assert joined_nodes(nstore) != want
    nstore.ensure_schema()
    assert joined_nodes(nstore) == want
    marks = nstore.cypher.read("MATCH (m:Meta) WHERE m.key IN $k RETURN count(m) AS n", {"k": [
        neo4j_joined.MARK, neo4j_joined.PACKED_MARK]}).records  # fmt: skip
    assert marks[0]["n"] == 2
    assert_ego_networks_equal_the_levels(nstore, monkeypatch)
