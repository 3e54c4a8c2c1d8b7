"""Issue 8 class 5, indirect speech, in id, en, es and fr (sentences written for these tests).

- the content starts after the verb, its audience and adjuncts and the complementizer — never at a
  complementizer inside the reported clause ("… on condition that …", "… jaminan bahwa …");
- a second predicate of the same subject ("…, but warned that …", "… dan mengatakan …") is a
  second statement of that subject, and ends the first one's content;
- a partial quote keeps its clause ('said Russia "cannot stand" …'), before or after the cue;
- "has said that", a speaker phrase ending in an auxiliary, present-tense "says";
- hoping or expecting another side to act is an appeal to it, not a plain statement;
- "U.S. officials say …" (an anonymous source opening with its affiliation) and a post-positioned
  cue followed by a new clause (", Turkish officials said, but …");
- another actor's cooperation reported in the content is not the speaker's own.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.extraction import only, runner, single, targets

from graph.model import Relation

run = runner(datetime(2026, 2, 3, 9, 0, tzinfo=UTC))


# ------------------------------------------------------------------ the complementizer next to its verb

CLAUSE_WITH_A_LATER_COMPLEMENTIZER = [
    ("id", "Menteri Luar Negeri Sugiono mengatakan Indonesia tidak akan membuka kedutaan sebelum ada jaminan dari "
     "Israel bahwa warga Palestina aman.", "Indonesia tidak akan membuka kedutaan", "sugiono"),
    ("en", "Norwegian Foreign Minister Espen Barth Eide said Norway would fund the clinics on condition that the "
     "money reaches Gaza.", "Norway would fund the clinics", "espen-barth-eide"),
    ("es", "El canciller José Manuel Albares dijo que España financiará las clínicas siempre que el dinero llegue "
     "a Gaza y que la ONU lo supervise.", "España financiará las clínicas", "jose-manuel-albares"),
    ("fr", "Le ministre Jean-Noël Barrot a déclaré que la France financera les cliniques pourvu que l'argent arrive "
     "à Gaza et que l'ONU le contrôle.", "la France financera les cliniques", "jean-noel-barrot"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "start", "speaker"), CLAUSE_WITH_A_LATER_COMPLEMENTIZER)
def test_the_content_starts_after_the_verb_not_at_a_complementizer_inside_the_clause(
    lang: str, text: str, start: str, speaker: str
) -> None:
    st = only(run(text, lang), start)
    assert st.content.startswith(start)
    assert st.speaker_id == speaker
    assert not st.direct


AUDIENCE_AND_ADJUNCTS = [
    ("id", "Menteri Luar Negeri Sugiono mengatakan kepada wartawan di Jakarta, Rabu (4/2), bahwa Indonesia akan "
     "mengirim bantuan pangan ke Sudan.", "Indonesia akan mengirim bantuan pangan ke Sudan"),
    ("en", "Kenyan President William Ruto told reporters on Monday in Nairobi that Kenya would keep its police "
     "officers in Haiti.", "Kenya would keep its police officers in Haiti"),
    ("es", "El presidente Lula dijo a periodistas en Brasilia el lunes que Brasil no reconocerá el resultado.",
     "Brasil no reconocerá el resultado"),
    ("fr", "Le président Abdelmadjid Tebboune a déclaré à la presse lundi à Alger que l'Algérie ne rétablira pas "
     "ses relations avec Rabat.", "l'Algérie ne rétablira pas ses relations avec Rabat"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "content"), AUDIENCE_AND_ADJUNCTS)
def test_an_audience_and_adjuncts_stand_between_the_verb_and_its_complementizer(
    lang: str, text: str, content: str
) -> None:
    assert only(run(text, lang), content[:20]).content == content


def test_a_new_subject_before_that_keeps_the_clause() -> None:
    st = only(run("Secretary of State Marco Rubio said he was confident that Egypt would join the force.", "en"), "he")
    assert st.content.startswith("he was confident that Egypt")


# ------------------------------------------------------------------ a second predicate of the same subject

SECOND_PREDICATE = [
    ("id", "Menteri Luar Negeri Sugiono mengecam serangan Israel ke Lebanon dan mengatakan Indonesia akan membawa "
     "masalah itu ke PBB.", "mengecam serangan Israel ke Lebanon", "Indonesia akan membawa masalah itu ke PBB",
     "sugiono"),
    ("en", "The Kremlin said Russia had no plans to attack any NATO member, but warned that it would answer any "
     "deployment near its borders.", "Russia had no plans to attack any NATO member",
     "it would answer any deployment near its borders", "russia"),
    ("es", "El canciller José Manuel Albares condenó el ataque contra la flotilla y dijo que España pedirá "
     "explicaciones a Israel.", "condenó el ataque contra la flotilla", "España pedirá explicaciones a Israel",
     "jose-manuel-albares"),
    ("fr", "Le ministre Jean-Noël Barrot a condamné l'attaque contre la flottille et a déclaré que la France "
     "convoquera l'ambassadeur d'Israël.", "a condamné l'attaque contre la flottille",
     "la France convoquera l'ambassadeur d'Israël", "jean-noel-barrot"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "first", "second", "speaker"), SECOND_PREDICATE)
def test_a_second_predicate_is_a_second_statement_of_the_same_subject(
    lang: str, text: str, first: str, second: str, speaker: str
) -> None:
    batch = run(text, lang)
    one, two = only(batch, first[:25]), only(batch, second[:25])
    assert one.content == first
    assert two.content == second
    assert one.speaker_id == two.speaker_id == speaker


def test_a_second_predicate_inside_the_reported_clause_is_its_subject_s() -> None:
    text = "Egyptian Foreign Minister Badr Abdelatty said the UN had condemned the raid and called for restraint."
    st = only(run(text, "en"), "condemned the raid")
    assert st.content == "the UN had condemned the raid and called for restraint"


# ------------------------------------------------------------------ partial quotes keep their clause

PARTIAL_QUOTE_AFTER_THE_VERB = [
    ("id", 'Menteri Luar Negeri Sugiono menegaskan Indonesia "tidak akan pernah" menormalisasi hubungan dengan '
     "Israel.", 'Indonesia "tidak akan pernah" menormalisasi hubungan dengan Israel', Relation.declines),
    ("en", 'President Volodymyr Zelenskyy said Russia "cannot stand" a free and democratic Ukraine.',
     'Russia "cannot stand" a free and democratic Ukraine', Relation.states),
    ("es", 'El presidente Gustavo Petro aseguró que Colombia "no se arrodillará" ante las presiones de Washington.',
     'Colombia "no se arrodillará" ante las presiones de Washington', Relation.declines),
    ("fr", "Le ministre Jean-Noël Barrot a estimé que Moscou « ne veut pas » la paix en Ukraine.",
     "Moscou « ne veut pas » la paix en Ukraine", Relation.states),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "content", "relation"), PARTIAL_QUOTE_AFTER_THE_VERB)
def test_a_partial_quote_after_the_verb_keeps_its_clause(
    lang: str, text: str, content: str, relation: Relation
) -> None:
    st = only(run(text, lang), content[:12])
    assert st.content == content
    assert not st.direct
    assert st.relation == relation


PARTIAL_QUOTE_BEFORE_THE_CUE = [
    ("id", 'Israel "bermain api" di Tepi Barat, kata Menteri Luar Negeri Sugiono.', 'Israel "bermain api'),
    ("en", 'Moscow is "playing with fire" in the Baltic, Estonian Foreign Minister Margus Tsahkna said.',
     'Moscow is "playing with fire'),
    ("es", 'Rusia está "jugando con fuego" en el Báltico, dijo el canciller José Manuel Albares.',
     'Rusia está "jugando con fuego'),
    ("fr", "La Russie « joue avec le feu » dans la Baltique, a déclaré le ministre Jean-Noël Barrot.",
     "La Russie « joue avec le feu"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "start"), PARTIAL_QUOTE_BEFORE_THE_CUE)
def test_a_partial_quote_before_the_cue_keeps_its_clause(lang: str, text: str, start: str) -> None:
    st = single(run(text, lang))
    assert st.content.startswith(start)
    assert not st.direct


def test_a_quote_ending_a_phrase_before_and_is_not_attributed_to_the_next_verb() -> None:
    text = (
        "Ion Vasilescu, the party's campaign chief, praised the European Commission as \"the only partner that has "
        'kept its word" and urged voters to ignore the mayors.'
    )
    batch = run(text, "en")
    assert all(s.content != "the only partner that has kept its word" for s in batch.statements)
    assert only(batch, "urged voters").relation == Relation.appeals


# ------------------------------------------------------------------ tense, auxiliaries, present tense

HAS_SAID = [
    ("id", "Juru kampanye partai itu, Bayu Prasetyo, telah mengatakan bahwa uang dari Rusia mengalir ke para "
     "kepala desa.", "bayu-prasetyo"),
    ("en", "Its campaign chief, Ion Vasilescu, has said that Russian money reaches the mayors through charities.",
     "ion-vasilescu"),
    ("es", "Su jefe de campaña, Ion Vasilescu, ha dicho que el dinero ruso llega a los alcaldes a través de "
     "fundaciones.", "ion-vasilescu"),
    ("fr", "Son directeur de campagne, Ion Vasilescu, a dit que l'argent russe arrive aux maires par des "
     "fondations.", "ion-vasilescu"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker"), HAS_SAID)
def test_has_said_with_an_apposition_before_it(lang: str, text: str, speaker: str) -> None:
    batch = run(text, lang)
    assert [s.speaker_id for s in batch.statements] == [speaker]
    assert "russia" in targets(batch.statements[0]) or "russia" in {t.actor_id for t in batch.statements[0].targets}


# ------------------------------------------------------------------ hoping that another side acts

HOPES = [
    ("id", "Menteri Luar Negeri Sugiono mengatakan Indonesia berharap Amerika Serikat akan menekan Israel agar "
     "menghentikan serangan.", "united-states"),
    ("en", "Ghana's foreign ministry said Accra hoped Togo and Benin would also contribute to the fund.", "togo"),
    ("es", "El canciller José Manuel Albares dijo que España espera que Marruecos respete el acuerdo pesquero.",
     "morocco"),
    ("fr", "Le ministre Jean-Noël Barrot a déclaré que Paris espère que l'Algérie libérera l'écrivain.", "algeria"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "target"), HOPES)
def test_hoping_another_side_acts_is_an_appeal_to_it(lang: str, text: str, target: str) -> None:
    st = single(run(text, lang))
    assert st.relation == Relation.appeals
    assert target in targets(st)


def test_expecting_without_another_side_is_no_appeal() -> None:
    st = only(run("Pakistan's foreign office said it expected the talks to resume next week.", "en"), "talks")
    assert st.relation != Relation.appeals


# ------------------------------------------------------------------ anonymous officials, post cue then a clause

OFFICIALS = [
    ("id", "Pasukan itu bisa dikerahkan paling cepat bulan Maret, kata seorang pejabat Malaysia.", "malaysia"),
    ("en", "U.S. officials say the stabilisation force could deploy as early as March.", "united-states"),
    ("es", "La fuerza podría desplegarse en marzo, dijo un funcionario mexicano.", "mexico"),
    ("fr", "La force pourrait être déployée dès mars, a déclaré un responsable français.", "france"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "state"), OFFICIALS)
def test_unnamed_officials_speak_for_their_state(lang: str, text: str, state: str) -> None:
    batch = run(text, lang)
    assert [(s.speaker_id, s.on_behalf_of_id) for s in batch.statements] == [(state, state)]
    assert batch.statements[0].confidence < 0.75  # an unnamed source is less certain


POST_CUE_THEN_A_CLAUSE = [
    ("id", "Turki menginginkan peran dalam pasukan itu, kata Menteri Luar Negeri Hakan Fidan, namun Israel "
     "menentangnya.", "Turki menginginkan peran dalam pasukan itu"),
    ("en", "Turkey wants a role in the force, Foreign Minister Hakan Fidan has said, but Israel has objected.",
     "Turkey wants a role in the force"),
    ("es", "Turquía quiere un papel en la fuerza, dijo el canciller Hakan Fidan, pero Israel se opone.",
     "Turquía quiere un papel en la fuerza"),
    ("fr", "La Turquie veut un rôle dans la force, a déclaré le ministre Hakan Fidan, mais Israël s'y oppose.",
     "La Turquie veut un rôle dans la force"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "content"), POST_CUE_THEN_A_CLAUSE)
def test_a_post_cue_followed_by_a_new_clause(lang: str, text: str, content: str) -> None:
    batch = run(text, lang)
    assert [(s.content, s.speaker_id) for s in batch.statements] == [(content, "hakan-fidan")]


# ------------------------------------------------------------------ another actor's cooperation


def test_another_actors_talks_reported_are_not_the_speakers_consultation() -> None:
    text = (
        'CHISINAU - The Party of Action and Solidarity says Russia "cannot stomach" Moldova\'s accession talks with '
        "the European Union."
    )
    st = only(run(text, "en"), "cannot stomach")
    assert st.relation != Relation.consults
    assert st.content.startswith('Russia "cannot stomach"')
