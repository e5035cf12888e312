"""Flag numbers in a notebook's markdown prose that nothing in the notebook backs.

Rule of the course: every number in the prose is printed by the notebook itself or
cited. A run-dependent number typed into the text goes stale on the next run (another
seed, a GPU), so this heuristic lists each prose number that is

* not printed by the notebook: by a code cell of the same part (between two '#'/'##'
  headings) or by an output-checked cell anywhere (outputs: stream, text/plain,
  text/markdown, text/html). Compared with the decimal comma read as a dot and with the
  prose's own rounding: ``0,09`` matches an output ``0.0912`` (0.0912 rounds to 0.09)
  but not ``0.0763``; ``48,9 %`` also matches ``0.489``; ``4e8`` matches ``4.04e+08``.
  With reruns at other seeds (``--seeds 1 2``, as the test suite does), every rerun
  must print it too: a number printed at seed 0 only is a run-dependent number typed
  into the prose ("printed, but not by the rerun at seed 1");
* not a literal of a code cell (sizes, epochs, thresholds, numbers inside strings the
  code prints or asserts; comments do not count), with the same rounding rule;
* not in a paragraph that cites a source (``{cite}``, a footnote ``[^x]`` or an
  ``http(s)`` link);
* not structural: an integer <= 10, a year (1900-2099), a number in a heading line, a
  section or chapter reference (``mục 4.5``, ``chương 01``, ``Lỗi 10``, ``Câu 3``,
  ``Lab 02``, or any dotted number that numbers a heading of the notebook), a version
  (``Python 3.11``), a dimension (``8×8``, ``12 x 12``), a lab's points (question points
  and their total), part of a name (``UTF-8``, ``cp1252``, ``float32``, ``U+0323``, ``0x81``);
* not the value of the formula written just before it (``ln 10 ≈ 2,30``, ``½·ln 2 ≈ 0,35``,
  ``√2 ≈ 1,41``);
* not listed in an allowlist comment in the same cell, for numbers the text itself
  defines (a story retold, a hypothetical in a question, an estimate of time)::

      <!-- so-lieu: 24; 16; 15 — số liệu của câu chuyện, không phụ thuộc lần chạy -->

  Every number written inside the comment is allowed anywhere in that cell; say why in
  words after the numbers (use "; " between numbers, since "24,16" reads as 24.16).

A decimal point in prose (``0.25``) is reported whatever backs it: the course writes 0,25.
What it ignores: inline code, math (``$...$``), fenced blocks, HTML comments and tags,
link targets, MyST roles and directive options.

Limits (say so when you rely on it): a number that happens to equal a printed output of
its part, a checked output, or any code literal passes even when the prose means
something else (the story's "15 phút" passes because ``EPOCHS = 15``); with reruns this
is rarer, since a chance match must hold at every seed. A number spelled in words
("mười điểm phần trăm", "gấp đôi") is never seen. A number derived by hand from printed
ones (a difference, a ratio, a percentage of a printed fraction) is flagged even when
right: print it, or allowlist it with the reason. Integers <= 10 and years are never
flagged. Without reruns only the stored outputs are compared, so a number that holds at
seed 0 and moves at another seed passes: run with ``--seeds 1 2`` (the suite does).
"""

from __future__ import annotations

import ast
import io
import math
import re
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from . import nbio, paths

CHECK_OUTPUT_TAG = "nbval-check-output"
ALLOW_RE = re.compile(r"<!--\s*so-lieu:(.*?)-->", re.DOTALL)
# A number as written in prose or printed: 12, 0,09, 0.0912, 1.797 (thousands), 4e8, 1,3e-5.
NUMBER_RE = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:[eE]([-+−]?\d+))?(?![\w])")
# Things removed from prose before numbers are read (replaced by a space).
STRIP_PATTERNS = [
    re.compile(r"<!--.*?-->", re.DOTALL),                       # HTML comments (allowlists included)
    re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE),  # fenced blocks and directives
    re.compile(r"\$\$.*?\$\$", re.DOTALL),                       # display math
    re.compile(r"(?<!\\)\$[^$\n]+?(?<!\\)\$"),                   # inline math
    re.compile(r"\{[\w:-]+\}`[^`]*`"),                          # MyST roles: {cite}`key`, {ref}`x`
    re.compile(r"(`+)[^`]*?\1"),                                 # inline code
    re.compile(r"\]\([^)]*\)"),                                  # link targets
    re.compile(r"https?://\S+"),                                  # bare URLs
    re.compile(r"<[^>\n]+>"),                                     # HTML tags
    re.compile(r"\b[Uu]\+[0-9A-Fa-f]{4,6}\b|\b0[xX][0-9A-Fa-f]+\b"),  # code points, hex
    re.compile(r"^\s*:\w[\w-]*:.*$", re.MULTILINE),               # directive options (:class: dropdown)
]
HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s.*$", re.MULTILINE)
LIST_MARKER_RE = re.compile(r"^(\s*)\d+[.)](?=\s)", re.MULTILINE)
SOURCE_RE = re.compile(r"\{cite[:\w]*\}`|\[\^[^\]]+\]|https?://")
# A number right after one of these words numbers a part of the course, not a measurement.
STRUCTURAL_WORDS = ("mục", "chương", "phần", "lỗi", "câu", "lab", "bài thực hành", "bài", "hình", "bảng",
                    "phép kiểm tra", "bước thứ", "ô", "section", "chapter", "cell",
                    # a version: Python 3.11, torch 2.13
                    "python", "pytorch", "torch", "numpy", "matplotlib", "scikit-learn", "ipywidgets", "ipython",
                    "ipykernel", "cuda", "phiên bản")
STRUCTURAL_BEFORE_RE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in STRUCTURAL_WORDS)
                                  + r")\s*(?:số\s*)?[(\[]?$", re.IGNORECASE)
SMALL_INT = 10
# A dot that can only be a decimal point (1.797 may be Vietnamese thousands; 4.5 a section, handled before).
DECIMAL_POINT_RE = re.compile(r"0\.\d+|\d+\.(?:\d{1,2}|\d{4,})")
YEARS = range(1900, 2100)
SECTION_NUMBER_RE = re.compile(r"^\s{0,3}#{1,6}\s+(?:\w+\s+)?(\d+(?:\.\d+)+|\d+)\.?\s")


@dataclass(frozen=True)
class Number:
    """A number as written: its text, the values it may stand for, and the half-width of its rounding."""

    text: str
    values: tuple[float, ...]
    tolerance: tuple[float, ...]

    def matches(self, value: float) -> bool:
        return any(abs(abs(value) - v) <= tol + 1e-12 * max(1.0, v) for v, tol in zip(self.values, self.tolerance))


@dataclass(frozen=True)
class Finding:
    path: str
    cell: int
    number: str
    why: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.path}: cell {self.cell}: {self.number} ({self.why}) — {self.sentence}"


def parse_number(mantissa: str, exponent: str | None, percent: bool = False, prose: bool = True) -> Number | None:
    """The values a written number may stand for (None for something that is not one number, like 1.2.3)."""
    candidates: list[tuple[float, float]] = []
    seps = re.findall(r"[.,]", mantissa)
    groups = re.split(r"[.,]", mantissa)
    exp = int(exponent.replace("−", "-")) if exponent else 0
    if len(seps) > 1:
        # 1.797.000 or 1,797,000: thousands groups only; anything else (a section 4.5.1) is not a value.
        if len(set(seps)) == 1 and all(len(g) == 3 for g in groups[1:]):
            candidates.append((float("".join(groups)), 0.5))
        else:
            return None
    elif seps:
        decimals = len(groups[1])
        candidates.append((float(f"{groups[0]}.{groups[1]}"), 0.5 * 10.0 ** -decimals))
        if decimals == 3 and groups[0] != "0" and seps[0] == ("." if prose else ","):
            candidates.append((float(groups[0] + groups[1]), 0.5))  # 1.797 = one thousand seven hundred
    else:
        candidates.append((float(mantissa), 0.5))
    scaled = [(v * 10.0 ** exp, tol * 10.0 ** exp) for v, tol in candidates]
    if percent:
        scaled += [(v / 100, tol / 100) for v, tol in scaled]
    return Number(mantissa + (f"e{exponent}" if exponent else ""), tuple(v for v, _ in scaled),
                  tuple(t for _, t in scaled))


def numbers_in(text: str, prose: bool = False) -> list[float]:
    """Every value a text prints or holds (outputs, code strings): decimal dot or comma, exponents."""
    found: list[float] = []
    for m in NUMBER_RE.finditer(text):
        parsed = parse_number(m.group(1), m.group(2), prose=prose)
        if parsed is not None:
            found.extend(parsed.values)
    return found


def output_text(cell: Any) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        data = out.get("data", {})
        for mime in ("text/plain", "text/markdown", "text/html", "text/latex"):
            value = data.get(mime)
            if value:
                parts.append("".join(value) if isinstance(value, list) else value)
    return "\n".join(parts)


def code_numbers(source: str) -> list[float]:
    """Numeric literals and numbers inside string literals of a code cell (comments excluded)."""
    found: list[float] = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        lines = [line.split("#", 1)[0] for line in source.split("\n")]
        return numbers_in("\n".join(lines))
    for tok in tokens:
        if tok.type == tokenize.NUMBER:
            value = ast.literal_eval(tok.string)
            if isinstance(value, (int, float)):
                found.append(float(value))
        elif tok.type in (tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", -1)):
            found.extend(numbers_in(tok.string))
    return found


def literal_values(nb: nbformat.NotebookNode) -> list[float]:
    """Values the code defines: numeric literals, numbers in strings, a lab's points and their total."""
    values: list[float] = []
    points = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        values += code_numbers(nbio.source(cell))
        lab = cell.get("metadata", {}).get("lab", {})
        if isinstance(lab.get("points"), int):
            points.append(float(lab["points"]))
    return values + points + ([float(sum(points))] if points else [])


def section_ids(nb: nbformat.NotebookNode) -> list[int]:
    """For each cell, the index of its part of the notebook: a new part starts at each '#' or '##' heading."""
    ids, current = [], 0
    for cell in nb.cells:
        if cell.cell_type == "markdown" and re.search(r"^\s{0,3}#{1,2}\s", nbio.source(cell), re.MULTILINE):
            current += 1
        ids.append(current)
    return ids


EVERYWHERE = -1  # the part key of values printed by output-checked cells


def printed_by_section(nb: nbformat.NotebookNode) -> dict[int, list[float]]:
    """Values printed by the code cells of each part of the notebook (see section_ids).

    Cells tagged nbval-check-output are stable by construction, so what they print backs prose anywhere
    in the notebook (key EVERYWHERE); other cells back only the prose of their own part.
    """
    found: dict[int, list[float]] = {EVERYWHERE: []}
    for cell, part in zip(nb.cells, section_ids(nb)):
        if cell.cell_type == "code":
            key = EVERYWHERE if CHECK_OUTPUT_TAG in nbio.tags(cell) else part
            found.setdefault(key, []).extend(numbers_in(output_text(cell)))
    return found


def section_numbers(nb: nbformat.NotebookNode) -> set[str]:
    """Numbers of the notebook's headings: '4.5' for '### 4.5. Nhìn dữ liệu', '2' for '## 2. Vườn thú lỗi'."""
    found = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in nbio.source(cell).split("\n"):
                m = SECTION_NUMBER_RE.match(line)
                if m:
                    found.add(m.group(1))
    return found


def allowed_in(text: str) -> list[Number]:
    allowed = []
    for comment in ALLOW_RE.findall(text):
        for m in NUMBER_RE.finditer(comment):
            parsed = parse_number(m.group(1), m.group(2))
            if parsed is not None:
                allowed.append(parsed)
    return allowed


def prose_of(text: str) -> str:
    """The prose of a markdown cell with code, math, links, comments and headings blanked (same length)."""
    for pattern in STRIP_PATTERNS:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    text = HEADING_RE.sub(lambda m: " " * len(m.group(0)), text)
    return LIST_MARKER_RE.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), text)


FORMULA_RE = re.compile(r"(?:(½|\d+(?:,\d+)?)\s*[·*×]?\s*)?(ln|√)\s*\(?(\d+(?:,\d+)?)\)?\s*[≈=]\s*$")


def formula_value(before: str) -> float | None:
    """The value of a formula written just before a number: 'ln 10 ≈ 2,30', '½·ln 2 ≈ 0,35', '√2 ≈ 1,41'."""
    m = FORMULA_RE.search(before)
    if not m:
        return None
    factor = 0.5 if m.group(1) == "½" else float(m.group(1).replace(",", ".")) if m.group(1) else 1.0
    x = float(m.group(3).replace(",", "."))
    return factor * (math.log(x) if m.group(2) == "ln" else math.sqrt(x))


def structural(prose: str, start: int, end: int, written: str, sections: set[str]) -> bool:
    """Whether the number at prose[start:end] numbers something rather than measures it."""
    before, after = prose[max(0, start - 40):start], prose[end:end + 3]
    if before.endswith("-") and before[:-1][-1:].isalpha():
        return True                                          # UTF-8, top-5, Windows-1252
    if re.search(r"\d\s*[×x]\s*$", before) or re.match(r"\s*[×x]\s*\d", after):
        return True                                          # 8×8, 12 x 12
    if STRUCTURAL_BEFORE_RE.search(before.rstrip()) and (written in sections or re.fullmatch(r"\d+(\.\d+)*", written)):
        return True                                          # mục 4.5, chương 01, Lỗi 10, Câu 3
    return written in sections and "." in written              # a dotted section number (4.5) without a keyword


def paragraphs(text: str) -> Iterable[tuple[int, int]]:
    """Start and end offsets of blank-line separated blocks."""
    start = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def sentence_at(text: str, start: int, end: int, width: int = 160) -> str:
    """The sentence of the original text around text[start:end], on one line, shortened to ``width``."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start), text.rfind("! ", 0, start),
               text.rfind("? ", 0, start), text.rfind("\n- ", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end), text.find("! ", end),
                                    text.find("? ", end), text.find("\n- ", end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    left = 0 if left < 0 else left + 1
    sentence = " ".join(text[left:right + 1].split())
    if len(sentence) > width:
        pos = sentence.find(text[start:end])
        lo = max(0, pos - width // 2)
        sentence = ("…" if lo else "") + sentence[lo:lo + width] + ("…" if lo + width < len(sentence) else "")
    return sentence


def unbacked_in_cell(text: str, literals: list[float], printed: list[tuple[str, list[float]]],
                     sections: set[str]) -> list[tuple[str, str, str]]:
    """(number as written, why, sentence) for each prose number of one markdown cell that nothing backs.

    ``printed`` holds, for each run (the stored outputs first, then reruns at other seeds), its label and
    the values printed in this cell's part of the notebook; a printed number must be printed by every run.
    """
    prose = prose_of(text)
    allowed = allowed_in(text)
    found = []
    for p_start, p_end in paragraphs(prose):
        if SOURCE_RE.search(text[p_start:p_end]):
            continue
        for m in NUMBER_RE.finditer(prose, p_start, p_end):
            percent = bool(re.match(r"\s?%", prose[m.end():m.end() + 2]))
            number = parse_number(m.group(1), m.group(2), percent=percent, prose=True)
            if number is None:
                continue                                     # 2.13.0, 4.5.1: a version or a subsection
            first = number.values[0]
            if (not m.group(2) and "," not in m.group(1) and "." not in m.group(1)
                    and (first <= SMALL_INT or int(first) in YEARS)):
                continue
            if structural(prose, m.start(), m.end(), m.group(1), sections):
                continue
            if DECIMAL_POINT_RE.fullmatch(m.group(1)):
                found.append((m.group(0), f"decimal point in prose: write {m.group(0).replace('.', ',')}",
                              sentence_at(text, m.start(), m.end())))
                continue
            if any(a.matches(v) for a in allowed for v in number.values) or any(number.matches(v) for v in literals):
                continue
            formula = formula_value(prose[max(0, m.start() - 30):m.start()])
            if formula is not None and number.matches(formula):
                continue                                     # ln 10 ≈ 2,30: arithmetic, not a run
            missing = [label for label, values in printed if not any(number.matches(v) for v in values)]
            if not missing:
                continue
            why = ("printed nowhere in its part of the notebook" if missing[0] == printed[0][0]
                   else f"printed, but not by the rerun at {', '.join(missing)}")
            found.append((m.group(0), why, sentence_at(text, m.start(), m.end())))
    return found


def check_notebook(nb: nbformat.NotebookNode, name: str,
                   reruns: list[tuple[str, nbformat.NotebookNode]] | None = None) -> list[Finding]:
    """Unbacked prose numbers of one notebook; ``reruns``: (label, executed copy) at other seeds."""
    literals = literal_values(nb)
    sections = section_numbers(nb)
    runs = [("stored outputs", printed_by_section(nb))]
    runs += [(label, printed_by_section(other)) for label, other in reruns or []]
    found = []
    for i, (cell, part) in enumerate(zip(nb.cells, section_ids(nb))):
        if cell.cell_type != "markdown":
            continue
        printed = [(label, by_part.get(part, []) + by_part[EVERYWHERE]) for label, by_part in runs]
        found += [Finding(name, i, number, why, sentence)
                  for number, why, sentence in unbacked_in_cell(nbio.source(cell), literals, printed, sections)]
    return found


def check(path: Path, reruns: list[tuple[str, nbformat.NotebookNode]] | None = None) -> list[Finding]:
    return check_notebook(nbio.read(path), paths.rel(path), reruns)


def report(findings: list[Finding]) -> str:
    """Findings grouped by notebook, one line each: cell, number, why, sentence."""
    if not findings:
        return "no unbacked number in the prose"
    lines: list[str] = []
    for name in dict.fromkeys(f.path for f in findings):
        mine = [f for f in findings if f.path == name]
        lines.append(f"{name}: {len(mine)} unbacked number(s)")
        lines += [f"  cell {f.cell}: {f.number} ({f.why}) — {f.sentence}" for f in mine]
    lines.append("Print each such number in the code and refer to it ('in ở trên'), state a robust claim the code "
                 "asserts, cite a source in the paragraph, or, for a number the text itself defines, allowlist it "
                 "in its cell: <!-- so-lieu: N; M — why it does not depend on a run -->.")
    return "\n".join(lines)
