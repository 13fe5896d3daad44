"""The tool's own words: every message in bokmål and English, with the same blanks."""

from __future__ import annotations

import string

import pytest

from triage.core.model import LANGUAGES
from triage.render.i18n import MESSAGES, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_every_language_with_the_same_blanks(key: str) -> None:
    """Each message exists, non-empty, in nb and en, and both fill in the same values."""
    table = MESSAGES[key]
    assert sorted(table) == sorted(LANGUAGES)
    assert all(text.strip() for text in table.values())
    assert _fields(table["nb"]) == _fields(table["en"])


def test_a_missing_language_falls_back_to_bokmal() -> None:
    """An unknown language gets the bokmål text, never an empty string."""
    assert t("unknown", "se") == "Vet ikke"
    assert t("question_of", "de", number=3, total=7) == "Spørsmål 3 av 7"
    assert t("question_of", "en", number=3, total=7) == "Question 3 of 7"


def test_languages_agree_with_the_model() -> None:
    """The light copies of the languages in i18n (for help without the model) match the model."""
    from triage.core import model
    from triage.render import i18n

    assert (i18n.DEFAULT_LANG, i18n.LANGUAGES) == (model.DEFAULT_LANG, model.LANGUAGES)
