"""Evaluate ``loaders.extract.extract`` against annotated corpora (``tests/fixtures/extraction*``).

Usage::

    .venv/bin/python bench/eval_extraction.py [--corpus dev|dev2|regression|PATH ...] [--all]
                                              [--lang id] [--verbose] [--json]

Corpora (all development corpora: rules are tuned on what we have read):

- ``dev`` — ``tests/fixtures/extraction`` (84 articles id/en/es/fr/ru/ar, the default);
- ``dev2`` — ``tests/fixtures/extraction_dev2`` (42 wire-style articles id/en, once called held out);
- ``regression`` — ``tests/fixtures/extraction_regression`` (80+ articles id/en/es/fr, each tagged
  with the error classes of issue 8 it exercises, see :data:`CLASSES`).

Every fixture is one article with gold statements (see ``docs/annotation.md``). For each
article the predicted statements are matched one-to-one to the gold ones: a prediction can
match a gold statement when its sentence or content span contains the gold ``evidence``
(any of the alternatives) and the speakers agree (predicted speaker in the acceptable list,
or the gold ``on_behalf_of`` state/organisation equals the predicted speaker or on-behalf-of).
Matching is greedy, preferring pairs that also agree on relation, then exact speaker, then
target overlap. Scores are precision/recall/F1 at these levels:

- speaker: matched pairs;
- person: matched pairs whose speaker is exactly an acceptable one (not only its state);
- relation: matched pairs whose relation is acceptable;
- target: micro over target ids (role ``target`` only) of relation-level pairs; targets of
  unmatched predictions are false positives, of unmatched gold statements false negatives;
- condition: over matched pairs, gold ``conditional`` vs a predicted condition.

It also counts the predictions made on hard-negative articles (no gold statement), the
attribution-error rate (gold statements whose sentence was extracted but not with an acceptable
speaker), **wrong attributions** (predictions, not matched, at a gold statement's evidence with a
speaker that gold does not accept), **stance inversions** (matched pairs whose predicted relation
has the opposite polarity of the gold one, see :func:`polarity`: commits↔declines,
supports↔criticizes, agrees↔demands, appeals→demands …), **forbidden** predictions (a
``must_not`` item of the fixture that a prediction realises) and duplicates (extra predictions of
one speaker act at its alternative evidences; neither hits nor false positives), with how many of
them the claim grouping (:mod:`graph.claims`) links to the matched report — an unlinked duplicate
is an act counted twice. Over matched
pairs it reports the accuracy of exact speaker, network source (on-behalf-of, else speaker),
direct/indirect, via agency, date and condition detection.

Fixtures may carry ``classes`` (article level, optionally narrowed per gold statement): scores are
then also given per class. A class's gold set is the gold statements tagged with it (a statement
without its own ``classes`` takes the article's); its predictions are the ones matched to that
gold set plus every unmatched prediction of an article tagged with the class.

The matching is importable (:func:`match_article`, :func:`score`) so tests can check it.
The script exits 0 (2 for unreadable fixtures or an unknown language/corpus); figures are for
humans and tests.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extraction"
CORPORA: dict[str, Path] = {
    "dev": FIXTURES,
    "dev2": ROOT / "tests" / "fixtures" / "extraction_dev2",
    "regression": ROOT / "tests" / "fixtures" / "extraction_regression",
}

if str(ROOT) not in sys.path:  # running as a script from anywhere
    sys.path.insert(0, str(ROOT))

from graph.errors import InputError  # noqa: E402
from graph.model import Article, Relation, Statement, TargetRole  # noqa: E402
from graph.relations import codes_for, stance_of  # noqa: E402

_RELATIONS = {r.value for r in Relation}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,199}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")

# The error classes of issue 8 (and the English verbal-event list), as fixture tags.
CLASSES: dict[str, str] = {
    "unknown_person": "1 people the gazetteer does not know: common-word and single names, name "
    "boundaries (weekday, date, place, title), surname back-references",
    "speaks_for": "2 who an unknown person speaks for: title with state, 'X, a Hamas spokesman', "
    "'X of the Palestinian Authority', anonymous officials with affiliation, via outlet",
    "pronoun": "3 pronouns and cue-only attributions ('he said', 'ujarnya', 'añadió')",
    "split_quote": "4 split quotes: one speaker for both parts, continuations never to another speaker",
    "indirect": "5 indirect speech: with/without 'that', 'accused Y of', 'praised Y as', partial quotes",
    "act": "6 statements without a speech verb: endorse, back, welcome, condemn, call for, offer, pledge, "
    "seek guarantees, bar, only willing if, 'According to Reuters, X …'",
    "stance": "7 relations that keep the stance: conditional commitments, offers of troops, accepted "
    "demands, boycott unless, partnership calls, confirmed deployments",
    "condition": "8 conditions: unless, only if, provided that, kecuali, siempre que, sauf si …",
    "target": "9 targets: the initiative is a target, a co-mentioned country is not",
    "duplicate": "10 duplicates within one article: a headline or caption repeating a body statement",
    "verbal_event": "English verbal events: agree, demand, reject, threaten, accuse, support, consult, concede",
    "hard_negative": "text that must yield no statement, or not a particular wrong one (must_not)",
}


def polarity(relation: str) -> str:
    """``cooperative``, ``conflictual`` or ``neutral``: the side of a relation for stance inversions.

    The relation's stance (``graph/data/relations.csv``) decides; a neutral relation other than the
    fallback ``states`` takes the side of its CAMEO quad class (appeals 02 and consults 04 are verbal
    cooperation), so a call for partnership read as a demand counts as an inversion.

    Examples
    --------
    >>> polarity("commits"), polarity("declines"), polarity("appeals"), polarity("states")
    ('cooperative', 'conflictual', 'cooperative', 'neutral')
    """
    rel = Relation(relation)
    stance = stance_of(rel)
    if stance == "support":
        return "cooperative"
    if stance == "oppose":
        return "conflictual"
    if rel is Relation.states:
        return "neutral"
    return "cooperative" if codes_for(rel).quad_class <= 2 else "conflictual"


def inverted(gold_relations: Iterable[str], predicted: str) -> bool:
    """True when every acceptable gold relation sits on the side opposite to the predicted one.

    Examples
    --------
    >>> inverted({"commits"}, "declines"), inverted({"appeals"}, "demands"), inverted({"commits"}, "states")
    (True, True, False)
    """
    side = polarity(predicted)
    if side == "neutral":
        return False
    other = "conflictual" if side == "cooperative" else "cooperative"
    sides = {polarity(r) for r in gold_relations}
    return sides == {other}


def _ids(value: Any, name: str, source: str) -> list[str]:
    values = [value] if isinstance(value, str) else list(value or [])
    for v in values:
        if not isinstance(v, str) or not _ID_RE.match(v):
            raise InputError(f"bad {name} id {v!r}", source=source)
    return values


def _classes(value: Any, source: str) -> frozenset[str]:
    values = [value] if isinstance(value, str) else list(value or [])
    unknown = [v for v in values if v not in CLASSES]
    if unknown:
        raise InputError(f"unknown class tag(s) {unknown}; known: {sorted(CLASSES)}", source=source)
    return frozenset(values)


def _texts(value: Any, name: str, source: str) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else list(value or [])
    if not values or not all(isinstance(e, str) and e.strip() for e in values):
        raise InputError(f"{name} without evidence", source=source)
    return tuple(values)


def _relations(value: Any, source: str, required: bool = True) -> frozenset[str]:
    values = [value] if isinstance(value, str) else list(value or [])
    if (required and not values) or any(r not in _RELATIONS for r in values):
        raise InputError(f"bad relation {value!r}", source=source)
    return frozenset(values)


# --------------------------------------------------------------------------- gold and predictions


@dataclass(frozen=True)
class Gold:
    """One gold statement: who (acceptable ids), for whom, what relation, to whom, where."""

    speakers: frozenset[str]
    on_behalf_of: str | None
    relations: frozenset[str]
    targets: tuple[frozenset[str], ...]  # each gold target: its acceptable ids ("a|b" in the file)
    evidence: tuple[str, ...]
    direct: bool | None = None
    date: str | None = None
    via: str | None = None
    cue: str | None = None
    conditional: bool = False
    classes: frozenset[str] = frozenset()  # empty: the article's classes

    @classmethod
    def from_json(cls, d: dict[str, Any], source: str = "") -> Gold:
        speakers = _ids(d.get("speaker"), "speaker", source)
        if not speakers:
            raise InputError("gold statement without speaker", source=source)
        date = d.get("date")
        if date is not None and not _DATE_RE.match(date):
            raise InputError(f"bad date {date!r} (YYYY-MM-DD or YYYY-MM)", source=source)
        obo = _ids(d.get("on_behalf_of"), "on_behalf_of", source)
        via = _ids(d.get("via"), "via", source)
        return cls(
            speakers=frozenset(speakers),
            on_behalf_of=obo[0] if obo else None,
            relations=_relations(d.get("relation"), source),
            targets=tuple(
                frozenset(_ids(t.split("|"), "target", source)) for t in d.get("targets") or [] if isinstance(t, str)
            ),
            evidence=_texts(d.get("evidence"), "gold statement", source),
            direct=d.get("direct"),
            date=date,
            via=via[0] if via else None,
            cue=d.get("cue"),
            conditional=bool(d.get("conditional", False)),
            classes=_classes(d.get("classes"), source),
        )


@dataclass(frozen=True)
class MustNot:
    """A prediction the text must not yield: at ``evidence``, with every constraint given.

    No constraint means no statement at all there; ``speakers`` forbids a speaker (or on-behalf-of)
    there, ``relations`` a relation (a stance inversion), ``targets`` a target id (a co-mentioned
    country). Constraints combine with *and*.
    """

    evidence: tuple[str, ...]
    speakers: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()  # empty: the article's classes

    @classmethod
    def from_json(cls, d: dict[str, Any], source: str = "") -> MustNot:
        return cls(
            evidence=_texts(d.get("evidence"), "must_not item", source),
            speakers=frozenset(_ids(d.get("speaker"), "speaker", source)),
            relations=_relations(d.get("relation"), source, required=False),
            targets=frozenset(_ids(d.get("targets"), "target", source)),
            classes=_classes(d.get("classes"), source),
        )

    def violated_by(self, pred: Pred, text: str) -> bool:
        if not located_at(pred, self.evidence, text):
            return False
        if self.speakers and not ({pred.speaker_id, pred.on_behalf_of_id} & self.speakers):
            return False
        if self.relations and pred.relation not in self.relations:
            return False
        return not self.targets or bool(pred.targets & self.targets)


@dataclass(frozen=True)
class Pred:
    """The parts of a predicted :class:`graph.model.Statement` the evaluation looks at."""

    speaker_id: str | None
    on_behalf_of_id: str | None
    relation: str
    targets: frozenset[str] = frozenset()
    spans: tuple[tuple[int, int], ...] = ()
    texts: tuple[str, ...] = ()
    direct: bool | None = None
    date: str | None = None
    via_id: str | None = None
    conditional: bool = False
    claim: str | None = None  # the claim the report was grouped into (graph.claims), when known

    @classmethod
    def from_statement(cls, st: Statement, claim: str | None = None) -> Pred:
        spans = [(s.start, s.end) for s in (st.sentence_span, st.content_span) if s is not None]
        if len(spans) == 2:  # a quote may run over several sentences: also accept the hull
            spans.append((min(a for a, _ in spans), max(b for _, b in spans)))
        return cls(
            speaker_id=st.speaker_id,
            on_behalf_of_id=st.on_behalf_of_id,
            relation=str(st.relation.value if isinstance(st.relation, Relation) else st.relation),
            targets=frozenset(st.target_ids(TargetRole.target)),
            spans=tuple(spans),
            texts=tuple(t for t in (st.sentence, st.content) if t),
            direct=st.direct,
            date=st.date.isoformat(),
            via_id=st.via_id,
            conditional=bool(st.conditions),
            claim=claim,
        )


def _evidence_regex(evidence: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(tok) for tok in evidence.split()))


def _squash(text: str) -> str:
    return " ".join(text.split())


def located_at(pred: Pred, evidence: Sequence[str], text: str) -> bool:
    """True when the prediction's sentence/content span (or text) contains one of the evidences."""
    for ev in evidence:
        for m in _evidence_regex(ev).finditer(text):
            if any(a <= m.start() and m.end() <= b for a, b in pred.spans):
                return True
        if any(_squash(ev) in _squash(t) for t in pred.texts):
            return True
    return False


def located(pred: Pred, gold: Gold, text: str) -> bool:
    """True when the prediction's sentence/content span (or text) contains one of the gold evidences."""
    return located_at(pred, gold.evidence, text)


def speaker_ok(pred: Pred, gold: Gold) -> bool:
    """Predicted speaker acceptable, or the gold on-behalf-of actor is the predicted source."""
    if pred.speaker_id in gold.speakers:
        return True
    return gold.on_behalf_of is not None and gold.on_behalf_of in {pred.speaker_id, pred.on_behalf_of_id}


def source_ok(pred: Pred, gold: Gold) -> bool:
    """The actor at the source of the network edge (on-behalf-of, else speaker) agrees."""
    predicted = pred.on_behalf_of_id or pred.speaker_id
    expected = {gold.on_behalf_of} if gold.on_behalf_of else set(gold.speakers)
    return predicted in expected


def target_hits(pred: Pred, gold: Gold) -> int:
    """How many gold targets the prediction names (each gold target and predicted id used once)."""
    free = set(pred.targets)
    hits = 0
    for alternatives in gold.targets:
        found = sorted(alternatives & free)
        if found:
            free.discard(found[0])
            hits += 1
    return hits


@cache
def _gazetteer_ids() -> frozenset[str]:
    from loaders.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    return frozenset(a.id for a in gaz.actors())


def unknown_speaker(gold: Gold) -> bool:
    """Is the gold speaker someone the gazetteer does not know (the issue's "unknown name")?

    None of the acceptable speaker ids is a gazetteer actor and the speaker is not the state or
    organisation it speaks for (an unknown person, not an unknown ministry speaking for itself).
    """
    known = _gazetteer_ids()
    return not (gold.speakers & known) and gold.on_behalf_of not in gold.speakers


def date_ok(pred: Pred, gold: Gold) -> bool:
    return gold.date is None or (pred.date is not None and pred.date.startswith(gold.date))


# --------------------------------------------------------------------------- counts and scores


@dataclass
class Counts:
    """Additive counts; :meth:`scores` turns them into precision/recall/F1 and accuracies."""

    articles: int = 0
    gold: int = 0
    pred: int = 0
    speaker_tp: int = 0
    person_tp: int = 0
    relation_tp: int = 0
    target_tp: int = 0
    target_fp: int = 0
    target_fn: int = 0
    condition_tp: int = 0
    condition_fp: int = 0
    condition_fn: int = 0
    located_gold: int = 0
    attribution_errors: int = 0
    wrong_attributions: int = 0
    inversions: int = 0
    forbidden: int = 0
    forbidden_items: int = 0
    forgiven_duplicates: int = 0
    linked_duplicates: int = 0
    hard_negative_articles: int = 0
    hard_negative_fp: int = 0
    speaker_exact: int = 0
    source_ok: int = 0
    direct_ok: int = 0
    direct_n: int = 0
    via_ok: int = 0
    date_ok: int = 0
    conditional_ok: int = 0
    unknown_gold: int = 0
    unknown_found: int = 0
    quote_gold: int = 0
    quote_found: int = 0
    quote_right_person: int = 0
    quote_pred: int = 0
    quote_pred_ok: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{k: v + getattr(other, k) for k, v in asdict(self).items()})

    def scores(self) -> dict[str, Any]:
        def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
            p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
            r = tp / n_gold if n_gold else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}

        def acc(ok: int, n: int) -> float | None:
            return round(ok / n, 4) if n else None

        m = self.speaker_tp
        return {
            "speaker": prf(self.speaker_tp, self.pred, self.gold),
            "person": prf(self.person_tp, self.pred, self.gold),
            "relation": prf(self.relation_tp, self.pred, self.gold),
            "target": prf(self.target_tp, self.target_tp + self.target_fp, self.target_tp + self.target_fn),
            "condition": prf(
                self.condition_tp, self.condition_tp + self.condition_fp, self.condition_tp + self.condition_fn
            ),
            "attribution_error_rate": acc(self.attribution_errors, self.located_gold),
            "wrong_attributions": self.wrong_attributions,
            "inversions": self.inversions,
            "forbidden": {"violated": self.forbidden, "items": self.forbidden_items},
            "duplicates": self.forgiven_duplicates,
            "unlinked_duplicates": self.forgiven_duplicates - self.linked_duplicates,
            "hard_negative_fp": self.hard_negative_fp,
            # the issue's own measures: speakers the gazetteer does not know, and direct quotes
            "unknown_name_recall": acc(self.unknown_found, self.unknown_gold),
            "quotes": {
                "recall": acc(self.quote_found, self.quote_gold),
                "precision": acc(self.quote_pred_ok, self.quote_pred),
                "right_person": acc(self.quote_right_person, self.quote_gold),
            },
            "accuracy_on_matched": {
                "speaker_exact": acc(self.speaker_exact, m),
                "source": acc(self.source_ok, m),
                "direct": acc(self.direct_ok, self.direct_n),
                "via": acc(self.via_ok, m),
                "date": acc(self.date_ok, m),
                "conditional": acc(self.conditional_ok, m),
            },
            "counts": asdict(self),
        }


@dataclass
class ArticleResult:
    counts: Counts
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (gold index, pred index)
    missed: list[int] = field(default_factory=list)  # gold indexes without a match
    spurious: list[int] = field(default_factory=list)  # pred indexes counted as false positives
    inversions: list[tuple[int, int]] = field(default_factory=list)  # pairs with the stance inverted
    wrong: list[int] = field(default_factory=list)  # spurious pred indexes that are wrong attributions
    violations: list[tuple[int, int]] = field(default_factory=list)  # (must_not index, pred index)
    by_class: dict[str, Counts] = field(default_factory=dict)


@dataclass
class _Match:
    """One article's matching, before counting (shared by the article and its classes)."""

    text: str
    gold: Sequence[Gold]
    preds: Sequence[Pred]
    must_not: Sequence[MustNot]
    loc: list[list[bool]]
    gold_used: dict[int, int]
    forgiven: dict[int, int]  # pred index -> the gold index it duplicates
    spurious: list[int]
    wrong: list[int]
    violations: list[tuple[int, int]]

    def tally(self, only: set[int] | None = None, must_not: set[int] | None = None) -> Counts:
        """Counts over the gold statements ``only`` (all by default) and the must_not items given.

        Unmatched predictions are always counted: a class is charged with every false positive of
        the articles it tags.
        """
        gold, preds = self.gold, self.preds
        chosen = set(range(len(gold))) if only is None else only
        items = set(range(len(self.must_not))) if must_not is None else must_not
        matched = {gi: pi for gi, pi in self.gold_used.items() if gi in chosen}
        c = Counts(
            articles=1,
            gold=len(chosen),
            pred=len(matched) + len(self.spurious),
            forgiven_duplicates=sum(1 for gi in self.forgiven.values() if gi in chosen),
            linked_duplicates=sum(
                1
                for pi, gi in self.forgiven.items()
                if gi in chosen and preds[pi].claim is not None and preds[pi].claim == preds[self.gold_used[gi]].claim
            ),
            wrong_attributions=len(self.wrong),
            forbidden_items=len(items),
            forbidden=len({mi for mi, _ in self.violations if mi in items}),
        )
        if not gold:
            c.hard_negative_articles = 1
            c.hard_negative_fp = len(self.spurious)
        relation_pairs: set[int] = set()
        for gi, pi in matched.items():
            g, p = gold[gi], preds[pi]
            c.speaker_tp += 1
            exact = p.speaker_id in g.speakers
            c.person_tp += exact
            c.speaker_exact += exact
            c.source_ok += source_ok(p, g)
            if g.direct is not None:
                c.direct_n += 1
                c.direct_ok += p.direct == g.direct
            c.via_ok += p.via_id == g.via
            c.date_ok += date_ok(p, g)
            c.conditional_ok += p.conditional == g.conditional
            c.condition_tp += p.conditional and g.conditional
            c.condition_fp += p.conditional and not g.conditional
            c.condition_fn += g.conditional and not p.conditional
            c.inversions += inverted(g.relations, p.relation)
            if p.relation in g.relations:
                c.relation_tp += 1
                relation_pairs.add(gi)
                hits = target_hits(p, g)
                c.target_tp += hits
                c.target_fp += len(p.targets) - hits
                c.target_fn += len(g.targets) - hits
        for gi in chosen:
            g = gold[gi]
            if gi not in relation_pairs:
                c.target_fn += len(g.targets)
            if any(self.loc[gi]):
                c.located_gold += 1
                c.attribution_errors += gi not in self.gold_used
        for gi in chosen:
            g = gold[gi]
            # the person named at the statement's evidence, whichever prediction there the matching kept
            named = any(self.loc[gi][pi] and p.speaker_id in g.speakers for pi, p in enumerate(preds))
            if unknown_speaker(g):
                c.unknown_gold += 1
                c.unknown_found += named
            if g.direct:
                c.quote_gold += 1
                c.quote_found += any(self.loc[gi][pi] and p.direct for pi, p in enumerate(preds))
                c.quote_right_person += any(
                    self.loc[gi][pi] and p.direct and p.speaker_id in g.speakers for pi, p in enumerate(preds)
                )
        if only is None:  # predicted quotes are judged once per article, against every gold quote
            for pi, p in enumerate(preds):
                if p.direct:
                    c.quote_pred += 1
                    c.quote_pred_ok += any(self.loc[gi][pi] for gi, g in enumerate(gold) if g.direct)
        for gi, pi in matched.items():
            if gi not in relation_pairs:
                c.target_fp += len(preds[pi].targets)
        for pi in self.spurious:
            c.target_fp += len(preds[pi].targets)
        return c


def match_article(
    text: str,
    gold: Sequence[Gold],
    preds: Sequence[Pred],
    must_not: Sequence[MustNot] = (),
    classes: Iterable[str] = (),
) -> ArticleResult:
    """Match predictions to gold statements of one article (greedy, one-to-one) and count.

    ``classes`` are the article's class tags; counts per class go to ``by_class``.

    Examples
    --------
    >>> g = Gold(frozenset({"ilham-aliyev"}), "azerbaijan", frozenset({"declines"}),
    ...          (frozenset({"isf"}),), ("will not send",))
    >>> p = Pred("ilham-aliyev", "azerbaijan", "declines", frozenset({"isf"}), ((0, 30),))
    >>> r = match_article("Baku said it will not send troops.", [g], [p])
    >>> r.counts.speaker_tp, r.counts.relation_tp, r.counts.target_tp
    (1, 1, 1)
    """
    loc = [[located(p, g, text) for p in preds] for g in gold]
    candidates: list[tuple[tuple[int, int, int], int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            if loc[gi][pi] and speaker_ok(p, g):
                rank = (int(p.relation in g.relations), int(p.speaker_id in g.speakers), target_hits(p, g))
                candidates.append((rank, gi, pi))
    candidates.sort(key=lambda c: (-c[0][0], -c[0][1], -c[0][2], c[1], c[2]))
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in gold_used and pi not in pred_used:
            gold_used[gi] = pi
            pred_used.add(pi)

    # The same speaker act reported at another of its alternative evidences (headline, lead,
    # quote) is a duplicate, neither a hit nor a false positive.
    forgiven: dict[int, int] = {}
    for _, gi, pi in candidates:
        if pi not in pred_used and pi not in forgiven and gi in gold_used and len(gold[gi].evidence) > 1:
            forgiven[pi] = gi
    spurious = [pi for pi in range(len(preds)) if pi not in pred_used and pi not in forgiven]
    # A false positive located only at gold statements whose speakers it does not match is a wrong
    # attribution (someone else said it).
    wrong = [
        pi
        for pi in spurious
        if any(loc[gi][pi] for gi in range(len(gold)))
        and not any(loc[gi][pi] and speaker_ok(preds[pi], g) for gi, g in enumerate(gold))
    ]
    violations = [(mi, pi) for mi, m in enumerate(must_not) for pi, p in enumerate(preds) if m.violated_by(p, text)]
    match = _Match(text, gold, preds, must_not, loc, gold_used, forgiven, spurious, wrong, violations)

    article_classes = frozenset(classes)
    by_class: dict[str, Counts] = {}
    for cls in sorted(article_classes | {c for g in gold for c in g.classes}):
        only = {gi for gi, g in enumerate(gold) if cls in (g.classes or article_classes)}
        items = {mi for mi, m in enumerate(must_not) if cls in (m.classes or article_classes)}
        by_class[cls] = match.tally(only, items)
    counts = match.tally()
    return ArticleResult(
        counts=counts,
        pairs=sorted(gold_used.items()),
        missed=[gi for gi in range(len(gold)) if gi not in gold_used],
        spurious=spurious,
        inversions=sorted((gi, pi) for gi, pi in gold_used.items() if inverted(gold[gi].relations, preds[pi].relation)),
        wrong=wrong,
        violations=violations,
        by_class=by_class,
    )


def score(items: Iterable[ArticleResult]) -> dict[str, Any]:
    """Scores of several article results added together."""
    total = Counts()
    for r in items:
        total = total + r.counts
    return total.scores()


def score_class(items: Iterable[ArticleResult], cls: str) -> dict[str, Any] | None:
    """Scores of one class over several article results (None when no article has the class)."""
    total: Counts | None = None
    for r in items:
        if cls in r.by_class:
            total = r.by_class[cls] if total is None else total + r.by_class[cls]
    return None if total is None else total.scores()


# --------------------------------------------------------------------------- fixtures and running


@dataclass
class Fixture:
    path: Path
    id: str
    lang: str
    title: str
    outlet: str | None
    url: str | None
    published: datetime
    text: str
    gold: list[Gold]
    raw: dict[str, Any]
    source: str | None = None
    classes: frozenset[str] = frozenset()
    must_not: list[MustNot] = field(default_factory=list)

    def article(self) -> Article:
        return Article(
            id=Article.make_id(self.url, self.text),
            url=self.url,
            outlet=self.outlet,
            title=self.title,
            language=self.lang,
            published_at=self.published,
            text=self.text,
            source=str(self.path),
        )


def read_fixture(path: Path) -> Fixture:
    """One fixture file, validated: evidence must occur in the text, ids, relations and class tags valid."""
    src = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        published = datetime.fromisoformat(raw["published"])
        text = raw["text"]
        fx = Fixture(
            path=path,
            id=raw["id"],
            lang=raw["lang"],
            title=raw["title"],
            outlet=raw.get("outlet"),
            url=raw.get("url"),
            published=published,
            text=text,
            gold=[Gold.from_json(s, src) for s in raw["statements"]],
            raw=raw,
            source=raw.get("source"),
            classes=_classes(raw.get("classes"), src),
            must_not=[MustNot.from_json(m, src) for m in raw.get("must_not") or []],
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"unreadable fixture: {exc}", source=src) from exc
    if published.tzinfo is None:
        raise InputError("published has no UTC offset", source=src)
    if not text.startswith(fx.title + "\n\n"):
        raise InputError("text must start with the title and a blank line", source=src)
    for item in [*fx.gold, *fx.must_not]:
        for ev in item.evidence:
            if not _evidence_regex(ev).search(text):
                raise InputError(f"evidence not in text: {ev!r}", source=src)
        if not item.classes <= fx.classes:
            raise InputError(f"statement classes {sorted(item.classes - fx.classes)} not in the article's", source=src)
    return fx


def load_fixtures(lang: str | None = None, root: Path = FIXTURES) -> list[Fixture]:
    """All fixtures under ``root`` (``<lang>/<slug>.json``), sorted, optionally one language."""
    paths = sorted(root.glob("*/*.json"))
    return [read_fixture(p) for p in paths if lang is None or p.parent.name == lang]


def _article_for(fx: Fixture, notes: list[str]) -> Article:
    """The article the extractor gets: from intake for fixtures with a ``source`` file, when it works."""
    if fx.source:
        try:
            from loaders.intake import load_path

            loaded = load_path(ROOT / fx.source)
            if loaded:
                return loaded[0]
        except Exception as exc:  # intake not ready or failing: fall back to the fixture text
            notes.append(f"{fx.id}: intake failed ({type(exc).__name__}), used fixture text")
    return fx.article()


Extractor = Callable[[Article], Sequence[Statement]]


def default_extractor(article: Article) -> Sequence[Statement]:
    from loaders.extract import extract

    return extract(article).statements


@dataclass
class Evaluation:
    fixtures: list[Fixture]
    results: list[ArticleResult]
    predictions: list[list[Statement]]
    errors: dict[str, str]
    notes: list[str]
    seconds: float

    def scores(self, lang: str | None = None) -> dict[str, Any]:
        return score(r for f, r in zip(self.fixtures, self.results, strict=True) if lang in (None, f.lang))

    def classes(self) -> list[str]:
        """The class tags present, in the order of :data:`CLASSES`."""
        present = {c for r in self.results for c in r.by_class}
        return [c for c in CLASSES if c in present]

    def class_scores(self, cls: str, lang: str | None = None) -> dict[str, Any] | None:
        return score_class((r for f, r in zip(self.fixtures, self.results, strict=True) if lang in (None, f.lang)), cls)

    def report(self) -> dict[str, Any]:
        langs = sorted({f.lang for f in self.fixtures})
        out: dict[str, Any] = {
            "overall": self.scores(),
            "by_language": {lang: self.scores(lang) for lang in langs},
        }
        classes = self.classes()
        if classes:
            out["by_class"] = {c: self.class_scores(c) for c in classes}
            out["by_class_language"] = {
                c: {lang: s for lang in langs if (s := self.class_scores(c, lang)) is not None} for c in classes
            }
        out.update(errors=self.errors, notes=self.notes, seconds=round(self.seconds, 2))
        return out


def _claims(article: Article, statements: Sequence[Statement]) -> dict[str, str]:
    """Statement id → claim id when the article's reports are grouped (graph.claims): a headline,
    lead or caption restating a body statement is linked to it, not counted twice (issue 8 class 10)."""
    from graph.claims import group, reports_of

    return {sid: c.id for c in group(reports_of(article, statements)) for sid in c.statement_ids}


def evaluate(lang: str | None = None, extractor: Extractor | None = None, root: Path = FIXTURES) -> Evaluation:
    """Run the extractor over every fixture and match; exceptions are recorded per article."""
    run = extractor or default_extractor
    fixtures = load_fixtures(lang, root)
    results: list[ArticleResult] = []
    predictions: list[list[Statement]] = []
    errors: dict[str, str] = {}
    notes: list[str] = []
    t0 = time.perf_counter()
    for fx in fixtures:
        article = _article_for(fx, notes)
        try:
            statements = list(run(article))
        except Exception as exc:  # counted as an empty prediction, reported
            errors[fx.id] = f"{type(exc).__name__}: {exc}"
            statements = []
        predictions.append(statements)
        claim_of = _claims(article, statements)
        preds = [Pred.from_statement(s, claim_of.get(s.id)) for s in statements]
        results.append(match_article(article.text, fx.gold, preds, fx.must_not, fx.classes))
    return Evaluation(fixtures, results, predictions, errors, notes, time.perf_counter() - t0)


# --------------------------------------------------------------------------- printing


def _fig(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _row(name: str, s: dict[str, Any]) -> str:
    c = s["counts"]
    cells = [f"{s[k]['p']:.2f} {s[k]['r']:.2f} {s[k]['f1']:.2f}" for k in ("speaker", "relation", "target")]
    attr = s["attribution_error_rate"]
    return (
        f"{name:<8}{c['articles']:>4}{c['gold']:>5}{c['pred']:>5}  "
        + "   ".join(cells)
        + f"   {s['hard_negative_fp']:>3}    {'-' if attr is None else f'{attr:.2f}':>5}"
        + f"  {s['wrong_attributions']:>4} {s['inversions']:>4}"
    )


def _class_row(name: str, s: dict[str, Any]) -> str:
    c = s["counts"]
    forbidden = s["forbidden"]
    return (
        f"{name:<15}{c['articles']:>4}{c['gold']:>5}{c['pred']:>5}  "
        f"{s['speaker']['f1']:.2f}  {s['person']['f1']:.2f}  "
        f"{s['relation']['p']:.2f} {s['relation']['r']:.2f} {s['relation']['f1']:.2f}  "
        f"{s['target']['f1']:.2f}  {s['condition']['f1']:.2f}  "
        f"{s['wrong_attributions']:>3} {s['inversions']:>3} {forbidden['violated']:>3}/{forbidden['items']:<3}"
        f"{s['duplicates']:>4}/{s['unlinked_duplicates']:<3}"
    )


def _describe(st: Statement) -> str:
    targets = ",".join(st.target_ids()) or "-"
    cond = " if" if st.conditions else ""
    return (
        f"{st.speaker_id}/{st.on_behalf_of_id} {st.relation.value}{cond} [{targets}] "
        f"via={st.via_id} {st.date} :: {st.sentence or st.content}"[:220]
    )


def _describe_gold(g: Gold) -> str:
    cond = " if" if g.conditional else ""
    return (
        f"{'|'.join(sorted(g.speakers))}/{g.on_behalf_of} {'|'.join(sorted(g.relations))}{cond} "
        f"[{','.join('|'.join(sorted(t)) for t in g.targets) or '-'}] via={g.via} {g.date} :: {g.evidence[0]}"[:220]
    )


def _describe_must_not(m: MustNot) -> str:
    parts = [
        f"speaker {'|'.join(sorted(m.speakers))}" if m.speakers else "",
        f"relation {'|'.join(sorted(m.relations))}" if m.relations else "",
        f"target {'|'.join(sorted(m.targets))}" if m.targets else "",
    ]
    return f"{' '.join(p for p in parts if p) or 'any statement'} :: {m.evidence[0]}"[:220]


def print_report(ev: Evaluation, verbose: bool = False, by_class_language: bool = False) -> None:
    report = ev.report()
    print(f"extraction eval: {len(ev.fixtures)} articles in {ev.seconds:.1f}s")
    print(
        f"{'lang':<8}{'art':>4}{'gold':>5}{'pred':>5}  speaker P R F1     relation P R F1    "
        "target P R F1    hnFP  attrErr  wrong inv"
    )
    for lang, s in report["by_language"].items():
        print(_row(lang, s))
    print(_row("overall", report["overall"]))
    acc = report["overall"]["accuracy_on_matched"]
    print("accuracy on matched: " + "  ".join(f"{k}={'-' if v is None else f'{v:.2f}'}" for k, v in acc.items()))
    for lang, ls in [("all", report["overall"]), *report["by_language"].items()]:
        q, c = ls["quotes"], ls["counts"]
        print(
            f"issue measures {lang:<4} unknown-name recall {_fig(ls['unknown_name_recall'])} ({c['unknown_gold']})"
            f"   direct quotes recall {_fig(q['recall'])} precision {_fig(q['precision'])}"
            f" right person {_fig(q['right_person'])} ({c['quote_gold']})"
        )
    if "by_class" in report:
        print(
            f"\n{'class':<15}{'art':>4}{'gold':>5}{'pred':>5}  spkF1 persF1 rel P R F1      tgtF1 condF1"
            "  wrong inv forbid  dups/unlinked"
        )
        for cls, s in report["by_class"].items():
            print(_class_row(cls, s))
            if by_class_language:
                for lang, ls in report["by_class_language"][cls].items():
                    print(_class_row(f"  {lang}", ls))
    if ev.errors:
        kinds = sorted({e.split(":")[0] for e in ev.errors.values()})
        print(f"extract raised on {len(ev.errors)} articles: {', '.join(kinds)}")
    for note in ev.notes:
        print("note:", note)
    if not verbose:
        return
    for fx, res, preds in zip(ev.fixtures, ev.results, ev.predictions, strict=True):
        if (
            not res.missed
            and not res.spurious
            and not res.violations
            and all(preds[pi].relation.value in fx.gold[gi].relations for gi, pi in res.pairs)
        ):
            continue
        shown = fx.path.relative_to(ROOT) if fx.path.is_relative_to(ROOT) else fx.path
        tags = f" [{', '.join(sorted(fx.classes))}]" if fx.classes else ""
        print(f"\n== {fx.id} ({shown}){tags}")
        for gi, pi in res.pairs:
            if preds[pi].relation.value not in fx.gold[gi].relations:
                kind = "INV " if (gi, pi) in res.inversions else "REL "
                print(f"  {kind} gold {_describe_gold(fx.gold[gi])}\n       pred {_describe(preds[pi])}")
        for gi in res.missed:
            print(f"  FN   {_describe_gold(fx.gold[gi])}")
        for pi in res.spurious:
            kind = "WRONG" if pi in res.wrong else "FP   "
            print(f"  {kind}{_describe(preds[pi])}")
        for mi, pi in res.violations:
            print(f"  NOT  {_describe_must_not(fx.must_not[mi])}\n       pred {_describe(preds[pi])}")


def corpus_path(name: str) -> Path:
    """A corpus folder from its name (``dev``, ``dev2``, ``regression``) or a path."""
    return CORPORA.get(name, Path(name))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", help="only fixtures of this language (id, en, es, fr, ru, ar)")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives per article")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--by-class-language", action="store_true", help="under each class, one row per language")
    parser.add_argument(
        "--corpus",
        action="append",
        help="corpus name (" + ", ".join(CORPORA) + ") or folder holding <lang>/<slug>.json fixtures; "
        "repeatable (default: dev)",
    )
    parser.add_argument("--all", action="store_true", help="every named corpus present, one report each")
    args = parser.parse_args(argv)
    present = [name for name, root in CORPORA.items() if root.is_dir()]
    names: list[str] = present if args.all else (args.corpus or ["dev"])
    reports: dict[str, Any] = {}
    try:
        evaluations = []
        for name in names:
            root = corpus_path(name)
            if not root.is_dir():
                raise InputError("corpus folder not found", source=str(root))
            ev = evaluate(args.lang, root=root)
            if not ev.fixtures:
                wanted = f" for language {args.lang!r}" if args.lang else ""
                raise InputError(f"no fixtures{wanted}", source=str(root))
            evaluations.append((name, ev))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for name, ev in evaluations:
        if args.json:
            reports[name] = ev.report()
        else:
            if len(evaluations) > 1:
                print(f"\n##### corpus {name} ({corpus_path(name)})")
            print_report(ev, args.verbose, args.by_class_language)
    if args.json:
        print(json.dumps(reports[names[0]] if len(names) == 1 else reports, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
