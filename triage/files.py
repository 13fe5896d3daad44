"""Writing files the user asked for: private (mode 0600) and atomic (temp file + rename).

The tool writes nothing unless the user asks. When they do (saved answers, an exported
report), the file must never be half-written, never readable by others, and never replace a
file by accident. Every writer goes through ``write_private``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

#: The mode of every file the tool writes: read and write for the owner only.
PRIVATE_MODE = 0o600


def write_private(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, readable and writable by the owner only.

    The text goes to a temporary file in the same folder (created 0600), is flushed to disk,
    and then takes the final name in one step, so readers see the old file or the whole new
    one. Without ``overwrite`` an existing file is never replaced.

    Returns the path written.
    Raises FileExistsError if ``path`` exists and ``overwrite`` is false, and OSError if the
    folder cannot be written.
    """
    folder = path.parent
    if not overwrite and path.exists():
        raise FileExistsError(f"{path} already exists")
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        # mkstemp already creates the file 0600 on POSIX; say so explicitly all the same.
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            temp.replace(path)
        else:
            _rename_new(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(folder)
    return path


def _rename_new(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` only if no file has it (atomically where possible)."""
    try:
        # A hard link fails if the name exists, with no window between check and rename.
        os.link(temp, path)
    except FileExistsError:
        raise FileExistsError(f"{path} already exists") from None
    except OSError:
        # Some file systems have no hard links: check, then rename (Windows refuses to
        # rename onto an existing file, so it stays safe there).
        if path.exists():
            raise FileExistsError(f"{path} already exists") from None
        temp.rename(path)
        return
    temp.unlink()


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the new name survives a crash (POSIX only)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def free_path(path: Path) -> Path:
    """Return ``path`` if no file has that name, else the first free ``stem-2.suffix``, ..."""
    if not path.exists():
        return path
    number = 2
    while (candidate := path.with_name(f"{path.stem}-{number}{path.suffix}")).exists():
        number += 1
    return candidate
