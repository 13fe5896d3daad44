"""The file formats, declared once: each mapping's keys, which are required, and their JSON Schema.

The loaders take their key tables from these shapes (required and unknown keys are checked
with them), and :func:`json_schema` generates the JSON Schema shipped beside the
questionnaires and printed by ``triage schema``. The loaders check more than a schema can
say (references, conditions, proofs); the schema is what an editor checks as you type.
Regenerate the shipped files after a change (docs/authoring.md): ``triage schema KIND``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from triage.core.kinds import KINDS
from triage.core.model import CLARIFY_ID, RESERVED_IDS, Level, QuestionKind

#: A piece of JSON Schema.
Schema = Mapping[str, Any]

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ID_REGEX = "^[a-z][a-z0-9_]{0,63}$"
DAY_REGEX = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
TIME_REGEX = "^([01][0-9]|2[0-3]):[0-5][0-9]$"
PHONE_REGEX = "^\\+?[0-9 ]{3,20}$"
EMAIL_REGEX = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"
LINK_REGEX = "^https://[^\\s/]+\\.[^\\s/]+(/\\S*)?$"


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping: whether it is required, and the JSON Schema of its value."""

    key: str
    required: bool
    schema: Schema
    description: str | None = None

    def json(self) -> dict[str, Any]:
        """Return the JSON Schema of the value, with the description editors show."""
        out = dict(self.schema)
        if self.description is not None:
            out["description"] = self.description
        return out


@dataclass(frozen=True, slots=True)
class Shape:
    """A mapping in a file: its keys, in the order the docs list them."""

    fields: tuple[Field, ...]
    description: str | None = None
    extra: Schema = field(default_factory=lambda: MappingProxyType({}))

    @property
    def keys(self) -> Mapping[str, bool]:
        """Return the key table the loader checks: key → required."""
        return MappingProxyType({f.key: f.required for f in self.fields})

    def json(self) -> dict[str, Any]:
        """Return the JSON Schema of the mapping: no key besides those declared."""
        out: dict[str, Any] = {"type": "object"}
        if self.description is not None:
            out["description"] = self.description
        required = [f.key for f in self.fields if f.required]
        if required:
            out["required"] = required
        out["properties"] = {f.key: f.json() for f in self.fields}
        out["additionalProperties"] = False
        out.update(self.extra)
        return out


# --------------------------------------------------------------------------- helpers


def ref(name: str) -> Schema:
    """Refer to a definition in ``$defs``."""
    return {"$ref": f"#/$defs/{name}"}


def optional(schema: Schema) -> Schema:
    """Allow the value, or nothing (``key:`` left empty)."""
    return {"anyOf": [schema, {"type": "null"}]}


def items(schema: Schema) -> Schema:
    """A list of values; an empty ``key:`` counts as an empty list."""
    return {"type": ["array", "null"], "items": schema}


def one_or_more(schema: Schema) -> Schema:
    """A list of at least one value."""
    return {"type": "array", "minItems": 1, "items": schema}


def _not_reserved(schema: Schema) -> Schema:
    return {"allOf": [schema, {"not": {"enum": sorted(RESERVED_IDS)}}]}


ID = ref("id")
TEXT = ref("text")
PLAIN = ref("plain")
CONDITION = ref("condition")
IDS = items({"type": "string"})
QUOTE_REF = optional({"type": "string"})
DATE = {"type": ["string", "null"], "pattern": DAY_REGEX, "format": "date"}

#: Definitions the shapes refer to, in the order they appear in a schema file.
DEFS: dict[str, Schema] = {
    "id": {"type": "string", "pattern": ID_REGEX},
    "nonblank": {"type": "string", "pattern": "\\S"},
    "plain": {
        "description": "Text; a number is read as text.",
        "anyOf": [{"type": "string", "pattern": "\\S"}, {"type": "number"}],
    },
    "text": {
        "description": (
            "Bokmål text, or a mapping of language code to text where nb is required"
            " and en recommended."
        ),
        "anyOf": [
            {"type": "string", "pattern": "\\S"},
            {
                "type": "object",
                "required": ["nb"],
                "properties": {
                    "nb": {**ref("nonblank"), "description": "Norwegian bokmål (required)."},
                    "en": {**ref("nonblank"), "description": "English (recommended)."},
                },
                "propertyNames": {"pattern": "^[a-z]{2,3}$"},
                "additionalProperties": ref("nonblank"),
            },
        ],
    },
    "day": {"type": "string", "pattern": DAY_REGEX, "format": "date"},
    "time": {
        "type": "string",
        "pattern": TIME_REGEX,
        "description": 'A time like "08:00" (quote it).',
    },
    "condition": {
        "description": (
            "An expression such as 'age >= 18 and resident', true/false, or {all: [...]},"
            " {any: [...]}, {not: ...}."
        ),
        "anyOf": [
            {"type": "string", "pattern": "\\S"},
            {"type": "boolean"},
            *(
                {
                    "type": "object",
                    "required": [op],
                    "properties": {op: one_or_more(ref("condition"))},
                    "additionalProperties": False,
                }
                for op in ("all", "any")
            ),
            {
                "type": "object",
                "required": ["not"],
                "properties": {"not": ref("condition")},
                "additionalProperties": False,
            },
        ],
    },
}


# --------------------------------------------------------------------------- questionnaire

QUOTE = Shape((Field("id", True, ID), Field("page", True, PLAIN), Field("text", True, PLAIN)))
SOURCE = Shape(
    (
        Field("pages", True, IDS),
        Field("quotes", False, items(QUOTE.json())),
        Field("vague", False, items(TEXT)),
    ),
    "Where the content comes from: source ids from contacts.yaml, verbatim quotes,"
    " and what the pages leave vague.",
)
CHOICE = Shape(
    (
        Field(
            "value",
            True,
            {"allOf": [PLAIN, {"not": {"const": "unknown"}}]},
            "Stable key used in conditions and answer files ('unknown' is reserved).",
        ),
        Field("text", True, TEXT),
    )
)
DEFS["choice"] = {
    "anyOf": [
        {
            "type": "string",
            "not": {"const": "unknown"},
            "description": "The value, doubling as its bokmål label.",
        },
        CHOICE.json(),
    ]
}


#: The keys a question may have only when it is of a kind (the loader refuses them elsewhere).
KIND_KEYS: Mapping[QuestionKind, tuple[str, ...]] = MappingProxyType(
    {kind: entry.keys for kind, entry in KINDS.items() if entry.keys}
)


def _bound_schema() -> Schema:
    """Return the schema of ``min``/``max``: any kind's bound, or nothing."""
    bounds = [schema for entry in KINDS.values() if (schema := entry.bound_schema())]
    if len(bounds) == 1 and set(bounds[0]) == {"type"}:
        return {"type": [bounds[0]["type"], "null"]}
    return {"anyOf": [*bounds, {"type": "null"}]}


def _kind_is(*kinds: QuestionKind) -> Schema:
    """Match a question of one of ``kinds``."""
    values = [kind.value for kind in kinds]
    match = {"const": values[0]} if len(values) == 1 else {"enum": values}
    return {"required": ["kind"], "properties": {"kind": match}}


def _kind_rules() -> list[Schema]:
    """Return what each kind requires, and the keys only the kinds that own them may have."""
    rules: list[Schema] = [
        {"if": _kind_is(kind), "then": needs}
        for kind, entry in KINDS.items()
        if (needs := entry.needs()) is not None
    ]
    owners: dict[tuple[str, ...], list[QuestionKind]] = {}
    for kind, keys in KIND_KEYS.items():
        owners.setdefault(keys, []).append(kind)
    for keys, kinds in owners.items():
        absent = [{"required": [key]} for key in keys]
        rules.append(
            {
                "if": _kind_is(*kinds),
                "else": {"not": absent[0] if len(absent) == 1 else {"anyOf": absent}},
            }
        )
    return rules


QUESTION = Shape(
    (
        Field("id", True, ID, "Stable: the key in answer files and JSON output."),
        Field("kind", True, {"enum": [k.value for k in QuestionKind]}),
        Field("text", True, TEXT),
        Field("help", False, optional(TEXT)),
        Field(
            "when", False, CONDITION, "Ask only when this may hold; names earlier questions only."
        ),
        Field("min", False, _bound_schema()),
        Field("max", False, _bound_schema()),
        Field("choices", False, items(ref("choice"))),
        Field("quote", False, QUOTE_REF),
    ),
    "One question; every question can also be answered 'Vet ikke'.",
    {"allOf": _kind_rules()},
)
DEFS["question"] = QUESTION.json()

CRITERION = Shape(
    (
        Field("id", True, ID),
        Field("text", True, TEXT),
        Field("when", True, CONDITION),
        Field("group", False, optional(TEXT)),
        Field("quote", False, QUOTE_REF),
    )
)
LEGAL = Shape(
    (
        Field("law", True, TEXT),
        Field("section", True, PLAIN),
        Field("text", False, optional(TEXT)),
        Field("when", False, CONDITION),
        Field(
            "url",
            False,
            optional({"type": "string", "pattern": LINK_REGEX}),
            "A link to the provision (https only), e.g. Lovdata's"
            " https://lovdata.no/lov/2011-06-24-30/§10-2.",
        ),
        Field("valid_from", False, DATE, "The date from which the rule holds."),
    )
)
NOTE = Shape((Field("text", True, TEXT), Field("when", False, CONDITION)))
OUTCOME = Shape(
    (
        Field("id", True, {"allOf": [ID, {"not": {"const": CLARIFY_ID}}]}),
        Field("level", True, {"enum": [lv.value for lv in Level if lv is not Level.CLARIFY]}),
        Field("title", True, TEXT),
        Field("summary", True, TEXT),
        Field("when", True, CONDITION),
        Field("contacts", False, IDS),
        Field("legal_basis", False, items(LEGAL.json())),
        Field("notes", False, items(NOTE.json())),
        Field("quote", False, QUOTE_REF),
        Field(
            "continue_with",
            False,
            optional(ID),
            "The id of a questionnaire to continue with when this outcome is the result;"
            " answers to questions with the same id carry over.",
        ),
        Field(
            "before",
            False,
            IDS,
            "Later outcomes this one is meant to win over where both conditions hold:"
            " 'triage validate' then reports their overlap as a note, not a warning.",
        ),
    ),
    "A possible result; the first outcome that definitely holds, with all earlier ones"
    " definitely not holding, is the result.",
)
DEFS["outcome"] = OUTCOME.json()

CLARIFY = Shape(
    (
        Field("contacts", False, IDS),
        Field("summary", False, optional(TEXT)),
        Field("go_on_without", False, IDS),
    )
)
QUESTIONNAIRE = Shape(
    (
        Field(
            "id",
            True,
            _not_reserved(ID),
            "The command name (triage ID); must match the file name and not be a built-in command.",
        ),
        Field(
            "aliases",
            False,
            {"type": "array", "uniqueItems": True, "items": _not_reserved(ID)},
            "Other names the questionnaire can be run by (triage NAME): unique, not an id or"
            " a built-in command.",
        ),
        Field("title", True, TEXT),
        Field("description", True, TEXT),
        Field("version", True, PLAIN),
        Field("source", True, SOURCE.json()),
        Field("questions", True, one_or_more(ref("question"))),
        Field("criteria", False, items(CRITERION.json())),
        Field("outcomes", True, one_or_more(ref("outcome"))),
        Field("clarify", False, CLARIFY.json()),
    ),
    "A questionnaire for the triage tool; see docs/authoring.md.",
)


# --------------------------------------------------------------------------- contacts

SOURCE_PAGE = Shape(
    (
        Field("id", True, ID),
        Field("title", True, TEXT),
        Field("publisher", True, PLAIN),
        Field("published", False, DATE),
        Field("changed", False, DATE),
        Field("retrieved", False, DATE),
        Field("url", False, optional(PLAIN)),
        Field("note", False, optional(TEXT)),
    )
)
HOURS = Shape(
    (
        Field("days", True, items({"enum": list(WEEKDAYS)})),
        Field("from", True, ref("time")),
        Field("to", True, ref("time")),
    )
)
CONTACT = Shape(
    (
        Field("id", True, ID),
        Field("name", True, PLAIN),
        Field("role", True, TEXT),
        Field("organisation", True, PLAIN),
        Field("source", True, PLAIN),
        Field("checked", True, ref("day")),
        Field(
            "phone",
            False,
            {
                "anyOf": [
                    {"type": "string", "pattern": PHONE_REGEX},
                    {"type": "integer", "minimum": 100},
                    {"type": "null"},
                ]
            },
            'Digits as text, e.g. "46960239"; omit where the source gives none.',
        ),
        Field("email", False, optional({"type": "string", "pattern": EMAIL_REGEX})),
        Field("url", False, optional(PLAIN)),
        Field("hours", False, HOURS.json()),
        Field("note", False, optional(TEXT)),
        Field("historical", False, {"type": "boolean"}),
        Field("emergency", False, {"type": "boolean"}),
    ),
    "Someone to contact next; never invent a number or address.",
)
DEFS["contact"] = CONTACT.json()
DIRECTORY = Shape(
    (
        Field("sources", False, items(SOURCE_PAGE.json())),
        Field("contacts", False, items(ref("contact"))),
    ),
    "The contact directory and source pages shared by the questionnaires of a folder"
    " (contacts.yaml).",
)


# --------------------------------------------------------------------------- cases

CASE = Shape(
    (
        Field("name", True, PLAIN),
        Field(
            "answers",
            True,
            {
                "type": "object",
                "propertyNames": ID,
                "additionalProperties": {"type": ["boolean", "integer", "string", "null"]},
            },
            "Question id to answer: true/false, a whole number, a choice value, a date"
            " (2026-01-31), or unknown.",
        ),
        Field("outcome", True, PLAIN),
        Field("clarify", False, IDS),
        Field("contacts", False, IDS),
    )
)
CASES = Shape(
    (
        Field("questionnaire", True, ID),
        Field("cases", True, {"type": "array", "items": CASE.json()}),
    ),
    "Scenario cases for one questionnaire (ID.cases.yaml), run by 'triage test'.",
)


# --------------------------------------------------------------------------- the generator

#: Each kind of file: its title and its top-level shape.
FILES: Mapping[str, tuple[str, Shape]] = MappingProxyType(
    {
        "questionnaire": ("triage questionnaire", QUESTIONNAIRE),
        "contacts": ("triage contacts", DIRECTORY),
        "cases": ("triage scenario cases", CASES),
    }
)


def _refs(schema: object) -> set[str]:
    """Return the names of the definitions a piece of schema refers to directly."""
    if isinstance(schema, Mapping):
        found = {str(v).removeprefix("#/$defs/") for k, v in schema.items() if k == "$ref"}
        for value in schema.values():
            found |= _refs(value)
        return found
    if isinstance(schema, list | tuple):
        return set().union(*(_refs(value) for value in schema))
    return set()


def json_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) for a kind of file, with only the defs it uses."""
    title, shape = FILES[kind]
    body = shape.json()
    description = body.pop("description")
    used: set[str] = set()
    todo = _refs(body)
    while todo:
        name = todo.pop()
        used.add(name)
        todo |= _refs(DEFS[name]) - used
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": description,
        **body,
        "$defs": {name: DEFS[name] for name in DEFS if name in used},
    }
    return copy.deepcopy(schema)  # the caller's to change, not the declaration's


def schema_text(kind: str) -> str:
    """Return the JSON Schema for a kind of file as the text of its shipped file."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
