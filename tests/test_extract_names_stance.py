"""Issue 8 error classes 1, 2 and 7 (extract-core), each in id, en, es and fr (sentences written for these tests).

- class 1, people the gazetteer does not know: a one-word name in the slot after the speech verb
  or after "according to", with its name boundaries (the weekday, the apposition and the date
  are not part of it); a lone surname resolves to the full name the article gives anywhere;
- class 2, who they speak for: a title's unit written as an acronym ("Kepala Satpol PP") is an
  organisation, an armed group before a title ("Hamas spokesman") is the affiliation;
- class 7, relations that keep the stance: a refused withdrawal of forces keeps the commitment,
  a step promised "if the other side does not …" is a threat, a conditional withdrawal is a
  threat — none of them is stored as a refusal.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.extraction import only, runner

from graph.model import Relation

run = runner(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))


# ------------------------------------------------------------------ class 1: one-word names after the verb

SINGLE_NAME_AFTER_VERB = [
    ("id", '"Kami akan menindak tegas pelanggar yang membandel," kata Arifin, Kepala Satpol PP, Selasa (15/2).',
     "menindak tegas", "arifin"),
    ("en", '"We will not accept a deal that ignores Kenya," said Okonkwo, a spokesman for the Kenyan foreign '
     "ministry, on Tuesday.", "ignores Kenya", "okonkwo"),
    ("es", "«No aceptaremos ninguna imposición de Chile», dijo Quispe, portavoz del Gobierno boliviano, el martes.",
     "imposición de Chile", "quispe"),
    ("fr", "« Nous ne céderons pas aux pressions du Mali », a déclaré Traoré, porte-parole du gouvernement "
     "nigérien, mardi.", "pressions du Mali", "traore"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "speaker"), SINGLE_NAME_AFTER_VERB)
def test_a_one_word_name_after_the_verb_is_the_speaker(lang: str, text: str, words: str, speaker: str) -> None:
    st = only(run(text, lang), words)
    assert st.speaker_id == speaker
    assert st.speaker_mention is not None and " " not in st.speaker_mention  # the weekday is not part of it
    assert st.on_behalf_of_id is not None  # the apposition says whom they speak for


def test_a_title_unit_written_as_an_acronym_is_the_organisation() -> None:
    text = '"Kami akan menindak tegas pelanggar yang membandel," kata Arifin, Kepala Satpol PP, Selasa (15/2).'
    assert only(run(text, "id"), "menindak").on_behalf_of_id == "satpol-pp"


ACCORDING_TO_A_NAME = [
    ("id", "Menurut Wiku, pemerintah Indonesia akan mengirim bantuan ke Gaza pekan depan.", "wiku"),
    ("en", "According to Lindqvist, Australia will send two frigates to the mission.", "lindqvist"),
    ("es", "Según Quispe, Bolivia enviará una misión a Chile la próxima semana.", "quispe"),
    ("fr", "Selon Traoré, le Niger enverra des troupes au Mali la semaine prochaine.", "traore"),
]


@pytest.mark.parametrize(("lang", "text", "speaker"), ACCORDING_TO_A_NAME)
def test_according_to_an_unknown_name_makes_it_the_speaker(lang: str, text: str, speaker: str) -> None:
    batch = run(text, lang)
    assert [s.speaker_id for s in batch.statements] == [speaker]
    assert batch.statements[0].relation == Relation.commits  # the frame's content, not the state's act


def test_common_words_in_the_slot_are_not_names() -> None:
    assert run('"Prices will go up next year," said Tuesday.', "en").statements == []
    assert run('"Harga akan naik tahun depan," kata Selasa.', "id").statements == []


# ------------------------------------------------------------------ class 1: a surname stands for the full name

SURNAME_BEFORE_FULL_NAME = [
    ("id", '"Rencana ini sudah mati," kata Haddad. Juru bicara Hamas Karim Haddad juga menolak usulan Mesir.'),
    ("en", '"This plan is dead," Haddad said. Later, Hamas spokesman Karim Haddad rejected the Egyptian proposal.'),
    ("es", "«Este plan está muerto», dijo Haddad. El portavoz de Hamás Karim Haddad rechazó la propuesta egipcia."),
    ("fr", "« Ce plan est mort », a déclaré Haddad. Le porte-parole du Hamas Karim Haddad a rejeté la proposition."),
]


@pytest.mark.parametrize(("lang", "text"), SURNAME_BEFORE_FULL_NAME)
def test_a_surname_resolves_to_the_full_name_named_anywhere(lang: str, text: str) -> None:
    batch = run(text, lang)
    quote = batch.statements[0]
    assert quote.speaker_id == "karim-haddad", [(s.content, s.speaker_id) for s in batch.statements]
    assert quote.speaker_mention == "Haddad"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Juru bicara Hamas Karim Haddad menolak rencana itu."),
        ("en", "Hamas spokesman Karim Haddad said the group rejected the plan."),
        ("fr", "Le porte-parole du Hamas, Karim Haddad, a rejeté le plan."),
    ],
)
def test_an_armed_group_before_a_title_is_the_affiliation(lang: str, text: str) -> None:
    batch = run(text, lang)
    assert [(s.speaker_id, s.on_behalf_of_id) for s in batch.statements] == [("karim-haddad", "hamas")]


# ------------------------------------------------------------------ class 7: relations that keep the stance

REFUSED_WITHDRAWAL = [
    ("id", '"Kami tidak akan menarik pasukan kami dari misi itu," kata Menteri Pertahanan Malaysia.', "malaysia"),
    ("en", '"We will not withdraw our troops from the mission," the Kenyan defence minister said.', "kenya"),
    ("es", "«No retiraremos a nuestros soldados de la misión», dijo el ministro de Defensa de Chile.", "chile"),
    (
        "fr",
        "« Nous ne retirerons pas nos soldats de la mission », a déclaré le ministre tchadien de la Défense.",
        "chad",
    ),
]


@pytest.mark.parametrize(("lang", "text", "state"), REFUSED_WITHDRAWAL)
def test_a_refused_withdrawal_of_forces_is_a_commitment(lang: str, text: str, state: str) -> None:
    st = run(text, lang).statements[0]
    assert (st.on_behalf_of_id, st.relation) == (state, Relation.commits)
    assert st.negated


def test_a_refused_withdrawal_of_something_else_stays_a_refusal() -> None:
    st = run("«No retiraremos la protección concedida a la exministra», dijo la canciller de México.", "es")
    assert st.statements[0].relation == Relation.declines


IF_THE_OTHER_SIDE_DOES_NOT = [
    ("id", '"Kami akan mengirim nota protes jika Malaysia tidak memberikan penjelasan," kata Menteri Luar Negeri '
     "Indonesia."),
    ("en", '"We will send a protest note to Managua if it does not explain the closure," the Costa Rican foreign '
     "minister said."),
    ("es", "«Enviaremos una nota de protesta si Managua no ofrece una explicación», dijo el canciller de Costa Rica."),
    ("fr", "« Nous enverrons une note de protestation si le Niger ne donne pas d'explication », a déclaré le ministre "
     "béninois des Affaires étrangères."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text"), IF_THE_OTHER_SIDE_DOES_NOT)
def test_a_step_promised_if_the_other_side_does_not_act_is_a_threat(lang: str, text: str) -> None:
    st = run(text, lang).statements[0]
    assert st.relation == Relation.threatens
    assert st.conditions


def test_a_restrictive_condition_keeps_the_commitment() -> None:
    text = "Lula said Brazil would sign the agreement only if the safeguards did not penalise South American exporters."
    st = run(text, "en").statements[0]
    assert st.relation == Relation.commits and st.conditions


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", '"Kami akan menarik pasukan kami jika misi itu berubah menjadi operasi tempur," kata Menteri '
         "Pertahanan Malaysia."),
        ("en", '"We would withdraw our engineers if the mission changes its mandate," the Brazilian defence minister '
         "said."),
        ("es", "«Retiraremos a nuestros agentes si la misión se convierte en una operación de combate», dijo el "
         "ministro de Defensa de Perú."),
        ("fr", "« Nous retirerons nos soldats si la mission devient une opération de combat », a déclaré le ministre "
         "tchadien de la Défense."),
    ],
)  # fmt: skip
def test_a_conditional_withdrawal_is_a_threat_never_a_refusal(lang: str, text: str) -> None:
    st = run(text, lang).statements[0]
    assert st.relation == Relation.threatens and st.conditions  # never a refusal
