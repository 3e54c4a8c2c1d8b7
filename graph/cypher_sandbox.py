"""Run a user's read-only Cypher in a child process with a hard deadline and a result cap.

The server's transaction timeout stops a slow *query*, but not a fast query with a huge
result: one row of ``range(1, 20000000)`` arrives as one Bolt message that the driver
decodes for tens of seconds into a gigabyte of Python objects. So user queries run in a
worker process (one at a time per worker, ``spawn``-started, its address space capped):

- the worker streams records one by one, measures each row as JSON and stops at
  ``max_rows`` rows or ``max_bytes`` bytes; it then answers and exits without draining the
  rest (the server ends the transaction when the connection drops);
- the parent waits ``timeout`` plus a short grace; a worker that has not answered by then
  (or that died) is killed, and the caller gets :class:`QueryError`. A new worker starts
  for the next query. The API process never holds the result beyond ``max_bytes``.

Workers open their own driver from the store's URL and credentials (never logged).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from graph.errors import QueryError, StoreError

GRACE_SECONDS = 3.0
"""How long past the transaction timeout the parent waits before it kills a worker."""

STARTUP_SECONDS = 60.0
"""How long a new worker may take to start (import the driver) before it counts as broken."""

WORKER_MEMORY_BYTES = 2 * 1024**3
"""Address-space cap of a worker process."""


@dataclass(frozen=True)
class CypherRows:
    rows: list[dict[str, Any]]
    truncated: bool
    """True when ``max_rows`` or ``max_bytes`` stopped the result."""
    size: int
    """JSON bytes of ``rows`` (values the JSON encoder does not know count as their ``str``)."""


@dataclass(frozen=True)
class _Target:
    uri: str
    auth: tuple[str, str] | None
    database: str


def _error_message(exc: BaseException) -> str:
    """A client-facing message: the server's first line, without our wrapping or a stack."""
    from neo4j import exceptions as neo4j_errors

    if isinstance(exc, neo4j_errors.Neo4jError):
        code = exc.code or ""
        if "TimedOut" in code or "Terminated" in code:
            return "the query timed out (transaction time limit reached)"
        if "MemoryPoolOutOfMemory" in code or "OutOfMemory" in code:
            return "the query needs more memory than the server allows (make the result smaller)"
        first = (exc.message or "").strip().splitlines()
        return f"{code.rsplit('.', 1)[-1] or 'error'}: {first[0][:300] if first else 'the server refused the query'}"
    return type(exc).__name__


def _serve(conn: Connection, target: _Target, memory: int) -> None:  # pragma: no cover - runs in the child
    """Worker loop: one request at a time until the parent closes the pipe."""
    import resource

    from neo4j import READ_ACCESS, GraphDatabase, Query
    from neo4j import exceptions as neo4j_errors

    from graph.neo4j_store import plain

    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    driver = GraphDatabase.driver(target.uri, auth=target.auth, notifications_min_severity="OFF")
    conn.send("ready")  # the parent's deadline for a query starts only now
    try:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            query, params, max_rows, max_bytes, timeout = request
            try:
                rows: list[dict[str, Any]] = []
                size = 2
                truncated = False
                with driver.session(database=target.database, default_access_mode=READ_ACCESS) as session:
                    result = session.run(Query(query, timeout=timeout), params)
                    for record in result:
                        if len(rows) >= max_rows:
                            truncated = True
                            break
                        row = {k: plain(v) for k, v in dict(record).items()}
                        cost = len(json.dumps(row, ensure_ascii=False, default=str).encode()) + 1
                        if size + cost > max_bytes:
                            truncated = True
                            break
                        rows.append(row)
                        size += cost
                    if truncated:
                        # Closing the session would drain the rest of the result (up to the
                        # timeout). Answer, then leave: the server ends the transaction when
                        # the connection drops, and the parent starts a fresh worker.
                        conn.send({"ok": True, "rows": rows, "truncated": True, "size": size})
                        conn.close()
                        os._exit(0)
                conn.send({"ok": True, "rows": rows, "truncated": False, "size": size})
            except neo4j_errors.ClientError as exc:
                conn.send({"ok": False, "kind": "query", "message": _error_message(exc)})
            except MemoryError:
                conn.send({"ok": False, "kind": "query", "message": "the result is too large"})
            except (neo4j_errors.Neo4jError, neo4j_errors.DriverError) as exc:
                conn.send({"ok": False, "kind": "store", "message": _error_message(exc)})
    finally:
        driver.close()


class _Worker:
    def __init__(self, target: _Target, memory: int) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(
            target=_serve, args=(child, target, memory), name="diplograph-cypher", daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        try:
            self.ready = self.conn.poll(STARTUP_SECONDS) and self.conn.recv() == "ready"
        except (EOFError, OSError):
            self.ready = False
        if not self.ready:
            self.kill()
            raise StoreError("could not start a Cypher worker process")

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        self.conn.close()
        self.process.join(5)
        if self.process.is_alive():
            self.kill()


class CypherSandbox:
    """A small pool of worker processes running user Cypher for one Neo4j database."""

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None,
        database: str,
        *,
        workers: int = 2,
        memory: int = WORKER_MEMORY_BYTES,
    ) -> None:
        self._target = _Target(uri, auth, database)
        self._memory = memory
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def run(self, query: str, params: dict[str, Any], *, max_rows: int, max_bytes: int, timeout: float) -> CypherRows:
        """Rows of ``query`` (already checked read-only), within every limit, or :class:`QueryError`."""
        if not self._slots.acquire(timeout=timeout):
            raise StoreError("Cypher workers are busy; try again")
        try:
            worker = self._take()
            worker.wait_ready()
            try:
                worker.conn.send((query, params, max_rows, max_bytes, timeout))
                ready = worker.conn.poll(timeout + GRACE_SECONDS)
                reply: dict[str, Any] | None = worker.conn.recv() if ready else None
            except (EOFError, OSError):
                reply = None
            if reply is None:
                worker.kill()
                raise QueryError(
                    f"the query timed out: no complete answer within {timeout:g} s (a result too large to "
                    "stream counts too); add LIMIT or return fewer values"
                )
            if reply.get("truncated"):
                worker.kill()  # it left without draining the result (see _serve)
            else:
                self._give_back(worker)
        finally:
            self._slots.release()
        if not reply["ok"]:
            error = QueryError if reply["kind"] == "query" else StoreError
            raise error(f"Cypher query failed: {reply['message']}")
        return CypherRows(rows=reply["rows"], truncated=reply["truncated"], size=reply["size"])

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                worker.close()
        return _Worker(self._target, self._memory)

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if self._closed:
                worker.close()
            else:
                self._idle.append(worker)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.close()
