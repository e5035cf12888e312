#!/usr/bin/env bash
# The Colab lane: build (or reuse) the environment of requirements-colab.txt in .venv/colab, cached by
# the file's hash like setup_env.sh, then execute every notebook (or the ones given) with its kernel in
# that environment. Fails on an error or on an output-checked cell whose output differs from the stored one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VENV=.venv/colab   # inside .venv: ignored by git and by the repository-wide text checks
stamp=$VENV/.requirements.sha256
want=$(sha256sum requirements-colab.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet -r requirements-colab.txt
  echo "$want" > "$stamp"
fi
export MPLBACKEND=Agg PYTHONHASHSEED=0
# No network, as in scripts/test.sh.
export http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9
export HTTP_PROXY=$http_proxy HTTPS_PROXY=$https_proxy no_proxy=localhost,127.0.0.1 NO_PROXY=localhost,127.0.0.1
exec .venv/bin/python -m coursekit colab-lane --python "$VENV/bin/python" "$@"
