"""``flake8-ssot explain [CODE]``: a code's documentation, or the list of codes."""

from __future__ import annotations

import sys

from flake8_ssot.engine.registry import CODES, lookup, sections
from flake8_ssot.rules.base import Code


def run_explain(code_text: str | None) -> int:
    if code_text is None:
        print(list_codes())
        return 0
    code = lookup(code_text)
    if code is None:
        known = ", ".join(known.code for known in CODES)
        print(f"flake8-ssot: unknown code {code_text!r} (known: {known})", file=sys.stderr)
        return 2
    print(explain(code))
    return 0


def explain(code: Code) -> str:
    """A code's documentation, in the README's (and ruff's) layout."""
    lines = [f"{code.code}: {code.title}", code.fix_note]
    for section in sections(code):
        lines.extend(["", section.heading])
        lines.extend(f"  {line}" if line else "" for line in section.text.splitlines())
    return "\n".join(lines)


def list_codes() -> str:
    """Every code, whether ``fix`` rewrites it, and its title."""
    lines = [f"{code.code}  {'fixable' if code.fixable else '':7}  {code.title}" for code in CODES]
    lines.append("flake8-ssot explain CODE documents one code.")
    return "\n".join(lines)
