"""The network built from the store's rows by position (claim_counts.assemble_rows) equals
the one built from checked edge objects (assemble) and the validated merge (merge_network):
every edge field, the order, the totals; claim-only, source-less and target-less rows included."""

from __future__ import annotations

import random

import pytest

from graph.claim_counts import ClaimEdge, ReportEdge, assemble, assemble_rows, merge_network
from graph.model import Network, NetworkEdge, Relation

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
