"""Which first-party modules define a name at their top level, found without an import.

Asked only for a name that a facade does not provide at all (an import of
it fails at run time), to say where it lives now. The answer needs every
module of the project, so the source roots are read once per process into
an index of the names each file's lines begin by defining, and only the
files that index names are summarised to confirm it.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from flake8_ssot.model.file_system import read_file

# Each pattern has one group, so ``findall`` hands the names over without a Python
# object per match: the tree's every line is scanned.
#: A line that begins a top-level definition, or assignment, of a name.
_TOP_LEVEL_DEFINITION = re.compile(rb"^(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)", re.MULTILINE)
_TOP_LEVEL_ASSIGNMENT = re.compile(rb"^(\w+)[ \t]*(?::[^=\n]*)?=(?!=)", re.MULTILINE)
#: Another module setting a module's attribute: ``facade.X = 1``, ``setattr(m, "X", 1)``.
_ATTRIBUTE_WRITE = re.compile(rb"\.[ \t]*(\w+)[ \t]*=(?!=)")
_SETATTR_NAME = re.compile(rb"setattr\([^,()]*,[ \t]*['\"](\w+)['\"]")

#: Directories no first-party module lives in.
_NOT_SOURCE = frozenset({"__pycache__", "node_modules", "site-packages", "build", "dist"})


class DefinerIndex:
    """Files under the source roots, by the names their top level seems to define."""

    def __init__(self, source_roots: tuple[Path, ...]) -> None:
        self.source_roots = source_roots
        self._read: tuple[dict[str, list[Path]], frozenset[str]] | None = None

    def candidates(self, name: str) -> list[Path]:
        """The files whose text seems to define ``name`` at the top level (unconfirmed)."""
        return self._index()[0].get(name, [])

    def set_as_attribute(self, name: str) -> bool:
        """Whether some file may set ``name`` on a module from outside it (``m.name = ...``,
        ``setattr(m, "name", ...)``): then a module that does not bind it may still have it."""
        return name in self._index()[1]

    def _index(self) -> tuple[dict[str, list[Path]], frozenset[str]]:
        if self._read is None:
            self._read = _read_roots(self.source_roots)
        return self._read


def _read_roots(roots: tuple[Path, ...]) -> tuple[dict[str, list[Path]], frozenset[str]]:
    files_by_name: defaultdict[str, list[Path]] = defaultdict(list)
    attributes: set[bytes] = set()
    for path in _source_files(roots):
        source = read_file(path)
        if source is None:
            continue
        names = {*_TOP_LEVEL_DEFINITION.findall(source), *_TOP_LEVEL_ASSIGNMENT.findall(source)}
        for name in names:
            files_by_name[name.decode("ascii")].append(path)
        attributes.update(_ATTRIBUTE_WRITE.findall(source))
        if b"setattr" in source:
            attributes.update(_SETATTR_NAME.findall(source))
    return dict(files_by_name), frozenset(name.decode("ascii") for name in attributes)


def _source_files(roots: tuple[Path, ...]) -> Iterator[Path]:
    """Each ``.py`` file under the roots once, in a stable order, skipping hidden
    directories, virtual environments and caches (and, as ``os.walk`` does, directories
    that cannot be listed). A root inside another is walked as part of it: nested roots
    are how files would come twice (``os.walk`` follows no directory symlink)."""
    outermost = [root for root in roots if not any(other in root.parents for other in roots)]
    for root in sorted(set(outermost)):
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(
                entry
                for entry in subdirectories
                if not entry.startswith(".")
                and entry not in _NOT_SOURCE
                and not os.path.exists(os.path.join(directory, entry, "pyvenv.cfg"))
            )
            for file_name in sorted(files):
                if file_name.endswith(".py"):
                    yield Path(directory, file_name)
