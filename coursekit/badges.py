"""Colab badges in each notebook's first cell, stamped from _config.yml."""

from __future__ import annotations

import re
from pathlib import Path

from . import nbio, paths
from .config import Repository, repository

BADGE_IMAGE = "https://colab.research.google.com/assets/colab-badge.svg"
PLACEHOLDER_RE = re.compile(r"^BADGE$", re.MULTILINE)  # an author's placeholder for a new notebook
BADGE_RE = re.compile(r"^\[!\[[^\]]*\]\(" + re.escape(BADGE_IMAGE) + r"\)\]\([^)]*\)$", re.MULTILINE)


def badge(repo: Repository, notebook_path: str) -> str:
    return f"[![Mở trong Colab]({BADGE_IMAGE})]({repo.colab_url(notebook_path)})"


def stamp_source(text: str, wanted: str) -> str:
    """Put the badge line into a first-cell text: replace it, or add it after the title."""
    if BADGE_RE.search(text):
        return BADGE_RE.sub(lambda _: wanted, text, count=1)
    if PLACEHOLDER_RE.search(text):
        return PLACEHOLDER_RE.sub(lambda _: wanted, text, count=1)
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


README = paths.ROOT / "README.md"
COLAB_PREFIX_RE = re.compile(r"https://colab\.research\.google\.com/github/[^/\s)]+/[^/\s)]+/blob/[^/\s)]+/")


def readme_prefix(repo: Repository) -> str:
    return repo.colab_url("")


def stamp_readme(readme: Path = README, repo: Repository | None = None) -> bool:
    """Point every Colab link of the README at the configured repository and branch."""
    repo = repo or repository()
    text = readme.read_text(encoding="utf-8")
    new = COLAB_PREFIX_RE.sub(lambda _: readme_prefix(repo), text)
    if new != text:
        readme.write_text(new, encoding="utf-8")
    return new != text


def readme_problems(readme: Path = README, repo: Repository | None = None) -> list[str]:
    repo = repo or repository()
    text = readme.read_text(encoding="utf-8")
    wrong = sorted({m for m in COLAB_PREFIX_RE.findall(text) if m != readme_prefix(repo)})
    missing = [p for p in re.findall(r"blob/[^/\s)]+/([^\s)]+\.ipynb)", text) if not (paths.ROOT / p).exists()]
    return ([f"README.md: Colab link {w!r} disagrees with _config.yml" for w in wrong]
            + [f"README.md: links to a missing notebook {p}" for p in missing])
