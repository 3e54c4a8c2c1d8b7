"""Progress and summary of a long ingest, for the CLI.

On a terminal (stderr is a TTY) a rich progress bar shows articles done out of the expected
total, statements, failures, the rate and the time left; it is drawn from the pipeline's
``on_progress`` hook (:class:`loaders.pipeline.IngestProgress` totals). Elsewhere (a pipe, a log
file, CI) nothing is drawn. Either way :meth:`ProgressBar.summary` gives the closing line:
articles (new/updated), statements, failures and time.

The expected total is counted cheaply before the ingest starts (:func:`expected_articles`):
article files in folders, non-empty lines in JSON Lines files; feeds and URLs hold an unknown
number of articles, so with one of them the bar shows counts and rate without an ETA.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from graph.model import IngestResult

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from loaders.pipeline import IngestProgress as PipelineProgress

FEED_SUFFIXES = {".rss", ".atom", ".xml"}


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def expected_articles(sources: Iterable[str | Path]) -> int | None:
    """How many articles ``sources`` should hold, or None when that cannot be known cheaply.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("One")
    >>> _ = (folder / "b.jsonl").write_text('{"text": "x"}\\n\\n{"text": "y"}\\n')
    >>> expected_articles([folder]), expected_articles([folder, "https://example.org/feed"])
    (3, None)
    """
    from loaders.intake import EXTENSIONS

    total = 0
    for source in sources:
        name = str(source)
        if name.startswith(("http://", "https://")):
            return None
        root = Path(name)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in files:
            if any(part.startswith(".") for part in path.relative_to(root).parts) and path != root:
                continue
            suffix = path.suffix.lower()
            if suffix in FEED_SUFFIXES:
                return None
            if path != root and suffix not in EXTENSIONS:
                continue
            total += _count_lines(path) if suffix in (".jsonl", ".ndjson") else 1
    return total


class ProgressBar:
    """Draws a rich bar on a terminal from the pipeline's totals; counts outcomes for the summary.

    Use as a context manager; pass the instance as ``on_progress`` and give it each outcome.
    """

    def __init__(self, total: int | None, *, enabled: bool | None = None) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.articles = self.created = self.statements = self.failures = 0
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressBar:
        self.started = time.monotonic()
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("articles · {task.fields[statements]:,} statements · {task.fields[failures]} failed"),
                TextColumn("· {task.fields[rate]}/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("ingest", total=self.total, statements=0, failures=0, rate="–")
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def log(self, message: str) -> None:
        """A line above the bar (a failure, a warning); plain stderr without a bar."""
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr)

    def add(self, outcome: object) -> None:
        """Count one outcome (an :class:`IngestResult` or a failure) for the summary."""
        if isinstance(outcome, IngestResult):
            self.articles += 1
            self.created += int(outcome.created)
            self.statements += outcome.statements
        else:
            self.failures += 1

    def __call__(self, totals: PipelineProgress) -> None:
        """The pipeline's ``on_progress`` hook: redraw the bar from its running totals."""
        if self._progress is None or self._task is None:
            return
        done = totals.articles + totals.failures
        expected = totals.total if totals.total is not None else self.total
        self._progress.update(
            self._task, completed=done, total=expected if expected is not None and done <= expected else None,
            statements=totals.statements, failures=totals.failures,
            rate=f"{done / max(self.elapsed, 1e-6):,.1f}",
        )  # fmt: skip

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def summary(self) -> str:
        """E.g. ``ingested 12 articles (10 new, 2 updated), 48 statements, 1 failed in 3.2 s (3.8 articles/s)``."""
        rate = self.articles / self.elapsed if self.elapsed > 0 else 0.0
        updated = self.articles - self.created
        return (
            f"ingested {self.articles:,} article{'s' if self.articles != 1 else ''} "
            f"({self.created:,} new, {updated:,} updated), {self.statements:,} statements, "
            f"{self.failures:,} failed in {self.elapsed:.1f} s ({rate:,.1f} articles/s)"
        )
