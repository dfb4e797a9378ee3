"""Generate a monorepo of N modules for timing ``flake8-ssot init`` (see init_speed.py).

Usage: python benchmarks/init_tree.py DIRECTORY [--modules 10000]

Packages of 50 modules, each module about 60 lines: imports of its
neighbours, two classes with methods, functions with docstrings and loops.
One module in 50 is a deprecated facade that warns at import, one in 100 a
``*_compat`` shim, one in 100 defines a ``Registry`` subclass of the shared
one that adds nothing, and a tenth of the packages hold tests. Names are
otherwise unique, as in a real tree, so the scan's text pre-filter has as
much to rule out as it would there.
"""

from __future__ import annotations

import argparse
from pathlib import Path

BODY = '''\
"""Module {index} of the generated tree."""

from __future__ import annotations

import os
from collections.abc import Iterable

from {package}.m{neighbour} import helper_{neighbour}


class Thing{index}:
    """A thing with a few methods."""

    def __init__(self, values: Iterable[int]) -> None:
        self.values = list(values)

    def total(self) -> int:
        result = 0
        for value in self.values:
            if value % 2:
                result += value * 3
            else:
                result -= value // 2
        return result

    def describe(self) -> str:
        return f"{{type(self).__name__}}({{self.values!r}}) in {{os.getcwd()}}"


class Other{index}(Thing{index}):
    def total(self) -> int:
        return super().total() + helper_{neighbour}(len(self.values))


def helper_{index}(count: int) -> int:
    """Sum the squares below ``count``."""
    return sum(number * number for number in range(count))


def table_{index}() -> dict[str, list[int]]:
    return {{
        "a": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "b": [value for value in range(20) if value % 3 == 0],
        "c": sorted({{value % 7 for value in range(50)}}),
    }}


def process_{index}(items: list[str]) -> list[str]:
    out = []
    for item in items:
        try:
            number = int(item)
        except ValueError:
            out.append(item.upper())
            continue
        with open(os.devnull, "w") as sink:
            sink.write(str(number))
        out.append(str(number * 2))
    return out
'''
FACADE = '''\
"""A deprecated facade."""

import warnings

from {package}.m{neighbour} import helper_{neighbour}
from {package}.m{neighbour} import helper_{neighbour} as helper_{index}

warnings.warn("import from {package}.m{neighbour}", DeprecationWarning, stacklevel=2)
'''
COMPAT = "from {package}.m{neighbour} import helper_{neighbour}\n"
REGISTRY = '''\
from core.registry import Registry as _Registry


class Registry(_Registry):
    """Kept for old callers."""
'''
TEST = """\
from {package}.m{neighbour} import helper_{neighbour}


class Test{index}:
    def test_helper(self) -> None:
        assert helper_{neighbour}(3) == 5
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--modules", type=int, default=10_000)
    args = parser.parse_args()
    root: Path = args.directory
    (root / "core").mkdir(parents=True, exist_ok=True)
    (root / "core" / "__init__.py").write_text("")
    (root / "core" / "registry.py").write_text("class Registry:\n    def add(self, x): ...\n")
    for index in range(args.modules):
        number = index // 50
        package = f"pkg{number}"
        directory = root / ("tests" if number % 10 == 9 else "") / package
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "__init__.py").touch()
        neighbour = index - index % 50 + (index + 1) % 50
        values = {"index": index, "package": package, "neighbour": neighbour}
        if number % 10 == 9:
            template, name = TEST, f"test_m{index}.py"
        elif index % 50 == 49:
            template, name = FACADE, f"m{index}.py"
        elif index % 100 == 48:
            template, name = COMPAT, f"m{index}_compat.py"
        elif index % 100 == 47:
            template, name = REGISTRY, f"m{index}.py"
        else:
            template, name = BODY, f"m{index}.py"
        (directory / name).write_text(template.format(**values))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
