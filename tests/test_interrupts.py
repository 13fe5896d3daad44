"""Ctrl-C and end of input through the command line → exit 130, with the answers so far.

Each run goes through the command line (Typer's runner: arguments, catalog, interview,
the stop question, the answers printed for resuming, the exit code) on shalam, stopping at
the first question, a middle one and the review; only the asker is scripted, through the
terminal the command line is given (click's ``obj``). Stopping at every question of every
shipped questionnaire is tested against the interview loop itself (tests/core/test_interview.py).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import ScriptedAsker, terminal
from triage import cli
from triage.core.model import UNKNOWN

runner = CliRunner()
ENDED = "Inndata tok slutt før intervjuet var ferdig."
#: Where to stop in shalam: the first question, a middle one, and the review after the fifth.
STOPS = [pytest.param(1, id="first"), pytest.param(3, id="middle"), pytest.param(6, id="review")]


def _run(
    monkeypatch: pytest.MonkeyPatch,
    stop_at: int,
    stop: type[BaseException],
    stops: list[bool | type[BaseException]] | None = None,
) -> tuple[int, str, ScriptedAsker]:
    """Run 'triage shalam' answering «Vet ikke» until ``stop`` at step ``stop_at``."""
    asker = ScriptedAsker([*[UNKNOWN] * (stop_at - 1), stop], stops=stops)
    monkeypatch.setenv("TRIAGE_LANG", "nb")
    result = runner.invoke(cli.app, ["shalam"], obj=terminal(asker))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output, asker


def _assert_stopped(
    code: int, output: str, asker: ScriptedAsker, message: str = "Avbrutt."
) -> None:
    assert code == 130, output
    assert "Traceback" not in output
    assert message in output
    ids = [p.question.id for p in asker.prompts]
    for question_id in ids if asker.reviews else ids[:-1]:
        assert f"{question_id}: unknown" in output  # the answers so far, to resume from


@pytest.mark.parametrize("stop_at", STOPS)
def test_ctrl_c_then_stop_exits_130_with_the_answers(
    monkeypatch: pytest.MonkeyPatch, stop_at: int
) -> None:
    """Ctrl-C at a question or the review, then 'stop' and no save: 130, the answers shown."""
    code, output, asker = _run(monkeypatch, stop_at, KeyboardInterrupt)
    _assert_stopped(code, output, asker)
    assert bool(asker.reviews) == (stop_at == 6)
    assert asker.stop_questions == 1
    # Saving is offered once something was answered; declined, there is no second nudge.
    assert (asker.suggested is not None) == (stop_at > 1)
    assert "Lagre dem i en fil" not in output


@pytest.mark.parametrize("stop_at", STOPS[:2])
def test_second_ctrl_c_exits_130_at_once(monkeypatch: pytest.MonkeyPatch, stop_at: int) -> None:
    """A second Ctrl-C at the stop question exits 130 at once, still printing the answers."""
    code, output, asker = _run(monkeypatch, stop_at, KeyboardInterrupt, stops=[KeyboardInterrupt])
    _assert_stopped(code, output, asker)
    assert asker.suggested is None  # no save was offered
    if stop_at > 1:  # so how to save and resume is printed
        assert "Lagre dem i en fil og fortsett med:" in output


@pytest.mark.parametrize("stop_at", STOPS[1:])
def test_end_of_input_after_the_first_question_exits_130(
    monkeypatch: pytest.MonkeyPatch, stop_at: int
) -> None:
    """End of input after an answer exits 130 at once, saying the input ended, not «Avbrutt»."""
    code, output, asker = _run(monkeypatch, stop_at, EOFError)
    _assert_stopped(code, output, asker, ENDED)
    assert "Avbrutt." not in output
    assert asker.stop_questions == 0


def test_end_of_input_before_any_answer_without_a_terminal_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Input that ends before the first answer (e.g. /dev/null) says how to run without one."""
    code, output, _ = _run(monkeypatch, 1, EOFError)
    assert code == 2
    assert "ingen terminal å spørre i: bruk --answers FIL --no-input" in output
    assert "Traceback" not in output
