"""Answers: coerce typed text, read and parse answers files, write them back."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path

from triage.core.errors import AnswersError, QuestionnaireError
from triage.core.kinds import KINDS, NotOfKind
from triage.core.model import UNKNOWN, AnswerValue, Question, Questionnaire
from triage.load.document import MAX_INT, Document, read_yaml, shorten

# --------------------------------------------------------------------------- answers


#: What answers files, ``--set``, cases and the save file read as «Vet ikke» (any case).
#: A choice value may be none of these (see ``_check_choice_value``).
UNKNOWN_SPELLINGS = frozenset(
    {"unknown", "vet ikke", "v", "?", "ukjent", "d", "don't know", "don’t know", "dont know"}
)


def coerce_answer(question: Question, value: object) -> AnswerValue:
    """Turn a typed or file value into an answer for ``question``; ValueError if it cannot.

    A choice's exact value wins over every other reading, so what was chosen is what is
    read back. The kind reads the rest (core/kinds.py); OutOfBounds passes through.
    """
    if value is UNKNOWN or value is None:
        return UNKNOWN
    if isinstance(value, str) and question.choice(value):
        return value
    if isinstance(value, str) and value.strip().casefold() in UNKNOWN_SPELLINGS:
        return UNKNOWN
    try:
        return KINDS[question.kind].coerce(question, value)
    except NotOfKind as error:
        raise ValueError(f"{_shown(value)} {error}") from None


def _shown(value: object) -> str:
    """Return an answer as a message quotes it: short, and as it was written."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and abs(value) >= MAX_INT:
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(shorten(value)) if isinstance(value, str) else shorten(repr(value))


#: The JSON result document ``--format json`` writes, also read as an answers file.
RESULT_FORMAT = "triage-result/1"


def load_answers(
    path: Path, questionnaire: Questionnaire, *, ids: tuple[str, ...] = ()
) -> dict[str, AnswerValue]:
    """Read an answers file (YAML or JSON); raise AnswersError naming file:line on a bad one.

    The tool's own result document (``triage-result/1``, from ``--format json``) is read as
    its answers (unknown stays unknown), if it is the result of ``questionnaire`` or of one
    of ``ids`` (the questionnaires a run may continue with); so is a FHIR
    QuestionnaireResponse (``triage ID --format fhir``, or a FHIR form tool's).
    """
    try:
        doc = read_yaml(path, regular=False)
    except QuestionnaireError as error:
        raise AnswersError(error.message) from None
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise AnswersError(
            doc.problem(
                (), "an answers file must map question ids to answers", hint="e.g. age: 34"
            ).format()
        )
    if "resourceType" in doc.data:  # FHIR: read lazily, off the interview's start-up path
        from triage.load.fhir import response_answers

        return response_answers(doc, questionnaire, (questionnaire.id, *ids))
    if isinstance(doc.data.get("format"), str) and "questionnaire" in doc.data:
        return _result_answers(doc, doc.data, questionnaire, (questionnaire.id, *ids))
    return parse_answers(doc.data, questionnaire, doc)


def _result_answers(
    doc: Document, data: dict[str, object], questionnaire: Questionnaire, ids: tuple[str, ...]
) -> dict[str, AnswerValue]:
    """Return the answers of a ``triage-result`` document, after checking what it is for."""
    kind = data["format"]
    if kind != RESULT_FORMAT:
        raise AnswersError(
            doc.problem(
                ("format",), f"'{kind}' is not a result this version reads ({RESULT_FORMAT})"
            ).format()
        )
    about = data.get("questionnaire")
    result_id = about.get("id") if isinstance(about, dict) else None
    if result_id not in ids:
        raise AnswersError(
            doc.problem(
                ("questionnaire", "id"),
                f"this is the result of '{result_id}', not of '{questionnaire.id}': "
                f"use it with triage {result_id} --answers {doc.file}",
            ).format()
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersError(doc.problem(("answers",), "the result has no answers").format())
    return parse_answers(answers, questionnaire, doc, at=("answers",))


def parse_answers(
    data: Mapping[str, object],
    questionnaire: Questionnaire,
    doc: Document | None = None,
    *,
    at: tuple[str, ...] = (),
) -> dict[str, AnswerValue]:
    """Check and coerce a mapping of question id to answer (``at``: its path in ``doc``)."""
    known = {q.id: q for q in questionnaire.questions}
    answers: dict[str, AnswerValue] = {}
    for key, value in data.items():
        where = f"{doc.file}:{doc.at((*at, key), key=True)[0]}: " if doc else ""
        if key not in known:
            from difflib import get_close_matches  # loaded only to suggest

            close = get_close_matches(key, list(known), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"questions: {', '.join(known)}"
            raise AnswersError(
                f"{where}unknown question id {_shown(key)} ({hint})",
                key="error_answer_id_close" if close else "error_answer_id",
                where=where,
                id=key,
                close=close[0] if close else "",
                ids=", ".join(known),
            )
        try:
            answers[key] = coerce_answer(known[key], value)
        except ValueError as error:
            message = f"{where}answer to '{key}': {error}"
            raise _bad_answer(message, known[key], value, where) from None
    return answers


def _bad_answer(message: str, question: Question, value: object, where: str) -> AnswersError:
    """Return the error for a value that does not fit, saying what would, in any language."""
    low, high = question.minimum, question.maximum
    bounds = f" ({low}–{high})" if low is not None and high is not None else ""
    return AnswersError(
        message,
        key=f"error_answer_{question.kind.value}",
        where=where,
        id=question.id,
        value=value,
        range=bounds,
        choices=", ".join(c.value for c in question.choices),
    )


def answer_yaml(value: object) -> str:
    """Return one answer as the YAML an answers file holds: unknown, true, 17, "text"."""
    if value is UNKNOWN or value is None:
        return "unknown"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return yaml_string(str(value))


def answers_text(answers: Mapping[str, object]) -> str:
    """Return answers as a one-line YAML mapping, e.g. ``{age: 17, resident: true}``.

    The text is a valid answers file: paste it into one and run ``triage ID --answers``.
    """
    return "{" + ", ".join(f"{key}: {answer_yaml(v)}" for key, v in answers.items()) + "}"


def answers_yaml(answers: Mapping[str, object]) -> str:
    """Return answers as the lines of an answers file, one ``id: value`` each."""
    return "\n".join(f"{key}: {answer_yaml(value)}" for key, value in answers.items())


# YAML 1.1 (PyYAML) cannot hold these raw: controls, DEL, C1, surrogates, U+FFFE/FFFF, and
# the Unicode line separators it would fold into a space. (A pattern: re compiles it when
# answers are first written, not at start-up.)
_YAML_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"


def yaml_string(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar that reads back exactly.

    JSON escaping with the characters YAML refuses, or would change, written as escapes.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return re.sub(_YAML_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", quoted)
