"""The one exception tree of diplograph.

Every error the project raises on purpose derives from :class:`DiplographError`, so
callers (CLI, API) can catch one type and show a clear message.
"""

from __future__ import annotations


class DiplographError(Exception):
    """Base of every error diplograph raises on purpose."""


class ConfigError(DiplographError):
    """Settings are missing or invalid (e.g. an unknown store URL scheme)."""


class InputError(DiplographError):
    """An input (file, URL, request body) is not an article we can read.

    ``source`` names the offending file or URL so the message is actionable.
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)


class ExtractionError(DiplographError):
    """Extraction failed in a way that is not the input's fault."""


class StoreError(DiplographError):
    """The graph store failed (connection, constraint, transaction)."""


class StoreUnavailable(StoreError):
    """A transient store failure worth retrying: the server is down or restarting, a transient
    Neo4j error (deadlock, leader switch), SQLite's "database is locked"."""


class CommitUnknown(StoreUnavailable):
    """The connection was lost while a commit was under way: the write may or may not have
    been applied. Every write diplograph makes is idempotent (MERGE on constrained keys; an
    article re-ingested replaces its statements), so it is retried like any transient failure
    rather than stopping an ingest with the rest of its articles unreported."""


class NotFoundError(StoreError):
    """A requested actor, article or statement does not exist."""


class UnsupportedCapability(StoreError):
    """The store does not offer this capability (declared in ``GraphStore.capabilities``)."""


class QueryError(DiplographError):
    """A query parameter or query text is invalid or not allowed (e.g. a write in read-only Cypher)."""
