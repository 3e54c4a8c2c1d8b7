"""Attribution: which spans of a sentence are statements, and where their cue and speaker are.

One small module per pattern, each a function over the :class:`~loaders.extract.article.ArticleContext`
(the words come from the language's cue file):

- :mod:`.quote_after` — quote, then cue: ``“…,” ujar X`` / ``"…," X said``;
- :mod:`.quote_before` — cue, then quote: ``X menambahkan, “…”`` / ``X said: "…"``;
- :mod:`.colon` — ``Erdogan: “…”``;
- :mod:`.continuation` — quotes going on after an attributed one, quotations over several
  paragraphs, and (without a cue file) a quote next to one known person;
- :mod:`.frames` — ``Menurut X, …`` / ``…, according to X``;
- :mod:`.reported` — ``X mengatakan bahwa …`` / ``…, kata X``;
- :mod:`.acts` — act verbs without a speech verb: ``Ankara rejected …``;
- :mod:`.headline` — ``Aliyev: …`` opening a sentence.

:class:`Attributor` runs them over each sentence in that order; a span one pattern claims is
left alone by the later ones. Speaker slots are read by :mod:`.subjects`.
"""

from __future__ import annotations

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.acts import acts
from loaders.extract.attribution.candidate import Anaphora, Candidate, Pattern, SentenceScan
from loaders.extract.attribution.colon import quote_colon
from loaders.extract.attribution.continuation import (
    LastQuote,
    continues_quote,
    opens_paragraph,
    quote_near_person,
)
from loaders.extract.attribution.frames import frames
from loaders.extract.attribution.headline import headline
from loaders.extract.attribution.quote_after import quote_after
from loaders.extract.attribution.quote_before import quote_before
from loaders.extract.attribution.reported import reported
from loaders.extract.attribution.subjects import joint_subject
from loaders.extract.attribution.verbs import speech_verbs
from loaders.extract.mentions import RefKind
from loaders.extract.sentences import Sentence
from loaders.extract.spans import trim, words
from loaders.extract.windows import SENTENCE_SUBJECT_REACH

__all__ = ["Anaphora", "Attributor", "Candidate", "Pattern", "joint_subject"]

_QUOTED = frozenset({Pattern.quote_post, Pattern.quote_pre, Pattern.continuation})


class Attributor:
    """Finds the candidates of an article sentence by sentence (remembering the last quote)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.last_quote: LastQuote | None = None

    def candidates(self, sent: Sentence, framed: bool = True) -> list[Candidate]:
        """Every candidate statement of ``sent``, in text order.

        ``framed=False`` says the sentence holds no ``according_to`` phrase (the caller scanned for
        it): the frame pattern is not run.
        """
        ctx = self.ctx
        s, e = sent.start, sent.end
        quotes = [q for q in ctx.quotes_in(s, e) if q.end <= e or not q.balanced]
        quote_spans = [(q.start, min(q.end, e)) for q in quotes]
        verbs = [v for v in speech_verbs(ctx, s, e) if not any(a <= v.start < b for a, b in quote_spans)]
        scan = SentenceScan(sent, quotes, quote_spans, verbs)
        self._quotes(scan)
        for frame in frames(ctx, scan) if framed else ():
            scan.add(frame, frame.content)
        self._reported(scan)
        for act in acts(ctx, scan):
            scan.add(act, act.content)
        out = scan.found
        if not out:
            head = headline(ctx, sent)
            if head is not None:
                out.append(head)
        out.sort(key=lambda c: c.content[0])
        final = out[-1] if out else None
        self.last_quote = None
        if final is not None and final.direct and final.kind in _QUOTED:
            open_at_end = any(not q.balanced and q.end >= e for q in quotes)
            self.last_quote = LastQuote(e, sent.paragraph, open_at_end)
        return out

    def acts_within(self, cand: Candidate) -> list[Candidate]:
        """Acts with their own subject inside the content of a reported candidate ("Mexican officials
        rejected …, a senior official said"): read when the reporter cannot be."""
        ctx = self.ctx
        sent = cand.sentence
        s, e = sent.start, sent.end
        quotes = [q for q in ctx.quotes_in(s, e) if q.end <= e or not q.balanced]
        scan = SentenceScan(sent, quotes, [(q.start, min(q.end, e)) for q in quotes], [])
        scan.claimed = [(s, cand.content[0]), (cand.content[1], e)]
        found = acts(ctx, scan)
        return [a for a in found if a.speaker is not None]  # its own subject, never an anaphor

    def _quotes(self, scan: SentenceScan) -> None:
        """Each quote of the sentence with the first quote pattern that reads it."""
        ctx = self.ctx
        text = ctx.text
        sent, quotes = scan.sentence, scan.quotes
        s, e = sent.start, sent.end
        for qi, q in enumerate(quotes):
            inner = trim(text, q.inner_start, min(q.inner_end, e))
            if words(text[inner[0] : inner[1]]) < 2:
                continue
            nxt = quotes[qi + 1].start if qi + 1 < len(quotes) else e
            prev_end = quotes[qi - 1].end if qi > 0 else s
            free = [v for v in scan.verbs if v.start not in scan.used_verbs]
            cand = quote_after(ctx, sent, q, inner, prev_end, nxt, free) or quote_before(
                ctx, sent, q, inner, prev_end, free
            )
            if cand is None and scan.found and scan.found[-1].kind == Pattern.quote_post:
                last = scan.found[-1]
                if last.cue is not None and prev_end <= last.cue[1] <= q.start:
                    # "“A,” Fidan said, “and B.”": one act split around its attribution
                    last.extent = (last.content[0], inner[1])
                    continue
            if cand is None:
                cand = quote_colon(ctx, sent, q, inner, prev_end)
            if cand is None and not ctx.lang.known:
                cand = quote_near_person(ctx, sent, inner, scan.quote_spans)
            if cand is None and qi == 0 and continues_quote(ctx, sent, q, self.last_quote):
                # "“A,” Fidan said. “B.”": the next quoted sentence goes on with the same speaker
                cont = Candidate(Pattern.continuation, sent, inner, None, True, anaphora=Anaphora.continuation)
                scan.add(cont, (q.start, q.end))
                continue
            if cand is None and not q.balanced and q.start <= s + 1 and opens_paragraph(ctx, q):
                # a quote left open at the end of its paragraph, the next paragraph opening a quote
                # again: one quotation over several paragraphs, attributed where it ends
                content = trim(text, q.inner_start, q.end)
                if words(text[content[0] : content[1]]) >= 4:
                    scan.add(Candidate(Pattern.open_quote, sent, content, None, True), (q.start, q.end))
                continue
            if cand is None:
                continue  # an unattributed quote (continuation, scare quote) is not a statement
            if cand.cue is not None:
                scan.used_verbs.add(cand.cue[0])
            cue = cand.cue or (q.start, q.end)
            scan.add(cand, (min(q.start, cue[0], cand.content[0]), max(q.end, cue[1], cand.content[1])))

    def _reported(self, scan: SentenceScan) -> None:
        """Reported speech around each speech verb no quote pattern used."""
        ctx = self.ctx
        sent = scan.sentence
        participle_re = ctx.lang.pattern("participles")
        for v in scan.verbs:
            if v.start in scan.used_verbs or scan.is_claimed(v.start):
                continue
            participle = participle_re is not None and participle_re.fullmatch(ctx.text, v.start, v.end)
            cand = reported(ctx, sent, v, scan.quote_spans)
            if cand is None or scan.overlaps_claim(cand.content):
                continue
            if participle:
                # "…, adding that …" / "seraya menambahkan …": a second act of the clause's speaker
                main = scan.found[-1] if scan.found else None
                if main is None:
                    subj = ctx.refs_in(sent.start, v.start)
                    main_ref = (
                        subj[0]
                        if subj
                        and subj[0].start <= sent.start + SENTENCE_SUBJECT_REACH
                        and subj[0].kind != RefKind.pronoun
                        else None
                    )
                    if main_ref is None:
                        continue
                    cand.speaker, cand.anaphora, cand.speaker_text = main_ref, None, None
                else:
                    cand.take_speaker(main)
                    cand.speaker_after = main.speaker_after
            scan.add(cand, (min(cand.content[0], v.start), max(cand.content[1], v.end)))
