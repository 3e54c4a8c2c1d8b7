#!/usr/bin/env bash
# The main job on the embedded default store: install, ingest seeds/, serve the API and the page.
# Says what it is doing at each step; extra arguments go to `diplograph serve` (e.g. --port 8001).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
say() { printf 'diplograph: %s\n' "$*" >&2; }

started=$SECONDS
if command -v npm >/dev/null 2>&1; then libs=", browser libraries from npm"; else libs=""; fi
say "1/3 installing into ./.venv (Python packages from PyPI${libs}); the first run takes a few minutes…"
bash scripts/setup.sh
say "    installed in $((SECONDS - started)) s"
if ! command -v npm >/dev/null 2>&1; then
  say "    npm is missing: the API will serve, but the network page (/) and /docs need Node.js + npm ('npm ci')"
fi

files=$(find seeds -type f ! -name '.*' | wc -l | tr -d ' ')
say "2/3 ingesting ${files} article file(s) from seeds/ into ${DIPLOGRAPH_STORE:-sqlite:///data/diplograph.db}…"
.venv/bin/diplograph ingest seeds/

say "3/3 starting the server (Ctrl-C stops it)…"
exec .venv/bin/diplograph serve "$@"
