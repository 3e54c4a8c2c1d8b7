"""Export the actor network or its statements: GraphML, GEXF, CSV, JSON Lines and Parquet.

Graph formats (GraphML, GEXF) write :func:`export_graph`: one node per actor labelled with its
*name* (ids stay as node ids), one edge per statement and target with the statement's date as
``start``/``end``, so the GEXF is *dynamic* (Gephi's timeline works) and the GraphML carries
the same dates. Nodes carry ``start``/``end`` too: the first and last day the actor appears.

Table formats (CSV, JSONL, Parquet) write one row per statement **and target**: a statement
about three targets is three rows sharing ``statement_id``; a statement without a target is one
row with empty ``target_*`` columns. Each row carries the article's URL, outlet and title, the
stance, the language and the evidence offsets. In CSV every text value is quoted and every number
is not, so codes such as CAMEO ``043`` stay text in tools that honour quoting; with pandas read
``pd.read_csv(path, dtype={"cameo": str})`` or use Parquet, which keeps the column types.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.analytics import build_graph
from graph.export_formats import EXPORT_FORMATS as EXPORT_FORMATS
from graph.export_formats import ExportFormat as ExportFormat
from graph.model import ArticleSummary, GraphData, Statement, TargetRole
from graph.service import statement_stance
from graph.store import GraphStore


@dataclass(frozen=True, slots=True)
class FormatInfo:
    media_type: str
    extension: str


FORMATS: dict[str, FormatInfo] = {
    "graphml": FormatInfo("application/graphml+xml", "graphml"),
    "gexf": FormatInfo("application/gexf+xml", "gexf"),
    "csv": FormatInfo("text/csv; charset=utf-8", "csv"),
    "jsonl": FormatInfo("application/jsonl; charset=utf-8", "jsonl"),
    "parquet": FormatInfo("application/vnd.apache.parquet", "parquet"),
}

#: Columns of the CSV and Parquet exports, in order (one row per statement and target).
COLUMNS = [
    "statement_id", "date", "speaker_id", "speaker", "speaker_mention", "on_behalf_of_id", "on_behalf_of",
    "relation", "stance", "cameo", "plover", "quad_class", "goldstein", "target_id", "target", "target_count",
    "content", "quote", "conditions", "negated", "via_id", "via", "language", "confidence",
    "url", "outlet", "title", "published_at", "article_id", "content_start", "content_end",
]  # fmt: skip

_INT_COLUMNS = {"quad_class", "target_count", "content_start", "content_end"}
_FLOAT_COLUMNS = {"goldstein", "confidence"}
_BOOL_COLUMNS = {"quote", "negated"}

Articles = Mapping[str, ArticleSummary]


def articles_for(store: GraphStore, statements: Iterable[Statement]) -> dict[str, ArticleSummary]:
    """The articles of ``statements`` (URL, outlet, title, language, date), by id.

    Few articles are read one by one; many are read from the article list a page at a time.
    """
    wanted = {st.article_id for st in statements}
    out: dict[str, ArticleSummary] = {}
    if len(wanted) <= 200:
        for article_id in sorted(wanted):
            art = store.get_article(article_id)
            if art is not None:
                out[art.id] = ArticleSummary(
                    id=art.id, url=art.url, outlet=art.outlet, title=art.title, language=art.language,
                    published_at=art.published_at,
                )  # fmt: skip
        return out
    offset = 0
    while len(out) < len(wanted):
        page = store.list_articles(limit=1000, offset=offset)
        out.update((a.id, a) for a in page if a.id in wanted)
        if len(page) < 1000:
            break
        offset += 1000
    return out


def export_graph(data: GraphData, articles: Articles | None = None) -> nx.MultiDiGraph:
    """The network of :func:`graph.analytics.build_graph`, dressed for Gephi and yEd.

    Nodes get ``label`` (the actor's name) and ``start``/``end`` (first and last day seen);
    statement edges get ``label`` (the relation), ``start``/``end`` (the statement's day) and
    the article's ``url`` and ``outlet`` where known. ``speaks_for`` edges span the days of the
    statements the person made for that state.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> g = export_graph(demo_data())
    >>> g.nodes["c"]["label"], g.nodes["c"]["start"], g.nodes["c"]["end"]
    ('C', '2026-01-03', '2026-01-04')
    >>> g.edges["c", "a", "demo:3-4"]["start"], g.edges["c", "a", "demo:3-4"]["label"]
    ('2026-01-03', 'criticizes')
    """
    g = build_graph(data, count="reports")  # one edge per statement (its claim id as an attribute)
    arts = articles or {}
    seen: dict[str, list[str]] = {}
    for u, v, key, attrs in g.edges(keys=True, data=True):
        if key == "speaks_for":
            continue
        day = attrs["date"]
        if not day:
            continue  # undated: no start/end, so the edge is there at every time (GEXF's default)
        attrs["start"] = attrs["end"] = day
        attrs["label"] = attrs["relation"]
        art = arts.get(attrs.get("article", ""))
        if art is not None:
            if art.url:
                attrs["url"] = art.url
            if art.outlet:
                attrs["outlet"] = art.outlet
        for n in (u, v):
            seen.setdefault(n, []).append(day)
    for st in data.statements:
        if st.speaker_id and st.on_behalf_of_id and g.has_edge(st.speaker_id, st.on_behalf_of_id, key="speaks_for"):
            edge = g.edges[st.speaker_id, st.on_behalf_of_id, "speaks_for"]
            if st.date is None:
                continue
            day = st.date.isoformat()
            edge["start"] = min(edge.get("start", day), day)
            edge["end"] = max(edge.get("end", day), day)
            edge["label"] = "speaks_for"
            for n in (st.speaker_id, st.on_behalf_of_id):
                seen.setdefault(n, []).append(day)
    for n, attrs in g.nodes(data=True):
        attrs["label"] = attrs.get("name", n)
        days = seen.get(n)
        if days:
            attrs["start"], attrs["end"] = min(days), max(days)
    return g


def to_graphml(data: GraphData, articles: Articles | None = None) -> bytes:
    """GraphML of the actor network: names as labels, dates on nodes and edges.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> g = nx.read_graphml(io.BytesIO(to_graphml(demo_data())))
    >>> g.nodes["a"]["label"], [d["date"] for _, _, d in g.edges(data=True) if d.get("statement") == "demo:3-4"]
    ('A', ['2026-01-03'])
    """
    buf = io.BytesIO()
    nx.write_graphml(export_graph(data, articles), buf, encoding="utf-8")
    return buf.getvalue()


def to_gexf(data: GraphData, articles: Articles | None = None) -> bytes:
    """Dynamic GEXF 1.2 of the actor network (``timeformat="date"``), names as labels.

    Edge ids are ``<statement id>@<target id>`` (``speaks_for@<state>`` for role edges).

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> out = to_gexf(demo_data()).decode()
    >>> 'mode="dynamic"' in out and 'timeformat="date"' in out and 'label="A"' in out
    True
    """
    g = export_graph(data, articles)
    for _, v, key, attrs in g.edges(keys=True, data=True):
        attrs["id"] = f"{key}@{v}"  # unique: a statement with two targets makes two edges
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8")
    return buf.getvalue()


def rows(data: GraphData, articles: Articles | None = None) -> list[dict[str, object]]:
    """One row per statement and target (see the module docstring), keys :data:`COLUMNS`.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> r = rows(demo_data())[2]
    >>> r["statement_id"], r["on_behalf_of"], r["relation"], r["stance"], r["target"], r["cameo"]
    ('demo:3-4', 'C', 'criticizes', 'oppose', 'A', '111')
    """
    names = {a.id: a.name for a in data.actors}
    arts = articles or {}

    def name(i: str | None) -> str:
        return names.get(i, i) if i else ""

    out: list[dict[str, object]] = []
    for st in data.statements:
        art = arts.get(st.article_id)
        targets = list(dict.fromkeys(st.target_ids(TargetRole.target)))
        base: dict[str, object] = {
            "statement_id": st.id,
            "date": st.date.isoformat() if st.date else "",  # "" when undated
            "speaker_id": st.speaker_id or "",
            "speaker": name(st.speaker_id),
            "speaker_mention": st.speaker_mention,
            "on_behalf_of_id": st.on_behalf_of_id or "",
            "on_behalf_of": name(st.on_behalf_of_id),
            "relation": st.relation.value,
            "stance": statement_stance(st),
            "cameo": st.cameo,
            "plover": st.plover,
            "quad_class": st.quad_class,
            "goldstein": st.goldstein,
            "target_count": len(targets),
            "content": st.content,
            "quote": st.direct,
            "conditions": "; ".join(st.conditions),
            "negated": st.negated,
            "via_id": st.via_id or "",
            "via": name(st.via_id),
            "language": st.language or (art.language if art and art.language else ""),
            "confidence": st.confidence,
            "url": art.url or "" if art else "",
            "outlet": art.outlet or "" if art else "",
            "title": art.title if art else "",
            "published_at": art.published_at.isoformat() if art and art.published_at else "",
            "article_id": st.article_id,
            "content_start": st.content_span.start if st.content_span else None,
            "content_end": st.content_span.end if st.content_span else None,
        }
        for target in targets or [""]:
            out.append({**base, "target_id": target, "target": name(target)})
    return [{c: r[c] for c in COLUMNS} for r in out]


def _csv_value(column: str, value: object) -> object:
    if column in _BOOL_COLUMNS:
        return "true" if value else "false"
    if value is None:
        return ""
    return value


def to_csv(data: GraphData, articles: Articles | None = None) -> bytes:
    """CSV of :func:`rows` (UTF-8, header first); text quoted, numbers not.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> lines = to_csv(demo_data()).decode().splitlines()
    >>> lines[0].split(",")[:3]
    ['"statement_id"', '"date"', '"speaker_id"']
    >>> list(csv.DictReader(lines))[2]["cameo"]
    '111'
    """
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows(data, articles):
        writer.writerow([_csv_value(c, r[c]) for c in COLUMNS])
    return buf.getvalue().encode("utf-8")


def to_parquet(data: GraphData, articles: Articles | None = None) -> bytes:
    """Parquet of :func:`rows` with typed columns (dates as dates, codes as strings).

    Examples
    --------
    >>> import pyarrow.parquet as pq
    >>> from graph.analytics import demo_data
    >>> table = pq.read_table(io.BytesIO(to_parquet(demo_data())))
    >>> table.num_rows, str(table.schema.field("cameo").type), str(table.schema.field("date").type)
    (4, 'string', 'date32[day]')
    """
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    def arrow_type(column: str) -> pa.DataType:
        if column in _INT_COLUMNS:
            return pa.int64()
        if column in _FLOAT_COLUMNS:
            return pa.float64()
        if column in _BOOL_COLUMNS:
            return pa.bool_()
        if column == "date":
            return pa.date32()
        return pa.string()

    table_rows = rows(data, articles)
    columns: dict[str, list[object]] = {c: [r[c] for r in table_rows] for c in COLUMNS}
    columns["date"] = [dt.date.fromisoformat(str(d)) if d else None for d in columns["date"]]  # null: undated
    schema = pa.schema([pa.field(c, arrow_type(c)) for c in COLUMNS])
    table = pa.table({c: pa.array(columns[c], type=schema.field(c).type) for c in COLUMNS}, schema=schema)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def to_jsonl(data: GraphData, articles: Articles | None = None) -> bytes:
    """One JSON object per statement per line: the statement, actor names, stance and article.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> first = json.loads(to_jsonl(demo_data()).splitlines()[0])
    >>> first["on_behalf_of_name"], first["stance"], first["targets"][0]["name"]
    ('A', 'support', 'B')
    """
    names = {a.id: a.name for a in data.actors}
    arts = articles or {}
    lines = []
    for st in data.statements:
        obj = st.model_dump(mode="json")
        obj["speaker_name"] = names.get(st.speaker_id or "")
        obj["on_behalf_of_name"] = names.get(st.on_behalf_of_id or "")
        obj["via_name"] = names.get(st.via_id or "")
        obj["stance"] = statement_stance(st)
        for t in obj["targets"]:
            t["name"] = names.get(t["actor_id"], t["actor_id"])
        art = arts.get(st.article_id)
        obj["article"] = art.model_dump(mode="json", exclude={"statements"}) if art else None
        lines.append(json.dumps(obj, ensure_ascii=False))
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def export(data: GraphData, fmt: ExportFormat, articles: Articles | None = None) -> bytes:
    """Serialise ``data`` in one of :data:`FORMATS`; ``articles`` adds URL, outlet and title."""
    writers = {
        "graphml": to_graphml,
        "gexf": to_gexf,
        "csv": to_csv,
        "jsonl": to_jsonl,
        "parquet": to_parquet,
    }
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}: {', '.join(writers)}")
    return writers[fmt](data, articles)


def export_statements(store: GraphStore, statements: list[Statement], fmt: ExportFormat) -> bytes:
    """Export ``statements`` from ``store`` with their actors and articles."""
    return export(store.graph_data_for(statements), fmt, articles_for(store, statements))
