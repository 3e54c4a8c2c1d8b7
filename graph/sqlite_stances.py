"""Stance pieces in the SQLite store: what ``/stances?evidence=N`` reads of a target instead of
every statement naming it (:meth:`graph.store.GraphStore.stance_sources`).

``stance_pieces`` holds one row per (target, source, claim): the claim's report that stands for
it in that source's evidence on that target (:func:`graph.store.piece_rank`: a report whose
relation is not ``states`` first, then the surest, then the earliest), with the piece's date,
confidence and stance (:func:`graph.store.piece_stance`), and how many of the claim's reports
the (target, source) pair has. ``stance_counts`` sums them per (target, source): claims,
reports, and the pieces that support and that oppose. Both are kept in the transaction that
regroups claims (:meth:`graph.sqlite_claims.SqliteClaimBook.replace_claims`): the rows of
every claim it drops, writes or re-points a fresh report at are recomputed from the stored
statements. A stance then reads one ``stance_counts`` range and, per source, a few seeks of
``stance_pieces`` (keyed in the order of a source's latest pieces).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from graph.model import StanceSource, TargetRole
from graph.sqlite_counts import add_counts
from graph.stance_pieces import (
    COUNT_VALUES,
    LANGUAGE_MARK,
    PIECE_COLUMNS,
    REPORTS_MARK,
    bounds,
    count_deltas,
    is_reports,
    languages,
    merge,
    pieces,
    report_pieces,
    span_days,
    view_pieces,
    view_target,
    within_reports,
)
from graph.store import UNDATED

log = logging.getLogger("diplograph.sqlite")

PIECES = """CREATE TABLE IF NOT EXISTS stance_pieces (
    target_id TEXT NOT NULL,
    source TEXT NOT NULL,
    claim_key TEXT NOT NULL,
    piece_id TEXT NOT NULL,
    date TEXT NOT NULL,
    confidence REAL NOT NULL,
    stance TEXT NOT NULL,
    reports INTEGER NOT NULL,
    span_from TEXT NOT NULL DEFAULT '',
    span_to TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (target_id, source, date, confidence, piece_id)
) WITHOUT ROWID"""
PIECES_CLAIM = "CREATE INDEX IF NOT EXISTS stance_pieces_claim ON stance_pieces(claim_key)"
SCHEMA = f"""
{PIECES};
{PIECES_CLAIM};
CREATE TABLE IF NOT EXISTS stance_reports (
    target_id TEXT NOT NULL,
    source TEXT NOT NULL,
    claim_key TEXT NOT NULL,
    piece_id TEXT NOT NULL,
    date TEXT NOT NULL,
    confidence REAL NOT NULL,
    stance TEXT NOT NULL,
    reports INTEGER NOT NULL,
    span_from TEXT NOT NULL,
    span_to TEXT NOT NULL,
    PRIMARY KEY (target_id, source, date, confidence, piece_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS stance_reports_claim ON stance_reports(claim_key);
CREATE INDEX IF NOT EXISTS stance_reports_spans ON stance_reports(target_id, span_from, span_to, source, stance, reports);
CREATE TABLE IF NOT EXISTS stance_counts (
    target_id TEXT NOT NULL,
    source TEXT NOT NULL,
    claims INTEGER NOT NULL,
    reports INTEGER NOT NULL,
    support INTEGER NOT NULL,
    oppose INTEGER NOT NULL,
    PRIMARY KEY (target_id, source)
) WITHOUT ROWID
"""

#: A targeted report: (claim key, target id, statement id, speaker, on behalf of, speaker
#: mention (only when both are unknown), relation, date key, confidence, has conditions, language).
_ROW = (
    "SELECT COALESCE(s.claim_id, s.id), sa.actor_id, s.id, s.speaker_id, s.on_behalf_of_id,"
    " CASE WHEN s.speaker_id IS NULL AND s.on_behalf_of_id IS NULL THEN json_extract(s.data, '$.speaker_mention')"
    " ELSE '' END, s.relation, s.date, s.confidence, json_array_length(s.data, '$.conditions') > 0, s.language"
    f" FROM statements s JOIN statement_actors sa ON sa.statement_id = s.id AND sa.role = '{TargetRole.target.value}'"
)


#: The pieces of a target by the start of their span, with what a stance within dates counts
#: (:func:`stance_sources_within`).
SPAN_INDEX = (
    "CREATE INDEX IF NOT EXISTS stance_pieces_spans ON stance_pieces(target_id, span_from, span_to, source, stance,"
    " reports)"
)


#: The key of ``stance_pieces``: the order of a source's pieces that the stance reads walk
#: (latest first, the deciding piece, the first). A piece id is one of its claim's reports, so
#: it names the (target, source, claim) row alone.
PIECE_KEY = ("target_id", "source", "date", "confidence", "piece_id")


def create(c: sqlite3.Connection) -> None:
    """Create the tables (and indexes) when missing; a table written before the pieces' spans
    gets their columns (filled by :func:`ensure_filled`), one keyed by (target, source, claim)
    with an index in the reads' order gets the reads' order as its key (:func:`_relayout`)."""
    for stmt in SCHEMA.split(";"):
        if stmt.strip():
            c.execute(stmt)
    if "span_from" not in {r[1] for r in c.execute("PRAGMA table_info(stance_pieces)")}:
        c.execute("ALTER TABLE stance_pieces ADD COLUMN span_from TEXT NOT NULL DEFAULT ''")
        c.execute("ALTER TABLE stance_pieces ADD COLUMN span_to TEXT NOT NULL DEFAULT ''")
        c.execute("DELETE FROM meta WHERE key = 'stance_spans'")
    c.execute("DROP INDEX IF EXISTS stance_pieces_span")  # its first version: (target_id, span_from)
    _relayout(c)
    c.execute(SPAN_INDEX)


def _relayout(c: sqlite3.Connection) -> None:
    """Rewrite a ``stance_pieces`` table of an earlier version — keyed by (target, source,
    claim), with ``stance_pieces_latest`` (target, source, date, confidence, piece id) beside
    it — as one B-tree keyed in the index's order (:data:`PIECE_KEY`): every read of a
    source's pieces walked the index, none the old key, and each piece written changed pages
    of both (bench/README.md, "Eleventh session (writer5)"). The rows are the same."""
    key = tuple(r[0] for r in c.execute("SELECT name FROM pragma_table_info('stance_pieces') WHERE pk > 0 ORDER BY pk"))
    if key == PIECE_KEY:
        return
    log.warning(
        "rewriting stance_pieces in the new layout (once per store; minutes for a store of millions of statements)"
    )
    cols = ", ".join(r[1] for r in c.execute("PRAGMA table_info(stance_pieces)"))
    for index in ("stance_pieces_latest", "stance_pieces_spans", "stance_pieces_claim"):
        c.execute(f"DROP INDEX IF EXISTS {index}")
    c.execute("ALTER TABLE stance_pieces RENAME TO stance_pieces_before")
    c.execute(PIECES)
    c.execute(
        f"INSERT INTO stance_pieces({cols}) SELECT {cols} FROM stance_pieces_before ORDER BY {', '.join(PIECE_KEY)}"
    )
    c.execute("DROP TABLE stance_pieces_before")
    c.execute(PIECES_CLAIM)


def ensure_filled(c: sqlite3.Connection) -> None:
    """Fill the tables from the stored statements once (a file written before them: a ``meta``
    marker says it is done; a fill that stopped is redone whole)."""
    if c.execute("SELECT 1 FROM meta WHERE key = 'stance_pieces'").fetchone() is None:
        rebuild(c)
        c.execute("INSERT INTO meta(key, value) VALUES ('stance_pieces', '1')")
        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('stance_spans', '1')")
        c.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('stance_views', '1')")
    if c.execute("SELECT 1 FROM meta WHERE key = 'stance_spans'").fetchone() is None:
        # pieces written before their spans: a piece of one report spans its date; the claims
        # of the others are recomputed from their reports
        c.execute("UPDATE stance_pieces SET span_from = date, span_to = date WHERE reports = 1 AND span_from = ''")
        refresh(c, [r[0] for r in c.execute("SELECT DISTINCT claim_key FROM stance_pieces WHERE span_from = ''")])
        c.execute("INSERT INTO meta(key, value) VALUES ('stance_spans', '1')")
    if c.execute("SELECT 1 FROM meta WHERE key = 'stance_views'").fetchone() is None:
        rebuild(c, views=True)  # pieces written before the language and report views
        c.execute("INSERT INTO meta(key, value) VALUES ('stance_views', '1')")


#: Target keys of the views (graph.stance_pieces.view_key), as GLOB patterns.
_VIEW_KEYS = f"(target_id GLOB '*{LANGUAGE_MARK}*' OR target_id GLOB '*{REPORTS_MARK}')"


def rebuild(c: sqlite3.Connection, views: bool = False) -> None:
    """Recompute the tables from every stored statement (claim by claim, streamed); ``views``:
    only the pieces in each language and the report pieces (graph.stance_pieces.view_key)."""
    if views:
        c.execute(f"DELETE FROM stance_pieces WHERE {_VIEW_KEYS}")
        c.execute(f"DELETE FROM stance_counts WHERE {_VIEW_KEYS}")
    else:
        c.execute("DELETE FROM stance_pieces")
        c.execute("DELETE FROM stance_counts")
    c.execute("DELETE FROM stance_reports")
    cur = c.execute(f"{_ROW} ORDER BY COALESCE(s.claim_id, s.id)")
    batch: list[tuple[Any, ...]] = []
    reports: list[tuple[Any, ...]] = []
    for rows in _claims(cur):
        batch.extend(p for p in pieces(languages(rows)) if not views or LANGUAGE_MARK in p[0])
        reports.extend(report_pieces(rows))
        if len(batch) + len(reports) >= 20_000:
            _insert(c, batch)
            _insert(c, reports, "stance_reports")
            batch, reports = [], []
    _insert(c, batch)
    _insert(c, reports, "stance_reports")


def _claims(rows: Iterable[Any]) -> Iterator[list[tuple[Any, ...]]]:
    """Targeted report rows that come grouped by claim key, a claim at a time."""
    claim: list[tuple[Any, ...]] = []
    for r in rows:
        if claim and r[0] != claim[0][0]:
            yield claim
            claim = []
        claim.append(tuple(r))
    if claim:
        yield claim


def _write(c: sqlite3.Connection, rows: list[tuple[Any, ...]], sign: int) -> None:
    """Add (sign 1) or take (sign -1) piece rows from ``stance_counts``."""
    add_counts(c, "stance_counts", ("target_id", "source"), COUNT_VALUES,
               [(*k, *v) for k, v in count_deltas(rows, sign).items()])  # fmt: skip


def _insert(c: sqlite3.Connection, rows: list[tuple[Any, ...]], table: str = "stance_pieces") -> None:
    if rows:
        c.executemany(
            f"INSERT INTO {table}({', '.join(PIECE_COLUMNS)}) VALUES ({','.join('?' * len(PIECE_COLUMNS))})", rows
        )
        _write(c, rows, 1)
        longest = span_days(rows)
        if longest:  # a high-water mark: written only when a longer span comes
            c.execute(
                "INSERT INTO meta(key, value) VALUES ('stance_span_days', ?) ON CONFLICT(key) DO UPDATE"
                " SET value = excluded.value WHERE CAST(value AS INTEGER) < CAST(excluded.value AS INTEGER)",
                (str(longest),),
            )


#: Claim keys per query of :func:`refresh` (SQLite's bound parameters stay well under its limit).
CHUNK = 400


def refresh(c: sqlite3.Connection, claim_keys: Iterable[str]) -> None:
    """Recompute the pieces (and report pieces) of these claims (their reports as stored now).

    Every old row goes before the first new one is written: a report that moved between two
    of these claims keeps its piece id, and ``stance_reports`` is keyed by it, so writing a
    chunk's new rows while a later chunk still holds the report's old row would break that
    key (a batch touching more than :data:`CHUNK` claims then failed and was written again
    article by article).
    """
    keys = sorted(set(claim_keys))
    chunks = [keys[i : i + CHUNK] for i in range(0, len(keys), CHUNK)]
    for chunk in chunks:
        marks = ",".join("?" * len(chunk))
        for table in ("stance_pieces", "stance_reports"):
            old = c.execute(f"SELECT {', '.join(PIECE_COLUMNS)} FROM {table} WHERE claim_key IN ({marks})", chunk)
            _write(c, [tuple(r) for r in old], -1)
            c.execute(f"DELETE FROM {table} WHERE claim_key IN ({marks})", chunk)
    for chunk in chunks:
        marks = ",".join("?" * len(chunk))
        rows = [tuple(r) for r in c.execute(f"{_ROW} WHERE s.claim_id IN ({marks}) ORDER BY s.claim_id", chunk)]
        _insert(c, list(pieces(languages(rows))))
        _insert(c, list(report_pieces(rows)), "stance_reports")


def _table(key: str) -> str:
    """The table holding the pieces under a target key."""
    return "stance_reports" if is_reports(key) else "stance_pieces"


def stance_sources_within(
    c: sqlite3.Connection, target_id: str, latest: int, date_from: date | None, date_to: date | None
) -> list[StanceSource]:
    """Every source's stance on ``target_id`` (a target key: graph.stance_pieces.view_key) from its reports within the dates
    (:func:`graph.stance_pieces.within`): the pieces whose span lies inside are counted per
    source in ``stance_pieces_spans`` and only the latest, deciding and first of each source read
    (seeks of ``stance_pieces``, keyed in that order); the claims whose span crosses a bound are recomputed
    from their reports within the dates."""
    row = c.execute("SELECT value FROM meta WHERE key = 'stance_span_days'").fetchone()
    first, last, start, late = bounds(date_from, date_to, int(row[0]) if row else 0)
    table = _table(target_id)
    span = f"FROM {table} INDEXED BY {table}_spans WHERE target_id = ? AND span_from >= ? AND span_from"
    totals = {
        r[0]: list(r[1:])
        for r in c.execute(
            f"SELECT source, count(*), sum(reports), sum(stance = 'support'), sum(stance = 'oppose') {span} <= ?"
            " AND span_to <= ? GROUP BY source",
            (target_id, first, last, last),
        )
    }
    cut = sorted(
        {r[0] for r in c.execute(f"SELECT claim_key {span} < ? AND span_to >= ?", (target_id, start, first, first))}
        | {r[0] for r in c.execute(f"SELECT claim_key {span} <= ? AND span_to > ?", (target_id, late, last, last))}
    )
    extra: list[tuple[Any, ...]] = []
    for i in range(0, len(cut), 400):
        chunk = cut[i : i + 400]
        marks = ",".join("?" * len(chunk))
        reports = c.execute(f"{_ROW} WHERE s.claim_id IN ({marks})", chunk)  # the claims' statements first
        mine = within_reports((r for r in reports if r[1] == view_target(target_id)), first, last)
        extra.extend(view_pieces(mine, target_id))
    counted: list[tuple[Any, ...]] = []
    cols = ", ".join(PIECE_COLUMNS)
    where = "WHERE target_id = ? AND source = ? AND date >= ? AND date <= ?"
    for source in totals:
        key = (target_id, source, first, last)
        order = "ORDER BY date DESC, confidence DESC, piece_id DESC"
        top = _inside(c.execute(f"SELECT {cols} FROM {table} {where} {order}", key), first, last, max(latest, 1))
        ties = f"SELECT {cols} FROM {table} {where} AND date = ? AND confidence = ? ORDER BY piece_id"
        deciding = _inside(c.execute(ties, (*key, top[0][_DATE_AT], top[0][_CONF_AT])), first, last, 1)
        oldest = f"SELECT {cols} FROM {table} {where} ORDER BY date, confidence, piece_id"
        counted += top + deciding + _inside(c.execute(oldest, key), first, last, 1)
    return merge(totals, counted, extra, latest)


_DATE_AT, _CONF_AT, _FROM_AT, _TO_AT = (PIECE_COLUMNS.index(k) for k in ("date", "confidence", "span_from", "span_to"))


def _inside(rows: Iterable[Any], first: str, last: str, n: int) -> list[tuple[Any, ...]]:
    """The first ``n`` piece rows whose span lies within ``first`` … ``last``."""
    out: list[tuple[Any, ...]] = []
    for r in rows:
        if r[_FROM_AT] >= first and r[_TO_AT] <= last:
            out.append(tuple(r))
            if len(out) == n:
                break
    return out


def stance_sources(c: sqlite3.Connection, target_id: str, latest: int) -> list[StanceSource]:
    """Every source's stance pieces on ``target_id`` (a target key: graph.stance_pieces.view_key;
    see :class:`graph.model.StanceSource`), by source (the key's order: no sort):
    one ``stance_counts`` range, then per source a few seeks of ``stance_pieces`` (its key's order)."""
    out: list[StanceSource] = []
    counts = c.execute(
        f"SELECT source, {', '.join(COUNT_VALUES)} FROM stance_counts WHERE target_id = ? ORDER BY source",
        (target_id,),
    ).fetchall()
    where = "target_id = ? AND source = ?"
    table = _table(target_id)
    for source, claims, reports, support, oppose in counts:
        key = (target_id, source)
        shown = [
            r[0]
            for r in c.execute(
                f"SELECT piece_id FROM {table} WHERE {where} ORDER BY date DESC, confidence DESC, piece_id DESC"
                " LIMIT ?",
                (*key, latest),
            )
        ][::-1]
        top = (
            c.execute(  # the latest dated piece; when none is dated, the surest (graph.store.piece_decides)
                f"SELECT date, confidence FROM {table} WHERE {where} AND date < ?"
                " ORDER BY date DESC, confidence DESC LIMIT 1",
                (*key, UNDATED),
            ).fetchone()
            or c.execute(
                f"SELECT date, confidence FROM {table} WHERE {where} AND date = ? ORDER BY confidence DESC LIMIT 1",
                (*key, UNDATED),
            ).fetchone()
        )
        deciding = c.execute(  # the first of equals in evidence order: the smallest id
            f"SELECT piece_id, stance FROM {table} WHERE {where} AND date = ? AND confidence = ?"
            " ORDER BY piece_id LIMIT 1",
            (*key, top[0], top[1]),
        ).fetchone()
        first = c.execute(
            f"SELECT piece_id FROM {table} WHERE {where} ORDER BY date, confidence, piece_id LIMIT 1", key
        ).fetchone()[0]
        out.append(
            StanceSource(
                source=source, claims=claims, reports=reports, evidence=claims, changed=bool(support and oppose),
                stance=deciding[1], deciding_id=deciding[0], first_id=first, latest_ids=shown,
            )
        )  # fmt: skip
    return out


def claim_counts(c: sqlite3.Connection, target_id: str) -> dict[str, int]:
    """Each source's claims on ``target_id`` (its ``stance_counts`` rows)."""
    return dict(c.execute("SELECT source, claims FROM stance_counts WHERE target_id = ?", (target_id,)).fetchall())
