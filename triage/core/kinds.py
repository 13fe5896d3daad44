"""The kind registry: what each question kind means, declared once per kind.

Each kind says which literals a condition may compare it with (and how), an example
condition, how a carried answer may not fit a narrower question, and the definite answers
that reach every branch the conditions distinguish (the engine's possible outcomes and the
proofs' witnesses). Edges that need a terminal, z3 or JSON Schema keep their own small
tables keyed by ``QuestionKind``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from triage.core.model import AnswerValue, Question, QuestionKind

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


@dataclass(frozen=True, slots=True)
class Kind:
    """The behaviour shared by every kind; each kind overrides what differs."""

    kind: QuestionKind
    #: Whether answers have an order, so ``<``, ``<=``, ``>`` and ``>=`` apply.
    ordered: bool = False

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


@dataclass(frozen=True, slots=True)
class YesNo(Kind):
    """A yes/no question: stands alone in a condition, or compares == / != with a boolean."""

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


@dataclass(frozen=True, slots=True)
class Number(Kind):
    """A whole-number question, optionally bounded; compares with whole numbers."""

    ordered: bool = True

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

    def candidates(self, question: Question, literals: Iterable[object]) -> tuple[AnswerValue, ...]:
        """Each literal and its neighbours, and the bounds, inside the bounds."""
        points: set[int] = set()
        for literal in literals:
            if isinstance(literal, int) and not isinstance(literal, bool):
                points.update((literal - 1, literal, literal + 1))
        low, high = question.minimum, question.maximum
        points.update(v for v in (low, high) if v is not None)
        inside = sorted(
            p for p in points if (low is None or p >= low) and (high is None or p <= high)
        )
        return tuple(inside) or (low if low is not None else 0,)

    def narrower(self, before: Question, after: Question) -> str:
        """A carried number must fit the range asked here."""
        low_ok = after.minimum is None or (
            before.minimum is not None and before.minimum >= after.minimum
        )
        high_ok = after.maximum is None or (
            before.maximum is not None and before.maximum <= after.maximum
        )
        return "" if low_ok and high_ok else "allows a narrower range of numbers here"


@dataclass(frozen=True, slots=True)
class Choice(Kind):
    """A question with listed choices; compares == / != / in / not in with listed values."""

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


#: The registry: one entry per kind (a test checks it covers ``QuestionKind``).
KINDS: Mapping[QuestionKind, Kind] = MappingProxyType(
    {
        QuestionKind.YES_NO: YesNo(QuestionKind.YES_NO),
        QuestionKind.NUMBER: Number(QuestionKind.NUMBER),
        QuestionKind.CHOICE: Choice(QuestionKind.CHOICE),
    }
)


def kind_of(kind: QuestionKind) -> Kind:
    """Return the registered behaviour of ``kind``."""
    return KINDS[kind]
