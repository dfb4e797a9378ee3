"""Rewrite fixable imports to their canonical homes, one file at a time, atomically.

The plan for each import statement comes from the same checks the plugin
runs (so the fixer fixes exactly what flake8 reports); the edits go through
ast-grep so that everything outside the rewritten statement stays byte for
byte, and a statement that moves to a single new module keeps its
parentheses, aliases and comments (only its module name changes). A file is
written only when the new text compiles, through a temporary file and a
rename.
"""

from __future__ import annotations

import ast
import functools
import io
import os
import tempfile
import tokenize
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ast_grep_py import Edit, SgNode, SgRoot

from flake8_ssot.checks import first_hit
from flake8_ssot.checks.base import CheckContext, Hit, ImportedName
from flake8_ssot.codes import SOT101, SOT201, SOT301, SOT502
from flake8_ssot.imports import ImportRef, collect_imports, import_statements, resolve_relative

_STATEMENT_KINDS = ("import_statement", "import_from_statement")


@dataclass(frozen=True)
class Leftover:
    """A finding the fixer leaves alone, and why."""

    line: int
    col: int
    code: str
    reason: str


@dataclass(frozen=True)
class _StatementEdit:
    """How one import statement changes: a new module name, or a new text."""

    line: int
    col_bytes: int
    module_name: str | None
    text: str | None
    #: Imported names rewritten, per code.
    counts: Counter[str]


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


@dataclass(frozen=True)
class _Target:
    """Where one imported name goes (``code`` None: it stays where it is).

    ``name`` is what the target module binds the object as, when that is
    not the name the statement imports (a facade's ``import x as y``).
    """

    module: str
    code: str | None
    name: str | None = None


#: Whether flake8 reports this code on this line (select, ignore, per-file-ignores, noqa).
Reported = Callable[[str, int], bool]


def fix_source(
    source: str, filename: str, context: CheckContext, reported: Reported
) -> FileFix:
    """The fixed text of one module (not written anywhere)."""
    result = FileFix(source, source)
    try:
        with warnings.catch_warnings():
            # Invalid escapes and the like are the user's code, reported by flake8 itself.
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename=filename)
            compile(tree, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        result.error = f"does not compile as it is: {error}"
        return result
    package = context.project.module_name(filename).package or None
    plan = _Plan(context, result, reported, tree, context.project.module_name(filename).dotted)
    statements = import_statements(tree, source)
    edits: list[_StatementEdit] = []
    for statement in statements:
        if isinstance(statement, ast.ImportFrom):
            edit = _plan_from(statement, package, plan)
        else:
            edit = _plan_import(statement, plan)
        if edit is not None:
            edits.append(edit)
    statement_positions = {(statement.lineno, statement.col_offset) for statement in statements}
    for ref in collect_imports(tree, source, lambda: package):
        if (ref.line, ref.col) in statement_positions:
            continue
        finding = plan.finding(ImportedName(ref, ref.module, None), ref.line)
        if finding is not None:
            result.leftovers.append(
                Leftover(ref.line, ref.col, finding[0], "a dynamic import; rewrite it by hand")
            )
    edits = _starting_their_lines(edits, source, result)
    if not edits:
        return result
    fixed = _apply(source, edits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(fixed, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as error:
        reason = error.msg if isinstance(error, SyntaxError) else str(error)
        result.error = f"the rewritten file would not compile ({reason}); left unchanged"
        result.rewritten.clear()
        return result
    result.fixed = fixed
    return result


def _starting_their_lines(
    edits: list[_StatementEdit], source: str, result: FileFix
) -> list[_StatementEdit]:
    """Keep edits that can be written; a split statement must begin its own line."""
    lines = source.splitlines(keepends=True)
    kept = []
    for edit in edits:
        prefix = lines[edit.line - 1].encode("utf-8")[: edit.col_bytes]
        if edit.text is not None and "\n" in edit.text and prefix.strip():
            for code in edit.counts:
                result.leftovers.append(
                    Leftover(edit.line, edit.col_bytes, code, "shares its line with other "
                             "code, so it cannot be split; rewrite it by hand")
                )
        else:
            kept.append(edit)
            result.rewritten.update(edit.counts)
    return kept


@dataclass(frozen=True)
class _Plan:
    """What planning one statement needs to know about its file."""

    context: CheckContext
    result: FileFix
    reported: Reported
    tree: ast.AST
    #: The dotted name of the file being fixed.
    own_module: str

    @functools.cached_property
    def attribute_uses(self) -> dict[str, set[str]]:
        """For each name, the attributes the module reads from it (``x.attr``).

        Walked only when a module import is about to be redirected.
        """
        uses: dict[str, set[str]] = {}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                uses.setdefault(node.value.id, set()).add(node.attr)
        return uses

    def finding(self, imported: ImportedName, line: int) -> tuple[str, Hit] | None:
        """The finding flake8 reports for this name, if it reports one."""
        first = first_hit(imported, self.context)
        if first is None or not self.reported(first[0].CODE.code, line):
            return None
        return first[0].CODE.code, first[1]

    def module_object_problem(self, hit: Hit, new: str, bound: str) -> str | None:
        """Why ``import NEW as bound`` would break this file or change what it uses, if so.

        A legacy module is swapped for its replacement on purpose, so every
        ``bound.attr`` only has to exist in NEW; a deprecated facade is only
        a door, so each ``bound.attr`` must be the very object it was.
        """
        project = self.context.project
        if project.summary(new) is None:
            return f"{new} was not found under the source roots"
        for attribute in sorted(self.attribute_uses.get(bound, set())):
            if not project.has_attribute(new, attribute):
                return f"the code uses {bound}.{attribute}, which {new} does not define"
            if hit.entry in self.context.config.deprecated:
                same = project.resolve(hit.entry, attribute)
                if not isinstance(same, tuple) or same != project.resolve(new, attribute):
                    return (
                        f"the code uses {bound}.{attribute}, which {new} does not bind "
                        f"to the same object as {hit.entry}"
                    )
        return None

    def own_module_problem(self, hit: Hit, target: str) -> str | None:
        """Why a rewrite must not touch this file: a legacy module's own imports, or itself."""
        own = self.own_module
        if hit.entry in self.context.config.legacy and (
            own == hit.entry or own.startswith(hit.entry + ".")
        ):
            return f"this file is part of the legacy module {hit.entry}; it goes when that goes"
        if target == own:
            return f"the target is {own} itself"
        return None


def _plan_from(
    statement: ast.ImportFrom, package: str | None, plan: _Plan
) -> _StatementEdit | None:
    module = resolve_relative(statement.level, statement.module, package)
    if module is None:
        return None
    ref = ImportRef(
        module, tuple(alias.name for alias in statement.names),
        statement.lineno, statement.col_offset,
    )
    targets: list[_Target] = []
    for alias in statement.names:
        finding = plan.finding(ImportedName(ref, module, alias.name), statement.lineno)
        target = _from_target(finding, module, alias, plan)
        if isinstance(target, str):
            code = finding[0] if finding else ""
            plan.result.leftovers.append(
                Leftover(statement.lineno, statement.col_offset, code, target)
            )
            targets.append(_Target(module, None))
        else:
            targets.append(target)
    if all(target.code is None for target in targets):
        return None
    counts = Counter(target.code for target in targets if target.code is not None)
    groups: dict[str, list[ast.alias]] = {}
    renames: dict[int, str] = {}
    for alias, target in zip(statement.names, targets):
        groups.setdefault(target.module, []).append(alias)
        if target.name is not None and target.name != alias.name:
            renames[id(alias)] = target.name
    if len(groups) == 1 and not renames:
        return _StatementEdit(
            statement.lineno, statement.col_offset, targets[0].module, None, counts
        )
    original_module = "." * statement.level + (statement.module or "")
    lines = [
        f"from {original_module if target == module else target} import "
        + ", ".join(_alias_text(alias, renames.get(id(alias))) for alias in aliases)
        for target, aliases in groups.items()
    ]
    return _StatementEdit(
        statement.lineno, statement.col_offset, None, "\n".join(lines), counts
    )


def _from_target(
    finding: tuple[str, Hit] | None, module: str, alias: ast.alias, plan: _Plan
) -> _Target | str:
    """Where ``from module import name`` should import from, or why it cannot be fixed.

    The target is the hit's redirect, the same one its message advises; a
    name without one is left with the reason the message gives.
    """
    name = alias.name
    if finding is None:
        return _Target(module, None)
    code, hit = finding
    if code == SOT301.code:
        return "no replacement is configured for a compat shim"
    if code == SOT201.code and hit.subject != hit.entry:
        return "no replacement is known for this part of the legacy module"
    if name == "*":
        return "a star import cannot be split by name; rewrite it by hand"
    if code != SOT502.code and hit.imported.module != hit.entry:
        return "imports the module object from its parent package; rewrite it by hand"
    if hit.redirect is not None:
        problem = plan.own_module_problem(hit, hit.redirect.module)
        if problem is not None:
            return problem
        return _Target(hit.redirect.module, code, hit.redirect.name)
    if hit.note is not None:
        return hit.note
    destination = hit.replacement
    if destination is None:
        return f"'{hit.entry}' has no configured replacement"
    if plan.context.project.summary(destination) is None:
        return f"{destination} was not found under the source roots"
    return f"{destination} does not define {name}"


def _plan_import(statement: ast.Import, plan: _Plan) -> _StatementEdit | None:
    parts = []
    counts: Counter[str] = Counter()
    for alias in statement.names:
        ref = ImportRef(alias.name, (), statement.lineno, statement.col_offset)
        finding = plan.finding(ImportedName(ref, alias.name, None), statement.lineno)
        replacement = _module_replacement(finding, alias, plan)
        if replacement is None:
            parts.append(_alias_text(alias))
        elif finding is not None and replacement.startswith("!"):
            plan.result.leftovers.append(
                Leftover(statement.lineno, statement.col_offset, finding[0], replacement[1:])
            )
            parts.append(_alias_text(alias))
        elif finding is not None:
            parts.append(replacement)
            counts[finding[0]] += 1
    text = "import " + ", ".join(parts)
    if text == "import " + ", ".join(_alias_text(alias) for alias in statement.names):
        return None
    return _StatementEdit(statement.lineno, statement.col_offset, None, text, counts)


def _module_replacement(
    finding: tuple[str, Hit] | None, alias: ast.alias, plan: _Plan
) -> str | None:
    """``NEW as name`` for an ``import OLD`` the fixer can rewrite; ``!reason`` if it cannot."""
    if finding is None:
        return None
    code, hit = finding
    if code == SOT301.code:
        return "!no replacement is configured for a compat shim"
    if code not in (SOT101.code, SOT201.code):
        return None
    if hit.subject != hit.entry:
        return "!no replacement is known for this part of the legacy module"
    if hit.replacement is None:
        return f"!'{hit.entry}' has no configured replacement"
    bound = alias.asname or alias.name
    if "." in bound:
        return f"!`import {alias.name}` binds the top-level package; rewrite it by hand"
    problem = plan.own_module_problem(hit, hit.replacement) or plan.module_object_problem(
        hit, hit.replacement, bound
    )
    if problem is not None:
        return f"!{problem}"
    return f"{hit.replacement} as {bound}"


def _alias_text(alias: ast.alias, renamed: str | None = None) -> str:
    """An alias as source text; ``renamed`` imports another name under the same binding."""
    bound = alias.asname or alias.name
    name = renamed or alias.name
    return name if name == bound else f"{name} as {bound}"


def _apply(source: str, edits: list[_StatementEdit]) -> str:
    """Apply statement edits through ast-grep; everything else stays as it was."""
    root = SgRoot(source, "python").root()
    lines = source.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in source else "\n"
    wanted = {(edit.line - 1, _code_points(lines, edit)): edit for edit in edits}
    sg_edits: list[Edit] = []
    for kind in _STATEMENT_KINDS:
        for node in root.find_all(kind=kind):
            start = node.range().start
            edit = wanted.get((start.line, start.column))
            if edit is None:
                continue
            sg_edits.append(_node_edit(node, edit, lines[start.line], start.column, newline))
    return root.commit_edits(sg_edits)


def _code_points(lines: list[str], edit: _StatementEdit) -> int:
    """ast's byte column as ast-grep's code-point column."""
    line = lines[edit.line - 1]
    return len(line.encode("utf-8")[: edit.col_bytes].decode("utf-8", errors="ignore"))


def _node_edit(node: SgNode, edit: _StatementEdit, line: str, column: int, newline: str) -> Edit:
    if edit.module_name is not None:
        module_node = node.field("module_name")
        if module_node is not None:
            return module_node.replace(edit.module_name)
    indent = line[:column]  # whitespace only: see _starting_their_lines
    comments = [
        child.text().rstrip("\r")
        for child in node.children()
        if child.kind() == "comment"
    ]
    text_lines = [*comments, *(edit.text or "").split("\n")]
    return node.replace((newline + indent).join(text_lines))


def read_source(path: Path) -> tuple[str, str]:
    """A file's text and encoding, as Python itself would read it (BOM, coding cookie)."""
    raw = path.read_bytes()
    encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    return raw.decode(encoding), encoding


def write_atomically(path: Path, text: str, encoding: str) -> None:
    """Replace the file in one rename, so no reader ever sees half a file."""
    data = text.encode(encoding)
    path = path.resolve()  # write through a symlink, keeping the link
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
