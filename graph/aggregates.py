"""The actor-network counts every store keeps at ingest.

A statement contributes to one row per distinct target with role ``target`` (or to one
row with no target), keyed by (speaker, represented actor, target, relation, month).
Stores add a statement's contribution when they write it and subtract it when they
delete or replace it, with the same :func:`tally`, so the counts always equal what a scan
of the statements would give. Ego networks, ``/graph`` and centrality read these rows.

Two coarser levels are derived from the same deltas (never from the statements again), so
a hub's network is a few thousand rows however many people spoke for it:

- edge rows (:func:`edge_deltas`): per (network source, target, relation, month), where the
  source is the represented actor, else the speaker (the person is summed away);
- speaks rows (:func:`speaks_deltas`): per (speaker, represented actor, relation, month),
  statements only (who spoke for whom);

each also in an all-time bucket, month :data:`ALL_TIME`, so a query without dates reads one
row per edge instead of one per month. Two pair levels sum the all-time rows over the
relations (:func:`pair_deltas`): reports per (source, target) and statements per (speaker,
represented actor), both ends set; ranking the neighbours of a set of actors without
relation or month filters reads one row per pair (at a million statements a tenth of the
rows of the relation level).

Examples
--------
>>> from graph.analytics import demo_data
>>> rows = tally(demo_data().statements)
>>> rows[("p", "a", "b", "supports", "2026-01")].reports
1
>>> negate(rows)[("p", "a", "b", "supports", "2026-01")].reports
-1
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import Statement, TargetRole

#: (speaker_id, on_behalf_of_id, target_id, relation, month); '' stands for "none".
CountKey = tuple[str, str, str, str, str]
#: (source_id, target_id, relation, month): source = on_behalf_of_id or speaker_id.
EdgeKey = tuple[str, str, str, str]
#: (speaker_id, on_behalf_of_id, relation, month), both actors set.
SpeaksKey = tuple[str, str, str, str]
#: (source_id, target_id) or (speaker_id, on_behalf_of_id), both set.
PairKey = tuple[str, str]
#: The month of the all-time rows of the edge and speaks levels (sorts before every month).
ALL_TIME = "*"


def edge_sign(quad_class: int, goldstein: float) -> int:
    """+1 cooperation, -1 conflict, 0 neutral.

    Examples
    --------
    >>> edge_sign(1, 3.4), edge_sign(3, -4.0), edge_sign(1, 0.0), edge_sign(2, -2.0)
    (1, -1, 0, -1)
    """
    if quad_class >= 3 or goldstein < 0:
        return -1
    if goldstein > 0:
        return 1
    return 0


def month_of(st: Statement) -> str:
    """``YYYY-MM`` of the statement's date; ``""`` (before every month) for an undated statement,
    which no month filter selects."""
    return f"{st.date.year:04d}-{st.date.month:02d}" if st.date else ""


@dataclass
class Delta:
    """What some statements add to (or, negated, take from) one count row."""

    reports: int = 0
    statements: int = 0
    goldstein_sum: float = 0.0
    cooperation: int = 0
    conflict: int = 0

    def add(self, other: Delta) -> None:
        self.reports += other.reports
        self.statements += other.statements
        self.goldstein_sum += other.goldstein_sum
        self.cooperation += other.cooperation
        self.conflict += other.conflict

    def is_zero(self) -> bool:
        return self.reports == 0 and self.statements == 0


def statement_keys(st: Statement) -> list[CountKey]:
    """The count rows a statement contributes to; the first one also counts the statement."""
    month = month_of(st)
    targets = list(dict.fromkeys(st.target_ids(TargetRole.target))) or [""]
    return [(st.speaker_id or "", st.on_behalf_of_id or "", t, st.relation.value, month) for t in targets]


def tally(statements: Iterable[Statement], sign: int = 1) -> dict[CountKey, Delta]:
    """Sum the contributions of ``statements`` (times ``sign``) per count row."""
    out: dict[CountKey, Delta] = {}
    for st in statements:
        s = edge_sign(st.quad_class, st.goldstein)
        for i, key in enumerate(statement_keys(st)):
            d = out.setdefault(key, Delta())
            d.reports += sign
            d.statements += sign if i == 0 else 0
            d.goldstein_sum += sign * st.goldstein
            d.cooperation += sign if s > 0 else 0
            d.conflict += sign if s < 0 else 0
    return out


def negate(deltas: dict[CountKey, Delta]) -> dict[CountKey, Delta]:
    return {
        k: Delta(-d.reports, -d.statements, -d.goldstein_sum, -d.cooperation, -d.conflict) for k, d in deltas.items()
    }


def combine(*parts: dict[CountKey, Delta]) -> dict[CountKey, Delta]:
    """Sum several tallies; rows that cancel out are dropped."""
    out: dict[CountKey, Delta] = {}
    for part in parts:
        for key, d in part.items():
            out.setdefault(key, Delta()).add(d)
    return {k: d for k, d in out.items() if not d.is_zero()}


def key_text(key: tuple[str, ...]) -> str:
    """One string for a count, edge or speaks key (the Neo4j node key).

    Examples
    --------
    >>> key_text(("p", "", "b", "supports", "2026-01"))
    'p|\\x1f|b|supports|2026-01'
    """
    return "|".join(part or "\x1f" for part in key)


def edge_deltas(deltas: dict[CountKey, Delta]) -> dict[EdgeKey, Delta]:
    """The edge-level rows of some count deltas: per (source, target, relation, month) and
    per (source, target, relation, :data:`ALL_TIME`).

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> rows = edge_deltas(tally(demo_data().statements))
    >>> rows[("a", "b", "supports", "2026-01")].reports, rows[("a", "b", "supports", ALL_TIME)].reports
    (1, 1)
    """
    out: dict[EdgeKey, Delta] = {}
    for (speaker, behalf, target, relation, month), d in deltas.items():
        source = behalf or speaker
        for m in (month, ALL_TIME):
            out.setdefault((source, target, relation, m), Delta()).add(d)
    return {k: d for k, d in out.items() if not d.is_zero()}


def speaks_deltas(deltas: dict[CountKey, Delta]) -> dict[SpeaksKey, int]:
    """Statements per (speaker, represented actor, relation, month) and per all time.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> speaks_deltas(tally(demo_data().statements))
    {('p', 'a', 'supports', '2026-01'): 1, ('p', 'a', 'supports', '*'): 1}
    """
    out: dict[SpeaksKey, int] = {}
    for (speaker, behalf, _target, relation, month), d in deltas.items():
        if not speaker or not behalf or not d.statements:
            continue
        for m in (month, ALL_TIME):
            key = (speaker, behalf, relation, m)
            out[key] = out.get(key, 0) + d.statements
    return {k: n for k, n in out.items() if n}


def pair_deltas(
    edges: dict[EdgeKey, Delta], speaks: dict[SpeaksKey, int]
) -> tuple[dict[PairKey, int], dict[PairKey, int]]:
    """The pair levels of some edge and speaks deltas: reports per (source, target) and
    statements per (speaker, represented actor), summed over relations from the all-time
    rows; pairs with an empty end are left out.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> rows = tally(demo_data().statements)
    >>> edges, speaks = pair_deltas(edge_deltas(rows), speaks_deltas(rows))
    >>> edges[("a", "b")], edges[("c", "a")], speaks
    (1, 1, {('p', 'a'): 1})
    """
    edge_pairs: dict[PairKey, int] = {}
    for (source, target, _relation, month), d in edges.items():
        if month == ALL_TIME and source and target:
            edge_pairs[(source, target)] = edge_pairs.get((source, target), 0) + d.reports
    speaks_pairs: dict[PairKey, int] = {}
    for (speaker, behalf, _relation, month), n in speaks.items():
        if month == ALL_TIME:
            speaks_pairs[(speaker, behalf)] = speaks_pairs.get((speaker, behalf), 0) + n
    return {k: n for k, n in edge_pairs.items() if n}, {k: n for k, n in speaks_pairs.items() if n}
