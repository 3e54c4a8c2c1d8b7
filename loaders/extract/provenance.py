"""Provenance of a statement: its date, the agency it was reported via; the article's dateline and initiative.

- Date: a date mentioned in the statement's sentence *outside* its content (the frame:
  "mengatakan pada hari Senin (05/01/2026) bahwa …", "said last November that …"), never
  after the article date; otherwise the article's date.
- Via: a media outlet named by a report frame ("Menurut laporan ISNA", "as reported by") or
  an interview frame ("dalam wawancara dengan Bloomberg News", "told Reuters") in the
  sentence. The lexicons live in the language files.
- Salient initiative: the initiative actor (force, mission, plan) the article names most.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import cache, lru_cache
from urllib.parse import urlsplit

from babel.core import get_global

from graph.model import Actor, ActorKind, Article
from loaders.dates import DateMention, find_dates_in_sentence
from loaders.extract.lang import LangData
from loaders.extract.lexicon import Lexicon
from loaders.extract.mentions import MentionIndex, actor_id
from loaders.extract.windows import DATELINE_REACH, FRAME_DATE_REACH, MEDIA_AFTER_FRAME
from loaders.gazetteer import Gazetteer


def frame_date(
    text: str,
    sentence: tuple[int, int],
    content: tuple[int, int],
    lang: LangData,
    article_day: date | None,
    cue: tuple[int, int] | None = None,
    reach: int = FRAME_DATE_REACH,
) -> date | None:
    """The statement date given in the sentence frame (outside the content), if any.

    Examples
    --------
    >>> from loaders.extract.lang import load_lang
    >>> t = "Erdogan mengatakan pada hari Senin (05/01/2026) bahwa Deklarasi 13 Oktober 2025 penting."
    >>> frame_date(t, (0, len(t)), (t.index("Deklarasi"), len(t) - 1), load_lang("id"), date(2026, 1, 6))
    datetime.date(2026, 1, 5)
    """
    s, e = sentence  # without an article date only absolute dates ("5 January 2026") resolve
    for m in _dates(text[s:e], lang.code if lang.known else None, article_day):
        a, b = s + m.start, s + m.end
        if content[0] <= a < content[1] or content[0] < b <= content[1]:
            continue
        if cue is not None and (b < cue[0] - reach or a > cue[1] + reach):
            continue  # too far from the verb to date the speech act
        if cue is not None and cue[1] <= content[0] and a >= content[1]:
            continue  # after the content of a cue that precedes it: part of what was said
        if article_day is not None and m.date > article_day:
            continue
        return m.date
    return None


@lru_cache(maxsize=256)
def _dates(sentence: str, lang: str | None, day: date | None) -> tuple[DateMention, ...]:
    """The date mentions of a sentence (cached: a sentence holding several statements is read once)."""
    return tuple(find_dates_in_sentence(sentence, lang, day))


def media_after(index: MentionIndex, pos: int, limit: int = MEDIA_AFTER_FRAME) -> Actor | None:
    """A media outlet named right after ``pos`` (allowing a short gap such as 'kantor berita')."""
    for hit in index.within(pos, pos + limit):
        return hit.actor if hit.actor.kind == ActorKind.media else None
    return None


_RUN = re.compile(r"(?:[A-Z][\w&.'’-]*|\d{1,3})(?:\s+(?:[A-Z][\w&.'’-]*|\d{1,3}))*")


def unknown_media_after(text: str, pos: int, end: int, lex: Lexicon, index: MentionIndex) -> Actor | None:
    """An outlet the gazetteer does not know, named right after an interview or report frame.

    Accepted only when it looks like an outlet: announced by a media word ("el diario",
    "the broadcaster", "kantor berita"), an acronym ("SABC"), or a name holding a media word
    ("France 24", "Prensa Latina"). Its id is the slug of the name.
    """
    i = pos
    while i < end and text[i].isspace():
        i += 1
    announced = False
    words = lex.lang.pattern("media_words")
    for _ in range(2):
        m = lex.article_re.match(text, i)
        if m:
            i = m.end()
        if words is not None and text[i : i + 1].islower():
            w = words.match(text, i)
            if w:
                announced = True
                i = w.end()
                while i < end and text[i].isspace():
                    i += 1
    run = _RUN.match(text, i, end)
    if run is None:
        return None
    name = run.group(0).rstrip(".,")
    hit = index.starting_near(i, slack=0)
    if hit is not None and hit.end >= i + len(name):
        return None  # the gazetteer knows it (and it is not a media outlet)
    tokens = name.split()
    acronym = len(tokens) == 1 and name.isupper() and 2 <= len(name) <= 6
    media_word = words is not None and any(words.fullmatch(t) for t in tokens)
    if not (announced or acronym or media_word or any(t.isdigit() for t in tokens[1:])):
        return None
    return Actor(id=actor_id(name), name=name, kind=ActorKind.media, aliases=[])


VIA_LISTS = ("report_frames", "interview")
"""Phrase lists that introduce the outlet a sentence was reported via."""
_FRAME_LISTS = VIA_LISTS


def sentence_vias(text: str, sentence: tuple[int, int], lex: Lexicon, index: MentionIndex) -> list[tuple[int, Actor]]:
    """Media outlets a sentence says it was reported via, with the frame position."""
    out: list[tuple[int, Actor]] = []
    s, e = sentence
    frame = lex.lang.any_of(_FRAME_LISTS)
    if frame is None or frame.search(text, s, e) is None:
        return out  # no report frame nor interview phrase (most sentences): one scan instead of two
    for key in _FRAME_LISTS:
        pat = lex.lang.pattern(key)
        if pat is None:
            continue
        for m in pat.finditer(text, s, e):
            media = media_after(index, m.end()) or unknown_media_after(text, m.end(), e, lex, index)
            if media is not None:
                out.append((m.start(), media))
    return sorted(out, key=lambda x: x[0])


_DATELINE = re.compile(r"^\s*([^\W\d_][\w .'’-]{2,30}?)\s*(?:,[^\n]{0,40}?)?\s*(?:[-—–]|\()", re.M)
"""A capitalised place opening a paragraph before a comma or dash; written in capitals (checked in code,
so accented capitals count: "ASUNCIÓN -", "YAOUNDÉ -", "SAN JOSÉ, 3 feb (…) –")."""


def dateline_state(text: str, gaz: Gazetteer) -> Actor | None:
    """The state of a wire dateline ("BERLIN, Nov 26 (CPA) -", "JAKARTA, KOMPAS -"), if any.

    Examples
    --------
    >>> dateline_state("Title\\n\\nBERLIN, Nov 26 (CPA) - The minister said", Gazetteer.default()).id
    'germany'
    >>> dateline_state("Título\\n\\nASUNCIÓN, 14 ene (Prensa) – El canciller dijo", Gazetteer.default()).id
    'paraguay'
    """
    for m in _DATELINE.finditer(text, 0, min(len(text), DATELINE_REACH)):
        place = m.group(1).strip()
        if not place.isupper():
            continue
        actor = gaz.resolve(place.title())
        if actor is not None and actor.kind == ActorKind.state:
            return actor
    return None


def salient_initiative(index: MentionIndex) -> Actor | None:
    """The initiative named most often in the article (first named wins ties)."""
    counts: Counter[str] = Counter()
    first: dict[str, Actor] = {}
    for hit in index.hits:
        if hit.actor.kind == ActorKind.initiative:
            counts[hit.actor.id] += 1
            first.setdefault(hit.actor.id, hit.actor)
    if not counts:
        return None
    best = max(counts.items(), key=lambda kv: kv[1])[0]
    return first[best]


def article_day(article: Article) -> date | None:
    """The day the article was published, if known."""
    return article.published_at.date() if article.published_at is not None else None


def article_outlet(gaz: Gazetteer, article: Article) -> Actor | None:
    """The media outlet that published the article: its id, name or web host, if the gazetteer knows it."""
    if article.outlet_id:
        known = gaz.actor(article.outlet_id)
        if known is not None:
            return known
    names = [article.outlet] if article.outlet else []
    if article.url:
        host = urlsplit(article.url).netloc.lower().removeprefix("www.")
        names += [host, host.split(".")[0]]
    for name in names:
        if not name:
            continue
        actor = gaz.resolve(name)
        if actor is not None and actor.kind == ActorKind.media:
            return actor
    return None


@cache
def _official_in(lang: str) -> frozenset[str]:
    """Territory codes (CLDR) where ``lang`` is an official (or de facto official) language."""
    territories = get_global("territory_languages")
    return frozenset(
        t
        for t, langs in territories.items()
        if str(langs.get(lang, {}).get("official_status", "")).endswith("official")
    )


def national_state(gaz: Gazetteer, outlet: Actor | None, lang: str) -> Actor | None:
    """The state of a national outlet writing in a language official there and in at most two states.

    Its titles ("Menteri", "Kapolri") are then that state's offices; English, Spanish or French
    titles are not, being official in dozens of states.

    Examples
    --------
    >>> outlet = Actor(id="x", name="X", kind="media", country="ID")
    >>> national_state(Gazetteer.default(), outlet, "id").id, national_state(Gazetteer.default(), outlet, "en")
    ('indonesia', None)
    """
    if outlet is None or not outlet.country:
        return None
    official = _official_in(lang)
    if outlet.country.upper() not in official or len(official) > 2:
        return None
    return gaz.state(outlet.country)
