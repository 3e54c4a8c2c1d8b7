"""Actor gazetteer: states, people with dated roles, organisations, groups, initiatives, media.

Knowledge lives in human-editable CSV files under ``loaders/data/gazetteer/`` (format in
that folder's ``README.md``); this module only loads and matches them. State names in many
languages come from CLDR (``babel``) at load time, foreign-ministry actors are generated
from per-language templates, so adding a language or an actor never needs code.

Matching folds case and diacritics ("Erdoğan" = "Erdogan") over a token trie; mentions
carry offsets into the *original* text. Risky aliases carry a match rule: acronyms and
1–2 letter tokens match case-sensitively, names must not start lower-case ("china" the
porcelain is not China), and stop phrases ("Turkey dinner", "Michael Jordan") block a match.

Examples
--------
>>> gaz = Gazetteer.default()
>>> gaz.resolve("Türkiye").id, gaz.resolve("Erdoğan").id
('turkey', 'recep-tayyip-erdogan')
>>> [(m.actor.id, m.text) for m in gaz.find_mentions("Presiden Turki Recep Tayyip Erdoğan")]
[('turkey', 'Turki'), ('recep-tayyip-erdogan', 'Recep Tayyip Erdoğan')]
"""

from __future__ import annotations

import csv
import re
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from itertools import accumulate, compress, count, repeat
from pathlib import Path

from graph.errors import InputError
from graph.model import Actor, ActorKind, Role
from graph.text import FOLD_TABLE, MARKS, fold_with_offsets

DATA_DIR = Path(__file__).parent / "data" / "gazetteer"

#: Languages whose CLDR territory names become aliases of every state.
CLDR_LANGS = (
    "en", "id", "es", "fr", "ar", "tr", "ru", "zh", "zh_Hant", "de", "pt", "fa", "ms", "it", "nl", "ja", "ko",
    "he", "uk", "ur",
)  # fmt: skip

#: Languages that capitalise demonyms (so a lower-case one is a common word, not a demonym).
CAPITALISED_DEMONYM_LANGS = frozenset({"en", "id", "ms", "nl"})

VIAS = ("name", "alias", "acronym", "demonym", "capital")
_PRIORITY = {"name": 0, "alias": 1, "acronym": 1, "demonym": 2, "capital": 3}

# Han, kana: no spaces between words, so every character is its own token.
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # regex escapes
_TOKEN_RE = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_TOKEN_SPLIT = re.compile(f"({_TOKEN_RE.pattern})")
_NONWORD_RE = re.compile(r"\W")
_WORD_CHAR = re.compile(rf"[^\W{_CJK}]")
"""A character of a word of the folded text that is not a CJK character (a token of its own)."""
_TOKEN_CHAR = re.compile(rf"[\w{MARKS}]")
"""A character of a :data:`graph.text.TOKEN` word."""
_SAME: tuple[frozenset[str], re.Pattern[str]] = (frozenset(), re.compile(""))
"""The characters :func:`_same_char` said yes to, and a pattern of a text of only them: one immutable
pair, replaced whole (under ``_SAME_LOCK``) when new characters join, so a thread reads one
consistent pair without a lock."""
_SAME_LOCK = threading.Lock()


def _same_char(c: str) -> bool:
    """Does ``c`` fold to one character that is a word character of the folded text exactly when
    ``c`` is one of a :data:`graph.text.TOKEN` word, and is no CJK character?"""
    f = FOLD_TABLE[ord(c)]
    return (
        len(f) == 1
        and _CJK_CHAR.match(f) is None
        and (_TOKEN_CHAR.match(c) is not None) == (_WORD_CHAR.match(f) is not None)
    )


_CJK_CHAR = re.compile(f"[{_CJK}]")


def words_are_tokens(text: str) -> bool:
    """Are the words :meth:`Gazetteer.mention_rows` finds in the folded ``text`` the text's own
    :data:`graph.text.TOKEN` words, folded, at the same offsets?

    So when every character of ``text`` folds to one character (the folded text keeps every
    offset) that is a word character of the folded text exactly when the character is one of a
    ``TOKEN`` word, and no CJK character (a token of its own for the gazetteer). Then the folded
    text's ``k``-th word is ``fold`` of the ``k``-th ``TOKEN`` match, at its offsets, and the
    extractor hands the gazetteer the article's tokens (``Gazetteer.mention_rows(words=…)``) instead
    of folding and splitting the text again. One regex test of the whole text once its characters
    are known.

    Examples
    --------
    >>> words_are_tokens("Erdoğan's Türkiye"), words_are_tokens("Straße"), words_are_tokens("北京")
    (True, False, False)
    """
    global _SAME
    known, pattern = _SAME
    if pattern.fullmatch(text) is not None:
        return True
    chars = set(text) - known
    if not all(map(_same_char, chars)):
        return False
    with _SAME_LOCK:  # another thread may have added characters meanwhile: add to what is there now
        grown = _SAME[0] | chars
        _SAME = (grown, re.compile(f"[{_ranges(set(grown))}]*"))
    return True


def _ranges(chars: set[str]) -> str:
    """A regex character class body holding exactly ``chars``, runs of consecutive ones as ranges.

    Examples
    --------
    >>> _ranges(set("abcdx-]"))
    '\\\\-\\\\]a-dx'
    """
    codes = sorted(map(ord, chars))
    out: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        out.append(first if i == j else f"{first}{last}" if j == i + 1 else f"{first}-{last}")
        i = j + 1
    return "".join(out)


TokenWords = tuple[list[str], Sequence[int], Sequence[int]]
"""Folded words with their start and end offsets (what ``loaders.extract.phrases.Tokens`` holds)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor found in a text: ``text[start:end]`` names ``actor``."""

    actor: Actor
    start: int
    end: int
    text: str
    via: str  # "name" | "alias" | "demonym" | "capital" | "acronym"


MentionRow = tuple[Actor, int, int, str, str]
""":class:`Mention`'s fields in order (:meth:`Gazetteer.mention_rows`)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    """One way of writing an actor's name, with the rule that guards matching it."""

    actor_id: str  # "" for a stop phrase: it consumes its span and yields nothing
    via: str
    surface: str
    rule: str  # "exact" | "acronym" | "cap" | "any"
    lang: str | None
    local: bool  # only when the text's language is ``lang`` (or unknown)
    bare: bool = False  # dropped when a state's name follows ("Kemlu" vs "Kemlu Kenya")

    @property
    def priority(self) -> int:
        return -1 if not self.actor_id else _PRIORITY[self.via]


# --------------------------------------------------------------------------- folding (graph.text)


@dataclass(frozen=True, slots=True)
class Clitic:
    """A prefix written attached to a name (``clitics.csv``), folded."""

    lang: str
    written: str
    clitic: str
    restored: str

    def variant(self, word: str) -> str | None:
        """``word`` (folded) without this prefix, or None when it does not start with it.

        Examples
        --------
        >>> Clitic("ar", "لل", "ل", "ا").variant("للعراق")
        'العراق'
        """
        if not word.startswith(self.written) or len(word) - len(self.clitic) < MIN_CLITIC_REST:
            return None
        return self.restored + word[len(self.clitic) :]


MIN_CLITIC_REST = 3
"""Letters that must remain after a clitic for the rest to be tried as a name."""


@dataclass(frozen=True, slots=True)
class Ending:
    """A case ending of one language (``endings.csv``), folded: ``written`` → ``restored``."""

    lang: str
    written: str
    restored: str

    def variant(self, word: str) -> str | None:
        """``word`` (folded) with this ending replaced, or None when it does not end with it.

        Examples
        --------
        >>> Ending("ru", "ии", "ия").variant("турции"), Ending("ru", "а", "").variant("на")
        ('турция', None)
        """
        if not word.endswith(self.written) or len(word) - len(self.written) < MIN_STEM:
            return None
        return word[: len(word) - len(self.written)] + self.restored


MIN_STEM = 3
"""Letters that must remain before a case ending for the word to be tried in another form."""


@dataclass(slots=True)
class _TrieNode:
    """A node of the token trie: the name key ending here, and the next tokens."""

    children: dict[str, _TrieNode] = field(default_factory=dict)
    key: tuple[str, ...] | None = None


def key_of(name: str) -> tuple[str, ...]:
    """The folded token sequence a name is matched by.

    Examples
    --------
    >>> key_of("Sharm El-Sheikh")
    ('sharm', 'el', 'sheikh')
    >>> key_of("美国")
    ('美', '国')
    """
    return tuple(_TOKEN_RE.findall(name.translate(FOLD_TABLE)))


def _norm_lang(lang: str | None) -> str | None:
    """ "id-ID" / "ID" / "pt_BR" → "id" / "id" / "pt"; empty → None."""
    return re.split(r"[-_]", lang.strip().lower())[0] or None if lang else None


def _squash(text: str) -> str:
    return " ".join(_NONWORD_RE.sub(" ", text).split())


def _rule_ok(rule: str, original: str, surface: str) -> bool:
    if rule == "any":
        return True
    if rule == "exact":
        return _squash(original) == _squash(surface)
    if rule == "acronym":
        return _squash(original) == _squash(surface) or original.istitle()
    # "cap": a name must not start lower-case (uncased scripts pass)
    first = next((c for c in original if c.isalpha()), "")
    return not first.islower()


def _same_letters(original: str, entry: _Entry) -> bool:
    """A spelling with diacritics must appear with them: Turkish "Kırım" (Crimea) is not
    Indonesian "Kirim" (send), Spanish "Seúl" is not French "seul"."""
    if entry.surface.isascii():
        return True
    return _squash(original).casefold() == _squash(entry.surface).casefold()


#: Zipf frequency (``wordfreq``) from which a word counts as a common word of a language: about
#: the 10,000 most frequent words. A one-word name of another language that is this common in
#: the text's language is read as that word (Turkish "Kirim" spelt without diacritics is
#: Indonesian "kirim", "send"; English "America" in Spanish is the continent "América").
COMMON_WORD_ZIPF = 4.0
_SEGMENTED_LANGS = frozenset({"zh", "ja", "ko"})  # wordfreq needs optional segmenters for these


@cache
def _wordlist_langs() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages()) - _SEGMENTED_LANGS


@lru_cache(maxsize=65536)
def is_common_word(word: str, lang: str | None) -> bool:
    """Is ``word`` one of the common words of ``lang`` (False for unknown languages)?

    Examples
    --------
    >>> is_common_word("kirim", "id"), is_common_word("Kırım", "id"), is_common_word("kirim", "xx")
    (True, False, False)
    """
    if not lang or lang not in _wordlist_langs():
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(word, lang) >= COMMON_WORD_ZIPF


def _foreign(name_lang: str | None, text_lang: str | None) -> bool:
    """Is a name of ``name_lang`` foreign to a text of ``text_lang``? In a text of unknown
    language every non-English name is: Turkish "Kırım" written "Kirim" is Indonesian "send"."""
    if name_lang is None or name_lang == text_lang:
        return False
    return text_lang is not None or name_lang != "en"


# Punctuation that never sits inside a name: a match may not span it ("Kementerian Luar Negeri
# (Kemlu) RI" does not contain the name "Kemlu RI").
_BREAK_RE = re.compile(r"[()\[\]{},;:!?\"“”«»„/|\n—（）【】「」『』、，；：،؛؟]")


def _all_caps_around(text: str, start: int, end: int, width: int = 30) -> bool:
    """True when the cased letters around ``text[start:end]`` are all upper-case (a shouted headline)."""
    window = text[max(0, start - width) : start] + text[end : end + width]
    cased = [c for c in window if c.isupper() or c.islower()]
    return len(cased) >= 4 and not any(c.islower() for c in cased)


def _is_word(original: str, lang: str | None) -> bool:
    """Is a matched one-word span a common word of the text's language?"""
    words = _TOKEN_RE.findall(original.casefold())
    return len(words) == 1 and is_common_word(words[0], lang)


def _default_rule(surface: str, key: tuple[str, ...], via: str, lang: str | None) -> str:
    if len(key) == 1 and len(key[0]) <= 2:
        return "exact"  # never match 1–2 letter tokens case-insensitively
    if surface.isupper() and " " not in surface.strip():
        return "exact" if sum(c.isalnum() for c in surface) <= 3 else "acronym"
    if via == "demonym" and lang not in CAPITALISED_DEMONYM_LANGS:
        return "any"
    return "cap"


# --------------------------------------------------------------------------- CSV reading


def _rows(path: Path, required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """Rows of a gazetteer CSV; ``#`` lines are comments; cells are stripped.

    A missing file, a missing ``required`` column or cell, or a row with too many cells raises
    :class:`graph.errors.InputError` naming the file and line.
    """
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            numbered = ((n, line) for n, line in enumerate(fh, start=1))
            kept = [(n, line) for n, line in numbered if line.strip() and not line.lstrip().startswith("#")]
    except FileNotFoundError as exc:
        raise InputError("gazetteer data file missing", source=str(path)) from exc
    reader = csv.DictReader(line for _, line in kept)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(f"header lacks column(s) {', '.join(missing)}", source=str(path))
    for (n, _), row in zip(kept[1:], reader, strict=False):
        if None in row:
            raise InputError(f"line {n}: too many cells: {row[None]!r}", source=str(path))
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
        empty = [c for c in required if not cells.get(c)]
        if empty:
            raise InputError(f"line {n}: empty {', '.join(empty)}", source=str(path))
        yield cells


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _date(cell: str, path: Path) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError as exc:
        raise InputError(f"bad date {cell!r} (want YYYY-MM-DD)", source=str(path)) from exc


# --------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """Loaded gazetteer. Get the shared instance with :meth:`default`."""

    def __init__(self, data_dir: Path = DATA_DIR) -> None:
        self.data_dir = data_dir
        self._actors: dict[str, Actor] = {}
        self._entries: dict[tuple[str, ...], list[_Entry]] = defaultdict(list)
        self._roles: list[Role] = []
        self._titles: dict[str, dict[str, str]] = defaultdict(dict)
        self._state_of_iso: dict[str, str] = {}
        self._ministries: dict[tuple[str, str], str] = {}
        self._groups: dict[str, set[str]] = {}
        self._demonyms: dict[tuple[str, str], tuple[str, str]] = {}
        self._canonical_titles: dict[str, str] = {}
        self._all_titles: dict[str, str] = {}
        self._ministry_of: dict[str, tuple[str, str]] = {}
        self._seen: set[tuple[tuple[str, ...], _Entry]] = set()
        self._roles_by_person: dict[str, list[Role]] = {}
        self._roles_by_org: dict[str, list[Role]] = {}
        self._clitics: list[Clitic] = []
        self._endings: dict[str, list[Ending]] = defaultdict(list)
        self._ending_variants: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
        self._chosen: dict[tuple[tuple[str, ...], bool, str, str | None, bool], _Entry | None] = {}
        self._state_body_words: dict[str, tuple[str, ...]] = {"named": (), "new": ()}
        self._load()
        self._trie = self._build_trie()

    # ----------------------------------------------------------------- public API

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer built from the packaged data files (cached)."""
        return _default()

    def actor(self, actor_id: str) -> Actor | None:
        """Actor by id."""
        return self._actors.get(actor_id)

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def roles(self) -> list[Role]:
        return list(self._roles)

    def state(self, iso2: str | None) -> Actor | None:
        """The state (or territory) with ISO 3166-1 alpha-2 code ``iso2`` (None → None)."""
        actor_id = self._state_of_iso.get(iso2.upper()) if iso2 else None
        return self._actors[actor_id] if actor_id else None

    def members(self, group: str) -> list[Actor]:
        """States tagged with ``group`` in ``states.csv`` ("g20", "me", "oic", "asean", "eu", "nato")."""
        return [self._actors[i] for i, groups in self._groups.items() if group in groups]

    def ministry(self, state_id: str, kind: str = "foreign") -> Actor | None:
        """The ``kind`` ministry of a state, e.g. ``ministry("turkey")``."""
        actor_id = self._ministries.get((state_id, kind))
        return self._actors[actor_id] if actor_id else None

    def ministry_kind(self, actor_id: str) -> str | None:
        """The kind ("foreign", "defense" …) of a ministry actor, None for any other actor.

        Examples
        --------
        >>> Gazetteer.default().ministry_kind("ministry-of-foreign-affairs-tr"), Gazetteer.default().ministry_kind("turkey")
        ('foreign', None)
        """
        found = self._ministry_of.get(actor_id)
        return found[1] if found is not None else None

    def titles(self, lang: str | None = None) -> dict[str, str]:
        """Folded local title words → canonical English title (``titles.csv``).

        Examples
        --------
        >>> Gazetteer.default().titles("id")["presiden"]
        'president'
        """
        if lang is not None:
            return dict(self._titles.get(lang, {}))
        merged: dict[str, str] = {}
        for table in self._titles.values():
            merged.update(table)
        return merged

    def _title_key(self, title: str) -> str:
        key = " ".join(key_of(title))
        if key in self._canonical_titles:
            return self._canonical_titles[key]
        return self._all_titles.get(key, title)

    def canonical_title(self, word: str, lang: str | None = None) -> str | None:
        """Canonical English title for a local title word ("Presiden" → "president")."""
        key = " ".join(key_of(word))
        if lang is not None and key in self._titles.get(lang, {}):
            return self._titles[lang][key]
        return self._all_titles.get(key)

    def resolve(self, name: str, lang: str | None = None) -> Actor | None:
        """The actor a whole name denotes ("Turki", "Türkiye", "Erdoğan", "ISNA"), or None.

        Like a mention, a name of several words does not span a bracket, comma or quote unless it
        is spelled exactly so ("Kemlu) RI" is not "Kemlu RI").

        Examples
        --------
        >>> gaz = Gazetteer.default()
        >>> gaz.resolve("Kemlu RI").id, gaz.resolve("Kemlu) RI")
        ('ministry-of-foreign-affairs-id', None)
        """
        if name in self._actors:
            return self._actors[name]
        lang = _norm_lang(lang)
        key = key_of(name)
        entries = self._entries.get(key, [])
        if len(key) > 1 and _BREAK_RE.search(name):
            entries = [e for e in entries if e.surface == name.strip()]
        chosen = self._choose(entries, name, lang, check_cap=False)
        return self._actors[chosen.actor_id] if chosen and chosen.actor_id else None

    def find_mentions(self, text: str, lang: str | None = None) -> list[Mention]:
        """Non-overlapping, longest-first actor mentions in ``text``, in text order."""
        return [Mention(*row) for row in self.mention_rows(text, lang)]

    def mention_rows(self, text: str, lang: str | None = None, words: TokenWords | None = None) -> list[MentionRow]:
        """:meth:`find_mentions` as plain rows (actor, start, end, text, via), no object per mention
        (the extractor turns each into its own hit at once). ``words``: the text's tokens, folded,
        with their starts and ends, when :func:`words_are_tokens` says they are the folded text's
        words (the text is not folded and split again)."""
        lang = _norm_lang(lang)
        src: list[int] | None = None
        if words is None:
            folded, src = fold_with_offsets(text)
            # the folded text split at its words alternates gap, word, gap, …: offsets are running sums
            parts = _TOKEN_SPLIT.split(folded)
            offsets = list(accumulate(map(len, parts), initial=0))  # word k spans offsets[2k + 1] .. offsets[2k + 2]
            words = parts[1::2], offsets[1::2], offsets[2::2]
        folded_words, word_starts, word_ends = words
        trie = self._trie.children
        clitics = [c for c in self._clitics if lang is None or c.lang == lang]
        starts = frozenset(c.written[0] for c in clitics)
        endings = self._endings.get(lang or "", [])
        variants = self._ending_variants[lang or ""]
        found: list[tuple[int, int, _Entry]] = []
        n = len(folded_words)
        # where a name may start: every word when case endings may hide one, else a word that opens a
        # name or starts with a clitic letter (the loop below passes over every other word)
        firsts: Iterable[int] = range(n)
        if not endings:
            firsts = compress(count(), map(trie.__contains__, folded_words))  # no Python step per word
            if starts:
                prefixed = compress(count(), map(str.startswith, folded_words, repeat(tuple(starts))))
                firsts = sorted({*firsts, *prefixed})
        for i in firsts:
            node = trie.get(folded_words[i])
            skip = 0
            inflected = False
            if node is None and endings:
                node = _inflected(trie, folded_words[i], endings, variants)
                inflected = node is not None
            if node is None:
                if folded_words[i][0] not in starts:
                    continue
                node, skip = self._without_clitic(folded_words[i], clitics)
                if node is None:
                    continue
            ends: list[tuple[int, tuple[str, ...], bool]] = []
            j = i + 1
            while True:
                if node.key is not None:
                    ends.append((j, node.key, inflected))
                if j >= n:
                    break
                nxt = node.children.get(folded_words[j])
                if nxt is None and endings:
                    nxt = _inflected(node.children, folded_words[j], endings, variants)
                    inflected = inflected or nxt is not None
                if nxt is None:
                    break
                node, j = nxt, j + 1
            for j_end, key, changed in reversed(ends):
                fs, fe = word_starts[i] + skip, word_ends[j_end - 1]
                start, end = (fs, fe) if src is None else (src[fs], src[fe - 1] + 1)
                broken = j_end - i > 1 and _BREAK_RE.search(text, start, end) is not None
                memo = (key, broken, text[start:end], lang, changed)
                chosen = self._chosen.get(memo, _UNCHOSEN)
                if chosen is _UNCHOSEN:  # the same names recur in every article: choose once per spelling
                    entries = self._entries[key]
                    if broken:
                        entries = [e for e in entries if not e.actor_id]  # only stop phrases may span it
                    chosen = self._choose(entries, text[start:end], lang, check_cap=True, inflected=changed)
                    if len(self._chosen) >= _CHOSEN_MAX:
                        self._chosen.clear()
                    self._chosen[memo] = chosen
                if (
                    chosen is not None
                    and chosen.rule == "exact"
                    and end - start <= 4
                    and _all_caps_around(text, start, end)
                ):
                    chosen = None  # "LET US" in an all-caps headline is not the United States
                if chosen is not None:
                    found.append((start, end, chosen))
                    break
        return self._select(found, text)

    def roles_at(self, org_id: str, on: date | None = None) -> list[Role]:
        """Roles held at a state or organisation, only those active on ``on`` when given.

        Examples
        --------
        >>> sorted(r.person_id for r in Gazetteer.default().roles_at("turkey", date(2026, 1, 5)))[:2]
        ['cevdet-yilmaz', 'hakan-fidan']
        """
        return [r for r in self._roles_by_org.get(org_id, []) if on is None or r.active_on(on)]

    def roles_of(self, person_id: str, on: date | None = None) -> list[Role]:
        """Roles held by a person, only those active on ``on`` when given."""
        return [r for r in self._roles_by_person.get(person_id, []) if on is None or r.active_on(on)]

    def holder(self, org_id: str, title: str, on: date | None) -> Actor | None:
        """Who held ``title`` (canonical English, e.g. "president") of ``org_id`` on a date.

        A local title word is accepted too ("presiden"). ``None`` when nobody is known. For a
        generated ministry, "minister" is the state's foreign/defense minister. Without a date
        (an undated article) only a title that one person alone is known to have held has a holder.

        Examples
        --------
        >>> gaz = Gazetteer.default()
        >>> gaz.holder("turkey", "presiden", date(2026, 1, 5)).id
        'recep-tayyip-erdogan'
        >>> gaz.holder("ministry-of-foreign-affairs-tr", "minister", date(2026, 1, 5)).id
        'hakan-fidan'
        """
        wanted = self._title_key(title)
        ministry = self._ministry_of.get(org_id)
        if ministry is not None and wanted in ("minister", _MINISTER_TITLE.get(ministry[1])):
            # the head of a ministry is the state's minister: holder(ministry-of-foreign-affairs-tr, "minister")
            return self.holder(ministry[0], _MINISTER_TITLE.get(ministry[1], "minister"), on)
        active = [
            r for r in self._roles_by_org.get(org_id, []) if r.title == wanted and (on is None or r.active_on(on))
        ]
        if not active or (on is None and len({r.person_id for r in active}) > 1):
            return None
        best = max(active, key=lambda r: r.start or date.min)
        return self._actors.get(best.person_id)

    def stats(self) -> dict[str, int]:
        """Counts of what the gazetteer knows (actors by kind, roles, names, title words)."""
        out: dict[str, int] = {f"actors.{kind.value}": 0 for kind in ActorKind}
        for actor in self._actors.values():
            out[f"actors.{actor.kind.value}"] += 1
        out["actors"] = len(self._actors)
        out["ministries"] = len(self._ministries)
        out["roles"] = len(self._roles)
        out["roles.current"] = sum(1 for r in self._roles if r.end is None)
        out["names"] = sum(len(b) for b in self._entries.values())
        out["stop_phrases"] = sum(1 for b in self._entries.values() for e in b if not e.actor_id)
        out["title_words"] = sum(len(t) for t in self._titles.values())
        return out

    def ambiguous_names(self) -> dict[str, list[str]]:
        """Folded names that two actors share at the same strength (they never match)."""
        out: dict[str, list[str]] = {}
        for key, bucket in self._entries.items():
            best = min(e.priority for e in bucket)
            top = sorted({e.actor_id for e in bucket if e.priority == best})
            if len(top) > 1:
                out[" ".join(key)] = top
        return out

    # ----------------------------------------------------------------- matching internals

    def _choose(
        self, entries: list[_Entry], original: str, lang: str | None, check_cap: bool, inflected: bool = False
    ) -> _Entry | None:
        """The entry a span names; ``inflected``: the span is a case form of the name (``endings.csv``),
        so the exact-spelling rules compare only its case and the name's language."""
        ok = [
            e
            for e in entries
            if not (e.local and lang is not None and e.lang is not None and e.lang != lang)
            and (e.rule != "cap" or not check_cap or _rule_ok("cap", original, e.surface))
            and (
                e.rule == "cap"
                or (_rule_ok("acronym", original, e.surface) if inflected else _rule_ok(e.rule, original, e.surface))
            )
            and not (inflected and _foreign(e.lang, lang))
            and not (
                not inflected and (e.via == "capital" or _foreign(e.lang, lang)) and not _same_letters(original, e)
            )
            and not (e.rule in ("cap", "any") and _foreign(e.lang, lang) and _is_word(original, lang))
        ]
        if not ok:
            return None
        best = min(e.priority for e in ok)
        top = [e for e in ok if e.priority == best]
        if len({e.actor_id for e in top}) > 1:
            return None  # ambiguous: two actors share this name at the same strength
        return top[0]

    def _select(self, found: list[tuple[int, int, _Entry]], text: str) -> list[MentionRow]:
        chosen: list[tuple[int, int, _Entry]] = []
        # Candidates come in text order; overlapping ones form small clusters, and inside a
        # cluster the longest span wins (then the earliest).
        cluster: list[tuple[int, int, _Entry]] = []
        cluster_end = -1
        for cand in [*sorted(found, key=lambda f: f[0]), (len(text) + 1, len(text) + 1, _SENTINEL)]:
            if cand[0] >= cluster_end and cluster:
                if len(cluster) == 1:
                    chosen.append(cluster[0])
                else:
                    kept: list[tuple[int, int, _Entry]] = []
                    for c in sorted(cluster, key=lambda f: (f[0] - f[1], f[0])):
                        if all(c[1] <= k[0] or k[1] <= c[0] for k in kept):
                            kept.append(c)
                    chosen.extend(sorted(kept, key=lambda f: f[0]))
                cluster = []
            cluster.append(cand)
            cluster_end = max(cluster_end, cand[1]) if len(cluster) > 1 else cand[1]
        out: list[MentionRow] = []
        for k, (s, t, e) in enumerate(chosen):
            if not e.actor_id:
                continue
            if e.bare and k + 1 < len(chosen):
                ns, _, ne = chosen[k + 1]
                if ne.actor_id and not text[t:ns].strip() and self._actors[ne.actor_id].kind == ActorKind.state:
                    continue
            out.append((self._actors[e.actor_id], s, t, text[s:t], e.via))
        return out

    def endings(self, lang: str | None = None) -> list[Ending]:
        """Case endings of a language (``endings.csv``), all when ``lang`` is None."""
        if lang is not None:
            return list(self._endings.get(lang, []))
        return [e for table in self._endings.values() for e in table]

    def _without_clitic(self, word: str, clitics: list[Clitic]) -> tuple[_TrieNode | None, int]:
        """The trie node of ``word`` without an attached clitic, and the letters skipped."""
        for c in clitics:
            variant = c.variant(word)
            if variant is not None and variant in self._trie.children:
                return self._trie.children[variant], len(c.clitic)
        return None, 0

    def state_body_words(self, scope: str) -> tuple[str, ...]:
        """Folded words that make an organisation a state body (``state_bodies.csv``).

        ``scope`` is ``"named"`` (organisations the gazetteer knows, matched inside their id or
        name) or ``"new"`` (organisations it does not know, matched as whole words).

        Examples
        --------
        >>> "kremlin" in Gazetteer.default().state_body_words("named")
        True
        """
        return self._state_body_words[scope]

    def clitics(self, lang: str | None = None) -> list[Clitic]:
        """Attached prefixes of a language (``clitics.csv``), all when ``lang`` is None."""
        return [c for c in self._clitics if lang is None or c.lang == lang]

    def _build_trie(self) -> _TrieNode:
        trie = _TrieNode()
        for key in self._entries:
            node = trie
            for tok in key:
                node = node.children.setdefault(tok, _TrieNode())
            node.key = key
        return trie

    # ----------------------------------------------------------------- loading

    def _add(self, actor_id: str, surface: str, via: str, lang: str | None = None, flags: Iterable[str] = ()) -> None:
        surface = surface.strip()
        key = key_of(surface)
        if not key:
            return
        flagset = set(flags)
        if "case_sensitive" in flagset:  # long name of "exact"
            flagset.add("exact")
        rule: str = next((r for r in ("exact", "acronym", "cap", "any") if r in flagset), "")
        rule = rule or _default_rule(surface, key, via, lang)
        if via == "alias" and rule in ("exact", "acronym") and surface.isupper():
            via = "acronym"
        if via == "alias" and "capital" in flagset:
            via = "capital"
        entry = _Entry(actor_id, via, surface, rule, lang or None, "local" in flagset, "bare" in flagset)
        if (key, entry) not in self._seen:
            self._seen.add((key, entry))
            self._entries[key].append(entry)

    def _put_actor(self, actor: Actor) -> None:
        old = self._actors.get(actor.id)
        if old is not None:  # later rows refine earlier ones (e.g. actors.csv over generated)
            actor = old.model_copy(
                update={
                    "name": actor.name or old.name,
                    "kind": actor.kind,
                    "qid": actor.qid or old.qid,
                    "country": actor.country or old.country,
                }
            )
        self._actors[actor.id] = actor
        self._add(actor.id, actor.name, "name")

    def _load(self) -> None:
        _load_states(self)
        _load_demonyms(self)
        _load_ministries(self)
        _load_actors(self)
        _load_actors(self, "people.csv", kind="person")
        _load_aliases(self)
        _load_roles(self)
        for role in self._roles:
            self._roles_by_person.setdefault(role.person_id, []).append(role)
            self._roles_by_org.setdefault(role.org_id, []).append(role)
        _load_titles(self)
        _load_stop_phrases(self)
        _load_clitics(self)
        _load_endings(self)
        _load_state_bodies(self)
        titles = {r.title for r in self._roles} | {t for table in self._titles.values() for t in table.values()}
        self._canonical_titles = {" ".join(key_of(t)): t for t in titles}
        self._all_titles = self.titles()
        # Fill each actor's alias list from its entries (not capitals or stop phrases).
        aliases: dict[str, set[str]] = defaultdict(set)
        for bucket in self._entries.values():
            for e in bucket:
                if e.actor_id and e.via != "capital":
                    aliases[e.actor_id].add(e.surface)
        for actor_id, actor in self._actors.items():
            names = sorted(aliases.get(actor_id, set()) - {actor.name})
            self._actors[actor_id] = actor.model_copy(update={"aliases": names})


_MINISTER_TITLE = {"foreign": "foreign minister", "defense": "defense minister"}
_SENTINEL = _Entry("", "alias", "", "any", None, False)
_UNCHOSEN = _Entry("", "alias", "", "any", None, False)  # a spelling not looked at yet (compared by identity)


# --------------------------------------------------------------------------- loaders of each file


def _make_actor(path: Path, **fields: object) -> Actor:
    try:
        return Actor.model_validate(fields)
    except ValueError as exc:
        raise InputError(f"bad actor row {fields.get('id')!r}: {exc}", source=str(path)) from exc


@cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(lang).territories)


def _name_variants(name: str, inner: bool = True) -> list[str]:
    """CLDR display names and their useful parts: "Myanmar (Burma)" → also "Myanmar", "Burma".

    ``inner=False`` keeps the bracketed part out: for territories it names the sovereign state
    ("Virgin Islands (U.K.)"), not the territory.
    """
    out = [name]
    m = re.match(r"^(.*?)\s*[(（](.*)[)）]$", name)
    if m:
        out += [m.group(1), m.group(2)] if inner else [m.group(1)]
    if name.endswith(" SAR China"):
        out.append(name.removesuffix(" SAR China"))
    return out


def cldr_names(code: str, langs: Iterable[str] = CLDR_LANGS, inner: bool = True) -> list[tuple[str, str]]:
    """``(lang, name)`` pairs CLDR gives for a territory code, e.g. ``("id", "Turki")``.

    Examples
    --------
    >>> ("id", "Amerika Serikat") in cldr_names("US")
    True
    """
    out: list[tuple[str, str]] = []
    for lang in langs:
        name = _territories(lang).get(code)
        if name:
            out.extend((lang, v) for v in _name_variants(name, inner))
    return out


def _load_states(gaz: Gazetteer) -> None:
    path = gaz.data_dir / "states.csv"
    for row in _rows(path, ("id", "iso2", "name")):
        iso = row["iso2"].upper()
        actor = _make_actor(
            path,
            id=row["id"],
            name=row["name"],
            kind=row.get("kind") or "state",
            qid=row.get("qid") or None,
            country=iso,
        )
        if actor.id in gaz._actors or iso in gaz._state_of_iso:
            raise InputError(f"duplicate state id {actor.id!r} or code {iso!r}", source=str(path))
        gaz._put_actor(actor)
        gaz._state_of_iso[iso] = actor.id
        gaz._groups[actor.id] = set(_split(row.get("groups", "").replace(" ", "|")))
        flags = _split(row.get("flags", ""))
        if "nocldr" not in flags:
            for lang, name in cldr_names(iso, inner=actor.kind == ActorKind.state):
                # English names are used in every language; other CLDR names only in their own
                # language (Portuguese "Gana" is Spanish "gana", "wins").
                if lang == "en":
                    gaz._add(actor.id, name, "name")
                else:
                    gaz._add(actor.id, name, "name", lang.split("_")[0], ["local"])
        for capital in _split(row.get("capitals", "")):
            gaz._add(actor.id, capital, "capital")


_SLOTS = ("f", "pl", "fpl")  # generation order: a feminine plural is built from the feminine


def _inflection_rules(path: Path) -> dict[tuple[str, str], list[tuple[str, re.Pattern[str], str]]]:
    """``inflections.csv`` as ``(lang, slot) → [(source, pattern, replacement)]`` in file order."""
    rules: dict[tuple[str, str], list[tuple[str, re.Pattern[str], str]]] = defaultdict(list)
    for row in _rows(path, ("lang", "slot", "source")):
        if row["slot"] not in _SLOTS or row["source"] not in ("m", "f"):
            raise InputError(f"bad slot/source {row['slot']!r}/{row['source']!r}", source=str(path))
        try:
            pattern = re.compile(row.get("pattern", ""))
        except re.error as exc:
            raise InputError(f"bad pattern {row.get('pattern')!r}: {exc}", source=str(path)) from exc
        rules[(row["lang"], row["slot"])].append((row["source"], pattern, row.get("replace", "")))
    return rules


def inflect(
    lang: str, m: str, f: str, rules: dict[tuple[str, str], list[tuple[str, re.Pattern[str], str]]]
) -> dict[str, str]:
    """Regular forms of a demonym: ``{"f": …, "pl": …, "fpl": …}`` (an explicit ``f`` is kept).

    Examples
    --------
    >>> rules = _inflection_rules(DATA_DIR / "inflections.csv")
    >>> inflect("fr", "kényan", "", rules)
    {'f': 'kényane', 'pl': 'kényans', 'fpl': 'kényanes'}
    >>> inflect("es", "senegalés", "", rules)["pl"], inflect("fr", "rwandais", "", rules)["pl"]
    ('senegaleses', 'rwandais')
    """
    forms = {"m": m, "f": f}
    for slot in _SLOTS:
        if forms.get(slot):
            continue
        for source, pattern, replacement in rules.get((lang, slot), []):
            base = forms.get(source, "")
            if base and pattern.search(base):
                forms[slot] = pattern.sub(replacement, base, count=1)
                break
    return {k: v for k, v in forms.items() if k != "m" and v}


def _load_demonyms(gaz: Gazetteer) -> None:
    path = gaz.data_dir / "demonyms.csv"
    rules = _inflection_rules(gaz.data_dir / "inflections.csv")
    for row in _rows(path, ("state", "lang")):
        state = row["state"]
        if state not in gaz._actors:
            raise InputError(f"unknown state {state!r}", source=str(path))
        lang, m = row["lang"], row.get("m", "")
        forms = inflect(lang, m, row.get("f", ""), rules) if m else {}
        gaz._demonyms[(state, lang)] = (m, forms.get("f", "") or m)
        # Lower-case demonyms ("turco", "china") are common words elsewhere: keep them to their language.
        flags = [] if lang in CAPITALISED_DEMONYM_LANGS else ["local"]
        for form in [m, row.get("f", ""), *forms.values(), *_split(row.get("more", ""))]:
            if form:
                gaz._add(state, form, "demonym", lang, flags)


def _load_ministries(gaz: Gazetteer) -> None:
    """One ministry actor per sovereign state and template kind, named from per-language templates."""
    path = gaz.data_dir / "ministry_templates.csv"
    templates = list(_rows(path, ("kind", "id_prefix", "lang", "template")))
    states = [a for a in gaz._actors.values() if a.kind == ActorKind.state and a.country]
    for tpl in templates:
        kind, lang, template = tpl["kind"], tpl["lang"], tpl["template"]
        needed = re.findall(r"\{(\w+)\}", template)
        flags = _split(tpl.get("flags", ""))
        for state in states:
            iso = state.country or ""
            actor_id = f"{tpl['id_prefix']}-{iso.lower()}"
            # the CLDR name and, for "Myanmar (Burma)", its parts: a bracket never sits in a name
            names = [n for lg, n in cldr_names(iso, (lang,)) if not _BREAK_RE.search(n)]
            if lang == "en":
                names.insert(0, state.name)
            m, f = gaz._demonyms.get((state.id, lang), ("", ""))
            filled: list[str] = []
            for name in names or [""]:
                values = {"name": name, "m": m, "f": f}
                if all(values.get(v) for v in needed):
                    filled.append(template.format(**values))
            if not filled:
                continue
            if actor_id not in gaz._actors:
                gaz._actors[actor_id] = _make_actor(path, id=actor_id, name=filled[0], kind="organization", country=iso)
                gaz._ministries[(state.id, kind)] = actor_id
                gaz._ministry_of[actor_id] = (state.id, kind)
            if tpl.get("display") == "yes":
                gaz._actors[actor_id] = gaz._actors[actor_id].model_copy(update={"name": filled[0]})
            for name in filled:
                gaz._add(actor_id, name, "name", lang, flags)


def _load_actors(gaz: Gazetteer, filename: str = "actors.csv", kind: str | None = None) -> None:
    path = gaz.data_dir / filename
    for row in _rows(path, ("id", "name")):
        actor = _make_actor(
            path,
            id=row["id"],
            name=row["name"],
            kind=kind or row.get("kind", ""),
            qid=row.get("qid") or None,
            country=(row.get("country") or "").upper() or None,
        )
        if actor.id in gaz._actors and actor.id not in gaz._ministry_of:
            # only generated ministries may be refined; anything else is a copy-paste slip
            raise InputError(f"duplicate actor id {actor.id!r}", source=str(path))
        gaz._put_actor(actor)
        if row.get("cldr"):
            for lang, name in cldr_names(row["cldr"]):
                gaz._add(actor.id, name, "name", lang)
        for alias in _split(row.get("aliases", "")):
            gaz._add(actor.id, alias, "alias")


def _load_aliases(gaz: Gazetteer) -> None:
    path = gaz.data_dir / "aliases.csv"
    for row in _rows(path, ("actor", "alias")):
        actor_id = row["actor"]
        if actor_id not in gaz._actors:
            raise InputError(f"alias {row['alias']!r} for unknown actor {actor_id!r}", source=str(path))
        gaz._add(actor_id, row["alias"], "alias", row.get("lang") or None, _split(row.get("flags", "")))


def _load_roles(gaz: Gazetteer) -> None:
    path = gaz.data_dir / "roles.csv"
    for row in _rows(path, ("person", "org", "title")):
        for col in ("person", "org"):
            if row[col] not in gaz._actors:
                raise InputError(f"role names unknown actor {row[col]!r}", source=str(path))
        start, end = _date(row.get("start", ""), path), _date(row.get("end", ""), path)
        if start and end and end < start:
            raise InputError(f"role of {row['person']!r} ends before it starts", source=str(path))
        gaz._roles.append(Role(person_id=row["person"], org_id=row["org"], title=row["title"], start=start, end=end))


def _load_titles(gaz: Gazetteer) -> None:
    for row in _rows(gaz.data_dir / "titles.csv", ("lang", "word", "title")):
        gaz._titles[row["lang"]][" ".join(key_of(row["word"]))] = row["title"]


def _load_stop_phrases(gaz: Gazetteer) -> None:
    for row in _rows(gaz.data_dir / "stopphrases.csv", ("phrase",)):
        gaz._add("", row["phrase"], "alias", row.get("lang") or None, ["any"])


def _load_clitics(gaz: Gazetteer) -> None:
    path = gaz.data_dir / "clitics.csv"
    for row in _rows(path, ("lang", "written", "clitic")):
        written, clitic, restored = (row.get(k, "").translate(FOLD_TABLE) for k in ("written", "clitic", "restored"))
        if not written.startswith(clitic):
            raise InputError(f"clitic {row['clitic']!r} does not start {row['written']!r}", source=str(path))
        gaz._clitics.append(Clitic(row["lang"], written, clitic, restored))


def _load_endings(gaz: Gazetteer) -> None:
    path = gaz.data_dir / "endings.csv"
    for row in _rows(path, ("lang", "written")):
        written, restored = (row.get(k, "").translate(FOLD_TABLE) for k in ("written", "restored"))
        if written == restored:
            raise InputError(f"ending {row['written']!r} restores itself", source=str(path))
        gaz._endings[row["lang"]].append(Ending(row["lang"], written, restored))


def _inflected(
    children: dict[str, _TrieNode], word: str, endings: list[Ending], cache: dict[str, tuple[str, ...]]
) -> _TrieNode | None:
    """The trie node of ``word`` read as a case form of a name (first ending in file order that fits).

    ``cache`` keeps each word's forms (one per ending that fits, in file order) for the process:
    a text repeats its words, and trying every ending on every word was a tenth of extraction.
    """
    forms = cache.get(word)
    if forms is None:
        if len(cache) >= _VARIANTS_MAX:
            cache.clear()
        forms = cache[word] = tuple(v for ending in endings if (v := ending.variant(word)) is not None)
    for form in forms:
        if form in children:
            return children[form]
    return None


_CHOSEN_MAX = 200_000
"""Spellings whose chosen entry :meth:`Gazetteer.find_mentions` keeps (cleared when full)."""

_VARIANTS_MAX = 200_000
"""Words whose case forms one language's cache keeps (cleared when full: memory stays bounded)."""


def _load_state_bodies(gaz: Gazetteer) -> None:
    path = gaz.data_dir / "state_bodies.csv"
    found: dict[str, list[str]] = {scope: [] for scope in gaz._state_body_words}
    for row in _rows(path, ("lang", "word", "scope")):
        scopes = row["scope"].split()
        if not scopes or any(scope not in found for scope in scopes):
            raise InputError(f"scope of {row['word']!r} must be 'named', 'new' or both", source=str(path))
        for scope in scopes:
            found[scope].append(" ".join(key_of(row["word"])))
    gaz._state_body_words = {scope: tuple(words) for scope, words in found.items()}


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer()


__all__ = [
    "CLDR_LANGS",
    "COMMON_WORD_ZIPF",
    "VIAS",
    "ActorKind",
    "Ending",
    "Gazetteer",
    "Mention",
    "fold_with_offsets",
    "is_common_word",
    "key_of",
]
