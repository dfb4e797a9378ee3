"""SOT401-SOT404 against what pytest really collects, on many generated projects.

Each seed builds a small project (a config file of some kind with some
python_files / python_classes / python_functions / testpaths, test modules
in nested directories, unittest subclasses across files, constructors),
runs ``pytest --collect-only -q`` and flake8 on it, and checks both ways:
nothing pytest collects is reported, and every test pytest skips is
reported with one of SOT401-SOT404. Every disagreement fails.
"""

from __future__ import annotations

import fnmatch
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import Flake8Project

CLASS_PATTERNS = [None, ["Test*"], ["*Tests"], ["Test", "Check"], ["*Suite", "Test*"]]
FUNCTION_PATTERNS = [None, ["test_*"], ["check", "test"], ["*_should"]]
FILE_PATTERNS = [None, ["test_*.py"], ["*_tests.py", "test_*.py"], ["check_*.py", "*_test.py"]]
TESTPATHS = [None, ["tests"], ["tests/unit"], ["tests", "extra"]]
CONFIG_KINDS = [
    "none",
    "pytest.ini",
    ".pytest.ini",
    "pyproject-ini",
    "pyproject-native",
    "tox.ini",
    "setup.cfg",
    "pytest.toml",
]
DIRECTORIES = ["tests", "tests/unit", "extra", "src/app"]
MODULE_NAMES = [
    "test_alpha",
    "beta_tests",
    "check_gamma",
    "delta_test",
    "epsilon",
    "test_zeta",
]
CLASS_NAMES = ["TestAlpha", "AlphaTests", "CheckBeta", "GammaSuite", "Critical", "TestGamma"]
BASES = [
    None,
    "unittest.TestCase",
    "TC",
    "UnitBase",
    "PlainBase",
    "InitBase",
    "ReUnit",
    "Exception",
]
METHOD_NAMES = ["test_one", "check_two", "it_should", "helper", "test_three"]
FUNCTION_NAMES = ["test_f", "check_g", "h_should", "helper_fn"]
DEFAULTS = {
    "python_files": ["test_*.py", "*_test.py"],
    "python_classes": ["Test"],
    "python_functions": ["test"],
}
#: What tests/base.py gives each base: (is unittest, inherited methods, has __init__).
BASE_FACTS = {
    None: (False, [], False),
    "unittest.TestCase": (True, [], False),
    "TC": (True, [], False),
    "UnitBase": (True, [], False),
    "ReUnit": (True, [], False),
    "PlainBase": (False, ["test_inherited"], False),
    "InitBase": (False, [], True),
    "Exception": (False, [], True),
}


@dataclass
class GeneratedClass:
    name: str
    base: str | None
    methods: list[str]
    has_init: bool
    disabled: bool
    enabled: bool


@dataclass
class GeneratedModule:
    path: str
    functions: list[str]
    classes: list[GeneratedClass] = field(default_factory=list)


@dataclass
class GeneratedProject:
    settings: dict[str, list[str]]
    modules: list[GeneratedModule]


def generate(seed: int) -> tuple[GeneratedProject, str, str]:
    """A project description, its config file's name and text."""
    rng = random.Random(seed)
    settings: dict[str, list[str]] = {}
    for key, choices in (
        ("python_classes", CLASS_PATTERNS),
        ("python_functions", FUNCTION_PATTERNS),
        ("python_files", FILE_PATTERNS),
        ("testpaths", TESTPATHS),
    ):
        chosen = rng.choice(choices)
        if chosen is not None:
            settings[key] = chosen
    kind = rng.choice(CONFIG_KINDS)
    if kind == "none":
        settings = {}
    modules = []
    used_paths = set()
    for _ in range(rng.randint(2, 6)):
        path = f"{rng.choice(DIRECTORIES)}/{rng.choice(MODULE_NAMES)}.py"
        if path in used_paths:
            continue
        used_paths.add(path)
        module = GeneratedModule(path, rng.sample(FUNCTION_NAMES, rng.randint(0, 2)))
        for name in rng.sample(CLASS_NAMES, rng.randint(0, 3)):
            base = rng.choice(BASES)
            unittest_class = BASE_FACTS[base][0]
            module.classes.append(
                GeneratedClass(
                    name,
                    base,
                    rng.sample(METHOD_NAMES, rng.randint(0, 3)),
                    has_init=not unittest_class and rng.random() < 0.2,
                    disabled=rng.random() < 0.1,
                    enabled=rng.random() < 0.1,
                )
            )
        modules.append(module)
    config_name, config_text = render_config(kind, settings)
    return GeneratedProject(settings, modules), config_name, config_text


def render_config(kind: str, settings: dict[str, list[str]]) -> tuple[str, str]:
    ini_lines = [f"{key} = {' '.join(values)}" for key, values in settings.items()]
    toml_lines = [f"{key} = {values!r}" for key, values in settings.items()]
    if kind == "none":
        return "", ""
    if kind in ("pytest.ini", ".pytest.ini", "tox.ini"):
        return kind, "\n".join(["[pytest]", *ini_lines]) + "\n"
    if kind == "setup.cfg":
        return kind, "\n".join(["[tool:pytest]", *ini_lines]) + "\n"
    if kind == "pyproject-ini":
        return "pyproject.toml", "\n".join(["[tool.pytest.ini_options]", *toml_lines]) + "\n"
    if kind == "pyproject-native":
        # An empty native table is no config: keep one key so the table exists.
        lines = toml_lines or ["python_classes = ['Test']"]
        return "pyproject.toml", "\n".join(["[tool.pytest]", *lines]) + "\n"
    return kind, "\n".join(["[pytest]", *toml_lines]) + "\n"


def render_module(module: GeneratedModule) -> str:
    lines = [
        "import unittest",
        "from unittest import TestCase as TC",
        "from tests.base import InitBase, PlainBase, UnitBase",
        "from tests.reexport import ReUnit",
        "",
    ]
    for function in module.functions:
        lines += [f"def {function}():", "    pass", ""]
    for generated in module.classes:
        lines.append(f"class {generated.name}({generated.base or ''}):")
        lines.append("    x = 1")
        if generated.disabled:
            lines.append("    __test__ = False")
        elif generated.enabled:
            lines.append("    __test__ = True")
        if generated.has_init:
            lines += ["    def __init__(self):", "        pass"]
        for method in generated.methods:
            lines += [f"    def {method}(self):", "        pass"]
        lines.append("")
    return "\n".join(lines)


def write_project(
    project: Flake8Project, generated: GeneratedProject, name: str, text: str
) -> None:
    if name:
        project.write(name, text)
    # Read the config files as the pytest that the oracle runs reads them.
    major = pytest.__version__.split(".")[0]
    project.write(".flake8", f"[flake8]\nselect = SOT4\nssot-pytest-version = {major}\n")
    for package in ("tests", "tests/unit", "extra", "src", "src/app"):
        project.write(f"{package}/__init__.py")
    project.write(
        "tests/base.py",
        "import unittest\n"
        "class UnitBase(unittest.TestCase):\n    pass\n"
        "class PlainBase:\n    def test_inherited(self):\n        pass\n"
        "class InitBase:\n    def __init__(self):\n        pass\n",
    )
    project.write("tests/reexport.py", "from .base import UnitBase as ReUnit\n")
    for module in generated.modules:
        project.write(module.path, render_module(module))


def matches(patterns: list[str], name: str) -> bool:
    """pytest's prefix-or-glob rule, restated for the oracle."""
    return any(
        name.startswith(pattern)
        or (any(c in pattern for c in "*?[") and fnmatch.fnmatch(name, pattern))
        for pattern in patterns
    )


def file_matches(module: GeneratedModule, settings: dict[str, list[str]]) -> bool:
    name = module.path.rpartition("/")[2]
    patterns = settings.get("python_files", DEFAULTS["python_files"])
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def in_scope(module: GeneratedModule, settings: dict[str, list[str]]) -> bool:
    """Files whose fate the checks make a claim about."""
    testpaths = settings.get("testpaths", [])
    under_testpath = any(module.path.startswith(entry + "/") for entry in testpaths)
    return file_matches(module, settings) or module.path.startswith("tests/") or under_testpath


def pytest_collected(root: Path) -> set[tuple[str, str | None]]:
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode in (0, 5), completed.stdout + completed.stderr
    collected: set[tuple[str, str | None]] = set()
    for line in completed.stdout.splitlines():
        if "::" not in line:
            continue
        parts = line.split("::")
        collected.add((parts[0], parts[1] if len(parts) == 3 else None))
    return collected


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(40))
def test_checks_agree_with_pytest_collection(project: Flake8Project, seed: int) -> None:
    generated, config_name, config_text = generate(seed)
    write_project(project, generated, config_name, config_text)
    collected = pytest_collected(project.root)
    run = project.flake8(".")
    assert run.stderr == ""
    reported_files: set[str] = set()
    reported_classes: set[tuple[str, str]] = set()
    for line in run.stdout_lines:
        location, _, message = line.partition(": ")
        path = location.split(":")[0].removeprefix("./")
        code = message.split()[0]
        if code in ("SOT403", "SOT404"):
            reported_files.add(path)
        else:
            reported_classes.add((path, message.split()[2]))
    functions = generated.settings.get("python_functions", DEFAULTS["python_functions"])
    classes = generated.settings.get("python_classes", DEFAULTS["python_classes"])
    for module in generated.modules:
        file_collected = any(path == module.path for path, _ in collected)
        if file_collected:
            assert module.path not in reported_files, (module.path, collected)
        for generated_class in module.classes:
            key = (module.path, generated_class.name)
            pytest_has_it = (module.path, generated_class.name) in collected
            if pytest_has_it:
                assert key not in reported_classes, key
                continue
            unittest_class, inherited, _ = BASE_FACTS[generated_class.base]
            methods = generated_class.methods + inherited
            if unittest_class:
                has_tests = any(method.startswith("test") for method in methods)
            else:
                has_tests = any(matches(functions, method) for method in methods)
            claimable = (
                has_tests and not generated_class.disabled and in_scope(module, generated.settings)
            )
            if not file_matches(module, generated.settings):
                # Only the file name is reported (SOT403), and only for classes that
                # the right file name would let pytest collect.
                would_collect = unittest_class or (
                    (matches(classes, generated_class.name) or generated_class.enabled)
                    and not generated_class.has_init
                    and not BASE_FACTS[generated_class.base][2]
                )
                if claimable and would_collect:
                    assert module.path in reported_files, (module.path, run.stdout_lines)
                assert key not in reported_classes, key
                continue
            if claimable:
                assert key in reported_classes or module.path in reported_files, (
                    f"pytest skips {key} silently, and nothing reports it",
                    run.stdout_lines,
                )
            else:
                assert key not in reported_classes, key
        module_functions = [f for f in module.functions if matches(functions, f)]
        if module_functions and in_scope(module, generated.settings):
            if any((module.path, None) in collected for _ in module_functions):
                assert module.path not in reported_files
            else:
                assert module.path in reported_files, (module.path, run.stdout_lines, collected)
