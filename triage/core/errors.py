"""Errors a user can fix, and the located problems behind them."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass


def escape_controls(text: str) -> str:
    """Return ``text`` with line breaks and other control characters written as escapes.

    Messages quote what a file says (a key, a value), and a file can say anything: an
    error must stay on one line and must not send escape sequences to the terminal.
    Unlike ``render.words.inert``, which drops controls from text shown to a reader, this
    keeps them visible (``\\x1b``), so the author sees what the file holds.
    """
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


class Severity(enum.Enum):
    """How bad a problem is: errors stop a questionnaire from loading, warnings do not.

    A note is no problem: something the file says is intended, shown when asked for.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding in a file, printed as ``file:line:col: severity: message``."""

    file: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR
    hint: str = ""

    def format(self) -> str:
        """Return the one-line form editors and CI parse."""
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        return escape_controls(f"{where}: {self.severity.value}: {self.message}")


class TriageError(Exception):
    """Base for errors the user can fix; ``message`` says what, where and how.

    ``message`` is English (logs, tests, authors). An error a caseworker can meet also
    carries the key of its text in ``triage.render.i18n`` and the values to fill in, so the
    command line can say it in the user's language (``triage.render.i18n.localized``).
    """

    exit_code = 2

    def __init__(self, message: str, *, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.message = escape_controls(message)
        self.key = key
        self.values = values


class QuestionnaireError(TriageError):
    """A questionnaire, contacts or cases file that cannot be used."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        errors = [p for p in problems if p.severity is Severity.ERROR] or list(problems)
        first = errors[0]
        message = first.format()
        if first.hint:
            message += f" ({escape_controls(first.hint)})"
        if len(errors) > 1:
            message += f" [+{len(errors) - 1} more: run 'triage validate {first.file}']"
        super().__init__(message)
        self.problems = tuple(problems)


class AnswersError(TriageError):
    """An answers file or ``--set`` value that does not fit the questionnaire."""


class UsageError(TriageError):
    """A command line that cannot be carried out as given."""


class UnknownQuestionnaire(UsageError):
    """A questionnaire id or alias that no folder in use has."""

    def __init__(self, name: str, ids: Sequence[str], aliases: Sequence[str] = ()) -> None:
        names = ", ".join([*ids, *aliases]) or "none"
        super().__init__(
            f"no questionnaire '{name}' (available: {names}; see 'triage list')",
            key="error_no_questionnaire",
            name=name,
            names=names,
        )


class NoTerminalError(TriageError):
    """An interview was asked for where nobody can answer it."""


class OutputError(TriageError):
    """A file that was asked for cannot be written (folder missing, not writable, exists)."""
