"""One hostile questionnaire through every output path: nothing reaches the reader raw.

Every text the questionnaire, its contacts and its cases file hold carries terminal escapes
(CSI, OSC 52 clipboard writes, OSC 8 hyperlinks), Rich markup, bidi and zero-width
characters and Markdown structure. Each path that shows such text (both askers, the review,
every report format, every explain format, demo, list, contacts, test) must show it inert:
no escape a terminal acts on, no markup interpreted, no Markdown structure made.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output
from rich.console import Console
from typer.testing import CliRunner

from triage.cli import app
from triage.core.interview import Origin, Prompt, Review, Row
from triage.core.model import Questionnaire
from triage.load.contacts import load_directory
from triage.load.questionnaire import load_questionnaire
from triage.prompts import PlainAsker, QuestionaryAsker, review_lines, review_table

#: What a hostile author could put in any text.
HOSTILE = (
    "# MDHEAD \x1b[2J\x1b[21t \x1b]52;c;UTE=\x07 \x1b]52;c;Q0xJUA==\x1b\\ "
    "\x1b]8;;https://evil.example/osc\x1b\\OSC8\x1b]8;;\x1b\\ \x9b31m "
    "[link=https://evil.example/rich]RICHLINK[/link] [bold]B[/bold] "
    '\u202eBIDI\u202c \u2066ISO\u2069 ZW\u200bSP "QUOTE" '
    "**MDBOLD** `MDCODE` [MDLINK](https://evil.example/md) <script>MDHTML</script> "
    "| MDTABLE |\n- MDLIST\n1. MDNUM"
)
#: Rich markup as it must appear: shown as typed, not interpreted.
MARKUP = "[link=https://evil.example/rich]RICHLINK[/link]"


def _yaml(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar (JSON's escapes are YAML 1.2's)."""
    return json.dumps(text)


H = _yaml(HOSTILE)

CONTACTS = f"""\
sources:
  - id: page
    title: {H}
    publisher: {H}
    url: "https://example.no/side"
    note: {H}
contacts:
  - id: evil
    name: {H}
    role: {H}
    organisation: {H}
    phone: "46960239"
    hours: {{days: [mon, tue, wed, thu, fri], from: "08:00", to: "15:30"}}
    source: page
    checked: 2026-11-23
    note: {H}
  - id: web
    name: {H}
    role: {H}
    organisation: Nett
    url: "https://example.no/nett"
    source: page
    checked: 2026-11-23
"""

QUESTIONNAIRE = f"""\
id: hostile
title: {H}
description: {H}
version: "1.0"
source:
  pages: [page]
  quotes: [{{id: q1, page: page, text: {H}}}]
  vague: [{H}]
questions:
  - id: yn
    kind: yes_no
    text: {H}
    help: {H}
    quote: q1
  - id: pick
    kind: choice
    text: {H}
    choices:
      - {{value: "[red]v[/]", text: {H}}}
      - {{value: plain, text: Vanlig}}
  - id: age
    kind: number
    min: 0
    max: 120
    text: {H}
criteria:
  - {{id: crit, text: {H}, when: 'yn and pick != "plain"', quote: q1}}
outcomes:
  - id: hit
    level: report
    title: {H}
    summary: {H}
    when: crit and age >= 18
    contacts: [evil, web]
    quote: q1
    legal_basis: [{{law: {H}, section: "§ 1", text: {H}}}]
    notes: [{{text: {H}}}]
  - id: miss
    level: information
    title: {H}
    summary: {H}
    when: not crit or age < 18
    contacts: [evil]
clarify:
  contacts: [evil, web]
  summary: {H}
"""

CASES = f"""\
questionnaire: hostile
cases:
  - name: {H}
    answers: {{yn: true, pick: "[red]v[/]", age: 30}}
    outcome: hit
    contacts: [evil, web]
  - name: {_yaml("2 " + HOSTILE)}
    answers: {{yn: false, pick: plain, age: 30}}
    outcome: miss
"""

#: One set of answers per way hostile text travels: a hostile choice, unknowns, the plain one.
ANSWERS = {
    "hit": '{yn: true, pick: "[red]v[/]", age: 30}',
    "clarify": "{yn: unknown, pick: unknown, age: unknown}",
    "miss": "{yn: false, pick: plain, age: 3}",
}

_SGR = re.compile(r"\x1b\[[0-9;]*m")
#: What a terminal acts on or reads wrongly: escapes, BEL, C1 controls, bidi, zero-width.
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069]")


def raw(text: str, *, colour: bool = False) -> list[str]:
    """Return what in ``text`` came through raw (our own colour codes are allowed if asked)."""
    if colour:
        text = _SGR.sub("", text)
    return sorted({repr(c) for c in _RAW.findall(text.replace("\n", ""))})


def markdown_structure(text: str) -> list[str]:
    """Return the Markdown structure hostile text made: links, emphasis, code, HTML, blocks."""
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    made = [
        "link" if 'href="https://evil' in html else "",
        "html" if "<script" in html else "",
        "bold" if "<strong>MDBOLD" in html else "",
        "code" if "<code>MDCODE" in html else "",
        "table" if "<td>MDTABLE" in html or "<th>MDTABLE" in html else "",
    ]
    blocks = re.findall(r"<(h[1-6]|li|td|th)>\s*(MDHEAD|MDLIST|MDNUM)", html)
    return [m for m in made if m] + [f"{tag}:{word}" for tag, word in blocks]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A questionnaire folder whose every text is hostile."""
    where = tmp_path_factory.mktemp("hostile")
    (where / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (where / "hostile.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (where / "hostile.cases.yaml").write_text(CASES, encoding="utf-8")
    for name, answers in ANSWERS.items():
        (where / f"{name}.answers.yaml").write_text(answers + "\n", encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def hostile(folder: Path) -> Questionnaire:
    """The hostile questionnaire, loaded."""
    directory = load_directory([folder / "contacts.yaml"])
    return load_questionnaire(folder / "hostile.yaml", directory)


def triage(folder: Path, *args: str, stdin: str | None = None, colour: bool = False) -> str:
    """Run the CLI in-process on the hostile folder; return what it printed (both streams)."""
    env = {"COLUMNS": "160", "TRIAGE_LANG": "nb", "NO_COLOR": None, "FORCE_COLOR": None}
    if colour:
        env["FORCE_COLOR"] = "1"
    runner = CliRunner()
    result = runner.invoke(
        app, [*args, "--questionnaires", str(folder), "--only"], input=stdin, env=env
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1), result.output
    return result.output + (result.stderr if result.stderr_bytes is not None else "")


def _prompts(questionnaire: Questionnaire) -> Iterator[Prompt]:
    total = len(questionnaire.questions)
    for number, question in enumerate(questionnaire.questions, start=1):
        yield Prompt(questionnaire, question, number, total, None, number > 1, "nb")


def _review(questionnaire: Questionnaire) -> Review:
    yn, pick, age = questionnaire.questions
    rows = (
        Row(yn, 1, True, Origin.TYPED),
        Row(pick, 2, "[red]v[/]", Origin.FILE),
        Row(age, 3, 30, Origin.SET),
    )
    return Review(questionnaire, rows, (), "nb")


# --------------------------------------------------------------------------- askers and review


def test_plain_asker_and_review_show_hostile_text_inert(hostile: Questionnaire) -> None:
    """The plain asker (questions, help, choices, numbers) and its review print nothing raw."""
    out = io.StringIO()
    asker = PlainAsker(io.StringIO("?\nj\n1\n30\nj\n"), out)
    for prompt in _prompts(hostile):
        asker.ask(prompt)
    asker.review(_review(hostile))
    shown = out.getvalue() + "\n".join(review_lines(_review(hostile)))
    assert raw(shown) == []
    assert MARKUP in shown
    assert "<U+202E>BIDI" in shown


def test_terminal_asker_and_review_show_hostile_text_inert(hostile: Questionnaire) -> None:
    """The prompt_toolkit asker, fed keys through a pipe, draws and prints nothing raw."""
    screen = io.StringIO()
    printed = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=50, columns=160), term="xterm-256color")
    console = Console(file=printed, width=160, force_terminal=True, color_system="truecolor")
    with create_pipe_input() as pipe:
        asker = QuestionaryAsker(console, input=pipe, output=output)
        for prompt, keys in zip(_prompts(hostile), ("j\r", "1\r", "30\r"), strict=True):
            pipe.send_text(keys)
            asker.ask(prompt)
        pipe.send_text("j\r")
        asker.review(_review(hostile))
    drawn = screen.getvalue()
    assert "BIDI" in drawn  # the check below reads what was really drawn
    # prompt_toolkit's own output is full of escapes; the hostile ones must not be among them.
    assert [m for m in ("\x1b[2J", "\x1b[21t", "]52;", "]8;;", "\x9b31m") if m in drawn] == []
    assert [c for c in "\u202e\u202c\u2066\u2069\u200b\x07" if c in drawn] == []
    assert raw(printed.getvalue(), colour=True) == []
    assert MARKUP in printed.getvalue()


def test_terminal_asker_with_a_dummy_output_reads_the_keys(hostile: Questionnaire) -> None:
    """With pipe input and a dummy output the hostile choice is still answered by its number."""
    with create_pipe_input() as pipe:
        asker = QuestionaryAsker(Console(file=io.StringIO()), input=pipe, output=DummyOutput())
        pipe.send_text("1\r")
        assert asker.ask(list(_prompts(hostile))[1]) == "[red]v[/]"


def test_review_table_shows_hostile_text_inert(hostile: Questionnaire) -> None:
    """The review table, full and one line per answer, prints markup as typed and no escapes."""
    for one_line in (None, 60):
        console = Console(file=io.StringIO(), width=160, force_terminal=True)
        console.print(review_table(_review(hostile), one_line=one_line))
        shown = console.file.getvalue()  # type: ignore[attr-defined]
        assert raw(shown, colour=True) == []
        assert "BIDI" in shown
        assert one_line is not None or MARKUP in _SGR.sub("", shown)


def test_plain_run_through_the_cli_shows_hostile_text_inert(folder: Path) -> None:
    """`triage hostile --plain`: questions, review and report come out inert."""
    shown = triage(folder, "hostile", "--plain", "--no-pager", stdin="j\n1\n30\nj\n")
    assert "BIDI" in shown
    assert raw(shown) == []
    assert MARKUP in shown


# --------------------------------------------------------------------------- reports


@pytest.mark.parametrize("answers", sorted(ANSWERS))
def test_rich_report_shows_hostile_text_inert(folder: Path, answers: str) -> None:
    """The screen report, in colour, holds only our colour codes; markup shows as typed."""
    shown = triage(
        folder,
        "hostile",
        "--answers",
        str(folder / f"{answers}.answers.yaml"),
        "--why",
        "--cards",
        "--no-pager",
        colour=True,
    )
    assert "\x1b[" in shown  # in colour: the check below has our codes to tell apart
    assert raw(shown, colour=True) == []
    assert MARKUP in _SGR.sub("", shown)


@pytest.mark.parametrize("answers", sorted(ANSWERS))
@pytest.mark.parametrize("form", ["markdown", "text", "json", "fhir"])
def test_saved_reports_hold_hostile_text_inert(folder: Path, answers: str, form: str) -> None:
    """Markdown, text, JSON and FHIR reports hold no raw escape; Markdown makes no structure."""
    answers_file = str(folder / f"{answers}.answers.yaml")
    shown = triage(folder, "hostile", "--answers", answers_file, "--format", form, "--why")
    assert "BIDI" in shown
    assert raw(shown) == []
    if form == "markdown":
        assert markdown_structure(shown) == []
    if form in ("json", "fhir"):
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', shown)
        assert [s for s in map(json.loads, (f'"{s}"' for s in strings)) if raw(s)] == []


# --------------------------------------------------------------------------- explain


@pytest.mark.parametrize("form", ["rich", "markdown", "mermaid", "dot", "html", "svg"])
def test_explain_shows_hostile_text_inert(folder: Path, form: str) -> None:
    """Every explain format shows hostile text inert; the handouts make no structure of it."""
    shown = triage(folder, "explain", "hostile", "--format", form, "--no-pager", colour=True)
    assert raw(shown, colour=form == "rich") == []
    if form in ("html", "svg"):
        assert "<script" not in shown  # the hostile <script>MDHTML</script> is text
        assert "&lt;script&gt;MDHTML&lt;/script&gt;" in shown
        assert 'href="https://evil' not in shown
        assert "<U+202E>BIDI" not in shown  # the bidi override is shown escaped, as text
        assert "&lt;U+202E&gt;BIDI" in shown
    if form == "rich":
        assert MARKUP in _SGR.sub("", shown)
    if form == "markdown":
        assert markdown_structure(shown) == []
    if form in ("mermaid", "dot"):
        assert '"QUOTE"' not in shown  # a quote in a label would end it


# --------------------------------------------------------------------------- listings


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("demo", "hostile", "--no-pause"), id="demo"),
        pytest.param(("demo", "hostile", "--list"), id="demo-list"),
        pytest.param(("list",), id="list"),
        pytest.param(("contacts", "--no-pager"), id="contacts"),
        pytest.param(("contacts", "--cards", "--no-pager"), id="contact-cards"),
        pytest.param(("contacts", "--format", "json"), id="contacts-json"),
        pytest.param(("contacts", "--format", "markdown"), id="contacts-markdown"),
        pytest.param(("test",), id="test"),
        pytest.param(("export", "hostile"), id="export-fhir"),
        pytest.param(("validate",), id="validate"),
    ],
)
def test_listings_show_hostile_text_inert(folder: Path, args: tuple[str, ...]) -> None:
    """demo, list, contacts, test and validate print nothing raw, in colour or not."""
    for colour in (False, True):
        shown = triage(folder, *args, colour=colour)
        assert raw(shown, colour=colour) == []
        # test and validate quote the files only in their (escaped) problems
        assert "RICHLINK" in shown or args[0] in ("test", "validate")
        if "markdown" in args:
            assert markdown_structure(shown) == []


def test_fhir_export_and_response_of_hostile_text_are_valid_r4(
    folder: Path, hostile: Questionnaire
) -> None:
    """Hostile texts and a markup-like choice value still make a valid Questionnaire/Response."""
    import datetime as dt

    from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    from triage.render.fhir import to_questionnaire, to_response

    directory = load_directory([folder / "contacts.yaml"])
    FhirQuestionnaire.model_validate(to_questionnaire(hostile, directory).resource)
    answers = {"yn": True, "pick": "[red]v[/]", "age": 30}
    response = to_response(hostile, answers, authored=dt.datetime(2026, 11, 25, tzinfo=dt.UTC))
    QuestionnaireResponse.model_validate(response)


@pytest.mark.parametrize("form", ["rich", "json"])
def test_source_drift_report_shows_hostile_text_inert(tmp_path: Path, form: str) -> None:
    """sources check: a page copy whose quote changed shows the hostile quote and page inert."""
    folder = tmp_path / "questionnaires"
    folder.mkdir()
    (folder / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (folder / "hostile.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    copy = tmp_path / "page.txt"
    # The quote with one word changed: a drift, shown with a word diff.
    copy.write_text(HOSTILE.replace("RICHLINK", "CHANGED") + "\n", encoding="utf-8")
    for colour in (False, True):
        shown = triage(
            folder,
            "sources",
            "check",
            str(copy),
            "--page",
            "page",
            "--format",
            form,
            "--no-pager",
            colour=colour,
        )
        assert raw(shown, colour=colour) == []
        assert "CHANGED" in shown
