"""The ``diplograph`` command line: ingest, extract, statements, actors, stats, serve."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import DiplographError
from graph.model import Relation, Statement, StatementQuery
from graph.service import actor_ids_of
from graph.store import GraphStore


def _store(args: argparse.Namespace) -> GraphStore:
    from graph.factory import open_store

    return open_store(args.store)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_ingest(args: argparse.Namespace) -> int:
    from loaders.pipeline import IngestFailure, IngestReport, ingest_stream

    report = IngestReport()
    with _store(args) as store:
        outcomes = ingest_stream(
            store, args.paths, lang=args.lang, workers=args.workers, dask=args.dask, batch_size=args.batch_size
        )
        for outcome in outcomes:
            if isinstance(outcome, IngestFailure) or args.json:
                report.add(outcome)  # results are kept only for --json: memory stays bounded
                continue
            state = "new" if outcome.created else "updated"
            print(f"ingested {outcome.source or outcome.article_id}: {outcome.statements} statements ({state})")
            for w in outcome.warnings:
                print(f"  warning: {w}")
        counts = store.counts()
    if args.json:
        _print_json({**report.model_dump(mode="json"), "counts": counts.model_dump()})
    else:
        print(
            f"store: {counts.articles} articles, {counts.statements} statements, {counts.actors} actors, "
            f"{counts.relation_edges} actor→actor edges"
        )
    for f in report.failures:
        print(f"error: {f.error}", file=sys.stderr)
    return 1 if report.failures else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from loaders.extract import extract
    from loaders.extract.report import extraction_report
    from loaders.intake import load_path

    out = []
    for article in load_path(Path(args.file)):
        out.append(extraction_report(extract(article, lang=args.lang)))
    if args.json:
        _print_json(out if len(out) != 1 else out[0])
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
        f"[CAMEO {rel.get('cameo')}{f', via {via}' if via else ''}, {st.get('date')}, conf {st.get('confidence')}]"
        f"\n      {'“' if content.get('direct') else ''}{content.get('text', '')[:140]}"
    )


def _resolve(store: GraphStore, name: str | None) -> list[str] | None:
    from graph.resolve import resolve_actor_ids

    return resolve_actor_ids(store, name) if name else None


def cmd_statements(args: argparse.Namespace) -> int:
    with _store(args) as store:
        query = StatementQuery(
            speaker_ids=_resolve(store, args.speaker),
            target_ids=_resolve(store, args.target),
            about_ids=_resolve(store, args.about),
            relations=[Relation(args.relation)] if args.relation else None,
            via_ids=_resolve(store, args.via),
            date_from=args.date_from,
            date_to=args.date_to,
            q=args.q,
            limit=args.limit,
        )
        page = store.list_statements(query)
        names = {a.id: a.name for a in store.get_actors(sorted(actor_ids_of(page.items)))}
        articles = {aid: store.get_article(aid) for aid in {s.article_id for s in page.items}}
    if args.json:
        items = []
        for st in page.items:
            art = articles.get(st.article_id)
            item = st.model_dump(mode="json")
            item["article"] = (
                {"url": art.url, "title": art.title, "outlet": art.outlet,
                 "published_at": art.published_at.isoformat() if art.published_at else None}
                if art else None
            )  # fmt: skip
            items.append(item)
        _print_json({"total": page.total, "items": items, "next_cursor": page.next_cursor})
        return 0
    if not page.items:
        print("no statements")
    for st in page.items:
        print(_line(st, names, articles))
    if page.total is not None and page.total > len(page.items):
        print(f"… {page.total - len(page.items)} more (use --limit)")
    return 0


def _line(st: Statement, names: dict[str, str], articles: dict[str, Any]) -> str:
    def n(x: str | None) -> str:
        return names.get(x, x) if x else "?"

    source = n(st.on_behalf_of_id or st.speaker_id)
    speaker = f" (speaker {n(st.speaker_id)})" if st.speaker_id and st.on_behalf_of_id else ""
    targets = ", ".join(n(t) for t in st.target_ids()) or "∅"
    via = f", via {n(st.via_id)}" if st.via_id else ""
    art = articles.get(st.article_id)
    outlet = f" [{art.outlet}]" if art is not None and art.outlet else ""
    quote = "“" + st.content[:160] + "”" if st.direct else st.content[:160]
    return (
        f"{st.date} {source}{speaker} —{st.relation.value}→ {targets} "
        f"(CAMEO {st.cameo}, {st.plover}{via}){outlet} conf {st.confidence:.2f}\n    {quote}"
    )


def cmd_actors(args: argparse.Namespace) -> int:
    with _store(args) as store:
        actors = store.find_actors(args.query, limit=args.limit) if args.query else store.list_actors(limit=args.limit)
    if args.json:
        _print_json([a.model_dump(mode="json") for a in actors])
    else:
        for a in actors:
            print(f"{a.id}\t{a.kind.value}\t{a.name}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _store(args) as store:
        counts = store.counts()
    _print_json({"store": store.kind, **counts.model_dump()})
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from graph.settings import get_settings

    settings = get_settings()
    host = args.host or settings.host
    port = args.port or settings.port
    if args.workers > 1:
        # each worker process builds the app from api.app and opens its own store from the settings
        if args.store:
            os.environ["DIPLOGRAPH_STORE"] = args.store
        if args.ingest:
            _serve_ingest(args, _store(args))
        kind = (args.store or settings.store).split(":", 1)[0]
        print(f"diplograph: serving the {kind} store on http://{host}:{port} with {args.workers} worker processes")
        uvicorn.run(
            "api.app:app", host=host, port=port, workers=args.workers, log_level="info", access_log=args.access_log
        )
        return 0
    store = _store(args)
    if args.ingest:
        _serve_ingest(args, store)
    print(f"diplograph: serving the {store.kind} store on http://{host}:{port} (docs at /docs, network at /)")
    from api.app import create_app

    uvicorn.run(create_app(store=store), host=host, port=port, log_level="info", access_log=args.access_log)
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
    s.add_argument("--batch-size", type=_positive, default=200, metavar="N", help="articles per store write")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("extract", help="print the statements extracted from a file, with offsets")
    s.add_argument("file")
    s.add_argument("--lang")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_extract)

    s = sub.add_parser("statements", help="query statements")
    s.add_argument("--speaker", help="speaker or the state/organisation it speaks for (any spelling)")
    s.add_argument("--target")
    s.add_argument("--about", help="actor in any role")
    s.add_argument("--relation", choices=[r.value for r in Relation])
    s.add_argument("--via")
    s.add_argument("--from", dest="date_from", type=date.fromisoformat)
    s.add_argument("--to", dest="date_to", type=date.fromisoformat)
    s.add_argument("--q", help="full-text words over content")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_statements)

    s = sub.add_parser("actors", help="search actors by name (any spelling)")
    s.add_argument("query", nargs="?")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_actors)

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
        return code
    except DiplographError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, KeyboardInterrupt) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
