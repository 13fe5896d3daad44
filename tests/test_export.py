"""`triage export` and `--format fhir` through the command line."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import CONTACTS
from tests.render.test_fhir import DATED
from triage.cli import app

Write = Callable[[str, str], Path]
runner = CliRunner()

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: unknown\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: false\n"
)


def test_export_prints_the_questionnaire_as_fhir_json() -> None:
    """`triage export shalam` prints one R4 Questionnaire, with nothing on stderr."""
    result = runner.invoke(app, ["export", "shalam"], env={"TRIAGE_LANG": "nb"})
    assert result.exit_code == 0, result.output
    resource = json.loads(result.stdout)
    assert resource["resourceType"] == "Questionnaire"
    assert resource["item"][0]["linkId"] == "age"
    assert result.stderr == ""


def test_export_names_the_questions_only_fhirpath_can_hide_in_the_users_language() -> None:
    """Conditions enableWhen cannot say are named on stderr, in bokmål or English."""
    for lang, words in (("nb", "refero"), ("en", "does not, and then always shows")):
        result = runner.invoke(app, ["export", "pregnancy", "--lang", lang])
        assert result.exit_code == 0, result.output
        warning = " ".join(result.stderr.split())
        assert "follow_up_coordinated, voluntary_help_failed" in warning
        assert words in warning
        assert json.loads(result.stdout)["id"] == "pregnancy"


def test_export_output_writes_a_private_file_and_refuses_to_replace_it(tmp_path: Path) -> None:
    """--output writes the export readable only by you; a second time needs --force."""
    target = tmp_path / "shalam.json"
    result = runner.invoke(app, ["export", "shalam", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "shalam"
    assert result.stdout == ""
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = runner.invoke(app, ["export", "shalam", "--output", str(target)])
    assert again.exit_code == 2
    assert len(again.stderr.strip().splitlines()) == 1
    forced = runner.invoke(app, ["export", "shalam", "--output", str(target), "--force"])
    assert forced.exit_code == 0, forced.output


def test_export_of_an_unknown_questionnaire_is_one_line() -> None:
    """An unknown id is a one-line usage error, not a traceback."""
    result = runner.invoke(app, ["export", "nosuch"], env={"TRIAGE_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.startswith("triage: no questionnaire 'nosuch'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_run_writes_a_response_that_runs_again_to_the_same_report(
    write_file: Write, tmp_path: Path
) -> None:
    """`--format fhir` gives a QuestionnaireResponse; `--answers` reads it to the same result."""
    answers = write_file("a.yaml", ALL_MET)
    first = runner.invoke(
        app, ["shalam", "--answers", str(answers), "--no-input", "--format", "fhir"]
    )
    assert first.exit_code == 0, first.output
    response = json.loads(first.stdout)
    assert response["resourceType"] == "QuestionnaireResponse"
    unknown = next(i for i in response["item"] if i["linkId"] == "belongs_to_kristiansand")
    assert unknown["answer"][0]["valueCoding"]["code"] == "asked-unknown"
    saved = tmp_path / "response.json"
    saved.write_text(first.stdout, encoding="utf-8")
    direct = runner.invoke(
        app, ["shalam", "--answers", str(answers), "--no-input", "--format", "json"]
    )
    again = runner.invoke(
        app, ["shalam", "--answers", str(saved), "--no-input", "--format", "json"]
    )
    assert again.exit_code == 0, again.output
    for key in ("outcome", "answers"):
        assert json.loads(again.stdout)[key] == json.loads(direct.stdout)[key]


def test_a_response_to_another_questionnaire_is_refused_in_one_line(
    write_file: Write, tmp_path: Path
) -> None:
    """Answers for shalam given to placement: one line saying which command takes them."""
    answers = write_file("a.yaml", ALL_MET)
    first = runner.invoke(
        app, ["shalam", "--answers", str(answers), "--no-input", "--format", "fhir"]
    )
    saved = tmp_path / "response.json"
    saved.write_text(first.stdout, encoding="utf-8")
    result = runner.invoke(
        app, ["placement", "--answers", str(saved), "--no-input"], env={"TRIAGE_LANG": "en"}
    )
    assert result.exit_code == 2
    assert "this is a response to 'shalam', not to 'placement'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_date_questionnaire_exports_and_round_trips_through_the_command_line(
    tmp_path: Path,
) -> None:
    """A date exports as a date item, runs out as valueDate and reads back to the same result."""
    (tmp_path / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (tmp_path / "discharge.yaml").write_text(DATED, encoding="utf-8")
    folder = ["--questionnaires", str(tmp_path), "--lang", "en"]
    exported = runner.invoke(app, ["export", "discharge", *folder])
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.stdout)["item"][0]["type"] == "date"
    assert "recent_help" in " ".join(exported.stderr.split())
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "discharged: 31.01.2026\nfollow_up: false\nnot_new_year: unknown\nrecent_help: true\n",
        encoding="utf-8",
    )
    run = [*folder, "--no-input", "--format"]
    first = runner.invoke(app, ["discharge", "--answers", str(answers), *run, "fhir"])
    assert first.exit_code == 0, first.output
    response = json.loads(first.stdout)
    assert response["item"][0]["answer"] == [{"valueDate": "2026-01-31"}]
    saved = tmp_path / "response.json"
    saved.write_text(first.stdout, encoding="utf-8")
    direct = runner.invoke(app, ["discharge", "--answers", str(answers), *run, "json"])
    again = runner.invoke(app, ["discharge", "--answers", str(saved), *run, "json"])
    assert again.exit_code == 0, again.output
    assert json.loads(direct.stdout)["outcome"]["id"] == "recent"
    for key in ("outcome", "answers"):
        assert json.loads(again.stdout)[key] == json.loads(direct.stdout)[key]
