"""Notebook conventions of the course, as functions that return problems.

Each function returns a list of human-readable problems (empty = fine), so the
tests and ``python -m coursekit check`` share one implementation.
"""

from __future__ import annotations

import ast
import re
import sys
import unicodedata
from pathlib import Path

import nbformat

from . import nbio, paths

# What Google Colab preinstalls, besides the standard library.
COLAB_MODULES = frozenset({"torch", "numpy", "matplotlib", "mpl_toolkits", "ipywidgets", "sklearn", "IPython"})
NETWORK_MODULES = frozenset({"urllib", "http", "socket", "ftplib", "smtplib", "requests", "urllib3", "webbrowser"})
# ipywidgets names that exist only in 8.x (Colab ships 7.7).
WIDGETS_8_ONLY = ("Stack", "TagsInput", "ColorsInput", "FloatsInput", "IntsInput", "description_allow_html")
SETUP_NEEDS = {
    "random.seed(": "seed Python's random module",
    "np.random.seed(": "seed NumPy",
    "torch.manual_seed(": "seed PyTorch",
    "torch.cuda.is_available()": "pick the device (cuda when available, else cpu)",
    "__version__": "print library versions",
}
RAISES_TAG = "raises-exception"
CHECK_OUTPUT_TAG = "nbval-check-output"
ABSOLUTE_PATH = re.compile(r"^(/(?!/)[^\s]*/|~/|[A-Za-z]:\\)")


def code_without_magics(text: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in text.split("\n"))


def first_cell(nb: nbformat.NotebookNode) -> list[str]:
    if not nb.cells or nb.cells[0].cell_type != "markdown":
        return ["the first cell must be markdown: title, Colab badge, Mục tiêu"]
    text = nbio.source(nb.cells[0])
    problems = []
    if not text.startswith("# "):
        problems.append("the first cell must start with a '# ' title")
    if "colab-badge.svg" not in text:
        problems.append("the first cell has no Colab badge")
    if "Mục tiêu" not in text:
        problems.append("the first cell has no 'Mục tiêu' (learning objectives)")
    return problems


def setup_cell(nb: nbformat.NotebookNode) -> list[str]:
    cells = nbio.code_cells(nb)
    if not cells:
        return ["no code cell"]
    text = nbio.source(cells[0][1])
    return [f"the first code cell (setup) must {why} ({needle!r} not found)"
            for needle, why in SETUP_NEEDS.items() if needle not in text]


def nfc(nb: nbformat.NotebookNode) -> list[str]:
    return [f"cell {i} is not Unicode NFC" for i, c in enumerate(nb.cells)
            if unicodedata.normalize("NFC", nbio.source(c)) != nbio.source(c)]


def executed_in_order(nb: nbformat.NotebookNode) -> list[str]:
    problems = []
    expected = 1
    for i, cell in nbio.code_cells(nb):
        if not nbio.source(cell).strip():
            continue
        if cell.execution_count != expected:
            problems.append(f"cell {i} has execution count {cell.execution_count}, expected {expected}")
        expected += 1
        if RAISES_TAG in nbio.tags(cell):
            problems.append(f"cell {i} is tagged '{RAISES_TAG}': an error stops Colab's Run all; "
                            "catch it and print the message instead")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and RAISES_TAG not in nbio.tags(cell):
                problems.append(f"cell {i} stored an error ({out.get('ename')})")
    return problems


def not_executed(nb: nbformat.NotebookNode) -> list[str]:
    return [f"cell {i} has outputs or an execution count (exercises are stored blank)"
            for i, c in nbio.code_cells(nb) if c.get("outputs") or c.execution_count is not None]


def imported_modules(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    found = []
    for i, cell in nbio.code_cells(nb):
        try:
            tree = ast.parse(code_without_magics(nbio.source(cell)))
        except SyntaxError as exc:
            raise ValueError(f"cell {i} is not valid Python: {exc}") from exc
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(i, alias.name.split(".")[0]) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((i, node.module.split(".")[0]))
    return found


def imports(nb: nbformat.NotebookNode) -> list[str]:
    problems = []
    for i, module in imported_modules(nb):
        if module in NETWORK_MODULES:
            problems.append(f"cell {i} imports {module!r}: no network access in the default run")
        elif module not in COLAB_MODULES and module not in sys.stdlib_module_names:
            problems.append(f"cell {i} imports {module!r}, which Colab does not preinstall "
                            f"(allowed: {', '.join(sorted(COLAB_MODULES))} and the standard library)")
    return problems


def absolute_paths(nb: nbformat.NotebookNode) -> list[str]:
    problems = []
    for i, cell in nbio.code_cells(nb):
        for node in ast.walk(ast.parse(code_without_magics(nbio.source(cell)))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and ABSOLUTE_PATH.match(node.value):
                problems.append(f"cell {i} has an absolute path {node.value!r}")
    return problems


def widgets(nb: nbformat.NotebookNode) -> list[str]:
    """ipywidgets code must run on 7.7 and 8.x, and sit beside a static figure."""
    problems = []
    cells = nb.cells
    for i, cell in enumerate(cells):
        text = nbio.source(cell)
        calls = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith(("import ", "from ")))
        if cell.cell_type != "code" or not re.search(r"\b(widgets\.\w+\(|interact(ive)?\()", calls):
            continue
        problems += [f"cell {i} uses ipywidgets.{name}, which ipywidgets 7.7 (Colab) lacks"
                     for name in WIDGETS_8_ONLY if re.search(rf"\b{name}\b", text)]
        if re.search(r"\b(interact(ive)?(_manual)?|interactive_output)\(|widgets\.Output\(", calls):
            problems.append(f"cell {i} displays through an Output widget (interact/Output), which can hang "
                            "nbclient (jupyter/nbclient#312); draw into an ipywidgets.Image instead")
        near = cells[max(0, i - 2): i + 3]
        if not any(o.get("output_type") in ("display_data", "execute_result") and "image/png" in o.get("data", {})
                   for c in near if c.cell_type == "code" for o in c.get("outputs", [])):
            problems.append(f"cell {i} shows a widget but no static figure (image/png) is stored within two cells of it")
    return problems


def check_outputs(nb: nbformat.NotebookNode) -> list[str]:
    tagged = [i for i, c in nbio.code_cells(nb) if CHECK_OUTPUT_TAG in nbio.tags(c)]
    if not tagged:
        return [f"no cell tagged '{CHECK_OUTPUT_TAG}': the key printed numbers must be output-checked"]
    return [f"cell {i} is tagged '{CHECK_OUTPUT_TAG}' but has no text output"
            for i in tagged
            if not any(o.get("output_type") == "stream" or "text/plain" in o.get("data", {})
                       for o in nb.cells[i].get("outputs", []))]


def problems_for(path: Path) -> list[str]:
    """Every convention problem of one course notebook."""
    nb = nbio.read(path)
    found = first_cell(nb) + setup_cell(nb) + nfc(nb) + imports(nb) + absolute_paths(nb)
    if path.parent in paths.EXECUTED_DIRS:
        found += executed_in_order(nb) + widgets(nb) + check_outputs(nb)
    else:
        found += not_executed(nb)
    return [f"{paths.rel(path)}: {p}" for p in found]
