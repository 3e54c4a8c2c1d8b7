"""GraphStore on a Neo4j 5 server.

Graph shape::

    (:Actor {id, name, kind, qid, country, aliases, search_keys})
    (:Actor)-[:STATED]->(:Statement)-[:ABOUT {role, mention}]->(:Actor)
    (:Statement)-[:REPORTED_IN]->(:Article)-[:PUBLISHED_BY]->(:Actor)
    (:Statement)-[:VIA]->(:Actor)
    (:Statement)-[:ON_BEHALF_OF]->(:Actor)
    (:Actor)-[:HOLDS_ROLE {key, title, from, to}]->(:Actor)
    (:Statement)-[:REPORTS]->(:Claim)
    (source:Actor)-[:DECLINES {claim_id, date, cameo, num_reports, num_sources}]->(target:Actor)

The last line is the typed actor→actor edge: one per claim (graph/claims.py: the reports
of one statement grouped across outlets) and per target with role ``target``; its type is
``Relation.edge_type`` and its source the claim's ``on_behalf_of_id`` or else ``speaker_id``
(see graph/neo4j_claims.py).

Statement nodes hold every scalar field of :class:`Statement` under its own name (``date``
as a Neo4j ``Date``); the nested fields (``targets`` and the ``*_span`` fields) are JSON
strings, so a stored statement reads back equal to the one ingested. Two derived
properties serve queries: ``content_folded`` (full-text index ``statement_content``) and
``language_effective`` (statement language, else the article's). Article datetimes are
``DateTime`` values that keep their UTC offset.

All Cypher goes through :class:`graph.cypher.Cypher`; user values are always parameters.
"""

from __future__ import annotations

import json
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timezone
from typing import Any, cast

from neo4j import GraphDatabase, ManagedTransaction, Query, Record, Result
from neo4j import exceptions as neo4j_errors
from neo4j import graph as neo4j_graph
from neo4j import time as neo4j_time
from neo4j.spatial import Point
from pydantic import TypeAdapter

from graph import activity, links, neo4j_claims, neo4j_joined, neo4j_stances, stance_pieces
from graph.aggregates import (
    ALL_TIME,
    CountKey,
    Delta,
    EdgeKey,
    combine,
    edge_deltas,
    key_text,
    negate,
    pair_deltas,
    speaks_deltas,
    tally,
)
from graph.claim_counts import assemble_joined, assemble_rows, edge_order, joined_arcs
from graph.claims import ClaimRules, refresh
from graph.cypher import RELATION_TYPES, Cypher, rel_type
from graph.cypher_guard import ALLOWED_PROCEDURES, check_read_only
from graph.cypher_sandbox import CypherSandbox
from graph.errors import ConfigError, QueryError, StoreError
from graph.model import (
    ActivityPeriod,
    Actor,
    ActorActivity,
    ActorPartner,
    Article,
    ArticleRevision,
    ArticleSummary,
    Claim,
    ClaimPage,
    ClaimQuery,
    CountUnit,
    GraphCounts,
    IngestBatch,
    Neighbour,
    Network,
    NetworkLinks,
    NetworkQuery,
    NetworkWeights,
    QueryPlan,
    Role,
    SpeaksFor,
    StanceSource,
    Statement,
    StatementBrief,
    StatementPage,
    StatementQuery,
    TargetRole,
    fold,
)
from graph.neo4j_counts import CountRows, add_counts
from graph.settings import redact_url
from graph.store import (
    SORTS,
    SPEAKS,
    UNDATED,
    Capability,
    CypherResult,
    GraphStore,
    activity_counts,
    day_of_key,
    decode_cursor,
    encode_cursor,
    fold_activity,
    merge_actor,
    merge_actors,
    network_actor_ids,
    too_many_statements,
)

FULLTEXT_INDEX = "statement_content"
#: Label of the one node that marks a database as a test database (see ``Neo4jStore.claim_for_tests``).
TEST_MARKER = "DiplographTestOwner"

SCHEMA: tuple[str, ...] = (
    # superseded versions of an article (GraphStore._revise), one per article id and content hash
    "CREATE CONSTRAINT article_revision_key IF NOT EXISTS FOR (r:ArticleRevision) REQUIRE r.key IS UNIQUE",
    "CREATE INDEX article_revision_article IF NOT EXISTS FOR (r:ArticleRevision) ON (r.article_id)",
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)",
    "CREATE INDEX actor_kind IF NOT EXISTS FOR (a:Actor) ON (a.kind)",
    "CREATE INDEX article_published_at IF NOT EXISTS FOR (a:Article) ON (a.published_at)",
    "CREATE INDEX statement_date IF NOT EXISTS FOR (s:Statement) ON (s.date)",
    "CREATE INDEX statement_relation IF NOT EXISTS FOR (s:Statement) ON (s.relation)",
    "CREATE INDEX statement_article IF NOT EXISTS FOR (s:Statement) ON (s.article_id)",
    "CREATE INDEX statement_speaker IF NOT EXISTS FOR (s:Statement) ON (s.speaker_id)",
    "CREATE INDEX statement_on_behalf_of IF NOT EXISTS FOR (s:Statement) ON (s.on_behalf_of_id)",
    # keyset pages of one speaker / represented actor come out of these in (date, id) order
    "CREATE INDEX statement_speaker_date IF NOT EXISTS FOR (s:Statement) ON (s.speaker_id, s.date, s.id)",
    "CREATE INDEX statement_behalf_date IF NOT EXISTS FOR (s:Statement) ON (s.on_behalf_of_id, s.date, s.id)",
    "CREATE INDEX statement_language IF NOT EXISTS FOR (s:Statement) ON (s.language_effective)",
    "CREATE INDEX statement_via IF NOT EXISTS FOR (s:Statement) ON (s.via_id)",
    "CREATE INDEX statement_confidence IF NOT EXISTS FOR (s:Statement) ON (s.confidence)",
    "CREATE INDEX article_outlet_id IF NOT EXISTS FOR (a:Article) ON (a.outlet_id)",
    "CREATE INDEX article_outlet_key IF NOT EXISTS FOR (a:Article) ON (a.outlet_key)",
    # ABOUT edges carry the target id and date, so a target's statements come out of an index
    "CREATE INDEX about_target_date IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.actor_id, r.role, r.date)",
    # network counts kept at ingest (graph.aggregates), one node per key
    "CREATE CONSTRAINT network_count_key IF NOT EXISTS FOR (c:NetworkCount) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX network_count_speaker IF NOT EXISTS FOR (c:NetworkCount) ON (c.speaker_id, c.month)",
    "CREATE INDEX network_count_behalf IF NOT EXISTS FOR (c:NetworkCount) ON (c.on_behalf_of_id, c.month)",
    "CREATE INDEX network_count_target IF NOT EXISTS FOR (c:NetworkCount) ON (c.target_id, c.month)",
    "CREATE INDEX network_count_month IF NOT EXISTS FOR (c:NetworkCount) ON (c.month)",
    "CREATE INDEX network_count_pair IF NOT EXISTS FOR (c:NetworkCount) ON (c.speaker_id, c.on_behalf_of_id, c.month)",
    # the edge and speaks levels (graph.aggregates), each with an all-time row per key
    "CREATE CONSTRAINT edge_count_key IF NOT EXISTS FOR (c:EdgeCount) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX edge_count_source IF NOT EXISTS FOR (c:EdgeCount) ON (c.source_id, c.month)",
    "CREATE INDEX edge_count_target IF NOT EXISTS FOR (c:EdgeCount) ON (c.target_id, c.month)",
    "CREATE INDEX edge_count_month IF NOT EXISTS FOR (c:EdgeCount) ON (c.month)",
    "CREATE CONSTRAINT speaks_count_key IF NOT EXISTS FOR (c:SpeaksCount) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX speaks_count_speaker IF NOT EXISTS FOR (c:SpeaksCount) ON (c.speaker_id, c.month)",
    "CREATE INDEX speaks_count_behalf IF NOT EXISTS FOR (c:SpeaksCount) ON (c.on_behalf_of_id, c.month)",
    "CREATE INDEX speaks_count_month IF NOT EXISTS FOR (c:SpeaksCount) ON (c.month)",
    # the pair levels: reports per (source, target), statements per (speaker, represented actor)
    "CREATE CONSTRAINT edge_pair_key IF NOT EXISTS FOR (c:EdgePair) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX edge_pair_source IF NOT EXISTS FOR (c:EdgePair) ON (c.source_id)",
    "CREATE INDEX edge_pair_target IF NOT EXISTS FOR (c:EdgePair) ON (c.target_id)",
    "CREATE CONSTRAINT speaks_pair_key IF NOT EXISTS FOR (c:SpeaksPair) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX speaks_pair_speaker IF NOT EXISTS FOR (c:SpeaksPair) ON (c.speaker_id)",
    "CREATE INDEX speaks_pair_behalf IF NOT EXISTS FOR (c:SpeaksPair) ON (c.on_behalf_of_id)",
    "CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:Meta) REQUIRE m.key IS UNIQUE",
    "CREATE CONSTRAINT activity_count_key IF NOT EXISTS FOR (c:ActivityCount) REQUIRE c.key IS UNIQUE",
    "CREATE INDEX activity_count_actor IF NOT EXISTS FOR (c:ActivityCount) ON (c.actor_id, c.level, c.bucket)",
    # the all-time report and claim edge rows side by side, for ego networks (graph/neo4j_joined.py)
    *neo4j_joined.SCHEMA,
    # claims: constraint on the id; typed actor->actor edges are found by claim id
    *neo4j_claims.SCHEMA,
    *neo4j_stances.SCHEMA,
    # Folded copy of the content, split on whitespace: case, diacritics and punctuation
    # are folded exactly as graph.model.fold does (the SQLite store's FTS5 does the same).
    f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (s:Statement) ON EACH [s.content_folded] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
)

#: Statement fields stored as JSON strings.
_NESTED = frozenset({"targets", "speaker_span", "content_span", "cue_span", "sentence_span"})
#: Derived properties that are not Statement / Article / Actor fields.
_STATEMENT_DERIVED = frozenset({"content_folded", "language_effective"}) | neo4j_claims.STATEMENT_DERIVED
_ARTICLE_DERIVED = frozenset({"outlet_key"})
_ACTOR_DERIVED = frozenset({"search_keys"})


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')

#: Plan operators that read every node of a label, every relationship of a type or a whole index.
_SCANS = frozenset(
    {
        "AllNodesScan", "NodeByLabelScan", "UnionNodeByLabelsScan", "IntersectionNodeByLabelsScan",
        "NodeIndexScan", "NodeIndexContainsScan", "NodeIndexEndsWithScan", "DirectedAllRelationshipsScan",
        "UndirectedAllRelationshipsScan", "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
        "DirectedUnionRelationshipTypesScan", "UndirectedUnionRelationshipTypesScan", "DirectedRelationshipIndexScan",
        "UndirectedRelationshipIndexScan", "DirectedRelationshipIndexContainsScan", "DirectedRelationshipIndexEndsWithScan",
    }
)  # fmt: skip
_FORBIDDEN_OPERATORS = ("LoadCSV", "AdministrationCommand", "Create", "Merge", "Delete", "DetachDelete", "Set",
                        "Remove", "Foreach", "TransactionForeach", "TransactionApply", "SystemProcedureCall")  # fmt: skip


def lucene_query(text: str) -> str | None:
    """Full-text query for user text: every folded word must occur (AND), nothing is syntax.

    Examples
    --------
    >>> lucene_query("KEY Player!")
    '+"key" +"player"'
    >>> lucene_query('*:* OR (content:x~ "a')
    '+"or" +"content" +"x" +"a"'
    >>> lucene_query(" ~!@ ") is None
    True
    """
    words = fold(text).split()[:32]
    if not words:
        return None
    escaped = (_LUCENE_SPECIAL.sub(r"\\\1", w) for w in words)
    return " ".join(f'+"{w}"' for w in escaped)


def _fixed_offset(value: datetime | None) -> datetime | None:
    """The same instant and wall time with a plain fixed-offset tzinfo."""
    if value is None:
        return None
    offset = value.utcoffset()
    return value if offset is None else value.replace(tzinfo=timezone(offset))


def _native(value: Any) -> Any:
    """Driver temporal values → Python ``date`` / ``datetime`` (keeping the offset)."""
    if isinstance(value, neo4j_time.DateTime):
        return _fixed_offset(value.to_native())
    if isinstance(value, neo4j_time.Date):
        return value.to_native()
    return value


def plain(value: Any) -> Any:
    """A JSON-friendly Python value for anything a Cypher query returns."""
    if isinstance(value, neo4j_graph.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j_graph.Relationship):
        return {
            "_type": value.type,
            "_start": value.start_node.get("id") if value.start_node is not None else None,
            "_end": value.end_node.get("id") if value.end_node is not None else None,
            **{k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j_graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, neo4j_time.DateTime | neo4j_time.Date | neo4j_time.Time):
        return _native(value) if not isinstance(value, neo4j_time.Time) else value.iso_format()
    if isinstance(value, neo4j_time.Duration):
        return value.iso_format()
    if isinstance(value, Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


# -- model <-> node properties -----------------------------------------------------------
def _actor_props(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "qid": actor.qid,
        "country": actor.country,
        "aliases": list(actor.aliases),
        "search_keys": actor.search_keys(),
    }


def _actor(props: dict[str, Any]) -> Actor:
    return Actor.model_validate({k: v for k, v in props.items() if k not in _ACTOR_DERIVED})


def _article_props(art: Article) -> dict[str, Any]:
    props = art.model_dump(mode="json")
    props["published_at"] = _fixed_offset(art.published_at)
    props["modified_at"] = _fixed_offset(art.modified_at)
    props["outlet_key"] = fold(art.outlet) if art.outlet else None
    return props


def _article(props: dict[str, Any]) -> Article:
    return Article.model_validate({k: _native(v) for k, v in props.items() if k not in _ARTICLE_DERIVED})


def _statement_props(st: Statement, article_language: str | None) -> dict[str, Any]:
    props = st.model_dump(mode="json")
    for key in _NESTED:
        if props[key] is not None:
            props[key] = json.dumps(props[key], ensure_ascii=False, sort_keys=True)
    props["date"] = st.date
    props["content_folded"] = fold(st.content)
    props["language_effective"] = st.language or article_language
    return props


def _statement(props: dict[str, Any]) -> Statement:
    data: dict[str, Any] = {}
    for key, value in props.items():
        if key in _STATEMENT_DERIVED:
            continue
        data[key] = json.loads(value) if key in _NESTED and isinstance(value, str) else _native(value)
    return Statement.model_validate(data)


def _role(row: Record) -> Role:
    return Role(
        person_id=row["person_id"],
        org_id=row["org_id"],
        title=row["title"],
        start=_native(row["start"]),
        end=_native(row["end"]),
    )


# -- Cypher texts ------------------------------------------------------------------------
_ROLE_RETURN = (
    "RETURN p.id AS person_id, o.id AS org_id, r.title AS title, r.`from` AS start, r.`to` AS end "
    "ORDER BY person_id, org_id, title, start IS NOT NULL, start"
)


#: The ABOUT date of an undated statement. A composite index holds only relationships that have
#: every property, so a null date would hide the statement from a target's index seek; the
#: statement's own date stays null and every date filter also tests ``s.date``.
ABOUT_UNDATED = date.max


def _about_day(st: Statement) -> date:
    return st.date if st.date is not None else ABOUT_UNDATED


#: Single-property indexes that can drive a statement query, most selective first.
_DRIVERS = (
    ("article_id", "article_id"),
    ("claim_id", "claim_id"),
    ("via_ids", "via_id"),
    ("relations", "relation"),
    ("language", "language_effective"),
    ("date_from", "date"),
    ("date_to", "date"),
    ("min_confidence", "confidence"),
)


def _driver(q: StatementQuery) -> str:
    """The MATCH that produces ``s``: always from an index (the planner is told which, so a
    small or fresh graph gets the same plan as a large one; tests check it with EXPLAIN)."""
    if q.q and lucene_query(q.q):
        return f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $fts) YIELD node AS s"
    if q.target_ids is not None and not q.article_id and not q.claim_id:
        days = (
            "".join(
                f" AND ab.date {op} ${name}"
                for op, name, value in ((">=", "date_from", q.date_from), ("<=", "date_to", q.date_to))
                if value
            )
            or " AND ab.date IS NOT NULL"
        )  # every ABOUT has a date (an undated statement's is ABOUT_UNDATED); the composite hint needs all three
        return (
            "MATCH (s:Statement)-[ab:ABOUT]->() USING INDEX SEEK ab:ABOUT(actor_id, role, date) "
            f"WHERE ab.actor_id IN $target_ids AND ab.role = $target_role{days} "
            + ("WITH s" if len(q.target_ids) == 1 else "WITH DISTINCT s")
        )
    if q.speaker_ids is not None and not q.article_id and not q.claim_id:
        return (
            "CALL () { MATCH (s:Statement) USING INDEX SEEK s:Statement(speaker_id) WHERE s.speaker_id IN $speaker_ids "
            "RETURN s UNION MATCH (s:Statement) USING INDEX SEEK s:Statement(on_behalf_of_id) "
            "WHERE s.on_behalf_of_id IN $speaker_ids RETURN s } WITH s"
        )
    if q.outlet and not q.article_id and not q.claim_id and q.via_ids is None:
        return (
            "CALL () { MATCH (a:Article) USING INDEX SEEK a:Article(outlet_id) WHERE a.outlet_id = $outlet RETURN a UNION "
            "MATCH (a:Article) USING INDEX SEEK a:Article(outlet_key) WHERE a.outlet_key = $outlet_key RETURN a } "
            # a correlated subquery expands from each article: the planner cannot turn it into a
            # walk over the whole date index to serve ORDER BY ... LIMIT
            "CALL (a) { MATCH (s:Statement)-[:REPORTED_IN]->(a) RETURN s } WITH s"
        )
    for field, prop in _DRIVERS:
        if getattr(q, field) not in (None, 0.0, ""):
            return f"MATCH (s:Statement) USING INDEX SEEK s:Statement({prop})"
    return "MATCH (s:Statement)"


def _statement_filter(q: StatementQuery) -> tuple[str, str, dict[str, Any]]:
    """(MATCH clause, WHERE clause, parameters) for a StatementQuery; values only as parameters."""
    where: list[str] = []
    params: dict[str, Any] = {}
    match = _driver(q)
    if match.startswith("CALL db.index.fulltext"):
        params["fts"] = lucene_query(q.q or "")
    if q.speaker_ids is not None:
        params["speaker_ids"] = q.speaker_ids
        if "s:Statement(speaker_id)" not in match:  # the speaker driver finds exactly these: no property reads
            where.append("(s.speaker_id IN $speaker_ids OR s.on_behalf_of_id IN $speaker_ids)")
    if q.target_ids is not None:
        params["target_ids"] = q.target_ids
        params["target_role"] = TargetRole.target.value
        if "ab:ABOUT(actor_id" not in match:
            where.append(
                "EXISTS { MATCH (s)-[ab:ABOUT]->() WHERE ab.role = $target_role AND ab.actor_id IN $target_ids }"
            )
    if q.about_ids is not None:
        where.append("EXISTS { MATCH (s)-[:ABOUT]->(t:Actor) WHERE t.id IN $about_ids }")
        params["about_ids"] = q.about_ids
    if q.relations is not None:
        where.append("s.relation IN $relations")
        params["relations"] = [r.value for r in q.relations]
    if q.cameo:
        where.append("s.cameo STARTS WITH $cameo")
        params["cameo"] = q.cameo
    if q.plover:
        where.append("s.plover = $plover")
        params["plover"] = q.plover.upper()
    if q.quad_class is not None:
        where.append("s.quad_class = $quad_class")
        params["quad_class"] = q.quad_class
    if q.language:
        where.append("s.language_effective = $language")
        params["language"] = q.language
    if q.outlet:
        params["outlet"] = q.outlet
        params["outlet_key"] = fold(q.outlet)
        if "a.outlet_id = $outlet RETURN a" not in match:
            where.append(
                "EXISTS { MATCH (s)-[:REPORTED_IN]->(a:Article) WHERE a.outlet_id = $outlet OR a.outlet_key = $outlet_key }"
            )
    if q.via_ids is not None:
        where.append("s.via_id IN $via_ids")
        params["via_ids"] = q.via_ids
    if q.article_id:
        where.append("s.article_id = $article_id")
        params["article_id"] = q.article_id
    if q.claim_id:
        where.append("s.claim_id = $claim_id")
        params["claim_id"] = q.claim_id
    if q.date_from:
        where.append("s.date >= $date_from")
        params["date_from"] = q.date_from
    if q.date_to:
        where.append("s.date <= $date_to")
        params["date_to"] = q.date_to
    if q.min_confidence:
        where.append("s.confidence >= $min_confidence")
        params["min_confidence"] = q.min_confidence
    return match, (" WHERE " + " AND ".join(where)) if where else "", params


def _speaker_ordered(q: StatementQuery, match: str, after: tuple[Any, str] | None) -> bool:
    """Whether a page of ``q`` can come out of the speakers' (date, id) indexes in order: it is
    driven by its speakers (``match``, see :func:`_driver`), sorted by date, and does not start
    inside the undated statements (``after``: the decoded cursor)."""
    return "s:Statement(speaker_id)" in match and SORTS[q.sort][0] == "date" and not (after and after[0] is None)


#: Whether any of the actors $ids speaks (or is spoken for) in an undated statement: the
#: network counts of month '' (graph.aggregates.month_of), one index seek per actor.
_UNDATED_SPEAKING = (
    "RETURN EXISTS { MATCH (c:NetworkCount) USING INDEX SEEK c:NetworkCount(speaker_id, month) "
    "WHERE c.speaker_id IN $speaker_ids AND c.month = '' } "
    "OR EXISTS { MATCH (c:NetworkCount) USING INDEX SEEK c:NetworkCount(on_behalf_of_id, month) "
    "WHERE c.on_behalf_of_id IN $speaker_ids AND c.month = '' } AS undated"
)

#: The properties a page returns for each statement, as one list: the model's fields (the
#: derived ones stay on the server), no node to build in the driver.
_STATEMENT_FIELDS = tuple(Statement.model_fields)
_STATEMENT_ROW = "[" + ", ".join(f"s.`{name}`" for name in _STATEMENT_FIELDS) + "]"


def _statement_row(row: list[Any]) -> Statement:
    """A statement from a :data:`_STATEMENT_ROW` list (a node holds no null property: absent
    ones are left out, as when the node itself is read)."""
    return _statement({k: v for k, v in zip(_STATEMENT_FIELDS, row, strict=True) if v is not None})


def _speaker_page(
    q: StatementQuery,
    where: str,
    params: dict[str, Any],
    after: tuple[Any, str] | None,
    desc: bool,
    ret: str = "RETURN s",
) -> tuple[str, dict[str, Any]]:
    """One page of a query driven by its speakers, sorted by date, dated statements only.

    For each speaker, the first ``limit`` statements it speaks and the first ``limit`` it is
    spoken for are read in (date, id) order from the composite indexes (the planner provides
    the order: no sort of the speaker's statements), then merged. A hub's first page reads
    about 2 x ``limit`` index entries instead of every statement it ever spoke."""
    direction = "DESC" if desc else "ASC"
    terms = [where[len(" WHERE ") :]] if where else []
    if after is not None:
        op = "<" if desc else ">"
        terms.append(f"s.date {op}= $after_key AND (s.date {op} $after_key OR s.id {op} $after_id)")
        params = {**params, "after_key": after[0], "after_id": after[1]}
    elif q.date_from is None and q.date_to is None:
        terms.append("s.date IS NOT NULL")
    tail = " AND ".join([*terms, "s.id IS NOT NULL"])
    branches = [
        f"MATCH (s:Statement) USING INDEX SEEK s:Statement({prop}, date, id) WHERE s.{prop} = x AND {tail} "
        f"RETURN s ORDER BY s.{prop} {direction}, s.date {direction}, s.id {direction} LIMIT $limit"
        for prop in ("speaker_id", "on_behalf_of_id")
    ]  # the equality key in ORDER BY lets the planner take the index order (else it sorts every row)
    text = (
        "UNWIND $speaker_ids AS x CALL (x) { " + " UNION ".join(branches) + " } "
        f"WITH DISTINCT s ORDER BY s.date {direction}, s.id {direction} LIMIT $limit {ret}"
    )
    return text, {**params, "limit": q.limit + 1}


#: The source of the pair level's row with the fewest reports (GraphStore.warm_up_actor).
_WARM_UP_ACTOR = "MATCH (c:EdgePair) WHERE c.target_id <> c.source_id RETURN c.source_id AS a ORDER BY c.reports, c.source_id, c.target_id LIMIT 1"


def _speaker_page_at_once(q: StatementQuery) -> tuple[str, dict[str, Any]]:
    """A page of a query driven by its speakers in date order in ONE query (one round trip
    instead of three): whether a speaker has undated statements (``undated``: then the page
    must be read without the date indexes, see :meth:`Neo4jStore.list_statements`), the page
    as :data:`_STATEMENT_ROW` lists in order (``rows``, one more than fits) and, on a first
    page that has more, the total (``n``; null otherwise)."""
    _, where, params = _statement_filter(q)
    after = decode_cursor(q.cursor, q.sort)
    page, params = _speaker_page(q, where, params, after, SORTS[q.sort][1], f"RETURN collect({_STATEMENT_ROW}) AS rows")
    check = q.date_from is None and q.date_to is None  # a date range leaves the undated out
    text = f"CALL () {{ {_UNDATED_SPEAKING if check else 'RETURN false AS undated'} }} CALL () {{ {page} }} "
    if q.cursor is not None:  # the total is counted once, on the first page
        return text + "RETURN undated, rows, null AS n", params
    count, count_params = _count_cypher(q)
    clash = {k for k in count_params.keys() & params.keys() if count_params[k] != params[k]}
    assert not clash, clash  # both are made from the one query
    text += f"CALL (rows) {{ WITH rows WHERE size(rows) = $limit {count} }} RETURN undated, rows, n"
    return text, {**count_params, **params}


def _target_page(
    q: StatementQuery, match: str, where: str, params: dict[str, Any], after: tuple[Any, str] | None, desc: bool
) -> tuple[str, dict[str, Any]]:
    """One page of a query driven by its targets, sorted by date.

    For each target, its first ``limit`` ABOUT edges come out of the (actor_id, role, date)
    index in date order (an undated statement's edge carries ABOUT_UNDATED, after every date,
    as Cypher puts a null date), ties broken by statement id over the edges of one date only;
    then merged. A month of the most targeted actor at 1M statements is ~8,000 edges: the
    page reads those of its last day or two instead of sorting them all."""
    direction = "DESC" if desc else "ASC"
    seek = match[match.index("WHERE ") + len("WHERE ") : match.rindex(" WITH ")].replace(
        "ab.actor_id IN $target_ids", "ab.actor_id = x"
    )
    terms = [seek, *([where[len(" WHERE ") :]] if where else [])]
    if after is not None:
        terms.append(_after("s", "date", desc, after[0] is None))
        if after[0] is not None:  # the index range starts at the cursor's day
            terms.append(f"ab.date {'<' if desc else '>'}= $after_key")
        params = {**params, "after_key": after[0], "after_id": after[1]}
    text = (
        "UNWIND $target_ids AS x CALL (x) { MATCH (s:Statement)-[ab:ABOUT]->() "
        f"USING INDEX SEEK ab:ABOUT(actor_id, role, date) WHERE {' AND '.join(terms)} "
        f"WITH s, ab ORDER BY ab.actor_id {direction}, ab.role {direction}, ab.date {direction}, s.id {direction} "
        "LIMIT $limit RETURN s } "  # the equality keys in ORDER BY let the planner take the index order
        f"WITH DISTINCT s ORDER BY s.date {direction}, s.id {direction} LIMIT $limit RETURN s"
    )
    return text, {**params, "limit": q.limit + 1}


def _count_cypher(q: StatementQuery) -> tuple[str, dict[str, Any]]:
    """The total of a statement query.

    Filtered by speakers (and relations) alone, it is summed from the all-time edge and speaks
    counts (graph.aggregates), a row per (source, target, relation) instead of an index entry
    per statement: statements whose represented actor is one of them, or whose speaker is one
    of them and speaks for nobody (edge rows of that source), plus those where one of them
    speaks for an actor outside the set (speaks rows). Otherwise the statements are counted.
    """
    rest = q.model_copy(update={"speaker_ids": None, "relations": None, "sort": "-date", "cursor": None, "limit": 50})
    if q.speaker_ids is not None and rest == StatementQuery():
        rel = " AND c.relation IN $relations" if q.relations is not None else ""
        params: dict[str, Any] = {} if q.relations is None else {"relations": [r.value for r in q.relations]}
        if len(set(q.speaker_ids)) == 1:
            # one speaker: the statements it gives (speaks or is spoken for) summed from its month
            # activity rows (graph.activity), one per month and relation (312 at 1M statements),
            # however many edge rows it has (6,496 for the top speaker)
            text = (
                "MATCH (c:ActivityCount) USING INDEX SEEK c:ActivityCount(actor_id, level, bucket) "
                f"WHERE c.actor_id = $speaker AND c.level = $level AND c.bucket IS NOT NULL{rel} RETURN sum(c.given) AS n"
            )
            return text, {**params, "speaker": q.speaker_ids[0], "level": activity.MONTH}
        text = (
            "CALL () { MATCH (c:EdgeCount) USING INDEX SEEK c:EdgeCount(source_id, month) "
            f"WHERE c.source_id IN $speaker_ids AND c.month = $all_time{rel} RETURN c.statements AS n UNION ALL "
            "MATCH (c:SpeaksCount) USING INDEX SEEK c:SpeaksCount(speaker_id, month) "
            "WHERE c.speaker_id IN $speaker_ids AND c.month = $all_time "
            f"AND NOT c.on_behalf_of_id IN $speaker_ids{rel} RETURN c.statements AS n }} RETURN sum(n) AS n"
        )
        return text, {**params, "speaker_ids": q.speaker_ids, "all_time": ALL_TIME}
    match, where, params = _statement_filter(q)
    rest = q.model_copy(update={"target_ids": None, "date_from": None, "date_to": None, "sort": "-date", "cursor": None,
                                "limit": 50})  # fmt: skip
    if "ab:ABOUT(actor_id" in match and len(q.target_ids or []) == 1 and rest == StatementQuery():
        # one target and dates alone: its ABOUT edges, counted in the index (as the page's
        # ``WITH s`` counts them) without reading a statement
        return (
            f"MATCH ()-[ab:ABOUT]->(){match[match.index(' USING') : match.rindex(' WITH ')]} RETURN count(ab) AS n",
            params,
        )
    return f"{match}{where} RETURN count(s) AS n", params


class _Params:
    """Named parameters of a query being written."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def __call__(self, value: Any) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return "$" + name


def _months(q: NetworkQuery, p: _Params, var: str, *, all_time: bool) -> str:
    """Month terms: the all-time rows (edge and speaks levels) or the months of a range."""
    if not q.month_from and not q.month_to:
        return f"{var}.month = {p(ALL_TIME)}" if all_time else "true"
    return f"{var}.month >= {p(q.month_from or '0000-00')} AND {var}.month <= {p(q.month_to or '9999-99')}"


def _relations(q: NetworkQuery, p: _Params, var: str) -> str:
    return f"{var}.relation IN {p([r.value for r in q.relations])}" if q.relations is not None else "true"


#: What follows the source in the key of an edge row without a target (graph.aggregates.key_text).
_NO_TARGET = "|" + key_text(("",)) + "|"

#: Summed properties of the report counts and of the claim counts (graph.claim_counts).
_REPORT_COLUMNS = ("reports", "statements", "goldstein_sum", "cooperation", "conflict")
_CLAIM_COLUMNS = ("claims", "first", "sources", "goldstein_sum", "cooperation", "conflict")


def _speaking_for_others(who: str, p: _Params, person_label: str) -> str:
    """Pairs where an actor of ``who`` (a parameter) speaks for an actor outside it, from the
    all-time speaks level; then the person-level rows of each pair, through the pair index."""
    return (
        f"MATCH (sc:SpeaksCount) WHERE sc.speaker_id IN {who} AND sc.month = {p(ALL_TIME)} "
        f"AND NOT sc.on_behalf_of_id IN {who} "
        "WITH DISTINCT sc.speaker_id AS sp, sc.on_behalf_of_id AS ob "
        f"MATCH (c:{person_label}) USING INDEX SEEK c:{person_label}(speaker_id, on_behalf_of_id, month) "
        "WHERE c.speaker_id = sp AND c.on_behalf_of_id = ob AND c.month IS NOT NULL"
    )


def _edge_cypher(
    q: NetworkQuery, edge_label: str, person_label: str, columns: tuple[str, ...]
) -> tuple[str, dict[str, Any]]:
    """Edges of a network query summed per (source, target, relation) (see sqlite_store._edge_sql)."""
    if q.actor_ids is not None and q.speaker_ids is not None:
        raise QueryError("a network query takes actor_ids or speaker_ids, not both")
    who = q.actor_ids if q.actor_ids is not None else q.speaker_ids
    p = _Params()
    common = [_months(q, p, "c", all_time=True), _relations(q, p, "c")]
    if q.target_ids is not None:
        common.append(f"c.target_id IN {p(q.target_ids)}")
    within = common[:]
    if q.within_ids is not None:
        w = p(q.within_ids)
        common.append(f"c.source_id IN {w} AND (c.target_id IS NULL OR c.target_id IN {w})")

    def ret(src: str) -> str:
        return f"RETURN {src} AS src, c.target_id AS tgt, c.relation AS rel, " + ", ".join(
            f"c.{col} AS {col}" for col in columns
        )

    branches: list[str] = []
    ego = q.actor_ids is not None and q.within_ids is not None
    if who is None and not q.month_from and not q.month_to:  # all-time rows: one per (source, target, relation)
        listed = ", ".join(f"c.{col}" for col in ("source_id", "target_id", "relation", *columns))
        return f"MATCH (c:{edge_label}) WHERE {' AND '.join(common)} RETURN collect([{listed}]) AS rows", p.values
    if who is None:
        branches.append(f"MATCH (c:{edge_label}) WHERE {' AND '.join(common)} {ret('c.source_id')}")
    else:
        a = p(who)
        if ego:
            # an ego network: both ends among a few hundred actors, one of them a member. Rows
            # to a target of the set come from one seek of its targets (not every row from a
            # member as well); rows without a target from the keys' prefix, member by member
            # (no index holds a missing target; the key is graph.aggregates.key_text's).
            w = p(q.within_ids)
            tail = " AND ".join(within)
            branches.append(
                f"MATCH (c:{edge_label}) USING INDEX SEEK c:{edge_label}(target_id, month) WHERE c.target_id IN {w} "
                f"AND c.source_id IN {w} AND (c.source_id IN {a} OR c.target_id IN {a}) AND {tail} {ret('c.source_id')}"
            )
            branches.append(
                f"UNWIND {a} AS s MATCH (c:{edge_label}) USING INDEX SEEK c:{edge_label}(key) "
                f"WHERE c.key STARTS WITH s + {p(_NO_TARGET)} AND c.target_id IS NULL AND c.source_id = s "
                f"AND c.source_id IN {w} AND {tail} {ret('c.source_id')}"
            )
        else:
            branches.append(
                f"MATCH (c:{edge_label}) WHERE c.source_id IN {a} AND {' AND '.join(common)} {ret('c.source_id')}"
            )
        if q.actor_ids is not None and q.within_ids is None:  # rows about a member, from a source outside the set
            branches.append(
                f"MATCH (c:{edge_label}) WHERE c.target_id IN {a} AND (c.source_id IS NULL OR NOT c.source_id IN {a}) "
                f"AND {' AND '.join(common)} {ret('c.source_id')}"
            )
        terms = [_months(q, p, "c", all_time=False), _relations(q, p, "c")]
        if q.actor_ids is not None:
            terms.append(f"(c.target_id IS NULL OR NOT c.target_id IN {a})")
        if q.target_ids is not None:
            terms.append(f"c.target_id IN {p(q.target_ids)}")
        if q.within_ids is not None:
            w = p(q.within_ids)
            terms.append(f"c.on_behalf_of_id IN {w} AND (c.target_id IS NULL OR c.target_id IN {w})")
        spoken = f"{_speaking_for_others(a, p, person_label)} AND {' AND '.join(terms)} {ret('c.on_behalf_of_id')}"
        branches.append(spoken)
    sums = ", ".join(f"sum({col}) AS {col}" for col in columns)
    if ego and not q.month_from and not q.month_to:
        # The two member branches read all-time rows, one per (source, target, relation), and
        # share no key (a target or none); the person-level rows have neither end a member, so
        # no key of the others: only they are summed (thousands of rows around a hub otherwise
        # go through the server's aggregation for nothing).
        listed = ", ".join(("src", "tgt", "rel", *columns))
        summed = f"CALL () {{ {spoken} }} WITH src, tgt, rel, {sums} RETURN {listed}"
        text = "CALL () { " + " UNION ALL ".join([*branches[:-1], summed]) + f" }} RETURN collect([{listed}]) AS rows"
        return text, p.values
    text = (  # one record of lists (a record per edge costs far more, server and driver); the caller sorts
        "CALL () { " + " UNION ALL ".join(branches) + f" }} WITH src, tgt, rel, {sums} "
        f"RETURN collect([src, tgt, rel, {', '.join(columns)}]) AS rows"
    )
    return text, p.values


def _joined(q: NetworkQuery) -> bool:
    """Whether the joined level answers ``q``'s edges: all time, and either the whole network
    (at most filtered by relation, targets or a set both ends are in) or an ego network
    (members and the set around them, at most filtered by relation) (graph/neo4j_joined.py)."""
    if q.speaker_ids is not None or q.month_from or q.month_to:
        return False
    return q.actor_ids is None or (q.within_ids is not None and q.target_ids is None)


#: An ego network with more actors around it than this (depth 2 around a hub: 101, ~12,000
#: joined rows at 1M) reads its joined rows in two halves at once (:func:`_joined_parts`).
SPLIT_WITHIN = 64


def _joined_parts(q: NetworkQuery, actors: bool = False) -> list[tuple[str, dict[str, Any]]]:
    """The queries whose records, added up key by key, are :func:`_joined_cypher`'s one record:
    that query alone; or, for an ego network of more than :data:`SPLIT_WITHIN` actors, the
    joined rows whose targets are every other actor of the set (sorted), and the record of
    the rest of the targets. The server runs one query on one core: run at once
    (:meth:`Neo4jStore.network`), the halves take about half the time on a machine with a
    second core free (bench/README.md "Twelfth session (neoego5)"). With ``actors``, the first
    record also holds ``actors``: the properties of every actor of an ego network's set."""
    if q.actor_ids is None or q.within_ids is None or len(q.within_ids) <= SPLIT_WITHIN:
        return [_joined_cypher(q, actors=actors)]
    targets = sorted(set(q.within_ids))
    return [_joined_cypher(q, targets[::2], rest=False, actors=actors), _joined_cypher(q, targets[1::2])]


def _joined_cypher(
    q: NetworkQuery, targets: list[str] | None = None, *, rest: bool = True, actors: bool = False
) -> tuple[str, dict[str, Any]]:
    """A network (:func:`_joined`) in ONE record: ``joined``, its all-time rows from the joined
    level, report and claim counts side by side, packed (:func:`graph.claim_counts.assemble_joined`'s
    rows); ``reports`` / ``claims``, for an ego network the
    person-level rows of members speaking for actors outside the members, summed per (source,
    target, relation) as :func:`_edge_cypher` sums them (no key of the joined rows: see there);
    ``speaks``, the speaks_for rows (:func:`_speaks_cypher`). For an ego network, ``targets``
    (of the set) restricts the joined rows that have a target to those targets, and without
    ``rest`` the record holds only those rows, and with ``actors`` it holds ``actors`` too, the
    properties of every actor of the set (:func:`_joined_parts`)."""
    if not _joined(q):
        raise QueryError("the joined level answers all-time networks of the whole graph or of an ego only")
    p = _Params()
    # the packed values (graph/neo4j_joined.py): two property reads a node instead of twelve
    ret = "RETURN [c.source_id, c.target_id, c.counts, c.sums] AS row"
    packed_rel = "true"
    if q.relations is not None:
        packed_rel = f"c.counts[0] IN {p([neo4j_joined.RELATION_CODES.index(r.value) for r in q.relations])}"
    speaks = f"CALL () {{ {_speaks_cypher(q, p, 'speaks')[0]} }} RETURN joined, reports, claims, speaks"
    if q.actor_ids is None:  # the whole network, as _edge_cypher's all-time rows
        terms = [packed_rel]
        if q.target_ids is not None:
            terms.append(f"c.target_id IN {p(q.target_ids)}")
        if q.within_ids is not None:
            w = p(q.within_ids)
            terms.append(f"c.source_id IN {w} AND (c.target_id IS NULL OR c.target_id IN {w})")
        return (
            f"CALL () {{ MATCH (c:JoinedEdge) WHERE {' AND '.join(terms)} {ret} }} "
            f"WITH collect(row) AS joined "  # one record, rows or none
            f"WITH joined, [] AS reports, [] AS claims {speaks}"
        ), p.values
    a, w, rel = p(q.actor_ids), p(q.within_ids), _relations(q, p, "c")
    # one seek of the targets with every source (``>= ''``: a range over the index's second
    # property, so the sources come from the index; ``IN`` on both would seek every pair)
    targeted = (
        f"MATCH (c:JoinedEdge) USING INDEX SEEK c:JoinedEdge(target_id, source_id) "
        f"WHERE c.target_id IN {w if targets is None else p(targets)} "
        f"AND c.source_id >= '' AND c.source_id IN {w} AND (c.source_id IN {a} OR c.target_id IN {a}) AND {packed_rel} {ret}"
    )
    got = "WITH collect(row) AS joined "  # one record, rows or none
    if actors:
        got += f"CALL () {{ MATCH (a:Actor) WHERE a.id IN {w} RETURN collect(properties(a)) AS actors }} "
    listed = ", actors" if actors else ""
    if not rest:
        return (
            f"CALL () {{ {targeted} }} {got}RETURN joined, [] AS reports, [] AS claims, [] AS speaks{listed}",
            p.values,
        )
    joined = (  # the two member branches of _edge_cypher's ego case, on the joined level
        f"{targeted} UNION ALL UNWIND {a} AS s MATCH (c:JoinedEdge) USING INDEX SEEK c:JoinedEdge(key) "
        f"WHERE c.key STARTS WITH s + {p(_NO_TARGET)} AND c.target_id IS NULL AND c.source_id = s "
        f"AND c.source_id IN {w} AND {packed_rel} {ret}"
    )

    def person(label: str, columns: tuple[str, ...], name: str) -> str:
        terms = (
            f"{rel} AND (c.target_id IS NULL OR NOT c.target_id IN {a}) "
            f"AND c.on_behalf_of_id IN {w} AND (c.target_id IS NULL OR c.target_id IN {w})"
        )
        cols = ", ".join(columns)
        inner = f"{_speaking_for_others(a, p, label)} AND {terms} RETURN c.on_behalf_of_id AS src, " + (
            "c.target_id AS tgt, c.relation AS rel, " + ", ".join(f"c.{col} AS {col}" for col in columns)
        )
        sums = ", ".join(f"sum({col}) AS {col}" for col in columns)
        return (
            f"CALL () {{ CALL () {{ {inner} }} WITH src, tgt, rel, {sums} "
            f"RETURN collect([src, tgt, rel, {cols}]) AS {name} }} "
        )

    text = (
        f"CALL () {{ {joined} }} {got}"
        + person("NetworkCount", _REPORT_COLUMNS, "reports")
        + person("ClaimCount", _CLAIM_COLUMNS, "claims")
        + speaks
        + listed
    )
    return text, p.values


def _speaks_cypher(q: NetworkQuery, p: _Params | None = None, name: str = "rows") -> tuple[str, dict[str, Any]]:
    """speaks_for pairs of a network query: the speaks level, or the person level when
    targets are filtered; one record, ``name`` the list of [speaker, represented, statements]
    (``p``: the parameters of a query this one joins)."""
    who = q.actor_ids if q.actor_ids is not None else q.speaker_ids
    p = p or _Params()
    label = "SpeaksCount" if q.target_ids is None else "NetworkCount"
    terms = [
        _months(q, p, "c", all_time=q.target_ids is None),
        _relations(q, p, "c"),
        "c.speaker_id IS NOT NULL AND c.on_behalf_of_id IS NOT NULL",
    ]
    if q.target_ids is not None:
        terms.append(f"c.target_id IN {p(q.target_ids)}")
    if q.within_ids is not None:
        w = p(q.within_ids)
        terms.append(f"c.speaker_id IN {w} AND c.on_behalf_of_id IN {w}")
    tail = " AND ".join(terms)
    ret = "RETURN c.speaker_id AS sp, c.on_behalf_of_id AS ob, c.statements AS n"
    if who is None:
        inner = f"MATCH (c:{label}) WHERE {tail} {ret}"
    else:
        a = p(who)
        inner = (
            f"MATCH (c:{label}) WHERE c.speaker_id IN {a} AND {tail} {ret} UNION ALL "
            f"MATCH (c:{label}) WHERE c.on_behalf_of_id IN {a} AND NOT c.speaker_id IN {a} AND {tail} {ret}"
        )
    text = f"CALL () {{ {inner} }} WITH sp, ob, sum(n) AS n WHERE n > 0 RETURN collect([sp, ob, n]) AS {name}"
    return text, p.values


def _neighbour_cypher(actor_ids: list[str], q: NetworkQuery, limit: int) -> tuple[str, dict[str, Any]]:
    """The actors next to ``actor_ids``, heaviest first (see GraphStore.neighbours)."""
    p = _Params()
    return _ranking(p(actor_ids), q, p, limit), p.values


def _check_neighbour_query(query: NetworkQuery) -> None:
    if query.speaker_ids is not None or query.target_ids is not None or query.actor_ids is not None:
        raise QueryError("neighbours() takes relations and months only; actors are its first argument")


def _ego_rankings_cypher(actor_id: str, depth: int, q: NetworkQuery, limit: int) -> tuple[str, dict[str, Any]]:
    """An ego network's rankings (:meth:`GraphStore.ego_network`) in ONE record: ``found``, the
    actors :func:`_neighbour_cypher` ranks first next to the actor; ``outer``, at depth 2, those
    it ranks first next to the actor and ``found`` (else empty)."""
    p = _Params()
    me = p([actor_id])
    text = f"CALL () {{ {_ranking(me, q, p, limit)} }} WITH collect(other) AS found "
    if depth == 1:
        return text + "RETURN found, [] AS outer", p.values
    ranked = _ranking("inner", q, p, limit, scope="inner")
    return (
        text + f"WITH found, {me} + found AS inner "
        f"CALL (inner) {{ CALL (inner) {{ {ranked} }} RETURN collect(other) AS outer }} RETURN found, outer"
    ), p.values


def _ranking(a: str, q: NetworkQuery, p: _Params, limit: int, scope: str = "") -> str:
    """The actors next to the set ``a`` (a parameter, or a variable that ``scope`` imports),
    heaviest first: ``other`` and its ``weight`` (see GraphStore.neighbours)."""
    m_all, rel = _months(q, p, "c", all_time=True), _relations(q, p, "c")
    person = f"{_speaking_for_others(a, p, 'NetworkCount')} AND {_months(q, p, 'c', all_time=False)} AND {rel} " + (
        f"AND (c.target_id IS NULL OR NOT c.target_id IN {a})"
    )
    person_branch = (
        f"{person} UNWIND [c.on_behalf_of_id, c.target_id] AS other WITH other, c WHERE other IS NOT NULL "
        "RETURN other, c.reports AS w"
    )
    if q.relations is None and not q.month_from and not q.month_to:  # the pair levels: a row per pair
        branches = [
            f"MATCH (c:EdgePair) USING INDEX SEEK c:EdgePair(source_id) WHERE c.source_id IN {a} "
            f"AND NOT c.target_id IN {a} RETURN c.target_id AS other, c.reports AS w",
            f"MATCH (c:EdgePair) USING INDEX SEEK c:EdgePair(target_id) WHERE c.target_id IN {a} "
            f"AND NOT c.source_id IN {a} RETURN c.source_id AS other, c.reports AS w",
            person_branch,
            f"MATCH (c:SpeaksPair) USING INDEX SEEK c:SpeaksPair(speaker_id) WHERE c.speaker_id IN {a} "
            f"AND NOT c.on_behalf_of_id IN {a} RETURN c.on_behalf_of_id AS other, c.statements AS w",
            f"MATCH (c:SpeaksPair) USING INDEX SEEK c:SpeaksPair(on_behalf_of_id) WHERE c.on_behalf_of_id IN {a} "
            f"AND NOT c.speaker_id IN {a} RETURN c.speaker_id AS other, c.statements AS w",
        ]
    else:
        branches = [
            f"MATCH (c:EdgeCount) WHERE c.source_id IN {a} AND {m_all} AND {rel} "
            f"AND c.target_id IS NOT NULL AND NOT c.target_id IN {a} RETURN c.target_id AS other, c.reports AS w",
            f"MATCH (c:EdgeCount) WHERE c.target_id IN {a} AND {m_all} AND {rel} "
            f"AND c.source_id IS NOT NULL AND NOT c.source_id IN {a} RETURN c.source_id AS other, c.reports AS w",
            person_branch,
            f"MATCH (c:SpeaksCount) WHERE c.speaker_id IN {a} AND {m_all} AND {rel} "
            f"AND NOT c.on_behalf_of_id IN {a} RETURN c.on_behalf_of_id AS other, c.statements AS w",
            f"MATCH (c:SpeaksCount) WHERE c.on_behalf_of_id IN {a} AND {m_all} AND {rel} "
            f"AND NOT c.speaker_id IN {a} RETURN c.speaker_id AS other, c.statements AS w",
        ]
    return (
        f"CALL ({scope}) {{ " + " UNION ALL ".join(branches) + " } "
        f"RETURN other, sum(w) AS weight ORDER BY weight DESC, other LIMIT {p(limit)}"
    )


#: The Meta node that says the pair levels were derived for this graph (Neo4jStore._derive_pairs).
_PAIRED = "pair_levels"
#: Meta nodes of the other one-off derivations (Neo4jStore._backfill_activity, _backfill_activity_weeks,
#: _backfill_stances, _backfill_spans) and of the store's generation (Neo4jStore.generation).
_ACTIVITY_MARK, _WEEKS_MARK = "activity_counts", "activity_weeks"
_PIECES_MARK, _SPANS_MARK, _VIEWS_MARK = "stance_pieces", "stance_spans", "stance_views"
GENERATION_MARK = "generation"
#: The Meta node of a graph filled by ``neo4j-admin database import full`` (graph/neo4j_bulk.py)
#: whose first open has not finished yet (Neo4jStore._finish_bulk_load).
BULK_MARK = "bulk_load"
#: The keys of diplograph's own ``Meta`` nodes: schema migrations done, and the store's
#: generation (bumped by every write, for the answer cache).
SCHEMA_MARKS = (
    _PAIRED, _ACTIVITY_MARK, _WEEKS_MARK, _PIECES_MARK, _SPANS_MARK, _VIEWS_MARK, neo4j_stances.SPAN_DAYS,
    GENERATION_MARK, neo4j_joined.MARK, neo4j_joined.PACKED_MARK,
    BULK_MARK,
)  # fmt: skip

#: Count node properties (graph.neo4j_counts rows: key, then these, then the values).
_COUNT_KEYS = ("speaker_id", "on_behalf_of_id", "target_id", "relation", "month")
_EDGE_KEYS = ("source_id", "target_id", "relation", "month")
_REPORT_VALUES = ("reports", "statements", "goldstein_sum", "cooperation", "conflict")


def _report_values(d: Delta) -> list[Any]:
    return [d.reports, d.statements, float(d.goldstein_sum), d.cooperation, d.conflict]


#: Statements involving an actor as (day key, relation, statements, speaking?, target?) lists in
#: ONE record (thousands of records cost far more in the driver than one list of lists) (see
#: GraphStore.actor_activity): each branch seeks an index and names the role it found, the
#: roles of one statement are collected (no statement's relationships are expanded).
_ACTIVITY = (
    "CALL () { MATCH (s:Statement) USING INDEX SEEK s:Statement(speaker_id) WHERE s.speaker_id = $a "
    "RETURN s, $speaks AS role "
    "UNION ALL MATCH (s:Statement) USING INDEX SEEK s:Statement(on_behalf_of_id) WHERE s.on_behalf_of_id = $a "
    "RETURN s, $speaks AS role "
    "UNION ALL MATCH (s:Statement)-[ab:ABOUT]->() USING INDEX SEEK ab:ABOUT(actor_id, role, date) "
    "WHERE ab.actor_id = $a AND ab.role IN $roles AND ab.date IS NOT NULL RETURN s, ab.role AS role } "
    "WITH s, collect(DISTINCT role) AS roles "
    "WHERE ($date_from IS NULL OR s.date >= $date_from) AND ($date_to IS NULL OR s.date <= $date_to) "
    "WITH coalesce(toString(s.date), $undated) AS day, s.relation AS relation, $speaks IN roles AS speaks, "
    "$target IN roles AS target, count(*) AS n "
    "RETURN collect([day, relation, n, speaks, target]) AS rows"
)


#: The activity rows (graph.activity) of one actor, level and bucket range, in one record.
_ACTIVITY_ROWS = (
    "MATCH (c:ActivityCount) USING INDEX SEEK c:ActivityCount(actor_id, level, bucket) "
    "WHERE c.actor_id = $a AND c.level = $level AND c.bucket >= $low AND c.bucket <= $high "
    "RETURN collect([c.bucket, c.relation, c.statements, c.given, c.targeted, c.received, c.mentioned]) AS rows"
)
#: The first and last dated day of an actor within a day-bucket range.
_SEEN = (
    "MATCH (c:ActivityCount) USING INDEX SEEK c:ActivityCount(actor_id, level, bucket) "
    "WHERE c.actor_id = $a AND c.level = $level AND c.bucket >= $low AND c.bucket <= $high AND c.bucket < $undated "
    "RETURN min(c.bucket) AS first, max(c.bucket) AS last"
)
_ACTIVITY_KEYS = ("actor_id", "level", "bucket", "relation")

_BRIEFS = TypeAdapter(list[StatementBrief])
_BRIEF_FIELDS = ("id", "claim_id", "speaker_id", "speaker_mention", "on_behalf_of_id", "relation", "date", "confidence")


def _activity_params(actor_id: str) -> dict[str, Any]:
    return {"a": actor_id, "roles": [r.value for r in TargetRole], "speaks": SPEAKS,
            "target": TargetRole.target.value, "undated": UNDATED, "date_from": None, "date_to": None}  # fmt: skip


def _activity_row(row: list[Any]) -> tuple[str, str, int, int, int, int, int]:
    """A row of _ACTIVITY as (day key, relation, statements, given, targeted, received, mentioned)."""
    day, relation, n, speaks, target = row
    return day, relation, *activity_counts(n, speaks, n if target else 0)


def _partners_cypher(actor_id: str, limit: int) -> tuple[str, dict[str, Any]]:
    """The actors most linked to an actor (see sqlite_store._partners_sql): all-time edge rows
    where it is the source or the target, and the person-level rows where it speaks for another."""
    p = _Params()
    a, m = p(actor_id), p(ALL_TIME)
    branches = [
        f"MATCH (c:EdgeCount) USING INDEX SEEK c:EdgeCount(source_id, month) WHERE c.source_id = {a} AND c.month = {m} "
        f"AND c.target_id IS NOT NULL AND c.target_id <> {a} RETURN c.target_id AS other, c.reports AS w",
        f"MATCH (c:EdgeCount) USING INDEX SEEK c:EdgeCount(target_id, month) WHERE c.target_id = {a} AND c.month = {m} "
        f"AND c.source_id IS NOT NULL AND c.source_id <> {a} RETURN c.source_id AS other, c.reports AS w",
        "MATCH (sc:SpeaksCount) USING INDEX SEEK sc:SpeaksCount(speaker_id, month) "
        f"WHERE sc.speaker_id = {a} AND sc.month = {m} AND sc.on_behalf_of_id <> {a} "
        "WITH DISTINCT sc.on_behalf_of_id AS ob "
        "MATCH (c:NetworkCount) USING INDEX SEEK c:NetworkCount(speaker_id, on_behalf_of_id, month) "
        f"WHERE c.speaker_id = {a} AND c.on_behalf_of_id = ob AND c.month IS NOT NULL "
        f"AND c.target_id IS NOT NULL AND c.target_id <> {a} RETURN c.target_id AS other, c.reports AS w",
    ]
    text = (
        "CALL () { " + " UNION ALL ".join(branches) + " } "
        f"RETURN other, sum(w) AS weight ORDER BY weight DESC, other LIMIT {p(limit)}"
    )
    return text, p.values


def network_rows(deltas: dict[CountKey, Delta]) -> CountRows:
    """The network count rows of ``deltas``, as :func:`graph.neo4j_counts.add_counts` takes them."""
    return (
        "NetworkCount", _COUNT_KEYS, _REPORT_VALUES,
        [[key_text(k), k[0] or None, k[1] or None, k[2] or None, k[3], k[4], *_report_values(d)]
         for k, d in deltas.items()],
    )  # fmt: skip


def count_rows(deltas: dict[CountKey, Delta]) -> list[CountRows]:
    """The network count rows of ``deltas`` and of their edge, speaks and pair levels (what the
    writer adds with :func:`graph.neo4j_counts.add_counts`; the bulk load writes them as files)."""
    return [network_rows(deltas), *level_rows(deltas, edge_deltas(deltas))]


def level_rows(deltas: dict[CountKey, Delta], edges: dict[EdgeKey, Delta]) -> list[CountRows]:
    """The edge, speaks and pair level rows of some network count deltas (graph.aggregates;
    ``edges``: their :func:`graph.aggregates.edge_deltas`)."""
    speaks = speaks_deltas(deltas)
    edge_pairs, speaks_pairs = pair_deltas(edges, speaks)
    return [
        ("EdgeCount", _EDGE_KEYS, _REPORT_VALUES,
         [[key_text(k), k[0] or None, k[1] or None, k[2], k[3], *_report_values(d)] for k, d in edges.items()]),
        ("SpeaksCount", ("speaker_id", "on_behalf_of_id", "relation", "month"), ("statements",),
         [[key_text(k), k[0], k[1], k[2], k[3], n] for k, n in speaks.items()]),
        ("EdgePair", ("source_id", "target_id"), ("reports",), [[key_text(k), *k, n] for k, n in edge_pairs.items()]),
        ("SpeaksPair", ("speaker_id", "on_behalf_of_id"), ("statements",),
         [[key_text(k), *k, n] for k, n in speaks_pairs.items()]),
    ]  # fmt: skip


def joined_rows(edges: dict[EdgeKey, Delta]) -> list[list[Any]]:
    """The report side of the joined all-time edge level (graph/neo4j_joined.py) of some edge deltas."""
    return [[key_text(k), k[0] or None, k[1] or None, k[2], *_report_values(d)] for k, d in edges.items()
            if k[3] == ALL_TIME]  # fmt: skip


def activity_rows(deltas: dict[activity.ActivityKey, list[int]]) -> CountRows:
    """The per-actor activity count rows of ``deltas`` (graph.activity)."""
    return "ActivityCount", _ACTIVITY_KEYS, activity.VALUES, [[key_text(k), *k, *v] for k, v in deltas.items()]


#: Seconds ``ensure_schema`` waits for new indexes to come online (a bulk load's first open
#: populates them all then).
AWAIT_INDEXES = 3600


def _create_schema(tx: ManagedTransaction) -> None:
    for statement in SCHEMA:
        tx.run(statement).consume()


class Neo4jStore(GraphStore):
    """A GraphStore on a Neo4j 5 server (one database)."""

    kind = "neo4j"
    capabilities = frozenset({Capability.cypher, Capability.fulltext})

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None = None,
        database: str = "neo4j",
        *,
        batch_size: int | None = None,
        claim_rules: ClaimRules | None = None,
    ) -> None:
        if batch_size is not None:
            self.batch_size = batch_size
        self.claim_rules = claim_rules or ClaimRules()
        self.uri = uri
        self.database = database
        self._auth = auth
        self._sandbox: CypherSandbox | None = None
        self._sandbox_lock = threading.Lock()
        # a network read in parts runs them at once (network, _joined_parts); threads start on first use
        self._readers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="neo4j-read")
        if uri.split("://", 1)[0].lower() not in {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}:
            raise ConfigError(f"not a Neo4j Bolt URL: {redact_url(uri)!r} (use neo4j://host:port or bolt://host:port)")
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=auth,
                notifications_min_severity="OFF",
                connection_timeout=10,
                max_transaction_retry_time=5,
            )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise ConfigError(f"cannot use Neo4j URL {redact_url(uri)!r}: {redact_url(str(exc))}") from exc
        self.cypher = Cypher(self._driver, database)

    # -- lifecycle -------------------------------------------------------
    def ensure_schema(self) -> None:
        # every constraint and index in one transaction: on a graph that holds data (a bulk load's
        # first open) the server populates the new ones together after the commit, in parallel
        # (one statement at a time, each constraint waited for its own population: 31 s instead
        # of 18 s at 100k statements); on an existing store each is a no-op
        self.cypher.write_tx(_create_schema, what="create the constraints and indexes")
        self.cypher.write("CALL db.awaitIndexes($s)", {"s": AWAIT_INDEXES})
        self._backfill_levels()
        self._backfill_activity()
        unclaimed = self.cypher.read(
            "OPTIONAL MATCH (s:Statement) WHERE s.claim_id IS NULL OR (s.claim_anchor IS NULL AND s.date IS NOT NULL) "
            "WITH s LIMIT 1 "  # an undated statement has no anchor
            "RETURN s IS NOT NULL OR (EXISTS { (:Claim) } AND NOT EXISTS { (:ClaimCount) }) AS stale"
        ).records[0]["stale"]
        if unclaimed:  # a graph written before claims (or their counts) existed
            self.rebuild_claims()
        if not self._marked(neo4j_joined.MARK):
            self.cypher.write_tx(neo4j_joined.derive, what="derive the joined edge level")
        elif not self._marked(neo4j_joined.PACKED_MARK):
            self.cypher.write_tx(neo4j_joined.pack, what="pack the joined edge level")
        self._backfill_stances()
        self._backfill_spans()
        self._backfill_views()
        self._finish_bulk_load()

    def _marked(self, key: str) -> bool:
        """Does the Meta marker ``key`` exist (a migration or backfill it names was done)?"""
        return bool(self.cypher.read("MATCH (m:Meta {key: $k}) RETURN m.value AS v", {"k": key}).records)

    def _finish_bulk_load(self, chunk: int = 10_000) -> None:
        """Give a bulk-loaded graph (graph/neo4j_bulk.py) what its CSV files cannot hold: empty
        lists (``Actor.aliases``, ``Statement.conditions``; the import tool writes no property for
        an empty array), in id order, ``chunk`` nodes per transaction; then drop the Meta
        ``bulk_load`` marker. Nothing else is derived: the files held the claims, every count
        level, the joined level and the stance pieces with their Meta markers."""
        if not self._marked(BULK_MARK):
            return
        for label, prop in (("Actor", "aliases"), ("Statement", "conditions")):
            after = ""
            while True:
                rows = self.cypher.write(
                    f"MATCH (n:{label}) WHERE n.id > $after WITH n ORDER BY n.id LIMIT $n "
                    f"SET n.{prop} = coalesce(n.{prop}, []) RETURN max(n.id) AS last",
                    {"after": after, "n": chunk},
                ).records
                last = rows[0]["last"] if rows else None
                if last is None:
                    break
                after = last
        self.cypher.write("MATCH (m:Meta {key: $k}) DELETE m", {"k": BULK_MARK})

    def _backfill_stances(self, chunk: int = 2_000) -> None:
        """Derive the stance pieces (graph/neo4j_stances.py) of a graph written before they
        existed, once (a Meta marker says it is done; a derivation that stopped is redone
        whole): claim by claim in id order, a chunk per transaction."""
        if self._marked(_PIECES_MARK):
            return
        for label in ("StancePiece", "StanceCount"):
            while self.cypher.write(f"MATCH (c:{label}) WITH c LIMIT 10000 DELETE c RETURN count(*) AS n").records[0][
                "n"
            ]:
                pass
        self._refresh_every_claim(chunk)
        for mark in (_PIECES_MARK, _SPANS_MARK, _VIEWS_MARK):
            self.cypher.write("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": mark})

    def _backfill_spans(self, chunk: int = 2_000) -> None:
        """Give pieces written before their spans (graph/stance_pieces.py) their first and last
        report date, once (Meta marker ``stance_spans``): a piece of one report spans its date (set
        in the server, 10,000 per transaction); the claims of the others are recomputed."""
        if self._marked(_SPANS_MARK):
            return
        after = ""
        while True:
            keys: list[str] = self.cypher.read(
                "MATCH (p:StancePiece) WHERE p.claim_key > $after WITH DISTINCT p.claim_key AS k ORDER BY k LIMIT $n "
                "RETURN collect(k) AS keys",
                {"after": after, "n": chunk},
            ).records[0]["keys"]
            if not keys:
                break
            multi: list[str] = self.cypher.write(
                "UNWIND $keys AS k MATCH (p:StancePiece {claim_key: k}) "
                "FOREACH (_ IN CASE WHEN p.reports = 1 THEN [1] ELSE [] END | SET p.span_from = p.date, p.span_to = p.date) "
                "WITH k, p WHERE p.reports > 1 RETURN collect(DISTINCT k) AS multi",
                {"keys": keys},
            ).records[0]["multi"]
            if multi:
                self._refresh_stances(multi)
            after = keys[-1]
        self.cypher.write("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": _SPANS_MARK})

    def _backfill_views(self, chunk: int = 2_000) -> None:
        """Give a graph whose pieces were written before the views (graph/stance_pieces.py: the
        pieces per language and the report pieces) those, once (Meta marker ``stance_views``):
        every claim's pieces are recomputed, claim by claim in id order, a chunk per transaction
        (a derivation that stopped recomputes them all again: the same answer)."""
        if self._marked(_VIEWS_MARK):
            return
        self._refresh_every_claim(chunk)
        self.cypher.write("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": _VIEWS_MARK})

    def _refresh_every_claim(self, chunk: int) -> None:
        """Recompute every claim's stance pieces, claim by claim in id order, ``chunk`` claims a
        transaction."""
        after = ""
        while True:
            ids: list[str] = self.cypher.read(
                "MATCH (c:Claim) WHERE c.id > $after WITH c.id AS id ORDER BY id LIMIT $n RETURN collect(id) AS ids",
                {"after": after, "n": chunk},
            ).records[0]["ids"]
            if not ids:
                break
            self._refresh_stances(ids)
            after = ids[-1]

    def _refresh_stances(self, claim_ids: list[str]) -> None:
        def work(tx: ManagedTransaction) -> None:
            neo4j_stances.refresh(tx, claim_ids)

        self.cypher.write_tx(work, what="derive stance pieces")

    def _backfill_levels(self) -> None:
        """Fill the edge and speaks levels of a graph whose counts were kept before they existed."""
        probe = self.cypher.read(
            "RETURN EXISTS { (:NetworkCount) } AS counted, EXISTS { (:EdgeCount) } AS levelled, "
            "EXISTS { (:ClaimCount) } AND NOT EXISTS { (:ClaimEdgeCount) } AS claims_unlevelled, "
            "EXISTS { (:Meta {key: $paired}) } AS paired",
            {"paired": _PAIRED},
        ).records[0]
        if probe["claims_unlevelled"]:  # claim counts kept before their edge level existed
            self.rebuild_claims()
        if not probe["paired"]:
            self.cypher.write_tx(self._derive_pairs, what="derive pair levels")
        if not probe["counted"] or probe["levelled"]:
            return
        deltas: dict[CountKey, Delta] = {}
        for r in self.cypher.read(
            "MATCH (c:NetworkCount) RETURN c.speaker_id AS sp, c.on_behalf_of_id AS ob, c.target_id AS t, "
            "c.relation AS rel, c.month AS m, c.reports AS reports, c.statements AS statements, "
            "c.goldstein_sum AS g, c.cooperation AS coop, c.conflict AS conflict"
        ).records:
            key = (r["sp"] or "", r["ob"] or "", r["t"] or "", r["rel"], r["m"])
            deltas[key] = Delta(r["reports"], r["statements"], r["g"], r["coop"], r["conflict"])
        self.cypher.write_tx(lambda tx: self._apply_levels(tx, deltas), what="backfill network levels")

    @staticmethod
    def _derive_pairs(tx: ManagedTransaction) -> None:
        """(Re)make the pair levels from the all-time edge and speaks rows, once per graph (a
        :class:`Meta` node says it was done; a graph written before them gets them here)."""
        tx.run("MATCH (c:EdgePair) DELETE c").consume()
        tx.run("MATCH (c:SpeaksPair) DELETE c").consume()
        tx.run(
            "MATCH (c:EdgeCount) WHERE c.month = $all AND c.source_id IS NOT NULL AND c.target_id IS NOT NULL "
            "WITH c.source_id AS s, c.target_id AS t, sum(c.reports) AS n WHERE n <> 0 "
            "CREATE (:EdgePair {key: s + '|' + t, source_id: s, target_id: t, reports: n})",
            {"all": ALL_TIME},
        ).consume()
        tx.run(
            "MATCH (c:SpeaksCount) WHERE c.month = $all "
            "WITH c.speaker_id AS s, c.on_behalf_of_id AS b, sum(c.statements) AS n WHERE n <> 0 "
            "CREATE (:SpeaksPair {key: s + '|' + b, speaker_id: s, on_behalf_of_id: b, statements: n})",
            {"all": ALL_TIME},
        ).consume()
        tx.run("MERGE (m:Meta {key: $paired})", {"paired": _PAIRED}).consume()

    def _backfill_activity(self, flush: int = 20_000) -> None:
        """Derive the per-actor activity counts (graph.activity) of a graph written before they
        existed, once (a Meta marker says it is done; a derivation that stopped is redone whole):
        actor by actor, with the statement-index query they replace."""
        if self._marked(_ACTIVITY_MARK):
            self._backfill_activity_weeks()
            return
        if self.cypher.read("RETURN EXISTS { (:Statement) } AS any").records[0]["any"]:
            while self.cypher.write("MATCH (c:ActivityCount) WITH c LIMIT 10000 DELETE c RETURN count(*) AS n").records[
                0
            ]["n"]:
                pass
            ids: list[str] = self.cypher.read(
                "CALL () { MATCH (a:Actor) RETURN a.id AS id UNION MATCH (s:Statement) WHERE s.speaker_id IS NOT NULL "
                "RETURN DISTINCT s.speaker_id AS id UNION MATCH (s:Statement) WHERE s.on_behalf_of_id IS NOT NULL "
                "RETURN DISTINCT s.on_behalf_of_id AS id } RETURN collect(id) AS ids"
            ).records[0]["ids"]
            deltas: dict[activity.ActivityKey, list[int]] = {}
            for i, actor_id in enumerate(sorted(ids)):
                rows = self.cypher.read(_ACTIVITY, _activity_params(actor_id)).records[0]["rows"]
                for day, relation, *values in map(_activity_row, rows):
                    for key in ((actor_id, activity.DAY, day, relation),
                                (actor_id, activity.WEEK, activity.week_bucket(day), relation),
                                (actor_id, activity.MONTH, activity.month_bucket(day), relation)):  # fmt: skip
                        acc = deltas.setdefault(key, [0] * len(activity.VALUES))
                        for j, v in enumerate(values):
                            acc[j] += v
                if len(deltas) >= flush or i == len(ids) - 1:
                    self._write_activity(deltas)
                    deltas = {}
        self.cypher.write("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": _ACTIVITY_MARK})
        self.cypher.write("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": _WEEKS_MARK})

    def _backfill_activity_weeks(self, chunk: int = 200) -> None:
        """The ISO-week level of activity counts kept before it existed, from the day level (in
        the server, a chunk of actors per transaction), once (Meta marker)."""
        if self._marked(_WEEKS_MARK):
            return
        while self.cypher.write(
            "MATCH (c:ActivityCount) WHERE c.level = $week WITH c LIMIT 10000 DELETE c RETURN count(*) AS n",
            {"week": activity.WEEK},
        ).records[0]["n"]:
            pass
        ids: list[str] = self.cypher.read(
            "MATCH (c:ActivityCount) WHERE c.level = $day RETURN collect(DISTINCT c.actor_id) AS ids",
            {"day": activity.DAY},
        ).records[0]["ids"]
        for i in range(0, len(ids), chunk):
            self.cypher.write(
                "UNWIND $ids AS a MATCH (c:ActivityCount) USING INDEX SEEK c:ActivityCount(actor_id, level, bucket) "
                "WHERE c.actor_id = a AND c.level = $day AND c.bucket >= '' "
                "WITH a, c.relation AS rel, CASE WHEN c.bucket = $undated THEN c.bucket ELSE "
                "toString(date(c.bucket).weekYear) + '-W' + right('0' + toString(date(c.bucket).week), 2) END AS wk, "
                "sum(c.statements) AS n, sum(c.given) AS g, sum(c.targeted) AS t, sum(c.received) AS r, "
                "sum(c.mentioned) AS m "
                "CREATE (:ActivityCount {key: a + '|' + $week + '|' + wk + '|' + rel, actor_id: a, level: $week, "
                "bucket: wk, relation: rel, statements: n, given: g, targeted: t, received: r, mentioned: m})",
                {"ids": ids[i : i + chunk], "day": activity.DAY, "week": activity.WEEK, "undated": UNDATED},
            )
        self.cypher.write("MERGE (m:Meta {key: $k}) SET m.value = 1", {"k": _WEEKS_MARK})

    def _write_activity(self, deltas: dict[activity.ActivityKey, list[int]]) -> None:
        def work(tx: ManagedTransaction) -> None:
            self._apply_activity(tx, deltas)

        self.cypher.write_tx(work, what="derive activity counts")

    def close(self) -> None:
        self._readers.shutdown()
        if self._sandbox is not None:
            self._sandbox.close()
        self._driver.close()

    def ping(self) -> bool:
        try:
            return bool(self.cypher.probe("RETURN 1 AS ok")[0]["ok"] == 1)
        except StoreError:
            return False

    def warm_up_actor(self) -> str | None:
        # after a server start Neo4j plans each query text on its first use: seconds for the
        # subqueries of the warm-up's reads at 1M statements (bench/README, "Thirteenth session
        # (neospeak)"); the plans are cached for the server's lifetime
        rows = self.cypher.read(_WARM_UP_ACTOR).records
        return str(rows[0]["a"]) if rows else None

    # -- test databases ------------------------------------------------
    def claim_for_tests(self, owner: str) -> None:
        """Mark this database as a test database owned by ``owner`` (a token unique to one test run).

        Refuses (:class:`StoreError`) a database that holds any data a test run did not mark
        as its own: a user's graph is never taken over. The bookkeeping nodes
        :meth:`ensure_schema` and ingest write (``Meta`` nodes keyed by :data:`SCHEMA_MARKS`)
        are no data: a server that only had its schema ensured is empty. An empty database, or one that already
        carries a test marker (from an earlier run), is claimed; a run that claims it later takes
        it over, after which :meth:`wipe` with the older token is refused.
        """

        def work(tx: ManagedTransaction) -> int:
            marked = tx.run(f"MATCH (m:{TEST_MARKER}) RETURN count(m) AS n").single(strict=True)["n"]
            if not marked:
                foreign = tx.run(
                    f"MATCH (n) WHERE NOT n:{TEST_MARKER} AND NOT (labels(n) = ['Meta'] AND n.key IN $marks) "
                    "WITH n LIMIT 1000 RETURN count(n) AS n",
                    marks=list(SCHEMA_MARKS),
                ).single(strict=True)["n"]
                if foreign:
                    return int(foreign)
            tx.run(
                f"MERGE (m:{TEST_MARKER} {{key: 'owner'}}) SET m.owner = $owner, m.claimed_at = datetime()",
                owner=owner,
            ).consume()
            return 0

        foreign = self.cypher.write_tx(work, what="claim test database")
        if foreign:
            more = "+" if foreign >= 1000 else ""
            raise StoreError(
                f"refusing to use Neo4j database {self.database!r} at {_redacted(self.uri)} for tests: it holds "
                f"{foreign}{more} nodes that no test run created. Tests only ever wipe a database they own: "
                "unset NEO4J_URI (the tests start a private server) or point it at an empty server."
            )

    def wipe(self, owner: str) -> None:
        """Delete every node and relationship (the schema stays) of a test database.

        Only a database claimed by :meth:`claim_for_tests` with the same ``owner`` token is
        wiped; anything else raises :class:`StoreError` and nothing is deleted.
        """

        def work(tx: ManagedTransaction) -> list[str]:
            owners: list[str] = tx.run(f"MATCH (m:{TEST_MARKER}) RETURN m.owner AS owner").value("owner")
            if owners != [owner]:
                return owners
            tx.run(f"MATCH (n) WHERE NOT n:{TEST_MARKER} DETACH DELETE n").consume()
            return owners

        owners = self.cypher.write_tx(work, what="wipe test database")
        if owners != [owner]:
            why = "no test run claimed it" if not owners else "another test run owns it"
            raise StoreError(
                f"refusing to wipe Neo4j database {self.database!r} at {_redacted(self.uri)}: {why} "
                "(wipe() only deletes a database claimed with claim_for_tests() by the same owner)"
            )

    # -- writes ----------------------------------------------------------
    @staticmethod
    def _merge_actors(tx: ManagedTransaction, actors: list[Actor]) -> None:
        merged = merge_actors(actors)
        if not merged:
            return
        # write-lock the stored actors (in id order) before reading them, so that concurrent
        # ingests touching the same actor union aliases one after the other
        stored = tx.run(
            "UNWIND $ids AS id MATCH (a:Actor {id: id}) SET a._lock = true REMOVE a._lock RETURN a",
            ids=sorted(merged),
        ).data()
        for row in stored:
            old = _actor(row["a"])
            merged[old.id] = merge_actor(old, merged[old.id])
        tx.run(
            "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a += row",
            rows=[_actor_props(a) for a in merged.values()],
        ).consume()

    @staticmethod
    def _merge_roles(tx: ManagedTransaction, roles: list[Role]) -> None:
        if not roles:
            return
        rows = [
            {"key": r.key, "person_id": r.person_id, "org_id": r.org_id, "title": r.title,
             "start": r.start, "end": r.end}
            for r in {r.key: r for r in roles}.values()
        ]  # fmt: skip
        written = tx.run(
            "UNWIND $rows AS row "
            "MATCH (p:Actor {id: row.person_id}) MATCH (o:Actor {id: row.org_id}) "
            "MERGE (p)-[r:HOLDS_ROLE {key: row.key}]->(o) "
            "ON CREATE SET r.title = row.title, r.`from` = row.start "
            "SET r.`to` = row.end "
            "RETURN count(r) AS n",
            rows=rows,
        ).single(strict=True)["n"]
        if written != len(rows):
            wanted = {r.person_id for r in roles} | {r.org_id for r in roles}
            found = {
                rec["id"] for rec in tx.run("MATCH (a:Actor) WHERE a.id IN $ids RETURN a.id AS id", ids=list(wanted))
            }
            raise StoreError(f"roles reference unknown actors: {sorted(wanted - found)}")

    def upsert_actors(self, actors: list[Actor], roles: list[Role] | None = None) -> None:
        def work(tx: ManagedTransaction) -> None:
            self._merge_actors(tx, actors)
            self._merge_roles(tx, roles or [])
            self._bump_generation(tx)

        self.cypher.write_tx(work, what="upsert actors")

    @staticmethod
    def _delete_statements(tx: ManagedTransaction, article_ids: list[str]) -> list[Statement]:
        """Delete the statements of these articles (two queries); return them. Their claims and
        the typed actor→actor edges are regrouped by the caller (graph/neo4j_claims.py)."""
        if not article_ids:
            return []
        removed = [
            _statement(dict(r["s"]))
            for r in tx.run(
                "UNWIND $ids AS aid MATCH (:Article {id: aid})<-[:REPORTED_IN]-(s:Statement) RETURN s", ids=article_ids
            )
        ]
        if not removed:
            return []
        tx.run(
            "UNWIND $ids AS aid MATCH (:Article {id: aid})<-[:REPORTED_IN]-(s:Statement) DETACH DELETE s",
            ids=article_ids,
        ).consume()
        return removed

    @staticmethod
    def _write_statements(tx: ManagedTransaction, batches: list[IngestBatch]) -> None:
        """Create the statements of all ``batches`` with their STATED/ON_BEHALF_OF/VIA/ABOUT/
        REPORTED_IN edges in one query (typed actor→actor edges belong to claims)."""
        rows: list[dict[str, Any]] = []
        for batch in batches:
            for st in batch.statements:
                about: dict[tuple[str, str], dict[str, Any]] = {}
                for t in st.targets:
                    about.setdefault(
                        (t.actor_id, t.role.value),
                        {"aid": t.actor_id, "role": t.role.value, "mention": t.mention, "date": _about_day(st)},
                    )
                rows.append({"props": _statement_props(st, batch.article.language), "about": list(about.values())})
        if not rows:
            return
        tx.run(
            "UNWIND $rows AS row "
            "MATCH (a:Article {id: row.props.article_id}) "
            "CREATE (s:Statement) SET s = row.props CREATE (s)-[:REPORTED_IN]->(a) "
            "WITH s, row "
            "OPTIONAL MATCH (speaker:Actor {id: row.props.speaker_id}) "
            "FOREACH (_ IN CASE WHEN speaker IS NULL THEN [] ELSE [1] END | CREATE (speaker)-[:STATED]->(s)) "
            "WITH s, row "
            "OPTIONAL MATCH (behalf:Actor {id: row.props.on_behalf_of_id}) "
            "FOREACH (_ IN CASE WHEN behalf IS NULL THEN [] ELSE [1] END | CREATE (s)-[:ON_BEHALF_OF]->(behalf)) "
            "WITH s, row "
            "OPTIONAL MATCH (via:Actor {id: row.props.via_id}) "
            "FOREACH (_ IN CASE WHEN via IS NULL THEN [] ELSE [1] END | CREATE (s)-[:VIA]->(via)) "
            "WITH s, row "
            "UNWIND row.about AS ab "
            "MATCH (t:Actor {id: ab.aid}) "
            "CREATE (s)-[:ABOUT {role: ab.role, mention: ab.mention, actor_id: ab.aid, date: ab.date}]->(t)",
            rows=rows,
        ).consume()

    @staticmethod
    def _apply_counts(tx: ManagedTransaction, deltas: dict[CountKey, Delta]) -> None:
        """Add ``deltas`` to the network count nodes (MERGE on the constrained key, graph.neo4j_counts)
        and their levels; a node whose count drops to zero is deleted."""
        add_counts(tx, *network_rows(deltas))
        Neo4jStore._apply_levels(tx, deltas)

    @staticmethod
    def _apply_levels(tx: ManagedTransaction, deltas: dict[CountKey, Delta]) -> None:
        """The edge and speaks levels of ``deltas`` (graph.aggregates)."""
        edges = edge_deltas(deltas)
        for label, keys, values, rows in level_rows(deltas, edges):
            add_counts(tx, label, keys, values, rows)
        neo4j_joined.add_reports(tx, joined_rows(edges))

    @staticmethod
    def _apply_activity(tx: ManagedTransaction, deltas: dict[activity.ActivityKey, list[int]]) -> None:
        """Add ``deltas`` to the per-actor activity count nodes (graph.activity)."""
        add_counts(tx, *activity_rows(deltas))

    @staticmethod
    def _claims(tx: ManagedTransaction) -> neo4j_claims.Neo4jClaimBook:
        return neo4j_claims.Neo4jClaimBook(tx, _statement, _native)

    @staticmethod
    def _bump_generation(tx: ManagedTransaction) -> None:
        tx.run("MERGE (m:Meta {key: $k}) SET m.value = coalesce(m.value, 0) + 1", {"k": GENERATION_MARK}).consume()

    def _write_batches(self, batches: list[IngestBatch]) -> list[bool]:
        ids = [b.article.id for b in batches]
        actors = [a for b in batches for a in b.actors]
        roles = [r for b in batches for r in b.roles]
        articles = [{"id": b.article.id, "props": _article_props(b.article), "outlet_id": b.article.outlet_id}
                    for b in batches]  # fmt: skip
        added = tally(st for b in batches for st in b.statements)
        new_activity = activity.activity_deltas(st for b in batches for st in b.statements)

        def work(tx: ManagedTransaction) -> set[str]:
            self._merge_actors(tx, actors)
            self._merge_roles(tx, roles)
            existing = {
                r["id"] for r in tx.run("UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id", ids=ids)
            }
            claims = self._claims(tx)
            gone = claims.reports_of_articles(sorted(existing))
            removed = self._delete_statements(tx, sorted(existing))  # nothing to delete for a new article
            tx.run(
                "UNWIND $rows AS row "
                "MERGE (a:Article {id: row.id}) SET a = row.props "
                "WITH a, row OPTIONAL MATCH (a)-[old:PUBLISHED_BY]->() DELETE old "
                "WITH DISTINCT a, row OPTIONAL MATCH (o:Actor {id: row.outlet_id}) "
                "FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | CREATE (a)-[:PUBLISHED_BY]->(o))",
                rows=articles,
            ).consume()
            self._write_statements(tx, batches)
            self._apply_counts(tx, combine(negate(tally(removed)), added))
            self._apply_activity(tx, activity.combine(activity.activity_deltas(removed, -1), new_activity))
            claims.written([(b.article, b.statements) for b in batches], gone, self.claim_rules)
            self._bump_generation(tx)
            return existing

        existing = self.cypher.write_tx(work, what=f"ingest {len(batches)} article(s) from {ids[0]}")
        return [i not in existing for i in ids]

    def delete_article(self, article_id: str) -> bool:
        def work(tx: ManagedTransaction) -> bool:
            if tx.run("MATCH (a:Article {id: $id}) RETURN a.id", id=article_id).single() is None:
                return False
            claims = self._claims(tx)
            gone = claims.reports_of_articles([article_id])
            removed = self._delete_statements(tx, [article_id])
            self._apply_counts(tx, negate(tally(removed)))
            self._apply_activity(tx, activity.activity_deltas(removed, -1))
            tx.run("MATCH (a:Article {id: $id}) DETACH DELETE a", id=article_id).consume()
            tx.run("MATCH (r:ArticleRevision {article_id: $id}) DELETE r", id=article_id).consume()
            refresh(claims, [], gone, self.claim_rules)
            self._bump_generation(tx)
            return True

        return self.cypher.write_tx(work, what=f"delete article {article_id}")

    # -- revisions (GraphStore._revise) ------------------------------------
    def _stored_versions(self, article_ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
        if not article_ids:
            return {}
        records = self.cypher.read(
            "MATCH (a:Article) WHERE a.id IN $ids "
            "RETURN a.id AS id, a.content_hash AS hash, coalesce(a.modified_at, a.published_at) AS at",
            {"ids": article_ids},
        ).records
        return {r["id"]: (r["hash"], _native(r["at"])) for r in records}

    def _save_revisions(self, revisions: list[ArticleRevision]) -> None:
        rows = [
            {"key": f"{r.article.id}|{r.article.content_hash}", "article_id": r.article.id,
             "superseded_at": _fixed_offset(r.superseded_at or datetime.now(UTC)), "data": r.model_dump_json()}
            for r in revisions
        ]  # fmt: skip

        def work(tx: ManagedTransaction) -> None:
            tx.run(
                "UNWIND $rows AS row MERGE (r:ArticleRevision {key: row.key}) "
                "ON CREATE SET r.article_id = row.article_id, r.superseded_at = row.superseded_at, r.data = row.data",
                rows=rows,
            ).consume()
            self._bump_generation(tx)  # /articles/{id}/revisions changed: cached answers must go

        self.cypher.write_tx(work, what="save article revisions")

    def _load_revisions(self, article_id: str) -> list[ArticleRevision]:
        records = self.cypher.read(
            "MATCH (r:ArticleRevision {article_id: $id}) RETURN r.data AS data", {"id": article_id}
        ).records
        return [ArticleRevision.model_validate_json(r["data"]) for r in records]

    # -- reads -----------------------------------------------------------
    def get_actor(self, actor_id: str) -> Actor | None:
        records = self.cypher.read("MATCH (a:Actor {id: $id}) RETURN a", {"id": actor_id}).records
        return _actor(dict(records[0]["a"])) if records else None

    def get_actors(self, actor_ids: list[str]) -> list[Actor]:
        if not actor_ids:
            return []
        rows = self.cypher.read(  # one record: thousands of actors around a hub or in a whole network
            "MATCH (a:Actor) WHERE a.id IN $ids RETURN collect(properties(a)) AS actors", {"ids": actor_ids}
        ).records[0]["actors"]
        found = {a["id"]: _actor(a) for a in rows}
        return [found[i] for i in actor_ids if i in found]

    def find_actors(self, text: str, limit: int = 20) -> list[Actor]:
        key = fold(text)
        if not key:
            return []
        records = self.cypher.read(
            "MATCH (a:Actor) WHERE any(k IN a.search_keys WHERE k CONTAINS $key) "
            "WITH a, CASE WHEN $key IN a.search_keys THEN 0 "
            "WHEN any(k IN a.search_keys WHERE k STARTS WITH $key) THEN 1 ELSE 2 END AS rank "
            "RETURN a ORDER BY rank, a.name, a.id LIMIT $limit",
            {"key": key, "limit": limit},
        ).records
        return [_actor(dict(r["a"])) for r in records]

    def list_actors(self, kind: str | None = None, limit: int = 100, offset: int = 0) -> list[Actor]:
        records = self.cypher.read(
            "MATCH (a:Actor) WHERE $kind IS NULL OR a.kind = $kind "
            "RETURN a ORDER BY a.name, a.id SKIP $offset LIMIT $limit",
            {"kind": kind or None, "limit": limit, "offset": offset},
        ).records
        return [_actor(dict(r["a"])) for r in records]

    def roles(self, actor_id: str | None = None) -> list[Role]:
        if actor_id is None:
            result = self.cypher.read(f"MATCH (p:Actor)-[r:HOLDS_ROLE]->(o:Actor) {_ROLE_RETURN}")
        else:
            result = self.cypher.read(
                "MATCH (p:Actor)-[r:HOLDS_ROLE]->(o:Actor) WHERE p.id = $id OR o.id = $id " + _ROLE_RETURN,
                {"id": actor_id},
            )
        return [_role(r) for r in result.records]

    def get_article(self, article_id: str) -> Article | None:
        records = self.cypher.read("MATCH (a:Article {id: $id}) RETURN a", {"id": article_id}).records
        return _article(dict(records[0]["a"])) if records else None

    def list_articles(self, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
        records = self.cypher.read(
            "MATCH (a:Article) "
            "RETURN a.id AS id, a.url AS url, a.outlet AS outlet, a.title AS title, a.language AS language, "
            "a.published_at AS published_at, COUNT { (a)<-[:REPORTED_IN]-(:Statement) } AS statements "
            "ORDER BY a.published_at IS NULL, a.published_at DESC, a.id SKIP $offset LIMIT $limit",
            {"limit": limit, "offset": offset},
        ).records
        return [ArticleSummary.model_validate({k: _native(v) for k, v in dict(r).items()}) for r in records]

    def get_statement(self, statement_id: str) -> Statement | None:
        records = self.cypher.read("MATCH (s:Statement {id: $id}) RETURN s", {"id": statement_id}).records
        return _statement(dict(records[0]["s"])) if records else None

    def statement_cypher(self, query: StatementQuery, *, ordered: bool = True) -> tuple[str, dict[str, Any]]:
        """The Cypher of one page of ``query`` (returns ``s``) and its parameters.

        A page driven by its speakers in date order comes out of the (speaker_id, date, id)
        and (on_behalf_of_id, date, id) indexes in that order (:func:`_speaker_page`), unless
        ``ordered`` is false: the caller knows undated statements may belong on it (those
        indexes hold dated statements only)."""
        match, where, params = _statement_filter(query)
        key, desc = SORTS[query.sort]
        after = decode_cursor(query.cursor, query.sort)
        if ordered and _speaker_ordered(query, match, after):
            return _speaker_page(query, where, params, after, desc)
        if "ab:ABOUT(actor_id" in match and key == "date":
            return _target_page(query, match, where, params, after, desc)
        terms = [where[len(" WHERE ") :]] if where else []
        if after is not None:
            terms.append(_after("s", key, desc, after[0] is None))
            params["after_key"], params["after_id"] = after
        direction = "DESC" if desc else "ASC"
        text = (
            f"{match}{' WHERE ' + ' AND '.join(terms) if terms else ''} "
            f"RETURN s ORDER BY s.{key} {direction}, s.id {direction} LIMIT $limit"
        )
        return text, {**params, "limit": query.limit + 1}

    def list_statements(self, query: StatementQuery) -> StatementPage:
        ordered = _speaker_ordered(query, _driver(query), decode_cursor(query.cursor, query.sort))

        def work(tx: ManagedTransaction) -> tuple[int | None, list[Statement], bool]:
            at_once = tx.run(*_speaker_page_at_once(query)).single(strict=True) if ordered else None
            counted: Any = None
            if at_once is not None and not at_once["undated"]:  # one round trip
                items = [_statement_row(row) for row in at_once["rows"]]
                counted = at_once["n"]
            else:  # the page must include undated statements: not from the date indexes
                text, params = self.statement_cypher(query, ordered=False)
                items = [_statement(dict(r["s"])) for r in tx.run(text, params)]
            more = len(items) > query.limit
            items = items[: query.limit]
            total: int | None = None
            if query.cursor is None:  # the total is counted once, on the first page
                if more and counted is None:
                    count_text, count_params = _count_cypher(query)
                    counted = tx.run(count_text, count_params).single(strict=True)["n"]
                total = int(counted) if more else len(items)
            return total, items, more

        total, items, more = self.cypher.read_tx(work, what="list statements")
        nxt = None
        if more:
            last = items[-1]
            nxt = encode_cursor(query.sort, last.date if SORTS[query.sort][0] == "date" else last.confidence, last.id)
        return StatementPage(items=items, next_cursor=nxt, total=total)

    def explain_statements(self, query: StatementQuery) -> QueryPlan:
        queries = [self.statement_cypher(query), _count_cypher(query)]
        if _speaker_ordered(query, _driver(query), decode_cursor(query.cursor, query.sort)):
            queries += [_speaker_page_at_once(query), self.statement_cypher(query, ordered=False)]
        return self._explain(queries)

    def explain_actor(self, actor_id: str) -> QueryPlan:
        rows = {"a": actor_id, "level": activity.MONTH, "low": "", "high": UNDATED}
        seen = {**rows, "level": activity.DAY, "undated": UNDATED}
        return self._explain([(_ACTIVITY_ROWS, rows), (_SEEN, seen), _partners_cypher(actor_id, 10)])

    def _explain(self, queries: list[tuple[str, dict[str, Any]]]) -> QueryPlan:
        steps: list[str] = []
        for text, params in queries:
            summary = self.cypher.read_with(Query(cast(Any, "EXPLAIN " + text)), params, Result.consume)
            steps.extend(f"{op.split('@', 1)[0]} {details}" for op, details in reversed(_plan_operators(summary.plan)))
        return QueryPlan(steps=steps, full_scans=[x for x in steps if x.split(" ", 1)[0] in _SCANS])

    def article_summaries(self, article_ids: list[str]) -> list[ArticleSummary]:
        if not article_ids:
            return []
        records = self.cypher.read(
            "UNWIND $ids AS id MATCH (a:Article {id: id}) "
            "RETURN a.id AS id, a.url AS url, a.outlet AS outlet, a.title AS title, a.language AS language, "
            "a.published_at AS published_at, COUNT { (a)<-[:REPORTED_IN]-(:Statement) } AS statements",
            {"ids": list(dict.fromkeys(article_ids))},
        ).records
        found = {r["id"]: ArticleSummary.model_validate({k: _native(v) for k, v in dict(r).items()}) for r in records}
        return [found[i] for i in dict.fromkeys(article_ids) if i in found]

    def network(self, query: NetworkQuery) -> Network:
        if not _joined(query):
            return self.network_from_levels(query)
        return self._joined_network(query)[0]

    def network_weights(self, query: NetworkQuery, count: CountUnit) -> NetworkWeights:
        """The whole network's weights from the joined level's rows without an edge object
        each (:func:`graph.claim_counts.joined_arcs`); any other network's from :meth:`network`."""
        if not _joined(query) or query.actor_ids is not None:
            return super().network_weights(query, count)
        rec = self._joined_record(query)
        arcs = None if rec["reports"] or rec["claims"] else joined_arcs(rec["joined"], neo4j_joined.RELATIONS, count)
        if arcs is None:  # edges only claims have: in assemble_joined's order
            return NetworkWeights.of(self._assembled(rec), count)
        return NetworkWeights.model_construct(arcs=arcs, speaks_for=[(sp, ob) for sp, ob, _ in sorted(rec["speaks"])])

    def _joined_network(self, query: NetworkQuery, actors: bool = False) -> tuple[Network, list[dict[str, Any]]]:
        """:meth:`network` from the joined level (:func:`_joined`); with ``actors``, also the
        properties of every actor of an ego network's set."""
        rec = self._joined_record(query, actors)
        return self._assembled(rec), rec["actors"] if actors else []

    def _joined_record(self, query: NetworkQuery, actors: bool = False) -> Record | dict[str, Any]:
        """:func:`_joined_cypher`'s one record of ``query`` (its parts read at once and added up)."""
        parts = _joined_parts(query, actors)
        # two parts run at once: the first in the store's reader thread (its own session)
        first = self._readers.submit(self.cypher.read, *parts[0]) if len(parts) > 1 else None
        rec: Record | dict[str, Any] = self.cypher.read(*parts[-1]).records[0]
        if first is not None:
            half = first.result().records[0]
            rec = {k: half[k] + rec[k] for k in ("joined", "reports", "claims", "speaks")} | {
                "actors": half["actors"] if actors else []
            }
        return rec

    @staticmethod
    def _assembled(rec: Record | dict[str, Any]) -> Network:
        """The network of a :meth:`_joined_record`."""
        speaks = [
            SpeaksFor.model_construct(speaker_id=sp, on_behalf_of_id=ob, statements=n)
            for sp, ob, n in sorted(rec["speaks"])
        ]  # both ids set (the query's terms)
        return assemble_joined(rec["joined"], rec["reports"], rec["claims"], speaks, neo4j_joined.RELATIONS)

    def ego_network(self, actor_id: str, depth: int, query: NetworkQuery, max_neighbours: int) -> Network:
        """Two round trips: both rankings in one query (:func:`_ego_rankings_cypher`), then the
        joined level's rows with the actors of the set (:meth:`_joined_network`); the actors
        the edges touch are kept, as :func:`graph.store.with_actors` reads them."""
        _check_neighbour_query(query)
        if query.month_from or query.month_to:  # not the joined level's: the generic path
            return super().ego_network(actor_id, depth, query, max_neighbours)
        text, params = _ego_rankings_cypher(actor_id, depth, query, max_neighbours)
        ranked = self.cypher.read(text, params).records[0]
        inner = [actor_id, *ranked["found"]]
        members = [actor_id] if depth == 1 else inner
        net, rows = self._joined_network(
            query.model_copy(update={"actor_ids": members, "within_ids": inner + ranked["outer"]}), actors=True
        )
        found = {a["id"]: _actor(a) for a in rows}
        return net.model_copy(update={"actors": [found[i] for i in network_actor_ids(net) if i in found]})

    def network_from_levels(self, query: NetworkQuery) -> Network:
        """:meth:`network` from the edge levels of the reports and of the claims, joined here:
        what answers every query the joined level does not (and the reference for those it does,
        tests/test_store_network.py)."""
        edge_text, edge_params = _edge_cypher(query, "EdgeCount", "NetworkCount", _REPORT_COLUMNS)
        claim_text, claim_params = _edge_cypher(query, "ClaimEdgeCount", "ClaimCount", _CLAIM_COLUMNS)
        speaks_text, speaks_params = _speaks_cypher(query)

        def work(tx: ManagedTransaction) -> Network:
            reports = sorted(tx.run(edge_text, edge_params).single(strict=True)["rows"], key=edge_order)
            speaks = [
                SpeaksFor.model_construct(speaker_id=sp, on_behalf_of_id=ob, statements=n)
                for sp, ob, n in sorted(tx.run(speaks_text, speaks_params).single(strict=True)["rows"])
            ]  # both ids set (the query's terms)
            claims = tx.run(claim_text, claim_params).single(strict=True)[
                "rows"
            ]  # assemble_rows orders claim-only edges
            return assemble_rows(reports, claims, speaks)

        return self.cypher.read_tx(work, what="network")

    def neighbours(self, actor_ids: list[str], query: NetworkQuery, limit: int) -> list[Neighbour]:
        _check_neighbour_query(query)
        text, params = _neighbour_cypher(actor_ids, query, limit)
        records = self.cypher.read(text, params).records
        return [Neighbour(actor_id=r["other"], weight=r["weight"]) for r in records]

    def statement_briefs(self, query: StatementQuery, cap: int) -> list[StatementBrief]:
        match, where, params = _statement_filter(query)
        text = (  # one record of lists: thousands of records cost far more in the driver
            f"{match}{where} WITH s LIMIT $cap RETURN collect([s.id, s.claim_id, s.speaker_id, "
            "CASE WHEN s.speaker_id IS NULL AND s.on_behalf_of_id IS NULL THEN s.speaker_mention ELSE '' END, "
            "s.on_behalf_of_id, s.relation, toString(s.date), s.confidence]) AS rows"
        )
        rows = self.cypher.read(text, {**params, "cap": cap + 1}).records[0]["rows"]
        if len(rows) > cap:
            raise too_many_statements(cap)
        return _BRIEFS.validate_python([dict(zip(_BRIEF_FIELDS, r, strict=True)) for r in rows])

    def network_links(self, query: StatementQuery, cap: int) -> NetworkLinks:
        match, where, params = _statement_filter(query)
        text = (  # one record of lists (as statement_briefs); targets stay the stored JSON text
            f"{match}{where} WITH s LIMIT $cap RETURN collect([s.id, s.article_id, s.speaker_id, s.on_behalf_of_id, "
            "s.relation, s.cameo, s.plover, s.quad_class, s.goldstein, toString(s.date), s.confidence, s.claim_id, "
            "size(coalesce(s.conditions, [])) > 0, s.targets]) AS rows"
        )
        rows = self.cypher.read(text, {**params, "cap": cap + 1}).records[0]["rows"]
        if len(rows) > cap:
            raise too_many_statements(cap)
        statements = links.links((*r[:-1], json.loads(r[-1]) if r[-1] else ()) for r in rows)
        ids = sorted({st.claim_id for st in statements if st.claim_id})
        claims: list[dict[str, Any]] = []
        if ids:  # the claims' stored JSON, only the fields a brief keeps taken from it
            text = "MATCH (c:Claim) WHERE c.id IN $ids RETURN collect(c.data) AS rows"
            claims = [json.loads(data) for data in self.cypher.read(text, {"ids": ids}).records[0]["rows"]]
        briefs = links.claim_briefs([c[f] for f in links.CLAIM_FIELDS] for c in claims)
        return NetworkLinks(statements=statements, claims=briefs)

    def stance_sources(
        self,
        target_id: str,
        latest: int,
        cap: int,
        date_from: date | None = None,
        date_to: date | None = None,
        language: str | None = None,
        count: CountUnit = "claims",
    ) -> list[StanceSource]:
        if not stance_pieces.served(language, count):
            return super().stance_sources(target_id, latest, cap, date_from, date_to, language, count)
        key = stance_pieces.view_key(target_id, language, count)
        dated = date_from is not None or date_to is not None
        if dated:
            got = self._stance_sources_within(key, latest, date_from, date_to)
        else:
            params = {"t": key, "n": latest, "undated": UNDATED}
            got = neo4j_stances.stance_sources(
                self.cypher.read(neo4j_stances.STANCE_SOURCES, params).records[0]["rows"]
            )
        if count == "reports":
            if dated:
                claims = {s.source: s.claims for s in self._stance_sources_within(target_id, 0, date_from, date_to)}
            else:
                rows = self.cypher.read(neo4j_stances.CLAIM_COUNTS, {"t": target_id}).records[0]["rows"]
                claims = {source: n for source, n in rows}
            got = stance_pieces.with_claims(got, claims)
        return got

    def _stance_sources_within(
        self, target_id: str, latest: int, date_from: date | None, date_to: date | None
    ) -> list[StanceSource]:
        """Stance sources (``target_id``: a target key, graph.stance_pieces.view_key) from the
        reports within the dates (graph.stance_pieces.within): the pieces whose span can reach the
        dates, and the reports of the claims that cross a bound."""
        span_days = {"span_days": neo4j_stances.SPAN_DAYS}
        longest = self.cypher.read(neo4j_stances.LONGEST, span_days).records[0]["longest"]
        first, last, start, late = stance_pieces.bounds(date_from, date_to, longest)
        within = {"t": target_id, "first": first, "last": last}
        rows = self.cypher.read(neo4j_stances.WITHIN, {**within, "n": max(latest, 1)}).records[0]["rows"]
        cut = self.cypher.read(neo4j_stances.WITHIN_CUT, {**within, "start": start, "late": late}).records[0]["keys"]
        extra: list[tuple[Any, ...]] = []
        if cut:
            asked = {"keys": sorted(cut), "t": stance_pieces.view_target(target_id), "target": TargetRole.target.value,
                     "undated": UNDATED}  # fmt: skip
            reports = self.cypher.read(neo4j_stances.TARGET_REPORTS, asked).records[0]["rows"]
            extra = stance_pieces.view_pieces(stance_pieces.within_reports(reports, first, last), target_id)
        totals = {r[0]: r[1:5] for r in rows}
        counted = [tuple(p) for r in rows for p in r[5] if p is not None]
        return stance_pieces.merge(totals, counted, extra, latest)

    def get_statements(self, statement_ids: list[str]) -> list[Statement]:
        ids = list(dict.fromkeys(statement_ids))
        if not ids:
            return []
        records = self.cypher.read("UNWIND $ids AS id MATCH (s:Statement {id: id}) RETURN s", {"ids": ids}).records
        found = {st.id: st for st in (_statement(dict(r["s"])) for r in records)}
        return [found[i] for i in ids if i in found]

    def actor_activity(
        self, actor_id: str, period: ActivityPeriod = "all", date_from: date | None = None, date_to: date | None = None
    ) -> ActorActivity:
        level = activity.level_of(period, date_from, date_to)
        low, high = activity.bucket_bounds(level, date_from, date_to)
        rows = self.cypher.read(_ACTIVITY_ROWS, {"a": actor_id, "level": level, "low": low, "high": high}).records[0]
        seen: tuple[date | None, date | None] = (None, None)
        if level != activity.DAY:
            day_low, day_high = activity.bucket_bounds(activity.DAY, date_from, date_to)
            params = {"a": actor_id, "level": activity.DAY, "low": day_low, "high": day_high, "undated": UNDATED}
            first, last = self.cypher.read(_SEEN, params).records[0].values()
            seen = (day_of_key(first) if first else None, day_of_key(last) if last else None)
        return activity.fold(actor_id, period, level, [tuple(r) for r in rows["rows"]], seen)

    def actor_activity_from_statements(
        self, actor_id: str, period: ActivityPeriod = "all", date_from: date | None = None, date_to: date | None = None
    ) -> ActorActivity:
        """:meth:`actor_activity` grouped from the statements' indexes (the path before the
        activity counts; the migration derives the counts with it)."""
        params = {**_activity_params(actor_id), "date_from": date_from, "date_to": date_to}
        rows = self.cypher.read(_ACTIVITY, params).records[0]["rows"]
        return fold_activity(actor_id, period, map(_activity_row, rows))

    def actor_partners(self, actor_id: str, limit: int = 10) -> list[ActorPartner]:
        text, params = _partners_cypher(actor_id, limit)
        return [
            ActorPartner(actor_id=r["other"], statements=r["weight"]) for r in self.cypher.read(text, params).records
        ]

    def generation(self) -> int:
        records = self.cypher.read("MATCH (m:Meta {key: $k}) RETURN m.value AS v", {"k": GENERATION_MARK}).records
        return int(records[0]["v"]) if records else 0

    def counts(self) -> GraphCounts:
        typed = " + ".join(f"COUNT {{ ()-[:{rel_type(t)}]->() }}" for t in sorted(RELATION_TYPES))
        row = self.cypher.read(
            "RETURN COUNT { (:Actor) } AS actors, COUNT { (:Article) } AS articles, "
            "COUNT { (:Statement) } AS statements, COUNT { ()-[:HOLDS_ROLE]->() } AS roles, "
            f"{typed} AS relation_edges, COUNT {{ (:Claim) }} AS claims"
        ).records[0]
        return GraphCounts(**row.data())

    # -- claims ----------------------------------------------------------
    def list_claims(self, query: ClaimQuery) -> ClaimPage:
        match, where, params = _statement_filter(query)
        key, desc = SORTS[query.sort]
        filtered = bool(where) or match != "MATCH (s:Statement)"
        reports = f"{match}{where} MATCH (s)-[:REPORTS]->(c:Claim) WITH DISTINCT c" if filtered else "MATCH (c:Claim)"
        terms = ["c.num_sources >= $min_sources"]
        params = {**params, "min_sources": query.min_sources}
        count_text = f"{reports} WHERE {' AND '.join(terms)} RETURN count(c) AS n"
        after = decode_cursor(query.cursor, query.sort)
        if after is not None:
            terms.append(_after("c", key, desc, after[0] is None))
            params["after_key"], params["after_id"] = after
        direction = "DESC" if desc else "ASC"
        text = (
            f"{reports} WHERE {' AND '.join(terms)} "
            f"RETURN c ORDER BY c.{key} {direction}, c.id {direction} LIMIT $limit"
        )

        def work(tx: ManagedTransaction) -> tuple[int | None, list[Claim], bool]:
            items = [neo4j_claims.claim(dict(r["c"])) for r in tx.run(text, {**params, "limit": query.limit + 1})]
            more = len(items) > query.limit
            items = items[: query.limit]
            total: int | None = None
            if query.cursor is None:  # counted once, on the first page
                total = int(tx.run(count_text, params).single(strict=True)["n"]) if more else len(items)
            return total, items, more

        total, items, more = self.cypher.read_tx(work, what="list claims")
        nxt = None
        if more:
            last = items[-1]
            nxt = encode_cursor(query.sort, last.date if key == "date" else last.confidence, last.id)
        return ClaimPage(items=items, next_cursor=nxt, total=total)

    def get_claims(self, claim_ids: list[str]) -> list[Claim]:
        if not claim_ids:
            return []
        records = self.cypher.read("MATCH (c:Claim) WHERE c.id IN $ids RETURN c", {"ids": claim_ids}).records
        found = {r["c"]["id"]: neo4j_claims.claim(dict(r["c"])) for r in records}
        return [found[i] for i in claim_ids if i in found]

    def rebuild_claims(self) -> int:
        def work(tx: ManagedTransaction) -> int:
            n = self._claims(tx).rebuild(self.claim_rules, _article)
            self._bump_generation(tx)  # claims and their counts changed: cached answers must go
            return n

        return self.cypher.write_tx(work, what="rebuild claims")

    # -- read-only Cypher ------------------------------------------------
    def run_cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        *,
        max_rows: int = 1000,
        max_bytes: int = 4_000_000,
        timeout: float = 10.0,
    ) -> CypherResult:
        """Run a user's read-only Cypher query; anything else is :class:`QueryError`.

        Two gates: the text must pass :func:`graph.cypher_guard.check_read_only` (one
        statement of allow-listed read clauses), and the server must plan it (``EXPLAIN``)
        as read-only (query type ``r``) with no write, ``LOAD CSV`` or admin operator,
        only allow-listed procedures, and only this database. It then runs in a READ
        transaction with ``timeout`` seconds in a worker process
        (:mod:`graph.cypher_sandbox`) that streams at most ``max_rows`` rows and
        ``max_bytes`` bytes and is killed when it overruns.
        """
        if not isinstance(query, str) or not query.strip():
            raise QueryError("empty Cypher query")
        if max_rows < 1 or max_bytes < 1:
            raise QueryError("max_rows and max_bytes must be at least 1")
        check_read_only(query)
        params = dict(params or {})
        self._check_plan(query, params, timeout)
        found = self._cypher_sandbox().run(query, params, max_rows=max_rows, max_bytes=max_bytes, timeout=timeout)
        return CypherResult(rows=found.rows, truncated=found.truncated, bytes=found.size)

    def _cypher_sandbox(self) -> CypherSandbox:
        with self._sandbox_lock:
            if self._sandbox is None:
                self._sandbox = CypherSandbox(self.uri, self._auth, self.database)
            return self._sandbox

    def _check_plan(self, query: str, params: dict[str, Any], timeout: float) -> None:
        summary = self.cypher.read_with(
            # planning a query on a cold server can take a while; the run itself gets `timeout`
            Query(cast(Any, "EXPLAIN " + query), timeout=max(timeout, 10.0)),
            params,
            Result.consume,
            what="Cypher query rejected",
            user_query=True,
        )
        if summary.query_type != "r":
            kind = {"w": "writes", "rw": "writes", "s": "changes the schema or the server"}.get(
                summary.query_type or "", "is not a plain read"
            )
            raise QueryError(f"Cypher query rejected: only read-only queries are allowed (this one {kind})")
        for operator, details in _plan_operators(summary.plan):
            name = operator.split("@", 1)[0]
            if "@" in operator and not operator.endswith("@" + self.database):
                raise QueryError("Cypher query rejected: it may only read the configured database")
            if name.startswith(_FORBIDDEN_OPERATORS):
                raise QueryError(f"Cypher query rejected: {name} is not allowed")
            if name == "ProcedureCall":
                proc = details.split("(", 1)[0].strip().lower()
                if proc not in ALLOWED_PROCEDURES:
                    raise QueryError(f"Cypher query rejected: procedure {proc or '?'} is not allowed")


def _after(var: str, key: str, desc: bool, after_null: bool) -> str:
    """Keyset condition: rows strictly after ($after_key, $after_id) in ``ORDER BY key, id``.

    A null key (an undated statement or claim) sorts after every value, as Neo4j orders
    nulls: last ascending, first descending.

    Examples
    --------
    >>> _after("s", "date", True, False)
    '(s.date < $after_key OR (s.date = $after_key AND s.id < $after_id))'
    >>> _after("s", "date", False, True)
    '(s.date IS NULL AND s.id > $after_id)'
    """
    op = "<" if desc else ">"
    if after_null:
        tail = f" OR {var}.{key} IS NOT NULL" if desc else ""
        return f"({var}.{key} IS NULL AND {var}.id {op} $after_id{tail})"
    nulls = "" if desc else f" OR {var}.{key} IS NULL"
    return f"({var}.{key} {op} $after_key OR ({var}.{key} = $after_key AND {var}.id {op} $after_id){nulls})"


def _redacted(uri: str) -> str:
    """The URL without credentials: ``neo4j://user:pass@host`` → ``neo4j://host``.

    Examples
    --------
    >>> _redacted("neo4j://neo4j:secret@db.example:7687")
    'neo4j://db.example:7687'
    """
    scheme, sep, rest = uri.partition("://")
    return scheme + sep + rest.rsplit("@", 1)[-1] if sep else uri


def _plan_operators(plan: Any) -> list[tuple[str, str]]:
    """(operatorType, Details) of every operator in an EXPLAIN plan."""
    out: list[tuple[str, str]] = []
    stack = [plan] if isinstance(plan, dict) else []
    while stack:
        node = stack.pop()
        args = node.get("args") or {}
        out.append((str(node.get("operatorType", "")), str(args.get("Details", ""))))
        stack.extend(c for c in node.get("children") or [] if isinstance(c, dict))
    return out
