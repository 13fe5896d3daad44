"""Scenario cases: run a questionnaire's cases and compare with what they expect."""

from __future__ import annotations

from dataclasses import dataclass

from triage.engine import decide
from triage.loader import Case
from triage.model import Questionnaire


@dataclass(frozen=True, slots=True)
class CaseResult:
    """What a case expected and what the engine gave."""

    case: Case
    outcome: str
    clarify: tuple[str, ...]
    contacts: tuple[str, ...]

    @property
    def failures(self) -> tuple[str, ...]:
        """Return a line for each expectation the result does not meet."""
        found = []
        if self.outcome != self.case.outcome:
            found.append(f"outcome: expected {self.case.outcome}, got {self.outcome}")
        if self.case.clarify is not None and self.clarify != self.case.clarify:
            found.append(
                f"clarify: expected [{', '.join(self.case.clarify)}], "
                f"got [{', '.join(self.clarify)}]"
            )
        if self.case.contacts is not None and self.contacts != self.case.contacts:
            found.append(
                f"contacts: expected [{', '.join(self.case.contacts)}], "
                f"got [{', '.join(self.contacts)}]"
            )
        return tuple(found)

    @property
    def passed(self) -> bool:
        """True when every expectation is met."""
        return not self.failures


def run_case(questionnaire: Questionnaire, case: Case) -> CaseResult:
    """Decide a case's answers and return the comparison."""
    decision = decide(questionnaire, case.answers)
    return CaseResult(case, decision.outcome_id, decision.clarify, decision.contacts)
