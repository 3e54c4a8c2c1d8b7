"""Issue 8 class 4, split quotes, in id, en, es and fr (sentences written for these tests).

- “A,” X said, “B.” is one statement of X (its content the first part, its sentence both) whose
  relation is read from both parts (a refusal in the second part is not lost);
- a paragraph that is only a closed quote, right after a paragraph ending with X's attributed
  quote, goes on with X; a cue-less quote after another speaker's statement is never X's;
- the speaker after a post-positioned cue ends where its audience starts ("dijo Urrego a Radio
  Caracol"): the outlet is not the speaker; a given name stands for the full name written before.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from support.extraction import holding, runner, single

from graph.model import Relation

run = runner(datetime(2026, 3, 4, 7, 30, tzinfo=UTC))


# ------------------------------------------------------------------ one statement, both parts

SPLIT = [
    ("en", '"We will keep talking to Ankara," Greek Foreign Minister Nikos Dendias said, "but Greece will not '
     'send troops to Gaza."', "nikos-dendias", "We will keep talking", "will not send troops"),
    ("es", "«Seguiremos dialogando con Caracas», dijo el canciller colombiano Luis Gilberto Murillo, «pero "
     "Colombia no enviará tropas a Haití».", "luis-gilberto-murillo", "Seguiremos dialogando", "no enviará tropas"),
    ("fr", "« Nous continuerons à parler avec Alger », a déclaré le ministre marocain Nasser Bourita, « mais le "
     "Maroc n'enverra pas de troupes au Sahel ».", "nasser-bourita", "Nous continuerons", "n'enverra pas"),
    ("id", '"Kami menghormati sikap Dili," kata Menteri Luar Negeri Sugiono, "tetapi Indonesia tidak akan '
     'mengirim pasukan ke Gaza."', "sugiono", "Kami menghormati", "tidak akan mengirim pasukan"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker", "first", "second"), SPLIT)
def test_a_quote_split_around_its_attribution_is_one_statement_of_both_parts(
    lang: str, text: str, speaker: str, first: str, second: str
) -> None:
    st = single(run(text, lang))
    assert st.speaker_id == speaker and st.direct
    assert st.content.startswith(first) and second in st.sentence  # the sentence holds both parts
    assert st.content_span is not None and text[st.content_span.start : st.content_span.end] == st.content
    assert st.relation == Relation.declines  # read from the second part: never lost, never flipped


# ------------------------------------------------------------------ the next paragraph, and no further

CONTINUED = [
    ("en", 'ATHENS - "We will keep talking," Greek Foreign Minister Nikos Dendias said on Monday.\n\n'
     '"The islands are not up for negotiation."', "nikos-dendias", "The islands"),
    ("es", "MADRID – «Seguiremos dialogando», dijo el canciller colombiano Luis Gilberto Murillo.\n\n"
     "«La frontera no se negocia».", "luis-gilberto-murillo", "La frontera"),
    ("fr", "RABAT – « Nous continuerons à parler », a déclaré le ministre marocain Nasser Bourita.\n\n"
     "« Le Sahara n'est pas négociable. »", "nasser-bourita", "Le Sahara"),
    ("id", 'JAKARTA – "Kami tetap berdialog," kata Menteri Luar Negeri Sugiono, Senin.\n\n'
     '"Wilayah kami tidak bisa ditawar."', "sugiono", "Wilayah kami"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker", "words"), CONTINUED)
def test_a_quote_paragraph_after_an_attributed_quote_goes_on_with_its_speaker(
    lang: str, text: str, speaker: str, words: str
) -> None:
    found = holding(run(text, lang), words)
    assert len(found) == 1
    assert found[0].speaker_id == speaker and found[0].direct
    first = [s for s in run(text, lang).statements if s.speaker_id == speaker and words not in s.content]
    assert found[0].confidence < first[0].confidence  # a continuation is less certain than its cue


INTERRUPTED = [
    ("en", 'ATHENS - "We will keep talking," Greek Foreign Minister Nikos Dendias said on Monday.\n\n'
     "Turkish Foreign Minister Hakan Fidan said Ankara wanted a new round of talks.\n\n"
     '"The islands are not up for negotiation."', "The islands"),
    ("id", 'JAKARTA – "Kami tetap berdialog," kata Menteri Luar Negeri Sugiono, Senin.\n\n'
     "Perdana Menteri Timor Leste Xanana Gusmao mengatakan Dili ingin perundingan baru.\n\n"
     '"Wilayah kami tidak bisa ditawar."', "Wilayah kami"),
    ("es", "MADRID – «Seguiremos dialogando», dijo el canciller colombiano Luis Gilberto Murillo.\n\n"
     "El canciller venezolano Yván Gil dijo que Caracas quiere una nueva ronda.\n\n"
     "«La frontera no se negocia».", "La frontera"),
    ("fr", "RABAT – « Nous continuerons à parler », a déclaré le ministre marocain Nasser Bourita.\n\n"
     "Le ministre algérien Ahmed Attaf a déclaré qu'Alger voulait un nouveau cycle.\n\n"
     "« Le Sahara n'est pas négociable. »", "Le Sahara"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "words"), INTERRUPTED)
def test_a_cue_less_quote_after_another_speaker_is_never_the_earlier_speakers(lang: str, text: str, words: str) -> None:
    assert holding(run(text, lang), words) == []


# ------------------------------------------------------------------ the speaker after the cue

AUDIENCE = [
    ("es", "BOGOTÁ – El grupo no volverá a la mesa, afirmó Tomás Urrego, portavoz de la guerrilla.\n\n"
     "«Nadie negocia así», dijo Urrego a Radio Caracol, «y el Gobierno lo sabe».", "tomas-urrego", "Nadie"),
    ("fr", "GOMA – Le mouvement ne quittera pas la ville, a affirmé Lawrence Kanyuka, porte-parole du mouvement.\n\n"
     "« Personne ne négocie ainsi », a dit Kanyuka à Radio Okapi, « et Kinshasa le sait ».", "lawrence-kanyuka",
     "Personne"),
    ("en", "GOMA - The movement will not leave the town, said Lawrence Kanyuka, the movement's spokesman.\n\n"
     '"Nobody negotiates like this," said Kanyuka to Radio Okapi, "and Kinshasa knows it."', "lawrence-kanyuka",
     "Nobody"),
    ("id", "JAKARTA – Duta Besar Palestina untuk Indonesia, Marwan Jabari, bertemu pejabat Kementerian Luar "
     'Negeri.\n\n"Indonesia selalu berdiri bersama rakyat Palestina," ujar Marwan usai pertemuan di Pejambon.',
     "marwan-jabari", "Indonesia selalu"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "speaker", "words"), AUDIENCE)
def test_the_speaker_after_the_cue_is_the_person_not_the_audience(
    lang: str, text: str, speaker: str, words: str
) -> None:
    found = holding(run(text, lang), words)
    assert [s.speaker_id for s in found] == [speaker]
