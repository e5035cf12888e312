"""Seed sweep: every output-checked claim holds, and no cell raises, at seeds 1 and 2
(seed 0 is what nbval checks). Unit tests run a tiny synthetic notebook."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit import nbio, paths, seeds

EXECUTED = paths.notebooks(*paths.EXECUTED_DIRS)
SWEEP_SEEDS = [1, 2]

SETUP = "import random\n\nSEED = 0  # hạt giống\nrandom.seed(SEED)\nprint('setup')"


def checked(source: str) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["nbval-check-output"]
    return cell


def tiny(tmp_path: Path) -> Path:
    """A notebook stored as executed at seed 0: one stable claim, one seed-dependent claim, one error at seed 1."""
    nb = new_notebook(cells=[
        new_markdown_cell("# Thử"),
        new_code_cell(SETUP),
        checked("print('ổn định:', 2 + 2)\nprint(object())\nprint('mất 0.25 s')"),
        checked("print('phụ thuộc hạt giống:', random.randint(0, 10**6))"),
        new_code_cell("if SEED == 1:\n    raise ValueError('hỏng ở hạt giống 1')\nprint('xong')"),
    ])
    path = tmp_path / "tiny.ipynb"
    nbio.write(seeds.execute(nb, tmp_path, "python3"), path)
    return path


def test_with_seed_changes_only_the_setup_line() -> None:
    nb = new_notebook(cells=[new_markdown_cell("SEED = 0"), new_code_cell(SETUP), new_code_cell("SEED = 0")])
    out = seeds.with_seed(nb, 7)
    assert nbio.source(out.cells[1]) == SETUP.replace("SEED = 0  # hạt giống", "SEED = 7")
    assert nbio.source(out.cells[2]) == "SEED = 0" and nbio.source(nb.cells[1]) == SETUP, "the original is unchanged"
    with pytest.raises(seeds.SeedError, match="SEED = <integer>"):
        seeds.with_seed(new_notebook(cells=[new_code_cell("seed = 0")]), 1)


def test_comparable_merges_streams_sanitizes_and_skips_images() -> None:
    rules = seeds.sanitizers()
    a = [new_output("stream", name="stdout", text="at 0x7f00aa\n"), new_output("stream", name="stdout", text="b\n"),
         new_output("display_data", data={"image/png": "AAA", "text/plain": "<Figure>"})]
    b = [new_output("stream", name="stdout", text="at 0x1234\nb\n"),
         new_output("display_data", data={"image/png": "BBB", "text/plain": "<Figure>"})]
    assert seeds.comparable(a, rules) == seeds.comparable(b, rules) == {
        "stdout": ["at 0xADDRESS\nb\n"], "text/plain": ["<Figure>"]}


def test_differing_lines_show_both_sides() -> None:
    assert seeds.differing_lines("a\nmất mát 2.34\nc", "a\nmất mát 2.33\nc") == ("mất mát 2.34", "mất mát 2.33")
    assert seeds.differing_lines("a", "a\nb") == ("(nothing)", "b")


def test_sweep_reports_changed_checks_and_errors(tmp_path: Path) -> None:
    path = tiny(tmp_path)
    before = path.read_bytes()
    runs = seeds.sweep([path], [0, 1], workers=2)
    assert path.read_bytes() == before, "the sweep must not change the notebook"
    by_seed = {r.seed: r.problems for r in runs}
    assert by_seed[0] == [], "seed 0 reproduces the stored outputs (addresses and seconds are sanitized)"
    rows = {(p.cell, p.kind) for p in by_seed[1]}
    assert rows == {(3, "changed"), (4, "error")}
    error = next(p for p in by_seed[1] if p.kind == "error")
    assert "ValueError: hỏng ở hạt giống 1" in error.got
    table = seeds.table(runs)
    assert "| notebook | cell | seed | kind | stored | got |" in table and "| 3 | 1 | changed |" in table
    assert "2 problem(s) in 2 run(s)" in table
    assert all(r.cpu_seconds > 0 for r in runs), "the kernel's CPU time is measured (comparable on a busy machine)"


def test_an_unexecuted_stored_cell_is_reported_as_such(tmp_path: Path) -> None:
    path = tiny(tmp_path)
    nb = nbio.read(path)
    nb.cells[2].outputs, nb.cells[2].execution_count = [], None  # edited after the last run
    nbio.write(nb, path)
    [run] = seeds.sweep([path], [0])
    assert [(p.cell, p.kind) for p in run.problems] == [(2, "not executed")]
    assert "ổn định: 4" in run.problems[0].got


def test_a_kernel_that_dies_before_starting_is_started_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tiny(tmp_path)
    real = seeds.execute

    def failing(times: int, message: str) -> list[str]:
        """Make ``seeds.execute`` raise ``message`` on its first ``times`` calls; return the list of calls."""
        calls: list[str] = []

        def execute(nb: nbformat.NotebookNode, cwd: Path, kernel: str) -> nbformat.NotebookNode:
            calls.append(kernel)
            if len(calls) <= times:
                raise RuntimeError(message)
            return real(nb, cwd, kernel)

        monkeypatch.setattr(seeds, "execute", execute)
        return calls

    calls = failing(1, seeds.KERNEL_START_FAILURE)
    run = seeds.run_one(path, 0)
    assert len(calls) == 2 and run.problems == [], "one failed start is retried, then the run is compared as usual"
    calls = failing(99, seeds.KERNEL_START_FAILURE)
    [problem] = seeds.run_one(path, 0).problems
    assert len(calls) == 1 + seeds.START_RETRIES and problem.kind == "run failed", "a kernel that never starts is reported"
    calls = failing(1, "Kernel died")
    [problem] = seeds.run_one(path, 0).problems
    assert len(calls) == 1 and problem.kind == "run failed", "a kernel that dies after starting is not retried"


def test_a_notebook_without_a_seed_line_is_one_failed_run(tmp_path: Path) -> None:
    path = tmp_path / "no_seed.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("x = 1")]), path)
    [run] = seeds.sweep([path], [1])
    assert [(p.kind, p.cell) for p in run.problems] == [("run failed", -1)]
    assert "SeedError" in run.problems[0].got


def test_cli_exit_code_and_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from coursekit.__main__ import main
    path = tiny(tmp_path)
    assert main(["seeds", str(path), "--seeds", "0"]) == 0
    assert main(["seeds", str(path), "--seeds", "1", "--workers", "1"]) == 1
    assert "| 4 | 1 | error |" in capsys.readouterr().out


@pytest.mark.parametrize("notebook", EXECUTED, ids=[paths.rel(p) for p in EXECUTED])
def test_checked_outputs_hold_at_other_seeds(notebook: Path) -> None:
    """Chapters and labs at seeds 1 and 2 (runs shared with tests/test_prose_numbers.py)."""
    runs = seeds.sweep([notebook], SWEEP_SEEDS)
    assert not any(r.problems for r in runs), "checked outputs change or cells raise at other seeds:\n" + seeds.table(runs)
