"""Extraction knowledge lives in data files: no word of any language in the extractor's Python.

Every string literal of ``loaders/extract/**/*.py`` and ``graph/text.py`` is scanned (docstrings,
f-strings and the messages of warnings and exceptions are prose for people, not knowledge).
After regex syntax is removed, a literal may only hold structural characters (punctuation,
quotation marks, regex classes) and identifiers of the data schema: the section and key names
of ``loaders/data/lang/*.toml`` (``lang.PHRASE_LISTS``, ``lang.WORD_SETS``), relation names and
a few resource names. A word a language uses ("said", "kementerian", "the") fails the test: put
it in the language's cue file (see ``loaders/data/lang/README.md``).

The gazetteer (``loaders/gazetteer.py``) names many CSV columns, so it is held to a narrower
rule: no letter outside ASCII in any literal (no Arabic prefixes, no folding tables).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest

from graph.model import ActorKind, Relation, Statement, TargetRole
from loaders.extract.lang import ANY_MINISTRY, PHRASE_LISTS, RELATION_NAMES, WORD_SETS

ROOT = Path(__file__).resolve().parent.parent
# lang.py reads the schema: its literals are the section and key names themselves
EXTRACTOR = sorted(p for p in (ROOT / "loaders" / "extract").rglob("*.py") if p.name != "lang.py")
EXTRACTOR.append(ROOT / "graph" / "text.py")

_MESSAGE_CALLS = frozenset({"warn", "ConfigError", "InputError", "ExtractionError", "ValueError", "KeyError"})
_REGEX_SYNTAX = re.compile(
    r"\\[A-Za-z]|\(\?P?<?[=!]?|\(\?[aiLmsux]+\)|\[\^?|\{\d*,?\d*\}|(?<![^\W_])(?:[^\W_]-[^\W_])+"
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_RESOURCES = {"loaders", "data", "lang", "toml", "utf", "universal", "verbs", "act", "relation", "topic", "ltr"}
# identifiers of libraries' data: Unicode normal forms and categories, CLDR territory data, URL hosts
_APIS = {"nfkd", "nfc", "cf", "territory", "languages", "official", "status", "www"}
# values of the gazetteer's CSV schema read by the extractor (state_bodies.csv scope)
_GAZETTEER = {"named", "new"}


def _schema_words() -> set[str]:
    words = _RESOURCES | _APIS | _GAZETTEER | {ANY_MINISTRY}
    for name, (section, key) in {**PHRASE_LISTS, **WORD_SETS}.items():
        words |= set(re.split(r"[_:]", f"{name}_{section}_{key}"))
    for values in (RELATION_NAMES, [r.value for r in Relation], [k.value for k in ActorKind]):
        for v in values:
            words |= set(v.split("_"))
    words |= {r.value for r in TargetRole}
    for name in ("date_source",):  # Literal values of the model
        words |= {str(v) for v in get_args(Statement.model_fields[name].annotation)}
    return words


ALLOWED = _schema_words()


def _prose(tree: ast.AST) -> set[int]:
    """ids of string nodes that are prose: docstrings, f-string parts, warning and exception messages."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skip.add(id(body[0].value))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # attribute docstrings
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in ast.walk(node))
        if isinstance(node, ast.Dict):  # keys of a record (a JSON view, a model update)
            skip.update(id(k) for k in node.keys if k is not None)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            skip.update(id(v) for v in ast.walk(node.value))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            target = func.value if isinstance(func, ast.Attribute) else None
            warnings = isinstance(target, ast.Attribute) and target.attr == "warnings" and name == "append"
            if name in _MESSAGE_CALLS or warnings:
                skip.update(id(v) for arg in node.args for v in ast.walk(arg))
    return skip


def _literals(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prose = _prose(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
            yield node.lineno, node.value


@pytest.mark.parametrize("path", EXTRACTOR, ids=[str(p.relative_to(ROOT)) for p in EXTRACTOR])
def test_no_language_words_in_extractor_code(path: Path) -> None:
    found = [
        (line, word, literal)
        for line, literal in _literals(path)
        for word in _WORD.findall(_REGEX_SYNTAX.sub(" ", literal))
        if word.casefold() not in ALLOWED
    ]
    assert not found, f"words in code (move them to loaders/data/lang/<xx>.toml): {found[:10]}"


def test_gazetteer_code_holds_no_script_specific_text() -> None:
    path = ROOT / "loaders" / "gazetteer.py"
    found = [
        (line, lit)
        for line, lit in _literals(path)
        if any(c.isalpha() and not c.isascii() for c in _REGEX_SYNTAX.sub(" ", lit))
    ]
    assert not found, found[:10]


def test_the_scan_catches_a_word() -> None:
    """The scan fails for a word list in code (the test itself can fail)."""
    tree = ast.parse('STATE_BODIES = frozenset({"military", "kementerian"})\nRE = r"(?:\\s+)"\n')
    prose = _prose(tree)
    literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in prose]
    words = [w for lit in literals for w in _WORD.findall(_REGEX_SYNTAX.sub(" ", str(lit))) if w not in ALLOWED]
    assert words == ["military", "kementerian"]


def test_every_cue_file_key_is_documented() -> None:
    """A newcomer adds a language from the README alone: every key the loader reads is in its table."""
    readme = (ROOT / "loaders" / "data" / "lang" / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `[")]
    keys = {*PHRASE_LISTS.values(), *WORD_SETS.values()}
    keys |= {("script", "quotes"), ("script", "terminators"), ("script", "direction"), ("negation", "scope")}
    first_cells = [row.split("|")[1] for row in rows]

    def documented(section: str, key: str) -> bool:
        return any(
            cell.strip().startswith(f"`[{section}]") and (f"[{section}] {key}`" in cell or f"`{key}`" in cell)
            for cell in first_cells
        )

    missing = [f"[{section}] {key}" for section, key in sorted(keys) if not documented(section, key)]
    assert not missing, missing
