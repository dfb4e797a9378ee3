"""SOT001: a configuration error, where a stopped run would hide it (editors).

A configuration error stops a run over a tree with one line on stderr. When
flake8 lints one file or stdin, as editors run it, the flake8 adapter
reports it as this code on the file's first line instead.
"""

from __future__ import annotations

from flake8_ssot.rules.base import Code, Diagnostic, MessageKind, diagnostic
from flake8_ssot.rules.rule import Rule

SOT001 = Code(
    code="SOT001",
    title="flake8-ssot configuration error",
    summary=(
        "a configuration error, reported on line 1 when flake8 lints one file or stdin (editors)"
    ),
    fixable=False,
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
    example=("[flake8]\nssot-deprecated-module = a.old\n"),
    use_instead=("[flake8]\nssot-deprecated-modules = a.old\n"),
    example_language="ini",
)

CONFIG_ERROR = MessageKind("SOT001", "config-error", "{error}")


def config_error(path: str, error: Exception) -> Diagnostic:
    """The error, on the file's first line."""
    return diagnostic(path, 1, 0, [CONFIG_ERROR(error=str(error))], (str(error),))


RULE = Rule(codes=(SOT001,), options=(), every_option=True)
