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


# --------------------------------------------------------------------------- explain, demo, start


@pytest.mark.parametrize(
    ("output_format", "start"),
    [
        pytest.param("rich", "Tvangstiltak overfor rusmiddelavhengige", id="rich"),
        pytest.param("markdown", "# Tvangstiltak overfor rusmiddelavhengige", id="markdown"),
        pytest.param("mermaid", "flowchart TD\n", id="mermaid"),
        pytest.param("dot", 'digraph "chapter10" {\n', id="dot"),
    ],
)
def test_explain_prints_each_format(output_format: str, start: str) -> None:
    """'triage explain ID --format F' prints the questionnaire in that format, exit 0."""
    result = runner.invoke(app, ["explain", "chapter10", "--format", output_format])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(start)


def test_explain_in_english() -> None:
    """--lang en explains with the English texts."""
    result = runner.invoke(app, ["explain", "shalam", "--lang", "en"])
    assert result.exit_code == 0
    assert "Questions, in asking order" in result.output
    assert "Does the person wish for changes in their life?" in result.output


def test_explain_unknown_questionnaire_is_a_usage_error() -> None:
    """Explaining an id that does not exist exits 2 and lists what exists."""
    result = runner.invoke(app, ["explain", "nosuch"])
    assert result.exit_code == 2
    assert "no questionnaire 'nosuch'" in result.output


def test_demo_plays_every_case_without_pausing_off_a_terminal() -> None:
    """Without a terminal the demo plays all cases straight through, exit 0."""
    result = runner.invoke(app, ["demo", "pregnancy"])
    assert result.exit_code == 0, result.output
    assert result.output.count("Som eksemplet forventer.") == 12
    assert "Eksempel 12 av 12: ingen svar" in result.output
    assert "Trykk en tast" not in result.output


def test_demo_plays_one_named_case() -> None:
    """--case NAME plays only that case."""
    result = runner.invoke(
        app, ["demo", "shalam", "--case", "17 år, ellers alt oppfylt", "--no-pause"]
    )
    assert result.exit_code == 0
    assert "Eksempel 1 av 1: 17 år, ellers alt oppfylt" in result.output
    assert "IKKE AKTUELT" in result.output


def test_demo_unknown_case_lists_the_cases() -> None:
    """An unknown --case exits 2 and names the cases there are."""
    result = runner.invoke(app, ["demo", "router", "--case", "nope"])
    assert result.exit_code == 2
    assert "no case named 'nope' (cases: gravid går til graviditet og rus;" in result.output


def test_start_routes_and_continues_with_answers_from_a_file(write_file: Write) -> None:
    """'triage start' with one answers file routes, carries 'pregnant' and decides the target."""
    path = write_file(
        "a.yaml",
        "pregnant: false\nsituation: coercion\nrelatives_report: true\n"
        "health_endangered_by_misuse: unknown\nhelp_measures_insufficient: unknown\n"
        "wants_voluntary_treatment: false\n",
    )
    result = runner.invoke(app, ["start", "--answers", str(path), "--no-input"])
    assert result.exit_code == 0, result.output
    assert "Neste skjema" in result.output
    assert "Går videre til «Tvangstiltak overfor rusmiddelavhengige" in result.output
    assert "Er personen gravid? Nei" in result.output  # the carried answer
    assert "Kontakt Rusteamet om saken (kapittel 10)" in result.output
    assert "Beslutningsstøtte – ikke et vedtak." in result.output


def test_start_json_prints_only_the_final_result(write_file: Write) -> None:
    """With --format json the hand-over is not printed; the JSON is the target's result."""
    path = write_file("a.yaml", "pregnant: true\nsubstance_use_concern: true\n")
    result = runner.invoke(app, ["start", "--answers", str(path), "--format", "json", "--no-input"])
    assert result.exit_code == 2  # pregnancy still lacks its two follow-up answers
    assert "--no-input but no answer for: follow_up_coordinated, voluntary_help_failed" in (
        result.output
    )
    path.write_text(
        "pregnant: true\nsubstance_use_concern: true\nfollow_up_coordinated: unknown\n"
        "voluntary_help_failed: unknown\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["start", "--answers", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["questionnaire"]["id"] == "pregnancy"
    assert document["outcome"]["id"] == "report"
    assert document["answers"]["pregnant"] is True


def test_chapter10_hands_a_pregnant_woman_over_to_pregnancy(write_file: Write) -> None:
    """'triage chapter10' continues into 'pregnancy' and reports from there."""
    path = write_file(
        "a.yaml",
        "pregnant: true\nsubstance_use_concern: false\n",
    )
    result = runner.invoke(app, ["chapter10", "--answers", str(path), "--no-input"])
    assert result.exit_code == 0, result.output
    assert "Gravid – gå videre til skjemaet om graviditet og rus" in result.output
    assert "Ingen melding om gravid og rus ut fra svarene" in result.output


def test_start_without_a_terminal_says_how_to_run_it() -> None:
    """'triage start' without a terminal or answers exits 2 with the way out."""
    result = runner.invoke(app, ["start"])
    assert result.exit_code == 2
    assert "no terminal to ask in" in result.output


def test_start_rejects_answers_no_questionnaire_in_the_chain_knows(write_file: Write) -> None:
    """An answers file for start may only hold ids of the router and its targets."""
    path = write_file("a.yaml", "pregnant: false\nnosuch: true\n")
    result = runner.invoke(app, ["start", "--answers", str(path)])
    assert result.exit_code == 2
    assert "unknown question id 'nosuch'" in result.output


@pytest.mark.parametrize(
    ("terminal", "accepted", "expected"),
    [
        pytest.param(False, None, [[]], id="no-terminal-help"),
        pytest.param(True, True, [["start"]], id="offer-accepted"),
        pytest.param(True, False, [["--help"]], id="offer-declined"),
    ],
)
def test_bare_triage_offers_the_guide_only_at_a_terminal(
    monkeypatch: pytest.MonkeyPatch, terminal: bool, accepted: bool | None, expected: list
) -> None:
    """Bare 'triage' at a terminal offers 'start'; declined or without one, it shows help."""
    from triage import cli

    calls: list[list[str]] = []
    monkeypatch.setattr(cli.sys, "argv", ["triage"])
    monkeypatch.setattr(cli, "_has_terminal", lambda: terminal)
    monkeypatch.setattr(cli, "_offer_start", lambda: accepted)
    monkeypatch.setattr(cli, "app", lambda args=None: calls.append(list(args or [])))
    cli.main()
    assert calls == expected
