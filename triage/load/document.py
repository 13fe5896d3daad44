"""A located document: plain data read from one file, with where every value stands.

``read_yaml`` reads the shipped questionnaires from their parsed form built with the wheel
(``triage.load.prebuilt``) when it matches the file, and any other file with PyYAML
(``triage.load.yamlfile``), imported only then.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from triage.core.errors import Problem, QuestionnaireError, Severity

MAX_BYTES = 1_000_000
#: The longest text one value may hold, in characters (docs/authoring.md).
MAX_TEXT = 20_000

PathKey: TypeAlias = tuple[str | int, ...]
Position: TypeAlias = tuple[int, int]


#: Whole numbers are bounded, so none is too large to print: |n| < 10**15.
MAX_INT = 10**15


def shorten(text: str, limit: int = 40) -> str:
    """Return text cut to ``limit`` characters with an ellipsis, for quoting in a message."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…({len(text):,} characters)"


@dataclass(frozen=True, slots=True)
class Document:
    """Plain data read from one YAML file, with the position of every key and value."""

    file: str
    data: object
    values: Mapping[PathKey, Position]
    keys: Mapping[PathKey, Position]

    def at(self, path: PathKey, *, key: bool = False) -> Position:
        """Return (line, col) of the value (or key) at ``path``, or of its nearest parent."""
        table = self.keys if key else self.values
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: PathKey, message: str, *, key: bool = False, hint: str = "") -> Problem:
        """Return an error located at ``path``."""
        line, col = self.at(path, key=key)
        return Problem(self.file, line, col, message, hint=hint)


def read_yaml(path: Path, display: str | None = None, *, regular: bool = True) -> Document:
    """Read one YAML file; raise QuestionnaireError with a located problem if it is unusable.

    ``regular`` refuses anything but a regular file (a FIFO or device named ``*.yaml`` in a
    questionnaire folder would hang or flood every command); answers may come from a pipe.
    """
    name = display or str(path)
    try:
        if path.is_dir():
            raise _fail(name, "is a folder, not a file", "give the path of a .yaml file")
        # Non-blocking, so opening a FIFO without a writer returns at once (reading a regular
        # file ignores the flag); checked on the open file, so nothing is swapped in between.
        flags = os.O_RDONLY | (getattr(os, "O_NONBLOCK", 0) if regular else 0)
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb") as handle:  # noqa: PTH123 - a descriptor, not a path
            if regular and not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise _fail(name, "is not a regular file", "give the path of a .yaml file")
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fail(name, "no such file", "check the path") from None
    except PermissionError:
        raise _fail(name, "cannot be read (permission denied)", "check its permissions") from None
    except OSError as error:
        raise _fail(name, f"cannot be read ({error.strerror})", "check the path") from None
    if len(raw) > MAX_BYTES:
        raise _fail(name, f"file is larger than {MAX_BYTES // 1_000_000} MB", "split it up")
    from triage.load.prebuilt import cached

    known = cached(path, raw, name)
    if known is not None:
        return known
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise QuestionnaireError(
            [Problem(name, line, 1, "file is not UTF-8 text", hint="save the file as UTF-8")]
        ) from None
    from triage.load.yamlfile import parse_yaml

    return parse_yaml(text, name)


def hidden_characters(doc: Document) -> list[Problem]:
    """Return a warning for each text holding a control, bidi or zero-width character.

    The report and the prompts show such characters inert; ``triage validate`` warns, so
    the author can remove what makes the text act or read otherwise than it is.
    """
    found: list[Problem] = []
    todo: list[tuple[PathKey, object]] = [((), doc.data)]
    while todo:
        path, value = todo.pop()
        if isinstance(value, dict):
            todo.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            todo.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and (hidden := _INVISIBLE.search(value)) is not None:
            char = hidden.group()
            name = unicodedata.name(char, "").lower() or "a control character"
            line, col = doc.at(path)
            found.append(
                Problem(
                    doc.file,
                    line,
                    col,
                    f"text contains an invisible character U+{ord(char):04X} ({name})",
                    Severity.WARNING,
                    hint="remove it: it can make the text act or read otherwise than it is",
                )
            )
    return sorted(found, key=lambda p: (p.line, p.col))


def _fail(name: str, message: str, hint: str) -> QuestionnaireError:
    return QuestionnaireError([Problem(name, 0, 0, message, hint=hint)])


# Control characters (escape sequences), bidi controls and zero-width characters: they
# make text act on the terminal or read otherwise than it is ("Trojan source"), and nothing
# a caseworker reads needs them. Tabs and line breaks are text.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
