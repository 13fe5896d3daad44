"""The proofs: each finding on a questionnaire built to have it, and agreement with enumeration.

The brute force walks every combination of the relevant answers (engine.candidate_values)
and applies the engine itself, so a disagreement means the solver's encoding of the flow,
Kleene's logic or the decision rule is wrong.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.check.proofs import Check, Finding, conclusion, prove
from triage.core.conditions import All, Any_, Compare, Condition, Const, Not, Op, Ref
from triage.core.engine import candidate_values, flow, outcome_statuses, result_id
from triage.core.model import (
    CLARIFY_ID,
    Choice,
    Criterion,
    Definite,
    Level,
    Note,
    Outcome,
    Question,
    QuestionKind,
    Questionnaire,
    Text,
)

Build = Callable[[str], Questionnaire]

HEAD = """\
id: q
title: T
description: D
version: "1"
source: {pages: [page]}
"""


def _found(questionnaire: Questionnaire) -> set[tuple[Check, str]]:
    return {(f.check, f.subject) for f in prove(questionnaire).findings}


def _finding(questionnaire: Questionnaire, check: Check) -> Finding:
    (finding,) = [f for f in prove(questionnaire).findings if f.check is check]
    return finding


def test_sound_questionnaire_has_no_findings(small: Questionnaire) -> None:
    """A questionnaire whose outcomes cover every answer proves clean, with live examples."""
    proof = prove(small)
    assert proof.findings == ()
    assert set(proof.examples) == {"not_eligible", "eligible"}
    for outcome_id, answers in proof.examples.items():
        assert result_id(small, answers) == outcome_id


def test_gap_is_found_with_answers_that_give_clarify(build: Build) -> None:
    """Two outcomes that miss 'adult but not resident' leave a gap with exactly those answers."""
    questionnaire = build(
        HEAD
        + dedent(
            """\
        questions:
          - {id: adult, kind: yes_no, text: Voksen}
          - {id: resident, kind: yes_no, text: Bor her}
        outcomes:
          - {id: yes, level: positive, title: J, summary: S, when: adult and resident}
          - {id: no, level: negative, title: N, summary: S, when: not adult}
        """
        )
    )
    finding = _finding(questionnaire, Check.GAP)
    assert finding.answers == {"adult": True, "resident": False}
    assert finding.other == ""
    assert result_id(questionnaire, finding.answers) == CLARIFY_ID


def test_gap_from_a_skipped_question_names_the_open_outcome(build: Build) -> None:
    """An outcome needing a question the flow skipped stays open: a gap naming that outcome."""
    questionnaire = build(
        HEAD
        + dedent(
            """\
        questions:
          - {id: a, kind: yes_no, text: A}
          - {id: b, kind: yes_no, text: B, when: a}
        outcomes:
          - {id: first, level: positive, title: F, summary: S, when: b}
          - {id: rest, level: information, title: R, summary: S, when: true}
        """
        )
    )
    finding = _finding(questionnaire, Check.GAP)
    assert finding.answers == {"a": False}
    assert finding.other == "first"


@pytest.mark.parametrize(
    ("outcomes", "other", "skipped"),
    [
        pytest.param(
            "- {id: adult, level: positive, title: V, summary: S, when: age >= 18}\n"
            "- {id: older, level: positive, title: E, summary: S, when: age >= 30}\n"
            "- {id: young, level: negative, title: U, summary: S, when: age < 18}\n",
            "adult",
            (),
            id="shadowed",
        ),
        pytest.param(
            "- {id: older, level: positive, title: E, summary: S, when: age < 10 and age > 20}\n"
            "- {id: rest, level: information, title: R, summary: S, when: true}\n",
            "",
            (),
            id="never-holds",
        ),
        pytest.param(
            "- {id: older, level: positive, title: E, summary: S, when: age < 18 and young_ok}\n"
            "- {id: rest, level: information, title: R, summary: S, when: true}\n",
            "",
            ("young_ok",),
            id="needs-skipped-question",
        ),
    ],
)
def test_dead_outcome_is_found_and_explained(
    build: Build, outcomes: str, other: str, skipped: tuple[str, ...]
) -> None:
    """An outcome that is never the result is found, with why and (where any) an example."""
    text = HEAD + (
        "questions:\n"
        "  - {id: age, kind: number, min: 0, max: 120, text: Alder}\n"
        "  - {id: young_ok, kind: yes_no, text: OK, when: age >= 18}\n"
        "outcomes:\n" + "".join(f"  {line}\n" for line in outcomes.splitlines())
    )
    questionnaire = build(text)
    finding = _finding(questionnaire, Check.DEAD_OUTCOME)
    assert finding.subject == "older"
    assert finding.other == other
    assert finding.skipped == skipped
    if other:
        assert result_id(questionnaire, finding.answers) == other
    if skipped:
        assert "young_ok" not in {q.id for q in flow(questionnaire, finding.answers)}
    if not other and not skipped:
        assert finding.answers == {}


def test_unreachable_question_is_found(build: Build) -> None:
    """A question whose 'when' contradicts an earlier question's minimum is never asked."""
    questionnaire = build(
        HEAD
        + dedent(
            """\
            questions:
              - {id: age, kind: number, min: 18, max: 120, text: Alder}
              - {id: guardian, kind: yes_no, text: Verge, when: age < 18}
            outcomes:
              - {id: rest, level: information, title: R, summary: S, when: true}
            """
        )
    )
    assert _finding(questionnaire, Check.UNREACHABLE) == Finding(Check.UNREACHABLE, "guardian")


def test_idle_question_is_a_finding_but_a_note_question_is_not(build: Build) -> None:
    """A question no condition uses is idle; one that only picks a note is not."""
    questionnaire = build(
        HEAD
        + dedent(
            """\
        questions:
          - {id: a, kind: yes_no, text: A}
          - {id: unused, kind: number, text: N}
          - {id: for_note, kind: yes_no, text: B}
        outcomes:
          - id: yes
            level: positive
            title: J
            summary: S
            when: a
            notes: [{text: Merk, when: for_note}]
          - {id: no, level: negative, title: N, summary: S, when: not a}
        """
        )
    )
    assert _found(questionnaire) == {(Check.IDLE_QUESTION, "unused")}


# --------------------------------------------------------------------------- brute force


def brute_force(questionnaire: Questionnaire) -> set[tuple[Check, str]]:
    """Find the same properties by trying every combination of relevant answers."""
    questions = questionnaire.questions
    domains = [candidate_values(questionnaire, q) for q in questions]
    results: set[str] = set()
    asked: set[str] = set()
    deciding: set[str] = set()
    gap = False
    holding: set[frozenset[int]] = set()
    for values in itertools.product(*domains):
        total: dict[str, Definite] = dict(zip((q.id for q in questions), values, strict=True))  # type: ignore[arg-type]
        answers = {q.id: total[q.id] for q in flow(questionnaire, total)}
        asked.update(answers)
        result = result_id(questionnaire, answers)
        gap = gap or result == CLARIFY_ID
        results.add(result)
        statuses = outcome_statuses(questionnaire, answers)
        holding.add(frozenset(i for i, status in enumerate(statuses) if status is True))
        before = conclusion(questionnaire, total)
        for question, domain in zip(questions, domains, strict=True):
            if question.id in answers and question.id not in deciding:
                for value in domain:
                    changed = {**total, question.id: value}
                    if conclusion(questionnaire, changed) != before:  # type: ignore[arg-type]
                        deciding.add(question.id)
                        break
    found = {(Check.GAP, "")} if gap else set()
    found |= {(Check.DEAD_OUTCOME, o.id) for o in questionnaire.outcomes if o.id not in results}
    found |= {(Check.UNREACHABLE, q.id) for q in questions if q.id not in asked}
    found |= {(Check.IDLE_QUESTION, q) for q in asked - deciding}
    # Overlaps: a live outcome whose condition is not always true, holding together with an
    # earlier such outcome for some complete set of answers.
    outcomes = questionnaire.outcomes
    plain = {
        i
        for i, o in enumerate(outcomes)
        if o.id in results and o.when is not None and o.when != Const(True)
    }
    for together in holding:
        both = sorted(together & plain)
        found |= {(Check.OVERLAP, outcomes[j].id) for j in both[1:]}
    return found


def _text(value: str) -> Text:
    return Text.of(value)


@st.composite
def conditions(draw: st.DrawFn, names: Mapping[str, QuestionKind], depth: int = 0) -> Condition:
    """Draw a well-typed condition over ``names`` (questions and criteria)."""
    if not names:
        return Const(draw(st.booleans()))
    choices = ["leaf", "leaf", "const"] + (["not", "all", "any"] if depth < 2 else [])
    shape = draw(st.sampled_from(choices))
    if shape == "const":
        return Const(draw(st.booleans()))
    if shape == "not":
        return Not(draw(conditions(names, depth + 1)))
    if shape in ("all", "any"):
        operands = tuple(draw(st.lists(conditions(names, depth + 1), min_size=1, max_size=3)))
        return All(operands) if shape == "all" else Any_(operands)
    name = draw(st.sampled_from(sorted(names)))
    kind = names[name]
    if kind is QuestionKind.YES_NO:
        if draw(st.booleans()):
            return Ref(name)
        return Compare(name, draw(st.sampled_from([Op.EQ, Op.NE])), draw(st.booleans()))
    if kind is QuestionKind.NUMBER:
        op = draw(st.sampled_from([Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE, Op.IN]))
        if op is Op.IN:
            return Compare(
                name, op, tuple(draw(st.lists(st.integers(0, 4), min_size=1, max_size=2)))
            )
        return Compare(name, op, draw(st.integers(0, 4)))
    if kind is QuestionKind.DATE:
        op = draw(st.sampled_from([Op.EQ, Op.NE, Op.LT, Op.LE, Op.GT, Op.GE]))
        return Compare(name, op, day(draw(st.integers(0, 4))))
    op = draw(st.sampled_from([Op.EQ, Op.NE, Op.IN, Op.NOT_IN]))
    if op in (Op.IN, Op.NOT_IN):
        return Compare(
            name, op, tuple(draw(st.lists(st.sampled_from("xyz"), min_size=1, max_size=2)))
        )
    return Compare(name, op, draw(st.sampled_from("xyz")))


def day(offset: int) -> str:
    """Return the ISO date ``offset`` days after 2026-01-01."""
    return (dt.date(2026, 1, 1) + dt.timedelta(days=offset)).isoformat()


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    """Draw a small questionnaire: 1–4 questions of every kind, criteria, 1–4 outcomes."""
    kinds = draw(st.lists(st.sampled_from(list(QuestionKind)), min_size=1, max_size=4))
    questions = []
    names: dict[str, QuestionKind] = {}
    for index, kind in enumerate(kinds):
        when = draw(st.none() | conditions(dict(names))) if names else None
        top = draw(st.integers(2, 5))
        bounds = {
            QuestionKind.NUMBER: (0, top),
            QuestionKind.DATE: (day(0), day(top)),
        }.get(kind, (None, None))
        choices = tuple(Choice(v, _text(v)) for v in "xyz") if kind is QuestionKind.CHOICE else ()
        ident = f"q{index}"
        questions.append(
            Question(
                ident,
                kind,
                _text(ident),
                when=when,
                minimum=bounds[0],
                maximum=bounds[1],
                choices=choices,
            )
        )
        names[ident] = kind
    criteria = tuple(
        Criterion(f"c{i}", _text("k"), draw(conditions(dict(names))))
        for i in range(draw(st.integers(0, 2)))
    )
    everything = {**names, **{c.id: QuestionKind.YES_NO for c in criteria}}
    outcomes = tuple(
        Outcome(
            f"o{i}",
            Level.INFORMATION,
            _text("o"),
            _text("s"),
            draw(conditions(everything)),
            notes=tuple(
                Note(_text("n"), draw(conditions(everything)))
                for _ in range(draw(st.integers(0, 1)))
            ),
        )
        for i in range(draw(st.integers(1, 4)))
    )
    return Questionnaire(
        "drawn", _text("t"), _text("d"), "1", (), tuple(questions), outcomes, criteria
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires())
def test_proofs_agree_with_enumerating_every_answer(questionnaire: Questionnaire) -> None:
    """On small questionnaires the solver finds exactly what enumeration finds."""
    assert _found(questionnaire) == brute_force(questionnaire)


@settings(max_examples=60, deadline=None)
@given(questionnaires())
def test_every_example_really_shows_its_finding(questionnaire: Questionnaire) -> None:
    """Example answers are complete for the flow and give what each finding says."""
    proof = prove(questionnaire)
    for outcome_id, answers in proof.examples.items():
        assert result_id(questionnaire, answers) == outcome_id
        assert {q.id for q in flow(questionnaire, answers)} == set(answers)
    for finding in proof.findings:
        if finding.check is Check.GAP:
            assert result_id(questionnaire, finding.answers) == CLARIFY_ID
            assert {q.id for q in flow(questionnaire, finding.answers)} == set(finding.answers)
        elif finding.check is Check.DEAD_OUTCOME and finding.other:
            assert result_id(questionnaire, finding.answers) == finding.other
        elif finding.check is Check.IDLE_QUESTION:
            assert finding.subject in finding.answers


def test_a_question_that_only_decides_whether_another_is_asked_is_not_idle() -> None:
    """q0 only decides whether q2 is asked, yet that changes the result: q0 is not idle.

    Found by the reference comparison: the idle query once reused a named literal of the
    first copy for the second, so a change through the flow went unseen.
    """
    text = Text((("nb", "x"),))
    questions = (
        Question("q0", QuestionKind.NUMBER, text, minimum=0, maximum=2),
        Question("q1", QuestionKind.NUMBER, text, minimum=0, maximum=2),
        Question("q2", QuestionKind.YES_NO, text, when=Compare("q0", Op.EQ, 0)),
    )
    outcome = Outcome(
        "o0", Level.INFORMATION, text, text, when=Any_((Ref("q2"), Compare("q1", Op.EQ, 0)))
    )
    questionnaire = Questionnaire("drawn", text, text, "1", (), questions, (outcome,))
    checks = {(finding.check, finding.subject) for finding in prove(questionnaire).findings}
    assert checks == {(Check.GAP, "")}
