"""bench/dbhash.py: equal stores hash equal whatever their write history; any changed row shows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from support.ingest import fixture_lines

from bench.dbhash import store_digest
from graph.sqlite_claims import VOICE
from graph.sqlite_store import SqliteStore
from loaders.pipeline import ingest_sources


def _fill(folder: Path, *, extra_transaction: bool = False) -> Path:
    folder.mkdir()
    corpus = folder / "corpus.jsonl"  # each store reads its own copy: the source paths differ
    corpus.write_text("\n".join(fixture_lines()) + "\n", encoding="utf-8")
    db = folder / "store.db"
    with SqliteStore(db) as store:
        store.ensure_schema()
        assert not ingest_sources(store, [corpus]).failures
        if extra_transaction:
            store.upsert_actors([])  # writes nothing, moves meta.generation on
    return db


def test_the_same_corpus_hashes_equal_and_a_changed_row_does_not(tmp_path: Path) -> None:
    one = _fill(tmp_path / "one")
    other = _fill(tmp_path / "other", extra_transaction=True)
    generations = [sqlite3.connect(db).execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]
                   for db in (one, other)]  # fmt: skip
    assert generations[0] != generations[1]
    digest, tables = store_digest(one)
    assert store_digest(other)[0] == digest
    assert "statements_fts" in tables and not any(name.startswith("statements_fts_") for name in tables)
    conn = sqlite3.connect(other)
    conn.execute("UPDATE statements SET confidence = confidence / 2 WHERE seq = (SELECT MIN(seq) FROM statements)")
    conn.commit()
    conn.close()
    changed, changed_tables = store_digest(other)
    assert changed != digest
    assert [name for name in tables if tables[name] != changed_tables[name]] == ["statements"]


def test_the_voice_bits_of_statement_actors_do_not_change_the_hash(tmp_path: Path) -> None:
    # a store written before the voice bits (graph.sqlite_claims.VOICE) holds the same answers;
    # a role-set bit is a changed row
    db = _fill(tmp_path / "one")
    digest = store_digest(db)[0]
    conn = sqlite3.connect(db)
    with conn:
        assert conn.execute(f"SELECT count(*) FROM statement_actors WHERE roles & {VOICE}").fetchone()[0]
        conn.execute(f"UPDATE statement_actors SET roles = roles & ~{VOICE}")
    assert store_digest(db)[0] == digest
    with conn:
        conn.execute(
            "UPDATE statement_actors SET roles = roles | 4 WHERE statement_id = (SELECT MIN(statement_id) FROM statement_actors)"
        )
    conn.close()
    assert store_digest(db)[0] != digest
