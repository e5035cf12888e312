"""Grade a folder of submitted lab notebooks against the solution's check cells.

Each submission's check cells are put back to the solution's original source
(found by the question id in their metadata), so are cells tagged 'locked'
(matched in order), the notebook is executed with
errors allowed, and a question earns its points when its check cell raises
nothing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import labs, nbio
from .execute import execute


@dataclass
class Result:
    submission: str
    scores: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def restore_checks(submission: nbformat.NotebookNode, solution: nbformat.NotebookNode) -> list[str]:
    """Put every check cell back to the solution's source; return notes on missing ones."""
    originals = {c.question: nbio.source(solution.cells[c.cell]) for c in labs.checks(solution)}
    present = set()
    for cell in submission.cells:
        question = cell.get("metadata", {}).get(labs.LAB_KEY, {}).get("question")
        if question in originals and labs.CHECK_TAG in nbio.tags(cell):
            cell.source = originals[question]
            cell.cell_type = "code"
            present.add(question)
    return [f"thiếu ô kiểm tra của câu {q}" for q in originals if q not in present]


def restore_locked(submission: nbformat.NotebookNode, solution: nbformat.NotebookNode) -> list[str]:
    """Put back the cells tagged 'locked' (e.g. a lab's reference code), matched in order."""
    originals = [c for c in solution.cells if labs.LOCKED_TAG in nbio.tags(c)]
    found = [c for c in submission.cells if labs.LOCKED_TAG in nbio.tags(c)]
    for cell, original in zip(found, originals):
        cell.source, cell.cell_type = nbio.source(original), original.cell_type
    missing = len(originals) - len(found)
    return [f"thiếu {missing} ô khóa (locked)"] if missing > 0 else []


def check_passed(cell: nbformat.NotebookNode) -> bool:
    return not any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def grade_one(path: Path, solution: nbformat.NotebookNode) -> Result:
    result = Result(path.name)
    try:
        nb = nbio.read(path)
    except Exception as exc:  # an unreadable submission gets zero, with the reason
        result.notes.append(f"không đọc được tệp: {exc}")
        result.scores = {c.question: 0 for c in labs.checks(solution)}
        return result
    result.notes += restore_checks(nb, solution) + restore_locked(nb, solution)
    try:
        execute(nb, path.parent, allow_errors=True)
    except Exception as exc:
        result.notes.append(f"chạy bị dừng: {type(exc).__name__}: {exc}")
    points = {c.question: c.points for c in labs.checks(solution)}
    for cell in nb.cells:
        question = cell.get("metadata", {}).get(labs.LAB_KEY, {}).get("question")
        if question in points and labs.CHECK_TAG in nbio.tags(cell):
            result.scores[question] = points[question] if check_passed(cell) else 0
    for question in points:
        result.scores.setdefault(question, 0)
    return result


def grade_folder(solution_path: Path, folder: Path, out_csv: Path) -> list[Result]:
    solution = nbio.read(solution_path)
    checks = labs.checks(solution)
    submissions = sorted(folder.glob("*.ipynb"))
    if not submissions:
        raise FileNotFoundError(f"no .ipynb submissions in {folder}")
    results = [grade_one(p, solution) for p in submissions]
    with out_csv.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["bai_nop", *[f"cau_{c.question}_{c.points}d" for c in checks], "tong", "toi_da", "ghi_chu"])
        for r in results:
            total = sum(r.scores.values())
            writer.writerow([r.submission, *[r.scores[c.question] for c in checks], total,
                             sum(c.points for c in checks), "; ".join(r.notes)])
    return results
