"""One-source labs: exercises/ is generated from solutions/.

A solution region is delimited by lines ``### BEGIN SOLUTION`` and
``### END SOLUTION`` (the nbgrader convention). In the exercise each region
becomes a Vietnamese TODO comment and ``raise NotImplementedError(...)``.
Check cells carry the tag ``check`` and ``metadata["lab"] = {"question": id,
"points": n}``.
"""

from __future__ import annotations

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
    first.source = badges.stamp_source(nbio.source(first), badges.badge(repository(), exercise_path))
    return nb


def generate_all(solutions: list[Path], check_only: bool = False) -> list[tuple[Path, bool]]:
    """Validate every solution first, then write: a bad file means nothing is written."""
    built = []
    for sol in solutions:
        target = paths.exercise_for(sol)
        built.append((sol, target, nbio.dumps(make_exercise(nbio.read(sol), paths.rel(sol), paths.rel(target)))))
    results = []
    for _sol, target, text in built:
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
