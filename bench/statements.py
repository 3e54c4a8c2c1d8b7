"""Synthetic statement graphs for store benchmarks (1M statements in a minute or two).

Skewed like news: a few states, people and targets take most statements (Zipf), each
person speaks for one state, relations follow a long tail, dates spread over two years,
several languages and outlets. Batches are built with ``model_construct`` (no validation:
the generator makes only valid values), so making a million statements costs seconds,
not minutes.

Usage from a benchmark::

    from bench.statements import Universe, batches
    uni = Universe(seed=7)
    for batch in batches(uni, articles=125_000, per_article=8): ...
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Statement, Target, TargetRole
from graph.relations import codes_for

LANGUAGES = ["en", "id", "es", "fr", "ar", "ru"]
START = date(2024, 1, 1)
DAYS = 730


def _zipf_weights(n: int, s: float) -> list[float]:
    return [1.0 / (k**s) for k in range(1, n + 1)]


@dataclass
class Universe:
    """The actors of a synthetic world and how often each one speaks or is spoken about."""

    seed: int = 7
    states: int = 200
    people: int = 3000
    initiatives: int = 300
    outlets: int = 60
    rnd: random.Random = field(init=False)
    actors: dict[str, Actor] = field(init=False)

    def __post_init__(self) -> None:
        self.rnd = random.Random(self.seed)
        st = [Actor(id=f"state-{i}", name=f"State {i}", kind=ActorKind.state, aliases=[f"Negara {i}"])
              for i in range(self.states)]  # fmt: skip
        pe = [Actor(id=f"person-{i}", name=f"Person {i}", kind=ActorKind.person) for i in range(self.people)]
        ini = [
            Actor(id=f"init-{i}", name=f"Initiative {i}", kind=ActorKind.initiative) for i in range(self.initiatives)
        ]
        media = [Actor(id=f"outlet-{i}", name=f"Outlet {i}", kind=ActorKind.media) for i in range(self.outlets)]
        self.state_list, self.person_list, self.init_list, self.outlet_list = st, pe, ini, media
        self.actors = {a.id: a for a in [*st, *pe, *ini, *media]}
        # each person speaks for one state, people of big states speak more
        self.person_state = {p.id: st[min(int(self.rnd.paretovariate(1.2)) - 1, self.states - 1)].id for p in pe}
        self.person_w = _zipf_weights(self.people, 1.05)
        self.target_pool = [*st, *ini]
        self.target_w = _zipf_weights(len(self.target_pool), 1.1)
        self.rels = list(Relation)
        self.rel_w = _zipf_weights(len(self.rels), 0.8)
        self.outlet_w = _zipf_weights(self.outlets, 1.0)

    def top_speaker(self) -> str:
        return "state-0"

    def typical_state(self) -> str:
        """A state in the middle of the ranking (most ego networks look like this one)."""
        return f"state-{self.states // 10}"


#: A feed's articles are dated up to this many days before their place in the sequence (late reports).
LATE_DAYS = 3


def batches(
    uni: Universe, articles: int, per_article: int = 8, start: int = 0, *, days: tuple[int, int] | None = None
) -> Iterator[IngestBatch]:
    """``articles`` articles of ``per_article`` statements each (ids from ``start``).

    Dates: by default random over the two years (an archive back-filled in any order); with
    ``days=(first, last)`` (day offsets from :data:`START`) they advance from ``first`` to
    ``last`` in article order, each up to :data:`LATE_DAYS` earlier (a news feed: what arrives
    is mostly recent, so each write regroups the claims of the last days, not of every week).
    """
    rnd = uni.rnd
    codes = {r: codes_for(r) for r in uni.rels}
    for a in range(start, start + articles):
        if days is None:
            day = START + timedelta(days=rnd.randrange(DAYS))
        else:
            first, last = days
            at = first + (last - first) * (a - start) // max(articles, 1)
            day = START + timedelta(days=max(0, at - rnd.randrange(LATE_DAYS + 1)))
        lang = rnd.choice(LANGUAGES)
        outlet = rnd.choices(uni.outlet_list, uni.outlet_w)[0]
        art_id = f"sha:gen{a:09d}"
        art = Article.model_construct(
            id=art_id, url=None, outlet=outlet.name, outlet_id=outlet.id, title=f"Generated article {a}",
            language=lang, published_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC), modified_at=None,
            content_hash=f"{a:064x}", text="", source=None,
        )  # fmt: skip
        used: dict[str, Actor] = {outlet.id: outlet}
        people = rnd.choices(uni.person_list, uni.person_w, k=per_article)
        targets = rnd.choices(uni.target_pool, uni.target_w, k=per_article)
        rels = rnd.choices(uni.rels, uni.rel_w, k=per_article)
        sts = []
        for k in range(per_article):
            person, target, rel = people[k], targets[k], rels[k]
            state = uni.person_state[person.id]
            c = codes[rel]
            used[person.id] = person
            used[state] = uni.actors[state]
            used[target.id] = target
            content = f"{person.name} on {target.name}: statement {k} of article {a} about peace and security"
            sts.append(
                Statement.model_construct(
                    id=f"{art_id}:{k * 100}-{k * 100 + 90}", article_id=art_id, speaker_id=person.id,
                    speaker_mention=person.name, speaker_span=None, on_behalf_of_id=state, relation=rel,
                    cameo=c.cameo, plover=c.plover, quad_class=c.quad_class, goldstein=c.goldstein,
                    targets=[Target.model_construct(actor_id=target.id, role=TargetRole.target, mention=target.name,
                                                    span=None)],
                    content=content, content_span=None, direct=bool(k % 2), cue="said", cue_span=None,
                    conditions=[], negated=False, date=day, date_source="article", via_id=None, sentence=content,
                    sentence_span=None, language=lang, confidence=round(0.5 + rnd.random() / 2, 3),
                    extractor_version="bench",
                )
            )  # fmt: skip
        yield IngestBatch.model_construct(
            article=art, actors=list(used.values()), roles=[], statements=sts, warnings=[]
        )
