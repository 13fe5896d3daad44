"""The installed `triage` command at the edges: odd encodings, closed streams, odd widths, typos.

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
    assert asked.stderr.decode().strip().splitlines()[-1].startswith("triage: ingen terminal")


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
    # TERM=xterm: the boxed report (TERM=dumb gets the plain text note, unwrapped paragraphs).
    env = {"COLUMNS": "100000", "TERM": "xterm"}
    done = run(["shalam", "--answers", str(answers), "--no-input"], env=env)
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
    assert "ukjent språk «»" in one_line(done.stderr)


def test_bare_triage_without_terminal_shows_help() -> None:
    """Bare `triage` in a pipe still shows the help (exit 2), not a one-line error."""
    done = run([])
    assert done.returncode == 2
    assert b"Bruk: triage" in done.stdout + done.stderr


def test_help_and_version_of_a_command_exit_0() -> None:
    """--help still works and exits 0 through the non-standalone runner."""
    done = run(["shalam", "--help"])
    assert done.returncode == 0
    assert b"--answers" in done.stdout


def test_ctrl_d_at_the_bare_triage_offer_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """End of input at the «start the guide?» prompt stops at once with 130, like Ctrl-C."""
    from tests.conftest import terminal
    from triage import cli

    def eof(lang: str) -> bool:
        raise EOFError

    with pytest.raises(SystemExit) as exited:
        cli.main([], terminal(tty=True, offer_start=eof))
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
        index = child.expect(["Vil du avslutte", pexpect.EOF, pexpect.TIMEOUT], timeout=4)
        if index == 2 and b"Hvor gammel" in child.before:
            # The ^C reached the terminal as it switched to raw mode for the first question,
            # which discards pending input: the person sees the question and presses again.
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
    import re
    import signal

    text, status, killed = _interrupt_start_up(delay_ms / 1000)
    wrapper = "from triage.__main__ import main"  # the console script's line, before ours
    in_script = re.search(r'File "[^"]*bin[/\\]triage", line \d+, in <module>', text)
    if "Fatal Python error: init_import_site" in text or wrapper in text or in_script:
        # Python itself was still starting (site-packages' .pth files, ~20-60 ms in an
        # editable install), or the console script was still importing (its own `import re`)
        # or finding the package: no line of triage had run yet. Like the silent SIGINT below,
        # this is before any program can catch anything.
        assert "/triage/" not in text, text
        assert status in (1, 130) or killed is not None
        return
    assert "Traceback" not in text, text
    assert "Error" not in text, text
    # The terminal itself echoes ^C; everything else is the tool's.
    lines = [line for line in text.splitlines() if line.strip() not in ("", "^C")]
    if killed is not None:  # before Python installed its handler: the default, silent
        assert killed == signal.SIGINT
        assert not lines
        return
    assert status == 130, text
    if "Vil du avslutte" not in text:
        assert lines == ["Avbrutt."], text


def test_an_error_line_survives_columns_0(tmp_path: Path) -> None:
    """COLUMNS=0 must not swallow the one-line error (found by the answers-file fuzzer)."""
    empty = tmp_path / "e.yaml"
    empty.write_text("{}\n", encoding="utf-8")
    done = run(["shalam", "--answers", str(empty), "--no-input"], env={"COLUMNS": "0"})
    assert done.returncode == 2
    assert one_line(done.stderr).startswith("triage: ")
