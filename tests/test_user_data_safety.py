"""The test suite never deletes a graph it did not create.

A Neo4j server that holds a user's data (no test marker) is refused by the session fixture,
by ``Neo4jStore.claim_for_tests`` and by ``Neo4jStore.wipe``: the data stays as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.neo4j_server import Neo4jServer

from graph.errors import StoreError
from graph.neo4j_store import SCHEMA_MARKS, TEST_MARKER, Neo4jStore

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.neo4j

USER_GRAPH = (
    "CREATE (:Actor {id: 'user-kept-actor', name: 'Kept by the user'}) "
    "CREATE (:Note {text: 'an analyst note that is no diplograph data'})-[:ABOUT]->(:Topic {name: 'ISF'})"
)


def _everything(store: Neo4jStore) -> list[dict[str, Any]]:
    rows = store.run_cypher(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->(m) "
        "RETURN labels(n) AS labels, properties(n) AS props, type(r) AS rel, labels(m) AS to",
        max_rows=10_000,
    )
    return sorted(rows.rows, key=repr)


@pytest.fixture
def user_server(neo4j: Neo4jServer) -> Iterator[Neo4jStore]:
    """The session's server turned, for one test, into a server holding a user's graph (no marker).

    Afterwards exactly what was added here is removed and the session claims the server again.
    """
    store = Neo4jStore(neo4j.uri, auth=neo4j.auth, database=neo4j.database)
    store.wipe(neo4j.owner)
    store.cypher.write(f"MATCH (m:{TEST_MARKER}) DELETE m")
    store.cypher.write(USER_GRAPH)
    try:
        yield store
    finally:
        store.cypher.write("MATCH (n) WHERE n:Note OR n:Topic OR n.id = 'user-kept-actor' DETACH DELETE n")
        store.claim_for_tests(neo4j.owner)
        store.close()


def test_wipe_and_claim_refuse_a_user_graph(user_server: Neo4jStore) -> None:
    before = _everything(user_server)
    assert len(before) == 3
    with pytest.raises(StoreError, match="refusing to wipe"):
        user_server.wipe("any-token")
    with pytest.raises(StoreError, match=r"refusing to use .* 3 nodes that no test run created"):
        user_server.claim_for_tests("any-token")
    assert _everything(user_server) == before


def test_a_server_that_only_had_its_schema_ensured_is_claimed(neo4j: Neo4jServer) -> None:
    """``open_store`` runs ``ensure_schema``, which leaves its bookkeeping nodes (migrations
    done): a benchmark or test run that opens an empty server that way may still claim it."""
    store = Neo4jStore(neo4j.uri, auth=neo4j.auth, database=neo4j.database)
    try:
        store.wipe(neo4j.owner)
        store.cypher.write(f"MATCH (m:{TEST_MARKER}) DELETE m")
        store.ensure_schema()
        marks = store.run_cypher("MATCH (m:Meta) RETURN m.key AS key ORDER BY key").rows
        assert {row["key"] for row in marks} <= set(SCHEMA_MARKS) and marks
        store.claim_for_tests(neo4j.owner)
        store.cypher.write("MERGE (:Meta {key: 'not-ours', note: 'a node no diplograph schema writes'})")
        store.cypher.write(f"MATCH (m:{TEST_MARKER}) DELETE m")
        with pytest.raises(StoreError, match=r"refusing to use .* 1 nodes that no test run created"):
            store.claim_for_tests("any-token")
    finally:
        store.cypher.write("MATCH (m:Meta) DELETE m")
        store.claim_for_tests(neo4j.owner)
        store.close()


def test_wipe_needs_the_owner_token(neo4j: Neo4jServer) -> None:
    """A test database claimed by one run is not wiped with another run's token."""
    store = Neo4jStore(neo4j.uri, auth=neo4j.auth, database=neo4j.database)
    try:
        store.wipe(neo4j.owner)
        store.cypher.write("CREATE (:Actor {id: 'written-by-this-test', name: 'x', kind: 'state', aliases: []})")
        with pytest.raises(StoreError, match="another test run owns it"):
            store.wipe("a-different-run")
        assert store.get_actor("written-by-this-test") is not None
        store.wipe(neo4j.owner)
        assert store.get_actor("written-by-this-test") is None
    finally:
        store.close()


def test_the_suite_refuses_a_server_holding_user_data(user_server: Neo4jStore, neo4j: Neo4jServer) -> None:
    """A whole pytest run pointed at the user's server (NEO4J_URI) fails and leaves the graph intact."""
    before = _everything(user_server)
    env = {
        **os.environ,
        "NEO4J_URI": neo4j.uri,
        "NEO4J_DATABASE": neo4j.database,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if neo4j.auth:
        env.update({"NEO4J_USER": neo4j.auth[0], "NEO4J_PASSWORD": neo4j.auth[1]})
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header",
         "tests/test_store_contract.py", "-k", "neo4j and (ingest_is_idempotent or delete_article)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    out = run.stdout + run.stderr
    assert run.returncode != 0, out
    assert "refusing to use Neo4j database" in out and "no test run created" in out, out
    assert " passed" not in out.splitlines()[-1], out
    assert _everything(user_server) == before
