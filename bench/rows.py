"""What the benchmarks measure, as data: each bench records its figures here besides printing them.

A :class:`Figure` is one number a benchmark measured (its key, value, unit, the bench's own label,
the store size or article count it was measured at, and the 1-minute load average when it was
taken). :func:`record` appends one to :data:`FIGURES`, the figures of this process so far;
``bench/table.py`` runs the benches' own functions, then turns :data:`FIGURES` into the rows of
issue 12's table (:class:`Row`, see ``bench/goals.py``). A bench run on its own records too and prints as before.

Keys (``<store>`` is ``sqlite`` or ``neo4j``):

- ``extract/<workload>``: articles/s by CPU time (``extract/<workload>/wall``: by wall time);
- ``ingest/<mode>/<workers>/rate``, ``…/peak_rss``: the CLI ingest's articles/s and peak RSS (MB);
- ``<store>/ingest_cost/<dated today|random date>``: ms per article ingested alone, at ``size`` statements;
- ``neo4j/ingest_many``, ``neo4j/naive``, ``neo4j/writer_ratio``: the writer comparison's medians;
- ``neo4j/bulk_load``, ``neo4j/bulk_ratio``: the bulk load and its ratio to the naive writer;
- ``<store>/ego<depth>/<typical|top>``, ``<store>/by_speaker``, ``<store>/by_target_month``: p95 in ms;
  ``<store>/centrality``: ms (median of cold runs);
- ``api/<scenario>/rps``, ``api/<scenario>/errors``: the load test's requests/s and errors.
"""

from __future__ import annotations

import os

from pydantic import BaseModel


class Figure(BaseModel):
    """One measured number."""

    key: str
    value: float
    unit: str
    what: str = ""
    """The bench's own label for it."""
    size: int | None = None
    """Statements in the store, or articles in the corpus, it was measured at."""
    load: float
    """The 1-minute load average when it was recorded."""


class Row(BaseModel):
    """One row of issue 12's table: what was measured, the figure(s), the goal, whether it was met
    (None: not run), the load average while it ran and, when it was not run, why."""

    number: str = ""
    """The row of the issue's table (1-9; a row measured more than one way: 4a, 4b; per store: 5s, 5n)."""
    what: str
    measured: str
    goal: str
    met: bool | None
    load: str = ""
    reason: str = ""
    """Why it was not run (met is None)."""
    note: str = ""
    """Measured below the issue's size, or the like."""
    figures: list[Figure] = []


#: Every figure recorded in this process, in order.
FIGURES: list[Figure] = []


def record(key: str, value: float, unit: str, what: str = "", size: int | None = None) -> Figure:
    """Record one figure (with the load average now) and return it."""
    fig = Figure(key=key, value=value, unit=unit, what=what, size=size, load=os.getloadavg()[0])
    FIGURES.append(fig)
    return fig


def clear() -> None:
    FIGURES.clear()
