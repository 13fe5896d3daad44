"""Explaining a questionnaire: conditions in plain words, the Rich tree and the handout."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console

from triage.core.conditions import parse_condition
from triage.core.model import Directory, Questionnaire
from triage.load.catalog import Catalog
from triage.render.describe import describe
from triage.render.explain import render_markdown, render_tree
from triage.render.words import escape_markdown, format_date

CHOOSING = """\
id: choosing
title: Valg
description: Et skjema med et valg.
version: "1"
source: {pages: [page]}
questions:
  - {id: age, kind: number, min: 0, max: 120, text: "Hvor gammel?"}
  - id: housing
    kind: choice
    text: Bolig?
    choices:
      - {value: own, text: {nb: Egen bolig, en: Own home}}
      - {value: none, text: {nb: Uten fast bopel, en: No fixed abode}}
      - {value: shelter, text: {nb: Nødbolig, en: Emergency housing}}
  - {id: resident, kind: yes_no, text: {nb: "Bor i kommunen?", en: "Lives here?"}}
  - {id: wants, kind: yes_no, text: "Ønsker endring?"}
criteria:
  - {id: adult, text: {nb: Over 18 år, en: Over 18}, when: age >= 18}
  - {id: lives_here, text: Bor i kommunen, when: resident}
outcomes:
  - {id: o, level: information, title: O, summary: O, when: true, contacts: [team]}
"""


@pytest.fixture
def choosing(build: Callable[[str], Questionnaire]) -> Questionnaire:
    """A questionnaire with number, choice and yes/no questions and two criteria."""
    return build(CHOOSING)


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        pytest.param("true", "alltid", id="true"),
        pytest.param("not true", "aldri", id="not-true"),
        pytest.param("resident", "svaret på «Bor i kommunen?» er ja", id="yes"),
        pytest.param("not resident", "svaret på «Bor i kommunen?» er nei", id="no"),
        pytest.param("resident == false", "svaret på «Bor i kommunen?» er nei", id="eq-false"),
        pytest.param("resident != false", "svaret på «Bor i kommunen?» er ja", id="ne-false"),
        pytest.param("age >= 18", "svaret på «Hvor gammel?» er minst 18", id="ge"),
        pytest.param("age > 17", "svaret på «Hvor gammel?» er mer enn 17", id="gt"),
        pytest.param("age <= 25", "svaret på «Hvor gammel?» er høyst 25", id="le"),
        pytest.param("not age >= 18", "svaret på «Hvor gammel?» er mindre enn 18", id="not-ge"),
        pytest.param("age == 18", "svaret på «Hvor gammel?» er 18", id="eq"),
        pytest.param("age != 18", "svaret på «Hvor gammel?» er ikke 18", id="ne"),
        pytest.param('housing == "none"', "svaret på «Bolig?» er «Uten fast bopel»", id="choice"),
        pytest.param(
            'housing in ("none", "shelter")',
            "svaret på «Bolig?» er «Uten fast bopel» eller «Nødbolig»",
            id="choice-in",
        ),
        pytest.param(
            'housing not in ("none", "shelter")',
            "svaret på «Bolig?» er verken «Uten fast bopel» eller «Nødbolig»",
            id="choice-not-in",
        ),
        pytest.param(
            'not housing == "own"', "svaret på «Bolig?» er ikke «Egen bolig»", id="choice-not"
        ),
        pytest.param("adult", "«Over 18 år» er oppfylt", id="criterion"),
        pytest.param("not adult", "«Over 18 år» er ikke oppfylt", id="criterion-not"),
        pytest.param(
            "all(adult, lives_here)",
            "alle kriteriene «Over 18 år» og «Bor i kommunen» er oppfylt",
            id="all-met",
        ),
        pytest.param(
            "not all(adult, lives_here)",
            "minst ett av kriteriene «Over 18 år» og «Bor i kommunen» er ikke oppfylt",
            id="not-all-met",
        ),
        pytest.param(
            "not any(adult, lives_here)",
            "ingen av kriteriene «Over 18 år» og «Bor i kommunen» er oppfylt",
            id="none-met",
        ),
        pytest.param(
            "any(resident, wants)",
            "svaret er ja på minst ett av spørsmålene «Bor i kommunen?» og «Ønsker endring?»",
            id="any-yes",
        ),
        pytest.param(
            "not (resident or wants)",
            "svaret er nei på «Bor i kommunen?» og «Ønsker endring?»",
            id="de-morgan",
        ),
        pytest.param(
            "age >= 18 and resident",
            "svaret på «Hvor gammel?» er minst 18 og svaret på «Bor i kommunen?» er ja",
            id="and",
        ),
        pytest.param(
            "(age >= 18 or resident) and not wants",
            "(svaret på «Hvor gammel?» er minst 18 eller svaret på «Bor i kommunen?» er ja) "
            "og svaret på «Ønsker endring?» er nei",
            id="nested",
        ),
        pytest.param(
            "adult and (resident and wants)",
            "«Over 18 år» er oppfylt, svaret på «Bor i kommunen?» er ja og svaret på "
            "«Ønsker endring?» er ja",
            id="flattened",
        ),
    ],
)
def test_conditions_read_as_plain_bokmal(
    choosing: Questionnaire, condition: str, expected: str
) -> None:
    """A condition reads as a bokmål sentence built from the question and criterion texts."""
    assert describe(parse_condition(condition), choosing, "nb") == expected


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        pytest.param(
            "not all(adult, lives_here)",
            "at least one of the criteria “Over 18” and “Bor i kommunen” is not met",
            id="not-all",
        ),
        pytest.param(
            'age < 18 or housing == "none"',
            "the answer to “Hvor gammel?” is less than 18 or the answer to “Bolig?” is "
            "“No fixed abode”",
            id="or",
        ),
        pytest.param("not resident", "the answer to “Lives here?” is no", id="no"),
    ],
)
def test_conditions_read_as_plain_english(
    choosing: Questionnaire, condition: str, expected: str
) -> None:
    """With --lang en the sentence is English, using the English texts where they exist."""
    assert describe(parse_condition(condition), choosing, "en") == expected


def test_no_condition_reads_as_always(choosing: Questionnaire) -> None:
    """An outcome without a condition always applies."""
    assert describe(None, choosing) == "alltid"


def test_markdown_escaping_keeps_text_as_written() -> None:
    """The handout escapes like the journal note: names and quotes show as written."""
    assert escape_markdown("a_b *c* [d] <e> `f` #g |h") == r"a\_b \*c\* \[d\] \<e\> \`f\` \#g \|h"
    assert escape_markdown("- 1. ~x~ &amp;") == r"\- 1. \~x\~ \&amp;"


SHIPPED = list(Catalog().files())


def _wide(renderable: object) -> str:
    console = Console(width=2000, color_system=None, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def shipped() -> tuple[Catalog, Directory]:
    """The shipped catalogue and its contact directory."""
    catalog = Catalog()
    return catalog, catalog.directory()


def _expected_pieces(questionnaire: Questionnaire, directory: Directory, lang: str) -> list[str]:
    pieces = [questionnaire.title.get(lang), questionnaire.description.get(lang)]
    for question in questionnaire.questions:
        pieces.append(question.text.get(lang))
        if question.help:
            pieces.append(question.help.get(lang))
        pieces.extend(choice.text.get(lang) for choice in question.choices)
    pieces.extend(criterion.text.get(lang) for criterion in questionnaire.criteria)
    for outcome in questionnaire.outcomes:
        pieces += [outcome.id, outcome.title.get(lang), outcome.summary.get(lang)]
        pieces.extend(note.text.get(lang) for note in outcome.notes)
        pieces.extend(basis.section for basis in outcome.legal_basis)
        if outcome.continue_with:
            pieces.append(outcome.continue_with)
        for contact in list(outcome.contacts) + list(questionnaire.clarify_contacts):
            pieces += [
                directory.contacts[contact].name,
                format_date(directory.contacts[contact].checked, lang),
            ]
    pieces.extend(quote.text for quote in questionnaire.quotes)
    pieces.extend(text.get(lang) for text in questionnaire.vague)
    pieces.append("Beslutningsstøtte – ikke et vedtak." if lang == "nb" else "Decision support")
    return [_flat(piece) for piece in pieces]


@pytest.mark.parametrize("ident", SHIPPED)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_tree_shows_every_question_outcome_contact_and_source(
    shipped: tuple[Catalog, Directory], ident: str, lang: str
) -> None:
    """The terminal tree holds every question, outcome, contact, quote and vague note."""
    catalog, directory = shipped
    questionnaire = catalog.load(ident, directory)
    text = _flat(_wide(render_tree(questionnaire, directory, lang)))
    missing = [p for p in _expected_pieces(questionnaire, directory, lang) if p not in text]
    assert missing == []


@pytest.mark.parametrize("ident", SHIPPED)
def test_markdown_handout_shows_everything_and_the_flowchart(
    shipped: tuple[Catalog, Directory], ident: str
) -> None:
    """The Markdown handout holds the same content, readable once unescaped, and a chart."""
    catalog, directory = shipped
    questionnaire = catalog.load(ident, directory)
    text = render_markdown(questionnaire, directory)
    readable = _flat(text.replace("\\", ""))
    missing = [p for p in _expected_pieces(questionnaire, directory, "nb") if p not in readable]
    assert missing == []
    assert text.startswith(f"# {escape_markdown(questionnaire.title.get())}\n")
    assert "```mermaid\nflowchart TD\n" in text


def test_tree_shows_conditions_in_plain_words(shipped: tuple[Catalog, Directory]) -> None:
    """Questions asked only sometimes, and outcomes, show their condition in words."""
    catalog, directory = shipped
    text = _flat(_wide(render_tree(catalog.load("pregnancy", directory), directory)))
    assert (
        "Spørres bare hvis dette kan gjelde: svaret er ja på «Er personen gravid?» og «Er det "
        "kjent eller mistanke om at personen ruser seg i svangerskapet?»" in text
    )
    assert "Gjelder når: svaret er nei på minst ett av spørsmålene «Er personen gravid?»" in text
    assert "Gjelder når: ellers – når et svar som mangler eller er «Vet ikke»" in text
    assert "telefon: ikke oppgitt i kilden" in text  # Rusteamet: the page gives no number


def test_tree_shows_the_hand_over(shipped: tuple[Catalog, Directory]) -> None:
    """An outcome that continues with another questionnaire says which."""
    catalog, directory = shipped
    text = _flat(_wide(render_tree(catalog.load("chapter10", directory), directory)))
    assert "Går videre til skjemaet: pregnancy" in text
    services = _flat(_wide(render_tree(catalog.load("services", directory), directory)))
    assert "Historisk side: Søgne kommune ble slått sammen med Kristiansand kommune" in services


def test_legal_basis_shows_when_it_applies(shipped: tuple[Catalog, Directory]) -> None:
    """A legal basis with a 'when' is explained with its condition, in both renderings."""
    catalog, directory = shipped
    questionnaire = catalog.load("pregnancy", directory)
    condition = (
        "(hvis svaret på «Er frivillige hjelpetiltak prøvd uten at de har ført frem?» er ja)"
    )
    markdown = _flat(render_markdown(questionnaire, directory).replace("\\", ""))
    assert f"Lovgrunnlag: {condition} helse- og omsorgstjenesteloven § 10-3" in markdown.replace(
        "**", ""
    )
    tree = _flat(_wide(render_tree(questionnaire, directory)))
    assert f"{condition} helse- og omsorgstjenesteloven § 10-3" in tree


def test_clarify_heading_says_its_word_once() -> None:
    """The clarify outcome reads «? MÅ AVKLARES», not «? MÅ AVKLARES – Må avklares»."""
    from triage.render.words import outcome_line

    assert outcome_line(None, "nb") == "? MÅ AVKLARES"
    shalam = Catalog().load("shalam")
    assert outcome_line(shalam.outcomes[0], "nb").startswith("✗ IKKE AKTUELT – ")
