"""Betweenness with pendant folding (graph.betweenness) and the array-based centrality equal
networkx's plain algorithms on random graphs: trees, pendant-rich graphs, disconnected ones."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph import analytics
from graph import betweenness as gb


def _graphs() -> list[nx.Graph]:
    rnd = random.Random(12)
    out: list[nx.Graph] = [nx.empty_graph(0), nx.empty_graph(1), nx.path_graph(2), nx.empty_graph(5)]
    out += [nx.star_graph(6), nx.path_graph(7), nx.complete_graph(5)]
    for seed in range(60):
        n = rnd.randint(3, 45)
        g: nx.Graph
        if seed % 4 == 0:
            g = nx.gnp_random_graph(n, rnd.random() * 0.3, seed=seed)
        elif seed % 4 == 1:
            g = nx.random_labeled_tree(n, seed=seed)
        elif seed % 4 == 2:
            g = nx.barabasi_albert_graph(n, 1 + seed % 3, seed=seed)
        else:  # a core of states with people hanging off them, some lone edges and isolated nodes
            g = nx.gnp_random_graph(n, 0.2, seed=seed)
            for i in range(rnd.randint(0, 40)):
                g.add_edge(rnd.randrange(n), n + i)
            g.add_edge("lone-a", "lone-b")
            g.add_node("isolated")
        out.append(g)
    return out


@pytest.mark.parametrize("dense_limit", [gb.DENSE_LIMIT, 0])
def test_betweenness_equals_networkx_on_random_graphs(dense_limit: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gb, "DENSE_LIMIT", dense_limit)  # the dense and the sparse products
    monkeypatch.setattr(gb, "BLOCK_ELEMENTS", 50 if dense_limit == 0 else gb.BLOCK_ELEMENTS)  # many blocks
    for g in _graphs():
        got = analytics.betweenness(g)
        want = nx.betweenness_centrality(g)
        assert got.keys() == want.keys()
        for node, value in want.items():
            assert got[node] == pytest.approx(value, rel=1e-9, abs=1e-12), (g, node)


def test_pendant_people_fold_into_their_state_and_keep_the_states_scores() -> None:
    # a triangle of states; three people speak for state a, one for c: the people lie on no path
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("p1", "a"), ("p2", "a"), ("p3", "a"), ("p4", "c")])
    got = analytics.betweenness(g)
    assert got == pytest.approx(nx.betweenness_centrality(g))
    assert got["p1"] == 0.0 and got["a"] > got["c"] > got["b"] == 0.0


def _multigraph(seed: int) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    states = [f"s{i}" for i in range(rnd.randint(2, 25))]
    for i in range(rnd.randint(0, 60)):  # typed edges, parallel ones and self-loops included
        u, v = rnd.choice(states), rnd.choice(states)
        g.add_edge(u, v, key=f"r{i % 4}", weight=rnd.randint(1, 5))
    for i in range(rnd.randint(0, 30)):  # people speaking for one state
        g.add_edge(f"p{i}", rnd.choice(states), key="speaks_for", weight=1)
    for n in g.nodes:
        g.nodes[n]["name"] = n.upper()
    return g


@pytest.mark.parametrize("seed", range(25))
def test_centrality_rows_equal_the_networkx_computation(seed: int) -> None:
    g = _multigraph(seed)
    if g.number_of_nodes() == 0:
        assert analytics.centrality(g) == []
        return
    between = nx.betweenness_centrality(analytics.weighted_simple(g, directed=False))
    rank = nx.pagerank(analytics.weighted_simple(g, directed=True), weight="weight")
    rows = {r["id"]: r for r in analytics.centrality(g)}
    assert rows.keys() == set(g.nodes)
    for n in g.nodes:
        r = rows[n]
        assert (r["degree"], r["in_degree"], r["out_degree"]) == (
            g.degree(n, weight="weight"),
            g.in_degree(n, weight="weight"),
            g.out_degree(n, weight="weight"),
        )
        assert r["betweenness"] == pytest.approx(round(between[n], 6), abs=1.1e-6)
        assert r["pagerank"] == pytest.approx(round(rank[n], 6), abs=1.1e-6)
        assert r["name"] == n.upper()
