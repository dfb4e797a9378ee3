"""What the benchmarks lint, and the migration each corpus is configured with.

Each corpus gets one flake8 config file that every flake8 run reads (the
tools ignore each other's keys, so "same other options" holds by
construction) and a ruff config with the same bans. The modules named
occur in the corpus, some of them through relative or dynamic imports,
which is where flake8-ssot and the banned-module checkers differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Migration:
    """A realistic flake8-ssot configuration for one corpus."""

    source_roots: tuple[str, ...]
    deprecated: tuple[tuple[str, str], ...]  # (facade, its replacement)
    legacy: tuple[tuple[str, str], ...]  # (legacy module, its replacement)
    compat_patterns: tuple[str, ...]
    canonical_symbols: tuple[str, ...]


@dataclass(frozen=True)
class Corpus:
    name: str
    root: Path
    migration: Migration

    def files(self) -> list[Path]:
        """Every .py file, as the tools are given them: explicitly, the same list for all."""
        return sorted(python_files(self.root))


def python_files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if "site-packages" not in parts and "__pycache__" not in parts:
            yield path


STDLIB_MIGRATION = Migration(
    source_roots=(".",),
    deprecated=(
        ("asyncio", "asyncio.events"),
        ("json", "json.decoder"),
        ("xml.etree", "xml.etree.ElementTree"),
        ("concurrent.futures", "concurrent.futures._base"),
    ),
    legacy=(
        ("optparse", "argparse"),
        ("email.mime", "email.message"),
        ("imp", "importlib"),
        ("distutils", "setuptools"),
    ),
    compat_patterns=("*_compat", "*_compat.*", "_compat_*"),
    canonical_symbols=(
        "json.decoder:JSONDecodeError",
        "asyncio.exceptions:CancelledError",
        "concurrent.futures._base:Future",
    ),
)

DJANGO_MIGRATION = Migration(
    # Django's own test suite imports its test apps as top-level packages.
    source_roots=(".", "tests"),
    deprecated=(
        ("django.db.models", "django.db.models.base"),
        ("django.forms", "django.forms.forms"),
        ("django.contrib.admin", "django.contrib.admin.options"),
        ("django.core.checks", "django.core.checks.registry"),
    ),
    legacy=(
        ("django.conf.locale", "django.utils.formats"),
        ("django.template.exceptions", "django.core.exceptions"),
        ("django.db.migrations.exceptions", "django.core.exceptions"),
        ("django.urls.exceptions", "django.core.exceptions"),
    ),
    compat_patterns=("*_compat", "*_compat.*"),
    canonical_symbols=(
        "django.core.exceptions:ValidationError",
        "django.db.models.query_utils:Q",
        "django.utils.functional:cached_property",
    ),
)


def indented(lines: list[str]) -> str:
    return "".join(f"\n    {line}" for line in lines)


def write_flake8_config(corpus: Corpus, path: Path) -> None:
    """One [flake8] section for every flake8 run: ssot options, and tidy-imports' bans."""
    migration = corpus.migration
    roots = [str(corpus.root / root) for root in migration.source_roots]
    # flake8-tidy-imports: an exact name bans the facade and the names taken
    # from it (`from FACADE import submodule` too, which flake8-ssot allows);
    # `X.*` bans a legacy module and everything below it.
    bans = [f"{old} = deprecated: use {new}" for old, new in migration.deprecated]
    bans += [f"{old}.* = legacy: use {new}" for old, new in migration.legacy]
    path.write_text(
        "[flake8]\n"
        f"ssot-source-roots ={indented(roots)}\n"
        f"ssot-deprecated-modules ={indented([f'{o} = {n}' for o, n in migration.deprecated])}\n"
        f"ssot-legacy-modules ={indented([f'{o} = {n}' for o, n in migration.legacy])}\n"
        f"ssot-compat-patterns = {', '.join(migration.compat_patterns)}\n"
        f"ssot-canonical-symbols ={indented(list(migration.canonical_symbols))}\n"
        # The benchmark's own summary cache, beside the config: warm after the first run.
        "ssot-cache-dir = ssot-cache\n"
        f"banned-modules ={indented(bans)}\n",
        encoding="utf-8",
    )


def write_ruff_config(corpus: Corpus, path: Path) -> None:
    """ruff's banned-api bans a module and everything below it, facades included."""
    migration = corpus.migration
    entries = [
        f'"{old}".msg = "{kind}: use {new}"'
        for kind, pairs in [("deprecated", migration.deprecated), ("legacy", migration.legacy)]
        for old, new in pairs
    ]
    path.write_text(
        '[lint]\nselect = ["TID251"]\n\n[lint.flake8-tidy-imports.banned-api]\n'
        + "\n".join(entries)
        + "\n",
        encoding="utf-8",
    )
