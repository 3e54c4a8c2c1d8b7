"""Network endpoints on every store: ego network, /graph, /paths, timeline, stances,
contradictions, analytics, export and /cypher."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from support.api import local_client
from support.corpus import corpus, load

from api.app import create_app
from graph.store import Capability, GraphStore

PROBLEM = "application/problem+json"


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    load(store)
    with local_client(create_app(store=store)) as c:
        yield c


def nodes(body: dict[str, Any]) -> set[str]:
    return {n["data"]["id"] for n in body["elements"]["nodes"]}


def edges(body: dict[str, Any]) -> set[str]:
    return {e["data"]["id"] for e in body["elements"]["edges"]}


def test_ego_network_depth_one_and_two(client: TestClient) -> None:
    one = client.get("/actors/Aliyev/network").json()
    assert one["center"] == "ilham-aliyev"
    assert nodes(one) == {"ilham-aliyev", "azerbaijan", "gaza-international-stabilization-force", "united-states"}
    assert edges(one) == {
        "ilham-aliyev->azerbaijan:speaks_for",
        "azerbaijan->gaza-international-stabilization-force:declines",
        "azerbaijan->gaza-international-stabilization-force:supports",
        "azerbaijan->united-states:consults",
    }
    declines = next(
        e["data"]
        for e in one["elements"]["edges"]
        if e["data"]["id"] == "azerbaijan->gaza-international-stabilization-force:declines"
    )
    assert declines["count"] == 1 and declines["sign"] == -1  # statements are fetched when opened
    two = client.get("/actors/ilham-aliyev/network", params={"depth": 2}).json()
    assert nodes(one) < nodes(two)
    assert {"turkey", "indonesia", "pakistan", "egypt"} <= nodes(two)
    filtered = client.get("/actors/ilham-aliyev/network", params={"relation": "declines"}).json()
    assert edges(filtered) == {
        "ilham-aliyev->azerbaijan:speaks_for",
        "azerbaijan->gaza-international-stabilization-force:declines",
    }
    r = client.get("/actors/ilham-aliyev/network", params={"depth": 3})
    assert r.status_code == 422 and r.headers["content-type"].startswith(PROBLEM)


def test_graph_for_a_filter_is_cytoscape_json(client: TestClient) -> None:
    body = client.get("/graph", params={"language": "en"}).json()
    assert nodes(body) == {
        "indonesia",
        "gaza-international-stabilization-force",
        "israel",
        "turkey",
        "donald-trump",
        "united-states",
        "egypt",
    }
    assert "israel->turkey:declines" in edges(body)
    assert body["stats"]["statements"] == 4
    for n in body["elements"]["nodes"]:
        assert {"id", "label", "kind", "degree"} <= set(n["data"])
    for e in body["elements"]["edges"]:
        assert e["data"]["source"] in nodes(body) and e["data"]["target"] in nodes(body)
    full = client.get("/graph").json()
    assert full["stats"]["statements"] == sum(len(b.statements) for b in corpus())
    assert "isna" not in nodes(full)  # agencies are not network nodes


def test_paths_between_two_people_carry_statements(client: TestClient) -> None:
    body = client.get("/paths", params={"from": "Aliyev", "to": "Erdoğan"}).json()
    assert body["source"]["id"] == "ilham-aliyev" and body["target"]["id"] == "recep-tayyip-erdogan"
    path = body["paths"][0]
    assert [a["id"] for a in path["actors"]] == [
        "ilham-aliyev", "azerbaijan", "gaza-international-stabilization-force", "turkey", "recep-tayyip-erdogan"
    ]  # fmt: skip
    middle = path["steps"][1]
    assert (middle["source"], middle["target"]) == ("azerbaijan", "gaza-international-stabilization-force")
    assert {s["relation"] for s in middle["statements"]} == {"declines", "supports"}
    assert path["steps"][2]["statements"][0]["relation"] == "claims_role"
    none = client.get("/paths", params={"from": "Aliyev", "to": "Hamas", "relation": "declines"}).json()
    assert none["paths"] == []
    r = client.get("/paths", params={"from": "Aliyev", "to": "Nobodyland"})
    assert r.status_code == 404 and r.headers["content-type"].startswith(PROBLEM)


def test_timeline_counts_per_month_and_relation(client: TestClient) -> None:
    body = client.get("/actors/azerbaijan/timeline", params={"period": "month"}).json()
    got = {(b["period"], b["relation"], b["direction"]): b["statements"] for b in body["buckets"]}
    assert got == {
        ("2025-11", "declines", "given"): 1,
        ("2026-01", "declines", "given"): 1,
        ("2026-01", "consults", "given"): 1,
        ("2026-02", "supports", "given"): 1,
    }
    israel = client.get("/actors/israel/timeline", params={"period": "day"}).json()
    seen = {(b["period"], b["relation"], b["direction"]) for b in israel["buckets"]}
    assert ("2026-03-01", "threatens", "received") in seen and ("2026-01-10", "declines", "given") in seen
    assert client.get("/actors/azerbaijan/timeline", params={"period": "year"}).status_code == 422


def test_stances_group_supporters_opponents_and_conditional(client: TestClient) -> None:
    body = client.get("/stances", params={"target": "Gaza force"}).json()
    assert [t["id"] for t in body["target"]] == ["gaza-international-stabilization-force"]
    by = {k: {e["actor"]["id"] for e in body[k]} for k in ("support", "oppose", "conditional", "neutral")}
    assert by == {
        "support": {"azerbaijan", "turkey", "indonesia", "united-states"},
        "oppose": set(),
        "conditional": {"pakistan"},
        "neutral": set(),
    }
    aze = next(e for e in body["support"] if e["actor"]["id"] == "azerbaijan")
    assert [s["relation"] for s in aze["statements"]] == ["declines", "declines", "supports"]
    # until the end of January, Azerbaijan's latest word is a refusal
    jan = client.get("/stances", params={"target": "ISF", "to": "2026-01-31"}).json()
    assert {e["actor"]["id"] for e in jan["oppose"]} == {"azerbaijan"}
    assert jan["conditional"] == []
    r = client.get("/stances", params={"target": "Gaza farce force xyz"})
    assert r.status_code == 404


def test_contradictions_find_a_stance_flip(client: TestClient) -> None:
    body = client.get("/contradictions", params={"actor": "Azerbaijan"}).json()
    assert len(body["contradictions"]) == 1
    c = body["contradictions"][0]
    assert c["target"]["id"] == "gaza-international-stabilization-force"
    assert (c["earlier"]["relation"], c["earlier"]["date"]) == ("declines", "2026-01-06")
    assert (c["later"]["relation"], c["later"]["date"]) == ("supports", "2026-02-20")
    assert client.get("/contradictions", params={"actor": "Turki"}).json()["contradictions"] == []


def test_analytics_endpoints(client: TestClient) -> None:
    cent = client.get("/analytics/centrality").json()["items"]
    assert cent[0]["id"] == "gaza-international-stabilization-force"
    assert cent[0]["in_degree"] == 7
    assert abs(sum(r["pagerank"] for r in cent) - 1) < 1e-3
    graph_nodes = nodes(client.get("/graph").json())
    comms = client.get("/analytics/communities", params={"method": "greedy"}).json()["communities"]
    flat = [n for c in comms for n in c]
    assert sorted(flat) == sorted(graph_nodes)
    side = {n: i for i, c in enumerate(comms) for n in c}
    assert side["ilham-aliyev"] == side["azerbaijan"] and side["donald-trump"] == side["united-states"]
    louvain = client.get("/analytics/communities").json()
    assert louvain["method"] == "louvain" and sorted(n for c in louvain["communities"] for n in c) == sorted(flat)
    blocs = client.get("/analytics/blocs").json()
    bloc = {n: i for i, b in enumerate(blocs["blocs"]) for n in b}
    assert bloc["hamas"] != bloc["israel"] and bloc["turkey"] != bloc["israel"]
    assert bloc["ilham-aliyev"] == bloc["azerbaijan"]
    assert 0.5 <= blocs["agreement"] <= 1
    french = client.get("/analytics/centrality", params={"language": "fr"}).json()["items"]
    assert {r["id"] for r in french} == {"turkey", "recep-tayyip-erdogan", "israel", "pakistan", "gaza-international-stabilization-force",
                                         "azerbaijan", "ilham-aliyev"}  # fmt: skip
    assert client.get("/analytics/communities", params={"method": "magic"}).status_code == 422


@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("graphml", "application/graphml+xml"),
        ("gexf", "application/gexf+xml"),
        ("csv", "text/csv"),
        ("jsonl", "application/jsonl"),
        ("parquet", "application/vnd.apache.parquet"),
    ],
)
def test_export_formats(client: TestClient, fmt: str, media: str) -> None:
    r = client.get("/export", params={"format": fmt, "speaker": "Azerbaijan"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"] == f'attachment; filename="diplograph.{fmt}"'
    want = {s.id for b in corpus() for s in b.statements if s.on_behalf_of_id == "azerbaijan"}
    if fmt == "graphml":
        g = nx.read_graphml(io.BytesIO(r.content))
        assert set(g.nodes) == {"ilham-aliyev", "azerbaijan", "gaza-international-stabilization-force", "united-states"}
        assert g.nodes["azerbaijan"]["name"] == "Azerbaijan"
    elif fmt == "gexf":
        g = nx.read_gexf(io.BytesIO(r.content))
        assert "gaza-international-stabilization-force" in g.nodes
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))
        assert {row["statement_id"] for row in rows} == want
        assert {row["on_behalf_of"] for row in rows} == {"Azerbaijan"}
        assert all(row["url"].startswith("http") and row["outlet"] for row in rows)
    elif fmt == "parquet":
        df = pd.read_parquet(io.BytesIO(r.content))
        assert set(df["statement_id"]) == want and set(df["on_behalf_of"]) == {"Azerbaijan"}
    else:
        lines = [json.loads(line) for line in r.content.decode("utf-8").splitlines()]
        assert {obj["id"] for obj in lines} == want
        assert all(obj["on_behalf_of_name"] == "Azerbaijan" for obj in lines)


def test_export_rejects_unknown_format(client: TestClient) -> None:
    r = client.get("/export", params={"format": "xlsx"})
    assert r.status_code == 422 and r.headers["content-type"].startswith(PROBLEM)


def test_cypher_follows_the_declared_capability(client: TestClient, store: GraphStore) -> None:
    before = client.get("/health").json()["counts"]
    r = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN count(a) AS n"})
    if Capability.cypher not in store.capabilities:
        assert r.status_code == 501
        assert r.headers["content-type"].startswith(PROBLEM)
        assert f"{store.kind} store" in r.json()["detail"] and "not support" in r.json()["detail"]
    else:
        assert r.status_code == 200, r.text
        assert r.json()["rows"] == [{"n": before["actors"]}]
        w = client.post("/cypher", json={"query": "MATCH (a:Actor) DETACH DELETE a"})
        assert w.status_code == 400 and w.headers["content-type"].startswith(PROBLEM)
        w = client.post("/cypher", json={"query": "CREATE (:Actor {id: 'x'})"})
        assert w.status_code == 400
    assert client.get("/health").json()["counts"] == before
    bad = client.post("/cypher", json={"q": "MATCH (n) RETURN n"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(PROBLEM)


def test_cypher_row_and_time_limits_come_from_settings(store: GraphStore) -> None:
    from graph.settings import Settings

    load(store)
    settings = Settings(cypher_max_rows=3, cypher_timeout=1.0)
    with local_client(create_app(store=store, settings=settings)) as c:
        r = c.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id AS id", "max_rows": 100})
        if Capability.cypher not in store.capabilities:
            assert r.status_code == 501
            return
        body = r.json()
        assert (body["count"], body["limit"], body["truncated"]) == (3, 3, True)
        body = c.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id AS id", "max_rows": 2}).json()
        assert body["count"] == 2
        slow = c.post(
            "/cypher",
            json={"query": "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n"},
        )
        assert slow.status_code == 400 and slow.headers["content-type"].startswith(PROBLEM)
        assert "time" in slow.json()["detail"].lower()
