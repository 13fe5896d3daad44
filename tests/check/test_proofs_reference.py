"""The fast proofs find what the reference (the straightforward algorithm they replaced) finds.

Which properties are violated is a fact about the questionnaire, so both must agree on it
exactly. The example answers depend on the models the solver happens to find, so for those
the test checks that each example really shows its finding, with the engine.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import itertools
from collections.abc import Mapping
from pathlib import Path

import pytest
import reference_proofs  # tests/check/reference_proofs.py
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_proofs import conditions, questionnaires

from triage.check.proofs import Check, Finding, Proof, prove
from triage.core.conditions import Condition, Const, evaluate, names
from triage.core.engine import candidate_values, environment, flow, outcome_statuses, result_id
from triage.core.model import (
    CLARIFY_ID,
    UNKNOWN,
    AnswerValue,
    Definite,
    LegalBasis,
    QuestionKind,
    Questionnaire,
    Text,
)
from triage.load.catalog import shipped_dir
from triage.load.contacts import load_directory
from triage.load.questionnaire import load_questionnaire

BENCHMARK = Path(__file__).parents[2] / "benchmarks" / "bench_validate.py"


def _benchmark_generate(questions: int, outcomes: int, seed: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_validate", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(questions, outcomes, seed)
    return text


def _settled(finding: Finding | reference_proofs.Finding) -> tuple[str, str, str, str]:
    """Return what a finding says that does not depend on the example the solver found."""
    # A gap names the outcome left open for its example, a dead outcome the result its
    # example gives: both change with the example, so only a legal misfit keeps 'other'.
    check = finding.check.value  # each module has its own Check
    other = finding.other if check == Check.LEGAL_MISFIT.value else ""
    return check, finding.subject, other, finding.section


def _ignoring_flow(q: Questionnaire, total: Mapping[str, Definite]) -> dict[str, AnswerValue]:
    """Return the values conditions see when every question counts, asked or not."""
    env: dict[str, AnswerValue] = dict(total)
    for criterion in q.criteria:
        status = evaluate(criterion.when, env)
        env[criterion.id] = UNKNOWN if status is None else status
    return env


def _needs(q: Questionnaire, condition: Condition) -> set[str]:
    criteria = {c.id: c.when for c in q.criteria}
    found: set[str] = set()
    for name in names(condition):
        found.update(names(criteria[name]) if name in criteria else (name,))
    return found


def _complete(q: Questionnaire, answers: Mapping[str, Definite]) -> bool:
    return {question.id for question in flow(q, answers)} == set(answers)


def assert_shows(q: Questionnaire, finding: Finding) -> None:
    """Check with the engine that a finding's example answers show what it says."""
    answers = finding.answers
    if finding.check is Check.GAP:
        assert _complete(q, answers)
        assert result_id(q, answers) == CLARIFY_ID
        statuses = outcome_statuses(q, answers)
        open_ = [o.id for o, s in zip(q.outcomes, statuses, strict=True) if s is None]
        assert finding.other == (open_[0] if open_ else "")
    elif finding.check is Check.DEAD_OUTCOME:
        outcome = next(o for o in q.outcomes if o.id == finding.subject)
        when = outcome.when if outcome.when is not None else Const(True)
        if finding.skipped:
            # Answers to every question, where the condition holds if all of them counted.
            assert evaluate(when, _ignoring_flow(q, answers)) is True
            asked = {question.id for question in flow(q, answers)}
            assert set(finding.skipped) == _needs(q, when) - asked
            assert finding.skipped
        elif answers:
            # In the flow; or, where it holds only while some answers it needs do not count
            # yet (their question not surely asked), every question answered.
            holds = evaluate(when, environment(q, answers)) is True and _complete(q, answers)
            assert holds or evaluate(when, _ignoring_flow(q, answers)) is True
            assert result_id(q, answers) == finding.other
            assert finding.other != finding.subject
    elif finding.check is Check.IDLE_QUESTION:
        assert _complete(q, answers)
        assert finding.subject in answers
    elif finding.check is Check.LEGAL_MISFIT:
        assert _complete(q, answers)
        assert result_id(q, answers) == finding.subject
        env = environment(q, answers)
        assert env[finding.other] is False
        outcome = next(o for o in q.outcomes if o.id == finding.subject)
        assert any(
            b.when is None or evaluate(b.when, env) is not False
            for b in outcome.legal_basis
            if b.section == finding.section
        )
    elif finding.check is Check.OVERLAP:
        assert _complete(q, answers)
        statuses = dict(zip((o.id for o in q.outcomes), outcome_statuses(q, answers), strict=True))
        ids = [o.id for o in q.outcomes]
        assert statuses[finding.subject] is True
        assert finding.overlaps
        assert finding.other == finding.overlaps[0]
        for earlier in finding.overlaps:
            assert statuses[earlier] is True
            assert ids.index(earlier) < ids.index(finding.subject)
            before = q.outcomes[ids.index(earlier)].before
            assert (finding.subject in before) is finding.intended
    else:
        assert finding.check is Check.UNREACHABLE
        assert answers == {}


def assert_agree(q: Questionnaire) -> Proof:
    """Prove with both algorithms and check they agree, each example shown by the engine."""
    new, old = prove(q), reference_proofs.prove(q)
    # The reference has no overlaps: those are checked against enumeration in test_proofs.
    findings = [f for f in new.findings if f.check is not Check.OVERLAP]
    assert sorted(map(_settled, findings)) == sorted(map(_settled, old.findings))
    for overlap in (f for f in new.findings if f.check is Check.OVERLAP):
        assert_shows(q, overlap)
    for new_finding, old_finding in zip(
        sorted(findings, key=_settled), sorted(old.findings, key=_settled), strict=True
    ):
        # Whether an example exists at all does not depend on the solver's choice.
        assert bool(new_finding.answers) == bool(old_finding.answers)
        assert_shows(q, new_finding)
    assert set(new.examples) == set(old.examples)
    for outcome_id, answers in new.examples.items():
        assert result_id(q, answers) == outcome_id
        assert _complete(q, answers)
    return new


@st.composite
def with_legal_bases(draw: st.DrawFn) -> Questionnaire:
    """Draw a questionnaire whose criteria name sections that outcomes' legal bases cite.

    Number questions may lose a bound here, so answers outside any range are read too, and
    outcomes may mark later ones in 'before', so overlaps split into intended and not.
    """
    q = draw(questionnaires())
    questions = tuple(
        dataclasses.replace(
            question,
            minimum=draw(st.sampled_from([question.minimum, None])),
            maximum=draw(st.sampled_from([question.maximum, None])),
        )
        if question.kind is QuestionKind.NUMBER
        else question
        for question in q.questions
    )
    criteria = tuple(
        dataclasses.replace(c, text=Text.of(f"Krav (§ 10-{i})")) for i, c in enumerate(q.criteria)
    )
    names_ = {question.id: question.kind for question in q.questions}
    names_.update({c.id: QuestionKind.YES_NO for c in criteria})
    outcomes = []
    ids = [outcome.id for outcome in q.outcomes]
    for index, outcome in enumerate(q.outcomes):
        # Some later outcomes marked as meant to lose to this one where both hold.
        later = ids[index + 1 :]
        before = tuple(draw(st.lists(st.sampled_from(later), unique=True))) if later else ()
        bases = tuple(
            LegalBasis(
                Text.of("Lov"),
                f"§ 10-{draw(st.integers(0, 2))}",
                when=draw(st.none() | conditions(names_)),
            )
            for _ in range(draw(st.integers(0, 2)))
        )
        outcomes.append(dataclasses.replace(outcome, legal_basis=bases, before=before))
    return dataclasses.replace(q, questions=questions, outcomes=tuple(outcomes), criteria=criteria)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questionnaires())
def test_fast_proofs_agree_with_the_reference_on_drawn_questionnaires(q: Questionnaire) -> None:
    """On drawn questionnaires both algorithms find the same problems; examples show them."""
    assert_agree(q)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_legal_bases())
def test_fast_proofs_agree_with_the_reference_on_legal_bases(q: Questionnaire) -> None:
    """Legal bases beside a failed criterion naming their section, open ranges: the same.

    And the overlaps, intended or not, are those that enumerating every answer finds.
    """
    proof = assert_agree(q)
    found = {(f.subject, f.intended) for f in proof.findings if f.check is Check.OVERLAP}
    assert found == overlaps_by_enumeration(q, set(proof.examples))


def overlaps_by_enumeration(q: Questionnaire, live: set[str]) -> set[tuple[str, bool]]:
    """Return (later outcome, intended) for every overlap, trying every relevant answer."""
    plain = [
        i
        for i, o in enumerate(q.outcomes)
        if o.id in live and o.when is not None and o.when != Const(True)
    ]
    domains = [candidate_values(q, question) for question in q.questions]
    found: set[tuple[str, bool]] = set()
    for values in itertools.product(*domains):
        total = dict(zip((question.id for question in q.questions), values, strict=True))
        answers = {question.id: total[question.id] for question in flow(q, total)}
        statuses = outcome_statuses(q, answers)  # type: ignore[arg-type]
        holding = [i for i in plain if statuses[i] is True]
        for position, later in enumerate(holding):
            for earlier in holding[:position]:
                meant = q.outcomes[later].id in q.outcomes[earlier].before
                found.add((q.outcomes[later].id, meant))
    return found


@pytest.mark.parametrize(
    ("questions", "outcomes", "seed"),
    [
        pytest.param(10, 20, 1, id="10q"),
        pytest.param(20, 40, 2, id="20q"),
        pytest.param(30, 60, 3, id="30q"),
        pytest.param(40, 80, 4, id="40q"),
        pytest.param(60, 120, 3, id="60q-benchmark"),
    ],
)
def test_fast_proofs_agree_with_the_reference_on_benchmark_questionnaires(
    tmp_path: Path, questions: int, outcomes: int, seed: int
) -> None:
    """On the benchmark's generated questionnaires both find the same gaps and dead outcomes."""
    path = tmp_path / "generated.yaml"
    path.write_text(_benchmark_generate(questions, outcomes, seed), encoding="utf-8")
    contacts = load_directory([shipped_dir() / "contacts.yaml"])
    proof = assert_agree(load_questionnaire(path, contacts))
    assert len(proof.examples) > outcomes // 2  # a real questionnaire, not a trivial one


SHIPPED = sorted(
    p.stem for p in shipped_dir().glob("*.yaml") if "." not in p.stem and p.stem != "contacts"
)


@pytest.mark.parametrize("name", SHIPPED)
def test_fast_proofs_agree_with_the_reference_on_shipped_questionnaires(name: str) -> None:
    """The shipped questionnaires prove the same with both."""
    contacts = load_directory([shipped_dir() / "contacts.yaml"])
    assert_agree(load_questionnaire(shipped_dir() / f"{name}.yaml", contacts))
