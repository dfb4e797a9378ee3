"""The one registry of the plugin's ``ssot-*`` options.

flake8's ``--help`` (through ``add_options``), the misspelled-key check,
``flake8-ssot check-config``, ``flake8-ssot explain`` and the README's
option table all read this table, so an option cannot be accepted without
being documented, or documented without being accepted. Parsing the values
is config.py's job; this module only describes them.
"""

from __future__ import annotations

from typing import NamedTuple

DEPRECATED_OPTION = "ssot-deprecated-modules"
LEGACY_OPTION = "ssot-legacy-modules"
COMPAT_OPTION = "ssot-compat-patterns"
SOURCE_ROOTS_OPTION = "ssot-source-roots"
PYTEST_CONFIG_OPTION = "ssot-pytest-config"
PYTEST_VERSION_OPTION = "ssot-pytest-version"
CANONICAL_OPTION = "ssot-canonical-symbols"
CACHE_DIR_OPTION = "ssot-cache-dir"

DEFAULT_COMPAT_PATTERNS = "*_compat, *_compat.*"
#: pytest 8 reads a pyproject.toml that pytest 9 refuses; 8 blocks nobody.
DEFAULT_PYTEST_VERSION = "8"


class Option(NamedTuple):
    """One ``ssot-*`` option: how flake8 takes it and how the docs describe it."""

    name: str
    #: What a value looks like (the README's "value" column).
    value: str
    #: The default in words (the README's "default" column).
    default_text: str
    #: flake8's ``--help`` text.
    help: str
    #: The codes whose findings the option changes (configuration errors, SOT001, aside).
    codes: tuple[str, ...]
    #: The raw default flake8 hands the plugin when the option is not set.
    default: str = ""
    #: flake8 splits the value at commas and whitespace itself (a list of words).
    comma_separated_list: bool = False

    @property
    def heading(self) -> str:
        """The option and the codes it configures, as ``check-config`` titles it."""
        return f"{self.name} ({', '.join(self.codes)})" if self.codes else self.name


#: One entry of the module lists, as the README and ``--help`` write it.
ENTRY_FORM = "OLD [= NEW] [; removed-in VERSION]"
MODULE_ENTRY = f"one `{ENTRY_FORM}` per line"

OPTIONS: tuple[Option, ...] = (
    Option(
        name=DEPRECATED_OPTION,
        value=MODULE_ENTRY,
        default_text="none",
        help=f"Deprecated modules (exact module), one '{ENTRY_FORM}' per line: "
        "imports of them are SOT101.",
        codes=("SOT101",),
    ),
    Option(
        name=LEGACY_OPTION,
        value=MODULE_ENTRY,
        default_text="none",
        help=f"Legacy modules (module and all submodules), one '{ENTRY_FORM}' per line: "
        "imports of them are SOT201.",
        codes=("SOT201",),
    ),
    Option(
        name=COMPAT_OPTION,
        value="fnmatch patterns over absolute dotted module names, separated by commas or "
        "whitespace",
        default_text=f"`{DEFAULT_COMPAT_PATTERNS}`",
        help="fnmatch patterns over absolute dotted module names that mark "
        "compat shims: imports of them are SOT301. (Default: "
        f"{DEFAULT_COMPAT_PATTERNS})",
        codes=("SOT301",),
        default=DEFAULT_COMPAT_PATTERNS,
        comma_separated_list=True,
    ),
    Option(
        name=SOURCE_ROOTS_OPTION,
        value="directories that hold top-level packages, relative to the config file's "
        "directory, separated by commas or whitespace",
        default_text="the config file's directory, plus its `src/` when that exists",
        help="Directories that hold top-level packages, relative to the "
        "config file's directory. (Default: that directory, plus src/ "
        "when it exists)",
        codes=("SOT101", "SOT201", "SOT301", "SOT501", "SOT502"),
        comma_separated_list=True,
    ),
    Option(
        name=PYTEST_CONFIG_OPTION,
        value="the pytest configuration file SOT401-SOT404 apply, relative to the config "
        "file's directory",
        default_text="found as pytest finds it, walking up from each linted file",
        help="The pytest configuration file for SOT401-SOT404, relative to the "
        "config file's directory. (Default: found as pytest finds it, walking "
        "up from each linted file's directory)",
        codes=("SOT401", "SOT402", "SOT403", "SOT404"),
    ),
    Option(
        name=PYTEST_VERSION_OPTION,
        value="`8` or `9`: which pytest's reading of its config files SOT401-SOT404 follow",
        default_text=f"`{DEFAULT_PYTEST_VERSION}`",
        help="The pytest major version (8 or 9) whose reading of pytest's config files "
        "SOT401-SOT404 follow: pytest 9 refuses a pyproject.toml with "
        "[tool.pytest.ini_options] beside other [tool.pytest] tables, which pytest 8 "
        f"reads, and reads pytest.toml. (Default: {DEFAULT_PYTEST_VERSION})",
        codes=("SOT401", "SOT402", "SOT403", "SOT404"),
        default=DEFAULT_PYTEST_VERSION,
    ),
    Option(
        name=CANONICAL_OPTION,
        value="one `package.module:Name` per line: the home of each canonical symbol "
        "(a name has one home)",
        default_text="none",
        help="Canonical symbols, one 'package.module:Name' per line: a second "
        "definition elsewhere is SOT501, an import from another first-party "
        "module is SOT502.",
        codes=("SOT501", "SOT502"),
    ),
    Option(
        name=CACHE_DIR_OPTION,
        value="a directory, relative to the config file's directory, or `off`",
        default_text="the user cache directory: `$XDG_CACHE_HOME/flake8-ssot` or "
        "`~/.cache/flake8-ssot`, `~/Library/Caches/flake8-ssot` on macOS, "
        "`%LOCALAPPDATA%\\flake8-ssot\\Cache` on Windows",
        help="Where summaries of the project's other modules are kept between runs, "
        "relative to the config file's directory; 'off' reads every module again in "
        "every run. It never changes a finding and may be deleted at any time. "
        "(Default: the user cache directory)",
        codes=(),
    ),
)

#: Every option name, in the README's order: what the misspelled-key check accepts.
ALL_OPTIONS: tuple[str, ...] = tuple(option.name for option in OPTIONS)


def by_name(name: str) -> Option:
    """The registered option of this name."""
    return next(known for known in OPTIONS if known.name == name)
