"""Quotes with no cue of their own.

- a continuation: "“A,” Fidan said. “B.”" — a sentence that is only a quote, right after an
  attributed quote ending the previous sentence, in the same paragraph or opening the next one,
  goes on with the same speaker (never with an earlier one: any other statement between ends it);
- an open quotation: a quote left open at the end of its paragraph while the next paragraph
  opens a quote again is one quotation over several paragraphs, attributed where it ends;
- without a cue file: a quote of four or more words in a sentence naming exactly one known person.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Candidate, Pattern
from loaders.extract.mentions import RefKind
from loaders.extract.sentences import Quote, Sentence
from loaders.extract.spans import TRAIL, words

_OPENING_MARKS = '“„«"‘'


@dataclass(frozen=True, slots=True)
class LastQuote:
    """The previous sentence ended with an attributed direct quote."""

    end: int
    paragraph: int
    left_open: bool


def continues_quote(ctx: ArticleContext, sent: Sentence, q: Quote, last: LastQuote | None) -> bool:
    """Is this sentence nothing but a quote going on from the previous sentence's attributed quote?"""
    if last is None or q.start > sent.start + 1 or ctx.text[last.end : q.start].strip(TRAIL):
        return False
    if ctx.text[q.end : sent.end].strip(TRAIL):
        return False  # more than the quote: its own attribution, or none we can read
    if sent.paragraph == last.paragraph:
        return True
    # the next paragraph: a quote closed in it, right after a paragraph ending with an attributed
    # quote, goes on with that speaker; so does a quotation left open (one left open here is
    # attributed where it ends)
    return sent.paragraph == last.paragraph + 1 and (last.left_open or q.balanced)


def opens_paragraph(ctx: ArticleContext, q: Quote) -> bool:
    """Is the next paragraph after this open quote's paragraph opened by a quotation mark?"""
    text = ctx.text
    i = q.end
    while i < len(text) and text[i].isspace():
        i += 1
    return i > q.end and "\n" in text[q.end : i] and text[i : i + 1] in _OPENING_MARKS


def quote_near_person(
    ctx: ArticleContext, sent: Sentence, inner: tuple[int, int], quote_spans: list[tuple[int, int]]
) -> Candidate | None:
    """Without a cue file: a quote of 4+ words in a sentence naming exactly one known person."""
    if words(ctx.text[inner[0] : inner[1]]) < 4:
        return None
    people = [
        r
        for r in ctx.refs_in(sent.start, sent.end)
        if r.kind == RefKind.person
        and r.actor is not None
        and not r.new_person
        and not any(a <= r.start < b for a, b in quote_spans)
    ]
    if len({r.actor.id for r in people if r.actor is not None}) != 1:
        return None
    return Candidate(Pattern.universal, sent, inner, None, True, speaker=people[0])
