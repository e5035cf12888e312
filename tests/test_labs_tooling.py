"""Unit tests of the lab tooling in coursekit/labs.py: titles, self-score cell, check layout, answer leaks."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit import labs

FIRST = ("# Lời giải · Bài thực hành 07 — Thử\n\nBADGE\n\n"
         "> **Lời giải — hãy tự làm bài trước.** Bản cho học viên nằm ở mục Bài thực hành.\n"
         "> Dòng thứ hai của biểu ngữ.\n\n**Mục tiêu.** Sau bài này bạn có thể: thử.")


def check(question: str = "1", points: int = 2, body: str = "assert f(3) == 9, 'Câu 1: sai'") -> nbformat.NotebookNode:
    cell = new_code_cell("\n".join([labs.check_marker(question, points), labs.registry_reset(question), body,
                                    labs.registry_record(question, points)]))
    cell.metadata["tags"] = [labs.CHECK_TAG]
    cell.metadata["lab"] = {"question": question, "points": points}
    return cell


def lab(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return new_notebook(cells=[new_markdown_cell(FIRST), *cells])


SOLVED = "def f(x):\n    \"\"\"Bình phương.\"\"\"\n    ### BEGIN SOLUTION\n    y = x * x\n    return y\n    ### END SOLUTION"


def test_exercise_title_drops_the_solution_prefix_and_banner() -> None:
    out = labs.exercise_first_cell(FIRST)
    assert out.startswith("# Bài thực hành 07 — Thử\n")
    assert "Lời giải" not in out and "biểu ngữ" not in out
    assert "**Mục tiêu.**" in out and "\n\n\n" not in out


def test_self_score_cell_is_added_last_once() -> None:
    nb = lab(new_code_cell(SOLVED), check(), new_markdown_cell("## Tóm tắt"))
    assert labs.ensure_self_score(nb)
    assert labs.SELF_SCORE_TAG in nb.cells[-1].metadata["tags"] and nb.cells[-1].cell_type == "code"
    assert nb.cells[-2].source.startswith("## Tự chấm")
    assert not labs.ensure_self_score(nb), "a second call changes nothing"
    assert sum(labs.SELF_SCORE_TAG in c.metadata.get("tags", []) for c in nb.cells) == 2


def _run(source: str, env: dict) -> str:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(source, env)  # noqa: S102 - our own generated cell
    return buf.getvalue()


def test_self_score_reads_the_registry_and_reruns_nothing() -> None:
    found = [labs.CheckInfo(1, "1", 2), labs.CheckInfo(3, "2", 3)]
    source = labs.self_score_source(found)
    assert "Tổng: 0/5 điểm, 0/2 câu." in _run(source, {})
    assert "Chưa có ô kiểm tra nào" in _run(source, {})
    out = _run(source, {labs.REGISTRY: {"2": 3}})
    assert "Câu 2 (3 điểm): đạt" in out and "Câu 1 (2 điểm): chưa đạt" in out and "Tổng: 3/5 điểm, 1/2 câu." in out
    assert "Tổng: 0/5" in _run(source, {labs.REGISTRY: "hỏng"}), "a clobbered registry must not crash the cell"


def test_check_cell_layout_problems_are_named() -> None:
    info = labs.CheckInfo(1, "1", 2)
    assert labs.check_cell_problems(labs.nbio.source(check()), info) == []
    problems = labs.check_cell_problems("assert True\nprint('ok')", info)
    assert len(problems) == 3 and "# Kiểm tra câu 1 (2 điểm)" in problems[0]


def test_a_check_cell_registers_only_after_its_assertions() -> None:
    env: dict = {"f": lambda x: x * x}
    exec(labs.nbio.source(check()), env)  # noqa: S102
    assert env[labs.REGISTRY] == {"1": 2}
    env["f"] = lambda x: x + x
    try:
        exec(labs.nbio.source(check()), env)  # noqa: S102
    except AssertionError:
        pass
    assert env[labs.REGISTRY] == {}, "a failing rerun must clear the earlier pass"


def test_answer_leaks_finds_copied_regions_and_renamed_functions() -> None:
    solution = lab(new_code_cell(SOLVED), check())
    exercise = labs.make_exercise(solution, "solutions/lab07.ipynb", "exercises/lab07.ipynb")
    assert labs.answer_leaks(solution, exercise) == []
    copied = labs.make_exercise(solution, "s", "e")
    copied.cells.append(new_code_cell("# bộ chấm\nz = 1\ny = x  *  x\nreturn y"))
    assert any("contains the solution region" in leak for leak in labs.answer_leaks(solution, copied))
    renamed = labs.make_exercise(solution, "s", "e")
    renamed.cells.append(new_code_cell("def _clean(t):\n    'khác'\n    k = t * t\n    return k"))
    assert any("_clean" in leak for leak in labs.answer_leaks(solution, renamed))
    other = labs.make_exercise(solution, "s", "e")
    other.cells.append(new_code_cell("def g(t):\n    k = t + t\n    return k"))
    assert labs.answer_leaks(solution, other) == [], "a different function is not a leak"
