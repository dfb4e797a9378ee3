"""The import engine agrees with Python's own import semantics."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flake8_ssot.model.imports import (
    ImportRef,
    collect_imports,
    import_statements,
    resolve_relative,
)
from flake8_ssot.model.text_scan import lines_holding

identifiers = st.sampled_from(["a", "b", "pkg", "core", "x_compat", "old"])
dotted_names = st.lists(identifiers, min_size=1, max_size=4).map(".".join)


def refs_of(source: str, package: str | None = "pkg.sub") -> list[ImportRef]:
    return collect_imports(ast.parse(source), source, lambda: package)


@given(
    level=st.integers(min_value=1, max_value=5),
    module=st.none() | dotted_names,
    package=dotted_names,
)
def test_relative_resolution_matches_importlib(
    level: int, module: str | None, package: str
) -> None:
    name = "." * level + (module or "")
    try:
        expected: str | None = importlib.util.resolve_name(name, package)
    except ImportError:
        expected = None
    assert resolve_relative(level, module, package) == expected


WRAPPERS = [
    "{stmt}",
    "def f():\n    {stmt}",
    "async def f():\n    {stmt}",
    "class C:\n    {stmt}",
    "try:\n    {stmt}\nexcept ImportError:\n    pass",
    "try:\n    pass\nexcept ImportError:\n    {stmt}",
    "try:\n    pass\nfinally:\n    {stmt}",
    "if TYPE_CHECKING:\n    pass\nelse:\n    {stmt}",
    "with x:\n    {stmt}",
    "for i in y:\n    pass\nelse:\n    {stmt}",
    "while z:\n    {stmt}",
]


@st.composite
def wrapped_import_statements(draw: st.DrawFn) -> tuple[str, list[ImportRef]]:
    """An import statement in some block, and the refs Python's semantics give it."""
    wrapper = draw(st.sampled_from(WRAPPERS))
    line = wrapper.split("{stmt}")[0].count("\n") + 1
    col = 4 if wrapper != "{stmt}" else 0
    if draw(st.booleans()):
        modules = draw(st.lists(dotted_names, min_size=1, max_size=3))
        aliased = [m + (" as alias" if draw(st.booleans()) else "") for m in modules]
        statement = "import " + ", ".join(aliased)
        expected = [ImportRef(m, (), line, col) for m in modules]
    else:
        level = draw(st.integers(min_value=0, max_value=3))
        module = draw(dotted_names if level == 0 else st.none() | dotted_names)
        names = draw(st.lists(identifiers, min_size=1, max_size=3))
        parenthesised = draw(st.booleans())
        imported = ", ".join(names)
        if parenthesised:
            imported = "(\n        " + imported + ",\n    )"
        statement = f"from {'.' * level}{module or ''} import {imported}"
        try:
            target: str | None = (
                importlib.util.resolve_name("." * level + (module or ""), "pkg.sub")
                if level
                else module
            )
        except ImportError:
            target = None
        expected = [] if target is None else [ImportRef(target, tuple(names), line, col)]
    return wrapper.format(stmt=statement), expected


@given(wrapped_import_statements())
def test_collected_imports_match_python_semantics(case: tuple[str, list[ImportRef]]) -> None:
    source, expected = case
    assert refs_of(source) == expected


def test_dynamic_imports_need_the_text_marker() -> None:
    source = "x = importlib.import_module('a.b')\ny = __import__('c')\n"
    assert refs_of(source) == [ImportRef("a.b", (), 1, 4), ImportRef("c", (), 2, 4)]
    # The same tree with a text that does not mention them skips the expression walk.
    assert collect_imports(ast.parse(source), "", lambda: None) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("__import__('x', globals(), locals(), [], 1)", "pkg.sub.x"),
        ("__import__('x', level=2)", "pkg.x"),
        ("__import__('x', level=True)", None),
        ("importlib.import_module('.x', 'other.pkg')", "other.pkg.x"),
        ("importlib.import_module('..x', package=__package__)", "pkg.x"),
        ("importlib.import_module('.x')", None),
        ("importlib.import_module('not a module')", None),
        ("importlib.import_module(f'a.{b}')", None),
        ("something.import_module('a')", None),
        ("__import__()", None),
    ],
)
def test_dynamic_import_forms(source: str, expected: str | None) -> None:
    refs = refs_of(source)
    assert [ref.module for ref in refs] == ([expected] if expected else [])


def test_package_is_computed_only_for_relative_imports() -> None:
    calls: list[int] = []

    def package() -> str:
        calls.append(1)
        return "pkg"

    source = "import a\nfrom b import c\n"
    collect_imports(ast.parse(source), source, package)
    assert calls == []
    source = "from . import x\nfrom .. import y\n"
    collect_imports(ast.parse(source), source, package)
    assert calls == [1]


@given(st.text(alphabet="im_o \r\n\f\v\x1c\u2028", max_size=40))
def test_marker_lines_are_the_lines_python_counts(text: str) -> None:
    markers = ["im", "_o", "m"]
    by_splitting = [
        number
        for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1)
        if any(marker in line for marker in markers)
    ]
    assert lines_holding(text, markers) == by_splitting


def test_dynamic_import_after_form_feed_keeps_its_line() -> None:
    # str.splitlines() would count \f as a line end and lose the marker line.
    source = "x = 1\f\ny = __import__('a')\r\nz = __import__('b')\n"
    assert [(ref.module, ref.line) for ref in refs_of(source)] == [("a", 2), ("b", 3)]


@pytest.mark.parametrize(
    "source",
    [
        "import a\nfrom b import c\n",  # every "import" is a top-level statement: no walk
        "import a\ndef f():\n    import b\n",
        '"""Docs that say import."""\nimport a\n',
        "import a\nif x:\n    from b import c\n",
    ],
)
def test_the_text_shortcut_never_hides_a_nested_import(source: str) -> None:
    tree = ast.parse(source)
    walked = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    found = import_statements(tree, source)
    assert sorted(id(node) for node in found) == sorted(id(node) for node in walked)


ALIAS = "from importlib import import_module as im\n"
NEEDS_312 = pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax")


def test_an_alias_nothing_else_binds_is_a_dynamic_import() -> None:
    source = ALIAS + "x = 1\nim('a')\n"
    assert refs_of(source)[1:] == [ImportRef("a", (), 3, 0)]


@pytest.mark.parametrize(
    "binding",
    [
        pytest.param("def im(): ...", id="def"),
        pytest.param("async def im(): ...", id="async-def"),
        pytest.param("class im: ...", id="class"),
        pytest.param("im = print", id="assign"),
        pytest.param("im: object", id="annotation"),
        pytest.param("im += 1", id="augmented"),
        pytest.param("del im", id="del"),
        pytest.param("for im in []: pass", id="for"),
        pytest.param("with open('f') as im: pass", id="with"),
        pytest.param("try:\n    pass\nexcept OSError as im:\n    pass", id="except"),
        pytest.param("if (im := print): pass", id="walrus"),
        pytest.param("y = [im for im in []]", id="comprehension"),
        pytest.param("f = lambda im: im('a')", id="lambda"),
        pytest.param("def f(*, im): ...", id="keyword-only"),
        pytest.param("def f(*im): ...", id="varargs"),
        pytest.param("def f(**im): ...", id="kwargs"),
        pytest.param("match x:\n    case im: pass", id="match-capture"),
        pytest.param("match x:\n    case [*im]: pass", id="match-star"),
        pytest.param("match x:\n    case {**im}: pass", id="match-rest"),
        pytest.param("import other as im", id="other-import"),
        pytest.param("from importlib import __import__ as im", id="other-function"),
        pytest.param("from other import *", id="star-import"),
        pytest.param("type im = int", id="type-alias", marks=NEEDS_312),
        pytest.param("def f[im](): ...", id="type-parameter", marks=NEEDS_312),
    ],
)
def test_an_alias_bound_otherwise_anywhere_is_not_trusted(binding: str) -> None:
    source = ALIAS + binding + "\nim('a')\n"
    assert [ref for ref in refs_of(source) if ref.names == () and ref.module == "a"] == []
