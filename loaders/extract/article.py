"""The article context: what extraction knows about one article, built once, read by every pattern.

:func:`build_context` reads the article in this order — quotes and sentences
(:mod:`.sentences`), gazetteer mentions (:class:`~loaders.gazetteer.Gazetteer`), word tokens
(:mod:`.phrases`), speaker noun phrases (:mod:`.mentions`), the dateline's or national outlet's
state and the salient initiative (:mod:`.provenance`) — and the attribution patterns, speaker
resolution and statement building take the resulting :class:`ArticleContext` as their one
argument about the article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from graph.model import Actor, Article, Role
from loaders.extract.lang import LangData
from loaders.extract.lexicon import Lexicon
from loaders.extract.mentions import Hit, MentionIndex, Ref, RefFinder, RefKind
from loaders.extract.phrases import Tokens
from loaders.extract.provenance import article_day, dateline_state, national_state, salient_initiative
from loaders.extract.sentences import Quote, Sentence, find_quotes, paragraphs, split_sentences
from loaders.extract.spans import QUOTE_MARKS
from loaders.extract.windows import APPOSED_NAME_REACH, MENTION_BLOCK, RECENT_PERSON_REACH, SENTENCE_OPENER
from loaders.gazetteer import Gazetteer, TokenWords, words_are_tokens

_SUBJECTS = frozenset({RefKind.person, RefKind.office, RefKind.pronoun, RefKind.actor, RefKind.anon})


@dataclass(slots=True)
class Collector:
    """Actors, roles and warnings gathered for the batch."""

    actors: dict[str, Actor] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def actor(self, a: Actor | None) -> None:
        if a is not None and a.id not in self.actors:
            self.actors[a.id] = a

    def role(self, r: Role) -> None:
        self.roles.setdefault(r.key, r)


@dataclass(slots=True)
class ArticleContext:
    """One article as extraction sees it: text, language knowledge, quotes, sentences, names."""

    article: Article
    text: str
    """The text the patterns read (script punctuation as Latin, same offsets as ``article.text``)."""
    lex: Lexicon
    day: date | None
    """The article's date: relative dates and dated roles resolve against it. None when the article
    gives none: the statements are undated and relative dates stay unresolved (never the clock)."""
    quotes: list[Quote]
    sentences: list[Sentence]
    tokens: Tokens
    index: MentionIndex
    names: RefFinder
    refs: list[Ref]
    outlet: Actor | None
    home: Actor | None
    """The dateline's state ("JAKARTA -"): home of state officials and bodies named without one."""
    national: Actor | None
    """Without a dateline, the state of a national outlet writing in that state's own language."""
    initiative: Actor | None
    """The initiative the article names most (the force, mission or plan it is about)."""
    out: Collector
    _ref_starts: list[int] = field(init=False)
    _quote_starts: list[int] = field(init=False)
    _sentence_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self._ref_starts = [r.start for r in self.refs]
        self._quote_starts = [q.start for q in self.quotes]
        self._sentence_starts = [s.start for s in self.sentences]

    @property
    def lang(self) -> LangData:
        return self.lex.lang

    @property
    def gaz(self) -> Gazetteer:
        return self.lex.gazetteer

    def warn(self, message: str) -> None:
        self.out.warnings.append(message)

    def without_fillers(self, start: int, end: int) -> str:
        """``lex.filler_re.sub(" ", text[start:end])`` (the piece as it is without a filler pattern),
        substituted only where :meth:`~loaders.extract.phrases.Tokens.may_hold_piece` says a filler
        can be in it (most pieces hold none: no scan)."""
        piece = self.text[start:end]
        lex = self.lex
        if lex.filler_re is None or not self.tokens.may_hold_piece(lex.filler_first, start, end):
            return piece
        return lex.filler_re.sub(" ", piece)

    # ------------------------------------------------------------------------------ lookups

    def quotes_in(self, s: int, e: int) -> list[Quote]:
        """Quotes starting in ``[s, e)``."""
        i = bisect_left(self._quote_starts, s)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < e:
            out.append(self.quotes[i])
            i += 1
        return out

    def refs_in(self, s: int, e: int) -> list[Ref]:
        """Speaker noun phrases inside ``[s, e)``."""
        i = bisect_left(self._ref_starts, s)
        out = []
        while i < len(self.refs) and self.refs[i].start < e:
            if self.refs[i].end <= e:
                out.append(self.refs[i])
            i += 1
        return out

    def recent_person(self, pos: int) -> Ref | None:
        """The person named last before ``pos`` (within :data:`RECENT_PERSON_REACH`)."""
        for r in reversed(self.refs_in(max(0, pos - RECENT_PERSON_REACH), pos)):
            if r.kind == RefKind.person and r.actor is not None:
                return r
        return None

    def named_subject(self, lo: int, hi: int) -> Ref | None:
        """The person opening the latest sentence in ``(lo, hi)`` before the one holding ``hi``.

        "Sementara itu, Andi Wirawan, pengamat …, menilai …. "…," ujarnya": the pronoun is Andi
        Wirawan's. A sentence opening with another subject (a pronoun, a title, a state) ends the search.
        """
        text = self.text
        i = bisect_right(self._sentence_starts, hi) - 2  # the sentence before the one holding hi
        while i >= 0 and self.sentences[i].start > lo:
            sent = self.sentences[i]
            i -= 1
            subjects = [r for r in self.refs_in(sent.start, sent.end) if r.kind in _SUBJECTS]
            if subjects and _dateline_place(text, sent.start, subjects[0]):
                subjects = subjects[1:]  # "MANILA – El canciller filipino Enrique Manalo …": not the subject
            first = subjects[0] if subjects else None
            if first is not None and _leads(_DATELINE_LEAD.sub("", text[sent.start : first.start], count=1)):
                return first if first.kind == RefKind.person and first.actor is not None else None
            for begin in _clause_starts(text, sent.start, sent.end):
                named = self.names.unknown_name_at(begin, sent.end, first=True)
                if named is not None and named.kind == RefKind.person and named.actor is not None:
                    return named
            apposed = _apposed_name_start(text, sent.start, sent.end)
            if apposed is not None:
                # "Pengamat hukum laut dari Universitas Indonesia, Arif Setiawan, menilai …": the
                # person named between the commas after a role opens the sentence
                named = self.names.unknown_name_at(apposed, sent.end, first=True)
                if (
                    named is not None
                    and named.kind == RefKind.person
                    and named.actor is not None
                    and text[named.end : named.end + 1] == ","
                ):
                    return named
        return None


def build_context(article: Article, lex: Lexicon, outlet: Actor | None, out: Collector) -> ArticleContext | None:
    """Read ``article`` (which has text) into a context; None (with a warning) when it has no sentence.

    The patterns read a copy of the text in which the language's own punctuation is the Latin one
    (``[script] punctuation``: Arabic "،" is ","); it has the same length, so every offset holds,
    and statements take their evidence from the article's own text.
    """
    text = article.text
    if lex.lang.punctuation:
        text = text.translate({ord(k): v for k, v in lex.lang.punctuation.items()})
    quotes = [q for s, e in paragraphs(text) for q in find_quotes(text, s, e, lex.lang.quotes)]
    if any(not q.balanced for q in quotes):
        out.warnings.append(f"{sum(not q.balanced for q in quotes)} unbalanced quotation mark(s)")
    sentences = split_sentences(text, quotes, lex.lang.abbreviations, lex.lang.terminators)
    if not sentences:
        out.warnings.append("no sentence found")
        return None
    gaz = lex.gazetteer
    tokens = Tokens(text)
    # the tokens of a text of one block are the gazetteer's words when folding keeps its offsets
    # and its word characters: it is not folded and split again
    tokens.folds_in_place = words_are_tokens(text)
    shared = len(text) <= MENTION_BLOCK and tokens.folds_in_place
    index = MentionIndex(
        _mentions(gaz, text, lex.lang, (tokens.folded, tokens.starts, tokens.ends) if shared else None)
    )
    names = RefFinder(text, lex, index, tokens)
    refs = names.find()
    home = names.home = dateline_state(text, gaz)
    national = names.national = national_state(gaz, outlet, lex.lang.code) if home is None else None
    return ArticleContext(
        article=article,
        text=text,
        lex=lex,
        day=article_day(article),
        quotes=quotes,
        sentences=sentences,
        tokens=tokens,
        index=index,
        names=names,
        refs=refs,
        outlet=outlet,
        home=home,
        national=national,
        initiative=salient_initiative(index),
        out=out,
    )


def _mentions(gaz: Gazetteer, text: str, lang: LangData, words: TokenWords | None = None) -> list[Hit]:
    """Gazetteer mentions, searched paragraph block by block (bounded cost per call); ``words``: the
    tokens of a text of one block (``len(text) <= MENTION_BLOCK``, which the caller checked), when
    :func:`~loaders.gazetteer.words_are_tokens` says they are the gazetteer's words."""
    code = lang.code if lang.known else None
    if words is not None:
        return [Hit(actor, s, e, name) for actor, s, e, name, _ in gaz.mention_rows(text, code, words)]
    out: list[Hit] = []
    for start, end in _blocks(text):
        for actor, s, e, name, _ in gaz.mention_rows(text[start:end], code):
            out.append(Hit(actor, start + s, start + e, name))
    return out


def _blocks(text: str, size: int = MENTION_BLOCK) -> list[tuple[int, int]]:
    """Consecutive ``[start, end)`` blocks of about ``size`` characters, cut at paragraph ends."""
    blocks: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        blocks.append((start, end))
        start = end
    return blocks


_DATELINE_TAIL = re.compile(r"\s*(?:,[^\n,]{0,40}?)?\s*(?:\([^()\n]{0,40}\)\s*)?[-–—]\s")
"""What follows a dateline's place: an optional date and outlet, then a dash ("MANILA, 3 Mar (X) – ")."""
_DATELINE_LEAD = re.compile(r"^\s*[^\W\d_][\w .'’-]{1,30}?" + _DATELINE_TAIL.pattern)


def _dateline_place(text: str, start: int, ref: Ref) -> bool:
    """Is ``ref`` the place of a wire dateline opening the sentence at ``start``?"""
    return (
        ref.kind == RefKind.actor
        and not text[start : ref.start].strip()
        and _DATELINE_TAIL.match(text, ref.end) is not None
    )


def _leads(lead: str) -> bool:
    """Is ``lead`` a short opener before a sentence's subject ("Sementara itu, ", "On Monday, ")?"""
    return len(lead) <= SENTENCE_OPENER and not any(q in lead for q in QUOTE_MARKS)


def _apposed_name_start(text: str, start: int, end: int) -> int | None:
    """After a role phrase opening a sentence, where a name set off by commas starts ("…, Arif Setiawan, …")."""
    comma = text.find(",", start, min(end, start + APPOSED_NAME_REACH))
    if comma < 0 or any(q in text[start:comma] for q in QUOTE_MARKS):
        return None
    begin = comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip())
    return begin if text[begin : begin + 1].isupper() else None


def _clause_starts(text: str, start: int, end: int) -> list[int]:
    """Where a sentence's subject may start: its beginning, or after a short opener and a comma."""
    out = [start]
    comma = text.find(",", start, min(end, start + SENTENCE_OPENER))
    if comma >= 0 and not any(q in text[start:comma] for q in QUOTE_MARKS):
        out.append(comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip()))
    return out
