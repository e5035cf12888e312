"""Notebook conventions (first cell, setup cell, imports, execution, widgets, ...)
and repository-wide rules (NFC text, table of contents, badges)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

from coursekit import badges, conventions, labs, nbio, paths

NOTEBOOKS = paths.notebooks()
IDS = [paths.rel(p) for p in NOTEBOOKS]
TEXT_SUFFIXES = {".md", ".ipynb", ".yml", ".yaml", ".bib", ".py", ".txt", ".toml", ".cfg", ".ini"}
SKIP = {".git", ".venv", "_build", "__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_notebook_conventions(notebook: Path) -> None:
    problems = conventions.problems_for(notebook)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=IDS)
def test_badge_agrees_with_config(notebook: Path) -> None:
    problems = badges.problems(notebook)
    assert not problems, "\n".join(problems) + "\n(run `python -m coursekit badges` and `python -m coursekit generate`)"


def test_readme_links_agree_with_config() -> None:
    problems = badges.readme_problems()
    assert not problems, "\n".join(problems) + "\n(run `python -m coursekit badges`)"


def test_all_text_is_nfc() -> None:
    bad = []
    for path in sorted(paths.ROOT.rglob("*")):
        parts = path.relative_to(paths.ROOT).parts
        if path.is_file() and path.suffix in TEXT_SUFFIXES and not SKIP.intersection(parts):
            text = path.read_text(encoding="utf-8")
            if unicodedata.normalize("NFC", text) != text:
                bad.append(paths.rel(path))
    assert not bad, f"not Unicode NFC: {bad}"


def _toc_files() -> set[str]:
    toc = yaml.safe_load((paths.ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = {toc["root"]}
    for part in toc.get("parts", []):
        files.update(entry["file"] for entry in part.get("chapters", []))
    return files


def test_every_notebook_is_in_the_toc() -> None:
    listed = _toc_files()
    missing = [paths.rel(p) for p in NOTEBOOKS if paths.rel(p).removesuffix(".ipynb") not in listed]
    assert not missing, f"notebooks missing from _toc.yml: {missing}"
    dangling = [f for f in listed if not any((paths.ROOT / f).with_suffix(s).exists() for s in (".ipynb", ".md"))]
    assert not dangling, f"_toc.yml lists files that do not exist: {dangling}"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    ci = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./scripts/test.sh" in readme and "./scripts/build.sh" in readme
    assert "./scripts/test.sh" in ci, ".ci/run must call the README's test command"


def test_only_the_reference_page_has_a_bibliography() -> None:
    offenders = [paths.rel(p) for p in NOTEBOOKS
                 if any("{bibliography}" in "".join(c.get("source", "")) for c in nbio.read(p).cells)]
    assert not offenders, f"use {{cite}} and leave the one {{bibliography}} to reference/tai_lieu_tham_khao.md: {offenders}"


def test_instructor_guide_states_each_labs_points() -> None:
    guide = (paths.ROOT / "reference" / "huong_dan_giang_vien.md").read_text(encoding="utf-8")
    for solution in paths.notebooks(paths.SOLUTIONS):
        number = solution.name[3:5]
        total = sum(c.points for c in labs.checks(nbio.read(solution)))
        row = next((line for line in guide.splitlines() if line.startswith(f"| Bài thực hành {number} — ")), None)
        assert row is not None, f"the instructor guide has no row '| Bài thực hành {number} — ...'"
        assert row.rstrip().endswith(f"| {total} |"), f"the guide's row for Lab {number} must end with its total points {total}"
