"""The journal note (Markdown and plain text), and hostile text made inert in every format."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console

from tests.conftest import SMALL
from triage.core.engine import decide
from triage.core.hours import OSLO
from triage.core.model import UNKNOWN, Directory, Questionnaire
from triage.load.answers import parse_answers
from triage.load.catalog import CONTACTS_FILE, shipped_dir
from triage.load.contacts import check_directory, load_directory
from triage.load.questionnaire import load_questionnaire
from triage.render.journal import to_markdown, to_text
from triage.render.json import to_json
from triage.render.rich import render_contacts, render_rich
from triage.render.words import escape_markdown

NOW = dt.datetime(2026, 11, 27, 16, 5, tzinfo=OSLO)
Write = Callable[[str, str], Path]


@pytest.fixture(scope="module")
def shipped() -> Directory:
    """The shipped contact directory."""
    return load_directory([shipped_dir() / CONTACTS_FILE])


def _load(questionnaire_id: str, directory: Directory) -> Questionnaire:
    return load_questionnaire(shipped_dir() / f"{questionnaire_id}.yaml", directory)


def _decision(questionnaire_id: str, directory: Directory, answers: dict):  # type: ignore[no-untyped-def]
    questionnaire = _load(questionnaire_id, directory)
    return decide(questionnaire, parse_answers(answers, questionnaire))


NOT_ELIGIBLE = {
    "age": 16,
    "belongs_to_kristiansand": "unknown",
    "own_substance_use": True,
    "wants_change": True,
    "copes_with_withdrawal": False,
}


# --------------------------------------------------------------------------- Markdown and text


def test_markdown_note_matches_its_snapshot(
    shipped: Directory, snapshot: Callable[[str, str], None]
) -> None:
    """The Markdown journal note for a shipped outcome is exactly as reviewed."""
    note = to_markdown(_decision("shalam", shipped, NOT_ELIGIBLE), shipped, now=NOW)
    snapshot("shalam.not_eligible.md", note)


def test_text_note_matches_its_snapshot(
    shipped: Directory, snapshot: Callable[[str, str], None]
) -> None:
    """The plain-text journal note for a shipped outcome is exactly as reviewed."""
    note = to_text(_decision("shalam", shipped, NOT_ELIGIBLE), shipped, now=NOW)
    snapshot("shalam.not_eligible.txt", note)


def test_markdown_note_has_every_part_of_a_journal_entry(shipped: Directory) -> None:
    """Heading, date and time, questionnaire and version, outcome, reasons, answers, contacts."""
    note = to_markdown(_decision("shalam", shipped, NOT_ELIGIBLE), shipped, now=NOW)
    lines = note.splitlines()
    assert lines[0] == "# Triage: Ut av det – sosialfaglig avgiftning ved Shalam"
    assert "- **Dato:** 27.11.2026 kl. 16.05" in lines
    assert (
        "- **Skjema:** Ut av det – sosialfaglig avgiftning ved Shalam (shalam), versjon 1.0"
        in lines
    )
    assert "- **Resultat:** IKKE AKTUELT – Fyller ikke kriteriene for «Ut av det»" in lines
    assert "- ✗ Over 18 år (18 år eller eldre): ikke oppfylt (svar: 16)" in lines
    assert "- ? Tilhørighet i Kristiansand kommune: ukjent (svar: Vet ikke)" in lines
    assert "- Hvor gammel er personen? – 16" in lines
    assert any(
        line.startswith(
            "- **Per Willy Ormestad** – Ruskonsulent, NAV Kristiansand. "
            "Telefon: 469 60 239. E-post: per.willy.ormestad@nav.no."
        )
        for line in lines
    )
    assert "## Kilde" in lines
    assert lines[-1] == "**Beslutningsstøtte – ikke et vedtak.**"


def test_markdown_note_for_clarify_lists_the_questions_and_whom_to_call(
    shipped: Directory,
) -> None:
    """A clarify note says what is possible, numbers the deciding questions, names guidance."""
    answers = {"age": 34, "belongs_to_kristiansand": "unknown", "own_substance_use": True}
    note = to_markdown(_decision("shalam", shipped, answers), shipped, now=NOW)
    assert "- **Resultat:** MÅ AVKLARES\n" in note
    section = note.split("## Dette må avklares\n\n")[1]
    assert section.startswith(
        "- Uansett svar: kontakt Per Willy Ormestad\n"
        "- Mulige utfall: A) Fyller ikke kriteriene for «Ut av det» · "
        "B) Ser ut til å fylle kriteriene for «Ut av det»\n\n"
        "1. Har personen sin tilhørighet i Kristiansand kommune? (Ja → fortsatt åpent · Nei → A)\n"
        "2. Har personen et ønske om endringer i livet? (Ja → fortsatt åpent · Nei → A)\n"
        "3. Har personen erfaring med å takle det å være abstinent uten å måtte ha "
        "helsefaglig hjelp? (Ja → fortsatt åpent · Nei → A)\n\n"
        "Veiledning i mellomtiden: Per Willy Ormestad (469 60 239); "
        "Rusteamet i Kristiansand kommune (hverdager 08.00–15.30).\n"
    )
    assert "stengt nå" not in note  # a journal note outlives "open now"


def test_note_carries_legal_basis_websites_and_why(shipped: Directory) -> None:
    """Legal basis, web resources, and with why the source sentences and vague points."""
    decision = _decision("pregnancy", shipped, {"pregnant": True, "substance_use_concern": True})
    note = to_markdown(decision, shipped, now=NOW, why=True)
    assert (
        "## Lovgrunnlag\n\n- helse- og omsorgstjenesteloven § 10-3 – "
        "tilbakeholdelse av gravide rusmiddelavhengige" in note
    )
    assert (
        "ikke grunnlaget for selve meldingen (kan bli aktuelt) "
        "https://lovdata.no/lov/2011-06-24-30/§10-3\n" in note
    )
    assert "Kilden: «Rusteamet håndterer meldinger om gravide med ruseksponering" in note
    assert "## Uklart i kilden" in note
    websites = to_text(_decision("pregnancy", shipped, {"pregnant": False}), shipped, now=NOW)
    assert "Nettsider:\n- Rusinfo.no: https://rusinfo.no – Landsdekkende" in websites


def test_note_names_each_question_of_a_criterion_resting_on_two_answers(
    build: Callable[[str], Questionnaire],
) -> None:
    """A criterion resting on two answers shows each answer with its question, not a bare list."""
    text = SMALL.replace(
        "{id: lives_here, text: Bor i kommunen, when: resident}",
        "{id: lives_here, text: Bor i kommunen og ønsker endring, when: resident and wants}",
    )
    questionnaire = build(text)
    answers = {"age": 30, "resident": True, "wants": "unknown"}
    decision = decide(questionnaire, parse_answers(answers, questionnaire))
    note = to_text(decision, Directory(), now=NOW)
    assert "(svar: Bor i kommunen? Ja; Ønsker endring? Vet ikke)" in note
    assert "Over 18 år: oppfylt (svar: 30)\n" in note  # one answer stays bare


def test_text_note_has_the_same_content_without_markup(shipped: Directory) -> None:
    """The text note says what the Markdown note says, with no Markdown syntax."""
    decision = _decision("shalam", shipped, NOT_ELIGIBLE)
    text = to_text(decision, shipped, now=NOW)
    markdown = to_markdown(decision, shipped, now=NOW)
    assert "**" not in text
    assert "#" not in text
    assert "Dato: 27.11.2026 kl. 16.05" in text
    assert text.rstrip().endswith("Beslutningsstøtte – ikke et vedtak.")

    def words(note: str) -> list[str]:
        return re.findall(r"[\wæøåÆØÅ]+", note)

    assert words(markdown) == words(text)


def test_english_note(shipped: Directory) -> None:
    """The note speaks English on request, with English dates and times."""
    note = to_text(_decision("shalam", shipped, NOT_ELIGIBLE), shipped, "en", now=NOW)
    assert "Date: 2026-11-27 at 16:05" in note
    assert "Decision support – not an administrative decision (vedtak)." in note


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        pytest.param("*fet* _kursiv_", r"\*fet\* \_kursiv\_", id="emphasis"),
        pytest.param("[lenke](http://x)", r"\[lenke\](http://x)", id="link"),
        pytest.param("<script>", r"\<script\>", id="html"),
        pytest.param("# Overskrift", r"\# Overskrift", id="heading"),
        pytest.param("Tittel ##", r"Tittel \#\#", id="heading-closing-sequence"),
        pytest.param("&#36; ~~x~~ $y$", r"&\#36; \~\~x\~\~ \$y\$", id="entity-strike-math"),
        pytest.param("- punkt", r"\- punkt", id="bullet"),
        pytest.param("1. punkt", r"1\. punkt", id="numbered"),
        pytest.param("a | b", r"a \| b", id="table"),
        pytest.param("&amp; & x", r"\&amp; & x", id="entity"),
        pytest.param("`kode`", r"\`kode\`", id="code"),
        pytest.param("to\nlinjer\x1b[2J", "to linjer", id="newline-and-escape"),
        pytest.param("helse- og omsorgstjenesteloven § 10-3", None, id="ordinary-text-unchanged"),
    ],
)
def test_markdown_escaping(raw: str, escaped: str | None) -> None:
    """Markdown's special characters are escaped; ordinary Norwegian text is left alone."""
    assert escape_markdown(raw) == (raw if escaped is None else escaped)


# --------------------------------------------------------------------------- hostile text

HOSTILE = r"[bold red]x[/] [link=http://evil]y[/link] \e[2J\a *_#|<> `z` &amp; ![i](http://e)"
#: HOSTILE as the screen and JSON show it: control characters removed, nothing else changed.
SHOWN = "[bold red]x[/] [link=http://evil]y[/link]  *_#|<> `z` &amp; ![i](http://e)"
#: HOSTILE in a journal note, where each string is kept on one line with single spaces.
FLAT = " ".join(SHOWN.split())
#: A choice value may hold no control characters (issue 12, D1): markup is what is left.
HOSTILE_VALUE = r"[red]v[/]"

HOSTILE_CONTACTS = f"""\
sources:
  - id: page
    title: "{HOSTILE}"
    publisher: "{HOSTILE}"
    url: "{HOSTILE}"
contacts:
  - id: evil
    name: "{HOSTILE}"
    role: "{HOSTILE}"
    organisation: "{HOSTILE}"
    phone: "46960239"
    email: "[b]x[/b]@evil.no"
    hours: {{days: [mon], from: "08:00", to: "09:00"}}
    source: page
    checked: 2026-11-23
    note: "{HOSTILE}"
  - id: web
    name: "{HOSTILE}"
    role: "{HOSTILE}"
    organisation: web
    url: "[link=http://evil]https://x[/link]"
    source: page
    checked: 2026-11-23
"""

HOSTILE_QUESTIONNAIRE = f"""\
id: hostile
title: "{HOSTILE}"
description: "{HOSTILE}"
version: "1.0 [red]v[/]"
source:
  pages: [page]
  quotes: [{{id: q1, page: page, text: "{HOSTILE}"}}]
  vague: ["{HOSTILE}"]
questions:
  - id: pick
    kind: choice
    text: "{HOSTILE}"
    choices:
      - {{value: "{HOSTILE_VALUE}", text: "{HOSTILE}"}}
      - {{value: plain, text: Vanlig}}
criteria:
  - {{id: crit, text: "{HOSTILE}", when: 'pick != "plain"', group: "{HOSTILE}", quote: q1}}
outcomes:
  - id: hit
    level: report
    title: "{HOSTILE}"
    summary: "{HOSTILE}"
    when: crit
    contacts: [evil, web]
    quote: q1
    legal_basis: [{{law: "{HOSTILE}", section: "§ [b]1[/b]", text: "{HOSTILE}"}}]
    notes: [{{text: "{HOSTILE}"}}]
  - id: miss
    level: information
    title: Ok
    summary: Ok
    when: not crit
    contacts: [evil]
clarify:
  contacts: [evil]
  summary: "{HOSTILE}"
"""

#: One decision per way hostile text can travel: chosen as an answer, unknown, the plain one.
HOSTILE_ANSWERS = [
    pytest.param({"pick": "[red]v[/]"}, id="hostile-choice-answer"),
    pytest.param({"pick": "unknown"}, id="clarify"),
    pytest.param({"pick": "plain"}, id="plain-answer"),
]


@pytest.fixture
def hostile(write_file: Write) -> tuple[Questionnaire, Directory]:
    """A questionnaire and directory whose every text is hostile."""
    directory, problems = check_directory(write_file("contacts.yaml", HOSTILE_CONTACTS))
    assert [p for p in problems if p.severity.value == "error"] == []
    questionnaire = load_questionnaire(write_file("hostile.yaml", HOSTILE_QUESTIONNAIRE), directory)
    return questionnaire, directory


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SGR = re.compile(r"\x1b\[[0-9;]*m")
#: A control character as JSON writes it (escaped below 0x20, raw from 0x7f).
_JSON_CONTROL = re.compile(r"\\u00[01][0-9a-fA-F]|\\u007[fF]|[\x7f-\x9f]")


@pytest.mark.parametrize("answers", HOSTILE_ANSWERS)
def test_hostile_text_is_inert_in_the_rich_report(
    hostile: tuple[Questionnaire, Directory], answers: dict
) -> None:
    """In a colour terminal only our own colour codes appear; markup is shown as typed."""
    questionnaire, directory = hostile
    decision = decide(questionnaire, parse_answers(answers, questionnaire))
    console = Console(width=300, force_terminal=True, color_system="truecolor", file=io.StringIO())
    console.print(render_rich(decision, directory, now=NOW, why=True))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    plain = _SGR.sub("", out)
    assert _CONTROL.search(plain.replace("\n", "")) is None  # no ESC left but colour codes
    assert "\x1b]8" not in out  # no hyperlinks
    assert SHOWN in plain
    if decision.outcome_id == "hit":
        assert "Vanlig" not in plain
        assert "§ [b]1[/b]" in plain
    assert "[b]x[/b]@evil.no" in plain


@pytest.mark.parametrize("answers", HOSTILE_ANSWERS)
def test_hostile_text_is_inert_in_markdown(
    hostile: tuple[Questionnaire, Directory], answers: dict
) -> None:
    """Rendered as Markdown, hostile text makes no link, image, code, HTML or emphasis."""
    questionnaire, directory = hostile
    decision = decide(questionnaire, parse_answers(answers, questionnaire))
    note = to_markdown(decision, directory, now=NOW, why=True)
    assert _CONTROL.search(note.replace("\n", "")) is None
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(note)
    for tag in ("<a ", "<img", "<code", "<em>", "<script", "<table", "<del>", "<h2>#"):
        assert tag not in html
    assert html.count("<h1>") == 1
    assert html.count("<strong>") == note.count("**") // 2  # only our own labels
    shown = FLAT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert shown in html


@pytest.mark.parametrize("answers", HOSTILE_ANSWERS)
def test_hostile_text_is_inert_in_plain_text(
    hostile: tuple[Questionnaire, Directory], answers: dict
) -> None:
    """The text note keeps hostile text as typed, minus control characters."""
    questionnaire, directory = hostile
    decision = decide(questionnaire, parse_answers(answers, questionnaire))
    note = to_text(decision, directory, now=NOW, why=True)
    assert _CONTROL.search(note.replace("\n", "")) is None
    assert FLAT in note


@pytest.mark.parametrize("answers", HOSTILE_ANSWERS)
def test_hostile_text_is_inert_in_json(
    hostile: tuple[Questionnaire, Directory], answers: dict
) -> None:
    """JSON escapes what it must: no raw control character, and the values survive a round trip."""
    questionnaire, directory = hostile
    decision = decide(questionnaire, parse_answers(answers, questionnaire))
    document = to_json(decision, directory, now=NOW)
    dumped = json.dumps(document, ensure_ascii=False)
    assert _CONTROL.search(dumped) is None
    assert json.loads(dumped) == document
    assert document["questionnaire"]["title"] == SHOWN
    # Every text is inert; only answers keep a choice's value exactly as the file defines it.
    answers_removed = {
        **document,
        "answers": None,
        "criteria": None,
        "questions": None,
        "clarify_answers": [
            {**o, "answers": [{**a, "answer": None} for a in o["answers"]]}
            for o in document["clarify_answers"]
        ],
    }
    texts = [c["text"] for c in document["criteria"]] + [q["text"] for q in document["questions"]]
    for part in (answers_removed, texts):
        assert _JSON_CONTROL.search(json.dumps(part, ensure_ascii=False)) is None
    assert _JSON_CONTROL.search(json.dumps("\x1b"))  # the check above does see an escaped ESC
    assert document["answers"]["pick"] == answers["pick"]


def test_hostile_contacts_are_inert_in_the_listing(
    hostile: tuple[Questionnaire, Directory],
) -> None:
    """The contact listing shows hostile names, roles and notes as typed."""
    _, directory = hostile
    console = Console(width=300, force_terminal=True, color_system="truecolor", file=io.StringIO())
    console.print(render_contacts(directory.contacts.values(), directory, "nb", NOW))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    plain = _SGR.sub("", out)
    assert _CONTROL.search(plain.replace("\n", "")) is None
    assert "\x1b]8" not in out
    assert SHOWN in plain
    assert "[link=http://evil]https://x[/link]" in plain


def test_legal_basis_shows_its_date_and_lovdata_link_in_every_format(
    build: Callable[[str], Questionnaire], directory: Directory
) -> None:
    """A basis's valid_from reads «gjelder fra» and its link follows, in note, report and JSON."""
    link = "https://lovdata.no/lov/2011-06-24-30/§10-4"
    text = SMALL.replace(
        'section: "§ 10-4"}', f'section: "§ 10-4", url: "{link}", valid_from: 2012-01-01}}'
    )
    decision = decide(build(text), {"age": 30, "resident": True, "wants": True})
    assert decision.outcome_id == "eligible"
    expected = f"helse- og omsorgstjenesteloven § 10-4 (gjelder fra 01.01.2012) {link}"
    assert f"- {expected}\n" in to_text(decision, directory, now=NOW)
    markdown = to_markdown(decision, directory, "en", now=NOW)
    assert f"§ 10-4 (in force from 2012-01-01) {link}\n" in markdown
    console = Console(width=200, color_system=None, file=io.StringIO())
    console.print(render_rich(decision, directory, now=NOW))
    assert expected in console.file.getvalue()  # type: ignore[attr-defined]
    (basis,) = to_json(decision, directory, now=NOW)["legal_basis"]  # type: ignore[misc]
    assert (basis["url"], basis["valid_from"]) == (link, "2012-01-01")


def test_note_lists_only_legal_bases_that_may_fit(
    build: Callable[[str], Questionnaire], directory: Directory
) -> None:
    """A basis whose 'when' is false is left out; one whose 'when' is unknown may apply."""
    text = SMALL.replace(
        "    contacts: [nav]\n  - id: eligible",
        "    contacts: [nav]\n"
        "    legal_basis:\n"
        '      - {law: loven, section: "§ 10-1", when: age < 16}\n'
        '      - {law: loven, section: "§ 10-2", when: age >= 16}\n'
        '      - {law: loven, section: "§ 10-3", when: resident}\n'
        '      - {law: loven, section: "§ 10-4"}\n'
        "  - id: eligible",
    )
    decision = decide(build(text), {"age": 12, "resident": UNKNOWN})
    assert decision.outcome_id == "not_eligible"
    note = to_text(decision, directory, now=NOW)
    assert "loven § 10-1\n" in note
    assert "§ 10-2" not in note
    assert "loven § 10-3 (kan bli aktuelt)" in note
    assert "loven § 10-4\n" in note
    english = to_markdown(decision, directory, "en", now=NOW)
    assert "§ 10-3 (may become relevant)" in english
