"""'triage test': scenario cases, failing-case lines, outcome coverage, the summary line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CONTACTS, SMALL
from triage.check.scenarios import run_scenarios
from triage.cli import app
from triage.load.cases import check_cases
from triage.load.catalog import cases_file, questionnaire_files, shipped_dir
from triage.load.contacts import load_directory
from triage.load.questionnaire import load_questionnaire

runner = CliRunner()

CASES = """\
questionnaire: small
cases:
  - name: voksen og motivert
    answers: {age: 40, resident: true, wants: true}
    outcome: eligible
    contacts: [team, nav]
  - name: 17 år
    answers: {age: 17, resident: true, wants: true}
    outcome: eligible
  - name: feil kontakter
    answers: {age: 20, resident: false}
    outcome: not_eligible
    contacts: [team]
"""


def _count_shipped_cases() -> int:
    directory = load_directory([shipped_dir() / "contacts.yaml"])
    count = 0
    for path in questionnaire_files(shipped_dir()):
        questionnaire = load_questionnaire(path, directory)
        count += len(check_cases(cases_file(path), questionnaire)[0])
    return count


#: The number of shipped cases, counted by loading the cases files.
SHIPPED_CASES = _count_shipped_cases()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the small questionnaire and contacts; commands run inside it."""
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    return tmp_path


def test_shipped_cases_pass_through_the_command() -> None:
    """'triage test' on the shipped folder runs every shipped case: all pass, all covered."""
    result = runner.invoke(app, ["test", str(shipped_dir())])
    assert (result.exit_code, result.stdout) == (0, f"{SHIPPED_CASES} passed, 0 failed\n")
    assert SHIPPED_CASES >= 41


def test_default_runs_the_questionnaires_in_use(folder: Path) -> None:
    """Without paths, 'triage test' runs the shipped questionnaires and added folders."""
    (folder / "small.cases.yaml").write_text(CASES.split("  - name: 17")[0], encoding="utf-8")
    result = runner.invoke(app, ["test", "--questionnaires", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "small.cases.yaml: error: not covered by any case: not_eligible, clarify",
        "  hint: add a case whose answers give each of these outcomes",
        f"{SHIPPED_CASES + 1} passed, 0 failed",
    ]


def test_failing_case_and_uncovered_outcome(folder: Path) -> None:
    """Each failing case is one line with expected, got and the answers; then coverage."""
    (folder / "small.cases.yaml").write_text(CASES, encoding="utf-8")
    result = runner.invoke(app, ["test", "small.yaml"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "small.cases.yaml:7:5: error: case '17 år': outcome: expected eligible, got "
        "not_eligible; answers {age: 17, resident: true, wants: true}",
        "small.cases.yaml:10:5: error: case 'feil kontakter': contacts: expected [team], got "
        "[nav]; answers {age: 20, resident: false}",
        "small.cases.yaml: error: not covered by any case: clarify",
        "  hint: add a case whose answers give each of these outcomes",
        "1 passed, 2 failed",
    ]


def test_all_passing_and_covered_exits_0(folder: Path) -> None:
    """Passing cases that reach every outcome and clarify exit 0 with only the summary."""
    cases = CASES.replace("outcome: eligible\n  - name: 17", "outcome: eligible\n  - name: 17")
    cases = cases.replace(
        "    answers: {age: 17, resident: true, wants: true}\n    outcome: eligible",
        "    answers: {age: 17, resident: true, wants: true}\n    outcome: not_eligible",
    )
    cases = cases.replace("    contacts: [team]\n", "    contacts: [nav]\n")
    cases += "  - name: ingen svar\n    answers: {}\n    outcome: clarify\n"
    (folder / "small.cases.yaml").write_text(cases, encoding="utf-8")
    result = runner.invoke(app, ["test", "small.cases.yaml"])
    assert (result.exit_code, result.stdout) == (0, "4 passed, 0 failed\n")


def test_missing_cases_file_fails_and_names_what_to_write(folder: Path) -> None:
    """A questionnaire without a cases file fails: every outcome is uncovered."""
    result = runner.invoke(app, ["test", "small.yaml"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "small.yaml: error: no cases file: write small.cases.yaml beside it",
        "  hint: see 'Scenario cases' in docs/authoring.md",
        "0 passed, 0 failed",
    ]


def test_broken_cases_file_is_reported_not_run(folder: Path) -> None:
    """A cases file with a mistake gives its located error, and no case runs."""
    (folder / "small.cases.yaml").write_text(
        CASES.replace("wants: true}", "wnts: true}", 1), encoding="utf-8"
    )
    result = runner.invoke(app, ["test", "."])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "small.cases.yaml:4:40: error: unknown question id 'wnts' (did you mean 'wants'?)",
        "0 passed, 0 failed",
    ]


def test_run_scenarios_returns_counts_without_printing(folder: Path) -> None:
    """run_scenarios is pure: it returns results, coverage and located problems."""
    (folder / "small.cases.yaml").write_text(CASES, encoding="utf-8")
    directory = load_directory([folder / "contacts.yaml"])
    run = run_scenarios(folder / "small.yaml", directory, "small.yaml")
    assert (run.questionnaire, run.passed, run.failed, run.uncovered) == (
        "small",
        1,
        2,
        ("clarify",),
    )
    assert [p.line for p in run.problems] == [7, 10, 0]


def test_broken_questionnaire_is_reported_and_counts_as_failing(folder: Path) -> None:
    """A questionnaire with an error prints its located errors; no case runs, exit 1."""
    (folder / "small.yaml").write_text(SMALL.replace("kind: yes_no", "kind: yesno", 1))
    result = runner.invoke(app, ["test", "small.yaml"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "small.yaml:17:11: error: unknown question kind 'yesno'",
        "  hint: did you mean 'yes_no'?",
        "0 passed, 0 failed",
    ]
