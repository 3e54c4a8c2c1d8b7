"""The claims' shape in Neo4j: ``(:Statement)-[:REPORTS]->(:Claim)`` and one typed actor→actor edge
per claim and target carrying ``num_reports``/``num_sources`` — kept right through revisions.

Runs against the real Neo4j server of the session fixture, with our own articles
(the seed and tests/fixtures/claims/aliyev-refusal-en-fr.jsonl).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from support.claims_articles import EN_FR, ISF, SEED

from graph.model import Article, Claim, ClaimQuery, Relation
from graph.neo4j_store import Neo4jStore
from loaders.intake import load_path
from loaders.pipeline import ingest_articles

pytestmark = pytest.mark.neo4j


def _refusal(store: Neo4jStore) -> Claim:
    page = store.list_claims(ClaimQuery(speaker_ids=["ilham-aliyev"], relations=[Relation.declines], limit=100))
    (claim,) = [c for c in page.items if str(c.date) == "2026-01-06" and ISF in c.target_ids()]
    return claim


def _check_graph(store: Neo4jStore) -> None:
    """Every statement REPORTS exactly one claim, and the typed edges are exactly one per claim and target."""
    claims = {c.id: c for c in store.list_claims(ClaimQuery(limit=1000)).items}
    reports = store.run_cypher(
        "MATCH (s:Statement) OPTIONAL MATCH (s)-[:REPORTS]->(c:Claim) RETURN s.id AS sid, collect(c.id) AS claims",
        max_rows=10_000,
    ).rows
    assert reports and all(len(r["claims"]) == 1 for r in reports), reports
    per_claim = Counter(r["claims"][0] for r in reports)
    assert per_claim == Counter({cid: c.num_reports for cid, c in claims.items()})
    rows = store.run_cypher(
        "MATCH (a:Actor)-[r]->(t:Actor) WHERE r.claim_id IS NOT NULL "
        "RETURN a.id AS source, type(r) AS type, t.id AS target, r.claim_id AS claim, "
        "r.num_reports AS reports, r.num_sources AS sources, r.cameo AS cameo",
        max_rows=10_000,
    ).rows
    got = sorted(
        (r["claim"], r["source"], r["type"], r["target"], r["reports"], r["sources"], r["cameo"]) for r in rows
    )
    want = sorted(
        (c.id, c.network_source_id, c.relation.edge_type, t, c.num_reports, c.num_sources, c.cameo)
        for c in claims.values()
        if c.network_source_id
        for t in dict.fromkeys(c.target_ids())
    )
    assert got == want


def test_reports_and_typed_edges_per_claim(nstore: Neo4jStore) -> None:
    seed, (english, french) = load_path(SEED), load_path(EN_FR)
    ingest_articles(nstore, [*seed, english, french])
    claim = _refusal(nstore)
    assert claim.num_reports >= 6 and claim.num_sources == 3
    # the refusal is ONE typed edge Azerbaijan -[:DECLINES]-> ISF, however many reports it has
    edge = nstore.run_cypher(
        "MATCH (:Actor {id: 'azerbaijan'})-[r:DECLINES]->(:Actor {id: $isf}) WHERE r.claim_id = $claim "
        "RETURN count(r) AS n, r.num_reports AS reports, r.num_sources AS sources, r.cameo AS cameo, "
        "toString(r.date) AS date",
        {"isf": ISF, "claim": claim.id},
    ).rows
    assert edge == [{"n": 1, "reports": claim.num_reports, "sources": 3, "cameo": "1224", "date": "2026-01-06"}]
    linked = nstore.run_cypher(
        "MATCH (s:Statement)-[:REPORTS]->(:Claim {id: $claim}) RETURN s.id AS sid", {"claim": claim.id}
    ).rows
    assert sorted(r["sid"] for r in linked) == sorted(claim.statement_ids)
    _check_graph(nstore)
    # the English outlet drops the refusal: the edge's counts follow
    text = "Erdogan: Turkey is key to Gaza force\n\n" + english.text.split("\n\n")[-1]
    update = {"title": "Erdogan: Turkey is key to Gaza force", "text": text, "content_hash": "",
              "modified_at": datetime(2026, 1, 7, tzinfo=UTC)}  # fmt: skip
    revised = Article.model_validate(english.model_copy(update=update).model_dump())  # recomputes the hash
    ingest_articles(nstore, [revised])
    after = _refusal(nstore)
    assert after.num_sources == 2 and after.num_reports < claim.num_reports
    edge = nstore.run_cypher(
        "MATCH (:Actor {id: 'azerbaijan'})-[r:DECLINES]->(:Actor {id: $isf}) WHERE r.claim_id = $claim "
        "RETURN r.num_reports AS reports, r.num_sources AS sources",
        {"isf": ISF, "claim": after.id},
    ).rows
    assert edge == [{"reports": after.num_reports, "sources": 2}]
    _check_graph(nstore)
    # the last reports go: no claim, no REPORTS, no typed edge is left behind
    for art in [*seed, revised, french]:
        assert nstore.delete_article(art.id)
    left = nstore.run_cypher(
        "OPTIONAL MATCH (c:Claim) WITH count(c) AS claims "
        "OPTIONAL MATCH ()-[r]->() WHERE r.claim_id IS NOT NULL OR type(r) = 'REPORTS' "
        "RETURN claims, count(r) AS edges"
    ).rows
    assert left == [{"claims": 0, "edges": 0}]
