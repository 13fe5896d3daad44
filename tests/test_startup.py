"""What each command imports before it does its work: only what that work needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)
#: Heavy libraries, and what pulls them in; none belongs in --help.
HEAVY = ("pydantic", "questionary", "prompt_toolkit", "rich", "yaml", "z3", "triage.model")


def _imported(arguments: list[str]) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "triage", *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    assert "triage.cli" in names
    return names


def _heavy(names: set[str], allowed: tuple[str, ...] = ()) -> set[str]:
    return {
        name
        for name in names
        for heavy in HEAVY
        if heavy not in allowed and (name == heavy or name.startswith(heavy + "."))
    }


def test_help_imports_nothing_heavy() -> None:
    """'triage --help' loads Typer and the command line, not the model, YAML, Rich or prompts."""
    assert _heavy(_imported(["--help"])) == set()


@pytest.mark.parametrize("output", ["json", "markdown"])
def test_a_run_from_answers_imports_no_prompts_and_no_pydantic(tmp_path: Path, output: str) -> None:
    """A run from an answers file loads YAML and the model, but no prompts, Rich or pydantic."""
    answers = tmp_path / "a.yaml"
    answers.write_text(ALL_MET, encoding="utf-8")
    names = _imported(["shalam", "--answers", str(answers), "--no-input", "--format", output])
    assert _heavy(names, allowed=("yaml", "triage.model")) == set()
