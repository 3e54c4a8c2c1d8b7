"""The ``diplograph`` CLI as a user drives it: ingest a URL, extract with offsets, search, stats."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from api.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"
INTAKE = ROOT / "tests" / "fixtures" / "intake"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    root = tmp_path / "www"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_ingest_url_then_query(db: str, http_root: tuple[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, root = http_root
    (root / "page.html").write_bytes((INTAKE / "page.html").read_bytes())
    assert main(["--store", db, "ingest", f"{base}/page.html", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["failures"] == []
    assert report["results"][0]["source"] == f"{base}/page.html"
    assert report["counts"]["articles"] == 1
    # a URL that does not exist: a clear error naming it, exit 1, nothing lost
    assert main(["--store", db, "ingest", f"{base}/missing.html"]) == 1
    err = capsys.readouterr().err
    assert "missing.html" in err and "404" in err
    assert main(["--store", db, "stats"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1


def test_extract_json_offsets_point_into_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    from loaders.intake import load_path

    text = load_path(SEED)[0].text
    assert main(["extract", str(SEED), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["article"]["published_at"] == "2026-01-06T12:24:00+07:00"
    assert len(report["statements"]) >= 2
    spans = 0
    for st in report["statements"]:
        for span in (st["speaker"].get("span"), (st.get("cue") or {}).get("span"), st["content"].get("span")):
            if span:
                assert text[span["start"] : span["end"]] == span["text"]
                spans += 1
    assert spans >= 2 * len(report["statements"])  # speaker and content spans at least


def test_extract_plain_lists_who_said_what(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "ilham-aliyev" in out and "declines" in out


def test_folder_with_a_bad_file_keeps_the_good_ones(db: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-seed.txt").write_bytes(SEED.read_bytes())
    (folder / "b-empty.txt").write_bytes(b"")
    assert main(["--store", db, "ingest", str(SEED)]) == 0
    capsys.readouterr()
    assert main(["--store", db, "ingest", str(folder)]) == 1
    assert "b-empty.txt" in capsys.readouterr().err
    assert main(["--store", db, "statements", "--speaker", "Erdoğan", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] >= 1


def test_actor_search_across_spellings(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", db, "ingest", str(SEED)]) == 0
    capsys.readouterr()
    for name, want in [("Türkiye", "turkey"), ("turki", "turkey"), ("erdog", "recep-tayyip-erdogan"),
                       ("Azerbaïdjan", "azerbaijan")]:  # fmt: skip
        assert main(["--store", db, "actors", name, "--json"]) == 0
        found = json.loads(capsys.readouterr().out)
        assert found and found[0]["id"] == want, (name, found[:3])


def test_bad_store_url_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", "mysql://x", "stats"]) == 2
    assert "unknown store URL" in capsys.readouterr().err


@pytest.fixture
def seeded(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--store", db, "ingest", str(SEED)]) == 0
    capsys.readouterr()
    return db


def test_extract_accepts_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.html"
    other.write_bytes((INTAKE / "page.html").read_bytes())
    assert main(["extract", str(SEED), str(other), "--json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    assert isinstance(reports, list) and len(reports) == 2
    assert reports[0]["article"]["published_at"] == "2026-01-06T12:24:00+07:00"
    assert reports[1]["article"]["title"]
    assert main(["extract", str(SEED), str(other)]) == 0
    out = capsys.readouterr().out
    assert "ilham-aliyev" in out and reports[1]["article"]["title"] in out


def test_statements_take_the_api_filters_and_formats(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "--store",
        seeded,
        "statements",
        "--speaker",
        "Azerbaïdjan",
        "--relation",
        "declines",
        "--from",
        "2026-01-01",
    ]
    assert main([*args, "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["total"] >= 1
    item = body["items"][0]
    assert item["on_behalf_of"]["name"] == "Azerbaijan" and item["relation"] == "declines"
    assert item["article"]["outlet"] == "Pars Today" and item["article"]["url"].startswith("https://parstoday")
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["relation"] for r in rows} == {"declines"} and {r["outlet"] for r in rows} == {"Pars Today"}
    assert all(r["stance"] == "oppose" and r["language"] == "id" and r["url"] for r in rows)
    assert main([*args]) == 0  # table (tab-separated when stdout is not a terminal)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["date", "source", "relation"]
    assert any("Azerbaijan" in li and "declines" in li for li in lines[1:])
    # the filters narrow: no refusals before 2021
    assert main(["--store", seeded, "statements", "--relation", "declines", "--to", "2020-12-31", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == []
    # an unknown actor is a clear error, not a traceback
    assert main(["--store", seeded, "statements", "--speaker", "Aliyef"]) == 2
    assert "Ilham Aliyev" in capsys.readouterr().err


def test_actors_formats(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", seeded, "actors", "--kind", "state", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["kind"] for r in rows} == {"state"} and "Azerbaijan" in {r["name"] for r in rows}
    assert main(["--store", seeded, "actors", "turki"]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("turkey\tstate\t")


def test_export_writes_every_format(seeded: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("graphml", "gexf", "csv", "jsonl", "parquet"):
        out = tmp_path / f"view.{fmt}"
        assert main(["--store", seeded, "export", "--format", fmt, "--speaker", "Azerbaijan", "-o", str(out)]) == 0
        assert f"to {out}" in capsys.readouterr().err
        assert out.stat().st_size > 100
    g = nx.read_gexf(tmp_path / "view.gexf")
    assert g.nodes["azerbaijan"]["label"] == "Azerbaijan"
    assert 'mode="dynamic"' in (tmp_path / "view.gexf").read_text()
    df = pd.read_parquet(tmp_path / "view.parquet")
    assert set(df["on_behalf_of"]) == {"Azerbaijan"} and set(df["outlet"]) == {"Pars Today"}
    with pytest.raises(SystemExit):
        main(["--store", seeded, "export", "--format", "xlsx"])


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`diplograph actors --json | head -1`: no traceback when head stops reading."""
    from graph.model import Actor, ActorKind, Article, IngestBatch
    from graph.sqlite_store import SqliteStore

    db = tmp_path / "many.db"
    with SqliteStore(db) as store:
        store.ensure_schema()
        actors = [Actor(id=f"actor-{i:04d}", name=f"Actor number {i}", kind=ActorKind.state) for i in range(1000)]
        store.ingest(IngestBatch(article=Article(id="sha:many", text="x"), actors=actors))
    exe = Path(sys.executable).with_name("diplograph")
    for args in (["actors", "--json", "--limit", "1000"], ["actors", "--format", "csv", "--limit", "1000"]):
        proc = subprocess.run(
            f"'{exe}' --store 'sqlite:///{db}' {' '.join(args)} | head -1",
            shell=True, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert proc.stdout.strip() in ("[", '"id","kind","name","country","qid","aliases"'), proc.stdout[:200]
        assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr


def test_ingest_prints_a_summary_and_no_bar_in_a_pipe(db: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-seed.txt").write_bytes(SEED.read_bytes())
    (folder / "b-empty.txt").write_bytes(b"")
    assert main(["--store", db, "ingest", str(folder)]) == 1
    out, err = capsys.readouterr()
    summary = next(line for line in out.splitlines() if line.startswith("ingested 1 article "))
    assert "(1 new, 0 updated)" in summary and " 1 failed in " in summary and "articles/s" in summary
    assert "━" not in err and "ETA" not in err  # no progress bar when stderr is not a terminal
    assert "b-empty.txt" in err


def test_progress_bar_on_a_terminal_counts_rate_and_eta(tmp_path: Path) -> None:
    """Under a pseudo-terminal the ingest draws a rich bar with counts, rate and time left."""
    import pty

    from api.progress import expected_articles

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"seed-{i}.txt").write_bytes(SEED.read_bytes())
    assert expected_articles([folder]) == 3
    exe = Path(sys.executable).with_name("diplograph")
    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [str(exe), "--store", f"sqlite:///{tmp_path / 'tty.db'}", "ingest", str(folder)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=secondary, env={**os.environ, "COLUMNS": "160"},
    )  # fmt: skip
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    out, _ = proc.communicate(timeout=120)
    os.close(primary)
    bar = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0, bar
    assert "ingesting" in bar and "3/3" in bar and "statements" in bar and "/s" in bar and "ETA" in bar
    assert "ingested 3 articles (1 new, 2 updated), 27 statements, 0 failed" in out.decode()  # one URL: one article


def test_setup_without_npm_says_so_and_goes_on(tmp_path: Path) -> None:
    """scripts/setup.sh's browser-library step on a machine without npm: a clear message, no failure."""
    script = (ROOT / "scripts" / "setup.sh").read_text()
    start = script.index("browser_libraries() {")
    function = script[start : script.index("\n}\n", start) + 3]
    proc = subprocess.run(
        ["/bin/bash", "-c", f"set -euo pipefail; {function}\nPATH={tmp_path} browser_libraries; echo carried-on"],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert proc.returncode == 0 and "carried-on" in proc.stdout
    assert "npm not found" in proc.stderr and "npm ci" in proc.stderr and "API serves" in proc.stderr


def test_claims_take_the_filters_and_formats(seeded: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--store", seeded, "claims", "--speaker", "Azerbaijan", "--relation", "declines"]
    assert main([*args, "--format", "json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["total"] >= 1
    claim = body["items"][0]
    assert claim["on_behalf_of"]["name"] == "Azerbaijan" and claim["relation"] == "declines"
    assert claim["num_reports"] >= 1 and "Pars Today" in claim["outlets"]
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == body["total"] and {r["relation"] for r in rows} == {"declines"}
    assert all(r["claim_id"].startswith("claim:") and r["stance"] in ("oppose", "conditional") for r in rows)
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == ["claim_id", "date", "date_to"] and len(lines) == body["total"] + 1
    assert main([*args, "--min-sources", "50", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == []
