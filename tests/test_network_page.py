"""The actor-network page in real headless Chromium (Chrome DevTools Protocol)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.cdp import Page, chromium
from support.live import live_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory.mktemp("page"), seed=False) as url:
        yield url


@pytest.fixture
def page(base_url: str, tmp_path: Path) -> Iterator[Page]:
    with chromium(tmp_path) as p:
        yield p


def node_labels(page: Page) -> list[str]:
    labels: list[str] = page.evaluate("[...document.querySelectorAll('#node-labels li')].map(li => li.textContent)")
    return labels


def test_page_and_vendor_library_are_served(base_url: str) -> None:
    r = httpx.get(base_url + "/network")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "/vendor/cytoscape/cytoscape.min.js" in r.text
    lib = httpx.get(base_url + "/vendor/cytoscape/cytoscape.min.js")
    assert lib.status_code == 200, "run `npm ci` at the repo root to install cytoscape"
    assert "cytoscape" in lib.text[:2000].lower()
    assert httpx.get(base_url + "/", follow_redirects=False).headers["location"] == "/network"


def test_network_renders_and_a_node_click_shows_statements(base_url: str, page: Page, tmp_path: Path) -> None:
    graph = httpx.get(base_url + "/graph").json()
    want = sorted(n["data"]["label"] for n in graph["elements"]["nodes"])
    page.navigate(base_url + "/network")
    page.wait_for("document.querySelector('#status') && document.querySelector('#status').dataset.ready")
    assert page.evaluate("document.querySelector('#status').dataset.nodes") == str(len(want))
    assert page.evaluate("window.diplograph.cy.nodes().length") == len(want)
    assert page.evaluate("window.diplograph.cy.edges().length") == len(graph["elements"]["edges"])
    assert sorted(node_labels(page)) == want
    assert "Azerbaijan" in want and "Gaza International Stabilization Force" in want
    # the graph was really drawn: the canvas has non-blank pixels
    assert page.evaluate(
        """(() => { const c = [...document.querySelectorAll('#cy canvas')];
            return c.some(cv => { const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
              for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }); })()"""
    )

    # a real mouse click on Azerbaijan's node
    x, y = page.evaluate(
        """(() => { const n = window.diplograph.cy.getElementById('azerbaijan').renderedPosition();
            const r = document.getElementById('cy').getBoundingClientRect(); return [r.left + n.x, r.top + n.y]; })()"""
    )
    page.click(x, y)
    page.wait_for("document.querySelector('#statements').dataset.actor === 'azerbaijan'")
    items = page.evaluate("[...document.querySelectorAll('#statements li')].map(li => li.textContent)")
    assert len(items) == 4
    assert any("Kami tidak akan berpartisipasi" in t for t in items)
    assert any("declines" in t and "Gaza International Stabilization Force" in t for t in items)
    assert "Azerbaijan" in page.evaluate("document.querySelector('#statements-title').textContent")
    shot = page.screenshot(tmp_path / "network.png")
    keep = os.environ.get("DIPLOGRAPH_SCREENSHOT")
    if keep:
        Path(keep).write_bytes(shot.read_bytes())
    assert shot.stat().st_size > 10_000


def test_filters_reload_the_graph(base_url: str, page: Page) -> None:
    page.navigate(base_url + "/network")
    page.wait_for("document.querySelector('#status').dataset.ready")
    page.wait_for("document.querySelectorAll('#relation option').length > 10")
    declines = httpx.get(base_url + "/graph", params={"relation": "declines"}).json()
    page.evaluate(
        """(() => { document.querySelector('#status').dataset.ready = '';
            document.querySelector('#relation').value = 'declines';
            document.querySelector('#filters').requestSubmit(); return true; })()"""
    )
    page.wait_for("document.querySelector('#status').dataset.ready")
    assert sorted(node_labels(page)) == sorted(n["data"]["label"] for n in declines["elements"]["nodes"])
    assert page.evaluate("window.diplograph.cy.edges().map(e => e.data('relation'))") == [
        e["data"]["relation"] for e in declines["elements"]["edges"]
    ]
    # an actor typed in any spelling, with a date range
    page.evaluate(
        """(() => { document.querySelector('#status').dataset.ready = '';
            document.querySelector('#relation').value = '';
            document.querySelector('#actor').value = 'Türkiye';
            document.querySelector('#from').value = '2026-01-01';
            document.querySelector('#filters').requestSubmit(); return true; })()"""
    )
    page.wait_for("document.querySelector('#status').dataset.ready")
    ego = httpx.get(base_url + "/actors/Türkiye/network", params={"from": "2026-01-01"}).json()
    assert sorted(node_labels(page)) == sorted(n["data"]["label"] for n in ego["elements"]["nodes"])
    assert {"Israel", "Türkiye", "Recep Tayyip Erdoğan", "Egypt"} <= set(node_labels(page))
    assert "Pakistan" not in node_labels(page)
    # depth 2 reaches the partners' partners
    page.evaluate(
        """(() => { document.querySelector('#status').dataset.ready = '';
            document.querySelector('#depth').value = '2';
            document.querySelector('#filters').requestSubmit(); return true; })()"""
    )
    page.wait_for("document.querySelector('#status').dataset.ready")
    assert "Pakistan" in node_labels(page)
    # an unknown actor shows the problem detail with suggestions
    page.evaluate(
        """(() => { document.querySelector('#status').dataset.ready = '';
            document.querySelector('#actor').value = 'Erdogann';
            document.querySelector('#filters').requestSubmit(); return true; })()"""
    )
    page.wait_for("!document.querySelector('#error').hidden")
    assert "Recep Tayyip Erdoğan" in page.evaluate("document.querySelector('#error').textContent")


def test_docs_render_every_endpoint_offline(base_url: str, page: Page) -> None:
    spec = httpx.get(base_url + "/openapi.json").json()
    operations = sum(
        1 for item in spec["paths"].values() for method in item if method in ("get", "post", "put", "delete")
    )
    html = httpx.get(base_url + "/docs").text
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in html and "cdn." not in html
    page.navigate(base_url + "/docs")
    page.wait_for(f"document.querySelectorAll('.opblock').length >= {operations}")
    summaries = page.evaluate("[...document.querySelectorAll('.opblock-summary-path')].map(e => e.textContent)")
    assert {"/statements", "/actors/{actor_id}", "/graph", "/cypher"} <= {s.replace("\u200b", "") for s in summaries}
    # opening GET /statements shows the parameter examples
    page.evaluate(
        """(() => { const op = [...document.querySelectorAll('.opblock-get')].find(o =>
              o.querySelector('.opblock-summary-path').textContent.replace(/\\u200b/g, '') === '/statements');
            op.querySelector('.opblock-summary-control').click(); return true; })()"""
    )
    page.wait_for("document.querySelectorAll('.opblock.is-open tr').length > 15")
    text = page.evaluate("document.querySelector('.opblock.is-open').textContent")
    assert "speaker" in text and "Examples: The Gaza force" in text and "application/problem+json" in text
    page.screenshot(Path(os.environ.get("DIPLOGRAPH_DOCS_SCREENSHOT", "/dev/null")))
