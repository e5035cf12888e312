"""One-source labs: exercises match the generator, checks pass on solutions,
fail on the blank exercise, and fail on plausible wrong answers."""

from __future__ import annotations

import copy
import importlib
import re
from pathlib import Path

import pytest

from coursekit import labs, nbio, paths
from tests.kernel import error_of, live_kernel

SOLUTIONS = paths.notebooks(paths.SOLUTIONS)
IDS = [p.name for p in SOLUTIONS]


def test_there_are_labs() -> None:
    assert SOLUTIONS, "no lab in solutions/"
    assert {p.name for p in paths.notebooks(paths.EXERCISES)} == set(IDS), "exercises/ and solutions/ differ in files"


def test_exercises_are_generated_byte_for_byte() -> None:
    stale = [paths.rel(t) for t, same in labs.generate_all(SOLUTIONS, check_only=True) if not same]
    assert not stale, f"exercises differ from the generator's output; run `python -m coursekit generate`: {stale}"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_lab_structure(solution: Path) -> None:
    nb = nbio.read(solution)
    found = labs.checks(nb, paths.rel(solution))
    assert len(found) >= 4, "a lab needs at least 4 checked questions"
    questions = [c.question for c in found]
    assert len(set(questions)) == len(questions), f"duplicate question ids: {questions}"
    texts = [nbio.source(c) for c in nb.cells]
    previous = 0
    for check in found:
        before = texts[previous: check.cell]
        heading = re.compile(rf"^## Câu {re.escape(check.question)} \({check.points} điểm\)", re.MULTILINE)
        assert any(heading.search(t) for t in before), (
            f"question {check.question}: no heading '## Câu {check.question} ({check.points} điểm)' before its check")
        assert any(labs.has_markers(t) for t in before), f"question {check.question}: no solution region before its check"
        assert not labs.has_markers(texts[check.cell]), f"question {check.question}: the check cell holds solution markers"
        previous = check.cell + 1
    total = sum(c.points for c in found)
    assert f"**Tổng điểm:** {total}" in texts[0], f"the first cell must state '**Tổng điểm:** {total}'"
    assert "**Thời gian:**" in texts[0], "the first cell must state '**Thời gian:** ...'"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_stored_solution_checks_pass(solution: Path) -> None:
    nb = nbio.read(solution)
    for check in labs.checks(nb):
        cell = nb.cells[check.cell]
        assert cell.outputs, f"question {check.question}: the solution's check cell has no stored output"
        assert error_of(cell) is None, f"question {check.question}: the solution's check fails: {error_of(cell)}"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_every_check_fails_on_the_blank_exercise(solution: Path) -> None:
    exercise = paths.exercise_for(solution)
    nb = nbio.read(exercise)
    passed = []
    with live_kernel(nb, exercise.parent) as kernel:
        executed = [kernel.run(cell, i) for i, cell in enumerate(nb.cells)]
    for check in labs.checks(nb):
        if error_of(executed[check.cell]) is None:
            passed.append(check.question)
    assert not passed, f"these checks pass on the blank exercise (a check that cannot fail is a defect): {passed}"


def _wrong_answers(solution: Path) -> dict[str, list[tuple[str, str | list[str | None]]]]:
    try:
        module = importlib.import_module(f"tests.wrong_answers.{solution.stem}")
    except ModuleNotFoundError:
        pytest.fail(f"no tests/wrong_answers/{solution.stem}.py: every lab lists plausible wrong answers")
    return module.WRONG_ANSWERS


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_checks_reject_plausible_wrong_answers(solution: Path) -> None:
    nb = nbio.read(solution)
    wrong = _wrong_answers(solution)
    found = labs.checks(nb)
    known = {c.question for c in found}
    assert set(wrong) <= known, f"wrong answers for unknown questions: {set(wrong) - known}"
    assert len(wrong) >= min(4, len(found)), "list plausible wrong answers for at least 4 questions"
    accepted: list[str] = []
    with live_kernel(nb, solution.parent) as kernel:
        start = 0
        for check in found:
            region_cell = max(i for i in range(start, check.cell) if labs.has_markers(nbio.source(nb.cells[i])))
            for i in range(start, region_cell):
                assert error_of(kernel.run(nb.cells[i], i)) is None, f"cell {i} of the solution fails"
            for description, code in wrong.get(check.question, []):
                replacements = [code] if isinstance(code, str) else list(code)
                for i in range(region_cell, check.cell + 1):
                    cell = copy.deepcopy(nb.cells[i])
                    if i == region_cell:
                        cell.source = labs.replace_regions(nbio.source(cell), replacements)
                    result = kernel.run(cell, i)
                if error_of(result) is None:
                    accepted.append(f"question {check.question}: {description}")
            for i in range(region_cell, check.cell + 1):
                result = kernel.run(nb.cells[i], i)
                assert error_of(result) is None, (
                    f"question {check.question}: cell {i} fails after restoring the solution: {error_of(result)}")
            start = check.cell + 1
    assert not accepted, "checks accept these wrong answers:\n" + "\n".join(accepted)
