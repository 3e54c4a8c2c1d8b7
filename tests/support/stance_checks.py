"""Shared checks of the stance pieces (tests/test_sqlite_stance_pieces.py and
tests/test_neo4j_stance_pieces.py): a store's stance sources read from its pieces against the
reference read from every statement's brief (``GraphStore.stance_sources``' default)."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import date

from graph.model import CountUnit, IngestBatch, Relation, StanceSource, Statement
from graph.store import GraphStore

LATEST = (0, 1, 3, 1000)

#: (language, count) of the stances compared: by claims and by reports, in every language and
#: in one (a claim whose reports differ in language is judged by those in the language).
VIEWS: list[tuple[str | None, CountUnit]] = [(None, "claims"), ("en", "claims"), ("fr", "claims"),
                                             ("xx", "claims"), (None, "reports"), ("en", "reports")]  # fmt: skip

#: Date ranges (the whole span, open at either end, a month, a few days, a day): a claim whose
#: reports straddle a bound is judged by its reports within the dates.
RANGES = [(date(2025, 1, 1), date(2025, 6, 30)), (None, date(2025, 3, 31)), (date(2025, 2, 10), None),
          (date(2025, 3, 1), date(2025, 3, 31)), (date(2025, 4, 8), date(2025, 4, 12)), (date(2025, 5, 6), date(2025, 5, 6))]  # fmt: skip


def from_briefs(store: GraphStore, targets: Sequence[str]) -> dict[tuple[object, ...], list[StanceSource]]:
    """Stance sources of each target, evidence count and view, from every statement's brief (the reference)."""
    return {(t, n, lang, count): sorted(GraphStore.stance_sources(store, t, n, 10_000, None, None, lang, count),
                                        key=lambda s: s.source)
            for t in targets for n in LATEST for lang, count in VIEWS}  # fmt: skip


def from_pieces(store: GraphStore, targets: Sequence[str]) -> dict[tuple[object, ...], list[StanceSource]]:
    """Stance sources of each target, evidence count and view, as the store reads them (its pieces)."""
    return {(t, n, lang, count): sorted(store.stance_sources(t, n, 10_000, None, None, lang, count),
                                        key=lambda s: s.source)
            for t in targets for n in LATEST for lang, count in VIEWS}  # fmt: skip


def within(
    store: GraphStore, targets: Sequence[str], reference: bool, ranges: list[tuple[date | None, date | None]]
) -> dict[object, object]:
    """Stance sources within each range, from the briefs (``reference``) or the stance pieces."""
    read = GraphStore.stance_sources if reference else type(store).stance_sources
    return {(t, n, a, b, lang, count): sorted(read(store, t, n, 10_000, a, b, lang, count), key=lambda s: s.source)
            for t in targets for n in (0, 3) for a, b in ranges for lang, count in VIEWS}  # fmt: skip


def with_undated(batches: list[IngestBatch]) -> list[IngestBatch]:
    """The batches with every seventh statement undated (after every date in a stance; left out
    by a date bound)."""
    out = []
    for b in batches:
        sts = [
            Statement.model_validate({**st.model_dump(), "date": None, "date_source": "none"})
            if zlib.crc32(st.id.encode()) % 7 == 0
            else st
            for st in b.statements
        ]
        out.append(b.model_copy(update={"statements": sts}))
    return out


def echo(batch: IngestBatch, article_id: str, language: str) -> IngestBatch:
    """Another outlet's report of the same article in ``language``, where a refusal reads "will not
    commit" (a negated ``commits``: the same claims, which then hold reports of two relations and
    two languages)."""
    art = batch.article.model_copy(update={"id": article_id, "language": language, "url": None})
    sts = [
        st.model_copy(update={"id": st.id.replace(batch.article.id, article_id), "article_id": article_id}
                      | ({"relation": Relation.commits, "negated": True} if st.relation == Relation.declines else {}))
        for st in batch.statements
    ]  # fmt: skip
    return batch.model_copy(update={"article": art, "statements": sts})


def assert_mixed(
    statements: list[Statement], batches: list[IngestBatch], expected: dict[tuple[object, ...], list[StanceSource]]
) -> None:
    """The store holds what the views must tell apart: claims whose reports differ in language and in
    relation, undated reports, and sources whose stance by reports differs from the one by claims."""
    langs: dict[str, set[str | None]] = {}
    rels: dict[str, set[str]] = {}
    article_language = {b.article.id: b.article.language for b in batches}
    for st in statements:
        if st.claim_id:
            langs.setdefault(st.claim_id, set()).add(st.language or article_language[st.article_id])
            rels.setdefault(st.claim_id, set()).add(st.relation.value)
    assert any(len(v) > 1 for v in langs.values()), "no claim with reports in two languages"
    assert any(len(v) > 1 for v in rels.values()), "no claim with reports of two relations"
    assert any(st.date is None for st in statements)
    by_claims = {(k[0], s.source): s for k, v in expected.items() if k[1:] == (1000, None, "claims") for s in v}
    assert any(
        s.stance != by_claims[k[0], s.source].stance or s.latest_ids != by_claims[k[0], s.source].latest_ids
        for k, v in expected.items() if k[1:] == (1000, None, "reports") for s in v
    )  # fmt: skip


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
