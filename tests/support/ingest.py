"""Shared helpers of the ingest tests: the extraction fixtures as JSON Lines, a store snapshot."""

from __future__ import annotations

import json
from pathlib import Path

from graph.model import StatementQuery
from graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "extraction"


def fixture_lines() -> list[str]:
    """The extraction fixtures (four languages) as JSON Lines records."""
    lines = []
    for path in sorted(FIXTURES.glob("*/*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        record = {k: raw[k] for k in ("url", "title", "text", "outlet") if raw.get(k)}
        record.update(published=raw["published"], language=raw["lang"])
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def snapshot(store: GraphStore) -> tuple[list[str], list[str], int]:
    """Every statement (whole, as JSON) and every actor, sorted; and the article count."""
    statements = sorted(s.model_dump_json() for s in store.graph_data(StatementQuery()).statements)
    actors = sorted(a.model_dump_json() for a in store.list_actors(limit=100_000))
    return statements, actors, store.counts().articles
