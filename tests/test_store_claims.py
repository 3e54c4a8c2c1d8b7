"""Claims in every store (sqlite and a real Neo4j): one claim, many reports.

The articles are our own (tests/fixtures/claims/), extracted by the real extractor.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

from support.claims_articles import EN_FR, ISF, SEED

from graph.model import Article, Claim, ClaimQuery, NetworkQuery, Relation, StatementQuery
from graph.store import GraphStore
from loaders.intake import load_path
from loaders.pipeline import ingest_articles


def articles(path: Path) -> list[Article]:
    return load_path(path)


def refusal(store: GraphStore, **filters: object) -> Claim:
    page = store.list_claims(
        ClaimQuery(speaker_ids=["ilham-aliyev"], relations=[Relation.declines], target_ids=[ISF], **filters)  # type: ignore[arg-type]
    )
    found = [c for c in page.items if str(c.date) == "2026-01-06"]
    assert len(found) == 1, [(c.id, c.date, c.num_reports) for c in page.items]
    return found[0]


def check_claim_counts(store: GraphStore) -> None:
    """The claim counts kept at ingest equal a scan of the claims."""
    claims = store.list_claims(ClaimQuery(limit=1000)).items
    want_claims: Counter[tuple[str, str | None, str]] = Counter()
    want_sources: Counter[tuple[str, str | None, str]] = Counter()
    for c in claims:
        src = c.network_source_id
        if src is None:
            continue
        targets: list[str | None] = list(dict.fromkeys(c.target_ids())) or [None]
        for t in targets:
            want_claims[(src, t, c.relation.value)] += 1
            want_sources[(src, t, c.relation.value)] += c.num_sources
    net = store.network(NetworkQuery())
    got_claims = Counter({(e.source_id, e.target_id, e.relation.value): e.claims for e in net.edges if e.claims})
    got_sources = Counter({(e.source_id, e.target_id, e.relation.value): e.num_sources for e in net.edges if e.claims})
    assert got_claims == want_claims
    assert got_sources == want_sources
    assert net.claims == len(claims)


def test_seed_english_and_french_reports_make_one_claim(store: GraphStore) -> None:
    ingest_articles(store, articles(SEED) + articles(EN_FR))
    claim = refusal(store)
    assert claim.num_sources == 3
    assert claim.num_articles == 3
    assert claim.outlets == ["Pars Today", "Caspian Wire", "Le Courrier du Caucase"]
    assert claim.languages == ["en", "fr", "id"]
    assert claim.via_ids == ["isna"]
    assert claim.source_url is not None and claim.source_url.startswith("https://parstoday.ir/")
    published = sorted(a.published_at for a in articles(SEED) + articles(EN_FR) if a.published_at is not None)
    assert len(published) == 3 and (claim.first_reported, claim.last_reported) == (published[0], published[-1])
    assert (claim.speaker_id, claim.on_behalf_of_id, claim.relation) == ("ilham-aliyev", "azerbaijan",
                                                                          Relation.declines)  # fmt: skip
    assert claim.num_reports >= 6  # headlines, leads and body quotes of three articles
    assert len(claim.links) == claim.num_reports - 1
    # every report points at its claim, and the claim's reports are exactly those
    reports = store.list_statements(StatementQuery(claim_id=claim.id, limit=100)).items
    assert sorted(r.id for r in reports) == sorted(claim.statement_ids)
    assert all(r.claim_id == claim.id for r in reports)
    assert store.get_claim(claim.id) == claim
    assert store.get_claims(["claim:nope", claim.id]) == [claim]
    # every statement belongs to exactly one claim
    every = store.list_statements(StatementQuery(limit=1000)).items
    claims = store.list_claims(ClaimQuery(limit=1000)).items
    assert sorted(s.id for s in every) == sorted(sid for c in claims for sid in c.statement_ids)
    counts = store.counts()
    assert counts.claims == len(claims) < counts.statements
    # one typed actor->actor edge per claim and target
    assert counts.relation_edges == sum(len(set(c.target_ids())) for c in claims if c.network_source_id)
    check_claim_counts(store)
    edge = [e for e in store.network(NetworkQuery(actor_ids=["azerbaijan"])).edges
            if (e.source_id, e.target_id, e.relation) == ("azerbaijan", ISF, Relation.declines)]  # fmt: skip
    assert len(edge) == 1 and edge[0].reports > edge[0].claims >= 1 and edge[0].num_sources >= 3


def test_claim_filters(store: GraphStore) -> None:
    ingest_articles(store, articles(SEED) + articles(EN_FR))
    everything = store.list_claims(ClaimQuery(limit=1000))
    assert everything.total == len(everything.items) > 1
    claim = refusal(store)
    assert [c.id for c in store.list_claims(ClaimQuery(min_sources=3)).items] == [claim.id]
    assert store.list_claims(ClaimQuery(min_sources=4)).items == []
    assert refusal(store, language="fr") == claim  # a claim matches when one of its reports does
    assert refusal(store, outlet="Caspian Wire") == claim
    assert refusal(store, via_ids=["isna"]) == claim
    french_only = store.list_claims(ClaimQuery(language="fr", limit=1000)).items
    assert all("fr" in c.languages for c in french_only)
    assert {c.id for c in store.list_claims(ClaimQuery(q="peacekeeping", limit=1000)).items} >= {claim.id}
    by_speaker = store.list_claims(ClaimQuery(speaker_ids=["recep-tayyip-erdogan"], limit=1000)).items
    assert by_speaker and all(c.network_source_id == "turkey" for c in by_speaker)
    # sorting and cursor pagination
    seen: list[str] = []
    q = ClaimQuery(limit=2, sort="date")
    while True:
        page = store.list_claims(q)
        seen.extend(c.id for c in page.items)
        if not page.next_cursor:
            break
        q = q.model_copy(update={"cursor": page.next_cursor})
    assert sorted(seen) == sorted(c.id for c in everything.items) and len(set(seen)) == len(seen)
    dates = [c.date for c in store.list_claims(ClaimQuery(limit=1000, sort="date")).items]
    assert dates == sorted(dates, key=lambda d: (d is None, d or date.min))


def test_two_statements_of_one_speaker_on_one_day_stay_two_claims(store: GraphStore) -> None:
    text = (
        "Rubio backs Gaza force, presses partners\n\n"
        "WASHINGTON, Jan 8 - US Secretary of State Marco Rubio said on Thursday that Washington supports "
        "the international stabilization force in Gaza.\n\n"
        '"We will pay for the logistics of the stabilization force for its first year," Rubio told reporters.\n\n'
        '"Every partner that joins the stabilization force will have our full political backing," he added.'
    )
    art = Article(id=Article.make_id("https://example.org/rubio", text), url="https://example.org/rubio",
                  outlet="Potomac Ledger", title="Rubio backs Gaza force, presses partners", language="en",
                  published_at=datetime(2026, 1, 8, 18, tzinfo=UTC), text=text)  # fmt: skip
    ingest_articles(store, [art])
    statements = store.list_statements(StatementQuery(speaker_ids=["marco-rubio"], limit=100)).items
    body = [s for s in statements if s.content_span and s.content_span.start > text.index("\n\n")]
    assert len({s.date for s in body}) == 1
    assert len(body) >= 2, [(s.relation, s.content) for s in statements]
    # different sentences of one article's body are different claims, whatever their relation
    assert len({s.claim_id for s in body}) == len(body)


def test_a_revision_dissolving_a_report_updates_the_counts(store: GraphStore) -> None:
    seed, (english, french) = articles(SEED), articles(EN_FR)
    ingest_articles(store, [*seed, english, french])
    before = refusal(store)
    assert before.num_sources == 3
    # the English outlet revises its article: the refusal is gone, only the Erdogan line stays
    text = "Erdogan: Turkey is key to Gaza force\n\n" + english.text.split("\n\n")[-1]
    revised = english.model_copy(update={"title": "Erdogan: Turkey is key to Gaza force", "text": text,
                                         "content_hash": "", "modified_at": datetime(2026, 1, 7, tzinfo=UTC)})  # fmt: skip
    revised = Article.model_validate(revised.model_dump())  # recompute the content hash
    ingest_articles(store, [revised])
    after = refusal(store)
    assert after.num_sources == 2
    assert after.outlets == ["Pars Today", "Le Courrier du Caucase"]
    assert after.num_reports < before.num_reports
    assert not any(sid.startswith(english.id) for sid in after.statement_ids)
    check_claim_counts(store)
    # the article removed altogether: its claims go with it, the others stay whole
    assert store.delete_article(french.id)
    last = refusal(store)
    assert (last.num_sources, last.outlets) == (1, ["Pars Today"])
    every = store.list_statements(StatementQuery(limit=1000)).items
    claims = store.list_claims(ClaimQuery(limit=1000)).items
    assert sorted(s.id for s in every) == sorted(sid for c in claims for sid in c.statement_ids)
    assert store.counts().claims == len(claims)
    check_claim_counts(store)
    for article in [*seed, english]:
        assert store.delete_article(article.id)
    assert store.counts().claims == 0
    assert store.network(NetworkQuery()).claims == 0


def test_reingest_keeps_claim_ids(store: GraphStore) -> None:
    arts = articles(SEED) + articles(EN_FR)
    ingest_articles(store, arts)
    first = store.list_claims(ClaimQuery(limit=1000)).items
    counts = store.counts()
    ingest_articles(store, list(reversed(arts)))
    assert store.list_claims(ClaimQuery(limit=1000)).items == first
    assert store.counts() == counts


def test_rebuild_gives_the_same_claims(store: GraphStore) -> None:
    ingest_articles(store, articles(SEED) + articles(EN_FR))
    claims = store.list_claims(ClaimQuery(limit=1000)).items
    assert store.rebuild_claims() == len(claims)
    assert store.list_claims(ClaimQuery(limit=1000)).items == claims
    check_claim_counts(store)


def test_claims_are_json_round_trips(store: GraphStore) -> None:
    ingest_articles(store, articles(SEED) + articles(EN_FR))
    for claim in store.list_claims(ClaimQuery(limit=1000)).items:
        assert Claim.model_validate(json.loads(claim.model_dump_json())) == claim
        assert claim.first_reported is None or claim.first_reported.utcoffset() is not None


def test_removing_the_earliest_report_moves_the_claim_to_its_next_report(store: GraphStore) -> None:
    seed, others = articles(SEED), articles(EN_FR)
    ingest_articles(store, seed + others)
    before = refusal(store)
    assert any(sid.startswith(seed[0].id) for sid in before.statement_ids[:1])  # the seed reported it first
    assert store.delete_article(seed[0].id)
    moved = refusal(store)
    # the claim id is a hash of its earliest report: the claim moves to a new id, the old one is gone
    assert moved.id != before.id and store.get_claim(before.id) is None
    assert moved.statement_ids == [s for s in before.statement_ids if not s.startswith(seed[0].id)]
    assert (moved.num_sources, moved.outlets) == (2, ["Caspian Wire", "Le Courrier du Caucase"])
    reports = store.list_statements(StatementQuery(claim_id=moved.id, limit=100)).items
    assert sorted(r.id for r in reports) == sorted(moved.statement_ids)
    assert store.list_statements(StatementQuery(claim_id=before.id, limit=100)).items == []
    check_claim_counts(store)
    # the seed comes back: so does the claim under its first id, whole
    ingest_articles(store, seed)
    assert refusal(store) == before
    check_claim_counts(store)
