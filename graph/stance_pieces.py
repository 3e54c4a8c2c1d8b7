"""Stance pieces: the rows a store keeps per (target, source, claim) so that the stances on a
target (``GET /stances?evidence=N``, :meth:`graph.store.GraphStore.stance_sources`) read one
row per piece of evidence shown instead of every statement naming the target.

A *piece* is the report that stands for a claim in one source's evidence on one target
(:func:`graph.store.piece_rank` among the claim's reports of that source naming that target);
its row keeps the piece's date key (:func:`graph.store.day_key`: undated after every date),
confidence and stance (:func:`graph.store.piece_stance`), how many of the claim's reports
the (target, source) pair has, and the first and last date key among them (its *span*). A
stance within dates (:func:`within`) takes a piece as it is when its span lies inside them and
recomputes only the claims whose span crosses a bound from their reports; the pieces that can
hold a report within the dates are those whose span starts at most the store's longest span
(:func:`span_days`, kept as a high-water mark) before the first date. The counts per (target, source) sum the pieces: claims, reports,
and the pieces that support and that oppose. Stores recompute the pieces of every claim their
claim refresh drops, writes or points a fresh report at, from the reports as stored then.

Besides a target's own pieces the same rows keep two *views* of it under derived target keys
(:func:`view_key`), so that a stance in one language or counted by reports reads rows too: the
pieces of the claims' reports in each language (``target + LANGUAGE_MARK + language``: a claim
whose reports differ in language has one piece per language) and one *report piece* per report
(``target + REPORTS_MARK``: its own date, confidence and stance; SQLite keeps these in a table of
their own, several per claim). Their counts sit in the same (target, source) count rows, and a
stance within dates reads and cuts them as it does the target's own pieces.

Examples
--------
>>> rows = [("c1", "t", "s1", "a", None, "", "supports", "2026-01-02", 0.5, False, "en"),
...         ("c1", "t", "s2", "a", None, "", "states", "2026-01-01", 0.9, False, "fr"),
...         ("c2", "t", "s3", None, None, "The Minister", "declines", "~", 0.7, True, "en")]
>>> for p in pieces(rows): print(p)
('t', 'a', 'c1', 's1', '2026-01-02', 0.5, 'support', 2, '2026-01-01', '2026-01-02')
('t', 'mention:the minister', 'c2', 's3', '~', 0.7, 'conditional', 1, '~', '~')
>>> count_deltas(list(pieces(rows)), 1)
{('t', 'a'): [1, 2, 1, 0], ('t', 'mention:the minister'): [1, 1, 0, 0]}
>>> span_days(list(pieces(rows)))
1

The views: c1's English report alone stands for it in English, and each report is a piece of
the reports view:

>>> [p[:4] for p in pieces(languages(rows)) if p[0] == view_key("t", "en")]
[('t\\x1fen', 'a', 'c1', 's1'), ('t\\x1fen', 'mention:the minister', 'c2', 's3')]
>>> [p[:4] + p[6:8] for p in report_pieces(rows)]
[('t\\x1e', 'a', 'c1', 's1', 'support', 1), ('t\\x1e', 'a', 'c1', 's2', 'neutral', 1), ('t\\x1e', 'mention:the minister', 'c2', 's3', 'conditional', 1)]

Within 2026-01-02 … 2026-01-31 claim c1 crosses the first date: it is recomputed from its
reports within the dates (s1 alone), and the undated c2 is left out:

>>> inside, cut = within(list(pieces(rows)), "2026-01-02", "2026-01-31")
>>> inside, cut
([], ['c1'])
>>> [s.model_dump() for s in sources(inside + list(pieces(within_reports(rows, "2026-01-02", "2026-01-31"))), 5)]
... # doctest: +NORMALIZE_WHITESPACE
[{'source': 'a', 'claims': 1, 'reports': 1, 'evidence': 1, 'changed': False, 'stance': 'support',
  'deciding_id': 's1', 'first_id': 's1', 'latest_ids': ['s1']}]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from graph.model import StanceSource, fold
from graph.store import UNDATED, day_of_key, piece_rank, piece_stance

#: The columns of a piece row, in order.
PIECE_COLUMNS = (
    "target_id", "source", "claim_key", "piece_id", "date", "confidence", "stance", "reports", "span_from", "span_to"
)  # fmt: skip
#: Index of the columns in a piece row.
_SOURCE, _CLAIM, _PIECE, _DATE, _CONF, _STANCE, _REPORTS, _FROM, _TO = range(1, 10)
#: Index of the language in a targeted report row.
_LANGUAGE = 10
#: The last date key a bound can name (a date bound leaves undated statements out).
LAST_DAY = date.max.isoformat()
#: The values of a (target, source) count row, in order.
COUNT_VALUES = ("claims", "reports", "support", "oppose")
#: What joins a target id and a language in the key of the target's pieces in that language.
LANGUAGE_MARK = "\x1f"
#: What follows a target id in the key of the target's report pieces.
REPORTS_MARK = "\x1e"


def view_key(target_id: str, language: str | None = None, count: str = "claims") -> str:
    """The target key of a target's pieces in one language (``None``: every language) or of its
    report pieces (``count="reports"``, every language only).

    >>> view_key("t"), view_key("t", "en"), view_key("t", count="reports")
    ('t', 't\\x1fen', 't\\x1e')
    """
    if count == "reports":
        if language:
            raise ValueError("report pieces are kept for every language only")
        return target_id + REPORTS_MARK
    return f"{target_id}{LANGUAGE_MARK}{language}" if language else target_id


def view_target(key: str) -> str:
    """The target id of a target key (:func:`view_key`).

    >>> view_target("t"), view_target("t\\x1fen"), view_target("t\\x1e")
    ('t', 't', 't')
    """
    return key.split(LANGUAGE_MARK, 1)[0].removesuffix(REPORTS_MARK)


def is_reports(key: str) -> bool:
    """Whether a target key holds report pieces (:func:`view_key`)."""
    return key.endswith(REPORTS_MARK)


def served(language: str | None, count: str) -> bool:
    """Whether the pieces answer a stance in this language (``None``: any) counted this way (the
    reports of one language are not kept apart: their stances read the briefs)."""
    return not (language and count == "reports")


def with_claims(sources: list[StanceSource], claims: dict[str, int]) -> list[StanceSource]:
    """Stance sources of report pieces (:func:`view_key` with ``count="reports"``) with each
    source's claims (``claims``: source → how many claims its reports belong to)."""
    return [s.model_copy(update={"claims": claims[s.source]}) for s in sources]


def languages(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """Targeted report rows, each followed by itself under its language's target key
    (:func:`view_key`) when it has a language: :func:`pieces` of them are the target's pieces and
    its pieces per language (a claim's rows stay together)."""
    for r in rows:
        r = tuple(r)
        yield r
        if r[_LANGUAGE]:
            yield r[0], view_key(r[1], r[_LANGUAGE]), *r[2:]


def report_pieces(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """One piece row per targeted report row (its own date, confidence and stance, one report)
    under the target's reports key (:func:`view_key`)."""
    for r in rows:
        source = source_of(r[3], r[4], r[5])
        yield r[1] + REPORTS_MARK, source, r[0], r[2], r[7], r[8], piece_stance(r[6], bool(r[9])), 1, r[7], r[7]


def view_pieces(rows: list[tuple[Any, ...]], key: str) -> list[tuple[Any, ...]]:
    """The piece rows under target key ``key`` of some claims' targeted report rows (each
    claim's rows together)."""
    if is_reports(key):
        return [p for p in report_pieces(rows) if p[0] == key]
    return [p for p in pieces(languages(rows)) if p[0] == key]


def source_of(speaker: str | None, behalf: str | None, mention: str | None) -> str:
    """The source key of a report (graph.store.stance_source): its network source, else the
    folded mention of its unnamed speaker."""
    return behalf or speaker or f"mention:{fold(mention or '')}"


def pieces(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """Piece rows (:data:`PIECE_COLUMNS`) of targeted report rows — (claim key, target id,
    statement id, speaker id, on-behalf-of id, speaker mention, relation, date key, confidence,
    has conditions, language) — that come grouped by claim key (each claim's rows consecutive)."""
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
        days = [r[7] for r in reports]
        stance = piece_stance(best[6], bool(best[9]))
        yield target, source, claim, best[2], best[7], best[8], stance, len(reports), min(days), max(days)


def count_deltas(rows: Iterable[tuple[Any, ...]], sign: int) -> dict[tuple[str, str], list[int]]:
    """What piece rows add (``sign`` 1) to or take (-1) from the (target, source) counts."""
    counts: dict[tuple[str, str], list[int]] = {}
    for target, source, _claim, _piece, _day, _conf, stance, reports, *_span in rows:
        acc = counts.setdefault((target, source), [0, 0, 0, 0])
        acc[0] += sign
        acc[1] += sign * reports
        acc[2] += sign * (stance == "support")
        acc[3] += sign * (stance == "oppose")
    return {k: v for k, v in counts.items() if any(v)}


def span_days(rows: Iterable[tuple[Any, ...]]) -> int:
    """The longest span of these piece rows, in days (0 for none, undated or unmigrated rows)."""
    longest = 0
    for r in rows:
        first, last = r[_FROM], r[_TO]
        if first and last and first != last and last != UNDATED:
            longest = max(longest, (date.fromisoformat(last) - date.fromisoformat(first)).days)
    return longest


def bounds(date_from: date | None, date_to: date | None, longest: int) -> tuple[str, str, str, str]:
    """(first, last, lowest span start, lowest start of a span past ``last``) date keys of a
    stance within dates: the pieces whose span can cross the first date start between the lowest
    start and ``first``; those that can cross the last date start at the fourth key or later."""
    first = date_from.isoformat() if date_from else ""
    start = date.fromordinal(max(date_from.toordinal() - longest, 1)).isoformat() if date_from else ""
    late = max(first, date.fromordinal(max(date_to.toordinal() - longest, 1)).isoformat()) if date_to else LAST_DAY
    return first, date_to.isoformat() if date_to else LAST_DAY, start, late


def within(rows: Iterable[tuple[Any, ...]], first: str, last: str) -> tuple[list[tuple[Any, ...]], list[str]]:
    """Piece rows whose span lies within ``first`` … ``last`` (date keys, both included), and the
    claim keys of those whose span crosses a bound (their reports decide)."""
    inside: list[tuple[Any, ...]] = []
    cut: set[str] = set()
    for r in rows:
        if r[_FROM] >= first and r[_TO] <= last:
            inside.append(tuple(r))
        elif r[_FROM] <= last and r[_TO] >= first:
            cut.add(r[_CLAIM])
    return inside, sorted(cut)


def within_reports(rows: Iterable[Any], first: str, last: str) -> list[tuple[Any, ...]]:
    """The targeted report rows (as :func:`pieces` takes them) dated within ``first`` … ``last``,
    sorted by claim key."""
    return sorted((tuple(r) for r in rows if first <= r[7] <= last and r[7] != UNDATED), key=lambda r: r[0])


def sources(rows: Iterable[tuple[Any, ...]], latest: int) -> list[StanceSource]:
    """Every source's :class:`StanceSource` from all its piece rows (:func:`merge`)."""
    return merge({}, [], rows, latest)


def merge(
    totals: dict[str, list[int]], counted: Iterable[tuple[Any, ...]], extra: Iterable[tuple[Any, ...]], latest: int
) -> list[StanceSource]:
    """Every source's :class:`StanceSource`, by source: ``totals`` (source → :data:`COUNT_VALUES`) count
    some pieces of which ``counted`` holds at least each source's ``latest`` last, its deciding
    one and its first; ``extra`` are further pieces, counted here. Pieces go in evidence order
    (date, confidence, id); the deciding one is the latest dated (the surest among equals, the
    first of those), the surest when none is dated."""
    by_source: dict[str, dict[str, tuple[Any, ...]]] = {s: {} for s in totals}
    acc = {s: list(v) for s, v in totals.items()}
    for r in counted:
        by_source.setdefault(r[_SOURCE], {})[r[_PIECE]] = r
    for r in extra:
        by_source.setdefault(r[_SOURCE], {})[r[_PIECE]] = r
        a = acc.setdefault(r[_SOURCE], [0, 0, 0, 0])
        a[0] += 1
        a[1] += r[_REPORTS]
        a[2] += r[_STANCE] == "support"
        a[3] += r[_STANCE] == "oppose"
    out = []
    for source, shown in sorted(by_source.items()):  # by source (GraphStore.stance_sources)
        ps = sorted(shown.values(), key=lambda r: (r[_DATE], r[_CONF], r[_PIECE]))
        if not ps:
            continue
        dated = [r for r in ps if r[_DATE] != UNDATED] or ps
        top = max((r[_DATE], r[_CONF]) for r in dated)
        deciding = next(r for r in dated if (r[_DATE], r[_CONF]) == top)
        claims, reports, support, oppose = acc[source]
        out.append(
            StanceSource(
                source=source, claims=claims, reports=reports, evidence=claims, changed=bool(support and oppose),
                stance=deciding[_STANCE], deciding_id=deciding[_PIECE], first_id=ps[0][_PIECE],
                latest_ids=[r[_PIECE] for r in ps[max(len(ps) - latest, 0) :]] if latest else [],
            )
        )  # fmt: skip
    return out
