"""The extraction modules compiled to C by mypyc (issue 12), or their Python source.

``bash scripts/setup.sh`` runs ``scripts/native.py build`` after the install: mypyc (it comes
with the pinned mypy) compiles the modules of :data:`MODULES` — the statement extraction, the
gazetteer's matching and the date finder, everything a news article goes through except the
pydantic models — into extension modules placed beside their sources (``*.so``, git-ignored),
and writes :data:`MANIFEST`, the SHA-256 of every source it compiled. The compiled modules do
what the source does (the same code; ``bench/dump_extraction.py`` is byte-identical either way)
in ~20 % fewer instructions.

Python would import an extension module before the source beside it, so a module edited after
the build would run its old compiled code. :func:`activate` (run by ``loaders/__init__.py``, before
any of these modules is imported) prevents that: unless the manifest names exactly the sources
that are there now, every module of :data:`MODULES` is imported from its source — all of them,
since compiled modules call each other directly, not through their module attributes. The same
happens with ``DIPLOGRAPH_PURE_PYTHON=1`` set, and wherever no build ran (no C compiler, an
installed wheel): the package then runs as pure Python, as before.

Commands: ``.venv/bin/python scripts/native.py build`` | ``clean`` | ``status``.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "loaders" / "native.json"
PURE_ENV = "DIPLOGRAPH_PURE_PYTHON"
GROUP = "diplograph_native"
# the modules' shared library: at the top of the source tree, where mypyc derives each compiled module's
# __file__ from (ROOT/loaders/dates.py -> ROOT/loaders/dates.<suffix>); activate() imports it by its path
SHARED_LIB = ROOT / f"{GROUP}__mypyc{importlib.machinery.EXTENSION_SUFFIXES[0]}"

# Every module of the extraction of an article that holds no pydantic model (mypyc cannot compile
# those as native classes): the package loaders.extract, its attribution patterns, the gazetteer
# and the date finder.
MODULES: tuple[str, ...] = (
    "loaders.dates",
    "loaders.gazetteer",
    "loaders.extract",
    "loaders.extract.article",
    "loaders.extract.lang",
    "loaders.extract.lexicon",
    "loaders.extract.mentions",
    "loaders.extract.phrases",
    "loaders.extract.pipeline",
    "loaders.extract.provenance",
    "loaders.extract.relations",
    "loaders.extract.report",
    "loaders.extract.sentences",
    "loaders.extract.spans",
    "loaders.extract.speakers",
    "loaders.extract.statements",
    "loaders.extract.targets",
    "loaders.extract.windows",
    "loaders.extract.attribution",
    "loaders.extract.attribution.acts",
    "loaders.extract.attribution.candidate",
    "loaders.extract.attribution.clauses",
    "loaders.extract.attribution.colon",
    "loaders.extract.attribution.continuation",
    "loaders.extract.attribution.frames",
    "loaders.extract.attribution.headline",
    "loaders.extract.attribution.quote_after",
    "loaders.extract.attribution.quote_before",
    "loaders.extract.attribution.reported",
    "loaders.extract.attribution.subjects",
    "loaders.extract.attribution.verbs",
)


def source_path(module: str) -> Path:
    """The source file of ``module`` (a package's ``__init__.py``)."""
    base = ROOT.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def digests() -> dict[str, str]:
    """The SHA-256 of each module's source as it is now."""
    return {m: hashlib.sha256(source_path(m).read_bytes()).hexdigest() for m in MODULES}


def built() -> bool:
    """Whether the compiled modules are there and were built from the sources there now."""
    if not SHARED_LIB.is_file():
        return False
    try:
        recorded = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(recorded, dict) and recorded.get("sources") == digests()


def compiled(module: ModuleType) -> bool:
    """Whether ``module`` was imported from an extension module."""
    return isinstance(getattr(module, "__loader__", None), importlib.machinery.ExtensionFileLoader)


class _SourceFinder:  # a MetaPathFinder (importlib.abc would import importlib.resources: ~30 ms)
    """Imports every module of :data:`MODULES` from its source, never from an extension module."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _NAMES:
            return None
        return importlib.util.spec_from_file_location(fullname, source_path(fullname))


_NAMES = frozenset(MODULES)
_SOURCE_FINDER = _SourceFinder()


def activate() -> bool:
    """Use the compiled modules when they are current, else the sources; True when compiled."""
    use = os.environ.get(PURE_ENV, "") in ("", "0") and built()
    if not use:
        if _SOURCE_FINDER not in sys.meta_path:
            sys.meta_path.insert(0, _SOURCE_FINDER)
        return False
    name = SHARED_LIB.name.split(".")[0]
    if name not in sys.modules:  # the compiled modules import it by name; ROOT need not be on sys.path
        spec = importlib.util.spec_from_file_location(name, SHARED_LIB)
        assert spec is not None and spec.loader is not None
        lib = importlib.util.module_from_spec(spec)
        sys.modules[name] = lib
        spec.loader.exec_module(lib)
    return True


@contextmanager
def sources() -> Iterator[None]:
    """Meanwhile every module of :data:`MODULES` is imported afresh from its source; after, the modules
    imported before are back. For tests that replace a function to watch what its callers do: a compiled
    module calls the others' functions directly, never through their module attributes."""
    # what each package held under a submodule's name: the submodule, or what the package's own
    # code bound to that name after importing it (loaders.extract.attribution.quote_after is a function)
    held = [(holder, child, holder.__dict__.get(child, _ABSENT)) for holder, child in _holders()]
    before = {name: sys.modules.pop(name) for name in MODULES if name in sys.modules}
    added = _SOURCE_FINDER not in sys.meta_path
    if added:
        sys.meta_path.insert(0, _SOURCE_FINDER)
    try:
        yield
    finally:
        if added:
            sys.meta_path.remove(_SOURCE_FINDER)
        for name in MODULES:
            sys.modules.pop(name, None)
        sys.modules.update(before)
        for holder, child, value in held:  # the fresh imports rebound them: back as they were
            if value is _ABSENT:
                holder.__dict__.pop(child, None)
            else:
                setattr(holder, child, value)


_ABSENT = object()


def _holders() -> list[tuple[ModuleType, str]]:
    """(imported package, name) of every module of :data:`MODULES` whose package is imported."""
    found = []
    for name in MODULES:
        parent, _, child = name.rpartition(".")
        holder = sys.modules.get(parent)
        if holder is not None:
            found.append((holder, child))
    return found


def clean() -> int:
    """Remove the compiled modules and the manifest; the sources are used from then on."""
    MANIFEST.unlink(missing_ok=True)
    found = [*ROOT.glob(f"{GROUP}__mypyc.*"), *(ROOT / "loaders").rglob("*.so"), *(ROOT / "loaders").rglob("*.pyd")]
    for path in found:
        path.unlink()
    return len(found)
