"""What an attribution pattern finds: a :class:`Candidate` statement, and the per-sentence scan."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum, auto
from typing import NamedTuple

from loaders.extract.mentions import Ref
from loaders.extract.sentences import Quote, Sentence


class Pattern(StrEnum):
    """The attribution pattern that found a candidate (its base confidence depends on it)."""

    quote_post = auto()  # "“…,” ujar X" / '"…," X said'
    quote_pre = auto()  # 'X said: "…"' / "X menambahkan, “…”"
    headline = auto()  # "Aliyev: …" / 'Erdogan: "…"'
    reported = auto()  # "X mengatakan bahwa …" / "X said (that) …"
    reported_post = auto()  # "…, kata X" / "…, a senior official said"
    frame = auto()  # "Menurut X, …" / "…, according to X"
    act = auto()  # "Ankara rejected …" / "Kemlu mengecam …"
    continuation = auto()  # a whole-sentence quote going on after an attributed one
    open_quote = auto()  # a quotation left open at a paragraph end, attributed where it ends
    universal = auto()  # without a cue file: a quote in a sentence naming one known person


class Anaphora(StrEnum):
    """How a candidate without a speaker phrase finds its speaker."""

    clitic = auto()  # the verb carries its subject: "tambahnya", "a-t-il déclaré"
    zero = auto()  # no subject at all: "“…”, añadió."
    continuation = auto()  # the previous statement's speaker


class Verb(NamedTuple):
    """A speech-verb match: its span and whether it carries its own subject (a clitic)."""

    start: int
    end: int
    anaphoric: bool


@dataclass(slots=True)
class Candidate:
    """A span of a sentence that a pattern reads as a statement, with its cue and speaker slot."""

    kind: Pattern
    sentence: Sentence
    content: tuple[int, int]
    cue: tuple[int, int] | None
    direct: bool
    speaker: Ref | None = None
    anaphora: Anaphora | None = None
    speaker_text: tuple[int, int] | None = None
    """Span to read as a speaker the gazetteer does not know (a capitalised name)."""
    relation: str | None = None
    """Fixed by a speech-act verb ("condemned", "mengecam")."""
    speaker_after: bool = False
    """``speaker_text`` follows the verb ("said Dale Henning, a grocer")."""
    extent: tuple[int, int] | None = None
    """What the relation is read from, when wider than the content (a quote split around its cue)."""

    def take_speaker(self, other: Candidate) -> None:
        """Share ``other``'s speaker slot (a second act of the same subject)."""
        self.speaker, self.anaphora, self.speaker_text = other.speaker, other.anaphora, other.speaker_text


@dataclass(slots=True)
class SentenceScan:
    """One sentence while the patterns run over it: its quotes and verbs, and what is taken."""

    sentence: Sentence
    quotes: list[Quote]
    quote_spans: list[tuple[int, int]]
    verbs: list[Verb]
    found: list[Candidate] = field(default_factory=list)
    claimed: list[tuple[int, int]] = field(default_factory=list)
    """Spans already read as (part of) a statement: later patterns leave them alone."""
    used_verbs: set[int] = field(default_factory=set)

    def add(self, cand: Candidate, claim: tuple[int, int]) -> None:
        """Keep a candidate and mark ``claim`` as read."""
        self.found.append(cand)
        self.claimed.append(claim)

    def is_claimed(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.claimed)

    def overlaps_claim(self, span: tuple[int, int]) -> bool:
        return any(a < span[1] and span[0] < b for a, b in self.claimed)
