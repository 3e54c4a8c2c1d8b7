"""Per-language cue data: load ``loaders/data/lang/<xx>.toml`` (schema in its README.md).

Each language file is merged over ``_universal.toml``. Phrase lists are compiled into
case- and accent-insensitive regular expressions that only match whole words, so a
newcomer adds a language by adding a TOML file, without code.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from graph.errors import ConfigError
from graph.text import fold, variants
from loaders.extract.phrases import PhraseMatcher

PLACEHOLDERS = ("{X}", "{self}")

RELATION_NAMES = (
    "declines", "threatens", "accuses", "denies", "demands", "criticizes", "claims_role",
    "appeals", "consults", "commits", "agrees", "supports",
)  # fmt: skip
"""Relations a language file may give cues for, in the order ties are broken."""


_ARABIC_MARKS = "[\u064b-\u065f\u0670\u0640]*"
"""Harakat and tatweel a writer may put after an Arabic letter."""


def _char_class(ch: str) -> str:
    """Regex for one phrase character.

    Any apostrophe and any dash match each other, a space matches any whitespace, an accented
    letter also matches its bare letter ("según" matches "segun", not the other way round:
    Spanish "sí" is not "si"), and orthographic letter variants match each other (Arabic alef
    and yeh forms, ta marbuta, Russian е/ё), Arabic letters with any harakat after them.
    """
    if ch in "'’":
        return "['’]"
    if ch in "-‐‑–":
        return r"[-‐‑–]"
    if ch == " ":
        return r"\s+"
    same = variants(ch)
    if len(same) > 1:
        out = f"[{re.escape(same)}]"
    else:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out = f"[{re.escape(ch)}{re.escape(base)}]" if base and base != ch and len(base) == 1 else re.escape(ch)
    if "\u0600" <= ch <= "\u06ff":
        out += _ARABIC_MARKS
    return out


def phrase_regex(phrase: str) -> str:
    """Regex source matching ``phrase`` as whole words, accent- and spacing-tolerant.

    Examples
    --------
    >>> import re
    >>> bool(re.search(phrase_regex("según"), "Segun fuentes", re.I))
    True
    >>> bool(re.search(phrase_regex("kata"), "mengatakan", re.I))
    False
    """
    body = "".join(_char_class(c) for c in " ".join(phrase.split()))
    left = r"(?<!\w)" if phrase[:1].isalnum() else ""
    right = r"(?!\w)" if phrase[-1:].isalnum() else ""
    return f"{left}{body}{right}"


def compile_phrases(phrases: list[str]) -> re.Pattern[str] | None:
    """One alternation over all phrases, longest first; None when the list is empty."""
    clean = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    if not clean:
        return None
    return re.compile("|".join(f"(?:{phrase_regex(p)})" for p in clean), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class SlotPattern:
    """A phrase with one actor slot (``{X}`` or ``{self}``): ``left`` + actor mention + ``right``."""

    phrase: str
    slot: str
    left: re.Pattern[str] | None
    right: re.Pattern[str] | None


def _slot_pattern(phrase: str) -> SlotPattern:
    for slot in PLACEHOLDERS:
        if slot in phrase:
            left, _, right = phrase.partition(slot)
            return SlotPattern(
                phrase,
                slot,
                re.compile(phrase_regex(left.strip()), re.I) if left.strip() else None,
                re.compile(phrase_regex(right.strip()), re.I) if right.strip() else None,
            )
    raise ValueError(f"no placeholder in {phrase!r}")


def _regex(patterns: list[str], code: str) -> re.Pattern[str]:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"loaders/data/lang/{code}.toml: bad relation pattern: {exc}") from exc


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"language data: {where} must be a list of strings")
    return list(value)


@dataclass(slots=True)
class LangData:
    """Cue lexicons of one language, with compiled patterns."""

    code: str
    name: str
    known: bool
    abbreviations: frozenset[str] = frozenset()
    speech_verbs: list[str] = field(default_factory=list)
    anaphoric_verbs: list[str] = field(default_factory=list)
    complementizers: list[str] = field(default_factory=list)
    according_to: list[str] = field(default_factory=list)
    interview: list[str] = field(default_factory=list)
    report_frames: list[str] = field(default_factory=list)
    pronouns: list[str] = field(default_factory=list)
    self_refs: list[str] = field(default_factory=list)
    fillers: list[str] = field(default_factory=list)
    meta_objects: list[str] = field(default_factory=list)
    relatives: list[str] = field(default_factory=list)
    weak_verbs: list[str] = field(default_factory=list)
    participles: list[str] = field(default_factory=list)
    private_roles: list[str] = field(default_factory=list)
    bare_verbs: list[str] = field(default_factory=list)
    media_words: list[str] = field(default_factory=list)
    passive_auxiliaries: list[str] = field(default_factory=list)
    future_markers: list[str] = field(default_factory=list)
    back_references: list[str] = field(default_factory=list)
    anaphoric_regex: re.Pattern[str] | None = None
    non_statements: list[str] = field(default_factory=list)
    negation_words: list[str] = field(default_factory=list)
    negation_scope: int = 4
    condition_markers: list[str] = field(default_factory=list)
    condition_clause_markers: list[str] = field(default_factory=list)
    condition_clause_starts: list[str] = field(default_factory=list)
    condition_not_markers: list[str] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)
    acts: dict[str, list[str]] = field(default_factory=dict)
    relation_regex: dict[str, re.Pattern[str]] = field(default_factory=dict)
    negation_flip: dict[str, str] = field(default_factory=dict)
    anonymous: list[str] = field(default_factory=list)
    initiative_refs: list[str] = field(default_factory=list)
    topics: dict[str, list[str]] = field(default_factory=dict)
    refinements: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    locative: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    adjuncts: list[str] = field(default_factory=list)
    place_prepositions: list[str] = field(default_factory=list)
    name_particles: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    bodies: dict[str, str] = field(default_factory=dict)
    single_word_orgs: bool = False
    _patterns: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    _matchers: dict[str, PhraseMatcher] = field(default_factory=dict)
    _slots: dict[str, list[SlotPattern]] = field(default_factory=dict)

    def pattern(self, key: str) -> re.Pattern[str] | None:
        """Compiled pattern of a phrase list: 'speech_verbs', 'relation:declines', 'topic:ceasefire'…"""
        if key not in self._patterns:
            self._patterns[key] = compile_phrases(
                [p for p in self._phrases(key) if not any(s in p for s in PLACEHOLDERS)]
            )
        return self._patterns[key]

    def matcher(self, kind: str) -> PhraseMatcher:
        """Word-trie matcher: 'relation' / 'act' (value = relation name), 'verbs' (value 'v' or 'a')."""
        if kind not in self._matchers:
            pairs: list[tuple[str, str]] = []
            if kind == "verbs":
                pairs = [(p, "v") for p in self.speech_verbs] + [(p, "a") for p in self.anaphoric_verbs]
                seen: dict[str, str] = {}
                for p, v in pairs:
                    seen[fold(p)] = "a" if v == "a" or seen.get(fold(p)) == "a" else "v"
                pairs = list(seen.items())
            else:
                source = self.relations if kind == "relation" else self.acts
                for name in RELATION_NAMES:
                    pairs += [(p, name) for p in source.get(name, []) if not any(s in p for s in PLACEHOLDERS)]
                first: dict[str, str] = {}
                for p, name in pairs:
                    first.setdefault(fold(p), name)
                pairs = list(first.items())
            self._matchers[kind] = PhraseMatcher(pairs)
        return self._matchers[kind]

    def slot_patterns(self, key: str) -> list[SlotPattern]:
        """Phrases of a list that hold an actor slot ({X} or {self})."""
        if key not in self._slots:
            self._slots[key] = [_slot_pattern(p) for p in self._phrases(key) if any(s in p for s in PLACEHOLDERS)]
        return self._slots[key]

    def _phrases(self, key: str) -> list[str]:
        kind, _, name = key.partition(":")
        if kind == "relation":
            return self.relations.get(name, [])
        if kind == "act":
            return self.acts.get(name, [])
        if kind == "topic":
            return self.topics.get(name, [])
        if kind == "titles":
            return list(self.titles)
        value = getattr(self, key)
        if not isinstance(value, list):
            raise KeyError(key)
        return value


def _read(name: str) -> dict[str, Any] | None:
    ref = resources.files("loaders").joinpath("data", "lang", f"{name}.toml")
    if not ref.is_file():
        return None
    try:
        return tomllib.loads(ref.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"loaders/data/lang/{name}.toml: {exc}") from exc


def available_languages() -> list[str]:
    """Codes of the languages that have a cue file.

    Examples
    --------
    >>> {"en", "id", "es", "fr"} <= set(available_languages())
    True
    """
    folder = resources.files("loaders").joinpath("data", "lang")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml") and not p.name.startswith("_"))


def _build(code: str, raw: dict[str, Any], universal: dict[str, Any], known: bool) -> LangData:
    def section(name: str) -> dict[str, Any]:
        merged = dict(universal.get(name, {}))
        merged.update(raw.get(name, {}))
        return merged

    speech, sentences = section("speech"), section("sentences")
    negation, relations = section("negation"), section("relations")
    acts = section("acts")
    regexes = section("relation_patterns")
    unknown = (set(relations) | set(acts) | set(regexes)) - set(RELATION_NAMES)
    if unknown:
        raise ConfigError(f"loaders/data/lang/{code}.toml: unknown relations {sorted(unknown)}")
    topics = {k: _strings(v, f"topics.{k}") for k, v in section("topics").items()}
    titles = {str(k).casefold(): str(v) for k, v in section("titles").items()}
    return LangData(
        code=code,
        name=str(section("meta").get("name", code)),
        known=known,
        abbreviations=frozenset(a.casefold() for a in _strings(sentences.get("abbreviations"), "abbreviations")),
        speech_verbs=_strings(speech.get("verbs"), "speech.verbs"),
        anaphoric_verbs=_strings(speech.get("anaphoric_verbs"), "speech.anaphoric_verbs"),
        complementizers=_strings(speech.get("complementizers"), "speech.complementizers"),
        according_to=_strings(speech.get("according_to"), "speech.according_to"),
        interview=_strings(speech.get("interview"), "speech.interview"),
        report_frames=_strings(speech.get("report_frames"), "speech.report_frames"),
        pronouns=_strings(speech.get("pronouns"), "speech.pronouns"),
        self_refs=_strings(speech.get("self_refs"), "speech.self_refs"),
        fillers=_strings(speech.get("fillers"), "speech.fillers"),
        meta_objects=_strings(speech.get("meta_objects"), "speech.meta_objects"),
        relatives=_strings(speech.get("relatives"), "speech.relatives"),
        weak_verbs=_strings(speech.get("weak_verbs"), "speech.weak_verbs"),
        participles=_strings(speech.get("participles"), "speech.participles"),
        private_roles=_strings(speech.get("private_roles"), "speech.private_roles"),
        bare_verbs=_strings(speech.get("bare_verbs"), "speech.bare_verbs"),
        media_words=_strings(speech.get("media_words"), "speech.media_words"),
        passive_auxiliaries=_strings(speech.get("passive_auxiliaries"), "speech.passive_auxiliaries"),
        future_markers=_strings(speech.get("future_markers"), "speech.future_markers"),
        back_references=_strings(speech.get("back_references"), "speech.back_references"),
        anaphoric_regex=(
            _regex(_strings(speech.get("anaphoric_patterns"), "speech.anaphoric_patterns"), code)
            if speech.get("anaphoric_patterns")
            else None
        ),
        non_statements=_strings(speech.get("non_statements"), "speech.non_statements"),
        negation_words=_strings(negation.get("words"), "negation.words"),
        negation_scope=int(negation.get("scope", 4)),
        condition_markers=_strings(section("conditions").get("markers"), "conditions.markers"),
        condition_clause_markers=_strings(section("conditions").get("clause_markers"), "conditions.clause_markers"),
        condition_clause_starts=_strings(section("conditions").get("clause_starts"), "conditions.clause_starts"),
        condition_not_markers=_strings(section("conditions").get("not_markers"), "conditions.not_markers"),
        relations={k: _strings(v, f"relations.{k}") for k, v in relations.items()},
        acts={k: _strings(v, f"acts.{k}") for k, v in acts.items()},
        relation_regex={k: _regex(_strings(v, f"relation_patterns.{k}"), code) for k, v in regexes.items()},
        negation_flip={str(k): str(v) for k, v in section("negation_flip").items()},
        anonymous=_strings(section("anonymous_sources").get("patterns"), "anonymous_sources.patterns"),
        initiative_refs=_strings(section("initiatives").get("refs"), "initiatives.refs"),
        topics=topics,
        refinements={str(k): str(v) for k, v in section("refinements").items()},
        titles=titles,
        locative=_strings(section("locative").get("words"), "locative.words"),
        audience=_strings(section("locative").get("audience"), "locative.audience"),
        adjuncts=_strings(section("locative").get("adjuncts"), "locative.adjuncts"),
        place_prepositions=_strings(section("locative").get("place_prepositions"), "locative.place_prepositions"),
        name_particles=frozenset(_strings(section("names").get("particles"), "names.particles")),
        determiners=frozenset(w.casefold() for w in _strings(section("names").get("determiners"), "names.determiners")),
        org_words=frozenset(w.casefold() for w in _strings(section("names").get("org_words"), "names.org_words")),
        title_words=frozenset(w.casefold() for w in _strings(section("names").get("title_words"), "names.title_words")),
        bodies={" ".join(str(k).casefold().split()): str(v) for k, v in section("bodies").items()},
        single_word_orgs=bool(section("names").get("single_word_orgs", False)),
    )


@cache
def load_lang(code: str | None) -> LangData:
    """Cue data for a language code; a language without a file gets the universal defaults only.

    Examples
    --------
    >>> load_lang("id").known, load_lang("xx").known
    (True, False)
    >>> load_lang("id").pattern("speech_verbs").search("ujar Presiden").group(0)
    'ujar'
    """
    universal = _read("_universal") or {}
    norm = (code or "").strip().lower()[:2]
    raw = _read(norm) if norm.isalpha() and len(norm) == 2 else None
    return _build(norm or "und", raw or {}, universal, known=raw is not None)
