#!/usr/bin/env bash
# Install everything the tests need, start a real Neo4j (unless NEO4J_URI is set), lint,
# type-check and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --test
started=""
if [ -z "${NEO4J_URI:-}" ]; then
  # reuse a server that is already running (and leave it running); else start one and stop it after
  if ! bash scripts/neo4j-local.sh status >/dev/null 2>&1; then started=1; fi
  bash scripts/neo4j-local.sh start
  export NEO4J_URI="bolt://127.0.0.1:${NEO4J_BOLT_PORT:-17687}"
fi
cleanup() { if [ -n "$started" ]; then bash scripts/neo4j-local.sh stop || true; fi; }
trap cleanup EXIT
echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest "$@"
