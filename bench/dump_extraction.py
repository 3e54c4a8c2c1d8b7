"""Dump the full extraction output of every test corpus to JSON, to compare two versions byte for byte.

Usage::

    .venv/bin/python bench/dump_extraction.py /tmp/before.json
    # … change the extractor …
    .venv/bin/python bench/dump_extraction.py /tmp/after.json
    cmp /tmp/before.json /tmp/after.json

A change meant only to make extraction faster must leave this output byte-identical. It covers
the annotated corpora (``dev``, ``dev2``, ``regression``: each article as ``bench/eval_extraction.py``
gives it to the extractor), the seed articles (``seeds/``, through intake), the claims and intake
fixtures (through intake) and the 500-word articles of ``bench/bench_extract.py``. For each article
it writes the whole :class:`graph.model.IngestBatch` (statements with offsets, relation, confidence,
actors, roles, warnings), one article per line, in a fixed order; file paths are written relative
to the checkout, so the dumps of two worktrees (main and a branch) compare equal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_extract import CORPORA as NEWS_CORPORA  # noqa: E402
from bench.bench_extract import fixture_articles, news_articles  # noqa: E402
from bench.eval_extraction import CORPORA, _article_for, load_fixtures  # noqa: E402
from graph.errors import InputError  # noqa: E402
from graph.model import Article  # noqa: E402
from loaders.extract import extract  # noqa: E402
from loaders.intake import load_path  # noqa: E402


def articles() -> list[tuple[str, Article]]:
    """(corpus name, article) for every article the dump covers, in a fixed order."""
    out: list[tuple[str, Article]] = []
    for name, root in CORPORA.items():
        notes: list[str] = []
        out.extend((name, _article_for(fx, notes)) for fx in load_fixtures(root=root))
    for folder in ("seeds", "tests/fixtures/claims", "tests/fixtures/intake"):
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or path.suffix == ".md":
                continue
            try:
                loaded = load_path(path)
            except InputError:
                continue  # the intake fixtures hold deliberately broken files
            out.extend((f"{folder}/{path.name}", a) for a in loaded)
    out.extend(("news500", a) for a in news_articles(fixture_articles(NEWS_CORPORA)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="JSON Lines file to write")
    args = parser.parse_args(argv)
    n_articles = n_statements = 0
    with args.out.open("w", encoding="utf-8") as fh:
        for corpus, article in articles():
            batch = extract(article)
            n_articles += 1
            n_statements += len(batch.statements)
            row = {"corpus": corpus, "article": article.id, "batch": batch.model_dump(mode="json")}
            line = json.dumps(row, ensure_ascii=False, sort_keys=True)
            fh.write(line.replace(f"{ROOT}/", "") + "\n")  # paths relative: two checkouts compare equal
    print(f"{n_articles} articles, {n_statements} statements -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
