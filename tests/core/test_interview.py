"""The interview loop over a scripted asker: order, back, review, resume, interruptions."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.conftest import Reply, ScriptedAsker
from triage.core.interview import (
    BACK,
    DONE,
    Interrupted,
    Origin,
    Review,
    WentBack,
    run_interview,
)
from triage.core.model import UNKNOWN, AnswerValue, Questionnaire
from triage.load.catalog import Catalog
from triage.prompts import early_result_offer

Script = list[Reply]

#: a, then b only when a is yes, then c.
BRANCHING = """\
id: branching
title: Greiner
description: Greiner.
version: "1"
source: {pages: [page]}
questions:
  - {id: a, kind: yes_no, text: A}
  - {id: b, kind: yes_no, text: B, when: a}
  - {id: c, kind: yes_no, text: C}
outcomes:
  - {id: both, level: positive, title: Begge, summary: Begge., when: a and b, contacts: [team]}
  - {id: other, level: information, title: Annet, summary: Annet., when: true, contacts: [team]}
"""


@pytest.fixture
def branching(build: Callable[[str], Questionnaire]) -> Questionnaire:
    """Three yes/no questions where b is asked only when a is yes."""
    return build(BRANCHING)


def rows(review: Review) -> list[tuple[str, AnswerValue, Origin]]:
    """Return a review's rows as (id, value, origin)."""
    return [(r.question.id, r.value, r.origin) for r in review.rows]


def test_interview_asks_each_question_in_order(small: Questionnaire) -> None:
    """Every question is asked once, numbered against the flow, and the answers returned."""
    asker = ScriptedAsker([34, True, UNKNOWN, DONE])
    assert run_interview(small, asker) == {"age": 34, "resident": True, "wants": UNKNOWN}
    assert [(p.question.id, p.number, p.total) for p in asker.prompts] == [
        ("age", 1, 3),
        ("resident", 2, 3),
        ("wants", 3, 3),
    ]
    assert [p.can_go_back for p in asker.prompts] == [False, True, True]


def test_back_returns_to_previous_question_with_answer_preselected(small: Questionnaire) -> None:
    """Going back re-asks the previous question with the earlier answer as default."""
    asker = ScriptedAsker([34, BACK, 35, True, BACK, False, True, DONE])
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


def test_review_lists_every_answer_with_where_it_came_from(small: Questionnaire) -> None:
    """The review shows file, --set and typed answers in flow order, each with its origin."""
    asker = ScriptedAsker([True, DONE])
    given: dict[str, AnswerValue] = {"age": 40, "resident": UNKNOWN}
    answers = run_interview(small, asker, given, origins={"resident": Origin.SET})
    assert answers == {"age": 40, "resident": UNKNOWN, "wants": True}
    (review,) = asker.reviews
    assert rows(review) == [
        ("age", 40, Origin.FILE),
        ("resident", UNKNOWN, Origin.SET),
        ("wants", True, Origin.TYPED),
    ]
    assert [r.number for r in review.rows] == [1, 2, 3]
    assert review.dropped == ()


def test_resume_asks_only_what_is_missing_from_where_the_file_ends(small: Questionnaire) -> None:
    """A partial answers file is kept: the first prompt is the first missing question."""
    asker = ScriptedAsker([True, DONE])
    answers = run_interview(small, asker, {"age": 40, "resident": UNKNOWN})
    assert answers == {"age": 40, "resident": UNKNOWN, "wants": True}
    assert [(p.question.id, p.number, p.can_go_back) for p in asker.prompts] == [("wants", 3, True)]


def test_back_from_the_first_missing_question_reopens_the_file_answer(
    small: Questionnaire,
) -> None:
    """Going back into answers from the file re-asks them with the file's answer preselected."""
    asker = ScriptedAsker([BACK, False, True, DONE])
    answers = run_interview(small, asker, {"age": 40, "resident": UNKNOWN})
    assert answers == {"age": 40, "resident": False, "wants": True}
    assert [(p.question.id, p.default) for p in asker.prompts] == [
        ("wants", None),
        ("resident", UNKNOWN),
        ("wants", None),
    ]
    assert rows(asker.reviews[0])[1] == ("resident", False, Origin.TYPED)


def test_changing_an_answer_in_the_review_drops_what_no_longer_applies(
    branching: Questionnaire,
) -> None:
    """Changing a to no drops b's answer; the next review lists b as dropped."""
    asker = ScriptedAsker([True, True, False, "a", False, DONE])
    assert run_interview(branching, asker) == {"a": False, "c": False}
    first, second = asker.reviews
    assert rows(first) == [
        ("a", True, Origin.TYPED),
        ("b", True, Origin.TYPED),
        ("c", False, Origin.TYPED),
    ]
    assert rows(second) == [("a", False, Origin.TYPED), ("c", False, Origin.TYPED)]
    assert [(r.question.id, r.value) for r in second.dropped] == [("b", True)]
    change = asker.prompts[3]
    assert (change.question.id, change.default, change.can_go_back) == ("a", True, True)


def test_changing_an_answer_in_the_review_asks_what_now_applies(branching: Questionnaire) -> None:
    """Changing a to yes asks b (newly applicable), then shows the review again."""
    asker = ScriptedAsker([False, True, "a", True, UNKNOWN, DONE])
    assert run_interview(branching, asker) == {"a": True, "b": UNKNOWN, "c": True}
    assert [(p.question.id, p.number, p.total) for p in asker.prompts] == [
        ("a", 1, 3),
        ("c", 2, 2),
        ("a", 1, 2),
        ("b", 2, 3),
    ]
    assert rows(asker.reviews[1]) == [
        ("a", True, Origin.TYPED),
        ("b", UNKNOWN, Origin.TYPED),
        ("c", True, Origin.TYPED),
    ]


def test_a_dropped_answer_comes_back_preselected(branching: Questionnaire) -> None:
    """Turning a question off and on again offers its earlier answer as the default."""
    asker = ScriptedAsker([True, False, True, "a", False, "a", True, False, DONE])
    assert run_interview(branching, asker) == {"a": True, "b": False, "c": True}
    assert (asker.prompts[-1].question.id, asker.prompts[-1].default) == ("b", False)
    assert asker.reviews[-1].dropped == ()


def test_going_back_from_a_change_keeps_the_answer(small: Questionnaire) -> None:
    """Picking an answer to change and then going back leaves it as it was."""
    asker = ScriptedAsker([34, True, True, "resident", BACK, DONE])
    assert run_interview(small, asker) == {"age": 34, "resident": True, "wants": True}
    assert len(asker.reviews) == 2


def test_first_question_offers_no_back_unless_it_may_leave(small: Questionnaire) -> None:
    """Only a questionnaire entered from another one offers "back" at its first question."""
    alone = ScriptedAsker([34, True, True, DONE])
    run_interview(small, alone)
    entered = ScriptedAsker([34, True, True, DONE])
    run_interview(small, entered, can_leave=True)
    assert alone.prompts[0].can_go_back is False
    assert entered.prompts[0].can_go_back is True


def test_back_at_the_first_question_leaves_with_the_answers(small: Questionnaire) -> None:
    """ "Back" at the first question raises WentBack with the answers given and set aside."""
    asker = ScriptedAsker([34, BACK, BACK])
    with pytest.raises(WentBack) as left:
        run_interview(small, asker, {"wants": True}, can_leave=True)
    assert left.value.answers == {"wants": True}
    assert left.value.remembered == {"age": 34}


def test_defaults_are_preselected_but_not_answers(small: Questionnaire) -> None:
    """A default is offered as the preselected reply; nothing is recorded until chosen."""
    asker = ScriptedAsker([UNKNOWN, True, DONE])
    answers = run_interview(small, asker, {"age": 34}, defaults={"resident": UNKNOWN})
    assert [p.default for p in asker.prompts] == [UNKNOWN, None]
    assert answers == {"age": 34, "resident": UNKNOWN, "wants": True}
    assert rows(asker.reviews[0])[1] == ("resident", UNKNOWN, Origin.TYPED)


def test_back_from_the_review_reopens_the_last_question(small: Questionnaire) -> None:
    """BACK in the review re-asks the last question with its answer preselected."""
    asker = ScriptedAsker([34, True, True, BACK, False, DONE])
    assert run_interview(small, asker) == {"age": 34, "resident": True, "wants": False}
    assert (asker.prompts[-1].question.id, asker.prompts[-1].default) == ("wants", True)


def test_file_answer_to_a_question_that_does_not_apply_is_shown_as_dropped(
    branching: Questionnaire,
) -> None:
    """An answers file's answer to a skipped question is left out and listed as dropped."""
    asker = ScriptedAsker([True, DONE])
    assert run_interview(branching, asker, {"a": False, "b": True}) == {"a": False, "c": True}
    (review,) = asker.reviews
    assert [(r.question.id, r.value, r.origin) for r in review.dropped] == [
        ("b", True, Origin.FILE)
    ]


def test_flow_count_follows_answers(branching: Questionnaire) -> None:
    """The 'of N' total shrinks when an answer makes later questions not apply."""
    asker = ScriptedAsker([False, True, DONE])
    run_interview(branching, asker)
    assert [(p.question.id, p.number, p.total) for p in asker.prompts] == [
        ("a", 1, 3),
        ("c", 2, 2),
    ]


def test_ctrl_c_asks_once_and_going_on_asks_the_same_question_again(
    small: Questionnaire,
) -> None:
    """After Ctrl-C and "no, go on", the interrupted question is asked again; nothing is lost."""
    asker = ScriptedAsker([34, KeyboardInterrupt, True, True, DONE], stops=[False])
    assert run_interview(small, asker) == {"age": 34, "resident": True, "wants": True}
    assert [p.question.id for p in asker.prompts] == ["age", "resident", "resident", "wants"]
    assert asker.stop_questions == 1


@pytest.mark.parametrize(
    ("stops", "stopped", "eof"),
    [
        pytest.param([True], True, False, id="confirmed"),
        pytest.param([KeyboardInterrupt], False, False, id="second-ctrl-c"),
        pytest.param([EOFError], False, True, id="eof-at-the-question"),
    ],
)
def test_ctrl_c_then_stop_keeps_answers_so_far(
    small: Questionnaire, stops: list[bool | type[BaseException]], stopped: bool, eof: bool
) -> None:
    """Stopping after Ctrl-C (confirmed, or a second Ctrl-C) raises Interrupted with the answers."""
    asker = ScriptedAsker([34, KeyboardInterrupt], stops=stops)
    with pytest.raises(Interrupted) as raised:
        run_interview(small, asker)
    assert raised.value.answers == {"age": 34}
    assert (raised.value.stopped, raised.value.eof, raised.value.typed) == (stopped, eof, 1)


def test_end_of_input_stops_at_once(small: Questionnaire) -> None:
    """End of input raises Interrupted(eof) without asking whether to stop."""
    asker = ScriptedAsker([34, EOFError])
    with pytest.raises(Interrupted) as raised:
        run_interview(small, asker)
    assert raised.value.answers == {"age": 34}
    assert (raised.value.eof, raised.value.stopped) == (True, False)
    assert asker.stop_questions == 0


def test_end_of_input_before_any_answer_counts_none_typed(small: Questionnaire) -> None:
    """Interrupted tells that nothing was typed, so the CLI can treat it as 'no terminal'."""
    with pytest.raises(Interrupted) as raised:
        run_interview(small, ScriptedAsker([EOFError]), {"age": 20})
    assert raised.value.answers == {"age": 20}
    assert raised.value.typed == 0


def test_ctrl_c_in_the_review_can_stop(small: Questionnaire) -> None:
    """Ctrl-C at the review asks to stop too, and keeps every answer."""
    asker = ScriptedAsker([34, True, False, KeyboardInterrupt], stops=[True])
    with pytest.raises(Interrupted) as raised:
        run_interview(small, asker)
    assert raised.value.answers == {"age": 34, "resident": True, "wants": False}


def test_interruption_after_going_back_keeps_the_set_aside_answer(small: Questionnaire) -> None:
    """An answer set aside by going back is still saved when the interview is interrupted."""
    asker = ScriptedAsker([34, True, BACK, EOFError])
    with pytest.raises(Interrupted) as raised:
        run_interview(small, asker)
    assert raised.value.answers == {"age": 34, "resident": True}


def test_review_naming_an_unknown_question_is_a_bug(small: Questionnaire) -> None:
    """An asker that names a question the review did not show fails loudly."""
    asker = ScriptedAsker([34, True, True, "nosuch"])
    with pytest.raises(ValueError, match="nosuch"):
        run_interview(small, asker)


# --------------------------------------------------------------------------- every question

SHIPPED = Catalog().files()


def _stop_at_each_step(
    questionnaire: Questionnaire,
    stop: type[BaseException],
    stops: list[bool | type[BaseException]],
) -> Iterator[tuple[ScriptedAsker, Interrupted]]:
    """Answer «Vet ikke» and stop at question 1, 2, … and at last the review; yield each run."""
    for stop_at in range(1, len(questionnaire.questions) + 2):
        asker = ScriptedAsker([*[UNKNOWN] * (stop_at - 1), stop], stops=list(stops))
        with pytest.raises(Interrupted) as raised:
            run_interview(questionnaire, asker)
        yield asker, raised.value
        if asker.reviews:
            return
    raise AssertionError("the review was never reached")


@pytest.mark.parametrize(
    ("stop", "stops", "stopped", "eof"),
    [
        pytest.param(KeyboardInterrupt, [True], True, False, id="ctrl-c-stop"),
        pytest.param(KeyboardInterrupt, [KeyboardInterrupt], False, False, id="ctrl-c-twice"),
        pytest.param(EOFError, [], False, True, id="end-of-input"),
    ],
)
@pytest.mark.parametrize("questionnaire_id", SHIPPED)
def test_stopping_at_every_question_of_every_shipped_questionnaire_keeps_the_answers(
    questionnaire_id: str,
    stop: type[BaseException],
    stops: list[bool | type[BaseException]],
    stopped: bool,
    eof: bool,
) -> None:
    """Ctrl-C (then stop, or Ctrl-C again) or end of input at any question or the review stops."""
    questionnaire = Catalog().load(questionnaire_id)
    asked: set[str] = set()
    for asker, interrupted in _stop_at_each_step(questionnaire, stop, stops):
        ids = [p.question.id for p in asker.prompts]
        answered = ids if asker.reviews else ids[:-1]  # not the question it stopped at
        assert interrupted.answers == dict.fromkeys(answered, UNKNOWN)
        assert interrupted.typed == len(answered)
        assert (interrupted.stopped, interrupted.eof) == (stopped, eof)
        assert asker.stop_questions == (0 if eof else 1)
        asked |= {p.question.id for p in asker.prompts}
    assert asked == {q.id for q in questionnaire.questions}  # every question was reached


# --------------------------------------------------------------------------- a settled result


def test_settled_result_is_offered_once_and_yes_skips_the_rest(small: Questionnaire) -> None:
    """Age 10 settles «Ikke aktuelt»: the offer names it, and yes ends without more questions."""
    asker = ScriptedAsker([10], offers=[True])
    assert run_interview(small, asker, offer_early=early_result_offer) == {"age": 10}
    assert [p.question.id for p in asker.prompts] == ["age"]
    assert asker.reviews == []
    assert asker.offered == [
        "Resultatet er avgjort: IKKE AKTUELT. Vis resultatet nå? "
        "(Nei: svar på resten av spørsmålene først.)"
    ]


def test_declined_settled_result_asks_the_rest_and_offers_no_more(small: Questionnaire) -> None:
    """No to the offer: the remaining questions and the review follow, with no second offer."""
    asker = ScriptedAsker([10, True, BACK, False, True, DONE], offers=[False])
    answers = run_interview(small, asker, offer_early=early_result_offer)
    assert answers == {"age": 10, "resident": False, "wants": True}
    assert len(asker.offered) == 1
    assert len(asker.reviews) == 1


def test_no_offer_while_the_result_is_open_or_when_not_asked_for(small: Questionnaire) -> None:
    """An adult's age settles nothing; and without offer_early no offer is ever made."""
    asker = ScriptedAsker([34, True, True, DONE])
    run_interview(small, asker, offer_early=early_result_offer)
    assert asker.offered == []
    quiet = ScriptedAsker([10, True, True, DONE])
    assert run_interview(small, quiet) == {"age": 10, "resident": True, "wants": True}
    assert quiet.offered == []


def test_ctrl_c_at_the_settled_result_offer_then_go_on_asks_the_rest(
    small: Questionnaire,
) -> None:
    """Ctrl-C at the offer, then «Nei, fortsett», goes on with the next question."""
    asker = ScriptedAsker([10, True, True, DONE], stops=[False], offers=[KeyboardInterrupt])
    assert run_interview(small, asker, offer_early=early_result_offer) == {
        "age": 10,
        "resident": True,
        "wants": True,
    }
    assert asker.stop_questions == 1


# --------------------------------------------------------------------------- honest progress


def test_progress_says_up_to_while_a_question_may_drop_out(branching: Questionnaire) -> None:
    """«av inntil 3» while b waits on a; a plain «av 3»/«av 2» once a settles it."""
    asker = ScriptedAsker([True, True, True, DONE])
    run_interview(branching, asker)
    assert [(p.number, p.total, p.total_may_shrink) for p in asker.prompts] == [
        (1, 3, True),
        (2, 3, False),
        (3, 3, False),
    ]
    no = ScriptedAsker([False, True, DONE])
    run_interview(branching, no)
    assert [(p.number, p.total, p.total_may_shrink) for p in no.prompts] == [
        (1, 3, True),
        (2, 2, False),
    ]


def test_unknown_answer_keeps_the_count_plain(branching: Questionnaire) -> None:
    """«Vet ikke» to a keeps b in the flow for good, so the count is exact again."""
    asker = ScriptedAsker([UNKNOWN, True, True, DONE])
    run_interview(branching, asker)
    assert [(p.total, p.total_may_shrink) for p in asker.prompts] == [
        (3, True),
        (3, False),
        (3, False),
    ]


def test_skip_review_returns_without_a_review_only_when_it_says_so(
    branching: Questionnaire,
) -> None:
    """A hand-over (skip_review says yes) needs no review; otherwise the review is shown."""
    asker = ScriptedAsker([True, True, False])
    answers = run_interview(branching, asker, skip_review=lambda given: given.get("a") is True)
    assert answers == {"a": True, "b": True, "c": False}
    assert asker.reviews == []
    other = ScriptedAsker([False, False, DONE])
    run_interview(branching, other, skip_review=lambda given: given.get("a") is True)
    assert len(other.reviews) == 1


def test_answers_given_beforehand_that_settle_the_result_are_offered_at_once(
    small: Questionnaire,
) -> None:
    """An age of 10 from a file settles it: the offer comes before any question is asked."""
    asker = ScriptedAsker([], offers=[True])
    assert run_interview(small, asker, {"age": 10}, offer_early=early_result_offer) == {"age": 10}
    assert asker.prompts == []
    assert len(asker.offered) == 1
