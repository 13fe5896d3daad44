"""The command line speaks the user's language and behaves as other command lines do."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner, Result

from triage import __version__
from triage.cli import app


def _invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, args, env=env, prog_name="triage")


@pytest.mark.parametrize(
    ("args", "nb", "en"),
    [
        pytest.param(
            ["shalam", "--format", "pdf"],
            "triage: «pdf» er ikke et gyldig valg for --format: velg rich, markdown, text, json, "
            "fhir (se triage shalam --help)",
            "triage: 'pdf' is not a choice for --format: choose rich, markdown, text, json, fhir "
            "(see triage shalam --help)",
            id="bad-choice",
        ),
        pytest.param(
            ["gravid", "--bogus"],
            "triage: ukjent valg --bogus (se triage gravid --help)",
            "triage: no such option --bogus (see triage gravid --help)",
            id="no-such-option",
        ),
        pytest.param(
            ["explain"],
            "triage: mangler ID – velg et skjema: chapter10, placement, pregnancy, router, "
            "services, shalam (se triage explain --help)",
            "triage: missing ID – pick a questionnaire: chapter10, placement, pregnancy, router, "
            "services, shalam (see triage explain --help)",
            id="missing-argument",
        ),
        pytest.param(
            ["shalam", "extra"],
            "triage: for mange argumenter: extra (se triage shalam --help)",
            "triage: unexpected extra argument: extra (see triage shalam --help)",
            id="extra-argument",
        ),
        pytest.param(
            ["contacts", "--format"],
            "triage: --format trenger en verdi (se triage contacts --help)",
            "triage: --format needs a value (see triage contacts --help)",
            id="needs-a-value",
        ),
    ],
)
def test_usage_errors_are_one_line_in_the_language_naming_the_typed_command(
    args: list[str], nb: str, en: str
) -> None:
    """A usage error is one line, bokmål by default, English with --lang en or TRIAGE_LANG."""
    norwegian = _invoke(args)
    assert norwegian.exit_code == 2
    assert norwegian.stdout == ""
    assert norwegian.stderr == nb + "\n"
    assert _invoke([*args[:1], "--lang", "en", *args[1:]]).stderr == en + "\n"
    assert _invoke(args, env={"TRIAGE_LANG": "en"}).stderr == en + "\n"


def test_help_is_norwegian_by_default_and_english_on_request() -> None:
    """Command and option help, and click's own words, follow the language."""
    norwegian = _invoke(["shalam", "--help"])
    assert norwegian.exit_code == 0
    assert norwegian.output.startswith("Bruk: triage shalam [VALG]")
    for text in ("Valg:", "Spør aldri; svar som mangler, er en feil.", "Vis denne hjelpen"):
        assert text in norwegian.output
    assert "Options" not in norwegian.output
    assert "Hele skjemaet, uten å spørre: triage explain shalam." in " ".join(
        norwegian.output.split()
    )
    assert "Tastene i intervjuet: j/n/v" in norwegian.output
    english = _invoke(["shalam", "--help", "--lang", "en"])
    assert english.output.startswith("Usage: triage shalam [OPTIONS]")
    assert "Never prompt; missing answers are an error." in english.output


def test_top_level_help_lists_questionnaires_and_keys_without_cutting() -> None:
    """'triage -h' names each questionnaire with its alias and title, the keys, no «…»."""
    result = _invoke(["-h"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert re.search(
        r"\n    pregnancy, gravid +Graviditet og rus – melding til Rusteamet\n", result.output
    )
    assert re.search(
        r"\n    shalam +Ut av det – sosialfaglig avgiftning ved Shalam\n", result.output
    )
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "Tastene i intervjuet: j/n/v" in result.output
    assert "..." not in result.output.split("\n", 1)[1]  # only the usage line has ARGS...
    assert "…" not in result.output
    assert "Kommandoer:" in result.output


def test_h_and_help_are_the_same() -> None:
    """-h is --help, for the group and for every command."""
    assert _invoke(["-h"]).output == _invoke(["--help"]).output
    assert _invoke(["demo", "-h"]).output == _invoke(["demo", "--help"]).output


def test_version_prints_the_version() -> None:
    """--version prints 'triage VERSION' and exits 0."""
    result = _invoke(["--version"])
    assert result.exit_code == 0
    assert result.output == f"triage {__version__}\n"


def test_help_command_shows_the_help_of_a_command_or_questionnaire() -> None:
    """'triage help' is --help; 'triage help demo' the demo's; 'triage help gravid' running it."""
    assert _invoke(["help"]).output == _invoke(["--help"]).output
    demo = _invoke(["help", "demo"])
    assert demo.output.startswith("Bruk: triage demo [VALG]")
    gravid = _invoke(["help", "gravid", "--lang", "en"])
    assert gravid.output.startswith("Usage: triage gravid [OPTIONS]")
    unknown = _invoke(["help", "nosuch"])
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("triage: finner ikke skjemaet «nosuch»")


def test_list_in_english() -> None:
    """'triage list --lang en' has English headings and titles."""
    result = _invoke(["list", "--lang", "en"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    header = next(line for line in result.output.splitlines() if "title" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")] == [
        "id",
        "aliases",
        "title",
        "questions",
        "from",
    ]
    assert "Pregnancy and substance use" in result.output
    assert "built in" in result.output


def test_help_shows_no_developer_notation() -> None:
    """Usage and options read as words: no {ID}, <str>, [[...]], and placeholders in bokmål."""
    shalam = _invoke(["shalam", "-h"]).output
    assert shalam.splitlines()[0] == "Bruk: triage shalam [VALG]"  # its ID is given already
    assert "--answers FIL " in shalam
    assert "--lang nb|en " in shalam
    contacts = _invoke(["contacts", "-h"]).output
    assert contacts.splitlines()[0] == "Bruk: triage contacts [VALG] [SØK]"
    demo = _invoke(["demo", "-h", "--lang", "en"]).output
    assert demo.splitlines()[0] == "Usage: triage demo [OPTIONS] ID"
    assert "--case NUMBER|NAME" in demo
    for text in (shalam, contacts, demo):
        assert "<str>" not in text
        assert "{" not in text


@pytest.mark.parametrize(
    ("setting", "nb", "en"),
    [
        pytest.param(
            "age=old",
            "svaret på «age» må være et helt tall (0–120) eller «vet ikke», ikke «old»",
            "the answer to 'age' must be a whole number (0–120) or unknown, not 'old'",
            id="number",
        ),
        pytest.param(
            "wants_change=kanskje",
            "svaret på «wants_change» må være ja, nei eller «vet ikke», ikke «kanskje»",
            "the answer to 'wants_change' must be true, false or unknown, not 'kanskje'",
            id="yes-no",
        ),
        pytest.param(
            "agee=3",
            "ukjent spørsmåls-id «agee» (mente du «age»?)",
            "unknown question id 'agee' (did you mean 'age'?)",
            id="unknown-id",
        ),
    ],
)
def test_answers_that_do_not_fit_are_told_in_the_language(setting: str, nb: str, en: str) -> None:
    """A --set (or answers file) value that does not fit says what would, in the user's language."""
    prefix = f"triage: --set {setting}: "
    assert _invoke(["shalam", "--set", setting, "--no-input"]).stderr == prefix + nb + "\n"
    english = _invoke(["shalam", "--set", setting, "--no-input", "--lang", "en"])
    assert english.stderr == prefix + en + "\n"


def test_lang_before_the_command_counts_too() -> None:
    """'triage --lang en list' is English; a command's own --lang wins over it."""
    listed = _invoke(["--lang", "en", "list"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0
    assert "questions" in listed.output
    own = _invoke(["--lang", "en", "list", "--lang", "nb"], env={"COLUMNS": "200"})
    assert "spørsmål" in own.output
    alone = _invoke(["--lang", "en"])
    assert alone.exit_code == 2
    assert alone.stderr == (
        "triage: missing a command or questionnaire, e.g. triage start (see triage --help)\n"
    )
