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
    import signal

    text, status, killed = _interrupt_start_up(delay_ms / 1000)
    wrapper = "from triage.__main__ import main"  # the console script's line, before ours
    if "Fatal Python error: init_import_site" in text or wrapper in text:
        # Python itself was still starting (site-packages' .pth files, ~20-60 ms in an
        # editable install), or the console script was still finding the package: no line
        # of triage had run yet. Like the silent SIGINT below, this is before any program
        # can catch anything.
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
    # Expected contacts must be contact ids: the cases file is refused, its text shown inert.
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.output
    assert "is not a contact id" in result.output


# --------------------------------------------------------------------------- nothing typed lost


class Typist:
    """A scripted asker: answers from a mapping, Ctrl-C at ``stop``, save names from a list."""

    def __init__(
        self,
        answers: dict[str, object],
        stop: str | None = None,
        names: list[Path | None] | None = None,
    ) -> None:
        self.answers = answers
        self.stop = stop
        self.names = list(names or [])
        self.offers: list[Path] = []

    def ask(self, prompt: object) -> object:
        """Answer the question from the mapping, or press Ctrl-C at the chosen one."""
        question = prompt.question  # type: ignore[attr-defined]
        if question.id == self.stop:
            raise KeyboardInterrupt
        return self.answers[question.id]

    def review(self, review: object) -> object:
        """Accept the answers."""
        from triage.core.interview import DONE

        return DONE

    def confirm_stop(self, lang: str) -> bool:
        """Yes, stop."""
        return True

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Take the next scripted file name (None declines)."""
        self.offers.append(suggested)
        return self.names.pop(0) if self.names else None


SHALAM_TYPED = {
    "age": 34,
    "belongs_to_kristiansand": True,
    "own_substance_use": True,
    "wants_change": True,
    "copes_with_withdrawal": True,
}


def _interview(
    monkeypatch: pytest.MonkeyPatch, typist: Typist, arguments: list[str]
) -> tuple[int, str]:
    from typer.testing import CliRunner

    from triage import cli

    monkeypatch.setattr(cli, "_asker", lambda plain: typist)
    monkeypatch.setenv("TRIAGE_LANG", "nb")
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    result = CliRunner().invoke(cli.app, arguments)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_a_report_that_fails_after_the_interview_prints_the_typed_answers_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A failure while showing the report keeps the typed answers: printed, with the resume line."""
    from triage.render import rich as report

    def broken(*args: object, **kwargs: object) -> object:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(report, "render_rich", broken)
    code, output = _interview(monkeypatch, Typist(SHALAM_TYPED), ["shalam"])
    assert code == 2
    assert "Traceback" not in output
    assert "age: 34" in output
    assert "copes_with_withdrawal: true" in output
    assert "triage shalam --answers" in output
    last = output.strip().splitlines()[-1]
    assert last.startswith("triage: kunne ikke vise resultatet (UnicodeEncodeError")
    assert output.index("age: 34") < output.index(last)


def test_a_failure_without_typed_answers_still_surfaces_as_a_bug(
    monkeypatch: pytest.MonkeyPatch, answers: Path
) -> None:
    """With nothing typed there is nothing to save: an unexpected error is not hidden."""
    from typer.testing import CliRunner

    from triage import cli
    from triage.render import rich as report

    def broken(*args: object, **kwargs: object) -> object:
        raise ValueError("boom")

    monkeypatch.setattr(report, "render_rich", broken)
    result = CliRunner().invoke(cli.app, ["shalam", "--answers", str(answers), "--no-input"])
    assert isinstance(result.exception, ValueError)


def test_a_note_target_made_during_the_interview_prints_the_note_and_the_answers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """If --output's file appears during the interview, the note and answers are printed."""
    from triage import files

    target = tmp_path / "note.md"
    real_check = files.check_writable
    checks: list[Path] = []

    def appearing(path: Path, *, overwrite: bool = False) -> None:
        checks.append(path)
        if len(checks) == 2:  # the write after the interview: someone was quicker
            target.write_text("someone else's\n", encoding="utf-8")
        real_check(path, overwrite=overwrite)

    monkeypatch.setattr(files, "check_writable", appearing)
    code, output = _interview(
        monkeypatch, Typist(SHALAM_TYPED), ["shalam", "--output", str(target)]
    )
    assert code == 2
    assert target.read_text(encoding="utf-8") == "someone else's\n"
    assert "Notatet ble ikke lagret" in output
    assert "**Beslutningsstøtte – ikke et vedtak.**" in output  # the Markdown note itself
    assert "wants_change: true" in output
    assert output.strip().splitlines()[-1] == (
        f"triage: {target} finnes allerede: velg et annet navn, eller bruk --force"
    )


def test_the_resume_command_names_the_added_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After Ctrl-C in a questionnaire from --questionnaires, the resume line includes it."""
    where = _small_folder(tmp_path, "mine folder")
    saved = tmp_path / "svar.yaml"
    typist = Typist({"age": 34}, stop="resident", names=[saved])
    code, output = _interview(
        monkeypatch, typist, ["small", "--questionnaires", str(where), "--only"]
    )
    assert code == 130
    assert f"triage small --answers {saved} --questionnaires '{where}' --only" in output


def test_a_failed_save_offers_another_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When the chosen save file cannot be written, another name is offered and used."""
    missing = tmp_path / "missing" / "svar.yaml"
    good = tmp_path / "svar.yaml"
    typist = Typist({"age": 34}, stop="belongs_to_kristiansand", names=[missing, good])
    code, output = _interview(monkeypatch, typist, ["shalam"])
    assert code == 130
    assert len(typist.offers) == 2
    assert "age: 34" in good.read_text(encoding="utf-8")
    assert f"triage shalam --answers {good}" in output


# --------------------------------------------------------------------------- --output targets


class NeverAsked(Typist):
    """An asker that fails the test if any question is asked."""

    def __init__(self) -> None:
        super().__init__({})

    def ask(self, prompt: object) -> object:
        """Fail: the --output check must come before the first question."""
        raise AssertionError("a question was asked before --output was checked")


def _output_refused(monkeypatch: pytest.MonkeyPatch, target: Path, *extra: str) -> str:
    """Run shalam with --output target; check it stops before asking, one line, exit 2."""
    code, output = _interview(
        monkeypatch, NeverAsked(), ["shalam", "--output", str(target), *extra]
    )
    assert code == 2, output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1, output
    return output.strip()


def test_force_never_replaces_a_fifo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """--output FIFO --force is refused before any question; the FIFO stays a FIFO."""
    import stat

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert "ikke en vanlig fil" in _output_refused(monkeypatch, fifo, "--force")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_force_never_replaces_a_device(tmp_path: Path) -> None:
    """A device node (here /dev/null) is never replaced, not even with overwrite."""
    from triage.core.errors import OutputError
    from triage.files import write_private

    with pytest.raises(OutputError, match="not a regular file"):
        write_private(Path(os.devnull), "x", overwrite=True)
    assert Path(os.devnull).is_char_device()


def test_a_device_made_while_writing_is_not_replaced(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The last check before the rename sees a FIFO that appeared meanwhile, and stops."""
    import stat

    from triage import files
    from triage.core.errors import OutputError

    target = tmp_path / "note.md"
    real_fsync = os.fsync

    def meanwhile(fd: int) -> None:
        real_fsync(fd)
        os.mkfifo(target)

    monkeypatch.setattr(files.os, "fsync", meanwhile)
    with pytest.raises(OutputError, match="not a regular file"):
        files.write_private(target, "x", overwrite=True)
    assert stat.S_ISFIFO(target.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]  # no temp file left


def test_a_dangling_link_is_caught_before_the_interview(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """--output to a link whose target is missing is refused with a clear line, up front."""
    link = tmp_path / "d.md"
    link.symlink_to(tmp_path / "nonexistent")
    assert "er en lenke til en fil som ikke finnes" in _output_refused(monkeypatch, link)


def test_force_replaces_a_dangling_link_itself(tmp_path: Path) -> None:
    """With overwrite the link itself becomes the note; the missing target is not created."""
    from triage.files import write_private

    link = tmp_path / "d.md"
    link.symlink_to(tmp_path / "nonexistent")
    write_private(link, "note\n", overwrite=True)
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8") == "note\n"
    assert not (tmp_path / "nonexistent").exists()


@pytest.mark.parametrize("length", [242, 250, 255])
def test_a_long_but_valid_file_name_can_be_written(tmp_path: Path, length: int) -> None:
    """Names up to NAME_MAX work: the temporary file's name does not push them over."""
    from triage.files import write_private

    target = tmp_path / ("a" * (length - 3) + ".md")
    write_private(target, "note\n")
    assert target.read_text(encoding="utf-8") == "note\n"


def test_a_file_name_over_name_max_is_caught_before_the_interview(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A 256-byte name is one line before any question, not a traceback after."""
    line = _output_refused(monkeypatch, tmp_path / ("a" * 253 + ".md"))
    assert "lengre enn 255 byte" in line


def test_a_too_long_folder_is_caught_before_the_interview(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An --output folder whose name is over NAME_MAX (ENAMETOOLONG) is one line."""
    line = _output_refused(monkeypatch, tmp_path / ("b" * 300) / "x.md")
    assert "File name too long" in line


def test_a_folder_in_a_loop_of_links_is_caught_before_the_interview(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An --output folder that is a loop of links (ELOOP) is one line."""
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    line = _output_refused(monkeypatch, tmp_path / "loop" / "x.md")
    assert "Too many levels of symbolic links" in line


def test_a_folder_without_search_permission_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """EACCES from the folder (no search permission) is one line, not PermissionError."""
    from triage import files

    def denied(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.Path, "stat", denied)
    line = _output_refused(monkeypatch, tmp_path / "noexec" / "x.md")
    assert "Permission denied" in line


# --------------------------------------------------------------------------- overrides


@pytest.fixture
def override(tmp_path: Path) -> Path:
    """A folder whose shalam.yaml replaces the shipped one (a copy, so it still runs)."""
    from triage.load.catalog import shipped_dir

    where = tmp_path / "egne"
    where.mkdir()
    (where / "shalam.yaml").write_bytes((shipped_dir() / "shalam.yaml").read_bytes())
    return where


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_questionnaire_replacing_a_shipped_one_is_marked_everywhere(
    override: Path, answers: Path, output_format: str
) -> None:
    """The report, note and JSON say the questionnaire replaced the shipped one; so does stderr."""
    import json

    from typer.testing import CliRunner

    from triage.cli import app

    result = CliRunner().invoke(
        app,
        [
            *("shalam", "--questionnaires", str(override), "--answers", str(answers)),
            *("--no-input", "--format", output_format),
        ],
        env={"COLUMNS": "200", "TRIAGE_LANG": "nb"},
    )
    assert result.exit_code == 0, result.output
    mark = f"hentet fra {override / 'shalam.yaml'} og erstatter det innebygde «shalam»"
    assert mark in " ".join(result.stderr.split())
    if output_format == "json":
        document = json.loads(result.stdout)
        assert document["questionnaire"]["override"] == {"file": str(override / "shalam.yaml")}
    else:  # Markdown escapes the path's underscores
        assert mark in " ".join(result.stdout.replace("\\_", "_").split())


def test_the_override_key_is_in_the_json_schema(override: Path, answers: Path) -> None:
    """The optional questionnaire.override key validates against triage-result-1.schema.json."""
    import json

    import jsonschema
    from typer.testing import CliRunner

    from triage.cli import app

    schema = json.loads(
        (Path(__file__).parent.parent / "docs" / "triage-result-1.schema.json").read_text()
    )
    arguments = ["shalam", "--answers", str(answers), "--no-input", "--format", "json"]
    replaced = CliRunner().invoke(app, [*arguments, "--questionnaires", str(override)])
    shipped = CliRunner().invoke(app, arguments)
    for result in (replaced, shipped):
        jsonschema.validate(json.loads(result.stdout), schema)
    assert "override" not in json.loads(shipped.stdout)["questionnaire"]


def test_a_shipped_questionnaire_is_not_marked(answers: Path) -> None:
    """Without an added folder nothing is said about overrides."""
    from typer.testing import CliRunner

    from triage.cli import app

    result = CliRunner().invoke(app, ["shalam", "--answers", str(answers), "--no-input"])
    assert result.exit_code == 0
    assert "erstatter" not in result.output


def test_a_file_whose_id_is_not_its_name_is_refused_at_run_time(
    override: Path, answers: Path
) -> None:
    """other.yaml with id shalam does not run as 'other': one line naming the file and fix."""
    from typer.testing import CliRunner

    from triage.cli import app

    (override / "shalam.yaml").rename(override / "other.yaml")
    result = CliRunner().invoke(
        app,
        ["other", "--questionnaires", str(override), "--answers", str(answers), "--no-input"],
    )
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"triage: {override / 'other.yaml'}: error: id 'shalam' does not match the file name "
        "'other.yaml' (rename the file to shalam.yaml, or change the id)"
    )


def test_an_error_line_survives_columns_0(tmp_path: Path) -> None:
    """COLUMNS=0 must not swallow the one-line error (found by the answers-file fuzzer)."""
    empty = tmp_path / "e.yaml"
    empty.write_text("{}\n", encoding="utf-8")
    done = run(["shalam", "--answers", str(empty), "--no-input"], env={"COLUMNS": "0"})
    assert done.returncode == 2
    assert one_line(done.stderr).startswith("triage: ")
