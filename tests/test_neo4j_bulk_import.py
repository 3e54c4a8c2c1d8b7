"""The Neo4j bulk load (graph/neo4j_bulk.py, ``diplograph bulk-load``) makes the same graph as
``ingest_many``: the same articles are written both ways (the bulk load into a scratch server of
this module's own, ``ingest_many`` into the session's), then every node and relationship, and the
answers of the GraphStore reads, are compared."""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from support import corpus, random_graph
from support.neo4j_server import Neo4jServer, _free_port, _script

from api.cli import main
from bench.statements import Universe, batches
from graph.errors import ConfigError, StoreError
from graph.model import ClaimQuery, CountUnit, IngestBatch, NetworkQuery, Relation, Statement, StatementQuery
from graph.neo4j_bulk import BulkExport, ImportFiles, ImportTool, import_tool, run_import
from graph.neo4j_store import BULK_MARK, Neo4jStore

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]


def _articles() -> list[IngestBatch]:
    """The hand-built corpus (four languages, roles, spans, a conditional), a random graph (every
    count shape) with some undated articles, and a small bench world (claims across six outlets)."""
    out: list[IngestBatch] = list(corpus.corpus())
    for i, b in enumerate(random_graph.batches(seed=9, articles=24)):
        if i % 5 == 0:  # undated statements
            sts = [Statement.model_validate({**s.model_dump(), "date": None}) for s in b.statements]
            b = b.model_copy(update={"statements": sts})
        out.append(b)
    uni = Universe(seed=4, states=6, people=15, initiatives=3, outlets=6)
    out += [IngestBatch.model_validate(b.model_dump()) for b in batches(uni, articles=40, per_article=3, days=(0, 20))]
    return out


def _tool(home: Path) -> ImportTool:
    jars = os.environ.get("NEO4J_JARS_DIR") or str(ROOT / ".neo4j-local" / "jars" / "5.26.11")
    if not (Path(jars) / ".ok").exists():  # the session's server may come from elsewhere: fetch them
        jars = _script("jars", home.parent / "jars-probe", 0).stdout.strip().splitlines()[-1]
    return import_tool(home, jars=jars, memory="256m")


def _export(directory: Path, articles: list[IngestBatch]) -> ImportFiles:
    export = BulkExport(directory)
    result = export.ingest_many(articles, batch_size=500)
    assert not result.failures
    return export.finish()


Graph = tuple[Counter[str], Counter[str]]
#: The bulk-loaded store, its state directory, its graph before and right after the first open,
#: and what the first open wrote (query texts, and ``write_tx:<what>`` for each write transaction).
Bulk = tuple[Neo4jStore, Path, Graph, Graph, list[str]]


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bulk]:
    """A scratch server holding the bulk-loaded articles, schema ensured (its first open), and
    the graph as the import tool left it (before the first open) and after the first open."""
    state = tmp_path_factory.mktemp("bulk-neo4j")
    port = _free_port()
    files = _export(state / "csv", _articles())
    run_import(_tool(state / "home"), files)
    started = _script("start", state, port)
    assert started.returncode == 0, started.stdout + started.stderr
    store = Neo4jStore(f"bolt://127.0.0.1:{port}")
    try:
        imported = _graph(store)
        writes: list[str] = []
        with pytest.MonkeyPatch.context() as mp:  # record every write of the first open
            write, write_tx = store.cypher.write, store.cypher.write_tx

            def logged_write(query: Any, params: Any = None) -> Any:
                writes.append(str(query))
                return write(query, params)

            def logged_tx(work: Any, *, what: str = "neo4j write") -> Any:
                writes.append(f"write_tx:{what}")
                return write_tx(work, what=what)

            mp.setattr(store.cypher, "write", logged_write)
            mp.setattr(store.cypher, "write_tx", logged_tx)
            store.ensure_schema()
        yield store, state, imported, _graph(store), writes
    finally:
        store.close()
        _script("kill", state, port)


@pytest.fixture(scope="module")
def ingested(neo4j: Neo4jServer) -> Iterator[Neo4jStore]:
    """The same articles through ``ingest_many`` into the session's (wiped, owned) server."""
    store = Neo4jStore(neo4j.uri, auth=neo4j.auth, database=neo4j.database)
    store.wipe(neo4j.owner)
    store.ensure_schema()
    result = store.ingest_many(_articles(), batch_size=500)
    assert not result.failures
    try:
        yield store
    finally:
        store.wipe(neo4j.owner)
        store.close()


def _norm(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)  # sums of goldstein values, added in another order
    if isinstance(value, list | tuple):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in sorted(value.items())}
    if isinstance(value, BaseModel):
        return _norm(value.model_dump(mode="json"))
    return value if isinstance(value, str | int | bool | None) else str(value)


def _graph(store: Neo4jStore) -> Graph:
    """Every node (labels, properties) and relationship (type, ends, properties), but the test
    marker and the generation counter (bumped once per write transaction)."""
    nodes: Counter[str] = Counter()
    for r in store.cypher.read(
        "MATCH (n) WHERE NOT n:DiplographTestOwner AND NOT (n:Meta AND n.key = 'generation') "
        "RETURN labels(n) AS l, properties(n) AS p"
    ).records:
        nodes[json.dumps([sorted(r["l"]), _norm(r["p"])], sort_keys=True)] += 1
    rels: Counter[str] = Counter()
    for r in store.cypher.read(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, coalesce(a.id, a.key) AS a, coalesce(b.id, b.key) AS b, "
        "properties(r) AS p"
    ).records:
        rels[json.dumps([r["t"], r["a"], r["b"], _norm(r["p"])], sort_keys=True)] += 1
    return nodes, rels


def _pages(store: Neo4jStore, query: StatementQuery) -> list[Any]:
    out: list[Any] = []
    q = query.model_copy(update={"limit": 7})
    while True:
        page = store.list_statements(q)
        out.append(_norm(page))
        if not page.next_cursor:
            return out
        q = q.model_copy(update={"cursor": page.next_cursor})


#: The stance pieces' views the reads compare: every language, each language of the corpus,
#: counted by reports; and one language by reports (not a view: it reads the briefs).
STANCE_VIEWS: list[tuple[str | None, CountUnit]] = [
    (None, "claims"), ("en", "claims"), ("fr", "claims"), ("id", "claims"), ("ar", "claims"), (None, "reports"),
    ("en", "reports"),
]  # fmt: skip


def _reads(store: Neo4jStore) -> dict[str, Any]:
    """The answers of the GraphStore reads a user relies on, over the test's data."""
    actors = [a.id for a in store.list_actors(limit=1000)]
    out: dict[str, Any] = {
        "counts": store.counts(),
        "actors": store.list_actors(limit=1000),
        "find": [store.find_actors(t) for t in ("state", "turk", "aliyev")],
        "roles": store.roles(),
        "articles": store.list_articles(limit=1000),
        "network": store.network(NetworkQuery()),
        "network-months": store.network(NetworkQuery(month_from="2025-02", month_to="2025-04")),
        "network-relations": store.network(NetworkQuery(relations=[Relation.supports, Relation.declines])),
        "claims": store.list_claims(ClaimQuery(limit=1000, sort="date")),
        "claims-2-sources": store.list_claims(ClaimQuery(limit=1000, min_sources=2)),
        "briefs": sorted(store.statement_briefs(StatementQuery(), 10_000), key=lambda b: b.id),  # in no set order
    }
    links = store.network_links(StatementQuery(date_from=date(2024, 1, 1)), 10_000)  # in no set order
    out["links"] = [sorted(links.statements, key=lambda s: s.id), sorted(links.claims, key=lambda c: c.id)]
    for sort in ("-date", "date", "-confidence"):
        out[f"statements{sort}"] = _pages(store, StatementQuery(sort=sort))
    out["statements-fr"] = _pages(store, StatementQuery(language="fr"))
    out["statements-q"] = _pages(store, StatementQuery(q="statement peace"))
    out["statements-dates"] = _pages(store, StatementQuery(date_from=date(2025, 2, 1), date_to=date(2025, 3, 31)))
    for a in actors:
        out[f"activity {a}"] = [store.actor_activity(a, period=p) for p in ("all", "month", "week", "day")]
        out[f"partners {a}"] = store.actor_partners(a)
        out[f"stances {a}"] = [
            store.stance_sources(a, 3, 10_000, lo, hi, language=language, count=count)
            for lo, hi in ((None, None), (date(2025, 2, 1), date(2025, 4, 30)))
            for language, count in STANCE_VIEWS
        ]
        out[f"ego {a}"] = [store.network(NetworkQuery(actor_ids=[a])), store.neighbours([a], NetworkQuery(), 10)]
        out[f"speaker {a}"] = _pages(store, StatementQuery(speaker_ids=[a], sort="date"))
        out[f"target {a}"] = _pages(store, StatementQuery(target_ids=[a]))
    return {k: _norm(v) for k, v in out.items()}


def test_bulk_load_is_the_graph_ingest_many_writes(bulk: Bulk, ingested: Neo4jStore) -> None:
    store, _, _, _, _ = bulk
    assert store.counts().statements == ingested.counts().statements > 250
    assert store.counts().claims == ingested.counts().claims
    assert not store.cypher.read("MATCH (m:Meta {key: $k}) RETURN m", {"k": BULK_MARK}).records  # first open done
    nodes, rels = _graph(store)
    want_nodes, want_rels = _graph(ingested)
    assert nodes == want_nodes
    assert rels == want_rels
    got, want = _reads(store), _reads(ingested)
    assert got.keys() == want.keys()
    for i, (language, count) in enumerate(STANCE_VIEWS):  # each view answers something to compare
        assert any(v[i] for k, v in want.items() if k.startswith("stances ")), (language, count)
    for key in want:
        assert got[key] == want[key], key
    # and the store goes on like any other: a later ingest regroups claims across both
    more = random_graph.batches(seed=11, articles=3)
    for s in (store, ingested):
        assert not s.ingest_many(more).failures
    assert _graph(store) == _graph(ingested)


def test_the_first_open_derives_nothing(bulk: Bulk) -> None:
    """The files hold the whole graph (claims, REPORTS and typed edges, every count level, the
    joined level, stance pieces with their views, statement placement, Meta markers): the first
    open adds only the empty lists the import tool cannot write, and drops the ``bulk_load`` mark."""
    _, _, imported, (nodes, rels), writes = bulk
    # what it ran: the schema, the empty lists, the mark's removal; no derivation (each writes
    # through a write transaction or a MERGE of its Meta marker)
    derived = [w for w in writes if w not in ("write_tx:create the constraints and indexes", "CALL db.awaitIndexes($s)")
               and "coalesce(n.aliases, [])" not in w and "coalesce(n.conditions, [])" not in w
               and w != "MATCH (m:Meta {key: $k}) DELETE m"]  # fmt: skip
    assert derived == []
    assert any("coalesce(n.conditions, [])" in w for w in writes)
    assert rels == imported[1]
    kinds = Counter(json.loads(n)[0][0] for n in imported[0])
    assert kinds["Claim"] > 200 and kinds["StancePiece"] > kinds["Claim"] and kinds["JoinedEdge"] > 0
    assert json.dumps([["Meta"], {"key": BULK_MARK, "value": 1}], sort_keys=True) in imported[0]

    def without_empty_lists(graph: Counter[str]) -> Counter[str]:
        out: Counter[str] = Counter()
        for node, n in graph.items():
            labels, props = json.loads(node)
            if labels == ["Meta"] and props["key"] == BULK_MARK:
                continue
            props = {k: v for k, v in props.items() if v != []}
            out[json.dumps([labels, props], sort_keys=True)] += n
        return out

    assert without_empty_lists(nodes) == without_empty_lists(imported[0])
    assert nodes != imported[0]  # the first open did give the empty lists (else the test above proves nothing)


def test_refuses_a_running_server_and_an_existing_database(bulk: Bulk, tmp_path: Path) -> None:
    _, state, _, _, _ = bulk
    files = _export(tmp_path / "csv", random_graph.batches(seed=3, articles=2))
    with pytest.raises(ConfigError, match="running"):
        run_import(_tool(state / "home"), files)
    home = tmp_path / "home"
    (home / "data" / "databases" / "neo4j").mkdir(parents=True)
    (home / "data" / "databases" / "neo4j" / "neostore").write_bytes(b"")
    with pytest.raises(ConfigError, match="already exists"):
        run_import(_tool(home), files)
    assert (home / "data" / "databases" / "neo4j" / "neostore").exists()  # untouched


def test_a_failed_import_leaves_no_database(tmp_path: Path) -> None:
    files = _export(tmp_path / "csv", random_graph.batches(seed=3, articles=2))
    # a relationship to a node that is not in the files: the import tool stops
    with files.relationships[0][1].open("a", encoding="utf-8") as f:
        f.write('"no-such-actor","no-such-statement"\n')
    home = tmp_path / "home"
    with pytest.raises(StoreError, match="import tool failed"):
        run_import(_tool(home), files)
    assert not (home / "data" / "databases" / "neo4j").exists()


def test_cli_bulk_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rnd = random.Random(1)
    lines = [
        json.dumps({"url": f"https://example.org/{i}", "title": "Talks", "language": "en",
                    "outlet": "Wire", "published": "2025-03-0" + str(1 + i) + "T10:00:00+00:00",
                    "text": f"Foreign Minister Hakan Fidan said Turkey supports the ceasefire in Gaza. ({rnd.random()})"})
        for i in range(3)
    ]  # fmt: skip
    source = tmp_path / "corpus.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    home = tmp_path / "home"
    jars = _tool(home).jars
    args = ["bulk-load", str(source), "--neo4j-home", str(home), "--neo4j-jars", str(jars), "--import-memory", "256m"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "loaded 3 articles" in out
    assert (home / "data" / "databases" / "neo4j").is_dir()
    assert main(args) == 2  # the database exists now: refused, nothing replaced
    assert "already exists" in capsys.readouterr().err
