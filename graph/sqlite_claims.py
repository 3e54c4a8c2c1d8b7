"""Claims in the SQLite store: tables, the :class:`graph.claims.ClaimBook` of one transaction, reads.

Tables: ``claims`` (one row per claim: the columns queries sort and filter on, plus the
whole claim as JSON), ``claim_actors`` (the claim's speaker, represented actor and
targets, one row per actor and role — the typed actor→actor edges of the graph are the
rows with role ``target``), and two columns on ``statements``: ``claim_id`` and
``report_position`` (headline, lead, caption or body).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from graph import claim_counts, sqlite_stances
from graph.aggregates import CountKey
from graph.claims import ClaimRules, Near, Report, group, refresh, reports_of, source_key
from graph.model import Article, Claim, ClaimPage, ClaimQuery, Statement
from graph.sqlite_counts import add_counts, rounded
from graph.store import SORTS, day_key, day_of_key, decode_cursor, encode_cursor

log = logging.getLogger("diplograph.sqlite")

ACTORS = """CREATE TABLE IF NOT EXISTS claim_actors (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (claim_id, actor_id, role)
) WITHOUT ROWID"""

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    speaker_id TEXT,
    on_behalf_of_id TEXT,
    relation TEXT NOT NULL,
    date TEXT NOT NULL,
    date_to TEXT NOT NULL,
    num_reports INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    confidence REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_date ON claims(date, id);
CREATE INDEX IF NOT EXISTS claims_confidence ON claims(confidence, id);
CREATE INDEX IF NOT EXISTS claims_sources ON claims(num_sources);
{ACTORS};
CREATE TABLE IF NOT EXISTS claim_counts (
    speaker_id TEXT NOT NULL,
    on_behalf_of_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    month TEXT NOT NULL,
    claims INTEGER NOT NULL,
    first INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    cooperation INTEGER NOT NULL,
    conflict INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, on_behalf_of_id, target_id, relation, month)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_counts_behalf ON claim_counts(on_behalf_of_id, month);
CREATE INDEX IF NOT EXISTS claim_counts_target ON claim_counts(target_id, month);
CREATE INDEX IF NOT EXISTS claim_counts_month ON claim_counts(month);
CREATE TABLE IF NOT EXISTS claim_edge_counts (
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    relation TEXT NOT NULL,
    month TEXT NOT NULL,
    claims INTEGER NOT NULL,
    first INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    goldstein_sum REAL NOT NULL,
    cooperation INTEGER NOT NULL,
    conflict INTEGER NOT NULL,
    PRIMARY KEY (source_id, month, target_id, relation)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_edge_counts_target ON claim_edge_counts(target_id, month);
CREATE INDEX IF NOT EXISTS claim_edge_counts_month ON claim_edge_counts(month)
"""

#: Fill the edge level of claim counts kept before it existed.
BACKFILL = (
    "INSERT INTO claim_edge_counts SELECT CASE WHEN on_behalf_of_id <> '' THEN on_behalf_of_id ELSE speaker_id END"
    " AS src, target_id, relation, m, SUM(claims), SUM(first), SUM(reports), SUM(sources),"
    f" {rounded('goldstein_sum', 'SUM(goldstein_sum)')},"
    " SUM(cooperation), SUM(conflict)"
    " FROM (SELECT *, month AS m FROM claim_counts UNION ALL SELECT *, '*' AS m FROM claim_counts)"
    " GROUP BY src, target_id, relation, m"
)

#: Columns the claims add to ``statements`` (added by :func:`ensure_schema` when missing).
STATEMENT_COLUMNS = {
    "claim_id": "TEXT",
    "report_position": "TEXT NOT NULL DEFAULT 'body'",
    "claim_anchor": "TEXT",
}

_REPORT_SELECT = (
    "SELECT s.id, s.data, s.claim_id, s.report_position, s.claim_anchor, s.language, a.id AS article_id, a.outlet_id, a.outlet, a.url,"
    " a.published_utc FROM statements s JOIN articles a ON a.id = s.article_id"
)


def ensure_schema(c: sqlite3.Connection) -> bool:
    """Create the claim tables and statement columns; True when the columns were just added
    to a store that already has statements (its claims must be rebuilt)."""
    _relayout_actors(c)
    for stmt in SCHEMA.split(";"):
        if stmt.strip():
            c.execute(stmt)
    have = {row[1] for row in c.execute("PRAGMA table_info(statements)")}
    added = False
    for name, decl in STATEMENT_COLUMNS.items():
        if name not in have:
            c.execute(f"ALTER TABLE statements ADD COLUMN {name} {decl}")
            added = True
    c.execute("CREATE INDEX IF NOT EXISTS statements_claim ON statements(claim_id)")
    if added:
        return c.execute("SELECT 1 FROM statements LIMIT 1").fetchone() is not None
    # claims written before the claim counts existed
    counted = c.execute("SELECT 1 FROM claim_counts LIMIT 1").fetchone() is not None
    if counted and c.execute("SELECT 1 FROM claim_edge_counts LIMIT 1").fetchone() is None:
        c.execute(BACKFILL)  # claim counts kept before their edge level existed
    return not counted and c.execute("SELECT 1 FROM claims LIMIT 1").fetchone() is not None


def _relayout_actors(c: sqlite3.Connection) -> None:
    """Rewrite a ``claim_actors`` table of an earlier version — a rowid table beside its key's
    index, and ``claim_actors_actor`` (actor, role), which no read seeks — as the one B-tree of
    its key (``WITHOUT ROWID``): each claim written changed pages of all three
    (bench/README.md, "Eleventh session (writer5)"). The rows are the same."""
    c.execute("DROP INDEX IF EXISTS claim_actors_actor")
    row = c.execute("SELECT wr FROM pragma_table_list('claim_actors')").fetchone()
    if row is None or row[0]:
        return
    log.warning("rewriting claim_actors in the new layout (once per store; minutes for a store of millions of claims)")
    c.execute("ALTER TABLE claim_actors RENAME TO claim_actors_before")
    c.execute(ACTORS)
    c.execute("INSERT INTO claim_actors SELECT claim_id, actor_id, role FROM claim_actors_before ORDER BY 1, 2, 3")
    c.execute("DROP TABLE claim_actors_before")


def statement(row: sqlite3.Row) -> Statement:
    """A statement row (``data``, ``claim_id``) as a Statement with its claim id."""
    st = Statement.model_validate_json(row["data"])
    return st.model_copy(update={"claim_id": row["claim_id"]}) if row["claim_id"] else st


def _report(row: sqlite3.Row) -> Report:
    published = row["published_utc"]
    return Report(
        statement=statement(row),
        outlet_key=source_key(row["article_id"], row["outlet_id"], row["outlet"], row["url"]),
        outlet=row["outlet"],
        url=row["url"],
        published_at=datetime.fromisoformat(published) if published else None,
        language=row["language"],
        position=row["report_position"],
        anchor=date.fromisoformat(row["claim_anchor"]) if row["claim_anchor"] else None,
    )


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


#: Bits of ``statement_actors.roles`` beside graph.store.ROLE_BITS, on the rows of an actor that
#: speaks in the statement: it is the speaker (``speaker_id``), the represented actor
#: (``on_behalf_of_id``, else ``speaker_id``), the represented actor of a generic speaker (none, or
#: the represented actor itself) — the three voice conditions of :meth:`graph.claims.Near.matches`,
#: so the neighbour seek (:func:`near_sql`) drops the statements of another voice in the index
#: instead of reading each. Rows written before them carry none (``roles & VOICE = 0``) and pass.
SPEAKER_BIT, REP_BIT, GENERIC_REP_BIT = 16, 32, 64
VOICE = SPEAKER_BIT | REP_BIT | GENERIC_REP_BIT


def voice_bits(st: Statement, actor_id: str) -> int:
    """The voice bits of ``actor_id`` in ``st`` (0 when it does not speak there).

    >>> from graph.analytics import demo_data
    >>> st = demo_data().statements[0]  # p for a
    >>> voice_bits(st, "p"), voice_bits(st, "a"), voice_bits(st.model_copy(update={"speaker_id": None}), "a")
    (16, 32, 96)
    """
    rep = st.on_behalf_of_id or st.speaker_id
    bits = SPEAKER_BIT if actor_id == st.speaker_id else 0
    if actor_id == rep:
        bits |= REP_BIT
        if not st.speaker_id or st.speaker_id == st.on_behalf_of_id:
            bits |= GENERIC_REP_BIT
    return bits


def near_sql(near: Near) -> tuple[str, list[Any]]:
    """The query of :meth:`SqliteClaimBook.reports_near`: the speaking actors' ``statement_actors``
    rows (actor, role, date, relation and the voice bits of ``roles``: one covering index range,
    only the rows of a matching voice kept) seek the statements by id; the voice conditions
    are asked of the statement again (rows written before the voice bits pass the index); on
    ``statements`` the relation is only a filter (``+``: on the relation index SQLite would walk
    every statement of the relation, which grows with the store). With targets, a statement
    naming targets must name one of them: the query reads what a report may link with, not
    the whole week of its voice."""
    actors = sorted(near.actor_ids)
    speakers, reps, open_reps = sorted(near.speakers), sorted(near.reps), sorted(near.open_reps)
    relations = sorted(r.value for r in near.relations)
    sql = (
        f"{_REPORT_SELECT} WHERE s.id IN (SELECT statement_id FROM statement_actors WHERE role = 'speaks'"
        f" AND actor_id IN ({_marks(actors)}) AND date BETWEEN ? AND ? AND relation IN ({_marks(relations)})"
        f" AND (roles & {VOICE} = 0 OR (roles & {SPEAKER_BIT} AND actor_id IN ({_marks(speakers)}))"
        f" OR (roles & {REP_BIT} AND actor_id IN ({_marks(open_reps)}))"
        f" OR (roles & {GENERIC_REP_BIT} AND actor_id IN ({_marks(reps)}))))"
        f" AND +s.relation IN ({_marks(relations)})"
        f" AND (s.speaker_id IN ({_marks(speakers)})"
        f" OR COALESCE(s.on_behalf_of_id, s.speaker_id) IN ({_marks(open_reps)})"
        f" OR (COALESCE(s.on_behalf_of_id, s.speaker_id) IN ({_marks(reps)})"
        "  AND (s.speaker_id IS NULL OR s.speaker_id = s.on_behalf_of_id)))"
    )
    day = near.first_day.isoformat(), near.last_day.isoformat()
    voices = [*speakers, *open_reps, *reps]
    params = [*actors, *day, *relations, *voices, *relations, *voices]
    if near.anchor_days is not None:
        # a statement dated in the window after the bucket but anchored in the next one is no neighbour
        sql += " AND (s.claim_anchor IS NULL OR s.claim_anchor BETWEEN ? AND ?)"
        params += [d.isoformat() for d in near.anchor_days]
    if near.targets is not None:
        # naming no target at all, or one of the targets (their own covering index range)
        untargeted = "NOT EXISTS (SELECT 1 FROM statement_actors n WHERE n.statement_id = s.id AND n.role = 'target')"
        targets = sorted(near.targets)
        if not targets:
            return f"{sql} AND {untargeted}", params
        sql += (
            f" AND (s.id IN (SELECT statement_id FROM statement_actors WHERE role = 'target'"
            f" AND actor_id IN ({_marks(targets)}) AND date BETWEEN ? AND ? AND relation IN ({_marks(relations)}))"
            f" OR {untargeted})"
        )
        params += [*targets, *day, *relations]
    return sql, params


class SqliteClaimBook:
    """The claims of one SQLite transaction (a :class:`graph.claims.ClaimBook`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.c = conn
        #: While :meth:`written` refreshes: the articles it just wrote (their reports are the
        #: refresh's seeds, which :func:`graph.claims.neighbourhood` drops when read back) and
        #: the reports read so far by statement id (nothing is written until the refresh ends,
        #: so a row read again is parsed once).
        self.fresh_articles: frozenset[str] = frozenset()
        self.held: dict[str, Report] | None = None
        #: While :meth:`written` refreshes: the ids of the reports it just wrote (their claims'
        #: stance pieces are recomputed even when the claim regroups unchanged).
        self.fresh_ids: frozenset[str] = frozenset()

    def _reports(self, rows: Iterable[sqlite3.Row]) -> list[Report]:
        if self.held is None:
            return [_report(r) for r in rows]
        out: list[Report] = []
        for row in rows:
            if row["article_id"] in self.fresh_articles:
                continue
            found = self.held.get(row["id"])
            if found is None:
                found = self.held[row["id"]] = _report(row)
            out.append(found)
        return out

    def reports_near(self, near: Near) -> list[Report]:
        """Seeks the speaking actors' ``statement_actors`` rows (actor, role, date), then the
        voice and relation conditions of :meth:`graph.claims.Near.matches`."""
        if near.article_ids:
            return self.reports_of_articles(sorted(near.article_ids - self.fresh_articles))
        if not near.actor_ids:
            return []
        return self._reports(self.c.execute(*near_sql(near)).fetchall())

    def reports_of_claims(self, claim_ids: set[str]) -> list[Report]:
        ids = sorted(claim_ids)
        out: list[Report] = []
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            rows = self.c.execute(f"{_REPORT_SELECT} WHERE s.claim_id IN ({_marks(chunk)})", chunk).fetchall()
            out.extend(self._reports(rows))
        return out

    def reports_of_articles(self, article_ids: Sequence[str]) -> list[Report]:
        out: list[Report] = []
        for i in range(0, len(article_ids), 400):
            chunk = list(article_ids[i : i + 400])
            rows = self.c.execute(f"{_REPORT_SELECT} WHERE s.article_id IN ({_marks(chunk)})", chunk).fetchall()
            out.extend(self._reports(rows))
        return out

    def place(self, reports: Iterable[Report]) -> None:
        """Record where each new report stands in its article, and its anchor day."""
        self.c.executemany(
            "UPDATE statements SET report_position = ?, claim_anchor = ? WHERE id = ?",
            [(r.position, r.day.isoformat() if r.day else None, r.id) for r in reports],
        )

    def replace_claims(self, drop: set[str], claims: list[Claim]) -> None:
        """A claim regrouped exactly as it is stored stays as it is (most of a neighbourhood:
        a refresh regroups whole buckets of a voice to change a few claims); only its
        re-ingested reports are pointed at it again."""
        stored: dict[str, str] = {}
        dropped = sorted(drop)
        for i in range(0, len(dropped), 400):
            chunk = dropped[i : i + 400]
            stored.update(self.c.execute(f"SELECT id, data FROM claims WHERE id IN ({_marks(chunk)})", chunk))
        data = {cl.id: cl.model_dump_json() for cl in claims}
        same = {cl.id for cl in claims if stored.get(cl.id) == data[cl.id]}
        gone = sorted(drop - same)
        changed = [cl for cl in claims if cl.id not in same]
        old = [Claim.model_validate_json(stored[i]) for i in gone if i in stored]
        self._count(claim_counts.combine(claim_counts.negate(claim_counts.tally(old)), claim_counts.tally(changed)))
        for i in range(0, len(gone), 400):
            chunk = gone[i : i + 400]
            self.c.execute(f"DELETE FROM claim_actors WHERE claim_id IN ({_marks(chunk)})", chunk)
            self.c.execute(f"DELETE FROM claims WHERE id IN ({_marks(chunk)})", chunk)
            self.c.execute(f"UPDATE statements SET claim_id = NULL WHERE claim_id IN ({_marks(chunk)})", chunk)
        self.c.executemany(
            "INSERT INTO claims(id, speaker_id, on_behalf_of_id, relation, date, date_to, num_reports, num_sources,"
            " confidence, data) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    cl.id,
                    cl.speaker_id,
                    cl.on_behalf_of_id,
                    cl.relation.value,
                    day_key(cl.date),
                    day_key(cl.date_to),
                    cl.num_reports,
                    cl.num_sources,
                    cl.confidence,
                    data[cl.id],
                )
                for cl in changed
            ],
        )
        self.c.executemany(
            "INSERT OR IGNORE INTO claim_actors(claim_id, actor_id, role) VALUES (?,?,?)",
            [(cl.id, actor_id, role) for cl in changed for actor_id, role in _claim_actors(cl)],
        )
        self.c.executemany(  # rows already pointing at their claim are not rewritten
            "UPDATE statements SET claim_id = ? WHERE id = ? AND claim_id IS NOT ?",
            [(cl.id, sid, cl.id) for cl in claims for sid in cl.statement_ids],
        )
        fresh = {cl.id for cl in claims if cl.id in same and not self.fresh_ids.isdisjoint(cl.statement_ids)}
        sqlite_stances.refresh(self.c, [*gone, *(cl.id for cl in changed), *fresh])

    def _count(self, deltas: dict[CountKey, claim_counts.ClaimDelta]) -> None:
        if not deltas:
            return
        values = ("claims", "first", "reports", "sources", "goldstein_sum", "cooperation", "conflict")
        add_counts(
            self.c,
            "claim_counts",
            ("speaker_id", "on_behalf_of_id", "target_id", "relation", "month"),
            values,
            [
                (*k, d.claims, d.first, d.reports, d.sources, d.goldstein_sum, d.cooperation, d.conflict)
                for k, d in deltas.items()
            ],
        )
        add_counts(
            self.c,
            "claim_edge_counts",
            ("source_id", "target_id", "relation", "month"),
            values,
            [
                (*k, d.claims, d.first, d.reports, d.sources, d.goldstein_sum, d.cooperation, d.conflict)
                for k, d in claim_counts.edge_deltas(deltas).items()
            ],
        )

    # -- the write path's two calls ----------------------------------------------------
    def written(
        self, articles: Sequence[tuple[Article, Sequence[Statement]]], gone: Sequence[Report], rules: ClaimRules
    ) -> None:
        """After articles' statements were (re)written: place them and regroup their neighbourhood."""
        new = [r for article, statements in articles for r in reports_of(article, statements, rules)]
        self.place(new)
        self.fresh_articles, self.held = frozenset(article.id for article, _ in articles), {}
        self.fresh_ids = frozenset(r.id for r in new)
        try:
            refresh(self, new, gone, rules)
        finally:
            self.fresh_articles, self.held, self.fresh_ids = frozenset(), None, frozenset()

    def rebuild(self, rules: ClaimRules) -> int:
        """Regroup every statement of the store (after a migration or a new window); returns the claim count."""
        reports: list[Report] = []
        for (article_id,) in self.c.execute("SELECT id FROM articles ORDER BY id").fetchall():
            row = self.c.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
            article = Article.model_validate_json(row["data"])
            stored = [r.statement for r in self.reports_of_articles([article_id])]
            placed = reports_of(article, stored, rules)
            self.place(placed)
            reports.extend(placed)
        claims = group(reports, rules)
        self.c.execute("DELETE FROM claim_actors")
        self.c.execute("DELETE FROM claims")
        self.c.execute("DELETE FROM claim_counts")
        self.c.execute("DELETE FROM claim_edge_counts")
        self.c.execute("DELETE FROM stance_pieces")
        self.c.execute("DELETE FROM stance_counts")
        self.c.execute("UPDATE statements SET claim_id = NULL")
        self.replace_claims(set(), claims)
        return len(claims)


def _claim_actors(cl: Claim) -> list[tuple[str, str]]:
    rows = [(t.actor_id, t.role.value) for t in cl.targets]
    if cl.speaker_id:
        rows.append((cl.speaker_id, "speaker"))
    if cl.on_behalf_of_id:
        rows.append((cl.on_behalf_of_id, "on_behalf_of"))
    return rows


# -- reads -------------------------------------------------------------------------------


def list_claims(
    conn: sqlite3.Connection, query: ClaimQuery, src: str, where: list[str], params: list[Any]
) -> ClaimPage:
    """Claims with a report matching the statement filters (``src``, ``where``) and enough
    sources; keyset pages on (sort key, claim id)."""
    key, desc = SORTS[query.sort]
    filters = ["c.num_sources >= ?"]
    args: list[Any] = [query.min_sources]
    if where or src != "statements s":
        filters.append(f"c.id IN (SELECT s.claim_id FROM {src} WHERE {' AND '.join(where) or '1'})")
        args.extend(params)
    total = None
    if query.cursor is None:  # counted once, on the first page
        total = int(conn.execute(f"SELECT COUNT(*) FROM claims c WHERE {' AND '.join(filters)}", args).fetchone()[0])
    after = decode_cursor(query.cursor, query.sort)
    if after is not None:
        k, last_id = after
        filters.append(f"(c.{key}, c.id) {'<' if desc else '>'} (?, ?)")
        args.extend([day_key(k) if k is None or isinstance(k, date) else k, last_id])
    direction = "DESC" if desc else "ASC"
    rows = conn.execute(
        f"SELECT c.data, c.{key} AS k, c.id AS id FROM claims c WHERE {' AND '.join(filters)}"
        f" ORDER BY c.{key} {direction}, c.id {direction} LIMIT ?",
        [*args, query.limit + 1],
    ).fetchall()
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    items = [Claim.model_validate_json(r["data"]) for r in rows]
    nxt = None
    if more:
        last = rows[-1]
        value = day_of_key(last["k"]) if key == "date" else float(last["k"])
        nxt = encode_cursor(query.sort, value, last["id"])
    return ClaimPage(items=items, next_cursor=nxt, total=total)


def get_claims(conn: sqlite3.Connection, claim_ids: list[str]) -> list[Claim]:
    found: dict[str, Claim] = {}
    for i in range(0, len(claim_ids), 400):
        chunk = claim_ids[i : i + 400]
        for row in conn.execute(f"SELECT data FROM claims WHERE id IN ({_marks(chunk)})", chunk):
            claim = Claim.model_validate_json(row["data"])
            found[claim.id] = claim
    return [found[i] for i in claim_ids if i in found]


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(claims, typed actor→actor edges: one per claim and target with a source actor)."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM claims),"
        " (SELECT COUNT(*) FROM claim_actors ca JOIN claims c ON c.id = ca.claim_id"
        "  WHERE ca.role = 'target' AND COALESCE(c.on_behalf_of_id, c.speaker_id) IS NOT NULL)"
    ).fetchone()
    return int(row[0]), int(row[1])
