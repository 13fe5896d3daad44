"""Private files: written atomically with mode 0600, never overwritten unless asked."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from triage.core.errors import OutputError, TriageError
from triage.files import check_writable, free_path, write_private


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_written_file_has_mode_0600_and_the_text(tmp_path: Path) -> None:
    """The file holds exactly the text and only its owner can read or write it."""
    target = tmp_path / "note.md"
    old_umask = os.umask(0o022)  # a permissive umask must not widen the mode
    try:
        write_private(target, "Beslutningsstøtte – ikke et vedtak.\n")
    finally:
        os.umask(old_umask)
    assert target.read_text(encoding="utf-8") == "Beslutningsstøtte – ikke et vedtak.\n"
    assert _mode(target) == 0o600
    assert _leftovers(tmp_path) == ["note.md"]


def test_existing_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    """Without overwrite an existing file is an OutputError and keeps its content."""
    target = tmp_path / "note.md"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_private(target, "new")
    assert caught.value.message == f"{target} already exists: choose another name, or pass --force"
    assert isinstance(caught.value, TriageError)
    assert caught.value.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == ["note.md"]


def test_overwrite_replaces_the_file_and_makes_it_private(tmp_path: Path) -> None:
    """With overwrite the file is replaced, and a world-readable old file becomes 0600."""
    target = tmp_path / "note.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    write_private(target, "new", overwrite=True)
    assert target.read_text(encoding="utf-8") == "new"
    assert _mode(target) == 0o600


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    """A target in a folder that does not exist names the folder and what to do."""
    target = tmp_path / "nope" / "note.md"
    with pytest.raises(OutputError) as caught:
        write_private(target, "x")
    assert caught.value.message == (
        f"cannot write {target}: the folder {target.parent} does not exist "
        "(create it first or choose another folder)"
    )


def test_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    """Writing to a path that is a folder is an error even with overwrite."""
    with pytest.raises(OutputError, match="it is a folder"):
        write_private(tmp_path, "x", overwrite=True)


def test_folder_without_write_permission_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the user may not write in is reported before anything is written."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    target = tmp_path / "note.md"
    with pytest.raises(OutputError) as caught:
        check_writable(target)
    assert caught.value.message == (
        f"cannot write {target}: no permission to write in {tmp_path} (choose another folder)"
    )


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere"
)
def test_read_only_folder_for_real(tmp_path: Path) -> None:
    """A real read-only folder gives the permission error and leaves no file."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="no permission to write"):
            write_private(folder / "note.md", "x")
    finally:
        folder.chmod(0o700)
    assert _leftovers(folder) == []


def test_temp_file_refused_by_the_system_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the system refuses the temporary file, the error says why in one line."""

    def refuse(**_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=r"cannot write .*: Permission denied"):
        write_private(tmp_path / "note.md", "x")


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        pytest.param(OSError(28, "No space left on device"), OutputError, id="disk-full"),
        pytest.param(KeyboardInterrupt(), KeyboardInterrupt, id="ctrl-c"),
    ],
)
@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "replacing"])
def test_failure_midway_leaves_no_partial_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: BaseException,
    expected: type[BaseException],
    existing: bool,
) -> None:
    """A write that fails after half the text leaves the target as it was and no temp file."""
    target = tmp_path / "note.md"
    if existing:
        target.write_text("old", encoding="utf-8")
    real_fdopen = os.fdopen
    seen: list[tuple[str, int]] = []

    class HalfWriter:
        """A file that writes half of the text and then fails."""

        def __init__(self, handle: int, *args: object, **kwargs: object) -> None:
            self.file = real_fdopen(handle, *args, **kwargs)  # type: ignore[call-overload]

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, text: str) -> None:
            self.file.write(text[: len(text) // 2])
            self.file.flush()
            seen.extend((p.name, p.stat().st_size) for p in tmp_path.iterdir())
            raise failure

    monkeypatch.setattr(os, "fdopen", HalfWriter)
    with pytest.raises(expected):
        write_private(target, "half of a long note " * 1000, overwrite=True)
    partial = [(name, size) for name, size in seen if name != "note.md"]
    assert partial
    assert partial[0][1] == 10_000
    assert _leftovers(tmp_path) == (["note.md"] if existing else [])  # ... which is gone
    if existing:
        assert target.read_text(encoding="utf-8") == "old"


def test_file_appearing_while_writing_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If someone creates the file between the check and the rename, it is kept."""
    target = tmp_path / "note.md"
    real_fsync = os.fsync

    def create_meanwhile(fd: int) -> None:
        real_fsync(fd)
        target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", create_meanwhile)
    with pytest.raises(OutputError, match="already exists"):
        write_private(target, "mine")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert _leftovers(tmp_path) == ["note.md"]


def test_without_hard_links_the_file_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links the file is renamed into place instead."""

    def no_links(self: Path, target: Path) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "hardlink_to", no_links)
    target = tmp_path / "note.md"
    write_private(target, "text")
    assert target.read_text(encoding="utf-8") == "text"
    assert _mode(target) == 0o600
    assert _leftovers(tmp_path) == ["note.md"]


def test_free_path_picks_the_next_free_name(tmp_path: Path) -> None:
    """A taken name gets -2, -3, ... before the suffix."""
    path = tmp_path / "triage-shalam-svar.yaml"
    assert free_path(path) == path
    path.write_text("", encoding="utf-8")
    assert free_path(path) == tmp_path / "triage-shalam-svar-2.yaml"
    (tmp_path / "triage-shalam-svar-2.yaml").write_text("", encoding="utf-8")
    assert free_path(path) == tmp_path / "triage-shalam-svar-3.yaml"
