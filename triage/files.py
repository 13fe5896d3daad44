"""Write what the user asked to keep: atomically and readable only by them.

A file appears complete or not at all: the text goes to a temporary file in the same
folder (created with mode 0600), is flushed to disk, and is then renamed into place. If
anything fails or is interrupted on the way, the temporary file is removed and the target
is left as it was.

Mode 0600 keeps other users out on Linux and macOS. Windows ignores it: there a new file
takes the access list of its folder, and the messages say so (``modes_protect``).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from triage.core.errors import OutputError

#: The longest file name most file systems take, when the system cannot say.
NAME_MAX = 255


def _name_max(folder: Path) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf on Windows
        return NAME_MAX


def _temp_prefix(path: Path) -> str:
    """Return the temporary file's prefix: ``.NAME.`` if that fits the folder, else short."""
    prefix = f".{path.name}."
    # mkstemp adds 8 random characters and the suffix '.tmp'.
    if len(os.fsencode(prefix)) + 12 <= _name_max(path.parent):
        return prefix
    return ".triage."


def modes_protect() -> bool:
    """Tell whether a file's mode keeps other users out: not on Windows, where the folder's
    access list decides who can read a new file."""
    return os.name != "nt"


def check_writable(path: Path, *, overwrite: bool = False) -> None:
    """Raise OutputError unless ``path`` can be written; call it before asking anything.

    Only a regular file (or a symbolic link, which is replaced itself) may be replaced,
    never a device, a pipe or a socket, not even with ``overwrite``.
    """
    folder = path.parent
    try:
        folder_mode = folder.stat().st_mode
    except FileNotFoundError:
        folder_mode = None
    except OSError as error:  # too long, no search permission, a loop of links
        raise OutputError(
            f"cannot write {path}: {error.strerror or error} in {folder} "
            "(choose another folder or a shorter name)"
        ) from None
    if folder_mode is None or not stat.S_ISDIR(folder_mode):
        raise OutputError(
            f"cannot write {path}: the folder {folder} does not exist "
            "(create it first or choose another folder)",
            key="error_no_folder",
            path=path,
            folder=folder,
        )
    if len(os.fsencode(path.name)) > _name_max(folder):
        raise OutputError(
            f"cannot write {path}: the file name is longer than {_name_max(folder)} bytes "
            "(choose a shorter name)",
            key="error_name_too_long",
            path=path,
            limit=_name_max(folder),
        )
    try:
        mode: int | None = path.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(
            f"cannot write {path}: {reason}", key="error_cannot_reach", path=path, reason=reason
        ) from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputError(
                f"cannot write {path}: it is a folder (give a file name)",
                key="error_is_folder",
                path=path,
            )
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise OutputError(
                f"cannot write {path}: it is not a regular file (a device or a pipe); "
                "choose another name",
                key="error_not_regular",
                path=path,
            )
        if not overwrite:
            if stat.S_ISLNK(mode) and not path.exists():
                raise OutputError(
                    f"{path} is a link to a file that does not exist: choose another name, "
                    "or pass --force to replace the link",
                    key="error_dangling_link",
                    path=path,
                )
            raise _exists(path)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write {path}: no permission to write in {folder} (choose another folder)",
            key="error_no_permission",
            path=path,
            folder=folder,
        )


def write_private(path: Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` to ``path`` atomically with mode 0600; refuse to replace unless told.

    Raises:
        OutputError: the folder is missing or not writable, the file exists and
            ``overwrite`` is false, or the disk refused the write.
    """
    check_writable(path, overwrite=overwrite)
    try:
        # mkstemp creates the file with mode 0600 whatever the umask.
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=".tmp")
    except OSError as error:
        raise OutputError(
            f"cannot write {path}: {error.strerror} (choose another folder)",
            key="error_cannot_write",
            path=path,
            reason=error.strerror,
        ) from None
    temp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        _publish(temp, path, overwrite=overwrite)
    except BaseException as error:  # including Ctrl-C: never leave a partial file behind
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(error, OSError):
            reason = error.strerror or error
            raise OutputError(
                f"cannot write {path}: {reason}", key="error_cannot_write", path=path, reason=reason
            ) from None
        raise


def _publish(temp: Path, path: Path, *, overwrite: bool) -> None:
    """Move the finished temporary file to ``path`` in one step."""
    if overwrite:
        # Checked again at the last moment: a device or pipe made meanwhile stays as it is.
        check_writable(path, overwrite=True)
        temp.replace(path)
        return
    try:
        # A hard link fails if the target appeared meanwhile, so nothing is overwritten.
        path.hardlink_to(temp)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:  # no hard links on this file system (e.g. FAT): check, then rename
        if path.exists():
            raise _exists(path) from None
        temp.replace(path)
        return
    temp.unlink()


def _exists(path: Path) -> OutputError:
    return OutputError(
        f"{path} already exists: choose another name, or pass --force",
        key="error_exists",
        path=path,
    )


def free_path(path: Path) -> Path:
    """Return ``path`` if no file has that name, else the first free ``stem-2.suffix``, ..."""
    if not path.exists():
        return path
    number = 2
    while (candidate := path.with_name(f"{path.stem}-{number}{path.suffix}")).exists():
        number += 1
    return candidate
