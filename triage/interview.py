"""The question loop: ask what is missing, in flow order, over an Asker protocol."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from triage.engine import flow, next_question
from triage.model import Answers, AnswerValue, Question, Questionnaire


class Back(enum.Enum):
    """The asker's reply meaning "go back to the previous question"."""

    BACK = "back"


BACK = Back.BACK


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question as the asker should show it."""

    questionnaire: Questionnaire
    question: Question
    number: int
    total: int
    default: AnswerValue | None
    can_go_back: bool
    lang: str


class Asker(Protocol):
    """Something that can put one question to a person and return the reply."""

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Ask one question; raise KeyboardInterrupt or EOFError when interrupted."""
        ...


class Interrupted(Exception):
    """The interview stopped before the end; ``answers`` holds everything given so far."""

    def __init__(self, answers: Answers, *, eof: bool = False) -> None:
        super().__init__("interrupted")
        self.answers = dict(answers)
        self.eof = eof


def run_interview(
    questionnaire: Questionnaire,
    asker: Asker,
    answers: Answers | None = None,
    lang: str = "nb",
) -> dict[str, AnswerValue]:
    """Ask every missing question that applies; return all answers.

    Raises Interrupted (carrying the answers so far) on Ctrl-C or end of input.
    """
    given: dict[str, AnswerValue] = dict(answers or {})
    remembered: dict[str, AnswerValue] = {}
    while (question := next_question(questionnaire, given)) is not None:
        questions = flow(questionnaire, given)
        position = questions.index(question)
        prompt = Prompt(
            questionnaire=questionnaire,
            question=question,
            number=position + 1,
            total=len(questions),
            default=remembered.get(question.id),
            can_go_back=position > 0,
            lang=lang,
        )
        try:
            reply = asker.ask(prompt)
        except (KeyboardInterrupt, EOFError) as error:
            # Answers set aside by going back still count: nothing typed is lost.
            kept = {
                q.id: given[q.id] if q.id in given else remembered[q.id]
                for q in questionnaire.questions
                if q.id in given or q.id in remembered
            }
            raise Interrupted(kept, eof=isinstance(error, EOFError)) from None
        if reply is BACK:
            if position > 0:
                previous = questions[position - 1].id
                if previous in given:
                    remembered[previous] = given.pop(previous)
            continue
        given[question.id] = reply
        remembered[question.id] = reply
    return given
