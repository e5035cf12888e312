"""Executing notebook cells one by one in a live kernel (for the lab tests)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from coursekit.execute import CELL_TIMEOUT_S


class LiveKernel:
    """A kernel in which cells of one notebook are run on demand."""

    def __init__(self, client: NotebookClient) -> None:
        self.client = client

    def run(self, cell: nbformat.NotebookNode, index: int) -> nbformat.NotebookNode:
        """Execute a copy of the cell; return the executed copy (with outputs)."""
        done = copy.deepcopy(cell)
        if done.cell_type == "code":
            done.outputs = []
            self.client.execute_cell(done, index)
        return done


@contextmanager
def live_kernel(nb: nbformat.NotebookNode, cwd: Path) -> Iterator[LiveKernel]:
    # nbclient writes each executed cell back into the notebook it was given:
    # hand it a copy so the caller's cells stay as they are.
    client = NotebookClient(copy.deepcopy(nb), timeout=CELL_TIMEOUT_S, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    with client.setup_kernel():
        yield LiveKernel(client)


def error_of(cell: nbformat.NotebookNode) -> str | None:
    """'Name: message' of the cell's error output, or None when it ran clean."""
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename')}: {out.get('evalue')}"
    return None
