"""Counts kept at ingest in Neo4j count nodes: add signed deltas, drop the nodes that reach zero.

Every count label (network, edge and speaks levels; claim counts and their edge level) is
written the same way, so one function does it (the Neo4j twin of :mod:`graph.sqlite_counts`).
Labels and property names are constants of the calling modules, never input; values only
as parameters, each row a flat list ``[key, *key properties, *value deltas]`` (a list of
primitives packs and unpacks faster than a map per row).

A node is MERGEd on its constrained ``key``; a new node takes the deltas as its values in
one ``ON CREATE SET``, an existing one adds them (``ON MATCH SET``). Only rows whose first
value (the count that says the node exists) has a delta at or below zero can bring a node to
zero, so only those go through the second query that deletes such nodes: on a growing graph
that is none of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from neo4j import ManagedTransaction

from graph.errors import StoreError

#: One label's count rows: (label, key property names, value names, rows).
CountRows = tuple[str, Sequence[str], Sequence[str], Sequence[Sequence[Any]]]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def float_valued(value: str) -> bool:
    """Whether a count value is a float: the goldstein sums are (``goldstein_sum``,
    ``claim_goldstein_sum``), every other count is an integer. The one rule the bulk load's
    column types and the zeros of a count side both follow.

    >>> float_valued("goldstein_sum"), float_valued("claim_goldstein_sum"), float_valued("reports")
    (True, True, False)
    """
    return "goldstein" in value


def zero(value: str) -> float | int:
    """The zero of a count value, of its type (:func:`float_valued`); its ``repr`` is the Cypher literal.

    >>> [zero(v) for v in ("goldstein_sum", "claims")], repr(zero("goldstein_sum"))
    ([0.0, 0], '0.0')
    """
    return 0.0 if float_valued(value) else 0


@cache
def _query(label: str, keys: tuple[str, ...], values: tuple[str, ...], prune: bool) -> str:
    for name in (label, *keys, *values):
        if not _NAME.fullmatch(name):
            raise StoreError(f"not a count label or property name: {name!r}")
    n = len(keys) + 1
    create = [f"c.{k} = row[{i}]" for i, k in enumerate(keys, 1)] + [
        f"c.{v} = row[{i}]" for i, v in enumerate(values, n)
    ]
    add = [f"c.{v} = c.{v} + row[{i}]" for i, v in enumerate(values, n)]
    text = (
        f"UNWIND $rows AS row MERGE (c:{label} {{key: row[0]}}) "
        f"ON CREATE SET {', '.join(create)} ON MATCH SET {', '.join(add)}"
    )
    return text + f" WITH c WHERE c.{values[0]} <= 0 DELETE c" if prune else text


def add_counts(
    tx: ManagedTransaction,
    label: str,
    keys: Sequence[str],
    values: Sequence[str],
    rows: Sequence[Sequence[Any]],
) -> None:
    """Add ``rows`` (``[key, *key property values, *value deltas]``) to the ``label`` nodes;
    delete the nodes whose first value fell to zero or below. At most two queries."""
    live = len(keys) + 1
    grow = [list(r) for r in rows if r[live] > 0]
    shrink = [list(r) for r in rows if r[live] <= 0]
    for part, prune in ((grow, False), (shrink, True)):
        if part:
            tx.run(_query(label, tuple(keys), tuple(values), prune), rows=part).consume()


def add_offline(totals: dict[str, list[Any]], keys: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """:func:`add_counts` on nodes held in memory (``totals``: key → ``[*key properties, *values]``),
    for a graph written offline (graph/neo4j_bulk.py): the same additions in the same order (so
    float sums come out bit for bit as the server's), and the same deletions."""
    live = len(keys)
    for row in rows:
        node = totals.get(row[0])
        if node is None:
            node = totals[row[0]] = list(row[1:])
        else:
            for i in range(live, len(node)):
                node[i] = node[i] + row[i + 1]
        if row[live + 1] <= 0 and node[live] <= 0:
            del totals[row[0]]
