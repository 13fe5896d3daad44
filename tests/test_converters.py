"""Command-line values converted without pydantic, exactly as Typer converts them."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
import typer.core
from typer.testing import CliRunner

from tests.conftest import terminal
from triage import help as cli_help
from triage.cli import app
from triage.help import Group

Write = Callable[[str, str], Path]
runner = CliRunner()
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record the annotations Typer builds its own (pydantic) converters for."""
    record: list[object] = []
    original = typer.core.build_runtime_param

    def build(descriptor: Any) -> Any:
        record.append(descriptor.annotation)
        return original(descriptor)

    monkeypatch.setattr(typer.core, "build_runtime_param", build)
    return record


def _arguments(tmp_path: Path) -> dict[str, list[str]]:
    answers = tmp_path / "a.yaml"
    answers.write_text(ALL_MET, encoding="utf-8")
    done = ["shalam", "--answers", str(answers), "--no-input"]
    return {
        "json": [*done, "--format", "json"],
        "rich-english": [*done, "--lang", "en"],
        "bad-format": [*done, "--format", "xml"],
        "format-wrong-case": [*done, "--format", "JSON"],
        "answers-missing-value": ["shalam", "--answers"],
        "answers-folder": ["shalam", "--answers", str(tmp_path), "--no-input"],
        "answers-missing-file": ["shalam", "--answers", str(tmp_path / "no.yaml")],
        "help": ["--help"],
        "run-help": ["shalam", "--help"],
        "list": ["list"],
        "unknown-option": ["shalam", "--colour"],
    }


@pytest.mark.parametrize(
    "case",
    [
        "json",
        "rich-english",
        "bad-format",
        "format-wrong-case",
        "answers-missing-value",
        "answers-folder",
        "answers-missing-file",
        "help",
        "run-help",
        "list",
        "unknown-option",
    ],
)
def test_commands_behave_as_with_typers_own_converters(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built: list[object]
) -> None:
    """Output and exit code match Typer's pydantic converters (minus pydantic's 'Value error, ')."""
    at = terminal(now=lambda: NOW)  # both runs in the same second
    arguments = _arguments(tmp_path)[case]
    light = runner.invoke(app, arguments, obj=at)
    assert built == []
    with monkeypatch.context() as patch:
        patch.setattr(cli_help, "lighten", lambda params: None)
        typers = runner.invoke(app, arguments, obj=at)
    assert built or case in ("help", "answers-missing-value"), "Typer's converters were not used"
    assert light.exit_code == typers.exit_code
    assert light.output == typers.output.replace("Value error, ", "")
    assert "Traceback" not in light.output


class Colour(enum.Enum):
    """A choice for the test command."""

    red = "red"
    blue = "blue"


def _probe() -> tuple[typer.Typer, dict[str, Any]]:
    seen: dict[str, Any] = {}
    probe = typer.Typer(cls=Group)

    @probe.command("run")
    def run(
        paths: Annotated[list[Path] | None, typer.Option("--path")] = None,
        count: int = 1,
        colour: Annotated[Colour, typer.Option(case_sensitive=False)] = Colour.red,
        existing: Annotated[Path | None, typer.Option(exists=True)] = None,
        name: str = "x",
        flag: bool = False,
    ) -> None:
        seen.update(
            paths=paths, count=count, colour=colour, existing=existing, name=name, flag=flag
        )

    @probe.command("other")
    def other() -> None:
        """A second command, so the group stays a group."""

    return probe, seen


def test_every_kind_of_value_converts_as_typer_would(tmp_path: Path, built: list[object]) -> None:
    """Lists of paths, enums (any case), existing paths, text and flags convert; int via Typer."""
    probe, seen = _probe()
    result = runner.invoke(
        probe,
        [
            "run",
            *("--path", "a.yaml", "--path", "b.yaml"),
            *("--count", "3", "--colour", "BLUE", "--existing", str(tmp_path)),
            *("--name", "æøå", "--flag"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert seen == {
        "paths": [Path("a.yaml"), Path("b.yaml")],
        "count": 3,
        "colour": Colour.blue,
        "existing": tmp_path,
        "name": "æøå",
        "flag": True,
    }
    assert built == []  # the int went to Typer's converter through the light one


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["--existing", "nowhere"],
            "ugyldig verdi for --existing: path 'nowhere' does not exist.",
            id="path-checks-still-run",
        ),
        pytest.param(
            ["--colour", "green"],
            "«green» er ikke et gyldig valg for --colour: velg red, blue",
            id="unknown-choice",
        ),
        pytest.param(
            ["--count", "many"],
            "ugyldig verdi for --count",
            id="int-left-to-typer",
        ),
    ],
)
def test_bad_values_are_refused_as_typer_would(arguments: list[str], message: str) -> None:
    """Bad values give Typer's usage error, exit 2."""
    probe, seen = _probe()
    result = runner.invoke(probe, ["run", *arguments])
    assert result.exit_code == 2
    assert message in result.output
    assert seen == {}
