"""Russian and Arabic as data (issue 11): names with case endings and clitics, dates, language id."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.dates import find_dates_in_sentence, parse_date
from loaders.gazetteer import Gazetteer
from loaders.langid import detect_language


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def found(gaz: Gazetteer, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor.id) for m in gaz.find_mentions(text, lang)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Президент Азербайджана Ильхам Алиев", [("Азербайджана", "azerbaijan"), ("Ильхам Алиев", "ilham-aliyev")]),
        ("письмо Алиева Эрдогану", [("Алиева", "ilham-aliyev"), ("Эрдогану", "recep-tayyip-erdogan")]),
        ("по словам главы МИД Турции", [("МИД Турции", "ministry-of-foreign-affairs-tr")]),
        (
            "Министерства иностранных дел России",
            [("Министерства иностранных дел России", "ministry-of-foreign-affairs-ru")],
        ),
        ("в Кремле и в Белом доме", [("Кремле", "russia"), ("Белом доме", "united-states")]),
        ("турецкого министра и представителей ХАМАС", [("турецкого", "turkey"), ("ХАМАС", "hamas")]),
        (
            "в составе Международных сил стабилизации",
            [("Международных сил стабилизации", "gaza-international-stabilization-force")],
        ),
        ("с Захаровой", [("Захаровой", "maria-zakharova")]),
    ],
)
def test_russian_names_in_their_case_forms(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(gaz, text, "ru") == expected


def test_russian_endings_stay_in_russian_and_in_names(gaz: Gazetteer) -> None:
    # a case ending never turns a common word into a name, and Russian endings are not tried in other languages
    assert found(gaz, "газы и турецкие сады", "ru") == [("турецкие", "turkey")]
    assert found(gaz, "Алиева", "uk") == []
    assert found(gaz, "Алиева", "ru") == [("Алиева", "ilham-aliyev")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال الرئيس الأذربيجاني إلهام علييف", [("الأذربيجاني", "azerbaijan"), ("إلهام علييف", "ilham-aliyev")]),
        ("وأكد أردوغان لعلييف", [("أردوغان", "recep-tayyip-erdogan"), ("علييف", "ilham-aliyev")]),
        ("وزير الخارجية التركي هاكان فيدان", [("التركي", "turkey"), ("هاكان فيدان", "hakan-fidan")]),
        (
            "بيان لوزارة الخارجية التركية وحماس",
            [("وزارة الخارجية التركية", "ministry-of-foreign-affairs-tr"), ("حماس", "hamas")],
        ),
        ("للعراق والكرملين", [("لعراق", "iraq"), ("الكرملين", "russia")]),
        ("في قوة الاستقرار الدولية", [("قوة الاستقرار الدولية", "gaza-international-stabilization-force")]),
    ],
)
def test_arabic_names_with_attached_prefixes(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(gaz, text, "ar") == expected


def test_arabic_names_match_without_hamza_and_ta_marbuta(gaz: Gazetteer) -> None:
    assert found(gaz, "اردوغان ووزارة الخارجيه التركيه", "ar") == [
        ("اردوغان", "recep-tayyip-erdogan"),
        ("وزارة الخارجيه التركيه", "ministry-of-foreign-affairs-tr"),
    ]


def test_arabic_comma_breaks_a_name(gaz: Gazetteer) -> None:
    # a name never spans the Arabic comma: only the words before it are the (shorter) name
    assert found(gaz, "قوة الاستقرار، الدولية", "ar") == [("قوة الاستقرار", "gaza-international-stabilization-force")]
    assert found(gaz, "مجلس الأمن، الدولي", "ar") == [("مجلس الأمن", "un-security-council")]


REF = date(2026, 1, 7)


@pytest.mark.parametrize(
    ("lang", "sentence", "expected"),
    [
        ("ru", "Министр заявил 5 января 2026 года, что войск не будет.", [("5 января 2026", "2026-01-05")]),
        ("ru", "Об этом он заявил в пятницу.", [("пятницу", "2026-01-02")]),
        ("ru", "Об этом стало известно на прошлой неделе.", [("на прошлой неделе", "2025-12-31")]),
        ("ar", "وقال الوزير يوم ٥ يناير ٢٠٢٦ إن بلاده لن ترسل قوات.", [("يوم ٥ يناير ٢٠٢٦", "2026-01-05")]),
        ("ar", "وقال الوزير في 5 كانون الثاني 2026 إن", [("5 كانون الثاني 2026", "2026-01-05")]),
        ("ar", "وقال الوزير يوم الاثنين إن بلاده لن ترسل قوات.", [("يوم الاثنين", "2026-01-05")]),
        ("ar", "أعلن ذلك الأسبوع الماضي.", [("الأسبوع الماضي", "2025-12-31")]),
    ],
)
def test_dates_in_russian_and_arabic(lang: str, sentence: str, expected: list[tuple[str, str]]) -> None:
    got = [(sentence[m.start : m.end], m.date.isoformat()) for m in find_dates_in_sentence(sentence, lang, REF)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [("5 января 2026 года", "ru"), ("٥ يناير ٢٠٢٦", "ar"), ("5 января 2026 года, 14:30", None), ("٥ يناير ٢٠٢٦", None)],
)
def test_publication_dates_in_russian_and_arabic(text: str, lang: str | None) -> None:
    # an article's own date field, as intake reads it (with or without its language)
    value = parse_date(text, lang)
    assert value is not None and value.date() == date(2026, 1, 5)


def test_language_id_tells_russian_and_arabic() -> None:
    assert detect_language("Министр иностранных дел Азербайджана заявил, что страна не направит войска в Газу.") == "ru"
    assert detect_language("قال وزير الخارجية الأذربيجاني إن بلاده لن ترسل قوات إلى قطاع غزة.") == "ar"
