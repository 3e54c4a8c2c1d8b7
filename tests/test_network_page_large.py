"""The network page above 1,000 actors, in real headless Chromium: drawn at the server's positions.

Above ``PAGE_LAYOUT_MAX`` actors the page draws the positions ``/graph?layout=true`` computed
(graph/layout.py) instead of running fCoSE: the same data gives the same picture, dates are
filtered from the counts per month without asking again, and a day range that cuts a month
is counted by the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import partial

import httpx
import pytest
from support.cdp import Page
from support.live import serving
from support.network_page import ready, visible
from support.synthetic import fill_synthetic

pytestmark = pytest.mark.browser

POSITIONS = "JSON.stringify(window.diplograph.cy.nodes().map(n => [n.id(), n.position()]))"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    fill = partial(fill_synthetic, nodes=1200, edges=2600)
    with serving(tmp_path_factory.mktemp("large"), fill, timeout=120) as url:
        yield url


def test_a_large_graph_is_drawn_at_the_servers_positions(site: str, page: Page) -> None:
    pictures = []
    for _ in range(2):
        page.navigate(site + "/")
        ready(page, timeout=120)
        assert page.evaluate("window.diplograph.timings.preset") is True
        pictures.append(page.evaluate(POSITIONS))
    assert pictures[0] == pictures[1], "same data, same picture"
    served = httpx.get(site + "/graph", params={"months": "true", "layout": "true"}, timeout=120).json()
    want = {n["data"]["id"]: (n["position"]["x"], n["position"]["y"]) for n in served["elements"]["nodes"]}
    drawn = {i: (p["x"], p["y"]) for i, p in json.loads(pictures[0])}
    assert drawn == want and len(drawn) == 1200
    # the whole picture is in view
    inside = page.evaluate(
        "(() => { const e = window.diplograph.cy.extent(), b = window.diplograph.cy.nodes().boundingBox();"
        " return b.x1 >= e.x1 && b.x2 <= e.x2 && b.y1 >= e.y1 && b.y2 <= e.y2; })()"
    )
    assert inside

    # a whole month: summed in the page from the counts per month, as the server counts it
    page.evaluate("window.diplograph.setRange('2025-06-01', '2025-06-30').then(() => true)")
    ready(page)
    june = httpx.get(site + "/graph", params={"from": "2025-06-01", "to": "2025-06-30"}, timeout=120).json()
    nodes, edges = visible(page)
    assert edges == {e["data"]["id"] for e in june["elements"]["edges"]}
    assert nodes == {n["data"]["id"] for n in june["elements"]["nodes"]}
    assert page.evaluate("document.querySelector('#status').dataset.statements") == str(june["stats"]["statements"])
    assert page.evaluate(POSITIONS) == pictures[0], "positions stay put while dates change"

    # days that cut months: the server counts them
    page.evaluate("window.diplograph.setRange('2025-06-10', '2025-07-20').then(() => true)")
    ready(page)
    days = httpx.get(site + "/graph", params={"from": "2025-06-10", "to": "2025-07-20"}, timeout=120).json()
    assert visible(page)[1] == {e["data"]["id"] for e in days["elements"]["edges"]}
    assert page.evaluate("document.querySelector('#status').dataset.statements") == str(days["stats"]["statements"])

    # play walks the range month by month (whole months), positions stay put; pause stops it
    page.evaluate("window.diplograph.setRange('', '').then(() => true)")
    ready(page)
    page.click(*page.center_of("#play"))
    seen: set[str] = set()
    for _ in range(2):
        # from and to are read in one evaluation: play may step to the next month between two reads
        found = page.wait_for(
            f"(() => {{ const s = window.diplograph.state, f = s.from; return f && !{sorted(seen)!r}.includes(f)"
            " && document.querySelector('#status').dataset.ready === '1' ? f + '|' + s.to : null; })()",
            timeout=60,
        )
        month, to = str(found).split("|")
        seen.add(month)
        assert month.endswith("-01") and to[:7] == month[:7], (month, to)
    page.click(*page.center_of("#play"))  # pause
    assert page.evaluate("document.querySelector('#play').textContent").endswith("play")
    assert len(seen) == 2 and page.evaluate(POSITIONS) == pictures[0]
