"""Targets of a statement: every actor its content is about, with a role.

- the speaker and the speaker's own side are never targets (they are the source);
- media outlets are not targets; places and actors after a locative word are ``location``; actors
  after an audience word or a framing phrase ("under the auspices of the AU", "aturan WTO") are
  ``mentioned``;
- actors inside a condition are ``mentioned`` — except that a threat, demand or appeal with no
  other target is aimed at the actor that must meet its condition;
- a person named as target stands for the state they hold a role for (Macron → france);
- the first other actor after the relation cue is the ``target``; the rest are ``mentioned``;
- the salient initiative is the target when the content refers to it ("misi ini", "this
  force", "peacekeepers" …) and the relation is about taking part in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from graph.model import ID_RE, Actor, ActorKind, Relation, Span, Target, TargetRole, unvalidated
from loaders.extract.lang import LangData
from loaders.extract.lexicon import Lexicon
from loaders.extract.mentions import Hit
from loaders.extract.relations import RelationResult
from loaders.extract.spans import evidence
from loaders.extract.windows import FRAME_REACH, LOCATIVE_REACH

_INITIATIVE_TARGETING = frozenset(
    {Relation.declines, Relation.commits, Relation.claims_role, Relation.supports, Relation.criticizes,
     Relation.states, Relation.agrees, Relation.demands}
)  # fmt: skip
_ALWAYS_TARGET = frozenset({Relation.consults, Relation.appeals, Relation.demands, Relation.accuses,
                            Relation.criticizes, Relation.threatens, Relation.supports, Relation.agrees})  # fmt: skip


_TAKING_PART = frozenset({Relation.declines, Relation.commits, Relation.claims_role})
_SUBJECT_TARGET = frozenset({Relation.demands, Relation.accuses, Relation.criticizes, Relation.supports})
# relations addressed to whoever must meet their condition when nothing else is named
_CONDITION_ADDRESSED = frozenset({Relation.threatens, Relation.demands, Relation.appeals})


def _span(text: str, s: int, e: int) -> Span:
    return evidence(text, s, e)


_TARGET_SET = frozenset(Target.model_fields)


def target(actor_id: str, role: TargetRole, mention: str | None, span: Span | None) -> Target:
    """``Target(actor_id=actor_id, role=role, mention=mention, span=span)``, made without pydantic's
    validator where validation would keep every value as it is.

    Validating a target (the id check and its span's after-validator, Python calls from the
    validator) is done ~2,400 times per news500 pass. The id is checked as :data:`graph.model.Id`
    checks it (:func:`known_id`), the role, mention and span by exact type, the span's offsets as
    its after-validator checks them again; anything else goes through ``Target(...)``, which
    converts or raises as before. The state is set as unpickling sets it (tests/test_extract_speed.py
    compares every target of the development articles with the validated one).
    """
    if not (
        known_id(actor_id)
        and type(role) is TargetRole
        and (mention is None or type(mention) is str)
        and (span is None or _kept_span(span))
    ):
        return Target(actor_id=actor_id, role=role, mention=mention, span=span)
    return unvalidated(Target, {"actor_id": actor_id, "role": role, "mention": mention, "span": span}, set(_TARGET_SET))


def _kept_span(span: Span) -> bool:
    """A :class:`Span` its after-validator accepts again (int offsets, the end not before the start)."""
    if type(span) is not Span:
        return False
    s, e = span.start, span.end
    return type(s) is int and type(e) is int and s <= e


_IDS: dict[str, bool] = {}
_IDS_MAX = 4096
"""Ids checked (speakers, targets, outlets, the article: the same few again and again); forgotten when full."""


def known_id(value: object) -> bool:
    """Does ``value`` pass :data:`graph.model.Id`'s check (remembered per string)?"""
    if type(value) is not str:
        return False
    ok = _IDS.get(value)
    if ok is None:
        if len(_IDS) >= _IDS_MAX:
            _IDS.clear()
        ok = _IDS[value] = ID_RE.match(value) is not None
    return ok


def build_targets(
    text: str,
    content: tuple[int, int],
    hits: list[Hit],
    rel: RelationResult,
    lex: Lexicon,
    exclude: set[str],
    initiative: Actor | None,
    person_state: Callable[[Actor], Actor | None],
) -> tuple[list[Target], list[Actor]]:
    """Targets and the actors they reference (to add to the batch)."""
    cs, ce = content
    lang = lex.lang
    loc_re, aud_re, frame_re = lang.pattern("locative"), lang.pattern("audience"), lang.pattern("frames")
    targets: list[Target] = []
    actors: list[Actor] = []
    seen: set[str] = set()
    primary_done = False
    last_target_end = -1
    cue_end = rel.cue[1] if rel.cue else cs
    for h in hits:
        actor = h.actor
        if actor.kind == ActorKind.media:
            continue
        if actor.kind in (ActorKind.person, ActorKind.organization, ActorKind.armed_group):
            state = person_state(actor)  # a person or a state organ stands for its state
            if state is not None:
                actor = state
        if actor.id in exclude or h.actor.id in exclude:
            continue
        in_condition = any(a <= h.start < b for a, b in rel.conditions)
        locative = actor.kind == ActorKind.place or (
            actor.kind == ActorKind.state and _preceded_by(text, cs, h.start, loc_re, lex)
        )
        audience = _preceded_by(text, cs, h.start, aud_re, lex) or _preceded_by(
            text, cs, h.start, frame_re, lex, FRAME_REACH
        )
        coordinated = last_target_end >= 0 and lex.target_link_re.fullmatch(text[last_target_end : h.start]) is not None
        if locative:
            role = TargetRole.location
        elif coordinated and not in_condition:
            role = TargetRole.target
        elif in_condition or audience:
            role = TargetRole.mentioned
        elif (
            actor.kind == ActorKind.initiative
            and rel.relation in _INITIATIVE_TARGETING
            and (rel.relation != Relation.states or initiative is None or actor.id == initiative.id)
        ) or (
            not primary_done
            and rel.relation != Relation.states
            and (
                h.start >= cue_end
                or (rel.cue is None and rel.relation in _ALWAYS_TARGET)
                or rel.relation in _SUBJECT_TARGET  # "Israel must stop", "Israel violated …"
            )
            and rel.relation not in (Relation.claims_role, Relation.declines, Relation.commits)
        ):
            role = TargetRole.target
        else:
            role = TargetRole.mentioned
        if role == TargetRole.target and actor.kind != ActorKind.initiative:
            primary_done = True
            last_target_end = h.end
        if actor.id in seen:
            if role == TargetRole.target:
                for t in targets:
                    if t.actor_id == actor.id and t.role != TargetRole.target:
                        t.role = TargetRole.target
            continue
        seen.add(actor.id)
        targets.append(target(actor.id, role, h.text, _span(text, h.start, h.end)))
        actors.append(actor)
    if initiative is not None and initiative.id not in seen and initiative.id not in exclude:
        ref = _initiative_ref(text, cs, ce, lang, rel)
        if ref is None and rel.relation == Relation.claims_role:
            ref = (cs, cs)  # a role claim in an article about an initiative is a claim in that initiative
        if ref is not None:
            role = TargetRole.target if rel.relation in _INITIATIVE_TARGETING else TargetRole.mentioned
            implied = ref[0] == ref[1]
            targets.append(
                target(
                    initiative.id,
                    role,
                    None if implied else text[ref[0] : ref[1]],
                    None if implied else _span(text, *ref),
                )
            )
            actors.append(initiative)
    # a threat, demand or appeal without a target is aimed at whoever must meet its condition
    # ("will suspend trade if Belizean patrols detain our fishermen again" → Belize)
    if rel.relation in _CONDITION_ADDRESSED and not any(t.role == TargetRole.target for t in targets):
        for t in targets:
            if t.role == TargetRole.mentioned and t.span is not None and _in_spans(rel.conditions, t.span.start):
                t.role = TargetRole.target
                break
    # declines/commits/claims_role without an initiative: the first other actor after the cue
    if not any(t.role == TargetRole.target for t in targets):
        for t in targets:
            if (
                t.role == TargetRole.mentioned
                and t.span is not None
                and t.span.start >= cue_end
                and not any(a <= t.span.start < b for a, b in rel.conditions)
                and rel.relation in (Relation.declines, Relation.commits)
            ):
                t.role = TargetRole.target
                break
    return targets, actors


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _preceded_by(
    text: str, lo: int, pos: int, pattern: re.Pattern[str] | None, lex: Lexicon, reach: int = LOCATIVE_REACH
) -> bool:
    """Is the word (with an optional article) right before ``pos`` one of ``pattern``'s phrases?"""
    if pattern is None:
        return False
    window = text[max(lo, pos - reach) : pos].rstrip()
    article = lex.article_at_end_re.search(window)
    if article is not None:
        window = window[: article.start()]
    return any(not window[m.end() :].strip() for m in pattern.finditer(window))


def _initiative_ref(text: str, cs: int, ce: int, lang: LangData, rel: RelationResult) -> tuple[int, int] | None:
    """Where the content refers to the salient initiative (a reference word or its topic)."""
    pat = lang.pattern("initiative_refs")
    if pat is not None:
        m = pat.search(text, cs, ce)
        if m is not None:
            return m.start(), m.end()
    if rel.topic in lang.words("initiative_topics") and rel.relation in _TAKING_PART:
        topic = lang.pattern(f"topic:{rel.topic}")
        m = topic.search(text, cs, ce) if topic is not None else None
        if m is not None:
            return m.start(), m.end()
    return None
