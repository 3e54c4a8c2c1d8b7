"""The one ``GraphStore`` interface every store implements.

Stores return pydantic models, never tuples. A capability a store lacks is declared in
:attr:`GraphStore.capabilities` and its method raises :class:`UnsupportedCapability`;
nothing is a silent no-op. The contract suite in ``tests/test_store_contract.py`` runs
the same tests against every store.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import partial
from itertools import islice
from operator import attrgetter
from threading import Event
from types import TracebackType
from typing import Any, Protocol, TypeVar, cast

from pydantic import BaseModel, Field, TypeAdapter

from graph.errors import QueryError, StoreError, StoreUnavailable, UnsupportedCapability
from graph.model import (
    ActivityCount,
    ActivityPeriod,
    Actor,
    ActorActivity,
    ActorPartner,
    Article,
    ArticleRevision,
    ArticleSummary,
    BulkIngestResult,
    Claim,
    ClaimBrief,
    ClaimPage,
    ClaimQuery,
    CountUnit,
    GraphCounts,
    GraphData,
    IngestBatch,
    IngestFailure,
    IngestResult,
    Neighbour,
    Network,
    NetworkLinks,
    NetworkQuery,
    NetworkWeights,
    QueryPlan,
    Relation,
    Role,
    StanceSource,
    Statement,
    StatementBrief,
    StatementLink,
    StatementPage,
    StatementQuery,
    TargetRole,
    WarmRead,
    WarmUp,
    fold,
    is_older_revision,
)
from graph.relations import stance_of

log = logging.getLogger("diplograph.store")


class Capability(StrEnum):
    cypher = "cypher"
    """Read-only Cypher queries (``GraphStore.run_cypher``)."""
    fulltext = "fulltext"
    """Full-text search over statement content (``StatementQuery.q``)."""


class CypherResult(BaseModel):
    """Rows of a user's read-only Cypher query, within the row and byte limits."""

    rows: list[dict[str, Any]]
    truncated: bool = Field(description="True when max_rows or max_bytes stopped the result: more rows may exist.")
    bytes: int = Field(description="Size of the rows as JSON.")


def encode_offset(offset: int) -> str:
    """Opaque offset cursor (article lists, which are small).

    Examples
    --------
    >>> decode_offset(encode_offset(50))
    50
    """
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
        offset = raw["o"] if isinstance(raw, dict) else None
    except (ValueError, KeyError, UnicodeDecodeError) as exc:
        raise QueryError(f"invalid cursor {cursor[:40]!r}") from exc
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= 10_000_000:
        raise QueryError(f"invalid cursor {cursor[:40]!r}")
    return offset


#: Sort orders: (key, descending).
SORTS: dict[str, tuple[str, bool]] = {
    "date": ("date", False),
    "-date": ("date", True),
    "confidence": ("confidence", False),
    "-confidence": ("confidence", True),
}


#: The SQL ``date`` column value of an undated statement or claim: it sorts after every ISO
#: date, as null sorts in Neo4j (so both stores order and page undated rows alike); date
#: filters exclude it.
UNDATED = "~"


def day_key(day: date | None) -> str:
    """A day as sortable SQL text; :data:`UNDATED` when unknown.

    >>> day_key(date(2026, 1, 6)), day_key(None)
    ('2026-01-06', '~')
    """
    return day.isoformat() if day is not None else UNDATED


def day_of_key(key: str) -> date | None:
    """Inverse of :func:`day_key`."""
    return None if key == UNDATED else date.fromisoformat(key)


def period_key(day: date | None, period: ActivityPeriod) -> str:
    """Label of the period holding ``day``; ``"undated"`` when the date is unknown, ``""`` for all time.

    Examples
    --------
    >>> period_key(date(2026, 1, 6), "month"), period_key(date(2026, 1, 6), "week"), period_key(None, "day")
    ('2026-01', '2026-W02', 'undated')
    >>> period_key(date(2026, 1, 6), "all"), period_key(None, "all")
    ('', '')
    """
    if period == "all":
        return ""
    if day is None:
        return "undated"
    if period == "day":
        return day.isoformat()
    if period == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    return f"{day.year}-{day.month:02d}"


def piece_rank(
    relation: str, confidence: float, day: date | None, statement_id: str
) -> tuple[bool, float, tuple[bool, date], str]:
    """Which report of a claim stands for it as a piece of stance evidence: the smallest rank (a
    relation other than ``states`` first, then the surest, then the earliest, then by id).

    >>> piece_rank("supports", 0.9, None, "a") < piece_rank("states", 0.99, date(2026, 1, 1), "b")
    True
    """
    return (relation == "states", -confidence, (day is None, day or date.min), statement_id)


def piece_stance(relation: str, conditional: bool) -> str:
    """The stance of a statement of ``relation`` (``conditional``: it states conditions): the
    relation's stance, ``conditional`` when conditions qualify a supporting or opposing one.

    >>> piece_stance("supports", False), piece_stance("supports", True), piece_stance("consults", True)
    ('support', 'conditional', 'neutral')
    """
    base: str = stance_of(Relation(relation))
    return "conditional" if conditional and base != "neutral" else base


def stance_source(st: Statement | StatementBrief) -> str:
    """Whose stance a statement shows: its network source, else its unnamed speaker's mention."""
    return st.network_source_id or f"mention:{fold(st.speaker_mention)}"


def claim_pieces(reports: list[StatementBrief]) -> list[StatementBrief]:
    """One report per claim (:func:`piece_rank`), in evidence order (oldest first, then the
    least sure, then by id)."""
    best: dict[str, StatementBrief] = {}
    for b in reports:
        key = b.claim_id or b.id
        old = best.get(key)
        if old is None or piece_rank(b.relation.value, b.confidence, b.date, b.id) < piece_rank(
            old.relation.value, old.confidence, old.date, old.id
        ):
            best[key] = b
    return sorted(best.values(), key=lambda b: (b.chronological, b.confidence, b.id))


def deciding_piece(pieces: list[StatementBrief]) -> StatementBrief:
    """The piece that decides a stance: the latest dated one, the surest among equals (the first
    of equals in evidence order); the surest when none is dated."""
    return max(pieces, key=lambda s: (not s.chronological[0], s.chronological[1], s.confidence))


#: The two stances whose presence together in a source's evidence means it changed position.
TURN = frozenset({"support", "oppose"})


def turned(
    get: Callable[[list[str]], list[Statement]], evidence: dict[str, list[StatementBrief]], whole: dict[str, Statement]
) -> set[str]:
    """The sources whose evidence holds a supporting and an opposing piece (:func:`piece_stance`).
    A brief has its relation, not its conditions (a condition makes a supporting relation
    ``conditional``): for each source and side, its pieces of that side are read whole (``get``)
    latest first, a few at a time and only until one without conditions is found (``whole``
    holds the pieces already read, and gets those read here)."""
    todo: dict[tuple[str, str], list[str]] = {}
    for src, sts in evidence.items():
        sides = {side: [b.id for b in reversed(sts) if stance_of(b.relation) == side] for side in TURN}
        if all(sides.values()):
            todo.update(((src, side), ids) for side, ids in sides.items())
    found: set[tuple[str, str]] = set()
    batch = 1
    while todo:
        whole.update((st.id, st) for st in get([i for ids in todo.values() for i in ids[:batch] if i not in whole]))
        for key, ids in list(todo.items()):
            if any(i in whole and not whole[i].conditions for i in ids[:batch]):
                found.add(key)
                del todo[key]
            elif len(ids) <= batch:
                del todo[key]
            else:
                todo[key] = ids[batch:]
        batch *= 4
    return {src for src in evidence if all((src, side) in found for side in TURN)}


#: The role an actor holds in a statement, as a bit of a role set (``statement_actors.roles`` in
#: SQLite): speaking (speaker or on-behalf-of) and each target role.
SPEAKS = "speaks"
ROLE_BITS: dict[str, int] = {SPEAKS: 1, TargetRole.target.value: 2, TargetRole.mentioned.value: 4,
                             TargetRole.location.value: 8}  # fmt: skip


def role_set(roles: Iterable[str]) -> int:
    """The role-set bits of some roles.

    >>> role_set(["speaks", "target"]), role_set([])
    (3, 0)
    """
    bits = 0
    for role in roles:
        bits |= ROLE_BITS[role]
    return bits


def held_roles(st: Statement) -> dict[str, set[str]]:
    """Every actor of a statement and the roles it holds there: ``speaks`` for the speaker and
    the represented actor, the target role of each target (one actor may hold several).

    >>> from graph.analytics import demo_data
    >>> held_roles(demo_data().statements[0])
    {'p': {'speaks'}, 'a': {'speaks'}, 'b': {'target'}}
    """
    held: dict[str, set[str]] = {}
    for actor_id in (st.speaker_id, st.on_behalf_of_id):
        if actor_id:
            held.setdefault(actor_id, set()).add(SPEAKS)
    for t in st.targets:
        held.setdefault(t.actor_id, set()).add(t.role.value)
    return held


def activity_counts(n: int, speaking: bool, targeted: int) -> tuple[int, int, int, int, int]:
    """(statements, given, targeted, received, mentioned) of ``n`` statements involving an actor
    (see :class:`graph.model.ActivityCount`): the actor speaks (or is spoken for) in all of them
    when ``speaking``, in none otherwise; ``targeted`` of them name it as a target.

    >>> activity_counts(3, True, 1), activity_counts(3, False, 3), activity_counts(3, False, 0)
    ((3, 3, 1, 0, 0), (3, 0, 3, 3, 0), (3, 0, 0, 3, 3))
    """
    if speaking:
        return n, n, targeted, 0, 0
    return n, 0, targeted, n, n - targeted


_ACTIVITY_LIST = TypeAdapter(list[ActivityCount])


def fold_activity(
    actor_id: str, period: ActivityPeriod, rows: Iterable[tuple[str, str, int, int, int, int, int]]
) -> ActorActivity:
    """An :class:`ActorActivity` from (day key (:func:`day_key`), relation, statements, given,
    targeted, received, mentioned) rows (every store reads those its own way and folds them here).

    >>> a = fold_activity("x", "month", [("2026-01-06", "supports", 2, 2, 0, 0, 0),
    ...                                  ("2026-01-09", "supports", 1, 1, 1, 0, 0), ("~", "declines", 1, 0, 1, 1, 0)])
    >>> [(c.period, c.relation.value, c.statements, c.given, c.targeted, c.received) for c in a.counts]
    [('2026-01', 'supports', 3, 3, 1, 0), ('undated', 'declines', 1, 0, 1, 1)]
    >>> a.first_seen, a.last_seen
    (datetime.date(2026, 1, 6), datetime.date(2026, 1, 9))
    """
    sums: dict[tuple[str, str], list[int]] = {}
    keys: dict[str, str] = {}
    for day, relation, *values in rows:
        key = keys.get(day)
        if key is None:
            key = keys[day] = period_key(day_of_key(day), period)
        acc = sums.get((key, relation))
        if acc is None:
            sums[(key, relation)] = values
        else:
            for i, n in enumerate(values):
                acc[i] += n
    dated = [k for k in keys if k != UNDATED]
    fields = ("statements", "given", "targeted", "received", "mentioned")
    counts = _ACTIVITY_LIST.validate_python(
        [
            {"period": p, "relation": r, **dict(zip(fields, acc, strict=True))}
            for (p, r), acc in sorted(sums.items(), key=lambda kv: (kv[0][0] == "undated", kv[0]))
        ]
    )
    return ActorActivity(
        actor_id=actor_id,
        period=period,
        counts=counts,
        first_seen=day_of_key(min(dated)) if dated else None,
        last_seen=day_of_key(max(dated)) if dated else None,
    )


def encode_cursor(sort: str, key: date | float | None, last_id: str) -> str:
    """Opaque keyset cursor: the sort key and id of the last row of a page.

    The next page starts strictly after that row, so rows written meanwhile never shift
    or repeat a page (no OFFSET). An undated statement's key is ``None``: undated
    statements sort after every dated one, in both directions' sense of "later"
    (last for ``date``, first for ``-date``), on every store.

    Examples
    --------
    >>> c = encode_cursor("-date", date(2026, 1, 6), "url:x:1-9")
    >>> decode_cursor(c, "-date")
    (datetime.date(2026, 1, 6), 'url:x:1-9')
    >>> decode_cursor(c, "confidence")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: invalid cursor: it belongs to another sort order
    """
    value: str | float | None = key.isoformat() if isinstance(key, date) else None if key is None else float(key)
    raw = json.dumps({"s": sort, "k": value, "i": last_id}, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, sort: str) -> tuple[date | float | None, str] | None:
    """(sort key, id) of the row a page starts after; None for the first page.

    Anything but a cursor this module made for ``sort`` is a :class:`QueryError`.
    """
    if not cursor:
        return None
    bad = QueryError(f"invalid cursor {cursor[:40]!r}")
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad from exc
    if not isinstance(raw, dict) or set(raw) != {"s", "k", "i"}:
        raise bad
    if raw["s"] != sort:
        raise QueryError("invalid cursor: it belongs to another sort order")
    last_id, value = raw["i"], raw["k"]
    if not isinstance(last_id, str) or not 0 < len(last_id) <= 1000:
        raise bad
    if SORTS[sort][0] == "date":
        if value is None:
            return None, last_id  # after an undated statement
        if not isinstance(value, str):
            raise bad
        try:
            return date.fromisoformat(value), last_id
        except ValueError as exc:
            raise bad from exc
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise bad
    return float(value), last_id


def merge_actor(old: Actor, new: Actor) -> Actor:
    """Two records of one actor: the new one wins on scalars, aliases are unioned, and an
    old name that changed is kept as an alias. Every store merges actors with this rule.

    Examples
    --------
    >>> from graph.model import ActorKind
    >>> a = Actor(id="turkey", name="Turkey", kind=ActorKind.state, aliases=["Turki"])
    >>> b = Actor(id="turkey", name="Türkiye", kind=ActorKind.state, aliases=["Turquie"])
    >>> merge_actor(a, b).aliases
    ['Turki', 'Turquie', 'Turkey']
    """
    aliases = list(dict.fromkeys([*old.aliases, *new.aliases]))
    if old.name != new.name and old.name not in aliases:
        aliases.append(old.name)
    aliases = [a for a in aliases if a != new.name]
    return new.model_copy(update={"aliases": aliases, "qid": new.qid or old.qid, "country": new.country or old.country})


def merge_actors(actors: list[Actor]) -> dict[str, Actor]:
    """Collapse a list of actor records into one merged record per id (later ones win)."""
    merged: dict[str, Actor] = {}
    for actor in actors:
        prev = merged.get(actor.id)
        if prev is None:
            merged[actor.id] = actor
        elif prev is not actor and prev != actor:  # the same record again merges to itself
            merged[actor.id] = merge_actor(prev, actor)
    return merged


def validate_batch(batch: IngestBatch) -> None:
    """Check a batch before any write: statements belong to the article, ids are unique, and
    every actor a statement, role or the article references is in ``batch.actors``.

    Every store calls this first, so a bad batch is rejected the same way everywhere and
    nothing is written.
    """
    art = batch.article
    known = {a.id for a in batch.actors}
    seen: set[str] = set()
    missing: set[str] = set()
    for st in batch.statements:
        if st.article_id != art.id:
            raise StoreError(f"statement {st.id} belongs to article {st.article_id}, not {art.id}")
        if st.id in seen:
            raise StoreError(f"duplicate statement id {st.id} in batch for {art.id}")
        seen.add(st.id)
        missing.update(st.actor_ids() - known)
    for role in batch.roles:
        missing.update(r for r in (role.person_id, role.org_id) if r not in known)
    if art.outlet_id and art.outlet_id not in known:
        missing.add(art.outlet_id)
    if missing:
        raise StoreError(f"batch for {art.id} references actors not in the batch: {sorted(missing)}")


def _result(batch: IngestBatch, created: bool) -> IngestResult:
    art = batch.article
    return IngestResult(
        article_id=art.id, source=art.source, statements=len(batch.statements), created=created, warnings=batch.warnings
    )


def _failure(batch: IngestBatch, exc: Exception) -> IngestFailure:
    return IngestFailure(article_id=batch.article.id, source=batch.article.source, error=str(exc))


def _unique_runs(batches: list[IngestBatch]) -> list[list[IngestBatch]]:
    """Split a chunk where an article id repeats, so one transaction writes each article once."""
    runs: list[list[IngestBatch]] = []
    seen: set[str] = set()
    for batch in batches:
        if not runs or batch.article.id in seen:
            runs.append([])
            seen = set()
        runs[-1].append(batch)
        seen.add(batch.article.id)
    return runs


_R = TypeVar("_R")


class GraphStore(ABC):
    """Persistence for actors, articles, roles and statements."""

    #: What this store can do beyond the core interface.
    capabilities: frozenset[Capability] = frozenset()
    #: Human-readable store kind, e.g. ``"sqlite"`` or ``"neo4j"``.
    kind: str = "abstract"
    #: Articles per write transaction of a streamed ingest (``diplograph ingest`` without
    #: ``--batch-size``; loaders.pipeline): a store whose commit costs per page changed may write more.
    stream_batch_size: int = 200
    #: Articles per write transaction in :meth:`ingest_many` (``Settings.ingest_batch_size``).
    batch_size: int = 500

    # -- lifecycle -------------------------------------------------------
    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables / constraints / indexes if they do not exist (idempotent)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @abstractmethod
    def ping(self) -> bool:
        """True when the store answers a trivial query."""

    @abstractmethod
    def warm_up_actor(self) -> str | None:
        """An actor with few statements to read (the source of the pair with the fewest reports),
        or None when the store holds no pair of two actors (:meth:`warm_up`)."""

    def warm_up(self, stop: Event | None = None) -> WarmUp:
        """Run once the reads a user's first requests make, so that those do not pay the store's
        first-use costs (a Neo4j server plans each query text on its first use: seconds at 1M
        statements; SQLite reads its first pages from disk). Read-only: the actor of
        :meth:`warm_up_actor`, its first and next statement page, a target month, its ego network
        at depth 1 and 2. The API's start runs it in the background (``Settings.store_warm_up``);
        ``stop``, once set, ends it before the next read."""
        reads: list[WarmRead] = []

        def halted() -> bool:
            return stop is not None and stop.is_set()

        def run(name: str, read: Callable[[], _R]) -> _R:
            start = time.perf_counter()
            answer = read()
            reads.append(WarmRead(read=name, seconds=time.perf_counter() - start))
            return answer

        actor = None if halted() else run("pick an actor", self.warm_up_actor)
        if actor is None or halted():
            return WarmUp(actor_id=actor, reads=reads)
        query = StatementQuery(speaker_ids=[actor])
        first = run("statements by speaker", lambda: self.list_statements(query))
        day = next((st.date for st in first.items if st.date is not None), date.today())
        month = StatementQuery(target_ids=[actor], date_from=day.replace(day=1), date_to=day)
        steps: list[tuple[str, Callable[[], object]]] = []
        if first.items:
            last = first.items[-1]
            following = query.model_copy(update={"cursor": encode_cursor(query.sort, last.date, last.id)})
            steps.append(("the next page", partial(self.list_statements, following)))
        steps.append(("statements by target + month", partial(self.list_statements, month)))
        steps += [(f"ego network depth {d}", partial(self.ego_network, actor, d, NetworkQuery(), 50)) for d in (1, 2)]
        for name, read in steps:
            if halted():
                break
            run(name, read)
        return WarmUp(actor_id=actor, reads=reads)

    # -- writes ----------------------------------------------------------
    def ingest(self, batch: IngestBatch) -> IngestResult:
        """Write one article with its actors, roles and statements in one transaction.

        Idempotent: re-ingesting the same article replaces its statements and changes no
        count. Actors are merged by id (aliases are unioned). If anything fails nothing
        is written (:class:`StoreError`). An older revision never replaces a newer one
        (see :meth:`_revise`).
        """
        validate_batch(batch)
        run, stale = self._revise([batch])
        if stale:
            return stale[0]
        created = self._write_batches(run)[0]
        return _result(batch, created)

    def ingest_many(self, batches: Iterable[IngestBatch], *, batch_size: int | None = None) -> BulkIngestResult:
        """Write many articles, ``batch_size`` articles per transaction (default :attr:`batch_size`).

        ``batches`` may be a generator: it is consumed one chunk at a time, so memory stays
        bounded by the chunk. Each chunk is written in ONE transaction with a constant
        number of bulk statements, so readers see every article whole or not at all. If a
        chunk fails it is retried one article at a time (logged as a warning on the
        ``diplograph.store`` logger): a bad article ends up in ``failures`` and never costs the
        others of its chunk. The same article twice in a
        chunk is written twice, in order (the last one wins), exactly as repeated
        :meth:`ingest` calls would. Idempotent like :meth:`ingest`.

        A :class:`StoreUnavailable` (the store is away, not the article's fault) is raised,
        not turned into failures: the caller retries (``loaders.pipeline``), and articles
        already written are written again, harmlessly.
        """
        size = batch_size or self.batch_size
        if size < 1:
            raise QueryError("batch_size must be at least 1")
        out = BulkIngestResult()
        it = iter(batches)
        while chunk := list(islice(it, size)):
            valid: list[IngestBatch] = []
            for batch in chunk:
                try:
                    validate_batch(batch)
                except StoreError as exc:
                    out.failures.append(_failure(batch, exc))
                else:
                    valid.append(batch)
            for run in _unique_runs(valid):
                run, stale = self._revise(run)
                out.results.extend(stale)
                if not run:
                    continue
                try:
                    created = self._write_batches(run)
                except StoreUnavailable:
                    raise
                except StoreError as exc:
                    # said, not silent: a chunk whose articles all pass alone is a store defect
                    log.warning("a transaction of %d articles failed, retried one article at a time: %s", len(run), exc)
                    for batch in run:  # one article per transaction: only the bad one fails
                        try:
                            out.results.append(self.ingest(batch))
                        except StoreUnavailable:
                            raise
                        except StoreError as exc:
                            out.failures.append(_failure(batch, exc))
                else:
                    out.results.extend(_result(b, c) for b, c in zip(run, created, strict=True))
        return out

    # -- revisions: an older revision never overwrites a newer one -------------------------
    def _revise(self, run: list[IngestBatch]) -> tuple[list[IngestBatch], list[IngestResult]]:
        """The revision step of every write, before :meth:`_write_batches` (distinct article ids).

        For each incoming article whose id is stored with other content: if it is an older
        revision (:func:`graph.model.is_older_revision`) it is kept as history only and comes
        back as a ``stale`` result; otherwise the stored version (with its statements) is kept
        as history and the incoming one is written. Returns (batches to write, stale results).
        Saving history is idempotent (one record per article and content hash), so a write that
        fails after it and is retried leaves no duplicate.
        """
        stored = self._stored_versions([b.article.id for b in run])
        write: list[IngestBatch] = []
        stale: list[IngestResult] = []
        history: list[ArticleRevision] = []
        now = datetime.now(UTC)
        for batch in run:
            art = batch.article
            version = stored.get(art.id)
            if version is None or version[0] == art.content_hash:
                write.append(batch)
            elif is_older_revision(art, version[1]):
                history.append(ArticleRevision(article=art, statements=batch.statements, superseded_at=now))
                stale.append(_result(batch, False).model_copy(update={"stale": True}))
            else:
                old = self.get_article(art.id)
                if old is not None:
                    statements = self._all_statements(StatementQuery(article_id=art.id, sort="date"))
                    history.append(ArticleRevision(article=old, statements=statements, superseded_at=now))
                write.append(batch)
        if history:
            self._save_revisions(history)
        return write, stale

    def _all_statements(self, query: StatementQuery) -> list[Statement]:
        return every_item(self.list_statements, query)

    def article_revisions(self, article_id: str) -> list[ArticleRevision]:
        """Every kept version of an article: the current one first, then the superseded ones,
        most recently superseded first. Empty when the article was never stored."""
        current = self.get_article(article_id)
        history = [r for r in self._load_revisions(article_id) if current is None or
                   r.article.content_hash != current.content_hash]  # fmt: skip
        history.sort(key=lambda r: (r.superseded_at is None, r.superseded_at), reverse=True)
        if current is None:
            return history
        statements = self._all_statements(StatementQuery(article_id=article_id, sort="date"))
        return [ArticleRevision(article=current, statements=statements, current=True), *history]

    @abstractmethod
    def _stored_versions(self, article_ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
        """(content hash, ``modified_at`` else ``published_at``) of each of these articles that is stored."""

    @abstractmethod
    def _save_revisions(self, revisions: list[ArticleRevision]) -> None:
        """Keep superseded versions (one per article id and content hash; again is a no-op)."""

    @abstractmethod
    def _load_revisions(self, article_id: str) -> list[ArticleRevision]:
        """The superseded versions kept for an article (any order)."""

    @abstractmethod
    def _write_batches(self, batches: list[IngestBatch]) -> list[bool]:
        """Write validated batches with distinct article ids in ONE transaction.

        Returns for each batch whether its article was new. Raises :class:`StoreError`
        (and writes nothing) if any part fails.
        """

    @abstractmethod
    def upsert_actors(self, actors: list[Actor], roles: list[Role] | None = None) -> None:
        """Merge actors (by id, aliases unioned) and roles (by key) in one transaction."""

    @abstractmethod
    def delete_article(self, article_id: str) -> bool:
        """Remove an article and its statements; actors stay. False if it did not exist."""

    # -- reads -----------------------------------------------------------
    @abstractmethod
    def get_actor(self, actor_id: str) -> Actor | None: ...

    @abstractmethod
    def find_actors(self, text: str, limit: int = 20) -> list[Actor]:
        """Actors whose folded name or alias equals, then starts with, then contains ``text``.

        Exact matches come first, then prefix matches, then substring matches; ties by name.
        """

    @abstractmethod
    def list_actors(self, kind: str | None = None, limit: int = 100, offset: int = 0) -> list[Actor]: ...

    @abstractmethod
    def roles(self, actor_id: str | None = None) -> list[Role]:
        """Roles held by (person) or in (organisation) ``actor_id``; all roles when None."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def list_articles(self, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
        """Articles, newest published first."""

    @abstractmethod
    def get_statement(self, statement_id: str) -> Statement | None: ...

    @abstractmethod
    def list_statements(self, query: StatementQuery) -> StatementPage:
        """Statements matching every given filter, sorted and paginated by cursor."""

    @abstractmethod
    def explain_statements(self, query: StatementQuery) -> QueryPlan:
        """The plan of :meth:`list_statements` for ``query`` (its page and its total), from the
        engine's own planner (SQLite ``EXPLAIN QUERY PLAN``, Cypher ``EXPLAIN``)."""

    @abstractmethod
    def counts(self) -> GraphCounts: ...

    @abstractmethod
    def article_summaries(self, article_ids: list[str]) -> list[ArticleSummary]:
        """Summaries (no text) of the articles with these ids that exist, in the order given; one query."""

    @abstractmethod
    def network(self, query: NetworkQuery) -> Network:
        """The actor network of ``query`` from the counts kept at ingest (:mod:`graph.aggregates`).

        Edges are summed per (source, target, relation) over the selected count rows;
        ``speaks_for`` lists who spoke for whom. Cost grows with the rows selected, not
        with the number of statements: without dates the all-time rows of the edge level
        are read, one per edge. ``actors`` is left empty. ``actor_ids`` and ``speaker_ids``
        cannot be combined (:class:`QueryError`).
        """

    def network_weights(self, query: NetworkQuery, count: CountUnit) -> NetworkWeights:
        """:meth:`network`'s edges and speaks_for pairs as the analytics weigh them
        (:class:`NetworkWeights`, ``count`` the weight): what a score of a whole network reads.
        A store may make them without an edge object each."""
        return NetworkWeights.of(self.network(query), count)

    def ego_network(self, actor_id: str, depth: int, query: NetworkQuery, max_neighbours: int) -> Network:
        """The network within ``depth`` (1 or 2) steps of ``actor_id``, with its actors (see
        :func:`graph.service.ego_network`, which checks the arguments): each step keeps the
        ``max_neighbours`` actors :meth:`neighbours` ranks first, then :meth:`network` of the
        kept actors and :func:`with_actors`. A store may answer it in fewer round trips."""
        inner = [actor_id, *(n.actor_id for n in self.neighbours([actor_id], query, max_neighbours))]
        if depth == 1:
            net = self.network(query.model_copy(update={"actor_ids": [actor_id], "within_ids": inner}))
        else:
            outer = [n.actor_id for n in self.neighbours(inner, query, max_neighbours)]
            net = self.network(query.model_copy(update={"actor_ids": inner, "within_ids": inner + outer}))
        return with_actors(self, net)

    @abstractmethod
    def neighbours(self, actor_ids: list[str], query: NetworkQuery, limit: int) -> list[Neighbour]:
        """The ``limit`` actors outside ``actor_ids`` most linked to them in the counted network.

        The weight of an actor is the reports on the edges of ``network(actor_ids=...)``
        that it ends, plus the statements of its speaks_for pairs with a member of the set;
        heaviest first, ties by id. Relations and months of ``query`` apply; its actor
        filters must be empty (:class:`QueryError`).
        """

    @abstractmethod
    def actor_activity(
        self, actor_id: str, period: ActivityPeriod = "all", date_from: date | None = None, date_to: date | None = None
    ) -> ActorActivity:
        """Every statement involving ``actor_id`` (speaking, spoken for or in any target role),
        dated within ``date_from``…``date_to`` when given (then no undated statement counts),
        counted per ``period``, relation and the set of roles the actor holds in it; undated
        statements in the ``"undated"`` period, after every date. The statements are not read:
        the per-actor index (``statement_actors`` in SQLite, the ABOUT relationships and the
        statements' actor indexes in Neo4j) is grouped, so the cost grows with the actor's days
        and relations more than with its statements."""

    @abstractmethod
    def statement_briefs(self, query: StatementQuery, cap: int) -> list[StatementBrief]:
        """Every statement matching ``query``'s filters (its sort, limit and cursor are ignored),
        briefly (:class:`StatementBrief`), in no particular order; one query, no text read.
        Raises :class:`QueryError` when more than ``cap`` match."""

    def network_links(self, query: StatementQuery, cap: int) -> NetworkLinks:
        """Every statement matching ``query``'s filters (its sort, limit and cursor are ignored)
        as the actor network draws it (:class:`StatementLink`: actors, relation, codes, date,
        claim), in no particular order, with its claims (:class:`ClaimBrief`); no actors.
        Raises :class:`QueryError` when more than ``cap`` match. This default reads the whole
        statements and claims (the reference); a store reads only these fields instead."""
        statements = statements_within(self, query, cap)
        claims = self.get_claims(sorted({st.claim_id for st in statements if st.claim_id}))
        return NetworkLinks(
            statements=[statement_link(st) for st in statements], claims=[claim_brief(c) for c in claims]
        )

    def stance_sources(
        self,
        target_id: str,
        latest: int,
        cap: int,
        date_from: date | None = None,
        date_to: date | None = None,
        language: str | None = None,
        count: CountUnit = "claims",
    ) -> list[StanceSource]:
        """Every source's stance on ``target_id`` (no other filter but the dates and the language:
        a date bound leaves undated statements out, a language the reports in other languages, and
        a claim is judged by its reports that remain), with its ``latest`` pieces of evidence
        (:class:`StanceSource`; ``service.stances`` with ``evidence``): one piece per claim
        (``count="claims"``) or every report (``"reports"``). One per source, by source
        (:attr:`StanceSource.source`, as text), whatever order they were written in. This default reads the briefs of
        every statement naming the target (:class:`QueryError` above ``cap``) and, whole, only the
        pieces whose conditions decide; a store keeping stance pieces at ingest reads those instead."""
        query = StatementQuery(target_ids=[target_id], date_from=date_from, date_to=date_to, language=language)
        briefs = sorted(self.statement_briefs(query, cap), key=lambda b: (b.chronological, b.id))
        by_source: dict[str, list[StatementBrief]] = {}
        for b in briefs:
            by_source.setdefault(stance_source(b), []).append(b)
        claims = {src: claim_pieces(reports) for src, reports in by_source.items()}
        pieces = (
            claims
            if count == "claims"
            else {
                src: sorted(reports, key=lambda b: (b.chronological, b.confidence, b.id))
                for src, reports in by_source.items()
            }
        )
        deciding = {src: deciding_piece(ps) for src, ps in pieces.items()}
        whole = {st.id: st for st in self.get_statements([b.id for b in deciding.values()])}
        changed = turned(self.get_statements, pieces, whole)
        return [
            StanceSource(
                source=src,
                claims=len(claims[src]),
                reports=len(by_source[src]),
                evidence=len(ps),
                changed=src in changed,
                stance=piece_stance(deciding[src].relation.value, bool(whole[deciding[src].id].conditions)),
                deciding_id=deciding[src].id,
                first_id=ps[0].id,
                latest_ids=[b.id for b in ps[max(len(ps) - latest, 0) :]] if latest else [],
            )
            for src, ps in sorted(pieces.items())
        ]

    @abstractmethod
    def get_statements(self, statement_ids: list[str]) -> list[Statement]:
        """The statements with these ids that exist, in the order given; one query."""

    @abstractmethod
    def explain_actor(self, actor_id: str) -> QueryPlan:
        """The plans of :meth:`actor_activity` and :meth:`actor_partners` for ``actor_id``, from the
        engine's own planner (as :meth:`explain_statements`)."""

    @abstractmethod
    def actor_partners(self, actor_id: str, limit: int = 10) -> list[ActorPartner]:
        """The ``limit`` actors most linked to ``actor_id`` by statements (:class:`ActorPartner`),
        heaviest first, ties by id; from the network counts, never from the statements."""

    @abstractmethod
    def generation(self) -> int:
        """A number that changes whenever the stored data changes (for caches and ETags)."""

    def graph_data(self, query: StatementQuery | None = None) -> GraphData:
        """Statements for ``query`` (all pages) and every actor they touch, for analytics."""
        return self.graph_data_for(every_item(self.list_statements, query or StatementQuery()))

    def graph_data_for(self, statements: list[Statement]) -> GraphData:
        """Wrap statements with every actor and role they touch, and their claims."""
        ids: set[str] = set().union(*(st.actor_ids() for st in statements))
        actors = self.get_actors(sorted(ids))
        roles = [r for r in self.roles() if r.person_id in ids or r.org_id in ids]
        claims = self.get_claims(sorted({st.claim_id for st in statements if st.claim_id}))
        return GraphData(actors=actors, statements=statements, roles=roles, claims=claims)

    @abstractmethod
    def get_actors(self, actor_ids: list[str]) -> list[Actor]:
        """The actors with these ids that exist, in the order given."""

    # -- claims (graph/claims.py): kept up to date by every write ---------
    @abstractmethod
    def list_claims(self, query: ClaimQuery) -> ClaimPage:
        """Claims with at least one report matching every statement filter of ``query`` and at
        least ``query.min_sources`` outlets, sorted by claim date or confidence, paginated."""

    @abstractmethod
    def get_claims(self, claim_ids: list[str]) -> list[Claim]:
        """The claims with these ids that exist, in the order given."""

    def get_claim(self, claim_id: str) -> Claim | None:
        found = self.get_claims([claim_id])
        return found[0] if found else None

    @abstractmethod
    def rebuild_claims(self) -> int:
        """Regroup every stored report into claims (after a new ``claim_window_days``); returns
        the number of claims. Writes keep claims current; this is for maintenance only."""

    # -- optional capabilities ------------------------------------------
    def run_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        max_rows: int = 1000,
        max_bytes: int = 4_000_000,
        timeout: float = 10.0,
    ) -> CypherResult:
        """Run a user's read-only Cypher query (capability ``cypher``) within the limits."""
        raise UnsupportedCapability(f"the {self.kind} store does not support Cypher queries")

    def require(self, capability: Capability) -> None:
        if capability not in self.capabilities:
            raise UnsupportedCapability(f"the {self.kind} store does not support {capability.value}")


_source, _target = attrgetter("source_id"), attrgetter("target_id")


def network_actor_ids(net: Network) -> list[str]:
    """The actors a network's edges and speaks_for pairs touch, sorted."""
    ids = set(map(_source, net.edges))  # ~12,000 edges around a hub at 1M: no Python loop per edge
    ids.update(map(_target, net.edges))
    ids.discard(None)
    ids.update(x for sf in net.speaks_for for x in (sf.speaker_id, sf.on_behalf_of_id))
    return sorted(ids)


def weights_actor_ids(weights: NetworkWeights) -> list[str]:
    """The actors a network's weighted edges and speaks_for pairs touch, sorted
    (:func:`network_actor_ids` of the network they weigh)."""
    ids: set[str | None] = {a[0] for a in weights.arcs}
    ids.update(a[1] for a in weights.arcs)
    ids.discard(None)
    ids.update(x for pair in weights.speaks_for for x in pair)
    return sorted(cast(set[str], ids))


def with_actors(store: GraphStore, net: Network) -> Network:
    """``net`` with the actors its edges touch (one store query)."""
    return net.model_copy(update={"actors": store.get_actors(network_actor_ids(net))})


def too_many_statements(cap: int, what: str = "statements") -> QueryError:
    """The error of a read that would gather more than ``cap`` statements (every store, every
    path), or claims (``what``)."""
    return QueryError(f"more than {cap} {what} match; narrow the filters (e.g. from/to, speaker)")


_T_co = TypeVar("_T_co", covariant=True)
_Q = TypeVar("_Q", bound=StatementQuery)


class Page(Protocol[_T_co]):
    """A cursor page of a store's list read (:class:`StatementPage`, :class:`ClaimPage`)."""

    @property
    def items(self) -> Sequence[_T_co]: ...
    @property
    def next_cursor(self) -> str | None: ...
    @property
    def total(self) -> int | None: ...


_P = TypeVar("_P", bound=Page[Any])


def pages(read: Callable[[_Q], _P], query: _Q, limit: int = 1000) -> Iterator[_P]:
    """Every cursor page of ``read`` (``GraphStore.list_statements``, ``list_claims``) for
    ``query`` (its limit and cursor replaced: ``limit`` items a page), first to last, each read
    when the one before has been taken."""
    q = query.model_copy(update={"limit": limit, "cursor": None})
    while True:
        page = read(q)
        yield page
        if not page.next_cursor:
            return
        q = q.model_copy(update={"cursor": page.next_cursor})


def every_item(
    read: Callable[[_Q], Page[_T_co]], query: _Q, cap: int | None = None, what: str = "statements"
) -> list[_T_co]:
    """The items of every page of ``read`` for ``query`` (:func:`pages`). With a ``cap``, a
    :class:`QueryError` (:func:`too_many_statements`, of ``what``) as soon as more than ``cap``
    match, asking to narrow the filters."""
    out: list[_T_co] = []
    for page in pages(read, query, 1000 if cap is None else min(1000, cap + 1)):
        out.extend(page.items)
        if cap is not None and (len(out) > cap or (page.total is not None and page.total > cap)):
            raise too_many_statements(cap, what)
    return out


def statements_within(store: GraphStore, query: StatementQuery, cap: int) -> list[Statement]:
    """Every statement matching ``query`` (all cursor pages of ``store.list_statements``).

    Raises :class:`QueryError` when more than ``cap`` match, asking to narrow the filters.
    """
    return every_item(store.list_statements, query, cap)


def statement_link(st: Statement) -> StatementLink:
    """``st`` as the actor network draws it (:meth:`GraphStore.network_links`)."""
    return StatementLink(
        id=st.id,
        article_id=st.article_id,
        claim_id=st.claim_id,
        speaker_id=st.speaker_id,
        on_behalf_of_id=st.on_behalf_of_id,
        relation=st.relation,
        cameo=st.cameo,
        plover=st.plover,
        quad_class=st.quad_class,
        goldstein=st.goldstein,
        date=st.date,
        confidence=st.confidence,
        conditional=bool(st.conditions),
        targets=list(dict.fromkeys(st.target_ids(TargetRole.target))),
    )


def claim_brief(c: Claim) -> ClaimBrief:
    """``c`` as the actor network draws it (:meth:`GraphStore.network_links`)."""
    return ClaimBrief(
        id=c.id,
        speaker_id=c.speaker_id,
        on_behalf_of_id=c.on_behalf_of_id,
        relation=c.relation,
        cameo=c.cameo,
        plover=c.plover,
        quad_class=c.quad_class,
        goldstein=c.goldstein,
        confidence=c.confidence,
        num_reports=c.num_reports,
        num_sources=c.num_sources,
    )
