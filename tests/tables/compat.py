"""SOT301: an import of a module whose dotted name matches a compat pattern."""

from __future__ import annotations

from support import MIGRATION_CONFIG, MIGRATION_FILES
from tables import F, Table, case
from tables.kinds import compat

FORMS = Table(
    "forms",
    config=MIGRATION_CONFIG,
    files=MIGRATION_FILES,
    path="pkg/app/{}.py",
    cases=(
        case(
            "compat-import",
            "import pkg.shim_compat\n",
            F(1, 0, "SOT301", compat("pkg.shim_compat", "*_compat")),
        ),
        case(
            "compat-from-parent",
            "from pkg import shim_compat\n",
            F(1, 0, "SOT301", compat("pkg.shim_compat", "*_compat")),
        ),
        case(
            "compat-from",
            "from pkg.shim_compat import thing\n",
            F(1, 0, "SOT301", compat("pkg.shim_compat", "*_compat")),
        ),
        case(
            "dunder",
            "m = __import__('pkg.shim_compat')\n",
            F(1, 4, "SOT301", compat("pkg.shim_compat", "*_compat")),
        ),
        # The migration's patterns, *_compat and *_compat.*, match third-party modules too.
        case(
            "compat-third-party-subtree",
            "import other.thing_compat.inner\n",
            F(1, 0, "SOT301", compat("other.thing_compat.inner", "*_compat.*")),
        ),
        # pkg.app is first-party and has no submodule thing_compat: a name, not a shim.
        case("name-not-a-shim-module", "from pkg.app import thing_compat\n"),
        case("compat-needs-underscore", "import pkg.compatible\n"),
    ),
)

PATTERNS = Table(
    "patterns",
    config="[flake8]\nselect = SOT\nssot_compat_patterns = *_compat, shim[0-9], *.v[!2]\n",
    cases=(
        # fnmatch sets and negated sets; the option spelt with underscores, as flake8 takes it.
        case(
            "valid-patterns-and-underscore-option-names",
            "import shim1\nimport a.v1\nimport a.v2\n",
            F(1, 0, "SOT301", compat("shim1", "shim[0-9]")),
            F(2, 0, "SOT301", compat("a.v1", "*.v[!2]")),
            path="m.py",
        ),
    ),
)

UNCONFIGURED = Table(
    "unconfigured",
    config="[flake8]\nselect = SOT\nssot-legacy-modules = pkg.old = pkg.new\n",
    files=MIGRATION_FILES,
    path="pkg/app/{}.py",
    cases=(
        # No pattern configured, no shim: attr._compat and httpx._compat are a library's
        # Python-version shims, not a migration's leftovers.
        case(
            "no-default-patterns",
            "import pkg.shim_compat\nfrom other import thing_compat\nimport attr._compat\n",
        ),
    ),
)

TABLES = (FORMS, PATTERNS, UNCONFIGURED)
