"""Settings from raw option values, by looping over the registry's option specs.

Every configuration mistake is found here, once per process, and reported
as a :class:`ConfigError` naming the option and the entry: a typo in a
module list must never silently turn a check off. Nothing here knows
flake8: the adapters hand over raw values and the config file they came
from.
"""

from __future__ import annotations

import configparser
from collections.abc import Mapping
from pathlib import Path

from flake8_ssot.engine.registry import IMPORT_PARTS, OPTION_NAMES, OPTIONS, RULES
from flake8_ssot.rules.base import ConfigError, RawValue, Settings
from flake8_ssot.rules.rule import Retirement


class UnknownOptionError(ConfigError):
    """An ``ssot-*`` key that flake8 would silently ignore, switching a check off."""

    def __init__(self, config_file: Path, key: str) -> None:
        import difflib  # only on this error: its import costs more than a file's checks

        close = difflib.get_close_matches(key.replace("_", "-"), OPTION_NAMES, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        Exception.__init__(
            self, f"flake8-ssot: {config_file}: unknown option '{key}' in [flake8]{hint}"
        )


def build_settings(
    raw: Mapping[str, RawValue], config_file: Path | None, config_dir: Path
) -> Settings:
    """Parse each option's raw value (its default when absent), then what spans options."""
    values = {
        option.name: option.parse(raw.get(option.name, option.default), config_dir)
        for option in OPTIONS
    }
    settings = Settings(values, config_file, config_dir)
    for rule in RULES:
        if rule.validate is not None:
            rule.validate(settings)
    refuse_circular_targets(settings)
    return settings


def refuse_circular_targets(settings: Settings) -> None:
    """Refuse a replacement or a canonical home that is itself to be migrated away.

    ``old = new`` where ``new`` is deprecated, inside a legacy module or a
    compat shim, or a canonical home inside a legacy module, sends users
    (and ``fix``) from one finding to the next forever. The test is the
    import rules' own matching, so it cannot drift from what they report;
    the error names where the chain of replacements ends, or its cycle.
    """
    for rule in RULES:
        if rule.targets is None:
            continue
        for target in rule.targets(settings):
            retirement = _retirement(target.module, settings)
            if retirement is not None:
                raise ConfigError(
                    target.option,
                    target.entry,
                    f"the {target.role} '{target.module}' {retirement.problem}"
                    f"{_chain(target.module, settings)}",
                )


def _retirement(module: str, settings: Settings) -> Retirement | None:
    for part in IMPORT_PARTS:
        retirement = part.retired(module, settings) if part.retired else None
        if retirement is not None:
            return retirement
    return None


def _chain(module: str, settings: Settings) -> str:
    """Where following the replacements from a retired ``module`` leads: to a module no
    rule reports (use it instead), round in a cycle, or to an entry with no replacement."""
    path = [module]
    while (retirement := _retirement(path[-1], settings)) is not None:
        successor = retirement.successor
        if successor is None or successor == path[-1]:
            return ""  # no replacement, or one inside its own legacy subtree: said already
        if successor in path:
            cycle = " -> ".join(f"'{link}'" for link in (*path[path.index(successor) :], successor))
            return f"; its replacements go round in a cycle: {cycle}"
        path.append(successor)
    links = " -> ".join(f"'{link}'" for link in path)
    return f"; follow its replacements ({links}) and name the end, '{path[-1]}', instead"


#: The spellings flake8 reads from a config file: dashes, or underscores throughout.
_ACCEPTED_KEYS = frozenset(
    spelling for name in OPTION_NAMES for spelling in (name, name.replace("-", "_"))
)


def check_option_names(config_file: Path) -> None:
    """Refuse a misspelled ``ssot-*`` key in the ``[flake8]`` section flake8 reads.

    flake8 ignores unknown keys, so ``ssot-deprecated-module =`` (no "s")
    would otherwise turn SOT101 off without a word.
    """
    parser = configparser.RawConfigParser()
    try:
        parser.read(config_file, encoding="utf-8")
    except (UnicodeDecodeError, configparser.Error):
        return  # flake8 reports its own config file's problems.
    if not parser.has_section("flake8"):
        return
    for key in parser.options("flake8"):
        if key.replace("_", "-").startswith("ssot-") and key not in _ACCEPTED_KEYS:
            raise UnknownOptionError(config_file, key)
