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

#: A line that begins a top-level definition or assignment of a name.
_TOP_LEVEL_NAME = re.compile(
    rb"^(?:(?:async[ \t]+)?def[ \t]+(\w+)|class[ \t]+(\w+)|(\w+)[ \t]*(?::[^=\n]*)?=(?!=))",
    re.MULTILINE,
)

#: Directories no first-party module lives in.
_NOT_SOURCE = frozenset({"__pycache__", "node_modules", "site-packages", "build", "dist"})


class DefinerIndex:
    """Files under the source roots, by the names their top level seems to define."""

    def __init__(self, source_roots: tuple[Path, ...]) -> None:
        self.source_roots = source_roots
        self._files_by_name: dict[str, list[Path]] | None = None

    def candidates(self, name: str) -> list[Path]:
        """The files whose text seems to define ``name`` at the top level (unconfirmed)."""
        if self._files_by_name is None:
            self._files_by_name = _read_roots(self.source_roots)
        return self._files_by_name.get(name, [])


def _read_roots(roots: tuple[Path, ...]) -> dict[str, list[Path]]:
    files_by_name: defaultdict[str, list[Path]] = defaultdict(list)
    for path in _source_files(roots):
        source = read_file(path)
        if source is None:
            continue
        names = {b"".join(found.groups(b"")) for found in _TOP_LEVEL_NAME.finditer(source)}
        for name in names:
            files_by_name[name.decode("ascii")].append(path)
    return dict(files_by_name)


def _source_files(roots: tuple[Path, ...]) -> Iterator[Path]:
    """Each ``.py`` file under the roots once (nested roots overlap), in a stable order,
    skipping hidden directories, virtual environments and caches (and, as ``os.walk``
    does, directories that cannot be listed)."""
    seen: set[str] = set()
    for root in roots:
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(
                entry
                for entry in subdirectories
                if not entry.startswith(".")
                and entry not in _NOT_SOURCE
                and not os.path.exists(os.path.join(directory, entry, "pyvenv.cfg"))
            )
            for file_name in sorted(files):
                if not file_name.endswith(".py"):
                    continue
                path = os.path.join(directory, file_name)
                real = os.path.realpath(path)
                if real not in seen:
                    seen.add(real)
                    yield Path(path)
