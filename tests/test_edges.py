"""The real `triage` command at the edges: odd encodings, closed streams, odd widths, typos.

Each test starts the installed command in a fresh process, because what it checks happens
before or around Typer: the entry point, the standard streams and the exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TRIAGE = str(Path(sys.executable).parent / "triage")
ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)
FORMATS = ("rich", "text", "markdown", "json")


def run(
    arguments: list[str],
    *,
    env: dict[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    stdout: int | None = subprocess.PIPE,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command with the usual environment plus ``env``."""
    environment = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", **(env or {})}
    environment.pop("TRIAGE_QUESTIONNAIRES", None)
    return subprocess.run(
        [TRIAGE, *arguments],
        env=environment,
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=cwd,
        timeout=60,
        check=False,
    )


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """An answers file meeting every criterion of shalam."""
    path = tmp_path / "a.yaml"
    path.write_text(ALL_MET, encoding="utf-8")
    return path


def one_line(stderr: bytes) -> str:
    """Return stderr as text after checking it is one line without a traceback."""
    text = stderr.decode("utf-8", "replace").strip()
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1, text
    return text


@pytest.mark.parametrize(
    "environment",
    [
        {"PYTHONIOENCODING": "cp1252"},
        {"PYTHONIOENCODING": "latin-1"},
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
    ids=["cp1252", "latin-1", "ascii", "LC_ALL=C"],
)
@pytest.mark.parametrize("output_format", FORMATS)
def test_any_output_encoding_degrades_instead_of_crashing(
    answers: Path, environment: dict[str, str], output_format: str
) -> None:
    """A report written to cp1252, latin-1 or ASCII output replaces what cannot be encoded."""
    done = run(
        ["shalam", "--answers", str(answers), "--no-input", "--format", output_format],
        env=environment,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    assert b"Vidar Gundersen" in done.stdout  # the report is there, not just survived


def test_closed_stdout_is_one_line_and_exit_2(answers: Path) -> None:
    """`triage ... >&-` says in one line that standard output is closed."""
    closed = subprocess.run(
        f"exec {TRIAGE} shalam --answers {answers} --no-input >&-",
        shell=True,
        stderr=subprocess.PIPE,
        check=False,
        timeout=60,
    )
    assert closed.returncode == 2
    assert "standard ut er lukket" in one_line(closed.stderr)


def test_closed_stdin_runs_from_answers_and_refuses_an_interview(answers: Path) -> None:
    """`triage ... <&-`: --no-input still reports; an interview ends in one 'no terminal' line."""
    ok = subprocess.run(
        f"exec {TRIAGE} shalam --answers {answers} --no-input --format json <&-",
        shell=True,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert ok.returncode == 0
    assert b'"format": "triage-result/1"' in ok.stdout
    asked = subprocess.run(
        f"exec {TRIAGE} shalam <&-", shell=True, capture_output=True, check=False, timeout=60
    )
    assert asked.returncode == 2
    assert b"Traceback" not in asked.stderr
    assert asked.stderr.decode().strip().splitlines()[-1].startswith("triage: no terminal")


@pytest.mark.parametrize("columns", ["0", "1", "5"])
def test_tiny_columns_still_show_the_whole_report(answers: Path, columns: str) -> None:
    """COLUMNS=0 or 1 lays the report out at a readable minimum: verdict and numbers kept."""
    done = run(["shalam", "--answers", str(answers), "--no-input"], env={"COLUMNS": columns})
    assert done.returncode == 0
    text = done.stdout.decode()
    assert "AKTUELT" in text
    assert "918 00 469" in text
    assert max(len(line) for line in text.splitlines()) >= 40


def test_huge_columns_are_capped(answers: Path) -> None:
    """COLUMNS=100000 does not pad the report to megabytes: lines stay within 200 columns."""
    done = run(["shalam", "--answers", str(answers), "--no-input"], env={"COLUMNS": "100000"})
    assert done.returncode == 0
    assert max(len(line) for line in done.stdout.decode().splitlines()) <= 200


@pytest.mark.parametrize(
    "arguments",
    [
        ["shalam", "--format", "JSON"],
        ["shalam", "--no-such-option"],
        ["list", "--format", "x"],
        ["validate", "--strict=3"],
        ["explain"],
    ],
)
def test_usage_errors_are_one_line_with_exit_2(arguments: list[str]) -> None:
    """Typer's usage errors (bad choice, unknown option, missing argument) are one line."""
    done = run(arguments)
    assert done.returncode == 2
    assert one_line(done.stderr).startswith("triage: ")


def test_empty_lang_is_an_error(answers: Path) -> None:
    """`--lang ''` is refused in one line instead of silently meaning bokmål."""
    done = run(["shalam", "--answers", str(answers), "--no-input", "--lang", ""])
    assert done.returncode == 2
    assert "unknown language ''" in one_line(done.stderr)


def test_bare_triage_without_terminal_shows_help() -> None:
    """Bare `triage` in a pipe still shows the help (exit 2), not a one-line error."""
    done = run([])
    assert done.returncode == 2
    assert b"Usage: triage" in done.stdout + done.stderr


def test_help_and_version_of_a_command_exit_0() -> None:
    """--help still works and exits 0 through the non-standalone runner."""
    done = run(["shalam", "--help"])
    assert done.returncode == 0
    assert b"--answers" in done.stdout


def test_ctrl_d_at_the_bare_triage_offer_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """End of input at the «start the guide?» prompt stops at once with 130, like Ctrl-C."""
    from triage import cli

    def eof() -> bool:
        raise EOFError

    monkeypatch.setattr(cli.sys, "argv", ["triage"])
    monkeypatch.setattr(cli, "_has_terminal", lambda: True)
    monkeypatch.setattr(cli, "_offer_start", eof)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 130
    assert capsys.readouterr().err.strip() == "Avbrutt."


def test_ctrl_c_while_the_cli_is_imported_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An interrupt inside the entry point's import of the CLI exits 130 with one line."""
    import builtins
    import signal

    from triage import __main__ as entry

    real_import = builtins.__import__

    def interrupted(name: str, *args: object, **kwargs: object) -> object:
        if name == "triage.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", interrupted)
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exited:
            entry.main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert exited.value.code == 130
    assert capsys.readouterr().err.strip() == "Avbrutt."


def _interrupt_start_up(delay: float) -> tuple[str, int | None, int | None]:
    """Start `triage shalam` in a pty, press Ctrl-C after ``delay`` seconds; return the end.

    If the interview was reached, its «stop?» prompt is answered yes. Returns the screen
    text without escape sequences, the exit status and the signal that ended the process.
    """
    import re
    import time

    import pexpect

    child = pexpect.spawn(
        TRIAGE,
        ["shalam"],
        env={**os.environ, "TERM": "xterm-256color"},
        timeout=10,
        dimensions=(40, 100),
    )
    try:
        time.sleep(delay)
        child.sendintr()
        index = child.expect(["Vil du avslutte", pexpect.EOF], timeout=10)
        seen = child.before + (child.after if index == 0 else b"")
        if index == 0:
            child.send("j")
            time.sleep(0.1)
            child.send("\r")
            child.expect(pexpect.EOF, timeout=10)
            seen += child.before
    finally:
        child.close(force=True)
    text = re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|\r", b"", seen).decode("utf-8", "replace")
    return text, child.exitstatus, child.signalstatus


@pytest.mark.parametrize("delay_ms", [0, 20, 40, 60, 90, 120, 160, 200, 280, 400])
def test_ctrl_c_at_any_moment_of_start_up_exits_130_without_a_traceback(delay_ms: int) -> None:
    """Ctrl-C during start-up is one line and exit 130, or the «stop?» prompt if asked already."""
    import signal

    text, status, killed = _interrupt_start_up(delay_ms / 1000)
    if "Fatal Python error: init_import_site" in text:
        # Python itself was still starting (site-packages' .pth files, ~20-60 ms in an
        # editable install): no line of triage had run yet. Like the silent SIGINT below,
        # this is the interpreter's, before any program can catch anything.
        assert status == 1 or killed is not None
        return
    assert "Traceback" not in text
    assert "Error" not in text
    # The terminal itself echoes ^C; everything else is the tool's.
    lines = [line for line in text.splitlines() if line.strip() not in ("", "^C")]
    if killed is not None:  # before Python installed its handler: the default, silent
        assert killed == signal.SIGINT
        assert not lines
        return
    assert status == 130, text
    if "Vil du avslutte" not in text:
        assert lines == ["Avbrutt."], text


# --------------------------------------------------------------------------- hostile text

ESC_TITLE = '"Ut [/bold] av [link=https://evil.example]x[/link] \\e]52;c;UTE=\\e\\\\ \\e[2J"'


def _small_folder(root: Path, folder: str, title: str = "Liten test") -> Path:
    """Write the small test questionnaire (with ``title``) and contacts into root/folder."""
    from tests.conftest import CONTACTS, SMALL

    where = root / folder
    where.mkdir(parents=True)
    (where / "small.yaml").write_text(
        SMALL.replace("{nb: Liten test, en: Small test}", title), encoding="utf-8"
    )
    (where / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    return where


def test_list_shows_titles_and_folders_as_plain_text(tmp_path: Path) -> None:
    """`triage list` neither parses markup nor passes escapes: unmatched tags cannot crash it."""
    from typer.testing import CliRunner

    from triage.cli import app

    where = _small_folder(tmp_path, "Rus [arkiv] [/]", ESC_TITLE)
    result = CliRunner().invoke(
        app, ["list", "--questionnaires", str(where)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    words = result.output.split()
    for shown in ("[/bold]", "[link=https://evil.example]x[/link]", "[arkiv]"):
        assert shown in words


def test_list_shows_a_broken_file_as_broken_and_lists_the_rest(tmp_path: Path) -> None:
    """One broken file in a folder is a row saying so; the others are still listed."""
    from typer.testing import CliRunner

    from triage.cli import app

    where = _small_folder(tmp_path, "q")
    (where / "[red]bad.yaml").write_text("id: [\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["list", "--questionnaires", str(where), "--only"])
    assert result.exit_code == 0, result.output
    assert "[red]bad" in result.output
    assert "Liten test" in result.output


def test_demo_prints_hostile_case_texts_inert(tmp_path: Path) -> None:
    """`triage demo` prints a cases file's names and expected contacts without escapes."""
    from typer.testing import CliRunner

    from triage.cli import app

    where = _small_folder(tmp_path, "q")
    (where / "small.cases.yaml").write_text(
        "questionnaire: small\ncases:\n"
        '  - name: "CASE \\e]52;c;Q0FTRQ==\\e\\\\ [link=https://evil.example]x[/link]"\n'
        "    answers: {age: 34, resident: true, wants: true}\n"
        "    outcome: eligible\n"
        '    contacts: ["\\e]52;c;Q0FTRUNPTlRBQ1Q=\\e\\\\", "\\e[2J"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["demo", "small", "--questionnaires", str(where), "--no-pause"]
    )
    assert result.exit_code == 1, result.output  # the expected contacts do not match
    assert "\x1b" not in result.output
    assert "[link=https://evil.example]x[/link]" in result.output
