"""Count-based network reads on every store equal a scan of the statements.

The edge and speaks levels (graph.aggregates) are derived from the person-level counts;
these tests compare ``network``, ``neighbours`` and capped ego networks with the answer
computed here from the statements themselves, on a seeded random graph.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise

import pytest
from support import random_graph
from support.random_graph import batches

from graph import analytics, claim_counts, service
from graph.aggregates import month_of
from graph.errors import QueryError
from graph.model import Claim, ClaimQuery, CountUnit, NetworkQuery, Relation, Statement, StatementQuery, TargetRole
from graph.neo4j_store import Neo4jStore
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

Edges = dict[tuple[str, str | None, str], tuple[int, int, int, int]]
Speaks = dict[tuple[str, str], int]


@pytest.fixture
def graph(store: GraphStore) -> Iterator[tuple[GraphStore, list[Statement]]]:
    data = batches()
    assert not store.ingest_many(data).failures
    yield store, [st for b in data for st in b.statements]


def _rows(statements: list[Statement], q: NetworkQuery) -> Iterator[tuple[Statement, str, bool]]:
    """(statement, target or '', first row?) of every count row ``q`` selects."""
    for st in statements:
        month = month_of(st)
        if (q.month_from and month < q.month_from) or (q.month_to and month > q.month_to):
            continue
        if q.relations is not None and st.relation not in q.relations:
            continue
        speaking = {x for x in (st.speaker_id, st.on_behalf_of_id) if x}
        for i, tgt in enumerate(list(dict.fromkeys(st.target_ids(TargetRole.target))) or [""]):
            if q.actor_ids is not None and not (speaking | {tgt}) & set(q.actor_ids):
                continue
            if q.speaker_ids is not None and not speaking & set(q.speaker_ids):
                continue
            if q.target_ids is not None and tgt not in q.target_ids:
                continue
            yield st, tgt, i == 0


def expected(statements: list[Statement], q: NetworkQuery) -> tuple[Edges, Speaks, int]:
    edges: dict[tuple[str, str | None, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    speaks: Speaks = defaultdict(int)
    total = 0
    within = set(q.within_ids) if q.within_ids is not None else None
    for st, tgt, first in _rows(statements, q):
        src = st.network_source_id or ""
        if within is None or (src in within and (not tgt or tgt in within)):
            total += first
            if src:
                e = edges[(src, tgt or None, st.relation.value)]
                sign = -1 if st.quad_class >= 3 or st.goldstein < 0 else (1 if st.goldstein > 0 else 0)
                e[0] += 1
                e[1] += first
                e[2] += sign > 0
                e[3] += sign < 0
    speaking_q = q.model_copy(update={"actor_ids": None, "speaker_ids": q.actor_ids or q.speaker_ids})
    for st, _tgt, first in _rows(statements, speaking_q):
        pair = (st.speaker_id, st.on_behalf_of_id)
        if first and pair[0] and pair[1] and (within is None or {pair[0], pair[1]} <= within):
            speaks[(pair[0], pair[1])] += 1
    return {k: (v[0], v[1], v[2], v[3]) for k, v in edges.items()}, dict(speaks), total


def expected_claims(claims: list[Claim], q: NetworkQuery) -> dict[tuple[str, str | None, str], tuple[int, int]]:
    """(claims, sources) per edge: the claim counts of the rows ``q`` selects."""
    out: dict[tuple[str, str | None, str], list[int]] = defaultdict(lambda: [0, 0])
    within = set(q.within_ids) if q.within_ids is not None else None
    for (sp, ob, tgt, rel, month), d in claim_counts.tally(claims).items():
        if (q.month_from and month < q.month_from) or (q.month_to and month > q.month_to):
            continue
        if q.relations is not None and rel not in {r.value for r in q.relations}:
            continue
        speaking = {x for x in (sp, ob) if x}
        if q.actor_ids is not None and not (speaking | {tgt}) & set(q.actor_ids):
            continue
        if q.speaker_ids is not None and not speaking & set(q.speaker_ids):
            continue
        if q.target_ids is not None and tgt not in q.target_ids:
            continue
        src = ob or sp
        if src and (within is None or (src in within and (not tgt or tgt in within))):
            e = out[(src, tgt or None, rel)]
            e[0] += d.claims
            e[1] += d.sources
    return {k: (v[0], v[1]) for k, v in out.items()}


def all_claims(store: GraphStore) -> list[Claim]:
    out: list[Claim] = []
    query = ClaimQuery(limit=1000)
    while True:
        page = store.list_claims(query)
        out.extend(page.items)
        if not page.next_cursor:
            return out
        query = query.model_copy(update={"cursor": page.next_cursor})


def got(store: GraphStore, q: NetworkQuery) -> tuple[Edges, Speaks, int]:
    net = store.network(q)
    edges = {
        (e.source_id, e.target_id, e.relation.value): (e.reports, e.statements, e.cooperation, e.conflict)
        for e in net.edges
        if e.reports
    }  # fmt: skip  (edges only claims have are checked with the claims)
    return edges, {(s.speaker_id, s.on_behalf_of_id): s.statements for s in net.speaks_for}, net.statements


QUERIES = [
    NetworkQuery(),
    NetworkQuery(month_from="2025-02", month_to="2025-04"),
    NetworkQuery(month_to="2025-02"),
    NetworkQuery(relations=[Relation.supports, Relation.declines]),
    NetworkQuery(actor_ids=["state-0"]),
    NetworkQuery(actor_ids=["person-0"]),
    NetworkQuery(actor_ids=["state-2", "person-1", "init-0"], month_from="2025-03"),
    NetworkQuery(actor_ids=["state-0"], within_ids=["state-0", "state-1", "init-1", "person-0"]),
    NetworkQuery(  # members who speak for actors of the set outside the members (person-level rows)
        actor_ids=["person-0", "person-1", "state-3"],
        within_ids=["person-0", "person-1", "state-3", "state-0", "state-1", "state-2", "init-0"],
        relations=[Relation.supports, Relation.criticizes, Relation.states],
    ),
    NetworkQuery(speaker_ids=["person-0"]),
    NetworkQuery(speaker_ids=["state-0", "state-3"], relations=[Relation.criticizes]),
    NetworkQuery(target_ids=["init-0"]),
    NetworkQuery(speaker_ids=["state-1"], target_ids=["state-0", "init-2"]),
    NetworkQuery(within_ids=["state-0", "state-1", "state-2", "person-3"]),
]


@pytest.mark.parametrize("q", QUERIES, ids=lambda q: q.model_dump_json(exclude_none=True))
def test_network_equals_a_scan_of_the_statements(graph: tuple[GraphStore, list[Statement]], q: NetworkQuery) -> None:
    store, statements = graph
    assert got(store, q) == expected(statements, q)
    claims = {
        (e.source_id, e.target_id, e.relation.value): (e.claims, e.num_sources)
        for e in store.network(q).edges
        if e.claims
    }
    assert claims == expected_claims(all_claims(store), q)


def test_network_levels_follow_reingest_and_delete(graph: tuple[GraphStore, list[Statement]]) -> None:
    store, _statements = graph
    data = batches()
    store.ingest(data[0].model_copy(update={"statements": data[0].statements[:2]}))
    store.delete_article(data[1].article.id)
    left = [*data[0].statements[:2], *(st for b in data[2:] for st in b.statements)]
    for q in QUERIES[:6]:
        assert got(store, q) == expected(left, q)
    for ids in SETS:  # the pair levels follow too
        assert ranked(store, ids, NetworkQuery()) == expected_neighbours(left, ids, NetworkQuery())


def expected_neighbours(statements: list[Statement], actor_ids: list[str], q: NetworkQuery) -> list[tuple[str, int]]:
    edges, speaks, _ = expected(statements, q.model_copy(update={"actor_ids": actor_ids}))
    weight: dict[str, int] = defaultdict(int)
    for (src, tgt, _rel), (reports, *_rest) in edges.items():
        for end in (src, tgt):
            if end and end not in actor_ids:
                weight[end] += reports
    for (sp, ob), n in speaks.items():
        for end in (sp, ob):
            if end not in actor_ids:
                weight[end] += n
    return sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))


@pytest.mark.parametrize(
    ("actor_ids", "q"),
    [
        (["state-0"], NetworkQuery()),
        (["person-0"], NetworkQuery()),
        (["state-1", "init-0", "person-2"], NetworkQuery(month_from="2025-02", month_to="2025-05")),
        (["state-0", "state-2"], NetworkQuery(relations=[Relation.consults, Relation.states])),
    ],
)
def test_neighbours_are_ranked_by_weight(
    graph: tuple[GraphStore, list[Statement]], actor_ids: list[str], q: NetworkQuery
) -> None:
    store, statements = graph
    want = expected_neighbours(statements, actor_ids, q)
    assert len(want) > 3
    assert [(n.actor_id, n.weight) for n in store.neighbours(actor_ids, q, 1000)] == want
    assert [(n.actor_id, n.weight) for n in store.neighbours(actor_ids, q, 3)] == want[:3]
    with pytest.raises(QueryError):
        store.neighbours(actor_ids, q.model_copy(update={"target_ids": ["state-1"]}), 3)


def _ego(store: GraphStore, actor: str, depth: int, cap: int) -> tuple[Edges, Speaks, set[str]]:
    net = service.ego_network(store, actor, depth, max_neighbours=cap)
    edges = {(e.source_id, e.target_id, e.relation.value): (e.reports, e.statements, e.cooperation, e.conflict)
             for e in net.edges if e.reports}  # fmt: skip
    return edges, {(s.speaker_id, s.on_behalf_of_id): s.statements for s in net.speaks_for}, {a.id for a in net.actors}


@pytest.mark.parametrize("actor", ["state-0", "person-0", "init-1"])
def test_ego_network_is_exact_below_the_cap_and_keeps_the_heaviest_above(
    graph: tuple[GraphStore, list[Statement]], actor: str
) -> None:
    store, statements = graph
    # below the cap: every edge of the actor's statements (depth 1), and of its neighbours' (depth 2)
    one = expected(statements, NetworkQuery(actor_ids=[actor]))
    edges, speaks, ids = _ego(store, actor, 1, 1000)
    assert (edges, speaks) == one[:2]
    inner = [actor, *(a for a, _ in expected_neighbours(statements, [actor], NetworkQuery()))]
    two = expected(statements, NetworkQuery(actor_ids=inner))
    assert _ego(store, actor, 2, 1000)[:2] == two[:2]
    # above it: the 3 heaviest neighbours, and only edges between kept actors
    top = [a for a, _ in expected_neighbours(statements, [actor], NetworkQuery())[:3]]
    kept = {actor, *top}
    capped = expected(statements, NetworkQuery(actor_ids=[actor], within_ids=sorted(kept)))
    edges, speaks, ids = _ego(store, actor, 1, 3)
    assert (edges, speaks) == capped[:2]
    assert ids <= kept and actor in ids
    outer = [a for a, _ in expected_neighbours(statements, sorted(kept), NetworkQuery())[:3]]
    edges, speaks, ids = _ego(store, actor, 2, 3)
    assert (edges, speaks) == expected(
        statements, NetworkQuery(actor_ids=sorted(kept), within_ids=sorted(kept | set(outer)))
    )[:2]
    assert ids <= kept | set(outer)


#: Actor sets whose neighbours are ranked: one actor, people, states, mixed, a whole side.
SETS = [["state-0"], ["person-0"], ["init-1"], ["state-3", "person-5"], ["state-1", "init-0", "person-2"],
        ["person-1", "person-4", "state-6"], [*random_graph.STATES[:5], *random_graph.PEOPLE[:3]]]  # fmt: skip
#: Every relation: the same selection, answered from the per-relation rows instead of the pair levels.
EVERY_RELATION = NetworkQuery(relations=list(Relation))


def ranked(store: GraphStore, actor_ids: list[str], q: NetworkQuery, limit: int = 1000) -> list[tuple[str, int]]:
    return [(n.actor_id, n.weight) for n in store.neighbours(actor_ids, q, limit)]


def test_neighbours_without_filters_read_the_pair_levels_with_the_same_answer(
    graph: tuple[GraphStore, list[Statement]],
) -> None:
    store, statements = graph
    ties = 0
    for ids in SETS:
        want = expected_neighbours(statements, ids, NetworkQuery())
        assert ranked(store, ids, NetworkQuery()) == want == ranked(store, ids, EVERY_RELATION)
        for limit in (1, 2, 3, 5, 8):  # a cut between tied actors keeps the lower ids
            assert ranked(store, ids, NetworkQuery(), limit) == want[:limit]
        ties += sum(1 for a, b in pairwise(want) if a[1] == b[1])
    assert ties >= 3  # the data has ties for the id order to break


@pytest.mark.parametrize("actor", ["state-0", "state-2", "person-0", "init-1"])
@pytest.mark.parametrize("depth", [1, 2])
@pytest.mark.parametrize("cap", [3, 1000])
def test_ego_network_without_filters_equals_the_per_relation_answer(
    graph: tuple[GraphStore, list[Statement]], actor: str, depth: int, cap: int
) -> None:
    """Every field of every edge (claims, sources, goldstein), speaks_for pair and actor."""
    store, _statements = graph
    new = service.ego_network(store, actor, depth, max_neighbours=cap)
    old = service.ego_network(store, actor, depth, EVERY_RELATION, max_neighbours=cap)
    assert new.model_dump() == old.model_dump()
    assert any(e.claims for e in new.edges) and any(e.cooperation or e.conflict for e in new.edges)


def _drop_pair_levels(store: GraphStore) -> None:
    """Make the store look written before the pair levels existed."""
    if isinstance(store, SqliteStore):
        conn = sqlite3.connect(store.path)
        with conn:
            conn.execute("DROP TABLE edge_pairs")
            conn.execute("DROP TABLE speaks_pairs")
        conn.close()
    else:
        assert isinstance(store, Neo4jStore)
        store.cypher.write("MATCH (c) WHERE c:EdgePair OR c:SpeaksPair OR (c:Meta AND c.key = 'pair_levels') DELETE c")


def test_a_store_written_before_the_pair_levels_gets_them_on_ensure_schema(
    graph: tuple[GraphStore, list[Statement]],
) -> None:
    store, statements = graph
    want = {tuple(ids): expected_neighbours(statements, ids, NetworkQuery()) for ids in SETS}
    _drop_pair_levels(store)
    store.ensure_schema()
    assert {tuple(ids): ranked(store, ids, NetworkQuery()) for ids in SETS} == want
    store.ensure_schema()  # again: derived once, not added twice
    assert {tuple(ids): ranked(store, ids, NetworkQuery()) for ids in SETS} == want
    store.ingest_many(batches(seed=9, articles=6))  # and kept at ingest after that
    later = [*statements, *(st for b in batches(seed=9, articles=6) for st in b.statements)]
    assert {tuple(ids): ranked(store, ids, NetworkQuery()) for ids in SETS} == {
        tuple(ids): expected_neighbours(later, ids, NetworkQuery()) for ids in SETS
    }


@pytest.mark.parametrize("count", ["claims", "reports"])
def test_centrality_of_a_counted_network_equals_the_centrality_of_its_graph(
    graph: tuple[GraphStore, list[Statement]], count: CountUnit
) -> None:
    """``service.centrality`` scores a network the counts answer without building its graph
    (analytics.network_centrality): the same rows as ``analytics.centrality`` of the analytics
    graph, for the whole network and filtered ones, and again from the cache."""
    store, _ = graph
    queries = [
        StatementQuery(),
        StatementQuery(relations=[Relation.supports, Relation.criticizes]),
        StatementQuery(target_ids=["state-1", "init-2"]),
        StatementQuery(speaker_ids=["person-2"]),
        StatementQuery(language="fr"),  # not the counts': from the statements
    ]
    for q in queries:
        service._RESULT_CACHE.clear()
        service._GRAPH_CACHE.clear()
        rows = service.centrality(store, q, count)
        assert not service._GRAPH_CACHE or service.network_query(q) is None  # scored without the graph
        assert rows == analytics.centrality(service.analytics_graph(store, q, count))
        assert service.centrality(store, q, count) is rows
    assert service.centrality(store, StatementQuery(), count)  # the random graph has a network
