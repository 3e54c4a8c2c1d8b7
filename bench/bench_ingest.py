"""Ingest benchmark: the real ``diplograph ingest`` CLI, end to end, on generated corpora.

Usage::

    .venv/bin/python bench/bench_ingest.py [--articles 1000 10000] [--workers 1 2] [--store-dir /tmp]
        [--dask] [--keep]

For each corpus size (articles from ``bench/corpus.py``, cached under ``--store-dir``) and
each worker count it runs ``diplograph ingest corpus.jsonl --workers N`` into a fresh SQLite
store, sampling the resident memory of the whole process tree (the writer and its
extraction workers) every 0.2 s, and prints articles/s, statements/s, CPU seconds, peak RSS
(the sum over the tree, and the writer alone) and, on the smaller corpora, how many of the
statements the templates put in extraction found — next to the goals of issue 12, with the
machine description and its load. Numbers, not assertions: a busy machine gives slower
figures, which is why the load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import rows  # noqa: E402
from bench.proc import cpu_seconds, machine, status_kb, tree  # noqa: E402
from loaders.pipeline import extract_nice  # noqa: E402

GOAL_RATE = 200.0  # articles/s, CLI ingest into SQLite with --workers 2
GOAL_RSS_MB = 1024.0  # peak RSS for 100k articles


def tree_rss_kb(pid: int) -> tuple[int, int]:
    """(sum of RSS over ``pid`` and all its descendants, RSS of ``pid`` alone), in kB."""
    return sum(status_kb(p, "VmRSS") for p in tree(pid)), status_kb(pid, "VmRSS")


@dataclass
class Run:
    articles: int
    workers: int
    mode: str
    seconds: float
    cpu_seconds: float
    statements: int
    failures: int
    peak_tree_mb: float
    peak_writer_mb: float
    writer_cpu_seconds: float = 0.0
    """The writer process alone (its last sample, at most 0.2 s before it exits)."""
    fallbacks: int = 0
    """Transactions the store retried one article at a time (warnings in the CLI's log)."""
    found: float | None = None

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def corpus(n: int, folder: Path, seed: int) -> tuple[Path, Path]:
    path, truth = folder / f"corpus-{n}-s{seed}.jsonl", folder / f"corpus-{n}-s{seed}.truth.jsonl"
    if not path.exists() or not truth.exists():
        from bench.corpus import write_corpus

        t0 = time.perf_counter()
        write_corpus(path, n, seed=seed, truth=truth)
        print(f"  generated {n:,} articles in {time.perf_counter() - t0:.1f} s → {path}", flush=True)
    return path, truth


def run_ingest(path: Path, n: int, db: Path, workers: int, dask: bool) -> Run:
    db.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "api.cli",
        "--store",
        f"sqlite:///{db}",
        "ingest",
        str(path),
        "--workers",
        str(workers),
    ]
    if dask:
        cmd += ["--dask", "local"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # the CLI prints a line per article: to files, never to a pipe nobody reads while it runs
    with tempfile.TemporaryDirectory() as logs:
        out_path, err_path = Path(logs) / "out", Path(logs) / "err"
        out_file, err_file = out_path.open("a"), err_path.open("a")
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out_file, stderr=err_file, text=True)
        out_file.close()
        err_file.close()
        peak_tree = peak_writer = 0
        writer_cpu = 0.0
        last = t0
        while proc.poll() is None:
            tree, writer = tree_rss_kb(proc.pid)
            peak_tree, peak_writer = max(peak_tree, tree), max(peak_writer, writer)
            writer_cpu = cpu_seconds(proc.pid) or writer_cpu
            time.sleep(0.2)
            if time.perf_counter() - last > 60:
                last = time.perf_counter()
                done = _count_lines(out_path)
                print(f"    … {last - t0:.0f} s: {done:,} articles, RSS {tree / 1024:.0f} MB "
                      f"(peak {peak_tree / 1024:.0f} MB), writer CPU {writer_cpu:.0f} s, "
                      f"WAL {_wal_mb(db):,.0f} MB, load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        seconds = time.perf_counter() - t0
        out, err = out_path.read_text(), err_path.read_text()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = [line for line in out.splitlines() if line.startswith("store:")]
    statements = int(summary[-1].split(",")[1].split()[0]) if summary else 0
    failures = sum(1 for line in err.splitlines() if line.startswith("error:"))
    fallbacks = err.count("retried one article at a time")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{err[-2000:]}")
    run = Run(
        n, workers, "dask local" if dask else "pool" if workers > 1 else "in-process",
        seconds, cpu, statements, failures, peak_tree / 1024, peak_writer / 1024, writer_cpu, fallbacks,
    )  # fmt: skip
    what = f"{n:,} articles, --workers {workers} ({run.mode})"
    key = f"ingest/{run.mode}/{workers}"
    rows.record(f"{key}/rate", run.rate, "articles/s", what=what, size=n)
    rows.record(f"{key}/peak_rss", run.peak_tree_mb, "MB", what=what, size=n)
    rows.record(f"{key}/failures", failures, "articles", what=what, size=n)
    return run


def _wal_mb(db: Path) -> float:
    """The write-ahead log's high-water mark (it is reused from its start, not truncated, once
    checkpoints keep up; a log that keeps growing slows every read of the writer)."""
    try:
        return Path(f"{db}-wal").stat().st_size / 2**20
    except OSError:
        return 0.0


def _count_lines(path: Path) -> int:
    with path.open(encoding="utf-8", errors="replace") as lines:
        return sum(1 for line in lines if line.startswith("ingested "))


def found_share(db: Path, truth: Path) -> float:
    """Share of the template statements (speaker, relation, target) found in the store."""
    import sqlite3

    from graph.model import Article

    conn = sqlite3.connect(db)
    got: set[tuple[str, str, str, str]] = set()
    for article_id, speaker, relation, actor in conn.execute(
        "SELECT s.article_id, s.speaker_id, s.relation, sa.actor_id FROM statements s "
        "JOIN statement_actors sa ON sa.statement_id = s.id AND sa.role = 'target'"
    ):
        got.add((article_id, speaker or "", relation, actor))
    conn.close()
    total = hit = 0
    with truth.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            aid = Article.make_id(row["url"], "")
            for st in row["statements"]:
                total += 1
                hit += (aid, st["speaker"], st["relation"], st["target"]) in got
    return hit / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, nargs="+", default=[1000])
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--dask", action="store_true", help="also run --dask local with the largest worker count")
    p.add_argument("--store-dir", type=Path, default=Path(tempfile.gettempdir()) / "diplograph-bench")
    p.add_argument("--seed", type=int, default=12)
    args = p.parse_args(argv)
    args.store_dir.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    runs: list[Run] = []
    for n in args.articles:
        path, truth = corpus(n, args.store_dir, args.seed)
        plans = [(w, False) for w in args.workers] + ([(max(args.workers), True)] if args.dask else [])
        for workers, dask in plans:
            db = args.store_dir / f"ingest-{n}-{workers}{'-dask' if dask else ''}.db"
            run = run_ingest(path, n, db, workers, dask)
            if n <= 10_000:
                run.found = found_share(db, truth)
            runs.append(run)
            found = f"; template statements found {run.found:.0%}" if run.found is not None else ""
            if run.mode == "pool":  # Settings.extract_nice (DIPLOGRAPH_EXTRACT_NICE)
                found += f"; extraction workers {extract_nice()} nice steps below the writer"
            print(
                f"  {n:>7,} articles, --workers {workers} ({run.mode}): {run.seconds:7.1f} s, "
                f"{run.rate:6.1f} articles/s, {run.statements / run.seconds:7.0f} statements/s, "
                f"CPU {run.cpu_seconds:6.1f} s (writer {run.writer_cpu_seconds:.1f} s), peak RSS {run.peak_tree_mb:6.0f} MB (writer {run.peak_writer_mb:.0f} MB), "
                f"{run.failures} failures, {run.fallbacks} batches retried article by article{found}",
                flush=True,
            )
    print(f"\nmachine: {machine()}")
    print("figure                                        measured        goal")
    for run in runs:
        if run.workers == 2 and run.mode == "pool":
            print(
                f"CLI ingest into SQLite, --workers 2, {run.articles:>7,}: {run.rate:7.1f} art/s   ≥ {GOAL_RATE:.0f} art/s"
            )
        if run.articles >= 100_000:
            print(
                f"peak RSS, {run.articles:,} articles, {run.mode} {run.workers}: {run.peak_tree_mb:7.0f} MB      "
                f"≤ {GOAL_RSS_MB:.0f} MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
