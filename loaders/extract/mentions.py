"""Who and what a text names: gazetteer mentions plus speaker noun phrases.

A speaker noun phrase (:class:`Ref`) is one of: a title phrase ("Presiden Azerbaijan Ilham
Aliyev", "Turkish President Erdogan", "the minister"), a named person (known to the
gazetteer or a capitalised name after a title word), a state/organisation metonym
("Ankara", "the State Department"), an anonymous source with its affiliation ("a source in
the Azerbaijani government"), or a pronoun. Offsets index the original text.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum, auto
from functools import cache, lru_cache
from itertools import pairwise

from babel import Locale, UnknownLocaleError

from graph.model import Actor, ActorKind, fold, slugify
from loaders.extract.lang import ANY_MINISTRY
from loaders.extract.lexicon import Lexicon
from loaders.extract.phrases import Tokens
from loaders.extract.windows import PORTFOLIO_REACH, TITLE_REACH

_AFFILIATIONS = frozenset({ActorKind.state, ActorKind.organization, ActorKind.armed_group})
SPEAKER_KINDS = frozenset({ActorKind.person, ActorKind.state, ActorKind.organization, ActorKind.armed_group})
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
MAX_NAME_AFTER_PORTFOLIO = 3
"""Words of a new person's name read after a title's portfolio ("… Perikanan Aceh | Cut Nyak Meutia")."""
FUNCTION_WORD_ZIPF = 5.0
"""A word this common (wordfreq Zipf scale) is a function word, never the first word of a name."""
_CUE_LISTS = ("according_to", "speech_verbs", "fillers", "coordinators", "contrastives", "adjuncts", "locative")
SINGLE_NAME_MAX_ZIPF = 3.5
"""A one-word name must be rarer than this as a word of the language (wordfreq Zipf scale)."""
_HARD = re.compile(r"[.!?;:()\[\]“”\"«»]")
_ID_OK = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,199}$")


def actor_id(name: str) -> str:
    """Id of an actor the gazetteer does not know: the slug of its name, or a stable hash of it.

    Examples
    --------
    >>> actor_id("Budi Santoso")
    'budi-santoso'
    >>> actor_id("Сергей Лавров").startswith("x-")
    True
    """
    slug = slugify(name)
    if _ID_OK.match(slug):
        return slug
    return "x-" + hashlib.sha1(fold(name).encode("utf-8")).hexdigest()[:12]


_PORTFOLIO_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_APPOSITION_COMMA = re.compile(r",\s*")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)\s+")
_PLACE_RUN = re.compile(r"[^\W\d_a-z][\w'’-]*(?:\s+[^\W\d_a-z][\w'’-]*){0,2}")
_NAME_AFTER_COMMA = re.compile(r"\s*,\s*[^\W\d_a-z]")
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][A-Za-z.&-]{1,11}\)?\s*$")
_LAST_WORD_OF = re.compile(r"[\w-]+\s*$")
_COMMA_GAP = re.compile(r"\s*,?\s*")
_PARENTHESIS_OR_CODE = re.compile(r"\s*\([^()\n]{1,40}\)|\s+[A-Z]{2,3}(?=[\s,])")
_WORD_BEFORE_WORD = re.compile(r"\s+([^\W\d_]+)(?=\s*,?\s+[^\W\d_])")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_NAME_WORD_BEFORE_SPACE = re.compile(r"([^\W\d_][\w'’.-]*) $")


@dataclass(frozen=True, slots=True)
class Hit:
    """An actor mention (from the gazetteer, or an unknown person found by heuristics)."""

    actor: Actor
    start: int
    end: int
    text: str
    new: bool = False


class RefKind(StrEnum):
    """What a speaker noun phrase names."""

    person = auto()  # a named person, known to the gazetteer or not
    actor = auto()  # a state, organisation or group (or a metonym: "Ankara")
    office = auto()  # a title without a name ("the foreign minister", "Presiden Azerbaijan")
    pronoun = auto()
    anon = auto()  # an anonymous source with its affiliation ("a source in the Azerbaijani government")


@dataclass(slots=True)
class Ref:
    """A speaker noun phrase."""

    kind: RefKind
    start: int
    end: int
    text: str
    actor: Actor | None = None
    affiliation: Actor | None = None
    title: str | None = None
    new_person: bool = False
    parts: list[Hit] = field(default_factory=list)


class MentionIndex:
    """Gazetteer mentions of one text, searchable by position."""

    def __init__(self, hits: Iterable[Hit]) -> None:
        self.hits = sorted(hits, key=lambda h: (h.start, -h.end))
        self._starts = [h.start for h in self.hits]

    def starting_near(self, pos: int, slack: int = 1) -> Hit | None:
        """The mention starting at ``pos`` (or up to ``slack`` characters later)."""
        i = bisect_left(self._starts, pos)
        if i < len(self.hits) and self.hits[i].start <= pos + slack:
            return self.hits[i]
        return None

    def covering(self, pos: int) -> Hit | None:
        """The mention that covers ``pos``, if any."""
        i = bisect_left(self._starts, pos + 1) - 1
        while i >= 0 and self.hits[i].start > pos - 200:
            if self.hits[i].start <= pos < self.hits[i].end:
                return self.hits[i]
            i -= 1
        return None

    def ending_at(self, pos: int, slack: int = 1) -> Hit | None:
        i = bisect_left(self._starts, pos) - 1
        while i >= 0 and self.hits[i].start > pos - 200:
            h = self.hits[i]
            if pos - slack <= h.end <= pos:
                return h
            i -= 1
        return None

    def within(self, start: int, end: int) -> list[Hit]:
        i = bisect_left(self._starts, start)
        out: list[Hit] = []
        while i < len(self.hits) and self.hits[i].start < end:
            if self.hits[i].end <= end:
                out.append(self.hits[i])
            i += 1
        return out

    def add(self, hit: Hit) -> None:
        i = bisect_left(self._starts, hit.start)
        self.hits.insert(i, hit)
        self._starts.insert(i, hit.start)


def capitalised_name(
    text: str, pos: int, lex: Lexicon, limit: int = 5, stop: Callable[[int], bool] | None = None
) -> tuple[int, int] | None:
    """A run of 2..limit capitalised words starting at ``pos`` (name particles allowed inside).

    Examples
    --------
    >>> from loaders.extract.lexicon import lexicon
    >>> t = "Menteri Budi Santoso mengatakan"
    >>> s, e = capitalised_name(t, 8, lexicon("id"))
    >>> t[s:e]
    'Budi Santoso'
    """
    words: list[tuple[int, int]] = []
    i = pos
    n = len(text)
    while len(words) < limit and i < n:
        m = _NAME_TOKEN.match(text, i)
        if not m:
            break
        word = m.group(0).rstrip(".")
        if len(word) > 1 and word.endswith(lex.possessives):
            break
        if words and stop is not None and stop(m.start()):
            break
        if (word[:1].isupper() and not word.isupper()) or (word.isupper() and len(word) <= 3 and words):
            words.append((m.start(), m.start() + len(word)))
        elif word.casefold() in lex.lang.words("particles") and words:
            pass
        else:
            break
        i = m.start() + len(word)
        if len(word) == 1 and i + 1 < n and text[i] == "." and text[i + 1] == " ":
            i += 1  # an initial: "Thomas R. Whitfield"
        if (i < n and text[i] == " ") or (i < n and text[i] == "-" and words):
            i += 1
        else:
            break
    if len(words) < 2:
        return None
    return words[0][0], words[-1][1]


class RefFinder:
    """Builds the speaker noun phrases of one article."""

    def __init__(self, text: str, lex: Lexicon, index: MentionIndex, tokens: Tokens):
        self.text = text
        self.lex = lex
        self.lang = lex.lang
        self.index = index
        self.gaz = lex.gazetteer
        self.titles = lex.titles
        self.title_re = lex.title_re
        self.tokens = tokens
        self.title_matcher = lex.title_matcher
        self.anon_matcher = lex.anon_matcher
        self.pronoun_re = lex.pronoun_re
        self.known_surnames: dict[str, Actor] = {}
        self.introduced: dict[str, int] = {}
        """Where a person read from a lone name was named in full (its introduction: "Pelatih X Y")."""
        self.home: Actor | None = None  # the dateline's state: whose "the foreign ministry" it is
        self.national: Actor | None = None  # without a dateline, a national outlet's state
        self._lower_words: set[str] | None = None
        self._lower_found: dict[str, bool] = {}
        self._ministries: list[tuple[int, Actor]] | None = None  # gazetteer ministries named, by position

    def canonical_title(self, word: str) -> str | None:
        return self.lex.canonical_title(word)

    def find(self) -> list[Ref]:
        text = self.text
        big: list[Ref] = []
        for ref in self._anonymous():
            big.append(ref)
        for ref in self._title_phrases():
            big.append(ref)
        big = _non_overlapping(big)
        taken = sorted((r.start, r.end) for r in big)
        refs = list(big)
        for h in self.index.hits:
            if h.actor.kind == ActorKind.person:
                self.remember(h)
            if h.actor.kind in SPEAKER_KINDS and not _overlaps(taken, h.start, h.end):
                kind = RefKind.person if h.actor.kind == ActorKind.person else RefKind.actor
                title = None
                if kind == RefKind.person and self.title_re is not None:
                    tm = self.title_re.match(text, h.start)  # an alias that holds a title: "Menlu Sugiono"
                    title = self.canonical_title(tm.group(0)) if tm and tm.end() < h.end else None
                refs.append(Ref(kind, h.start, h.end, h.text, actor=h.actor, parts=[h], new_person=h.new, title=title))
        # lone given names or surnames of people named earlier ("Anwar", "Faizal")
        taken_all = sorted((r.start, r.end) for r in refs)
        for m in self.surname_tokens():
            w = m.group(0)
            if not _overlaps(taken_all, m.start(), m.end()):
                actor = self.known_surnames[w.casefold()]
                refs.append(Ref(RefKind.person, m.start(), m.end(), w, actor=actor, new_person=True))
        if self.pronoun_re is not None:
            for m in self.tokens.matches(self.pronoun_re, self.lex.pronoun_first):
                if not _overlaps(taken, m.start(), m.end()) and _lowerish(m.group(0)):
                    refs.append(Ref(RefKind.pronoun, m.start(), m.end(), m.group(0)))
        refs.sort(key=lambda r: (r.start, -r.end))
        return refs

    def surname_tokens(self) -> list[re.Match[str]]:
        """The ``_NAME_TOKEN`` matches of the text that are a known surname (capitalised), in order.

        The long way (:meth:`surname_tokens_long`) tests every word of the text; here only the
        places where a known surname occurs in the case-folded text are looked at (when folding
        keeps every offset), each kept if a ``_NAME_TOKEN`` scan of the whole text would start a
        token there (:func:`_token_start`) and that token is a known surname.
        """
        known = self.known_surnames
        if not known:
            return []
        text = self.text
        low = text.casefold()
        if len(low) != len(text):  # a character folds to several ("ß"): offsets move, the long way
            return self.surname_tokens_long()
        places: set[int] = set()
        for key in known:
            i = low.find(key)
            while i >= 0:
                places.add(i)
                i = low.find(key, i + 1)
        out: list[re.Match[str]] = []
        for i in sorted(places):
            m = _NAME_TOKEN.match(text, i) if _token_start(text, i) else None
            if m is not None and m.group(0)[:1].isupper() and m.group(0).casefold() in known:
                out.append(m)
        return out

    def surname_tokens_long(self) -> list[re.Match[str]]:
        """:meth:`surname_tokens` the long way: every ``_NAME_TOKEN`` of the text tested (the reference)."""
        known = self.known_surnames
        return [
            m for m in _NAME_TOKEN.finditer(self.text) if m.group(0)[:1].isupper() and m.group(0).casefold() in known
        ]

    # -------------------------------------------------------------------------------- helpers

    def _anonymous(self) -> Iterable[Ref]:
        text = self.text
        by_left = self.lex.anon_by_left
        for m_start, m_end, _ in self.anon_matcher.find(self.tokens, 0, len(text)):
            for sp in by_left.get(fold(text[m_start:m_end]), []):
                hit = self.index.starting_near(m_end + 1, slack=1)
                if hit is None or hit.start > m_end + 2 or hit.actor.kind not in SPEAKER_KINDS:
                    continue
                if hit.actor.kind == ActorKind.person:
                    continue
                end = hit.end
                if sp.right is not None:
                    r = sp.right.match(text, _skip_space(text, end))
                    if not r:
                        continue
                    end = r.end()
                found = self.title_matcher.find(self.tokens, m_start, end)
                title = found[0][2] if found else None
                yield Ref(
                    RefKind.anon, m_start, end, text[m_start:end], affiliation=hit.actor, title=title, parts=[hit]
                )
                break
        # patterns opening with the affiliation: "{X} officials", "{X} government sources"
        leading = by_left.get("", [])
        if not leading:
            return
        for hit in self.index.hits:
            if hit.actor.kind not in SPEAKER_KINDS or hit.actor.kind == ActorKind.person:
                continue
            after = hit.end + 1 if text[hit.end : hit.end + 1] == "." and "." in hit.text else hit.end  # "U.S."
            for sp in leading:
                r = sp.right.match(text, _skip_space(text, after)) if sp.right is not None else None
                if r is None or r.start() == after:
                    continue
                found = self.title_matcher.find(self.tokens, hit.start, r.end())
                title = found[0][2] if found else None
                yield Ref(
                    RefKind.anon, hit.start, r.end(), text[hit.start : r.end()], affiliation=hit.actor, title=title,
                    parts=[hit],
                )  # fmt: skip
                break

    def _title_phrases(self) -> Iterable[Ref]:
        if self.title_re is None:
            return
        text = self.text
        for m_start, m_end, title in self.title_matcher.find(self.tokens, 0, len(text)):
            start, cursor = m_start, m_end
            affiliation: Actor | None = None
            parts: list[Hit] = []
            # "Turkish President", "Turkey's foreign minister", "Pakistan's foreign office spokesperson"
            back = _back_over(text, start, self.lex.possessives)
            for _ in range(3):
                before = self.index.ending_at(back, slack=3)
                if before is not None and before.actor.kind in _AFFILIATIONS:
                    gap = text[before.end : start]
                    if "\n" in gap:
                        break
                    if (not gap.strip() or gap.strip() in self.lex.possessives) or (
                        gap.lstrip().startswith(tuple(p + " " for p in self.lex.possessives))
                        and len(gap.split()) <= 3
                        and "," not in gap
                    ):
                        affiliation, start = before.actor, before.start
                        parts.append(before)
                    break
                w = _LAST_WORD_OF.search(text[max(0, back - 30) : back])
                if w is None or back - len(w.group(0)) <= 0 or w.group(0)[:1].isupper():
                    break
                back = _back_over(text, back - len(w.group(0)), self.lex.possessives)
            # "Presiden Azerbaijan", "président turc", "Minister of Foreign Affairs of Iran"
            if affiliation is None:
                c = self.lex.title_link_re.match(text, cursor)
                nxt = c.end() if c else cursor
                hit = self.index.starting_near(nxt, slack=0)
                if hit is None:
                    # a connector written attached to the name ([script] clitics): "الأمين العام للأمم المتحدة"
                    attached = next((a for a in self.lex.attached_connectors if text.startswith(a, nxt)), None)
                    hit = self.index.starting_near(nxt + len(attached), slack=0) if attached else None
                if hit is not None and hit.actor.kind in _AFFILIATIONS:
                    affiliation, cursor = hit.actor, hit.end
                    parts.append(hit)
                elif c is not None and self.lex.government_re is not None and self.lex.government_re.search(c.group(0)):
                    cursor = c.end() - (len(c.group(0)) - len(c.group(0).rstrip()))  # "du gouvernement" + adjective
                if affiliation is not None:
                    # "le ministre tchadien de la Défense", "el ministro boliviano de Defensa": the
                    # portfolio after the demonym completes the title
                    found = self._portfolio(text[m_start:m_end], cursor)
                    if found is not None:
                        title, cursor = found
            # "(Kemlu) RI", a lower-case adjective ("kényan"), "Penjaga Pantai Filipina"
            skipped = cursor
            cursor = self._skip_qualifiers(cursor)
            if affiliation is None:  # "Konsul RI di Darwin, X": a state acronym among the qualifiers
                acronym = next(
                    (
                        h
                        for h in self.index.within(skipped, cursor)
                        if h.actor.kind == ActorKind.state and h.text.isupper()
                    ),
                    None,
                )
                if acronym is not None:
                    affiliation = acronym.actor
                    parts.append(acronym)
            org_span = None
            run = capitalised_name(text, _skip_space(text, cursor), self.lex, stop=self._stop_at_actor)
            if run is not None and text[cursor : run[0]].strip() == "":
                after = self.index.starting_near(_skip_space(text, run[1]), slack=0)
                if (
                    after is not None
                    and after.actor.kind in (ActorKind.state, ActorKind.organization)
                    and after.start - run[1] <= 1
                ):
                    org_span = (run[0], after.end)
                    if affiliation is None:
                        affiliation = after.actor
                    cursor = after.end
            # the name: a known person or a capitalised name
            person: Actor | None = None
            new = False
            if text[cursor : cursor + 2] == ". ":
                cursor += 1  # an abbreviated title: "Gen. John Doe"
            c = _COMMA_GAP.match(text, cursor)
            nxt = c.end() if c else cursor
            hit = self.index.starting_near(nxt, slack=0)
            if hit is None:
                hit = self._after_honorific(nxt)  # "وزير الخارجية السعودي الأمير فيصل بن فرحان"
            if hit is not None and hit.actor.kind == ActorKind.person:
                person, cursor = hit.actor, hit.end
                parts.append(hit)
            elif text[cursor : cursor + 1] in (" ", "\u00a0") or text[cursor:nxt].strip() == ",":
                span = capitalised_name(text, nxt, self.lex, limit=9, stop=self._stop_at_actor)
                if span is not None:
                    # "Kapolda Metro Jaya Irjen Pol Karyoto Santoso": a unit and a rank before the name
                    inner = self.title_matcher.find(self.tokens, span[0], span[1])
                    if inner:
                        rest = capitalised_name(
                            text, _skip_space(text, inner[-1][1]), self.lex, stop=self._stop_at_actor
                        )
                        span = rest if rest is not None and rest[1] <= span[1] + 40 else None
                        if span is not None:
                            title = inner[-1][2]
                    elif span[1] - span[0] > 0 and len(text[span[0] : span[1]].split()) > 5:
                        span = None
                if span is not None:  # "Menteri Dalam Negeri Andi Wirawan": the name follows the title words
                    words = self._after_title_words(list(_NAME_TOKEN.finditer(text, span[0], span[1])), True)
                    span = (words[0].start(), span[1]) if words else None
                known = self.index.starting_near(span[0], slack=0) if span is not None else None
                if (
                    span is not None
                    and known is not None
                    and known.actor.kind == ActorKind.person
                    and known.end == span[1]
                ):
                    # the name after the title chain is a person the gazetteer knows
                    person, cursor = known.actor, known.end
                    parts.append(known)
                elif span is not None and not self._is_actor_span(span) and not self._org_like(text[span[0] : span[1]]):
                    name = text[span[0] : span[1]]
                    person = self._new_person(name)
                    new = True
                    cursor = span[1]
                    hit = Hit(person, span[0], span[1], name, new=True)
                    parts.append(hit)
                    self.index.add(hit)
                elif span is not None and affiliation is None and _has_acronym(text[span[0] : span[1]]):
                    # "Kepala Satpol PP", "Kapolda NTT": the title's unit, an organisation the
                    # gazetteer does not know (a person's name holds no acronym)
                    name = text[span[0] : span[1]]
                    affiliation = Actor(id=actor_id(name), name=name, kind=ActorKind.organization, aliases=[])
                    parts.append(Hit(affiliation, span[0], span[1], name, new=True))
                    cursor = span[1]
            if person is None and org_span is not None:
                cursor = org_span[1]
            kind = RefKind.person if person is not None else RefKind.office
            yield Ref(kind, start, cursor, text[start:cursor], actor=person, affiliation=affiliation,
                      title=title, new_person=new, parts=parts)  # fmt: skip

    def _portfolio(self, title_text: str, cursor: int) -> tuple[str, int] | None:
        """A portfolio after a title's state ("ministre nigérien | des Affaires étrangères"): the
        canonical title of title + portfolio and where the portfolio ends, or None."""
        words = list(_PORTFOLIO_WORD.finditer(self.text, cursor, cursor + PORTFOLIO_REACH))
        run: list[re.Match[str]] = []
        for w in words:
            if run and self.text[run[-1].end() : w.start()].strip():
                break  # a comma or a parenthesis ends the portfolio
            run.append(w)
        if not run or run[0].start() - cursor > 1 or not run[0].group(0).islower():
            return None
        for k in range(len(run), 1, -1):
            phrase = " ".join([title_text, *(w.group(0) for w in run[:k])])
            canonical = self.canonical_title(phrase)
            if canonical is not None and any(w.group(0)[:1].isupper() for w in run[:k]):
                return canonical, run[k - 1].end()
        return None

    def _skip_post_place(self, cursor: int) -> int:
        """Skip the state an envoy is sent to or the office's place before ", Name": "Duta Besar
        Palestina untuk Indonesia, Marwan Jabari", "Konsul Malaysia di Pontianak, Jaya Suhaimi"."""
        text = self.text
        w = _WORD_AFTER.match(text, cursor)
        if w is None:
            return cursor
        word = w.group(1).casefold()
        if not (
            word in self.lang.words("envoy_prepositions")
            or word in self.lex.locatives
            or word in self.lex.adjunct_words
        ):
            return cursor
        j = w.end()
        d = _WORD_AFTER.match(text, j - 1)  # "auprès de l'ONU", "ante la OEA": a particle or article
        if d is not None and (
            d.group(1).casefold() in self.lang.words("particles") or d.group(1).casefold() in self.lex.definite_articles
        ):
            j = d.end()
        hit = self.index.starting_near(j, slack=0)
        if hit is not None and hit.actor.kind != ActorKind.person:
            end = hit.end
        else:
            place = _PLACE_RUN.match(text, j)
            if place is None:
                return cursor
            end = place.end()
        return end if _NAME_AFTER_COMMA.match(text, end) else cursor

    def _skip_qualifiers(self, cursor: int) -> int:
        """Skip a parenthesis, a state acronym or one lower-case adjective after a title phrase."""
        text = self.text
        cursor = self._skip_post_place(cursor)
        for _ in range(3):
            m = _PARENTHESIS_OR_CODE.match(text, cursor)
            if m:
                cursor = m.end()
                continue
            i = _skip_space(text, cursor)
            hit = self.index.starting_near(i, slack=0)
            if hit is not None and hit.actor.kind == ActorKind.state and i > cursor and hit.text.isupper():
                cursor = hit.end  # "(Kemlu) RI"
                continue
            w = _WORD_BEFORE_WORD.match(text, cursor)
            if (
                w
                and w.group(1).islower()
                and len(w.group(1)) > 3
                and w.group(1) not in self.lang.words("particles")
                and not self._is_verb(w.start(1), w.end(1))
            ):
                nxt = _skip_space(text, w.end())
                if text[nxt : nxt + 1] == ",":
                    nxt = _skip_space(text, nxt + 1)
                if text[nxt : nxt + 1].isupper():
                    cursor = w.end()
                    continue
            break
        return self._skip_post_place(cursor)

    def _is_verb(self, start: int, end: int) -> bool:
        """Is ``text[start:end]`` a speech or act verb (never part of a title phrase)?"""
        for kind in ("verbs", "act"):
            found = self.lang.matcher(kind).find(self.tokens, start, end)
            if found and found[0][0] == start:
                return True
        return False

    def _stop_at_actor(self, pos: int) -> bool:
        hit = self.index.starting_near(pos, slack=0)
        return hit is not None and hit.actor.kind != ActorKind.person

    def _ministry_like(self, name: str) -> bool:
        words = {w.casefold() for w in _LETTER_RUN.findall(name)}
        return bool(words & self.lang.words("ministry_words"))

    def _org_like(self, name: str) -> bool:
        words = {w.casefold() for w in _LETTER_RUN.findall(name)}
        return bool(words & self.lang.words("org_words")) or _has_acronym(name)

    def _is_actor_span(self, span: tuple[int, int]) -> bool:
        hit = self.index.starting_near(span[0], slack=0)
        return hit is not None and hit.actor.kind != ActorKind.person

    def _new_person(self, name: str) -> Actor:
        actor = Actor(id=actor_id(name), name=name, kind=ActorKind.person, aliases=[])
        self.remember(Hit(actor, 0, len(name), name, new=True))
        return actor

    def unknown_name_at(self, start: int, end: int, first: bool = False) -> Ref | None:
        """A capitalised name ending ``text[start:end]`` (the subject next to a speech verb).

        Two or more capitalised words make a new person ("Budi Santoso"), or a new organisation
        when a word is an organisation word ("Federación de Entidades Árabes"); a single word
        must be the surname (or given name) of a person already named in the article.
        """
        text = self.text
        acronym = _ACRONYM_AFTER.search(text, start, end)
        if acronym is not None and not first:
            end = acronym.start()  # "Badan Pusat Statistik (BPS) menyatakan": the name before its acronym
        tokens = list(_NAME_TOKEN.finditer(text, start, end))
        if first:  # the name right after a post-positioned verb: "said Dale Henning, a grocer"
            cut = next((i for i, t in enumerate(tokens) if i and text[tokens[i - 1].end() : t.start()].strip()), None)
            tokens = tokens[:cut] if cut is not None else tokens
            while tokens and tokens[0].group(0).casefold() in self.lang.words("determiners"):
                tokens.pop(0)
            # the name is the first capitalised run when an adjunct follows it: "ujar Wiku di
            # Jakarta" is Wiku, in Jakarta; "said Moore in Brussels" is Moore
            named = next((i for i, t in enumerate(tokens) if t.group(0)[:1].isupper()), None)
            if named is not None:
                lower = next((i for i in range(named + 1, len(tokens)) if self._lower_word(tokens[i].group(0))), None)
                if lower is not None and tokens[lower].group(0) in self.lex.adjunct_words:
                    tokens = tokens[:lower]
            end = tokens[-1].end() if tokens else end
        trailing = 0
        while tokens and tokens[-1].group(0).islower() and trailing < 2:
            tokens.pop()  # adverbs between the name and the verb: "Anwar juga"
            trailing += 1
        if not tokens or "," in text[tokens[-1].end() : end] or _HARD.search(text, tokens[-1].end(), end):
            return None
        run: list[re.Match[str]] = []
        for t in reversed(tokens):
            w = t.group(0)
            gap = text[t.end() : run[0].start()] if run else ""
            if gap.strip(" -") or (gap.strip(" ") in ("-", "–", "—") and gap != "-"):
                break  # not contiguous: "Selasa (02/12/2025), Anwar", "KOMPAS.com - Kepolisian"
            if w[:1].isupper() or (run and w.casefold() in self.lang.words("particles")):
                run.insert(0, t)
            elif run and w.casefold() in self.lang.words("org_links") and not text[t.end() : run[0].start()].strip():
                run.insert(0, t)  # "Federal Bureau of Investigation": kept only if an organisation
            else:
                break
        while run and run[0].group(0).casefold() in self.lang.words("particles") | self.lang.words("org_links"):
            run.pop(0)
        while run and run[0].group(0).casefold() in self.lang.words("determiners"):
            run.pop(0)
        if any(
            t.group(0).casefold() in self.lang.words("org_links") - self.lang.words("particles") for t in run
        ) and not self._org_like(text[run[0].start() : run[-1].end()]):
            run = run[max(i for i, t in enumerate(run) if t.group(0).casefold() in self.lang.words("org_links")) + 1 :]
        if self._after_title_words(run) is not run:
            return None  # a title chain before the name: phrase_speaker reads its title and affiliation
        if not run or any(self._stop_at_actor(t.start()) for t in run):
            return None
        if self.title_re is not None:  # "Menlu Sugiono", "Presiden Prabowo": the title is not the name
            while run:
                tm = self.title_re.match(text, run[0].start())
                if tm is None or tm.end() < run[0].end():
                    break
                run = [t for t in run if t.start() >= tm.end()]
        if not run:
            return None
        if first and len([t for t in tokens if t.start() < run[0].start() and t.group(0).islower()]) > 2:
            return None  # "kata seorang penonton … membawa bendera Merah Putih": not the name after the verb
        before = [t for t in tokens if t.end() <= run[0].start()]
        if not first and before and before[-1].group(0) in self.lex.locatives:
            return None  # "Komisi Tinggi India di Kolombo menyatakan": a place, not the subject
        s, e = run[0].start(), run[-1].end()
        name = text[s:e].rstrip(".")
        e = s + len(name)
        if len(run) == 1:
            actor = self.known_surnames.get(name.casefold()) or self._full_name_of(name)
            if actor is not None:
                return Ref(RefKind.person, s, e, name, actor=actor, new_person=True)
            if not first and self._proper_org_word(name, s):
                org = Actor(id=actor_id(name), name=name, kind=ActorKind.organization, aliases=[])
                return Ref(
                    RefKind.actor, s, e, name, actor=org, new_person=True, parts=[Hit(org, s, e, name, new=True)]
                )
            titled = first and self._titled_apposition(e)
            if (first or self.lang.mononyms) and self._single_name(name, s, after_verb=first, titled=titled):
                # "…, kata Arifin, Kepala Satpol PP", "Menurut Wiku, …": a one-word name in the
                # speaker slot (before the verb only where the cue file says names are often single)
                person = self._new_person(name)
                hit = Hit(person, s, e, name, new=True)
                self.index.add(hit)
                return Ref(RefKind.person, s, e, name, actor=person, new_person=True, parts=[hit])
            return None
        if len(run) > 6:
            return None
        if self._org_like(name):
            if self._ministry_like(name):
                return (None if first else self.body_at(start, end)) or self._home_ministry(name, s, e)
            org = Actor(id=actor_id(name), name=name, kind=ActorKind.organization, aliases=[])
            return Ref(RefKind.actor, s, e, name, actor=org, new_person=True, parts=[Hit(org, s, e, name, new=True)])
        actor = self._new_person(name)
        hit = Hit(actor, s, e, name, new=True)
        self.index.add(hit)
        return Ref(RefKind.person, s, e, name, actor=actor, new_person=True, parts=[hit])

    def _lower_word(self, word: str) -> bool:
        """A lower-case word that is no name particle: it ends a name ("Wiku di Jakarta")."""
        return word.islower() and word.casefold() not in self.lang.words("particles")

    def _full_name_of(self, word: str) -> Actor | None:
        """The person a lone surname or given name stands for, named in full anywhere in the article.

        "Qudaih said" after (or before) "Hamas spokesman Hazem Qudaih": the full name is a run of
        two to four capitalised words ending with the word, after any title words; the first wins.
        """
        if len(word) < 3 or not word[:1].isupper() or word.isupper():
            return None
        for m in _standing_alone(word).finditer(self.text):
            start = m.start()
            while True:  # walk back over the capitalised words before it
                before = _NAME_WORD_BEFORE_SPACE.search(self.text[max(0, start - 40) : start])
                if before is None or not before.group(1)[:1].isupper():
                    break
                start -= len(before.group(0))
            span = capitalised_name(self.text, start, self.lex, limit=12)
            if span is None or span[1] < m.end():
                continue
            tokens = [t for t in _NAME_TOKEN.finditer(self.text, span[0], span[1]) if not self._in_actor(t)]
            at = next((i for i, t in enumerate(tokens) if t.start() == m.start()), None)
            if at is None:
                continue
            if at == 0 or not self._name_word(tokens[at - 1].group(0)):
                # a given name standing for the full name ("Marwan" for "Duta Besar …, Marwan Jabari"):
                # a rare surname follows it, and the word opens the run or follows title words
                nxt = tokens[at + 1] if at + 1 < len(tokens) else None
                if (
                    nxt is None
                    or m.start() < self.text.find("\n")  # a headline capitalises every word
                    or self._is_verb(nxt.start(), nxt.end())
                    or nxt.start() - m.end() != 1
                    or not self._name_word(nxt.group(0))
                    or fold(nxt.group(0)) in _calendar_words(self.lang.code)
                    or (
                        at > 0
                        and not self._is_title_word(tokens[at - 1].start(), tokens[at - 1].end())
                        and tokens[at - 1].group(0).casefold() not in self.lang.words("title_words")
                    )
                ):
                    continue
                at += 1
            # given name and the word, more given names while they are rare words, and a second
            # surname after it ("Elena Mirón Salas" for "Mirón")
            first, last = at - 1, at
            while at - first < 3 and first > 0 and self._name_word(tokens[first - 1].group(0), rare=True):
                first -= 1
            if last + 1 < len(tokens) and last - first < 3 and self._name_word(tokens[last + 1].group(0), rare=True):
                last += 1
            run = tokens[first : last + 1]
            if any(b.start() - a.end() != 1 for a, b in pairwise(run)):
                continue  # not one run of words
            name = self.text[run[0].start() : run[-1].end()]
            if self._org_like(name):
                continue
            if any(self._is_title_word(t.start(), t.end()) for t in run):
                continue
            person = self._new_person(name)
            self.introduced.setdefault(person.id, run[0].start())
            return person
        return None

    def _in_actor(self, token: re.Match[str]) -> bool:
        covered = self.index.covering(token.start())
        return covered is not None and covered.actor.kind != ActorKind.person

    def _name_word(self, word: str, rare: bool = False) -> bool:
        """Can ``word`` be part of a person's name (not a title, cue, function or — if ``rare`` — common word)?"""
        folded = word.casefold()
        lang = self.lang
        if (
            not word[:1].isupper()
            or folded in lang.words("determiners")
            or folded in lang.words("title_words")
            or folded in lang.words("org_words")
            or self.canonical_title(folded) is not None
            or any(folded == fold(p) for key in _CUE_LISTS for p in lang.phrases(key))
        ):
            return False
        return _zipf(folded, lang.code) < (SINGLE_NAME_MAX_ZIPF if rare else FUNCTION_WORD_ZIPF)

    def _titled_apposition(self, end: int) -> bool:
        """Does a title open an apposition right after ``end`` ("kata Bintang, Kepala Dinas …")?"""
        m = _APPOSITION_COMMA.match(self.text, end)
        if m is None:
            return False
        start = m.end()
        det = _WORD_AFTER.match(self.text, start - 1)  # "said Hope, a spokeswoman for …"
        if det is not None and det.group(1).casefold() in self.lang.words("determiners") | self.lex.articles:
            start = det.end()
        found = self.title_matcher.find(self.tokens, start, start + TITLE_REACH)
        return bool(found) and found[0][0] == start

    def _function_word(self, folded: str) -> bool:
        """Is a case-folded word a determiner, title, organisation word, name particle, pronoun or
        self reference of the language (never a one-word name of a person or organisation)?"""
        lang = self.lang
        return (
            folded in lang.words("determiners")
            or folded in lang.words("title_words")
            or folded in lang.words("org_words")
            or folded in lang.words("particles")
            or self.canonical_title(folded) is not None
            or folded in self.lex.pronoun_words
        )

    def _single_name(self, word: str, start: int, after_verb: bool, titled: bool = False) -> bool:
        """Can a lone capitalised word in a speaker slot be a person's one-word name ("Wiku", "Bintang")?

        Not an acronym, a title, rank, organisation, determiner or pronoun word, a weekday or a
        month (CLDR), a known actor, a word written lower-case elsewhere in the article, or a
        function word. Right after a speech verb ("kata Bintang") the slot and the capital letter
        are the evidence; before it, where every sentence starts with a capital, the word must
        also stand mid-sentence, or be rare, or be written capitalised mid-sentence elsewhere.
        """
        if len(word) < 3 or not word[:1].isupper() or word.isupper() or not word.isalpha():
            return False
        folded = word.casefold()
        lang = self.lang
        if (
            self._function_word(folded)
            or folded in _calendar_words(lang.code)
            or self._is_actor_span((start, start + len(word)))
            or self._written_lower(folded)
        ):
            return False
        zipf = _zipf(folded, lang.code)
        if titled:
            return True  # "kata Bintang, Kepala Dinas …": the slot and the titled apposition make it a name
        if after_verb or zipf >= FUNCTION_WORD_ZIPF:
            return zipf < FUNCTION_WORD_ZIPF
        j = start
        while j > 0 and self.text[j - 1] in " \t\u00a0\"“'‘":
            j -= 1
        if j > 0 and (self.text[j - 1].isalnum() or self.text[j - 1] == ","):
            return True  # capitalised mid-sentence: a name
        if zipf < SINGLE_NAME_MAX_ZIPF:
            return True
        return any(m.start() != start for m in _after_word_or_comma(word).finditer(self.text))

    def _proper_org_word(self, word: str, start: int) -> bool:
        """Is a lone capitalised subject an organisation's name ("Siemens said"), not a common noun?

        Only where the cue file allows it (``single_word_orgs``). A common word of the language
        ("Police", "Officials", "Prosecutors" via its singular) never is; at the start of a
        sentence the word must also be rare or written capitalised mid-sentence elsewhere.
        """
        if not self.lang.single_word_orgs or len(word) < 3 or not word[:1].isupper():
            return False
        folded = word.casefold()
        if self._function_word(folded):
            return False
        if self._written_lower(folded):
            return False  # written lower-case elsewhere: a common noun
        zipf = _zipf(folded, self.lang.code)
        if zipf >= 4.0 or (folded.endswith("s") and _zipf(folded[:-1], self.lang.code) >= 3.0):
            return False
        j = start
        while j > 0 and self.text[j - 1] in " \t\u00a0\"“'‘":
            j -= 1
        if j > 0 and (self.text[j - 1].isalnum() or self.text[j - 1] == ","):
            return True  # capitalised mid-sentence: a name
        if zipf < 3.5:
            return True
        return any(m.start() != start for m in _after_word_or_comma(word).finditer(self.text))

    def _written_lower(self, word: str) -> bool:
        """Is ``word`` written in the text as a lower-case word standing alone (``word in
        self._lowercase_words()``)? Only the places where ``word`` occurs are looked at
        (:func:`_lower_word_in`), once per word."""
        found = self._lower_found.get(word)
        if found is None:
            found = self._lower_found[word] = _lower_word_in(self.text, word)
        return found

    def _lowercase_words(self) -> set[str]:
        """The lower-case words of the text standing alone (the reference of :meth:`_written_lower`)."""
        if self._lower_words is None:
            self._lower_words = set(filter(str.islower, _LOWER_WORD.findall(self.text)))
        return self._lower_words

    def _home_ministry(self, name: str, s: int, e: int) -> Ref | None:
        """A ministry the gazetteer does not know, of the dateline's (or national outlet's) state:
        "JAKARTA - The Ministry of Health said" is ``ministry-of-health-id``. Without one, not guessed."""
        home = self.home or self.national
        if home is None or not home.country:
            return None
        org = Actor(id=f"{actor_id(name)}-{home.country.lower()}", name=f"{name} ({home.name})",
                    kind=ActorKind.organization, country=home.country, aliases=[name])  # fmt: skip
        return Ref(RefKind.actor, s, e, name, actor=org, new_person=True, parts=[Hit(org, s, e, name, new=True)])

    def body_at(self, start: int, end: int) -> Ref | None:
        """A state body named by a common noun phrase ("the foreign ministry said", "kementerian itu").

        A ministry the article named before is meant; failing one, a ministry of a named kind
        (foreign, defense) is the dateline state's. A bare "the ministry" is never guessed.
        """
        text = self.text
        s, e = _trim_span(text, start, end)
        for m in re.finditer(r"\s[-–—]+\s|--", text[s:e]):
            s = _trim_span(text, s + m.end(), e)[0]  # "JAKARTA - The foreign ministry": after the dateline
        words = list(re.finditer(r"[\w'’-]+", text[s:e]))
        kind = None
        for i in range(max(0, len(words) - self.lex.longest_body), len(words)):
            phrase = " ".join(w.group(0).casefold() for w in words[i:])
            prefix = [w.group(0).casefold() for w in words[:i]]
            if phrase in self.lang.bodies and all(
                w in self.lang.phrases("fillers") or w in self.lex.conjunctions for w in prefix
            ):
                kind, s = self.lang.bodies[phrase], s + words[i].start()
                break
        if kind is None:
            return None
        if self._ministries is None:
            self._ministries = [
                (h.start, h.actor)
                for h in self.index.hits
                if h.actor.kind == ActorKind.organization and self.gaz.ministry_kind(h.actor.id) is not None
            ]
        named = {
            a.id: a
            for p, a in self._ministries[: bisect_left(self._ministries, s, key=lambda r: r[0])]
            if kind == ANY_MINISTRY or self.gaz.ministry_kind(a.id) == kind
        }
        if len(named) > 1:
            return None  # two ministries named before: which one is meant is not guessed
        found: Actor | None = next(iter(named.values()), None)
        if found is None and kind != ANY_MINISTRY and self.home is not None:
            found = self.gaz.ministry(self.home.id, kind)
        if found is None:
            return None
        return Ref(RefKind.actor, s, e, text[s:e], actor=found, parts=[Hit(found, s, e, text[s:e])])

    def apposition(self, ref: Ref, refs_at: Callable[[int, int], list[Ref]]) -> Ref:
        """Give a bare name the title of its apposition: "John Smith, a spokesman for the ministry"."""
        if ref.title or ref.kind != RefKind.person:
            return ref
        m = self.lex.apposition_re.match(self.text, ref.end)
        if m is None or m.end() == ref.end:
            return ref
        for other in refs_at(m.end(), m.end() + 200):
            if other.start == m.end() and other.kind == RefKind.office:
                ref.title, ref.affiliation = other.title, other.affiliation
                break
        return ref

    def phrase_speaker(self, start: int, end: int, after: bool, adjuncts: frozenset[str]) -> Ref | None:
        """The person a whole speaker phrase names: its last capitalised run, with the phrase's title
        and affiliation ("Kepala Pusat Data, Informasi dan Komunikasi BNPB Abdul Muhari",
        "Direktur Jenderal Asia Pasifik Kementerian Luar Negeri Abdul Kadir Jailani")."""
        text = self.text
        if after:  # "…, Senin (9/3)", "…, Selasa": a weekday or date after the name is not part of it
            end = self._before_date_tail(start, end)
        if after:  # "ujar Menteri X di Jakarta, Senin": the phrase ends before an adjunct
            for t in _NAME_TOKEN.finditer(text, start, end):
                if t.group(0).casefold() in adjuncts and t.group(0).islower():
                    end = t.start()
                    break
        toks = list(_NAME_TOKEN.finditer(text, start, end))
        run: list[re.Match[str]] = []
        for t in reversed(toks):
            w = t.group(0).rstrip(".")
            if run and text[t.end() : run[0].start()].strip(" .-"):
                break
            if not (w[:1].isupper() or (run and w.casefold() in self.lang.words("particles"))):
                if run or not after:
                    break
                continue
            covered = self.index.covering(t.start())
            if (
                (covered is not None and covered.actor.kind != ActorKind.person)
                or self._is_title_word(t.start(), t.end())
                or (w.isupper() and len(w) >= 2)  # an acronym: "DPR RI", "BNPB"
            ):
                break
            run.insert(0, t)
        while run and run[0].group(0).casefold() in self.lang.words("particles") | self.lang.words("determiners"):
            run.pop(0)
        if len(run) >= 3:
            link = re.search(r"(\w+)\s+$", text[max(start, run[0].start() - 12) : run[0].start()])
            if link is not None and link.group(1) in self.lang.words("org_links"):
                run.pop(0)  # "Menteri Haji dan Umrah Ahmad Zulkarnaen": "Umrah" ends the office, not a name
                if len(run) > MAX_NAME_AFTER_PORTFOLIO:
                    # "Director of Fisheries Enforcement Sione Latu Havili": after a portfolio the name
                    # is the last words of the run
                    run = run[-MAX_NAME_AFTER_PORTFOLIO:]
        titled = bool(run) and bool(self.title_matcher.find(self.tokens, start, run[0].start()))
        if run:
            run = self._after_title_words(run, after_title=titled)
        if len(run) == 1 and not (titled and self._mononym(run[0], start)):
            return None
        if not run or len(run) > 5:
            return None
        s, e = run[0].start(), run[-1].end()
        name = text[s:e].rstrip(".")
        if self._org_like(name) or self._is_actor_span((s, e)):
            return None
        title_hits = self.title_matcher.find(self.tokens, start, s)
        affiliation = None
        for hit in self.index.within(start, s):
            if hit.actor.kind in (ActorKind.state, ActorKind.organization):
                affiliation = hit.actor
                break
        if affiliation is None and self._public_chain(start, s):
            # "Kabid Humas Polda Kaltara …", "Deputi … Kementerian Koordinator …": an office of a state
            # body the gazetteer does not know, so of the dateline's (or national outlet's) state
            affiliation = self.home or self.national
        actor = self._new_person(name)
        hit = Hit(actor, s, s + len(name), name, new=True)
        self.index.add(hit)
        return Ref(RefKind.person, s, s + len(name), name, actor=actor, affiliation=affiliation,
                   title=title_hits[0][2] if title_hits else None, new_person=True, parts=[hit])  # fmt: skip

    def _before_date_tail(self, start: int, end: int) -> int:
        """``end`` moved before trailing comma-separated dates ("Adil Pramudya, Selasa (10/2)")."""
        calendar = _calendar_words(self.lang.code)
        while True:
            comma = self.text.rfind(",", start, end)
            if comma < 0:
                return end
            tail = [w.casefold() for w in _NAME_TOKEN.findall(self.text, comma, end)]
            if any(fold(w) not in calendar for w in tail):
                return end
            end = comma

    def _public_chain(self, start: int, end: int) -> bool:
        """Does a title chain name a state body by one of its words ("Polda", "Kementerian", "Dinas")?"""
        chain = f" {fold(self.text[start:end])} "
        return any(f" {w} " in chain for w in self.gaz.state_body_words("new"))

    def _mononym(self, tok: re.Match[str], start: int) -> bool:
        """A one-word name right after a title and its organisation ("Kepala BNPB Suharyanto")."""
        word = tok.group(0).rstrip(".")
        if len(word) < 4 or not word[:1].isupper() or word.isupper():
            return False
        folded = word.casefold()
        if (
            folded in self.lang.words("title_words")
            or folded in self.lang.words("org_words")
            or folded in self.lang.words("determiners")
            or fold(word) in _calendar_words(self.lang.code)
        ):
            return False
        before = _NAME_TOKEN.findall(self.text, start, tok.start())
        return bool(before) and all(w[:1].isupper() for w in before)  # only the title chain before it

    def _after_honorific(self, pos: int) -> Hit | None:
        """A known person right after one honorific at ``pos`` ("Prince", "الشيخ": ``[names] determiners``)."""
        word = _NAME_TOKEN.match(self.text, pos)
        if word is None or word.group(0).casefold() not in self.lang.words("determiners"):
            return None
        hit = self.index.starting_near(_skip_space(self.text, word.end()), slack=0)
        return hit if hit is not None and hit.actor.kind == ActorKind.person else None

    def _after_title_words(self, run: list[re.Match[str]], after_title: bool = False) -> list[re.Match[str]]:
        """The personal name closing a capitalised title chain ("Menteri Dalam Negeri Andi Wirawan",
        "Brigadir Jenderal Polisi Andi Wirawan", "Kepala Badan … Bencana Andi Wirawan").

        The name is what follows the last title or organisation word, when at least two words
        follow it; otherwise the run is left as it is (an organisation name, or a bare name).
        """
        if not run:
            return run
        head = run[0].group(0).casefold().rstrip(".")
        if not after_title and (head in self.lang.words("org_words") or head not in self.lang.words("title_words")):
            return run  # "Kepolisian Daerah Metro Jaya": an organisation's name, not a title chain
        stop = self.lang.words("title_words") | self.lang.words("org_words")

        fields = self.lang.words("field_links")
        follows = {b.start() for a, b in pairwise(run) if a.group(0).casefold() in fields}

        def titled(t: re.Match[str]) -> bool:
            if t.group(0).casefold().rstrip(".") in stop or t.start() in follows:
                return True
            covered = self.index.covering(t.start())
            return covered is not None and covered.actor.kind != ActorKind.person  # "Komisi Uni Afrika"

        last = max((i for i, t in enumerate(run) if titled(t)), default=-1)
        if last == len(run) - 1 and all(titled(t) for t in run):
            return []  # "Menteri Luar Negeri" alone: all title, no name
        if last < 0 or len(run) - last - 1 < 2:
            return run
        tail = run[last + 1 :]
        while tail and tail[0].group(0).casefold() in self.lang.words("particles"):
            tail.pop(0)
        return tail if len(tail) >= 2 else run

    def _is_title_word(self, start: int, end: int) -> bool:
        found = self.title_matcher.find(self.tokens, start, end)
        return bool(found) and found[0][0] == start

    def name_before(self, ref: Ref, refs_at: Callable[[int, int], list[Ref]]) -> Ref:
        """A title phrase in apposition takes the name before it: "Budi Hartono, juru bicara Kemlu,"."""
        if ref.kind != RefKind.office or ref.actor is not None:
            return ref
        text = self.text
        j = ref.start
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        det = re.search(r"(\w+)$", text[max(0, j - 12) : j])
        if det is not None and det.group(1).casefold() in self.lang.words("determiners"):
            j -= len(det.group(1))
            while j > 0 and text[j - 1] in " \t":
                j -= 1
        if j == 0 or text[j - 1] != ",":
            return ref
        comma = j - 1
        line_start = text.rfind("\n", 0, comma) + 1
        for other in reversed(refs_at(max(line_start, comma - 120), comma)):
            if other.kind == RefKind.person and other.actor is not None and not text[other.end : comma].strip():
                return Ref(RefKind.person, other.start, ref.end, text[other.start : ref.end], actor=other.actor,
                           affiliation=ref.affiliation, title=ref.title, new_person=other.new_person,
                           parts=[*other.parts, *ref.parts])  # fmt: skip
            break
        named = self.unknown_name_at(max(line_start, comma - 80), comma)
        if named is not None and named.kind == RefKind.person and named.actor is not None:
            return Ref(RefKind.person, named.start, ref.end, text[named.start : ref.end], actor=named.actor,
                       affiliation=ref.affiliation, title=ref.title, new_person=True, parts=named.parts)  # fmt: skip
        return ref

    def remember(self, hit: Hit) -> None:
        """Register the words of a person's name so a later lone surname resolves to them."""
        for w in hit.text.split():
            if len(w) >= 3 and w[:1].isupper():
                self.known_surnames.setdefault(w.casefold(), hit.actor)


@cache
def _calendar_words(lang: str) -> frozenset[str]:
    """Folded weekday and month names of a language (CLDR, every width and context)."""
    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return frozenset()
    names: set[str] = set()
    for table in (locale.days, locale.months):
        for context in table.values():
            for width in context.values():
                names.update(fold(str(n)) for n in width.values())
    return frozenset(n for n in names if len(n) > 2)


_ROMAN_DIGITS = frozenset(["I", "V", "X", "L", "C"])


def _has_acronym(name: str) -> bool:
    """Does a capitalised run hold an acronym ("Satpol PP", "Polda NTT"), not an initial or a numeral?"""
    return any(len(w) >= 2 and w.isupper() and not set(w) <= _ROMAN_DIGITS for w in _LETTER_RUN.findall(name))


def _zipf(word: str, lang: str) -> float:
    try:
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, lang))
    except LookupError:
        return 0.0


def _trim_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return s, e


def _lowerish(word: str) -> bool:
    return not word.isupper() or len(word) <= 1


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _back_over(text: str, i: int, possessives: tuple[str, ...]) -> int:
    """Position before the spaces (and a possessive ending: "'s") that precede ``i``."""
    j = i
    while j > 0 and text[j - 1] in " \t\u00a0":
        j -= 1
    for p in possessives:
        if text.endswith(p, 0, j):
            return j - len(p)
    return j


_LOWER_WORD = re.compile(r"[^\W\d_A-Z](?<![\w'’-][^\W\d_A-Z])[^\W\d_A-Z]*+(?![\w'’-])")
r"""A word of letters that are not ASCII capitals, standing alone: ``(?<![\w'’-])[^\W\d_A-Z]+(?![\w'’-])``
written to open with its character class (a fast scan) and the boundary tested after it."""
_LOWER_LETTERS = re.compile(r"[^\W\d_A-Z]+")
"""A word ``_LOWER_WORD`` may match: letters that are not ASCII capitals."""
_WORD_JOINERS = "_'’-"
"""The characters besides ``\\w`` (``str.isalnum``) that ``_LOWER_WORD`` may not stand next to."""


def _lower_word_in(text: str, word: str) -> bool:
    """Is ``word`` one of the lower-case ``_LOWER_WORD`` matches of ``text`` (``str.islower``)?

    Such a match is a run of ``_LOWER_LETTERS`` with neither a word character nor ``'’-`` on either
    side, so a scan finds ``word`` exactly where it occurs with no such character next to it (a match
    before it cannot run over it): only the occurrences ``str.find`` gives are looked at.

    Examples
    --------
    >>> _lower_word_in("The police said; Police-run", "police"), _lower_word_in("police-run", "police")
    (True, False)
    """
    if not word.islower() or _LOWER_LETTERS.fullmatch(word) is None:
        return False
    n, size = len(text), len(word)
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + size] if i + size < n else " "
        if not (before.isalnum() or before in _WORD_JOINERS or after.isalnum() or after in _WORD_JOINERS):
            return True
        i = text.find(word, i + 1)
    return False


@lru_cache(maxsize=512)
def _standing_alone(word: str) -> re.Pattern[str]:
    """``(?<![\\w'’-])word(?![\\w'’-])``, written to open with the word (so a scan looks for it
    as a literal): the boundary before it is tested by a lookbehind after it."""
    w = re.escape(word)
    return re.compile(rf"{w}(?<![\w'’-]{w})(?![\w'’-])")


@lru_cache(maxsize=512)
def _after_word_or_comma(word: str) -> re.Pattern[str]:
    """``(?<=[\\w,] )word(?!\\w)``, written to open with the word (as :func:`_standing_alone`)."""
    w = re.escape(word)
    return re.compile(rf"{w}(?<=[\w,] {w})(?!\w)")


_LETTER = re.compile(r"[^\W\d_]")
"""A character a ``_NAME_TOKEN`` starts with."""
_NAME_CHAR = re.compile(r"[\w'’.-]")
"""A character a ``_NAME_TOKEN`` goes on with."""


def _token_start(text: str, i: int) -> bool:
    """Does ``_NAME_TOKEN.finditer(text)`` start a token at ``i``?

    A token starts at a letter and runs over every name character after it, so ``i`` starts one
    exactly when ``text[i]`` is a letter and the run of name characters right before ``i`` holds
    no letter (a letter there starts a token that runs on over ``i``).

    Examples
    --------
    >>> [i for i in range(12) if _token_start("Al-Sisi 2nd", i)]
    [0, 9]
    """
    if _LETTER.match(text, i) is None:
        return False
    j = i - 1
    while j >= 0 and _NAME_CHAR.match(text, j) is not None:
        if _LETTER.match(text, j) is not None:
            return False
        j -= 1
    return True


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``[start, end)`` overlap one of ``spans`` (sorted, non-overlapping)?"""
    i = bisect_left(spans, (end, end))
    return i > 0 and spans[i - 1][1] > start


def _non_overlapping(refs: list[Ref]) -> list[Ref]:
    """Keep the longest ref of each overlapping group (anonymous sources win ties)."""
    ordered = sorted(refs, key=lambda r: (-(r.end - r.start), r.kind != RefKind.anon, r.start))
    kept: list[Ref] = []
    spans: list[tuple[int, int]] = []
    for r in ordered:
        i = bisect_left(spans, (r.start, r.end))
        left_ok = i == 0 or spans[i - 1][1] <= r.start
        right_ok = i == len(spans) or spans[i][0] >= r.end
        if left_ok and right_ok:
            kept.append(r)
            spans.insert(i, (r.start, r.end))
    return sorted(kept, key=lambda r: r.start)
