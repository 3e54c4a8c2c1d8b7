"""The relation vocabulary and its CAMEO / PLOVER / QuadClass / Goldstein codes.

Codes come from data files: ``graph/data/relations.csv`` (our vocabulary) and
``graph/data/cameo-codes.csv`` (the CAMEO codebook, from the andybega/icews repository,
MIT licence, data-raw/cameo-codes.csv; Goldstein values are the ICEWS table).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from graph.model import Relation

Stance = Literal["support", "oppose", "neutral"]

# PLOVER categories by CAMEO root (PLOVER folds appeals and demands into REQUEST).
_PLOVER_BY_ROOT = {
    "01": "OTHER", "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
    "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "INVESTIGATE", "10": "REQUEST",
    "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE",
    "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True, slots=True)
class RelationInfo:
    relation: Relation
    cameo: str
    plover: str
    stance: Stance
    description: str


@dataclass(frozen=True, slots=True)
class RelationCodes:
    cameo: str
    cameo_name: str
    plover: str
    quad_class: int
    goldstein: float


def _read_csv(package: str, name: str) -> list[dict[str, str]]:
    with resources.files(package).joinpath("data", name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def cameo_codebook() -> dict[str, CameoCode]:
    """All CAMEO codes by code string.

    Examples
    --------
    >>> cameo_codebook()["1224"].name
    'Reject request for military protection or peacekeeping'
    >>> cameo_codebook()["1224"].quad_class
    3
    """
    return {
        row["code"]: CameoCode(
            code=row["code"],
            root=row["root"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quadclass"]),
        )
        for row in _read_csv("graph", "cameo-codes.csv")
    }


@cache
def vocabulary() -> dict[Relation, RelationInfo]:
    """Our relations with their default CAMEO code, PLOVER category and stance."""
    out: dict[Relation, RelationInfo] = {}
    for row in _read_csv("graph", "relations.csv"):
        rel = Relation(row["relation"])
        stance = row["stance"]
        if stance not in ("support", "oppose", "neutral"):
            raise ValueError(f"relations.csv: bad stance {stance!r} for {rel}")
        out[rel] = RelationInfo(rel, row["cameo"], row["plover"], stance, row["description"])  # type: ignore[arg-type]
    missing = set(Relation) - set(out)
    if missing:
        raise ValueError(f"relations.csv lacks {sorted(missing)}")
    return out


def codes_for(relation: Relation, cameo: str | None = None) -> RelationCodes:
    """Codes for a relation, optionally refined to a more specific CAMEO code.

    Remembered per (relation, code) for the process (the codebook never changes; extraction asks
    once per statement); an unknown code raises every time.

    Examples
    --------
    >>> c = codes_for(Relation.declines, "1224")
    >>> (c.cameo, c.plover, c.quad_class, c.goldstein)
    ('1224', 'REJECT', 3, -4.0)
    >>> codes_for(Relation.claims_role).plover
    'AGREE'
    """
    found = _CODES.get((relation, cameo))
    if found is None:
        found = _CODES[(relation, cameo)] = codes_for_long(relation, cameo)
    return found


_CODES: dict[tuple[Relation, str | None], RelationCodes] = {}


def codes_for_long(relation: Relation, cameo: str | None = None) -> RelationCodes:
    """:func:`codes_for` read from the codebook at each call (the reference)."""
    info = vocabulary()[relation]
    code = cameo or info.cameo
    book = cameo_codebook()
    if code not in book:
        raise ValueError(f"unknown CAMEO code {code!r}")
    entry = book[code]
    plover = info.plover if code == info.cameo else _PLOVER_BY_ROOT.get(entry.root, info.plover)
    return RelationCodes(code, entry.name, plover, entry.quad_class, entry.goldstein)


def stance_of(relation: Relation) -> Stance:
    """``support``, ``oppose`` or ``neutral``: how the relation positions the speaker towards its target."""
    return vocabulary()[relation].stance
