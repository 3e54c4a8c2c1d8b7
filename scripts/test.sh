#!/usr/bin/env bash
# Install everything the tests need, lint, type-check and run the whole test suite.
# Extra arguments go to pytest.
#
# Neo4j: the test session starts its own private server (scripts/neo4j-local.sh with a state
# directory of its own and a free port) and removes it at the end. It never reuses a server that
# is already running: tests wipe the graph they use, and that must never be a user's graph. With
# NEO4J_URI set, the session uses that server only if it is empty or a test database (it carries
# the test marker node) and fails, touching nothing, otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --test
echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest "$@"
