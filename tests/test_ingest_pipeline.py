"""The ingest pipeline: streaming intake, per-article failures, parallel extraction.

Speed is measured by ``bench/bench_ingest.py``, never here; these tests check behaviour.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from pathlib import Path

import pytest
from pydantic import ValidationError
from support.ingest import fixture_lines, snapshot

import loaders.parallel
from api.cli import main
from graph.model import BulkIngestResult, IngestBatch, IngestResult
from graph.neo4j_bulk import BulkExport
from graph.settings import Settings, get_settings
from graph.sqlite_store import SqliteStore
from loaders.intake.stream import Unit, UnitFailure, iter_units
from loaders.parallel import bounded_map, chunked, process_pool
from loaders.pipeline import (
    DEFAULT_BATCH_SIZE,
    IngestFailure,
    ingest_sources,
    ingest_stream,
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(fixture_lines()) + "\n", encoding="utf-8")
    return path


def test_units_are_read_lazily_line_by_line(corpus: Path) -> None:
    units = iter_units(corpus)
    first = next(units)
    assert isinstance(first, Unit) and first.kind == "line" and first.lineno == 1
    assert first.where == f"{corpus}:1"
    rest = list(units)
    assert len(rest) + 1 == len(fixture_lines())


def test_a_folder_is_walked_in_order_and_missing_paths_fail_alone(tmp_path: Path, corpus: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.txt").write_text("Title\n\nBody.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A\n\nBody.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("H\n\nBody.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    sources = [u.source for u in iter_units(tmp_path) if isinstance(u, Unit) and u.kind == "file"]
    assert sources == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "page.txt")]
    missing = list(iter_units(tmp_path / "nope"))
    assert len(missing) == 1 and isinstance(missing[0], UnitFailure) and "no such file" in missing[0].error


def test_streaming_ingests_before_the_input_ends(tmp_path: Path) -> None:
    """A JSON Lines stream (a pipe) is ingested article by article: the first article is stored
    while the writer of the pipe is still blocked, so intake cannot have read it all."""
    fifo = tmp_path / "live.jsonl"
    os.mkfifo(fifo)
    lines = fixture_lines()
    more = threading.Event()

    def writer() -> None:
        with fifo.open("w", encoding="utf-8") as pipe:
            pipe.write(lines[0] + "\n")
            pipe.flush()
            more.wait(timeout=60)
            for line in lines[1:4]:
                pipe.write(line + "\n")

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with SqliteStore(tmp_path / "g.db") as store:
            store.ensure_schema()
            outcomes = ingest_stream(store, [fifo], batch_size=1)
            first = next(outcomes)
            assert isinstance(first, IngestResult)
            assert not more.is_set() and store.counts().articles == 1  # stored while the rest is unwritten
            more.set()
            rest = list(outcomes)
            assert all(isinstance(o, IngestResult) for o in rest) and len(rest) == 3
            assert store.counts().articles == 4
    finally:
        more.set()
        thread.join()


def test_bounded_map_reads_ahead_at_most_the_window() -> None:
    from concurrent.futures import ThreadPoolExecutor

    read: list[int] = []

    def numbers() -> Iterator[int]:
        for i in range(10_000):
            read.append(i)
            yield i

    with ThreadPoolExecutor(2) as pool:
        results = bounded_map(pool, lambda x: x * 2, numbers(), window=8)
        assert [next(results) for _ in range(3)] == [0, 2, 4]
        assert len(read) <= 3 + 8
        assert sum(results) == sum(range(3, 10_000)) * 2
    assert [len(c) for c in chunked(range(40), 16)] == [16, 16, 8]


def test_a_bad_line_fails_alone_and_names_file_and_line(tmp_path: Path, corpus: Path) -> None:
    lines = fixture_lines()[:3]
    path = tmp_path / "mixed.jsonl"
    path.write_text(lines[0] + "\n{not json\n" + lines[1] + '\n{"title": "no text"}\n' + lines[2] + "\n")
    with SqliteStore(tmp_path / "g.db") as store:
        store.ensure_schema()
        report = ingest_sources(store, [path, tmp_path / "missing.jsonl"])
        assert len(report.results) == 3 and store.counts().articles == 3
        assert [f.source for f in report.failures] == [f"{path}:2", f"{path}:4", str(tmp_path / "missing.jsonl")]
        assert "line 2: not valid JSON" in report.failures[0].error and str(path) in report.failures[0].error
        assert "'text' is missing" in report.failures[1].error
        assert "no such file" in report.failures[2].error


def test_workers_give_the_same_graph_as_one_process(tmp_path: Path, corpus: Path) -> None:
    with SqliteStore(tmp_path / "one.db") as one, SqliteStore(tmp_path / "pool.db") as pool:
        one.ensure_schema()
        pool.ensure_schema()
        single = ingest_sources(one, [corpus])
        parallel = ingest_sources(pool, [corpus], workers=2, batch_size=7)
        assert not single.failures and not parallel.failures
        assert [r.article_id for r in parallel.results] == [r.article_id for r in single.results]
        expected = snapshot(one)
        assert expected[2] == len(fixture_lines()) and len(expected[0]) > 50
        assert snapshot(pool) == expected


def test_extraction_workers_run_below_the_writer(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one writer keeps its core: the pipeline's extraction processes run ``extract_nice``
    steps below it (each worker's own niceness; DIPLOGRAPH_EXTRACT_NICE), and a plain pool keeps
    the caller's."""
    monkeypatch.delenv("DIPLOGRAPH_EXTRACT_NICE", raising=False)
    get_settings.cache_clear()
    default = Settings().extract_nice
    assert default > 0
    here = os.nice(0)
    with process_pool(2, nice=default) as pool:
        assert {pool.submit(os.nice, 0).result() for _ in range(8)} == {min(here + default, 19)}
    with process_pool(1) as pool:
        assert pool.submit(os.nice, 0).result() == here
    opened: list[int] = []
    real = loaders.parallel.process_pool

    def spy(workers: int, *, nice: int = 0) -> contextlib.AbstractContextManager[Executor]:
        opened.append(nice)
        return real(workers, nice=nice)

    monkeypatch.setattr(loaders.parallel, "process_pool", spy)
    try:
        with SqliteStore(tmp_path / "g.db") as store:
            store.ensure_schema()
            assert not ingest_sources(store, [corpus], workers=2).failures
            monkeypatch.setenv(
                "DIPLOGRAPH_EXTRACT_NICE", "0"
            )  # the writer's priority, for an A/B or a machine to itself
            get_settings.cache_clear()
            assert not ingest_sources(store, [corpus], workers=2).failures
            monkeypatch.setenv("DIPLOGRAPH_EXTRACT_NICE", "-3")
            get_settings.cache_clear()
            with pytest.raises(ValidationError, match="extract_nice"):
                ingest_sources(store, [corpus], workers=2)
    finally:
        monkeypatch.delenv("DIPLOGRAPH_EXTRACT_NICE", raising=False)
        get_settings.cache_clear()
    assert opened == [default, 0]


def test_cli_ingest_with_workers(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(fixture_lines()[0] + "\n[1, 2]\n", encoding="utf-8")
    assert main(["--store", db, "ingest", str(corpus), str(bad), "--workers", "2", "--json"]) == 1
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert report["counts"]["articles"] == len(fixture_lines())  # bad.jsonl's good line is a re-ingest
    assert [f["source"] for f in report["failures"]] == [f"{bad}:2"]
    assert f"{bad}: line 2: expected a JSON object" in out.err
    with pytest.raises(SystemExit):
        main(["--store", db, "ingest", str(corpus), "--workers", "0"])
    assert "at least 1" in capsys.readouterr().err


def test_failures_are_outcomes_in_the_stream_and_progress_counts_them(tmp_path: Path, corpus: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    seen: list[tuple[int, int, int]] = []
    with SqliteStore(tmp_path / "g.db") as store:
        store.ensure_schema()
        hook = lambda p: seen.append((p.articles, p.statements, p.failures))  # noqa: E731
        outcomes = list(ingest_stream(store, [path, corpus], batch_size=10, on_progress=hook))
    assert isinstance(outcomes[0], IngestFailure) and "empty JSON Lines file" in outcomes[0].error
    results = [o for o in outcomes if isinstance(o, IngestResult)]
    assert len(seen) == len(outcomes) and seen[0] == (0, 0, 1)
    assert seen[-1] == (len(results), sum(r.statements for r in results), 1)


class _CountingStore(SqliteStore):
    stream_batch_size = 3

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.sizes: list[int] = []

    def ingest_many(self, batches: Iterable[IngestBatch], *, batch_size: int | None = None) -> BulkIngestResult:
        batches = list(batches)
        self.sizes.append(len(batches))
        return super().ingest_many(batches, batch_size=batch_size)


def test_a_stream_writes_in_the_stores_batch_size_unless_told(tmp_path: Path, corpus: Path) -> None:
    # a SQLite store writes twice the default batch per transaction (its commit and checkpoint cost
    # per page changed; bench/README "Twelfth session (writer6)"); --batch-size still decides
    with SqliteStore(tmp_path / "s.db") as plain:
        assert plain.stream_batch_size == 400 > DEFAULT_BATCH_SIZE == BulkExport.stream_batch_size
    n = len(fixture_lines())
    store = _CountingStore(tmp_path / "g.db")
    with store:
        store.ensure_schema()
        assert not ingest_sources(store, [corpus]).failures
        assert store.sizes == [3] * (n // 3) + ([n % 3] if n % 3 else [])
        store.sizes.clear()
        assert not ingest_sources(store, [corpus], batch_size=5).failures
        assert store.sizes == [5] * (n // 5) + ([n % 5] if n % 5 else [])
