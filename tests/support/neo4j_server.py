"""Find or start a real Neo4j server for the test session.

In order of preference:

1. ``NEO4J_URI`` (with ``NEO4J_USER`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``) when set;
2. a ``neo4j:5.26-community`` container via testcontainers when a Docker engine answers;
3. ``scripts/neo4j-local.sh start``: a private Neo4j Community server (Maven Central
   jars) on 127.0.0.1 and a free port (or ``NEO4J_BOLT_PORT``), stopped at the end.
   To reuse one server across runs, start it by hand and set ``NEO4J_URI``.

When none of them works the session fails with the reason (store tests are never skipped).

Tests only ever wipe a database they own: the session claims the server it gets
(:meth:`graph.neo4j_store.Neo4jStore.claim_for_tests` with a token unique to the session),
which a server given by ``NEO4J_URI`` only allows when it is empty or already marked as a
test database; a server holding anyone else's graph fails the session and is left untouched.
Store fixtures wipe with the session's token (``Neo4jServer.owner``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import uuid
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
    owner: str = ""
    """The token this test session claimed the database with (``Neo4jStore.wipe(owner)``)."""


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
    """True when a Docker engine answers a ping (docker SDK) within a few seconds.

    Runs in a child process: a failed ping leaves an unclosed socket behind, which
    pytest (warnings are errors) would report against the first test.
    """
    probe = "import docker, sys; sys.exit(0 if docker.from_env(timeout=3).ping() else 1)"
    try:
        done = subprocess.run(
            [sys.executable, "-W", "ignore", "-c", probe], capture_output=True, timeout=15, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


@contextmanager
def _container() -> Iterator[Neo4jServer]:
    from testcontainers.community.neo4j import Neo4jContainer

    with Neo4jContainer(IMAGE, password=CONTAINER_PASSWORD) as container:
        yield Neo4jServer(uri=container.get_connection_url(), auth=(container.username, container.password))


def _script(command: str, state: Path, port: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable, "NEO4J_LOCAL_DIR": str(state), "NEO4J_BOLT_PORT": str(port)}
    return subprocess.run(
        ["bash", str(SCRIPT), command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reap_orphans(sessions: Path) -> None:
    """Stop servers left behind by test sessions that were killed before their teardown."""
    if not sessions.is_dir():
        return
    for state in sessions.iterdir():
        owner = state.name.split("-", 1)[0]
        if not owner.isdigit() or _alive(int(owner)):
            continue
        port_file = state / "port"
        port = int(port_file.read_text()) if port_file.exists() else 0
        _script("kill", state, port)
        shutil.rmtree(state, ignore_errors=True)


@contextmanager
def _local() -> Iterator[Neo4jServer]:
    """A private server for this test session: its own state directory and a free port.

    Concurrent test sessions (several engineers, one checkout) must not share a database:
    every test wipes it. The server is stopped and its directory removed at the end.
    """
    sessions = ROOT / ".neo4j-local" / "sessions"
    _reap_orphans(sessions)
    port = int(os.environ.get("NEO4J_BOLT_PORT") or _free_port())
    state = sessions / f"{os.getpid()}-{port}"
    state.mkdir(parents=True, exist_ok=True)
    (state / "port").write_text(str(port))
    try:
        started = _script("start", state, port)
        for line in (started.stdout + started.stderr).splitlines():
            _announce(line)
        if started.returncode != 0:
            raise RuntimeError(
                f"scripts/neo4j-local.sh start failed (exit {started.returncode}):\n{started.stdout}{started.stderr}"
            )
        yield Neo4jServer(uri=f"bolt://127.0.0.1:{port}", auth=None)
    finally:
        stopped = _script("kill", state, port)  # throwaway data: no clean shutdown needed
        for line in (stopped.stdout + stopped.stderr).splitlines():
            _announce(line)
        shutil.rmtree(state, ignore_errors=True)


def _fail(reason: str) -> NoReturn:
    where = "CI=true: a Neo4j server is required" if os.environ.get("CI") == "true" else "no Neo4j server"
    pytest.fail(f"{where}; {reason}", pytrace=False)


def claim(server: Neo4jServer) -> Neo4jServer:
    """Claim the server's database for this session (refused when it holds foreign data)."""
    from graph.errors import StoreError
    from graph.neo4j_store import Neo4jStore

    owner = f"pytest-{os.getpid()}-{uuid.uuid4().hex}"
    store = Neo4jStore(server.uri, auth=server.auth, database=server.database)
    try:
        store.claim_for_tests(owner)
    except StoreError as exc:
        pytest.fail(str(exc), pytrace=False)
    finally:
        store.close()
    return Neo4jServer(uri=server.uri, auth=server.auth, database=server.database, owner=owner)


@contextmanager
def neo4j_server() -> Iterator[Neo4jServer]:
    """Yield a reachable Neo4j server, claimed by this session, for the whole session (see module docstring)."""
    server = _from_env()
    if server is not None:
        _announce(f"neo4j: using NEO4J_URI={server.uri} (database {server.database}) if it is empty or a test database")
        yield claim(server)
        return
    with ExitStack() as stack:
        error = ""
        if _docker_answers():
            _announce(f"neo4j: Docker engine answers; starting {IMAGE} with testcontainers")
            try:
                server = stack.enter_context(_container())
            except Exception as exc:
                error = f"testcontainers could not start {IMAGE}: {exc}"
        else:
            _announce("neo4j: no NEO4J_URI and no Docker engine; running scripts/neo4j-local.sh start")
            try:
                server = stack.enter_context(_local())
            except Exception as exc:
                error = f"{exc}\nSet NEO4J_URI to a running server, start Docker, or fix the error above."
        if server is None:
            _fail(error or "no server")
        yield claim(server)
