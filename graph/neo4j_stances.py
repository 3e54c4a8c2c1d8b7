"""Stance pieces in Neo4j (graph/stance_pieces.py): ``StancePiece`` nodes, one per (target,
source, claim) and per (target key of a view, source, claim or report) — the pieces per language
and the report pieces share the label, their target key tells them apart —, and ``StanceCount`` nodes per (target, source) written through
:func:`graph.neo4j_counts.add_counts`; kept in the transaction that regroups claims
(:meth:`graph.neo4j_claims.Neo4jClaimBook.replace_claims`). A stance on a target reads its
count nodes and, per source, the few pieces it shows (:func:`stance_sources`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction

from graph.aggregates import key_text
from graph.claims import Report
from graph.model import StanceSource, TargetRole
from graph.neo4j_counts import CountRows, add_counts
from graph.stance_pieces import COUNT_VALUES, PIECE_COLUMNS, count_deltas, languages, pieces, report_pieces, span_days
from graph.store import UNDATED

SCHEMA: tuple[str, ...] = (
    "CREATE INDEX stance_piece_claim IF NOT EXISTS FOR (p:StancePiece) ON (p.claim_key)",
    "CREATE INDEX stance_piece_source IF NOT EXISTS FOR (p:StancePiece) ON (p.target_id, p.source)",
    "CREATE INDEX stance_piece_order IF NOT EXISTS FOR (p:StancePiece) "
    "ON (p.target_id, p.source, p.date, p.confidence, p.piece_id)",
    "CREATE INDEX stance_piece_span IF NOT EXISTS FOR (p:StancePiece) ON (p.target_id, p.span_from)",
    "CREATE CONSTRAINT stance_count_key IF NOT EXISTS FOR (c:StanceCount) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX stance_count_target IF NOT EXISTS FOR (c:StanceCount) ON (c.target_id)",
)

#: Targeted reports of some claims, as graph.stance_pieces.pieces takes them, in one record.
_REPORTS = (
    "UNWIND $keys AS k MATCH (s:Statement)-[ab:ABOUT {role: $target}]->() "
    "USING INDEX SEEK s:Statement(claim_id) WHERE s.claim_id = k "
    "RETURN collect([k, ab.actor_id, s.id, s.speaker_id, s.on_behalf_of_id, "
    "CASE WHEN s.speaker_id IS NULL AND s.on_behalf_of_id IS NULL THEN s.speaker_mention ELSE '' END, "
    "s.relation, coalesce(toString(s.date), $undated), s.confidence, size(coalesce(s.conditions, [])) > 0, "
    "s.language_effective]) AS rows"
)
_PIECE_PROPS = ", ".join(f"{c}: r[{i}]" for i, c in enumerate(PIECE_COLUMNS))
_PIECE_RETURN = ", ".join(f"p.{c}" for c in PIECE_COLUMNS)


def refresh(tx: ManagedTransaction, claim_keys: list[str] | set[str]) -> None:
    """Recompute the pieces of these claims from their reports as stored now, with their pieces
    per language and report pieces (graph.stance_pieces.view_key; three queries and the count
    update)."""
    keys = sorted(set(claim_keys))
    if not keys:
        return
    old = tx.run(
        f"UNWIND $keys AS k MATCH (p:StancePiece {{claim_key: k}}) WITH p, [{_PIECE_RETURN}] AS row DELETE p "
        "RETURN collect(row) AS rows",
        keys=keys,
    ).single(strict=True)["rows"]
    reports = tx.run(_REPORTS, keys=keys, target=TargetRole.target.value, undated=UNDATED).single(strict=True)["rows"]
    reports.sort(key=lambda r: r[0])  # each claim's reports together (stable)
    new = piece_rows(reports)
    if new:
        tx.run(f"UNWIND $rows AS r CREATE (:StancePiece {{{_PIECE_PROPS}}})", rows=new).consume()
    longest = span_days(new)
    if longest:  # a high-water mark: written only when a longer span comes
        tx.run(
            "MERGE (m:Meta {key: $span_days}) WITH m WHERE coalesce(m.value, 0) < $w SET m.value = $w",
            span_days=SPAN_DAYS,
            w=longest,
        ).consume()
    add_counts(tx, *count_rows(old, new))


def piece_rows(reports: list[Any]) -> list[tuple[Any, ...]]:
    """The piece rows (:data:`graph.stance_pieces.PIECE_COLUMNS`) of some claims' targeted report
    rows (as :data:`_REPORTS` returns them, each claim's rows together): the pieces, the pieces per
    language and the report pieces. What :func:`refresh` creates, and the bulk load writes as files."""
    return [*pieces(languages(reports)), *report_pieces(reports)]


def count_rows(old: list[Any], new: list[tuple[Any, ...]]) -> CountRows:
    """The ``StanceCount`` rows (:func:`graph.neo4j_counts.add_counts`) of replacing piece rows
    ``old`` by ``new``."""
    deltas: dict[tuple[str, str], list[int]] = {}
    for part in (count_deltas(old, -1), count_deltas(new, 1)):
        for k, v in part.items():
            acc = deltas.setdefault(k, [0] * len(COUNT_VALUES))
            for i, n in enumerate(v):
                acc[i] += n
    return ("StanceCount", ("target_id", "source"), COUNT_VALUES,
            [[key_text(k), *k, *v] for k, v in deltas.items() if any(v)])  # fmt: skip


def targeted_rows(claim_key: str, reports: Iterable[Report]) -> list[list[Any]]:
    """:data:`_REPORTS`'s rows of one claim, from its reports in hand instead of the stored
    statements (the bulk load, graph/neo4j_bulk.py): one per statement and distinct target of
    role ``target`` (an ABOUT edge), with the statement's date key and its effective language."""
    target = TargetRole.target
    out: list[list[Any]] = []
    for r in reports:
        st = r.statement
        mention = st.speaker_mention if st.speaker_id is None and st.on_behalf_of_id is None else ""
        day = st.date.isoformat() if st.date is not None else UNDATED
        for aid in dict.fromkeys(t.actor_id for t in st.targets if t.role == target):
            out.append([claim_key, aid, st.id, st.speaker_id, st.on_behalf_of_id, mention, st.relation.value, day,
                        st.confidence, bool(st.conditions), st.language or r.language])  # fmt: skip
    return out


#: The Meta node holding the longest span of a piece, in days (graph.stance_pieces.span_days).
SPAN_DAYS = "stance_span_days"

#: One source's pieces whose span lies within $first … $last, in the order of the
#: ``stance_piece_order`` index (a predicate on every indexed property; only those asked for read).
_INSIDE = (
    "MATCH (p:StancePiece) USING INDEX SEEK p:StancePiece(target_id, source, date, confidence, piece_id) "
    "WHERE p.target_id = $t AND p.source = source AND {dates} AND p.confidence >= 0.0 AND p.piece_id >= '' "
    "AND p.span_from >= $first AND p.span_to <= $last "
    "WITH p ORDER BY p.target_id {o}, p.source {o}, p.date {o}, p.confidence {o}, p.piece_id {o} LIMIT {n} "
    f"RETURN [{_PIECE_RETURN}] AS "
)
#: A stance within dates: per source, the pieces whose span lies inside counted in the server
#: (``stance_piece_span`` range), and its latest $n, deciding and first of them, in one record.
WITHIN = (
    "MATCH (p:StancePiece) USING INDEX SEEK p:StancePiece(target_id, span_from) "
    "WHERE p.target_id = $t AND p.span_from >= $first AND p.span_from <= $last AND p.span_to <= $last "
    "WITH p.source AS source, count(*) AS claims, sum(p.reports) AS reports, "
    "sum(CASE WHEN p.stance = 'support' THEN 1 ELSE 0 END) AS support, "
    "sum(CASE WHEN p.stance = 'oppose' THEN 1 ELSE 0 END) AS oppose "
    "CALL (source) { "
    + _INSIDE.format(dates="p.date >= $first AND p.date <= $last", o="DESC", n="$n").replace("RETURN [", "WITH [")
    + "row RETURN collect(row) AS top } "
    "CALL (source, top) { "
    + _INSIDE.format(dates="p.date = top[0][4] AND p.confidence = top[0][5]", o="ASC", n="1").replace(
        " AND p.confidence >= 0.0", ""
    )
    + "deciding } "
    "CALL (source) { " + _INSIDE.format(dates="p.date >= $first AND p.date <= $last", o="ASC", n="1") + "oldest } "
    "RETURN collect([source, claims, reports, support, oppose, top + [deciding, oldest]]) AS rows"
)
#: The claim keys of a target's pieces whose span crosses $first or $last.
WITHIN_CUT = (
    "CALL { MATCH (p:StancePiece) USING INDEX SEEK p:StancePiece(target_id, span_from) "
    "WHERE p.target_id = $t AND p.span_from >= $start AND p.span_from < $first AND p.span_to >= $first "
    "RETURN p.claim_key AS k UNION "
    "MATCH (p:StancePiece) USING INDEX SEEK p:StancePiece(target_id, span_from) "
    "WHERE p.target_id = $t AND p.span_from >= $late AND p.span_from <= $last AND p.span_to > $last "
    "RETURN p.claim_key AS k } RETURN collect(k) AS keys"
)
#: Each source's claims on a target (its count nodes).
CLAIM_COUNTS = (
    "MATCH (c:StanceCount) USING INDEX SEEK c:StanceCount(target_id) WHERE c.target_id = $t "
    "RETURN collect([c.source, c.claims]) AS rows"
)
#: The longest span of a piece, in days.
LONGEST = "OPTIONAL MATCH (m:Meta {key: $span_days}) RETURN coalesce(m.value, 0) AS longest"
#: The targeted reports of some claims on one target (as :data:`_REPORTS`).
TARGET_REPORTS = _REPORTS.replace("WHERE s.claim_id = k ", "WHERE s.claim_id = k AND ab.actor_id = $t ")


def clear(tx: ManagedTransaction) -> None:
    """Delete every piece and count node (a rebuild writes them again)."""
    tx.run("MATCH (p:StancePiece) DELETE p").consume()
    tx.run("MATCH (c:StanceCount) DELETE c").consume()


#: One source's pieces in the order of the ``stance_piece_order`` index, which provides it (a
#: predicate on every indexed property; only the pieces asked for are read, not sorted).
_PIECES = (
    "MATCH (p:StancePiece) USING INDEX SEEK p:StancePiece(target_id, source, date, confidence, piece_id) "
    "WHERE p.target_id = $t AND p.source = c.source AND {dates} AND p.confidence >= 0.0 AND p.piece_id >= '' "
    "WITH p ORDER BY p.target_id {o}, p.source {o}, p.date {o}, p.confidence {o}, p.piece_id {o} LIMIT {n} "
)
#: Every source's counts on a target and, per source, its latest pieces, the deciding piece
#: (the latest dated, the surest among equals and the first of those by id; the surest when none
#: is dated) and the oldest piece, in one record.
STANCE_SOURCES = (
    "MATCH (c:StanceCount) USING INDEX SEEK c:StanceCount(target_id) WHERE c.target_id = $t "
    "CALL (c) { " + _PIECES.format(dates="p.date >= ''", o="DESC", n="$n") + "RETURN collect(p.piece_id) AS latest } "
    "CALL (c) { CALL (c) { "
    + _PIECES.format(dates="p.date >= '' AND p.date < $undated", o="DESC", n="1")
    + "RETURN 0 AS k, p.date AS d, p.confidence AS cf UNION "
    + _PIECES.format(dates="p.date = $undated", o="DESC", n="1")
    + "RETURN 1 AS k, p.date AS d, p.confidence AS cf } "
    "  WITH k, d, cf ORDER BY k LIMIT 1 "
    + _PIECES.format(dates="p.date = d AND p.confidence = cf", o="ASC", n="1").replace(" AND p.confidence >= 0.0", "")
    + "RETURN p.piece_id AS deciding, p.stance AS stance } "
    "CALL (c) { " + _PIECES.format(dates="p.date >= ''", o="ASC", n="1") + "RETURN p.piece_id AS first } "
    "RETURN collect([c.source, c.claims, c.reports, c.support, c.oppose, latest, deciding, stance, first]) AS rows"
)


def stance_sources(rows: list[list[Any]]) -> list[StanceSource]:
    """The :data:`STANCE_SOURCES` record's rows as :class:`StanceSource`, by source (the count
    nodes come in the order they were created)."""
    rows = sorted(rows, key=lambda r: str(r[0]))
    return [
        StanceSource(
            source=source, claims=claims, reports=reports, evidence=claims, changed=bool(support and oppose),
            stance=stance, deciding_id=deciding, first_id=first, latest_ids=list(reversed(latest)),
        )
        for source, claims, reports, support, oppose, latest, deciding, stance, first in rows
    ]  # fmt: skip
