"""The grader on a whole class of small synthetic submissions: honest, broken and hostile ones.

One class folder is graded once (two jobs in parallel, a short timeout); each test reads its rows.
"""

from __future__ import annotations

import copy
import csv
import json
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from coursekit import grade, labs
from coursekit.grading import worker
from tests import grading_fixtures as fx

TIMEOUT_S = 4.0
AST_ATTACK = """import ast
class DropAsserts(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()
get_ipython().ast_transformers.append(DropAsserts())"""
LIBRARY_ATTACK = """import math, builtins
math.isclose = lambda *a, **k: True
builtins.abs = lambda x: 0
isinstance = lambda *a, **k: True
def relative_error(a, b):
    return 0.0"""


def class_folder(root: Path) -> dict[str, bytes | str | nbformat.NotebookNode]:
    sol = fx.solution()
    wrong = fx.with_answers(q1="return 0", q2="return 5.0", q3="return x // 2")
    no_check_2 = copy.deepcopy(sol)
    no_check_2.cells = [c for c in no_check_2.cells if c.get("metadata", {}).get("lab", {}).get("question") != "2"]
    edited_check = fx.with_answers(q1="return 0")
    next(c for c in edited_check.cells if c.metadata.get("lab", {}).get("question") == "1").source = \
        "print('Câu 1: đúng!')"
    skip = fx.blank()
    for cell in skip.cells:
        if labs.CHECK_TAG in cell.metadata.get("tags", []):
            cell.metadata["tags"].append("skip-execution")
    victim = root / "nan_nhan.ipynb"
    big = copy.deepcopy(sol)
    big.cells[1].outputs = [nbformat.v4.new_output("stream", text="x" * 300_000)]
    return {
        "dung.ipynb": sol,
        "de_trong.ipynb": fx.blank(),
        "sai_cau_2.ipynb": fx.with_answers(q2="return float(a + b)"),
        "vong_lap.ipynb": fx.prepend(sol, "while True:\n    pass"),
        "vong_lap_cau_2.ipynb": fx.insert_after_answer(sol, "2", "while True:\n    pass"),
        "bo_qua_sigint.ipynb": fx.prepend(sol, "import signal, subprocess\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                               "subprocess.Popen(['sleep', '987'])\nwhile True:\n    pass"),
        "os_exit.ipynb": fx.insert_after_answer(sol, "2", "import os\nos._exit(3)"),
        "hong.ipynb": b'{"cells": [',
        "rong.ipynb": b"",
        "metadata_chuoi.ipynb": fx.string_metadata(sol),
        "custom_exc.ipynb": fx.prepend(fx.blank(), "get_ipython().set_custom_exc((Exception,), lambda *a, **k: None)"),
        "showtraceback.ipynb": fx.prepend(fx.blank(), "ip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
                                                       "ip._showtraceback = lambda *a, **k: None"),
        "skip_execution.ipynb": skip,
        "va_thu_vien.ipynb": fx.prepend(wrong, LIBRARY_ATTACK),
        "bien_doi_ast.ipynb": fx.prepend(wrong, AST_ATTACK),
        "nan_nhan.ipynb": sol,
        "pha_hoai.ipynb": fx.prepend(sol, "import glob\nfor p in glob.glob('*.ipynb'):\n    open(p, 'w').write('{}')\n"
                                          f"open('dung.ipynb', 'w').write('hỏng')\nopen({str(victim)!r}, 'w').write('hỏng')"),
        "Nguyễn Văn An.ipynb": sol,
        "nguyen_van_an/bai.ipynb": fx.blank(),
        "Tran Thi B_123_assignsubmission_file_/Lab 99.IPYNB": sol,
        "mat_metadata.ipynb": fx.strip_metadata(sol),
        "thieu_o_kiem_tra.ipynb": no_check_2,
        "sua_o_kiem_tra.ipynb": edited_check,
        "qua_lon.ipynb": big,
        "in_qua_nhieu.ipynb": fx.prepend(sol, "for _ in range(100):\n    print('x' * 100_000)"),
    }


def write_file(path: Path, content: bytes | str | nbformat.NotebookNode) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(nbformat.writes(content), encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("lop")
    folder = root / "bai_nop"
    folder.mkdir()
    for rel, content in class_folder(folder).items():
        write_file(folder / rel, content)
    original_victim = (folder / "nan_nhan.ipynb").read_bytes()
    solution = fx.write(fx.solution(), root / "solutions" / "lab99_thu.ipynb")
    printed: list[str] = []
    options = grade.Options(timeout_s=TIMEOUT_S, jobs=2, max_output_mb=0.5, max_file_mb=0.2,
                            feedback=root / "phan_hoi", plot=root / "lop.png", say=printed.append)
    out = root / "diem.csv"
    start = time.monotonic()
    code = grade.command(solution, folder, out, options)
    seconds = time.monotonic() - start
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["bai_nop"]: r for r in csv.DictReader(fh)}
    return {"rows": rows, "printed": printed, "code": code, "out": out, "folder": folder, "root": root,
            "solution": solution, "options": options, "victim": original_victim, "seconds": seconds}


def points(row: dict[str, str]) -> list[int]:
    return [int(row[f"cau_{q}_{p}d"]) for q, (p, _) in fx.CHECKS.items()]


@pytest.mark.parametrize("name, expected, status", [
    ("dung.ipynb", [2, 3, 1], "ok"),
    ("de_trong.ipynb", [0, 0, 0], "ok"),
    ("sai_cau_2.ipynb", [2, 0, 1], "ok"),
    ("vong_lap.ipynb", [0, 0, 0], "timeout"),
    ("vong_lap_cau_2.ipynb", [2, 0, 0], "timeout"),
    ("bo_qua_sigint.ipynb", [0, 0, 0], "timeout"),
    ("os_exit.ipynb", [2, 0, 0], "kernel died"),
    ("metadata_chuoi.ipynb", [2, 3, 1], "ok"),
    ("custom_exc.ipynb", [0, 0, 0], "ok"),
    ("showtraceback.ipynb", [0, 0, 0], "ok"),
    ("skip_execution.ipynb", [0, 0, 0], "ok"),
    ("va_thu_vien.ipynb", [0, 0, 0], "ok"),
    ("bien_doi_ast.ipynb", [0, 0, 0], "ok"),
    ("nan_nhan.ipynb", [2, 3, 1], "ok"),
    ("pha_hoai.ipynb", [2, 3, 1], "ok"),
    ("Tran Thi B_123_assignsubmission_file_/Lab 99.IPYNB", [2, 3, 1], "ok"),
    ("mat_metadata.ipynb", [2, 3, 1], "ok"),
    ("thieu_o_kiem_tra.ipynb", [2, 3, 1], "missing check"),
    ("sua_o_kiem_tra.ipynb", [0, 3, 1], "ok"),
    ("in_qua_nhieu.ipynb", [0, 0, 0], "output limit"),
    ("hong.ipynb", [0, 0, 0], "unreadable"),
    ("rong.ipynb", [0, 0, 0], "unreadable"),
    ("qua_lon.ipynb", [0, 0, 0], "too large"),
])
def test_each_submission_scores_what_it_earned(graded: dict, name: str, expected: list[int], status: str) -> None:
    row = graded["rows"][name]
    assert (points(row), row["trang_thai"]) == (expected, status), row
    assert int(row["tong"]) == sum(expected) and row["toi_da"] == "6"


def test_every_file_has_a_row_and_ungraded_ones_fail_the_command(graded: dict) -> None:
    on_disk = {p.relative_to(graded["folder"]).as_posix() for p in graded["folder"].rglob("*") if p.is_file()}
    assert set(graded["rows"]) == on_disk
    assert graded["code"] == 1
    listed = "\n".join(graded["printed"])
    assert "KHÔNG chấm được 3 tệp" in listed and "hong.ipynb: unreadable" in listed and "qua_lon.ipynb" in listed


def test_failures_carry_the_checks_vietnamese_message(graded: dict) -> None:
    rows = graded["rows"]
    assert rows["sai_cau_2.ipynb"]["loi_cau_2"] == "Câu 2: hypot(3, 4) phải bằng 5."
    assert "bạn chưa viết lời giải" in rows["de_trong.ipynb"]["loi_cau_1"]
    assert rows["vong_lap_cau_2.ipynb"]["loi_cau_3"] == "hết thời gian trước khi tới ô kiểm tra này"
    assert "hết thời gian" in rows["vong_lap_cau_2.ipynb"]["loi_cau_2"]
    assert "kernel" in rows["os_exit.ipynb"]["loi_cau_2"]
    assert rows["hong.ipynb"]["ghi_chu"].startswith("không phải JSON")
    assert rows["rong.ipynb"]["ghi_chu"] == "tệp rỗng"
    assert "thiếu ô kiểm tra câu 2" in rows["thieu_o_kiem_tra.ipynb"]["ghi_chu"]


def test_cheats_are_flagged_for_review(graded: dict) -> None:
    rows = graded["rows"]
    assert "set_custom_exc" in rows["custom_exc.ipynb"]["can_xem"]
    assert "IPython.shell.CustomTB" in rows["custom_exc.ipynb"]["can_xem"]
    assert "showtraceback" in rows["showtraceback.ipynb"]["can_xem"]
    assert "skip-execution" in rows["skip_execution.ipynb"]["can_xem"]
    assert "math.isclose" in rows["va_thu_vien.ipynb"]["can_xem"]
    assert "builtins.abs" in rows["va_thu_vien.ipynb"]["can_xem"]
    assert "IPython.ast_transformers" in rows["bien_doi_ast.ipynb"]["can_xem"]
    assert "ô kiểm tra câu 1 bị sửa" in rows["sua_o_kiem_tra.ipynb"]["can_xem"]
    for honest in ("dung.ipynb", "nan_nhan.ipynb", "mat_metadata.ipynb", "metadata_chuoi.ipynb"):
        assert rows[honest]["can_xem"] == "", (honest, rows[honest]["can_xem"])


def test_no_submission_can_touch_another(graded: dict) -> None:
    folder, root = graded["folder"], graded["root"]
    assert json.loads((folder / "dung.ipynb").read_text(encoding="utf-8"))["cells"], "a cwd write reached the folder"
    printed = "\n".join(graded["printed"])
    assert "nan_nhan.ipynb đã bị thay đổi trong lúc chấm" in printed
    assert (root / "diem_ban_goc" / "nan_nhan.ipynb").read_bytes() == graded["victim"]
    assert (folder / "nan_nhan.ipynb").read_bytes() == graded["victim"], "the overwritten file was not put back"


def test_kernels_and_their_children_are_gone(graded: dict) -> None:
    leftovers = [p.info for p in psutil.process_iter(["pid", "cmdline"])
                 if p.info["cmdline"] and p.info["cmdline"][:2] == ["sleep", "987"]]
    assert not leftovers


def test_looping_submissions_cost_about_their_timeout(graded: dict) -> None:
    rows = graded["rows"]
    for name in ("vong_lap.ipynb", "bo_qua_sigint.ipynb"):
        assert TIMEOUT_S <= float(rows[name]["thoi_gian_s"]) < TIMEOUT_S + 20


def test_students_duplicates_and_summary(graded: dict) -> None:
    rows, printed = graded["rows"], "\n".join(graded["printed"])
    assert rows["nguyen_van_an/bai.ipynb"]["hoc_vien"] == "nguyen_van_an"
    assert rows["Tran Thi B_123_assignsubmission_file_/Lab 99.IPYNB"]["hoc_vien"] == "Tran Thi B"
    assert "có thể là cùng một học viên: Nguyễn Văn An.ipynb, nguyen_van_an/bai.ipynb" in printed
    same = next(line for line in graded["printed"] if "giống hệt nhau từng byte" in line)
    assert "Nguyễn Văn An.ipynb" in same and "dung.ipynb, nan_nhan.ipynb" in same
    assert "Tỉ lệ đạt từng câu:" in printed and "trung vị" in printed
    assert any(line.startswith("[") and "dung.ipynb … 6/6 (ok)" in line for line in graded["printed"])
    assert (graded["root"] / "lop.png").stat().st_size > 1000


def test_csv_has_a_bom_and_feedback_files_are_vietnamese(graded: dict) -> None:
    assert graded["out"].read_bytes().startswith(b"\xef\xbb\xbf")
    text = (graded["root"] / "phan_hoi" / "sai_cau_2.md").read_text(encoding="utf-8")
    assert "**Điểm: 3/6**" in text and "| 2 | 0/3 | chưa đạt: Câu 2: hypot(3, 4) phải bằng 5. |" in text
    assert (graded["root"] / "phan_hoi" / "Tran_Thi_B.md").exists()


def test_rerun_resumes_and_only_regrades_one(graded: dict) -> None:
    printed: list[str] = []
    options = copy.copy(graded["options"])
    options.say, options.feedback, options.plot = printed.append, None, None
    grade.grade_folder(graded["solution"], graded["folder"], graded["out"], options)
    graded_now = [line for line in printed if line.startswith("[")]
    assert graded_now == [line for line in graded_now if "unreadable" in line or "too large" in line]
    printed.clear()
    options.only = ["Nguyễn Văn An.ipynb"]
    outcome = grade.grade_folder(graded["solution"], graded["folder"], graded["out"], options)
    assert [line.split(" … ")[0] for line in printed if line.startswith("[")] == ["[1/1] Nguyễn Văn An.ipynb"]
    assert len(outcome.rows) == len(graded["rows"])


def test_the_kernel_sees_an_empty_folder_and_no_repository(tmp_path: Path) -> None:
    root = str(Path(grade.paths.ROOT))
    probe = f"""
import os, sys
assert sorted(n for n in os.listdir('.') if not n.startswith('.')) == ['bai_nop.ipynb', 'tmp'], os.listdir('.')
assert {root!r} not in os.getcwd()
assert not any({root!r} in v for v in os.environ.values()), 'repository path in the environment'
assert not os.path.exists('solutions') and not os.path.exists('../solutions')
try:
    bytearray(6 * 2 ** 30)
except MemoryError:
    pass
else:
    raise AssertionError('no memory limit')
"""
    job = {"steps": [{"kind": "check", "source": probe, "question": "1"}], "locked": [], "modules": ["math"],
           "copy_name": "bai_nop.ipynb",
           "limits": {"timeout_s": 30, "max_output": 10 ** 6, "memory_bytes": 2 ** 31, "file_bytes": 2 ** 30,
                      "threads": 1}}
    (tmp_path / "job.json").write_text(json.dumps(job), encoding="utf-8")
    (tmp_path / "submission").write_text("{}", encoding="utf-8")
    result = worker.grade_job(tmp_path)
    assert result["checks"]["1"] == {"ran": True, "reply": "ok", "errors": [], "guard": True}, result
    assert not psutil.pid_exists(int((tmp_path / "kernel.pid").read_text())) or \
        psutil.Process(int((tmp_path / "kernel.pid").read_text())).status() == psutil.STATUS_ZOMBIE
