"""The JSON Schemas: shipped files are valid, and the schema agrees with the loader.

The data an editor checks is the YAML read as JSON, where dates are text; the tests read
files with the project's own safe YAML reader and turn dates into ISO text the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from tests.conftest import CONTACTS, SMALL
from triage.cli import app
from triage.core import model
from triage.core.errors import Severity
from triage.load import fields
from triage.load.cases import Case, check_cases
from triage.load.catalog import SCHEMA_KINDS, file_kind, schema_file, shipped_dir
from triage.load.contacts import check_directory, load_directory
from triage.load.fields import DEFS, FILES, json_schema, schema_text
from triage.load.questionnaire import check_questionnaire, load_questionnaire
from triage.load.yamlfile import read_yaml

SHIPPED_YAML = sorted(shipped_dir().glob("*.yaml"))


def _as_json(data: object) -> Any:
    if isinstance(data, dict):
        return {key: _as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_json(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _schema_errors(kind: str, path: Path) -> list[str]:
    schema = json.loads(schema_file(kind).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return [error.message for error in validator.iter_errors(_as_json(read_yaml(path).data))]


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schemas_are_valid_json_schema(kind: str) -> None:
    """Each schema file is a valid draft 2020-12 JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_file(kind).read_text()))


@pytest.mark.parametrize("path", SHIPPED_YAML, ids=[p.name for p in SHIPPED_YAML])
def test_every_shipped_file_names_its_schema_and_is_valid(path: Path) -> None:
    """Each shipped YAML starts with its editor schema line and validates against it."""
    kind = file_kind(path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={kind}.schema.json"
    assert (path.parent / f"{kind}.schema.json").is_file()
    assert _schema_errors(kind, path) == []


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_each_shipped_schema_file_is_what_the_declaration_generates(kind: str) -> None:
    """The shipped KIND.schema.json is exactly the generated text: regenerate it after a change."""
    assert schema_file(kind).read_text(encoding="utf-8") == schema_text(kind)


def test_every_kind_of_file_has_a_declared_format() -> None:
    """The kinds 'triage schema' offers are the kinds the declaration describes."""
    assert tuple(FILES) == SCHEMA_KINDS


#: Keys the model holds under another name.
RENAMED = {"min": "minimum", "max": "maximum"}


MODELLED: list[tuple[fields.Shape, type]] = [
    (fields.QUESTION, model.Question),
    (fields.CHOICE, model.Choice),
    (fields.CRITERION, model.Criterion),
    (fields.OUTCOME, model.Outcome),
    (fields.LEGAL, model.LegalBasis),
    (fields.NOTE, model.Note),
    (fields.QUOTE, model.Quote),
    (fields.CONTACT, model.Contact),
    (fields.SOURCE_PAGE, model.Source),
    (fields.CASE, Case),
]


@pytest.mark.parametrize(("shape", "held_in"), MODELLED, ids=[m.__name__ for _, m in MODELLED])
def test_each_declared_key_is_held_by_the_model(shape: fields.Shape, held_in: type) -> None:
    """A key added to the format has a field in the dataclass it is loaded into."""
    held = {field.name for field in dataclasses.fields(held_in)}
    assert {RENAMED.get(key, key) for key in shape.keys} <= held


def _refs(schema: object) -> set[str]:
    if isinstance(schema, dict):
        here = {schema["$ref"].removeprefix("#/$defs/")} if "$ref" in schema else set()
        return here.union(*(_refs(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_refs(value) for value in schema))
    return set()


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_a_generated_schema_holds_exactly_the_definitions_it_refers_to(kind: str) -> None:
    """Every $ref resolves inside the schema, and no definition is shipped unused."""
    schema = json_schema(kind)
    defs = schema["$defs"]
    assert _refs(schema) == set(defs)
    assert set(defs) <= set(DEFS)


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_command_prints_the_schema(kind: str) -> None:
    """'triage schema KIND' prints the schema file, parseable as JSON."""
    result = CliRunner().invoke(app, ["schema", kind])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(schema_file(kind).read_text())


def test_schema_command_refuses_an_unknown_kind() -> None:
    """An unknown kind is a usage error, exit 2."""
    assert CliRunner().invoke(app, ["schema", "answers"]).exit_code == 2


# --------------------------------------------------------------------------- drift


def _question(body: str) -> str:
    """Return SMALL with one more question, of the given kind and keys."""
    return SMALL.replace("criteria:\n", f"  - id: extra\n    text: Mer?\n    {body}\ncriteria:\n")


DRIFT_QUESTIONNAIRES = [
    pytest.param(SMALL, True, id="small"),
    pytest.param(SMALL.replace('version: "1.0"\n', ""), False, id="missing-version"),
    pytest.param(SMALL.replace('version: "1.0"', "version: 1.5"), True, id="number-version"),
    pytest.param(SMALL.replace('version: "1.0"', "version: true"), False, id="bool-version"),
    pytest.param(SMALL.replace("    kind: yes_no\n", "    kind: yesno\n", 1), False, id="kind"),
    pytest.param(SMALL.replace("    text: Bor i kommunen?", "    txt: Bor?"), False, id="key"),
    pytest.param(SMALL.replace("Bor i kommunen?", "{en: Lives here}"), False, id="no-nb"),
    pytest.param(SMALL.replace("Bor i kommunen?", "{nb: Bor, de: Wohnt}"), True, id="other-lang"),
    pytest.param(SMALL.replace("Bor i kommunen?", "{nb: Bor, EN: Lives}"), False, id="lang-code"),
    pytest.param(SMALL.replace("Bor i kommunen?", '""'), False, id="empty-text"),
    pytest.param(SMALL.replace("    min: 0\n", "    min: low\n"), False, id="min-text"),
    pytest.param(_question("kind: yes_no\n    min: 1"), False, id="min-on-yes-no"),
    pytest.param(_question("kind: number\n    min: 1\n    max: 9"), True, id="number"),
    pytest.param(_question("kind: choice\n    choices: [a, b]"), True, id="choice"),
    pytest.param(
        _question(
            "kind: choice\n    choices:\n      - {value: a, text: {nb: A, en: A}}\n      - b"
        ),
        True,
        id="choice-mapping",
    ),
    pytest.param(_question("kind: choice\n    choices: [a]"), False, id="one-choice"),
    pytest.param(_question("kind: choice"), False, id="no-choices"),
    pytest.param(_question("kind: choice\n    choices: [a, unknown]"), False, id="unknown-choice"),
    pytest.param(_question("kind: yes_no\n    choices: [a, b]"), False, id="choices-on-yes-no"),
    pytest.param(_question("kind: yes_no\n    when: {not: resident}"), True, id="when-form"),
    pytest.param(_question("kind: yes_no\n    when:"), False, id="when-empty"),
    pytest.param(SMALL.replace("level: negative", "level: clarify"), False, id="level-clarify"),
    pytest.param(SMALL.replace("  - id: eligible", "  - id: clarify"), False, id="outcome-clarify"),
    pytest.param(SMALL.replace("id: small", "id: Small"), False, id="id-pattern"),
    pytest.param(SMALL.replace("id: small", "id: list"), False, id="reserved-id"),
    pytest.param(SMALL.replace("id: small", "id: export"), False, id="reserved-for-later"),
    pytest.param(
        SMALL.replace("id: small\n", "id: small\naliases: [sources]\n"),
        False,
        id="alias-reserved-for-later",
    ),
    pytest.param(SMALL.replace("id: small\n", "id: small\naliases: [liten]\n"), True, id="alias"),
    pytest.param(
        SMALL.replace("    contacts: [nav]\n", "    contacts: [nav]\n    continue_with: other\n"),
        True,
        id="continue-with",
    ),
    pytest.param(
        SMALL.replace("    contacts: [nav]\n", "    contacts: [nav]\n    continue_with: Other\n"),
        False,
        id="continue-with-not-an-id",
    ),
    pytest.param(
        SMALL.replace(
            "    when: all(adult, lives_here, motivated)", "    when: adult and motivated"
        ),
        True,
        id="expression",
    ),
    pytest.param(
        SMALL.replace(
            "    when: all(adult, lives_here, motivated)",
            "    when: {all: [adult, {any: [lives_here, {not: motivated}]}]}",
        ),
        True,
        id="yaml-condition",
    ),
    pytest.param(
        SMALL.replace("    when: all(adult, lives_here, motivated)", "    when: {all: []}"),
        False,
        id="empty-all",
    ),
    pytest.param(
        SMALL.replace("    when: all(adult, lives_here, motivated)", "    when: 7"),
        False,
        id="when-number",
    ),
    pytest.param(SMALL.replace("contacts: [nav]", "contacts: [7]"), False, id="contact-number"),
    pytest.param(SMALL.replace("contacts: [nav]", "contacts:"), True, id="contacts-empty"),
    pytest.param(
        SMALL.replace("clarify:\n  contacts: [team]\n", "clarify:\n"), False, id="clarify-null"
    ),
    pytest.param(SMALL + "extra: 1\n", False, id="top-level-key"),
    pytest.param(
        SMALL.replace("    legal_basis:\n", "    legal_basis:\n      - {law: L}\n"),
        False,
        id="legal-section",
    ),
    pytest.param(
        SMALL.replace(
            'section: "§ 10-4"}',
            'section: "§ 10-4", url: "https://lovdata.no/lov/2011-06-24-30/§10-4",'
            " valid_from: 2012-01-01}",
        ),
        True,
        id="legal-url-and-date",
    ),
    pytest.param(
        SMALL.replace('section: "§ 10-4"}', 'section: "§ 10-4", url: "http://lovdata.no/x"}'),
        False,
        id="legal-url-not-https",
    ),
    pytest.param(
        SMALL.replace('section: "§ 10-4"}', 'section: "§ 10-4", url: "https://lov data.no"}'),
        False,
        id="legal-url-with-a-space",
    ),
    pytest.param(
        SMALL.replace('section: "§ 10-4"}', 'section: "§ 10-4", valid_from: soon}'),
        False,
        id="legal-valid-from-not-a-date",
    ),
]


@pytest.mark.parametrize(("text", "valid"), DRIFT_QUESTIONNAIRES)
def test_schema_and_loader_agree_on_questionnaires(tmp_path: Path, text: str, valid: bool) -> None:
    """On each example, the loader accepts the file exactly when the schema does."""
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text(CONTACTS, encoding="utf-8")
    checked = check_questionnaire(path, load_directory([contacts]))
    loader_ok = not [p for p in checked.problems if p.severity is Severity.ERROR]
    schema_ok = not _schema_errors("questionnaire", path)
    assert (loader_ok, schema_ok) == (valid, valid)


DRIFT_CONTACTS = [
    pytest.param(CONTACTS, True, id="contacts"),
    pytest.param(
        CONTACTS.replace("checked: 2026-11-23", 'checked: "2026-11-23"'), True, id="quoted-date"
    ),
    pytest.param(CONTACTS.replace("checked: 2026-11-23", "checked: soon"), False, id="bad-date"),
    pytest.param(
        CONTACTS.replace('phone: "38055555"', "phone: 38055555"), True, id="unquoted-phone"
    ),
    pytest.param(CONTACTS.replace('phone: "38055555"', 'phone: "380-55"'), False, id="bad-phone"),
    pytest.param(CONTACTS.replace("email: team@example.no", "email: team"), False, id="bad-email"),
    pytest.param(CONTACTS.replace('from: "08:00"', 'from: "8 am"'), False, id="bad-time"),
    pytest.param(CONTACTS.replace("days: [mon,", "days: [monday,"), False, id="bad-day"),
    pytest.param(CONTACTS.replace("    name: Navn Navnesen\n", ""), False, id="missing-name"),
    pytest.param(
        CONTACTS.replace("    name: Navn Navnesen\n", "    name:\n"), False, id="empty-name"
    ),
    pytest.param(CONTACTS + "    historical: maybe\n", False, id="historical"),
    pytest.param(CONTACTS + "    historical: true\n", True, id="historical-true"),
    pytest.param(
        CONTACTS.replace("    published: 2015-12-08\n", "    published: null\n"), True, id="undated"
    ),
    pytest.param(
        CONTACTS.replace("  - id: nav", "  - id: nav\n    fax: 1"), False, id="unknown-key"
    ),
]


@pytest.mark.parametrize(("text", "valid"), DRIFT_CONTACTS)
def test_schema_and_loader_agree_on_contacts(tmp_path: Path, text: str, valid: bool) -> None:
    """On each example contacts file, loader and schema accept or refuse it together."""
    path = tmp_path / "contacts.yaml"
    path.write_text(text, encoding="utf-8")
    loader_ok = not [p for p in check_directory(path)[1] if p.severity is Severity.ERROR]
    schema_ok = not _schema_errors("contacts", path)
    assert (loader_ok, schema_ok) == (valid, valid)


CASES = """\
questionnaire: small
cases:
  - name: voksen
    answers: {age: 40, resident: true, wants: unknown}
    outcome: clarify
    clarify: [wants]
    contacts: [team]
"""

DRIFT_CASES = [
    pytest.param(CASES, True, id="cases"),
    pytest.param(CASES.replace("wants: unknown", "wants: null"), True, id="null-answer"),
    pytest.param(CASES.replace("wants: unknown", "wants: [true]"), False, id="list-answer"),
    pytest.param(CASES.replace("    outcome: clarify\n", ""), False, id="missing-outcome"),
    pytest.param(
        CASES.replace("    answers: {age: 40, resident: true, wants: unknown}", "    answers: 3"),
        False,
        id="answers-number",
    ),
    pytest.param(
        CASES.replace("    contacts: [team]", "    contact: [team]"), False, id="unknown-key"
    ),
    pytest.param(CASES.replace("cases:\n", "cases:\n  - just a name\n"), False, id="case-text"),
]


@pytest.mark.parametrize(("text", "valid"), DRIFT_CASES)
def test_schema_and_loader_agree_on_cases(
    tmp_path: Path, text: str, valid: bool, directory: object
) -> None:
    """On each example cases file, loader and schema accept or refuse it together."""
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    questionnaire = load_questionnaire(tmp_path / "small.yaml", directory)  # type: ignore[arg-type]
    path = tmp_path / "small.cases.yaml"
    path.write_text(text, encoding="utf-8")
    loader_ok = not check_cases(path, questionnaire)[1]
    schema_ok = not _schema_errors("cases", path)
    assert (loader_ok, schema_ok) == (valid, valid)
