"""A candidate and its resolved speaker → a :class:`graph.model.Statement` with its evidence.

The relation is read from the content (or fixed by an act verb), targets from the actors the
content names, the date from the sentence frame, and the confidence is the product of the
pattern's base confidence, the speaker resolution and the relation evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.model import (
    EXTRACTOR_VERSION,
    ID_RE,
    IMPLIED_SPEAKER_MENTION,
    Actor,
    ActorKind,
    Relation,
    Span,
    Statement,
    Target,
    TargetRole,
    fold,
    unvalidated,
)
from graph.relations import codes_for
from loaders.extract.article import ArticleContext
from loaders.extract.attribution import Anaphora, Candidate, Pattern
from loaders.extract.mentions import Hit, Ref
from loaders.extract.provenance import frame_date
from loaders.extract.relations import RelationResult, classify, refine
from loaders.extract.spans import evidence, words
from loaders.extract.speakers import Speaker, SpeakerResolver
from loaders.extract.targets import build_targets, known_id, target
from loaders.extract.windows import PAIR_REACH

BASE_CONFIDENCE = {
    Pattern.quote_post: 0.92,
    Pattern.quote_pre: 0.92,
    Pattern.reported: 0.85,
    Pattern.reported_post: 0.85,
    Pattern.frame: 0.8,
    Pattern.headline: 0.7,
    Pattern.act: 0.85,
    Pattern.universal: 0.6,
    Pattern.open_quote: 0.85,
    Pattern.continuation: 0.85,
}
"""How often each attribution pattern names the right speaker when it fires."""
UNKNOWN_LANGUAGE = 0.8
"""Confidence factor for an article in a language without a cue file."""

# relations aimed at someone: with no actor in the content, the previous sentence's actor is the target
_DIRECTED = frozenset({Relation.criticizes, Relation.accuses, Relation.demands, Relation.threatens, Relation.denies})
_STANDS_FOR_STATE = (ActorKind.person, ActorKind.organization, ActorKind.armed_group)
# relations a pair reference ("urged both sides", "a salué les deux pays") directs at two actors
_PAIR_RELATIONS = frozenset({Relation.appeals, Relation.demands, Relation.criticizes, Relation.accuses,
                             Relation.threatens, Relation.supports, Relation.consults, Relation.agrees})  # fmt: skip


def _pair(
    ctx: ArticleContext,
    before: int,
    content: tuple[int, int],
    conditions: list[tuple[int, int]],
    own: set[str],
    person_state: Callable[[Actor], Actor | None],
) -> list[tuple[Actor, Hit]]:
    """The actors a pair reference in the content ("both sides", "kedua negara") stands for.

    The last two distinct states or organisations named before the sentence (within ``PAIR_REACH``);
    the speaker's own side may be one of the two and is then not a target ("Sugiono said both
    countries discussed …"). Nothing when the reference sits in a condition or two are not found.
    """
    pattern = ctx.lang.pattern("pair_refs")
    m = pattern.search(ctx.text, *content) if pattern is not None else None
    if m is None or any(a <= m.start() < b for a, b in conditions):
        return []
    found: list[tuple[Actor, Hit]] = []
    for h in reversed(ctx.index.within(max(0, before - PAIR_REACH), before)):
        actor: Actor | None = h.actor
        if h.actor.kind in _STANDS_FOR_STATE:
            actor = person_state(h.actor) or (None if h.actor.kind == ActorKind.person else h.actor)
        if actor is None or actor.kind not in (ActorKind.state, ActorKind.organization):
            continue
        if all(actor.id != a.id for a, _ in found):
            found.append((actor, h))
        if len(found) == 2:
            return [(a, h) for a, h in found if a.id not in own]
    return []


_OWN_SIDE = frozenset({Relation.consults, Relation.agrees, Relation.commits, Relation.claims_role})
"""Cooperative acts read from the content: the speaker's only when the speaker's side acts (praise
of a subject, "Israel is a strategic ally", stays ``supports``)."""
_SUBJECT_KINDS = frozenset({ActorKind.state, ActorKind.organization, ActorKind.armed_group, ActorKind.person})
SUBJECT_LEAD_WORDS = 2
"""Words (articles, a title) allowed before an actor that opens the content as its subject."""


@dataclass(slots=True)
class Built:
    """A statement with what made it: its speaker, its candidate, whether the text dated it."""

    statement: Statement
    speaker: Speaker
    cand: Candidate
    text_date: bool

    @property
    def key(self) -> str:
        """The speaker's key for per-speaker propagation (via, date)."""
        return speaker_key(self.speaker)


def speaker_key(sp: Speaker) -> str:
    return sp.speaker_id or sp.on_behalf_of or ""


def span(text: str, s: int, e: int) -> Span:
    return evidence(text, s, e)


_VALUES = tuple(Statement.model_fields)[:-1]
"""The fields :func:`build_statement` gives a statement, in their order: all but ``claim_id`` (the last)."""
_CAMEO = re.compile(r"[0-9]{2,4}")
_DATE_SOURCES = frozenset({"text", "article", "none"})


def trusted_statement(values: dict[str, Any]) -> Statement:
    """``Statement(**values)`` (``values``: every field but ``claim_id``, in the fields' order, as
    :func:`build_statement` makes them), made without pydantic's validator where validation would
    keep each value as it is.

    Validating a statement (five id checks, an after-validator per span and one per statement, all
    Python calls from the validator) was ~4 % of extraction, and the extractor makes each value
    itself: spans with :func:`evidence`, text slices of the article, lists of validated targets.
    What construction does not settle is checked here: ids as :data:`graph.model.Id` checks them
    (remembered per string: the same speakers, outlets and article again and again), codes,
    confidence, flags and the date by exact type and range. Anything else goes through
    ``Statement(**values)``, which converts or raises as before. The state is set as unpickling
    sets it, the lists copied as validation copies them, ``undated`` and ``date_source`` as the
    statement's validator sets them. The result equals the validated statement in every way a
    caller can see on every statement of the development articles (tests/test_extract_speed.py).
    """
    kept = _trusted(values)
    if kept is None:
        return Statement(**values)
    targets, conditions, day, date_source = kept
    undated = day is None
    return unvalidated(
        Statement,
        {
            **values,
            "targets": list(targets),
            "conditions": list(conditions),
            "date_source": "none" if undated else date_source,
            "undated": undated,
            "claim_id": None,
        },
        set(_VALUES),
    )


def _trusted(values: dict[str, Any]) -> tuple[list[Target], list[str], date | None, str] | None:
    """``values``' targets, conditions, date and date source when validation would keep every value
    as it is (see :func:`trusted_statement`), else None."""
    if tuple(values) != _VALUES:
        return None
    (id_, article_id, speaker_id, _mention, _speaker_span, on_behalf_of_id, relation, cameo, _plover, quad_class,
     goldstein, targets, _content, _content_span, direct, _cue, _cue_span, conditions, negated, day, date_source,
     _undated, via_id, _sentence, _sentence_span, _language, confidence, _version) = values.values()  # fmt: skip
    if (
        type(id_) is str
        and ID_RE.match(id_) is not None
        and known_id(article_id)
        and (speaker_id is None or known_id(speaker_id))
        and (on_behalf_of_id is None or known_id(on_behalf_of_id))
        and (via_id is None or known_id(via_id))
        and type(cameo) is str
        and _CAMEO.fullmatch(cameo) is not None
        and type(quad_class) is int
        and 1 <= quad_class <= 4
        and type(goldstein) is float
        and -10 <= goldstein <= 10
        and type(confidence) is float
        and 0 <= confidence <= 1
        and type(relation) is Relation
        and type(direct) is bool
        and type(negated) is bool
        and (day is None or type(day) is date)
        and date_source in _DATE_SOURCES
    ):
        return targets, conditions, day, date_source
    return None


def build_statement(
    ctx: ArticleContext,
    speakers: SpeakerResolver,
    cand: Candidate,
    ref: Ref | None,
    sp: Speaker,
    via: Actor | None,
    prev_sentence: tuple[int, int] | None = None,
) -> Built | None:
    """The statement of ``cand`` said by ``sp`` (named by ``ref``), reported ``via`` an outlet."""
    text, lang = ctx.text, ctx.lang
    own = ctx.article.text or text  # evidence is quoted from the article itself (same offsets as text)
    cs, ce = cand.content
    if ce <= cs:
        return None
    rs, re_ = cand.extent or (cs, ce)  # a quote split around its attribution is read whole
    hits = ctx.index.within(rs, re_)
    self_ids = {i for i in (sp.speaker_id, sp.on_behalf_of) if i}
    self_hits = [h for h in hits if h.actor.id in self_ids]
    cue_text = own[cand.cue[0] : cand.cue[1]] if cand.cue else None
    forced = Relation(cand.relation) if cand.relation else None
    if forced is None and cand.cue is not None:
        acts = lang.matcher("act").find(ctx.tokens, cand.cue[0], cand.cue[1])
        if len(acts) == 1 and (acts[0][0], acts[0][1]) == cand.cue:
            forced = Relation(acts[0][2])
    rel = classify(text, rs, re_, lang, self_hits, cand.cue, forced, ctx.tokens)
    if (
        forced is None
        and rel.cue is not None
        and rel.relation in _OWN_SIDE
        and (sp.on_behalf_of is not None or not sp.is_person)
        and _other_subject(ctx, hits, self_ids, rs, rel.cue[0])
    ):
        # "X says Russia cannot stomach the accession talks with the EU", "dit que le Rwanda a
        # accepté …": another actor's cooperation is reported, not the speaker's own
        rel = RelationResult(Relation.states, None, conditions=rel.conditions, certainty=0.6)
        rel.topic, rel.cameo = refine(text, rs, re_, lang, rel.relation, ctx.tokens)
    try:
        codes = codes_for(rel.relation, rel.cameo)
    except ValueError:  # a refinement the relation's codebook does not have
        codes = codes_for(rel.relation)

    def person_state(person: Actor) -> Actor | None:
        if person.kind != ActorKind.person:
            return speakers.state_of(person) if person.kind in (ActorKind.organization, ActorKind.armed_group) else None
        state_id = speakers.person_speaker(person, None, None, False).on_behalf_of
        return ctx.gaz.actor(state_id) if state_id is not None else None

    targets, target_actors = build_targets(text, (rs, re_), hits, rel, ctx.lex, self_ids, ctx.initiative, person_state)
    sent = cand.sentence
    if not targets and rel.relation in _DIRECTED and prev_sentence is not None:
        # "Tarif itu tidak adil," after a sentence naming the United States' tariffs: the act is
        # plainly directed at the actor the previous sentence named
        for h in reversed(ctx.index.within(*prev_sentence)):
            actor: Actor | None = h.actor
            if h.actor.kind in _STANDS_FOR_STATE:
                actor = person_state(h.actor) or (None if h.actor.kind == ActorKind.person else h.actor)
            if actor is None or actor.id in self_ids or actor.kind not in (ActorKind.state, ActorKind.organization):
                continue
            targets.append(target(actor.id, TargetRole.target, h.text, span(text, h.start, h.end)))
            target_actors.append(actor)
            break
    if rel.relation in _PAIR_RELATIONS and not any(t.role == TargetRole.target for t in targets):
        # "urged both sides to …", "a appelé les deux pays à …": the two actors named before
        for actor, h in _pair(ctx, cand.sentence.start, (rs, re_), rel.conditions, self_ids, person_state):
            targets.append(target(actor.id, TargetRole.target, h.text, span(text, h.start, h.end)))
            target_actors.append(actor)
    if cand.kind == Pattern.act:  # the act's clause is its frame: its adjuncts ("mardi", "Senin (12/01/2026)") date it
        fd = frame_date(text, (sent.start, sent.end), (cs, cs), lang, ctx.day)
    else:
        fd = frame_date(text, (sent.start, sent.end), (cs, ce), lang, ctx.day, cand.cue)
    mention: str
    mspan: Span | None
    if ref is not None:
        mention, mspan = own[ref.start : ref.end], span(own, ref.start, ref.end)
    elif cand.anaphora == Anaphora.clitic and cand.cue is not None:
        mention, mspan = own[cand.cue[0] : cand.cue[1]], span(own, *cand.cue)
    else:
        mention, mspan = IMPLIED_SPEAKER_MENTION, None
    confidence = BASE_CONFIDENCE.get(cand.kind, 0.7) * sp.confidence * rel.certainty
    if not lang.known:
        confidence *= UNKNOWN_LANGUAGE
    article = ctx.article
    day = fd or ctx.day
    st = trusted_statement({
        "id": Statement.make_id(article.id, cs, ce),
        "article_id": article.id,
        "speaker_id": sp.speaker_id,
        "speaker_mention": mention,
        "speaker_span": mspan,
        "on_behalf_of_id": sp.on_behalf_of,
        "relation": rel.relation,
        "cameo": codes.cameo,
        "plover": codes.plover,
        "quad_class": codes.quad_class,
        "goldstein": codes.goldstein,
        "targets": targets,
        "content": own[cs:ce],
        "content_span": span(own, cs, ce),
        "direct": cand.direct,
        "cue": cue_text,
        "cue_span": span(own, *cand.cue) if cand.cue else None,
        "conditions": [own[a:b] for a, b in rel.conditions],
        "negated": rel.negated,
        "date": day,
        "date_source": "text" if fd else "article" if ctx.day else "none",
        "undated": day is None,
        "via_id": via.id if via is not None else None,
        "sentence": own[sent.start : sent.end],
        "sentence_span": span(own, sent.start, sent.end),
        "language": lang.code if lang.known else article.language,
        "confidence": round(min(1.0, max(0.0, confidence)), 3),
        "extractor_version": EXTRACTOR_VERSION,
    })  # fmt: skip
    sp.actors.extend(target_actors)
    return Built(st, sp, cand, fd is not None)


def finish(built: list[Built], speaker_via: dict[str, str], ctx: ArticleContext) -> list[Statement]:
    """Propagate via and dates per speaker, drop duplicates, order by position."""
    # a speaker's statements without a date of their own take the speaker's date in this
    # article: the latest one before them, else (headline, lead) the first one after them
    dates_of: dict[str, list[date]] = {}
    for b in built:
        if b.text_date and b.key and b.statement.date is not None:
            dates_of.setdefault(b.key, []).append(b.statement.date)
    dated: dict[str, date] = {}
    result: list[Statement] = []
    seen: set[tuple[str, str, str]] = set()
    ids: set[str] = set()
    # a statement can only repeat one of the same speaker and relation: the content is folded for
    # the comparison only where another statement shares them (most speakers say one thing each)
    shared = _heads(built)
    for b in built:
        st = b.statement
        key = b.key
        if st.via_id is None and key in speaker_via:
            st.via_id = speaker_via[key]
        if b.text_date and key and st.date is not None:
            dated[key] = st.date
        elif key and st.date_source != "text":
            later = dates_of.get(key)
            known = dated.get(key) or (later[0] if later else None)
            if known is not None:
                st.date, st.date_source, st.undated = known, "text", False
        head = (st.speaker_id or "", st.relation.value)
        if shared[head] > 1:
            dedupe = (*head, fold(st.content))
            if dedupe in seen or st.id in ids:
                continue  # the same act reported twice (headline and lead), or one span read twice
            seen.add(dedupe)
        elif st.id in ids:
            continue
        ids.add(st.id)
        for a in b.speaker.actors:
            ctx.out.actor(a)
        result.append(st)
    result.sort(key=lambda s: s.content_span.start if s.content_span else 0)
    return result


def _heads(built: list[Built]) -> Mapping[tuple[str, str], int]:
    """How many statements share each (speaker, relation): only those can repeat one another."""
    return Counter((b.statement.speaker_id or "", b.statement.relation.value) for b in built)


def _other_subject(ctx: ArticleContext, hits: list[Hit], self_ids: set[str], start: int, cue: int) -> bool:
    """Does another actor than the speaker's side open the content as the subject of its cue?"""
    for h in hits:
        if h.start < start or h.start >= cue:
            continue
        if words(ctx.text[start : h.start]) > SUBJECT_LEAD_WORDS:
            return False
        return h.actor.kind in _SUBJECT_KINDS and h.actor.id not in self_ids
    return False
