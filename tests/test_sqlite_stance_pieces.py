"""SQLite keeps one stance piece per (target, source, claim) as claims regroup (graph/sqlite_stances.py):
its stance sources equal the ones read from every statement's brief (GraphStore.stance_sources'
default) through ingest, re-ingest, delete and a claim rebuild, and a file written before the
pieces existed gets them on open."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from support import random_graph, stance_checks

from graph import sqlite_stances
from graph.model import IngestBatch
from graph.sqlite_store import SqliteStore

TARGETS = [*random_graph.STATES, *random_graph.INITIATIVES, "nobody"]


def test_stance_pieces_follow_every_write_and_equal_the_briefs(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "g.db") as opened:
        assert isinstance(opened, SqliteStore)
        store = opened
        store.ensure_schema()
        data = stance_checks.with_undated(random_graph.batches(seed=9, articles=40))
        data[12:12] = [
            stance_checks.echo(data[k], f"sha:echo-{k}", lang)
            for k, lang in ((3, "en"), (25, "fr"), (6, "fr"), (9, "id"), (14, "en"))
        ]
        assert not store.ingest_many(data[:30]).failures
        assert stance_checks.from_pieces(store, TARGETS) == stance_checks.from_briefs(store, TARGETS)
        for b in data[30:]:  # one by one: each regroups a neighbourhood
            store.ingest(b)
        store.ingest(data[2])  # the same again
        changed = data[4].model_copy(update={"statements": [
            s.model_copy(update={"relation": s.relation, "confidence": 0.99, "conditions": ["if y"]})
            for s in data[4].statements]})  # fmt: skip
        store.ingest(changed)  # a new version of an article: its statements change in place
        assert store.delete_article(data[7].article.id)
        expected = stance_checks.from_briefs(store, TARGETS)
        assert stance_checks.from_pieces(store, TARGETS) == expected
        assert any(s.changed for v in expected.values() for s in v)
        assert any(s.source.startswith("mention:") for v in expected.values() for s in v)
        assert any(s.claims < s.reports for v in expected.values() for s in v)
        stance_checks.assert_mixed(store.graph_data().statements, data, expected)
        ranges = stance_checks.RANGES + stance_checks.cut_ranges(store.graph_data().statements)
        within = stance_checks.within(store, TARGETS, True, ranges)
        assert stance_checks.within(store, TARGETS, False, ranges) == within
        store.rebuild_claims()
        assert stance_checks.from_pieces(store, TARGETS) == expected
        assert stance_checks.within(store, TARGETS, False, ranges) == within


@pytest.mark.parametrize("rewrite", ["drop", "stale", "spans", "views"])
def test_an_older_file_gets_the_stance_pieces_on_open(tmp_path: Path, rewrite: str) -> None:
    path = tmp_path / "old.db"
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert not opened.ingest_many(random_graph.batches(seed=4, articles=30)).failures
        expected = stance_checks.from_pieces(opened, TARGETS)
        ranges = stance_checks.RANGES + stance_checks.cut_ranges(opened.graph_data().statements)
        within = stance_checks.within(opened, TARGETS, True, ranges)
    conn = sqlite3.connect(path)
    with conn:
        if rewrite == "drop":
            conn.execute("DROP TABLE stance_pieces")
            conn.execute("DROP TABLE stance_counts")
        elif rewrite == "stale":
            conn.execute("UPDATE stance_counts SET claims = claims + 3")
        if rewrite == "views":  # pieces written before the language and report views: only those are derived
            views = "target_id GLOB '*\x1f*' OR target_id GLOB '*\x1e'"
            assert conn.execute(f"SELECT count(*) FROM stance_pieces WHERE {views}").fetchone()[0]
            conn.execute("DROP TABLE stance_reports")
            conn.execute(f"DELETE FROM stance_pieces WHERE {views}")
            conn.execute(f"DELETE FROM stance_counts WHERE {views}")
            conn.execute("DELETE FROM meta WHERE key = 'stance_views'")
        elif rewrite == "spans":  # pieces written before their spans: only the spans are derived
            conn.execute("DROP INDEX stance_pieces_spans")
            conn.execute("ALTER TABLE stance_pieces DROP COLUMN span_from")
            conn.execute("ALTER TABLE stance_pieces DROP COLUMN span_to")
            conn.execute("DELETE FROM meta WHERE key IN ('stance_spans', 'stance_span_days')")
        else:
            conn.execute("DELETE FROM meta WHERE key = 'stance_pieces'")
    conn.close()
    with SqliteStore(path) as opened:
        assert isinstance(opened, SqliteStore)
        opened.ensure_schema()
        assert stance_checks.from_pieces(opened, TARGETS) == expected
        assert stance_checks.from_briefs(opened, TARGETS) == expected
        assert stance_checks.within(opened, TARGETS, False, ranges) == within


def test_a_batch_regrouping_claims_across_chunks_is_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports that move to another claim (an earlier report of it arrives) keep their piece ids:
    however many chunks the piece refresh takes, the batch is written in one transaction, not
    retried article by article, and the pieces equal the briefs."""
    monkeypatch.setattr(sqlite_stances, "CHUNK", 1)
    writes: list[int] = []
    write_batches = SqliteStore._write_batches

    def counted(self: SqliteStore, batches: list[IngestBatch]) -> list[bool]:
        writes.append(len(batches))
        return write_batches(self, batches)

    monkeypatch.setattr(SqliteStore, "_write_batches", counted)
    with SqliteStore(tmp_path / "g.db") as opened:
        assert isinstance(opened, SqliteStore)
        store = opened
        store.ensure_schema()
        data = random_graph.batches(seed=9, articles=40)
        assert not store.ingest_many(data).failures
        moved = {st.id: st.claim_id for st in store.graph_data().statements}
        # the same reports, published a day before: each claim gets a new earliest report
        earlier = [_earlier(b, f"sha:early-{k}") for k, b in enumerate(data) if b.statements]
        writes.clear()
        assert not store.ingest_many(earlier).failures
        assert writes == [len(earlier)]  # one transaction, no article-by-article retry
        after = {st.id: st.claim_id for st in store.graph_data().statements}
        assert sum(after[i] != c for i, c in moved.items()) > 10  # reports did move between claims
        assert stance_checks.from_pieces(store, TARGETS) == stance_checks.from_briefs(store, TARGETS)


def _earlier(batch: IngestBatch, article_id: str) -> IngestBatch:
    """Another outlet's report of the same article, published a day before it."""
    echoed = stance_checks.echo(batch, article_id, "en")
    published = batch.article.published_at
    assert published is not None
    article = echoed.article.model_copy(update={"published_at": published - timedelta(days=1)})
    return IngestBatch.model_validate({**dict(echoed), "article": article})
