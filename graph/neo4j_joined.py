"""The joined all-time edge level of a Neo4j store: one ``JoinedEdge`` node per (source,
target, relation) with the all-time report counts (the ``EdgeCount`` row of month
:data:`graph.aggregates.ALL_TIME`) and the all-time claim counts (the ``ClaimEdgeCount`` row)
side by side, so an ego network reads one node per edge instead of two, and needs no join.

The statement writer adds the report side (:func:`add_reports`, from the same all-time edge
deltas as ``EdgeCount``), the claim book the claim side (:func:`add_claims`, from the same
deltas as ``ClaimEdgeCount``), in their transactions. Each side behaves like its count node:
a side whose first count (``reports``, ``claims``) falls to zero or below is zeroed (as its
node would be deleted), so a later delta starts from nothing, exactly as a new node would;
the node itself goes when both sides are zero. A side is present exactly when its count node
exists: ``reports > 0`` / ``claims > 0``.

Each node also holds its values packed in two list properties, kept by every write above:
``counts`` (:data:`COUNTS`: the relation's code in :data:`RELATION_CODES`, then the integer
counts of both sides) and ``sums`` (:data:`SUMS`: both sides' goldstein sums). An ego network
reads those two (:func:`graph.neo4j_store._joined_cypher`) instead of twelve properties: a
property read walks the node's property chain, and around a hub at 1M statements the twelve
reads of ~12,000 nodes were most of the query (bench/README.md "Eleventh session (neoego4)").
A graph whose joined level predates them gets them once from ``ensure_schema`` (:func:`pack`,
Meta marker :data:`PACKED_MARK`).

The key is the all-time edge key (:func:`graph.aggregates.key_text` of (source, target,
relation, ``*``)), the same text as the two count nodes' keys, so the migration
(:func:`derive`) copies them and a source's rows without a target are a key-prefix seek.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from neo4j import ManagedTransaction

from graph.aggregates import ALL_TIME
from graph.model import Relation
from graph.neo4j_counts import zero

#: The Meta node that says the joined level was derived for this graph (:func:`derive`).
MARK = "joined_edges"
#: The Meta node that says its nodes hold the packed ``counts`` and ``sums`` (:func:`pack`).
PACKED_MARK = "joined_packed"

SCHEMA = (
    "CREATE CONSTRAINT joined_edge_key IF NOT EXISTS FOR (c:JoinedEdge) REQUIRE c.key IS UNIQUE",
    # an ego network seeks its targets with their sources: both read from the index, filtered
    # without walking the nodes' property chains (graph.neo4j_store._joined_cypher)
    "CREATE INDEX joined_edge_target_source IF NOT EXISTS FOR (c:JoinedEdge) ON (c.target_id, c.source_id)",
    "DROP INDEX joined_edge_target IF EXISTS",  # the target alone, before: the one above has it first
)

#: The report side (``EdgeCount``'s values) and the claim side (``ClaimEdgeCount``'s, but its
#: summed ``reports``, which no network reads), in the order a read returns them.
REPORT_SIDE = ("reports", "statements", "goldstein_sum", "cooperation", "conflict")
CLAIM_SIDE = ("claims", "first", "sources", "claim_goldstein_sum", "claim_cooperation", "claim_conflict")

#: A relation's code in ``counts``: its place here. Stored in the graph, so append only (a new
#: relation goes at the end; tests/test_neo4j_joined.py checks every relation has a code).
RELATION_CODES = (
    "states", "declines", "claims_role", "supports", "agrees", "commits", "consults", "appeals", "demands",
    "criticizes", "accuses", "threatens", "denies",
)  # fmt: skip
#: The relations by code (:data:`RELATION_CODES`), as a read turns ``counts[0]`` back into one.
RELATIONS = tuple(Relation(v) for v in RELATION_CODES)
#: What ``counts`` holds, in order: the relation's code, then the integer values of both sides.
COUNTS = ("relation", "reports", "statements", "cooperation", "conflict", "claims", "sources", "first",
          "claim_cooperation", "claim_conflict")  # fmt: skip
#: What ``sums`` holds, in order.
SUMS = ("goldstein_sum", "claim_goldstein_sum")

_CODE_MAP = "{" + ", ".join(f"{v}: {i}" for i, v in enumerate(RELATION_CODES)) + "}"
#: The SET items that pack node ``c``'s values (its relation's code from a map literal).
PACK = (
    f"c.counts = [{_CODE_MAP}[c.relation], " + ", ".join(f"c.{v}" for v in COUNTS[1:]) + "], "
    "c.sums = [" + ", ".join(f"toFloat(c.{v})" for v in SUMS) + "]"
)

_ZEROS = ", ".join(f"c.{v} = {zero(v)!r}" for v in (*REPORT_SIDE, *CLAIM_SIDE))


def _side_query(side: tuple[str, ...]) -> str:
    """Add the deltas of one side (``row[4:]``, in ``side``'s order) to the joined nodes of
    ``row[0]`` (key), ``row[1..3]`` (source, target, relation)."""
    sets = ", ".join(
        f"c.{v} = CASE WHEN live THEN c.{v} + row[{i}] ELSE {zero(v)!r} END" for i, v in enumerate(side, 4)
    )
    return (
        "UNWIND $rows AS row MERGE (c:JoinedEdge {key: row[0]}) "
        f"ON CREATE SET c.source_id = row[1], c.target_id = row[2], c.relation = row[3], {_ZEROS} "
        f"WITH c, row, c.{side[0]} + row[4] > 0 AS live SET {sets} "
        f"WITH c SET {PACK} "
        "WITH c WHERE c.reports <= 0 AND c.claims <= 0 DELETE c"
    )


_REPORTS = _side_query(REPORT_SIDE)
_CLAIMS = _side_query(CLAIM_SIDE)


def add_reports(tx: ManagedTransaction, rows: Sequence[Sequence[Any]]) -> None:
    """Add all-time report deltas: rows ``[key, source, target, relation, reports, statements,
    goldstein_sum, cooperation, conflict]`` (the ``EdgeCount`` rows of month ``*``)."""
    if rows:
        tx.run(_REPORTS, rows=[list(r) for r in rows]).consume()


def add_claims(tx: ManagedTransaction, rows: Sequence[Sequence[Any]]) -> None:
    """Add all-time claim deltas: rows ``[key, source, target, relation, claims, first,
    sources, goldstein_sum, cooperation, conflict]`` (the ``ClaimEdgeCount`` rows of month ``*``)."""
    if rows:
        tx.run(_CLAIMS, rows=[list(r) for r in rows]).consume()


def clear_claims(tx: ManagedTransaction) -> None:
    """Zero the claim side of every joined node (the claim counts are being rebuilt)."""
    tx.run(
        "MATCH (c:JoinedEdge) WHERE c.claims > 0 SET "
        + ", ".join(f"c.{v} = {zero(v)!r}" for v in CLAIM_SIDE)
        + f" WITH c SET {PACK}"
    ).consume()
    tx.run("MATCH (c:JoinedEdge) WHERE c.reports <= 0 AND c.claims <= 0 DELETE c").consume()


def derive(tx: ManagedTransaction) -> None:
    """(Re)make the joined level from the all-time ``EdgeCount`` and ``ClaimEdgeCount`` rows,
    and mark it done (a graph written before the level existed gets it here, once)."""
    tx.run("MATCH (c:JoinedEdge) DELETE c").consume()
    tx.run(
        "MATCH (e:EdgeCount) WHERE e.month = $all CREATE (c:JoinedEdge {key: e.key}) "
        f"SET c.source_id = e.source_id, c.target_id = e.target_id, c.relation = e.relation, {_ZEROS}, "
        + ", ".join(f"c.{v} = e.{v}" for v in REPORT_SIDE),
        {"all": ALL_TIME},
    ).consume()
    tx.run(
        "MATCH (e:ClaimEdgeCount) WHERE e.month = $all MERGE (c:JoinedEdge {key: e.key}) "
        f"ON CREATE SET c.source_id = e.source_id, c.target_id = e.target_id, c.relation = e.relation, {_ZEROS} "
        "SET c.claims = e.claims, c.first = e.first, c.sources = e.sources, c.claim_goldstein_sum = e.goldstein_sum, "
        "c.claim_cooperation = e.cooperation, c.claim_conflict = e.conflict",
        {"all": ALL_TIME},
    ).consume()
    tx.run("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": MARK}).consume()
    pack(tx)


def pack(tx: ManagedTransaction) -> None:
    """(Re)pack every joined node's values into ``counts`` and ``sums``, and mark it done (a
    joined level derived before they existed gets them here, once)."""
    tx.run(f"MATCH (c:JoinedEdge) SET {PACK}").consume()
    tx.run("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": PACKED_MARK}).consume()


def derive_offline(
    edges: dict[str, list[Any]],
    claim_edges: dict[str, list[Any]],
    report_values: Sequence[str],
    claim_values: Sequence[str],
) -> dict[str, list[Any]]:
    """:func:`derive` on count nodes held in memory (graph/neo4j_bulk.py; each ``key → [source,
    target, relation, month, *values]`` as :func:`graph.neo4j_counts.add_offline` keeps them, the
    values named by ``report_values`` / ``claim_values``): the ``JoinedEdge`` nodes, ``key →
    [source_id, target_id, relation, *REPORT_SIDE, *CLAIM_SIDE]``, a side absent when its count
    node is (zeros), then ``counts`` and ``sums`` (:data:`COUNTS`, :data:`SUMS`) as :func:`pack` makes them."""
    zeros = [zero(v) for v in (*REPORT_SIDE, *CLAIM_SIDE)]
    claim_names = ("claims", "first", "sources", "goldstein_sum", "cooperation", "conflict")
    pick_report = [report_values.index(v) + 4 for v in REPORT_SIDE]
    pick_claim = [claim_values.index(v) + 4 for v in claim_names]
    out: dict[str, list[Any]] = {}
    for key, node in edges.items():
        if node[3] == ALL_TIME:
            out[key] = [*node[:3], *(node[i] for i in pick_report), *zeros[len(REPORT_SIDE) :]]
    for key, node in claim_edges.items():
        if node[3] == ALL_TIME:
            row = out.setdefault(key, [*node[:3], *zeros])
            row[3 + len(REPORT_SIDE) :] = [node[i] for i in pick_claim]
    names = ("source_id", "target_id", "relation", *REPORT_SIDE, *CLAIM_SIDE)
    at = {v: names.index(v) for v in (*COUNTS[1:], *SUMS)}
    code = {v: i for i, v in enumerate(RELATION_CODES)}
    for row in out.values():
        row.append([code[row[2]], *(row[at[v]] for v in COUNTS[1:])])
        row.append([float(row[at[v]]) for v in SUMS])
    return out
