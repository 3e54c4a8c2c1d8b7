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

WORD = re.compile(r"[\w'’-]+")
"""A word: letters and digits with inner apostrophes and hyphens ("l’État", "Timor-Leste")."""
HARD_STOP = re.compile(r"[.!?;“”\"«»„]")
"""Punctuation no speaker phrase runs across: sentence ends and quotation marks."""
QUOTE_MARKS = '"“”«»„'
TRAIL = ' \t\n,.;:!?”"’»)(–—-'
"""Characters trimmed from both ends of a content span."""


def words(text: str) -> int:
    """Number of words in ``text``."""
    return len(WORD.findall(text))


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
