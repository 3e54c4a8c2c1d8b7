"""The ``diplograph`` CLI as a user drives it: ingest a URL, extract with offsets, search, stats."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

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
