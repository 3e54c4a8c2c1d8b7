"""Behaviour of the actor gazetteer that extraction and users rely on."""

from __future__ import annotations

import csv
import itertools
import json
import runpy
import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model import ActorKind, slugify
from loaders.gazetteer import (
    _BREAK_RE,
    DATA_DIR,
    Gazetteer,
    cldr_names,
    fold_with_offsets,
    is_common_word,
    key_of,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def ids(gaz: Gazetteer, text: str, lang: str | None = None) -> list[str]:
    return [m.actor.id for m in gaz.find_mentions(text, lang)]


# --------------------------------------------------------------------------- resolve


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("Aliyev", "ilham-aliyev"),
        ("Ilham Aliyev", "ilham-aliyev"),
        ("İlham Əliyev", "ilham-aliyev"),
        ("Azerbaijan", "azerbaijan"),
        ("Azerbaïdjan", "azerbaijan"),
        ("Azerbaiyán", "azerbaijan"),
        ("Turki", "turkey"),
        ("Turkey", "turkey"),
        ("Türkiye", "turkey"),
        ("TÜRKİYE", "turkey"),
        ("Turquie", "turkey"),
        ("تركيا", "turkey"),
        ("Erdoğan", "recep-tayyip-erdogan"),
        ("Erdogan", "recep-tayyip-erdogan"),
        ("Amerika Serikat", "united-states"),
        ("États-Unis", "united-states"),
        ("Gerakan Perlawanan Islam Palestina", "hamas"),
        ("ISNA", "isna"),
        ("Bloomberg News", "bloomberg"),
        ("Pars Today", "pars-today"),
        ("Jalur Gaza", "gaza-strip"),
        ("Deklarasi Sharm El-Sheikh", "sharm-el-sheikh-declaration"),
        ("ISF", "gaza-international-stabilization-force"),
        ("Palestina", "palestine"),
        ("Palestinians", "palestine"),
        ("Kemlu", "ministry-of-foreign-affairs-id"),
        ("Kementerian Luar Negeri", "ministry-of-foreign-affairs-id"),
        ("PBB", "united-nations"),
        ("Hizbullah", "hezbollah"),
        ("Ansarullah", "houthis"),
        ("recep-tayyip-erdogan", "recep-tayyip-erdogan"),
    ],
)
def test_resolve_across_spellings(gaz: Gazetteer, name: str, actor_id: str) -> None:
    actor = gaz.resolve(name)
    assert actor is not None, name
    assert actor.id == actor_id


@pytest.mark.parametrize("name", ["as", "us", "rakyat Palestina", "pasukan penjaga perdamaian di Gaza", "Korea"])
def test_resolve_rejects_common_words_and_vague_names(gaz: Gazetteer, name: str) -> None:
    assert gaz.resolve(name) is None


def test_actor_ids_and_fields(gaz: Gazetteer) -> None:
    turkey = gaz.actor("turkey")
    assert turkey is not None and turkey.kind == ActorKind.state
    assert turkey.country == "TR" and turkey.qid == "Q43"
    assert {"Türkiye", "Turki", "Turquía", "Turquie"} <= set(turkey.aliases)
    assert gaz.state("tr") == turkey
    aliyev = gaz.actor("ilham-aliyev")
    assert aliyev is not None and aliyev.kind == ActorKind.person and aliyev.country == "AZ"
    assert gaz.actor("nonexistent") is None


# --------------------------------------------------------------------------- mentions


def test_seed_article_actors(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = gaz.find_mentions(text, "id")
    assert {
        "azerbaijan",
        "ilham-aliyev",
        "united-states",
        "donald-trump",
        "israel",
        "hamas",
        "turkey",
        "recep-tayyip-erdogan",
        "palestine",
        "nato",
        "isna",
        "bloomberg",
        "pars-today",
        "gaza-strip",
        "gaza-international-stabilization-force",
        "sharm-el-sheikh-declaration",
    } <= {m.actor.id for m in mentions}
    for m in mentions:
        assert text[m.start : m.end] == m.text
    texts = {m.text for m in mentions}
    assert "Gerakan Perlawanan Islam Palestina" in texts  # longest name wins over "Palestina"
    assert "Recep Tayyip Erdogan" in texts
    assert "Bloomberg News" in texts
    # the vague phrase is not the initiative
    assert not any("penjaga perdamaian" in m.text for m in mentions)


def test_mentions_are_ordered_and_disjoint(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    mentions = gaz.find_mentions(text, "id")
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start


def test_offsets_index_original_text_with_diacritics(gaz: Gazetteer) -> None:
    text = "Die Straße: Präsident Erdoğan traf İlham Əliyev in Bakou, dann Azerbaïdjan."
    mentions = gaz.find_mentions(text)
    got = [(m.text, m.actor.id) for m in mentions]
    assert ("Erdoğan", "recep-tayyip-erdogan") in got
    assert ("İlham Əliyev", "ilham-aliyev") in got
    assert ("Bakou", "azerbaijan") in got
    assert ("Azerbaïdjan", "azerbaijan") in got
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_offsets_with_decomposed_accents(gaz: Gazetteer) -> None:
    text = "Le président Erdog\u0306an et la Turquie."  # NFD: g + combining breve
    mentions = gaz.find_mentions(text, "fr")
    erdogan = next(m for m in mentions if m.actor.id == "recep-tayyip-erdogan")
    assert text[erdogan.start : erdogan.end] == "Erdog\u0306an"
    assert [m.text for m in mentions][-1] == "Turquie"


def test_fold_with_offsets_map() -> None:
    folded, src = fold_with_offsets("ﬁn Straße")
    assert folded == "fin strasse"
    assert src is not None and len(src) == len(folded)
    assert src[folded.index("ss")] == src[folded.index("ss") + 1] == 7


def test_capitals_and_metonyms_map_to_states(gaz: Gazetteer) -> None:
    text = "Baku, Ankara, Washington, Tel Aviv, Moscow, the Kremlin, Gedung Putih and Teheran replied."
    mentions = gaz.find_mentions(text, "en")
    assert [m.actor.id for m in mentions] == [
        "azerbaijan",
        "turkey",
        "united-states",
        "israel",
        "russia",
        "russia",
        "united-states",
        "iran",
    ]
    assert {m.via for m in mentions} == {"capital"}


def test_foreign_ministries(gaz: Gazetteer) -> None:
    tr = gaz.ministry("turkey")
    assert tr is not None and tr.id == "ministry-of-foreign-affairs-tr"
    assert tr.kind == ActorKind.organization and tr.country == "TR"
    for phrase in (
        "Kementerian Luar Negeri Turki",
        "Turkish Foreign Ministry",
        "Ministerio de Asuntos Exteriores de Turquía",
        "ministère turc des Affaires étrangères",
        "Türkiye Dışişleri Bakanlığı",
    ):
        assert ids(gaz, f"Menurut {phrase}, ") == ["ministry-of-foreign-affairs-tr"], phrase
    assert ids(gaz, "Juru bicara Kemlu mengatakan", "id") == ["ministry-of-foreign-affairs-id"]
    assert ids(gaz, "Kemlu RI menyatakan", "id") == ["ministry-of-foreign-affairs-id"]
    # a generic name followed by a state is that state's ministry, never Indonesia's
    assert ids(gaz, "Kementerian Luar Negeri Kenya menyatakan", "id") == ["ministry-of-foreign-affairs-ke"]
    assert ids(gaz, "Kemlu Amerika mengatakan", "id") == ["united-states"]
    assert ids(gaz, "the State Department said", "en") == ["ministry-of-foreign-affairs-us"]
    # a CLDR name with a bracket ("Myanmar (Burma)") gives its parts to the templates
    assert ids(gaz, "Kemlu Myanmar dan Kemlu Burma", "id") == ["ministry-of-foreign-affairs-mm"] * 2
    assert gaz.actor("ministry-of-foreign-affairs-us").name == "United States Department of State"  # type: ignore[union-attr]
    for member in gaz.members("g20") + gaz.members("me"):
        assert gaz.ministry(member.id) is not None, member.id


def test_defense_ministries(gaz: Gazetteer) -> None:
    assert gaz.ministry("israel", "defense").id == "ministry-of-defense-il"  # type: ignore[union-attr]
    assert ids(gaz, "the Pentagon and the Israeli Defense Ministry", "en") == [
        "ministry-of-defense-us",
        "ministry-of-defense-il",
    ]
    assert ids(gaz, "Kementerian Pertahanan Israel", "id") == ["ministry-of-defense-il"]
    assert gaz.holder("united-states", "defense minister", date(2025, 6, 1)).id == "pete-hegseth"  # type: ignore[union-attr]


def test_acronyms_are_case_sensitive(gaz: Gazetteer) -> None:
    assert ids(gaz, "seperti as yang lain", "id") == []
    assert ids(gaz, "pemerintahan AS di bawah", "id") == ["united-states"]
    assert ids(gaz, "tell us about the un plan", "en") == []
    assert ids(gaz, "US and UN officials", "en") == ["united-states", "united-nations"]
    assert ids(gaz, "Menurut laporan ISNA", "id") == ["isna"]
    assert ids(gaz, "isna said", "en") == []
    assert ids(gaz, "NATO and Nato", "en") == ["nato", "nato"]
    assert ids(gaz, "isf is not ISF", "en") == ["gaza-international-stabilization-force"]
    # in a shouted headline short capitals are words, longer names still count
    assert ids(gaz, "LET US TALK ABOUT TURKEY", "en") == ["turkey"]
    assert ids(gaz, "US", "en") == ["united-states"]


def test_odd_inputs(gaz: Gazetteer) -> None:
    assert gaz.find_mentions("") == []
    assert gaz.find_mentions("   \n\t") == []
    assert ids(gaz, "pemerintahan AS", "ID") == ["united-states"]  # language codes are normalised
    assert ids(gaz, "pemerintahan AS", "id-ID") == ["united-states"]
    assert gaz.state(None) is None and gaz.state("ZZ") is None
    assert gaz.resolve("") is None


def test_local_aliases_only_in_their_language(gaz: Gazetteer) -> None:
    assert ids(gaz, "AS hükümeti ve AB", "tr") == ["european-union"]  # Turkish AB = EU
    assert ids(gaz, "AS officials", "en") == []  # Indonesian AS is not English


def test_hard_negatives(gaz: Gazetteer) -> None:
    assert ids(gaz, "We had a Turkey dinner and roast turkey.", "en") == []
    assert ids(gaz, "a turkey, fine china and china plates", "en") == []
    assert ids(gaz, "Michael Jordan met Jordan's king.", "en") == ["jordan"]
    assert ids(gaz, "She moved to Atlanta, Georgia, not Georgia.", "en") == ["georgia"]
    assert ids(gaz, "Latin American leaders and the New Jersey governor", "en") == []
    assert ids(gaz, "dalam bahasa Inggris", "id") == []
    assert ids(gaz, "He will polish the text.", "en") == []
    # Francesca Albanese (UN rapporteur) is not Anthony Albanese: no bare-surname alias
    assert ids(gaz, "Albanese said", "en") == []


def test_relatives_and_namesakes_are_not_the_office_holder(gaz: Gazetteer) -> None:
    assert ids(gaz, "Melania Trump and Heydar Aliyev International Airport", "en") == []
    assert ids(gaz, "Trump thanked Aliyev.", "en") == ["donald-trump", "ilham-aliyev"]
    assert ids(gaz, "Hafez al-Assad, father of Bashar al-Assad", "en") == ["bashar-al-assad"]


def test_foreign_spellings_need_their_diacritics(gaz: Gazetteer) -> None:
    # Turkish "Kırım" (Crimea) folds to "kirim", which is Indonesian for "send"
    assert ids(gaz, "Kirim pasukan ke Gaza.", "id") == ["gaza-strip"]
    assert ids(gaz, "Kırım meselesi", "tr") == ["crimea"]


def test_foreign_spellings_need_their_diacritics_in_texts_of_unknown_language(gaz: Gazetteer) -> None:
    # without a language tag, "Kirim" (Indonesian "send") is still not Turkish "Kırım"
    assert ids(gaz, "Kirim bantuan ke Sudan sekarang.") == ["sudan"]
    assert ids(gaz, "Mereka kirim surat ke Kirim.") == []
    assert ids(gaz, "Kırım'daki durum") == ["crimea"]
    # international (English) names keep matching in an untagged text
    assert ids(gaz, "Kenya and Rwanda signed.") == ["kenya", "rwanda"]


def test_foreign_one_word_names_that_are_common_words_of_the_text_language(gaz: Gazetteer) -> None:
    # Indonesian "Yaman" (Yemen) is Turkish "yaman" (formidable); English "Persia" sits in
    # Indonesian "Teluk Persia" (the Gulf); English "America" in Spanish is the continent
    assert ids(gaz, "Yaman bir oyuncu.", "tr") == []
    assert ids(gaz, "Yaman dan Oman", "id") == ["yemen", "oman"]
    assert ids(gaz, "kapal di Teluk Persia", "id") == []
    assert ids(gaz, "ancient Persia and Babylon", "en") == ["iran"]
    assert ids(gaz, "toda America celebra", "es") == []
    # a name the text's own language uses is not foreign, however frequent
    assert ids(gaz, "pemerintah Saudi dan Amerika", "id") == ["saudi-arabia", "united-states"]
    assert ids(gaz, "Amerika ve Rusya", "tr") == ["united-states", "russia"]
    # case-sensitive acronyms are not words: "US" is not "us"
    assert ids(gaz, "Pejabat US mengatakan", "id") == ["united-states"]
    assert is_common_word("kirim", "id") and not is_common_word("kirim", None)


def test_foreign_cldr_names_only_in_their_language(gaz: Gazetteer) -> None:
    # Portuguese/Turkish "Gana" (Ghana) is Spanish "gana" (wins); Spanish "Seúl" is French "seul"
    assert ids(gaz, "Gana el Real Madrid.", "es") == []
    assert ids(gaz, "O presidente de Gana falou.", "pt") == ["ghana"]
    assert ids(gaz, "Seul le président a parlé.", "fr") == []
    assert ids(gaz, "Damas a répondu.", "fr") == ["syria"]
    assert ids(gaz, "Damas y caballeros.", "es") == []


def test_names_do_not_span_brackets_or_commas(gaz: Gazetteer) -> None:
    found = gaz.find_mentions("Kementerian Luar Negeri (Kemlu) RI menyatakan", "id")
    assert [m.text for m in found] == ["Kementerian Luar Negeri", "Kemlu"]
    assert {m.actor.id for m in found} == {"ministry-of-foreign-affairs-id"}
    assert [m.text for m in gaz.find_mentions("Kemlu) RI dan Kemlu — RI", "id")] == ["Kemlu", "Kemlu"]
    assert [m.text for m in gaz.find_mentions("美国（中国）", "zh")] == ["美国", "中国"]


def test_no_name_contains_punctuation_it_could_never_span() -> None:
    # a name with a bracket, slash or comma inside would never match ("AFC/M23"): keep its parts
    rows = [r["alias"] for r in _csv("aliases.csv")]
    rows += [a for r in _csv("people.csv") for a in r["aliases"].split("|")]
    rows += [r["name"] for r in _csv("people.csv")]
    assert [a for a in rows if len(key_of(a)) > 1 and _BREAK_RE.search(a)] == []


def test_state_names_inside_outlet_and_organisation_names(gaz: Gazetteer) -> None:
    text = "Selon Radio France Internationale et France 24, la France et l'Organisation des États américains…"
    found = [(m.actor.id, m.text) for m in gaz.find_mentions(text, "fr")]
    assert found == [
        ("rfi", "Radio France Internationale"),
        ("france-24", "France 24"),
        ("france", "France"),
        ("organization-of-american-states", "Organisation des États américains"),
    ]
    assert ids(gaz, "menurut CNN Indonesia dan The Jakarta Post, Indonesia menolak", "id") == [
        "cnn-indonesia",
        "jakarta-post",
        "indonesia",
    ]
    assert ids(gaz, "told SABC News that South Africa", "en") == ["sabc", "south-africa"]
    assert ids(gaz, "The Japan Times said the Bank of Japan and the Fed", "en") == [
        "japan-times",
        "bank-of-japan",
        "federal-reserve",
    ]
    assert ids(gaz, "the cat was fed", "en") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("según la agencia EFE y Europa Press", "es", ["efe", "europa-press"]),
        ("declaró a RNE y a Prensa Latina", "es", ["rne", "prensa-latina"]),
        ("a indiqué l'agence APS, citée par Le Monde", "fr", ["aps", "le-monde"]),
        ("en entrevista con Folha de S.Paulo", "es", ["folha-de-s-paulo"]),
        ("dilansir Kompas, Tempo.co dan detikcom", "id", ["kompas", "tempo", "detik"]),
        ("kantor berita Anadolu dan Xinhua melaporkan", "id", ["anadolu", "xinhua"]),
        ("Al Jazeera and Al Arabiya reported, CGTN said", "en", ["al-jazeera", "al-arabiya", "cgtn"]),
        (
            "la CEDEAO et l'Alliance des États du Sahel (AES)",
            "fr",
            ["ecowas", "alliance-of-sahel-states", "alliance-of-sahel-states"],
        ),
        ("la Cedeao y el Mercosur", "es", ["ecowas", "mercosur"]),
        ("le M23 et le Front Polisario", "fr", ["m23", "polisario-front"]),
        ("la « coalition des volontaires » à Paris", "fr", ["coalition-of-the-willing", "france"]),
        ("la Fuerza de Supresión de Pandillas en Haití", "es", ["gang-suppression-force", "haiti"]),
    ],
)
def test_outlets_and_regional_organisations(gaz: Gazetteer, text: str, lang: str, expected: list[str]) -> None:
    assert ids(gaz, text, lang) == expected


def test_every_organisation_and_outlet_name_is_found_whole(gaz: Gazetteer) -> None:
    # "Tehran Times", "South China Morning Post", "The Irish Times": the outlet, never the state inside
    kinds = {ActorKind.media, ActorKind.organization, ActorKind.initiative, ActorKind.armed_group}
    wrong = []
    for actor in gaz.actors():
        if actor.kind in kinds and not _BREAK_RE.search(actor.name):
            found = {m.actor.id for m in gaz.find_mentions(f"— {actor.name} —")}
            if found != {actor.id}:
                wrong.append((actor.id, sorted(found)))
    assert wrong == []


def test_outlet_names_that_are_common_words_need_their_brand_form(gaz: Gazetteer) -> None:
    assert ids(gaz, "Tempo hari, Presiden Prabowo berbicara.", "id") == ["prabowo-subianto"]
    assert ids(gaz, "Antara lain, Jepang dan Korea Selatan.", "id") == ["japan", "south-korea"]
    assert ids(gaz, "Doğu Anadolu'da deprem oldu.", "tr") == []
    assert ids(gaz, "Selon Anadolu, Ankara a réagi.", "fr") == ["anadolu", "turkey"]


def test_ambiguous_bare_names_are_skipped(gaz: Gazetteer) -> None:
    assert ids(gaz, "l'est du Congo", "fr") == []
    assert ids(gaz, "la République du Congo et la RDC", "fr") == ["congo-brazzaville", "congo-kinshasa"]


def test_demonyms(gaz: Gazetteer) -> None:
    assert ids(gaz, "the Azerbaijani and Turkish leaders", "en") == ["azerbaijan", "turkey"]
    assert ids(gaz, "el presidente turco y la delegación azerbaiyana", "es") == ["turkey", "azerbaijan"]
    assert ids(gaz, "le président turc et la ministre azerbaïdjanaise", "fr") == ["turkey", "azerbaijan"]
    mention = gaz.find_mentions("le président turc", "fr")[0]
    assert mention.via == "demonym"


@pytest.mark.parametrize(
    ("text", "lang", "state"),
    [
        ("le président kényan", "fr", "kenya"),
        ("les autorités kényanes", "fr", "kenya"),
        ("des soldats rwandais", "fr", "rwanda"),
        ("l'armée rwandaise", "fr", "rwanda"),
        ("la police haïtienne", "fr", "haiti"),
        ("les gangs haïtiens", "fr", "haiti"),
        ("le gouvernement congolais", "fr", "congo-kinshasa"),
        ("les forces congolaises", "fr", "congo-kinshasa"),
        ("los cancilleres bolivianos", "es", "bolivia"),
        ("las autoridades hondureñas", "es", "honduras"),
        ("el gobierno ruandés", "es", "rwanda"),
        ("los militares ruandeses", "es", "rwanda"),
        ("Zambian and", "en", "zambia"),
        ("the Ghanaians", "en", "ghana"),
        ("Uruguayan diplomats", "en", "uruguay"),
    ],
)
def test_demonyms_of_african_and_latin_american_states(gaz: Gazetteer, text: str, lang: str, state: str) -> None:
    assert ids(gaz, text, lang) == [state]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("RD Kongo dan Pantai Gading", "id", ["congo-kinshasa", "cote-d-ivoire"]),
        ("la Centrafrique et la RDC", "fr", ["central-african-republic", "congo-kinshasa"]),
        ("Costa de Marfil y Puerto Príncipe", "es", ["cote-d-ivoire", "haiti"]),
        ("Ivory Coast, Cabo Verde and Swaziland", "en", ["cote-d-ivoire", "cape-verde", "eswatini"]),
    ],
)
def test_state_names_news_use_beyond_cldr(gaz: Gazetteer, text: str, lang: str, expected: list[str]) -> None:
    assert ids(gaz, text, lang) == expected


AFRICA = [
    "DZ",
    "AO",
    "BJ",
    "BW",
    "BF",
    "BI",
    "CV",
    "CM",
    "CF",
    "TD",
    "KM",
    "CG",
    "CD",
    "CI",
    "DJ",
    "EG",
    "GQ",
    "ER",
    "SZ",
    "ET",
    "GA",
    "GM",
    "GH",
    "GN",
    "GW",
    "KE",
    "LS",
    "LR",
    "LY",
    "MG",
    "MW",
    "ML",
    "MR",
    "MU",
    "MA",
    "MZ",
    "NA",
    "NE",
    "NG",
    "RW",
    "ST",
    "SN",
    "SC",
    "SL",
    "SO",
    "ZA",
    "SS",
    "SD",
    "TZ",
    "TG",
    "TN",
    "UG",
    "ZM",
    "ZW",
    "EH",
]
LATIN_AMERICA = [
    "AR",
    "BO",
    "BR",
    "CL",
    "CO",
    "CR",
    "CU",
    "DO",
    "EC",
    "SV",
    "GT",
    "HT",
    "HN",
    "MX",
    "NI",
    "PA",
    "PY",
    "PE",
    "UY",
    "VE",
    "AG",
    "BS",
    "BB",
    "BZ",
    "DM",
    "GD",
    "GY",
    "JM",
    "KN",
    "LC",
    "VC",
    "SR",
    "TT",
]
#: Left out on purpose: "Congolese"/"congoleño" go to the DR Congo, "Dominican" to the Dominican
#: Republic, Spanish "granadino" is Granada's; nobody writes the others.
NO_DEMONYM = {
    "en": {"CG", "DM"},
    "fr": {"AG", "KN"},
    "es": {"CG", "GD", "KN"},
}


def test_every_african_and_latin_american_state_has_demonyms(gaz: Gazetteer) -> None:
    have = {(r["state"], r["lang"]) for r in _csv("demonyms.csv")}
    state_of = {iso: getattr(gaz.state(iso), "id", None) for iso in AFRICA + LATIN_AMERICA}
    assert None not in state_of.values()
    for lang, skipped in NO_DEMONYM.items():
        missing = [iso for iso, state in state_of.items() if iso not in skipped and (state, lang) not in have]
        assert missing == [], lang


def test_regular_demonym_forms_come_from_inflection_rules(tmp_path: Path) -> None:
    data = tmp_path / "gazetteer"
    shutil.copytree(DATA_DIR, data)
    with (data / "demonyms.csv").open("a", encoding="utf-8") as fh:
        fh.write("bhutan,fr,bhoutanien,,\nbhutan,es,butanés,,\n")
    g = Gazetteer(data)
    for word, lang in [("bhoutaniennes", "fr"), ("bhoutaniens", "fr"), ("butanesa", "es"), ("butaneses", "es")]:
        assert [m.actor.id for m in g.find_mentions(f"les {word}", lang)] == ["bhutan"], word
    (data / "inflections.csv").write_text("lang,slot,source,pattern,replace\nfr,plural,m,$,s\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"inflections\.csv.*bad slot"):
        Gazetteer(data)


#: Words that are titles in some language but also begin personal names ("Amir Khan Muttaqi").
_NAME_WORDS = {"amir", "امير"}  # Amir as a first name, in Latin and Arabic script


def test_no_alias_starts_with_a_title_word(gaz: Gazetteer) -> None:
    # "Menlu Sugiono" as an alias would hide the title "Menlu" from the extractor: titles belong
    # in titles.csv, names in people.csv/aliases.csv
    titles = {tuple(k.split()) for k in gaz.titles()}
    rows = [(r["id"], a) for r in _csv("people.csv") for a in r["aliases"].split("|") if a.strip()]
    rows += [(r["actor"], r["alias"]) for r in _csv("aliases.csv")]
    offenders = []
    for actor_id, alias in rows:
        key = key_of(alias)
        if gaz.actor(actor_id).kind != ActorKind.person:  # type: ignore[union-attr]
            continue  # "Presidency of …" style names of organisations are names, not titles
        if key and key[0] not in _NAME_WORDS and any(key[:n] in titles for n in range(1, len(key))):
            offenders.append(alias)
    assert offenders == []
    assert ids(gaz, "Menlu Sugiono mengatakan", "id") == ["sugiono"]
    assert [m.text for m in gaz.find_mentions("Raja Salman bin Abdulaziz berkata", "id")] == ["Salman bin Abdulaziz"]


def test_other_scripts(gaz: Gazetteer) -> None:
    assert ids(gaz, "美国总统特朗普说", "zh") == ["united-states", "donald-trump"]
    assert ids(gaz, "الرئيس التركي رجب طيب أردوغان", "ar") == ["turkey", "recep-tayyip-erdogan"]
    got = gaz.find_mentions("ووزارة الخارجية التركية", "ar")
    assert [(m.actor.id, m.text) for m in got] == [("ministry-of-foreign-affairs-tr", "وزارة الخارجية التركية")]
    assert ids(gaz, "Президент России Владимир Путин", "ru") == ["russia", "vladimir-putin"]


# --------------------------------------------------------------------------- roles


def test_holder_by_date(gaz: Gazetteer) -> None:
    trump, biden = gaz.actor("donald-trump"), gaz.actor("joe-biden")
    assert gaz.holder("united-states", "president", date(2026, 1, 6)) == trump
    assert gaz.holder("united-states", "president", date(2024, 6, 1)) == biden
    assert gaz.holder("united-states", "president", date(2025, 1, 20)) == trump  # inauguration day
    assert gaz.holder("united-states", "foreign minister", date(2025, 6, 1)).id == "marco-rubio"  # type: ignore[union-attr]
    assert gaz.holder("azerbaijan", "president", date(2026, 1, 6)).id == "ilham-aliyev"  # type: ignore[union-attr]
    assert gaz.holder("turkey", "president", date(2026, 1, 5)).id == "recep-tayyip-erdogan"  # type: ignore[union-attr]
    assert gaz.holder("turkey", "foreign minister", date(2026, 1, 5)).id == "hakan-fidan"  # type: ignore[union-attr]
    assert gaz.holder("indonesia", "president", date(2024, 10, 19)).id == "joko-widodo"  # type: ignore[union-attr]
    assert gaz.holder("indonesia", "president", date(2024, 10, 21)).id == "prabowo-subianto"  # type: ignore[union-attr]
    assert gaz.holder("iran", "foreign minister", date(2025, 3, 1)).id == "abbas-araghchi"  # type: ignore[union-attr]
    assert gaz.holder("united-states", "president", date(1990, 1, 1)) is None
    assert gaz.holder("azerbaijan", "king", date(2026, 1, 1)) is None


@pytest.mark.parametrize(
    ("org", "title", "on", "person"),
    [
        ("bolivia", "president", date(2025, 11, 7), "luis-arce"),
        ("bolivia", "presidente", date(2025, 11, 20), "rodrigo-paz"),
        ("peru", "president", date(2025, 10, 20), "jose-jeri"),
        ("thailand", "foreign minister", date(2025, 12, 1), "sihasak-phuangketkeow"),
        ("ministry-of-foreign-affairs-ve", "minister", date(2025, 12, 1), "yvan-gil"),
        ("cuba", "canciller", date(2025, 10, 29), "bruno-rodriguez-parrilla"),
        ("african-union", "chairman", date(2025, 11, 4), "mahmoud-ali-youssouf"),
        ("senegal", "prime minister", date(2025, 12, 1), "ousmane-sonko"),
    ],
)
def test_holders_in_africa_and_latin_america(gaz: Gazetteer, org: str, title: str, on: date, person: str) -> None:
    found = gaz.holder(org, title, on)
    assert found is not None and found.id == person


def test_holder_accepts_local_title_words(gaz: Gazetteer) -> None:
    day = date(2026, 1, 6)
    assert gaz.holder("azerbaijan", "Presiden", day).id == "ilham-aliyev"  # type: ignore[union-attr]
    assert gaz.holder("turkey", "présidente", day).id == "recep-tayyip-erdogan"  # type: ignore[union-attr]
    assert gaz.holder("turkey", "Menlu", day).id == "hakan-fidan"  # type: ignore[union-attr]
    assert gaz.holder("turkey", "canciller", day).id == "hakan-fidan"  # type: ignore[union-attr]
    assert gaz.holder("united-states", "secretary of state", day).id == "marco-rubio"  # type: ignore[union-attr]
    assert gaz.holder("nato", "secretary general", day).id == "mark-rutte"  # type: ignore[union-attr]
    kemlu = "ministry-of-foreign-affairs-id"
    assert gaz.holder(kemlu, "menteri", day).id == "sugiono"  # type: ignore[union-attr]
    assert gaz.holder(kemlu, "minister", date(2024, 1, 1)).id == "retno-marsudi"  # type: ignore[union-attr]


def test_roles_of(gaz: Gazetteer) -> None:
    now = gaz.roles_of("recep-tayyip-erdogan", date(2026, 1, 5))
    assert [(r.org_id, r.title) for r in now] == [("turkey", "president")]
    assert len(gaz.roles_of("recep-tayyip-erdogan")) == 2  # also prime minister 2003–2014
    assert [r.title for r in gaz.roles_of("recep-tayyip-erdogan", date(2010, 1, 1))] == ["prime minister"]
    assert gaz.roles_of("nobody") == []


def test_titles_table(gaz: Gazetteer) -> None:
    assert gaz.titles("id")["presiden"] == "president"
    assert gaz.titles("id")["menteri luar negeri"] == "foreign minister"
    assert gaz.canonical_title("Présidente", "fr") == "president"
    assert gaz.canonical_title("canciller", "es") == "foreign minister"
    assert gaz.canonical_title("Secretary of State") == "foreign minister"
    assert gaz.canonical_title("zzz") is None


# --------------------------------------------------------------------------- data integrity


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if line.strip() and not line.lstrip().startswith("#")))


def test_data_files_are_consistent(gaz: Gazetteer) -> None:
    states = _csv("states.csv")
    assert len({r["iso2"] for r in states}) == len(states) >= 249
    for row in states + _csv("actors.csv") + _csv("people.csv"):
        assert row["id"] == slugify(row["id"].replace("-", " ")), row["id"]
    canonical = {r["title"] for r in _csv("titles.csv")}
    for role in gaz.roles():
        assert role.title in canonical, role.title
        assert gaz.actor(role.person_id).kind == ActorKind.person  # type: ignore[union-attr]
        assert gaz.actor(role.org_id).kind != ActorKind.person  # type: ignore[union-attr]


def test_group_coverage(gaz: Gazetteer) -> None:
    assert len(gaz.members("g20")) == 19
    assert len(gaz.members("oic")) == 57
    assert len(gaz.members("asean")) == 11
    assert len(gaz.members("eu")) == 27
    demonym_states = {r["state"] for r in _csv("demonyms.csv") if r["lang"] == "en"}
    for group in ("g20", "me", "oic", "asean"):
        for state in gaz.members(group):
            assert state.id in demonym_states, state.id
            names = {lang for lang, _ in cldr_names(state.country or "")}
            assert {"en", "id", "es", "fr", "ar", "tr", "ru", "zh", "de", "pt", "fa"} <= names, state.id
    for state in gaz.members("g20"):
        assert any(r.org_id == state.id for r in gaz.roles()), f"no head of state/government for {state.id}"


def test_bad_data_gets_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "gazetteer"
    shutil.copytree(DATA_DIR, data)
    with (data / "roles.csv").open("a", encoding="utf-8") as fh:
        fh.write("nobody-at-all,turkey,president,2020-01-01,,\n")
    with pytest.raises(InputError, match=r"roles\.csv.*nobody-at-all"):
        Gazetteer(data)
    shutil.copy(DATA_DIR / "roles.csv", data / "roles.csv")
    with (data / "roles.csv").open("a", encoding="utf-8") as fh:
        fh.write("donald-trump,turkey,president,2020-13-01,,\n")
    with pytest.raises(InputError, match="bad date"):
        Gazetteer(data)
    shutil.copy(DATA_DIR / "roles.csv", data / "roles.csv")
    with (data / "aliases.csv").open("a", encoding="utf-8") as fh:
        fh.write("turkey,,id,\n")
    with pytest.raises(InputError, match=r"aliases\.csv: line \d+: empty alias"):
        Gazetteer(data)
    (data / "aliases.csv").write_text("actor,name\nturkey,Turki\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lacks column.*alias"):
        Gazetteer(data)
    shutil.copy(DATA_DIR / "aliases.csv", data / "aliases.csv")
    with (data / "people.csv").open("a", encoding="utf-8") as fh:
        fh.write("turkey,Turkey the Person,TR,,\n")
    with pytest.raises(InputError, match="duplicate actor id 'turkey'"):
        Gazetteer(data)
    shutil.copy(DATA_DIR / "people.csv", data / "people.csv")
    (data / "aliases.csv").unlink()
    with pytest.raises(InputError, match="missing"):
        Gazetteer(data)


def test_a_new_actor_needs_only_data(tmp_path: Path) -> None:
    data = tmp_path / "gazetteer"
    shutil.copytree(DATA_DIR, data)
    with (data / "people.csv").open("a", encoding="utf-8") as fh:
        fh.write("jane-doe-minister,Jane Doe-Minister,AZ,,Doe-Minister\n")
    with (data / "roles.csv").open("a", encoding="utf-8") as fh:
        fh.write("jane-doe-minister,azerbaijan,defense minister,2026-01-01,,\n")
    g = Gazetteer(data)
    assert [m.actor.id for m in g.find_mentions("Menteri Doe-Minister berkata")] == ["jane-doe-minister"]
    assert g.holder("azerbaijan", "defense minister", date(2026, 2, 1)).id == "jane-doe-minister"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- speed


def test_default_is_cached_and_loads_fast() -> None:
    assert Gazetteer.default() is Gazetteer.default()
    started = time.perf_counter()
    Gazetteer()
    print(f"gazetteer load: {time.perf_counter() - started:.2f}s")


def test_find_mentions_on_5mb(gaz: Gazetteer) -> None:
    seed = SEED.read_text(encoding="utf-8")
    extra = "\nLe président turc Recep Tayyip Erdoğan et le ministère turc des Affaires étrangères.\n"
    text = (seed + extra) * (5_000_000 // len(seed + extra) + 1)
    started = time.perf_counter()
    mentions = gaz.find_mentions(text)
    elapsed = time.perf_counter() - started
    print(f"find_mentions: {len(text) / 1e6:.1f} MB, {len(mentions)} mentions in {elapsed:.2f}s")
    assert len(mentions) > 50_000
    assert text[mentions[-1].start : mentions[-1].end] == mentions[-1].text


def test_maintainer_report_script(capsys: pytest.CaptureFixture[str]) -> None:
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py"
    main = runpy.run_path(str(script))["main"]
    assert main(["--on", "2026-01-06", "--missing"]) == 0
    out = capsys.readouterr().out
    assert "actors.state" in out and "ambiguous names" in out
    assert "  g20     19 states; no head: 0" in out
    assert "canary-islands,IC,place,Canary Islands" in out


def test_maintainer_script_lists_fixture_ids_the_gazetteer_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = {
        "statements": [
            {"speaker": ["nobody-known-here", "sergey-lavrov"], "targets": ["nato"], "via": "ria-novosti"},
            {"speaker": ["jane-roe-invented"], "on_behalf_of": "chile", "targets": ["made-up-org|bolivia"]},
            {"speaker": "hakan-fidan", "targets": ["imaginary-alliance"], "via": "unheard-of-radio"},
        ]
    }
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "x.json").write_text(json.dumps(fixture), encoding="utf-8")
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py"
    main = runpy.run_path(str(script))["main"]
    assert main(["--on", "2026-01-06", "--fixtures", str(tmp_path)]) == 0
    out = capsys.readouterr().out.split("unknown to the gazetteer: ")[1]
    listed = [line.split()[0] for line in out.splitlines()[1:]]
    assert listed == ["imaginary-alliance", "jane-roe-invented", "unheard-of-radio"]
    (tmp_path / "en" / "x.json").write_text("{not json", encoding="utf-8")
    assert main(["--fixtures", str(tmp_path)]) == 1
    assert "x.json" in capsys.readouterr().err
