"""The installed command keeps the verdict in view: closing block, pager, widths, --plain."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

TRIAGE = Path(sys.executable).parent / "triage"
DISCLAIMER = "Beslutningsstøtte – ikke et vedtak."
#: shalam with a minor and an unknown: «Ikke aktuelt», about 35 lines at 100 columns.
ANSWERS = (
    "age: 16\nbelongs_to_kristiansand: unknown\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: false\n"
)
#: placement with one unknown that decides: «Må avklares».
PLACEMENT = (
    "{homeless_without_services: true, social_detox_suitable: false,"
    " needs_shielding_while_waiting: false, motivation_before_tsb: false,"
    " stay_after_treatment: false, needs_medical_detox: unknown,"
    " mental_illness_not_controlled: false, violence_risk_unassessed: false,"
    " needs_specialist_treatment: false}\n"
)


# --------------------------------------------------------------------------- the command


def _fake_pager(tmp_path: Path) -> tuple[str, Path]:
    """Return a $PAGER command that writes what it is given (and $LESS) to a file."""
    script = tmp_path / "pager.py"
    out = tmp_path / "paged.txt"
    script.write_text(
        "import os, pathlib, sys\n"
        f"pathlib.Path({str(out)!r}).write_bytes(sys.stdin.buffer.read())\n"
        f"pathlib.Path({str(out) + '.less'!r}).write_text(os.environ.get('LESS', ''))\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}", out


def _spawn(tmp_path: Path, *args: str, rows: int = 20, pager: str = "cat") -> str:
    """Run triage in a pty ``rows`` high and 100 wide; return all it printed."""
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PAGER": pager}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    child = pexpect.spawn(
        str(TRIAGE),
        list(args),
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(rows, 100),
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


def _run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run triage with stdout a pipe."""
    return subprocess.run(
        [str(TRIAGE), *args],
        cwd=tmp_path,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        check=False,
    )


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "svar.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    return path


def test_long_report_on_a_terminal_goes_through_the_pager(tmp_path: Path, answers: Path) -> None:
    """On a 20-row terminal the report goes to $PAGER whole, with LESS=FRX, not to the screen."""
    pager, out = _fake_pager(tmp_path)
    shown = _spawn(tmp_path, "shalam", "--answers", str(answers), "--no-input", pager=pager)
    paged = re.sub(r"\x1b\[[0-9;]*m", "", out.read_text(encoding="utf-8"))
    assert paged.startswith("╭─ Resultat")
    assert paged.rstrip().endswith(DISCLAIMER)
    less = out.with_name("paged.txt.less").read_text()
    assert less.startswith("-FRX -PsMellomrom\\: neste side")
    assert "Hvorfor" not in shown


def test_no_pager_prints_the_whole_report(tmp_path: Path, answers: Path) -> None:
    """--no-pager prints the report on the terminal and never starts the pager."""
    pager, out = _fake_pager(tmp_path)
    args = ("shalam", "--answers", str(answers), "--no-input", "--no-pager")
    shown = _spawn(tmp_path, *args, pager=pager)
    assert not out.exists()
    assert "Hvorfor" in shown
    assert DISCLAIMER in shown


def test_report_that_fits_the_screen_is_not_paged(tmp_path: Path, answers: Path) -> None:
    """On a screen taller than the report, the pager is not started."""
    pager, out = _fake_pager(tmp_path)
    args = ("shalam", "--answers", str(answers), "--no-input")
    shown = _spawn(tmp_path, *args, rows=100, pager=pager)
    assert not out.exists()
    assert DISCLAIMER in shown


def test_piped_report_is_never_paged_and_has_no_trailing_spaces(
    tmp_path: Path, answers: Path
) -> None:
    """With stdout a pipe the whole report is printed, and no line ends in padding."""
    pager, out = _fake_pager(tmp_path)
    result = _run(tmp_path, "shalam", "--answers", str(answers), "--no-input", PAGER=pager)
    assert result.returncode == 0, result.stderr
    assert not out.exists()
    lines = result.stdout.splitlines()
    assert lines[-1] == DISCLAIMER
    assert [line for line in lines if line != line.rstrip()] == []


def test_long_explain_goes_through_the_pager_and_no_pager_prints_it(tmp_path: Path) -> None:
    """'triage explain' longer than the screen is paged; --no-pager prints it all."""
    pager, out = _fake_pager(tmp_path)
    _spawn(tmp_path, "explain", "placement", pager=pager)
    assert "placement" in out.read_text(encoding="utf-8")
    out.unlink()
    shown = _spawn(tmp_path, "explain", "placement", "--format", "markdown", "--no-pager")
    assert not out.exists()
    assert shown.count("\n") > 100


def test_closing_block_is_the_last_thing_printed(tmp_path: Path) -> None:
    """The report ends with the verdict, the open question and the first contact's phone."""
    path = tmp_path / "placement.yaml"
    path.write_text(PLACEMENT, encoding="utf-8")
    result = _run(tmp_path, "placement", "--answers", str(path), "--no-input", COLUMNS="100")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-6:]
    assert last[0].startswith("Kort fortalt ──")
    assert last[1] == "? MÅ AVKLARES"
    assert last[2] == "Uansett svar: kontakt Per Willy Ormestad, Rusteamet i Kristiansand kommune"
    assert last[3].startswith("Avklar: 1. Trenger personen helsefaglig avrusing")
    assert last[4] == "Ring:   Per Willy Ormestad 469 60 239"
    assert last[5] == DISCLAIMER


@pytest.mark.parametrize(("columns", "widest"), [("0", 40), ("1", 40), ("100000", 160)])
def test_columns_extremes_give_a_whole_readable_report(
    tmp_path: Path, answers: Path, columns: str, widest: int
) -> None:
    """COLUMNS=0 or 1 renders at 40 columns, COLUMNS=100000 at 160, with nothing lost."""
    result = _run(tmp_path, "shalam", "--answers", str(answers), "--no-input", COLUMNS=columns)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert max(len(line) for line in text.splitlines()) <= widest
    assert "IKKE AKTUELT" in text
    assert "469 60 239" in text
    assert "Over 18 år" in text
    assert text.rstrip().endswith(DISCLAIMER)


def test_plain_report_has_no_box_drawing(tmp_path: Path, answers: Path) -> None:
    """--plain prints the result as text a screen reader reads well: no boxes, no columns."""
    args = ("shalam", "--answers", str(answers), "--no-input", "--plain")
    result = _run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert "Resultat: IKKE AKTUELT – Fyller ikke kriteriene" in result.stdout
    assert not set("╭╮╰╯│─") & set(result.stdout)
    assert result.stdout.rstrip().endswith(DISCLAIMER)


def test_cards_option_shows_full_contact_cards(tmp_path: Path, answers: Path) -> None:
    """--cards shows each contact as a card with labels; without it one line each."""
    args = ("shalam", "--answers", str(answers), "--no-input")
    compact = _run(tmp_path, *args, COLUMNS="100").stdout
    cards = _run(tmp_path, *args, "--cards", COLUMNS="100").stdout
    assert "• Per Willy Ormestad, Ruskonsulent, NAV Kristiansand · 469 60 239" in compact
    assert re.search(r"Telefon +469 60 239", cards)
    assert not re.search(r"Telefon +469 60 239", compact)


def test_piped_input_that_runs_out_says_so_and_prints_the_answers(tmp_path: Path) -> None:
    """A pipe that ends mid-interview says the input ended (not «Avbrutt»), with the answers."""
    result = subprocess.run(
        [str(TRIAGE), "shalam"],
        cwd=tmp_path,
        env={**os.environ, "TRIAGE_LANG": "nb"},
        input="34\nj\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        check=False,
    )
    assert result.returncode == 130
    assert "Inndata tok slutt før intervjuet var ferdig." in result.stderr
    assert "Avbrutt" not in result.stderr
    assert "age: 34" in result.stderr
    assert "belongs_to_kristiansand: true" in result.stderr


def test_dumb_terminal_gets_the_plain_text_report(tmp_path: Path, answers: Path) -> None:
    """TERM=dumb asks line by line, and its report is plain text too: no box drawing."""
    result = _run(tmp_path, "shalam", "--answers", str(answers), "--no-input", TERM="dumb")
    assert result.returncode == 0, result.stderr
    assert "IKKE AKTUELT" in result.stdout
    assert "Beslutningsstøtte – ikke et vedtak." in result.stdout
    assert not set("╭╮╰╯│─") & set(result.stdout)
