"""Fast whole-word phrase matching over a tokenised text (a trie of folded words).

Regex alternations over hundreds of phrases cost time per character; this matcher costs
time per word: the text is tokenised once, each token folded once (case, accents), and
phrases are walked in a trie. Tokens of a phrase must be separated only by spaces,
apostrophes or hyphens ("a-t-il déclaré", "n’enverra pas"). A language that writes some words
attached to the next one (Arabic و "and", ف, ب, ل) declares those prefixes (``[script] clitics``):
a phrase then also starts after one ("وقال" is "و" + "قال"), and the match starts after the prefix.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate, compress, count, repeat
from typing import Any

from graph.text import TOKEN, fold, fold_char

_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
"""Splits a text into gaps and word tokens (:data:`graph.text.TOKEN` captured)."""
_SPACE = re.compile(r"\s")
_WORD_CHAR = re.compile(r"\w")
_TWO_WORD_CHARS = re.compile(r"\w\w")
"""Two word characters (a range ending between them ends inside a token)."""
_BLOCK = 1 << 16
"""Characters of text tokenised at once (at least; up to the next space)."""
_JOINERS = " \t\u00a0'’-‐‑"
"""What may separate the words of a phrase: a gap of only these characters (``gap.strip(_JOINERS)`` is empty)."""
_END = ""


_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 200_000


def fold_token(token: str) -> str:
    """Folded form of one word token (cached for the process; the cache is bounded).

    Examples
    --------
    >>> fold_token("Déclaré")
    'declare'
    """
    found = _FOLDED.get(token)
    if found is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        found = _FOLDED[token] = fold(token)
    return found


class Tokens:
    """Word tokens of a text with their offsets and folded forms."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = array("q")  # compact: a 5 MB text has about a million tokens
        self.ends = array("q")
        self.folded: list[str] = []
        self.hits: dict[PhraseMatcher, tuple[list[int], list[int], list[int]]] = {}
        """Per matcher, the indices of the tokens that may start one of its phrases, with their starts
        and ends (found on first use)."""
        self.folds_in_place = False
        """Set by the caller when :func:`loaders.gazetteer.words_are_tokens` holds for ``text``: every
        character folds to one character, word characters to word characters, so the tokens are
        the text's runs of ``\\w`` characters and each folded token is its characters folded one by one
        (:meth:`may_hold` can rule phrases out; without it, it never does)."""
        self.first_hits: dict[frozenset[str], tuple[list[int], list[int]]] = {}
        """Per set of first words (:meth:`may_hold`), the starts and ends of the tokens in it."""
        self._where: dict[str, list[int]] | None = None
        known = _FOLDED.get
        pos, n = 0, len(text)
        while pos < n:  # block by block (cut at a space, which no token holds): bounded transient lists
            gap = _SPACE.search(text, pos + _BLOCK) if pos + _BLOCK < n else None
            end = gap.end() if gap is not None else n
            # a block split at its tokens alternates gap, token, gap, …: the running sum of the
            # lengths gives every token's start and end without a Python step per match object
            parts = _TOKEN_SPLIT.split(text[pos:end])
            offsets = list(accumulate(map(len, parts), initial=pos))
            self.starts.extend(array("q", offsets[1:-1:2]))
            self.ends.extend(array("q", offsets[2::2]))
            self.folded.extend([known(word) or fold_token(word) for word in parts[1::2]])
            pos = end

    def may_hold(self, first: frozenset[str] | None, start: int, end: int) -> bool:
        """Can a phrase regex whose matches open with a token in ``first`` match in ``[start, end)``?

        ``first``: :func:`loaders.extract.lang.first_words` of the regex's phrases (None: no gate).
        False only when :attr:`folds_in_place` holds and no token of ``first`` lies within the
        range, and the range does not end inside a token (a match may end at ``end`` there, its
        first word a prefix of the cut token). The tokens of each set are found once per text, so a
        range costs two bisects instead of a regex scan over it.

        Examples
        --------
        >>> t = Tokens("Selon lui, la paix.")
        >>> t.folds_in_place = True
        >>> t.may_hold(frozenset({"selon"}), 0, 19), t.may_hold(frozenset({"selon"}), 10, 19)
        (True, False)
        >>> t.may_hold(frozenset({"selon"}), 10, 16)  # cut inside "paix": not ruled out
        True
        """
        if first is None or not self.folds_in_place:
            return True
        hit_starts, hit_ends = self._first_hits(first)
        i = bisect_left(hit_starts, start)
        if i < len(hit_starts) and hit_ends[i] <= end:
            return True  # tokens do not overlap: the first one starting in the range ends first
        text = self.text
        return 0 < end < len(text) and _TWO_WORD_CHARS.match(text, end - 1, end + 1) is not None

    def may_hold_piece(self, first: frozenset[str] | None, start: int, end: int) -> bool:
        """:meth:`may_hold` for the piece ``text[start:end]`` on its own (a regex run over the slice,
        where nothing stands before its first character): also True where the piece starts inside
        a token.

        Examples
        --------
        >>> t = Tokens("Ankara said")
        >>> t.folds_in_place = True
        >>> t.may_hold_piece(frozenset({"said"}), 0, 6), t.may_hold_piece(frozenset({"ra"}), 4, 11)
        (False, True)
        """
        text = self.text
        return self.may_hold(first, start, end) or (
            0 < start < len(text) and _TWO_WORD_CHARS.match(text, start - 1, start + 1) is not None
        )

    def where(self) -> dict[str, list[int]]:
        """The indices of the tokens of each folded word, in text order (made once per text: every
        matcher and gate then looks up its own words instead of going over every token)."""
        found = self._where
        if found is None:
            found = self._where = {}
            for i, word in enumerate(self.folded):
                at = found.get(word)
                if at is None:
                    found[word] = [i]
                else:
                    at.append(i)
        return found

    def indices_of(self, words: Iterable[str]) -> list[int]:
        """The indices of the tokens whose folded form is one of ``words``, in text order.

        Examples
        --------
        >>> Tokens("We will not send, we said.").indices_of({"we", "said", "never"})
        [0, 4, 5]
        """
        where = self.where()
        out: list[int] = []
        for word in where.keys() & words:
            out += where[word]
        out.sort()
        return out

    def _first_hits(self, first: frozenset[str]) -> tuple[list[int], list[int]]:
        """The starts and ends of the tokens whose folded form is in ``first`` (once per text and set)."""
        found = self.first_hits.get(first)
        if found is None:
            at = self.indices_of(first)
            found = self.first_hits[first] = ([self.starts[i] for i in at], [self.ends[i] for i in at])
        return found

    def matches(self, pattern: re.Pattern[str], first: frozenset[str] | None) -> list[re.Match[str]]:
        """``pattern.finditer(text)`` as a list, the pattern tried only where a token of ``first`` starts.

        ``first``: :func:`loaders.extract.lang.first_words` of the pattern's phrases (it matches
        only where such a token starts, when :attr:`folds_in_place` holds; None: the long way). The
        matches are those of the scan (it goes on after each match, as the scan does; a match
        never starts inside the one before), but read with ``pattern.match`` (``Match.pos`` is
        where it was tried).

        Examples
        --------
        >>> t = Tokens("He said he would; the hero left.")
        >>> t.folds_in_place = True
        >>> [m.span() for m in t.matches(re.compile(r"(?<!\\w)he(?!\\w)", re.I), frozenset({"he"}))]
        [(0, 2), (8, 10)]
        """
        if first is None or not self.folds_in_place:
            return list(pattern.finditer(self.text))
        out: list[re.Match[str]] = []
        text = self.text
        done = 0
        for at in self._first_hits(first)[0]:
            if at >= done:
                m = pattern.match(text, at)
                if m is not None:
                    out.append(m)
                    done = max(m.end(), at + 1)
        return out

    def may_end_with(self, last: frozenset[str] | None, start: int, end: int) -> bool:
        """Can a phrase regex whose matches end with a token in ``last``, then only spaces up to
        ``end`` (a pattern ending ``\\s*$``), match in ``[start, end)``?

        ``last``: :func:`loaders.extract.lang.last_words` of the phrases (None: no gate). False only
        when :attr:`folds_in_place` holds, the range does not end inside a token, and its last
        character before any trailing spaces is no word character not in ``last``, or ends a token
        that starts before the range or is not in ``last``.

        Examples
        --------
        >>> t = Tokens("Ankara rejected it, but  said")
        >>> t.folds_in_place = True
        >>> t.may_end_with(frozenset({"but"}), 0, 25), t.may_end_with(frozenset({"but"}), 0, 19)
        (True, False)
        """
        if last is None or not self.folds_in_place:
            return True
        text = self.text
        if 0 < end < len(text) and _TWO_WORD_CHARS.match(text, end - 1, end + 1) is not None:
            return True  # the range ends inside a token
        q = end
        while q > start and text[q - 1].isspace():
            q -= 1
        if q <= start:
            return False
        if _WORD_CHAR.match(text, q - 1) is None:
            return text[q - 1] in last  # a phrase ending with another character ("&")
        i = bisect_right(self.starts, q - 1) - 1
        return i >= 0 and self.ends[i] == q and self.starts[i] >= start and self.folded[i] in last

    def index_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)


class PhraseMatcher:
    """Finds phrases (whole words, folded) and returns the value attached to each phrase."""

    def __init__(self, phrases: Iterable[tuple[str, str]], clitics: Iterable[str] = ()) -> None:
        self.trie: dict[str, Any] = {}
        # attached prefixes, folded, shortest first: the reading that strips least wins ("وبحث" is
        # "و" + "بحث" discussed, not "وب" + "حث" urged)
        self.clitics = sorted({fold(c) for c in clitics if fold(c)}, key=lambda c: (len(c), c))
        for phrase, value in phrases:
            words = fold(phrase).split()
            if not words:
                continue
            node: dict[str, Any] = self.trie
            for w in words:
                node = node.setdefault(w, {})
            node.setdefault(_END, value)

    def __bool__(self) -> bool:
        return bool(self.trie)

    def _starts(self, folded: list[str]) -> list[int]:
        """Indices of the tokens that may start a phrase: a phrase's first word, or (with clitics)
        an attached prefix and a first word; found without a Python step per token."""
        trie = self.trie
        found = list(compress(count(), map(trie.__contains__, folded)))
        if not self.clitics:
            return found
        prefixed = compress(count(), map(str.startswith, folded, repeat(tuple(self.clitics))))
        attached = [k for k in prefixed if folded[k] not in trie and _clitic(folded[k], self.clitics, trie)]
        return sorted(found + attached) if attached else found

    def starts_in(self, tokens: Tokens) -> list[int]:
        """:meth:`_starts` of the text's tokens, the first words looked up in its word index
        (:meth:`Tokens.where`, shared by every matcher) instead of every token in the trie."""
        found = tokens.indices_of(self.trie.keys())
        if not self.clitics:
            return found
        folded, trie = tokens.folded, self.trie
        prefixed = compress(count(), map(str.startswith, folded, repeat(tuple(self.clitics))))
        attached = [k for k in prefixed if folded[k] not in trie and _clitic(folded[k], self.clitics, trie)]
        return sorted(found + attached) if attached else found

    def find(self, tokens: Tokens, start: int, end: int) -> list[tuple[int, int, str]]:
        """Longest phrase at each token within ``[start, end)``, non-overlapping, in order.

        Examples
        --------
        >>> m = PhraseMatcher([("will not send", "declines"), ("send", "commits")])
        >>> t = Tokens("We will not  send troops; we send aid.")
        >>> [(t.text[a:b], v) for a, b, v in m.find(t, 0, len(t.text))]
        [('will not  send', 'declines'), ('send', 'commits')]
        """
        out: list[tuple[int, int, str]] = []
        starts, ends, folded = tokens.starts, tokens.ends, tokens.folded
        found = tokens.hits.get(self)
        if found is None:  # one pass over the text per matcher, not one over each range asked for
            first_tokens = self.starts_in(tokens)
            found = tokens.hits[self] = (
                first_tokens,
                [starts[i] for i in first_tokens],
                [ends[i] for i in first_tokens],
            )
        hits, hit_starts, hit_ends = found
        # the tokens that start in the range and end within it: the hits between these two bounds
        # (they come in text order, so their starts and their ends are both sorted)
        lo = bisect_left(hit_starts, start)
        hi = bisect_right(hit_ends, end, lo)
        if lo >= hi:
            return out  # no phrase can start in the range (most sentences, most matchers)
        text = tokens.text
        trie = self.trie
        free = 0  # the next token not inside a phrase already found
        n = len(starts)
        clitics = self.clitics
        for i in hits[lo:hi]:
            if i < free:
                continue
            lead = 0  # letters of an attached prefix before the phrase ("و" of "وقال")
            first_word = folded[i]
            if first_word not in trie:
                prefix = _clitic(first_word, clitics, trie)
                if prefix is None:
                    continue
                lead, first_word = _original_length(text, starts[i], len(prefix)), first_word[len(prefix) :]
            node: dict[str, Any] | None = trie[first_word]
            best: tuple[int, str] | None = None
            j = i
            while node is not None:
                if _END in node:
                    best = (j, node[_END])
                j += 1
                if j >= n or ends[j] > end:
                    break
                gap = text[ends[j - 1] : starts[j]]
                if not gap or gap.strip(_JOINERS):  # empty, or a character that is no joiner
                    break
                node = node.get(folded[j])
            if best is not None:
                out.append((starts[i] + lead, ends[best[0]], best[1]))
                free = best[0] + 1
        return out


def _clitic(word: str, clitics: list[str], trie: dict[str, Any]) -> str | None:
    """The attached prefix of ``word`` (folded) whose rest starts a phrase, or None.

    Examples
    --------
    >>> _clitic("وقال", ["و", "ف"], {"قال": {}}), _clitic("قال", ["و"], {"ال": {}})
    ('و', None)
    """
    for c in clitics:
        if word.startswith(c) and len(word) - len(c) >= MIN_CLITIC_REST and word[len(c) :] in trie:
            return c
    return None


MIN_CLITIC_REST = 2
"""Letters that must remain after an attached prefix for the rest to be read as a phrase word."""


def _original_length(text: str, start: int, folded_letters: int) -> int:
    """How many characters of ``text`` from ``start`` fold to ``folded_letters`` letters (harakat count along)."""
    i, got = start, 0
    while i < len(text) and got < folded_letters:
        got += len(fold_char(text[i]))
        i += 1
    while i < len(text) and not fold_char(text[i]):  # marks written on the prefix's last letter
        i += 1
    return i - start
