"""The regression corpus (``tests/fixtures/extraction_regression``): the error classes of issue 8.

A development corpus written by us (rules are tuned on it; it is not held out): 80+ short
wire-style articles in id/en/es/fr, each tagged with the error classes it exercises (see
``CLASSES`` in ``bench/eval_extraction.py`` and ``docs/annotation.md``), about a quarter hard
negatives, some with ``must_not`` items (a wrong reading the text must not yield).

The extractor test keeps per-class floors at the figures measured when the corpus landed (see
the corpus ``README.md``): raise them when a class improves, never lower them to land a change.
Figures: ``bench/eval_extraction.py --corpus regression --by-class-language``.
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
REGRESSION = ROOT / "tests" / "fixtures" / "extraction_regression"
OTHERS = sorted(p for p in (ROOT / "tests" / "fixtures").glob("extraction*") if p.is_dir() and p != REGRESSION)
LANGS = {"id", "en", "es", "fr"}
ISSUE_CLASSES = [
    "unknown_person",
    "speaks_for",
    "pronoun",
    "split_quote",
    "indirect",
    "act",
    "stance",
    "condition",
    "target",
    "duplicate",
]

ev = load_eval()
FIXTURES = ev.load_fixtures(root=REGRESSION)

# Floors at the figures measured on main (truncated to two decimals, minus 0.01; since 2026-11-30 session 2
# on 96 articles: the 8 class 1/2 articles added then lowered id/unknown_person a little): speaker and
# relation F1 overall, per language and per class, the figure each class is about, and ceilings
# on the error counts. Comments give the baseline of 2026-11-30 (extractor of main 94d3bde, see
# tests/fixtures/extraction_regression/README.md); floors only go up: raise one when a class
# improves (run this test with -s to print the figures).
F1_FLOORS: dict[str, tuple[float, float]] = {  # row: (speaker F1, relation F1)
    "overall": (0.89, 0.70),  # baseline 0.6682 / 0.4501
    "en": (0.87, 0.71),  # baseline 0.6667 / 0.4386
    "es": (0.91, 0.64),  # baseline 0.7500 / 0.4615
    "fr": (0.86, 0.69),  # baseline 0.7207 / 0.5045
    "id": (0.91, 0.77),  # baseline 0.5294 / 0.3922
    "unknown_person": (0.94, 0.74),  # baseline 0.6788 / 0.4606
    "speaks_for": (0.87, 0.67),  # baseline 0.6667 / 0.4181
    "pronoun": (0.91, 0.63),  # baseline 0.6400 / 0.3600
    "split_quote": (0.94, 0.56),  # baseline 0.4878 / 0.2927
    "indirect": (0.86, 0.55),  # baseline 0.6466 / 0.3308
    "act": (0.90, 0.90),  # baseline 0.6562 / 0.6250
    "stance": (0.88, 0.59),  # baseline 0.7250 / 0.2750
    "condition": (0.89, 0.68),  # baseline 0.6154 / 0.3590
    "target": (0.83, 0.69),  # baseline 0.5429 / 0.3714
    "duplicate": (0.87, 0.77),  # baseline 0.6617 / 0.5564
    "verbal_event": (0.93, 0.93),  # baseline 0.6207 / 0.5517
}
CLASS_FLOORS: dict[tuple[str, str], float] = {  # (class, level): F1
    ("unknown_person", "person"): 0.88,  # baseline 0.5576: the exact person, not only the state
    ("speaks_for", "person"): 0.75,  # baseline 0.4972
    ("target", "target"): 0.60,  # baseline 0.2222
    ("condition", "condition"): 0.92,  # baseline 0.6667; 0.8293 with "si" clause markers (caa3787+)
}
MAX_COUNTS = {  # overall ceilings (baseline: inversions 3, wrong 23, forbidden 8, hnFP 10; unlinked duplicates 17 when first measured)
    "inversions": 0,  # 1 until class 5 (4acf4ee): the French two-acts sentence no longer inverts
    "wrong_attributions": 6,  # 17 before class 1 (2026-11-30 session 2)
    "forbidden": 3,  # 7, +1 when the Norway headline joined its must_not item; 4 -> 3 when class 3 read its
    # "It Offered" as what Norway denies
    "hard_negative_fp": 6,  # 10 until class 6 (a demonym qualifying a private role is no state)
    "unlinked_duplicates": 8,  # reports of one act (headline, caption, lead) not linked into one claim (18 before the headline-lead gates of graph.claims.repeat_gate)
}


ISSUE_FLOORS: dict[tuple[str, str], float] = {  # (language or overall, measure): the issue's own figures
    # unknown-name recall: gold speakers the gazetteer does not know, named as the exact person at the
    # statement's evidence (2026-11-30 session start: overall 0.59, id 0.35 — the hidden corpora said 0.36)
    ("overall", "unknown_name_recall"): 0.89,
    ("id", "unknown_name_recall"): 0.94,
    # Indonesian direct quotes (session start: recall 0.70, precision 1.00, right person 0.40)
    ("id", "quote_recall"): 0.89,  # 0.80 before class 4 (split quotes, continuations)
    ("id", "quote_precision"): 0.95,
    ("id", "quote_right_person"): 0.89,
}


def _issue_measure(s: dict[str, Any], measure: str) -> float:
    if measure == "unknown_name_recall":
        return float(s["unknown_name_recall"] or 0.0)
    return float(s["quotes"][measure.removeprefix("quote_")] or 0.0)


def _statement_classes(fx: Any) -> list[frozenset[str]]:
    return [g.classes or fx.classes for g in fx.gold] + [m.classes or fx.classes for m in fx.must_not]


# ------------------------------------------------------------------------------------------ corpus


def test_corpus_size_languages_and_hard_negatives() -> None:
    per_lang = Counter(f.lang for f in FIXTURES)
    assert set(per_lang) == LANGS
    assert len(FIXTURES) >= 80
    assert all(n >= 20 for n in per_lang.values()), per_lang
    negatives = Counter(f.lang for f in FIXTURES if "hard_negative" in f.classes)
    for lang, n in per_lang.items():
        assert 0.2 <= negatives[lang] / n <= 0.35, (lang, negatives[lang], n)
    assert len({f.id for f in FIXTURES}) == len(FIXTURES)
    assert len({f.url for f in FIXTURES}) == len(FIXTURES)


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_class_of_the_issue_is_exercised_in_every_language(lang: str) -> None:
    """Each class has at least three gold or must_not items per language, in two articles or more."""
    items: Counter[str] = Counter()
    articles: Counter[str] = Counter()
    for fx in (f for f in FIXTURES if f.lang == lang):
        tagged = _statement_classes(fx)
        items.update(c for cs in tagged for c in cs)
        articles.update({c for cs in tagged for c in cs})
    for cls in ISSUE_CLASSES:
        assert items[cls] >= 3 and articles[cls] >= 2, (lang, cls, items[cls], articles[cls])
    if lang == "en":
        assert items["verbal_event"] >= 15


def test_hard_negatives_yield_nothing_or_carry_must_not_items() -> None:
    for fx in FIXTURES:
        if "hard_negative" in fx.classes:
            assert not fx.gold or any("hard_negative" in (m.classes or fx.classes) for m in fx.must_not), fx.id


def test_corpus_is_disjoint_from_the_other_corpora() -> None:
    others = [f for root in OTHERS for f in ev.load_fixtures(root=root)]
    assert not {f.id for f in others} & {f.id for f in FIXTURES}
    assert not {f.url for f in others} & {f.url for f in FIXTURES}
    seen = {s.strip() for f in others for s in re.split(r"(?<=[.!?])\s+", f.text) if len(s) > 40}
    for fx in FIXTURES:
        shared = [s for s in re.split(r"(?<=[.!?])\s+", fx.text) if s.strip() in seen]
        assert not shared, (fx.id, shared[:1])


@pytest.mark.parametrize("fx", FIXTURES, ids=[f.id for f in FIXTURES])
def test_fixture_is_well_formed(fx: Any) -> None:
    assert fx.lang == fx.path.parent.name
    assert fx.id == f"{fx.lang}-{fx.path.stem}"
    assert fx.classes, "every article says which classes it exercises"
    body = fx.text.split("\n\n", 1)[1]
    sentences = len(re.findall(r"[.!?…][\"”»“’)]*(?:\s|$)", body))
    assert 2 <= sentences <= 12, sentences
    raw = json.loads(fx.path.read_text(encoding="utf-8"))
    assert set(raw) <= {"id", "lang", "title", "outlet", "url", "published", "classes", "text", "statements",
                        "must_not", "notes"}  # fmt: skip
    assert raw["notes"], "every article says what it tests"
    assert datetime.fromisoformat(raw["published"]).utcoffset() is not None
    published = fx.published.date()
    for g, s in zip(fx.gold, raw["statements"], strict=True):
        assert g.classes, "every gold statement names its classes"
        assert s["cue"] is None or s["cue"] in fx.text
        assert s["cue"] is not None or g.direct, "only a quote continuation has no cue"
        assert g.direct is not None and g.date is not None
        assert all(g.on_behalf_of not in t for t in g.targets), "a statement does not target its own speaker"
        day = date.fromisoformat(g.date if len(g.date) == 10 else g.date + "-01")
        assert (published - day).days <= 31 and day <= published, g.date


# ------------------------------------------------------------------------------------------ oracle


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
                conditions=["(oracle)"] if g.conditional else [],
                date=date.fromisoformat(g.date if len(g.date or "") == 10 else fx.published.date().isoformat()),
                via_id=g.via,
                sentence=evidence,
                sentence_span=Span(start=start, end=end, text=evidence),
                confidence=1.0,
            )
        )
    return out


def test_oracle_scores_one_and_breaks_no_must_not_item() -> None:
    """The annotations are consistent with the matcher and with their own must_not items."""
    evaluation = ev.evaluate(extractor=_oracle, root=REGRESSION)
    report = evaluation.report()
    for name, s in [("overall", report["overall"]), *report["by_class"].items()]:
        for level in ("speaker", "person", "relation", "target", "condition"):
            if name != "hard_negative":
                assert s[level]["f1"] == 1.0, (name, level, s[level])
        assert s["inversions"] == s["wrong_attributions"] == s["forbidden"]["violated"] == 0, name
        assert s["hard_negative_fp"] == 0
    assert report["overall"]["accuracy_on_matched"]["via"] == 1.0
    assert report["overall"]["accuracy_on_matched"]["date"] == 1.0


# ------------------------------------------------------------------------------------------ extractor


def test_extractor_holds_the_regression_floors() -> None:
    evaluation = ev.evaluate(root=REGRESSION)
    assert not evaluation.errors, f"extract raised: {sorted(set(evaluation.errors.values()))[:3]}"
    assert evaluation.seconds < 60
    report = evaluation.report()
    rows = {"overall": report["overall"], **report["by_class"]}
    for name, s in rows.items():
        print(
            f"regression {name:<15} speaker F1 {s['speaker']['f1']:.2f} person F1 {s['person']['f1']:.2f} "
            f"relation P {s['relation']['p']:.2f} R {s['relation']['r']:.2f} F1 {s['relation']['f1']:.2f} "
            f"| inv {s['inversions']} wrong {s['wrong_attributions']} forbidden {s['forbidden']['violated']}"
        )
    rows.update(report["by_language"])
    failures: list[tuple[Any, ...]] = []
    for name, (speaker, relation) in F1_FLOORS.items():
        s = rows[name]
        if s["speaker"]["f1"] < speaker or s["relation"]["f1"] < relation:
            failures.append((name, s["speaker"]["f1"], s["relation"]["f1"], "floors", (speaker, relation)))
    for (name, level), floor in CLASS_FLOORS.items():
        if rows[name][level]["f1"] < floor:
            failures.append((name, level, rows[name][level]["f1"], "floor", floor))
    for (name, measure), floor in ISSUE_FLOORS.items():
        value = _issue_measure(rows[name], measure)
        if value < floor:
            failures.append((name, measure, value, "floor", floor))
    s = report["overall"]
    counts = {
        "inversions": s["inversions"],
        "wrong_attributions": s["wrong_attributions"],
        "forbidden": s["forbidden"]["violated"],
        "hard_negative_fp": s["hard_negative_fp"],
        "unlinked_duplicates": s["unlinked_duplicates"],
    }
    failures += [(k, v, "ceiling", MAX_COUNTS[k]) for k, v in counts.items() if v > MAX_COUNTS[k]]
    assert not failures, failures
