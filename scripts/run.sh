#!/usr/bin/env bash
# The main job on the embedded default store: install, ingest seeds/, serve the API.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
.venv/bin/diplograph ingest seeds/
exec .venv/bin/diplograph serve "$@"
