"""'triage validate': one broken file per check, each with the exact line it prints.

The proofs' example answers are fed back through 'triage q --answers FILE --no-input
--format json' to show they really reproduce what the line says.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CONTACTS, terminal
from triage.check import proofs
from triage.check.validation import validate
from triage.cli import app
from triage.core.hours import OSLO
from triage.load.catalog import Catalog, questionnaire_files, shipped_dir

runner = CliRunner()

#: The test contacts, every text translated so the folder itself validates cleanly.
TRANSLATED_CONTACTS = CONTACTS.replace(
    "{nb: Ruskonsulent}", "{nb: Ruskonsulent, en: Substance-abuse consultant}"
)

VALID = """\
id: q
title: {nb: Test, en: Test}
description: {nb: Et skjema for tester., en: A questionnaire for tests.}
version: "1.0"
source: {pages: [page]}
questions:
  - id: age
    kind: number
    min: 0
    max: 120
    text: {nb: Alder, en: Age}
  - id: resident
    kind: yes_no
    text: {nb: Bor i kommunen, en: Lives in the municipality}
  - id: housing
    kind: choice
    when: resident
    text: {nb: Bolig, en: Housing}
    choices:
      - {value: own, text: {nb: Egen bolig, en: Own home}}
      - {value: none, text: {nb: Uten bolig, en: No home}}
outcomes:
  - id: out
    level: negative
    title: {nb: Ikke aktuelt, en: Not applicable}
    summary: {nb: Et kriterium er ikke oppfylt., en: A criterion is not met.}
    when: age < 18 or not resident
    contacts: [nav]
  - id: homeless
    level: positive
    title: {nb: Aktuelt, en: Applicable}
    summary: {nb: Uten bolig., en: No home.}
    when: age >= 18 and resident and housing == "none"
    contacts: [team]
  - id: housed
    level: information
    title: {nb: Har bolig, en: Has a home}
    summary: {nb: Har egen bolig., en: Has a home of their own.}
    when: age >= 18 and resident and housing == "own"
    contacts: [team, nav]
clarify:
  contacts: [team]
"""


#: The moment the command line's clock reads in these tests: the checked dates stay fresh.
NOW = dt.datetime(2026, 11, 27, 10, 0, tzinfo=OSLO)
#: The command line with that clock, passed as click's ``obj``.
CLOCK = terminal(now=lambda: NOW)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the translated test contacts; commands run inside it."""
    (tmp_path / "contacts.yaml").write_text(TRANSLATED_CONTACTS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    return tmp_path


def _validate(*args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["validate", *args], obj=CLOCK)
    return result.exit_code, result.stdout.splitlines()


def _change(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


#: 'homeless' without its age limit: a minor with no home meets 'out' and 'homeless' both.
OVERLAPPING = _change(
    'when: age >= 18 and resident and housing == "none"', 'when: resident and housing == "none"'
)


def test_overlapping_outcomes_are_a_warning_with_answers_that_show_it(folder: Path) -> None:
    """Two outcomes that can both hold are a located warning naming the one order picks."""
    (folder / "q.yaml").write_text(OVERLAPPING, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 0
    head = (
        "q.yaml:29:5: warning: outcomes 'out' and 'homeless' can both hold, and then 'out' "
        "wins only because it comes first, e.g. for {age: "
    )
    assert lines[0].startswith(head)
    assert lines[0].endswith(', resident: true, housing: "none"}')
    assert int(lines[0][len(head) :].split(",")[0]) < 18
    assert lines[1:] == [
        "  hint: if 'out' is meant to win, add before: [homeless] to 'out'; otherwise make the "
        "conditions exclude each other",
        "checked 1 file, 1 proved: 0 errors, 1 warning",
    ]


def test_before_marks_an_overlap_as_intended_a_note_shown_on_request(folder: Path) -> None:
    """'before: [homeless]' on 'out' turns the warning into a note that --notes lists."""
    marked = OVERLAPPING.replace("contacts: [nav]\n", "contacts: [nav]\n    before: [homeless]\n")
    (folder / "q.yaml").write_text(marked, encoding="utf-8")
    assert _validate("q.yaml") == (0, ["checked 1 file, 1 proved: 0 errors, 0 warnings"])
    code, lines = _validate("q.yaml", "--notes")
    assert code == 0
    assert lines[0].startswith(
        "q.yaml:30:5: note: outcome 'homeless' can hold together with 'out', which wins as "
        "'before' says, e.g. for {age: "
    )
    assert lines[1:] == ["checked 1 file, 1 proved: 0 errors, 0 warnings"]


def test_valid_questionnaire_is_clean(folder: Path) -> None:
    """The base file of these tests has no problem at all: each case below adds one."""
    (folder / "q.yaml").write_text(VALID, encoding="utf-8")
    assert _validate("q.yaml") == (0, ["checked 1 file, 1 proved: 0 errors, 0 warnings"])


BROKEN = [
    # 1. YAML
    pytest.param(
        ("title: {nb: Test, en: Test}", "title: [Test"),
        "q.yaml:3:12: error: YAML syntax error: expected ',' or ']', but got ':'",
        "",
        id="yaml-syntax",
    ),
    pytest.param(
        ('version: "1.0"', 'version: "1.0"\nversion: "2.0"'),
        "q.yaml:5:1: error: duplicate key 'version' (first at line 4)",
        "remove one of them",
        id="duplicate-key",
    ),
    pytest.param(
        ("contacts: [team, nav]", "contacts: &both [team, nav]"),
        "q.yaml:40:15: error: anchors (&name) are not allowed: write the value out",
        "",
        id="anchor",
    ),
    pytest.param(
        ("clarify:\n", "# " + "x" * 1_000_000 + "\nclarify:\n"),
        "q.yaml: error: file is larger than 1 MB",
        "split it up",
        id="size",
    ),
    # 2. The format
    pytest.param(
        ("    when: resident\n", "    wen: resident\n"),
        "q.yaml:17:5: error: unknown key 'wen' in a question",
        "did you mean 'when'?",
        id="unknown-key",
    ),
    pytest.param(
        ("    min: 0", "    min: zero"),
        "q.yaml:9:10: error: 'min' must be a whole number",
        "",
        id="wrong-type",
    ),
    pytest.param(
        ("    level: negative\n", ""),
        "q.yaml:23:5: error: an outcome is missing required key 'level'",
        "",
        id="missing-key",
    ),
    pytest.param(
        ('version: "1.0"', "version:"),
        "q.yaml:4:9: error: 'version' is empty",
        "give it a value",
        id="empty-value",
    ),
    pytest.param(
        ("id: q\n", "id:\n"),
        "q.yaml:1:4: error: 'id' is empty",
        "give it a value",
        id="empty-id",
    ),
    pytest.param(
        ("    kind: yes_no", "    kind: yesno"),
        "q.yaml:13:11: error: unknown question kind 'yesno'",
        "did you mean 'yes_no'?",
        id="question-kind",
    ),
    pytest.param(
        ("text: {nb: Alder, en: Age}", "text: {en: Age}"),
        "q.yaml:11:11: error: 'text' has no bokmål text",
        "add an 'nb:' entry",
        id="nb-missing",
    ),
    pytest.param(
        ("id: q\n", "id: list\n"),
        "q.yaml:1:5: error: id 'list' is a built-in command",
        "choose another id",
        id="reserved-id",
    ),
    pytest.param(
        ("id: q\n", "id: other\n"),
        "q.yaml:1:5: error: id 'other' does not match the file name 'q.yaml'",
        "rename the file to other.yaml: 'triage ID' finds a questionnaire by its file name",
        id="id-vs-file-name",
    ),
    # 3. References
    pytest.param(
        ("when: age < 18 or not resident", "when: age < 18 or not resdent"),
        "q.yaml:27:11: error: unknown question id 'resdent' in condition (did you mean "
        "'resident'?)",
        "",
        id="unknown-question-id",
    ),
    pytest.param(
        ("contacts: [nav]", "contacts: [nva]"),
        "q.yaml:28:16: error: unknown contact id 'nva'",
        "did you mean 'nav'?",
        id="unknown-contact-id",
    ),
    pytest.param(
        ("contacts: [nav]", "contacts: [nav]\n    before: [homles]"),
        "q.yaml:29:14: error: unknown outcome id 'homles' in 'before'",
        "did you mean 'homeless'?",
        id="before-unknown-outcome",
    ),
    pytest.param(
        ("contacts: [team]\n", "contacts: [team]\n    before: [out]\n"),
        "q.yaml:35:14: error: 'before' names 'out', which does not come after 'homeless'",
        "an outcome can only win over later ones: list it in the earlier outcome's 'before', "
        "or move the outcomes",
        id="before-earlier-outcome",
    ),
    pytest.param(
        ('housing == "none"', 'housing == "nothing"'),
        "q.yaml:33:11: error: 'nothing' is not a choice of 'housing' (choices: own, none)",
        "",
        id="choice-value",
    ),
    pytest.param(
        ("or not resident", "or resident == 1"),
        "q.yaml:27:11: error: 'resident' is a yes/no question: write 'resident' or "
        "'not resident', not == 1",
        "",
        id="yes-no-vs-number",
    ),
    pytest.param(
        ("  - id: housed\n", "  - id: homeless\n"),
        "q.yaml:35:9: error: duplicate outcome id 'homeless' (first at line 29)",
        "",
        id="duplicate-id",
    ),
    pytest.param(
        ("    when: resident\n", '    when: resident and housing == "own"\n'),
        "q.yaml:17:11: error: question 'housing' has a 'when' that refers to itself",
        "",
        id="when-refers-to-itself",
    ),
    pytest.param(
        ("    text: {nb: Alder, en: Age}", "    text: {nb: Alder, en: Age}\n    when: resident"),
        "q.yaml:12:11: error: 'when' of 'age' refers to 'resident', which is asked later",
        "a question may only depend on questions before it",
        id="when-refers-to-later",
    ),
]


@pytest.mark.parametrize(("change", "line", "hint"), BROKEN)
def test_each_check_prints_its_exact_line(
    folder: Path, change: tuple[str, str], line: str, hint: str
) -> None:
    """A file with one mistake gives exactly that located line (and hint), exit 1."""
    (folder / "q.yaml").write_text(_change(*change), encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    assert lines[0] == line
    assert lines[1:-1] == ([f"  hint: {hint}"] if hint else [])
    assert lines[-1].endswith(": 1 error, 0 warnings")


def test_a_text_without_english_is_a_warning_only(folder: Path) -> None:
    """A text without 'en' is a warning: printed with its hint, exit 0 (1 with --strict)."""
    (folder / "q.yaml").write_text(_change("{nb: Alder, en: Age}", "Alder"), encoding="utf-8")
    expected = [
        "q.yaml:11:11: warning: 'text' has no 'en' text",
        "  hint: add an 'en:' entry; until then --lang en shows the bokmål",
        "checked 1 file, 1 proved: 0 errors, 1 warning",
    ]
    assert _validate("q.yaml") == (0, expected)
    assert _validate("--strict", "q.yaml") == (1, expected)


def test_all_problems_are_reported_not_only_the_first(folder: Path) -> None:
    """Several mistakes in one file are all reported, in line order."""
    text = _change("    kind: yes_no", "    kind: yesno").replace(
        "contacts: [nav]", "contacts: [x]"
    )
    (folder / "q.yaml").write_text(text, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    assert [line for line in lines if not line.startswith(" ")] == [
        "q.yaml:13:11: error: unknown question kind 'yesno'",
        "q.yaml:28:16: error: unknown contact id 'x'",
        "checked 1 file: 2 errors, 0 warnings",
    ]


def test_contacts_and_cases_files_are_checked(folder: Path) -> None:
    """A folder's contacts and cases files are validated too, each problem located."""
    (folder / "q.yaml").write_text(VALID, encoding="utf-8")
    (folder / "contacts.yaml").write_text(
        TRANSLATED_CONTACTS.replace('phone: "46960239"', "phone: 4696-0239"), encoding="utf-8"
    )
    (folder / "q.cases.yaml").write_text(
        "questionnaire: q\ncases:\n  - name: a\n    answers: {age: 3}\n    outcome: otu\n",
        encoding="utf-8",
    )
    (folder / "old.yml").write_text("id: old\n", encoding="utf-8")
    code, lines = _validate(".")
    assert code == 1
    assert lines == [
        "contacts.yaml:20:12: error: phone '4696-0239' must be digits (spaces allowed)",
        '  hint: quote it: phone: "46960239"',
        "q.cases.yaml:5:14: error: unknown outcome 'otu'",
        "  hint: did you mean 'out'?",
        "old.yml: warning: ignored: questionnaire, contacts and cases files end in .yaml",
        "  hint: rename it to old.yaml",
        "checked 3 files, 1 proved: 2 errors, 1 warning",
    ]


def test_cases_file_without_its_questionnaire(folder: Path) -> None:
    """A cases file with no questionnaire beside it says which file is missing."""
    (folder / "gone.cases.yaml").write_text("questionnaire: gone\ncases: []\n", encoding="utf-8")
    assert _validate("gone.cases.yaml") == (
        1,
        [
            "gone.cases.yaml: error: no questionnaire gone.yaml beside this cases file",
            "  hint: a cases file is named after its questionnaire: ID.cases.yaml",
            "checked 1 file: 1 error, 0 warnings",
        ],
    )


def test_missing_path_is_a_usage_error(folder: Path) -> None:
    """A path that does not exist exits 2 with one clear line."""
    result = runner.invoke(app, ["validate", "nope.yaml"], obj=CLOCK)
    assert result.exit_code == 2
    assert "triage: nope.yaml: no such file or folder" in result.output


def test_default_is_the_questionnaires_in_use_and_they_are_clean(folder: Path) -> None:
    """Without paths, validate checks the shipped folder plus added ones; shipped is clean."""
    files = len(list(shipped_dir().glob("*.yaml")))
    proved = len(questionnaire_files(shipped_dir()))
    assert _validate() == (0, [f"checked {files} files, {proved} proved: 0 errors, 0 warnings"])
    (folder / "q.yaml").write_text(VALID, encoding="utf-8")
    code, lines = _validate("--questionnaires", str(folder))
    summary = f"checked {files + 2} files, {proved + 1} proved: 0 errors, 0 warnings"
    assert (code, lines) == (0, [summary])


def test_without_the_solver_it_says_what_it_skipped(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without z3 every other check still runs, and stderr says how to install the solver."""
    monkeypatch.setattr(proofs, "available", lambda: False)
    (folder / "q.yaml").write_text(VALID, encoding="utf-8")
    result = runner.invoke(app, ["validate", "q.yaml"], obj=CLOCK)
    assert result.exit_code == 0
    assert result.stdout == "checked 1 file: 0 errors, 0 warnings\n"
    assert result.stderr == (
        "proofs skipped for q: z3-solver is not installed "
        "(install it with: pip install 'rus-triage[proofs]')\n"
    )


# --------------------------------------------------------------------------- proofs


def _run(folder: Path, answers: str) -> dict[str, object]:
    """Run the questionnaire q on answers printed by validate, as a user would."""
    path = folder / "answers.yaml"
    path.write_text(answers + "\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "q",
            "--questionnaires",
            str(folder),
            "--answers",
            str(path),
            "--no-input",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _example(line: str) -> str:
    (answers,) = re.findall(r"\{[^{}]*\}", line)
    return answers


GAP = _change(
    'when: age >= 18 and resident and housing == "own"',
    'when: age >= 30 and resident and housing == "own"',
)


def test_gap_example_gives_clarify_with_every_question_answered(folder: Path) -> None:
    """The gap's answers, run with --no-input, really end in clarify."""
    (folder / "q.yaml").write_text(GAP, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    assert lines[0] == "q.yaml:22:1: error: gap: no outcome holds for " + _example(lines[0])
    assert lines[1] == (
        "  hint: add an outcome for these answers or widen a condition; a last outcome with "
        "'when: true' catches the rest"
    )
    document = _run(folder, _example(lines[0]))
    assert document["outcome"] == {**document["outcome"], "id": "clarify"}  # type: ignore[dict-item]
    answers = document["answers"]
    assert isinstance(answers, dict)
    assert 18 <= answers["age"] < 30
    assert answers["resident"] is True
    assert answers["housing"] == "own"


def test_gap_from_a_skipped_question_names_the_open_outcome(folder: Path) -> None:
    """An outcome needing a skipped question is named; its answers give clarify too."""
    text = _change("when: age < 18 or not resident", 'when: age < 18 or housing == "own"')
    (folder / "q.yaml").write_text(text, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    example = _example(lines[0])
    assert lines[0] == (
        f"q.yaml:23:5: error: gap: outcome 'out' is neither true nor false for {example}, so "
        "the result is 'clarify' although every question asked was answered"
    )
    assert _run(folder, example)["outcome"]["id"] == "clarify"  # type: ignore[index]


def test_dead_outcome_example_gives_the_earlier_outcome(folder: Path) -> None:
    """A shadowed outcome is named with answers where the earlier one wins, as the run shows."""
    adult = (
        "  - id: adult\n"
        "    level: positive\n"
        "    title: {nb: Voksen, en: Adult}\n"
        "    summary: {nb: V, en: A}\n"
        "    when: age >= 18 and resident\n"
        "    contacts: [team]\n"
    )
    text = _change("  - id: homeless\n", adult + "  - id: homeless\n")
    (folder / "q.yaml").write_text(text, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    dead = [line for line in lines if "never the result" in line]
    assert len(dead) == 2
    example = _example(dead[0])
    assert dead[0] == (
        "q.yaml:35:5: error: outcome 'homeless' is never the result: where its condition "
        f"holds, the result is 'adult', e.g. {example}"
    )
    document = _run(folder, example)
    assert document["outcome"]["id"] == "adult"  # type: ignore[index]
    assert document["answers"]["housing"] == "none"  # type: ignore[index]


def test_dead_outcome_that_needs_a_skipped_question(folder: Path) -> None:
    """An outcome needing a question the flow skips names it; the run drops that answer."""
    text = _change("    when: resident\n", "    when: not resident\n")
    (folder / "q.yaml").write_text(text, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    (line,) = [line for line in lines if "'homeless' is never" in line]
    example = _example(line)
    assert line == (
        "q.yaml:29:5: error: outcome 'homeless' is never the result: its condition needs "
        f"'housing', which is not asked then, e.g. {example}"
    )
    document = _run(folder, example)
    assert document["outcome"]["id"] != "homeless"  # type: ignore[index]
    assert document["dropped"] == ["housing"]


def test_outcome_whose_condition_never_holds(folder: Path) -> None:
    """A contradictory condition is reported as never holding (no example can show it)."""
    text = _change(
        'when: age >= 18 and resident and housing == "own"', "when: age > 18 and age < 10"
    )
    text = text.replace('housing == "none"', 'housing in ("none", "own")')
    (folder / "q.yaml").write_text(text, encoding="utf-8")
    code, lines = _validate("q.yaml")
    start = next(i for i, line in enumerate(lines) if "'housed' is never" in line)
    assert (code, lines[start : start + 2]) == (
        1,
        [
            "q.yaml:35:5: error: outcome 'housed' is never the result: its condition can "
            "never hold",
            "  hint: check it for a contradiction, e.g. age < 18 and age >= 18",
        ],
    )


def test_unreachable_question(folder: Path) -> None:
    """A 'when' that contradicts an earlier question's range is never asked."""
    text = _change("    when: resident\n", "    when: resident and age > 200\n")
    (folder / "q.yaml").write_text(text, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    assert lines[:2] == [
        "q.yaml:15:5: error: question 'housing' is never asked: its 'when' can never hold",
        "  hint: check it against the earlier questions' min, max and choices, and for a "
        "contradiction such as a and not a",
    ]


def test_idle_question_is_a_warning_whose_answers_change_nothing(folder: Path) -> None:
    """A question no condition uses is a warning; each of its answers gives the same result."""
    text = _change(
        "outcomes:\n",
        "  - id: smokes\n    kind: yes_no\n    text: {nb: Røyker, en: Smokes}\noutcomes:\n",
    )
    (folder / "q.yaml").write_text(text, encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 0
    example = _example(lines[0])
    assert lines == [
        "q.yaml:22:5: warning: question 'smokes' never changes the result: every answer to "
        f"it gives the same outcome and notes, e.g. for {example}",
        "  hint: use it in a criterion, an outcome or a note, or remove it",
        "checked 1 file, 1 proved: 0 errors, 1 warning",
    ]
    outcomes = {
        _run(folder, example.replace(f"smokes: {value}", f"smokes: {other}"))["outcome"]["id"]  # type: ignore[index]
        for value in ("true", "false")
        for other in ("true", "false")
        if f"smokes: {value}" in example
    }
    assert len(outcomes) == 1


def test_outcome_without_contact_names_answers_that_give_it(folder: Path) -> None:
    """An outcome with no contact is an error; its example answers give it, with no contact."""
    (folder / "q.yaml").write_text(_change("    contacts: [team, nav]\n", ""), encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    example = _example(lines[0])
    assert lines[:2] == [
        f"q.yaml:35:5: error: outcome 'housed' names no contact, e.g. for {example}",
        "  hint: add contacts: [ID, ...] so the report says whom to contact next",
    ]
    document = _run(folder, example)
    assert document["outcome"]["id"] == "housed"  # type: ignore[index]
    assert document["contacts"] == []


def test_clarify_without_contact(folder: Path) -> None:
    """A questionnaire whose clarify names nobody is an error at its 'clarify' key."""
    (folder / "q.yaml").write_text(
        _change("clarify:\n  contacts: [team]\n", "clarify:\n  summary: {nb: S, en: S}\n"),
        encoding="utf-8",
    )
    code, lines = _validate("q.yaml")
    assert (code, lines[:2]) == (
        1,
        [
            "q.yaml:41:1: error: 'clarify' names no contact",
            "  hint: add clarify: {contacts: [ID, ...]} so an unclear case says whom to ask",
        ],
    )


def test_validation_returns_results_without_printing(folder: Path) -> None:
    """validate() is pure: it returns the problems and what it proved, and prints nothing."""
    (folder / "q.yaml").write_text(VALID, encoding="utf-8")
    result = validate([folder / "q.yaml"], Catalog(), display=lambda p: p.name)
    assert (result.problems, result.files, result.proved, result.unproved) == (
        (),
        ("q.yaml",),
        ("q",),
        (),
    )


STALE_CONTACTS = (
    TRANSLATED_CONTACTS.replace(
        "published: 2015-12-08\n", "published: 2015-12-08\n    retrieved: 2025-10-01\n"
    )
    .replace("    checked: 2026-11-23\n  - id: nav", "    checked: 2025-11-27\n  - id: nav")
    .replace("    checked: 2026-11-23\n", "    checked: 2025-11-26\n")
)


def test_contact_and_page_older_than_twelve_months_are_warnings_at_their_date(
    folder: Path,
) -> None:
    """A date more than 12 months before today warns at its line; exactly 12 months does not."""
    (folder / "contacts.yaml").write_text(STALE_CONTACTS, encoding="utf-8")
    code, lines = _validate("contacts.yaml")
    assert (code, lines) == (
        0,
        [
            "contacts.yaml:6:16: warning: source 'page' was retrieved 2025-10-01, more than "
            "12 months ago",
            "  hint: save the page again, compare it with 'triage sources check FILE --page "
            "page', then set 'retrieved' to that day",
            "contacts.yaml:23:14: warning: contact 'nav' was checked 2025-11-26, more than "
            "12 months ago",
            "  hint: check the details against the source (or the service), then set "
            "'checked' to that day",
            "checked 1 file: 0 errors, 2 warnings",
        ],
    )
    assert _validate("--strict", "contacts.yaml")[0] == 1


def test_staleness_follows_the_clock_it_is_given(folder: Path) -> None:
    """validate() reads no clock: without 'now' no date is stale; a day earlier nothing is."""
    (folder / "contacts.yaml").write_text(STALE_CONTACTS, encoding="utf-8")
    path = [folder / "contacts.yaml"]
    assert validate(path, Catalog()).problems == ()
    day_before = NOW - dt.timedelta(days=1)
    assert [p.line for p in validate(path, Catalog(), now=day_before).problems] == [6]
    assert [p.line for p in validate(path, Catalog(), now=NOW).problems] == [6, 23]


def test_cases_of_a_broken_questionnaire_are_not_checked(folder: Path) -> None:
    """Validating only a cases file whose questionnaire is broken says to validate that."""
    (folder / "q.yaml").write_text(_change("    kind: yes_no", "    kind: yesno"), encoding="utf-8")
    (folder / "q.cases.yaml").write_text("questionnaire: q\ncases: []\n", encoding="utf-8")
    assert _validate("q.cases.yaml") == (
        0,
        [
            "q.cases.yaml: warning: not checked: q.yaml has errors",
            "  hint: run 'triage validate q.yaml'",
            "checked 1 file: 0 errors, 1 warning",
        ],
    )


def test_a_solver_that_gives_up_is_a_warning_not_a_finding(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When z3 answers 'unknown', nothing is claimed: one warning says the proof is missing."""
    import z3

    monkeypatch.setattr(z3.Solver, "check", lambda self, *args: z3.unknown)
    monkeypatch.setattr(z3.Solver, "reason_unknown", lambda self: "timeout")
    (folder / "q.yaml").write_text(VALID, encoding="utf-8")
    assert _validate("q.yaml") == (
        0,
        [
            "q.yaml: warning: proofs stopped: a query took more than 10 s; not proved: no gap,"
            " no dead outcome, no unreachable question, no idle question, "
            "no legal basis beside a failed criterion it names, which outcomes overlap",
            "  hint: the other checks ran; a smaller questionnaire proves faster",
            "checked 1 file: 0 errors, 1 warning",
        ],
    )


LEGAL = """\
criteria:
  - {id: adult, text: {nb: Voksen (§ 10-2), en: Adult (section 10-2)}, when: age >= 18}
outcomes:
  - id: out
    level: negative
    title: {nb: Ikke aktuelt, en: Not applicable}
    summary: {nb: Et kriterium er ikke oppfylt., en: A criterion is not met.}
    when: age < 18 or not resident
    contacts: [nav]
    legal_basis:
      - {law: {nb: loven, en: the Act}, section: "§ 10-2"WHEN}
"""


def _legal_file(when: str) -> str:
    text = VALID.replace("outcomes:\n", LEGAL.replace("WHEN", when), 1)
    # Drop the original first outcome: LEGAL brings its own.
    start = text.index("  - id: out\n", text.index("legal_basis"))
    end = text.index("  - id: homeless")
    return text[:start] + text[end:]


def test_legal_basis_beside_a_failed_criterion_naming_it_is_a_warning(folder: Path) -> None:
    """A basis shown where a criterion naming its section fails is a warning with an example."""
    (folder / "q.yaml").write_text(_legal_file(""), encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 0
    assert "warning: legal basis § 10-2 of outcome 'out' is shown although criterion " in lines[0]
    assert "'adult', which names it, is not met" in lines[0]
    result = _run(folder, _example(lines[0]))
    assert result["outcome"]["id"] == "out"  # type: ignore[index]
    assert [b["section"] for b in result["legal_basis"]] == ["§ 10-2"]  # type: ignore[index]


def test_legal_basis_with_a_fitting_when_is_clean(folder: Path) -> None:
    """Giving the basis a 'when' that needs the criterion silences the warning."""
    (folder / "q.yaml").write_text(_legal_file(", when: adult"), encoding="utf-8")
    assert _validate("q.yaml") == (0, ["checked 1 file, 1 proved: 0 errors, 0 warnings"])


def test_legal_basis_when_naming_an_unknown_question_is_located(folder: Path) -> None:
    """A basis 'when' is checked like other conditions, with file:line:col."""
    (folder / "q.yaml").write_text(_legal_file(", when: adulthood"), encoding="utf-8")
    code, lines = _validate("q.yaml")
    assert code == 1
    assert re.match(r"q\.yaml:\d+:\d+: error: .*adulthood", lines[0])


@pytest.mark.parametrize(
    ("text", "named"),
    [("Helsen i fare (§ 10-2)", True), ("§ 10-21", False), ("§§ 10-2 eller 10-3", False)],
)
def test_a_criterion_names_a_section_as_written(text: str, named: bool) -> None:
    """'Names' means the criterion text holds the section as written, not a longer number."""
    assert proofs.names_section(text, "§ 10-2") is named
