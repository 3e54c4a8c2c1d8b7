"""graph.neo4j_counts: count nodes add signed deltas, go at zero, and are found by their key's constraint."""

from __future__ import annotations

from typing import Any

import pytest

from graph.errors import StoreError
from graph.neo4j_counts import _query, add_counts
from graph.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

KEYS = ("speaker_id", "on_behalf_of_id", "target_id", "relation", "month")
VALUES = ("reports", "statements", "goldstein_sum", "cooperation", "conflict")


def _add(store: Neo4jStore, rows: list[list[Any]]) -> None:
    store.cypher.write_tx(lambda tx: add_counts(tx, "NetworkCount", KEYS, VALUES, rows))


def _nodes(store: Neo4jStore) -> dict[str, dict[str, Any]]:
    records = store.cypher.read("MATCH (c:NetworkCount) RETURN c").records
    return {r["c"]["key"]: dict(r["c"]) for r in records}


def test_deltas_add_up_and_a_node_at_zero_goes(nstore: Neo4jStore) -> None:
    _add(nstore, [["k1", "p", None, "b", "supports", "2026-01", 2, 1, 3.0, 2, 0],
                  ["k2", "p", "a", "c", "declines", "2026-02", 1, 1, -2.0, 0, 1]])  # fmt: skip
    assert _nodes(nstore)["k1"] == {"key": "k1", "speaker_id": "p", "target_id": "b", "relation": "supports",
                                    "month": "2026-01", "reports": 2, "statements": 1, "goldstein_sum": 3.0,
                                    "cooperation": 2, "conflict": 0}  # fmt: skip
    # one row grows, one shrinks to zero, one shrinks but stays
    _add(nstore, [["k1", "p", None, "b", "supports", "2026-01", -1, 0, -1.5, -1, 0],
                  ["k2", "p", "a", "c", "declines", "2026-02", -1, -1, 2.0, 0, -1],
                  ["k3", None, "a", None, "states", "", 1, 1, 0.0, 0, 0]])  # fmt: skip
    nodes = _nodes(nstore)
    assert sorted(nodes) == ["k1", "k3"]
    assert (nodes["k1"]["reports"], nodes["k1"]["goldstein_sum"], nodes["k1"]["cooperation"]) == (1, 1.5, 1)
    assert "speaker_id" not in nodes["k3"] and nodes["k3"]["on_behalf_of_id"] == "a"
    _add(nstore, [["k1", "p", None, "b", "supports", "2026-01", -1, -1, -1.5, -1, 0]])
    assert sorted(_nodes(nstore)) == ["k3"]


def test_both_queries_seek_the_key_constraint(nstore: Neo4jStore) -> None:
    for prune in (False, True):
        plan = nstore.cypher.read("EXPLAIN " + _query("NetworkCount", KEYS, VALUES, prune), {"rows": []}).summary.plan
        assert plan is not None
        ops: list[str] = []
        todo = [plan]
        while todo:
            op = todo.pop()
            ops.append(op["operatorType"].split("@")[0])
            todo.extend(op.get("children", []))
        assert "NodeUniqueIndexSeek(Locking)" in ops, ops
        assert not any("Scan" in op for op in ops), ops


def test_names_are_checked_before_they_enter_cypher() -> None:
    with pytest.raises(StoreError):
        _query("NetworkCount`) DETACH DELETE n //", KEYS, VALUES, False)
    with pytest.raises(StoreError):
        _query("NetworkCount", ("speaker_id} ",), VALUES, False)
