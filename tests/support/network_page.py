"""What the network page tests ask of the page in Chromium: is it drawn, what does it show."""

from __future__ import annotations

from support.cdp import Page

#: True once the page has drawn what it last asked the server for.
READY = "document.querySelector('#status') && document.querySelector('#status').dataset.ready === '1'"


def ready(page: Page, timeout: float = 20) -> None:
    """Wait until the page is drawn (``timeout`` seconds at most)."""
    page.wait_for(READY, timeout=timeout)


def visible(page: Page) -> tuple[set[str], set[str]]:
    """The ids of the nodes and of the edges the page shows (not hidden by a filter)."""
    nodes, edges = page.evaluate(
        "[window.diplograph.cy.nodes().not('.hidden').map(n => n.id()),"
        " window.diplograph.cy.edges().not('.hidden').map(e => e.id())]"
    )
    return set(nodes), set(edges)
