"""Ctrl-C and end of input at every question of every shipped questionnaire → exit 130.

Each run goes through the command line (Typer's runner: arguments, catalog, interview,
the stop question, the answers printed for resuming, the exit code); only the asker is
scripted, through the seam cli.py takes it from.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from triage import cli
from triage.core.interview import DONE, Back, Prompt, Review, ReviewReply
from triage.core.model import UNKNOWN, AnswerValue
from triage.load.catalog import Catalog

runner = CliRunner()
SHIPPED = Catalog().files()
ENDED = "Inndata tok slutt før intervjuet var ferdig."


class ScriptedAsker:
    """Answer "Vet ikke" to every question, and raise ``error`` at question ``stop_at``.

    After a Ctrl-C it confirms stopping (or, with ``again``, presses Ctrl-C once more) and
    declines to save the answers.
    """

    def __init__(
        self,
        stop_at: int | None,
        error: type[BaseException] = KeyboardInterrupt,
        *,
        again: bool = False,
    ) -> None:
        self.stop_at = stop_at
        self.error = error
        self.again = again
        self.asked: list[str] = []
        self.stop_questions = 0

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Record the question; answer unknown, or interrupt at the chosen one."""
        self.asked.append(prompt.question.id)
        if len(self.asked) == self.stop_at:
            raise self.error()
        return UNKNOWN

    def review(self, review: Review) -> ReviewReply:
        """Accept the answers (or interrupt here, when the review is the chosen stop)."""
        if self.stop_at == len(self.asked) + 1:
            self.asked.append("<review>")
            raise self.error()
        return DONE

    def confirm_stop(self, lang: str) -> bool:
        """Say yes to stopping, or press Ctrl-C again."""
        self.stop_questions += 1
        if self.again:
            raise KeyboardInterrupt
        return True

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Decline to save."""
        return None


def _run(
    monkeypatch: pytest.MonkeyPatch, questionnaire_id: str, asker: ScriptedAsker
) -> tuple[int, str]:
    monkeypatch.setattr(cli, "_asker", lambda plain: asker)
    monkeypatch.setenv("TRIAGE_LANG", "nb")
    result = runner.invoke(cli.app, [questionnaire_id])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _questions_asked(monkeypatch: pytest.MonkeyPatch, questionnaire_id: str) -> list[str]:
    """Every question the interview asks when each answer is "Vet ikke"."""
    asker = ScriptedAsker(stop_at=None)
    code, output = _run(monkeypatch, questionnaire_id, asker)
    assert code == 0, output
    return asker.asked


def _assert_stopped(code: int, output: str, answered: list[str], message: str = "Avbrutt.") -> None:
    assert code == 130, output
    assert "Traceback" not in output
    assert message in output
    for question_id in answered:
        assert f"{question_id}: unknown" in output  # the answers so far, to resume from


@pytest.mark.parametrize("questionnaire_id", SHIPPED)
def test_ctrl_c_at_every_question_exits_130(
    monkeypatch: pytest.MonkeyPatch, questionnaire_id: str
) -> None:
    """Ctrl-C at question k (and at the review), then 'stop' and no save: 130, the answers."""
    asked = _questions_asked(monkeypatch, questionnaire_id)
    questionnaire = Catalog().load(questionnaire_id)
    assert set(asked) >= {q.id for q in questionnaire.questions}  # every question was reached
    for stop_at in range(1, len(asked) + 2):  # the last one is the review
        asker = ScriptedAsker(stop_at)
        code, output = _run(monkeypatch, questionnaire_id, asker)
        _assert_stopped(code, output, asker.asked[: stop_at - 1])
        assert asker.stop_questions == 1
        # Saving was offered and declined: no second nudge to save.
        assert "Lagre dem i en fil" not in output


@pytest.mark.parametrize("questionnaire_id", SHIPPED)
def test_second_ctrl_c_at_every_question_exits_130_at_once(
    monkeypatch: pytest.MonkeyPatch, questionnaire_id: str
) -> None:
    """A second Ctrl-C at the stop question exits 130 at once, still printing the answers."""
    asked = _questions_asked(monkeypatch, questionnaire_id)
    for stop_at in range(1, len(asked) + 1):
        asker = ScriptedAsker(stop_at, again=True)
        code, output = _run(monkeypatch, questionnaire_id, asker)
        _assert_stopped(code, output, asker.asked[: stop_at - 1])
        if stop_at > 1:  # no save was offered: how to save and resume is printed
            assert "Lagre dem i en fil og fortsett med:" in output


@pytest.mark.parametrize("questionnaire_id", SHIPPED)
def test_end_of_input_after_the_first_question_exits_130(
    monkeypatch: pytest.MonkeyPatch, questionnaire_id: str
) -> None:
    """End of input at question k > 1 exits 130 at once, saying the input ended, not «Avbrutt»."""
    asked = _questions_asked(monkeypatch, questionnaire_id)
    for stop_at in range(2, len(asked) + 1):
        asker = ScriptedAsker(stop_at, EOFError)
        code, output = _run(monkeypatch, questionnaire_id, asker)
        _assert_stopped(code, output, asker.asked[: stop_at - 1], ENDED)
        assert "Avbrutt." not in output
        assert asker.stop_questions == 0


def test_end_of_input_before_any_answer_without_a_terminal_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Input that ends before the first answer (e.g. /dev/null) says how to run without one."""
    code, output = _run(monkeypatch, "shalam", ScriptedAsker(1, EOFError))
    assert code == 2
    assert "ingen terminal å spørre i: bruk --answers FIL --no-input" in output
    assert "Traceback" not in output
