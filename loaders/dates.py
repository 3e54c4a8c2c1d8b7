"""Dates: whole date strings (metadata) and date mentions inside sentences (extraction).

- :func:`parse_date` parses one date string (feed/HTML metadata, a seed file's date line)
  with ``dateparser``; the result is always timezone-aware.
- :func:`find_dates_in_sentence` finds date mentions in one sentence and resolves them
  against the article's date: ``"Senin (05/01/2026)"``, ``"November lalu"``,
  ``"13 Oktober 2025"``, ``"on Monday"``, ``"last week"``, ``"el pasado 3 de enero"``,
  ``"le 5 janvier 2026"`` …

Month and weekday names come from CLDR (``babel``), so absolute dates work in every
language babel knows. Relative words ("lalu", "last", "pasado", "dernier", "yesterday" …)
are hand-written in ``loaders/data/lang/relative-dates.csv`` and ``date-qualifiers.csv``, and
names CLDR lacks (Levantine and Maghreb month names in Arabic, Russian weekdays after "в": "в среду")
in ``date-names.csv`` (``number``: month 1–12, weekday 0 = Monday); years may be written in any
script's digits ("٥ يناير ٢٠٢٦");
for a language that has none there, ``dateparser.search.search_dates`` is asked as well,
keeping only hits that contain a digit or a month/weekday name (it has false positives).

Spans cover the date expression with its article or day word ("el lunes", "hari Senin",
"le 5 janvier 2026") but not a bare preposition ("on", "pada", "in"). A weekday directly
followed by an explicit date ("Senin (05/01/2026)", "Monday, January 5") is one mention
dated by the explicit date.

Examples
--------
>>> from datetime import date
>>> ref = date(2026, 1, 6)
>>> s = "Erdogan juga mengatakan pada hari Senin (05/01/2026) bahwa pasukan itu penting."
>>> [(s[m.start:m.end], m.date.isoformat(), m.precision) for m in find_dates_in_sentence(s, "id", ref)]
[('hari Senin (05/01/2026)', '2026-01-05', 'day')]
>>> [m.date.isoformat() for m in find_dates_in_sentence("Sumber itu mengatakan November lalu.", "id", ref)]
['2025-11-01']
>>> parse_date("Jan 06, 2026 12:24", tz="Asia/Jakarta").isoformat()
'2026-01-06T12:24:00+07:00'
"""

from __future__ import annotations

import csv
import re
import warnings
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Precision = Literal["day", "week", "month", "year"]

MDY_LANGUAGES = frozenset({"en"})
"""Languages whose ambiguous numeric dates read month first (05/01/2026 = May 1)."""


class DateMention(NamedTuple):
    """A date found in a sentence: ``sentence[start:end]`` is the expression."""

    start: int
    end: int
    date: date
    precision: Precision


# ---------------------------------------------------------------------------- parse_date


def date_order(lang: str | None) -> str | None:
    """dateparser ``DATE_ORDER`` for a language: MDY for English, DMY for the others we know.

    >>> date_order("en"), date_order("id"), date_order(None)
    ('MDY', 'DMY', None)
    """
    if lang is None:
        return None
    return "MDY" if lang in MDY_LANGUAGES else "DMY"


def resolve_timezone(tz: str | tzinfo | None) -> tzinfo | None:
    """A tzinfo from an IANA name (``Asia/Jakarta``), ``UTC``/``GMT`` or a tzinfo.

    Raises ``ValueError`` for an unknown zone name.
    """
    if tz is None or isinstance(tz, tzinfo):
        return tz
    name = tz.strip()
    if name.upper() in ("UTC", "GMT", "Z"):
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def _dateparser_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call into dateparser with its own warnings silenced (pytest runs with warnings as errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def parse_date(
    text: str,
    lang: str | None = None,
    relative_to: datetime | None = None,
    *,
    tz: str | tzinfo | None = None,
) -> datetime | None:
    """Parse one date string to a timezone-aware datetime, or ``None`` if it is not a date.

    A time zone written in the text wins; otherwise ``tz`` (IANA name or tzinfo), else the
    zone of ``relative_to``, else UTC. The result carries a fixed UTC offset (as ISO 8601 does).
    Relative expressions ("yesterday", "Monday", a day without a year) are resolved against
    ``relative_to``; without it they are not dates (``None``): a date is never taken from the
    clock. Dates are preferred from the past.

    Examples
    --------
    >>> parse_date("2026-01-06T05:26:38+00:00").isoformat()
    '2026-01-06T05:26:38+00:00'
    >>> parse_date("05/01/2026", "id").date().isoformat()
    '2026-01-05'
    >>> parse_date("05/01/2026", "en").date().isoformat()
    '2026-05-01'
    >>> parse_date("not a date at all") is None
    True
    >>> parse_date("yesterday") is None, parse_date("6 January") is None
    (True, True)
    """
    import dateparser

    text = text.strip()
    if not re.search(r"\d|[^\W\d_]{3}", text):  # dateparser reads dates into single letters
        return None
    zone = resolve_timezone(tz) or (relative_to.tzinfo if relative_to is not None else None) or UTC
    try:
        value: datetime | None = datetime.fromisoformat(text)
    except ValueError:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        order = date_order(lang)
        if order:
            settings["DATE_ORDER"] = order
        if relative_to is not None:
            base = relative_to.astimezone(zone) if relative_to.tzinfo else relative_to
            bases = [base.replace(tzinfo=None)]
        else:  # two bases far apart: a text whose date depends on the base is relative, not a date
            bases = [datetime(2001, 3, 14, 9), datetime(2013, 10, 29, 17)]
        values = []
        for relative_base in bases:
            settings["RELATIVE_BASE"] = relative_base
            try:
                found = _dateparser_call(dateparser.parse, text, languages=[lang] if lang else None, settings=settings)
            except ValueError:  # a language dateparser does not know
                found = _dateparser_call(dateparser.parse, text, settings=settings)
            values.append(found)
        value = values[0] if all(v == values[0] for v in values) else None
    if value is None:
        return None
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        value = value.replace(tzinfo=zone)
    offset = value.utcoffset()
    return value.replace(tzinfo=timezone(offset)) if offset is not None else value  # fixed offset, as in ISO


# ------------------------------------------------------------------ find_dates_in_sentence


def _data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("loaders").joinpath(f"data/lang/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _alternation(words: Iterable[str]) -> str:
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


@dataclass
class _Lexicon:
    lang: str | None
    months: dict[str, int] = field(default_factory=dict)  # folded name → 1..12 (wide and abbreviated)
    wide_months: dict[str, int] = field(default_factory=dict)
    capitalised_months: bool = False
    weekdays: dict[str, int] = field(default_factory=dict)  # folded name → 0 (Monday) .. 6
    relative: dict[str, tuple[Precision, int]] = field(default_factory=dict)
    prefix: list[str] = field(default_factory=list)
    past_before: list[str] = field(default_factory=list)
    past_after: list[str] = field(default_factory=list)
    year_before: list[str] = field(default_factory=list)
    has_relative_data: bool = False
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    opener: re.Pattern[str] | None = None
    """Where a match of an :attr:`opened` pattern may start (see :func:`_opener`)."""
    opened: frozenset[str] = frozenset()
    """Kinds whose pattern is tried only where :attr:`opener` matches (its lookahead opens it)."""


def _fold(word: str) -> str:
    return " ".join(word.casefold().replace("’", "'").split())


@lru_cache(maxsize=64)
def _lexicon(lang: str | None) -> _Lexicon:
    lex = _Lexicon(lang)
    if lang:
        _add_cldr_names(lex, lang)
        for row in _data_rows("relative-dates.csv"):
            if row["lang"] == lang:
                unit: Precision = row["unit"]  # type: ignore[assignment]
                lex.relative[_fold(row["phrase"])] = (unit, int(row["offset"]))
                lex.has_relative_data = True
        for row in _data_rows("date-names.csv"):  # other month/weekday names than CLDR's
            if row["lang"] == lang:
                number, name = int(row["number"]), _fold(row["name"])
                if row["kind"] == "month":
                    lex.months[name] = lex.wide_months[name] = number
                else:
                    lex.weekdays[name] = number % 7
        for row in _data_rows("date-qualifiers.csv"):
            if row["lang"] == lang:
                getattr(lex, row["role"]).append(_fold(row["word"]))
                lex.has_relative_data = True
    lex.patterns = _compile(lex)
    lex.opener = _opener(lex)
    lex.opened = frozenset(kind for kind, pattern in lex.patterns if pattern.pattern.startswith("(?=["))
    return lex


def _add_cldr_names(lex: _Lexicon, lang: str) -> None:
    import babel.dates
    from babel.core import UnknownLocaleError

    try:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in babel.dates.get_month_names(width, context, locale=lang).items():
                    for variant in {name, name.rstrip(".")}:
                        lex.months[_fold(variant)] = int(month)
                        if width == "wide":
                            lex.wide_months[_fold(variant)] = int(month)
            for day, name in babel.dates.get_day_names("wide", context, locale=lang).items():
                lex.weekdays[_fold(name)] = int(day)
        january = babel.dates.get_month_names("wide", "format", locale=lang)[1]
        lex.capitalised_months = january[:1].isupper()
    except (UnknownLocaleError, ValueError):
        lex.months.clear()
        lex.wide_months.clear()
        lex.weekdays.clear()


_DIGIT = re.compile(r"\d")
_DIGIT_KINDS = frozenset({"iso", "numeric", "dmy", "my", "mdy", "year"})
"""Kinds of date pattern (:func:`_compile`) that cannot match without a digit (``\\d``): a day or a year."""


def _compile(lex: _Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    b, e = r"(?<!\w)", r"(?!\w)"
    prefix = rf"(?:(?:{_alternation(lex.prefix)})\s+)*" if lex.prefix else ""
    pastb = rf"(?:(?P<pastb>{_alternation(lex.past_before)})\s+)?" if lex.past_before else ""
    pasta = rf"(?:\s+(?P<pasta>{_alternation(lex.past_after)}){e})?" if lex.past_after else ""
    year = r"(?P<year>(?:[1١۱][89٨٩۸۹]|[2٢۲]\d)\d\d)(?!\d)"  # any script's digits: "٢٠٢٦"
    pats: list[tuple[str, str]] = [
        ("iso", r"(?<![\d.])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
        ("numeric", r"(?<![\d/.\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)" + year),
        # "(5/1)" after a weekday, as Indonesian news writes it: day/month, year from the article
        ("numeric", r"(?<=\()\s*(?P<a>\d{1,2})/(?P<b>\d{1,2})\s*(?=\))"),
    ]
    if lex.relative:  # before weekdays: "minggu lalu" is "last week", not "last Sunday"
        pats.append(("relative", rf"{_first(lex.relative)}{b}(?P<phrase>{_alternation(lex.relative)}){e}"))
    if lex.months:
        month_any = rf"(?P<month>{_alternation(lex.months)})\.?"
        month_wide = rf"(?P<month>{_alternation(lex.wide_months)})"
        of = r"(?:(?:de|del)\s+)?"
        pats += [
            (
                "dmy",
                rf"{_first(lex.prefix, lex.past_before, digit=True)}{b}{prefix}{pastb}(?P<day>\d{{1,2}})"
                rf"(?:er|st|nd|rd|th|\.)?\s+{of}{month_any}"
                rf"(?:,?\s+{of}{year})?{e}",
            ),
            ("my", rf"{_first(lex.prefix, lex.months)}{b}{prefix}{month_any}\s+{of}{year}"),
            (
                "month",
                rf"{_first(lex.prefix, lex.past_before, lex.wide_months)}{b}{prefix}{pastb}{month_wide}{pasta}{e}(?!\s*\d)",
            ),
        ]
        if lex.lang in MDY_LANGUAGES:
            pats.append(
                (
                    "mdy",
                    rf"{_first(lex.prefix, lex.months)}{b}{prefix}{month_any}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
                    rf"(?:,?\s+{year})?{e}",
                )
            )
    if lex.weekdays:
        first = _first(lex.prefix, lex.past_before, lex.weekdays)
        pats.append(("weekday", rf"{first}{b}{prefix}{pastb}(?P<weekday>{_alternation(lex.weekdays)}){pasta}{e}"))
    if lex.year_before:
        pats.append(
            (
                "year",
                rf"{_first(lex.year_before)}{b}(?:{_alternation(lex.year_before)})\s+(?P<year>(?:19|20)\d\d)(?!\d)",
            )
        )
    return [(kind, re.compile(p, re.IGNORECASE)) for kind, p in pats]


def _opener(lex: _Lexicon) -> re.Pattern[str] | None:
    """A zero-width pattern that matches wherever one of the name patterns of :func:`_compile` may start.

    Each pattern that opens with a :func:`_first` lookahead starts, after its word boundary, with a
    word of its lists (a prefix, a "last" word, a month, weekday or relative phrase, a year word)
    or a digit, written as :func:`_alternation` writes it: this pattern is the boundary and a
    lookahead over every such word and a digit, so it matches at (at least) every position where
    one of those patterns may match. One scan of a sentence with it, and each pattern tried only
    at its positions (:func:`_opened_matches`), finds what each pattern's own scan finds.
    """
    words = [
        *lex.prefix, *lex.past_before, *lex.relative, *lex.months, *lex.wide_months, *lex.weekdays,
        *lex.year_before,
    ]  # fmt: skip
    if not words:
        return None
    return re.compile(rf"(?<!\w){_first(words, digit=True)}(?={_starts_source(words)}|\d)", re.IGNORECASE)


def _starts_source(words: Collection[str]) -> str:
    """Regex source matching where one of ``words`` (written as :func:`_alternation` writes them)
    starts, as a character trie of the words that extend no shorter one: where a word matches, a
    word it extends ("last" of "last week", "jan" of "january") matches too, so only the shortest
    are needed, and the trie tests each character once per position, not once per word.

    Examples
    --------
    >>> _starts_source(["last week", "last", "lalu", "may"])
    '(?:la(?:lu|st)|may)'
    """
    units = {tuple(re.escape(c).replace(r"\ ", r"\s+") for c in w) for w in words if w}
    trie: dict[str, Any] = {}  # a word ends at an empty node (shortest first: no word goes on from one)
    for word in sorted(units, key=len):
        node = trie
        for unit in word:
            if node.get(unit) == {}:  # a shorter word ends here: it matches wherever this one does
                break
            node = node.setdefault(unit, {})
    return _trie_source(trie)


def _trie_source(node: dict[str, Any]) -> str:
    alternatives = [unit + _trie_source(child) for unit, child in sorted(node.items())]
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")" if alternatives else ""


def _opened_matches(pattern: re.Pattern[str], text: str, positions: list[int]) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a pattern that matches only at some of ``positions``
    (sorted) and never matches the empty string: the first match from each place on, as the scan does."""
    out: list[re.Match[str]] = []
    end = 0
    for pos in positions:
        if pos >= end:
            m = pattern.match(text, pos)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def _first(*alternatives: Collection[str], digit: bool = False) -> str:
    """A lookahead over the characters a match may start with: the first letters of the words of
    ``alternatives`` (and a digit). A date pattern opens with it so that the scan of a sentence
    tests one character class per position instead of running the whole pattern (``re`` has no
    fast scan for a case-insensitive pattern); it never changes what matches."""
    if any(not w for words in alternatives for w in words):
        return ""  # an empty word: the pattern may start elsewhere (no lookahead)
    chars = "".join(sorted({w[0] for words in alternatives for w in words}))
    return "(?=[" + re.escape(chars) + (r"\d" if digit else "") + "])"


def _ref_day(article_date: date | datetime | None) -> date | None:
    if isinstance(article_date, datetime):
        return article_date.date()
    return article_date


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, ref: date | None) -> date | None:
    if ref is None:
        return None
    found = _safe_date(ref.year, month, day)
    if found is None or found > ref:
        found = _safe_date(ref.year - 1, month, day)
    return found


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass
class _Cand:
    start: int
    end: int
    day: date
    precision: Precision
    kind: str


def _resolve(kind: str, m: re.Match[str], lex: _Lexicon, ref: date | None) -> tuple[date, Precision] | None:
    g = m.groupdict()
    past = bool(g.get("pastb") or g.get("pasta"))
    if kind == "iso":
        found = _safe_date(int(g["year"]), int(g["month"]), int(g["day"]))
        return (found, "day") if found else None
    if kind == "numeric":
        a, b = int(g["a"]), int(g["b"])
        day, month = (b, a) if lex.lang in MDY_LANGUAGES else (a, b)
        if month > 12 >= day:  # unambiguous the other way round
            day, month = month, day
        found = _safe_date(int(g["year"]), month, day) if g.get("year") else _infer_year(month, day, ref)
        return (found, "day") if found else None
    if kind in ("dmy", "mdy"):
        month = lex.months[_fold(g["month"])]
        day = int(g["day"])
        found = _safe_date(int(g["year"]), month, day) if g.get("year") else _infer_year(month, day, ref)
        return (found, "day") if found else None
    if kind == "my":
        return date(int(g["year"]), lex.months[_fold(g["month"])], 1), "month"
    if kind == "year":
        return date(int(g["year"]), 1, 1), "year"
    if ref is None:
        return None
    if kind == "month":
        if lex.capitalised_months and g["month"][:1].islower():
            return None  # "may" (verb) is not "May"
        month = lex.wide_months[_fold(g["month"])]
        back = (ref.month - month) % 12 or (12 if past else 0)
        return _shift_month(ref, -back), "month"
    if kind == "weekday":
        weekday = lex.weekdays[_fold(g["weekday"])]
        back = (ref.weekday() - weekday) % 7 or (7 if past else 0)
        return ref - timedelta(days=back), "day"
    if kind == "relative":
        unit, offset = lex.relative[_fold(g["phrase"])]
        if unit == "day":
            return ref + timedelta(days=offset), "day"
        if unit == "week":
            return ref + timedelta(days=7 * offset), "week"
        if unit == "month":
            return _shift_month(ref, offset), "month"
        return date(ref.year + offset, 1, 1), "year"
    return None


_PRECISIONS: dict[str, Precision] = {"day": "day", "week": "week", "month": "month", "year": "year"}
_JOIN_RE = re.compile(r"\s*(\(\s*)?|\s*,\s*")


def _merge_weekday_dates(sentence: str, cands: list[_Cand], weekdays: list[tuple[int, int]]) -> list[_Cand]:
    """'Senin (05/01/2026)' and 'Monday, January 5' become one mention dated by the explicit date.

    ``weekdays`` are the spans of all weekday matches, resolved or not (no article date).
    """
    merged: list[_Cand] = []
    explicit = [c for c in cands if c.kind in ("iso", "numeric", "dmy", "mdy")]
    for wd_start, wd_end in weekdays:
        for ex in explicit:
            if ex.start < wd_end:
                continue
            gap = sentence[wd_end : ex.start]
            join = _JOIN_RE.fullmatch(gap)
            if join is None:
                continue
            end = ex.end
            if join.group(1):
                close = re.match(r"\s*\)", sentence[end:])
                if close is None:
                    continue
                end += close.end()
            merged.append(_Cand(wd_start, end, ex.day, ex.precision, "weekday+date"))
            break
    return cands + merged


def _search_fallback(sentence: str, lex: _Lexicon, ref: date | None) -> list[_Cand]:
    """dateparser's search for languages without hand-written relative words (filtered)."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    if not lex.lang:
        return []
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if ref is not None:
        settings["RELATIVE_BASE"] = datetime(ref.year, ref.month, ref.day)
    try:
        hits = _dateparser_call(search_dates, sentence, languages=[lex.lang], settings=settings) or []
        parser = DateDataParser(languages=[lex.lang], settings=settings)
    except ValueError:
        return []
    names = set(lex.months) | set(lex.weekdays)
    out: list[_Cand] = []
    pos = 0
    for text, value in hits:
        start = sentence.find(text, pos)
        if start < 0:
            continue
        pos = start + len(text)
        words = set(re.findall(r"\w+", _fold(text)))
        if not (re.search(r"\d", text) or words & names):
            continue
        if ref is None and not re.search(r"(?<!\d)(?:1[89]|2\d)\d\d(?!\d)", text):
            continue  # no article date: only a date with its year is a date (never the clock's)
        period = _dateparser_call(parser.get_date_data, text).period or "day"
        precision: Precision = _PRECISIONS.get(period, "day")
        out.append(_Cand(start, pos, value.date(), precision, "search"))
    return out


def find_dates_in_sentence(sentence: str, lang: str | None, article_date: date | datetime | None) -> list[DateMention]:
    """Date mentions in ``sentence``, resolved against ``article_date``; in text order.

    Relative mentions (weekdays, "November lalu", "last week", dates without a year) need
    ``article_date``; without it they are skipped. A bare weekday means the most recent
    such day on or before the article date; with "last"/"lalu"/"pasado"/"dernier", strictly
    before. Month-precision dates are the 1st of the month, year-precision January 1st,
    "last week" is the article date minus seven days with precision ``"week"``.

    Examples
    --------
    >>> from datetime import date
    >>> ref = date(2026, 1, 6)  # a Tuesday
    >>> [tuple(m)[2:] for m in find_dates_in_sentence("He said on Monday that talks failed.", "en", ref)]
    [(datetime.date(2026, 1, 5), 'day')]
    >>> [m.date.isoformat() for m in find_dates_in_sentence("Lo dijo el pasado 3 de enero.", "es", ref)]
    ['2026-01-03']
    >>> find_dates_in_sentence("Il a parlé le 5 janvier 2026 à Paris.", "fr", ref)[0].date.isoformat()
    '2026-01-05'
    """
    lex = _lexicon(lang.lower() if lang else None)
    ref = _ref_day(article_date)
    cands: list[_Cand] = []
    weekdays: list[tuple[int, int]] = []
    digits = _DIGIT.search(sentence) is not None
    # one scan finds where a name pattern may start; each is tried there only (not one scan each)
    positions = [m.start() for m in lex.opener.finditer(sentence)] if lex.opener is not None else []
    for kind, pattern in lex.patterns:
        if not digits and kind in _DIGIT_KINDS:
            continue  # most sentences hold no digit: skip the patterns that need one
        found = _opened_matches(pattern, sentence, positions) if kind in lex.opened else pattern.finditer(sentence)
        for m in found:
            if kind == "weekday":
                weekdays.append((m.start(), m.end()))
            resolved = _resolve(kind, m, lex, ref)
            if resolved is not None:
                end = m.end()
                if sentence[end - 1] == "." and _fold(m.groupdict().get("month") or "") in lex.wide_months:
                    end -= 1  # "3 March." ends a sentence; "Jan. 5" keeps its abbreviation dot
                cands.append(_Cand(m.start(), end, resolved[0], resolved[1], kind))
    cands = _merge_weekday_dates(sentence, cands, weekdays)
    if lang and not lex.has_relative_data:  # only where our own patterns found nothing
        cands += [
            extra
            for extra in _search_fallback(sentence, lex, ref)
            if all(extra.end <= c.start or extra.start >= c.end for c in cands)
        ]
    chosen: list[_Cand] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return [DateMention(c.start, c.end, c.day, c.precision) for c in sorted(chosen, key=lambda c: c.start)]
