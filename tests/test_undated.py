"""Undated articles stay undated: no date is taken from the clock, on every path a user reads.

An article without a date gives statements with ``date`` null and ``undated`` true (the API
shows both); relative dates in its text ("Monday", "last week") stay unresolved; absolute ones
("5 January 2026") still date a statement. Sorting, date filters, the timeline, the actor
profile and the exports handle the unknown date on both stores.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from support.api import local_client

from api.app import create_app
from graph import monthly, service
from graph.analytics import demo_data
from graph.model import Article, IngestBatch, Relation, Statement, StatementQuery
from graph.store import GraphStore
from loaders.extract import extract
from loaders.intake import load_bytes
from loaders.pipeline import ingest_articles

UNDATED_TEXT = (
    "Turkey ready to lead stabilisation force\n\n"
    "ANKARA - Turkish President Recep Tayyip Erdogan said on Monday that Turkey is ready to take a key "
    "role in the international stabilization force for Gaza.\n\n"
    "Azerbaijan President Ilham Aliyev said on 5 January 2026 that his country would not send troops to Gaza.\n"
)


def test_extraction_never_dates_by_the_clock() -> None:
    [article] = load_bytes(UNDATED_TEXT.encode(), name="undated.txt")
    assert article.published_at is None
    batch = extract(article)
    assert batch.statements, "the fixture must give statements"
    by_speaker = {st.speaker_id: st for st in batch.statements}
    erdogan = by_speaker.get("recep-tayyip-erdogan")
    assert erdogan is not None and erdogan.date is None and erdogan.undated and erdogan.date_source == "none"
    aliyev = by_speaker.get("ilham-aliyev")
    assert aliyev is not None and aliyev.date is not None and aliyev.date.isoformat() == "2026-01-05"
    assert not aliyev.undated and aliyev.date_source == "text"


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    [article] = load_bytes(UNDATED_TEXT.encode(), name="undated.txt")
    ingest_articles(store, [article])
    with local_client(create_app(store=store)) as c:
        yield c


def test_api_shows_undated_statements_on_every_read_path(client: TestClient, store: GraphStore) -> None:
    items = client.get("/statements", params={"limit": 100}).json()["items"]
    undated = [i for i in items if i["undated"]]
    assert undated and all(i["date"] is None for i in undated)
    assert any(not i["undated"] and i["date"] == "2026-01-05" for i in items)
    # ascending: undated after every dated one; a date range never matches an unknown date
    asc = client.get("/statements", params={"sort": "date", "limit": 100}).json()["items"]
    assert [i["undated"] for i in asc] == sorted(i["undated"] for i in asc)
    ranged = client.get("/statements", params={"from": "1900-01-01", "limit": 100}).json()["items"]
    assert ranged and not any(i["undated"] for i in ranged)
    one = client.get(f"/statements/{undated[0]['id']}").json()
    assert one["undated"] is True and one["date"] is None
    timeline = client.get("/actors/recep-tayyip-erdogan/timeline", params={"period": "day"}).json()
    assert "undated" in {b["period"] for b in timeline["buckets"]}
    assert client.get("/actors/recep-tayyip-erdogan").status_code == 200
    exported = client.get("/export", params={"format": "csv"})
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert any(r["date"] == "" for r in rows) and any(r["date"] == "2026-01-05" for r in rows)
    for fmt in ("graphml", "gexf", "jsonl"):
        assert client.get("/export", params={"format": fmt}).status_code == 200, fmt
    table = pq.read_table(io.BytesIO(client.get("/export", params={"format": "parquet"}).content))
    assert None in table.column("date").to_pylist() and date(2026, 1, 5) in table.column("date").to_pylist()
    claims = client.get("/claims", params={"limit": 100}).json()["items"]
    assert any(c["date"] is None for c in claims) and any(c["date"] == "2026-01-05" for c in claims)
    claims_csv = list(csv.DictReader(io.StringIO(client.get("/claims/export", params={"format": "csv"}).text)))
    assert any(r["date"] == "" for r in claims_csv)
    page = client.get("/graph", params={"timeline": "true"}).json()
    assert "" in [d for e in page["elements"]["edges"] for d in e["data"]["dates"]]  # undated: no day
    assert all(d["date"] for d in page["timeline"])  # the per-day histogram counts dated statements only
    assert store.list_statements(StatementQuery(date_to=date(2100, 1, 1))).total == len(
        [i for i in items if not i["undated"]]
    )


def _demo_batch(article_id: str, statements: list[Statement], day: date | None) -> IngestBatch:
    """Demo actors; one article with ``statements`` re-homed in it, dated ``day`` (or undated)."""
    data = demo_data()
    art = Article(
        id=article_id,
        text=" ".join(s.content for s in statements),
        language="en",
        published_at=datetime.combine(day, datetime.min.time(), tzinfo=UTC) if day else None,
    )
    moved = [
        s.model_copy(update={"id": f"{article_id}:{i}-{i + 1}", "article_id": article_id, "date": day})
        for i, s in enumerate(statements)
    ]
    return IngestBatch(
        article=art, actors=data.actors, statements=[Statement.model_validate(s.model_dump()) for s in moved]
    )


def test_stances_and_contradictions_never_place_an_undated_statement_in_time(store: GraphStore) -> None:
    supports = demo_data().statements[0]  # P for A supports B
    opposes = supports.model_copy(update={"relation": Relation.criticizes, "content": "B is wrong"})
    store.ingest(_demo_batch("url:dated", [supports], date(2026, 1, 1)))
    store.ingest(_demo_batch("url:undated", [opposes], None))
    report = service.stances(store, "b")
    # the latest *dated* statement decides; the undated one is evidence, listed after the dated one
    assert [e.actor.id for e in report.support] == ["a"] and report.oppose == []
    assert [s.undated for s in report.support[0].statements] == [False, True]
    # which of the two came first is unknown: no flip is claimed
    assert service.contradictions(store, "p").contradictions == []
    # an undated statement alone still gives a stance
    store.delete_article("url:dated")
    assert [e.actor.id for e in service.stances(store, "b").oppose] == ["a"]


def test_the_network_per_month_leaves_undated_statements_out_of_every_month(store: GraphStore) -> None:
    """The page's counts per month (graph/monthly.py): an undated statement is in the whole
    network, in no month, and never cuts the months short (it sorts after every date)."""
    supports, agrees = demo_data().statements[:2]
    store.ingest(_demo_batch("url:january", [supports], date(2026, 1, 5)))
    store.ingest(_demo_batch("url:march", [agrees], date(2026, 3, 9)))
    store.ingest(_demo_batch("url:undated", [supports.model_copy(update={"content": "B, again"})], None))
    query = StatementQuery()
    nq = service.network_query(query)
    assert nq is not None
    counted = monthly.elements(monthly.with_actors(store, monthly.counted(store, query, nq)), count="reports")
    tallied = monthly.elements(monthly.with_actors(store, monthly.tally(monthly.stream(store, query))), count="reports")
    for out in (counted, tallied):
        assert [r["month"] for r in out["timeline"]] == ["2026-01", "2026-02", "2026-03"]
        assert sum(r["statements"] for r in out["timeline"]) == 2 and out["stats"]["statements"] == 3
        months = {e["data"]["id"]: e["data"]["months"] for e in out["elements"]["edges"]}
        assert months["a->b:supports"] == {"2026-01": 1}  # the undated report: counted in the edge, in no month
    assert {e["data"]["id"]: e["data"]["count"] for e in counted["elements"]["edges"]} == {
        e["data"]["id"]: e["data"]["count"] for e in tallied["elements"]["edges"]
    }
    with local_client(create_app(store=store)) as client:
        for params in ({"months": "true"}, {"months": "true", "language": "en"}):  # counted, tallied
            page = client.get("/graph", params=params)
            assert page.status_code == 200, page.text
            assert [r["month"] for r in page.json()["timeline"]] == ["2026-01", "2026-02", "2026-03"]
        ego = client.get("/actors/a/network", params={"months": "true"})
        assert ego.status_code == 200 and "" not in {r["month"] for r in ego.json()["timeline"]}


def test_an_undated_article_posted_to_the_api_stays_undated(store: GraphStore) -> None:
    """POST /articles (plain text, and a JSON object without a date) never dates an article by
    the day it arrives; a relative date field is refused, not resolved against today."""
    with local_client(create_app(store=store)) as client:
        posted = client.post("/articles", content=UNDATED_TEXT.encode(), headers={"content-type": "text/plain"})
        assert posted.status_code == 201, posted.text
        [result] = posted.json()["results"]
        article = client.get(f"/articles/{result['article_id']}").json()
        assert article["article"]["published_at"] is None
        assert any(s["undated"] and s["date"] is None for s in article["statements"])
        as_json = client.post("/articles", json={"url": "https://example.org/undated", "text": UNDATED_TEXT})
        assert as_json.status_code == 201, as_json.text
        [result] = as_json.json()["results"]
        assert client.get(f"/articles/{result['article_id']}").json()["article"]["published_at"] is None
        stored = {a["id"] for a in client.get("/articles", params={"limit": 100}).json()["items"]}
        relative = client.post(
            "/articles", json={"url": "https://example.org/rel", "text": UNDATED_TEXT, "date": "Monday"}
        )
        assert relative.status_code == 400, relative.text
        assert {a["id"] for a in client.get("/articles", params={"limit": 100}).json()["items"]} == stored
