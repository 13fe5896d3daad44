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


def test_start_routes_into_shalam_and_reports(spawn) -> None:  # type: ignore[no-untyped-def]
    """'triage start': two router answers hand over to shalam, whose report ends the run."""
    child = spawn("start")
    child.expect("Er personen gravid?")
    child.expect("Vet ikke")
    child.send("n\r")
    child.expect("Hva gjelder saken først og fremst?")
    child.expect("Vet ikke")
    child.send("2\r")
    child.expect("Går videre til «Ut av det")
    child.expect("Spørsmål 1 av 5")
    child.expect("Hvor gammel")
    child.send("34\r")
    for _ in range(4):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect("AKTUELT")
    child.expect("Vidar Gundersen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_bare_triage_offers_the_guide(spawn) -> None:  # type: ignore[no-untyped-def]
    """Bare 'triage' at a terminal offers the guide; Enter starts it; Ctrl-C exits 130."""
    child = spawn()
    child.expect("Vil du starte veiviseren som finner riktig skjema")
    child.expect("Nei")
    child.send("\r")
    child.expect("Hvor skal jeg begynne")
    child.expect("Er personen gravid?")
    child.expect("Vet ikke")
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
