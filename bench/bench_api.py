"""API load benchmark on loopback: ``diplograph serve --workers N`` next to a bare FastAPI floor.

Usage::

    apt-get install wrk     # Debian's wrk: the load generator (C, so it leaves the cores to the server)
    .venv/bin/python bench/bench_api.py [--articles 2000] [--workers 2] [--connections 32] [--seconds 10]

Builds (once, cached) a SQLite store from ``bench/corpus.py`` articles with the real
``diplograph ingest --workers 2``, starts ``diplograph serve --workers N`` (once as configured,
once without its answer cache, ``DIPLOGRAPH_RESPONSE_CACHE_MB=0``, to show what the handlers
themselves cost) and a bare FastAPI app (``bench/bare_app.py``) under the same uvicorn
settings on free loopback ports, and runs
``wrk`` against each scenario for a bounded time with a fixed number of connections. Prints
requests/s, p50/p95 latency, errors (socket errors and non-2xx/3xx answers) and the server's
CPU per request (user + system of the server process and its workers, from /proc) per scenario,
next to the goal of issue 12 (≥ 1,000 requests/s for ``/statements`` and ``/graph`` reads with
zero errors), with the machine description and its load average. Every request goes to
127.0.0.1 only, and every run stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import rows  # noqa: E402
from bench.bench_ingest import corpus  # noqa: E402
from bench.proc import machine, tree_cpu_seconds  # noqa: E402

GOAL = 1000.0

# wrk: rotate through the paths in PATHS (one per line), optional If-None-Match per path;
# done() prints one JSON line with the figures
LUA = r"""
local paths, tags, i = {}, {}, 0
for line in io.lines(os.getenv("BENCH_PATHS")) do
  local path, tag = line:match("^(%S+)%s*(.*)$")
  paths[#paths + 1] = path
  tags[#tags + 1] = tag
end
request = function()
  i = i % #paths + 1
  local headers = {}
  if tags[i] ~= "" then headers["If-None-Match"] = tags[i] end
  return wrk.format("GET", paths[i], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "p99_ms": %f, "errors": %d, "status_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_store(n: int, folder: Path) -> Path:
    db = folder / f"api-{n}.db"
    if db.exists():
        return db
    path, _ = corpus(n, folder, 12)
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "api.cli", "--store", f"sqlite:///{db}", "ingest", str(path), "--workers", "2"]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"  built {db} from {n:,} articles in {time.perf_counter() - t0:.0f} s", flush=True)
    return db


def wait_up(port: int, proc: subprocess.Popen[bytes], path: str) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("server did not start in 120 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wrk(
    port: int, lines: list[str], *, connections: int, seconds: int, folder: Path, server: int = 0
) -> dict[str, float]:
    """wrk's figures; with ``server`` (its pid), also the server's CPU per request in ms."""
    script, paths = folder / "bench.lua", folder / "paths.txt"
    script.write_text(LUA)
    paths.write_text("\n".join(lines) + "\n")
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
           f"http://127.0.0.1:{port}"]  # fmt: skip
    before = tree_cpu_seconds(server) if server else 0.0
    out = subprocess.run(cmd, env={**os.environ, "BENCH_PATHS": str(paths)}, capture_output=True, text=True, check=True)
    row: dict[str, float] = json.loads(next(line for line in out.stdout.splitlines() if line.startswith("{")))
    row["rps"] = row["requests"] / row["seconds"]
    if server:
        row["cpu_ms"] = (tree_cpu_seconds(server) - before) / max(row["requests"], 1) * 1000
    return row


def report(name: str, row: dict[str, float], goal: bool, key: str = "") -> None:
    """Print one scenario's line; with ``key``, record its requests/s and errors (bench/rows.py
    ``api/<key>/rps``, ``api/<key>/errors``) for bench/table.py."""
    errors = int(row["errors"] + row["status_errors"])
    if key:
        rows.record(f"api/{key}/rps", row["rps"], "req/s", what=name)
        rows.record(f"api/{key}/errors", errors, "errors", what=name)
    mark = ""
    if goal:
        mark = "  goal ≥ 1,000 req/s, 0 errors: " + ("met" if row["rps"] >= GOAL and errors == 0 else "NOT met")
    cpu = f"  server CPU {row['cpu_ms']:5.1f} ms/req" if "cpu_ms" in row else ""
    print(
        f"  {name:<44} {row['rps']:8.0f} req/s  p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms  "
        f"errors {errors}{cpu}{mark}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=2000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--store-dir", type=Path, default=Path(tempfile.gettempdir()) / "diplograph-bench")
    args = p.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("bench_api needs wrk: apt-get install wrk")
    args.store_dir.mkdir(parents=True, exist_ok=True)
    db = build_store(args.articles, args.store_dir)
    print(f"machine: {machine()}")
    measure(db, args.articles, workers=args.workers, connections=args.connections, seconds=args.seconds,
            folder=args.store_dir)  # fmt: skip
    print(f"machine after: {machine()}")
    return 0


def measure(db: Path, articles: int, *, workers: int, connections: int, seconds: int, folder: Path,
            every: bool = True) -> None:  # fmt: skip
    """Serve ``db`` and load it with wrk, scenario by scenario, next to the bare FastAPI floor;
    ``every`` False: only the floor and the two reads the goal names (no cache-less server,
    no 304 scenarios)."""
    conn = sqlite3.connect(db)
    statements = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
    speakers = [r[0] for r in conn.execute(
        "SELECT a.name FROM statements s JOIN actors a ON a.id = s.speaker_id WHERE a.kind = 'person' "
        "GROUP BY a.id ORDER BY count(*) DESC LIMIT 20")]  # fmt: skip
    month = conn.execute("SELECT substr(max(date), 1, 7) FROM statements").fetchone()[0]
    conn.close()
    from urllib.parse import quote

    by_speaker = [f"/statements?speaker={quote(name)}" for name in speakers]
    first_day = f"{month}-01"
    last_day = f"{month}-28"
    graph = f"/graph?from={first_day}&to={last_day}"
    print(f"store: {db} ({articles:,} articles, {statements:,} statements); {workers} worker processes, "
          f"{connections} connections, {seconds} s per scenario (wrk -t2)")  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    uv = ["--host", "127.0.0.1", "--workers", str(workers), "--no-access-log"]
    bare_port, api_port = free_port(), free_port()
    bare = subprocess.Popen([sys.executable, "-m", "uvicorn", "bench.bare_app:app", "--port", str(bare_port), *uv],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    serve = [sys.executable, "-m", "api.cli", "--store", f"sqlite:///{db}", "serve", *uv]
    api = subprocess.Popen([*serve, "--port", str(api_port)], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    # with every: the same server without its answer cache, what every handler costs (ETags and 304s still on)
    plain_port = free_port() if every else 0
    plain = subprocess.Popen([*serve, "--port", str(plain_port)], cwd=ROOT,
                             env={**env, "DIPLOGRAPH_RESPONSE_CACHE_MB": "0"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if every else None  # fmt: skip
    servers = [s for s in (plain, api, bare) if s is not None]
    try:
        wait_up(bare_port, bare, "/ping")
        wait_up(api_port, api, "/health")
        if plain is not None:
            wait_up(plain_port, plain, "/health")
        import httpx

        time.sleep(2)  # every worker up
        tags = {path: httpx.get(f"http://127.0.0.1:{api_port}{path}").headers["etag"]
                for path in [*by_speaker, graph]}  # fmt: skip

        def run(port: int, lines: list[str], server: int) -> dict[str, float]:
            return wrk(port, lines, connections=connections, seconds=seconds, folder=folder, server=server)

        report("floor: bare FastAPI, async def", run(bare_port, ["/ping"], bare.pid), False, "floor")
        if plain is not None:
            report("floor: bare FastAPI, def (threadpool)", run(bare_port, ["/ping-sync"], bare.pid),
                   False, "floor_sync")  # fmt: skip
            report("no answer cache: /statements?speaker=<1 of 20>",
                   run(plain_port, by_speaker, plain.pid), False, "plain_statements")  # fmt: skip
            report("no answer cache: /graph one month", run(plain_port, [graph], plain.pid), False,
                   "plain_graph")  # fmt: skip
        report("/statements?speaker=<one of 20>", run(api_port, by_speaker, api.pid), True, "statements")
        report("/graph one month", run(api_port, [graph], api.pid), True, "graph")
        if every:
            tagged = [f"{p} {tags[p]}" for p in by_speaker]
            report("/statements?speaker=… If-None-Match → 304", run(api_port, tagged, api.pid), True, "statements_304")
            report(
                "/graph one month, If-None-Match → 304",
                run(api_port, [f"{graph} {tags[graph]}"], api.pid),
                True,
                "graph_304",
            )
    finally:
        for server in servers:
            stop(server)


if __name__ == "__main__":
    sys.exit(main())
