"""Kernel-side guard of the grader: it runs INSIDE the kernel of the submission being graded.

The worker sends this file's text to the kernel before any student code (it imports nothing from
coursekit, so the kernel needs no path to the repository). ``install`` imports the modules the lab uses
and snapshots what a check relies on:

* the attributes of every module loaded at that moment (functions, classes, constants; not None/bool
  flags that libraries flip lazily), the dictionaries of the classes they define, and the code objects,
  defaults and keyword defaults of their functions;
* ``sys.modules`` entries, import hooks (``sys.meta_path``, ``sys.path_hooks``), warning filters;
* IPython's hooks: ``set_custom_exc`` (``CustomTB``, ``custom_exceptions``), ``showtraceback`` and other
  methods shadowed on the shell, kernel, session and display objects, AST and input transformers,
  event callbacks; and the trace/profile functions.

Right before a check, :meth:`Guard.before` puts all of that back and hides user-namespace names that
shadow builtins; right after it, :meth:`Guard.after` re-applies what the student had set (unless the
check itself changed it), so the student's later cells see their own state. What was put back in the
sensitive places is reported as review flags (:meth:`Guard.report`, read by the worker through the
``user_expressions`` of the execute request, so it does not depend on output ordering).

This defeats the known tricks of an earlier student cell; it cannot stop code that attacks the grader
deliberately (the kernel is the student's process). See reference/huong_dan_giang_vien.md.
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import json
import sys
import threading
import types
import warnings
from typing import Any

_MISSING = object()
# Reverting these in the named places is normal library behaviour, not a student's doing.
_BENIGN = {"torch.manual_seed", "torch.seed", "torch.initial_seed", "builtins.input", "builtins.raw_input"}
_SENSITIVE_EXACT = {"builtins", "math", "cmath", "operator", "torch", "torch._tensor", "torch.functional",
                    "torch.nn.functional", "numpy", "contextlib", "unicodedata", "re"}
_SENSITIVE_PACKAGES = ("torch.testing", "numpy.testing", "unittest.mock", "IPython", "ipykernel", "jupyter_client")
GUARDED_PACKAGES = {"builtins", "math", "cmath", "operator", "functools", "itertools", "numbers", "copy",
                    "contextlib", "unittest", "unicodedata", "re", "string", "collections", "random", "statistics",
                    "decimal", "fractions", "warnings", "types", "abc", "torch", "numpy", "IPython", "ipykernel",
                    "jupyter_client"}
UNGUARDED_PACKAGES = {"matplotlib", "mpl_toolkits", "PIL", "ipywidgets"}
# Dunder names that Python or typing add to classes lazily.
_LAZY_DUNDERS = {"__slotnames__", "__abstractmethods__", "__parameters__", "__annotations__", "__protocol_attrs__",
                 "__non_callable_proto_members__", "__callable_proto_members_only__"}
# The user namespace (guarded name by name), and sys (its streams and last_* change on every cell; its
# hooks that matter are guarded one by one).
_UNGUARDED_MODULES = {"__main__", "__mp_main__", "sys"}
# IPython's output history: rebound by every cell, never a builtin the checks use.
_HISTORY_NAMES = {"_", "__", "___"}
# Data attributes of the shell (methods are guarded by removing instance attributes that shadow them).
_SHELL_ATTRS = ("custom_exceptions", "CustomTB", "InteractiveTB", "SyntaxTB", "events", "compile",
                "displayhook", "display_pub", "input_transformer_manager", "kernel", "user_ns")
_SHELL_LISTS = ("ast_transformers", "input_transformers_post", "input_transformers_cleanup")


def _sensitive(module: str) -> bool:
    return module in _SENSITIVE_EXACT or any(module == m or module.startswith(m + ".") for m in _SENSITIVE_PACKAGES)


def _user_defined(obj: Any) -> bool:
    module = getattr(obj, "__module__", None) or getattr(getattr(obj, "__func__", None), "__module__", None)
    return module in (None, "__main__", "builtins")


def _guarded_value(value: Any) -> bool:
    return value is not None and type(value) is not bool


class _Undo:
    """One value put back before a check: how to read and write it, and the student's value."""

    __slots__ = ("read", "write", "original", "student")

    def __init__(self, read: Any, write: Any, original: Any, student: Any) -> None:
        self.read, self.write, self.original, self.student = read, write, original, student


def _dict_access(d: dict, key: str) -> tuple[Any, Any]:
    def read() -> Any:
        return d.get(key, _MISSING)

    def write(value: Any) -> None:
        if value is _MISSING:
            d.pop(key, None)
        else:
            d[key] = value
    return read, write


def _attr_access(obj: Any, key: str, own: bool = True) -> tuple[Any, Any]:
    def read() -> Any:
        if own:
            return vars(obj).get(key, _MISSING)
        return getattr(obj, key, _MISSING)

    def write(value: Any) -> None:
        if value is _MISSING:
            try:
                delattr(obj, key)
            except AttributeError:
                pass
        else:
            setattr(obj, key, value)
    return read, write


class Guard:
    """Snapshot taken before any student code; put back around each check."""

    def __init__(self, user_ns: dict, shell: Any, packages: set[str]) -> None:
        self.user_ns, self.shell, self.packages = user_ns, shell, packages
        self.modules: list[tuple[str, dict, dict, bool]] = []
        self.classes: list[tuple[str, type, dict, bool]] = []
        self.functions: list[tuple[str, types.FunctionType, tuple]] = []
        self.sys_modules: dict[str, Any] = {}
        self.lists: list[tuple[str, Any, str, list]] = []
        self.objects: list[tuple[str, Any, dict, set]] = []
        self.builtin_names: set[str] = set()
        self.user_ns_baseline: dict[str, Any] = {}
        self.threads: set[int] = set()
        self.undo: list[_Undo] = []
        self.flags: set[str] = set()
        self.failures = 0
        self._snapshot()

    # -- snapshot ---------------------------------------------------------------------------------
    def _snapshot(self) -> None:
        for name, module in list(sys.modules.items()):
            if (not isinstance(module, types.ModuleType) or name in _UNGUARDED_MODULES
                    or name.split(".")[0] not in self.packages):
                continue
            self.sys_modules[name] = module
            namespace = vars(module)
            keep = {k: v for k, v in namespace.items()
                    if _guarded_value(v) and (name == "builtins" or not (k.startswith("__") and k.endswith("__")))
                    and k != "_"}
            self.modules.append((name, namespace, keep, _sensitive(name)))
            for key, value in list(namespace.items()):
                if isinstance(value, types.FunctionType):
                    self._function(f"{name}.{key}", value)
                elif issubclass(type(value), type) and vars(value).get("__module__") == name:
                    self._class(f"{name}.{key}", value)
        self.builtin_names = (set(vars(builtins)) | {"__builtins__"}) - _HISTORY_NAMES
        self.user_ns_baseline = {k: self.user_ns[k] for k in self.builtin_names if k in self.user_ns}
        self.lists = [("sys.meta_path", sys, "meta_path", list(sys.meta_path)),
                      ("sys.path_hooks", sys, "path_hooks", list(sys.path_hooks)),
                      ("warnings.filters", warnings, "filters", list(warnings.filters))]
        if self.shell is not None:
            self._snapshot_shell()
        self.threads = {t.ident for t in threading.enumerate() if t.ident is not None}

    def _function(self, label: str, fn: types.FunctionType) -> None:
        self.functions.append((label, fn, (fn.__code__, fn.__defaults__, fn.__kwdefaults__)))

    def _class(self, label: str, cls: type) -> None:
        own = dict(vars(cls))
        self.classes.append((label, cls, own, _sensitive(cls.__module__)))
        for key, value in own.items():
            inner = value.__func__ if isinstance(value, (staticmethod, classmethod)) else value
            if isinstance(inner, types.FunctionType):
                self._function(f"{label}.{key}", inner)

    def _snapshot_shell(self) -> None:
        shell = self.shell
        for attr in _SHELL_LISTS:
            value = getattr(shell, attr, None)
            if isinstance(value, list):
                self.lists.append((f"IPython.{attr}", shell, attr, list(value)))
        manager = getattr(shell, "input_transformer_manager", None)
        for attr in ("cleanup_transforms", "line_transforms", "token_transformers"):
            value = getattr(manager, attr, None)
            if isinstance(value, list):
                self.lists.append((f"IPython.input_transformer_manager.{attr}", manager, attr, list(value)))
        events = getattr(shell, "events", None)
        for event, callbacks in dict(getattr(events, "callbacks", {})).items():
            self.lists.append((f"IPython.events.{event}", events.callbacks, event, list(callbacks)))
        kernel = getattr(shell, "kernel", None)
        targets = [("IPython.shell", shell), ("ipykernel.kernel", kernel),
                   ("ipykernel.session", getattr(kernel, "session", None)),
                   ("ipykernel.iopub_socket", getattr(kernel, "iopub_socket", None)),
                   ("IPython.displayhook", getattr(shell, "displayhook", None)),
                   ("IPython.display_pub", getattr(shell, "display_pub", None)),
                   ("IPython.compile", getattr(shell, "compile", None))]
        for label, obj in targets:
            if obj is not None and hasattr(obj, "__dict__"):
                methods = {k for k in dir(type(obj))
                           if isinstance(inspect.getattr_static(type(obj), k, None), types.FunctionType)}
                self.objects.append((label, obj, dict(vars(obj)), methods))
        self.shell_attrs = {a: getattr(shell, a, _MISSING) for a in _SHELL_ATTRS}

    # -- putting back -----------------------------------------------------------------------------
    def _put_back(self, label: str, read: Any, write: Any, original: Any, sensitive: bool) -> None:
        current = read()
        if current is original:
            return
        try:
            write(original)
        except Exception:  # an immutable type or a read-only slot: nothing the student could change either
            self.failures += 1
            return
        self.undo.append(_Undo(read, write, original, current))
        if sensitive and label not in _BENIGN:
            self.flags.add(label)

    def _put_back_list(self, label: str, owner: Any, key: str, saved: list) -> None:
        if isinstance(owner, dict):
            read, write = _dict_access(owner, key)
        else:
            read, write = _attr_access(owner, key, own=False)
        current = read()
        if isinstance(current, list) and len(current) == len(saved) and all(a is b for a, b in zip(current, saved)):
            return
        fresh = list(saved)
        try:
            write(fresh)
        except Exception:
            self.failures += 1
            return
        self.undo.append(_Undo(read, write, fresh, current))
        if label == "warnings.filters":
            warnings._filters_mutated()  # type: ignore[attr-defined]
        elif not label.startswith("IPython.events.") or any(_user_defined(c) for c in current or ()):
            self.flags.add(label)  # libraries (matplotlib) add event callbacks of their own

    def before(self) -> None:
        """Put the snapshot back (read the review flags found so far with :meth:`report`)."""
        self.undo = []
        for name, namespace, keep, sensitive in self.modules:
            for key, value in keep.items():
                if namespace.get(key, _MISSING) is not value:
                    read, write = _dict_access(namespace, key)
                    self._put_back(f"{name}.{key}", read, write, value, sensitive)
        for label, cls, own, sensitive in self.classes:
            current = vars(cls)
            for key, value in own.items():
                if current.get(key, _MISSING) is not value:
                    read, write = _attr_access(cls, key)
                    self._put_back(f"{label}.{key}", read, write, value, sensitive)
            for key in [k for k in current if k not in own and k not in _LAZY_DUNDERS]:
                # An added operator, or an added name that hides a base class's method
                # (``torch.Tensor.allclose = ...`` hides the C implementation).
                dunder = key.startswith("__") and key.endswith("__")
                if not dunder and not any(key in vars(base) for base in cls.__mro__[1:]):
                    continue
                read, write = _attr_access(cls, key)
                self._put_back(f"{label}.{key}", read, write, _MISSING, sensitive)
        for label, fn, saved in self.functions:
            for attr, value in zip(("__code__", "__defaults__", "__kwdefaults__"), saved):
                if getattr(fn, attr) is not value:
                    read, write = _attr_access(fn, attr, own=False)
                    self._put_back(f"{label}.{attr}", read, write, value, True)
        for name, module in self.sys_modules.items():
            if sys.modules.get(name) is not module:
                read, write = _dict_access(sys.modules, name)
                self._put_back(f"sys.modules[{name!r}]", read, write, module, _sensitive(name))
        for label, owner, key, saved in self.lists:
            self._put_back_list(label, owner, key, saved)
        if self.shell is not None:
            self._before_shell()
        for name in self.builtin_names & set(self.user_ns):
            read, write = _dict_access(self.user_ns, name)
            self._put_back(name, read, write, self.user_ns_baseline.get(name, _MISSING), False)
        self._before_tracing()
        started = [t.name for t in threading.enumerate() if t.ident not in self.threads and t.is_alive()]
        if started:
            self.flags.add("threading: " + ", ".join(sorted(started)))

    def report(self) -> str:
        """The review flags so far, as JSON."""
        return json.dumps(sorted(self.flags))

    def _before_shell(self) -> None:
        for label, obj, saved, methods in self.objects:
            current = vars(obj)
            for key, value in saved.items():
                if key in _SHELL_ATTRS or (callable(value) and not key.startswith("_")):
                    read, write = _attr_access(obj, key)
                    self._put_back(f"{label}.{key}", read, write, value, True)
            for key in [k for k in current if k not in saved and k in methods]:
                read, write = _attr_access(obj, key)
                self._put_back(f"{label}.{key}", read, write, _MISSING, True)
        for attr, value in self.shell_attrs.items():
            if value is not _MISSING:
                read, write = _attr_access(self.shell, attr, own=False)
                self._put_back(f"IPython.shell.{attr}", read, write, value, True)

    def _before_tracing(self) -> None:
        for label, getter, setter in (("sys.settrace", sys.gettrace, sys.settrace),
                                      ("sys.setprofile", sys.getprofile, sys.setprofile)):
            current = getter()
            if current is not None:
                setter(None)
                self.undo.append(_Undo(getter, setter, None, current))
                self.flags.add(label)
        for attr in ("_trace_hook", "_profile_hook"):
            if getattr(threading, attr, None) is not None:
                read, write = _attr_access(threading, attr, own=False)
                self._put_back(f"threading.{attr}", read, write, None, True)

    def after(self) -> None:
        """Re-apply the student's values that the check left alone."""
        for item in reversed(self.undo):
            try:
                if item.read() is item.original:
                    item.write(item.student)
            except Exception:
                self.failures += 1
        self.undo = []
        if any(label == "warnings.filters" for label, *_ in self.lists):
            warnings._filters_mutated()  # type: ignore[attr-defined]


def install(name: str, modules: list[str], memory_bytes: int = 0, file_bytes: int = 0) -> Guard:
    """Limit memory, import the lab's modules, snapshot, and publish the guard as builtins.<name>.

    The snapshot covers the packages checks use (``GUARDED_PACKAGES``) and those the lab imports,
    except plotting packages no check relies on.
    """
    try:
        import resource
        for limit, value in ((getattr(resource, "RLIMIT_DATA", None), memory_bytes),
                             (getattr(resource, "RLIMIT_FSIZE", None), file_bytes)):
            if limit is not None and value > 0:
                resource.setrlimit(limit, (value, value))
    except (ImportError, ValueError, OSError):
        pass  # not on this OS: the worker's wall-clock limit still applies
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for module in modules:
            try:
                importlib.import_module(module)
            except Exception:  # a module the lab imports but this machine lacks: the lab's cells will say so
                pass
    try:
        from IPython import get_ipython
        shell = get_ipython()
    except ImportError:
        shell = None
    user_ns = shell.user_ns if shell is not None else vars(sys.modules["__main__"])
    packages = (GUARDED_PACKAGES | {m.split(".")[0] for m in modules}) - UNGUARDED_PACKAGES
    guard = Guard(user_ns, shell, packages)
    setattr(builtins, name, guard)
    return guard
