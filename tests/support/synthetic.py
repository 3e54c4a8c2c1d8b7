"""A synthetic actor network of any size for the page test and bench/bench_page.py.

``fill_synthetic(store, nodes=200, edges=600)`` writes ``nodes`` actors (states, people,
organisations, initiatives; a few isolated speakers) and statements that make about ``edges``
distinct actor→actor links over 2025–2026, in articles of 50 statements each, through the
store's ordinary ``ingest``. Deterministic: the same arguments give the same data.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from graph.model import Actor, ActorKind, Article, IngestBatch, Relation, Span, Statement, Target, TargetRole
from graph.relations import codes_for
from graph.store import GraphStore

KINDS = [ActorKind.state] * 5 + [ActorKind.person] * 2 + [ActorKind.organization, ActorKind.initiative]
RELATIONS = [Relation.supports, Relation.declines, Relation.criticizes, Relation.consults, Relation.agrees,
             Relation.demands, Relation.commits, Relation.accuses]  # fmt: skip
SYLLABLES = ["ka", "ri", "to", "ma", "su", "len", "dor", "via", "nu", "pra", "zel", "an", "ost", "bel", "qua"]
ISOLATED_SHARE = 0.05


def actor_name(rng: random.Random, i: int) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return f"{word} {i}" if i % 3 == 0 else word + "ia"


def fill_synthetic(store: GraphStore, nodes: int = 200, edges: int = 600, seed: int = 7) -> dict[str, int]:
    """Write the synthetic network; returns counts of actors, statements and isolated actors."""
    rng = random.Random(seed)
    actors = [Actor(id=f"syn-{i:05d}", name=actor_name(rng, i), kind=KINDS[i % len(KINDS)]) for i in range(nodes)]
    n_isolated = max(1, int(nodes * ISOLATED_SHARE))
    connected = actors[n_isolated:]
    # a few hubs: pick partners with a heavy tail so node sizes differ
    weights = [1.0 / (1 + k) ** 0.8 for k in range(len(connected))]
    pairs: set[tuple[str, str, Relation]] = set()
    # every connected actor gets at least one link, then links by preferential choice
    for k, a in enumerate(connected):
        b = connected[(k + 1) % len(connected)]
        pairs.add((a.id, b.id, rng.choice(RELATIONS)))
    while len(pairs) < edges:
        u, v = rng.choices(connected, weights=weights, k=2)
        if u.id != v.id:
            pairs.add((u.id, v.id, rng.choice(RELATIONS)))
    start = date(2025, 1, 1)
    statements: list[tuple[str, str | None, Relation, date]] = []
    for src, tgt, rel in sorted(pairs):
        for _ in range(1 + (rng.random() < 0.3) + (rng.random() < 0.1)):
            statements.append((src, tgt, rel, start + timedelta(days=rng.randrange(0, 700))))
    for lone in actors[:n_isolated]:  # spoke, but about no one
        statements.append((lone.id, None, Relation.states, start + timedelta(days=rng.randrange(0, 700))))
    by_id = {a.id: a for a in actors}
    per_article = 50
    for n in range(0, len(statements), per_article):
        chunk = statements[n : n + per_article]
        text_parts: list[str] = []
        made: list[Statement] = []
        offset = 0
        for i, (speaker, about, rel, day) in enumerate(chunk):
            sentence = (
                f"{by_id[speaker].name} made statement {n + i} about {by_id[about].name if about else 'nothing'}."
            )
            codes = codes_for(rel)
            made.append(
                Statement(
                    id=Statement.make_id(f"sha:syn{n:08d}", offset, offset + len(sentence)),
                    article_id=f"sha:syn{n:08d}",
                    speaker_id=None,
                    speaker_mention=by_id[speaker].name,
                    on_behalf_of_id=speaker,
                    relation=rel,
                    cameo=codes.cameo,
                    plover=codes.plover,
                    quad_class=codes.quad_class,
                    goldstein=codes.goldstein,
                    targets=[Target(actor_id=about, role=TargetRole.target)] if about else [],
                    content=sentence,
                    content_span=Span(start=offset, end=offset + len(sentence), text=sentence),
                    direct=False,
                    date=day,
                    language="en",
                    confidence=0.8,
                )
            )
            text_parts.append(sentence)
            offset += len(sentence) + 1
        used = sorted({x for s in made for x in s.actor_ids()})
        article = Article(
            id=f"sha:syn{n:08d}", url=f"https://example.org/synthetic/{n}", outlet="Synthetic Wire",
            title=f"Synthetic article {n}", language="en", text=" ".join(text_parts),
            published_at=datetime.combine(max(d for s in made if (d := s.date) is not None), datetime.min.time(), tzinfo=UTC),
        )  # fmt: skip
        store.ingest(IngestBatch(article=article, actors=[by_id[i] for i in used], statements=made))
    return {"actors": nodes, "statements": len(statements), "isolated": n_isolated, "links": len(pairs)}
