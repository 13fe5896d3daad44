"""The date kind, end to end: it is declared once in core/kinds.py and every stage uses it.

The questionnaire here lives in the tests only: no source page asks for a date, so no
shipped questionnaire has one.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ScriptedAsker
from triage.check.proofs import prove
from triage.core.engine import decide, result_id
from triage.core.errors import AnswersError, QuestionnaireError
from triage.core.interview import DONE, Prompt, run_interview
from triage.core.kinds import KINDS
from triage.core.model import UNKNOWN, AnswerValue, Directory, QuestionKind, Questionnaire
from triage.load.answers import answers_yaml, coerce_answer, load_answers
from triage.load.fields import json_schema
from triage.prompts import PlainAsker, QuestionaryAsker, _TextPrompt
from triage.render.describe import describe
from triage.render.journal import to_markdown
from triage.render.json import to_json
from triage.render.words import format_answer, leads_to_line

Build = Callable[[str], Questionnaire]

DISCHARGE = """\
id: discharge
title: {nb: Utskrivning, en: Discharge}
description: Et testskjema med et datospørsmål.
version: "1"
source: {pages: [page]}
questions:
  - id: discharged
    kind: date
    min: 2020-01-01
    max: "2030-12-31"
    text: {nb: "Når ble personen sist utskrevet?", en: "When was the person last discharged?"}
  - id: follow_up
    kind: yes_no
    text: {nb: "Er oppfølging avtalt?", en: "Is follow-up arranged?"}
criteria:
  - {id: since_2026, text: Utskrevet i 2026 eller senere, when: discharged >= "2026-01-01"}
outcomes:
  - id: recent
    level: report
    title: Nylig utskrevet
    summary: Utskrevet i 2026 eller senere, uten avtalt oppfølging.
    when: discharged >= "2026-01-01" and not follow_up
    contacts: [team]
  - id: earlier
    level: information
    title: Tidligere utskrevet
    summary: Utskrevet før 2026, eller oppfølging er avtalt.
    when: discharged < "2026-01-01" or follow_up
    contacts: [team]
"""

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def discharge(build: Build) -> Questionnaire:
    """The test questionnaire with one date question."""
    return build(DISCHARGE)


def _prompt(questionnaire: Questionnaire, lang: str = "nb") -> Prompt:
    question = questionnaire.questions[0]
    return Prompt(questionnaire, question, 1, 2, None, False, lang)


# --------------------------------------------------------------------------- loading


def test_date_question_loads_with_iso_bounds(discharge: Questionnaire) -> None:
    """A date question's min and max (YAML date or quoted) are held as ISO dates."""
    question = discharge.question("discharged")
    assert question.kind is QuestionKind.DATE
    assert (question.minimum, question.maximum) == ("2020-01-01", "2030-12-31")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        pytest.param(
            'discharged >= "2026-02-31"',
            "q.yaml:22:11: error: \"2026-02-31\" is not a date: compare 'discharged' with a quoted"
            ' date written YYYY-MM-DD, e.g. discharged >= "2026-01-31"',
            id="no-such-day",
        ),
        pytest.param(
            'discharged == "31.01.2026"',
            "q.yaml:22:11: error: \"31.01.2026\" is not a date: compare 'discharged' with a quoted"
            ' date written YYYY-MM-DD, e.g. discharged >= "2026-01-31"',
            id="not-iso",
        ),
        pytest.param(
            "discharged > 2026",
            "q.yaml:22:11: error: 'discharged' is a date question and cannot be compared with 2026",
            id="number",
        ),
        pytest.param(
            "discharged",
            "q.yaml:22:11: error: 'discharged' is a date question and cannot stand alone as"
            ' yes/no: compare it, e.g. discharged >= "2026-01-01"',
            id="alone",
        ),
    ],
)
def test_bad_date_literal_is_a_located_one_line_error(
    build: Build, when: str, message: str
) -> None:
    """A condition comparing a date with anything but a quoted ISO date fails at load, located."""
    text = DISCHARGE.replace('when: discharged >= "2026-01-01" and not follow_up', f"when: {when}")
    with pytest.raises(QuestionnaireError) as raised:
        build(text)
    assert str(raised.value).endswith(message)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        pytest.param(
            "min: 31.01.2026",
            "'min' must be a date written YYYY-MM-DD, e.g. 2026-01-31",
            id="bound-not-iso",
        ),
        pytest.param(
            "min: 2031-01-01", "min 2031-01-01 is greater than max 2030-12-31", id="min-over-max"
        ),
    ],
)
def test_bad_date_bound_is_refused(build: Build, bounds: str, message: str) -> None:
    """A date question's min/max must be ISO dates, in order."""
    with pytest.raises(QuestionnaireError, match=message):
        build(DISCHARGE.replace("min: 2020-01-01", bounds))


# --------------------------------------------------------------------------- answers files and JSON


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(dt.date(2026, 1, 31), "2026-01-31", id="yaml-date"),
        pytest.param("2026-01-31", "2026-01-31", id="iso"),
        pytest.param("31.01.2026", "2026-01-31", id="norwegian"),
        pytest.param("1.2.2026", "2026-02-01", id="norwegian-short"),
        pytest.param("vet ikke", UNKNOWN, id="unknown"),
    ],
)
def test_date_answers_are_read_as_iso(
    discharge: Questionnaire, value: object, expected: AnswerValue
) -> None:
    """A date answer from a file or typed is held as its ISO text; «vet ikke» stays unknown."""
    assert coerce_answer(discharge.question("discharged"), value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("31.02.2026", "'31.02.2026' is not a date", id="no-such-day"),
        pytest.param("i fjor", "'i fjor' is not a date", id="words"),
        pytest.param(20260131, "20260131 is not a date", id="number"),
        pytest.param("2019-12-31", "2019-12-31 is below the minimum 2020-01-01", id="below"),
    ],
)
def test_bad_date_answers_are_refused(
    discharge: Questionnaire, value: object, message: str
) -> None:
    """A date that does not exist, a number, or a date out of bounds is no answer."""
    with pytest.raises(ValueError, match=message):
        coerce_answer(discharge.question("discharged"), value)


def test_answers_file_round_trip_keeps_the_date(discharge: Questionnaire, tmp_path: Path) -> None:
    """Answers written to a file (ISO, quoted) read back unchanged; a bare YAML date reads too."""
    answers = {"discharged": "2026-01-31", "follow_up": False}
    path = tmp_path / "answers.yaml"
    path.write_text(answers_yaml(answers) + "\n", encoding="utf-8")
    assert 'discharged: "2026-01-31"' in path.read_text(encoding="utf-8")
    assert load_answers(path, discharge) == answers
    path.write_text("discharged: 2026-01-31\nfollow_up: false\n", encoding="utf-8")
    assert load_answers(path, discharge) == answers


def test_bad_date_in_answers_file_names_file_and_line(
    discharge: Questionnaire, tmp_path: Path
) -> None:
    """A date that does not exist in an answers file is a located error in either language."""
    path = tmp_path / "answers.yaml"
    path.write_text("follow_up: false\ndischarged: 31.02.2026\n", encoding="utf-8")
    with pytest.raises(AnswersError) as raised:
        load_answers(path, discharge)
    assert str(raised.value).startswith(f"{path}:2:")
    assert "is not a date" in str(raised.value)
    assert raised.value.key == "error_answer_date"


def test_json_result_holds_iso_and_reads_back(
    discharge: Questionnaire, directory: Directory, tmp_path: Path
) -> None:
    """The JSON document holds the date as ISO text, and reads back as the same answers."""
    answers = {"discharged": "2026-01-31", "follow_up": False}
    document = to_json(decide(discharge, answers), directory, "nb", now=NOW)
    assert document["outcome"]["id"] == "recent"
    text = json.dumps(document)
    assert '"2026-01-31"' in text
    path = tmp_path / "result.json"
    path.write_text(text, encoding="utf-8")
    assert load_answers(path, discharge) == answers


# --------------------------------------------------------------------------- engine and proofs


def test_conditions_compare_dates_in_calendar_order(discharge: Questionnaire) -> None:
    """Dates compare by the calendar: the last day of 2025 is before, New Year's Day on or after."""
    assert result_id(discharge, {"discharged": "2025-12-31", "follow_up": False}) == "earlier"
    assert result_id(discharge, {"discharged": "2026-01-01", "follow_up": False}) == "recent"


def test_unknown_date_is_definite_only_when_it_cannot_matter(discharge: Questionnaire) -> None:
    """«Vet ikke» for the date leaves the result open unless another answer settles it."""
    settled = decide(discharge, {"discharged": UNKNOWN, "follow_up": True})
    assert settled.outcome_id == "earlier"
    open_ = decide(discharge, {"discharged": UNKNOWN, "follow_up": False})
    assert open_.outcome_id == "clarify"
    assert set(open_.possible) == {"recent", "earlier"}
    line = leads_to_line(open_, "discharged", "nb")
    assert line is not None
    assert "01.01.2020–31.12.2025 →" in line
    assert "01.01.2026–31.12.2030 →" in line


def test_proofs_find_a_date_questionnaire_complete(discharge: Questionnaire) -> None:
    """The outcomes cover every date: the proofs find no gap, with an example of each outcome."""
    proof = prove(discharge)
    assert proof.findings == ()
    for outcome_id, answers in proof.examples.items():
        assert result_id(discharge, answers) == outcome_id
        assert "2020-01-01" <= str(answers["discharged"]) <= "2030-12-31"


def test_proofs_find_the_gap_a_date_leaves(build: Build) -> None:
    """With no outcome for a recent discharge with follow-up, the proofs show such a date."""
    gap = build(DISCHARGE.replace('< "2026-01-01" or follow_up', '< "2026-01-01"'))
    (finding,) = prove(gap).findings
    example = finding.answers
    assert example["follow_up"] is True
    assert "2026-01-01" <= str(example["discharged"]) <= "2030-12-31"
    assert result_id(gap, example) == "clarify"


# --------------------------------------------------------------------------- asking


def test_scripted_interview_records_the_date(discharge: Questionnaire) -> None:
    """An interview records a date answer as it was given, and the review confirms it."""
    asker = ScriptedAsker(["2026-01-31", False, DONE])
    assert run_interview(discharge, asker) == {"discharged": "2026-01-31", "follow_up": False}


def test_date_prompt_reads_norwegian_and_iso_and_explains_problems_below(
    discharge: Questionnaire,
) -> None:
    """The prompt says the format, reads 31.01.2026 and 2026-01-31, and explains a bad date."""
    asker = QuestionaryAsker()
    asked: list[_TextPrompt] = []
    asker._text = lambda tp: asked.append(tp)  # type: ignore[method-assign]
    asker.ask(_prompt(discharge))
    (tp,) = asked
    assert "DD.MM.ÅÅÅÅ" in tp.hint
    assert "(01.01.2020–31.12.2030)" in tp.hint
    for typed, message in [
        ("31.02.2026", "Ikke en gyldig dato: skriv den som DD.MM.ÅÅÅÅ"),
        ("31.12.2019", "Datoen kan ikke være før 01.01.2020"),
        ("2031-01-01", "Datoen kan ikke være etter 31.12.2030"),
        ("", "Ingenting skrevet ennå: skriv en dato"),
    ]:
        assert tp.enter(typed) is False
        assert message in "".join(text for _, text in tp.below(80))
    assert tp.enter("31.01.2026")
    assert tp.result == "2026-01-31"
    assert tp.enter("2026-01-31")
    assert tp.result == "2026-01-31"
    assert tp.enter("v")
    assert tp.result is UNKNOWN


def test_plain_date_prompt_asks_again_after_a_bad_date(discharge: Questionnaire) -> None:
    """The plain asker names the format, refuses 31.02.2026 with the reason, then takes a date."""
    out = io.StringIO()
    asker = PlainAsker(io.StringIO("31.02.2026\n31.01.2026\n"), out)
    assert asker.ask(_prompt(discharge, "en")) == "2026-01-31"
    text = out.getvalue()
    assert "#) a date, DD.MM.YYYY (2020-01-01–2030-12-31)" in text
    assert "Not a valid date" in text


# --------------------------------------------------------------------------- formatting


@pytest.mark.parametrize(
    ("lang", "shown"), [pytest.param("nb", "31.01.2026"), pytest.param("en", "2026-01-31")]
)
def test_date_answer_reads_as_the_reader_writes_dates(
    discharge: Questionnaire, lang: str, shown: str
) -> None:
    """People read 31.01.2026 in bokmål and 2026-01-31 in English."""
    assert format_answer(discharge.question("discharged"), "2026-01-31", lang) == shown


def test_journal_and_description_show_norwegian_dates(
    discharge: Questionnaire, directory: Directory
) -> None:
    """The journal shows the answer as 31.01.2026; a condition's words say «før», «eller senere»."""
    decision = decide(discharge, {"discharged": "2026-01-31", "follow_up": False})
    note = to_markdown(decision, directory, "nb", now=NOW)
    assert "31.01.2026" in note
    assert "2026-01-31" not in note
    words = describe(discharge.outcome("recent").when, discharge, "nb")
    assert "er «01.01.2026» eller senere" in words
    words = describe(discharge.outcome("earlier").when, discharge, "en")
    assert "is before “2026-01-01”" in words


# --------------------------------------------------------------------------- registry, schema


def test_date_kind_is_declared_once_with_its_behaviour() -> None:
    """The registry's date entry is ordered, typed, int-encoded, bounded and maps to FHIR date."""
    entry = KINDS[QuestionKind.DATE]
    assert (entry.ordered, entry.widget, entry.encoding, entry.fhir_type) == (
        True,
        "text",
        "int",
        "date",
    )
    assert entry.keys == ("min", "max")


def test_schema_accepts_a_date_question_and_refuses_a_number_bound() -> None:
    """The generated schema allows date questions with ISO bounds, not with a number bound."""
    data = yaml.safe_load(DISCHARGE.replace("min: 2020-01-01", 'min: "2020-01-01"'))
    validator = jsonschema.Draft202012Validator(json_schema("questionnaire"))
    assert list(validator.iter_errors(data)) == []
    data["questions"][0]["min"] = 2020
    assert list(validator.iter_errors(data)) != []


def test_json_of_an_open_date_matches_the_documented_result_schema(
    discharge: Questionnaire, directory: Directory
) -> None:
    """A result still open on the date gives date ranges that docs' result schema accepts."""
    from tests.render.test_report import _validator

    decision = decide(discharge, {"discharged": UNKNOWN, "follow_up": False})
    document = to_json(decision, directory, "nb", now=NOW)
    (open_date,) = document["clarify_answers"]
    assert {(a["min"], a["max"]) for a in open_date["answers"]} == {
        ("2020-01-01", "2025-12-31"),
        ("2026-01-01", "2030-12-31"),
    }
    validator = _validator("triage-result-1.schema.json")
    assert [e.message for e in validator.iter_errors(document)] == []


def test_date_asked_again_offers_the_earlier_answer_as_typed(discharge: Questionnaire) -> None:
    """Asked again, a date question's input holds the earlier answer as 31.01.2026 (bokmål)."""
    asker = QuestionaryAsker()
    asked: list[_TextPrompt] = []
    asker._text = lambda tp: asked.append(tp)  # type: ignore[method-assign]
    question = discharge.questions[0]
    asker.ask(Prompt(discharge, question, 1, 2, "2026-01-31", False, "nb"))
    (tp,) = asked
    assert tp.default == "31.01.2026"
    assert tp.enter(tp.default)
    assert tp.result == "2026-01-31"
