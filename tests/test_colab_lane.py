"""The Colab lane: requirements-colab.txt pins Colab's versions, and the lane's runner
executes notebooks in another environment's kernel and checks its versions.

The lane itself (every notebook in .venv/colab) runs in CI after the suite:
scripts/colab_lane.sh."""

from __future__ import annotations

import importlib.metadata
import os
import sys
from pathlib import Path

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit import colab_lane, nbio, paths, seeds

# Colab's runtime as reproduced for issue 9 (everything but Python and torch).
COLAB_VERSIONS = {
    "numpy": "2.1.3",
    "matplotlib": "3.10.0",
    "scikit-learn": "1.6.1",
    "ipywidgets": "7.7.1",
    "ipython": "7.34.0",
    "ipykernel": "6.17.1",
}


def test_requirements_pin_colabs_versions() -> None:
    pins = colab_lane.pins()
    wrong = {name: pins.get(name) for name, version in COLAB_VERSIONS.items() if pins.get(name) != version}
    assert not wrong, f"requirements-colab.txt must pin Colab's versions {COLAB_VERSIONS}; differs: {wrong}"


def test_torch_is_the_main_environments() -> None:
    main = colab_lane.pins(paths.ROOT / "requirements.txt")
    assert colab_lane.pins()["torch"] == main["torch"], "the lane installs the CPU torch of requirements.txt"
    assert set(colab_lane.pins()) == {*COLAB_VERSIONS, "torch"}, "pin exactly what the lane is about"


def test_pins_parse_name_version_lines(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    req.write_text("# comment\nNumPy==2.1.3  # why\nscikit-learn == 1.6.1\nrequests>=2\n", encoding="utf-8")
    assert colab_lane.pins(req) == {"numpy": "2.1.3", "scikit-learn": "1.6.1"}


def test_version_problems_name_the_package(tmp_path: Path) -> None:
    req = tmp_path / "r.txt"
    here = importlib.metadata.version("nbformat")
    req.write_text(f"nbformat=={here}\npytest==0.0.1\nno-such-package-xyz==1.0\n", encoding="utf-8")
    problems = colab_lane.version_problems(Path(sys.executable), req)
    assert len(problems) == 2
    assert "pytest: requirements-colab.txt pins 0.0.1" in problems[0]
    assert "no-such-package-xyz" in problems[1] and "has nothing" in problems[1]


def test_missing_environment_says_how_to_build_it(tmp_path: Path) -> None:
    problems, runs = colab_lane.run([], tmp_path / "nope" / "python")
    assert runs == [] and "scripts/colab_lane.sh" in problems[0]


def test_lane_runs_notebooks_in_the_given_pythons_kernel(tmp_path: Path) -> None:
    """The kernel runs the given python: a wrapper marks its environment, which a checked cell prints."""
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\nexport LANE_MARK=colab\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    req = tmp_path / "r.txt"
    req.write_text(f"nbformat=={importlib.metadata.version('nbformat')}\n", encoding="utf-8")
    cell = new_code_cell("import os\nprint(os.environ.get('LANE_MARK'))")
    cell.metadata["tags"] = ["nbval-check-output"]
    nb = new_notebook(cells=[new_markdown_cell("# Thử"), new_code_cell("SEED = 0\nprint(SEED)"), cell,
                             new_code_cell("1 / 0")])
    path = tmp_path / "lane.ipynb"
    nbio.write(seeds.execute(nb, tmp_path, "python3"), path)  # stored: the main kernel, no mark
    relative = Path(os.path.relpath(python))  # as scripts/colab_lane.sh passes it; kernels start elsewhere
    problems, runs = colab_lane.run([path], relative, workers=1, requirements=req)
    assert problems == []
    assert [(p.cell, p.kind, p.stored, p.got) for p in runs[0].problems] == [
        (2, "changed", "None", "colab"), (3, "error", "(no error)", "ZeroDivisionError: division by zero")]
