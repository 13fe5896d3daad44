"""Hand-overs between questionnaires: an outcome may ``continue_with`` another one.

The router (``triage start``) is an ordinary questionnaire whose outcomes name the
questionnaire to continue with; so is the chapter-10 outcome that hands a pregnant woman's
case over to ``pregnancy``. Answers carry over by question id. Before a chain runs it is
checked: every target exists, nothing loops, and a question id that two questionnaires
share has the same kind and choices, so a carried answer means the same in both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from triage.core.conditions import evaluate, names, residual
from triage.core.engine import decide, environment, flow
from triage.core.errors import Problem
from triage.core.kinds import KINDS
from triage.core.model import AnswerValue, Outcome, Question, Questionnaire
from triage.core.signals import WentBack

if TYPE_CHECKING:
    from triage.core.engine import Decision
    from triage.core.results import Step as Step

#: The questionnaire behind ``triage start``; ``start`` itself is a reserved command name.
ROUTER_ID = "router"

#: How many questionnaires one hand-over chain may reach, the first included.
MAX_CHAIN = 50


@dataclass(frozen=True, slots=True)
class Entry:
    """How a questionnaire of a chain is entered: whether "back" may leave it, and defaults."""

    #: "Back" at its first question may go back into the questionnaire before.
    can_leave: bool = False
    #: Answers set aside by going back, to offer again (preselected) when asked.
    defaults: Mapping[str, AnswerValue] = dataclasses.field(default_factory=dict)


#: Fill in the answers a questionnaire still lacks (ask, or refuse); return its answers.
#: May raise interview.WentBack when "back" leaves a questionnaire (``Entry.can_leave``).
Complete = Callable[[Questionnaire, dict[str, AnswerValue], Entry], dict[str, AnswerValue]]


def __getattr__(name: str) -> object:
    """Return ``Step`` (``from triage.core.routing import Step`` keeps working)."""
    if name == "Step":
        from triage.core.results import Step

        return Step
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def targets(questionnaire: Questionnaire) -> tuple[str, ...]:
    """Return the ids the questionnaire's outcomes continue with, in outcome order."""
    found: dict[str, None] = {}
    for outcome in questionnaire.outcomes:
        if outcome.continue_with is not None:
            found.setdefault(outcome.continue_with, None)
    return tuple(found)


def carry(answers: Mapping[str, AnswerValue], target: Questionnaire) -> dict[str, AnswerValue]:
    """Return the answers to questions ``target`` asks too, in its asking order."""
    return {q.id: answers[q.id] for q in target.questions if q.id in answers}


def go_on(decision: Decision) -> Decision | None:
    """Return the hand-over a complete but undecided result can go on with, if any.

    A questionnaire may name questions whose «Vet ikke» need not stop it (``go_on_without``
    in its ``clarify``): when the only open questions are among them, outcomes that hang on
    those questions alone are passed over, and the first outcome that surely holds is taken
    if it hands over to another questionnaire. The answers stay as given (unknown stays
    unknown); the returned decision has that outcome, its notes and contacts, and the
    passed questions are the undecided decision's ``clarify``.
    """
    questionnaire = decision.questionnaire
    allowed = set(questionnaire.go_on_without)
    open_questions = set(decision.clarify)
    if decision.outcome is not None or not decision.complete:
        return None
    if not open_questions or not open_questions <= allowed:
        return None
    # Answers still waiting for a passed question (a ``when`` it leaves unknown) count too:
    # any other question they wait for would be open and stop the hand-over above.
    ungated = tuple(dataclasses.replace(q, when=None) for q in questionnaire.questions)
    env = environment(dataclasses.replace(questionnaire, questions=ungated), decision.answers)
    for outcome in questionnaire.outcomes:
        status = True if outcome.when is None else evaluate(outcome.when, env)
        if status is False:
            continue
        if status is True:
            return _went_on(decision, outcome, env) if outcome.continue_with else None
        assert outcome.when is not None  # an outcome without a condition always holds
        if not set(names(residual(outcome.when, env))) <= allowed:
            return None
    return None


def _went_on(decision: Decision, outcome: Outcome, env: Mapping[str, AnswerValue]) -> Decision:
    from triage.core.results import NoteResult

    notes = tuple(
        NoteResult(note, True if note.when is None else evaluate(note.when, env))
        for note in outcome.notes
    )
    return dataclasses.replace(
        decision, outcome=outcome, notes=notes, contacts=outcome.contacts, clarify=()
    )


def hands_over(questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]) -> bool:
    """Return whether the answers decide an outcome that continues with another questionnaire."""
    decision = decide(questionnaire, answers)
    decision = go_on(decision) or decision
    return decision.outcome is not None and decision.outcome.continue_with is not None


def answer_space(questionnaires: Iterable[Questionnaire]) -> Questionnaire:
    """Return the first questionnaire with every question of the chain, for reading answers.

    An answers file for a chain may hold answers for any questionnaire in it; the first
    questionnaire that asks a question decides how its answer is read.
    """
    chain = list(questionnaires)
    seen: dict[str, Question] = {}
    for questionnaire in chain:
        for question in questionnaire.questions:
            seen.setdefault(question.id, question)
    return dataclasses.replace(chain[0], questions=tuple(seen.values()))


def check_chain(
    chain: Mapping[str, Questionnaire],
    start: str,
    reported_loops: set[frozenset[str]] | None = None,
) -> list[Problem]:
    """Return the problems of the chain from ``start``: missing targets, loops, shared ids.

    ``reported_loops`` collects the loops found, so that checking several chains that share
    a loop reports it once.
    """
    problems: list[Problem] = []
    reported_loops = set() if reported_loops is None else reported_loops
    # Depth first, with an explicit stack: a chain of thousands must not overflow Python's.
    # Each questionnaire is explored once, so shared targets do not multiply the work.
    done: set[str] = set()
    path: list[str] = [start]
    stack = [iter(chain[start].outcomes)]
    while stack:
        outcome = next(stack[-1], None)
        if outcome is None:
            stack.pop()
            done.add(path.pop())
            continue
        target = outcome.continue_with
        if target is None:
            continue
        where = (chain[path[-1]].path, outcome.line, 1)
        if target not in chain:
            problems.append(
                Problem(
                    *where,
                    f"outcome '{outcome.id}' continues with '{target}', which does not "
                    "exist or does not load",
                )
            )
        elif target in path:
            loop = (*path[path.index(target) :], target)
            if frozenset(loop) not in reported_loops:
                reported_loops.add(frozenset(loop))
                problems.append(Problem(*where, "continue_with makes a loop: " + " → ".join(loop)))
        elif target not in done:
            path.append(target)
            stack.append(iter(chain[target].outcomes))
    # Answers accumulate along a chain, so any later questionnaire may receive them.
    for source_id in chain:
        for target_id in sorted(_reachable(chain, source_id)):
            problems.extend(shared_problems(chain[source_id], chain[target_id]))
    return problems


def too_long(start: Questionnaire) -> Problem:
    """Return the problem of a chain from ``start`` that reaches more than MAX_CHAIN."""
    line = next((o.line for o in start.outcomes if o.continue_with is not None), 0)
    return Problem(
        start.path,
        line,
        1,
        f"the hand-overs from '{start.id}' reach more than {MAX_CHAIN} questionnaires",
        hint="shorten the chain of continue_with",
    )


def _reachable(chain: Mapping[str, Questionnaire], start: str) -> set[str]:
    found: set[str] = set()
    todo = [start]
    while todo:
        for target in targets(chain[todo.pop()]):
            if target in chain and target not in found and target != start:
                found.add(target)
                todo.append(target)
    return found


def shared_problems(source: Questionnaire, target: Questionnaire) -> list[Problem]:
    """Return a problem for each shared question id whose answer would not fit ``target``."""
    problems = []
    asked = {q.id: q for q in source.questions}
    for question in target.questions:
        before = asked.get(question.id)
        if before is None:
            continue
        message = _mismatch(before, question)
        if message:
            problems.append(
                Problem(
                    target.path,
                    question.line,
                    1,
                    f"question '{question.id}' is shared with '{source.id}' but {message}",
                    hint="a carried answer must mean the same: use another id or align them",
                )
            )
    return problems


def _mismatch(before: Question, after: Question) -> str:
    if before.kind is not after.kind:
        return f"is {after.kind.value} here and {before.kind.value} there"
    return KINDS[before.kind].narrower(before, after)


def follow(
    first: Questionnaire,
    chain: Mapping[str, Questionnaire],
    answers: Mapping[str, AnswerValue],
    complete: Complete,
) -> Iterator[Step]:
    """Run ``first`` and every questionnaire its decided outcomes continue with.

    Yields a step after each decision, before the next questionnaire is asked, so the
    caller can show the hand-over. ``complete`` fills in missing answers; answers given
    anywhere in the chain carry to every later questionnaire that asks the same id.
    "Back" at the first question of a later questionnaire (``complete`` raises WentBack)
    goes back into the one before, at its last question with that answer offered again,
    and forward from there.
    """
    given = dict(answers)
    current: Questionnaire = first
    # The questionnaires handed over from, so "back" can return into them.
    before: list[Questionnaire] = []
    # Answers set aside by going back: offered again (preselected) when asked.
    remembered: dict[str, AnswerValue] = {}
    while True:
        own = {q.id for q in current.questions}
        # ``complete`` may return only this questionnaire's answers; keep the others' too.
        others = {key: value for key, value in given.items() if key not in own}
        entry = Entry(can_leave=bool(before), defaults=dict(remembered))
        try:
            done = complete(current, given, entry)
        except WentBack as back:
            if not before:
                raise  # nothing to go back into: the caller asked for it
            given = {**given, **back.answers}
            for key in set(own) - set(back.answers):
                given.pop(key, None)  # set aside in the questionnaire just left
            remembered.update(back.remembered)
            current = before.pop()
            answered = [q.id for q in flow(current, given) if q.id in given]
            if answered:
                remembered[answered[-1]] = given.pop(answered[-1])
            continue
        given = {**others, **done}
        decision = decide(current, given)
        went_on = go_on(decision)
        passed = decision.clarify if went_on is not None else ()
        decision = went_on or decision
        target_id = decision.outcome.continue_with if decision.outcome else None
        seen = {q.id for q in before} | {current.id}
        target = chain.get(target_id) if target_id and target_id not in seen else None
        from triage.core.results import Step  # made once a questionnaire is done

        yield Step(decision, target, carry(given, target) if target else {}, passed)
        if target is None:
            return
        before.append(current)
        current = target
