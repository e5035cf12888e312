"""What the instructor gets: the CSV (UTF-8 with BOM, written row by row), feedback files, the class summary."""

from __future__ import annotations

import csv
import os
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .notebook import Lab

# Statuses where the submission could not be graded at all (non-zero exit of the command).
UNGRADED = ("unreadable", "too large", "kernel failed", "grader error")
STATUS_VI = {
    "ok": "đã chấm đủ", "missing check": "thiếu ô kiểm tra (đã đặt lại rồi chấm)", "timeout": "dừng vì hết thời gian",
    "kernel died": "kernel dừng đột ngột", "output limit": "dừng vì in ra quá nhiều",
    "unreadable": "không đọc được tệp", "too large": "tệp quá lớn", "kernel failed": "không khởi động được kernel",
    "grader error": "lỗi của bộ chấm",
}


@dataclass
class Row:
    """One graded file: a CSV row and a feedback file."""

    student: str
    rel: str
    scores: dict[str, int]
    status: str
    notes: list[str] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)  # question -> first line of the failure
    flags: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sha256: str = ""
    fingerprint: str = ""

    @property
    def total(self) -> int:
        return sum(self.scores.values())

    @property
    def graded(self) -> bool:
        return self.status not in UNGRADED


def header(lab: Lab) -> list[str]:
    return ["hoc_vien", "bai_nop", *[f"cau_{q.id}_{q.points}d" for q in lab.questions], "tong", "toi_da",
            "trang_thai", "ghi_chu", *[f"loi_cau_{q.id}" for q in lab.questions], "can_xem", "thoi_gian_s",
            "sha256", "bo_cham"]


def to_csv(row: Row, lab: Lab) -> list[str]:
    return [row.student, row.rel, *[str(row.scores.get(q.id, 0)) for q in lab.questions], str(row.total),
            str(lab.max_points), row.status, "; ".join(row.notes),
            *[row.messages.get(q.id, "") for q in lab.questions], "; ".join(row.flags), f"{row.seconds:.1f}",
            row.sha256, row.fingerprint]


def from_csv(values: dict[str, str], lab: Lab) -> Row:
    def split(text: str) -> list[str]:
        return [t for t in text.split("; ") if t]
    scores = {q.id: int(values.get(f"cau_{q.id}_{q.points}d") or 0) for q in lab.questions}
    messages = {q.id: values[f"loi_cau_{q.id}"] for q in lab.questions if values.get(f"loi_cau_{q.id}")}
    return Row(values["hoc_vien"], values["bai_nop"], scores, values["trang_thai"], split(values["ghi_chu"]),
               messages, split(values["can_xem"]), float(values.get("thoi_gian_s") or 0), values["sha256"],
               values["bo_cham"])


class CsvLog:
    """The grades file, kept valid on disk after every finished submission."""

    def __init__(self, path: Path, lab: Lab) -> None:
        self.path, self.lab = path, lab

    def existing(self) -> dict[str, Row]:
        """Rows of an earlier run of the same lab (empty when there is none)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return {}
        with self.path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames != header(self.lab):
                raise ValueError(f"{self.path} được ghi cho một bài khác (các cột không khớp): hãy dùng --restart "
                                 "để chấm lại từ đầu, hoặc chọn tệp khác với --out")
            return {r["bai_nop"]: from_csv(r, self.lab) for r in reader}

    def rewrite(self, rows: list[Row]) -> None:
        """Write the whole file at once (a temporary file, then a rename)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header(self.lab))
            writer.writerows(to_csv(r, self.lab) for r in rows)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)

    def append(self, row: Row) -> None:
        with self.path.open("a", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerow(to_csv(row, self.lab))
            fh.flush()
            os.fsync(fh.fileno())


# --- feedback ------------------------------------------------------------------------------------

def safe_name(text: str) -> str:
    return re.sub(r"[\\/:*?\"<>|\s]+", "_", text).strip("._") or "hoc_vien"


def cell_text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def feedback(row: Row, lab: Lab) -> str:
    lines = [f"# Phản hồi: {lab.title}", "", f"Học viên: **{row.student}** · tệp `{row.rel}`", ""]
    if not row.graded:
        lines += [f"**Chưa chấm được bài của bạn:** {STATUS_VI.get(row.status, row.status)}. "
                  + (" ".join(row.notes) if row.notes else ""),
                  "", "Hãy liên hệ giảng viên và gửi lại tệp `.ipynb` (trên Colab: File → Download → Download .ipynb)."]
        return "\n".join(lines) + "\n"
    lines += [f"**Điểm: {row.total}/{lab.max_points}** · {STATUS_VI.get(row.status, row.status)}", "",
              "| Câu | Điểm | Kết quả |", "|---|---:|---|"]
    for q in lab.questions:
        got = row.scores.get(q.id, 0)
        verdict = "đạt" if got == q.points else "chưa đạt: " + cell_text(row.messages.get(q.id, ""))
        lines.append(f"| {q.id} | {got}/{q.points} | {verdict} |")
    if row.notes:
        lines += ["", "Ghi chú: " + "; ".join(row.notes) + "."]
    lines += ["", "Với câu chưa đạt: mở lại notebook, sửa lời giải, chạy lại ô kiểm tra của câu đó và đọc thông báo "
              "ngay dưới ô. Bộ chấm chạy lại cả notebook từ đầu trong một phiên mới, nên mã phải chạy được theo thứ "
              "tự từ trên xuống (Runtime → Run all)."]
    return "\n".join(lines) + "\n"


def write_feedback(rows: list[Row], lab: Lab, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    counts = Counter(safe_name(r.student) for r in rows)
    written = []
    for row in rows:
        name = safe_name(row.student)
        if counts[name] > 1:
            name = safe_name(f"{row.student}__{row.rel}")
        path = folder / f"{name}.md"
        path.write_text(feedback(row, lab), encoding="utf-8")
        written.append(path)
    return written


# --- class summary ---------------------------------------------------------------------------------

def histogram(totals: list[int], maximum: int, width: int = 30) -> list[str]:
    step = max(1, -(-maximum // 15))
    bins = Counter(min(t // step, maximum // step) for t in totals)
    top = max(bins.values(), default=1)
    lines = []
    for b in range(maximum // step + 1):
        low, high = b * step, min(b * step + step - 1, maximum)
        label = f"{low:>3}" if step == 1 else f"{low:>3}–{high:<3}"
        lines.append(f"  {label} | {'█' * round(width * bins[b] / top) if bins[b] else ''} {bins[b] or ''}".rstrip())
    return lines


def summary(rows: list[Row], lab: Lab) -> str:
    graded = [r for r in rows if r.graded]
    out = [f"Tổng kết lớp — {lab.title}: {len(rows)} tệp, {len(graded)} bài chấm được, điểm tối đa {lab.max_points}"]
    if graded:
        totals = [r.total for r in graded]
        out.append(f"Trung bình {statistics.mean(totals):.2f} · trung vị {statistics.median(totals):g} · "
                   f"thấp nhất {min(totals)} · cao nhất {max(totals)}")
        out.append("Tỉ lệ đạt từng câu:")
        for q in lab.questions:
            passed = sum(r.scores.get(q.id, 0) == q.points for r in graded)
            out.append(f"  Câu {q.id} ({q.points} điểm): {passed}/{len(graded)} ({100 * passed / len(graded):.0f}%)")
        out.append("Phân bố tổng điểm (số bài):")
        out += histogram(totals, lab.max_points)
    counts = Counter(r.status for r in rows)
    out.append("Trạng thái: " + ", ".join(f"{s} {n}" for s, n in counts.most_common()))
    flagged = [r for r in rows if r.flags]
    if flagged:
        out.append(f"Cần xem lại ({len(flagged)} bài, xem cột can_xem): " + ", ".join(r.rel for r in flagged))
    return "\n".join(out)


def plot(rows: list[Row], lab: Lab, path: Path) -> None:
    """A PNG: the histogram of totals and the pass rate of each question."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    graded = [r for r in rows if r.graded]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    left.hist([r.total for r in graded], bins=range(0, lab.max_points + 2), color="#4878a8", edgecolor="white")
    left.set_title("Phân bố tổng điểm")
    left.set_xlabel(f"Tổng điểm (tối đa {lab.max_points})")
    left.set_ylabel("Số bài")
    rates = [100 * sum(r.scores.get(q.id, 0) == q.points for r in graded) / max(1, len(graded))
             for q in lab.questions]
    right.bar([f"Câu {q.id}" for q in lab.questions], rates, color="#58a868")
    right.set_ylim(0, 100)
    right.set_title("Tỉ lệ đạt từng câu")
    right.set_ylabel("% số bài đạt")
    fig.suptitle(f"{lab.title} — {len(graded)} bài")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)

