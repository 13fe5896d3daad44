"""FHIR R4 export: valid resources, enableWhen that asks what triage asks, round trips."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import operator
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire
from fhir.resources.R4B.questionnaireresponse import (
    QuestionnaireResponse as FhirQuestionnaireResponse,
)
from fhirpathpy import evaluate as fhirpath
from fhirpathpy.models import models
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import scaled
from tests.test_date_kind import DISCHARGE
from triage.check.scenarios import run_case
from triage.core.conditions import (
    All,
    Any_,
    Compare,
    Condition,
    Const,
    Not,
    Op,
    Ref,
    evaluate,
    names,
    parse_condition,
    walk,
)
from triage.core.engine import effective_answers, environment, flow, result_id
from triage.core.errors import AnswersError
from triage.core.kinds import KINDS
from triage.core.model import (
    UNKNOWN,
    AnswerValue,
    Choice,
    Directory,
    Question,
    QuestionKind,
    Questionnaire,
    Text,
)
from triage.load.answers import load_answers
from triage.load.cases import Case, check_cases
from triage.load.catalog import cases_file, questionnaire_files, shipped_dir
from triage.load.contacts import load_directory
from triage.load.fhir import UNKNOWN_CODE, UNKNOWN_SYSTEM, YES_NO_SYSTEM
from triage.load.questionnaire import load_questionnaire
from triage.render.fhir import (
    DATA_ABSENT_REASON,
    ENABLE_WHEN_EXPRESSION,
    TRANSLATION,
    answer_item,
    to_fhirpath,
    to_questionnaire,
    to_response,
)

DIRECTORY = load_directory([shipped_dir() / "contacts.yaml"])
SHIPPED = {
    path.stem: load_questionnaire(path, DIRECTORY) for path in questionnaire_files(shipped_dir())
}
CASES = [
    pytest.param(SHIPPED[stem], case, id=f"{stem}: {case.name}")
    for stem, questionnaire in SHIPPED.items()
    for case in check_cases(cases_file(Path(questionnaire.path)), questionnaire)[0]
]
AUTHORED = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


# --------------------------------------------------------------------------- a FHIR evaluator


def _answer_values(item: Mapping[str, Any]) -> list[object]:
    """Return an item's answers as comparable values: (system, code), the integer or ISO date."""
    values: list[object] = []
    for answer in item.get("answer", []):
        if "valueCoding" in answer:
            values.append((answer["valueCoding"]["system"], answer["valueCoding"]["code"]))
        else:
            values.append(next(v for k, v in answer.items() if k.startswith("value")))
    return values


_ORDER: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


def _clause(clause: Mapping[str, Any], valued: Mapping[str, list[object]]) -> bool:
    """Evaluate one enableWhen as FHIR R4 defines it (a hidden item has no answers)."""
    given_ = valued.get(clause["question"], [])
    if clause["operator"] == "exists":
        return bool(given_) == clause["answerBoolean"]
    if "answerCoding" in clause:
        expected: object = (clause["answerCoding"]["system"], clause["answerCoding"]["code"])
    else:  # answerInteger or answerDate (an ISO date sorts like the day)
        expected = next(v for k, v in clause.items() if k.startswith("answer"))
    if clause["operator"] == "=":
        return expected in given_
    if clause["operator"] == "!=":
        return expected not in given_
    return any(_ORDER[clause["operator"]](value, expected) for value in given_)


def fhir_flow(
    questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]
) -> tuple[list[str], dict[str, Any]]:
    """Fill the exported Questionnaire as a FHIR form would: the enabled items, in order.

    Returns the enabled question ids and the response holding the answers given to them.
    """
    exported = to_questionnaire(questionnaire, Directory()).resource
    response: dict[str, Any] = {"resourceType": "QuestionnaireResponse", "item": []}
    valued: dict[str, list[object]] = {}
    enabled: list[str] = []
    for item in exported["item"]:
        expression = next(
            (e for e in item.get("extension", []) if e["url"] == ENABLE_WHEN_EXPRESSION), None
        )
        if expression is not None:
            result = fhirpath(
                response,
                expression["valueExpression"]["expression"],
                {"resource": response},
                models["r4"],
            )
            assert result in ([True], [False])
            shown = result == [True]
        elif "enableWhen" in item:
            results = [_clause(c, valued) for c in item["enableWhen"]]
            shown = any(results) if item.get("enableBehavior") == "any" else all(results)
        else:
            shown = True
        if not shown:
            continue
        link = item["linkId"]
        enabled.append(link)
        if link in answers:
            answered = answer_item(questionnaire, questionnaire.question(link), answers[link])
            response["item"].append(answered)
            valued[link] = _answer_values(answered)
    return enabled, response


# --------------------------------------------------------------------------- the shipped files


@pytest.mark.parametrize("questionnaire", SHIPPED.values(), ids=SHIPPED.keys())
def test_every_shipped_questionnaire_exports_a_valid_r4_questionnaire(
    questionnaire: Questionnaire,
) -> None:
    """fhir.resources accepts the export, and it lists every question under its own id."""
    resource = to_questionnaire(questionnaire, DIRECTORY).resource
    parsed = FhirQuestionnaire.model_validate(resource)
    assert [item.linkId for item in parsed.item] == [q.id for q in questionnaire.questions]
    assert parsed.version == questionnaire.version


@pytest.mark.parametrize("questionnaire", SHIPPED.values(), ids=SHIPPED.keys())
def test_enable_when_names_only_earlier_questions(questionnaire: Questionnaire) -> None:
    """Every enableWhen names a question before it (LHC-Forms refuses a form otherwise)."""
    seen: set[str] = set()
    for item in to_questionnaire(questionnaire, DIRECTORY).resource["item"]:
        assert {clause["question"] for clause in item.get("enableWhen", [])} <= seen
        seen.add(item["linkId"])


@pytest.mark.parametrize(("questionnaire", "case"), CASES)
def test_exported_enable_when_asks_the_questions_triage_asks(
    questionnaire: Questionnaire, case: Case
) -> None:
    """Filled with a case's answers, the FHIR form shows exactly the questions triage asks."""
    enabled, _ = fhir_flow(questionnaire, case.answers)
    assert enabled == [q.id for q in flow(questionnaire, case.answers)]


@pytest.mark.parametrize(("questionnaire", "case"), CASES)
def test_every_case_gives_a_valid_response_that_reads_back_to_the_same_decision(
    questionnaire: Questionnaire, case: Case, tmp_path: Path
) -> None:
    """Answers → QuestionnaireResponse → answers: valid R4, and the same outcome as the case."""
    response = to_response(questionnaire, case.answers, authored=AUTHORED)
    FhirQuestionnaireResponse.model_validate(response)
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response, ensure_ascii=False), encoding="utf-8")
    read = load_answers(path, questionnaire)
    result = run_case(questionnaire, dataclasses.replace(case, answers=read))
    assert (result.outcome, result.failures) == (case.outcome, ())
    assert read == {
        q.id: case.answers[q.id] for q in flow(questionnaire, case.answers) if q.id in case.answers
    }


def _domain(question: Question, questionnaire: Questionnaire) -> list[AnswerValue | None]:
    """Return the answers worth trying for ``question``: None means not answered."""
    literals = [
        node.value
        for q in questionnaire.questions
        if q.when is not None
        for node in walk(q.when)
        if isinstance(node, Compare) and node.name == question.id
    ]
    return [None, UNKNOWN, *KINDS[question.kind].candidates(question, literals)]


@pytest.mark.parametrize("questionnaire", SHIPPED.values(), ids=SHIPPED.keys())
def test_exported_enable_when_asks_what_triage_asks_for_every_answer_combination(
    questionnaire: Questionnaire,
) -> None:
    """Over all answers to the questions conditions name, FHIR shows what triage asks."""
    relevant = [
        q
        for q in questionnaire.questions
        if q.when is not None
        or any(q.id in names(other.when) for other in questionnaire.questions if other.when)
    ]
    domains = [_domain(q, questionnaire) for q in relevant]
    combinations = list(itertools.product(*domains))
    assert len(combinations) <= 20_000
    for values in combinations:
        answers = {q.id: v for q, v in zip(relevant, values, strict=True) if v is not None}
        enabled, _ = fhir_flow(questionnaire, answers)
        assert enabled == [q.id for q in flow(questionnaire, answers)], answers


# --------------------------------------------------------------------------- the mapping


YES_NO = Question("wants", QuestionKind.YES_NO, Text.of("Ønsker?", en="Wants?"))
AGE = Question(
    "age", QuestionKind.NUMBER, Text.of("Alder?"), minimum=0, maximum=120, help=Text.of("Hjelp")
)
KIND = Question(
    "kind",
    QuestionKind.CHOICE,
    Text.of("Hva?"),
    choices=(Choice("a", Text.of("A")), Choice("b", Text.of("B")), Choice("c", Text.of("C"))),
)


def _questionnaire(*questions: Question) -> Questionnaire:
    return Questionnaire(
        id="demo_form",
        title=Text.of("Demo", en="Demo"),
        description=Text.of("Beskrivelse"),
        version="2.1",
        pages=(),
        questions=questions,
        outcomes=(),
    )


def test_yes_no_is_a_choice_of_yes_no_and_vet_ikke_codings_with_systems() -> None:
    """A yes/no question offers Ja, Nei and Vet ikke, each coding with a system."""
    item = to_questionnaire(_questionnaire(YES_NO), Directory()).resource["item"][0]
    assert item["type"] == "choice"
    codings = [option["valueCoding"] for option in item["answerOption"]]
    assert [(c["system"], c["code"], c["display"]) for c in codings] == [
        (YES_NO_SYSTEM, "Y", "Ja"),
        (YES_NO_SYSTEM, "N", "Nei"),
        (UNKNOWN_SYSTEM, UNKNOWN_CODE, "Vet ikke"),
    ]
    english = item["_text"]["extension"][0]
    assert english["url"] == TRANSLATION
    assert english["extension"][1]["valueString"] == "Wants?"


def test_number_is_an_integer_with_bounds_and_a_help_display_item() -> None:
    """A number question is an integer with min/max; its help is a display item."""
    item = to_questionnaire(_questionnaire(AGE), Directory()).resource["item"][0]
    assert item["type"] == "integer"
    assert [e.get("valueInteger") for e in item["extension"]] == [0, 120]
    (help_item,) = item["item"]
    assert help_item["type"] == "display"
    assert help_item["text"] == "Hjelp"
    control = help_item["extension"][0]["valueCodeableConcept"]["coding"][0]["code"]
    assert control == "help"


def test_an_unknown_number_is_an_item_without_answer_that_says_why() -> None:
    """«Vet ikke» to a number: no answer, and data-absent-reason asked-unknown on the item."""
    item = answer_item(_questionnaire(AGE), AGE, UNKNOWN)
    assert "answer" not in item
    assert item["extension"] == [{"url": DATA_ABSENT_REASON, "valueCode": UNKNOWN_CODE}]


def test_a_when_on_a_question_with_its_own_when_becomes_an_expression() -> None:
    """enableWhen cannot see that an answer does not count yet: FHIRPath is used, and named."""
    second = Question("more", QuestionKind.YES_NO, Text.of("Mer?"), when=Ref("wants"))
    third = Question("last", QuestionKind.YES_NO, Text.of("Sist?"), when=Ref("more"))
    exported = to_questionnaire(_questionnaire(YES_NO, second, third), Directory())
    assert exported.expressions == ("last",)
    items = exported.resource["item"]
    assert items[1]["enableWhen"] == [
        {
            "question": "wants",
            "operator": "!=",
            "answerCoding": {"system": YES_NO_SYSTEM, "code": "N"},
        }
    ]


def test_a_choice_condition_hides_the_question_only_for_the_other_choices() -> None:
    """`kind == "a"` is asked unless another choice was made: != each other choice, all."""
    asked = Question(
        "why", QuestionKind.YES_NO, Text.of("Hvorfor?"), when=parse_condition('kind == "a"')
    )
    item = to_questionnaire(_questionnaire(KIND, asked), Directory()).resource["item"][1]
    assert item["enableBehavior"] == "all"
    assert [(c["operator"], c["answerCoding"]["code"]) for c in item["enableWhen"]] == [
        ("!=", "b"),
        ("!=", "c"),
    ]


# --------------------------------------------------------------------------- FHIRPath


QUESTIONS = (
    YES_NO,
    Question("sure", QuestionKind.YES_NO, Text.of("Sikker?")),
    AGE,
    KIND,
    Question("later", QuestionKind.YES_NO, Text.of("Senere?"), when=Ref("wants")),
)
PROPERTY_FORM = _questionnaire(*QUESTIONS)


def _leaves() -> st.SearchStrategy[Condition]:
    flags = st.sampled_from(["wants", "sure", "later"])
    ages = st.integers(min_value=-1, max_value=121)
    kinds = st.sampled_from(["a", "b", "c"])
    return st.one_of(
        st.booleans().map(Const),
        flags.map(Ref),
        st.builds(Compare, flags, st.sampled_from([Op.EQ, Op.NE]), st.booleans()),
        st.builds(Compare, st.just("age"), st.sampled_from(list(Op)[:6]), ages),
        st.builds(
            Compare,
            st.just("age"),
            st.sampled_from([Op.IN, Op.NOT_IN]),
            st.lists(ages, min_size=1, max_size=3).map(tuple),
        ),
        st.builds(Compare, st.just("kind"), st.sampled_from([Op.EQ, Op.NE]), kinds),
        st.builds(
            Compare,
            st.just("kind"),
            st.sampled_from([Op.IN, Op.NOT_IN]),
            st.lists(kinds, min_size=1, max_size=2).map(tuple),
        ),
    )


CONDITIONS = st.recursive(
    _leaves(),
    lambda inner: st.one_of(
        inner.map(Not),
        st.lists(inner, min_size=1, max_size=3).map(lambda c: All(tuple(c))),
        st.lists(inner, min_size=1, max_size=3).map(lambda c: Any_(tuple(c))),
    ),
    max_leaves=8,
)
FLAG = st.sampled_from([None, UNKNOWN, True, False])
ANSWERS = st.fixed_dictionaries(
    {
        "wants": FLAG,
        "sure": FLAG,
        "later": FLAG,
        "age": st.sampled_from([None, UNKNOWN, 0, 17, 18, 19, 120]),
        "kind": st.sampled_from([None, UNKNOWN, "a", "b", "c"]),
    }
).map(lambda d: {k: v for k, v in d.items() if v is not None})


@settings(max_examples=scaled(200))
@given(condition=CONDITIONS, answers=ANSWERS)
def test_fhirpath_agrees_with_three_valued_evaluation(
    condition: Condition, answers: dict[str, AnswerValue]
) -> None:
    """fhirpathpy on the exported FHIRPath gives true, false or empty exactly as triage does.

    Unknown is empty in FHIRPath: «Vet ikke», no answer, and an answer to a question whose
    ``when`` is not yet definitely true (``later`` while ``wants`` is unknown).
    """
    response = to_response(PROPERTY_FORM, answers, authored=AUTHORED)
    result = fhirpath(
        response, to_fhirpath(condition, PROPERTY_FORM), {"resource": response}, models["r4"]
    )
    expected = evaluate(condition, environment(PROPERTY_FORM, answers))
    assert result == ([] if expected is None else [expected])


@settings(max_examples=scaled(200))
@given(condition=CONDITIONS, answers=ANSWERS)
def test_an_exported_when_shows_the_question_exactly_when_triage_asks_it(
    condition: Condition, answers: dict[str, AnswerValue]
) -> None:
    """For any `when`, flat enableWhen or FHIRPath shows the question iff triage asks it."""
    target = Question("target", QuestionKind.YES_NO, Text.of("Mål?"), when=condition)
    questionnaire = _questionnaire(*QUESTIONS, target)
    enabled, _ = fhir_flow(questionnaire, answers)
    asked = [q.id for q in flow(questionnaire, answers)]
    assert ("target" in enabled) == ("target" in asked)


# --------------------------------------------------------------------------- dates


#: The date kind's test questionnaire (tests/test_date_kind.py) with questions asked on dates:
#: ``==``, ``!=`` and ``in`` are flat enableWhen, an ordering is FHIRPath (LHC-Forms ignores
#: ``>`` on dates).
DATED = DISCHARGE.replace(
    "criteria:\n",
    """\
  - id: that_day
    kind: yes_no
    when: discharged == "2026-03-01"
    text: Var det 1. mars?
  - id: not_new_year
    kind: yes_no
    when: discharged != "2026-01-01"
    text: Ikke nyttårsdagen?
  - id: quarter_start
    kind: yes_no
    when: discharged in ("2026-01-01", "2026-04-01")
    text: Et kvartals første dag?
  - id: recent_help
    kind: yes_no
    when: discharged >= "2026-01-01" and not follow_up
    text: Trenger personen hjelp?
criteria:
""",
)
DATE_ANSWERS = [
    {"discharged": "2026-03-01", "follow_up": False, "that_day": True, "recent_help": True},
    {"discharged": "2025-12-31", "follow_up": True, "not_new_year": False},
    {"discharged": UNKNOWN, "follow_up": False, "recent_help": UNKNOWN, "quarter_start": True},
    {"discharged": "2026-01-01", "follow_up": UNKNOWN},
    {"follow_up": False},
]


@pytest.fixture
def dated(build: Callable[[str], Questionnaire]) -> Questionnaire:
    """The date test questionnaire with questions asked on dates."""
    return build(DATED)


def test_a_date_question_exports_a_valid_date_item_with_date_bounds(
    dated: Questionnaire,
) -> None:
    """A date is a FHIR date item with minValue/maxValue dates and no answer options."""
    exported = to_questionnaire(dated, Directory())
    FhirQuestionnaire.model_validate(exported.resource)
    item = exported.resource["item"][0]
    assert (item["linkId"], item["type"]) == ("discharged", "date")
    assert "answerOption" not in item
    assert [(e["url"], e["valueDate"]) for e in item["extension"]] == [
        ("http://hl7.org/fhir/StructureDefinition/minValue", "2020-01-01"),
        ("http://hl7.org/fhir/StructureDefinition/maxValue", "2030-12-31"),
    ]


def test_every_date_condition_is_fhirpath_since_renderers_ignore_answer_date(
    dated: Questionnaire,
) -> None:
    """==, != and in on a date, and >=, are expressions (LHC-Forms ignores answerDate), named."""
    exported = to_questionnaire(dated, Directory())
    items = {item["linkId"]: item for item in exported.resource["item"]}
    dated_ids = ("that_day", "not_new_year", "quarter_start", "recent_help")
    assert exported.expressions == dated_ids
    for ident in dated_ids:
        assert "enableWhen" not in items[ident]
        extension = items[ident]["extension"][0]  # then the radio-button control
        assert extension["url"] == ENABLE_WHEN_EXPRESSION
    assert ">= @2026-01-01" in items["recent_help"]["extension"][0]["valueExpression"]["expression"]
    assert "@2026-03-01" in items["that_day"]["extension"][0]["valueExpression"]["expression"]


@pytest.mark.parametrize("answers", DATE_ANSWERS)
def test_a_date_response_is_valid_and_reads_back_to_the_same_decision(
    dated: Questionnaire, answers: dict[str, AnswerValue], tmp_path: Path
) -> None:
    """Answers with dates → QuestionnaireResponse (valueDate) → answers: the same decision."""
    response = to_response(dated, answers, authored=AUTHORED)
    FhirQuestionnaireResponse.model_validate(response)
    (first, *_) = response["item"]
    if answers.get("discharged") is UNKNOWN:
        assert "answer" not in first
        assert first["extension"] == [{"url": DATA_ABSENT_REASON, "valueCode": UNKNOWN_CODE}]
    elif "discharged" in answers:
        assert first["answer"] == [{"valueDate": answers["discharged"]}]
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response, ensure_ascii=False), encoding="utf-8")
    read = load_answers(path, dated)
    assert result_id(dated, read) == result_id(dated, answers)
    assert read == effective_answers(dated, answers)


def test_date_enable_when_asks_what_triage_asks_for_every_answer_combination(
    dated: Questionnaire,
) -> None:
    """Over dates around every literal, unknown and unanswered: FHIR shows what triage asks."""
    relevant = [dated.question(name) for name in ("discharged", "follow_up", "recent_help")]
    domains = [_domain(q, dated) for q in relevant]
    for values in itertools.product(*domains):
        answers = {q.id: v for q, v in zip(relevant, values, strict=True) if v is not None}
        enabled, _ = fhir_flow(dated, answers)
        assert enabled == [q.id for q in flow(dated, answers)], answers


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("valueDate", "2026-01", "'2026-01' is not a date: FHIR writes a day as 2026-01-31"),
        ("valueDate", "31.01.2026", "is not a date: FHIR writes a day as 2026-01-31"),
        ("valueDate", 20260101, "20260101 is not a date"),
        ("valueDate", "2019-12-31", "2019-12-31 is below the minimum 2020-01-01"),
        ("valueInteger", 20260101, "valueInteger 20260101 does not fit"),
    ],
)
def test_a_bad_fhir_date_is_a_located_error(
    dated: Questionnaire, key: str, value: object, message: str, tmp_path: Path
) -> None:
    """A partial, Norwegian or out-of-bounds date, or an integer: a located one-line error."""
    response = {
        "resourceType": "QuestionnaireResponse",
        "item": [{"linkId": "discharged", "answer": [{key: value}]}],
    }
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        load_answers(path, dated)
    assert caught.value.message.startswith(f"{path}:")
    assert message in caught.value.message
    assert "\n" not in caught.value.message


SEEN = Question(
    "seen",
    QuestionKind.DATE,
    Text.of("Sist sett?"),
    minimum="2020-01-01",
    maximum="2030-12-31",
)
DATE_FORM = _questionnaire(SEEN, QUESTIONS[0])
DAYS = st.sampled_from(["2020-01-01", "2025-12-31", "2026-01-01", "2026-01-02", "2030-12-31"])
DATE_CONDITIONS = st.recursive(
    st.one_of(
        st.builds(Compare, st.just("seen"), st.sampled_from(list(Op)[:6]), DAYS),
        st.builds(
            Compare,
            st.just("seen"),
            st.sampled_from([Op.IN, Op.NOT_IN]),
            st.lists(DAYS, min_size=1, max_size=3).map(tuple),
        ),
        st.just(Ref("wants")),
    ),
    lambda inner: st.one_of(
        inner.map(Not), st.lists(inner, min_size=1, max_size=3).map(lambda c: All(tuple(c)))
    ),
    max_leaves=4,
)
DATE_VALUES = st.fixed_dictionaries(
    {"seen": st.one_of(st.none(), st.just(UNKNOWN), DAYS), "wants": FLAG}
).map(lambda d: {k: v for k, v in d.items() if v is not None})


@settings(max_examples=scaled(100))
@given(condition=DATE_CONDITIONS, answers=DATE_VALUES)
def test_date_conditions_agree_in_fhirpath_and_in_enable_when(
    condition: Condition, answers: dict[str, AnswerValue]
) -> None:
    """fhirpathpy reads date conditions as triage does, and the exported `when` asks alike."""
    response = to_response(DATE_FORM, answers, authored=AUTHORED)
    result = fhirpath(
        response, to_fhirpath(condition, DATE_FORM), {"resource": response}, models["r4"]
    )
    expected = evaluate(condition, environment(DATE_FORM, answers))
    assert result == ([] if expected is None else [expected])
    target = Question("target", QuestionKind.YES_NO, Text.of("Mål?"), when=condition)
    questionnaire = _questionnaire(SEEN, QUESTIONS[0], target)
    enabled, _ = fhir_flow(questionnaire, answers)
    assert ("target" in enabled) == ("target" in [q.id for q in flow(questionnaire, answers)])
