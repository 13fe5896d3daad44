"""The direct road (triage ID [options] without Typer) runs what Typer would, or steps aside."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from triage import cli, direct
from triage.core.routing import ROUTER_ID
from triage.output import Format

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)
ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("TRIAGE_")},
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "TERM": "dumb",
}
TYPER_ROAD = "import sys; from triage.cli import main; sys.argv[0] = 'triage'; main()"
#: Times differ between two runs: the report's creation time and the clock in it.
CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d|\d\d[.:]\d\d")


def _run_command() -> typer.core.TyperCommand:
    group = typer.main.get_command(cli.app)
    assert isinstance(group, typer.core.TyperGroup)
    return group.commands["run"]


def test_the_direct_road_knows_every_built_in_command() -> None:
    """A built-in command is never taken for a questionnaire id."""
    group = typer.main.get_command(cli.app)
    assert isinstance(group, typer.core.TyperGroup)
    assert set(group.commands) == direct.COMMANDS


def test_the_direct_road_reads_the_options_typer_declares_for_a_run() -> None:
    """Same spellings, flags and repeatable options as the run command Typer builds."""
    params = [p for p in _run_command().params if p.param_type_name == "option"]
    flags = {opt: p.name for p in params if p.is_flag for opt in p.opts}
    values = {opt: p.name for p in params if not p.is_flag for opt in p.opts}
    assert {**flags, **values} == {**direct.FLAGS, **direct.VALUES}
    assert {p.name for p in params if p.multiple} == direct.REPEATABLE
    assert set(direct.FLAGS.values()) <= set(flags.values())


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["shalam"], ("shalam", direct.RunOptions())),
        (
            ["shalam", "--answers", "a.yaml", "--no-input", "--format", "json", "--why"],
            (
                "shalam",
                direct.RunOptions(
                    answers_file=Path("a.yaml"),
                    no_input=True,
                    output_format=Format.json,
                    why=True,
                ),
            ),
        ),
        (
            [
                "shalam",
                "--set",
                "age=34",
                "--set",
                "wants_change=true",
                "-o",
                "n.md",
                "--lang",
                "en",
            ],
            (
                "shalam",
                direct.RunOptions(
                    set_values=["age=34", "wants_change=true"], output=Path("n.md"), lang="en"
                ),
            ),
        ),
        (["start", "--plain"], (ROUTER_ID, direct.RunOptions(plain=True))),
    ],
)
def test_a_questionnaire_with_its_options_takes_the_direct_road(
    words: list[str], expected: tuple[str, direct.RunOptions]
) -> None:
    """The line is read into the same options Typer would give the run command."""
    planned = direct.plan(words)
    assert planned is not None
    assert (planned.questionnaire_id, planned.options) == expected


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["list"],
        ["run", "shalam"],
        ["--lang", "en", "shalam"],
        ["shalam", "--help"],
        ["shalam", "-h"],
        ["shalam", "--format=json"],
        ["shalam", "--format", "JSON"],
        ["shalam", "--format", "pdf"],
        ["shalam", "--lang", "en", "--lang", "nb"],
        ["shalam", "--no-input", "--no-input"],
        ["shalam", "--answers"],
        ["shalam", "--answers", "-"],
        ["shalam", "--answers", ""],
        ["shalam", "extra"],
        ["shalam", "--", "--why"],
        ["shalam", "--whyy"],
        ["no-such-questionnaire"],
    ],
)
def test_anything_else_is_left_to_typer(words: list[str]) -> None:
    """Help, other commands, other spellings, bad values, unknown ids: Typer's road."""
    assert direct.plan(words) is None


def test_an_alias_takes_the_direct_road() -> None:
    """A questionnaire named by one of its aliases runs directly too."""
    from triage.load.catalog import Catalog

    alias, ident = next(iter(Catalog().aliases().items()))
    planned = direct.plan([alias])
    assert planned is not None
    assert planned.questionnaire_id == alias
    assert ident


def test_shell_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """With click's completion variable set, the line goes to Typer."""
    monkeypatch.setenv("_TRIAGE_COMPLETE", "bash_complete")
    assert direct.plan(["shalam"]) is None


def _both(words: list[str], cwd: Path) -> list[tuple[int, str, str, str]]:
    """Run the line both ways; return exit code, output, errors and the note each wrote."""
    results = []
    note = cwd / "note.md"
    for command in (
        [sys.executable, "-m", "triage", *words],
        [sys.executable, "-c", TYPER_ROAD, *words],
    ):
        note.unlink(missing_ok=True)
        done = subprocess.run(
            command, capture_output=True, text=True, env=ENV, cwd=cwd, check=False
        )
        written = note.read_text(encoding="utf-8") if note.exists() else ""
        results.append(
            (
                done.returncode,
                *(CLOCK.sub("TIME", text) for text in (done.stdout, done.stderr, written)),
            )
        )
    return results


@pytest.mark.parametrize(
    "words",
    [
        ["shalam", "--answers", "a.yaml", "--no-input", "--format", "json"],
        ["shalam", "--answers", "a.yaml", "--no-input", "--format", "markdown", "--why"],
        ["shalam", "--answers", "a.yaml", "--no-input", "--format", "text", "--lang", "en"],
        ["shalam", "--answers", "a.yaml", "--no-input", "--plain", "--cards"],
        ["shalam", "--answers", "a.yaml", "--no-input", "-o", "note.md"],
        ["shalam", "--answers", "a.yaml", "--no-input", "-o", "a.yaml"],
        ["shalam", "--set", "age=34", "--no-input", "--format", "json"],
        ["shalam", "--set", "age=old", "--no-input"],
        ["shalam", "--answers", "missing.yaml", "--no-input"],
        ["shalam", "--answers", "a.yaml", "--no-input", "--lang", "xx"],
        ["shalam", "--questionnaires", "nowhere", "--no-input"],
        ["start", "--answers", "a.yaml", "--no-input", "--format", "json"],
        ["shalam", "--answers", "a.yaml"],
    ],
    ids=lambda words: " ".join(words),
)
def test_both_roads_give_the_same_output_and_exit_code(words: list[str], tmp_path: Path) -> None:
    """The direct road prints, saves and fails exactly as the same line through Typer."""
    (tmp_path / "a.yaml").write_text(ALL_MET, encoding="utf-8")
    direct_road, typer_road = _both(words, tmp_path)
    assert direct_road == typer_road
    assert direct_road[1] or direct_road[2]  # each road said something


def _as_the_triage_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make click name the program 'triage', as when the installed command runs."""
    monkeypatch.setattr(sys, "argv", ["triage"])
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_top_level_help_is_typers_page_at_every_width(
    lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'triage --help' written without Typer is Typer's page, at every terminal width."""
    from triage import helptext

    _as_the_triage_command(monkeypatch)
    monkeypatch.setenv("TRIAGE_LANG", lang)
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    for columns in range(40, 90):  # click's width is min(columns, 80) - 2, at least 50
        monkeypatch.setenv("COLUMNS", str(columns))
        with pytest.raises(SystemExit) as exited:
            cli.main(["--help"])
        assert exited.value.code == 0
        assert capsys.readouterr().out == helptext.top_help(lang) + "\n", columns


def test_the_top_level_help_lists_added_questionnaires_as_typer_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An added folder's questionnaires (a long title, aliases, a broken file) read alike."""
    from triage import helptext

    title = "En svært lang tittel som må brytes over flere linjer i hjelpen " * 2
    (tmp_path / "egen.yaml").write_text(
        f"id: egen\ntitle: {{nb: '{title}'}}\naliases: [mitt, ditt]\n", encoding="utf-8"
    )
    _as_the_triage_command(monkeypatch)
    monkeypatch.setenv("TRIAGE_QUESTIONNAIRES", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "64")
    for extra in ("", "broken: [\n"):
        if extra:
            (tmp_path / "brutt.yaml").write_text(extra, encoding="utf-8")
        with pytest.raises(SystemExit):
            cli.main(["--help"])
        page = capsys.readouterr().out
        assert page == helptext.top_help("nb") + "\n"
        assert ("mitt, ditt" in page) is not bool(extra)  # a broken file: no list at all


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_top_level_help_fits_the_terminal_from_50_columns(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No line of `triage --help` is wider than the terminal (the questionnaires' heading too)."""
    from triage import helptext

    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    for columns in range(50, 90):
        monkeypatch.setenv("COLUMNS", str(columns))
        page = helptext.top_help(lang)
        too_wide = [line for line in page.splitlines() if len(line) > columns]
        assert too_wide == [], columns
