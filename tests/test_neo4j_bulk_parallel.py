"""The bulk exporter's rows made and claims grouped by a pool of worker processes
(``BulkExport(workers=N)``, graph/neo4j_bulk.py) are the very files of one process: every
file byte for byte (the counts' float sums included), with bucket groups, an article's headline
and lead joining two buckets, and undated reports in several chunks. tests/test_neo4j_bulk_buckets.py
checks the one-process files against grouping everything at once, tests/test_neo4j_bulk_import.py
that they load as the graph ``ingest_many`` writes."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from test_neo4j_bulk_buckets import _corpus, _straddling

from graph.claims import ClaimRules
from graph.model import IngestBatch, Statement
from graph.neo4j_bulk import BulkExport, ImportFiles


def _articles() -> list[IngestBatch]:
    """The corpus of the bucket test (the hand-built corpus, a random graph with every fifth
    article undated, bench articles over four months) and its article whose headline and lead
    straddle a week boundary, in no order."""
    out: list[IngestBatch] = [*_corpus(), *_straddling()]
    random.Random(3).shuffle(out)
    return out


class _Jobs(BulkExport):
    """The exporter, keeping the groups it hands out."""

    jobs: list[tuple[str, tuple[int, ...]]]

    def _group_jobs(self) -> list[tuple[str, tuple[int, ...]]]:
        self.jobs = super()._group_jobs()
        return self.jobs


def _export(directory: Path, articles: list[IngestBatch], rules: ClaimRules, workers: int) -> tuple[_Jobs, ImportFiles]:
    export = _Jobs(directory, rules, workers=workers)
    export.undated_chunk = 5  # several chunks of undated reports
    assert not export.ingest_many(articles, batch_size=40).failures
    files = export.finish()
    assert not list(directory.glob("*.spill*"))  # the scratch files are gone
    return export, files


@pytest.mark.parametrize("window_days", [7, 2])
def test_a_pool_of_workers_writes_the_files_of_one_process(tmp_path: Path, window_days: int) -> None:
    rules = ClaimRules(window_days=window_days)
    articles = _articles()
    one, want = _export(tmp_path / "one", articles, rules, workers=1)
    pool, got = _export(tmp_path / "pool", articles, rules, workers=2)
    kinds = [kind for kind, _ in one.jobs]
    assert kinds.count("undated") >= 3 and kinds.count("buckets") > 10  # many groups of each kind
    assert any(kind == "buckets" and len(buckets) > 1 for kind, buckets in one.jobs)  # two weeks joined
    assert pool.jobs == one.jobs
    assert [(label, p.name) for label, p in got.nodes] == [(label, p.name) for label, p in want.nodes]
    assert [(rel, p.name) for rel, p in got.relationships] == [(rel, p.name) for rel, p in want.relationships]
    assert (
        (got.statements, got.articles)
        == (want.statements, want.articles)
        == (len(_statements(articles)), len(articles))
    )
    for (_, mine), (_, theirs) in zip(
        [*got.nodes, *got.relationships], [*want.nodes, *want.relationships], strict=True
    ):
        assert mine.read_bytes() == theirs.read_bytes(), mine.name
    claims = (want.directory / "Claim.csv").read_text(encoding="utf-8").count("\n") - 1
    assert 0 < claims < got.statements  # some claims join reports


def _statements(articles: list[IngestBatch]) -> list[Statement]:
    return [s for b in articles for s in b.statements]
