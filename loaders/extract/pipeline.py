"""Glue: article → context → candidates per sentence → speakers → statements.

Odd text (no sentence, unbalanced quotes, an unknown language) gives warnings and what could
be found; a bug raises, it is never turned into a warning. Runs in time linear in the text
(token tries, regexes over bounded windows, bisect lookups); a 5 MB text takes seconds.
"""

from __future__ import annotations

from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Statement, TargetRole
from loaders.extract.article import ArticleContext, Collector, build_context
from loaders.extract.attribution import Attributor, Candidate, Pattern, joint_subject
from loaders.extract.lang import LangData, load_lang
from loaders.extract.lexicon import lexicon
from loaders.extract.mentions import Ref, RefKind
from loaders.extract.provenance import VIA_LISTS, article_outlet, sentence_vias
from loaders.extract.sentences import Sentence
from loaders.extract.spans import forget_counts
from loaders.extract.speakers import Speaker, SpeakerResolver, weaker
from loaders.extract.statements import Built, build_statement, finish, span, speaker_key
from loaders.extract.windows import PRIVATE_ROLE_AFTER, PRIVATE_ROLE_BEFORE
from loaders.langid import detect_language

# relations a pair of coordinated subjects performs together (no single speaker)
_RELATIONS_OF_TWO = frozenset({Relation.agrees, Relation.consults, Relation.commits})
_SPEAKER_KINDS = frozenset({ActorKind.state, ActorKind.organization, ActorKind.armed_group, ActorKind.person})
_QUOTES = frozenset({Pattern.quote_post, Pattern.quote_pre})
_REPORTED = frozenset({Pattern.reported, Pattern.reported_post})
_FRAMING = ("according_to", *VIA_LISTS)
"""Phrase lists of the frames (:mod:`.attribution.frames`) and vias (:func:`sentence_vias`) of a sentence."""
PRIVATE_PERSON = 0.75
"""Confidence factor for a person the gazetteer does not know, named without title or affiliation."""
OPENING_PARAGRAPHS = 0.85
"""Confidence factor for the opening paragraphs of a quotation attributed where it ends."""


def extract_article(article: Article, *, lang: str | None = None) -> IngestBatch:
    """See :func:`loaders.extract.extract`."""
    forget_counts()
    out = Collector()
    language = _language(article, lang, out)
    lex = lexicon(language)
    art = article.model_copy()
    if language.known and not art.language:
        art.language = language.code
    outlet = article_outlet(lex.gazetteer, article)
    if outlet is not None:
        art.outlet_id = outlet.id
        out.actor(outlet)
    if not (article.text or "").strip():
        out.warnings.append("article has no text")
        return IngestBatch(article=art, warnings=out.warnings)
    ctx = build_context(art, lex, outlet, out)
    statements = _ArticleRun(ctx).statements() if ctx is not None else []
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
    return IngestBatch(article=art, actors=actors, roles=roles, statements=statements, warnings=out.warnings)


def _language(article: Article, lang: str | None, out: Collector) -> LangData:
    code = lang or article.language or detect_language(article.text or "")
    data = load_lang(code)
    if not data.known:
        out.warnings.append(
            f"no cue file for language {code or 'unknown'!r}: only quotes and names are used "
            "(add loaders/data/lang/<code>.toml)"
        )
    return data


class _ArticleRun:
    """One pass over an article's sentences, keeping what spans sentences (pending quotes, vias)."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.speakers = SpeakerResolver(ctx)
        self.attributor = Attributor(ctx)
        self.built: list[Built] = []
        self.speaker_via: dict[str, str] = {}
        self.pending: list[Candidate] = []  # opening paragraphs of a quotation not yet attributed
        self.private_ids: set[str] = set()  # people the annotation guidelines exclude as sources
        self.unreadable = False  # the last candidate was dropped because its speaker could not be read
        self.prev: Sentence | None = None

    def statements(self) -> list[Statement]:
        for sent in self.ctx.sentences:
            self._sentence(sent)
            self.prev = sent
        return finish(self.built, self.speaker_via, self.ctx)

    def _sentence(self, sent: Sentence) -> None:
        ctx = self.ctx
        # one scan tells whether the sentence holds an "according to" frame or a report/interview
        # phrase (most do not): without, it has neither vias nor frame candidates
        framing = ctx.lang.any_of(_FRAMING)
        framed = (
            framing is not None
            and ctx.tokens.may_hold(ctx.lang.first_words_of(_FRAMING), sent.start, sent.end)
            and framing.search(ctx.text, sent.start, sent.end) is not None
        )
        vias = sentence_vias(ctx.text, (sent.start, sent.end), ctx.lex, ctx.index) if framed else []
        via = next((a for _, a in vias if ctx.outlet is None or a.id != ctx.outlet.id), None)
        speakers: list[Speaker] = []
        if self.pending and sent.paragraph > self.pending[-1].sentence.paragraph + 1:
            self.pending.clear()  # the multi-paragraph quotation ended without an attribution
        back = ctx.lex.back_re.match(ctx.text, sent.start) if ctx.lex.back_re is not None else None
        if back is not None and self.prev is not None:
            # "Hal itu disampaikan Menlu Sugiono di Jakarta": the previous sentence is the speaker's
            self._back_reference(back.start(), back.end(), sent, self.prev, via)
        for cand in self.attributor.candidates(sent, framed=framed):
            if cand.kind == Pattern.open_quote:
                self.pending.append(cand)
                continue
            self.unreadable = False
            sp = self._candidate(cand, via)
            if sp is not None:
                speakers.append(sp)
            elif self.unreadable and cand.kind in _REPORTED and not cand.direct and not _private_reporter(ctx, cand):
                # the reporter cannot be read ("…, a senior official in Mexico City said"): an act
                # inside the report with its own subject ("Mexican officials rejected …") still is one
                for act in self.attributor.acts_within(cand):
                    found = self._candidate(act, via)
                    if found is not None:
                        speakers.append(found)
        if via is not None:
            owners = [sp for sp in speakers if sp.speaker_id]
            if not owners:
                owner = self._sentence_subject(sent.start, vias[0][0])
                owners = [owner] if owner is not None else []
            for sp in owners:
                self.speaker_via.setdefault(speaker_key(sp), via.id)
            ctx.out.actor(via)

    def _candidate(self, cand: Candidate, via: Actor | None) -> Speaker | None:
        """Resolve a candidate's speaker and keep its statement; the speaker, or None when dropped."""
        ctx = self.ctx
        if cand.speaker is not None and cand.speaker.kind == RefKind.actor:
            actor = cand.speaker.actor
            if actor is not None and actor.kind not in _SPEAKER_KINDS:
                return None  # a media outlet, place or initiative does not speak
        found = self._speaker_ref(cand)
        if found is False:
            self.unreadable = True
            return None  # something we cannot read is the subject: do not guess
        ref = found if isinstance(found, Ref) else None
        pos = ref.start if ref is not None else cand.content[0]
        sp = self.speakers.resolve(ref, cand.anaphora, pos)
        if sp is None:
            self.unreadable = True
            return None
        if ref is not None and ref.kind == RefKind.actor and _private_head(ctx, ref, cand.sentence):
            return None  # "the Chilean captain accused …", "l'entraîneur irlandais a dénoncé …"
        unknown = sp.is_person and (sp.speaker_id is None or ctx.gaz.actor(sp.speaker_id) is None)
        if unknown and (sp.speaker_id in self.private_ids or _private_role(ctx, ref, cand)):
            # roles the annotation guidelines exclude (coach, forecaster, shop owner …),
            # whatever their title ("head coach"); later "she added" too
            if sp.speaker_id:
                self.private_ids.add(sp.speaker_id)
            return None
        private = unknown and sp.on_behalf_of is None and not sp.title
        prev_span = (self.prev.start, self.prev.end) if self.prev is not None else None
        st = build_statement(ctx, self.speakers, cand, ref, sp, via, prev_span)
        if st is None:
            return None
        if (
            ref is not None
            and cand.cue is not None
            and ref.end <= cand.cue[0]
            and st.statement.relation in _RELATIONS_OF_TWO
            and joint_subject(ctx, ref, cand.sentence.start)
        ):
            return None  # "Chile and Bolivia agreed …": a joint act has no single speaker
        if (
            cand.kind == Pattern.act
            and st.statement.relation == Relation.consults
            and not any(t.role != TargetRole.location for t in st.statement.targets)
        ):
            return None  # "bertemu wartawan", "met reporters": a meeting with no counterpart named
        if private:
            # a named person the gazetteer does not know, without title or affiliation: a wrong
            # attribution costs more than a miss, so kept only when the statement relates to a
            # state or organisation, and never for roles the annotation guidelines exclude
            about = [t for t in st.statement.targets if t.role != TargetRole.location]
            if (
                sp.speaker_id in self.private_ids
                or _private_role(ctx, ref, cand)
                or (
                    not (_full_name(sp) or _slot_name(cand, ref))
                    and (st.statement.relation == Relation.states or not about)
                )
            ):
                if sp.speaker_id:
                    self.private_ids.add(sp.speaker_id)  # and later "she added" too
                return None
            st.statement.confidence = round(st.statement.confidence * PRIVATE_PERSON, 3)
        self._keep(st, sp)
        if self.pending and cand.direct and cand.kind in _QUOTES:
            for earlier in self.pending:  # the opening paragraphs of the same quotation
                more = build_statement(ctx, self.speakers, earlier, None, weaker(sp, OPENING_PARAGRAPHS) or sp, via)
                if more is not None:
                    more.statement.speaker_mention = st.statement.speaker_mention
                    more.statement.speaker_span = st.statement.speaker_span
                    self.built.append(more)
            self.pending.clear()
        return sp

    def _keep(self, st: Built, sp: Speaker) -> None:
        for a in sp.actors:
            self.ctx.out.actor(a)
        for r in sp.roles:
            self.ctx.out.role(r)
        self.built.append(st)

    def _speaker_ref(self, cand: Candidate) -> Ref | bool:
        """The speaker phrase of a candidate: a ref, True (no phrase: anaphora), False (unreadable)."""
        names = self.ctx.names
        refs_in = self.ctx.refs_in
        adjuncts = self.ctx.lex.adjunct_words
        ref = cand.speaker
        if ref is not None:
            ref = names.name_before(ref, refs_in)
        if ref is not None and ref.kind == RefKind.office and ref.actor is None:
            # "kata Kepala Pusat Data … BNPB Abdul Muhari": the name ends a long title chain
            after = cand.cue is not None and ref.start >= cand.cue[1]
            limit = cand.sentence.end if after or cand.cue is None or cand.cue[0] <= ref.start else cand.cue[0]
            named = names.phrase_speaker(ref.start, limit, after, adjuncts)
            if named is not None:
                ref = named
        if ref is None and cand.speaker_text is not None:
            ref = names.unknown_name_at(*cand.speaker_text, first=cand.speaker_after)
            if ref is None and not cand.speaker_after:
                ref = names.body_at(*cand.speaker_text)  # "the foreign ministry said"
            if ref is not None:
                ref = names.apposition(ref, refs_in)
            else:
                ref = names.phrase_speaker(*cand.speaker_text, cand.speaker_after, adjuncts)
            if ref is None and cand.speaker_text[1] - cand.speaker_text[0] > 0:
                return False
        return ref if ref is not None else True

    def _back_reference(self, start: int, end: int, sent: Sentence, prev: Sentence, via: Actor | None) -> None:
        """Attribute the previous sentence to the speaker a back-reference names.

        Its statements made by the speaker's own state or organisation (an act such as "Indonesia
        mendukung …") become the named person's; without any, the whole previous sentence becomes one.
        """
        ctx = self.ctx
        text, names = ctx.text, ctx.names
        refs = [r for r in ctx.refs_in(end, sent.end) if r.kind in (RefKind.person, RefKind.office, RefKind.actor)]
        ref: Ref | None = refs[0] if refs and not text[end : refs[0].start].strip() else None
        if ref is not None and ref.kind == RefKind.office and ref.actor is None:
            ref = names.phrase_speaker(ref.start, sent.end, True, ctx.lex.adjunct_words) or ref
        if ref is None:
            ref = names.unknown_name_at(end, sent.end, first=True)
        if ref is None:
            return
        sp = self.speakers.resolve(ref, None, ref.start)
        if sp is None or sp.speaker_id is None:
            return
        if (
            sp.is_person
            and ctx.gaz.actor(sp.speaker_id) is None
            and _private_role(ctx, ref, Candidate(Pattern.reported_post, sent, (start, end), None, False))
        ):
            return
        mention, mspan = text[ref.start : ref.end], span(text, ref.start, ref.end)
        earlier = [
            b
            for b in self.built
            if b.statement.sentence_span is not None and b.statement.sentence_span.start == prev.start
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
            cand = Candidate(Pattern.reported_post, prev, content, (start, end), False, speaker=ref)
            made = build_statement(ctx, self.speakers, cand, ref, sp, via)
            if made is not None:
                self.built.append(made)
                changed = True
        if changed:
            for a in sp.actors:
                ctx.out.actor(a)
            for r in sp.roles:
                ctx.out.role(r)

    def _sentence_subject(self, lo: int, hi: int) -> Speaker | None:
        """The person a sentence is about when it only names an interview ("X made the remarks to …")."""
        refs = [r for r in self.ctx.refs_in(lo, hi) if r.kind in (RefKind.person, RefKind.office, RefKind.pronoun)]
        if not refs:
            return None
        ref = refs[0]
        if ref.kind == RefKind.pronoun:
            return self.speakers.last_person
        if ref.kind == RefKind.person and ref.actor is not None:
            return self.speakers.person_speaker(ref.actor, ref.affiliation, ref.title, ref.new_person)
        return None


def _private_role(ctx: ArticleContext, ref: Ref | None, cand: Candidate) -> bool:
    """Is the speaker introduced as one of the language file's ``private_roles``?"""
    pat = ctx.lang.pattern("private_roles")
    if pat is None or ref is None or ref.kind == RefKind.pronoun:
        return False  # a pronoun is judged where the person was named
    first = ctx.lang.first_words_of(("private_roles",))  # a piece without their first words holds none
    lo = max(cand.sentence.start, ref.start - PRIVATE_ROLE_BEFORE)
    hi = min(cand.sentence.end, ref.end + PRIVATE_ROLE_AFTER)
    if ctx.tokens.may_hold_piece(first, lo, hi) and pat.search(ctx.text[lo:hi]) is not None:
        return True
    # a lone name standing for a full name introduced earlier ("kata Raka" after "Tunggal putra
    # Indonesia, Raka Pradipta"): the role said where the person was introduced counts
    intro = ctx.names.introduced.get(ref.actor.id) if ref.actor is not None else None
    if intro is None or intro == ref.start:
        return False
    line = ctx.text.rfind("\n", 0, intro) + 1
    lo, hi = max(line, intro - PRIVATE_ROLE_BEFORE), intro + PRIVATE_ROLE_AFTER
    return ctx.tokens.may_hold_piece(first, lo, hi) and pat.search(ctx.text[lo:hi]) is not None


def _slot_name(cand: Candidate, ref: Ref | None) -> bool:
    """A one-word name read in the slot right after the cue ("kata Wiku", "Menurut Wiku", "dijo Quispe")."""
    return cand.speaker_after and ref is not None and ref.kind == RefKind.person and ref.new_person


def _private_reporter(ctx: ArticleContext, cand: Candidate) -> bool:
    """Does the sentence name a private role outside the reported content ("…, a shopkeeper said")?"""
    pat = ctx.lang.pattern("private_roles")
    if pat is None:
        return False
    sent = cand.sentence
    outside = ctx.text[sent.start : cand.content[0]] + " " + ctx.text[cand.content[1] : sent.end]
    return pat.search(outside) is not None


def _private_head(ctx: ArticleContext, ref: Ref, sent: Sentence) -> bool:
    """Does ``ref`` (a state's name or demonym) only qualify a private role next to it?

    "The Chilean captain", "el capitán chileno", "l'entraîneur irlandais": the role is the
    subject, and the annotation guidelines exclude it; the state does not speak.
    """
    pat = ctx.lang.pattern("private_roles")
    if pat is None:
        return False
    text = ctx.text
    before = text[max(sent.start, ref.start - PRIVATE_ROLE_BEFORE) : ref.start]
    if any(not before[m.end() :].strip() for m in pat.finditer(before)):
        return True
    after = text[ref.end : min(sent.end, ref.end + PRIVATE_ROLE_AFTER)]
    m = pat.match(after, len(after) - len(after.lstrip()))
    return m is not None and (m.end() == len(after) or not after[m.end()].isalnum())


def _full_name(sp: Speaker) -> bool:
    """A speaker named with given name and surname ("Hans Berger"), not one bare word."""
    return sp.speaker_id is not None and "-" in sp.speaker_id
