"""``diplograph ingest --dask``: extraction on a Dask cluster, written by the client into a real Neo4j.

Small and quick: eleven fixture articles, two single-threaded workers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.ingest import fixture_lines, snapshot
from support.neo4j_server import Neo4jServer

from api.cli import main
from graph.neo4j_store import Neo4jStore
from graph.settings import get_settings
from graph.sqlite_store import SqliteStore
from loaders.pipeline import ingest_sources


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """About a dozen fixture articles (every fifth) in four languages."""
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(fixture_lines()[::5][:12]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def neo4j_store(neo4j: Neo4jServer, nstore: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> Iterator[Neo4jStore]:
    """An empty Neo4j store; the CLI reaches the same server through the settings."""
    if neo4j.auth:
        monkeypatch.setenv("DIPLOGRAPH_NEO4J_USER", neo4j.auth[0])
        monkeypatch.setenv("DIPLOGRAPH_NEO4J_PASSWORD", neo4j.auth[1])
    monkeypatch.setenv("DIPLOGRAPH_NEO4J_DATABASE", neo4j.database)
    get_settings.cache_clear()
    try:
        yield nstore
    finally:
        get_settings.cache_clear()


@pytest.fixture
def expected(tmp_path: Path, corpus: Path) -> tuple[list[str], list[str], int]:
    """The graph one process makes of the corpus (SQLite)."""
    with SqliteStore(tmp_path / "one.db") as one:
        one.ensure_schema()
        assert not ingest_sources(one, [corpus]).failures
        graph: tuple[list[str], list[str], int] = snapshot(one)
        return graph


def test_dask_local_cluster_ingest_into_neo4j(
    neo4j: Neo4jServer,
    neo4j_store: Neo4jStore,
    corpus: Path,
    expected: tuple[list[str], list[str], int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["--store", neo4j.uri, "ingest", str(corpus), "--dask", "local", "--workers", "2", "--batch-size", "10"]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    articles = len(corpus.read_text(encoding="utf-8").splitlines())
    assert f"store: {articles} articles" in out.out
    assert snapshot(neo4j_store) == expected


def test_dask_scheduler_address(
    neo4j: Neo4jServer, neo4j_store: Neo4jStore, corpus: Path, expected: tuple[list[str], list[str], int]
) -> None:
    """A running cluster is reached by its scheduler address (here an in-process one on loopback)."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        report = ingest_sources(neo4j_store, [corpus], dask=cluster.scheduler_address, batch_size=25)
    assert not report.failures
    assert snapshot(neo4j_store) == expected


def test_dask_needs_an_address(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", f"sqlite:///{tmp_path / 'x.db'}", "ingest", str(corpus), "--dask", "nowhere"]) == 2
    assert "tcp://host:8786" in capsys.readouterr().err
