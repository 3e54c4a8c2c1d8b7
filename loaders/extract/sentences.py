"""Paragraphs, quotations and sentences, as exact offsets into the text (linear time).

Quotes are found per paragraph: “…”, „…“, «…», ‘…’, ‚…‘ and straight "…". A quote left
open at the end of its paragraph is kept as *unbalanced* (it runs to the paragraph end) and
never protects sentence boundaries. Sentences never split inside a balanced quote, so a
quote that spans sentences stays with its attribution ("“A. B,” said X.").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

DEFAULT_QUOTES: dict[str, str] = {
    "“": "”“",
    "„": "“”",
    "«": "»",
    "»": "«",
    "‘": "’",
    "‚": "‘’",
    '"': '"',
    "‹": "›",
    "「": "」",
    "”": "”",
}
"""Opening quotation mark → the marks that may close it (a cue file's ``[script] quotes`` replaces it)."""
QUOTE_CHARS = frozenset('“”„«»‘’‚"‹›「」')
DEFAULT_TERMINATORS = ".!?…。"
"""Characters that end a sentence (a cue file's ``[script] terminators`` replaces them)."""
_CLOSERS = frozenset("”\"’»)]›」'“")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``text[start:end]`` includes the quote marks; ``inner`` excludes them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    balanced: bool


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty line blocks (split on newlines), trimmed, as ``(start, end)``.

    Examples
    --------
    >>> paragraphs("a b\\n\\n  c\\n")
    [(0, 3), (7, 8)]
    """
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _word_char(ch: str) -> bool:
    return ch.isalnum()


def find_quotes(
    text: str, start: int = 0, end: int | None = None, pairs: dict[str, str] = DEFAULT_QUOTES
) -> list[Quote]:
    """Quotations within ``text[start:end]`` (one paragraph), in order, not nested.

    Examples
    --------
    >>> t = 'He said “we go. Now,” and left.'
    >>> q = find_quotes(t)[0]
    >>> t[q.inner_start:q.inner_end]
    'we go. Now,'
    >>> find_quotes("l’homme et l’État")
    []
    >>> find_quotes('a "b c')[0].balanced
    False
    """
    end = len(text) if end is None else end
    marks = QUOTE_CHARS if pairs is DEFAULT_QUOTES else frozenset(pairs) | frozenset("".join(pairs.values()))
    next_mark = _mark_finder(marks)
    out: list[Quote] = []
    open_char = ""
    open_pos = -1
    i = start
    while i < end:
        found = next_mark(text, i, end)  # jump to the next quotation mark
        if found is None:
            break
        i = found.start()
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if open_char:
            if ch in pairs[open_char]:
                apostrophe = ch in "’'" and _word_char(prev) and _word_char(nxt)
                if not apostrophe:
                    out.append(_make(text, open_pos, i + 1, True))
                    open_char = ""
        elif ch in pairs:
            if ch in "‘'’" and (_word_char(prev) or not (nxt.isalnum() or nxt in "¿¡")):
                i += 1
                continue  # apostrophe or stray mark
            if ch == "”" and (_word_char(prev) or nxt.isspace()):
                i += 1
                continue
            if ch == "»" and not (prev.isspace() or prev in "(:"):
                i += 1
                continue
            open_char, open_pos = ch, i
        i += 1
    if open_char:
        out.append(_make(text, open_pos, end, False))
    return out


@lru_cache(maxsize=32)
def _mark_finder(marks: frozenset[str]) -> Callable[[str, int, int], re.Match[str] | None]:
    """``search(text, pos, endpos)`` of a pattern matching any of ``marks``."""
    return re.compile("[" + re.escape("".join(sorted(c for c in marks if len(c) == 1))) + "]").search


def _make(text: str, start: int, end: int, balanced: bool) -> Quote:
    s = start + 1
    e = end - 1 if balanced else end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Quote(start, end, s, e, balanced)


def _is_abbreviation(text: str, dot: int, start: int, abbreviations: frozenset[str]) -> bool:
    """Is the word ending at ``text[dot] == '.'`` an abbreviation or an initial?"""
    j = dot
    while j > start and not text[j - 1].isspace() and text[j - 1] not in "(\"“«'‘":
        j -= 1
    word = text[j:dot]
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # initial: "J. Smith"
    if word.isdigit() and len(word) <= 2:
        return False
    folded = word.casefold()
    return folded in abbreviations or folded.rstrip(".") in abbreviations or ("." in word and len(word) <= 6)


def split_sentences(
    text: str, quotes: list[Quote], abbreviations: frozenset[str] = frozenset(), terminators: str = DEFAULT_TERMINATORS
) -> list[Sentence]:
    """Sentences of every paragraph; boundaries inside balanced quotes are ignored.

    Examples
    --------
    >>> t = 'Dr. Budi datang. “Kami siap. Sangat siap,” ujarnya. Selesai'
    >>> [t[s.start:s.end] for s in split_sentences(t, find_quotes(t), frozenset({"dr"}))]
    ['Dr. Budi datang.', '“Kami siap. Sangat siap,” ujarnya.', 'Selesai']
    """
    protected = [(q.start, q.end) for q in quotes if q.balanced]
    starts = [p[0] for p in protected]
    out: list[Sentence] = []
    stop = _terminator_re(terminators)
    for index, (p_start, p_end) in enumerate(paragraphs(text)):
        s = p_start
        i = p_start
        while i < p_end:
            if text[i] not in terminators:
                found = stop.search(text, i, p_end) if stop is not None else None
                i = found.start() if found is not None else p_end  # the next terminator (one regex step)
                continue
            k = bisect_right(starts, i) - 1
            if k >= 0 and protected[k][0] < i < protected[k][1] - 1:
                i = protected[k][1] - 1  # jump to the closing quote: no boundary inside
                continue
            j = i
            while j < p_end and (text[j] in terminators or text[j] in _CLOSERS):
                j += 1
            if j >= p_end:
                break
            if not text[j].isspace():
                i = j
                continue
            n = j
            while n < p_end and text[n].isspace():
                n += 1
            nxt = text[n] if n < p_end else ""
            starts_new = nxt.isupper() or nxt.isdigit() or nxt in QUOTE_CHARS or nxt in "(¿¡[-–—•"
            if text[i] == "." and _is_abbreviation(text, i, s, abbreviations):
                starts_new = False
            if starts_new:
                out.append(_trimmed(text, s, j, index))
                s = n
            i = n
        if s < p_end:
            out.append(_trimmed(text, s, p_end, index))
    return [x for x in out if x.end > x.start]


@lru_cache(maxsize=32)
def _terminator_re(terminators: str) -> re.Pattern[str] | None:
    """One of the characters of ``terminators`` (None when there is none)."""
    return re.compile("[" + "".join(map(re.escape, terminators)) + "]") if terminators else None


def _trimmed(text: str, s: int, e: int, paragraph: int) -> Sentence:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Sentence(s, e, paragraph)
