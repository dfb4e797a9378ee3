"""The one registry of flake8-ssot codes.

The README's code table, ``flake8-ssot explain``, the tests and the
plugin's messages all read this table, so a code cannot be documented,
tested or emitted without being here. Codes are public and stable: never
renumber or reuse one.
"""

from __future__ import annotations

from dataclasses import dataclass


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

#: Every released code, in precedence order: where several apply to one
#: import, the first one listed here wins.
ALL_CODES: tuple[Code, ...] = (SOT101, SOT201, SOT301)


def lookup(code: str) -> Code | None:
    """The registered code, case-insensitively; None for an unknown one."""
    wanted = code.strip().upper()
    return next((known for known in ALL_CODES if known.code == wanted), None)
