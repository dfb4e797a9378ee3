"""Fixtures: temporary projects, and a run that neither reads nor writes the user's own state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import MIGRATION_CONFIG, MIGRATION_FILES, ROOT, Flake8Project


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--snapshot-update",
        action="store_true",
        help="rewrite tests/rules/snapshots/ from the engine's output before the tests run "
        "(accept changed flake8 output; review the diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a --basetemp inside the checkout; with --snapshot-update, rewrite the snapshots.

    The temporary projects are linted as users' projects are: SOT401-SOT404
    walk up from each file to the pytest configuration that governs it, and
    under the checkout that is the checkout's own setup.cfg, which would
    change the findings the tests expect.
    """
    basetemp = config.option.basetemp
    if basetemp is not None and Path(basetemp).resolve().is_relative_to(ROOT):
        raise pytest.UsageError(
            f"--basetemp={basetemp} is inside the checkout {ROOT}, whose setup.cfg would "
            "govern the temporary projects' pytest configuration; use a directory outside it"
        )
    # Once, in the main process (xdist workers have ``workerinput``), before any test runs.
    if config.getoption("snapshot_update") and not hasattr(config, "workerinput"):
        from tables import update_snapshots

        for path in update_snapshots():
            print(f"snapshot updated: {path.relative_to(ROOT)}")


@pytest.fixture(autouse=True)
def _bare_nested_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pytest runs tests start are bare pytest, configured by the temporary project alone.

    Some tests run ``pytest --collect-only`` on a temporary project and
    compare its output in order: this run's PYTEST_ADDOPTS (a --basetemp)
    and its plugins (pytest-randomly shuffles the collection) must not reach it.
    """
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture(scope="session", autouse=True)
def user_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The XDG cache home of every flake8 the tests run, and of every context they build.

    The summary cache is on, as users run it: every temporary project's
    modules are kept in it, and every run after the first reads them from
    it. Set for the whole session, before any module-scoped fixture builds
    a context, so nothing lands in the user's own cache.
    """
    home = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        yield home


@pytest.fixture
def project(tmp_path: Path) -> Flake8Project:
    return Flake8Project(tmp_path)


@pytest.fixture
def migrating(project: Flake8Project) -> Flake8Project:
    """A project with a deprecated facade, a legacy module and a compat shim (MIGRATION_FILES)."""
    project.write("setup.cfg", MIGRATION_CONFIG)
    for relative, text in MIGRATION_FILES.items():
        project.write(relative, text)
    return project
