"""One text normaliser (graph.text): the model, the gazetteer and the extractor fold text the same way."""

from __future__ import annotations

import pytest

from graph.model import fold as model_fold
from graph.model import slugify
from graph.text import TOKEN, fold, fold_char, fold_with_offsets
from loaders.extract.lang import compile_phrases
from loaders.extract.phrases import PhraseMatcher, Tokens
from loaders.gazetteer import Gazetteer, key_of

SPELLINGS = [
    ("Erdoğan", "erdogan"),
    ("TÜRKİYE", "turkiye"),
    ("Straße", "strasse"),
    ("ﬁnance", "finance"),
    ("أحمد", "احمد"),  # hamza on alef
    ("إسرائيل", "اسراييل"),  # and the hamza seat of yeh
    ("مُحَمَّد", "محمد"),  # harakat
    ("مدرسة", "مدرسه"),  # ta marbuta
    ("مصطفى", "مصطفي"),  # alef maqsura
    ("کرد", "كرد"),  # Persian keheh
    ("ـمدرسة", "مدرسه"),  # tatweel
    ("Ёлка", "елка"),
    ("co\u00adoperation", "cooperation"),  # soft hyphen
    ("می\u200cگوید", "ميگويد"),  # zero-width non-joiner
]


@pytest.mark.parametrize(("written", "folded"), SPELLINGS)
def test_model_gazetteer_and_extractor_fold_alike(written: str, folded: str) -> None:
    assert fold(written) == folded
    assert model_fold(written) == folded  # graph.model.fold is the same function
    assert " ".join(key_of(written)) == folded  # the gazetteer's match key
    tokens = Tokens(written)
    assert " ".join(tokens.folded) == folded  # the extractor's phrase tokens (marks stay inside words)


def test_letters_that_are_letters_of_their_own_are_kept() -> None:
    assert fold("Йемен") != fold("Иемен")
    assert fold_char("ı") == "i" and fold_char("İ") == "i"


def test_offsets_map_back_to_the_original_text() -> None:
    text = "Straße ﬁn أَحمد"
    folded, src = fold_with_offsets(text)
    assert src is not None and len(src) == len(folded)
    start = folded.index("احمد")
    assert text[src[start] : src[start + len("احمد") - 1] + 1] == "أَحمد"


def test_a_word_with_harakat_is_one_token() -> None:
    assert [m.group(0) for m in TOKEN.finditer("قالَ مُحَمَّد")] == ["قالَ", "مُحَمَّد"]


def test_phrase_regexes_accept_spelling_variants_but_keep_accents_one_way() -> None:
    said = compile_phrases(["قال"])
    assert said is not None and said.search("قَالَ الوزير") is not None
    alef = compile_phrases(["أكد"])
    assert alef is not None and alef.search("اكد الوزير") is not None
    yo = compile_phrases(["ещё"])
    assert yo is not None and yo.search("еще раз") is not None
    segun = compile_phrases(["según"])
    assert segun is not None and segun.search("Segun fuentes") is not None
    si = compile_phrases(["si"])  # a condition word: "sí" (yes) is another word
    assert si is not None and si.search("Sí, enviaremos tropas") is None


def test_phrase_trie_matches_folded_spellings() -> None:
    m = PhraseMatcher([("أكد", "v")])
    t = Tokens("وقد اكَّد الوزير")
    assert [(t.text[a:b], v) for a, b, v in m.find(t, 0, len(t.text))] == [("اكَّد", "v")]


def test_gazetteer_finds_arabic_names_with_clitics_and_variants() -> None:
    gaz = Gazetteer.default()
    found = {m.actor.id: m.text for m in gaz.find_mentions("زار الوزير إيران والعراق وللأردن", "ar")}
    assert found.get("iraq") == "العراق"  # "و" (and) is not part of the name
    assert found.get("iran") == "إيران"
    assert found.get("jordan") == "لأردن"  # li + al-: the article's alef is restored


def test_slugs_are_the_folded_name() -> None:
    assert slugify("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slugify("Ёлка Straße") == "елка-strasse"
