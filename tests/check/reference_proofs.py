"""The reference for the proofs: triage/check/proofs.py as it was before it was made to scale.

Kept unchanged (but for this paragraph) as the oracle of tests/check/test_proofs_reference.py:
one ever-growing solver, each query its own guarded formula, every model read in full. It is
slow (n^3.5 on generated questionnaires) but straightforward; the fast proofs must find the
same properties violated, with examples that really show them. It is the version that reads
kinds through the kind registry, so it knows every kind the fast proofs know (dates too).

Proofs over every complete set of definite answers, with the z3 SMT solver.

A *complete set of definite answers* gives every question the flow asks a definite answer
(yes/no, a whole number, a choice). A question whose ``when`` is definitely false is not
asked, and conditions see its value as unknown, exactly as :func:`triage.core.engine.flow` and
:func:`triage.core.engine.environment` do. Each three-valued condition is encoded as a pair of
booleans, (definitely true, definitely false), which turns Kleene's logic into plain
propositional logic over the answers; the decision rule of :mod:`triage.core.engine` then reads
"outcome *j* is the result" as "*j* is definitely true and every earlier outcome definitely
false".

Four properties are proved for a questionnaire:

- no gap: every complete set of answers has a result other than ``clarify``;
- no dead outcome: every outcome is the result for some complete set of answers;
- no unreachable question: every question is asked for some complete set of answers;
- no idle question: changing the answer to a question changes the outcome, or which of its
  notes and legal bases apply, for some complete set of answers (a warning when it never does).

A fifth check is a warning: a legal basis that can show beside a definitely failed criterion
naming its section (see :func:`names_section`).

Each finding carries example answers that show it. z3 is an optional dependency (the
``proofs`` extra) and is imported only inside :func:`prove`.
"""

from __future__ import annotations

import enum
import importlib.util
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from triage.core.conditions import (
    All,
    Any_,
    Compare,
    Condition,
    Const,
    Not,
    Op,
    Ref,
    evaluate,
    names,
)
from triage.core.engine import candidate_values, environment, flow, outcome_statuses, result_id
from triage.core.kinds import KINDS
from triage.core.model import CLARIFY_ID, Definite, Outcome, Question, Questionnaire

#: The package that provides the solver, and how to install it with this tool.
SOLVER_PACKAGE = "z3-solver"
INSTALL_HINT = "pip install 'rus-triage[proofs]'"


class Check(enum.Enum):
    """The properties a proof can find violated."""

    GAP = "gap"
    DEAD_OUTCOME = "dead_outcome"
    UNREACHABLE = "unreachable"
    IDLE_QUESTION = "idle_question"
    LEGAL_MISFIT = "legal_misfit"


@dataclass(frozen=True, slots=True)
class Finding:
    """One violated property, with example answers that show it (empty when none can).

    ``other`` is, for a gap, the outcome left neither true nor false (empty when every
    outcome is false) and, for a dead outcome, the result its example gives instead.
    ``skipped`` names questions a dead outcome's condition needs that the flow skips for
    the example. An unreachable question has no example: its ``when`` can never hold.
    A legal misfit names the outcome as ``subject``, the failed criterion as ``other`` and
    the section as ``section``.
    """

    check: Check
    subject: str
    answers: Mapping[str, Definite] = field(default_factory=dict)
    other: str = ""
    skipped: tuple[str, ...] = ()
    section: str = ""


@dataclass(frozen=True, slots=True)
class Proof:
    """The findings for one questionnaire, and for each live outcome answers that give it."""

    findings: tuple[Finding, ...]
    examples: Mapping[str, Mapping[str, Definite]]


#: Time the proofs of one questionnaire may take in all, and one solver query, in seconds.
#: When either runs out, the proofs stop with SolverGaveUp naming what was not proved.
BUDGET_SECONDS = 30.0
QUERY_SECONDS = 10.0


class SolverGaveUp(Exception):
    """The solver could not decide a query, or the time ran out: the proofs are incomplete.

    The message says why and names the properties left unproved; ``partial`` holds the
    findings proved before that, each sound on its own.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.partial = Proof((), {})


def available() -> bool:
    """Tell whether the solver is installed."""
    return importlib.util.find_spec("z3") is not None


def prove(
    questionnaire: Questionnaire,
    *,
    budget: float | None = None,
    query: float | None = None,
) -> Proof:
    """Prove the four properties within ``budget`` seconds, each query within ``query``.

    The defaults are BUDGET_SECONDS and QUERY_SECONDS. Raises ImportError when z3 is not
    installed, SolverGaveUp when it cannot decide or the time runs out.
    """
    import z3

    return _Prover(
        z3,
        questionnaire,
        budget=BUDGET_SECONDS if budget is None else budget,
        query=QUERY_SECONDS if query is None else query,
    ).run()


#: What each stage of the proof shows, in the order they run (for SolverGaveUp).
_STAGES = (
    "no gap",
    "no dead outcome",
    "no unreachable question",
    "no idle question",
    "no legal basis beside a failed criterion it names",
)


# --------------------------------------------------------------------------- encoding

Pair = tuple[Any, Any]


class _Encoding:
    """The questionnaire as z3 expressions over one variable per question's answer."""

    def __init__(
        self, z3: Any, questionnaire: Questionnaire, values: Mapping[str, Any], *, with_flow: bool
    ) -> None:
        self.z3 = z3
        self.questionnaire = questionnaire
        self.values = values
        self.questions = {q.id: q for q in questionnaire.questions}
        self.asked: dict[str, Any] = {}
        #: An answer counts only where its question surely applies (see engine._scan).
        self.visible: dict[str, Any] = {}
        self.criteria: dict[str, Pair] = {}
        for question in questionnaire.questions:
            if not with_flow or question.when is None:
                self.asked[question.id] = self.visible[question.id] = z3.BoolVal(True)
            else:
                definitely_true, definitely_false = self.pair(question.when)
                self.asked[question.id] = z3.Not(definitely_false)
                self.visible[question.id] = definitely_true
        for criterion in questionnaire.criteria:
            self.criteria[criterion.id] = self.pair(criterion.when)
        true, false = z3.BoolVal(True), z3.BoolVal(False)
        self.outcomes = [
            (true, false) if o.when is None else self.pair(o.when) for o in questionnaire.outcomes
        ]
        # results[j]: outcome j is the result. A running prefix keeps this linear in size.
        self.results = []
        earlier_false = true
        for definitely_true, definitely_false in self.outcomes:
            self.results.append(z3.And(earlier_false, definitely_true))
            earlier_false = z3.And(earlier_false, definitely_false)
        self.clarify = z3.Not(z3.Or(*self.results))
        # What the report concludes: the result, and for it which notes apply.
        self.signature = list(self.results)
        for result, outcome in zip(self.results, questionnaire.outcomes, strict=True):
            for note in outcome.notes:
                if note.when is not None:
                    self.signature.append(z3.And(result, z3.Not(self.pair(note.when)[1])))
            for basis in outcome.legal_basis:
                if basis.when is not None:
                    self.signature.append(z3.And(result, z3.Not(self.pair(basis.when)[1])))

    def pair(self, condition: Condition) -> Pair:
        """Return (definitely true, definitely false) for a condition."""
        z3 = self.z3
        if isinstance(condition, Const):
            return z3.BoolVal(condition.value), z3.BoolVal(not condition.value)
        if isinstance(condition, Not):
            definitely_true, definitely_false = self.pair(condition.operand)
            return definitely_false, definitely_true
        if isinstance(condition, All | Any_):
            pairs = [self.pair(operand) for operand in condition.operands]
            trues, falses = [p[0] for p in pairs], [p[1] for p in pairs]
            if isinstance(condition, All):
                return z3.And(*trues), z3.Or(*falses)
            return z3.Or(*trues), z3.And(*falses)
        if condition.name in self.criteria:
            definitely_true, definitely_false = self.criteria[condition.name]
            if isinstance(condition, Compare) and (condition.value is True) != (
                condition.op is Op.EQ
            ):
                return definitely_false, definitely_true
            return definitely_true, definitely_false
        visible = self.visible[condition.name]
        holds = self._holds(self.questions[condition.name], condition)
        return z3.And(visible, holds), z3.And(visible, z3.Not(holds))

    def _holds(self, question: Question, condition: Ref | Compare) -> Any:
        z3 = self.z3
        value = self.values[question.id]
        if isinstance(condition, Ref):
            return value
        literals = condition.value if isinstance(condition.value, tuple) else (condition.value,)
        entry = KINDS[question.kind]
        if entry.encoding == "bool":
            wanted = value if literals[0] is True else z3.Not(value)
            return wanted if condition.op is Op.EQ else z3.Not(wanted)
        if entry.encoding == "enum":
            listed = [c.value for c in question.choices]
            # The loader refuses values that are not listed; such a literal never matches.
            points = [listed.index(v) if v in listed else -1 for v in literals]
        else:
            points = [entry.rank(v) for v in literals]
        if condition.op in (Op.IN, Op.EQ):
            return z3.Or(*[value == p for p in points])
        if condition.op in (Op.NOT_IN, Op.NE):
            return z3.And(*[value != p for p in points])
        (point,) = points
        compare = {
            Op.LT: lambda: value < point,
            Op.LE: lambda: value <= point,
            Op.GT: lambda: value > point,
            Op.GE: lambda: value >= point,
        }
        return compare[condition.op]()


def _variable(z3: Any, question: Question, name: str) -> tuple[Any, list[Any]]:
    """Return a z3 variable for an answer to ``question`` and the constraints on its range."""
    entry = KINDS[question.kind]
    if entry.encoding == "bool":
        return z3.Bool(name), []
    value = z3.Int(name)
    if entry.encoding == "enum":
        return value, [value >= 0, value < len(question.choices)]
    low, high = entry.bounds(question)
    bounds = [] if low is None else [value >= low]
    return value, bounds if high is None else [*bounds, value <= high]


# --------------------------------------------------------------------------- proving


class _Prover:
    def __init__(
        self,
        z3: Any,
        questionnaire: Questionnaire,
        *,
        budget: float = BUDGET_SECONDS,
        query: float = QUERY_SECONDS,
    ) -> None:
        self.z3 = z3
        self.questionnaire = questionnaire
        self.budget = budget
        self.query = query
        self.deadline = time.monotonic() + budget
        self.stage = 0
        self.solver = z3.Solver()
        self.values: dict[str, Any] = {}
        for index, question in enumerate(questionnaire.questions):
            value, bounds = _variable(z3, question, f"a{index}")
            self.values[question.id] = value
            self.solver.add(*bounds)
        self.encoding = _Encoding(z3, questionnaire, self.values, with_flow=True)
        self._without_flow: _Encoding | None = None
        self._queries = 0
        #: Total assignments (every question, asked or not) the solver has produced, with
        #: the questions the flow asks and the conclusion for each.
        self.models: list[tuple[dict[str, Definite], set[str], Conclusion]] = []
        self.live: dict[str, dict[str, Definite]] = {}
        self.reachable: set[str] = set()

    def run(self) -> Proof:
        findings: list[Finding] = []
        try:
            self._run(findings)
        except SolverGaveUp as gave_up:
            gave_up.partial = Proof(tuple(findings), dict(self.live))
            raise
        return Proof(tuple(findings), dict(self.live))

    def _run(self, findings: list[Finding]) -> None:
        enc = self.encoding
        total = self._solve(enc.clarify)
        if total is not None:
            answers = self._asked(total)
            findings.append(Finding(Check.GAP, "", answers, other=self._open_outcome(answers)))
        self.stage = 1
        for index, outcome in enumerate(self.questionnaire.outcomes):
            if outcome.id not in self.live and self._solve(enc.results[index]) is None:
                findings.append(self._dead(index))
        self.stage = 2
        for question in self.questionnaire.questions:
            if question.id not in self.reachable and self._solve(enc.asked[question.id]) is None:
                findings.append(self._unreachable(question))
        self.stage = 3
        for question in self.questionnaire.questions:
            self._check_time()
            if question.id in self.reachable and not self._changes_seen(question):
                finding = self._idle(question)
                if finding is not None:
                    findings.append(finding)
        self.stage = 4
        findings.extend(self._legal_misfits())

    def _check_time(self) -> float:
        """Return the seconds left; raise SolverGaveUp when the budget is used up."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self._gave_up(f"the time budget of {self.budget:g} s ran out")
        return left

    def _gave_up(self, reason: str) -> SolverGaveUp:
        return SolverGaveUp(f"{reason}; not proved: {', '.join(_STAGES[self.stage :])}")

    def _legal_misfits(self) -> list[Finding]:
        """Find legal bases that can show beside a definitely failed criterion they name."""
        enc = self.encoding
        z3 = self.z3
        found = []
        for index, outcome in enumerate(self.questionnaire.outcomes):
            if outcome.legal_basis:
                self._check_time()
            for basis in outcome.legal_basis:
                shown = z3.BoolVal(True) if basis.when is None else z3.Not(enc.pair(basis.when)[1])
                for criterion in self.questionnaire.criteria:
                    if not names_section(criterion.text.get("nb"), basis.section):
                        continue
                    failed = enc.criteria[criterion.id][1]
                    total = self._solve(enc.results[index], shown, failed)
                    if total is not None:
                        found.append(
                            Finding(
                                Check.LEGAL_MISFIT,
                                outcome.id,
                                self._asked(total),
                                other=criterion.id,
                                section=basis.section,
                            )
                        )
        return found

    def _solve(self, *constraints: Any) -> dict[str, Definite] | None:
        """Return a total assignment satisfying the constraints, or None; learn from it."""
        z3 = self.z3
        left = self._check_time()
        self._queries += 1
        # Each query is guarded by its own literal, so the solver keeps what it learnt.
        guard = z3.Bool(f"query{self._queries}")
        self.solver.add(z3.Implies(guard, z3.And(*constraints)))
        self.solver.set("timeout", max(1, int(min(left, self.query) * 1000)))
        verdict = self.solver.check(guard)
        if verdict == z3.unknown:
            # Never read "don't know" as "impossible": that would report false findings.
            reason = self.solver.reason_unknown()
            if reason in ("timeout", "canceled"):
                self._check_time()
                reason = f"a query took more than {self.query:g} s"
            raise self._gave_up(reason)
        if verdict != z3.sat:
            return None
        total = self._read(self.solver.model())
        answers = self._asked(total)
        concluded = conclusion(self.questionnaire, total)
        self.models.append((total, set(answers), concluded))
        self.reachable.update(answers)
        if concluded[0] != CLARIFY_ID:
            self.live.setdefault(concluded[0], answers)
        return total

    def _read(self, model: Any) -> dict[str, Definite]:
        """Read an answer to every question from a model."""
        z3 = self.z3
        total: dict[str, Definite] = {}
        for question in self.questionnaire.questions:
            value = model.eval(self.values[question.id], model_completion=True)
            entry = KINDS[question.kind]
            if entry.encoding == "bool":
                total[question.id] = z3.is_true(value)
            elif entry.encoding == "int":
                total[question.id] = entry.unrank(value.as_long())
            else:
                total[question.id] = question.choices[value.as_long()].value
        return total

    def _asked(self, total: Mapping[str, Definite]) -> dict[str, Definite]:
        """Keep the answers to the questions the flow asks: a complete set of answers."""
        return {q.id: total[q.id] for q in flow(self.questionnaire, total)}

    def _open_outcome(self, answers: Mapping[str, Definite]) -> str:
        """Return the first outcome that is neither true nor false for the answers, if any."""
        statuses = outcome_statuses(self.questionnaire, answers)
        for outcome, status in zip(self.questionnaire.outcomes, statuses, strict=True):
            if status is None:
                return outcome.id
        return ""

    def _without(self) -> _Encoding:
        if self._without_flow is None:
            self._without_flow = _Encoding(
                self.z3, self.questionnaire, self.values, with_flow=False
            )
        return self._without_flow

    def _example(
        self, flowing: Any | None, ignoring_flow: Any, needs: Condition
    ) -> tuple[dict[str, Definite], tuple[str, ...]]:
        """Find answers where a condition holds: in the flow, or else ignoring the flow.

        Returns the answers (empty when there are none) and, for answers found only by
        ignoring the flow, the questions the condition needs that the flow then skips.
        """
        total = None if flowing is None else self._solve(flowing)
        if total is not None:
            return self._asked(total), ()
        total = self._solve(ignoring_flow)
        if total is None:
            return {}, ()
        asked = self._asked(total)
        needed = self._questions_in(needs)
        skipped = tuple(q.id for q in self.questionnaire.questions if q.id in needed - set(asked))
        return total, skipped

    def _questions_in(self, condition: Condition) -> set[str]:
        criteria = {c.id: c.when for c in self.questionnaire.criteria}
        found: set[str] = set()
        for name in names(condition):
            found.update(names(criteria[name]) if name in criteria else (name,))
        return found

    def _dead(self, index: int) -> Finding:
        outcome = self.questionnaire.outcomes[index]
        answers, skipped = self._example(
            self.encoding.outcomes[index][0],
            self._without().outcomes[index][0],
            outcome.when if outcome.when is not None else Const(True),
        )
        other = result_id(self.questionnaire, answers) if answers and not skipped else ""
        return Finding(Check.DEAD_OUTCOME, outcome.id, answers, other, skipped)

    def _unreachable(self, question: Question) -> Finding:
        # No example can show it: were the 'when' true for some answers with every question
        # answered, it would be true or unknown, never false, for the answers the flow asks
        # (Kleene's logic is monotone), so the question would be asked.
        return Finding(Check.UNREACHABLE, question.id)

    def _changes_seen(self, question: Question) -> bool:
        """Tell whether another answer to ``question`` changes a conclusion already seen.

        A cheap search before asking the solver: it tries each relevant value of the question
        in the assignments found so far, those whose result mentions the question first.
        """
        mentions = {
            o.id
            for o in self.questionnaire.outcomes
            if any(question.id in self._questions_in(c) for c in _conditions_of(o))
        }
        seen = sorted(
            (m for m in self.models if question.id in m[1]),
            key=lambda m: m[2][0] not in mentions,
        )
        values = [
            v
            for v in candidate_values(self.questionnaire, question)
            if isinstance(v, bool | int | str)
        ]
        for total, _, before in seen[: len(mentions) + 8]:
            for value in values:
                if conclusion(self.questionnaire, {**total, question.id: value}) != before:
                    return True
        return False

    def _idle(self, question: Question) -> Finding | None:
        """Return a finding when no other answer to ``question`` ever changes the conclusion."""
        z3 = self.z3
        enc = self.encoding
        other, bounds = _variable(z3, question, "alternative")
        size = len(enc.signature)
        first = [z3.Bool(f"s{i}") for i in range(size)]
        second = [z3.Bool(f"t{i}") for i in range(size)]
        defined = z3.And(*[s == e for s, e in zip(first, enc.signature, strict=True)])
        renamed = z3.substitute(
            defined,
            (self.values[question.id], other),
            *zip(first, second, strict=True),
        )
        differs = z3.Or(*[s != t for s, t in zip(first, second, strict=True)])
        if self._solve(*bounds, defined, renamed, differs) is not None:
            return None
        total = self._solve(enc.asked[question.id])
        assert total is not None  # the question is reachable
        return Finding(Check.IDLE_QUESTION, question.id, self._asked(total))


def names_section(text: str, section: str) -> bool:
    """Tell whether ``text`` mentions ``section`` as written (not followed by a digit).

    «§ 10-2» is named by «Helsen i fare (§ 10-2)» but not by «§ 10-21» or «§§ 10-2».
    """
    return re.search(r"(?<!§)" + re.escape(section) + r"(?![0-9])", text) is not None


def _conditions_of(outcome: Outcome) -> list[Condition]:
    found = [] if outcome.when is None else [outcome.when]
    found.extend(note.when for note in outcome.notes if note.when is not None)
    found.extend(basis.when for basis in outcome.legal_basis if basis.when is not None)
    return found


#: What a report concludes: the result's id and, for each of its notes, whether it applies.
Conclusion = tuple[str, tuple[bool, ...]]


def conclusion(questionnaire: Questionnaire, answers: Mapping[str, Definite]) -> Conclusion:
    """Return what a report concludes: the result and, for it, which notes and bases apply.

    ``answers`` may answer every question: those the flow skips are dropped, as in the engine.
    """
    env = environment(questionnaire, answers)
    for outcome in questionnaire.outcomes:
        status = True if outcome.when is None else evaluate(outcome.when, env)
        if status is None:
            break
        if status:
            shown = [n.when for n in outcome.notes] + [b.when for b in outcome.legal_basis]
            return outcome.id, tuple(
                when is None or evaluate(when, env) is not False for when in shown
            )
    return CLARIFY_ID, ()
