"""Reading and writing notebooks in one canonical format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

AS_VERSION = 4


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=AS_VERSION)


def dumps(nb: nbformat.NotebookNode) -> str:
    """The exact text written to disk (nbformat's own layout, trailing newline)."""
    return nbformat.writes(nb) + "\n"


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    path.write_text(dumps(nb), encoding="utf-8")


def source(cell: Any) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def code_cells(nb: nbformat.NotebookNode) -> list[tuple[int, Any]]:
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
