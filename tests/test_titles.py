"""One title rule for chapters and labs, in the notebooks, _toc.yml and README.md.

* chapters/NN_slug.ipynb starts with `# Chương NN — <Tên>`;
* solutions/labNN_slug.ipynb starts with `# Lời giải · Bài thực hành NN — <Tên>`, and its
  first cell has the banner line `> **Lời giải — hãy tự làm bài trước.** ...`
  (the site styles it, see _ext/vi_site.py);
* exercises/labNN_slug.ipynb starts with `# Bài thực hành NN — <Tên>` (same <Tên>, no banner);
* _toc.yml lists every one of them and overrides no title;
* README.md's table has one row per chapter: `| NN — <Tên chương> | ... |`, its links
  point to that chapter and lab, and the solution link reads `Lời giải · Bài thực hành NN`;
  a chapter without a lab (yet) has `—` in both lab cells.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DASH = "—"  # em dash, with a space on each side
BANNER = "> **Lời giải — hãy tự làm bài trước.**"
CHAPTER = re.compile(rf"^# Chương (\d\d) {DASH} (\S.*)$")
SOLUTION = re.compile(rf"^# Lời giải · Bài thực hành (\d\d) {DASH} (\S.*)$")
EXERCISE = re.compile(rf"^# Bài thực hành (\d\d) {DASH} (\S.*)$")


def _first_cell(path: Path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = notebook["cells"][0]
    assert cell["cell_type"] == "markdown", f"{path.relative_to(ROOT)}: the first cell is not markdown"
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def _title(path: Path, rule: re.Pattern[str], example: str) -> tuple[str, str]:
    first_line = _first_cell(path).splitlines()[0].rstrip()
    match = rule.match(first_line)
    assert match, f"{path.relative_to(ROOT)}: first line {first_line!r} does not follow {example!r}"
    number = re.match(r"(?:lab)?(\d\d)_", path.name)
    assert number and number.group(1) == match.group(1), (
        f"{path.relative_to(ROOT)}: title number {match.group(1)} differs from the file name"
    )
    name = match.group(2)
    assert not re.search(r"\bLab\b", name), f"{path.relative_to(ROOT)}: say 'Bài thực hành', not 'Lab': {name!r}"
    assert name == name.strip() and "  " not in name, f"{path.relative_to(ROOT)}: stray spaces in {name!r}"
    return match.group(1), name


def _notebooks(folder: str) -> list[Path]:
    return sorted((ROOT / folder).glob("*.ipynb"))


def _chapters() -> dict[str, str]:
    return dict(_title(p, CHAPTER, "# Chương NN — Tên") for p in _notebooks("chapters"))


@pytest.mark.parametrize("path", _notebooks("chapters"), ids=lambda p: p.name)
def test_chapter_title(path):
    _title(path, CHAPTER, "# Chương NN — Tên")


@pytest.mark.parametrize("path", _notebooks("solutions"), ids=lambda p: p.name)
def test_solution_title_and_banner(path):
    number, name = _title(path, SOLUTION, "# Lời giải · Bài thực hành NN — Tên")
    lines = _first_cell(path).splitlines()
    banners = [line for line in lines if line.startswith(BANNER)]
    assert len(banners) == 1, f"{path.relative_to(ROOT)}: the first cell needs one line starting with {BANNER!r}"
    assert lines.index(banners[0]) < next(
        (i for i, line in enumerate(lines) if line.startswith("**Mục tiêu")), len(lines)
    ), f"{path.relative_to(ROOT)}: the banner must come before the goals"

    exercise = ROOT / "exercises" / path.name
    assert exercise.is_file(), f"no exercise for {path.relative_to(ROOT)}"
    exercise_number, exercise_name = _title(exercise, EXERCISE, "# Bài thực hành NN — Tên")
    assert (exercise_number, exercise_name) == (number, name), (
        f"{exercise.relative_to(ROOT)} is titled {exercise_name!r}, its solution {name!r}"
    )
    assert BANNER not in _first_cell(exercise), f"{exercise.relative_to(ROOT)} carries the solution banner"


def _toc_files(node) -> list[str]:
    found = []
    if isinstance(node, dict):
        if "file" in node:
            assert "title" not in node, f"_toc.yml overrides the title of {node['file']}: titles come from notebooks"
            found.append(node["file"])
        for value in node.values():
            found += _toc_files(value)
    elif isinstance(node, list):
        for item in node:
            found += _toc_files(item)
    return found


def test_toc_lists_every_chapter_and_lab_without_renaming():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    listed = set(_toc_files(toc)) | {toc["root"]}
    for folder in ("chapters", "exercises", "solutions"):
        for path in _notebooks(folder):
            assert f"{folder}/{path.stem}" in listed, f"_toc.yml does not list {folder}/{path.name}"


def _readme_rows() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and re.match(r"^\d\d ", cells[0]):
            rows.append(cells)
    return rows


def test_readme_table_follows_the_titles():
    chapters = _chapters()
    rows = _readme_rows()
    assert [r[0][:2] for r in rows] == sorted(chapters), "README's table needs one row per chapter, in order"
    for cells in rows:
        number = cells[0][:2]
        assert cells[0] == f"{number} {DASH} {chapters[number]}", (
            f"README row {cells[0]!r} should read {number} {DASH} {chapters[number]!r} (the chapter's title)"
        )
        links = [re.findall(r"\]\(([^)]*)\)", cell) for cell in cells[1:]]
        assert any(f"chapters/{number}_" in url for url in links[0]), f"row {number}: no link to chapter {number}"
        if not list((ROOT / "solutions").glob(f"lab{number}_*.ipynb")):
            assert cells[2:4] == ["—", "—"], f"row {number}: no lab {number} yet, so its lab cells read '—'"
            continue
        assert any(f"exercises/lab{number}_" in url for url in links[1]), f"row {number}: no link to exercise {number}"
        solution = re.search(r"\[([^\]]*)\]\((solutions/lab(\d\d)_[^)]*)\)", cells[3])
        assert solution and solution.group(3) == number, f"row {number}: no link to solutions/lab{number}_*"
        assert (ROOT / solution.group(2)).is_file(), f"README links to a missing {solution.group(2)}"
        assert solution.group(1) == f"Lời giải · Bài thực hành {number}", (
            f"row {number}: the solution link reads {solution.group(1)!r}, "
            f"expected 'Lời giải · Bài thực hành {number}'"
        )
