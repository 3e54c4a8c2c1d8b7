"""graph.analytics and graph.export as pure functions of GraphData (no store)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from support.corpus import ACTORS, ROLES, corpus

from graph import analytics
from graph.errors import QueryError
from graph.export import COLUMNS, export
from graph.model import ArticleSummary, GraphData, StatementQuery


@pytest.fixture
def data() -> GraphData:
    statements = [st for b in corpus() for st in b.statements]
    return GraphData(actors=list(ACTORS.values()), statements=statements, roles=ROLES)


def test_build_graph_edges_are_statement_targets(data: GraphData) -> None:
    g = analytics.build_graph(data, speaks_for=False)
    n_target_edges = sum(len({t for t in st.target_ids() if t != st.network_source_id}) for st in data.statements)
    assert g.number_of_edges() == n_target_edges
    for _, _, attrs in g.edges(data=True):
        assert attrs["sign"] in (-1, 0, 1)
    assert "isna" not in g and "gaza-strip" not in g  # via agencies and mere mentions are not nodes
    with_people = analytics.build_graph(data)
    assert with_people.has_edge("ilham-aliyev", "azerbaijan", key="speaks_for")
    assert with_people.number_of_edges() == n_target_edges + 3  # Aliyev, Erdoğan, Trump


def test_edge_signs_follow_quad_class_and_goldstein(data: GraphData) -> None:
    g = analytics.build_graph(data)
    assert {a["sign"] for _, _, a in g.edges("hamas", data=True)} == {-1}
    supports = [a for _, _, a in g.edges(data=True) if a["relation"] == "supports"]
    assert supports and all(a["sign"] == 1 for a in supports)
    consults = [a for _, _, a in g.edges(data=True) if a["relation"] == "consults"]
    assert consults and all(a["sign"] == 1 for a in consults)  # CAMEO 040: QuadClass 1, Goldstein +1


def test_centrality_ranks_the_gaza_force_first(data: GraphData) -> None:
    rows = analytics.centrality(analytics.build_graph(data))
    assert rows[0]["id"] == "gaza-international-stabilization-force"
    by_id = {r["id"]: r for r in rows}
    assert by_id["azerbaijan"]["betweenness"] > by_id["ilham-aliyev"]["betweenness"] == 0
    assert by_id["hamas"]["out_degree"] == 1 and by_id["hamas"]["in_degree"] == 1


def test_communities_partition_every_node_once(data: GraphData) -> None:
    g = analytics.build_graph(data)
    for method in ("louvain", "greedy"):
        parts = analytics.communities(g, method)
        flat = [n for p in parts for n in p]
        assert sorted(flat) == sorted(g.nodes) and len(flat) == len(set(flat))
        assert [len(p) for p in parts] == sorted((len(p) for p in parts), reverse=True)
    assert analytics.communities(g) == analytics.communities(g)  # seeded: reproducible
    with pytest.raises(ValueError, match="unknown community method"):
        analytics.communities(g, "magic")  # type: ignore[arg-type]


def test_blocs_separate_adversaries(data: GraphData) -> None:
    result = analytics.blocs(analytics.build_graph(data))
    bloc = {n: i for i, b in enumerate(result["blocs"]) for n in b}
    assert bloc["hamas"] != bloc["israel"]
    assert bloc["turkey"] != bloc["israel"]
    assert bloc["donald-trump"] == bloc["united-states"] == bloc["gaza-international-stabilization-force"]
    assert result["agreement"] >= 0.8
    pairs = {(p["source"], p["target"]): p["sign"] for p in result["pairs"]}
    assert pairs[("hamas", "israel")] == -1


def test_blocs_of_two_camps() -> None:
    g = nx.MultiDiGraph()
    for u, v, s in [("a", "b", 1), ("b", "c", 1), ("x", "y", 1), ("a", "x", -1), ("c", "y", -1), ("b", "y", -1)]:
        g.add_edge(u, v, sign=s)
    result = analytics.blocs(g)
    assert result["blocs"] == [["a", "b", "c"], ["x", "y"]]
    assert result["agreement"] == 1.0
    # a frustrated triangle cannot satisfy every pair
    t = nx.MultiDiGraph()
    t.add_edges_from([("p", "q", {"sign": 1}), ("q", "r", {"sign": 1}), ("p", "r", {"sign": -1})])
    assert analytics.blocs(t)["agreement"] < 1.0


def test_shortest_paths_and_cytoscape(data: GraphData) -> None:
    g = analytics.build_graph(data)
    paths = analytics.shortest_paths(g, "hamas", "indonesia")
    assert paths and all(p[0] == "hamas" and p[-1] == "indonesia" for p in paths)
    assert len({len(p) for p in paths}) == 1
    cy = analytics.cytoscape_elements(data)
    node_ids = {n["data"]["id"] for n in cy["elements"]["nodes"]}
    assert node_ids == set(g.nodes)
    assert sum(e["data"]["count"] for e in cy["elements"]["edges"]) == g.number_of_edges()


def test_exports_round_trip(data: GraphData) -> None:
    g = nx.read_graphml(io.BytesIO(export(data, "graphml")))
    assert set(g.nodes) == set(analytics.build_graph(data).nodes)
    gexf = nx.read_gexf(io.BytesIO(export(data, "gexf")))
    assert gexf.number_of_nodes() == g.number_of_nodes()
    assert len(export(data, "jsonl").decode().splitlines()) == len(data.statements)
    per_target = sum(max(1, len(set(st.target_ids()))) for st in data.statements)
    assert len(export(data, "csv").decode().splitlines()) == per_target + 1
    with pytest.raises(ValueError, match="unknown export format"):
        export(data, "xlsx")  # type: ignore[arg-type]


def test_gathering_too_many_statements_asks_to_narrow_filters(tmp_path: Path) -> None:
    from graph.service import all_statements
    from graph.sqlite_store import SqliteStore

    with SqliteStore(tmp_path / "g.db") as store:
        store.ensure_schema()
        for batch in corpus():
            store.ingest(batch)
        everything = all_statements(store, StatementQuery())
        assert len(everything) == sum(len(b.statements) for b in corpus())
        assert len(all_statements(store, StatementQuery(language="fr"), cap=3)) == 3
        with pytest.raises(QueryError, match="narrow the filters"):
            all_statements(store, StatementQuery(), cap=5)


def test_gexf_is_dynamic_with_names_and_dates(data: GraphData) -> None:
    root = ET.fromstring(export(data, "gexf"))
    ns = {"g": root.tag.split("}")[0].strip("{")}
    graph = root.find("g:graph", ns)
    assert graph is not None
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    labels = {n.get("id", ""): n.get("label", "") for n in graph.iterfind("g:nodes/g:node", ns)}
    names = {a.id: a.name for a in data.actors}
    assert labels and all(labels[i] == names.get(i, i) for i in labels)
    assert labels["azerbaijan"] == "Azerbaijan"
    by_id = {st.id: st for st in data.statements}
    edges = list(graph.iterfind("g:edges/g:edge", ns))
    assert len({e.get("id") for e in edges}) == len(edges)
    statement_edges = [e for e in edges if e.get("id", "").rsplit("@", 1)[0] in by_id]
    assert len(statement_edges) == analytics.build_graph(data, speaks_for=False).number_of_edges()
    for e in statement_edges:
        dated = by_id[e.get("id", "").rsplit("@", 1)[0]].date
        assert dated is not None
        day = dated.isoformat()
        assert e.get("start") == day and e.get("end") == day
    # networkx reads it back; every node has a first/last day
    g = nx.read_gexf(io.BytesIO(export(data, "gexf")))
    assert all("start" in attrs for _, attrs in g.nodes(data=True))


def test_graphml_carries_names_and_dates(data: GraphData) -> None:
    g = nx.read_graphml(io.BytesIO(export(data, "graphml")))
    assert g.nodes["azerbaijan"]["label"] == "Azerbaijan" and g.nodes["azerbaijan"]["name"] == "Azerbaijan"
    first = min(
        d for st in data.statements if "azerbaijan" in (st.on_behalf_of_id, *st.target_ids()) and (d := st.date)
    )
    assert g.nodes["azerbaijan"]["start"] == first.isoformat()
    dated = [attrs for _, _, attrs in g.edges(data=True) if attrs.get("relation") != "speaks_for"]
    assert dated and all(attrs["date"] == attrs["start"] for attrs in dated)


def test_csv_rows_per_target_codes_as_text_and_articles(data: GraphData) -> None:
    multi = next(st for st in data.statements if len(set(st.target_ids())) > 1)
    art = ArticleSummary(id=multi.article_id, url="https://example.org/a", outlet="Example Post", title="T",
                         language="en", published_at=None)  # fmt: skip
    text = export(data, "csv", {art.id: art}).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    mine = [r for r in rows if r["statement_id"] == multi.id]
    assert sorted(r["target_id"] for r in mine) == sorted(set(multi.target_ids()))
    assert {r["url"] for r in mine} == {"https://example.org/a"} and {r["outlet"] for r in mine} == {"Example Post"}
    assert {r["stance"] for r in rows} <= {"support", "oppose", "conditional", "neutral"}
    assert all(r["language"] for r in rows)
    # codes are quoted text: a reader honouring quotes keeps the leading zero
    line = next(li for li in text.splitlines()[1:] if li.startswith(f'"{multi.id}"'))
    assert f'"{multi.cameo}"' in line
    df = pd.read_csv(io.StringIO(text), dtype={"cameo": str})
    assert set(df["cameo"]) == {st.cameo for st in data.statements}


def test_parquet_has_typed_columns(data: GraphData) -> None:
    table = pq.read_table(io.BytesIO(export(data, "parquet")))
    assert table.column_names == COLUMNS
    assert str(table.schema.field("cameo").type) == "string"
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("confidence").type) == "double"
    per_target = sum(max(1, len(set(st.target_ids()))) for st in data.statements)
    assert table.num_rows == per_target


def test_network_centrality_equals_the_centrality_of_the_built_network() -> None:
    """The scores of a counted network without building its graph: the same rows as the graph's,
    on networks with what build_network leaves out or merges (zero weights, self-loops, edges
    without a target, a key met twice, a speaks_for pair that is also a relation edge, one
    speaking for itself, actors not read)."""
    import random

    from graph.model import Actor, ActorKind, Network, NetworkEdge, Relation, SpeaksFor

    rng = random.Random(12)
    ids = [f"n{i}" for i in range(40)]
    relations = [Relation.supports, Relation.criticizes, Relation.states]
    for _ in range(30):
        edges = [
            NetworkEdge(source_id=rng.choice(ids), target_id=rng.choice([*ids, None]), relation=rng.choice(relations),
                        reports=rng.randint(0, 4), statements=1, claims=rng.randint(0, 3),
                        cooperation=rng.randint(0, 2), conflict=rng.randint(0, 2))
            for _ in range(rng.randint(0, 120))
        ]  # fmt: skip
        speaks = [
            SpeaksFor(speaker_id=rng.choice(ids), on_behalf_of_id=rng.choice(ids), statements=1) for _ in range(8)
        ]
        actors = [Actor(id=i, name=f"Actor {i}", kind=ActorKind.state) for i in ids if rng.random() < 0.7]
        net = Network(edges=edges, speaks_for=speaks, actors=actors)
        for count in ("claims", "reports"):
            for speaks_for in (True, False):
                g = analytics.build_network(net, speaks_for=speaks_for, count=count)
                assert analytics.network_centrality(net, speaks_for=speaks_for, count=count) == analytics.centrality(g)
