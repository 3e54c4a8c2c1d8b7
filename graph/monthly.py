"""The actor network month by month: what a page needs to filter by date without asking again.

:func:`network_by_month` reads the network of a filter with every edge's counts per month:
from the counts kept at ingest (one store query for the whole and one per month) when they
can answer the filter; :func:`elements` turns it into Cytoscape.js JSON whose edges and nodes
carry ``months`` ({"2026-01": 2, …}) and whose ``timeline`` counts statements per month by the
stance of their relation. No per-statement detail is sent: a page sums the months in a range,
and fetches the statements or claims behind an edge only when the user opens it.

Filters that the counts cannot answer (language, words, outlet …) are tallied from the
statements as they are read, page by page, so memory follows the number of edges and months;
more than :data:`graph.service.MAX_STATEMENTS` matching statements is a clear error, never a
long wait.

Examples
--------
>>> from graph.analytics import demo_data
>>> monthly = tally(demo_data().statements)
>>> sorted(monthly.months), monthly.total.statements
(['2026-01'], 4)
>>> out = elements(monthly, count="reports")
>>> [(e["data"]["id"], e["data"]["months"]) for e in out["elements"]["edges"]][:2]
[('a->b:supports', {'2026-01': 1}), ('b->a:agrees', {'2026-01': 1})]
>>> out["timeline"]
[{'month': '2026-01', 'statements': 4, 'claims': 4, 'support': 2, 'oppose': 2, 'neutral': 0}]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel

from graph import analytics, service
from graph.aggregates import edge_sign, month_of
from graph.errors import QueryError
from graph.model import (
    CountUnit,
    Network,
    NetworkEdge,
    NetworkQuery,
    Relation,
    SpeaksFor,
    Statement,
    StatementQuery,
    TargetRole,
)
from graph.relations import stance_of
from graph.store import GraphStore, pages
from graph.store import with_actors as store_with_actors

#: Statements read per store query while tallying.
PAGE = 1000


class MonthCount(BaseModel):
    """Statements (and claims) of one month, by the stance of their relation."""

    month: str
    statements: int = 0
    claims: int = 0
    support: int = 0
    oppose: int = 0
    neutral: int = 0


@dataclass
class Monthly:
    """A network over all the selected months, and the same network for each month alone."""

    total: Network
    months: dict[str, Network] = field(default_factory=dict)


def stream(store: GraphStore, query: StatementQuery, cap: int | None = None) -> Iterator[Statement]:
    """Every statement matching ``query``, one page at a time (nothing is kept).

    Raises :class:`~graph.errors.QueryError` before reading on when more than ``cap``
    (default :data:`graph.service.MAX_STATEMENTS`) match (the store counts them with the
    first page), asking to narrow the filters.
    """
    cap = service.MAX_STATEMENTS if cap is None else cap
    seen = 0
    for page in pages(store.list_statements, query, PAGE):
        seen += len(page.items)
        if seen > cap or (page.total is not None and page.total > cap):
            raise QueryError(
                f"{page.total if page.total is not None else f'more than {cap}'} statements match, more than the "
                f"page can show ({cap}); narrow the filters (e.g. from/to, relation, speaker)"
            )
        yield from page.items


@dataclass
class _Edge:
    reports: int = 0
    statements: int = 0
    goldstein_sum: float = 0.0
    cooperation: int = 0
    conflict: int = 0
    claims: set[str] = field(default_factory=set)


@dataclass
class _Tally:
    edges: dict[tuple[str, str, str], _Edge] = field(default_factory=lambda: defaultdict(_Edge))
    speaks: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    statements: int = 0
    claims: set[str] = field(default_factory=set)

    def add(self, st: Statement) -> None:
        self.statements += 1
        claim = st.claim_id or st.id
        self.claims.add(claim)
        source = st.on_behalf_of_id or st.speaker_id
        if st.speaker_id and st.on_behalf_of_id:
            self.speaks[(st.speaker_id, st.on_behalf_of_id)] += 1
        if not source:
            return
        sign = edge_sign(st.quad_class, st.goldstein)
        targets = list(dict.fromkeys(st.target_ids(TargetRole.target))) or [""]
        for i, target in enumerate(targets):
            e = self.edges[(source, target, st.relation.value)]
            e.reports += 1
            e.statements += i == 0
            e.goldstein_sum += st.goldstein
            e.cooperation += sign > 0
            e.conflict += sign < 0
            e.claims.add(claim)

    def network(self, counted: Callable[[str], bool] = lambda claim: True) -> Network:
        """The tallied network; claims count only where ``counted(claim_id)``."""
        edges = [
            NetworkEdge(
                source_id=s, target_id=t or None, relation=Relation(r), reports=e.reports, statements=e.statements,
                goldstein_sum=round(e.goldstein_sum, 6), cooperation=e.cooperation, conflict=e.conflict,
                claims=sum(map(counted, e.claims)),
            )
            for (s, t, r), e in sorted(self.edges.items())
        ]  # fmt: skip
        speaks = [SpeaksFor(speaker_id=p, on_behalf_of_id=b, statements=n) for (p, b), n in sorted(self.speaks.items())]
        return Network(
            edges=edges, speaks_for=speaks, statements=self.statements, claims=sum(map(counted, self.claims))
        )


def tally(statements: Iterable[Statement]) -> Monthly:
    """The network of ``statements`` and of each of their months, as the stores count it.

    An edge runs from the represented actor (else the speaker) to each target; a claim counts
    once per edge, in the month of its earliest report read (as the stores date a claim), so
    the months add up to the whole.
    """
    total = _Tally()
    months: dict[str, _Tally] = defaultdict(_Tally)
    first: dict[str, str] = {}
    for st in statements:
        total.add(st)
        month = month_of(st)
        if not month:  # undated: in the whole network, in no month (as the stores count it)
            continue
        months[month].add(st)
        claim = st.claim_id or st.id
        first[claim] = min(first.get(claim, month), month)
    return Monthly(
        total=total.network(),
        months={m: t.network(lambda claim, m=m: first[claim] == m) for m, t in sorted(months.items())},  # type: ignore[misc]
    )


def network_by_month(store: GraphStore, query: StatementQuery) -> Monthly:
    """The network of ``query`` per month, with the actors it touches.

    From the counts kept at ingest when they can answer the filters
    (:func:`graph.service.network_query`): one store query for the whole network and one
    per month, whatever the number of statements. Otherwise tallied from the statements as
    they are read (:func:`stream`: an error above :data:`graph.service.MAX_STATEMENTS`).
    """
    nq = service.network_query(query)
    if nq is None:
        return with_actors(store, tally(stream(store, query)))
    return with_actors(store, counted(store, query, nq))


def counted(store: GraphStore, query: StatementQuery, nq: NetworkQuery) -> Monthly:
    """The counted network of ``nq`` and of each month from the first to the last statement
    matching ``query`` (months without statements are left out); the whole is the sum of the
    months, or read as a whole when undated statements match (they are in no month)."""
    months: dict[str, Network] = {}
    for month in _span(store, query):
        net = store.network(nq.model_copy(update={"month_from": month, "month_to": month}))
        if net.statements or net.edges or net.speaks_for:
            months[month] = net
    # the months add up to the whole, unless undated statements (in no month) match too
    last = store.list_statements(query.model_copy(update={"limit": 1, "cursor": None, "sort": "-date"}))
    undated = bool(last.items) and last.items[0].date is None  # undated sort after every date
    return Monthly(total=store.network(nq) if undated else _sum(months.values()), months=months)


_ADDED = ("reports", "statements", "goldstein_sum", "cooperation", "conflict", "claims", "num_sources")


def _sum(nets: Iterable[Network]) -> Network:
    """The network of several months: every count adds up (a claim counts in its first month)."""
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    speaks: dict[tuple[str, str], int] = defaultdict(int)
    statements = claims = 0
    for net in nets:
        statements += net.statements
        claims += net.claims
        for e in net.edges:
            key = (e.source_id, e.target_id or "", e.relation.value)
            row = edges.get(key)
            if row is None:
                edges[key] = {"source_id": e.source_id, "target_id": e.target_id, "relation": e.relation,
                              **{f: getattr(e, f) for f in _ADDED}}  # fmt: skip
            else:
                for f in _ADDED:
                    row[f] += getattr(e, f)
        for sf in net.speaks_for:
            speaks[(sf.speaker_id, sf.on_behalf_of_id)] += sf.statements
    out = [edges[k] for k in sorted(edges)]
    for row in out:
        row["goldstein_sum"] = round(row["goldstein_sum"], 6)
    return Network.model_construct(
        edges=[NetworkEdge.model_construct(**row) for row in out],
        speaks_for=[SpeaksFor.model_construct(speaker_id=p, on_behalf_of_id=b, statements=n)
                    for (p, b), n in sorted(speaks.items())],
        statements=statements,
        claims=claims,
        actors=[],
    )  # fmt: skip


def _span(store: GraphStore, query: StatementQuery) -> list[str]:
    """Every month from the first to the last dated statement of ``query`` (two indexed reads)."""
    ends = []
    dated = {"date_from": query.date_from or date.min}  # undated statements sort after every date
    for sort in ("date", "-date"):
        page = store.list_statements(query.model_copy(update={"limit": 1, "cursor": None, "sort": sort, **dated}))
        if not page.items:
            return []
        ends.append(month_of(page.items[0]))
    return months_between(ends[0], ends[1])


def months_between(first: str, last: str) -> list[str]:
    """Every month (``YYYY-MM``) from ``first`` to ``last``, both included (``first`` alone when
    ``last`` is not later).

    Examples
    --------
    >>> months_between("2025-11", "2026-02")
    ['2025-11', '2025-12', '2026-01', '2026-02']
    """
    out = []
    year, month = map(int, first.split("-"))
    while True:
        key = f"{year:04d}-{month:02d}"
        out.append(key)
        if key >= last:
            return out
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def with_actors(store: GraphStore, monthly: Monthly) -> Monthly:
    """``monthly`` whose total network names the actors it touches."""
    return Monthly(total=store_with_actors(store, monthly.total), months=monthly.months)


def elements(monthly: Monthly, *, count: CountUnit = "claims", speaks_for: bool = True) -> dict[str, Any]:
    """Cytoscape.js JSON of ``monthly.total`` (:func:`graph.analytics.network_elements`) with months.

    Each edge carries ``months``: its count (claims, or statements with ``count="reports"``)
    per month; each node ``months``: the statements it takes part in per month; ``timeline``
    lists every month from the first to the last with statements and claims, and the
    statements by the stance of their relation (support, oppose, neutral).
    """
    out = analytics.network_elements(monthly.total, speaks_for=speaks_for, count=count)
    edge_months: dict[str, dict[str, int]] = defaultdict(dict)
    node_months: dict[str, dict[str, int]] = defaultdict(dict)
    stances = {r: stance_of(r) for r in Relation}
    claims = count == "claims"
    timeline: list[dict[str, Any]] = []
    for month, net in sorted(monthly.months.items()):
        by_stance = {"support": 0, "oppose": 0, "neutral": 0}
        for e in net.edges:
            by_stance[stances[e.relation]] += e.statements
            src = node_months[e.source_id]
            src[month] = src.get(month, 0) + e.statements
            if e.target_id and e.target_id != e.source_id:
                dst = node_months[e.target_id]
                dst[month] = dst.get(month, 0) + e.reports
                weight = e.claims if claims else e.reports
                if weight > 0:
                    edge_months[f"{e.source_id}->{e.target_id}:{e.relation.value}"][month] = weight
        by_stance["neutral"] += max(0, net.statements - sum(by_stance.values()))  # no known speaker
        if speaks_for:
            for sf in net.speaks_for:
                if sf.speaker_id != sf.on_behalf_of_id:
                    who = node_months[sf.speaker_id]
                    who[month] = who.get(month, 0) + sf.statements
                    edge_months[f"{sf.speaker_id}->{sf.on_behalf_of_id}:speaks_for"][month] = sf.statements
        timeline.append(MonthCount(month=month, statements=net.statements, claims=net.claims, **by_stance).model_dump())
    for edge in out["elements"]["edges"]:
        edge["data"]["months"] = edge_months.get(edge["data"]["id"], {})
    for node in out["elements"]["nodes"]:
        node["data"]["months"] = node_months.get(node["data"]["id"], {})
    out["timeline"] = _fill(timeline)
    return out


def _fill(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every month from the first row's to the last row's, empty months as zeros."""
    if not rows:
        return []
    by_month = {r["month"]: r for r in rows}
    return [
        by_month.get(key) or MonthCount(month=key).model_dump()
        for key in months_between(rows[0]["month"], rows[-1]["month"])
    ]
