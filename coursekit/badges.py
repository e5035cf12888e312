"""Colab badges in each notebook's first cell, stamped from _config.yml."""

from __future__ import annotations

import re
from pathlib import Path

from . import nbio, paths
from .config import Repository, repository

BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_RE = re.compile(r"^\[!\[[^\]]*\]\(" + re.escape(BADGE_IMAGE) + r"\)\]\([^)]*\)$", re.MULTILINE)


def badge(repo: Repository, notebook_path: str) -> str:
    return f"[![Mở trong Colab]({BADGE_IMAGE})]({repo.colab_url(notebook_path)})"


def stamp_source(text: str, wanted: str) -> str:
    """Put the badge line into a first-cell text: replace it, or add it after the title."""
    if BADGE_RE.search(text):
        return BADGE_RE.sub(wanted, text, count=1)
    lines = text.split("\n")
    if not lines or not lines[0].startswith("# "):
        raise ValueError("the first cell must start with a '# ' title line")
    return "\n".join([lines[0], "", wanted, *lines[1:]])


def stamp(path: Path, repo: Repository | None = None) -> bool:
    """Stamp one notebook's badge; return True when the file changed."""
    repo = repo or repository()
    nb = nbio.read(path)
    first = nb.cells[0]
    if first.cell_type != "markdown":
        raise ValueError(f"{paths.rel(path)}: the first cell must be markdown (title, badge, Mục tiêu)")
    new = stamp_source(nbio.source(first), badge(repo, paths.rel(path)))
    if new == nbio.source(first):
        return False
    first.source = new
    nbio.write(nb, path)
    return True


def problems(path: Path, repo: Repository | None = None) -> list[str]:
    """Why a notebook's badge disagrees with _config.yml (empty when it agrees)."""
    repo = repo or repository()
    nb = nbio.read(path)
    text = nbio.source(nb.cells[0]) if nb.cells else ""
    found = BADGE_RE.findall(text)
    wanted = badge(repo, paths.rel(path))
    if not found:
        return [f"{paths.rel(path)}: no Colab badge in the first cell"]
    if found[0] != wanted:
        return [f"{paths.rel(path)}: badge {found[0]!r} disagrees with _config.yml; expected {wanted!r}"]
    return []
