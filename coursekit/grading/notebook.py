"""Reading a submitted notebook whatever it holds, and planning its grading run.

A submission is read leniently (nbformat 3 or 4, a UTF-8 BOM, string metadata, odd cell types); what
cannot be read at all raises :class:`Unreadable` with a Vietnamese reason for the instructor.

The plan is the list of code cells the kernel will run. Check cells are found by their metadata
(``lab.question``) or, when Colab or a copy-paste lost it, by the marker first line
``# Kiểm tra câu N (P điểm)`` (older wordings too), by the solution's exact first line, or by their
exact source. Every check cell and every cell tagged ``locked`` is put back whole from the solution;
missing ones are put back in their place (before the solution's next cell found in the submission, or
before the next check). Cells tagged ``self-score`` and markdown cells are not run.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from .. import labs, nbio

GRADER_VERSION = "2"
# "# Kiểm tra câu 3 (2 điểm)", and older wordings such as "# Ô kiểm tra Câu 1 — ..." or "# Kiểm tra Câu 2: ...".
MARKER = re.compile(r"^#\s*(?:ô\s+)?kiểm\s+tra\s+câu\s+([0-9a-z_.]*[0-9a-z])", re.IGNORECASE)
ALWAYS_GUARDED = ("math", "unittest.mock")
# Student code worth a look by the instructor: (pattern, Vietnamese label).
SUSPICIOUS = [
    (r"set_custom_exc|CustomTB|custom_exceptions", "thay cách IPython báo lỗi (set_custom_exc)"),
    (r"showtraceback|showsyntaxerror", "thay hàm in lỗi của IPython (showtraceback)"),
    (r"ast_transformers|input_transformers|input_transformer_manager", "biến đổi mã trước khi chạy"),
    (r"\bevents\s*\.\s*register", "gắn hàm vào sự kiện của IPython"),
    (r"__code__|__defaults__|__kwdefaults__|__closure__", "sửa mã của hàm có sẵn (__code__)"),
    (r"settrace|setprofile|sys\.monitoring", "cài hàm theo dõi (settrace)"),
    (r"sys\s*\.\s*modules|__builtins__|\bbuiltins\b", "sửa sys.modules hoặc builtins"),
    (r"\bctypes\b|\bgc\s*\.\s*get_(?:objects|referrers|referents)", "truy cập bộ nhớ của Python (ctypes, gc)"),
    (r"os\s*\.\s*_exit|os\s*\.\s*kill|killpg|getppid|signal\s*\.\s*signal|/proc/", "can thiệp tiến trình (os._exit, kill)"),
    (r"solutions[/\\'\"]|\.\./|loi_giai", "đọc tệp ngoài thư mục bài (solutions/, ../)"),
    (r"mock\s*\.\s*patch|patch\s*\.\s*object|monkeypatch", "thay hàm bằng mock.patch"),
    (labs.REGISTRY, f"ghi vào bảng tự chấm {labs.REGISTRY}"),
    (r"threading|_thread|multiprocessing", "chạy luồng hoặc tiến trình nền"),
    (r"\bsetattr\s*\(\s*(?:torch|np|numpy|math|F|nn)\b", "setattr lên thư viện"),
]


class Unreadable(Exception):
    """A file that is not a notebook the grader can run; the message is Vietnamese."""


@dataclass(frozen=True)
class Cell:
    kind: str
    source: str
    tags: tuple[str, ...] = ()
    question: str | None = None  # metadata lab.question when it is a string


@dataclass(frozen=True)
class Question:
    id: str
    points: int
    source: str


@dataclass(frozen=True)
class Lab:
    """What the grader needs from a solution notebook."""

    title: str
    questions: tuple[Question, ...]
    locked: tuple[str, ...]
    cells: tuple[Cell, ...]
    self_score: tuple[str, ...]  # first lines of the self-score cells (not run, even without their tag)
    modules: tuple[str, ...]
    fingerprint: str

    @property
    def max_points(self) -> int:
        return sum(q.points for q in self.questions)


@dataclass
class Step:
    kind: str  # "student", "check" or "locked"
    source: str
    question: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "source": self.source, "question": self.question}


@dataclass
class Plan:
    steps: list[Step]
    missing_checks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


# --- reading -------------------------------------------------------------------------------------

def decode(data: bytes) -> str:
    if not data.strip():
        raise Unreadable("tệp rỗng")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"không phải văn bản UTF-8 (byte lỗi ở vị trí {exc.start})") from None


def text_of(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(v for v in value if isinstance(v, str))
    return ""


def clean_cell(raw: dict[str, Any]) -> Cell:
    """One cell, whatever types its fields have."""
    kind = raw.get("cell_type")
    kind = kind if kind in ("code", "markdown", "raw") else "raw"
    meta = raw.get("metadata")
    meta = meta if isinstance(meta, dict) else {}
    tags = meta.get("tags")
    tags = (tags,) if isinstance(tags, str) else tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else ()
    lab = meta.get(labs.LAB_KEY)
    question = lab.get("question") if isinstance(lab, dict) else None
    return Cell(kind, text_of(raw.get("source", raw.get("input"))), tags,
                question if isinstance(question, str) else None)


def read_cells(data: bytes) -> list[Cell]:
    """The cells of a submitted notebook (any nbformat the library converts)."""
    text = decode(data)
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise Unreadable(f"không phải JSON của notebook ({exc.msg}, dòng {exc.lineno})") from None
    if not isinstance(obj, dict):
        raise Unreadable("không phải notebook (JSON không phải một đối tượng)")
    if not isinstance(obj.get("cells"), list):
        if obj.get("nbformat") == 4 or "worksheets" not in obj:
            raise Unreadable("không phải notebook (không có danh sách ô 'cells')")
        try:
            obj = nbformat.reads(text, as_version=4)
        except Exception as exc:
            raise Unreadable(f"notebook định dạng cũ không chuyển được ({type(exc).__name__})") from None
    return [clean_cell(c) for c in obj.get("cells", []) if isinstance(c, dict)]


# --- the solution ------------------------------------------------------------------------------

def import_nodes(sources: list[str]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of some cells (cells that do not parse are skipped)."""
    for text in sources:
        try:
            tree = ast.parse(text)
        except SyntaxError:
            continue
        yield from (n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)))


def imported_modules(sources: list[str]) -> list[str]:
    found: list[str] = []
    for node in import_nodes(sources):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif node.module and not node.level:
            found.append(node.module)
    if any(m.split(".")[0] == "torch" for m in found):
        found.append("torch.testing")
    if any(m.split(".")[0] == "numpy" for m in found):
        found.append("numpy.testing")
    return list(dict.fromkeys([*found, *ALWAYS_GUARDED]))


def title_of(first_cell: str, fallback: str) -> str:
    line = first_cell.strip().split("\n")[0].lstrip("# ").strip()
    line = line.removeprefix(labs.SOLUTION_TITLE.lstrip("# ")).strip()
    return line or fallback


def load_lab(path: Path) -> Lab:
    nb = nbio.read(path)
    found = labs.checks(nb, str(path))
    if not found:
        raise ValueError(f"{path}: không có ô kiểm tra nào (thẻ '{labs.CHECK_TAG}'): đây không phải bản lời giải "
                         "của một bài thực hành")
    cells = tuple(clean_cell(c) for c in nb.cells)
    questions = tuple(Question(c.question, c.points, nbio.source(nb.cells[c.cell])) for c in found)
    locked = tuple(c.source for c in cells if labs.LOCKED_TAG in c.tags)
    code = [c.source for c in cells if c.kind == "code"]
    key = json.dumps([GRADER_VERSION, [(q.id, q.points, q.source) for q in questions], locked])
    self_score = tuple(first_line(c.source) for c in cells if labs.SELF_SCORE_TAG in c.tags
                       and first_line(c.source).startswith("#"))
    return Lab(title_of(cells[0].source if cells else "", path.stem), questions, locked, cells, self_score,
               tuple(imported_modules(code)), hashlib.sha256(key.encode()).hexdigest()[:12])


# --- finding check and locked cells ------------------------------------------------------------

def first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def marker_question(text: str) -> str | None:
    match = MARKER.match(unicodedata.normalize("NFC", first_line(text)))
    return match.group(1).casefold() if match else None


def normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in unicodedata.normalize("NFC", text).strip().split("\n"))


def check_rank(cell: Cell, question: Question, unique_first: bool) -> int | None:
    """How surely ``cell`` is the check cell of ``question`` (0 surest), None when it is not."""
    if cell.question == question.id:
        return 0
    if cell.kind == "markdown" or labs.SELF_SCORE_TAG in cell.tags:
        return None
    if marker_question(cell.source) == question.id.casefold():
        return 1
    line = first_line(cell.source)
    if unique_first and line.startswith("#") and line == first_line(question.source):
        return 2
    if normal(cell.source) == normal(question.source):
        return 3
    return None


def assign_roles(cells: list[Cell], lab: Lab) -> dict[int, tuple[str, Any]]:
    """Cell index -> ("check", question id) or ("locked", n)."""
    roles: dict[int, tuple[str, Any]] = {}
    firsts = [first_line(q.source) for q in lab.questions]
    for question in lab.questions:
        unique = firsts.count(first_line(question.source)) == 1
        ranked = [(rank, i) for i, c in enumerate(cells) if i not in roles
                  and (rank := check_rank(c, question, unique)) is not None]
        if ranked:
            roles[min(ranked)[1]] = ("check", question.id)
    for n, source in enumerate(lab.locked):
        line = first_line(source)
        by_line = [i for i, c in enumerate(cells) if i not in roles and c.kind != "markdown"
                   and line.startswith("#") and first_line(c.source) == line]
        by_tag = [i for i, c in enumerate(cells) if i not in roles and labs.LOCKED_TAG in c.tags]
        if by_line or by_tag:
            roles[(by_line or by_tag)[0]] = ("locked", n)
    return roles


def special_order(lab: Lab) -> list[tuple[tuple[str, Any], int]]:
    """Check and locked roles in the solution's order, with their solution cell index."""
    order: list[tuple[tuple[str, Any], int]] = []
    ids = iter(q.id for q in lab.questions)
    locked = 0
    for i, cell in enumerate(lab.cells):
        if labs.CHECK_TAG in cell.tags and cell.kind == "code":
            order.append((("check", next(ids)), i))
        elif labs.LOCKED_TAG in cell.tags:
            order.append((("locked", locked), i))
            locked += 1
    return order


def insert_missing(seq: list[tuple[Cell, tuple[str, Any] | None]], lab: Lab) -> list[str]:
    """Put back missing check/locked cells in their place; return the question ids put back."""
    order = special_order(lab)
    put_back: list[str] = []

    def position(role: tuple[str, Any]) -> int | None:
        return next((i for i, (_, r) in enumerate(seq) if r == role), None)

    for k, (role, sol_index) in enumerate(order):
        if position(role) is not None:
            continue
        earlier = [p for r, _ in order[:k] if (p := position(r)) is not None]
        low = max(earlier, default=-1) + 1
        later = [p for r, _ in order[k + 1:] if (p := position(r)) is not None and p >= low]
        high = min(later, default=len(seq))
        nxt = order[k + 1][1] if k + 1 < len(order) else len(lab.cells)
        anchors = [normal(c.source) for c in lab.cells[sol_index + 1: nxt] if c.source.strip()]
        at = next((i for a in anchors for i in range(low, high) if normal(seq[i][0].source) == a), high)
        source = lab.questions[[q.id for q in lab.questions].index(role[1])].source if role[0] == "check" \
            else lab.locked[role[1]]
        seq.insert(at, (Cell("code", source), role))
        if role[0] == "check":
            put_back.append(role[1])
    return put_back


# --- review flags ------------------------------------------------------------------------------

def module_names(sources: list[str]) -> set[str]:
    """Names bound by import statements (``np``, ``F``, ``torch``): what a patch of a library looks like."""
    return {(a.asname or a.name).split(".")[0] for node in import_nodes(sources) for a in node.names}


def patched_attributes(text: str, modules: set[str]) -> list[str]:
    """Dotted names like ``torch.testing.assert_close`` that ``text`` assigns or deletes."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else \
            [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Attribute):
                root = target
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and root.id in modules:
                    found.append(ast.unparse(target))
    return found


def review_flags(cells: list[Cell], lab: Lab) -> list[str]:
    """Static hints for the instructor: student-written code that touches the grading machinery."""
    solution_sources = {normal(c.source) for c in lab.cells}
    modules = module_names([c.source for c in lab.cells] + [c.source for c in cells if c.kind == "code"])
    flags: list[str] = []
    for n, cell in enumerate(cells, 1):
        if "skip-execution" in cell.tags or "raises-exception" in cell.tags:
            flags.append(f"ô {n}: thẻ {'/'.join(t for t in cell.tags if t in ('skip-execution', 'raises-exception'))}")
        if cell.kind != "code" or normal(cell.source) in solution_sources:
            continue
        for pattern, label in SUSPICIOUS:
            if re.search(pattern, cell.source):
                flags.append(f"ô {n}: {label}")
        flags += [f"ô {n}: gán lại {name}" for name in patched_attributes(cell.source, modules)]
    given = [normal(c.source) for c in lab.cells if c.kind == "code" and not labs.has_markers(c.source)
             and not {labs.CHECK_TAG, labs.LOCKED_TAG, labs.SELF_SCORE_TAG} & set(c.tags) and c.source.strip()]
    present = {normal(c.source) for c in cells if c.kind == "code"}
    changed = sum(1 for g in given if g not in present)
    if changed:
        flags.append(f"{changed}/{len(given)} ô mã cho sẵn bị sửa hoặc xóa")
    return list(dict.fromkeys(flags))


# --- the plan --------------------------------------------------------------------------------

def plan(cells: list[Cell], lab: Lab) -> Plan:
    roles = assign_roles(cells, lab)
    seq: list[tuple[Cell, tuple[str, Any] | None]] = [(c, roles.get(i)) for i, c in enumerate(cells)]
    result = Plan(steps=[], flags=review_flags(cells, lab))
    for i, cell in enumerate(cells):
        role = roles.get(i)
        if role and role[0] == "check":
            original = lab.questions[[q.id for q in lab.questions].index(role[1])].source
            if cell.source.strip() and normal(cell.source) != normal(original):
                result.flags.append(f"ô kiểm tra câu {role[1]} bị sửa (đã đặt lại mã gốc)")
    result.missing_checks = insert_missing(seq, lab)
    if result.missing_checks:
        result.notes.append("thiếu ô kiểm tra câu " + ", ".join(result.missing_checks) + " (đã đặt lại)")
    missing_locked = len(lab.locked) - len({r[1] for i, r in roles.items() if r[0] == "locked"})
    if missing_locked > 0:
        result.notes.append(f"thiếu {missing_locked} ô khóa (locked) (đã đặt lại)")
    questions = {q.id: q.source for q in lab.questions}
    for cell, role in seq:
        if role and role[0] == "check":
            result.steps.append(Step("check", questions[role[1]], role[1]))
        elif role:
            result.steps.append(Step("locked", lab.locked[role[1]]))
        elif (cell.kind == "code" and labs.SELF_SCORE_TAG not in cell.tags
              and first_line(cell.source) not in lab.self_score):
            result.steps.append(Step("student", cell.source))
    return result
