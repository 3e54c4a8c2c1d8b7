"""``GET /stances`` pages the evidence by default: each actor's latest
:data:`api.routers.stances.DEFAULT_EVIDENCE` pieces, while its stance and counts still cover all
of them (a hub named in hundreds of thousands of statements answers with the latest pieces, not
a response of hundreds of megabytes); ``evidence`` asks for more, up to 1,000."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from support.api import local_client

from api.app import create_app
from api.routers.stances import DEFAULT_EVIDENCE
from graph import service
from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Statement, Target, TargetRole
from graph.relations import codes_for
from graph.store import GraphStore

FORCE = Actor(id="harbour-force", name="Harbour force", kind=ActorKind.initiative)
ALPHA = Actor(id="alpha", name="Alpha", kind=ActorKind.state)
#: Alpha supported the force once, then declined it week after week: more pieces than a page.
WEEKS = DEFAULT_EVIDENCE + 5


def _batch(week: int) -> IngestBatch:
    day = date(2026, 1, 5) + timedelta(weeks=week)
    relation = Relation.supports if week == 0 else Relation.declines
    art = Article(
        id=f"sha:harbour-{week:03d}", title=f"Harbour {week}", outlet="Outlet H", language="en",
        published_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
    )  # fmt: skip
    codes = codes_for(relation)
    st = Statement(
        id=f"{art.id}:0-40", article_id=art.id, speaker_id=ALPHA.id, speaker_mention=ALPHA.name,
        on_behalf_of_id=ALPHA.id, relation=relation, cameo=codes.cameo, plover=codes.plover,
        quad_class=codes.quad_class, goldstein=codes.goldstein,
        targets=[Target(actor_id=FORCE.id, role=TargetRole.target)],
        content=f"Alpha {relation.value} the harbour force in week {week}", direct=False, date=day, confidence=0.8,
    )  # fmt: skip
    return IngestBatch(article=art, actors=[FORCE, ALPHA], statements=[st])


@pytest.fixture
def client(store: GraphStore) -> Iterator[TestClient]:
    assert not store.ingest_many([_batch(w) for w in range(WEEKS)]).failures
    with local_client(create_app(store=store)) as c:
        yield c


def test_stances_show_the_latest_pieces_by_default_and_count_all(client: TestClient, store: GraphStore) -> None:
    body = client.get("/stances", params={"target": FORCE.id}).json()
    (alpha,) = body["oppose"]
    assert alpha["evidence"] == alpha["claims"] == WEEKS and alpha["changed"]
    assert len(alpha["statements"]) == DEFAULT_EVIDENCE
    assert [s["content"][-2:] for s in alpha["statements"]] == [f"{w:2d}" for w in range(5, WEEKS)]  # the latest
    whole = service.stances(store, FORCE.id).model_dump(mode="json")
    assert body != whole
    more = client.get("/stances", params={"target": FORCE.id, "evidence": 1000}).json()
    assert more == whole  # every piece, when asked for
    assert client.get("/stances", params={"target": FORCE.id, "evidence": DEFAULT_EVIDENCE}).json() == body
    reports = client.get("/stances", params={"target": FORCE.id, "count": "reports"}).json()
    assert len(reports["oppose"][0]["statements"]) == DEFAULT_EVIDENCE and reports["oppose"][0]["evidence"] == WEEKS
    assert client.get("/stances", params={"target": FORCE.id, "evidence": 1001}).status_code == 422
