"""Analytics results (centrality, communities, blocs) are computed once per filter and store
generation (service.analysed) and again after any write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
from support.corpus import corpus

from graph import analytics, service
from graph.model import StatementQuery
from graph.sqlite_store import SqliteStore


def test_results_are_kept_until_the_store_changes(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "graph.db")
    store.ensure_schema()
    batches = corpus()
    for batch in batches[:-1]:
        store.ingest(batch)
    calls: list[int] = []

    def counted(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
        calls.append(g.number_of_nodes())
        return analytics.centrality(g)

    everything, french = StatementQuery(), StatementQuery(language="fr")
    first = service.analysed(store, everything, "claims", "test-centrality", counted)
    assert service.analysed(store, everything, "claims", "test-centrality", counted) is first
    assert len(calls) == 1
    service.analysed(store, french, "claims", "test-centrality", counted)  # another filter: its own entry
    service.analysed(store, everything, "reports", "test-centrality", counted)  # another unit too
    assert len(calls) == 3

    store.ingest(batches[-1])  # a write: the next request computes again, on the new data
    after = service.analysed(store, everything, "claims", "test-centrality", counted)
    assert len(calls) == 4 and after is not first
    assert after == analytics.centrality(service.analytics_graph(store, everything))
    assert {r["id"] for r in after} >= {r["id"] for r in first}
    store.close()
