"""The demo for trainers: picking cases, listing them, and stepping back and forth."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import terminal
from triage.cli import app
from triage.core.errors import UsageError
from triage.load.cases import Case
from triage.render.demo import pick_cases
from triage.render.i18n import localized

CASES = [
    Case("alle kriterier oppfylt", {}, "eligible"),
    Case("akkurat 18 år", {}, "eligible"),
    Case("17 år, ellers alt oppfylt", {}, "not_eligible"),
    Case("bare alder besvart, 17 år", {}, "not_eligible"),
]


@pytest.mark.parametrize(
    ("wanted", "numbers"),
    [
        pytest.param(None, [1, 2, 3, 4], id="all"),
        pytest.param("3", [3], id="number"),
        pytest.param("akkurat 18 år", [2], id="full-name"),
        pytest.param("ALLE", [1], id="part-any-case"),
        pytest.param("17 år", [3], id="part-that-starts-one-name"),
    ],
)
def test_a_case_is_picked_by_number_name_or_part(wanted: str | None, numbers: list[int]) -> None:
    """--case takes a number, the full name, or a part of the name; numbers stay the file's."""
    assert [number for number, _ in pick_cases(CASES, wanted, "shalam")] == numbers


def test_an_ambiguous_part_lists_the_matches() -> None:
    """A part several names share is an error listing each match with its number."""
    with pytest.raises(UsageError) as raised:
        pick_cases(CASES, "år", "shalam")
    assert localized(raised.value, "nb") == (
        "«år» passer flere eksempler: 2) akkurat 18 år; 3) 17 år, ellers alt oppfylt; "
        "4) bare alder besvart, 17 år (velg ett med nummeret)"
    )


def test_no_match_points_to_the_list() -> None:
    """A part no name has, or a number out of range, points to --list."""
    for wanted in ("zzz", "9"):
        with pytest.raises(UsageError, match=r"see: triage demo shalam --list"):
            pick_cases(CASES, wanted, "shalam")


def test_list_prints_the_numbered_cases() -> None:
    """--list prints one numbered case per line and plays nothing."""
    result = CliRunner().invoke(app, ["demo", "shalam", "--list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:2] == ["  1) alle kriterier oppfylt", "  2) akkurat 18 år"]
    assert "Resultat" not in result.output


def _play(keys: str | list[str], *args: str, **changes: Any) -> str:
    """Play the demo as at a terminal, pressing ``keys`` in turn; return what was shown."""
    pressed: Iterator[str] = iter(keys)
    at = terminal(tty=True, getchar=lambda: next(pressed), **changes)
    result = CliRunner().invoke(app, ["demo", "pregnancy", *args], obj=at)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("back", ["<", "t", "\x1b[D", "\xe0K"])
def test_back_shows_the_case_before(back: str) -> None:
    """At a terminal, <, t or the left arrow (POSIX or Windows) goes back one case."""
    shown = _play([" ", back, "q"])
    headings = re.findall(r"Eksempel (\d+) av 13", shown)
    assert headings == ["1", "2", "1"]
    assert "(< forrige, q avslutter)" in shown


def test_back_at_the_first_case_stays_and_the_last_waits() -> None:
    """Back at the first case shows it again; after the last case a key ends the demo."""
    shown = _play(["<", " ", " "], "--case", "1")
    assert re.findall(r"Eksempel (\d+) av 13", shown) == ["1"]  # one case: no pause at all
    shown = _play(["<", *" " * 12, "<", " ", " "])
    assert re.findall(r"Eksempel (\d+) av 13", shown)[:2] == ["1", "1"]
    assert shown.count("Det var det siste eksempelet.") == 2
    assert shown.rstrip().endswith("(< forrige) …")


def test_the_closing_line_speaks_to_the_audience() -> None:
    """A case that matches ends with what the criteria give, not test-runner words."""
    result = CliRunner().invoke(app, ["demo", "shalam", "--case", "1", "--lang", "en"])
    assert "This is the outcome the criteria give." in result.output
    assert "expects" not in result.output


def test_the_screen_is_cleared_between_cases_only_at_a_terminal() -> None:
    """At a terminal each case starts on a clean screen; piped, nothing is cleared."""
    import io

    from rich.console import Console

    cleared: list[int] = []

    class Screen(Console):
        def clear(self, home: bool = True) -> None:
            cleared.append(1)

    def screen() -> Screen:
        return Screen(file=io.StringIO())

    CliRunner().invoke(app, ["demo", "shalam"], obj=terminal(console=screen))
    assert cleared == []
    _play([" ", "q"], console=screen)
    assert len(cleared) == 2


def test_end_of_input_at_the_pause_stops_as_ctrl_c() -> None:
    """Ctrl-D (end of input) while the demo waits exits 130 with 'Avbrutt.', no traceback."""

    def closed() -> str:
        raise EOFError

    result = CliRunner().invoke(app, ["demo", "shalam"], obj=terminal(tty=True, getchar=closed))
    assert result.exit_code == 130
    assert result.stderr.endswith("Avbrutt.\n")
