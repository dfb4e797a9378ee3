"""The one registry of flake8-ssot codes.

The README's code table, ``flake8-ssot explain``, the tests and the
plugin's messages all read this table, so a code cannot be documented,
tested or emitted without being here. Codes are public and stable: never
renumber or reuse one.
"""

from __future__ import annotations

from dataclasses import dataclass

from flake8_ssot.config import ALL_OPTIONS


@dataclass(frozen=True)
class Code:
    """One public error code: its message template and its documentation."""

    code: str
    title: str
    template: str
    what_it_does: str
    why: str
    example: str
    use_instead: str
    options: tuple[str, ...]

    def render(self, **fields: str) -> str:
        """One finding's text, without the code (several may share one line)."""
        return self.template.format(**fields)


SOT001 = Code(
    code="SOT001",
    title="flake8-ssot configuration error",
    template="{error}",
    what_it_does=(
        "Reports a configuration error (a misspelled `ssot-*` key, a malformed entry) on line 1 "
        "of each file when flake8 lints one file or stdin, as editors run it. The other SOT "
        "checks are off until it is fixed; flake8's own checks still run. Over a tree on the "
        "command line the same error stops flake8 with one line on stderr instead."
    ),
    why=(
        "Editors run flake8 in-process and drop its exit status (the VS Code Flake8 extension) "
        "or only log its stderr (python-lsp-server): a stopped run would blank every "
        "diagnostic of the file and the user would see nothing."
    ),
    example="ssot-deprecated-module = a.old  # in [flake8]",
    use_instead="ssot-deprecated-modules = a.old",
    options=ALL_OPTIONS,
)
SOT101 = Code(
    code="SOT101",
    title="import of a deprecated module",
    template="'{module}' is deprecated{advice}",
    what_it_does=(
        "Flags imports of a module listed in `ssot-deprecated-modules`, with exact-module "
        "semantics: the module itself and the names it defines or re-exports, but not its "
        "real submodules. For a name the deprecated package facade re-exports from one of "
        "its submodules, the message names that submodule (read statically from the "
        "facade's `__init__.py`); otherwise it names the entry's replacement."
    ),
    why=(
        "A package facade that re-exports everything keeps every caller coupled to it, and "
        "a DeprecationWarning at import time is seen by nobody. Importing from the module "
        "that defines a name is what lets the facade be deleted."
    ),
    example="from netra_backend.app.websocket_core import WebSocketManager",
    use_instead="from netra_backend.app.websocket_core.websocket_manager import WebSocketManager",
    options=("ssot-deprecated-modules", "ssot-source-roots"),
)
SOT201 = Code(
    code="SOT201",
    title="import of a legacy module",
    template="'{module}' is legacy{advice}",
    what_it_does=(
        "Flags imports of a module listed in `ssot-legacy-modules` or of anything inside it "
        "(subtree semantics, by dotted components: `logging_config_v2` is not "
        "`logging_config`)."
    ),
    why=(
        "A legacy module was replaced wholesale by a canonical one; every new import of it "
        "keeps two sources of truth alive."
    ),
    example="from netra_backend.app.logging_config import get_logger",
    use_instead="from shared.logging.unified_logging_ssot import get_logger",
    options=("ssot-legacy-modules", "ssot-source-roots"),
)
SOT301 = Code(
    code="SOT301",
    title="import of a compat shim",
    template="'{module}' is a compat shim (matches '{pattern}'): import from the module it wraps",
    what_it_does=(
        "Flags imports of a module whose absolute dotted name matches one of "
        "`ssot-compat-patterns` (fnmatch, case-sensitive; default `*_compat, *_compat.*`)."
    ),
    why=(
        "Compatibility shims are written to be deleted after a migration; every import of "
        "one is a reason it cannot be."
    ),
    example="from netra_backend.app.websocket_core.unified_manager_compat import UnifiedManager",
    use_instead=(
        "from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager"
    ),
    options=("ssot-compat-patterns", "ssot-source-roots"),
)

SOT401 = Code(
    code="SOT401",
    title="test class that pytest will not collect: name",
    template=(
        "class {name} has {count} but pytest will not collect it: "
        "name matches none of python_classes {patterns} ({config})"
    ),
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
    example="class CriticalWebSocketTests:  # with python_classes = Test*",
    use_instead="class TestCriticalWebSocket:",
    options=("ssot-pytest-config", "ssot-pytest-version"),
)
SOT402 = Code(
    code="SOT402",
    title="test class that pytest will not collect: constructor",
    template=(
        "class {name} has {count} but pytest will not collect it: it has {constructor} "
        "(pytest skips such classes with only a warning)"
    ),
    what_it_does=(
        "Flags a class that pytest would otherwise collect (matching name, test methods, not "
        "a `unittest.TestCase`) but that defines or inherits `__init__` or `__new__`."
    ),
    why=(
        "pytest cannot instantiate a test class with a constructor, so it skips the whole "
        "class with a PytestCollectionWarning that is easy to miss in CI logs."
    ),
    example="class TestClient:  def __init__(self): self.client = Client()",
    use_instead="class TestClient:  def setup_method(self): self.client = Client()",
    options=("ssot-pytest-config", "ssot-pytest-version"),
)
SOT403 = Code(
    code="SOT403",
    title="test module that pytest will not collect: file name",
    template=(
        "{module} defines {count} but pytest will not collect it: "
        "file name matches none of python_files {patterns} ({config})"
    ),
    what_it_does=(
        "Flags a module under a directory named `tests` or `test`, or under a configured "
        "`testpaths` entry, that defines test functions or test classes but whose file name "
        "matches none of pytest's `python_files` patterns."
    ),
    why="pytest never imports such a module, so none of its tests run.",
    example="tests/websocket_checks.py  # with python_files = test_*.py",
    use_instead="tests/test_websocket.py",
    options=("ssot-pytest-config", "ssot-pytest-version"),
)
SOT404 = Code(
    code="SOT404",
    title="test module outside testpaths",
    template=(
        "{module} defines {count} but a bare pytest run skips it: "
        "it lies outside testpaths {patterns} ({config})"
    ),
    what_it_does=(
        "Flags a test module (its file name matches `python_files` and it defines tests) that "
        "lies outside every `testpaths` entry, when `testpaths` is set."
    ),
    why=(
        "`pytest` with no arguments, as CI usually runs it, only searches `testpaths`: the "
        "module's tests run only when someone names the file."
    ),
    example="src/app/test_models.py  # with testpaths = tests",
    use_instead="tests/app/test_models.py",
    options=("ssot-pytest-config", "ssot-pytest-version"),
)

SOT501 = Code(
    code="SOT501",
    title="second definition of a canonical symbol",
    template="{kind} {name} redefines a canonical symbol: import it from {home}",
    what_it_does=(
        "Flags, in any module other than its home, a module-level `class Name`, `def Name`, "
        "`async def Name` or binding `Name = ...` of a name registered in "
        "`ssot-canonical-symbols` (definitions under module-level `if`/`try` blocks count)."
    ),
    why=(
        "A second definition is a second source of truth: callers split between two "
        "implementations, and a compat alias such as `WebSocketManager = "
        "UnifiedWebSocketManager` keeps the old one alive."
    ),
    example="WebSocketManager = UnifiedWebSocketManager  # in unified_manager.py",
    use_instead=(
        "from netra_backend.app.websocket_core.websocket_manager import WebSocketManager"
    ),
    options=("ssot-canonical-symbols", "ssot-source-roots"),
)
SOT502 = Code(
    code="SOT502",
    title="canonical symbol imported from outside its home",
    template="{names} imported from {module}: import from {home}",
    what_it_does=(
        "Flags `from X import Name` (absolute or relative) where `Name` is registered in "
        "`ssot-canonical-symbols`, `X` is a first-party module (found under the source roots) "
        "other than the name's home, and no higher-precedence code already reports the "
        "import. Third-party modules that export the same name are not reported."
    ),
    why=(
        "Importing a canonical symbol through a side door (a re-exporting package, a module "
        "that imported it) ties the caller to that door, which then can never be removed."
    ),
    example="from netra_backend.app.services import WebSocketManager",
    use_instead=(
        "from netra_backend.app.websocket_core.websocket_manager import WebSocketManager"
    ),
    options=("ssot-canonical-symbols", "ssot-source-roots"),
)

#: Every released code. The import codes come in precedence order: where
#: several apply to one import, the first one listed here wins.
ALL_CODES: tuple[Code, ...] = (
    SOT001, SOT101, SOT201, SOT301, SOT401, SOT402, SOT403, SOT404, SOT501, SOT502,
)


def lookup(code: str) -> Code | None:
    """The registered code, case-insensitively; None for an unknown one."""
    wanted = code.strip().upper()
    return next((known for known in ALL_CODES if known.code == wanted), None)
