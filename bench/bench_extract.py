"""Extraction throughput: articles/s, chars/s and peak memory, in this process (one core).

Usage::

    .venv/bin/python bench/bench_extract.py [--mb 5] [--repeat 3] [--only news500]

Prints one line per workload, with wall-clock and CPU-time throughput (on a shared machine
the CPU-time figure is the steadier one):

- ``fixtures``: the annotated development articles as they are (short, 100-300 words);
- ``news500``: 500-word news articles (the issue-12 goal: >= 150 articles/s per core), each made
  of consecutive fixture articles of one language joined as paragraphs until it has 500 words;
- ``synthetic``: one text of ``--mb`` MB made of fixture paragraphs repeated (with unbalanced
  quotes and punctuation runs mixed in), for the cost of one huge article.
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

from bench import rows  # noqa: E402
from graph.model import Article  # noqa: E402
from loaders.extract import extract  # noqa: E402
from loaders.native import compiled  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "extraction"
CORPORA = (FIXTURES, ROOT / "tests" / "fixtures" / "extraction_dev2")


def fixture_articles(roots: tuple[Path, ...] = (FIXTURES,)) -> list[Article]:
    out = []
    for path in sorted(p for root in roots for p in root.glob("*/*.json")):
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


def news_articles(articles: list[Article], words: int = 500) -> list[Article]:
    """One ``words``-word article per fixture: it and the next ones of its language, as paragraphs."""
    by_lang: dict[str, list[Article]] = {}
    for a in articles:
        by_lang.setdefault(a.language or "", []).append(a)
    out: list[Article] = []
    for lang, group in sorted(by_lang.items()):
        for i, first in enumerate(group):
            parts: list[str] = []
            count = 0
            j = i
            while count < words:
                text = group[j % len(group)].text
                parts.append(text)
                count += len(text.split())
                j += 1
            text = " ".join("\n\n".join(parts).split(" ")[: words + 40])  # about 500 words, whole lines kept
            out.append(Article(id=f"sha:news500-{lang}-{i}", text=text, language=lang, published_at=first.published_at))
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


def run(name: str, articles: list[Article], repeat: int) -> float:
    """Print one workload's line, record its throughput (bench/rows.py ``extract/<name>``) and
    return its articles/s by CPU time (the best of ``repeat`` runs)."""
    chars = sum(len(a.text) for a in articles)
    extract(articles[0])  # warm caches (gazetteer, cue files)
    best = cpu = float("inf")
    statements = 0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        statements = sum(len(extract(a).statements) for a in articles)
        best = min(best, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    tracemalloc.start()
    for a in articles:
        extract(a)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{name:<10} {len(articles):>4} articles {chars / 1e6:>7.2f} MB  {best:>7.2f} s  "
        f"{len(articles) / best:>8.1f} articles/s  {chars / best / 1e6:>6.2f} MB/s  "
        f"(CPU time {cpu:.2f} s: {len(articles) / cpu:.1f} articles/s)  peak {peak / 1e6:>7.1f} MB  {statements} statements"
    )
    what = f"{name}, {len(articles)} articles, extraction {modules()}"
    rows.record(f"extract/{name}/wall", len(articles) / best, "articles/s", what=what, size=len(articles))
    rows.record(f"extract/{name}", len(articles) / cpu, "articles/s (CPU time)", what=what, size=len(articles))
    return len(articles) / cpu


def modules() -> str:
    """Whether the extraction modules run compiled (mypyc) or as Python source, and from which file."""
    pipeline = sys.modules[extract.__module__]
    native = "compiled by mypyc" if compiled(pipeline) else "Python source"
    return f"{native} ({Path(str(pipeline.__file__)).name})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the synthetic text in MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("fixtures", "news500", "synthetic"), help="run one workload")
    args = parser.parse_args(argv)
    print(f"extraction modules: {modules()}")
    articles = fixture_articles()
    if articles and args.only in (None, "fixtures"):
        run("fixtures", articles, args.repeat)
    if args.only in (None, "news500"):
        run("news500", news_articles(fixture_articles(CORPORA)), args.repeat)
    if args.only in (None, "synthetic"):
        run("synthetic", [synthetic(articles, int(args.mb * 1_000_000))], 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
