"""FHIR R4: the names the export uses, and reading a QuestionnaireResponse as answers.

The codes and URIs are declared here, once: ``render.fhir`` writes them and this module
reads them back (docs/fhir.md explains each choice).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from triage.core.errors import AnswersError
from triage.core.kinds import KINDS, NotOfKind
from triage.core.kinds import YES_NO_SYSTEM as YES_NO_SYSTEM  # declared with the yes/no kind
from triage.core.model import UNKNOWN, AnswerValue, Question, Questionnaire
from triage.load.yamlfile import Document, shorten

#: The namespace of everything triage names itself (canonical URLs, choice codes, its
#: extensions). A URN because the project has no web address of its own; see docs/fhir.md.
TRIAGE_URI = "urn:triage"
#: «Vet ikke»: FHIR's data-absent-reason "asked-unknown" (asked, but the answer is not known).
UNKNOWN_SYSTEM = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
UNKNOWN_CODE = "asked-unknown"
#: On a response item without an answer: why (a number's «Vet ikke»).
DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"

RESPONSE = "QuestionnaireResponse"
#: The value keys some kind reads (valueCoding, valueInteger …) and text, which every kind reads.
_READ = tuple(
    dict.fromkeys(
        [key for kind in KINDS.values() for key in (kind.fhir.value, *kind.fhir.also)]
        + ["valueString"]
    )
)
_KEYS = ", ".join(_READ)


def canonical(questionnaire_id: str) -> str:
    """Return a questionnaire's canonical URL (without version)."""
    return f"{TRIAGE_URI}:questionnaire:{questionnaire_id}"


def choice_system(questionnaire_id: str, question_id: str) -> str:
    """Return the code system of a choice question's values."""
    return f"{canonical(questionnaire_id)}:{question_id}"


def _named(reference: str) -> str:
    """Return the questionnaire id a response's ``questionnaire`` names (best effort)."""
    bare = reference.split("|", 1)[0].rstrip("/")
    prefix = canonical("")
    if bare.startswith(prefix):
        return bare[len(prefix) :]
    return bare.rsplit("/", 1)[-1].rsplit(":", 1)[-1]


class _Reader:
    def __init__(self, doc: Document, questionnaire: Questionnaire) -> None:
        self.doc = doc
        self.questionnaire = questionnaire
        self.questions = {q.id: q for q in questionnaire.questions}

    def where(self, path: tuple[str | int, ...]) -> str:
        return f"{self.doc.file}:{self.doc.at(path)[0]}: "

    def shape(self, path: tuple[str | int, ...], field: str) -> AnswersError:
        where = self.where(path)
        return AnswersError(
            f"{where}'{field}' does not have the shape of a FHIR QuestionnaireResponse",
            key="error_fhir_shape",
            where=where,
            field=field,
        )

    def items(
        self, data: Mapping[str, object], path: tuple[str | int, ...]
    ) -> Iterator[tuple[tuple[str | int, ...], Mapping[str, object]]]:
        """Yield every item, nested ones too (in groups and under answers), with its path."""
        items = data.get("item", [])
        if not isinstance(items, list):
            raise self.shape((*path, "item"), "item")
        for index, item in enumerate(items):
            at = (*path, "item", index)
            if not isinstance(item, dict):
                raise self.shape(at, "item")
            yield at, item
            yield from self.items(item, at)
            answers = item.get("answer", [])
            if isinstance(answers, list):
                for number, answer in enumerate(answers):
                    if isinstance(answer, dict):
                        yield from self.items(answer, (*at, "answer", number))

    def answers(self, data: Mapping[str, object]) -> dict[str, AnswerValue]:
        found: dict[str, AnswerValue] = {}
        for at, item in self.items(data, ()):
            link = item.get("linkId")
            if not isinstance(link, str):
                raise self.shape((*at, "linkId"), "linkId")
            answers = item.get("answer", [])
            if not isinstance(answers, list):
                raise self.shape((*at, "answer"), "answer")
            question = self.questions.get(link)
            value: AnswerValue | None
            if question is None:
                if answers:
                    self.unknown_id(link, (*at, "linkId"))
                continue  # a display or group item
            if link in found:
                where = self.where((*at, "linkId"))
                raise AnswersError(
                    f"{where}'{link}' is answered twice",
                    key="error_fhir_twice",
                    where=where,
                    id=link,
                )
            if len(answers) > 1:
                where = self.where((*at, "answer", 1))
                raise AnswersError(
                    f"{where}'{link}' has {len(answers)} answers; a triage question takes one",
                    key="error_fhir_many",
                    where=where,
                    id=link,
                    count=len(answers),
                )
            if answers:
                value = self.value(question, answers[0], (*at, "answer", 0))
            else:
                value = UNKNOWN if _absent_unknown(item) else None
            if value is not None:
                found[link] = value
        return found

    def unknown_id(self, link: str, path: tuple[str | int, ...]) -> None:
        import difflib

        where = self.where(path)
        close = difflib.get_close_matches(link, list(self.questions), n=1)
        ids = ", ".join(self.questions)
        hint = f"did you mean '{close[0]}'?" if close else f"questions: {ids}"
        raise AnswersError(
            f"{where}unknown question id {shorten(link)!r} ({hint})",
            key="error_answer_id_close" if close else "error_answer_id",
            where=where,
            id=link,
            close=close[0] if close else "",
            ids=ids,
        )

    def value(self, question: Question, answer: object, path: tuple[str | int, ...]) -> AnswerValue:
        from triage.load.answers import _bad_answer, _shown, coerce_answer

        if not isinstance(answer, dict):
            raise self.shape(path, "answer")
        keys = [k for k in answer if k.startswith("value")]
        if len(keys) != 1 or keys[0] not in (*_READ, "valueCoding"):
            where = self.where((*path, keys[0]) if len(keys) == 1 else path)
            raise AnswersError(
                f"{where}the answer to '{question.id}' has no value triage reads ({_KEYS})",
                key="error_fhir_value",
                where=where,
                id=question.id,
                keys=_KEYS,
            )
        key = keys[0]
        raw = answer[key]
        where = self.where((*path, key))
        if key == "valueCoding":
            return self.coding(question, raw, (*path, key))
        entry = KINDS[question.kind]
        # Each kind reads its own keys (an integer is no yes/no, though coerce reads 1 as
        # yes; a boolean only where the kind reads one); text as an answers file reads it.
        fits = key in (entry.fhir.value, *entry.fhir.also) or (
            key == "valueString" and isinstance(raw, str)
        )
        try:
            if not fits or (isinstance(raw, bool) and key not in entry.fhir.also):
                raise ValueError(f"{key} {shorten(repr(raw))} does not fit")
            if key == "valueString":
                return coerce_answer(question, raw)
            try:
                return entry.from_fhir(question, raw)
            except NotOfKind as error:
                raise ValueError(f"{_shown(raw)} {error}") from None
        except ValueError as error:
            raise _bad_answer(
                f"{where}answer to '{question.id}': {error}", question, raw, where
            ) from None

    def coding(self, question: Question, raw: object, path: tuple[str | int, ...]) -> AnswerValue:
        if not isinstance(raw, dict):
            raise self.shape(path, "valueCoding")
        system, code = raw.get("system"), raw.get("code")
        if system == UNKNOWN_SYSTEM and code == UNKNOWN_CODE:
            return UNKNOWN
        own = choice_system(self.questionnaire.id, question.id)
        for option in KINDS[question.kind].fhir_codes(question):
            if (option.system or own) == system and option.code == code:
                return option.value
        where = self.where((*path, "code"))
        shown = shorten(f"{system}|{code}" if system is not None else f"{code} (no system)")
        raise AnswersError(
            f"{where}the answer to '{question.id}' is a coding triage does not know "
            f"({shown}): answer with the options of 'triage export {self.questionnaire.id}'",
            key="error_fhir_coding",
            where=where,
            id=question.id,
            coding=shown,
            questionnaire=self.questionnaire.id,
        )


def _absent_unknown(item: Mapping[str, object]) -> bool:
    """Tell whether an item without an answer says «Vet ikke» (data-absent-reason)."""
    extensions = item.get("extension", [])
    return isinstance(extensions, list) and any(
        isinstance(e, dict)
        and e.get("url") == DATA_ABSENT_REASON
        and e.get("valueCode") == UNKNOWN_CODE
        for e in extensions
    )


def response_answers(
    doc: Document, questionnaire: Questionnaire, ids: tuple[str, ...]
) -> dict[str, AnswerValue]:
    """Read a QuestionnaireResponse as answers; AnswersError (file:line) on a bad one.

    An item without an answer is not answered (unless it says «Vet ikke»); items that are
    not questions (help texts, groups) are passed over. ``ids``: the questionnaires the
    response may be for (the one run, and those it may continue with).
    """
    data = doc.data
    assert isinstance(data, dict)
    reader = _Reader(doc, questionnaire)
    kind = data.get("resourceType")
    if kind != RESPONSE:
        where = reader.where(("resourceType",))
        raise AnswersError(
            f"{where}a FHIR {shorten(str(kind))}, not a {RESPONSE}: give the response "
            "(the answers), not the questionnaire",
            key="error_fhir_not_response",
            where=where,
            found=shorten(str(kind)),
        )
    about = data.get("questionnaire")
    if about is not None:
        if not isinstance(about, str):
            raise reader.shape(("questionnaire",), "questionnaire")
        named = _named(about)
        if named and named not in ids:
            where = reader.where(("questionnaire",))
            raise AnswersError(
                f"{where}this is a response to '{shorten(named)}', not to "
                f"'{questionnaire.id}': use it with triage {shorten(named)} --answers "
                f"{doc.file}",
                key="error_fhir_other",
                where=where,
                found=shorten(named),
                id=questionnaire.id,
                file=doc.file,
            )
    return reader.answers(data)
