"""Store hash: a sha256 over what a SQLite store holds, to show two stores hold the same answers.

Usage::

    .venv/bin/python bench/dbhash.py STORE.db [OTHER.db ...] [--tables]

For every table of the file: each row's columns (``SELECT *``: rowids only where they are a
column, such as ``statements.seq``) are hashed, the row digests sorted and hashed per table,
and the tables' digests hashed together. The full-text index is checked against its content
(FTS5 ``integrity-check``) and hashed by rowid and content; its shadow tables are left out
(their pages depend on the merge history, not on the content). What differs between two runs
of the same corpus without changing an answer is normalised or left out: the article's
``source`` (the corpus file's path: its name is kept) and ``meta.generation`` (how many write
transactions there were), and the voice bits of ``statement_actors.roles`` (graph.sqlite_claims.VOICE:
who of the statement's speakers an actor is, written since the eleventh session; a function of the
``statements`` row, which is hashed — a store written before them holds the same answers). Rows
that differ in layout but not in content — a table rebuilt
with other columns — do hash differently: compare stores of the same schema.

Prints one line per store (its digest, 16 hex digits), and with ``--tables`` each table's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from graph.sqlite_claims import VOICE

FTS = "statements_fts"
_SHADOW = tuple(f"{FTS}_{s}" for s in ("data", "idx", "docsize", "config", "content"))


def _normal_article(data: str) -> str:
    doc = json.loads(data)
    if isinstance(doc, dict) and doc.get("source"):
        doc["source"] = str(doc["source"]).rsplit("/", 1)[-1]  # the corpus file's name (and line)
    if isinstance(doc, dict) and isinstance(doc.get("article"), dict):  # an article revision
        doc["article"] = json.loads(_normal_article(json.dumps(doc["article"])))
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def _cell(value: Any) -> bytes:
    if value is None:
        return b"N"
    if isinstance(value, float):
        return b"F" + value.hex().encode()
    if isinstance(value, int):
        return b"I" + str(value).encode()
    if isinstance(value, bytes):
        return b"B" + value
    return b"T" + str(value).encode()


def _row_digest(row: tuple[Any, ...]) -> bytes:
    h = hashlib.sha256()
    for value in row:
        cell = _cell(value)
        h.update(len(cell).to_bytes(8, "little"))
        h.update(cell)
    return h.digest()


def table_digests(path: Path) -> dict[str, str]:
    """Each table's digest (hex), by name."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not r[0].startswith("sqlite_") and not r[0].startswith(_SHADOW)
        ]
        out: dict[str, str] = {}
        for name in names:
            sql = f"SELECT rowid, content FROM {FTS}" if name == FTS else f'SELECT * FROM "{name}"'
            cur = conn.execute(sql)
            cols = [d[0] for d in cur.description]
            digests: list[bytes] = []
            for row in cur:
                values = list(row)
                if name in ("articles", "article_revisions") and "data" in cols:
                    at = cols.index("data")
                    values[at] = _normal_article(values[at])
                if name == "meta" and values[0] == "generation":
                    continue
                if name == "statement_actors" and "roles" in cols:
                    at = cols.index("roles")
                    values[at] = values[at] & ~VOICE
                digests.append(_row_digest(tuple(values)))
            digests.sort()
            h = hashlib.sha256(",".join(cols).encode())
            for d in digests:
                h.update(d)
            out[name] = f"{h.hexdigest()[:16]} ({len(digests)} rows)"
    finally:
        conn.close()
    return out


def check_fts(path: Path) -> None:
    """FTS5's own check that its index matches the statements' content (raises if not)."""
    conn = sqlite3.connect(path)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (FTS,)).fetchone():
            conn.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('integrity-check')")
    finally:
        conn.close()


def store_digest(path: Path) -> tuple[str, dict[str, str]]:
    check_fts(path)
    tables = table_digests(path)
    h = hashlib.sha256()
    for name, digest in sorted(tables.items()):
        h.update(f"{name}={digest}\n".encode())
    return h.hexdigest()[:16], tables


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("stores", type=Path, nargs="+")
    p.add_argument("--tables", action="store_true", help="print each table's digest too")
    args = p.parse_args(argv)
    for path in args.stores:
        digest, tables = store_digest(path)
        print(f"{digest}  {path}")
        if args.tables:
            for name, d in tables.items():
                print(f"    {name:28} {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
