"""Files the commands write for the user (a baseline, a chart, a config file): whole or
not at all, through a temporary file and one rename, keeping the file's mode."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def replace_text(target: Path, text: str) -> None:
    """Write ``text`` as UTF-8 (its LF line ends on every system) over ``target``."""
    replace_bytes(target, text.encode("utf-8"))


def replace_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` over ``target`` in one rename, keeping its mode; OSError when it
    cannot be written. Through a symlink the file it points to is replaced, and the link
    stays (a config file kept in a dotfiles repository, say)."""
    target = Path(os.path.realpath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".ssot.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The file's own mode, or what a new file gets under the umask (it is committed and
    read by CI, often as another user: never the temporary file's 0600)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
