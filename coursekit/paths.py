"""Where things live in the repository: one place for every path rule."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
CONFIG = ROOT / "_config.yml"

# Folders whose notebooks are executed and stored with outputs.
EXECUTED_DIRS = (CHAPTERS, SOLUTIONS)
# Every folder that holds course notebooks.
NOTEBOOK_DIRS = (CHAPTERS, SOLUTIONS, EXERCISES)


def notebooks(*dirs: Path) -> list[Path]:
    """Sorted course notebooks in the given folders (all notebook folders by default)."""
    found: list[Path] = []
    for folder in dirs or NOTEBOOK_DIRS:
        found.extend(p for p in folder.glob("*.ipynb") if p.is_file())
    return sorted(found)


def rel(path: Path) -> str:
    """Path relative to the repository root, with forward slashes."""
    return path.resolve().relative_to(ROOT).as_posix()


def exercise_for(solution: Path) -> Path:
    """The generated twin in exercises/ of a notebook in solutions/."""
    return EXERCISES / solution.name
