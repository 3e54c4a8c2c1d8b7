"""One language's extraction knowledge, compiled once per process.

A :class:`Lexicon` joins what a language's cue file (:mod:`.lang`) and the gazetteer say about
the language (title words, name particles …) and holds every pattern and matcher built from
them. Building one costs tens of milliseconds, so :func:`lexicon` caches one per language for
the life of the process; each worker of a process pool builds its own on first use. Nothing
here depends on an article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import fold
from loaders.extract.lang import LangData, SlotPattern, compile_phrases, load_lang
from loaders.extract.phrases import PhraseMatcher
from loaders.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled cue lists and title words of one language (see ``loaders/data/lang/README.md``)."""

    lang: LangData
    gazetteer: Gazetteer
    titles: dict[str, str]
    """Folded local title phrase → canonical English title (gazetteer ``titles.csv`` + cue file)."""
    title_re: re.Pattern[str] | None
    title_matcher: PhraseMatcher
    anon_matcher: PhraseMatcher
    """Left part of each anonymous-source pattern (value: its index)."""
    anon_by_left: dict[str, list[SlotPattern]]
    pronoun_re: re.Pattern[str] | None
    filler_re: re.Pattern[str] | None
    """Fillers and interview frames allowed between a speaker and its verb."""
    relative_re: re.Pattern[str] | None
    """A comma and a relative pronoun opening a relative clause."""
    future_re: re.Pattern[str] | None
    back_re: re.Pattern[str] | None
    adjunct_words: frozenset[str]
    locatives: frozenset[str]
    passive: frozenset[str]

    def canonical_title(self, word: str) -> str | None:
        """Canonical title of a local title word or phrase ("Presiden" → "president")."""
        return self.titles.get(" ".join(word.casefold().split()))


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


_LEXICONS: dict[str, Lexicon] = {}


def lexicon(lang: LangData | str) -> Lexicon:
    """The lexicon of a language (a language without a cue file gets the universal one), cached.

    Examples
    --------
    >>> lex = lexicon("id")
    >>> lex is lexicon(load_lang("id")), lex.canonical_title("Presiden")
    (True, 'president')
    """
    data = load_lang(lang) if isinstance(lang, str) else lang
    found = _LEXICONS.get(data.code)
    if found is None:
        found = _LEXICONS[data.code] = _build(data)
    return found


def _build(lang: LangData) -> Lexicon:
    gaz = Gazetteer.default()
    titles = {**gaz.titles(lang.code), **lang.titles}
    slots = lang.slot_patterns("anonymous")
    by_left: dict[str, list[SlotPattern]] = {}
    for sp in slots:
        by_left.setdefault(fold(sp.phrase.partition(sp.slot)[0]), []).append(sp)
    relatives = lang.pattern("relatives")
    return Lexicon(
        lang=lang,
        gazetteer=gaz,
        titles=titles,
        title_re=compile_phrases(list(titles)),
        title_matcher=PhraseMatcher(list(titles.items())),
        anon_matcher=PhraseMatcher([(sp.phrase.partition(sp.slot)[0].strip(), str(i)) for i, sp in enumerate(slots)]),
        anon_by_left=by_left,
        # accents matter here: Spanish "él" is a pronoun, "el" an article
        pronoun_re=(
            re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in lang.pronouns), re.I)
            if lang.pronouns
            else None
        ),
        filler_re=compile_phrases([*lang.fillers, *lang.interview]),
        relative_re=re.compile(rf",\s*(?:{relatives.pattern})\b", re.I) if relatives is not None else None,
        future_re=compile_phrases(lang.future_markers),
        back_re=_alternation(lang.back_references),
        adjunct_words=frozenset(w.casefold() for w in [*lang.locative, *lang.audience, *lang.adjuncts] if " " not in w),
        locatives=frozenset(w.casefold() for w in [*lang.locative, *lang.place_prepositions] if " " not in w),
        passive=frozenset(w.casefold() for w in lang.passive_auxiliaries),
    )
