"""What each command imports before it does its work: only what that work needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)
#: Heavy libraries, and what pulls them in; none belongs in --help.
HEAVY = ("pydantic", "questionary", "prompt_toolkit", "rich", "yaml", "z3", "triage.core.model")
#: What only an interview needs: the question loop and the prompts.
INTERVIEW = ("triage.core.interview", "triage.prompts", "prompt_toolkit", "questionary")
#: The command line's parser: a questionnaire run with its options goes without it.
PARSER = ("typer", "click", "triage.cli", "triage.help", "triage.options", "triage.converters")
#: What only a decision, the end of an interview or its report needs: made after the first question.
LATER = ("triage.core.results", "triage.core.review", "triage.core.codes")


def _yaml_unless_stale() -> tuple[str, ...]:
    """Allow YAML only while the shipped files' parsed form is stale (a file edited since
    'pip install -e .'); fresh, as in every install, nothing reads the shipped YAML."""
    from triage.load.catalog import shipped_dir
    from triage.load.prebuilt import cached

    files = sorted(shipped_dir().glob("*.yaml"))
    fresh = all(cached(path, path.read_bytes(), path.name) is not None for path in files)
    return () if fresh else ("yaml",)


def _imported(arguments: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "triage", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}


def _among(names: set[str], packages: tuple[str, ...]) -> set[str]:
    return {name for name in names if name in packages or name.startswith(_dotted(packages))}


def _dotted(packages: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(package + "." for package in packages)


def _heavy(names: set[str], allowed: tuple[str, ...] = ()) -> set[str]:
    return {
        name
        for name in names
        for heavy in HEAVY
        if heavy not in allowed and (name == heavy or name.startswith(heavy + "."))
    }


@pytest.mark.parametrize("command", [["shalam"], ["demo"], ["list"]])
def test_help_imports_nothing_heavy(command: list[str]) -> None:
    """'triage CMD --help' loads Typer and the command line: no model, YAML, Rich, prompts."""
    names = _imported([*command, "--help"])
    assert "triage.cli" in names
    assert _heavy(names) == set()


def test_top_level_help_reads_only_the_questionnaire_files() -> None:
    """'triage --help' lists the questionnaires from their parsed form: no YAML, Rich, prompts."""
    assert _heavy(_imported(["--help"]), allowed=_yaml_unless_stale()) == set()


def test_the_installed_commands_top_level_help_needs_no_parser() -> None:
    """The 'triage' command's --help is written without Typer, the model, Rich or prompts."""
    script = Path(sys.executable).parent / "triage"
    if not script.exists():
        pytest.skip("no 'triage' command next to this Python")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "triage.helptext" in names
    assert _among(names, PARSER) == set()
    assert _heavy(names, allowed=_yaml_unless_stale()) == set()


@pytest.mark.parametrize("output", ["json", "markdown"])
def test_a_run_from_answers_imports_no_prompts_and_no_pydantic(tmp_path: Path, output: str) -> None:
    """A run from an answers file loads YAML and the model, but no prompts, Rich or pydantic."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ALL_MET, encoding="utf-8")
    names = _imported(["shalam", "--answers", str(answers), "--no-input", "--format", output])
    assert _heavy(names, allowed=("yaml", "triage.core.model")) == set()
    assert _among(names, INTERVIEW) == set()
    assert _among(names, PARSER) == set()


def test_a_run_from_answers_without_the_direct_shape_still_goes_through_typer(
    tmp_path: Path,
) -> None:
    """'--format=json' (an option spelt with '=') is left to Typer, and gives the same result."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ALL_MET, encoding="utf-8")
    names = _imported(["shalam", "--answers", str(answers), "--no-input", "--format=json"])
    assert "triage.cli" in names
    assert _among(names, INTERVIEW) == set()


def test_the_first_question_comes_without_typer_yaml_or_rich() -> None:
    """'triage shalam' at a terminal asks before loading the parser, Rich or (fresh) YAML."""
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable,
        ["-X", "importtime", "-m", "triage", "shalam"],
        env={**os.environ, "NO_COLOR": "1", "TERM": "xterm"},
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    try:
        child.expect("Hvor gammel")
        lines = child.before.splitlines()
    finally:
        child.close(force=True)
    names = {line.rsplit("|", 1)[-1].strip() for line in lines if "import time:" in line}
    assert "triage.prompts" in names
    assert _among(names, PARSER) == set()
    assert _among(names, LATER) == set()
    assert (
        _heavy(
            names,
            allowed=("questionary", "prompt_toolkit", "triage.core.model", *_yaml_unless_stale()),
        )
        == set()
    )


def test_python_dash_m_runs_the_command_line() -> None:
    """'python -m triage list' works as well as the 'triage' command."""
    result = subprocess.run(
        [sys.executable, "-m", "triage", "list"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "shalam" in result.stdout
