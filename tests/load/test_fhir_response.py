"""Reading a FHIR QuestionnaireResponse as answers: what it accepts, and located errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from triage.core.errors import AnswersError
from triage.core.model import UNKNOWN, Questionnaire
from triage.load.answers import load_answers
from triage.load.fhir import UNKNOWN_CODE, UNKNOWN_SYSTEM, YES_NO_SYSTEM, canonical
from triage.render.i18n import localized

CHOICES = """\
id: small
version: "1.0"
title: {nb: Lite skjema}
description: {nb: Et lite skjema.}
source: {pages: [page]}
questions:
  - id: age
    kind: number
    min: 0
    max: 120
    text: {nb: "Alder?"}
  - id: resident
    kind: yes_no
    text: {nb: "Bosatt?"}
  - id: kind
    kind: choice
    text: {nb: "Hva?"}
    choices: [a, b]
outcomes:
  - id: done
    level: information
    title: {nb: Ferdig}
    summary: {nb: Ferdig.}
    when: true
"""


@pytest.fixture
def form(build: Callable[[str], Questionnaire]) -> Questionnaire:
    """A questionnaire with one question of each kind."""
    return build(CHOICES)


def _coding(system: str, code: str) -> dict[str, object]:
    return {"valueCoding": {"system": system, "code": code}}


def _response(*items: dict[str, object], about: str | None = None) -> dict[str, object]:
    response: dict[str, object] = {"resourceType": "QuestionnaireResponse", "status": "completed"}
    if about is not None:
        response["questionnaire"] = about
    response["item"] = list(items)
    return response


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "response.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_a_response_reads_as_answers_of_every_kind(form: Questionnaire, tmp_path: Path) -> None:
    """Codings, integers, «Vet ikke» and a number's data-absent-reason read as answers."""
    response = _response(
        {"linkId": "age", "answer": [{"valueInteger": 34}]},
        {"linkId": "resident", "answer": [_coding(YES_NO_SYSTEM, "N")]},
        {"linkId": "kind", "answer": [_coding(f"{canonical('small')}:kind", "b")]},
        about=f"{canonical('small')}|1.0",
    )
    assert load_answers(_write(tmp_path, response), form) == {
        "age": 34,
        "resident": False,
        "kind": "b",
    }
    unknown = _response(
        {
            "linkId": "age",
            "extension": [
                {
                    "url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
                    "valueCode": UNKNOWN_CODE,
                }
            ],
        },
        {"linkId": "resident", "answer": [_coding(UNKNOWN_SYSTEM, UNKNOWN_CODE)]},
        {"linkId": "kind", "answer": [_coding(UNKNOWN_SYSTEM, UNKNOWN_CODE)]},
    )
    assert load_answers(_write(tmp_path, unknown), form) == {
        "age": UNKNOWN,
        "resident": UNKNOWN,
        "kind": UNKNOWN,
    }


def test_items_without_answers_groups_and_booleans_read_as_a_form_tool_writes_them(
    form: Questionnaire, tmp_path: Path
) -> None:
    """Nested groups are walked, an item with no answer is unanswered, valueBoolean is yes/no."""
    response = _response(
        {
            "linkId": "group",
            "item": [
                {"linkId": "resident", "answer": [{"valueBoolean": True}]},
                {"linkId": "age"},
                {"linkId": "age.help", "text": "Hjelp"},
            ],
        },
        about="Questionnaire/small",
    )
    assert load_answers(_write(tmp_path, response), form) == {"resident": True}


ERRORS = [
    pytest.param(
        {"resourceType": "Questionnaire", "item": []},
        "{file}:2: a FHIR Questionnaire, not a QuestionnaireResponse: give the response "
        "(the answers), not the questionnaire",
        "{file}:2: en FHIR Questionnaire, ikke en QuestionnaireResponse: gi svarene "
        "(responsen), ikke skjemaet",
        id="questionnaire-not-response",
    ),
    pytest.param(
        _response(about=f"{canonical('shalam')}|1.0"),
        "{file}:4: this is a response to 'shalam', not to 'small': use it with triage shalam "
        "--answers {file}",
        "{file}:4: dette er svar på «shalam», ikke på «small»: bruk det med triage shalam "
        "--answers {file}",
        id="other-questionnaire",
    ),
    pytest.param(
        _response({"linkId": "resident", "answer": [{"valueCoding": {"code": "N"}}]}),
        "{file}:10: the answer to 'resident' is a coding triage does not know (N (no system)): "
        "answer with the options of 'triage export small'",
        "{file}:10: svaret på «resident» er en koding triage ikke kjenner (N (no system)): "
        "svar med alternativene fra «triage export small»",
        id="coding-without-system",
    ),
    pytest.param(
        _response(
            {
                "linkId": "resident",
                "answer": [_coding(YES_NO_SYSTEM, "Y"), _coding(YES_NO_SYSTEM, "N")],
            }
        ),
        "{file}:14: 'resident' has 2 answers; a triage question takes one",
        "{file}:14: «resident» har 2 svar; et spørsmål i triage tar ett",
        id="two-answers",
    ),
    pytest.param(
        _response(
            {"linkId": "resident", "answer": [{"valueBoolean": True}]},
            {"linkId": "resident", "answer": [{"valueBoolean": False}]},
        ),
        "{file}:14: 'resident' is answered twice",
        "{file}:14: «resident» er besvart to ganger",
        id="answered-twice",
    ),
    pytest.param(
        _response({"linkId": "residnet", "answer": [{"valueBoolean": True}]}),
        "{file}:6: unknown question id 'residnet' (did you mean 'resident'?)",
        "{file}:6: ukjent spørsmåls-id «residnet» (mente du «resident»?)",
        id="unknown-link-id",
    ),
    pytest.param(
        _response({"linkId": "age", "answer": [{"valueInteger": 130}]}),
        "{file}:9: answer to 'age': 130 is above the maximum 120",
        "{file}:9: svaret på «age» må være et helt tall (0–120) eller «vet ikke», ikke «130»",
        id="number-out-of-range",
    ),
    pytest.param(
        _response({"linkId": "age", "answer": [{"valueDecimal": 3.5}]}),
        "{file}:9: the answer to 'age' has no value triage reads (valueCoding, valueBoolean, "
        "valueInteger, valueDate, valueString)",
        "{file}:9: svaret på «age» har ingen verdi triage leser (valueCoding, valueBoolean, "
        "valueInteger, valueDate, valueString)",
        id="decimal",
    ),
    pytest.param(
        {"resourceType": "QuestionnaireResponse", "item": {"linkId": "age"}},
        "{file}:3: 'item' does not have the shape of a FHIR QuestionnaireResponse",
        "{file}:3: «item» har ikke formen til en FHIR QuestionnaireResponse",
        id="item-not-a-list",
    ),
]


@pytest.mark.parametrize(("data", "english", "norwegian"), ERRORS)
def test_a_bad_response_is_one_located_line_in_both_languages(
    form: Questionnaire, tmp_path: Path, data: object, english: str, norwegian: str
) -> None:
    """Each bad response names file:line and what to do, in English and in bokmål."""
    path = _write(tmp_path, data)
    with pytest.raises(AnswersError) as caught:
        load_answers(path, form)
    assert caught.value.message == english.format(file=path)
    assert localized(caught.value, "nb") == norwegian.format(file=path)
