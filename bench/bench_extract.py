"""Extraction throughput: articles/s, chars/s and peak memory on the fixtures and on 5 MB of text.

Usage::

    .venv/bin/python bench/bench_extract.py [--mb 5] [--repeat 3]

Prints one line per workload. The synthetic text is made of fixture paragraphs repeated
(with unbalanced quotes and punctuation runs mixed in) until it reaches the size.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph.model import Article  # noqa: E402
from loaders.extract import extract  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "extraction"


def fixture_articles() -> list[Article]:
    out = []
    for path in sorted(FIXTURES.glob("*/*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        out.append(
            Article(
                id=Article.make_id(raw.get("url"), raw["text"]),
                url=raw.get("url"),
                outlet=raw.get("outlet"),
                title=raw["title"],
                language=raw["lang"],
                published_at=datetime.fromisoformat(raw["published"]),
                text=raw["text"],
            )
        )
    return out


def synthetic(articles: list[Article], size: int) -> Article:
    parts = [a.text for a in articles if a.language == "en"] or ["Nothing to see here."]
    noise = ['He said "this never closes.', "!!! ??? ...", "“Unbalanced ‘quote", "(((", "Dr. No. St. Mr."]
    chunks: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = parts[i % len(parts)] + "\n\n" + noise[i % len(noise)] + "\n\n"
        chunks.append(piece)
        total += len(piece)
        i += 1
    text = "".join(chunks)[:size]
    return Article(id="sha:synthetic", text=text, language="en", published_at=datetime(2026, 1, 6, tzinfo=UTC))


def run(name: str, articles: list[Article], repeat: int) -> None:
    chars = sum(len(a.text) for a in articles)
    extract(articles[0])  # warm caches (gazetteer, cue files)
    best = float("inf")
    statements = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        statements = sum(len(extract(a).statements) for a in articles)
        best = min(best, time.perf_counter() - t0)
    tracemalloc.start()
    for a in articles:
        extract(a)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name:<10} {len(articles):>4} articles {chars / 1e6:>7.2f} MB  {best:>7.2f} s  "
        f"{len(articles) / best:>8.1f} articles/s  {chars / best / 1e6:>6.2f} MB/s  "
        f"peak {peak / 1e6:>7.1f} MB  {statements} statements"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the synthetic text in MB")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    articles = fixture_articles()
    if articles:
        run("fixtures", articles, args.repeat)
    run("synthetic", [synthetic(articles, int(args.mb * 1_000_000))], 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
