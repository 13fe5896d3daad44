"""The interview loop over a scripted asker: order, back, defaults, interruptions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from triage.interview import BACK, Back, Interrupted, Prompt, run_interview
from triage.model import UNKNOWN, AnswerValue, Questionnaire

Reply = AnswerValue | Back | type[BaseException]


class ScriptedAsker:
    """Reply from a script, recording every prompt it was shown."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.prompts: list[Prompt] = []

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Return the next scripted reply, or raise it if it is an exception type."""
        self.prompts.append(prompt)
        reply = self.replies.pop(0)
        if isinstance(reply, type) and issubclass(reply, BaseException):
            raise reply()
        assert not isinstance(reply, type)
        return reply


def test_interview_asks_each_question_in_order(small: Questionnaire) -> None:
    """Every question is asked once, numbered against the flow, and the answers returned."""
    asker = ScriptedAsker([34, True, UNKNOWN])
    assert run_interview(small, asker) == {"age": 34, "resident": True, "wants": UNKNOWN}
    assert [(p.question.id, p.number, p.total) for p in asker.prompts] == [
        ("age", 1, 3),
        ("resident", 2, 3),
        ("wants", 3, 3),
    ]
    assert [p.can_go_back for p in asker.prompts] == [False, True, True]


def test_back_returns_to_previous_question_with_answer_preselected(small: Questionnaire) -> None:
    """Going back re-asks the previous question with the earlier answer as default."""
    asker = ScriptedAsker([34, BACK, 35, True, BACK, False, True])
    assert run_interview(small, asker) == {"age": 35, "resident": False, "wants": True}
    asked = [(p.question.id, p.default) for p in asker.prompts]
    assert asked == [
        ("age", None),
        ("resident", None),
        ("age", 34),
        ("resident", None),
        ("wants", None),
        ("resident", True),
        ("wants", None),
    ]


def test_given_answers_are_not_asked_again(small: Questionnaire) -> None:
    """Answers from a file are kept; only what is missing is asked."""
    asker = ScriptedAsker([True])
    answers = run_interview(small, asker, {"age": 40, "resident": UNKNOWN})
    assert answers == {"age": 40, "resident": UNKNOWN, "wants": True}
    assert [p.question.id for p in asker.prompts] == ["wants"]
    assert asker.prompts[0].number == 3


@pytest.mark.parametrize(
    ("error", "eof"),
    [pytest.param(KeyboardInterrupt, False, id="ctrl-c"), pytest.param(EOFError, True, id="eof")],
)
def test_interruption_keeps_answers_so_far(
    small: Questionnaire, error: type[BaseException], eof: bool
) -> None:
    """Ctrl-C or end of input raises Interrupted carrying every answer given so far."""
    asker = ScriptedAsker([34, error])
    with pytest.raises(Interrupted) as raised:
        run_interview(small, asker)
    assert raised.value.answers == {"age": 34}
    assert raised.value.eof is eof


def test_flow_count_follows_answers(build: Callable[[str], Questionnaire]) -> None:
    """The 'of N' total shrinks when an answer makes later questions not apply."""
    questionnaire = build(
        """\
        id: flowing
        title: Flyt
        description: Flyt.
        version: "1"
        source: {pages: [page]}
        questions:
          - {id: a, kind: yes_no, text: A}
          - {id: b, kind: yes_no, text: B, when: a}
          - {id: c, kind: yes_no, text: C}
        outcomes:
          - {id: o, level: information, title: O, summary: O, when: true, contacts: [team]}
        """
    )
    asker = ScriptedAsker([False, True])
    run_interview(questionnaire, asker)
    assert [(p.question.id, p.number, p.total) for p in asker.prompts] == [
        ("a", 1, 3),
        ("c", 2, 2),
    ]


def test_interruption_after_going_back_keeps_the_set_aside_answer(small: Questionnaire) -> None:
    """An answer set aside by going back is still saved when the interview is interrupted."""
    asker = ScriptedAsker([34, True, BACK, KeyboardInterrupt])
    with pytest.raises(Interrupted) as raised:
        run_interview(small, asker)
    assert raised.value.answers == {"age": 34, "resident": True}
