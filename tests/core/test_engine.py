"""The engine: flow, the decision rule, clarify lists, and soundness."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest

from triage.core.engine import (
    candidate_values,
    decide,
    decisive_questions,
    dropped_answers,
    flow,
    flow_may_shrink,
    next_question,
    result_id,
)
from triage.core.model import UNKNOWN, AnswerValue, Questionnaire

U = UNKNOWN


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        pytest.param({"age": 34, "resident": True, "wants": True}, "eligible", id="all-met"),
        pytest.param({"age": 18, "resident": True, "wants": True}, "eligible", id="exactly-18"),
        pytest.param({"age": 17, "resident": True, "wants": True}, "not_eligible", id="age-17"),
        pytest.param(
            {"age": 17, "resident": U, "wants": U}, "not_eligible", id="definite-no-beats-unknowns"
        ),
        pytest.param({"resident": False}, "not_eligible", id="no-with-missing"),
        pytest.param({"age": 34, "resident": True, "wants": U}, "clarify", id="one-unknown"),
        pytest.param({}, "clarify", id="nothing-answered"),
        pytest.param({"age": U, "resident": U, "wants": U}, "clarify", id="all-unknown"),
    ],
)
def test_decision_rule_gives_first_definite_outcome(
    small: Questionnaire, answers: dict[str, AnswerValue], outcome: str
) -> None:
    """The first definitely true outcome wins only when all before it are definitely false."""
    assert result_id(small, answers) == outcome


def test_clarify_names_only_the_questions_that_decide(small: Questionnaire) -> None:
    """Clarify lists the unknown questions whose answer changes the result, in order."""
    decision = decide(small, {"age": 34, "resident": U, "wants": U})
    assert decision.outcome is None
    assert decision.outcome_id == "clarify"
    assert decision.clarify == ("resident", "wants")
    assert decision.contacts == ("team",)


def test_clarify_includes_unanswered_questions(small: Questionnaire) -> None:
    """A question not yet answered can decide the result as well as a 'Vet ikke'."""
    assert decisive_questions(small, {"age": U}) == ("age", "resident", "wants")


def test_definite_result_explains_each_criterion(small: Questionnaire) -> None:
    """A decision reports each criterion as met, not met or unknown."""
    decision = decide(small, {"age": 17, "resident": True, "wants": U})
    assert decision.outcome_id == "not_eligible"
    assert [(r.criterion.id, r.status) for r in decision.criteria] == [
        ("adult", False),
        ("lives_here", True),
        ("motivated", None),
    ]
    assert decision.clarify == ()
    assert decision.contacts == ("nav",)


CONDITIONAL = """\
id: cond
title: Betinget
description: Spørsmål med when.
version: "1"
source: {pages: [page]}
questions:
  - {id: pregnant, kind: yes_no, text: Gravid}
  - {id: concern, kind: yes_no, text: Bekymring, when: pregnant}
  - id: housing
    kind: choice
    text: Bolig
    choices: [own, none]
  - {id: helped, kind: yes_no, text: Hjulpet, when: 'pregnant and concern and housing == "none"'}
outcomes:
  - id: report
    level: report
    title: Meld
    summary: Meld fra.
    when: pregnant and concern
    contacts: [team]
    notes:
      - {text: Ikke hjulpet, when: not helped}
  - id: other
    level: information
    title: Annet
    summary: Annet.
    when: not pregnant or not concern
    contacts: [team]
"""


@pytest.fixture
def conditional(build: Callable[[str], Questionnaire]) -> Questionnaire:
    """A questionnaire whose later questions depend on earlier answers."""
    return build(CONDITIONAL)


def test_flow_skips_questions_whose_when_is_false(conditional: Questionnaire) -> None:
    """A question is asked unless its 'when' is definitely false; unknown still asks."""
    assert [q.id for q in flow(conditional, {"pregnant": False})] == ["pregnant", "housing"]
    assert [q.id for q in flow(conditional, {"pregnant": U})] == [
        "pregnant",
        "concern",
        "housing",
        "helped",
    ]
    assert [q.id for q in flow(conditional, {"pregnant": True, "concern": False})] == [
        "pregnant",
        "concern",
        "housing",
    ]


def test_next_question_follows_the_flow(conditional: Questionnaire) -> None:
    """next_question returns the first unanswered question that applies, then None."""
    answers: dict[str, AnswerValue] = {}
    asked = []
    script: dict[str, AnswerValue] = {"pregnant": False, "housing": "none"}
    while (question := next_question(conditional, answers)) is not None:
        asked.append(question.id)
        answers[question.id] = script[question.id]
    assert asked == ["pregnant", "housing"]


def test_answers_to_skipped_questions_are_dropped(conditional: Questionnaire) -> None:
    """An answer to a question that no longer applies is dropped and reported."""
    answers = {"pregnant": False, "concern": True, "housing": "own"}
    assert dropped_answers(conditional, answers) == ("concern",)
    decision = decide(conditional, answers)
    assert decision.dropped == ("concern",)
    assert "concern" not in decision.answers
    assert decision.outcome_id == "other"


def test_notes_carry_their_own_truth(conditional: Questionnaire) -> None:
    """Outcome notes say whether they hold, may hold, or do not hold."""
    decision = decide(
        conditional, {"pregnant": True, "concern": True, "housing": "none", "helped": U}
    )
    assert decision.outcome_id == "report"
    assert [n.status for n in decision.notes] == [None]
    decision = decide(conditional, {"pregnant": True, "concern": True, "housing": "own"})
    assert [n.status for n in decision.notes] == [None]
    decision = decide(
        conditional, {"pregnant": True, "concern": True, "housing": "none", "helped": False}
    )
    assert [n.status for n in decision.notes] == [True]


def test_candidate_values_reach_every_branch(small: Questionnaire) -> None:
    """Number candidates straddle each literal compared with, within min and max."""
    assert candidate_values(small, small.question("age")) == (0, 17, 18, 19, 120)
    assert candidate_values(small, small.question("resident")) == (True, False)


def _partials(questionnaire: Questionnaire) -> Iterator[dict[str, AnswerValue]]:
    """Every assignment of missing / unknown / each candidate value to every question."""
    options = [
        [None, UNKNOWN, *candidate_values(questionnaire, q)] for q in questionnaire.questions
    ]
    for combination in itertools.product(*options):
        yield {
            q.id: value
            for q, value in zip(questionnaire.questions, combination, strict=True)
            if value is not None
        }


def _refinements(
    questionnaire: Questionnaire, answers: dict[str, AnswerValue]
) -> Iterator[dict[str, AnswerValue]]:
    """Every way to replace the open (missing or unknown) answers with definite ones."""
    open_ids = [q.id for q in questionnaire.questions if answers.get(q.id, U) is U]
    choices = [candidate_values(questionnaire, questionnaire.question(i)) for i in open_ids]
    for values in itertools.product(*choices):
        yield {**answers, **dict(zip(open_ids, values, strict=True))}


def test_definite_results_are_sound(small: Questionnaire) -> None:
    """No definite result changes when open answers are filled in, in any way."""
    checked = 0
    for answers in _partials(small):
        outcome = result_id(small, answers)
        if outcome == "clarify":
            continue
        for refined in _refinements(small, answers):
            assert result_id(small, refined) == outcome, (answers, refined)
            checked += 1
    assert checked > 100


def test_clarify_always_names_open_questions_that_apply(small: Questionnaire) -> None:
    """A clarify result always lists something to ask, and only open questions that apply."""
    for answers in _partials(small):
        decision = decide(small, answers)
        if decision.outcome is not None:
            assert decision.clarify == ()
            continue
        applicable = {q.id for q in flow(small, answers)}
        assert decision.clarify, answers
        for qid in decision.clarify:
            assert qid in applicable
            assert answers.get(qid, U) is U


def test_clarify_names_questions_that_only_decide_together(
    build: Callable[[str], Questionnaire],
) -> None:
    """When only a combination of answers decides, clarify names every open input to it."""
    text = CONDITIONAL.replace(
        "when: pregnant and concern\n",
        "when: pregnant and concern or not pregnant and not concern\n",
    )
    text = text.replace("when: not pregnant or not concern\n", "when: false\n")
    text = text.replace(
        "{id: concern, kind: yes_no, text: Bekymring, when: pregnant}",
        "{id: concern, kind: yes_no, text: Bekymring}",
    )
    questionnaire = build(text)
    decision = decide(questionnaire, {"housing": "own"})
    assert decision.outcome_id == "clarify"
    assert decision.clarify == ("pregnant", "concern")


def test_definite_results_survive_refinement_with_conditional_questions(
    conditional: Questionnaire,
) -> None:
    """With 'when' questions too, filling in open answers never changes a definite result."""
    for answers in _partials(conditional):
        outcome = result_id(conditional, answers)
        if outcome == "clarify":
            continue
        for refined in _refinements(conditional, answers):
            assert result_id(conditional, refined) == outcome, (answers, refined)


def test_decision_tells_whether_every_question_was_answered(small: Questionnaire) -> None:
    """A decision is complete when every question that applies has an answer, even unknown."""
    assert decide(small, {"age": 34, "resident": U, "wants": True}).complete
    assert not decide(small, {"age": 34, "wants": True}).complete


def test_clarify_fallback_looks_through_criteria(build: Callable[[str], Questionnaire]) -> None:
    """When only a combination decides, clarify names the questions behind the criteria too."""
    questionnaire = build(
        """\
        id: crit
        title: Kriterier
        description: Kriterier.
        version: "1"
        source: {pages: [page]}
        questions:
          - {id: a, kind: yes_no, text: A}
          - {id: b, kind: yes_no, text: B}
          - {id: c, kind: yes_no, text: C}
        criteria:
          - {id: both, text: Begge, when: a and b}
          - {id: neither, text: Ingen, when: not a and not b}
        outcomes:
          - {id: same, level: information, title: Lik, summary: Lik., when: both or neither,
             contacts: [team]}
          - {id: rest, level: information, title: Rest, summary: Rest., when: true,
             contacts: [team]}
        """
    )
    decision = decide(questionnaire, {"c": True})
    assert decision.outcome_id == "clarify"
    assert decision.clarify == ("a", "b")


def test_candidate_values_ignore_outcomes_without_condition(
    build: Callable[[str], Questionnaire],
) -> None:
    """A fallback outcome (no 'when') adds no probe points; the numbers' limits still do."""
    questionnaire = build(
        """\
        id: fall
        title: Fall
        description: Fall.
        version: "1"
        source: {pages: [page]}
        questions:
          - {id: age, kind: number, min: 0, max: 120, text: Alder}
        outcomes:
          - {id: young, level: information, title: Ung, summary: Ung., when: age < 18,
             contacts: [team]}
          - {id: other, level: information, title: Annen, summary: Annen., when: true,
             contacts: [team]}
        """
    )
    young, other = questionnaire.outcomes
    questionnaire = replace(questionnaire, outcomes=(young, replace(other, when=None)))
    assert candidate_values(questionnaire, questionnaire.question("age")) == (0, 17, 18, 19, 120)
    assert result_id(questionnaire, {"age": 40}) == "other"


def test_clarify_leaves_out_questions_a_settled_part_makes_irrelevant(
    build: Callable[[str], Questionnaire],
) -> None:
    """An open question inside a part already false is not worth asking, so not named."""
    text = CONDITIONAL.replace(
        "when: pregnant and concern\n", 'when: (pregnant and housing == "none") or concern\n'
    ).replace("when: not pregnant or not concern\n", "when: false\n")
    text = text.replace(
        "{id: concern, kind: yes_no, text: Bekymring, when: pregnant}",
        "{id: concern, kind: yes_no, text: Bekymring}",
    )
    questionnaire = build(text)
    decision = decide(questionnaire, {"housing": "own"})
    assert decision.outcome_id == "clarify"
    assert decision.clarify == ("concern",)


def test_answer_counts_only_once_its_question_surely_applies(
    conditional: Questionnaire,
) -> None:
    """An answer to a question whose 'when' is still unknown cannot make a result definite."""
    answers: dict[str, AnswerValue] = {"pregnant": U, "concern": True, "housing": "own"}
    decision = decide(conditional, answers)
    assert decision.outcome_id == "clarify"
    assert decision.clarify == ("pregnant",)
    assert decision.answers["concern"] is True  # kept, and shown, for when it applies
    assert result_id(conditional, {**answers, "pregnant": True}) == "report"
    assert result_id(conditional, {**answers, "pregnant": False}) == "other"


def test_chapter10_count_is_an_upper_bound_until_its_gates_are_answered() -> None:
    """chapter10's count may shrink until «gravid» and «helsen i fare» are answered."""
    from triage.load.catalog import Catalog

    chapter10 = Catalog().load("chapter10")
    assert flow_may_shrink(chapter10, {})
    assert flow_may_shrink(chapter10, {"pregnant": False})
    assert not flow_may_shrink(chapter10, {"pregnant": False, "health_endangered_by_misuse": True})
    assert flow_may_shrink(chapter10, {"pregnant": True})
    assert not flow_may_shrink(chapter10, {"pregnant": True, "health_endangered_by_misuse": False})
