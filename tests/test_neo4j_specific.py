"""What only the Neo4j store has: the graph shape, schema, and read-only Cypher.

Runs against a real Neo4j server (the session ``neo4j`` fixture from conftest).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from graph.cypher import label, rel_type
from graph.errors import QueryError, StoreError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ClaimQuery,
    IngestBatch,
    Relation,
    Role,
    Span,
    Statement,
    StatementQuery,
    Target,
    TargetRole,
)
from graph.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

WIB = timezone(timedelta(hours=7))
EVIL = "x'}) DETACH DELETE n //"

ACTORS = [
    Actor(id="azerbaijan", name="Azerbaijan", kind=ActorKind.state, country="AZ", aliases=["Azərbaycan"]),
    Actor(id="ilham-aliyev", name="Ilham Aliyev", kind=ActorKind.person, country="AZ"),
    Actor(id="gaza-isf", name="International Stabilization Force", kind=ActorKind.initiative),
    Actor(id="israel", name="Israel", kind=ActorKind.state, country="IL"),
    Actor(id="isna", name="ISNA", kind=ActorKind.media, country="IR"),
    Actor(id="pars-today", name="Pars Today", kind=ActorKind.media, country="IR"),
]
ROLE = Role(person_id="ilham-aliyev", org_id="azerbaijan", title="president", start=date(2003, 10, 31))
TEXT = "Aliyev: Azerbaijan will not join the Gaza force unless there is a ceasefire with Israel."


def _batch(article_id: str = "url:neo4j-specific-1", statement_id: str | None = None) -> IngestBatch:
    art = Article(
        id=article_id,
        url="https://example.org/az-gaza",
        outlet="Pars Today",
        outlet_id="pars-today",
        title="Azerbaijan and the Gaza force",
        language="en",
        published_at=datetime(2026, 1, 6, 12, 24, tzinfo=WIB),
        modified_at=datetime(2026, 1, 6, 5, 26, 38, tzinfo=UTC),
        text=TEXT,
    )
    content = TEXT[8:]
    st = Statement(
        id=statement_id or Statement.make_id(art.id, 8, len(TEXT)),
        article_id=art.id,
        speaker_id="ilham-aliyev",
        speaker_mention="Aliyev",
        speaker_span=Span(start=0, end=6, text="Aliyev"),
        on_behalf_of_id="azerbaijan",
        relation=Relation.declines,
        cameo="1224",
        plover="REJECT",
        quad_class=3,
        goldstein=-4.0,
        targets=[
            Target(actor_id="gaza-isf", role=TargetRole.target, mention="the Gaza force"),
            Target(actor_id="israel", role=TargetRole.mentioned, mention="Israel"),
        ],
        content=content,
        content_span=Span(start=8, end=len(TEXT), text=content),
        direct=True,
        conditions=["a ceasefire with Israel"],
        date=date(2026, 1, 6),
        via_id="isna",
        sentence=TEXT,
        language="en",
        confidence=0.9,
    )
    return IngestBatch(article=art, actors=ACTORS, roles=[ROLE], statements=[st])


def _snapshot(store: Neo4jStore) -> list[Any]:
    """Every node and relationship with its properties, in a stable order."""
    nodes = store.run_cypher(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id", max_rows=10_000
    ).rows
    rels = store.run_cypher(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, properties(r) AS props, b.id AS b "
        "ORDER BY a, type, b, r.claim_id",
        max_rows=10_000,
    ).rows
    return [nodes, rels]


def test_typed_actor_edge_and_structural_edges(nstore: Neo4jStore) -> None:
    batch = _batch()
    nstore.ingest(batch)
    sid = batch.statements[0].id
    claim_id = nstore.get_statement(sid).claim_id  # type: ignore[union-attr]
    rows = nstore.run_cypher(
        "MATCH (a:Actor {id: 'azerbaijan'})-[r:DECLINES]->(t) "
        "RETURN t.id AS target, r.cameo AS cameo, r.claim_id AS claim, r.date AS date, "
        "r.num_reports AS reports, r.num_sources AS sources"
    ).rows
    # one edge per claim: only the role-'target' actor, never the 'mentioned' one
    assert rows == [{"target": "gaza-isf", "cameo": "1224", "claim": claim_id, "date": date(2026, 1, 6),
                     "reports": 1, "sources": 1}]  # fmt: skip
    reports = nstore.run_cypher(
        "MATCH (s:Statement)-[:REPORTS]->(c:Claim) RETURN s.id AS sid, c.id AS claim, c.num_sources AS sources"
    ).rows
    assert reports == [{"sid": sid, "claim": claim_id, "sources": 1}]
    shape = nstore.run_cypher(
        "MATCH (sp:Actor)-[:STATED]->(s:Statement {id: $sid})-[:REPORTED_IN]->(art:Article)"
        "-[:PUBLISHED_BY]->(o:Actor) "
        "MATCH (s)-[:ON_BEHALF_OF]->(b:Actor) MATCH (s)-[:VIA]->(v:Actor) "
        "MATCH (s)-[ab:ABOUT]->(x:Actor) "
        "RETURN sp.id AS speaker, b.id AS behalf, v.id AS via, o.id AS outlet, "
        "collect([x.id, ab.role, ab.mention]) AS about",
        {"sid": sid},
    ).rows
    assert len(shape) == 1
    got = shape[0]
    assert (got["speaker"], got["behalf"], got["via"], got["outlet"]) == (
        "ilham-aliyev", "azerbaijan", "isna", "pars-today",
    )  # fmt: skip
    assert sorted(got["about"]) == [["gaza-isf", "target", "the Gaza force"], ["israel", "mentioned", "Israel"]]
    role = nstore.run_cypher(
        "MATCH (p:Actor)-[r:HOLDS_ROLE]->(o:Actor) RETURN p.id AS p, o.id AS o, r.title AS title, r.`from` AS f"
    ).rows
    assert role == [{"p": "ilham-aliyev", "o": "azerbaijan", "title": "president", "f": date(2003, 10, 31)}]


def test_dates_are_native_temporal_values_keeping_the_offset(nstore: Neo4jStore) -> None:
    batch = _batch()
    nstore.ingest(batch)
    rows = nstore.run_cypher(
        "MATCH (a:Article) RETURN toString(a.published_at) AS p, a.published_at.offset AS off, a.published_at AS native"
    ).rows
    assert rows[0]["p"] == "2026-01-06T12:24:00+07:00"
    assert rows[0]["off"] == "+07:00"
    assert rows[0]["native"].isoformat() == "2026-01-06T12:24:00+07:00"
    st = nstore.run_cypher("MATCH (s:Statement) RETURN s.date AS d, s.date.year AS y").rows
    assert st == [{"d": date(2026, 1, 6), "y": 2026}]
    # a statement read back is the one ingested (nested fields survive as JSON), filed under a claim
    got = nstore.get_statement(batch.statements[0].id)
    assert got is not None and got.claim_id is not None
    assert got.model_copy(update={"claim_id": None}) == batch.statements[0]
    claim = nstore.run_cypher("MATCH (c:Claim) RETURN c.date AS d, c.date_to AS d2").rows
    assert claim == [{"d": date(2026, 1, 6), "d2": date(2026, 1, 6)}]


def test_schema_constraints_and_indexes(nstore: Neo4jStore) -> None:
    nstore.ensure_schema()  # twice is fine
    constraints = nstore.cypher.read(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN name, type, labelsOrTypes, properties"
    ).records
    unique = {(c["labelsOrTypes"][0], c["properties"][0]) for c in constraints if c["type"] == "UNIQUENESS"}
    assert {("Actor", "id"), ("Article", "id"), ("Statement", "id"), ("Claim", "id")} <= unique
    indexes = {
        r["name"]: r
        for r in nstore.cypher.read(
            "SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties "
            "RETURN name, type, state, labelsOrTypes, properties"
        ).records
    }
    assert all(r["state"] == "ONLINE" for r in indexes.values())
    wanted = {
        "actor_name": ("Actor", "name"),
        "statement_date": ("Statement", "date"),
        "article_published_at": ("Article", "published_at"),
        "statement_relation": ("Statement", "relation"),
    }
    for name, (lbl, prop) in wanted.items():
        assert indexes[name]["type"] == "RANGE"
        assert (indexes[name]["labelsOrTypes"], indexes[name]["properties"]) == ([lbl], [prop])
    assert indexes["statement_content"]["type"] == "FULLTEXT"
    # the uniqueness constraint is enforced
    nstore.upsert_actors(ACTORS)
    with pytest.raises(StoreError, match="already exists"):
        nstore.cypher.write("CREATE (:Actor {id: 'azerbaijan', name: 'dup'})")


def test_fulltext_index_folds_case_and_diacritics(nstore: Neo4jStore) -> None:
    nstore.ingest(_batch())
    # the index holds the folded content (graph.model.fold), split on whitespace
    hits = nstore.run_cypher(
        "CALL db.index.fulltext.queryNodes('statement_content', $q) YIELD node RETURN node.id AS id",
        {"q": "+ceasefire +gaza"},
    ).rows
    assert len(hits) == 1
    assert nstore.list_statements(StatementQuery(q="Ceasefire, ISRAEL")).total == 1
    assert nstore.list_statements(StatementQuery(q="ceasefire nowhere")).total == 0


WRITES = [
    "CREATE (n:Actor {id: 'new'}) RETURN n",
    "MERGE (n:Actor {id: 'azerbaijan'}) SET n.name = 'changed'",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Actor) SET n.name = 'x'",
    "MATCH (n:Actor) REMOVE n.name",
    "FOREACH (x IN [1] | CREATE (:Tmp))",
    "MATCH (n:Actor) CALL (n) { SET n.kind = 'x' } RETURN n",
    "CALL { CREATE (:Tmp) } IN TRANSACTIONS",
    "CREATE INDEX evil FOR (n:Actor) ON (n.kind)",
    "DROP CONSTRAINT actor_id",
    "CALL db.createLabel('Evil')",
    "CALL db.clearQueryCaches()",
    "CALL dbms.components()",
    "CALL dbms.listConfig()",
    "SHOW USERS",
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
    "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS line CREATE (:Tmp {l: line})",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "MATCH (n {name: '" + EVIL + "'}) RETURN n",
]


@pytest.mark.parametrize("query", WRITES)
def test_run_cypher_rejects_anything_but_reads(nstore: Neo4jStore, query: str) -> None:
    nstore.ingest(_batch())
    before = _snapshot(nstore)
    with pytest.raises(QueryError):
        nstore.run_cypher(query)
    assert _snapshot(nstore) == before


def test_hostile_values_are_only_ever_parameters(nstore: Neo4jStore) -> None:
    batch = _batch()
    nstore.ingest(batch)
    before = _snapshot(nstore)
    assert nstore.run_cypher("MATCH (a:Actor) WHERE a.name = $name RETURN a.id AS id", {"name": EVIL}).rows == []
    assert nstore.find_actors(EVIL) == []
    page = nstore.list_statements(
        StatementQuery(speaker_ids=[EVIL], about_ids=[EVIL], outlet=EVIL, q=EVIL, cameo=EVIL, plover=EVIL)
    )
    assert page.items == [] and page.total == 0
    assert not nstore.delete_article(EVIL)
    assert _snapshot(nstore) == before
    # names that enter Cypher text are checked against the graph shape
    with pytest.raises(QueryError):
        rel_type("DECLINES]->() DETACH DELETE n //")
    with pytest.raises(QueryError):
        rel_type("LIKES")
    with pytest.raises(QueryError):
        label("Actor:Statement")


def test_run_cypher_syntax_error_timeout_and_row_cap(nstore: Neo4jStore) -> None:
    with pytest.raises(QueryError, match=r"Invalid input|syntax"):
        nstore.run_cypher("MATCH (n RETURN n")
    with pytest.raises(QueryError):
        nstore.run_cypher("   ")
    rows = nstore.run_cypher("UNWIND range(1, 50) AS x RETURN x", max_rows=10).rows
    assert rows == [{"x": x} for x in range(1, 11)]
    t0 = time.monotonic()
    with pytest.raises(QueryError, match="timed out"):
        nstore.run_cypher("UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 13 RETURN count(x) AS n", timeout=0.5)
    assert time.monotonic() - t0 < 20


def test_run_cypher_returns_plain_values(nstore: Neo4jStore) -> None:
    nstore.ingest(_batch())
    rows = nstore.run_cypher(
        "MATCH p = (a:Actor {id: 'azerbaijan'})-[r:DECLINES]->(t:Actor) RETURN a, r, p LIMIT 1"
    ).rows
    a, r, p = rows[0]["a"], rows[0]["r"], rows[0]["p"]
    assert a["_labels"] == ["Actor"] and a["id"] == "azerbaijan" and a["aliases"] == ["Azərbaycan"]
    assert (r["_type"], r["_start"], r["_end"], r["cameo"]) == ("DECLINES", "azerbaijan", "gaza-isf", "1224")
    assert [n["id"] for n in p["nodes"]] == ["azerbaijan", "gaza-isf"]


def test_failed_ingest_rolls_back_everything(nstore: Neo4jStore) -> None:
    first = _batch()
    nstore.ingest(first)
    before = _snapshot(nstore)
    # passes batch validation, but its statement id collides with a stored statement of
    # another article: the unique constraint fails mid-transaction, after the actor merge
    clash = _batch("url:neo4j-specific-2", statement_id=first.statements[0].id)
    renamed = [a.model_copy(update={"aliases": [*a.aliases, "Renamed"]}) for a in clash.actors]
    with pytest.raises(StoreError):
        nstore.ingest(clash.model_copy(update={"actors": renamed}))
    assert _snapshot(nstore) == before
    assert nstore.get_article("url:neo4j-specific-2") is None


def test_reingest_moves_typed_edges_with_the_claim(nstore: Neo4jStore) -> None:
    batch = _batch()
    nstore.ingest(batch)
    changed = batch.statements[0].model_copy(update={"relation": Relation.criticizes, "cameo": "111"})
    nstore.ingest(batch.model_copy(update={"statements": [changed]}))
    rows = nstore.run_cypher("MATCH (:Actor)-[r]->(:Actor) WHERE r.claim_id IS NOT NULL RETURN type(r) AS t").rows
    assert rows == [{"t": "CRITICIZES"}]
    assert (nstore.counts().relation_edges, nstore.counts().claims) == (1, 1)
    got = nstore.get_statement(changed.id)
    assert got is not None and got.model_copy(update={"claim_id": None}) == changed


def test_concurrent_ingests_union_aliases_without_losing_any(nstore: Neo4jStore) -> None:
    base = _batch()
    nstore.ingest(base)
    errors: list[Exception] = []

    def work(worker: int) -> None:
        try:
            for k in range(3):
                actors = [
                    a.model_copy(update={"aliases": [*a.aliases, f"alias {worker} {k}"]}) if a.id == "azerbaijan" else a
                    for a in base.actors
                ]
                batch = _batch(f"url:neo4j-concurrent-{worker}-{k}")
                nstore.ingest(batch.model_copy(update={"actors": actors}))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    got = nstore.get_actor("azerbaijan")
    assert got is not None
    assert {f"alias {w} {k}" for w in range(3) for k in range(3)} <= set(got.aliases)
    counts = nstore.counts()
    assert (counts.articles, counts.statements, counts.actors) == (10, 10, 6)
    # ten reports of one statement, written concurrently: one claim, one typed edge
    assert (counts.claims, counts.relation_edges) == (1, 1)
    (claim,) = nstore.list_claims(ClaimQuery()).items
    assert (claim.num_reports, claim.num_articles, claim.num_sources) == (10, 10, 1)
