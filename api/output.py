"""How the CLI prints: tables (rich), JSON, CSV, and a quiet exit when the reader goes away.

``emit_table`` draws a rich table on a terminal and plain tab-separated lines when stdout is a
pipe, so ``diplograph actors | cut -f1`` works; ``quiet_broken_pipe`` points stdout at
``/dev/null`` after the reader closed it (``diplograph actors --json | head``), so Python does
not print a traceback while flushing on exit.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, Literal

OutputFormat = Literal["table", "json", "csv"]
OUTPUT_FORMATS: tuple[str, ...] = ("table", "json", "csv")


def is_tty() -> bool:
    return sys.stdout.isatty()


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def emit_csv(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """CSV on stdout: header first, text quoted, numbers not (codes stay text)."""
    writer = csv.writer(sys.stdout, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


def emit_table(columns: Sequence[str], rows: Sequence[Sequence[object]], *, title: str | None = None) -> None:
    """A table: rich on a terminal, tab-separated lines with a header otherwise."""
    if not is_tty():
        sys.stdout.write("\t".join(columns) + "\n")
        for row in rows:
            sys.stdout.write("\t".join(_cell(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    Console().print(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def quiet_broken_pipe() -> None:
    """After EPIPE on stdout: send what is left to /dev/null so the exit flush is silent."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout has no file descriptor (captured in tests)
        pass
    finally:
        os.close(devnull)
