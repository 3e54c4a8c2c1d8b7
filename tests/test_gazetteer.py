"""Behaviour of the actor gazetteer that extraction and users rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.gazetteer import Gazetteer

SEED = Path(__file__).resolve().parents[1] / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Aliyev", "ilham-aliyev"),
        ("Ilham Aliyev", "ilham-aliyev"),
        ("Azerbaijan", "azerbaijan"),
        ("Azerbaïdjan", "azerbaijan"),
        ("Turki", "turkey"),
        ("Turkey", "turkey"),
        ("Türkiye", "turkey"),
        ("TÜRKİYE", "turkey"),
        ("Erdoğan", "recep-tayyip-erdogan"),
        ("Erdogan", "recep-tayyip-erdogan"),
        ("Amerika Serikat", "united-states"),
        ("Gerakan Perlawanan Islam Palestina", "hamas"),
        ("ISNA", "isna"),
        ("Bloomberg News", "bloomberg"),
        ("Jalur Gaza", "gaza-strip"),
        ("Deklarasi Sharm El-Sheikh", "sharm-el-sheikh-declaration"),
        ("ISF", "gaza-international-stabilization-force"),
        ("rakyat Palestina", None),
        ("Palestina", "palestine"),
    ],
)
def test_resolve_across_spellings(gaz: Gazetteer, name: str, actor_id: str | None) -> None:
    actor = gaz.resolve(name)
    assert (actor.id if actor else None) == actor_id


def test_seed_article_actors(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = {m.actor.id for m in gaz.find_mentions(text, "id")}
    assert {
        "azerbaijan",
        "ilham-aliyev",
        "united-states",
        "donald-trump",
        "israel",
        "hamas",
        "turkey",
        "recep-tayyip-erdogan",
        "palestine",
        "nato",
        "isna",
        "bloomberg",
        "pars-today",
        "gaza-strip",
        "gaza-international-stabilization-force",
        "sharm-el-sheikh-declaration",
    } <= found
    for m in gaz.find_mentions(text, "id"):
        assert text[m.start : m.end] == m.text
