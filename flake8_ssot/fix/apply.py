"""Rewrite fixable imports to their canonical homes, one file at a time.

The plan for each import statement comes from the same checks the plugin
runs (so the fixer fixes exactly what flake8 reports). The edits are placed
by Python's own parser and tokenizer, never by a second parser: ``ast``
names the statement, its position becomes an offset counted with Python's
line breaks (a form feed or U+2028 is none, a lone CR is one), and only
that span of the text changes, so every other character stays as it was.
A statement that moves to a single new module keeps its parentheses,
aliases and comments (only its module name changes). The new text is
accepted only when Python reads it as the old module with exactly the
planned statements swapped in.
"""

from __future__ import annotations

import ast
import functools
import io
import itertools
import re
import tokenize
import warnings
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from flake8_ssot.checks import ImportCheck, first_hit
from flake8_ssot.checks.model import CheckContext, Hit, ImportedName, Refusal
from flake8_ssot.model.bindings import Chosen
from flake8_ssot.model.imports import (
    NEWLINE_RE,
    ImportRef,
    collect_imports,
    import_statements,
    resolve_relative,
)


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


def fix_source(source: str, filename: str, context: CheckContext, reported: Reported) -> FileFix:
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
                Leftover(
                    ref.line, ref.col, finding[0].CODE.code, "a dynamic import; rewrite it by hand"
                )
            )
    splices = _splices(edits, statements, source, result)
    if not splices:
        return result
    # Compiled only now: a file that is not rewritten needs no compiler's verdict.
    problem = _compile_problem(tree, filename)
    if problem is not None:
        result.error = problem
        result.rewritten.clear()
        return result
    fixed = _apply(source, splices)
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
    planned = {id(splice.statement): splice.planned for splice in splices}
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


@dataclass(frozen=True)
class _Splice:
    """Replace ``source[start:end]`` (code points) with ``text``.

    ``planned`` is what Python must read there afterwards instead of ``statement``.
    """

    start: int
    end: int
    text: str
    statement: ast.stmt
    planned: list[ast.stmt]
    #: Comments a split moves above the new statements, off the lines they were on.
    moved_comments: tuple[str, ...] = ()


class _SourceText:
    """The module's text with Python's own line starts (CR, LF, CRLF; not \\f or U+2028).

    ast positions are (line, UTF-8 byte column); edits need code-point
    offsets into the text, counted the way Python counts lines.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0, *(match.end() for match in NEWLINE_RE.finditer(text))]

    def offset(self, line: int, col_bytes: int) -> int:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return start + len(self.text[start:end].encode("utf-8")[:col_bytes].decode("utf-8"))

    def position(self, row: int, column: int) -> int:
        """The offset of a tokenizer position (1-based row, code-point column)."""
        return self.line_starts[row - 1] + column

    def line_start(self, offset: int) -> int:
        return self.line_starts[bisect_right(self.line_starts, offset) - 1]

    def line_break_after(self, offset: int) -> str:
        """The line break ending the line at ``offset`` (on a last line without one, the
        file's first; LF in a file of one line)."""
        match = NEWLINE_RE.search(self.text, offset) or NEWLINE_RE.search(self.text)
        return match.group() if match else "\n"


def _splices(
    edits: list[_StatementEdit],
    statements: list[ast.Import | ast.ImportFrom],
    source: str,
    result: FileFix,
) -> list[_Splice]:
    """Where each edit goes in the text, keeping only edits that keep the program's meaning."""
    text = _SourceText(source)
    by_position = {(statement.lineno, statement.col_offset): statement for statement in statements}
    kept = []
    for edit in edits:
        statement = by_position[edit.line, edit.col_bytes]
        assert statement.end_lineno is not None and statement.end_col_offset is not None
        start = text.offset(statement.lineno, statement.col_offset)
        end = text.offset(statement.end_lineno, statement.end_col_offset)
        splice = _splice(statement, edit, text, start, end)
        reason = _refusal(splice, text)
        if reason is not None:
            for code in edit.counts:
                result.leftovers.append(Leftover(edit.line, edit.col_bytes, code, reason))
        else:
            kept.append(splice)
            result.rewritten.update(edit.counts)
    return kept


def _splice(
    statement: ast.Import | ast.ImportFrom,
    edit: _StatementEdit,
    text: _SourceText,
    start: int,
    end: int,
) -> _Splice:
    """The edit as a change of text, read with Python's own tokenizer.

    A statement that moves to one module changes only its module name;
    one rewritten as new lines keeps its comments above them, at its indentation.
    """
    tokens = list(tokenize.generate_tokens(io.StringIO(text.text[start:end], newline="").readline))
    statement_text = _SourceText(text.text[start:end])
    if edit.module_name is not None and isinstance(statement, ast.ImportFrom):
        module_tokens = [
            token
            for token in itertools.takewhile(lambda token: token.string != "import", tokens[1:])
            if token.type in (tokenize.NAME, tokenize.OP)
        ]
        first = statement_text.position(*module_tokens[0].start)
        last = statement_text.position(*module_tokens[-1].end)
        planned: list[ast.stmt] = [
            ast.ImportFrom(module=edit.module_name, names=statement.names, level=0)
        ]
        return _Splice(start + first, start + last, edit.module_name, statement, planned)
    new_text = edit.text or ""
    comments = [token.string for token in tokens if token.type == tokenize.COMMENT]
    indent = text.text[text.line_start(start) : start]
    lines = [*comments, *new_text.split("\n")]
    replacement = (text.line_break_after(start) + indent).join(lines)
    return _Splice(start, end, replacement, statement, ast.parse(new_text).body, tuple(comments))


def _refusal(splice: _Splice, text: _SourceText) -> str | None:
    """Why this splice would change what the program does, if it would."""
    indent = text.text[text.line_start(splice.start) : splice.start]
    if NEWLINE_RE.search(splice.text) and indent.strip(" \t\f"):
        return "shares its line with other code, so it cannot be split; rewrite it by hand"
    for comment in splice.moved_comments:
        if _DIRECTIVE_RE.search(comment):
            return (
                f"a split would move the comment {comment!r} to another line, where it "
                "means something else; rewrite it by hand"
            )
    return None


#: Comments that tools read as directives for their own line or the whole file
#: (a coding cookie on line 1 or 2, ``# type: ignore`` above the first statement).
_DIRECTIVE_RE = re.compile(
    # Any "# tool: ..." comment (type, fmt, isort, pylint, yapf, nopycln, ...), a coding
    # cookie, and the tools that take a bare word.
    r"^#\s*[A-Za-z][\w.-]*\s*:|coding[:=]|\bnoqa\b|\bpragma\b|\bnosec\b|\bflake8\b",
    re.IGNORECASE,
)


def _rebound_by_split(before: list[ast.alias], after: list[ast.alias]) -> str | None:
    """A name whose last binding changes when the aliases are imported in a new order.

    ``from F import a as y, b as y`` binds ``y`` to ``b``; split into two
    statements in another order, it would end bound to ``a``.
    """

    def last_binders(aliases: list[ast.alias]) -> dict[str, int]:
        return {alias.asname or alias.name: id(alias) for alias in aliases}

    old, new = last_binders(before), last_binders(after)
    return next((name for name in sorted(old) if old[name] != new[name]), None)


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
    def name_uses(self) -> tuple[dict[str, set[str]], set[str]]:
        """For each name, the attributes the module reads from it (``x.attr``), and the
        names it also uses otherwise (``y = x``, ``f(x)``, ``getattr(x, ...)``, and
        ``x.attr = ...``, which writes to the module object).

        Walked only when a module import is about to be redirected.
        """
        attributes: dict[str, set[str]] = {}
        through_attribute: set[int] = set()
        bare: set[str] = set()
        for node in ast.walk(self.tree):  # a parent comes before its children
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    attributes.setdefault(node.value.id, set()).add(node.attr)
                    through_attribute.add(id(node.value))
                else:  # ``x.attr = ...`` or ``del x.attr``: it would write to NEW instead
                    bare.add(node.value.id)
            elif isinstance(node, ast.Name) and id(node) not in through_attribute:
                bare.add(node.id)
        return attributes, bare

    def finding(self, imported: ImportedName, line: int) -> tuple[ImportCheck, Hit] | None:
        """The check whose finding flake8 reports for this name, and its hit, if it reports one."""
        first = first_hit(imported, self.context)
        if first is None or not self.reported(first[0].CODE.code, line):
            return None
        return first

    def module_object_problem(
        self, check: ImportCheck, hit: Hit, new: str, bound: str
    ) -> str | None:
        """Why ``import NEW as bound`` would break this file or change what it uses, if so.

        The check says how strict to be (``SWAPS_MODULE_OBJECTS``): a legacy
        module is swapped for its replacement on purpose, so every
        ``bound.attr`` only has to exist in NEW; a deprecated facade is only
        a door, so each ``bound.attr`` must be the very object it was.
        """
        project = self.context.project
        if project.summary(new) is None:
            return f"{new} was not found under the source roots"
        attributes, bare = self.name_uses
        if bound in bare:
            # Passed on, aliased or read with getattr: its uses cannot be checked here.
            return f"the code uses {bound} itself, not only {bound}.attribute"
        for attribute in sorted(attributes.get(bound, set())):
            if attribute.startswith("__") and attribute.endswith("__"):
                if check.SWAPS_MODULE_OBJECTS:
                    continue  # every module has them; they are part of the swap
                return f"the code uses {bound}.{attribute}, which differs in {new}"
            if not project.has_attribute(new, attribute):
                return f"the code uses {bound}.{attribute}, which {new} does not define"
            if not check.SWAPS_MODULE_OBJECTS:
                same = project.resolve(hit.entry, attribute)
                if (
                    same is None
                    or isinstance(same, Chosen)
                    or same != project.resolve(new, attribute)
                ):
                    return (
                        f"the code uses {bound}.{attribute}, which {new} does not bind "
                        f"to the same object as {hit.entry}"
                    )
        return None

    def own_module_problem(self, check: ImportCheck, hit: Hit, target: str) -> str | None:
        """Why a rewrite must not touch this file: a legacy module's own imports, or itself."""
        own = self.own_module
        if check.KEEPS_OWN_FILES and (own == hit.entry or own.startswith(hit.entry + ".")):
            return f"this file is part of the legacy module {hit.entry}; it goes when that goes"
        if target == own:
            return f"the target is {own} itself"
        if own in self.context.project.imported_by(target):
            return (
                f"{target} imports {own} (directly or through other modules): importing "
                "from it here could close an import cycle; rewrite it by hand"
            )
        return None


def _plan_from(
    statement: ast.ImportFrom, package: str | None, plan: _Plan
) -> _StatementEdit | None:
    module = resolve_relative(statement.level, statement.module, package)
    if module is None:
        return None
    ref = ImportRef(
        module,
        tuple(alias.name for alias in statement.names),
        statement.lineno,
        statement.col_offset,
    )
    targets: list[_Target] = []
    for alias in statement.names:
        finding = plan.finding(ImportedName(ref, module, alias.name), statement.lineno)
        target = _from_target(finding, module, plan)
        if isinstance(target, str):
            code = finding[0].CODE.code if finding else ""
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
    for alias, target in zip(statement.names, targets, strict=True):
        groups.setdefault(target.module, []).append(alias)
        if target.name is not None and target.name != alias.name:
            renames[id(alias)] = target.name
    if len(groups) == 1 and not renames:
        return _StatementEdit(
            statement.lineno, statement.col_offset, targets[0].module, None, counts
        )
    new_order = [alias for aliases in groups.values() for alias in aliases]
    reordered = _rebound_by_split(statement.names, new_order)
    if reordered is not None:
        for code in counts:
            plan.result.leftovers.append(
                Leftover(
                    statement.lineno,
                    statement.col_offset,
                    code,
                    f"binds {reordered} more than once, and a split would change which import "
                    "binds it last; rewrite it by hand",
                )
            )
        return None
    original_module = "." * statement.level + (statement.module or "")
    lines = [
        f"from {original_module if target == module else target} import "
        + ", ".join(_alias_text(alias, renames.get(id(alias))) for alias in aliases)
        for target, aliases in groups.items()
    ]
    return _StatementEdit(statement.lineno, statement.col_offset, None, "\n".join(lines), counts)


def _from_target(
    finding: tuple[ImportCheck, Hit] | None, module: str, plan: _Plan
) -> _Target | str:
    """Where ``from module import name`` should import from, or why it cannot be fixed.

    The check that reported the name decides (its ``fix_name``: the target
    its message advises); the fixer only refuses a target that would import
    this file from itself or close an import cycle.
    """
    if finding is None:
        return _Target(module, None)
    check, hit = finding
    target = check.fix_name(hit, plan.context)
    if isinstance(target, Refusal):
        return target.reason
    problem = plan.own_module_problem(check, hit, target.module)
    if problem is not None:
        return problem
    return _Target(target.module, check.CODE.code, target.name)


def _plan_import(statement: ast.Import, plan: _Plan) -> _StatementEdit | None:
    parts = []
    counts: Counter[str] = Counter()
    for alias in statement.names:
        ref = ImportRef(alias.name, (), statement.lineno, statement.col_offset)
        finding = plan.finding(ImportedName(ref, alias.name, None), statement.lineno)
        replacement = _module_replacement(finding, alias, plan)
        if finding is None or replacement is None:
            parts.append(_alias_text(alias))
        elif isinstance(replacement, Refusal):
            plan.result.leftovers.append(
                Leftover(
                    statement.lineno, statement.col_offset, finding[0].CODE.code, replacement.reason
                )
            )
            parts.append(_alias_text(alias))
        else:
            parts.append(replacement)
            counts[finding[0].CODE.code] += 1
    text = "import " + ", ".join(parts)
    if text == "import " + ", ".join(_alias_text(alias) for alias in statement.names):
        return None
    return _StatementEdit(statement.lineno, statement.col_offset, None, text, counts)


def _module_replacement(
    finding: tuple[ImportCheck, Hit] | None, alias: ast.alias, plan: _Plan
) -> str | Refusal | None:
    """``NEW as name`` for an ``import OLD`` the fixer can rewrite, or why it cannot.

    The check that reported the module names NEW (its ``fix_module``); the
    fixer refuses what would break this file: a dotted binding, a cycle, an
    ``x.attr`` that NEW lacks or binds to another object.
    """
    if finding is None:
        return None
    check, hit = finding
    new = check.fix_module(hit, plan.context)
    if new is None or isinstance(new, Refusal):
        return new
    bound = alias.asname or alias.name
    if "." in bound:
        return Refusal(f"`import {alias.name}` binds the top-level package; rewrite it by hand")
    problem = plan.own_module_problem(check, hit, new) or plan.module_object_problem(
        check, hit, new, bound
    )
    if problem is not None:
        return Refusal(problem)
    return f"{new} as {bound}"


def _alias_text(alias: ast.alias, renamed: str | None = None) -> str:
    """An alias as source text; ``renamed`` imports another name under the same binding."""
    bound = alias.asname or alias.name
    name = renamed or alias.name
    return name if name == bound else f"{name} as {bound}"


def _apply(source: str, splices: list[_Splice]) -> str:
    """Splice the edits into the text; every other character stays as it was."""
    fixed = source
    for splice in sorted(splices, key=lambda splice: splice.start, reverse=True):
        fixed = fixed[: splice.start] + splice.text + fixed[splice.end :]
    return fixed


def _shape(tree: ast.AST, planned: dict[int, list[ast.stmt]]) -> Iterator[object]:
    """The tree's structure and values without positions, planned statements swapped in.

    Iterative: a file may nest deeper than Python's recursion limit allows.
    """
    pending: list[object] = [tree]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            expanded = [new for old in item for new in planned.get(id(old), [old])]
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
