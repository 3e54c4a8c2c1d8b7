"""Shortcuts that make extraction faster must give what the long way gives (issue 12)."""

from __future__ import annotations

import gc
import importlib
import json
import pickle
import re
import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import accumulate, pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

import graph.model as model_module
import loaders.extract.lang as lang_data
import loaders.extract.spans as spans_module
import loaders.gazetteer as gazetteer_module
import loaders.native as native
from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Span, Statement, Target, TargetRole
from graph.relations import cameo_codebook, codes_for, codes_for_long
from graph.text import FOLD_TABLE, MARKS, TOKEN, fold, fold_with_offsets
from loaders.dates import _lexicon as _date_lexicon
from loaders.dates import _opened_matches
from loaders.extract.article import Collector, _blocks, _mentions, build_context
from loaders.extract.attribution.subjects import _DASH, _DATELINE
from loaders.extract.lang import (
    _ARABIC_MARKS,
    CONDITION_LISTS,
    PHRASE_LISTS,
    PLACEHOLDERS,
    RELATION_NAMES,
    _char_class,
    available_languages,
    compile_phrases,
    load_lang,
    phrase_regex,
    phrases_source,
)
from loaders.extract.lexicon import lexicon
from loaders.extract.mentions import _LOWER_WORD, Hit, MentionIndex, RefFinder, _after_word_or_comma, _standing_alone
from loaders.extract.phrases import _JOINERS, PhraseMatcher, Tokens, _clitic, _original_length
from loaders.extract.relations import classify, find_conditions, refine, refine_long
from loaders.extract.sentences import _terminator_re
from loaders.extract.spans import evidence, forget_counts, words, words_long
from loaders.gazetteer import _TOKEN_SPLIT as _GAZ_SPLIT
from loaders.gazetteer import words_are_tokens

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "fixtures" / "extraction"


@pytest.fixture
def source() -> Iterator[Callable[[str], ModuleType]]:
    """The extraction modules imported afresh from their source for one test (loaders.native.sources):
    a test that replaces a function to watch or change what its callers do patches these, since a
    compiled module calls the other compiled modules' functions directly."""
    with native.sources():
        yield importlib.import_module


def _assert_matches_where_one_does(
    code: str, union: re.Pattern[str] | None, patterns: list[re.Pattern[str]], texts: list[str]
) -> None:
    """``union`` matches at a position exactly when one of ``patterns`` does, and some text has a match."""
    assert (union is None) == (not patterns)
    if union is None:
        return
    found = 0
    for text in texts:
        for pos in range(len(text)):
            some = any(p.match(text, pos) for p in patterns)
            assert (union.match(text, pos) is not None) == some, (code, text[pos : pos + 40])
            found += some
    assert found > 0


@pytest.mark.parametrize("code", available_languages())
def test_any_topic_matches_where_some_topic_does(code: str) -> None:
    # relations.refine scans once with any_topic() and looks per topic only from its first match:
    # that is exact only if any_topic matches at a position exactly when some topic pattern does
    lang = load_lang(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))]
    texts += [" ".join(p for phrases in lang.topics.values() for p in phrases)]
    union = lang.any_topic()
    patterns = [p for t in lang.topics if (p := lang.pattern(f"topic:{t}")) is not None]
    _assert_matches_where_one_does(code, union, patterns, texts)


def _plain_alternation(phrases: list[str]) -> re.Pattern[str]:
    """Each phrase as its own whole-word regex, the boundary before its first letter (the long way)."""
    sources = []
    for phrase in {" ".join(p.split()) for p in phrases if p.strip()}:
        left = r"(?<!\w)" if phrase[:1].isalnum() else ""
        right = r"(?!\w)" if phrase[-1:].isalnum() else ""
        sources.append(left + "".join(_char_class(c) for c in phrase) + right)
    return re.compile("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)


@pytest.mark.parametrize("code", available_languages())
def test_phrase_patterns_match_where_a_plain_alternation_does(code: str) -> None:
    # compile_phrases opens with a lookahead over the phrases' first characters and tests the
    # word boundary after the first character: a match must start exactly where one phrase's
    # plain regex matches (and phrase_regex must match where that phrase's plain regex does)
    lang = load_lang(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))[:4]]
    lists = [[p for p in lang.phrases(key) if not any(s in p for s in PLACEHOLDERS)] for key in PHRASE_LISTS]
    lists = [phrases for phrases in lists if phrases]
    # every phrase in odd company: glued to a word, after a mark, capitalised, at the text's ends
    texts += [
        " x".join(phrases) + "·" + " ".join(p.upper() for p in phrases) + "ـ" + " ".join(fold(p) for p in phrases) + "_"
        for phrases in lists
    ]
    checked = 0
    for phrases in lists:
        fast, plain = compile_phrases(phrases), _plain_alternation(phrases)
        assert fast is not None
        singles = [re.compile(phrase_regex(p), re.IGNORECASE) for p in phrases[:3]]
        for text in texts:
            for pos in range(len(text)):
                expected = plain.match(text, pos) is not None
                assert (fast.match(text, pos) is not None) == expected, (code, phrases[:3], text[pos : pos + 30])
                checked += expected
            for p, single in zip(phrases, singles, strict=False):
                assert [m.span() for m in single.finditer(text)] == [
                    m.span() for m in _plain_alternation([p]).finditer(text)
                ], (code, p)
    assert checked > 0


@pytest.mark.parametrize("code", available_languages())
def test_pronoun_pattern_matches_as_the_plain_alternation(code: str) -> None:
    # lexicon.pronoun_re is written in the fast form (first-character lookahead, boundary after the
    # first character): its matches must be those of the plain "(?<!\w)word(?!\w)" alternation
    pronouns = load_lang(code).phrases("pronouns")
    fast = lexicon(code).pronoun_re
    assert (fast is None) == (not pronouns)
    if fast is None:
        return
    plain = re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in pronouns), re.IGNORECASE)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))[:6]]
    texts.append(" x".join(pronouns) + "·" + " ".join(p.upper() for p in pronouns) + "_" + " ".join(pronouns))
    found = 0
    for text in texts:
        spans = [m.span() for m in fast.finditer(text)]
        assert spans == [m.span() for m in plain.finditer(text)], code
        found += len(spans)
    assert found > 0


def _date_texts(code: str) -> list[str]:
    """A language's dev texts and one text of its every date word in odd company (cased, glued, with digits)."""
    lex = _date_lexicon(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))]
    names = [*lex.months, *lex.weekdays, *lex.relative, *lex.prefix, *lex.past_before, *lex.year_before]
    texts.append(" ".join(f"{n} 5 {n.upper()} 2026, ({n}) {n.title()} 12 x{n} {n}x 3{n}" for n in names))
    return texts


@pytest.mark.parametrize("code", available_languages())
def test_date_patterns_match_as_without_their_first_character_lookahead(code: str) -> None:
    # loaders.dates opens each name pattern with a lookahead over the characters a match may start
    # with: without it the pattern must match exactly the same
    lex, texts = _date_lexicon(code), _date_texts(code)
    opened = 0
    for kind, pattern in lex.patterns:
        plain = re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern), pattern.flags)
        opened += plain.pattern != pattern.pattern
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], kind
    assert opened > 0


@pytest.mark.parametrize("code", available_languages())
@pytest.mark.parametrize(
    "lists", [CONDITION_LISTS, ("report_frames", "interview"), ("according_to", "report_frames", "interview")]
)
def test_any_of_matches_where_one_of_the_lists_does(code: str, lists: tuple[str, ...]) -> None:
    # find_conditions and sentence_vias return nothing when any_of() finds no phrase: exact only
    # if it matches at a position exactly when the pattern of one of the lists does
    lang = load_lang(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))[:8]]
    texts += [" ".join(p for key in lists for p in lang.phrases(key))]
    union = lang.any_of(lists)
    patterns = [p for key in lists if (p := lang.pattern(key)) is not None]
    _assert_matches_where_one_does(code, union, patterns, texts)


def test_tokens_of_a_long_text_are_the_token_regex_matches() -> None:
    # Tokens splits the text block by block (cut at a space): a text of several blocks, with a
    # word longer than a block and marks inside words, gives exactly the matches of graph.text.TOKEN
    texts = [
        json.loads(p.read_text(encoding="utf-8"))["text"] for lang in ("en", "ar") for p in (DEV / lang).glob("*.json")
    ]
    text = "\n\n".join(texts) * 8 + " " + "x" * 70_000 + " Déclaré مُحَمَّد l’État\u00a0end"
    assert len(text) > 2 * 65_536
    tokens = Tokens(text)
    matches = list(TOKEN.finditer(text))
    assert list(tokens.starts) == [m.start() for m in matches]
    assert list(tokens.ends) == [m.end() for m in matches]
    assert tokens.folded == [fold(m.group()) for m in matches]


def _gated_tokens(text: str) -> Tokens:
    """The text's tokens as the extractor makes them: ``may_hold`` rules phrases out where it can."""
    tokens = Tokens(text)
    tokens.folds_in_place = words_are_tokens(text)
    return tokens


def _cue_lists(code: str) -> list[list[str]]:
    """Every phrase list of a language file (its cues, topics, relations and acts), slots left out."""
    lang = load_lang(code)
    lists = [lang.phrases(key) for key in PHRASE_LISTS]
    lists += [*lang.topics.values(), *lang.relations.values(), *lang.acts.values()]
    return [[p for p in phrases if not any(s in p for s in PLACEHOLDERS)] for phrases in lists]


_EVERY_CHARACTER = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)


def test_first_words_hold_every_folded_spelling_a_cue_s_classes_match() -> None:
    # Tokens.may_hold rules a phrase regex out where no token is one of its first words
    # (lang.first_words): over every word character of every cue of every language file, each
    # character its regex class matches (case-insensitively, among all code points) must be a word
    # character (a match opens a token), and fold to one of the forms first_words puts in its place
    # when it folds to one word character (the texts the gate reads); else a gate could drop a match
    word = re.compile(r"\w")
    chars = {c for code in available_languages() for ps in _cue_lists(code) for p in ps for c in p if word.match(c)}
    assert len(chars) > 100
    variants = 0
    for c in sorted(chars):
        forms = lang_data.first_words([c])
        assert forms is not None
        for t in re.findall(_char_class(c).removesuffix(_ARABIC_MARKS), _EVERY_CHARACTER, re.IGNORECASE):
            assert word.match(t), (c, t)
            folded = t.translate(FOLD_TABLE)
            if len(folded) == 1 and word.match(folded):
                assert folded in forms, (c, t, folded, forms)
                variants += folded != c.translate(FOLD_TABLE)
    assert variants > 0  # some class matches a character that folds otherwise ("й" matches "и")
    # a phrase ending with another character ("&"): the characters its class matches, as written
    ends = {
        p[-1] for code in available_languages() for ps in _cue_lists(code) for p in ps if p and not word.match(p[-1])
    }
    assert "&" in ends
    for c in sorted(ends):
        forms = lang_data.last_words([f"x{c}"])
        assert forms is not None
        for t in re.findall(_char_class(c), _EVERY_CHARACTER, re.IGNORECASE):
            assert not word.match(t) and t in forms, (c, t)


def test_no_mark_outside_the_word_characters_passes_words_are_tokens() -> None:
    # Tokens.may_hold reads a text's tokens as its runs of word characters when words_are_tokens
    # holds; graph.text.TOKEN also takes combining marks and joiners into a word, so none of them
    # that is no word character may be in such a text
    marks = re.findall(f"[{MARKS}]", _EVERY_CHARACTER)
    assert len(marks) > 200
    for mark in marks:
        if not re.match(r"\w", mark):
            assert not words_are_tokens(f"a{mark}b"), hex(ord(mark))


def _gate_texts(code: str, phrases: list[str]) -> list[str]:
    dev = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))[:3]]
    odd = " ".join(f"{p}, {p.upper()} x{p} {p.title()}. ({fold(p)}) {p}x" for p in phrases)
    return [*dev, odd]


@pytest.mark.parametrize("code", available_languages())
def test_a_scan_the_first_words_rule_out_finds_nothing(code: str) -> None:
    # find_conditions, refine and each sentence's frame test skip their scan where Tokens.may_hold
    # says no, ArticleContext.without_fillers its substitution where may_hold_piece does: over
    # windows of every length (ends inside words too), for every phrase list of the language file,
    # a window ruled out must hold no match of the list's regex (searched in the text, or in the
    # slice on its own), and some must be ruled out
    lang = load_lang(code)
    lists = [phrases for phrases in _cue_lists(code) if phrases]
    lists += [
        [p for k in keys for p in lang.phrases(k) if not any(s in p for s in PLACEHOLDERS)]
        for keys in (CONDITION_LISTS, ("according_to", "report_frames", "interview"))
    ]
    ruled_out = matched = 0
    for phrases in lists:
        pattern, first = compile_phrases(phrases), lang_data.first_words(phrases)
        assert pattern is not None
        for text in _gate_texts(code, phrases[:40]):
            tokens = _gated_tokens(text)
            if not tokens.folds_in_place:
                continue
            for start in range(0, len(text), 11):
                for width in (1, 6, 23, 90, 400):
                    end = min(len(text), start + width)
                    found = pattern.search(text, start, end) is not None
                    matched += found
                    if not tokens.may_hold(first, start, end):
                        assert not found, (code, phrases[:3], text[start:end])
                        ruled_out += 1
                    if not tokens.may_hold_piece(first, start, end):  # the slice on its own
                        assert pattern.search(text[start:end]) is None, (code, phrases[:3], text[start:end])
    assert ruled_out > 0 and matched > 0
    assert lang.topic_first_words() == lang_data.first_words(
        [p for ps in lang.topics.values() for p in ps if "{" not in p]
    )


@pytest.mark.parametrize("code", available_languages())
def test_a_joint_the_last_words_rule_out_is_no_joint(code: str) -> None:
    # clauses.joint_at_end searches lex.joined_re ("…, but" ending a range) only where
    # Tokens.may_end_with says the range's last token can end a coordinator or contrastive: a range
    # ruled out must hold no match, and some must be ruled out and some matched
    lang, lex = load_lang(code), lexicon(code)
    conjunctions = [*lang.phrases("coordinators"), *lang.phrases("contrastives")]
    assert lex.joined_last == lang_data.last_words(conjunctions)
    odd = [f"x {c}, {c.upper()}  \n{c.title()}x {fold(c)}. y{c}" for c in conjunctions]
    ruled_out = matched = 0
    for text in _gate_texts(code, conjunctions) + odd:
        tokens = _gated_tokens(text)
        if not tokens.folds_in_place:
            continue
        for end in range(len(text) + 1):
            for start in (max(0, end - 40), max(0, end - 7), max(0, end - 2)):
                found = lex.joined_re.search(text, start, end) is not None
                matched += found
                if not tokens.may_end_with(lex.joined_last, start, end):
                    assert not found, (code, text[start:end])
                    ruled_out += 1
    assert ruled_out > 0 and (matched > 0 or not conjunctions)


@pytest.mark.parametrize("code", available_languages())
def test_matches_tried_at_the_first_words_are_the_scan_s(code: str) -> None:
    # RefFinder reads the pronouns with Tokens.matches (pronoun_re tried only where a token of its
    # first words starts): the matches of a scan of the whole text, for the pronouns and for every
    # phrase list of the language file
    lang, lex = load_lang(code), lexicon(code)
    assert lex.pronoun_first == lang_data.first_words(lang.phrases("pronouns"))
    cases = [(lex.pronoun_re, lex.pronoun_first, lang.phrases("pronouns"))]
    cases += [(compile_phrases(ps), lang_data.first_words(ps), ps) for ps in _cue_lists(code) if ps]
    found = tried = 0
    for pattern, first, phrases in cases:
        assert pattern is not None
        for text in _gate_texts(code, phrases[:40]):
            tokens = _gated_tokens(text)
            expected = [(m.span(), m.group(0)) for m in pattern.finditer(text)]
            assert [(m.span(), m.group(0)) for m in tokens.matches(pattern, first)] == expected, (code, phrases[:3])
            found += len(expected)
            tried += tokens.folds_in_place and first is not None
    assert found > 0 and tried > 0


@pytest.mark.parametrize("code", available_languages())
def test_pieces_without_fillers_are_the_substituted_pieces(code: str) -> None:
    # ArticleContext.without_fillers substitutes the fillers of a piece of the text only where the
    # tokens say a filler may be in it: the same string as the substitution, for pieces of every
    # length (cut inside words too) of the development articles
    lex = lexicon(code)
    assert lex.filler_re is not None and lex.filler_first is not None
    assert lex.filler_first == lang_data.first_words([*lex.lang.phrases("fillers"), *lex.lang.phrases("interview")])
    changed = skipped = 0
    for path in sorted((DEV / code).glob("*.json"))[:6]:
        ctx = build_context(
            _article(json.loads(path.read_text(encoding="utf-8"))["text"], code), lex, None, Collector()
        )
        assert ctx is not None and ctx.tokens.folds_in_place
        text = ctx.text
        for start in range(0, len(text), 13):
            for width in (3, 17, 60, 150):
                end = start + width
                expected = lex.filler_re.sub(" ", text[start:end])
                assert ctx.without_fillers(start, end) == expected, (code, text[start:end])
                changed += expected != text[start:end]
                skipped += not ctx.tokens.may_hold_piece(lex.filler_first, start, end)
    assert changed > 0 and skipped > 0


@pytest.mark.parametrize("code", available_languages())
def test_phrase_starts_from_the_word_index_are_those_of_every_token(code: str) -> None:
    # PhraseMatcher.find and Tokens.may_hold look their first words up in the text's word index
    # (Tokens.where, made once per text) instead of testing every token: the same token indices
    lang, lex = load_lang(code), lexicon(code)
    matchers = [
        lang.matcher("relation"),
        lang.matcher("act"),
        lang.matcher("verbs"),
        lex.title_matcher,
        lex.anon_matcher,
    ]
    found = 0
    for text in _gate_texts(code, lang.phrases("speech_verbs")[:40]):
        tokens = Tokens(text)
        for matcher in matchers:
            expected = matcher._starts(tokens.folded)
            assert matcher.starts_in(tokens) == expected, code
            found += len(expected)
        words = set(tokens.folded[::7])
        assert tokens.indices_of(words) == [i for i, w in enumerate(tokens.folded) if w in words]
    assert found > 0


@pytest.mark.parametrize("code", available_languages())
def test_conditions_found_with_the_tokens_are_those_found_without(code: str) -> None:
    # find_conditions skips its scan where the tokens rule every condition marker out
    lang = load_lang(code)
    phrases = [p for k in CONDITION_LISTS for p in lang.phrases(k)]
    found = 0
    for text in _gate_texts(code, phrases):
        tokens = _gated_tokens(text)
        for start in range(0, len(text), 29):
            for width in (40, 160):
                end = min(len(text), start + width)
                expected = find_conditions(text, start, end, lang)
                assert find_conditions(text, start, end, lang, tokens) == expected, (code, text[start:end])
                found += len(expected)
    assert found > 0 or not phrases


@pytest.mark.parametrize("code", available_languages())
def test_refine_gives_what_every_topic_searched_gives(code: str) -> None:
    # relations.refine searches only the topics that refine the relation and takes the first topic
    # where the union of all topics first matches: the same answers as searching every topic
    lang = load_lang(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))[:8]]
    # the phrases of each topic two by two, after a refusal and an appeal
    pairs = [f"we will not send {p} and {q}, we urge {q}" for ps in lang.topics.values() for p, q in pairwise(ps)]
    texts.append(". ".join(pairs))
    found = 0
    for text in texts:
        gated = _gated_tokens(text)  # refine skips the scan where the first words say no topic can match
        windows = [(0, len(text))] + [(i, min(len(text), i + w)) for w in (60, 200) for i in range(0, len(text), 37)]
        for start, end in windows:
            for relation in Relation:
                long = refine_long(text, start, end, lang, relation)
                assert refine(text, start, end, lang, relation) == long, (code, relation, text[start:end])
                assert refine(text, start, end, lang, relation, gated) == long, (code, relation, text[start:end])
                found += long[1] is not None
    assert found > 0 or not lang.refinements


@pytest.mark.parametrize("code", available_languages())
def test_relation_cues_are_every_relation_with_a_regex_or_slot_phrase(code: str) -> None:
    # classify walks only the relations that have [relation_patterns] or slot phrases, in order
    lang = load_lang(code)
    expected = [
        (name, lang.relation_regex.get(name), lang.slot_patterns(f"relation:{name}"))
        for name in RELATION_NAMES
        if lang.relation_regex.get(name) is not None or lang.slot_patterns(f"relation:{name}")
    ]
    assert lang.relation_cues() == expected


def test_evidence_spans_are_the_validated_spans() -> None:
    # spans.evidence builds a Span without pydantic's validator: it must be the validated Span in
    # every way a caller sees it (equality, dumps, fields set, copies, pickles), and bad offsets
    # must fail as the validated constructor fails
    # the state is set slot by slot, named by pydantic's own BaseModel.__slots__: the four a
    # pickle restores, in the order evidence and trusted_statement read them
    slots = (model_module.DICT_SLOT, model_module.FIELDS_SET_SLOT, model_module.EXTRA_SLOT, model_module.PRIVATE_SLOT)
    assert slots == ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    text = "Erdoğan said: “we will send troops”, Ankara"
    for s in range(len(text) + 1):
        for e in range(s, len(text) + 1):
            fast, slow = evidence(text, s, e), Span(start=s, end=e, text=text[s:e])
            assert type(fast) is Span
            assert fast == slow
            assert fast.model_dump() == slow.model_dump()
            assert fast.model_dump_json() == slow.model_dump_json()
            assert fast.model_fields_set == slow.model_fields_set
            assert repr(fast) == repr(slow)
            assert pickle.loads(pickle.dumps(fast)) == slow
            assert fast.model_copy(update={"end": e}) == slow.model_copy(update={"end": e})
    fast = evidence(text, 0, 7)
    fast.end = 5  # a later change touches this span only
    assert fast.model_fields_set == {"start", "end", "text"}
    assert evidence(text, 0, 7) == Span(start=0, end=7, text=text[:7])
    made = Statement.model_validate(
        {"id": "a:0-7", "article_id": "a", "speaker_mention": "x", "relation": "states", "cameo": "010",
         "plover": "x", "quad_class": 1, "goldstein": 0, "content": text[:7], "direct": False, "confidence": 1,
         "content_span": evidence(text, 0, 7), "targets": [Target(actor_id="turkey", span=evidence(text, 37, 43))]}
    )  # fmt: skip
    assert Statement.model_validate_json(made.model_dump_json()) == made
    for s, e in ((-1, 3), (5, 2), (0, -1)):
        with pytest.raises(ValidationError):
            Span(start=s, end=e, text=text[s:e])
        with pytest.raises(ValidationError):
            evidence(text, s, e)
    assert evidence(text, True, 3) == Span(start=True, end=3, text=text[True:3])  # not an int: validated


def _article(text: str, code: str) -> Article:
    return Article(
        id=Article.make_id(None, text), text=text, language=code, published_at=datetime(2026, 1, 6, tzinfo=UTC)
    )


@pytest.mark.parametrize("code", available_languages())
def test_surname_tokens_are_the_known_surnames_among_every_name_token(code: str) -> None:
    # RefFinder.find reads lone surnames of people named earlier: surname_tokens looks only where a
    # known surname occurs in the case-folded text; the tokens must be those of testing every word
    lex = lexicon(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))]
    found = 0
    for text in texts:
        ctx = build_context(_article(text, code), lex, None, Collector())
        assert ctx is not None
        long = [m.span() for m in ctx.names.surname_tokens_long()]
        assert [m.span() for m in ctx.names.surname_tokens()] == long, text[:60]
        found += len(long)
    # surnames glued to digits, underscores, hyphens, apostrophes and dots, lower-cased, inside words,
    # and a text whose folding changes its length ("ß", "İ": the long way is taken)
    odd = (
        "Fidan said. fidan, FIDAN; Al-Fidan 2Fidan _Fidan x_Fidan Fidan's O'Fidan e.Fidan 3.Fidan -Fidan "
        "Fidanov Kazakh-Fidan ’Fidan Fidan-Fidan Fidan2 (Fidan) «Fidan» Fidan\u0301 Фидан"
    )
    for text in (odd, odd + " Straße", "İ " + odd, odd.replace(" ", "")):
        names = RefFinder(text, lex, MentionIndex([]), Tokens(text))
        names.known_surnames = {"fidan": Actor(id="hakan-fidan", name="Hakan Fidan", kind=ActorKind.person)}
        long = [m.span() for m in names.surname_tokens_long()]
        assert [m.span() for m in names.surname_tokens()] == long, text
        assert long
    assert found > 0 or code not in ("en", "id")


def test_lower_case_words_pattern_matches_as_the_plain_one() -> None:
    # RefFinder._lowercase_words scans with a pattern that opens with its character class and tests
    # the boundary after it: the matches of the plain "(?<![\w'’-])[^\W\d_A-Z]+(?![\w'’-])"
    plain = re.compile(r"(?<![\w'’-])[^\W\d_A-Z]+(?![\w'’-])")
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV.glob("*/*.json"))]
    texts.append("abc-def l’état o'neil x_y 3abc abcÉ éa aé ÀB Ab ab- -ab _ab ab_ 'ab' ’ab’ ß straße ǅx ǆx é")
    for text in texts:
        assert [m.span() for m in _LOWER_WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("code", available_languages())
def test_sentence_splitter_jumps_to_the_next_terminator_a_character_scan_finds(code: str) -> None:
    # split_sentences jumps from a position to the next terminator with one regex search: it must
    # land where a scan character by character stops (or at the paragraph's end when none is left)
    terminators = load_lang(code).terminators
    stop = _terminator_re(terminators)
    assert stop is not None
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))[:6]]
    texts.append("a]b^c\\d-e" + terminators + "x" + "".join(sorted(set(terminators))) + "end")
    for text in texts:
        for i in range(len(text)):
            end = min(len(text), i + 300)
            j = i
            while j < end and text[j] not in terminators:
                j += 1
            found = stop.search(text, i, end)
            assert (found.start() if found is not None else end) == j, (code, text[i : i + 20])
    assert _terminator_re("") is None


def test_a_gap_of_joiners_is_what_strip_leaves_empty() -> None:
    # PhraseMatcher.find goes on over a gap between two words only when every character of it is a
    # joiner: gap.strip(_JOINERS) is empty exactly then
    chars = [*_JOINERS, "x", ",", ".", "\n", "\u200b", "–"]
    for a in chars:
        for b in chars:
            for c in chars:
                for gap in (a, a + b, a + b + c):
                    assert (not gap.strip(_JOINERS)) == all(ch in _JOINERS for ch in gap), repr(gap)


def test_a_lead_without_a_dash_holds_no_dateline() -> None:
    # bare_lead removes a dateline only from a lead that holds a dash: without one the dateline
    # pattern leaves every lead as it is
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV.glob("*/*.json"))]
    texts.append("BAKU, 5 January - x. BAKU – x. BAKU — x. BAKU -x. -  x. a\n- b")
    checked = 0
    for text in texts:
        for i in range(0, len(text), 7):
            lead = text[i : i + 90]
            if _DASH.search(lead) is None:
                assert _DATELINE.sub("", lead, count=1) == lead
                checked += 1
            else:
                checked += _DATELINE.sub("", lead, count=1) != lead
    assert checked > 0


def _find_long(matcher: PhraseMatcher, tokens: Tokens, start: int, end: int) -> list[tuple[int, int, str]]:
    """PhraseMatcher.find the long way: every token of the range walked, no shortcut over the hits."""
    out: list[tuple[int, int, str]] = []
    text, starts, ends, folded = tokens.text, tokens.starts, tokens.ends, tokens.folded
    i, last = bisect_left(starts, start), bisect_right(ends, end)
    while i < last:
        lead, first_word = 0, folded[i]
        if first_word not in matcher.trie:
            prefix = _clitic(first_word, matcher.clitics, matcher.trie)
            if prefix is None:
                i += 1
                continue
            lead, first_word = _original_length(text, starts[i], len(prefix)), first_word[len(prefix) :]
        node: dict[str, Any] | None = matcher.trie[first_word]
        best: tuple[int, str] | None = None
        j = i
        while node is not None:
            if "" in node:
                best = (j, node[""])
            j += 1
            if j >= len(starts) or ends[j] > end:
                break
            gap = text[ends[j - 1] : starts[j]]
            if not gap or any(c not in _JOINERS for c in gap):
                break
            node = node.get(folded[j])
        if best is not None:
            out.append((starts[i] + lead, ends[best[0]], best[1]))
            i = best[0] + 1
        else:
            i += 1
    return out


@pytest.mark.parametrize("code", available_languages())
def test_phrase_matchers_find_what_a_walk_over_every_token_finds(code: str) -> None:
    # PhraseMatcher.find looks only at the tokens that may start a phrase, found once per text, and
    # returns at once when none starts in the range: the phrases a walk over every token finds
    lang, lex = load_lang(code), lexicon(code)
    matchers = [lang.matcher(kind) for kind in ("relation", "act", "verbs")] + [lex.title_matcher, lex.anon_matcher]
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))[:10]]
    texts.append(" ".join(p for key in ("speech_verbs", "anonymous") for p in lang.phrases(key)))
    found = 0
    for text in texts:
        tokens = Tokens(text)
        windows = [(0, len(text))] + [(i, min(len(text), i + w)) for w in (1, 40, 250) for i in range(0, len(text), 23)]
        for matcher in matchers:
            for start, end in windows:
                long = _find_long(matcher, tokens, start, end)
                assert matcher.find(tokens, start, end) == long, (code, text[start:end])
                found += len(long)
    assert found > 0


@pytest.mark.parametrize("code", available_languages())
def test_date_patterns_tried_where_the_opener_matches_find_what_their_scans_find(code: str) -> None:
    # find_dates_in_sentence scans a sentence once with the opener and tries each name pattern only
    # where it matched: every match of a pattern must start there, and the matches be those of its scan
    lex, texts = _date_lexicon(code), _date_texts(code)
    assert lex.opener is not None and lex.opened
    found = 0
    for text in texts:
        positions = [m.start() for m in lex.opener.finditer(text)]
        for kind, pattern in lex.patterns:
            if kind not in lex.opened:
                continue
            starts = [pos for pos in range(len(text)) if pattern.match(text, pos) is not None]
            assert set(starts) <= set(positions), (code, kind)
            long = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in _opened_matches(pattern, text, positions)] == long, kind
            found += len(long)
    assert found > 0


def test_extraction_runs_with_the_collector_paused_and_gives_what_it_gives_with_it(
    monkeypatch: pytest.MonkeyPatch, source: Callable[[str], ModuleType]
) -> None:
    # extract() pauses the cyclic garbage collector while it reads the article (no collection can
    # start meanwhile), turns it on again afterwards (leaves it off if it was off), and the batch is
    # the one made with the collector on throughout
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(DEV.glob("en/*.json"))]
    article = _article("\n\n".join(texts), "en")
    states: list[bool] = []
    extract_package = source("loaders.extract")
    extract_article = source("loaders.extract.pipeline").extract_article
    extract = extract_package.extract

    def watched(art: Article, *, lang: str | None = None) -> IngestBatch:
        states.append(gc.isenabled())
        return extract_article(art, lang=lang)  # type: ignore[no-any-return]

    monkeypatch.setattr(extract_package, "extract_article", watched)
    batch = extract(article)
    assert states == [False] and gc.isenabled()
    assert batch.statements
    assert extract_article(article) == batch  # the collector on throughout
    gc.disable()
    try:
        assert extract(article) == batch
        assert states == [False, False] and not gc.isenabled()
    finally:
        gc.enable()


def test_phrase_sources_open_with_the_word_boundary_only_when_every_phrase_starts_a_word() -> None:
    # phrases_source puts the boundary first when every phrase starts with a letter or digit (each
    # branch tests it anyway); a list with a phrase opening on a mark ("-based", "'s") must not get
    # it, and both forms match where the plain alternation does, glued phrases included
    words, mixed = ["based", "said", "Ex-", "3rd"], ["-based", "'s", "said"]
    assert (phrases_source(words) or "").startswith(r"(?<!\w)(?=[")
    assert (phrases_source(mixed) or "").startswith("(?=[")
    text = "Paris-based x-based said: he's said-based 3rd ex-said Ex-based _said 'said' -said x3rd"
    for phrases in (words, mixed):
        fast, plain = compile_phrases(phrases), _plain_alternation(phrases)
        assert fast is not None
        for pos in range(len(text)):
            assert (fast.match(text, pos) is None) == (plain.match(text, pos) is None), (phrases, text[pos:])
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_codes_remembered_per_relation_and_code_are_the_codebook_s() -> None:
    # codes_for remembers its answer per (relation, code): for every relation, without a code and
    # with each code of the codebook, asked twice, the codes read from the codebook; an unknown
    # code raises each time
    for relation in Relation:
        for code in [None, *cameo_codebook()]:
            for _ in range(2):
                try:
                    long = codes_for_long(relation, code)
                except ValueError:
                    pytest.fail(f"{relation} {code}")
                assert codes_for(relation, code) == long
    for _ in range(2):
        with pytest.raises(ValueError, match="unknown CAMEO code"):
            codes_for(Relation.declines, "9999")


@pytest.mark.parametrize("code", available_languages())
def test_mention_hits_are_the_gazetteer_s_mentions(code: str) -> None:
    # the article's hits are made from the gazetteer's plain mention rows, block by block: each
    # must be the hit of the mention find_mentions gives (a text of several blocks included)
    lex = lexicon(code)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((DEV / code).glob("*.json"))]
    texts.append("\n\n".join(texts) * 12)
    found = 0
    for text in texts:
        long = [
            Hit(m.actor, start + m.start, start + m.end, m.text)
            for start, end in _blocks(text)
            for m in lex.gazetteer.find_mentions(text[start:end], code)
        ]
        assert _mentions(lex.gazetteer, text, lex.lang) == long
        found += len(long)
    assert found > 0 or code not in ("en", "id")


def _tokens_words(tokens: Tokens) -> tuple[list[str], list[int], list[int]]:
    return tokens.folded, list(tokens.starts), list(tokens.ends)


def test_words_are_tokens_only_where_the_folded_text_s_words_are_the_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    # words_are_tokens says yes only when the gazetteer's split of the folded text gives the text's
    # TOKEN words, folded, at the same offsets (what Tokens holds). Every character up to U+3100 (CJK
    # and combining marks included), alone, inside a word and between words, each with the characters
    # known so far forgotten and asked twice (by the per-character test, then by the pattern of the
    # known ones); the characters that fold to several or none, or change class, are refused
    given = refused = 0
    for code in range(0x20, 0x3100):
        c = chr(code)
        text = f"a{c}b {c} Ab{c}{c}c. {c}"
        monkeypatch.setattr(gazetteer_module, "_SAME", (frozenset(), re.compile("")))
        verdict = words_are_tokens(text)
        assert words_are_tokens(text) == verdict
        if not verdict:
            refused += 1
            continue
        given += 1
        folded, src = fold_with_offsets(text)
        parts = _GAZ_SPLIT.split(folded)
        offsets = list(accumulate(map(len, parts), initial=0))
        assert src is None and _tokens_words(Tokens(text)) == (parts[1::2], offsets[1:-1:2], offsets[2::2]), hex(code)
    assert given > 5000 and refused > 500
    for odd in ("Straße", "北京", "مُحَمَّد", "\u0488", "ﬁnal", "a\u00adb"):
        assert not words_are_tokens(f"Said {odd} today."), odd
    assert words_are_tokens("İstanbul: Erdoğan, Türkiye’s «président» — Лавров: الخارجية")
    assert words_are_tokens("") and words_are_tokens("".join(map(chr, range(128))))


def test_words_are_tokens_learns_characters_safely_from_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    # the characters words_are_tokens learns are one immutable pair replaced under a lock: threads
    # asking at once about texts of new characters each get the verdict one thread alone gets, and
    # every character that passed is known afterwards (none lost to a concurrent update)
    texts = [f"a{chr(c)}b {chr(c + 1)}" for c in range(0x100, 0x2000, 2)]
    monkeypatch.setattr(gazetteer_module, "_SAME", (frozenset(), re.compile("")))
    alone = [words_are_tokens(t) for t in texts]
    learned = gazetteer_module._SAME[0]
    monkeypatch.setattr(gazetteer_module, "_SAME", (frozenset(), re.compile("")))
    verdicts: dict[int, bool] = {}

    def ask(part: int) -> None:
        for i in range(part, len(texts), 4):
            verdicts[i] = words_are_tokens(texts[i])

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [verdicts[i] for i in range(len(texts))] == alone
    known, pattern = gazetteer_module._SAME
    assert known == learned and sum(alone) > 100
    assert all(pattern.fullmatch(t) is not None for t, ok in zip(texts, alone, strict=True) if ok)


@pytest.mark.parametrize("code", available_languages())
def test_mentions_from_the_article_s_tokens_are_the_gazetteer_s(code: str) -> None:
    # build_context hands the gazetteer the tokens of a text of one block when words_are_tokens: the
    # mentions are those of the gazetteer's own fold and split
    lex = lexicon(code)
    texts = _all_texts(code)
    shared = 0
    for text in texts:
        if not words_are_tokens(text):
            continue
        shared += 1
        words = _tokens_words(Tokens(text))
        assert lex.gazetteer.mention_rows(text, code, words) == lex.gazetteer.mention_rows(text, code)
        assert _mentions(lex.gazetteer, text, lex.lang, words) == _mentions(lex.gazetteer, text, lex.lang)
    assert shared > len(texts) // 2


def _all_texts(code: str) -> list[str]:
    paths = [*sorted((DEV / code).glob("*.json")), *sorted((DEV.parent / "extraction_dev2" / code).glob("*.json"))]
    return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]


@pytest.mark.parametrize("code", available_languages())
def test_a_word_written_lower_is_one_of_the_lower_case_words(code: str) -> None:
    # RefFinder._written_lower looks only where the word occurs (str.find): it must say yes exactly
    # for the lower-case _LOWER_WORD matches of the text, for every word of the text in every case
    texts = _all_texts(code)
    texts.append("police-run Police police_x police2 l’police police' -police the police. «police»")
    lex = lexicon(code)
    yes = 0
    for text in texts:
        names = RefFinder(text, lex, MentionIndex([]), Tokens(text))
        lower = names._lowercase_words()
        words = {w for m in re.finditer(r"[\w'’-]+", text) for w in (m.group(), *re.split(r"[_'’-]", m.group()))}
        for word in words | {w.casefold() for w in words} | {w.upper() for w in words} | {"", "x y", "a1"}:
            assert names._written_lower(word) == (word in lower), (code, word)
            yes += word in lower
    assert yes > 0


@pytest.mark.parametrize("code", ["en", "id", "fr", "ru"])
def test_word_patterns_opening_with_the_word_match_as_the_lookbehind_first_ones(code: str) -> None:
    # _standing_alone and _after_word_or_comma test the boundary before the word after it: the
    # matches are those of the patterns written with the lookbehind first
    found = 0
    for text in [*_all_texts(code), "a Al-Sisi, Sisi’s Sisi. x, Sisi Sisi2 ,Sisi"]:
        for word in {*re.findall(r"[^\W\d_][\w'’.-]*", text)[:60], "Sisi", "U.S.", "a+b", "("}:
            long = [m.span() for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text)]
            assert [m.span() for m in _standing_alone(word).finditer(text)] == long, word
            after = [m.span() for m in re.finditer(rf"(?<=[\w,] ){re.escape(word)}(?!\w)", text)]
            assert [m.span() for m in _after_word_or_comma(word).finditer(text)] == after, word
            found += len(long) + len(after)
    assert found > 0


_RELATION_SAMPLES = (
    "We will not send troops and won't accept it; we cannot accept that. Tidak akan datang, takkan hadir. "
    "No enviaremos tropas, no vamos a firmar. La France n'enverra pas de soldats. Россия не будет участвовать."
)


@pytest.mark.parametrize("code", available_languages())
def test_any_relation_regex_matches_where_one_relation_regex_does(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # classify runs the [relation_patterns] regexes only when any_relation_regex finds a match in the
    # content: exact only if it matches at a position exactly when one of them does; and classify's
    # relations on dev texts are those of the long way (every regex run: a union that always matches)
    lang = load_lang(code)
    texts = [*_all_texts(code)[:12], _RELATION_SAMPLES]
    patterns = [rx for _, rx, _ in lang.relation_cues() if rx is not None]
    _assert_matches_where_one_does(code, lang.any_relation_regex(), patterns, texts)
    tokens = [Tokens(text) for text in texts]
    fast = [classify(text, 0, len(text), lang, [], None, None, t) for text, t in zip(texts, tokens, strict=True)]
    monkeypatch.setattr(type(lang), "any_relation_regex", lambda self: re.compile(""))
    long = [classify(text, 0, len(text), lang, [], None, None, t) for text, t in zip(texts, tokens, strict=True)]
    assert fast == long


def test_word_counts_remembered_per_string_are_the_counts() -> None:
    # spans.words remembers each string's count (bounded, forgotten when an article starts): asked
    # twice, over more strings than it keeps, every count is the one words_long finds
    texts = [t for code in ("en", "ar", "ru") for t in _all_texts(code)[:4]]
    windows = [t[i : i + w] for t in texts for w in (0, 7, 40, 300) for i in range(0, len(t), 13)]
    windows += ["l’État, Timor-Leste's 2nd", "—", "a_b c-d"]
    assert len(set(windows)) > spans_module._COUNTS_MAX
    for _ in range(2):
        for window in windows:
            assert words(window) == words_long(window), window
            assert len(spans_module._COUNTS) <= spans_module._COUNTS_MAX
    assert words("a_b c-d") == 2 and spans_module._COUNTS
    forget_counts()
    assert not spans_module._COUNTS


def test_statements_kept_when_only_shared_speakers_and_relations_fold_their_content(
    monkeypatch: pytest.MonkeyPatch, source: Callable[[str], ModuleType]
) -> None:
    # finish folds a statement's content for the repeat test only where another statement has the
    # same speaker and relation: the batches are those of the long way (every content folded), and
    # some repeat is dropped on the way
    articles = [_article(text, code) for code in ("en", "id", "es") for text in _all_texts(code)[:10]]
    articles.append(_article("Turkey condemned the attack.\n\nTurkey condemned the attack.", "en"))
    statements_module, extract = source("loaders.extract.statements"), source("loaders.extract").extract
    fast = [extract(a) for a in articles]
    monkeypatch.setattr(statements_module, "_heads", lambda built: defaultdict(lambda: 2))
    folded: list[str] = []

    def counted(text: str) -> str:
        folded.append(text)
        return fold(text)

    monkeypatch.setattr(statements_module, "fold", counted)
    long = [extract(a) for a in articles]
    assert fast == long
    assert len(folded) > sum(len(b.statements) for b in long)  # a repeat was read and dropped


def _same_statement(fast: Statement, slow: Statement) -> None:
    """``fast`` is ``slow`` in every way a caller sees: state (keys in order), fields set, dumps, copies, pickles."""
    assert type(fast) is Statement
    assert list(fast.__dict__.items()) == list(slow.__dict__.items())
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.__pydantic_extra__ == slow.__pydantic_extra__
    assert fast.__pydantic_private__ == slow.__pydantic_private__
    assert fast == slow
    assert fast.model_dump_json() == slow.model_dump_json()
    assert repr(fast) == repr(slow)
    back = pickle.loads(pickle.dumps(fast))
    assert back == slow and list(back.__dict__.items()) == list(slow.__dict__.items())
    assert back.model_fields_set == slow.model_fields_set
    assert fast.model_copy(update={"via_id": "x"}) == slow.model_copy(update={"via_id": "x"})
    assert fast.targets is not slow.targets and fast.conditions is not slow.conditions


def test_trusted_statements_are_the_validated_statements(
    monkeypatch: pytest.MonkeyPatch, source: Callable[[str], ModuleType]
) -> None:
    # build_statement makes its Statement without pydantic's validator (statements.trusted_statement):
    # on every statement of every development article it must be the validated statement, made
    # from the same values, in every way a caller sees it, and it must take the short way there
    made: list[dict[str, Any]] = []
    statements_module, extract = source("loaders.extract.statements"), source("loaders.extract").extract
    trusted = statements_module.trusted_statement
    short = 0

    def compared(values: dict[str, Any]) -> Statement:
        nonlocal short
        kept: dict[str, Any] = {k: (list(v) if type(v) is list else v) for k, v in values.items()}
        short += statements_module._trusted(values) is not None
        st: Statement = trusted(values)
        _same_statement(st, Statement(**kept))  # now: finish() changes some statements later
        made.append(kept)
        return st

    monkeypatch.setattr(statements_module, "trusted_statement", compared)
    for code in available_languages():
        for text in _all_texts(code):
            extract(_article(text, code))
    assert len(made) > 400 and short == len(made)
    assert any(v["via_id"] for v in made) and any(v["cue_span"] is None for v in made)
    # the article's date missing: undated, date_source "none", as the statement's validator sets them
    values = {**made[0], "date": None, "date_source": "article", "undated": False}
    _same_statement(trusted(dict(values)), Statement(**values))
    assert trusted(dict(values)).undated and trusted(dict(values)).date_source == "none"


def test_a_statement_validation_would_convert_or_reject_is_validated(
    monkeypatch: pytest.MonkeyPatch, source: Callable[[str], ModuleType]
) -> None:
    # values validation converts (an int goldstein, a float quad class) are converted, values it
    # rejects (a bad speaker id, an article id too long for its statements' ids, a cameo not of
    # digits, a confidence over 1) raise as Statement(...) raises
    made: list[dict[str, Any]] = []
    statements_module, extract = source("loaders.extract.statements"), source("loaders.extract").extract
    trusted = statements_module.trusted_statement

    def recorded(values: dict[str, Any]) -> Statement:
        made.append(dict(values))
        st: Statement = trusted(values)
        return st

    monkeypatch.setattr(statements_module, "trusted_statement", recorded)
    for text in _all_texts("en")[:5]:
        extract(_article(text, "en"))
    base = made[0]
    converted: list[dict[str, Any]] = [
        {"goldstein": int(base["goldstein"])},
        {"quad_class": float(base["quad_class"])},
        {"confidence": 1},
        {"direct": 1},
        {"relation": base["relation"].value},
        {"date": datetime(2026, 1, 5, tzinfo=UTC)},
        {"date_source": "text"},
    ]
    for change in converted:
        values = {**base, **change}
        assert statements_module._trusted(values) is None or change == {"date_source": "text"}, change
        _same_statement(trusted(dict(values)), Statement(**values))
    rejected: list[dict[str, Any]] = [
        {"speaker_id": "Bad Id"},
        {"on_behalf_of_id": "-x"},
        {"via_id": ""},
        {"article_id": "a" * 201},
        {"id": "a" * 190 + ":12345-12399"},
        {"cameo": "12a"},
        {"cameo": "12345"},
        {"confidence": 1.5},
        {"goldstein": -11.0},
        {"quad_class": 5},
        {"date_source": "later"},
    ]
    for change in rejected:
        values = {**base, **change}
        with pytest.raises(ValidationError):
            Statement(**values)
        with pytest.raises(ValidationError):
            trusted(dict(values))


def test_trusted_targets_are_the_validated_targets(
    monkeypatch: pytest.MonkeyPatch, source: Callable[[str], ModuleType]
) -> None:
    # build_targets and build_statement make their Target without pydantic's validator
    # (targets.target): on every target of every development article it must be the validated
    # target in every way a caller sees it; a value validation converts or rejects goes the long way
    targets_module, statements_module = source("loaders.extract.targets"), source("loaders.extract.statements")
    extract = source("loaders.extract").extract
    trusted = targets_module.target
    made = 0

    def compared(actor_id: str, role: TargetRole, mention: str | None, span: Span | None) -> Target:
        nonlocal made
        fast = trusted(actor_id, role, mention, span)
        slow = Target(actor_id=actor_id, role=role, mention=mention, span=span)
        assert type(fast) is Target and list(fast.__dict__.items()) == list(slow.__dict__.items())
        assert fast.model_fields_set == slow.model_fields_set and fast == slow
        assert fast.model_dump_json() == slow.model_dump_json() and repr(fast) == repr(slow)
        assert pickle.loads(pickle.dumps(fast)) == slow and fast.span is span
        made += 1
        return fast

    monkeypatch.setattr(targets_module, "target", compared)
    monkeypatch.setattr(statements_module, "target", compared)
    for code in available_languages():
        for text in _all_texts(code):
            extract(_article(text, code))
    assert made > 300
    text = "Erdoğan met Putin"
    good = evidence(text, 12, 17)
    assert trusted("russia", TargetRole.target, None, None) == Target(actor_id="russia", mention=None, span=None)
    assert trusted("russia", "mentioned", "Putin", good) == Target(actor_id="russia", role="mentioned",  # type: ignore[arg-type]
                                                                   mention="Putin", span=good)  # fmt: skip
    bad = evidence(text, 12, 17)
    bad.end = 3
    for actor_id, span in (("Russia", good), ("-x", good), ("a" * 201, good), ("russia", bad)):
        with pytest.raises(ValidationError):
            Target(actor_id=actor_id, role=TargetRole.target, mention="Putin", span=span)
        with pytest.raises(ValidationError):
            trusted(actor_id, TargetRole.target, "Putin", span)
