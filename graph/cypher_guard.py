"""Admit only read-only Cypher from users: a tokenizer and a clause allowlist.

This is the first of two gates for ``POST /cypher`` (the second is the server's own plan:
``EXPLAIN`` must call the query read-only, see ``Neo4jStore.run_cypher``). The query text
is split into tokens by a real tokenizer: string literals (``'…'``, ``"…"`` with escapes),
backtick identifiers, ``//`` and ``/* */`` comments, parameters, numbers, words and
symbols. Then:

- outside strings and backtick identifiers the text is plain ASCII: no Unicode lookalikes,
  invisible characters or escapes (``\\u0043REATE``) that the server might read otherwise;
- one statement: no ``;``; comments are closed;
- the query starts with a read clause (not ``EXPLAIN``/``PROFILE``/``CYPHER``/``USE``/
  ``SHOW``/``TERMINATE``/``CREATE INDEX``/``GRANT``… which all open a query);
- every clause keyword anywhere is in :data:`ALLOWED_CLAUSES`; a word that names a clause
  (``CREATE``, ``SET``, ``LOAD``, ``FOREACH``, ``TRANSACTIONS``…) is refused wherever it
  stands, except as a property key (``n.set``), label (``:Create``), parameter or in backticks;
- ``CALL`` is followed by the name of an allow-listed read procedure (:data:`ALLOWED_PROCEDURES`),
  so no ``CALL { … } IN TRANSACTIONS`` subquery and no admin procedure.

Examples
--------
>>> check_read_only("MATCH (a:Actor)-[r:DECLINES]->(b) WHERE a.name = $name RETURN a, b LIMIT 5")
>>> check_read_only("MATCH (n) DETACH DELETE n")
Traceback (most recent call last):
...
graph.errors.QueryError: Cypher query rejected: DETACH is not allowed (only MATCH, OPTIONAL MATCH, WITH, UNWIND, WHERE, RETURN, ORDER BY, SKIP, LIMIT, UNION and CALL of an allowed read procedure)
>>> check_read_only("RETURN '; DROP' AS s, n.create AS c // CREATE (x)")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from graph.errors import QueryError

TokenKind = Literal["word", "string", "quoted", "param", "number", "symbol"]

ALLOWED_CLAUSES = frozenset(
    {"MATCH", "OPTIONAL", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER", "BY", "SKIP", "LIMIT", "UNION", "CALL", "YIELD"}
)
"""Clause keywords a user query may use (``CALL … YIELD`` only for :data:`ALLOWED_PROCEDURES`)."""

ALLOWED_PROCEDURES = frozenset(
    {
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    }
)
"""Procedures a user query may ``CALL`` (lower case): full-text queries and read-only schema listings."""

FIRST_CLAUSES = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL"})
"""Words a user query may start with."""

CLAUSE_WORDS = frozenset(
    {
        # reading and writing clauses, Cypher 5 and Cypher 25 (GQL) spellings
        "MATCH", "OPTIONAL", "WHERE", "WITH", "UNWIND", "RETURN", "ORDER", "BY", "SKIP", "OFFSET", "LIMIT",
        "UNION", "CALL", "YIELD", "CREATE", "INSERT", "MERGE", "DELETE", "DETACH", "NODETACH", "SET", "REMOVE",
        "FOREACH", "LOAD", "CSV", "FROM", "FIELDTERMINATOR", "HEADERS", "USE", "FINISH", "FILTER", "LET", "NEXT",
        "PERIODIC", "COMMIT", "USING", "TRANSACTIONS", "TRANSACTION", "CONCURRENT",
        # query prefixes
        "EXPLAIN", "PROFILE", "CYPHER",
        # schema and administration commands (their nouns follow one of these verbs)
        "SHOW", "TERMINATE", "DROP", "ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "START", "STOP", "ENABLE",
        "DEALLOCATE", "REALLOCATE", "IMPERSONATE",
    }
)  # fmt: skip
"""Every word that opens a clause or command; outside :data:`ALLOWED_CLAUSES` each is refused."""

_RULE = (
    "only MATCH, OPTIONAL MATCH, WITH, UNWIND, WHERE, RETURN, ORDER BY, SKIP, LIMIT, UNION "
    "and CALL of an allowed read procedure"
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER = re.compile(r"[0-9][0-9A-Za-z_.]*")
_SYMBOLS = "()[]{}<>=+-*/%^.,:|!?&~"
_ASCII_SPACE = " \t\r\n\f"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str
    pos: int


def _reject(reason: str) -> QueryError:
    return QueryError(f"Cypher query rejected: {reason}")


def _closing(text: str, start: int, quote: str) -> int:
    """Index just past the string or backtick identifier opened at ``start``."""
    i = start + 1
    while i < len(text):
        ch = text[i]
        if quote != "`" and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "`" and text.startswith("``", i):
                i += 2
                continue
            return i + 1
        i += 1
    raise _reject("a string or `identifier` is not closed")


def tokenize(query: str) -> list[Token]:
    """Tokens of ``query`` without comments and whitespace; :class:`QueryError` for what we do not read.

    Examples
    --------
    >>> [t.text for t in tokenize("MATCH (n) /* x; */ RETURN 'a''s' // done")]
    ['MATCH', '(', 'n', ')', 'RETURN', "'a'", "'s'"]
    >>> tokenize("RETURN 1; MATCH (n) DETACH DELETE n")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: Cypher query rejected: one statement only (no ';')
    """
    tokens: list[Token] = []
    i = 0
    n = len(query)
    while i < n:
        ch = query[i]
        if ch in _ASCII_SPACE:
            i += 1
        elif query.startswith("//", i):
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif query.startswith("/*", i):
            end = query.find("*/", i + 2)
            if end < 0:
                raise _reject("a /* comment is not closed")
            i = end + 2
        elif ch in "'\"`":
            end = _closing(query, i, ch)
            tokens.append(Token("quoted" if ch == "`" else "string", query[i:end], i))
            i = end
        elif ch == "$":
            match = _WORD.match(query, i + 1) or _NUMBER.match(query, i + 1)
            if match is None:
                raise _reject("'$' must start a parameter name")
            tokens.append(Token("param", query[i : match.end()], i))
            i = match.end()
        elif ch == ";":
            raise _reject("one statement only (no ';')")
        elif ch == "\\":
            raise _reject("escapes are only allowed inside strings")
        elif not ch.isascii() or not ch.isprintable():
            raise _reject(f"character U+{ord(ch):04X} outside a string (only ASCII is read there)")
        elif match := _WORD.match(query, i):
            tokens.append(Token("word", match.group(), i))
            i = match.end()
        elif match := _NUMBER.match(query, i):
            tokens.append(Token("number", match.group(), i))
            i = match.end()
        elif ch in _SYMBOLS:
            tokens.append(Token("symbol", ch, i))
            i += 1
        else:
            raise _reject(f"unexpected character {ch!r}")
    return tokens


def _is_name_position(tokens: list[Token], k: int) -> bool:
    """A word right after ``.``, ``:`` or in a map key (``{set: 1}``) names a property or label."""
    if k == 0:
        return False
    prev = tokens[k - 1]
    if prev.kind == "symbol" and prev.text in (".", ":"):
        return not (prev.text == "." and k >= 2 and tokens[k - 2].kind == "number")
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return bool(
        nxt is not None and nxt.text == ":" and prev.kind == "symbol" and prev.text in ("{", ",") and _in_map(tokens, k)
    )


def _in_map(tokens: list[Token], k: int) -> bool:
    depth = 0
    for t in reversed(tokens[:k]):
        if t.kind != "symbol":
            continue
        if t.text in ")]}":
            depth += 1
        elif t.text in "([{":
            if depth == 0:
                return t.text == "{"
            depth -= 1
    return False


def _procedure_name(tokens: list[Token], k: int) -> tuple[str, int]:
    """The dotted name after ``CALL`` at ``k`` and the index after it."""
    parts: list[str] = []
    j = k + 1
    while j < len(tokens):
        tok = tokens[j]
        if tok.kind == "word" or tok.kind == "quoted":
            parts.append(tok.text.strip("`"))
            j += 1
            if j < len(tokens) and tokens[j].text == ".":
                j += 1
                continue
        break
    return ".".join(parts).lower(), j


def check_read_only(query: str) -> None:
    """Raise :class:`QueryError` unless ``query`` is one read-only query of allowed clauses."""
    tokens = tokenize(query)
    if not tokens:
        raise _reject("the query is empty")
    first = tokens[0]
    if first.kind != "word" or first.text.upper() not in FIRST_CLAUSES:
        shown = first.text.upper() if first.kind == "word" else first.text[:20]
        raise _reject(f"a query starts with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN or CALL, not {shown}")
    for k, tok in enumerate(tokens):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        if word not in CLAUSE_WORDS or _is_name_position(tokens, k):
            continue
        if word not in ALLOWED_CLAUSES:
            raise _reject(f"{word} is not allowed ({_RULE})")
        if word == "CALL":
            name, after = _procedure_name(tokens, k)
            if not name:
                raise _reject("CALL { … } subqueries are not allowed; CALL only an allowed read procedure")
            if name not in ALLOWED_PROCEDURES:
                raise _reject(f"procedure {name[:80]} is not allowed (only {', '.join(sorted(ALLOWED_PROCEDURES))})")
            if after >= len(tokens) or tokens[after].text != "(":
                raise _reject("CALL a procedure with its arguments in parentheses")
