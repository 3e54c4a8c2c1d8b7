"""The network built from the store's rows by position (claim_counts.assemble_rows) equals
the one built from checked edge objects (assemble) and the validated merge (merge_network):
every edge field, the order, the totals; claim-only, source-less and target-less rows included."""

from __future__ import annotations

import random
from typing import Any

import pytest

from graph import neo4j_joined
from graph.claim_counts import (
    ClaimEdge,
    ReportEdge,
    assemble,
    assemble_joined,
    assemble_rows,
    edge_order,
    joined_arcs,
    merge_network,
)
from graph.model import Network, NetworkEdge, NetworkWeights, Relation, SpeaksFor

ACTORS = ["", "a", "b", "c", "d"]
TARGETS = ["", "a", "b", "c", "e"]
RELATIONS = [r.value for r in Relation][:5]
ReportRow = tuple[str, str, str, int, int, float, int, int]
ClaimRow = tuple[str, str, str, int, int, int, float, int, int]


def _rows(rnd: random.Random) -> tuple[list[ReportRow], list[ClaimRow]]:
    keys = sorted({(rnd.choice(ACTORS), rnd.choice(TARGETS), rnd.choice(RELATIONS)) for _ in range(40)})
    reports = [(*k, rnd.randint(1, 9), rnd.randint(0, 9), rnd.uniform(-10, 10), rnd.randint(0, 5), rnd.randint(0, 5))
               for k in keys if rnd.random() < 0.8]  # fmt: skip
    claims = [(*k, rnd.randint(1, 5), rnd.randint(0, 5), rnd.randint(1, 7), rnd.uniform(-10, 10), rnd.randint(0, 3),
               rnd.randint(0, 3)) for k in keys if rnd.random() < 0.8]  # fmt: skip
    return reports, claims


@pytest.mark.parametrize("seed", range(20))
def test_assemble_rows_equals_assemble_and_merge_network(seed: int) -> None:
    reports, claims = _rows(random.Random(seed))
    report_edges = [ReportEdge(r[0], r[1] or None, *r[2:]) for r in reports]
    claim_edges = [ClaimEdge(c[0], c[1] or None, *c[2:]) for c in claims]
    got = assemble_rows(reports, claims, [])
    assert got.model_dump() == assemble(report_edges, claim_edges, []).model_dump()
    validated = Network(
        edges=[NetworkEdge(source_id=e.source_id, target_id=e.target_id, relation=Relation(e.relation),
                           reports=e.reports, statements=e.statements, goldstein_sum=round(e.goldstein_sum, 6),
                           cooperation=e.cooperation, conflict=e.conflict)
               for e in report_edges if e.source_id],
        statements=sum(e.statements for e in report_edges),
    )  # fmt: skip
    assert got.model_dump() == merge_network(validated, claim_edges).model_dump()
    assert got == Network.model_validate(got.model_dump())
    assert any(not r[0] for r in reports) and any(not r[1] for r in reports)
    assert {c[:3] for c in claims if c[0]} - {r[:3] for r in reports}  # claim-only edges


def _joined_rows(rnd: random.Random, claim_only: bool) -> tuple[list[list[Any]], list[ReportRow], list[ClaimRow]]:
    """Joined rows (source, target, counts, sums) as the Neo4j store's joined level returns
    them (graph/neo4j_joined.py), shuffled, and the same edges as report and claim rows;
    with edges only claims have or without."""
    keys = {(rnd.choice(ACTORS), rnd.choice(TARGETS) or None, rnd.choice(RELATIONS)) for _ in range(60)}
    joined: list[list[Any]] = []
    reports: list[ReportRow] = []
    claims: list[ClaimRow] = []
    for src, tgt, rel in keys:
        side = rnd.choice(("reports", "claims", "both", "both") if claim_only else ("reports", "both"))
        r = (rnd.randint(1, 9), rnd.randint(0, 9), rnd.uniform(-10, 10), rnd.randint(0, 5), rnd.randint(0, 5))
        c = (rnd.randint(1, 5), rnd.randint(0, 5), rnd.randint(1, 7), rnd.uniform(-10, 10), rnd.randint(0, 3),
             rnd.randint(0, 3))  # fmt: skip
        if side == "claims":
            r = (0, 0, 0.0, 0, 0)
        else:
            reports.append((src, tgt, rel, *r))  # type: ignore[arg-type]
        if side == "reports":
            c = (0, 0, 0, 0.0, 0, 0)
        else:
            claims.append((src, tgt, rel, *c))  # type: ignore[arg-type]
        code = [x.value for x in neo4j_joined.RELATIONS].index(rel)
        joined.append([src, tgt, [code, r[0], r[1], r[3], r[4], c[0], c[2], c[1], c[4], c[5]], [r[2], c[3]]])
    rnd.shuffle(joined)
    return joined, reports, claims


@pytest.mark.parametrize("claim_only", [True, False])
@pytest.mark.parametrize("seed", range(12))
def test_assemble_joined_equals_assemble_rows_and_the_validated_network(seed: int, claim_only: bool) -> None:
    """The ego network's build from packed joined rows (plus report and claim rows of other
    keys, as the store sends them) is the reference build of the same edges, in edge_order,
    field for field, and what validating its dump gives."""
    rnd = random.Random(seed)
    joined, reports, claims = _joined_rows(rnd, claim_only)
    other_reports, other_claims = _rows(rnd)  # keys of other actors: none of the joined rows'
    if not claim_only:  # the claims of the other rows' keys only
        other_claims = [c for c in other_claims if c[:3] in {r[:3] for r in other_reports}]
    other_reports = [(f"x{r[0]}", *r[1:]) for r in other_reports]
    other_claims = [(f"x{c[0]}", *c[1:]) for c in other_claims]
    speaks = [SpeaksFor(speaker_id="p", on_behalf_of_id="a", statements=2)]
    got = assemble_joined(joined, other_reports, other_claims, speaks, neo4j_joined.RELATIONS)
    ref = assemble_rows(
        sorted([*reports, *((r[0], r[1] or None, *r[2:]) for r in other_reports)], key=edge_order),
        [*claims, *other_claims],
        speaks,
    )
    assert got.model_dump() == ref.model_dump()
    assert got == Network.model_validate(got.model_dump())
    assert [type(e) for e in got.edges] == [NetworkEdge] * len(got.edges)
    assert any(e.target_id is None for e in got.edges) and any(not r[0] for r in joined)
    assert any(e.reports == 0 for e in got.edges) == claim_only


@pytest.mark.parametrize("nul", [False, True])
@pytest.mark.parametrize("claim_only", [True, False])
@pytest.mark.parametrize("seed", range(8))
def test_joined_arcs_are_the_weights_of_assemble_joined(seed: int, claim_only: bool, nul: bool) -> None:
    """The whole network's weights straight from the joined rows (claim_counts.joined_arcs) are
    those of the network assemble_joined builds, in its edge order (edge_order), for both units;
    none when an edge has claims only. Ids that are prefixes of others, and ids holding a NUL
    (sorted as tuples then), keep that order."""
    rnd = random.Random(seed)
    joined, _, _ = _joined_rows(rnd, claim_only)
    suffix = "\0" if nul else "b"
    joined += [[f"{s}{suffix}" if s else s, t and f"{t}{suffix}", n, g] for s, t, n, g in joined[:25]]
    rnd.shuffle(joined)
    net = assemble_joined(joined, [], [], [], neo4j_joined.RELATIONS)
    only = any(r[0] and r[2][1] <= 0 for r in joined)
    if not only:
        keys = [(e.source_id, e.target_id, e.relation.value) for e in net.edges]
        assert keys == sorted(keys, key=edge_order)
    for count in ("claims", "reports"):
        got = joined_arcs(joined, neo4j_joined.RELATIONS, count)
        assert got is None if only else got == NetworkWeights.of(net, count).arcs
    assert only == claim_only
