#!/usr/bin/env bash
# The whole test suite: set-up, then pytest (unit and convention tests, terminology
# lint, lab tests, and nbval over chapters/ and solutions/). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
export MPLBACKEND=Agg PYTHONHASHSEED=0
exec .venv/bin/python -m pytest "$@"
