"""A first fill of a Neo4j database with ``neo4j-admin database import full`` (offline, no transactions).

:class:`BulkExport` takes the same :class:`~graph.model.IngestBatch` stream as
:meth:`graph.store.GraphStore.ingest_many` (``diplograph bulk-load`` feeds it from the ingest
pipeline) and writes the graph the Neo4j store's writer would write as the import tool's CSV
files: actors, articles and statements with their edges, and every count level kept at ingest
(network, edge, speaks and pair levels, per-actor activity), summed here with the writer's own
delta functions (:func:`graph.neo4j_store.count_rows`, :func:`graph.neo4j_store.activity_rows`)
in the writer's chunks, so even float sums come out bit for bit. :func:`run_import` runs the
import tool into a new, offline database. On the first open, :meth:`graph.neo4j_store.Neo4jStore.ensure_schema`
creates the constraints and indexes and derives what the import does not write: the claims,
their counts, typed actor→actor edges and stance pieces (``rebuild_claims``), exactly as it
does for a graph written before claims existed.

Memory: articles and statements stream to disk; the actors, the article ids and the count rows
stay in memory (one entry per distinct count key, not per statement). The statements' reports
wait for :meth:`BulkExport.finish` in a scratch SQLite file by calendar bucket
(:func:`graph.claims.bucket` of the report's day), and are grouped one *bucket group* at a time:
claims never span two buckets but through one article's headline and lead
(:func:`graph.claims.repeat_gate`, the only gate without the bucket), so the buckets such a pair
straddles are grouped together, and each undated report is a claim of its own. Grouping every
bucket group apart gives the claims of grouping everything at once (:func:`graph.claims.group`
links only within a bucket or such a pair), in whatever order the articles came; memory holds
the largest bucket group, not the corpus.

Processes: with ``workers`` > 1 a pool of worker processes makes the rows of each run of articles
(:func:`_chunk_rows`) and groups each bucket group, reading its reports from the scratch file
itself (:func:`_claim_group`); this process merges the actors, adds the count rows and writes
everything in the order one process would (the files are byte for byte the same).
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import subprocess
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from itertools import islice
from pathlib import Path
from typing import IO, Any

from graph import activity, claim_counts, neo4j_joined, neo4j_stances
from graph.aggregates import tally
from graph.claims import ClaimRules, Report, bucket, group, repeat_gate, reports_of
from graph.errors import ConfigError, StoreError
from graph.model import (
    Actor,
    Article,
    BulkIngestResult,
    IngestBatch,
    IngestFailure,
    IngestResult,
    Role,
    Statement,
)
from graph.neo4j_claims import STATEMENT_DERIVED, claim_count_rows, claim_props, place_rows, typed_rows
from graph.neo4j_counts import CountRows, add_offline, float_valued
from graph.neo4j_store import (
    BULK_MARK,
    GENERATION_MARK,
    SCHEMA_MARKS,
    _about_day,
    _actor_props,
    _article_props,
    _statement_props,
    activity_rows,
    count_rows,
)
from graph.stance_pieces import PIECE_COLUMNS, span_days
from graph.store import merge_actor, merge_actors, validate_batch
from loaders.parallel import bounded_map, process_pool

#: Array elements are separated by this character (U+001E, record separator) in the CSV files.
ARRAY_DELIMITER = "\x1e"

#: The one-off derivations a bulk-loaded graph does not need (its counts, claims, joined level and
#: stance pieces were written whole): the Meta markers ``ensure_schema`` reads.
DONE_MARKS = (
    "pair_levels", "activity_counts", "activity_weeks", "stance_pieces", "stance_spans", "stance_views",
    neo4j_joined.MARK, neo4j_joined.PACKED_MARK,
)  # fmt: skip
assert set(DONE_MARKS) <= set(SCHEMA_MARKS)

_STATEMENT_TYPES = {
    "quad_class": "long",
    "goldstein": "double",
    "confidence": "double",
    "direct": "boolean",
    "negated": "boolean",
    "undated": "boolean",
    "date": "date",
    "conditions": "string[]",
    "claim_anchor": "date",
}
_CLAIM_TYPES = {
    "quad_class": "long",
    "goldstein": "double",
    "date": "date",
    "date_to": "date",
    "num_reports": "long",
    "num_articles": "long",
    "num_sources": "long",
    "confidence": "double",
}
#: The properties of a Claim node (graph.neo4j_claims.claim_props), in order.
_CLAIM_COLUMNS = (
    "id", "speaker_id", "on_behalf_of_id", "relation", "cameo", "quad_class", "goldstein", "date", "date_to",
    "num_reports", "num_articles", "num_sources", "confidence", "source_url", "content", "data",
)  # fmt: skip
_PIECE_TYPES = {"confidence": "double", "reports": "long"}
_ARTICLE_TYPES = {"published_at": "datetime", "modified_at": "datetime"}
_ACTOR_TYPES = {"aliases": "string[]", "search_keys": "string[]"}
# sorted: a frozenset iterates in the order of its strings' hashes, which differ between processes
_STATEMENT_COLUMNS = (*Statement.model_fields, "content_folded", "language_effective", *sorted(STATEMENT_DERIVED))
_ARTICLE_COLUMNS = (*Article.model_fields, "outlet_key")
_ACTOR_COLUMNS = ("id", "name", "kind", "qid", "country", "aliases", "search_keys")
_COUNT_LABELS = (
    "NetworkCount", "EdgeCount", "SpeaksCount", "EdgePair", "SpeaksPair", "ActivityCount", "ClaimCount",
    "ClaimEdgeCount", "StanceCount",
)  # fmt: skip


def _field(value: Any) -> str:
    """One CSV field: ``None`` empty and unquoted (no property); everything else quoted (an
    empty string stays an empty string)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, datetime | date):
        text = value.isoformat()
    elif isinstance(value, list | tuple):
        if not value:
            return ""  # an empty list is no property (the stores read it back as [])
        items = [str(v) for v in value]
        if any(ARRAY_DELIMITER in v or not v for v in items):
            raise StoreError(f"an array value holds the CSV array delimiter or an empty item: {items!r}")
        text = ARRAY_DELIMITER.join(items)
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _line(values: Sequence[Any]) -> str:
    """One CSV row, its newline included."""
    # strings (most fields) and integers inline, the rest through _field: a third of the
    # exporter's time went to the call per field
    fields = ['"' + v.replace('"', '""') + '"' if type(v) is str else str(v) if type(v) is int else _field(v)
              for v in values]  # fmt: skip
    return ",".join(fields) + "\n"


class _Csv:
    """One CSV file of the import tool: a header line, then rows."""

    def __init__(self, path: Path, header: Sequence[str]) -> None:
        self.path = path
        self.rows = 0
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._file.write(",".join(header) + "\n")

    def write(self, values: Sequence[Any]) -> None:
        self._file.write(_line(values))
        self.rows += 1

    def write_lines(self, text: str, rows: int) -> None:
        """``rows`` rows made by :func:`_line`, joined."""
        self._file.write(text)
        self.rows += rows

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def _header(columns: Sequence[str], types: dict[str, str], id_space: str | None = None) -> list[str]:
    out = []
    for c in columns:
        if c == "id" and id_space:
            out.append(f"id:ID({id_space})")
        else:
            out.append(f"{c}:{types[c]}" if c in types else c)
    return out


def _value_types(values: Sequence[str]) -> dict[str, str]:
    """The import types of count values (:func:`graph.neo4j_counts.float_valued`)."""
    return {v: ("double" if float_valued(v) else "long") for v in values}


@dataclass
class ImportFiles:
    """The CSV files of a bulk load: ``--nodes`` (label, file) and ``--relationships`` (type, file)."""

    directory: Path
    nodes: list[tuple[str, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path]] = field(default_factory=list)
    statements: int = 0
    articles: int = 0

    def arguments(self, database: str) -> list[str]:
        """The ``neo4j-admin database import full`` arguments for these files."""
        return [
            *(f"--nodes={label}={path}" for label, path in self.nodes),
            *(
                f"--relationships={rel}={path}" if rel else f"--relationships={path}"
                for rel, path in self.relationships
            ),
            "--multiline-fields=true",
            f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
            "--skip-duplicate-nodes=false",
            "--skip-bad-relationships=false",
            f"--report-file={self.directory / 'import.report'}",
            database,
        ]


class BulkExport:
    """Write ingest batches as the import tool's CSV files (a sink for the ingest pipeline:
    :meth:`ingest_many` and :meth:`ping` like a store's).

    Each article is written once: the same article again with the same content is a no-op
    (``created`` false); with other content it is a failure (a bulk load cannot replace what
    it wrote: ingest the newer version after the load).
    """

    kind = "neo4j bulk load"
    batch_size = 500
    #: Articles the pipeline hands over at a time (:class:`loaders.pipeline.Sink`).
    stream_batch_size = 200
    #: Undated reports grouped at a time (each one is a claim of its own).
    undated_chunk = 10_000

    def __init__(self, directory: Path, claim_rules: ClaimRules | None = None, *, workers: int = 1) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.claim_rules = claim_rules or ClaimRules()
        #: Processes that make the rows of the articles as they come and group the bucket groups at
        #: :meth:`finish` (1: this one, no pool).
        self.workers = max(1, workers)
        self._pools = ExitStack()
        self._pool: Executor | None = None
        #: The runs of articles handed to the workers, in order, not yet written.
        self._pending: deque[Future[_Chunk]] = deque()
        #: Every statement written, as its report (its claim is known at :meth:`finish`), pickled
        #: by calendar bucket (NULL: undated) in a scratch file removed at :meth:`finish`.
        self._spill_path = directory / "reports.spill.sqlite"
        self._spill = _scratch(self._spill_path)
        self._spill.execute("CREATE TABLE report (bucket INTEGER, data BLOB NOT NULL)")
        #: What :meth:`finish` keeps of each group (a scratch file apart: the groups' workers read
        #: the reports' file meanwhile).
        self._rows_path = directory / "rows.spill.sqlite"
        self._rows = _scratch(self._rows_path)
        #: The statement rows (CSV lines), kept by their report's rowid to be written in arrival order.
        self._rows.execute("CREATE TABLE statement (id INTEGER PRIMARY KEY, row TEXT NOT NULL)")
        #: Each claim's count contribution and stance pieces, to count them in claim id order (as
        #: one grouping did).
        self._rows.execute("CREATE TABLE claim (id TEXT PRIMARY KEY, counts BLOB NOT NULL, pieces BLOB NOT NULL)")
        #: The buckets one article's headline and lead straddle, joined (a union-find on bucket numbers).
        self._bucket_parent: dict[int, int] = {}
        self._span_days = 0
        self._actors: dict[str, Actor] = {}
        self._roles: dict[str, Role] = {}
        self._hashes: dict[str, str] = {}
        self._counts: dict[str, dict[str, list[Any]]] = {label: {} for label in _COUNT_LABELS}
        self._keys: dict[str, Sequence[str]] = {}
        self._values: dict[str, Sequence[str]] = {}
        self._files = ImportFiles(directory)
        self._open: list[_Csv] = []
        self.articles = self._node("Article", _header(_ARTICLE_COLUMNS, _ARTICLE_TYPES, "Article"))
        self.stated = self._rel("STATED", ":START_ID(Actor)", ":END_ID(Statement)")
        self.behalf = self._rel("ON_BEHALF_OF", ":START_ID(Statement)", ":END_ID(Actor)")
        self.via = self._rel("VIA", ":START_ID(Statement)", ":END_ID(Actor)")
        self.reported = self._rel("REPORTED_IN", ":START_ID(Statement)", ":END_ID(Article)")
        self.about = self._rel("ABOUT", ":START_ID(Statement)", ":END_ID(Actor)", "role", "mention", "actor_id",
                               "date:date")  # fmt: skip
        self.published = self._rel("PUBLISHED_BY", ":START_ID(Article)", ":END_ID(Actor)")
        self._done = False

    def _node(self, label: str, header: Sequence[str]) -> _Csv:
        csv = _Csv(self.directory / f"{label}.csv", header)
        self._files.nodes.append((label, csv.path))
        self._open.append(csv)
        return csv

    def _rel(self, rel: str, *header: str, name: str = "") -> _Csv:
        """A relationship file of type ``rel`` (``""``: a ``:TYPE`` column names each row's type)."""
        csv = _Csv(self.directory / f"{rel or name}.csv", header)
        self._files.relationships.append((rel, csv.path))
        self._open.append(csv)
        return csv

    def ping(self) -> bool:
        return True

    def ingest_many(self, batches: Iterable[IngestBatch], *, batch_size: int | None = None) -> BulkIngestResult:
        """Write ``batches`` (chunks of ``batch_size`` articles as the store's writer would, so
        the count sums match it exactly); bad and replaced articles come back as failures."""
        if self._done:
            raise StoreError("this bulk export is finished")
        out = BulkIngestResult()
        it = iter(batches)
        while chunk := list(islice(it, batch_size or self.batch_size)):
            run: list[IngestBatch] = []
            for batch in chunk:
                art = batch.article
                try:
                    validate_batch(batch)
                except StoreError as exc:
                    out.failures.append(IngestFailure(article_id=art.id, source=art.source, error=str(exc)))
                    continue
                stored = self._hashes.get(art.id)
                if stored is not None:
                    if stored == art.content_hash:
                        out.results.append(_result(batch, created=False))
                    else:
                        out.failures.append(IngestFailure(article_id=art.id, source=art.source, error=(
                            f"article {art.id} was already loaded with other content: a bulk load writes each "
                            "article once (ingest the newer version after the load)")))  # fmt: skip
                    continue
                self._hashes[art.id] = art.content_hash
                run.append(batch)
            if run:
                self._write(run)
                out.results.extend(_result(b, created=True) for b in run)
        return out

    def _write(self, run: list[IngestBatch]) -> None:
        """One transaction's worth of the store's writer (graph.neo4j_store.Neo4jStore._write_batches):
        the actors and roles here, the rest made by :func:`_chunk_rows` (here, or in a worker
        process: :meth:`_written` takes them in the order the runs came)."""
        for actor in merge_actors([a for b in run for a in b.actors]).values():
            old = self._actors.get(actor.id)
            self._actors[actor.id] = actor if old is None else merge_actor(old, actor)
        for role in {r.key: r for b in run for r in b.roles}.values():
            old_role = self._roles.get(role.key)
            # MERGE on the key: the first title and start stay, the latest end wins
            self._roles[role.key] = role if old_role is None else old_role.model_copy(update={"end": role.end})
        if self.workers == 1:
            self._written(_chunk_rows(run, self.claim_rules))
            return
        self._pending.append(self._executor().submit(_chunk_rows, run, self.claim_rules))
        while len(self._pending) > 2 * self.workers:
            self._written(self._pending.popleft().result())

    def _executor(self) -> Executor:
        """The worker processes (:func:`loaders.parallel.process_pool`: fresh interpreters; made
        at the first use, shut down by :meth:`finish`)."""
        if self._pool is None:
            self._pool = self._pools.enter_context(process_pool(self.workers))
        return self._pool

    def _written(self, chunk: _Chunk) -> None:
        """Write what :func:`_chunk_rows` made of a run of articles, and add its counts."""
        files = {"Article": self.articles, "PUBLISHED_BY": self.published, "REPORTED_IN": self.reported,
                 "STATED": self.stated, "ON_BEHALF_OF": self.behalf, "VIA": self.via, "ABOUT": self.about}  # fmt: skip
        for name, (text, lines) in chunk.lines.items():
            files[name].write_lines(text, lines)
        self._spill.executemany("INSERT INTO report (bucket, data) VALUES (?, ?)", chunk.reports)
        parent = self._bucket_parent
        for b, _ in chunk.reports:
            if b is not None:
                parent.setdefault(b, b)
        for bx, by in chunk.joins:
            rx, ry = self._root(bx), self._root(by)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
        for label, keys, values, rows in chunk.counts:
            self._keys[label], self._values[label] = keys, values
            add_offline(self._counts[label], keys, rows)
        self._files.articles += chunk.articles
        self._files.statements += chunk.statements

    def _root(self, b: int) -> int:
        parent = self._bucket_parent
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        return b

    def _group_jobs(self) -> list[_Job]:
        """The groups of reports no claim crosses: each bucket group (the buckets joined by
        :func:`_joins`), then the undated reports in chunks of :attr:`undated_chunk` (each
        one a claim of its own), as :func:`_load` reads them."""
        self._spill.execute("CREATE INDEX IF NOT EXISTS report_bucket ON report (bucket)")
        groups: dict[int, list[int]] = {}
        for b in sorted(self._bucket_parent):
            groups.setdefault(self._root(b), []).append(b)
        jobs: list[_Job] = [("buckets", tuple(buckets)) for buckets in groups.values()]
        undated = self._spill.execute("SELECT rowid FROM report WHERE bucket IS NULL ORDER BY rowid")
        while rows := undated.fetchmany(self.undated_chunk):
            jobs.append(("undated", (rows[0][0], rows[-1][0])))
        return jobs

    def _report_groups(self) -> Iterator[list[tuple[int, Report]]]:
        """The reports in groups no claim crosses (:meth:`_group_jobs`), each report with its row
        number in the scratch file (its arrival order)."""
        for job in self._group_jobs():
            yield _load(self._spill, job)

    def _grouped(self) -> Iterator[_Grouped]:
        """What each group of :meth:`_report_groups` writes, in their order: here, or with
        ``workers`` processes that read their group from the scratch file themselves (at most
        two groups a worker ahead of the writing)."""
        if self.workers == 1:
            for numbered in self._report_groups():
                yield _claim_group(numbered, self.claim_rules)
            return
        jobs = self._group_jobs()
        self._spill.commit()  # the workers read it
        job = partial(_grouped_job, str(self._spill_path), rules=self.claim_rules)
        yield from bounded_map(self._executor(), job, jobs, window=2 * self.workers + 1)
        self._shutdown()

    def _shutdown(self) -> None:
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        self._pools.close()
        self._pool = None

    def finish(self) -> ImportFiles:
        """Group every statement into claims (:func:`graph.claims.group`, as the store's rebuild
        does) and write the statements with their claim and placement, the claims with their
        REPORTS and typed edges, claim counts and stance pieces; then the actors, roles, count
        nodes, the joined level and the Meta markers; close every file."""
        if self._done:
            return self._files
        while self._pending:
            self._written(self._pending.popleft().result())
        self._write_claims()
        actors = self._node("Actor", _header(_ACTOR_COLUMNS, _ACTOR_TYPES, "Actor"))
        for actor in sorted(self._actors.values(), key=lambda a: a.id):
            props = _actor_props(actor)
            actors.write([props[c] for c in _ACTOR_COLUMNS])
        roles = self._rel("HOLDS_ROLE", ":START_ID(Actor)", ":END_ID(Actor)", "key", "title", "from:date", "to:date")
        for role in self._roles.values():
            roles.write([role.person_id, role.org_id, role.key, role.title, role.start, role.end])
        for label in _COUNT_LABELS:
            keys, values = self._keys.get(label), self._values.get(label)
            if keys is None or values is None:
                continue
            csv = self._node(label, ["key", *keys, *_header(values, _value_types(values))])
            for key, node in self._counts[label].items():
                csv.write([key, *node])
        joined = neo4j_joined.derive_offline(
            self._counts["EdgeCount"], self._counts["ClaimEdgeCount"], self._values.get("EdgeCount", ()),
            self._values.get("ClaimEdgeCount", ()),
        )  # fmt: skip
        sides = (*neo4j_joined.REPORT_SIDE, *neo4j_joined.CLAIM_SIDE)
        csv = self._node(
            "JoinedEdge",
            ["key", "source_id", "target_id", "relation", *_header(sides, _value_types(sides)), "counts:long[]",
             "sums:double[]"],
        )  # fmt: skip
        for key, node in joined.items():
            csv.write([key, *node])
        meta = self._node("Meta", ["key", "value:long"])
        for mark in DONE_MARKS:
            meta.write([mark, None if mark == "pair_levels" else 1])  # as the writer's ensure_schema leaves them
        if self._span_days:
            meta.write([neo4j_stances.SPAN_DAYS, self._span_days])
        meta.write([GENERATION_MARK, 1])
        meta.write([BULK_MARK, 1])
        for csv in self._open:
            csv.close()
        self._done = True
        return self._files

    def _write_claims(self) -> None:
        """The claims of every statement written, as ``Neo4jStore.rebuild_claims`` makes them of
        the stored statements (the claim book's own row functions), and the statements: one
        group of reports no claim crosses at a time (:meth:`_report_groups`)."""
        statements = self._node("Statement", _header(_STATEMENT_COLUMNS, _STATEMENT_TYPES, "Statement"))
        nodes = self._node("Claim", _header(_CLAIM_COLUMNS, _CLAIM_TYPES, "Claim"))
        reports = self._rel("REPORTS", ":START_ID(Statement)", ":END_ID(Claim)")
        pieces = self._node("StancePiece", _header(PIECE_COLUMNS, _PIECE_TYPES))
        # every relation type in one file: its :TYPE column (the claim book's checked edge types)
        typed = self._rel("", ":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "claim_id", "date:date", "cameo",
                          "num_reports:long", "num_sources:long", name="CLAIM_EDGES")  # fmt: skip
        files = {"Claim": nodes, "REPORTS": reports, "StancePiece": pieces, "CLAIM_EDGES": typed}
        for grouped in self._grouped():
            for name, (text, rows) in grouped.lines.items():
                files[name].write_lines(text, rows)
            self._rows.executemany("INSERT INTO statement (id, row) VALUES (?, ?)", grouped.statements)
            self._rows.executemany("INSERT INTO claim (id, counts, pieces) VALUES (?, ?, ?)", grouped.counted)
            self._span_days = max(self._span_days, grouped.span)
        self._count_claims()
        # the statements in the order they came (as the writer creates them)
        for (line,) in self._rows.execute("SELECT row FROM statement ORDER BY id"):
            statements.write_lines(line, 1)
        self._drop_spills()

    def _drop_spills(self) -> None:
        for conn, path in ((self._spill, self._spill_path), (self._rows, self._rows_path)):
            conn.close()
            path.unlink(missing_ok=True)

    def _count_claims(self) -> None:
        """The claim and stance counts of every claim, in claim id order as grouping everything at
        once gives them (the same count rows in the same order, the same float sums): the claims
        summed in one pass, the pieces in chunks (integer counts)."""

        def contributions() -> Iterator[claim_counts.Contribution]:
            for (blob,) in self._rows.execute("SELECT counts FROM claim ORDER BY id"):
                yield pickle.loads(blob)

        # the joined level: finish()
        counts, _joined = claim_count_rows(claim_counts.tally_contributions(contributions()))
        # the count files' columns, with or without claims (no pieces: the StanceCount columns alone)
        for label, keys, values, rows in [*counts, neo4j_stances.count_rows([], [])]:
            self._keys[label], self._values[label] = keys, values
            add_offline(self._counts[label], keys, rows)
        chunks = self._rows.execute("SELECT pieces FROM claim ORDER BY id")
        while chunk := chunks.fetchmany(10_000):
            label, keys, _values, rows = neo4j_stances.count_rows([], [p for (b,) in chunk for p in pickle.loads(b)])
            add_offline(self._counts[label], keys, rows)

    def close(self) -> None:
        self._shutdown()
        for csv in self._open:
            csv.close()
        self._drop_spills()


@dataclass
class _Chunk:
    """What a run of articles writes (:func:`_chunk_rows`): the lines of the article, PUBLISHED_BY
    and statement-edge files (text, rows), each report's calendar bucket (None: undated) and
    pickle, the buckets joined by an article's headline and lead (:func:`_joins`), the count rows
    the writer adds for them, and how many articles and statements they are."""

    lines: dict[str, tuple[str, int]]
    reports: list[tuple[int | None, bytes]]
    joins: list[tuple[int, int]]
    counts: list[CountRows]
    articles: int
    statements: int


def _chunk_rows(run: list[IngestBatch], rules: ClaimRules) -> _Chunk:
    """The rows of a run of new articles (already checked), with the writer's own row functions."""
    lines: dict[str, list[str]] = {name: [] for name in _CHUNK_FILES}
    articles, published, reported = lines["Article"], lines["PUBLISHED_BY"], lines["REPORTED_IN"]
    stated, behalf, via, abouts = lines["STATED"], lines["ON_BEHALF_OF"], lines["VIA"], lines["ABOUT"]
    spilled: list[tuple[int | None, bytes]] = []
    joins: list[tuple[int, int]] = []
    for batch in run:
        art = batch.article
        props = _article_props(art)
        articles.append(_line([props[c] for c in _ARTICLE_COLUMNS]))
        if art.outlet_id:
            published.append(_line([art.id, art.outlet_id]))
        reports = reports_of(art, batch.statements, rules)
        buckets = [_bucket_of(r, rules) for r in reports]
        spilled.extend((b, pickle.dumps(r, pickle.HIGHEST_PROTOCOL)) for r, b in zip(reports, buckets, strict=True))
        joins.extend(_joins(reports, buckets, rules))
        for st in batch.statements:
            reported.append(_line([st.id, art.id]))
            if st.speaker_id:
                stated.append(_line([st.speaker_id, st.id]))
            if st.on_behalf_of_id:
                behalf.append(_line([st.id, st.on_behalf_of_id]))
            if st.via_id:
                via.append(_line([st.id, st.via_id]))
            about: dict[tuple[str, str], list[Any]] = {}
            for t in st.targets:
                about.setdefault((t.actor_id, t.role.value),
                                 [st.id, t.actor_id, t.role.value, t.mention, t.actor_id, _about_day(st)])  # fmt: skip
            abouts.extend(_line(row) for row in about.values())
    statements = [st for b in run for st in b.statements]
    # what the writer adds for new articles (it combines them with nothing removed: the same rows)
    counts = [*count_rows(tally(statements)), activity_rows(activity.activity_deltas(statements))]
    return _Chunk({k: ("".join(v), len(v)) for k, v in lines.items()}, spilled, joins, counts, len(run),
                  len(statements))  # fmt: skip


#: The files :func:`_chunk_rows` writes to.
_CHUNK_FILES = ("Article", "PUBLISHED_BY", "REPORTED_IN", "STATED", "ON_BEHALF_OF", "VIA", "ABOUT")


def _bucket_of(report: Report, rules: ClaimRules) -> int | None:
    """The calendar bucket of a report's day (None: undated, a claim of its own)."""
    if report.statement.date is None or report.day is None:
        return None
    return bucket(report.day, rules.window_days)


def _joins(reports: Sequence[Report], buckets: Sequence[int | None], rules: ClaimRules) -> list[tuple[int, int]]:
    """The buckets of an article's reports that :func:`graph.claims.repeat_gate` may link across
    buckets (a headline and a lead, dates within the window): the only links between two buckets
    (every other gate needs one bucket), to be joined."""
    window = rules.window_days
    repeats = [(r, b) for r, b in zip(reports, buckets, strict=True)
               if r.position in ("headline", "lead") and b is not None]  # fmt: skip
    out: list[tuple[int, int]] = []
    for i, (x, bx) in enumerate(repeats):
        for y, by in repeats[i + 1 :]:
            assert x.statement.date and y.statement.date  # dated: they have a bucket
            if bx == by or abs((x.statement.date - y.statement.date).days) > window:
                continue
            if repeat_gate(x, y) is not None:
                out.append((bx, by))
    return out


#: A group of reports no claim crosses (:meth:`BulkExport._group_jobs`): ``("buckets", buckets)``
#: (a bucket group) or ``("undated", (first, last))`` (the undated reports of those row numbers).
_Job = tuple[str, tuple[int, ...]]


def _load(spill: sqlite3.Connection, job: _Job) -> list[tuple[int, Report]]:
    """The reports of a group with their row numbers (arrival order), from the scratch file."""
    kind, args = job
    if kind == "buckets":
        query = "SELECT rowid, data FROM report WHERE bucket = ? ORDER BY rowid"
        return [(row[0], pickle.loads(row[1])) for b in args for row in spill.execute(query, (b,))]
    query = "SELECT rowid, data FROM report WHERE bucket IS NULL AND rowid BETWEEN ? AND ? ORDER BY rowid"
    return [(row[0], pickle.loads(row[1])) for row in spill.execute(query, args)]


@dataclass
class _Grouped:
    """What one group of reports writes (:func:`_claim_group`): the lines of the Claim, REPORTS,
    StancePiece and typed-edge files (text, rows), the statement lines by arrival number, what the
    claim and stance counts need (claim id, its :func:`graph.claim_counts.contribution` and its
    pieces, pickled), and the longest span of its pieces."""

    lines: dict[str, tuple[str, int]]
    statements: list[tuple[int, str]]
    counted: list[tuple[str, bytes, bytes]]
    span: int


def _claim_group(numbered: list[tuple[int, Report]], rules: ClaimRules) -> _Grouped:
    """Group one group of reports (:func:`graph.claims.group`, as the store's rebuild does) and
    make its rows with the claim book's own row functions: the statements with their claim and
    placement, the claims with their REPORTS, stance pieces and typed edges."""
    group_reports = [r for _, r in numbered]
    claims = group(group_reports, rules)
    claim_of = {sid: cl.id for cl in claims for sid in cl.statement_ids}
    placed = {p["id"]: p for p in place_rows(group_reports)}
    statements: list[tuple[int, str]] = []
    for number, r in numbered:
        sp = _statement_props(r.statement, r.language)
        place = placed[r.id]
        sp["claim_id"], sp["report_position"], sp["claim_anchor"] = claim_of[r.id], place["position"], place["anchor"]
        statements.append((number, _line([sp[c] for c in _STATEMENT_COLUMNS])))
    by_id = {r.id: r for r in group_reports}
    nodes: list[str] = []
    reports: list[str] = []
    pieces: list[str] = []
    made_all: list[tuple[Any, ...]] = []
    counted: list[tuple[str, bytes, bytes]] = []
    for cl in claims:
        props = claim_props(cl)
        if len(props) != len(_CLAIM_COLUMNS):
            raise StoreError(f"claim properties changed: {sorted(props)} (update neo4j_bulk._CLAIM_COLUMNS)")
        nodes.append(_line([props[c] for c in _CLAIM_COLUMNS]))
        reports.extend(_line([sid, cl.id]) for sid in cl.statement_ids)
        made = neo4j_stances.piece_rows(neo4j_stances.targeted_rows(cl.id, [by_id[s] for s in cl.statement_ids]))
        pieces.extend(_line(piece) for piece in made)
        made_all.extend(made)
        counted.append((cl.id, pickle.dumps(claim_counts.contribution(cl), pickle.HIGHEST_PROTOCOL),
                        pickle.dumps(made, pickle.HIGHEST_PROTOCOL)))  # fmt: skip
    typed = [_line(edge) for edge in typed_rows(claims)]
    lines = {"Claim": nodes, "REPORTS": reports, "StancePiece": pieces, "CLAIM_EDGES": typed}
    return _Grouped({k: ("".join(v), len(v)) for k, v in lines.items()}, statements, counted, span_days(made_all))


#: A worker's read-only connection to each scratch file it was asked about.
_WORKER_SPILLS: dict[str, sqlite3.Connection] = {}


def _grouped_job(spill: str, job: _Job, *, rules: ClaimRules) -> _Grouped:
    """:func:`_claim_group` of one group, in a worker process of :meth:`BulkExport._grouped`."""
    conn = _WORKER_SPILLS.get(spill)
    if conn is None:
        conn = _WORKER_SPILLS[spill] = sqlite3.connect(Path(spill).as_uri() + "?mode=ro", uri=True)
    return _claim_group(_load(conn, job), rules)


def _scratch(path: Path) -> sqlite3.Connection:
    """A new scratch SQLite file (no journal, no syncs: it only lives while the export runs)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    return conn


def _result(batch: IngestBatch, *, created: bool) -> IngestResult:
    art = batch.article
    return IngestResult(
        article_id=art.id, source=art.source, statements=len(batch.statements), created=created, warnings=batch.warnings
    )


# -- the import tool ---------------------------------------------------------------------
@dataclass(frozen=True)
class ImportTool:
    """How to run ``neo4j-admin`` for a Neo4j home: the distribution's ``bin/neo4j-admin`` when
    the home has one, else the jars of ``scripts/neo4j-local.sh`` (``java -cp <jars>/*
    org.neo4j.cli.AdminTool``) with ``NEO4J_HOME`` set."""

    home: Path
    jars: Path | None = None
    java: str = "java"
    heap: str = "1g"
    #: Memory the import tool may use off the heap (its ``--max-off-heap-memory``).
    off_heap: str = "1g"

    def command(self, arguments: Sequence[str]) -> tuple[list[str], dict[str, str]]:
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        admin = self.home / "bin" / "neo4j-admin"
        if admin.exists():
            return [str(admin), *arguments], {**env, "HEAP_SIZE": self.heap}
        if self.jars is None or not self.jars.is_dir():
            raise ConfigError(
                f"{self.home} has no bin/neo4j-admin and no Neo4j jars were given (--neo4j-jars or NEO4J_JARS_DIR: "
                "the jars directory of scripts/neo4j-local.sh, e.g. .neo4j-local/jars/5.26.11)"
            )
        cp = f"{self.jars}/*"
        return [self.java, f"-Xmx{self.heap}", "-cp", cp, "org.neo4j.cli.AdminTool", *arguments], env

    def database_dirs(self, database: str) -> list[Path]:
        data = self.home / "data"
        return [data / "databases" / database, data / "transactions" / database]


def server_running(home: Path) -> bool:
    """Whether a Neo4j server holds the home's store: its ``store_lock`` is locked (a running
    server keeps a lock on it), or a pid file of a live process is there."""
    for pid_file in (home / "run" / "neo4j.pid", home.parent / "neo4j.pid"):
        if pid_file.exists():
            try:
                pid = int(pid_file.read_text().strip() or "0")
            except ValueError:
                continue
            if pid > 0 and Path(f"/proc/{pid}").exists():
                return True
    return False


def import_tool(home: Path, *, jars: str | None = None, memory: str = "1g") -> ImportTool:
    """The import tool for a Neo4j home: ``jars`` else ``NEO4J_JARS_DIR`` else this checkout's
    ``.neo4j-local/jars/<NEO4J_VERSION>`` (scripts/neo4j-local.sh); Java from ``JAVA_HOME``, else
    the Java 17 the script prefers, else ``java`` on the PATH."""
    version = os.environ.get("NEO4J_VERSION", "5.26.11")
    found = jars or os.environ.get("NEO4J_JARS_DIR") or str(Path(__file__).resolve().parents[1] / ".neo4j-local" /
                                                           "jars" / version)  # fmt: skip
    java_home = os.environ.get("JAVA_HOME")
    java = Path(java_home) / "bin" / "java" if java_home else Path("/usr/lib/jvm/java-17-openjdk-amd64/bin/java")
    return ImportTool(home=home.resolve(), jars=Path(found), java=str(java) if java.exists() else "java", heap=memory,
                      off_heap=memory)  # fmt: skip


def check_target(tool: ImportTool, database: str = "neo4j", *, overwrite: bool = False) -> bool:
    """Refuse (:class:`ConfigError`) a home whose server runs, and an existing database unless
    ``overwrite``. Returns whether the database exists."""
    if server_running(tool.home):
        raise ConfigError(f"a Neo4j server is running on {tool.home}: stop it first (the import writes offline)")
    existed = [d for d in tool.database_dirs(database) if d.exists() and any(d.iterdir())]
    if existed and not overwrite:
        raise ConfigError(
            f"database {database!r} already exists in {tool.home} ({existed[0]}): a bulk load only fills a new "
            "database. Load into another database name, or pass --overwrite to REPLACE it (its data is lost)."
        )
    return bool(existed)


def run_import(tool: ImportTool, files: ImportFiles, database: str = "neo4j", *, overwrite: bool = False) -> str:
    """Run ``neo4j-admin database import full`` into ``database`` of ``tool.home``.

    Refuses (:func:`check_target`) while a server runs on the home, and when the database
    exists unless ``overwrite`` (the import then replaces that database). A failed import
    leaves no database directory behind that it created. Returns the tool's output.
    """
    existed = check_target(tool, database, overwrite=overwrite)
    tool.home.mkdir(parents=True, exist_ok=True)
    args = ["database", "import", "full", f"--max-off-heap-memory={tool.off_heap}"]
    if overwrite:
        args.append("--overwrite-destination=true")
    argfile = files.directory / "import.args"
    argfile.write_text("\n".join(files.arguments(database)) + "\n", encoding="utf-8")
    command, env = tool.command([*args, f"@{argfile}"])
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ConfigError(f"cannot run the Neo4j import tool ({command[0]}): {exc}") from exc
    output = done.stdout + done.stderr
    if done.returncode != 0:
        if not existed:
            for d in tool.database_dirs(database):
                shutil.rmtree(d, ignore_errors=True)
        tail = "\n".join(output.strip().splitlines()[-20:])
        raise StoreError(f"the Neo4j import tool failed (exit {done.returncode}); nothing was loaded:\n{tail}")
    return output
