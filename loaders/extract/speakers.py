"""Speaker resolution: a speaker phrase → (speaker actor, on-behalf-of actor, roles, confidence).

Decisions an analyst relies on:

- a named person speaks for the state/organisation of the title phrase ("Presiden
  Azerbaijan Ilham Aliyev" → azerbaijan), else of their dated gazetteer role on the
  statement date; unknown people are kept as person actors (id = slug of the name);
- a title without a name ("ujar Presiden Azerbaijan") is the person this article named with
  that title, else the gazetteer's holder on the date, else the affiliation itself;
- a state, capital or ministry speaks for itself (a ministry for its state);
- an anonymous source ("a source in the Azerbaijani government") is attributed to its
  affiliation: ``speaker_id`` = the state (or ministry), ``on_behalf_of`` = the state, the
  phrase is kept as ``speaker_mention`` and the confidence is lowered. No invented
  "anonymous" actors: the network edge is the state's, the evidence says it was unnamed;
- pronouns and zero anaphora ("ia", "he", "tambahnya") take the most recent person speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from graph.model import Actor, ActorKind, Role, fold
from loaders.extract.article import ArticleContext
from loaders.extract.attribution.candidate import Anaphora
from loaders.extract.mentions import Ref, RefKind
from loaders.extract.windows import RECENT_PEOPLE


@dataclass(slots=True)
class Speaker:
    speaker_id: str | None
    on_behalf_of: str | None
    actors: list[Actor] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    confidence: float = 1.0
    is_person: bool = False
    title: str | None = None


class SpeakerResolver:
    """Resolves refs in text order, remembering the article's people and titles."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.gaz = ctx.gaz
        self.on = ctx.day
        self.last_person_pos = -1
        # (position, title, affiliation id, person) of every titled person the article names
        self._by_title: dict[str, list[tuple[int, str | None, Actor]]] = {}
        for r in ctx.refs:
            if r.kind != RefKind.person or not r.title or r.actor is None:
                continue
            row = (r.start, r.affiliation.id if r.affiliation else None, r.actor)
            self._by_title.setdefault(r.title, []).append(row)
            last = r.title.rsplit(" ", 1)[-1]
            if last != r.title:
                self._by_title.setdefault("~" + last, []).append(row)
        self.last_person: Speaker | None = None
        self.last_any: Speaker | None = None
        self.last_group: Speaker | None = None  # the last state, organisation or group that spoke
        self.by_title: dict[str, Speaker] = {}
        self.affiliation_of: dict[str, Actor] = {}  # people this article gave an affiliation
        self.people: list[Speaker] = []
        self.title_of: dict[str, str] = {}

    # ------------------------------------------------------------------------------ helpers

    def state_of(self, actor: Actor) -> Actor | None:
        """The state an organisation belongs to (a ministry's state), or None."""
        if actor.kind == ActorKind.state:
            return actor
        if actor.kind not in (ActorKind.organization, ActorKind.armed_group) or not actor.country:
            return None
        name = fold(" ".join([actor.id.replace("-", " "), actor.name]))
        if not any(w in name for w in self.gaz.state_body_words("named")):
            return None
        state = self.gaz.state(actor.country)
        return state

    def _source_of(self, actor: Actor) -> str:
        state = self.state_of(actor)
        if state is None and self.ctx.home is not None and self._public_body(actor):
            state = self.ctx.home  # "JAKARTA — Kepolisian Daerah Metro Jaya …": a state body of the dateline's state
        return state.id if state is not None else actor.id

    def _public_body(self, actor: Actor) -> bool:
        """An organisation the gazetteer does not know whose name makes it a state body."""
        if actor.kind != ActorKind.organization or actor.country or self.gaz.actor(actor.id) is not None:
            return False
        name = f" {fold(actor.name)} "
        return any(f" {w} " in name for w in self.gaz.state_body_words("new"))

    def _person_roles(self, person: Actor) -> list[Role]:
        roles = self.gaz.roles_of(person.id, self.on)
        return roles

    def _org_for_roles(self, roles: list[Role]) -> str | None:
        states = [r for r in roles if self._is_state(r.org_id)]
        chosen = states[0] if states else (roles[0] if roles else None)
        if chosen is None:
            return None
        org = self.gaz.actor(chosen.org_id)
        return self._source_of(org) if org is not None else chosen.org_id

    def _is_state(self, actor_id: str) -> bool:
        a = self.gaz.actor(actor_id)
        return a is not None and a.kind == ActorKind.state

    def _full(self, actor: Actor) -> Actor:
        known = self.gaz.actor(actor.id)
        return known if known is not None else actor

    def person_speaker(self, person: Actor, affiliation: Actor | None, title: str | None, new: bool) -> Speaker:
        person = self._full(person)
        if affiliation is None:
            affiliation = self.affiliation_of.get(person.id)
        elif person.id not in self.affiliation_of:
            self.affiliation_of[person.id] = affiliation
        if title is None:
            title = self.title_of.get(person.id)
        else:
            self.title_of.setdefault(person.id, title)
        roles = self._person_roles(person)
        actors = [person]
        lower = False
        obo: str | None = None
        if affiliation is not None:
            obo = self._source_of(affiliation)
            actors.append(self._full(affiliation))
            if obo != affiliation.id:
                state = self.gaz.actor(obo)
                if state is not None:
                    actors.append(state)
            if title and not any(r.org_id == affiliation.id for r in roles):
                roles.append(Role(person_id=person.id, org_id=affiliation.id, title=title))
        else:
            obo = self._org_for_roles(roles)
            if obo is None and self.ctx.home is not None and title in self.ctx.lang.words("state_offices"):
                obo = self.ctx.home.id  # "JAKARTA - Kapolda … said": a state official of the dateline's state
                actors.append(self.ctx.home)
            elif obo is None and self.ctx.national is not None and title in self.ctx.lang.words("state_offices"):
                obo = self.ctx.national.id  # "Menteri Andi Wirawan" in an Indonesian outlet: an Indonesian minister
                actors.append(self.ctx.national)
                lower = True
        for r in roles:
            org = self.gaz.actor(r.org_id)
            if org is not None:
                actors.append(org)
        if obo is not None and not any(a.id == obo for a in actors):
            state = self.gaz.actor(obo)
            if state is not None:
                actors.append(state)
        conf = (0.9 if new else 1.0) * (0.85 if lower else 1.0)
        return Speaker(person.id, obo, actors, roles, conf, is_person=True, title=title)

    def _title_holder(self, title: str, affiliation: Actor | None, pos: int) -> Actor | None:
        aff_id = affiliation.id if affiliation is not None else None
        rows = list(self._by_title.get(title, []))
        if aff_id is None:
            rows = sorted(rows + self._by_title.get("~" + title, []), key=lambda r: r[0])
        same = [(p, person) for p, a, person in rows if aff_id is None or a == aff_id]
        i = bisect_right([p for p, _ in same], pos)
        if i > 0:
            return same[i - 1][1]
        if same:
            return same[0][1]
        if affiliation is not None:
            holder = self.gaz.holder(affiliation.id, title, self.on)
            if holder is not None:
                return holder
        return None

    # ------------------------------------------------------------------------------ resolve

    def _recent_with_role(self, title: str) -> Speaker | None:
        """The latest person speaker whose gazetteer role has this title ("Menlu" → the foreign minister)."""
        for sp in reversed(self.people[-RECENT_PEOPLE:]):
            if sp.speaker_id is None:
                continue
            for role in self._person_roles_by_id(sp.speaker_id):
                if role.title == title or role.title.endswith(" " + title):
                    return sp
        return None

    def _anaphor_person(self, pos: int) -> Speaker | None:
        """Who "ujarnya" / "he said" refers to: the last person speaker, unless a sentence since
        then opened with another person ("Sementara itu, Andi Wirawan, pengamat …, menilai …")."""
        last_id = self.last_person.speaker_id if self.last_person is not None else None
        named = self.ctx.named_subject(self.last_person_pos + 1 if self.last_person is not None else -1, pos)
        if named is not None and named.actor is not None and named.actor.id != last_id:
            # nobody spoke yet, or another person opened a sentence since: "Sugiono juga
            # menyinggung situasi di Gaza. "…," tegasnya."
            return self.person_speaker(named.actor, named.affiliation, named.title, named.new_person)
        return self.last_person

    def _person_roles_by_id(self, person_id: str) -> list[Role]:
        roles = self.gaz.roles_of(person_id, self.on)
        return roles

    def resolve(self, ref: Ref | None, anaphora: Anaphora | None, pos: int) -> Speaker | None:
        sp = self._resolve(ref, anaphora, pos)
        if sp is not None:
            self.last_any = sp
            if not sp.is_person:
                self.last_group = sp
            if sp.is_person:
                self.last_person = sp
                self.last_person_pos = max(self.last_person_pos, pos)
                self.people.append(sp)
            if sp.title:
                self.by_title[sp.title] = sp
        return sp

    def _resolve(self, ref: Ref | None, anaphora: Anaphora | None, pos: int) -> Speaker | None:
        if ref is None:
            if anaphora in (Anaphora.clitic, Anaphora.zero):
                return weaker(self._anaphor_person(pos), 0.8 if anaphora == Anaphora.clitic else 0.7)
            if anaphora == Anaphora.continuation:
                return weaker(self.last_any, 0.7)
            return None
        if ref.kind == RefKind.pronoun:
            plural = fold(ref.text) in self.ctx.lex.plural_pronouns
            # "they said", "kata mereka", "it said": a state, organisation or group, never a person
            base = self.last_group if plural else self._anaphor_person(ref.start)
            if base is None and not plural:
                named = self.ctx.recent_person(ref.start)  # nobody spoke yet: the person last named
                if named is not None and named.actor is not None:
                    base = self.person_speaker(named.actor, named.affiliation, named.title, named.new_person)
            return weaker(base, 0.8)
        if ref.kind == RefKind.person and ref.actor is not None:
            return self.person_speaker(ref.actor, ref.affiliation, ref.title, ref.new_person)
        if ref.kind == RefKind.anon and ref.affiliation is not None:
            aff = self._full(ref.affiliation)
            obo = self._source_of(aff)
            actors = [aff]
            state = self.gaz.actor(obo)
            if state is not None and state.id != aff.id:
                actors.append(state)
            return Speaker(aff.id, obo, actors, [], 0.75, title=ref.title)
        if ref.kind == RefKind.office and ref.title:
            person = self._title_holder(ref.title, ref.affiliation, pos)
            if person is not None:
                sp = self.person_speaker(person, ref.affiliation, ref.title, False)
                sp.confidence = 0.9
                return sp
            if ref.affiliation is not None:
                aff = self._full(ref.affiliation)
                obo = self._source_of(aff)
                actors = [aff]
                state = self.gaz.actor(obo)
                if state is not None and state.id != aff.id:
                    actors.append(state)
                return Speaker(aff.id, obo, actors, [], 0.8, title=ref.title)
            earlier = self.by_title.get(ref.title)
            if earlier is None:
                similar = [sp for t, sp in self.by_title.items() if t.endswith(" " + ref.title)]
                earlier = similar[-1] if similar else None
            if earlier is None:
                earlier = self._recent_with_role(ref.title)
            return weaker(earlier, 0.85)
        if ref.kind == RefKind.actor and ref.actor is not None:
            actor = self._full(ref.actor)
            if actor.kind == ActorKind.person:
                return self.person_speaker(actor, None, None, False)
            obo = self._source_of(actor)
            actors = [actor]
            state = self.gaz.actor(obo)
            if state is not None and state.id != actor.id:
                actors.append(state)
            return Speaker(actor.id, obo, actors, [], 0.9)
        return None


def weaker(sp: Speaker | None, factor: float) -> Speaker | None:
    if sp is None:
        return None
    return Speaker(sp.speaker_id, sp.on_behalf_of, list(sp.actors), list(sp.roles), sp.confidence * factor,
                   sp.is_person, sp.title)  # fmt: skip
