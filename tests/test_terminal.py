"""The installed command in a real pseudo-terminal, driven with keys as a person would."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

TRIAGE = Path(sys.executable).parent / "triage"


@pytest.fixture
def spawn(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Start the installed 'triage' with arguments in a pty, 100 columns wide."""
    assert TRIAGE.exists(), f"install the package first: {TRIAGE} is missing"
    children = []

    def start(*args: str) -> pexpect.spawn:
        env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100"}
        child = pexpect.spawn(
            str(TRIAGE),
            list(args),
            cwd=str(tmp_path),
            env=env,
            encoding="utf-8",
            timeout=15,
            dimensions=(40, 100),
        )
        children.append(child)
        return child

    yield start
    for child in children:
        child.close(force=True)


def test_shalam_answered_with_keys_gives_the_report(spawn) -> None:  # type: ignore[no-untyped-def]
    """Typing an age and j/n/v shortcuts reaches the report with the outcome and contacts."""
    child = spawn("shalam")
    child.expect("Spørsmål 1 av 5")
    child.expect("Hvor gammel")
    child.send("34\r")
    for _ in range(4):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j")
        child.send("\r")
    child.expect("AKTUELT")
    child.expect("Vidar Gundersen")
    child.expect("Beslutningsstøtte – ikke et vedtak.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_going_back_and_unknown_gives_clarify(spawn) -> None:  # type: ignore[no-untyped-def]
    """Going back with 't' and answering 'v' (Vet ikke) ends in 'Må avklares'."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("40\r")
    child.expect("Spørsmål 2 av 5")
    child.send("t\r")  # back to the age
    child.expect("Spørsmål 1 av 5")
    child.send("\r")  # Enter keeps the preselected 40
    for _ in range(4):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("v\r")
    child.expect("MÅ AVKLARES")
    child.expect("Dette må avklares")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_exits_130_and_keeps_the_answers(spawn) -> None:  # type: ignore[no-untyped-def]
    """Ctrl-C mid-interview exits 130, prints the answers so far, and no traceback."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("52\r")
    child.expect("Spørsmål 2 av 5")
    child.sendintr()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130
    assert "age: 52" in output
    assert "Traceback" not in output


def test_interview_with_output_saves_a_private_note(  # type: ignore[no-untyped-def]
    spawn, tmp_path: Path
) -> None:
    """After a keyed interview with --output the report shows and the note is saved 0600."""
    child = spawn("shalam", "--output", "notat.md")
    child.expect("Hvor gammel")
    child.send("16\r")
    for _ in range(4):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect("IKKE AKTUELT")
    child.expect("Lagret i notat.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    note = tmp_path / "notat.md"
    assert oct(note.stat().st_mode & 0o777) == "0o600"
    assert "- ✗ Over 18 år (18 år eller eldre): ikke oppfylt (svar: 16)" in note.read_text("utf-8")
