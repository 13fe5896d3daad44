"""The run use case on its own: no Typer, the asker and the voice passed in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ScriptedAsker
from triage.core.errors import AnswersError, TriageError
from triage.core.model import UNKNOWN
from triage.load.catalog import Catalog
from triage.session import Edge, Request, Session, Stopped


def edge_for(asker: ScriptedAsker, said: list[str], *, terminal: bool = True) -> Edge:
    """Return an edge that asks with ``asker`` and collects everything said in ``said``."""

    def no_screen() -> Any:
        raise AssertionError("shalam hands over to nothing: no panel is printed")

    return Edge(
        make_asker=lambda plain: asker,
        has_terminal=lambda: terminal,
        stdin_is_terminal=lambda: terminal,
        catalog=Catalog,
        screen=no_screen,
        say=said.append,
        line=said.append,
        dumb_terminal=lambda: False,
    )


def test_a_run_returns_the_decision_and_says_nothing_when_nothing_is_saved() -> None:
    """Typed answers come back as a typed result; declining the save offer prints nothing."""
    asker = ScriptedAsker([52, True, True, True, True], offers=[False])
    said: list[str] = []
    result = Session(Request("shalam", "shalam", "nb"), edge_for(asker, said)).run()
    assert result.typed
    assert result.decision.answers["age"] == 52
    assert said == []
    assert asker.offered == ["Lagre svarene i en fil, så du kan fortsette med dem senere?"]


def test_no_input_with_missing_answers_refuses_before_asking(tmp_path: Path) -> None:
    """--no-input with an incomplete answers file raises AnswersError and asks nothing."""
    answers = tmp_path / "svar.yaml"
    answers.write_text("age: 52\n", encoding="utf-8")
    asker = ScriptedAsker([])
    request = Request("shalam", "shalam", "nb", answers_file=answers, no_input=True)
    with pytest.raises(AnswersError, match="--no-input but no answer for"):
        Session(request, edge_for(asker, [])).run()
    assert asker.prompts == []


def test_ctrl_c_then_no_to_saving_prints_the_answers_and_stops() -> None:
    """A confirmed stop, declined save: the answers so far go through the edge, then Stopped."""
    asker = ScriptedAsker([52, UNKNOWN, KeyboardInterrupt])
    said: list[str] = []
    with pytest.raises(Stopped):
        Session(Request("shalam", "shalam", "nb"), edge_for(asker, said)).run()
    assert "age: 52\nbelongs_to_kristiansand: unknown" in "\n".join(said)


def test_a_failing_report_after_typed_answers_prints_them_and_names_the_error() -> None:
    """Session.deliver: a bug in showing the result keeps typed answers, then a one-line error."""
    asker = ScriptedAsker([52, True, True, True, True], offers=[False])
    said: list[str] = []
    session = Session(Request("shalam", "shalam", "nb"), edge_for(asker, said))
    result = session.run()

    def broken(shown: object) -> None:
        raise ValueError("boom")

    with pytest.raises(TriageError, match=r"ValueError: boom"):
        session.deliver(result, broken)
    assert "age: 52" in "\n".join(said)
    assert "  triage shalam --answers FIL" in said


def test_a_failing_report_without_typed_answers_surfaces_as_it_is(tmp_path: Path) -> None:
    """Session.deliver: with nothing typed an unexpected error is a bug, not hidden or reworded."""
    answers = tmp_path / "svar.yaml"
    answers.write_text(
        "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
        "wants_change: true\ncopes_with_withdrawal: true\n",
        encoding="utf-8",
    )
    said: list[str] = []
    request = Request("shalam", "shalam", "nb", answers_file=answers, no_input=True)
    session = Session(request, edge_for(ScriptedAsker([]), said))
    result = session.run()

    def broken(shown: object) -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        session.deliver(result, broken)
    assert said == []
