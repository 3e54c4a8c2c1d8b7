"""The claim counts every store keeps beside the network counts (:mod:`graph.aggregates`).

One row per (speaker, represented actor, target, relation, month) like the report counts,
but each claim counts once however many outlets reported it: ``claims`` per target row,
``first`` once per claim (in its first target's row), and the claim's ``num_reports`` and
``num_sources`` summed. Stores subtract the claims they drop and add the claims they write,
in the same transaction as the reports, so the counts always equal a scan of the claims.

Examples
--------
>>> from graph.claims import Report, group
>>> from graph.analytics import demo_data
>>> claims = group(Report(statement=s, outlet_key="o") for s in demo_data().statements)
>>> rows = tally(claims)
>>> rows[("p", "a", "b", "supports", "2026-01")].claims
1
>>> combine(rows, negate(rows))
{}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from graph.aggregates import ALL_TIME, CountKey, EdgeKey, edge_sign
from graph.model import Claim, CountUnit, Network, NetworkEdge, Relation, SpeaksFor


@dataclass
class ClaimDelta:
    """What some claims add to (or, negated, take from) one count row."""

    claims: int = 0
    first: int = 0
    reports: int = 0
    sources: int = 0
    goldstein_sum: float = 0.0
    cooperation: int = 0
    conflict: int = 0

    def add(self, other: ClaimDelta) -> None:
        self.claims += other.claims
        self.first += other.first
        self.reports += other.reports
        self.sources += other.sources
        self.goldstein_sum += other.goldstein_sum
        self.cooperation += other.cooperation
        self.conflict += other.conflict

    def negated(self) -> ClaimDelta:
        return ClaimDelta(-self.claims, -self.first, -self.reports, -self.sources, -self.goldstein_sum,
                          -self.cooperation, -self.conflict)  # fmt: skip

    def is_zero(self) -> bool:
        return self.claims == 0 and self.first == 0 and self.reports == 0 and self.sources == 0


def claim_keys(claim: Claim) -> list[CountKey]:
    """The count rows a claim contributes to; the first one also counts the claim itself."""
    month = f"{claim.date.year:04d}-{claim.date.month:02d}" if claim.date else ""  # "": undated, no month
    targets = list(dict.fromkeys(claim.target_ids())) or [""]
    return [(claim.speaker_id or "", claim.on_behalf_of_id or "", t, claim.relation.value, month) for t in targets]


#: What one claim adds to the count rows: its keys (:func:`claim_keys`), ``num_reports``,
#: ``num_sources``, ``goldstein`` and the sign of its edge (:func:`graph.aggregates.edge_sign`).
Contribution = tuple[list[CountKey], int, int, float, int]


def contribution(claim: Claim) -> Contribution:
    """What ``claim`` adds to the count rows (:func:`tally_contributions` sums them): a few
    plain values, cheap to keep or to send where the claim itself is not needed."""
    return (claim_keys(claim), claim.num_reports, claim.num_sources, claim.goldstein,
            edge_sign(claim.quad_class, claim.goldstein))  # fmt: skip


def tally(claims: Iterable[Claim]) -> dict[CountKey, ClaimDelta]:
    """Sum the contributions of ``claims`` per count row."""
    return tally_contributions(contribution(claim) for claim in claims)


def tally_contributions(contributions: Iterable[Contribution]) -> dict[CountKey, ClaimDelta]:
    """Sum claims' :func:`contribution` per count row, in the order given (float sums included)."""
    out: dict[CountKey, ClaimDelta] = {}
    for keys, reports, sources, goldstein, sign in contributions:
        for i, key in enumerate(keys):
            d = out.setdefault(key, ClaimDelta())
            d.claims += 1
            d.first += 1 if i == 0 else 0
            d.reports += reports
            d.sources += sources
            d.goldstein_sum += goldstein
            d.cooperation += 1 if sign > 0 else 0
            d.conflict += 1 if sign < 0 else 0
    return out


def negate(deltas: dict[CountKey, ClaimDelta]) -> dict[CountKey, ClaimDelta]:
    return {k: d.negated() for k, d in deltas.items()}


def combine(*parts: dict[CountKey, ClaimDelta]) -> dict[CountKey, ClaimDelta]:
    """Sum several tallies; rows that cancel out are dropped."""
    out: dict[CountKey, ClaimDelta] = {}
    for part in parts:
        for key, d in part.items():
            out.setdefault(key, ClaimDelta()).add(d)
    return {k: d for k, d in out.items() if not d.is_zero()}


def edge_deltas(deltas: dict[CountKey, ClaimDelta]) -> dict[EdgeKey, ClaimDelta]:
    """The edge level of claim count deltas, like :func:`graph.aggregates.edge_deltas`: per
    (source, target, relation, month) and per (source, target, relation, all time)."""
    out: dict[EdgeKey, ClaimDelta] = {}
    for (speaker, behalf, target, relation, month), d in deltas.items():
        for m in (month, ALL_TIME):
            out.setdefault((behalf or speaker, target, relation, m), ClaimDelta()).add(d)
    return {k: d for k, d in out.items() if not d.is_zero()}


@dataclass(frozen=True, slots=True)
class ClaimEdge:
    """Claim counts summed over the rows of one (source, target, relation)."""

    source_id: str
    target_id: str | None
    relation: str
    claims: int
    first: int
    sources: int
    goldstein_sum: float
    cooperation: int
    conflict: int


@dataclass(frozen=True, slots=True)
class ReportEdge:
    """Report counts summed over the rows of one (source, target, relation); source '' = none."""

    source_id: str
    target_id: str | None
    relation: str
    reports: int
    statements: int
    goldstein_sum: float
    cooperation: int
    conflict: int


def assemble(reports: Iterable[ReportEdge], claims: Iterable[ClaimEdge], speaks_for: list[SpeaksFor]) -> Network:
    """A network from the report and claim counts of one selection, as :func:`merge_network`
    would give, built without re-validating rows the store already checked (thousands of
    edges around a hub).

    Examples
    --------
    >>> net = assemble([ReportEdge("a", "b", "supports", 3, 3, 10.2, 3, 0), ReportEdge("", None, "states", 1, 1, 0, 0, 0)],
    ...                [ClaimEdge("a", "b", "supports", 1, 1, 3, 3.4, 1, 0)], [])
    >>> [(e.source_id, e.reports, e.claims, e.num_sources) for e in net.edges], net.statements, net.claims
    ([('a', 3, 1, 3)], 4, 1)
    """
    by_claim: dict[tuple[str, str | None, str], ClaimEdge] = {}
    total_claims = 0
    for ce in claims:
        total_claims += ce.first
        if ce.source_id:
            by_claim[(ce.source_id, ce.target_id, ce.relation)] = ce
    values: list[dict[str, Any]] = []
    total = 0
    for r in reports:
        total += r.statements
        if not r.source_id:
            continue
        key = (r.source_id, r.target_id, r.relation)
        claim = by_claim.pop(key) if key in by_claim else None
        values.append(
            {"source_id": r.source_id, "target_id": r.target_id, "relation": _RELATIONS[r.relation],
             "reports": r.reports, "statements": r.statements, "goldstein_sum": round(float(r.goldstein_sum), 6),
             "cooperation": r.cooperation, "conflict": r.conflict, "claims": claim.claims if claim else 0,
             "num_sources": claim.sources if claim else 0}
        )  # fmt: skip
    edges = _trusted_edges(values)
    if by_claim:  # edges only claims have (a declines claim whose reports were negated commits)
        edges.extend(_trusted_edges(
            {"source_id": ce.source_id, "target_id": ce.target_id, "relation": _RELATIONS[ce.relation],
             "reports": 0, "statements": 0, "goldstein_sum": round(float(ce.goldstein_sum), 6),
             "cooperation": ce.cooperation, "conflict": ce.conflict, "claims": ce.claims, "num_sources": ce.sources}
            for ce in by_claim.values()
        ))  # fmt: skip
        edges.sort(key=lambda e: (e.source_id, e.target_id or "", e.relation.value))
    return Network.model_construct(edges=edges, speaks_for=speaks_for, actors=[], statements=total, claims=total_claims)


def assemble_rows(
    reports: Iterable[Sequence[Any]], claims: Iterable[Sequence[Any]], speaks_for: list[SpeaksFor]
) -> Network:
    """:func:`assemble` of the store's rows as they come, by position: report rows (source,
    target, relation, reports, statements, goldstein_sum, cooperation, conflict) and claim
    rows (source, target, relation, claims, first, sources, goldstein_sum, cooperation,
    conflict); an empty or None source or target is none. No :class:`ReportEdge` or
    :class:`ClaimEdge` per row (tens of thousands around a hub).

    Examples
    --------
    >>> net = assemble_rows([("a", "b", "supports", 3, 3, 10.2, 3, 0), ("", "", "states", 1, 1, 0, 0, 0)],
    ...                     [("a", "b", "supports", 1, 1, 3, 3.4, 1, 0)], [])
    >>> [(e.source_id, e.target_id, e.reports, e.claims, e.num_sources) for e in net.edges], net.statements, net.claims
    ([('a', 'b', 3, 1, 3)], 4, 1)
    """
    by_claim: dict[tuple[str, str | None, str], Sequence[Any]] = {}
    total_claims = 0
    for row in claims:
        total_claims += row[4]
        if row[0]:
            by_claim[(row[0], row[1] or None, row[2])] = row
    values: list[dict[str, Any]] = []
    total = 0
    relations, append = _RELATIONS, values.append
    for r in reports:
        total += r[4]
        src = r[0]
        if not src:
            continue
        tgt = r[1] or None
        key = (src, tgt, r[2])
        c = by_claim.pop(key) if key in by_claim else None
        append(
            {"source_id": src, "target_id": tgt, "relation": relations[r[2]], "reports": r[3], "statements": r[4],
             "goldstein_sum": round(float(r[5]), 6), "cooperation": r[6], "conflict": r[7],
             "claims": c[3] if c is not None else 0, "num_sources": c[5] if c is not None else 0}
        )  # fmt: skip
    edges = _trusted_edges(values)
    if by_claim:  # edges only claims have (a declines claim whose reports were negated commits)
        edges.extend(_claim_only_edges(by_claim))
        edges.sort(key=lambda e: (e.source_id, e.target_id or "", e.relation.value))
    return Network.model_construct(edges=edges, speaks_for=speaks_for, actors=[], statements=total, claims=total_claims)


def edge_order(row: Sequence[Any]) -> tuple[bool, str, bool, str, str]:
    """The order of a network's edges by (source, target, relation name), ``row[:3]``, as
    Cypher's ``ORDER BY`` puts them: a none after every id (the Neo4j store's reference path
    sorts its report rows by it; :func:`assemble_joined` puts its edges in it).

    >>> sorted([["b", None, "x"], [None, "a", "x"], ["b", "a", "y"], ["a", "c", "x"]], key=edge_order)
    [['a', 'c', 'x'], ['b', 'a', 'y'], ['b', None, 'x'], [None, 'a', 'x']]
    """
    return row[0] is None, row[0] or "", row[1] is None, row[1] or "", row[2]


def assemble_joined(
    joined: Iterable[Sequence[Any]],
    reports: Iterable[Sequence[Any]],
    claims: Iterable[Sequence[Any]],
    speaks_for: list[SpeaksFor],
    relations: Sequence[Relation],
) -> Network:
    """:func:`assemble_rows` of rows whose report and claim counts come side by side, packed
    (the joined level, graph/neo4j_joined.py), plus report and claim rows of other keys as
    :func:`assemble_rows` takes them. A joined row is (source, target, counts, sums): ``counts``
    the relation's code in ``relations``, reports, statements, cooperation, conflict, claims,
    sources, first, the claims' cooperation and conflict; ``sums`` the goldstein sums of the
    reports and of the claims. A side is zeros when the edge has none of it. The edges come in
    the order of the store's reference path (:func:`edge_order`: by source, then target with
    none after every id, then relation); with edges only claims have, in
    :func:`assemble_rows`' order.

    Examples
    --------
    >>> rel = [Relation.supports, Relation.declines, Relation.states]
    >>> net = assemble_joined([("a", "b", (0, 3, 3, 3, 0, 1, 3, 1, 1, 0), (10.2, 3.4)),
    ...                        ("a", "c", (1, 0, 0, 0, 0, 1, 1, 1, 0, 1), (0.0, -2.0))],
    ...                       [("p", None, "states", 1, 1, 0.0, 0, 0)], [], [], rel)
    >>> [(e.source_id, e.target_id, e.reports, e.claims, e.num_sources) for e in net.edges], net.statements, net.claims
    ([('a', 'b', 3, 1, 3), ('a', 'c', 0, 1, 1), ('p', None, 1, 0, 0)], 4, 2)
    >>> net == assemble_rows([("a", "b", "supports", 3, 3, 10.2, 3, 0), ("p", None, "states", 1, 1, 0.0, 0, 0)],
    ...                      [("a", "b", "supports", 1, 1, 3, 3.4, 1, 0), ("a", "c", "declines", 1, 1, 1, -2.0, 0, 1)], [])
    True
    """
    by_claim: dict[tuple[str, str | None, str], Sequence[Any]] = {}
    total_claims = 0
    for row in claims:
        total_claims += row[4]
        if row[0]:
            by_claim[(row[0], row[1] or None, row[2])] = row
    names = [r.value for r in relations]
    code = {v: i for i, v in enumerate(names)}
    total = 0
    # the edges with reports, each row behind its edge_order key (the source is never none
    # here), so that they sort as plain tuples, without a key call per row (~12,000 at 1M)
    keyed: list[tuple[Any, ...]] = []
    only: list[Sequence[Any]] = []  # joined rows with the claim side only
    for src, tgt, n, g in joined:
        total_claims += n[7]
        if n[1] > 0:
            total += n[2]
            if src:
                keyed.append((False, src, tgt is None, tgt or "", names[n[0]], n, g))
        elif src:
            only.append((src, tgt, n, g))
    for r in reports:  # rows of other keys: their claims from the claim rows of their key
        total += r[4]
        if r[0]:
            tgt = r[1] or None
            c = by_claim.pop((r[0], tgt, r[2]), None)
            counts = [code[r[2]], r[3], r[4], r[6], r[7], c[3] if c else 0, c[5] if c else 0]
            keyed.append((False, r[0], tgt is None, tgt or "", r[2], counts, [r[5]]))
    # edge_order: (source, target, relation) are one edge's, so the tuples differ before the counts
    if _nul_free((t[1] for t in keyed), (t[3] for t in keyed)):
        keyed.sort(key=_keyed_key)  # as one string: several times faster than the tuples
    else:
        keyed.sort()
    rels, rounded = relations, _Rounded()
    edges = _trusted_edges([
        {"source_id": src, "target_id": tgt or None, "relation": rels[n[0]], "reports": n[1], "statements": n[2],
         "goldstein_sum": rounded[g[0]], "cooperation": n[3], "conflict": n[4], "claims": n[5], "num_sources": n[6]}
        for _, src, _, tgt, _, n, g in keyed
    ])  # fmt: skip
    if only or by_claim:  # edges only claims have (a declines claim whose reports were negated commits)
        edges.extend(_trusted_edges(
            {"source_id": src, "target_id": tgt or None, "relation": rels[n[0]], "reports": 0, "statements": 0,
             "goldstein_sum": rounded[g[1]], "cooperation": n[8], "conflict": n[9], "claims": n[5],
             "num_sources": n[6]}
            for src, tgt, n, g in only
        ))  # fmt: skip
        edges.extend(_claim_only_edges(by_claim))
        edges.sort(key=lambda e: (e.source_id, e.target_id or "", e.relation.value))
    return Network.model_construct(edges=edges, speaks_for=speaks_for, actors=[], statements=total, claims=total_claims)


def joined_arcs(
    joined: Iterable[Sequence[Any]], relations: Sequence[Relation], count: CountUnit
) -> list[tuple[str, str | None, str, int]] | None:
    """The weighted edges (:class:`graph.model.NetworkWeights`' ``arcs``, ``count`` the weight)
    of :func:`assemble_joined` of joined rows alone, in its edge order, without an edge object
    each; None when an edge has claims only (their order is assemble_joined's: ask it).

    Examples
    --------
    >>> from graph.model import NetworkWeights
    >>> rel = [Relation.supports, Relation.declines]
    >>> rows = [("b", "a", (1, 2, 2, 0, 2, 1, 1, 1, 0, 1), (-4.0, -2.0)), ("a", None, (0, 3, 3, 3, 0, 2, 2, 2, 2, 0), (9.0, 6.0)),
    ...         ("a", "c", (0, 1, 1, 1, 0, 1, 1, 1, 1, 0), (3.0, 3.0))]
    >>> joined_arcs(rows, rel, "claims")
    [('a', 'c', 'supports', 1), ('a', None, 'supports', 2), ('b', 'a', 'declines', 1)]
    >>> all(joined_arcs(rows, rel, c) == NetworkWeights.of(assemble_joined(rows, [], [], [], rel), c).arcs
    ...     for c in ("claims", "reports"))
    True
    >>> joined_arcs([("a", "b", (1, 0, 0, 0, 0, 1, 1, 1, 0, 1), (0.0, -2.0))], rel, "claims") is None
    True
    """
    names = [r.value for r in relations]
    at = 5 if count == "claims" else 1  # claims, or reports, in the packed counts
    arcs: list[tuple[str, str | None, str, int]] = []
    for src, tgt, n, _ in joined:
        if n[1] <= 0:  # the claim side only
            if src:
                return None
            continue
        if src:
            arcs.append((src, tgt, names[n[0]], n[at]))
    # edge_order, as assemble_joined sorts ((source, target, relation) are unique)
    arcs.sort(key=_arc_key if _nul_free((a[0] for a in arcs), (a[1] for a in arcs)) else edge_order)
    if any(a[1] == "" for a in arcs):  # an empty target is none (assemble_joined's ``tgt or None``)
        arcs = [(src, tgt or None, rel, w) for src, tgt, rel, w in arcs]
    return arcs


def _arc_key(arc: Sequence[Any]) -> str:
    """:func:`edge_order` of (source, target, relation, ...) — the target none after every id —
    as one string, which sorts several times faster than the tuple (~47,000 edges at 1M), and
    in the same order while no id holds a NUL (:func:`_nul_free`): each part ends in one.

    >>> rows = [("a", None, "states"), ("a", "b", "supports"), ("a", "", "states"), ("ab", "a", "agrees"),
    ...         ("a", "bc", "agrees"), ("a", "b", "agrees"), ("", "a", "x")]
    >>> sorted(rows, key=_arc_key) == sorted(rows, key=edge_order)
    True
    """
    tgt = arc[1]
    return f"{arc[0]}\0\1\0{arc[2]}" if tgt is None else f"{arc[0]}\0\0{tgt}\0{arc[2]}"


def _keyed_key(t: tuple[Any, ...]) -> str:
    """:func:`_arc_key` of :func:`assemble_joined`'s keyed tuples (False, source, target is
    none, target or "", relation name, ...): their order, as one string."""
    return f"{t[1]}\0\1\0{t[4]}" if t[2] else f"{t[1]}\0\0{t[3]}\0{t[4]}"


def _nul_free(*columns: Iterable[str | None]) -> bool:
    """No id in ``columns`` holds a NUL (:func:`_arc_key`).

    >>> _nul_free(["a", "b"], [None, "c"]), _nul_free(["a"], ["b\\0"])
    (True, False)
    """
    return not any("\0" in "".join(x for x in column if x) for column in columns)


def _claim_only_edges(by_claim: dict[tuple[str, str | None, str], Sequence[Any]]) -> list[NetworkEdge]:
    """The edges of claim rows (source, target, relation, claims, first, sources, goldstein_sum,
    cooperation, conflict) that no report row met: counted by claims alone (a declines claim
    whose reports were negated commits)."""
    return _trusted_edges(
        {"source_id": src, "target_id": tgt, "relation": _RELATIONS[rel], "reports": 0, "statements": 0,
         "goldstein_sum": round(float(c[6]), 6), "cooperation": c[7], "conflict": c[8], "claims": c[3],
         "num_sources": c[5]}
        for (src, tgt, rel), c in by_claim.items()
    )  # fmt: skip


class _Rounded(dict[float, float]):
    """``round(x, 6)`` of goldstein sums, each distinct sum rounded once (around a hub at 1M,
    ~1,200 distinct sums among ~12,000 edges). A zero is its own rounding and is never kept: as
    keys, 0.0 and -0.0 are one, their roundings are not.

    >>> r = _Rounded()
    >>> r[4399.599999999999], r[0.0], r[-0.0], r[4399.599999999999], len(r)
    (4399.6, 0.0, -0.0, 4399.6, 1)
    """

    def __missing__(self, x: float) -> float:
        if not x:
            return x
        value = self[x] = round(float(x), 6)
        return value


_RELATIONS = {r.value: r for r in Relation}
_EDGE_FIELDS = frozenset(NetworkEdge.model_fields)


def _trusted_edges(values: Iterable[dict[str, Any]]) -> list[NetworkEdge]:
    """:class:`NetworkEdge` objects of counts the store checked when it wrote them, each dict
    giving every field with its type: what ``model_construct`` makes, without its per-field
    default handling (tens of thousands of edges at a million statements; ~15× cheaper), and
    one call for all of them rather than one per edge.

    Examples
    --------
    >>> [e] = _trusted_edges([{"source_id": "a", "target_id": "b", "relation": Relation.supports, "reports": 3,
    ...                        "statements": 3, "goldstein_sum": 10.2, "cooperation": 3, "conflict": 0, "claims": 1,
    ...                        "num_sources": 2}])
    >>> e == NetworkEdge.model_validate(e.model_dump())
    True
    """
    edges: list[NetworkEdge] = []
    append, new, set_attr, fields = edges.append, _new_edge, _set_attr, _EDGE_FIELDS
    set_fields, set_extra, set_private = _set_fields, _set_extra, _set_private
    for value in values:
        edge = new(NetworkEdge)
        set_attr(edge, "__dict__", value)
        set_fields(edge, fields)  # BaseModel's slots, set through their descriptors
        set_extra(edge, None)
        set_private(edge, None)
        append(edge)
    return edges


_new_edge = NetworkEdge.__new__
_set_attr = object.__setattr__
_set_fields = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def merge_network(net: Network, edges: Iterable[ClaimEdge]) -> Network:
    """``net`` (report counts) with the claim counts of the same selection merged into its edges.

    An edge only claims have (a ``declines`` claim whose reports were negated ``commits``)
    is added with no reports. ``edges`` with no source count only towards the total.

    Examples
    --------
    >>> from graph.model import NetworkEdge
    >>> net = Network(edges=[NetworkEdge(source_id="a", target_id="b", relation="supports", reports=3,
    ...                                  statements=3)], statements=3)
    >>> merged = merge_network(net, [ClaimEdge("a", "b", "supports", 1, 1, 3, 3.4, 1, 0)])
    >>> (merged.edges[0].claims, merged.edges[0].num_sources, merged.claims)
    (1, 3, 1)
    """
    by_key = {(e.source_id, e.target_id, e.relation.value): e for e in net.edges}
    total = 0
    for ce in edges:
        total += ce.first
        if not ce.source_id:
            continue
        key = (ce.source_id, ce.target_id, ce.relation)
        old = by_key.get(key)
        if old is None:
            by_key[key] = NetworkEdge(
                source_id=ce.source_id, target_id=ce.target_id, relation=Relation(ce.relation), reports=0,
                statements=0, goldstein_sum=round(ce.goldstein_sum, 6), cooperation=ce.cooperation,
                conflict=ce.conflict, claims=ce.claims, num_sources=ce.sources,
            )  # fmt: skip
        else:
            by_key[key] = old.model_copy(update={"claims": ce.claims, "num_sources": ce.sources})
    edges_out = [by_key[k] for k in sorted(by_key, key=lambda k: (k[0], k[1] or "", k[2]))]
    return net.model_copy(update={"edges": edges_out, "claims": total})
