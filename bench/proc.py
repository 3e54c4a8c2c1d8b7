"""CPU time, memory and descendants of processes, the CPU model and the machine's description, from
Linux's ``/proc`` (the benchmarks' one reader of it).

``/proc/<pid>/stat`` holds, after the command name in parentheses (which may itself hold spaces
and parentheses, hence the split at the last ``)``), the state, the parent pid, … and at fields
14 and 15 (1-based over the whole line) the user and system CPU time in clock ticks.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import NamedTuple


class Stat(NamedTuple):
    """What the benchmarks read of one process's ``/proc/<pid>/stat``."""

    ppid: int
    ticks: int
    """User + system CPU time of the process itself (not of its children), in clock ticks."""

    @property
    def seconds(self) -> float:
        return self.ticks / os.sysconf("SC_CLK_TCK")


def parse_stat(text: str) -> Stat:
    """The parent pid and CPU ticks of one ``/proc/<pid>/stat`` line.

    >>> parse_stat("42 (a b) c) S 7 42 42 0 -1 4194304 0 0 0 0 250 50 0 0 20 0 1 0 99 0 0")
    Stat(ppid=7, ticks=300)
    """
    fields = text.rsplit(")", 1)[1].split()
    return Stat(ppid=int(fields[1]), ticks=int(fields[11]) + int(fields[12]))


def stat(pid: int | str) -> Stat:
    """:func:`parse_stat` of process ``pid`` now; :class:`OSError` when there is none."""
    return parse_stat(Path(f"/proc/{pid}/stat").read_text())


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of ``pid`` itself (not its children), or None once it is gone."""
    try:
        return stat(pid).seconds
    except OSError:
        return None


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (of every one of its threads); none once it is gone."""
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            out.extend(int(c) for c in (task / "children").read_text().split())
    except OSError:
        pass
    return out


def tree(pid: int) -> list[int]:
    """``pid`` and its live descendants, each once (``pid`` first, even when it is gone)."""
    out: list[int] = []
    todo, seen = [pid], set()
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            out.append(p)
            todo.extend(children(p))
    return out


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by ``pid`` and its live descendants (a server and its workers);
    0 for what is gone."""
    return sum(cpu_seconds(p) or 0.0 for p in tree(pid))


def status_kb(pid: int | str, key: str) -> int:
    """A size of ``/proc/<pid>/status`` in kB (``key``: ``VmRSS``, resident now; ``VmHWM``, its
    peak), 0 when the process or the key is not there."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_model() -> str:
    """The CPU's model name (``/proc/cpuinfo``), ``?`` where it is not said."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def mem_total_gib() -> float:
    """The machine's memory (``MemTotal`` of ``/proc/meminfo``) in GiB, 0 where it is not said."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20
    except (OSError, ValueError):
        pass
    return 0.0


def machine() -> str:
    """One line for a benchmark's output: the platform, CPU model, cores, memory, Python and the
    load average (1, 5, 15 minutes) now."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{platform.platform()}; {cpu_model()}; {os.cpu_count()} cores; {mem_total_gib():.0f} GiB; "
        f"Python {platform.python_version()}; load average {load}"
    )
