"""Open the configured store from a URL: ``sqlite:///path`` or ``neo4j://host:port``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from graph.claims import ClaimRules
from graph.errors import ConfigError
from graph.settings import Settings, get_settings, redact_url
from graph.store import GraphStore

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


def sqlite_path(url: str) -> Path:
    """Path of a ``sqlite:///relative`` or ``sqlite:////absolute`` URL.

    Examples
    --------
    >>> sqlite_path("sqlite:///data/diplograph.db")
    PosixPath('data/diplograph.db')
    >>> sqlite_path("sqlite:////tmp/g.db")
    PosixPath('/tmp/g.db')
    """
    rest = url[len("sqlite://") :]
    if not rest.startswith("/") or len(rest) < 2:
        raise ConfigError(
            f"bad SQLite store URL {redact_url(url)!r}: use sqlite:///relative/path or sqlite:////abs/path"
        )
    return Path(rest[1:])


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``neo4j://user:pass@host`` → (``neo4j://host``, (user, pass)); the URL passed on never holds them.

    Examples
    --------
    >>> split_credentials("neo4j://reader:p%40ss@db:7687")
    ('neo4j://db:7687', ('reader', 'p@ss'))
    >>> split_credentials("bolt://127.0.0.1:7687")
    ('bolt://127.0.0.1:7687', None)
    """
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, host = parts.netloc.rsplit("@", 1)
    user, _, password = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=host)), (unquote(user), unquote(password))


def open_store(url: str | None = None, settings: Settings | None = None) -> GraphStore:
    """Open (and ensure the schema of) the store named by ``url`` or ``DIPLOGRAPH_STORE``."""
    settings = settings or get_settings()
    url = url or settings.store
    scheme = urlsplit(url).scheme.lower()
    store: GraphStore
    rules = ClaimRules(window_days=settings.claim_window_days)
    if scheme == "sqlite":
        from graph.sqlite_store import SqliteStore

        store = SqliteStore(sqlite_path(url), claim_rules=rules)
    elif scheme in NEO4J_SCHEMES:
        from graph.neo4j_store import Neo4jStore

        url, auth = split_credentials(url)
        password = settings.neo4j_password.get_secret_value()
        if auth is None and password:
            auth = (settings.neo4j_user, password)
        store = Neo4jStore(url, auth=auth, database=settings.neo4j_database, claim_rules=rules)
    else:
        raise ConfigError(
            f"unknown store URL {redact_url(url)!r}: use sqlite:///path/to/file.db or neo4j://host:port (DIPLOGRAPH_STORE)"
        )
    try:
        store.ensure_schema()
    except BaseException:
        store.close()
        raise
    return store
