"""A seeded random statement graph for comparing count-based answers with statement scans.

Small (a few hundred statements) but with every shape the counts must get right: people
speaking for states, states speaking for themselves, statements with no speaker or no
target, several targets, mentioned and location roles, self-targets, many months.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime
from pathlib import Path

from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Statement, Target, TargetRole
from graph.relations import codes_for
from graph.sqlite_store import SqliteStore

STATES = [f"state-{i}" for i in range(8)]
PEOPLE = [f"person-{i}" for i in range(14)]
INITIATIVES = [f"init-{i}" for i in range(4)]
OUTLET = Actor(id="outlet-r", name="Outlet R", kind=ActorKind.media)
RELATIONS = [Relation.supports, Relation.declines, Relation.criticizes, Relation.consults, Relation.states]


def actors() -> list[Actor]:
    out = [Actor(id=s, name=s.replace("-", " ").title(), kind=ActorKind.state) for s in STATES]
    out += [Actor(id=p, name=p.replace("-", " ").title(), kind=ActorKind.person) for p in PEOPLE]
    out += [Actor(id=i, name=i.replace("-", " ").title(), kind=ActorKind.initiative) for i in INITIATIVES]
    return [*out, OUTLET]


def batches(seed: int = 5, articles: int = 40, per_article: int = 6) -> list[IngestBatch]:
    rnd = random.Random(seed)
    home = {p: STATES[min(int(rnd.paretovariate(1.0)) - 1, len(STATES) - 1)] for p in PEOPLE}
    pool = STATES + INITIATIVES
    out: list[IngestBatch] = []
    for a in range(articles):
        day = date(2025, 1 + rnd.randrange(6), 1 + rnd.randrange(28))
        art = Article(
            id=f"sha:rand{seed}-{a:04d}", title=f"Random {a}", outlet=OUTLET.name, outlet_id=OUTLET.id,
            language=rnd.choice(["en", "fr", "id"]), published_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
        )  # fmt: skip
        sts: list[Statement] = []
        for k in range(per_article):
            shape = rnd.random()
            speaker: str | None
            behalf: str | None
            if shape < 0.6:  # a person for their state (skewed: a few people speak most)
                speaker = PEOPLE[min(int(rnd.paretovariate(0.8)) - 1, len(PEOPLE) - 1)]
                behalf = home[speaker]
            elif shape < 0.75:
                speaker = behalf = rnd.choice(STATES)
            elif shape < 0.85:
                speaker, behalf = rnd.choice(PEOPLE), None
            elif shape < 0.93:
                speaker, behalf = None, rnd.choice(STATES)
            else:
                speaker = behalf = None
            targets = [
                Target(actor_id=t, role=TargetRole.target)
                for t in dict.fromkeys(rnd.choices(pool, k=rnd.choice([0, 1, 1, 1, 2])))
            ]
            if rnd.random() < 0.3:
                targets.append(Target(actor_id=rnd.choice(pool), role=TargetRole.mentioned))
            if rnd.random() < 0.1:
                targets.append(Target(actor_id=rnd.choice(STATES), role=TargetRole.location))
            rel = rnd.choice(RELATIONS)
            codes = codes_for(rel)
            sts.append(
                Statement(
                    id=f"{art.id}:{k * 10}-{k * 10 + 5}", article_id=art.id, speaker_id=speaker,
                    speaker_mention=speaker or "a source", on_behalf_of_id=behalf, relation=rel, cameo=codes.cameo,
                    plover=codes.plover, quad_class=codes.quad_class, goldstein=codes.goldstein, targets=targets,
                    content=f"statement {k}", direct=False, date=day, confidence=round(0.3 + rnd.random() * 0.7, 2),
                    conditions=["unless x"] if rnd.random() < 0.1 else [],
                )
            )  # fmt: skip
        out.append(IngestBatch(article=art, actors=actors(), statements=sts))
    return out


def sixty_articles(tmp_path: Path) -> tuple[SqliteStore, list[Statement]]:
    """A SQLite store of 60 random articles (closed by the caller) and their statements."""
    store = SqliteStore(tmp_path / "g.db")
    store.ensure_schema()
    stored = batches(seed=9, articles=60)
    failures = store.ingest_many(stored).failures
    assert not failures, failures
    return store, [st for b in stored for st in b.statements]
