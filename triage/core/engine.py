"""Pure decision functions: the flow of questions, the outcome, and why.

The rule that keeps every definite result sound: the result is the first outcome whose
condition is definitely true while every outcome before it is definitely false. Because
Kleene's logic is monotone (learning an answer only turns unknown into true or false),
no answer to a question still unknown can turn such a result into another outcome.
Otherwise the result is ``clarify``, with the questions whose answers could change it, the
outcomes still possible, and what each answer to those questions would lead to.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from triage.core.conditions import Compare, Condition, Tri, evaluate, names, residual, walk
from triage.core.kinds import KINDS
from triage.core.model import (
    CLARIFY_ID,
    UNKNOWN,
    Answers,
    AnswerValue,
    Question,
    Questionnaire,
)

if TYPE_CHECKING:
    from triage.core.results import Branch as Branch
    from triage.core.results import CriterionResult as CriterionResult
    from triage.core.results import Decision as Decision
    from triage.core.results import LegalResult as LegalResult
    from triage.core.results import NoteResult as NoteResult
    from triage.core.results import OpenQuestion as OpenQuestion

#: The result types, created with the first decision (``triage.core.results``).
RESULTS = frozenset(
    {"Branch", "CriterionResult", "Decision", "LegalResult", "NoteResult", "OpenQuestion"}
)


def __getattr__(name: str) -> object:
    """Return a result type (``from triage.core.engine import Decision`` keeps working)."""
    if name in RESULTS:
        from triage.core import results

        return getattr(results, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _scan(
    questionnaire: Questionnaire, answers: Answers
) -> tuple[tuple[Question, ...], dict[str, AnswerValue]]:
    """Walk the questions once: which are asked, and which answers conditions may see.

    A question is asked unless its ``when`` is definitely false. Its answer counts only once
    its ``when`` is definitely true: while the ``when`` is still unknown, a later answer
    could make the question not apply and drop the answer, so relying on it could turn a
    definite result into something else. This keeps every result monotone: learning an
    answer never changes a definite result. A ``when`` names only earlier questions, so one
    pass in order settles everything.
    """
    asked: list[Question] = []
    visible: dict[str, AnswerValue] = {}
    for question in questionnaire.questions:
        status = True if question.when is None else evaluate(question.when, visible)
        if status is False:
            continue
        asked.append(question)
        if status is True and question.id in answers:
            visible[question.id] = answers[question.id]
    return tuple(asked), visible


def flow(questionnaire: Questionnaire, answers: Answers) -> tuple[Question, ...]:
    """Return the questions that apply, in asking order, given the answers so far."""
    return _scan(questionnaire, answers)[0]


def flow_may_shrink(questionnaire: Questionnaire, answers: Answers) -> bool:
    """Return whether a question in the flow may still drop out (the count is an upper bound).

    That is so while some question's ``when`` is not yet surely true and waits on a question
    not answered yet; an answered «Vet ikke» keeps its questions in the flow for good.
    """
    questions, visible = _scan(questionnaire, answers)
    return any(
        question.when is not None
        and evaluate(question.when, visible) is not True
        and not _depends_on(questionnaire, question.when) <= answers.keys()
        for question in questions
    )


def effective_answers(questionnaire: Questionnaire, answers: Answers) -> dict[str, AnswerValue]:
    """Return the answers to questions that apply, in asking order; others are dropped."""
    return {q.id: answers[q.id] for q in flow(questionnaire, answers) if q.id in answers}


def dropped_answers(questionnaire: Questionnaire, answers: Answers) -> tuple[str, ...]:
    """Return the ids of answers given to questions that no longer apply."""
    kept = effective_answers(questionnaire, answers)
    return tuple(q.id for q in questionnaire.questions if q.id in answers and q.id not in kept)


def next_question(questionnaire: Questionnaire, answers: Answers) -> Question | None:
    """Return the first question that applies and has no answer yet, or None when done."""
    return next((q for q in flow(questionnaire, answers) if q.id not in answers), None)


def environment(questionnaire: Questionnaire, answers: Answers) -> dict[str, AnswerValue]:
    """Return the values conditions see: answers whose question surely applies, then criteria."""
    return _with_criteria(questionnaire, _scan(questionnaire, answers)[1])


def _with_criteria(questionnaire: Questionnaire, answers: Answers) -> dict[str, AnswerValue]:
    env: dict[str, AnswerValue] = dict(answers)
    for criterion in questionnaire.criteria:
        status = evaluate(criterion.when, env)
        env[criterion.id] = UNKNOWN if status is None else status
    return env


def outcome_statuses(questionnaire: Questionnaire, answers: Answers) -> tuple[Tri, ...]:
    """Return each outcome's condition value, in priority order."""
    env = environment(questionnaire, answers)
    return tuple(
        True if outcome.when is None else evaluate(outcome.when, env)
        for outcome in questionnaire.outcomes
    )


def _pick(statuses: tuple[Tri, ...]) -> int | None:
    """Return the index of the decided outcome, or None if it must be clarified."""
    for index, status in enumerate(statuses):
        if status is True:
            return index
        if status is None:
            return None
    return None


def result_id(questionnaire: Questionnaire, answers: Answers) -> str:
    """Return the id of the outcome the answers decide, or ``clarify``."""
    index = _pick(outcome_statuses(questionnaire, answers))
    return CLARIFY_ID if index is None else questionnaire.outcomes[index].id


def decide(questionnaire: Questionnaire, answers: Answers) -> Decision:
    """Decide the outcome for ``answers`` and explain it."""
    from triage.core.results import CriterionResult, Decision, LegalResult, NoteResult, OpenQuestion

    effective = effective_answers(questionnaire, answers)
    env = environment(questionnaire, effective)
    statuses = outcome_statuses(questionnaire, effective)
    index = _pick(statuses)
    outcome = None if index is None else questionnaire.outcomes[index]
    criteria = tuple(CriterionResult(c, evaluate(c.when, env)) for c in questionnaire.criteria)
    possible: tuple[str, ...] = ()
    exact = True
    leads_to: tuple[OpenQuestion, ...] = ()
    if outcome is None:
        notes: tuple[NoteResult, ...] = ()
        legal: tuple[LegalResult, ...] = ()
        clarify = decisive_questions(questionnaire, effective)
        contacts = questionnaire.clarify_contacts
        search = _Search(questionnaire)
        possible = search.outcomes(effective)
        leads_to = tuple(
            OpenQuestion(qid, search.branches(effective, questionnaire.question(qid), possible))
            for qid in clarify
        )
        exact = not search.exhausted
    else:
        possible = (outcome.id,)
        notes = tuple(
            NoteResult(note, True if note.when is None else evaluate(note.when, env))
            for note in outcome.notes
        )
        legal = tuple(
            LegalResult(basis, True if basis.when is None else evaluate(basis.when, env))
            for basis in outcome.legal_basis
        )
        clarify = ()
        contacts = outcome.contacts
    asked, visible = _scan(questionnaire, effective)
    return Decision(
        questionnaire=questionnaire,
        outcome=outcome,
        answers=effective,
        asked=tuple(q.id for q in asked),
        pending=tuple(q.id for q in asked if q.id in effective and q.id not in visible),
        dropped=dropped_answers(questionnaire, answers),
        criteria=criteria,
        notes=notes,
        clarify=clarify,
        contacts=contacts,
        possible=possible,
        possible_exact=exact,
        leads_to=leads_to,
        legal=legal,
    )


def decisive_questions(questionnaire: Questionnaire, answers: Answers) -> tuple[str, ...]:
    """Return the open questions (unanswered or "Vet ikke") whose answers could decide it.

    These are the open questions still left in the unsettled outcomes' conditions once
    everything answered is filled in (see conditions.residual), up to the first outcome
    that definitely holds; questions that only decide together (``a and b``) are all named.
    A criterion left open counts through its own condition. An answer whose question may
    not apply (its ``when`` still unknown) counts as given for this purpose, and what its
    ``when`` still needs is named instead. The list follows the asking order.
    """
    effective = effective_answers(questionnaire, answers)
    asked, visible = _scan(questionnaire, effective)
    env = _with_criteria(questionnaire, visible)
    hopeful = _with_criteria(questionnaire, effective)
    criteria = {c.id: c.when for c in questionnaire.criteria}
    # Definite answers that do not count yet, and the 'when' each is waiting for.
    gates = {
        q.id: q.when
        for q in asked
        if q.id not in visible
        and q.when is not None
        and effective.get(q.id, UNKNOWN) is not UNKNOWN
    }
    wanted: set[str] = set()
    seen: set[int] = set()

    def want(condition: Condition) -> None:
        """Name what the condition still needs, and what the gates it relies on need."""
        if id(condition) in seen:
            return
        seen.add(id(condition))
        for name in names(residual(condition, hopeful)):
            wanted.add(name)
            if name in criteria:
                want(criteria[name])
        follow_gates(condition)

    def follow_gates(condition: Condition) -> None:
        for name in names(residual(condition, env)):
            if name in gates:
                want(gates[name])
            elif name in criteria:
                follow_gates(criteria[name])

    for outcome, status in zip(
        questionnaire.outcomes, outcome_statuses(questionnaire, effective), strict=True
    ):
        if status is True:
            break
        if status is None and outcome.when is not None:
            want(outcome.when)
    return tuple(q.id for q in asked if q.id in wanted and effective.get(q.id, UNKNOWN) is UNKNOWN)


#: How much work one decision may spend finding the possible outcomes and where each open
#: answer leads. Each undecided answer set it branches on costs the questionnaire's size
#: (its questions plus the nodes of all its conditions), about what evaluating it once
#: costs, so the bound holds time, not just steps, at well under a second on a slow
#: machine. The shipped questionnaires need under 10,000 (placement, the largest, from «Vet
#: ikke» everywhere). Beyond it, the outcomes not yet excluded are reported instead (see
#: ``Decision.possible_exact``).
SEARCH_BUDGET = 500_000


def possible_outcomes(
    questionnaire: Questionnaire, answers: Answers, budget: int | None = None
) -> tuple[tuple[str, ...], bool]:
    """Return the outcomes some definite answers to the open questions reach, and if exact.

    An open question is one that applies and has no answer or «Vet ikke»; answering it
    may make further questions apply, which are open too. Definite answers are kept,
    including those not counted yet (see :func:`_scan`). The search answers one open
    question at a time, with :func:`candidate_values`, and stops a branch as soon as the
    engine's result is definite (no further answer can change it) or every outcome still
    allowed on that branch has been found. Once it has spent ``budget`` (by default
    :data:`SEARCH_BUDGET`) it stops and adds every outcome not yet excluded on the
    branches left (see :func:`_not_excluded`); the flag is then False.
    """
    search = _Search(questionnaire, budget)
    found = search.outcomes(effective_answers(questionnaire, answers))
    return found, not search.exhausted


def _not_excluded(questionnaire: Questionnaire, statuses: tuple[Tri, ...]) -> list[str]:
    """Return the outcomes the answers do not rule out yet, in priority order.

    Answers only ever turn unknown into true or false, so an outcome whose condition is
    already false, or that follows one already true, can never become the result.
    """
    allowed = []
    for outcome, status in zip(questionnaire.outcomes, statuses, strict=True):
        if status is not False:
            allowed.append(outcome.id)
        if status is True:
            break
    return allowed


class _Search:
    """A bounded search over definite answers to the open questions, shared by one decision."""

    def __init__(self, questionnaire: Questionnaire, budget: int | None = None) -> None:
        self.questionnaire = questionnaire
        self.left = SEARCH_BUDGET if budget is None else budget
        self.exhausted = False
        self.needs = tuple(
            frozenset() if o.when is None else _depends_on(questionnaire, o.when)
            for o in questionnaire.outcomes
        )
        conditions = _all_conditions(questionnaire)
        self.cost = len(questionnaire.questions) + sum(len(list(walk(c))) for c in conditions)

    def outcomes(self, answers: Answers) -> tuple[str, ...]:
        """Return the outcomes reachable from ``answers`` (effective answers), in order."""
        found: set[str] = set()
        self._visit(dict(answers), found)
        return tuple(o.id for o in self.questionnaire.outcomes if o.id in found)

    def branches(
        self, answers: Answers, question: Question, possible: tuple[str, ...]
    ) -> tuple[Branch, ...]:
        """Return where each answer to ``question`` leads; number answers grouped in ranges.

        ``possible`` is what ``answers`` leave possible: no answer leads outside it, even
        when the budget runs out while looking at this question alone.
        """
        from triage.core.results import Branch

        questionnaire = self.questionnaire
        found = []
        for value in candidate_values(questionnaire, question):
            given = effective_answers(questionnaire, {**answers, question.id: value})
            index = _pick(outcome_statuses(questionnaire, given))
            decided = None if index is None else questionnaire.outcomes[index].id
            reached = tuple(o for o in self.outcomes(given) if o in possible)
            found.append((value, decided, reached))
        if not KINDS[question.kind].ordered:
            return tuple(Branch(value, decided, possible) for value, decided, possible in found)
        # Consecutive candidates with the same result enclose no answer that differs.
        groups: list[tuple[AnswerValue, AnswerValue, str | None, tuple[str, ...]]] = []
        for value, decided, possible in found:
            if groups and groups[-1][2:] == (decided, possible):
                groups[-1] = (groups[-1][0], value, decided, possible)
            else:
                groups.append((value, value, decided, possible))
        ranges = []
        for number, (first, last, decided, possible) in enumerate(groups):
            low = question.minimum if number == 0 else first
            high = question.maximum if number == len(groups) - 1 else last
            ranges.append(Branch(None, decided, possible, low=low, high=high))
        return tuple(ranges)

    def _visit(self, answers: dict[str, AnswerValue], found: set[str]) -> None:
        """Add to ``found`` the outcomes reachable from ``answers`` (depth first, no recursion)."""
        questionnaire = self.questionnaire
        stack = [answers]
        while stack:
            current = stack.pop()
            statuses = outcome_statuses(questionnaire, current)
            index = _pick(statuses)
            if index is not None:
                found.add(questionnaire.outcomes[index].id)
                continue
            allowed = _not_excluded(questionnaire, statuses)
            if found.issuperset(allowed):
                continue
            if self.left < self.cost:
                self.exhausted = True
                found.update(allowed)
                continue
            self.left -= self.cost
            question = self._next(current, statuses)
            if question is None:  # everything that applies is answered: a gap, no outcome
                continue
            values = candidate_values(questionnaire, question)
            stack.extend({**current, question.id: value} for value in reversed(values))

    def _next(
        self, answers: Mapping[str, AnswerValue], statuses: tuple[Tri, ...]
    ) -> Question | None:
        """Return the open question to answer next: one an undecided outcome depends on.

        Any open question would do (every one is eventually answered on each branch); one
        that matters keeps the search small.
        """
        wanted: set[str] = set()
        for needs, status in zip(self.needs, statuses, strict=True):
            if status is True:
                break
            if status is None:
                wanted |= needs
        first = None
        for question in flow(self.questionnaire, answers):
            if answers.get(question.id, UNKNOWN) is UNKNOWN:
                if question.id in wanted:
                    return question
                if first is None:
                    first = question
        return first


def _depends_on(questionnaire: Questionnaire, condition: Condition) -> frozenset[str]:
    """Return the questions a condition depends on: through criteria, and the ``when`` of
    each question it names (an answer counts only once its question surely applies)."""
    criteria = {c.id: c.when for c in questionnaire.criteria}
    whens = {q.id: q.when for q in questionnaire.questions}
    found: set[str] = set()
    stack = list(names(condition))
    while stack:
        name = stack.pop()
        if name in found:
            continue
        found.add(name)
        inner = criteria.get(name) or whens.get(name)
        if inner is not None:
            stack.extend(names(inner))
    return frozenset(found & whens.keys())


def candidate_values(questionnaire: Questionnaire, question: Question) -> tuple[AnswerValue, ...]:
    """Return definite answers that together reach every branch the conditions distinguish."""
    literals: list[object] = []
    for condition in _all_conditions(questionnaire):
        for node in walk(condition):
            if isinstance(node, Compare) and node.name == question.id:
                literals.extend(node.value if isinstance(node.value, tuple) else (node.value,))
    return KINDS[question.kind].candidates(question, literals)


def _all_conditions(questionnaire: Questionnaire) -> list[Condition]:
    found: list[Condition] = [q.when for q in questionnaire.questions if q.when is not None]
    found.extend(c.when for c in questionnaire.criteria)
    for outcome in questionnaire.outcomes:
        if outcome.when is not None:
            found.append(outcome.when)
        found.extend(n.when for n in outcome.notes if n.when is not None)
        found.extend(b.when for b in outcome.legal_basis if b.when is not None)
    return found
