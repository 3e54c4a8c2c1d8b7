"""Russian and Arabic as data (issue 11): a state declining to send troops, end to end.

The two articles are our own words. Each must give Azerbaijan's president —declines→ the Gaza
stabilisation force with the right cue, offsets into the article and CAMEO code, through the
extractor, on both stores and through the API. The engine features the two languages declare
(attached prefixes, script punctuation, verb-subject order) are tested here too, each also in a
language that does not need it, to show the engine stays language-neutral.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.api import local_client
from support.eval_module import load_eval

from graph.model import Article, IngestBatch, Relation, Statement, StatementQuery
from graph.store import GraphStore
from loaders.extract import extract
from loaders.extract.lang import load_lang
from loaders.extract.phrases import PhraseMatcher, Tokens

ISF = "gaza-international-stabilization-force"

RU = (
    "Баку отказался направить военных в Газу\n\n"
    "БАКУ, 5 января. Азербайджан не направит своих военнослужащих в Международные силы стабилизации "
    "в секторе Газа, заявил в понедельник президент Ильхам Алиев.\n\n"
    "Решение объясняется тем, что боевые действия в анклаве не прекращаются."
)
AR = (
    "أذربيجان تعتذر عن المشاركة في قوة غزة\n\n"
    "باكو، 5 يناير - قال الرئيس الأذربيجاني إلهام علييف إن بلاده لن ترسل جنودا إلى قوة الاستقرار الدولية في غزة.\n\n"
    "ويأتي القرار في ظل استمرار المعارك داخل القطاع."
)
ARTICLES = {
    "ru": (
        RU,
        "заявил",
        "Азербайджан не направит своих военнослужащих в Международные силы стабилизации в секторе Газа",
    ),
    "ar": (AR, "قال", "بلاده لن ترسل جنودا إلى قوة الاستقرار الدولية في غزة"),
}


def _article(lang: str) -> Article:
    text = ARTICLES[lang][0]
    return Article(
        id=f"sha:issue11-{lang}",
        text=text,
        title=text.split("\n", 1)[0],
        language=lang,
        outlet="Caspian Desk",
        published_at=datetime(2026, 1, 5, 12, 0, tzinfo=UTC),
    )


def _declines(statements: list[Statement]) -> Statement:
    found = [s for s in statements if s.relation == Relation.declines and ISF in s.target_ids()]
    assert len(found) == 1, [(s.speaker_id, s.relation.value, s.target_ids()) for s in statements]
    return found[0]


def _check(st: Statement, lang: str, text: str) -> None:
    _, cue, content = ARTICLES[lang]
    assert (st.speaker_id, st.on_behalf_of_id) == ("ilham-aliyev", "azerbaijan")
    assert (st.cameo, st.plover) == ("1224", "REJECT")
    assert st.cue == cue and st.cue_span is not None
    assert text[st.cue_span.start : st.cue_span.end] == cue
    assert st.content == content and st.content_span is not None
    assert text[st.content_span.start : st.content_span.end] == content
    assert st.sentence_span is not None and text[st.sentence_span.start : st.sentence_span.end] == st.sentence
    assert st.speaker_span is not None and text[st.speaker_span.start : st.speaker_span.end] == st.speaker_mention
    assert ("Алиев" if lang == "ru" else "علييف") in st.speaker_mention
    assert st.language == lang and str(st.date) == "2026-01-05"


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_state_declining_troops_is_extracted(lang: str) -> None:
    batch = extract(_article(lang))
    _check(_declines(batch.statements), lang, ARTICLES[lang][0])


def test_arabic_evidence_keeps_its_own_punctuation() -> None:
    # the patterns read "،" as ","; the statement quotes the article as written
    st = _declines(extract(_article("ar")).statements)
    assert "،" in st.sentence and "," not in st.sentence


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_declining_state_on_both_stores_and_the_api(store: GraphStore, lang: str) -> None:
    from api.app import create_app

    batch: IngestBatch = extract(_article(lang))
    store.ingest(batch)
    stored = store.list_statements(StatementQuery(relations=[Relation.declines], limit=50)).items
    st = _declines(stored)
    _check(st, lang, ARTICLES[lang][0])
    with local_client(create_app(store=store)) as client:
        r = client.get("/statements", params={"speaker": "ilham-aliyev", "relation": "declines"})
        assert r.status_code == 200, r.text
        items = [i for i in r.json()["items"] if i["language"] == lang]
        assert len(items) == 1
        item = items[0]
        assert item["cameo"] == "1224" and item["on_behalf_of"]["id"] == "azerbaijan"
        assert [t["actor_id"] for t in item["targets"] if t["role"] == "target"] == [ISF]
        assert item["cue"] == ARTICLES[lang][1] and item["speaker"]["id"] == "ilham-aliyev"
        text = ARTICLES[lang][0]
        cue = item["offsets"]["cue"]
        assert text[cue["start"] : cue["end"]] == item["cue"]


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_development_figures_keep_up_with_spanish_and_french(lang: str) -> None:
    # issue 11: per-language F1 on the development corpus no more than 0.10 below Spanish and French
    ev = load_eval()
    scores = {code: ev.evaluate(lang=code).scores() for code in (lang, "es", "fr")}
    for level in ("speaker", "relation", "target"):
        got = scores[lang][level]["f1"]
        for ref in ("es", "fr"):
            assert got >= scores[ref][level]["f1"] - 0.10, (level, lang, got, ref, scores[ref][level]["f1"])
    assert scores[lang]["hard_negative_fp"] == 0
    assert scores[lang]["inversions"] == 0


# ------------------------------------------------------------------ engine features, language-neutral


def test_attached_prefixes_are_declared_and_honoured_by_the_phrase_matcher() -> None:
    assert "و" in load_lang("ar").clitics and load_lang("en").clitics == ()
    matcher = PhraseMatcher([("قال", "v")], ["و", "ف"])
    text = "وَقَالَ الوزير، فقال آخر، ومقال"
    found = [(text[a:b], v) for a, b, v in matcher.find(Tokens(text), 0, len(text))]
    assert found == [("قَالَ", "v"), ("قال", "v")]  # "ومقال" (and an article) is no "قال"
    # the reading that strips least wins: "وبحث" is "و" + "بحث" (discussed), not "وب" + "حث" (urged)
    stacked = PhraseMatcher([("بحث", "consults"), ("حث", "appeals")], ["و", "ب", "وب"])
    assert [v for _, _, v in stacked.find(Tokens("وبحث"), 0, 4)] == ["consults"]
    # without declared prefixes nothing changes
    assert PhraseMatcher([("قال", "v")]).find(Tokens("وقال"), 0, 4) == []


@pytest.mark.parametrize(
    ("lang", "text", "speaker", "relation"),
    [
        ("ar", "وقال وزير الخارجية التركي هاكان فيدان إن أنقرة لن ترسل قوات إلى غزة.", "hakan-fidan", "declines"),
        (
            "ar",
            "وأدانت وزارة الخارجية المصرية الغارات الإسرائيلية على المدنيين.",
            "ministry-of-foreign-affairs-eg",
            "criticizes",
        ),
        ("ar", "وأضاف علييف: «لن نرسل جنودنا إلى منطقة تدور فيها معارك».", "ilham-aliyev", "declines"),
        # verb-subject-object: no complementizer, the object opens with a relation cue
        (
            "ar",
            "أعلنت وزارة الخارجية القطرية رفضها القاطع للهجوم على المدنيين.",
            "ministry-of-foreign-affairs-qa",
            "declines",
        ),
        ("ar", "وأعرب الرئيس اللبناني جوزيف عون عن رفضه لأي اعتداء على السيادة اللبنانية.", "joseph-aoun", "declines"),
        # a state body named by a common noun after the verb: the ministry the article named
        (
            "ar",
            "أدانت وزارة الخارجية المصرية الغارات على لبنان.\n\nوطالبت الوزارة المجتمع الدولي بالتحرك العاجل.",
            "ministry-of-foreign-affairs-eg",
            "criticizes",
        ),
        (
            "es",
            "Dijo el canciller José Manuel Albares que España no enviará tropas a Gaza.",
            "jose-manuel-albares",
            "declines",
        ),
        (
            "es",
            "Condenó el canciller José Manuel Albares los ataques contra la población civil.",
            "jose-manuel-albares",
            "criticizes",
        ),
        (
            "ru",
            "Турция не направит войска в Газу, заявил в пятницу министр иностранных дел Хакан Фидан.",
            "hakan-fidan",
            "declines",
        ),
    ],
)
def test_verb_subject_order(lang: str, text: str, speaker: str, relation: str) -> None:
    statements = extract(Article(id="sha:vso", text=text, language=lang)).statements
    assert [(s.speaker_id, s.relation.value) for s in statements][:1] == [(speaker, relation)]
    if "\n\n" in text:  # the second sentence's verb-subject body speaks for the ministry named first
        assert [(s.speaker_id, s.relation.value) for s in statements[1:]] == [(speaker, "demands")]
    else:
        assert len(statements) == 1


def test_an_attached_connector_links_a_title_to_its_organisation() -> None:
    # "ل" is declared both an attached prefix and a title connector in ar.toml; "رئيس لبنان" needs none
    for text, speaker, behalf in [
        ("وقال الأمين العام للأمم المتحدة إن الهجوم على المدنيين غير مقبول.", "antonio-guterres", "united-nations"),
        ("وقال رئيس لبنان إن الهجوم على المدنيين غير مقبول.", "joseph-aoun", "lebanon"),
    ]:
        article = Article(id="sha:tc", text=text, language="ar", published_at=datetime(2026, 1, 5, tzinfo=UTC))
        statements = extract(article).statements
        assert [(s.speaker_id, s.on_behalf_of_id) for s in statements] == [(speaker, behalf)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال وزير الخارجية السعودي الأمير فيصل بن فرحان إن المملكة ترفض التهجير.", "faisal-bin-farhan"),
        ("وقال أمير قطر الشيخ تميم بن حمد آل ثاني إن الدوحة ستواصل الوساطة.", "tamim-bin-hamad"),
    ],
)
def test_an_honorific_between_title_and_name(text: str, speaker: str) -> None:
    # [names] determiners ("الأمير", "الشيخ") may stand between a title chain and a known name
    statements = extract(Article(id="sha:hon", text=text, language="ar")).statements
    assert [s.speaker_id for s in statements] == [speaker]


def test_a_dateline_is_no_subject() -> None:
    text = "باكو، 5 يناير - قال الرئيس الأذربيجاني إلهام علييف إن بلاده لن ترسل قوات."
    statements = extract(Article(id="sha:dl", text=text, language="ar")).statements
    assert [(s.speaker_id, s.speaker_mention) for s in statements] == [
        ("ilham-aliyev", "الرئيس الأذربيجاني إلهام علييف")
    ]


def test_a_known_person_after_a_title_chain_is_not_a_new_person() -> None:
    text = "Пресс-секретарь президента России Дмитрий Песков назвал беспочвенными обвинения во вмешательстве в выборы."
    statements = extract(Article(id="sha:tc", text=text, language="ru")).statements
    assert [(s.speaker_id, s.on_behalf_of_id, s.relation.value) for s in statements] == [
        ("dmitry-peskov", "russia", "denies")
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ru",
            "Сборная Турции обыграла Грецию. «Ребята выполнили установки», — заявил главный тренер Винченцо Монтелла.",
        ),
        (
            "ar",
            "فاز المنتخب المغربي على نظيره المصري. وقال المدرب وليد الركراكي: «اللاعبون نفذوا التعليمات بشكل ممتاز».",
        ),
    ],
)
def test_a_coach_is_no_diplomatic_source(lang: str, text: str) -> None:
    assert extract(Article(id="sha:hn", text=text, language=lang)).statements == []
