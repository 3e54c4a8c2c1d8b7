"""Relation of a statement's content: cue lexicons, negation scope, conditions, CAMEO refinement.

The earliest relation cue of the main clause wins (conditions are not the main clause). A
negated positive cue flips by the language's ``[negation_flip]`` table ("tidak akan
mengirim" → declines); a role claim needs the speaker's own side in the content, otherwise
it is praise of whoever is named (supports). The topic refines the CAMEO code
("declines" + peacekeeping → 1224) through ``[refinements]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.model import Relation
from graph.relations import cameo_codebook
from loaders.extract.lang import CONDITION_LISTS, LangData
from loaders.extract.mentions import Hit
from loaders.extract.phrases import Tokens

FORCES_REACH = 40
"""How far after a withdrawal verb its object (troops, forces) is looked for."""
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(slots=True)
class RelationResult:
    relation: Relation
    cue: tuple[int, int] | None = None
    negated: bool = False
    topic: str | None = None
    cameo: str | None = None
    conditions: list[tuple[int, int]] = field(default_factory=list)
    certainty: float = 1.0


def find_conditions(
    text: str, start: int, end: int, lang: LangData, tokens: Tokens | None = None
) -> list[tuple[int, int]]:
    """Condition clauses in ``text[start:end]``: from the marker to the clause end.

    A marker of ``[conditions] markers`` always opens a condition; one of ``clause_markers``
    (Spanish and French "si") only when a clause follows it (a word of ``clause_starts`` or a
    capitalised name), so "si important" is no condition; none opens one inside a phrase of
    ``not_markers`` ("même si", "comme si", "preguntó si"); one of ``after_negation`` ("before",
    "until", "sebelum") only after a negation ("will not sign before the survey ends").

    Examples
    --------
    >>> from loaders.extract.lang import load_lang
    >>> t = "We will go only if there is a ceasefire, he said."
    >>> [t[s:e] for s, e in find_conditions(t, 0, len(t), load_lang("en"))]
    ['only if there is a ceasefire']
    >>> t = "Paris enverra des soldats si l'ONU le demande, même si la mission est si difficile."
    >>> [t[s:e] for s, e in find_conditions(t, 0, len(t), load_lang("fr"))]
    ["si l'ONU le demande"]
    """
    any_marker = lang.any_of(CONDITION_LISTS)
    if (
        any_marker is None
        or (tokens is not None and not tokens.may_hold(lang.first_words_of(CONDITION_LISTS), start, end))
        or any_marker.search(text, start, end) is None
    ):
        return []  # no marker of any kind (the common case): one scan (or none) instead of four
    blocked = _spans(lang.pattern("condition_not_markers"), text, start, end)
    opens = _spans(lang.pattern("condition_markers"), text, start, end)
    starts = lang.pattern("condition_clause_starts")
    for s, e in _spans(lang.pattern("condition_clause_markers"), text, start, end):
        if _opens_clause(text, e, end, starts):
            opens.append((s, e))
    negation = lang.pattern("negation_words")
    for s, e in _spans(lang.pattern("condition_after_negation"), text, start, end):
        if negation is not None and negation.search(text, start, s) is not None:
            opens.append((s, e))  # "will not sign before the survey ends": the refusal holds until then
    opens = sorted(m for m in opens if not any(a <= m[0] and m[1] <= b for a, b in blocked))
    out: list[tuple[int, int]] = []
    pos = start
    for m_start, m_end in opens:
        if m_start < pos:
            continue
        stop = end
        br = re.compile(r"[;.!?]|,\s").search(text, m_end, end)
        if br is not None:
            stop = br.start()
        while stop > m_end and text[stop - 1] in ' ,.;:”"’»':
            stop -= 1
        if text.count(")", m_end, stop) > text.count("(", m_end, stop):
            stop = text.rfind(")", m_end, stop)
            while stop > m_end and text[stop - 1] in " ,.;:":
                stop -= 1
        if stop - m_end >= 3:
            out.append((m_start, stop))
        pos = max(stop, m_end)
    return out


def _spans(pattern: re.Pattern[str] | None, text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [] if pattern is None else [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def _opens_clause(text: str, pos: int, end: int, starts: re.Pattern[str] | None) -> bool:
    """Does a clause start right after ``pos``: a clause-start word or a capitalised name?"""
    if pos < len(text) and text[pos - 1] in "'’":
        return True  # "s'il", "qu'elle": the pronoun is glued to the marker
    m = _WORD.match(text, _skip_spaces(text, pos, end))
    if m is None or m.start() == pos:
        return False
    if m.group(0)[:1].isupper():
        return True
    return starts is not None and starts.match(text, m.start()) is not None


def _skip_spaces(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _negated_before(text: str, clause_start: int, cue_start: int, lang: LangData) -> bool:
    neg = lang.pattern("negation_words")
    if neg is None:
        return False
    window = text[clause_start:cue_start]
    words = _WORD.findall(window)[-lang.negation_scope :]
    tail = " ".join(words)
    return bool(tail) and neg.search(tail) is not None


def _clause_start(text: str, lo: int, pos: int) -> int:
    i = pos
    while i > lo:
        if _CLAUSE_BREAK.match(text[i - 1]):
            return i
        i -= 1
    return lo


def _forces_after(text: str, pos: int, end: int, lang: LangData) -> bool:
    """Are troops or forces (the topics that refer to an initiative) named right after ``pos``?"""
    for topic in lang.words("initiative_topics"):
        pat = lang.pattern(f"topic:{topic}")
        m = pat.search(text, pos, min(end, pos + FORCES_REACH)) if pat is not None else None
        if m is not None:
            return True
    return False


def _starts_within(pattern: re.Pattern[str], text: str, s: int, e: int, end: int) -> bool:
    """Does a match of ``pattern`` start inside ``[s, e)`` (it may run on to ``end``)?"""
    m = pattern.search(text, s, end)
    return m is not None and m.start() < e


def _in_any(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def _word_before(text: str, lo: int, pos: int) -> str:
    """The word right before ``pos`` (after ``lo``), case-folded, or ''."""
    m = _WORD_BEFORE.search(text, max(lo, pos - 24), pos)
    return m.group(1).casefold() if m is not None else ""


def classify(
    text: str,
    start: int,
    end: int,
    lang: LangData,
    self_hits: list[Hit],
    cue: tuple[int, int] | None = None,
    forced: Relation | None = None,
    tokens: Tokens | None = None,
) -> RelationResult:
    """Relation of ``text[start:end]`` said by a speaker whose own side is ``self_hits``.

    Examples
    --------
    >>> from loaders.extract.lang import load_lang
    >>> t = "negaranya tidak berniat mengirim pasukan penjaga perdamaian ke Gaza"
    >>> r = classify(t, 0, len(t), load_lang("id"), [])
    >>> (r.relation.value, r.negated, r.cameo)
    ('declines', True, '1224')
    >>> t = "we will not send troops unless there is a ceasefire"
    >>> r = classify(t, 0, len(t), load_lang("en"), [])
    >>> (r.relation.value, [t[a:b] for a, b in r.conditions])
    ('declines', ['unless there is a ceasefire'])
    """
    toks = tokens if tokens is not None else Tokens(text)
    conditions = find_conditions(text, start, end, lang, toks)
    matches: list[tuple[int, int, str]] = []
    from_regex: set[tuple[int, int]] = set()
    for a, b, name in lang.matcher("relation").find(toks, start, end):
        if not _in_any(conditions, a, b):
            matches.append((a, b, name))
    # one scan tells whether any relation's regex matches in the content (most do not): without,
    # none is run
    any_regex = lang.any_relation_regex()
    regexes = any_regex is not None and any_regex.search(text, start, end) is not None
    for name, rx, slots in lang.relation_cues():
        if rx is not None and regexes:
            for m in rx.finditer(text, start, end):
                if not _in_any(conditions, m.start(), m.end()):
                    matches.append((m.start(), m.end(), name))
                    from_regex.add((m.start(), m.end()))
        for sp in slots if self_hits else ():
            for h in self_hits:
                if not (start <= h.start and h.end <= end):
                    continue
                s, e = h.start, h.end
                if sp.left is not None:
                    window_start = max(start, h.start - 80)
                    found = None
                    for lm in sp.left.finditer(text, window_start, h.start):
                        if not text[lm.end() : h.start].strip():
                            found = lm
                    if found is None:
                        continue
                    s = found.start()
                if sp.right is not None:
                    k = h.end
                    while k < end and text[k].isspace():
                        k += 1
                    rm = sp.right.match(text, k)
                    if rm is None:
                        continue
                    e = rm.end()
                matches.append((s, e, name))
    # longest match wins where matches overlap
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    kept: list[tuple[int, int, str]] = []
    for mt in matches:
        if all(mt[1] <= k[0] or k[1] <= mt[0] for k in kept):
            kept.append(mt)
    kept.sort()
    passive = lang.casefolded("passive_auxiliaries")
    if passive:
        # "will be met with a firm response", "was met with protests": no meeting after a passive auxiliary
        kept = [k for k in kept if k[2] != "consults" or _word_before(text, start, k[0]) not in passive]
    neg_pat = lang.pattern("negation_words")
    self_re = lang.pattern("self_refs")
    chosen: RelationResult | None = None
    if forced is not None:
        chosen = RelationResult(forced, None, certainty=0.95)
        kept = []
    withdraw_re = lang.pattern("withdrawals")
    for s, e, name in kept:
        negated = False
        rel = name
        if name in lang.negation_flip and _negated_before(text, _clause_start(text, start, s), s, lang):
            rel, negated = lang.negation_flip[name], True
        elif (
            name == "declines"
            and withdraw_re is not None
            and _negated_before(text, _clause_start(text, start, s), e, lang)
            and _starts_within(withdraw_re, text, s, e, end)
            and _forces_after(text, e, end, lang)
        ):
            # "will not withdraw our troops", "tidak akan menarik pasukan": a refused withdrawal of
            # forces keeps the commitment ("will not withdraw the protection" stays a refusal)
            rel, negated = Relation.commits.value, True
        elif name == "declines" and neg_pat is not None and neg_pat.search(text, s, e):
            negated = True
        if rel == "claims_role" and not (
            self_hits or (self_re is not None and self_re.search(text, start, end) is not None)
        ):
            rel = "supports"  # the speaker's own side is not in the content: praise of whoever is named
        if rel == "states" and negated:
            continue  # "we are not asking for favours; we are asking …": look further
        certainty = 0.8 if (s, e) in from_regex else (0.85 if negated and rel != name else 0.95)
        chosen = RelationResult(Relation(rel), (s, e), negated, certainty=certainty)
        break
    if chosen is None and cue is not None and text[cue[0] : cue[1]].strip():
        # the speech verb itself names the relation ("urged", "warned")
        cue_hits = lang.matcher("relation").find(toks, cue[0], cue[1])
        if len(cue_hits) == 1 and cue_hits[0][1] - cue_hits[0][0] == len(text[cue[0] : cue[1]].strip()):
            chosen = RelationResult(Relation(cue_hits[0][2]), None, certainty=0.8)
    if chosen is None:
        # no cue: a plain statement; on the annotated corpus such statements often carry an
        # unrecognised relation, so the relation (not the attribution) is uncertain
        chosen = RelationResult(Relation.states, None, certainty=0.6)
    chosen.conditions = conditions
    if conditions and chosen.relation in (Relation.commits, Relation.declines, Relation.states):
        bare = lang.pattern("bare_conditions")
        failing = (
            neg_pat is not None
            and bare is not None
            and any(bare.match(text, a) and neg_pat.search(text, a, b) for a, b in conditions)
        )
        leaving = (
            chosen.relation != Relation.commits  # "will keep its engineers but would withdraw them if …"
            and withdraw_re is not None
            and any(withdraw_re.search(text, start, a) for a, _ in conditions)
            and not chosen.negated
        )
        if (chosen.relation == Relation.commits and failing) or leaving:
            # "will send a protest note if Managua does not explain", "would withdraw if the
            # mission deviates": a step that depends on the other side is a threat, never a refusal
            chosen.relation = Relation.threatens
    chosen.topic, chosen.cameo = refine(text, start, end, lang, chosen.relation, toks)
    return chosen


def refine(
    text: str, start: int, end: int, lang: LangData, relation: Relation, tokens: Tokens | None = None
) -> tuple[str | None, str | None]:
    """The first topic found in the content that refines this relation's CAMEO code.

    Else the first topic found (no code). One scan with :meth:`LangData.any_topic` finds where the
    first topic starts; only the topics with a code for ``relation`` are searched from there, and
    the first topic is the first (in the file's order) whose pattern matches at that position
    (:func:`refine_long` is the long way: every topic searched, kept as the reference).
    """
    any_topic = lang.any_topic()
    first = (
        any_topic.search(text, start, end)
        if any_topic is not None and (tokens is None or tokens.may_hold(lang.topic_first_words(), start, end))
        else None
    )
    if first is None:
        return None, None  # no topic at all (the common case): one scan instead of one per topic
    at = first.start()  # no topic matches before: each topic's first match is found from there
    best: tuple[int, str, str] | None = None
    for topic, pat, code in lang.refining(relation.value, cameo_codebook()):
        m = pat.search(text, at, end)
        if m is not None and (best is None or m.start() < best[0]):
            best = (m.start(), topic, code)
    if best is not None:
        return best[1], best[2]
    for topic in lang.topics:  # the first topic: a topic's pattern that matches where the union did
        one = lang.pattern(f"topic:{topic}")
        if one is not None and one.match(text, at, end) is not None:
            return topic, None
    return None, None


def refine_long(text: str, start: int, end: int, lang: LangData, relation: Relation) -> tuple[str | None, str | None]:
    """:func:`refine` the long way: every topic searched over the whole content (the reference)."""
    first_topic: tuple[int, str] | None = None
    best: tuple[int, str, str] | None = None
    book = cameo_codebook()
    for topic in lang.topics:
        pat = lang.pattern(f"topic:{topic}")
        m = pat.search(text, start, end) if pat is not None else None
        if m is None:
            continue
        if first_topic is None or m.start() < first_topic[0]:
            first_topic = (m.start(), topic)
        code = lang.refinements.get(f"{relation.value}.{topic}")
        if code and code in book and (best is None or m.start() < best[0]):
            best = (m.start(), topic, code)
    if best is not None:
        return best[1], best[2]
    return (first_topic[1] if first_topic else None), None
