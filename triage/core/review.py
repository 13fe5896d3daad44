"""The review of an interview's answers (``triage.core.interview`` re-exports these types).

Kept apart from the question loop so that the classes are created when an answer is first
dropped or reviewed, not before the first question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.core.model import AnswerValue, Question, Questionnaire
    from triage.core.signals import Origin


@dataclass(frozen=True, slots=True)
class Row:
    """One answer in the review: the question, its place in the flow, value and origin."""

    question: Question
    number: int
    value: AnswerValue
    origin: Origin


@dataclass(frozen=True, slots=True)
class Review:
    """Every answer given, in flow order, and the answers dropped because they no longer apply."""

    questionnaire: Questionnaire
    rows: tuple[Row, ...]
    dropped: tuple[Row, ...]
    lang: str
