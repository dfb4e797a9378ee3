"""``python -m flake8`` (or ``flake8_ssot``) run many times in one process, as editors run it.

The VS Code Flake8 extension keeps one Python process and runs flake8 in it
for each lint, with runpy and its own ``sys.argv``, stdout and stderr; this
script does the same for a table's flake8 runs, so that they cost one
interpreter and one import of flake8 and the plugin, not one per run.

Input on stdin, a JSON list of runs: ``{"cwd": DIR, "module": "flake8" or
"flake8_ssot", "argv": [ARG, ...]}``. Output on stdout, a JSON list of
``{"stdout": TEXT, "stderr": TEXT, "status": INT}``, one per run, in order.
A run that stops with a message (``SystemExit("...")``) gets it on stderr
and status 1, and so does a crash, with its traceback, as the interpreter
gives them.
"""

from __future__ import annotations

import io
import json
import os
import runpy
import sys
import traceback

# Not this script's directory (the tables' modules) on the path of what it runs.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]


def run(cwd: str, module: str, argv: list[str]) -> dict[str, object]:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr, sys.argv, os.getcwd()
    sys.stdout, sys.stderr, sys.argv = stdout, stderr, [module, *argv]
    os.chdir(cwd)
    status: int
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        status = 0
    except SystemExit as stop:
        if isinstance(stop.code, str):
            stderr.write(f"{stop.code}\n")
            status = 1
        else:
            status = stop.code or 0
    except Exception:  # a crash: the traceback, as the interpreter prints it
        traceback.print_exc(file=stderr)
        status = 1
    finally:
        stdout.flush()
        stderr.flush()
        sys.stdout, sys.stderr, sys.argv = saved[:3]
        os.chdir(saved[3])
    return {
        "stdout": stdout.buffer.getvalue().decode("utf-8"),
        "stderr": stderr.buffer.getvalue().decode("utf-8"),
        "status": status,
    }


def main() -> None:
    runs = json.load(sys.stdin)
    results = [run(one["cwd"], one["module"], one["argv"]) for one in runs]
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
