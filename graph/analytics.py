"""Network analytics on networkx, written once for every store.

All functions are pure functions of a :class:`graph.model.GraphData` or of the
``networkx.MultiDiGraph`` that :func:`build_graph` makes from it:

- one node per actor that speaks, is spoken for or is a target (attributes ``name``,
  ``kind``, ``country``); actors only mentioned, or agencies a statement came via, are left out;
- one edge per claim and target (``count="claims"``, the default: the reports of one
  statement across outlets count once, see :mod:`graph.claims`) or per statement and target
  (``count="reports"``), from the actor the claim or statement speaks for
  (``network_source_id``: the state before the person) to each target with role
  ``target``; key = claim id or statement id; attributes ``relation``, ``cameo``,
  ``quad_class``, ``goldstein``, ``sign``, ``date``, ``confidence``, ``weight`` (1), the
  ``statements`` behind the edge (ids separated by spaces) and, for claims, ``claim``,
  ``num_reports`` and ``num_sources``;
- optionally one ``speaks_for`` edge from a speaking person to the state or organisation
  they spoke for (key ``"speaks_for"``, sign +1), so that people and their states connect.

The *sign* of a statement edge is +1 for cooperation (QuadClass 1–2 with a positive
Goldstein score), -1 for conflict (QuadClass 3–4 or a negative Goldstein score) and 0 for
neutral statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from itertools import islice
from typing import Any, Literal, Protocol

import networkx as nx

from graph.aggregates import edge_sign
from graph.betweenness import betweenness_of_edges
from graph.model import (
    Actor,
    ActorKind,
    CountUnit,
    Day,
    GraphData,
    Network,
    NetworkWeights,
    Relation,
    Statement,
    Target,
    TargetRole,
)
from graph.relations import codes_for

CommunityMethod = Literal["louvain", "greedy"]


class _Coded(Protocol):
    """What an edge takes of a claim or a statement (:class:`Claim`, :class:`ClaimBrief`,
    :class:`Statement`, :class:`StatementLink`)."""

    @property
    def id(self) -> str: ...
    @property
    def speaker_id(self) -> str | None: ...
    @property
    def network_source_id(self) -> str | None: ...
    @property
    def relation(self) -> Relation: ...
    @property
    def cameo(self) -> str: ...
    @property
    def plover(self) -> str: ...
    @property
    def quad_class(self) -> int: ...
    @property
    def goldstein(self) -> float: ...
    @property
    def confidence(self) -> float: ...


class _Claimed(_Coded, Protocol):
    """A claim, whole (:class:`Claim`) or brief (:class:`ClaimBrief`)."""

    @property
    def num_reports(self) -> int: ...
    @property
    def num_sources(self) -> int: ...


class _Report(_Coded, Protocol):
    """A statement, whole (:class:`Statement`) or as the network draws it (:class:`StatementLink`)."""

    @property
    def article_id(self) -> str: ...
    @property
    def claim_id(self) -> str | None: ...
    @property
    def on_behalf_of_id(self) -> str | None: ...
    @property
    def date(self) -> Day | None: ...
    @property
    def chronological(self) -> tuple[bool, Day]: ...
    def target_ids(self, role: TargetRole | None = ...) -> list[str]: ...


class Drawn(Protocol):
    """What :func:`build_graph` and :func:`cytoscape_elements` draw: :class:`GraphData`
    (whole statements and claims) or :class:`graph.model.NetworkLinks` (only what they draw)."""

    @property
    def actors(self) -> Sequence[Actor]: ...
    @property
    def statements(self) -> Sequence[_Report]: ...
    @property
    def claims(self) -> Sequence[_Claimed]: ...


def demo_data() -> GraphData:
    """A toy graph for examples: A and B cooperate, C opposes both, P speaks for A.

    Examples
    --------
    >>> data = demo_data()
    >>> len(data.actors), len(data.statements)
    (4, 4)
    """

    def st(n: int, speaker: str | None, src: str, rel: Relation, target: str) -> Statement:
        codes = codes_for(rel)
        return Statement(
            id=f"demo:{n}-{n + 1}",
            article_id="demo",
            speaker_id=speaker,
            speaker_mention=speaker or src,
            on_behalf_of_id=src,
            relation=rel,
            cameo=codes.cameo,
            plover=codes.plover,
            quad_class=codes.quad_class,
            goldstein=codes.goldstein,
            targets=[Target(actor_id=target, role=TargetRole.target)],
            content=f"statement {n}",
            direct=False,
            date=date(2026, 1, n),
            confidence=0.9,
        )

    actors = [
        Actor(id="a", name="A", kind=ActorKind.state),
        Actor(id="b", name="B", kind=ActorKind.state),
        Actor(id="c", name="C", kind=ActorKind.state),
        Actor(id="p", name="P", kind=ActorKind.person),
    ]
    statements = [
        st(1, "p", "a", Relation.supports, "b"),
        st(2, None, "b", Relation.agrees, "a"),
        st(3, None, "c", Relation.criticizes, "a"),
        st(4, None, "c", Relation.threatens, "b"),
    ]
    return GraphData(actors=actors, statements=statements)


def _iso(day: date | None) -> str:
    """An ISO day; ``""`` for an unknown date (an undated statement)."""
    return day.isoformat() if day is not None else ""


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def _claim_groups(data: Drawn) -> list[tuple[str, list[_Report], _Claimed | None]]:
    """The statements of ``data`` grouped by claim (a statement without one is its own claim)."""
    claims = {c.id: c for c in data.claims}
    groups: dict[str, list[_Report]] = defaultdict(list)
    for st in data.statements:
        groups[st.claim_id or st.id].append(st)
    out = []
    for key, sts in groups.items():
        sts.sort(key=lambda s: (s.chronological, s.id))
        out.append((key, sts, claims.get(key)))
    return sorted(out, key=lambda t: (t[1][0].chronological, t[0]))


def build_graph(data: Drawn, *, speaks_for: bool = True, count: CountUnit = "claims") -> nx.MultiDiGraph:
    """The actor network of ``data`` as a ``MultiDiGraph`` (see the module docstring).

    Examples
    --------
    >>> g = build_graph(demo_data())
    >>> sorted(g.nodes)
    ['a', 'b', 'c', 'p']
    >>> g.number_of_edges(), g.edges["c", "a", "demo:3-4"]["relation"], g.edges["c", "a", "demo:3-4"]["sign"]
    (5, 'criticizes', -1)
    >>> build_graph(demo_data(), speaks_for=False).has_edge("p", "a")
    False

    Two reports of one claim are one edge, unless ``count="reports"``:

    >>> twice = demo_data()
    >>> first = twice.statements[0].model_copy(update={"claim_id": "claim:1"})
    >>> again = first.model_copy(update={"id": "demo:9-10", "article_id": "other"})
    >>> twice.statements[:1] = [first, again]
    >>> build_graph(twice).number_of_edges("a", "b"), build_graph(twice, count="reports").number_of_edges("a", "b")
    (1, 2)
    """
    order, edges = _graph_parts(data, speaks_for=speaks_for, count=count)
    actors = {a.id: a for a in data.actors}
    g = nx.MultiDiGraph()
    g.add_nodes_from((n, _node_attrs(n, actors.get(n))) for n in order)
    for u, v, key, attrs in edges:
        g.add_edge(u, v, key=key, **attrs)
    return g


def _node_attrs(actor_id: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {"name": actor_id, "kind": "unknown"}
    return _clean({"name": actor.name, "kind": actor.kind.value, "country": actor.country})


Edge = tuple[str, str, str, dict[str, Any]]


def _graph_parts(data: Drawn, *, speaks_for: bool, count: CountUnit) -> tuple[dict[str, None], list[Edge]]:
    """The nodes of :func:`build_graph` in the order it adds them, and its edges (source,
    target, key, attributes) in the order it adds them: speaks_for pairs, then one edge per
    claim (or statement) and target."""
    order: dict[str, None] = {}
    edges: list[Edge] = []
    pairs: set[tuple[str, str]] = set()
    for st in data.statements:
        src = st.network_source_id
        if src is None:
            continue
        order[src] = None
        if speaks_for and st.speaker_id and st.on_behalf_of_id and st.speaker_id != st.on_behalf_of_id:
            order[st.speaker_id] = None
            pair = (st.speaker_id, st.on_behalf_of_id)
            if pair not in pairs:
                pairs.add(pair)
                edges.append((*pair, "speaks_for", {"relation": "speaks_for", "sign": 1, "weight": 1}))
    units: list[tuple[str, list[_Report], _Claimed | None]] = (
        [(st.id, [st], None) for st in data.statements] if count == "reports" else _claim_groups(data)
    )
    for key, sts, claim in units:
        first = sts[0]
        src = (claim.network_source_id if claim else None) or first.network_source_id
        if src is None:
            continue
        order[src] = None
        what: _Coded = claim or first
        attrs: dict[str, Any] = {
            "relation": what.relation.value,
            "cameo": what.cameo,
            "plover": what.plover,
            "quad_class": what.quad_class,
            "goldstein": what.goldstein,
            "sign": edge_sign(what.quad_class, what.goldstein),
            "date": _iso(first.date),  # "" when undated
            "confidence": what.confidence,
            "speaker": what.speaker_id,
            "weight": 1,
        }
        if count == "reports":
            attrs.update({"statement": first.id, "article": first.article_id, "claim": first.claim_id})
        else:
            attrs.update({"claim": key, "statements": " ".join(s.id for s in sts),
                          "num_reports": claim.num_reports if claim else len(sts),
                          "num_sources": claim.num_sources if claim else None})  # fmt: skip
        attrs = _clean(attrs)
        targets = (t for s in sts for t in s.target_ids(TargetRole.target))
        for target in dict.fromkeys(targets):
            if target == src:
                continue
            order[target] = None
            edges.append((src, target, key, attrs))
    return order, edges


def build_network(net: Network, *, speaks_for: bool = True, count: CountUnit = "claims") -> nx.MultiDiGraph:
    """The actor network of counts read from a store (:meth:`GraphStore.network`).

    The same nodes as :func:`build_graph` over the statements the counts stand for, but
    one edge per (source, target, relation) whose ``weight`` is its number of claims
    (``count="reports"``: of statements; key = relation), so every function here gives the
    same answer on either graph.

    Examples
    --------
    >>> from graph.model import NetworkEdge, SpeaksFor
    >>> net = Network(edges=[NetworkEdge(source_id="a", target_id="b", relation="supports", reports=3,
    ...                                  statements=3, goldstein_sum=10.2, cooperation=3, claims=1)],
    ...               speaks_for=[SpeaksFor(speaker_id="p", on_behalf_of_id="a", statements=3)])
    >>> g = build_network(net, count="reports")
    >>> g.edges["a", "b", "supports"]["weight"], g.edges["a", "b", "supports"]["sign"], sorted(g.nodes)
    (3, 1, ['a', 'b', 'p'])
    >>> build_network(net).edges["a", "b", "supports"]["weight"]  # three reports of one claim
    1
    """
    g = nx.MultiDiGraph()
    actors = {a.id: a for a in net.actors}

    def node(actor_id: str) -> None:
        if actor_id in g:
            return
        actor = actors.get(actor_id)
        if actor is None:
            g.add_node(actor_id, name=actor_id, kind="unknown")
        else:
            g.add_node(actor_id, **_clean({"name": actor.name, "kind": actor.kind.value, "country": actor.country}))

    for e in net.edges:
        weight = e.claims if count == "claims" else e.reports
        if weight <= 0:  # a report edge whose claims count under another relation, or the reverse
            continue
        node(e.source_id)
        if e.target_id is None or e.target_id == e.source_id:
            continue
        node(e.target_id)
        net_sign = e.cooperation - e.conflict
        g.add_edge(
            e.source_id,
            e.target_id,
            key=e.relation.value,
            relation=e.relation.value,
            weight=weight,
            sign=(net_sign > 0) - (net_sign < 0),
            goldstein=round(e.goldstein_sum / e.reports, 3) if e.reports else 0.0,
            reports=e.reports,
            claims=e.claims,
            num_sources=e.num_sources,
        )
    if speaks_for:
        for sf in net.speaks_for:
            if sf.speaker_id == sf.on_behalf_of_id:
                continue
            node(sf.speaker_id)
            node(sf.on_behalf_of_id)
            g.add_edge(sf.speaker_id, sf.on_behalf_of_id, key="speaks_for", relation="speaks_for", sign=1, weight=1)
    return g


def network_elements(net: Network, *, speaks_for: bool = True, count: CountUnit = "claims") -> dict[str, Any]:
    """Cytoscape.js JSON of a counted network, in the shape of :func:`cytoscape_elements`.

    Edges carry ``count`` (claims, or statements with ``count="reports"``), ``claims``,
    ``reports``, ``num_sources`` (outlets summed over the claims), ``sign`` and mean
    ``goldstein``; the statements themselves are fetched when a user opens an edge or node
    (``/claims?speaker=…``, ``/statements?speaker=…``).

    Examples
    --------
    >>> from graph.model import NetworkEdge
    >>> net = Network(edges=[NetworkEdge(source_id="c", target_id="a", relation="criticizes", reports=2,
    ...                                  statements=2, goldstein_sum=-4.0, conflict=2)], statements=2)
    >>> out = network_elements(net, count="reports")
    >>> out["elements"]["edges"][0]["data"]["id"], out["elements"]["edges"][0]["data"]["count"], out["stats"]
    ('c->a:criticizes', 2, {'nodes': 2, 'edges': 1, 'statements': 2, 'claims': 0})
    """
    g = build_network(net, speaks_for=speaks_for, count=count)
    mentions: dict[str, int] = defaultdict(int)
    for e in net.edges:
        mentions[e.source_id] += e.statements
        if e.target_id and e.target_id != e.source_id:
            mentions[e.target_id] += e.reports
    for sf in net.speaks_for:
        if sf.speaker_id != sf.on_behalf_of_id:
            mentions[sf.speaker_id] += sf.statements
    edges = []
    for u, v, attrs in sorted(g.edges(data=True), key=lambda t: (t[0], t[1], t[2]["relation"])):
        rel = attrs["relation"]
        edges.append({"data": {"id": f"{u}->{v}:{rel}", "source": u, "target": v, "relation": rel, "label": rel,
                               "count": attrs["weight"], "claims": attrs.get("claims", 0),
                               "reports": attrs.get("reports", 0), "num_sources": attrs.get("num_sources", 0),
                               "sign": attrs["sign"], "goldstein": attrs.get("goldstein", 0.0)}})  # fmt: skip
    return {
        "elements": {"nodes": _cy_nodes(g, mentions), "edges": edges},
        "stats": {"nodes": g.number_of_nodes(), "edges": len(edges), "statements": net.statements,
                  "claims": net.claims},
    }  # fmt: skip


def _cy_nodes(g: nx.MultiDiGraph, mentions: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {
            "data": {
                "id": n,
                "label": attrs.get("name", n),
                "kind": attrs.get("kind", "unknown"),
                "degree": g.degree(n, weight="weight"),
                "statements": mentions.get(n, 0),
            }
        }
        for n, attrs in sorted(g.nodes(data=True))
    ]


def weighted_simple(g: nx.MultiDiGraph, *, directed: bool = True) -> nx.DiGraph | nx.Graph:
    """Collapse parallel edges into one whose ``weight`` is the edge count.

    Examples
    --------
    >>> s = weighted_simple(build_graph(demo_data()), directed=False)
    >>> s["a"]["b"]["weight"]
    2
    """
    out: nx.DiGraph | nx.Graph = nx.DiGraph() if directed else nx.Graph()
    out.add_nodes_from(g.nodes(data=True))
    for u, v, w in g.edges(data="weight", default=1):
        if u == v:
            continue
        if out.has_edge(u, v):
            out[u][v]["weight"] += w
        else:
            out.add_edge(u, v, weight=w)
    return out


def betweenness(g: nx.Graph) -> dict[str, float]:
    """Exact betweenness of an undirected graph (unweighted shortest paths, normalised as
    ``networkx.betweenness_centrality``), in compiled code with pendant vertices folded into
    their neighbour (:mod:`graph.betweenness`): milliseconds where networkx takes minutes on
    thousands of actors.

    Examples
    --------
    >>> b = betweenness(nx.path_graph(["a", "b", "c"]))
    >>> b == nx.betweenness_centrality(nx.path_graph(["a", "b", "c"]))
    True
    """
    nodes = list(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in g.edges]
    scores = betweenness_of_edges(len(nodes), [u for u, _ in pairs], [v for _, v in pairs])
    return {n: float(scores[i]) for i, n in enumerate(nodes)}


def _pagerank(n: int, src: list[int], dst: list[int], weight: list[float], alpha: float = 0.85) -> list[float]:
    """PageRank of the directed graph on nodes ``0 … n-1`` whose parallel edges are summed,
    self-loops left out: the arithmetic of ``networkx.pagerank`` (power iteration, dangling
    nodes spread uniformly, ``tol=1e-6``, 100 iterations) on
    ``weighted_simple(g, directed=True)``, without building that graph."""
    import numpy as np
    import scipy.sparse as sp

    a = sp.coo_array((np.asarray(weight, dtype=float), (np.asarray(src), np.asarray(dst))), shape=(n, n)).tocsr()
    s = a.sum(axis=1)
    s[s != 0] = 1.0 / s[s != 0]
    a = sp.dia_array((s.T, 0), shape=a.shape).tocsr() @ a
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling = np.where(s == 0)[0]
    for _ in range(100):
        last = x
        x = alpha * (x @ a + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * 1e-6:
            return [float(v) for v in x]
    raise nx.PowerIterationFailedConvergence(100)


def centrality(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Degree, in/out degree, betweenness and PageRank of every node, by PageRank descending.

    Degrees are weighted (an edge counts its ``weight``). Betweenness is exact on the
    undirected collapsed graph (unweighted shortest paths, :func:`betweenness`); PageRank on
    the directed collapsed graph weighted by statement counts (:func:`weighted_simple`, as
    ``networkx.pagerank`` computes it). All of it from one pass over the edges, in compiled
    code: under a second for the network of a million statements. For graphs far beyond
    that use Neo4j GDS (README).

    Examples
    --------
    >>> rows = centrality(build_graph(demo_data(), speaks_for=False))
    >>> [(r["id"], r["in_degree"], r["out_degree"]) for r in rows][:2]
    [('a', 2, 1), ('b', 2, 1)]
    >>> round(sum(r["pagerank"] for r in rows), 6)
    1.0
    """
    if g.number_of_nodes() == 0:
        return []
    attrs = g.nodes
    return _scored(
        dict.fromkeys(g.nodes),
        g.edges(data="weight", default=1),
        lambda n: (attrs[n].get("name", n), attrs[n].get("kind")),
    )


def network_centrality(net: Network, *, speaks_for: bool = True, count: CountUnit = "claims") -> list[dict[str, Any]]:
    """:func:`centrality` of ``build_network(net, speaks_for=speaks_for, count=count)``, the same
    rows, without building that graph: its nodes in the order it adds them, its edges in the order
    it yields them (by source in node order, then target in the order the source met it, then
    key), each edge's weight — what the scores read of it. Tens of thousands of edges at a
    million statements: building them as networkx edges was a fifth of a cold centrality call
    (bench/README.md "Fourteenth session (neocent)").

    Examples
    --------
    >>> from graph.model import NetworkEdge, SpeaksFor
    >>> net = Network(edges=[NetworkEdge(source_id="a", target_id="b", relation="supports", reports=3,
    ...                                  statements=3, claims=1),
    ...                      NetworkEdge(source_id="c", target_id="a", relation="criticizes", reports=2,
    ...                                  statements=2, claims=2)],
    ...               speaks_for=[SpeaksFor(speaker_id="p", on_behalf_of_id="a", statements=3)])
    >>> all(network_centrality(net, count=c) == centrality(build_network(net, count=c)) for c in ("claims", "reports"))
    True
    """
    return weights_centrality(NetworkWeights.of(net, count), net.actors, speaks_for=speaks_for)


def weights_centrality(
    weights: NetworkWeights, actors: Sequence[Actor], *, speaks_for: bool = True
) -> list[dict[str, Any]]:
    """:func:`network_centrality` of the network ``weights`` weigh (``GraphStore.network_weights``:
    its edges without an object each), its ``actors`` as ``with_actors`` reads them."""
    # source -> target -> key -> weight: build_network's adjacency (a key met again replaces its
    # weight in place, as add_edge does), its dict order the graph's node and edge order
    succ: dict[str, dict[str, dict[str, int]]] = {}
    for src, tgt, relation, weight in weights.arcs:
        if weight <= 0:  # as build_network: the edge and, through it, its source left out
            continue
        out = succ.get(src)
        if out is None:
            out = succ[src] = {}
        if tgt is None or tgt == src:
            continue
        if tgt not in succ:
            succ[tgt] = {}
        keyed = out.get(tgt)
        if keyed is None:
            keyed = out[tgt] = {}
        keyed[relation] = weight
    if speaks_for:
        for sp, ob in weights.speaks_for:
            if sp == ob:
                continue
            out = succ.setdefault(sp, {})
            succ.setdefault(ob, {})
            out.setdefault(ob, {})["speaks_for"] = 1
    if not succ:
        return []
    by_id = {a.id: a for a in actors}

    def label(n: str) -> tuple[str, str]:
        actor = by_id.get(n)
        return (n, "unknown") if actor is None else (actor.name, actor.kind.value)

    edges = ((u, v, w) for u, out in succ.items() for v, keyed in out.items() for w in keyed.values())
    return _scored(dict.fromkeys(succ), edges, label)


def _scored(
    nodes_in_order: dict[str, None],
    edges: Iterable[tuple[str, str, Any]],
    label: Callable[[str], tuple[str, str | None]],
) -> list[dict[str, Any]]:
    """:func:`centrality`'s rows of the nodes (in the graph's order) and the weighted edges (in
    the order the graph yields them); ``label``: a node's name and kind."""
    nodes = list(nodes_in_order)
    index = {n: i for i, n in enumerate(nodes)}
    out_deg: list[Any] = [0] * len(nodes)
    in_deg: list[Any] = [0] * len(nodes)
    src: list[int] = []
    dst: list[int] = []
    wts: list[Any] = []
    for u, v, w in edges:
        i, j = index[u], index[v]
        out_deg[i] += w
        in_deg[j] += w
        if i != j:
            src.append(i)
            dst.append(j)
            wts.append(w)
    between = betweenness_of_edges(len(nodes), src, dst)
    rank = _pagerank(len(nodes), src, dst, wts)
    rows = []
    for i, n in enumerate(nodes):
        name, kind = label(n)
        rows.append({
            "id": n,
            "name": name,
            "kind": kind,
            "degree": in_deg[i] + out_deg[i],
            "in_degree": in_deg[i],
            "out_degree": out_deg[i],
            "betweenness": round(float(between[i]), 6),
            "pagerank": round(rank[i], 6),
        })  # fmt: skip
    rows.sort(key=lambda r: (-r["pagerank"], -r["degree"], r["id"]))
    return rows


def communities(g: nx.MultiDiGraph, method: CommunityMethod = "louvain", seed: int = 7) -> list[list[str]]:
    """Communities of the undirected weighted network, largest first (members sorted).

    ``louvain`` uses a fixed ``seed`` so results are reproducible; ``greedy`` is
    Clauset-Newman-Moore greedy modularity. Isolated nodes form their own communities.

    Examples
    --------
    >>> communities(build_graph(demo_data()), "greedy")
    [['a', 'b', 'c', 'p']]
    >>> communities(nx.MultiDiGraph())
    []
    """
    if g.number_of_nodes() == 0:
        return []
    undirected = weighted_simple(g, directed=False)
    if undirected.number_of_edges() == 0:
        parts: Iterable[Iterable[str]] = [[n] for n in undirected.nodes]
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(undirected, weight="weight")
    elif method == "louvain":
        parts = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    else:
        raise ValueError(f"unknown community method {method!r}: louvain or greedy")
    out = [sorted(p) for p in parts]
    out.sort(key=lambda p: (-len(p), p[0]))
    return out


def signed_weights(g: nx.MultiDiGraph) -> dict[frozenset[str], int]:
    """Net sign between each pair of actors: sum of edge signs in both directions.

    Examples
    --------
    >>> w = signed_weights(build_graph(demo_data()))
    >>> w[frozenset({"a", "b"})], w[frozenset({"a", "c"})]
    (2, -1)
    """
    out: dict[frozenset[str], int] = defaultdict(int)
    for u, v, sign in g.edges(data="sign", default=0):
        if u != v and sign:
            out[frozenset((u, v))] += int(sign)
    return dict(out)


def blocs(g: nx.MultiDiGraph, max_rounds: int = 50) -> dict[str, Any]:
    """Alignment blocs: a partition of the signed network that maximises agreement.

    Correlation clustering, kept simple: each pair of actors has a net sign (cooperation
    edges +1, conflict edges -1). Start from the components joined by positive pairs, then
    move single actors (in id order) to the bloc where their net sign sum is highest
    (or to a bloc of their own when every bloc is net negative) until nothing moves.
    Agreement is the share of absolute net weight that is satisfied: positive pairs inside
    a bloc and negative pairs across blocs. Only actors with a signed pair take part.

    Examples
    --------
    >>> result = blocs(build_graph(demo_data()))
    >>> result["blocs"]
    [['a', 'b', 'p'], ['c']]
    >>> result["agreement"]
    1.0
    """
    weights = signed_weights(g)
    nbrs: dict[str, dict[str, int]] = defaultdict(dict)
    for pair, w in weights.items():
        if w == 0:
            continue
        u, v = sorted(pair)
        nbrs[u][v] = w
        nbrs[v][u] = w
    positive = nx.Graph()
    positive.add_nodes_from(nbrs)
    positive.add_edges_from((u, v) for u in nbrs for v, w in nbrs[u].items() if w > 0)
    bloc_of: dict[str, int] = {}
    for i, comp in enumerate(sorted(nx.connected_components(positive), key=lambda c: sorted(c)[0])):
        for n in comp:
            bloc_of[n] = i
    next_id = len(bloc_of) + 1
    for _ in range(max_rounds):
        moved = False
        for n in sorted(nbrs):
            score: dict[int, int] = defaultdict(int)
            for v, w in nbrs[n].items():
                score[bloc_of[v]] += w
            current = score.get(bloc_of[n], 0)
            alone = sum(1 for m in bloc_of.values() if m == bloc_of[n]) == 1
            best_bloc, best = max(score.items(), key=lambda kv: (kv[1], -kv[0]), default=(bloc_of[n], 0))
            if best > current and best_bloc != bloc_of[n]:
                bloc_of[n] = best_bloc
                moved = True
            elif current < 0 and not alone:
                bloc_of[n] = next_id
                next_id += 1
                moved = True
        if not moved:
            break
    groups: dict[int, list[str]] = defaultdict(list)
    for n, b in bloc_of.items():
        groups[b].append(n)
    out = sorted((sorted(m) for m in groups.values()), key=lambda m: (-len(m), m[0]))
    total = sum(abs(w) for w in weights.values())
    satisfied = sum(
        abs(w)
        for pair, w in weights.items()
        for u, v in [sorted(pair)]
        if (w > 0 and bloc_of.get(u) == bloc_of.get(v)) or (w < 0 and bloc_of.get(u) != bloc_of.get(v))
    )
    return {
        "blocs": out,
        "agreement": round(satisfied / total, 6) if total else 1.0,
        "pairs": [
            {"source": u, "target": v, "sign": w}
            for pair, w in sorted(weights.items(), key=lambda kv: sorted(kv[0]))
            for u, v in [sorted(pair)]
            if w
        ],
    }


def shortest_paths(g: nx.MultiDiGraph, source: str, target: str, k: int = 5) -> list[list[str]]:
    """Up to ``k`` shortest paths between two actors, ignoring edge direction.

    Examples
    --------
    >>> shortest_paths(build_graph(demo_data()), "p", "c")
    [['p', 'a', 'c']]
    >>> shortest_paths(build_graph(demo_data()), "p", "nobody")
    []
    """
    undirected = weighted_simple(g, directed=False)
    if source not in undirected or target not in undirected:
        return []
    try:
        return [list(p) for p in islice(nx.all_shortest_paths(undirected, source, target), k)]
    except nx.NetworkXNoPath:
        return []


def edges_between(g: nx.MultiDiGraph, u: str, v: str) -> list[dict[str, Any]]:
    """Edges (both directions) between two actors, with their attributes and endpoints."""
    out: list[dict[str, Any]] = []
    for a, b in ((u, v), (v, u)):
        if g.has_edge(a, b):
            for key, attrs in g[a][b].items():
                out.append({"source": a, "target": b, "key": key, **attrs})
    return out


def cytoscape_elements(data: Drawn, *, speaks_for: bool = True, count: CountUnit = "claims") -> dict[str, Any]:
    """Cytoscape.js JSON: one node per actor, one edge per (source, target, relation).

    Each edge carries ``count`` (its claims, or statements with ``count="reports"``), the
    ``statements`` and ``claims`` it aggregates with the statements' ``dates`` (same order, ISO
    days, so a page can filter by date without asking again), ``reports`` and ``num_sources``
    (outlets summed over its claims, where known); a ``speaks_for`` edge lists the statements
    the person made for that state. Each node carries ``degree``, ``statements`` (how many
    statements it appears in) and ``dates`` (their days, sorted). An undated statement's day is
    ``""`` (it sorts first, and no date range holds it).

    Examples
    --------
    >>> out = cytoscape_elements(demo_data())
    >>> sorted(n["data"]["id"] for n in out["elements"]["nodes"])
    ['a', 'b', 'c', 'p']
    >>> [e["data"]["id"] for e in out["elements"]["edges"] if e["data"]["source"] == "c"]
    ['c->a:criticizes', 'c->b:threatens']
    >>> [(e["data"]["statements"], e["data"]["dates"]) for e in out["elements"]["edges"]
    ...  if e["data"]["relation"] == "speaks_for"]
    [(['demo:1-2'], ['2026-01-01'])]
    >>> next(n["data"]["dates"] for n in out["elements"]["nodes"] if n["data"]["id"] == "c")
    ['2026-01-03', '2026-01-04']
    """
    order, graph_edges = _graph_parts(data, speaks_for=speaks_for, count=count)
    degree: dict[str, int] = dict.fromkeys(order, 0)
    for u, v, _, _ in graph_edges:
        degree[u] += 1
        degree[v] += 1
    date_of = {st.id: _iso(st.date) for st in data.statements}
    days: dict[str, list[str]] = defaultdict(list)
    spoken: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for st in data.statements:
        day = _iso(st.date)
        ids = {x for x in (st.speaker_id, st.on_behalf_of_id) if x} | set(st.target_ids(TargetRole.target))
        for i in ids:
            days[i].append(day)
        if st.speaker_id and st.on_behalf_of_id and st.speaker_id != st.on_behalf_of_id:
            spoken[(st.speaker_id, st.on_behalf_of_id)].append((day, st.id))
    agg: dict[tuple[str, str, str], dict[str, Any]] = {}
    for u, v, key, attrs in sorted(graph_edges, key=lambda e: (e[3].get("date", ""), e[2])):
        rel = attrs.get("relation", "")
        e = agg.setdefault(
            (u, v, rel),
            {"id": f"{u}->{v}:{rel}", "source": u, "target": v, "relation": rel, "label": rel, "count": 0,
             "statements": [], "dates": [], "claims": [], "reports": 0, "num_sources": 0, "sign": 0,
             "goldstein": 0.0},
        )  # fmt: skip
        e["count"] += 1
        if key == "speaks_for":
            for day, sid in sorted(spoken.get((u, v), [])):
                e["statements"].append(sid)
                e["dates"].append(day)
        else:
            behind = str(attrs.get("statements") or key).split()
            e["statements"].extend(behind)
            e["dates"].extend(date_of.get(sid, attrs.get("date", "")) for sid in behind)
            e["reports"] += len(behind)
            if attrs.get("claim"):
                e["claims"].append(attrs["claim"])
            e["num_sources"] += attrs.get("num_sources") or 0
        e["sign"] = attrs.get("sign", 0)
        e["goldstein"] += float(attrs.get("goldstein", 0.0))
    for e in agg.values():
        e["goldstein"] = round(e["goldstein"] / e["count"], 3)
    actors = {a.id: a for a in data.actors}
    nodes = [
        {
            "data": {
                "id": n,
                "label": actors[n].name if n in actors else n,
                "kind": actors[n].kind.value if n in actors else "unknown",
                "degree": degree[n],
                "statements": len(days.get(n, [])),
                "dates": sorted(days.get(n, [])),
            }
        }
        for n in sorted(order)
    ]
    edges = [{"data": e} for _, e in sorted(agg.items())]
    return {
        "elements": {"nodes": nodes, "edges": edges},
        "stats": {"nodes": len(nodes), "edges": len(edges), "statements": len(data.statements),
                  "claims": len({st.claim_id or st.id for st in data.statements})},
    }  # fmt: skip
