"""The positions view asks the server for each actor's latest pieces of evidence only
(``/stances?evidence=N``), and still says who changed position from all of them (real Chromium):
a target named in thousands of statements costs the pieces shown, not every one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest
from support.cdp import Page
from support.live import serving

from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Statement, Target, TargetRole
from graph.relations import codes_for
from graph.store import GraphStore

pytestmark = pytest.mark.browser

FORCE = Actor(id="harbour-force", name="Harbour force", kind=ActorKind.initiative)
ALPHA = Actor(id="alpha", name="Alpha", kind=ActorKind.state)
BETA = Actor(id="beta", name="Beta", kind=ActorKind.state)
SHOWN = 10  # api/static/js/panel.js POSITION_EVIDENCE
#: Alpha supported the force once, then declined it fifteen times, week after week: its support
#: is not among its latest ten pieces of evidence, yet it changed position. Beta only supported.
SAID = (
    [(ALPHA, Relation.supports, 0)]
    + [(ALPHA, Relation.declines, w) for w in range(1, 16)]
    + [(BETA, Relation.supports, w) for w in (2, 5, 9)]
)


def _batch(n: int, who: Actor, relation: Relation, week: int) -> IngestBatch:
    day = date(2026, 1, 5) + timedelta(weeks=week)
    art = Article(
        id=f"sha:harbour-{n:03d}", title=f"Harbour {n}", outlet="Outlet H", language="en",
        published_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
    )  # fmt: skip
    codes = codes_for(relation)
    st = Statement(
        id=f"{art.id}:0-40", article_id=art.id, speaker_id=who.id, speaker_mention=who.name, on_behalf_of_id=who.id,
        relation=relation, cameo=codes.cameo, plover=codes.plover, quad_class=codes.quad_class,
        goldstein=codes.goldstein, targets=[Target(actor_id=FORCE.id, role=TargetRole.target)],
        content=f"{who.name} {relation.value} the harbour force, statement number {n} of week {week}",
        direct=False, date=day, confidence=0.8,
    )  # fmt: skip
    return IngestBatch(article=art, actors=[FORCE, ALPHA, BETA], statements=[st])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    def fill(store: GraphStore) -> None:
        assert not store.ingest_many([_batch(n, *said) for n, said in enumerate(SAID)]).failures

    with serving(tmp_path_factory.mktemp("positions-page"), fill) as url:
        yield url


def test_positions_show_the_latest_evidence_and_every_change_of_position(base_url: str, page: Page) -> None:
    page.navigate(base_url + "/?tab=positions&positions=Harbour%20force")
    page.wait_for(f"document.querySelector('#positions').dataset.target === '{FORCE.id}'")
    entry = "document.querySelector('#positions .entry[data-actor=\"{}\"]')"
    alpha, beta = entry.format(ALPHA.id), entry.format(BETA.id)
    assert page.evaluate(f"{alpha}.dataset.stance") == "oppose"
    assert page.evaluate(f"{alpha}.querySelectorAll('.history .chip').length") == SHOWN
    assert page.evaluate(f"[...{alpha}.querySelectorAll('.history .chip')].every(c => c.classList.contains('oppose'))")
    assert page.evaluate(f"{alpha}.querySelector('.changed') !== null"), "the support is older than the ten shown"
    assert page.evaluate(f"{alpha}.querySelector('summary').textContent") == f"evidence (latest {SHOWN} of 16)"
    assert page.evaluate(f"{beta}.dataset.stance") == "support"
    assert page.evaluate(f"{beta}.querySelector('.changed')") is None
    assert page.evaluate(f"{beta}.querySelector('summary').textContent") == "evidence (3)"
    asked = page.evaluate(
        "performance.getEntriesByType('resource').map(r => r.name).filter(n => n.includes('/stances?'))"
    )
    assert asked and all(f"evidence={SHOWN}" in url for url in asked), asked
    # the same as the whole answer says
    whole = httpx.get(base_url + "/stances", params={"target": FORCE.id}).json()
    changed = {e["actor"]["id"]: e["changed"] for group in ("support", "oppose") for e in whole[group]}
    assert changed == {ALPHA.id: True, BETA.id: False}
