"""The export formats' names, without the exporters (the CLI builds its parser from them at start-up,
so ``diplograph ingest`` and its worker processes do not import networkx for them).

Examples
--------
>>> EXPORT_FORMATS
('graphml', 'gexf', 'csv', 'jsonl', 'parquet')
"""

from __future__ import annotations

from typing import Literal, get_args

ExportFormat = Literal["graphml", "gexf", "csv", "jsonl", "parquet"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)
