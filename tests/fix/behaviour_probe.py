"""Does ``flake8-ssot fix`` keep what a program does? Run it and compare, object by object.

A project is written twice; ``fix`` rewrites one copy. Then a subprocess
imports each module of interest from each copy (this file is that
subprocess's script too: ``python behaviour_probe.py JSON BEFORE AFTER``) and
prints, for every module-level name, a stable identity of the object it is
bound to. Identities compare across processes and copies: functions and
classes by module, qualified name and defining file relative to the root,
modules by name, other values (the projects use ``Value`` objects and
``None``) by type and repr.

The only change allowed is the migration itself: a name that came from a
legacy module may become the same-named object of its replacement, and a
module alias (``import OLD as x``) may become the configured replacement
module. Each binding that may change says so in an *origin*:
``[replacement_module, name]`` (``name`` None for a module), or
``{"items": [...]}`` for a tuple of bindings, or None (must not change).
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import shutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

#: Where a binding may go after fix: None, [module, name|None], or {"items": [...]}.
Origin = None | list[str | None] | dict[str, list["Origin"]]
#: A stable identity: a string, or a list of them for a tuple.
Identity = str | list["Identity"]

IMPORT_CODES = ("SOT101", "SOT102", "SOT201", "SOT202", "SOT301", "SOT502")
_FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>SOT\d+) ")
_LEFT = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>SOT\d+) left as is: ")


# ---------------------------------------------------------------- the probe (subprocess side)


def identity(value: object, root: Path) -> Identity:
    """What ``value`` is, in terms that mean the same in another process and another copy."""
    if isinstance(value, types.ModuleType):
        return f"module {value.__name__}"
    if isinstance(value, (type, types.FunctionType)):
        try:
            where = Path(inspect.getfile(value)).resolve().relative_to(root).as_posix()
        except (TypeError, ValueError):
            where = "?"
        kind = "class" if isinstance(value, type) else "function"
        return f"{kind} {value.__module__}:{value.__qualname__} in {where}"
    if isinstance(value, tuple):
        return [identity(item, root) for item in value]
    return f"{type(value).__qualname__} {value!r}"


def _swap_target(origin: Origin, root: Path) -> Identity | None:
    """The identity a binding may take after fix, or None if it may not change."""
    if isinstance(origin, dict):
        items = [_swap_target(item, root) for item in origin["items"]]
        return [item if item is not None else "" for item in items]
    if origin is None:
        return None
    module_name, name = origin
    assert module_name is not None
    try:
        module = importlib.import_module(module_name)
        if name is None:
            return identity(module, root)
        if hasattr(module, name):
            return identity(getattr(module, name), root)
        return identity(importlib.import_module(f"{module_name}.{name}"), root)
    except Exception:  # the replacement has no such object: no swap is possible
        return None


def _forget_project_modules(root: Path) -> None:
    for name, module in list(sys.modules.items()):
        places = [getattr(module, "__file__", None), *getattr(module, "__path__", [])]
        if any(place and Path(place).resolve().is_relative_to(root) for place in places):
            del sys.modules[name]


def probe(root: Path, origins: Mapping[str, Mapping[str, Origin]]) -> dict[str, object]:
    """Import each module afresh; its bindings' identities and allowed swaps, or its error."""
    sys.path.insert(0, str(root))
    report: dict[str, object] = {}
    for module_name, module_origins in origins.items():
        _forget_project_modules(root)
        try:
            module = importlib.import_module(module_name)
        except Exception as error:
            report[module_name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        names = {
            name: identity(value, root)
            for name, value in vars(module).items()
            if not (name.startswith("__") and name.endswith("__"))
        }
        swaps = {
            name: _swap_target(origin, root)
            for name, origin in module_origins.items()
            if origin is not None
        }
        report[module_name] = {"names": names, "swaps": swaps}
    _forget_project_modules(root)
    sys.path.remove(str(root))
    importlib.invalidate_caches()
    return report


def main() -> None:
    """``behaviour_probe.py ORIGINS ROOT...``: each root probed in turn, its report a line."""
    origins = json.loads(sys.argv[1])
    for root in sys.argv[2:]:
        print(json.dumps(probe(Path(root).resolve(), origins)))


# ---------------------------------------------------------------- the test side


@dataclass(frozen=True)
class Project:
    """A generated or hand-written project: its files, and what each module's bindings may become.

    ``origins`` lists the modules to compare (the clients); changed modules
    are compared too, with no binding allowed to change.
    """

    files: Mapping[str, str]
    origins: Mapping[str, Mapping[str, Origin]]

    def write(self, root: Path) -> None:
        for relative, text in self.files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def as_python(self) -> str:
        """The project as a literal, to paste as a regression case."""
        lines = ["Project(", "    files={"]
        for relative, text in self.files.items():
            lines.append(f"        {relative!r}: {text!r},")
        lines.append("    },")
        lines.append(f"    origins={json.loads(json.dumps(self.origins))!r},")
        lines.append(")")
        return "\n".join(lines)


@dataclass(frozen=True)
class Outcome:
    """Everything one fix run did, and every way it changed behaviour."""

    fix_output: str
    diffs: dict[str, tuple[str, str]]
    problems: list[str]


def _run(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-B", *command],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


class Result(TypedDict):
    """What one command printed, and its status."""

    stdout: str
    stderr: str
    status: int


#: Runs ``python -m MODULE ARGS`` several times in one process (tests/tables/runner.py).
RUNNER = Path(__file__).resolve().parent.parent / "tables" / "runner.py"


def _commands(root: Path, *commands: tuple[str, ...]) -> list[Result]:
    """``python -m MODULE ARGS...`` in ``root``, one after another, in one process."""
    runs = [{"cwd": str(root), "module": module, "argv": list(args)} for module, *args in commands]
    completed = subprocess.run(
        [sys.executable, "-B", str(RUNNER)],
        input=json.dumps(runs),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    results: list[Result] = json.loads(completed.stdout)
    return results


def _module_name(relative: str) -> str:
    path = Path(relative).with_suffix("")
    parts = path.parts[:-1] if path.name == "__init__" else path.parts
    return ".".join(parts)


def _probe(
    roots: tuple[Path, Path], origins: Mapping[str, Mapping[str, Origin]]
) -> list[dict[str, dict[str, object]]]:
    """Both copies probed by one subprocess, one after the other (each imported afresh)."""
    run = _run(roots[0], str(Path(__file__).resolve()), json.dumps(origins), *map(str, roots))
    assert run.returncode == 0, run.stderr
    reports: list[dict[str, dict[str, object]]] = [
        json.loads(line) for line in run.stdout.splitlines()
    ]
    return reports


def _matches(before: Identity, after: Identity | None, swap: Identity | None) -> bool:
    if after == before:
        return True
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        swaps: list[Identity | None] = [None] * len(before)
        if isinstance(swap, list) and len(swap) == len(before):
            swaps = list(swap)
        return all(map(_matches, before, after, swaps))
    return swap is not None and after == swap


def check_fix_keeps_behaviour(project: Project) -> Outcome:
    """Fix a copy of the project; list every binding, import or finding that went wrong."""
    with tempfile.TemporaryDirectory(prefix="fixbehaviour") as temporary:
        before_root = Path(temporary, "before").resolve()
        after_root = Path(temporary, "after").resolve()
        before_root.mkdir()
        project.write(before_root)
        shutil.copytree(before_root, after_root)
        # fix, then what is left: one process (the tables' runner) for the three commands.
        fixed, again, linted = _commands(
            after_root,
            ("flake8_ssot", "fix", "app"),
            ("flake8_ssot", "fix", "--check", "app"),
            ("flake8", "app"),
        )
        problems: list[str] = []
        if fixed["status"] != 0 or "Traceback" in fixed["stderr"]:
            problems.append(f"fix exited {fixed['status']}: {fixed['stderr']}")
        diffs = {
            relative: (text, (after_root / relative).read_text(encoding="utf-8"))
            for relative, text in project.files.items()
            if relative.endswith(".py")
            and (after_root / relative).read_text(encoding="utf-8") != text
        }
        origins: dict[str, Mapping[str, Origin]] = dict(project.origins)
        for relative in diffs:
            origins.setdefault(_module_name(relative), {})
        before, after = _probe((before_root, after_root), origins)
        for module_name in origins:
            problems.extend(_compare(module_name, before[module_name], after[module_name]))
        problems.extend(_unlisted_findings(again, linted))
    return Outcome(fixed["stderr"], diffs, problems)


def _compare(module_name: str, before: dict[str, object], after: dict[str, object]) -> list[str]:
    assert "error" not in before, f"generator bug: {module_name} does not import: {before}"
    if "error" in after:
        return [f"{module_name} imported before fix, not after: {after['error']}"]
    names_before = before["names"]
    names_after = after["names"]
    swaps = before["swaps"]
    assert isinstance(names_before, dict) and isinstance(names_after, dict)
    assert isinstance(swaps, dict)
    problems = []
    for name, bound in names_before.items():
        now = names_after.get(name)
        if not _matches(bound, now, swaps.get(name)):
            expected = f" (or the swap {swaps[name]})" if swaps.get(name) is not None else ""
            problems.append(
                f"{module_name}: {name} before fix: {bound}{expected}; after fix: {now}"
            )
    for name in sorted(set(names_after) - set(names_before)):
        problems.append(f"{module_name}: {name} bound only after fix, to {names_after[name]}")
    return problems


def _unlisted_findings(again: Result, linted: Result) -> list[str]:
    """Every import finding flake8 reports after fix must be one that fix lists as left."""
    problems = []
    if again["status"] != 0:
        problems.append(f"a second fix would change the fixed files again: {again['stderr']}")
    left = {_key(match) for match in map(_LEFT.match, again["stderr"].splitlines()) if match}
    reported = {
        _key(match)
        for match in map(_FINDING.match, linted["stdout"].splitlines())
        if match and match["code"].startswith(IMPORT_CODES)
    }
    for line in sorted(reported - left):
        problems.append(f"flake8 reports {line} after fix, which fix does not list as left")
    for line in sorted(left - reported):
        problems.append(f"fix lists {line} as left, which flake8 does not report")
    return problems


def _key(match: re.Match[str]) -> str:
    return f"{match['path']}:{match['line']}:{match['col']}: {match['code']}"


if __name__ == "__main__":
    main()
