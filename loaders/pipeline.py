"""Intake → extraction → store, for files, folders, URLs and in-memory articles."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from graph.errors import DiplographError
from graph.model import Article, IngestResult
from graph.store import GraphStore

log = logging.getLogger("diplograph.pipeline")


class IngestFailure(BaseModel):
    source: str
    error: str


class IngestReport(BaseModel):
    results: list[IngestResult] = Field(default_factory=list)
    failures: list[IngestFailure] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def ingest_articles(store: GraphStore, articles: Iterable[Article], *, lang: str | None = None) -> list[IngestResult]:
    """Extract and store each article; each article is one store transaction."""
    from loaders.extract import extract

    results = []
    for article in articles:
        batch = extract(article, lang=lang)
        results.append(store.ingest(batch))
    return results


def ingest_sources(store: GraphStore, sources: Iterable[str | Path], *, lang: str | None = None) -> IngestReport:
    """Ingest files, folders and URLs. A bad source is reported and skipped; it never
    changes what is already stored (it fails before its transaction or rolls it back)."""
    from loaders.intake import load_path, load_url

    report = IngestReport()
    for source in sources:
        name = str(source)
        try:
            articles = load_url(name) if is_url(name) else load_path(Path(name))
            report.results.extend(ingest_articles(store, articles, lang=lang))
        except DiplographError as exc:
            log.warning("ingest failed: %s", exc)
            msg = str(exc)
            report.failures.append(IngestFailure(source=name, error=msg if name in msg else f"{name}: {msg}"))
    return report


def ingest_paths(store: GraphStore, paths: Iterable[str | Path], *, lang: str | None = None) -> list[IngestResult]:
    """Like :func:`ingest_sources` but raises the first failure's error after trying all sources."""
    report = ingest_sources(store, paths, lang=lang)
    if report.failures:
        from graph.errors import InputError

        raise InputError("; ".join(f.error for f in report.failures))
    return report.results
