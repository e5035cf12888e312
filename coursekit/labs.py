"""One-source labs: exercises/ is generated from solutions/.

A solution region is delimited by lines ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (the nbgrader convention). In the exercise each region
becomes a Vietnamese TODO comment and ``raise NotImplementedError(...)``.
Check cells carry the tag ``check`` and ``metadata["lab"] = {"question": id,
"points": n}``; their first line is the marker ``# Kiểm tra câu N (P điểm)`` (so a
grader finds them when a notebook lost its cell metadata), their second line
clears the question in the self-score registry and their last line records it.

The solution's title ``# Lời giải · Bài thực hành NN — Tên`` and its banner
(a blockquote starting with ``> **Lời giải — hãy tự làm bài trước.**``) become
``# Bài thực hành NN — Tên`` without banner in the exercise. The last code cell
of a lab (tag ``self-score``) is written by :func:`self_score_source`; it reruns
nothing and prints which questions passed from the registry the checks fill.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass
from pathlib import Path
import nbformat

from . import badges, nbio, paths
from .config import repository

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CHECK_TAG = "check"
LOCKED_TAG = "locked"  # cells a grader puts back (reference code the checks rely on)
LAB_KEY = "lab"
SELF_SCORE_TAG = "self-score"
REGISTRY = "_DIEM_CAC_CAU"  # global dict {question: points} filled by the check cells
SOLUTION_TITLE = "# Lời giải · "
BANNER = "> **Lời giải — hãy tự làm bài trước.**"


class MarkerError(ValueError):
    """A solution notebook whose markers cannot be turned into an exercise."""

    def __init__(self, path: str, cell: int, problem: str) -> None:
        super().__init__(f"{path}: cell {cell}: {problem}")
        self.path, self.cell, self.problem = path, cell, problem


@dataclass(frozen=True)
class CheckInfo:
    cell: int
    question: str
    points: int


def checks(nb: nbformat.NotebookNode, name: str = "<notebook>") -> list[CheckInfo]:
    """The check cells of a lab, in order, with their question id and points."""
    found = []
    for i, cell in enumerate(nb.cells):
        if CHECK_TAG not in nbio.tags(cell):
            continue
        meta = cell.get("metadata", {}).get(LAB_KEY, {})
        question, points = meta.get("question"), meta.get("points")
        if cell.cell_type != "code" or not isinstance(question, str) or not isinstance(points, int) or points <= 0:
            raise MarkerError(name, i, f"a '{CHECK_TAG}' cell must be code with metadata "
                              f"{{'{LAB_KEY}': {{'question': str, 'points': positive int}}}}")
        found.append(CheckInfo(i, question, points))
    return found


def todo_lines(indent: str, question: str | None) -> list[str]:
    label = f"Câu {question}" if question else "Câu này"
    return [
        f"{indent}# TODO ({label}): viết lời giải của bạn vào đây, thay cho dòng raise bên dưới.",
        f'{indent}raise NotImplementedError("{label}: bạn chưa viết lời giải. '
        f'Hãy thay dòng raise này bằng mã của bạn rồi chạy lại ô.")',
    ]


def blank_source(text: str, name: str, cell: int, question: str | None) -> str:
    """Replace every solution region in one code cell's text."""
    out: list[str] = []
    inside = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise MarkerError(name, cell, f"nested '{BEGIN}' (the previous region has no '{END}' yet)")
            inside = True
            out.extend(todo_lines(line[: len(line) - len(line.lstrip())], question))
        elif stripped == END:
            if not inside:
                raise MarkerError(name, cell, f"'{END}' without a matching '{BEGIN}'")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise MarkerError(name, cell, f"'{BEGIN}' without a matching '{END}'")
    return "\n".join(out)


def has_markers(text: str) -> bool:
    return any(line.strip() in (BEGIN, END) for line in text.split("\n"))


def question_after(cell: int, found: list[CheckInfo]) -> str | None:
    return next((c.question for c in found if c.cell > cell), None)


def check_marker(question: str, points: int) -> str:
    """The first line of a check cell."""
    return f"# Kiểm tra câu {question} ({points} điểm)"


def registry_reset(question: str) -> str:
    """The second line of a check cell: forget an earlier pass of this question."""
    return f'_DIEM = globals().setdefault("{REGISTRY}", {{}}); _DIEM.pop("{question}", None)'


def registry_record(question: str, points: int) -> str:
    """The last line of a check cell, reached only when every assertion held."""
    return f'_DIEM["{question}"] = {points}'


def check_cell_problems(text: str, info: CheckInfo) -> list[str]:
    """What a check cell's text lacks of the check-cell layout (empty when it follows it)."""
    lines = [line for line in text.strip("\n").split("\n")]
    problems = []
    if not lines or lines[0].strip() != check_marker(info.question, info.points):
        problems.append(f"first line must be '{check_marker(info.question, info.points)}'")
    if len(lines) < 2 or lines[1].strip() != registry_reset(info.question):
        problems.append(f"second line must be '{registry_reset(info.question)}'")
    if not lines or lines[-1].strip() != registry_record(info.question, info.points):
        problems.append(f"last line must be '{registry_record(info.question, info.points)}'")
    return problems


def self_score_source(found: list[CheckInfo]) -> str:
    """The lab's last code cell: prints the questions passed so far, from the registry only."""
    table = ", ".join(f'("{c.question}", {c.points})' for c in found)
    return "\n".join([
        "#@title Tự chấm: những câu đã qua (ô này không chạy lại gì)",
        "# Ô này chỉ đọc kết quả của các ô kiểm tra bạn đã chạy (Runtime → Run all để chạy tất cả).",
        f"_CAC_CAU = [{table}]  # (câu, điểm)",
        f'_DA_QUA = globals().get("{REGISTRY}", {{}})',
        "if not isinstance(_DA_QUA, dict):",
        '    _DA_QUA = {}',
        "_DIEM_TONG = sum(_DIEM_CAU for _CAU, _DIEM_CAU in _CAC_CAU)",
        "_DIEM_CO = sum(_DIEM_CAU for _CAU, _DIEM_CAU in _CAC_CAU if _DA_QUA.get(_CAU) == _DIEM_CAU)",
        "for _CAU, _DIEM_CAU in _CAC_CAU:",
        "    if _DA_QUA.get(_CAU) == _DIEM_CAU:",
        '        print(f"Câu {_CAU} ({_DIEM_CAU} điểm): đạt")',
        "    else:",
        '        print(f"Câu {_CAU} ({_DIEM_CAU} điểm): chưa đạt (ô kiểm tra chưa chạy, hoặc còn báo lỗi)")',
        '_SO_CAU = sum(_DA_QUA.get(_CAU) == _DIEM_CAU for _CAU, _DIEM_CAU in _CAC_CAU)',
        'print(f"Tổng: {_DIEM_CO}/{_DIEM_TONG} điểm, {_SO_CAU}/{len(_CAC_CAU)} câu.")',
        "if _SO_CAU == 0:",
        '    print("Chưa có ô kiểm tra nào chạy thành công: hãy chạy các ô từ trên xuống (Runtime → Run all).")',
        "elif _SO_CAU < len(_CAC_CAU):",
        '    print("Với câu chưa đạt: đọc thông báo lỗi ngay dưới ô kiểm tra của câu đó.")',
        "else:",
        '    print("Bạn đã qua mọi câu. Điểm chính thức do giảng viên chấm lại bằng bộ chấm.")',
    ])


SELF_SCORE_HEADING = ("## Tự chấm\n\nÔ cuối cùng đọc kết quả của các ô kiểm tra bạn đã chạy trong phiên này và cộng điểm. "
                      "Nó không chạy lại gì: sửa xong một câu thì chạy lại ô kiểm tra của câu đó, rồi chạy lại ô này.")


def self_score_cells(found: list[CheckInfo]) -> list[nbformat.NotebookNode]:
    """A short heading and the self-score code cell, both tagged so they can be found and replaced."""
    heading = nbformat.v4.new_markdown_cell(SELF_SCORE_HEADING)
    cell = nbformat.v4.new_code_cell(self_score_source(found))
    for c in (heading, cell):
        c.metadata["tags"] = [SELF_SCORE_TAG]
    return [heading, cell]


def ensure_self_score(nb: nbformat.NotebookNode, name: str = "<notebook>") -> bool:
    """End ``nb`` with the up-to-date self-score heading and cell; True when ``nb`` changed."""
    want = self_score_cells(checks(nb, name))
    have = nb.cells[-2:]
    if (len(have) == 2 and [c.cell_type for c in have] == ["markdown", "code"]
            and [nbio.source(c) for c in have] == [nbio.source(c) for c in want]
            and all(SELF_SCORE_TAG in nbio.tags(c) for c in have)
            and sum(SELF_SCORE_TAG in nbio.tags(c) for c in nb.cells) == 2):
        return False
    nb.cells = [c for c in nb.cells if SELF_SCORE_TAG not in nbio.tags(c)] + want
    return True


def exercise_first_cell(text: str) -> str:
    """The solution's first cell as the exercise shows it: plain lab title, no solution banner."""
    out: list[str] = []
    in_banner = False
    for line in text.split("\n"):
        if line.startswith(SOLUTION_TITLE):
            line = "# " + line[len(SOLUTION_TITLE):]
        if line.startswith(BANNER):
            in_banner = True
            continue
        if in_banner and line.startswith(">"):
            continue
        if in_banner and not line.strip() and out and not out[-1].strip():
            in_banner = False
            continue
        in_banner = False
        out.append(line)
    return "\n".join(out)


def make_exercise(solution: nbformat.NotebookNode, name: str, exercise_path: str) -> nbformat.NotebookNode:
    """The exercise notebook for a solution notebook (pure: writes nothing)."""
    found = checks(solution, name)
    nb = copy.deepcopy(solution)
    regions = 0
    for i, cell in enumerate(nb.cells):
        text = nbio.source(cell)
        if cell.cell_type != "code":
            if has_markers(text):
                raise MarkerError(name, i, f"solution markers are only allowed in code cells, found in a {cell.cell_type} cell")
            continue
        if has_markers(text):
            regions += 1
            cell.source = blank_source(text, name, i, question_after(i, found))
        cell.outputs = []
        cell.execution_count = None
        cell.metadata.pop("execution", None)
    if found and not regions:
        raise MarkerError(name, 0, "a lab with check cells has no solution region")
    first = nb.cells[0]
    first.source = exercise_first_cell(badges.stamp_source(nbio.source(first), badges.badge(repository(), exercise_path)))
    return nb


def generate_all(solutions: list[Path], check_only: bool = False) -> list[tuple[Path, bool]]:
    """Validate every solution first, then write: a bad file means nothing is written.

    A solution whose self-score cell is missing or stale gets it (re)written in place
    (without outputs: execute the solution again afterwards); with ``check_only`` such a
    solution counts as stale.
    """
    built = []
    for sol in solutions:
        target = paths.exercise_for(sol)
        nb = nbio.read(sol)
        changed = ensure_self_score(nb, paths.rel(sol))
        built.append((sol, target, nbio.dumps(make_exercise(nb, paths.rel(sol), paths.rel(target))),
                      nb if changed else None))
    results = []
    for sol, _target, _text, updated in built:
        if updated is not None:
            if not check_only:
                nbio.write(updated, sol)
            results.append((sol, False))
    for _sol, target, text, _updated in built:
        current = target.read_text(encoding="utf-8") if target.exists() else None
        same = current == text
        if not same and not check_only:
            target.write_text(text, encoding="utf-8")
        results.append((target, same))
    return results


def replace_regions(text: str, replacements: list[str | None]) -> str:
    """Replace the solution regions of a cell's text, in order (None keeps a region).

    Used by the tests to try plausible wrong answers. Each replacement is
    indented like its BEGIN marker; the markers themselves are dropped.
    """
    out: list[str] = []
    region = -1
    inside = False
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            region, inside = region + 1, True
            new = replacements[region] if region < len(replacements) else None
            if new is not None:
                indent = line[: len(line) - len(line.lstrip())]
                out.extend(indent + l if l.strip() else l for l in new.strip("\n").split("\n"))
        elif stripped == END:
            inside = False
        elif not inside or region >= len(replacements) or replacements[region] is None:
            out.append(line)
    if len(replacements) > region + 1:
        raise ValueError(f"{len(replacements)} replacements given for {region + 1} solution region(s)")
    return "\n".join(out)


# --------------------------------------------------------------------------- answer leaks

def _normal_lines(text: str) -> list[str]:
    """Code lines with whitespace collapsed; blank and comment-only lines dropped."""
    out = []
    for line in text.split("\n"):
        squeezed = " ".join(line.split())
        if squeezed and not squeezed.startswith("#"):
            out.append(squeezed)
    return out


def solution_regions(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell index, text) of every solution region of a solution notebook."""
    found: list[tuple[int, str]] = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        inside, lines = False, []
        for line in nbio.source(cell).split("\n"):
            stripped = line.strip()
            if stripped == BEGIN:
                inside, lines = True, []
            elif stripped == END:
                inside = False
                found.append((i, "\n".join(lines)))
            elif inside:
                lines.append(line)
    return found


class _Canonical(ast.NodeTransformer):
    """Rename local identifiers in order of appearance, so renamed copies compare equal."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def _name(self, name: str) -> str:
        return self.names.setdefault(name, f"v{len(self.names)}")

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.copy_location(ast.Name(id=self._name(node.id), ctx=node.ctx), node)

    def visit_arg(self, node: ast.arg) -> ast.AST:
        return ast.copy_location(ast.arg(arg=self._name(node.arg), annotation=None), node)


def _function_key(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    body = list(fn.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]  # the docstring is not the answer
    fields = {"name": "f", "args": fn.args, "body": body or [ast.Pass()], "decorator_list": [], "returns": None}
    if "type_params" in ast.FunctionDef._fields:  # Python 3.12+
        fields["type_params"] = []
    tree = ast.Module(body=[ast.FunctionDef(**fields)], type_ignores=[])
    return ast.dump(_Canonical().visit(copy.deepcopy(tree)), annotate_fields=False, include_attributes=False)


def _parse(text: str) -> ast.Module | None:
    lines = [("pass" if line.lstrip().startswith(("%", "!")) else line) for line in text.split("\n")]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _functions(text: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    tree = _parse(text)
    if tree is None:
        return []
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def answer_leaks(solution: nbformat.NotebookNode, exercise: nbformat.NotebookNode) -> list[str]:
    """Where an exercise still shows a solution: empty when none is found.

    Two rules: (1) a solution region of two or more code lines appears, line for line
    after whitespace is collapsed and comments dropped, in any cell of the exercise
    (markdown included); (2) a function of the exercise has the same body, up to renamed
    local names and docstring, as a solution function that holds a region. Limits: a
    reworded copy (other statements, other order) is not found; a solution region of one
    line is only found through rule 2.
    """
    leaks: list[str] = []
    cells = [(j, _normal_lines(nbio.source(c))) for j, c in enumerate(exercise.cells)]
    for i, region in solution_regions(solution):
        want = _normal_lines(region)
        if len(want) < 2:
            continue
        for j, have in cells:
            if any(have[k: k + len(want)] == want for k in range(len(have) - len(want) + 1)):
                leaks.append(f"exercise cell {j} contains the solution region of cell {i} ({want[0]!r} …)")
    answers: dict[str, str] = {}
    for i, cell in enumerate(solution.cells):
        if cell.cell_type != "code" or not has_markers(nbio.source(cell)):
            continue
        text = nbio.source(cell)
        marker_lines = {n + 1 for n, line in enumerate(text.split("\n")) if line.strip() == BEGIN}
        for fn in _functions(text):
            if any(fn.lineno <= n <= (fn.end_lineno or fn.lineno) for n in marker_lines):
                answers[_function_key(fn)] = f"{fn.name} (solution cell {i})"
    for j, cell in enumerate(exercise.cells):
        if cell.cell_type != "code":
            continue
        for fn in _functions(nbio.source(cell)):
            key = _function_key(fn)
            if key in answers:
                leaks.append(f"exercise cell {j} defines {fn.name}, which reproduces {answers[key]}")
    return leaks
