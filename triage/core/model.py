"""The questionnaire model: frozen dataclasses and enums, no behaviour beyond lookups."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from triage.core.conditions import Condition

DEFAULT_LANG = "nb"
LANGUAGES = ("nb", "en")


class Unknown(enum.Enum):
    """The answer "Vet ikke": a value that is known to be unknown."""

    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown.UNKNOWN

#: A definite answer: yes/no, a whole number, a choice value, or a date as ISO text
#: ("2026-01-31": JSON-native, and it sorts like the dates, so conditions compare it as is).
Definite: TypeAlias = bool | int | str
#: What an answers mapping holds for a question that was answered.
AnswerValue: TypeAlias = Definite | Unknown
Answers: TypeAlias = Mapping[str, AnswerValue]


@dataclass(frozen=True, slots=True)
class Text:
    """A text in one or more languages; bokmål (``nb``) is always present."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, nb: str, **others: str) -> Text:
        """Build a text from bokmål and optional other languages."""
        return cls((("nb", nb), *sorted(others.items())))

    def get(self, lang: str = DEFAULT_LANG) -> str:
        """Return the text in ``lang``, falling back to bokmål."""
        table = dict(self.values)
        return table.get(lang) or table[DEFAULT_LANG]

    def has(self, lang: str) -> bool:
        """Tell whether the text exists in ``lang`` (without falling back)."""
        return bool(dict(self.values).get(lang))

    def __str__(self) -> str:
        return self.get()


class QuestionKind(enum.Enum):
    """The closed set of question kinds."""

    YES_NO = "yes_no"
    NUMBER = "number"
    CHOICE = "choice"
    DATE = "date"


class Level(enum.Enum):
    """How an outcome reads: the report colours and labels it by level."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    REPORT = "report"
    INFORMATION = "information"
    CLARIFY = "clarify"


@dataclass(frozen=True, slots=True)
class Choice:
    """One listed value of a choice question."""

    value: str
    text: Text


@dataclass(frozen=True, slots=True)
class Quote:
    """A sentence quoted verbatim from a source page."""

    id: str
    page: str
    text: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Question:
    """One question of a questionnaire."""

    id: str
    kind: QuestionKind
    text: Text
    help: Text | None = None
    when: Condition | None = None
    #: Bounds of an ordered kind's answers (an answer of the kind, see core/kinds.py).
    minimum: Definite | None = None
    maximum: Definite | None = None
    choices: tuple[Choice, ...] = ()
    quote: str | None = None
    line: int = 0

    def choice(self, value: str) -> Choice | None:
        """Return the listed choice with ``value``, if any."""
        return next((c for c in self.choices if c.value == value), None)


@dataclass(frozen=True, slots=True)
class Criterion:
    """A named condition shown in the report as met, not met or unknown."""

    id: str
    text: Text
    when: Condition
    group: Text | None = None
    quote: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Note:
    """A remark an outcome adds when its condition may hold."""

    text: Text
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class LegalBasis:
    """A provision of law the outcome rests on, as the source names it."""

    law: Text
    section: str
    text: Text | None = None
    #: Shown only where this may hold; unknown shows it as possibly relevant.
    when: Condition | None = None
    #: A link to the provision (an https address, e.g. on Lovdata).
    url: str | None = None
    #: The date from which the rule holds, as the questionnaire states it.
    valid_from: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One possible result of a questionnaire."""

    id: str
    level: Level
    title: Text
    summary: Text
    when: Condition | None
    contacts: tuple[str, ...] = ()
    legal_basis: tuple[LegalBasis, ...] = ()
    notes: tuple[Note, ...] = ()
    quote: str | None = None
    line: int = 0
    #: The id of a questionnaire to continue with when this outcome is decided.
    continue_with: str | None = None
    #: Later outcomes this one is meant to win over where both conditions hold.
    before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """A public page the questionnaire's content comes from."""

    id: str
    title: Text
    publisher: str
    published: dt.date | None = None
    changed: dt.date | None = None
    retrieved: dt.date | None = None
    url: str | None = None
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Hours:
    """Opening hours: the same span on each listed weekday (0 = Monday)."""

    weekdays: tuple[int, ...]
    opens: dt.time
    closes: dt.time


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone to contact next, with where the details come from and when checked."""

    id: str
    name: str
    role: Text
    organisation: str
    source: str
    checked: dt.date
    phone: str | None = None
    email: str | None = None
    url: str | None = None
    hours: Hours | None = None
    note: Text | None = None
    historical: bool = False
    #: A national emergency number (113, 116 117): listed apart, «ved akutt fare», and never
    #: taken as the one next call, which is the service the outcome is about.
    emergency: bool = False


@dataclass(frozen=True, slots=True)
class Directory:
    """The contacts and source pages shared by all questionnaires."""

    contacts: Mapping[str, Contact] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Questionnaire:
    """A questionnaire: questions in asking order and outcomes in priority order."""

    id: str
    title: Text
    description: Text
    version: str
    pages: tuple[str, ...]
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]
    criteria: tuple[Criterion, ...] = ()
    quotes: tuple[Quote, ...] = ()
    vague: tuple[Text, ...] = ()
    clarify_contacts: tuple[str, ...] = ()
    clarify_summary: Text | None = None
    path: str = ""
    #: Questions whose «Vet ikke» need not stop a hand-over: when only they are left open,
    #: outcomes that hang on them alone are passed over (see routing.go_on).
    go_on_without: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    #: True when this file, from an added folder, replaces the shipped questionnaire of its id.
    overrides_shipped: bool = False

    def question(self, question_id: str) -> Question:
        """Return the question with ``question_id`` (KeyError if none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def outcome(self, outcome_id: str) -> Outcome:
        """Return the outcome with ``outcome_id`` (KeyError if none)."""
        for outcome in self.outcomes:
            if outcome.id == outcome_id:
                return outcome
        raise KeyError(outcome_id)

    def quote(self, quote_id: str | None) -> Quote | None:
        """Return the quoted source sentence with ``quote_id``, if any."""
        return next((q for q in self.quotes if q.id == quote_id), None)


#: The built-in outcome when no outcome can be given definitely yet.
CLARIFY_ID = "clarify"

#: Command names a questionnaire id may not take (``run`` is the hidden default command;
#: ``export`` and ``sources`` are kept for commands to come).
RESERVED_IDS = frozenset(
    {
        "list",
        "validate",
        "test",
        "schema",
        "contacts",
        "explain",
        "demo",
        "start",
        "help",
        "run",
        "export",
        "sources",
    }
)
