"""Executing notebooks top to bottom, as Run all does."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from . import nbio

CELL_TIMEOUT_S = 600


def execute(nb: nbformat.NotebookNode, cwd: Path, allow_errors: bool = False) -> nbformat.NotebookNode:
    """Run every cell in a fresh kernel started in ``cwd``; return the executed notebook."""
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return nb


def run_in_place(path: Path) -> float:
    """Execute a course notebook and store its outputs; return the wall time in seconds."""
    nb = nbio.read(path)
    start = time.perf_counter()
    execute(nb, path.parent)
    elapsed = time.perf_counter() - start
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbio.write(nb, path)
    return elapsed
