"""Embedded store: SQLite in WAL mode, durable and transactional.

The default store when no Neo4j server is configured. Every statement is kept whole as
JSON (so it round-trips exactly) next to the columns that queries filter on; the
actors a statement touches are indexed in ``statement_actors``; content is indexed for
full-text search with FTS5 (diacritics folded).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from graph import activity, links, sqlite_claims, sqlite_stances, stance_pieces
from graph.aggregates import (
    ALL_TIME,
    CountKey,
    Delta,
    combine,
    edge_deltas,
    negate,
    pair_deltas,
    speaks_deltas,
    tally,
)
from graph.claim_counts import assemble_rows
from graph.claims import ClaimRules, refresh
from graph.errors import QueryError, StoreError, StoreUnavailable
from graph.gcpause import gc_paused
from graph.model import (
    ActivityPeriod,
    Actor,
    ActorActivity,
    ActorPartner,
    Article,
    ArticleRevision,
    ArticleSummary,
    Claim,
    ClaimPage,
    ClaimQuery,
    CountUnit,
    GraphCounts,
    IngestBatch,
    Neighbour,
    Network,
    NetworkLinks,
    NetworkQuery,
    QueryPlan,
    Role,
    SpeaksFor,
    StanceSource,
    Statement,
    StatementBrief,
    StatementPage,
    StatementQuery,
    TargetRole,
    fold,
)
from graph.sqlite_checkpoint import BACKSTOP_PAGES, Checkpointer
from graph.sqlite_counts import add_counts, rounded
from graph.store import (
    ROLE_BITS,
    SORTS,
    SPEAKS,
    UNDATED,
    Capability,
    GraphStore,
    activity_counts,
    day_key,
    day_of_key,
    decode_cursor,
    encode_cursor,
    fold_activity,
    held_roles,
    merge_actor,
    merge_actors,
    role_set,
    too_many_statements,
)

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    qid TEXT,
    country TEXT,
    aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS actors_name ON actors(name);
CREATE INDEX IF NOT EXISTS actors_kind ON actors(kind, name, id);
CREATE TABLE IF NOT EXISTS actor_keys (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    PRIMARY KEY (key, actor_id)
);
CREATE INDEX IF NOT EXISTS actor_keys_actor ON actor_keys(actor_id);
CREATE TABLE IF NOT EXISTS roles (
    key TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES actors(id),
    org_id TEXT NOT NULL REFERENCES actors(id),
    title TEXT NOT NULL,
    start TEXT,
    "end" TEXT
);
CREATE INDEX IF NOT EXISTS roles_person ON roles(person_id);
CREATE INDEX IF NOT EXISTS roles_org ON roles(org_id);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    url TEXT,
    outlet TEXT,
    outlet_key TEXT,
    outlet_id TEXT REFERENCES actors(id),
    title TEXT NOT NULL,
    language TEXT,
    published_utc TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_utc);
CREATE INDEX IF NOT EXISTS articles_outlet_id ON articles(outlet_id);
CREATE INDEX IF NOT EXISTS articles_outlet_key ON articles(outlet_key);
CREATE TABLE IF NOT EXISTS statements (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_id TEXT REFERENCES actors(id),
    on_behalf_of_id TEXT REFERENCES actors(id),
    relation TEXT NOT NULL,
    cameo TEXT NOT NULL,
    plover TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    date TEXT NOT NULL,
    language TEXT,
    via_id TEXT REFERENCES actors(id),
    confidence REAL NOT NULL,
    content TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE INDEX IF NOT EXISTS statements_date ON statements(date, id);
CREATE INDEX IF NOT EXISTS statements_relation ON statements(relation, date, id);
CREATE INDEX IF NOT EXISTS statements_language ON statements(language, date, id);
CREATE INDEX IF NOT EXISTS statements_via ON statements(via_id, date, id);
CREATE INDEX IF NOT EXISTS statements_confidence ON statements(confidence, id);
CREATE TABLE IF NOT EXISTS article_revisions (
    article_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, content_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS statement_actors (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,
    date TEXT NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    roles INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (statement_id, actor_id, role)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS statement_actors_range
    ON statement_actors(actor_id, role, date, statement_id, relation, roles);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    content, content = 'statements', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS network_counts (
    speaker_id TEXT NOT NULL,
    on_behalf_of_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    month TEXT NOT NULL,
    reports INTEGER NOT NULL,
    statements INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    cooperation INTEGER NOT NULL,
    conflict INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, on_behalf_of_id, target_id, relation, month)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS network_counts_behalf ON network_counts(on_behalf_of_id, month);
CREATE INDEX IF NOT EXISTS network_counts_target ON network_counts(target_id, month);
CREATE INDEX IF NOT EXISTS network_counts_month ON network_counts(month);
CREATE TABLE IF NOT EXISTS edge_counts (
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    month TEXT NOT NULL,
    reports INTEGER NOT NULL,
    statements INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    cooperation INTEGER NOT NULL,
    conflict INTEGER NOT NULL,
    PRIMARY KEY (source_id, month, target_id, relation)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edge_counts_target ON edge_counts(target_id, month);
CREATE INDEX IF NOT EXISTS edge_counts_month ON edge_counts(month);
CREATE TABLE IF NOT EXISTS speaks_counts (
    speaker_id TEXT NOT NULL,
    on_behalf_of_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    month TEXT NOT NULL,
    statements INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, month, on_behalf_of_id, relation)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS speaks_counts_behalf ON speaks_counts(on_behalf_of_id, month);
CREATE INDEX IF NOT EXISTS speaks_counts_month ON speaks_counts(month);
CREATE TABLE IF NOT EXISTS edge_pairs (
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (source_id, target_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edge_pairs_target ON edge_pairs(target_id, reports);
CREATE TABLE IF NOT EXISTS speaks_pairs (
    speaker_id TEXT NOT NULL,
    on_behalf_of_id TEXT NOT NULL,
    statements INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, on_behalf_of_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS speaks_pairs_behalf ON speaks_pairs(on_behalf_of_id, statements);
CREATE TABLE IF NOT EXISTS activity_counts (
    actor_id TEXT NOT NULL,
    level TEXT NOT NULL,
    bucket TEXT NOT NULL,
    relation TEXT NOT NULL,
    statements INTEGER NOT NULL,
    given INTEGER NOT NULL,
    targeted INTEGER NOT NULL,
    received INTEGER NOT NULL,
    mentioned INTEGER NOT NULL,
    PRIMARY KEY (actor_id, level, bucket, relation)
) WITHOUT ROWID
"""

#: Indexes of earlier files that ``statement_actors_range`` replaces (dropped when a file opens):
#: ``statement_actors_actor`` (actor_id, role, date, statement_id) ordered a driving actor's
#: statements, ``statement_actors_activity`` (actor_id, role, date, relation, roles) covered the
#: claim neighbour reads and the activity walk. One index in the first's order with the second's
#: columns serves them all, and a statement's actor rows go into one index instead of two (a
#: 200-article batch at 100k articles changed ~5,500 of its ~43,000 pages in the two;
#: bench/README.md, "Tenth session (writer4)").
_RETIRED_INDEXES = ("statement_actors_actor", "statement_actors_activity")

#: Fill the edge and speaks levels of a store written before they existed (graph.aggregates).
_BACKFILL = (
    "INSERT INTO edge_counts SELECT CASE WHEN on_behalf_of_id <> '' THEN on_behalf_of_id ELSE speaker_id END AS src,"
    f" target_id, relation, m, SUM(reports), SUM(statements), {rounded('goldstein_sum', 'SUM(goldstein_sum)')},"
    " SUM(cooperation), SUM(conflict)"
    " FROM (SELECT *, month AS m FROM network_counts UNION ALL SELECT *, '*' AS m FROM network_counts)"
    " GROUP BY src, target_id, relation, m",
    "INSERT INTO speaks_counts SELECT speaker_id, on_behalf_of_id, relation, m, SUM(statements)"
    " FROM (SELECT *, month AS m FROM network_counts UNION ALL SELECT *, '*' AS m FROM network_counts)"
    " WHERE speaker_id <> '' AND on_behalf_of_id <> '' GROUP BY speaker_id, on_behalf_of_id, relation, m"
    " HAVING SUM(statements) > 0",
)

#: Fill the pair levels of a store written before they existed, from the all-time rows.
_PAIR_BACKFILL = (
    "INSERT INTO edge_pairs SELECT source_id, target_id, SUM(reports) FROM edge_counts"
    " WHERE month = '*' AND source_id <> '' AND target_id <> '' GROUP BY source_id, target_id"
    " HAVING SUM(reports) <> 0",
    "INSERT INTO speaks_pairs SELECT speaker_id, on_behalf_of_id, SUM(statements) FROM speaks_counts"
    " WHERE month = '*' GROUP BY speaker_id, on_behalf_of_id HAVING SUM(statements) <> 0",
)

#: ``statement_actors.roles`` of a row: the set of every role its actor holds in the statement
#: (graph.store.ROLE_BITS), as SQL over the rows of one (statement, actor) pair.
_ROLE_SET = "SUM(CASE e.role " + " ".join(f"WHEN '{r}' THEN {b}" for r, b in ROLE_BITS.items()) + " END)"
#: Statement-actor columns added after version 2 was written (``_add_activity_columns``).
_ACTIVITY_BACKFILL = (
    "UPDATE statement_actors SET relation = (SELECT s.relation FROM statements s WHERE s.id = statement_actors.statement_id),"
    f" roles = (SELECT {_ROLE_SET} FROM statement_actors e WHERE e.statement_id = statement_actors.statement_id"
    " AND e.actor_id = statement_actors.actor_id)"
)
#: The row that stands for its (statement, actor) pair: the one of the lowest role of its role set.
_LEAD_ROLE = "CASE " + " ".join(f"WHEN roles & {b} THEN '{r}'" for r, b in ROLE_BITS.items()) + " END"
_TARGET_BIT = ROLE_BITS[TargetRole.target.value]
#: Fill ``activity_counts`` (graph.activity) of a file written before it existed, from the
#: ``statement_actors`` rows (the row of each pair's lowest role, as _activity_row reads them):
#: the day level grouped in the activity index's order, then the months from the days.
_ACTIVITY_COUNTS_BACKFILL = (
    "DELETE FROM activity_counts",
    f"INSERT INTO activity_counts SELECT actor_id, '{activity.DAY}', date, relation, SUM(n), SUM(g), SUM(t), SUM(r),"
    f" SUM(m) FROM (SELECT actor_id, date, relation, COUNT(*) AS n, SUM(role = '{SPEAKS}') AS g,"
    f" SUM(roles & {_TARGET_BIT} <> 0) AS t, SUM(role <> '{SPEAKS}') AS r,"
    f" SUM(role <> '{SPEAKS}' AND roles & {_TARGET_BIT} = 0) AS m"
    f" FROM statement_actors WHERE role = {_LEAD_ROLE} GROUP BY actor_id, role, date, relation)"
    " GROUP BY actor_id, date, relation",
    f"INSERT INTO activity_counts SELECT actor_id, '{activity.MONTH}', CASE WHEN bucket = '{UNDATED}' THEN bucket"
    " ELSE substr(bucket, 1, 7) END AS b, relation, SUM(statements), SUM(given), SUM(targeted), SUM(received),"
    f" SUM(mentioned) FROM activity_counts WHERE level = '{activity.DAY}' GROUP BY actor_id, b, relation",
)
#: The ISO-week level from the day level (``iso_week``: activity.week_bucket, registered on the
#: connection for it); also alone, for a file whose counts were kept before the week level.
_ACTIVITY_WEEKS_BACKFILL = (
    f"DELETE FROM activity_counts WHERE level = '{activity.WEEK}'",
    f"INSERT INTO activity_counts SELECT actor_id, '{activity.WEEK}', iso_week(bucket) AS b, relation, SUM(statements),"
    " SUM(given), SUM(targeted), SUM(received), SUM(mentioned)"
    f" FROM activity_counts WHERE level = '{activity.DAY}' GROUP BY actor_id, b, relation",
)
#: Columns of the statements table in insert order (seq is assigned by SQLite).
_STATEMENT_COLUMNS = (
    "id, article_id, speaker_id, on_behalf_of_id, relation, cameo, plover, quad_class, date, language, via_id,"
    " confidence, content, data"
)


def _store_error(exc: sqlite3.Error, path: Path) -> StoreError:
    """SQLite's busy/locked errors are transient (another writer holds the lock): retry them."""
    transient = isinstance(exc, sqlite3.OperationalError) and any(
        word in str(exc).lower() for word in ("database is locked", "database is busy", "database table is locked")
    )
    return (StoreUnavailable if transient else StoreError)(f"SQLite store {path}: {exc}")


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_query(text: str) -> str | None:
    """Turn free user text into a safe FTS5 query: every word must occur (AND).

    Examples
    --------
    >>> fts_query('peace "force" OR x*')
    '"peace" AND "force" AND "or" AND "x"'
    >>> fts_query("  ") is None
    True
    """
    words = fold(text).split()
    if not words:
        return None
    return " AND ".join(f'"{w}"' for w in words[:32])


WRITE_CACHE_KIB = 256 * 1024
"""Page cache of the write connection, in KiB (SQLite's default is 2 MiB). A batch of articles
dirties most pages of the indexes it inserts into (tens of thousands at 10k articles): with
2 MiB every one of them was read again from the file (pread) in every batch and spilled to the
WAL mid-transaction; with 128 MiB a 2,000-article write into the 10k-article bench store reads
1.2 GB instead of 3.9 GB and writes 1.9 GB instead of 2.4 GB (bench/README.md, "Sixth session
(cliingest)"). At 100,000 articles a batch of 200 alone changes ~37,400 pages (146 MiB), one of
:attr:`SqliteStore.stream_batch_size` (400) ~67,100 (262 MiB): 256 MiB holds most of a batch and
keeps more of the hot index pages between batches (with 400-article batches, 2,000 articles into
a 100k store read 3.70 → 3.09 GB; writer process CPU −7..−10 %, peak RSS +~150 MB: bench/README.md,
"Twelfth session (writer6)"). Pages are allocated as they are used, so a small store stays small.
Readers keep the default."""


class SqliteStore(GraphStore):
    """A GraphStore in one SQLite file (WAL mode).

    One writer connection (behind a lock) and one read connection per thread: WAL lets
    readers run beside each other and beside the writer, each on its own snapshot.
    """

    kind = "sqlite"
    capabilities = frozenset({Capability.fulltext})
    #: Articles per write of a streamed ingest (``diplograph ingest``; GraphStore.stream_batch_size):
    #: a batch's commit and checkpoint cost per page it changes, and two batches of 200 share ~11 % of
    #: their pages at 100,000 articles, so 400 per batch writes ~10 % fewer pages per article (the
    #: goldstein sums are kept to 6 decimals, so the stored rows do not depend on it: sqlite_counts)
    stream_batch_size: int = 400

    def __init__(
        self,
        path: str | Path,
        *,
        batch_size: int | None = None,
        claim_rules: ClaimRules | None = None,
        busy_timeout: float = 30.0,
    ) -> None:
        """``busy_timeout``: seconds a write waits for another writer's lock before failing with
        :class:`graph.errors.StoreUnavailable` ("database is locked"; the ingest pipeline retries it)."""
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.claim_rules = claim_rules or ClaimRules()
        if batch_size is not None:
            self.batch_size = batch_size
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._closed = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open SQLite store at {self.path}: {exc}") from exc
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(f"PRAGMA cache_size=-{WRITE_CACHE_KIB}")
        #: WAL checkpoints beside the writer once it writes ingest batches (graph/sqlite_checkpoint.py);
        #: the thread holds no reference to the store, and stops when a store left open is collected
        self._checkpointer = Checkpointer(
            partial(sqlite3.connect, str(self.path), isolation_level=None, timeout=self.busy_timeout)
        )
        weakref.finalize(self, self._checkpointer.close)
        self._checkpoints_beside = False

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=self.busy_timeout)
        conn.row_factory = sqlite3.Row
        conn.create_function("fold", 1, lambda s: fold(s) if s else s, deterministic=True)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    # -- plumbing --------------------------------------------------------
    @contextmanager
    def _tx(self, *, bump: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction; it moves :meth:`generation` on unless ``bump=False``."""
        with self._lock:
            if self._closed:
                raise StoreError(f"SQLite store {self.path} is closed")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
                if bump:
                    self._conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
                self._conn.execute("COMMIT")
                if self._checkpoints_beside:
                    self._checkpointer.poke()
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _store_error(exc, self.path) from exc
                raise

    def _reader(self) -> sqlite3.Connection:
        """This thread's read connection (opened on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            with self._lock:
                if self._closed:
                    raise StoreError(f"SQLite store {self.path} is closed")
                try:
                    conn = self._connect()
                    conn.execute("PRAGMA query_only=ON")
                except sqlite3.Error as exc:
                    raise StoreError(f"cannot open SQLite store at {self.path}: {exc}") from exc
                self._readers.append(conn)
            self._local.conn = conn
        return conn

    def _rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._reader().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite store {self.path}: {exc}") from exc

    def explain(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[str]:
        """``EXPLAIN QUERY PLAN`` details of a query (for index tests)."""
        return [r["detail"] for r in self._rows("EXPLAIN QUERY PLAN " + sql, params)]

    # -- lifecycle -------------------------------------------------------
    def ensure_schema(self) -> None:
        with self._lock:
            self._migrate_v1()
        with self._tx(bump=False) as c:  # every process opening the store runs this: cached reads stay valid
            self._add_activity_columns(c)
            unpaired = c.execute(
                "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'edge_pairs')"
            ).fetchone()[0]
            for index in _RETIRED_INDEXES:  # first: their pages are free for the new index
                c.execute(f"DROP INDEX IF EXISTS {index}")
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    c.execute(stmt)
            c.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
            c.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0')")
            empty = c.execute("SELECT NOT EXISTS (SELECT 1 FROM edge_counts)").fetchone()[0]
            if empty and c.execute("SELECT EXISTS (SELECT 1 FROM network_counts)").fetchone()[0]:
                for stmt in _BACKFILL:  # counts kept before the coarser levels existed
                    c.execute(stmt)
            if unpaired:  # counts kept before the pair levels existed
                for stmt in _PAIR_BACKFILL:
                    c.execute(stmt)
            if c.execute("SELECT 1 FROM meta WHERE key = 'activity_counts'").fetchone() is None:
                for stmt in _ACTIVITY_COUNTS_BACKFILL:  # a store written before the activity counts existed
                    c.execute(stmt)
                c.execute("INSERT INTO meta(key, value) VALUES ('activity_counts', '1')")
                c.execute("DELETE FROM meta WHERE key = 'activity_weeks'")  # the weeks follow from the new days
            if c.execute("SELECT 1 FROM meta WHERE key = 'activity_weeks'").fetchone() is None:
                c.create_function("iso_week", 1, activity.week_bucket, deterministic=True)
                for stmt in _ACTIVITY_WEEKS_BACKFILL:  # counts kept before their week level existed
                    c.execute(stmt)
                c.execute("INSERT INTO meta(key, value) VALUES ('activity_weeks', '1')")
            sqlite_stances.create(c)  # before claims: a claim rebuild keeps the stance pieces
            if sqlite_claims.ensure_schema(c):  # a store written before claims existed
                sqlite_claims.SqliteClaimBook(c).rebuild(self.claim_rules)
            sqlite_stances.ensure_filled(c)

    @staticmethod
    def _add_activity_columns(c: sqlite3.Connection) -> None:
        """Give a file written before them the ``relation`` and ``roles`` columns of
        ``statement_actors`` (what :meth:`actor_activity` groups by), filled from the statements."""
        cols = {r["name"] for r in c.execute("PRAGMA table_info(statement_actors)")}
        if not cols or "roles" in cols:
            return
        c.execute("ALTER TABLE statement_actors ADD COLUMN relation TEXT NOT NULL DEFAULT ''")
        c.execute("ALTER TABLE statement_actors ADD COLUMN roles INTEGER NOT NULL DEFAULT 0")
        c.execute(_ACTIVITY_BACKFILL)

    def _migrate_v1(self) -> None:
        """Rebuild a version-1 file (statements keyed by text id, FTS filtered by an
        unindexed column) into version 2; every row is kept, counts are recomputed."""
        c = self._conn
        cols = {r["name"] for r in c.execute("PRAGMA table_info(statements)")}
        if not cols or "seq" in cols:
            return
        c.execute("PRAGMA foreign_keys=OFF")
        c.execute("PRAGMA legacy_alter_table=ON")
        try:
            c.execute("BEGIN IMMEDIATE")
            c.execute("DROP TABLE IF EXISTS statements_fts")
            c.execute("ALTER TABLE statements RENAME TO statements_v1")
            c.execute("ALTER TABLE statement_actors RENAME TO statement_actors_v1")
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    c.execute(stmt)
            c.execute(
                f"INSERT INTO statements({_STATEMENT_COLUMNS}) SELECT {_STATEMENT_COLUMNS} FROM statements_v1"
                " ORDER BY rowid"
            )
            c.execute("DROP TABLE statements_v1")
            c.execute("DROP TABLE statement_actors_v1")
            c.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")
            statements = [Statement.model_validate_json(r["data"]) for r in c.execute("SELECT data FROM statements")]
            self._index_statements(c, statements)
            self._apply_counts(c, tally(statements))
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise
        finally:
            c.execute("PRAGMA legacy_alter_table=OFF")
            c.execute("PRAGMA foreign_keys=ON")

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._checkpointer.close()
            for conn in [self._conn, *self._readers]:
                conn.close()
            self._readers.clear()

    def ping(self) -> bool:
        try:
            return bool(self._rows("SELECT 1")[0][0] == 1)
        except StoreError:
            return False

    def warm_up_actor(self) -> str | None:
        rows = self._rows(
            "SELECT source_id FROM edge_pairs WHERE target_id <> source_id ORDER BY reports, source_id, target_id LIMIT 1"
        )
        return str(rows[0][0]) if rows else None

    def generation(self) -> int:
        rows = self._rows("SELECT value FROM meta WHERE key = 'generation'")
        return int(rows[0][0]) if rows else 0

    # -- writes ----------------------------------------------------------
    def _merge_actors(self, c: sqlite3.Connection, actors: list[Actor]) -> None:
        merged = merge_actors(actors)
        if not merged:
            return
        stored = {
            r["id"]: _actor(r)
            for r in c.execute("SELECT * FROM actors WHERE id IN (SELECT value FROM json_each(?))", (_json(merged),))
        }
        changed: list[Actor] = []
        for actor in merged.values():
            old = stored.get(actor.id)
            if old is not None:
                actor = merge_actor(old, actor)
                if actor == old:
                    continue  # nothing new: leave the row and its search keys alone
            changed.append(actor)
        if not changed:
            return
        c.executemany(
            "INSERT INTO actors(id, name, kind, qid, country, aliases) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind, qid=excluded.qid, "
            "country=excluded.country, aliases=excluded.aliases",
            [
                (a.id, a.name, a.kind.value, a.qid, a.country, json.dumps(a.aliases, ensure_ascii=False))
                for a in changed
            ],
        )
        c.execute(
            "DELETE FROM actor_keys WHERE actor_id IN (SELECT value FROM json_each(?))", (_json(a.id for a in changed),)
        )
        c.executemany(
            "INSERT OR IGNORE INTO actor_keys(actor_id, key) VALUES (?, ?)",
            [(a.id, k) for a in changed for k in a.search_keys()],
        )

    def _merge_roles(self, c: sqlite3.Connection, roles: list[Role]) -> None:
        c.executemany(
            'INSERT INTO roles(key, person_id, org_id, title, start, "end") VALUES (?,?,?,?,?,?) '
            'ON CONFLICT(key) DO UPDATE SET "end" = excluded."end"',
            [
                (
                    r.key,
                    r.person_id,
                    r.org_id,
                    r.title,
                    r.start.isoformat() if r.start else None,
                    r.end.isoformat() if r.end else None,
                )
                for r in roles
            ],
        )

    def upsert_actors(self, actors: list[Actor], roles: list[Role] | None = None) -> None:
        with self._tx() as c:
            self._merge_actors(c, actors)
            self._merge_roles(c, roles or [])

    def _write_batches(self, batches: list[IngestBatch]) -> list[bool]:
        ids = [b.article.id for b in batches]
        if not self._checkpoints_beside:  # a writer of batches: its commits are checkpointed beside it
            with self._lock:
                self._conn.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
                self._checkpoints_beside = True
        self._checkpointer.settle()  # a log the thread fell behind on restarts with this batch
        # a batch makes and drops ~100k short-lived rows, dicts and models without cycles: the
        # collector would rescan the writer's heap many times over (graph/gcpause.py)
        with gc_paused(), self._tx() as c:
            self._merge_actors(c, [a for b in batches for a in b.actors])
            self._merge_roles(c, [r for b in batches for r in b.roles])
            existing = {
                r[0]
                for r in c.execute(
                    "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))", (_json(ids),)
                )
            }
            claims = sqlite_claims.SqliteClaimBook(c)
            gone = claims.reports_of_articles(sorted(existing))
            removed = self._delete_statements(c, sorted(existing))  # a new article has nothing to delete
            c.executemany(
                "INSERT INTO articles(id, url, outlet, outlet_key, outlet_id, title, language, published_utc, data)"
                " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET url=excluded.url, outlet=excluded.outlet,"
                " outlet_key=excluded.outlet_key, outlet_id=excluded.outlet_id, title=excluded.title,"
                " language=excluded.language, published_utc=excluded.published_utc, data=excluded.data",
                [
                    (a.id, a.url, a.outlet, fold(a.outlet) if a.outlet else None, a.outlet_id, a.title, a.language,
                     _utc(a), a.model_dump_json())
                    for a in (b.article for b in batches)
                ],
            )  # fmt: skip
            statements = [st for b in batches for st in b.statements]
            c.executemany(
                f"INSERT INTO statements({_STATEMENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (st.id, st.article_id, st.speaker_id, st.on_behalf_of_id, st.relation.value, st.cameo, st.plover,
                     st.quad_class, day_key(st.date), st.language or b.article.language, st.via_id, st.confidence,
                     st.content, st.model_dump_json())
                    for b in batches for st in b.statements
                ],
            )  # fmt: skip
            c.execute(
                "INSERT INTO statements_fts(rowid, content) SELECT seq, content FROM statements"
                " WHERE article_id IN (SELECT value FROM json_each(?))",
                (_json(ids),),
            )
            self._index_statements(c, statements)
            self._apply_counts(c, combine(negate(tally(removed)), tally(statements)))
            self._apply_activity(c, activity.combine(activity.activity_deltas(removed, -1),
                                                     activity.activity_deltas(statements)))  # fmt: skip
            claims.written([(b.article, b.statements) for b in batches], gone, self.claim_rules)
        return [i not in existing for i in ids]

    @staticmethod
    def _index_statements(c: sqlite3.Connection, statements: list[Statement]) -> None:
        """``statement_actors`` rows: who speaks (speaker and on-behalf-of) and every target role."""
        rows: list[tuple[str, str, str, str, str, int]] = []
        for st in statements:
            day = day_key(st.date)
            held = held_roles(st)
            relation = st.relation.value
            for actor_id, roles in held.items():
                bits = role_set(roles) | sqlite_claims.voice_bits(st, actor_id)
                rows.extend((st.id, actor_id, role, day, relation, bits) for role in roles)
        c.executemany(
            "INSERT OR IGNORE INTO statement_actors(statement_id, actor_id, role, date, relation, roles)"
            " VALUES (?,?,?,?,?,?)",
            rows,
        )

    @staticmethod
    def _apply_counts(c: sqlite3.Connection, deltas: dict[CountKey, Delta]) -> None:
        if not deltas:
            return
        values = ("reports", "statements", "goldstein_sum", "cooperation", "conflict")
        edges = edge_deltas(deltas)
        add_counts(
            c,
            "network_counts",
            ("speaker_id", "on_behalf_of_id", "target_id", "relation", "month"),
            values,
            [(*k, d.reports, d.statements, d.goldstein_sum, d.cooperation, d.conflict) for k, d in deltas.items()],
        )
        add_counts(
            c,
            "edge_counts",
            ("source_id", "target_id", "relation", "month"),
            values,
            [(*k, d.reports, d.statements, d.goldstein_sum, d.cooperation, d.conflict) for k, d in edges.items()],
        )
        speaks = speaks_deltas(deltas)
        add_counts(
            c,
            "speaks_counts",
            ("speaker_id", "on_behalf_of_id", "relation", "month"),
            ("statements",),
            [(*k, n) for k, n in speaks.items()],
        )
        edge_pairs, speaks_pairs = pair_deltas(edges, speaks)
        add_counts(c, "edge_pairs", ("source_id", "target_id"), ("reports",), [(*k, n) for k, n in edge_pairs.items()])
        add_counts(
            c,
            "speaks_pairs",
            ("speaker_id", "on_behalf_of_id"),
            ("statements",),
            [(*k, n) for k, n in speaks_pairs.items()],
        )

    @staticmethod
    def _apply_activity(c: sqlite3.Connection, deltas: dict[activity.ActivityKey, list[int]]) -> None:
        add_counts(c, "activity_counts", ("actor_id", "level", "bucket", "relation"), activity.VALUES,
                   [(*k, *v) for k, v in deltas.items()])  # fmt: skip

    def _delete_statements(self, c: sqlite3.Connection, article_ids: list[str]) -> list[Statement]:
        """Delete the statements of these articles (by key: FTS rows by rowid); return them."""
        if not article_ids:
            return []
        arts = _json(article_ids)
        rows = c.execute(
            "SELECT seq, content, data FROM statements WHERE article_id IN (SELECT value FROM json_each(?))", (arts,)
        ).fetchall()
        if not rows:
            return []
        c.executemany(
            "INSERT INTO statements_fts(statements_fts, rowid, content) VALUES ('delete', ?, ?)",
            [(r["seq"], r["content"]) for r in rows],
        )
        removed = [Statement.model_validate_json(r["data"]) for r in rows]
        c.execute(
            "DELETE FROM statement_actors WHERE statement_id IN (SELECT value FROM json_each(?))",
            (_json(st.id for st in removed),),
        )
        c.execute("DELETE FROM statements WHERE article_id IN (SELECT value FROM json_each(?))", (arts,))
        return removed

    def delete_article(self, article_id: str) -> bool:
        with self._tx() as c:
            if c.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                return False
            claims = sqlite_claims.SqliteClaimBook(c)
            gone = claims.reports_of_articles([article_id])
            removed = self._delete_statements(c, [article_id])
            self._apply_counts(c, negate(tally(removed)))
            self._apply_activity(c, activity.activity_deltas(removed, -1))
            c.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            c.execute("DELETE FROM article_revisions WHERE article_id = ?", (article_id,))
            refresh(claims, [], gone, self.claim_rules)
            return True

    # -- revisions (GraphStore._revise) ------------------------------------
    def _stored_versions(self, article_ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
        found: dict[str, tuple[str, datetime | None]] = {}
        for i in range(0, len(article_ids), 500):
            chunk = article_ids[i : i + 500]
            rows = self._rows(
                "SELECT id, json_extract(data, '$.content_hash') AS hash,"
                " COALESCE(json_extract(data, '$.modified_at'), json_extract(data, '$.published_at')) AS at"
                f" FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for r in rows:
                found[r["id"]] = (r["hash"], datetime.fromisoformat(r["at"]) if r["at"] else None)
        return found

    def _save_revisions(self, revisions: list[ArticleRevision]) -> None:
        with self._tx() as c:
            c.executemany(
                "INSERT OR IGNORE INTO article_revisions(article_id, content_hash, superseded_at, data)"
                " VALUES (?,?,?,?)",
                [
                    (r.article.id, r.article.content_hash, (r.superseded_at or datetime.now(UTC)).isoformat(),
                     r.model_dump_json())
                    for r in revisions
                ],
            )  # fmt: skip

    def _load_revisions(self, article_id: str) -> list[ArticleRevision]:
        rows = self._rows("SELECT data FROM article_revisions WHERE article_id = ?", (article_id,))
        return [ArticleRevision.model_validate_json(r["data"]) for r in rows]

    # -- reads -----------------------------------------------------------
    def get_actor(self, actor_id: str) -> Actor | None:
        rows = self._rows("SELECT * FROM actors WHERE id = ?", (actor_id,))
        return _actor(rows[0]) if rows else None

    def get_actors(self, actor_ids: list[str]) -> list[Actor]:
        if not actor_ids:
            return []
        rows = self._rows("SELECT * FROM actors WHERE id IN (SELECT value FROM json_each(?))", (_json(actor_ids),))
        found = {row["id"]: _actor(row) for row in rows}
        return [found[i] for i in actor_ids if i in found]

    def find_actors(self, text: str, limit: int = 20) -> list[Actor]:
        key = fold(text)
        if not key:
            return []
        like = "%" + _escape_like(key) + "%"
        prefix = _escape_like(key) + "%"
        rows = self._rows(
            "SELECT a.*, MIN(CASE WHEN k.key = ? THEN 0 WHEN k.key LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END) AS rank"
            " FROM actor_keys k JOIN actors a ON a.id = k.actor_id"
            " WHERE k.key LIKE ? ESCAPE '\\' GROUP BY a.id ORDER BY rank, a.name, a.id LIMIT ?",
            (key, prefix, like, limit),
        )
        return [_actor(r) for r in rows]

    def list_actors(self, kind: str | None = None, limit: int = 100, offset: int = 0) -> list[Actor]:
        if kind:
            rows = self._rows(
                "SELECT * FROM actors WHERE kind = ? ORDER BY name, id LIMIT ? OFFSET ?", (kind, limit, offset)
            )
        else:
            rows = self._rows("SELECT * FROM actors ORDER BY name, id LIMIT ? OFFSET ?", (limit, offset))
        return [_actor(r) for r in rows]

    def roles(self, actor_id: str | None = None) -> list[Role]:
        if actor_id is None:
            rows = self._rows("SELECT * FROM roles ORDER BY person_id, org_id, title, start")
        else:
            rows = self._rows(
                "SELECT * FROM roles WHERE person_id = ? OR org_id = ? ORDER BY person_id, org_id, title, start",
                (actor_id, actor_id),
            )
        return [
            Role(person_id=r["person_id"], org_id=r["org_id"], title=r["title"], start=r["start"], end=r["end"])
            for r in rows
        ]

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT data FROM articles WHERE id = ?", (article_id,))
        return Article.model_validate_json(rows[0]["data"]) if rows else None

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
        rows = self._rows(
            f"SELECT {_SUMMARY} FROM articles a"
            " ORDER BY a.published_utc IS NULL, a.published_utc DESC, a.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_summary(r) for r in rows]

    def article_summaries(self, article_ids: list[str]) -> list[ArticleSummary]:
        if not article_ids:
            return []
        rows = self._rows(
            f"SELECT {_SUMMARY} FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))", (_json(article_ids),)
        )
        found = {r["id"]: _summary(r) for r in rows}
        return [found[i] for i in dict.fromkeys(article_ids) if i in found]

    def get_statement(self, statement_id: str) -> Statement | None:
        rows = self._rows("SELECT data, claim_id FROM statements WHERE id = ?", (statement_id,))
        return sqlite_claims.statement(rows[0]) if rows else None

    def statement_sql(self, query: StatementQuery) -> tuple[str, list[Any]]:
        """The SELECT of one page of ``query`` (columns ``data``, ``k``, ``id``) and its parameters."""
        key, desc = SORTS[query.sort]
        src, where, params = _select(query)
        col = "d.date" if src.startswith("statement_actors") and key == "date" else f"s.{key}"
        idc = "d.statement_id" if col == "d.date" else "s.id"
        after = decode_cursor(query.cursor, query.sort)
        if after is not None:
            k, last_id = after
            where.append(f"({col}, {idc}) {'<' if desc else '>'} (?, ?)")
            params.extend([day_key(k) if k is None or isinstance(k, date) else k, last_id])
        direction = "DESC" if desc else "ASC"
        sql_where = " AND ".join(where) if where else "1"
        sql = (
            f"SELECT s.data AS data, s.claim_id AS claim_id, {col} AS k, s.id AS id FROM {src} WHERE {sql_where}"
            f" ORDER BY {col} {direction}, {idc} {direction} LIMIT ?"
        )
        return sql, [*params, query.limit + 1]

    def list_statements(self, query: StatementQuery) -> StatementPage:
        sql, params = self.statement_sql(query)
        rows = self._rows(sql, params)
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        items = [sqlite_claims.statement(r) for r in rows]
        nxt = None
        if more:
            last = rows[-1]
            key = day_of_key(last["k"]) if SORTS[query.sort][0] == "date" else float(last["k"])
            nxt = encode_cursor(query.sort, key, last["id"])
        total = None
        if query.cursor is None:  # the total is counted once, on the first page
            total = len(items) if not more else self._count(query)
        return StatementPage(items=items, next_cursor=nxt, total=total)

    @staticmethod
    def _count_sql(query: StatementQuery) -> tuple[str, list[Any]]:
        src, where, params = _select(query)
        if src == _DRIVEN and not any(_STATEMENT_COLUMN.search(w) for w in where):
            # every statement_actors row has its statement (deleted together, foreign key):
            # counting the actor's index range alone gives the same total without a lookup per
            # statement (711,678 statements of one speaker at 1M: 168 -> 29 ms)
            src = "statement_actors d"
        sql_where = " AND ".join(where) if where else "1"
        return f"SELECT COUNT(*) FROM {src} WHERE {sql_where}", params

    def _count(self, query: StatementQuery) -> int:
        return int(self._rows(*self._count_sql(query))[0][0])

    def explain_statements(self, query: StatementQuery) -> QueryPlan:
        return _plan([*self.explain(*self.statement_sql(query)), *self.explain(*self._count_sql(query))])

    def explain_actor(self, actor_id: str) -> QueryPlan:
        return _plan([
            *self.explain(_ACTIVITY_ROWS, (actor_id, activity.MONTH, "", UNDATED)),
            *self.explain(_SEEN, (actor_id, "", UNDATED)),
            *self.explain(*_partners_sql(actor_id, 10)),
        ])  # fmt: skip

    def network(self, query: NetworkQuery) -> Network:
        who = query.actor_ids if query.actor_ids is not None else query.speaker_ids
        people = who is not None and self._speak_for_others(who)
        reports = self._rows(*_edge_sql(query, "edge_counts", "network_counts", _REPORT_COLUMNS, people=people))
        speaks = [
            SpeaksFor.model_construct(speaker_id=r[0], on_behalf_of_id=r[1], statements=r[2])
            for r in self._rows(*_speaks_sql(query))
        ]
        claims = self._rows(*_edge_sql(query, "claim_edge_counts", "claim_counts", _CLAIM_COLUMNS, people=people))
        return assemble_rows(reports, claims, speaks)

    def _speak_for_others(self, who: list[str]) -> bool:
        """Whether an actor of ``who`` spoke for an actor outside it (the network then also
        reads the person level: see _edge_sql)."""
        p = _Params()
        sql = (
            f"SELECT EXISTS (SELECT 1 FROM speaks_counts WHERE speaker_id IN {p.many(who)} AND month = {p.one(ALL_TIME)}"
            f" AND on_behalf_of_id NOT IN {p.many(who)})"
        )
        return bool(self._rows(sql, p.values)[0][0])

    def neighbours(self, actor_ids: list[str], query: NetworkQuery, limit: int) -> list[Neighbour]:
        if query.speaker_ids is not None or query.target_ids is not None or query.actor_ids is not None:
            raise QueryError("neighbours() takes relations and months only; actors are its first argument")
        sql, params = _neighbour_sql(actor_ids, query, limit)
        return [Neighbour(actor_id=r[0], weight=r[1]) for r in self._rows(sql, params)]

    def statement_briefs(self, query: StatementQuery, cap: int) -> list[StatementBrief]:
        src, where, params = _select(query)
        sql = (
            "SELECT s.id, s.claim_id, s.speaker_id, CASE WHEN s.speaker_id IS NULL AND s.on_behalf_of_id IS NULL"
            " THEN json_extract(s.data, '$.speaker_mention') ELSE '' END, s.on_behalf_of_id, s.relation, s.date,"
            " s.confidence"
            f" FROM {src} WHERE {' AND '.join(where) if where else '1'} LIMIT ?"
        )
        rows = self._rows(sql, [*params, cap + 1])
        if len(rows) > cap:
            raise too_many_statements(cap)
        fields = ("id", "claim_id", "speaker_id", "speaker_mention", "on_behalf_of_id", "relation", "date",
                  "confidence")  # fmt: skip
        return _BRIEFS.validate_python([dict(zip(fields, (*r[:6], day_of_key(r[6]), r[7]), strict=True)) for r in rows])

    def network_links(self, query: StatementQuery, cap: int) -> NetworkLinks:
        src, where, params = _select(query)
        paths = ", ".join(f"'$.{f}'" for f in (*links.LINK_FIELDS, "claim_id", "conditions", "targets"))
        # one JSON parse per statement in SQLite (a multi-path json_extract is one array), none in Python
        # but for that small array: no model of the whole statement
        sql = (
            f"SELECT s.claim_id, json_extract(s.data, {paths})"
            f" FROM {src} WHERE {' AND '.join(where) if where else '1'} LIMIT ?"
        )
        rows = self._rows(sql, [*params, cap + 1])
        if len(rows) > cap:
            raise too_many_statements(cap)
        n = len(links.LINK_FIELDS)
        values = [json.loads(r[1]) for r in rows]
        statements = links.links(
            (*v[:n], r[0] or v[n], v[n + 1], v[n + 2]) for r, v in zip(rows, values, strict=True)
        )  # the claim id column as sqlite_claims.statement: the stored JSON's when it is unset
        ids = sorted({st.claim_id for st in statements if st.claim_id})
        claim_paths = ", ".join(f"'$.{f}'" for f in links.CLAIM_FIELDS)
        claim_rows: list[list[Any]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            sql = f"SELECT json_extract(data, {claim_paths}) FROM claims WHERE id IN ({','.join('?' * len(chunk))})"
            claim_rows.extend(json.loads(r[0]) for r in self._rows(sql, chunk))
        return NetworkLinks(statements=statements, claims=links.claim_briefs(claim_rows))

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
        if not stance_pieces.served(language, count):
            return super().stance_sources(target_id, latest, cap, date_from, date_to, language, count)
        key = stance_pieces.view_key(target_id, language, count)
        try:
            c = self._reader()
            if date_from is not None or date_to is not None:
                got = sqlite_stances.stance_sources_within(c, key, latest, date_from, date_to)
                if count == "reports":
                    claims = sqlite_stances.stance_sources_within(c, target_id, 0, date_from, date_to)
                    got = stance_pieces.with_claims(got, {s.source: s.claims for s in claims})
                return got
            got = sqlite_stances.stance_sources(c, key, latest)
            if count == "reports":
                got = stance_pieces.with_claims(got, sqlite_stances.claim_counts(c, target_id))
            return got
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite store {self.path}: {exc}") from exc

    def get_statements(self, statement_ids: list[str]) -> list[Statement]:
        ids = list(dict.fromkeys(statement_ids))
        found: dict[str, Statement] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._rows(f"SELECT data, claim_id FROM statements WHERE id IN ({marks})", chunk):
                st = sqlite_claims.statement(r)
                found[st.id] = st
        return [found[i] for i in ids if i in found]

    def actor_activity(
        self, actor_id: str, period: ActivityPeriod = "all", date_from: date | None = None, date_to: date | None = None
    ) -> ActorActivity:
        level = activity.level_of(period, date_from, date_to)
        low, high = activity.bucket_bounds(level, date_from, date_to)
        rows = self._rows(_ACTIVITY_ROWS, (actor_id, level, low, high))
        seen: tuple[date | None, date | None] = (None, None)
        if level != activity.DAY:
            first, last = self._rows(_SEEN, (actor_id, *activity.bucket_bounds(activity.DAY, date_from, date_to)))[0]
            seen = (day_of_key(first) if first else None, day_of_key(last) if last else None)
        return activity.fold(actor_id, period, level, [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows], seen)

    def actor_activity_from_index(
        self, actor_id: str, period: ActivityPeriod = "all", date_from: date | None = None, date_to: date | None = None
    ) -> ActorActivity:
        """:meth:`actor_activity` grouped from the actor's ``statement_actors`` range (the path
        before the activity counts; a reference for tests and benchmarks)."""
        sql, params = _activity_sql(actor_id, date_from, date_to)
        return fold_activity(actor_id, period, map(_activity_row, self._rows(sql, params)))

    def actor_partners(self, actor_id: str, limit: int = 10) -> list[ActorPartner]:
        sql, params = _partners_sql(actor_id, limit)
        return [ActorPartner(actor_id=r[0], statements=r[1]) for r in self._rows(sql, params)]

    def counts(self) -> GraphCounts:
        one = self._rows(
            "SELECT (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM statements),"
            " (SELECT COUNT(*) FROM roles)"
        )[0]
        claims, edges = sqlite_claims.counts(self._reader())
        return GraphCounts(
            actors=one[0], articles=one[1], statements=one[2], roles=one[3], relation_edges=edges, claims=claims
        )

    # -- claims ----------------------------------------------------------
    def list_claims(self, query: ClaimQuery) -> ClaimPage:
        src, where, params = _select(query)
        try:
            return sqlite_claims.list_claims(self._reader(), query, src, where, params)
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite store {self.path}: {exc}") from exc

    def get_claims(self, claim_ids: list[str]) -> list[Claim]:
        return sqlite_claims.get_claims(self._reader(), claim_ids)

    def rebuild_claims(self) -> int:
        with self._tx() as c:
            return sqlite_claims.SqliteClaimBook(c).rebuild(self.claim_rules)


_BRIEFS = TypeAdapter(list[StatementBrief])


def _plan(steps: list[str]) -> QueryPlan:
    # SCAN of a table or of a whole index; json_each lists, subquery results and a FROM-less SELECT are ours
    full = [
        d
        for d in steps
        if d.startswith("SCAN ") and not d.startswith(("SCAN json_each", "SCAN (subquery", "SCAN CONSTANT ROW"))
    ]
    return QueryPlan(steps=steps, full_scans=full)


#: The activity rows of one actor, level and bucket range (one primary-key range).
_ACTIVITY_ROWS = (
    f"SELECT bucket, relation, {', '.join(activity.VALUES)} FROM activity_counts"
    " WHERE actor_id = ? AND level = ? AND bucket BETWEEN ? AND ?"
)
#: The first and last dated day of an actor within a day-bucket range (two primary-key seeks).
_SEEN = (
    f"SELECT (SELECT MIN(bucket) FROM activity_counts WHERE actor_id = ?1 AND level = '{activity.DAY}'"
    f" AND bucket BETWEEN ?2 AND ?3 AND bucket < '{UNDATED}'),"
    f" (SELECT MAX(bucket) FROM activity_counts WHERE actor_id = ?1 AND level = '{activity.DAY}'"
    f" AND bucket BETWEEN ?2 AND ?3 AND bucket < '{UNDATED}')"
)


def _activity_sql(
    actor_id: str, date_from: date | None = None, date_to: date | None = None
) -> tuple[str, tuple[Any, ...]]:
    """(lead role, day key, relation, statements, of which targeted) of the statements involving
    an actor: a walk of its ``statement_actors_range`` (covering, grouped through a sort), one
    row per (statement, actor) pair: the row of its lowest role (see _activity_row).
    A date bound leaves out undated rows (their key sorts after every date)."""
    days = "".join(f" AND date {op} ?" for op, day in ((">=", date_from), ("<=", date_to)) if day is not None) + (
        " AND date <> ?" if date_from is not None and date_to is None else ""
    )
    bounds = [d.isoformat() for d in (date_from, date_to) if d is not None]
    if date_from is not None and date_to is None:
        bounds.append(UNDATED)
    return (
        f"SELECT role, date, relation, COUNT(*), SUM(roles & 2 <> 0) FROM statement_actors"
        f" WHERE actor_id = ? AND role = {_LEAD_ROLE}{days} GROUP BY role, date, relation",
        (actor_id, *bounds),
    )


def _activity_row(r: sqlite3.Row) -> tuple[str, str, int, int, int, int, int]:
    """(day key, relation, statements, given, targeted, received, mentioned) of an _activity_sql
    row: the lead role says how the actor takes part (speaking first, then target …)."""
    role, day, relation, n, targeted = r
    if role == SPEAKS:
        return day, relation, *activity_counts(n, True, targeted)
    return day, relation, *activity_counts(n, False, n if role == TargetRole.target.value else 0)


def _partners_sql(actor_id: str, limit: int) -> tuple[str, tuple[Any, ...]]:
    """The actors most linked to ``actor_id``, from the all-time edge rows where it is the network
    source or the target, plus the person-level rows where it speaks for someone else."""
    return (
        "SELECT p, SUM(n) AS n FROM ("
        " SELECT target_id AS p, reports AS n FROM edge_counts WHERE source_id = ?1 AND month = ?2"
        " UNION ALL SELECT source_id, reports FROM edge_counts WHERE target_id = ?1 AND month = ?2"
        " UNION ALL SELECT target_id, reports FROM network_counts"
        " WHERE speaker_id = ?1 AND on_behalf_of_id NOT IN ('', ?1)"
        ") WHERE p NOT IN ('', ?1) GROUP BY p ORDER BY n DESC, p LIMIT ?3",
        (actor_id, ALL_TIME, limit),
    )


_SUMMARY = (
    "a.id AS id, a.url AS url, a.outlet AS outlet, a.title AS title, a.language AS language,"
    " json_extract(a.data, '$.published_at') AS published_at,"
    " (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS n"
)


def _summary(r: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        id=r["id"], url=r["url"], outlet=r["outlet"], title=r["title"], language=r["language"],
        published_at=r["published_at"], statements=r["n"],
    )  # fmt: skip


def _json(values: Any) -> str:
    return json.dumps(list(values), ensure_ascii=False)


class _Params:
    """Parameters of a query being written, in the order their ``?`` appear."""

    def __init__(self) -> None:
        self.values: list[Any] = []

    def one(self, value: Any) -> str:
        self.values.append(value)
        return "?"

    def many(self, values: list[str]) -> str:
        """A literal ``IN`` list: SQLite seeks an index once per value."""
        self.values.extend(values)
        return "(" + ",".join("?" * len(values)) + ")" if values else "(NULL)"


def _months(q: NetworkQuery, p: _Params, *, all_time: bool) -> str:
    """The month terms: the all-time rows (edge and speaks levels) or the months of a range."""
    if not q.month_from and not q.month_to:
        return f"month = {p.one(ALL_TIME)}" if all_time else "1"
    return f"month >= {p.one(q.month_from or '0000-00')} AND month <= {p.one(q.month_to or '9999-99')}"


def _relations(q: NetworkQuery, p: _Params) -> str:
    return f"relation IN {p.many([r.value for r in q.relations])}" if q.relations is not None else "1"


#: Summed columns of the report counts and of the claim counts (graph.claim_counts).
_REPORT_COLUMNS = ("reports", "statements", "goldstein_sum", "cooperation", "conflict")
_CLAIM_COLUMNS = ("claims", "first", "sources", "goldstein_sum", "cooperation", "conflict")


def _edge_sql(
    q: NetworkQuery, edge_table: str, person_table: str, columns: tuple[str, ...], *, people: bool = True
) -> tuple[str, list[Any]]:
    """Edges of a network query, summed per (source, target, relation) (columns src,
    target_id, relation and ``columns``), from an edge-level table and, for statements an
    actor of the filter made for someone else, from its person-level table.

    ``people=False``: no actor of the filter speaks for an actor outside it (the person
    level would add nothing); without months the all-time rows are then read as they are,
    one per edge already (no grouping of thousands of rows around a hub)."""
    if q.actor_ids is not None and q.speaker_ids is not None:
        raise QueryError("a network query takes actor_ids or speaker_ids, not both")
    who = q.actor_ids if q.actor_ids is not None else q.speaker_ids
    cols = ", ".join(columns)
    p = _Params()
    terms = [_months(q, p, all_time=True), _relations(q, p)]
    if q.actor_ids is not None:
        terms.append(f"(source_id IN {p.many(q.actor_ids)} OR target_id IN {p.many(q.actor_ids)})")
    if q.speaker_ids is not None:
        terms.append(f"source_id IN {p.many(q.speaker_ids)}")
    if q.target_ids is not None:
        terms.append(f"target_id IN {p.many(q.target_ids)}")
    if q.within_ids is not None:
        # both ends in the set: a key seek per (source, target) pair of it
        terms.append(f"source_id IN {p.many(q.within_ids)} AND target_id IN {p.many([*q.within_ids, ''])}")
    parts = [f"SELECT source_id AS src, target_id, relation, {cols} FROM {edge_table} WHERE {' AND '.join(terms)}"]
    if not (who is not None and people) and not q.month_from and not q.month_to:
        return f"{parts[0]} ORDER BY source_id, target_id, relation", p.values
    if who is not None and people:  # an actor of the filter speaking for another actor: person level
        terms = [_speaking_for_others(who, p), _months(q, p, all_time=False), _relations(q, p)]
        if q.actor_ids is not None:
            terms.append(f"target_id NOT IN {p.many(q.actor_ids)}")
        if q.target_ids is not None:
            terms.append(f"target_id IN {p.many(q.target_ids)}")
        if q.within_ids is not None:
            terms.append(f"on_behalf_of_id IN {p.many(q.within_ids)} AND target_id IN {p.many([*q.within_ids, ''])}")
        parts.append(
            f"SELECT on_behalf_of_id, target_id, relation, {cols} FROM {person_table} WHERE {' AND '.join(terms)}"
        )
    sums = ", ".join(f"SUM({c}) AS {c}" for c in columns)
    sql = (
        f"SELECT src, target_id, relation, {sums} FROM ({' UNION ALL '.join(parts)})"
        " GROUP BY src, target_id, relation ORDER BY src, target_id, relation"
    )
    return sql, p.values


def _speaks_sql(q: NetworkQuery) -> tuple[str, list[Any]]:
    """speaks_for pairs of a network query: the speaks level, or the person level when
    targets are filtered."""
    who = q.actor_ids if q.actor_ids is not None else q.speaker_ids
    p = _Params()
    table = "speaks_counts" if q.target_ids is None else "network_counts"
    terms = [
        _months(q, p, all_time=q.target_ids is None),
        _relations(q, p),
        "speaker_id <> ''",
        "on_behalf_of_id <> ''",
    ]
    if who is not None:
        terms.append(f"(speaker_id IN {p.many(who)} OR on_behalf_of_id IN {p.many(who)})")
    if q.target_ids is not None:
        terms.append(f"target_id IN {p.many(q.target_ids)}")
    if q.within_ids is not None:
        terms.append(f"speaker_id IN {p.many(q.within_ids)} AND on_behalf_of_id IN {p.many(q.within_ids)}")
    sql = (
        f"SELECT speaker_id, on_behalf_of_id, SUM(statements) FROM {table} WHERE {' AND '.join(terms)}"
        " GROUP BY speaker_id, on_behalf_of_id HAVING SUM(statements) > 0 ORDER BY speaker_id, on_behalf_of_id"
    )
    return sql, p.values


def _speaking_for_others(who: list[str], p: _Params) -> str:
    """Person-level rows where an actor of ``who`` speaks for an actor outside it: the
    (speaker, represented) pairs come from the all-time speaks level, each then a key
    prefix seek (a claim's pair is one of its reports' pairs, so it is there too)."""
    return (
        "(speaker_id, on_behalf_of_id) IN (SELECT speaker_id, on_behalf_of_id FROM speaks_counts"
        f" WHERE speaker_id IN {p.many(who)} AND month = {p.one(ALL_TIME)} AND on_behalf_of_id NOT IN {p.many(who)}"
        " GROUP BY speaker_id, on_behalf_of_id)"
    )


def _all_time_any_relation(q: NetworkQuery) -> bool:
    """No month and no relation filter: the pair levels answer it."""
    return q.relations is None and not q.month_from and not q.month_to


def _neighbour_sql(actor_ids: list[str], q: NetworkQuery, limit: int) -> tuple[str, list[Any]]:
    """The actors next to ``actor_ids``, heaviest first (see GraphStore.neighbours)."""
    p = _Params()
    a = actor_ids
    if _all_time_any_relation(q):  # the pair levels: one row per pair, not per relation
        parts = [
            f"SELECT target_id AS other, reports AS w FROM edge_pairs WHERE source_id IN {p.many(a)}"
            f" AND target_id NOT IN {p.many(a)}",
            f"SELECT source_id, reports FROM edge_pairs WHERE target_id IN {p.many(a)} AND source_id NOT IN {p.many(a)}",
        ]
    else:
        parts = [
            f"SELECT target_id AS other, reports AS w FROM edge_counts WHERE {_months(q, p, all_time=True)}"
            f" AND {_relations(q, p)} AND source_id IN {p.many(a)} AND target_id <> ''"
            f" AND target_id NOT IN {p.many(a)}",
            f"SELECT source_id, reports FROM edge_counts WHERE {_months(q, p, all_time=True)} AND {_relations(q, p)}"
            f" AND target_id IN {p.many(a)} AND source_id <> '' AND source_id NOT IN {p.many(a)}",
        ]
    for col in ("on_behalf_of_id", "target_id"):
        parts.append(
            f"SELECT {col}, reports FROM network_counts WHERE {_speaking_for_others(a, p)}"
            f" AND {_months(q, p, all_time=False)} AND {_relations(q, p)} AND target_id NOT IN {p.many(a)}"
            + (" AND target_id <> ''" if col == "target_id" else "")
        )
    if _all_time_any_relation(q):
        parts += [
            f"SELECT on_behalf_of_id, statements FROM speaks_pairs WHERE speaker_id IN {p.many(a)}"
            f" AND on_behalf_of_id NOT IN {p.many(a)}",
            f"SELECT speaker_id, statements FROM speaks_pairs WHERE on_behalf_of_id IN {p.many(a)}"
            f" AND speaker_id NOT IN {p.many(a)}",
        ]
    else:
        parts += [
            f"SELECT on_behalf_of_id, statements FROM speaks_counts WHERE {_months(q, p, all_time=True)}"
            f" AND {_relations(q, p)} AND speaker_id IN {p.many(a)} AND on_behalf_of_id NOT IN {p.many(a)}",
            f"SELECT speaker_id, statements FROM speaks_counts WHERE {_months(q, p, all_time=True)}"
            f" AND {_relations(q, p)} AND on_behalf_of_id IN {p.many(a)} AND speaker_id NOT IN {p.many(a)}",
        ]
    sql = (
        f"SELECT other, SUM(w) AS weight FROM ({' UNION ALL '.join(parts)})"
        f" GROUP BY other ORDER BY weight DESC, other LIMIT {p.one(limit)}"
    )
    return sql, p.values


#: The FROM clause of a statement query driven by one actor's ``statement_actors`` range.
_DRIVEN = "statement_actors d JOIN statements s ON s.id = d.statement_id"
#: A WHERE term that reads a column of the statement itself (``s.relation``, ``s.id IN …``).
_STATEMENT_COLUMN = re.compile(r"\bs\.")


def _select(q: StatementQuery) -> tuple[str, list[str], list[Any]]:
    """(FROM clause, WHERE terms, parameters) of a statement query.

    A single speaker or target drives the query from its ``statement_actors`` index
    (actor, role, date, id): rows come out in date order and a page stops after ``limit``.
    """
    where: list[str] = []
    params: list[Any] = []
    src = "statements s"
    driving: tuple[str, str] | None = None
    if q.speaker_ids is not None and len(q.speaker_ids) == 1:
        driving = (q.speaker_ids[0], SPEAKS)
    elif q.target_ids is not None and len(q.target_ids) == 1:
        driving = (q.target_ids[0], TargetRole.target.value)
    if driving is not None:
        src = _DRIVEN
        where.extend(["d.actor_id = ?", "d.role = ?"])
        params.extend(driving)
    date_col = "d.date" if driving is not None else "s.date"

    def any_of(values: list[str]) -> str:
        params.append(_json(values))
        return "(SELECT value FROM json_each(?))"

    def member(column: str, values: list[str]) -> str:
        if len(values) == 1:  # an equality keeps the (column, date, id) index order: no sort
            params.append(values[0])
            return f"{column} = ?"
        return f"{column} IN {any_of(values)}"

    if q.speaker_ids is not None and (driving is None or driving[1] != SPEAKS):
        params.append(SPEAKS)
        where.append(
            f"s.id IN (SELECT statement_id FROM statement_actors WHERE role = ? AND actor_id IN {any_of(q.speaker_ids)})"
        )
    if q.target_ids is not None and (driving is None or driving[1] != TargetRole.target.value):
        params.append(TargetRole.target.value)
        where.append(
            f"s.id IN (SELECT statement_id FROM statement_actors WHERE role = ? AND actor_id IN {any_of(q.target_ids)})"
        )
    if q.about_ids is not None:
        params.append(SPEAKS)
        where.append(
            f"s.id IN (SELECT statement_id FROM statement_actors WHERE role <> ? AND actor_id IN {any_of(q.about_ids)})"
        )
    if q.relations is not None:
        where.append(member("s.relation", [r.value for r in q.relations]))
        if driving is not None:  # the driving row holds the relation too: no statement read for the others
            where.append(member("d.relation", [r.value for r in q.relations]))
    if q.cameo:
        where.append("s.cameo LIKE ? ESCAPE '\\'")
        params.append(_escape_like(q.cameo) + "%")
    if q.plover:
        where.append("s.plover = ?")
        params.append(q.plover.upper())
    if q.quad_class is not None:
        where.append("s.quad_class = ?")
        params.append(q.quad_class)
    if q.language:
        where.append("s.language = ?")
        params.append(q.language)
    if q.outlet:
        where.append("s.article_id IN (SELECT id FROM articles WHERE outlet_id = ? OR outlet_key = ?)")
        params.extend([q.outlet, fold(q.outlet)])
    if q.via_ids is not None:
        where.append(member("s.via_id", q.via_ids))
    if q.article_id:
        where.append("s.article_id = ?")
        params.append(q.article_id)
    if q.claim_id:
        where.append("s.claim_id = ?")
        params.append(q.claim_id)
    if q.date_from:
        where.append(f"{date_col} >= ? AND {date_col} <> ?")  # undated statements match no date range
        params.extend([q.date_from.isoformat(), UNDATED])
    if q.date_to:
        where.append(f"{date_col} <= ?")
        params.append(q.date_to.isoformat())
    if q.min_confidence:
        where.append("s.confidence >= ?")
        params.append(q.min_confidence)
    if q.q:
        match = fts_query(q.q)
        if match:
            # driven by an actor's rows, the matches are one list probed per row (``+``: not an index
            # constraint — as one, SQLite walked the whole list for every driving row: minutes on a
            # word most statements hold at 1M)
            seq = "+s.seq" if driving is not None else "s.seq"
            where.append(f"{seq} IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)")
            params.append(match)
    return src, where, params


def _actor(row: sqlite3.Row) -> Actor:
    return Actor(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        qid=row["qid"],
        country=row["country"],
        aliases=json.loads(row["aliases"]),
    )


def _utc(art: Article) -> str | None:
    from datetime import UTC

    return art.published_at.astimezone(UTC).isoformat() if art.published_at else None
