"""Stance pieces: the rows a store keeps per (target, source, claim) so that the stances on a
target (``GET /stances?evidence=N``, :meth:`graph.store.GraphStore.stance_sources`) read one
row per piece of evidence shown instead of every statement naming the target.

A *piece* is the report that stands for a claim in one source's evidence on one target
(:func:`graph.store.piece_rank` among the claim's reports of that source naming that target);
its row keeps the piece's date key (:func:`graph.store.day_key`: undated after every date),
confidence and stance (:func:`graph.store.piece_stance`), and how many of the claim's reports
the (target, source) pair has. The counts per (target, source) sum the pieces: claims, reports,
and the pieces that support and that oppose. Stores recompute the pieces of every claim their
claim refresh drops, writes or points a fresh report at, from the reports as stored then.

Examples
--------
>>> rows = [("c1", "t", "s1", "a", None, "", "supports", "2026-01-02", 0.5, False),
...         ("c1", "t", "s2", "a", None, "", "states", "2026-01-01", 0.9, False),
...         ("c2", "t", "s3", None, None, "The Minister", "declines", "~", 0.7, True)]
>>> for p in pieces(rows): print(p)
('t', 'a', 'c1', 's1', '2026-01-02', 0.5, 'support', 2)
('t', 'mention:the minister', 'c2', 's3', '~', 0.7, 'conditional', 1)
>>> count_deltas(list(pieces(rows)), 1)
{('t', 'a'): [1, 2, 1, 0], ('t', 'mention:the minister'): [1, 1, 0, 0]}
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from graph.model import fold
from graph.store import day_of_key, piece_rank, piece_stance

#: The columns of a piece row, in order.
PIECE_COLUMNS = ("target_id", "source", "claim_key", "piece_id", "date", "confidence", "stance", "reports")
#: The values of a (target, source) count row, in order.
COUNT_VALUES = ("claims", "reports", "support", "oppose")


def source_of(speaker: str | None, behalf: str | None, mention: str | None) -> str:
    """The source key of a report (graph.store.stance_source): its network source, else the
    folded mention of its unnamed speaker."""
    return behalf or speaker or f"mention:{fold(mention or '')}"


def pieces(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """Piece rows (:data:`PIECE_COLUMNS`) of targeted report rows — (claim key, target id,
    statement id, speaker id, on-behalf-of id, speaker mention, relation, date key, confidence,
    has conditions) — that come grouped by claim key (each claim's rows consecutive)."""
    groups: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    claim = None
    for r in rows:
        if r[0] != claim:
            yield from _flush(claim, groups)
            claim, groups = r[0], {}
        groups.setdefault((r[1], source_of(r[3], r[4], r[5])), []).append(tuple(r))
    yield from _flush(claim, groups)


def _flush(claim: str | None, groups: dict[tuple[str, str], list[tuple[Any, ...]]]) -> Iterator[tuple[Any, ...]]:
    for (target, source), reports in groups.items():
        best = min(reports, key=lambda r: piece_rank(r[6], r[8], day_of_key(r[7]), r[2]))
        yield target, source, claim, best[2], best[7], best[8], piece_stance(best[6], bool(best[9])), len(reports)


def count_deltas(rows: Iterable[tuple[Any, ...]], sign: int) -> dict[tuple[str, str], list[int]]:
    """What piece rows add (``sign`` 1) to or take (-1) from the (target, source) counts."""
    counts: dict[tuple[str, str], list[int]] = {}
    for target, source, _claim, _piece, _day, _conf, stance, reports in rows:
        acc = counts.setdefault((target, source), [0, 0, 0, 0])
        acc[0] += sign
        acc[1] += sign * reports
        acc[2] += sign * (stance == "support")
        acc[3] += sign * (stance == "oppose")
    return {k: v for k, v in counts.items() if any(v)}
