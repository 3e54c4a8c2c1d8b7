"""The second development corpus (``tests/fixtures/extraction_dev2``): wire-style id/en articles.

It was written separately from the first development corpus (``tests/fixtures/extraction``), in
the style of wire copy (datelines, long title chains, surname and pronoun chains, split quotes,
police/company/NGO/analyst/citizen speakers, hard negatives). It is *not* held out: rules and tests
have been written while reading it, so its figures are development figures, not a measure of
generalisation. Its conventions are those of ``docs/annotation.md`` plus the additions listed in
the corpus ``README.md``.

The extractor test asserts only *floors* that catch regressions; the figures themselves are
printed (run with ``-s``) and by ``bench/eval_extraction.py --corpus tests/fixtures/extraction_dev2``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from support.eval_module import load_eval

from graph.model import Article, Relation, Span, Statement, Target
from graph.relations import codes_for

ROOT = Path(__file__).resolve().parent.parent
DEV2 = ROOT / "tests" / "fixtures" / "extraction_dev2"
DEV = ROOT / "tests" / "fixtures" / "extraction"


ev = load_eval()
FIXTURES = ev.load_fixtures(root=DEV2)

# Floors: about 80% of what the extractor reached when the corpus was finished, rounded down
# (speaker P is fixed at 0.70). Measured on 2026-11-25 at commit 462e875 (42 articles, 188 gold):
#   overall  speaker P 0.78 R 0.38 F1 0.51 | relation P 0.46 R 0.22 F1 0.30 | target P 0.63 R 0.12 F1 0.20
#   id       speaker P 0.77 R 0.39 F1 0.51 | relation P 0.54 R 0.27 F1 0.36 | target P 0.62 R 0.17 F1 0.27
#   en       speaker P 0.79 R 0.37 F1 0.50 | relation P 0.37 R 0.17 F1 0.24 | target P 0.67 R 0.07 F1 0.13
#   predictions on hard negatives: 4 (id 2, en 2); attribution-error rate 0.21
#   (development corpus at the same commit: speaker F1 0.88, relation F1 0.72, target F1 0.57, 0 hnFP)
FLOORS = {
    ("speaker", "p"): 0.70,
    ("speaker", "r"): 0.30,
    ("relation", "p"): 0.36,
    ("relation", "r"): 0.17,
    ("target", "p"): 0.50,
    ("target", "r"): 0.09,
}
MAX_HARD_NEGATIVE_FP = 6  # measured 4


# ------------------------------------------------------------------------------------------ corpus


def test_corpus_size_languages_and_hard_negatives() -> None:
    per_lang = Counter(f.lang for f in FIXTURES)
    assert set(per_lang) == {"id", "en"}
    assert all(n >= 15 for n in per_lang.values()), per_lang
    negatives = Counter(f.lang for f in FIXTURES if not f.gold)
    for lang, n in per_lang.items():
        assert 0.2 <= negatives[lang] / n <= 0.35, (lang, negatives[lang], n)
    assert sum(len(f.gold) for f in FIXTURES) >= 120
    assert len({f.id for f in FIXTURES}) == len(FIXTURES)
    assert len({f.url for f in FIXTURES}) == len(FIXTURES)


def test_dev2_is_disjoint_from_the_first_development_corpus() -> None:
    dev = ev.load_fixtures(root=DEV)
    assert not {f.id for f in dev} & {f.id for f in FIXTURES}
    assert not {f.url for f in dev} & {f.url for f in FIXTURES}
    assert not {f.title for f in dev} & {f.title for f in FIXTURES}
    dev_sentences = {s.strip() for f in dev for s in re.split(r"(?<=[.!?])\s+", f.text) if len(s) > 40}
    for fx in FIXTURES:
        shared = [s for s in re.split(r"(?<=[.!?])\s+", fx.text) if s.strip() in dev_sentences]
        assert not shared, (fx.id, shared[:1])


@pytest.mark.parametrize("fx", FIXTURES, ids=[f.id for f in FIXTURES])
def test_fixture_is_well_formed(fx: Any) -> None:
    assert fx.lang == fx.path.parent.name
    assert fx.id == f"{fx.lang}-{fx.path.stem}"
    body = fx.text.split("\n\n", 1)[1]
    sentences = len(re.findall(r"[.!?…][\"”»“’)]*(?:\s|$)", body))
    assert 5 <= sentences <= 15, sentences
    assert fx.raw.get("notes"), "every article says what it tests"
    published = fx.published.date()
    for g, raw in zip(fx.gold, fx.raw["statements"], strict=True):
        assert raw["cue"] and raw["cue"] in fx.text
        assert all(g.on_behalf_of not in t for t in g.targets), "a statement does not target its own speaker"
        assert g.direct is not None
        assert g.date is not None
        day = date.fromisoformat(g.date if len(g.date) == 10 else g.date + "-01")
        assert (published - day).days <= 31 and day <= published, g.date


def test_files_are_canonical_json() -> None:
    """Fixture files are UTF-8 JSON with the documented keys only (easy to diff and review)."""
    keys = {"id", "lang", "title", "outlet", "url", "published", "text", "statements", "notes"}
    for fx in FIXTURES:
        raw = json.loads(fx.path.read_text(encoding="utf-8"))
        assert set(raw) == keys, fx.id
        assert datetime.fromisoformat(raw["published"]).utcoffset() is not None


def _oracle(article: Article) -> list[Statement]:
    """Predict exactly the gold statements, each spanning its first evidence."""
    fx = next(f for f in FIXTURES if f.text == article.text)
    out = []
    for g in fx.gold:
        evidence = next(e for e in g.evidence if e in article.text)
        start = article.text.index(evidence)
        end = start + len(evidence)
        relation = Relation(sorted(g.relations)[0])
        codes = codes_for(relation)
        out.append(
            Statement(
                id=Statement.make_id(article.id, start, end),
                article_id=article.id,
                speaker_id=sorted(g.speakers)[0],
                speaker_mention=sorted(g.speakers)[0],
                on_behalf_of_id=g.on_behalf_of,
                relation=relation,
                cameo=codes.cameo,
                plover=codes.plover,
                quad_class=codes.quad_class,
                goldstein=codes.goldstein,
                targets=[Target(actor_id=sorted(t)[-1]) for t in g.targets],
                content=evidence,
                direct=bool(g.direct),
                date=date.fromisoformat(g.date if len(g.date or "") == 10 else fx.published.date().isoformat()),
                via_id=g.via,
                sentence=evidence,
                sentence_span=Span(start=start, end=end, text=evidence),
                confidence=1.0,
            )
        )
    return out


def test_oracle_scores_one_on_dev2() -> None:
    """The annotations are consistent with the matcher: a perfect extractor scores 1.0."""
    s = ev.evaluate(extractor=_oracle, root=DEV2).scores()
    assert s["speaker"]["f1"] == s["relation"]["f1"] == s["target"]["f1"] == 1.0
    assert s["hard_negative_fp"] == 0
    assert s["accuracy_on_matched"]["via"] == 1.0


# ------------------------------------------------------------------------------------------ CLI


def test_cli_corpus_option_evaluates_the_given_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--corpus", str(DEV2), "--lang", "en", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["by_language"]) == {"en"}
    assert report["overall"]["counts"]["articles"] == sum(1 for f in FIXTURES if f.lang == "en")


def test_cli_corpus_option_rejects_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert ev.main(["--corpus", str(missing)]) == 2
    assert str(missing) in capsys.readouterr().err
    assert ev.main(["--corpus", str(tmp_path)]) == 2  # a folder without fixtures


# ------------------------------------------------------------------------------------------ extractor


def test_extractor_holds_the_dev2_floors() -> None:
    evaluation = ev.evaluate(root=DEV2)
    assert not evaluation.errors, f"extract raised: {sorted(set(evaluation.errors.values()))[:3]}"
    report = evaluation.report()
    rows = {"overall": report["overall"], **report["by_language"]}
    for name, s in rows.items():
        print(
            f"dev2 {name:<8} "
            + " | ".join(
                f"{lvl} P {s[lvl]['p']:.2f} R {s[lvl]['r']:.2f} F1 {s[lvl]['f1']:.2f}"
                for lvl in ("speaker", "relation", "target")
            )
            + f" | hnFP {s['hard_negative_fp']}"
        )
    s = report["overall"]
    summary = {k: s[k] for k in ("speaker", "relation", "target", "hard_negative_fp")}
    for (level, metric), floor in FLOORS.items():
        assert s[level][metric] >= floor, (level, metric, summary)
    assert s["hard_negative_fp"] <= MAX_HARD_NEGATIVE_FP, summary
