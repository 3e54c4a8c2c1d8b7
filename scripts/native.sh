#!/usr/bin/env bash
# The extraction modules compiled to C by mypyc (loaders/native.py): bash scripts/native.sh build|clean|status
# (scripts/setup.sh runs `build` when a source changed since the last one).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec .venv/bin/python -c 'import sys; from loaders.native import main; sys.exit(main(sys.argv[1:]))' "$@"
