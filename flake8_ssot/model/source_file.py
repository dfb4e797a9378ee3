"""One source file on disk: read as Python reads it, written back without losing anything.

A rewrite must never cost the user an edit, an owner, a mode or a hard
link, and no reader may ever see half a file: the new text goes to a
temporary file beside the old one, gets the old one's owner and mode, and
replaces it in one rename, and only if the file still holds what was read.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import tokenize
from pathlib import Path
from typing import NamedTuple

from flake8_ssot.model.file_system import read_regular


class NotWritten(Exception):
    """Why a file was left as it is although its new text was ready."""


class SourceFile(NamedTuple):
    """A file's text and encoding as Python reads them (BOM, coding cookie), and its bytes."""

    path: Path
    data: bytes
    text: str
    encoding: str

    def encode(self, text: str) -> bytes:
        """``text`` in the file's own encoding (and BOM), or why it cannot be.

        The bytes must also declare that encoding: a comment moved up from
        inside an import could become a coding cookie on line 1 or 2.
        """
        try:
            data = text.encode(self.encoding)
        except UnicodeEncodeError as error:
            word = next(
                match.group()
                for match in re.finditer(r"(?s)[\w.]+|.", text)
                if match.start() <= error.start < match.end()
            )
            raise NotWritten(
                f"{word!r} cannot be written in the file's encoding ({self.encoding}); "
                "left unchanged"
            ) from error
        try:
            declared = _encoding(data)
        except SyntaxError:
            declared = None
        if declared != self.encoding:
            raise NotWritten(
                "a comment moved to the first lines would change the file's declared "
                "encoding; left unchanged"
            )
        return data


def read_source(path: Path) -> SourceFile:
    """The file as Python reads it (BOM, PEP 263 cookie).

    Raises OSError, SyntaxError (a bad cookie), LookupError (an unknown
    codec) or UnicodeDecodeError: each is one file's reason, not the run's.
    """
    data = read_regular(path)
    encoding = _encoding(data)
    return SourceFile(path, data, data.decode(encoding), encoding)


def _encoding(data: bytes) -> str:
    """The encoding Python reads these bytes in (BOM, PEP 263 cookie); SyntaxError if bad."""
    return tokenize.detect_encoding(io.BytesIO(data).readline)[0]


def write_atomically(source: SourceFile, data: bytes) -> None:
    """Replace the file's bytes with ``data`` in one rename, keeping what the file system holds.

    Through a symlink the target is written and the link stays. A file with
    several hard links is left alone (a rename would split them, and writing
    in place would not be atomic). Raises NotWritten, or OSError.
    """
    path = source.path.resolve()
    status = path.stat()
    if status.st_nlink > 1:
        raise NotWritten(
            f"it has {status.st_nlink} hard links, which a rename would split; left unchanged"
        )
    # A short name: the file's own name may already be as long as the system allows.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ssot-fix.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_owner(temporary, status)
        os.chmod(temporary, status.st_mode & 0o7777)  # after chown, which clears set-id bits
        if read_regular(path) != source.data:
            raise NotWritten("the file changed on disk while fix ran; left as it is now")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _keep_owner(temporary: str, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group (root may; others only their groups)."""
    new = os.stat(temporary)
    if (new.st_uid, new.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        raise NotWritten(
            f"it belongs to {status.st_uid}:{status.st_gid}, which this user cannot keep; "
            "left unchanged"
        ) from None
