"""The one ``GraphStore`` interface every store implements.

Stores return pydantic models, never tuples. A capability a store lacks is declared in
:attr:`GraphStore.capabilities` and its method raises :class:`UnsupportedCapability`;
nothing is a silent no-op. The contract suite in ``tests/test_store_contract.py`` runs
the same tests against every store.
"""

from __future__ import annotations

import base64
import json
from abc import ABC, abstractmethod
from enum import StrEnum
from types import TracebackType
from typing import Any

from graph.errors import QueryError, UnsupportedCapability
from graph.model import (
    Actor,
    Article,
    ArticleSummary,
    GraphCounts,
    GraphData,
    IngestBatch,
    IngestResult,
    Role,
    Statement,
    StatementPage,
    StatementQuery,
)


class Capability(StrEnum):
    cypher = "cypher"
    """Read-only Cypher queries (``GraphStore.run_cypher``)."""
    fulltext = "fulltext"
    """Full-text search over statement content (``StatementQuery.q``)."""


def encode_cursor(offset: int) -> str:
    """Opaque cursor for the next page.

    Examples
    --------
    >>> decode_cursor(encode_cursor(50))
    50
    """
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        offset = json.loads(raw)["o"]
    except (ValueError, KeyError, TypeError) as exc:
        raise QueryError(f"invalid cursor {cursor[:40]!r}") from exc
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"invalid cursor {cursor[:40]!r}")
    return offset


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
        merged[actor.id] = merge_actor(prev, actor) if prev else actor
    return merged


def validate_batch(batch: IngestBatch) -> None:
    """Check a batch before any write: statements belong to the article, ids are unique, and
    every actor a statement, role or the article references is in ``batch.actors``.

    Every store calls this first, so a bad batch is rejected the same way everywhere and
    nothing is written.
    """
    from graph.errors import StoreError

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


class GraphStore(ABC):
    """Persistence for actors, articles, roles and statements."""

    #: What this store can do beyond the core interface.
    capabilities: frozenset[Capability] = frozenset()
    #: Human-readable store kind, e.g. ``"sqlite"`` or ``"neo4j"``.
    kind: str = "abstract"

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

    # -- writes ----------------------------------------------------------
    @abstractmethod
    def ingest(self, batch: IngestBatch) -> IngestResult:
        """Write one article with its actors, roles and statements in one transaction.

        Idempotent: re-ingesting the same article replaces its statements and changes no
        count. Actors are merged by id (aliases are unioned). If anything fails nothing
        is written.
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
    def counts(self) -> GraphCounts: ...

    def graph_data(self, query: StatementQuery | None = None) -> GraphData:
        """Statements for ``query`` (all pages) and every actor they touch, for analytics."""
        q = (query or StatementQuery()).model_copy(update={"limit": 1000, "cursor": None})
        statements: list[Statement] = []
        while True:
            page = self.list_statements(q)
            statements.extend(page.items)
            if not page.next_cursor:
                break
            q = q.model_copy(update={"cursor": page.next_cursor})
        return self.graph_data_for(statements)

    def graph_data_for(self, statements: list[Statement]) -> GraphData:
        """Wrap statements with every actor and role they touch."""
        ids: set[str] = set().union(*(st.actor_ids() for st in statements))
        actors = self.get_actors(sorted(ids))
        roles = [r for r in self.roles() if r.person_id in ids or r.org_id in ids]
        return GraphData(actors=actors, statements=statements, roles=roles)

    @abstractmethod
    def get_actors(self, actor_ids: list[str]) -> list[Actor]:
        """The actors with these ids that exist, in the order given."""

    # -- optional capabilities ------------------------------------------
    def run_cypher(
        self, query: str, params: dict[str, Any] | None = None, *, max_rows: int = 1000, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Run a read-only Cypher query (capability ``cypher``)."""
        raise UnsupportedCapability(f"the {self.kind} store does not support Cypher queries")

    def require(self, capability: Capability) -> None:
        if capability not in self.capabilities:
            raise UnsupportedCapability(f"the {self.kind} store does not support {capability.value}")
