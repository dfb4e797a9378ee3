"""The plugin and the fixer never crash on real code: every file of the stdlib and site-packages.

Every check is on: deprecated, legacy and compat modules and canonical
symbols that occur in the stdlib, and test discovery under pytest's
defaults (the stdlib's test/ packages). Files that do not parse are fed to
the fixer, which reads files itself; flake8 reports E999 on them and never
calls plugins.
"""

from __future__ import annotations

import ast
import sysconfig
import tokenize
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from flake8_ssot.fix.apply import FileFix, fix_source
from flake8_ssot.model.bindings import summarise
from flake8_ssot.model.skeleton import parse_without_function_bodies
from flake8_ssot.model.source_file import read_source
from flake8_ssot.model.summary_cache import open_cache
from flake8_ssot.model.summary_store import _summarise_file
from flake8_ssot.model.text_scan import all_from_text
from flake8_ssot.rules.rule import Context
from support import all_findings, context_for, fail_on_log

STDLIB = Path(sysconfig.get_paths()["stdlib"])
SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"])
STDLIB_MIGRATION = [
    "--isolated",
    f"--ssot-source-roots={STDLIB}",
    "--ssot-deprecated-modules=asyncio = asyncio.events, json = json.decoder, xml.etree",
    "--ssot-legacy-modules=optparse = argparse, email.mime, imp = importlib ; removed-in 3.12",
    "--ssot-compat-patterns=*_compat, *_compat.*, _compat_*",
    "--ssot-canonical-symbols=json.decoder:JSONDecodeError,"
    "asyncio.exceptions:CancelledError, concurrent.futures._base:Future",
]


def python_files(*roots: Path) -> Iterator[Path]:
    """Every .py file under the roots; a root's own site-packages is left to its venv."""
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            if "site-packages" not in path.relative_to(root).parts:
                yield path


def lint_tree(path: Path, context: Context) -> list[tuple[int, int, str]] | None:
    """What the plugin reports on one file, as flake8 would call it; None if unparsable."""
    try:
        with tokenize.open(path) as handle:
            lines = handle.readlines()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes in test data, etc.
            tree = ast.parse("".join(lines), filename=str(path))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None  # flake8 reports E999 and never calls plugins on these.
    findings = [
        (finding.line, finding.col, f"{finding.code} {finding.text}")
        for finding in all_findings(tree, "".join(lines), str(path), context)
    ]
    for line, col, text in findings:
        assert 1 <= line <= len(lines), (path, line, text)
        assert 0 <= col < len(lines[line - 1]), (path, line, col, text)
    return findings


def fix_file(path: Path, context: Context) -> FileFix | None:
    """What the fixer makes of one file; None if it cannot be read as Python source."""
    try:
        source = read_source(path).text
    except (OSError, UnicodeDecodeError, SyntaxError):
        return None
    result = fix_source(source, str(path), context, lambda code, line: True)
    if result.error is not None:
        assert result.error.startswith("does not compile as it is"), (path, result.error)
    if result.changed:
        again = fix_source(result.fixed, str(path), context, lambda code, line: True)
        assert again.fixed == result.fixed, path
    return result


@pytest.mark.slow
def test_every_stdlib_and_site_packages_file() -> None:
    context = context_for(STDLIB_MIGRATION)
    findings_by_file = {}
    unparsable = 0
    fixed = 0
    for path in python_files(STDLIB, SITE_PACKAGES):
        findings = lint_tree(path, context)
        fix = fix_file(path, context)
        fixed += fix is not None and fix.changed
        if findings is None:
            unparsable += 1
            assert fix is None or fix.error is not None, path
        elif findings:
            findings_by_file[path.relative_to(path.parents[len(path.parents) - 1])] = findings
    texts = [text for findings in findings_by_file.values() for _, _, text in findings]
    assert len(findings_by_file) > 50
    # A relative import inside a package resolves through the stdlib root:
    # asyncio/__main__.py does "from . import futures" (a submodule: fine) and
    # json/tool.py does "import json" (the facade itself).
    json_tool = [f for p, f in findings_by_file.items() if p.parts[-2:] == ("json", "tool.py")]
    assert json_tool and all(text.startswith("SOT101 'json'") for _, _, text in json_tool[0])
    assert any(text.startswith("SOT201 'optparse' is legacy: use argparse") for text in texts)
    assert any("'_compat_pickle' is a compat shim" in text for text in texts)
    assert any(text.startswith("SOT501") for text in texts)
    assert any(text.startswith(("SOT401", "SOT402", "SOT403")) for text in texts)
    assert 0 < unparsable < 100
    # Advice takes no guesses (a name a submodule may replace, a module that writes its
    # namespace): a few stdlib imports are still rewritten.
    assert fixed > 5


@pytest.mark.slow
def test_all_read_from_text_agrees_with_the_parsed_module() -> None:
    """The text shortcut for ``__all__`` (star imports) never disagrees with the tree."""
    read = 0
    for path in python_files(STDLIB, SITE_PACKAGES):
        source = path.read_bytes()
        declared = all_from_text(source)
        if declared is None:
            continue
        tree = quiet_parse(source)
        if tree is None:
            continue
        read += 1
        assert declared == summarise(tree, "module", False, source).declared_all, path
    assert read > 500


@pytest.mark.slow
def test_summaries_read_without_function_bodies_equal_the_whole_parse() -> None:
    """Another module is parsed without its function bodies where the text allows it:
    its summary is the one the whole parse gives, for every module that has one."""
    shortened = 0
    for path in python_files(STDLIB, SITE_PACKAGES):
        source = path.read_bytes()
        tree = quiet_parse(source)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            skeleton_tree = parse_without_function_bodies(source, str(path))
        if tree is None or skeleton_tree is None:
            continue  # nothing left out, or the check failed: the caller parses it whole
        shortened += 1
        whole = summarise(tree, "package.module", False, source)
        assert summarise(skeleton_tree, "package.module", False, source) == whole, path
    assert shortened > 500


@pytest.mark.slow
def test_summaries_kept_in_the_cache_read_back_equal(tmp_path: Path) -> None:
    """Every module's summary, written to the cache and read back, is the one kept."""
    cache = open_cache(tmp_path, fail_on_log)
    assert cache is not None
    kept = 0
    for path in python_files(STDLIB, SITE_PACKAGES):
        source = path.read_bytes()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            summary = _summarise_file("package.module", path, source)
        if summary is None:
            continue
        cache.store("package.module", path, source, summary)
        assert cache.load("package.module", path, source) == summary, path
        kept += 1
    assert kept > 3000


def quiet_parse(source: bytes) -> ast.Module | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes in test data, etc.
        try:
            return ast.parse(source)
        except (SyntaxError, ValueError):
            return None
