"""Apply the edits of the diagnostics flake8 reports, and verify them, one file at a time.

The rules plan their fixes (``flake8-ssot fix`` fixes exactly what flake8
reports, with the edits each rule's diagnostics carry); this module only
applies them and refuses any result that is not the planned change: the
new text is accepted only when Python compiles it and reads it as the old
module with exactly the planned statements swapped in. Every other
character of the file stays as it was.
"""

from __future__ import annotations

import ast
import itertools
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from flake8_ssot.engine.lint import lint_file, plan_fixes
from flake8_ssot.rules.base import Edit
from flake8_ssot.rules.rule import Context, LintedFile


@dataclass(frozen=True)
class Leftover:
    """A finding the fixer leaves alone, and why."""

    line: int
    col: int
    code: str
    reason: str


@dataclass
class FileFix:
    """What fixing one file did, or would do."""

    original: str
    fixed: str
    rewritten: Counter[str] = field(default_factory=Counter)
    leftovers: list[Leftover] = field(default_factory=list)
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original


#: Whether flake8 reports this code on this line (select, ignore, per-file-ignores, noqa).
Reported = Callable[[str, int], bool]


def fix_source(source: str, filename: str, context: Context, reported: Reported) -> FileFix:
    """The fixed text of one module (not written anywhere)."""
    result = FileFix(source, source)
    try:
        with warnings.catch_warnings():
            # Invalid escapes and the like are the user's code, reported by flake8 itself.
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename=filename)
    except (SyntaxError, ValueError) as error:
        result.error = f"does not compile as it is: {error}"
        return result
    except (RecursionError, MemoryError):  # how the parser says "too deep"
        result.error = "too deeply nested for Python's parser; left unchanged"
        return result
    file = LintedFile(tree, source, filename)
    diagnostics = [found for found in lint_file(file, context) if reported(found.code, found.line)]
    edits: dict[Edit, None] = {}
    for found in plan_fixes(file, diagnostics, context):
        if found.fix is None:
            continue
        for refusal in found.fix.refusals:
            result.leftovers.append(Leftover(found.line, found.col, found.code, refusal.text))
        if found.fix.rewritten:
            result.rewritten[found.code] += found.fix.rewritten
        edits.update(dict.fromkeys(found.fix.edits))
    if not edits:
        return result
    # Compiled only now: a file that is not rewritten needs no compiler's verdict.
    problem = _compile_problem(tree, filename)
    if problem is not None:
        result.error = problem
        result.rewritten.clear()
        return result
    fixed = _apply(source, list(edits))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fixed_tree = ast.parse(fixed, filename=filename)
            compile(fixed_tree, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        reason = error.msg if isinstance(error, SyntaxError) else str(error)
        result.error = f"the rewritten file would not compile ({reason}); left unchanged"
        result.rewritten.clear()
        return result
    planned = {edit.statement: list(edit.planned) for edit in edits}
    if not _same_shape(_shape(tree, planned), _shape(fixed_tree, {})):
        result.error = (
            "the rewritten file would not be the planned change (Python reads the edited "
            "text differently); left unchanged"
        )
        result.rewritten.clear()
        return result
    result.fixed = fixed
    return result


def _compile_problem(tree: ast.Module, filename: str) -> str | None:
    """Why the compiler refuses a parsed module (``return`` outside a function, a
    ``nonlocal`` with no binding, a tree too deep), if it does."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        return f"does not compile as it is: {error}"
    except (RecursionError, MemoryError):  # how the compiler says "too deep" (3.10)
        return "too deeply nested for Python's parser; left unchanged"
    return None


def _apply(source: str, edits: list[Edit]) -> str:
    """Splice the edits into the text; every other character stays as it was."""
    fixed = source
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        fixed = fixed[: edit.start] + edit.replacement + fixed[edit.end :]
    return fixed


def _shape(tree: ast.AST, planned: dict[tuple[int, int], list[object]]) -> Iterator[object]:
    """The tree's structure and values without positions, planned statements swapped in.

    ``planned`` is keyed by the (line, column) of the statement it replaces.
    Iterative: a file may nest deeper than Python's recursion limit allows.
    """
    pending: list[object] = [tree]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            expanded = [new for old in item for new in planned.get(_position(old), [old])]
            yield len(expanded)
            pending.extend(reversed(expanded))
        elif isinstance(item, ast.AST):
            yield type(item).__name__
            pending.extend(reversed([getattr(item, name, None) for name in item._fields]))
        else:
            yield type(item).__name__, item  # the value: repr fails on huge ints


def _same_shape(first: Iterator[object], second: Iterator[object]) -> bool:
    missing = object()
    return all(a == b for a, b in itertools.zip_longest(first, second, fillvalue=missing))


def _position(node: object) -> tuple[int, int]:
    """Where a statement starts; (0, 0) for what is no statement (never planned)."""
    if isinstance(node, ast.stmt):
        return node.lineno, node.col_offset
    return 0, 0
