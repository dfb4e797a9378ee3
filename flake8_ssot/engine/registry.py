"""The one ordered registry of rules, and everything derived from it.

The order of ``RULES`` is the order of the README's tables and of
precedence: where several import rules apply to one imported name, the
first one here wins (deprecated, legacy, compat, canonical). Codes,
options, flake8's ``add_options``, the misspelled-key check,
``check-config``, ``explain`` and the README all read this module; no other
module outside rules/ names a code. Adding a rule is adding its module here.
"""

from __future__ import annotations

from typing import Any

from flake8_ssot.rules import canonical, compat, config_error, deprecated, discovery, legacy
from flake8_ssot.rules.base import Code, Option, Section
from flake8_ssot.rules.project_options import PROJECT_OPTIONS
from flake8_ssot.rules.rule import ImportPart, Rule

RULES: tuple[Rule, ...] = (
    config_error.RULE,
    deprecated.RULE,
    legacy.RULE,
    compat.RULE,
    discovery.RULE,
    canonical.RULE,
)

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


def option_named(name: str) -> Option[Any]:
    return next(option for option in OPTIONS if option.name == name)
