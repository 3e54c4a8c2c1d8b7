"""The ``diplograph`` command line: ingest, extract, statements, claims, actors, export, stats, serve."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.output import OUTPUT_FORMATS, emit_csv, emit_json, emit_table, quiet_broken_pipe
from graph.errors import DiplographError, InputError, StoreError
from graph.export_formats import EXPORT_FORMATS
from graph.model import ActorKind, Relation
from graph.store import GraphStore

if TYPE_CHECKING:
    from graph.service import StatementFilters


def _store(args: argparse.Namespace) -> GraphStore:
    from graph.factory import open_store

    return open_store(args.store)


def _print_json(data: Any) -> None:
    emit_json(data)


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest article by article; always report what was stored, what failed and why (even when
    the store goes away midway). Exit 0 when everything was stored, 1 when anything failed."""
    from api.progress import ProgressBar, expected_articles
    from loaders.pipeline import IngestFailure, IngestReport, RetryPolicy, ingest_stream

    report = IngestReport()
    counts: dict[str, int] | None = None
    counts_error: str | None = None
    bar = sys.stderr.isatty() and not args.json  # a progress bar on a terminal; quiet in pipes and logs
    total = expected_articles(args.paths) if bar else None
    with _store(args) as store, ProgressBar(total, enabled=bar) as progress:
        outcomes = ingest_stream(
            store, args.paths, lang=args.lang, workers=args.workers, dask=args.dask, batch_size=args.batch_size,
            on_progress=progress, retry=RetryPolicy(attempts=args.retries + 1),
        )  # fmt: skip
        try:
            for outcome in outcomes:
                progress.add(outcome)
                if isinstance(outcome, IngestFailure) or args.json:
                    report.add(outcome)  # results are kept only for --json: memory stays bounded
                    continue
                if bar:
                    continue  # the bar counts them; a line per article would drown it
                state = "new" if outcome.created else "updated"
                if outcome.stale:
                    state = "older revision than the stored one: kept as history, not current"
                print(f"ingested {outcome.source or outcome.article_id}: {outcome.statements} statements ({state})")
                for w in outcome.warnings:
                    print(f"  warning: {w}")
        except StoreError as exc:  # the run stopped: what was stored so far is still reported
            stopped = IngestFailure(source=" ".join(args.paths), error=f"ingest stopped: {exc}")
            progress.add(stopped)
            report.add(stopped)
        try:
            counts = store.counts().model_dump()
        except StoreError as exc:  # the store went away: the report still stands
            counts_error = f"store counts unavailable: {exc}"
    summary = {"stored": progress.articles, "statements": progress.statements, "failed": len(report.failures)}
    if args.json:
        _print_json({**report.model_dump(mode="json"), "summary": summary, "counts": counts,
                     "counts_error": counts_error})  # fmt: skip
    else:
        print(progress.summary())
        if counts is not None:
            print(
                f"store: {counts['articles']} articles, {counts['statements']} statements, {counts['actors']} actors, "
                f"{counts['relation_edges']} actor→actor edges"
            )
    for f in report.failures:
        print(f"error: {f.error}", file=sys.stderr)
    if counts_error:
        print(f"error: {counts_error}", file=sys.stderr)
    return 1 if report.failures or counts_error else 0


def cmd_bulk_load(args: argparse.Namespace) -> int:
    """Extract like ``ingest``, write the graph as CSV files, fill a NEW Neo4j database with
    ``neo4j-admin database import full`` (offline). Exit 0 when every article was loaded."""
    import shutil
    import tempfile

    from api.progress import ProgressBar, expected_articles
    from graph.claims import ClaimRules
    from graph.neo4j_bulk import BulkExport, check_target, import_tool, run_import
    from graph.settings import get_settings
    from loaders.pipeline import IngestFailure, IngestReport, ingest_stream

    tool = import_tool(Path(args.neo4j_home), jars=args.neo4j_jars, memory=args.import_memory)
    check_target(tool, args.database, overwrite=args.overwrite)  # before the extraction, not after it
    csv_dir = Path(args.csv_dir) if args.csv_dir else Path(tempfile.mkdtemp(prefix="diplograph-bulk-"))
    if args.csv_dir and csv_dir.exists() and any(csv_dir.iterdir()):
        raise InputError(f"--csv-dir {csv_dir} is not empty")
    report = IngestReport()
    bar = sys.stderr.isatty() and not args.json
    total = expected_articles(args.paths) if bar else None
    export = BulkExport(csv_dir, ClaimRules(window_days=get_settings().claim_window_days),  # as open_store's
                        workers=args.workers)  # fmt: skip
    try:
        with ProgressBar(total, enabled=bar) as progress:
            for outcome in ingest_stream(export, args.paths, lang=args.lang, workers=args.workers, dask=args.dask,
                                         batch_size=args.batch_size, on_progress=progress):  # fmt: skip
                progress.add(outcome)
                if isinstance(outcome, IngestFailure):
                    report.add(outcome)
        files = export.finish()
        output = run_import(tool, files, args.database, overwrite=args.overwrite)
    finally:
        export.close()
        if not args.csv_dir and not args.keep_csv:
            shutil.rmtree(csv_dir, ignore_errors=True)
    summary = {"articles": files.articles, "statements": files.statements, "failed": len(report.failures),
               "database": args.database, "neo4j_home": str(tool.home)}  # fmt: skip
    if args.json:
        _print_json({**report.model_dump(mode="json"), "summary": summary, "import_output": output})
    else:
        print(f"loaded {files.articles} articles, {files.statements} statements into database {args.database!r} "
              f"of {tool.home} (offline)")  # fmt: skip
        print("next: start the server; the first open (any diplograph command, the API) creates the constraints "
              "and indexes")  # fmt: skip
        if args.keep_csv or args.csv_dir:
            print(f"CSV files kept in {csv_dir}")
    for f in report.failures:
        print(f"error: {f.error}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from loaders.extract import extract
    from loaders.extract.report import extraction_report
    from loaders.intake import load_path

    out = []
    for name in args.files:
        for article in load_path(Path(name)):
            out.append(extraction_report(extract(article, lang=args.lang)))
    if args.json:
        _print_json(out[0] if len(out) == 1 and len(args.files) == 1 else out)
    else:
        for rep in out:
            art = rep["article"]
            print(f"{art.get('title')} [{art.get('language')}] {art.get('published_at')}")
            for st in rep["statements"]:
                print(f"  - {_line_from_report(st)}")
    return 0


def _line_from_report(st: dict[str, Any]) -> str:
    speaker = st.get("speaker") or {}
    who = speaker.get("id") or speaker.get("mention")
    behalf = (st.get("on_behalf_of") or {}).get("id")
    targets = ", ".join(t.get("id", "?") for t in st.get("targets", []) if t.get("role") == "target")
    rel = st.get("relation") or {}
    content = st.get("content") or {}
    via = (st.get("via") or {}).get("id")
    return (
        f"{who}{f' ({behalf})' if behalf else ''} —{rel.get('type')}→ {targets or '∅'} "
        f"[CAMEO {rel.get('cameo')}{f', via {via}' if via else ''}, {st.get('date') or 'undated'}, conf {st.get('confidence')}]"
        f"\n      {'“' if content.get('direct') else ''}{content.get('text', '')[:140]}"
    )


# -- filters shared by statements, export and claims (the API's statement filters) ------------


def add_filter_arguments(s: argparse.ArgumentParser) -> None:
    g = s.add_argument_group("filters (as the API's; actor names in any spelling or ids; repeatable ones OR)")
    g.add_argument("--speaker", action="append", help="speaker or the state/organisation it speaks for")
    g.add_argument("--target", action="append", help="target actor")
    g.add_argument("--about", action="append", help="actor in any role (target, mentioned, location)")
    g.add_argument("--relation", action="append", choices=[r.value for r in Relation])
    g.add_argument("--cameo", help="CAMEO root or code prefix, e.g. 12 or 1224")
    g.add_argument("--plover", help="PLOVER category, e.g. REJECT")
    g.add_argument("--quad-class", type=int, choices=[1, 2, 3, 4])
    g.add_argument("--language", help="ISO 639-1 language of the statement")
    g.add_argument("--outlet", help="outlet name or actor id")
    g.add_argument("--via", action="append", help="agency or outlet it was reported via")
    g.add_argument("--article-id")
    g.add_argument("--from", dest="date_from", type=date.fromisoformat, help="first day, YYYY-MM-DD")
    g.add_argument("--to", dest="date_to", type=date.fromisoformat, help="last day, YYYY-MM-DD")
    g.add_argument("--q", help="full-text words over content")
    g.add_argument("--min-confidence", type=float, default=0.0)


def filters_from(args: argparse.Namespace) -> StatementFilters:
    from graph.service import StatementFilters

    return StatementFilters(
        speaker=args.speaker,
        target=args.target,
        about=args.about,
        relation=[Relation(r) for r in args.relation] if args.relation else None,
        cameo=args.cameo,
        plover=args.plover,
        quad_class=args.quad_class,
        language=args.language,
        outlet=args.outlet,
        via=args.via,
        article_id=args.article_id,
        date_from=args.date_from,
        date_to=args.date_to,
        q=args.q,
        min_confidence=args.min_confidence,
    )


def _page_size(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"{value} is not between 1 and 1000")
    return value


def _add_format(s: argparse.ArgumentParser) -> None:
    s.add_argument("--format", choices=OUTPUT_FORMATS, default=None, help="table (default), json or csv")
    s.add_argument("--json", action="store_true", help="same as --format json")


def _format(args: argparse.Namespace) -> str:
    fmt: str = "json" if args.json else args.format or "table"
    return fmt


def cmd_statements(args: argparse.Namespace) -> int:
    from graph import export, service

    fmt = _format(args)
    with _store(args) as store:
        query = service.build_query(store, filters_from(args), sort=args.sort, limit=args.limit)
        page = store.list_statements(query)
        if fmt == "csv":
            data = store.graph_data_for(page.items)
            table = export.rows(data, export.articles_for(store, page.items))
            emit_csv(export.COLUMNS, [[r[c] for c in export.COLUMNS] for r in table])
            return 0
        views = service.statement_views(store, page.items)
    if fmt == "json":
        emit_json({"total": page.total, "items": [v.model_dump(mode="json") for v in views],
                   "next_cursor": page.next_cursor})  # fmt: skip
        return 0
    columns = ["date", "source", "relation", "stance", "targets", "content", "outlet", "conf"]
    rows = [
        [
            str(v.date or "undated"),
            _who(v),
            v.relation.value,
            v.stance,
            ", ".join(t.name for t in v.targets if t.role == "target") or "∅",
            ("“" + v.content[:160] + "”") if v.quote else v.content[:160],
            (v.article.outlet or "") + (f" via {v.via.name}" if v.via else ""),
            v.confidence,
        ]
        for v in views
    ]
    emit_table(columns, rows, title=f"{len(rows)} of {page.total} statements" if page.total is not None else None)
    if not rows:
        print("no statements", file=sys.stderr)
    elif page.total is not None and page.total > len(rows):
        print(f"… {page.total - len(rows)} more (use --limit)", file=sys.stderr)
    return 0


def _who(v: Any) -> str:
    if v.on_behalf_of and v.speaker and v.on_behalf_of.id != v.speaker.id:
        return f"{v.on_behalf_of.name} ({v.speaker.name})"
    ref = v.on_behalf_of or v.speaker
    return str(ref.name) if ref else str(v.speaker_mention)


def cmd_claims(args: argparse.Namespace) -> int:
    from graph.claim_views import build_claim_query, claim_views

    fmt = _format(args)
    with _store(args) as store:
        query = build_claim_query(store, filters_from(args), min_sources=args.min_sources, sort=args.sort,
                                  limit=args.limit)  # fmt: skip
        page = store.list_claims(query)
        views = claim_views(store, page.items)
    if fmt == "json":
        emit_json({"total": page.total, "items": [v.model_dump(mode="json") for v in views],
                   "next_cursor": page.next_cursor})  # fmt: skip
        return 0
    columns = ["claim_id", "date", "date_to", "source", "relation", "stance", "targets", "reports", "sources",
               "outlets", "confidence", "content", "source_url"]  # fmt: skip
    rows = [
        [
            v.id, str(v.date or "undated"), str(v.date_to or "undated"), _who(v), v.relation.value, v.stance,
            "; ".join(t.name for t in v.targets if t.role == "target"), v.num_reports, v.num_sources,
            "; ".join(v.outlets), v.confidence, v.content if fmt == "csv" else v.content[:140], v.source_url or "",
        ]
        for v in views
    ]  # fmt: skip
    if fmt == "csv":
        emit_csv(columns, rows)
        return 0
    emit_table(columns, rows, title=f"{len(rows)} of {page.total} claims" if page.total is not None else None)
    if not rows:
        print("no claims", file=sys.stderr)
    elif page.total is not None and page.total > len(rows):
        print(f"… {page.total - len(rows)} more (use --limit)", file=sys.stderr)
    return 0


def cmd_actors(args: argparse.Namespace) -> int:
    fmt = _format(args)
    with _store(args) as store:
        if args.query and args.query.strip():
            found = store.find_actors(args.query.strip(), limit=min(5000, args.offset + args.limit + 500))
            if args.kind:
                found = [a for a in found if a.kind.value == args.kind]
            actors = found[args.offset : args.offset + args.limit]
        else:
            actors = store.list_actors(kind=args.kind, limit=args.limit, offset=args.offset)
    if fmt == "json":
        emit_json([a.model_dump(mode="json") for a in actors])
        return 0
    columns = ["id", "kind", "name", "country", "qid", "aliases"]
    rows = [[a.id, a.kind.value, a.name, a.country or "", a.qid or "", "; ".join(a.aliases)] for a in actors]
    if fmt == "csv":
        emit_csv(columns, rows)
    else:
        emit_table(columns, rows)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from graph import export, service

    if args.output is None and args.format == "parquet" and sys.stdout.isatty():
        raise InputError("Parquet is binary: give -o FILE (or redirect stdout)")
    with _store(args) as store:
        statements = service.all_statements(store, service.build_query(store, filters_from(args), sort="date"))
        body = export.export_statements(store, statements, args.format)
    if args.output is None or args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
    else:
        out = Path(args.output)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(body)
        tmp.replace(out)
        print(f"wrote {len(statements)} statements as {args.format} to {out} ({len(body):,} bytes)", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _store(args) as store:
        counts = store.counts()
    _print_json({"store": store.kind, **counts.model_dump()})
    return 0


def _warn_missing_libraries() -> None:
    from api.routers.network_page import missing_libraries

    if missing_libraries():
        print(
            "diplograph: the browser libraries are missing: the network page and /docs need Node.js + npm "
            "(run `npm ci` in the repository); the API serves meanwhile",
            file=sys.stderr,
        )


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from graph.settings import get_settings

    settings = get_settings()
    host = args.host or settings.host
    port = args.port or settings.port
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    _warn_missing_libraries()
    if args.workers > 1:
        # each worker process builds the app from api.app and opens its own store from the settings
        if args.store:
            os.environ["DIPLOGRAPH_STORE"] = args.store
        if args.host:
            os.environ["DIPLOGRAPH_HOST"] = args.host  # the Host allowlist answers the name served on
        if args.ingest:
            _serve_ingest(args, _store(args))
        kind = (args.store or settings.store).split(":", 1)[0]
        print(f"diplograph: serving the {kind} store at {url} with {args.workers} worker processes  ·  "
              f"network page {url}/  ·  API docs {url}/docs")  # fmt: skip
        uvicorn.run(
            "api.app:app", host=host, port=port, workers=args.workers, log_level="info", access_log=args.access_log
        )
        return 0
    store = _store(args)
    if args.ingest:
        _serve_ingest(args, store)
    print(f"diplograph: serving the {store.kind} store at {url}  ·  network page {url}/  ·  API docs {url}/docs")
    from api.app import create_app

    app = create_app(store=store, settings=settings.model_copy(update={"host": host}))  # Host allowlist
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=args.access_log)
    return 0


def _serve_ingest(args: argparse.Namespace, store: GraphStore) -> None:
    from loaders.pipeline import ingest_sources

    report = ingest_sources(store, args.ingest)
    for f in report.failures:
        print(f"error: {f.error}", file=sys.stderr)
    if args.workers > 1:
        store.close()


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="diplograph", description="Diplomatic-statement knowledge graph.")
    p.add_argument("--store", help="store URL (default: DIPLOGRAPH_STORE or sqlite:///data/diplograph.db)")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="ingest files, folders or URLs")
    s.add_argument("paths", nargs="+")
    s.add_argument("--lang", help="force the language (ISO 639-1)")
    s.add_argument("--json", action="store_true")
    s.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="extract in N processes (default 1: in this process); this process stays the one writer",
    )
    s.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="extract on a Dask cluster: 'local' (a LocalCluster of --workers processes) or tcp://scheduler:8786;"
        " needs the dask extra",
    )
    s.add_argument(
        "--batch-size",
        type=_positive,
        metavar="N",
        help="articles per store write (default: the store's, 400 for SQLite, 200 for Neo4j)",
    )
    s.add_argument(
        "--retries", type=int, default=4, help="retries of a transient store error per batch (backoff 0.5 s, doubling)"
    )
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser(
        "bulk-load",
        help="first fill of a NEW Neo4j database: extract like ingest, then neo4j-admin database import full (offline)",
        description="Extract files, folders or URLs exactly as `ingest` does, write the graph as CSV files and "
        "fill a new Neo4j database with `neo4j-admin database import full` while its server is stopped. Start the "
        "server afterwards: the first open creates the indexes and derives claims, their counts and stance pieces. "
        "Refuses a running server and an existing database (unless --overwrite). Later articles: `ingest`.",
    )
    s.add_argument("paths", nargs="+")
    s.add_argument("--neo4j-home", required=True, metavar="DIR",
                   help="the Neo4j home (NEO4J_HOME: conf/, data/); with scripts/neo4j-local.sh $NEO4J_LOCAL_DIR/home")  # fmt: skip
    s.add_argument("--database", default="neo4j", help="database name (default neo4j)")
    s.add_argument("--neo4j-jars", metavar="DIR",
                   help="Neo4j jars when the home has no bin/neo4j-admin (default NEO4J_JARS_DIR, else "
                   ".neo4j-local/jars/<version> of this checkout)")  # fmt: skip
    s.add_argument("--overwrite", action="store_true", help="REPLACE an existing database of that name (data lost)")
    s.add_argument("--csv-dir", metavar="DIR", help="write the CSV files here and keep them (default: a temp dir)")
    s.add_argument("--keep-csv", action="store_true", help="keep the temporary CSV files")
    s.add_argument("--import-memory", default="1g", metavar="SIZE", help="heap and off-heap memory of the import tool")
    s.add_argument("--lang", help="force the language (ISO 639-1)")
    s.add_argument("--json", action="store_true")
    s.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="extract in N processes, then group the claims in N processes")  # fmt: skip
    s.add_argument("--dask", metavar="ADDRESS", help="extract on a Dask cluster ('local' or tcp://scheduler:8786)")
    s.add_argument("--batch-size", type=_positive, default=200, metavar="N", help="articles per chunk")
    s.set_defaults(func=cmd_bulk_load)

    s = sub.add_parser("extract", help="print the statements extracted from files, with offsets (nothing stored)")
    s.add_argument("files", nargs="+", metavar="FILE")
    s.add_argument("--lang")
    s.add_argument("--json", action="store_true", help="one object for one article, else a list")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("statements", help="query statements with the API's filters")
    add_filter_arguments(s)
    s.add_argument("--sort", choices=["date", "-date", "confidence", "-confidence"], default="-date")
    s.add_argument("--limit", type=_page_size, default=50, help="1 to 1000")
    _add_format(s)
    s.set_defaults(func=cmd_statements)

    s = sub.add_parser("claims", help="query claims (one statement, however many outlets reported it)")
    add_filter_arguments(s)
    s.add_argument("--min-sources", type=int, default=1, help="at least this many distinct outlets")
    s.add_argument("--sort", choices=["date", "-date", "confidence", "-confidence"], default="-date")
    s.add_argument("--limit", type=_page_size, default=50, help="1 to 1000")
    _add_format(s)
    s.set_defaults(func=cmd_claims)

    s = sub.add_parser("actors", help="list actors or search them by name (any spelling)")
    s.add_argument("query", nargs="?")
    s.add_argument("--kind", choices=[k.value for k in ActorKind])
    s.add_argument("--limit", type=_page_size, default=20, help="1 to 1000")
    s.add_argument("--offset", type=int, default=0)
    _add_format(s)
    s.set_defaults(func=cmd_actors)

    s = sub.add_parser("export", help="export the network or statements for any filter to a file")
    s.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                   help="graphml, gexf (dynamic), csv, jsonl or parquet")  # fmt: skip
    s.add_argument("-o", "--output", help="file to write (default: stdout)")
    add_filter_arguments(s)
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("stats", help="counts in the store")
    s.set_defaults(func=cmd_stats)

    s = sub.add_parser("serve", help="serve the HTTP API and the network page")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--ingest", nargs="*", help="ingest these paths first")
    s.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="serve from N worker processes (each opens the store; default 1)",
    )
    s.add_argument("--no-access-log", dest="access_log", action="store_false", help="do not log every request")
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # the reader went away (`diplograph actors | head`): stop quietly
        quiet_broken_pipe()
        return 141
    except DiplographError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, KeyboardInterrupt) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
