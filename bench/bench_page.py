"""Time to first render of the network page at scale, in real headless Chromium.

    .venv/bin/python bench/bench_page.py                   # 5,000 actors, 20,000 links
    .venv/bin/python bench/bench_page.py --nodes 1000 --edges 4000 --runs 3

Builds a synthetic SQLite store (tests/support/synthetic.py) under bench/out/, serves it with
uvicorn, opens ``/`` in Debian's chromium and prints, per run: the wall time from navigation
until the graph is drawn and the page is ready (status ``data-ready``, canvas painted), and
the page's own split (``/graph`` request, element build, layout, date filter + label placement),
and the CPU seconds the server and the browser spent until then with the load average: on a
shared machine the wall time is the CPU time stretched by the other processes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import proc  # noqa: E402

if TYPE_CHECKING:
    from support.cdp import Page

PAINTED = """(() => { const c = [...document.querySelectorAll('#cy canvas')];
  return c.some(cv => { const w = Math.min(cv.width, 400), h = Math.min(cv.height, 400);
    const x = Math.floor((cv.width - w) / 2), y = Math.floor((cv.height - h) / 2);
    const d = cv.getContext('2d').getImageData(x, y, w, h).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false; }); })()"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    from support.live import live_server
    from support.synthetic import fill_synthetic

    from graph.sqlite_store import SqliteStore

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    db = out / f"page-{args.nodes}-{args.edges}.db"
    if not db.exists():
        t0 = time.perf_counter()
        tmp_db = db.with_suffix(".part")
        tmp_db.unlink(missing_ok=True)
        with SqliteStore(tmp_db) as store:
            store.ensure_schema()
            counts = fill_synthetic(store, nodes=args.nodes, edges=args.edges)
        tmp_db.replace(db)
        print(f"built {db.name}: {counts} in {time.perf_counter() - t0:.1f} s")
    print(f"page at {args.nodes:,} actors / {args.edges:,} links (synthetic), headless chromium, {args.runs} runs")
    walls: list[float] = []
    cpus: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp), db=db, timeout=120) as url:
        for run in range(1, args.runs + 1):
            with _fresh(Path(tmp), run) as page:
                cpu0 = _cpu()
                t0 = time.perf_counter()
                page.navigate(url + "/")
                page.wait_for("document.querySelector('#status') && document.querySelector('#status').dataset.ready === '1'",
                              timeout=args.timeout)  # fmt: skip
                page.wait_for(PAINTED, timeout=args.timeout)
                wall = time.perf_counter() - t0
                cpu = {k: v - cpu0.get(k, 0.0) for k, v in _cpu().items()}
                walls.append(wall)
                cpus.append(sum(cpu.values()))
                t = page.evaluate("window.diplograph.timings")
                status = page.evaluate("document.querySelector('#status').textContent")
                print(
                    f"run {run}: first render {wall:.2f} s wall | page: /graph {t.get('fetch', 0) / 1000:.2f} s, "
                    f"build {t.get('build', 0) / 1000:.2f} s, layout {t.get('layout', 0) / 1000:.2f} s, "
                    f"filter+labels {t.get('filter', 0) / 1000:.2f} s | {status}"
                )
                print(
                    f"        CPU until drawn: server {cpu.get('server', 0):.2f} s, browser {cpu.get('browser', 0):.2f} s"
                    f" | load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
                )
                # responsiveness once drawn: a date range (brush) and a selection
                t1 = time.perf_counter()
                page.evaluate("window.diplograph.setRange('2025-03-01', '2025-03-31').then(() => true)")
                brush = time.perf_counter() - t1
                print(f"        set a one-month range: {brush * 1000:.0f} ms")
    print(f"time to first render: median {statistics.median(walls):.2f} s, best {min(walls):.2f} s")
    print(
        f"CPU time to first render (server + browser): median {statistics.median(cpus):.2f} s, best {min(cpus):.2f} s"
    )
    return 0


def _cpu() -> dict[str, float]:
    """CPU seconds (user + system) of this process's descendants: the uvicorn server and the browser."""
    procs: dict[int, tuple[int, float, bool]] = {}
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            st = proc.stat(name)
            server = b"uvicorn" in Path(f"/proc/{name}/cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        procs[int(name)] = (st.ppid, st.seconds, server)
    out = {"server": 0.0, "browser": 0.0}
    kind: dict[int, str] = {os.getpid(): "self"}
    changed = True
    while changed:
        changed = False
        for pid, (ppid, _, server) in procs.items():
            if pid not in kind and ppid in kind:
                kind[pid] = "server" if server or kind[ppid] == "server" else "browser"
                changed = True
    for pid, k in kind.items():
        if k != "self":
            out[k] += procs[pid][1]
    return out


def _fresh(tmp: Path, run: int) -> AbstractContextManager[Page]:
    from support.cdp import chromium

    folder = tmp / f"run{run}"
    folder.mkdir()
    return chromium(folder)


if __name__ == "__main__":
    sys.exit(main())
