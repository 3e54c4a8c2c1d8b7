"""Intake → extraction → store, streaming, in parallel, written in batches.

:func:`ingest_stream` is the pipeline: sources are read lazily into work units
(:mod:`loaders.intake.stream`: one per JSON line or article file), extracted where the
engine says (this process, a pool of ``workers`` processes, or a Dask cluster — see
:mod:`loaders.parallel`) with a bounded number of articles in flight, and written by
**one writer**, this process, in batches of ``batch_size`` articles. It yields one outcome
per article as soon as it is stored — an :class:`~graph.model.IngestResult`, or an
:class:`IngestFailure` for an article (or a source, or a JSON line) that could not be
read, extracted or stored — so callers can report progress while a corpus of any size
streams through in bounded memory. Failures are per article: the rest goes on.

:func:`ingest_sources` collects the outcomes into an :class:`IngestReport`.

A transient store failure (:class:`~graph.errors.StoreUnavailable`: a Neo4j server down or
restarting, SQLite's "database is locked") is retried with bounded exponential backoff
(:class:`RetryPolicy`). When the store stays unavailable through every retry, that batch's
articles fail, and each later batch is first checked with a quick ``ping()``: a dead server
costs seconds, not the full backoff per batch, and every article is still reported.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol, TypeVar

from pydantic import BaseModel, Field

from graph.errors import DiplographError, StoreUnavailable
from graph.model import Article, BulkIngestResult, IngestBatch, IngestResult
from graph.settings import get_settings
from graph.store import GraphStore
from loaders.intake.stream import Unit, UnitFailure, is_url, iter_units

__all__ = [
    "IngestFailure",
    "IngestProgress",
    "IngestReport",
    "Outcome",
    "RetryPolicy",
    "extract_units",
    "ingest_articles",
    "ingest_paths",
    "ingest_sources",
    "ingest_stream",
    "is_url",
]

log = logging.getLogger("diplograph.pipeline")
T = TypeVar("T")

DEFAULT_BATCH_SIZE = GraphStore.stream_batch_size
"""Articles per store write (one transaction per batch where the store batches), unless the
sink says otherwise (:attr:`Sink.stream_batch_size`)."""
CHUNK_SIZE = 16
"""Work units per task sent to a process or a Dask worker."""


def extract_nice() -> int:
    """How far below the writer the extraction processes of ``workers`` > 1 run (POSIX ``nice``;
    :attr:`graph.settings.Settings.extract_nice`, ``DIPLOGRAPH_EXTRACT_NICE``, 5 unless set).

    The one writer is the pipeline's serial stage (at 100,000 articles ~5 ms of CPU per article
    against extraction's ~3): with ``--workers 2`` on two cores it needs a core to itself, but the
    workers extract in bursts after each write, and with the writer's checkpoint thread that makes
    three or four runnable threads on two cores, where each gets an equal share. Below the writer,
    the workers still get the other core and every moment the writer waits (bench/README.md,
    "Thirteenth session (writer7)"). 0 keeps the workers at the writer's priority.
    """
    return get_settings().extract_nice


class IngestFailure(BaseModel):
    source: str
    error: str


Outcome = IngestResult | IngestFailure
"""What :func:`ingest_stream` yields for each article (or unreadable source)."""


class IngestProgress(BaseModel):
    """Running totals, passed to ``on_progress`` after every outcome."""

    articles: int = 0
    """Articles stored so far."""
    statements: int = 0
    failures: int = 0
    total: int | None = None
    """Articles expected, when known (a stream's length is not)."""

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, IngestFailure):
            self.failures += 1
        else:
            self.articles += 1
            self.statements += outcome.statements


ProgressHook = Callable[[IngestProgress], None]


class IngestReport(BaseModel):
    results: list[IngestResult] = Field(default_factory=list)
    failures: list[IngestFailure] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, outcome: Outcome) -> None:
        if isinstance(outcome, IngestFailure):
            self.failures.append(outcome)
        else:
            self.results.append(outcome)


def _failure(where: str, exc: BaseException, *, source: str | None = None) -> IngestFailure:
    """A failure at ``where`` (``file``, ``file:line`` or URL); the message names it once."""
    msg = str(exc)
    return IngestFailure(source=where, error=msg if (source or where) in msg else f"{where}: {msg}")


# -- extraction (runs wherever the engine puts it) ---------------------------------------
def extract_units(units: Sequence[Unit | UnitFailure], lang: str | None = None) -> list[IngestBatch | IngestFailure]:
    """Read and extract each unit: one batch per article, a failure per unreadable unit.

    A module-level function of picklable arguments, so a process pool or a Dask worker
    can run it; it touches no store.
    """
    from loaders.extract import extract
    from loaders.intake.stream import load_unit

    out: list[IngestBatch | IngestFailure] = []
    for unit in units:
        if isinstance(unit, UnitFailure):
            out.append(IngestFailure(source=unit.source, error=unit.error))
            continue
        try:
            articles = load_unit(unit).articles
        except DiplographError as exc:
            log.warning("ingest failed: %s", exc)
            out.append(_failure(unit.where, exc, source=unit.source))
            continue
        for article in articles:
            try:
                out.append(extract(article, lang=lang))
            except (DiplographError, ValueError) as exc:
                out.append(_failure(unit.where, exc, source=unit.source))
    return out


def _extracted(
    units: Iterable[Unit | UnitFailure],
    *,
    lang: str | None,
    workers: int,
    dask: str | None,
    in_flight: int,
) -> Iterator[IngestBatch | IngestFailure]:
    from loaders.parallel import bounded_map, chunked, dask_executor, process_pool

    with ExitStack() as stack:
        if dask:
            executor = stack.enter_context(dask_executor(dask, workers=workers if workers > 1 else None))
        elif workers > 1:
            executor = stack.enter_context(process_pool(workers, nice=extract_nice()))
        else:
            for unit in units:
                yield from extract_units([unit], lang)
            return
        window = max(2, in_flight // CHUNK_SIZE)
        task = partial(extract_units, lang=lang)
        for extracted in bounded_map(executor, task, chunked(units, CHUNK_SIZE), window=window):
            yield from extracted


# -- writing (one writer: this process) ---------------------------------------------------
@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff for transient store errors (:class:`StoreUnavailable`).

    Examples
    --------
    >>> list(RetryPolicy(attempts=4, base_delay=0.5, max_delay=1.5).delays())
    [0.5, 1.0, 1.5]
    """

    attempts: int = 5
    """Tries per batch, the first included."""
    base_delay: float = 0.5
    max_delay: float = 8.0

    def delays(self) -> Iterator[float]:
        """The waits between attempts (one fewer than ``attempts``)."""
        for n in range(max(self.attempts, 1) - 1):
            yield min(self.base_delay * 2**n, self.max_delay)


class Sink(Protocol):
    """Where the pipeline writes: a :class:`GraphStore`, or a bulk load's CSV export
    (:class:`graph.neo4j_bulk.BulkExport`)."""

    @property
    def kind(self) -> str: ...

    @property
    def stream_batch_size(self) -> int:
        """Articles per write when the caller does not say (:attr:`graph.store.GraphStore.stream_batch_size`)."""
        ...

    def ingest_many(self, batches: Iterable[IngestBatch], *, batch_size: int | None = None) -> BulkIngestResult: ...

    def ping(self) -> bool: ...


class _Writer:
    """The one writer: batches to the store with retries; remembers a store that stayed down."""

    def __init__(self, store: Sink, retry: RetryPolicy, sleep: Callable[[float], None]) -> None:
        self.store = store
        self.retry = retry
        self.sleep = sleep
        self.down = False

    def write(self, batches: list[IngestBatch]) -> Iterator[Outcome]:
        """Write ``batches`` in one store transaction (:meth:`GraphStore.ingest_many`); the store
        retries a failed batch article by article, so a bad article never sinks the others."""
        try:
            result = self.retrying(lambda: self.store.ingest_many(batches, batch_size=len(batches)))
        except StoreUnavailable as exc:
            log.warning("store unavailable, %d articles not stored: %s", len(batches), exc)
            for batch in batches:
                name = batch.article.source or batch.article.url or batch.article.id
                yield IngestFailure(source=name, error=f"{name}: not stored: {exc}")
            return
        yield from result.results
        for failure in result.failures:
            log.warning("store failed: %s", failure.error)
            yield IngestFailure(source=failure.source or failure.article_id, error=failure.error)

    def retrying(self, write: Callable[[], T]) -> T:
        """``write()``, retried with backoff while it raises :class:`StoreUnavailable`."""
        delays = iter(self.retry.delays())
        attempt = 0
        while True:
            attempt += 1
            if self.down and not self.store.ping():  # stayed down: fail fast, try again next batch
                raise StoreUnavailable(f"the {self.store.kind} store is unavailable (no answer to a ping)")
            try:
                result = write()
            except StoreUnavailable as exc:
                wait = None if self.down else next(delays, None)
                if wait is None:
                    self.down = True
                    raise StoreUnavailable(f"{exc} (after {attempt} attempt{'s' * (attempt > 1)})") from exc
                log.warning("store unavailable (attempt %d): %s; retrying in %.1f s", attempt, exc, wait)
                self.sleep(wait)
                continue
            self.down = False
            return result


def _written(
    store: Sink,
    items: Iterable[IngestBatch | IngestFailure],
    batch_size: int,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Outcome]:
    writer = _Writer(store, retry or RetryPolicy(), sleep)
    pending: list[IngestBatch] = []
    for item in items:
        if isinstance(item, IngestFailure):
            yield item
            continue
        pending.append(item)
        if len(pending) >= batch_size:
            yield from writer.write(pending)
            pending = []
    if pending:
        yield from writer.write(pending)


# -- entry points ---------------------------------------------------------------------------
def ingest_stream(
    store: Sink,
    sources: Iterable[str | Path],
    *,
    lang: str | None = None,
    workers: int = 1,
    dask: str | None = None,
    batch_size: int | None = None,
    on_progress: ProgressHook | None = None,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[Outcome]:
    """Ingest files, folders and URLs, yielding one outcome per article as it is stored.

    ``workers`` > 1 extracts in that many processes; ``dask`` (``"local"`` or a scheduler
    address) extracts on a Dask cluster instead. Either way this process is the one writer.
    At most about ``2 × batch_size`` articles (and never less than 64 per worker) are in
    flight, whatever the corpus size. ``on_progress`` gets the running totals after each
    outcome. Transient store errors are retried per ``retry``. ``batch_size`` defaults to the
    sink's ``stream_batch_size``.
    """
    if batch_size is None:
        batch_size = store.stream_batch_size
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    units = (unit for source in sources for unit in iter_units(source))
    in_flight = max(2 * batch_size, 64 * max(workers, 1))
    extracted = _extracted(units, lang=lang, workers=workers, dask=dask, in_flight=in_flight)
    progress = IngestProgress()
    for outcome in _written(store, extracted, batch_size, retry, sleep):
        if on_progress is not None:
            progress.add(outcome)
            on_progress(progress)
        yield outcome


def ingest_sources(
    store: GraphStore,
    sources: Iterable[str | Path],
    *,
    lang: str | None = None,
    workers: int = 1,
    dask: str | None = None,
    batch_size: int | None = None,
    on_progress: ProgressHook | None = None,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> IngestReport:
    """Ingest files, folders and URLs into a report. A bad article or source is reported
    and skipped; it never changes what is already stored."""
    report = IngestReport()
    outcomes = ingest_stream(
        store,
        sources,
        lang=lang,
        workers=workers,
        dask=dask,
        batch_size=batch_size,
        on_progress=on_progress,
        retry=retry,
        sleep=sleep,
    )
    for outcome in outcomes:
        report.add(outcome)
    return report


def ingest_articles(
    store: GraphStore,
    articles: Iterable[Article],
    *,
    lang: str | None = None,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[IngestResult]:
    """Extract and store each article, each in one store transaction; the first failure raises
    (the API's uploads). Transient store errors are retried per ``retry`` first."""
    from loaders.extract import extract

    writer = _Writer(store, retry or RetryPolicy(), sleep)
    results = []
    for article in articles:
        batch = extract(article, lang=lang)
        results.append(writer.retrying(partial(store.ingest, batch)))
    return results


def ingest_paths(store: GraphStore, paths: Iterable[str | Path], *, lang: str | None = None) -> list[IngestResult]:
    """Like :func:`ingest_sources` but raises the first failure's error after trying all sources."""
    report = ingest_sources(store, paths, lang=lang)
    if report.failures:
        from graph.errors import InputError

        raise InputError("; ".join(f.error for f in report.failures))
    return report.results
