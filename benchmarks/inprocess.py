"""In-process timings, run inside the flake8-ssot venv by benchmarks/run.py.

Usage:
    python inprocess.py plugin CONFIG FILE_LIST ROUNDS
        the plugin over pre-parsed trees against one ``ast.walk`` of the
        same trees (the floor for any AST plugin), alternating, ROUNDS each;
    python inprocess.py parse FILE_LIST
        reading and ``ast.parse`` of every file once, the fixer's yardstick;
    python inprocess.py account PLUGIN FLAKE8_ARGS...
        one real flake8 run, with the CPU time spent in that plugin counted
        (run it in the venv that has the plugin); PLUGIN is the name of its
        ``flake8.extension`` entry point (``SOT``, ``I25``) or ``module:Class``.

Prints one JSON object. Files that do not parse are skipped, as flake8
skips plugins on them (it reports E999 instead). flake8-ssot's checker is
found through its installed entry point, not a module path, so the script
works in a venv of any commit of it (``flake8_ssot.plugin:SsotChecker`` in
older ones, ``flake8_ssot.adapters.flake8_plugin:SsotChecker`` now).
"""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import json
import os
import sys
import time
import tokenize
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flake8.main.cli import main as flake8_main
from flake8.options.parse_args import parse_args

ParsedFile = tuple[str, ast.Module, list[str]]


def load(paths: list[str]) -> list[ParsedFile]:
    trees = []
    for path in paths:
        try:
            with tokenize.open(path) as handle:
                lines = handle.readlines()
            trees.append((path, ast.parse("".join(lines)), lines))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
    return trees


#: flake8-ssot's entry point in the ``flake8.extension`` group.
SSOT_ENTRY_POINT = "SOT"


def plugin_class(plugin: str) -> type[Any]:
    """The checker an installed ``flake8.extension`` entry point names, or ``module:Class``."""
    checker: type[Any]
    if ":" in plugin:
        module_name, _, class_name = plugin.partition(":")
        checker = getattr(importlib.import_module(module_name), class_name)
        return checker
    for entry_point in importlib.metadata.entry_points(group="flake8.extension"):
        if entry_point.name == plugin:
            checker = entry_point.load()
            return checker
    raise SystemExit(f"no flake8.extension entry point {plugin!r} is installed here")


def time_plugin(trees: list[ParsedFile]) -> tuple[float, int]:
    checker = plugin_class(SSOT_ENTRY_POINT)  # only the flake8-ssot venvs have it

    start = time.perf_counter()
    found = 0
    for filename, tree, lines in trees:
        found += sum(1 for _ in checker(tree, filename, lines).run())
    return time.perf_counter() - start, found


def time_walk(trees: list[ParsedFile]) -> float:
    start = time.perf_counter()
    for _, tree, _ in trees:
        for _ in ast.walk(tree):
            pass
    return time.perf_counter() - start


def plugin_against_walk(config: str, paths: list[str], rounds: int) -> dict[str, object]:
    sys.argv = ["flake8", "--config", config]  # the plugin reads --config here
    parse_args(sys.argv[1:])
    trees = load(paths)
    plugin_times, walk_times = [], []
    findings = 0
    for _ in range(rounds):
        elapsed, findings = time_plugin(trees)
        plugin_times.append(elapsed)
        walk_times.append(time_walk(trees))
    return {"files": len(trees), "findings": findings, "plugin": plugin_times, "walk": walk_times}


def parse_all(paths: list[str]) -> dict[str, object]:
    start = time.perf_counter()
    for path in paths:
        try:
            ast.parse(Path(path).read_bytes(), filename=path)
        except (SyntaxError, ValueError):
            continue
    return {"parse": time.perf_counter() - start}


def account(plugin: str, flake8_args: list[str]) -> dict[str, object]:
    """CPU time inside a plugin's ``run`` during a whole flake8 run, and of the whole process.

    ``plugin`` is the name of the plugin's entry point, or the ``module:Class``
    it names. Works for any plugin with a ``run`` method, so the alternatives
    are measured alike.
    """
    checker = plugin_class(plugin)
    spent = 0.0
    run = checker.run

    def counted(self: object) -> Iterator[tuple[int, int, str, type[Any]]]:
        nonlocal spent
        start = time.process_time()
        findings = list(run(self))
        spent += time.process_time() - start
        return iter(findings)

    checker.run = counted
    sys.argv = ["flake8", *flake8_args]  # flake8-ssot reads --config from flake8's command line
    try:
        flake8_main([*flake8_args, "--output-file", os.devnull])
    except SystemExit:
        pass
    total = time.process_time()
    return {"plugin": spent, "total": total, "share": spent / total}


def main() -> None:
    warnings.simplefilter("ignore")  # invalid escape sequences in corpus files
    mode, *arguments = sys.argv[1:]
    if mode == "account":
        plugin, *flake8_args = arguments
        result = account(plugin, flake8_args)
    elif mode == "plugin":
        config, file_list, rounds = arguments
        paths = Path(file_list).read_text(encoding="utf-8").splitlines()
        result = plugin_against_walk(config, paths, int(rounds))
    else:
        (file_list,) = arguments
        result = parse_all(Path(file_list).read_text(encoding="utf-8").splitlines())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
