"""The installed command in a real pseudo-terminal, driven with keys as a person would."""

from __future__ import annotations

import os
import subprocess
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
        # A pty under pexpect never answers cursor-position requests; without this, prompt_toolkit
        # waits for each answer to time out.
        env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100"}
        env["PROMPT_TOOLKIT_NO_CPR"] = "1"
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
    """Typing an age and j/n/v shortcuts, then confirming the review, reaches the report."""
    child = spawn("shalam")
    child.expect("Spørsmål 1 av 5")
    child.expect("Hvor gammel")
    child.send("34\r")
    for _ in range(4):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j")
        child.send("\r")
    child.expect("Oppsummering av svarene")
    child.expect("Stemmer svarene?")
    child.send("\r")
    child.expect("AKTUELT")
    child.expect("Vidar Gundersen")
    child.expect("Beslutningsstøtte – ikke et vedtak.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_back_and_a_change_in_the_review_change_the_outcome(spawn) -> None:  # type: ignore[no-untyped-def]
    """'<' and 't' go back, answers kept; changing the age in the review changes the result."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("34\r")
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.send("j\r")
    child.expect("Spørsmål 3 av 5")
    child.expect("Vet ikke")
    child.send("t\r")  # back to question 2, where "Ja" is preselected
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.send("<\r")  # back to the age
    child.expect("Spørsmål 1 av 5")
    child.expect(">")
    child.send("\r")  # Enter keeps the preselected 34
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.send("\r")  # Enter keeps the preselected "Ja"
    for _ in range(3):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect("Stemmer svarene?")
    child.send("1\r")  # change the age
    child.expect("Spørsmål 1 av 5")
    child.expect(">")
    child.send("\x7f\x7f17\r")
    child.expect(r"Hvor gammel er personen\?[^\n]*17")
    child.expect("Stemmer svarene?")
    child.send("\r")
    child.expect("IKKE AKTUELT")
    child.expect("Tilbudet gjelder personer over 18 år")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_save_and_resume_gives_the_same_outcome(spawn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Ctrl-C, stop, save (0600) and resuming with --answers end as an uninterrupted run would."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("52\r")
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.send("v\r")
    child.expect("Spørsmål 3 av 5")
    child.expect("Vet ikke")
    child.sendintr()
    child.expect("Vil du avslutte intervjuet?")
    child.send("j\r")
    child.expect("Lagre svarene")
    child.send("\r")
    child.expect("Filnavn")
    child.send("\r")
    child.expect("triage shalam --answers triage-shalam-svar.yaml")
    child.expect(pexpect.EOF)
    assert "Traceback" not in child.before
    child.close()
    assert child.exitstatus == 130
    saved = tmp_path / "triage-shalam-svar.yaml"
    assert saved.stat().st_mode & 0o777 == 0o600
    assert "age: 52\nbelongs_to_kristiansand: unknown\n" in saved.read_text(encoding="utf-8")

    child = spawn("shalam", "--answers", "triage-shalam-svar.yaml")
    child.expect("Spørsmål 3 av 5")
    for _ in range(3):
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect(r"Hvor gammel er personen\?[^\n]*52[^\n]*fil")
    child.expect("Stemmer svarene?")
    child.send("\r")
    child.expect("MÅ AVKLARES")
    child.expect("Har personen sin tilhørighet i Kristiansand kommune?")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_second_ctrl_c_or_ctrl_d_exits_130_at_once(spawn) -> None:  # type: ignore[no-untyped-def]
    """A second Ctrl-C at "stop?", or Ctrl-D at a question, exits 130 with the answers shown."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("52\r")
    child.expect("Spørsmål 2 av 5")
    child.sendintr()
    child.expect("Vil du avslutte intervjuet?")
    child.sendintr()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130
    assert "age: 52" in output
    assert "Traceback" not in output

    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("40\r")
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.sendeof()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130
    assert "age: 40" in output
    assert "Traceback" not in output


def test_plain_mode_through_a_shell_pipe_reaches_the_report(tmp_path: Path) -> None:
    """printf '...' | triage shalam --plain gives the report; an empty stdin exits 2."""
    script = f"printf '34\\nj\\nj\\nj\\nj\\n\\n' | '{TRIAGE}' shalam --plain"
    env = {**os.environ, "COLUMNS": "60"}
    piped = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    assert piped.returncode == 0, piped.stderr
    assert "AKTUELT" in piped.stdout
    assert "Spørsmål 5 av 5" in piped.stderr
    assert "\x1b" not in piped.stdout + piped.stderr
    empty = subprocess.run(
        [str(TRIAGE), "shalam"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert empty.returncode == 2
    assert "ingen terminal å spørre i: bruk --answers FIL --no-input" in empty.stderr


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
    child.expect("Stemmer svarene?")
    child.send("\r")
    child.expect("IKKE AKTUELT")
    child.expect("Lagret i notat.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    note = tmp_path / "notat.md"
    assert oct(note.stat().st_mode & 0o777) == "0o600"
    assert "- ✗ Over 18 år (18 år eller eldre): ikke oppfylt (svar: 16)" in note.read_text("utf-8")


def test_start_routes_into_shalam_and_reports(spawn) -> None:  # type: ignore[no-untyped-def]
    """'triage start': two router answers hand over to shalam, whose report ends the run."""
    child = spawn("start")
    child.expect("Er personen gravid?")
    child.expect("Vet ikke")
    child.send("n\r")
    child.expect("Hva gjelder saken først og fremst?")
    child.expect("Vet ikke")
    child.send("2\r")
    child.expect("Stemmer svarene?")
    child.send("\r")
    child.expect("Går videre til «Ut av det")
    child.expect("Spørsmål 1 av 5")
    child.expect("Hvor gammel")
    child.send("34\r")
    for _ in range(4):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect("Stemmer svarene?")
    child.send("\r")
    child.expect("AKTUELT")
    child.expect("Vidar Gundersen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_bare_triage_offers_the_guide(spawn) -> None:  # type: ignore[no-untyped-def]
    """Bare 'triage' at a terminal offers the guide; Enter starts it; Ctrl-C twice exits 130."""
    child = spawn()
    child.expect("Vil du starte veiviseren som finner riktig skjema")
    child.expect("Nei")
    child.send("\r")
    child.expect("Hvor skal jeg begynne")
    child.expect("Er personen gravid?")
    child.expect("Vet ikke")
    child.sendintr()
    child.expect("Vil du avslutte intervjuet?")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_demo_waits_for_a_key_between_cases(spawn) -> None:  # type: ignore[no-untyped-def]
    """At a terminal the demo pauses after each case; any key goes on, 'q' stops."""
    child = spawn("demo", "pregnancy")
    child.expect("Eksempel 1 av 12")
    child.expect("Trykk en tast for neste eksempel")
    child.send("x")
    child.expect("Eksempel 2 av 12")
    child.expect("Trykk en tast for neste eksempel")
    child.send("q")
    child.expect(pexpect.EOF)
    assert "Eksempel 3 av 12" not in child.before
    child.close()
    assert child.exitstatus == 0
