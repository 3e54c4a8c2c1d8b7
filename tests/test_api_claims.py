"""Claims through the API on every store: /claims, /claims/{id}, /claims/export, and what counts claims."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from support.api import local_client
from support.claims_articles import EN_FR, ISF, ROOT, SEED

from api.app import create_app
from graph import claim_export
from graph.claims import Report, group
from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Span, Statement, Target
from graph.relations import codes_for
from graph.store import GraphStore
from loaders.intake import load_path
from loaders.pipeline import ingest_articles


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    ingest_articles(store, load_path(SEED) + load_path(EN_FR))
    with local_client(create_app(store=store)) as c:
        yield c


def refusal(client: TestClient, **params: str) -> dict[str, Any]:
    r = client.get("/claims", params={"speaker": "Aliyev", "relation": "declines", "target": "ISF", **params})
    assert r.status_code == 200, r.text
    found = [c for c in r.json()["items"] if c["date"] == "2026-01-06"]
    assert len(found) == 1, r.json()
    claim: dict[str, Any] = found[0]
    return claim


def test_claims_list_and_detail(client: TestClient) -> None:
    claim = refusal(client)
    assert claim["num_sources"] == 3
    assert claim["outlets"] == ["Pars Today", "Caspian Wire", "Le Courrier du Caucase"]
    assert claim["speaker"] == {"id": "ilham-aliyev", "name": "Ilham Aliyev", "kind": "person"}
    assert claim["on_behalf_of"]["id"] == "azerbaijan"
    assert claim["stance"] == "oppose" and claim["cameo"] == "1224"
    assert [v["id"] for v in claim["via"]] == ["isna"]
    assert claim["links"] and all(link["evidence"] for link in claim["links"])
    assert refusal(client, language="fr")["id"] == claim["id"]
    r = client.get("/claims", params={"min_sources": 3})
    assert [c["id"] for c in r.json()["items"]] == [claim["id"]]
    assert client.get("/claims", params={"min_sources": 4}).json()["items"] == []
    detail = client.get(f"/claims/{claim['id']}")
    assert detail.status_code == 200, detail.text
    body = detail.json()
    assert len(body["reports"]) == body["num_reports"] == claim["num_reports"]
    assert {r["article"]["outlet"] for r in body["reports"]} == {"Pars Today", "Caspian Wire", "Le Courrier du Caucase"}
    assert {r["position"] for r in body["reports"]} >= {"headline", "lead"}
    # each article's headline repeats the refusal: all three are reports of this claim
    headlines = {r["article"]["outlet"] for r in body["reports"] if r["position"] == "headline"}
    assert headlines == {"Pars Today", "Caspian Wire", "Le Courrier du Caucase"}
    assert all(r["claim_id"] == claim["id"] for r in body["reports"])
    # statements carry their claim id
    st = client.get(f"/statements/{body['reports'][0]['id']}").json()
    assert st["claim_id"] == claim["id"]


def test_claims_errors_and_pages(client: TestClient) -> None:
    r = client.get("/claims/claim:nope")
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    assert client.get("/claims", params={"min_sources": 0}).status_code == 422
    assert client.get("/claims", params={"cursor": "garbage!!"}).status_code == 400
    assert client.get("/claims", params={"speaker": "x'}) DETACH DELETE n //"}).status_code == 404
    seen: list[str] = []
    params: dict[str, object] = {"limit": 2}
    while True:
        r = client.get("/claims", params=params)  # type: ignore[arg-type]
        assert r.status_code == 200, r.text
        seen.extend(c["id"] for c in r.json()["items"])
        if not r.json()["next_cursor"]:
            break
        assert 'rel="next"' in r.headers["link"]
        params["cursor"] = r.json()["next_cursor"]
    assert len(seen) == len(set(seen)) == client.get("/health").json()["counts"]["claims"]


def test_network_stances_and_analytics_count_claims(client: TestClient) -> None:
    claim = refusal(client)
    for path, params in (("/graph", {}), ("/graph", {"language": "fr"}), ("/actors/azerbaijan/network", {})):
        by_claims = client.get(path, params=params).json()
        by_reports = client.get(path, params={**params, "count": "reports"}).json()

        def edge(body: dict[str, Any]) -> dict[str, Any]:
            (e,) = [e["data"] for e in body["elements"]["edges"] if e["data"]["id"] == f"azerbaijan->{ISF}:declines"]
            found: dict[str, Any] = e
            return found

        assert edge(by_claims)["count"] < edge(by_reports)["count"], path
        assert edge(by_claims)["num_sources"] >= (3 if not params else 1)
    assert client.get("/graph", params={"count": "nonsense"}).status_code == 422
    stances = client.get("/stances", params={"target": "ISF"}).json()
    (aze,) = [e for e in stances["oppose"] if e["actor"]["id"] == "azerbaijan"]
    assert aze["claims"] < aze["reports"]
    assert len(aze["statements"]) == aze["claims"]  # one piece of evidence per claim
    assert claim["id"] in {s["claim_id"] for s in aze["statements"]}
    every = client.get("/stances", params={"target": "ISF", "count": "reports"}).json()
    (aze_reports,) = [e for e in every["oppose"] if e["actor"]["id"] == "azerbaijan"]
    assert len(aze_reports["statements"]) == aze["reports"]
    paged = client.get("/stances", params={"target": "ISF", "count": "reports", "evidence": 1}).json()
    (aze_page,) = [e for e in paged["oppose"] if e["actor"]["id"] == "azerbaijan"]
    assert aze_page["evidence"] == aze_reports["evidence"] == aze["reports"] > 1  # counts cover all of it
    assert aze_page["statements"] == aze_reports["statements"][-1:]  # only the latest piece is shown
    assert client.get("/stances", params={"target": "ISF", "evidence": -1}).status_code == 422
    central = client.get("/analytics/centrality").json()["items"]
    central_reports = client.get("/analytics/centrality", params={"count": "reports"}).json()["items"]
    degree = {r["id"]: r["degree"] for r in central}
    degree_reports = {r["id"]: r["degree"] for r in central_reports}
    assert degree["azerbaijan"] < degree_reports["azerbaijan"]
    assert client.get("/contradictions", params={"actor": "Azerbaijan"}).status_code == 200


def test_claims_export_keeps_codes_as_text(client: TestClient) -> None:
    r = client.get("/claims/export", params={"format": "csv", "min_sources": 3})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["target_id"] for row in rows] == [ISF]
    row = rows[0]
    assert list(row)[:13] == claim_export.COLUMNS[:13]
    assert (row["speaker"], row["speaker_country"], row["relation"], row["cameo"]) == (
        "Ilham Aliyev", "AZE", "declines", "1224",
    )  # fmt: skip
    assert (row["num_sources"], row["num_articles"]) == ("3", "3")
    assert row["source_url"].startswith("https://parstoday.ir/")
    lines = client.get("/claims/export", params={"format": "jsonl"}).text.splitlines()
    objs = [json.loads(line) for line in lines]
    assert all(isinstance(o["cameo"], str) and o["claim"]["id"] == o["claim_id"] for o in objs)
    assert client.get("/claims/export", params={"format": "xml"}).status_code == 422


def _claim_with_code(cameo: str, n: int) -> Statement:
    codes = codes_for(Relation.states if cameo.startswith("01") else Relation.appeals, cameo)
    content = f"statement {n}"
    return Statement(
        id=f"url:codes:{n}-{n + 9}", article_id="url:codes", speaker_id="azerbaijan", speaker_mention="Baku",
        on_behalf_of_id="azerbaijan", relation=Relation.states if cameo.startswith("01") else Relation.appeals,
        cameo=codes.cameo, plover=codes.plover, quad_class=codes.quad_class, goldstein=codes.goldstein,
        targets=[Target(actor_id="turkey")], content=content, content_span=Span(start=n, end=n + 9, text=content),
        direct=False, date=date(2026, 1, n), confidence=0.8,
    )  # fmt: skip


def test_cameo_codes_survive_pandas_with_dtype_str() -> None:
    statements = [_claim_with_code("010", 1), _claim_with_code("0334", 2)]
    claims = group(Report(statement=s, outlet_key="o") for s in statements)
    actors = {
        "azerbaijan": Actor(id="azerbaijan", name="Azerbaijan", kind=ActorKind.state, country="AZ"),
        "turkey": Actor(id="turkey", name="Turkey", kind=ActorKind.state, country="TR"),
    }
    frame = pd.read_csv(io.BytesIO(claim_export.to_csv(claims, actors)), dtype=str)
    assert sorted(frame["cameo"]) == ["010", "0334"]
    assert set(frame["speaker_country"]) == {"AZE"} and set(frame["target_country"]) == {"TUR"}
    jsonl = pd.read_json(io.BytesIO(claim_export.to_jsonl(claims, actors)), lines=True, dtype={"cameo": str})
    assert sorted(jsonl["cameo"]) == ["010", "0334"]
    # the README tells users to read the export with dtype=str (without it, pandas reads 010 as 10)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "pandas.read_csv(path, dtype=str)" in readme
    assert list(pd.read_csv(io.BytesIO(claim_export.to_csv(claims, actors)))["cameo"]) != ["010", "0334"]


def _report(article: str, outlet: str, relation: Relation, day: int, content: str) -> IngestBatch:
    """One article of a fictional outlet with one indirect statement of Norway's minister about Chile."""
    text = f"Oslo, Jan {day}: the Norwegian foreign minister {content}."
    start = text.index(content)
    codes = codes_for(relation)
    art = Article(id=f"url:contra-{article}", url=f"https://{outlet}.example/{article}", outlet=outlet,
                  title=f"Norway and Chile, Jan {day}", language="en",
                  published_at=datetime(2026, 1, day, 12, tzinfo=UTC), text=text)  # fmt: skip
    st = Statement(
        id=Statement.make_id(art.id, start, start + len(content)), article_id=art.id, speaker_id="norway-fm",
        speaker_mention="the Norwegian foreign minister", on_behalf_of_id="norway", relation=relation,
        cameo=codes.cameo, plover=codes.plover, quad_class=codes.quad_class, goldstein=codes.goldstein,
        targets=[Target(actor_id="chile")], content=content,
        content_span=Span(start=start, end=start + len(content), text=content), direct=False,
        date=date(2026, 1, day), sentence=text, language="en", confidence=0.8,
    )  # fmt: skip
    actors = [
        Actor(id="norway", name="Norway", kind=ActorKind.state, country="NO"),
        Actor(id="norway-fm", name="Norway's foreign minister", kind=ActorKind.person, country="NO"),
        Actor(id="chile", name="Chile", kind=ActorKind.state, country="CL"),
    ]
    return IngestBatch(article=art, actors=actors, statements=[st])


def test_contradictions_ignore_a_late_re_report_of_an_old_position(store: GraphStore) -> None:
    praise = "praised Chile for its new fisheries agreement"
    store.ingest(_report("a", "harbour-post", Relation.supports, 5, praise))
    store.ingest(_report("b", "fjord-daily", Relation.criticizes, 6, "criticised Chile over the fishing quotas"))
    # a third outlet repeats the Monday praise two days later, dated by its own publication day
    store.ingest(_report("c", "north-wire", Relation.supports, 7, praise))
    with local_client(create_app(store=store)) as client:
        by_claims = client.get("/contradictions", params={"actor": "norway-fm"})
        by_reports = client.get("/contradictions", params={"actor": "norway-fm", "count": "reports"})
        assert by_claims.status_code == by_reports.status_code == 200, (by_claims.text, by_reports.text)
        flips = [(c["earlier"]["date"], c["later"]["date"]) for c in by_claims.json()["contradictions"]]
        assert flips == [("2026-01-05", "2026-01-06")]  # one flip: the praise of the 7th is the claim of the 5th
        every = [(c["earlier"]["date"], c["later"]["date"]) for c in by_reports.json()["contradictions"]]
        assert every == [("2026-01-05", "2026-01-06"), ("2026-01-06", "2026-01-07")]
        assert client.get("/contradictions", params={"actor": "norway-fm", "count": "x"}).status_code == 422


def test_claim_ids_never_reach_the_claims_export(client: TestClient) -> None:
    """``/claims/export`` and ``/claims/{claim_id}`` are told apart by the id's shape, so no id
    a client or schemathesis may send (the schema's pattern) answers with the export's CSV."""
    exported = client.get("/claims/export")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    [param] = client.get("/openapi.json").json()["paths"]["/claims/{claim_id}"]["get"]["parameters"]
    pattern = re.compile(param["schema"]["pattern"])
    claim = refusal(client)
    assert pattern.search(claim["id"]) and client.get(f"/claims/{claim['id']}").status_code == 200
    for not_an_id in ("export", "claim:x/../export", "claim:", "Export"):
        assert not pattern.search(not_an_id), not_an_id
    r = client.get("/claims/not-a-claim-id")
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
