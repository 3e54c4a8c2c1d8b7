"""Issue 8 class 6, statements without a speech verb, in id, en, es and fr (sentences written for these tests).

- a verbal event is a statement of its subject with the event's relation: accepting or conceding is
  `agrees`, regretting or voicing concern `criticizes`, rejecting accusations `denies` (not a
  refusal), offering `commits`, inviting to act together `appeals` — also after an auxiliary;
- the subject may carry a relative clause ("Norway, which chairs …, welcomed") or an apposition
  naming its role or its voice ("Vietnam, selaku ketua ASEAN, memuji", "par la voix de son
  porte-parole"): the subject before the comma acts, never the organisation or office inside;
- a state's demonym qualifying a private role ("the Brazilian coach") is no state speaking;
- an actor after "without" is mentioned, not the act's target;
- an act with its own subject inside a report whose reporter cannot be read ("…, a senior official in
  Monterrey said") is still its subject's (not a private reporter's); the name ending the reported
  clause before ", dijo …" is never the reporter;
- a joint act of two governments ("Qatar and Turkey, which …, welcomed") has no single speaker.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.extraction import runner, single, targets

from graph.model import Relation

run = runner(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))


# ------------------------------------------------------------------ verbal events and their relation

VERBAL_EVENTS = [
    ("en", "Kenya accepted the conditions set by the African Union.", "kenya", Relation.agrees, "african-union"),
    ("en", "Japan expressed concern over the missile launch by North Korea.", "japan", Relation.criticizes,
     "north-korea"),
    ("en", "Moscow rejected the accusations of Estonia as baseless.", "russia", Relation.denies, "estonia"),
    ("fr", "Le Sénégal a accepté les conditions fixées par la Gambie.", "senegal", Relation.agrees, "gambia"),
    ("fr", "La Belgique a regretté la décision du Rwanda.", "belgium", Relation.criticizes, "rwanda"),
    ("fr", "Le Maroc a rejeté les accusations de l'Algérie.", "morocco", Relation.denies, "algeria"),
    ("es", "Uruguay ofrece cuarenta observadores a la misión de la OEA.", "uruguay", Relation.commits,
     "organization-of-american-states"),
    ("es", "La OEA ha pedido a Guatemala que respete el resultado.", "organization-of-american-states",
     Relation.appeals, "guatemala"),
    ("es", "Colombia lamentó la decisión de Ecuador.", "colombia", Relation.criticizes, "ecuador"),
    ("id", "Malaysia menawarkan satu kapal rumah sakit kepada Myanmar.", "malaysia", Relation.commits, "myanmar"),
    ("id", "Filipina mengajak Vietnam membentuk patroli bersama.", "philippines", Relation.appeals, "vietnam"),
    ("id", "Thailand menolak tuduhan Kamboja soal pelanggaran gencatan senjata.", "thailand", Relation.denies,
     "cambodia"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker", "relation", "target"), VERBAL_EVENTS)
def test_a_verbal_event_is_a_statement_with_its_relation(
    lang: str, text: str, speaker: str, relation: Relation, target: str
) -> None:
    st = single(run(text, lang))
    assert (st.speaker_id, st.relation) == (speaker, relation)
    assert target in targets(st)
    assert st.confidence > 0
    assert st.sentence_span is not None and text[st.sentence_span.start : st.sentence_span.end] == st.sentence


# ------------------------------------------------------------------ the subject before its aside

SUBJECT_WITH_AN_ASIDE = [
    ("en", "Norway, which chairs the donor group, welcomed the reconstruction plan on Monday.", "norway",
     Relation.supports),
    ("en", "Egypt, as chair of the Arab League, praised Jordan for its mediation.", "egypt", Relation.supports),
    ("fr", "La Suisse, qui accueille les pourparlers, a salué l'accord entre les deux parties.", "switzerland",
     Relation.supports),
    ("fr", "Le gouvernement malien, par la voix de son porte-parole, a condamné l'attaque contre la base.", "mali",
     Relation.criticizes),
    ("es", "Chile, que preside el grupo de contacto, criticó la decisión de Venezuela.", "chile",
     Relation.criticizes),
    ("es", "El Gobierno peruano, a través de su portavoz, rechazó la propuesta de Bolivia.", "peru",
     Relation.declines),
    ("id", "Jepang, yang menjadi donor terbesar, mendukung rencana rekonstruksi itu.", "japan", Relation.supports),
    ("id", "Vietnam, selaku ketua ASEAN, memuji Filipina atas kerja samanya.", "vietnam", Relation.supports),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker", "relation"), SUBJECT_WITH_AN_ASIDE)
def test_the_subject_before_a_relative_clause_or_apposition_acts(
    lang: str, text: str, speaker: str, relation: Relation
) -> None:
    st = single(run(text, lang))
    assert (st.speaker_id, st.on_behalf_of_id, st.relation) == (speaker, speaker, relation)


def test_an_earlier_spokesperson_is_not_the_voice_of_another_government() -> None:
    text = (
        "Le mouvement rebelle ne quittera pas la ville, a affirmé Jean-Baptiste Kalume, porte-parole du "
        "mouvement.\n\nLe gouvernement malien, par la voix de son porte-parole, a condamné l'occupation de la ville."
    )
    batch = run(text, "fr")
    condemn = [s for s in batch.statements if "condamné" in s.content]
    assert len(condemn) == 1
    assert (condemn[0].speaker_id, condemn[0].relation) == ("mali", Relation.criticizes)


# ------------------------------------------------------------------ private roles, "without"

PRIVATE_ROLE_OF_A_STATE = [
    ("en", "The Brazilian coach accused the referee of ignoring two penalties."),
    ("es", "El entrenador uruguayo criticó al árbitro por el penal."),
    ("fr", "Le capitaine belge a dénoncé l'arbitrage du match."),
    ("id", "Pelatih Thailand mengecam keputusan wasit dalam laga itu."),
]


@pytest.mark.parametrize(("lang", "text"), PRIVATE_ROLE_OF_A_STATE)
def test_a_demonym_qualifying_a_private_role_is_no_state_speaking(lang: str, text: str) -> None:
    assert run(text, lang).statements == []


def test_a_state_body_named_by_a_demonym_still_speaks() -> None:
    st = single(run("The Brazilian foreign ministry accused Venezuela of massing troops.", "en"))
    assert (st.on_behalf_of_id, st.relation) == ("brazil", Relation.accuses)
    assert targets(st) == {"venezuela"}


WITHOUT = [
    ("en", "Jordan criticised a border plan drawn up without Egypt.", "jordan", "egypt"),
    ("es", "Bolivia criticó un plan fronterizo elaborado sin Paraguay.", "bolivia", "paraguay"),
    ("fr", "Le Tchad a critiqué un plan frontalier conçu sans le Niger.", "chad", "niger"),
    ("id", "Laos mengkritik rencana perbatasan yang disusun tanpa Kamboja.", "laos", "cambodia"),
]


@pytest.mark.parametrize(("lang", "text", "speaker", "left_out"), WITHOUT)
def test_an_actor_left_out_of_what_is_criticised_is_not_the_target(
    lang: str, text: str, speaker: str, left_out: str
) -> None:
    st = single(run(text, lang))
    assert (st.speaker_id, st.relation) == (speaker, Relation.criticizes)
    assert left_out not in targets(st)
    assert left_out in {t.actor_id for t in st.targets}


# ------------------------------------------------------------------ an act inside an unreadable report

REPORTED_ACT = [
    ("en", "MEXICO CITY - Mexican negotiators rejected a U.S. proposal on water, a senior official in Monterrey said.",
     "mexico", "united-states"),
    ("es", "CIUDAD DE MÉXICO – Los negociadores mexicanos rechazaron una propuesta de Estados Unidos sobre el agua, "
     "dijo un alto funcionario en Monterrey.", "mexico", "united-states"),
    ("fr", "MEXICO – Les négociateurs mexicains ont rejeté une proposition des États-Unis sur l'eau, a indiqué un "
     "haut responsable à Monterrey.", "mexico", "united-states"),
    ("id", "JAKARTA – Para perunding Indonesia menolak usulan Malaysia soal batas laut, kata seorang pejabat senior "
     "di Batam.", "indonesia", "malaysia"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker", "target"), REPORTED_ACT)
def test_an_act_inside_a_report_whose_reporter_cannot_be_read_is_its_subjects(
    lang: str, text: str, speaker: str, target: str
) -> None:
    """Never the name ending the reported clause ("… de Estados Unidos sobre el agua, dijo …")."""
    st = single(run(text, lang))
    assert (st.speaker_id, st.relation) == (speaker, Relation.declines)
    assert targets(st) == {target}


def test_a_private_reporter_does_not_lend_its_report_to_the_act() -> None:
    text = "MEXICO CITY - Mexican negotiators rejected a U.S. proposal on water, a shopkeeper in Monterrey said."
    assert run(text, "en").statements == []


JOINT = [
    ("en", "Qatar and Turkey, which helped broker the truce, welcomed the agreement."),
    ("es", "Francia y el Reino Unido, que lideran la coalición, celebraron la decisión."),
    ("fr", "La France et le Royaume-Uni, qui dirigent la coalition, ont salué la décision."),
    ("id", "Malaysia dan Singapura, yang memimpin forum itu, menyambut baik keputusan tersebut."),
]


@pytest.mark.parametrize(("lang", "text"), JOINT)
def test_a_joint_act_of_two_governments_has_no_single_speaker(lang: str, text: str) -> None:
    assert run(text, lang).statements == []


PASSIVE_MEETING = [
    ("en", '"Any attempt to test our resolve will be met with a firm response," NATO Secretary General Mark Rutte '
     "told a news conference."),
    ("es", "«Cualquier provocación será recibida con firmeza», dijo el canciller José Manuel Albares."),
    ("fr", "« Toute provocation sera reçue avec fermeté », a déclaré le ministre Jean-Noël Barrot."),
    ("id", '"Setiap provokasi akan diterima dengan tegas," kata Menteri Luar Negeri Sugiono.'),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text"), PASSIVE_MEETING)
def test_met_with_after_a_passive_auxiliary_is_no_meeting(lang: str, text: str) -> None:
    """A warning ("will be met with a firm response") is never read as a consultation (a stance inversion)."""
    st = single(run(text, lang))
    assert st.relation != Relation.consults


def test_a_real_meeting_stays_a_consultation() -> None:
    st = single(run("Foreign Minister Hakan Fidan said he met with Egyptian officials in Cairo.", "en"))
    assert (st.relation, targets(st)) == (Relation.consults, {"egypt"})
