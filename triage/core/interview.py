"""The question loop: ask what is missing, in flow order, review, over an Asker protocol.

The loop owns the conversation's rules (back, review and change, dropping answers that no
longer apply, asking once before stopping); askers only put one thing at a time to a person.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from triage.core.engine import (
    dropped_answers,
    effective_answers,
    flow,
    flow_may_shrink,
    next_question,
    result_id,
)
from triage.core.model import (
    CLARIFY_ID,
    Answers,
    AnswerValue,
    Outcome,
    Question,
    Questionnaire,
)

# Re-exported: a run from an answers file needs these without the question loop.
from triage.core.signals import Interrupted as Interrupted
from triage.core.signals import Origin as Origin
from triage.core.signals import WentBack as WentBack

if TYPE_CHECKING:
    from triage.core.review import Review as Review
    from triage.core.review import Row as Row


def __getattr__(name: str) -> object:
    """Return a review type (``from triage.core.interview import Review`` keeps working)."""
    if name in ("Review", "Row"):
        from triage.core import review

        return getattr(review, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


T = TypeVar("T")

#: Words the offer to show a settled outcome now, in the given language (an edge knows how).
WordOffer = Callable[[Outcome, str], str]


class Back(enum.Enum):
    """The asker's reply meaning "go back to the previous question"."""

    BACK = "back"


BACK = Back.BACK


class Done(enum.Enum):
    """The review's reply meaning "the answers are right: show the result"."""

    DONE = "done"


DONE = Done.DONE


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
    #: ``total`` counts questions that may still drop out: it is «inntil» (at most) that many.
    total_may_shrink: bool = False


#: What a review returns: DONE, BACK (to the last question), or the id of a question to change.
ReviewReply = Done | Back | str


class Asker(Protocol):
    """Something that can put one question (or the review) to a person and return the reply.

    Every method raises KeyboardInterrupt (Ctrl-C) or EOFError (end of input) when the
    person interrupts; the loop decides what that means.
    """

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Ask one question."""
        ...

    def review(self, review: Review) -> ReviewReply:
        """Show every answer; return DONE, BACK, or the id of the question to change."""
        ...

    def confirm_stop(self, lang: str) -> bool:
        """Ask whether to stop the interview after Ctrl-C; True means stop."""
        ...

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Offer to save the answers so far; return the file chosen, or None for no."""
        ...

    def offer(self, message: str, lang: str) -> bool:
        """Put a yes/no offer (``message``, already in ``lang``); nothing is preselected."""
        ...

    def file_name(self, suggested: Path, lang: str) -> Path:
        """Ask for the name of a file to save the answers in (``suggested`` is free)."""
        ...


def run_interview(
    questionnaire: Questionnaire,
    asker: Asker,
    answers: Answers | None = None,
    lang: str = "nb",
    *,
    origins: Mapping[str, Origin] | None = None,
    defaults: Answers | None = None,
    can_leave: bool = False,
    offer_early: WordOffer | None = None,
    skip_review: Callable[[Answers], bool] | None = None,
) -> dict[str, AnswerValue]:
    """Ask every missing question that applies, then review; return the answers that apply.

    ``answers`` are given beforehand (an answers file, ``--set``); ``origins`` says where
    each came from (FILE when not said). ``defaults`` are answers to offer again (preselected)
    when their questions are asked. With ``can_leave``, "back" at the first question raises
    WentBack. With ``offer_early`` (which words the offer), once an answer settles the result
    while questions remain, the asker is offered (once) to show the result now, skipping the
    rest and the review.
    When ``skip_review`` says yes to the answers, they are returned without the review (a
    hand-over, where "back" from the next questionnaire returns here anyway).
    Raises Interrupted (carrying the answers so far) on end of input, on a confirmed Ctrl-C,
    or on a second Ctrl-C.
    """
    interview = _Interview(questionnaire, asker, answers or {}, lang, origins or {})
    interview.remembered.update(defaults or {})
    interview.can_leave = can_leave
    interview.offer_early = offer_early
    interview.skip_review = skip_review
    return interview.run()


class _Interview:
    """The state of one interview: answers, where they came from, what was set aside."""

    def __init__(
        self,
        questionnaire: Questionnaire,
        asker: Asker,
        answers: Answers,
        lang: str,
        origins: Mapping[str, Origin],
    ) -> None:
        self.questionnaire = questionnaire
        self.asker = asker
        self.lang = lang
        self.given: dict[str, AnswerValue] = dict(answers)
        self.origins = {key: origins.get(key, Origin.FILE) for key in self.given}
        # Answers set aside by going back or dropped by a change: offered again as defaults.
        self.remembered: dict[str, AnswerValue] = {}
        self.dropped: dict[str, Row] = {}
        self.typed = 0
        self.can_leave = False
        self.offer_early: WordOffer | None = None
        self.skip_review: Callable[[Answers], bool] | None = None
        # Whether the person took the offer to see a settled result before the last question.
        self.settled = False

    def run(self) -> dict[str, AnswerValue]:
        self._drop()
        while True:
            self._ask_missing()
            if self.settled or (self.skip_review and self.skip_review(self.given)):
                return effective_answers(self.questionnaire, self.given)
            reply = self._guard(lambda: self.asker.review(self._review()))
            if reply is None:
                continue
            if reply is DONE:
                return effective_answers(self.questionnaire, self.given)
            if reply is BACK:
                answered = [q for q in self._flow() if q.id in self.given]
                if answered:
                    self._set_aside(answered[-1].id)
                continue
            self._change(reply)

    def _flow(self) -> tuple[Question, ...]:
        return flow(self.questionnaire, self.given)

    def _ask_missing(self) -> None:
        while (question := next_question(self.questionnaire, self.given)) is not None:
            # Answers given beforehand (--set, a file) may already settle the result.
            if self.offer_early and self.given and self._offer_settled():
                return
            questions = self._flow()
            position = questions.index(question)
            reply = self._ask(question, questions, can_go_back=position > 0 or self.can_leave)
            if reply is None:
                continue
            if reply is BACK and position == 0:
                raise WentBack(self.given, self.remembered)
            if reply is BACK:
                previous = questions[position - 1].id
                if previous in self.given:
                    self._set_aside(previous)
                continue
            self._answer(question, reply)

    def _offer_settled(self) -> bool:
        """Once the result is settled with questions left, offer (once) to show it now."""
        if next_question(self.questionnaire, self.given) is None:
            return False
        outcome_id = result_id(self.questionnaire, self.given)
        if outcome_id == CLARIFY_ID:
            return False
        word_offer = self.offer_early
        if word_offer is None:
            return False
        self.offer_early = None  # only once per interview, whatever the reply
        message = word_offer(self.questionnaire.outcome(outcome_id), self.lang)
        self.settled = bool(self._guard(lambda: self.asker.offer(message, self.lang)))
        return self.settled

    def _change(self, question_id: str) -> None:
        questions = self._flow()
        question = next((q for q in questions if q.id == question_id), None)
        if question is None or question_id not in self.given:
            raise ValueError(f"the review named no answered question: {question_id!r}")
        reply = self._ask(question, questions, can_go_back=True)
        if reply is None or reply is BACK:
            return  # back to the review, nothing changed
        self._answer(question, reply)

    def _ask(
        self, question: Question, questions: tuple[Question, ...], *, can_go_back: bool
    ) -> AnswerValue | Back | None:
        default = self.given.get(question.id, self.remembered.get(question.id))
        prompt = Prompt(
            questionnaire=self.questionnaire,
            question=question,
            number=questions.index(question) + 1,
            total=len(questions),
            default=default,
            can_go_back=can_go_back,
            lang=self.lang,
            total_may_shrink=flow_may_shrink(self.questionnaire, self.given),
        )
        return self._guard(lambda: self.asker.ask(prompt))

    def _answer(self, question: Question, value: AnswerValue) -> None:
        self.given[question.id] = value
        self.origins[question.id] = Origin.TYPED
        self.remembered[question.id] = value
        self.dropped.pop(question.id, None)
        self.typed += 1
        self._drop()

    def _set_aside(self, question_id: str) -> None:
        self.remembered[question_id] = self.given.pop(question_id)

    def _drop(self) -> None:
        """Move answers to questions that no longer apply out of the answers, into the table."""
        for question_id in dropped_answers(self.questionnaire, self.given):
            value = self.given.pop(question_id)
            self.remembered[question_id] = value
            question = self.questionnaire.question(question_id)
            from triage.core.review import Row  # made once an answer is dropped

            self.dropped[question_id] = Row(question, 0, value, self.origins[question_id])

    def _review(self) -> Review:
        from triage.core.review import Review, Row

        rows = tuple(
            Row(q, number, self.given[q.id], self.origins[q.id])
            for number, q in enumerate(self._flow(), start=1)
            if q.id in self.given
        )
        order = [q.id for q in self.questionnaire.questions]
        dropped = tuple(sorted(self.dropped.values(), key=lambda row: order.index(row.question.id)))
        return Review(self.questionnaire, rows, dropped, self.lang)

    def _guard(self, call: Callable[[], T]) -> T | None:
        """Call the asker; on Ctrl-C ask once whether to stop. None means: ask again."""
        try:
            return call()
        except KeyboardInterrupt:
            pass
        except EOFError:
            raise self._interrupted(eof=True) from None
        try:
            stop = self.asker.confirm_stop(self.lang)
        except (KeyboardInterrupt, EOFError) as error:
            # A second Ctrl-C (or the end of input) stops at once.
            raise self._interrupted(eof=isinstance(error, EOFError)) from None
        if stop:
            raise self._interrupted(stopped=True)
        return None

    def _interrupted(self, *, eof: bool = False, stopped: bool = False) -> Interrupted:
        # Answers set aside by going back still count: nothing typed is lost.
        kept = effective_answers(self.questionnaire, {**self.remembered, **self.given})
        return Interrupted(kept, eof=eof, stopped=stopped, typed=self.typed)
