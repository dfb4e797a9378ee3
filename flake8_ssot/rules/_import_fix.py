"""How ``fix`` rewrites the import statements the import rules report.

Each import rule says where one imported name goes, or why it stays
(``fix_name`` and ``fix_module``, beside its ``match``); this module turns
those answers into one edit per statement, and refuses what would break
the file or change what it binds: an import of the file itself, an import
cycle, an ``x.attr`` the new module lacks or binds to another object, a
split that would reorder bindings or move a directive comment.

The edits are placed by Python's own parser and tokenizer, never by a
second parser: ``ast`` names the statement, its position becomes an
offset counted with Python's line breaks (a form feed or U+2028 is none, a
lone CR is one), and only that span of the text changes. A statement that
moves to a single new module keeps its parentheses, aliases and comments
(only its module name changes).
"""

from __future__ import annotations

import ast
import functools
import io
import itertools
import re
import tokenize
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from flake8_ssot.model.bindings import Chosen
from flake8_ssot.model.imports import import_statements, resolve_relative
from flake8_ssot.model.text_scan import NEWLINE_RE
from flake8_ssot.rules.base import Diagnostic, Edit, Fix, Message, MessageKind
from flake8_ssot.rules.import_advice import NOT_FOUND
from flake8_ssot.rules.rule import Context, Hit, ImportPart, LintedFile

DYNAMIC = MessageKind(None, "dynamic", "a dynamic import; rewrite it by hand")
OWN_LEGACY_FILE = MessageKind(
    None,
    "own-legacy-file",
    "this file is part of the legacy module {entry}; it goes when that goes",
)
TARGET_IS_SELF = MessageKind(None, "target-is-self", "the target is {module} itself")
SHADOWS = MessageKind(
    None,
    "shadows",
    "importing {target} would set {parent}.{name} to that submodule, replacing what "
    "{parent} binds as {name}; rewrite it by hand",
)
CYCLE = MessageKind(
    None,
    "cycle",
    "{target} imports {module} (directly or through other modules): importing from it here "
    "could close an import cycle; rewrite it by hand",
)
USES_ITSELF = MessageKind(
    None,
    "uses-itself",
    "the code uses the module {bound} itself (passes it on, aliases it, writes to it or "
    "reads it with getattr), where only reads of {bound}.name could be checked against "
    "{module}",
)
DUNDER_DIFFERS = MessageKind(
    None, "dunder-differs", "the code uses {bound}.{attribute}, which differs in {module}"
)
ATTRIBUTE_MISSING = MessageKind(
    None,
    "attribute-missing",
    "the code uses {bound}.{attribute}, which {module} does not define",
)
ATTRIBUTE_DIFFERS = MessageKind(
    None,
    "attribute-differs",
    "the code uses {bound}.{attribute}, which {module} does not bind to the same object as {entry}",
)
TOP_LEVEL_BINDING = MessageKind(
    None,
    "top-level-binding",
    "`import {module}` binds the top-level package; rewrite it by hand",
)
REBOUND_BY_SPLIT = MessageKind(
    None,
    "rebound-by-split",
    "binds {name} more than once, and a split would change which import binds it last; "
    "rewrite it by hand",
)
SHARES_LINE = MessageKind(
    None,
    "shares-line",
    "shares its line with other code, so it cannot be split; rewrite it by hand",
)
MOVES_DIRECTIVE = MessageKind(
    None,
    "moves-directive",
    "a split would move the comment {comment} to another line, where it means something "
    "else; rewrite it by hand",
)

#: (module, name) -> the rule and hit behind one imported name of a statement.
_Findings = dict[tuple[str, "str | None"], tuple[ImportPart, Hit]]


class _StatementEdit(NamedTuple):
    """How one import statement changes: a new module name, or a new text."""

    line: int
    col_bytes: int
    module_name: str | None
    text: str | None
    #: Imported names rewritten, per code.
    counts: Counter[str]


class _Target(NamedTuple):
    """Where one imported name goes (``code`` None: it stays where it is).

    ``name`` is what the target module binds the object as, when that is
    not the name the statement imports (a facade's ``import x as y``).
    """

    module: str
    code: str | None
    name: str | None = None


class _Splice(NamedTuple):
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


def plan_import_fixes(
    file: LintedFile,
    diagnostics: Sequence[Diagnostic],
    context: Context,
    parts: Sequence[ImportPart],
) -> list[Diagnostic]:
    """The import rules' diagnostics that flake8 reports, each with its fix."""
    tree, source, filename = file.tree, file.source, file.filename
    by_code = {code: part for part in parts for code in part.codes}
    findings: dict[tuple[int, int], _Findings] = {}
    for found in diagnostics:
        hits: tuple[Hit, ...] = found.detail  # type: ignore[assignment]
        statement_findings = findings.setdefault((found.line, found.col), {})
        for hit in hits:
            key = (hit.imported.module, hit.imported.name)
            statement_findings[key] = (by_code[found.code], hit)
    module_name = context.project.module_name(filename)
    plan = _Plan(context, tree, module_name.dotted)
    package = module_name.package or None
    refusals: dict[tuple[int, int], dict[str, list[Message]]] = {}
    edits: list[_StatementEdit] = []
    statements = import_statements(tree, source)
    positions = set()
    for statement in statements:
        position = (statement.lineno, statement.col_offset)
        positions.add(position)
        if position not in findings:
            continue
        left = refusals.setdefault(position, {})
        if isinstance(statement, ast.ImportFrom):
            edit = _plan_from(statement, package, plan, findings[position], left)
        else:
            edit = _plan_import(statement, plan, findings[position], left)
        if edit is not None:
            edits.append(edit)
    kept = _splices(edits, statements, source, refusals)
    fixed = []
    for found in diagnostics:
        position = (found.line, found.col)
        if position not in positions:
            fixed.append(found.with_fix(Fix((), (DYNAMIC(),))))
            continue
        splice = kept.get(position)
        rewritten = splice[1][found.code] if splice is not None else 0
        fix_edits = (splice[0],) if splice is not None and rewritten else ()
        fix_refusals = tuple(refusals.get(position, {}).get(found.code, ()))
        fixed.append(found.with_fix(Fix(fix_edits, fix_refusals, rewritten)))
    return fixed


def _refuse(refusals: dict[str, list[Message]], code: str, reason: Message) -> None:
    refusals.setdefault(code, []).append(reason)


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
    refusals: dict[tuple[int, int], dict[str, list[Message]]],
) -> dict[tuple[int, int], tuple[Edit, Counter[str]]]:
    """Where each edit goes in the text, keeping only edits that keep the program's meaning."""
    text = _SourceText(source)
    by_position = {(statement.lineno, statement.col_offset): statement for statement in statements}
    kept = {}
    for edit in edits:
        position = (edit.line, edit.col_bytes)
        statement = by_position[position]
        assert statement.end_lineno is not None and statement.end_col_offset is not None
        start = text.offset(statement.lineno, statement.col_offset)
        end = text.offset(statement.end_lineno, statement.end_col_offset)
        splice = _splice(statement, edit, text, start, end)
        reason = _refusal(splice, text)
        if reason is not None:
            for code in edit.counts:
                _refuse(refusals.setdefault(position, {}), code, reason)
        else:
            kept[position] = (
                Edit(splice.start, splice.end, splice.text, position, tuple(splice.planned)),
                edit.counts,
            )
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
    one rewritten as new lines keeps a comment of its first line on the first
    of them, and its other comments above them, at its indentation.
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
    comments = [token for token in tokens if token.type == tokenize.COMMENT]
    # A comment on the statement's first line stays on the first new statement's line.
    on_first_line = [token.string for token in comments if token.start[0] == 1]
    above = [token.string for token in comments if token.start[0] != 1]
    first_line, *later_lines = new_text.split("\n")
    if on_first_line:
        first_line = "  ".join([first_line, *on_first_line])
    indent = text.text[text.line_start(start) : start]
    replacement = (text.line_break_after(start) + indent).join([*above, first_line, *later_lines])
    return _Splice(
        start,
        end,
        replacement,
        statement,
        ast.parse(new_text).body,
        tuple(token.string for token in comments),
    )


def _refusal(splice: _Splice, text: _SourceText) -> Message | None:
    """Why this splice would change what the program does, if it would."""
    indent = text.text[text.line_start(splice.start) : splice.start]
    if NEWLINE_RE.search(splice.text) and indent.strip(" \t\f"):
        return SHARES_LINE()
    for comment in splice.moved_comments:
        if _DIRECTIVE_RE.search(comment):
            return MOVES_DIRECTIVE(comment=repr(comment))
    if NEWLINE_RE.search(splice.text):
        # A comment after the statement stays after its last line: on a split, the
        # statements above it would lose the directive, and the last one would gain it.
        ending = NEWLINE_RE.search(text.text, splice.end)
        rest = text.text[splice.end : ending.start() if ending else len(text.text)]
        comment = rest[rest.find("#") :].rstrip() if "#" in rest else ""
        if _DIRECTIVE_RE.search(comment):
            return MOVES_DIRECTIVE(comment=repr(comment))
    return None


#: Comments that tools read as directives for their own line or the whole file
#: (a coding cookie on line 1 or 2, ``# type: ignore`` above the first statement); a
#: plain comment (``# TODO: drop after 2.0``) means the same on any line.
_DIRECTIVE_RE = re.compile(
    r"^#\s*(?:type|pyright|mypy|pylint|ruff|isort|fmt|pragma)\s*:"
    r"|coding[:=]|\bnoqa\b|\bnosec\b",
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


#: What every module object has of its own (its name, file, spec...): never the same
#: object in two modules. Other dunders (``__version__``) are names like any other.
_MODULE_OWN_DUNDERS = frozenset(
    {
        "__name__",
        "__file__",
        "__spec__",
        "__loader__",
        "__package__",
        "__path__",
        "__dict__",
        "__doc__",
        "__builtins__",
        "__cached__",
        "__all__",
        "__annotations__",
        "__getattr__",
        "__dir__",
    }
)

#: A string longer than this is text, not a forward reference.
_LONGEST_STRING_ANNOTATION = 1000


def _as_expression(text: str) -> ast.Expression | None:
    """The expression a string may stand for when evaluated as an annotation, where it
    reads an attribute; None when it is no expression (prose, a docstring)."""
    if len(text) > _LONGEST_STRING_ANNOTATION or "." not in text:
        return None
    try:
        return ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


class _Plan:
    """What planning one statement needs to know about its file."""

    def __init__(self, context: Context, tree: ast.AST, own_module: str) -> None:
        self.context = context
        self.tree = tree
        #: The dotted name of the file being fixed.
        self.own_module = own_module

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
        pending: list[ast.AST] = [self.tree]
        while pending:  # a parent comes before its children
            node = pending.pop()
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    attributes.setdefault(node.value.id, set()).add(node.attr)
                    through_attribute.add(id(node.value))
                else:  # ``x.attr = ...`` or ``del x.attr``: it would write to NEW instead
                    bare.add(node.value.id)
            elif isinstance(node, ast.Name) and id(node) not in through_attribute:
                bare.add(node.id)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                # ``"x.Bar"``: a string annotation (or ``cast``'s) that
                # ``typing.get_type_hints`` evaluates in this module's namespace.
                expression = _as_expression(node.value)
                if expression is not None:
                    pending.append(expression)
            pending.extend(ast.iter_child_nodes(node))
        return attributes, bare

    def module_object_problem(
        self, part: ImportPart, hit: Hit, new: str, bound: str
    ) -> Message | None:
        """Why ``import NEW as bound`` would break this file or change what it uses, if so.

        The rule says how strict to be (``swaps_module_objects``): a legacy
        module is swapped for its replacement on purpose, so every
        ``bound.attr`` only has to exist in NEW; a deprecated facade is only
        a door, so each ``bound.attr`` must be the very object it was.
        """
        project = self.context.project
        if project.summary(new) is None:
            return NOT_FOUND(module=new)
        attributes, bare = self.name_uses
        if bound in bare:
            # Passed on, aliased or read with getattr: its uses cannot be checked here.
            return USES_ITSELF(bound=bound, module=new)
        for attribute in sorted(attributes.get(bound, set())):
            if attribute in _MODULE_OWN_DUNDERS:
                if part.swaps_module_objects:
                    continue  # every module has them; they are part of the swap
                return DUNDER_DIFFERS(bound=bound, attribute=attribute, module=new)
            if not project.has_attribute(new, attribute):
                return ATTRIBUTE_MISSING(bound=bound, attribute=attribute, module=new)
            if not part.swaps_module_objects:
                same = project.resolve(hit.entry, attribute)
                if (
                    same is None
                    or isinstance(same, Chosen)
                    or same != project.resolve(new, attribute)
                ):
                    return ATTRIBUTE_DIFFERS(
                        bound=bound, attribute=attribute, module=new, entry=hit.entry
                    )
        return None

    def own_module_problem(self, part: ImportPart, hit: Hit, target: str) -> Message | None:
        """Why a rewrite must not touch this file: a legacy module's own imports, or itself."""
        own = self.own_module
        if part.keeps_own_files and (own == hit.entry or own.startswith(hit.entry + ".")):
            return OWN_LEGACY_FILE(entry=hit.entry)
        if target == own:
            return TARGET_IS_SELF(module=own)
        # Python runs the target's parent packages first; this file's own parents
        # are running or ran already, and run no second time.
        project = self.context.project
        parts = target.split(".")
        for depth in range(1, len(parts) + 1):
            module = ".".join(parts[:depth])
            if own.startswith(module + ".") or module == own:
                continue
            if own in project.imported_by(module):
                return CYCLE(target=module, module=own)
            if depth > 1:
                parent, child = ".".join(parts[: depth - 1]), parts[depth - 1]
                summary = project.summary(parent)
                if (
                    summary is not None
                    and child not in summary.loaded_submodules
                    and project.origin(parent, child) is not None
                ):
                    # Loading the submodule sets the package's name to it.
                    return SHADOWS(target=module, parent=parent, name=child)
        return None


def _plan_from(
    statement: ast.ImportFrom,
    package: str | None,
    plan: _Plan,
    findings: _Findings,
    refusals: dict[str, list[Message]],
) -> _StatementEdit | None:
    module = resolve_relative(statement.level, statement.module, package)
    if module is None:
        return None
    targets: list[_Target] = []
    for alias in statement.names:
        finding = findings.get((module, alias.name))
        target = _from_target(finding, module, plan)
        if isinstance(target, Message):
            if finding is not None:
                _refuse(refusals, finding[0].code_of(finding[1]), target)
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
            _refuse(refusals, code, REBOUND_BY_SPLIT(name=reordered))
        return None
    original_module = "." * statement.level + (statement.module or "")
    lines = [
        f"from {original_module if target == module else target} import "
        + ", ".join(_alias_text(alias, renames.get(id(alias))) for alias in aliases)
        for target, aliases in groups.items()
    ]
    return _StatementEdit(statement.lineno, statement.col_offset, None, "\n".join(lines), counts)


def _from_target(
    finding: tuple[ImportPart, Hit] | None, module: str, plan: _Plan
) -> _Target | Message:
    """Where ``from module import name`` should import from, or why it cannot be fixed.

    The rule that reported the name decides (its ``fix_name``: the target
    its message advises); here only a target that would import this file
    from itself or close an import cycle is refused.
    """
    if finding is None:
        return _Target(module, None)
    part, hit = finding
    target = part.fix_name(hit, plan.context)
    if isinstance(target, Message):
        return target
    problem = plan.own_module_problem(part, hit, target.module)
    if problem is not None:
        return problem
    return _Target(target.module, part.code_of(hit), target.name)


def _plan_import(
    statement: ast.Import,
    plan: _Plan,
    findings: _Findings,
    refusals: dict[str, list[Message]],
) -> _StatementEdit | None:
    parts = []
    counts: Counter[str] = Counter()
    for alias in statement.names:
        finding = findings.get((alias.name, None))
        replacement = _module_replacement(finding, alias, plan)
        if finding is None or replacement is None:
            parts.append(_alias_text(alias))
        elif isinstance(replacement, Message):
            _refuse(refusals, finding[0].code_of(finding[1]), replacement)
            parts.append(_alias_text(alias))
        else:
            parts.append(replacement)
            counts[finding[0].code_of(finding[1])] += 1
    text = "import " + ", ".join(parts)
    if text == "import " + ", ".join(_alias_text(alias) for alias in statement.names):
        return None
    return _StatementEdit(statement.lineno, statement.col_offset, None, text, counts)


def _module_replacement(
    finding: tuple[ImportPart, Hit] | None, alias: ast.alias, plan: _Plan
) -> str | Message | None:
    """``NEW as name`` for an ``import OLD`` that can be rewritten, or why it cannot.

    The rule that reported the module names NEW (its ``fix_module``); here
    what would break this file is refused: a dotted binding, a cycle, an
    ``x.attr`` that NEW lacks or binds to another object.
    """
    if finding is None:
        return None
    part, hit = finding
    new = part.fix_module(hit, plan.context)
    if new is None or isinstance(new, Message):
        return new
    bound = alias.asname or alias.name
    if "." in bound:
        return TOP_LEVEL_BINDING(module=alias.name)
    problem = plan.own_module_problem(part, hit, new) or plan.module_object_problem(
        part, hit, new, bound
    )
    if problem is not None:
        return problem
    return f"{new} as {bound}"


def _alias_text(alias: ast.alias, renamed: str | None = None) -> str:
    """An alias as source text; ``renamed`` imports another name under the same binding."""
    bound = alias.asname or alias.name
    name = renamed or alias.name
    return name if name == bound else f"{name} as {bound}"
