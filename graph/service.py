"""Query helpers shared by the API and the CLI: they call into a :class:`GraphStore`.

Everything here takes a store and plain filters (actor *names or ids*, dates, codes) and
returns pydantic views that carry display names next to ids, so callers never join by hand.
Names resolve across spellings ("Turki", "Türkiye", "Erdoğan") through
:func:`graph.resolve.resolve_actor_ids`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any, Literal, Protocol, TypeVar, cast

import networkx as nx
from pydantic import BaseModel, Field

from graph.errors import NotFoundError, QueryError
from graph.gcpause import gc_paused
from graph.model import (
    Actor,
    ActorKind,
    CountUnit,
    Day,
    Network,
    NetworkLinks,
    NetworkQuery,
    Relation,
    Role,
    SortOrder,
    Span,
    Statement,
    StatementBrief,
    StatementLink,
    StatementQuery,
    TargetRole,
)
from graph.relations import Stance, cameo_codebook, stance_of
from graph.store import (
    SORTS,
    TURN,
    GraphStore,
    day_key,
    period_key,
    stance_source,
    statements_within,
    turned,
    weights_actor_ids,
    with_actors,
)

Period = Literal["day", "week", "month"]
T = TypeVar("T")
StanceLabel = Literal["support", "oppose", "conditional", "neutral"]


# -- filters -----------------------------------------------------------------------------


class StatementFilters(BaseModel):
    """Statement filters as a user gives them: actor names or ids, not yet resolved."""

    speaker: list[str] | None = Field(default=None, description="Speaker or on-behalf-of actor (name or id).")
    target: list[str] | None = Field(default=None, description="Target actor (name or id).")
    about: list[str] | None = Field(default=None, description="Actor in any role (name or id).")
    relation: list[Relation] | None = None
    cameo: str | None = Field(default=None, description="CAMEO root or code prefix, e.g. '12' or '1224'.")
    plover: str | None = None
    quad_class: int | None = Field(default=None, ge=1, le=4)
    language: str | None = None
    outlet: str | None = None
    via: list[str] | None = Field(default=None, description="Agency or outlet it was reported via.")
    article_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    min_confidence: float = Field(default=0.0, ge=0, le=1)


def resolve_names(store: GraphStore, names: Iterable[str] | None) -> list[str] | None:
    """Actor ids for names or ids (across spellings); None when no names were given.

    Raises :class:`NotFoundError` (with suggestions) for a name that matches no actor.
    """
    if not names:
        return None
    from graph.resolve import resolve_actor_ids

    ids: list[str] = []
    for name in names:
        if not name or not name.strip():
            continue
        for actor_id in resolve_actor_ids(store, name):
            if actor_id not in ids:
                ids.append(actor_id)
    return ids or None


def build_query(
    store: GraphStore,
    filters: StatementFilters | None = None,
    *,
    sort: SortOrder = "-date",
    limit: int = 50,
    cursor: str | None = None,
) -> StatementQuery:
    """Resolve the names in ``filters`` and build the store's :class:`StatementQuery`."""
    f = filters or StatementFilters()
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise QueryError(f"date range is empty: from {f.date_from} is after to {f.date_to}")
    cameo = f.cameo.strip() if f.cameo else None
    if cameo and not (cameo.isdigit() and 1 <= len(cameo) <= 4):
        raise QueryError(f"invalid CAMEO code {cameo[:20]!r}: 1 to 4 digits, e.g. '12' or '1224'")
    if cameo and len(cameo) == 1:
        cameo = "0" + cameo
    return StatementQuery(
        speaker_ids=resolve_names(store, f.speaker),
        target_ids=resolve_names(store, f.target),
        about_ids=resolve_names(store, f.about),
        relations=f.relation or None,
        cameo=cameo,
        plover=f.plover.strip().upper() if f.plover else None,
        quad_class=f.quad_class,
        language=f.language.strip().lower() if f.language else None,
        outlet=f.outlet,
        via_ids=resolve_names(store, f.via),
        article_id=f.article_id,
        date_from=f.date_from,
        date_to=f.date_to,
        q=f.q.strip() if f.q and f.q.strip() else None,
        min_confidence=f.min_confidence,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )


#: Most statements one network/analytics/export request may gather.
MAX_STATEMENTS = 200_000


def all_statements(store: GraphStore, query: StatementQuery, cap: int = MAX_STATEMENTS) -> list[Statement]:
    """Every statement matching ``query`` (all cursor pages).

    Raises :class:`QueryError` when more than ``cap`` match, asking to narrow the filters.
    """
    return statements_within(store, query, cap)


def involving(store: GraphStore, actor_id: str | list[str], query: StatementQuery | None = None) -> list[Statement]:
    """Statements where the actor(s) speak (or are spoken for) or are in any target role.

    The other filters of ``query`` apply; its speaker and about filters are replaced.
    Two store queries, however many actors.
    """
    base = query or StatementQuery()
    ids = [actor_id] if isinstance(actor_id, str) else actor_id
    if not ids:
        return []
    seen: dict[str, Statement] = {}
    for extra in ({"speaker_ids": ids}, {"about_ids": ids}):
        for st in all_statements(store, base.model_copy(update=extra)):
            seen[st.id] = st
    return sorted(seen.values(), key=lambda s: (s.chronological, s.id))


def actor_ids_of(statements: Iterable[Statement]) -> set[str]:
    """Every actor any of the statements references."""
    return set().union(*(st.actor_ids() for st in statements))


# -- views -------------------------------------------------------------------------------


class ActorRef(BaseModel):
    id: str
    name: str
    kind: ActorKind | None = None


class TargetView(BaseModel):
    actor_id: str
    name: str
    kind: ActorKind | None = None
    role: TargetRole
    mention: str | None = None
    span: Span | None = None


class ArticleRef(BaseModel):
    id: str
    url: str | None = None
    title: str = ""
    outlet: str | None = None
    language: str | None = None
    published_at: datetime | None = None


class Offsets(BaseModel):
    """Character offsets into the article text."""

    content: Span | None = None
    speaker: Span | None = None
    cue: Span | None = None
    sentence: Span | None = None


class StatementView(BaseModel):
    """A statement with names resolved and its article, ready to show."""

    id: str
    speaker: ActorRef | None
    speaker_mention: str
    on_behalf_of: ActorRef | None
    targets: list[TargetView]
    relation: Relation
    stance: StanceLabel = Field(description="support, oppose, conditional (has conditions) or neutral.")
    cameo: str
    cameo_name: str | None
    plover: str
    quad_class: int
    goldstein: float
    content: str
    quote: bool = Field(description="True for a direct quote, False for reported speech.")
    cue: str | None
    conditions: list[str]
    negated: bool
    date: Day | None = Field(description="When it was said; null when unknown (see undated).")
    date_source: str
    undated: bool = Field(
        default=False, description="True when neither the text nor the article gives a date (never the ingest day)."
    )
    article: ArticleRef
    via: ActorRef | None
    sentence: str
    offsets: Offsets
    language: str | None
    confidence: float
    claim_id: str | None = Field(default=None, description="The claim this statement reports (GET /claims/{id}).")


class Lookup:
    """Per-request cache of actors and articles by id."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.actors: dict[str, Actor] = {}
        self.articles: dict[str, ArticleRef] = {}

    def load_actors(self, ids: Iterable[str]) -> None:
        missing = sorted({i for i in ids if i and i not in self.actors})
        if missing:
            for actor in self.store.get_actors(missing):
                self.actors[actor.id] = actor

    def ref(self, actor_id: str | None) -> ActorRef | None:
        if not actor_id:
            return None
        actor = self.actors.get(actor_id)
        if actor is None:
            self.load_actors([actor_id])
            actor = self.actors.get(actor_id)
        return (
            ActorRef(id=actor_id, name=actor.name, kind=actor.kind) if actor else ActorRef(id=actor_id, name=actor_id)
        )

    def load_articles(self, ids: Iterable[str]) -> None:
        """Summaries of the articles not loaded yet, in one store query (no article text)."""
        missing = sorted({i for i in ids if i and i not in self.articles})
        if not missing:
            return
        for art in self.store.article_summaries(missing):
            self.articles[art.id] = ArticleRef(
                id=art.id,
                url=art.url,
                title=art.title,
                outlet=art.outlet,
                language=art.language,
                published_at=art.published_at,
            )
        for article_id in missing:
            self.articles.setdefault(article_id, ArticleRef(id=article_id))

    def article(self, article_id: str) -> ArticleRef:
        if article_id not in self.articles:
            self.load_articles([article_id])
        return self.articles[article_id]

    def view(self, st: Statement) -> StatementView:
        targets = []
        for t in st.targets:
            ref = self.ref(t.actor_id)
            assert ref is not None
            targets.append(
                TargetView(
                    actor_id=t.actor_id, name=ref.name, kind=ref.kind, role=t.role, mention=t.mention, span=t.span
                )
            )
        entry = cameo_codebook().get(st.cameo)
        return StatementView(
            id=st.id,
            speaker=self.ref(st.speaker_id),
            speaker_mention=st.speaker_mention,
            on_behalf_of=self.ref(st.on_behalf_of_id),
            targets=targets,
            relation=st.relation,
            stance=statement_stance(st),
            cameo=st.cameo,
            cameo_name=entry.name if entry else None,
            plover=st.plover,
            quad_class=st.quad_class,
            goldstein=st.goldstein,
            content=st.content,
            quote=st.direct,
            cue=st.cue,
            conditions=st.conditions,
            negated=st.negated,
            date=st.date,
            date_source=st.date_source,
            undated=st.undated,
            article=self.article(st.article_id),
            via=self.ref(st.via_id),
            sentence=st.sentence,
            offsets=Offsets(
                content=st.content_span, speaker=st.speaker_span, cue=st.cue_span, sentence=st.sentence_span
            ),
            language=st.language,
            confidence=st.confidence,
            claim_id=st.claim_id,
        )

    def views(self, statements: list[Statement]) -> list[StatementView]:
        self.load_actors(actor_ids_of(statements))
        self.load_articles(st.article_id for st in statements)
        return [self.view(st) for st in statements]


def statement_views(store: GraphStore, statements: list[Statement]) -> list[StatementView]:
    """Views for statements, loading each actor and article once."""
    return Lookup(store).views(statements)


# -- actors ------------------------------------------------------------------------------


def all_actors(store: GraphStore) -> list[Actor]:
    out: list[Actor] = []
    offset = 0
    while True:
        batch = store.list_actors(limit=1000, offset=offset)
        out.extend(batch)
        if len(batch) < 1000:
            return out
        offset += 1000


def get_actor_or_404(store: GraphStore, id_or_name: str) -> Actor:
    """The actor with this id, else the single actor this name denotes, else NotFoundError."""
    actor = store.get_actor(id_or_name)
    if actor is not None:
        return actor
    try:
        ids = resolve_names(store, [id_or_name]) or []
    except NotFoundError:
        ids = []
    if ids:
        found = store.get_actor(ids[0])
        if found is not None:
            return found
    from graph.resolve import ActorNotFound, suggest

    raise ActorNotFound(id_or_name, suggest(store, id_or_name))


class PartnerCount(BaseModel):
    actor: ActorRef
    statements: int


class ActorProfile(BaseModel):
    """An actor with roles, relation counts, top partners and when it was first and last seen."""

    actor: Actor
    roles: list[Role]
    statements: int
    given: dict[str, int] = Field(description="Statements by relation where the actor speaks or is spoken for.")
    received: dict[str, int] = Field(description="Statements by relation where the actor is a target.")
    mentioned: int = Field(description="Statements where it is mentioned or a location, not a target.")
    top_partners: list[PartnerCount]
    first_seen: date | None
    last_seen: date | None


def _speaks(st: Statement, actor_id: str) -> bool:
    return actor_id in (st.speaker_id, st.on_behalf_of_id)


def actor_profile(store: GraphStore, actor_id: str, top: int = 10) -> ActorProfile:
    """Roles, relation counts, top partners and first/last day of an actor, from the store's
    per-actor counts (:meth:`GraphStore.actor_activity`, :meth:`GraphStore.actor_partners`):
    no statement is read, so a hub costs about what a minor actor does. Equal to
    :func:`actor_profile_from_statements`, which reads every statement involving it."""
    actor = get_actor_or_404(store, actor_id)
    activity = store.actor_activity(actor.id)
    given: Counter[str] = Counter()
    received: Counter[str] = Counter()
    total = mentioned = 0
    for c in activity.counts:
        total += c.statements
        mentioned += c.mentioned
        if c.given:
            given[c.relation.value] += c.given
        if c.targeted:
            received[c.relation.value] += c.targeted
    partners = store.actor_partners(actor.id, top)
    return _profile(store, actor, total, given, received, mentioned,
                    [(p.actor_id, p.statements) for p in partners], activity.first_seen, activity.last_seen)  # fmt: skip


def actor_profile_from_statements(store: GraphStore, actor_id: str, top: int = 10) -> ActorProfile:
    """:func:`actor_profile` computed from every statement involving the actor (the reference
    the counts are tested against; its cost grows with the actor's statements)."""
    actor = get_actor_or_404(store, actor_id)
    statements = involving(store, actor.id)
    given: Counter[str] = Counter()
    received: Counter[str] = Counter()
    partners: Counter[str] = Counter()
    mentioned = 0
    for st in statements:
        if _speaks(st, actor.id):
            given[st.relation.value] += 1
            for tid in dict.fromkeys(st.target_ids(TargetRole.target)):
                if tid != actor.id:
                    partners[tid] += 1
        if actor.id in st.target_ids(TargetRole.target):
            received[st.relation.value] += 1
            src = st.network_source_id
            if src and src != actor.id:
                partners[src] += 1
        elif actor.id in st.target_ids(None) and not _speaks(st, actor.id):
            mentioned += 1
    ranked = sorted(partners.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    dates = [st.date for st in statements if st.date is not None]
    first, last = (min(dates), max(dates)) if dates else (None, None)
    return _profile(store, actor, len(statements), given, received, mentioned, ranked, first, last)


def _profile(
    store: GraphStore,
    actor: Actor,
    total: int,
    given: Counter[str],
    received: Counter[str],
    mentioned: int,
    partners: list[tuple[str, int]],
    first: date | None,
    last: date | None,
) -> ActorProfile:
    """The profile with names: top partners heaviest first, ties by id."""
    lookup = Lookup(store)
    lookup.load_actors(pid for pid, _ in partners)
    top_partners = []
    for pid, n in partners:
        ref = lookup.ref(pid)
        assert ref is not None
        top_partners.append(PartnerCount(actor=ref, statements=n))
    return ActorProfile(
        actor=actor,
        roles=store.roles(actor.id),
        statements=total,
        given=dict(sorted(given.items())),
        received=dict(sorted(received.items())),
        mentioned=mentioned,
        top_partners=top_partners,
        first_seen=first,
        last_seen=last,
    )


# -- timeline ----------------------------------------------------------------------------


class TimelineBucket(BaseModel):
    period: str
    relation: Relation
    direction: Literal["given", "received"]
    statements: int


class Timeline(BaseModel):
    actor: ActorRef
    period: Period
    buckets: list[TimelineBucket]


def timeline(
    store: GraphStore, actor_id: str, period: Period = "month", filters: StatementFilters | None = None
) -> Timeline:
    """Statements given and received by an actor, counted per period and relation.

    Given: the actor speaks or is spoken for; received: it is a target, mentioned or a location
    and does not speak. Undated statements fall in the period ``"undated"``, after every date.
    Without filters, or with dates and relations only, it is read from the store's per-actor
    counts (:meth:`GraphStore.actor_activity`); other filters are applied to the statements
    (:func:`timeline_from_statements`)."""
    f = filters or StatementFilters()
    if f.model_copy(update={"date_from": None, "date_to": None, "relation": None}) != StatementFilters():
        return timeline_from_statements(store, actor_id, period, filters)
    actor = get_actor_or_404(store, actor_id)
    q = build_query(store, f)  # checks the date range
    counts: Counter[tuple[str, Relation, str]] = Counter()
    for c in store.actor_activity(actor.id, period, q.date_from, q.date_to).counts:
        if q.relations is not None and c.relation not in q.relations:
            continue
        if c.given:
            counts[(c.period, c.relation, "given")] = c.given
        if c.received:
            counts[(c.period, c.relation, "received")] = c.received
    return _timeline(actor, period, counts)


def timeline_from_statements(
    store: GraphStore, actor_id: str, period: Period = "month", filters: StatementFilters | None = None
) -> Timeline:
    """:func:`timeline` computed from every statement involving the actor under ``filters``."""
    actor = get_actor_or_404(store, actor_id)
    statements = involving(store, actor.id, build_query(store, filters))
    counts: Counter[tuple[str, Relation, str]] = Counter()
    for st in statements:
        key = period_key(st.date, period)
        if _speaks(st, actor.id):
            counts[(key, st.relation, "given")] += 1
        if actor.id in st.target_ids(None) and not _speaks(st, actor.id):
            counts[(key, st.relation, "received")] += 1
    return _timeline(actor, period, counts)


def _timeline(actor: Actor, period: Period, counts: Counter[tuple[str, Relation, str]]) -> Timeline:
    """Buckets in period order (``"undated"`` sorts after every date), then relation and direction."""
    buckets = [  # keys are unique and a Relation (a StrEnum) compares as its value: (period, relation, direction)
        {"period": p, "relation": r, "direction": d, "statements": n} for (p, r, d), n in sorted(counts.items())
    ]
    ref = ActorRef(id=actor.id, name=actor.name, kind=actor.kind)
    return Timeline.model_validate({"actor": ref, "period": period, "buckets": buckets})


# -- stances -----------------------------------------------------------------------------


def statement_stance(st: Statement | StatementLink) -> StanceLabel:
    """Stance of one statement towards its targets.

    The relation's stance (:func:`graph.relations.stance_of`), or ``conditional`` when the
    statement states conditions (e.g. "unless a full ceasefire"). ``negated`` is not applied
    again: extraction already folds a negated cue into the relation ("will not send" → declines).
    """
    base: Stance = stance_of(st.relation)
    conditional = st.conditional if isinstance(st, StatementLink) else bool(st.conditions)
    if conditional and base != "neutral":
        return "conditional"
    return base


class _Report(Protocol):
    """What :func:`one_per_claim` ranks: a :class:`Statement` or a :class:`StatementBrief`."""

    @property
    def id(self) -> str: ...
    @property
    def claim_id(self) -> str | None: ...
    @property
    def relation(self) -> Relation: ...
    @property
    def confidence(self) -> float: ...
    @property
    def chronological(self) -> tuple[bool, date]: ...


R = TypeVar("R", bound=_Report)


def one_per_claim(statements: Iterable[R]) -> list[R]:
    """One statement per claim (its surest report with the claim's relation, then the earliest),
    in date order: a headline that only "states" never stands for a lead that refuses.

    A statement not yet filed under a claim stands for itself.
    """
    best: dict[str, R] = {}

    def rank(st: R) -> tuple[bool, float, tuple[bool, date], str]:
        return (st.relation == Relation.states, -st.confidence, st.chronological, st.id)

    for st in statements:
        key = st.claim_id or st.id
        old = best.get(key)
        if old is None or rank(st) < rank(old):
            best[key] = st
    return sorted(best.values(), key=lambda s: (s.chronological, s.id))


class DayCount(BaseModel):
    """Statements of one day, by stance."""

    date: date
    support: int = 0
    oppose: int = 0
    conditional: int = 0
    neutral: int = 0


def daily_stances(statements: Iterable[Statement | StatementLink]) -> list[DayCount]:
    """Statements per day and stance, oldest day first (the page's timeline histogram);
    undated statements have no day and are not counted.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> [(d.date.day, d.support, d.oppose) for d in daily_stances(demo_data().statements)]
    [(1, 1, 0), (2, 1, 0), (3, 0, 1), (4, 0, 1)]
    """
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for st in statements:
        if st.date is not None:
            counts[st.date][statement_stance(st)] += 1
    return [DayCount(date=day, **c) for day, c in sorted(counts.items())]


class StanceEntry(BaseModel):
    actor: ActorRef
    stance: StanceLabel = Field(description="Stance of the actor's latest statement on the target.")
    claims: int = Field(default=0, description="Distinct claims (reports of one statement count once).")
    reports: int = Field(default=0, description="Statements, every report counted.")
    evidence: int = Field(
        default=0, description="Pieces of evidence: claims (count=claims) or reports (count=reports)."
    )
    changed: bool = Field(
        default=False,
        description="Its evidence (all of it, also when only the latest pieces are shown) holds both a supporting "
        "and an opposing statement: the actor changed position.",
    )
    statements: list[StatementView] = Field(
        description="The evidence, oldest first: one statement per claim (count=claims) or every report "
        "(count=reports); only the latest ones when the request limits the evidence shown."
    )


class StanceReport(BaseModel):
    target: list[ActorRef]
    support: list[StanceEntry]
    oppose: list[StanceEntry]
    conditional: list[StanceEntry]
    neutral: list[StanceEntry]


def stances(
    store: GraphStore,
    target: str,
    filters: StatementFilters | None = None,
    count: CountUnit = "claims",
    evidence: int | None = None,
) -> StanceReport:
    """Who supports, opposes, or is conditional about ``target``, with the statements as evidence.

    An actor's stance is that of its latest dated statement; an undated statement cannot be
    placed after a dated one, so it decides only when the actor has no dated statement (then
    the surest one). With ``count="claims"`` each claim is one piece of evidence (its surest
    report), however many outlets repeated it; ``count="reports"`` lists every report.
    ``evidence`` keeps only each actor's latest pieces of evidence in ``statements`` (stances and
    counts still cover all of them): a target named in thousands of statements costs the views of
    the evidence shown, not of all of it."""
    f = (filters or StatementFilters()).model_copy(update={"target": [target]})
    query = build_query(store, f)
    if (
        evidence is not None
        and len(query.target_ids or []) == 1
        and (
            (filters or StatementFilters()).model_copy(
                update={"target": None, "date_from": None, "date_to": None, "language": None}
            )
            == StatementFilters()
        )
    ):
        return _stances_counted(store, query, count, evidence)
    if evidence is not None:
        with gc_paused():  # hundreds of thousands of briefs on a hub, none in a reference cycle
            return _stances_paged(store, query, count, evidence)
    by_actor = _by_source(all_statements(store, query.model_copy(update={"sort": "date"})))
    chosen = {src: _evidence(every, count) for src, every in by_actor.items()}
    lookup = _stance_lookup(store, query, by_actor, [st for sts in chosen.values() for st in sts])
    entries = [
        _stance_entry(
            lookup,
            src,
            by_actor[src],
            sts,
            statement_stance(_latest(sts)),
            lookup.views(sts),
            {statement_stance(st) for st in sts} >= TURN,
        )
        for src, sts in chosen.items()
    ]
    return _stance_report(lookup, query, entries)


def _stances_paged(store: GraphStore, query: StatementQuery, count: CountUnit, evidence: int) -> StanceReport:
    """:func:`stances` with ``evidence`` pieces per actor, from the statements' briefs
    (:meth:`GraphStore.statement_briefs`): only each actor's latest piece (its conditions decide
    the stance) and the evidence shown are read whole."""
    by_actor = _by_source(sorted(store.statement_briefs(query, MAX_STATEMENTS), key=lambda b: (b.chronological, b.id)))
    chosen: dict[str, tuple[list[StatementBrief], str, list[str]]] = {}
    for src, every in by_actor.items():
        sts = _evidence(every, count)
        chosen[src] = sts, _latest(sts).id, [s.id for s in sts[max(len(sts) - evidence, 0) :]] if evidence else []
    whole = {st.id: st for st in store.get_statements([i for _, last, ids in chosen.values() for i in (last, *ids)])}
    changed = turned(store.get_statements, {src: sts for src, (sts, _, _) in chosen.items()}, whole)
    lookup = _stance_lookup(
        store, query, by_actor, [whole[i] for _, _, ids in chosen.values() for i in ids if i in whole]
    )
    entries = [
        _stance_entry(
            lookup,
            src,
            by_actor[src],
            sts,
            statement_stance(whole[last]),
            lookup.views([whole[i] for i in ids if i in whole]),
            src in changed,
        )
        for src, (sts, last, ids) in chosen.items()
    ]
    return _stance_report(lookup, query, entries)


def _stances_counted(store: GraphStore, query: StatementQuery, count: CountUnit, evidence: int) -> StanceReport:
    """:func:`stances` on one target with ``evidence`` pieces per source and no other filter but
    dates and language: from the store's stance pieces (:meth:`GraphStore.stance_sources`); only
    the pieces shown (and the oldest piece of an unnamed source, whose mention names it) are
    read whole."""
    assert query.target_ids is not None
    sources = store.stance_sources(
        query.target_ids[0], evidence, MAX_STATEMENTS, query.date_from, query.date_to, query.language, count
    )
    unnamed = [s.first_id for s in sources if s.source.startswith("mention:")]
    whole = {st.id: st for st in store.get_statements([*(i for s in sources for i in s.latest_ids), *unnamed])}
    shown = {s.source: [whole[i] for i in s.latest_ids if i in whole] for s in sources}
    lookup = _stance_lookup(store, query, shown, [st for sts in shown.values() for st in sts])
    entries = []
    for s in sources:
        if s.source.startswith("mention:"):
            ref: ActorRef | None = ActorRef(id=s.source, name=whole[s.first_id].speaker_mention)
        else:
            ref = lookup.ref(s.source)
        assert ref is not None
        entries.append(
            StanceEntry(
                actor=ref, stance=cast(StanceLabel, s.stance), claims=s.claims, reports=s.reports,
                evidence=s.evidence, changed=s.changed, statements=lookup.views(shown[s.source]),
            )
        )  # fmt: skip
    return _stance_report(lookup, query, entries)


S = TypeVar("S", Statement, StatementBrief)


def _by_source(statements: Iterable[S]) -> dict[str, list[S]]:
    """Statements grouped by :func:`graph.store.stance_source`, each group in the given order."""
    by_source: dict[str, list[S]] = defaultdict(list)
    for st in statements:
        by_source[stance_source(st)].append(st)
    return by_source


def _evidence(every: list[R], count: CountUnit) -> list[R]:
    """An actor's pieces of evidence, oldest first: one per claim (count=claims) or every report."""
    sts = one_per_claim(every) if count == "claims" else list(every)
    sts.sort(key=lambda s: (s.chronological, s.confidence))
    return sts


def _latest(sts: list[R]) -> R:
    """The piece that decides the stance: the latest dated one (the surest among equals)."""
    return max(sts, key=lambda s: (not s.chronological[0], s.chronological[1], s.confidence))


def _stance_lookup(
    store: GraphStore, query: StatementQuery, by_actor: dict[str, Any], shown: list[Statement]
) -> Lookup:
    """Names of the sources, of the actors in the evidence shown, and of the target."""
    lookup = Lookup(store)
    sources = {s for s in by_actor if not s.startswith("mention:")}
    lookup.load_actors(actor_ids_of(shown) | sources | set(query.target_ids or []))
    return lookup


def _stance_entry(
    lookup: Lookup,
    src: str,
    every: list[Statement] | list[StatementBrief],
    sts: list[Statement] | list[StatementBrief],
    label: StanceLabel,
    views: list[StatementView],
    changed: bool,
) -> StanceEntry:
    ref = lookup.ref(src) if not src.startswith("mention:") else ActorRef(id=src, name=sts[0].speaker_mention)
    assert ref is not None
    claims = len({s.claim_id or s.id for s in every})
    return StanceEntry(
        actor=ref, stance=label, claims=claims, reports=len(every), evidence=len(sts), changed=changed, statements=views
    )


def _stance_report(lookup: Lookup, query: StatementQuery, entries: list[StanceEntry]) -> StanceReport:
    """The entries grouped by stance, each group by name."""
    groups: dict[str, list[StanceEntry]] = {"support": [], "oppose": [], "conditional": [], "neutral": []}
    for entry in sorted(entries, key=lambda e: e.actor.name):
        groups[entry.stance].append(entry)
    targets = [r for r in (lookup.ref(i) for i in query.target_ids or []) if r is not None]
    return StanceReport(target=targets, **groups)


class Contradiction(BaseModel):
    target: ActorRef
    earlier: StatementView
    later: StatementView


class ContradictionReport(BaseModel):
    actor: ActorRef
    contradictions: list[Contradiction]


def contradictions(
    store: GraphStore, actor: str, filters: StatementFilters | None = None, count: CountUnit = "claims"
) -> ContradictionReport:
    """Pairs of the actor's statements with opposite stances (support vs oppose) on the same target.

    Each pair is an earlier and a later statement where the stance flipped; statements whose
    stance is neutral or conditional never contradict, nor do undated ones (which of two is the
    earlier is unknown). With ``count="claims"`` each claim takes part once, by its earliest
    report, so a late re-report of an old position is not a new flip.
    """
    found = get_actor_or_404(store, actor)
    f = (filters or StatementFilters()).model_copy(update={"speaker": [found.id]})
    statements = all_statements(store, build_query(store, f, sort="date"))
    if count == "claims":
        first: dict[str, Statement] = {}  # by its earliest report with the claim's relation (not a vague "states")
        for st in sorted(statements, key=lambda s: (s.relation == Relation.states, s.chronological, s.id)):
            first.setdefault(st.claim_id or st.id, st)
        statements = list(first.values())
    by_target: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        if st.date is None:
            continue
        for tid in dict.fromkeys(st.target_ids(TargetRole.target)):
            by_target[tid].append(st)
    lookup = Lookup(store)
    lookup.load_actors(actor_ids_of(statements))
    out: list[Contradiction] = []
    for tid, sts in sorted(by_target.items()):
        sts.sort(key=lambda s: (s.chronological, s.id))
        last: Statement | None = None
        for st in sts:
            label = statement_stance(st)
            if label not in ("support", "oppose"):
                continue
            if last is not None and statement_stance(last) != label:
                ref = lookup.ref(tid)
                assert ref is not None
                out.append(Contradiction(target=ref, earlier=lookup.view(last), later=lookup.view(st)))
            last = st
    return ContradictionReport(actor=ActorRef(id=found.id, name=found.name, kind=found.kind), contradictions=out)


# -- ego network -------------------------------------------------------------------------


def ego_statements(
    store: GraphStore, actor_id: str, depth: int = 1, filters: StatementFilters | None = None
) -> list[Statement]:
    """Statements within ``depth`` (1 or 2) hops of an actor, under the filters."""
    if depth not in (1, 2):
        raise QueryError(f"depth must be 1 or 2, not {depth}")
    actor = get_actor_or_404(store, actor_id)
    base = build_query(store, filters)
    seen: dict[str, Statement] = {st.id: st for st in involving(store, actor.id, base)}
    if depth == 2:
        neighbours = sorted(_network_ids(seen.values()) - {actor.id})
        for st in involving(store, neighbours, base):
            seen[st.id] = st
    return sorted(seen.values(), key=lambda s: (s.chronological, s.id))


def _network_ids(statements: Iterable[Statement]) -> set[str]:
    ids: set[str] = set()
    for st in statements:
        ids.update(x for x in (st.speaker_id, st.on_behalf_of_id) if x)
        ids.update(st.target_ids(None))
    return ids


def statement_dict(st: Statement) -> dict[str, Any]:
    return st.model_dump(mode="json")


# -- the counted network -----------------------------------------------------------------


def network_query(query: StatementQuery) -> NetworkQuery | None:
    """The counts query answering ``query``, or None when a filter needs the statements.

    Counts know speaker, represented actor, target, relation and month: any other filter
    (language, outlet, CAMEO, confidence, words, a date range that cuts a month …) is
    answered from the statements instead.

    Examples
    --------
    >>> network_query(StatementQuery(date_from=date(2026, 1, 1), date_to=date(2026, 1, 31))).month_to
    '2026-01'
    >>> network_query(StatementQuery(date_from=date(2026, 1, 2))) is None
    True
    >>> network_query(StatementQuery(language="id")) is None
    True
    """
    needs_statements = (
        query.about_ids is not None
        or query.cameo
        or query.plover
        or query.quad_class is not None
        or query.language
        or query.outlet
        or query.via_ids is not None
        or query.article_id
        or query.q
        or query.min_confidence
    )
    if needs_statements:
        return None
    if query.date_from and query.date_from.day != 1:
        return None
    if query.date_to and (query.date_to + timedelta(days=1)).day != 1:
        return None
    return NetworkQuery(
        speaker_ids=query.speaker_ids,
        target_ids=query.target_ids,
        relations=query.relations,
        month_from=f"{query.date_from:%Y-%m}" if query.date_from else None,
        month_to=f"{query.date_to:%Y-%m}" if query.date_to else None,
    )


#: Most neighbours an ego network keeps at each step (heaviest first), see :func:`ego_network`.
MAX_NEIGHBOURS = 50


def ego_network(
    store: GraphStore,
    actor_id: str,
    depth: int = 1,
    query: NetworkQuery | None = None,
    max_neighbours: int = MAX_NEIGHBOURS,
) -> Network:
    """The network within ``depth`` (1 or 2) steps of an actor, from the counts.

    Depth 1: the edges of the statements where the actor speaks, is spoken for or is the
    target, and the speaks_for pairs where it speaks or is spoken for. Depth 2: also those
    of every actor kept at depth 1. Around a hub that would be most of the graph, so each
    step keeps only the ``max_neighbours`` actors most linked to what it expands
    (:meth:`GraphStore.neighbours`: reports on shared edges plus statements spoken for)
    and returns the edges between kept actors. Below the cap nothing is left out. Four
    store queries at most, reading aggregate rows only (:meth:`GraphStore.ego_network`; the
    Neo4j store needs two).

    ``query`` takes relations and months; actor filters are answered from the statements
    (:func:`ego_statements`).
    """
    if depth not in (1, 2):
        raise QueryError(f"depth must be 1 or 2, not {depth}")
    base = query or NetworkQuery()
    if any(x is not None for x in (base.actor_ids, base.speaker_ids, base.target_ids, base.within_ids)):
        raise QueryError("an ego network takes relations and months; filter actors on its statements instead")
    with gc_paused():  # ~12k rows and edges at depth 2 around a hub at 1M (graph/gcpause.py)
        return store.ego_network(actor_id, depth, base, max_neighbours)


def network_links(store: GraphStore, query: StatementQuery, cap: int = MAX_STATEMENTS) -> NetworkLinks:
    """The statements of ``query`` as the actor network draws them (:meth:`GraphStore.network_links`)
    with the actors of the network (speakers, the actors spoken for and targets): what
    :func:`graph.analytics.cytoscape_elements` and ``build_graph`` draw, as from
    ``store.graph_data_for(all_statements(store, query))`` (statements in the same order) but
    without reading whole statements.
    Raises :class:`QueryError` when more than ``cap`` match."""
    data = store.network_links(query, cap)
    column, descending = SORTS[query.sort]  # all_statements' order: build_graph adds nodes in it
    if column == "date":
        data.statements.sort(key=lambda st: (day_key(st.date), st.id), reverse=descending)
    else:
        data.statements.sort(key=lambda st: (st.confidence, st.id), reverse=descending)
    ids: set[str] = set()
    for st in data.statements:
        ids.update(x for x in (st.speaker_id, st.on_behalf_of_id, *st.targets) if x)
    for c in data.claims:
        ids.update(x for x in (c.speaker_id, c.on_behalf_of_id) if x)
    return data.model_copy(update={"actors": store.get_actors(sorted(ids))})


def network_or_links(store: GraphStore, query: StatementQuery) -> Network | NetworkLinks:
    """The counted network of ``query`` when counts can answer it, else its statements as the
    network draws them (:func:`network_links`)."""
    nq = network_query(query)
    if nq is not None:
        return with_actors(store, store.network(nq))
    return network_links(store, query)


_GRAPH_CACHE: dict[tuple[int, str, int], nx.MultiDiGraph] = {}
_GRAPH_CACHE_SIZE = 64
_RESULT_CACHE: dict[tuple[int, str, int, str], Any] = {}
_RESULT_CACHE_SIZE = 128


def _graph_key(store: GraphStore, query: StatementQuery, count: CountUnit) -> tuple[int, str, int]:
    return (
        id(store),
        query.model_copy(update={"cursor": None, "limit": 50, "sort": "-date"}).model_dump_json() + count,
        store.generation(),
    )


def analytics_graph(store: GraphStore, query: StatementQuery, count: CountUnit = "claims") -> nx.MultiDiGraph:
    """The analytics graph of ``query``, cached per filter until the store's data changes.

    The cache key holds :meth:`GraphStore.generation`, so any ingest or delete (in this
    process or another) makes the next request rebuild it. Callers must not modify it.
    """
    from graph import analytics

    key = _graph_key(store, query, count)
    graph = _GRAPH_CACHE.get(key)
    if graph is None:
        with gc_paused():  # tens of thousands of rows, edges and dicts at once (graph/gcpause.py)
            data = network_or_links(store, query)
            graph = (
                analytics.build_network(data, count=count)
                if isinstance(data, Network)
                else analytics.build_graph(data, count=count)
            )
        if len(_GRAPH_CACHE) >= _GRAPH_CACHE_SIZE:
            _GRAPH_CACHE.pop(next(iter(_GRAPH_CACHE)))
        _GRAPH_CACHE[key] = graph
    return graph


def analysed(
    store: GraphStore,
    query: StatementQuery,
    count: CountUnit,
    name: str,
    compute: Callable[[nx.MultiDiGraph], T],
) -> T:
    """``compute`` of the analytics graph of ``query`` (centrality, communities, blocs …),
    cached like the graph: per filter, ``name`` (which computation, with its options) and
    store generation, so a write anywhere makes the next request compute it again. Callers
    must not modify the result.
    """
    key = (*_graph_key(store, query, count), name)
    if key in _RESULT_CACHE:
        cached: T = _RESULT_CACHE[key]
        return cached
    return _kept(key, compute(analytics_graph(store, query, count)))


def _kept(key: tuple[int, str, int, str], result: T) -> T:
    """``result`` kept in the result cache under ``key`` (:func:`analysed`)."""
    if len(_RESULT_CACHE) >= _RESULT_CACHE_SIZE:
        _RESULT_CACHE.pop(next(iter(_RESULT_CACHE)))
    _RESULT_CACHE[key] = result
    return result


def centrality(store: GraphStore, query: StatementQuery, count: CountUnit = "claims") -> list[dict[str, Any]]:
    """``analytics.centrality`` of the analytics graph of ``query``, cached as :func:`analysed`
    caches it (``GET /analytics/centrality``). Uncached, a network the counts answer is scored
    from its weighted edges (``GraphStore.network_weights``, ``analytics.weights_centrality``:
    the same rows without building the graph or an edge object each; at a million statements
    those were most of the call), unless its graph is cached already.
    Callers must not modify the result.
    """
    from graph import analytics

    key = (*_graph_key(store, query, count), "centrality")
    if key in _RESULT_CACHE:
        cached: list[dict[str, Any]] = _RESULT_CACHE[key]
        return cached
    nq = network_query(query)
    if nq is None or key[:3] in _GRAPH_CACHE:
        return _kept(key, analytics.centrality(analytics_graph(store, query, count)))
    with gc_paused():  # tens of thousands of rows and edges at once (graph/gcpause.py)
        weights = store.network_weights(nq, count)
        actors = store.get_actors(weights_actor_ids(weights))
        return _kept(key, analytics.weights_centrality(weights, actors))
