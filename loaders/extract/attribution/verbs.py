"""Speech verbs of a sentence span (from the cue file's verb lists and anaphoric patterns)."""

from __future__ import annotations

import re

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Verb
from loaders.extract.spans import WORD
from loaders.extract.windows import PREVIOUS_WORD_REACH

_LAST_WORD = re.compile(r"(\w+)\W*$")


def speech_verbs(ctx: ArticleContext, s: int, e: int) -> list[Verb]:
    """Speech-verb matches in ``text[s:e]`` in text order, anaphoric ones ("tambahnya") included."""
    found = [
        Verb(a, b, v == "a")
        for a, b, v in ctx.lang.matcher("verbs").find(ctx.tokens, s, e)
        if not in_name(ctx, s, e, a)
    ]
    if ctx.lang.anaphoric_regex is not None:
        for m in ctx.lang.anaphoric_regex.finditer(ctx.text, s, e):
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append(Verb(m.start(), m.end(), True))
        found.sort()
    return found


def in_name(ctx: ArticleContext, s: int, e: int, a: int) -> bool:
    """Is a capitalised match part of a name ("United States"), outside a title-case headline?"""
    text = ctx.text
    if not text[a : a + 1].isupper():
        return False
    prev = _LAST_WORD.search(text[max(s, a - PREVIOUS_WORD_REACH) : a])
    if prev is None or not prev.group(1)[:1].isupper():
        return False
    found = WORD.findall(text[s:e])
    caps = sum(1 for w in found if w[:1].isupper())
    return caps < 0.6 * len(found)
