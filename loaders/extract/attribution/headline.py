"""A headline statement: a speaker and a colon opening a sentence ("Aliyev: Kami tidak akan …")."""

from __future__ import annotations

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Candidate, Pattern
from loaders.extract.mentions import RefKind
from loaders.extract.sentences import Sentence
from loaders.extract.spans import trim, words
from loaders.extract.windows import HEADLINE_SPEAKER_REACH


def headline(ctx: ArticleContext, sent: Sentence) -> Candidate | None:
    """``Aliyev: …`` at the start of a sentence (only when no other pattern found anything)."""
    text = ctx.text
    refs = ctx.refs_in(sent.start, min(sent.end, sent.start + HEADLINE_SPEAKER_REACH))
    if not refs or refs[0].start > sent.start + 1:
        return None
    ref = refs[0]
    if text[ref.end : ref.end + 1] != ":" or ref.kind == RefKind.pronoun:
        return None
    content = trim(text, ref.end + 1, sent.end)
    if words(text[content[0] : content[1]]) < 3:
        return None
    return Candidate(Pattern.headline, sent, content, None, False, speaker=ref)
