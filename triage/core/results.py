"""What ``decide`` returns: the decision and its parts (``triage.core.engine`` re-exports them),
the step of a chain ``routing.follow`` yields (``triage.core.routing`` re-exports it), and
whether a contact is open (``triage.core.hours`` re-exports ``Opening``).

Kept apart from the engine so that the classes are created when the first decision is
made, not before an interview's first question (each frozen dataclass costs about half a
millisecond of start-up to create).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from triage.core.hours import State
from triage.core.model import CLARIFY_ID, Level

if TYPE_CHECKING:
    import datetime as dt

    from triage.core.conditions import Tri
    from triage.core.model import (
        AnswerValue,
        Criterion,
        LegalBasis,
        Note,
        Outcome,
        Questionnaire,
    )


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """A criterion and whether the answers meet it (None: unknown)."""

    criterion: Criterion
    status: Tri


@dataclass(frozen=True, slots=True)
class NoteResult:
    """An outcome note and whether its condition holds (None: it may)."""

    note: Note
    status: Tri


@dataclass(frozen=True, slots=True)
class Branch:
    """What one answer to an open question leads to, the other open answers still unknown.

    For a yes/no or choice question, ``answer`` is the answer. For an ordered kind it is
    None and ``low``..``high`` (both included; None: unbounded) is the range of answers that
    all lead to the same place.
    """

    answer: AnswerValue | None
    #: The outcome this answer decides at once, or None when more must be clarified.
    outcome: str | None
    #: The outcomes still possible with this answer, in priority order.
    possible: tuple[str, ...]
    low: AnswerValue | None = None
    high: AnswerValue | None = None


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """A question to clarify and where each of its answers leads."""

    question: str
    branches: tuple[Branch, ...]


@dataclass(frozen=True, slots=True)
class LegalResult:
    """A legal basis of the outcome and whether its condition holds (None: it may)."""

    basis: LegalBasis
    status: Tri


@dataclass(frozen=True, slots=True)
class Decision:
    """Everything the report needs: the outcome (None for clarify) and why."""

    questionnaire: Questionnaire
    outcome: Outcome | None
    answers: Mapping[str, AnswerValue]
    asked: tuple[str, ...]
    dropped: tuple[str, ...]
    criteria: tuple[CriterionResult, ...]
    notes: tuple[NoteResult, ...]
    clarify: tuple[str, ...]
    contacts: tuple[str, ...]
    #: Answers kept but not counted yet: their question's ``when`` is still unknown.
    pending: tuple[str, ...] = ()
    #: The outcomes some definite answers to the open questions reach, in priority order
    #: (for a definite result, just that outcome). See :func:`possible_outcomes`.
    possible: tuple[str, ...] = ()
    #: False when the search bound was hit: ``possible`` (and the branches) may then also
    #: list outcomes no answers reach, but never leave out one that they do.
    possible_exact: bool = True
    #: For each question in ``clarify``, where each of its answers leads.
    leads_to: tuple[OpenQuestion, ...] = ()
    #: The outcome's legal bases; renderers list those whose status is not False.
    legal: tuple[LegalResult, ...] = ()

    @property
    def outcome_id(self) -> str:
        """The decided outcome's id, or ``clarify``."""
        return CLARIFY_ID if self.outcome is None else self.outcome.id

    @property
    def level(self) -> Level:
        """The decided outcome's level (``clarify`` has its own)."""
        return Level.CLARIFY if self.outcome is None else self.outcome.level

    @property
    def complete(self) -> bool:
        """True when every question that applies has an answer (maybe "Vet ikke")."""
        return all(q in self.answers for q in self.asked)


@dataclass(frozen=True, slots=True)
class Step:
    """One questionnaire of a chain: its decision and, if it hands over, where to."""

    decision: Decision
    target: Questionnaire | None = None
    carried: Mapping[str, AnswerValue] = field(default_factory=dict)
    #: Open questions the hand-over went on without (the questionnaire's go_on_without).
    went_on_without: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Opening:
    """Open or closed at a moment; when open, until when; when closed, when next open."""

    state: State
    until: dt.datetime | None = None
    next_open: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        """True when open at the moment asked about."""
        return self.state is State.OPEN
