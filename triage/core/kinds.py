"""The kind registry: what each question kind means, declared once per kind.

Each kind says how an answer is read (from YAML, JSON or typed text) and bounded, which
literals a condition may compare it with (and how), an example condition, how it reads for
people (through the :class:`Words` render passes in, as core imports no renderer), how a
carried answer may not fit a narrower question, the definite answers that reach every
branch the conditions distinguish (the engine's possible outcomes and the proofs'
witnesses), how the proofs encode it, its JSON Schema, which prompt widget asks it, and
its FHIR R4 form.
The edges dispatch through :data:`KINDS`: ``prompts`` maps :attr:`Kind.widget` to a
widget, ``check/proofs`` encodes by :attr:`Kind.encoding`, ``load/fields`` builds the
schema from :attr:`Kind.keys`, :attr:`Kind.needs` and :attr:`Kind.bound_schema`, and
``render/fhir`` and ``load/fhir`` write and read FHIR by :attr:`Kind.fhir`,
:meth:`Kind.fhir_codes`, :meth:`Kind.to_fhir` and :meth:`Kind.from_fhir`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from triage.core.model import AnswerValue, Definite, Question, QuestionKind

if TYPE_CHECKING:
    from triage.core.codes import Code as Code


def __getattr__(name: str) -> object:
    """Return ``Code`` (``from triage.core.kinds import Code`` keeps working)."""
    if name == "Code":
        from triage.core.codes import Code

        return Code
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Whole numbers are bounded everywhere (conditions, min/max, answers): |n| < 10**15.
MAX_INT = 10**15


class NotOfKind(ValueError):
    """A value that is no answer of the kind at all; the message follows the value shown."""


class OutOfBounds(ValueError):
    """An answer of the kind outside the question's min/max (``side``: "below" or "above")."""

    def __init__(self, message: str, side: str, bound: Definite) -> None:
        super().__init__(message)
        self.side = side
        self.bound = bound


class Words(Protocol):
    """How the reader's language says things; render passes one in (core imports no renderer)."""

    @property
    def lang(self) -> str:
        """Return the reader's language, e.g. "nb"."""

    def word(self, key: str) -> str:
        """Return the text of an i18n key, e.g. ``yes``."""

    def text(self, value: str) -> str:
        """Return text from a file made safe to show."""

    def date(self, value: dt.date) -> str:
        """Return a date as the reader writes it (31.01.2026 in bokmål)."""


@dataclass(frozen=True, slots=True)
class Typed:
    """The i18n keys of a kind answered by typing (the ``text`` widget) and its messages."""

    #: Under the question: what to type ({range}, {unknown}, {back}).
    hint: str
    #: Enter on an empty line ({range}, {unknown}).
    empty: str
    #: Typed text that is no answer ({unknown}).
    invalid: str
    #: Below the minimum ({low}) and above the maximum ({high}).
    below: str
    above: str
    #: The plain asker's option line ({range}) and its keys ({unknown}).
    option: str
    keys: str
    #: What an answer is, in the explain handout ({range}).
    explain: str
    #: Where any answer leads to the same place.
    any: str


#: A literal as a condition holds it (a tuple for ``in`` and ``not in``).
LiteralValue = bool | int | str | tuple[bool | int | str, ...]


def show_literal(value: LiteralValue) -> str:
    """Return a condition literal as the condition language writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple):
        return "(" + ", ".join(show_literal(v) for v in value) + ")"
    return str(value)


#: Yes and no in FHIR: HL7 v2 table 0136 (Y/N), the code system FHIR itself uses for yes/no.
YES_NO_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0136"


@dataclass(frozen=True, slots=True)
class Fhir:
    """How a kind's answers travel in FHIR R4: ``render/fhir`` writes, ``load/fhir`` reads.

    A coded kind (``value`` is ``valueCoding``) offers its answers as answer options
    (:meth:`Kind.fhir_codes`) and «Vet ikke» as one more option; any other kind writes
    «Vet ikke» as an item without an answer that carries the data-absent-reason extension.
    """

    #: The Questionnaire item type (R5 calls "choice" "coding").
    item: str
    #: The key of a response answer's value, e.g. ``valueInteger``.
    value: str
    #: The key of an ``enableWhen`` answer, e.g. ``answerInteger``.
    answer: str
    #: Further value keys read from a response (a form tool may write yes/no as a boolean).
    also: tuple[str, ...] = ()
    #: Whether renderers apply enableWhen's ``>``, ``>=``, ``<`` and ``<=`` to the kind; if
    #: not, a ``when`` that orders it is exported as an enableWhenExpression (FHIRPath).
    orders: bool = False
    #: Whether renderers apply enableWhen's ``=`` and ``!=`` to the kind; if not, any ``when``
    #: that names it is exported as an enableWhenExpression. LHC-Forms 40.1.3 ignores both on
    #: ``answerDate`` (checked in headless Chromium), so dates say ``compares=False``.
    compares: bool = True
    #: How FHIRPath writes an answer of a kind that is not coded ({value}: its FHIR value).
    literal: str = "{value}"

    @property
    def coded(self) -> bool:
        """Tell whether answers are codings (answer options, «Vet ikke» among them)."""
        return self.value == "valueCoding"


class Kind:
    """The behaviour shared by every kind; each kind overrides what differs.

    A plain class, not a dataclass: what a kind declares are class attributes, and an
    instance holds only which kind it is and cannot be changed (making these six classes
    frozen dataclasses cost every run ~4 ms of start-up).
    """

    __slots__ = ("kind",)

    kind: QuestionKind
    #: Whether answers have an order, so ``<``, ``<=``, ``>`` and ``>=`` apply.
    ordered: bool = False
    #: How the proofs encode an answer: "bool", "int" (by ``rank``) or "enum" (a choice index).
    encoding: str = "int"
    #: The widget ``prompts`` asks with: "yes_no", "choice" or "text" (typed, see ``typed``).
    widget: str = "text"
    #: The words of a typed answer (widget "text").
    typed: Typed | None = None
    #: The keys only a question of this kind may have (besides those every question has).
    keys: tuple[str, ...] = ()
    #: The prefix of the i18n keys that say an ordering in words (``op_ge``: «minst 18»).
    ops: str = "op"
    #: How answers travel in FHIR R4 (item type, value and enableWhen keys, «Vet ikke»).
    fhir: Fhir = Fhir("string", "valueString", "answerString")

    def __init__(self, kind: QuestionKind) -> None:
        object.__setattr__(self, "kind", kind)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a kind cannot be changed ({name})")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.kind!r})"

    @property
    def fhir_type(self) -> str:
        """Return the FHIR R4 Questionnaire item type of the kind."""
        return self.fhir.item

    def needs(self) -> dict[str, Any] | None:
        """Return what this kind requires of a question in JSON Schema (``then`` of its ``if``)."""
        return None

    def bound_schema(self) -> dict[str, Any] | None:
        """Return the JSON Schema of ``min`` and ``max``, where the kind has them."""
        return None

    def coerce(self, question: Question, value: object) -> Definite:
        """Return ``value`` (from a file or typed) as an answer; NotOfKind or OutOfBounds if not."""
        raise NotImplementedError

    def bound(self, value: object, key: str) -> Definite:
        """Return a ``min``/``max`` value from a file; ValueError saying what is wrong."""
        raise ValueError(f"'{key}' is not for {self.kind.value} questions")

    def format(self, question: Question, value: Definite, words: Words) -> str:
        """Return a definite answer (or a condition literal) as people read it."""
        return words.text(str(value))

    def rank(self, value: Definite) -> int:
        """Return an answer as the whole number the proofs encode it by ("int" encoding)."""
        raise NotImplementedError

    def bounds(self, question: Question) -> tuple[int | None, int | None]:
        """Return the lowest and highest rank an answer may have (None: unbounded)."""
        return None, None

    def unrank(self, number: int) -> Definite:
        """Return the answer a whole number from the proofs stands for ("int" encoding)."""
        raise NotImplementedError

    def check_compare(
        self,
        name: str,
        op: str,
        ordering: bool,
        value: LiteralValue,
        choices: tuple[str, ...],
    ) -> list[str]:
        """Return what is wrong with comparing ``name`` (this kind) by ``op`` with ``value``."""
        raise NotImplementedError

    def example(self, name: str, choices: tuple[str, ...]) -> str:
        """Return an example comparison for a question of this kind."""
        first = choices[0] if choices else "value"
        return f'{name} == "{first}"'

    def candidates(self, question: Question, literals: Iterable[object]) -> tuple[AnswerValue, ...]:
        """Return definite answers that reach every branch ``literals`` distinguish."""
        raise NotImplementedError

    def narrower(self, before: Question, after: Question) -> str:
        """Return how ``after`` accepts fewer answers than ``before`` (same kind), or ""."""
        return ""

    def fhir_codes(self, question: Question) -> tuple[Code, ...]:
        """Return the answer options of a coded kind, in order (without «Vet ikke»)."""
        return ()

    def to_fhir(self, value: object) -> object:
        """Return an answer (or a literal, a bound) of a kind that is not coded as FHIR's value."""
        return value

    def from_fhir(self, question: Question, value: object) -> Definite:
        """Return a response's value (``fhir.value`` or ``fhir.also``) as an answer; NotOfKind."""
        return self.coerce(question, value)


class YesNo(Kind):
    """A yes/no question: stands alone in a condition, or compares == / != with a boolean."""

    __slots__ = ()

    encoding: str = "bool"
    widget: str = "yes_no"
    # A choice of Ja, Nei and Vet ikke: FHIR's "boolean" item cannot say «Vet ikke».
    fhir: Fhir = Fhir("choice", "valueCoding", "answerCoding", also=("valueBoolean",))

    def coerce(self, question: Question, value: object) -> Definite:
        """Read true/false, or ja/nei/yes/no (any case) as typed."""
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in _YES:
                return True
            if lowered in _NO:
                return False
        raise NotOfKind("is not yes/no: use true, false or unknown")

    def format(self, question: Question, value: Definite, words: Words) -> str:
        """«Ja» or «Nei»."""
        return words.word("yes" if value else "no")

    def check_compare(
        self,
        name: str,
        op: str,
        ordering: bool,
        value: LiteralValue,
        choices: tuple[str, ...],
    ) -> list[str]:
        """Refuse anything but == / != with true or false."""
        values = value if isinstance(value, tuple) else (value,)
        if op not in ("==", "!=") or not all(isinstance(v, bool) for v in values):
            return [
                f"'{name}' is a yes/no question: write '{name}' or 'not {name}', "
                f"not {op} {show_literal(value)}"
            ]
        return []

    def candidates(self, question: Question, literals: Iterable[object]) -> tuple[AnswerValue, ...]:
        """Both answers."""
        return (True, False)

    def fhir_codes(self, question: Question) -> tuple[Code, ...]:
        """Ja (Y) and Nei (N) of HL7 v2 table 0136."""
        from triage.core.codes import Code

        return (Code(True, "Y", "yes", YES_NO_SYSTEM), Code(False, "N", "no", YES_NO_SYSTEM))


class Ordered(Kind):
    """An ordered kind the proofs encode as whole numbers: ``rank`` and ``unrank`` map them."""

    __slots__ = ()

    ordered: bool = True
    #: What the answers are called in a message about a narrower range.
    things: str = "answers"
    #: The rank of the one candidate of a question no literal and no bound distinguish.
    origin: int = 0
    #: The lowest and highest rank any answer of the kind has (None: unbounded).
    floor: int | None = None
    ceiling: int | None = None

    def literal_rank(self, literal: object) -> int | None:
        """Return the rank of a condition literal of this kind (None if it is of another)."""
        raise NotImplementedError

    def candidates(self, question: Question, literals: Iterable[object]) -> tuple[AnswerValue, ...]:
        """Each literal and its neighbours, and the bounds, inside the bounds."""
        points: set[int] = set()
        for literal in literals:
            point = self.literal_rank(literal)
            if point is not None:
                points.update((point - 1, point, point + 1))
        points.update(v for v in self._bounds(question) if v is not None)
        low, high = self.bounds(question)  # the question's bounds inside the kind's range
        inside = sorted(
            p for p in points if (low is None or p >= low) and (high is None or p <= high)
        )
        first = self._bounds(question)[0]
        return tuple(self.unrank(p) for p in inside) or (
            self.unrank(first if first is not None else self.origin),
        )

    def narrower(self, before: Question, after: Question) -> str:
        """A carried answer must fit the range asked here."""
        (low_before, high_before), (low, high) = self._bounds(before), self._bounds(after)
        low_ok = low is None or (low_before is not None and low_before >= low)
        high_ok = high is None or (high_before is not None and high_before <= high)
        return "" if low_ok and high_ok else f"allows a narrower range of {self.things} here"

    def bounds(self, question: Question) -> tuple[int | None, int | None]:
        """Return the question's min and max as ranks, inside the kind's own range."""
        low, high = self._bounds(question)
        lows = [v for v in (low, self.floor) if v is not None]
        highs = [v for v in (high, self.ceiling) if v is not None]
        return (max(lows) if lows else None, min(highs) if highs else None)

    def _bounds(self, question: Question) -> tuple[int | None, int | None]:
        low, high = question.minimum, question.maximum
        return (
            None if low is None else self.rank(low),
            None if high is None else self.rank(high),
        )

    def within(self, question: Question, value: Definite) -> Definite:
        """Return ``value`` if inside the question's bounds; else OutOfBounds."""
        low, high = question.minimum, question.maximum
        if low is not None and self.rank(value) < self.rank(low):
            raise OutOfBounds(f"{value} is below the minimum {low}", "below", low)
        if high is not None and self.rank(value) > self.rank(high):
            raise OutOfBounds(f"{value} is above the maximum {high}", "above", high)
        return value


class Number(Ordered):
    """A whole-number question, optionally bounded; compares with whole numbers."""

    __slots__ = ()

    things: str = "numbers"
    typed: Typed | None = Typed(
        hint="number_hint",
        empty="number_empty",
        invalid="not_a_number",
        below="below",
        above="above",
        option="plain_number",
        keys="plain_keys_number",
        explain="explain_number",
        any="possible_any_number",
    )
    keys: tuple[str, ...] = ("min", "max")
    fhir: Fhir = Fhir("integer", "valueInteger", "answerInteger", orders=True)

    def bound_schema(self) -> dict[str, Any] | None:
        """A whole number."""
        return {"type": "integer"}

    def needs(self) -> dict[str, Any] | None:
        """Whole-number bounds."""
        bound = {"type": ["integer", "null"]}
        return {"properties": {"min": bound, "max": bound}}

    def coerce(self, question: Question, value: object) -> Definite:
        """Read a whole number (an int, or digits as text) inside the question's bounds."""
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d{1,9}\s*", value):
            number = int(value)
        if number is None:
            raise NotOfKind("is not a whole number")
        if abs(number) >= MAX_INT:
            raise ValueError("the number is too large: whole numbers must be below 10**15")
        return self.within(question, number)

    def bound(self, value: object, key: str) -> Definite:
        """A whole number."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"'{key}' must be a whole number")
        return value

    def rank(self, value: Definite) -> int:
        """The number itself."""
        return int(value)

    def literal_rank(self, literal: object) -> int | None:
        """A whole number is its own rank."""
        return literal if isinstance(literal, int) and not isinstance(literal, bool) else None

    def unrank(self, number: int) -> Definite:
        """The number itself."""
        return number

    def check_compare(
        self,
        name: str,
        op: str,
        ordering: bool,
        value: LiteralValue,
        choices: tuple[str, ...],
    ) -> list[str]:
        """Refuse literals that are not whole numbers."""
        values = value if isinstance(value, tuple) else (value,)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            shown = show_literal(value)
            return [f"'{name}' is a number question and cannot be compared with {shown}"]
        return []

    def example(self, name: str, choices: tuple[str, ...]) -> str:
        """A threshold."""
        return f"{name} >= 18"


class Choice(Kind):
    """A question with listed choices; compares == / != / in / not in with listed values."""

    __slots__ = ()

    encoding: str = "enum"
    widget: str = "choice"
    keys: tuple[str, ...] = ("choices",)
    fhir: Fhir = Fhir("choice", "valueCoding", "answerCoding")

    def needs(self) -> dict[str, Any] | None:
        """At least two choices."""
        return {
            "required": ["choices"],
            "properties": {"choices": {"type": "array", "minItems": 2}},
        }

    def coerce(self, question: Question, value: object) -> Definite:
        """A listed value (a number is read as its text)."""
        text = (
            str(value).strip()
            if isinstance(value, str | int) and not isinstance(value, bool)
            else None
        )
        if text is not None and question.choice(text) is not None:
            return text
        listed = ", ".join(c.value for c in question.choices)
        raise NotOfKind(f"is not a choice (choices: {listed}, unknown)")

    def format(self, question: Question, value: Definite, words: Words) -> str:
        """The choice's text in the reader's language (the value itself if not listed)."""
        choice = question.choice(value) if isinstance(value, str) else None
        return words.text(choice.text.get(words.lang) if choice else str(value))

    def check_compare(
        self,
        name: str,
        op: str,
        ordering: bool,
        value: LiteralValue,
        choices: tuple[str, ...],
    ) -> list[str]:
        """Refuse ordering, non-text literals and values that are not listed."""
        values = value if isinstance(value, tuple) else (value,)
        problems = []
        if ordering:
            problems.append(f"'{name}' is a choice question: use == , != , in or not in")
        for one in values:
            if not isinstance(one, str):
                problems.append(
                    f"'{name}' is a choice question and cannot be compared with {show_literal(one)}"
                )
            elif one not in choices:
                listed = ", ".join(choices)
                problems.append(f"'{one}' is not a choice of '{name}' (choices: {listed})")
        return problems

    def candidates(self, question: Question, literals: Iterable[object]) -> tuple[AnswerValue, ...]:
        """Every listed choice."""
        return tuple(choice.value for choice in question.choices)

    def narrower(self, before: Question, after: Question) -> str:
        """A carried choice must still be listed here."""
        missing = [c.value for c in before.choices if after.choice(c.value) is None]
        return f"lacks the choices {', '.join(missing)}" if missing else ""

    def fhir_codes(self, question: Question) -> tuple[Code, ...]:
        """Each listed choice: its value is its code, in the question's own code system."""
        from triage.core.codes import Code

        return tuple(Code(c.value, c.value, c.text) for c in question.choices)


#: A date as conditions, bounds and answers files write it (ISO 8601, e.g. 2026-01-31).
#: (Patterns, not compiled ones: re compiles them when a date is first read.)
_ISO = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
#: A date as Norwegians type it: 31.01.2026 (day and month may have one digit).
_NORWEGIAN = r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})"
_DAY_SCHEMA = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"}


def parse_date(value: object) -> dt.date | None:
    """Return a date written ISO (2026-01-31) or Norwegian (31.01.2026), or None if not one."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if re.fullmatch(_ISO, text):
            return dt.date.fromisoformat(text)
        found = re.fullmatch(_NORWEGIAN, text)
        if found:
            day, month, year = (int(part) for part in found.groups())
            return dt.date(year, month, day)
    except ValueError:  # 31.02.2026: the pattern fits, the calendar does not
        return None
    return None


def _iso_literal(value: object) -> dt.date | None:
    """Return a condition literal or a bound that is an ISO date, else None."""
    return parse_date(value) if isinstance(value, str) and re.fullmatch(_ISO, value) else None


class Date(Ordered):
    """A date question: answers are ISO dates (``2026-01-31``), compared with quoted ISO dates.

    An answer is held as its ISO text, which sorts like the dates: conditions compare it as
    it is, and JSON and answers files hold it unchanged. Typed answers may also be Norwegian
    (31.01.2026); people read 31.01.2026 (bokmål) or 2026-01-31 (English). The proofs encode
    a date as its day ordinal.
    """

    __slots__ = ()

    things: str = "dates"
    ops: str = "op_date"
    origin: int = dt.date(2000, 1, 1).toordinal()
    floor: int | None = dt.date.min.toordinal()
    ceiling: int | None = dt.date.max.toordinal()
    typed: Typed | None = Typed(
        hint="date_hint",
        empty="date_empty",
        invalid="not_a_date",
        below="date_below",
        above="date_above",
        option="plain_date",
        keys="plain_keys_date",
        explain="explain_date",
        any="possible_any_date",
    )
    keys: tuple[str, ...] = ("min", "max")
    # LHC-Forms ignores enableWhen's ">" on dates: an ordered `when` becomes FHIRPath.
    fhir: Fhir = Fhir("date", "valueDate", "answerDate", compares=False, literal="@{value}")

    def bound_schema(self) -> dict[str, Any] | None:
        """An ISO date."""
        return dict(_DAY_SCHEMA)

    def needs(self) -> dict[str, Any] | None:
        """ISO-date bounds."""
        bound = {**_DAY_SCHEMA, "type": ["string", "null"]}
        return {"properties": {"min": bound, "max": bound}}

    def check_compare(
        self,
        name: str,
        op: str,
        ordering: bool,
        value: LiteralValue,
        choices: tuple[str, ...],
    ) -> list[str]:
        """Refuse literals that are not quoted ISO dates of the calendar."""
        problems = []
        for one in value if isinstance(value, tuple) else (value,):
            if not isinstance(one, str):
                shown = show_literal(one)
                problems.append(f"'{name}' is a date question and cannot be compared with {shown}")
            elif _iso_literal(one) is None:
                problems.append(
                    f"{show_literal(one)} is not a date: compare '{name}' with a quoted date"
                    f' written YYYY-MM-DD, e.g. {name} >= "2026-01-31"'
                )
        return problems

    def example(self, name: str, choices: tuple[str, ...]) -> str:
        """A date it falls on or after."""
        return f'{name} >= "2026-01-01"'

    def coerce(self, question: Question, value: object) -> Definite:
        """Read an ISO or Norwegian date (or a YAML date) inside the question's bounds."""
        day = parse_date(value)
        if day is None:
            raise NotOfKind("is not a date: write it as 2026-01-31 (or 31.01.2026)")
        return self.within(question, day.isoformat())

    def bound(self, value: object, key: str) -> Definite:
        """An ISO date (quoted or not)."""
        day = value if isinstance(value, dt.date) else _iso_literal(value)
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise ValueError(f"'{key}' must be a date written YYYY-MM-DD, e.g. 2026-01-31")
        return day.isoformat()

    def format(self, question: Question, value: Definite, words: Words) -> str:
        """31.01.2026 in bokmål, 2026-01-31 in English (text that is no date, as it is)."""
        day = _iso_literal(value)
        return words.text(str(value)) if day is None else words.date(day)

    def rank(self, value: Definite) -> int:
        """The day ordinal (1 for 0001-01-01)."""
        return dt.date.fromisoformat(str(value)).toordinal()

    def literal_rank(self, literal: object) -> int | None:
        """The day ordinal of an ISO date literal."""
        day = _iso_literal(literal)
        return None if day is None else day.toordinal()

    def unrank(self, number: int) -> Definite:
        """The ISO date of a day ordinal."""
        return dt.date.fromordinal(number).isoformat()

    def from_fhir(self, question: Question, value: object) -> Definite:
        """A FHIR date is ISO only (a partial date such as 2026-01 names no day)."""
        if not isinstance(value, str) or _iso_literal(value) is None:
            raise NotOfKind("is not a date: FHIR writes a day as 2026-01-31")
        return self.coerce(question, value)


_YES = {"ja", "j", "yes", "y", "true"}
_NO = {"nei", "n", "no", "false"}


#: The registry: one entry per kind (a test checks it covers ``QuestionKind``).
KINDS: Mapping[QuestionKind, Kind] = MappingProxyType(
    {
        QuestionKind.YES_NO: YesNo(QuestionKind.YES_NO),
        QuestionKind.NUMBER: Number(QuestionKind.NUMBER),
        QuestionKind.CHOICE: Choice(QuestionKind.CHOICE),
        QuestionKind.DATE: Date(QuestionKind.DATE),
    }
)


def kind_of(kind: QuestionKind) -> Kind:
    """Return the registered behaviour of ``kind``."""
    return KINDS[kind]
