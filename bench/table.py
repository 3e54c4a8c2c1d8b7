"""Issue 12's table in one command: every figure next to its goal, met or not, on this machine.

Usage::

    .venv/bin/python bench/table.py [--articles 100000] [--statements 1000000] [--neo4j bolt://…]
        [--only extract ingest sqlite neo4j bulk api | --skip …] [--json FILE]

Runs the benchmarks' own code — ``bench_extract.run`` (news500), ``bench_ingest.run_ingest``
(the CLI with ``--workers 2``), ``bench_scale.run`` (fill, ingest cost as the store grows, the
reads at full size; the Neo4j writer comparison and, with ``--bulk-load N``, the bulk load) and
``bench_api.measure`` (wrk on loopback next to a bare FastAPI app) —, collects the figures they
record (bench/rows.py) and prints one row per row of the issue (bench/goals.py): the measured
figure(s), the goal, met / NOT met decided from the numbers, and the load average while it ran,
under the machine's description. The benches' own lines go to standard error as they run; the
table goes to standard output. A row that cannot be measured in a run (no ``--neo4j`` given, no
``wrk``, skipped, ``--queries-only``) says "not run" and why.

Groups (``--only`` / ``--skip``): ``extract`` (row 1), ``ingest`` (row 2), ``sqlite`` (rows 3
and 5-8 on SQLite), ``neo4j`` (row 4a and 5-8 on Neo4j, with ``--neo4j``), ``bulk`` (row 4b,
with ``--neo4j`` and ``--bulk-load``), ``api`` (row 9).

Stores: SQLite is a new temporary file (removed after) unless ``--sqlite sqlite:////path`` names
one (kept; filled further unless ``--queries-only``). A Neo4j database is filled only when it is
empty or a test/bench database (bench_scale claims it, then wipes it); ``--queries-only`` reads
it as it is and writes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import goals, rows  # noqa: E402
from bench.proc import machine  # noqa: E402
from bench.rows import Figure, Row  # noqa: E402
from graph.errors import DiplographError  # noqa: E402

#: What a group's failure may raise without ending the run (its rows say "not run: failed …").
FAILURES = (DiplographError, OSError, subprocess.SubprocessError, SystemExit)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=goals.ISSUE_ARTICLES, help="CLI ingest row: corpus articles")
    ap.add_argument("--statements", type=int, default=goals.ISSUE_STATEMENTS, help="store rows: statements filled")
    ap.add_argument("--per-article", type=int, default=8, help="statements per synthetic article (store rows)")
    ap.add_argument("--sqlite", metavar="URL", help="sqlite:////path to use (kept); default: a temporary file")
    ap.add_argument("--neo4j", metavar="URL", help="bolt://host:port of a scratch or test Neo4j (wiped when filled)")
    ap.add_argument("--neo4j-pid", type=int, help="pid of the Neo4j server, to count its CPU in the writer rows")
    ap.add_argument("--queries-only", action="store_true", help="store rows: read the given stores, fill nothing")
    ap.add_argument("--bulk-load", type=int, default=0, metavar="N",
                    help="row 4b: bulk-load N statements into a scratch Neo4j server of its own")  # fmt: skip
    ap.add_argument("--bulk-keep", type=Path, metavar="DIR",
                    help="row 4b: keep the bulk-loaded server directory DIR (new or empty), stopped, for a later "
                    "--queries-only run of the Neo4j rows (NEO4J_LOCAL_DIR=DIR bash scripts/neo4j-local.sh start)")  # fmt: skip
    ap.add_argument("--warm-up", action="store_true",
                    help="store rows: run the store's warm-up first, as the API's start does")  # fmt: skip
    ap.add_argument("--compare-articles", type=int, default=2000, help="Neo4j ingest_many articles a round")
    ap.add_argument("--naive-articles", type=int, default=25, help="Neo4j naive writer articles a round")
    ap.add_argument("--extract-repeat", type=int, default=3, help="extraction row: runs, the best counts")
    ap.add_argument("--extract-articles", type=int, help="extraction row: the first N news500 articles (default all)")
    ap.add_argument("--api-articles", type=int, default=2000, help="API row: articles in the served store")
    ap.add_argument("--api-seconds", type=int, default=10, help="API row: seconds per wrk scenario")
    ap.add_argument("--connections", type=int, default=32, help="API row: wrk connections")
    ap.add_argument("--store-dir", type=Path, default=Path(tempfile.gettempdir()) / "diplograph-bench",
                    help="corpora (cached, shared with bench_ingest/bench_api) and the CLI row's store")  # fmt: skip
    ap.add_argument("--only", nargs="+", choices=goals.GROUPS, metavar="GROUP", help=f"run only: {goals.GROUPS}")
    ap.add_argument("--skip", nargs="+", choices=goals.GROUPS, default=[], metavar="GROUP", help="do not run these")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also write the machine and the rows as JSON")
    ap.add_argument("--merge", type=Path, nargs="+", metavar="JSON",
                    help="measure nothing: one table of the figures in these --json files of earlier runs "
                    "(a later file's figure replaces an earlier one's)")  # fmt: skip
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (for bench/README.md)")
    return ap.parse_args(argv)


def run_extract(args: argparse.Namespace) -> None:
    from bench import bench_extract as be

    print(f"extraction modules: {be.modules()}")
    articles = be.news_articles(be.fixture_articles(be.CORPORA))
    be.run("news500", articles[: args.extract_articles] if args.extract_articles else articles, args.extract_repeat)


def run_ingest(args: argparse.Namespace) -> None:
    from bench import bench_ingest as bi

    args.store_dir.mkdir(parents=True, exist_ok=True)
    path, _ = bi.corpus(args.articles, args.store_dir, seed=12)
    db = args.store_dir / f"table-ingest-{args.articles}.db"  # this command's own store, removed after
    try:
        run = bi.run_ingest(path, args.articles, db, 2, False)
        per = 1000 / max(args.articles, 1)  # ms per article
        print(f"  {args.articles:,} articles, --workers 2: {run.seconds:.1f} s, {run.rate:.1f} articles/s, "
              f"peak RSS {run.peak_tree_mb:.0f} MB, {run.failures} failures; CPU {run.cpu_seconds:.0f} s "
              f"({run.cpu_seconds * per:.1f} ms per article: writer {run.writer_cpu_seconds * per:.1f}, extraction "
              f"workers and the rest {(run.cpu_seconds - run.writer_cpu_seconds) * per:.1f})", flush=True)  # fmt: skip
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)


def run_sqlite(args: argparse.Namespace) -> None:
    from bench import bench_scale as bs

    bs.WARM_UP[0] = args.warm_up
    if args.sqlite:
        bs.run(args.sqlite, args.statements, args.per_article, queries_only=args.queries_only, actors="none")
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-table-"))
    try:
        bs.run(f"sqlite:///{folder}/scale.db", args.statements, args.per_article, actors="none")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_neo4j(args: argparse.Namespace, bulk: bool) -> None:
    from bench import bench_scale as bs

    bs.BULK[0] = args.bulk_load if bulk else 0
    bs.BULK_KEEP[0] = args.bulk_keep.resolve() if args.bulk_keep and bulk else None
    bs.WARM_UP[0] = args.warm_up
    bs.run(args.neo4j, args.statements, args.per_article, server_pid=args.neo4j_pid,
           naive_articles=args.naive_articles, compare_articles=args.compare_articles,
           queries_only=args.queries_only, actors="none")  # fmt: skip


def run_api(args: argparse.Namespace) -> None:
    from bench import bench_api as ba

    args.store_dir.mkdir(parents=True, exist_ok=True)
    db = ba.build_store(args.api_articles, args.store_dir)
    ba.measure(db, args.api_articles, workers=2, connections=args.connections, seconds=args.api_seconds,
               folder=args.store_dir, every=False)  # fmt: skip


def plan(args: argparse.Namespace) -> tuple[list[tuple[str, Callable[[], None]]], dict[str, str]]:
    """The groups to run, in order, and why the others are not run."""
    chosen = [g for g in goals.GROUPS if (args.only is None or g in args.only) and g not in args.skip]
    reasons = {g: "skipped (--only / --skip)" for g in goals.GROUPS if g not in chosen}
    todo: list[tuple[str, Callable[[], None]]] = []
    for group in chosen:
        if group == "extract":
            todo.append((group, lambda: run_extract(args)))
        elif group == "ingest":
            if args.articles > 0:
                todo.append((group, lambda: run_ingest(args)))
            else:
                reasons[group] = "--articles 0"
        elif group == "sqlite":
            if args.queries_only and not args.sqlite:
                reasons[group] = "--queries-only without --sqlite: no store to read"
            else:
                todo.append((group, lambda: run_sqlite(args)))
        elif group == "neo4j":
            if args.neo4j:
                todo.append((group, lambda: run_neo4j(args, bulk="bulk" in chosen)))
            else:
                reasons[group] = "no Neo4j given (--neo4j bolt://host:port of a scratch server)"
        elif group == "bulk":  # runs inside the Neo4j group, after its writer comparison
            if not args.bulk_load:
                reasons[group] = "--bulk-load N not given (it starts a scratch Neo4j server of its own)"
            elif not args.neo4j or "neo4j" not in chosen:
                reasons[group] = "needs the neo4j group (--neo4j): it is compared with the naive writer"
        elif group == "api":
            if shutil.which("wrk") is None:
                reasons[group] = "wrk not installed (apt-get install wrk)"
            else:
                todo.append((group, lambda: run_api(args)))
    if args.queries_only:
        reasons["sqlite_fill"] = reasons["neo4j_fill"] = "--queries-only: nothing written"
        reasons.setdefault("bulk", "--queries-only: nothing written")
    return todo, reasons


def measure(args: argparse.Namespace) -> tuple[list[Row], str, str]:
    """Run the chosen groups; the rows and the machine's description before and after."""
    todo, reasons = plan(args)
    before = machine()
    rows.clear()
    for group, work in todo:
        started = time.perf_counter()
        print(f"\n=== {group}", flush=True)
        try:
            work()
        except FAILURES as exc:
            reasons[group] = f"failed: {type(exc).__name__}: {exc}"[:200]
            print(f"=== {group} failed: {exc}", flush=True)
        print(f"=== {group}: {time.perf_counter() - started:.0f} s", flush=True)
    return goals.issue_rows(rows.FIGURES, reasons), before, machine()


def verdict(row: Row) -> str:
    return "not run" if row.met is None else "met" if row.met else "NOT met"


HEAD = ("#", "what", "measured", "goal", "result", "load")


def render(rows_: Sequence[Row], before: str, after: str, markdown: bool = False) -> str:
    """The table as text (aligned columns, or ``markdown``): the machine, one line per row, the notes."""
    cells = [HEAD] + [(r.number, r.what, r.measured, r.goal, verdict(r), r.load) for r in rows_]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEAD))]
    lines = [f"machine: {before}", f"after:   {after}", ""]
    for i, c in enumerate(cells):
        if markdown:
            lines.append("| " + " | ".join(text.replace("|", "\\|") for text in c) + " |")
            if i == 0:
                lines.append("|" + "---|" * len(HEAD))
            continue
        lines.append("  ".join(text.ljust(w) for text, w in zip(c, widths, strict=True)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {r.number}: {r.note}" for r in rows_ if r.note]
    if notes:
        lines += ["", "notes (met / NOT met is decided at the size measured):", *notes]
    met = sum(r.met is True for r in rows_)
    missed = sum(r.met is False for r in rows_)
    lines += ["", f"{met} met, {missed} NOT met, {len(rows_) - met - missed} not run"]
    return "\n".join(lines)


def write_json(path: Path, rows_: Sequence[Row], before: str, after: str) -> None:
    import json

    doc = {"machine": before, "machine_after": after, "rows": [r.model_dump(mode="json") for r in rows_]}
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@contextlib.contextmanager
def to_stderr() -> Iterator[None]:
    """The benches' own lines go to standard error, leaving standard output to the table."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def merged(paths: Sequence[Path]) -> tuple[list[Row], str, str]:
    """The rows of the figures recorded in several runs' ``--json`` files (in order: a later
    file's figure under a key replaces an earlier one's), the first run's machine and the last's."""
    import json

    docs = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    figures = [Figure.model_validate(f) for doc in docs for row in doc["rows"] for f in row.get("figures", [])]
    reasons = dict.fromkeys([*goals.GROUPS, "sqlite_fill", "neo4j_fill"], "not measured in the merged runs")
    return goals.issue_rows(figures, reasons), docs[0]["machine"], docs[-1]["machine_after"]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.merge:
        table, before, after = merged(args.merge)
    else:
        with to_stderr():
            table, before, after = measure(args)
    print(render(table, before, after, args.markdown), flush=True)
    if args.json:
        write_json(args.json, table, before, after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
