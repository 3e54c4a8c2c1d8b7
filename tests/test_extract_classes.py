"""Error classes of issue 8 owned by extract-corpus, each in id, en, es and fr.

Class 8 (conditions): the condition markers of each language's cue file make a statement
conditional, keep its relation (a conditional commitment stays a commitment, a conditional
refusal a refusal) and keep the actors named inside the condition out of its targets — unless the
statement is a threat, demand or appeal with no other target: it is aimed at whoever must meet
its condition (class 9).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.extraction import only, runner

run = runner(datetime(2026, 1, 6, 9, 0, tzinfo=UTC))


# ------------------------------------------------------------------------------------------ class 8


CONDITIONS = [
    # (lang, text, words of the content, relation, condition, actor inside the condition)
    ("en", "Canada's foreign minister said that Canada would not send troops without a clear legal framework "
     "for the mission.", "would not send troops", "declines", "without a clear legal framework for the mission",
     None),
    ("en", "Anita Anand said Canada's contribution would be conditional on a ceasefire holding.",
     "contribution would be", "states", "conditional on a ceasefire holding", None),
    ("en", "Canada's foreign minister said that Canada would evacuate its embassy staff in case of an attack "
     "by Russia.", "evacuate its embassy", "states", "in case of an attack by Russia", "russia"),
    ("id", "Menteri Luar Negeri Malaysia mengatakan Malaysia tidak akan mengirim pasukan sebelum adanya mandat "
     "PBB.", "tidak akan mengirim pasukan", "declines", "sebelum adanya mandat PBB", "united-nations"),
    ("id", "Menteri Luar Negeri Malaysia mengatakan Malaysia siap mengirim pasukan kalau Israel menghentikan "
     "serangan.", "siap mengirim pasukan", "commits", "kalau Israel menghentikan serangan", "israel"),
    ("es", "El canciller chileno afirmó que Chile no devolverá al exministro mientras no exista una sentencia "
     "firme.", "no devolverá al exministro", "declines", "mientras no exista una sentencia firme", None),
    ("es", "El canciller chileno afirmó que Chile enviará policías a Haití en caso de que Brasil los "
     "acompañe.", "enviará policías", "commits", "en caso de que Brasil los acompañe", "brazil"),
    ("fr", "Hakan Fidan a affirmé que la Turquie ne déploierait aucun soldat faute de cadre juridique clair.",
     "ne déploierait aucun soldat", "declines", "faute de cadre juridique clair", None),
    ("fr", "Selon Hakan Fidan, Ankara enverra des soldats à condition qu'un cessez-le-feu soit respecté par "
     "Israël.", "enverra des soldats", "commits", "à condition qu'un cessez-le-feu soit respecté par Israël",
     "israel"),
    ("fr", "Hakan Fidan a déclaré que la Turquie ne participera pas tant qu'Israël bombarde Gaza.",
     "ne participera pas", "declines", "tant qu'Israël bombarde Gaza", "israel"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "relation", "condition", "inside"), CONDITIONS)
def test_condition_markers_make_a_conditional_statement_of_the_same_stance(
    lang: str, text: str, words: str, relation: str, condition: str, inside: str | None
) -> None:
    st = only(run(text, lang), words)
    assert st.conditions == [condition]
    assert st.relation.value == relation
    if inside is not None:
        assert inside not in st.target_ids(), "an actor named inside the condition is not a target"


CLAUSE_MARKERS = [
    # (lang, text, words of the content, condition or None)
    ("fr", "Hakan Fidan a déclaré que la Turquie enverra des soldats si l'ONU le demande, même si la mission "
     "est difficile.", "enverra des soldats", "si l'ONU le demande"),
    ("fr", "Hakan Fidan a déclaré que la Turquie ne bougera pas si Israël poursuit ses frappes.",
     "ne bougera pas", "si Israël poursuit ses frappes"),
    ("fr", "Hakan Fidan a déclaré que la Turquie n'est pas si pressée.", "pas si pressée", None),
    ("fr", "Hakan Fidan a déclaré que la Turquie soutiendra Gaza même si Israël proteste.", "soutiendra Gaza",
     None),
    ("es", "El canciller chileno dijo que Chile renovará el acuerdo si Argentina mantiene sus compras.",
     "renovará el acuerdo", "si Argentina mantiene sus compras"),
    ("es", "El canciller chileno dijo que Chile no firmará si no hay garantías.", "no firmará",
     "si no hay garantías"),
    ("es", "El canciller chileno dijo que Chile actuará como si el acuerdo siguiera vigente.", "actuará", None),
    ("en", "Anita Anand said Canada would keep its embassy open even if the fighting resumed.",
     "keep its embassy open", None),
    ("id", "Menteri Luar Negeri Malaysia mengatakan Malaysia tetap mendukung Palestina bahkan jika Israel "
     "menolak.", "tetap mendukung Palestina", None),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "condition"), CLAUSE_MARKERS)
def test_if_opens_a_condition_only_before_a_clause_and_never_when_concessive(
    lang: str, text: str, words: str, condition: str | None
) -> None:
    """Spanish/French "si" needs a clause after it ("si l'ONU", "si Argentina", "si no hay"), never
    "si pressée" (so); "même si", "como si", "even if", "bahkan jika" open no condition."""
    st = only(run(text, lang), words)
    assert st.conditions == ([condition] if condition else [])


def test_an_indirect_question_is_no_condition() -> None:
    for lang, text in [
        ("fr", "Hakan Fidan s'est demandé si l'Europe voulait vraiment la paix."),
        ("es", "El canciller chileno preguntó si Argentina mantendría sus compras."),
        ("en", "Anita Anand asked if Russia would respect the truce."),
    ]:
        assert all(not st.conditions for st in run(text, lang).statements), text


CONDITION_ADDRESSEES = [
    ("en", "Turkey's foreign minister said that Turkey would retaliate if Greek ships enter the disputed waters.",
     "would retaliate", "greece"),
    ("id", "Menteri Luar Negeri Malaysia mengancam akan membalas jika kapal Filipina kembali memasuki perairan "
     "Sabah.", "akan membalas", "philippines"),
    ("es", "Guatemala hoy amenazó con suspender el comercio en el río Sarstún si las patrullas beliceñas "
     "vuelven a detener a pescadores guatemaltecos.", "suspender el comercio", "belize"),
    ("fr", "Hakan Fidan a menacé de riposter si des navires grecs entrent dans les eaux contestées.",
     "riposter", "greece"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "target"), CONDITION_ADDRESSEES)
def test_a_threat_with_no_other_target_is_aimed_at_whoever_must_meet_its_condition(
    lang: str, text: str, words: str, target: str
) -> None:
    st = only(run(text, lang), words)
    assert st.relation.value == "threatens" and st.conditions
    assert st.target_ids() == [target]


# ------------------------------------------------------------------------------------------ class 2


COUNCILS = [
    ("en", "The African Union's Peace and Security Council backed a call for an independent inquiry.", "backed"),
    ("fr", "Le Conseil de paix et de sécurité de l'Union africaine a condamné l'attaque contre Goma.", "condamné"),
    ("es", "El Consejo de Paz y Seguridad de la Unión Africana condenó el ataque.", "condenó"),
    ("id", "Dewan Perdamaian dan Keamanan Uni Afrika mengecam serangan terhadap kamp pengungsi.", "mengecam"),
]


@pytest.mark.parametrize(("lang", "text", "words"), COUNCILS)
def test_the_african_unions_security_council_is_not_the_uns(lang: str, text: str, words: str) -> None:
    """A wrong attribution costs more than a miss: "Peace and Security Council" speaks for the AU."""
    st = only(run(text, lang), words)
    assert st.speaker_id == "african-union"


# ------------------------------------------------------------------------------------------ verbal events


VERBAL_EVENTS = [
    # (lang, text, words of the content, relation, target): concede/accept, consult, support, seek guarantees
    ("en", "Mexico conceded to deliver more water to the United States.", "conceded", "agrees", "united-states"),
    ("en", "Croatia's foreign ministry said Croatia accepted Hungary's demand for a fixed tariff.", "accepted", "agrees",
     "hungary"),
    ("en", "Japan consulted South Korea on the export rules.", "consulted", "consults", "south-korea"),
    ("en", "Brazil supported the Argentine proposal on Monday.", "supported", "supports", "argentina"),
    ("en", "Hungary is seeking guarantees from Croatia on gas deliveries.", "seeking guarantees", "appeals",
     "croatia"),
    ("es", "Belice aceptó las demandas de Guatemala sobre la zona de adyacencia.", "aceptó", "agrees",
     "guatemala"),
    ("es", "México cedió ante la exigencia de Estados Unidos.", "cedió", "agrees", "united-states"),
    ("es", "Chile consultó a Argentina sobre el corredor.", "consultó", "consults", "argentina"),
    ("es", "Hungría busca garantías de Croacia sobre el gas.", "busca garantías", "appeals", "croatia"),
    ("fr", "Hakan Fidan a déclaré que la Turquie accepte la demande de la Grèce.", "accepte", "agrees", "greece"),
    ("fr", "La Libye a cédé aux exigences de l'Union européenne.", "cédé", "agrees", "european-union"),
    ("fr", "Le Maroc a consulté l'Égypte sur le plan.", "consulté", "consults", "egypt"),
    ("id", "Myanmar menerima tuntutan ASEAN untuk membuka akses kemanusiaan.", "menerima tuntutan", "agrees",
     "asean"),
    ("id", "Filipina akhirnya mengalah pada tuntutan China.", "mengalah", "agrees", "china"),
    ("id", "Indonesia berkonsultasi dengan Malaysia soal perbatasan.", "berkonsultasi", "consults", "malaysia"),
    ("id", "Myanmar telah menyetujui kunjungan utusan ASEAN.", "menyetujui", "agrees", "asean"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "relation", "target"), VERBAL_EVENTS)
def test_verbal_events_get_their_category_and_a_concession_is_never_a_demand(
    lang: str, text: str, words: str, relation: str, target: str
) -> None:
    st = only(run(text, lang), words)
    assert (st.relation.value, st.target_ids()) == (relation, [target])


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("en", "Anita Anand said Canada had not accepted the Chinese request.", "not accepted"),
        ("es", "El canciller chileno dijo que Chile no aceptará la propuesta de Perú.", "no aceptará"),
        ("fr", "Hakan Fidan a déclaré que la Turquie n'acceptera jamais cette demande de la Grèce.", "acceptera"),
    ],
)
def test_a_refused_concession_is_a_refusal(lang: str, text: str, words: str) -> None:
    assert only(run(text, lang), words).relation.value == "declines"


SPEAKS_FOR = [
    # (lang, text, words of the content, speaker, on behalf of): a title with no state under a dateline
    ("es", "MONTEVIDEO - «Uruguay estará presente», dijo el vicecanciller Martín Ferreira Sosa.",
     "estará presente", "martin-ferreira-sosa", "uruguay"),
    ("es", "ASUNCIÓN - «Itaipú es de los dos países», dijo el canciller Hernán Benítez Colmán.",
     "dos países", "hernan-benitez-colman", "paraguay"),
    ("en", "CONAKRY, Dec 12 (West Africa Courier) - Guinea will boycott the summit unless sanctions are lifted, "
     "government spokesman Ousmane Kaba Sylla said on Friday.", "boycott the summit", "ousmane-kaba-sylla",
     "guinea"),
    ("en", "ASUNCION - \"A river is not a toll road,\" said Faith Benitez, the vice-minister for river transport.",
     "toll road", "faith-benitez", "paraguay"),
    ("fr", "YAOUNDÉ - « Ce conflit est une affaire intérieure », a déclaré le vice-ministre Joseph Ekotto Mvondo.",
     "affaire intérieure", "joseph-ekotto-mvondo", "cameroon"),
    ("fr", "BAMAKO - Le Mali ne participera pas au sommet, a indiqué le porte-parole du gouvernement Abdoulaye "
     "Maïga Traoré.", "ne participera pas", "abdoulaye-maiga-traore", "mali"),
    ("id", "KUALA LUMPUR - Malaysia siap mengirim pasukan kalau ada mandat PBB, kata Wakil Menteri Razif Hamdan, "
     "Selasa.", "siap mengirim pasukan", "razif-hamdan", "malaysia"),
    ("id", "DILI - Timor Leste belum akan menandatangani perjanjian itu, kata juru bicara pemerintah Adelino "
     "Sarmento.", "belum akan menandatangani", "adelino-sarmento", "timor-leste"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "speaker", "on_behalf_of"), SPEAKS_FOR)
def test_a_deputy_minister_or_government_spokesperson_speaks_for_the_datelines_state(
    lang: str, text: str, words: str, speaker: str, on_behalf_of: str
) -> None:
    """Deputy and vice ministers, undersecretaries and government spokespeople are state officials
    (titles.csv, ``[offices] state``); a dateline in accented capitals ("ASUNCIÓN -", "YAOUNDÉ -") counts."""
    st = only(run(text, lang), words)
    assert (st.speaker_id, st.on_behalf_of_id) == (speaker, on_behalf_of)


@pytest.mark.parametrize(
    ("lang", "text", "words"),
    [
        ("en", "Anita Anand said the request Russia sent last week lacked the documents a Canadian court needs.",
         "request Russia sent"),
        ("es", "El canciller chileno dijo que la solicitud de Perú carece de los documentos necesarios.",
         "solicitud de Perú"),
        ("id", "Menteri Luar Negeri Malaysia mengatakan permintaan Filipina itu tidak lengkap.", "permintaan Filipina"),
    ],
)  # fmt: skip
def test_a_request_named_as_a_thing_is_no_appeal(lang: str, text: str, words: str) -> None:
    """Criticism of someone's request must not read as an appeal to them (a stance inversion)."""
    assert only(run(text, lang), words).relation.value != "appeals"


# ------------------------------------------------------------------------------------------ class 9


PAIRS = [
    ("en", "Thailand and Cambodia exchanged fire on Sunday. Malaysia urged both sides to exercise restraint.",
     "both sides", ["cambodia", "thailand"]),
    ("fr", "L'Égypte a rejeté la proposition de l'Éthiopie sur le barrage. Le Soudan a appelé les deux pays à "
     "reprendre les consultations sous l'égide de l'Union africaine.", "les deux pays", ["egypt", "ethiopia"]),
    ("es", "Colombia y Venezuela cerraron la frontera. Brasil pidió a ambos países reabrir los pasos en el marco "
     "de la CELAC.", "ambos países", ["colombia", "venezuela"]),
    ("id", "Kamboja menuduh Thailand melanggar gencatan senjata. Malaysia meminta kedua negara menahan diri.",
     "kedua negara", ["cambodia", "thailand"]),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words", "targets"), PAIRS)
def test_both_sides_are_the_two_actors_named_before_and_a_framing_body_is_no_target(
    lang: str, text: str, words: str, targets: list[str]
) -> None:
    """ "Urged both sides" targets the two actors named before; the AU or CELAC under whose auspices
    or in whose framework it happens is only mentioned."""
    st = only(run(text, lang), words)
    assert sorted(st.target_ids()) == targets


def test_a_pair_reference_inside_a_condition_or_a_plain_statement_targets_nobody() -> None:
    text = (
        "Thailand and Cambodia signed a truce. Anwar Ibrahim said ASEAN observers would remain deployed as long "
        "as both sides want them there."
    )
    st = only(run(text, "en"), "observers would remain")
    assert st.target_ids() == []


@pytest.mark.parametrize(
    ("lang", "text", "words", "framing"),
    [
        ("id", "Indonesia mengatakan bea masuk Uni Eropa itu melanggar aturan WTO.", "melanggar", "wto"),
        ("en", "India said the talks would resume under the auspices of the United Nations next month.",
         "talks would resume", "united-nations"),
        ("fr", "Le Soudan a appelé l'Égypte à reprendre les consultations sous l'égide de l'Union africaine.",
         "reprendre les consultations", "african-union"),
        ("es", "Brasil pidió a Venezuela reabrir los pasos en el marco de la CELAC.", "reabrir los pasos", "celac"),
    ],
)  # fmt: skip
def test_an_actor_framing_a_statement_is_mentioned_not_targeted(lang: str, text: str, words: str, framing: str) -> None:
    st = only(run(text, lang), words)
    assert framing not in st.target_ids()
    assert framing in st.target_ids(None)
