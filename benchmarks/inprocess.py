"""In-process cost of the plugin against one ``ast.walk`` over the same trees.

Usage: python benchmarks/inprocess.py [DIRECTORY]   (default: the stdlib)

Parses every file once, then times, alternately and five times each, the
plugin over all pre-parsed trees and a bare ``ast.walk`` over them (the
floor for any AST-based plugin), and prints the medians and their ratio.
The configuration names real stdlib modules so the checks have work to do.
"""

from __future__ import annotations

import ast
import statistics
import sys
import sysconfig
import time
import tokenize
import warnings
from pathlib import Path

from flake8.options.parse_args import parse_args

from flake8_ssot.plugin import SsotChecker

ROUNDS = 5


def load(root: Path) -> list[tuple[str, ast.Module, list[str]]]:
    trees = []
    for path in sorted(root.rglob("*.py")):
        if "site-packages" in path.relative_to(root).parts:
            continue
        try:
            with tokenize.open(path) as handle:
                lines = handle.readlines()
            trees.append((str(path), ast.parse("".join(lines)), lines))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
    return trees


def time_plugin(trees: list[tuple[str, ast.Module, list[str]]]) -> tuple[float, int]:
    start = time.perf_counter()
    found = 0
    for filename, tree, lines in trees:
        found += sum(1 for _ in SsotChecker(tree, filename, lines).run())
    return time.perf_counter() - start, found


def time_walk(trees: list[tuple[str, ast.Module, list[str]]]) -> float:
    start = time.perf_counter()
    for _, tree, _ in trees:
        for _ in ast.walk(tree):
            pass
    return time.perf_counter() - start


def main() -> None:
    warnings.simplefilter("ignore")
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(sysconfig.get_paths()["stdlib"])
    parse_args([
        "--isolated",
        f"--ssot-source-roots={root}",
        "--ssot-deprecated-modules=asyncio = asyncio.events, json = json.decoder, xml.etree",
        "--ssot-legacy-modules=optparse = argparse, email.mime, imp = importlib",
        "--ssot-compat-patterns=*_compat, *_compat.*, _compat_*",
    ])
    trees = load(root)
    plugin_times, walk_times = [], []
    findings = 0
    for _ in range(ROUNDS):
        elapsed, findings = time_plugin(trees)
        plugin_times.append(elapsed)
        walk_times.append(time_walk(trees))
    plugin, walk = statistics.median(plugin_times), statistics.median(walk_times)
    print(f"corpus: {root} ({len(trees)} files), Python {sys.version.split()[0]}")
    print("| measure | median of 5 (s) |")
    print("|---|---|")
    print(f"| flake8-ssot over pre-parsed trees ({findings} findings) | {plugin:.3f} |")
    print(f"| one ast.walk over the same trees | {walk:.3f} |")
    print(f"| ratio plugin / ast.walk | {plugin / walk:.2f} |")


if __name__ == "__main__":
    main()
