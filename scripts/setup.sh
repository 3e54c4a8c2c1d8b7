#!/usr/bin/env bash
# Install diplograph into ./.venv (idempotent). With --test also the test tools:
# pytest & co (PyPI), the browser libraries (npm), Debian's chromium for the page tests.
# Python packages come at the exact versions of constraints.txt (regenerate: bash scripts/lock.sh),
# browser libraries at those of package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON_BIN:-python3}
# the network page (/) and /docs load their libraries from node_modules (package.json, package-lock.json)
browser_libraries() {
  [ -f package.json ] || return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm not found: skipping the browser libraries; the API serves, but the network page (/) and" \
      "/docs need them: install Node.js + npm, then run 'npm ci'" >&2
    return 0
  fi
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
}
# the extraction modules compiled to C by mypyc, in place (loaders/native.py; ~20 % fewer instructions per
# article): rebuilt only when a source changed; without a C compiler the package runs as pure Python.
# DIPLOGRAPH_NATIVE=0 skips the build and removes a previous one.
native_modules() {
  if [ "${DIPLOGRAPH_NATIVE:-1}" = 0 ]; then
    .venv/bin/python scripts/native.py clean
    echo "setup: DIPLOGRAPH_NATIVE=0: the extraction runs as pure Python"
    return 0
  fi
  if .venv/bin/python -c 'import sys; from loaders.native import built; sys.exit(not built())'; then return 0; fi
  .venv/bin/python -m pip install -q -c constraints.txt mypy  # mypyc comes with mypy (the pinned version)
  echo "setup: compiling the extraction modules with mypyc (2-4 min on 2 cores; log: .venv/native-build.log)"
  if ! .venv/bin/python scripts/native.py build >.venv/native-build.log 2>&1; then
    tail -n 30 .venv/native-build.log >&2
    echo "setup: the mypyc build failed (above; DIPLOGRAPH_NATIVE=0 runs the pure-Python extraction)" >&2
    return 1
  fi
  tail -n 1 .venv/native-build.log
}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip -c constraints.txt
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install -q -c constraints.txt -e '.[test,dask]'
  native_modules
  browser_libraries
  if ! command -v chromium >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -q && $SUDO apt-get install -y -q chromium
  fi
else
  .venv/bin/python -m pip install -q -c constraints.txt -e .
  native_modules
  browser_libraries
fi
