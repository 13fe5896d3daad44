"""The command line, driven through Typer's runner (no terminal)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.conftest import ScriptedAsker, terminal
from triage import cli
from triage.cli import app
from triage.core.hours import OSLO
from triage.core.model import UNKNOWN
from triage.output import Terminal

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
        "--no-input, men ingen svar på: belongs_to_kristiansand, own_substance_use, "
        "wants_change, copes_with_withdrawal" in result.output
    )
    english = runner.invoke(app, ["shalam", "--answers", str(path), "--no-input", "--lang", "en"])
    assert "--no-input but no answer for: belongs_to_kristiansand" in english.output
    assert "Traceback" not in result.output


def test_without_terminal_it_says_how_to_run_non_interactively() -> None:
    """Without a terminal and without complete answers, exit 2 with the way out."""
    result = runner.invoke(app, ["shalam"])
    assert result.exit_code == 2
    assert "ingen terminal å spørre i: bruk --answers FIL --no-input" in result.output
    english = runner.invoke(app, ["shalam"], env={"TRIAGE_LANG": "en"})
    assert "no terminal to ask in: pass --answers FILE --no-input" in english.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("agee: 3\n", "ukjent spørsmåls-id «agee» (mente du «age»?)", id="unknown-id"),
        pytest.param(
            "age: old\n",
            "svaret på «age» må være et helt tall (0–120) eller «vet ikke», ikke «old»",
            id="wrong-type",
        ),
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
        "finner ikke skjemaet «nosuch» (skjemaene er: chapter10, placement, pregnancy, router, "
        "services, shalam, tvang, plass, gravid, tjenester; se «triage list»)" in result.output
    )


def test_unknown_language_is_a_usage_error(write_file: Write) -> None:
    """An unsupported --lang exits 2 naming the supported languages."""
    path = write_file("a.yaml", ALL_MET)
    result = runner.invoke(app, ["shalam", "--answers", str(path), "--lang", "de"])
    assert result.exit_code == 2
    assert result.output == "triage: ukjent språk «de»: bruk nb eller en\n"
    empty = runner.invoke(app, ["shalam", "--answers", str(path), "--lang", ""])
    assert empty.exit_code == 2  # an empty --lang is no language, not the default


def test_help_lists_commands_and_how_to_run_a_questionnaire() -> None:
    """'triage --help' shows the built-in commands and how to run one."""
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "list" in result.output
    assert "triage ID" in result.output


# --------------------------------------------------------------------------- formats and files

NOT_ELIGIBLE = (
    "age: 16\nbelongs_to_kristiansand: unknown\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: false\n"
)
FRIDAY_EVENING = dt.datetime(2026, 11, 27, 16, 5, tzinfo=OSLO)


@pytest.fixture
def fixed_clock() -> Terminal:
    """A terminal whose clock reads Friday 27 November 2026, 16.05 in Norway."""
    return terminal(now=lambda: FRIDAY_EVENING)


def _run(write_file: Write, *args: str, at: Terminal | None = None) -> Result:
    path = write_file("answers.yaml", NOT_ELIGIBLE)
    return runner.invoke(app, ["shalam", "--answers", str(path), "--no-input", *args], obj=at)


def test_piped_report_has_no_colour_codes(write_file: Write, fixed_clock: Terminal) -> None:
    """Output that is not a terminal carries no escape sequences at all."""
    result = _run(write_file, at=fixed_clock)
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert "stengt nå, åpner mandag kl. 08.00" in result.stdout


@pytest.mark.parametrize(
    ("fmt", "first_line", "marker"),
    [
        pytest.param(
            "markdown",
            "# Triage: Ut av det – sosialfaglig avgiftning ved Shalam",
            "- **Dato:** 27.11.2026 kl. 16.05",
            id="markdown",
        ),
        pytest.param(
            "text",
            "Triage: Ut av det – sosialfaglig avgiftning ved Shalam",
            "Dato: 27.11.2026 kl. 16.05",
            id="text",
        ),
    ],
)
def test_journal_formats_print_the_note(
    write_file: Write, fixed_clock: Terminal, fmt: str, first_line: str, marker: str
) -> None:
    """--format markdown/text prints only the journal note, stamped with the clock."""
    result = _run(write_file, "--format", fmt, at=fixed_clock)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == first_line
    assert marker in result.stdout.splitlines()
    assert "╭" not in result.stdout


def test_json_is_stamped_with_the_clock(write_file: Write, fixed_clock: Terminal) -> None:
    """--format json says when the result was made, in Norway's time."""
    document = json.loads(_run(write_file, "--format", "json", at=fixed_clock).stdout)
    assert document["created"] == "2026-11-27T16:05:00+01:00"
    rusteam = document["contacts"][1]
    assert (rusteam["open_now"], rusteam["next_open"]) == (False, "2026-11-30T08:00+01:00")


def test_why_adds_source_sentences(write_file: Write) -> None:
    """--why shows the quoted sentences and what the source leaves vague."""
    result = _run(write_file, "--why")
    assert "«Over 18 år og ha sin tilhørighet i Kristiansand kommune.»" in result.stdout
    assert "Uklart i kilden" in result.stdout
    assert "Uklart i kilden" not in _run(write_file).stdout


@pytest.mark.parametrize(
    ("name", "args", "starts"),
    [
        pytest.param("note.md", (), "# Triage:", id="md-suffix-markdown"),
        pytest.param("note.txt", (), "Triage:", id="txt-suffix-text"),
        pytest.param("note", (), "Triage:", id="no-suffix-text"),
        pytest.param("note.json", (), "{", id="json-suffix"),
        pytest.param("note.txt", ("--format", "markdown"), "# Triage:", id="format-wins"),
        pytest.param("note.txt", ("--format", "rich"), "╭─ Resultat", id="rich-as-plain-text"),
    ],
)
def test_output_writes_a_private_file_in_the_chosen_format(
    write_file: Write, tmp_path: Path, name: str, args: tuple[str, ...], starts: str
) -> None:
    """--output writes mode 0600, picks the format from the suffix, and still shows the report."""
    target = tmp_path / name
    result = _run(write_file, "--output", str(target), *args)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    text = target.read_text(encoding="utf-8")
    assert text.startswith(starts)
    assert "\x1b" not in text
    assert "IKKE AKTUELT" in result.stdout  # the screen keeps the report
    assert result.stderr.strip() == f"Lagret i {target} (bare lesbar for deg)."
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"answers.yaml", name})


def test_output_refuses_to_overwrite_without_force(write_file: Write, tmp_path: Path) -> None:
    """An existing file is kept and the run stops with one line and exit 2; --force replaces."""
    target = tmp_path / "note.md"
    target.write_text("older note", encoding="utf-8")
    result = _run(write_file, "--output", str(target))
    assert result.exit_code == 2
    assert (
        result.output
        == f"triage: {target} finnes allerede: velg et annet navn, eller bruk --force\n"
    )
    english = _run(write_file, "--output", str(target), "--lang", "en")
    assert (
        english.output == f"triage: {target} already exists: choose another name, or pass --force\n"
    )
    assert target.read_text(encoding="utf-8") == "older note"
    forced = _run(write_file, "--output", str(target), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("# Triage:")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_output_in_a_missing_folder_stops_before_any_question(tmp_path: Path) -> None:
    """A bad --output is reported before the interview would start (here: before 'no terminal')."""
    target = tmp_path / "missing" / "note.md"
    result = runner.invoke(app, ["shalam", "--output", str(target)])
    assert result.exit_code == 2
    assert result.output == (
        f"triage: kan ikke skrive {target}: mappen {target.parent} finnes ikke "
        "(opprett den først eller velg en annen mappe)\n"
    )


def test_output_write_failure_keeps_the_report_on_screen(
    write_file: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the disk refuses the file after the run, the report is shown and the error is one line."""

    def full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    target = tmp_path / "note.md"
    result = _run(write_file, "--output", str(target))
    assert result.exit_code == 2
    assert "IKKE AKTUELT" in result.stdout
    assert result.stderr == (
        f"triage: kan ikke skrive {target}: No space left on device (velg en annen mappe)\n"
    )
    assert not target.exists()


def test_nothing_is_written_without_output(write_file: Write, tmp_path: Path) -> None:
    """A run without --output leaves the folders as they were (no logs, no history)."""
    before = sorted(p.name for p in tmp_path.iterdir())
    home = tmp_path / "home"
    home.mkdir()
    path = write_file("answers.yaml", NOT_ELIGIBLE)
    result = runner.invoke(
        app,
        ["shalam", "--answers", str(path), "--no-input", "--format", "markdown"],
        env={"HOME": str(home)},
    )
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({*before, "answers.yaml", "home"})
    assert list(home.iterdir()) == []


# --------------------------------------------------------------------------- contacts


def test_contacts_lists_the_directory_one_line_each() -> None:
    """'triage contacts' shows each contact on one line: name, role, phone, e-mail."""
    result = runner.invoke(app, ["contacts"])
    assert result.exit_code == 0
    assert "• Vidar Gundersen, Leder av Shalam · 918 00 469 · vidar@shalam.no\n" in (result.stdout)
    flat = " ".join(result.stdout.split())
    assert "38 05 55 55 (historisk nummer, trolig ute av bruk)" in flat
    assert result.stdout.count("\n• ") + 1 == len(load_directory_contacts())


def load_directory_contacts() -> list[str]:
    """Return the ids of the shipped contacts."""
    from triage.load.catalog import Catalog

    return list(Catalog().directory().contacts)


def test_contacts_search_finds_a_phone_number_however_it_is_written() -> None:
    """Searching for a number, spaced or not, finds its contact."""
    for search in ("46960239", "469 60 239", "60 239"):
        result = runner.invoke(app, ["contacts", search])
        assert result.exit_code == 0
        assert result.stdout.startswith("• Per Willy Ormestad, Ruskonsulent"), search
        assert result.stdout.count("• ") == 1


def test_contacts_cards_show_source_and_checked_date() -> None:
    """'triage contacts --cards' shows every contact's card with source page and checked date."""
    result = runner.invoke(app, ["contacts", "--cards"])
    assert result.exit_code == 0
    for name in ("Per Willy Ormestad", "Rusinfo.no", "Anonyme alkoholikere"):
        assert name in result.stdout
    assert re.search(r"Kilde +Kristiansand kommune – Rusteamet", result.stdout)
    assert re.search(r"Hentet fra kilden +23.11.2026", result.stdout)


def test_contacts_search_filters(fixed_clock: Terminal) -> None:
    """A search term keeps only matching contacts; JSON carries the same selection."""
    result = runner.invoke(app, ["contacts", "ruskonsulent"], obj=fixed_clock)
    assert result.exit_code == 0
    assert "Per Willy Ormestad" in result.stdout
    assert "Vidar" not in result.stdout
    listed = runner.invoke(app, ["contacts", "rusteam", "--format", "json"], obj=fixed_clock)
    document = json.loads(listed.stdout)
    assert document["format"] == "triage-contacts/1"
    assert [c["id"] for c in document["contacts"]] == ["rusteamet_kristiansand"]
    assert document["contacts"][0]["open_now"] is False


def test_contacts_markdown_is_a_printable_sheet_one_section_per_contact() -> None:
    """'triage contacts --format markdown' prints a sheet: a section per contact, all details."""
    result = runner.invoke(app, ["contacts", "--format", "markdown"])
    assert result.exit_code == 0
    sheet = result.stdout
    assert sheet.startswith("# Kontaktliste\n\n## Vidar Gundersen\n\n")
    assert sheet.count("\n## ") == len(load_directory_contacts())
    assert (
        "## Per Willy Ormestad\n\n- **Rolle:** Ruskonsulent\n"
        "- **Organisasjon:** NAV Kristiansand\n- **Telefon:** 469 60 239\n"
        "- **E-post:** per.willy.ormestad@nav.no\n"
        "- **Kilde:** Kristiansand kommune – Rusteamet\n"
        "- **Hentet fra kilden:** 23.11.2026\n"
    ) in sheet
    assert "- **Tid:** hverdager 08.00–15.30\n" in sheet
    assert "- **Nettside:** https://rusinfo.no\n" in sheet
    assert "## Søgne kommune – servicetorget (historisk)\n" in sheet
    assert "- **Telefon:** 38 05 55 55 (historisk nummer, trolig ute av bruk)\n" in sheet
    assert (
        "## Medisinsk nødhjelp 113\n\n**Ved akutt fare (nasjonale numre, ikke fra kildesidene)**"
    ) in sheet


def test_contacts_markdown_follows_search_and_language() -> None:
    """The sheet keeps only the contacts a search matches and speaks English on request."""
    result = runner.invoke(app, ["contacts", "ormestad", "--format", "markdown", "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Contact sheet\n\n## Per Willy Ormestad\n\n")
    assert result.stdout.count("## ") == 1
    assert "- **Role:** Substance-abuse consultant\n" in result.stdout
    assert "- **Taken from the source:** 2026-11-23\n" in result.stdout


def test_contacts_search_without_match_says_so() -> None:
    """A search that matches nothing says so in one line."""
    result = runner.invoke(app, ["contacts", "finnesikke"])
    assert result.exit_code == 0
    assert result.stderr == "Ingen kontakter passer «finnesikke».\n"


def test_contacts_in_english_and_a_bad_language() -> None:
    """'triage contacts --lang en' uses English labels; an unknown language exits 2."""
    english = runner.invoke(app, ["contacts", "ormestad", "--lang", "en", "--cards"])
    assert english.exit_code == 0
    assert "Substance-abuse consultant" in english.stdout
    assert "Taken from the source" in english.stdout
    wrong = runner.invoke(app, ["contacts", "--lang", "de"])
    assert wrong.exit_code == 2
    assert wrong.output == "triage: ukjent språk «de»: bruk nb eller en\n"


# --------------------------------------------------------------------------- the interview


def test_set_pre_answers_single_questions(write_file: Write) -> None:
    """--set answers questions the file lacks and overrides the file's answers."""
    path = write_file("a.yaml", "age: 34\nbelongs_to_kristiansand: true\n")
    result = runner.invoke(
        app,
        [
            *("shalam", "--answers", str(path), "--no-input", "--format", "json"),
            *("--set", "age=17", "--set", "own_substance_use=ja"),
            *("--set", "wants_change=unknown", "--set", "copes_with_withdrawal=true"),
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["answers"]["age"] == 17
    assert document["answers"]["own_substance_use"] is True
    assert document["answers"]["wants_change"] == "unknown"
    assert document["outcome"]["id"] == "not_eligible"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        pytest.param(
            "agee=3",
            "--set agee=3: ukjent spørsmåls-id «agee» (mente du «age»?)",
            id="unknown-id",
        ),
        pytest.param(
            "age=old",
            "--set age=old: svaret på «age» må være et helt tall (0–120) eller «vet ikke», "
            "ikke «old»",
            id="bad-value",
        ),
        pytest.param(
            "age", "--set 'age': skriv --set ID=VERDI, f.eks. --set age=34", id="no-equals"
        ),
    ],
)
def test_bad_set_is_one_line_exit_2(option: str, message: str) -> None:
    """A bad --set gives one line naming it, exit 2, no traceback."""
    result = runner.invoke(app, ["shalam", "--set", option, "--no-input"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"triage: {message}"


def test_plain_mode_speaks_english() -> None:
    """--lang en asks and reports in English."""
    result = runner.invoke(app, ["shalam", "--plain", "--lang", "en"], input="17\nv\nv\nv\nv\ny\n")
    assert result.exit_code == 0, result.output
    assert "Question 1 of 5: How old is the person?" in result.stderr
    assert "Summary of the answers:" in result.stderr
    assert "NOT APPLICABLE" in result.stdout
    assert "Decision support – not an administrative decision (vedtak)." in result.stdout


def test_plain_review_change_re_asks_and_changes_the_outcome() -> None:
    """Changing the age in the plain review turns 'AKTUELT' into 'IKKE AKTUELT'."""
    result = runner.invoke(app, ["shalam"], input="34\nj\nj\nj\nj\n1\n17\nj\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Oppsummering av svarene:") == 2
    assert "IKKE AKTUELT" in result.stdout


def test_plain_review_marks_file_and_set_answers(write_file: Write) -> None:
    """Resuming from a file asks only what is missing; the review says where answers came from."""
    path = write_file("a.yaml", "age: 34\n")
    result = runner.invoke(
        app,
        ["shalam", "--answers", str(path), "--set", "belongs_to_kristiansand=ja"],
        input="j\nj\nj\nj\n",
    )
    assert result.exit_code == 0, result.output
    assert "Hvor gammel" not in result.stderr.split("Oppsummering")[0]
    assert "Spørsmål 3 av 5" in result.stderr
    assert "     34 (fil)" in result.stderr
    assert "     Ja (--set)" in result.stderr
    assert "     Ja\n" in result.stderr  # typed: the usual origin goes unsaid


def test_input_ending_after_an_answer_exits_130_with_the_answers() -> None:
    """Input ending midway exits 130 and prints the answers so far and how to resume."""
    result = runner.invoke(app, ["shalam"], input="34\nj\n")
    assert result.exit_code == 130
    assert "age: 34\nbelongs_to_kristiansand: true\n" in result.stderr
    assert "triage shalam --answers FIL" in result.stderr
    assert "Traceback" not in result.output


def test_ctrl_c_save_suggests_a_free_name_and_keeps_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After Ctrl-C and "stop", the save suggests a name no file has and overwrites nothing."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "triage-shalam-svar.yaml").write_text("other: file\n", encoding="utf-8")
    asker = ScriptedAsker([52, UNKNOWN, KeyboardInterrupt], save=Path("triage-shalam-svar-2.yaml"))
    result = runner.invoke(app, ["shalam"], obj=terminal(asker))
    assert result.exit_code == 130
    assert asker.suggested == Path("triage-shalam-svar-2.yaml")
    saved = tmp_path / "triage-shalam-svar-2.yaml"
    assert (saved.stat().st_mode & 0o777) == 0o600 or os.name != "posix"
    assert "age: 52\nbelongs_to_kristiansand: unknown\n" in saved.read_text(encoding="utf-8")
    assert "  triage shalam --answers triage-shalam-svar-2.yaml\n" in result.stderr
    assert (tmp_path / "triage-shalam-svar.yaml").read_text(encoding="utf-8") == "other: file\n"


def test_start_resume_hint_names_start_not_the_router() -> None:
    """Input ending inside 'triage start' says to go on with 'triage start --answers'."""
    result = runner.invoke(app, ["start"], input="n\n")
    assert result.exit_code == 130
    assert "triage start --answers FIL" in result.stderr
    assert "triage router" not in result.stderr


@pytest.fixture
def at_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder (the tests then pass a terminal with tty=True)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_finished_interview_offers_to_save_the_answers(
    at_a_terminal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Yes to the offer at the end saves every answer (0600) and prints the resume command."""
    asker = ScriptedAsker([False, "detox_now", 34, UNKNOWN, True, True, True], offers=[True])
    result = runner.invoke(app, ["start"], obj=terminal(asker, tty=True))
    assert result.exit_code == 0, result.output
    assert asker.offered == ["Lagre svarene i en fil, så du kan fortsette med dem senere?"]
    saved = at_a_terminal / "triage-start-svar.yaml"
    text = saved.read_text(encoding="utf-8")
    assert (saved.stat().st_mode & 0o777) == 0o600 or os.name != "posix"
    assert 'pregnant: false\nsituation: "detox_now"\nage: 34\n' in text
    assert "belongs_to_kristiansand: unknown\n" in text
    assert "  triage start --answers triage-start-svar.yaml\n" in result.stderr
    assert "MÅ AVKLARES" in result.stdout


def test_declining_the_save_at_the_end_writes_nothing(
    at_a_terminal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No to the offer at the end writes no file; the report follows as before."""
    asker = ScriptedAsker([34, True, True, True, True])
    result = runner.invoke(app, ["shalam"], obj=terminal(asker, tty=True))
    assert result.exit_code == 0, result.output
    assert len(asker.offered) == 1
    assert list(at_a_terminal.iterdir()) == []
    assert "AKTUELT" in result.stdout


def test_nothing_asked_means_no_offer(
    at_a_terminal: Path, monkeypatch: pytest.MonkeyPatch, write_file: Write
) -> None:
    """A run whose answers file answers everything (no «Vet ikke») offers nothing."""
    asker = ScriptedAsker([])
    result = runner.invoke(
        app,
        ["shalam", "--answers", str(write_file("a.yaml", ALL_MET))],
        obj=terminal(asker, tty=True),
    )
    assert result.exit_code == 0, result.output
    assert asker.offered == []


def test_resume_offers_to_re_ask_unknown_file_answers(
    at_a_terminal: Path, monkeypatch: pytest.MonkeyPatch, write_file: Write
) -> None:
    """Yes re-asks the file's «Vet ikke» answers with «Vet ikke» preselected; --set ones stay."""
    path = write_file("a.yaml", ALL_MET.replace("true", "unknown", 2))
    asker = ScriptedAsker([True], offers=[True, False])
    result = runner.invoke(
        app,
        ["shalam", "--answers", str(path), "--set", "own_substance_use=unknown"],
        obj=terminal(asker, tty=True),
    )
    assert result.exit_code == 0, result.output
    assert asker.offered[0] == (
        "Svarfilen har svar «Vet ikke». Vil du svare på de spørsmålene på nytt?"
    )
    assert [(p.question.id, p.default) for p in asker.prompts] == [
        ("belongs_to_kristiansand", UNKNOWN)
    ]
    assert "MÅ AVKLARES" in result.stdout


@pytest.mark.parametrize(
    ("stop", "code"),
    [
        pytest.param(KeyboardInterrupt, 130, id="ctrl-c"),
        # CliRunner's stdin is no terminal: input ended there before anything was typed.
        pytest.param(EOFError, 2, id="ctrl-d"),
    ],
)
def test_stopping_at_the_re_ask_offer_stops_without_a_traceback(
    at_a_terminal: Path,
    monkeypatch: pytest.MonkeyPatch,
    write_file: Write,
    stop: type[BaseException],
    code: int,
) -> None:
    """Ctrl-C or Ctrl-D at the offer stops as at a question would, never with a traceback."""

    path = write_file("a.yaml", ALL_MET.replace("true", "unknown", 1))
    result = runner.invoke(
        app,
        ["shalam", "--answers", str(path)],
        obj=terminal(ScriptedAsker([], offers=[stop]), tty=True),
    )
    assert result.exit_code == code
    assert "Traceback" not in result.output
    if code == 130:
        assert "belongs_to_kristiansand: unknown" in result.stderr


def test_declining_to_re_ask_keeps_the_unknown_answers(
    at_a_terminal: Path, monkeypatch: pytest.MonkeyPatch, write_file: Write
) -> None:
    """No to the offer asks nothing again: the result is as the file says."""
    path = write_file("a.yaml", ALL_MET.replace("true", "unknown", 1))
    asker = ScriptedAsker([], offers=[False])
    result = runner.invoke(
        app, ["shalam", "--answers", str(path), "--format", "json"], obj=terminal(asker, tty=True)
    )
    assert result.exit_code == 0, result.output
    assert asker.prompts == []
    assert json.loads(result.stdout)["answers"]["belongs_to_kristiansand"] == "unknown"


def test_the_json_result_is_accepted_as_an_answers_file(write_file: Write) -> None:
    """--answers takes the tool's own JSON result: same answers, unknown stays unknown."""
    args = ["shalam", "--no-input", "--format", "json"]
    path = write_file("a.yaml", ALL_MET.replace("true", "unknown", 1))
    first = runner.invoke(app, [*args, "--answers", str(path)])
    assert first.exit_code == 0, first.output
    result = write_file("r.json", first.stdout)
    again = runner.invoke(app, [*args, "--answers", str(result)])
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["answers"] == json.loads(first.stdout)["answers"]
    assert json.loads(again.stdout)["answers"]["belongs_to_kristiansand"] == "unknown"


def test_a_json_result_for_another_questionnaire_says_which(write_file: Write) -> None:
    """A result of shalam given to placement is one line naming shalam and how to use it."""
    first = runner.invoke(
        app,
        [
            "shalam",
            "--no-input",
            "--format",
            "json",
            "--answers",
            str(write_file("a.yaml", ALL_MET)),
        ],
    )
    result = write_file("r.json", first.stdout)
    wrong = runner.invoke(app, ["placement", "--answers", str(result), "--no-input"])
    assert wrong.exit_code == 2
    assert "this is the result of 'shalam', not of 'placement'" in wrong.stderr
    assert f"triage shalam --answers {result}" in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1
    started = runner.invoke(app, ["start", "--answers", str(result), "--no-input"])
    assert "not of" not in started.stderr  # shalam is part of the router's chain


def test_a_result_of_an_unknown_format_version_is_refused(write_file: Write) -> None:
    """A triage-result of another version is refused in one line, not misread."""
    path = write_file("r.json", '{"format": "triage-result/9", "questionnaire": {"id": "shalam"}}')
    result = runner.invoke(app, ["shalam", "--answers", str(path), "--no-input"])
    assert result.exit_code == 2
    assert "'triage-result/9' is not a result this version reads" in result.stderr


def test_declining_to_save_prints_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saying no to saving writes nothing and prints the answers so far instead."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["shalam"], obj=terminal(ScriptedAsker([52, KeyboardInterrupt])))
    assert result.exit_code == 130
    assert list(tmp_path.iterdir()) == []
    assert "Svarene så langt:\nage: 52\n" in result.stderr


def test_saving_where_it_cannot_says_so_and_keeps_the_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be written is reported in one line, and the answers are printed."""
    asker = ScriptedAsker([52, KeyboardInterrupt], save=tmp_path / "nosuch" / "a.yaml")
    result = runner.invoke(app, ["shalam"], obj=terminal(asker))
    assert result.exit_code == 130
    assert "Kunne ikke lagre" in result.stderr
    assert "age: 52" in result.stderr


def test_going_on_after_ctrl_c_finishes_the_interview(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answering "no, go on" after Ctrl-C continues to the report."""
    asker = ScriptedAsker([34, KeyboardInterrupt, True, True, True, True], stops=[False])
    result = runner.invoke(app, ["shalam", "--format", "json"], obj=terminal(asker))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["outcome"]["id"] == "eligible"


def test_no_color_is_respected(write_file: Write) -> None:
    """With NO_COLOR (or --plain) the report has no colours, even on a colour terminal."""
    path = write_file("a.yaml", ALL_MET)
    args = ["shalam", "--answers", str(path), "--no-input"]
    coloured = runner.invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = runner.invoke(app, args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[32m" in coloured.stdout or "\x1b[1;32m" in coloured.stdout
    assert "\x1b[3" not in plain.stdout
    assert "\x1b[1;3" not in plain.stdout
    assert "AKTUELT" in plain.stdout
    flag = runner.invoke(app, [*args, "--plain"], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[3" not in flag.stdout
    assert "\x1b[1;3" not in flag.stdout


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_sixty_columns_keep_the_report_and_review_within_the_width(lang: str) -> None:
    """At 60 columns no line of the interview or the report is wider than the terminal."""
    result = runner.invoke(
        app, ["shalam", "--lang", lang], input="34\nj\nj\nj\nj\nj\n", env={"COLUMNS": "60"}
    )
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 60


def test_language_comes_from_the_environment(write_file: Write) -> None:
    """TRIAGE_LANG=en gives the English report without --lang."""
    path = write_file("a.yaml", ALL_MET)
    result = runner.invoke(
        app, ["shalam", "--answers", str(path), "--no-input"], env={"TRIAGE_LANG": "en"}
    )
    assert result.exit_code == 0
    assert "POSSIBLE" in result.stdout


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
    result = runner.invoke(app, ["explain", "nosuch", "--lang", "en"])
    assert result.exit_code == 2
    assert "no questionnaire 'nosuch'" in result.output


def test_demo_plays_every_case_without_pausing_off_a_terminal() -> None:
    """Without a terminal the demo plays all cases straight through, exit 0."""
    result = runner.invoke(app, ["demo", "pregnancy"])
    assert result.exit_code == 0, result.output
    assert result.output.count("Dette er utfallet kriteriene gir.") == 13
    assert "Eksempel 13 av 13: ingen svar" in result.output
    assert "Trykk en tast" not in result.output


def test_demo_plays_one_named_case() -> None:
    """--case NAME plays only that case."""
    result = runner.invoke(
        app, ["demo", "shalam", "--case", "17 år, ellers alt oppfylt", "--no-pause"]
    )
    assert result.exit_code == 0
    assert "Eksempel 3 av 14: 17 år, ellers alt oppfylt" in result.output
    assert "IKKE AKTUELT" in result.output


def test_demo_unknown_case_lists_the_cases() -> None:
    """An unknown --case exits 2 and names the cases there are."""
    result = runner.invoke(app, ["demo", "router", "--case", "nope"])
    assert result.exit_code == 2
    assert (
        result.output == "triage: ingen eksempler passer «nope» (se: triage demo router --list)\n"
    )


def test_start_routes_and_continues_with_answers_from_a_file(write_file: Write) -> None:
    """'triage start' with one answers file routes, carries 'pregnant' and decides the target."""
    path = write_file(
        "a.yaml",
        "pregnant: false\nsituation: coercion\nrelatives_report: true\nothers_concern: false\n"
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
    assert "--no-input, men ingen svar på: follow_up_coordinated, voluntary_help_failed" in (
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
        "pregnant: true\nrelatives_report: false\nothers_concern: false\n"
        "health_endangered_by_misuse: false\nsubstance_use_concern: false\n",
    )
    result = runner.invoke(app, ["chapter10", "--answers", str(path), "--no-input"])
    assert result.exit_code == 0, result.output
    assert "Gravid – gå videre til skjemaet om graviditet og rus" in result.output
    assert "Ingen melding om gravid og rus ut fra svarene" in result.output


def test_start_without_a_terminal_says_how_to_run_it() -> None:
    """'triage start' without a terminal or answers exits 2 with the way out."""
    result = runner.invoke(app, ["start"])
    assert result.exit_code == 2
    assert "ingen terminal å spørre i" in result.output


def test_start_rejects_answers_no_questionnaire_in_the_chain_knows(write_file: Write) -> None:
    """An answers file for start may only hold ids of the router and its targets."""
    path = write_file("a.yaml", "pregnant: false\nnosuch: true\n")
    result = runner.invoke(app, ["start", "--answers", str(path)])
    assert result.exit_code == 2
    assert "ukjent spørsmåls-id «nosuch»" in result.output


@pytest.mark.parametrize(
    ("tty", "offered", "code"),
    [
        pytest.param(False, [], 2, id="no-terminal-help"),
        pytest.param(True, ["nb"], 0, id="offer-declined"),
    ],
)
def test_bare_triage_offers_the_guide_only_at_a_terminal(
    capsys: pytest.CaptureFixture[str], tty: bool, offered: list[str], code: int
) -> None:
    """Bare 'triage' declined at a terminal, or without one, shows help (accepted: tests/e2e)."""
    asked: list[str] = []

    def decline(lang: str) -> bool:
        asked.append(lang)
        return False

    with pytest.raises(SystemExit) as exited:
        cli.main([], terminal(tty=tty, offer_start=decline))
    assert exited.value.code == code
    assert asked == offered
    shown = capsys.readouterr()
    assert "[VALG] KOMMANDO|SKJEMA" in shown.out + shown.err  # the help


def test_plain_chain_names_each_questionnaire_it_asks() -> None:
    """In plain mode a hand-over is followed by the next questionnaire's own title."""
    result = runner.invoke(app, ["chapter10", "--plain"], input="j\nn\nn\nn\nj\nj\nv\nv\nj\nn\n")
    assert result.exit_code == 0, result.output
    chapter10 = result.output.index("Tvangstiltak overfor rusmiddelavhengige (kapittel 10)")
    handover = result.output.index("Går videre til «Graviditet og rus")
    pregnancy = result.output.index("Graviditet og rus – melding til Rusteamet\n")
    assert chapter10 < handover < pregnancy
    assert "Spørsmål 2 av inntil 4: Er det kjent eller mistanke om" in result.output
    assert "Meld til Rusteamet" in result.output
    # For a screen reader: the hand-over and the result have no box drawing.
    assert "→ Neste skjema\nGår videre til «Graviditet og rus" in result.output
    assert not set("╭╮╰╯│─") & set(result.output)


def test_explain_and_demo_take_an_own_folder(tmp_path: Path) -> None:
    """explain and demo find questionnaires in --questionnaires folders; a failing case exits 1."""
    from tests.conftest import CONTACTS, SMALL

    (tmp_path / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "small.cases.yaml").write_text(
        "questionnaire: small\ncases:\n"
        "  - {name: voksen, answers: {age: 40, resident: true, wants: true}, outcome: eligible}\n"
        "  - {name: feil, answers: {age: 15}, outcome: eligible}\n",
        encoding="utf-8",
    )
    folder = ["--questionnaires", str(tmp_path)]
    explained = runner.invoke(app, ["explain", "small", "--format", "markdown", *folder])
    assert explained.exit_code == 0, explained.output
    assert explained.output.startswith("# Liten test\n")
    played = runner.invoke(app, ["demo", "small", *folder])
    assert played.exit_code == 1
    assert "Dette er utfallet kriteriene gir." in played.output
    assert "Avviker fra det eksemplet forventer" in played.output


def test_demo_without_cases_is_a_usage_error(tmp_path: Path) -> None:
    """A questionnaire without a cases file has nothing to play: exit 2 naming the file."""
    from tests.conftest import CONTACTS, SMALL

    (tmp_path / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    result = runner.invoke(app, ["demo", "small", "--questionnaires", str(tmp_path)])
    assert result.exit_code == 2
    assert "ingen eksempler for «small» (ventet filen " in result.output


def test_start_and_a_questionnaire_run_take_the_same_options() -> None:
    """'triage start' has every option of 'triage ID', in the same order, from one declaration."""
    import typer.main

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    run = [(p.name, p.opts, p.default) for p in commands["run"].params]
    start = [(p.name, p.opts, p.default) for p in commands["start"].params]
    assert run[0][0] == "questionnaire_id"
    assert run[1:] == start
    assert ("output", ["--output", "-o"], None) in start
