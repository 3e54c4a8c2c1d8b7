"""Claims in the Neo4j store: schema, the :class:`graph.claims.ClaimBook` of one transaction, reads.

Graph shape::

    (:Statement {claim_id, report_position})-[:REPORTS]->(:Claim {id, relation, date, num_sources, …, data})
    (source:Actor)-[:DECLINES {claim_id, date, cameo, num_reports, num_sources}]->(target:Actor)

One typed actor→actor edge per claim and target (role ``target``), from the actor the
claim speaks for (else its speaker). ``Claim.data`` holds the whole claim as JSON, so it
reads back exactly; the other properties serve queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from neo4j import ManagedTransaction

from graph import claim_counts, neo4j_joined, neo4j_stances
from graph.aggregates import ALL_TIME, CountKey, key_text
from graph.claims import ClaimRules, Near, Report, group, refresh, reports_of, source_key
from graph.cypher import RELATION_TYPES, rel_type
from graph.errors import StoreError
from graph.model import Article, Claim, Statement, TargetRole
from graph.neo4j_counts import CountRows, add_counts

SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
    "CREATE INDEX claim_date IF NOT EXISTS FOR (c:Claim) ON (c.date)",
    "CREATE INDEX claim_sources IF NOT EXISTS FOR (c:Claim) ON (c.num_sources)",
    "CREATE INDEX statement_claim IF NOT EXISTS FOR (s:Statement) ON (s.claim_id)",
    # claim counts kept beside the network counts (graph.claim_counts), one node per key
    "CREATE CONSTRAINT claim_count_key IF NOT EXISTS FOR (c:ClaimCount) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX claim_count_speaker IF NOT EXISTS FOR (c:ClaimCount) ON (c.speaker_id, c.month)",
    "CREATE INDEX claim_count_behalf IF NOT EXISTS FOR (c:ClaimCount) ON (c.on_behalf_of_id, c.month)",
    "CREATE INDEX claim_count_target IF NOT EXISTS FOR (c:ClaimCount) ON (c.target_id, c.month)",
    "CREATE INDEX claim_count_month IF NOT EXISTS FOR (c:ClaimCount) ON (c.month)",
    "CREATE INDEX claim_count_pair IF NOT EXISTS FOR (c:ClaimCount) ON (c.speaker_id, c.on_behalf_of_id, c.month)",
    # and their edge level with all-time rows (graph.claim_counts.edge_deltas)
    "CREATE CONSTRAINT claim_edge_count_key IF NOT EXISTS FOR (c:ClaimEdgeCount) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX claim_edge_count_source IF NOT EXISTS FOR (c:ClaimEdgeCount) ON (c.source_id, c.month)",
    "CREATE INDEX claim_edge_count_target IF NOT EXISTS FOR (c:ClaimEdgeCount) ON (c.target_id, c.month)",
    "CREATE INDEX claim_edge_count_month IF NOT EXISTS FOR (c:ClaimEdgeCount) ON (c.month)",
    *(
        f"CREATE INDEX edge_{t.lower()}_claim IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.claim_id)"
        for t in sorted(RELATION_TYPES)
    ),
)

#: Statement node properties the claims add (not Statement fields).
STATEMENT_DERIVED = frozenset({"report_position", "claim_anchor"})

_REPORT_RETURN = (
    "MATCH (s)-[:REPORTED_IN]->(a:Article) "
    "RETURN s, a.id AS article_id, a.outlet_id AS outlet_id, a.outlet AS outlet, a.url AS url, "
    "a.published_at.epochSeconds AS published_s, a.published_at.nanosecond AS published_ns ORDER BY s.id"
)


def _published(seconds: int | None, nanos: int | None) -> datetime | None:
    """The article's publication instant in UTC (a :class:`Report` keeps it in UTC), from its
    epoch seconds: the driver's own DateTime hydration cost ~40 % of reading a report."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=(nanos or 0) // 1000)


#: Claim count node values (graph.neo4j_counts), ``claims`` first: a node lives while it is above zero.
_CLAIM_VALUES = ("claims", "first", "reports", "sources", "goldstein_sum", "cooperation", "conflict")


def _claim_values(d: claim_counts.ClaimDelta) -> list[Any]:
    return [d.claims, d.first, d.reports, d.sources, float(d.goldstein_sum), d.cooperation, d.conflict]


ToStatement = Callable[[dict[str, Any]], Statement]
ToNative = Callable[[Any], Any]


def claim_props(cl: Claim) -> dict[str, Any]:
    return {
        "id": cl.id,
        "speaker_id": cl.speaker_id,
        "on_behalf_of_id": cl.on_behalf_of_id,
        "relation": cl.relation.value,
        "cameo": cl.cameo,
        "quad_class": cl.quad_class,
        "goldstein": cl.goldstein,
        "date": cl.date,
        "date_to": cl.date_to,
        "num_reports": cl.num_reports,
        "num_articles": cl.num_articles,
        "num_sources": cl.num_sources,
        "confidence": cl.confidence,
        "source_url": cl.source_url,
        "content": cl.content,
        "data": cl.model_dump_json(),
    }


def claim(props: dict[str, Any]) -> Claim:
    return Claim.model_validate_json(props["data"])


#: Claim count node keys (graph.neo4j_counts rows: key, then these, then :data:`_CLAIM_VALUES`).
_CLAIM_KEYS = ("speaker_id", "on_behalf_of_id", "target_id", "relation", "month")
_CLAIM_EDGE_KEYS = ("source_id", "target_id", "relation", "month")


def claim_count_rows(deltas: dict[CountKey, claim_counts.ClaimDelta]) -> tuple[list[CountRows], list[list[Any]]]:
    """The ``ClaimCount`` and ``ClaimEdgeCount`` rows of some claim count deltas (as
    :func:`graph.neo4j_counts.add_counts` takes them), and the claim side of the joined level
    (:func:`graph.neo4j_joined.add_claims`): what the claim book adds (``Neo4jClaimBook._count``),
    and what the bulk load writes as files (graph/neo4j_bulk.py)."""
    edges = claim_counts.edge_deltas(deltas)
    counts: list[CountRows] = [
        ("ClaimCount", _CLAIM_KEYS, _CLAIM_VALUES,
         [[key_text(k), k[0] or None, k[1] or None, k[2] or None, k[3], k[4], *_claim_values(d)]
          for k, d in deltas.items()]),
        ("ClaimEdgeCount", _CLAIM_EDGE_KEYS, _CLAIM_VALUES,
         [[key_text(k), k[0] or None, k[1] or None, k[2], k[3], *_claim_values(d)] for k, d in edges.items()]),
    ]  # fmt: skip
    joined = [[key_text(k), k[0] or None, k[1] or None, k[2], d.claims, d.first, d.sources, float(d.goldstein_sum),
               d.cooperation, d.conflict] for k, d in edges.items() if k[3] == ALL_TIME]  # fmt: skip
    return counts, joined


def place_rows(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """What a statement node keeps of its report (``report_position``, ``claim_anchor``: the
    :data:`STATEMENT_DERIVED` properties): ``{"id", "position", "anchor"}`` per report."""
    return [{"id": r.id, "position": r.position, "anchor": r.day} for r in reports]


def typed_rows(claims: Sequence[Claim]) -> list[list[Any]]:
    """The typed actor→actor edges of some claims: ``[source, target, type, claim id, date, cameo,
    num_reports, num_sources]``, one per claim and target (role ``target``), from the actor the
    claim speaks for (else its speaker)."""
    typed: list[list[Any]] = []
    for cl in claims:
        source = cl.network_source_id
        if not source:
            continue
        t = rel_type(cl.relation.edge_type)
        if t not in RELATION_TYPES:
            raise StoreError(f"{t} is not a relation edge type")
        for target in dict.fromkeys(cl.target_ids()):
            typed.append([source, target, t, cl.id, cl.date, cl.cameo, cl.num_reports, cl.num_sources])
    return typed


class Neo4jClaimBook:
    """The claims of one Neo4j write transaction (a :class:`graph.claims.ClaimBook`).

    ``reports_near`` write-locks the actors it is asked about (in id order) before reading,
    so concurrent writers touching the same speakers regroup one after the other and each
    sees the other's committed reports.
    """

    def __init__(self, tx: ManagedTransaction, to_statement: ToStatement, native: ToNative) -> None:
        self.tx = tx
        self.to_statement = to_statement
        self.native = native
        #: Statements (and articles) written in this transaction whose reports the refresh
        #: running now already holds (its seeds): the neighbour reads leave them out, since
        #: :func:`graph.claims.neighbourhood` drops every report it knows (on a fresh ingest
        #: these are most of what the reads would return).
        self.fresh: frozenset[str] = frozenset()
        self.fresh_articles: frozenset[str] = frozenset()

    def _reports(self, query: str, **params: Any) -> list[Report]:
        out: list[Report] = []
        for row in self.tx.run(query, params):
            props = dict(row["s"])
            published = _published(row["published_s"], row["published_ns"])
            out.append(
                Report(
                    statement=self.to_statement(props),
                    outlet_key=source_key(row["article_id"], row["outlet_id"], row["outlet"], row["url"]),
                    outlet=row["outlet"],
                    url=row["url"],
                    published_at=published,
                    language=props.get("language_effective"),
                    position=props.get("report_position") or "body",
                    anchor=self.native(props["claim_anchor"]) if props.get("claim_anchor") else None,
                )
            )
        return out

    def reports_near(self, near: Near) -> list[Report]:
        return self.reports_near_many([near])

    def reports_near_many(self, nears: list[Near]) -> list[Report]:
        """:meth:`reports_near` of several queries in one round trip (one per bucket and
        relation class of a chunk: hundreds when a chunk spans many weeks): the actors of
        all of them locked in id order, then every bucket's seeks in one statement. A query
        for articles (``article_ids``) reads those articles' reports."""
        articles = sorted({a for n in nears for a in n.article_ids} - self.fresh_articles)
        found = self.reports_of_articles(articles) if articles else []
        nears = [n for n in nears if n.actor_ids and not n.article_ids]
        if not nears:
            return found
        ids = sorted(set().union(*(n.actor_ids for n in nears)))
        self.tx.run("UNWIND $ids AS id MATCH (a:Actor {id: id}) SET a._lock = true REMOVE a._lock", ids=ids).consume()
        # one bucket's queries (one per relation class) share their date range: its actors are
        # sought once, then each found statement is tested against every query of the bucket
        # (a hub speaking in every class was sought once per class before)
        buckets: dict[tuple[date, date], list[Near]] = defaultdict(list)
        for n in nears:
            buckets[(n.first_day, n.last_day)].append(n)
        rows = [
            {
                "lo": lo,
                "hi": hi,
                "speaker_ids": sorted(set().union(*(n.actor_ids for n in group))),
                "behalf_ids": sorted(set().union(*(n.reps | n.open_reps for n in group))),
                "nears": [
                    {
                        "relations": sorted(r.value for r in n.relations),
                        "speakers": sorted(n.speakers),
                        "reps": sorted(n.reps),
                        "open_reps": sorted(n.open_reps),
                        "targets": None if n.targets is None else sorted(n.targets),
                    }
                    for n in group
                ],
            }
            for (lo, hi), group in sorted(buckets.items())
        ]
        return found + self._reports(
            "UNWIND $buckets AS b CALL (b) { "
            "UNWIND b.speaker_ids AS id MATCH (s:Statement) USING INDEX s:Statement(speaker_id, date, id) "
            "WHERE s.speaker_id = id AND s.date >= b.lo AND s.date <= b.hi AND s.id IS NOT NULL "
            "AND NOT s.id IN $fresh RETURN s UNION "
            "UNWIND b.behalf_ids AS id MATCH (s:Statement) USING INDEX s:Statement(on_behalf_of_id, date, id) "
            "WHERE s.on_behalf_of_id = id AND s.date >= b.lo AND s.date <= b.hi AND s.id IS NOT NULL "
            "AND NOT s.id IN $fresh RETURN s } "
            # each found statement's properties and targets are read once, then tested against
            # every query of its bucket (read inside the list predicate, they were read again for
            # each query: 220 of a batch's 420 db hits per statement)
            "WITH b, s, s.relation AS rel, s.speaker_id AS sp, s.on_behalf_of_id AS ob, "
            "coalesce(s.on_behalf_of_id, s.speaker_id) AS voice, "
            "CASE WHEN all(n IN b.nears WHERE n.targets IS NULL) THEN [] "
            "ELSE [(s)-[ab:ABOUT {role: $target}]->() | ab.actor_id] END AS tgs "
            "WHERE any(n IN b.nears WHERE rel IN n.relations AND (sp IN n.speakers OR voice IN n.open_reps "
            "OR (voice IN n.reps AND (sp IS NULL OR sp = ob))) "
            # Near.targets: a statement naming targets names one of them (else it cannot link)
            "AND (n.targets IS NULL OR size(tgs) = 0 OR any(t IN tgs WHERE t IN n.targets))) "
            "WITH DISTINCT s " + _REPORT_RETURN,
            buckets=rows,
            fresh=sorted(self.fresh),
            target=TargetRole.target.value,
        )

    def reports_of_claims(self, claim_ids: set[str]) -> list[Report]:
        return self._reports(
            "MATCH (s:Statement) WHERE s.claim_id IN $ids WITH s " + _REPORT_RETURN, ids=sorted(claim_ids)
        )

    def reports_of_articles(self, article_ids: Sequence[str]) -> list[Report]:
        if not article_ids:
            return []
        return self._reports(
            "UNWIND $ids AS aid MATCH (:Article {id: aid})<-[:REPORTED_IN]-(s:Statement) WITH s " + _REPORT_RETURN,
            ids=list(article_ids),
        )

    def place(self, reports: Sequence[Report]) -> None:
        self.tx.run(
            "UNWIND $rows AS row MATCH (s:Statement {id: row.id}) "
            "SET s.report_position = row.position, s.claim_anchor = row.anchor",
            rows=place_rows(reports),
        ).consume()

    def _drop(self, drop: set[str]) -> None:
        if not drop:
            return
        by_type: dict[str, list[str]] = defaultdict(list)
        for row in self.tx.run(
            "MATCH (c:Claim) WHERE c.id IN $ids RETURN c.id AS id, c.relation AS relation", ids=sorted(drop)
        ):
            by_type[row["relation"].upper()].append(row["id"])
        for edge_type, ids in sorted(by_type.items()):
            t = rel_type(edge_type)
            self.tx.run(f"UNWIND $ids AS cid MATCH ()-[r:{t} {{claim_id: cid}}]->() DELETE r", ids=ids).consume()
        self.tx.run(
            "MATCH (c:Claim) WHERE c.id IN $ids "
            "OPTIONAL MATCH (s:Statement)-[:REPORTS]->(c) REMOVE s.claim_id "
            "WITH DISTINCT c DETACH DELETE c",
            ids=sorted(drop),
        ).consume()

    def replace_claims(self, drop: set[str], claims: list[Claim]) -> None:
        old = [claim(r["c"]) for r in self.tx.run("MATCH (c:Claim) WHERE c.id IN $ids RETURN c", ids=sorted(drop))]
        self._count(claim_counts.combine(claim_counts.negate(claim_counts.tally(old)), claim_counts.tally(claims)))
        self._drop(drop)
        self._write_claims(claims)
        neo4j_stances.refresh(self.tx, drop | {cl.id for cl in claims})

    def _write_claims(self, claims: list[Claim]) -> None:
        if not claims:
            return
        self.tx.run(
            "UNWIND $rows AS row CREATE (c:Claim) SET c = row.props "
            "WITH c, row UNWIND row.sids AS sid MATCH (s:Statement {id: sid}) "
            "SET s.claim_id = c.id CREATE (s)-[:REPORTS]->(c)",
            rows=[{"props": claim_props(cl), "sids": cl.statement_ids} for cl in claims],
        ).consume()
        typed = typed_rows(claims)
        if typed:  # one query for every type: the type is a checked parameter (Neo4j 5.26 dynamic types)
            self.tx.run(
                "UNWIND $rows AS row MATCH (a:Actor {id: row[0]}) MATCH (b:Actor {id: row[1]}) "
                "CREATE (a)-[:$(row[2]) {claim_id: row[3], date: row[4], cameo: row[5], "
                "num_reports: row[6], num_sources: row[7]}]->(b)",
                rows=typed,
            ).consume()

    def _count(self, deltas: dict[CountKey, claim_counts.ClaimDelta]) -> None:
        """Add ``deltas`` to the claim count nodes and their edge level (graph.neo4j_counts)."""
        labels, joined = claim_count_rows(deltas)
        for label, keys, values, rows in labels:
            add_counts(self.tx, label, keys, values, rows)
        neo4j_joined.add_claims(self.tx, joined)

    # -- the write path's call ---------------------------------------------------------
    def written(
        self, articles: Sequence[tuple[Article, Sequence[Statement]]], gone: Sequence[Report], rules: ClaimRules
    ) -> None:
        """After articles' statements were (re)written: place them and regroup their neighbourhood."""
        new = [r for article, statements in articles for r in reports_of(article, statements, rules)]
        self.place(new)
        # every statement of these articles was just written: its report is one of ``new``
        self.fresh = frozenset(r.id for r in new)
        self.fresh_articles = frozenset(article.id for article, _ in articles)
        try:
            refresh(self, new, gone, rules)
        finally:
            self.fresh, self.fresh_articles = frozenset(), frozenset()

    def rebuild(self, rules: ClaimRules, to_article: Callable[[dict[str, Any]], Article]) -> int:
        """Regroup every stored statement; also removes typed edges of the per-statement era."""
        reports: list[Report] = []
        for row in self.tx.run("MATCH (a:Article) RETURN a ORDER BY a.id").data():
            article = to_article(row["a"])
            stored = [r.statement for r in self.reports_of_articles([article.id])]
            placed = reports_of(article, stored, rules)
            self.place(placed)
            reports.extend(placed)
        for t in sorted(RELATION_TYPES):
            self.tx.run(f"MATCH ()-[r:{rel_type(t)}]->() DELETE r").consume()
        self.tx.run("MATCH (c:Claim) DETACH DELETE c").consume()
        self.tx.run("MATCH (c:ClaimCount) DELETE c").consume()
        self.tx.run("MATCH (c:ClaimEdgeCount) DELETE c").consume()
        neo4j_joined.clear_claims(self.tx)
        neo4j_stances.clear(self.tx)
        self.tx.run("MATCH (s:Statement) WHERE s.claim_id IS NOT NULL REMOVE s.claim_id").consume()
        claims = group(reports, rules)
        self.replace_claims(set(), claims)
        return len(claims)
