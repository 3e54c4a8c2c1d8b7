"""Claims do not depend on the order (or the parallelism) in which articles arrive — on every store.

Fifty articles (our multi-outlet reports of tests/fixtures/claims, the seed and development
fixtures) are ingested in three orders, one of them in batches, and once from four threads;
every run gives the same claims, ids included, and deleting the articles dissolves them all.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

from support.eval_module import load_eval

from graph.model import Claim, ClaimQuery, IngestBatch
from graph.store import GraphStore
from loaders.extract import extract
from loaders.intake import load_path

ROOT = Path(__file__).resolve().parent.parent


@cache
def fifty() -> tuple[IngestBatch, ...]:
    articles = load_path(ROOT / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt")
    for path in sorted((ROOT / "tests" / "fixtures" / "claims").glob("*.jsonl")):
        articles.extend(load_path(path))
    ev = load_eval()
    fixtures = ev.load_fixtures(root=ev.CORPORA["dev"])
    articles.extend(fx.article() for fx in fixtures[: 50 - len(articles)])
    assert len(articles) == 50 and len({a.id for a in articles}) == 50
    return tuple(extract(a) for a in articles)


def claims_of(store: GraphStore) -> list[Claim]:
    page = store.list_claims(ClaimQuery(limit=1000, sort="date"))
    assert page.next_cursor is None
    return sorted(page.items, key=lambda c: c.id)


def wipe_ours(store: GraphStore, batches: tuple[IngestBatch, ...]) -> None:
    for b in batches:
        store.delete_article(b.article.id)
    assert store.counts().claims == 0 and store.counts().statements == 0


def test_fifty_articles_in_three_orders_and_in_parallel_give_the_same_claims(store: GraphStore) -> None:
    batches = fifty()
    statements = sum(len(b.statements) for b in batches)
    runs: list[list[Claim]] = []
    orders = [list(batches), list(reversed(batches)), random.Random(50).sample(batches, len(batches))]
    for n, order in enumerate(orders):
        if n == 2:
            result = store.ingest_many(order, batch_size=7)  # several articles per transaction
            assert not result.failures
        else:
            for batch in order:
                store.ingest(batch)
        runs.append(claims_of(store))
        wipe_ours(store, batches)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(store.ingest, random.Random(7).sample(batches, len(batches))))
    runs.append(claims_of(store))
    first = runs[0]
    assert sum(c.num_reports for c in first) == statements
    assert any(c.num_sources >= 3 for c in first)  # the corpus does hold multi-outlet claims
    for other in runs[1:]:
        assert [c.id for c in other] == [c.id for c in first]
        assert other == first
    counts = store.counts()
    assert counts.claims == len(first) and counts.statements == statements
    # and ingesting everything again changes nothing
    store.ingest_many(batches, batch_size=50)
    assert claims_of(store) == first
    wipe_ours(store, batches)
