#!/usr/bin/env bash
# The whole test suite: set-up, then pytest (unit and convention tests, terminology
# lint, lab tests, and nbval over chapters/ and solutions/). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
export MPLBACKEND=Agg PYTHONHASHSEED=0
# No network in the default run: HTTP(S) from the notebooks goes to a closed port.
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9
export HTTP_PROXY=$http_proxy HTTPS_PROXY=$https_proxy no_proxy=localhost,127.0.0.1 NO_PROXY=localhost,127.0.0.1
exec .venv/bin/python -m pytest "$@"
