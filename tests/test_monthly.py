"""The network per month the page draws (graph/monthly.py) and the server's layout (graph/layout.py).

The counted path (counts kept at ingest, one query per month) must give the page what a tally of
the statements gives; too many statements is a clear error; positions are the same for the same
data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.api import local_client
from support.synthetic import fill_synthetic

from api.app import create_app
from graph import layout, monthly, service
from graph.errors import QueryError
from graph.model import Relation, StatementQuery
from graph.sqlite_store import SqliteStore
from graph.store import GraphStore


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    db = tmp_path_factory.mktemp("monthly") / "synthetic.db"
    with SqliteStore(db) as s:
        s.ensure_schema()
        fill_synthetic(s, nodes=120, edges=300)
        yield s


def _page_view(out: dict[str, Any]) -> dict[str, Any]:
    """What the page reads: each edge's and node's months and totals, and the timeline."""
    return {
        "edges": {e["data"]["id"]: (e["data"]["count"], e["data"]["months"]) for e in out["elements"]["edges"]},
        "nodes": {n["data"]["id"]: (n["data"]["statements"], n["data"]["months"]) for n in out["elements"]["nodes"]},
        "timeline": out["timeline"],
        "statements": out["stats"]["statements"],
    }


@pytest.mark.parametrize("count", ["claims", "reports"])
@pytest.mark.parametrize(
    "query",
    [
        StatementQuery(),
        StatementQuery(relations=[Relation.supports, Relation.declines]),
        StatementQuery(speaker_ids=["syn-00010"]),
    ],
    ids=["all", "relations", "speaker"],
)
def test_counted_months_equal_a_tally_of_the_statements(store: GraphStore, query: StatementQuery, count: str) -> None:
    nq = service.network_query(query)
    assert nq is not None
    counted = monthly.elements(monthly.with_actors(store, monthly.counted(store, query, nq)), count=count)  # type: ignore[arg-type]
    tallied = monthly.elements(monthly.with_actors(store, monthly.tally(monthly.stream(store, query))), count=count)  # type: ignore[arg-type]
    assert counted["elements"]["edges"], "the filter selects links"
    assert len({r["month"] for r in counted["timeline"]}) > 3, "the synthetic data spans months"
    assert _page_view(counted) == _page_view(tallied)
    # the months add up to the counts kept for the whole time
    whole = store.network(nq)
    summed = monthly.counted(store, query, nq).total
    assert summed.edges == whole.edges and summed.speaks_for == whole.speaks_for
    assert (summed.statements, summed.claims) == (whole.statements, whole.claims)


def test_months_of_a_filter_the_counts_cannot_answer_are_tallied(store: GraphStore) -> None:
    query = StatementQuery(language="en")
    assert service.network_query(query) is None
    got = monthly.network_by_month(store, query)
    assert got.total.statements == len(service.all_statements(store, query)) > 0
    assert sum(net.statements for net in got.months.values()) == got.total.statements


def test_more_statements_than_the_page_can_show_is_a_clear_error(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(QueryError, match="narrow the filters"):
        next(monthly.stream(store, StatementQuery(), cap=10))
    monkeypatch.setattr(service, "MAX_STATEMENTS", 10)
    with local_client(create_app(store=store)) as c:
        r = c.get("/graph", params={"months": "true", "language": "en"})
        assert r.status_code == 400, r.text
        assert "narrow the filters" in r.json()["detail"]
        # the counts answer without reading the statements: no cap applies
        assert c.get("/graph", params={"months": "true"}).status_code == 200


def test_graph_by_month_over_http_matches_the_counted_network(store: GraphStore) -> None:
    with local_client(create_app(store=store)) as c:
        by_month = c.get("/graph", params={"months": "true", "relation": "supports"}).json()
        plain = c.get("/graph", params={"relation": "supports"}).json()
        january = c.get("/graph", params={"relation": "supports", "from": "2026-01-01", "to": "2026-01-31"}).json()
    assert {e["data"]["id"]: e["data"]["count"] for e in by_month["elements"]["edges"]} == {
        e["data"]["id"]: e["data"]["count"] for e in plain["elements"]["edges"]
    }
    in_january = {e["data"]["id"]: e["data"]["months"]["2026-01"] for e in by_month["elements"]["edges"]
                  if "2026-01" in e["data"]["months"]}  # fmt: skip
    assert in_january == {e["data"]["id"]: e["data"]["count"] for e in january["elements"]["edges"]}
    row = next(r for r in by_month["timeline"] if r["month"] == "2026-01")
    assert row["statements"] == january["stats"]["statements"] == row["support"]


def test_layout_is_deterministic_and_spreads_the_actors(store: GraphStore, tmp_path: Path) -> None:
    with local_client(create_app(store=store)) as c:
        first = c.get("/graph", params={"months": "true", "layout": "true"}).json()
        layout._CACHE.clear()  # laid out again, not read from the cache
        second = c.get("/graph", params={"months": "true", "layout": "true"}).json()
        ego = c.get("/actors/syn-00010/network", params={"months": "true", "layout": "true"}).json()
    pos = {n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in first["elements"]["nodes"]}
    assert pos == {n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in second["elements"]["nodes"]}
    assert len(pos) == 120 and len(set(pos.values())) == len(pos), "every actor has a place of its own"
    assert all("position" in n for n in ego["elements"]["nodes"]) and ego["center"] == "syn-00010"

    # linked actors sit closer than actors picked at random
    def dist(a: str, b: str) -> float:
        (ax, ay), (bx, by) = pos[a], pos[b]
        return float(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5)

    edges = [(e["data"]["source"], e["data"]["target"]) for e in first["elements"]["edges"]]
    ids = sorted(pos)
    linked = sum(dist(a, b) for a, b in edges) / len(edges)
    anyhow = sum(dist(ids[i], ids[(i * 37 + 11) % len(ids)]) for i in range(len(ids))) / len(ids)
    assert linked < anyhow
