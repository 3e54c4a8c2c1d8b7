"""Speech verbs of a sentence span (from the cue file's verb lists and anaphoric patterns)."""

from __future__ import annotations

import re

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Verb
from loaders.extract.spans import WORD
from loaders.extract.windows import PREVIOUS_WORD_REACH

_LAST_WORD = re.compile(r"(\w+)\W*$")
_PREVIOUS_TOKEN = re.compile(r"([\w'’-]+)\s*$")


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


def act_verbs(ctx: ArticleContext, s: int, e: int) -> list[tuple[int, int, str]]:
    """Act verbs (``[acts]``) in ``text[s:e]`` with their relation, without nouns of the same form.

    A form right after an article or a possessive is a noun: "the demands of Chile", "Budapest's
    demand", "à la presse".
    """
    lex = ctx.lex
    out = []
    for a, b, name in ctx.lang.matcher("act").find(ctx.tokens, s, e):
        prev = _PREVIOUS_TOKEN.search(ctx.text, max(s, a - PREVIOUS_WORD_REACH), a)
        if prev is not None:
            word = prev.group(1).casefold().replace("’", "'")
            if word in lex.articles or (
                lex.possessives and word.endswith(tuple(p.replace("’", "'") for p in lex.possessives))
            ):
                continue
        out.append((a, b, name))
    return out


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
