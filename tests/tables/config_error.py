"""SOT001: a configuration error, which names the option and the entry, and stops the checks.

In-process, and when flake8 lints one file or stdin (as editors run it), a
case is SOT001 on line 1; through flake8 over a tree (``tree``), the same
line on stderr stops the run. test_integration.py also runs the editors'
ways of running flake8.
"""

from __future__ import annotations

from tables import F, Table, case
from tables.kinds import config_error

#: A malformed ``[flake8]`` entry, and the one line that names the option and the entry.
MALFORMED = [
    (
        "bad-dotted-name",
        "ssot-deprecated-modules = pkg..facade",
        "flake8-ssot: ssot-deprecated-modules: entry 'pkg..facade': 'pkg..facade' is not "
        "a dotted module name (expected `OLD [= NEW] [; removed-in VERSION] [; reason TEXT]`)",
    ),
    (
        "keyword-in-name",
        "ssot-deprecated-modules = pkg.class",
        "flake8-ssot: ssot-deprecated-modules: entry 'pkg.class': 'pkg.class' is not a "
        "dotted module name (expected `OLD [= NEW] [; removed-in VERSION] [; reason TEXT]`)",
    ),
    (
        "an-arrow-for-equals",
        "ssot-legacy-modules = a.old -> a.new",
        "flake8-ssot: ssot-legacy-modules: entry 'a.old -> a.new': 'a.old -> a.new' is not a "
        "dotted module name (expected `OLD [= NEW] [; removed-in VERSION] [; reason TEXT]`)",
    ),
    (
        "bad-replacement",
        "ssot-legacy-modules =\n    a.old = b/new",
        "flake8-ssot: ssot-legacy-modules: entry 'a.old = b/new': replacement 'b/new' is "
        "not a dotted module name",
    ),
    (
        "empty-replacement",
        "ssot-legacy-modules = a.old =",
        "flake8-ssot: ssot-legacy-modules: entry 'a.old =': replacement '' is not a "
        "dotted module name",
    ),
    (
        "unknown-key",
        "ssot-legacy-modules = a.old = b.new ; removed_in 2.0",
        "flake8-ssot: ssot-legacy-modules: entry 'a.old = b.new ; removed_in 2.0': "
        "unknown key 'removed_in' (expected 'removed-in VERSION' or 'reason TEXT', last)",
    ),
    (
        "invalid-version",
        "ssot-deprecated-modules = a.old ; removed-in soon",
        "flake8-ssot: ssot-deprecated-modules: entry 'a.old ; removed-in soon': 'soon' "
        "is not a PEP 440 version",
    ),
    (
        "missing-version",
        "ssot-deprecated-modules = a.old ; removed-in",
        "flake8-ssot: ssot-deprecated-modules: entry 'a.old ; removed-in': '' is not a "
        "PEP 440 version",
    ),
    (
        "type-checking-imports-value",
        "ssot-type-checking-imports = ignore",
        "flake8-ssot: ssot-type-checking-imports: entry 'ignore': expected one of report, allow",
    ),
    (
        "reason-without-text",
        "ssot-legacy-modules = a.old = a.new ; reason",
        "flake8-ssot: ssot-legacy-modules: entry 'a.old = a.new ; reason': 'reason' needs a text",
    ),
    (
        "listed-twice",
        "ssot-deprecated-modules =\n    a.old = a.new\n    a.old = a.newer",
        "flake8-ssot: ssot-deprecated-modules: entry 'a.old = a.newer': 'a.old' is listed twice",
    ),
    (
        "canonical-home-is-legacy",
        "ssot-legacy-modules = app.oldlog = app.newlog\n"
        "ssot-canonical-symbols = app.oldlog:get_logger",
        "flake8-ssot: ssot-canonical-symbols: entry 'app.oldlog:get_logger': the home "
        "'app.oldlog' lies inside the legacy module 'app.oldlog'; follow its replacements "
        "('app.oldlog' -> 'app.newlog') and name the end, 'app.newlog', instead",
    ),
    (
        "replacement-inside-the-legacy-subtree",
        "ssot-legacy-modules = pkg.old = pkg.old.new",
        "flake8-ssot: ssot-legacy-modules: entry 'pkg.old = pkg.old.new': the "
        "replacement 'pkg.old.new' lies inside the legacy module 'pkg.old'",
    ),
    (
        "replacement-is-a-compat-shim",
        "ssot-compat-patterns = *_compat\nssot-legacy-modules = pkg.old = pkg.x_compat",
        "flake8-ssot: ssot-legacy-modules: entry 'pkg.old = pkg.x_compat': the "
        "replacement 'pkg.x_compat' matches the compat pattern '*_compat'",
    ),
    (
        "replacement-is-deprecated",
        "ssot-deprecated-modules =\n    a.facade = a.other\n    a.other = a.core",
        "flake8-ssot: ssot-deprecated-modules: entry 'a.facade = a.other': the "
        "replacement 'a.other' is itself listed in ssot-deprecated-modules; follow its "
        "replacements ('a.other' -> 'a.core') and name the end, 'a.core', instead",
    ),
    (
        "replacement-chain-through-a-legacy-module",
        "ssot-deprecated-modules =\n    a.facade = a.other\n    a.other = a.old.api\n"
        "ssot-legacy-modules = a.old = a.core",
        "flake8-ssot: ssot-deprecated-modules: entry 'a.facade = a.other': the "
        "replacement 'a.other' is itself listed in ssot-deprecated-modules; follow its "
        "replacements ('a.other' -> 'a.old.api' -> 'a.core') and name the end, 'a.core', "
        "instead",
    ),
    (
        "replacement-cycle",
        "ssot-deprecated-modules =\n    a.one = a.two\n    a.two = a.three\n"
        "ssot-legacy-modules = a.three = a.one",
        "flake8-ssot: ssot-deprecated-modules: entry 'a.one = a.two': the replacement "
        "'a.two' is itself listed in ssot-deprecated-modules; its replacements go round "
        "in a cycle: 'a.two' -> 'a.three' -> 'a.one' -> 'a.two'",
    ),
    (
        "replacement-without-its-own-replacement",
        "ssot-deprecated-modules =\n    a.facade = a.other\n    a.other",
        "flake8-ssot: ssot-deprecated-modules: entry 'a.facade = a.other': the "
        "replacement 'a.other' is itself listed in ssot-deprecated-modules",
    ),
    (
        "replaces-itself",
        "ssot-legacy-modules = a.old = a.old",
        "flake8-ssot: ssot-legacy-modules: entry 'a.old = a.old': a module cannot replace itself",
    ),
    (
        "bad-pattern",
        "ssot-compat-patterns = *_compat, shims/*",
        "flake8-ssot: ssot-compat-patterns: entry 'shims/*': a pattern holds dotted-name "
        "characters, * ? and [...] sets only",
    ),
    (
        "dash-outside-set",
        "ssot-compat-patterns = *-compat",
        "flake8-ssot: ssot-compat-patterns: entry '*-compat': a pattern holds "
        "dotted-name characters, * ? and [...] sets only",
    ),
    (
        "deprecated-and-legacy",
        "ssot-deprecated-modules = a.old\nssot-legacy-modules = a.old = a.new",
        "flake8-ssot: ssot-legacy-modules: entry 'a.old': 'a.old' is also listed in "
        "ssot-deprecated-modules",
    ),
    (
        "canonical-without-colon",
        "ssot-canonical-symbols = core.manager.Manager",
        "flake8-ssot: ssot-canonical-symbols: entry 'core.manager.Manager': expected "
        "'package.module:Name'",
    ),
    (
        "canonical-bad-module",
        "ssot-canonical-symbols = core..manager:Manager",
        "flake8-ssot: ssot-canonical-symbols: entry 'core..manager:Manager': "
        "'core..manager' is not a dotted module name",
    ),
    (
        "canonical-bad-name",
        "ssot-canonical-symbols = core.manager:Man ager",
        "flake8-ssot: ssot-canonical-symbols: entry 'core.manager:Man ager': 'Man ager' "
        "is not a name",
    ),
    (
        "canonical-two-homes",
        "ssot-canonical-symbols =\n    a.b:Manager\n    c.d:Manager",
        "flake8-ssot: ssot-canonical-symbols: entry 'c.d:Manager': 'Manager' already has "
        "a home: a.b",
    ),
    (
        "misspelled-option",
        "ssot-deprecated-module = a.old",
        "flake8-ssot: {root}/setup.cfg: unknown option 'ssot-deprecated-module' in "
        "[flake8] (did you mean 'ssot-deprecated-modules'?)",
    ),
    (
        "misspelled-option-underscores",
        "ssot_compat = *_shim",
        "flake8-ssot: {root}/setup.cfg: unknown option 'ssot_compat' in [flake8] (did "
        "you mean 'ssot-compat-patterns'?)",
    ),
    (
        "missing-source-root",
        "ssot-source-roots = src, missing",
        "flake8-ssot: ssot-source-roots: entry 'missing': {root}/missing is not a directory",
    ),
]

MALFORMED_ENTRIES = Table(
    "malformed-entries",
    path="src/m.py",
    cases=tuple(
        case(
            id,
            "import os\n",
            F(1, 0, "SOT001", config_error(message)),
            config=f"[flake8]\nselect = SOT\n{entry}\n",
            tree=True,
        )
        for id, entry, message in MALFORMED
    ),
)

PYTEST_VERSION = Table(
    "pytest-version",
    path="src/m.py",
    cases=tuple(
        case(
            f"pytest-version-{value or 'empty'}",
            "import os\n",
            F(
                1,
                0,
                "SOT001",
                config_error(
                    f"flake8-ssot: ssot-pytest-version: entry '{value}': expected one of 8, 9"
                ),
            ),
            config="[flake8]\nselect = SOT\nssot-deprecated-modules = os\n"
            f"ssot-pytest-version = {value}\n",
            tree=True,
        )
        for value in ("10", "8.4", "")
    ),
)

#: Found in review: each is one line, never a traceback.
QUIRKS = Table(
    "quirks",
    path="m.py",
    cases=(
        # A source root whose name is too long for the system, on stdin.
        case(
            "a-source-root-too-long-for-the-system",
            "import os\n",
            F(
                1,
                0,
                "SOT001",
                config_error(
                    f"flake8-ssot: ssot-source-roots: entry '{'a' * 300}': "
                    f"{{root}}/{'a' * 300} is not a directory"
                ),
            ),
            config=f"[flake8]\nselect = SOT\nssot-source-roots = {'a' * 300}\n",
            stdin=True,
        ),
        case(
            "underscores-and-dashes-mixed-in-an-option-name",
            "import os\n",
            F(
                1,
                0,
                "SOT001",
                config_error(
                    "flake8-ssot: {root}/setup.cfg: unknown option 'ssot_deprecated-modules' "
                    "in [flake8] (did you mean 'ssot-deprecated-modules'?)"
                ),
            ),
            config="[flake8]\nselect = SOT\nssot_deprecated-modules = os\n",
        ),
    ),
)

TABLES = (MALFORMED_ENTRIES, PYTEST_VERSION, QUIRKS)
