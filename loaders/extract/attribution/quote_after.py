"""Quote, then its cue: "“…,” ujar X", '"…," X said', "«…», afirmó X", "“…”, tambahnya"."""

from __future__ import annotations

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Anaphora, Candidate, Pattern, Verb
from loaders.extract.attribution.subjects import subject_after, subject_before
from loaders.extract.sentences import Quote, Sentence
from loaders.extract.spans import HARD_STOP, QUOTE_MARKS, WORD, trim, word_start, words
from loaders.extract.windows import SPEAKER_AFTER_CUE


def quote_after(
    ctx: ArticleContext, sent: Sentence, q: Quote, inner: tuple[int, int], lo: int, hi: int, verbs: list[Verb]
) -> Candidate | None:
    """A balanced quote followed, before ``hi``, by a speech verb and its speaker (either side of it).

    Words of the clause before the quote (after ``lo``) make it a partial quote: 'Russia is
    "playing with fire," Lavrov said' is reported speech whose content is the whole clause.
    """
    text = ctx.text
    if not q.balanced:
        return None
    for v in verbs:
        if v.start < q.end or v.start >= hi:
            continue
        between = text[q.end : word_start(text, v.start)]
        if HARD_STOP.search(between.strip(" ,")[:1] or " ") and between.strip(" ,") not in ("", "."):
            return None
        if words(between) > 6:
            return None
        first = WORD.match(between.strip(" ,"))
        if first is not None and first.group(0).casefold() in ctx.lex.conjunctions:
            return None  # 'praised X as "…" and urged …': the quote ends a phrase, not a statement
        cand = Candidate(Pattern.quote_post, sent, inner, (v.start, v.end), True)
        lead = text[lo : q.start].rstrip()
        if (
            words(lead)
            and not lead.endswith((",", ":", ";", "-", "–", "—", "(", *QUOTE_MARKS))
            and not any(lo <= u.start < q.start for u in verbs)
        ):
            content = trim(text, lo, inner[1])
            cand = Candidate(Pattern.reported_post, sent, content, (v.start, v.end), False)
        ref = subject_before(ctx, q.end, v.start)
        if ref is None:
            ref = subject_after(ctx, v.end, min(hi, v.end + SPEAKER_AFTER_CUE))
        if ref is not None:
            cand.speaker = ref
        elif v.anaphoric:
            cand.anaphora = Anaphora.clitic
        elif between.strip(" ,."):
            cand.speaker_text = (q.end, v.start)
        else:
            after = trim(text, v.end, min(hi, sent.end))
            filler = ctx.lex.filler_re
            if after[1] > after[0] and any(w[:1].isupper() for w in WORD.findall(text[after[0] : after[1]])):
                cand.speaker_text = after  # "ujar kuasa hukum korban, Andi Wijaya"
                cand.speaker_after = True
            elif not words(filler.sub(" ", text[after[0] : after[1]]) if filler else ""):
                cand.anaphora = Anaphora.zero  # "“…”, añadió."
            else:
                return None
        return cand
    return None
