"""The one place through which diplograph runs Cypher against Neo4j.

Every call names the database and the routing (``READ`` for reads), so the same code
works on a single server and on a cluster. Labels and relationship types cannot be query
parameters; the few that enter Cypher text go through :func:`label` / :func:`rel_type`,
which accept only the names of our graph shape.

Examples
--------
>>> rel_type("DECLINES")
'DECLINES'
>>> rel_type("X]->() DETACH DELETE n //")
Traceback (most recent call last):
...
graph.errors.QueryError: relationship type 'X]->() DETACH DELETE n //' is not allowed
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, EagerResult, ManagedTransaction, Query, Record, Result, RoutingControl
from neo4j import exceptions as neo4j_errors

from graph.errors import CommitUnknown, QueryError, StoreError, StoreUnavailable
from graph.model import Relation

T = TypeVar("T")

LABELS = frozenset(
    {"Actor", "Article", "Statement", "NetworkCount", "EdgeCount", "SpeaksCount", "Meta", "Claim", "ClaimCount"}
)
STRUCTURAL_TYPES = frozenset(
    {"STATED", "ABOUT", "REPORTED_IN", "PUBLISHED_BY", "VIA", "ON_BEHALF_OF", "HOLDS_ROLE", "REPORTS"}
)
#: Relationship types of the typed actor→actor edges (one per claim and target), one per relation.
RELATION_TYPES = frozenset(r.edge_type for r in Relation)
REL_TYPES = STRUCTURAL_TYPES | RELATION_TYPES

_NAME_RE = re.compile(r"^[A-Z][A-Z_]*$")
_LABEL_RE = re.compile(r"^[A-Z][A-Za-z]*$")


def label(name: str) -> str:
    """``name`` if it is one of our node labels, else :class:`QueryError`.

    Examples
    --------
    >>> label("Actor")
    'Actor'
    """
    if not _LABEL_RE.match(name) or name not in LABELS:
        raise QueryError(f"node label {name!r} is not allowed")
    return name


def rel_type(name: str) -> str:
    """``name`` if it is one of our relationship types, else :class:`QueryError`."""
    if not _NAME_RE.match(name) or name not in REL_TYPES:
        raise QueryError(f"relationship type {name!r} is not allowed")
    return name


@contextmanager
def translate_errors(what: str, *, user_query: bool = False) -> Iterator[None]:
    """Turn driver exceptions into :mod:`graph.errors`.

    Cypher errors in a user's query become :class:`QueryError`; a connection lost during a
    commit becomes :class:`CommitUnknown` (retryable); a retryable driver or server error
    :class:`StoreUnavailable`; everything else (and any Cypher error in our own queries, which
    would be a bug) becomes :class:`StoreError`.
    """
    try:
        yield
    except (QueryError, StoreError):
        raise
    except neo4j_errors.ClientError as exc:
        message = exc.message or str(exc)
        if "TimedOut" in (exc.code or ""):
            message = "the query timed out (transaction time limit reached)"
        if user_query:
            raise QueryError(f"{what}: {message}") from exc
        raise StoreError(f"{what}: {exc.code}: {message}") from exc
    except neo4j_errors.IncompleteCommit as exc:  # the driver never retries it: we may (idempotent writes)
        raise CommitUnknown(f"{what}: the commit's outcome is unknown: {exc}") from exc
    except neo4j_errors.Neo4jError as exc:
        error = StoreUnavailable if exc.is_retryable() else StoreError
        raise error(f"{what}: {exc.code}: {exc.message or exc}") from exc
    except neo4j_errors.DriverError as exc:
        error = StoreUnavailable if exc.is_retryable() else StoreError
        raise error(f"{what}: {type(exc).__name__}: {exc}") from exc


class Cypher:
    """Runs Cypher on one database of one driver."""

    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def _execute(
        self,
        query: str | Query,
        params: Mapping[str, Any] | None,
        routing: RoutingControl,
        transformer: Callable[[Result], T],
    ) -> T:
        result: T = self.driver.execute_query(
            query,  # our texts are constants; user text only in run_cypher, checked first
            dict(params or {}),
            database_=self.database,
            routing_=routing,
            result_transformer_=transformer,
        )
        return result

    def read(self, query: str | Query, params: Mapping[str, Any] | None = None) -> EagerResult:
        """Run a read query (routing ``READ``) and return every record eagerly."""
        with translate_errors("neo4j read"):
            return self._execute(query, params, RoutingControl.READ, Result.to_eager_result)

    def read_with(
        self,
        query: str | Query,
        params: Mapping[str, Any] | None,
        transformer: Callable[[Result], T],
        *,
        what: str = "neo4j read",
        user_query: bool = False,
    ) -> T:
        """Run a read query (routing ``READ``) through ``transformer``."""
        with translate_errors(what, user_query=user_query):
            return self._execute(query, params, RoutingControl.READ, transformer)

    def probe(self, query: str, params: Mapping[str, Any] | None = None) -> list[Record]:
        """Run a read query once in an auto-commit READ transaction: no retries, fails fast."""
        with (
            translate_errors("neo4j probe"),
            self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session,
        ):
            return list(session.run(query, dict(params or {})))

    def write(self, query: str | Query, params: Mapping[str, Any] | None = None) -> EagerResult:
        """Run one write query in its own transaction (routing ``WRITE``)."""
        with translate_errors("neo4j write"):
            return self._execute(query, params, RoutingControl.WRITE, Result.to_eager_result)

    def write_tx(self, work: Callable[[ManagedTransaction], T], *, what: str = "neo4j write") -> T:
        """Run ``work`` in ONE write transaction: all of it commits, or nothing does.

        The driver may retry ``work`` on transient errors, so it must only use ``tx``.
        """
        with translate_errors(what), self.driver.session(database=self.database) as session:
            return session.execute_write(work)

    def read_tx(self, work: Callable[[ManagedTransaction], T], *, what: str = "neo4j read") -> T:
        """Run ``work`` in ONE read transaction (consistent snapshot for several queries)."""
        with translate_errors(what), self.driver.session(database=self.database) as session:
            return session.execute_read(work)
