"""Evaluate ``loaders.extract.extract`` against the annotated corpus in ``tests/fixtures/extraction``.

Usage::

    .venv/bin/python bench/eval_extraction.py [--lang id] [--corpus PATH] [--verbose] [--json]

Every fixture is one article with gold statements (see ``docs/annotation.md``). For each
article the predicted statements are matched one-to-one to the gold ones: a prediction can
match a gold statement when its sentence or content span contains the gold ``evidence``
(any of the alternatives) and the speakers agree (predicted speaker in the acceptable list,
or the gold ``on_behalf_of`` state/organisation equals the predicted speaker or on-behalf-of).
Matching is greedy, preferring pairs that also agree on relation, then exact speaker, then
target overlap. Scores are precision/recall/F1 at three levels:

- speaker: matched pairs;
- relation: matched pairs whose relation is acceptable;
- target: micro over target ids (role ``target`` only) of relation-level pairs; targets of
  unmatched predictions are false positives, of unmatched gold statements false negatives.

It also reports the predictions made on hard-negative articles (no gold statement), the
attribution-error rate (gold statements whose sentence was extracted with a wrong speaker)
and, over matched pairs, the accuracy of exact speaker, network source (on-behalf-of, else
speaker), direct/indirect, via agency, date and condition detection.

The matching is importable (:func:`match_article`, :func:`score`) so tests can check it.
The script exits 0 (2 for unreadable fixtures or an unknown language); figures are for humans and tests.
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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "extraction"

if str(ROOT) not in sys.path:  # running as a script from anywhere
    sys.path.insert(0, str(ROOT))

from graph.errors import InputError  # noqa: E402
from graph.model import Article, Relation, Statement, TargetRole  # noqa: E402

_RELATIONS = {r.value for r in Relation}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.:-]{0,199}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


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

    @classmethod
    def from_json(cls, d: dict[str, Any], source: str = "") -> Gold:
        def ids(value: Any, name: str) -> list[str]:
            values = [value] if isinstance(value, str) else list(value or [])
            for v in values:
                if not isinstance(v, str) or not _ID_RE.match(v):
                    raise InputError(f"bad {name} id {v!r}", source=source)
            return values

        speakers = ids(d.get("speaker"), "speaker")
        if not speakers:
            raise InputError("gold statement without speaker", source=source)
        relations = [d["relation"]] if isinstance(d.get("relation"), str) else list(d.get("relation") or [])
        if not relations or any(r not in _RELATIONS for r in relations):
            raise InputError(f"bad relation {d.get('relation')!r}", source=source)
        evidence = [d["evidence"]] if isinstance(d.get("evidence"), str) else list(d.get("evidence") or [])
        if not evidence or not all(isinstance(e, str) and e.strip() for e in evidence):
            raise InputError("gold statement without evidence", source=source)
        date = d.get("date")
        if date is not None and not _DATE_RE.match(date):
            raise InputError(f"bad date {date!r} (YYYY-MM-DD or YYYY-MM)", source=source)
        obo = ids(d.get("on_behalf_of"), "on_behalf_of")
        via = ids(d.get("via"), "via")
        return cls(
            speakers=frozenset(speakers),
            on_behalf_of=obo[0] if obo else None,
            relations=frozenset(relations),
            targets=tuple(frozenset(ids(t.split("|"), "target")) for t in d.get("targets") or [] if isinstance(t, str)),
            evidence=tuple(evidence),
            direct=d.get("direct"),
            date=date,
            via=via[0] if via else None,
            cue=d.get("cue"),
            conditional=bool(d.get("conditional", False)),
        )


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

    @classmethod
    def from_statement(cls, st: Statement) -> Pred:
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
        )


def _evidence_regex(evidence: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(tok) for tok in evidence.split()))


def _squash(text: str) -> str:
    return " ".join(text.split())


def located(pred: Pred, gold: Gold, text: str) -> bool:
    """True when the prediction's sentence/content span (or text) contains one of the gold evidences."""
    for ev in gold.evidence:
        for m in _evidence_regex(ev).finditer(text):
            if any(a <= m.start() and m.end() <= b for a, b in pred.spans):
                return True
        if any(_squash(ev) in _squash(t) for t in pred.texts):
            return True
    return False


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
    relation_tp: int = 0
    target_tp: int = 0
    target_fp: int = 0
    target_fn: int = 0
    located_gold: int = 0
    attribution_errors: int = 0
    forgiven_duplicates: int = 0
    hard_negative_articles: int = 0
    hard_negative_fp: int = 0
    speaker_exact: int = 0
    source_ok: int = 0
    direct_ok: int = 0
    direct_n: int = 0
    via_ok: int = 0
    date_ok: int = 0
    conditional_ok: int = 0

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
            "relation": prf(self.relation_tp, self.pred, self.gold),
            "target": prf(self.target_tp, self.target_tp + self.target_fp, self.target_tp + self.target_fn),
            "attribution_error_rate": acc(self.attribution_errors, self.located_gold),
            "hard_negative_fp": self.hard_negative_fp,
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


def match_article(text: str, gold: Sequence[Gold], preds: Sequence[Pred]) -> ArticleResult:
    """Match predictions to gold statements of one article (greedy, one-to-one) and count.

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
    forgiven = {
        pi for _, gi, pi in candidates if pi not in pred_used and gi in gold_used and len(gold[gi].evidence) > 1
    }

    c = Counts(articles=1, gold=len(gold), pred=len(preds) - len(forgiven), forgiven_duplicates=len(forgiven))
    if not gold:
        c.hard_negative_articles = 1
        c.hard_negative_fp = len(preds)
    relation_pairs: set[int] = set()
    for gi, pi in gold_used.items():
        g, p = gold[gi], preds[pi]
        c.speaker_tp += 1
        c.speaker_exact += p.speaker_id in g.speakers
        c.source_ok += source_ok(p, g)
        if g.direct is not None:
            c.direct_n += 1
            c.direct_ok += p.direct == g.direct
        c.via_ok += p.via_id == g.via
        c.date_ok += date_ok(p, g)
        c.conditional_ok += p.conditional == g.conditional
        if p.relation in g.relations:
            c.relation_tp += 1
            relation_pairs.add(gi)
            hits = target_hits(p, g)
            c.target_tp += hits
            c.target_fp += len(p.targets) - hits
            c.target_fn += len(g.targets) - hits
    for gi, g in enumerate(gold):
        if gi not in relation_pairs:
            c.target_fn += len(g.targets)
        if any(loc[gi]):
            c.located_gold += 1
            c.attribution_errors += gi not in gold_used
    matched_at_relation = {gold_used[gi] for gi in relation_pairs}
    for pi, p in enumerate(preds):
        if pi not in matched_at_relation and pi not in forgiven:
            c.target_fp += len(p.targets)
    return ArticleResult(
        counts=c,
        pairs=sorted(gold_used.items()),
        missed=[gi for gi in range(len(gold)) if gi not in gold_used],
        spurious=[pi for pi in range(len(preds)) if pi not in pred_used and pi not in forgiven],
    )


def score(items: Iterable[ArticleResult]) -> dict[str, Any]:
    """Scores of several article results added together."""
    total = Counts()
    for r in items:
        total = total + r.counts
    return total.scores()


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
    """One fixture file, validated: evidence must occur in the text, ids and relations must be valid."""
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
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"unreadable fixture: {exc}", source=src) from exc
    if published.tzinfo is None:
        raise InputError("published has no UTC offset", source=src)
    if not text.startswith(fx.title + "\n\n"):
        raise InputError("text must start with the title and a blank line", source=src)
    for g in fx.gold:
        for ev in g.evidence:
            if not _evidence_regex(ev).search(text):
                raise InputError(f"evidence not in text: {ev!r}", source=src)
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

    def report(self) -> dict[str, Any]:
        langs = sorted({f.lang for f in self.fixtures})
        return {
            "overall": self.scores(),
            "by_language": {lang: self.scores(lang) for lang in langs},
            "errors": self.errors,
            "notes": self.notes,
            "seconds": round(self.seconds, 2),
        }


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
        results.append(match_article(article.text, fx.gold, [Pred.from_statement(s) for s in statements]))
    return Evaluation(fixtures, results, predictions, errors, notes, time.perf_counter() - t0)


# --------------------------------------------------------------------------- printing


def _row(name: str, s: dict[str, Any]) -> str:
    c = s["counts"]
    cells = [f"{s[k]['p']:.2f} {s[k]['r']:.2f} {s[k]['f1']:.2f}" for k in ("speaker", "relation", "target")]
    attr = s["attribution_error_rate"]
    return (
        f"{name:<8}{c['articles']:>4}{c['gold']:>5}{c['pred']:>5}  "
        + "   ".join(cells)
        + f"   {s['hard_negative_fp']:>3}    {'-' if attr is None else f'{attr:.2f}':>5}"
    )


def _describe(st: Statement) -> str:
    targets = ",".join(st.target_ids()) or "-"
    return (
        f"{st.speaker_id}/{st.on_behalf_of_id} {st.relation.value} [{targets}] "
        f"via={st.via_id} {st.date} :: {st.sentence or st.content}"[:220]
    )


def _describe_gold(g: Gold) -> str:
    return (
        f"{'|'.join(sorted(g.speakers))}/{g.on_behalf_of} {'|'.join(sorted(g.relations))} "
        f"[{','.join('|'.join(sorted(t)) for t in g.targets) or '-'}] via={g.via} {g.date} :: {g.evidence[0]}"[:220]
    )


def print_report(ev: Evaluation, verbose: bool = False) -> None:
    report = ev.report()
    print(f"extraction eval: {len(ev.fixtures)} articles in {ev.seconds:.1f}s")
    print(
        f"{'lang':<8}{'art':>4}{'gold':>5}{'pred':>5}  speaker P R F1     relation P R F1    "
        "target P R F1    hnFP  attrErr"
    )
    for lang, s in report["by_language"].items():
        print(_row(lang, s))
    print(_row("overall", report["overall"]))
    acc = report["overall"]["accuracy_on_matched"]
    print("accuracy on matched: " + "  ".join(f"{k}={'-' if v is None else f'{v:.2f}'}" for k, v in acc.items()))
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
            and all(preds[pi].relation.value in fx.gold[gi].relations for gi, pi in res.pairs)
        ):
            continue
        shown = fx.path.relative_to(ROOT) if fx.path.is_relative_to(ROOT) else fx.path
        print(f"\n== {fx.id} ({shown})")
        for gi, pi in res.pairs:
            if preds[pi].relation.value not in fx.gold[gi].relations:
                print(f"  REL  gold {_describe_gold(fx.gold[gi])}\n       pred {_describe(preds[pi])}")
        for gi in res.missed:
            print(f"  FN   {_describe_gold(fx.gold[gi])}")
        for pi in res.spurious:
            print(f"  FP   {_describe(preds[pi])}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", help="only fixtures of this language (id, en, es, fr)")
    parser.add_argument("--verbose", action="store_true", help="list misses and false positives per article")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=FIXTURES,
        help="corpus folder holding <lang>/<slug>.json fixtures (default: tests/fixtures/extraction)",
    )
    args = parser.parse_args(argv)
    try:
        if not args.corpus.is_dir():
            raise InputError("corpus folder not found", source=str(args.corpus))
        ev = evaluate(args.lang, root=args.corpus)
        if not ev.fixtures:
            wanted = f" for language {args.lang!r}" if args.lang else ""
            raise InputError(f"no fixtures{wanted}", source=str(args.corpus))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(ev.report(), indent=2, ensure_ascii=False))
    else:
        print_report(ev, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
