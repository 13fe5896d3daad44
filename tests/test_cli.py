"""The command line, driven through Typer's runner (no terminal)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from triage.cli import app

Write = Callable[[str, str], Path]
runner = CliRunner()

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)


def test_list_shows_each_questionnaire_with_question_count() -> None:
    """'triage list' names the shipped questionnaires and their number of questions."""
    result = runner.invoke(app, ["list"])
    assert result.exit_code == 0
    for ident in ("shalam", "placement", "pregnancy"):
        assert ident in result.output
    assert "Ut av det" in result.output


def test_answers_file_with_no_input_prints_the_report(write_file: Write) -> None:
    """A complete answers file and --no-input give the report without prompting."""
    path = write_file("a.yaml", ALL_MET)
    result = runner.invoke(app, ["shalam", "--answers", str(path), "--no-input"])
    assert result.exit_code == 0, result.output
    assert "AKTUELT" in result.output
    assert "Vidar Gundersen" in result.output
    assert "918 00 469" in result.output
    assert "Beslutningsstøtte – ikke et vedtak." in result.output


def test_json_format_is_machine_readable(write_file: Write) -> None:
    """--format json prints only the versioned JSON document."""
    path = write_file(
        "a.json",
        json.dumps(
            {
                "age": 17,
                "belongs_to_kristiansand": "unknown",
                "own_substance_use": True,
                "wants_change": True,
                "copes_with_withdrawal": "unknown",
            }
        ),
    )
    result = runner.invoke(
        app, ["shalam", "--answers", str(path), "--no-input", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["format"] == "triage-result/1"
    assert document["outcome"]["id"] == "not_eligible"
    assert document["answers"]["belongs_to_kristiansand"] == "unknown"
    statuses = {c["id"]: c["status"] for c in document["criteria"]}
    assert statuses["adult"] == "not_met"


def test_no_input_with_missing_answers_names_them(write_file: Write) -> None:
    """--no-input with missing answers exits 2 and names the missing ids."""
    path = write_file("a.yaml", "age: 34\n")
    result = runner.invoke(app, ["shalam", "--answers", str(path), "--no-input"])
    assert result.exit_code == 2
    assert (
        "--no-input but no answer for: belongs_to_kristiansand, own_substance_use, "
        "wants_change, copes_with_withdrawal" in result.output
    )
    assert "Traceback" not in result.output


def test_without_terminal_it_says_how_to_run_non_interactively() -> None:
    """Without a terminal and without complete answers, exit 2 with the way out."""
    result = runner.invoke(app, ["shalam"])
    assert result.exit_code == 2
    assert "no terminal to ask in: pass --answers FILE --no-input" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "agee: 3\n", "unknown question id 'agee' (did you mean 'age'?)", id="unknown-id"
        ),
        pytest.param("age: old\n", "answer to 'age': 'old' is not a whole number", id="wrong-type"),
        pytest.param("age: [1\n", "YAML syntax error", id="broken-yaml"),
    ],
)
def test_bad_answers_file_is_one_line_exit_2(write_file: Write, text: str, message: str) -> None:
    """A bad answers file gives a one-line error naming file and line, exit 2."""
    path = write_file("a.yaml", text)
    result = runner.invoke(app, ["shalam", "--answers", str(path), "--no-input"])
    assert result.exit_code == 2
    assert message in result.output
    assert str(path) in result.output.replace("\n", "")
    assert "Traceback" not in result.output


def test_answer_for_skipped_question_is_ignored(write_file: Write) -> None:
    """An answer for a question the flow skips does not stop a --no-input run."""
    path = write_file(
        "a.yaml",
        "pregnant: false\nsubstance_use_concern: unknown\n"
        "follow_up_coordinated: true\nvoluntary_help_failed: false\n",
    )
    result = runner.invoke(
        app, ["pregnancy", "--answers", str(path), "--no-input", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["outcome"]["id"] == "not_applicable"


def test_unknown_questionnaire_lists_the_available_ones() -> None:
    """'triage nosuch' exits 2 and lists what exists."""
    result = runner.invoke(app, ["nosuch"])
    assert result.exit_code == 2
    assert (
        "no questionnaire 'nosuch' (available: chapter10, placement, pregnancy, router, "
        "services, shalam" in result.output
    )


def test_unknown_language_is_a_usage_error(write_file: Write) -> None:
    """An unsupported --lang exits 2 naming the supported languages."""
    path = write_file("a.yaml", ALL_MET)
    result = runner.invoke(app, ["shalam", "--answers", str(path), "--lang", "de"])
    assert result.exit_code == 2
    assert "unknown language 'de': use nb or en" in result.output


def test_help_lists_commands_and_how_to_run_a_questionnaire() -> None:
    """'triage --help' shows the built-in commands and how to run one."""
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "list" in result.output
    assert "triage ID" in result.output
