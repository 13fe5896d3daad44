"""The verdict stays in view: screen width, trailing spaces and the pager, unit by unit.

The installed command on a terminal and through a pipe is in tests/e2e/test_screen_command.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from triage.render.i18n import t
from triage.screen import (
    MAX_WIDTH,
    MIN_WIDTH,
    less_prompt,
    needs_pager,
    page,
    pager_command,
    pager_environment,
    screen_width,
    trim_lines,
)

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


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("columns", "width"),
    [(0, MIN_WIDTH), (1, MIN_WIDTH), (39, 40), (60, 60), (100, 100), (100_000, MAX_WIDTH)],
)
def test_screen_width_stays_readable(columns: int, width: int) -> None:
    """A width of 0 or 1 becomes 40 and 100,000 becomes 160; sane widths are kept."""
    assert screen_width(columns) == width


def test_a_table_may_be_wider_but_never_narrower() -> None:
    """Without an upper bound a wide table keeps its room; 0 still becomes 40."""
    assert screen_width(400, widest=None) == 400
    assert screen_width(0, widest=None) == MIN_WIDTH


def test_trim_lines_drops_trailing_spaces_but_keeps_colour_codes() -> None:
    """Padding at the end of a line goes; a colour reset there stays, text is untouched."""
    assert trim_lines("a  b   \nc\t \n") == "a  b\nc\n"
    assert trim_lines("\x1b[1mok\x1b[0m   \x1b[0m  \n") == "\x1b[1mok\x1b[0m\x1b[0m\n"


def test_pager_comes_from_triage_pager_then_pager_then_less(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """$TRIAGE_PAGER wins over $PAGER; empty or 'cat' means none; else less if installed."""
    assert pager_command({"TRIAGE_PAGER": "most -s", "PAGER": "less"}) == ["most", "-s"]
    assert pager_command({"PAGER": "less -R"}) == ["less", "-R"]
    assert pager_command({"TRIAGE_PAGER": "", "PAGER": "less"}) is None
    assert pager_command({"PAGER": "cat"}) is None
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert pager_command({}) == ["/usr/bin/less"]
    assert pager_command({"TERM": "dumb"}) is None  # less would stop to warn first
    assert pager_command({"TERM": "dumb", "PAGER": "more"}) == ["more"]
    monkeypatch.setattr("shutil.which", lambda name: None)
    assert pager_command({}, platform="win32") is None  # never Windows' more


def test_windows_pager_path_keeps_its_backslashes() -> None:
    """On Windows a quoted pager path with spaces and backslashes stays one argument."""
    command = pager_command({"PAGER": '"C:\\Program Files\\Git\\usr\\bin\\less.exe"'}, "win32")
    assert command == ['"C:\\Program Files\\Git\\usr\\bin\\less.exe"']


def test_pager_starts_at_the_top_and_keeps_the_text_unless_less_is_set() -> None:
    """The pager gets LESS=FRX (quit if short, colour, screen kept) unless the user set LESS."""
    assert pager_environment({})["LESS"] == "-FRX"
    assert pager_environment({}, "q\\: avslutt")["LESS"] == "-FRX -Psq\\: avslutt$"
    assert pager_environment({"LESS": "-i"}, "q")["LESS"] == "-i"


def test_less_prompt_escapes_its_special_characters() -> None:
    """Colons, dots and question marks show as typed in less's prompt; «(slutt)» at the end."""
    prompt = less_prompt("Mellomrom: neste side, q: avslutt.", "(slutt)")
    assert prompt == "Mellomrom\\: neste side, q\\: avslutt\\.?e (slutt)."


def test_pager_keys_are_ascii_for_less() -> None:
    """less shows its prompt in ASCII only, so the key hints use no other characters."""
    for lang in ("nb", "en"):
        assert t("pager_keys", lang).isascii()
        assert t("pager_end", lang).isascii()


def test_missing_pager_says_so_so_the_text_is_printed(tmp_path: Path) -> None:
    """A pager that cannot be started returns False: the caller prints the text instead."""
    assert page("text\n", [str(tmp_path / "no-such-pager")], "utf-8") is False


def test_pager_that_quits_early_is_no_error() -> None:
    """A reader that quits before the end (q in less) leaves no broken-pipe error behind."""
    quits = [sys.executable, "-c", "pass"]
    assert page("a line of text\n" * 50_000, quits, "utf-8") is True


def test_pager_only_for_text_longer_than_the_screen() -> None:
    """Text that fits above the prompt is printed; one line more goes through the pager."""
    assert not needs_pager("a\n" * 23, 24)
    assert needs_pager("a\n" * 24, 24)
