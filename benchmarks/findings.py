"""Compare what flake8-ssot and the banned-module checkers report on the same bans.

Findings are compared per import statement (a tool may point at a
statement's first line or at one of its names), and every difference is
sorted into a named reason: flake8-ssot's extra finds (relative and dynamic
imports) and the other tools' extras that flake8-ssot leaves alone by
design (a deprecated facade's submodules are its replacements). Anything
else lands in "unexplained", which the run prints so a person can look.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

FINDING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+[0-9]+) ")
SSOT_BAN_CODES = frozenset({"SOT101", "SOT201"})

Site = tuple[str, int]  # (path, first line of the import statement or call)


def parse_output(output: str, codes: Iterable[str], cwd: Path) -> list[tuple[str, int, str]]:
    """(path, line, code) of every finding with one of the codes in flake8/ruff concise output.

    ruff prints paths relative to its working directory, flake8 as given:
    both become absolute against ``cwd``, the directory the tools ran in.
    """
    wanted = frozenset(codes)
    found = []
    for line in output.splitlines():
        match = FINDING_LINE.match(line)
        if match and match["code"] in wanted:
            found.append((str(cwd / match["path"]), int(match["line"]), match["code"]))
    return found


@cache
def statements_by_line(path: str) -> dict[int, ast.stmt]:
    """Each line of an import statement, mapped to that statement."""
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (SyntaxError, ValueError):
        return {}
    spans: dict[int, ast.stmt] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                spans[line] = node
    return spans


def sites(found: Iterable[tuple[str, int, str]]) -> set[Site]:
    return {
        (path, getattr(statements_by_line(path).get(line), "lineno", line))
        for path, line, _ in found
    }


@dataclass(frozen=True)
class Bans:
    """The modules both sides ban, and where submodules can be looked up."""

    facades: tuple[str, ...]
    source_roots: tuple[Path, ...]

    def is_submodule(self, dotted: str) -> bool:
        relative = Path(*dotted.split("."))
        return any(
            (root / relative).with_suffix(".py").is_file()
            or (root / relative / "__init__.py").is_file()
            for root in self.source_roots
        )

    def facade_submodule_reason(self, path: str, statement: ast.stmt | None) -> str | None:
        """Why flake8-ssot leaves this statement alone, if it is a facade's submodule import."""
        if isinstance(statement, ast.ImportFrom):
            module = absolute_module(path, statement)
            if module in self.facades and all(
                self.is_submodule(f"{module}.{alias.name}") for alias in statement.names
            ):
                return "from FACADE import submodule (a replacement, allowed)"
            if module and any(module.startswith(f"{facade}.") for facade in self.facades):
                return "from FACADE.submodule import ... (a replacement, allowed)"
        if isinstance(statement, ast.Import) and all(
            any(alias.name.startswith(f"{facade}.") for facade in self.facades)
            for alias in statement.names
        ):
            return "import FACADE.submodule (a replacement, allowed)"
        return None


def absolute_module(path: str, statement: ast.ImportFrom) -> str | None:
    """The module a from-import names, relative ones resolved through __init__.py files."""
    if not statement.level:
        return statement.module
    package: list[str] = []
    directory = Path(path).parent
    while (directory / "__init__.py").is_file():
        package.insert(0, directory.name)
        directory = directory.parent
    if statement.level > len(package):
        return None
    base = package[: len(package) - statement.level + 1]
    return ".".join([*base, *([statement.module] if statement.module else [])])


def is_dynamic_import(path: str, line: int) -> bool:
    text = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()[line - 1]
    return "import_module" in text or "__import__" in text


def extra_find_reason(statement: ast.stmt | None) -> str:
    """Why flake8-ssot finds an import the other tool does not."""
    if statement is None:
        return "dynamic import (import_module / __import__)"
    if isinstance(statement, ast.ImportFrom) and statement.level:
        return "relative import"
    return "unexplained"


@dataclass
class Comparison:
    """flake8-ssot against one other tool, on the same bans and the same files."""

    tool: str
    theirs: int
    ours: int
    both: int
    ours_only: Counter[str] = field(default_factory=Counter)
    theirs_only: Counter[str] = field(default_factory=Counter)
    unexplained: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "tool": self.tool,
            "theirs": self.theirs,
            "ours": self.ours,
            "both": self.both,
            "ours_only": dict(self.ours_only),
            "theirs_only": dict(self.theirs_only),
            "unexplained": self.unexplained,
        }


def compare(tool: str, ours: set[Site], theirs: set[Site], bans: Bans) -> Comparison:
    result = Comparison(tool, theirs=len(theirs), ours=len(ours), both=len(ours & theirs))
    for path, line in sorted(ours - theirs):
        reason = extra_find_reason(statements_by_line(path).get(line))
        result.ours_only[reason] += 1
        if reason == "unexplained":
            result.unexplained.append(f"only flake8-ssot: {path}:{line}")
    for path, line in sorted(theirs - ours):
        statement = statements_by_line(path).get(line)
        allowed = bans.facade_submodule_reason(path, statement) or (
            None
            if statement is not None or is_dynamic_import(path, line)
            else "an attribute use, not an import (ruff checks uses too)"
        )
        result.theirs_only[allowed or "unexplained"] += 1
        if allowed is None:
            result.unexplained.append(f"only {tool}: {path}:{line}")
    return result
