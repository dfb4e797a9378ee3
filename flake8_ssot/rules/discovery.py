"""SOT401-SOT404: tests that pytest will silently not collect.

Only files that pytest could treat as tests are examined: a file whose name
matches ``python_files``, or that lies under a ``tests``/``test`` directory
or a ``testpaths`` entry. Every other file pays a name check and a cached
per-directory config lookup, nothing more.
"""

from __future__ import annotations

import ast
import functools
import operator
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flake8_ssot.model.bindings import ModuleSummary
from flake8_ssot.model.class_shapes import ClassShape, dotted_parts
from flake8_ssot.model.classes import ClassFacts, ModuleClasses, is_fixture
from flake8_ssot.model.conftest_hooks import ConftestHooks
from flake8_ssot.model.file_system import absolute_path, is_within
from flake8_ssot.model.project import Project
from flake8_ssot.model.pytest_config import (
    PYTEST_VERSIONS,
    PytestConfig,
    PytestConfigFinder,
    count_prefixed,
)
from flake8_ssot.model.record import Record
from flake8_ssot.model.text_scan import line_numbers, searchable_text, word_positions
from flake8_ssot.rules.base import (
    Code,
    ConfigError,
    Diagnostic,
    Message,
    MessageKind,
    Option,
    RawValue,
    Settings,
    diagnostic,
    single_value,
)
from flake8_ssot.rules.rule import Context, LintedFile, Rule

SOT401 = Code(
    code="SOT401",
    title="test class that pytest will not collect: name",
    summary=(
        "a class with test methods in a test module whose name matches no `python_classes` "
        "entry (and that pytest would not collect for another reason)"
    ),
    fixable=False,
    what_it_does=(
        "Flags a class in a test module that has methods matching `python_functions` but a "
        "name that matches none of pytest's `python_classes` entries, read from the pytest "
        "configuration pytest itself would use. Not reported: `unittest.TestCase` subclasses "
        "(pytest collects them whatever their name, also through aliases and first-party "
        "base classes in other files), classes with `__test__ = False`, classes another class "
        "in the same module inherits from (mixins, abstract bases), and classes with a base "
        "that cannot be traced statically."
    ),
    why=(
        "pytest skips such a class silently: the run is green and collects nothing from it. "
        "A 2,400-line critical test file once collected 0 tests this way."
    ),
    example=(
        "# tests/test_websocket.py, with python_classes = Test*\n"
        "class CriticalWebSocketTests:\n"
        "    def test_connects(self) -> None:\n"
        "        assert connect()\n"
    ),
    use_instead=(
        "class TestCriticalWebSocket:\n"
        "    def test_connects(self) -> None:\n"
        "        assert connect()\n"
    ),
)
SOT402 = Code(
    code="SOT402",
    title="test class that pytest will not collect: constructor",
    summary=(
        "a class pytest would otherwise collect that defines or inherits `__init__` or `__new__`"
    ),
    fixable=False,
    what_it_does=(
        "Flags a class that pytest would otherwise collect (matching name, test methods, not "
        "a `unittest.TestCase`) but that defines or inherits `__init__` or `__new__`."
    ),
    why=(
        "pytest cannot instantiate a test class with a constructor, so it skips the whole "
        "class with a PytestCollectionWarning that is easy to miss in CI logs."
    ),
    example=(
        "class TestClient:\n"
        "    def __init__(self) -> None:\n"
        "        self.client = Client()\n"
        "\n"
        "    def test_get(self) -> None:\n"
        '        assert self.client.get("/")\n'
    ),
    use_instead=(
        "class TestClient:\n"
        "    def setup_method(self) -> None:\n"
        "        self.client = Client()\n"
        "\n"
        "    def test_get(self) -> None:\n"
        '        assert self.client.get("/")\n'
    ),
)
SOT403 = Code(
    code="SOT403",
    title="test module that pytest will not collect: file name",
    summary=(
        "a module under a `tests`/`test` directory or a `testpaths` entry that defines tests "
        "but whose file name matches no `python_files` pattern"
    ),
    fixable=False,
    what_it_does=(
        "Flags a module under a directory named `tests` or `test`, or under a configured "
        "`testpaths` entry, that defines test functions or test classes but whose file name "
        "matches none of pytest's `python_files` patterns."
    ),
    why="pytest never imports such a module, so none of its tests run.",
    example=(
        "setup.cfg                  python_files = test_*.py\n"
        "tests/websocket_checks.py  defines test_connects\n"
    ),
    use_instead=(
        "setup.cfg                  python_files = test_*.py\n"
        "tests/test_websocket.py    defines test_connects\n"
    ),
    example_language="text",
)
SOT404 = Code(
    code="SOT404",
    title="test module outside testpaths",
    summary=(
        "a test module outside every `testpaths` entry or under a `norecursedirs` "
        "directory, skipped by a bare `pytest` run"
    ),
    fixable=False,
    what_it_does=(
        "Flags a test module (its file name matches `python_files` and it defines tests) that "
        "lies outside every `testpaths` entry, when `testpaths` is set, or under a directory "
        "that `norecursedirs` (pytest's default list, or the configured one) matches."
    ),
    why=(
        "`pytest` with no arguments, as CI usually runs it, only searches `testpaths` and "
        "does not enter `norecursedirs` directories (`build`, `dist`, `venv`, hidden ones): "
        "the module's tests run only when someone names the file."
    ),
    example=(
        "setup.cfg                  testpaths = tests\n"
        "src/app/test_models.py     defines test_save\n"
    ),
    use_instead=(
        "setup.cfg                  testpaths = tests\n"
        "tests/app/test_models.py   defines test_save\n"
    ),
    example_language="text",
)

UNCOLLECTED_NAME = MessageKind(
    "SOT401",
    "name",
    "class {name} has {count} but pytest will not collect it: "
    "name matches none of python_classes {patterns} ({config})",
)
CONSTRUCTOR = MessageKind(
    "SOT402",
    "constructor",
    "class {name} has {count} but pytest will not collect it: it has {constructor} "
    "(pytest skips such classes with only a warning)",
)
FILE_NAME = MessageKind(
    "SOT403",
    "file-name",
    "{module} defines {count} but pytest will not collect it: "
    "file name matches none of python_files {patterns} ({config})",
)
OUTSIDE_TESTPATHS = MessageKind(
    "SOT404",
    "outside-testpaths",
    "{module} defines {count} but a bare pytest run skips it: "
    "it lies outside testpaths {patterns} ({config})",
)
UNRECURSED = MessageKind(
    "SOT404",
    "norecursedirs",
    "{module} defines {count} but a bare pytest run skips it: "
    "it lies under {directory}, which matches norecursedirs {patterns} ({config})",
)

#: pytest 8 reads a pyproject.toml that pytest 9 refuses; 8 blocks nobody.
DEFAULT_PYTEST_VERSION = "8"


def _parse_pytest_config(raw: RawValue, config_dir: Path) -> Path | None:
    value = single_value(raw)
    return absolute_path(config_dir / value) if value else None


def _parse_pytest_version(raw: RawValue, config_dir: Path) -> int:
    """The pytest major version whose reading of config files SOT401-SOT404 follow."""
    versions = {str(version): version for version in PYTEST_VERSIONS}
    value = single_value(raw)
    if value not in versions:
        raise ConfigError(PYTEST_VERSION.name, value, f"expected one of {', '.join(versions)}")
    return versions[value]


def _describe_pytest_config(context: Context) -> list[str]:
    """The option as given, and the pytest settings SOT401-SOT404 use for the cwd."""
    given = context.settings[PYTEST_CONFIG]
    cwd = absolute_path(Path.cwd())
    in_force = context.pytest_configs.for_directory(cwd)
    # As the config file gives it: relative to that file's directory.
    heading = (
        os.path.relpath(given, context.settings.config_dir)
        if given
        else "not set (found as pytest finds it)"
    )
    if in_force is None:
        return [heading, f"  for {cwd}: unreadable, SOT401-SOT404 off there"]
    return [
        heading,
        f"  for {cwd}: {in_force.label}",
        f"    python_files = {' '.join(in_force.python_files)}",
        f"    python_classes = {' '.join(in_force.python_classes)}",
        f"    python_functions = {' '.join(in_force.python_functions)}",
        f"    testpaths = {' '.join(in_force.testpaths) or '(none)'}",
    ]


PYTEST_CONFIG: Option[Path | None] = Option(
    "ssot-pytest-config",
    value="the pytest configuration file SOT401-SOT404 apply, relative to the config "
    "file's directory",
    default_text="found as pytest finds it, walking up from each linted file",
    help="The pytest configuration file for SOT401-SOT404, relative to the "
    "config file's directory. (Default: found as pytest finds it, walking "
    "up from each linted file's directory)",
    parse=_parse_pytest_config,
    describe=_describe_pytest_config,
)
PYTEST_VERSION: Option[int] = Option(
    "ssot-pytest-version",
    value="`8` or `9`: which pytest's reading of its config files SOT401-SOT404 follow",
    default_text=f"`{DEFAULT_PYTEST_VERSION}`",
    help="The pytest major version (8 or 9) whose reading of pytest's config files "
    "SOT401-SOT404 follow: pytest 9 refuses a pyproject.toml with "
    "[tool.pytest.ini_options] beside other [tool.pytest] tables, which pytest 8 "
    f"reads, and reads pytest.toml. (Default: {DEFAULT_PYTEST_VERSION})",
    parse=_parse_pytest_version,
    default=DEFAULT_PYTEST_VERSION,
)


def pytest_config_finder(settings: Settings, log: Callable[[str], None]) -> PytestConfigFinder:
    """pytest's configuration as the options say to find it; notes on it go to ``log``."""
    return PytestConfigFinder(
        settings[PYTEST_VERSION],
        log,
        settings[PYTEST_CONFIG],
        unreadable_means="SOT401-SOT404 skipped for the files it governs",
    )


def conftest_hooks(project: Project, log: Callable[[str], None]) -> ConftestHooks:
    """The conftests that take over collection; a note on each goes to ``log``, once."""
    return ConftestHooks(project, log, "SOT401-SOT404 skipped for the files under it")


def prepare(context: Context) -> None:
    """Read the working directory's pytest config before flake8 forks: its note comes once."""
    context.pytest_configs.for_directory(absolute_path(Path.cwd()))


TEST_DIRECTORY_NAMES = frozenset({"tests", "test"})
#: unittest's own method prefix, which pytest uses for TestCase subclasses.
UNITTEST_METHOD_PREFIX = "test"


class _TestClass(Record):
    __slots__ = ("node", "facts", "test_methods")

    def __init__(self, node: ast.ClassDef, facts: ClassFacts, test_methods: int) -> None:
        self.node = node
        self.facts = facts
        self.test_methods = test_methods


def discovery_findings(file: LintedFile, context: Context) -> list[Diagnostic]:
    """Findings for one file; [] at once for files pytest would never look at."""
    tree, source, filename = file.tree, file.source, file.filename
    path = absolute_path(filename)
    config = _config_looking_at(path, context)
    if config is None:
        return []
    collected_by_name = config.is_test_file(path)
    if context.conftests.governing(path.parent, config.rootdir) is not None:
        return []  # a conftest decides what is collected here, not pytest's naming rules
    if context.conftests.ignores(path, config.rootdir):
        return []  # a conftest tells pytest to leave the file alone: nothing to collect
    main_blocks = _main_only_blocks(tree.body)
    summary, statements = file.read(context)
    if _module_test_flag_may_be_false(summary, statements):
        return []  # pytest collects nothing from the module
    # Definitions as the module makes them at run time (not ``if TYPE_CHECKING:``), and
    # not what runs only under ``python file.py``, which pytest never imports.
    top_level = [
        statement
        for statement in statements
        if isinstance(statement, _DEFINITIONS) and not _within(statement.lineno, main_blocks)
    ]
    functions = [
        statement
        for statement in top_level
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef))
        and config.is_test_function(statement.name)
        and not is_fixture(statement)
    ]
    class_nodes = [statement for statement in top_level if isinstance(statement, ast.ClassDef)]
    classes = _test_classes(class_nodes, tree, summary, context, config)
    findings: list[Diagnostic] = []
    name_uses = _NameUses(source, main_blocks)
    collected_tests = len(functions)
    for test_class in classes:
        facts = test_class.facts
        if facts.test_flag is False or not test_class.test_methods or facts.is_abstract:
            # pytest (>= 8.3) silently skips an abstract class: a base for real tests.
            continue
        if facts.kind == "unittest":
            collected_tests += test_class.test_methods
            continue
        if not (config.is_test_class(facts.name) or facts.test_flag is True):
            if (
                collected_by_name
                and facts.kind == "plain"
                and not _handed_to_factory(test_class.node)
                and not name_uses.outside(test_class.node)
                and not _reexported_by_package(facts.name, summary.module, context)
            ):
                message = UNCOLLECTED_NAME(
                    name=facts.name,
                    count=_plural(test_class.test_methods, "test method"),
                    patterns=str(list(config.python_classes)),
                    config=config.label,
                )
                findings.append(_class_finding(filename, test_class, message))
            continue
        if facts.constructor is not None:
            if collected_by_name and facts.kind == "plain":
                message = CONSTRUCTOR(
                    name=facts.name,
                    count=_plural(test_class.test_methods, "test method"),
                    constructor=facts.constructor,
                )
                findings.append(_class_finding(filename, test_class, message))
            continue
        collected_tests += test_class.test_methods
    if collected_tests:
        findings.extend(
            _module_findings(filename, path, config, collected_by_name, collected_tests)
        )
    return findings


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def may_report(filename: str, context: Context) -> bool:
    """Whether pytest looks at the file at all: a cheap first question, from its path."""
    return _config_looking_at(absolute_path(filename), context) is not None


def _config_looking_at(path: Path, context: Context) -> PytestConfig | None:
    """The pytest configuration in force for a file pytest would collect by its name or
    its place; None for any other file, or where pytest cannot read its configuration
    (which was said once already)."""
    config = context.pytest_configs.for_directory(path.parent)
    if config is None:
        return None
    if config.is_test_file(path) or _in_test_directory(path, config):
        return config
    return config if config.is_under_testpaths(path) else None


def _module_test_flag_may_be_false(
    summary: ModuleSummary, statements: tuple[ast.stmt, ...]
) -> bool:
    """Whether the module's ``__test__`` is false (pytest then collects nothing from it),
    or may be: bound in a branch, imported or computed, it is not read here."""
    bindings = summary.named.get("__test__")
    if not bindings:
        return False
    last = bindings[-1]
    statement = statements[last.position - 1]
    if last.branches or last.source is not None:
        return True
    if isinstance(statement, (ast.Assign, ast.AnnAssign)) and isinstance(
        statement.value, ast.Constant
    ):
        return not statement.value.value
    return True


def _test_classes(
    nodes: list[ast.ClassDef],
    tree: ast.Module,
    summary: ModuleSummary,
    context: Context,
    config: PytestConfig,
) -> list[_TestClass]:
    """The facts of each class, read through the module's summary."""
    if not nodes:
        return []
    module = ModuleClasses(summary)
    shapes = {(shape.line, shape.col): shape for shape in summary.classes}
    never = _never_run(tree)
    return [
        _TestClass(node, facts, _test_method_count(facts, config))
        for node in nodes
        for shape in [shapes.get((node.lineno, node.col_offset))]
        if shape is not None and id(node) not in never and _seen_by_pytest(shape, summary)
        for facts in [context.classes.facts(module, shape)]
    ]


def _seen_by_pytest(shape: ClassShape, summary: ModuleSummary) -> bool:
    """Whether the class statement makes the class pytest finds under its name.

    Not when the name is bound again later (pytest sees that object), deleted,
    or defined only ``if TYPE_CHECKING:`` (not in the summary at all).
    """
    same = summary.named.get(shape.name, ())
    return any(
        binding.position == shape.position and binding.source is None for binding in same
    ) and not any(later.position > shape.position for later in same)


def _never_run(tree: ast.Module) -> set[int]:
    """The ids of module-level class statements in an ``if`` arm that cannot run here.

    Only ``sys.version_info`` compared with literals is worked out (for the
    Python running flake8): ``if sys.version_info < (3,):`` defines nothing.
    """
    never: set[int] = set()
    pending: list[tuple[ast.stmt, bool]] = [(statement, False) for statement in tree.body]
    while pending:
        statement, dead = pending.pop()
        if isinstance(statement, ast.ClassDef):
            if dead:
                never.add(id(statement))
        elif isinstance(statement, ast.If):
            runs = _version_test(statement.test)
            pending.extend((inner, dead or runs is False) for inner in statement.body)
            pending.extend((inner, dead or runs is True) for inner in statement.orelse)
        elif isinstance(statement, ast.Try):
            inner_statements = [*statement.body, *statement.orelse, *statement.finalbody]
            inner_statements.extend(
                inner for handler in statement.handlers for inner in handler.body
            )
            pending.extend((inner, dead) for inner in inner_statements)
    return never


def _version_test(test: ast.expr) -> bool | None:
    """The value of a test of ``sys.version_info`` against literals here; None otherwise."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        value = _version_test(test.operand)
        return None if value is None else not value
    if isinstance(test, ast.BoolOp):
        values = [_version_test(operand) for operand in test.values]
        if None in values:
            return None
        return all(values) if isinstance(test.op, ast.And) else any(values)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, here = _version_here(test.left)
    compare = _COMPARISONS.get(type(test.ops[0]))
    if here is None or compare is None or dotted_parts(left) != ("sys", "version_info"):
        return None
    try:
        other = ast.literal_eval(test.comparators[0])
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    if isinstance(here, tuple):
        if not (isinstance(other, tuple) and all(type(part) is int for part in other)):
            return None
    elif type(other) is not int:
        return None
    return bool(compare(here, other))


def _version_here(left: ast.expr) -> tuple[ast.expr, tuple[object, ...] | int | None]:
    """``sys.version_info``, ``[:N]`` of it or ``[N]`` of it: the expression and its value."""
    if not isinstance(left, ast.Subscript):
        return left, tuple(sys.version_info)
    part = left.slice
    if (
        isinstance(part, ast.Slice)
        and part.lower is None
        and part.step is None
        and isinstance(part.upper, ast.Constant)
        and type(part.upper.value) is int
    ):
        return left.value, tuple(sys.version_info[: part.upper.value])
    if isinstance(part, ast.Constant) and type(part.value) is int and 0 <= part.value <= 2:
        return left.value, int(sys.version_info[part.value])
    return left.value, None


_COMPARISONS: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


def _module_findings(
    filename: str, path: Path, config: PytestConfig, collected_by_name: bool, tests: int
) -> list[Diagnostic]:
    count = _plural(tests, "test")
    if not collected_by_name:
        message = FILE_NAME(
            module=path.name,
            count=count,
            patterns=str(list(config.python_files)),
            config=config.label,
        )
        return [diagnostic(filename, 1, 0, [message], (path.name,))]
    # When no testpaths entry matches anything, pytest falls back to the rootdir.
    if config.testpath_dirs and not config.is_under_testpaths(path):
        message = OUTSIDE_TESTPATHS(
            module=path.name,
            count=count,
            patterns=str(list(config.testpaths)),
            config=config.label,
        )
        return [diagnostic(filename, 1, 0, [message], (path.name,))]
    unrecursed = config.unrecursed_directory(path)
    if unrecursed is not None:
        message = UNRECURSED(
            module=path.name,
            count=count,
            directory=repr(unrecursed.name),
            patterns=str(list(config.norecursedirs)),
            config=config.label,
        )
        return [diagnostic(filename, 1, 0, [message], (path.name,))]
    return []


class _NameUses:
    """Whether a module names a class outside the class's own body.

    A class that the module names elsewhere (a base of another class, or
    handed to a class factory such as ``make_tests(Base)`` or
    ``@add_options(Base)``) is material for other tests, not a test class
    that lost its name. Uses in a branch that runs only when the file is run
    as a script do not count: that is not how pytest sees it (see
    :func:`_main_only_blocks`). This is a text search for the name as a
    whole word on code lines (comment-only lines skipped), so it costs no
    tree walk, and only the classes asked about are searched for.
    """

    def __init__(self, source: str, main_blocks: list[tuple[int, int]]) -> None:
        self.source = source
        self.main_blocks = main_blocks
        self._text: str | None = None

    def outside(self, node: ast.ClassDef) -> bool:
        body_start = node.body[0].lineno
        body_end = node.end_lineno or body_start
        return any(
            number != node.lineno
            and not body_start <= number <= body_end
            and not _within(number, self.main_blocks)
            for number in self._code_lines_naming(node.name)
        )

    def _code_lines_naming(self, name: str) -> list[int]:
        """The numbers of the lines that hold ``name`` as a word and are not comments."""
        if self._text is None:
            # Lines as Python counts them, names as it reads them (NFKC).
            self._text = searchable_text(self.source)
        text = self._text
        positions = [
            position
            for position in word_positions(text, name)
            if not text[_line_start(text, position) : position].lstrip().startswith("#")
        ]
        return line_numbers(text, positions)


def _line_start(text: str, position: int) -> int:
    return max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1


def _within(line: int, blocks: list[tuple[int, int]]) -> bool:
    return any(start <= line <= end for start, end in blocks)


def _main_only_blocks(top_level: list[ast.stmt]) -> list[tuple[int, int]]:
    """Line ranges of the module-level branches that run only under ``python file.py``.

    The body of ``if __name__ == "__main__":`` (also with ``and`` more
    conditions), and the ``else`` of ``if __name__ != "__main__":``; not the
    ``else`` of the first, nor the ``if`` line itself, which pytest's import
    runs. ``elif`` and ``if`` blocks nested in module-level ``if`` blocks
    count too.
    """
    blocks: list[tuple[int, int]] = []
    pending = [statement for statement in top_level if isinstance(statement, ast.If)]
    while pending:
        statement = pending.pop()
        if statement.body and _tied_to_main(statement.test, main=True, implies=True):
            blocks.append(_line_range(statement.body))
        if statement.orelse and _tied_to_main(statement.test, main=False, implies=False):
            blocks.append(_line_range(statement.orelse))
        pending.extend(
            nested for nested in (*statement.body, *statement.orelse) if isinstance(nested, ast.If)
        )
    return blocks


def _line_range(statements: list[ast.stmt]) -> tuple[int, int]:
    last = statements[-1]
    return statements[0].lineno, last.end_lineno or last.lineno


def _tied_to_main(test: ast.expr, main: bool, implies: bool) -> bool:
    """Whether ``test`` implies (or is implied by) "the file is ``__main__``" being ``main``.

    A body runs only under ``python file.py`` when its test implies the
    file is ``__main__``; an ``else`` does when the file not being
    ``__main__`` implies the test. ``not`` swaps both; for ``and``/``or``
    one operand or all of them must hold, depending on the direction.
    Anything but a comparison of ``__name__`` with ``"__main__"`` ties to
    nothing.
    """
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, main, implies = test.operand, not main, not implies
    if isinstance(test, ast.BoolOp):
        results = (_tied_to_main(value, main, implies) for value in test.values)
        return all(results) if isinstance(test.op, ast.Or) == implies else any(results)
    return _main_comparison(test) is main


def _main_comparison(test: ast.expr) -> bool | None:
    """True for ``__name__ == "__main__"``, False for ``!=`` (either way round), else None."""
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], (ast.Eq, ast.NotEq))
    ):
        return None
    sides = [test.left, test.comparators[0]]
    if any(isinstance(side, ast.Name) and side.id == "__name__" for side in sides) and any(
        isinstance(side, ast.Constant) and side.value == "__main__" for side in sides
    ):
        return isinstance(test.ops[0], ast.Eq)
    return None


def _reexported_by_package(name: str, module: str, context: Context) -> bool:
    """Whether the module's package re-exports the class (``from .cases import *`` in its
    ``__init__``): a library of tests that other test modules import and pytest collects
    there (SQLAlchemy's dialect suite), not a test class that lost its name."""
    package = module.rpartition(".")[0]
    found = context.project.summary(package) if package else None
    if found is None:
        return False
    return any(source == module for source, _, _ in found.star_sources) or any(
        binding.source == module and binding.original == name
        for binding in found.named.get(name, ())
    )


def _handed_to_factory(node: ast.ClassDef) -> bool:
    """A class decorator other than a pytest mark may generate the real test classes."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if "mark" not in (dotted_parts(target) or []):
            return True
    return False


def _class_finding(filename: str, test_class: _TestClass, message: Message) -> Diagnostic:
    node = test_class.node
    end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
    return diagnostic(filename, node.lineno, node.col_offset, [message], (node.name,), end=end)


def _test_method_count(facts: ClassFacts, config: PytestConfig) -> int:
    if facts.kind == "unittest":
        return count_prefixed(facts.methods, UNITTEST_METHOD_PREFIX)
    return config.count_test_functions(facts.methods)


def _in_test_directory(path: Path, config: PytestConfig) -> bool:
    return _is_test_directory(path.parent, config.rootdir)


@functools.lru_cache(maxsize=4096)
def _is_test_directory(directory: Path, rootdir: Path) -> bool:
    """A directory named tests or test between the rootdir and the file (cached: per file)."""
    parents = (
        directory.parts[len(rootdir.parts) :]
        if is_within(directory, rootdir)
        else (directory.parts)
    )
    return any(part in TEST_DIRECTORY_NAMES for part in parents)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


RULE = Rule(
    codes=(SOT401, SOT402, SOT403, SOT404),
    options=(PYTEST_CONFIG, PYTEST_VERSION),
    check_file=discovery_findings,
    prepare=prepare,
)
