"""Hostile and broken input to the core (issue 12): each gives located errors, never a crash.

Loading, checking and proving: reserved choice values, surrogates, huge numbers, ids that
are not text, sign chains, non-ASCII names, libyaml/PyYAML agreement.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CONTACTS, SMALL
from triage.core import conditions as cond
from triage.core.errors import AnswersError, QuestionnaireError
from triage.core.model import UNKNOWN, Choice, Directory, Question, QuestionKind, Text
from triage.load.answers import (
    UNKNOWN_SPELLINGS,
    coerce_answer,
    load_answers,
    parse_answers,
    yaml_string,
)
from triage.load.questionnaire import check_questionnaire
from triage.load.yamlfile import parse_yaml

#: The last stages of the proofs, named in a warning when the time budget ends them early.
LEGAL_STAGE = "no legal basis beside a failed criterion it names, which outcomes overlap"

Write = Callable[[str, str], Path]

CHOICE_Q = """\
id: chq
title: Valg
description: Et valg.
version: "1"
source: {{pages: [page]}}
questions:
  - id: c
    kind: choice
    text: Hvilket?
    choices:
      - {{value: {first}, text: Første}}
      - {{value: other, text: Andre}}
outcomes:
  - {{id: o, level: information, title: t, summary: s, when: 'c == "other"', contacts: [nav]}}
"""


def _errors(path: Path, directory: Directory) -> list[str]:
    return [p.format() for p in check_questionnaire(path, directory, display="q.yaml").problems]


def _choice_question(*values: str) -> Question:
    choices = tuple(Choice(v, Text((("nb", v),))) for v in values)
    return Question("c", QuestionKind.CHOICE, Text((("nb", "Hvilket?"),)), choices=choices)


# --------------------------------------------------------------------------- D1


@pytest.mark.parametrize(
    "value", ['"v"', '"?"', "Unknown", '"Vet ikke"', "UKJENT", "d", '"don\'t know"', '" V "']
)
def test_choice_value_read_as_unknown_is_refused(
    value: str, write_file: Write, directory: Directory
) -> None:
    """A choice value that answers files would read as «Vet ikke» is a located error."""
    errors = _errors(write_file("q.yaml", CHOICE_Q.format(first=value)), directory)
    assert len(errors) == 1
    assert errors[0].startswith("q.yaml:11:17: error: choice value ")
    assert ("is read as «Vet ikke» in answers" in errors[0]) or ("spaces" in errors[0])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('" own"', "choice value ' own' has spaces at its start or end"),
        ('"x\\x7fy"', "choice value 'x\\x7fy' contains control or invisible characters"),
        ('"a\\u2028b"', "choice value 'a\\u2028b' contains control or invisible characters"),
        ('"a\\u200bb"', "choice value 'a\\u200bb' contains control or invisible characters"),
    ],
)
def test_choice_value_that_cannot_round_trip_is_refused(
    value: str, message: str, write_file: Write, directory: Directory
) -> None:
    """Edge spaces and control or invisible characters in a choice value are refused."""
    errors = _errors(write_file("q.yaml", CHOICE_Q.format(first=value)), directory)
    assert [e for e in errors if ": error: " in e] == [f"q.yaml:11:17: error: {message}"]


def test_exact_choice_value_wins_over_unknown_spelling() -> None:
    """A listed value is read as itself, even one that spells «Vet ikke»."""
    question = _choice_question("v", "other")
    assert coerce_answer(question, "v") == "v"
    assert coerce_answer(question, "V") is UNKNOWN
    assert coerce_answer(question, "unknown") is UNKNOWN


def test_every_unknown_spelling_is_read_as_unknown() -> None:
    """Each reserved spelling, in any case and with spaces, is «Vet ikke» in answers."""
    question = _choice_question("a", "b")
    for spelling in UNKNOWN_SPELLINGS:
        assert coerce_answer(question, f" {spelling.upper()} ") is UNKNOWN


@given(st.text(max_size=30))
def test_yaml_string_reads_back_exactly(text: str) -> None:
    """Any text without surrogates, written by yaml_string, is read back unchanged."""
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return
    assert parse_yaml(f"k: {yaml_string(text)}\n", "f").data == {"k": text}


# --------------------------------------------------------------------------- D2


def test_lone_surrogate_in_text_is_refused_at_load(write_file: Write, directory: Directory) -> None:
    """A \\ud800 escape in any text is an error naming file:line, not a crash later."""
    text = SMALL.replace("Et kriterium er ikke oppfylt.", '"Ikke \\ud800 oppfylt."')
    errors = _errors(write_file("q.yaml", text), directory)
    assert errors == [
        "q.yaml:30:14: error: text contains an unpaired surrogate '\\ud800', which cannot be shown"
    ]


def test_lone_surrogate_in_answers_file_is_refused(tmp_path: Path, small_q: object) -> None:
    """An answers file with a surrogate escape gives a one-line AnswersError."""
    assert small_q is not None
    path = tmp_path / "a.yaml"
    path.write_text('resident: "\\udc80"\n', encoding="utf-8")
    with pytest.raises(AnswersError) as raised:
        load_answers(path, small_q)  # type: ignore[arg-type]
    assert "unpaired surrogate" in raised.value.message
    assert "\n" not in raised.value.message


@pytest.fixture
def small_q(build: Callable[[str], object]) -> object:
    """The small questionnaire."""
    return build(SMALL)


# --------------------------------------------------------------------------- T4


def test_question_id_that_is_a_list_is_located(write_file: Write, directory: Directory) -> None:
    """A list as a question id, on a question with 'when', is an error, not a TypeError."""
    text = SMALL.replace("  - id: wants\n", "  - id: [wants]\n    when: resident\n")
    errors = _errors(write_file("q.yaml", text), directory)
    assert errors[0].startswith("q.yaml:19:9: error: 'id' must be an id of lowercase letters")
    assert "(got ['wants'])" in errors[0]


def test_outcome_id_that_is_a_mapping_is_located(write_file: Write, directory: Directory) -> None:
    """A mapping as an outcome id is an error, not a TypeError."""
    text = SMALL.replace("  - id: eligible\n", "  - id: {a: b}\n")
    errors = _errors(write_file("q.yaml", text), directory)
    assert any("'id' must be an id of lowercase letters" in e for e in errors)


# --------------------------------------------------------------------------- T5, S5


@pytest.mark.parametrize("sign", ["-", "+"])
def test_long_sign_chain_is_one_error(sign: str) -> None:
    """1,900 signs before a number stop at the depth limit, not in RecursionError."""
    with pytest.raises(cond.ConditionError) as raised:
        cond.parse_expression("age >= " + sign * 1900 + "1")
    assert raised.value.message.startswith("more than 40 signs in a row")
    assert raised.value.col == 8


def test_few_signs_still_read_as_arithmetic() -> None:
    """A doubled or mixed sign is still the number it spells."""
    assert cond.parse_expression("age >= -+-3") == cond.Compare("age", cond.Op.GE, 3)
    assert cond.parse_expression("age in (1, -2)") == cond.Compare("age", cond.Op.IN, (1, -2))


@pytest.mark.parametrize("text", ["ｙｎ", "not ｙｎ", "any(a, ｙｎ)", "ｙｎ == true", "yn and ﬁ"])
def test_non_ascii_name_is_refused(text: str) -> None:
    """A full-width or ligature name is refused instead of folding to an ASCII id."""
    with pytest.raises(cond.ConditionError) as raised:
        cond.parse_expression(text)
    assert "is not a valid name: ids use only a-z, 0-9 and _" in raised.value.message


def test_non_ascii_text_literal_is_kept() -> None:
    """Non-ASCII inside a quoted value is text, and stays as written."""
    assert cond.parse_expression('c == "ｙｎ"') == cond.Compare("c", cond.Op.EQ, "ｙｎ")


# --------------------------------------------------------------------------- T6, C4


@pytest.mark.parametrize("literal", ["1000000000000000", "-1000000000000000", "0x" + "f" * 1990])
def test_huge_number_in_condition_is_refused(literal: str) -> None:
    """A number literal of 10**15 or more is a condition error."""
    with pytest.raises(cond.ConditionError) as raised:
        cond.parse_expression(f"age >= {literal}")
    assert raised.value.message.startswith("number too large")


@pytest.mark.parametrize("number", ["0x" + "f" * 4000, "9" * 5000, "1000000000000000"])
def test_huge_yaml_number_is_one_short_line(number: str) -> None:
    """A huge integer names the limit, no int() internals, and quotes only its start."""
    with pytest.raises(QuestionnaireError) as raised:
        parse_yaml(f"max: {number}\n", "q.yaml")
    message = raised.value.message
    assert message.startswith("q.yaml:1:6: error: number '")
    assert "is too large: whole numbers must be below 10**15" in message
    assert "set_int_max_str_digits" not in message
    assert "!!int" not in message
    assert len(message) < 200


def test_largest_allowed_number_loads() -> None:
    """The bound is exclusive: 10**15 - 1 still loads."""
    assert parse_yaml("max: 999999999999999\n", "f").data == {"max": 999999999999999}


def test_huge_max_is_refused_with_location(write_file: Write, directory: Directory) -> None:
    """A max far beyond the bound is a located error in validate, not a crash in output."""
    text = SMALL.replace("max: 120", "max: 0x" + "f" * 4000)
    errors = _errors(write_file("q.yaml", text), directory)
    assert len(errors) == 1
    assert errors[0].startswith("q.yaml:13:10: error: number '0xfff")


def test_date_answer_to_number_question_is_shown_as_a_date(tmp_path: Path, small_q: object) -> None:
    """A date given for a number is quoted as written, not as datetime.date(...)."""
    with pytest.raises(AnswersError) as raised:
        parse_answers({"age": __import__("datetime").date(2026, 11, 23)}, small_q)  # type: ignore[arg-type]
    assert "datetime" not in raised.value.message
    assert "2026-11-23" in raised.value.message


# --------------------------------------------------------------------------- C5


@pytest.mark.parametrize(
    "text", ["t: {nb: Hvilket?}\n", "t: [a, {b: [c?]}]\n", "t: {nb: x,\n  en: Which?\n  }\n"]
)
def test_question_mark_in_flow_text_is_refused_by_both_parsers(text: str) -> None:
    """Both parsers refuse '?' in unquoted flow text, with a hint to quote it."""
    import triage.load.yamlfile as yamlfile

    messages = []
    for fast in (yamlfile._FastLoader, None):
        saved = yamlfile._FastLoader
        yamlfile._FastLoader = fast
        try:
            with pytest.raises(QuestionnaireError) as raised:
                parse_yaml(text, "f")
        finally:
            yamlfile._FastLoader = saved
        messages.append(raised.value.message)
    assert messages[0] == messages[1]
    assert "put text that contains '?' in quotes" in messages[0]


def test_question_mark_in_quoted_or_block_text_loads() -> None:
    """Quoted flow text and block text may hold '?'."""
    assert parse_yaml('t: {nb: "Hva?"}\nu: Hvem?\n', "f").data == {
        "t": {"nb": "Hva?"},
        "u": "Hvem?",
    }


# --------------------------------------------------------------------------- T7, C6

HANDOVER = """\
id: {ident}
title: T
description: D
version: "1"
source: {{pages: [page]}}
questions:
  - {{id: x, kind: yes_no, text: X}}
outcomes:
  - {{id: o, level: information, title: t, summary: s, when: x, contacts: [nav]{target}}}
"""


def _handover_folder(folder: Path, length: int) -> None:
    folder.mkdir()
    (folder / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    for index in range(length):
        target = f", continue_with: c{index + 1}" if index < length - 1 else ""
        text = HANDOVER.format(ident=f"c{index}", target=target)
        (folder / f"c{index}.yaml").write_text(text, encoding="utf-8")


def test_long_chain_of_hand_overs_is_checked_without_recursion(small_q: object) -> None:
    """check_chain walks hand-overs iteratively: a chain deeper than the stack allows."""
    import dataclasses
    import inspect
    import sys

    from triage.core.model import Questionnaire
    from triage.core.routing import check_chain

    assert isinstance(small_q, Questionnaire)
    chain = {}
    length = 400
    for index in range(length):
        target = f"c{index + 1}" if index < length - 1 else f"c{length - 2}"
        outcomes = tuple(
            dataclasses.replace(o, continue_with=target) if o.id == "eligible" else o
            for o in small_q.outcomes
        )
        chain[f"c{index}"] = dataclasses.replace(small_q, id=f"c{index}", outcomes=outcomes)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 100)  # recursion would need 400 frames
    try:
        problems = check_chain(chain, "c0")
    finally:
        sys.setrecursionlimit(limit)
    assert [p.message for p in problems] == ["continue_with makes a loop: c398 → c399 → c398"]


def test_chain_longer_than_the_bound_is_one_error(tmp_path: Path) -> None:
    """Running the start of a too-long chain is one located error, before any question."""
    from triage.core.routing import MAX_CHAIN
    from triage.load.catalog import Catalog

    folder = tmp_path / "long"
    _handover_folder(folder, MAX_CHAIN + 2)
    with pytest.raises(QuestionnaireError) as raised:
        Catalog.with_folders([folder]).chain("c0")
    assert raised.value.message == (
        f"{folder}/c0.yaml:9:1: error: the hand-overs from 'c0' reach more than "
        f"{MAX_CHAIN} questionnaires (shorten the chain of continue_with)"
    )


def test_chain_at_the_bound_runs(tmp_path: Path) -> None:
    """A chain of exactly MAX_CHAIN questionnaires loads."""
    from triage.core.routing import MAX_CHAIN
    from triage.load.catalog import Catalog

    folder = tmp_path / "ok"
    _handover_folder(folder, MAX_CHAIN)
    assert len(Catalog.with_folders([folder]).chain("c0")) == MAX_CHAIN


def test_validate_reports_too_long_chain(tmp_path: Path) -> None:
    """validate names each start whose chain is too long, and still checks the rest."""
    from triage.check.validation import validate
    from triage.core.routing import MAX_CHAIN
    from triage.load.catalog import Catalog

    folder = tmp_path / "long"
    _handover_folder(folder, MAX_CHAIN + 2)
    result = validate([folder], Catalog(), prove=False)
    long = [p for p in result.problems if "reach more than" in p.message]
    assert sorted(p.file for p in long) == sorted(str(folder / f"c{i}.yaml") for i in (0, 1))


def test_every_command_name_is_a_reserved_id() -> None:
    """No questionnaire id can shadow a command: run, list, … are all reserved."""
    from triage.cli import app
    from triage.core.model import RESERVED_IDS

    commands = {command.name for command in app.registered_commands}
    assert "run" in commands
    assert commands <= RESERVED_IDS


@pytest.mark.parametrize("ident", ["run", "export", "sources", "help"])
def test_command_name_as_id_is_refused(ident: str, write_file: Write, directory: Directory) -> None:
    """A questionnaire with a command's name as id is a located error."""
    text = SMALL.replace("id: small", f"id: {ident}")
    assert _errors(write_file("q.yaml", text), directory)[0] == (
        f"q.yaml:1:5: error: id '{ident}' is a built-in command"
    )


# --------------------------------------------------------------------------- H1, T3

needs_fifo = pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs")


@needs_fifo
def test_fifo_named_yaml_is_refused_without_hanging(tmp_path: Path) -> None:
    """A FIFO among the questionnaires is 'not a regular file', at once, not a hang."""
    import os

    from triage.check.validation import validate
    from triage.load.catalog import Catalog

    folder = tmp_path / "fifoq"
    folder.mkdir()
    os.mkfifo(folder / "zz.yaml")
    result = validate([folder], Catalog(), prove=False, display=str)
    lines = [p.format() for p in result.problems]
    assert lines == [f"{folder}/zz.yaml: error: is not a regular file"]
    with pytest.raises(QuestionnaireError, match="is not a regular file"):
        Catalog.with_folders([folder]).load("zz")


@needs_fifo
def test_fifo_as_contacts_file_is_refused(tmp_path: Path) -> None:
    """A FIFO named contacts.yaml is refused when the directory loads, not waited on."""
    import os

    from triage.load.catalog import Catalog

    folder = tmp_path / "fifoc"
    folder.mkdir()
    os.mkfifo(folder / "contacts.yaml")
    with pytest.raises(QuestionnaireError, match=r"contacts\.yaml: error: is not a regular file"):
        Catalog.with_folders([folder]).directory()


def test_answers_may_come_from_a_pipe(tmp_path: Path, small_q: object) -> None:
    """Answers files are not held to 'regular file': /dev/stdin and pipes still work."""
    import os

    read, write = os.pipe()
    os.write(write, b"age: 34\n")
    os.close(write)
    try:
        answers = load_answers(Path(f"/dev/fd/{read}"), small_q)  # type: ignore[arg-type]
    finally:
        os.close(read)
    assert answers == {"age": 34}


LONG = "b" * 300


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("folders", f"questionnaire folder {LONG[:40]}…{LONG[-30:]}: file name too long"),
        ("expand", f"{LONG[:40]}…{LONG[-30:]}: file name too long"),
    ],
)
def test_name_too_long_is_one_line(call: str, message: str) -> None:
    """A 300-byte name gives a one-line usage error, not an OSError traceback."""
    from triage.core.errors import UsageError
    from triage.load.catalog import Catalog, expand

    run = (lambda: Catalog.with_folders([Path(LONG)])) if call == "folders" else None
    with pytest.raises(UsageError) as raised:
        run() if run else expand([Path(LONG)])
    assert raised.value.message == message


def test_symlink_loop_is_one_line(tmp_path: Path) -> None:
    """A symlink loop given as a folder or file is one line, and display_path survives it."""
    from triage.check.validation import display_path
    from triage.core.errors import UsageError
    from triage.load.catalog import Catalog, expand, resolved

    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    with pytest.raises(UsageError, match=r"a\.yaml: too many levels of symbolic links"):
        Catalog.with_folders([tmp_path / "a.yaml"])
    with pytest.raises(UsageError, match=r"a\.yaml: too many levels of symbolic links"):
        expand([tmp_path / "a.yaml"])
    assert resolved(tmp_path / "a.yaml") == tmp_path / "a.yaml"
    assert display_path(tmp_path / "a.yaml") == str(tmp_path / "a.yaml")
    assert not Catalog().is_shipped(tmp_path / "a.yaml")


def test_folder_without_permission_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """EACCES on a folder (faked: tests may run as root) is a one-line usage error."""
    import errno
    import os

    from triage.core.errors import UsageError
    from triage.load.catalog import Catalog

    real_stat = os.stat

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(str(tmp_path / "noexec")):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    with pytest.raises(UsageError) as raised:
        Catalog.with_folders([tmp_path / "noexec" / "sub"])
    message = raised.value.message
    assert message.startswith("questionnaire folder /")
    assert message.endswith("noexec/sub: permission denied")


# --------------------------------------------------------------------------- H2


def _generated(count: int) -> str:
    """Return a questionnaire of ``count`` yes/no questions and two outcomes."""
    questions = "\n".join(f"  - {{id: q{i}, kind: yes_no, text: Q{i}}}" for i in range(count))
    every = " and ".join(f"q{i}" for i in range(0, count, max(1, count // 20)))
    return (
        'id: big\ntitle: T\ndescription: D\nversion: "1"\nsource: {pages: [page]}\n'
        f"questions:\n{questions}\noutcomes:\n"
        f'  - {{id: o, level: positive, title: t, summary: s, when: "{every}", contacts: [nav]}}\n'
        f'  - {{id: n, level: negative, title: t, summary: s, when: "not ({every})",'
        " contacts: [nav]}\n"
    )


@pytest.mark.parametrize(("key", "limit"), [("questions", 2_000), ("outcomes", 4_000)])
def test_too_many_entries_is_one_error(
    key: str, limit: int, write_file: Write, directory: Directory
) -> None:
    """More questions or outcomes than the bound is one located error, nothing built."""
    from triage.load.questionnaire import MAX_OUTCOMES, MAX_QUESTIONS

    assert (MAX_QUESTIONS, MAX_OUTCOMES)[key == "outcomes"] == limit
    text = _generated(3)
    if key == "questions":
        text = _generated(limit + 1)
    else:
        outcome = "  - {id: x, level: information, title: t, summary: s, when: q0, contacts: [nav]}"
        text = text.replace("outcomes:\n", "outcomes:\n" + (outcome + "\n") * (limit - 1))
    errors = _errors(write_file("q.yaml", text), directory)
    assert [e for e in errors if "entries" in e] == [
        f"q.yaml:{7 if key == 'questions' else 11}:3: error: '{key}' has {limit + 1:,} entries: "
        f"at most {limit:,} are allowed"
    ]


def test_text_over_the_bound_is_refused() -> None:
    """A 20,001-character text is refused; 20,000 characters load."""
    assert parse_yaml("t: " + "a" * 20_000 + "\n", "f").data == {"t": "a" * 20_000}
    with pytest.raises(QuestionnaireError) as raised:
        parse_yaml("t: " + "a" * 20_001 + "\n", "f")
    assert raised.value.message == (
        "f:1:4: error: text is 20,001 characters long: at most 20,000 are allowed"
        " (shorten it, or link to a page that holds the rest)"
    )


needs_z3 = pytest.mark.skipif(
    __import__("importlib").util.find_spec("z3") is None, reason="z3 not installed"
)


@needs_z3
def test_proofs_stop_at_the_time_budget(write_file: Write, directory: Directory) -> None:
    """A large questionnaire with a tiny budget ends in SolverGaveUp naming what is unproved."""
    import time

    from triage.check import proofs
    from triage.load.questionnaire import load_questionnaire

    questionnaire = load_questionnaire(write_file("big.yaml", _generated(300)), directory)
    started = time.monotonic()
    with pytest.raises(proofs.SolverGaveUp) as raised:
        proofs.prove(questionnaire, budget=0.2)
    assert time.monotonic() - started < 5
    assert str(raised.value).startswith("the time budget of 0.2 s ran out; not proved: ")
    assert str(raised.value).endswith("no idle question, " + LEGAL_STAGE)


@needs_z3
def test_validate_turns_the_budget_into_a_warning(
    write_file: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate reports a proof out of time as one warning; the other checks still run."""
    from triage.check import proofs
    from triage.check.validation import validate
    from triage.load.catalog import Catalog

    monkeypatch.setattr(proofs, "BUDGET_SECONDS", 0.0)
    path = write_file("big.yaml", _generated(50))
    write_file("contacts.yaml", CONTACTS)
    result = validate([path], Catalog(), display=lambda p: p.name)
    stopped = [p.format() for p in result.problems if "proofs stopped" in p.message]
    assert stopped == [
        "big.yaml: warning: proofs stopped: the time budget of 0 s ran out; not proved: no gap,"
        " no dead outcome, no unreachable question, no idle question, " + LEGAL_STAGE
    ]


@pytest.mark.parametrize("blank", ["age:", "age: null", "age: ~", "age: unknown"])
def test_blank_answer_is_documented_unknown(blank: str, tmp_path: Path, small_q: object) -> None:
    """A key without a value reads as «Vet ikke», as docs/authoring.md says."""
    path = tmp_path / "a.yaml"
    path.write_text(blank + "\n", encoding="utf-8")
    assert load_answers(path, small_q) == {"age": UNKNOWN}  # type: ignore[arg-type]
    authoring = Path(__file__).parent.parent.parent / "docs" / "authoring.md"
    documented = " ".join(authoring.read_text(encoding="utf-8").split())
    assert "A key with no value (`age:`, `age: null` or `age: ~`) is also «Vet ikke»" in documented


# --------------------------------------------------------------------------- S5


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\\u202e", "U+202E (right-to-left override)"),
        ("\\u2066", "U+2066 (left-to-right isolate)"),
        ("\\u200b", "U+200B (zero width space)"),
        ("\\ufeff", "U+FEFF (zero width no-break space)"),
        ("\\e", "U+001B (a control character)"),
    ],
)
def test_hidden_character_in_text_is_a_located_warning(
    char: str, name: str, write_file: Write, directory: Directory
) -> None:
    """validate warns, with file:line:col, about bidi, zero-width and control characters."""
    text = SMALL.replace("Et kriterium er ikke oppfylt.", f'"Et kriterium {char}er ikke oppfylt."')
    checked = check_questionnaire(write_file("q.yaml", text), directory, display="q.yaml")
    assert checked.questionnaire is not None
    assert [p.format() for p in checked.problems] == [
        f"q.yaml:30:14: warning: text contains an invisible character {name}"
    ]


def test_hidden_character_in_contacts_and_cases_is_warned(tmp_path: Path, small_q: object) -> None:
    """Contacts and cases files are scanned too."""
    from triage.load.cases import check_cases
    from triage.load.contacts import check_directory

    contacts = tmp_path / "contacts.yaml"
    contacts.write_text(CONTACTS.replace("Testteamet", '"Test\\u202eteamet"'), encoding="utf-8")
    _, problems = check_directory(contacts, "contacts.yaml")
    assert [p.format() for p in problems] == [
        "contacts.yaml:8:11: warning: text contains an invisible character"
        " U+202E (right-to-left override)"
    ]
    cases = tmp_path / "small.cases.yaml"
    cases.write_text(
        'questionnaire: small\ncases:\n  - {name: "a\\u200db", answers: {}, outcome: clarify}\n',
        encoding="utf-8",
    )
    _, problems = check_cases(cases, small_q, "small.cases.yaml")  # type: ignore[arg-type]
    assert [p.message for p in problems] == [
        "text contains an invisible character U+200D (zero width joiner)"
    ]


# --------------------------------------------------------------------------- S4, S6 (checks)


def test_file_name_and_id_must_agree_at_run_time(tmp_path: Path) -> None:
    """m.yaml holding id n is one clear error when run, not a confusing hand-over loop."""
    from triage.load.catalog import Catalog

    folder = tmp_path / "cyc"
    _handover_folder(folder, 1)
    (folder / "c0.yaml").rename(folder / "m.yaml")
    with pytest.raises(QuestionnaireError) as raised:
        Catalog.with_folders([folder]).load("m")
    assert raised.value.message == (
        f"{folder}/m.yaml: error: id 'c0' does not match the file name 'm.yaml'"
        " (rename the file to c0.yaml, or change the id)"
    )


def test_case_contacts_must_be_ids(tmp_path: Path, small_q: object) -> None:
    """A case's expected contacts that are not ids (escape sequences, say) are errors."""
    from triage.load.cases import check_cases

    cases = tmp_path / "small.cases.yaml"
    cases.write_text(
        "questionnaire: small\ncases:\n"
        '  - {name: a, answers: {}, outcome: clarify, contacts: [team, "\\e[2J"]}\n',
        encoding="utf-8",
    )
    _, problems = check_cases(cases, small_q, "small.cases.yaml")  # type: ignore[arg-type]
    errors = [p.format() for p in problems if p.severity.value == "error"]
    assert errors == ["small.cases.yaml:3:63: error: '\\x1b[2J' is not a contact id"]


def test_huge_number_answer_from_code_is_refused() -> None:
    """coerce_answer bounds numbers that did not come through the YAML reader."""
    question = Question("age", QuestionKind.NUMBER, Text((("nb", "Alder?"),)))
    assert coerce_answer(question, 10**15 - 1) == 10**15 - 1
    with pytest.raises(ValueError, match="too large: whole numbers must be below 10"):
        coerce_answer(question, 16**4000)


@needs_z3
def test_findings_proved_before_the_budget_ran_out_are_kept(
    write_file: Write, directory: Directory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gap found before time ran out is still reported with its example."""
    from triage.check import proofs
    from triage.load.questionnaire import load_questionnaire

    text = _generated(30)
    text = text[: text.index("  - {id: n,")]  # only the positive outcome: a gap
    questionnaire = load_questionnaire(write_file("gap.yaml", text), directory)

    def run_out(prover: object, question: object) -> bool:
        prover.deadline = 0.0  # type: ignore[attr-defined]
        return True

    monkeypatch.setattr(proofs._Prover, "_changes_seen", run_out)
    with pytest.raises(proofs.SolverGaveUp) as raised:
        proofs.prove(questionnaire)
    assert str(raised.value).endswith("ran out; not proved: no idle question, " + LEGAL_STAGE)
    assert [f.check for f in raised.value.partial.findings] == [proofs.Check.GAP]
    assert raised.value.partial.findings[0].answers
