"""Counts kept at ingest in SQLite tables: add signed deltas, drop the rows that reach zero.

Every count table (network, edge and speaks levels; claim counts and their edge level) is
written the same way, so one function does it. Table and column names are constants of the
calling modules, never input; values only as parameters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


def add_counts(
    c: sqlite3.Connection,
    table: str,
    keys: Sequence[str],
    values: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """Add ``rows`` (key values, then value deltas) to ``table``; delete the rows whose first
    value column (the count that says the row exists) fell to zero or below."""
    columns = (*keys, *values)
    c.executemany(
        f"INSERT INTO {table}({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"
        f" ON CONFLICT DO UPDATE SET {', '.join(f'{v} = {v} + excluded.{v}' for v in values)}",
        rows,
    )
    live, n = values[0], len(keys)
    c.executemany(
        f"DELETE FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in keys)} AND {live} <= 0",
        [row[:n] for row in rows if row[n] < 0],
    )
