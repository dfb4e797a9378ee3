"""``flake8-ssot init`` against reading and parsing the same files once, on the same cores.

Usage: python benchmarks/init_speed.py TREE [--jobs N] [--rounds 3]

The floor is a pool of N processes that reads every file flake8 would lint
in TREE and ``ast.parse``s it; init runs as users run it (``flake8-ssot init
--jobs N`` in TREE, a subprocess), start-up included. Both are timed end to
end, alternating, and the median of each is printed with their ratio.
Run it with the interpreter whose environment has this checkout installed
(or with PYTHONPATH pointing at it).
"""

from __future__ import annotations

import argparse
import ast
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path


def parse_file(path: str) -> int:
    """Read and parse one file, as init's floor does; its node count is thrown away."""
    try:
        source = Path(path).read_bytes()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(source, filename=path)
    except (SyntaxError, ValueError, OSError):
        return 0
    return 1


def timed(run: Callable[[], subprocess.CompletedProcess[str]]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the process and its workers, and what it said on stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = run()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, completed.stderr


def floor(files: list[str], jobs: int) -> tuple[float, float, str]:
    """A fresh interpreter's pool reading and parsing every file once."""
    script = (
        "import sys, multiprocessing\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from init_speed import parse_file\n"
        "files = sys.stdin.read().split('\\n')\n"
        f"with multiprocessing.get_context('fork').Pool({jobs}) as pool:\n"
        "    print(sum(pool.map(parse_file, files, chunksize=32)))\n"
    )
    return timed(
        lambda: subprocess.run(
            [sys.executable, "-P", "-c", script],
            input="\n".join(files),
            text=True,
            check=True,
            capture_output=True,
        )
    )


def init(tree: Path, jobs: int) -> tuple[float, float, str]:
    """``flake8-ssot init`` over the tree, as users run it (in the tree)."""
    command = [sys.executable, "-P", "-m", "flake8_ssot", "init", "--isolated", "--jobs"]
    return timed(
        lambda: subprocess.run(
            [*command, str(jobs), "."], cwd=tree, text=True, capture_output=True, check=True
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(str(path) for path in args.tree.resolve().rglob("*.py"))
    floors, inits = [], []
    for _ in range(args.rounds):
        floors.append(floor(files, args.jobs))
        inits.append(init(args.tree, args.jobs))
    print(f"{len(files)} files, {args.jobs} jobs, median of {args.rounds} rounds (wall, CPU)")
    walls = [statistics.median(run[0] for run in runs) for runs in (floors, inits)]
    cpus = [statistics.median(run[1] for run in runs) for runs in (floors, inits)]
    print(f"read + ast.parse once, pooled: {walls[0]:6.2f} s {cpus[0]:6.2f} s")
    print(
        f"flake8-ssot init:              {walls[1]:6.2f} s {cpus[1]:6.2f} s "
        f"({walls[1] / walls[0]:.2f}x wall, {cpus[1] / cpus[0]:.2f}x CPU)"
    )
    print(inits[-1][2], end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
