"""Check the gazetteer data files and report what they cover.

The gazetteer is built from ``loaders/data/gazetteer/*.csv`` (plus CLDR names from babel) every
time it loads, so nothing needs generating. This script is the maintainer's lint:

    .venv/bin/python scripts/build_gazetteer.py            # counts, ambiguities, coverage gaps
    .venv/bin/python scripts/build_gazetteer.py --missing  # also print states.csv rows to add for
                                                           # ISO codes CLDR knows and we do not
    .venv/bin/python scripts/build_gazetteer.py --fixtures tests/fixtures/extraction
                                                           # actor ids annotated fixtures use that
                                                           # the gazetteer lacks

It exits with status 1 when the data do not load (the error names the file).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale

from graph.errors import DiplographError, InputError
from graph.model import ActorKind, slugify
from loaders.gazetteer import Gazetteer

GROUPS = ("g20", "me", "oic", "asean")
_NOT_PLACES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"}  # unions and CLDR pseudo-regions
HEAD_TITLES = {
    "president",
    "prime minister",
    "chancellor",
    "king",
    "emir",
    "sultan",
    "supreme leader",
    "chairman",
    "chief adviser",
    "general secretary",
}


def report(gaz: Gazetteer, on: date) -> None:
    for key, value in gaz.stats().items():
        print(f"{key:24} {value}")
    ambiguous = gaz.ambiguous_names()
    print(f"\nambiguous names (never matched): {len(ambiguous)}")
    for name, ids in sorted(ambiguous.items()):
        print(f"  {name!r}: {', '.join(ids)}")
    print(f"\ncoverage on {on.isoformat()} (head = head of state or government, fm = foreign minister):")
    for group in GROUPS:
        members = gaz.members(group)
        no_head = [s.id for s in members if not any(r.title in HEAD_TITLES for r in gaz.roles_at(s.id, on))]
        no_fm = [s.id for s in members if gaz.holder(s.id, "foreign minister", on) is None]
        print(f"  {group:6} {len(members):3} states; no head: {len(no_head)}; no fm: {len(no_fm)}")
        if no_head:
            print(f"         no head: {', '.join(no_head)}")


def missing_states(gaz: Gazetteer) -> list[str]:
    """``states.csv`` rows for ISO alpha-2 codes CLDR names but the file lacks."""
    known = {a.country for a in gaz.actors() if a.kind in (ActorKind.state, ActorKind.place)}
    rows = []
    for code, name in sorted(Locale("en").territories.items()):
        if len(code) == 2 and code.isalpha() and code not in known and code not in _NOT_PLACES:
            rows.append(f"{slugify(name)},{code},place,{name},,,,")
    return rows


#: Keys of annotated statements (docs/annotation.md) whose values are actor ids ("a|b" = alternatives).
ACTOR_KEYS = ("speaker", "on_behalf_of", "targets", "via")


def _actor_id_cells(node: Any, key: str | None = None) -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _actor_id_cells(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _actor_id_cells(v, key)
    elif isinstance(node, str) and key in ACTOR_KEYS:
        yield node


def unknown_fixture_ids(gaz: Gazetteer, root: Path) -> dict[str, list[str]]:
    """Actor ids used in the ``*.json`` fixtures under ``root`` that the gazetteer lacks, with the
    files using them. A cell of alternatives ("a|b") is known when one of them is; a speaker list
    holds alternatives too, so each of its entries is reported only when none is known."""
    out: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"unreadable fixture: {exc}", source=str(path)) from exc
        for statement in data.get("statements", []) if isinstance(data, dict) else []:
            speakers = statement.get("speaker")
            cells = list(_actor_id_cells({k: v for k, v in statement.items() if k != "speaker"}))
            alternatives = [speakers] if isinstance(speakers, str) else list(speakers or [])
            if alternatives and not any(gaz.actor(a) for alt in alternatives for a in str(alt).split("|")):
                cells += [str(a) for a in alternatives]
            for cell in cells:
                options = cell.split("|")
                if not any(gaz.actor(a) for a in options):
                    for option in options:
                        out.setdefault(option, []).append(path.name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", action="store_true", help="print states.csv rows for unknown ISO codes")
    parser.add_argument("--on", type=date.fromisoformat, default=date.today(), help="date for coverage")
    parser.add_argument("--fixtures", type=Path, help="folder of annotated *.json fixtures to check ids against")
    args = parser.parse_args(argv)
    try:
        gaz = Gazetteer()
    except DiplographError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    report(gaz, args.on)
    if args.missing:
        print("\nCLDR region codes without a states.csv row (AC, CP, CQ, DG, EA, IC, TA are not ISO 3166-1):")
        for row in missing_states(gaz):
            print("  " + row)
    if args.fixtures:
        try:
            unknown = unknown_fixture_ids(gaz, args.fixtures)
        except DiplographError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"\nactor ids in {args.fixtures} unknown to the gazetteer: {len(unknown)}")
        for actor_id, files in sorted(unknown.items()):
            print(f"  {actor_id:32} {', '.join(sorted(set(files)))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
