"""How many statements become how many claims on our whole corpus, and how precise the merges are.

    .venv/bin/python bench/claims_corpus.py [--window 7] [--sample bench/claims_merges.tsv] [--write]
                                            [--doc docs/claims-precision.md]

Reads every article we have — ``seeds/``, ``tests/fixtures/claims/`` (our multi-outlet
reports) and the annotated extraction corpora (dev, dev2, regression) — extracts them with
the real extractor, groups the reports (:func:`graph.claims.group`) and prints the figures.

Every merge is one link of a claim (two reports joined, with its evidence). ``--sample``
names a TSV of merges with a hand-written ``verdict`` column (``ok`` = the two reports are
one statement; ``wrong`` = they are not; empty = not judged yet) and a ``note``. The script
prints the precision over the judged merges; with ``--write`` it rewrites the file with
today's merges, keeping every verdict whose merge still exists (keyed by the two statement
ids) and listing the verdicts whose merge is gone. ``--doc`` writes the figures and every judged
merge, described by its structured fields only (positions, languages, voice, relation, targets,
verdict and note; never the articles' sentences), to a Markdown file.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.eval_extraction import CORPORA, _article_for, load_fixtures  # noqa: E402
from graph.claims import ClaimRules, Report, group, reports_of  # noqa: E402
from graph.model import Article, Claim, ClaimLink  # noqa: E402
from loaders.extract import extract  # noqa: E402
from loaders.intake import load_path  # noqa: E402

SAMPLE = ROOT / "bench" / "claims_merges.tsv"
COLUMNS = [
    "merge", "verdict", "note", "score", "evidence",
    "a_outlet", "a_lang", "a_position", "a_voice", "a_relation", "a_targets", "a_text",
    "b_outlet", "b_lang", "b_position", "b_voice", "b_relation", "b_targets", "b_text",
]  # fmt: skip


@dataclass
class Corpus:
    name: str
    articles: list[Article]


def corpora() -> list[Corpus]:
    out = [
        Corpus("seeds", [a for p in sorted((ROOT / "seeds").iterdir()) for a in load_path(p)]),
        Corpus("claims", [a for p in sorted((ROOT / "tests/fixtures/claims").glob("*.jsonl")) for a in load_path(p)]),
    ]
    notes: list[str] = []
    for name, root in CORPORA.items():
        if root.is_dir():
            out.append(Corpus(name, [_article_for(fx, notes) for fx in load_fixtures(root=root)]))
    return out


def merge_key(link: ClaimLink) -> str:
    return f"{link.a}|{link.b}"


def _row(link: ClaimLink, reports: dict[str, Report]) -> dict[str, str]:
    row = {"merge": merge_key(link), "verdict": "", "note": "", "score": f"{link.score:.3f}",
           "evidence": "; ".join(link.evidence)}  # fmt: skip
    for side, sid in (("a", link.a), ("b", link.b)):
        r = reports[sid]
        st = r.statement
        row.update({
            f"{side}_outlet": r.outlet or r.outlet_key,
            f"{side}_lang": r.language or "",
            f"{side}_position": r.position,
            f"{side}_voice": f"{st.speaker_id or st.speaker_mention}/{st.on_behalf_of_id or ''}",
            f"{side}_relation": st.relation.value + (" (negated)" if st.negated else ""),
            f"{side}_targets": ",".join(st.target_ids()),
            f"{side}_text": " ".join((st.sentence or st.content).split()),
        })  # fmt: skip
    return row


def read_sample(path: Path) -> dict[str, dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["merge"]: row for row in csv.DictReader(fh, delimiter="\t")}


def write_sample(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _describe(row: dict[str, str]) -> tuple[str, str, str]:
    """(kind, voice, what) of a merge, from its structured columns."""
    same_article = row["merge"].split("|")[0].rsplit(":", 1)[0] == row["merge"].split("|")[1].rsplit(":", 1)[0]
    if same_article:
        kind = f"{row['a_position']} + {row['b_position']}, one article ({row['a_lang']})"
    else:
        kind = f"{row['a_outlet']} ({row['a_lang']}) + {row['b_outlet']} ({row['b_lang']})"
    voices = dict.fromkeys((row["a_voice"], row["b_voice"]))
    relations = dict.fromkeys((row["a_relation"], row["b_relation"]))
    targets = dict.fromkeys(t for t in (row["a_targets"], row["b_targets"]) if t)
    what = " / ".join(relations) + (" → " + " / ".join(targets) if targets else "")
    return kind, " + ".join(voices), what


def write_doc(path: Path, summary: list[str], rows: list[dict[str, str]]) -> None:
    judged = [r for r in rows if r["verdict"]]
    lines = [
        "# Claims: statements → claims and the grouping's precision",
        "",
        "Generated by `.venv/bin/python bench/claims_corpus.py --doc docs/claims-precision.md` from the",
        "verdicts in `bench/claims_merges.tsv` (one row per merge: the two statement ids, a hand-written",
        "verdict and note). A merge is one link of a claim: two reports joined into one statement.",
        "`ok` = the two reports are one statement; `wrong` = they are not. Every corpus here was read while",
        "building the grouping: these are development figures, not held-out ones.",
        "",
        "```",
        *summary,
        "```",
        "",
        "| # | reports merged | voice | relation → targets | verdict | note |",
        "|---|---|---|---|---|---|",
    ]
    for n, row in enumerate(judged, 1):
        kind, voice, what = _describe(row)
        cells = [str(n), kind, voice, what, row["verdict"], row["note"]]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--window", type=int, default=7, help="claim window in days (Settings.claim_window_days)")
    ap.add_argument("--sample", type=Path, default=SAMPLE, help="TSV of judged merges")
    ap.add_argument("--write", action="store_true", help="rewrite --sample with today's merges, keeping verdicts")
    ap.add_argument("--doc", type=Path, help="write the figures and the judged merges to this Markdown file")
    args = ap.parse_args(argv)

    summary: list[str] = []

    def say(text: str) -> None:
        print(text)
        summary.extend(line for line in text.splitlines() if line)

    rules = ClaimRules(window_days=args.window)
    reports: list[Report] = []
    corpus_of: dict[str, str] = {}
    corpora_read = corpora()
    seen: set[str] = set()
    for corpus in corpora_read:
        for article in corpus.articles:
            if article.id in seen:  # the seed is in the dev corpus too: count it once
                continue
            seen.add(article.id)
            batch = extract(article)
            for r in reports_of(batch.article, batch.statements, rules):
                reports.append(r)
                corpus_of[r.id] = corpus.name
        say(f"{corpus.name:>10}: {len(corpus.articles)} articles")
    claims: list[Claim] = group(reports, rules)
    by_id = {r.id: r for r in reports}

    multi = [c for c in claims if c.num_reports > 1]
    links = [link for c in claims for link in c.links]
    within = sum(1 for link in links if by_id[link.a].statement.article_id == by_id[link.b].statement.article_id)
    across_lang = sum(1 for link in links if by_id[link.a].language != by_id[link.b].language)
    articles = len({r.statement.article_id for r in reports})
    read = len(seen)
    say(f"\n{read} articles read, {articles} with statements: {len(reports)} statements -> {len(claims)} claims "
          f"({len(reports) / max(len(claims), 1):.3f} statements per claim)")  # fmt: skip
    say(f"claims with more than one report: {len(multi)} holding {sum(c.num_reports for c in multi)} statements; "
          f"with 2+ outlets: {sum(1 for c in claims if c.num_sources > 1)}; "
          f"largest: {max((c.num_reports for c in claims), default=0)} reports")  # fmt: skip
    say(f"merges (links): {len(links)} — within one article {within}, across articles {len(links) - within} "
          f"(across languages {across_lang})")  # fmt: skip
    per_corpus = Counter(corpus_of[link.a] for link in links)
    say("merges per corpus: " + ", ".join(f"{k} {v}" for k, v in sorted(per_corpus.items())))

    judged = read_sample(args.sample)
    rows = [_row(link, by_id) for link in sorted(links, key=lambda x: (x.a, x.b))]
    current = {row["merge"] for row in rows}
    for row in rows:
        old = judged.get(row["merge"])
        if old:
            row["verdict"], row["note"] = old.get("verdict", ""), old.get("note", "")
    gone = sorted(k for k, v in judged.items() if k not in current and v.get("verdict"))
    verdicts = Counter(row["verdict"] for row in rows if row["verdict"])
    ok, wrong = verdicts.get("ok", 0), verdicts.get("wrong", 0)
    if ok + wrong:
        say(f"\nhand-checked merges: {ok + wrong} of {len(rows)} — ok {ok}, wrong {wrong}: "
              f"precision {ok / (ok + wrong):.3f}")  # fmt: skip
        for label, keep in (("within one article", True), ("across articles", False)):
            part = Counter(
                row["verdict"] for row in rows
                if row["verdict"] and (by_id[row["merge"].split("|")[0]].statement.article_id
                                       == by_id[row["merge"].split("|")[1]].statement.article_id) == keep
            )  # fmt: skip
            n = part.get("ok", 0) + part.get("wrong", 0)
            if n:
                say(f"  {label}: {n} judged, ok {part.get('ok', 0)}, wrong {part.get('wrong', 0)}: "
                    f"precision {part.get('ok', 0) / n:.3f}")  # fmt: skip
    else:
        say(f"\nno merge judged yet in {args.sample}")
    if gone:
        say(f"{len(gone)} judged merges no longer exist (extraction or grouping changed): {gone[:5]} …")
    if args.write:
        write_sample(args.sample, rows)
        print(f"wrote {len(rows)} merges to {args.sample}")
    if args.doc:
        write_doc(args.doc, summary, rows)
        print(f"wrote {args.doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
