"""Finding the submitted files in a folder (LMS exports too) and naming their students."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

SKIPPED_DIRS = {"__MACOSX", ".ipynb_checkpoints", "__pycache__"}
# Moodle's "download all submissions": one folder per student, "Full Name_123456_assignsubmission_file_".
MOODLE_SUFFIX = re.compile(r"_\d+_assignsubmission_\w*$")


@dataclass(frozen=True)
class Submission:
    path: Path
    rel: str  # path relative to the submissions folder, with forward slashes
    student: str


def strip_extension(name: str) -> str:
    """'bai 1.ipynb' -> 'bai 1'; 'a.IPYNB.json' -> 'a'; 'notes.txt' -> 'notes'."""
    at = name.casefold().find(".ipynb")
    if at > 0:
        return name[:at]
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


def student_name(rel: str) -> str:
    """The top-level folder of a nested file (one folder per student), else the file name."""
    parts = rel.split("/")
    name = MOODLE_SUFFIX.sub("", parts[0]) if len(parts) > 1 else strip_extension(parts[0])
    return unicodedata.normalize("NFC", name.strip()) or rel


def student_key(name: str) -> str:
    """A spelling-proof key: 'Nguyễn Văn An', 'nguyen_van_an' and 'NGUYEN VAN AN' share one."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


def inside(path: Path, folders: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == f or f in resolved.parents for f in folders)


def discover(folder: Path, exclude: list[Path]) -> list[Submission]:
    """Every regular, non-hidden file under ``folder`` (subfolders too) except the grader's outputs."""
    if not folder.is_dir():
        raise FileNotFoundError(f"không có thư mục bài nộp {folder}")
    excluded = [p.resolve() for p in exclude]
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") or part in SKIPPED_DIRS for part in rel.parts):
            continue
        if path.is_symlink() or not path.is_file() or inside(path, excluded):
            continue
        found.append(Submission(path, rel.as_posix(), student_name(rel.as_posix())))
    return found


def duplicate_students(submissions: list[Submission]) -> list[list[Submission]]:
    """Groups of files that seem to belong to the same student."""
    groups: dict[str, list[Submission]] = defaultdict(list)
    for sub in submissions:
        groups[student_key(sub.student)].append(sub)
    return [g for g in groups.values() if len(g) > 1]


def matches(sub: Submission, names: list[str]) -> bool:
    """``--only NAME``: the relative path, the file name or the student, ignoring case and accents."""
    keys = {student_key(sub.rel), student_key(Path(sub.rel).name), student_key(sub.student),
            student_key(strip_extension(Path(sub.rel).name))}
    return any(student_key(n) in keys for n in names)
