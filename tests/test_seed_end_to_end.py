"""The spine, end to end on both stores: ``diplograph ingest seeds/`` then query by CLI and API."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.api import local_client

from api.cli import main
from graph.model import Relation, Statement, StatementQuery
from graph.settings import get_settings
from graph.store import GraphStore
from loaders.pipeline import ingest_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ISF = "gaza-international-stabilization-force"


@pytest.fixture
def store_url(store: GraphStore, tmp_path: Path, request: pytest.FixtureRequest,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:  # fmt: skip
    """A URL the CLI can open for the same store the ``store`` fixture gives."""
    if store.kind == "sqlite":
        yield f"sqlite:///{store.path}"  # type: ignore[attr-defined]
    else:
        server = request.getfixturevalue("neo4j")
        if server.auth:
            monkeypatch.setenv("DIPLOGRAPH_NEO4J_USER", server.auth[0])
            monkeypatch.setenv("DIPLOGRAPH_NEO4J_PASSWORD", server.auth[1])
        monkeypatch.setenv("DIPLOGRAPH_NEO4J_DATABASE", server.database)
        get_settings.cache_clear()
        yield server.uri
    get_settings.cache_clear()


def _one(items: list[Statement], speaker: str, relation: Relation) -> Statement:
    found = [s for s in items if s.speaker_id == speaker and s.relation == relation and ISF in s.target_ids()]
    assert found, f"no {speaker} —{relation.value}→ {ISF} in {[(s.speaker_id, s.relation.value) for s in items]}"
    return found[0]


def check_seed_facts(store: GraphStore) -> None:
    items = store.list_statements(StatementQuery(limit=1000)).items
    dec = _one(items, "ilham-aliyev", Relation.declines)
    assert dec.on_behalf_of_id == "azerbaijan"
    assert (dec.cameo, dec.plover, dec.quad_class) == ("1224", "REJECT", 3)
    assert dec.via_id == "isna"
    claim = _one(items, "recep-tayyip-erdogan", Relation.claims_role)
    assert claim.on_behalf_of_id == "turkey"
    assert claim.via_id == "bloomberg"
    assert str(claim.date) == "2026-01-05"
    for st in items:
        assert 0 < st.confidence <= 1
        if st.content_span:
            art = store.get_article(st.article_id)
            assert art is not None
            assert art.text[st.content_span.start : st.content_span.end] == st.content_span.text
    art = store.get_article(dec.article_id)
    assert art is not None and art.outlet == "Pars Today"
    assert art.published_at is not None and art.published_at.isoformat() == "2026-01-06T12:24:00+07:00"


def test_ingest_seed_three_times(store: GraphStore) -> None:
    first = ingest_sources(store, [SEEDS])
    assert first.ok, first.failures
    check_seed_facts(store)
    counts = store.counts()
    assert counts.statements >= 2
    for _ in range(2):
        again = ingest_sources(store, [SEEDS])
        assert again.ok and not any(r.created for r in again.results)
        assert store.counts() == counts


def test_cli_ingest_and_statements(store_url: str, store: GraphStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", store_url, "ingest", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "ingested" in out and "statements" in out
    for name in ("Aliyev", "Ilham Aliyev", "Azerbaijan"):
        assert main(["--store", store_url, "statements", "--speaker", name, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        # the same items as the API's /statements: names next to ids
        rels = {((i["speaker"] or {}).get("id"), i["relation"], i["cameo"], (i["via"] or {}).get("id"))
                for i in data["items"]}  # fmt: skip
        assert ("ilham-aliyev", "declines", "1224", "isna") in rels, (name, rels)
        assert all(i["article"]["outlet"] == "Pars Today" for i in data["items"])
    for name in ("Turki", "Turkey", "Türkiye", "Erdogan", "Erdoğan"):
        assert main(["--store", store_url, "statements", "--speaker", name, "--relation", "claims_role"]) == 0
        text = capsys.readouterr().out
        assert "claims_role" in text and "Gaza" in text and "2026-01-05" in text, (name, text)
    assert main(["--store", store_url, "statements", "--speaker", "Nobodyistan"]) == 2
    assert "no actor matches" in capsys.readouterr().err
    check_seed_facts(store)


def test_api_statements_on_seed(store: GraphStore) -> None:
    from api.app import create_app

    assert ingest_sources(store, [SEEDS]).ok
    with local_client(create_app(store=store)) as client:
        r = client.get("/statements", params={"speaker": "Aliyev", "relation": "declines"})
        assert r.status_code == 200, r.text
        items = r.json()["items"]
        assert any(
            i["cameo"] == "1224"
            and i["via"]["id"] == "isna"
            and i["speaker"]["id"] == "ilham-aliyev"
            and i["on_behalf_of"]["id"] == "azerbaijan"
            and i["article"]["outlet"] == "Pars Today"
            for i in items
        ), items
        r = client.get("/statements", params={"speaker": "Türkiye", "target": "ISF"})
        assert r.status_code == 200, r.text
        assert any(i["relation"] == "claims_role" and i["date"] == "2026-01-05" for i in r.json()["items"])
        assert client.get("/health").json()["status"] == "ok"


BAD_FILES = {
    "binary.txt": b"\x00\x01\x02\xff\xfe" * 100,
    "empty.txt": b"",
    "blank.txt": b"   \n\n  \t\n",
    "baddate.txt": (
        b"Judul berita\nhttps://example.org/x\nPars Today - ringkasan.\n(last modified 2026-01-06T05:26:38+00:00 )\n"
        b"Foo 99, 20x6 99:99 Mars/Olympus\n\nIsi berita yang cukup panjang untuk sebuah artikel.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_name_the_file_and_change_nothing(
    name: str, store: GraphStore, store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ingest_sources(store, [SEEDS]).ok
    before = store.counts()
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name])
    report = ingest_sources(store, [bad])
    assert not report.ok and name in report.failures[0].error
    assert main(["--store", store_url, "ingest", str(bad)]) == 1
    assert name in capsys.readouterr().err
    assert store.counts() == before
    check_seed_facts(store)
