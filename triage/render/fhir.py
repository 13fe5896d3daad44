"""FHIR R4: a questionnaire as a ``Questionnaire``, answers as a ``QuestionnaireResponse``.

Pure: every function returns plain JSON-ready data (dicts, lists, strings); the command line
writes them. See docs/fhir.md for what maps to what and what is lost. Each kind's FHIR form
(item type, value keys, codes, «Vet ikke») is declared in ``core/kinds.py`` (``Kind.fhir``).

A question is asked unless its ``when`` is definitely false, and an answer counts only once
its question's ``when`` is definitely true (``engine._scan``). The export keeps both rules:

- ``enableWhen`` says "the ``when`` is not definitely false" in FHIR's flat form, where that
  is exact: every question the ``when`` names is itself always asked, so FHIR's "a hidden
  item has no answer" and triage's "an answer counts once its question surely applies" agree.
- Otherwise the item gets an SDC ``enableWhenExpression`` (FHIRPath), which can say exactly
  that: FHIRPath's ``and``/``or``/``not()`` treat an empty value as unknown, like triage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from triage.core.conditions import All, Any_, Condition, Const, Not, Op, Ref, to_text
from triage.core.engine import effective_answers
from triage.core.kinds import KINDS, Code
from triage.core.model import (
    UNKNOWN,
    Answers,
    AnswerValue,
    Directory,
    Question,
    Questionnaire,
    Text,
)
from triage.load.fhir import (
    DATA_ABSENT_REASON,
    TRIAGE_URI,
    UNKNOWN_CODE,
    UNKNOWN_SYSTEM,
    canonical,
    choice_system,
)
from triage.render.i18n import t
from triage.render.words import inert

EXTENSION_OUTCOME = f"{TRIAGE_URI}:extension:outcome"
EXTENSION_CRITERION = f"{TRIAGE_URI}:extension:criterion"

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
RELATED_ARTIFACT = "http://hl7.org/fhir/StructureDefinition/workflow-relatedArtifact"
ENABLE_WHEN_EXPRESSION = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
)

# --------------------------------------------------------------------------- texts


def _translated(text: Text) -> dict[str, object]:
    """Return the ``_text`` element: English as the standard translation extension."""
    if not text.has("en"):
        return {}
    return {
        "extension": [
            {
                "url": TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": "en"},
                    {"url": "content", "valueString": inert(text.get("en"))},
                ],
            }
        ]
    }


def _put_text(target: dict[str, object], key: str, text: Text) -> None:
    """Set ``key`` to the bokmål text (inert: a form tool shows it to a reader)."""
    target[key] = inert(text.get("nb"))
    extra = _translated(text)
    if extra:
        target[f"_{key}"] = extra


def _word(key: str) -> Text:
    """Return one of the tool's own texts (``render.i18n``) in bokmål and English."""
    return Text.of(t(key, "nb"), en=t(key, "en"))


def _coding(system: str, code: str, display: Text) -> dict[str, object]:
    coding: dict[str, object] = {"system": system, "code": code}
    _put_text(coding, "display", display)
    return coding


def unknown_coding() -> dict[str, object]:
    """Return the «Vet ikke» coding."""
    return _coding(UNKNOWN_SYSTEM, UNKNOWN_CODE, _word("unknown"))


def _system(questionnaire: Questionnaire, question: Question, option: Code) -> str:
    """Return an option's code system: its own, or the question's (a choice's values)."""
    return option.system or choice_system(questionnaire.id, question.id)


def _option_coding(
    questionnaire: Questionnaire, question: Question, option: Code
) -> dict[str, object]:
    display = option.display if isinstance(option.display, Text) else _word(option.display)
    return _coding(_system(questionnaire, question, option), option.code, display)


def _code(question: Question, value: object) -> Code:
    """Return the answer option of a coded answer (a value not listed is its own code)."""
    for option in KINDS[question.kind].fhir_codes(question):
        if option.value == value and type(option.value) is type(value):
            return option
    return Code(str(value), str(value), Text.of(str(value)))


# --------------------------------------------------------------------------- enableWhen


@dataclass(frozen=True, slots=True)
class Clause:
    """One FHIR ``enableWhen``: question, operator and answer (``answerCoding`` etc.)."""

    question: str
    operator: str
    key: str
    value: object

    def json(self) -> dict[str, object]:
        """Return the ``enableWhen`` element (a coding is held as a (system, code) pair)."""
        value = self.value
        if isinstance(value, tuple):
            value = {"system": value[0], "code": value[1]}
        return {"question": self.question, "operator": self.operator, self.key: value}


@dataclass(frozen=True, slots=True)
class _And:
    parts: tuple[Formula, ...]


@dataclass(frozen=True, slots=True)
class _Or:
    parts: tuple[Formula, ...]


Formula = Clause | _And | _Or | bool


class _NotFlat(Exception):
    """The ``when`` needs more than FHIR's flat ``enableWhen`` can say."""


def _and(parts: Iterable[Formula]) -> Formula:
    flat: list[Formula] = []
    for part in parts:
        if part is False:
            return False
        if part is True:
            continue
        flat.extend(part.parts if isinstance(part, _And) else (part,))
    if not flat:
        return True
    return flat[0] if len(flat) == 1 else _And(tuple(dict.fromkeys(flat)))


def _or(parts: Iterable[Formula]) -> Formula:
    flat: list[Formula] = []
    for part in parts:
        if part is True:
            return True
        if part is False:
            continue
        flat.extend(part.parts if isinstance(part, _Or) else (part,))
    if not flat:
        return False
    return flat[0] if len(flat) == 1 else _Or(tuple(dict.fromkeys(flat)))


_NEGATED = {Op.EQ: Op.NE, Op.NE: Op.EQ, Op.LT: Op.GE, Op.GE: Op.LT, Op.LE: Op.GT, Op.GT: Op.LE}
_NEGATED.update({Op.IN: Op.NOT_IN, Op.NOT_IN: Op.IN})
_HOLDS: dict[Op, Callable[[object, object], bool]] = {
    Op.EQ: lambda a, b: a == b,
    Op.NE: lambda a, b: a != b,
    Op.IN: lambda a, b: a in b,  # type: ignore[operator]
    Op.NOT_IN: lambda a, b: a not in b,  # type: ignore[operator]
}


class _Flat:
    """Translate "not definitely false" into FHIR's flat ``enableWhen`` clauses."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.questions = {q.id: q for q in questionnaire.questions}

    def possible(self, condition: Condition) -> Formula:
        """Return when ``condition`` is not definitely false (true or unknown)."""
        if isinstance(condition, Const):
            return condition.value
        if isinstance(condition, Not):
            return self.doubtful(condition.operand)
        if isinstance(condition, All):
            return _and(self.possible(c) for c in condition.operands)
        if isinstance(condition, Any_):
            return _or(self.possible(c) for c in condition.operands)
        if isinstance(condition, Ref):
            return self._not_definitely(self._question(condition.name), Op.EQ, False)
        return self._not_definitely(
            self._question(condition.name), _NEGATED[condition.op], condition.value
        )

    def doubtful(self, condition: Condition) -> Formula:
        """Return when ``condition`` is not definitely true (false or unknown)."""
        if isinstance(condition, Const):
            return not condition.value
        if isinstance(condition, Not):
            return self.possible(condition.operand)
        if isinstance(condition, All):
            return _or(self.doubtful(c) for c in condition.operands)
        if isinstance(condition, Any_):
            return _and(self.doubtful(c) for c in condition.operands)
        if isinstance(condition, Ref):
            return self._not_definitely(self._question(condition.name), Op.EQ, True)
        return self._not_definitely(self._question(condition.name), condition.op, condition.value)

    def _question(self, name: str) -> Question:
        question = self.questions.get(name)
        # A question with its own `when` may be shown while its answer does not count yet;
        # flat enableWhen cannot tell the two apart (criteria are no items at all).
        if question is None or question.when is not None:
            raise _NotFlat(name)
        return question

    def _not_definitely(self, question: Question, op: Op, value: object) -> Formula:
        """Return: ``question`` has no definite answer ``a`` with ``a op value``."""
        entry = KINDS[question.kind]
        if not entry.fhir.coded:
            return self._valued(question, op, value)
        if op not in _HOLDS:
            raise _NotFlat(question.id)
        holds = _HOLDS[op]
        return _and(
            Clause(question.id, "!=", "answerCoding", self._coding(question, option))
            for option in entry.fhir_codes(question)
            if holds(option.value, value)
        )

    def _valued(self, question: Question, op: Op, value: object) -> Formula:
        """Say it with the kind's own answer key (``answerInteger``, ``answerDate``)."""
        name, entry = question.id, KINDS[question.kind]
        key = entry.fhir.answer
        fhir = entry.to_fhir
        if not entry.fhir.compares:  # e.g. LHC-Forms ignores "=" and "!=" on dates
            raise _NotFlat(name)
        if op is Op.EQ:
            return Clause(name, "!=", key, fhir(value))
        if op is Op.IN and isinstance(value, tuple):
            return _and(Clause(name, "!=", key, fhir(v)) for v in value)
        if op is Op.NE:
            return _or((Clause(name, "=", key, fhir(value)), _missing(name)))
        if op is Op.NOT_IN and isinstance(value, tuple):
            return _or((*(Clause(name, "=", key, fhir(v)) for v in value), _missing(name)))
        if not entry.fhir.orders:  # e.g. a kind whose ">" renderers ignore
            raise _NotFlat(name)
        return _or((Clause(name, _NEGATED[op].value, key, fhir(value)), _missing(name)))

    def _coding(self, question: Question, option: Code) -> tuple[str, object]:
        return (_system(self.questionnaire, question, option), option.code)


def _missing(name: str) -> Clause:
    return Clause(name, "exists", "answerBoolean", False)


def enable_when(questionnaire: Questionnaire, question: Question) -> dict[str, object] | None:
    """Return the item's ``enableWhen`` and ``enableBehavior``, or None if flat cannot say it.

    An empty dict means the question is always asked.
    """
    if question.when is None:
        return {}
    try:
        formula = _Flat(questionnaire).possible(question.when)
    except _NotFlat:
        return None
    if formula is True:
        return {}
    if isinstance(formula, Clause):
        return {"enableWhen": [formula.json()]}
    if isinstance(formula, _And | _Or) and all(isinstance(p, Clause) for p in formula.parts):
        behavior = "all" if isinstance(formula, _And) else "any"
        clauses = [p.json() for p in formula.parts if isinstance(p, Clause)]
        return {"enableWhen": clauses, "enableBehavior": behavior}
    return None


# --------------------------------------------------------------------------- FHIRPath


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class _Path:
    """Translate conditions to FHIRPath over a QuestionnaireResponse (``%resource``).

    An unknown answer is an empty value: «Vet ikke», no answer, or an answer that does not
    count yet because its question's ``when`` is not definitely true.
    """

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.questions = {q.id: q for q in questionnaire.questions}
        self.criteria = {c.id: c for c in questionnaire.criteria}

    def expression(self, condition: Condition) -> str:
        """Return the FHIRPath of ``condition``: true, false or empty (unknown)."""
        if isinstance(condition, Const):
            return "true" if condition.value else "false"
        if isinstance(condition, Not):
            return f"({self.expression(condition.operand)}).not()"
        if isinstance(condition, All | Any_):
            joiner = " and " if isinstance(condition, All) else " or "
            return "(" + joiner.join(self.expression(c) for c in condition.operands) + ")"
        if isinstance(condition, Ref):
            criterion = self.criteria.get(condition.name)
            if criterion is not None:
                return f"({self.expression(criterion.when)})"
            return self._compare(self.questions[condition.name], Op.EQ, True)
        return self._compare(self.questions[condition.name], condition.op, condition.value)

    def value(self, question: Question) -> str:
        """Return the FHIRPath of the answer that counts: empty if unknown."""
        where = f"linkId = {_quoted(question.id)}"
        if question.when is not None:
            where += f" and {self.expression(question.when)}"
        answer = f"%resource.item.where({where}).answer.value"
        if not KINDS[question.kind].fhir.coded:
            return answer
        return f"{answer}.where(code != {_quoted(UNKNOWN_CODE)}).code"

    def _compare(self, question: Question, op: Op, value: object) -> str:
        if isinstance(value, tuple):
            single = Op.EQ if op is Op.IN else Op.NE
            joiner = " or " if op is Op.IN else " and "
            return "(" + joiner.join(self._compare(question, single, v) for v in value) + ")"
        entry = KINDS[question.kind]
        if entry.fhir.coded:
            literal = _quoted(_code(question, value).code)
        else:
            literal = entry.fhir.literal.format(value=entry.to_fhir(value))
        operator = {Op.EQ: "=", Op.NE: "!="}.get(op, op.value)
        return f"({self.value(question)} {operator} {literal})"


def to_fhirpath(condition: Condition, questionnaire: Questionnaire) -> str:
    """Return ``condition`` as FHIRPath over a QuestionnaireResponse (empty: unknown)."""
    return _Path(questionnaire).expression(condition)


def enable_when_expression(questionnaire: Questionnaire, question: Question) -> str:
    """Return the FHIRPath that is true when ``question`` is asked: its ``when`` is not false."""
    assert question.when is not None
    inner = to_fhirpath(question.when, questionnaire)
    return f"{inner} or ({inner}).empty()"


# --------------------------------------------------------------------------- Questionnaire


@dataclass(frozen=True, slots=True)
class Export:
    """An exported resource and the questions it could only express as FHIRPath."""

    resource: dict[str, object]
    expressions: tuple[str, ...] = ()


def _pascal(identifier: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in identifier.split("_") if part)


def _item(
    questionnaire: Questionnaire, question: Question, expressions: list[str]
) -> dict[str, object]:
    item: dict[str, object] = {"linkId": question.id}
    _put_text(item, "text", question.text)
    entry = KINDS[question.kind]
    item["type"] = entry.fhir.item
    extensions: list[dict[str, object]] = []
    enabled = enable_when(questionnaire, question)
    if enabled is not None:
        item.update(enabled)
    elif question.when is not None:  # always so: no `when` needs no condition
        expressions.append(question.id)
        extensions.append(
            {
                "url": ENABLE_WHEN_EXPRESSION,
                "valueExpression": {
                    "language": "text/fhirpath",
                    "expression": enable_when_expression(questionnaire, question),
                    "description": f"triage: {to_text(question.when)}",
                },
            }
        )
    if entry.fhir.coded:
        extensions.append(_control("radio-button"))
        item["answerOption"] = [{"valueCoding": c} for c in _options(questionnaire, question)]
    else:
        for url, bound in ((MIN_VALUE, question.minimum), (MAX_VALUE, question.maximum)):
            if bound is not None:
                extensions.append({"url": url, entry.fhir.value: entry.to_fhir(bound)})
    if extensions:
        item = {"extension": extensions, **item}
    if question.help is not None:
        help_item: dict[str, object] = {"extension": [_control("help")]}
        help_item["linkId"] = f"{question.id}.help"
        _put_text(help_item, "text", question.help)
        help_item["type"] = "display"
        item["item"] = [help_item]
    return item


def _control(code: str) -> dict[str, object]:
    return {
        "url": ITEM_CONTROL,
        "valueCodeableConcept": {"coding": [{"system": ITEM_CONTROL_SYSTEM, "code": code}]},
    }


def _options(questionnaire: Questionnaire, question: Question) -> list[dict[str, object]]:
    codes = KINDS[question.kind].fhir_codes(question)
    return [*(_option_coding(questionnaire, question, c) for c in codes), unknown_coding()]


def _sources(questionnaire: Questionnaire, directory: Directory) -> list[dict[str, object]]:
    """Return the source pages as ``derived-from`` related artifacts (a standard extension)."""
    found: list[dict[str, object]] = []
    for page in questionnaire.pages:
        source = directory.sources.get(page)
        if source is None:
            continue
        artifact: dict[str, object] = {"type": "derived-from", "label": source.id}
        artifact["display"] = inert(source.title.get("nb"))
        dates = [
            t(key, "nb", date=day.isoformat())
            for key, day in (
                ("published", source.published),
                ("changed", source.changed),
                ("retrieved", source.retrieved),
            )
            if day is not None
        ]
        artifact["citation"] = inert("; ".join([source.publisher, *dates]))
        if source.url:
            artifact["url"] = source.url
        found.append({"url": RELATED_ARTIFACT, "valueRelatedArtifact": artifact})
    return found


def _rule(url: str, parts: list[dict[str, object]]) -> dict[str, object]:
    return {"url": url, "extension": parts}


def _strings(url: str, text: Text) -> list[dict[str, object]]:
    """Return a text as sub-extensions ``url`` (bokmål) and ``url-en`` (English, if any).

    A primitive extension on ``valueString`` would be the usual place for the translation,
    but an extension's value cannot carry one in every tool (fhir.resources refuses it).
    """
    parts: list[dict[str, object]] = [{"url": url, "valueString": inert(text.get("nb"))}]
    if text.has("en"):
        parts.append({"url": f"{url}-en", "valueString": inert(text.get("en"))})
    return parts


def _expression(questionnaire: Questionnaire, condition: Condition | None) -> dict[str, object]:
    when = Const(True) if condition is None else condition
    return {
        "url": "condition",
        "valueExpression": {
            "language": "text/fhirpath",
            "expression": to_fhirpath(when, questionnaire),
            "description": to_text(when),
        },
    }


def _decision_rule(questionnaire: Questionnaire) -> list[dict[str, object]]:
    """Return the criteria and outcomes, in priority order, as triage extensions."""
    rules: list[dict[str, object]] = [
        _rule(
            EXTENSION_CRITERION,
            [
                {"url": "id", "valueCode": criterion.id},
                *_strings("text", criterion.text),
                _expression(questionnaire, criterion.when),
            ],
        )
        for criterion in questionnaire.criteria
    ]
    for outcome in questionnaire.outcomes:
        parts: list[dict[str, object]] = [
            {"url": "id", "valueCode": outcome.id},
            {"url": "level", "valueCode": outcome.level.value},
            *_strings("title", outcome.title),
            *_strings("summary", outcome.summary),
            _expression(questionnaire, outcome.when),
        ]
        parts += [{"url": "contact", "valueString": c} for c in outcome.contacts]
        if outcome.continue_with:
            parts.append({"url": "continue-with", "valueString": outcome.continue_with})
        rules.append(_rule(EXTENSION_OUTCOME, parts))
    return rules


def to_questionnaire(questionnaire: Questionnaire, directory: Directory) -> Export:
    """Return the questionnaire as a FHIR R4 Questionnaire (bokmål, English translations)."""
    expressions: list[str] = []
    items = [_item(questionnaire, q, expressions) for q in questionnaire.questions]
    resource: dict[str, object] = {"resourceType": "Questionnaire", "id": questionnaire.id}
    resource["extension"] = [
        *_sources(questionnaire, directory),
        *_decision_rule(questionnaire),
    ]
    resource["language"] = "nb"
    resource["url"] = canonical(questionnaire.id)
    resource["version"] = inert(questionnaire.version)
    resource["name"] = _pascal(questionnaire.id) or "Questionnaire"
    _put_text(resource, "title", questionnaire.title)
    resource["status"] = "active"
    resource["publisher"] = "triage"
    _put_text(resource, "description", questionnaire.description)
    _put_text(resource, "purpose", _word("disclaimer"))
    resource["item"] = items
    return Export(resource, tuple(expressions))


# --------------------------------------------------------------------------- response


def answer_item(
    questionnaire: Questionnaire, question: Question, value: AnswerValue, lang: str = "nb"
) -> dict[str, object]:
    """Return the response item of one answer (a number's «Vet ikke» has no answer)."""
    item: dict[str, object] = {"linkId": question.id, "text": inert(question.text.get(lang))}
    return _merge(item, _answer(questionnaire, question, value))


def _answer(
    questionnaire: Questionnaire, question: Question, value: AnswerValue
) -> dict[str, object]:
    entry = KINDS[question.kind]
    if value is UNKNOWN:
        if not entry.fhir.coded:
            # No «Vet ikke» option (an integer or date item): the item says why it has none.
            return {
                "extension": [{"url": DATA_ABSENT_REASON, "valueCode": UNKNOWN_CODE}],
            }
        return {"answer": [{"valueCoding": unknown_coding()}]}
    if not entry.fhir.coded:
        return {"answer": [{entry.fhir.value: entry.to_fhir(value)}]}
    option = _option_coding(questionnaire, question, _code(question, value))
    return {"answer": [{"valueCoding": option}]}


def to_response(
    questionnaire: Questionnaire, answers: Answers, *, authored: dt.datetime, lang: str = "nb"
) -> dict[str, object]:
    """Return the answers as a QuestionnaireResponse: questions not asked are left out."""
    items = [
        answer_item(questionnaire, questionnaire.question(question_id), value, lang)
        for question_id, value in effective_answers(questionnaire, answers).items()
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "language": lang,
        "questionnaire": f"{canonical(questionnaire.id)}|{inert(questionnaire.version)}",
        "status": "completed",
        "authored": authored.isoformat(timespec="seconds"),
        "item": items,
    }


def _merge(item: dict[str, object], answer: dict[str, object]) -> dict[str, object]:
    extension = answer.get("extension")
    merged: dict[str, object] = {"extension": extension} if extension else {}
    merged.update(item)
    if "answer" in answer:
        merged["answer"] = answer["answer"]
    return merged
