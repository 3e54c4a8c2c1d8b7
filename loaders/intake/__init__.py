"""Intake: files, folders, URLs and bytes → :class:`graph.model.Article` (INTERFACE STUB).

- ``load_path(path)``: a file (seed text, .html/.htm, RSS/Atom .xml/.rss/.atom, .jsonl) or a
  folder of them (recursive, sorted); returns one or more Articles.
- ``load_bytes(data, name=..., content_type=None)``: same, from memory (API uploads).
- ``load_url(url)``: fetch a page or feed with httpx.
Each Article has ``text`` (offsets index into it), ``title``, ``url``, ``outlet``,
``language`` (detected when not given), timezone-aware ``published_at``, ``source``.
Anything that is not an article raises :class:`graph.errors.InputError` naming the source.
"""

from __future__ import annotations

from pathlib import Path

from graph.model import Article


def load_path(path: str | Path) -> list[Article]:
    raise NotImplementedError


def load_bytes(data: bytes, *, name: str, content_type: str | None = None) -> list[Article]:
    raise NotImplementedError


def load_url(url: str) -> list[Article]:
    raise NotImplementedError
