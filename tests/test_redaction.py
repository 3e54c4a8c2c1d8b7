"""Credentials in a store URL never reach an error message, a log line or a settings repr."""

from __future__ import annotations

import logging

import pytest
from support.live import free_port

from graph.errors import DiplographError
from graph.factory import open_store, split_credentials
from graph.settings import Settings

SECRET = "s3cr3t-Pa55"


@pytest.mark.parametrize(
    "url",
    [
        f"neo4j://reader:{SECRET}@127.0.0.1:{{port}}",
        f"bolt://reader:{SECRET}@127.0.0.1:{{port}}",
        f"nosuch://reader:{SECRET}@db:7687",
        f"sqlite://reader:{SECRET}@host/x.db",
    ],
)
def test_store_url_credentials_are_never_printed(url: str, caplog: pytest.LogCaptureFixture) -> None:
    url = url.format(port=free_port())
    with caplog.at_level(logging.DEBUG), pytest.raises(DiplographError) as raised:
        open_store(url, settings=Settings(store=url))
    shown = [str(raised.value), repr(raised.value), *(r.getMessage() for r in caplog.records)]
    cause = raised.value.__cause__
    if cause is not None:
        shown.append(str(cause))
    assert not [s for s in shown if SECRET in s], shown
    assert SECRET not in repr(Settings(store=url))


def test_credentials_in_the_url_are_used_as_auth() -> None:
    assert split_credentials(f"neo4j://reader:{SECRET}@db:7687") == ("neo4j://db:7687", ("reader", SECRET))
