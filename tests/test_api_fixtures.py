"""The API over real extraction output: the extraction fixtures are POSTed as one JSONL batch.

Independent of extraction quality, every filter must agree with the statements the API
lists; and most gold (speaker state, relation) facts must be findable through the filters.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api import local_client

from api.app import create_app
from graph.store import GraphStore

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extraction"


def fixture_docs() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*/*.json"))]


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    with local_client(create_app(store=store)) as c:
        yield c


def _jsonl(docs: list[dict[str, Any]]) -> bytes:
    keys = {"url": "url", "title": "title", "text": "text", "published": "published", "outlet": "outlet",
            "language": "lang"}  # fmt: skip
    lines = [json.dumps({k: d[v] for k, v in keys.items()}, ensure_ascii=False) for d in docs]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_fixture_batch_through_the_api(client: TestClient) -> None:
    docs = fixture_docs()
    assert len(docs) >= 20
    r = client.post(
        "/articles", params={"name": "fixtures.jsonl"}, content=_jsonl(docs),
        headers={"content-type": "application/x-ndjson"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    results = r.json()["results"]
    assert len(results) == len(docs) and all(x["created"] for x in results)
    health = client.get("/health").json()["counts"]
    assert health["articles"] == len(docs)

    items = client.get("/statements", params={"limit": 1000}).json()["items"]
    assert len(items) == health["statements"] > len(docs)

    # every filter agrees with the listed statements
    def ids(**params: Any) -> set[str]:
        return {i["id"] for i in client.get("/statements", params={"limit": 1000, **params}).json()["items"]}

    sources = {i["on_behalf_of"]["id"] for i in items if i["on_behalf_of"]}
    for source in sorted(sources)[:8]:
        assert ids(speaker=source) == {
            i["id"] for i in items
            if source in ((i["speaker"] or {}).get("id"), (i["on_behalf_of"] or {}).get("id"))
        }  # fmt: skip
    for lang in {i["language"] for i in items if i["language"]}:
        assert ids(language=lang) == {i["id"] for i in items if i["language"] == lang}
    for rel in {i["relation"] for i in items}:
        assert ids(relation=rel) == {i["id"] for i in items if i["relation"] == rel}

    # gold facts are findable by (state spoken for, relation)
    gold = [(s["on_behalf_of"], s["relation"]) for d in docs for s in d["statements"] if s.get("on_behalf_of")]
    known = {src for src, _ in gold if client.get("/actors/" + src).status_code == 200}
    found = sum(1 for src, rel in gold if src in known and ids(speaker=src, relation=rel))
    print(f"gold facts found through the API: {found}/{len(gold)}")
    assert found / len(gold) >= 0.6, f"only {found}/{len(gold)} gold facts found through the API"

    # network endpoints work on real output
    graph = client.get("/graph").json()
    assert graph["stats"]["statements"] == len(items) and graph["elements"]["nodes"]
    assert client.get("/analytics/centrality").json()["items"]
    assert client.get("/analytics/blocs").status_code == 200
    # stances on the most-targeted actor list exactly the actors that address it
    targeted: dict[str, set[str]] = {}
    for i in items:
        source = (i["on_behalf_of"] or i["speaker"] or {}).get("id")
        for t in i["targets"]:
            if t["role"] == "target" and source:
                targeted.setdefault(t["actor_id"], set()).add(source)
    top = max(targeted, key=lambda k: (len(targeted[k]), k))
    body = client.get("/stances", params={"target": top}).json()
    listed = {e["actor"]["id"] for g in ("support", "oppose", "conditional", "neutral") for e in body[g]}
    assert listed == targeted[top]
