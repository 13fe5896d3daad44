"""Private, atomic files: mode 0600, temp file + rename, never over an existing file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from triage.files import free_path, write_private

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    """Return the permission bits of a file."""
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_written_file_is_private_and_complete(tmp_path: Path) -> None:
    """The file holds the text, is 0600 even with a lax umask, and no temp file is left."""
    old = os.umask(0o022)
    try:
        path = write_private(tmp_path / "svar.yaml", "age: 34\nnavn: Å\n")
    finally:
        os.umask(old)
    assert path.read_text(encoding="utf-8") == "age: 34\nnavn: Å\n"
    assert mode(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["svar.yaml"]


def test_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    """Without overwrite, an existing file stays as it was and FileExistsError is raised."""
    path = tmp_path / "svar.yaml"
    path.write_text("keep\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_private(path, "new\n")
    assert path.read_text(encoding="utf-8") == "keep\n"
    assert [p.name for p in tmp_path.iterdir()] == ["svar.yaml"]


@posix_only
def test_overwrite_replaces_and_makes_private(tmp_path: Path) -> None:
    """With overwrite, the file is replaced whole and ends up 0600."""
    path = tmp_path / "report.md"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o644)
    write_private(path, "new\n", overwrite=True)
    assert path.read_text(encoding="utf-8") == "new\n"
    assert mode(path) == 0o600


def test_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing fails midway, neither the file nor a temp file remains."""

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_private(tmp_path / "svar.yaml", "age: 34\n")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    """A folder that does not exist raises OSError (the caller says so in one line)."""
    with pytest.raises(FileNotFoundError):
        write_private(tmp_path / "nosuch" / "svar.yaml", "age: 34\n")


def test_free_path_picks_the_next_free_name(tmp_path: Path) -> None:
    """A taken name gets -2, -3, ... before the suffix."""
    path = tmp_path / "triage-shalam-svar.yaml"
    assert free_path(path) == path
    path.write_text("", encoding="utf-8")
    assert free_path(path) == tmp_path / "triage-shalam-svar-2.yaml"
    (tmp_path / "triage-shalam-svar-2.yaml").write_text("", encoding="utf-8")
    assert free_path(path) == tmp_path / "triage-shalam-svar-3.yaml"


def test_without_hard_links_it_still_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without hard links a new name is renamed into place and a taken one still refused."""

    def no_links(source: object, target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = write_private(tmp_path / "svar.yaml", "age: 34\n")
    assert path.read_text(encoding="utf-8") == "age: 34\n"
    with pytest.raises(FileExistsError):
        write_private(path, "age: 35\n")
    assert path.read_text(encoding="utf-8") == "age: 34\n"
    assert [p.name for p in tmp_path.iterdir()] == ["svar.yaml"]
