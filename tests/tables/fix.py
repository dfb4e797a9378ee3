"""``flake8-ssot fix``'s rewrites: the text of a file before fix, and after it.

tests/fix/test_fix.py runs each case in-process (the fixer on the file's
text, as the command calls it); test_integration.py runs ``flake8-ssot fix``
once over all of them, then ``fix --check``.
"""

from __future__ import annotations

from typing import NamedTuple

#: A deprecated facade, a legacy module (and one whose replacement does not exist), a
#: canonical symbol and a side door to it.
FIX_CONFIG = """\
[flake8]
select = SOT
ssot-deprecated-modules = pkg.facade = pkg.facade.core
ssot-legacy-modules =
    pkg.oldlog = pkg.newlog
    pkg.gone = pkg.nowhere
ssot-canonical-symbols = pkg.facade.core:Manager
ssot-compat-patterns = *_compat
"""
FIX_FILES = {
    "pkg/__init__.py": "",
    "pkg/facade/__init__.py": "from .core import Manager, make\nfrom .extra import Helper\n",
    "pkg/facade/core.py": "class Manager: ...\ndef make(): ...\n",
    "pkg/facade/extra.py": "class Helper: ...\n",
    "pkg/oldlog.py": "def get_logger(): ...\ndef only_old(): ...\n",
    "pkg/newlog.py": "def get_logger(): ...\n",
    "pkg/sidedoor.py": "from pkg.facade.core import Manager\n",
    "app/__init__.py": "",
}


class Rewrite(NamedTuple):
    """A file of the project before fix, and after it (None: fix leaves it as it is)."""

    id: str
    before: str
    after: str | None

    @property
    def path(self) -> str:
        return f"app/{self.id.replace('-', '_')}.py"


REWRITES = (
    Rewrite(
        "facade-name",
        "from pkg.facade import Manager\n",
        "from pkg.facade.core import Manager\n",
    ),
    Rewrite(
        "parenthesised-one-target-keeps-everything",
        "from pkg.facade import (\n    Manager,  # the one\n    make as build,\n)\n",
        "from pkg.facade.core import (\n    Manager,  # the one\n    make as build,\n)\n",
    ),
    Rewrite(
        "split-in-block",
        "def f():\n    if True:\n        from pkg.facade import Helper, Manager as M  # x\n",
        "def f():\n    if True:\n        from pkg.facade.extra import Helper\n"
        "        from pkg.facade.core import Manager as M  # x\n",
    ),
    Rewrite(
        "split-keeps-comments",
        "from pkg.facade import (\n    Helper,  # helper\n    Manager,\n)\n",
        "# helper\nfrom pkg.facade.extra import Helper\nfrom pkg.facade.core import Manager\n",
    ),
    # A plain comment is no directive: the split goes ahead, the first line's comment
    # stays on the first statement.
    Rewrite(
        "split-keeps-a-plain-first-line-comment",
        "from pkg.facade import (  # TODO: drop after 2.0\n    Helper,\n    Manager,  # main\n)\n",
        "# main\nfrom pkg.facade.extra import Helper  # TODO: drop after 2.0\n"
        "from pkg.facade.core import Manager\n",
    ),
    Rewrite(
        "legacy-type-checking",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from pkg.oldlog import get_logger\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from pkg.newlog import get_logger\n",
    ),
    Rewrite("relative-beyond-top-untouched", "from ..pkg.sidedoor import Manager\n", None),
    Rewrite(
        "canonical-side-door",
        "from pkg.sidedoor import Manager\n",
        "from pkg.facade.core import Manager\n",
    ),
    Rewrite(
        "import-as",
        "import pkg.oldlog as log\nimport os, pkg.facade as f\n",
        "import pkg.newlog as log\nimport os, pkg.facade.core as f\n",
    ),
    Rewrite("module-object-from-parent-untouched", "from pkg import oldlog, facade as fc\n", None),
)
