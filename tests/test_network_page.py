"""The actor-network page in real headless Chromium (Chrome DevTools Protocol).

Screenshots of every step are written to ``test-artifacts/page/`` at the repository root
(``DIPLOGRAPH_ARTIFACTS`` overrides the folder); the path is printed at the end of the run.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from support.cdp import Page, chromium
from support.live import live_server
from support.network_page import ready, visible
from support.synthetic import fill_synthetic

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FORCE = "gaza-international-stabilization-force"
DECLINES = f"azerbaijan->{FORCE}:declines"


@pytest.fixture(scope="module")
def artifacts(request: pytest.FixtureRequest) -> Iterator[Path]:
    folder = Path(os.environ.get("DIPLOGRAPH_ARTIFACTS", ROOT / "test-artifacts")) / "page"
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    shots = sorted(p.name for p in folder.glob("*.png"))
    if reporter is not None and shots:
        reporter.write_line(f"\npage screenshots ({len(shots)}) written to {folder}: {', '.join(shots)}")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # the hand-built corpus plus the Pars Today seed article through the real pipeline
    with live_server(tmp_path_factory.mktemp("page"), seed=True) as url:
        yield url


def shoot(page: Page, artifacts: Path, name: str) -> Path:
    shot: Path = page.screenshot(artifacts / name)
    assert shot.stat().st_size > 10_000
    return shot


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def items(page: Page, list_id: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = page.evaluate(
        f"""[...document.querySelectorAll('#{list_id} > li')].map(li => ({{
            id: li.dataset.statement, text: li.textContent,
            date: li.querySelector('.meta').textContent.slice(0, 10),
            url: (li.querySelector('a.source-link') || {{}}).href || null,
            source: (li.querySelector('a.source-link') || {{}}).textContent || null }}))"""
    )
    return out


def submit(page: Page, **fields: str) -> None:
    """Set form fields as a user would and press Show."""
    script = "".join(f"document.querySelector('#{k}').value = {json.dumps(v)};" for k, v in fields.items())
    page.evaluate(f"(() => {{ document.querySelector('#status').dataset.ready = ''; {script} return true; }})()")
    page.click(*page.center_of("#filters button[type=submit]"))
    ready(page)


def test_page_and_vendor_libraries_are_served(base_url: str) -> None:
    for path in ("/", "/network", "/?actor=azerbaijan"):
        r = httpx.get(base_url + path, follow_redirects=False)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
    html = httpx.get(base_url + "/").text
    for lib in ("/vendor/cytoscape/cytoscape.min.js", "/vendor/cytoscape-fcose/cytoscape-fcose.js",
                "/vendor/cose-base/cose-base.js", "/vendor/layout-base/layout-base.js", "/vendor/d3/d3.min.js"):  # fmt: skip
        assert lib in html
        r = httpx.get(base_url + lib)
        assert r.status_code == 200 and len(r.content) > 10_000, f"run `npm ci` at the repo root ({lib})"
    assert "cdn." not in html and "https://" not in html
    for module in ("app", "graph", "panel", "state", "timeline", "util"):
        assert httpx.get(f"{base_url}/static/js/{module}.js").status_code == 200


def test_missing_browser_libraries_say_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from support.api import local_client

    from api.app import create_app
    from api.routers import network_page
    from graph.sqlite_store import SqliteStore

    monkeypatch.setattr(network_page, "REQUIRED", [tmp_path / "node_modules" / "cytoscape" / "cytoscape.min.js"])
    with SqliteStore(tmp_path / "g.db") as store, local_client(create_app(store=store)) as client:
        store.ensure_schema()
        r = client.get("/")
        assert r.status_code == 503 and "npm ci" in r.text
        assert client.get("/health").status_code == 200  # the API still serves


def test_the_analysts_desk(base_url: str, page: Page, artifacts: Path) -> None:
    # 1. a shared link opens with Azerbaijan selected and its statements in the panel
    page.navigate(base_url + "/?actor=azerbaijan")
    ready(page)
    page.wait_for("document.querySelector('#statements').dataset.actor === 'azerbaijan'")
    assert page.evaluate("window.diplograph.cy.getElementById('azerbaijan').selected()")
    assert page.evaluate("document.querySelector('#statements-title').textContent") == "Statements · Azerbaijan"
    listed = items(page, "statements")
    declined = [
        it for it in listed if "declines → Gaza International Stabilization Force" in it["text"]
    ]  # fmt: skip
    assert declined, [it["text"][:120] for it in listed]
    # the seed article itself (the hand-built corpus has a twin on example.org)
    from_seed = [it for it in declined if (it["url"] or "").startswith("https://parstoday.ir/")]
    assert from_seed, [(it["url"], it["source"]) for it in declined]
    refusal = next((it for it in from_seed if "tidak berniat mengirim" in it["text"]), from_seed[0])
    assert "Pars Today" in refusal["source"]
    assert "Pars Today via ISNA" in refusal["text"]
    graph = httpx.get(base_url + "/graph", params={"timeline": "true"}).json()
    assert page.evaluate("window.diplograph.cy.nodes().length") == len(graph["elements"]["nodes"])
    assert page.evaluate("document.querySelectorAll('#legend .dot').length") >= 7
    shoot(page, artifacts, "01-actor-from-url.png")

    # 2. provenance: the article view highlights speaker, cue and quote at their offsets
    st = httpx.get(f"{base_url}/statements/{refusal['id']}").json()
    page.click(*page.center_of(f"#statements li[data-statement='{refusal['id']}'] button.article-link"))
    page.wait_for("document.querySelector('#article-view').dataset.ready === '1'")
    marks = page.evaluate(
        "Object.fromEntries(['speaker', 'cue', 'content'].map(k => [k,"
        " [...document.querySelectorAll('#article-text mark.hl-' + k)].map(m => m.textContent).join('')]))"
    )
    offsets = st["offsets"]
    assert marks["speaker"] == offsets["speaker"]["text"]
    if offsets.get("cue"):
        assert marks["cue"].strip() and marks["cue"] in offsets["cue"]["text"]
    assert offsets["content"]["text"].startswith(marks["content"][:20]) and len(marks["content"]) > 20
    assert "Pars Today" in page.evaluate("document.querySelector('#article-meta').textContent")
    assert query(page)["article"] == [refusal["id"]]
    shoot(page, artifacts, "02-article-view.png")
    page.click(*page.center_of("#article-close"))
    page.wait_for("document.querySelector('#article-view').hidden")

    # 3. brush the timeline over January 2026: graph, counts, panel and URL follow
    page.wait_for("document.querySelector('#histogram rect[data-month=\"2026-01\"]')")
    box = page.evaluate(
        "(() => { const r = [...document.querySelectorAll('#histogram rect[data-month=\"2026-01\"]')]"
        ".map(e => e.getBoundingClientRect()); return [Math.min(...r.map(b => b.left)), Math.max(...r.map(b => b.right)),"
        " Math.max(...r.map(b => b.bottom))]; })()"
    )
    left, right, bottom = box
    page.drag(left + 1, bottom - 3, right - 1, bottom - 3)
    page.wait_for("window.diplograph.state.from !== ''")
    ready(page)
    state = page.evaluate("({from: window.diplograph.state.from, to: window.diplograph.state.to})")
    assert state["from"].startswith("2026-01") and state["to"].startswith("2026-01"), state
    assert query(page)["from"] == [state["from"]] and query(page)["to"] == [state["to"]]
    ranged = httpx.get(base_url + "/graph", params={"from": state["from"], "to": state["to"]}).json()
    # the counted network (month counts kept at ingest) and the per-statement one agree
    detailed = httpx.get(base_url + "/graph", params={**state, "timeline": "true"}).json()
    assert {n["data"]["id"] for n in detailed["elements"]["nodes"]} == {
        n["data"]["id"] for n in ranged["elements"]["nodes"]
    }
    nodes, edges = visible(page)
    assert nodes == {n["data"]["id"] for n in ranged["elements"]["nodes"]}
    assert edges == {e["data"]["id"] for e in ranged["elements"]["edges"]}
    assert page.evaluate("document.querySelector('#status').dataset.statements") == str(ranged["stats"]["statements"])
    page.wait_for(f"document.querySelector('#statements').dataset.filters.includes('from={state['from']}')")
    page.wait_for("document.querySelector('#statements').dataset.actor === 'azerbaijan'")
    in_range = items(page, "statements")
    assert in_range and all(state["from"] <= it["date"] <= state["to"] for it in in_range)
    assert len(in_range) < len(listed)
    shoot(page, artifacts, "03-timeline-brushed.png")

    # step to the next month, then back to every date
    page.click(*page.center_of("#step-forward"))
    page.wait_for("window.diplograph.state.from === '2026-02-01' && window.diplograph.state.to === '2026-02-28'")
    page.wait_for("document.querySelector('#statements').dataset.filters.includes('from=2026-02-01')")
    page.wait_for("document.querySelector('#statements').dataset.actor === 'azerbaijan'")
    assert all(it["date"].startswith("2026-02") for it in items(page, "statements"))
    page.click(*page.center_of("#clear-range"))
    page.wait_for("window.diplograph.state.from === '' && !location.search.includes('from=')")

    # 4. click the declines link: the statements behind it
    # wait for the next frame to draw the link again (its midpoint exists once it is drawn)
    x, y = page.wait_for(
        f"""(() => {{ const e = window.diplograph.cy.getElementById('{DECLINES}');
            const p = e.visible() && e.renderedMidpoint(); if (!p || p.x === undefined) return null;
            const r = document.getElementById('cy').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y]; }})()"""
    )
    page.click(x, y)
    page.wait_for(f"document.querySelector('#edge-statements').dataset.edge === '{DECLINES}'")
    behind = items(page, "edge-statements")
    edge = next(e["data"] for e in graph["elements"]["edges"] if e["data"]["id"] == DECLINES)
    assert {it["id"] for it in behind} == set(edge["statements"])
    assert all("declines" in it["text"] and "Azerbaijan" in it["text"] for it in behind)
    assert query(page)["edge"] == [DECLINES] and query(page)["tab"] == ["edge"]
    shoot(page, artifacts, "04-edge-statements.png")

    # 5. filters reload everything: a relation filter narrows graph and panel; an empty one empties both
    page.click(*page.center_of("#tab-actor"))
    page.wait_for("document.querySelector('#statements').dataset.actor === 'azerbaijan'")
    submit(page, relation="consults")
    page.wait_for("document.querySelector('#statements').dataset.filters.includes('relation=consults')")
    consults = items(page, "statements")
    assert consults and all("consults" in it["text"] for it in consults)
    want = httpx.get(base_url + "/graph", params={"relation": "consults"}).json()
    assert visible(page)[0] == {n["data"]["id"] for n in want["elements"]["nodes"]}
    assert query(page)["relation"] == ["consults"] and query(page)["actor"] == ["azerbaijan"]
    submit(page, relation="threatens", q="zzzznothing")
    page.wait_for("document.querySelector('#statements').dataset.filters.includes('q=zzzznothing')")
    assert items(page, "statements") == []
    assert "No statements" in page.evaluate("document.querySelector('#statements-hint').textContent")
    assert page.evaluate("document.querySelector('#status').dataset.nodes") == "0"

    # 6. positions on the Gaza force, with evidence and change over time
    page.navigate(base_url + "/?tab=positions&positions=Gaza%20force&to=2026-01-31")
    ready(page)
    page.wait_for(f"document.querySelector('#positions').dataset.target === '{FORCE}'")
    groups = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#positions .group')].map(g =>"
        " [g.dataset.stance, [...g.querySelectorAll('.entry')].map(e => e.dataset.actor)]))"
    )
    assert "azerbaijan" in groups["oppose"] and "indonesia" in groups["support"]
    assert page.evaluate("document.querySelectorAll('#positions .entry .history .chip').length") >= 3
    shoot(page, artifacts, "05-positions.png")
    page.navigate(base_url + "/?tab=positions&positions=Gaza%20force")
    ready(page)
    page.wait_for(f"document.querySelector('#positions').dataset.target === '{FORCE}'")
    assert page.evaluate("document.querySelector('#positions .entry[data-actor=\"azerbaijan\"] .changed') !== null"), (
        "Azerbaijan declined in January and supported in February: the change shows"
    )


def test_neighbourhood_of_an_actor_typed_in_any_spelling(base_url: str, page: Page) -> None:
    page.navigate(base_url + "/")
    ready(page)
    page.wait_for("document.querySelectorAll('#relation option').length > 10")
    submit(page, actor="Türkiye", depth="1", **{"from": "2026-01-01"})
    # the page asks for each link's statements (timeline=true): compare with the same request
    ego = httpx.get(base_url + "/actors/Türkiye/network", params={"from": "2026-01-01", "timeline": "true"}).json()
    assert visible(page)[0] == {n["data"]["id"] for n in ego["elements"]["nodes"]}
    assert {"israel", "turkey", "recep-tayyip-erdogan", "egypt"} <= visible(page)[0]
    assert "pakistan" not in visible(page)[0]
    assert query(page)["focus"] == ["turkey"] and query(page)["depth"] == ["1"] and query(page)["actor"] == ["turkey"]
    page.wait_for("document.querySelector('#statements').dataset.actor === 'turkey'")
    # the CSV export of this view: the statements of the neighbourhood, with their provenance
    table = httpx.get(base_url + page.evaluate("window.diplograph.exportURL('csv')"))
    assert table.status_code == 200, table.text
    exported = {r["statement_id"] for r in csv.DictReader(io.StringIO(table.text))}
    involved: set[str] = set()
    for role in ("speaker", "about"):
        found = httpx.get(base_url + "/statements", params={role: "turkey", "from": "2026-01-01", "limit": 500}).json()
        involved |= {st["id"] for st in found["items"]}
    assert exported == involved
    submit(page, depth="2")
    two = httpx.get(
        base_url + "/actors/turkey/network", params={"from": "2026-01-01", "depth": 2, "timeline": "true"}
    ).json()
    assert visible(page)[0] == {n["data"]["id"] for n in two["elements"]["nodes"]}
    assert "pakistan" in visible(page)[0]
    # an unknown actor: the problem detail with suggestions
    submit(page, actor="Erdogann", depth="")
    page.wait_for("!document.querySelector('#error').hidden")
    assert "Recep Tayyip Erdoğan" in page.evaluate("document.querySelector('#error').textContent")


def test_layout_is_deterministic_labels_do_not_overlap(tmp_path_factory: pytest.TempPathFactory,
                                                       artifacts: Path) -> None:  # fmt: skip
    from graph.sqlite_store import SqliteStore

    tmp = tmp_path_factory.mktemp("big")
    db = tmp / "synthetic.db"
    with SqliteStore(db) as store:
        store.ensure_schema()
        counts = fill_synthetic(store, nodes=200, edges=500)
    with live_server(tmp, db=db) as url, chromium(tmp) as page:
        positions = []
        for _ in range(2):
            page.navigate(url + "/")
            ready(page)
            positions.append(
                page.evaluate("JSON.stringify(window.diplograph.cy.nodes().map(n => [n.id(), n.position()]))")
            )
        assert positions[0] == positions[1], "same data, same picture"
        assert page.evaluate("window.diplograph.cy.nodes().length") == 200
        # labels drawn do not overlap (cytoscape's own label boxes), and most hubs are labelled
        labelled = page.evaluate(
            """window.diplograph.cy.nodes().not('.hidden').not('.nolabel').map(n => {
                 const b = n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
                 return [n.id(), b.x1, b.y1, b.x2, b.y2]; })"""
        )
        assert len(labelled) >= 40
        for i, (a, ax1, ay1, ax2, ay2) in enumerate(labelled):
            for b, bx1, by1, bx2, by2 in labelled[i + 1 :]:
                assert not (ax1 < bx2 and bx1 < ax2 and ay1 < by2 and by1 < ay2), f"labels of {a} and {b} overlap"
        # node size follows activity
        sizes = page.evaluate("window.diplograph.cy.nodes().map(n => [n.data('statements'), n.width()])")
        busiest = max(sizes)
        quietest = min(sizes)
        assert busiest[1] > quietest[1]
        shoot(page, artifacts, "06-200-actors.png")
        # hide isolated actors
        before = page.evaluate("window.diplograph.cy.nodes().not('.hidden').length")
        page.click(*page.center_of("#hide-isolated"))
        page.wait_for(f"window.diplograph.cy.nodes().not('.hidden').length === {before - counts['isolated']}")
        assert query(page)["hide_isolated"] == ["1"]
        # exports of the view: GraphML of what is drawn, the statements table behind it, PNG of the drawing
        graphml = page.evaluate("window.diplograph.graph.toGraphML(window.diplograph.cy, window.diplograph.state)")
        assert graphml.count("<node ") == before - counts["isolated"]
        assert graphml.count("<edge ") == counts["links"]
        table = httpx.get(url + page.evaluate("window.diplograph.exportURL('csv')"))
        assert table.status_code == 200 and table.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(table.text)))
        assert {"statement_id", "date", "speaker", "relation", "target", "content", "url", "outlet"} <= set(rows[0])
        assert len({r["statement_id"] for r in rows}) == counts["statements"]
        assert all(r["url"].startswith("https://example.org/synthetic/") for r in rows)
        png = page.evaluate("window.diplograph.cy.png({full: true}).slice(0, 22)")
        assert png == "data:image/png;base64,"


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
