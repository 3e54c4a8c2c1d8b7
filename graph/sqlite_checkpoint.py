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

The log only starts again from its beginning when a write transaction *begins* after a checkpoint
has copied every frame. On a slow or busy disk (the checkpoint's ``fsync`` of the database file)
the thread's checkpoint can still be running whenever the writer begins its next batch: the log
then never restarts, grows by a batch each write (4.3 GB at 16,400 articles in one 100k run) and
every page the writer reads is looked up through an ever longer WAL index, until the ingest
all but stops (bench/README.md, "Fourteenth session (writer8)"). :meth:`Checkpointer.settle`
bounds it: once a checkpoint has found :data:`SETTLE_FRAMES` or more frames in the log, the
writer waits for the checkpoints it asked for before it begins the next transaction.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

__all__ = ["BACKSTOP_PAGES", "SETTLE_FRAMES", "Checkpointer"]

log = logging.getLogger("diplograph.sqlite")

BACKSTOP_PAGES = 100_000
"""The writer's own automatic checkpoint threshold while a :class:`Checkpointer` runs (pages
of the log, ~400 MB of 4 KiB pages; SQLite's default is 1,000): reached only when the thread
falls behind by more than about two batches of 200 articles into a 100,000-article store."""

SETTLE_FRAMES = 100_000
"""A log this long when a checkpoint ran (frames, ~400 MB of 4 KiB pages: about one and a half
batches of 400 articles into a 100,000-article store, five at 10,000) makes the writer wait for
the thread before its next transaction (:meth:`Checkpointer.settle`), so the log restarts."""

SETTLE_TIMEOUT = 300.0
"""The longest :meth:`Checkpointer.settle` waits (seconds): a thread that hangs delays the
writer, never stops it (the backstop checkpoint still bounds the log)."""


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
        self.log_frames = 0
        """Frames in the log when the last checkpoint ran (the log's length since it last restarted)."""
        self.settled = 0
        """Times :meth:`settle` waited for the thread."""
        self._done = threading.Condition()
        self._asked = 0  # pokes so far
        self._answered = 0  # pokes whose checkpoint has run (or failed)

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
        with self._done:
            self._asked += 1
        self._wake.set()

    def settle(self, frames: int = SETTLE_FRAMES, timeout: float = SETTLE_TIMEOUT) -> bool:
        """Before the writer begins a transaction: when the last checkpoint found ``frames`` or
        more in the log, wait (up to ``timeout`` seconds) until every checkpoint asked for so far
        has run, so that the transaction begins on a fully copied log and its commit starts the
        log again. True when it waited."""
        if self.log_frames < frames or not self.running:
            return False
        with self._done:
            asked = self._asked
            self._done.wait_for(lambda: self._answered >= asked or not self.running, timeout)
        self.settled += 1
        return True

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
                with self._done:
                    asked = self._asked
                try:
                    row = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                except sqlite3.Error as exc:
                    log.warning("WAL checkpoint failed: %s", exc)
                else:
                    self.log_frames = int(row[1])
                    self.checkpoints += 1
                with self._done:
                    self._answered = asked
                    self._done.notify_all()
        finally:
            conn.close()
            with self._done:
                self._done.notify_all()
