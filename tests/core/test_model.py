"""The model: lookups and how its values read."""

from __future__ import annotations

import pytest

from triage.core.model import UNKNOWN, Questionnaire, Text


def test_unknown_reads_as_unknown() -> None:
    """The "Vet ikke" value shows as UNKNOWN in test output and logs of values."""
    assert repr(UNKNOWN) == "UNKNOWN"
    assert repr({"age": UNKNOWN}) == "{'age': UNKNOWN}"


def test_text_reads_as_bokmal_and_falls_back_to_it() -> None:
    """A text is its bokmål as a string, and other languages fall back to bokmål."""
    text = Text.of("Hvor gammel?", en="How old?")
    assert str(text) == "Hvor gammel?"
    assert text.get("en") == "How old?"
    assert Text.of("Bare bokmål").get("en") == "Bare bokmål"
    assert text.has("en")
    assert not Text.of("Bare bokmål").has("en")


def test_lookups_of_unknown_ids_raise_key_error(small: Questionnaire) -> None:
    """Asking a questionnaire for a question or outcome it lacks is a KeyError naming it."""
    assert small.question("age").id == "age"
    assert small.outcome("eligible").id == "eligible"
    with pytest.raises(KeyError, match="nosuch"):
        small.question("nosuch")
    with pytest.raises(KeyError, match="nosuch"):
        small.outcome("nosuch")
    assert small.quote("q_age") is not None
    assert small.quote("nosuch") is None
