"""The API's start warms the store up once in the background (GraphStore.warm_up), unless
``Settings.store_warm_up`` is off, and its shutdown never closes the store under a warm-up read."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from support.api import local_client
from support.random_graph import batches

from api.app import create_app
from graph.settings import Settings
from graph.sqlite_store import SqliteStore


@pytest.fixture
def stored(tmp_path: Path) -> str:
    path = tmp_path / "g.db"
    with SqliteStore(path) as store:
        store.ensure_schema()
        assert not store.ingest_many(batches(seed=9, articles=30)).failures
    return f"sqlite:///{path}"


def test_the_api_start_warms_the_store_up(stored: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="diplograph.api")
    with local_client(create_app(settings=Settings(store=stored))) as client:
        assert client.get("/health").status_code == 200  # served while the store warms up
        for _ in range(600):  # the warm-up runs beside the requests; wait for it (at most 60 s)
            if any(r.getMessage().startswith("store warm-up:") for r in caplog.records):
                break
            time.sleep(0.1)
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("store warm-up:")]
    for read in ("pick an actor", "statements by speaker", "the next page", "target + month", "ego network depth 2"):
        assert read in line


def test_the_warm_up_can_be_turned_off(stored: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="diplograph.api")
    with local_client(create_app(settings=Settings(store=stored, store_warm_up=False))) as client:
        assert client.get("/health").status_code == 200
    assert not [r for r in caplog.records if "warm-up" in r.getMessage()]
