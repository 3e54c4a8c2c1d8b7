"""The seed article end to end: the eight facts of the issue, extracted from the loaded article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.model import Article, IngestBatch, Statement, TargetRole
from loaders.extract import extract

SEED = Path(__file__).resolve().parent.parent / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"
ISF = "gaza-international-stabilization-force"


@pytest.fixture(scope="module")
def batch() -> IngestBatch:
    from loaders.intake import load_path

    article = load_path(SEED)[0]
    return extract(article)


def _find(batch: IngestBatch, words: str) -> Statement:
    hits = [s for s in batch.statements if words in s.content]
    assert hits, f"no statement whose content holds {words!r}: {[s.content for s in batch.statements]}"
    return hits[0]


def test_article_metadata(batch: IngestBatch) -> None:
    assert batch.article.outlet_id == "pars-today"
    assert batch.article.language == "id"
    ids = {a.id for a in batch.actors}
    assert {"ilham-aliyev", "azerbaijan", "recep-tayyip-erdogan", "turkey", "isna", "bloomberg", ISF} <= ids
    aliyev = next(a for a in batch.actors if a.id == "ilham-aliyev")
    assert aliyev.aliases, "actors carry their gazetteer aliases"
    assert any(r.person_id == "ilham-aliyev" and r.org_id == "azerbaijan" for r in batch.roles)
    assert any(r.person_id == "recep-tayyip-erdogan" and r.org_id == "turkey" for r in batch.roles)


def test_fact1_aliyev_declines_peacekeepers_via_isna(batch: IngestBatch) -> None:
    st = _find(batch, "tidak berniat mengirim unit pasukannya")
    assert (st.speaker_id, st.on_behalf_of_id, st.relation.value) == ("ilham-aliyev", "azerbaijan", "declines")
    assert (st.cameo, st.plover, st.quad_class) == ("1224", "REJECT", 3)
    assert st.via_id == "isna"
    assert ISF in st.target_ids()
    assert st.speaker_mention == "Presiden Azerbaijan"  # title-only mention resolved to the person
    assert st.negated


def test_fact2_consults_united_states(batch: IngestBatch) -> None:
    st = _find(batch, "telah berhubungan dengan pemerintahan AS")
    assert (st.speaker_id, st.relation.value, st.via_id) == ("ilham-aliyev", "consults", "isna")
    assert st.cameo == "040"
    assert st.target_ids() == ["united-states"]
    assert st.cue == "menjelaskan" and not st.direct


def test_fact3_questionnaire_quote_spans_two_sentences(batch: IngestBatch) -> None:
    st = _find(batch, "Kami telah menyiapkan kuesioner")
    assert st.direct and st.speaker_id == "ilham-aliyev" and st.cue == "ujar"
    assert "Kemungkinan besar kami tidak akan berpartisipasi" in st.content  # the quote spans two sentences
    assert st.relation.value == "consults" and st.target_ids() == ["united-states"]  # handed to the US side
    assert st.speaker_mention == "Presiden Azerbaijan"


def test_fact4_no_combat_operation_abroad(batch: IngestBatch) -> None:
    st = _find(batch, "Saya tidak mempertimbangkan")
    assert (st.speaker_id, st.relation.value, st.cue, st.direct) == ("ilham-aliyev", "declines", "menambahkan", True)


def test_fact5_anonymous_source_condition(batch: IngestBatch) -> None:
    st = _find(batch, "tidak akan menyediakan pasukan")
    assert (st.speaker_id, st.on_behalf_of_id) == ("azerbaijan", "azerbaijan")
    assert st.speaker_mention == "Sebuah sumber di pemerintahan Azerbaijan"
    assert st.relation.value == "declines" and st.cameo == "1224"
    assert st.conditions and st.conditions[0].startswith("kecuali gencatan senjata penuh")
    assert (st.date, st.date_source) == (date(2025, 11, 1), "text")
    mentioned = set(st.target_ids(TargetRole.mentioned))
    assert {"israel", "hamas"} <= mentioned
    assert ISF in st.target_ids()
    named = next(s for s in batch.statements if s.speaker_id == "ilham-aliyev" and s.cue == "menjelaskan")
    assert st.confidence < named.confidence  # an unnamed source is less certain


def test_fact6_erdogan_monday_bloomberg(batch: IngestBatch) -> None:
    st = _find(batch, "keberhasilan pasukan stabilisasi internasional")
    assert (st.speaker_id, st.on_behalf_of_id) == ("recep-tayyip-erdogan", "turkey")
    assert (st.date, st.date_source) == (date(2026, 1, 5), "text")  # not the declaration's 13 Oktober 2025
    assert st.via_id == "bloomberg"
    assert ISF in st.target_ids()


def test_fact7_mechanism_without_turkey(batch: IngestBatch) -> None:
    st = _find(batch, "Sulit bagi mekanisme")
    assert (st.speaker_id, st.relation.value, st.direct) == ("recep-tayyip-erdogan", "claims_role", True)
    assert st.cue == "tambahnya" and st.via_id == "bloomberg"


def test_fact8_turkey_key_player(batch: IngestBatch) -> None:
    st = _find(batch, "Turki adalah pemain kunci")
    assert (st.speaker_id, st.on_behalf_of_id, st.relation.value) == ("recep-tayyip-erdogan", "turkey", "claims_role")
    assert st.speaker_mention == "Ia"
    assert st.target_ids() == [ISF]
    assert {"israel", "palestine", "nato"} <= set(st.target_ids(TargetRole.mentioned))
    assert "turkey" not in st.target_ids(None)  # the speaker's own state is not a target
    assert (st.via_id, st.date) == ("bloomberg", date(2026, 1, 5))
    assert st.conditions == []
    by_name = _find(batch, "Saya tidak mempertimbangkan")  # a direct quote with a named speaker
    assert st.confidence < by_name.confidence  # pronoun attribution is less certain


def test_spans_and_ids(batch: IngestBatch) -> None:
    text = batch.article.text
    for st in batch.statements:
        for span in (st.speaker_span, st.cue_span, st.content_span, st.sentence_span):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert st.content_span is not None
        assert st.id == Statement.make_id(batch.article.id, st.content_span.start, st.content_span.end)
    again = extract(Article.model_validate(batch.article.model_dump()))
    assert [s.id for s in again.statements] == [s.id for s in batch.statements]
