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
    layout = {c.question: labs.check_cell_problems(texts[c.cell], c) for c in found}
    layout = {q: p for q, p in layout.items() if p}
    assert not layout, f"check cells that do not follow the layout (see coursekit/labs.py): {layout}"
    scores = [i for i, c in enumerate(nb.cells) if labs.SELF_SCORE_TAG in nbio.tags(c) and c.cell_type == "code"]
    last_code = max(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    assert scores == [last_code], "the last code cell (and only it) must be the self-score cell; run `python -m coursekit generate`"
    assert texts[last_code] == labs.self_score_source(found), "stale self-score cell; run `python -m coursekit generate`"
    total = sum(c.points for c in found)
    assert f"**Tổng điểm:** {total}" in texts[0], f"the first cell must state '**Tổng điểm:** {total}'"
    assert texts[0].startswith(labs.SOLUTION_TITLE + "Bài thực hành "), (
        f"a solution's title starts '{labs.SOLUTION_TITLE}Bài thực hành NN — '")
    assert labs.BANNER in texts[0], f"a solution's first cell carries the banner line '{labs.BANNER}'"
    assert "**Thời gian:**" in texts[0], "the first cell must state '**Thời gian:** ...'"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_stored_solution_checks_pass(solution: Path) -> None:
    nb = nbio.read(solution)
    for check in labs.checks(nb):
        cell = nb.cells[check.cell]
        assert cell.outputs, f"question {check.question}: the solution's check cell has no stored output"
        assert error_of(cell) is None, f"question {check.question}: the solution's check fails: {error_of(cell)}"
    total = sum(c.points for c in labs.checks(nb))
    score = next(c for c in nb.cells if labs.SELF_SCORE_TAG in nbio.tags(c) and c.cell_type == "code")
    assert f"Tổng: {total}/{total} điểm" in _stdout(score), "the solution's self-score cell does not show full marks"


def _stdout(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_no_answer_is_reachable_from_the_exercise(solution: Path) -> None:
    leaks = labs.answer_leaks(nbio.read(solution), nbio.read(paths.exercise_for(solution)))
    assert not leaks, "the exercise shows solution code:\n" + "\n".join(leaks)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_every_check_fails_on_the_blank_exercise(solution: Path) -> None:
    exercise = paths.exercise_for(solution)
    nb = nbio.read(exercise)
    passed = []
    with live_kernel(nb, exercise.parent) as kernel:
        executed = [kernel.run(cell, i) for i, cell in enumerate(nb.cells)]
    found = labs.checks(nb)
    for check in found:
        if error_of(executed[check.cell]) is None:
            passed.append(check.question)
    assert not passed, f"these checks pass on the blank exercise (a check that cannot fail is a defect): {passed}"
    score = next(c for c in executed if labs.SELF_SCORE_TAG in nbio.tags(c) and c.cell_type == "code")
    total = sum(c.points for c in found)
    assert error_of(score) is None and f"Tổng: 0/{total} điểm" in _stdout(score), (
        f"the self-score cell of the blank exercise should run and show 0/{total}: {_stdout(score)!r} {error_of(score)}")


Code = str | list[str | None]


def _answers(solution: Path) -> tuple[dict[str, list[tuple[str, Code, str]]], dict[str, list[tuple[str, Code]]]]:
    try:
        module = importlib.import_module(f"tests.wrong_answers.{solution.stem}")
    except ModuleNotFoundError:
        pytest.fail(f"no tests/wrong_answers/{solution.stem}.py: every lab lists plausible wrong answers")
    wrong = module.WRONG_ANSWERS
    correct = getattr(module, "CORRECT_ANSWERS", None)
    assert isinstance(correct, dict) and correct, "list CORRECT_ANSWERS too (alternative answers that must pass)"
    malformed = [f"{q}: {e[0] if e else e!r}" for q, entries in wrong.items() for e in entries
                 if not (isinstance(e, tuple) and len(e) == 3 and isinstance(e[2], str) and e[2].strip())]
    assert not malformed, f"wrong answers need (description, code, expected hint): {malformed}"
    return wrong, correct


@pytest.mark.parametrize("solution", SOLUTIONS, ids=IDS)
def test_checks_reject_wrong_answers_and_accept_correct_ones(solution: Path) -> None:
    """Each wrong answer fails its check with the expected hint; each correct alternative passes."""
    nb = nbio.read(solution)
    wrong, correct = _answers(solution)
    found = labs.checks(nb)
    known = {c.question for c in found}
    assert set(wrong) <= known, f"wrong answers for unknown questions: {set(wrong) - known}"
    assert set(correct) <= known, f"correct answers for unknown questions: {set(correct) - known}"
    assert set(wrong) == known, f"list plausible wrong answers for every question; missing: {known - set(wrong)}"
    accepted: list[str] = []
    misleading: list[str] = []
    rejected: list[str] = []
    with live_kernel(nb, solution.parent) as kernel:
        start = 0
        for check in found:
            region_cell = max(i for i in range(start, check.cell) if labs.has_markers(nbio.source(nb.cells[i])))
            for i in range(start, region_cell):
                assert error_of(kernel.run(nb.cells[i], i)) is None, f"cell {i} of the solution fails"
            def attempt(code: Code) -> str | None:
                replacements = [code] if isinstance(code, str) else list(code)
                for i in range(region_cell, check.cell + 1):
                    cell = copy.deepcopy(nb.cells[i])
                    if i == region_cell:
                        cell.source = labs.replace_regions(nbio.source(cell), replacements)
                    result = kernel.run(cell, i)
                return error_of(result)

            for description, code, hint in wrong.get(check.question, []):
                error = attempt(code)
                if error is None:
                    accepted.append(f"question {check.question}: {description}")
                elif hint not in error:
                    misleading.append(f"question {check.question}: {description}: expected {hint!r} in {error!r}")
            for description, code in correct.get(check.question, []):
                error = attempt(code)
                if error is not None:
                    rejected.append(f"question {check.question}: {description}: {error}")
            for i in range(region_cell, check.cell + 1):
                result = kernel.run(nb.cells[i], i)
                assert error_of(result) is None, (
                    f"question {check.question}: cell {i} fails after restoring the solution: {error_of(result)}")
            start = check.cell + 1
    assert not accepted, "checks accept these wrong answers:\n" + "\n".join(accepted)
    assert not misleading, "these wrong answers get another hint than the one listed:\n" + "\n".join(misleading)
    assert not rejected, "checks reject these correct answers:\n" + "\n".join(rejected)
