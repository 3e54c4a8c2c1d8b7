"""Counts kept at ingest in SQLite tables: add signed deltas, drop the rows that reach zero.

Every count table (network, edge and speaks levels; claim counts and their edge level) is
written the same way, so one function does it. Table and column names are constants of the
calling modules, never input; values only as parameters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

#: The float sums (the goldstein sums) and the decimals they are kept to.
SUMS = frozenset({"goldstein_sum"})
DECIMALS = 6
"""A float sum is rounded to ``DECIMALS`` places where it is inserted and after every add, so
its stored value is the one nearest the exact decimal sum, whatever the order and grouping of
the adds: a store is the same bit for bit whatever the batch size it was written with. The
scale's values have one decimal (graph/data/cameo-codes.csv) and every reader rounds a sum to
6 places, so no answer changes; a plain float sum differed in the last bits between groupings."""


def rounded(column: str, value: str) -> str:
    """``value`` (SQL) as stored in ``column``: rounded when the column is a float sum.

    >>> rounded("goldstein_sum", "SUM(goldstein_sum)"), rounded("reports", "?")
    ('round(SUM(goldstein_sum), 6)', '?')
    """
    return f"round({value}, {DECIMALS})" if column in SUMS else value


def add_counts(
    c: sqlite3.Connection,
    table: str,
    keys: Sequence[str],
    values: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
) -> None:
    """Add ``rows`` (key values, then value deltas) to ``table``; delete the rows whose first
    value column (the count that says the row exists) fell to zero or below. Float sums are
    rounded (:data:`DECIMALS`)."""
    columns = (*keys, *values)
    marks = ",".join(["?"] * len(keys) + [rounded(v, "?") for v in values])
    adds = ", ".join(f"{v} = {rounded(v, v + ' + excluded.' + v)}" for v in values)
    c.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks}) ON CONFLICT DO UPDATE SET {adds}", rows)
    live, n = values[0], len(keys)
    c.executemany(
        f"DELETE FROM {table} WHERE {' AND '.join(f'{k} = ?' for k in keys)} AND {live} <= 0",
        [row[:n] for row in rows if row[n] < 0],
    )
