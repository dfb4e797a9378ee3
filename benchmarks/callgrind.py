"""Instruction counts of ``flake8 -j1`` with and without a plugin, under callgrind.

Usage: python3 benchmarks/callgrind.py [--corpus stdlib|django ...] [--repeat N]
                                       [--layouts N] [--files 100] [--variants bare ssot tidy]
                                       [--baseline REV] [--key callgrind]
                                       [--cache-dir DIR] [--json PATH]

Wall-clock ratios on a shared machine swing by 10% or more between runs a
minute apart; the number of instructions a run executes does not. So the
same ``flake8 -j1`` over the same files, with the same config and working
directory, runs under ``valgrind --tool=callgrind`` in three venvs that
hold the same flake8: bare, with this checkout of flake8-ssot, and with
flake8-tidy-imports (for comparison). The figure is instructions with the
plugin over instructions without, minus one.

flake8-ssot keeps the summaries of the modules it reads besides the linted
files in a cache (``ssot-cache-dir``), which the untimed first run fills as
it fills ``__pycache__``: the ``ssot`` row is every later run, as an editor,
pre-commit or a second CI run has it. ``ssot-cold`` gives each run (the
untimed one too) an empty cache directory: the first run after a change to
those modules, or a run with the cache off, plus the cost of filling it.

What would make the count move between runs is held still: the hash seed
(``PYTHONHASHSEED=0``), the environment (a fixed, minimal one), address
space randomisation (``setarch -R``, as object addresses order some sets),
and bytecode compilation (an untimed run first writes every ``.pyc``, and
the counted runs write none). callgrind runs some 40 times slower than the
program, so each corpus is a fixed sample of about a hundred of its files:
every Nth of the sorted list, and the three variants run side by side.
Needs python3, valgrind and setarch (Linux); takes about half an hour on
two idle cores for both corpora.

``--baseline REV`` (a git revision of this repository: ``main``, ``HEAD~3``,
a hash) measures flake8-ssot at that commit in the same run, as the variants
``base`` and ``base-cold``: the commit's tree, exported with ``git archive``
and installed with its own ``setup.cfg`` into a venv of its own beside the
same flake8 (kept under the cache directory, named for the commit). They run
exactly as ``ssot`` and ``ssot-cold`` do (same config text, files,
environment, untimed first run, cache handling), and the table and the JSON
gain the change of ``ssot`` against ``base``, warm and cold: the "before and
after, same run" of a change. Two versions of the plugin must not share a
summary cache directory (each drops the directories other code left in
it), so with a baseline ``ssot`` and ``base`` each read their config from a
directory of their own (``ssot/`` and ``base/`` of the run's directory). The
baseline must know the options the config uses (``ssot-cache-dir``, from
commit 5594123 on).

``--layouts N`` counts every variant under N memory layouts. Two builds
that do the same work can differ by tens of millions of instructions
because their objects land elsewhere on the heap (libc ``malloc``'s search
and pymalloc's pool turnover cost more or less), so one count per build
cannot tell a change of 0.1% from layout. Layout k runs flake8 through a
launcher that first allocates ``LAYOUT_BYTES[k]`` bytes and keeps them:
the same shift for every variant. The change against a baseline is then
taken per layout (each build against the other under the same shift) and
reported as the median of those, with the smallest and largest.

Prints a table and stores the figures under ``callgrind`` in each corpus of
the results JSON, keeping everything else in it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from corpora import DJANGO_MIGRATION, STDLIB_MIGRATION, Corpus, write_flake8_config
from environment import (
    DJANGO,
    Baseline,
    Tools,
    checkout_state,
    default_cache_dir,
    fetch_sdist,
    prepare_baseline,
    prepare_tools,
    stdlib_directory,
)

HERE = Path(__file__).resolve().parent
VARIANTS = ("bare", "ssot", "ssot-cold", "tidy")
#: With ``--baseline``: flake8-ssot at that commit, run as each of this checkout's variants.
BASE_OF = {"ssot": "base", "ssot-cold": "base-cold"}
ALL_VARIANTS = ("bare", "ssot", "base", "ssot-cold", "base-cold", "tidy")
#: The plugin variants and the prefix of the codes each reports.
PLUGINS = (
    ("ssot", "SOT"),
    ("base", "SOT"),
    ("ssot-cold", "SOT"),
    ("base-cold", "SOT"),
    ("tidy", "I25"),
)
#: The allocation made before flake8 starts, per layout: below glibc's mmap threshold
#: (128 KiB), so it moves where malloc places everything after it.
LAYOUT_BYTES = (0, 40_960, 81_920, 122_880, 20_480, 61_440, 102_400)
LAUNCHER = """\
import sys

layout = bytearray(int(sys.argv.pop(1)))
from flake8.main.cli import main

sys.exit(main())
"""
#: Files sampled per corpus: callgrind's 40-fold slowdown makes a hundred take minutes.
FILES = 100
#: Findings only one of this checkout and the baseline reports, printed per side.
SHOWN = 20
JOBS = os.cpu_count() or 1

#: Test discovery on, as a project using pytest would configure it. testpaths
#: are absolute: the pytest config lives beside the flake8 config, not in the corpus.
PYTEST_SETTINGS = {
    "stdlib": ("test_*.py", "test"),
    # pytest-django's usual settings for Django's own layout (tests/<app>/tests.py).
    "django": ("tests.py test_*.py *_tests.py", "tests"),
}


def sample(files: list[Path], count: int) -> list[Path]:
    """``count`` files spread evenly over the sorted list: the same ones on every machine."""
    if len(files) <= count:
        return files
    return [files[index * len(files) // count] for index in range(count)]


def write_workspace(corpus: Corpus, directory: Path, count: int) -> tuple[Path, list[str]]:
    """The flake8 config (test discovery on) and the sampled files of one corpus."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "flake8.cfg"
    write_flake8_config(corpus, config)
    python_files, testpaths = PYTEST_SETTINGS[corpus.name]
    pytest_ini = directory / "pytest.ini"
    pytest_ini.write_text(
        f"[pytest]\npython_files = {python_files}\ntestpaths = {corpus.root / testpaths}\n",
        encoding="utf-8",
    )
    with config.open("a", encoding="utf-8") as stream:
        stream.write(f"ssot-pytest-config = {pytest_ini.name}\n")
    files = [str(path) for path in sample(corpus.files(), count)]
    (directory / "files.txt").write_text("\n".join(files) + "\n", encoding="utf-8")
    return config, files


def fixed_environment() -> dict[str, str]:
    """The whole environment of every run: nothing else from the caller leaks in."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(Path.home()),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
    }


def run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """stdout of a flake8 run; exit status 1 (findings) is fine, anything else is not.

    flake8 exits 1 on a traceback too (a plugin that fails to import): status 1
    with nothing on stdout is that, not a run to count.
    """
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env)
    if result.returncode not in (0, 1) or (result.returncode == 1 and not result.stdout):
        tail = "\n".join(result.stderr.splitlines()[-20:])
        raise SystemExit(f"{' '.join(command[:3])} ... failed ({result.returncode}):\n{tail}")
    return result.stdout


def cold_cache(flake8: list[str], scratch: Path) -> list[str]:
    """The command with an empty summary cache of its own (``ssot-cold``)."""
    return [*flake8, f"--ssot-cache-dir={tempfile.mkdtemp(dir=scratch)}"]


def instructions(flake8: list[str], cwd: Path, scratch: Path) -> tuple[int, str]:
    """Instructions one run executes, as callgrind's summary line counts them, and its stdout."""
    out_file = scratch / "callgrind.out"
    out_file.unlink(missing_ok=True)
    command = [
        "setarch",
        platform.machine(),
        "-R",
        "valgrind",
        "--tool=callgrind",
        "--quiet",
        f"--callgrind-out-file={out_file}",
        *flake8,
    ]
    env = dict(fixed_environment(), PYTHONDONTWRITEBYTECODE="1")
    output = run(command, cwd, env)
    for line in out_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("summary:"):
            return int(line.split()[1]), output
    raise SystemExit(f"{out_file}: no summary line")


def measure(
    corpus: Corpus,
    tools: Tools,
    cache: Path,
    count: int,
    repeat: int,
    jobs: int = JOBS,
    variants: tuple[str, ...] = VARIANTS,
    baseline: Baseline | None = None,
    layouts: int = 1,
) -> dict[str, Any]:
    """Each variant's instruction count on one corpus, ``repeat`` times under each of
    ``layouts`` memory layouts (layout-major in the lists), and the overheads.

    The variants may run side by side (``jobs``): a count does not depend on
    what else the machine is doing, only the wall time does. ``base`` and
    ``base-cold`` need ``baseline``.
    """
    directory = cache / "runs" / f"callgrind-{corpus.name}-{count}"
    config, files = write_workspace(corpus, directory, count)
    env_dirs = {"bare": tools.bare, "ssot": tools.ssot, "ssot-cold": tools.ssot, "tidy": tools.tidy}
    configs = dict.fromkeys(variants, config)
    checkout = checkout_state() if baseline is not None else {}  # what the ssot venv holds
    if baseline is not None:
        env_dirs.update(base=baseline.env_dir, **{"base-cold": baseline.env_dir})
        # The same config text in two directories with names of the same length:
        # each version of the plugin gets a summary cache of its own (``ssot-cache-dir``
        # is relative to the config), and neither reads longer paths than the other.
        for subdirectory, names in [("ssot", BASE_OF), ("base", BASE_OF.values())]:
            own, _ = write_workspace(corpus, directory / subdirectory, count)
            configs.update((name, own) for name in names if name in variants)

    launcher = directory / "launcher.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")

    def command(name: str, layout: int | None) -> list[str]:
        arguments = ["-j1", "--config", str(configs[name]), *files]
        if layout is None:
            return [str(tools.flake8(env_dirs[name])), *arguments]
        python = str(tools.python(env_dirs[name]))
        return [python, str(launcher), str(LAYOUT_BYTES[layout]), *arguments]

    shifts: list[int | None] = [None] if layouts == 1 else list(range(layouts))

    def variant(name: str) -> tuple[str, list[int]]:
        totals = []
        with tempfile.TemporaryDirectory() as scratch:
            cold = name.endswith("-cold")
            flake8 = command(name, None)
            # Untimed: writes the .pyc files (and fills the summary cache) the counted runs read.
            untimed = cold_cache(flake8, Path(scratch)) if cold else flake8
            expected = run(untimed, corpus.root, fixed_environment())
            # For a person to read what the counted runs found.
            (directory / f"{name}.out").write_text(expected, encoding="utf-8")
            for layout in shifts:
                flake8 = command(name, layout)
                for _ in range(repeat):
                    counted = cold_cache(flake8, Path(scratch)) if cold else flake8
                    total, output = instructions(counted, corpus.root, Path(scratch))
                    if output != expected:
                        raise SystemExit(
                            f"{corpus.name} {name}: callgrind's run found other things"
                        )
                    totals.append(total)
                    shift = "" if layout is None else f" (layout {layout})"
                    print(f"  {corpus.name} {name}{shift}: {total:,} instructions", file=sys.stderr)
        return expected, totals

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        done = dict(zip(variants, pool.map(variant, variants), strict=True))
    outputs = {name: output for name, (output, _) in done.items()}
    counts = {name: totals for name, (_, totals) in done.items()}
    plugins = [(name, prefix) for name, prefix in PLUGINS if name in variants]
    for name, prefix in plugins:
        others = [line for line in outputs[name].splitlines() if f": {prefix}" not in line]
        if others != outputs["bare"].splitlines():
            raise SystemExit(f"{corpus.name}: {name} changed findings other than its own")
    figures: dict[str, Any] = {
        "files": len(files),
        "python": sys.version.split()[0],
        "valgrind": subprocess.run(
            ["valgrind", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip(),
        "instructions": counts,
        "layouts": [0] if layouts == 1 else list(LAYOUT_BYTES[:layouts]),
        "repeat": repeat,
        "overhead": {name: min(counts[name]) / min(counts["bare"]) - 1 for name, _ in plugins},
        "findings": {
            name: sum(f": {prefix}" in line for line in outputs[name].splitlines())
            for name, prefix in plugins
        },
    }
    if baseline is not None:
        figures["checkout"] = checkout
        figures.update(against_baseline(corpus.name, baseline, counts, outputs, repeat))
    return figures


def per_layout(totals: list[int], repeat: int) -> list[int]:
    """The fewest counted under each layout (``totals`` holds ``repeat`` counts per layout)."""
    return [min(totals[start : start + repeat]) for start in range(0, len(totals), repeat)]


def against_baseline(
    corpus: str,
    baseline: Baseline,
    counts: dict[str, list[int]],
    outputs: dict[str, str],
    repeat: int = 1,
) -> dict[str, Any]:
    """The commits compared, this checkout's change of instructions against the baseline's,
    warm and cold, and the findings only one of them reports.

    The change is taken under each layout (the fewest counted of each build there) and
    the median of those reported, with the smallest and largest: one layout's figure
    is partly where the heap put things.
    """
    pairs = [
        (ours, theirs) for ours, theirs in BASE_OF.items() if ours in counts and theirs in counts
    ]
    change = {}
    for ours, theirs in pairs:
        shifted = [
            (now, before)
            for now, before in zip(
                per_layout(counts[ours], repeat), per_layout(counts[theirs], repeat), strict=True
            )
        ]
        ranked = sorted(shifted, key=lambda pair: pair[0] - pair[1])
        now, before = ranked[(len(ranked) - 1) // 2]  # the median layout (the lower of two)
        change[ours] = {
            "against": theirs,
            "instructions": now - before,
            "percent": (now / before - 1) * 100,
            "per_layout": [now - before for now, before in shifted],
            "smallest": ranked[0][0] - ranked[0][1],
            "largest": ranked[-1][0] - ranked[-1][1],
        }
    # Every variant of one checkout finds the same (the cache changes no finding): one pair says it.
    findings: dict[str, list[str]] = {}
    if pairs:
        ours, theirs = pairs[0]
        ours_lines, theirs_lines = outputs[ours].splitlines(), outputs[theirs].splitlines()
        ours_set, theirs_set = set(ours_lines), set(theirs_lines)
        findings = {
            "only_ssot": [line for line in ours_lines if line not in theirs_set],
            "only_base": [line for line in theirs_lines if line not in ours_set],
        }
        for side, lines in findings.items():
            for line in lines[:SHOWN]:
                print(f"  {corpus}: {side.replace('_', ' ')}: {line}", file=sys.stderr)
            if len(lines) > SHOWN:
                print(
                    f"  {corpus}: {side.replace('_', ' ')}: {len(lines) - SHOWN} more",
                    file=sys.stderr,
                )
    return {
        "baseline": {"revision": baseline.revision, "commit": baseline.commit},
        "change": change,
        "findings_against_baseline": findings,
    }


def render(results: dict[str, dict[str, Any]]) -> str:
    """A markdown table, one column per corpus."""

    def counted(name: str) -> Callable[[dict[str, Any]], str]:
        return lambda r: (
            " / ".join(f"{total:,}" for total in r["instructions"].get(name, ())) or "-"
        )

    def overhead(name: str, bold: str = "") -> Callable[[dict[str, Any]], str]:
        def cell(r: dict[str, Any]) -> str:
            if name not in r["overhead"]:
                return "-"
            return f"{bold}{r['overhead'][name] * 100:+.2f}%{bold}"

        return cell

    def change(name: str, bold: str = "") -> Callable[[dict[str, Any]], str]:
        def cell(r: dict[str, Any]) -> str:
            if name not in r.get("change", {}):
                return "-"
            figures = r["change"][name]
            cell = f"{bold}{figures['percent']:+.2f}%{bold} ({figures['instructions']:+,})"
            if len(figures.get("per_layout", ())) > 1:
                cell += (
                    f", median of {len(figures['per_layout'])} layouts "
                    f"({figures['smallest']:+,} to {figures['largest']:+,})"
                )
            return cell

        return cell

    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("files (every Nth of the sorted list)", lambda r: str(r["files"])),
        ("instructions, `flake8 -j1` without plugins", counted("bare")),
        ("instructions, with flake8-ssot", counted("ssot")),
        ("instructions, with flake8-ssot, empty summary cache", counted("ssot-cold")),
        ("instructions, with flake8-tidy-imports", counted("tidy")),
        ("**flake8-ssot: instructions with / without - 1** (target < 3%)", overhead("ssot", "**")),
        ("flake8-ssot, empty summary cache: with / without - 1", overhead("ssot-cold")),
        ("flake8-tidy-imports: instructions with / without - 1", overhead("tidy")),
    ]
    baselines = {r["baseline"]["commit"] for r in results.values() if "baseline" in r}
    if baselines:
        base = f"flake8-ssot at {', '.join(commit[:12] for commit in sorted(baselines))}"
        rows[4:4] = [
            (f"instructions, with {base}", counted("base")),
            (f"instructions, with {base}, empty summary cache", counted("base-cold")),
        ]
        rows += [
            (f"{base}: with / without - 1", overhead("base")),
            (f"{base}, empty summary cache: with / without - 1", overhead("base-cold")),
            (f"**this checkout against {base}** (summary cache filled)", change("ssot", "**")),
            (f"this checkout against {base}, empty summary cache", change("ssot-cold")),
            (
                "SOT findings, this checkout / the baseline",
                lambda r: f"{r['findings'].get('ssot', '-')} / {r['findings'].get('base', '-')}",
            ),
        ]
    names = list(results)
    lines = ["| callgrind | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    lines += [
        f"| {label} | " + " | ".join(cell(results[name]) for name in names) + " |"
        for label, cell in rows
    ]
    return "\n".join(lines)


def store(path: Path, results: dict[str, dict[str, Any]], key: str) -> None:
    """Put the figures into the results JSON under each corpus, keeping the rest of it."""
    document: dict[str, Any] = {}
    if path.exists():
        document = json.loads(path.read_text(encoding="utf-8"))
    corpora = document.setdefault("corpora", {})
    for name, figures in results.items():
        corpora.setdefault(name, {})[key] = figures
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", choices=["stdlib", "django"])
    parser.add_argument("--repeat", type=int, default=1, help="counted runs per variant")
    parser.add_argument(
        "--layouts",
        type=int,
        default=1,
        choices=range(1, len(LAYOUT_BYTES) + 1),
        metavar=f"1-{len(LAYOUT_BYTES)}",
        help="memory layouts each variant is counted under (1: flake8's own script, as is)",
    )
    parser.add_argument("--files", type=int, default=FILES, help="files sampled per corpus")
    parser.add_argument("--jobs", type=int, default=JOBS, help="variants measured side by side")
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=ALL_VARIANTS,
        help=f"default: {' '.join(VARIANTS)}; bare is always measured",
    )
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also measure flake8-ssot at this git revision (variants base and base-cold, "
        "added for ssot and ssot-cold), and the change against it",
    )
    parser.add_argument(
        "--key", default="callgrind", help="where the figures go in each corpus of the JSON"
    )
    parser.add_argument("--cache-dir", type=Path, default=default_cache_dir())
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    args = parser.parse_args()
    chosen = args.variants or list(VARIANTS)
    if args.baseline is None and set(chosen) & set(BASE_OF.values()):
        parser.error("the variants base and base-cold need --baseline REV")
    ordered = ["bare"]
    for name in chosen:  # each base variant right after its counterpart, to start together
        ordered += [name, BASE_OF[name]] if args.baseline and name in BASE_OF else [name]
    variants = tuple(dict.fromkeys(ordered))
    baseline = prepare_baseline(args.cache_dir, args.baseline) if args.baseline else None
    tools = prepare_tools(args.cache_dir)
    corpora = {
        "stdlib": lambda: Corpus("stdlib", stdlib_directory(), STDLIB_MIGRATION),
        "django": lambda: Corpus("django", fetch_sdist(args.cache_dir, DJANGO), DJANGO_MIGRATION),
    }
    results = {
        name: measure(
            corpora[name](),
            tools,
            args.cache_dir,
            args.files,
            args.repeat,
            args.jobs,
            variants,
            baseline,
            args.layouts,
        )
        for name in args.corpus or ["stdlib", "django"]
    }
    store(args.json, results, args.key)
    print(render(results))
    print(f"\nraw figures: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
