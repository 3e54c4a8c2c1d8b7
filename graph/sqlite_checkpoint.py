"""Checkpoint a SQLite store's write-ahead log in a thread beside its one writer.

In WAL mode a commit appends the pages it changed to the ``-wal`` file; a *checkpoint* copies
them back into the database file. By default the committing connection does that itself as
soon as the log passes 1,000 pages, i.e. after every ingest batch: the writer reads every
frame it just wrote back from the log and writes it into the file before it can start on
the next batch — about a third of the writer's commit time at 100,000 articles, where a
batch of 200 articles changes ~43,000 pages (bench/README.md, "Eighth session (ingest100k)").

:class:`Checkpointer` runs those checkpoints on its own connection in a thread instead:
the writer pokes it after each commit and goes on; the thread's ``PASSIVE`` checkpoint never
takes the write lock, and SQLite releases Python's GIL while it copies pages, so it runs on
another core while the writer regroups the next batch's claims. Once the thread has copied
every frame, the writer's next transaction starts the log from its beginning again, so the
file stays about one batch long; the writer keeps its own automatic checkpoint as a backstop
(:data:`BACKSTOP_PAGES`) for a log the thread cannot keep up with. Checkpoints move pages,
never content: readers see the same rows either way.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

__all__ = ["BACKSTOP_PAGES", "Checkpointer"]

log = logging.getLogger("diplograph.sqlite")

BACKSTOP_PAGES = 100_000
"""The writer's own automatic checkpoint threshold while a :class:`Checkpointer` runs (pages
of the log, ~400 MB of 4 KiB pages; SQLite's default is 1,000): reached only when the thread
falls behind by more than about two batches of 200 articles into a 100,000-article store."""


class Checkpointer:
    """A thread that runs ``PRAGMA wal_checkpoint(PASSIVE)`` on its own connection each time
    it is poked; started by the first :meth:`poke`, stopped (and joined) by :meth:`close`.

    ``connect`` opens the thread's connection (in the thread). A checkpoint that fails (the
    file went away, a disk error) is logged and the thread waits for the next poke: the
    writer's own checkpoint (:data:`BACKSTOP_PAGES`) still bounds the log.
    """

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._wake = threading.Event()
        self._stop = False
        self._thread: threading.Thread | None = None
        self.checkpoints = 0
        """Checkpoints run so far (each copies the frames committed before it started)."""

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def poke(self) -> None:
        """Ask for a checkpoint of what is committed now (the thread starts on the first call)."""
        if self._stop:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)
            self._thread.start()
        self._wake.set()

    def close(self) -> None:
        """Stop the thread after the checkpoint it is running, if any."""
        self._stop = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            log.warning("WAL checkpoint thread could not open the store: %s", exc)
            return
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stop:
                    return
                try:
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:
                    log.warning("WAL checkpoint failed: %s", exc)
                    continue
                self.checkpoints += 1
        finally:
            conn.close()
