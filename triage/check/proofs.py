"""Proofs over every complete set of definite answers, with the z3 SMT solver.

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
naming its section (see :func:`names_section`). The sixth lists overlaps: pairs of outcomes
whose conditions can both be definitely true, so that only their order decides (the earlier
wins); an outcome's ``before`` marks such an order as intended.

How it scales: each outcome's "definitely true" and "it and every earlier one definitely
false" are named once, so "outcome *j* is the result" is a query under two assumptions that
adds nothing to the solver; every model is read with one evaluation (see :class:`_Reader`);
what depends only on the questionnaire is worked out once; and the search for idle
questions and for overlaps first tries the models already found.

Each finding carries example answers that show it. z3 is an optional dependency (the
``proofs`` extra) and is imported only inside :func:`prove`.
"""

from __future__ import annotations

import enum
import functools
import importlib.util
import itertools
import re
import time
from collections.abc import Callable, Mapping
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
    walk,
)
from triage.core.engine import environment, flow, outcome_statuses, result_id
from triage.core.kinds import KINDS
from triage.core.model import (
    CLARIFY_ID,
    UNKNOWN,
    AnswerValue,
    Criterion,
    Definite,
    Outcome,
    Question,
    Questionnaire,
)

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
    OVERLAP = "overlap"


@dataclass(frozen=True, slots=True)
class Finding:
    """One violated property, with example answers that show it (empty when none can).

    ``other`` is, for a gap, the outcome left neither true nor false (empty when every
    outcome is false) and, for a dead outcome, the result its example gives instead.
    ``skipped`` names questions a dead outcome's condition needs that the flow skips for
    the example. An unreachable question has no example: its ``when`` can never hold.
    A legal misfit names the outcome as ``subject``, the failed criterion as ``other`` and
    the section as ``section``. An overlap names the later outcome as ``subject``, the
    earlier ones that hold with it for the example as ``overlaps`` (the first as ``other``),
    and whether those name it in their ``before`` (``intended``): an outcome can have one
    finding for intended overlaps and one for the others.
    """

    check: Check
    subject: str
    answers: Mapping[str, Definite] = field(default_factory=dict)
    other: str = ""
    skipped: tuple[str, ...] = ()
    section: str = ""
    overlaps: tuple[str, ...] = ()
    intended: bool = False


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
    overlaps: bool = True,
) -> Proof:
    """Prove the properties within ``budget`` seconds, each query within ``query``.

    The defaults are BUDGET_SECONDS and QUERY_SECONDS; ``overlaps`` False leaves out the
    search for overlapping outcomes. Raises ImportError when z3 is not installed,
    SolverGaveUp when it cannot decide or the time runs out.
    """
    import z3

    return _Prover(
        z3,
        questionnaire,
        budget=BUDGET_SECONDS if budget is None else budget,
        query=QUERY_SECONDS if query is None else query,
        overlaps=overlaps,
    ).run()


#: What each stage of the proof shows, in the order they run (for SolverGaveUp).
_STAGES = (
    "no gap",
    "no dead outcome",
    "no unreachable question",
    "no idle question",
    "no legal basis beside a failed criterion it names",
    "which outcomes overlap",
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

    # What follows is built when first used: an encoding made to explain one dead outcome
    # needs only that outcome's condition.

    @functools.cached_property
    def outcomes(self) -> list[Pair]:
        """Return (definitely true, definitely false) for each outcome's condition."""
        true, false = self.z3.BoolVal(True), self.z3.BoolVal(False)
        return [
            (true, false) if o.when is None else self.pair(o.when)
            for o in self.questionnaire.outcomes
        ]

    @functools.cached_property
    def results(self) -> list[Any]:
        """Return for each outcome: it is the result. A running prefix keeps this linear."""
        z3 = self.z3
        results = []
        earlier_false = z3.BoolVal(True)
        for definitely_true, definitely_false in self.outcomes:
            results.append(z3.And(earlier_false, definitely_true))
            earlier_false = z3.And(earlier_false, definitely_false)
        return results

    @functools.cached_property
    def signature(self) -> list[Any]:
        """Return what the report concludes: the result, and for it which notes apply."""
        z3 = self.z3
        signature = list(self.results)
        for result, outcome in zip(self.results, self.questionnaire.outcomes, strict=True):
            for note in outcome.notes:
                if note.when is not None:
                    signature.append(z3.And(result, z3.Not(self.pair(note.when)[1])))
            for basis in outcome.legal_basis:
                if basis.when is not None:
                    signature.append(z3.And(result, z3.Not(self.pair(basis.when)[1])))
        return signature

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


# --------------------------------------------------------------------------- reading models


class _Reader:
    """Read every answer from a model with one evaluation instead of one per question.

    Yes/no, choice and bounded number answers are packed into one whole number: yes/no
    answers as its lowest bits, then the others each as a digit of a mixed radix (as wide
    as its range). z3 evaluates that sum once and Python takes it apart. A question whose
    range is open is read on its own.
    """

    def __init__(self, z3: Any, questionnaire: Questionnaire, values: Mapping[str, Any]) -> None:
        self.z3 = z3
        self.values = values
        self.order = [q.id for q in questionnaire.questions]
        kinds = {q.id: KINDS[q.kind] for q in questionnaire.questions}
        self.bits = [q for q in questionnaire.questions if kinds[q.id].encoding == "bool"]
        terms = [
            z3.If(values[q.id], z3.IntVal(1 << i), z3.IntVal(0)) for i, q in enumerate(self.bits)
        ]
        #: (question, lowest rank, number of answers), in the order of the digits.
        self.digits: list[tuple[Question, int, int]] = []
        self.single: list[Question] = []
        weight = 1 << len(self.bits)
        for question in questionnaire.questions:
            value = values[question.id]
            encoding = kinds[question.id].encoding
            if encoding == "bool":
                continue
            if encoding == "enum":
                low, high = 0, len(question.choices) - 1
            else:
                lowest, highest = kinds[question.id].bounds(question)
                if lowest is None or highest is None:
                    self.single.append(question)
                    continue
                low, high = lowest, highest
            size = high - low + 1
            terms.append((value - low) * weight)
            self.digits.append((question, low, size))
            weight *= size
        self.packed = z3.Sum(terms) if terms else None

    def read(self, model: Any) -> dict[str, Definite]:
        """Return an answer to every question from a model (unassigned ones completed)."""
        total: dict[str, Definite] = {}
        if self.packed is not None:
            packed = model.eval(self.packed, model_completion=True).as_long()
            if self.bits:
                # One string for all the bits: far cheaper than a big-number division each.
                flags = format(packed & ((1 << len(self.bits)) - 1), f"0{len(self.bits)}b")
                for question, flag in zip(self.bits, reversed(flags), strict=True):
                    total[question.id] = flag == "1"
                packed >>= len(self.bits)
            for question, low, size in self.digits:
                packed, digit = divmod(packed, size)
                total[question.id] = _definite(question, low + digit)
        for question in self.single:
            value = model.eval(self.values[question.id], model_completion=True)
            total[question.id] = _definite(
                question,
                self.z3.is_true(value) if self.z3.is_bool(value) else value.as_long(),
            )
        return {ident: total[ident] for ident in self.order}


def _definite(question: Question, value: int | bool) -> Definite:
    """Return the answer a solver's value (a truth value, a choice's index, a rank) stands for."""
    entry = KINDS[question.kind]
    if entry.encoding == "bool":
        return bool(value)
    if entry.encoding == "enum":
        return question.choices[int(value)].value
    return entry.unrank(int(value))


# --------------------------------------------------------------------------- proving


@dataclass(slots=True)
class _Model:
    """One total assignment from the solver, with what the engine makes of it."""

    total: dict[str, Definite]
    #: The answers to the questions the flow asks: a complete set of answers.
    answers: dict[str, Definite]
    #: The index of the outcome that is the result, or None for clarify.
    result: int | None
    #: The conclusion, worked out when first needed.
    concluded: Conclusion | None = None
    #: The outcomes whose condition is definitely true, as bits (when overlaps are sought).
    holding: int = 0


class _Prover:
    def __init__(
        self,
        z3: Any,
        questionnaire: Questionnaire,
        *,
        budget: float = BUDGET_SECONDS,
        query: float = QUERY_SECONDS,
        overlaps: bool = True,
    ) -> None:
        self.z3 = z3
        self.questionnaire = questionnaire
        self.budget = budget
        self.query = query
        self.deadline = time.monotonic() + budget
        self.stage = 0
        # Truth values and whole numbers compared with constants: the solver for that logic
        # is several times faster than the general one on the many small queries below.
        self.solver = z3.SolverFor("QF_LIA")
        # A compact model costs more to build than it saves: each is read once.
        self.solver.set("model.compact", False)
        self.values: dict[str, Any] = {}
        for index, question in enumerate(questionnaire.questions):
            value, bounds = _variable(z3, question, f"a{index}")
            self.values[question.id] = value
            self.solver.add(*bounds)
        self.encoding = _Encoding(z3, questionnaire, self.values, with_flow=True)
        self._define_results()
        self.reader = _Reader(z3, questionnaire, self.values)
        self._without_flow: _Encoding | None = None
        self._queries = 0
        #: Every assignment the solver has produced, in order.
        self.models: list[_Model] = []
        self.live: dict[str, dict[str, Definite]] = {}
        self.reachable: set[str] = set()
        # What depends only on the questionnaire, worked out once.
        self.criteria = {c.id: c.when for c in questionnaire.criteria}
        self.index = {o.id: i for i, o in enumerate(questionnaire.outcomes)}
        self.questions = {q.id: q for q in questionnaire.questions}
        self.depends: dict[Condition, tuple[list[Question], list[Criterion]]] = {}
        #: The models by the index of their result, for the search for idle questions.
        self.by_result: dict[int | None, list[int]] = {}
        self.indexed = 0
        self.mentions = _mentions(questionnaire, self._questions_in)
        self.candidates = _candidates(questionnaire)
        # Outcomes that can overlap another: a condition that is always true (a last
        # outcome that catches the rest) overlaps everything by design.
        self.overlapping = [
            index
            for index, outcome in enumerate(questionnaire.outcomes)
            if outcome.when is not None and outcome.when != Const(True)
        ]
        self.holding = (
            z3.Sum(
                z3.IntVal(0),
                *[z3.If(self.true[i], z3.IntVal(1 << i), z3.IntVal(0)) for i in self.overlapping],
            )
            if overlaps
            else None
        )

    def _define_results(self) -> None:
        """Name each outcome's 'definitely true' and 'it and every earlier one definitely false'.

        The definitions are asserted once, so "outcome j is the result" is two assumptions
        (every earlier outcome false, j true): such a query adds nothing to the solver, which
        keeps what it learnt, and no query grows with the number of outcomes before it.
        """
        z3 = self.z3
        self.true: list[Any] = []
        self.false_to: list[Any] = []
        earlier_false = z3.BoolVal(True)
        for index, (definitely_true, definitely_false) in enumerate(self.encoding.outcomes):
            true, false_to = z3.Bool(f"true{index}"), z3.Bool(f"false_to{index}")
            self.solver.add(true == definitely_true)
            self.solver.add(false_to == z3.And(earlier_false, definitely_false))
            self.true.append(true)
            self.false_to.append(false_to)
            earlier_false = false_to

    def _result(self, index: int) -> tuple[Any, ...]:
        """Return the assumptions under which outcome ``index`` is the result."""
        if index == 0:
            return (self.true[0],)
        return (self.false_to[index - 1], self.true[index])

    def run(self) -> Proof:
        findings: list[Finding] = []
        try:
            self._run(findings)
        except SolverGaveUp as gave_up:
            gave_up.partial = Proof(tuple(findings), dict(self.live))
            raise
        return Proof(tuple(findings), dict(self.live))

    def _run(self, findings: list[Finding]) -> None:
        z3 = self.z3
        enc = self.encoding
        outcomes = self.questionnaire.outcomes
        clarify = z3.And(*[z3.Not(z3.And(*self._result(i))) for i in range(len(outcomes))])
        total = self._solve(clarify, result=None)
        if total is not None:
            answers = self._asked(total)
            findings.append(Finding(Check.GAP, "", answers, other=self._open_outcome(answers)))
        self.stage = 1
        for index, outcome in enumerate(outcomes):
            if (
                outcome.id not in self.live
                and self._solve(*self._result(index), result=index) is None
            ):
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
        if self.holding is not None:
            self.stage = 5
            findings.extend(self._overlaps())

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
                    total = self._solve(shown, failed, *self._result(index), result=index)
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

    def _solve(self, *constraints: Any, result: int | None = -1) -> dict[str, Definite] | None:
        """Return a total assignment satisfying the constraints, or None; learn from it.

        Constraints that are plain named truth values are passed as assumptions; any other
        is guarded by a fresh literal, so the solver keeps what it learns across queries.
        ``result`` is the index of the outcome the constraints make the result (None for
        clarify) when the caller knows it; otherwise (-1) the engine works it out.
        """
        z3 = self.z3
        left = self._check_time()
        assumptions = []
        for constraint in constraints:
            if (
                z3.is_const(constraint)
                and z3.is_bool(constraint)
                and not z3.is_true(constraint)
                and not z3.is_false(constraint)
            ):
                assumptions.append(constraint)
            else:
                self._queries += 1
                guard = z3.Bool(f"query{self._queries}")
                self.solver.add(z3.Implies(guard, constraint))
                assumptions.append(guard)
        self.solver.set("timeout", max(1, int(min(left, self.query) * 1000)))
        verdict = self.solver.check(*assumptions)
        if verdict == z3.unknown:
            # Never read "don't know" as "impossible": that would report false findings.
            reason = self.solver.reason_unknown()
            if reason in ("timeout", "canceled"):
                self._check_time()
                reason = f"a query took more than {self.query:g} s"
            raise self._gave_up(reason)
        if verdict != z3.sat:
            return None
        model = self.solver.model()
        total = self.reader.read(model)
        answers = self._asked(total)
        if result == -1:
            result = _result(self.questionnaire, answers)
        holding = (
            0 if self.holding is None else model.eval(self.holding, model_completion=True).as_long()
        )
        self.models.append(_Model(total, answers, result, holding=holding))
        self.reachable.update(answers)
        if result is not None:
            self.live.setdefault(self.questionnaire.outcomes[result].id, answers)
        return total

    def _overlaps(self) -> list[Finding]:
        """Find, for each live outcome, answers where an earlier one holds too.

        Pairs are many, so this asks per outcome, not per pair: are there answers where it
        and any earlier outcome are definitely true? First among the models already found,
        then with one query; the finding names every earlier outcome that holds for the
        example. Earlier outcomes whose ``before`` names it are asked about apart, so what
        is intended and what is not each get their own finding.
        """
        z3 = self.z3
        outcomes = self.questionnaire.outcomes
        candidates = sum(
            1 << index for index in self.overlapping if outcomes[index].id in self.live
        )
        # "Some earlier candidate holds", named once per outcome like the results: where no
        # 'before' splits the earlier outcomes, a query is two assumptions again.
        some_to: list[Any] = []
        anyone = z3.BoolVal(False)
        for index in range(len(outcomes)):
            if candidates >> index & 1:
                named = z3.Bool(f"some_to{index}")
                self.solver.add(named == z3.Or(anyone, self.true[index]))
                anyone = named
            some_to.append(anyone)
        holding: dict[int, list[_Model]] = {}
        for model in self.models:
            for index in _bits(model.holding & candidates):
                holding.setdefault(index, []).append(model)
        found: list[Finding] = []
        for later in _bits(candidates):
            self._check_time()
            earlier = candidates & ((1 << later) - 1)
            meant = sum(
                1 << index
                for index in _bits(earlier)
                if outcomes[later].id in outcomes[index].before
            )
            for group, intended in ((earlier & ~meant, False), (meant, True)):
                if not group:
                    continue
                example = next((m for m in holding.get(later, ()) if m.holding & group), None)
                if example is None:
                    if group == earlier:
                        anyone = some_to[later - 1]
                    else:
                        anyone = z3.Or(*[self.true[index] for index in _bits(group)])
                    if self._solve(self.true[later], anyone) is None:
                        continue
                    example = self.models[-1]
                    for index in _bits(example.holding & candidates):
                        holding.setdefault(index, []).append(example)
                both = _bits(example.holding & group)
                found.append(
                    Finding(
                        Check.OVERLAP,
                        outcomes[later].id,
                        example.answers,
                        other=outcomes[both[0]].id,
                        overlaps=tuple(outcomes[index].id for index in both),
                        intended=intended,
                    )
                )
        return found

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
        found: set[str] = set()
        for name in names(condition):
            found.update(names(self.criteria[name]) if name in self.criteria else (name,))
        return found

    def _dead(self, index: int) -> Finding:
        outcome = self.questionnaire.outcomes[index]
        answers, skipped = self._example(
            self.true[index],
            self._without().pair(outcome.when if outcome.when is not None else Const(True))[0],
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
        mentions = self.mentions[question.id]
        for model in self._seen(question.id, mentions)[: len(mentions) + 8]:
            for value in self.candidates[question.id]:
                if value != model.total[question.id] and self._differs(
                    model, {**model.total, question.id: value}
                ):
                    return True
        return False

    def _seen(self, question: str, mentions: set[str]) -> list[_Model]:
        """Return the models that ask ``question``, those whose result mentions it first."""
        for number in range(self.indexed, len(self.models)):
            self.by_result.setdefault(self.models[number].result, []).append(number)
        self.indexed = len(self.models)
        first = sorted(
            number
            for outcome in mentions
            for number in self.by_result.get(self.index[outcome], ())
            if question in self.models[number].answers
        )
        chosen = set(first)
        rest = (
            number
            for number, model in enumerate(self.models)
            if number not in chosen and question in model.answers
        )
        limit = len(mentions) + 8
        return [self.models[n] for n in first[:limit]] + [
            self.models[n] for n in itertools.islice(rest, max(0, limit - len(first)))
        ]

    def _differs(self, model: _Model, changed: Mapping[str, Definite]) -> bool:
        """Tell whether changed answers lead to another conclusion than the model's."""
        if model.result is not None:
            # Cheap first: the result changes when its outcome no longer surely holds, which
            # only the questions and criteria its condition depends on can tell.
            when = self.questionnaire.outcomes[model.result].when
            if when is not None and evaluate(when, self._environment(when, changed)) is not True:
                return True
        if model.concluded is None:
            model.concluded = conclusion(self.questionnaire, model.total)
        return conclusion(self.questionnaire, changed) != model.concluded

    def _environment(
        self, condition: Condition, total: Mapping[str, Definite]
    ) -> dict[str, AnswerValue]:
        """Return what engine.environment gives for the names ``condition`` depends on."""
        questions, criteria = self._depends(condition)
        env: dict[str, AnswerValue] = {}
        for question in questions:
            if question.when is None or evaluate(question.when, env) is True:
                env[question.id] = total[question.id]
        for criterion in criteria:
            status = evaluate(criterion.when, env)
            env[criterion.id] = UNKNOWN if status is None else status
        return env

    def _depends(self, condition: Condition) -> tuple[list[Question], list[Criterion]]:
        """Return the questions and criteria a condition depends on, through the flow too."""
        cached = self.depends.get(condition)
        if cached is not None:
            return cached
        todo = list(names(condition))
        seen: set[str] = set()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in self.criteria:
                todo.extend(names(self.criteria[name]))
            elif name in self.questions and self.questions[name].when is not None:
                todo.extend(names(self.questions[name].when))  # type: ignore[arg-type]
        found = (
            [q for q in self.questionnaire.questions if q.id in seen],
            [c for c in self.questionnaire.criteria if c.id in seen],
        )
        self.depends[condition] = found
        return found

    def _idle(self, question: Question) -> Finding | None:
        """Return a finding when no other answer to ``question`` ever changes the conclusion.

        One query: some answers, and another answer to this question, whose conclusions
        differ. Only what depends on the question is encoded a second time: the outcomes
        before the first that uses it conclude the same either way.
        """
        z3 = self.z3
        enc = self.encoding
        other, bounds = _variable(z3, question, "alternative")
        swap = (self.values[question.id], other)

        def uses(condition: Condition | None) -> bool:
            return condition is not None and any(
                q.id == question.id for q in self._depends(condition)[0]
            )

        def second(pair: Pair, condition: Condition | None) -> Pair:
            if not uses(condition):
                return pair
            return z3.substitute(pair[0], swap), z3.substitute(pair[1], swap)

        self._queries += 1
        defined: list[Any] = []
        differs: list[Any] = []
        earlier_again = z3.BoolVal(True)
        apart = False  # whether the two copies can differ from this outcome on
        for index, outcome in enumerate(self.questionnaire.outcomes):
            apart = apart or uses(outcome.when)
            result = z3.And(*self._result(index))
            if apart:
                # The pair itself, not the named literal self.true[index]: substituting the
                # answer reaches into an expression, never into a name defined elsewhere.
                true_again, false_again = second(enc.outcomes[index], outcome.when)
                again = z3.Bool(f"idle{self._queries}_{index}")
                defined.append(again == z3.And(earlier_again, false_again))
                result_again = z3.And(earlier_again, true_again)
                differs.append(result != result_again)
                earlier_again = again
            else:
                result_again = result
                earlier_again = self.false_to[index]
            shown = [n.when for n in outcome.notes] + [b.when for b in outcome.legal_basis]
            for when in shown:
                if when is None or not (apart or uses(when)):
                    continue
                pair = enc.pair(when)
                differs.append(
                    z3.And(result, z3.Not(pair[1]))
                    != z3.And(result_again, z3.Not(second(pair, when)[1]))
                )
        if differs and self._solve(*bounds, *defined, z3.Or(*differs)) is not None:
            return None
        total = self._solve(enc.asked[question.id])
        assert total is not None  # the question is reachable
        return Finding(Check.IDLE_QUESTION, question.id, self._asked(total))


def _result(questionnaire: Questionnaire, answers: Mapping[str, Definite]) -> int | None:
    """Return the index of the outcome the answers decide, or None for clarify.

    As engine.result_id, but it stops at the first outcome not definitely false.
    """
    env = environment(questionnaire, answers)
    for index, outcome in enumerate(questionnaire.outcomes):
        status = True if outcome.when is None else evaluate(outcome.when, env)
        if status is not False:
            return index if status else None
    return None


def _bits(number: int) -> list[int]:
    """Return the positions of the bits set in ``number``, lowest first."""
    found = []
    while number:
        lowest = number & -number
        found.append(lowest.bit_length() - 1)
        number ^= lowest
    return found


def _mentions(
    questionnaire: Questionnaire, questions_in: Callable[[Condition], set[str]]
) -> dict[str, set[str]]:
    """Return, for each question, the outcomes whose conditions (or notes, bases) use it."""
    found: dict[str, set[str]] = {q.id: set() for q in questionnaire.questions}
    for outcome in questionnaire.outcomes:
        for condition in _conditions_of(outcome):
            for name in questions_in(condition):
                found[name].add(outcome.id)
    return found


def _candidates(questionnaire: Questionnaire) -> dict[str, tuple[Definite, ...]]:
    """Return engine.candidate_values for every question, in one pass over the conditions."""
    literals: dict[str, list[object]] = {q.id: [] for q in questionnaire.questions}
    conditions = [q.when for q in questionnaire.questions if q.when is not None]
    conditions.extend(c.when for c in questionnaire.criteria)
    for outcome in questionnaire.outcomes:
        conditions.extend(_conditions_of(outcome))
    for condition in conditions:
        for node in walk(condition):
            if isinstance(node, Compare) and node.name in literals:
                literals[node.name].extend(
                    node.value if isinstance(node.value, tuple) else (node.value,)
                )
    return {
        q.id: tuple(
            v
            for v in KINDS[q.kind].candidates(q, literals[q.id])
            if isinstance(v, bool | int | str)
        )
        for q in questionnaire.questions
    }


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
