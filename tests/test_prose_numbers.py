"""Prose numbers: every number in the markdown prose is printed by the notebook (at every
seed), defined by its code, cited, structural, or allowlisted in its cell."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from coursekit import paths, prose_numbers, seeds

EXECUTED = paths.notebooks(*paths.EXECUTED_DIRS)
RERUN_SEEDS = [1, 2]


def printed(source: str, text: str, checked: bool = False) -> nbformat.NotebookNode:
    cell = new_code_cell(source, outputs=[new_output("stream", name="stdout", text=text)])
    if checked:
        cell.metadata["tags"] = ["nbval-check-output"]
    return cell


def flagged(*cells: nbformat.NotebookNode, reruns: list[tuple[str, nbformat.NotebookNode]] | None = None) -> list[str]:
    nb = new_notebook(cells=list(cells))
    return [f.number for f in prose_numbers.check_notebook(nb, "x.ipynb", reruns)]


def test_decimal_comma_and_rounding_decide_a_match() -> None:
    out = printed("print(loss)", "mất mát 0.0912\n")
    assert flagged(out, new_markdown_cell("Mất mát bật lên tới 0,09.")) == []
    assert flagged(out, new_markdown_cell("Mất mát bật lên tới 0,091.")) == []
    assert flagged(out, new_markdown_cell("Mất mát bật lên tới 0,08.")) == ["0,08"]
    assert flagged(out, new_markdown_cell("Mất mát bật lên tới 0,0913.")) == ["0,0913"], "more digits than printed"
    assert flagged(printed("print(x)", "0.0763\n"), new_markdown_cell("tới 0,09")) == ["0,09"]


def test_percent_exponent_and_thousands() -> None:
    out = printed("print(f)", "frac 0.489, loss 4.04e+08, n 1797\n")
    md = new_markdown_cell("Có 48,9 % điểm ảnh bằng 0; mất mát 4e8; tổng 1.797 ảnh.")
    assert flagged(out, md) == []
    assert flagged(out, new_markdown_cell("Có 49,9 % điểm ảnh.")) == ["49,9"]


def test_structural_numbers_are_not_flagged() -> None:
    md = new_markdown_cell(
        "## 4. Kiểm tra\n\n### 4.5. Nhìn dữ liệu\n\n"
        "Năm 2019, mục 4.5 và chương 01, Lỗi 10, Câu 3 (2 điểm); ảnh 12×12 và 8 x 8; mã UTF-8, cp1252, "
        "U+0323, 0x81, float32; Python 3.11; 1. mục danh sách; ba lớp, 7 bước.")
    assert flagged(md) == []


def test_code_literals_citations_and_allowlists_back_a_number() -> None:
    code = new_code_cell("EPOCHS = 15\nLR = 1e-2\nprint('ngưỡng 0.05')")
    assert flagged(code, new_markdown_cell("Huấn luyện 15 epoch với tốc độ học 0,01, ngưỡng 0,05.")) == []
    assert flagged(new_markdown_cell("GPU 24 GB hết bộ nhớ {cite}`karpathy2019recipe`.\n\nLần sau 24 GB.")) == ["24"]
    allow = new_markdown_cell("GPU 24 GB, batch 16, 15 phút.\n<!-- so-lieu: 24; 16 — số liệu câu chuyện -->")
    assert flagged(allow) == ["15"]
    assert flagged(allow, new_markdown_cell("Ô khác: 24 GB.")) == ["15", "24"], "an allowlist holds in its own cell only"
    assert flagged(new_code_cell("# 200 ảnh\nx = 1"), new_markdown_cell("Ta có 200 ảnh.")) == ["200"], \
        "a comment is prose, not a definition"


def test_a_formula_backs_its_value() -> None:
    md = new_markdown_cell("Mất mát gần ln 10 ≈ 2,30; về phía ½·ln 2 ≈ 0,35; hệ số √2 ≈ 1,41.")
    assert flagged(md) == []
    assert flagged(new_markdown_cell("Mất mát gần ln 10 ≈ 2,40.")) == ["2,40"], "a wrong value is still flagged"


def test_lab_points_back_the_total() -> None:
    check = new_code_cell("assert True")
    check.metadata.update({"tags": ["check"], "lab": {"question": "1", "points": 13}})
    second = new_code_cell("assert True")
    second.metadata.update({"tags": ["check"], "lab": {"question": "2", "points": 13}})
    assert flagged(new_markdown_cell("**Tổng điểm:** 26"), check, second) == []


def test_ignored_markup() -> None:
    md = new_markdown_cell("Gọi `x.view(8, 64)` và $\\ln 10 \\approx 2{,}30$; xem [trang](https://a.org/p/123) "
                           "<span id='x42'></span>\n```python\ny = 99\n```")
    assert flagged(md) == []


def test_outputs_back_prose_in_their_part_or_anywhere_when_checked() -> None:
    out = printed("print(x)", "0.978\n")
    later = [new_markdown_cell("## 3. Phần sau"), new_markdown_cell("Độ chính xác 0,978.")]
    assert flagged(out, *later) == ["0,978"], "an unchecked output backs only its own part"
    assert flagged(printed("print(x)", "0.978\n", checked=True), *later) == []


def test_decimal_point_in_prose_is_flagged() -> None:
    out = printed("print(x)", "0.25 và 1797\n")
    found = prose_numbers.check_notebook(new_notebook(cells=[out, new_markdown_cell("Thừa số 0.25 và 1.797 ảnh.")]), "x")
    assert [(f.number, f.why) for f in found] == [("0.25", "decimal point in prose: write 0,25")]


def test_reruns_must_print_the_number_too() -> None:
    stored = new_notebook(cells=[printed("print(x)", "lớn nhất 0.0902 (bước 131)\n"),
                                 new_markdown_cell("Mất mát bật lên tới 0,09 ở bước 131.")])
    rerun = new_notebook(cells=[printed("print(x)", "lớn nhất 0.0763 (bước 88)\n"), stored.cells[1]])
    found = prose_numbers.check_notebook(stored, "x", [("seed 1", rerun)])
    assert [(f.number, f.why) for f in found] == [("0,09", "printed, but not by the rerun at seed 1"),
                                                  ("131", "printed, but not by the rerun at seed 1")]
    assert "cell 1: 0,09 (printed, but not by the rerun at seed 1)" in prose_numbers.report(found) and "bước 131" in prose_numbers.report(found)


def test_report_names_file_cell_number_and_sentence() -> None:
    found = prose_numbers.check_notebook(new_notebook(cells=[
        new_markdown_cell("Câu đầu. Mô hình đạt 0,97 sau 30 epoch! Câu cuối.")]), "chapters/99_x.ipynb")
    text = prose_numbers.report(found)
    assert "chapters/99_x.ipynb: 2 unbacked number(s)" in text
    assert "cell 0: 0,97 (printed nowhere in its part of the notebook) — Mô hình đạt 0,97 sau 30 epoch!" in text
    assert prose_numbers.report([]) == "no unbacked number in the prose"


@pytest.mark.parametrize("notebook", EXECUTED, ids=[paths.rel(p) for p in EXECUTED])
def test_prose_numbers_are_backed_at_every_seed(notebook) -> None:
    """Suite-wide: reruns at seeds 1 and 2 are shared with the seed sweep (tests/test_seeds.py)."""
    runs = seeds.sweep([notebook], RERUN_SEEDS)
    reruns = [(f"seed {r.seed}", r.executed) for r in runs if r.executed is not None]
    findings = prose_numbers.check(notebook, reruns)
    assert not findings, prose_numbers.report(findings)
