"""Grade a folder of submitted lab notebooks against the solution's check cells.

Each file gets one row (``coursekit.grading.report``). A submission is read leniently and planned
(``coursekit.grading.notebook``: check cells and ``locked`` cells put back whole from the solution,
missing ones put back in place), then run by a worker process in a fresh kernel in an empty temporary
folder under a wall-clock limit (``coursekit.grading.worker``), with the guard of
``coursekit.grading.guard`` putting library functions and IPython's hooks back before each check.
A question earns its points only if its check cell ran in this run, the kernel replied ``ok`` and no
error was published for it. Rows are appended to the CSV as submissions finish, so a rerun resumes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from . import labs, nbio, paths
from .grading import files, notebook, report, worker
from .grading.report import Row

WORKER_MARGIN_S = 30  # beyond --timeout: kernel start and clean-up, before the worker itself is killed


@dataclass
class Options:
    timeout_s: float = 180.0
    jobs: int = 1
    max_output_mb: float = 10.0
    memory_mb: int = 4096
    max_file_mb: float = 50.0
    only: list[str] = field(default_factory=list)
    restart: bool = False
    feedback: Path | None = None
    plot: Path | None = None
    say: Callable[[str], None] = print


@dataclass
class Outcome:
    rows: list[Row]
    ungraded: list[Row]
    duplicates: list[list[str]]
    identical: list[list[str]]
    changed_on_disk: list[str]


# --- one submission ------------------------------------------------------------------------------

def failure_message(ename: str, evalue: str) -> str:
    """The first line of a failed check's message, as the student would read it."""
    line = next((ln.strip() for ln in evalue.split("\n") if ln.strip()), "")
    if ename == "NameError" and "'" in line:
        name = line.split("'")[1]
        return f"chưa có `{name}`: ô định nghĩa nó chưa chạy hoặc bị lỗi"
    if not line:
        return f"{ename} (không có thông báo)"
    text = line if line.startswith("Câu") else f"{ename}: {line}"
    return text if len(text) <= 240 else text[:239] + "…"


NOT_REACHED = {
    "timeout": "hết thời gian trước khi tới ô kiểm tra này",
    "kernel died": "kernel đã dừng trước ô kiểm tra này",
    "output limit": "bài in ra quá nhiều nên bị dừng trước ô kiểm tra này",
}
STOPPED_DURING = {
    "timeout": "hết thời gian khi đang chạy ô kiểm tra này",
    "kernel died": "kernel dừng đột ngột khi đang chạy ô kiểm tra này",
    "output limit": "in ra quá nhiều khi đang chạy ô kiểm tra này",
}


def score(row: Row, result: dict[str, Any], lab: notebook.Lab) -> None:
    status = result["status"]
    for q in lab.questions:
        check = result["checks"].get(q.id)
        passed = (check is not None and check["ran"] and check["reply"] == "ok" and not check["errors"]
                  and check["guard"])
        row.scores[q.id] = q.points if passed else 0
        if passed:
            continue
        if check is None:
            row.messages[q.id] = NOT_REACHED.get(status, "ô kiểm tra không được chạy")
        elif not check["ran"]:
            row.messages[q.id] = STOPPED_DURING.get(status, "ô kiểm tra không chạy xong")
        elif not check["guard"]:
            row.messages[q.id] = "bộ chấm không dựng lại được môi trường trước ô kiểm tra (mã của bài đã sửa hệ thống?)"
        elif check["errors"]:
            row.messages[q.id] = failure_message(*check["errors"][0])
        else:
            row.messages[q.id] = f"ô kiểm tra kết thúc với trạng thái '{check['reply']}'"


def status_note(status: str, options: Options, detail: str) -> str | None:
    return {
        "timeout": f"dừng sau {options.timeout_s:g} s (--timeout); các câu chưa chạy tới được 0 điểm",
        "kernel died": "kernel dừng đột ngột (os._exit, hết bộ nhớ, hoặc lỗi nặng); các câu sau đó được 0 điểm",
        "output limit": f"in ra quá {options.max_output_mb:g} MB; các câu chưa chạy tới được 0 điểm",
        "kernel failed": f"không khởi động được kernel: {detail}",
        "grader error": f"lỗi của bộ chấm: {detail}",
    }.get(status)


def run_worker(job_dir: Path, options: Options, running: set[subprocess.Popen[bytes]]) -> dict[str, Any]:
    """Run the worker process on a prepared job folder; always leave no process behind."""
    env = dict(os.environ, PYTHONPATH=str(paths.ROOT))
    with (job_dir / "worker.log").open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "coursekit.grading.worker", str(job_dir)], cwd=job_dir,
                                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    running.add(proc)
    try:
        proc.wait(timeout=options.timeout_s + worker.KERNEL_START_S + WORKER_MARGIN_S)
    except subprocess.TimeoutExpired:
        worker.kill_tree(proc.pid)
        proc.wait()
    finally:
        running.discard(proc)
        kill_kernel(job_dir)
    result_file = job_dir / "result.json"
    if not result_file.exists():
        tail = (job_dir / "worker.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        return {"status": "grader error", "detail": f"worker exited with {proc.returncode}: {' | '.join(tail)}",
                "checks": {}, "flags": [], "seconds": 0.0}
    return json.loads(result_file.read_text(encoding="utf-8"))


def kill_kernel(job_dir: Path) -> None:
    """The worker kills its kernel; if the worker itself was killed, do it here (checked by command line)."""
    pid_file = job_dir / "kernel.pid"
    if not pid_file.exists():
        return
    try:
        import psutil
        pid = int(pid_file.read_text())
        if str(job_dir / "kernel.json") in " ".join(psutil.Process(pid).cmdline()):
            worker.kill_tree(pid)
    except Exception:  # already gone (the usual case), or not ours
        pass


def grade_submission(sub: files.Submission, data: bytes | None, lab: notebook.Lab, options: Options,
                     running: set[subprocess.Popen[bytes]]) -> Row:
    row = Row(sub.student, sub.rel, {q.id: 0 for q in lab.questions}, "ok", fingerprint=lab.fingerprint)
    if data is None:
        row.status = "too large"
        row.notes.append(f"tệp lớn hơn {options.max_file_mb:g} MB")
        return row
    row.sha256 = hashlib.sha256(data).hexdigest()[:16]
    try:
        plan = notebook.plan(notebook.read_cells(data), lab)
    except notebook.Unreadable as exc:
        row.status = "unreadable"
        row.notes.append(str(exc))
        return row
    job_dir = Path(tempfile.mkdtemp(prefix="cham_viec_"))
    try:
        job = {"steps": [s.as_json() for s in plan.steps], "locked": list(lab.locked), "modules": list(lab.modules),
               "copy_name": "bai_nop.ipynb",
               "limits": {"timeout_s": options.timeout_s, "max_output": int(options.max_output_mb * 1e6),
                          "memory_bytes": options.memory_mb * 2 ** 20, "file_bytes": 2 ** 30,
                          "threads": max(1, (os.cpu_count() or 1) // max(1, options.jobs))}}
        (job_dir / "job.json").write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        (job_dir / "submission").write_bytes(data)
        result = run_worker(job_dir, options, running)
    finally:
        shutil.rmtree(job_dir, ignore_errors=True)
    score(row, result, lab)
    row.status = result["status"]
    if row.status == "ok" and plan.missing_checks:
        row.status = "missing check"
    row.notes += plan.notes
    note = status_note(result["status"], options, result.get("detail", ""))
    if note:
        row.notes.append(note)
    row.flags = plan.flags + ([f"đã đặt lại trước ô kiểm tra: {', '.join(result['flags'])}"] if result["flags"] else [])
    row.seconds = float(result.get("seconds", 0.0))
    return row


def safe_grade(sub: files.Submission, data: bytes | None, lab: notebook.Lab, options: Options,
               running: set[subprocess.Popen[bytes]]) -> Row:
    """grade_submission, but a failure of the grader itself becomes this file's row, not the run's end."""
    try:
        return grade_submission(sub, data, lab, options, running)
    except Exception as exc:  # reported in the row (status 'grader error'); the other files go on
        row = Row(sub.student, sub.rel, {q.id: 0 for q in lab.questions}, "grader error", fingerprint=lab.fingerprint)
        row.notes.append(f"lỗi của bộ chấm: {type(exc).__name__}: {exc}")
        return row


# --- a folder --------------------------------------------------------------------------------------

def read_all(subs: list[files.Submission], max_bytes: int) -> dict[str, bytes | None]:
    """Every file's bytes, read before any kernel starts (None: over the size limit)."""
    out: dict[str, bytes | None] = {}
    for sub in subs:
        try:
            out[sub.rel] = None if sub.path.stat().st_size > max_bytes else sub.path.read_bytes()
        except OSError:
            out[sub.rel] = b""
    return out


def identical_files(data: dict[str, bytes | None]) -> list[list[str]]:
    """Groups of files with the very same bytes (one student's file handed in twice, or a copy)."""
    groups: dict[str, list[str]] = {}
    for rel, blob in data.items():
        if blob:
            groups.setdefault(hashlib.sha256(blob).hexdigest(), []).append(rel)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def changed_files(subs: list[files.Submission], data: dict[str, bytes | None], backup: Path) -> list[str]:
    """Files that changed on disk during grading (a submission wrote there): put the original bytes back,
    and keep a copy of them under ``backup``."""
    changed = []
    for sub in subs:
        original = data.get(sub.rel)
        if original is None:
            continue
        try:
            same = sub.path.read_bytes() == original
        except OSError:
            same = False
        if not same:
            changed.append(sub.rel)
            target = backup / sub.rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(original)
            try:
                sub.path.write_bytes(original)
            except OSError:
                pass  # the copy under backup/ is still there
    return changed


def progress_line(k: int, n: int, row: Row, lab: notebook.Lab) -> str:
    return f"[{k}/{n}] {row.rel} … {row.total}/{lab.max_points} ({row.status}) {row.seconds:.0f} s"


def grade_folder(solution_path: Path, folder: Path, out_csv: Path, options: Options | None = None) -> Outcome:
    """Grade every file under ``folder``; the CSV is valid after each finished submission."""
    options = options or Options()
    lab = notebook.load_lab(solution_path)
    outputs = [out_csv, out_csv.with_name(out_csv.name + ".tmp"), backup_dir(out_csv)]
    outputs += [p for p in (options.feedback, options.plot) if p is not None]
    subs = files.discover(folder, outputs)
    if not subs:
        raise FileNotFoundError(f"thư mục {folder} không có tệp bài nộp nào")
    log = report.CsvLog(out_csv, lab)
    earlier = {} if options.restart else log.existing()
    data = read_all(subs, int(options.max_file_mb * 1e6))
    kept, todo = plan_work(subs, data, earlier, lab, options)
    log.rewrite(list(kept.values()))
    if kept:
        options.say(f"Giữ {len(kept)} dòng đã chấm trước đó (tệp không đổi); chấm {len(todo)} tệp.")
    rows = dict(kept)
    running: set[subprocess.Popen[bytes]] = set()
    pool = ThreadPoolExecutor(max_workers=max(1, options.jobs))
    try:
        futures = [pool.submit(safe_grade, s, data[s.rel], lab, options, running) for s in todo]
        for k, future in enumerate(as_completed(futures), 1):
            row = future.result()
            rows[row.rel] = row
            log.append(row)
            options.say(progress_line(k, len(todo), row, lab))
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list(running):
            worker.kill_tree(proc.pid)
        raise
    finally:
        pool.shutdown(wait=True)
    ordered = sorted(rows.values(), key=lambda r: (files.student_key(r.student), r.rel))
    log.rewrite(ordered)
    duplicates = [[s.rel for s in g] for g in files.duplicate_students(subs)]
    outcome = Outcome(ordered, [r for r in ordered if not r.graded], duplicates, identical_files(data),
                      changed_files(subs, data, backup_dir(out_csv)))
    if options.feedback is not None:
        report.write_feedback(ordered, lab, options.feedback)
    if options.plot is not None:
        report.plot(ordered, lab, options.plot)
    return outcome


def backup_dir(out_csv: Path) -> Path:
    return out_csv.with_name(out_csv.stem + "_ban_goc")


def plan_work(subs: list[files.Submission], data: dict[str, bytes | None], earlier: dict[str, Row],
              lab: notebook.Lab, options: Options) -> tuple[dict[str, Row], list[files.Submission]]:
    """Rows to keep from an earlier run, and the files to grade now."""
    if options.only:
        chosen = [s for s in subs if files.matches(s, options.only)]
        if not chosen:
            raise FileNotFoundError("không có bài nộp nào khớp --only " + ", ".join(options.only))
        names = {s.rel for s in chosen}
        kept = {rel: r for rel, r in earlier.items() if rel not in names and rel in data}
        return kept, chosen
    kept, todo = {}, []
    for sub in subs:
        old = earlier.get(sub.rel)
        blob = data[sub.rel]
        same_file = old is not None and blob is not None and old.sha256 == hashlib.sha256(blob).hexdigest()[:16]
        if old is not None and same_file and old.fingerprint == lab.fingerprint and old.status not in report.UNGRADED:
            kept[sub.rel] = old
        else:
            todo.append(sub)
    return kept, todo


# --- kept for the unit tests of the notebook-level helpers --------------------------------------

def restore_locked(submission: nbformat.NotebookNode, solution: nbformat.NotebookNode) -> list[str]:
    """Put back the solution's cells tagged 'locked' into ``submission`` (matched by first line, then tag)."""
    originals = [c for c in solution.cells if labs.LOCKED_TAG in nbio.tags(c)]
    cells = [notebook.clean_cell(c) for c in submission.cells]
    used: set[int] = set()
    missing = 0
    for original in originals:
        line = notebook.first_line(nbio.source(original))
        found = [i for i, c in enumerate(cells) if i not in used and line.startswith("#")
                 and notebook.first_line(c.source) == line] or \
                [i for i, c in enumerate(cells) if i not in used and labs.LOCKED_TAG in c.tags]
        if not found:
            missing += 1
            continue
        used.add(found[0])
        submission.cells[found[0]] = nbformat.from_dict(json.loads(json.dumps(original)))
        submission.cells[found[0]].pop("outputs", None)
        if original.cell_type == "code":
            submission.cells[found[0]].outputs = []
    return [f"thiếu {missing} ô khóa (locked)"] if missing else []


# --- the command line -------------------------------------------------------------------------------

def command(solution: Path, folder: Path, out_csv: Path, options: Options) -> int:
    """``python -m coursekit grade``: 0 when every file was graded, 1 otherwise, 2 on bad arguments."""
    start = time.monotonic()
    try:
        outcome = grade_folder(solution, folder, out_csv, options)
    except (FileNotFoundError, ValueError, labs.MarkerError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\nĐã dừng. Các bài đã chấm xong nằm trong {out_csv}; chạy lại đúng lệnh này để chấm tiếp.",
              file=sys.stderr)
        return 130
    lab = notebook.load_lab(solution)
    options.say("")
    options.say(report.summary(outcome.rows, lab))
    for group in outcome.duplicates:
        options.say(f"CẢNH BÁO: có thể là cùng một học viên: {', '.join(group)}")
    for group in outcome.identical:
        options.say(f"CẢNH BÁO: các tệp giống hệt nhau từng byte: {', '.join(group)}")
    for rel in outcome.changed_on_disk:
        options.say(f"CẢNH BÁO: tệp {rel} đã bị thay đổi trong lúc chấm (một bài nộp ghi vào thư mục bài nộp); "
                    f"đã chép lại bản gốc vào chỗ cũ, bản sao ở {backup_dir(out_csv) / rel}")
    options.say(f"Đã ghi {out_csv} ({len(outcome.rows)} dòng) sau {time.monotonic() - start:.0f} s.")
    if options.feedback is not None:
        options.say(f"Phản hồi cho từng học viên: {options.feedback}/")
    if options.plot is not None:
        options.say(f"Biểu đồ: {options.plot}")
    if outcome.ungraded:
        options.say(f"KHÔNG chấm được {len(outcome.ungraded)} tệp:")
        for row in outcome.ungraded:
            options.say(f"  {row.rel}: {row.status} — {'; '.join(row.notes)}")
        return 1
    return 0
