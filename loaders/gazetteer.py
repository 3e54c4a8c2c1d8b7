"""Actor gazetteer: states, people with dated roles, organisations, groups, initiatives, media.

INTERFACE STUB — owned by the gazetteer work; the extraction engine codes against this API.
Knowledge lives in data files under ``loaders/data/gazetteer/``; this module only loads
and matches them. Matching folds case and diacritics (``graph.model.fold``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.model import Actor, Role


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor found in a text: ``text[start:end]`` names ``actor``."""

    actor: Actor
    start: int
    end: int
    text: str
    via: str  # "name" | "alias" | "demonym" | "capital" | "acronym"


class Gazetteer:
    """Loaded gazetteer. Get the shared instance with :meth:`default`."""

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer built from the packaged data files (cached)."""
        raise NotImplementedError

    def actor(self, actor_id: str) -> Actor | None:
        """Actor by id."""
        raise NotImplementedError

    def actors(self) -> list[Actor]:
        raise NotImplementedError

    def roles(self) -> list[Role]:
        raise NotImplementedError

    def resolve(self, name: str, lang: str | None = None) -> Actor | None:
        """The actor a whole name denotes ("Turki", "Türkiye", "Erdoğan", "ISNA"), or None."""
        raise NotImplementedError

    def find_mentions(self, text: str, lang: str | None = None) -> list[Mention]:
        """Non-overlapping, longest-first actor mentions in ``text``, in text order."""
        raise NotImplementedError

    def roles_of(self, person_id: str, on: date | None = None) -> list[Role]:
        """Roles held by a person, only those active on ``on`` when given."""
        raise NotImplementedError

    def holder(self, org_id: str, title: str, on: date) -> Actor | None:
        """Who held ``title`` (canonical English, e.g. "president") of ``org_id`` on a date."""
        raise NotImplementedError
