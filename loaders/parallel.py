"""Where extraction runs: this process, a local process pool, or a Dask cluster.

Every engine is a :class:`concurrent.futures.Executor` (Dask's through
``Client.get_executor()``), and :func:`bounded_map` feeds it from a lazy iterator while
keeping at most ``window`` tasks in flight, so a corpus of any size streams through in
bounded memory and results come back in input order. Nothing here queues, schedules or
moves data itself: the pool and Dask do.

Examples
--------
>>> from concurrent.futures import ThreadPoolExecutor
>>> with ThreadPoolExecutor(2) as pool:
...     list(bounded_map(pool, abs, iter([-3, 1, -2]), window=2))
[3, 1, 2]
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from graph.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")


def bounded_map(executor: Executor, fn: Callable[[T], R], items: Iterable[T], *, window: int) -> Iterator[R]:
    """``fn`` over ``items`` on ``executor``, in order, with at most ``window`` tasks submitted
    and not yet consumed. ``items`` is read only as fast as results are consumed."""
    if window < 1:
        raise ValueError("window must be at least 1")
    pending: deque[Future[R]] = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # the consumer stopped early (an error, a break): drop the rest
            future.cancel()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last may be shorter), read lazily.

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _lower_priority(nice: int) -> None:
    """A pool worker's initializer: run ``nice`` steps below the process that started it."""
    if nice:
        os.nice(nice)


@contextmanager
def process_pool(workers: int, *, nice: int = 0) -> Iterator[Executor]:
    """A pool of ``workers`` fresh interpreter processes (``spawn``: nothing of this process's
    open stores, drivers or threads is inherited), each ``nice`` steps below this process's
    scheduling priority (POSIX ``nice``; 0 keeps it)."""
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_lower_priority,
        initargs=(nice,),
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def dask_executor(address: str, *, workers: int | None = None, processes: bool = True) -> Iterator[Executor]:
    """An executor on a Dask cluster: ``"local"`` starts a :class:`distributed.LocalCluster`
    (``workers`` single-threaded workers, processes unless ``processes=False``, no dashboard),
    anything else is a scheduler address such as ``tcp://scheduler:8786``. Needs the ``dask``
    extra; the workers need diplograph installed (they import :mod:`loaders.pipeline`)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("--dask needs Dask: pip install 'diplograph[dask]'") from exc
    if address == "local":
        with (
            LocalCluster(
                n_workers=workers or None, threads_per_worker=1, processes=processes, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client.get_executor()
        return
    if "://" not in address:
        raise ConfigError(f"--dask takes 'local' or a scheduler address like tcp://host:8786, not {address!r}")
    with Client(address) as client:
        yield client.get_executor()
