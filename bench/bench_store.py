"""Store benchmark: ingest throughput, re-ingest, and query latency on a synthetic corpus.

Usage::

    .venv/bin/python bench/bench_store.py [--store sqlite:////tmp/b.db | neo4j://127.0.0.1:17687]
        [--articles 500] [--statements 8]

Prints articles/s and statements/s for first ingest and idempotent re-ingest, the p50/p95
latency of typical queries, and peak Python memory (tracemalloc). Numbers, not assertions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from graph.factory import open_store
from graph.model import (
    Actor,
    ActorKind,
    Article,
    IngestBatch,
    Relation,
    Span,
    Statement,
    StatementQuery,
    Target,
    TargetRole,
)
from graph.neo4j_store import Neo4jStore
from graph.relations import codes_for
from graph.store import GraphStore

RELS = list(Relation)


def corpus(n_articles: int, per_article: int, seed: int = 7) -> list[IngestBatch]:
    rnd = random.Random(seed)
    states = [
        Actor(id=f"state-{i}", name=f"State {i}", kind=ActorKind.state, aliases=[f"Negara {i}"]) for i in range(60)
    ]
    people = [Actor(id=f"person-{i}", name=f"Person {i}", kind=ActorKind.person) for i in range(200)]
    inits = [Actor(id=f"init-{i}", name=f"Initiative {i}", kind=ActorKind.initiative) for i in range(10)]
    media = [Actor(id=f"agency-{i}", name=f"Agency {i}", kind=ActorKind.media) for i in range(8)]
    out = []
    for a in range(n_articles):
        day = date(2025, 1, 1) + timedelta(days=rnd.randrange(365))
        text = " ".join(
            f"Sentence {k} of article {a} says something about peace and security." for k in range(per_article * 2)
        )
        art = Article(
            id=f"sha:bench{a:06d}", url=None, outlet="Agency 0", outlet_id="agency-0", title=f"Bench {a}",
            language=rnd.choice(["id", "en", "es", "fr"]),
            published_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC), text=text,
        )  # fmt: skip
        used: dict[str, Actor] = {"agency-0": media[0]}
        sts = []
        for k in range(per_article):
            sp, st, tg = rnd.choice(people), rnd.choice(states), rnd.choice(states + inits)
            via = rnd.choice(media)
            rel = rnd.choice(RELS)
            codes = codes_for(rel)
            start = k * 60
            content = text[start : start + 55]
            used.update({sp.id: sp, st.id: st, tg.id: tg, via.id: via})
            sts.append(Statement(
                id=Statement.make_id(art.id, start, start + 55), article_id=art.id, speaker_id=sp.id,
                speaker_mention=sp.name, on_behalf_of_id=st.id, relation=rel, cameo=codes.cameo, plover=codes.plover,
                quad_class=codes.quad_class, goldstein=codes.goldstein,
                targets=[Target(actor_id=tg.id, role=TargetRole.target)], content=content,
                content_span=Span(start=start, end=start + 55, text=content), direct=bool(k % 2), date=day,
                via_id=via.id, confidence=rnd.random(), language=art.language,
            ))  # fmt: skip
        out.append(IngestBatch(article=art, actors=list(used.values()), statements=sts))
    return out


def timed(fn: Callable[[], object], repeat: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times) * 1000, times[int(len(times) * 0.95) - 1] * 1000


def run(store: GraphStore, batches: list[IngestBatch]) -> None:
    n_st = sum(len(b.statements) for b in batches)
    t = time.perf_counter()
    for b in batches:
        store.ingest(b)
    dt = time.perf_counter() - t
    print(f"ingest      {len(batches)} articles, {n_st} statements in {dt:.2f}s: "
          f"{len(batches) / dt:.0f} articles/s, {n_st / dt:.0f} statements/s")  # fmt: skip
    before = store.counts()
    t = time.perf_counter()
    for b in batches[:100]:
        store.ingest(b)
    dt = time.perf_counter() - t
    assert store.counts() == before, "re-ingest changed counts"
    print(f"re-ingest   100 articles in {dt:.2f}s: {100 / dt:.0f} articles/s (counts unchanged)")
    queries: dict[str, StatementQuery] = {
        "speaker page": StatementQuery(speaker_ids=["state-3"], limit=50),
        "target+relation": StatementQuery(target_ids=["init-2"], relations=[Relation.declines]),
        "date range": StatementQuery(date_from=date(2025, 3, 1), date_to=date(2025, 3, 31)),
        "full text": StatementQuery(q="peace security", limit=20),
        "actor search": StatementQuery(),
    }
    for name, q in queries.items():
        fn: Callable[[], object] = (lambda: store.find_actors("negara 1")) if name == "actor search" else (
            lambda q=q: store.list_statements(q))  # fmt: skip
        p50, p95 = timed(fn)
        print(f"query       {name:16s} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms")
    t = time.perf_counter()
    data = store.graph_data(StatementQuery(speaker_ids=["state-1", "state-2", "state-3"]))
    print(
        f"graph_data  {len(data.statements)} statements, {len(data.actors)} actors in {(time.perf_counter() - t) * 1000:.0f} ms"
    )
    print(f"counts      {store.counts().model_dump()}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store")
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--statements", type=int, default=8)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.store or f"sqlite:///{tmp}/bench.db"
    batches = corpus(args.articles, args.statements)
    tracemalloc.start()
    with open_store(url) as store:
        if isinstance(store, Neo4jStore):  # a bench server must be empty or a test database: never a user's graph
            owner = f"bench-{uuid.uuid4().hex}"
            store.claim_for_tests(owner)
            store.wipe(owner)
        print(f"store       {store.kind} ({url})")
        run(store, batches)
    _, peak = tracemalloc.get_traced_memory()
    print(f"memory      peak {peak / 2**20:.1f} MiB (Python heap, tracemalloc)")


if __name__ == "__main__":
    main()
