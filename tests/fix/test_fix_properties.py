"""Generated files of imports: the fixer's output compiles, re-lints clean, and is stable.

"Clean" means every import finding flake8 would still report on the fixed
file is one the fixer lists as left for a person, at the same place: the
fixer never leaves a fixable finding behind and never hides one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from flake8_ssot.fix.apply import fix_source
from flake8_ssot.rules.rule import Context
from support import all_findings, context_for

IMPORT_CODES = ("SOT101", "SOT201", "SOT301", "SOT502")

PROJECT_FILES = {
    "setup.cfg": """\
[flake8]
ssot-deprecated-modules = pkg.facade = pkg.facade.core
ssot-legacy-modules =
    pkg.oldlog = pkg.newlog
    pkg.gone
ssot-canonical-symbols = pkg.facade.core:Manager
""",
    "pkg/__init__.py": "",
    "pkg/facade/__init__.py": (
        "from .core import Manager, make\nfrom .extra import Helper\n\n\ndef local(): ...\n"
    ),
    "pkg/facade/core.py": "class Manager: ...\n\n\ndef make(): ...\n",
    "pkg/facade/extra.py": "class Helper: ...\n",
    "pkg/oldlog.py": "def get_logger(): ...\n\n\ndef only_old(): ...\n",
    "pkg/newlog.py": "def get_logger(): ...\n",
    "pkg/gone.py": "def anything(): ...\n",
    "pkg/util_compat.py": "def shim(): ...\n",
    "pkg/sidedoor.py": "from pkg.facade.core import Manager\n",
}

# (module as written from pkg/client.py, names it can give)
SOURCES = [
    ("pkg.facade", ["Manager", "make", "Helper", "local", "core", "extra"]),
    (".facade", ["Manager", "Helper", "local", "core"]),
    ("pkg.facade.core", ["Manager", "make"]),
    ("pkg.oldlog", ["get_logger", "only_old"]),
    (".oldlog", ["get_logger"]),
    ("pkg.gone", ["anything"]),
    ("pkg.util_compat", ["shim"]),
    ("pkg.sidedoor", ["Manager"]),
    (".", ["facade", "oldlog", "newlog"]),
    ("pkg", ["facade", "oldlog"]),
    ("os.path", ["join"]),
]
MODULES = ["pkg.facade", "pkg.oldlog", "pkg.gone", "pkg.util_compat", "pkg.facade.core", "os"]
ALIASES = ["x", "log", "facade", "m"]
WRAPPERS = [
    "{stmt}",
    "def f():\n    {stmt}\n    return None",
    "try:\n    {stmt}\nexcept ImportError:\n    pass",
    "if TYPE_CHECKING:\n    {stmt}",
    "class C:\n    {stmt}",
]


@st.composite
def from_imports(draw: st.DrawFn) -> str:
    module, names = draw(st.sampled_from(SOURCES))
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    parts = [name + draw(st.sampled_from(["", " as renamed_" + name])) for name in chosen]
    comment = draw(st.sampled_from(["", "  # why"]))
    if draw(st.booleans()):
        return f"from {module} import (\n    " + ",\n    ".join(parts) + f",{comment}\n)"
    return f"from {module} import {', '.join(parts)}{comment}"


@st.composite
def module_imports(draw: st.DrawFn) -> str:
    module = draw(st.sampled_from(MODULES))
    if draw(st.booleans()):
        alias = draw(st.sampled_from(ALIASES))
        uses = draw(
            st.lists(st.sampled_from(["get_logger", "only_old", "Manager", "anything"]), max_size=2)
        )
        return f"import {module} as {alias}" + "".join(f"\n{alias}.{use}()" for use in uses)
    return f"import {module}"


statements = st.one_of(
    from_imports(),
    module_imports(),
    st.sampled_from(
        [
            "importlib.import_module('pkg.oldlog')",
            "import os; from pkg.facade import Manager",
            "x = 1",
        ]
    ),
)


@st.composite
def client_modules(draw: st.DrawFn) -> str:
    blocks = []
    for statement in draw(st.lists(statements, min_size=1, max_size=6)):
        wrapper = draw(st.sampled_from(WRAPPERS))
        blocks.append(
            wrapper.format(stmt=statement.replace("\n", "\n" + " " * 4))
            if wrapper != "{stmt}"
            else statement
        )
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = "\n".join(["import importlib", "TYPE_CHECKING = False", *blocks, ""])
    return text.replace("\n", newline)


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Context, str]]:
    """The plugin configured as flake8 would configure it, run from the project's root."""
    root = tmp_path_factory.mktemp("fixprops")
    for relative, text in PROJECT_FILES.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        yield context_for([]), str(root / "pkg" / "client.py")


def import_findings(source: str, filename: str, context: Context) -> set[tuple[int, int, str]]:
    return {
        (finding.line, finding.col, finding.code)
        for finding in all_findings(ast.parse(source), source, filename, context)
        if finding.code.startswith(IMPORT_CODES)
    }


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=client_modules())
def test_fix_output_compiles_relints_clean_and_is_stable(
    context: tuple[Context, str], source: str
) -> None:
    check_context, filename = context
    first = fix_source(source, filename, check_context, lambda code, line: True)
    assert first.error is None, first.error
    fixed = first.fixed
    compile(fixed, filename, "exec", dont_inherit=True)
    if "\r\n" in source:
        assert fixed.count("\n") == fixed.count("\r\n")
    second = fix_source(fixed, filename, check_context, lambda code, line: True)
    assert second.fixed == fixed, "a second fix changed the file again"
    left = {(item.line, item.col, item.code) for item in second.leftovers}
    assert import_findings(fixed, filename, check_context) == left
    if first.changed:
        assert import_findings(source, filename, check_context), (
            "the fixer changed a file with no finding"
        )
    event("fixed" if first.changed else "unchanged")
    event("some finding left to a person" if left else "nothing left")


def test_the_generator_reaches_every_rewrite(context: tuple[Context, str]) -> None:
    """The property above is only as good as its inputs: they must exercise each fix."""
    check_context, filename = context
    source = "\n".join(
        [
            "from pkg.facade import Manager, Helper",  # SOT101, split
            "from .oldlog import get_logger",  # SOT201, relative
            "from pkg.sidedoor import Manager as M",  # SOT502
            "import pkg.oldlog as log",  # module object, only_old keeps it
            "log.only_old()",
            "",
        ]
    )
    result = fix_source(source, filename, check_context, lambda code, line: True)
    assert dict(result.rewritten) == {"SOT101": 2, "SOT201": 1, "SOT502": 1}
    assert [item.code for item in result.leftovers] == ["SOT201"]
