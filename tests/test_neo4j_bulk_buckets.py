"""The bulk exporter groups the claims one calendar-bucket group at a time (graph/neo4j_bulk.py):
its files are the files of grouping every report at once (the path before, kept here as the
reference), for articles in date order and in any other order, with buckets small enough that a
corpus spans dozens of them. tests/test_neo4j_bulk_import.py checks those files load as the graph
``ingest_many`` writes."""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support import corpus, random_graph

from bench.statements import Universe, batches
from graph.claims import ClaimRules, Report, bucket
from graph.model import Article, IngestBatch, Relation, Span, Statement, Target
from graph.neo4j_bulk import BulkExport
from graph.relations import codes_for


class _AllAtOnce(BulkExport):
    """The reference: every report grouped at once (the exporter before bucket groups)."""

    def _report_groups(self) -> Iterator[list[tuple[int, Report]]]:
        yield [r for group in super()._report_groups() for r in group]


class _Counted(BulkExport):
    """The exporter, counting the groups it makes."""

    groups = 0

    def _report_groups(self) -> Iterator[list[tuple[int, Report]]]:
        for group in super()._report_groups():
            self.groups += 1
            yield group


def _corpus() -> list[IngestBatch]:
    """The hand-built corpus, a random graph with undated articles, and bench articles over four
    months, in date order (by the article's earliest statement date, undated last)."""
    out: list[IngestBatch] = list(corpus.corpus())
    for i, b in enumerate(random_graph.batches(seed=9, articles=24)):
        if i % 5 == 0:
            sts = [Statement.model_validate({**s.model_dump(), "date": None}) for s in b.statements]
            b = b.model_copy(update={"statements": sts})
        out.append(b)
    uni = Universe(seed=4, states=6, people=15, initiatives=3, outlets=6)
    out += [
        IngestBatch.model_validate(b.model_dump()) for b in batches(uni, articles=120, per_article=3, days=(0, 120))
    ]
    return sorted(out, key=_first_day)


def _straddling() -> list[IngestBatch]:
    """An article whose headline (Monday, only "says") and lead (Sunday, declines) straddle a week
    boundary, and one report of the same voice each side of it: one claim of four reports."""
    base = next(iter(batches(Universe(seed=4, states=6, people=15, initiatives=3, outlets=6), articles=1)))
    title = "State 2 speaks on troops"
    lead = "Person 7 said State 2 will not send troops to State 0."

    def statement(article: str, start: int, content: str, rel: Relation, day: date) -> Statement:
        codes = codes_for(rel)
        return Statement(
            id=Statement.make_id(article, start, start + len(content)), article_id=article, speaker_id="person-7",
            speaker_mention="Person 7", on_behalf_of_id="state-2", relation=rel, cameo=codes.cameo,
            plover=codes.plover, quad_class=codes.quad_class, goldstein=codes.goldstein,
            targets=[Target(actor_id="state-0")], content=content,
            sentence_span=Span(start=start, end=start + len(content), text=content), date=day, language="en",
            direct=False, confidence=0.8,
        )  # fmt: skip

    def batch(article: str, text: str, *statements: Statement) -> IngestBatch:
        art = Article(id=article, title=title if article == "url:art" else "", text=text, language="en",
                      content_hash=article.ljust(64, "0"))  # fmt: skip
        return IngestBatch(article=art, actors=base.actors, statements=list(statements))

    sunday, monday = date(2026, 1, 25), date(2026, 1, 26)
    assert bucket(sunday, 7) + 1 == bucket(monday, 7)
    start = len(title) + 2
    return [
        batch(
            "url:art",
            f"{title}\n\n{lead}\n",
            statement("url:art", 0, title, Relation.states, monday),
            statement("url:art", start, lead, Relation.declines, sunday),
        ),
        batch("url:b", "", statement("url:b", 0, "State 2 speaks on troops for State 0", Relation.states, monday)),
        batch("url:c", "", statement("url:c", 0, "State 2 sends no troops to State 0", Relation.declines, sunday)),
    ]


def test_a_headline_and_lead_across_a_week_boundary_join_the_two_weeks(tmp_path: Path) -> None:
    articles = _straddling()
    for name, order in (("ordered", articles), ("reversed", articles[::-1])):
        export = _Counted(tmp_path / name)
        got = _files(export, order)
        assert export.groups == 1  # the two weeks grouped together
        assert sum(got["Claim.csv"].values()) == 2  # header and one claim
        assert got == _files(_AllAtOnce(tmp_path / f"{name}-all"), order)


def _first_day(b: IngestBatch) -> str:
    days = [s.date.isoformat() for s in b.statements if s.date is not None]
    return min(days) if days else "9999"


def _norm(field: str) -> str:
    try:
        return repr(round(float(field), 9)) if "." in field else field  # sums added in another order
    except ValueError:
        return field


def _files(export: BulkExport, articles: list[IngestBatch]) -> dict[str, Counter[tuple[str, ...]]]:
    assert not export.ingest_many(articles, batch_size=50).failures
    files = export.finish()
    assert not list(files.directory.glob("*.spill*"))  # the scratch file is gone
    out: dict[str, Counter[tuple[str, ...]]] = {}
    for _, path in [*files.nodes, *files.relationships]:
        with path.open(encoding="utf-8", newline="") as f:
            out[path.name] = Counter(tuple(_norm(v) for v in row) for row in csv.reader(f))
        if path.name in ORDERED:  # a read may follow the order the nodes were created in: the same text
            out[path.name + " text"] = Counter({(path.read_text(encoding="utf-8"),): 1})
    return out


#: The files written in the order of arrival (the statements) or of the claim ids (the counts of the
#: claims, as one grouping of everything makes them): the same text, row for row.
ORDERED = {"Statement.csv", "ClaimCount.csv", "ClaimEdgeCount.csv", "StanceCount.csv", "JoinedEdge.csv"}


@pytest.mark.parametrize("window_days", [7, 2])
def test_bucket_groups_write_the_files_of_grouping_at_once(tmp_path: Path, window_days: int) -> None:
    rules = ClaimRules(window_days=window_days)
    articles = _corpus()
    days = {s.date for b in articles for s in b.statements if s.date is not None}
    buckets = {bucket(d, window_days) for d in days}
    shuffled = articles[:]
    random.Random(5).shuffle(shuffled)
    # in date order, in no order, in reverse date order (actors merge in arrival order, whatever the
    # exporter: the reference gets the same order)
    for name, order in (("ordered", articles), ("shuffled", shuffled), ("reversed", articles[::-1])):
        want = _files(_AllAtOnce(tmp_path / f"{name}-all", rules), order)
        export = _Counted(tmp_path / name, rules)
        assert _files(export, order) == want, name
        assert export.groups >= len(buckets) * 0.9 > 15  # a group a bucket (but where a headline and lead join two)
        assert sum(want["Claim.csv"].values()) < sum(want["Statement.csv"].values())  # some claims join reports
