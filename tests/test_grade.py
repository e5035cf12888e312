"""Unit tests of the grader's pieces that need no kernel: reading, finding checks, the plan, files, reports, guard."""

from __future__ import annotations

import copy
import json
import math
import sys
import types
import unicodedata
from pathlib import Path

import nbformat
import pytest

from coursekit import grade, labs
from coursekit.grading import files, guard, notebook, report
from tests import grading_fixtures as fx


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> notebook.Lab:
    return notebook.load_lab(fx.write(fx.solution(), tmp_path_factory.mktemp("sol") / "lab99_thu.ipynb"))


def cells_of(nb: nbformat.NotebookNode) -> list[notebook.Cell]:
    return notebook.read_cells(nbformat.writes(nb).encode())


# --- reading ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, reason", [
    (b"", "tệp rỗng"),
    (b"   \n", "tệp rỗng"),
    (b'{"cells": [', "không phải JSON"),
    (b"\x89PNG\r\n\x1a\n\x00\xff", "không phải văn bản UTF-8"),
    (b"[1, 2]", "JSON không phải một đối tượng"),
    (b'{"nbformat": 4, "metadata": {}}', "không có danh sách ô"),
])
def test_unreadable_files_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(notebook.Unreadable, match=reason):
        notebook.read_cells(data)


def test_odd_but_readable_notebooks(lab: notebook.Lab) -> None:
    sol = fx.solution()
    v4 = nbformat.writes(sol)
    for data in (v4.encode("utf-8-sig"), v4.encode("utf-16"), nbformat.writes(copy.deepcopy(sol), version=3).encode(),
                 fx.string_metadata(sol).encode()):
        cells = notebook.read_cells(data)
        roles = notebook.assign_roles(cells, lab)
        assert sorted(r[1] for r in roles.values() if r[0] == "check") == ["1", "2", "3"]
    weird = json.loads(v4)
    weird["cells"][1] = {"cell_type": "widget", "source": 5, "metadata": "x"}
    weird["cells"].append("not a cell")
    cells = notebook.read_cells(json.dumps(weird).encode())
    assert cells[1] == notebook.Cell("raw", "") and len(cells) == len(sol.cells)


@pytest.mark.parametrize("line, question", [
    ("# Kiểm tra câu 3 (2 điểm)", "3"),
    ("# Ô kiểm tra Câu 1 — đừng sửa ô này.", "1"),
    ("# Kiểm tra Câu 12: so với autograd", "12"),
    (unicodedata.normalize("NFD", "#  kiểm tra câu 2a (1 điểm)"), "2a"),
    ("# Kiểm tra lại kết quả", None),
    ("x = 1  # Kiểm tra câu 1", None),
])
def test_marker_line(line: str, question: str | None) -> None:
    assert notebook.marker_question(line + "\nassert True") == question


# --- the plan --------------------------------------------------------------------------------------

def kinds(plan: notebook.Plan) -> list[str]:
    return [s.kind if s.kind != "check" else f"check{s.question}" for s in plan.steps]


def test_plan_runs_student_code_with_checks_and_locked_cells_from_the_solution(lab: notebook.Lab) -> None:
    nb = fx.with_answers(q1="return 0")
    check1 = next(c for c in nb.cells if c.metadata.get("lab", {}).get("question") == "1")
    check1.source = "print('Câu 1: đúng!')"
    locked = next(c for c in nb.cells if "locked" in c.metadata.get("tags", []))
    locked.source = "def relative_error(a, b):\n    return 0.0"
    plan = notebook.plan(cells_of(nb), lab)
    assert kinds(plan) == ["student", "locked", "student", "check1", "student", "check2", "student", "check3"]
    assert plan.steps[3].source == lab.questions[0].source and plan.steps[1].source == lab.locked[0]
    assert "ô kiểm tra câu 1 bị sửa (đã đặt lại mã gốc)" in plan.flags
    assert not plan.missing_checks and not plan.notes


def test_missing_checks_and_locked_cell_go_back_in_their_place(lab: notebook.Lab) -> None:
    nb = fx.solution()
    nb.cells = [c for c in nb.cells if c.metadata.get("lab", {}).get("question") not in ("1", "3")
                and "locked" not in c.metadata.get("tags", [])]
    plan = notebook.plan(cells_of(nb), lab)
    assert kinds(plan) == ["student", "locked", "student", "check1", "student", "check2", "student", "check3"]
    assert plan.missing_checks == ["1", "3"]
    assert plan.notes == ["thiếu ô kiểm tra câu 1, 3 (đã đặt lại)", "thiếu 1 ô khóa (locked) (đã đặt lại)"]


def test_checks_found_without_metadata_by_marker_then_by_source(lab: notebook.Lab) -> None:
    bare = fx.strip_metadata(fx.solution())
    assert kinds(notebook.plan(cells_of(bare), lab)) == kinds(notebook.plan(cells_of(fx.solution()), lab))
    no_marker = copy.deepcopy(bare)
    for cell in no_marker.cells:  # an older lab whose check cells had no marker: found by their source
        if cell.source.startswith("# Kiểm tra câu"):
            cell.source = cell.source.split("\n", 1)[1]
    lab_without = dataclass_replace_sources(lab, no_marker)
    assert [s.question for s in notebook.plan(cells_of(no_marker), lab_without).steps if s.kind == "check"] == ["1", "2", "3"]


def dataclass_replace_sources(lab: notebook.Lab, nb: nbformat.NotebookNode) -> notebook.Lab:
    sources = [c.source for c in nb.cells if c.source.startswith("_DIEM")]
    questions = tuple(notebook.Question(q.id, q.points, s) for q, s in zip(lab.questions, sources))
    return notebook.Lab(lab.title, questions, lab.locked, lab.cells, lab.self_score, lab.modules, lab.fingerprint)


def test_a_copied_check_cell_is_run_once_as_the_check(lab: notebook.Lab) -> None:
    nb = fx.solution()
    check2 = next(c for c in nb.cells if c.metadata.get("lab", {}).get("question") == "2")
    nb.cells.insert(2, nbformat.v4.new_code_cell(check2.source))  # pasted far above, without metadata
    steps = notebook.plan(cells_of(nb), lab).steps
    assert [s.question for s in steps if s.kind == "check"] == ["1", "2", "3"]
    assert steps[1].kind == "student", "the copy without metadata stays student code"


def test_self_score_cell_is_not_run(lab: notebook.Lab) -> None:
    plan = notebook.plan(cells_of(fx.solution()), lab)
    assert all("Tự chấm" not in s.source for s in plan.steps)


def test_review_flags_name_the_cell_and_what_it_touches(lab: notebook.Lab) -> None:
    nb = fx.prepend(fx.solution(), "import torch\ntorch.testing.assert_close = print\nget_ipython().set_custom_exc((Exception,), print)")
    flags = notebook.review_flags(cells_of(nb), lab)
    assert "ô 3: gán lại torch.testing.assert_close" in flags
    assert "ô 3: thay cách IPython báo lỗi (set_custom_exc)" in flags
    assert notebook.review_flags(cells_of(fx.solution()), lab) == []
    edited = fx.solution()
    edited.cells[1].source = "import math\nSEED = 1"
    assert notebook.review_flags(cells_of(edited), lab) == ["1/1 ô mã cho sẵn bị sửa hoặc xóa"]


def test_lab_modules_and_title(lab: notebook.Lab) -> None:
    assert lab.title == "Bài thực hành 99 — Thử bộ chấm" and lab.max_points == 6
    assert notebook.imported_modules(["import torch.nn as nn\nfrom numpy import linalg"])[:2] == ["torch.nn", "numpy"]


# --- files -------------------------------------------------------------------------------------------

def test_discover_walks_subfolders_and_skips_outputs_and_hidden(tmp_path: Path) -> None:
    for rel in ["a.ipynb", "Lê Thị Hoa_77_assignsubmission_file_/bai 1.IPYNB", "b.ipynb.json", ".ẩn.ipynb",
                ".ipynb_checkpoints/a-checkpoint.ipynb", "__MACOSX/x.ipynb", "phan_hoi/a.md", "notes.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}", encoding="utf-8")
    found = files.discover(tmp_path, [tmp_path / "phan_hoi"])
    assert [(s.rel, s.student) for s in found] == [
        ("Lê Thị Hoa_77_assignsubmission_file_/bai 1.IPYNB", "Lê Thị Hoa"), ("a.ipynb", "a"), ("b.ipynb.json", "b"),
        ("notes.txt", "notes")]


def test_duplicates_and_only_ignore_case_and_accents() -> None:
    subs = [files.Submission(Path(r), r, files.student_name(r)) for r in
            ["Nguyễn Văn An.ipynb", "nguyen_van_an/x.ipynb", "NGUYEN VAN BINH.ipynb"]]
    assert [[s.rel for s in g] for g in files.duplicate_students(subs)] == [["Nguyễn Văn An.ipynb", "nguyen_van_an/x.ipynb"]]
    assert [s.rel for s in subs if files.matches(s, ["nguyen van binh"])] == ["NGUYEN VAN BINH.ipynb"]
    assert files.student_key("Đỗ Thủy") == "do_thuy"


# --- reports ---------------------------------------------------------------------------------------

def row(student: str, scores: dict[str, int], status: str = "ok", **kw: object) -> report.Row:
    return report.Row(student, f"{student}.ipynb", scores, status, **kw)  # type: ignore[arg-type]


def test_csv_round_trip_with_bom_and_resume(tmp_path: Path, lab: notebook.Lab) -> None:
    log = report.CsvLog(tmp_path / "d.csv", lab)
    first = row("Phạm Thị Hà", {"1": 2, "2": 0, "3": 1}, notes=["a; b"], messages={"2": "Câu 2: sai"}, flags=["ô 3: x"],
                sha256="abc", fingerprint=lab.fingerprint)
    log.rewrite([first])
    log.append(row("b", {"1": 0, "2": 0, "3": 0}, "unreadable", notes=["tệp rỗng"]))
    raw = (tmp_path / "d.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1
    back = log.existing()
    assert back["Phạm Thị Hà.ipynb"].messages == {"2": "Câu 2: sai"} and back["b.ipynb"].status == "unreadable"
    assert back["Phạm Thị Hà.ipynb"].total == 3 and back["Phạm Thị Hà.ipynb"].fingerprint == lab.fingerprint
    other = tmp_path / "khac.csv"
    other.write_text("x,y\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="--restart"):
        report.CsvLog(other, lab).existing()


def test_summary_and_histogram(lab: notebook.Lab) -> None:
    rows = [row("a", {"1": 2, "2": 3, "3": 1}), row("b", {"1": 2, "2": 0, "3": 0}, flags=["ô 2: x"]),
            row("c", {"1": 0, "2": 0, "3": 0}, "unreadable")]
    text = report.summary(rows, lab)
    assert "3 tệp, 2 bài chấm được" in text and "Trung bình 4.00 · trung vị 4" in text
    assert "Câu 2 (3 điểm): 1/2 (50%)" in text and "Cần xem lại (1 bài" in text
    bars = report.histogram([6, 2], 6)
    assert len(bars) == 7 and bars[2].endswith("█" * 30 + " 1")


def test_feedback_escapes_and_explains(lab: notebook.Lab, tmp_path: Path) -> None:
    r = row("An", {"1": 0, "2": 3, "3": 1}, messages={"1": "Câu 1: a | b"}, notes=["thiếu ô kiểm tra câu 1 (đã đặt lại)"])
    text = report.feedback(r, lab)
    assert "**Điểm: 4/6**" in text and "| 1 | 0/2 | chưa đạt: Câu 1: a \\| b |" in text and "Ghi chú:" in text
    assert "Chưa chấm được" in report.feedback(row("B", {}, "unreadable"), lab)
    twin = row("An", {}, "ok")
    twin.rel = "an/khac.ipynb"
    written = report.write_feedback([r, twin], lab, tmp_path)
    assert len({p.name for p in written}) == 2


def test_failure_messages_read_like_the_check() -> None:
    assert grade.failure_message("AssertionError", "Câu 2: sai dấu.\nchi tiết") == "Câu 2: sai dấu."
    assert grade.failure_message("NameError", "name 'square' is not defined").startswith("chưa có `square`")
    assert grade.failure_message("ZeroDivisionError", "division by zero") == "ZeroDivisionError: division by zero"
    assert grade.failure_message("AssertionError", "") == "AssertionError (không có thông báo)"


# --- the guard, in this process ----------------------------------------------------------------------

def test_guard_puts_back_and_reapplies(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("goi_gia")
    exec("def helper(x):\n    return x + 1\nTOLERANCE = 1e-9", fake.__dict__)
    monkeypatch.setitem(sys.modules, "goi_gia", fake)
    ns: dict[str, object] = {}
    g = guard.Guard(ns, None, {"goi_gia", "math"})
    original_isclose = math.isclose
    try:
        monkeypatch.setattr(math, "isclose", lambda *a, **k: True)
        fake.TOLERANCE = 1.0
        fake.helper.__code__ = (lambda x: 0).__code__
        ns["abs"] = lambda x: 0
        g.before()
        assert math.isclose is original_isclose and fake.TOLERANCE == 1e-9 and fake.helper(1) == 2
        assert "abs" not in ns
        flags = json.loads(g.report())
        assert "math.isclose" in flags and "goi_gia.helper.__code__" in flags
        ns["x"] = 5  # what a check defines stays
        g.after()
        assert math.isclose is not original_isclose and fake.TOLERANCE == 1.0 and fake.helper(1) == 0
        assert ns["abs"](3) == 0 and ns["x"] == 5
    finally:
        g.before()  # leave math as it was for the other tests


def test_guard_removes_methods_added_over_a_base_class(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("goi_lop")
    exec("class Base:\n    def same(self, other):\n        return False\nclass Child(Base):\n    pass", fake.__dict__)
    monkeypatch.setitem(sys.modules, "goi_lop", fake)
    g = guard.Guard({}, None, {"goi_lop"})
    fake.Child.same = lambda self, other: True
    fake.Child.cache = {}  # a new name that hides nothing stays
    g.before()
    assert fake.Child().same(1) is False and hasattr(fake.Child, "cache")
    g.after()
    assert fake.Child().same(1) is True


def test_guard_stops_a_trace_function_during_the_check() -> None:
    g = guard.Guard({}, None, {"math"})
    seen = []
    previous = sys.gettrace()

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        seen.append(event)
        return None
    sys.settrace(tracer)
    try:
        g.before()
        assert sys.gettrace() is None and "sys.settrace" in g.report()
        g.after()
        assert sys.gettrace() is tracer
    finally:
        sys.settrace(previous)


def test_grade_restores_locked_cells_in_a_notebook() -> None:
    sol = fx.solution()
    sub = fx.solution()
    target = next(c for c in sub.cells if "locked" in c.metadata.get("tags", []))
    target.source = "# Bộ chấm: hàm kiểm tra dùng chung (không chứa lời giải)\ndef relative_error(a, b):\n    return 0"
    target.metadata = {}
    assert grade.restore_locked(sub, sol) == []
    assert any(c.source == fx.LOCKED for c in sub.cells)
