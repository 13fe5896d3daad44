"""An answer option as FHIR codes it (``triage.core.kinds`` re-exports ``Code``).

Kept apart from the kinds so that the class is created by a FHIR export, not before an
interview's first question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.core.model import Definite, Text


@dataclass(frozen=True, slots=True)
class Code:
    """One answer option of a coded kind in FHIR: the answer, its code and its text."""

    value: Definite
    code: str
    #: The option's text: from the file, or the i18n key of one of the tool's own words.
    display: Text | str
    #: Its code system; None: the question's own (``urn:triage:questionnaire:ID:QUESTION``).
    system: str | None = None
