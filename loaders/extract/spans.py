"""Small helpers over character spans of the article text (language-independent).

Examples
--------
>>> t = ' "We will go," '
>>> t[slice(*trim(t, 0, len(t)))], words(t)
('We will go', 3)
"""

from __future__ import annotations

import re
import unicodedata

from graph.model import Span, unvalidated

WORD = re.compile(r"[\w'’-]+")
"""A word: letters and digits with inner apostrophes and hyphens ("l’État", "Timor-Leste")."""
HARD_STOP = re.compile(r"[.!?;“”\"«»„]")
"""Punctuation no speaker phrase runs across: sentence ends and quotation marks."""
QUOTE_MARKS = '"“”«»„'
TRAIL = ' \t\n,.;:!?”"’»)(–—-'
"""Characters trimmed from both ends of a content span."""


_FIELDS = tuple(Span.model_fields)


def evidence(text: str, s: int, e: int) -> Span:
    """``Span(start=s, end=e, text=text[s:e])``, made without a call into pydantic's validator.

    An article yields thousands of spans (content, sentence, cue, speaker and target of every
    statement), and validating each one (its after-validator is a Python call) was ~2 % of
    extraction. Offsets here are ints from the text; the checks validation makes (both >= 0,
    end not before start) are made here, any other value goes through ``Span(...)`` itself
    (which raises), and the span's state is set as unpickling sets it. The result equals the
    validated span in every way a caller can see (tests/test_extract_speed.py compares them,
    dumps, copies and pickles included).

    Examples
    --------
    >>> evidence("We will go", 3, 7) == Span(start=3, end=7, text="will")
    True
    """
    if type(s) is not int or type(e) is not int or s < 0 or e < s:
        return Span(start=s, end=e, text=text[s:e])
    return unvalidated(Span, {"start": s, "end": e, "text": text[s:e]}, set(_FIELDS))


_COUNTS: dict[str, int] = {}
_COUNTS_MAX = 512
"""Word counts remembered (an article's patterns count the same windows again and again: ~9 calls
per distinct string); forgotten when full and when an article starts (:func:`forget_counts`)."""


def words(text: str) -> int:
    """Number of words in ``text`` (remembered per string: :func:`words_long` counts them)."""
    found = _COUNTS.get(text)
    if found is None:
        if len(_COUNTS) >= _COUNTS_MAX:
            _COUNTS.clear()
        found = _COUNTS[text] = len(WORD.findall(text))
    return found


def words_long(text: str) -> int:
    """:func:`words` the long way: the words found and counted (the reference)."""
    return len(WORD.findall(text))


def forget_counts() -> None:
    """Forget the remembered word counts (each article starts without any)."""
    _COUNTS.clear()


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` without punctuation, quotation marks and spaces at either end."""
    while s < e and text[s] in TRAIL:
        s += 1
    while e > s and text[e - 1] in TRAIL:
        e -= 1
    return s, e


def word_start(text: str, pos: int) -> int:
    """Start of the word holding ``pos``: a cue matched after an attached prefix ("و" of "وقال")
    has nothing before it but that prefix.

    Examples
    --------
    >>> word_start("X وقال", 3), word_start("X said", 2)
    (2, 2)
    """
    while pos > 0 and (text[pos - 1].isalnum() or unicodedata.combining(text[pos - 1])):
        pos -= 1
    return pos


def skip_space(text: str, i: int) -> int:
    """The first position at or after ``i`` that is not whitespace."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Does ``pos`` fall inside one of ``spans``?"""
    return any(a <= pos < b for a, b in spans)
