"""Claims as the API and the CLI show them: names next to ids, and their reports.

:func:`claim_views` turns stored :class:`graph.model.Claim` objects into
:class:`ClaimView` (speaker, represented actor, targets and agencies with names, the
CAMEO name, the stance); :func:`claim_detail` adds every report with where it stands in
its article (headline, lead, caption or body).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from graph.claims import paragraph_positions, position_of
from graph.errors import NotFoundError
from graph.model import Article, Claim, ClaimLink, ClaimQuery, Day, Relation, ReportPosition, SortOrder, StatementQuery
from graph.relations import cameo_codebook, stance_of
from graph.service import (
    MAX_STATEMENTS,
    ActorRef,
    Lookup,
    StanceLabel,
    StatementFilters,
    StatementView,
    TargetView,
    build_query,
)
from graph.store import GraphStore, every_item


class ClaimView(BaseModel):
    """A claim with names resolved: what was said once, and how widely it was reported."""

    id: str
    speaker: ActorRef | None
    speaker_mention: str
    on_behalf_of: ActorRef | None
    relation: Relation
    stance: StanceLabel = Field(description="support, oppose, conditional (has conditions) or neutral.")
    cameo: str = Field(description="CAMEO code as text ('010', '0334').")
    cameo_name: str | None
    plover: str
    quad_class: int
    goldstein: float
    targets: list[TargetView]
    conditions: list[str]
    content: str = Field(description="What was said, from its most telling report.")
    date: Day | None
    date_to: Day | None
    num_reports: int
    num_articles: int
    num_sources: int = Field(description="Distinct outlets: 'reported by N outlets'.")
    first_reported: datetime | None
    last_reported: datetime | None
    outlets: list[str] = Field(description="The outlets, earliest first.")
    via: list[ActorRef] = Field(description="Agencies it was reported via (ISNA, Reuters …).")
    languages: list[str]
    source_url: str | None = Field(description="URL of the earliest report.")
    confidence: float
    grouping_confidence: float
    links: list[ClaimLink] = Field(description="Why its reports were merged: the evidence of each link.")


class ClaimReport(StatementView):
    """One report of a claim: a statement, and where it stands in its article."""

    position: ReportPosition = Field(description="headline, lead, caption or body of its article.")


class ClaimDetail(ClaimView):
    reports: list[ClaimReport] = Field(description="Every report, earliest first.")


def claim_stance(claim: Claim) -> StanceLabel:
    base = stance_of(claim.relation)
    return "conditional" if claim.conditions and base != "neutral" else base


def _view(lookup: Lookup, claim: Claim) -> ClaimView:
    targets = []
    for t in claim.targets:
        ref = lookup.ref(t.actor_id)
        assert ref is not None
        targets.append(TargetView(actor_id=t.actor_id, name=ref.name, kind=ref.kind, role=t.role))
    entry = cameo_codebook().get(claim.cameo)
    return ClaimView(
        id=claim.id,
        speaker=lookup.ref(claim.speaker_id),
        speaker_mention=claim.speaker_mention,
        on_behalf_of=lookup.ref(claim.on_behalf_of_id),
        relation=claim.relation,
        stance=claim_stance(claim),
        cameo=claim.cameo,
        cameo_name=entry.name if entry else None,
        plover=claim.plover,
        quad_class=claim.quad_class,
        goldstein=claim.goldstein,
        targets=targets,
        conditions=claim.conditions,
        content=claim.content,
        date=claim.date,
        date_to=claim.date_to,
        num_reports=claim.num_reports,
        num_articles=claim.num_articles,
        num_sources=claim.num_sources,
        first_reported=claim.first_reported,
        last_reported=claim.last_reported,
        outlets=claim.outlets,
        via=[r for r in (lookup.ref(v) for v in claim.via_ids) if r is not None],
        languages=claim.languages,
        source_url=claim.source_url,
        confidence=claim.confidence,
        grouping_confidence=claim.grouping_confidence,
        links=claim.links,
    )


def claim_views(store: GraphStore, claims: list[Claim]) -> list[ClaimView]:
    """Views of claims, loading each actor once."""
    lookup = Lookup(store)
    lookup.load_actors(set().union(*(c.actor_ids() for c in claims)))
    return [_view(lookup, c) for c in claims]


def claim_detail(store: GraphStore, claim_id: str) -> ClaimDetail:
    """A claim with every report (a :class:`NotFoundError` for an unknown id)."""
    claim = store.get_claim(claim_id)
    if claim is None:
        raise NotFoundError(f"no claim {claim_id[:200]!r}")
    page = store.list_statements(StatementQuery(claim_id=claim.id, limit=1000, sort="date"))
    order = {sid: i for i, sid in enumerate(claim.statement_ids)}
    statements = sorted(page.items, key=lambda s: order.get(s.id, len(order)))
    lookup = Lookup(store)
    lookup.load_actors(claim.actor_ids() | set().union(*(s.actor_ids() for s in statements)))
    articles: dict[str, Article | None] = {}
    reports = []
    for st, view in zip(statements, lookup.views(statements), strict=True):
        if st.article_id not in articles:
            articles[st.article_id] = store.get_article(st.article_id)
        article = articles[st.article_id]
        position = position_of(st, paragraph_positions(article)) if article else "body"
        reports.append(ClaimReport(**view.model_dump(), position=position))
    return ClaimDetail(**_view(lookup, claim).model_dump(), reports=reports)


def build_claim_query(
    store: GraphStore,
    filters: StatementFilters | None = None,
    *,
    min_sources: int = 1,
    sort: SortOrder = "-date",
    limit: int = 50,
    cursor: str | None = None,
) -> ClaimQuery:
    """The store's :class:`ClaimQuery`: the statement filters (names resolved) and ``min_sources``."""
    query = build_query(store, filters, sort=sort, limit=limit, cursor=cursor)
    return ClaimQuery(**query.model_dump(), min_sources=min_sources)


def all_claims(store: GraphStore, query: ClaimQuery, cap: int = MAX_STATEMENTS) -> list[Claim]:
    """Every claim matching ``query`` (all pages); a :class:`QueryError` above ``cap``."""
    return every_item(store.list_claims, query, cap, "claims")
