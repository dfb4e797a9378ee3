"""The one registry of flake8-ssot codes.

The README's code table, the tests and the plugin's messages all read this
table, so a code cannot be documented, tested or emitted without being here.
Codes are public and stable: never renumber or reuse one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One public error code and the template its messages are built from."""

    code: str
    title: str
    template: str

    def render(self, **fields: str) -> str:
        """One finding's text, without the code (several may share one line)."""
        return self.template.format(**fields)


SOT101 = Code(
    "SOT101",
    "import of a deprecated module",
    "'{module}' is deprecated{advice}",
)
SOT201 = Code(
    "SOT201",
    "import of a legacy module",
    "'{module}' is legacy{advice}",
)
SOT301 = Code(
    "SOT301",
    "import of a compat shim",
    "'{module}' is a compat shim (matches '{pattern}'): import from the module it wraps",
)

#: Every released code, in precedence order: where several apply to one
#: import, the first one listed here wins.
ALL_CODES: tuple[Code, ...] = (SOT101, SOT201, SOT301)
