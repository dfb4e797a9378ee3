"""The tools and corpora the benchmarks compare, set up from PyPI under a cache directory.

Every tool gets its own venv made by the Python running the benchmark, with
pinned versions, so "flake8 with flake8-ssot" and "the same flake8 without
it" differ by one package only. The Django sdist is fetched over PyPI's
JSON simple API with the standard library and checked against a pinned
hash, so nothing here needs more than python3 and a network.

A baseline (``callgrind.py --baseline REV``) is flake8-ssot at another commit
of this repository, exported with ``git archive`` and installed with its own
``setup.cfg`` (its own entry point and dependencies) beside the same flake8,
in a venv named for the commit and kept for the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from _venv import PYTHON_VERSION, ROOT, executable, pip_install, venv_python  # noqa: E402

FLAKE8 = "flake8==7.5.0"
TIDY_IMPORTS = "flake8-tidy-imports==4.12.0"
RUFF = "ruff==0.17.6"
SIMPLE_API = "https://pypi.org/simple/{project}/"


@dataclass(frozen=True)
class Sdist:
    """A pinned source release: its file name on PyPI and the hash it must have."""

    project: str
    filename: str
    sha256: str

    @property
    def directory_name(self) -> str:
        return self.filename.removesuffix(".tar.gz")


DJANGO = Sdist(
    "django",
    "Django-5.1.4.tar.gz",
    "de450c09e91879fa5a307f696e57c851955c910a438a35e6b4c895e86bedc82a",
)


@dataclass(frozen=True)
class Tools:
    """The venvs the run compares; each holds the same flake8."""

    bare: Path
    ssot: Path
    tidy: Path

    def flake8(self, env_dir: Path) -> Path:
        return executable(env_dir, "flake8")

    def python(self, env_dir: Path) -> Path:
        return executable(env_dir, "python")

    @property
    def ruff(self) -> Path:
        return executable(self.bare, "ruff")

    @property
    def fixer(self) -> Path:
        return executable(self.ssot, "flake8-ssot")


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "flake8-ssot-benchmarks"


def prepare_tools(cache: Path) -> Tools:
    """Make (or reuse) the venvs; flake8-ssot is reinstalled from this checkout every run."""
    venvs = cache / f"venvs-py{PYTHON_VERSION}"
    tools = Tools(bare=venvs / "bare", ssot=venvs / "ssot", tidy=venvs / "tidy")
    for env_dir, requirements in [
        (tools.bare, [FLAKE8, RUFF]),
        (tools.tidy, [FLAKE8, TIDY_IMPORTS]),
        (tools.ssot, [FLAKE8, str(ROOT)]),
    ]:
        # The checkout's setup.cfg is part of the marker, so a new dependency reinstalls.
        marker = env_dir / "benchmark-requirements.txt"
        wanted = "\n".join(requirements) + (ROOT / "setup.cfg").read_text()
        python = venv_python(env_dir)
        if not marker.exists() or marker.read_text() != wanted:
            pip_install(python, *requirements)
            marker.write_text(wanted)
    pip_install(tools.python(tools.ssot), "--force-reinstall", "--no-deps", str(ROOT))
    return tools


@dataclass(frozen=True)
class Baseline:
    """flake8-ssot at another commit of this repository, in a venv of its own."""

    revision: str  # as given on the command line
    commit: str  # the full hash it resolved to
    env_dir: Path

    @property
    def label(self) -> str:
        short = self.commit[:12]
        return short if self.commit.startswith(self.revision) else f"{self.revision} ({short})"


def git(*arguments: str) -> str:
    """stdout of a git command run in this checkout."""
    result = subprocess.run(["git", *arguments], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"git {' '.join(arguments)}: {result.stderr.strip()}")
    return result.stdout.strip()


def resolve_commit(revision: str) -> str:
    """The full hash of the commit ``revision`` names (a hash, a branch, ``HEAD~3``)."""
    return git("rev-parse", "--verify", "--end-of-options", f"{revision}^{{commit}}")


def checkout_state() -> dict[str, object]:
    """The commit this checkout is at, and whether the plugin's files differ from it, new
    files included (the ``ssot`` venv is installed from the working tree, edits and all)."""
    changed = git("status", "--porcelain", "--", "flake8_ssot", "setup.cfg")
    return {"commit": resolve_commit("HEAD"), "modified": bool(changed)}


def prepare_baseline(cache: Path, revision: str) -> Baseline:
    """The venv of flake8-ssot at ``revision`` beside the benchmarks' flake8, made once per commit.

    The commit's tree is exported with ``git archive`` into a temporary
    directory and installed from there, so its own ``setup.cfg`` decides its
    entry point (``flake8_ssot.plugin:SsotChecker`` in older commits) and its
    dependencies; nothing in this checkout changes. A commit never changes,
    so the venv is reused as long as its marker names the same commit and flake8.
    """
    commit = resolve_commit(revision)
    # Twelve hex digits keep the console scripts' shebang lines short; the marker holds all 40.
    env_dir = cache / f"venvs-py{PYTHON_VERSION}" / f"base-{commit[:12]}"
    baseline = Baseline(revision, commit, env_dir)
    marker = env_dir / "benchmark-requirements.txt"
    wanted = f"{FLAKE8}\nflake8-ssot @ {commit}\n"
    if marker.exists() and marker.read_text() == wanted:
        return baseline
    print(f"installing flake8-ssot at {baseline.label} into {env_dir}", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix="baseline-") as scratch:
        archive = Path(scratch) / "tree.tar"
        with archive.open("wb") as stream:
            subprocess.run(
                ["git", "archive", "--format=tar", commit], stdout=stream, check=True, cwd=ROOT
            )
        source = Path(scratch) / "flake8-ssot"
        with tarfile.open(archive) as bundle:
            bundle.extractall(source, filter="data")
        python = venv_python(env_dir)
        pip_install(python, "--force-reinstall", FLAKE8, str(source))
    marker.write_text(wanted)
    return baseline


def flake8_versions(tools: Tools) -> dict[str, str]:
    """Each venv's `flake8 --version` line: they must agree on everything but the plugin."""
    return {
        name: subprocess.run(
            [str(tools.flake8(env_dir)), "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        for name, env_dir in [("bare", tools.bare), ("ssot", tools.ssot), ("tidy", tools.tidy)]
    }


def fetch_sdist(cache: Path, sdist: Sdist) -> Path:
    """Download and unpack a pinned sdist once; return the unpacked project directory."""
    target = cache / "corpora" / sdist.directory_name
    if target.is_dir():
        return target
    archive = cache / "downloads" / sdist.filename
    if not archive.exists():
        archive.parent.mkdir(parents=True, exist_ok=True)
        url = sdist_url(sdist)
        print(f"downloading {url}", file=sys.stderr)
        with urllib.request.urlopen(url, timeout=300) as response:
            payload = response.read()
        digest = hashlib.sha256(payload).hexdigest()
        if digest != sdist.sha256:
            raise SystemExit(f"{sdist.filename}: sha256 {digest}, expected {sdist.sha256}")
        partial = archive.with_suffix(".partial")
        partial.write_bytes(payload)
        partial.replace(archive)
    with tarfile.open(archive) as bundle:
        bundle.extractall(target.parent, filter="data")
    return target


def sdist_url(sdist: Sdist) -> str:
    request = urllib.request.Request(
        SIMPLE_API.format(project=sdist.project),
        headers={"Accept": "application/vnd.pypi.simple.v1+json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        index = json.load(response)
    for release_file in index["files"]:
        if release_file["filename"] == sdist.filename:
            return str(release_file["url"])
    raise SystemExit(f"{sdist.filename} is not on PyPI's index of {sdist.project}")


def stdlib_directory() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])
