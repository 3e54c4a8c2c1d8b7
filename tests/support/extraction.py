"""Helpers of the extraction tests: run the extractor on one text, pick the statements that hold some words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from graph.model import Article, IngestBatch, Statement, TargetRole
from loaders.extract import extract


def runner(published_at: datetime) -> Callable[[str, str], IngestBatch]:
    """``run(text, lang)``: the extractor's batch for one article of ``text``, published at ``published_at``."""

    def run(text: str, lang: str) -> IngestBatch:
        return extract(Article(id=Article.make_id(None, text), text=text, language=lang, published_at=published_at))

    return run


def _seen(batch: IngestBatch) -> list[tuple[str, str | None, str]]:
    return [(s.content, s.speaker_id, s.relation.value) for s in batch.statements]


def holding(batch: IngestBatch, words: str) -> list[Statement]:
    """The statements whose content holds ``words``."""
    return [s for s in batch.statements if words in s.content]


def only(batch: IngestBatch, words: str) -> Statement:
    """The one statement whose content holds ``words`` (fails unless exactly one does)."""
    hits = holding(batch, words)
    assert len(hits) == 1, _seen(batch)
    return hits[0]


def single(batch: IngestBatch) -> Statement:
    """The batch's one statement (fails unless it has exactly one)."""
    assert len(batch.statements) == 1, _seen(batch)
    return batch.statements[0]


def targets(st: Statement) -> set[str]:
    """The actors ``st`` is aimed at (role target only)."""
    return {t.actor_id for t in st.targets if t.role == TargetRole.target}
