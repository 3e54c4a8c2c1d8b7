"""Shared fixtures: the ``store`` fixture is parametrised over every GraphStore.

The Neo4j server comes from ``NEO4J_URI`` if set, else testcontainers when a Docker engine
answers, else ``scripts/neo4j-local.sh`` (a real Neo4j Community server from Maven Central
jars on 127.0.0.1). Under ``CI=true`` a Neo4j that cannot start fails the run. The session
claims the server's database first and wipes nothing else: a ``NEO4J_URI`` holding anyone's
graph fails the run untouched (see ``support/neo4j_server.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from support.neo4j_server import Neo4jServer, neo4j_server

from graph.store import GraphStore

if TYPE_CHECKING:
    from support.cdp import Page

    from graph.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"


@pytest.fixture(scope="session")
def neo4j() -> Iterator[Neo4jServer]:
    with neo4j_server() as server:
        yield server


def _open(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> GraphStore:
    if kind == "sqlite":
        from graph.sqlite_store import SqliteStore

        return SqliteStore(tmp_path / "graph.db")
    return _empty_neo4j(request.getfixturevalue("neo4j"))


def _empty_neo4j(server: Neo4jServer) -> Neo4jStore:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(server.uri, auth=server.auth, database=server.database)
    store.wipe(server.owner)  # each test starts from an empty graph (only ever one this session claimed)
    return store


@pytest.fixture(params=["sqlite", "neo4j"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty store of each kind, schema ensured."""
    s = _open(request.param, request, tmp_path)
    s.ensure_schema()
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def nstore(neo4j: Neo4jServer) -> Iterator[Neo4jStore]:
    """An empty Neo4j store on the session's server, schema ensured, left empty again after the test."""
    store = _empty_neo4j(neo4j)
    store.ensure_schema()
    try:
        yield store
    finally:
        store.wipe(neo4j.owner)
        store.close()


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    """A fresh headless Chromium page (the browser tests)."""
    from support.cdp import chromium

    with chromium(tmp_path) as p:
        yield p


@pytest.fixture
def seed_path() -> Path:
    return SEED
