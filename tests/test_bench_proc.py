"""bench/proc.py, the benchmarks' one reader of /proc: the CPU seconds they report come from it."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

from bench import proc

#: A child that burns half a CPU second, says so, then waits for its standard input to close.
_BURN = (
    "import sys, time\n"
    "t = time.process_time()\n"
    "while time.process_time() - t < 0.5: pass\n"
    "print('done', flush=True)\n"
    "sys.stdin.read()\n"
)


def test_the_stat_line_examples() -> None:
    assert doctest.testmod(proc).failed == 0


def test_a_child_s_cpu_counts_in_its_parent_s_tree_and_a_gone_process_reads_none() -> None:
    mine = proc.cpu_seconds(os.getpid())
    assert mine is not None and mine > 0
    child = subprocess.Popen([sys.executable, "-c", _BURN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "done\n"
        burnt = proc.cpu_seconds(child.pid)
        assert burnt is not None and burnt >= 0.45
        assert proc.stat(child.pid).ppid == os.getpid()
        assert child.pid in proc.children(os.getpid())
        assert proc.tree(os.getpid())[0] == os.getpid() and child.pid in proc.tree(os.getpid())
        assert 0 < proc.status_kb(child.pid, "VmRSS") <= proc.status_kb(child.pid, "VmHWM")
        # this process's CPU so far (no less than before) plus the child's (idle now)
        assert proc.tree_cpu_seconds(os.getpid()) >= mine + burnt - 1e-9
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=60)
        assert child.stdout is not None
        child.stdout.close()
    assert proc.cpu_seconds(child.pid) is None  # reaped: its /proc entry is gone
    assert proc.children(child.pid) == []
    assert proc.tree_cpu_seconds(child.pid) == 0.0
    assert proc.tree(child.pid) == [child.pid]
    assert proc.status_kb(child.pid, "VmRSS") == 0


def test_this_process_memory_and_the_cpu_model() -> None:
    assert proc.status_kb("self", "VmRSS") > 10_000  # a Python with pytest loaded: well over 10 MB
    assert proc.status_kb("self", "NoSuchKey") == 0
    model = proc.cpu_model()  # "?" on a machine whose /proc/cpuinfo names none (some ARM kernels)
    assert model == "?" or f"model name\t: {model}\n" in Path("/proc/cpuinfo").read_text()
