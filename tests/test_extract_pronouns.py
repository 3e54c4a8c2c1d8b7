"""Issue 8 class 3, pronouns and cue-only attributions, in id, en, es and fr (sentences written for these tests).

- "he said", "ujarnya", "a-t-il déclaré", a bare "dijo." resolve to the person named before, even one
  who has not spoken yet and even under a wire dateline ("MANILA – …" is no subject);
- never to a capitalised non-person phrase named in between (a sea, a law, a storm): with no
  person named, no statement;
- "they", "it", "mereka", "ellos", "ils" take the last state, organisation or group that spoke,
  never a person; with none, no statement;
- an act verb after a pronoun inside another act's clause ("denied it had offered troops") is what
  that act is about, not a second statement (never a commitment read into a denial);
- a person set off by commas after a role ("Pengamat … dari Universitas Indonesia, Arif Setiawan,
  menilai …") opens the sentence: a later pronoun is theirs, not the earlier speaker's.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.extraction import holding, runner

run = runner(datetime(2026, 3, 9, 6, 0, tzinfo=UTC))


# ------------------------------------------------------------------ the person named before

NAMED_BEFORE = [
    ("en", 'MANILA - Foreign Secretary Enrique Manalo arrived in Tokyo on Monday for two days of meetings.\n\n'
     '"We expect Beijing to respect our fishermen," he said.', "We expect Beijing"),
    ("es", "MANILA – El canciller filipino Enrique Manalo se reunió el lunes con el embajador chino.\n\n"
     "«Esperamos que Pekín respete a nuestros pescadores», dijo.", "Esperamos que"),
    ("fr", "MANILLE – Le chef de la diplomatie philippine, Enrique Manalo, est arrivé lundi à Tokyo.\n\n"
     "« Nous attendons de Pékin qu'il respecte nos pêcheurs », a-t-il déclaré.", "Nous attendons"),
    ("id", "MANILA – Menteri Luar Negeri Filipina Enrique Manalo tiba di Tokyo, Senin.\n\n"
     '"Kami berharap Beijing menghormati nelayan kami," ujarnya.', "Kami berharap"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words"), NAMED_BEFORE)
def test_a_pronoun_or_bare_cue_is_the_person_named_before(lang: str, text: str, words: str) -> None:
    found = holding(run(text, lang), words)
    assert [s.speaker_id for s in found] == ["enrique-manalo"]
    assert found[0].confidence < 0.7  # a pronoun is less certain than a name


NON_PERSON_BETWEEN = [
    ("en", "DILI - Timor-Leste will not sign the maritime border treaty before the joint survey of the Savu Sea "
     "ends, Foreign Minister Adelino Sarmento said on Monday.\n\nThe Savu Sea Survey began in March.\n\n"
     '"We are not in a hurry," he said.', "not in a hurry"),
    ("es", "DILI – Timor Oriental no firmará el tratado antes de que termine el estudio del Mar de Savu, dijo el "
     "canciller Adelino Sarmento.\n\nLa Ley de Fronteras Marítimas entró en vigor en marzo.\n\n"
     "«No tenemos prisa», añadió.", "No tenemos prisa"),
    ("fr", "DILI – Le Timor oriental ne signera pas le traité avant la fin de l'étude de la mer de Savu, a déclaré "
     "le ministre Adelino Sarmento.\n\nLa Loi sur les frontières maritimes est entrée en vigueur en mars.\n\n"
     "« Nous ne sommes pas pressés », a-t-il ajouté.", "pas pressés"),
    ("id", "DILI – Timor Leste belum akan menandatangani perjanjian sebelum survei Laut Sawu selesai, kata Menteri "
     "Luar Negeri Adelino Sarmento.\n\nUndang-Undang Batas Maritim berlaku sejak Maret.\n\n"
     '"Kami tidak ingin terburu-buru," ujarnya.', "terburu-buru"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words"), NON_PERSON_BETWEEN)
def test_a_place_or_law_named_in_between_is_never_the_speaker(lang: str, text: str, words: str) -> None:
    found = holding(run(text, lang), words)
    assert [(s.speaker_id, s.on_behalf_of_id) for s in found] == [("adelino-sarmento", "timor-leste")]


NOBODY_NAMED = [
    ("en", 'JAKARTA - Typhoon Kalmaegi killed 40 people in Cebu on Sunday.\n\nTropical Storm Fung-wong followed '
     'two days later.\n\n"We have never seen such floods," she said.'),
    ("id", "JAKARTA – Topan Kalmaegi menewaskan 40 orang di Cebu, Minggu.\n\nBadai Tropis Fung-wong menyusul dua "
     'hari kemudian.\n\n"Kami belum pernah melihat banjir seperti ini," ujarnya.'),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text"), NOBODY_NAMED)
def test_without_a_person_named_a_pronoun_makes_no_statement(lang: str, text: str) -> None:
    assert run(text, lang).statements == []


# ------------------------------------------------------------------ groups and organisations

GROUP = [
    ("en", "MANILA - The Philippine foreign ministry said on Monday that Chinese vessels had blocked a resupply "
     "mission.\n\nForeign Secretary Enrique Manalo met the Chinese ambassador later that day.\n\n"
     '"They fired water cannon at our boats," they said.', "water cannon", "ministry-of-foreign-affairs-ph"),
    ("en", "BRUSSELS - The European Union said on Monday it would extend sanctions on Russia.\n\n"
     '"These measures will stay until Moscow withdraws," it said in a statement.', "These measures",
     "european-union"),
    ("es", "MADRID – El Ministerio de Asuntos Exteriores de España dijo que dos buques marroquíes entraron en aguas "
     "de Ceuta.\n\nEl canciller José Manuel Albares viajó después a Rabat.\n\n"
     "Según ellos, los buques no tenían autorización.", "no tenían autorización", "ministry-of-foreign-affairs-es"),
    ("fr", "PARIS – Le ministère français des Affaires étrangères a indiqué que deux navires russes étaient entrés "
     "dans les eaux françaises.\n\nLe ministre Jean-Noël Barrot s'est ensuite rendu à Bruxelles.\n\n"
     "« Ces navires n'avaient aucune autorisation », ont-ils affirmé.", "aucune autorisation",
     "ministry-of-foreign-affairs-fr"),
    ("id", "JAKARTA – Kementerian Luar Negeri Indonesia menyatakan kapal-kapal China memasuki perairan Natuna.\n\n"
     'Menteri Luar Negeri Sugiono kemudian bertemu Duta Besar China.\n\n"Kapal mereka harus segera keluar," '
     "kata mereka.", "harus segera keluar", "ministry-of-foreign-affairs-id"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "speaker"), GROUP)
def test_a_group_pronoun_is_the_last_organisation_never_a_person(
    lang: str, text: str, words: str, speaker: str
) -> None:
    found = holding(run(text, lang), words)
    assert [s.speaker_id for s in found] == [speaker]


GROUP_WITHOUT_ORGANISATION = [
    ("en", 'ATHENS - Foreign Minister Nikos Dendias arrived in Ankara on Monday.\n\n"We will keep talking," they said.'),
    ("id", 'JAKARTA – Menteri Luar Negeri Sugiono tiba di Dili, Senin.\n\n"Kami akan terus berdialog," kata mereka.'),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text"), GROUP_WITHOUT_ORGANISATION)
def test_a_group_pronoun_with_only_a_person_before_makes_no_statement(lang: str, text: str) -> None:
    assert run(text, lang).statements == []


def test_a_person_apposed_after_a_role_takes_the_next_pronoun() -> None:
    text = (
        "Kepala Bakamla Laksamana Madya Heru Kusmanto mengatakan kapal patroli memantau kapal asing itu.\n\n"
        "Pengamat hukum laut dari Universitas Gadjah Mada, Dimas Wicaksono, menilai pemerintah perlu menambah "
        'armada.\n\n"Tanpa kehadiran yang konsisten, klaim kita hanya di atas kertas," katanya.'
    )
    found = holding(run(text, "id"), "Tanpa kehadiran")
    assert [s.speaker_id for s in found] == ["dimas-wicaksono"]  # never the earlier speaker, heru-kusmanto


EMBEDDED = [
    ("en", "Norway denied it had offered troops to the Sinai mission."),
    ("es", "Noruega negó que ella hubiera ofrecido tropas a la misión del Sinaí."),
    ("fr", "La Norvège a démenti qu'elle avait offert des troupes à la mission du Sinaï."),
    ("id", "Norwegia membantah mereka menawarkan pasukan untuk misi Sinai."),
]


@pytest.mark.parametrize(("lang", "text"), EMBEDDED)
def test_a_pronoun_inside_a_denial_does_not_make_the_denied_act_a_statement(lang: str, text: str) -> None:
    """What is denied is not also asserted: one denial, never a commitment."""
    batch = run(text, lang)
    assert [(s.speaker_id, s.relation.value) for s in batch.statements] == [("norway", "denies")]


RELATIVE_CLAUSE_WITH_A_PLACE = [
    ("en", "Fatma Demir, 61, who spent the night in a tent in the town of Pütürge, said the government had "
     "abandoned the village.", "the government had abandoned"),
    ("es", "Fatma Demir, de 61 años, que pasó la noche en una tienda en el pueblo de Pütürge, dijo que el gobierno "
     "había abandonado la aldea.", "el gobierno había abandonado"),
    ("fr", "Fatma Demir, 61 ans, qui a passé la nuit sous une tente dans la ville de Pütürge, a déclaré que le "
     "gouvernement avait abandonné le village.", "gouvernement avait abandonné"),
    ("id", "Fatma Demir, 61, yang bermalam di tenda di kota Pütürge, mengatakan pemerintah telah menelantarkan "
     "desa itu.", "pemerintah telah menelantarkan"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words"), RELATIVE_CLAUSE_WITH_A_PLACE)
def test_a_place_inside_the_speakers_relative_clause_is_never_the_speaker(lang: str, text: str, words: str) -> None:
    """The speaker phrase ends where its relative clause starts: the person, or nobody."""
    found = holding(run(text, lang), words)
    assert [s.speaker_id for s in found] in ([], ["fatma-demir"])
    if lang in ("en", "id"):
        assert [s.speaker_id for s in found] == ["fatma-demir"]
