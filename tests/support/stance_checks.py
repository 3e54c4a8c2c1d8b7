"""Shared checks of the stance pieces (tests/test_sqlite_stance_pieces.py and
tests/test_neo4j_stance_pieces.py): a store's stance sources read from its pieces against the
reference read from every statement's brief (``GraphStore.stance_sources``' default)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from graph.model import StanceSource, Statement
from graph.store import GraphStore

LATEST = (0, 1, 3, 1000)

#: Date ranges (the whole span, open at either end, a month, a few days, a day): a claim whose
#: reports straddle a bound is judged by its reports within the dates.
RANGES = [(date(2025, 1, 1), date(2025, 6, 30)), (None, date(2025, 3, 31)), (date(2025, 2, 10), None),
          (date(2025, 3, 1), date(2025, 3, 31)), (date(2025, 4, 8), date(2025, 4, 12)), (date(2025, 5, 6), date(2025, 5, 6))]  # fmt: skip


def from_briefs(store: GraphStore, targets: Sequence[str]) -> dict[tuple[str, int], list[StanceSource]]:
    """Stance sources of each target and evidence count, from every statement's brief (the reference)."""
    return {(t, n): sorted(GraphStore.stance_sources(store, t, n, 10_000), key=lambda s: s.source)
            for t in targets for n in LATEST}  # fmt: skip


def from_pieces(store: GraphStore, targets: Sequence[str]) -> dict[tuple[str, int], list[StanceSource]]:
    """Stance sources of each target and evidence count, as the store reads them (its pieces)."""
    return {(t, n): sorted(store.stance_sources(t, n, 10_000), key=lambda s: s.source) for t in targets for n in LATEST}


def within(
    store: GraphStore, targets: Sequence[str], reference: bool, ranges: list[tuple[date | None, date | None]]
) -> dict[object, object]:
    """Stance sources within each range, from the briefs (``reference``) or the stance pieces."""
    read = GraphStore.stance_sources if reference else type(store).stance_sources
    return {(t, n, a, b): sorted(read(store, t, n, 10_000, a, b), key=lambda s: s.source)
            for t in targets for n in (0, 3) for a, b in ranges}  # fmt: skip


def cut_ranges(statements: list[Statement]) -> list[tuple[date | None, date | None]]:
    """Ranges that start or end inside a claim's dates (its reports straddle the bound)."""
    days: dict[str, set[date]] = {}
    for st in statements:
        if st.claim_id and st.date:
            days.setdefault(st.claim_id, set()).add(st.date)
    spans = sorted((min(d), max(d)) for d in days.values() if len(d) > 1)
    assert spans, "no claim spans two days: the ranges would not cut one"
    (a, b), (c, d) = spans[0], spans[-1]
    return [(b, None), (None, a), (b, d), (a, c)]
