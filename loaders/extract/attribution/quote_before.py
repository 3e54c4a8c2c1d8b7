"""Cue, then the quote: 'X said: "…"', "X menambahkan, “…”", 'X stressed that "…"'.

A quote that only finishes a reported clause ('Lin said China would take "resolute
measures"', "il a estimé que la Turquie était « … »") is reported speech whose content is the
whole clause, so the partial quote keeps its surrounding words.
"""

from __future__ import annotations

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Anaphora, Candidate, Pattern, Verb
from loaders.extract.attribution.clauses import complementizer, inside_clause, second_predicate
from loaders.extract.attribution.subjects import speaker_lead_end, subject_after_verb, subject_before
from loaders.extract.sentences import Quote, Sentence
from loaders.extract.spans import HARD_STOP, trim, word_start, words


def quote_before(
    ctx: ArticleContext, sent: Sentence, q: Quote, inner: tuple[int, int], lo: int, verbs: list[Verb]
) -> Candidate | None:
    """The last speech verb between ``lo`` and the quote, a short lead-in apart, and its subject."""
    text = ctx.text
    before = [v for v in verbs if lo <= v.start and v.end <= q.start]
    if not before:
        return None
    v = before[-1]
    gap = text[v.end : q.start]
    if HARD_STOP.search(gap) and not gap.strip().endswith(":"):
        return None
    if words(gap) > 8:
        return None
    cand = Candidate(Pattern.quote_pre, sent, inner, (v.start, v.end), True)
    bare_lead = not text[lo : word_start(text, v.start)].strip(" ,—–-")
    # verb-subject order: 'Said the minister: "…"', 'وقال الوزير: «…»'
    after = subject_after_verb(ctx, lo, (v.start, v.end), q.start) if not v.anaphoric else None
    if after is not None and text[after.end : q.start].strip() not in (":", ",", ""):
        after = None
    verb_end = after.end if after is not None else v.end
    comp = complementizer(ctx, verb_end, q.start)
    lead_in = ctx.without_fillers(comp.end() if comp is not None else verb_end, q.start)
    lead = words(lead_in)
    if (
        lead >= 2 or (lead == 1 and (comp is not None or inside_clause(ctx, sent, q, inner)))
    ) and not lead_in.strip().endswith((":", ",")):
        # a partial quote inside reported speech: "il a estimé que la Turquie était « … »",
        # "Lin said China would take "resolute measures"", 'says Russia "cannot stomach" the talks'
        content = trim(text, comp.end() if comp is not None else v.end, sent.end)
        second = second_predicate(ctx, *content)
        if second is not None:
            content = trim(text, content[0], second)
        cand = Candidate(Pattern.reported, sent, content, (v.start, v.end), False)
    ref = subject_before(ctx, lo, v.start) or after
    if ref is not None:
        cand.speaker = ref
    elif v.anaphoric:
        cand.anaphora = Anaphora.clitic
    elif bare_lead:
        cand.anaphora = Anaphora.zero
    else:
        cand.speaker_text = trim(text, lo, speaker_lead_end(ctx, lo, v.start))
    return cand
