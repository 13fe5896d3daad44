"""Reports: the JSON contract and the Rich rendering."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from triage.engine import decide
from triage.model import UNKNOWN, Directory, Questionnaire
from triage.report import JSON_FORMAT, format_phone, inert, render_rich, to_json


def _render(
    questionnaire: Questionnaire,
    directory: Directory,
    answers: dict,
    width: int = 80,
    lang: str = "nb",
) -> str:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    console.print(render_rich(decide(questionnaire, answers), directory, lang))
    return console.export_text()


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        pytest.param("46960239", "469 60 239", id="mobile"),
        pytest.param("91800469", "918 00 469", id="mobile-9"),
        pytest.param("38055555", "38 05 55 55", id="landline"),
        pytest.param("+4746960239", "+47 469 60 239", id="country-code"),
        pytest.param("113", "113", id="short"),
    ],
)
def test_phone_numbers_read_as_norwegians_write_them(raw: str, shown: str) -> None:
    """Mobile numbers group 3-2-3, landlines 2-2-2-2; others are left alone."""
    assert format_phone(raw) == shown


def test_json_follows_the_documented_contract(small: Questionnaire, directory: Directory) -> None:
    """The JSON result carries every documented key with the decision's content."""
    result = to_json(decide(small, {"age": 34, "resident": True, "wants": True}), directory)
    assert result["format"] == JSON_FORMAT == "triage-result/1"
    assert result["questionnaire"] == {"id": "small", "title": "Liten test", "version": "1.0"}
    assert result["outcome"] == {
        "id": "eligible",
        "level": "positive",
        "title": "Aktuelt",
        "summary": "Alle kriterier er oppfylt.",
    }
    assert result["criteria"] == [
        {"id": "adult", "text": "Over 18 år", "status": "met"},
        {"id": "lives_here", "text": "Bor i kommunen", "status": "met"},
        {"id": "motivated", "text": "Ønsker endring", "status": "met"},
    ]
    assert result["answers"] == {"age": 34, "resident": True, "wants": True}
    assert result["clarify"] == []
    assert [c["name"] for c in result["contacts"]] == ["Testteamet", "Navn Navnesen"]
    assert result["contacts"][0]["hours"] == "hverdager 08.00–15.30"
    assert result["contacts"][0]["checked"] == "2026-11-23"
    assert result["legal_basis"] == [
        {"law": "helse- og omsorgstjenesteloven", "section": "§ 10-4", "text": None}
    ]
    assert result["sources"][0]["published"] == "2015-12-08"
    assert result["disclaimer"] == "Beslutningsstøtte – ikke et vedtak."


def test_json_for_clarify_lists_questions_and_unknown_answers(
    small: Questionnaire, directory: Directory
) -> None:
    """A clarify result names the deciding questions and writes unknown as 'unknown'."""
    result = to_json(decide(small, {"age": 34, "resident": UNKNOWN}), directory)
    assert result["outcome"]["id"] == "clarify"
    assert result["outcome"]["level"] == "clarify"
    assert result["clarify"] == ["resident", "wants"]
    assert result["answers"] == {"age": 34, "resident": "unknown"}
    assert [c["name"] for c in result["contacts"]] == ["Testteamet"]
    assert [c["status"] for c in result["criteria"]] == ["met", "unknown", "unknown"]


def test_rich_report_shows_outcome_reasons_contacts_and_disclaimer(
    small: Questionnaire, directory: Directory
) -> None:
    """The Rich report has the outcome word, ✓/✗/?, contacts, legal basis, source, disclaimer."""
    text = _render(small, directory, {"age": 17, "resident": True, "wants": UNKNOWN})
    assert "✗ IKKE AKTUELT" in text
    assert "Ikke aktuelt" in text
    assert "✗  Over 18 år" in text
    assert "✓  Bor i kommunen" in text
    assert "?  Ønsker endring" in text
    assert "Navn Navnesen" in text
    assert "469 60 239" in text
    assert "Testside (publisert 2015-12-08)" in text
    assert "Beslutningsstøtte – ikke et vedtak." in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_rich_report_for_clarify_lists_what_to_clarify(
    small: Questionnaire, directory: Directory
) -> None:
    """A clarify report says 'Dette må avklares' and numbers the deciding questions."""
    text = _render(small, directory, {"age": 34, "resident": True})
    assert "? MÅ AVKLARES" in text
    assert "Dette må avklares" in text
    assert "1. Ønsker endring?" in text or "1. Ønsker endring" in text
    assert "Testteamet" in text


def test_rich_report_speaks_english_on_request(small: Questionnaire, directory: Directory) -> None:
    """With lang=en the tool's words and the questionnaire's English texts are used."""
    text = _render(small, directory, {"age": 34, "resident": True, "wants": True}, lang="en")
    assert "✓ POSSIBLE" in text
    assert "Small test" in text
    assert "Decision support" in text


def test_inert_strips_escape_sequences_and_control_characters() -> None:
    """Terminal escapes and control characters cannot reach the terminal."""
    assert inert("a\x1b[31mred\x1b[0m\x07b\x00") == "aredb"
    assert inert("line\nnext\tx") == "line\nnext x"


def test_markup_in_yaml_text_is_printed_literally(
    small: Questionnaire, directory: Directory
) -> None:
    """Rich markup inside questionnaire text is shown as typed, not interpreted."""
    from dataclasses import replace

    from triage.model import Text

    hostile = replace(
        small,
        outcomes=tuple(
            replace(o, title=Text.of("[bold red]Ikke[/] [link=http://x]klikk[/link]\x1b[2J"))
            for o in small.outcomes
        ),
    )
    text = _render(hostile, directory, {"age": 17})
    assert "[bold red]Ikke[/] [link=http://x]klikk[/link]" in text
    assert "\x1b" not in text
