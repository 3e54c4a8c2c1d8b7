"""The speaker slot of a cue: the speaker phrase right before it, or right after it.

Shared by every attribution pattern. "Right before" allows fillers ("also", "on Monday"), a
short apposition ("Erdogan, the Turkish president, said"), and a relative clause (", who spoke
on condition of anonymity,"); it refuses a possessor ("Brazil's coach said"), a place that only
locates the subject ("the Chinese embassy in Jakarta said") and an object of an earlier verb
("China condemned the sale to Taiwan and warned").
"""

from __future__ import annotations

import re

from loaders.extract.article import ArticleContext
from loaders.extract.mentions import Ref, RefKind
from loaders.extract.spans import HARD_STOP, WORD, word_start, words
from loaders.extract.windows import (
    ENVOY_REACH,
    FILLER_REACH,
    HEAD_NOUN_REACH,
    JOINT_AND_REACH,
    JOINT_FIRST_REACH,
    MEMBER_LINK_REACH,
    NAME_BEFORE_LINK_REACH,
    NAME_BEFORE_REACH,
    PLACE_SUFFIX_REACH,
    PREPOSITION_REACH,
)

_AGE_TAIL = re.compile(r",\s*\d{1,3}\s*$")
_LAST_TOKEN = re.compile(r"([\w'’]+)\s*$")
_NOUN_THEN_NAME = re.compile(r"\s+[a-z][\w-]*\s+[A-Z]\w+")
_PARENTHESES = re.compile(r"\([^()]*\)")
_MEMBER_LINK = re.compile(r"(?:,\s*)?\b(\w+)\s+$")
_MEMBER_LINK_ARTICLE = re.compile(r"(?:,\s*)?\b(\w+)\s+(\w+['’]?)\s*$")
_CAPITALISED_BEFORE = re.compile(r"[A-Z]\w*\s+$")
_NOUN_BEFORE_PREPOSITION = re.compile(r"(\w+)\s+\w+\s+$")

_SPEAKING = frozenset({RefKind.person, RefKind.office, RefKind.anon})
_SPEAKING_OR_ACTOR = _SPEAKING | {RefKind.actor}  # not (*_SPEAKING, …) in place: mypyc cannot compile that
_DATELINE = re.compile(r"^.{0,60}?\s[-–—]\s", re.S)
"""A wire dateline opening a sentence ("BAKU, 5 January - ")."""
_DASHED = re.compile(r"\s[-–—]\s")
_DASH = re.compile(r"[-–—]")


def bare_lead(ctx: ArticleContext, start: int, cue_start: int) -> bool:
    """Does nothing but a dateline, fillers or an attached prefix stand before a cue in its sentence?

    Then a speaker right after the cue is its subject (verb-subject order: "قال الوزير إن …",
    "Rechazó el canciller …").
    """
    end = word_start(ctx.text, cue_start)
    lead = ctx.text[start:end]
    if _DASH.search(lead) is None:  # a dateline holds a dash (most leads hold none)
        return not words(ctx.without_fillers(start, end))
    lead = _DATELINE.sub("", lead, count=1)
    if ctx.lex.filler_re is not None:
        lead = ctx.lex.filler_re.sub(" ", lead)
    return not words(lead)


def subject_after_verb(ctx: ArticleContext, start: int, cue: tuple[int, int], end: int) -> Ref | None:
    """The speaker of a sentence-initial cue written before its subject ("وأدانت مصر …", "قال الوزير إن …"):
    the speaker phrase right after the cue, when nothing but a dateline or fillers precedes the cue."""
    if not bare_lead(ctx, start, cue[0]):
        return None
    ref = subject_after(ctx, cue[1], end) or _body_after(ctx, cue[1], end)
    return ref if ref is not None and ref.kind in _SPEAKING_OR_ACTOR else None


def _body_after(ctx: ArticleContext, pos: int, end: int) -> Ref | None:
    """A state body named by a common noun right after ``pos`` ("وطالبت الوزارة …": ``[bodies]``)."""
    found = list(WORD.finditer(ctx.text, pos, end))[: ctx.lex.longest_body]
    if not found or ctx.text[pos : found[0].start()].strip():
        return None
    for last in reversed(found):
        ref = ctx.names.body_at(found[0].start(), last.end())
        if ref is not None and ref.start == found[0].start():
            return ref
    return None


def joint_subject(ctx: ArticleContext, ref: Ref, lo: int) -> bool:
    """Is ``ref`` the second of two coordinated subjects ("Indonesia and Malaysia agreed", "Francia y
    el Reino Unido celebraron")?"""
    start = ref.start
    article = _LAST_TOKEN.search(ctx.text, max(lo, start - JOINT_AND_REACH), start)
    if article is not None and article.group(1).casefold().replace("’", "'") in ctx.lex.articles:
        start = article.start()  # "y el Reino Unido": the article belongs to the second subject
    joint = ctx.lex.joint_re.search(ctx.text, max(lo, start - JOINT_AND_REACH), start)
    if joint is None:
        return False
    before = ctx.refs_in(max(lo, joint.start() - JOINT_FIRST_REACH), joint.start())
    return bool(before) and not ctx.text[before[-1].end : joint.start()].strip(" ,")


def short_gap(ctx: ArticleContext, s: int, e: int, max_words: int = 4, apposition: bool = True) -> bool:
    """Is ``text[s:e]`` only fillers, commas, dates and at most a few lower-case words?"""
    gap = ctx.text[s:e]
    if HARD_STOP.search(gap) or ":" in gap:
        return False
    if apposition and gap.strip().startswith(",") and gap.strip().endswith(",") and words(gap) <= 15:
        return True  # apposition: "Erdogan, the Turkish president, said"
    gap = ctx.without_fillers(s, e)
    gap = _PARENTHESES.sub(" ", gap)
    found = WORD.findall(gap)
    if any(w[:1].isupper() for w in found):
        return False  # another name stands between
    return len(found) <= max_words


def subject_before(ctx: ArticleContext, lo: int, cue_start: int) -> Ref | None:
    """The speaker phrase nearest before a cue, if only a short gap separates them.

    A relative clause between them (", who spoke on condition of anonymity,") is skipped;
    a possessor is not a speaker ("Brazil's coach said").
    """
    text = ctx.text
    cands = ctx.refs_in(lo, cue_start)
    if not cands:
        return None
    ref = cands[-1]
    member = member_of(ctx, lo, ref)
    if member is not None:
        return member  # "Nidal Abu Shanab of the Palestinian Authority said"
    if modifier_place(ctx, ref):
        # "The Chinese embassy in Jakarta said", "one London-based broker said": the place
        # locates the subject, it is not the subject; the state named before it may be
        earlier = [r for r in cands[:-1] if r.kind == RefKind.actor and _short_noun_gap(ctx, r.end, ref.start)]
        if not earlier or words(text[lo : earlier[-1].start]) > 4:
            return None  # "… berunjuk rasa di depan Kedutaan Besar AS di Jakarta": not the subject
        return earlier[-1]
    if ctx.lex.relative_re is not None:
        rel = None
        for m in ctx.lex.relative_re.finditer(text, lo, cue_start):
            rel = m
        if (
            rel is not None
            and lo < rel.start()
            and (rel.start() <= ref.start or not text[ref.end : rel.start()].strip(" ,"))
            and text[rel.start() : cue_start].rstrip().endswith(",")
        ):
            # "The official, who spoke …, said" / "Slovakia, which also buys gas there, welcomed"
            return subject_before(ctx, lo, rel.start())
    gap = text[ref.end : cue_start]
    if ref.kind == RefKind.actor and _DATELINE.match(text[lo:cue_start]) and _DASHED.search(gap):
        return None  # "BAKU, 5 January - said …": the dateline's place is not the subject
    possessive = next((p for p in ctx.lex.possessives if gap.lstrip().startswith(p)), None)
    if possessive is not None or (ctx.lex.possessives and gap.startswith(("'", "’"))):
        # "Israel's military said", "China's foreign ministry said": a state body speaks for its
        # state; "Brazil's coach said": a possessor is not a speaker
        body = WORD.findall(gap.lstrip()[len(possessive or "") :])
        if (
            ref.kind == RefKind.actor
            and 1 <= len(body) <= 3
            and all(w.islower() for w in body)
            and any(w.casefold() in ctx.lang.words("state_bodies") for w in body)
        ):
            return ref
        return None
    opener = apposition_opener(ctx, lo, cue_start)
    if (
        opener is not None
        and ref.kind == RefKind.person
        and ref.title is not None
        and not text[opener + 1 : ref.start].strip()
    ):
        return ref  # "El director de …, vicealmirante Luis Rico Bravo, informó": the apposition names the subject
    if opener is not None and ref.start > opener and ref.kind in (RefKind.person, RefKind.actor, RefKind.office):
        # "X, a senior fellow at Brookings, said" / "X, the sister of leader Y, said" / "Malaysia,
        # selaku ketua ASEAN, memuji": the phrase inside the apposition describes the subject (or
        # names its voice: "par la voix de son porte-parole"), it is not the subject
        before = ctx.refs_in(lo, opener)
        if (
            before
            and before[-1].kind in (RefKind.person, RefKind.office, RefKind.anon, RefKind.actor)
            and not text[before[-1].end : opener].strip()
            and (
                before[-1].kind == RefKind.actor  # "El Gobierno peruano, a través de su portavoz, rechazó"
                or not _CAPITALISED_BEFORE.search(
                    text[max(lo, before[-1].start - NAME_BEFORE_REACH) : before[-1].start]
                )
            )
        ):
            return before[-1]
        return None  # an unknown name ("Kim Yo Jong", not the known "Jong"): read from the text
    if ctx.lex.conjunction_gap_re.fullmatch(gap):
        return None  # "China condemned the sale to Taiwan and warned …": Taiwan is an object
    if ref.kind == RefKind.actor and gap.strip() == ",":
        # "Erdogan, speaking to reporters on his flight from Qatar, said": Qatar ends an aside
        opener = text.rfind(",", lo, ref.start)
        if opener > lo:
            before = ctx.refs_in(lo, opener + 1)
            if before and before[-1].kind in _SPEAKING and not text[before[-1].end : opener].strip():
                return before[-1]
        if text[lo : ref.start].strip(' —–-"“”'):
            return None  # "… Sanksi Baru AS, Sebut …": a name ending a clause is not its subject
    tail = gap.strip()
    if ref.kind == RefKind.actor and tail.endswith(",") and not tail.startswith(",") and WORD.search(tail):
        # "… una propuesta de Estados Unidos sobre el agua, dijo un alto funcionario": the name ends
        # the clause before the comma; the cue after it is post-positioned
        return None
    if short_gap(ctx, ref.end, cue_start, apposition=ref.kind in _SPEAKING):
        return ref
    return None


def member_of(ctx: ArticleContext, lo: int, ref: Ref) -> Ref | None:
    """The person an organisation or state follows ("X of the Palestinian Authority", "X, de l'Union
    africaine,", "X dari Otoritas Palestina"): that person, speaking for it; None otherwise."""
    if ref.kind != RefKind.actor or ref.actor is None:
        return None
    text = ctx.text
    links = ctx.lang.words("member_links")
    window = max(lo, ref.start - MEMBER_LINK_REACH)
    m = _MEMBER_LINK.search(text, window, ref.start)  # "dari Otoritas Palestina"
    if m is None or m.group(1).casefold() not in links:
        m = _MEMBER_LINK_ARTICLE.search(text, window, ref.start)  # "of the Palestinian Authority"
        if (
            m is None
            or m.group(1).casefold() not in links
            or m.group(2).casefold().replace("’", "'") not in ctx.lex.definite_articles
        ):
            return None
    left = m.start()
    before = ctx.refs_in(max(lo, left - NAME_BEFORE_LINK_REACH), left)
    person: Ref | None = None
    if before and before[-1].kind == RefKind.person and before[-1].actor is not None:
        person = before[-1] if not text[before[-1].end : left].strip() else None
    else:
        found = ctx.names.unknown_name_at(max(lo, left - NAME_BEFORE_LINK_REACH), left)
        if found is not None and found.kind == RefKind.person and found.actor is not None and " " in found.text:
            person = found
    if person is None or person.affiliation is not None:
        return None
    return Ref(RefKind.person, person.start, ref.end, text[person.start : ref.end], actor=person.actor,
               affiliation=ref.actor, title=person.title, new_person=person.new_person,
               parts=[*person.parts, *ref.parts])  # fmt: skip


def apposition_opener(ctx: ArticleContext, lo: int, cue_start: int) -> int | None:
    """The comma opening an apposition that ends right before a cue ("X, a fellow at Y, said"), or None.

    The apposition starts with a lower-case word (an article or a common noun) and is short.
    """
    text = ctx.text
    close = text[lo:cue_start].rstrip()
    if ctx.lex.filler_re is not None:
        close = ctx.without_fillers(lo, lo + len(close)).rstrip()
    if not close.endswith(","):
        return None
    end = lo + len(text[lo:cue_start].rstrip()) - 1
    while end > lo and text[end] != ",":
        end -= 1
    opener = text.rfind(",", lo, end)
    if opener <= lo or HARD_STOP.search(text, opener, end):
        return None
    inner = WORD.findall(text[opener + 1 : end].strip())
    if not inner or not inner[0][:1].islower() or len(inner) > 15:
        return None
    if not text[lo:opener].strip(' "“”«»„'):
        return None
    return opener


def subject_after(ctx: ArticleContext, cue_end: int, hi: int) -> Ref | None:
    """The speaker phrase right after a cue ("said Erdogan", "kata Menteri X"), if any."""
    cands = ctx.refs_in(cue_end, hi)
    if not cands:
        return None
    gap = ctx.text[cue_end : cands[0].start]
    if ctx.lex.filler_re is not None and cands[0].kind in _SPEAKING and not HARD_STOP.search(gap):
        gap = ctx.without_fillers(
            cue_end, cands[0].start
        )  # "заявил в понедельник президент Алиев", "dijo el lunes el canciller X"
    gap = gap.strip(" ,:.").casefold().rstrip(".")
    # determiners, and before a title the capitalised words of a longer title ("said Deputy Director …")
    determiners = ctx.lang.words("determiners")
    titles = ctx.lang.words("title_words") if cands[0].kind in (RefKind.office, RefKind.person) else frozenset()
    if not gap or all(w in determiners or w in titles for w in gap.replace(".", " ").split()):
        if cands[0].kind == RefKind.actor and _NOUN_THEN_NAME.match(ctx.text, cands[0].end):
            return None  # "said China captain Wu Lei": the state qualifies the person named next
        return cands[0]
    return None


def modifier_place(ctx: ArticleContext, ref: Ref) -> bool:
    """Is this actor a place qualifying a noun phrase ("… in Jakarta", "London-based")?"""
    if ref.kind != RefKind.actor:
        return False
    text = ctx.text
    lex = ctx.lex
    if lex.place_suffix_re is not None and lex.place_suffix_re.match(text[ref.end : ref.end + PLACE_SUFFIX_REACH]):
        return True
    before = lex.word_before_re.search(text[max(0, ref.start - PREPOSITION_REACH) : ref.start])
    if before is not None and before.group(1).casefold() in ctx.lang.words("envoy_prepositions"):
        # "Russia's ambassador to the UN said": the organisation the envoy is sent to
        envoy = lex.two_words_before_re.search(text[max(0, ref.start - ENVOY_REACH) : ref.start])
        return envoy is not None and envoy.group(1).casefold() in ctx.lang.words("envoys")
    if before is None or before.group(1).casefold() not in ctx.lex.locatives:
        return False
    head = _NOUN_BEFORE_PREPOSITION.search(text[max(0, ref.start - HEAD_NOUN_REACH) : ref.start])
    return head is not None  # a noun before the preposition: "embassy in", "kedutaan di"


def _short_noun_gap(ctx: ArticleContext, s: int, e: int) -> bool:
    """``text[s:e]`` is one to three words ("embassy in", "Embassy of China in" → "in")."""
    found = WORD.findall(ctx.text[s:e])
    return 1 <= len(found) <= 4 and not HARD_STOP.search(ctx.text, s, e)


def speaker_lead_end(ctx: ArticleContext, lo: int, pos: int) -> int:
    """End of an unread speaker phrase before a cue: before its relative clause and an age.

    "Fatma Demir, 61, who spent the night … in the town of Pütürge, said": the phrase is "Fatma
    Demir" (the town inside the relative clause is not the speaker).
    """
    end = lead_end(ctx, lo, pos)
    rel = ctx.lex.relative_re.search(ctx.text, lo, end) if ctx.lex.relative_re is not None else None
    if rel is not None and rel.start() > lo:
        end = lo + len(_AGE_TAIL.sub("", ctx.text[lo : rel.start()]))
    return end


def lead_end(ctx: ArticleContext, lo: int, pos: int) -> int:
    """End of a speaker phrase before a cue at ``pos``, without trailing fillers ("Ion Bostan, has")."""
    filler = ctx.lex.filler_re
    text = ctx.text
    end = pos
    while filler is not None:
        while end > lo and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        last = None
        for m in filler.finditer(text, max(lo, end - FILLER_REACH), end):
            last = m
        if last is None or last.end() != end or last.start() <= lo:
            break
        end = last.start()
    return end
