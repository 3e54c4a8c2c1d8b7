"""Pause Python's cyclic garbage collector while a read builds many objects at once.

Reading the network of a large store makes tens of thousands of rows, edges and dicts in a
fraction of a second. None of them form reference cycles (reference counting frees them),
but each 700 allocations start a collection, and so many new long-lived objects make the
collector scan the whole heap again and again: a sixth to a third of the CPU time of a
whole-network read or an uncached ``/graph`` (measured in bench/README.md). Inside
:func:`gc_paused` the collector does not run; it runs again when the last thread that paused
it leaves, unless it was off before.

Examples
--------
>>> import gc
>>> with gc_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_restore = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector paused for the ``with`` block (nestable, across threads)."""
    global _depth, _restore
    with _lock:
        if _depth == 0:
            _restore = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _restore:
                gc.enable()
