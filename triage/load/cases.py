"""Scenario cases files (*.cases.yaml) → Case."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from triage.core.errors import AnswersError, Problem, QuestionnaireError
from triage.core.model import CLARIFY_ID, AnswerValue, Questionnaire
from triage.load import fields
from triage.load.answers import parse_answers
from triage.load.checker import ID_PATTERN, _Checker, _ids, _suggest
from triage.load.document import PathKey, hidden_characters, read_yaml

# The key tables: key → required, from the one declaration of the format (fields.py).
CASES_KEYS = fields.CASES.keys
CASE_KEYS = fields.CASE.keys


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True, slots=True)
class Case:
    """A scenario: answers and what the questionnaire should conclude from them."""

    name: str
    answers: Mapping[str, AnswerValue]
    outcome: str
    clarify: tuple[str, ...] | None = None
    contacts: tuple[str, ...] | None = None
    line: int = 0
    col: int = 0


def check_cases(
    path: Path, questionnaire: Questionnaire, display: str | None = None
) -> tuple[list[Case], list[Problem]]:
    """Load a cases file for ``questionnaire``, returning the cases and every problem."""
    try:
        doc = read_yaml(path, display)
    except QuestionnaireError as error:
        return [], list(error.problems)
    c = _Checker(doc)
    c.problems.extend(hidden_characters(doc))
    top = c.mapping(doc.data, (), CASES_KEYS, "the cases file")
    if top is None:
        return [], c.problems
    if top.get("questionnaire") != questionnaire.id:
        c.error(
            ("questionnaire",),
            f"cases are for {top.get('questionnaire')!r}, not '{questionnaire.id}'",
        )
    outcome_ids = {o.id for o in questionnaire.outcomes} | {CLARIFY_ID}
    questions = [q.id for q in questionnaire.questions]
    cases: list[Case] = []
    for index, data in enumerate(c.items(top, "cases", ())):
        where: PathKey = ("cases", index)
        item = c.mapping(data, where, CASE_KEYS, "a case")
        if item is None:
            continue
        name, outcome = c.string(item, "name", where), c.string(item, "outcome", where)
        if outcome is not None and outcome not in outcome_ids:
            c.error(
                (*where, "outcome"),
                f"unknown outcome '{outcome}'",
                hint=_suggest(outcome, outcome_ids, "the questionnaire"),
            )
        raw = item.get("answers") or {}
        answers: dict[str, AnswerValue] = {}
        if not isinstance(raw, dict):
            c.error((*where, "answers"), "'answers' must map question ids to answers")
        else:
            for key, value in raw.items():
                try:
                    answers.update(parse_answers({key: value}, questionnaire))
                except AnswersError as error:
                    # An unknown id is pointed at by its key, a bad answer by its value.
                    unknown = key not in questions
                    c.error((*where, "answers", key), error.message, key=unknown)
        clarify = tuple(_ids(c, item, "clarify", where)) if "clarify" in item else None
        for index, ident in enumerate(clarify or ()):
            if ident not in questions:
                c.error(
                    (*where, "clarify", index),
                    f"unknown question id '{ident}' in 'clarify'",
                    hint=_suggest(ident, questions, "the questionnaire"),
                )
        contacts = tuple(_ids(c, item, "contacts", where)) if "contacts" in item else None
        for index, ident in enumerate(contacts or ()):
            if not ID_PATTERN.match(ident):
                c.error(
                    (*where, "contacts", index),
                    f"{ident!a} is not a contact id",
                    hint="list the ids from contacts.yaml, e.g. per_willy_ormestad",
                )
        if name is not None and outcome is not None:
            cases.append(Case(name, answers, outcome, clarify, contacts, *c.doc.at(where)))
    c.unique(((k.name, ("cases", i, "name")) for i, k in enumerate(cases)), "case")
    return cases, c.problems
