"""Playing scenario cases for trainers: the answers, the report, and whether it matched."""

from __future__ import annotations

import io

from rich.console import Console

from triage.core.model import UNKNOWN, Directory, Questionnaire
from triage.load.cases import Case
from triage.render.demo import render_case


def _text(renderable: object) -> str:
    console = Console(width=100, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_case_shows_answers_then_the_report(small: Questionnaire, directory: Directory) -> None:
    """A case shows its name and number, each answer (or that none was given), then the report."""
    case = Case("voksen, ønske ukjent", {"age": 40, "resident": True}, "clarify", ("wants",))
    shown, result = render_case(small, case, directory, "nb", number=2, total=5)
    text = _text(shown)
    assert "Eksempel 2 av 5: voksen, ønske ukjent" in text
    assert "1  Hvor gammel?" in text
    assert "40" in text
    assert "Ønsker endring?  ikke besvart" in text
    assert "MÅ AVKLARES" in text
    assert "Beslutningsstøtte – ikke et vedtak." in text
    assert text.rstrip().endswith("Dette er utfallet kriteriene gir.")
    assert result.passed


def test_case_that_misses_its_expectation_says_so(
    small: Questionnaire, directory: Directory
) -> None:
    """A case whose result differs from what it expects ends with the difference, in words."""
    case = Case("feil forventning", {"age": 17}, "eligible")
    shown, result = render_case(small, case, directory)
    assert not result.passed
    assert (
        "Avviker fra det eksemplet forventer: outcome: expected eligible, got not_eligible"
        in " ".join(_text(shown).split())
    )


def test_skipped_question_with_an_answer_says_the_answer_is_not_used(
    directory: Directory,
) -> None:
    """A question the flow skips shows 'hoppes over', and names an answer given anyway."""
    from triage.load.catalog import Catalog

    catalog = Catalog()
    pregnancy = catalog.load("pregnancy", catalog.directory())
    case = Case(
        "ikke gravid",
        {"pregnant": False, "substance_use_concern": UNKNOWN, "voluntary_help_failed": True},
        "not_applicable",
    )
    shown, _ = render_case(pregnancy, case, catalog.directory())
    rows = [line.split() for line in _text(shown).splitlines() if "hoppes over" in line]
    assert [row[0] for row in rows] == ["2", "3", "4"]
    assert " ".join(rows[1]).endswith("hoppes over")
    assert " ".join(rows[2]).endswith("hoppes over – svaret «Ja» brukes ikke")


def test_hand_over_is_named(directory: Directory) -> None:
    """A case ending in an outcome that continues elsewhere says where it goes."""
    from triage.load.catalog import Catalog

    catalog = Catalog()
    router = catalog.load("router", catalog.directory())
    shown, _ = render_case(router, Case("gravid", {"pregnant": True}, "to_pregnancy"), directory)
    assert "→ Går videre til skjemaet: pregnancy" in _text(shown)
