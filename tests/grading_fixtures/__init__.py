"""A tiny synthetic lab (three quick checks, only ``math``) and ways to spoil it, for the grader's tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit import labs

LOCKED = ("# Bộ chấm: hàm kiểm tra dùng chung (không chứa lời giải)\n"
          "def relative_error(a, b):\n    return abs(a - b) / max(abs(a), abs(b), 1e-12)")
ANSWERS = {
    "1": "def square(x):\n    ### BEGIN SOLUTION\n    return x * x\n    ### END SOLUTION",
    "2": "def hypot(a, b):\n    ### BEGIN SOLUTION\n    return math.sqrt(a * a + b * b)\n    ### END SOLUTION",
    "3": "def halve(x):\n    ### BEGIN SOLUTION\n    return x / 2\n    ### END SOLUTION",
}
CHECKS = {
    "1": (2, ["import math",
              "for x in (2, 3, -1.5):",
              '    assert math.isclose(square(x), x * x), f"Câu 1: square({x}) = {square(x)}, cần {x * x}."',
              'assert relative_error(square(7.0), 49.0) < 1e-12, "Câu 1: sai số so với 49 quá lớn."',
              'print("Câu 1: đúng!")']),
    "2": (3, ["import math",
              'assert isinstance(hypot(3, 4), float), "Câu 2: hypot phải trả về số thực (float)."',
              'assert abs(hypot(3, 4) - 5) < 1e-9 and abs(hypot(5, 12) - 13) < 1e-9, "Câu 2: hypot(3, 4) phải bằng 5."',
              'print("Câu 2: đúng!")']),
    "3": (1, ['assert halve(3) == 1.5, "Câu 3: halve(3) phải bằng 1.5 (phép chia thực)."',
              'print("Câu 3: đúng!")']),
}


def check_cell(question: str) -> nbformat.NotebookNode:
    points, body = CHECKS[question]
    lines = [labs.check_marker(question, points), labs.registry_reset(question), *body,
             labs.registry_record(question, points)]
    cell = new_code_cell("\n".join(lines))
    cell.metadata.update({"tags": [labs.CHECK_TAG], labs.LAB_KEY: {"question": question, "points": points}})
    return cell


def solution() -> nbformat.NotebookNode:
    locked = new_code_cell(LOCKED)
    locked.metadata["tags"] = [labs.LOCKED_TAG]
    cells = [new_markdown_cell("# Lời giải · Bài thực hành 99 — Thử bộ chấm\n\n**Tổng điểm:** 6"),
             new_code_cell("import math\nSEED = 0"), locked]
    for q, (points, _) in CHECKS.items():
        cells += [new_markdown_cell(f"## Câu {q} ({points} điểm)\n\nViết hàm."), new_code_cell(ANSWERS[q]),
                  check_cell(q)]
    nb = new_notebook(cells=cells)
    labs.ensure_self_score(nb)
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def answer_cell(nb: nbformat.NotebookNode, question: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.source == ANSWERS[question])


def with_answers(**answers: str) -> nbformat.NotebookNode:
    """The solution with some answers replaced, e.g. ``with_answers(q2="return a + b")``."""
    nb = solution()
    for key, code in answers.items():
        cell = answer_cell(nb, key[1:])
        cell.source = labs.replace_regions(cell.source, [code])
    return nb


def blank() -> nbformat.NotebookNode:
    nb = solution()
    for i, cell in enumerate(nb.cells):
        if labs.has_markers(cell.source):
            cell.source = labs.blank_source(cell.source, "lab99", i, None)
    return nb


def prepend(nb: nbformat.NotebookNode, code: str, after: int = 1) -> nbformat.NotebookNode:
    """Insert a student cell after cell ``after`` (default: after the setup cell)."""
    out = copy.deepcopy(nb)
    out.cells.insert(after + 1, new_code_cell(code))
    return out


def insert_after_answer(nb: nbformat.NotebookNode, question: str, code: str) -> nbformat.NotebookNode:
    out = copy.deepcopy(nb)
    index = next(i for i, c in enumerate(out.cells) if c.cell_type == "code" and labs.has_markers(c.source)
                 and c.source.startswith(ANSWERS[question].split("\n")[0]))
    out.cells.insert(index + 1, new_code_cell(code))
    return out


def strip_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Cells copied into a fresh notebook: no tags, no lab metadata."""
    out = copy.deepcopy(nb)
    for cell in out.cells:
        cell.metadata = {}
    return out


def string_metadata(nb: nbformat.NotebookNode) -> str:
    """JSON text whose check cells have ``metadata.lab`` and ``tags`` as strings."""
    data = json.loads(nbformat.writes(nb))
    for cell in data["cells"]:
        if labs.LAB_KEY in cell["metadata"]:
            cell["metadata"][labs.LAB_KEY] = cell["metadata"][labs.LAB_KEY]["question"]
            cell["metadata"]["tags"] = "check"
    return json.dumps(data, ensure_ascii=False)
