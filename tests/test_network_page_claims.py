"""The page shows each claim once with "reported by N outlets" and its reports under it (real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from support.cdp import Page
from support.claims_articles import EN_FR, SEED
from support.live import serving

pytestmark = pytest.mark.browser

OUTLETS = "reported by 3 outlets (Pars Today, Caspian Wire, Le Courrier du Caucase)"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from loaders.pipeline import ingest_paths

    with serving(tmp_path_factory.mktemp("claims-page"), lambda store: ingest_paths(store, [SEED, EN_FR])) as url:
        yield url


def listed(page: Page) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = page.evaluate(
        """[...document.querySelectorAll('#statements > li')].map(li => ({
            id: li.dataset.statement, claim: li.dataset.claim, first: li.classList.contains('claim-first'),
            extra: li.classList.contains('claim-extra'),
            line: (li.querySelector('.claim-line') || {}).textContent || null, text: li.textContent }))"""
    )
    return out


def test_each_claim_shows_its_outlets_with_its_reports_under_it(base_url: str, page: Page) -> None:
    page.navigate(base_url + "/?actor=azerbaijan")
    page.wait_for("document.querySelector('#statements').dataset.actor === 'azerbaijan'")
    items = listed(page)
    firsts = [it for it in items if it["first"]]
    assert len(firsts) == len({it["claim"] for it in items})  # each claim once, its reports after it
    refusal = [it for it in firsts if it["line"] and it["line"].startswith(OUTLETS)]
    assert len(refusal) == 1, [it["line"] for it in firsts]
    claim = refusal[0]["claim"]
    reports = [it for it in items if it["claim"] == claim]
    start = items.index(refusal[0])
    assert items[start : start + len(reports)] == reports  # together, first report on top
    assert len(reports) >= 6 and f"{len(reports)} reports" in refusal[0]["line"]
    hint = page.evaluate("document.querySelector('#statements-hint').textContent")
    assert f"({len(firsts)} claims)" in hint

    # under a filter only some reports match: the claim still counts its outlets and lists the rest on demand
    page.navigate(base_url + "/?actor=azerbaijan&language=fr")
    page.wait_for("document.querySelector('#statements').dataset.filters.includes('language=fr')")
    page.wait_for("document.querySelector('#statements').dataset.actor === 'azerbaijan'")
    french = [it for it in listed(page) if it["claim"] == claim]
    assert french and french[0]["line"].startswith(OUTLETS)
    page.click(*page.center_of(f"#statements li[data-claim='{claim}'] button.claim-reports"))
    page.wait_for(f"document.querySelectorAll(\"#statements li.claim-extra[data-claim='{claim}']\").length > 0")
    everything = [it for it in listed(page) if it["claim"] == claim]
    assert len(everything) == len(reports)
    assert any("Pars Today" in it["text"] and "headline" in it["text"] for it in everything if it["extra"])
