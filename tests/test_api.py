"""Spine API on every store: /health, /statements (filters, pagination), /actors, errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.api import local_client
from support.corpus import corpus, load

from api.app import create_app
from graph.errors import StoreError
from graph.model import Statement, StatementPage, StatementQuery, TargetRole
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore

PROBLEM = "application/problem+json"


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    load(store)
    with local_client(create_app(store=store)) as c:
        yield c


def expected(pred: Callable[[Statement], bool]) -> set[str]:
    ids = {st.id for b in corpus() for st in b.statements if pred(st)}
    assert ids, "a filter test must expect at least one statement"
    return ids


def ids_of(client: TestClient, **params: object) -> set[str]:
    r = client.get("/statements", params={"limit": 1000, **params})  # type: ignore[dict-item]
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return {item["id"] for item in body["items"]}


def assert_problem(r: object, status: int) -> dict[str, object]:
    resp = r  # httpx.Response
    assert resp.status_code == status, resp.text  # type: ignore[attr-defined]
    assert resp.headers["content-type"].startswith(PROBLEM)  # type: ignore[attr-defined]
    body: dict[str, object] = resp.json()  # type: ignore[attr-defined]
    for key in ("type", "title", "status", "detail", "instance"):
        assert key in body
    assert body["status"] == status
    return body


def test_app_module_opens_nothing_at_import() -> None:
    import api.app

    assert not hasattr(api.app.app.state, "store")


def test_health_reports_kind_ping_and_counts(client: TestClient, store: GraphStore) -> None:
    body = client.get("/health").json()
    assert body["store"] == store.kind
    assert body["ping"] is True
    assert body["counts"]["statements"] == sum(len(b.statements) for b in corpus())
    assert body["counts"]["articles"] == 4


def test_statements_are_newest_first_with_names_article_and_offsets(client: TestClient) -> None:
    r = client.get("/statements", params={"speaker": "Aliyev", "relation": "declines"})
    assert r.status_code == 200
    items = r.json()["items"]
    assert len(items) == 1
    item = items[0]
    assert item["speaker"] == {"id": "ilham-aliyev", "name": "Ilham Aliyev", "kind": "person"}
    assert item["on_behalf_of"]["name"] == "Azerbaijan"
    assert [(t["name"], t["role"]) for t in item["targets"]] == [
        ("Gaza International Stabilization Force", "target"),
        ("Gaza Strip", "mentioned"),
    ]
    assert item["cameo"] == "1224" and item["plover"] == "REJECT" and item["quad_class"] == 3
    assert item["quote"] is True
    assert item["via"]["name"] == "ISNA"
    assert item["article"]["outlet"] == "Pars Today"
    assert item["article"]["url"] == "https://example.org/id/aliyev-gaza"
    assert item["date"] == "2026-01-06"
    # offsets index into the stored article text
    text = client.get(f"/articles/{item['article']['id']}").json()["article"]["text"]
    span = item["offsets"]["content"]
    assert text[span["start"] : span["end"]] == item["content"]

    dates = [i["date"] for i in client.get("/statements", params={"limit": 100}).json()["items"]]
    assert dates == sorted(dates, reverse=True)
    asc = [i["date"] for i in client.get("/statements", params={"limit": 100, "sort": "date"}).json()["items"]]
    assert asc == sorted(asc)


@pytest.mark.parametrize("spelling", ["Turki", "Türkiye", "turkiye", "Turkey", "turkey"])
def test_speaker_names_resolve_across_spellings(client: TestClient, spelling: str) -> None:
    assert ids_of(client, speaker=spelling) == expected(lambda s: "turkey" in (s.speaker_id, s.on_behalf_of_id))


def test_person_spellings(client: TestClient) -> None:
    erdogan = expected(lambda s: s.speaker_id == "recep-tayyip-erdogan")
    assert ids_of(client, speaker="Erdoğan") == erdogan
    assert ids_of(client, speaker="Erdogan") == erdogan
    assert ids_of(client, speaker="Aliyev") == expected(lambda s: s.speaker_id == "ilham-aliyev")


@pytest.mark.parametrize(
    ("params", "pred"),
    [
        ({"target": "Gaza force"}, lambda s: "gaza-international-stabilization-force" in s.target_ids(TargetRole.target)),
        ({"about": "Israël"}, lambda s: "israel" in s.target_ids(None)),
        ({"relation": "declines"}, lambda s: s.relation.value == "declines"),
        ({"relation": ["supports", "commits"]}, lambda s: s.relation.value in ("supports", "commits")),
        ({"cameo": "12"}, lambda s: s.cameo.startswith("12")),
        ({"cameo": "1224"}, lambda s: s.cameo == "1224"),
        ({"plover": "reject"}, lambda s: s.plover == "REJECT"),
        ({"quad_class": 3}, lambda s: s.quad_class == 3),
        ({"language": "fr"}, lambda s: s.language == "fr"),
        ({"outlet": "Le Monde Exemple"}, lambda s: s.language == "fr"),
        ({"outlet": "example-wire"}, lambda s: s.language == "en"),
        ({"via": "ISNA"}, lambda s: s.via_id == "isna"),
        ({"from": "2026-01-06", "to": "2026-01-31"}, lambda s: date(2026, 1, 6) <= s.date <= date(2026, 1, 31)),
        ({"to": "2025-12-31"}, lambda s: s.date.year == 2025),
        ({"min_confidence": 0.85}, lambda s: s.confidence >= 0.85),
        ({"q": "pasukan"}, lambda s: "pasukan" in s.content.lower()),
        ({"speaker": "Azerbaijan", "target": "ISF", "from": "2026-01-01"},
         lambda s: s.on_behalf_of_id == "azerbaijan" and s.date.year == 2026
         and "gaza-international-stabilization-force" in s.target_ids(TargetRole.target)),
    ],
)  # fmt: skip
def test_statement_filters(client: TestClient, params: dict[str, object], pred: Callable[[Statement], bool]) -> None:
    assert ids_of(client, **params) == expected(pred)


def test_cursor_pagination_visits_every_statement_once(client: TestClient) -> None:
    seen: list[str] = []
    params: dict[str, object] = {"limit": 4}
    pages = 0
    while True:
        r = client.get("/statements", params=params)  # type: ignore[arg-type]
        body = r.json()
        seen.extend(i["id"] for i in body["items"])
        pages += 1
        if not body["next_cursor"]:
            assert "link" not in r.headers
            break
        assert 'rel="next"' in r.headers["link"] and body["next_cursor"] in r.headers["link"]
        params = {"limit": 4, "cursor": body["next_cursor"]}
    total = sum(len(b.statements) for b in corpus())
    assert len(seen) == len(set(seen)) == total
    assert pages == -(-total // 4)


def test_actor_search_folds_diacritics_aliases_and_prefixes(client: TestClient) -> None:
    def names(**params: object) -> list[str]:
        r = client.get("/actors", params=params)  # type: ignore[arg-type]
        assert r.status_code == 200
        return [a["id"] for a in r.json()["items"]]

    assert names(q="turki")[0] == "turkey"
    assert names(q="TURKIYE")[0] == "turkey"
    assert "recep-tayyip-erdogan" in names(q="erdo")
    assert names(q="Azerbaïdjan")[0] == "azerbaijan"
    assert set(names(kind="media", limit=100)) == {
        "isna", "bloomberg", "pars-today", "example-wire", "le-monde-exemple", "sada-example"
    }  # fmt: skip
    assert names(q="a", kind="person", limit=50) and all(
        a["kind"] == "person" for a in client.get("/actors", params={"q": "a", "kind": "person"}).json()["items"]
    )


def test_actor_profile(client: TestClient) -> None:
    r = client.get("/actors/ilham-aliyev")
    assert r.status_code == 200
    p = r.json()
    assert p["actor"]["name"] == "Ilham Aliyev"
    assert [(x["org_id"], x["title"]) for x in p["roles"]] == [("azerbaijan", "president")]
    assert p["given"] == {"consults": 1, "declines": 1, "supports": 1}
    assert p["received"] == {}
    assert p["first_seen"] == "2026-01-06" and p["last_seen"] == "2026-02-20"
    assert p["top_partners"][0]["actor"]["id"] == "gaza-international-stabilization-force"
    assert p["top_partners"][0]["statements"] == 2

    israel = client.get("/actors/Israël").json()  # a name works where an id is expected
    assert israel["actor"]["id"] == "israel"
    assert israel["given"] == {"declines": 1}
    assert israel["received"] == {"accuses": 1, "appeals": 1, "threatens": 1}
    assert israel["mentioned"] == 1


def test_unknown_actor_is_404_problem_with_suggestions(client: TestClient) -> None:
    body = assert_problem(client.get("/actors/aliyef"), 404)
    assert "aliyef" in str(body["detail"])
    assert any(s["id"] == "ilham-aliyev" for s in body["suggestions"])  # type: ignore[attr-defined]
    body = assert_problem(client.get("/statements", params={"speaker": "Erdogann"}), 404)
    assert any(s["id"] == "recep-tayyip-erdogan" for s in body["suggestions"])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 10**9}, 422),
        ({"limit": 0}, 422),
        ({"limit": "many"}, 422),
        ({"from": "2026-13-45"}, 422),
        ({"to": "yesterday"}, 422),
        ({"from": "2026-02-01", "to": "2026-01-01"}, 400),
        ({"cursor": "not-a-cursor"}, 400),
        ({"cursor": "eyJvIjogLTV9"}, 400),
        ({"relation": "bombs"}, 422),
        ({"quad_class": 9}, 422),
        ({"min_confidence": 2}, 422),
        ({"cameo": "1x"}, 400),
        ({"sort": "id; DROP TABLE statements"}, 422),
        ({"speaker": "x' OR '1'='1"}, 404),
        ({"speaker": "MATCH (n) DETACH DELETE n //"}, 404),
        ({"q": "x" * 600}, 422),
    ],
)
def test_hostile_parameters_are_4xx_problems_and_change_nothing(
    client: TestClient, params: dict[str, object], status: int
) -> None:
    before = client.get("/health").json()["counts"]
    assert_problem(client.get("/statements", params=params), status)  # type: ignore[arg-type]
    assert client.get("/health").json()["counts"] == before


@pytest.mark.parametrize(
    "q", ["'; DROP TABLE statements; --", 'pasukan" OR 1=1 --', "MATCH (n) DETACH DELETE n", "*", '"unbalanced']
)
def test_injection_in_full_text_is_harmless(client: TestClient, q: str) -> None:
    before = client.get("/health").json()["counts"]
    r = client.get("/statements", params={"q": q})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert r.headers["content-type"].startswith(PROBLEM)
    assert client.get("/health").json()["counts"] == before


def test_validation_problem_names_the_parameter(client: TestClient) -> None:
    body = assert_problem(client.get("/statements", params={"limit": 5000}), 422)
    assert "limit" in str(body["detail"])
    assert body["errors"]


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    assert_problem(client.get("/no/such/route"), 404)


HOSTILE = [
    {"from": "0000-00-00"},
    {"to": "2026-02-30"},
    {"speaker": "'; DROP TABLE actors; --"},
    {"about": "MATCH (n) DETACH DELETE n"},
    {"relation": "declines' OR '1'='1"},
    {"quad_class": "1 OR 1=1"},
    {"cameo": "12%"},
    {"min_confidence": "nan"},
    {"speaker": ["x"] * 50},
]
ENDPOINTS = [
    "/statements", "/graph", "/export", "/analytics/centrality", "/analytics/communities", "/analytics/blocs",
    "/actors/azerbaijan/network", "/actors/azerbaijan/timeline", "/stances?target=ISF",
    "/contradictions?actor=Azerbaijan",
]  # fmt: skip


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_parameters_on_every_filtered_endpoint(client: TestClient, endpoint: str) -> None:
    before = client.get("/health").json()["counts"]
    for params in HOSTILE:
        r = client.get(endpoint, params=params)  # type: ignore[arg-type]
        assert 400 <= r.status_code < 500, (endpoint, params, r.status_code, r.text)
        assert r.headers["content-type"].startswith(PROBLEM)
    assert client.get("/health").json()["counts"] == before


@pytest.mark.parametrize("endpoint", ["/statements", "/actors", "/articles", "/analytics/centrality"])
def test_huge_limits_are_rejected(client: TestClient, endpoint: str) -> None:
    for limit in (10**12, -1, 0, "all"):
        r = client.get(endpoint, params={"limit": limit})
        assert r.status_code == 422 and r.headers["content-type"].startswith(PROBLEM), (endpoint, limit)


def test_hostile_path_segments_and_bodies(client: TestClient) -> None:
    paths = ["/actors/" + "x" * 5000, "/articles/..%2F..%2Fetc%2Fpasswd", "/statements/%00", "/actors/%27%20OR%201=1"]
    for path in paths:
        r = client.get(path)
        assert 400 <= r.status_code < 500 and r.headers["content-type"].startswith(PROBLEM), path
    for body in [b"not json", b"[]", b'{"query": 5}', b'{"query": ""}']:
        r = client.post("/cypher", content=body, headers={"content-type": "application/json"})
        assert 400 <= r.status_code < 500 and r.headers["content-type"].startswith(PROBLEM), body
    assert client.put("/statements").status_code == 405


class _FailingStore(SqliteStore):
    def list_statements(self, query: StatementQuery) -> StatementPage:
        raise RuntimeError("secret internals /etc/diplograph")


class _DownStore(SqliteStore):
    def list_statements(self, query: StatementQuery) -> StatementPage:
        raise StoreError("neo4j://db:7687 is unreachable")


def test_unexpected_errors_are_500_problems_without_internals(tmp_path: Path) -> None:
    with _FailingStore(tmp_path / "a.db") as store:
        store.ensure_schema()
        with local_client(create_app(store=store), raise_server_exceptions=False) as c:
            r = c.get("/statements")
            body = assert_problem(r, 500)
            assert "secret" not in r.text and body["detail"] == "an unexpected error occurred"
    with _DownStore(tmp_path / "b.db") as store:
        store.ensure_schema()
        with local_client(create_app(store=store)) as c:
            body = assert_problem(c.get("/statements"), 503)
            assert "unreachable" in str(body["detail"])
