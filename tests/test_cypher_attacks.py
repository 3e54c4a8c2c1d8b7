"""POST /cypher admits only reads: attacks against the real Neo4j server through the API.

Every attack must be refused (400 problem, no internals) or bounded (a huge result is cut
at the byte/row cap or stopped by the deadline); afterwards the graph, its schema and a
transaction that another client held open across all the attacks are intact.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from support.api import local_client
from support.corpus import load

from api.app import create_app
from graph.cypher_guard import check_read_only, tokenize
from graph.errors import QueryError
from graph.neo4j_store import Neo4jStore
from graph.settings import Settings
from graph.store import GraphStore

PROBLEM = "application/problem+json"

REFUSED: dict[str, list[str]] = {
    "writes": [
        "CREATE (n:Actor {id: 'x'}) RETURN n",
        "MERGE (n:Actor {id: 'azerbaijan'}) SET n.name = 'changed'",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n) DELETE n",
        "MATCH (n:Actor) SET n.name = 'x'",
        "MATCH (n:Actor) SET n += {name: 'x'}",
        "MATCH (n:Actor) SET n:Evil",
        "MATCH (n:Actor) REMOVE n.name",
        "MATCH (n:Actor) REMOVE n:Actor",
        "FOREACH (x IN [1] | CREATE (:Tmp))",
        "UNWIND range(1, 3) AS i CREATE (:Tmp {i: i})",
        "MATCH (a:Actor), (b:Actor) CREATE (a)-[:EVIL]->(b)",
        "WITH 1 AS x MERGE (:Tmp {x: x})",
        "MATCH (n:Actor) WITH n LIMIT 1 NODETACH DELETE n",
        "INSERT (:Tmp {x: 1})",
        "MATCH (n) SET n.x = 1 FINISH",
        "RETURN 1 AS x UNION ALL CREATE (n) RETURN 1 AS x",
        "match (n) detach delete n",
        "MATCH (n) WHERE n.id = 'azerbaijan' CALL (n) { SET n.kind = 'x' } RETURN n",
        "MATCH (n:Actor) CALL { WITH n SET n.kind = 'x' } RETURN n",
        "OPTIONAL CALL { CREATE (n) } RETURN 1",
        "START n=node(*) DELETE n",
    ],
    "IN TRANSACTIONS": [
        "CALL { CREATE (:Tmp) } IN TRANSACTIONS",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
        "UNWIND range(1, 10) AS i CALL (i) { MERGE (:Tmp {i: i}) } IN CONCURRENT TRANSACTIONS",
    ],
    "schema": [
        "CREATE INDEX evil FOR (n:Actor) ON (n.kind)",
        "DROP CONSTRAINT actor_id",
        "DROP INDEX actor_name",
        "CREATE CONSTRAINT evil FOR (n:Tmp) REQUIRE n.id IS UNIQUE",
        "CREATE FULLTEXT INDEX evil2 FOR (n:Actor) ON EACH [n.name]",
    ],
    "procedures": [
        "CALL db.createLabel('Evil')",
        "CALL db.clearQueryCaches()",
        "CALL dbms.components()",
        "CALL dbms.listConfig()",
        "CALL db.awaitIndexes(1)",
        "CALL dbms.security.createUser('evil', 'evilevil1', false)",
        "CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')",
        "CALL tx.setMetaData({a: 1})",
        "CALL db.stats.clear()",
        "CALL `db`.`createLabel`('Evil')",
        "CALL db . createLabel('Evil')",
        "call DB.CREATELABEL('Evil')",
        "CALL db.index.fulltext.queryNodes('statement_content', 'x') YIELD node SET node.x = 1 RETURN node",
        "MATCH (n) WITH n CALL db.createLabel('x') RETURN n",
        "RETURN 1 AS n UNION CALL dbms.components() YIELD name RETURN name AS n",
        "CALL db.index.fulltext.queryNodes",
    ],
    "admin and SHOW": [
        "SHOW TRANSACTIONS",
        "SHOW TRANSACTIONS YIELD * RETURN *",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW SETTINGS",
        "SHOW SETTINGS YIELD name, value RETURN name, value",
        "SHOW USERS",
        "SHOW DATABASES",
        "SHOW PROCEDURES",
        "SHOW CURRENT USER",
        "CREATE USER evil SET PASSWORD 'evilevil1'",
        "CREATE DATABASE evil",
        "STOP DATABASE neo4j",
        "GRANT ROLE admin TO neo4j",
        "ALTER USER neo4j SET PASSWORD 'evilevil1'",
    ],
    "system database and USE": [
        "USE system SHOW USERS",
        "USE system MATCH (n) RETURN n",
        "USE neo4j MATCH (n) DETACH DELETE n",
        "MATCH (n) RETURN n.id AS id UNION USE system MATCH (m) RETURN m.id AS id",
    ],
    "LOAD CSV": [
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "LOAD CSV WITH HEADERS FROM 'http://127.0.0.1:1/x.csv' AS row CREATE (:Tmp)",
        "WITH 'file:///etc/passwd' AS u LOAD CSV FROM u AS line RETURN line",
        "load csv from 'file:///etc/hostname' as l return l",
    ],
    "multiple statements and comments": [
        "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
        "RETURN 1;",
        "MATCH (n) RETURN n // harmless?\nDETACH DELETE n",
        "MATCH (n) /* RETURN n */ DETACH DELETE n",
        "/* a comment first */ CREATE (n)",
        "MATCH (n) RETURN n /* never closed",
        "RETURN '/*' AS a */ CREATE (n)",
        "RETURN 'a\\\\' ; CREATE (n) //' AS x",
        "RETURN 'unterminated",
    ],
    "Unicode lookalikes and escapes": [
        "\uff23\uff32\uff25\uff21\uff34\uff25 (n)",  # fullwidth CREATE
        "\u0421REATE (n)",  # Cyrillic Es
        "MATCH (n)\u00a0DETACH DELETE n",  # no-break space
        "MATCH (n) RETURN n\u037e MATCH (m) DETACH DELETE m",  # Greek question mark
        "\\u0043REATE (n)",
        "MATCH (n)\u200bDETACH DELETE n",  # zero-width space
        "MATCH (n) RETURN n\uff1b MATCH (m) DETACH DELETE m",  # fullwidth semicolon
        "MATCH (n) RETURN n\u2028CREATE (m)",  # line separator
    ],
    "EXPLAIN/PROFILE/CYPHER wrappers": [
        "EXPLAIN MATCH (n) RETURN n",
        "PROFILE MATCH (n) RETURN n",
        "EXPLAIN CREATE (n)",
        "PROFILE CREATE (n)",
        "CYPHER runtime=slotted MATCH (n) DETACH DELETE n",
        "CYPHER 5 CREATE (n)",
    ],
    "slow": [
        "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x) AS n",
    ],
}

BOUNDED: dict[str, str] = {
    "one huge row": "RETURN range(1, 20000000) AS x",
    "one huge string list": "RETURN [x IN range(1, 5000000) | toString(x)] AS xs",
    "ten million rows": "UNWIND range(1, 10000000) AS x RETURN x",
    "large rows": "UNWIND range(1, 2000) AS i RETURN i, reduce(s = '', x IN range(1, 2000) | s + 'xxxxxxxxxx') AS s",
}

SETTINGS = Settings(cypher_timeout=3.0, cypher_max_rows=1000, cypher_max_bytes=200_000)


def _checksum(store: Neo4jStore) -> dict[str, Any]:
    """Counts, a hash of every node and relationship with its properties, and the schema."""
    nodes = store.cypher.read(
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY elementId(n)"
    ).records  # fmt: skip
    rels = store.cypher.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, properties(r) AS p, b.id AS b ORDER BY elementId(r)"
    ).records
    data = json.dumps(
        [[r.data() for r in nodes], [r.data() for r in rels]], sort_keys=True, default=str
    ).encode()  # fmt: skip
    schema = store.cypher.read("SHOW INDEXES YIELD name RETURN collect(name) AS names").records[0]["names"]
    constraints = store.cypher.read("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names").records[0]["names"]
    labels = store.cypher.read("CALL db.labels() YIELD label RETURN collect(label) AS l").records[0]["l"]
    return {
        "nodes": len(nodes),
        "relationships": len(rels),
        "counts": store.counts().model_dump(),
        "sha256": hashlib.sha256(data).hexdigest(),
        "indexes": sorted(schema),
        "constraints": sorted(constraints),
        "labels": sorted(labels),
    }


@pytest.fixture
def neo4j_client(store: GraphStore) -> Iterator[tuple[TestClient, Neo4jStore]]:
    assert isinstance(store, Neo4jStore)
    load(store)
    with local_client(create_app(store=store, settings=SETTINGS)) as c:
        yield c, store


def _assert_refused(r: Any, attack: str) -> str:
    assert r.status_code == 400, (attack, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith(PROBLEM)
    detail: str = r.json()["detail"]
    for internal in ("Traceback", "neo4j.exceptions", 'File "', "EXPLAIN " + attack[:30]):
        assert internal not in detail, (attack, detail)
    return detail


@pytest.mark.parametrize("store", ["neo4j"], indirect=True)
def test_cypher_attacks_are_refused_and_change_nothing(neo4j_client: tuple[TestClient, Neo4jStore]) -> None:
    client, store = neo4j_client
    before = _checksum(store)
    assert before["counts"]["statements"] > 0
    # another client's transaction stays open across every attack (TERMINATE must not reach it)
    outcomes: Counter[str] = Counter()
    attacks = [(group, q) for group, queries in REFUSED.items() for q in queries]
    assert len({q for _, q in attacks}) == len(attacks), "attacks are distinct"
    bystander = store._driver.session(database=store.database)
    try:
        tx = bystander.begin_transaction()
        assert tx.run("MATCH (n) RETURN count(n) AS n").single(strict=True)["n"] == before["nodes"]
        for group, attack in attacks:
            started = time.perf_counter()
            r = client.post("/cypher", json={"query": attack})
            _assert_refused(r, attack)
            assert time.perf_counter() - started < SETTINGS.cypher_timeout + 30, attack
            try:
                check_read_only(attack)
                outcomes["refused by the server's plan or at run time"] += 1
            except QueryError:
                outcomes["refused by the query text gate"] += 1
            outcomes[f"group: {group}"] += 1
        for name, attack in BOUNDED.items():
            started = time.perf_counter()
            r = client.post("/cypher", json={"query": attack})
            elapsed = time.perf_counter() - started
            assert elapsed < SETTINGS.cypher_timeout + 30, (name, elapsed)
            if r.status_code == 200:
                body = r.json()
                assert body["truncated"] is True, name
                assert len(r.content) < SETTINGS.cypher_max_bytes + 10_000, (name, len(r.content))
                outcomes["huge result cut at the row/byte cap"] += 1
            else:
                _assert_refused(r, attack)
                outcomes["huge result stopped by the deadline or memory cap"] += 1
        # the bystander's transaction was not terminated
        assert tx.run("RETURN 1 AS one").single(strict=True)["one"] == 1
        tx.commit()
    finally:
        bystander.close()
    after = _checksum(store)
    assert after == before
    total = len(attacks) + len(BOUNDED)
    assert total >= 60
    # reads still work after all of it, and the limits answer
    ok = client.post("/cypher", json={"query": "MATCH (a:Actor) RETURN a.id AS id ORDER BY id LIMIT 3"})
    assert ok.status_code == 200 and ok.json()["count"] == 3
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(outcomes.items()))
    print(f"\n/cypher attacks: {total} tried, all refused or bounded; {summary}", file=sys.__stderr__, flush=True)


READS = [
    "MATCH (a:Actor)-[r:DECLINES]->(b:Actor) RETURN a.name AS source, b.name AS target",
    "MATCH (s:Statement) WHERE s.content CONTAINS 'Gaza' AND NOT s.quote RETURN s.id ORDER BY s.id DESC SKIP 1 LIMIT 2",
    "OPTIONAL MATCH (a:Actor {id: $id}) RETURN a.name AS name, a.set AS s, a.`create` AS c",
    "UNWIND [1, 2, 3] AS x WITH x WHERE x > 1 RETURN collect(x) AS xs",
    "MATCH (a:Actor) RETURN a.id AS id UNION MATCH (b:Article) RETURN b.id AS id",
    "CALL db.index.fulltext.queryNodes('statement_content', 'gaza') YIELD node, score RETURN node.id, score",
    "MATCH (a:Actor) RETURN a {.id, set: 1, delete: 2} AS m LIMIT 1",
    "MATCH (a:Actor) WHERE EXISTS { MATCH (a)-[:STATED]->() } RETURN count(a) AS n",
    "RETURN 'CREATE (n); DROP INDEX x // /*' AS text, \"MERGE\" AS m // trailing comment",
    "RETURN CASE WHEN 1 < 2 THEN 'yes' ELSE 'no' END AS answer, 1.5e3 AS f, toUpper('create') AS w",
    "MATCH p = shortestPath((a:Actor {id: 'turkey'})-[*..4]-(b:Actor {id: 'azerbaijan'})) RETURN length(p) AS n",
    "MATCH (n:`Actor`) RETURN count(n) AS `count; DETACH DELETE n`",
]


@pytest.mark.parametrize("store", ["neo4j"], indirect=True)
def test_ordinary_reads_pass_both_gates(neo4j_client: tuple[TestClient, Neo4jStore]) -> None:
    client, _ = neo4j_client
    for query in READS:
        r = client.post("/cypher", json={"query": query, "params": {"id": "turkey"}})
        assert r.status_code == 200, (query, r.text)


def test_the_text_gate_reads_strings_comments_and_backticks() -> None:
    for query in READS:
        check_read_only(query)
    assert [t.kind for t in tokenize("MATCH (n:`a``b`) RETURN $p, 'x\\'y', 1.5")] == [
        "word", "symbol", "word", "symbol", "quoted", "symbol", "word", "param", "symbol", "string", "symbol", "number",
    ]  # fmt: skip
    for attack in [q for queries in REFUSED.values() for q in queries if "USE system" not in q]:
        if attack.startswith(("CALL db.index.fulltext.queryNodes('statement_content', 'x') YIELD", "UNWIND range")):
            continue
        with pytest.raises(QueryError):
            check_read_only(attack)


def test_cypher_is_501_on_stores_without_it_and_bodies_are_checked(store: GraphStore) -> None:
    with local_client(create_app(store=store, settings=SETTINGS)) as c:
        r = c.post("/cypher", json={"query": "RETURN 1 AS x"})
        assert r.status_code in (200, 501)
        for body, ctype in [
            (b'{"query": "RETURN 1"}', "text/plain"),
            (b"query=RETURN+1", "application/x-www-form-urlencoded"),
        ]:
            r = c.post("/cypher", content=body, headers={"content-type": ctype})
            assert r.status_code == 415, r.text
            assert r.headers["content-type"].startswith(PROBLEM)
