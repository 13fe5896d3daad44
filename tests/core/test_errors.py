"""Errors: one line each, whatever the file they quote contains."""

from __future__ import annotations

import pytest

from triage.core.errors import Problem, QuestionnaireError, TriageError, escape_controls


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("plain æøå ÆØÅ – 😀", "plain æøå ÆØÅ – 😀", id="printable-kept"),
        pytest.param("a\nb\r\nc", "a\\nb\\r\\nc", id="line-breaks"),
        pytest.param("\x1b[2Jcleared", "\\x1b[2Jcleared", id="escape-sequence"),
        pytest.param("tab\there\u2028", "tab\\there\\u2028", id="tab-and-line-separator"),
    ],
)
def test_one_line_escapes_what_would_break_the_line(text: str, expected: str) -> None:
    """Line breaks and control characters are written as escapes; letters stay as they are."""
    assert escape_controls(text) == expected


def test_messages_quoting_a_file_stay_on_one_line() -> None:
    """A key with a newline in it cannot split a problem or an error over two lines."""
    problem = Problem("q.yaml", 3, 1, "unknown key 'a\nb'", hint="did you\nmean 'id'?")
    assert problem.format() == "q.yaml:3:1: error: unknown key 'a\\nb'"
    assert QuestionnaireError([problem]).message == (
        "q.yaml:3:1: error: unknown key 'a\\nb' (did you\\nmean 'id'?)"
    )
    assert TriageError("x.yaml: unknown question id 'æ\nø'").message == (
        "x.yaml: unknown question id 'æ\\nø'"
    )
