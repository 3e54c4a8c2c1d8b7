"""The claim neighbour read of SQLite (graph/sqlite_claims.near_sql) drops the statements of
another voice in the ``statement_actors`` index (the voice bits of ``roles``) and answers
exactly what :meth:`graph.claims.Near.matches` says — on rows written with the bits and on rows
of an earlier version written without them."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import date
from pathlib import Path

from support.random_graph import PEOPLE, STATES, sixty_articles

from graph.claims import Near
from graph.model import Relation, Statement
from graph.sqlite_claims import VOICE, near_sql

VOICES = [
    (frozenset({PEOPLE[0], PEOPLE[1]}), frozenset({STATES[0]}), frozenset({STATES[3]})),
    (frozenset({STATES[1]}), frozenset({STATES[1], STATES[2]}), frozenset()),
    (frozenset(), frozenset(), frozenset({STATES[0], STATES[4]})),
    (frozenset({PEOPLE[2]}), frozenset({STATES[5]}), frozenset({STATES[5]})),
]
RELATIONS = (frozenset({Relation.supports}), frozenset({Relation.declines, Relation.criticizes}))


def _answers(conn: sqlite3.Connection, statements: list[Statement]) -> int:
    checked = 0
    for (speakers, reps, open_reps), relations, targets in itertools.product(
        VOICES, RELATIONS, (None, frozenset({STATES[1]}))
    ):
        near = Near(speakers, reps, open_reps, relations, date(2025, 1, 1), date(2025, 6, 30), targets=targets)
        found = sorted(row[0] for row in conn.execute(*near_sql(near)))
        assert found == sorted(st.id for st in statements if near.matches(st)), near
        checked += len(found)
    return checked


def test_the_neighbour_read_filters_voices_in_the_index_and_answers_as_near_matches(tmp_path: Path) -> None:
    store, statements = sixty_articles(tmp_path)
    try:
        conn = store._conn
        # every speaking row carries its voice bits
        assert not conn.execute(
            f"SELECT 1 FROM statement_actors WHERE role = 'speaks' AND roles & {VOICE} = 0"
        ).fetchall()
        assert _answers(conn, statements) > 30
        # a speaker's row and a represented actor's row are told apart in the index
        state = STATES[0]
        near = Near(frozenset({state}), frozenset(), frozenset(), frozenset(Relation), date(2024, 1, 1),
                    date(2026, 12, 31))  # fmt: skip
        sql, params = near_sql(near)
        seek = sql.split(" WHERE s.id IN (", 1)[1].split(") AND +s.relation", 1)[0]
        as_speaker = {r[0] for r in conn.execute(seek, params[: seek.count("?")])}
        assert as_speaker == {st.id for st in statements if st.speaker_id == state}
        assert as_speaker < {st.id for st in statements if state in (st.speaker_id, st.on_behalf_of_id)}
        # rows written before the voice bits (an earlier version's file) pass the index: same answers
        with conn:
            conn.execute(f"UPDATE statement_actors SET roles = roles & ~{VOICE}")
        assert _answers(conn, statements) > 30
    finally:
        store.close()
