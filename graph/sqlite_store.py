"""Embedded store: SQLite in WAL mode, durable and transactional.

The default store when no Neo4j server is configured. Every statement is kept whole as
JSON (so it round-trips exactly) next to the columns that queries filter on; the
actors a statement touches are indexed in ``statement_actors``; content is indexed for
full-text search with FTS5 (diacritics folded).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from graph.errors import StoreError
from graph.model import (
    Actor,
    Article,
    ArticleSummary,
    GraphCounts,
    IngestBatch,
    IngestResult,
    Role,
    Statement,
    StatementPage,
    StatementQuery,
    TargetRole,
    fold,
)
from graph.store import (
    Capability,
    GraphStore,
    decode_cursor,
    encode_cursor,
    merge_actor,
    merge_actors,
    validate_batch,
)

SCHEMA_VERSION = 1

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
CREATE TABLE IF NOT EXISTS statements (
    id TEXT PRIMARY KEY,
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
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id);
CREATE INDEX IF NOT EXISTS statements_behalf ON statements(on_behalf_of_id);
CREATE INDEX IF NOT EXISTS statements_date ON statements(date);
CREATE INDEX IF NOT EXISTS statements_relation ON statements(relation);
CREATE TABLE IF NOT EXISTS statement_actors (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    role TEXT NOT NULL,
    PRIMARY KEY (statement_id, actor_id, role)
);
CREATE INDEX IF NOT EXISTS statement_actors_actor ON statement_actors(actor_id, role);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
    content, statement_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
"""


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


class SqliteStore(GraphStore):
    """A GraphStore in one SQLite file (WAL mode)."""

    kind = "sqlite"
    capabilities = frozenset({Capability.fulltext})

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None, timeout=30)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open SQLite store at {self.path}: {exc}") from exc
        self._lock = threading.RLock()
        self._conn.row_factory = sqlite3.Row
        self._conn.create_function("fold", 1, lambda s: fold(s) if s else s, deterministic=True)
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA synchronous=NORMAL")

    # -- plumbing --------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException as exc:
                self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"SQLite store {self.path}: {exc}") from exc
                raise

    def _rows(self, sql: str, params: tuple[Any, ...] | list[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"SQLite store {self.path}: {exc}") from exc

    # -- lifecycle -------------------------------------------------------
    def ensure_schema(self) -> None:
        with self._tx() as c:
            for stmt in _SCHEMA.split(";"):
                if stmt.strip():
                    c.execute(stmt)
            c.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def ping(self) -> bool:
        try:
            return bool(self._rows("SELECT 1")[0][0] == 1)
        except StoreError:
            return False

    # -- writes ----------------------------------------------------------
    def _merge_actors(self, c: sqlite3.Connection, actors: list[Actor]) -> None:
        for actor in merge_actors(actors).values():
            row = c.execute("SELECT * FROM actors WHERE id = ?", (actor.id,)).fetchone()
            if row is not None:
                stored = _actor(row)
                actor = merge_actor(stored, actor)
                if actor == stored:
                    continue  # nothing new: leave the row and its search keys alone
            c.execute(
                "INSERT INTO actors(id, name, kind, qid, country, aliases) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind, qid=excluded.qid, "
                "country=excluded.country, aliases=excluded.aliases",
                (
                    actor.id,
                    actor.name,
                    actor.kind.value,
                    actor.qid,
                    actor.country,
                    json.dumps(actor.aliases, ensure_ascii=False),
                ),
            )
            c.execute("DELETE FROM actor_keys WHERE actor_id = ?", (actor.id,))
            c.executemany(
                "INSERT OR IGNORE INTO actor_keys(actor_id, key) VALUES (?, ?)",
                [(actor.id, k) for k in actor.search_keys()],
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

    def ingest(self, batch: IngestBatch) -> IngestResult:
        validate_batch(batch)
        art = batch.article
        with self._tx() as c:
            self._merge_actors(c, batch.actors)
            self._merge_roles(c, batch.roles)
            created = c.execute("SELECT 1 FROM articles WHERE id = ?", (art.id,)).fetchone() is None
            c.execute(
                "INSERT INTO articles(id, url, outlet, outlet_key, outlet_id, title, language, published_utc, data)"
                " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET url=excluded.url, outlet=excluded.outlet,"
                " outlet_key=excluded.outlet_key, outlet_id=excluded.outlet_id, title=excluded.title,"
                " language=excluded.language, published_utc=excluded.published_utc, data=excluded.data",
                (
                    art.id,
                    art.url,
                    art.outlet,
                    fold(art.outlet) if art.outlet else None,
                    art.outlet_id,
                    art.title,
                    art.language,
                    _utc(art),
                    art.model_dump_json(),
                ),
            )
            self._delete_statements(c, art.id)
            for st in batch.statements:
                if st.article_id != art.id:
                    raise StoreError(f"statement {st.id} belongs to {st.article_id}, not {art.id}")
                c.execute(
                    "INSERT INTO statements(id, article_id, speaker_id, on_behalf_of_id, relation, cameo, plover,"
                    " quad_class, date, language, via_id, confidence, content, data)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        st.id,
                        st.article_id,
                        st.speaker_id,
                        st.on_behalf_of_id,
                        st.relation.value,
                        st.cameo,
                        st.plover,
                        st.quad_class,
                        st.date.isoformat(),
                        st.language or art.language,
                        st.via_id,
                        st.confidence,
                        st.content,
                        st.model_dump_json(),
                    ),
                )
                c.executemany(
                    "INSERT OR IGNORE INTO statement_actors(statement_id, actor_id, role) VALUES (?,?,?)",
                    [(st.id, t.actor_id, t.role.value) for t in st.targets],
                )
                c.execute("INSERT INTO statements_fts(content, statement_id) VALUES (?, ?)", (st.content, st.id))
        return IngestResult(
            article_id=art.id,
            source=art.source,
            statements=len(batch.statements),
            created=created,
            warnings=batch.warnings,
        )

    def _delete_statements(self, c: sqlite3.Connection, article_id: str) -> None:
        c.execute(
            "DELETE FROM statements_fts WHERE statement_id IN (SELECT id FROM statements WHERE article_id = ?)",
            (article_id,),
        )
        c.execute(
            "DELETE FROM statement_actors WHERE statement_id IN (SELECT id FROM statements WHERE article_id = ?)",
            (article_id,),
        )
        c.execute("DELETE FROM statements WHERE article_id = ?", (article_id,))

    def delete_article(self, article_id: str) -> bool:
        with self._tx() as c:
            if c.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
                return False
            self._delete_statements(c, article_id)
            c.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            return True

    # -- reads -----------------------------------------------------------
    def get_actor(self, actor_id: str) -> Actor | None:
        rows = self._rows("SELECT * FROM actors WHERE id = ?", (actor_id,))
        return _actor(rows[0]) if rows else None

    def get_actors(self, actor_ids: list[str]) -> list[Actor]:
        found: dict[str, Actor] = {}
        for i in range(0, len(actor_ids), 500):
            chunk = actor_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"SELECT * FROM actors WHERE id IN ({marks})", chunk):
                found[row["id"]] = _actor(row)
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
            "SELECT a.data, (SELECT COUNT(*) FROM statements s WHERE s.article_id = a.id) AS n FROM articles a"
            " ORDER BY a.published_utc IS NULL, a.published_utc DESC, a.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        out = []
        for r in rows:
            art = Article.model_validate_json(r["data"])
            out.append(
                ArticleSummary(
                    id=art.id,
                    url=art.url,
                    outlet=art.outlet,
                    title=art.title,
                    language=art.language,
                    published_at=art.published_at,
                    statements=r["n"],
                )
            )
        return out

    def get_statement(self, statement_id: str) -> Statement | None:
        rows = self._rows("SELECT data FROM statements WHERE id = ?", (statement_id,))
        return Statement.model_validate_json(rows[0]["data"]) if rows else None

    def list_statements(self, query: StatementQuery) -> StatementPage:
        where, params = _where(query)
        order = {
            "date": "s.date ASC, s.id ASC",
            "-date": "s.date DESC, s.id ASC",
            "confidence": "s.confidence ASC, s.id ASC",
            "-confidence": "s.confidence DESC, s.id ASC",
        }[query.sort]
        offset = decode_cursor(query.cursor)
        sql_where = " AND ".join(where) if where else "1"
        total = self._rows(f"SELECT COUNT(*) FROM statements s WHERE {sql_where}", params)[0][0]
        rows = self._rows(
            f"SELECT s.data FROM statements s WHERE {sql_where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, query.limit, offset],
        )
        items = [Statement.model_validate_json(r["data"]) for r in rows]
        nxt = encode_cursor(offset + len(items)) if offset + len(items) < total else None
        return StatementPage(items=items, next_cursor=nxt, total=total)

    def counts(self) -> GraphCounts:
        one = self._rows(
            "SELECT (SELECT COUNT(*) FROM actors), (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM statements),"
            " (SELECT COUNT(*) FROM roles),"
            " (SELECT COUNT(*) FROM statement_actors sa JOIN statements s ON s.id = sa.statement_id"
            "  WHERE sa.role = 'target' AND COALESCE(s.on_behalf_of_id, s.speaker_id) IS NOT NULL)"
        )[0]
        return GraphCounts(actors=one[0], articles=one[1], statements=one[2], roles=one[3], relation_edges=one[4])


def _where(q: StatementQuery) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []

    def marks(values: list[str]) -> str:
        params.extend(values)
        return ",".join("?" * len(values))

    if q.speaker_ids is not None:
        m = marks(q.speaker_ids)
        m2 = marks(q.speaker_ids)
        where.append(f"(s.speaker_id IN ({m}) OR s.on_behalf_of_id IN ({m2}))")
    if q.target_ids is not None:
        params.append(TargetRole.target.value)
        m = marks(q.target_ids)
        where.append(f"s.id IN (SELECT statement_id FROM statement_actors WHERE role = ? AND actor_id IN ({m}))")
    if q.about_ids is not None:
        m = marks(q.about_ids)
        where.append(f"s.id IN (SELECT statement_id FROM statement_actors WHERE actor_id IN ({m}))")
    if q.relations is not None:
        m = marks([r.value for r in q.relations])
        where.append(f"s.relation IN ({m})")
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
        m = marks(q.via_ids)
        where.append(f"s.via_id IN ({m})")
    if q.article_id:
        where.append("s.article_id = ?")
        params.append(q.article_id)
    if q.date_from:
        where.append("s.date >= ?")
        params.append(q.date_from.isoformat())
    if q.date_to:
        where.append("s.date <= ?")
        params.append(q.date_to.isoformat())
    if q.min_confidence:
        where.append("s.confidence >= ?")
        params.append(q.min_confidence)
    if q.q:
        match = fts_query(q.q)
        if match:
            where.append("s.id IN (SELECT statement_id FROM statements_fts WHERE statements_fts MATCH ?)")
            params.append(match)
    return where, params


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
