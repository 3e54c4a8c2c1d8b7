"""Build the extraction modules with mypyc, in place (loaders/native.py says which and how they are used).

Usage: .venv/bin/python scripts/native.py build | clean | status

``scripts/setup.sh`` runs ``build`` when no current build is there. Without a C compiler or Python's
headers, or without mypyc (it comes with mypy), it says so and leaves the package pure Python.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import loaders.native as native  # noqa: E402
from loaders.native import GROUP, MODULES, PURE_ENV, built, clean, digests, source_path  # noqa: E402


def _compiler_missing() -> str | None:
    """Why no extension module can be built here (no C compiler, no Python headers), or None."""
    cc = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]  # as distutils chooses
    if shutil.which(cc) is None:
        return f"no C compiler ({cc})"
    header = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not header.is_file():
        return f"no Python headers ({header})"
    return None


def build() -> int:
    """Compile :data:`MODULES` in place; 0 when built, or when it cannot be built here (with why)."""
    missing = _compiler_missing()
    if missing is not None:
        state = "the compiled modules of an earlier build stay" if built() else "the extraction runs as pure Python"
        print(f"native: {missing}: nothing compiled; {state}", file=sys.stderr)
        return 0
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("native: mypyc is not installed (it comes with mypy): nothing compiled", file=sys.stderr)
        return 0
    from setuptools import Distribution

    clean()
    started = time.monotonic()
    sources = digests()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="diplograph-native-") as tmp:
        os.chdir(ROOT)  # mypyc names modules by their paths and reads pyproject.toml's [tool.mypy]
        try:
            paths = [str(source_path(m).relative_to(ROOT)) for m in MODULES]
            extensions = mypycify(paths, opt_level="3", target_dir=os.path.join(tmp, "c"), group_name=GROUP)
            # a Distribution of its own, not setup(): setuptools would read pyproject.toml's [project]
            dist = Distribution({"name": "diplograph-native", "ext_modules": extensions})
            jobs = str(os.cpu_count() or 1)
            dist.script_args = [
                "build_ext",
                "--inplace",
                "--build-temp",
                os.path.join(tmp, "o"),
                "--build-lib",
                os.path.join(tmp, "lib"),
            ]
            dist.script_args += ["--parallel", jobs]
            dist.parse_command_line()
            dist.run_commands()
        finally:
            os.chdir(cwd)
    if digests() != sources:
        print("native: sources changed during the build: not used (run the build again)", file=sys.stderr)
        return 1
    native.MANIFEST.write_text(json.dumps({"sources": sources}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"native: {len(MODULES)} extraction modules compiled in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "status"
    if command == "build":
        return build()
    if command == "clean":
        print(f"native: {clean()} extension modules removed", file=sys.stderr)
        return 0
    if command == "status":
        if not built():
            print("source: no current build (.venv/bin/python scripts/native.py build)")
        elif os.environ.get(PURE_ENV, "") not in ("", "0"):
            print(f"source: {PURE_ENV} is set (the compiled modules are current)")
        else:
            print(f"compiled: {len(MODULES)} extraction modules")
        return 0
    print("usage: .venv/bin/python scripts/native.py build|clean|status", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
