"""A TestClient that talks to the app the way a local user does: from 127.0.0.1, to 127.0.0.1.

Starlette's default TestClient sends ``Host: testserver`` from the peer ``testclient``;
the API answers only its allowed hosts and, with no API key configured, takes writes only
from loopback clients (``api.security``). Tests of those rules build their own clients.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from starlette.types import ASGIApp

LOCAL_BASE_URL = "http://127.0.0.1:8000"
LOCAL_PEER = ("127.0.0.1", 50000)


def local_client(app: ASGIApp, **kwargs: Any) -> TestClient:
    """``TestClient(app)`` as a client on this machine; use it in a ``with`` block."""
    kwargs.setdefault("base_url", LOCAL_BASE_URL)
    kwargs.setdefault("client", LOCAL_PEER)
    return TestClient(app, **kwargs)
