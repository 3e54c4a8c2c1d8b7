"""Issue 12's table: its rows, their goals, and whether the recorded figures meet them.

:func:`issue_rows` turns the figures the benches recorded (bench/rows.py) into one :class:`Row`
per row of the issue (the store rows once per store), deciding met / not met from the numbers
alone. A row without its figures is "not run", with the reason the runner gives for its group
(see :data:`GROUPS`), never a made-up figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from bench.rows import Figure, Row

#: Sizes the issue's goals are stated at.
ISSUE_ARTICLES = 100_000
ISSUE_STATEMENTS = 1_000_000

#: The groups a run selects (bench/table.py --only / --skip), each one bench's part of the table.
GROUPS = ("extract", "ingest", "sqlite", "neo4j", "bulk", "api")

STORES = (("sqlite", "SQLite"), ("neo4j", "Neo4j"))


@dataclass(frozen=True)
class Goal:
    """A threshold: ``value <= limit`` when ``most``, else ``value >= limit``."""

    limit: float
    most: bool

    def met(self, value: float) -> bool:
        return value <= self.limit if self.most else value >= self.limit


EXTRACT = Goal(150.0, most=False)
CLI_RATE = Goal(200.0, most=False)
CLI_RSS_MB = Goal(1024.0, most=True)
GROWTH = Goal(2.0, most=True)
NEO4J_RATE = Goal(20_000.0, most=False)
NEO4J_RATIO = Goal(20.0, most=False)
EGO = {1: Goal(100.0, most=True), 2: Goal(200.0, most=True)}
CENTRALITY_MS = Goal(1000.0, most=True)
BY_SPEAKER = Goal(20.0, most=True)
BY_TARGET_MONTH = Goal(50.0, most=True)
API_RPS = Goal(1000.0, most=False)


class Figures:
    """The recorded figures, looked up by key (the last one recorded under a key wins)."""

    def __init__(self, figures: Iterable[Figure]) -> None:
        self.all = list(figures)
        self.by_key = {f.key: f for f in self.all}

    def get(self, key: str) -> Figure | None:
        return self.by_key.get(key)

    def every(self, key: str) -> list[Figure]:
        return [f for f in self.all if f.key == key]


def loads(figs: Sequence[Figure]) -> str:
    """The 1-minute load averages of ``figs``: one value, or the lowest–highest."""
    if not figs:
        return ""
    lo, hi = min(f.load for f in figs), max(f.load for f in figs)
    return f"{lo:.1f}" if f"{lo:.1f}" == f"{hi:.1f}" else f"{lo:.1f}–{hi:.1f}"


def _size_note(size: int | None, issue: int, unit: str) -> str:
    if size is None or size >= issue:
        return ""
    return f"measured at {size:,} {unit}, the issue's goal is at {issue:,}"


def _not_run(what: str, goal: str, reason: str, load: str = "") -> Row:
    """A row without its figures: "not run" and why."""
    return Row(what=what, measured=f"not run: {reason}", goal=goal, met=None, reason=reason, load=load)


def _row(what: str, goal: str, figs: Sequence[Figure | None], build: Callable[..., tuple[str, bool]],
         reason: str, note: str = "") -> Row:  # fmt: skip
    """A row from its figures (``build(*figs)`` gives the measured text and met), or "not run"."""
    if any(f is None for f in figs):
        return _not_run(what, goal, reason)
    got = [f for f in figs if f is not None]
    measured, met = build(*got)
    return Row(what=what, measured=measured, goal=goal, met=met, load=loads(got), note=note, figures=got)


def extraction(figs: Figures, reason: str) -> Row:
    def build(cpu: Figure) -> tuple[str, bool]:
        return f"{cpu.value:,.1f} articles/s (CPU time; {cpu.what})", EXTRACT.met(cpu.value)

    return _row("extraction, 500-word articles, one core (in-process)", "≥ 150 articles/s per core",
                [figs.get("extract/news500")], build, reason)  # fmt: skip


def cli_ingest(figs: Figures, reason: str) -> Row:
    rate, rss, failures = (figs.get(f"ingest/pool/2/{k}") for k in ("rate", "peak_rss", "failures"))

    def build(rate: Figure, rss: Figure, failures: Figure) -> tuple[str, bool]:
        text = f"{rate.value:,.1f} articles/s, peak RSS {rss.value:,.0f} MB, {failures.value:.0f} failed articles"
        return text, CLI_RATE.met(rate.value) and CLI_RSS_MB.met(rss.value)

    note = _size_note(rate.size if rate else None, ISSUE_ARTICLES, "articles")
    return _row("CLI ingest into SQLite, end to end, --workers 2", "≥ 200 articles/s; peak RSS ≤ 1 GB at 100k",
                [rate, rss, failures], build, reason, note)  # fmt: skip


def ingest_growth(figs: Figures, reason: str) -> Row:
    """Row 3: ms per article ingested alone at the smallest and the largest store size, per
    placement of the article (dated today in a feed, a random date). Met when the ratio of the
    feed's article ("dated today") is ≤ 2: bench_scale fills in date order, so that article lands
    in a week as full at 10k as at 1M, and the ratio is the store's size alone. The random-date
    article (an archive back-fill) lands in an empty week at 10k and a full one at 1M: its ratio
    is the week's density too, printed beside it, and decides only when it is the one series
    (an ``--archive`` fill)."""
    what, goal = "SQLite ingest cost as the store grows (10k / 100k / 1M statements)", "flat: ≤ 2× from 10k to 1M"
    series = {  # one figure per store size, the last one recorded at it
        label: sorted({f.size or 0: f for f in figs.every(f"sqlite/ingest_cost/{label}")}.values(),
                      key=lambda f: f.size or 0)
        for label in ("dated today", "random date")
    }  # fmt: skip
    series = {label: s for label, s in series.items() if s}
    if not series:
        return _not_run(what, goal, reason)
    sizes = sorted({f.size or 0 for s in series.values() for f in s})
    if len(sizes) < 2:
        why = f"one store size only ({sizes[0]:,} statements): --statements above 10,000 measures two"
        return _not_run(what, goal, why, loads([f for s in series.values() for f in s]))
    parts, ratios = [], {}
    for label, s in series.items():
        ratio = s[-1].value / s[0].value if s[0].value else float("inf")
        ratios[label] = ratio
        aside = " — its week's density grows too" if label == "random date" and len(series) > 1 else ""
        parts.append(f"{label} {' / '.join(f'{f.value:.2f}' for f in s)} ms ({ratio:.1f}×{aside})")
    measured = "; ".join(parts) + f" at {' / '.join(f'{n:,}' for n in sizes)} statements"
    got = [f for s in series.values() for f in s]
    note = _size_note(sizes[-1], ISSUE_STATEMENTS, "statements")
    deciding = ratios.get("dated today", ratios.get("random date", float("inf")))
    return Row(what=what, measured=measured, goal=goal, met=GROWTH.met(deciding), load=loads(got), note=note,
               figures=got)  # fmt: skip


def neo4j_writers(figs: Figures, reason: str) -> Row:
    def build(fast: Figure, naive: Figure, ratio: Figure) -> tuple[str, bool]:
        text = (
            f"ingest_many {fast.value:,.0f} statements/s, naive writer {naive.value:,.0f}/s: {ratio.value:.1f}× "
            "(medians, same run)"
        )
        return text, NEO4J_RATE.met(fast.value) and NEO4J_RATIO.met(ratio.value)

    keys = ("neo4j/ingest_many", "neo4j/naive", "neo4j/writer_ratio")
    return _row("Neo4j ingest (ingest_many)", "≥ 20,000 statements/s, ≥ 20× the naive writer, same run",
                [figs.get(k) for k in keys], build, reason)  # fmt: skip


def neo4j_bulk(figs: Figures, reason: str) -> Row:
    def build(rate: Figure, ratio: Figure) -> tuple[str, bool]:
        text = f"{rate.value:,.0f} statements/s ({rate.size or 0:,} statements, whole path), {ratio.value:.0f}× naive"
        return text, NEO4J_RATE.met(rate.value) and NEO4J_RATIO.met(ratio.value)

    rate = figs.get("neo4j/bulk_load")
    note = _size_note(rate.size if rate else None, ISSUE_STATEMENTS, "statements")
    return _row("Neo4j ingest (bulk load, neo4j-admin import)", "≥ 20,000 statements/s, ≥ 20× the naive writer",
                [rate, figs.get("neo4j/bulk_ratio")], build, reason, note)  # fmt: skip


def _size_of(figs: Sequence[Figure | None]) -> int | None:
    return next((f.size for f in figs if f is not None and f.size is not None), None)


def ego(figs: Figures, store: str, label: str, depth: int, reason: str) -> Row:
    goal = EGO[depth]

    def build(typical: Figure, top: Figure) -> tuple[str, bool]:
        text = f"p95 {typical.value:,.0f} / {top.value:,.0f} ms (typical / top actor)"
        return text, goal.met(max(typical.value, top.value))

    got = [figs.get(f"{store}/ego{depth}/{who}") for who in ("typical", "top")]
    size = _size_of(got)
    return _row(f"ego network depth {depth} at {size or ISSUE_STATEMENTS:,} statements ({label})",
                f"p95 ≤ {goal.limit:.0f} ms at 1M", got, build, reason,
                _size_note(size, ISSUE_STATEMENTS, "statements"))  # fmt: skip


def centrality(figs: Figures, store: str, label: str, reason: str) -> Row:
    def build(ms: Figure) -> tuple[str, bool]:
        return f"{ms.value:,.0f} ms (median of 3 cold runs)", CENTRALITY_MS.met(ms.value)

    got = [figs.get(f"{store}/centrality")]
    size = _size_of(got)
    return _row(f"centrality over all statements ({label})", "≤ 1 s at 1M", got, build, reason,
                _size_note(size, ISSUE_STATEMENTS, "statements"))  # fmt: skip


def pages(figs: Figures, store: str, label: str, reason: str) -> Row:
    def build(speaker: Figure, target: Figure) -> tuple[str, bool]:
        text = f"p95 {speaker.value:,.1f} / {target.value:,.1f} ms"
        return text, BY_SPEAKER.met(speaker.value) and BY_TARGET_MONTH.met(target.value)

    got = [figs.get(f"{store}/by_speaker"), figs.get(f"{store}/by_target_month")]
    size = _size_of(got)
    return _row(f"statements by speaker / by target + month at {size or ISSUE_STATEMENTS:,} ({label})",
                "p95 ≤ 20 ms / ≤ 50 ms", got, build, reason,
                _size_note(size, ISSUE_STATEMENTS, "statements"))  # fmt: skip


def api(figs: Figures, reason: str) -> Row:
    keys = ("statements/rps", "graph/rps", "statements/errors", "graph/errors", "floor/rps")

    def build(st: Figure, graph: Figure, st_err: Figure, graph_err: Figure, floor: Figure) -> tuple[str, bool]:
        errors = st_err.value + graph_err.value
        text = (
            f"/statements {st.value:,.0f} req/s, /graph {graph.value:,.0f} req/s, {errors:.0f} errors "
            f"(floor: bare FastAPI {floor.value:,.0f} req/s)"
        )
        return text, API_RPS.met(st.value) and API_RPS.met(graph.value) and errors == 0

    return _row("API under load on loopback, 32 clients", "≥ 1,000 req/s for /statements and /graph, 0 errors",
                [figs.get(f"api/{k}") for k in keys], build, reason)  # fmt: skip


def issue_rows(figures: Iterable[Figure], reasons: dict[str, str]) -> list[Row]:
    """Every row of the issue's table from ``figures``; ``reasons``: why a group (of
    :data:`GROUPS`, or ``sqlite_fill`` / ``neo4j_fill`` for the rows a --queries-only run does not
    measure) has no figures."""
    figs = Figures(figures)

    def why(*groups: str) -> str:
        return next((reasons[g] for g in groups if g in reasons), "no figure recorded")

    out = [
        ("1", extraction(figs, why("extract"))),
        ("2", cli_ingest(figs, why("ingest"))),
        ("3", ingest_growth(figs, why("sqlite", "sqlite_fill"))),
        ("4a", neo4j_writers(figs, why("neo4j", "neo4j_fill"))),
        ("4b", neo4j_bulk(figs, why("bulk", "neo4j", "neo4j_fill"))),
    ]
    for depth in (1, 2):
        out += [(f"{4 + depth}{store[0]}", ego(figs, store, label, depth, why(store))) for store, label in STORES]
    out += [(f"7{store[0]}", centrality(figs, store, label, why(store))) for store, label in STORES]
    out += [(f"8{store[0]}", pages(figs, store, label, why(store))) for store, label in STORES]
    out.append(("9", api(figs, why("api"))))
    return [row.model_copy(update={"number": number}) for number, row in out]
