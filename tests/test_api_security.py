"""Who may write and read: API keys, loopback-only writes without a key, cross-site browsers,
CORS, the Host allowlist, content types and body limits (issue 7, security)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient
from support.api import LOCAL_BASE_URL, local_client
from support.corpus import corpus, load

from api.app import create_app
from graph.settings import Settings
from graph.store import GraphStore

PROBLEM = "application/problem+json"
KEYS = "first-key-0123456789,second-key-abcdef"
ARTICLE = (
    b"Ankara says it is ready to join the force\n"
    b"https://example.org/news/ankara-force\n"
    b"2026-02-01\n\n"
    b'Turkish Foreign Minister Hakan Fidan said on Sunday: "Turkey is ready to join the force."\n'
)


def conf(**values: object) -> Settings:
    """Settings as the environment gives them: lists as comma-separated strings."""
    return Settings.model_validate(values)


def counts(c: TestClient) -> dict[str, Any]:
    body: dict[str, Any] = c.get("/health").json()["counts"]
    return body


def post(
    c: TestClient, headers: dict[str, str] | None = None, body: bytes = ARTICLE, ctype: str | None = "text/plain"
) -> httpx2.Response:
    sent = dict(headers or {})
    if ctype is not None:
        sent["content-type"] = ctype
    return c.post("/articles", content=body, headers=sent)


def assert_problem(r: httpx2.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM), r.headers
    body: dict[str, Any] = r.json()
    assert body["status"] == status
    return body


@pytest.fixture
def keyed(store: GraphStore) -> Iterator[TestClient]:
    load(store)
    with local_client(create_app(store=store, settings=conf(api_key=KEYS))) as c:
        yield c


def test_writes_need_one_of_the_configured_keys(keyed: TestClient) -> None:
    before = counts(keyed)
    for headers in ({}, {"authorization": "Bearer wrong"}, {"x-api-key": "first-key-012345678"},
                    {"authorization": "Basic Zmlyc3Qta2V5LTAxMjM0NTY3ODk="}, {"authorization": "Bearer "}):  # fmt: skip
        r = post(keyed, headers)
        body = assert_problem(r, 401)
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert "first-key" not in r.text and "second-key" not in r.text
        assert body["type"].endswith("/unauthorized")
    article_id = corpus()[0].article.id
    assert_problem(keyed.delete(f"/articles/{article_id}"), 401)
    assert counts(keyed) == before
    created = post(keyed, {"authorization": "Bearer second-key-abcdef"})
    assert created.status_code == 201, created.text
    assert counts(keyed)["articles"] == before["articles"] + 1
    assert keyed.delete(f"/articles/{article_id}", headers={"x-api-key": "first-key-0123456789"}).status_code == 204
    # reads stay open by default
    assert keyed.get("/statements").status_code == 200
    assert keyed.get(f"/articles/{created.json()['results'][0]['article_id']}").status_code == 200


def test_a_key_works_from_anywhere_and_none_configured_means_loopback_only(tmp_path: Path) -> None:
    from graph.sqlite_store import SqliteStore

    with SqliteStore(tmp_path / "g.db") as store:
        store.ensure_schema()
        far = ("203.0.113.9", 40000)
        with local_client(create_app(store=store, settings=Settings()), client=far) as c:
            body = assert_problem(post(c), 403)
            assert "DIPLOGRAPH_API_KEY" in body["detail"]
            assert_problem(post(c, {"authorization": "Bearer anything"}), 403)
            assert_problem(c.delete("/articles/url:x"), 403)
            assert c.get("/statements").status_code == 200  # reads open
        with local_client(create_app(store=store, settings=Settings()), client=("testclient", 1)) as c:
            assert_problem(post(c), 403)  # not an address at all
        with local_client(create_app(store=store, settings=Settings())) as c:
            # a loopback peer behind a proxy is not a loopback client
            for proxy in (
                {"x-forwarded-for": "203.0.113.9"},
                {"forwarded": "for=203.0.113.9"},
                {"x-real-ip": "1.2.3.4"},
            ):
                assert_problem(post(c, proxy), 403)
            assert counts(c)["articles"] == 0
            assert post(c).status_code == 201
        for peer in (("::1", 5), ("::ffff:127.0.0.1", 5), ("127.9.8.7", 5)):
            with local_client(create_app(store=store, settings=Settings()), client=peer) as c:
                assert post(c).status_code == 201, peer
        with local_client(create_app(store=store, settings=conf(api_key=KEYS)), client=far) as c:
            assert_problem(post(c), 401)
            assert post(c, {"authorization": "Bearer first-key-0123456789"}).status_code == 201
        assert store.counts().articles == 1


def test_reads_can_require_a_key(store: GraphStore) -> None:
    load(store)
    settings = conf(api_key=KEYS, read_requires_key=True)
    with local_client(create_app(store=store, settings=settings)) as c:
        for path in ("/statements", "/actors", "/articles", "/graph", "/relations", "/export"):
            assert_problem(c.get(path), 401)
            assert c.get(path, headers={"x-api-key": "second-key-abcdef"}).status_code == 200, path
        assert_problem(c.post("/cypher", json={"query": "RETURN 1 AS x"}), 401)
        assert c.get("/health").status_code == 200  # the health check stays open
    with local_client(create_app(store=store, settings=conf(read_requires_key=True)), client=("192.0.2.1", 1)) as c:
        assert_problem(c.get("/statements"), 403)


def test_the_start_log_says_how_writes_are_admitted_and_never_shows_a_key(
    store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="diplograph"):
        with local_client(create_app(store=store, settings=Settings())):
            pass
        assert any("no API key configured" in r.getMessage() and "loopback" in r.getMessage() for r in caplog.records)
        caplog.clear()
        with local_client(create_app(store=store, settings=conf(api_key=KEYS))) as c:
            post(c, {"authorization": "Bearer first-key-0123456789"})
            post(c, {"authorization": "Bearer wrong-key-guess"})
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "2 configured API key(s)" in text
    assert "first-key" not in text and "second-key" not in text and "wrong-key" not in text
    assert "first-key" not in repr(conf(api_key=KEYS))


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example", "sec-fetch-site": "cross-site"},
        {"origin": "https://evil.example"},  # a browser without Fetch Metadata
        {"origin": "null"},  # sandboxed frame, file:// page
        {"sec-fetch-site": "same-site", "origin": "http://sub.127.0.0.1:8000"},
        {"origin": "http://127.0.0.1:9999"},  # another port is another origin
    ],
)
def test_a_cross_site_browser_post_creates_nothing(store: GraphStore, headers: dict[str, str]) -> None:
    """A page elsewhere posting through the user's (loopback) browser: text/plain needs no preflight."""
    with local_client(create_app(store=store, settings=Settings())) as c:
        body = assert_problem(post(c, headers), 403)
        assert "cross-site" in body["detail"]
        assert_problem(c.delete("/articles/url:x", headers=headers), 403)
        assert counts(c)["articles"] == 0
    with local_client(create_app(store=store, settings=conf(api_key=KEYS))) as c:
        assert_problem(post(c, {"authorization": "Bearer first-key-0123456789", **headers}), 403)
        assert counts(c)["articles"] == 0


def test_same_origin_and_allowed_origins_may_write(store: GraphStore) -> None:
    with local_client(create_app(store=store, settings=Settings())) as c:
        same = post(c, {"origin": LOCAL_BASE_URL, "sec-fetch-site": "same-origin"})
        assert same.status_code == 201, same.text
        assert post(c, {"origin": LOCAL_BASE_URL}).status_code == 201  # no Fetch Metadata, same origin
    settings = conf(cors_origins="https://desk.example", api_key=KEYS)
    with local_client(create_app(store=store, settings=settings)) as c:
        headers = {"origin": "https://desk.example", "sec-fetch-site": "cross-site"}
        r = post(c, {**headers, "authorization": "Bearer first-key-0123456789"})
        assert r.status_code == 201, r.text
        assert r.headers["access-control-allow-origin"] == "https://desk.example"


def test_cors_is_off_by_default_and_follows_the_origin_list(store: GraphStore) -> None:
    load(store)
    with local_client(create_app(store=store, settings=Settings())) as c:
        r = c.get("/statements", headers={"origin": "https://desk.example"})
        assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
        pre = c.options("/articles", headers={"origin": "https://desk.example", "access-control-request-method": "POST",
                                              "access-control-request-headers": "authorization"})  # fmt: skip
        assert "access-control-allow-origin" not in pre.headers
    settings = conf(cors_origins="https://desk.example, https://notebook.example")
    with local_client(create_app(store=store, settings=settings)) as c:
        r = c.get("/statements", headers={"origin": "https://notebook.example"})
        assert r.headers["access-control-allow-origin"] == "https://notebook.example"
        assert "link" in r.headers["access-control-expose-headers"].lower()
        pre = c.options("/articles", headers={"origin": "https://desk.example", "access-control-request-method": "POST",
                                              "access-control-request-headers": "authorization, content-type"})  # fmt: skip
        assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://desk.example"
        other = c.get("/statements", headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_only_allowed_hosts_are_answered(store: GraphStore) -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends Host: evil.example."""
    with local_client(create_app(store=store, settings=Settings())) as c:
        for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "testserver"):
            r = c.get("/statements", headers={"host": host})
            assert r.status_code == 400, host
            assert post(c, {"host": host}).status_code == 400
        for host in ("127.0.0.1:8000", "localhost", "localhost:8000", "[::1]:8000"):
            assert c.get("/health", headers={"host": host}).status_code == 200, host
        assert counts(c)["articles"] == 0
    settings = conf(host="0.0.0.0", allowed_hosts="graph.example.org,*.desk.example")
    with local_client(create_app(store=store, settings=settings)) as c:
        assert c.get("/health", headers={"host": "graph.example.org"}).status_code == 200
        assert c.get("/health", headers={"host": "a.desk.example"}).status_code == 200
        assert c.get("/health", headers={"host": "0.0.0.0:8000"}).status_code == 400
    with TestClient(create_app(store=store, settings=conf(host="api.internal"))) as c:
        assert c.get("/health", headers={"host": "api.internal:8000"}).status_code == 200


@pytest.mark.parametrize(
    ("body", "ctype", "status"),
    [
        (ARTICLE, None, 415),
        (ARTICLE, "application/x-www-form-urlencoded", 415),
        (
            b"--b\r\nContent-Disposition: form-data; name=f\r\n\r\n" + ARTICLE + b"\r\n--b--\r\n",
            "multipart/form-data; boundary=b",
            415,
        ),
        (ARTICLE, "application/octet-stream", 415),
        (b'{"title": "T", "text": "Fidan said: \\"yes\\"."}', "text/plain", 415),
        (b'[{"title": "T", "text": "Fidan said yes."}]', "text/plain", 415),
        (b'[{"title": "T", "text": "Fidan said yes."}]', "application/json", 400),
        (b'"just a string"', "application/json", 400),
        (b"Title\n\nbody", "application/json", 400),
        (b"[1, 2]", "application/x-ndjson", 400),
    ],
)
def test_bodies_whose_type_does_not_match_are_refused(
    store: GraphStore, body: bytes, ctype: str | None, status: int
) -> None:
    with local_client(create_app(store=store, settings=Settings())) as c:
        r = post(c, body=body, ctype=ctype)
        assert_problem(r, status)
        assert counts(c)["articles"] == 0


def test_a_json_object_is_one_article(store: GraphStore) -> None:
    with local_client(create_app(store=store, settings=Settings())) as c:
        doc = {"title": "Ankara ready", "url": "https://example.org/a", "published": "2026-02-01",
               "text": 'Turkish Foreign Minister Hakan Fidan said on Sunday: "Turkey is ready to join the force."'}  # fmt: skip
        r = c.post("/articles", json=doc)
        assert r.status_code == 201, r.text
        assert len(r.json()["results"]) == 1 and counts(c)["articles"] == 1


def test_request_bodies_are_limited(store: GraphStore) -> None:
    settings = conf(max_request_bytes=2000, max_article_bytes=3000)
    with local_client(create_app(store=store, settings=settings)) as c:
        big = {"query": "RETURN 1 AS x", "params": {"pad": "x" * 5000}}
        assert_problem(c.post("/cypher", json=big), 413)
        streamed = c.post("/cypher", content=iter([b'{"query": "RETURN 1", "params": {"p": "', b"x" * 5000, b'"}}']),
                          headers={"content-type": "application/json"})  # fmt: skip
        assert streamed.status_code == 413, streamed.text
        assert_problem(post(c, body=ARTICLE + b"x" * 3000), 413)
        assert post(c).status_code == 201  # an article may be larger than max_request_bytes
