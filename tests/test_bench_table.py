"""bench/table.py, issue 12's table in one command: every row with its goal, met / not met decided
from the numbers the benches record (bench/rows.py, bench/goals.py), "not run" with a reason.

Speed is never asserted here: the tiny run checks that each row is measured or says why not, and
the decisions are checked on fixed figures."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bench import goals, proc, rows, table
from bench.rows import Figure, Row

if TYPE_CHECKING:
    from support.neo4j_server import Neo4jServer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def empty_record() -> Iterator[None]:
    rows.clear()
    yield
    rows.clear()


def fig(key: str, value: float, size: int | None = None, load: float = 1.0) -> Figure:
    return Figure(key=key, value=value, unit="", size=size, load=load)


def by_number(table_rows: list[Row]) -> dict[str, Row]:
    return {r.number: r for r in table_rows}


def test_every_row_of_the_issue_is_there_once_and_not_run_rows_say_why() -> None:
    out = goals.issue_rows([], {"neo4j": "no Neo4j given", "api": "wrk not installed"})
    numbers = [r.number for r in out]
    assert numbers == ["1", "2", "3", "4a", "4b", "5s", "5n", "6s", "6n", "7s", "7n", "8s", "8n", "9"]
    assert all(r.met is None and r.measured.startswith("not run: ") and r.reason for r in out)
    rows_ = by_number(out)
    assert rows_["9"].reason == "wrk not installed"
    assert rows_["5n"].reason == rows_["4a"].reason == "no Neo4j given"
    assert rows_["1"].reason == "no figure recorded"
    assert rows_["1"].goal == "≥ 150 articles/s per core"
    assert rows_["6s"].goal == "p95 ≤ 200 ms at 1M"


def test_met_and_not_met_are_decided_from_the_numbers() -> None:
    m = 1_000_000
    figures = [
        fig("extract/news500", 151.0),
        fig("ingest/pool/2/rate", 210.0, 100_000),
        fig("ingest/pool/2/peak_rss", 1100.0, 100_000),  # over 1 GB: row 2 not met despite the rate
        fig("ingest/pool/2/failures", 0, 100_000),
        fig("neo4j/ingest_many", 25_000.0),
        fig("neo4j/naive", 1_000.0),
        fig("neo4j/writer_ratio", 25.0),
        fig("sqlite/ego1/typical", 40.0, m),
        fig("sqlite/ego1/top", 100.0, m),  # the limit itself: met
        fig("neo4j/ego1/typical", 40.0, m),
        fig("neo4j/ego1/top", 100.5, m),  # over by half a millisecond
        fig("sqlite/ego2/typical", 150.0, m),
        fig("sqlite/ego2/top", 199.0, m),
        fig("sqlite/centrality", 1001.0, m, load=2.0),
        fig("neo4j/centrality", 999.0, m),
        fig("sqlite/by_speaker", 19.0, m),
        fig("sqlite/by_target_month", 51.0, m),  # the second goal missed
        fig("neo4j/by_speaker", 15.0, m),
        fig("neo4j/by_target_month", 30.0, m),
        fig("api/statements/rps", 1500.0),
        fig("api/graph/rps", 2500.0),
        fig("api/statements/errors", 0),
        fig("api/graph/errors", 3),  # errors: not met whatever the rate
        fig("api/floor/rps", 2000.0),
    ]
    got = by_number(goals.issue_rows(figures, {}))
    assert got["1"].met is True
    assert got["2"].met is False and "1,100 MB" in got["2"].measured
    assert got["4a"].met is True
    assert got["5s"].met is True
    assert got["5n"].met is False
    assert got["6s"].met is True
    assert got["6n"].met is None
    assert got["7s"].met is False and got["7s"].load == "2.0"
    assert got["7n"].met is True
    assert got["8s"].met is False
    assert got["8n"].met is True
    assert got["9"].met is False and "3 errors" in got["9"].measured
    assert not any(r.note for r in got.values() if r.met is not None)  # all at the issue's sizes


def test_the_writer_goal_needs_both_the_rate_and_the_ratio() -> None:
    figures = [fig("neo4j/ingest_many", 25_000.0), fig("neo4j/naive", 2_000.0), fig("neo4j/writer_ratio", 12.5)]
    assert by_number(goals.issue_rows(figures, {}))["4a"].met is False


def test_ingest_growth_is_the_ratio_from_the_smallest_to_the_largest_store() -> None:
    flat = [
        fig("sqlite/ingest_cost/dated today", 2.0, 10_000, load=1.0),
        fig("sqlite/ingest_cost/dated today", 4.0, 1_000_000, load=3.0),
        fig("sqlite/ingest_cost/random date", 2.0, 10_000),
        fig("sqlite/ingest_cost/random date", 2.5, 100_000),
        fig("sqlite/ingest_cost/random date", 3.0, 1_000_000),
    ]
    row = by_number(goals.issue_rows(flat, {}))["3"]
    assert row.met is True and "(2.0×)" in row.measured and "(1.5× — " in row.measured
    assert row.load == "1.0–3.0" and not row.note
    steep = [*flat, fig("sqlite/ingest_cost/dated today", 4.1, 1_000_000)]  # at one size, the last one counts
    assert by_number(goals.issue_rows(steep, {}))["3"].met is False
    # the back-filled article's week fills as the store grows: its ratio is shown, the feed's decides ...
    denser = [*flat, fig("sqlite/ingest_cost/random date", 16.0, 1_000_000)]
    row = by_number(goals.issue_rows(denser, {}))["3"]
    assert row.met is True and "(8.0× — its week's density grows too)" in row.measured
    # ... unless it is the only series (an --archive fill has no article dated today)
    archive = [f for f in denser if f.key.endswith("random date")]
    assert by_number(goals.issue_rows(archive, {}))["3"].met is False
    one_size = [fig("sqlite/ingest_cost/dated today", 2.0, 2_000)]
    row = by_number(goals.issue_rows(one_size, {}))["3"]
    assert row.met is None and "one store size only" in row.reason


def test_a_row_measured_below_the_issue_size_says_so() -> None:
    figures = [fig("sqlite/centrality", 10.0, 5_000)]
    row = by_number(goals.issue_rows(figures, {}))["7s"]
    assert row.met is True and row.note == "measured at 5,000 statements, the issue's goal is at 1,000,000"


def test_the_table_renders_each_row_with_its_verdict_as_text_and_as_markdown() -> None:
    figures = [fig("extract/news500", 120.0), fig("sqlite/centrality", 900.0, 5_000)]
    got = goals.issue_rows(figures, {"api": "wrk not installed"})
    text = table.render(got, "m1", "m2").splitlines()
    assert text[0] == "machine: m1" and text[1] == "after:   m2"
    assert "NOT met" in next(x for x in text if x.startswith("1 "))
    assert " met " in next(x for x in text if x.startswith("7s "))
    assert "not run: wrk not installed" in next(x for x in text if x.startswith("9 "))
    assert "  7s: measured at 5,000 statements, the issue's goal is at 1,000,000" in text
    assert text[-1] == "1 met, 1 NOT met, 12 not run"
    md = table.render(got, "m1", "m2", markdown=True).splitlines()
    assert md[3] == "| # | what | measured | goal | result | load |" and md[4] == "|---|---|---|---|---|---|"
    assert sum(x.startswith("| ") for x in md) == 1 + len(got)


def test_bench_scale_rows_record_what_they_print(capsys: pytest.CaptureFixture[str]) -> None:
    from bench import bench_scale

    bench_scale.row("ego network depth 1, typical", "p50 1 / p95 2 ms", "p95 <= 100 ms",
                    key="sqlite/ego1/typical", number=2.0, unit="ms p95", size=123)  # fmt: skip
    bench_scale.row("a line without a figure", "", "")
    assert "ego network depth 1, typical" in capsys.readouterr().out
    (got,) = rows.FIGURES
    assert (got.key, got.value, got.size, got.what) == ("sqlite/ego1/typical", 2.0, 123, "ego network depth 1, typical")


def test_the_plan_says_why_a_group_does_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)  # no wrk
    todo, reasons = table.plan(table.parse(["--queries-only", "--skip", "extract", "--bulk-load", "100"]))
    assert [g for g, _ in todo] == ["ingest"]  # the CLI row ingests into a store of its own
    assert reasons["extract"] == "skipped (--only / --skip)"
    assert reasons["sqlite"].startswith("--queries-only without --sqlite")
    assert reasons["neo4j"].startswith("no Neo4j given")
    assert reasons["bulk"].startswith("needs the neo4j group")
    assert reasons["api"].startswith("wrk not installed")
    assert reasons["sqlite_fill"] == "--queries-only: nothing written"
    todo, _ = table.plan(table.parse(["--only", "ingest", "sqlite"]))
    assert [g for g, _ in todo] == ["ingest", "sqlite"]


def test_merge_makes_one_table_of_several_runs_the_later_figure_winning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    table.write_json(first, goals.issue_rows([fig("extract/news500", 120.0), fig("sqlite/centrality", 1_500.0)], {}),
                     "machine A", "machine A after")  # fmt: skip
    table.write_json(second, goals.issue_rows([fig("sqlite/centrality", 600.0)], {}), "machine B", "machine B after")
    assert table.main(["--merge", str(first), str(second)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("machine: machine A\nafter:   machine B after\n")
    got = by_number(table.merged([first, second])[0])
    assert got["1"].met is False and "120.0 articles/s" in got["1"].measured  # from the first run only
    assert got["7s"].met is True and got["7s"].measured.startswith("600 ms")  # the second run's figure
    assert got["9"].met is None and "not measured in the merged runs" in got["9"].measured
    assert "2 met" not in out and "1 met, 1 NOT met" in out


def test_the_machine_is_described_once_for_every_bench() -> None:
    line = proc.machine()
    assert " cores; " in line and "load average " in line and "Python " in line
    from bench import bench_api, bench_ingest, bench_scale

    for mod in (bench_api, bench_ingest, bench_scale):
        assert not hasattr(mod, "machine") or getattr(mod, "machine") is proc.machine  # noqa: B009


def test_the_command_at_tiny_sizes_prints_every_row(tmp_path: Path) -> None:
    out_json = tmp_path / "table.json"
    cmd = [sys.executable, str(ROOT / "bench" / "table.py"), "--articles", "12", "--statements", "800",
           "--extract-articles", "3", "--extract-repeat", "1", "--skip", "api", "--store-dir", str(tmp_path),
           "--json", str(out_json)]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert out.startswith("machine: ") and " cores; " in out.splitlines()[0]
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    got = [Row.model_validate(r) for r in doc["rows"]]
    assert doc["machine"] == out.splitlines()[0].removeprefix("machine: ")
    assert [r.number for r in got] == [r.number for r in goals.issue_rows([], {})]
    lines = out.splitlines()
    for r in got:
        line = next((x for x in lines if x.startswith(f"{r.number} ")), "")
        assert r.what in line and r.goal in line and r.measured in line, (r.number, line)
        if r.met is None:
            assert r.reason and r.measured == f"not run: {r.reason}" and "not run" in line
        else:
            assert r.figures and r.load and ("NOT met" in line) == (r.met is False)
    measured = {r.number for r in got if r.met is not None}
    assert measured == {"1", "2", "5s", "6s", "7s", "8s"}, [(r.number, r.measured) for r in got]
    rows_ = by_number(got)
    assert rows_["3"].reason.startswith("one store size only")
    assert rows_["4a"].reason.startswith("no Neo4j given")
    assert rows_["9"].reason == "skipped (--only / --skip)"
    assert "=== sqlite" in done.stderr  # the benches' own lines, on standard error
    assert not list(tmp_path.glob("table-ingest-*.db*"))  # the CLI row's store removed


def test_the_neo4j_rows_on_the_session_s_test_server(neo4j: Neo4jServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows 4a and 5n-8n measured on the test session's own server at tiny sizes; bench_scale claims the
    database for the run, after which the session takes it back and leaves it empty."""
    from urllib.parse import quote, urlsplit

    from graph.neo4j_store import Neo4jStore
    from graph.settings import get_settings

    parts = urlsplit(neo4j.uri)
    url = neo4j.uri
    if neo4j.auth:
        user, password = (quote(x, safe="") for x in neo4j.auth)
        url = parts._replace(netloc=f"{user}:{password}@{parts.netloc}").geturl()
    monkeypatch.setenv("DIPLOGRAPH_NEO4J_DATABASE", neo4j.database)
    get_settings.cache_clear()
    args = table.parse(["--only", "neo4j", "--neo4j", url, "--statements", "160", "--compare-articles", "4",
                        "--naive-articles", "2"])  # fmt: skip
    try:
        got, _, _ = table.measure(args)
    finally:
        get_settings.cache_clear()
        store = Neo4jStore(neo4j.uri, auth=neo4j.auth, database=neo4j.database)
        try:
            store.claim_for_tests(neo4j.owner)  # the session's token again: its fixtures wipe with it
            store.wipe(neo4j.owner)
        finally:
            store.close()
    rows_ = by_number(got)
    assert {n for n, r in rows_.items() if r.met is not None} == {"4a", "5n", "6n", "7n", "8n"}, [
        (r.number, r.measured) for r in got
    ]
    assert "ingest_many" in rows_["4a"].measured and "naive writer" in rows_["4a"].measured
    assert rows_["5s"].reason == "skipped (--only / --skip)"
    assert rows_["4b"].reason.startswith("skipped")
