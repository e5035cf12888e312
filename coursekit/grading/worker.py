"""Run one prepared submission in a fresh kernel: ``python -m coursekit.grading.worker JOB_DIR``.

The grader starts one worker process per submission (so a submission that kills its parent or crashes
the kernel client only takes this worker down). ``JOB_DIR/job.json`` holds the plan made by
:mod:`coursekit.grading.notebook`; the worker writes ``JOB_DIR/kernel.pid`` as soon as the kernel runs
and ``JOB_DIR/result.json`` at the end. The kernel runs in its own empty temporary folder with a
minimal environment (no path to the repository, the solutions or other submissions), under one
wall-clock deadline and one output budget, with memory and file-size limits where the OS has them;
at the end the kernel, its process group and its descendants are killed.

A check "ran" only when the kernel answered its execute request; it passes (decided by the caller)
only if the reply status is ``ok`` and no ``error`` message came for it.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jupyter_client import KernelManager

GUARD_SOURCE = (Path(__file__).with_name("guard.py")).read_text(encoding="utf-8")
KERNEL_START_S = 60
PASSED_ENV = ("CUDA_VISIBLE_DEVICES", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy",
              "NO_PROXY")


class Stopped(Exception):
    """The submission cannot go on: 'timeout', 'kernel died' or 'output limit'."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


@dataclass
class Reply:
    status: str
    errors: list[list[str]] = field(default_factory=list)
    expressions: dict[str, Any] = field(default_factory=dict)


@dataclass
class Limits:
    timeout_s: float
    max_output: int
    memory_bytes: int
    file_bytes: int
    threads: int


def kernel_env(scratch: Path, threads: int) -> dict[str, str]:
    """A minimal environment: nothing that names the repository or the grader's folders."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(scratch), "TMPDIR": str(scratch / "tmp"),
        "MPLBACKEND": "Agg", "MPLCONFIGDIR": str(scratch / ".matplotlib"), "IPYTHONDIR": str(scratch / ".ipython"),
        "PYTHONHASHSEED": "0", "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
    }
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[name] = str(max(1, threads))
    env.update({k: os.environ[k] for k in PASSED_ENV if k in os.environ})
    return env


def output_size(msg_type: str, content: dict[str, Any]) -> int:
    if msg_type == "stream":
        return len(content.get("text", ""))
    if msg_type in ("display_data", "execute_result", "update_display_data"):
        return sum(len(str(v)) for v in content.get("data", {}).values())
    if msg_type == "error":
        return sum(len(line) for line in content.get("traceback", []))
    return 0


class Kernel:
    """A kernel in an empty folder, run under one deadline and one output budget."""

    def __init__(self, scratch: Path, job_dir: Path, limits: Limits) -> None:
        self.scratch, self.job_dir, self.limits = scratch, job_dir, limits
        self.km = KernelManager(kernel_name="python3")
        self.km.connection_file = str(job_dir / "kernel.json")
        self.client: Any = None
        self.pid: int | None = None
        self.deadline = float("inf")
        self.output = 0

    def start(self) -> None:
        (self.scratch / "tmp").mkdir()
        self.km.start_kernel(cwd=str(self.scratch), env=kernel_env(self.scratch, self.limits.threads),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             extra_arguments=["--HistoryManager.enabled=False"])
        self.pid = self.km.provisioner.process.pid  # type: ignore[union-attr]
        (self.job_dir / "kernel.pid").write_text(str(self.pid), encoding="utf-8")
        self.client = self.km.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=KERNEL_START_S)
        self.deadline = time.monotonic() + self.limits.timeout_s

    def _wait(self, get: Any, msg_id: str) -> dict[str, Any]:
        """The next message of ``get`` (iopub or shell) for ``msg_id``, within the deadline."""
        while True:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise Stopped("timeout")
            try:
                msg = get(timeout=min(left, 0.5))
            except queue.Empty:
                if not self.km.is_alive():
                    raise Stopped("kernel died") from None
                continue
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg

    def run(self, code: str, silent: bool = False, expressions: dict[str, str] | None = None) -> Reply:
        msg_id = self.client.execute(code, silent=silent, store_history=not silent, allow_stdin=False,
                                     stop_on_error=False, user_expressions=expressions or {})
        reply = Reply("unknown")
        while True:
            msg = self._wait(self.client.get_iopub_msg, msg_id)
            kind, content = msg["msg_type"], msg["content"]
            self.output += output_size(kind, content)
            if self.output > self.limits.max_output:
                raise Stopped("output limit")
            if kind == "error":
                reply.errors.append([str(content.get("ename", "")), str(content.get("evalue", ""))])
            elif kind == "status" and content.get("execution_state") == "idle":
                break
        shell = self._wait(self.client.get_shell_msg, msg_id)
        reply.status = str(shell["content"].get("status", "unknown"))
        reply.expressions = dict(shell["content"].get("user_expressions") or {})
        return reply

    def stop(self) -> None:
        """Kill the kernel, its process group and every descendant; release the channels."""
        if self.pid is not None:
            kill_tree(self.pid)
        try:
            if self.client is not None:
                self.client.stop_channels()
            self.km.cleanup_resources()
        except Exception:  # the kernel is gone already; nothing else to release
            pass
        process = getattr(self.km.provisioner, "process", None)
        if process is not None:
            try:
                process.wait(timeout=5)
            except Exception:
                pass


def kill_tree(pid: int) -> None:
    """SIGKILL a process, its descendants (where psutil can see them) and its process group."""
    victims: list[int] = []
    try:
        import psutil
        victims = [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except Exception:  # psutil missing or the process already gone: the process group still goes
        pass
    try:
        os.killpg(os.getpgid(pid), signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass
    for victim in [pid, *victims]:
        try:
            os.kill(victim, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, OSError):
            pass


def preamble(name: str, modules: list[str], limits: Limits) -> str:
    """Code that installs the guard without leaving a name in the user namespace."""
    return (f"(lambda s, n: (exec(compile(s, '<bo-cham>', 'exec'), n), "
            f"n['install']({name!r}, {modules!r}, {limits.memory_bytes}, {limits.file_bytes})))"
            f"({GUARD_SOURCE!r}, {{'__name__': 'bo_cham'}})")


def flags_of(reply: Reply) -> list[str]:
    """The guard's review flags, from the ``user_expressions`` of its execute reply."""
    value = reply.expressions.get("flags", {})
    try:
        return [str(f) for f in json.loads(ast.literal_eval(value["data"]["text/plain"]))]
    except (KeyError, TypeError, ValueError, SyntaxError):
        return ["guard report unreadable"] if reply.status == "ok" else []


def run_plan(kernel: Kernel, job: dict[str, Any], result: dict[str, Any]) -> None:
    """Run the steps in order; stop after the last check (nothing later can change a score)."""
    name = "_" + secrets.token_hex(8)  # no fixed prefix a cell could search builtins for
    setup = kernel.run(preamble(name, job["modules"], kernel.limits), silent=True)
    if setup.status != "ok":
        raise RuntimeError(f"the grader's preamble failed in the kernel: {setup.errors}")
    steps = job["steps"]
    last = max((i for i, s in enumerate(steps) if s["kind"] == "check"), default=-1)
    flags: set[str] = set()
    for step in steps[: last + 1]:
        if step["kind"] != "check":
            kernel.run(step["source"])
            continue
        question = step["question"]
        result["checks"][question] = {"ran": False, "reply": "not run", "errors": [], "guard": False}
        guard = kernel.run(f"{name}.before()", silent=True, expressions={"flags": f"{name}.report()"})
        flags.update(flags_of(guard))
        for source in job["locked"]:
            kernel.run(source, silent=True)
        reply = kernel.run(step["source"])
        kernel.run(f"{name}.after()", silent=True)
        result["checks"][question] = {"ran": True, "reply": reply.status, "errors": reply.errors[:3],
                                      "guard": guard.status == "ok" and not guard.errors}
        result["flags"] = sorted(flags)


def grade_job(job_dir: Path) -> dict[str, Any]:
    job = json.loads((job_dir / "job.json").read_text(encoding="utf-8"))
    limits = Limits(**job["limits"])
    result: dict[str, Any] = {"status": "ok", "detail": "", "checks": {}, "flags": [], "seconds": 0.0}
    scratch = Path(tempfile.mkdtemp(prefix="cham_"))
    start = time.monotonic()
    kernel = Kernel(scratch, job_dir, limits)
    try:
        shutil.copyfile(job_dir / "submission", scratch / job["copy_name"])
        try:
            kernel.start()
        except Exception as exc:  # no kernel, no grade: the caller reports it as ungraded
            result.update(status="kernel failed", detail=f"{type(exc).__name__}: {exc}")
            return result
        try:
            run_plan(kernel, job, result)
        except Stopped as stop:
            result["status"] = stop.status
    finally:
        kernel.stop()
        shutil.rmtree(scratch, ignore_errors=True)
        result["seconds"] = round(time.monotonic() - start, 1)
    return result


def main(argv: list[str]) -> int:
    job_dir = Path(argv[0])
    try:
        result = grade_job(job_dir)
    except Exception as exc:  # reported to the caller as a grader error, with the reason
        result = {"status": "grader error", "detail": f"{type(exc).__name__}: {exc}", "checks": {}, "flags": [],
                  "seconds": 0.0}
    (job_dir / "result.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
