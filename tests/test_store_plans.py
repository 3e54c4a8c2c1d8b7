"""Every statement filter the API offers is answered through an index, on every store.

The plans come from the engines' own planners (SQLite ``EXPLAIN QUERY PLAN``, Cypher
``EXPLAIN``) through ``GraphStore.explain_statements``; a full scan of a table, a label or a
whole index anywhere in the page query or its total fails the test. Pages driven by one
speaker or one target are also walked to the end and compared with a scan of the statements.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from neo4j import ManagedTransaction
from support.random_graph import batches, sixty_articles

from graph.claims import Near
from graph.model import IngestBatch, Relation, SortOrder, Statement, StatementQuery, TargetRole
from graph.neo4j_store import Neo4jStore, _count_cypher, _speaker_page_at_once
from graph.sqlite_claims import near_sql
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

MAR, END = date(2025, 3, 1), date(2025, 3, 31)

FILTERS: dict[str, StatementQuery] = {
    "speaker": StatementQuery(speaker_ids=["state-0"]),
    "speakers": StatementQuery(speaker_ids=["state-0", "person-3"]),
    "target": StatementQuery(target_ids=["init-0"]),
    "targets": StatementQuery(target_ids=["init-0", "state-1"]),
    "relation": StatementQuery(relations=[Relation.supports]),
    "relations": StatementQuery(relations=[Relation.supports, Relation.declines]),
    "date range": StatementQuery(date_from=MAR, date_to=END),
    "language": StatementQuery(language="fr"),
    "outlet": StatementQuery(outlet="Outlet R"),
    "outlet id": StatementQuery(outlet="outlet-r"),
    "speaker + month": StatementQuery(speaker_ids=["state-0"], date_from=MAR, date_to=END),
    "target + month": StatementQuery(target_ids=["init-0"], date_from=MAR, date_to=END),
    "speaker + target": StatementQuery(speaker_ids=["state-0"], target_ids=["init-0"]),
    "speaker + relation": StatementQuery(speaker_ids=["person-0"], relations=[Relation.consults]),
    "target + relation": StatementQuery(target_ids=["state-2"], relations=[Relation.criticizes]),
    "relation + month": StatementQuery(relations=[Relation.states], date_from=MAR, date_to=END),
    "language + month": StatementQuery(language="id", date_from=MAR, date_to=END),
    "outlet + month": StatementQuery(outlet="Outlet R", date_from=MAR, date_to=END),
    "outlet + speaker": StatementQuery(outlet="Outlet R", speaker_ids=["state-1"]),
    "speaker, by confidence": StatementQuery(speaker_ids=["state-0"], sort="-confidence"),
    "target, oldest first": StatementQuery(target_ids=["init-0"], sort="date"),
}


@pytest.fixture
def graph(store: GraphStore) -> Iterator[tuple[GraphStore, list[Statement]]]:
    data = batches(seed=9, articles=30)
    assert not store.ingest_many(data).failures
    yield store, [st for b in data for st in b.statements]


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_no_filter_is_answered_by_a_full_scan(graph: tuple[GraphStore, list[Statement]], name: str) -> None:
    store, _ = graph
    plan = store.explain_statements(FILTERS[name])
    assert plan.steps
    assert plan.full_scans == [], "\n".join(plan.steps)


def _matches(st: Statement, q: StatementQuery) -> bool:
    speaking = {x for x in (st.speaker_id, st.on_behalf_of_id) if x}
    if q.speaker_ids is not None and not speaking & set(q.speaker_ids):
        return False
    if q.target_ids is not None and not set(st.target_ids(TargetRole.target)) & set(q.target_ids):
        return False
    if q.relations is not None and st.relation not in q.relations:
        return False
    if st.date is None:  # an undated statement matches no date range
        return q.date_from is None and q.date_to is None
    return not ((q.date_from and st.date < q.date_from) or (q.date_to and st.date > q.date_to))


@pytest.mark.parametrize("sort", ["-date", "date", "-confidence"])
@pytest.mark.parametrize(
    "base",
    [
        StatementQuery(speaker_ids=["state-0"]),
        StatementQuery(speaker_ids=["person-0"], relations=[Relation.states, Relation.consults]),
        StatementQuery(target_ids=["init-0"]),
        StatementQuery(target_ids=["state-0"], date_from=date(2025, 2, 1), date_to=date(2025, 4, 30)),
        StatementQuery(speaker_ids=["state-0", "state-1"], target_ids=["init-0", "init-1"]),
    ],
    ids=["speaker", "person+relations", "target", "target+month", "several"],
)
def test_pages_walk_every_matching_statement_in_order(
    graph: tuple[GraphStore, list[Statement]], base: StatementQuery, sort: SortOrder
) -> None:
    store, statements = graph
    matching = [s for s in statements if _matches(s, base)]
    if "date" in sort:
        matching.sort(key=lambda s: (s.date, s.id), reverse=sort == "-date")
    else:
        matching.sort(key=lambda s: (s.confidence, s.id), reverse=True)
    want = [s.id for s in matching]
    assert len(want) > 4
    q = base.model_copy(update={"sort": sort, "limit": 3})
    walked: list[str] = []
    first = store.list_statements(q)
    assert first.total == len(want)
    page = first
    while True:
        walked.extend(s.id for s in page.items)
        if not page.next_cursor:
            break
        page = store.list_statements(q.model_copy(update={"cursor": page.next_cursor}))
    assert walked == want


def test_the_claim_refresh_neighbour_query_seeks_statements_by_id(tmp_path: Path) -> None:
    # the refresh's neighbour query of a write (one per relation class and week): on the
    # relation index SQLite walked every statement of the relation, so each write of a
    # growing store read more (issue 12: 3.6 ms -> 34 ms a query from 10k to 100k statements)
    store = SqliteStore(tmp_path / "g.db")
    try:
        store.ensure_schema()
        assert not store.ingest_many(batches(seed=9, articles=30)).failures
        near = Near(frozenset({"person-0"}), frozenset({"state-0"}), frozenset({"state-3"}),
                    frozenset({Relation.declines, Relation.commits}), date(2025, 3, 3), date(2025, 3, 16))  # fmt: skip
        plan = store.explain(*near_sql(near))
    finally:
        store.close()
    assert any(step.startswith("SEARCH statement_actors USING COVERING INDEX") for step in plan), plan
    assert any(step.startswith("SEARCH s USING INDEX sqlite_autoindex_statements") for step in plan), plan
    assert not any("statements_relation" in step or step.startswith("SCAN") for step in plan), plan


def test_the_claim_refresh_neighbour_query_with_targets_answers_as_near_matches(tmp_path: Path) -> None:
    # a report naming targets reads only the stored reports naming one of them or none (a dense
    # week of one voice is many claims about different targets): the SQL answers what
    # Near.matches says, through index seeks
    store, statements = sixty_articles(tmp_path)
    try:
        checked = 0
        for targets in (None, frozenset(), frozenset({"state-1"}), frozenset({"init-0", "state-2"})):
            for relation in (Relation.supports, Relation.declines, Relation.criticizes):
                near = Near(frozenset({"person-0", "person-1"}), frozenset({"state-0"}), frozenset({"state-3"}),
                            frozenset({relation}), date(2025, 1, 1), date(2025, 6, 30), targets=targets)  # fmt: skip
                sql, params = near_sql(near)
                found = sorted(row["id"] for row in store._conn.execute(sql, params))
                assert found == sorted(st.id for st in statements if near.matches(st)), (targets, relation)
                checked += len(found)
        plan = store.explain(*near_sql(near))
    finally:
        store.close()
    assert checked > 20
    assert not any(step.startswith("SCAN") for step in plan), plan
    assert any("statement_actors USING COVERING INDEX" in step for step in plan), plan


def test_the_neo4j_claim_refresh_neighbour_query_with_targets_answers_as_near_matches(nstore: Neo4jStore) -> None:
    # the same on Neo4j: one round trip for several queries of a bucket, each statement
    # naming targets kept only when it names one of the query's targets
    stored = batches(seed=9, articles=60)
    assert not nstore.ingest_many(stored).failures
    statements = [st for b in stored for st in b.statements]
    nears = [
        Near(
            frozenset({"person-0", "person-1"}),
            frozenset({"state-0"}),
            frozenset({"state-3"}),
            frozenset({relation}),
            date(2025, 1, 1),
            date(2025, 6, 30),
            targets=targets,
        )
        for targets in (None, frozenset(), frozenset({"state-1"}), frozenset({"init-0", "state-2"}))
        for relation in (Relation.supports, Relation.declines, Relation.criticizes)
    ]

    def found(tx: ManagedTransaction) -> tuple[list[list[str]], list[str]]:
        book = nstore._claims(tx)
        alone = [sorted(r.statement.id for r in book.reports_near_many([near])) for near in nears]
        return alone, sorted(r.statement.id for r in book.reports_near_many(nears))

    alone, together = nstore.cypher.write_tx(found)
    want = [sorted(st.id for st in statements if near.matches(st)) for near in nears]
    assert alone == want
    assert together == sorted({i for ids in want for i in ids})
    assert sum(map(len, want)) > 20
    assert any(want[i] != want[i % 3] for i in range(3, len(nears)))  # the targets decide something


@pytest.mark.parametrize(
    ("query", "joins"),
    [
        (StatementQuery(speaker_ids=["state-0"]), False),
        (StatementQuery(target_ids=["init-0"], date_from=MAR, date_to=END), False),
        (StatementQuery(speaker_ids=["state-0"], relations=[Relation.supports]), True),
    ],
)
def test_the_total_of_one_actor_counts_its_index_range_alone(
    tmp_path: Path, query: StatementQuery, joins: bool
) -> None:
    # a hub's first page counted its total by joining every statement (711,678 for the top
    # speaker at 1M statements: 168 ms); the actor's covering index range gives the same count
    # unless a filter reads the statement itself
    store = SqliteStore(tmp_path / "g.db")
    try:
        store.ensure_schema()
        statements = [st for b in batches(seed=9, articles=30) for st in b.statements]
        assert not store.ingest_many(batches(seed=9, articles=30)).failures
        plan = store.explain(*store._count_sql(query))
        total = store.list_statements(query.model_copy(update={"limit": 1})).total
    finally:
        store.close()
    assert any(step.startswith("SEARCH d USING COVERING INDEX statement_actors_") for step in plan), plan
    assert any(" s " in f" {step} " for step in plan) == joins, plan
    assert total == sum(1 for st in statements if _matches(st, query))


def _some_undated(data: list[IngestBatch]) -> list[IngestBatch]:
    """The random graph with the first statement of every other article undated, except where
    state-2 speaks or is spoken for (so one speaker has dated statements only)."""
    out = []
    for i, b in enumerate(data):
        sts = [
            st.model_copy(update={"date": None})
            if i % 2 == 0 and k == 0 and "state-2" not in (st.speaker_id, st.on_behalf_of_id)
            else st
            for k, st in enumerate(b.statements)
        ]
        out.append(b.model_copy(update={"statements": sts}))
    return out


@pytest.mark.parametrize("sort", ["-date", "date"])
@pytest.mark.parametrize(
    "base",
    [
        StatementQuery(speaker_ids=["state-0"]),
        StatementQuery(speaker_ids=["state-2"]),
        StatementQuery(speaker_ids=["person-0"]),
        StatementQuery(speaker_ids=["state-0", "person-1", "state-0"]),
        StatementQuery(speaker_ids=["state-1"], relations=[Relation.supports, Relation.criticizes]),
        StatementQuery(speaker_ids=["state-0"], date_from=MAR, date_to=END),
        StatementQuery(speaker_ids=["state-3"], language="fr"),
        StatementQuery(speaker_ids=[]),
        StatementQuery(target_ids=["init-0"]),
        StatementQuery(target_ids=["state-1", "init-1", "state-1"]),
        StatementQuery(target_ids=["init-0"], date_from=MAR, date_to=END),
        StatementQuery(target_ids=["state-0"], speaker_ids=["person-0", "state-3"]),
    ],
    ids=[
        "state",
        "dated only",
        "person",
        "several",
        "relations",
        "month",
        "language",
        "none",
        "target",
        "targets",
        "target + month",
        "target + speakers",
    ],
)
def test_speaker_and_target_pages_put_undated_statements_where_the_sort_says(
    store: GraphStore, base: StatementQuery, sort: SortOrder
) -> None:
    # Neo4j reads a speaker's page in date order from its (speaker_id, date, id) indexes, which
    # hold dated statements only, and a target's from its ABOUT edges' (actor_id, role, date)
    # index, where an undated statement has a day after every date; undated ones sort after
    # every date (first when newest first)
    data = _some_undated(batches(seed=9, articles=30))
    statements = [st for b in data for st in b.statements]
    assert any(st.date is None and "state-0" in (st.speaker_id, st.on_behalf_of_id) for st in statements)
    assert not any(st.date is None and "state-2" in (st.speaker_id, st.on_behalf_of_id) for st in statements)
    assert not store.ingest_many(data).failures
    language = {b.article.id: b.article.language for b in data}  # no statement here has its own
    matching = [s for s in statements if _matches(s, base) and base.language in (None, language[s.article_id])]
    matching.sort(key=lambda s: (s.date is None, s.date or date.min, s.id), reverse=sort == "-date")
    want = [s.id for s in matching]
    q = base.model_copy(update={"sort": sort, "limit": 4})
    first = store.list_statements(q)
    assert first.total == len(want)
    walked: list[str] = []
    page = first
    while True:
        walked.extend(s.id for s in page.items)
        if not page.next_cursor:
            break
        page = store.list_statements(q.model_copy(update={"cursor": page.next_cursor}))
    assert walked == want


@pytest.mark.parametrize(
    "query",
    [
        StatementQuery(speaker_ids=["state-0"]),
        StatementQuery(speaker_ids=["state-0", "person-3"], sort="date"),
        StatementQuery(speaker_ids=["person-0"], relations=[Relation.consults]),
        StatementQuery(speaker_ids=["state-1"], date_from=MAR, date_to=END),
    ],
    ids=["speaker", "speakers, oldest first", "speaker + relation", "speaker + month"],
)
def test_a_neo4j_speaker_page_comes_out_of_its_indexes_in_date_order(nstore: Neo4jStore, query: StatementQuery) -> None:
    # the top speaker's first page sorted every statement it was ever part of (73,422 at 100k
    # statements: 199 ms) and counted them (160 ms); now each index seek stops at the page's
    # size, one speaker's total is summed from its month activity rows (several speakers': from
    # the all-time edge and speaks counts), and the undated check, the page and the total are
    # one query (one round trip)
    assert not nstore.ingest_many(batches(seed=9, articles=30)).failures
    steps = nstore._explain([_speaker_page_at_once(query)]).steps
    assert sum(step.startswith("ProduceResults") for step in steps) == 1, steps
    seeks = [i for i, step in enumerate(steps) if step.startswith("NodeIndexSeek") and "(speaker_id, date, id)" in step]
    seeks += [
        i for i, step in enumerate(steps) if step.startswith("NodeIndexSeek") and "(on_behalf_of_id, date, id)" in step
    ]
    assert len(seeks) == 2, steps
    for i in seeks:  # nothing between a seek and its LIMIT but filters: the order is the index's
        stop = next(j for j in range(i + 1, len(steps)) if not steps[j].startswith("Filter"))
        assert steps[stop].startswith("Limit"), steps
    assert any("c:NetworkCount(speaker_id, month)" in step for step in steps) == (query.date_from is None), steps
    one = len(query.speaker_ids or []) == 1
    counted = query.date_from is None
    assert any("c:ActivityCount(actor_id, level, bucket)" in step for step in steps) == (counted and one), steps
    assert any("c:EdgeCount(source_id, month)" in step for step in steps) == (counted and not one), steps
    # the statements themselves are read by the page's two seeks alone, or also counted when a
    # date range is on the total
    assert sum(":Statement(" in step for step in steps) == (2 if counted else 4), steps


@pytest.mark.parametrize(
    "query",
    [
        StatementQuery(target_ids=["init-0"]),
        StatementQuery(target_ids=["init-0", "state-1"], sort="date"),
        StatementQuery(target_ids=["state-2"], date_from=MAR, date_to=END),
        StatementQuery(target_ids=["state-2"], relations=[Relation.criticizes]),
    ],
    ids=["target", "targets, oldest first", "target + month", "target + relation"],
)
def test_a_neo4j_target_page_comes_out_of_its_edge_index_in_date_order(
    nstore: Neo4jStore, query: StatementQuery
) -> None:
    # a month of the most targeted actor at 1M statements (8,297 ABOUT edges) was sorted whole
    # for every page (~250 ms); now each target's edges come out of the index in date order and
    # only those of the page's last days are sorted by id
    assert not nstore.ingest_many(batches(seed=9, articles=30)).failures
    steps = nstore._explain([nstore.statement_cypher(query)]).steps
    seek = next(i for i, step in enumerate(steps) if step.startswith("DirectedRelationshipIndexSeek"))
    assert "ABOUT(actor_id, role, date)" in steps[seek], steps
    stop = next(j for j in range(seek + 1, len(steps)) if steps[j].split(" ")[0] not in ("Filter", "Projection"))
    assert steps[stop].startswith(("PartialTop", "Limit")), steps
    count = nstore._explain([_count_cypher(query)]).steps
    edges_only = len(query.target_ids or []) == 1 and query.relations is None
    assert any(":Statement" in step for step in count) != edges_only, count


def test_the_warm_up_runs_the_first_reads_and_changes_nothing(store: GraphStore) -> None:
    # after a server start Neo4j plans each query text on its first use (seconds at 1M
    # statements for the speaker page's and the ego network's subqueries), SQLite reads its
    # first pages from disk: the API's start runs these reads once so its first requests do not pay
    empty = store.warm_up()
    assert empty.actor_id is None and [r.read for r in empty.reads] == ["pick an actor"]  # nothing to read
    assert not store.ingest_many(batches(seed=9, articles=30)).failures
    before = (store.counts(), store.generation())
    done = store.warm_up()
    assert [r.read for r in done.reads] == [
        "pick an actor",
        "statements by speaker",
        "the next page",
        "statements by target + month",
        "ego network depth 1",
        "ego network depth 2",
    ]
    assert all(r.seconds >= 0 for r in done.reads)
    assert done.actor_id is not None  # a source of a pair of two actors: it speaks (or is spoken for)
    assert store.list_statements(StatementQuery(speaker_ids=[done.actor_id], limit=1)).items
    assert (store.counts(), store.generation()) == before
