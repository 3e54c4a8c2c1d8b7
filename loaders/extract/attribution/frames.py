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
        lead = text[m.end() : refs[0].start].strip(" ,").casefold().replace("’", "'") if refs else None
        if (
            lead
            and lead not in ctx.lex.definite_articles
            and "," in text[m.end() : refs[0].start]
            and not ctx.index.within(m.end(), refs[0].start)  # "According to Reuters, Kazakhstan …": a via
        ):
            refs = []  # "Menurut Wiku, pemerintah Indonesia …": the name before the comma is unknown
        if not refs and words(text[sent.start : m.start()]) <= 2:
            # "According to the Ministry of Health, …": a ministry the gazetteer does not know (its
            # state is the dateline's); "Menurut Wiku, …": a person it does not know; other unknown
            # bodies cited for figures are not sources
            comma = text.find(",", m.end(), sent.end)
            phrase = WORD.findall(text[m.end() : comma]) if comma > 0 else []
            ministry = any(w.casefold() in ctx.lang.words("ministry_words") and w[:1].isupper() for w in phrase)
            if ((0 < len(phrase) <= 8 and ministry) or _names_a_person(phrase)) and words(
                text[comma + 1 : sent.end]
            ) >= 3:
                content = trim(text, comma + 1, sent.end)
                out.append(Candidate(Pattern.frame, sent, content, (m.start(), m.end()), False,
                                         speaker_text=(m.end(), comma), speaker_after=not ministry))  # fmt: skip
            continue
        if not refs and text[m.start() - 2 : m.start()].strip() == ",":
            # "…, according to Smith.": an unknown name closing the sentence
            end = trim(text, m.end(), sent.end)
            if _names_a_person(WORD.findall(text[end[0] : end[1]])):
                content = trim(text, sent.start, m.start())
                if words(text[content[0] : content[1]]) >= 3 and not act_subject_in(ctx, content):
                    out.append(Candidate(Pattern.frame, sent, content, (m.start(), m.end()), False,
                                         speaker_text=end, speaker_after=True))  # fmt: skip
            continue
        if not refs or (lead and lead not in ctx.lex.definite_articles):
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


def _names_a_person(phrase: list[str]) -> bool:
    """One to four capitalised words: a name the gazetteer may not know ("Wiku", "Hans Berger")."""
    return 1 <= len(phrase) <= 4 and all(w[:1].isupper() and not w.isupper() for w in phrase)
