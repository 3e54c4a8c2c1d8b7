"""Frames: "Menurut X, …", "According to X, …", "…, according to X", "Selon X, …".

X is the speaker (a media outlet there is a *via*, handled by :mod:`loaders.extract.provenance`).
"""

from __future__ import annotations

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.acts import act_subject_in
from loaders.extract.attribution.candidate import Candidate, Pattern, SentenceScan
from loaders.extract.spans import WORD, trim, words
from loaders.extract.windows import FRAME_SPEAKER_REACH


def frames(ctx: ArticleContext, scan: SentenceScan) -> list[Candidate]:
    """Every frame of the sentence outside what the quote patterns took, with its content."""
    frame_re = ctx.lang.pattern("according_to")
    if frame_re is None:
        return []
    text = ctx.text
    sent = scan.sentence
    out: list[Candidate] = []
    for m in frame_re.finditer(text, sent.start, sent.end):
        if scan.is_claimed(m.start()):
            continue
        refs = ctx.refs_in(m.end(), min(sent.end, m.end() + FRAME_SPEAKER_REACH))
        if not refs and words(text[sent.start : m.start()]) <= 2:
            # "According to the Ministry of Health, …": a ministry the gazetteer does not know (its
            # state is the dateline's); other unknown bodies cited for figures are not sources
            comma = text.find(",", m.end(), sent.end)
            phrase = WORD.findall(text[m.end() : comma]) if comma > 0 else []
            if (
                0 < len(phrase) <= 8
                and any(w.casefold() in ctx.lang.words("ministry_words") and w[:1].isupper() for w in phrase)
                and words(text[comma + 1 : sent.end]) >= 3
            ):
                content = trim(text, comma + 1, sent.end)
                out.append(Candidate(Pattern.frame, sent, content, (m.start(), m.end()), False,
                                     speaker_text=(m.end(), comma)))  # fmt: skip
            continue
        lead = text[m.end() : refs[0].start].strip(" ,").casefold().replace("’", "'") if refs else None
        if lead is None or (lead and lead not in ctx.lex.definite_articles):
            continue  # "according to X" / "according to the X" only
        ref = refs[0]
        if words(text[sent.start : m.start()]) <= 2:
            comma = text.find(",", ref.end, sent.end)
            if comma < 0:
                continue
            phrase = WORD.findall(text[ref.end : comma])
            if len(phrase) > 12 or sum(1 for w in phrase if not w[:1].isupper()) > 4:
                continue  # "Menurut Kepala Badan … Bencana Andi Wirawan, …": a capitalised title chain may be long
            content = trim(text, comma + 1, sent.end)
        else:
            if text[m.start() - 2 : m.start()].strip() != ",":
                continue
            if words(text[ref.end : sent.end]) > 3:
                continue
            content = trim(text, sent.start, m.start())
            if act_subject_in(ctx, content):
                continue  # "Rubio has held talks with …, according to the spokesperson": Rubio's act
        if words(text[content[0] : content[1]]) < 3:
            continue
        out.append(Candidate(Pattern.frame, sent, content, (m.start(), m.end()), False, speaker=ref))
    return out
