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
from loaders.extract.lang import (
    LangData,
    SlotPattern,
    compile_phrases,
    first_words,
    last_words,
    load_lang,
    phrase_regex,
    phrases_source,
)
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
    pronoun_first: frozenset[str] | None
    """``lang.first_words`` of the pronouns: :attr:`pronoun_re` matches only where such a token starts
    (:meth:`~loaders.extract.phrases.Tokens.matches`)."""
    filler_re: re.Pattern[str] | None
    """Fillers and interview frames allowed between a speaker and its verb."""
    filler_first: frozenset[str] | None
    """``lang.first_words`` of the fillers: a piece without such a token holds no filler
    (:meth:`~loaders.extract.article.ArticleContext.without_fillers`)."""
    relative_re: re.Pattern[str] | None
    """A comma and a relative pronoun opening a relative clause."""
    future_re: re.Pattern[str] | None
    back_re: re.Pattern[str] | None
    adjunct_words: frozenset[str]
    locatives: frozenset[str]
    passive: frozenset[str]
    longest_body: int
    """Words in the longest ``[bodies]`` phrase ("the foreign ministry": 3)."""
    pronoun_words: frozenset[str]
    """Folded pronouns and self references ("he", "kami", "we"): never a one-word name."""
    plural_pronouns: frozenset[str]
    """Folded pronouns that refer to a group ("they", "mereka")."""
    conjunctions: frozenset[str]
    """Single-word coordinators and contrastives ("and", "but", "dan", "namun")."""
    definite_articles: frozenset[str]
    articles: frozenset[str]
    """Definite and indefinite articles, folded ("the", "a", "l'", "seorang")."""
    possessives: tuple[str, ...]
    """Possessive endings with either apostrophe ("'s", "’s"); empty for most languages."""
    joint_re: re.Pattern[str]
    """A coordinator ending right before a second subject ("Indonesia and …")."""
    conjunction_gap_re: re.Pattern[str]
    """A gap that is only a conjunction (fullmatch): "China condemned the sale to Taiwan and warned"."""
    coordinated_re: re.Pattern[str]
    """A clause start after a comma or coordinator ("…, and called for", "… dan menyerukan")."""
    joined_re: re.Pattern[str]
    """A coordinator or contrastive, after an optional comma, ending a span ("…, but", "… dan")."""
    joined_last: frozenset[str] | None
    """The folded words a match of :attr:`joined_re` can end with (``lang.last_words`` of the
    coordinators and contrastives): a span whose last token is none of them holds no match
    (:meth:`~loaders.extract.phrases.Tokens.may_end_with`)."""
    clause_joint_re: re.Pattern[str]
    """A comma and a coordinator or contrastive opening a new clause (", but", ", dan")."""
    target_link_re: re.Pattern[str]
    """What may stand between two coordinated targets (fullmatch): ", ", " and the ", " atau "."""
    word_before_re: re.Pattern[str]
    """The word before a position, an article allowed in between (search at the end of a window)."""
    two_words_before_re: re.Pattern[str]
    """The word two words before a position ("ambassador to the")."""
    article_at_end_re: re.Pattern[str]
    """A definite article ending a window."""
    article_re: re.Pattern[str]
    """A definite article and its space, at a position (match)."""
    apposition_re: re.Pattern[str]
    """A comma and an optional article opening an apposition ("…, a spokesman for")."""
    title_link_re: re.Pattern[str]
    """What links a title to its state or organisation ("of the Government of", "de la", "'s", ", ")."""
    attached_connectors: tuple[str, ...]
    """Title connectors that are declared attached prefixes (Arabic "ل" of "الأمين العام للأمم المتحدة")."""
    government_re: re.Pattern[str] | None
    place_suffix_re: re.Pattern[str] | None
    """A place suffix right after a place ("-based", "-born")."""

    def canonical_title(self, word: str) -> str | None:
        """Canonical title of a local title word or phrase ("Presiden" → "president")."""
        return self.titles.get(" ".join(word.casefold().split()))


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None


_NEVER = "(?!)"


def _exact_words(words: list[str]) -> str:
    """Alternation of ``words`` written exactly (case aside), each a whole word, tried in order.

    ``(?<!\\w)word(?!\\w)`` for each word, written as :func:`~loaders.extract.lang.phrases_source`
    writes its phrases (the boundary, a lookahead over the first characters, the boundary again
    after the first one), so the scan over a whole text does not run every branch at every character.

    Examples
    --------
    >>> rx = re.compile(_exact_words(["él", "ella"]), re.I)
    >>> [m.group(0) for m in rx.finditer("Él dijo; el de ella; ellas")]
    ['Él', 'ella']
    """
    firsts = "".join(sorted({w[0] for w in words if w}))
    branches = [rf"{re.escape(w[0])}(?<!\w[\s\S]){re.escape(w[1:])}(?!\w)" for w in words if w]
    # every branch starts a word: the boundary also opens the source (inside a word it fails first)
    return rf"(?<!\w)(?=[{re.escape(firsts)}])(?:" + "|".join(f"(?:{b})" for b in branches) + ")"


def _any(*sources: str | None) -> str:
    """Alternation of regex sources, a never-matching one when all are empty."""
    kept = [s for s in sources if s]
    return "|".join(f"(?:{s})" for s in kept) if kept else _NEVER


def _articles(words: list[str]) -> str:
    """Articles each with the space after them (none after an elided one: "l'")."""
    return _any(*(phrase_regex(w) + (r"\s+" if w[-1:].isalnum() else r"\s*") for w in words))


def _apostrophes(endings: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for e in endings:
        for variant in (e.replace("’", "'"), e.replace("'", "’")):
            if variant not in out:
                out.append(variant)
    return tuple(out)


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
    coordinators = lang.source("coordinators")
    conjunctions = _any(coordinators, lang.source("contrastives"))
    definite = lang.phrases("definite_articles")
    articles = _articles(definite)
    connectors = [c for c in lang.phrases("title_connectors") if c[-1:].isalnum()]
    elided = [c for c in lang.phrases("title_connectors") if not c[-1:].isalnum()]
    connector, government = _any(phrases_source(connectors)), _any(lang.source("government_words"))
    possessive = _any(lang.source("possessives"))
    suffixes = lang.source("place_suffixes")
    return Lexicon(
        lang=lang,
        gazetteer=gaz,
        titles=titles,
        title_re=compile_phrases(list(titles)),
        title_matcher=PhraseMatcher(list(titles.items()), lang.clitics),
        anon_matcher=PhraseMatcher([(sp.phrase.partition(sp.slot)[0].strip(), str(i)) for i, sp in enumerate(slots)]),
        anon_by_left=by_left,
        # accents matter here: Spanish "él" is a pronoun, "el" an article
        pronoun_re=re.compile(_exact_words(lang.phrases("pronouns")), re.I) if lang.phrases("pronouns") else None,
        pronoun_first=first_words(lang.phrases("pronouns")),
        filler_re=compile_phrases([*lang.phrases("fillers"), *lang.phrases("interview")]),
        filler_first=first_words([*lang.phrases("fillers"), *lang.phrases("interview")]),
        relative_re=re.compile(rf",\s*(?:{relatives.pattern})\b", re.I) if relatives is not None else None,
        future_re=compile_phrases(lang.phrases("future_markers")),
        back_re=_alternation(lang.back_references),
        adjunct_words=frozenset(
            w.casefold()
            for w in [*lang.phrases("locative"), *lang.phrases("audience"), *lang.phrases("adjuncts")]
            if " " not in w
        ),
        locatives=frozenset(
            w.casefold() for w in [*lang.phrases("locative"), *lang.phrases("place_prepositions")] if " " not in w
        ),
        passive=frozenset(w.casefold() for w in lang.phrases("passive_auxiliaries")),
        longest_body=max((len(k.split()) for k in lang.bodies), default=0),
        pronoun_words=frozenset(fold(p) for p in [*lang.phrases("pronouns"), *lang.phrases("self_refs")]),
        plural_pronouns=frozenset(fold(p) for p in lang.phrases("plural_pronouns")),
        conjunctions=frozenset(
            w.casefold() for w in [*lang.phrases("coordinators"), *lang.phrases("contrastives")] if " " not in w
        ),
        definite_articles=frozenset(a.casefold().replace("’", "'") for a in definite),
        articles=frozenset(a.casefold().replace("’", "'") for a in [*definite, *lang.phrases("indefinite_articles")]),
        possessives=_apostrophes(lang.phrases("possessives")),
        joint_re=re.compile(rf"\s*(?:{_any(coordinators)})\s+$", re.I),
        conjunction_gap_re=re.compile(rf"\s*,?\s*(?:{conjunctions})\s*", re.I),
        coordinated_re=re.compile(rf"(?:,|{_any(coordinators)})\s*$", re.I),
        joined_re=re.compile(rf"(?:,\s*)?(?:{conjunctions})\s*$", re.I),
        joined_last=last_words([*lang.phrases("coordinators"), *lang.phrases("contrastives")]),
        clause_joint_re=re.compile(rf",\s*(?:{conjunctions})", re.I),
        target_link_re=re.compile(
            rf"\s*(?:,|,?\s*(?:{_any(coordinators, lang.source('disjunctions'))}))\s*(?:{articles})?", re.I
        ),
        word_before_re=re.compile(rf"(\w+)\s+(?:{articles})?$", re.I),
        two_words_before_re=re.compile(rf"(\w+)\s+\w+\s+(?:{articles})?$", re.I),
        article_at_end_re=re.compile(rf"(?:{_any(lang.source('definite_articles'))})\s*$", re.I),
        article_re=re.compile(articles, re.I),
        apposition_re=re.compile(rf"\s*,\s*(?:{_articles([*definite, *lang.phrases('indefinite_articles')])})?", re.I),
        title_link_re=re.compile(
            rf"(?:\s+(?:{connector})(?:\s+(?:{articles})?(?:{government})(?:\s+(?:{connector}))?)?\s+"
            rf"|\s+(?:{_any(phrases_source(elided))})|\s+(?:{government})\s+|(?:{possessive})\s+|\s*,\s*|\s+)",
            re.I,
        ),
        attached_connectors=tuple(c for c in lang.phrases("title_connectors") if c in lang.clitics),
        government_re=lang.pattern("government_words"),
        place_suffix_re=re.compile(rf"[-‐]\s*(?:{suffixes})", re.I) if suffixes else None,
    )
