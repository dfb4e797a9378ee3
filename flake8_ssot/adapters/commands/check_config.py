"""``flake8-ssot check-config``: what the plugin understood from flake8's configuration.

It also refuses a select or ignore code that flake8's code pattern rejects,
which flake8 takes on the command line and never matches.
"""

from __future__ import annotations

import argparse
import configparser
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from flake8.defaults import VALID_CODE_PREFIX
from flake8.formatting.default import Nothing
from flake8.style_guide import StyleGuideManager
from flake8.utils import parse_files_to_codes_mapping

from flake8_ssot.adapters.flake8_setup import CommandError, flake8_setup
from flake8_ssot.engine.baseline import baseline_of
from flake8_ssot.engine.flake8_config import OPTIONS_SECTION
from flake8_ssot.engine.registry import OPTIONS, RULES, heading
from flake8_ssot.rules.base import ConfigError, Option
from flake8_ssot.rules.rule import Context


def describe_config(flake8_args: Sequence[str]) -> tuple[str, list[str], list[str]]:
    """What the plugin understood from flake8's configuration, one section per option,
    then the warnings and the errors (entries valid as written that cannot work).

    The configuration is first validated as flake8 validates it before it
    lints (``per-file-ignores``, ignore codes in a config file), and codes
    no finding can ever match are refused, so "valid" means that ``flake8``
    runs with it and every select and ignore entry can take effect.
    """
    options, context = flake8_setup(flake8_args)
    validate_as_flake8(options)
    try:
        baseline_of(context.settings)  # flake8 reads it (the commands do not)
    except ConfigError as error:
        raise CommandError(str(error)) from None
    lines = [
        "flake8-ssot configuration is valid.",
        f"flake8 config file: {context.settings.config_file or 'none'}",
    ]
    for option in OPTIONS:
        lines.extend(describe_option(option, context.settings[option], context))
    reviews = [found for rule in RULES if rule.review for found in rule.review(context)]
    return (
        "\n".join(lines),
        [
            *stray_keys(context.settings.config_file),
            *missing_modules(context),
            *(found.line for found in reviews if not found.error),
        ],
        [found.line for found in reviews if found.error],
    )


def stray_keys(config_file: Path | None) -> list[str]:
    """A warning for each ``ssot-*`` key outside the ``[flake8]`` section (appended at the
    end of ``setup.cfg``, it lands in the last section): flake8 never reads it there."""
    if config_file is None:
        return []
    parser = configparser.RawConfigParser()
    try:
        parser.read(config_file, encoding="UTF-8")
    except (OSError, UnicodeDecodeError, configparser.Error):
        return []  # flake8 itself has said what is wrong with the file
    return [
        f"flake8-ssot: warning: {config_file}: [{section}] sets {key}, which flake8 reads "
        f"only in [{OPTIONS_SECTION}]"
        for section in parser.sections()
        if section != OPTIONS_SECTION
        for key in parser.options(section)
        if key.startswith(("ssot-", "ssot_")) and key not in parser.defaults()
    ]


def missing_modules(context: Context) -> list[str]:
    """A warning for each module the configuration names that no source root holds.

    Valid as written, such an entry (a typo, a module since moved) matches
    imports of nothing there, and ``fix`` cannot send anyone to it.
    """
    warnings = []
    for rule in RULES:
        named = [
            *(rule.named_modules(context.settings) if rule.named_modules else ()),
            *(rule.targets(context.settings) if rule.targets else ()),
        ]
        for target in named:
            if not context.project.is_first_party(target.module):
                warnings.append(
                    f"flake8-ssot: warning: {target.option}: entry {target.entry!r}: the "
                    f"{target.role} '{target.module}' is not found under the source roots"
                )
    return warnings


def describe_option(option: Option[Any], value: object, context: Context) -> list[str]:
    """One option's section: its heading, then what its parsed value holds.

    The values are described by their shape, so a new option needs no new code here.
    """
    title = heading(option)
    if option.describe is not None:
        first, *more = option.describe(context)
        return [f"{title}: {first}", *more]
    if isinstance(value, Mapping):
        if not value:
            return [f"{title}: none"]
        return [f"{title}:", *(f"  {_describe_entry(key, entry)}" for key, entry in value.items())]
    if isinstance(value, tuple) and value and all(isinstance(item, Path) for item in value):
        return [f"{title}:", *(f"  {item}" for item in value)]
    if isinstance(value, tuple):
        return [f"{title}: {', '.join(map(str, value)) or 'none'}"]
    if value is None:
        return [f"{title}: not set"]
    return [f"{title}: {value}"]


def _describe_entry(key: object, entry: object) -> str:
    """A module list entry (``old -> new (removed in V)``) or a name and its home."""
    if isinstance(entry, str):
        return f"{entry}:{key}"
    module = getattr(entry, "module", key)
    replacement = getattr(entry, "replacement", None)
    removed_in = getattr(entry, "removed_in", None)
    text = str(module)
    if replacement:
        text += f" -> {replacement}"
    if removed_in:
        text += f" (removed in {removed_in})"
    reason = getattr(entry, "reason", None)
    if reason:
        text += f": {reason}"
    return text


def validate_as_flake8(options: argparse.Namespace) -> None:
    """Refuse what flake8 refuses, or cannot match, in select, ignore and per-file-ignores.

    flake8 refuses an ``ignore``/``extend-ignore`` code in a config file that
    is no code (``^[A-Z]{1,3}[0-9]{0,3}$``) but takes ``--select SOT9999x``
    and never reports anything for it; here every code of these options
    meets flake8's rule, and ``per-file-ignores`` is parsed by building
    flake8's style guides, as ``flake8`` does before it lints.
    """
    for option in ("select", "extend_select", "ignore", "extend_ignore"):
        _refuse_invalid_codes(option.replace("_", "-"), getattr(options, option) or ())
    StyleGuideManager(options, Nothing(options))  # ExecutionError for a bad per-file-ignores
    for _, codes in parse_files_to_codes_mapping(options.per_file_ignores):
        _refuse_invalid_codes("per-file-ignores", codes)


def _refuse_invalid_codes(option: str, codes: Iterable[str]) -> None:
    for code in codes:
        if not VALID_CODE_PREFIX.match(code):
            raise CommandError(
                f"flake8: error: Error code {code!r} supplied to {option!r} option "
                f"does not match {VALID_CODE_PREFIX.pattern!r}"
            )
