"""Reported speech around a speech verb.

- post position: "…, kata X.", "…, a senior official said on Tuesday." — the clause before the
  comma is the content, the speaker stands next to the verb;
- pre position: "X mengatakan bahwa …", "X said (that) …", "X said: …", "X told reporters, …" —
  the content starts after the complementizer, a colon or a comma, or right after the verb
  (only for the cue file's ``bare_verbs``, when it lists them).
"""

from __future__ import annotations

import re

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Anaphora, Candidate, Pattern, Verb
from loaders.extract.attribution.clauses import complementizer, first_subject, joined, joint_at_end, second_predicate
from loaders.extract.attribution.subjects import (
    apposition_opener,
    lead_end,
    speaker_lead_end,
    subject_after,
    subject_after_verb,
    subject_before,
)
from loaders.extract.attribution.verbs import speech_verbs
from loaders.extract.sentences import Sentence
from loaders.extract.spans import HARD_STOP, WORD, skip_space, trim, word_start, words
from loaders.extract.windows import COMPLEMENTIZER_REACH, MAX_TITLE_CHAIN_WORDS, OBJECT_CUE_REACH

_PARENTHESES = re.compile(r"\([^()]*\)")
_PARENTHESES_OR_LAST_CLAUSE = re.compile(r"\([^()]*\)|,[^,]*$")


def reported(ctx: ArticleContext, sent: Sentence, v: Verb, quote_spans: list[tuple[int, int]]) -> Candidate | None:
    """The reported-speech candidate of one speech verb, post- or pre-positioned, or None."""
    applies, cand = _post(ctx, sent, v)
    return cand if applies else _pre(ctx, sent, v, quote_spans)


def _filtered(ctx: ArticleContext, start: int, end: int) -> str:
    return ctx.without_fillers(start, end)


def _post(ctx: ArticleContext, sent: Sentence, v: Verb) -> tuple[bool, Candidate | None]:
    """ "…, kata X." / "…, a senior official said on Tuesday.": (does the pattern apply, its candidate)."""
    text = ctx.text
    s, e = sent.start, sent.end
    joint = ctx.lex.clause_joint_re.search(text, v.end, e)
    if joint is not None:
        e = joint.start()  # "…, Turkish officials have said, but Israel has objected": a new clause follows
    after_text = text[v.end : e]
    comma = text.rfind(",", s, v.start)
    tail: str | None = None  # what follows the verb without fillers and parentheses (read when needed)
    # after a post-positioned verb only the speaker and adjuncts may follow ("said Erdogan on
    # Monday"), never a clause ("said Turkey would send troops")
    after_ref = subject_after(ctx, v.end, e)
    if after_ref is not None:
        rest = _PARENTHESES_OR_LAST_CLAUSE.sub(" ", _filtered(ctx, after_ref.end, e))
        first = WORD.findall(rest)[:1]
        # only adjuncts may follow the speaker: "said Erdogan in Ankara", not "said Washington would …"
        adjunct = (
            not first
            or first[0].casefold() in ctx.lex.adjunct_words
            or first[0].casefold() in ctx.lang.words("org_links")  # "said Minister X of Canada"
            or first[0][:1].isupper()
        )
        tail_has_speaker = adjunct and (
            words(rest) <= 3 or (bool(first) and (words(rest) <= 8 or _speaker_phrase(ctx, rest)))
        )
    else:
        tail = _PARENTHESES.sub(" ", _filtered(ctx, v.end, v.end + len(after_text)))
        words_after = WORD.findall(tail)
        name_end = text.find(",", v.end, e)  # "said Hans Berger, a spokesman for …": the apposition may name actors
        tail_has_speaker = (
            bool(words_after)
            and words_after[0][:1].isupper()
            and not ctx.refs_in(v.end, name_end if name_end > 0 else e)
        )
    if _apposed_name(ctx, s, comma):
        return False, None  # "Malaysia's consul in Perth, Jaya Suhaimi, urged …": the subject's apposition
    comp_re = ctx.lang.pattern("complementizers")
    if not (
        comma > s
        and words(text[comma : v.start]) <= 8
        and (words(after_text) <= 8 or (tail_has_speaker and _speaker_phrase(ctx, after_text.split(",")[0])))
        and (
            tail_has_speaker
            or words(
                tail if tail is not None else _PARENTHESES.sub(" ", _filtered(ctx, v.end, v.end + len(after_text)))
            )
            <= 2
        )
        and (comp_re is None or not comp_re.search(after_text))
    ):
        return False, None
    content = trim(text, s, comma)
    if words(text[content[0] : content[1]]) < 3:
        return False, None
    cand = Candidate(Pattern.reported_post, sent, content, (v.start, v.end), False)
    ref = subject_before(ctx, comma, v.start) if text[comma + 1 : word_start(text, v.start)].strip() else None
    if ref is None:
        ref = subject_after(ctx, v.end, e)
    if ref is not None:
        cand.speaker = ref
    elif v.anaphoric:
        cand.anaphora = Anaphora.clitic
    elif text[comma + 1 : word_start(text, v.start)].strip():
        cand.speaker_text = trim(text, comma + 1, lead_end(ctx, comma + 1, v.start))
    else:
        after = trim(text, v.end, e)
        if after[1] > after[0] and text[after[0]].isupper():
            cand.speaker_text = after
            cand.speaker_after = True
        else:
            return True, None
    return True, cand


def _apposed_name(ctx: ArticleContext, s: int, comma: int) -> bool:
    """Is ``text[:comma]`` closed by a name in apposition (", Jaya Suhaimi,"), not by a clause?"""
    text = ctx.text
    opener = text.rfind(",", s, comma)
    if opener < 0:
        return False
    found = WORD.findall(text[opener + 1 : comma])
    return 2 <= len(found) <= 4 and all(w[:1].isupper() for w in found) and words(text[s:opener]) <= 8


def _speaker_phrase(ctx: ArticleContext, phrase: str) -> bool:
    """Can ``phrase`` be one speaker phrase after a post-positioned cue: a few words, or a longer
    capitalised title chain ending with the name ("kata Kabid Humas Polda Kaltara Komisaris Besar
    Adil Pramudya", "a déclaré le directeur des Pêches et Ressources Halieutiques Koffi Mensah")?
    Articles, links and title words written lower-case ("le directeur des") belong to such a chain."""
    found = WORD.findall(phrase)
    if len(found) <= 6:
        return True
    if len(found) > MAX_TITLE_CHAIN_WORDS:
        return False
    lang = ctx.lang
    chain = (lang.words("determiners"), lang.words("org_links"), lang.words("title_words"), ctx.lex.articles)
    other = [
        w
        for w in found
        if w.islower() and not any(w in words for words in chain) and ctx.lex.canonical_title(w) is None
    ]
    return len(other) <= 2


def _content_start(ctx: ArticleContext, sent: Sentence, v: Verb) -> tuple[int, bool, int]:
    """Where reported content starts after the verb, whether a complementizer or colon marks it,
    and where that marker starts (the verb's end when there is none)."""
    text = ctx.text
    e = sent.end
    limit = min(e, v.end + COMPLEMENTIZER_REACH)
    m = complementizer(ctx, v.end, limit)
    if m is None and not v.anaphoric:
        # verb-subject order: the subject stands between the verb and "that" ("قال الوزير إن …")
        after = subject_after_verb(ctx, sent.start, (v.start, v.end), limit)
        if after is not None:
            m = complementizer(ctx, after.end, limit)
            obj = skip_space(text, after.end)
            if m is None and _opens_with_relation(ctx, obj, e):
                # verb-subject-object: "أكدت الوزارة رفضها …", the object names the stance
                return obj, True, obj
    if m is not None:
        return m.end(), True, m.start()
    j = v.end
    rest = text[j:e].lstrip()
    if rest[:1] in (":", ","):
        return j + (len(text[j:e]) - len(rest)) + 1, rest[:1] == ":", j
    start = j
    filler_re = ctx.lex.filler_re
    if filler_re is not None:
        while True:
            k = start
            while k < e and text[k].isspace():
                k += 1
            fm = filler_re.match(text, k)
            if fm is None:
                if text[k : k + 1] in (",", ":") and k > v.end:
                    start = k + 1  # "mengatakan kepada wartawan, …"
                break
            start = fm.end()
    return start, False, v.end


def _pre(ctx: ArticleContext, sent: Sentence, v: Verb, quote_spans: list[tuple[int, int]]) -> Candidate | None:
    """ "X mengatakan (…) bahwa …" / "X said (that) …" """
    text = ctx.text
    lang = ctx.lang
    s, e = sent.start, sent.end
    start, has_comp, marker = _content_start(ctx, sent, v)
    weak = lang.pattern("weak_verbs")
    if not has_comp and weak is not None and weak.fullmatch(text, v.start, v.end):
        return None  # "mengakui", "noted": speech only with "bahwa"/"that" or a colon
    bare = lang.pattern("bare_verbs")
    if (
        not has_comp
        and bare is not None
        and bare.fullmatch(text, v.start, v.end) is None
        and text[start - 1 : start] not in (",", ":")
    ):
        return None  # "China warns US over …": an object, not a clause
    content = trim(text, start, _before_post_cue(ctx, start, e))
    second = second_predicate(ctx, *content)
    if second is not None:
        content = trim(text, content[0], second)  # "…, but warned that …": a second act follows
    if words(text[content[0] : content[1]]) < 3:
        return None
    non_statement = lang.pattern("non_statements")
    if non_statement is not None and non_statement.match(text, v.start):
        return None
    if any(a <= content[0] < b for a, b in quote_spans):
        return None  # quoted material right after the verb is handled as a quote
    meta_re = lang.pattern("meta_objects")
    meta = meta_re.match(text, content[0]) if meta_re is not None else None
    if meta is not None and _ends_object(ctx, meta.end(), content[1]):
        return None  # "made the remarks in an interview": no new statement
    cand = Candidate(Pattern.reported, sent, content, (v.start, v.end), False)
    if joined(ctx, s, v.start):
        # "Sugiono mengecam … dan mengatakan …", "…, but said …": the first predicate's subject
        ref, unread = first_subject(ctx, s, v.start)
        if ref is not None or unread is not None:
            cand.speaker, cand.speaker_text = ref, unread
            return cand
        if not _sentence_initial_joint(ctx, s, v.start):
            return None
        # "وقال الوزير إن …": a sentence-initial "and" joins the previous sentence, not a predicate
    ref = subject_before(ctx, s, v.start)
    lead = text[s : word_start(text, v.start)]
    bare_lead = not words(lead) or (ctx.lex.filler_re is not None and not words(ctx.without_fillers(s, s + len(lead))))
    if ref is None and has_comp and not v.anaphoric:
        # verb-subject order: "Said the minister that …", "قال الوزير إن …", "заявил министр, что …"
        ref = subject_after_verb(ctx, s, (v.start, v.end), marker)
        if ref is not None and (HARD_STOP.search(text, ref.end, marker) or words(text[ref.end : marker]) > 8):
            ref = None  # only the speaker and a short adjunct stand between the verb and "that"
    if ref is not None:
        cand.speaker = ref
    elif v.anaphoric:
        cand.anaphora = Anaphora.clitic
    else:
        if bare_lead:
            cand.anaphora = Anaphora.zero
        else:
            opener = apposition_opener(ctx, s, v.start)
            cand.speaker_text = trim(text, s, opener if opener is not None else speaker_lead_end(ctx, s, v.start))
    return cand


def _opens_with_relation(ctx: ArticleContext, pos: int, e: int) -> bool:
    """Does a relation cue ("رفضها", "دعمه") open the words at ``pos`` (after an attached prefix at most)?"""
    found = ctx.lang.matcher("relation").find(ctx.tokens, pos, min(e, pos + OBJECT_CUE_REACH))
    return any(word_start(ctx.text, a) == pos for a, _, _ in found)


def _sentence_initial_joint(ctx: ArticleContext, s: int, pos: int) -> bool:
    """Does only a coordinator or contrastive (written apart or attached) stand before ``pos``?"""
    m = joint_at_end(ctx, s, pos)
    return m is not None and not words(ctx.text[s : m.start()])


def _ends_object(ctx: ArticleContext, pos: int, end: int) -> bool:
    """Does an object end at ``pos`` ("said it in an interview", "made the remarks.")?

    Not when a clause goes on ("said it will not send troops": "it" is that clause's subject).
    """
    found = WORD.findall(ctx.text[pos:end])
    return not found or found[0].casefold() in ctx.lex.adjunct_words or ctx.text[pos:end].lstrip()[:1] in ",.;"


def _before_post_cue(ctx: ArticleContext, start: int, e: int) -> int:
    """End of reported content before a trailing attribution: "…, kata Menteri X." → the comma."""
    text = ctx.text
    for v in speech_verbs(ctx, start, e):
        comma = text.rfind(",", start, v.start)
        if comma > start and words(text[comma : v.start]) <= 1 and words(text[v.start : e]) <= 9:
            return comma
    return e
