"""Pydantic models: the contract between intake, extraction, stores and the API.

Data flows one way: loaders build :class:`Article`, :class:`Actor`, :class:`Role` and
:class:`Statement` objects, wrap them in an :class:`IngestBatch`, and a
:class:`graph.store.GraphStore` persists them. Queries come back as the same models.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, Protocol, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from graph.text import fold as fold  # re-exported: model ids and names fold the same way

EXTRACTOR_VERSION = "0.1.0"
IMPLIED_SPEAKER_MENTION = "(previous speaker)"
"""``Statement.speaker_mention`` of a statement whose speaker the text only implies (no span)."""

Day = date  # a field named ``date`` shadows the type inside a class body


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and (value.tzinfo is None or value.tzinfo.utcoffset(value) is None):
        raise ValueError("datetime must be timezone-aware")
    return value


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,199}$")
"""What an :data:`Id` matches (``ID_RE.match``)."""


def _check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise ValueError(f"invalid id {value!r}: lowercase letters, digits and _ . : - only")
    return value


Id = Annotated[str, AfterValidator(_check_id)]

_M = TypeVar("_M", bound=BaseModel)
STATE_SLOTS = DICT_SLOT, FIELDS_SET_SLOT, EXTRA_SLOT, PRIVATE_SLOT = BaseModel.__slots__
"""The four slots of a pydantic model's state (what unpickling sets), named by pydantic itself."""
_set = object.__setattr__


def unvalidated(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    """A ``cls`` holding ``values`` as they are, made as unpickling makes it: no validator runs.

    Only for values the caller has already checked as validation would keep them (every field,
    each of its type; see loaders.extract.spans.evidence, loaders.extract.targets.target,
    loaders.extract.statements.trusted_statement and tests/test_trusted_models.py).

    >>> class Point(BaseModel):
    ...     x: int
    >>> p = unvalidated(Point, {"x": 3}, {"x"})
    >>> p == Point(x=3), p.model_fields_set
    (True, {'x'})
    """
    made = object.__new__(cls)
    _set(made, DICT_SLOT, values)
    _set(made, FIELDS_SET_SLOT, fields_set)
    _set(made, EXTRA_SLOT, None)
    _set(made, PRIVATE_SLOT, None)
    return made


def slugify(text: str) -> str:
    """Make a stable, Cypher-safe id from a name.

    Examples
    --------
    >>> slugify("Ilham Aliyev")
    'ilham-aliyev'
    >>> slugify("Recep Tayyip Erdoğan")
    'recep-tayyip-erdogan'
    """
    slug = fold(text).replace(" ", "-").replace("_", "-")
    return slug[:120] or "unnamed"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, use_enum_values=False)


class ActorKind(StrEnum):
    state = "state"
    person = "person"
    organization = "organization"
    armed_group = "armed_group"
    media = "media"
    initiative = "initiative"
    place = "place"


class Actor(Model):
    """A state, person, organisation, armed group, news outlet, initiative or place."""

    id: Id = Field(description="Stable slug id, e.g. 'azerbaijan' or 'ilham-aliyev'.")
    name: str = Field(min_length=1, description="Canonical display name (English).")
    kind: ActorKind
    qid: str | None = Field(default=None, pattern=r"^Q[0-9]+$", description="Wikidata QID where known.")
    country: str | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code of the actor's country, where it has one."
    )
    aliases: list[str] = Field(default_factory=list, description="Other names and spellings, any language.")

    def search_keys(self) -> list[str]:
        """Folded name and aliases, used for name search in every store."""
        keys = {fold(self.name), *(fold(a) for a in self.aliases), fold(self.id.replace("-", " "))}
        return sorted(k for k in keys if k)


class Role(Model):
    """A dated role: ``(person)-[:HOLDS_ROLE {title, from, to}]->(state or organisation)``."""

    person_id: Id
    org_id: Id
    title: str
    start: date | None = None
    end: date | None = None

    @property
    def key(self) -> str:
        return f"{self.person_id}|{self.org_id}|{self.title}|{self.start or ''}"

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Article(Model):
    """One news article, with the exact text that statement offsets point into."""

    id: Id = Field(description="'url:' + sha1 of the canonical URL, or 'sha:' + content hash prefix.")
    url: str | None = None
    outlet: str | None = Field(default=None, description="Outlet display name, e.g. 'Pars Today'.")
    outlet_id: Id | None = Field(default=None, description="Actor id of the outlet (kind media).")
    title: str = ""
    language: str | None = Field(default=None, description="ISO 639-1 code.")
    published_at: AwareDatetime | None = None
    modified_at: AwareDatetime | None = None
    content_hash: str = ""
    text: str = Field(default="", description="Article text; statement offsets index into it.")
    source: str | None = Field(default=None, description="File path or URL it was loaded from.")

    @model_validator(mode="after")
    def _fill_hash(self) -> Article:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)
        return self

    @staticmethod
    def make_id(url: str | None, text: str) -> str:
        """Id from the canonical URL, else from the content hash.

        Examples
        --------
        >>> Article.make_id("https://Example.org/a?utm_source=x#top", "") == Article.make_id(
        ...     "https://example.org/a", "")
        True
        >>> Article.make_id(None, "some text").startswith("sha:")
        True
        """
        if url:
            return "url:" + hashlib.sha1(canonical_url(url).encode()).hexdigest()[:20]
        return "sha:" + content_hash(text)[:20]


def canonical_url(url: str) -> str:
    """Canonical form of a URL: lower-case scheme and host, no fragment, no tracking parameters.

    Examples
    --------
    >>> canonical_url("HTTPS://Example.ORG/path/?utm_source=rss&id=3#c")
    'https://example.org/path?id=3'
    """
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    path = parts.path.rstrip("/") or "/"
    if path == "/" and not query:
        path = ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


class Span(Model):
    """Character offsets ``[start, end)`` into ``Article.text`` and the text found there."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError("span end before start")
        return self


class TargetRole(StrEnum):
    target = "target"
    mentioned = "mentioned"
    location = "location"


class Target(Model):
    actor_id: Id
    role: TargetRole = TargetRole.target
    mention: str | None = None
    span: Span | None = None


class Relation(StrEnum):
    """Our small relation vocabulary; codes live in ``graph/data/relations.csv``."""

    states = "states"
    declines = "declines"
    claims_role = "claims_role"
    supports = "supports"
    agrees = "agrees"
    commits = "commits"
    consults = "consults"
    appeals = "appeals"
    demands = "demands"
    criticizes = "criticizes"
    accuses = "accuses"
    threatens = "threatens"
    denies = "denies"

    @property
    def edge_type(self) -> str:
        """Neo4j relationship type of the actor→actor edge, e.g. ``CLAIMS_ROLE``."""
        return self.value.upper()


class _Voice(Protocol):
    @property
    def speaker_id(self) -> str | None: ...
    @property
    def on_behalf_of_id(self) -> str | None: ...


class _Dated(Protocol):
    @property
    def date(self) -> Day | None: ...


class Voiced:
    """Mixin of the records with a speaker and the actor spoken for (statements, their briefs
    and links, claims): the source of their typed actor→actor edge, in one place."""

    @property
    def network_source_id(self: _Voice) -> str | None:
        """The actor that appears as source of the typed actor→actor edge (state first)."""
        return self.on_behalf_of_id or self.speaker_id


class Chronological:
    """Mixin of the dated records (statements, their briefs and links): one sort key in time."""

    @property
    def chronological(self: _Dated) -> tuple[bool, Day]:
        """Sort key in time: dated records by date, undated ones after all of them (as every store sorts)."""
        return (self.date is None, self.date or date.min)


class Statement(Voiced, Chronological, Model):
    """Who stated what about whom, with its evidence."""

    id: Id = Field(description="Deterministic: article id + content offsets.")
    article_id: Id
    speaker_id: Id | None = Field(default=None, description="The person (or body) who spoke.")
    speaker_mention: str = Field(description="How the text names the speaker, e.g. 'Presiden Azerbaijan'.")
    speaker_span: Span | None = None
    on_behalf_of_id: Id | None = Field(default=None, description="State or organisation the speaker speaks for.")
    relation: Relation
    cameo: str = Field(pattern=r"^[0-9]{2,4}$")
    plover: str
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    targets: list[Target] = Field(default_factory=list)
    content: str
    content_span: Span | None = None
    direct: bool = Field(description="True for a direct quote, False for reported speech.")
    cue: str | None = None
    cue_span: Span | None = None
    conditions: list[str] = Field(default_factory=list)
    negated: bool = False
    date: Day | None = Field(
        default=None, description="When it was said; null when neither the text nor the article gives a date."
    )
    date_source: Literal["text", "article", "none"] = Field(
        default="article", description="text: the sentence dates it; article: the article's date; none: undated."
    )
    undated: bool = Field(
        default=False, description="True when no date is known (never the day of ingest); set from ``date``."
    )
    via_id: Id | None = Field(default=None, description="Agency or outlet it was reported via (ISNA, Bloomberg).")
    sentence: str = ""
    sentence_span: Span | None = None
    language: str | None = None
    confidence: float = Field(ge=0, le=1)
    extractor_version: str = EXTRACTOR_VERSION
    claim_id: Id | None = Field(
        default=None,
        description="The claim this report belongs to (see graph.claims); set by the store, None before ingest.",
    )

    @model_validator(mode="after")
    def _undated(self) -> Statement:
        self.undated = self.date is None
        if self.undated:
            self.date_source = "none"
        return self

    @staticmethod
    def make_id(article_id: str, start: int, end: int) -> str:
        return f"{article_id}:{start}-{end}"

    def actor_ids(self) -> set[str]:
        """Every actor the statement references: speaker, on-behalf-of, via and all targets."""
        ids = {x for x in (self.speaker_id, self.on_behalf_of_id, self.via_id) if x}
        ids.update(t.actor_id for t in self.targets)
        return ids

    def target_ids(self, role: TargetRole | None = TargetRole.target) -> list[str]:
        return [t.actor_id for t in self.targets if role is None or t.role == role]


class IngestBatch(Model):
    """Everything one article contributes; a store writes it in one transaction."""

    article: Article
    actors: list[Actor] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class IngestResult(Model):
    article_id: str
    source: str | None = None
    statements: int
    created: bool = Field(description="False when the article was already stored (re-ingest).")
    warnings: list[str] = Field(default_factory=list)
    stale: bool = Field(
        default=False,
        description="True when a newer revision of the article (later modified_at) is already stored: this "
        "one was kept as history (GET /articles/{id}/revisions) and the stored one stays current.",
    )


class ArticleRevision(Model):
    """One version of an article with the statements extracted from it.

    Re-posting an article whose text changed keeps the version it replaces as history; an
    older revision (earlier ``modified_at``) than the stored one never replaces it and is kept
    as history instead. Only the current version's statements answer statement queries.
    """

    article: Article
    statements: list[Statement] = Field(default_factory=list)
    current: bool = Field(default=False, description="True for the version statement queries answer from.")
    superseded_at: AwareDatetime | None = Field(
        default=None, description="When this version was replaced (or arrived after a newer one); None if current."
    )


def is_older_revision(new: Article, stored_modified: datetime | None) -> bool:
    """True when ``new`` is an older revision than the stored one: both carry a modification
    time (else the published time) and the new one is earlier. Unknown times never count as older.

    Examples
    --------
    >>> from datetime import UTC
    >>> a = Article(id="sha:1", text="v1", modified_at=datetime(2026, 1, 5, tzinfo=UTC))
    >>> is_older_revision(a, datetime(2026, 1, 6, tzinfo=UTC)), is_older_revision(a, None)
    (True, False)
    """
    mine = new.modified_at or new.published_at
    return mine is not None and stored_modified is not None and mine < stored_modified


class IngestFailure(Model):
    """An article that could not be written (the others of its batch were)."""

    article_id: str
    source: str | None = None
    error: str


class BulkIngestResult(Model):
    """What :meth:`graph.store.GraphStore.ingest_many` wrote and what it could not."""

    results: list[IngestResult] = Field(default_factory=list)
    failures: list[IngestFailure] = Field(default_factory=list)

    @property
    def statements(self) -> int:
        return sum(r.statements for r in self.results)


class NetworkEdge(Model):
    """Statements from ``source_id`` to ``target_id`` with one relation, summed over the
    count rows a :class:`NetworkQuery` selects (see :mod:`graph.aggregates`).

    ``target_id`` is None for statements without a target. ``reports`` counts (statement,
    target) pairs, ``statements`` counts each statement once (in its first target's row).
    """

    source_id: str
    target_id: str | None = None
    relation: Relation
    reports: int
    statements: int
    goldstein_sum: float = 0.0
    cooperation: int = Field(default=0, description="Reports with sign +1 (aggregates.edge_sign).")
    conflict: int = Field(default=0, description="Reports with sign -1.")
    claims: int = Field(default=0, description="Claims (statements counted once however often reported).")
    num_sources: int = Field(default=0, description="Outlets reporting its claims, summed over the claims.")


class SpeaksFor(Model):
    """A person (or body) who spoke for a state or organisation, with how many statements."""

    speaker_id: str
    on_behalf_of_id: str
    statements: int


class Network(Model):
    """The actor network of a :class:`NetworkQuery`, read from the counts kept at ingest."""

    edges: list[NetworkEdge] = Field(default_factory=list)
    speaks_for: list[SpeaksFor] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    statements: int = Field(default=0, description="Statements selected, each once (with or without a source).")
    claims: int = Field(default=0, description="Claims selected, each once (with or without a source).")


class NetworkWeights(Model):
    """A network's edges as the analytics weigh them: ``(source, target, relation, weight)``,
    the weight its claims or reports (a :data:`CountUnit`), in :class:`Network`'s edge order,
    and its ``(speaker, on behalf of)`` pairs. What scores need of a whole network
    (``GraphStore.network_weights``) without an edge object each."""

    arcs: list[tuple[str, str | None, str, int]] = Field(default_factory=list)
    speaks_for: list[tuple[str, str]] = Field(default_factory=list)

    @classmethod
    def of(cls, net: Network, count: CountUnit) -> NetworkWeights:
        """The weights of ``net``'s edges counted by ``count``.

        >>> net = Network(edges=[NetworkEdge(source_id="a", target_id="b", relation="supports", reports=3,
        ...                                  statements=3, claims=1)])
        >>> NetworkWeights.of(net, "reports").arcs, NetworkWeights.of(net, "claims").arcs
        ([('a', 'b', 'supports', 3)], [('a', 'b', 'supports', 1)])
        """
        claims = count == "claims"
        return cls.model_construct(
            arcs=[(e.source_id, e.target_id, e.relation.value, e.claims if claims else e.reports) for e in net.edges],
            speaks_for=[(sf.speaker_id, sf.on_behalf_of_id) for sf in net.speaks_for],
        )


class NetworkQuery(Model):
    """Filters the network counts can answer: actors, relations and whole months."""

    actor_ids: list[str] | None = Field(
        default=None,
        description="Edges of statements where one of these speaks, is spoken for or is the target; "
        "speaks_for pairs where one of these speaks or is spoken for.",
    )
    within_ids: list[str] | None = Field(
        default=None, description="Only edges and speaks_for pairs whose two ends are both among these actors."
    )
    speaker_ids: list[str] | None = Field(default=None, description="Speaker or on-behalf-of actor ids.")
    target_ids: list[str] | None = None
    relations: list[Relation] | None = None
    month_from: str | None = Field(default=None, pattern=r"^[0-9]{4}-[0-9]{2}$")
    month_to: str | None = Field(default=None, pattern=r"^[0-9]{4}-[0-9]{2}$")


class Neighbour(Model):
    """An actor next to a set of actors in the counted network, with the weight of the link:
    reports on edges to or from the set plus statements spoken for (or by) a member."""

    actor_id: str
    weight: int


class StatementBrief(Voiced, Chronological, Model):
    """What stances decide on about a statement, without its text, targets or spans
    (:meth:`graph.store.GraphStore.statement_briefs`)."""

    id: str
    claim_id: str | None = None
    speaker_id: str | None = None
    speaker_mention: str = Field(default="", description="Only when it has no speaker and no represented actor.")
    on_behalf_of_id: str | None = None
    relation: Relation
    date: Day | None = None
    confidence: float


class StatementLink(Voiced, Chronological, Model):
    """What the actor network draws of a statement (:meth:`graph.store.GraphStore.network_links`):
    its actors, relation, codes, date and claim, without its text, spans or evidence."""

    id: str
    article_id: str
    claim_id: str | None = None
    speaker_id: str | None = None
    on_behalf_of_id: str | None = None
    relation: Relation
    cameo: str
    plover: str
    quad_class: int
    goldstein: float
    date: Day | None = None
    confidence: float
    conditional: bool = Field(default=False, description="The statement states conditions.")
    targets: list[str] = Field(default_factory=list, description="Its targets of role 'target', each once.")

    def target_ids(self, role: TargetRole | None = TargetRole.target) -> list[str]:
        """Its targets of role ``target`` (the only role a link keeps)."""
        if role is not TargetRole.target:
            raise ValueError("a statement link keeps only its targets of role 'target'")
        return self.targets


class ClaimBrief(Voiced, Model):
    """What the actor network draws of a claim (:meth:`graph.store.GraphStore.network_links`)."""

    id: str
    speaker_id: str | None = None
    on_behalf_of_id: str | None = None
    relation: Relation
    cameo: str
    plover: str
    quad_class: int
    goldstein: float
    confidence: float
    num_reports: int
    num_sources: int


class NetworkLinks(Model):
    """The statements of a query as the actor network draws them, with their claims
    (:meth:`graph.store.GraphStore.network_links`) and, once read, the actors of the network."""

    statements: list[StatementLink]
    claims: list[ClaimBrief] = Field(default_factory=list, description="The claims of the statements.")
    actors: list[Actor] = Field(default_factory=list)


class StanceSource(Model):
    """One source's stance on a target (:meth:`graph.store.GraphStore.stance_sources`): its pieces of
    evidence are one report per claim among the source's reports naming the target, or every
    report (counted by reports)."""

    source: str = Field(description="The network source's actor id, else 'mention:' + the folded unnamed speaker.")
    claims: int
    reports: int
    evidence: int = Field(description="Pieces of evidence (one per claim, or one per report).")
    changed: bool = Field(description="A supporting and an opposing piece are both among them.")
    stance: str = Field(description="The stance of the deciding piece (the latest dated, else the surest).")
    deciding_id: str
    first_id: str = Field(description="The oldest piece (its speaker mention names an unnamed source).")
    latest_ids: list[str] = Field(description="The latest pieces asked for, oldest first.")


#: Buckets of :meth:`graph.store.GraphStore.actor_activity`: a day, an ISO week, a month, or all time.
ActivityPeriod = Literal["day", "week", "month", "all"]


class ActivityCount(Model):
    """Statements involving one actor, of one relation in one period, counted each once in
    every way the actor takes part (a statement it speaks and targets itself in is given and
    targeted; ``statements`` counts it once)."""

    period: str = Field(
        description="'2026-01-06' (day), '2026-W02' (ISO week), '2026-01' (month), '' (all time); 'undated' when "
        "the statements have no date."
    )
    relation: Relation
    statements: int = Field(description="Statements involving the actor in any role.")
    given: int = Field(description="Statements the actor speaks or is spoken for in.")
    targeted: int = Field(description="Statements naming the actor as a target (role target).")
    received: int = Field(description="Statements the actor does not speak in, naming it in any target role.")
    mentioned: int = Field(description="Statements naming the actor only as mentioned or location.")


class ActorActivity(Model):
    """Every statement involving an actor (speaking, spoken for, or in any target role), counted
    per period, relation and role set; read from the per-actor index, never statement by statement."""

    actor_id: str
    period: ActivityPeriod
    counts: list[ActivityCount]
    first_seen: date | None = Field(default=None, description="Earliest dated statement; undated ones do not count.")
    last_seen: date | None = None


class ActorPartner(Model):
    """Another actor and the statements linking it to an actor: statements the actor speaks (or is
    spoken for) naming it as a target, plus statements it speaks (or is spoken for, as the network
    source) naming the actor as a target."""

    actor_id: str
    statements: int


class GraphCounts(Model):
    actors: int
    articles: int
    statements: int
    roles: int
    relation_edges: int = Field(description="Typed actor→actor edges: one per claim and target.")
    claims: int = 0


SortOrder = Literal["date", "-date", "confidence", "-confidence"]


class StatementQuery(Model):
    """Filters over statements; names are already resolved to actor ids."""

    speaker_ids: list[str] | None = Field(default=None, description="Speaker or on-behalf-of actor ids.")
    target_ids: list[str] | None = Field(default=None, description="Actors with role 'target'.")
    about_ids: list[str] | None = Field(default=None, description="Actors in any role (target/mentioned/location).")
    relations: list[Relation] | None = None
    cameo: str | None = Field(default=None, description="CAMEO code prefix: '12' matches 120, 1224 …")
    plover: str | None = None
    quad_class: int | None = Field(default=None, ge=1, le=4)
    language: str | None = None
    outlet: str | None = Field(default=None, description="Outlet actor id or name (folded match).")
    via_ids: list[str] | None = None
    article_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = Field(default=None, description="Full-text words over statement content.")
    min_confidence: float = Field(default=0.0, ge=0, le=1)
    claim_id: str | None = Field(default=None, description="Only the reports of this claim.")
    sort: SortOrder = "-date"
    limit: int = Field(default=50, ge=1, le=1000)
    cursor: str | None = None


class QueryPlan(Model):
    """How a store answers a statement query (the page and its total), for index tests."""

    steps: list[str] = Field(description="The plan's steps as the store prints them.")
    full_scans: list[str] = Field(description="Steps that read a whole table, label or index.")


class WarmRead(Model):
    """One read a store's warm-up ran (:meth:`graph.store.GraphStore.warm_up`)."""

    read: str = Field(description="What was read, e.g. 'statements by speaker'.")
    seconds: float = Field(ge=0, description="Wall time it took.")


class WarmUp(Model):
    """What a store's warm-up ran, in order; only the actor pick when the store holds no pair."""

    actor_id: str | None = Field(default=None, description="The actor whose reads were run.")
    reads: list[WarmRead] = Field(default_factory=list)


class StatementPage(Model):
    items: list[Statement]
    next_cursor: str | None = None
    total: int | None = None


class ArticleSummary(Model):
    id: str
    url: str | None
    outlet: str | None
    title: str
    language: str | None
    published_at: datetime | None
    statements: int = 0


class GraphData(Model):
    """What analytics need: actors and the statements between them."""

    actors: list[Actor]
    statements: list[Statement]
    roles: list[Role] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list, description="The claims of the statements, where known.")


# -- claims --------------------------------------------------------------------------------

#: What network edges, stances and analytics count: claims (default) or every report.
CountUnit = Literal["claims", "reports"]
ReportPosition = Literal["headline", "lead", "caption", "body"]


class ClaimLink(Model):
    """Why two reports were merged into one claim: one link of the claim, with its evidence."""

    a: str = Field(description="Statement id (the smaller of the two).")
    b: str = Field(description="Statement id (the larger of the two).")
    score: float = Field(ge=0, le=1, description="Strength of the link (0–1).")
    evidence: list[str] = Field(description="Each reason for the link, e.g. 'same speaker ilham-aliyev'.")


class Claim(Voiced, Model):
    """What was said, once: one speaker, one relation, its targets and a time window.

    Every extracted statement is a *report* of exactly one claim (``Statement.claim_id``);
    the claim counts its reports the way GDELT counts mentions of an event. Built by
    :func:`graph.claims.group`; stores keep it up to date as reports arrive, move or leave.
    """

    id: Id = Field(description="Deterministic: hash of the claim's earliest report.")
    speaker_id: Id | None = None
    speaker_mention: str
    on_behalf_of_id: Id | None = None
    relation: Relation = Field(description="Relation class: a negated 'commits' counts as 'declines'.")
    cameo: str = Field(pattern=r"^[0-9]{2,4}$", description="CAMEO code as text ('010', '0334').")
    plover: str
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    targets: list[Target] = Field(default_factory=list, description="Union of the reports' targets.")
    conditions: list[str] = Field(default_factory=list)
    content: str = Field(description="What was said, from the claim's most telling report.")
    date: Day | None = Field(description="First day it was said (statement date); null for an undated claim.")
    date_to: Day | None = Field(description="Last statement date among its reports; null for an undated claim.")
    num_reports: int = Field(ge=1, description="Statements (reports) of this claim.")
    num_articles: int = Field(ge=1, description="Distinct articles reporting it.")
    num_sources: int = Field(ge=1, description="Distinct outlets reporting it.")
    first_reported: AwareDatetime | None = Field(default=None, description="Earliest article publication.")
    last_reported: AwareDatetime | None = None
    outlets: list[str] = Field(default_factory=list, description="Outlets, earliest first.")
    via_ids: list[Id] = Field(default_factory=list, description="Agencies it was reported via (ISNA, Reuters).")
    languages: list[str] = Field(default_factory=list)
    source_url: str | None = Field(default=None, description="URL of the earliest report.")
    statement_ids: list[str] = Field(description="Its reports, earliest first.")
    links: list[ClaimLink] = Field(default_factory=list, description="The links that merged the reports.")
    confidence: float = Field(ge=0, le=1, description="That the speaker said it: 1 - prod(1 - report confidence).")
    grouping_confidence: float = Field(ge=0, le=1, description="Weakest link of the grouping (1 for one report).")

    def target_ids(self, role: TargetRole | None = TargetRole.target) -> list[str]:
        return [t.actor_id for t in self.targets if role is None or t.role == role]

    def actor_ids(self) -> set[str]:
        ids = {x for x in (self.speaker_id, self.on_behalf_of_id) if x}
        ids.update(self.via_ids)
        ids.update(t.actor_id for t in self.targets)
        return ids


class ClaimQuery(StatementQuery):
    """Claims with at least one report matching every statement filter, and enough sources."""

    min_sources: int = Field(default=1, ge=1, le=10_000, description="At least this many distinct outlets.")


class ClaimPage(Model):
    items: list[Claim]
    next_cursor: str | None = None
    total: int | None = None


GraphData.model_rebuild()  # its claims field names a model defined after it
