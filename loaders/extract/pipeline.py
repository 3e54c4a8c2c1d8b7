"""Glue: article → sentences → candidates → speakers → relations/targets → statements.

Never raises on odd text: every stage that fails adds a warning and the batch keeps what
was found. Runs in time linear in the text (regex alternations over literals, bisect
lookups); a 5 MB text is processed in seconds.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from graph.model import (
    EXTRACTOR_VERSION,
    Actor,
    ActorKind,
    Article,
    IngestBatch,
    Relation,
    Role,
    Span,
    Statement,
    Target,
    TargetRole,
    fold,
)
from graph.relations import codes_for
from loaders.extract.attribution import Attributor, Candidate
from loaders.extract.context import article_day, dateline_state, frame_date, salient_initiative, sentence_vias
from loaders.extract.lang import LangData, load_lang
from loaders.extract.lexicon import lexicon
from loaders.extract.mentions import Hit, MentionIndex, Ref, RefFinder
from loaders.extract.phrases import Tokens
from loaders.extract.relations import classify
from loaders.extract.sentences import Quote, Sentence, find_quotes, paragraphs, split_sentences
from loaders.extract.speakers import Speaker, SpeakerResolver, weaker
from loaders.extract.targets import build_targets

log = logging.getLogger(__name__)

# relations a pair of coordinated subjects performs together (no single speaker)
_RELATIONS_OF_TWO = frozenset({Relation.agrees, Relation.consults, Relation.commits})
# relations aimed at someone: with no actor in the content, the previous sentence's actor is the target
_DIRECTED = frozenset({Relation.criticizes, Relation.accuses, Relation.demands, Relation.threatens, Relation.denies})
_SUBJECT_KINDS = frozenset({"person", "title", "pronoun", "actor", "anon"})
_QUOTE_MARKS = '"“”«»„'
_SPEAKER_KINDS = frozenset({ActorKind.state, ActorKind.organization, ActorKind.armed_group, ActorKind.person})
_BASE_CONFIDENCE = {
    "quote_post": 0.92,
    "quote_pre": 0.92,
    "reported": 0.85,
    "reported_post": 0.85,
    "frame": 0.8,
    "headline": 0.7,
    "act": 0.85,
    "universal": 0.6,
    "open_quote": 0.85,
    "continuation": 0.85,
}


@dataclass(slots=True)
class _Built:
    statement: Statement
    speaker: Speaker
    cand: Candidate
    text_date: bool


@dataclass(slots=True)
class _Collector:
    actors: dict[str, Actor] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def actor(self, a: Actor | None) -> None:
        if a is not None and a.id not in self.actors:
            self.actors[a.id] = a

    def role(self, r: Role) -> None:
        self.roles.setdefault(r.key, r)


def _gazetteer(warnings: list[str]) -> Any:
    try:
        from loaders.gazetteer import Gazetteer

        return Gazetteer.default()
    except Exception as exc:  # extraction without a gazetteer still finds quotes and names
        warnings.append(f"gazetteer unavailable ({type(exc).__name__}: {exc}); actors are unresolved")
        return None


def _language(article: Article, lang: str | None, warnings: list[str]) -> LangData:
    code = lang or article.language
    if not code:
        try:
            from loaders.langid import detect_language

            code = detect_language(article.text)
        except Exception as exc:
            warnings.append(f"language detection failed ({type(exc).__name__})")
            code = None
    data = load_lang(code)
    if not data.known:
        warnings.append(
            f"no cue file for language {code or 'unknown'!r}: only quotes and names are used "
            "(add loaders/data/lang/<code>.toml)"
        )
    return data


def _mentions(gaz: Any, text: str, lang: LangData, warnings: list[str]) -> list[Hit]:
    """Gazetteer mentions, searched paragraph block by block (bounded cost per call)."""
    if gaz is None:
        return []
    code = lang.code if lang.known else None
    out: list[Hit] = []
    for start, end in _blocks(text):
        try:
            found = gaz.find_mentions(text[start:end], code)
        except Exception as exc:
            warnings.append(f"gazetteer mention search failed ({type(exc).__name__}: {exc})")
            return out
        out.extend(Hit(m.actor, start + m.start, start + m.end, m.text) for m in found)
    return out


def _blocks(text: str, size: int = 8000) -> list[tuple[int, int]]:
    """Consecutive ``[start, end)`` blocks of about ``size`` characters, cut at paragraph ends."""
    blocks: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        blocks.append((start, end))
        start = end
    return blocks


def _outlet(gaz: Any, article: Article) -> Actor | None:
    if gaz is None:
        return None
    if article.outlet_id:
        known: Actor | None = gaz.actor(article.outlet_id)
        if known is not None:
            return known
    names = [article.outlet] if article.outlet else []
    if article.url:
        from urllib.parse import urlsplit

        host = urlsplit(article.url).netloc.lower().removeprefix("www.")
        names += [host, host.split(".")[0]]
    for name in names:
        if not name:
            continue
        try:
            a = gaz.resolve(name)
        except Exception:
            a = None
        if a is not None and a.kind == ActorKind.media:
            found: Actor = a
            return found
    return None


def national_state(gaz: Any, outlet: Actor | None, lang: str) -> Actor | None:
    """The state of a national outlet writing in a language official there and in at most two states.

    Its titles ("Menteri", "Kapolri") are then that state's offices; English, Spanish or French
    titles are not, being official in dozens of states.

    Examples
    --------
    >>> from loaders.gazetteer import Gazetteer
    >>> outlet = Actor(id="x", name="X", kind="media", country="ID")
    >>> national_state(Gazetteer.default(), outlet, "id").id, national_state(Gazetteer.default(), outlet, "en")
    ('indonesia', None)
    """
    if gaz is None or outlet is None or not outlet.country:
        return None
    from babel.core import get_global

    official = ("official", "de_facto_official")
    territories = get_global("territory_languages")
    if territories.get(outlet.country.upper(), {}).get(lang, {}).get("official_status") not in official:
        return None
    if sum(1 for langs in territories.values() if langs.get(lang, {}).get("official_status") in official) > 2:
        return None
    state = gaz.state(outlet.country)
    return state if isinstance(state, Actor) else None


def _span(text: str, s: int, e: int) -> Span:
    return Span(start=s, end=e, text=text[s:e])


def extract_article(article: Article, *, lang: str | None = None) -> IngestBatch:
    """See :func:`loaders.extract.extract`."""
    warnings: list[str] = []
    text = article.text or ""
    language = _language(article, lang, warnings)
    out = _Collector(warnings=warnings)
    gaz = _gazetteer(warnings)
    art = article.model_copy()
    if language.known and not art.language:
        art.language = language.code
    outlet = _outlet(gaz, article)
    if outlet is not None:
        art.outlet_id = outlet.id
        out.actor(outlet)
    if not text.strip():
        warnings.append("article has no text")
        return IngestBatch(article=art, warnings=warnings)
    try:
        statements = _extract(art, text, language, gaz, out, outlet)
    except Exception as exc:  # a bug must not lose the article: report it, keep the batch
        log.exception("extraction failed for %s", article.id)
        warnings.append(f"extraction failed ({type(exc).__name__}: {exc}); partial result")
        statements = []
    referenced: set[str] = set().union(*(st.actor_ids() for st in statements))
    if outlet is not None:
        referenced.add(outlet.id)
    actors = [a for a in out.actors.values() if a.id in referenced]
    roles = [r for r in out.roles.values() if r.person_id in referenced]
    ids = {a.id for a in actors}
    for r in roles:
        if r.org_id not in ids and r.org_id in out.actors:
            actors.append(out.actors[r.org_id])
            ids.add(r.org_id)
    roles = [r for r in roles if r.org_id in ids]
    return IngestBatch(article=art, actors=actors, roles=roles, statements=statements, warnings=warnings)


def _quotes(text: str) -> list[Quote]:
    out: list[Quote] = []
    for s, e in paragraphs(text):
        out.extend(find_quotes(text, s, e))
    return out


def _extract(
    article: Article, text: str, lang: LangData, gaz: Any, out: _Collector, outlet: Actor | None
) -> list[Statement]:
    day = article_day(article) or datetime.now(UTC).date()
    quotes = _quotes(text)
    if any(not q.balanced for q in quotes):
        out.warnings.append(f"{sum(not q.balanced for q in quotes)} unbalanced quotation mark(s)")
    sentences = split_sentences(text, quotes, lang.abbreviations)
    if not sentences:
        out.warnings.append("no sentence found")
        return []
    lex = lexicon(lang.code)
    index = MentionIndex(_mentions(gaz, text, lang, out.warnings))
    tokens = Tokens(text)
    finder = RefFinder(text, lex, index, tokens)
    refs = finder.find()
    title_people = [
        (r.start, r.title, r.affiliation.id if r.affiliation else None, r.actor)
        for r in refs
        if r.kind == "person" and r.title and r.actor is not None
    ]
    attributor = Attributor(text, lex, refs, quotes, tokens)

    def recent_person(pos: int) -> Ref | None:
        for r in reversed(attributor.refs_in(max(0, pos - 1500), pos)):
            if r.kind == "person" and r.actor is not None:
                return r
        return None

    sentence_starts = [s.start for s in sentences]

    def named_subject(lo: int, hi: int) -> Ref | None:
        """The person opening the latest sentence in ``(lo, hi)`` before the one holding ``hi``.

        "Sementara itu, Andi Wirawan, pengamat …, menilai …. "…," ujarnya": the pronoun is Andi
        Wirawan's. A sentence opening with another subject (a pronoun, a title, a state) ends the search.
        """
        i = bisect_right(sentence_starts, hi) - 2  # the sentence before the one holding hi
        while i >= 0 and sentences[i].start > lo:
            sent = sentences[i]
            i -= 1
            first = next((r for r in attributor.refs_in(sent.start, sent.end) if r.kind in _SUBJECT_KINDS), None)
            if first is not None and _leads(text[sent.start : first.start]):
                return first if first.kind == "person" and first.actor is not None else None
            for begin in _clause_starts(text, sent.start, sent.end):
                named = finder.unknown_name_at(begin, sent.end, first=True)
                if named is not None and named.kind == "person" and named.actor is not None:
                    return named
        return None

    resolver = SpeakerResolver(gaz, day, title_people, recent_person, named_subject)
    resolver.home = finder.home = dateline_state(text, gaz)
    if resolver.home is None:
        resolver.national = finder.national = national_state(gaz, outlet, lang.code)
    initiative = salient_initiative(index)
    built: list[_Built] = []
    speaker_via: dict[str, str] = {}
    failures = 0
    pending: list[Candidate] = []
    private_ids: set[str] = set()
    prev_span: tuple[int, int] | None = None
    prev_sent: Sentence | None = None
    back_re = lex.back_re
    for sent in sentences:
        vias = sentence_vias(text, (sent.start, sent.end), lang, index)
        via = next((a for _, a in vias if outlet is None or a.id != outlet.id), None)
        sentence_speakers: list[Speaker] = []
        if pending and sent.paragraph > pending[-1].sentence.paragraph + 1:
            pending.clear()  # the multi-paragraph quotation ended without an attribution
        back = back_re.match(text, sent.start) if back_re is not None else None
        if back is not None and prev_sent is not None:
            # "Hal itu disampaikan Menlu Sugiono di Jakarta": the previous sentence is the speaker's
            _back_reference(
                back.start(), back.end(), sent, prev_sent, article, text, lang, finder, attributor, resolver,
                gaz, index, initiative, day, via, tokens, built, out,
            )  # fmt: skip
        for cand in attributor.candidates(sent):
            if cand.kind == "open_quote":
                pending.append(cand)
                continue
            try:
                actor = cand.speaker.actor if cand.speaker is not None and cand.speaker.kind == "actor" else None
                if actor is not None and actor.kind not in _SPEAKER_KINDS:
                    continue  # a media outlet, place or initiative does not speak
                ref = cand.speaker
                if ref is not None:
                    ref = finder.name_before(ref, attributor.refs_in)
                if ref is not None and ref.kind == "title" and ref.actor is None:
                    # "kata Kepala Pusat Data … BNPB Abdul Muhari": the name ends a long title chain
                    after = cand.cue is not None and ref.start >= cand.cue[1]
                    limit = sent_end_or(cand, ref, after)
                    named = finder.phrase_speaker(ref.start, limit, after, attributor.adjunct_words)
                    if named is not None:
                        ref = named
                if ref is None and cand.speaker_text is not None:
                    ref = finder.unknown_name_at(*cand.speaker_text, first=cand.speaker_after)
                    if ref is None and not cand.speaker_after:
                        ref = finder.body_at(*cand.speaker_text)  # "the foreign ministry said"
                    if ref is not None:
                        ref = finder.apposition(ref, attributor.refs_in)
                    else:
                        ref = finder.phrase_speaker(*cand.speaker_text, cand.speaker_after, attributor.adjunct_words)
                    if ref is None and cand.speaker_text[1] - cand.speaker_text[0] > 0:
                        continue  # something we cannot read is the subject: do not guess
                pos = ref.start if ref is not None else cand.content[0]
                sp = resolver.resolve(ref, cand.anaphora, pos)
                if sp is None:
                    continue
                unknown = sp.is_person and not _known(gaz, sp.speaker_id)
                if unknown and (sp.speaker_id in private_ids or _private_role(text, ref, cand, lang)):
                    # roles the annotation guidelines exclude (coach, forecaster, shop owner …),
                    # whatever their title ("head coach"); later "she added" too
                    if sp.speaker_id:
                        private_ids.add(sp.speaker_id)
                    continue
                private = unknown and sp.on_behalf_of is None and not sp.title
                st = _statement(
                    article, text, lang, cand, ref, sp, index, initiative, resolver, day, via, tokens, prev_span
                )
                if st is None:
                    continue
                if (
                    ref is not None
                    and cand.cue is not None
                    and ref.end <= cand.cue[0]
                    and st.statement.relation in _RELATIONS_OF_TWO
                    and attributor.joint_subject(ref, cand.sentence.start)
                ):
                    continue  # "Chile and Bolivia agreed …": a joint act has no single speaker
                if (
                    cand.kind == "act"
                    and st.statement.relation == Relation.consults
                    and not any(t.role != TargetRole.location for t in st.statement.targets)
                ):
                    continue  # "bertemu wartawan", "met reporters": a meeting with no counterpart named
                if private:
                    # a named person the gazetteer does not know, without title or affiliation: a
                    # wrong attribution costs more than a miss, so kept only when the statement
                    # relates to a state or organisation, and never for roles the annotation
                    # guidelines exclude (coach, forecaster, shop owner …)
                    about = [t for t in st.statement.targets if t.role != TargetRole.location]
                    if (
                        sp.speaker_id in private_ids
                        or _private_role(text, ref, cand, lang)
                        or (not _full_name(sp) and (st.statement.relation == Relation.states or not about))
                    ):
                        if sp.speaker_id:
                            private_ids.add(sp.speaker_id)  # and later "she added" too
                        continue
                    st.statement.confidence = round(st.statement.confidence * 0.75, 3)
                for a in sp.actors:
                    out.actor(a)
                for r in sp.roles:
                    out.role(r)
                built.append(st)
                sentence_speakers.append(sp)
                if pending and cand.direct and cand.kind.startswith("quote"):
                    for earlier in pending:  # the opening paragraphs of the same quotation
                        more = _statement(
                            article, text, lang, earlier, None, weaker(sp, 0.85) or sp, index, initiative, resolver,
                            day, via, tokens,
                        )  # fmt: skip
                        if more is not None:
                            more.statement.speaker_mention = st.statement.speaker_mention
                            more.statement.speaker_span = st.statement.speaker_span
                            built.append(more)
                    pending.clear()
            except Exception as exc:  # one odd candidate must not cost the article its other statements
                failures += 1
                if failures <= 3:
                    out.warnings.append(f"skipped a statement at {cand.content[0]} ({type(exc).__name__}: {exc})")
        if via is not None:
            owners = [sp for sp in sentence_speakers if sp.speaker_id]
            if not owners:
                owner = _sentence_subject(attributor, resolver, sent.start, vias[0][0])
                owners = [owner] if owner is not None else []
            for sp in owners:
                speaker_via.setdefault(_key(sp), via.id)
            out.actor(via)
        prev_span = (sent.start, sent.end)
        prev_sent = sent
    statements = _finish(built, speaker_via, out, index)
    return statements


def _leads(lead: str) -> bool:
    """Is ``lead`` a short opener before a sentence's subject ("Sementara itu, ", "On Monday, ")?"""
    return len(lead) <= 40 and not any(q in lead for q in _QUOTE_MARKS)


def _clause_starts(text: str, start: int, end: int) -> list[int]:
    """Where a sentence's subject may start: its beginning, or after a short opener and a comma."""
    out = [start]
    comma = text.find(",", start, min(end, start + 40))
    if comma >= 0 and not any(q in text[start:comma] for q in _QUOTE_MARKS):
        out.append(comma + 1 + len(text[comma + 1 : end]) - len(text[comma + 1 : end].lstrip()))
    return out


def _back_reference(
    start: int,
    end: int,
    sent: Sentence,
    prev: Sentence,
    article: Article,
    text: str,
    lang: LangData,
    finder: RefFinder,
    attributor: Attributor,
    resolver: SpeakerResolver,
    gaz: Any,
    index: MentionIndex,
    initiative: Actor | None,
    day: date,
    via: Actor | None,
    tokens: Tokens,
    built: list[_Built],
    out: _Collector,
) -> None:
    """Attribute the previous sentence to the speaker a back-reference names.

    Its statements made by the speaker's own state or organisation (an act such as "Indonesia
    mendukung …") become the named person's; without any, the whole previous sentence becomes one.
    """
    refs = [r for r in attributor.refs_in(end, sent.end) if r.kind in ("person", "title", "actor")]
    ref: Ref | None = refs[0] if refs and not text[end : refs[0].start].strip() else None
    if ref is not None and ref.kind == "title" and ref.actor is None:
        ref = finder.phrase_speaker(ref.start, sent.end, True, attributor.adjunct_words) or ref
    if ref is None:
        ref = finder.unknown_name_at(end, sent.end, first=True)
    if ref is None:
        return
    sp = resolver.resolve(ref, None, ref.start)
    if sp is None or sp.speaker_id is None:
        return
    if (
        sp.is_person
        and not _known(gaz, sp.speaker_id)
        and _private_role(text, ref, Candidate("reported_post", sent, (start, end), None, False), lang)
    ):
        return
    mention, mspan = text[ref.start : ref.end], _span(text, ref.start, ref.end)
    earlier = [
        b for b in built if b.statement.sentence_span is not None and b.statement.sentence_span.start == prev.start
    ]
    changed = False
    for b in earlier:
        if b.speaker.is_person or b.speaker.speaker_id not in (sp.on_behalf_of, sp.speaker_id):
            continue  # someone else's words: not re-attributed
        b.statement = b.statement.model_copy(update={
            "speaker_id": sp.speaker_id, "on_behalf_of_id": sp.on_behalf_of, "speaker_mention": mention,
            "speaker_span": mspan})  # fmt: skip
        b.speaker = sp
        changed = True
    if not earlier:
        content = (prev.start, prev.start + len(text[prev.start : prev.end].rstrip(" .!?\n")))
        cand = Candidate("reported_post", prev, content, (start, end), False, speaker=ref)
        made = _statement(article, text, lang, cand, ref, sp, index, initiative, resolver, day, via, tokens)
        if made is not None:
            built.append(made)
            changed = True
    if changed:
        for a in sp.actors:
            out.actor(a)
        for r in sp.roles:
            out.role(r)


def sent_end_or(cand: Candidate, ref: Ref, after: bool) -> int:
    """Where a speaker phrase starting at ``ref`` can end: the sentence end or the cue."""
    if after or cand.cue is None or cand.cue[0] <= ref.start:
        return cand.sentence.end
    return cand.cue[0]


def _private_role(text: str, ref: Ref | None, cand: Candidate, lang: LangData) -> bool:
    """Is the speaker introduced as one of the language file's ``private_roles``?"""
    pat = lang.pattern("private_roles")
    if pat is None:
        return False
    if ref is None or ref.kind == "pronoun":
        return False  # judged where the person was named
    window = text[max(cand.sentence.start, ref.start - 40) : min(cand.sentence.end, ref.end + 60)]
    return pat.search(window) is not None


def _full_name(sp: Speaker) -> bool:
    """A speaker named with given name and surname ("Hans Berger"), not one bare word."""
    return sp.speaker_id is not None and "-" in sp.speaker_id


def _known(gaz: Any, actor_id: str | None) -> bool:
    if gaz is None or actor_id is None:
        return False
    try:
        return gaz.actor(actor_id) is not None
    except Exception:
        return False


def _key(sp: Speaker) -> str:
    return sp.speaker_id or sp.on_behalf_of or ""


def _sentence_subject(attributor: Attributor, resolver: SpeakerResolver, lo: int, hi: int) -> Speaker | None:
    """The person a sentence is about when it only names an interview ("X made the remarks to …")."""
    refs = [r for r in attributor.refs_in(lo, hi) if r.kind in ("person", "title", "pronoun")]
    if not refs:
        return None
    ref = refs[0]
    if ref.kind == "pronoun":
        return resolver.last_person
    if ref.kind == "person" and ref.actor is not None:
        return resolver.person_speaker(ref.actor, ref.affiliation, ref.title, ref.new_person)
    return None


def _statement(
    article: Article,
    text: str,
    lang: LangData,
    cand: Candidate,
    ref: Ref | None,
    sp: Speaker,
    index: MentionIndex,
    initiative: Actor | None,
    resolver: SpeakerResolver,
    day: date,
    via: Actor | None,
    tokens: Tokens,
    prev_sentence: tuple[int, int] | None = None,
) -> _Built | None:
    cs, ce = cand.content
    if ce <= cs:
        return None
    rs, re_ = cand.extent or (cs, ce)  # a quote split around its attribution is read whole
    hits = index.within(rs, re_)
    self_ids = {i for i in (sp.speaker_id, sp.on_behalf_of) if i}
    self_hits = [h for h in hits if h.actor.id in self_ids]
    cue_text = text[cand.cue[0] : cand.cue[1]] if cand.cue else None
    forced = Relation(cand.relation) if cand.relation else None
    if forced is None and cue_text:
        acts = lang.matcher("act").find(tokens, cand.cue[0], cand.cue[1]) if cand.cue else []
        if len(acts) == 1 and (acts[0][0], acts[0][1]) == cand.cue:
            forced = Relation(acts[0][2])
    rel = classify(text, rs, re_, lang, self_hits, cue_text, forced, tokens)
    try:
        codes = codes_for(rel.relation, rel.cameo)
    except ValueError:
        codes = codes_for(rel.relation)

    def person_state(person: Actor) -> Actor | None:
        if person.kind != ActorKind.person:
            return resolver.state_of(person) if person.kind in (ActorKind.organization, ActorKind.armed_group) else None
        state_id = resolver.person_speaker(person, None, None, False).on_behalf_of
        if state_id is None:
            return None
        found = resolver.gaz.actor(state_id) if resolver.gaz is not None else None
        return found if isinstance(found, Actor) else None

    targets, target_actors = build_targets(text, (rs, re_), hits, rel, lang, self_ids, initiative, person_state)
    sent = cand.sentence
    if not targets and rel.relation in _DIRECTED and prev_sentence is not None:
        # "Tarif itu tidak adil," after a sentence naming the United States' tariffs: the act is
        # plainly directed at the actor the previous sentence named
        for h in reversed(index.within(*prev_sentence)):
            actor: Actor | None = h.actor
            if h.actor.kind in (ActorKind.person, ActorKind.organization, ActorKind.armed_group):
                actor = person_state(h.actor) or (None if h.actor.kind == ActorKind.person else h.actor)
            if actor is None or actor.id in self_ids or actor.kind not in (ActorKind.state, ActorKind.organization):
                continue
            targets.append(Target(actor_id=actor.id, role=TargetRole.target, mention=h.text,
                                  span=_span(text, h.start, h.end)))  # fmt: skip
            target_actors.append(actor)
            break
    # an act verb's content is its own clause: its adjuncts ("mardi", "Senin (12/01/2026)") date it
    if cand.kind == "act":  # the act's clause is its frame: its adjuncts date it
        fd = frame_date(text, (sent.start, sent.end), (cs, cs), lang, day)
    else:
        fd = frame_date(text, (sent.start, sent.end), (cs, ce), lang, day, cand.cue)
    if ref is not None:
        mention, mspan = text[ref.start : ref.end], _span(text, ref.start, ref.end)
    elif cand.anaphora in ("clitic",) and cand.cue is not None:
        mention, mspan = text[cand.cue[0] : cand.cue[1]], _span(text, *cand.cue)
    else:
        mention, mspan = "(previous speaker)", None
    confidence = _BASE_CONFIDENCE.get(cand.kind, 0.7) * sp.confidence * rel.certainty
    if not lang.known:
        confidence *= 0.8
    st = Statement(
        id=Statement.make_id(article.id, cs, ce),
        article_id=article.id,
        speaker_id=sp.speaker_id,
        speaker_mention=mention,
        speaker_span=mspan,
        on_behalf_of_id=sp.on_behalf_of,
        relation=rel.relation,
        cameo=codes.cameo,
        plover=codes.plover,
        quad_class=codes.quad_class,
        goldstein=codes.goldstein,
        targets=targets,
        content=text[cs:ce],
        content_span=_span(text, cs, ce),
        direct=cand.direct,
        cue=cue_text,
        cue_span=_span(text, *cand.cue) if cand.cue else None,
        conditions=[text[a:b] for a, b in rel.conditions],
        negated=rel.negated,
        date=fd or day,
        date_source="text" if fd else "article",
        via_id=via.id if via is not None else None,
        sentence=text[sent.start : sent.end],
        sentence_span=_span(text, sent.start, sent.end),
        language=lang.code if lang.known else article.language,
        confidence=round(min(1.0, max(0.0, confidence)), 3),
        extractor_version=EXTRACTOR_VERSION,
    )
    for a in target_actors:
        sp.actors.append(a)
    return _Built(st, sp, cand, fd is not None)


def _finish(built: list[_Built], speaker_via: dict[str, str], out: _Collector, index: MentionIndex) -> list[Statement]:
    """Propagate via and dates per speaker, drop duplicates, order by position."""
    # a speaker's statements without a date of their own take the speaker's date in this
    # article: the latest one before them, else (headline, lead) the first one after them
    dates_of: dict[str, list[date]] = {}
    for b in built:
        if b.text_date and _key(b.speaker):
            dates_of.setdefault(_key(b.speaker), []).append(b.statement.date)
    dated: dict[str, date] = {}
    result: list[Statement] = []
    seen: set[tuple[str, str, str]] = set()
    ids: set[str] = set()
    for b in built:
        st = b.statement
        key = _key(b.speaker)
        if st.via_id is None and key in speaker_via:
            st.via_id = speaker_via[key]
        if b.text_date and key:
            dated[key] = st.date
        elif key and st.date_source == "article":
            later = dates_of.get(key)
            known = dated.get(key) or (later[0] if later else None)
            if known is not None:
                st.date, st.date_source = known, "text"
        dedupe = (st.speaker_id or "", st.relation.value, fold(st.content))
        if dedupe in seen or st.id in ids:
            continue  # the same act reported twice (headline and lead), or one span read twice
        seen.add(dedupe)
        ids.add(st.id)
        for a in b.speaker.actors:
            out.actor(a)
        result.append(st)
    result.sort(key=lambda s: s.content_span.start if s.content_span else 0)
    return result
