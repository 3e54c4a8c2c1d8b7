"""Where reported content starts and ends, and whose second predicate a verb is.

- **The complementizer next to its verb.** "that", "bahwa", "que" open the reported content only
  when they follow the speech verb across adjuncts: an audience ("told reporters", "dijo a
  periodistas"), a time or place ("on Monday in Ankara"), a frame ("in a statement"). A
  complementizer after a clause ("said Canada would send engineers provided that …", "mengatakan
  Malaysia tidak akan mengirim pasukan … bahwa …") belongs to that clause, and the content starts
  right after the verb.
- **A second predicate of the same subject** ("…, but warned that …", "… dan mengatakan …", "… y
  dijo que …", "… et a appelé …") ends the first predicate's content; its speaker is the subject of
  the sentence's first predicate.

Everything language-specific comes from the cue file: fillers and audiences (``[speech] fillers``,
``interview``), prepositions (``[locative]``), articles, coordinators and contrastives
(``[grammar]``), negation, future markers, condition markers, speech and act verbs.
"""

from __future__ import annotations

import re

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.subjects import subject_before
from loaders.extract.attribution.verbs import act_verbs, speech_verbs
from loaders.extract.mentions import Ref
from loaders.extract.sentences import Quote, Sentence
from loaders.extract.spans import HARD_STOP, WORD

GAP_WORDS = 10
"""Most words (after fillers) between a speech verb and its complementizer."""
AUDIENCE_WORDS = 2
"""Lower-case words allowed right after the verb before any preposition (an audience: "told reporters")."""
PREPOSITION_WORDS = 4
"""Lower-case words allowed after a preposition or article ("in a televised address", "à la presse")."""
NAME_WORDS = 1
"""Lower-case words allowed after a capitalised name ("told Kyodo news agency")."""

_PARENTHESES = re.compile(r"\([^()]*\)")


def complementizer(ctx: ArticleContext, verb_end: int, limit: int) -> re.Match[str] | None:
    """The complementizer of a speech verb ending at ``verb_end``, searched before ``limit``, or None.

    None when the first complementizer after the verb sits inside a clause rather than after the
    verb's adjuncts (see :func:`adjunct_gap`).
    """
    comp_re = ctx.lang.pattern("complementizers")
    if comp_re is None:
        return None
    m = comp_re.search(ctx.text, verb_end, limit)
    if m is None or HARD_STOP.search(ctx.text, verb_end, m.start()) or not adjunct_gap(ctx, verb_end, m.start()):
        return None
    return m


def adjunct_gap(ctx: ArticleContext, s: int, e: int) -> bool:
    """Is ``text[s:e]`` only what may stand between a speech verb and its complementizer?

    That is fillers and audiences, names, numbers, and short phrases opened by a preposition or
    an article; never a negation, a future or modal marker, a coordinator, a condition marker, a
    speech or act verb, nor a subject followed by its verb ("Canada would", "he hoped").
    """
    lang, lex = ctx.lang, ctx.lex
    gap = ctx.text[s:e]
    if not gap.strip(" ,"):
        return True
    for key in ("negation_words", "condition_markers"):
        pat = lang.pattern(key)
        if pat is not None and ctx.tokens.may_hold_piece(lang.first_words_of((key,)), s, e) and pat.search(gap):
            return False
    if lex.future_re is not None and lex.future_re.search(gap):
        return False
    if speech_verbs(ctx, s, e) or act_verbs(ctx, s, e):
        return False
    gap = ctx.without_fillers(s, e)
    found = WORD.findall(_PARENTHESES.sub(" ", gap))
    if len(found) > GAP_WORDS:
        return False
    media = {w.casefold() for w in lang.phrases("media_words") if " " not in w}
    pronouns = lex.pronoun_re
    budget = AUDIENCE_WORDS
    for w in found:
        low = w.casefold()
        if low in lex.conjunctions:
            return False
        if low in lex.adjunct_words or low in lex.articles:
            budget = PREPOSITION_WORDS
        elif w[:1].isupper() or w[:1].isdigit():
            budget = NAME_WORDS
        elif pronouns is not None and pronouns.fullmatch(w):
            budget = 0  # "said he hoped that": a new subject
        elif low in media:
            continue
        else:
            budget -= 1
            if budget < 0:
                return False
    return True


def joined(ctx: ArticleContext, lo: int, pos: int) -> bool:
    """Does a coordinator or contrastive (after an optional comma) end ``text[lo:pos]``?

    "…, but warned", "… dan mengatakan", "… y dijo": the verb at ``pos`` is a second predicate.
    """
    return joint_at_end(ctx, lo, pos) is not None


def joint_at_end(ctx: ArticleContext, lo: int, pos: int) -> re.Match[str] | None:
    """``lex.joined_re`` searched in ``text[lo:pos]``: the coordinator or contrastive (after an
    optional comma) that ends it, or None. Searched only where the range's last token can end one
    (:meth:`~loaders.extract.phrases.Tokens.may_end_with`): the pattern is tried at every position
    of the range, and most ranges end with another word."""
    lex = ctx.lex
    if not ctx.tokens.may_end_with(lex.joined_last, lo, pos):
        return None
    return lex.joined_re.search(ctx.text, lo, pos)


def second_predicate(ctx: ArticleContext, s: int, e: int) -> int | None:
    """Where a second predicate of the speaker starts inside content ``[s, e)``, or None.

    The first speech or act verb of the content joined to it by a coordinator ("Russia had no
    plans …, but warned that …"); not when the content has a predicate of its own before it ("said
    the UN condemned the attack and called for …": the UN called).
    """
    verbs = [(v.start, v.end) for v in speech_verbs(ctx, s, e)]
    verbs += [(a, b) for a, b, _ in act_verbs(ctx, s, e)]
    for a, _ in sorted(verbs):
        if a <= s:
            continue
        m = joint_at_end(ctx, s, a)
        if m is not None:
            return m.start()
        return None  # the clause's own predicate comes first
    return None


def first_subject(ctx: ArticleContext, lo: int, pos: int) -> tuple[Ref | None, tuple[int, int] | None]:
    """The subject of the first predicate of ``text[lo:pos]``: a speaker phrase, or an unread span.

    "Sugiono mengecam … dan mengatakan …": the subject of "mengecam". ``(None, None)`` when no
    predicate (speech or act verb) comes before ``pos``.
    """
    verbs = [v.start for v in speech_verbs(ctx, lo, pos)]
    verbs += [a for a, _, _ in act_verbs(ctx, lo, pos)]
    if not verbs:
        return None, None
    first = min(verbs)
    ref = subject_before(ctx, lo, first)
    if ref is not None:
        return ref, None
    lead = ctx.text[lo:first]
    if WORD.search(lead) is None or "," in lead:
        return None, None
    return None, (lo, lo + len(lead.rstrip()))


def inside_clause(ctx: ArticleContext, sent: Sentence, q: Quote, inner: tuple[int, int]) -> bool:
    """Is a quote only part of a clause: it starts lower-case, or words of the clause follow it?

    'says Russia "cannot stomach" the talks', 'menegaskan Indonesia "tidak akan pernah"
    menormalisasi …': the clause around the quote is the statement.
    """
    text = ctx.text
    if inner[1] > inner[0] and text[inner[0]].islower():
        return True
    after = text[q.end : sent.end].lstrip()
    return bool(after) and after[0].isalnum()
