"""Seed sweep: re-execute notebooks with the setup cell's ``SEED = 0`` replaced.

``python -m coursekit seeds NOTEBOOK... --seeds 0 1 2`` executes a copy of each notebook
(the file is never changed) once per seed, in a fresh kernel started in the notebook's
folder, and reports as a table every cell tagged ``nbval-check-output`` whose output
differs from the stored one (compared as nbval compares them, after the sanitizers of
``tests/nbval_sanitize.cfg``; images are not compared) and every cell that raised.
The same comparison serves the Colab lane (``kernel=`` a kernel of another environment).
"""

from __future__ import annotations

import configparser
import copy
import difflib
import hashlib
import os
import re
import resource
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

from . import nbio, paths
from .execute import CELL_TIMEOUT_S

SEED_LINE = re.compile(r"^SEED = \d+[ \t]*(#[^\n]*)?$", re.MULTILINE)
CHECK_TAG = "nbval-check-output"
SANITIZE_FILE = paths.ROOT / "tests" / "nbval_sanitize.cfg"
# Output keys nbval leaves out of the comparison (it skips images unless --nbdime).
SKIP_KEYS = frozenset({"metadata", "traceback", "prompt_number", "output_type", "name", "execution_count",
                       "application/vnd.jupyter.widget-view+json", "image/png", "image/jpeg"})


class SeedError(ValueError):
    """A notebook whose setup cell has no line ``SEED = <integer>``."""


@dataclass(frozen=True)
class Problem:
    """One row of the sweep's table: a checked cell that changed, a cell that raised, or a failed run."""

    notebook: str
    seed: int
    cell: int
    kind: str  # "changed", "error", "not executed" (the stored cell has no run to compare with) or "run failed"
    stored: str
    got: str


@dataclass
class Run:
    notebook: str
    seed: int
    seconds: float
    problems: list[Problem] = field(default_factory=list)
    cpu_seconds: float = 0.0  # CPU time of the kernel (user + system): comparable on a busy machine
    executed: nbformat.NotebookNode | None = None


def with_seed(nb: nbformat.NotebookNode, seed: int) -> nbformat.NotebookNode:
    """A copy of the notebook whose setup cell (first code cell) says ``SEED = seed``."""
    cells = nbio.code_cells(nb)
    if not cells or not SEED_LINE.search(nbio.source(cells[0][1])):
        raise SeedError("the setup cell (first code cell) has no line 'SEED = <integer>' to replace")
    out = copy.deepcopy(nb)
    setup = out.cells[cells[0][0]]
    setup.source = SEED_LINE.sub(f"SEED = {seed}", nbio.source(setup), count=1)
    return out


def sanitizers(cfg: Path = SANITIZE_FILE) -> list[tuple[re.Pattern[str], str]]:
    """The (regex, replacement) pairs of an nbval sanitize file, in order."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(cfg, encoding="utf-8")
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def comparable(outputs: Sequence[Any], rules: list[tuple[re.Pattern[str], str]]) -> dict[str, list[str]]:
    """Outputs as nbval compares them: streams merged by name, keys flattened, images left out, sanitized."""
    merged: list[dict[str, Any]] = []
    streams: dict[str, dict[str, Any]] = {}
    for out in outputs:
        if out.get("output_type") == "stream":
            name = out.get("name", "stdout")
            if name in streams:
                streams[name][name] += _text(out.get("text", ""))
            else:
                streams[name] = {name: _text(out.get("text", ""))}
                merged.append(streams[name])
        else:
            merged.append(dict(out))
    flat: dict[str, list[str]] = {}
    for out in merged:
        for key, value in out.items():
            if key in SKIP_KEYS:
                continue
            items = value.items() if key == "data" else [(key, value)]
            for sub, v in items:
                if sub not in SKIP_KEYS:
                    text = _text(v)
                    for regex, replace in rules:
                        text = regex.sub(replace, text)
                    flat.setdefault(sub, []).append(text)
    return flat


def _as_text(flat: dict[str, list[str]]) -> str:
    return "\n".join(f"[{key}] " + "\n".join(values) if len(flat) > 1 else "\n".join(values)
                     for key, values in sorted(flat.items()))


def differing_lines(stored: str, got: str, limit: int = 3) -> tuple[str, str]:
    """The lines that differ, stored side and new side, at most ``limit`` each."""
    a, b = stored.splitlines(), got.splitlines()
    old, new = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag != "equal":
            old += a[i1:i2]
            new += b[j1:j2]
    cut = lambda lines: " / ".join(line.strip() for line in lines[:limit]) + (" / …" if len(lines) > limit else "")
    return cut(old) or "(nothing)", cut(new) or "(nothing)"


def compare(stored: nbformat.NotebookNode, executed: nbformat.NotebookNode, name: str, seed: int,
            rules: list[tuple[re.Pattern[str], str]]) -> list[Problem]:
    """Checked cells whose output changed, and cells that raised, in the executed copy."""
    problems = []
    for i, (old, new) in enumerate(zip(stored.cells, executed.cells)):
        if new.cell_type != "code":
            continue
        for out in new.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(Problem(name, seed, i, "error", "(no error)",
                                        f"{out.get('ename')}: {_text(out.get('evalue', ''))}"[:300]))
        if CHECK_TAG in nbio.tags(old):
            before, after = comparable(old.get("outputs", []), rules), comparable(new.get("outputs", []), rules)
            if old.get("execution_count") is None:  # edited and not re-run: nothing to compare with
                problems.append(Problem(name, seed, i, "not executed", "(stored cell not executed)",
                                        differing_lines("", _as_text(after))[1]))
            elif before != after:
                problems.append(Problem(name, seed, i, "changed", *differing_lines(_as_text(before), _as_text(after))))
    return problems


def execute(nb: nbformat.NotebookNode, cwd: Path, kernel: str) -> nbformat.NotebookNode:
    """Run every cell in a fresh ``kernel`` started in ``cwd``, errors allowed; return the executed notebook."""
    NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name=kernel, allow_errors=True,
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# Kernels run side by side on few cores: OpenMP threads that spin while waiting starve each other
# (chapter 01 went from about 100 s to a 600 s cell timeout at 2 workers on the busy 2-core machine).
# Sleeping instead of spinning changes no result: the number of threads stays the same.
KERNEL_ENV = {"OMP_WAIT_POLICY": "PASSIVE"}

# A kernel that dies before its first reply ran no cell: on a loaded machine this happens now and then
# (seen once in CI at seed 2), so such a start is retried; any failure after the start is reported.
KERNEL_START_FAILURE = "Kernel died before replying to kernel_info"
START_RETRIES = 1


def run_one(path: Path, seed: int, kernel: str = "python3", keep: bool = False, text: str | None = None) -> Run:
    """Execute a copy of ``path`` (or of its content ``text``, read earlier) at ``seed``; compare with it.

    Meant for the sweep's worker processes: it sets KERNEL_ENV in this process's environment.
    """
    for key, value in KERNEL_ENV.items():
        os.environ.setdefault(key, value)
    name = paths.rel(path) if path.resolve().is_relative_to(paths.ROOT) else str(path)
    stored = nbformat.reads(text, as_version=nbio.AS_VERSION) if text is not None else nbio.read(path)
    start, cpu_start = time.perf_counter(), _children_cpu()
    for attempt in range(1 + START_RETRIES):
        try:
            executed = execute(with_seed(stored, seed), path.parent, kernel)
            break
        except Exception as exc:  # a timeout, a dead kernel, a missing SEED line: one row says so
            if attempt < START_RETRIES and KERNEL_START_FAILURE in str(exc):
                continue  # the kernel never started (a busy machine), so no cell ran: start a fresh one
            return Run(name, seed, time.perf_counter() - start,
                       [Problem(name, seed, -1, "run failed", "", f"{type(exc).__name__}: {exc}"[:300])])
    run = Run(name, seed, time.perf_counter() - start, compare(stored, executed, name, seed, sanitizers()),
              _children_cpu() - cpu_start)
    run.executed = executed if keep else None
    return run


_CACHE: dict[tuple[str, int, str], Run] = {}


def sweep(notebooks: Sequence[Path], seeds: Sequence[int], workers: int = 2, kernel: str = "python3",
          progress: Callable[[Run], None] | None = None) -> list[Run]:
    """Run every (notebook, seed) pair, ``workers`` at a time, longest notebooks first.

    Each notebook is read once, so one that is edited meanwhile is compared with the version that ran.
    Runs are cached in this process by (content, seed, kernel): the seed test and the prose-number test
    of one pytest session share them. ``progress`` is called with each finished run.
    """
    texts = {p: p.read_text(encoding="utf-8") for p in notebooks}
    keys = {(p, s): (hashlib.sha256(texts[p].encode()).hexdigest(), s, kernel) for p in notebooks for s in seeds}
    todo = sorted((job for job, key in keys.items() if key not in _CACHE), key=lambda job: -len(texts[job[0]]))
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, min(workers, len(todo))), mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(run_one, p, s, kernel, True, texts[p]): (p, s) for p, s in todo}
            for future in as_completed(futures):
                run = future.result()
                _CACHE[keys[futures[future]]] = run
                if progress:
                    progress(run)
    return [_CACHE[keys[(p, s)]] for p in notebooks for s in seeds]


def table(runs: Sequence[Run]) -> str:
    """Markdown table of every problem, then one line per run with its time."""
    problems = [p for r in runs for p in r.problems]
    lines = []
    if problems:
        lines += ["| notebook | cell | seed | kind | stored | got |", "|---|---:|---:|---|---|---|"]
        esc = lambda s: " / ".join(line.strip() for line in s.splitlines() if line.strip()).replace("|", "\\|")
        lines += [f"| {p.notebook} | {p.cell} | {p.seed} | {p.kind} | {esc(p.stored)} | {esc(p.got)} |"
                  for p in problems]
        lines.append("")
    lines.append(f"{len(problems)} problem(s) in {len(runs)} run(s):")
    lines += [f"  {r.notebook} seed {r.seed}: {len(r.problems)} problem(s), {r.seconds:.1f} s "
              f"(kernel CPU {r.cpu_seconds:.1f} s)" for r in runs]
    return "\n".join(lines)
