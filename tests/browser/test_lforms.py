"""LHC-Forms in headless Chromium: the exported Questionnaires filled as a user would fill them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tests.browser.conftest import Site, run_node
from triage.cli import app
from triage.core.engine import effective_answers, flow
from triage.core.kinds import KINDS
from triage.core.model import UNKNOWN, AnswerValue, Questionnaire
from triage.load.cases import Case, check_cases
from triage.load.catalog import CONTACTS_FILE, cases_file, questionnaire_files, shipped_dir
from triage.load.contacts import load_directory
from triage.load.fhir import UNKNOWN_CODE
from triage.load.questionnaire import load_questionnaire

TINY_SYSTEM = "urn:example:answers"

# A hand-written Questionnaire with each kind of item the harness fills, and enableWhen on a
# boolean and on a coding: it checks the harness itself, independent of triage's export.
TINY: dict[str, Any] = {
    "resourceType": "Questionnaire",
    "status": "draft",
    "item": [
        {"linkId": "age", "text": "Alder?", "type": "integer"},
        {"linkId": "pregnant", "text": "Gravid?", "type": "boolean"},
        {
            "linkId": "weeks",
            "text": "Hvor mange uker?",
            "type": "integer",
            "enableWhen": [{"question": "pregnant", "operator": "=", "answerBoolean": True}],
        },
        {
            "linkId": "kind",
            "text": "Hva slags?",
            "type": "choice",
            "answerOption": [
                {"valueCoding": {"system": TINY_SYSTEM, "code": code, "display": display}}
                for code, display in (("a", "Alfa"), ("b", "Beta"), ("unknown", "Vet ikke"))
            ],
        },
        {
            "linkId": "why",
            "text": "Hvorfor?",
            "type": "boolean",
            "enableWhen": [
                {
                    "question": "kind",
                    "operator": "=",
                    "answerCoding": {"system": TINY_SYSTEM, "code": "b"},
                }
            ],
        },
    ],
}


def fill(site: Site, questionnaire: dict[str, Any], *runs: list[dict[str, Any]]) -> Any:
    """Fill `questionnaire` in LHC-Forms once per run of steps; return what the script saw."""
    return run_node(
        "lforms.mjs",
        {"url": site.url("lforms.html"), "questionnaire": questionnaire, "runs": list(runs)},
    )


def answers(response: dict[str, Any]) -> dict[str, Any]:
    """Return a QuestionnaireResponse's answers by linkId (the one value of each)."""
    return {item["linkId"]: item["answer"][0] for item in response.get("item", [])}


def test_harness_reports_enable_when_and_returns_what_was_clicked(site: Site) -> None:
    """Typing, clicking and picking from a list show the enabled items and export the answers."""
    [run] = fill(
        site,
        TINY,
        [
            {"linkId": "age", "value": 34},
            {"linkId": "pregnant", "value": True},
            {"linkId": "weeks", "value": 12},
            {"linkId": "kind", "value": "Beta"},
            {"linkId": "why", "value": False},
        ],
    )
    assert run["visible"] == [
        ["age", "pregnant", "kind"],
        ["age", "pregnant", "kind"],
        ["age", "pregnant", "weeks", "kind"],
        ["age", "pregnant", "weeks", "kind"],
        ["age", "pregnant", "weeks", "kind", "why"],
        ["age", "pregnant", "weeks", "kind", "why"],
    ]
    assert answers(run["response"]) == {
        "age": {"valueInteger": 34},
        "pregnant": {"valueBoolean": True},
        "weeks": {"valueInteger": 12},
        "kind": {"valueCoding": {"system": TINY_SYSTEM, "code": "b", "display": "Beta"}},
        "why": {"valueBoolean": False},
    }
    assert run["offline"] == []
    assert run["errors"] == []


def test_harness_sees_an_answered_item_hidden_again_left_out(site: Site) -> None:
    """Changing the answer an item depends on hides it again, and its answer is not exported."""
    [run] = fill(
        site,
        TINY,
        [
            {"linkId": "pregnant", "value": True},
            {"linkId": "weeks", "value": 20},
            {"linkId": "pregnant", "value": False},
            {"linkId": "kind", "value": "Vet ikke"},
        ],
    )
    assert run["visible"][2] == ["age", "pregnant", "weeks", "kind"]
    assert run["visible"][3] == ["age", "pregnant", "kind"]
    assert answers(run["response"]) == {
        "pregnant": {"valueBoolean": False},
        "kind": {"valueCoding": {"system": TINY_SYSTEM, "code": "unknown", "display": "Vet ikke"}},
    }


def test_harness_types_a_date_as_the_field_asks_and_exports_it_as_fhir_writes_it(
    site: Site,
) -> None:
    """A date given as 2026-01-31 is typed as 01/31/2026 and exported as valueDate 2026-01-31."""
    dated = {
        "resourceType": "Questionnaire",
        "status": "draft",
        "item": [
            {"linkId": "since", "text": "Siden når?", "type": "date"},
            {
                "linkId": "still",
                "text": "Fortsatt?",
                "type": "boolean",
                "enableWhen": [{"question": "since", "operator": "exists", "answerBoolean": True}],
            },
        ],
    }
    [run] = fill(site, dated, [{"linkId": "since", "value": "2026-01-31"}])
    assert run["visible"] == [["since"], ["since", "still"]]
    assert answers(run["response"]) == {"since": {"valueDate": "2026-01-31"}}


# --------------------------------------------------------------------------- shipped questionnaires

# Shalam and placement (issue 14) hide no question; the others have `when`s, exported as
# enableWhen and (pregnancy) enableWhenExpression, so they check that LHC-Forms hides the same.
ROUND_TRIP = [path.stem for path in questionnaire_files(shipped_dir())]


@dataclass(frozen=True)
class Plan:
    """How a user fills one scenario case in LHC-Forms, and what triage expects to see."""

    case: Case
    steps: list[dict[str, Any]]
    visible: list[list[str]]  # the questions triage asks before any step, and after each
    kept: dict[str, AnswerValue]  # the answers the form can carry
    lost: list[str]  # answered «Vet ikke» where the form has no option for it (a number)


def triage(*args: str) -> Result:
    """Run the triage command line in this process (as the installed command would)."""
    return CliRunner().invoke(app, list(args))


def exported(questionnaire_id: str) -> dict[str, Any]:
    """Return the Questionnaire `triage export ID --format fhir` prints."""
    done = triage("export", questionnaire_id, "--format", "fhir")
    assert done.exit_code == 0, done.output
    resource: dict[str, Any] = json.loads(done.stdout)
    return resource


def option(item: dict[str, Any], code: str) -> str:
    """Return the display text of the item's answer option with `code` (what a user clicks)."""
    for choice in item["answerOption"]:
        if choice["valueCoding"]["code"] == code:
            display: str = choice["valueCoding"]["display"]
            return display
    raise AssertionError(f"{item['linkId']}: no answer option {code!r}")


def plan(questionnaire: Questionnaire, resource: dict[str, Any], case: Case) -> Plan:
    """Return the steps that fill `case`'s answers in question order, as a user would."""
    items = {item["linkId"]: item for item in resource["item"]}
    steps: list[dict[str, Any]] = []
    kept: dict[str, AnswerValue] = {}
    lost: list[str] = []
    visible = [[q.id for q in flow(questionnaire, kept)]]
    for question_id, value in effective_answers(questionnaire, case.answers).items():
        question = questionnaire.question(question_id)
        kind = KINDS[question.kind]
        shown: object
        if not kind.fhir.coded:
            if value is UNKNOWN:  # no option to click: the field stays empty
                lost.append(question_id)
                continue
            shown = kind.to_fhir(value)
        elif value is UNKNOWN:
            shown = option(items[question_id], UNKNOWN_CODE)
        else:
            code = next(c.code for c in kind.fhir_codes(question) if c.value == value)
            shown = option(items[question_id], code)
        steps.append({"linkId": question_id, "value": shown})
        kept[question_id] = value
        visible.append([q.id for q in flow(questionnaire, kept)])
    return Plan(case, steps, visible, kept, lost)


def decided(questionnaire_id: str, answers_file: Path) -> tuple[int, Any]:
    """Return triage's exit code and result (JSON, or the error without the file's name)."""
    done = triage(
        questionnaire_id, "--answers", str(answers_file), "--no-input", "--format", "json"
    )
    if done.exit_code != 0:
        return done.exit_code, done.stderr.replace(str(answers_file), "FILE")
    result = json.loads(done.stdout)
    del result["created"]
    return 0, result


@pytest.mark.parametrize("questionnaire_id", ROUND_TRIP)
def test_lhc_forms_asks_what_triage_asks_and_its_response_decides_the_same(
    site: Site, tmp_path: Path, questionnaire_id: str
) -> None:
    """Each scenario filled in LHC-Forms shows triage's questions and reads back to its result."""
    path = shipped_dir() / f"{questionnaire_id}.yaml"
    questionnaire = load_questionnaire(path, load_directory([shipped_dir() / CONTACTS_FILE]))
    cases, problems = check_cases(cases_file(path), questionnaire)
    assert problems == []
    resource = exported(questionnaire_id)
    plans = [plan(questionnaire, resource, case) for case in cases]
    runs = fill(site, resource, *(p.steps for p in plans))
    questions = {q.id for q in questionnaire.questions}
    differences: list[str] = []
    decisions = 0
    for number, (p, run) in enumerate(zip(plans, runs, strict=True)):
        assert (run["offline"], run["errors"]) == ([], []), p.case.name
        shown = [[linked for linked in step if linked in questions] for step in run["visible"]]
        if shown != p.visible:
            differences.append(f"{p.case.name}: LHC-Forms showed {shown}, triage asks {p.visible}")
        response = tmp_path / f"lforms-{number}.json"
        response.write_text(json.dumps(run["response"]), encoding="utf-8")
        # triage's own run, on the answers the form can carry (a number has no «Vet ikke» there)
        own = tmp_path / f"triage-{number}.json"
        own.write_text(json.dumps({k: saved(v) for k, v in p.kept.items()}), encoding="utf-8")
        expected = decided(questionnaire_id, own)
        decisions += expected[0] == 0
        if decided(questionnaire_id, response) != expected:
            differences.append(f"{p.case.name}: the response from LHC-Forms decides otherwise")
        # The response holds what was filled in, and no item for a number's «Vet ikke».
        answered = {item["linkId"] for item in run["response"].get("item", [])}
        assert answered == set(p.kept), f"{p.case.name} (left empty: {p.lost})"
    assert differences == []
    assert decisions > 0  # not only cases that --no-input refuses as incomplete


def saved(value: AnswerValue) -> object:
    """Return an answer as an answers file writes it."""
    return "unknown" if value is UNKNOWN else value
