"""Regenerate the README's code and option documentation from the registries.

Usage: python3 scripts/docs.py [--check] [--readme PATH]

The README's option table, code table and per-code reference sit between
marker comments (``<!-- options:start -->`` ... ``<!-- options:end -->``,
and likewise ``codes`` and ``code-docs``) and are written from
the engine's registry of rules (flake8_ssot/engine/registry.py), so the README cannot
document an option or a code differently from what the plugin does.
Everything outside the markers is prose and left as it is. With
``--check`` nothing is written and the exit status is 1 when the README is
out of date (the test suite runs this).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run from a fresh clone with plain python3: the registries need only the stdlib.
sys.path.insert(0, str(ROOT))

from flake8_ssot.engine.registry import CODES, OPTIONS, codes_of, sections  # noqa: E402
from flake8_ssot.rules.base import Code  # noqa: E402


def option_table() -> str:
    rows = [
        "| option | value | default | codes |",
        "|---|---|---|---|",
    ]
    for option in OPTIONS:
        rows.append(
            f"| `{option.name}` | {option.value} | {option.default_text} "
            f"| {', '.join(codes_of(option)) or 'none: findings never depend on it'} |"
        )
    return "\n".join(rows)


def anchor(heading: str) -> str:
    """GitHub's link target for a heading: lower case, punctuation dropped, spaces as dashes."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def code_heading(code: Code) -> str:
    return f"{code.code}: {code.title}"


def code_table() -> str:
    rows = ["| code | fires on | `fix` |", "|---|---|---|"]
    for code in CODES:
        link = f"[{code.code}](#{anchor(code_heading(code))})"
        rows.append(f"| {link} | {code.summary} | {'yes' if code.fixable else ''} |")
    return "\n".join(rows)


def code_docs() -> str:
    """One section per code, with the headings ``flake8-ssot explain`` prints."""
    parts: list[str] = []
    for code in CODES:
        parts.extend([f"### {code_heading(code)}", code.fix_note])
        for section in sections(code):
            parts.append(f"**{section.heading}**")
            if section.language is None:
                parts.append(section.text)
            else:
                parts.append(f"```{section.language}\n{section.text.rstrip()}\n```")
    return "\n\n".join(parts)


BLOCKS: dict[str, Callable[[], str]] = {
    "options": option_table,
    "codes": code_table,
    "code-docs": code_docs,
}


def _escaped(replacement: str) -> str:
    """A literal text for ``re.sub``'s replacement string (backslashes doubled)."""
    return replacement.replace("\\", "\\\\")


def regenerate(text: str, label: str) -> str:
    """The README with every generated block rewritten; a missing marker pair is an error."""
    for name, render in BLOCKS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.DOTALL)
        if len(pattern.findall(text)) != 1:
            raise SystemExit(f"{label}: expected one <!-- {name}:start/end --> pair")
        text = pattern.sub(rf"\g<1>{_escaped(render())}\n\g<2>", text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if README.md is out of date"
    )
    parser.add_argument(
        "--readme", type=Path, default=ROOT / "README.md", help="the file to regenerate"
    )
    args = parser.parse_args()
    readme: Path = args.readme
    current = readme.read_text(encoding="utf-8")
    wanted = regenerate(current, readme.name)
    if wanted == current:
        return 0
    if args.check:
        print(f"{readme.name} is out of date: run python3 scripts/docs.py", file=sys.stderr)
        return 1
    readme.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
