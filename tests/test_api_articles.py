"""Article endpoints on every store: list, detail with spans, ingest (POST), delete."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from support.api import local_client
from support.corpus import corpus, load

from api.app import create_app
from graph.settings import Settings
from graph.store import GraphStore

PROBLEM = "application/problem+json"


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    load(store)
    with local_client(create_app(store=store)) as c:
        yield c


def test_articles_newest_first_with_cursor(client: TestClient) -> None:
    body = client.get("/articles", params={"limit": 3}).json()
    assert [a["outlet"] for a in body["items"]] == ["Sada Example", "Le Monde Exemple", "Example Wire"]
    assert body["items"][0]["statements"] == 3
    rest = client.get("/articles", params={"limit": 3, "cursor": body["next_cursor"]}).json()
    assert [a["outlet"] for a in rest["items"]] == ["Pars Today"] and rest["next_cursor"] is None
    r = client.get("/articles", params={"cursor": "garbage!"})
    assert r.status_code == 400 and r.headers["content-type"].startswith(PROBLEM)


def test_article_detail_has_text_statements_and_spans(client: TestClient) -> None:
    batch = corpus()[0]
    body = client.get(f"/articles/{batch.article.id}").json()
    text = body["article"]["text"]
    assert text == batch.article.text
    assert len(body["statements"]) == len(batch.statements)
    kinds = {s["kind"] for s in body["spans"]}
    assert {"content", "speaker", "sentence"} <= kinds
    for span in body["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    starts = [s["offsets"]["content"]["start"] for s in body["statements"]]
    assert starts == sorted(starts)


def test_unknown_article_is_404(client: TestClient) -> None:
    r = client.get("/articles/url:doesnotexist")
    assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM)
    assert client.delete("/articles/url:doesnotexist").status_code == 404


def test_delete_article_removes_its_statements_and_keeps_actors(client: TestClient) -> None:
    first = corpus()[0]
    before = client.get("/health").json()["counts"]
    assert client.delete(f"/articles/{first.article.id}").status_code == 204
    after = client.get("/health").json()["counts"]
    assert after["articles"] == before["articles"] - 1
    assert after["statements"] == before["statements"] - len(first.statements)
    assert after["actors"] == before["actors"]
    assert client.get("/actors/ilham-aliyev").status_code == 200
    assert client.get("/statements", params={"article_id": first.article.id}).json()["items"] == []
    # other articles' statements by the same actor survive
    assert [s["date"] for s in client.get("/statements", params={"speaker": "Aliyev"}).json()["items"]] == [
        "2026-02-20"
    ]
    assert client.get(f"/articles/{first.article.id}").status_code == 404


def test_post_article_ingests_the_seed_text(client: TestClient, seed_path: Path) -> None:
    before = client.get("/health").json()["counts"]
    r = client.post(
        "/articles",
        params={"name": seed_path.name},
        content=seed_path.read_bytes(),
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 201, r.text
    results = r.json()["results"]
    assert len(results) == 1 and results[0]["created"] is True
    article_id = results[0]["article_id"]
    assert client.get("/health").json()["counts"]["articles"] == before["articles"] + 1
    detail = client.get(f"/articles/{article_id}").json()
    assert "Aliyev" in detail["article"]["text"]
    again = client.post(
        "/articles",
        params={"name": seed_path.name},
        content=seed_path.read_bytes(),
        headers={"content-type": "text/plain"},
    )
    assert again.status_code == 201 and again.json()["results"][0]["created"] is False
    assert client.get("/health").json()["counts"]["articles"] == before["articles"] + 1


@pytest.mark.parametrize(
    ("body", "ctype", "status"),
    [
        (b"", "text/plain", 400),
        (b"   \n  ", "text/plain", 400),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image/png", 415),
        (b"\x00\x01binary\xff" * 20, "text/plain", 400),
        (b"{not json", "application/json", 400),
    ],
)
def test_bad_uploads_are_problems_and_change_nothing(client: TestClient, body: bytes, ctype: str, status: int) -> None:
    before = client.get("/health").json()["counts"]
    r = client.post("/articles", content=body, headers={"content-type": ctype})
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    assert client.get("/health").json()["counts"] == before


def test_oversized_upload_is_413(store: GraphStore) -> None:
    with local_client(create_app(store=store, settings=Settings(max_article_bytes=100))) as c:
        r = c.post("/articles", content=b"x" * 500, headers={"content-type": "text/plain"})
        assert r.status_code == 413 and r.headers["content-type"].startswith(PROBLEM)
        assert c.get("/health").json()["counts"]["articles"] == 0


def test_seed_facts_through_the_api(store: GraphStore, seed_path: Path) -> None:
    """The seed article, ingested by POST, answers the analyst's questions by any spelling."""
    with local_client(create_app(store=store)) as c:
        r = c.post(
            "/articles",
            params={"name": seed_path.name},
            content=seed_path.read_bytes(),
            headers={"content-type": "text/plain; charset=utf-8"},
        )
        assert r.status_code == 201, r.text
        declines = c.get("/statements", params={"speaker": "Aliyev", "relation": "declines"}).json()["items"]
        assert declines, "Aliyev's refusal is found by his short name"
        first = next(s for s in declines if "tidak berniat mengirim" in s["content"])
        assert first["on_behalf_of"]["id"] == "azerbaijan" and first["via"]["id"] == "isna"
        assert first["cameo"] == "1224" and first["article"]["outlet"] == "Pars Today"
        assert "gaza-international-stabilization-force" in [t["actor_id"] for t in first["targets"]]
        text = c.get(f"/articles/{first['article']['id']}").json()["article"]["text"]
        span = first["offsets"]["content"]
        assert text[span["start"] : span["end"]] == first["content"]
        for spelling in ("Turki", "Türkiye", "Erdoğan", "Erdogan"):
            rels = {s["relation"] for s in c.get("/statements", params={"speaker": spelling}).json()["items"]}
            assert "claims_role" in rels, spelling
        stances = c.get("/stances", params={"target": "International Stabilization Force"}).json()
        by = {e["actor"]["id"]: e["stance"] for g in ("support", "oppose", "conditional") for e in stances[g]}
        assert by.get("turkey") == "support"
        assert by.get("azerbaijan") in ("oppose", "conditional")
        assert c.get("/statements", params={"via": "Bloomberg"}).json()["items"]


def test_article_revisions_endpoint(store: GraphStore) -> None:
    from test_store_contract import _revision

    newer, older = _revision(8, " Update: talks resumed.", 2), _revision(7, "", 1)
    store.ingest(newer)
    assert store.ingest(older).stale
    with local_client(create_app(store=store)) as client:
        body = client.get(f"/articles/{newer.article.id}/revisions").json()
        assert [(r["current"], len(r["statements"])) for r in body["revisions"]] == [(True, 2), (False, 1)]
        assert body["revisions"][1]["article"]["modified_at"].startswith("2026-01-07")
        assert client.get("/articles/url:nope/revisions").status_code == 404


def test_a_stale_revision_shows_in_cached_revisions_at_once(store: GraphStore) -> None:
    """Saving an older revision is a write: the answer cache and ETags must not hide it."""
    url = "https://example.org/revised"
    text = "ANKARA - Turkish President Recep Tayyip Erdogan said on Monday that Turkey is ready to lead the force."

    def post(body: str, modified: str) -> dict[str, Any]:
        payload = {"url": url, "title": "Revised", "text": body, "published_at": "2026-01-05T08:00:00Z",
                   "modified_at": modified}  # fmt: skip
        answer = api.post("/articles", json=payload)
        assert answer.status_code in (200, 201), answer.text
        [result] = answer.json()["results"]
        return cast(dict[str, Any], result)

    with local_client(create_app(store=store)) as api:
        newer = post(text + " Talks resumed on Tuesday.", "2026-01-07T09:00:00Z")
        first = api.get(f"/articles/{newer['article_id']}/revisions")
        assert first.status_code == 200 and len(first.json()["revisions"]) == 1
        again = api.get(f"/articles/{newer['article_id']}/revisions", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304  # cached while nothing changed
        assert post(text, "2026-01-06T09:00:00Z")["stale"]  # an older revision: kept as history only
        fresh = api.get(f"/articles/{newer['article_id']}/revisions", headers={"If-None-Match": first.headers["etag"]})
        assert fresh.status_code == 200 and fresh.headers["etag"] != first.headers["etag"]
        assert [r["current"] for r in fresh.json()["revisions"]] == [True, False]
        assert fresh.json()["revisions"][1]["article"]["modified_at"].startswith("2026-01-06")
