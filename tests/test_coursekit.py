"""Unit tests of the course tooling package (coursekit)."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit import badges, config, conventions, grade, labs, nbio, paths

FIRST = "# Tiêu đề\n\nBADGE\n\n**Mục tiêu.** ..."
SETUP = ("import random\nimport numpy as np\nimport torch\nrandom.seed(0)\nnp.random.seed(0)\ntorch.manual_seed(0)\n"
         "DEVICE = torch.device('cuda' if torch.cuda.is_available() else 'cpu')\nprint(torch.__version__)")


def lab(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_markdown_cell(FIRST), new_code_cell(SETUP), *cells])


def check_cell(question: str = "1", points: int = 2) -> nbformat.NotebookNode:
    cell = new_code_cell("assert f(2) == 4, 'Câu 1: sai'\nprint('Câu 1: đúng!')")
    cell.metadata.update({"tags": ["check"], "lab": {"question": question, "points": points}})
    return cell


GOOD = "def f(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION"


# --- generator -------------------------------------------------------------------------

def test_blank_keeps_signature_and_indentation() -> None:
    out = labs.blank_source(GOOD, "lab.ipynb", 3, "1")
    lines = out.split("\n")
    assert lines[0] == "def f(x):"
    assert lines[1].startswith("    # TODO (Câu 1):")
    assert lines[2].startswith('    raise NotImplementedError("Câu 1:')
    assert "return x * x" not in out and labs.BEGIN not in out


def test_exercise_clears_outputs_and_stamps_its_own_badge() -> None:
    nb = lab(new_code_cell(GOOD), check_cell())
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="x")]
    nb.cells[2].execution_count = 3
    ex = labs.make_exercise(nb, "solutions/lab99.ipynb", "exercises/lab99.ipynb")
    assert all(not c.outputs and c.execution_count is None for c in ex.cells if c.cell_type == "code")
    assert "exercises/lab99.ipynb" in ex.cells[0].source
    assert "NotImplementedError" in ex.cells[2].source
    assert nb.cells[2].source == GOOD, "make_exercise must not change the solution"


@pytest.mark.parametrize("source, problem", [
    ("def f(x):\n    ### BEGIN SOLUTION\n    return x * x", "without a matching '### END SOLUTION'"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION", "nested"),
    ("x = 1\n### END SOLUTION", "without a matching '### BEGIN SOLUTION'"),
])
def test_bad_markers_name_the_cell_and_problem(source: str, problem: str) -> None:
    with pytest.raises(labs.MarkerError) as err:
        labs.make_exercise(lab(new_code_cell(source), check_cell()), "solutions/lab99.ipynb", "exercises/lab99.ipynb")
    assert "solutions/lab99.ipynb: cell 2:" in str(err.value) and problem in str(err.value)


def test_marker_in_markdown_is_refused() -> None:
    nb = lab(new_markdown_cell("### BEGIN SOLUTION\nx\n### END SOLUTION"), new_code_cell(GOOD), check_cell())
    with pytest.raises(labs.MarkerError, match="cell 2: solution markers are only allowed in code cells"):
        labs.make_exercise(nb, "solutions/lab99.ipynb", "exercises/lab99.ipynb")


def test_check_cell_needs_question_and_points() -> None:
    cell = check_cell()
    cell.metadata["lab"] = {"question": "1"}
    with pytest.raises(labs.MarkerError, match="points"):
        labs.checks(lab(new_code_cell(GOOD), cell))


def test_cli_writes_nothing_when_one_solution_is_bad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sol, exe = tmp_path / "solutions", tmp_path / "exercises"
    sol.mkdir(), exe.mkdir()
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.setattr(paths, "SOLUTIONS", sol)
    monkeypatch.setattr(paths, "EXERCISES", exe)
    nbformat.write(lab(new_code_cell(GOOD), check_cell()), sol / "lab01_a.ipynb")
    nbformat.write(lab(new_code_cell("### BEGIN SOLUTION\nx = 1"), check_cell()), sol / "lab02_b.ipynb")
    from coursekit.__main__ import main
    assert main(["generate"]) == 2
    assert not list(exe.iterdir()), "the generator wrote files although a solution was bad"


def test_cli_reports_bad_markers_on_stderr() -> None:
    """The real command line: non-zero exit, file, cell and problem named, nothing written."""
    target = paths.SOLUTIONS / "lab99_tam_thoi_hong.ipynb"
    nbformat.write(lab(new_code_cell("def f(x):\n    ### BEGIN SOLUTION\n    return x"), check_cell()), target)
    try:
        run = subprocess.run([sys.executable, "-m", "coursekit", "generate", str(target)],
                             cwd=paths.ROOT, capture_output=True, text=True)
    finally:
        target.unlink()
    assert run.returncode == 2
    assert "solutions/lab99_tam_thoi_hong.ipynb: cell 2:" in run.stderr and "nothing was written" in run.stderr
    assert not (paths.EXERCISES / target.name).exists()


def test_replace_regions_for_wrong_answers() -> None:
    two = "def f(x):\n    ### BEGIN SOLUTION\n    a = 1\n    ### END SOLUTION\n    ### BEGIN SOLUTION\n    return a\n    ### END SOLUTION"
    assert labs.replace_regions(two, [None, "return 2\nb = 3"]) == "def f(x):\n    a = 1\n    return 2\n    b = 3"
    with pytest.raises(ValueError, match="3 replacements given for 2"):
        labs.replace_regions(two, ["x", "y", "z"])


# --- badges and config -------------------------------------------------------------------

def test_badge_comes_from_config() -> None:
    repo = config.repository()
    assert badges.badge(repo, "chapters/x.ipynb").endswith(
        f"(https://colab.research.google.com/github/{repo.owner}/{repo.name}/blob/{repo.branch}/chapters/x.ipynb)")


def test_stamp_replaces_an_old_badge_and_placeholder() -> None:
    repo = config.Repository("a", "b", "main")
    old = "# T\n\n[![x](https://colab.research.google.com/assets/colab-badge.svg)](https://old)\n\ntext"
    assert badges.stamp_source(old, badges.badge(repo, "p.ipynb")) == old.replace("https://old", repo.colab_url("p.ipynb")).replace("[![x]", "[![Mở trong Colab]")
    assert "BADGE" not in badges.stamp_source(FIRST, badges.badge(repo, "p.ipynb"))
    with pytest.raises(ValueError, match="title"):
        badges.stamp_source("no title", "b")


def test_badge_problems_name_the_disagreement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    path = tmp_path / "x.ipynb"
    nb = lab()
    nb.cells[0].source = badges.stamp_source(FIRST, badges.badge(config.Repository("a", "b", "main"), "x.ipynb"))
    nbformat.write(nb, path)
    assert badges.problems(path, config.Repository("a", "b", "main")) == []
    assert "disagrees with _config.yml" in badges.problems(path, config.Repository("a", "b", "dev"))[0]


def test_config_rejects_a_bad_url(tmp_path: Path) -> None:
    bad = tmp_path / "_config.yml"
    bad.write_text("repository:\n  url: https://gitlab.com/a/b\n  branch: main\n")
    with pytest.raises(ValueError, match="OWNER/REPO"):
        config.repository(bad)


# --- conventions -------------------------------------------------------------------------

def test_imports_outside_colab_are_flagged() -> None:
    nb = lab(new_code_cell("import pandas\nfrom sklearn.datasets import load_digits\nimport urllib.request\n%matplotlib inline"))
    problems = conventions.imports(nb)
    assert len(problems) == 2 and "'pandas'" in problems[0] and "network" in problems[1]


def test_setup_cell_must_seed_and_pick_device() -> None:
    nb = lab()
    nb.cells[1].source = "import torch\nprint(torch.__version__)"
    problems = conventions.setup_cell(nb)
    assert any("seed NumPy" in p for p in problems) and any("device" in p for p in problems)


def test_absolute_paths_are_flagged() -> None:
    nb = lab(new_code_cell("open('/home/an/data.csv')\nx = 'a/b'\nurl = 'https://x.org/a/'"))
    assert conventions.absolute_paths(nb) == ["cell 2 has an absolute path '/home/an/data.csv'"]


def test_widget_needs_a_static_figure_and_7x_api() -> None:
    nb = lab(new_code_cell("import ipywidgets as widgets\nwidgets.Stack([])"))
    problems = conventions.widgets(nb)
    assert any("7.7" in p for p in problems) and any("static figure" in p for p in problems)


def test_interact_is_refused_for_its_output_widget() -> None:
    nb = lab(new_code_cell("import ipywidgets\nipywidgets.interact(print, x=1)"))
    assert any("nbclient#312" in p for p in conventions.widgets(nb))


def test_widget_imports_alone_are_not_widgets() -> None:
    nb = lab(new_code_cell("from ipywidgets import interact\nimport ipywidgets as widgets"))
    assert conventions.widgets(nb) == []


def test_execution_order_and_errors() -> None:
    nb = lab(new_code_cell("1"), new_code_cell("2"))
    for n, (_, cell) in enumerate(nbio.code_cells(nb), 1):
        cell.execution_count = n
    assert conventions.executed_in_order(nb) == []
    nb.cells[3].execution_count = 7
    nb.cells[2].outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="", traceback=[])]
    problems = conventions.executed_in_order(nb)
    assert any("expected 3" in p for p in problems) and any("ValueError" in p for p in problems)
    nb.cells[2].metadata["tags"] = ["raises-exception"]
    assert any("stops Colab's Run all" in p for p in conventions.executed_in_order(nb))


# --- grading -----------------------------------------------------------------------------

def test_grading_puts_back_locked_cells() -> None:
    solution = lab(new_code_cell("REF = 4"), new_code_cell(GOOD), check_cell())
    solution.cells[2].metadata["tags"] = ["locked"]
    submission = lab(new_code_cell("REF = 5"), new_code_cell(GOOD))
    submission.cells[2].metadata["tags"] = ["locked"]
    assert grade.restore_locked(submission, solution) == []
    assert submission.cells[2].source == "REF = 4"
    assert grade.restore_locked(lab(), solution) == ["thiếu 1 ô khóa (locked)"]


def test_grading_scores_solution_full_and_blank_zero(tmp_path: Path) -> None:
    solution = paths.SOLUTIONS / "lab00_lam_quen.ipynb"
    shutil.copy(solution, tmp_path / "an_loi_giai.ipynb")
    shutil.copy(paths.EXERCISES / "lab00_lam_quen.ipynb", tmp_path / "binh_de_trong.ipynb")
    cheat = nbio.read(solution)
    for cell in cheat.cells:  # a student who answered nothing and emptied the checks
        if labs.has_markers(cell.source):
            cell.source = "pass"
        elif labs.CHECK_TAG in nbio.tags(cell):
            cell.source = "print('Câu: đúng!')"
    nbio.write(cheat, tmp_path / "chi_sua_kiem_tra.ipynb")
    out = tmp_path / "diem.csv"
    grade.grade_folder(solution, tmp_path, out)
    rows = {r["bai_nop"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    total = sum(c.points for c in labs.checks(nbio.read(solution)))
    assert rows["an_loi_giai.ipynb"]["tong"] == str(total)
    assert rows["binh_de_trong.ipynb"]["tong"] == "0"
    assert rows["chi_sua_kiem_tra.ipynb"]["tong"] == "0", "edited checks must be put back before grading"
