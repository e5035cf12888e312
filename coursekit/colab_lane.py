"""The Colab lane: execute every notebook with Colab's library versions.

``scripts/colab_lane.sh`` builds ``.venv/colab`` from ``requirements-colab.txt`` (Colab's
numpy, matplotlib, scikit-learn, ipywidgets, IPython and ipykernel; torch as installable
here), then runs ``python -m coursekit colab-lane``. The driver (nbclient) stays in the
main environment; only the kernel runs in ``.venv/colab``, through a kernel spec written
to a temporary folder. Each notebook runs once at its stored seed and fails the lane on
an error or on an output-checked cell that differs from the stored output (the same
comparison as the seed sweep).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from . import paths, seeds

REQUIREMENTS = paths.ROOT / "requirements-colab.txt"
VENV_PYTHON = paths.ROOT / ".venv" / "colab" / "bin" / "python"  # built by scripts/colab_lane.sh
KERNEL_NAME = "coursekit-colab"
PIN_RE = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s;#]+)", re.MULTILINE)


def pins(requirements: Path = REQUIREMENTS) -> dict[str, str]:
    """Package name (lower case) -> pinned version, from ``name==version`` lines."""
    return {m.group(1).lower(): m.group(2) for m in PIN_RE.finditer(requirements.read_text(encoding="utf-8"))}


def installed_versions(python: Path, names: Sequence[str]) -> dict[str, str | None]:
    """Versions installed in the environment of ``python`` (None when missing)."""
    code = ("import importlib.metadata as m, json, sys\n"
            "def v(n):\n    try:\n        return m.version(n)\n    except m.PackageNotFoundError:\n        return None\n"
            "print(json.dumps({n: v(n) for n in sys.argv[1:]}))")
    out = subprocess.run([str(python), "-c", code, *names], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def version_problems(python: Path, requirements: Path = REQUIREMENTS) -> list[str]:
    """Why the lane's environment is not the pinned one (empty when every pin is installed)."""
    wanted = pins(requirements)
    have = installed_versions(python, list(wanted))
    return [f"{name}: requirements-colab.txt pins {version}, {python} has {have.get(name) or 'nothing'}"
            for name, version in wanted.items()
            if have.get(name) is None or have[name].split("+")[0] != version.split("+")[0]]


@contextmanager
def kernel_for(python: Path) -> Iterator[str]:
    """Make a kernel running ``python`` visible to jupyter_client (JUPYTER_PATH); yield its name."""
    with tempfile.TemporaryDirectory(prefix="coursekit-kernel-") as folder:
        spec = Path(folder) / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            # absolute, not resolved: the kernel starts in the notebook's folder, and a venv's python is a symlink
            "argv": [os.path.abspath(python), "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Colab versions", "language": "python",
            "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
        }), encoding="utf-8")
        old = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (folder, old) if p)
        try:
            yield KERNEL_NAME
        finally:
            if old is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = old


def run(notebooks: Sequence[Path], python: Path = VENV_PYTHON, workers: int = 2,
        requirements: Path = REQUIREMENTS,
        progress: Callable[[seeds.Run], None] | None = None) -> tuple[list[str], list[seeds.Run]]:
    """Version problems of the environment, and the runs (empty when the environment is wrong)."""
    if not python.exists():
        return [f"{python} does not exist: run scripts/colab_lane.sh (it builds .venv/colab)"], []
    problems = version_problems(python, requirements)
    if problems:
        return problems, []
    with kernel_for(python) as kernel:
        return [], seeds.sweep(notebooks, [0], workers=workers, kernel=kernel, progress=progress)
