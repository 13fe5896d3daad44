"""What is still possible while a result must be clarified, and where each answer leads."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Mapping

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.test_properties import (
    SHIPPED,
    SHIPPED_DIRECTORY,
    answer_sets,
    budget,
    mostly_definite,
    questionnaires,
    refinements,
)
from triage.core import engine
from triage.core.conditions import Not, parse_condition
from triage.core.engine import (
    Branch,
    candidate_values,
    decide,
    effective_answers,
    possible_outcomes,
    result_id,
)
from triage.core.kinds import KINDS, Ordered
from triage.core.model import (
    CLARIFY_ID,
    UNKNOWN,
    AnswerValue,
    Directory,
    Level,
    Outcome,
    Question,
    QuestionKind,
    Questionnaire,
    Text,
)
from triage.render.json import to_json
from triage.render.words import leads_to_line, possible_lines

#: Brute force looks at no more answer sets than this for one example (others are skipped).
BRUTE_LIMIT = 3_000


def _completions(
    questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]
) -> list[dict[str, AnswerValue]] | None:
    """Every way to give the open questions definite candidate answers (None: too many)."""
    effective = effective_answers(questionnaire, answers)
    open_questions = [q for q in questionnaire.questions if effective.get(q.id, UNKNOWN) is UNKNOWN]
    values = [candidate_values(questionnaire, q) for q in open_questions]
    if math.prod(len(v) for v in values) > BRUTE_LIMIT:
        return None
    ids = [q.id for q in open_questions]
    return [
        {**effective, **dict(zip(ids, combo, strict=True))} for combo in itertools.product(*values)
    ]


def brute_force(
    questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]
) -> tuple[str, ...] | None:
    """The outcomes some completion of the open answers reaches, by trying them all."""
    completions = _completions(questionnaire, answers)
    if completions is None:
        return None
    reached = {result_id(questionnaire, c) for c in completions} - {CLARIFY_ID}
    return tuple(o.id for o in questionnaire.outcomes if o.id in reached)


def _branch_for(branches: tuple[Branch, ...], value: AnswerValue) -> Branch:
    for branch in branches:
        if branch.answer is None:
            assert isinstance(value, int | str)  # a number, or a date as ISO text
            if (branch.low is None or branch.low <= value) and (
                branch.high is None or value <= branch.high
            ):
                return branch
        elif branch.answer == value:
            return branch
    raise AssertionError(f"no branch for {value!r} in {branches}")


def _check_exact(questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]) -> None:
    """The decision's possible outcomes and branches agree with brute force."""
    expected = brute_force(questionnaire, answers)
    assume(expected is not None)
    decision = decide(questionnaire, answers)
    assert decision.possible_exact
    if decision.outcome is not None:
        assert decision.possible == (decision.outcome.id,)
        assert expected == decision.possible
        return
    assert decision.possible == expected, answers
    assert [o.question for o in decision.leads_to] == list(decision.clarify)
    for open_question in decision.leads_to:
        question = questionnaire.question(open_question.question)
        for value in candidate_values(questionnaire, question):
            branch = _branch_for(open_question.branches, value)
            given_one = {**decision.answers, question.id: value}
            assert branch.possible == brute_force(questionnaire, given_one), (question.id, value)
            decided = result_id(questionnaire, given_one)
            assert branch.outcome == (None if decided == CLARIFY_ID else decided)


@budget(60)
@given(data=st.data())
def test_possible_outcomes_are_exactly_those_reachable_in_shipped_questionnaires(
    data: st.DataObject,
) -> None:
    """On the shipped questionnaires, the possible outcomes match trying every completion."""
    questionnaire = data.draw(st.sampled_from(list(SHIPPED.values())), label="questionnaire")
    answers = mostly_definite(questionnaire) | answer_sets(questionnaire)
    _check_exact(questionnaire, data.draw(answers, label="answers"))


@budget(150)
@given(data=st.data())
def test_possible_outcomes_are_exactly_those_reachable_in_generated_questionnaires(
    data: st.DataObject,
) -> None:
    """On generated questionnaires, the possible outcomes match trying every completion."""
    questionnaire = data.draw(questionnaires(), label="questionnaire")
    answers = mostly_definite(questionnaire) | answer_sets(questionnaire)
    _check_exact(questionnaire, data.draw(answers, label="answers"))


@budget(150)
@given(data=st.data())
def test_learning_an_answer_never_adds_a_possible_outcome(data: st.DataObject) -> None:
    """What is possible only narrows as open answers are learnt, never widens."""
    questionnaire = data.draw(
        st.sampled_from(list(SHIPPED.values())) | questionnaires(), label="questionnaire"
    )
    answers = data.draw(answer_sets(questionnaire), label="answers")
    before = decide(questionnaire, answers)
    refined = data.draw(refinements(questionnaire, answers), label="refined")
    after = decide(questionnaire, refined)
    assert set(after.possible) <= set(before.possible)


@budget(150)
@given(data=st.data())
def test_any_budget_gives_a_sound_list_the_report_can_show(data: st.DataObject) -> None:
    """With any budget, nothing reachable is left out, answers lead only inside the list,
    and the report's lines can be written."""
    questionnaire = data.draw(
        st.sampled_from(list(SHIPPED.values())) | questionnaires(), label="questionnaire"
    )
    answers = data.draw(answer_sets(questionnaire), label="answers")
    exact = decide(questionnaire, answers)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "SEARCH_BUDGET", data.draw(st.integers(0, 400), label="budget"))
        decision = decide(questionnaire, answers)
    assert set(exact.possible) <= set(decision.possible)
    if decision.possible_exact:
        assert decision.possible == exact.possible
    for open_question in decision.leads_to:
        for branch in open_question.branches:
            assert set(branch.possible) <= set(decision.possible)
            assert branch.outcome is None or branch.outcome in decision.possible
        leads_to_line(decision, open_question.question, "nb")
    possible_lines(decision, SHIPPED_DIRECTORY, "en")


# Most generated questionnaires have no range to test: filtering much is expected here.
@settings(budget(60), suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_number_in_a_range_leads_where_the_range_says(data: st.DataObject) -> None:
    """Any number inside a branch's range reaches exactly that branch's outcomes."""
    questionnaire = data.draw(questionnaires(), label="questionnaire")
    decision = decide(questionnaire, data.draw(mostly_definite(questionnaire), label="answers"))
    ranges = [(o.question, b) for o in decision.leads_to for b in o.branches if b.answer is None]
    assume(ranges)
    qid, branch = data.draw(st.sampled_from(ranges), label="range")
    entry = KINDS[questionnaire.question(qid).kind]
    assert isinstance(entry, Ordered)
    low = entry.rank(branch.low) if branch.low is not None else entry.origin - 50
    high = entry.rank(branch.high) if branch.high is not None else entry.origin + 50
    value = entry.unrank(data.draw(st.integers(low, max(low, high)), label="value"))
    expected = brute_force(questionnaire, {**decision.answers, qid: value})
    assume(expected is not None)
    assert branch.possible == expected


def test_all_unknown_in_shipped_questionnaires_is_fast_and_exact() -> None:
    """From «Vet ikke» everywhere, every shipped questionnaire finds its outcomes exactly."""
    for questionnaire in SHIPPED.values():
        unknown = {q.id: UNKNOWN for q in questionnaire.questions}
        decision = decide(questionnaire, unknown)
        assert decision.possible_exact, questionnaire.id
        assert set(decision.possible) <= {o.id for o in questionnaire.outcomes}
        assert decision.possible


def test_chapter10_with_pregnancy_unknown_lists_both_ways() -> None:
    """chapter10, pregnancy unknown, no grounds: a hand-over or no grounds, by pregnancy."""
    questionnaire = SHIPPED["chapter10"]
    answers = {
        "pregnant": UNKNOWN,
        "relatives_report": False,
        "others_concern": False,
        "health_endangered_by_misuse": False,
        "wants_voluntary_treatment": False,
    }
    decision = decide(questionnaire, answers)
    assert decision.outcome is None
    assert decision.possible == ("pregnancy_handover", "no_grounds")
    (pregnant,) = [o for o in decision.leads_to if o.question == "pregnant"]
    assert _branch_for(pregnant.branches, True).outcome == "pregnancy_handover"
    assert _branch_for(pregnant.branches, False).outcome == "no_grounds"


def test_chapter10_reason_to_contact_rusteamet_needs_no_pregnancy() -> None:
    """chapter10, pregnancy unknown, relatives reported: contact Rusteamet at once."""
    questionnaire = SHIPPED["chapter10"]
    decision = decide(questionnaire, {"pregnant": UNKNOWN, "relatives_report": True})
    assert decision.outcome_id == "contact_rusteam"
    assert decision.possible == ("contact_rusteam",)


def test_definite_result_has_only_itself_as_possible(small: Questionnaire) -> None:
    """A definite result lists itself as the one possible outcome and no branches."""
    decision = decide(small, {"age": 15})
    assert decision.outcome_id == "not_eligible"
    assert decision.possible == ("not_eligible",)
    assert decision.leads_to == ()


def test_answers_that_settle_it_name_their_outcome(small: Questionnaire) -> None:
    """Each open answer says whether it decides at once, and what stays possible otherwise."""
    decision = decide(small, {"age": 40, "resident": True})
    assert decision.possible == ("not_eligible", "eligible")
    (wants,) = decision.leads_to
    assert wants.question == "wants"
    assert _branch_for(wants.branches, True) == Branch(True, "eligible", ("eligible",))
    assert _branch_for(wants.branches, False) == Branch(False, "not_eligible", ("not_eligible",))


def test_number_answers_are_grouped_in_ranges(small: Questionnaire) -> None:
    """A number question's answers come as ranges that share a result, bounds included."""
    decision = decide(small, {"resident": True, "wants": True})
    (age,) = decision.leads_to
    assert age.branches == (
        Branch(None, "not_eligible", ("not_eligible",), low=0, high=17),
        Branch(None, "eligible", ("eligible",), low=18, high=120),
    )


def test_bound_falls_back_to_outcomes_not_yet_excluded(small: Questionnaire) -> None:
    """When the search bound is hit, every outcome not excluded yet is listed, marked inexact."""
    found, exact = possible_outcomes(small, {}, budget=0)
    assert not exact
    assert found == ("not_eligible", "eligible")
    found, exact = possible_outcomes(small, {"age": 15}, budget=0)
    assert (found, exact) == (("not_eligible",), True)


def test_decision_reports_a_hit_bound(
    small: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decision whose search ran out of budget says its possible outcomes are not exact."""
    monkeypatch.setattr(engine, "SEARCH_BUDGET", 1)
    decision = decide(small, {})
    assert not decision.possible_exact
    assert decision.possible == ("not_eligible", "eligible")


@pytest.mark.parametrize("questionnaire", list(SHIPPED.values()), ids=list(SHIPPED))
def test_shipped_questionnaires_stay_well_inside_the_bound(
    questionnaire: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A twentieth of the budget still gives exact results, from no answers or all «Vet ikke»."""
    monkeypatch.setattr(engine, "SEARCH_BUDGET", engine.SEARCH_BUDGET // 20)
    for answers in ({}, {q.id: UNKNOWN for q in questionnaire.questions}):
        decision = decide(questionnaire, answers)
        assert decision.possible_exact
        assert decision.possible == brute_force(questionnaire, answers)


def test_bound_keeps_a_large_questionnaire_interactive() -> None:
    """Sixty chained questions and many outcomes: the bound is hit, and the answer is quick."""
    questions = tuple(
        Question(
            id=f"q{i}",
            kind=QuestionKind.YES_NO,
            text=Text.of(f"Q{i}?"),
            when=None if i == 0 else parse_condition(f"q{i - 1} or not q{i - 1}"),
        )
        for i in range(60)
    )
    outcomes = [
        Outcome(
            f"o{k}",
            Level.INFORMATION,
            Text.of(f"O{k}"),
            Text.of("."),
            parse_condition(" and ".join(f"q{j}" for j in range(k, min(60, k + 8)))),
        )
        for k in range(0, 60, 3)
    ]
    outcomes.append(Outcome("rest", Level.INFORMATION, Text.of("R"), Text.of("."), None))
    questionnaire = Questionnaire(
        id="big",
        title=Text.of("B"),
        description=Text.of("."),
        version="1",
        pages=(),
        questions=questions,
        outcomes=tuple(outcomes),
        criteria=(),
    )
    start = time.perf_counter()
    decision = decide(questionnaire, {})
    assert time.perf_counter() - start < 10  # generous: a shared 2-core machine
    assert not decision.possible_exact
    assert decision.possible == tuple(o.id for o in outcomes)


def test_a_chain_deeper_than_the_recursion_limit_is_searched_without_recursion() -> None:
    """1,100 questions each asked only after a «Ja» to the one before: no RecursionError."""
    questions = tuple(
        Question(
            id=f"q{i}",
            kind=QuestionKind.YES_NO,
            text=Text.of(f"Q{i}?"),
            when=None if i == 0 else parse_condition(f"q{i - 1}"),
        )
        for i in range(1100)
    )
    last = parse_condition("q1099")
    questionnaire = Questionnaire(
        id="deep",
        title=Text.of("D"),
        description=Text.of("."),
        version="1",
        pages=(),
        questions=questions,
        outcomes=(
            Outcome("last", Level.INFORMATION, Text.of("L"), Text.of("."), last),
            Outcome("rest", Level.INFORMATION, Text.of("R"), Text.of("."), Not(last)),
        ),
        criteria=(),
    )
    found, exact = possible_outcomes(questionnaire, {}, budget=10**9)
    assert (found, exact) == (("last", "rest"), True)
    decision = decide(questionnaire, {})
    assert set(decision.possible) == {"last", "rest"}


# --------------------------------------------------------------------------- in the report

TWO_NEGATIVE = """\
id: two
title: To negative
description: .
version: "1"
source:
  pages: [page]
questions:
  - {id: a, kind: yes_no, text: "A?"}
  - {id: b, kind: yes_no, text: "B?"}
outcomes:
  - {id: first, level: negative, title: Først, summary: ., when: a, contacts: [team]}
  - {id: second, level: negative, title: Andre, summary: ., when: b, contacts: [nav]}
  - {id: other, level: negative, title: Ellers, summary: ., when: true, contacts: [nav]}
"""


def test_report_says_what_holds_whatever_the_answers(
    small: Questionnaire, directory: Directory
) -> None:
    """A contact shared by every possible outcome comes first, then the lettered outcomes."""
    decision = decide(small, {"age": 40})
    assert possible_lines(decision, directory, "nb") == [
        "Uansett svar: kontakt Navn Navnesen",
        "Mulige utfall: A) Ikke aktuelt · B) Aktuelt",
    ]
    assert possible_lines(decision, directory, "en")[0] == (
        "Whatever the answers: contact Navn Navnesen"
    )


def test_report_names_a_shared_negative_level(
    build: Callable[[str], Questionnaire], directory: Directory
) -> None:
    """When every possible outcome is negative, the report says «Uansett svar: ikke aktuelt»."""
    decision = decide(build(TWO_NEGATIVE), {"a": False})
    assert decision.possible == ("second", "other")
    assert possible_lines(decision, directory, "nb") == [
        "Uansett svar: ikke aktuelt; kontakt Navn Navnesen",
        "Mulige utfall: A) Andre · B) Ellers",
    ]
    assert possible_lines(decision, directory, "en")[0] == (
        "Whatever the answers: not applicable; contact Navn Navnesen"
    )


def test_report_names_the_one_outcome_every_answer_leads_to(
    build: Callable[[str], Questionnaire], directory: Directory
) -> None:
    """«a or not a» stays unknown in Kleene's logic, yet every answer gives the same outcome."""
    decision = decide(build(TWO_NEGATIVE.replace("when: a,", "when: a or not a,")), {})
    assert decision.outcome is None
    assert decision.possible == ("first",)
    assert possible_lines(decision, directory, "nb") == ["Uansett svar: Først; kontakt Testteamet"]
    assert leads_to_line(decision, "a", "nb") is None


def test_report_says_where_each_answer_leads(small: Questionnaire) -> None:
    """Each open question shows what its answers lead to, by the outcomes' letters."""
    decision = decide(small, {"resident": True, "wants": True})
    assert leads_to_line(decision, "age", "nb") == "0–17 → A · 18–120 → B"
    decision = decide(small, {"age": 40})
    assert leads_to_line(decision, "resident", "en") == "Yes → still open · No → A"


def test_report_shows_open_ended_and_single_number_ranges(
    build: Callable[[str], Questionnaire],
) -> None:
    """A number without bounds reads «≤ 4», a single value «5», an open top «≥ 6»."""
    text = TWO_NEGATIVE.replace(
        '  - {id: b, kind: yes_no, text: "B?"}', '  - {id: b, kind: number, text: "B?"}'
    ).replace("when: b,", "when: b == 5,")
    decision = decide(build(text), {"a": False})
    assert leads_to_line(decision, "b", "nb") == "≤ 4 → B · 5 → A · ≥ 6 → B"


def test_report_leaves_out_questions_that_alone_narrow_nothing(
    build: Callable[[str], Questionnaire],
) -> None:
    """A question none of whose answers alone narrows the possible outcomes gets no line."""
    same = "when: (a and b) or (not a and not b),"
    text = TWO_NEGATIVE.replace("when: a,", same).replace("when: b,", "when: false,")
    decision = decide(build(text), {})
    assert decision.possible == ("first", "other")
    assert [o.question for o in decision.leads_to] == ["a", "b"]
    assert leads_to_line(decision, "a", "nb") is None
    assert leads_to_line(decision, "b", "nb") is None
    decision = decide(build(TWO_NEGATIVE), {"b": UNKNOWN})
    assert leads_to_line(decision, "a", "nb") == "Ja → A · Nei → B eller C"


def test_report_says_nothing_possible_for_a_definite_result(
    small: Questionnaire, directory: Directory
) -> None:
    """A definite result has no possible-outcome lines and no answer lines."""
    decision = decide(small, {"age": 15})
    assert possible_lines(decision, directory, "nb") == []
    assert leads_to_line(decision, "resident", "nb") is None


def test_report_marks_a_rough_list_when_the_bound_was_hit(
    small: Questionnaire, directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the search ran out of budget, the list says not all are ruled out yet."""
    monkeypatch.setattr(engine, "SEARCH_BUDGET", 0)
    lines = possible_lines(decide(small, {}), directory, "nb")
    assert lines[-1] == "Mulige utfall (ikke alle er utelukket ennå): A) Ikke aktuelt · B) Aktuelt"


def test_json_lists_possible_outcomes_and_where_answers_lead(
    small: Questionnaire, directory: Directory
) -> None:
    """JSON carries the possible outcomes and, per open question, each answer's outcomes."""
    document = to_json(decide(small, {"resident": True, "wants": True}), directory)
    assert document["possible_outcomes"] == ["not_eligible", "eligible"]
    assert document["possible_exact"] is True
    assert document["clarify_answers"] == [
        {
            "question": "age",
            "answers": [
                {
                    "answer": None,
                    "min": 0,
                    "max": 17,
                    "outcome": "not_eligible",
                    "possible": ["not_eligible"],
                },
                {
                    "answer": None,
                    "min": 18,
                    "max": 120,
                    "outcome": "eligible",
                    "possible": ["eligible"],
                },
            ],
        }
    ]
    decided = to_json(decide(small, {"age": 15}), directory)
    assert decided["possible_outcomes"] == ["not_eligible"]
    assert decided["clarify_answers"] == []
