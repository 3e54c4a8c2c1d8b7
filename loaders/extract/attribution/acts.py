"""Speech acts without a speech verb: "Ankara rejected …", "Kemlu mengecam …", "France backs …".

The act verb comes from the cue file's ``[acts]`` lists and fixes the relation; its subject is
the speaker and its clause (up to the next act or the next claimed span) is the content. A
negated act ("did not condemn"), a passive one ("was condemned by") and a meeting to come
("akan bertemu", "is scheduled to meet") are not statements.
"""

from __future__ import annotations

from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Candidate, Pattern, SentenceScan
from loaders.extract.attribution.clauses import joint_at_end, second_predicate
from loaders.extract.attribution.subjects import (
    apposition_opener,
    joint_subject,
    lead_end,
    subject_after_verb,
    subject_before,
)
from loaders.extract.attribution.verbs import act_verbs
from loaders.extract.mentions import RefKind
from loaders.extract.spans import HARD_STOP, WORD, trim, words
from loaders.extract.windows import ACT_LEAD_REACH


def acts(ctx: ArticleContext, scan: SentenceScan) -> list[Candidate]:
    """Act verbs of the sentence outside quotes and claimed spans, each with its subject."""
    text = ctx.text
    sent = scan.sentence
    s, e = sent.start, sent.end
    taken = scan.quote_spans + scan.claimed
    matches = [(a, b, name) for a, b, name in act_verbs(ctx, s, e) if not any(x <= a < y for x, y in taken)]
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str]] = []
    for m in matches:
        if not kept or m[0] >= kept[-1][1]:
            if kept and _embedded(ctx, kept[-1], m[0], s):
                continue  # "Norway denies reports it offered troops": the clause of the first act
            kept.append(m)
    negation_re = ctx.lang.pattern("negation_words")
    non_statement = ctx.lang.pattern("non_statements")
    out: list[Candidate] = []
    previous: Candidate | None = scan.found[-1] if scan.found else None
    for i, (a, b, name) in enumerate(kept):
        before = text[max(s, a - ACT_LEAD_REACH) : a]
        if negation_re is not None and negation_re.search(" ".join(WORD.findall(before)[-2:])):
            continue
        prev_words = WORD.findall(before)
        if prev_words and prev_words[-1].casefold() in ctx.lex.passive:
            continue  # "was condemned by": the subject is not the speaker
        if name == "consults" and _scheduled(ctx, before):
            continue  # "akan bertemu", "is scheduled to meet": a meeting to come is not a statement
        end = e
        if i + 1 < len(kept):
            end = kept[i + 1][0]
        later = [x for x, _ in scan.claimed if x > a]
        if later:
            end = min(end, min(later))  # "condemned the attack, adding that …": the act ends there
        content = trim(text, a, end)
        second = second_predicate(ctx, b, content[1])
        if second is not None:
            content = (content[0], second)  # "condenó … y dijo que …": the second predicate is its own
        content = trim(text, content[0], _strip_conjunction(ctx, *content))
        if words(text[content[0] : content[1]]) < 2:
            continue
        if non_statement is not None and non_statement.match(text, a):
            continue  # "declined to comment"
        cand = Candidate(Pattern.act, sent, content, (a, b), False, relation=name)
        ref = subject_before(ctx, s, a) or subject_after_verb(ctx, s, (a, b), end)
        if ref is not None and ref.end <= a and joint_subject(ctx, ref, s):
            continue  # "Francia y el Reino Unido, que …, celebraron": a joint act has no single speaker
        if ref is not None:
            cand.speaker = ref
        elif previous is not None and ctx.lex.coordinated_re.search(before):
            cand.take_speaker(previous)  # "… rejected the plan and called for …": the same subject
        else:
            end = lead_end(ctx, s, a)
            opener = apposition_opener(ctx, s, a)  # "Ion Vasilescu, the party's campaign chief, praised"
            if opener is not None:
                end = opener
            lead = text[s:end]
            if not words(lead) or "," in lead or words(lead) > 5:
                continue
            cand.speaker_text = trim(text, s, end)
        out.append(cand)
        previous = cand
    return out


def act_subject_in(ctx: ArticleContext, span: tuple[int, int]) -> bool:
    """Does an act verb in ``span`` have its own subject there ("Rubio has held talks with …")?"""
    found = act_verbs(ctx, span[0], span[1])
    return any(subject_before(ctx, span[0], a) is not None for a, _, _ in found)


def _embedded(ctx: ArticleContext, previous: tuple[int, int, str], a: int, lo: int) -> bool:
    """Is the act verb at ``a`` inside the clause of the previous act, its subject a pronoun?

    "denied it had offered troops", "rejected claims they had sent ships": the pronoun refers back
    to the first act's subject; the second verb is what is denied or rejected, not a new act.
    """
    ref = subject_before(ctx, lo, a)
    if ref is None or ref.kind != RefKind.pronoun:
        return False
    between = ctx.text[previous[1] : ref.start]
    if any(c in between for c in ",;:") or HARD_STOP.search(between):
        return False
    return not any(w.casefold() in ctx.lex.conjunctions for w in WORD.findall(between))


def _scheduled(ctx: ArticleContext, before: str) -> bool:
    """Does ``before`` (the text before an act verb) end with a future or schedule marker?"""
    if ctx.lex.future_re is None:
        return False
    tail = " ".join(WORD.findall(before)[-3:])
    return any(m.end() >= len(tail) - 1 for m in ctx.lex.future_re.finditer(tail))


def _strip_conjunction(ctx: ArticleContext, s: int, e: int) -> int:
    """End of a clause without a trailing conjunction ("… vessels and", "… on purpose, but")."""
    m = joint_at_end(ctx, s, e)
    return m.start() if m else e
