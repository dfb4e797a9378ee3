"""The one ordered registry of rules, and everything derived from it.

Every module of ``flake8_ssot/rules/`` that declares a ``RULE`` is a rule:
adding a rule is adding its module (and its tests). A module whose name
starts with an underscore is not imported here: it serves a command
(``_import_fix`` plans ``fix``'s edits), and a flake8 run should not pay
for importing it. Rules are ordered by
their first code, which is the order of the README's tables and of
precedence: where several import rules apply to one imported name, the
first one wins (deprecated, legacy, compat, canonical, as DESIGN.md's code
table orders them). Codes, options, flake8's ``add_options``, the
misspelled-key check, ``check-config``, ``explain`` and the README all read
this module; no module outside rules/ names a code.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from typing import Any

from flake8_ssot import rules as rules_package
from flake8_ssot.rules.base import Code, Option, Section
from flake8_ssot.rules.project_options import PROJECT_OPTIONS
from flake8_ssot.rules.rule import ImportPart, Rule


def _discover() -> tuple[Rule, ...]:
    """The ``RULE`` of every module in rules/, by first code."""
    found = []
    for name in _public_modules(rules_package.__path__):
        module = importlib.import_module(f"{rules_package.__name__}.{name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, Rule):
            found.append(rule)
    return tuple(sorted(found, key=lambda rule: rule.codes[0].code))


def _public_modules(package_path: Iterable[str]) -> list[str]:
    """The package's modules not named with a leading underscore, by name (``pkgutil``
    would cost more to import than this listing takes)."""
    return sorted(
        entry.name[: -len(".py")]
        for directory in package_path
        for entry in os.scandir(directory)
        if entry.name.endswith(".py") and not entry.name.startswith("_") and entry.is_file()
    )


RULES: tuple[Rule, ...] = _discover()

#: Every released code, in the README's order.
CODES: tuple[Code, ...] = tuple(code for rule in RULES for code in rule.codes)

#: The import rules' parts, in precedence order.
IMPORT_PARTS: tuple[ImportPart, ...] = tuple(
    rule.imports for rule in RULES if rule.imports is not None
)

#: Every option once: the rules' own in the order they declare them, then the project's.
OPTIONS: tuple[Option[Any], ...] = (
    *dict.fromkeys(
        option for rule in RULES for option in rule.options if option not in PROJECT_OPTIONS
    ),
    *PROJECT_OPTIONS,
)

#: Every option name: what the misspelled-key check accepts.
OPTION_NAMES: tuple[str, ...] = tuple(option.name for option in OPTIONS)


def lookup(code: str) -> Code | None:
    """The registered code, case-insensitively; None for an unknown one."""
    wanted = code.strip().upper()
    return next((known for known in CODES if known.code == wanted), None)


def rule_of(code: Code) -> Rule:
    return next(rule for rule in RULES if code in rule.codes)


def options_of(code: Code) -> tuple[Option[Any], ...]:
    """The options that configure a code, in the registry's order."""
    rule = rule_of(code)
    if rule.every_option:
        return OPTIONS
    return tuple(option for option in OPTIONS if option in rule.options)


def codes_of(option: Option[Any]) -> tuple[str, ...]:
    """The codes whose findings an option changes (configuration errors aside)."""
    return tuple(
        code.code
        for rule in RULES
        if option in rule.options and not rule.every_option
        for code in rule.codes
    )


def sections(code: Code) -> tuple[Section, ...]:
    """A code's documentation, with the options that configure it."""
    return code.sections(options_of(code))


def heading(option: Option[Any]) -> str:
    """The option and the codes it configures, as ``check-config`` titles it."""
    codes = codes_of(option)
    return f"{option.name} ({', '.join(codes)})" if codes else option.name
