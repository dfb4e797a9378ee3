"""flake8-ssot against its floor and its alternatives, on the stdlib and on Django.

Usage: python3 benchmarks/run.py [--rounds 5] [--corpus stdlib|django ...]
                                 [--cache-dir DIR] [--json PATH]

Sets up its own venvs from PyPI (bare flake8 and ruff; flake8 with
flake8-tidy-imports; flake8 with this checkout of flake8-ssot) and fetches
the pinned Django sdist, all under the cache directory, then measures,
alternating the contenders and taking medians of per-round ratios:

- in process: the plugin over pre-parsed trees / one ``ast.walk`` of them;
- end to end: ``flake8 -j1`` with flake8-ssot / the same flake8 without it,
  and the same for flake8-tidy-imports with equivalent ``banned-modules``;
  ``ruff check --select TID251`` with equivalent ``banned-api`` is timed too;
- ``flake8-ssot fix --diff`` / reading and ``ast.parse`` of the same files;
- what each tool finds on the same bans, and why the counts differ;
- instructions executed by ``flake8 -j1`` with each plugin / without, under
  callgrind, on a sample of each corpus (``callgrind.py``; needs valgrind).

Prints a markdown table and writes the raw figures as JSON. A full run
takes about an hour and a half on two cores, most of it flake8 itself.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import callgrind
from corpora import (
    DJANGO_MIGRATION,
    STDLIB_MIGRATION,
    Corpus,
    write_flake8_config,
    write_ruff_config,
)
from environment import (
    DJANGO,
    Tools,
    default_cache_dir,
    fetch_sdist,
    flake8_versions,
    prepare_tools,
    stdlib_directory,
)
from findings import SSOT_BAN_CODES, Bans, Comparison, compare, parse_output, sites

HERE = Path(__file__).resolve().parent
FLAKE8_VARIANTS = ("bare", "ssot", "tidy")


@dataclass(frozen=True)
class Workspace:
    """The files one corpus's run hands to every tool."""

    corpus: Corpus
    flake8_config: Path
    ruff_config: Path
    file_list: Path

    @classmethod
    def create(cls, corpus: Corpus, directory: Path) -> Workspace:
        directory.mkdir(parents=True, exist_ok=True)
        workspace = cls(
            corpus, directory / "flake8.cfg", directory / "ruff.toml", directory / "files.txt"
        )
        write_flake8_config(corpus, workspace.flake8_config)
        write_ruff_config(corpus, workspace.ruff_config)
        workspace.file_list.write_text(
            "\n".join(str(path) for path in corpus.files()), encoding="utf-8"
        )
        return workspace

    @property
    def files(self) -> list[str]:
        return self.file_list.read_text(encoding="utf-8").splitlines()


def timed(
    command: list[str], cwd: Path | None = None, expected: tuple[int, ...] = (0, 1)
) -> tuple[float, str]:
    """Wall time and stdout of a command; findings make linters exit 1, which is fine."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    elapsed = time.perf_counter() - start
    if result.returncode not in expected:
        tail = "\n".join(result.stderr.splitlines()[-20:])
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{tail}")
    return elapsed, result.stdout


def in_process(tools: Tools, workspace: Workspace, rounds: int) -> dict[str, object]:
    command = [
        str(tools.python(tools.ssot)),
        str(HERE / "inprocess.py"),
        "plugin",
        str(workspace.flake8_config),
        str(workspace.file_list),
        str(rounds),
    ]
    figures: dict[str, object] = json.loads(timed(command, cwd=workspace.corpus.root)[1])
    plugin, walk = figures["plugin"], figures["walk"]
    assert isinstance(plugin, list) and isinstance(walk, list)
    figures["ratio"] = statistics.median(p / w for p, w in zip(plugin, walk, strict=True))
    return figures


def end_to_end(tools: Tools, workspace: Workspace, rounds: int) -> dict[str, object]:
    """Each round runs the three flake8s in a rotated order, then ruff."""
    env_dirs = {"bare": tools.bare, "ssot": tools.ssot, "tidy": tools.tidy}
    times: dict[str, list[float]] = {name: [] for name in (*FLAKE8_VARIANTS, "ruff")}
    outputs: dict[str, str] = {}
    for round_number in range(rounds):
        shift = round_number % len(FLAKE8_VARIANTS)
        for name in FLAKE8_VARIANTS[shift:] + FLAKE8_VARIANTS[:shift]:
            command = [
                str(tools.flake8(env_dirs[name])),
                "-j1",
                "--config",
                str(workspace.flake8_config),
                *workspace.files,
            ]
            elapsed, outputs[name] = timed(command, cwd=workspace.corpus.root)
            times[name].append(elapsed)
        elapsed, outputs["ruff"] = timed(
            [
                str(tools.ruff),
                "check",
                "--no-cache",
                "--output-format",
                "concise",
                "--config",
                str(workspace.ruff_config),
                *workspace.files,
            ],
            cwd=workspace.corpus.root,
        )
        times["ruff"].append(elapsed)
        print(
            f"  round {round_number + 1}: "
            + ", ".join(f"{name} {values[-1]:.1f} s" for name, values in times.items()),
            file=sys.stderr,
        )
    ratios = {
        name: [v / b for v, b in zip(times[name], times["bare"], strict=True)]
        for name in ("ssot", "tidy")
    }
    return {
        "times": times,
        "ratios": ratios,
        "overhead": {name: statistics.median(values) - 1 for name, values in ratios.items()},
        "ruff_over_flake8": statistics.median(
            r / b for r, b in zip(times["ruff"], times["bare"], strict=True)
        ),
        "same_other_findings": same_other_findings(outputs),
        "outputs": outputs,
    }


def same_other_findings(outputs: dict[str, str]) -> bool:
    """The plugins must change nothing but their own codes: the runs are otherwise identical."""

    def others(output: str, prefix: str) -> list[str]:
        return [line for line in output.splitlines() if f": {prefix}" not in line]

    return (
        others(outputs["ssot"], "SOT")
        == outputs["bare"].splitlines()
        == others(outputs["tidy"], "I25")
    )


#: Each plugin's ``flake8.extension`` entry point: inprocess.py loads the class it names
#: in that venv (flake8-ssot's moved between modules over its history).
PLUGIN_ENTRY_POINTS = {"ssot": "SOT", "tidy": "I25"}


def accounted(tools: Tools, workspace: Workspace) -> dict[str, dict[str, float]]:
    """Each plugin's own CPU time inside one real ``flake8 -j1`` run, and its share.

    A ratio of two CPU times measured in the same process, so it does not
    drift with the machine the way two wall-clock runs minutes apart do.
    """
    figures = {}
    for name, env_dir in [("ssot", tools.ssot), ("tidy", tools.tidy)]:
        command = [
            str(tools.python(env_dir)),
            str(HERE / "inprocess.py"),
            "account",
            PLUGIN_ENTRY_POINTS[name],
            "-j1",
            "--config",
            str(workspace.flake8_config),
            *workspace.files,
        ]
        figures[name] = json.loads(timed(command, cwd=workspace.corpus.root)[1])
    return figures


def fixer(tools: Tools, workspace: Workspace, rounds: int) -> dict[str, object]:
    fix_times, parse_times = [], []
    diff = ""
    for _ in range(rounds):
        # Exit status 2: some files cannot be read (the stdlib's bad-encoding tests).
        elapsed, diff = timed(
            [
                str(tools.fixer),
                "fix",
                "--diff",
                "--config",
                str(workspace.flake8_config),
                *workspace.files,
            ],
            cwd=workspace.corpus.root,
            expected=(0, 2),
        )
        fix_times.append(elapsed)
        parse = json.loads(
            timed(
                [
                    str(tools.python(tools.ssot)),
                    str(HERE / "inprocess.py"),
                    "parse",
                    str(workspace.file_list),
                ]
            )[1]
        )
        parse_times.append(parse["parse"])
    return {
        "fix": fix_times,
        "parse": parse_times,
        "ratio": statistics.median(f / p for f, p in zip(fix_times, parse_times, strict=True)),
        "files_changed": sum(1 for line in diff.splitlines() if line.startswith("+++ ")),
    }


def comparisons(workspace: Workspace, outputs: dict[str, str]) -> list[Comparison]:
    migration = workspace.corpus.migration
    bans = Bans(
        facades=tuple(old for old, _ in migration.deprecated),
        source_roots=tuple(workspace.corpus.root / root for root in migration.source_roots),
    )
    root = workspace.corpus.root
    ours = sites(parse_output(outputs["ssot"], SSOT_BAN_CODES, root))
    return [
        compare(
            "flake8-tidy-imports", ours, sites(parse_output(outputs["tidy"], ["I251"], root)), bans
        ),
        compare("ruff TID251", ours, sites(parse_output(outputs["ruff"], ["TID251"], root)), bans),
    ]


PARTS = ("in_process", "fix", "end_to_end", "accounted", "callgrind")


def measure(
    corpus: Corpus,
    tools: Tools,
    rounds: int,
    cache: Path,
    parts: set[str],
    previous: dict[str, Any],
) -> dict[str, Any]:
    """The chosen measurements of one corpus; the others are kept from ``previous``."""
    workspace = Workspace.create(corpus, cache / "runs" / corpus.name)
    print(f"{corpus.name}: {len(workspace.files)} files", file=sys.stderr)
    result = dict(previous, files=len(workspace.files))
    if "in_process" in parts:
        result["in_process"] = in_process(tools, workspace, rounds)
    if "fix" in parts:
        result["fix"] = fixer(tools, workspace, rounds)
    if "end_to_end" in parts:
        e2e = end_to_end(tools, workspace, rounds)
        outputs = e2e.pop("outputs")
        assert isinstance(outputs, dict)
        for tool, output in outputs.items():  # for a person to read the findings
            (workspace.file_list.parent / f"{tool}.out").write_text(output, encoding="utf-8")
        result["end_to_end"] = e2e
        result["findings"] = {
            tool: sum(f": {prefix}" in line for line in outputs[tool].splitlines())
            for tool, prefix in [("ssot", "SOT"), ("tidy", "I25"), ("ruff", "TID251")]
        }
        result["comparisons"] = [c.as_json() for c in comparisons(workspace, outputs)]
    if "accounted" in parts:
        result["accounted"] = accounted(tools, workspace)
    if "callgrind" in parts:
        result["callgrind"] = callgrind.measure(corpus, tools, cache, callgrind.FILES, repeat=1)
    return result


def median(values: object) -> float:
    assert isinstance(values, list)
    return statistics.median(values)


def comparison_cell(comparison: dict[str, Any]) -> str:
    extra = "; ".join(f"{n} {why}" for why, n in comparison["ours_only"].items()) or "none"
    allowed = "; ".join(f"{n} {why}" for why, n in comparison["theirs_only"].items()) or "none"
    return (
        f"{comparison['theirs']} statements; flake8-ssot finds {comparison['both']} of them "
        f"and {comparison['ours'] - comparison['both']} more ({extra}); "
        f"not reported by flake8-ssot: {allowed}"
    )


def render(results: dict[str, dict[str, Any]]) -> str:
    """The README's table: one column per corpus."""
    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("files", lambda r: f"{r['files']:,}"),
        (
            "in process: flake8-ssot over pre-parsed trees",
            lambda r: f"{median(r['in_process']['plugin']):.2f} s",
        ),
        (
            "in process: one `ast.walk` of the same trees",
            lambda r: f"{median(r['in_process']['walk']):.2f} s",
        ),
        (
            "**in process: flake8-ssot / `ast.walk`** (target ≤ 1)",
            lambda r: f"**{r['in_process']['ratio']:.2f}**",
        ),
        (
            "`flake8 -j1` without plugins",
            lambda r: f"{median(r['end_to_end']['times']['bare']):.1f} s",
        ),
        (
            "`flake8 -j1` with flake8-ssot",
            lambda r: f"{median(r['end_to_end']['times']['ssot']):.1f} s",
        ),
        (
            "`flake8 -j1` with flake8-tidy-imports",
            lambda r: f"{median(r['end_to_end']['times']['tidy']):.1f} s",
        ),
        (
            "**flake8-ssot overhead, end to end** (target < 3%, and below tidy-imports')",
            lambda r: (
                f"**{r['end_to_end']['overhead']['ssot'] * 100:+.1f}%** "
                f"(rounds: {spread(r['end_to_end']['ratios']['ssot'])})"
            ),
        ),
        (
            "flake8-tidy-imports overhead, end to end",
            lambda r: (
                f"{r['end_to_end']['overhead']['tidy'] * 100:+.1f}% "
                f"(rounds: {spread(r['end_to_end']['ratios']['tidy'])})"
            ),
        ),
        (
            "**flake8-ssot's own CPU time inside `flake8 -j1`** (target < 3%)",
            lambda r: f"**{share(r['accounted']['ssot'])}**",
        ),
        (
            "flake8-tidy-imports' own CPU time inside `flake8 -j1`",
            lambda r: share(r["accounted"]["tidy"]),
        ),
        (
            "**flake8-ssot: instructions with / without, minus 1** (callgrind; target < 3%)",
            lambda r: (
                f"**{r['callgrind']['overhead']['ssot'] * 100:+.2f}%** "
                f"({r['callgrind']['files']} of the files)"
            ),
        ),
        (
            "flake8-ssot, empty summary cache: instructions with / without, minus 1",
            lambda r: f"{r['callgrind']['overhead']['ssot-cold'] * 100:+.2f}%",
        ),
        (
            "flake8-tidy-imports: instructions with / without, minus 1 (callgrind)",
            lambda r: f"{r['callgrind']['overhead']['tidy'] * 100:+.2f}%",
        ),
        (
            "`ruff check --select TID251` (all cores)",
            lambda r: f"{median(r['end_to_end']['times']['ruff']):.2f} s",
        ),
        (
            "`flake8-ssot fix --diff`",
            lambda r: (
                f"{median(r['fix']['fix']):.1f} s ({r['fix']['files_changed']} files would change)"
            ),
        ),
        ("reading + `ast.parse` of the same files", lambda r: f"{median(r['fix']['parse']):.1f} s"),
        ("**fix --diff / `ast.parse`**", lambda r: f"**{r['fix']['ratio']:.1f}**"),
        ("custom ast-grep rules (SOT9xx)", lambda r: "not built yet"),
        ("findings: flake8-ssot (all codes)", lambda r: str(r["findings"]["ssot"])),
        (
            "same bans: flake8-tidy-imports `banned-modules`",
            lambda r: comparison_cell(r["comparisons"][0]),
        ),
        ("same bans: ruff TID251 `banned-api`", lambda r: comparison_cell(r["comparisons"][1])),
    ]
    names = list(results)
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines += [
        f"| {label} | " + " | ".join(cell(results[name]) for name in names) + " |"
        for label, cell in rows
    ]
    return "\n".join(lines)


def share(figures: dict[str, float]) -> str:
    return f"{figures['share'] * 100:.2f}% ({figures['plugin']:.2f} s of {figures['total']:.1f} s)"


def spread(ratios: list[float]) -> str:
    return f"{(min(ratios) - 1) * 100:+.1f}% to {(max(ratios) - 1) * 100:+.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", action="append", choices=["stdlib", "django"])
    parser.add_argument("--cache-dir", type=Path, default=default_cache_dir())
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument(
        "--measure",
        action="append",
        choices=PARTS,
        help="measure only this (repeatable); the rest is kept from the JSON file",
    )
    args = parser.parse_args()
    chosen = args.corpus or ["stdlib", "django"]
    parts = set(args.measure or PARTS)
    # Measuring only some parts updates the JSON file: its other figures, and
    # its other corpora, are kept.
    previous: dict[str, Any] = {}
    if parts != set(PARTS) and args.json.exists():
        previous = json.loads(args.json.read_text(encoding="utf-8"))["corpora"]
    tools = prepare_tools(args.cache_dir)
    corpora = {
        "stdlib": lambda: Corpus("stdlib", stdlib_directory(), STDLIB_MIGRATION),
        "django": lambda: Corpus("django", fetch_sdist(args.cache_dir, DJANGO), DJANGO_MIGRATION),
    }
    results = {
        name: measure(
            corpora[name](), tools, args.rounds, args.cache_dir, parts, previous.get(name, {})
        )
        for name in chosen
    }
    results = {**previous, **results}
    table = render(results)
    unexplained = [
        line for r in results.values() for c in r["comparisons"] for line in c["unexplained"]
    ]
    args.json.write_text(
        json.dumps(
            {
                "date": datetime.date.today().isoformat(),
                "machine": (
                    f"{platform.machine()}, {platform.system()}, {platform.processor() or '?'}"
                ),
                "python": sys.version.split()[0],
                "rounds": args.rounds,
                "flake8": flake8_versions(tools),
                "corpora": results,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(table)
    print(f"\nraw figures: {args.json}")
    for line in unexplained:
        print(f"unexplained difference: {line}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
