"""The extraction modules compiled by mypyc (loaders/native.py) do what their source does (issue 12)."""

from __future__ import annotations

import doctest
import hashlib
import importlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import loaders.extract.pipeline as pipeline_module
import loaders.native as native
from loaders.native import MODULES, built, compiled, source_path

ROOT = Path(__file__).resolve().parent.parent


def _source_module(name: str) -> ModuleType:
    """``name`` executed from its source under a name of its own (the compiled module stays imported)."""
    alias = f"_source_of_{name.replace('.', '_')}"
    spec = importlib.util.spec_from_file_location(alias, source_path(name))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[alias] = module  # dataclasses look their module up while the class is made
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[alias]
    return module


@pytest.mark.parametrize("name", MODULES)
def test_doctests_of_the_compiled_modules_pass_on_their_source(name: str) -> None:
    # a compiled module keeps no docstrings, so pytest's --doctest-modules finds none in it: run them here
    module = _source_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder(exclude_empty=True).find(module, name.rsplit(".", 1)[-1]):
        runner.run(test)
    assert runner.failures == 0


def test_the_doctests_of_the_compiled_modules_are_found() -> None:
    examples = sum(
        len(test.examples) for name in MODULES for test in doctest.DocTestFinder().find(_source_module(name))
    )
    assert examples >= 100  # 106 examples in 47 docstrings of the extraction modules (dates, spans, lang, …)


def test_compiled_modules_are_used_when_their_build_is_current() -> None:
    # scripts/setup.sh builds them where a C compiler is: then a process importing them gets every one
    # compiled, each with its own place as __file__ (a fresh process: pytest's --doctest-modules may
    # import a module this session had not imported yet from its source file, by its path)
    probe = (
        "import importlib, sys, loaders.native as n;"
        "ms = [importlib.import_module(m) for m in n.MODULES];"
        "print(sum(map(n.compiled, ms)), all(m.__file__.startswith(str(n.source_path(m.__name__))[:-3]) for m in ms))"
    )
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    out = subprocess.run([sys.executable, "-c", probe], cwd="/", env=env, capture_output=True, text=True, check=True)
    if built():
        assert out.stdout.split() == [str(len(MODULES)), "True"]
        assert compiled(pipeline_module) or os.environ.get(native.PURE_ENV, "") not in ("", "0")
    else:
        assert out.stdout.split() == ["0", "True"]


def test_a_source_edited_after_the_build_is_used_in_place_of_every_compiled_module(tmp_path: Path) -> None:
    # the build records each source's SHA-256; one changed (here: the record) → every module from source
    manifest = tmp_path / "native.json"
    recorded = {name: hashlib.sha256(b"an older source").hexdigest() for name in MODULES}
    manifest.write_text(json.dumps({"sources": recorded}), encoding="utf-8")
    probe = (  # loaders/__init__.py has activated with the real record: activate again with the changed one
        "import sys, loaders.native as n; n.MANIFEST = n.Path(sys.argv[1]); n.activate();"
        "import loaders.extract.pipeline as p, loaders.gazetteer as g;"
        "print(n.compiled(p), n.compiled(g), p.__file__.endswith('.py'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(manifest)], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False", "True"]


def test_extraction_with_the_sources_forced_gives_what_the_compiled_modules_give(tmp_path: Path) -> None:
    # bench/dump_extraction.py: every statement of every fixture article (dev, dev2, regression,
    # seeds, claims, intake, news500), byte for byte, with DIPLOGRAPH_PURE_PYTHON=1 and without
    dumps = []
    for pure in ("1", "0"):
        out = tmp_path / f"dump-{pure}.json"
        env = {**os.environ, native.PURE_ENV: pure}
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "dump_extraction.py"), str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=True,
        )
        dumps.append(out.read_bytes())
    assert dumps[0] == dumps[1]
    assert b'"statements"' in dumps[0]


def test_without_a_c_compiler_the_build_says_so_and_the_package_runs_as_before() -> None:
    env = {**os.environ, "CC": "/no/such/compiler"}
    before = built()
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "native.py"), "build"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "no C compiler (/no/such/compiler): nothing compiled" in done.stderr
    assert built() == before
    probe = "from graph.model import Article; from loaders.extract import extract;"
    probe += "print(len(extract(Article(id='sha:x', text='Turkey condemned the attack, Erdogan said.', language='en')).statements))"
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def test_fresh_source_modules_leave_every_package_as_it_was() -> None:
    # tests that patch a function of a fresh source module (native.sources) must leave the packages'
    # names bound as before: loaders.extract.attribution.quote_after is the function the package
    # imported, not its submodule (else every later extraction in the session calls a module)
    packages = sorted({name.rpartition(".")[0] for name in MODULES} | {"loaders"})
    for name in (*packages, *MODULES):
        importlib.import_module(name)
    before = {name: sys.modules[name] for name in packages}
    was = {name: dict(vars(module)) for name, module in before.items()}
    with native.sources():
        for name in MODULES:
            importlib.import_module(name)
        fresh = sys.modules["loaders.extract.attribution"]
    assert fresh is not before["loaders.extract.attribution"]
    for name in packages:
        now = vars(sys.modules[name])
        assert now.keys() == was[name].keys(), name
        assert all(now[key] is value for key, value in was[name].items()), name
    assert callable(sys.modules["loaders.extract.attribution"].quote_after)
