"""The installed command in a real pseudo-terminal, driven with keys as a person would."""

from __future__ import annotations

import io
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


def decline_to_save(child: pexpect.spawn) -> None:
    """Say no to the offer, after a finished interview, to save the answers."""
    child.expect("Lagre svarene i en fil, så du kan fortsette med dem senere?")
    child.expect("Nei")
    child.send("n\r")


def decline_settled_result(child: pexpect.spawn) -> None:
    """Say no to «Resultatet er avgjort … Vis resultatet nå?»: go on with the questions."""
    child.expect("Resultatet er avgjort")
    child.expect("Nei")
    child.send("n\r")


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
    child.send("j\r")
    decline_to_save(child)
    child.expect("AKTUELT")
    child.expect("Vidar Gundersen")
    child.expect("Beslutningsstøtte – ikke et vedtak.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_enter_alone_never_answers_a_question(spawn) -> None:  # type: ignore[no-untyped-def]
    """Twenty Enters at question 1, and twenty more at question 2, answer nothing."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("\r" * 20)
    child.expect("Ingenting skrevet ennå")
    child.send("34\r")
    child.expect("Spørsmål 2 av 5")
    assert "Spørsmål 2" not in child.before
    child.expect("Vet ikke")
    child.send("\r" * 20)
    child.expect("Ingenting er valgt ennå")
    child.send("n\r")
    child.expect(r"Kristiansand kommune\?[^\n]*Nei")
    decline_settled_result(child)
    child.expect("Spørsmål 3 av 5")
    child.expect("Vet ikke")
    child.sendeof()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130
    assert "age: 34\r\nbelongs_to_kristiansand: false\r\n" in output
    assert "true" not in output


def test_back_and_enter_keep_the_earlier_answer(spawn) -> None:  # type: ignore[no-untyped-def]
    """After '<' back to an answered question, Enter keeps its earlier answer."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("34\r")
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.send("n\r")
    decline_settled_result(child)
    child.expect("Spørsmål 3 av 5")
    child.expect("Vet ikke")
    child.send("<\r")
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.send("\r")
    child.expect("Spørsmål 3 av 5")
    child.expect("Vet ikke")
    child.sendeof()
    child.expect(pexpect.EOF)
    output = child.before
    child.close()
    assert child.exitstatus == 130
    assert "belongs_to_kristiansand: false\r\n" in output
    assert "Resultatet er avgjort" not in output  # offered once per interview


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
    child.send("j\r")
    decline_to_save(child)
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
    child.send("j\r")
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
    child.expect("Vil du svare på de spørsmålene på nytt?")
    child.expect("Nei")
    child.send("n\r")
    child.expect("Spørsmål 3 av 5")
    for _ in range(3):
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect(r"Hvor gammel er personen\?[^\n]*52[^\n]*fil")
    child.expect("Stemmer svarene?")
    child.send("j\r")
    decline_to_save(child)
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
    script = f"printf '34\\nj\\nj\\nj\\nj\\nj\\n' | '{TRIAGE}' shalam --plain"
    env = {**os.environ, "COLUMNS": "60"}
    piped = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, cwd=tmp_path, env=env, check=False
    )
    assert piped.returncode == 0, piped.stderr
    assert "AKTUELT" in piped.stdout
    assert "Beslutningsstøtte – ikke et vedtak." in piped.stdout
    assert "Spørsmål" not in piped.stdout
    assert "Spørsmål 5 av 5" in piped.stderr
    assert "Oppsummering av svarene:" in piped.stderr
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
    """Age 16 settles it: yes to «Vis resultatet nå?» shows the report and saves the note 0600."""
    child = spawn("shalam", "--output", "notat.md")
    child.expect("Hvor gammel")
    child.send("16\r")
    child.expect("Resultatet er avgjort: IKKE AKTUELT")
    child.expect("Vis resultatet nå?")
    child.expect("Nei")
    child.send("j\r")
    decline_to_save(child)
    child.expect("IKKE AKTUELT")
    child.expect("Lagret i notat.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    note = tmp_path / "notat.md"
    assert oct(note.stat().st_mode & 0o777) == "0o600"
    assert "- ✗ Over 18 år (18 år eller eldre): ikke oppfylt (svar: 16)" in note.read_text("utf-8")


def test_start_routes_into_shalam_and_reports(spawn) -> None:  # type: ignore[no-untyped-def]
    """'triage start': two router answers hand over to shalam (no review between), then a report."""
    child = spawn("start")
    child.expect("Er personen gravid?")
    child.expect("Vet ikke")
    child.send("n\r")
    child.expect("Hva gjelder saken først og fremst?")
    child.expect("Vet ikke")
    child.send("2\r")  # a hand-over: no review of the router's two answers
    child.expect("Går videre til «Ut av det")
    assert "Stemmer svarene?" not in child.before
    child.expect("Spørsmål 1 av 5")
    child.expect("Hvor gammel")
    child.send("34\r")
    for _ in range(4):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect("Stemmer svarene?")
    child.send("j\r")
    decline_to_save(child)
    child.expect("AKTUELT")
    child.expect("Vidar Gundersen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_bare_triage_offers_the_guide(spawn) -> None:  # type: ignore[no-untyped-def]
    """Bare 'triage' offers the guide; Enter alone does nothing, j starts it; Ctrl-C twice: 130."""
    child = spawn()
    child.expect("Vil du starte veiviseren som finner riktig skjema")
    child.expect("Nei")
    child.send("\r")
    child.expect("Ingenting er valgt ennå")
    child.send("j\r")
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
    child.expect("Eksempel 1 av 13")
    child.expect("Trykk en tast for neste eksempel")
    child.send("x")
    child.expect("Eksempel 2 av 13")
    child.expect("Trykk en tast for neste eksempel")
    child.send("q")
    child.expect(pexpect.EOF)
    assert "Eksempel 3 av 13" not in child.before
    child.close()
    assert child.exitstatus == 0


def test_start_goes_on_without_pregnancy_and_back_into_the_router(  # type: ignore[no-untyped-def]
    spawn, tmp_path: Path
) -> None:
    """«Vet ikke» on pregnancy goes on to shalam; '<' there returns to the router and on again."""
    child = spawn("start")
    child.expect("Er personen gravid?")
    child.expect("Vet ikke")
    child.send("v\r")
    child.expect("Hva gjelder saken først og fremst?")
    child.expect("Vet ikke")
    child.send("2\r")
    child.expect("Går videre til «Ut av det")
    child.expect("Ikke avklart")
    child.expect("Spørsmål 1 av 5")
    child.expect(">")
    child.send("<\r")  # back into the router, at its last question
    child.expect("Hva gjelder saken først og fremst?")
    child.expect(r"» (\x1b\[[0-9;]*m)*2\) Ønsker døgnopphold")  # the answer given is preselected
    child.send("3\r")
    child.expect("Går videre til «Sosialfaglige rehabiliteringsplasser")
    child.expect("Spørsmål 1 av")
    child.sendintr()
    child.expect("Vil du avslutte intervjuet?")
    child.send("j\r")
    child.expect("Lagre svarene")
    child.send("j\r")
    child.expect("Filnavn")
    child.send("\r")
    child.expect("triage start --answers triage-start-svar.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = (tmp_path / "triage-start-svar.yaml").read_text(encoding="utf-8")
    assert "pregnant: unknown\n" in saved
    assert 'situation: "residential_place"\n' in saved


def test_a_finished_interview_offers_to_save_and_resume(  # type: ignore[no-untyped-def]
    spawn, tmp_path: Path
) -> None:
    """At the end the answers can be saved (0600); the resume run offers to re-ask «Vet ikke»."""
    child = spawn("shalam")
    child.expect("Hvor gammel")
    child.send("34\r")
    child.expect("Spørsmål 2 av 5")
    child.expect("Vet ikke")
    child.send("v\r")
    for _ in range(3):
        child.expect(r"Spørsmål \d av 5")
        child.expect("Vet ikke")
        child.send("j\r")
    child.expect("Stemmer svarene?")
    child.send("j\r")
    child.expect("Lagre svarene i en fil, så du kan fortsette med dem senere?")
    child.expect("Nei")
    child.send("j\r")
    child.expect("Filnavn")
    child.send("\r")
    child.expect("triage shalam --answers triage-shalam-svar.yaml")
    child.expect("MÅ AVKLARES")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = tmp_path / "triage-shalam-svar.yaml"
    assert saved.stat().st_mode & 0o777 == 0o600

    child = spawn("shalam", "--answers", "triage-shalam-svar.yaml")
    child.expect("Vil du svare på de spørsmålene på nytt?")
    child.expect("Nei")
    child.send("j\r")
    child.expect("Har personen sin tilhørighet i Kristiansand kommune?")
    child.expect(r"» (\x1b\[[0-9;]*m)*v\) Vet ikke")  # the earlier answer is preselected
    child.send("j\r")
    child.expect("Stemmer svarene?")
    child.send("j\r")
    decline_to_save(child)
    child.expect("AKTUELT")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


HOSTILE_YAML = r"""id: evil
version: "1"
title: {nb: "T \e]52;c;VA==\e\\ \e[2J [link=https://evil.example]t[/link] \u202ex"}
description: Ond.
source: {pages: [page]}
questions:
  - id: yn
    kind: yes_no
    text: {nb: "Q1 \e]52;c;UTE=\a \e[2J \e]8;;https://evil.example\e\\l\e]8;;\e\\ \u202eevil\u202c"}
    help: {nb: "H \e]52;c;SA==\a"}
  - id: pick
    kind: choice
    text: {nb: "Q2 \u200b\e]52;c;UTI=\a"}
    choices:
      - {value: a, text: {nb: "A \e]52;c;QQ==\e\\ [link=https://evil.example]c[/link]"}}
      - {value: b, text: {nb: "B"}}
outcomes:
  - {id: o, level: information, title: {nb: "O \e]52;c;Tw==\a"}, summary: O., when: true,
     contacts: [team]}
"""

HOSTILE_CONTACTS = """\
sources:
  - {id: page, title: {nb: Testside}, publisher: Testkommune, published: 2015-12-08}
contacts:
  - {id: team, name: Teamet, role: {nb: Team}, organisation: Testkommune, phone: "38055555",
     source: page, checked: 2026-11-23}
"""


@pytest.mark.parametrize("mode", [[], ["--plain"]], ids=["terminal", "plain"])
def test_hostile_questionnaire_sends_no_escape_to_the_terminal(  # type: ignore[no-untyped-def]
    spawn, tmp_path: Path, mode: list[str]
) -> None:
    """OSC 52 / OSC 8 / clear-screen and bidi from a questionnaire never reach the terminal."""
    folder = tmp_path / "evil"
    folder.mkdir()
    (folder / "evil.yaml").write_text(HOSTILE_YAML, encoding="utf-8")
    (folder / "contacts.yaml").write_text(HOSTILE_CONTACTS, encoding="utf-8")
    child = spawn("evil", "--questionnaires", "evil", *mode)
    transcript = io.StringIO()
    child.logfile_read = transcript
    child.expect("Q1")
    child.expect("Vet ikke")
    child.send("j\r")
    child.expect("Resultatet er avgjort")
    child.expect("Nei")
    child.send("n\r")
    child.expect("Q2")
    child.expect("Vet ikke")
    child.send("1\r")
    child.expect("Stemmer svarene|svarene stemmer")
    child.send("j\r")
    child.expect("Lagre svarene i en fil")
    child.send("n\r")
    child.expect(pexpect.EOF)
    child.close()
    seen = transcript.getvalue()
    assert child.exitstatus == 0, seen
    assert "evil.example" in seen  # the texts were shown, inert
    for raw in ("\x1b]52", "\x1b]8", "\x1b[2J", "\u202e", "\u200b", "\x07"):
        assert raw not in seen
