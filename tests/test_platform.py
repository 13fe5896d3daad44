"""Windows desks: the platform-specific branches, run here with the platform faked."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import triage
from tests.conftest import CONTACTS, SMALL
from triage import files, output
from triage.cli import app

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)


@pytest.mark.parametrize(("name", "protects"), [("posix", True), ("nt", False)])
def test_only_posix_modes_keep_others_out(
    monkeypatch: pytest.MonkeyPatch, name: str, protects: bool
) -> None:
    """On Windows (os.name 'nt') a file's mode promises nothing; elsewhere 0600 does."""
    monkeypatch.setattr(os, "name", name)
    answer = files.modes_protect()
    monkeypatch.undo()
    assert answer is protects


@pytest.mark.parametrize(
    ("protects", "said"),
    [
        (True, "(bare lesbar for deg)"),
        (False, "(lesbar for dem som kan lese mappen)"),
    ],
)
def test_saved_note_says_who_can_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, protects: bool, said: str
) -> None:
    """The line after --output promises privacy only where the mode gives it."""
    monkeypatch.setattr(files, "modes_protect", lambda: protects)
    answers = tmp_path / "a.yaml"
    answers.write_text(ALL_MET, encoding="utf-8")
    target = tmp_path / "notat.md"
    result = CliRunner().invoke(
        app, ["shalam", "--answers", str(answers), "--no-input", "--output", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Lagret i {target} {said}.\n"


def test_questionnaire_folders_split_on_the_platforms_separator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TRIAGE_QUESTIONNAIRES splits on ';' where os.pathsep is ';' (Windows), and help says so."""
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        (folder / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (second / "small.yaml").write_text(SMALL, encoding="utf-8")
    monkeypatch.setattr(os, "pathsep", ";")
    monkeypatch.setenv(output.FOLDERS_ENV, f"{first};{second}")
    catalog = output.catalog_in_use(None)
    assert catalog.folders[1:] == (first, second)
    shown = CliRunner().invoke(app, ["list", "--help"], env={"COLUMNS": "200"}).output
    assert "skilt med «;»" in shown


#: What works on one platform only: POSIX-only signals and terminal modules, fixed paths.
NOT_PORTABLE = re.compile(
    r"\b(SIGTSTP|SIGHUP|SIGQUIT|SIGWINCH|SIGCONT|SIGUSR1|SIGUSR2|termios|fcntl|getuid|geteuid)\b"
    r"|\"/dev/|\"/tmp/"
)


def test_the_code_uses_only_portable_signals_and_paths() -> None:
    """triage/ names no POSIX-only signal or module and no fixed Unix path (SIGINT is fine)."""
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(Path(triage.__file__).parent.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if NOT_PORTABLE.search(line)
    ]
    assert found == []
