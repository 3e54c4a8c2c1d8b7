"""One claim, many reports: group extracted statements into claims, deterministically.

A *report* is one extracted statement (one article's sentence, with its offsets) together
with what the grouping needs to know about its article (outlet, URL, publication time,
where in the article it stands). A :class:`graph.model.Claim` is what was said, once; every
report belongs to exactly one claim.

How reports are linked
----------------------
Two reports can only be one claim when every *gate* holds:

- the same speaker, or the same represented actor (state or organisation) with speakers
  that do not contradict (two different named speakers of one state are two claims);
- the same relation class: a negated ``commits`` is a ``declines``;
- overlapping targets (or, when one report names no target, near-identical text);
- statement dates at most ``window_days`` apart.

Content then decides. Within one article a headline, lead or caption that passes the
gates repeats the body statement; two body sentences are two claims unless their text is
near-identical. Across articles the gates suffice, except that two direct quotes in the
same language whose words barely overlap are different statements. Quote overlap
(``rapidfuzz``), shared numbers, shared named actors and a shared agency make a link
stronger; the evidence of each link is kept on the claim.

Claims are built like single-linkage clusters with "cannot-link" constraints: the links
are taken strongest first (ties by statement ids), and two groups are merged unless a
pair across them was judged different or their dates would span more than the window.
The result depends only on the set of reports, never on the order they arrived in; the
claim id is a hash of its earliest report. Stores recompute the claims of the affected
neighbourhood (:func:`neighbourhood`, :func:`refresh`) whenever reports arrive, move or
leave, which gives the same claims as grouping everything at once.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from urllib.parse import urlsplit

from pydantic import Field, model_validator
from rapidfuzz import fuzz

from graph.model import (
    Article,
    AwareDatetime,
    Claim,
    ClaimLink,
    Model,
    Relation,
    ReportPosition,
    Statement,
    Target,
    TargetRole,
    fold,
)
from graph.relations import codes_for, vocabulary


@dataclass(frozen=True, slots=True)
class ClaimRules:
    """The knobs of the grouping (``Settings.claim_window_days`` sets ``window_days``)."""

    window_days: int = 7
    """Statement dates of one claim's reports are at most this many days apart."""
    repeat_similarity: float = 0.85
    """Two body sentences of one article are one claim only above this text similarity."""
    distinct_quotes_below: float = 0.5
    """Two direct quotes in one language from different articles are different statements below this."""
    untargeted_similarity: float = 0.7
    """A report without targets joins one with targets only above this text similarity."""
    other_speaker_similarity: float = 0.7
    """The lead (or a caption) and a body sentence of one article by two speakers of one side are one
    claim only above this text similarity."""
    unknown_side_similarity: float = 0.5
    """A headline under a state's name and a lead by a speaker of unknown side, one of them without
    targets, are one claim only above this text similarity (:func:`repeat_gate`)."""


class Report(Model):
    """One statement as a report: the statement and what the grouping needs of its article."""

    statement: Statement
    outlet_key: str = Field(description="Outlet actor id, else folded outlet name, else URL host, else article id.")
    outlet: str | None = Field(default=None, description="Outlet display name.")
    url: str | None = None
    published_at: AwareDatetime | None = None
    language: str | None = None
    position: ReportPosition = "body"
    anchor: date | None = Field(
        default=None,
        description="The day its claim window is counted from: the earliest date among the statements of "
        "its article with the same represented actor and relation class within the window (default: its date).",
    )

    @model_validator(mode="after")
    def _utc(self) -> Report:
        # one spelling of each instant, whichever store or article it came from
        if self.published_at is not None and self.published_at.utcoffset():
            self.published_at = self.published_at.astimezone(UTC)
        return self

    @property
    def id(self) -> str:
        return self.statement.id

    @property
    def day(self) -> date | None:
        """:attr:`anchor`, else the statement date (None for an undated statement)."""
        return self.anchor or self.statement.date


# -- reports -------------------------------------------------------------------------------

_TERMINAL = tuple(".!?。！？…:;\"'”’»)")
_CAPTION_MAX_WORDS = 20


def _paragraphs(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each non-blank line of ``text``."""
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end(), m.group().strip()))
    return out


def _is_caption(par: str) -> bool:
    return par.startswith(("•", "·", "▪", "►")) or (
        len(par.split()) <= _CAPTION_MAX_WORDS and not par.endswith(_TERMINAL)
    )


def paragraph_positions(article: Article) -> list[tuple[int, int, ReportPosition]]:
    """Where each paragraph of an article stands: headline, lead, caption or body.

    The headline is a first line that is the title (or, without a title, a first line
    without final punctuation); the lead is the first real paragraph after it; short lines
    without final punctuation (photo captions, bylines) are captions.

    Examples
    --------
    >>> art = Article(id="sha:x", title="Aliyev: no troops for Gaza",
    ...               text="Aliyev: no troops for Gaza\\n\\nBaku will not send troops, Aliyev said.\\n"
    ...                    "President Ilham Aliyev in Baku\\nHe spoke on television.")
    >>> [p for _, _, p in paragraph_positions(art)]
    ['headline', 'lead', 'caption', 'body']
    """
    pars = _paragraphs(article.text)
    out: list[tuple[int, int, ReportPosition]] = []
    title = fold(article.title)
    seen_lead = False
    for i, (start, end, par) in enumerate(pars):
        pos: ReportPosition
        if i == 0 and ((title and fold(par) == title) or (not title and not par.endswith(_TERMINAL))):
            pos = "headline"
        elif _is_caption(par):
            pos = "caption"
        elif not seen_lead:
            pos = "lead"
            seen_lead = True
        else:
            pos = "body"
        out.append((start, end, pos))
    return out


def position_of(st: Statement, positions: Sequence[tuple[int, int, ReportPosition]]) -> ReportPosition:
    """Position of the paragraph holding the statement's sentence (``body`` when unknown)."""
    span = st.sentence_span or st.content_span
    if span is None:
        return "body"
    for start, end, pos in positions:
        if start <= span.start < end:
            return pos
    return "body"


def outlet_key(article: Article) -> str:
    """What counts as one source: the outlet actor, else its folded name, else the URL host.

    Examples
    --------
    >>> outlet_key(Article(id="sha:x", outlet="Pars Today"))
    'pars today'
    >>> outlet_key(Article(id="sha:x", url="https://www.example.org/a/b"))
    'example.org'
    >>> outlet_key(Article(id="sha:x"))
    'sha:x'
    """
    return source_key(article.id, article.outlet_id, article.outlet, article.url)


def source_key(article_id: str, outlet_id: str | None, outlet: str | None, url: str | None) -> str:
    """:func:`outlet_key` from an article's stored columns."""
    if outlet_id:
        return outlet_id
    if outlet and fold(outlet):
        return fold(outlet)
    if url:
        host = urlsplit(url).netloc.lower().removeprefix("www.")
        if host:
            return host
    return article_id


def anchors(statements: Sequence[Statement], window_days: int) -> list[date | None]:
    """For each statement of one article, the earliest date among the article's statements with
    the same represented actor and relation class at most ``window_days`` from it.

    A headline dated by the article ("Monday") and its lead dated by the text ("on Sunday")
    then count their window from the same day, so the calendar bucket of a claim
    (:func:`bucket`) never separates one article's repetitions.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> s = demo_data().statements[0]  # 2026-01-01
    >>> later = s.model_copy(update={"id": "demo:5-6", "date": date(2026, 1, 2)})
    >>> other = s.model_copy(update={"id": "demo:7-8", "date": date(2026, 3, 1)})
    >>> [d.isoformat() for d in anchors([later, s, other], 7)]
    ['2026-01-01', '2026-01-01', '2026-03-01']
    """
    out: list[date | None] = []
    for st in statements:
        if st.date is None:
            out.append(None)  # undated: no window to count from
            continue
        key = (_rep(st), relation_class(st))
        near_days = [
            o.date
            for o in statements
            if o.date is not None
            and (_rep(o), relation_class(o)) == key
            and abs((o.date - st.date).days) <= window_days
        ]
        out.append(min(near_days))
    return out


def reports_of(article: Article, statements: Sequence[Statement], rules: ClaimRules | None = None) -> list[Report]:
    """The statements of one article as reports (with their position and anchor day)."""
    positions = paragraph_positions(article)
    key = outlet_key(article)
    days = anchors(statements, (rules or ClaimRules()).window_days)
    return [
        Report(
            statement=st,
            outlet_key=key,
            outlet=article.outlet,
            url=article.url,
            published_at=article.published_at,
            language=st.language or article.language,
            position=position_of(st, positions),
            anchor=day,
        )
        for st, day in zip(statements, days, strict=True)
    ]


# -- comparing two reports -----------------------------------------------------------------


def relation_class(st: Statement) -> Relation:
    """The relation a report counts as: a negated ``commits`` is a ``declines``.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> st = demo_data().statements[0]
    >>> relation_class(st.model_copy(update={"relation": Relation.commits, "negated": True}))
    <Relation.declines: 'declines'>
    """
    if st.relation == Relation.commits and st.negated:
        return Relation.declines
    return st.relation


def _specific_speaker(st: Statement) -> str | None:
    """The speaker when it is someone other than the actor spoken for."""
    if st.speaker_id and st.speaker_id != st.on_behalf_of_id:
        return st.speaker_id
    return None


def _rep(st: Statement) -> str | None:
    return st.on_behalf_of_id or st.speaker_id


def same_voice(a: Statement, b: Statement) -> str | None:
    """Evidence that two statements have the same speaker, or None.

    The same speaker id; or the same represented actor, unless both name different
    speakers (the president and the foreign minister of one state are two voices).

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> s = demo_data().statements[0]
    >>> same_voice(s, s)
    'same speaker p'
    >>> same_voice(s, s.model_copy(update={"speaker_id": None}))
    'same represented actor a'
    >>> same_voice(s, s.model_copy(update={"speaker_id": "q"})) is None
    True
    """
    if a.speaker_id and a.speaker_id == b.speaker_id:
        return f"same speaker {a.speaker_id}"
    rep = _rep(a)
    if rep and rep == _rep(b):
        sa, sb = _specific_speaker(a), _specific_speaker(b)
        if sa and sb and sa != sb:
            return None
        return f"same represented actor {rep}"
    return None


def _named(st: Statement) -> set[str]:
    """Actors a statement names as target or mention (places say little about what was said)."""
    return {t.actor_id for t in st.targets if t.role != TargetRole.location}


def _voice_keys(st: Statement) -> set[str]:
    return {x for x in (st.speaker_id, st.on_behalf_of_id) if x}


#: Day 0 of the claim calendar (a Monday): with a 7-day window, buckets are ISO weeks.
EPOCH = date(2024, 1, 1)


def bucket(day: date, window_days: int) -> int:
    """The calendar bucket of a day: claims never span two buckets, so a write regroups one
    bucket of one voice, not a whole history.

    Examples
    --------
    >>> bucket(date(2026, 1, 5), 7) == bucket(date(2026, 1, 11), 7) != bucket(date(2026, 1, 12), 7)
    True
    """
    return (day.toordinal() - EPOCH.toordinal()) // max(window_days, 1)


def gates_open(x: Report, y: Report, rules: ClaimRules) -> bool:
    """Could the two reports be one claim (voice, relation class, dates in one window and bucket;
    or the looser gates of one article's repetitions, :func:`repeat_gate`)?

    An undated report cannot be placed in a window: it stands alone.
    """
    a, b = x.statement, y.statement
    if a.date is None or b.date is None or x.day is None or y.day is None:
        return False
    if abs((a.date - b.date).days) > rules.window_days:
        return False
    if repeat_gate(x, y) is not None:
        return True
    return (
        relation_class(a) == relation_class(b)
        and bucket(x.day, rules.window_days) == bucket(y.day, rules.window_days)
        and same_voice(a, b) is not None
    )


def may_link(x: Report, y: Report, rules: ClaimRules) -> bool:
    """Could :func:`compare` judge the two reports anything but None: the gates are open and,
    unless one article repeats itself (:func:`repeat_gate`), two reports that both name
    targets share one? (A week of one busy voice is many claims about different targets:
    a new report regroups those about its own.)"""
    if not gates_open(x, y, rules):
        return False
    if repeat_gate(x, y) is not None:
        return True
    ta, tb = x.statement.target_ids(), y.statement.target_ids()
    return not ta or not tb or not set(ta).isdisjoint(tb)


@dataclass(frozen=True, slots=True)
class RepeatGate:
    """Why two reports of one article may be one claim although a gate between articles is closed."""

    voice: str
    relation: str
    strict_targets: bool
    """True when a report without targets needs similar words to join one with targets."""


def _unaffiliated(a: Statement, b: Statement) -> str | None:
    """Evidence that ``a`` speaks as a state or organisation and ``b`` is a speaker whose side the
    extraction does not know (a headline "Chile says …" over a lead "… the minister, Rebolledo, said")."""
    rep = _rep(a)
    if rep is None or _specific_speaker(a) is not None:
        return None
    if b.speaker_id is None or b.on_behalf_of_id is not None or b.speaker_id == rep:
        return None
    return f"{rep} speaks through {b.speaker_id} (side unknown)"


def repeat_gate(x: Report, y: Report) -> RepeatGate | None:
    """The looser gates of an article's headline and lead, or None.

    A headline restates its lead, often with a vaguer or a sharper verb ("says" over
    "refused"), without the target, or under the name of the state where the lead names
    the person whose side the extraction does not know. So the headline and the lead of one
    article pass the relation gate with the same relation class or when one of them only
    ``states``; the voice gate with the same voice, or a state or organisation in one and a
    speaker of unknown side in the other (then with the same specific relation, and targets
    that agree: shared, none on either side, or none on one side and similar words). Other
    pairs within an article keep the gates of any two reports: a body sentence is its own
    statement, and a headline that only "says" matches too many of them.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> s = demo_data().statements[0]  # p for a, supports b
    >>> head = Report(statement=s.model_copy(update={"speaker_id": "a", "relation": Relation.states,
    ...               "targets": []}), outlet_key="o", position="headline")
    >>> lead = Report(statement=s.model_copy(update={"id": "demo:9-20"}), outlet_key="o", position="lead")
    >>> repeat_gate(head, lead).relation
    'headline and lead, one only states'
    >>> repeat_gate(head, lead.model_copy(update={"position": "body"})) is None
    True
    """
    a, b = x.statement, y.statement
    if a.article_id != b.article_id or a.id == b.id or {x.position, y.position} != {"headline", "lead"}:
        return None
    ca, cb = relation_class(a), relation_class(b)
    if ca != cb and Relation.states not in (ca, cb):
        return None
    relation = f"same relation class {ca.value}" if ca == cb else "headline and lead, one only states"
    voice = same_voice(a, b)
    if voice is not None:
        return RepeatGate(voice, relation, strict_targets=False)
    unknown = _unaffiliated(a, b) or _unaffiliated(b, a)
    if unknown is not None and ca == cb != Relation.states:  # "X says" ties no one to X's side
        return RepeatGate(unknown, relation, strict_targets=True)
    return None


_NUMBER = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?")


def numbers(text: str) -> set[str]:
    """Numbers in a text, digits only, so that 1,500 / 1.500 / 1 500 compare equal.

    Examples
    --------
    >>> sorted(numbers("more than 20 questions, 1,500 troops and 1.500 more in 2026"))
    ['1500', '20', '2026']
    """
    return {re.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(text)}


def text_similarity(a: str, b: str) -> float:
    """Word overlap of two texts (rapidfuzz token-set ratio on folded text), 0–1.

    Examples
    --------
    >>> text_similarity("Turkey is a key player", "“Turkey is a key player in this mission,” he said")
    1.0
    >>> text_similarity("We will not send troops", "Nous n'enverrons pas de troupes") < 0.5
    True
    """
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    return round(fuzz.token_set_ratio(fa, fb) / 100.0, 3)


@dataclass(frozen=True, slots=True)
class Link:
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Separate:
    reason: str


def compare(x: Report, y: Report, rules: ClaimRules) -> Link | Separate | None:
    """Judge two reports: one claim (a :class:`Link` with its evidence), two claims for a
    stated reason (:class:`Separate`), or nothing in common (None: a gate is closed).

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> s = demo_data().statements[0]
    >>> a = Report(statement=s, outlet_key="one", language="en")
    >>> b = Report(statement=s.model_copy(update={"id": "other:1-2", "article_id": "other"}),
    ...            outlet_key="two", language="fr")
    >>> link = compare(a, b, ClaimRules())
    >>> link.evidence[:3]
    ('same speaker p', 'same relation supports', 'shared targets b')
    >>> compare(a, Report(statement=s.model_copy(update={"id": "x:1-2", "article_id": "x",
    ...     "speaker_id": "q"}), outlet_key="two"), ClaimRules()) is None
    True
    """
    a, b = x.statement, y.statement
    if a.date is None or b.date is None or x.day is None or y.day is None:
        return None  # undated: no window
    days = abs((a.date - b.date).days)
    if days > rules.window_days:
        return None
    repeat = repeat_gate(x, y)
    voice = same_voice(a, b)
    if repeat is not None:
        voice = repeat.voice
    elif voice is None or not gates_open(x, y, rules):
        return None
    ta, tb = set(a.target_ids()), set(b.target_ids())
    shared_targets = ta & tb
    # an actor one extraction made the target and the other only the place ("ceasefire in Sudan")
    placed = (ta & set(b.target_ids(TargetRole.location))) | (tb & set(a.target_ids(TargetRole.location)))
    untargeted = not ta or not tb
    if repeat is None and not shared_targets and not untargeted:
        return None  # both name targets, none shared (the test below, before the words are compared)
    sim = text_similarity(a.content, b.content)
    same_language = bool(x.language) and x.language == y.language
    if repeat is not None:
        # one article restating itself: a vaguer report often names no target (but when the speaker's
        # side is unknown, only words can tell that the lead says what the headline says)
        one_sided = repeat.strict_targets and sim < rules.unknown_side_similarity
        if not shared_targets and (ta or tb) and (not untargeted or one_sided):
            return None
    elif not shared_targets and not (placed and untargeted) and (not untargeted or sim < rules.untargeted_similarity):
        return None

    same_article = a.article_id == b.article_id
    if same_article and x.position == y.position and repeat is None:
        if sim < rules.repeat_similarity:
            return Separate(f"two {x.position} sentences of one article (text similarity {sim:.2f})")
    elif (
        same_article
        and {x.position, y.position} in ({"lead", "body"}, {"caption", "body"})
        and not voice.startswith("same speaker")
        and sim < rules.other_speaker_similarity
    ):
        # an article quotes several voices of one government: the ministry in the lead, a source in the body
        return Separate(f"two speakers of one side in {x.position} and {y.position} (text similarity {sim:.2f})")
    elif not same_article and same_language and a.direct and b.direct and sim < rules.distinct_quotes_below:
        return Separate(f"different {x.language} quotes (text similarity {sim:.2f})")
    shared_numbers = numbers(a.content) & numbers(b.content)
    others = (_named(a) & _named(b)) - shared_targets - _voice_keys(a) - _voice_keys(b)
    if not same_article and not same_language and (a.direct or b.direct) and not shared_numbers and not others:
        # a quote is one utterance among several that day: across languages, words cannot tell
        # which one a report renders, so it needs a shared number or named actor to join
        return None

    evidence: list[str] = [voice]
    score = 0.5 + (0.15 if voice.startswith("same speaker") else 0.05)
    if a.relation == b.relation:
        evidence.append(f"same relation {a.relation.value}")
        score += 0.05
    elif relation_class(a) == relation_class(b):
        evidence.append("declines ~ negated commits")
    elif repeat is not None:
        evidence.append(repeat.relation)
    if shared_targets:
        evidence.append("shared targets " + ", ".join(sorted(shared_targets)))
        score += 0.05
    elif placed:
        evidence.append("target of one is the place of the other: " + ", ".join(sorted(placed)))
    elif ta or tb:
        evidence.append("one report names no target")
    else:
        evidence.append("neither report names a target")
    evidence.append("same day" if days == 0 else f"dates {days} days apart")
    score += 0.05 * (1 - days / max(rules.window_days, 1))
    if same_article:
        if x.position != y.position:
            first, second = sorted((x.position, y.position), key=_POSITION_ORDER.index)
            evidence.append(f"{first} repeats {second} of one article")
        elif repeat is None:
            evidence.append(f"same {x.position} text")
        score += 0.1
    if same_language:  # across languages, word overlap is chance: names and numbers speak below
        if sim >= 0.3:
            evidence.append(f"quote overlap {sim:.2f}")
        score += 0.2 * sim
    if shared_numbers:
        evidence.append("shared numbers " + ", ".join(sorted(shared_numbers, key=lambda n: (len(n), n))))
        score += 0.1
    if others:
        evidence.append("shared actors " + ", ".join(sorted(others)))
        score += 0.05
    if a.via_id and a.via_id == b.via_id:
        evidence.append(f"same agency {a.via_id}")
        score += 0.05
    if not same_article and not same_language and x.language and y.language:
        evidence.append(f"languages {'/'.join(sorted((x.language, y.language)))}")
    return Link(round(min(score, 1.0), 3), tuple(evidence))


_POSITION_ORDER: list[ReportPosition] = ["headline", "lead", "caption", "body"]


# -- grouping ------------------------------------------------------------------------------

_FAR_FUTURE = datetime.max


def _utc(r: Report) -> datetime:
    """Publication time as naive UTC (unknown: last)."""
    return r.published_at.astimezone(UTC).replace(tzinfo=None) if r.published_at else _FAR_FUTURE


def _canonical(r: Report) -> tuple[tuple[bool, date], datetime, str]:
    """Order of reports inside a claim: statement date (undated last), publication time, statement id."""
    return (r.statement.chronological, _utc(r), r.id)


def claim_id(earliest_statement_id: str) -> str:
    """The id of a claim whose earliest report is this statement.

    Examples
    --------
    >>> claim_id("url:916af866c1c7ebb72912:8-67")
    'claim:eefad074bb27566f3f21'
    """
    return "claim:" + hashlib.sha1(earliest_statement_id.encode("utf-8")).hexdigest()[:20]


def _candidate_pairs(reports: Sequence[Report], rules: ClaimRules) -> set[tuple[int, int]]:
    """Index pairs that may pass the gates (:func:`gates_open`) and the target test of
    :func:`compare`, dates within the window.

    Between articles the gates need the same relation class and calendar bucket and the same
    voice: the same speaker, or the same represented actor when at most one of the two names
    a specific speaker (two specific speakers are the same voice only when they are one,
    which the speaker key finds); and two reports that both name targets must share one. An
    article's repeats pair up by article. Pairs outside these keys would be judged None by
    :func:`compare`, so leaving them out changes no claim.
    """
    w = max(rules.window_days, 1)
    window = rules.window_days
    days: dict[int, int] = {}
    articles: dict[str, list[int]] = defaultdict(list)
    cells: dict[tuple[object, ...], _Cell] = defaultdict(_Cell)
    for i, r in enumerate(reports):
        st = r.statement
        if st.date is None or r.day is None:
            continue  # undated: never within a window of another report
        days[i] = st.date.toordinal()
        articles[st.article_id].append(i)  # repeats within one article (repeat_gate)
        slot = (relation_class(st), bucket(r.day, w))
        targets = set(st.target_ids())
        if st.speaker_id:
            cells[("speaker", st.speaker_id, *slot)].add(i, targets, generic=True)
        rep = _rep(st)
        if rep:  # a specific speaker meets its own kind through the speaker key
            cells[("rep", rep, *slot)].add(i, targets, generic=_specific_speaker(st) is None)
    pairs: set[tuple[int, int]] = set()

    def join(left: list[int], right: list[int]) -> None:
        """Pairs of ``left`` with ``right`` whose dates are at most the window apart."""
        if not left or not right:
            return
        right = sorted(right, key=lambda j: (days[j], j))
        ordinals = [days[j] for j in right]
        for i in left:
            lo, hi = bisect_left(ordinals, days[i] - window), bisect_right(ordinals, days[i] + window)
            pairs.update((min(i, j), max(i, j)) for j in right[lo:hi] if j != i)

    for members in articles.values():
        join(members, members)
    for cell in cells.values():
        generic = [i for i in cell.members if i in cell.generic]
        for members in cell.by_target.values():
            join([i for i in members if i in cell.generic], members)
        join([i for i in cell.untargeted if i in cell.generic], cell.members)
        join([i for i in cell.untargeted if i not in cell.generic], generic)
    return pairs


class _Cell:
    """The reports of one voice, relation class and calendar bucket (:func:`_candidate_pairs`)."""

    __slots__ = ("by_target", "generic", "members", "untargeted")

    def __init__(self) -> None:
        self.members: list[int] = []
        self.generic: set[int] = set()
        self.by_target: dict[str, list[int]] = defaultdict(list)
        self.untargeted: list[int] = []

    def add(self, i: int, targets: set[str], *, generic: bool) -> None:
        self.members.append(i)
        if generic:
            self.generic.add(i)
        if not targets:
            self.untargeted.append(i)
        for t in targets:
            self.by_target[t].append(i)


_Scored = tuple[float, str, str, Link]


def _unambiguous(links: list[_Scored], cannot: dict[int, set[int]], index: dict[str, int]) -> list[_Scored]:
    """Drop a report's best links to reports judged different from one another (it fits each
    of them equally well); its other best links stay.

    A wire report of "Turkey will play a key role" that matches two different quotes of the
    same speaker with the same strength could belong to either: better no merge than a wrong one.
    """
    best: dict[str, float] = {}
    for neg, a, b, _ in links:
        for r in (a, b):
            best[r] = min(best.get(r, 0.0), neg)
    top: dict[str, list[str]] = defaultdict(list)
    for neg, a, b, _ in links:
        if neg == best[a]:
            top[a].append(b)
        if neg == best[b]:
            top[b].append(a)
    dropped: set[tuple[str, str]] = set()
    for r, partners in top.items():
        for p in partners:
            if any(index[q] in cannot[index[p]] for q in partners):
                dropped.update({(r, p), (p, r)})
    return [link for link in links if (link[1], link[2]) not in dropped]


def group(reports: Iterable[Report], rules: ClaimRules | None = None) -> list[Claim]:
    """Group reports into claims; the result depends only on the set of reports.

    Returns the claims ordered by id; each report (by statement id) is in exactly one.

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> s = demo_data().statements[0]
    >>> one = Report(statement=s, outlet_key="pars-today", outlet="Pars Today", language="id")
    >>> two = Report(statement=s.model_copy(update={"id": "b:1-2", "article_id": "b"}),
    ...              outlet_key="lemonde", outlet="Le Monde", language="fr")
    >>> other = Report(statement=demo_data().statements[2], outlet_key="pars-today")
    >>> claims = group([two, other, one])
    >>> sorted((c.num_reports, c.num_sources, c.outlets) for c in claims)
    [(1, 1, ['pars-today']), (2, 2, ['Le Monde', 'Pars Today'])]
    >>> claims == group([one, two, other])
    True
    """
    rules = rules or ClaimRules()
    unique = {r.id: r for r in reports}
    ordered = sorted(unique.values(), key=_canonical)
    links: list[_Scored] = []
    cannot: dict[int, set[int]] = defaultdict(set)
    for i, j in sorted(_candidate_pairs(ordered, rules)):
        verdict = compare(ordered[i], ordered[j], rules)
        if isinstance(verdict, Link):
            a, b = sorted((ordered[i].id, ordered[j].id))
            links.append((-verdict.score, a, b, verdict))
        elif isinstance(verdict, Separate):
            cannot[i].add(j)
            cannot[j].add(i)
    links = _unambiguous(links, cannot, {r.id: i for i, r in enumerate(ordered)})
    index = {r.id: i for i, r in enumerate(ordered)}
    parent = list(range(len(ordered)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}
    span: dict[int, tuple[date, date]] = {  # undated reports have no links, so no span
        i: (r.statement.date, r.statement.date) for i, r in enumerate(ordered) if r.statement.date is not None
    }
    # a claim has one relation: a report that only "states" may join a specific one, two specific never
    specific: dict[int, set[Relation]] = {i: _specific_classes([r]) for i, r in enumerate(ordered)}
    used: dict[int, list[ClaimLink]] = defaultdict(list)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for neg_score, a, b, link in sorted(links, key=lambda t: (t[0], t[1], t[2])):
        ra, rb = find(index[a]), find(index[b])
        if ra == rb:
            continue
        lo = min(span[ra][0], span[rb][0])
        hi = max(span[ra][1], span[rb][1])
        if (hi - lo).days > rules.window_days or len(specific[ra] | specific[rb]) > 1:
            continue
        small, big = (ra, rb) if len(members[ra]) <= len(members[rb]) else (rb, ra)
        big_set = set(members[big])
        if any(cannot[m] & big_set for m in members[small]):
            continue
        parent[small] = big
        members[big].extend(members.pop(small))
        span[big] = (lo, hi)
        specific[big] |= specific.pop(small)
        used[big].extend(used.pop(small, []))
        used[big].append(ClaimLink(a=a, b=b, score=-neg_score, evidence=list(link.evidence)))
    claims = [
        _claim([ordered[i] for i in sorted(group_members)], used.get(root, []))
        for root, group_members in members.items()
    ]
    return sorted(claims, key=lambda c: c.id)


def _specific_classes(reports: Iterable[Report]) -> set[Relation]:
    """The relation classes of the reports other than the vague ``states``."""
    return {c for r in reports if (c := relation_class(r.statement)) != Relation.states}


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _claim(reports: list[Report], links: list[ClaimLink]) -> Claim:
    """One claim from its reports (in canonical order) and the links that joined them."""
    statements = [r.statement for r in reports]
    first = statements[0]
    # the specific relation when a report that only "states" joined one (repeat_gate)
    relation = next((c for c in map(relation_class, statements) if c != Relation.states), relation_class(first))
    speaker = _most_common(_specific_speaker(s) for s in statements) or _most_common(s.speaker_id for s in statements)
    behalf = _most_common(s.on_behalf_of_id for s in statements)
    cameos = Counter(s.cameo for s in statements if s.relation == relation)
    cameo = min(cameos, key=lambda c: (-cameos[c], -len(c), c)) if cameos else vocabulary()[relation].cameo
    codes = codes_for(relation, cameo)
    targets: dict[tuple[str, TargetRole], int] = Counter()
    for s in statements:
        for t in dict.fromkeys((t.actor_id, t.role) for t in s.targets):
            targets[t] += 1
    role_order = list(TargetRole)
    target_list = [
        Target(actor_id=aid, role=role)
        for (aid, role) in sorted(targets, key=lambda k: (role_order.index(k[1]), -targets[k], k[0]))
    ]
    # what was said: a body or lead sentence before a headline or caption, then the surest
    main = min(reports, key=lambda r: (r.position in ("headline", "caption"), -r.statement.confidence, _canonical(r)))
    by_time = sorted(reports, key=lambda r: (_utc(r), r.id))
    published = [r.published_at for r in by_time if r.published_at is not None]
    outlets: list[str] = []
    seen_keys: set[str] = set()
    for r in by_time:
        if r.outlet_key not in seen_keys:
            seen_keys.add(r.outlet_key)
            outlets.append(r.outlet or r.outlet_key)
    not_confident = 1.0
    for s in statements:
        not_confident *= 1.0 - s.confidence
    links = sorted(links, key=lambda link: (link.a, link.b))
    return Claim(
        id=claim_id(first.id),
        speaker_id=speaker,
        speaker_mention=first.speaker_mention,
        on_behalf_of_id=behalf,
        relation=relation,
        cameo=codes.cameo,
        plover=codes.plover,
        quad_class=codes.quad_class,
        goldstein=codes.goldstein,
        targets=target_list,
        conditions=list(dict.fromkeys(c for s in statements for c in s.conditions)),
        content=main.statement.content,
        date=min((s.date for s in statements if s.date is not None), default=None),
        date_to=max((s.date for s in statements if s.date is not None), default=None),
        num_reports=len(statements),
        num_articles=len({s.article_id for s in statements}),
        num_sources=len(seen_keys),
        first_reported=published[0] if published else None,
        last_reported=published[-1] if published else None,
        outlets=outlets,
        via_ids=sorted({s.via_id for s in statements if s.via_id}),
        languages=sorted({r.language for r in reports if r.language}),
        source_url=next((r.url for r in by_time if r.url), None),
        statement_ids=[s.id for s in statements],
        links=links,
        confidence=round(1.0 - not_confident, 4),
        grouping_confidence=min((link.score for link in links), default=1.0),
    )


# -- keeping a store's claims up to date -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Near:
    """The stored reports that may pass :func:`gates_open` with some given reports — the one
    query :func:`neighbourhood` asks a store, narrow enough to be an index seek per actor.

    A statement matches when its relation is in ``relations``, its date in
    [``first_day``, ``last_day``], and its speaker is in ``speakers``, or its represented actor
    (``on_behalf_of_id``, else ``speaker_id``) is in ``open_reps``, or is in ``reps`` while
    its speaker is generic (none, or the represented actor itself). With ``targets``, it must
    also name no target or one of ``targets`` (:func:`may_link`: two reports of different
    articles that both name targets must share one). Any statement of one of ``article_ids``
    matches too (an article's repetitions, :func:`repeat_gate`).
    """

    speakers: frozenset[str]
    reps: frozenset[str]
    open_reps: frozenset[str]
    relations: frozenset[Relation]
    first_day: date
    last_day: date
    article_ids: frozenset[str] = frozenset()
    targets: frozenset[str] | None = None
    """None: any targets; else the statement names no target or one of these."""
    anchor_days: tuple[date, date] | None = None
    """The calendar bucket a matching report's day (:attr:`Report.day`) lies in: a store that
    keeps that day may test it (the date range spans the window after the bucket, for reports
    anchored in it but said later); :meth:`matches`, given a statement alone, does not."""

    @property
    def actor_ids(self) -> frozenset[str]:
        """Every actor a matching statement speaks as or for (for index seeks and locks)."""
        return self.speakers | self.reps | self.open_reps

    def matches(self, st: Statement) -> bool:
        """The same test in Python (for in-memory books).

        Examples
        --------
        >>> from graph.analytics import demo_data
        >>> s = demo_data().statements[0]  # p for a, supports b, 2026-01-01
        >>> near = Near(frozenset(), frozenset({"a"}), frozenset(), frozenset({Relation.supports}),
        ...             date(2026, 1, 1), date(2026, 1, 8))
        >>> near.matches(s), near.matches(s.model_copy(update={"speaker_id": None}))
        (False, True)
        >>> from dataclasses import replace
        >>> generic = s.model_copy(update={"speaker_id": None})
        >>> replace(near, targets=frozenset({"b"})).matches(generic), replace(near, targets=frozenset({"c"})).matches(generic)
        (True, False)
        """
        if st.article_id in self.article_ids:
            return True
        if st.relation not in self.relations or st.date is None or not self.first_day <= st.date <= self.last_day:
            return False
        if self.targets is not None:
            named = st.target_ids()
            if named and self.targets.isdisjoint(named):
                return False
        rep = _rep(st)
        generic = _specific_speaker(st) is None
        return (st.speaker_id in self.speakers) or rep in self.open_reps or (generic and rep in self.reps)


def near(reports: Sequence[Report], rules: ClaimRules) -> list[Near]:
    """The :class:`Near` queries covering every stored report that :func:`may_link` with one of
    ``reports``: one query per relation class, calendar bucket and set of targets (a report
    naming targets links, across articles, only with reports naming one of them or none: in a
    dense week a voice is many claims about different targets, and a query for all of them
    would read the whole week of the voice), and one for the articles of the reports that are
    a headline or a lead (those two may pass :func:`repeat_gate` across buckets; a body
    sentence or a caption never does, so its article-mates are found by voice).

    The gates between articles never open across buckets, so a query spans one bucket (and
    the window after it) and only the voices of that bucket's reports: what it reads is
    bounded by one bucket's neighbours, however many weeks a batch or the store covers (one
    query over the whole span of a batch would read every report of every voice of the batch
    in every week between its first and last date, which grows with the store).

    Examples
    --------
    >>> from graph.analytics import demo_data
    >>> st = demo_data().statements[0]  # p for a, supports b, Thursday 2026-01-01
    >>> later = st.model_copy(update={"id": "later", "date": date(2026, 3, 5)})
    >>> [(q.first_day.isoformat(), q.last_day.isoformat()) for q in near([Report(statement=s, outlet_key="o")
    ...  for s in (st, later)], ClaimRules(window_days=7)) if not q.article_ids]  # one bucket + the window each
    [('2025-12-29', '2026-01-11'), ('2026-03-02', '2026-03-15')]
    """
    w = max(rules.window_days, 1)
    by_class: dict[tuple[Relation, int, tuple[str, ...]], list[Report]] = defaultdict(list)
    for r in reports:
        if _voice_keys(r.statement) and r.day is not None:  # an undated report has no neighbours
            # no targets (): links with any report of its voice
            named = tuple(sorted(set(r.statement.target_ids())))
            by_class[(relation_class(r.statement), bucket(r.day, w), named)].append(r)
    out = []
    # the articles of a headline or a lead (only those two pass repeat_gate, which ignores buckets);
    # the dates of this query are not used
    repeats = [r for r in reports if r.day is not None and r.position in ("headline", "lead")]
    if repeats:
        out.append(Near(frozenset(), frozenset(), frozenset(), frozenset(), EPOCH, EPOCH,
                        article_ids=frozenset(r.statement.article_id for r in repeats)))  # fmt: skip
    for (cls, b, named), rs in sorted(by_class.items()):
        sts = [r.statement for r in rs]
        relations = {cls, Relation.commits} if cls == Relation.declines else {cls}
        # a neighbour's anchor lies in this bucket, and its date within the window of its anchor
        out.append(
            Near(
                speakers=frozenset(st.speaker_id for st in sts if st.speaker_id),
                reps=frozenset(rep for st in sts if _specific_speaker(st) and (rep := _rep(st))),
                open_reps=frozenset(rep for st in sts if not _specific_speaker(st) and (rep := _rep(st))),
                relations=frozenset(relations),
                first_day=EPOCH + timedelta(days=b * w),
                last_day=EPOCH + timedelta(days=(b + 1) * w - 1 + rules.window_days),
                targets=frozenset(named) if named else None,
                anchor_days=(EPOCH + timedelta(days=b * w), EPOCH + timedelta(days=(b + 1) * w - 1)),
            )
        )
    return out


class _Voices:
    """Reports indexed by who speaks, in which relation class and calendar bucket, to find the
    ones a report may pass the gates with (:func:`gates_open`: between articles the same class,
    bucket and voice; within one article, :func:`repeat_gate`)."""

    def __init__(self, rules: ClaimRules) -> None:
        self.window = max(rules.window_days, 1)
        self.by_speaker: dict[tuple[str, Relation, int], list[Report]] = defaultdict(list)
        self.by_rep: dict[tuple[str, Relation, int], list[Report]] = defaultdict(list)
        self.generic_by_rep: dict[tuple[str, Relation, int], list[Report]] = defaultdict(list)
        self.by_article: dict[str, list[Report]] = defaultdict(list)

    def add(self, r: Report) -> None:
        st = r.statement
        self.by_article[st.article_id].append(r)
        if r.day is None:
            return  # undated: passes no gate
        slot = (relation_class(st), bucket(r.day, self.window))
        if st.speaker_id:
            self.by_speaker[(st.speaker_id, *slot)].append(r)
        rep = _rep(st)
        if rep:
            self.by_rep[(rep, *slot)].append(r)
            if _specific_speaker(st) is None:
                self.generic_by_rep[(rep, *slot)].append(r)

    def candidates(self, r: Report) -> Iterator[Report]:
        st = r.statement
        yield from self.by_article.get(st.article_id, ())
        if r.day is None:
            return
        slot = (relation_class(st), bucket(r.day, self.window))
        if st.speaker_id:
            yield from self.by_speaker.get((st.speaker_id, *slot), ())
        rep = _rep(st)
        if rep:
            yield from (self.by_rep if _specific_speaker(st) is None else self.generic_by_rep).get((rep, *slot), ())


class _Asked:
    """The :class:`Near` queries one closure has asked, voice by voice: asking again for a voice
    (or an article) already asked in the same class, bucket, dates and targets (or with any
    targets) would read the same rows."""

    def __init__(self) -> None:
        self.voices: dict[
            tuple[frozenset[Relation], date, date, frozenset[str] | None], tuple[set[str], set[str], set[str]]
        ] = {}
        self.articles: set[str] = set()

    def new(self, queries: list[Near]) -> list[Near]:
        """The part of ``queries`` not asked before (a query matches the union of its voices'
        matches, so asking only the new voices misses nothing); records it as asked."""
        out: list[Near] = []
        for q in queries:
            if q.article_ids:
                ids = q.article_ids - self.articles
                if ids:
                    self.articles |= ids
                    out.append(Near(q.speakers, q.reps, q.open_reps, q.relations, q.first_day, q.last_day, ids))
                continue
            anyhow = self.voices.setdefault((q.relations, q.first_day, q.last_day, None), (set(), set(), set()))
            speakers, reps, open_reps = self.voices.setdefault((q.relations, q.first_day, q.last_day, q.targets),
                                                               (set(), set(), set()))  # fmt: skip
            fresh = Near(q.speakers - speakers - anyhow[0], q.reps - reps - anyhow[1],
                         q.open_reps - open_reps - anyhow[2], q.relations, q.first_day, q.last_day,
                         targets=q.targets, anchor_days=q.anchor_days)  # fmt: skip
            if fresh.actor_ids:
                speakers |= fresh.speakers
                reps |= fresh.reps
                open_reps |= fresh.open_reps
                out.append(fresh)
        return out


Fetch = Callable[[Near], list[Report]]
#: Several :class:`Near` queries answered at once (one round trip): the union of their reports.
FetchMany = Callable[[list[Near]], list[Report]]


def fetch_each(fetch: Fetch) -> FetchMany:
    """A :data:`FetchMany` asking ``fetch`` once per query."""
    return lambda queries: [r for q in queries for r in fetch(q)]


def neighbourhood(
    seeds: Sequence[Report],
    fetch: Fetch,
    rules: ClaimRules,
    gone: Sequence[Report] = (),
    *,
    fetch_many: FetchMany | None = None,
) -> list[Report]:
    """Every stored report whose claim can depend on ``seeds`` (new or moved reports) or on
    ``gone`` (reports just removed): the closure of both under :func:`compare` (the pairs it
    judges anything but None).

    ``fetch(near)`` returns the stored reports a :class:`Near` query matches (``fetch_many``,
    when given, answers all the queries of a step at once): a superset of those
    :func:`may_link` admits, which is a superset of those :func:`compare` judges. Each report
    added to the closure asks for its own neighbours, so the closure is a union of whole
    components of the graph of pairs :func:`compare` judges (a claim and a "cannot link"
    only ever join such pairs, so :func:`group` of a set is the union of its components'):
    regrouping it alone gives the same claims as regrouping the whole store. A component is
    what a report can join, not the whole week of its voice: a report without targets may
    link with any report of its voice in that week, but joins only those whose words (or
    places) it shares. ``gone`` reports are not in the result.
    """
    gone_ids = {r.id for r in gone}
    known: dict[str, Report] = {r.id: r for r in seeds if r.id not in gone_ids}
    voices = _Voices(rules)
    for r in [*known.values(), *gone]:
        voices.add(r)
    frontier = [*known.values(), *gone]
    asked = _Asked()
    # fetched reports not (yet) joined: a query is never asked twice, so they wait here until a
    # report joining later passes the gates with them (near() of that report covers them)
    pending: dict[str, Report] = {}
    ask = fetch_many or fetch_each(fetch)
    # a report left pending was compared with every known report of its voice: next time only
    # with those joined since (the previous pass's), which the next pass always follows
    joined = _Voices(rules)
    while frontier:
        queries = asked.new(near(frontier, rules))
        fresh: set[str] = set()
        for cand in ask(queries) if queries else ():
            if cand.id not in known and cand.id not in gone_ids and cand.id not in pending:
                pending[cand.id] = cand
                fresh.add(cand.id)
        since, joined = joined, _Voices(rules)
        frontier = []
        for cand_id in sorted(pending):
            cand = pending[cand_id]
            pool = voices if cand_id in fresh else since
            if any(may_link(cand, other, rules) and compare(cand, other, rules) is not None
                   for other in pool.candidates(cand)):  # fmt: skip
                known[cand.id] = cand
                voices.add(cand)
                joined.add(cand)
                frontier.append(cand)
        for r in frontier:
            del pending[r.id]
    return sorted(known.values(), key=lambda r: r.id)


class ClaimBook(Protocol):
    """What a store offers :func:`refresh`, inside one write transaction."""

    def reports_near(self, near: Near) -> list[Report]:
        """Stored reports that ``near`` matches (:meth:`Near.matches`)."""

    def reports_of_claims(self, claim_ids: set[str]) -> list[Report]:
        """Stored reports that currently belong to one of these claims."""

    def replace_claims(self, drop: set[str], claims: list[Claim]) -> None:
        """Delete the claims ``drop``, write ``claims`` and point their reports at them."""


def refresh(book: ClaimBook, new: Sequence[Report], gone: Sequence[Report], rules: ClaimRules) -> list[Claim]:
    """Regroup the neighbourhood of ``new`` (just stored) and ``gone`` (just deleted) reports.

    The claims those reports belonged to are replaced by the claims regrouped from the
    neighbourhood; a report whose old claim reached outside the neighbourhood (after the
    window was changed) pulls that claim's reports in too. Returns the new claims.
    """
    new_ids = {r.id for r in new}
    moved = [r for r in gone if r.id not in new_ids]  # a re-ingested report is gone and new at once
    many: FetchMany | None = getattr(book, "reports_near_many", None)  # one round trip per step
    reports = {r.id: r for r in neighbourhood(new, book.reports_near, rules, moved, fetch_many=many)}
    gone_ids = {r.id for r in moved}
    drop: set[str] = set()
    while True:
        old = {r.statement.claim_id for r in [*reports.values(), *gone] if r.statement.claim_id} - drop
        if not old:
            break
        drop |= old
        extra = [r for r in book.reports_of_claims(old) if r.id not in reports and r.id not in gone_ids]
        if not extra:
            break
        for r in neighbourhood(extra, book.reports_near, rules, (), fetch_many=many):
            reports.setdefault(r.id, r)
    claims = group(reports.values(), rules)
    book.replace_claims(drop, claims)
    return claims
