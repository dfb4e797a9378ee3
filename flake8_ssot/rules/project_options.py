"""Options about the project rather than one rule: where its packages live, where the cache is.

Every rule that reads other modules of the project lists the source roots
among its options; the cache never changes a finding, so no code lists it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from flake8_ssot.model.file_system import is_directory
from flake8_ssot.model.project_version import ProjectVersion, VersionSource, pep440
from flake8_ssot.model.summary_cache import OFF, user_cache_directory
from flake8_ssot.rules.base import ConfigError, Option, RawValue, single_value, words

if TYPE_CHECKING:
    from flake8_ssot.rules.rule import Context

SOURCE_ROOTS_NAME = "ssot-source-roots"
CACHE_DIR_NAME = "ssot-cache-dir"
PROJECT_VERSION_NAME = "ssot-project-version"
BASELINE_NAME = "ssot-baseline"


def parse_source_roots(raw: RawValue, config_dir: Path) -> tuple[Path, ...]:
    """Absolute source roots; relative entries are read from the config file's directory."""
    resolved = []
    for root in words(raw):
        root = root.strip()
        if not root:
            continue
        path = Path(os.path.abspath(config_dir / root))
        if not is_directory(path):  # never raises, a name too long for the system included
            raise ConfigError(SOURCE_ROOTS_NAME, root, f"{path} is not a directory")
        resolved.append(path)
    if resolved:
        return tuple(resolved)
    # The config file's directory, plus its ``src/`` when there is one.
    src = config_dir / "src"
    return (config_dir, src) if is_directory(src) else (config_dir,)


def parse_cache_dir(raw: RawValue, config_dir: Path) -> Path | None:
    """The directory of the summary cache; None when it is off (or there is no home).

    ``~`` is the user's home, as in a shell. A directory that does not exist
    yet is made when the first summary is kept; one that cannot be made
    only turns the cache off (a cache is never a reason to stop linting),
    but a path that exists and is no directory is a mistake to point out.
    """
    value = single_value(raw)
    if value.lower() == OFF:
        return None
    if not value:
        return user_cache_directory()
    if "\0" in value:
        raise ConfigError(CACHE_DIR_NAME, value, "a path cannot hold a NUL character")
    path = Path(os.path.abspath(config_dir / os.path.expanduser(value)))
    if os.path.lexists(path) and not is_directory(path):
        raise ConfigError(CACHE_DIR_NAME, value, f"{path} is not a directory")
    return path


SOURCE_ROOTS: Option[tuple[Path, ...]] = Option(
    SOURCE_ROOTS_NAME,
    value="directories that hold top-level packages, relative to the config file's "
    "directory, separated by commas or whitespace",
    default_text="the config file's directory, plus its `src/` when that exists",
    help="Directories that hold top-level packages, relative to the "
    "config file's directory. (Default: that directory, plus src/ "
    "when it exists)",
    parse=parse_source_roots,
    comma_separated_list=True,
)
CACHE_DIR: Option[Path | None] = Option(
    CACHE_DIR_NAME,
    value="a directory, relative to the config file's directory, or `off`",
    default_text="the user cache directory: `$XDG_CACHE_HOME/flake8-ssot` or "
    "`~/.cache/flake8-ssot`, `~/Library/Caches/flake8-ssot` on macOS, "
    "`%LOCALAPPDATA%\\flake8-ssot\\Cache` on Windows",
    help="Where summaries of the project's other modules are kept between runs, "
    "relative to the config file's directory; 'off' reads every module again in "
    "every run. It never changes a finding and may be deleted at any time. "
    "(Default: the user cache directory)",
    parse=parse_cache_dir,
    describe=lambda context: [str(context.project.cache.root) if context.project.cache else "off"],
)


def parse_project_version(raw: RawValue, config_dir: Path) -> ProjectVersion:
    text = single_value(raw)
    if not text:
        return ProjectVersion(config_dir)
    version = pep440(text)
    if version is None:
        raise ConfigError(PROJECT_VERSION_NAME, text, "not a PEP 440 version")
    return ProjectVersion(config_dir, VersionSource(version, PROJECT_VERSION_NAME))


def describe_project_version(context: Context) -> list[str]:
    found = context.settings[PROJECT_VERSION].current
    if found.version is None:
        return [f"unknown: {found.source}; no entry is overdue"]
    return [f"{found.version} (from {found.source})"]


PROJECT_VERSION: Option[ProjectVersion] = Option(
    PROJECT_VERSION_NAME,
    value="a PEP 440 version",
    default_text="`[metadata] version` of setup.cfg, else `[project] version` of "
    "pyproject.toml, beside the config file (none when computed or dynamic)",
    help="The project's version, against which each entry's 'removed-in' is compared: "
    "once reached, its imports are SOT102/SOT202. (Default: [metadata] version of "
    "setup.cfg, else [project] version of pyproject.toml, beside the config file)",
    parse=parse_project_version,
    describe=describe_project_version,
)


def parse_baseline(raw: RawValue, config_dir: Path) -> Path | None:
    """The baseline file's path (read when flake8 starts, not here: the ``baseline``
    command writes it)."""
    value = single_value(raw)
    if not value:
        return None
    if "\0" in value:
        raise ConfigError(BASELINE_NAME, value, "a path cannot hold a NUL character")
    return Path(os.path.abspath(config_dir / os.path.expanduser(value)))


BASELINE: Option[Path | None] = Option(
    BASELINE_NAME,
    value="a JSON file written by `flake8-ssot baseline`, relative to the config file's directory",
    default_text="none: every finding is reported",
    help="Findings recorded by 'flake8-ssot baseline' in this file (relative to the "
    "config file's directory) are not reported; new ones are. (Default: none)",
    parse=parse_baseline,
)


#: The values of ``ssot-type-checking-imports``: whether type-only imports are reported.
TYPE_CHECKING_POLICIES = {"report": True, "allow": False}


def parse_type_checking_imports(raw: RawValue, config_dir: Path) -> bool:
    """Whether imports under ``if TYPE_CHECKING:`` (or ``if False:``) are reported."""
    value = single_value(raw)
    if value not in TYPE_CHECKING_POLICIES:
        raise ConfigError(
            TYPE_CHECKING_IMPORTS_NAME,
            value,
            f"expected one of {', '.join(TYPE_CHECKING_POLICIES)}",
        )
    return TYPE_CHECKING_POLICIES[value]


TYPE_CHECKING_IMPORTS_NAME = "ssot-type-checking-imports"
TYPE_CHECKING_IMPORTS: Option[bool] = Option(
    TYPE_CHECKING_IMPORTS_NAME,
    value="`report` or `allow`",
    default_text="`report`",
    help="Whether imports under 'if TYPE_CHECKING:' (typing's or typing_extensions', or "
    "'if False:') are reported ('report') or left alone ('allow'). A type-only import "
    "of a facade still keeps the facade alive for the type checker. (Default: report)",
    parse=parse_type_checking_imports,
    default="report",
    describe=lambda context: [
        "report"
        if context.settings[TYPE_CHECKING_IMPORTS]
        else "allow (imports under if TYPE_CHECKING: and if False: are not reported)"
    ],
)


#: Options of the project as a whole, listed after every rule's own.
PROJECT_OPTIONS: tuple[Option[object], ...] = (
    SOURCE_ROOTS,
    TYPE_CHECKING_IMPORTS,
    PROJECT_VERSION,
    BASELINE,
    CACHE_DIR,
)
