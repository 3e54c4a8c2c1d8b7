"""Store scale benchmark: issue 12's store and query figures next to their goals.

Usage::

    .venv/bin/python bench/bench_scale.py [--sqlite sqlite:////tmp/scale.db] [--neo4j bolt://127.0.0.1:17731]
        [--statements 1000000] [--per-article 8]

For each store given: grows a synthetic graph (bench/statements.py) to 10k, 100k and
``--statements`` statements with ``ingest_many``, measuring at each size the cost of
ingesting fresh articles one by one; then, at full size, the p95 of ego networks (depth 1
and 2), centrality over everything, and statement pages by speaker and by target + month.
On Neo4j it also times a naive writer (one MERGE per row, one transaction per row) in the
same run: a warm-up batch of each writer, then alternated rounds on fresh articles, medians.
Numbers, not assertions; the store is wiped first (use a scratch store).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from bench import proc, rows
from bench.statements import DAYS, Universe, batches
from graph import service
from graph.errors import QueryError
from graph.factory import open_store
from graph.model import CountUnit, IngestBatch, Relation, StatementQuery
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore

#: CPU-time medians of the last p95() call (this process: the SQLite store runs in it).
LAST_CPU: list[float] = [0.0]


def each(call: Callable[[], object]) -> Callable[[int], object]:
    """``call`` as a :func:`p95` read (which passes the repeat's index)."""
    return lambda _i: call()


def p95(fn: Callable[[int], object], repeat: int = 30) -> tuple[float, float]:
    """Wall-clock p50 and p95 in ms; the CPU-time p50 goes to LAST_CPU (shared machine)."""
    times, cpu = [], []
    for i in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    times.sort()
    LAST_CPU[0] = statistics.median(cpu)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def row(
    what: str, value: str, goal: str, *, key: str = "", number: float = 0.0, unit: str = "", size: int | None = None
) -> None:
    """Print one figure; with ``key``, also record ``number`` (bench/rows.py) for bench/table.py."""
    print(f"  {what:52s} {value:>28s}   goal {goal:14s} (load {os.getloadavg()[0]:.1f})", flush=True)
    if key:
        rows.record(key, number, unit, what=what, size=size)


class Cpu:
    """CPU seconds of this process and, when its pid is known, of the Neo4j server: on a
    shared, loaded machine statements per CPU-second say more than statements per second."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid

    def now(self) -> float:
        return time.process_time() + self.server()

    def server(self) -> float:
        if not self.server_pid:
            return 0.0
        return proc.stat(self.server_pid).seconds


def rss_mb() -> float:
    """Resident memory of this process now (MB)."""
    return proc.status_kb("self", "VmRSS") / 1024


#: Articles per transaction while filling (--fill-batch; None: the store's batch size). The
#: claims depend only on the set of reports, so the filled store is the same; fewer, larger
#: transactions regroup each week's claims fewer times.
FILL_BATCH: list[int | None] = [None]
#: --warm-up: run GraphStore.warm_up after opening the store, before the reads
WARM_UP: list[bool] = [False]


def fill(
    store: GraphStore, uni: Universe, start: int, articles: int, per_article: int, feed: int | None, step: int = 12_500
) -> tuple[float, float]:
    """Ingest ``articles`` articles with ingest_many, printing progress every ``step`` articles;
    (statements/s wall, statements per CPU-second). ``feed``: the run's article count when
    the articles come in date order (bench.statements.batches ``days``), None for random dates."""
    t, c, n = time.perf_counter(), time.process_time(), 0
    for at in range(start, start + articles, step):
        k = min(step, start + articles - at)
        days = (at * DAYS // feed, (at + k) * DAYS // feed) if feed else None
        t1, c1 = time.perf_counter(), time.process_time()
        res = store.ingest_many(batches(uni, k, per_article, start=at, days=days), batch_size=FILL_BATCH[0])
        assert not res.failures, res.failures[:3]
        n += res.statements
        if articles > step:
            dt, dc = time.perf_counter() - t1, time.process_time() - c1
            row(f"  fill to {(at + k) * per_article:,} statements",
                f"{res.statements / dt:,.0f}/s, {res.statements / dc:,.0f}/cpu-s, rss {rss_mb():,.0f} MB", "")  # fmt: skip
    return n / (time.perf_counter() - t), n / (time.process_time() - c)


def per_article_cost(
    store: GraphStore, uni: Universe, start: int, per_article: int, day: int | None, n: int = 60
) -> tuple[float, float]:
    """(wall, CPU) ms per fresh article ingested alone (ingest(), one transaction each), dated
    ``day`` (days after bench.statements.START) or at random over the two years."""
    sample = list(batches(uni, n, per_article, start=start, days=None if day is None else (day, day)))
    t, c = time.perf_counter(), time.process_time()
    for b in sample:
        store.ingest(b)
    return (time.perf_counter() - t) * 1000 / n, (time.process_time() - c) * 1000 / n


def naive_writer(store: GraphStore, sample: list[IngestBatch]) -> int:
    """Neo4j: one MERGE per row, one transaction per row; the number of statements written.
    Remove its rows afterwards with :func:`naive_cleanup` (they are not part of the graph)."""
    from graph.neo4j_store import Neo4jStore, _statement_props

    assert isinstance(store, Neo4jStore)
    cy = store.cypher
    n = 0
    for b in sample:
        for a in b.actors:
            cy.write("MERGE (a:Actor {id: $id}) SET a.name = $name, a.kind = $kind",
                     {"id": a.id, "name": a.name, "kind": a.kind.value})  # fmt: skip
        cy.write("MERGE (a:Article {id: $id}) SET a.title = $title", {"id": b.article.id, "title": b.article.title})
        for st in b.statements:
            cy.write(
                "MERGE (s:Statement {id: $id}) SET s += $props", {"id": st.id, "props": _statement_props(st, None)}
            )
            cy.write("MATCH (s:Statement {id: $sid}), (a:Article {id: $aid}) MERGE (s)-[:REPORTED_IN]->(a)",
                     {"sid": st.id, "aid": b.article.id})  # fmt: skip
            cy.write("MATCH (p:Actor {id: $p}), (s:Statement {id: $sid}) MERGE (p)-[:STATED]->(s)",
                     {"p": st.speaker_id, "sid": st.id})  # fmt: skip
            cy.write("MATCH (s:Statement {id: $sid}), (o:Actor {id: $o}) MERGE (s)-[:ON_BEHALF_OF]->(o)",
                     {"o": st.on_behalf_of_id, "sid": st.id})  # fmt: skip
            for tg in st.targets:
                cy.write("MATCH (s:Statement {id: $sid}), (t:Actor {id: $t}) MERGE (s)-[:ABOUT {role: 'target'}]->(t)",
                         {"t": tg.actor_id, "sid": st.id})  # fmt: skip
            n += 1
    return n


def naive_cleanup(store: GraphStore, sample: list[IngestBatch]) -> None:
    """Delete what :func:`naive_writer` wrote for ``sample`` (not timed)."""
    assert isinstance(store, Neo4jStore)
    for b in sample:
        store.cypher.write("MATCH (s:Statement {article_id: $id}) DETACH DELETE s", {"id": b.article.id})
        store.cypher.write("MATCH (a:Article {id: $id}) DETACH DELETE a", {"id": b.article.id})


def run(
    url: str,
    total: int,
    per_article: int,
    *,
    server_pid: int | None = None,
    naive_articles: int = 25,
    compare_articles: int = 2000,
    queries_only: bool = False,
    only_actors: bool = False,
    archive: bool = False,
    actors: str = "all",
) -> None:
    uni = Universe(seed=7)
    with open_store(url) as store:
        order = "random dates (archive back-fill)" if archive else "date order (a feed)"
        print(
            f"\n== {store.kind} ({url}), batch size {store.batch_size} (fill: {FILL_BATCH[0] or store.batch_size}),"
            f" articles in {order}"
        )
        if not queries_only:
            fill_and_compare(store, uni, total, per_article, server_pid, naive_articles, compare_articles, archive)
        if WARM_UP[0]:  # what the API's start runs (api.app: GraphStore.warm_up), before the reads
            cpu = Cpu(server_pid)
            start, used = time.perf_counter(), cpu.server()
            done = store.warm_up()
            took = ", ".join(f"{r.read} {r.seconds * 1000:.0f}" for r in done.reads)
            print(f"  warm-up {(time.perf_counter() - start) * 1000:.0f} ms wall, server CPU "
                  f"{(cpu.server() - used) * 1000:.0f} ms ({took} ms)", flush=True)  # fmt: skip
        if total or queries_only:  # --statements 0: the writer comparison alone
            queries(store, uni, only_actors, actors)


def fill_and_compare(
    store: GraphStore,
    uni: Universe,
    total: int,
    per_article: int,
    server_pid: int | None,
    naive_articles: int,
    compare_articles: int,
    archive: bool = False,
) -> None:
    """Grow the graph (ingest cost at each size), then the Neo4j writer comparison (``total``
    0: the comparison alone, on an empty store)."""
    if isinstance(store, Neo4jStore):  # a bench server must be empty or a test database: never a user's graph
        owner = f"bench-{uuid.uuid4().hex}"
        store.claim_for_tests(owner)
        store.wipe(owner)
        store.ensure_schema()
    done = 0
    rates: list[tuple[float, float]] = []
    feed = None if archive else max(total // per_article, 1)
    for size in [s for s in (10_000, 100_000, 1_000_000) if s < total] + ([total] if total else []):
        need = (size - done * per_article) // per_article
        if need > 0:
            rates.append(fill(store, uni, done, need, per_article, feed))
            done += need
        done_st = store.counts().statements
        today = None if feed is None else min(done * DAYS // feed, DAYS - 1)
        for label, day, start in (("dated today", today, 10**8), ("random date", None, 4 * 10**8)):
            if label == "dated today" and day is None:
                continue
            wall, cpu_ms = per_article_cost(store, uni, start + done, per_article, day)
            row(f"ingest cost, one article alone ({label}), at {done_st:,} statements",
                f"{wall:.2f} ms/article, cpu {cpu_ms:.2f}", "flat: <= 2x",
                key=f"{store.kind}/ingest_cost/{label}", number=wall, unit="ms/article", size=done_st)  # fmt: skip
    if rates:
        row("ingest_many throughput (fill, whole run)",
            f"{statistics.mean(r for r, _ in rates):,.0f}/s, {statistics.mean(c for _, c in rates):,.0f}/cpu-s", "")  # fmt: skip
    if store.kind == "neo4j":
        naive = compare_writers(
            store, uni, per_article, server_pid, naive_articles, compare_articles, COMPARE_ROUNDS[0]
        )
        if BULK[0]:
            bulk_load(uni, BULK[0], per_article, naive)


#: Measured rounds of the writer comparison (--compare-rounds), each one ingest_many batch and
#: one naive batch on fresh articles, after one warm-up batch of each.
COMPARE_ROUNDS: list[int] = [3]


def _timed(cpu: Cpu, write: Callable[[], int]) -> tuple[float, float, float, float]:
    """Run ``write`` (it returns its statement count): statements/s wall, statements per
    CPU-second (client + server), client and server CPU ms per statement."""
    t, c, sc = time.perf_counter(), time.process_time(), cpu.server()
    n = write()
    wall = time.perf_counter() - t
    client, server = time.process_time() - c, cpu.server() - sc
    return n / wall, n / (client + server), client / n * 1000, server / n * 1000


def compare_writers(
    store: GraphStore,
    uni: Universe,
    per_article: int,
    server_pid: int | None,
    naive_articles: int,
    compare_articles: int,
    rounds: int,
) -> tuple[float, float]:
    """The Neo4j writer comparison, made stable: ``ingest_many`` (batched) against the naive
    writer (one MERGE per row, one autocommit transaction per row), both on an equally warm
    server — one unmeasured warm-up batch of each first —, then ``rounds`` alternated rounds
    (A/B, B/A, ...) on fresh articles at random dates; medians per writer and the ratio of the
    medians, wall next to CPU (client + server when ``server_pid`` is given). Returns the naive
    writer's median statements per second and per CPU-second."""
    cpu = Cpu(server_pid)
    seq = iter(range(10**6))

    def fast(n: int) -> Callable[[], int]:
        def write() -> int:
            res = store.ingest_many(batches(uni, n, per_article, start=3 * 10**8 + next(seq) * 10**6))
            assert not res.failures, res.failures[:3]
            return res.statements

        return write

    def naive(n: int) -> tuple[float, float, float, float]:
        sample = list(batches(uni, n, per_article, start=2 * 10**8 + next(seq) * 10**6))
        timed = _timed(cpu, lambda: naive_writer(store, sample))
        naive_cleanup(store, sample)
        return timed

    _timed(cpu, fast(max(compare_articles // 4, 1)))  # warm-up: JIT, page cache, query plans
    naive(max(naive_articles // 2, 1))
    runs: dict[str, list[tuple[float, float, float, float]]] = {"batched": [], "naive": []}
    for r in range(rounds):
        order = ("batched", "naive") if r % 2 == 0 else ("naive", "batched")
        for name in order:
            runs[name].append(_timed(cpu, fast(compare_articles)) if name == "batched" else naive(naive_articles))
    med = {name: [statistics.median(x[i] for x in rs) for i in range(4)] for name, rs in runs.items()}
    for name, what, goal, key in (
        ("batched", f"Neo4j ingest_many, {compare_articles * per_article:,} fresh statements a round", ">= 20,000/s",
         "neo4j/ingest_many"),
        ("naive", f"naive writer (one MERGE per row), {naive_articles * per_article:,} a round", "", "neo4j/naive"),
    ):  # fmt: skip
        rates = " ".join(f"{x[0]:,.0f}" for x in runs[name])
        row(what, f"median {med[name][0]:,.0f} statements/s", goal, key=key, number=med[name][0], unit="statements/s")
        row(f"  rounds (statements/s): {rates}", "", "")
        if server_pid:
            row("  per CPU-second (client + server), median", f"{med[name][1]:,.0f}", "")
            row("  CPU per statement, client / server, median", f"{med[name][2]:.2f} / {med[name][3]:.2f} ms", "")
    ratio = med["batched"][0] / med["naive"][0]
    row("ratio of the medians (wall)", f"{ratio:.1f}x", ">= 20x", key="neo4j/writer_ratio", number=ratio, unit="x")
    if server_pid:
        row("ratio of the medians (CPU)", f"{med['batched'][1] / med['naive'][1]:.1f}x", ">= 20x")
    return float(med["naive"][0]), float(med["naive"][1])


#: Statements of the bulk-load row (--bulk-load; 0: none).
BULK: list[int] = [0]
BULK_KEEP: list[Path | None] = [None]  # --bulk-keep: the bulk-loaded database stays here, stopped


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _peak_rss(reset: bool = False) -> float:
    """This process's peak resident set size in MB (``VmHWM``); ``reset`` starts it again from
    the current size (Linux ``/proc/self/clear_refs``)."""
    if reset:
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")
    return (proc.status_kb("self", "VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def bulk_load(uni: Universe, statements: int, per_article: int, naive: tuple[float, float]) -> None:
    """The bulk load (graph/neo4j_bulk.py) of ``statements`` fresh statements in date order into a
    new database of a scratch server of its own (heap 2g, page cache 1g; started after the import,
    its start not counted): CSV files (the batches streamed, then the claims grouped and the
    statements, claims and stance pieces written at ``finish``), ``neo4j-admin database import
    full``, then the first open (``ensure_schema``: constraints and indexes, empty lists). Wall and
    CPU (this process; the exporter's worker processes, the import tool, the server) per phase
    and the exporter's peak RSS; the whole path against the naive writer's median. The exporter
    runs one worker per core (``BulkExport(workers=...)``, as ``diplograph bulk-load --workers``)."""
    from graph.neo4j_bulk import BulkExport, import_tool, run_import

    keep = BULK_KEEP[0]
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        if any(keep.iterdir()):
            raise SystemExit(f"--bulk-keep {keep}: not empty (the bulk load needs a new server directory)")
    root = keep if keep is not None else Path(tempfile.mkdtemp(prefix="bench-bulk-"))
    script = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-local.sh"
    port = _free_port()
    env = {**os.environ, "NEO4J_LOCAL_DIR": str(root), "NEO4J_BOLT_PORT": str(port), "NEO4J_HEAP": "2g",
           "NEO4J_PAGECACHE": "1g"}  # fmt: skip
    articles = statements // per_article
    phases: list[tuple[str, float, float, float]] = []  # (phase, wall s, client CPU s, other CPU s)
    base_rss = _peak_rss(reset=True)
    t, c, k = time.perf_counter(), time.process_time(), _children_cpu()
    export = BulkExport(root / "csv", workers=os.cpu_count() or 1)
    made = [0.0, 0.0]  # making the articles (bench/statements.py): wall, CPU

    def made_timed(it: Iterable[IngestBatch]) -> Iterator[IngestBatch]:
        it = iter(it)
        while True:
            t0, c0 = time.perf_counter(), time.process_time()
            b = next(it, None)
            made[0], made[1] = made[0] + time.perf_counter() - t0, made[1] + time.process_time() - c0
            if b is None:
                return
            yield b

    res = export.ingest_many(made_timed(batches(uni, articles, per_article, start=5 * 10**8, days=(0, DAYS))))
    assert not res.failures, res.failures[:3]
    phases.append(("CSV: the batches streamed (extraction not included)", time.perf_counter() - t,
                   time.process_time() - c, _children_cpu() - k))  # fmt: skip
    streamed_rss = _peak_rss()
    t, c, k = time.perf_counter(), time.process_time(), _children_cpu()
    files = export.finish()
    phases.append(("CSV: finish (claims grouped; statements, claims, pieces, counts written)",
                   time.perf_counter() - t, time.process_time() - c, _children_cpu() - k))  # fmt: skip
    finished_rss = _peak_rss()
    del export
    csv_bytes = sum(f.stat().st_size for f in (root / "csv").glob("*.csv"))
    t, c, k = time.perf_counter(), time.process_time(), _children_cpu()
    run_import(import_tool(root / "home", memory="1g"), files)
    phases.append(("neo4j-admin database import full", time.perf_counter() - t, time.process_time() - c,
                   _children_cpu() - k))  # fmt: skip
    subprocess.run(["bash", str(script), "start"], env=env, check=True, capture_output=True)
    try:
        cpu = Cpu(int((root / "neo4j.pid").read_text()))
        store = Neo4jStore(f"bolt://127.0.0.1:{port}")
        timed: dict[str, tuple[float, float, float]] = {}

        def timing(name: str, fn: Callable[[], Any]) -> Callable[[], Any]:
            def run() -> Any:
                t0, c0, s0 = time.perf_counter(), time.process_time(), cpu.server()
                out = fn()
                timed[name] = (time.perf_counter() - t0, time.process_time() - c0, cpu.server() - s0)
                return out

            return run

        setattr(store, "_finish_bulk_load", timing("_finish_bulk_load", store._finish_bulk_load))  # noqa: B010
        t, c, s0 = time.perf_counter(), time.process_time(), cpu.server()
        store.ensure_schema()
        wall, client, server = time.perf_counter() - t, time.process_time() - c, cpu.server() - s0
        counts = store.counts()
        store.close()
    finally:
        if keep is None:
            subprocess.run(["bash", str(script), "kill"], env=env, check=False, capture_output=True)
            shutil.rmtree(root, ignore_errors=True)
        else:  # stopped cleanly, the CSV files removed: NEO4J_LOCAL_DIR=<keep> scripts/neo4j-local.sh start
            subprocess.run(["bash", str(script), "stop"], env=env, check=False, capture_output=True)
            shutil.rmtree(root / "csv", ignore_errors=True)
    rest = [wall - sum(v[0] for v in timed.values()), client - sum(v[1] for v in timed.values()),
            server - sum(v[2] for v in timed.values())]  # fmt: skip
    phases += [
        ("first open: empty lists (chunks of 10,000)", *timed["_finish_bulk_load"]),
        ("first open: the rest (constraints, indexes)", rest[0], rest[1], rest[2]),
    ]
    total_wall = sum(p[1] for p in phases)
    total_cpu = sum(p[2] + p[3] for p in phases)
    n = files.statements
    row(f"Neo4j bulk load, {n:,} statements ({files.articles:,} articles), whole path",
        f"{n / total_wall:,.0f} statements/s", ">= 20,000/s",
        key="neo4j/bulk_load", number=n / total_wall, unit="statements/s", size=n)  # fmt: skip
    row("  per CPU-second (this process + import tool + server)", f"{n / total_cpu:,.0f}", "")
    for what, w, cl, other in phases:
        row(f"  {what}", f"{w:.1f} s wall, cpu {cl:.1f} + {other:.1f} s", "")
    row("  exporter peak RSS: before / streamed / finished",
        f"{base_rss:,.0f} / {streamed_rss:,.0f} / {finished_rss:,.0f} MB", "")  # fmt: skip
    row("  CSV files", f"{csv_bytes / 2**20:,.0f} MB", "")
    row("  of the streamed phase: making the articles (bench/statements.py)", f"{made[0]:.1f} s wall, cpu {made[1]:.1f} s",
        "")  # fmt: skip
    row("  ratio to the naive writer's median (wall)", f"{n / total_wall / naive[0]:.0f}x", ">= 20x",
        key="neo4j/bulk_ratio", number=n / total_wall / naive[0], unit="x")  # fmt: skip
    if naive[1]:
        row("  ratio to the naive writer's median (per CPU-second)", f"{n / total_cpu / naive[1]:.0f}x", ">= 20x")
    row("  store after the first open", f"{counts.statements:,} st, {counts.claims:,} claims", "")


#: /stances variants the stance pieces serve: the API's default page of evidence, dates (the
#: second year of bench/statements.py's two: a month, the whole year, up to mid-year 1), one
#: language and counted by reports (the language and report views of the pieces).
_YEAR = service.StatementFilters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
_MONTH = service.StatementFilters(date_from=date(2025, 3, 1), date_to=date(2025, 3, 31))
STANCE_FILTERS: list[tuple[str, service.StatementFilters | None, int, CountUnit]] = [
    ("API default", None, 20, "claims"),
    ("one month (2025-03)", _MONTH, 5, "claims"),
    ("one year (2025)", _YEAR, 5, "claims"),
    ("up to 2024-06-30", service.StatementFilters(date_to=date(2024, 6, 30)), 5, "claims"),
    ("language en", service.StatementFilters(language="en"), 5, "claims"),
    ("language en, one year (2025)", _YEAR.model_copy(update={"language": "en"}), 5, "claims"),
    ("count=reports", None, 5, "reports"),
    ("count=reports, one month (2025-03)", _MONTH, 5, "reports"),
    ("count=reports, one year (2025)", _YEAR, 5, "reports"),
]
#: /stances variants still read from every brief naming the target.
STANCE_BRIEF_FILTERS: list[tuple[str, service.StatementFilters | None, CountUnit]] = [
    ("relation declines", service.StatementFilters(relation=[Relation.declines]), "claims"),
    ("count=reports, language en", service.StatementFilters(language="en"), "reports"),
]


#: Timed reads: (what, a call of the attempt number).
Reads = list[tuple[str, Callable[[int], object]]]


def actor_reads(store: GraphStore, uni: Universe, scans: bool = True, stances_only: bool = False) -> None:
    """Profile, timeline (day/week/month) and stances of a typical and the top actor; with
    ``scans``, also the statement-reading reference paths once (what they cost before);
    ``stances_only``: the stance rows alone, with the brief-path ones but not the whole evidence."""
    typical, top = uni.typical_state(), uni.top_speaker()
    for name, actor in (("typical", typical), ("top", top)):
        shapes: Reads = [
            ("profile", each(partial(service.actor_profile, store, actor))),
            *[
                (f"timeline ({period})", each(partial(service.timeline, store, actor, period)))
                for period in ("month", "week", "day")
            ],
        ]
        pieces: Reads = [
            ("stances on it as target, 5 latest evidence", each(partial(service.stances, store, actor, evidence=5))),
            *[  # GET /stances as the API asks by default (20 latest pieces), within dates, one language, by reports
                (
                    f"stances, {what}, {n} latest evidence",
                    each(partial(service.stances, store, actor, f, c, evidence=n)),
                )
                for what, f, n, c in STANCE_FILTERS
            ],
        ]
        briefs: Reads = [  # the filters the stance pieces do not serve: every brief of the target read
            (
                f"stances, {what}, 5 latest evidence (briefs)",
                each(partial(service.stances, store, actor, f, c, 5)),
            )
            for what, f, c in STANCE_BRIEF_FILTERS
        ]
        whole: Reads = [("stances on it as target, all evidence", each(partial(service.stances, store, actor)))]
        # without scans: not the whole evidence either (minutes on a hub at 1M)
        reads = pieces + briefs if stances_only else shapes + pieces + (briefs + whole if scans else [])
        for what, fn in reads:
            med, p = p95(fn, repeat=5 if "all evidence" in what or "(briefs)" in what else 20)
            row(f"{what}, {name} actor ({actor})", f"p50 {med:.0f} / p95 {p:.0f} ms, cpu {LAST_CPU[0]:.0f}",
                "p95 <= 200 ms")  # fmt: skip
        if scans and not stances_only:
            for what, ref in (
                ("  (statement scan) profile", each(partial(service.actor_profile_from_statements, store, actor))),
                ("  (statement scan) timeline (month)", each(partial(service.timeline_from_statements, store, actor))),
            ):
                try:
                    med, p = p95(ref, repeat=3)
                except QueryError as exc:  # a hub at 1M: the statement scan refuses (service.all_statements cap)
                    row(f"{what}, {name}", f"refused: {str(exc)[:24]}", "")
                    continue
                row(f"{what}, {name}", f"p50 {med:.0f} / p95 {p:.0f} ms, cpu {LAST_CPU[0]:.0f}", "")


def queries(store: GraphStore, uni: Universe, only_actors: bool = False, actors: str = "all") -> None:
    """p50/p95 of the read paths of issue 12 at the store's current size; ``actors``: "all"
    (profile, timeline, stances and their statement-scan references), "no-scans" (without the
    references and the whole-evidence stances) or "none"."""
    n = store.counts().statements
    print(f"  -- queries at {n:,} statements")
    if actors != "none":
        actor_reads(store, uni, scans=actors == "all", stances_only=actors == "stances")
    if only_actors:
        return
    typical, top = uni.typical_state(), uni.top_speaker()
    for name, actor in (("typical", typical), ("top", top)):
        for depth in (1, 2):
            med, p = p95(each(partial(service.ego_network, store, actor, depth)), repeat=10 if depth == 2 else 30)
            goal = "p95 <= 100 ms" if depth == 1 else "p95 <= 200 ms"
            row(
                f"ego network depth {depth}, {name} actor ({actor})",
                f"p50 {med:.0f} / p95 {p:.0f} ms, cpu {LAST_CPU[0]:.0f}",
                goal,
                key=f"{store.kind}/ego{depth}/{name}",
                number=p,
                unit="ms p95",
                size=n,
            )
    # what GET /analytics/centrality?count=reports does on a cold cache (service.centrality: the
    # counts read, the actors, every score); the median of three cold runs
    times, cpu = [], []
    for _ in range(3):
        service._GRAPH_CACHE.clear()
        service._RESULT_CACHE.clear()
        t, c = time.perf_counter(), time.process_time()
        service.centrality(store, StatementQuery(), "reports")
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    g = service.analytics_graph(store, StatementQuery(), "reports")  # its size for the label, not timed
    row(f"centrality over all ({g.number_of_nodes()} actors, {g.number_of_edges()} edges)",
        f"{statistics.median(times):.0f} ms, cpu {statistics.median(cpu):.0f}", "<= 1 s",
        key=f"{store.kind}/centrality", number=statistics.median(times), unit="ms", size=n)  # fmt: skip
    speakers = [f"state-{i}" for i in range(0, 40)]
    med, p = p95(lambda i: store.list_statements(StatementQuery(speaker_ids=[speakers[i % 40]], limit=50)), 60)
    row(
        "statements by speaker (page of 50, 40 states)",
        f"p50 {med:.1f} / p95 {p:.1f} ms, cpu {LAST_CPU[0]:.1f}",
        "p95 <= 20 ms",
        key=f"{store.kind}/by_speaker",
        number=p,
        unit="ms p95",
        size=n,
    )
    med, p = p95(
        lambda i: store.list_statements(
            StatementQuery(speaker_ids=[speakers[i % 40]], limit=50, cursor=store.list_statements(
                StatementQuery(speaker_ids=[speakers[i % 40]], limit=50)).next_cursor)), 30)  # fmt: skip
    row("  (first + second page)", f"p50 {med:.1f} / p95 {p:.1f} ms, cpu {LAST_CPU[0]:.1f}", "")
    targets = [f"state-{i}" for i in range(0, 20)] + [f"init-{i}" for i in range(0, 20)]

    def by_target(i: int) -> object:
        m = 1 + i % 12
        end = date(2025, m + 1, 1) if m < 12 else date(2026, 1, 1)
        return store.list_statements(
            StatementQuery(target_ids=[targets[i % 40]], date_from=date(2025, m, 1),
                           date_to=date.fromordinal(end.toordinal() - 1), limit=50)
        )  # fmt: skip

    med, p = p95(by_target, 60)
    row(
        "statements by target + month (page of 50)",
        f"p50 {med:.1f} / p95 {p:.1f} ms, cpu {LAST_CPU[0]:.1f}",
        "p95 <= 50 ms",
        key=f"{store.kind}/by_target_month",
        number=p,
        unit="ms p95",
        size=n,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sqlite", help="sqlite:////path (default: a temp file); 'skip' to skip")
    ap.add_argument("--neo4j", help="bolt://host:port of a scratch Neo4j (it is wiped)")
    ap.add_argument("--statements", type=int, default=1_000_000, help="fill size; 0: Neo4j writer comparison only")
    ap.add_argument("--per-article", type=int, default=8)
    ap.add_argument("--neo4j-pid", type=int, help="pid of the Neo4j server, to count its CPU time")
    ap.add_argument("--naive-articles", type=int, default=25, help="articles written by the naive writer a round")
    ap.add_argument("--compare-articles", type=int, default=2000, help="fresh articles written by ingest_many a round")
    ap.add_argument("--compare-rounds", type=int, default=3, help="measured rounds of the writer comparison")
    ap.add_argument("--queries-only", action="store_true", help="measure the reads of a store filled before")
    ap.add_argument("--actor-reads-only", action="store_true", help="with --queries-only: profile/timeline/stances")
    ap.add_argument("--fill-batch", type=int, help="articles per transaction while filling (default: the store's)")
    ap.add_argument("--actor-reads", choices=["all", "no-scans", "stances", "none"], default="all",
                    help="profile/timeline/stances rows: all, without the statement-scan references and the "
                    "whole-evidence stances (slow on a hub at 1M), the stance rows alone (with those still "
                    "read from the briefs), or none")  # fmt: skip
    ap.add_argument("--bulk-load", type=int, default=0, metavar="N",
                    help="after the writer comparison: the Neo4j bulk load of N fresh statements (its own server)")  # fmt: skip
    ap.add_argument("--bulk-keep", metavar="DIR",
                    help="with --bulk-load: keep the loaded server directory DIR (new or empty), stopped, for "
                    "--queries-only runs (NEO4J_LOCAL_DIR=DIR bash scripts/neo4j-local.sh start)")  # fmt: skip
    ap.add_argument("--archive", action="store_true",
                    help="articles at random dates (back-filling an archive) instead of in date order (a feed)")  # fmt: skip
    ap.add_argument("--warm-up", action="store_true", help="run the store's warm-up (as the API's start does) first")
    args = ap.parse_args()
    print(f"machine: {proc.machine()}")
    WARM_UP[0] = args.warm_up
    FILL_BATCH[0] = args.fill_batch
    COMPARE_ROUNDS[0] = args.compare_rounds
    BULK[0] = args.bulk_load
    BULK_KEEP[0] = Path(args.bulk_keep).resolve() if args.bulk_keep else None
    if args.sqlite != "skip":
        run(args.sqlite or f"sqlite:///{tempfile.mkdtemp()}/scale.db", args.statements, args.per_article,
            queries_only=args.queries_only, only_actors=args.actor_reads_only, archive=args.archive,
            actors=args.actor_reads)  # fmt: skip
    if args.neo4j:
        run(args.neo4j, args.statements, args.per_article, server_pid=args.neo4j_pid,
            naive_articles=args.naive_articles, compare_articles=args.compare_articles,
            queries_only=args.queries_only, only_actors=args.actor_reads_only, archive=args.archive,
            actors=args.actor_reads)  # fmt: skip


if __name__ == "__main__":
    main()
