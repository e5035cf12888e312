#!/usr/bin/env bash
# Build the site into _build/html from the stored notebook outputs (no execution),
# treating every warning as an error. The build's output is kept in _build/build.log
# and its times ("wall user sys", seconds) in _build/build-time.txt, which
# tests/test_site_build.py checks against the 60 s budget.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
rm -rf _build/html
mkdir -p _build
TIMEFORMAT='%R %U %S'
status=0
{ time .venv/bin/jupyter-book build . --builder html -W -n --keep-going >_build/build.log 2>&1; } \
  2>_build/build-time.txt || status=$?
cat _build/build.log
exit "$status"
