"""Resolve what a user types ("Aliyev", "Turki", "Türkiye", an id) to actor ids in a store."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from graph.errors import NotFoundError
from graph.model import Actor, fold
from graph.store import GraphStore


class ActorNotFound(NotFoundError):
    """No actor matches; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[Actor]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(a.name for a in suggestions)}?" if suggestions else ""
        super().__init__(f"no actor matches {name!r}{hint}")


def suggest(store: GraphStore, name: str, limit: int = 5) -> list[Actor]:
    """Actors whose names or aliases are close to ``name`` (fuzzy, folded)."""
    key = fold(name)
    if not key:
        return []
    candidates: dict[str, Actor] = {}
    offset = 0
    while True:
        batch = store.list_actors(limit=1000, offset=offset)
        for actor in batch:
            candidates[actor.id] = actor
        if len(batch) < 1000 or offset > 100_000:
            break
        offset += 1000
    choices = {(aid, k): k for aid, a in candidates.items() for k in a.search_keys()}
    best: dict[str, float] = {}
    for _, score, (aid, _k) in process.extract(key, choices, scorer=fuzz.WRatio, limit=limit * 4):
        if score >= 60 and score > best.get(aid, 0):
            best[aid] = score
    ranked = sorted(best, key=lambda aid: -best[aid])[:limit]
    return [candidates[a] for a in ranked]


def resolve_actor_ids(store: GraphStore, name: str) -> list[str]:
    """Ids of the actors ``name`` denotes: an exact id, else exact folded name/alias matches.

    Falls back to prefix matches when nothing matches exactly (so "Erdo" finds Erdoğan).
    Raises :class:`ActorNotFound` (a NotFoundError) with close-name suggestions otherwise.
    """
    name = name.strip()
    if not name:
        raise ActorNotFound(name, [])
    direct = store.get_actor(name)
    if direct is not None:
        return [direct.id]
    key = fold(name)
    found = store.find_actors(name, limit=50)
    exact = [a.id for a in found if key in a.search_keys()]
    if exact:
        return exact
    prefix = [a.id for a in found if any(k.startswith(key) for k in a.search_keys())]
    if prefix and len(key) >= 3:
        return prefix
    raise ActorNotFound(name, suggest(store, name))
