"""A speaker and a colon before a quote: 'Erdogan: “…”', "Menlu Sugiono: «…»"."""

from __future__ import annotations

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Candidate, Pattern
from loaders.extract.sentences import Quote, Sentence


def quote_colon(ctx: ArticleContext, sent: Sentence, q: Quote, inner: tuple[int, int], lo: int) -> Candidate | None:
    """The speaker phrase ending right before ``: “…”``, if any."""
    head = ctx.text[lo : q.start].rstrip()
    if not head.endswith(":"):
        return None
    refs = ctx.refs_in(lo, q.start)
    if refs and not ctx.text[refs[-1].end : q.start].strip(" :"):
        return Candidate(Pattern.headline, sent, inner, None, True, speaker=refs[-1])
    return None
