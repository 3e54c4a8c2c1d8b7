"""Find or start a real Neo4j server for the test session.

In order of preference:

1. ``NEO4J_URI`` (with ``NEO4J_USER`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``) when set;
2. a ``neo4j:5.26-community`` container via testcontainers when a Docker engine answers;
3. ``scripts/neo4j-local.sh start``: a Neo4j Community server from Maven Central jars on
   127.0.0.1, shared by concurrent sessions of this checkout and stopped by the last of
   them if a test session started it (``NEO4J_KEEP_RUNNING=1`` leaves it running).

When none of them works the session fails with the reason (store tests are never skipped).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "neo4j-local.sh"
IMAGE = "neo4j:5.26-community"
CONTAINER_PASSWORD = "diplograph-test"  # Neo4j 5 wants at least 8 characters


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    auth: tuple[str, str] | None
    database: str = "neo4j"


def _announce(line: str) -> None:
    """Write past pytest's output capture so CI logs show where Neo4j came from."""
    stream = sys.__stderr__ or sys.stderr
    print(line, file=stream, flush=True)


def _from_env() -> Neo4jServer | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    user = os.environ.get("NEO4J_USER")
    password = os.environ.get("NEO4J_PASSWORD")
    auth = (user or "neo4j", password) if password else None
    return Neo4jServer(uri=uri, auth=auth, database=os.environ.get("NEO4J_DATABASE", "neo4j"))


def _docker_answers() -> bool:
    """True when a Docker engine answers a ping within two seconds."""
    try:
        import docker

        client = docker.from_env(timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


@contextmanager
def _container() -> Iterator[Neo4jServer]:
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password=CONTAINER_PASSWORD) as container:
        yield Neo4jServer(uri=container.get_connection_url(), auth=(container.username, container.password))


def _script(command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable}
    return subprocess.run(
        ["bash", str(SCRIPT), command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _state_dir() -> Path:
    return Path(os.environ.get("NEO4J_LOCAL_DIR") or ROOT / ".neo4j-local").resolve()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def _users_lock(state: Path) -> Iterator[None]:
    """Serialise "register + start" and "unregister + maybe stop" across test sessions."""
    state.mkdir(parents=True, exist_ok=True)
    with open(state / "users.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _local() -> Iterator[Neo4jServer]:
    """Share one local server between concurrent test sessions of this checkout.

    Every session registers its pid under ``users/``; the last live session stops the
    server if a test session started it (a server started by hand is left running), unless
    ``NEO4J_KEEP_RUNNING=1``.
    """
    port = os.environ.get("NEO4J_BOLT_PORT", "17687")
    state = _state_dir()
    users = state / "users"
    marker = state / "started-by-tests"
    me = users / str(os.getpid())
    with _users_lock(state):
        users.mkdir(parents=True, exist_ok=True)
        me.touch()
        already = _script("status").returncode == 0
        started = _script("start")
        for line in (started.stdout + started.stderr).splitlines():
            _announce(line)
        if started.returncode != 0:
            me.unlink(missing_ok=True)
            raise RuntimeError(
                f"scripts/neo4j-local.sh start failed (exit {started.returncode}):\n{started.stdout}{started.stderr}"
            )
        if not already:
            marker.touch()
    try:
        yield Neo4jServer(uri=f"bolt://127.0.0.1:{port}", auth=None)
    finally:
        with _users_lock(state):
            me.unlink(missing_ok=True)
            others = [p for p in users.iterdir() if p.name.isdigit() and _alive(int(p.name))]
            if not others and marker.exists() and os.environ.get("NEO4J_KEEP_RUNNING") != "1":
                stopped = _script("stop")
                marker.unlink(missing_ok=True)
                for line in (stopped.stdout + stopped.stderr).splitlines():
                    _announce(line)


def _fail(reason: str) -> NoReturn:
    where = "CI=true: a Neo4j server is required" if os.environ.get("CI") == "true" else "no Neo4j server"
    pytest.fail(f"{where}; {reason}", pytrace=False)


@contextmanager
def neo4j_server() -> Iterator[Neo4jServer]:
    """Yield a reachable Neo4j server for the whole session (see module docstring)."""
    server = _from_env()
    if server is not None:
        _announce(f"neo4j: using NEO4J_URI={server.uri} (database {server.database})")
        yield server
        return
    with ExitStack() as stack:
        if _docker_answers():
            _announce(f"neo4j: Docker engine answers; starting {IMAGE} with testcontainers")
            try:
                server = stack.enter_context(_container())
            except Exception as exc:
                _fail(f"testcontainers could not start {IMAGE}: {exc}")
        else:
            _announce("neo4j: no NEO4J_URI and no Docker engine; running scripts/neo4j-local.sh start")
            try:
                server = stack.enter_context(_local())
            except Exception as exc:
                _fail(f"{exc}\nSet NEO4J_URI to a running server, start Docker, or fix the error above.")
        yield server
