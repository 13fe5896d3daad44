"""The command line at the edges, in-process: hostile texts, failures after the interview, writes.

What needs a fresh process (encodings, closed streams, Ctrl-C during start-up) is in
tests/e2e/test_edges_command.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ALL_MET = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)
FORMATS = ("rich", "text", "markdown", "json")


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """An answers file meeting every criterion of shalam."""
    path = tmp_path / "a.yaml"
    path.write_text(ALL_MET, encoding="utf-8")
    return path


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

    from tests.conftest import terminal
    from triage import cli

    monkeypatch.setenv("TRIAGE_LANG", "nb")
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    result = CliRunner().invoke(cli.app, arguments, obj=terminal(typist))
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


def test_a_ctrl_c_python_can_only_ignore_prints_no_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Ctrl-C reported as "Exception ignored" (an import lock's clean-up) is dropped."""
    import triage.__main__ as entry

    shown: list[object] = []
    monkeypatch.setattr(sys, "__unraisablehook__", shown.append)

    class Args:
        exc_type = KeyboardInterrupt
        exc_value = KeyboardInterrupt()
        exc_traceback = None
        err_msg = "Exception ignored in"
        object = None

    class Other(Args):
        exc_type = ValueError
        exc_value = ValueError("a real problem")

    entry._quiet_interrupts(Args())  # type: ignore[arg-type]
    assert shown == []
    entry._quiet_interrupts(Other())  # type: ignore[arg-type]
    assert len(shown) == 1
