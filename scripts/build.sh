#!/usr/bin/env bash
# Build the site into _build/html from the stored notebook outputs (no execution),
# treating every warning as an error.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
rm -rf _build/html
exec .venv/bin/jupyter-book build . --builder html -W -n --keep-going
