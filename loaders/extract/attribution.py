"""Attribution candidates: which span of a sentence is speech, and where its cue and speaker are.

Patterns (language-independent; the words come from the language file):

- quote + post cue: ``“…,” ujar X`` / ``"…," X said`` / ``“…,” tambahnya``;
- pre cue + quote: ``X menambahkan, “…”`` / ``X said: "…"`` / ``X stressed that “…”``;
- reported speech: ``X mengatakan bahwa …`` / ``X said (that) …``;
- post reported speech: ``…, kata X`` / ``…, a senior official said``;
- frames: ``Menurut X, …`` / ``…, according to X``;
- headline: ``Aliyev: …`` (a speaker and a colon at the start of a sentence);
- continuation: a whole-sentence quote right after a statement (same speaker, low confidence).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from loaders.extract.lexicon import Lexicon
from loaders.extract.mentions import MINISTRY_WORDS, Ref
from loaders.extract.phrases import Tokens
from loaders.extract.sentences import Quote, Sentence

_WORD = re.compile(r"[\w'’-]+")
_HARD_STOP = re.compile(r"[.!?;“”\"«»„]")
_JOINT = re.compile(r"\s*(?:and|dan|serta|y|e|et|&)\s+$", re.I)
_CONJ = re.compile(r"\s*,?\s*(?:and|dan|serta|y|e|et|but|tapi|namun|mais|pero)\s*", re.I)
_TRAIL = ' \t\n,.;:!?”"’»)(–—-'
# nouns naming a state's own body after a possessive ("Israel's military", "China's foreign ministry")
_STATE_BODIES = frozenset({"military", "army", "navy", "government", "ministry", "embassy", "police", "cabinet",
                           "presidency", "spokesman", "spokeswoman", "spokesperson", "mission", "delegation",
                           "forces", "administration", "office", "parliament", "envoy", "diplomats"})  # fmt: skip
_ENVOYS = frozenset({"ambassador", "envoy", "representative", "delegate", "delegation", "mission", "ambassadeur",
                     "embajador", "representante", "représentant", "perwakilan", "dubes"})  # fmt: skip
# a lower-case noun then a capitalised name: "China captain Wu Lei", "Indonesia coach Shin"
_NOUN_THEN_NAME = re.compile(r"\s+[a-z][\w-]*\s+[A-Z]\w+")


@dataclass(slots=True)
class Candidate:
    kind: str  # quote_post | quote_pre | reported | reported_post | frame | headline | continuation
    sentence: Sentence
    content: tuple[int, int]
    cue: tuple[int, int] | None
    direct: bool
    speaker: Ref | None = None
    anaphora: str | None = None  # "pronoun" | "zero" | "clitic" | "continuation"
    speaker_text: tuple[int, int] | None = None  # span to try as an unknown capitalised name
    relation: str | None = None  # fixed by a speech-act verb ("condemned", "mengecam")
    speaker_after: bool = False  # speaker_text follows the verb ("said Dale Henning, a grocer")
    extent: tuple[int, int] | None = None  # what the relation is read from, when wider than content


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRAIL:
        s += 1
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    return s, e


class Attributor:
    """Finds candidates sentence by sentence, given the article's refs and quotes."""

    def __init__(self, text: str, lex: Lexicon, refs: list[Ref], quotes: list[Quote], tokens: Tokens) -> None:
        lang = lex.lang
        self.text = text
        self.tokens = tokens
        self.lang = lang
        self.refs = refs
        self._ref_starts = [r.start for r in refs]
        self.quotes = quotes
        self._quote_starts = [q.start for q in quotes]
        self.comp_re = lang.pattern("complementizers")
        self.frame_re = lang.pattern("according_to")
        self.filler_re = lex.filler_re
        self.meta_re = lang.pattern("meta_objects")
        self.relative_re = lex.relative_re
        self.negation_re = lang.pattern("negation_words")
        self.acts = lang.matcher("act")
        self.weak = lang.pattern("weak_verbs")
        self.passive = lex.passive
        self.bare = lang.pattern("bare_verbs")
        self.participle_re = lang.pattern("participles")
        self.adjunct_words = lex.adjunct_words
        self.non_statement = lang.pattern("non_statements")
        self.future_re = lex.future_re
        self._locatives = lex.locatives
        self.verbs = lang.matcher("verbs")
        # the previous sentence ended with an attributed direct quote: (its end, its paragraph, quote open?)
        self._prev_quote: tuple[int, int, bool] | None = None

    # ------------------------------------------------------------------------------ lookups

    def quotes_in(self, s: int, e: int) -> list[Quote]:
        i = bisect_left(self._quote_starts, s)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < e:
            out.append(self.quotes[i])
            i += 1
        return out

    def refs_in(self, s: int, e: int) -> list[Ref]:
        i = bisect_left(self._ref_starts, s)
        out = []
        while i < len(self.refs) and self.refs[i].start < e:
            if self.refs[i].end <= e:
                out.append(self.refs[i])
            i += 1
        return out

    def joint_subject(self, ref: Ref, lo: int) -> bool:
        """Is ``ref`` the second of two coordinated subjects ("Indonesia and Malaysia agreed")?"""
        joint = _JOINT.search(self.text, max(lo, ref.start - 12), ref.start)
        if joint is None:
            return False
        before = self.refs_in(max(lo, joint.start() - 80), joint.start())
        return bool(before) and not self.text[before[-1].end : joint.start()].strip(" ,")

    def _short_gap(self, s: int, e: int, max_words: int = 4, apposition: bool = True) -> bool:
        """Is ``text[s:e]`` only fillers, commas, dates and at most a few lower-case words?"""
        gap = self.text[s:e]
        if _HARD_STOP.search(gap) or ":" in gap:
            return False
        if apposition and gap.strip().startswith(",") and gap.strip().endswith(",") and _words(gap) <= 15:
            return True  # apposition: "Erdogan, the Turkish president, said"
        if self.filler_re is not None:
            gap = self.filler_re.sub(" ", gap)
        gap = re.sub(r"\([^()]*\)", " ", gap)
        words = _WORD.findall(gap)
        if any(w[:1].isupper() for w in words):
            return False  # another name stands between
        return len(words) <= max_words

    def subject_before(self, lo: int, cue_start: int) -> Ref | None:
        """The speaker phrase nearest before a cue, if only a short gap separates them.

        A relative clause between them (", who spoke on condition of anonymity,") is skipped;
        a possessor is not a speaker ("Brazil's coach said").
        """
        cands = self.refs_in(lo, cue_start)
        if not cands:
            return None
        ref = cands[-1]
        if self._modifier_place(ref):
            # "The Chinese embassy in Jakarta said", "one London-based broker said": the place
            # locates the subject, it is not the subject; the state named before it may be
            earlier = [r for r in cands[:-1] if r.kind == "actor" and self._short_noun_gap(r.end, ref.start)]
            if not earlier or _words(self.text[lo : earlier[-1].start]) > 4:
                return None  # "… berunjuk rasa di depan Kedutaan Besar AS di Jakarta": not the subject
            return earlier[-1]
        if self.relative_re is not None:
            rel = None
            for m in self.relative_re.finditer(self.text, lo, cue_start):
                rel = m
            if (
                rel is not None
                and lo < rel.start() <= ref.start
                and self.text[rel.start() : cue_start].rstrip().endswith(",")
            ):
                return self.subject_before(lo, rel.start())
        gap = self.text[ref.end : cue_start]
        if gap.lstrip().startswith(("'s", "’s")) or gap.startswith(("'", "’")):
            # "Israel's military said", "China's foreign ministry said": a state body speaks for its
            # state; "Brazil's coach said": a possessor is not a speaker
            body = _WORD.findall(gap.lstrip()[2:])
            if (
                ref.kind == "actor"
                and 1 <= len(body) <= 3
                and all(w.islower() for w in body)
                and any(w.casefold() in _STATE_BODIES for w in body)
            ):
                return ref
            return None
        opener = self.apposition_opener(lo, cue_start)
        if opener is not None and ref.start > opener and ref.kind in ("person", "actor"):
            # "X, a senior fellow at Brookings, said" / "X, the sister of leader Y, said": the name
            # inside the apposition describes the subject, it is not the subject
            before = self.refs_in(lo, opener)
            if (
                before
                and before[-1].kind in ("person", "title", "anon", "actor")
                and not self.text[before[-1].end : opener].strip()
                and not re.search(r"[A-Z]\w*\s+$", self.text[max(lo, before[-1].start - 30) : before[-1].start])
            ):
                return before[-1]
            return None  # an unknown name ("Kim Yo Jong", not the known "Jong"): read from the text
        if _CONJ.fullmatch(gap):
            return None  # "China condemned the sale to Taiwan and warned …": Taiwan is an object
        if ref.kind == "actor" and gap.strip() == ",":
            # "Erdogan, speaking to reporters on his flight from Qatar, said": Qatar ends an aside
            opener = self.text.rfind(",", lo, ref.start)
            if opener > lo:
                before = self.refs_in(lo, opener + 1)
                if (
                    before
                    and before[-1].kind in ("person", "title", "anon")
                    and not self.text[before[-1].end : opener].strip()
                ):
                    return before[-1]
            if self.text[lo : ref.start].strip(' —–-"“”'):
                return None  # "… Sanksi Baru AS, Sebut …": a name ending a clause is not its subject
        if self._short_gap(ref.end, cue_start, apposition=ref.kind in ("person", "title", "anon")):
            return ref
        return None

    def apposition_opener(self, lo: int, cue_start: int) -> int | None:
        """The comma opening an apposition that ends right before a cue ("X, a fellow at Y, said"), or None.

        The apposition starts with a lower-case word (an article or a common noun) and is short.
        """
        text = self.text
        close = text[lo:cue_start].rstrip()
        if self.filler_re is not None:
            close = self.filler_re.sub(" ", close).rstrip()
        if not close.endswith(","):
            return None
        end = lo + len(text[lo:cue_start].rstrip()) - 1
        while end > lo and text[end] != ",":
            end -= 1
        opener = text.rfind(",", lo, end)
        if opener <= lo or _HARD_STOP.search(text, opener, end):
            return None
        inner = text[opener + 1 : end].strip()
        words = _WORD.findall(inner)
        if not words or not words[0][:1].islower() or len(words) > 15:
            return None
        if not text[lo:opener].strip(' "“”«»„'):
            return None
        return opener

    def subject_after(self, cue_end: int, hi: int) -> Ref | None:
        cands = self.refs_in(cue_end, hi)
        if not cands:
            return None
        gap = self.text[cue_end : cands[0].start].strip(" ,:.").casefold().rstrip(".")
        if not gap or all(w in self.lang.determiners for w in gap.replace(".", " ").split()):
            if cands[0].kind == "actor" and _NOUN_THEN_NAME.match(self.text, cands[0].end):
                return None  # "said China captain Wu Lei": the state qualifies the person named next
            return cands[0]
        return None

    def _scheduled(self, before: str) -> bool:
        """Does ``before`` (the text before an act verb) end with a future or schedule marker?"""
        if self.future_re is None:
            return False
        tail = " ".join(_WORD.findall(before)[-3:])
        return any(m.end() >= len(tail) - 1 for m in self.future_re.finditer(tail))

    def _modifier_place(self, ref: Ref) -> bool:
        """Is this actor a place qualifying a noun phrase ("… in Jakarta", "London-based")?"""
        if ref.kind != "actor":
            return False
        text = self.text
        if re.match(r"[-‐]\s*(?:based|born|headquartered)\b", text[ref.end : ref.end + 20], re.I):
            return True
        before = re.search(r"(\w+)\s+(?:(?:the|la|le|el)\s+)?$", text[max(0, ref.start - 24) : ref.start], re.I)
        if before is not None and before.group(1).casefold() in ("to", "untuk", "auprès", "ante"):
            # "Russia's ambassador to the UN said": the organisation the envoy is sent to
            envoy = re.search(
                r"(\w+)\s+\w+\s+(?:(?:the|la|le|el)\s+)?$", text[max(0, ref.start - 50) : ref.start], re.I
            )
            return envoy is not None and envoy.group(1).casefold() in _ENVOYS
        if before is None or before.group(1).casefold() not in self._locatives:
            return False
        head = re.search(r"(\w+)\s+\w+\s+$", text[max(0, ref.start - 40) : ref.start])
        return head is not None  # a noun before the preposition: "embassy in", "kedutaan di"

    def _short_noun_gap(self, s: int, e: int) -> bool:
        """``text[s:e]`` is one to three words ("embassy in", "Embassy of China in" → "in")."""
        words = _WORD.findall(self.text[s:e])
        return 1 <= len(words) <= 4 and not _HARD_STOP.search(self.text, s, e)

    def _in_name(self, s: int, e: int, a: int) -> bool:
        """Is a capitalised match part of a name ("United States"), outside a title-case headline?"""
        text = self.text
        if not text[a : a + 1].isupper():
            return False
        prev = re.search(r"(\w+)\W*$", text[max(s, a - 40) : a])
        if prev is None or not prev.group(1)[:1].isupper():
            return False
        words = _WORD.findall(text[s:e])
        caps = sum(1 for w in words if w[:1].isupper())
        return caps < 0.6 * len(words)

    def _verbs(self, s: int, e: int) -> list[tuple[int, int, bool]]:
        """Speech-verb matches (start, end, anaphoric) in ``text[s:e]``, anaphoric forms first."""
        found = [(a, b, v == "a") for a, b, v in self.verbs.find(self.tokens, s, e) if not self._in_name(s, e, a)]
        if self.lang.anaphoric_regex is not None:
            for m in self.lang.anaphoric_regex.finditer(self.text, s, e):
                if not any(a < m.end() and m.start() < b for a, b, _ in found):
                    found.append((m.start(), m.end(), True))
            found.sort()
        return found

    # ------------------------------------------------------------------------------ per sentence

    def candidates(self, sent: Sentence) -> list[Candidate]:
        text = self.text
        s, e = sent.start, sent.end
        out: list[Candidate] = []
        quotes = [q for q in self.quotes_in(s, e) if q.end <= e or not q.balanced]
        quote_spans = [(q.start, min(q.end, e)) for q in quotes]
        verbs = [v for v in self._verbs(s, e) if not any(a <= v[0] < b for a, b in quote_spans)]
        used_verbs: set[int] = set()
        claimed: list[tuple[int, int]] = []

        for qi, q in enumerate(quotes):
            inner = (q.inner_start, min(q.inner_end, e))
            inner = _trim(text, *inner)
            if _words(text[inner[0] : inner[1]]) < 2:
                continue
            nxt = quotes[qi + 1].start if qi + 1 < len(quotes) else e
            prev_end = quotes[qi - 1].end if qi > 0 else s
            free_verbs = [v for v in verbs if v[0] not in used_verbs]
            cand = self._quote_post(sent, q, inner, nxt, free_verbs) or self._quote_pre(
                sent, q, inner, prev_end, free_verbs
            )
            if cand is None and out and out[-1].kind == "quote_post" and out[-1].cue is not None:
                last = out[-1]
                if last.cue is not None and prev_end <= last.cue[1] <= q.start:
                    # "“A,” Fidan said, “and B.”": one act split around its attribution
                    last.extent = (last.content[0], inner[1])
                    continue
            if cand is None:
                cand = self._quote_colon(sent, q, inner, prev_end)
            if cand is None and not self.lang.known:
                cand = self._quote_near_person(sent, q, inner, quote_spans)
            if cand is None and qi == 0 and self._continues_quote(sent, q):
                # "“A,” Fidan said. “B.”": the next quoted sentence goes on with the same speaker
                out.append(Candidate("continuation", sent, inner, None, True, anaphora="continuation"))
                claimed.append((q.start, q.end))
                continue
            if cand is None and not q.balanced and q.start <= s + 1 and self._opens_paragraph(q):
                # a quote left open at the end of its paragraph, the next paragraph opening a quote
                # again: one quotation over several paragraphs, attributed where it ends
                content = _trim(self.text, q.inner_start, q.end)
                if _words(self.text[content[0] : content[1]]) >= 4:
                    out.append(Candidate("open_quote", sent, content, None, True))
                    claimed.append((q.start, q.end))
                continue
            if cand is None:
                continue  # an unattributed quote (continuation, scare quote) is not a statement
            if cand.cue is not None:
                used_verbs.add(cand.cue[0])
            out.append(cand)
            claimed.append(
                (min(q.start, cand.cue[0] if cand.cue else q.start), max(q.end, cand.cue[1] if cand.cue else q.end))
            )

        for frame in self._frames(sent, claimed):
            out.append(frame)
            claimed.append(frame.content)

        for v in verbs:
            if v[0] in used_verbs or any(a <= v[0] < b for a, b in claimed):
                continue
            participle = self.participle_re is not None and self.participle_re.fullmatch(text, v[0], v[1])
            cand = self._reported(sent, v, quote_spans)
            if cand is None:
                continue
            if any(a < cand.content[1] and cand.content[0] < b for a, b in claimed):
                continue
            if participle:
                # "…, adding that …" / "seraya menambahkan …": a second act of the clause's speaker
                main = out[-1] if out else None
                if main is None:
                    subj = self.refs_in(s, v[0])
                    main_ref = subj[0] if subj and subj[0].start <= s + 60 and subj[0].kind != "pronoun" else None
                    if main_ref is None:
                        continue
                    cand.speaker, cand.anaphora, cand.speaker_text = main_ref, None, None
                else:
                    cand.speaker, cand.anaphora, cand.speaker_text = main.speaker, main.anaphora, main.speaker_text
                    cand.speaker_after = main.speaker_after
            out.append(cand)
            claimed.append((min(cand.content[0], v[0]), max(cand.content[1], v[1])))

        for cand in self._acts(sent, quote_spans, claimed, out):
            out.append(cand)
            claimed.append(cand.content)

        if not out:
            head = self._headline(sent)
            if head is not None:
                out.append(head)
        out.sort(key=lambda c: c.content[0])
        final = out[-1] if out else None
        self._prev_quote = None
        if final is not None and final.direct and final.kind in ("quote_post", "quote_pre", "continuation"):
            open_at_end = any(not q.balanced and q.end >= e for q in quotes)
            self._prev_quote = (e, sent.paragraph, open_at_end)
        return out

    def _continues_quote(self, sent: Sentence, q: Quote) -> bool:
        """Is this sentence nothing but a quote going on from the previous sentence's attributed quote?"""
        prev = self._prev_quote
        if prev is None or q.start > sent.start + 1 or self.text[prev[0] : q.start].strip(_TRAIL):
            return False
        if self.text[q.end : sent.end].strip(_TRAIL):
            return False  # more than the quote: its own attribution, or none we can read
        if sent.paragraph == prev[1]:
            return True
        return sent.paragraph == prev[1] + 1 and prev[2]  # a quotation left open goes on in the next paragraph

    def _quote_post(
        self, sent: Sentence, q: Quote, inner: tuple[int, int], hi: int, verbs: list[tuple[int, int, bool]]
    ) -> Candidate | None:
        text = self.text
        if not q.balanced:
            return None
        for v in verbs:
            if v[0] < q.end or v[0] >= hi:
                continue
            between = text[q.end : v[0]]
            if _HARD_STOP.search(between.strip(" ,")[:1] or " ") and between.strip(" ,") not in ("", "."):
                return None
            if _words(between) > 6:
                return None
            cand = Candidate("quote_post", sent, inner, (v[0], v[1]), True)
            ref = self.subject_before(q.end, v[0])
            if ref is None:
                ref = self.subject_after(v[1], min(hi, v[1] + 150))
            if ref is not None:
                cand.speaker = ref
            elif v[2]:
                cand.anaphora = "clitic"
            elif between.strip(" ,."):
                cand.speaker_text = (q.end, v[0])
            else:
                after = _trim(text, v[1], min(hi, sent.end))
                if after[1] > after[0] and any(w[:1].isupper() for w in _WORD.findall(text[after[0] : after[1]])):
                    cand.speaker_text = after  # "ujar kuasa hukum korban, Andi Wijaya"
                    cand.speaker_after = True
                elif not _words(self.filler_re.sub(" ", text[after[0] : after[1]]) if self.filler_re else ""):
                    cand.anaphora = "zero"  # "“…”, añadió."
                else:
                    return None
            return cand
        return None

    def _quote_pre(
        self, sent: Sentence, q: Quote, inner: tuple[int, int], lo: int, verbs: list[tuple[int, int, bool]]
    ) -> Candidate | None:
        text = self.text
        before = [v for v in verbs if lo <= v[0] and v[1] <= q.start]
        if not before:
            return None
        v = before[-1]
        gap = text[v[1] : q.start]
        if _HARD_STOP.search(gap) and not gap.strip().endswith(":"):
            return None
        if _words(gap) > 8:
            return None
        cand = Candidate("quote_pre", sent, inner, (v[0], v[1]), True)
        comp = self.comp_re.search(text, v[1], q.start) if self.comp_re is not None else None
        lead_in = text[comp.end() if comp is not None else v[1] : q.start]
        if self.filler_re is not None:
            lead_in = self.filler_re.sub(" ", lead_in)
        if _words(lead_in) >= (1 if comp is not None else 2) and not lead_in.strip().endswith(":"):
            # a partial quote inside reported speech: "il a estimé que la Turquie était « … »",
            # "Lin said China would take "resolute measures""
            content = _trim(text, comp.end() if comp is not None else v[1], sent.end)
            cand = Candidate("reported", sent, content, (v[0], v[1]), False)
        ref = self.subject_before(lo, v[0])
        if ref is not None:
            cand.speaker = ref
        elif v[2]:
            cand.anaphora = "clitic"
        elif not text[lo : v[0]].strip(" ,—–-"):
            cand.anaphora = "zero"
        else:
            cand.speaker_text = _trim(text, lo, v[0])
        return cand

    def _quote_colon(self, sent: Sentence, q: Quote, inner: tuple[int, int], lo: int) -> Candidate | None:
        """``Erdogan: “…”``: a speaker phrase and a colon right before the quote."""
        gap_end = q.start
        head = self.text[lo:gap_end].rstrip()
        if not head.endswith(":"):
            return None
        refs = self.refs_in(lo, gap_end)
        if refs and not self.text[refs[-1].end : gap_end].strip(" :"):
            return Candidate("headline", sent, inner, None, True, speaker=refs[-1])
        return None

    def _opens_paragraph(self, q: Quote) -> bool:
        """Is the next paragraph after this open quote's paragraph opened by a quotation mark?"""
        text = self.text
        i = q.end
        while i < len(text) and text[i].isspace():
            i += 1
        return i > q.end and "\n" in text[q.end : i] and text[i : i + 1] in '“„«"‘'

    def _quote_near_person(
        self, sent: Sentence, q: Quote, inner: tuple[int, int], quote_spans: list[tuple[int, int]]
    ) -> Candidate | None:
        """Without a cue file: a quote of 4+ words in a sentence naming exactly one known person."""
        if _words(self.text[inner[0] : inner[1]]) < 4:
            return None
        people = [
            r
            for r in self.refs_in(sent.start, sent.end)
            if r.kind == "person"
            and r.actor is not None
            and not r.new_person
            and not any(a <= r.start < b for a, b in quote_spans)
        ]
        if len({r.actor.id for r in people if r.actor is not None}) != 1:
            return None
        return Candidate("universal", sent, inner, None, True, speaker=people[0])

    def _frames(self, sent: Sentence, claimed: list[tuple[int, int]]) -> list[Candidate]:
        """``Menurut X, …`` and ``…, according to X``: X is the speaker (not a media outlet)."""
        if self.frame_re is None:
            return []
        text = self.text
        out: list[Candidate] = []
        for m in self.frame_re.finditer(text, sent.start, sent.end):
            if any(a <= m.start() < b for a, b in claimed):
                continue
            refs = self.refs_in(m.end(), min(sent.end, m.end() + 120))
            if not refs and _words(text[sent.start : m.start()]) <= 2:
                # "According to the Ministry of Health, …": a ministry the gazetteer does not know (its
                # state is the dateline's); other unknown bodies cited for figures are not sources
                comma = text.find(",", m.end(), sent.end)
                phrase = _WORD.findall(text[m.end() : comma]) if comma > 0 else []
                if (
                    0 < len(phrase) <= 8
                    and any(w.casefold() in MINISTRY_WORDS and w[:1].isupper() for w in phrase)
                    and _words(text[comma + 1 : sent.end]) >= 3
                ):
                    content = _trim(text, comma + 1, sent.end)
                    out.append(Candidate("frame", sent, content, (m.start(), m.end()), False,
                                         speaker_text=(m.end(), comma)))  # fmt: skip
                continue
            if not refs or text[m.end() : refs[0].start].strip(" ,") not in ("", "the", "la", "le", "el", "l'", "l’"):
                continue
            ref = refs[0]
            if _words(text[sent.start : m.start()]) <= 2:
                comma = text.find(",", ref.end, sent.end)
                if comma < 0:
                    continue
                phrase = _WORD.findall(text[ref.end : comma])
                if len(phrase) > 12 or sum(1 for w in phrase if not w[:1].isupper()) > 4:
                    continue  # "Menurut Kepala Badan … Bencana Andi Wirawan, …": a capitalised title chain may be long
                content = _trim(text, comma + 1, sent.end)
            else:
                if text[m.start() - 2 : m.start()].strip() != ",":
                    continue
                if _words(text[ref.end : sent.end]) > 3:
                    continue
                content = _trim(text, sent.start, m.start())
                acts = self.acts.find(self.tokens, content[0], content[1])
                if any(self.subject_before(content[0], a) is not None for a, _, _ in acts):
                    continue  # "Rubio has held talks with …, according to the spokesperson": Rubio's act
            if _words(text[content[0] : content[1]]) < 3:
                continue
            out.append(Candidate("frame", sent, content, (m.start(), m.end()), False, speaker=ref))
        return out

    def _reported(
        self, sent: Sentence, v: tuple[int, int, bool], quote_spans: list[tuple[int, int]]
    ) -> Candidate | None:
        text = self.text
        s, e = sent.start, sent.end
        after_text = text[v[1] : e]
        # post position: "…, kata X." / "…, a senior official said on Tuesday."
        comma = text.rfind(",", s, v[0])
        tail = self.filler_re.sub(" ", after_text) if self.filler_re is not None else after_text
        tail = re.sub(r"\([^()]*\)", " ", tail)
        # after a post-positioned verb only the speaker and adjuncts may follow ("said Erdogan on
        # Monday"), never a clause ("said Turkey would send troops")
        after_ref = self.subject_after(v[1], e)
        if after_ref is not None:
            rest = text[after_ref.end : e]
            rest = self.filler_re.sub(" ", rest) if self.filler_re is not None else rest
            rest = re.sub(r"\([^()]*\)|,[^,]*$", " ", rest)
            first = _WORD.findall(rest)[:1]
            # only adjuncts may follow the speaker: "said Erdogan in Ankara", not "said Washington would …"
            adjunct = not first or first[0].casefold() in self.adjunct_words or first[0][:1].isupper()
            tail_has_speaker = adjunct and (_words(rest) <= 3 or (bool(first) and _words(rest) <= 8))
        else:
            words_after = _WORD.findall(tail)
            name_end = text.find(",", v[1], e)  # "said Hans Berger, a spokesman for …": the apposition may name actors
            tail_has_speaker = (
                bool(words_after)
                and words_after[0][:1].isupper()
                and not self.refs_in(v[1], name_end if name_end > 0 else e)
            )
        if (
            comma > s
            and _words(text[comma : v[0]]) <= 8
            and (_words(after_text) <= 8 or (tail_has_speaker and _words(after_text.split(",")[0]) <= 6))
            and (_words(tail) <= 2 or tail_has_speaker)
            and (self.comp_re is None or not self.comp_re.search(after_text))
        ):
            content = _trim(text, s, comma)
            if _words(text[content[0] : content[1]]) >= 3:
                cand = Candidate("reported_post", sent, content, (v[0], v[1]), False)
                ref = self.subject_before(comma, v[0]) if text[comma + 1 : v[0]].strip() else None
                if ref is None:
                    ref = self.subject_after(v[1], e)
                if ref is not None:
                    cand.speaker = ref
                elif v[2]:
                    cand.anaphora = "clitic"
                elif text[comma + 1 : v[0]].strip():
                    cand.speaker_text = _trim(text, comma + 1, v[0])
                else:
                    after = _trim(text, v[1], e)
                    if after[1] > after[0] and text[after[0]].isupper():
                        cand.speaker_text = after
                        cand.speaker_after = True
                    else:
                        return None
                return cand
        # pre position: "X mengatakan (…) bahwa …"
        start = None
        has_comp = False
        window_end = min(e, v[1] + 160)
        if self.comp_re is not None:
            m = self.comp_re.search(text, v[1], window_end)
            if m is not None and not _HARD_STOP.search(text[v[1] : m.start()]):
                start = m.end()
                has_comp = True
        if start is None:
            j = v[1]
            rest = text[j:e].lstrip()
            has_comp = rest[:1] == ":"
            if rest[:1] in (":", ","):
                start = j + (len(text[j:e]) - len(rest)) + 1
            else:
                start = j
                if self.filler_re is not None:
                    while True:
                        k = start
                        while k < e and text[k].isspace():
                            k += 1
                        fm = self.filler_re.match(text, k)
                        if fm is None:
                            if text[k : k + 1] in (",", ":") and k > v[1]:
                                start = k + 1  # "mengatakan kepada wartawan, …"
                            break
                        start = fm.end()
        if not has_comp and self.weak is not None and self.weak.fullmatch(text, v[0], v[1]):
            return None  # "mengakui", "noted": speech only with "bahwa"/"that" or a colon
        if (
            not has_comp
            and self.bare is not None
            and self.bare.fullmatch(text, v[0], v[1]) is None
            and text[start - 1 : start] not in (",", ":")
        ):
            return None  # "China warns US over …": an object, not a clause
        content = _trim(text, start, self._before_post_cue(start, e))
        if _words(text[content[0] : content[1]]) < 3:
            return None
        if self.non_statement is not None and self.non_statement.match(text, v[0]):
            return None
        if any(a <= content[0] < b for a, b in quote_spans):
            return None  # quoted material right after the verb is handled as a quote
        meta = self.meta_re.match(text, content[0]) if self.meta_re is not None else None
        if meta is not None and self._ends_object(meta.end(), content[1]):
            return None  # "made the remarks in an interview": no new statement
        cand = Candidate("reported", sent, content, (v[0], v[1]), False)
        ref = self.subject_before(s, v[0])
        if ref is not None:
            cand.speaker = ref
        elif v[2]:
            cand.anaphora = "clitic"
        else:
            lead = text[s : v[0]]
            if not _words(lead) or (self.filler_re is not None and not _words(self.filler_re.sub(" ", lead))):
                cand.anaphora = "zero"
            else:
                opener = self.apposition_opener(s, v[0])
                cand.speaker_text = _trim(text, s, opener if opener is not None else v[0])
        return cand

    def _ends_object(self, pos: int, end: int) -> bool:
        """Does an object end at ``pos`` ("said it in an interview", "made the remarks.")?

        Not when a clause goes on ("said it will not send troops": "it" is that clause's subject).
        """
        words = _WORD.findall(self.text[pos:end])
        return not words or words[0].casefold() in self.adjunct_words or self.text[pos:end].lstrip()[:1] in ",.;"

    def _before_post_cue(self, start: int, e: int) -> int:
        """End of reported content before a trailing attribution: "…, kata Menteri X." → the comma."""
        text = self.text
        for a, _b, _ana in self._verbs(start, e):
            comma = text.rfind(",", start, a)
            if comma > start and _words(text[comma:a]) <= 1 and _words(text[a:e]) <= 9:
                return comma
        return e

    def _headline(self, sent: Sentence) -> Candidate | None:
        """``Aliyev: Kami tidak akan …`` at the start of a sentence."""
        text = self.text
        refs = self.refs_in(sent.start, min(sent.end, sent.start + 80))
        if not refs or refs[0].start > sent.start + 1:
            return None
        ref = refs[0]
        if text[ref.end : ref.end + 1] != ":" or ref.kind == "pronoun":
            return None
        content = _trim(text, ref.end + 1, sent.end)
        if _words(text[content[0] : content[1]]) < 3:
            return None
        return Candidate("headline", sent, content, None, False, speaker=ref)

    def _acts(
        self,
        sent: Sentence,
        quote_spans: list[tuple[int, int]],
        claimed: list[tuple[int, int]],
        found: list[Candidate],
    ) -> list[Candidate]:
        """Speech-act verbs with a subject: "Ankara rejected …", "Kemlu mengecam …"."""
        text = self.text
        s, e = sent.start, sent.end
        matches = [
            (a, b, name)
            for a, b, name in self.acts.find(self.tokens, s, e)
            if not any(x <= a < y for x, y in quote_spans + claimed)
        ]
        matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        kept: list[tuple[int, int, str]] = []
        for m in matches:
            if not kept or m[0] >= kept[-1][1]:
                kept.append(m)
        out: list[Candidate] = []
        previous: Candidate | None = found[-1] if found else None
        for i, (a, b, name) in enumerate(kept):
            before = text[max(s, a - 30) : a]
            if self.negation_re is not None and self.negation_re.search(" ".join(_WORD.findall(before)[-2:])):
                continue
            prev_words = _WORD.findall(before)
            if prev_words and prev_words[-1].casefold() in self.passive:
                continue  # "was condemned by": the subject is not the speaker
            if name == "consults" and self._scheduled(before):
                continue  # "akan bertemu", "is scheduled to meet": a meeting to come is not a statement
            end = e
            if i + 1 < len(kept):
                end = kept[i + 1][0]
            later = [x for x, _ in claimed if x > a]
            if later:
                end = min(end, min(later))  # "condemned the attack, adding that …": the act ends there
            content = _trim(text, a, end)
            content = (content[0], _strip_conj(text, *content))
            if _words(text[content[0] : content[1]]) < 2:
                continue
            if self.non_statement is not None and self.non_statement.match(text, a):
                continue  # "declined to comment"
            cand = Candidate("act", sent, content, (a, b), False, relation=name)
            ref = self.subject_before(s, a)
            if ref is not None:
                cand.speaker = ref
            elif previous is not None and re.search(r"(?:,|\band|\bdan|\by|\bet|\be|\bserta)\s*$", before, re.I):
                cand.speaker = previous.speaker
                cand.anaphora = previous.anaphora
                cand.speaker_text = previous.speaker_text
            else:
                lead = text[s:a]
                if not _words(lead) or "," in lead or _words(lead) > 5:
                    continue
                cand.speaker_text = _trim(text, s, a)
            out.append(cand)
            previous = cand
        return out


def _strip_conj(text: str, s: int, e: int) -> int:
    """End of a clause without a trailing conjunction ("… vessels and" → "… vessels")."""
    m = re.search(r"(?:\s*,)?\s+(?:and|dan|serta|y|e|et)\s*$", text[s:e], re.I)
    return s + m.start() if m else e
