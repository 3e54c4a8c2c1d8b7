"""Export the actor network or its statements: GraphML, GEXF, CSV and JSON Lines.

Graph formats (GraphML, GEXF) write :func:`graph.analytics.build_graph`; table formats
(CSV, JSONL) write one row/line per statement with names next to ids.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from graph.analytics import build_graph
from graph.model import GraphData, TargetRole

ExportFormat = Literal["graphml", "gexf", "csv", "jsonl"]


@dataclass(frozen=True, slots=True)
class FormatInfo:
    media_type: str
    extension: str


FORMATS: dict[str, FormatInfo] = {
    "graphml": FormatInfo("application/graphml+xml", "graphml"),
    "gexf": FormatInfo("application/gexf+xml", "gexf"),
    "csv": FormatInfo("text/csv; charset=utf-8", "csv"),
    "jsonl": FormatInfo("application/jsonl; charset=utf-8", "jsonl"),
}

CSV_COLUMNS = [
    "id", "date", "speaker_id", "speaker", "speaker_mention", "on_behalf_of_id", "on_behalf_of", "relation",
    "cameo", "plover", "quad_class", "goldstein", "target_ids", "targets", "content", "quote", "conditions",
    "negated", "via_id", "via", "language", "confidence", "article_id", "content_start", "content_end",
]  # fmt: skip


def to_graphml(data: GraphData) -> bytes:
    """GraphML of the actor network.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> b"<graphml" in to_graphml(demo_data())
    True
    """
    buf = io.BytesIO()
    nx.write_graphml(build_graph(data), buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(data: GraphData) -> bytes:
    """GEXF of the actor network.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> b"<gexf" in to_gexf(demo_data())
    True
    """
    buf = io.BytesIO()
    nx.write_gexf(build_graph(data), buf, encoding="utf-8")
    return buf.getvalue()


def _rows(data: GraphData) -> list[dict[str, object]]:
    names = {a.id: a.name for a in data.actors}

    def name(i: str | None) -> str:
        return names.get(i, i) if i else ""

    rows: list[dict[str, object]] = []
    for st in data.statements:
        targets = st.target_ids(TargetRole.target)
        rows.append(
            {
                "id": st.id,
                "date": st.date.isoformat(),
                "speaker_id": st.speaker_id or "",
                "speaker": name(st.speaker_id),
                "speaker_mention": st.speaker_mention,
                "on_behalf_of_id": st.on_behalf_of_id or "",
                "on_behalf_of": name(st.on_behalf_of_id),
                "relation": st.relation.value,
                "cameo": st.cameo,
                "plover": st.plover,
                "quad_class": st.quad_class,
                "goldstein": st.goldstein,
                "target_ids": ";".join(targets),
                "targets": ";".join(name(t) for t in targets),
                "content": st.content,
                "quote": st.direct,
                "conditions": ";".join(st.conditions),
                "negated": st.negated,
                "via_id": st.via_id or "",
                "via": name(st.via_id),
                "language": st.language or "",
                "confidence": st.confidence,
                "article_id": st.article_id,
                "content_start": st.content_span.start if st.content_span else "",
                "content_end": st.content_span.end if st.content_span else "",
            }
        )
    return rows


def to_csv(data: GraphData) -> bytes:
    """One CSV row per statement (UTF-8, header first).

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> to_csv(demo_data()).decode().splitlines()[1].split(",")[:2]
    ['demo:1-2', '2026-01-01']
    """
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_rows(data))
    return buf.getvalue().encode("utf-8")


def to_jsonl(data: GraphData) -> bytes:
    """One JSON object per statement per line: the statement plus actor names.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> import json
    >>> json.loads(to_jsonl(demo_data()).splitlines()[0])["on_behalf_of_name"]
    'A'
    """
    names = {a.id: a.name for a in data.actors}
    lines = []
    for st in data.statements:
        obj = st.model_dump(mode="json")
        obj["speaker_name"] = names.get(st.speaker_id or "")
        obj["on_behalf_of_name"] = names.get(st.on_behalf_of_id or "")
        obj["via_name"] = names.get(st.via_id or "")
        for t in obj["targets"]:
            t["name"] = names.get(t["actor_id"], t["actor_id"])
        lines.append(json.dumps(obj, ensure_ascii=False))
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def export(data: GraphData, fmt: ExportFormat) -> bytes:
    """Serialise ``data`` in one of :data:`FORMATS`."""
    writers = {"graphml": to_graphml, "gexf": to_gexf, "csv": to_csv, "jsonl": to_jsonl}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}: {', '.join(writers)}")
    return writers[fmt](data)
