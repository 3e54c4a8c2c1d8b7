"""Per-language cue data: load ``loaders/data/lang/<xx>.toml`` (schema in its README.md).

Each language file is merged over ``_universal.toml`` (a key in the language file replaces the
universal one). :data:`PHRASE_LISTS` and :data:`WORD_SETS` are the schema of the list keys:
phrase lists are compiled into case- and accent-tolerant regular expressions and word tries
that only match whole words; word sets are compared word by word, case-folded. A newcomer adds a
language by adding a TOML file, without code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from graph.errors import ConfigError
from graph.text import FOLD_TABLE, fold, variants
from loaders.extract.phrases import PhraseMatcher
from loaders.extract.sentences import DEFAULT_QUOTES, DEFAULT_TERMINATORS

PLACEHOLDERS = ("{X}", "{self}")

RELATION_NAMES = (
    "declines", "threatens", "accuses", "denies", "demands", "criticizes", "claims_role",
    "appeals", "consults", "commits", "agrees", "supports",
)  # fmt: skip
"""Relations a language file may give cues for, in the order ties are broken."""

PHRASE_LISTS: dict[str, tuple[str, str]] = {
    "speech_verbs": ("speech", "verbs"),
    "anaphoric_verbs": ("speech", "anaphoric_verbs"),
    "complementizers": ("speech", "complementizers"),
    "according_to": ("speech", "according_to"),
    "interview": ("speech", "interview"),
    "report_frames": ("speech", "report_frames"),
    "pronouns": ("speech", "pronouns"),
    "plural_pronouns": ("speech", "plural_pronouns"),
    "self_refs": ("speech", "self_refs"),
    "fillers": ("speech", "fillers"),
    "meta_objects": ("speech", "meta_objects"),
    "relatives": ("speech", "relatives"),
    "weak_verbs": ("speech", "weak_verbs"),
    "participles": ("speech", "participles"),
    "private_roles": ("speech", "private_roles"),
    "bare_verbs": ("speech", "bare_verbs"),
    "media_words": ("speech", "media_words"),
    "passive_auxiliaries": ("speech", "passive_auxiliaries"),
    "future_markers": ("speech", "future_markers"),
    "non_statements": ("speech", "non_statements"),
    "negation_words": ("negation", "words"),
    "condition_markers": ("conditions", "markers"),
    "condition_clause_markers": ("conditions", "clause_markers"),
    "condition_clause_starts": ("conditions", "clause_starts"),
    "condition_not_markers": ("conditions", "not_markers"),
    "condition_after_negation": ("conditions", "after_negation"),
    "withdrawals": ("conditions", "withdrawals"),
    "bare_conditions": ("conditions", "bare"),
    "anonymous": ("anonymous_sources", "patterns"),
    "initiative_refs": ("initiatives", "refs"),
    "locative": ("locative", "words"),
    "audience": ("locative", "audience"),
    "frames": ("locative", "frames"),
    "pair_refs": ("targets", "pair_refs"),
    "adjuncts": ("locative", "adjuncts"),
    "place_prepositions": ("locative", "place_prepositions"),
    "coordinators": ("grammar", "coordinators"),
    "disjunctions": ("grammar", "disjunctions"),
    "contrastives": ("grammar", "contrastives"),
    "definite_articles": ("grammar", "definite_articles"),
    "indefinite_articles": ("grammar", "indefinite_articles"),
    "possessives": ("grammar", "possessives"),
    "title_connectors": ("names", "title_connectors"),
    "government_words": ("names", "government_words"),
    "place_suffixes": ("names", "place_suffixes"),
}
"""Phrase lists: name used in code → (TOML section, key)."""

WORD_SETS: dict[str, tuple[str, str]] = {
    "particles": ("names", "particles"),
    "determiners": ("names", "determiners"),
    "org_words": ("names", "org_words"),
    "title_words": ("names", "title_words"),
    "org_links": ("names", "org_links"),
    "field_links": ("names", "field_links"),
    "member_links": ("names", "member_links"),
    "ministry_words": ("names", "ministry_words"),
    "state_bodies": ("names", "state_bodies"),
    "envoys": ("names", "envoys"),
    "envoy_prepositions": ("names", "envoy_prepositions"),
    "state_offices": ("offices", "state"),
    "initiative_topics": ("initiatives", "topics"),
}
"""Word sets (case-folded): name used in code → (TOML section, key)."""

CONDITION_LISTS = ("condition_markers", "condition_clause_markers", "condition_not_markers", "condition_after_negation")
"""The phrase lists whose matches open (or block) a condition clause (:func:`relations.find_conditions`)."""

ANY_MINISTRY = "ministry"
"""The ``[bodies]`` value meaning "whichever ministry the article named" (other values are ministry kinds)."""


def _char_class(ch: str) -> str:
    """Regex for one phrase character.

    Any apostrophe and any dash match each other, a space matches any whitespace, an accented
    letter also matches its bare letter ("según" matches "segun", not the other way round:
    Spanish "sí" is not "si"), and orthographic letter variants match each other (Arabic alef
    and yeh forms, ta marbuta, Russian е/ё), Arabic letters with any harakat after them.
    """
    if ch in "'’":
        return "['’]"
    if ch in "-‐‑–":
        return r"[-‐‑–]"
    if ch == " ":
        return r"\s+"
    same = variants(ch)
    if len(same) > 1:
        out = f"[{re.escape(same)}]"
    else:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out = f"[{re.escape(ch)}{re.escape(base)}]" if base and base != ch and len(base) == 1 else re.escape(ch)
    if "\u0600" <= ch <= "\u06ff":
        out += _ARABIC_MARKS
    return out


_ARABIC_MARKS = "[\u064b-\u065f\u0670\u0640]*"
"""Harakat and tatweel a writer may put after an Arabic letter."""


def _first_chars(ch: str) -> str:
    """The characters (before case folding) that :func:`_char_class` of ``ch`` (no space) matches.

    Examples
    --------
    >>> _first_chars("é"), _first_chars("’")
    ('ée', "'’")
    """
    if ch in "'’":
        return "'’"
    if ch in "-‐‑–":
        return "-‐‑–"
    same = variants(ch)
    if len(same) > 1:
        return same
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return ch + base if base and base != ch and len(base) == 1 else ch


_BOUNDARY_BEHIND = r"(?<!\w[\s\S])"
"""After a phrase's first character: the character before it is no word character."""


def _word_start(unit: str) -> str:
    """``unit`` (a :func:`_char_class` of a letter) that starts a word: ``(?<!\\w)unit``, written
    with the boundary after the one-character class so a failing position fails on the cheap
    character test (an Arabic letter's optional harakat come after the boundary test)."""
    if unit.endswith(_ARABIC_MARKS):
        return unit[: -len(_ARABIC_MARKS)] + _BOUNDARY_BEHIND + _ARABIC_MARKS
    return unit + _BOUNDARY_BEHIND


def phrase_regex(phrase: str) -> str:
    """Regex source matching ``phrase`` as whole words, accent- and spacing-tolerant.

    Examples
    --------
    >>> import re
    >>> bool(re.search(phrase_regex("según"), "Segun fuentes", re.I))
    True
    >>> bool(re.search(phrase_regex("kata"), "mengatakan", re.I))
    False
    """
    clean = " ".join(phrase.split())
    units = [_char_class(c) for c in clean]
    if units and phrase[:1].isalnum():
        units[0] = _word_start(units[0])
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return "".join(units) + right


def phrases_source(phrases: list[str]) -> str | None:
    """Regex source matching any of ``phrases`` as whole words; None when the list is empty.

    The phrases are merged into a character trie, so the regex engine walks shared prefixes
    once instead of trying every phrase at every position; at each step the branch holding the
    longest phrase is tried first and a phrase ending there last, so the longest phrase wins.
    Python's ``re`` has no fast scan for a case-insensitive alternation, so the source opens with
    a lookahead over the characters any phrase may start with (one test per character of the
    text, not one per branch) and each branch tests its first character before the word
    boundary (:func:`_word_start`); when every phrase starts with a letter or digit, the word
    boundary opens the source too (a position inside a word fails on it, the cheapest test: scans
    1.4-5x faster). Each keeps exactly the matches of the plain alternation.

    Examples
    --------
    >>> import re
    >>> rx = re.compile(phrases_source(["will not send", "will not", "will"]), re.I)
    >>> rx.search("They will not send troops").group(0)
    'will not send'
    """
    clean = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not clean:
        return None
    root = _Trie()
    for p in clean:
        node = root
        for c in p:
            unit = _char_class(c)
            node = node.children.setdefault(unit, _Trie())
        node.end = r"(?!\w)" if p[-1:].isalnum() else ""
    root.measure()
    branches = []
    for unit, child in root.ordered():
        left = any(p[:1].isalnum() and _char_class(p[0]) == unit for p in clean)
        branches.append((_word_start(unit) if left else unit) + child.source())
    firsts = "".join(sorted({c for p in clean for c in _first_chars(p[0])}))
    # when every phrase starts a word, the boundary every branch tests comes first as well: inside
    # a word (most positions) that one test fails, before the case-insensitive character class
    opening = _BOUNDARY if all(p[:1].isalnum() for p in clean) else ""
    return f"{opening}(?=[{re.escape(firsts)}])(?:" + "|".join(f"(?:{b})" for b in branches) + ")"


_BOUNDARY = r"(?<!\w)"
"""No word character before: the boundary a phrase that starts with a letter or digit opens with."""


class _Trie:
    """A node of the character trie :func:`phrases_source` turns into a regex."""

    __slots__ = ("children", "depth", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.depth = 0  # length of the longest phrase below
        self.end: str | None = None  # right boundary of a phrase ending here

    def measure(self) -> int:
        self.depth = max((1 + c.measure() for c in self.children.values()), default=0)
        return self.depth

    def ordered(self) -> list[tuple[str, _Trie]]:
        return sorted(self.children.items(), key=lambda kv: -kv[1].depth)

    def source(self) -> str:
        alts = [unit + child.source() for unit, child in self.ordered()]
        if self.end is not None:
            alts.append(self.end)
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def compile_phrases(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive alternation over all phrases, longest first; None when the list is empty."""
    source = phrases_source(phrases)
    return re.compile(source, re.IGNORECASE) if source is not None else None


_WORD_CHAR = re.compile(r"\w")

FIRST_WORDS_MAX = 4096
"""Folded first words one phrase list may give (its accent and letter variants multiplied out); a
list with more gets no gate (:func:`first_words` says None)."""


def first_words(phrases: list[str]) -> frozenset[str] | None:
    """The folded words a match of ``compile_phrases(phrases)`` can open with: a gate for its scans.

    Derived from the phrases, never written by hand: each phrase's first word (its leading word
    characters, up to a space, apostrophe, hyphen or other mark) with every character replaced by
    the folded form (:data:`graph.text.FOLD_TABLE`) of each character its :func:`_char_class`
    matches, in either case (a Russian "й" also as "и", which its class matches). In a text whose
    characters each fold to one character, word characters to word characters
    (:func:`loaders.gazetteer.words_are_tokens`), a match at ``p`` then starts a token (the phrase
    opens with a word boundary) whose folded form is in this set, unless the window ends inside
    the token (:meth:`~loaders.extract.phrases.Tokens.may_hold`). None (no gate) when a phrase
    does not open with a word character or the variants multiply past :data:`FIRST_WORDS_MAX`;
    an empty set when there is no phrase (no match anywhere).

    Examples
    --------
    >>> sorted(first_words(["según", "de acuerdo con", "l’ONU"]))
    ['de', 'l', 'segun']
    >>> first_words(["«cita»"]) is None
    True
    """
    return _edge_words(phrases, last=False)


def last_words(phrases: list[str]) -> frozenset[str] | None:
    """:func:`first_words` of the phrases' last words: a match ending a window (``…\\s*$``) ends with
    a token in this set (:meth:`~loaders.extract.phrases.Tokens.may_end_with`); a phrase that ends
    with another character ("&") puts the characters its class matches (no word character).

    Examples
    --------
    >>> sorted(last_words(["pero", "sin embargo", "y", "&"]))
    ['&', 'embargo', 'pero', 'y']
    """
    return _edge_words(phrases, last=True)


def _edge_words(phrases: list[str], last: bool) -> frozenset[str] | None:
    out: set[str] = set()
    for phrase in phrases:
        clean = " ".join(phrase.split())
        if not clean:
            continue
        edge = clean[::-1] if last else clean
        n = 0
        while n < len(edge) and _WORD_CHAR.match(edge[n]) is not None:
            n += 1
        if n == 0 and last:  # "&": a match ends with a character its class matches, as it is written
            out.update(
                case for x in _first_chars(edge[0]) for case in (x, x.lower(), x.upper(), x.casefold(), x.title())
            )
            continue
        if n == 0:
            return None  # the pattern has no word boundary on this side: no gate
        word = clean[len(clean) - n :] if last else clean[:n]
        forms = [""]
        for c in word:
            folded = sorted(
                {
                    case.translate(FOLD_TABLE)
                    for x in _first_chars(c)
                    for case in (x, x.lower(), x.upper(), x.casefold(), x.title())
                }
            )
            forms = [f + g for f in forms for g in folded]
            if len(forms) > FIRST_WORDS_MAX:
                return None
        out.update(forms)
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class SlotPattern:
    """A phrase with one actor slot (``{X}`` or ``{self}``): ``left`` + actor mention + ``right``."""

    phrase: str
    slot: str
    left: re.Pattern[str] | None
    right: re.Pattern[str] | None


def _slot_pattern(phrase: str) -> SlotPattern:
    for slot in PLACEHOLDERS:
        if slot in phrase:
            left, _, right = phrase.partition(slot)
            return SlotPattern(
                phrase,
                slot,
                re.compile(phrase_regex(left.strip()), re.I) if left.strip() else None,
                re.compile(phrase_regex(right.strip()), re.I) if right.strip() else None,
            )
    raise ValueError(f"no placeholder in {phrase!r}")


def _regex(patterns: list[str], code: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"loaders/data/lang/{code}.toml: bad pattern: {exc}") from exc


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"language data: {where} must be a list of strings")
    return list(value)


@dataclass(slots=True)
class LangData:
    """Cue lexicons of one language, with compiled patterns."""

    code: str
    name: str
    known: bool
    lists: dict[str, list[str]] = field(default_factory=dict)
    """Phrase lists by :data:`PHRASE_LISTS` name."""
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    """Word sets by :data:`WORD_SETS` name."""
    abbreviations: frozenset[str] = frozenset()
    anaphoric_regex: re.Pattern[str] | None = None
    back_references: list[str] = field(default_factory=list)
    negation_scope: int = 4
    relations: dict[str, list[str]] = field(default_factory=dict)
    acts: dict[str, list[str]] = field(default_factory=dict)
    relation_regex: dict[str, re.Pattern[str]] = field(default_factory=dict)
    negation_flip: dict[str, str] = field(default_factory=dict)
    topics: dict[str, list[str]] = field(default_factory=dict)
    refinements: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)
    single_word_orgs: bool = False
    mononyms: bool = False
    quotes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_QUOTES))
    terminators: str = DEFAULT_TERMINATORS
    direction: str = "ltr"
    clitics: tuple[str, ...] = ()
    """Prefixes written attached to the next word (``[script] clitics``): cue words also match after one."""
    punctuation: dict[str, str] = field(default_factory=dict)
    """Script punctuation read as its Latin equivalent by the patterns (``[script] punctuation``: "،" → ",")."""
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    _matchers: dict[str, PhraseMatcher] = field(default_factory=dict)
    _slots: dict[str, list[SlotPattern]] = field(default_factory=dict)
    _refining: dict[str, list[tuple[str, re.Pattern[str], str]]] = field(default_factory=dict)
    _relation_cues: list[tuple[str, re.Pattern[str] | None, list[SlotPattern]]] | None = None
    _any_relation_regex: re.Pattern[str] | None = None
    _casefolded: dict[str, frozenset[str]] = field(default_factory=dict)
    _first_words: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def phrases(self, key: str) -> list[str]:
        """A phrase list: a :data:`PHRASE_LISTS` name, 'relation:<name>', 'act:<name>', 'topic:<name>'."""
        kind, _, name = key.partition(":")
        if kind == "relation":
            return self.relations.get(name, [])
        if kind == "act":
            return self.acts.get(name, [])
        if kind == "topic":
            return self.topics.get(name, [])
        if key not in PHRASE_LISTS:
            raise KeyError(key)
        return self.lists.get(key, [])

    def words(self, key: str) -> frozenset[str]:
        """A word set (:data:`WORD_SETS` name), case-folded."""
        if key not in WORD_SETS:
            raise KeyError(key)
        return self.sets.get(key, frozenset())

    def pattern(self, key: str) -> re.Pattern[str] | None:
        """Compiled pattern of a phrase list: 'speech_verbs', 'relation:declines', 'topic:ceasefire'…"""
        try:
            return self._patterns[key]  # compiled on first use (asked ~40k times per 100 articles)
        except KeyError:
            found = self._patterns[key] = compile_phrases(
                [p for p in self.phrases(key) if not any(s in p for s in PLACEHOLDERS)]
            )
            return found

    def any_topic(self) -> re.Pattern[str] | None:
        """One pattern over the phrases of every topic: it matches at a position exactly where some
        ``topic:<name>`` pattern does (one scan tells whether, and from where, to look per topic)."""
        key = "topic:*"  # the cache key of no phrase list (no topic is named "*")
        if key not in self._patterns:
            self._patterns[key] = compile_phrases(
                [p for phrases in self.topics.values() for p in phrases if not any(s in p for s in PLACEHOLDERS)]
            )
        return self._patterns[key]

    def topic_first_words(self) -> frozenset[str] | None:
        """:func:`first_words` of :meth:`any_topic`'s phrases (cached): where it can match."""
        key = "topic:*"
        if key not in self._first_words:
            self._first_words[key] = first_words(
                [p for phrases in self.topics.values() for p in phrases if not any(s in p for s in PLACEHOLDERS)]
            )
        return self._first_words[key]

    def relation_cues(self) -> list[tuple[str, re.Pattern[str] | None, list[SlotPattern]]]:
        """Per relation (:data:`RELATION_NAMES` order) that has any: its ``[relation_patterns]``
        regex and its slot phrases (``relation:<name>`` phrases with {X} or {self}); cached."""
        if self._relation_cues is None:
            self._relation_cues = [
                (name, self.relation_regex.get(name), slots)
                for name in RELATION_NAMES
                if (slots := self.slot_patterns(f"relation:{name}")) or name in self.relation_regex
            ]
        return self._relation_cues

    def any_relation_regex(self) -> re.Pattern[str] | None:
        """One pattern over every ``[relation_patterns]`` regex of :meth:`relation_cues`: it matches at
        a position exactly where one of them does, so a content it finds nothing in holds a match of
        none of them (one scan instead of one per relation); None without any regex. Cached."""
        if self._any_relation_regex is None:
            sources = [rx.pattern for _, rx, _ in self.relation_cues() if rx is not None]
            if not sources:
                return None
            self._any_relation_regex = _regex(sources, self.code)
        return self._any_relation_regex

    def casefolded(self, key: str) -> frozenset[str]:
        """The phrases of a list, case-folded, as a set (cached)."""
        found = self._casefolded.get(key)
        if found is None:
            found = self._casefolded[key] = frozenset(w.casefold() for w in self.phrases(key))
        return found

    def refining(self, relation: str, codes: Container[str]) -> list[tuple[str, re.Pattern[str], str]]:
        """The topics that refine ``relation`` (``[refinements] <relation>.<topic>``, a code in
        ``codes``: the CAMEO codebook, the same at every call), in the file's order: each with its
        pattern and code (cached per relation)."""
        found = self._refining.get(relation)
        if found is None:
            found = self._refining[relation] = [
                (topic, pat, code)
                for topic in self.topics
                if (code := self.refinements.get(f"{relation}.{topic}"))
                and code in codes
                and (pat := self.pattern(f"topic:{topic}")) is not None
            ]
        return found

    def any_of(self, keys: tuple[str, ...]) -> re.Pattern[str] | None:
        """One pattern over the phrases of several lists: it matches at a position exactly where the
        pattern of one of them does, so a window it finds nothing in holds a match of none of them
        (one scan instead of one per list; the condition markers, the report frames)."""
        key = "|".join(keys)  # the cache key of no phrase list
        if key not in self._patterns:
            self._patterns[key] = compile_phrases(
                [p for k in keys for p in self.phrases(k) if not any(s in p for s in PLACEHOLDERS)]
            )
        return self._patterns[key]

    def first_words_of(self, keys: tuple[str, ...]) -> frozenset[str] | None:
        """:func:`first_words` of :meth:`any_of`'s phrases for ``keys`` (cached): where it can match."""
        key = "|".join(keys)
        if key not in self._first_words:
            self._first_words[key] = first_words(
                [p for k in keys for p in self.phrases(k) if not any(s in p for s in PLACEHOLDERS)]
            )
        return self._first_words[key]

    def source(self, key: str) -> str | None:
        """Regex source of a phrase list (to embed in a larger pattern), None when it is empty."""
        return phrases_source(self.phrases(key))

    def matcher(self, kind: str) -> PhraseMatcher:
        """Word-trie matcher: 'relation' / 'act' (value = relation name), 'verbs' (value 'v' or 'a')."""
        if kind not in self._matchers:
            pairs: list[tuple[str, str]] = []
            if kind == "verbs":
                pairs = [(p, "v") for p in self.phrases("speech_verbs")]
                pairs += [(p, "a") for p in self.phrases("anaphoric_verbs")]
                seen: dict[str, str] = {}
                for p, v in pairs:
                    seen[fold(p)] = "a" if v == "a" or seen.get(fold(p)) == "a" else "v"
                pairs = list(seen.items())
            else:
                source = self.relations if kind == "relation" else self.acts
                for name in RELATION_NAMES:
                    pairs += [(p, name) for p in source.get(name, []) if not any(s in p for s in PLACEHOLDERS)]
                first: dict[str, str] = {}
                for p, name in pairs:
                    first.setdefault(fold(p), name)
                pairs = list(first.items())
            self._matchers[kind] = PhraseMatcher(pairs, self.clitics)
        return self._matchers[kind]

    def slot_patterns(self, key: str) -> list[SlotPattern]:
        """Phrases of a list that hold an actor slot ({X} or {self})."""
        if key not in self._slots:
            self._slots[key] = [_slot_pattern(p) for p in self.phrases(key) if any(s in p for s in PLACEHOLDERS)]
        return self._slots[key]


def _read(name: str) -> dict[str, Any] | None:
    ref = resources.files("loaders").joinpath("data", "lang", f"{name}.toml")
    if not ref.is_file():
        return None
    try:
        return tomllib.loads(ref.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"loaders/data/lang/{name}.toml: {exc}") from exc


def available_languages() -> list[str]:
    """Codes of the languages that have a cue file.

    Examples
    --------
    >>> {"en", "id", "es", "fr"} <= set(available_languages())
    True
    """
    folder = resources.files("loaders").joinpath("data", "lang")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml") and not p.name.startswith("_"))


def _build(code: str, raw: dict[str, Any], universal: dict[str, Any], known: bool) -> LangData:
    def section(name: str) -> dict[str, Any]:
        merged = dict(universal.get(name, {}))
        merged.update(raw.get(name, {}))
        return merged

    speech, relations, acts, regexes = (
        section("speech"),
        section("relations"),
        section("acts"),
        section("relation_patterns"),
    )
    unknown = (set(relations) | set(acts) | set(regexes)) - set(RELATION_NAMES)
    if unknown:
        raise ConfigError(f"loaders/data/lang/{code}.toml: unknown relations {sorted(unknown)}")
    lists = {name: _strings(section(sec).get(key), f"{sec}.{key}") for name, (sec, key) in PHRASE_LISTS.items()}
    sets = {
        name: frozenset(w.casefold() for w in _strings(section(sec).get(key), f"{sec}.{key}"))
        for name, (sec, key) in WORD_SETS.items()
    }
    script = section("script")
    quotes = script.get("quotes", DEFAULT_QUOTES)
    if not isinstance(quotes, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in quotes.items()):
        raise ConfigError(f"loaders/data/lang/{code}.toml: [script] quotes must map a mark to its closing marks")
    anaphoric = _strings(speech.get("anaphoric_patterns"), "speech.anaphoric_patterns")
    punctuation = script.get("punctuation", {})
    if not isinstance(punctuation, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in punctuation.items()
    ):
        raise ConfigError(f"loaders/data/lang/{code}.toml: [script] punctuation must map one character to one")
    return LangData(
        code=code,
        name=str(section("meta").get("name", code)),
        known=known,
        lists=lists,
        sets=sets,
        abbreviations=frozenset(
            a.casefold() for a in _strings(section("sentences").get("abbreviations"), "abbreviations")
        ),
        anaphoric_regex=_regex(anaphoric, code) if anaphoric else None,
        back_references=_strings(speech.get("back_references"), "speech.back_references"),
        negation_scope=int(section("negation").get("scope", 4)),
        relations={k: _strings(v, f"relations.{k}") for k, v in relations.items()},
        acts={k: _strings(v, f"acts.{k}") for k, v in acts.items()},
        relation_regex={k: _regex(_strings(v, f"relation_patterns.{k}"), code) for k, v in regexes.items()},
        negation_flip={str(k): str(v) for k, v in section("negation_flip").items()},
        topics={k: _strings(v, f"topics.{k}") for k, v in section("topics").items()},
        refinements={str(k): str(v) for k, v in section("refinements").items()},
        titles={str(k).casefold(): str(v) for k, v in section("titles").items()},
        bodies={" ".join(str(k).casefold().split()): str(v) for k, v in section("bodies").items()},
        single_word_orgs=bool(section("names").get("single_word_orgs", False)),
        mononyms=bool(section("names").get("mononyms", False)),
        quotes=dict(quotes),
        terminators=str(script.get("terminators", DEFAULT_TERMINATORS)),
        direction=str(script.get("direction", "ltr")),
        clitics=tuple(_strings(script.get("clitics"), "script.clitics")),
        punctuation=dict(punctuation),
    )


@cache
def load_lang(code: str | None) -> LangData:
    """Cue data for a language code; a language without a file gets the universal defaults only.

    Examples
    --------
    >>> load_lang("id").known, load_lang("xx").known
    (True, False)
    >>> load_lang("id").pattern("speech_verbs").search("ujar Presiden").group(0)
    'ujar'
    """
    universal = _read("_universal") or {}
    norm = (code or "").strip().lower()[:2]
    raw = _read(norm) if norm.isalpha() and len(norm) == 2 else None
    return _build(norm or "und", raw or {}, universal, known=raw is not None)
