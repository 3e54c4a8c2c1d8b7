"""The page names an undated statement "undated" and lists it after the dated ones (real Chromium)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.cdp import Page
from support.live import serving

from graph.model import StatementQuery
from graph.store import GraphStore

pytestmark = pytest.mark.browser

TURKEY = "turkey"

UNDATED = (
    "Turkey ready to lead stabilisation force\n\n"
    "ANKARA - Turkish President Recep Tayyip Erdogan said on Monday that Turkey is ready to take a key "
    "role in the international stabilization force for Gaza.\n\n"
    "Turkish Foreign Minister Hakan Fidan said on 5 January 2026 that Turkey would send troops to Gaza.\n"
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from loaders.intake import load_bytes
    from loaders.pipeline import ingest_articles

    def fill(store: GraphStore) -> None:
        ingest_articles(store, load_bytes(UNDATED.encode(), name="undated.txt"))
        dates = [st.date for st in store.list_statements(StatementQuery(speaker_ids=[TURKEY], limit=100)).items]
        assert None in dates and any(dates), dates  # the fixture gives a dated and an undated statement

    with serving(tmp_path_factory.mktemp("undated-page"), fill) as url:
        yield url


def test_an_undated_statement_is_shown_as_undated_after_the_dated_ones(base_url: str, page: Page) -> None:
    page.navigate(base_url + "/?actor=turkey")
    page.wait_for("document.querySelector('#statements').dataset.actor === 'turkey'")
    metas: list[str] = page.evaluate(
        "[...document.querySelectorAll('#statements li.statement .meta')].map(m => m.textContent)"
    )
    assert metas and not any("null" in m for m in metas), metas
    days = [m.split(" · ")[0] for m in metas]
    assert "undated" in days and days[0] == "2026-01-05", days
    assert days.index("undated") > days.index("2026-01-05")  # newest first, the unknown date last
