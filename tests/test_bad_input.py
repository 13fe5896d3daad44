"""The bad-input matrix, through the command line in-process: one line, exit 2, no traceback.

Every case runs ``triage`` (Typer's runner) on a file written for it: a broken questionnaire
(through ``--questionnaires DIR``), a broken answers file or a bad folder. Each must end with
exactly one line on stderr, naming the file (and line and column where there is one), nothing
on stdout, and exit code 2. A few of these cases also run through the installed command in a
fresh process (tests/e2e/test_bad_input.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CONTACTS, SMALL
from triage.cli import app

runner = CliRunner()

BILLION_LAUGHS = (
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
)
TEN_MB = b"id: big\n" + b"# padding\n" * 1_000_000


def _small(old: str, new: str) -> bytes:
    assert old in SMALL, old
    return SMALL.replace(old, new, 1).encode("utf-8")


@dataclass(frozen=True)
class Case:
    """A file (or folder) to write, the command to run on it, and the line it must print."""

    files: dict[str, bytes]
    args: tuple[str, ...]
    line: str
    folders: tuple[str, ...] = field(default=())


def _questionnaire(content: bytes, line: str) -> Case:
    """Run 'triage small' with a folder holding the contacts and ``content`` as small.yaml."""
    return Case(
        {"contacts.yaml": CONTACTS.encode(), "small.yaml": content},
        ("small", "--questionnaires", "{dir}", "--no-input"),
        line,
    )


def _answers(content: bytes, line: str) -> Case:
    """Run 'triage shalam' from ``content`` as the answers file a.yaml."""
    return Case({"a.yaml": content}, ("shalam", "--answers", "{dir}/a.yaml", "--no-input"), line)


Q = "triage: {dir}/small.yaml"
A = "triage: {dir}/a.yaml"
MATRIX = {
    # -- a questionnaire file
    "questionnaire-empty": _questionnaire(
        b"", f"{Q}:1:1: error: file is empty: expected a questionnaire with id, title, questions, …"
    ),
    "questionnaire-only-comment": _questionnaire(
        b"# nothing here yet\n",
        f"{Q}:1:1: error: file is empty: expected a questionnaire with id, title, questions, …",
    ),
    "questionnaire-binary": _questionnaire(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
        f"{Q}:1:1: error: file is not UTF-8 text (save the file as UTF-8)",
    ),
    "questionnaire-latin-1": _questionnaire(
        "id: small\ntitle: Spørsmål om rus på Sørlandet, æøå\n".encode("latin-1"),
        f"{Q}:2:1: error: file is not UTF-8 text (save the file as UTF-8)",
    ),
    "questionnaire-10-mb": _questionnaire(
        TEN_MB, f"{Q}: error: file is larger than 1 MB (split it up)"
    ),
    "questionnaire-tabs": _questionnaire(
        b"id: small\nquestions:\n\t- id: age\n",
        f"{Q}:3:1: error: YAML syntax error: found character '\\t' that cannot start any token "
        "(indent with spaces, not tabs)",
    ),
    "questionnaire-duplicate-key": _questionnaire(
        _small("version: ", "title: Igjen\nversion: "),
        f"{Q}:4:1: error: duplicate key 'title' (first at line 2) (remove one of them)",
    ),
    "questionnaire-billion-laughs": _questionnaire(
        BILLION_LAUGHS.encode(),
        f"{Q}:1:4: error: anchors (&name) are not allowed: write the value out",
    ),
    "questionnaire-top-level-list": _questionnaire(
        b"- id: small\n- title: Liten\n",
        f"{Q}:1:1: error: the questionnaire must be a mapping of keys to values",
    ),
    "questionnaire-question-without-id": _questionnaire(
        _small("  - id: wants\n    kind: yes_no", "  - kind: yes_no"),
        f"{Q}:19:5: error: a question is missing required key 'id' "
        "[+1 more: run 'triage validate {dir}/small.yaml']",
    ),
    "questionnaire-unknown-kind": _questionnaire(
        _small("kind: number", "kind: numbr"),
        f"{Q}:11:11: error: unknown question kind 'numbr' (did you mean 'number'?)",
    ),
    "questionnaire-condition-syntax-error": _questionnaire(
        _small("when: age >= 18", "when: age >= "),
        f"{Q}:23:47: error: syntax error in condition: invalid syntax",
    ),
    "questionnaire-condition-calls-a-function": _questionnaire(
        _small("when: resident", "when: len(resident)"),
        f"{Q}:24:50: error: only any(...) and all(...) may be called in a condition",
    ),
    "questionnaire-condition-calls-import": _questionnaire(
        _small("when: resident", "when: __import__('os').system('true')"),
        f"{Q}:24:50: error: only any(...) and all(...) may be called in a condition",
    ),
    "questionnaire-condition-reads-an-attribute": _questionnaire(
        _small("when: resident", "when: resident.__class__"),
        f"{Q}:24:50: error: 'resident.__class__' is not allowed in a condition",
    ),
    "questionnaire-python-tag": _questionnaire(
        _small("version: ", "version: !!python/object/apply:os.system ['true']\nx: "),
        f"{Q}:4:10: error: unsupported value: tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' (remove the tag)",
    ),
    "contacts-impossible-date": Case(
        {
            "contacts.yaml": CONTACTS.replace(
                "checked: 2026-11-23", "checked: 2026-02-30", 1
            ).encode(),
            "small.yaml": SMALL.encode(),
        },
        ("small", "--questionnaires", "{dir}", "--no-input"),
        "triage: {dir}/contacts.yaml:15:14: error: '2026-02-30' is not a valid date or time: "
        "day is out of range for month (write a real date, e.g. 2026-11-23, or put the text in "
        "quotes)",
    ),
    # -- an answers file
    "answers-unknown-id": _answers(
        b"age: 34\nagee: 3\n", f"{A}:2: ukjent spørsmåls-id «agee» (mente du «age»?)"
    ),
    "answers-wrong-type": _answers(
        b"age: old\n",
        f"{A}:1: svaret på «age» må være et helt tall (0–120) eller «vet ikke», ikke «old»",
    ),
    "answers-wrong-yes-no": _answers(
        b"age: 34\nwants_change: maybe\n",
        f"{A}:2: svaret på «wants_change» må være ja, nei eller «vet ikke», ikke «maybe»",
    ),
    "answers-out-of-range": _answers(
        b"age: 130\n",
        f"{A}:1: svaret på «age» må være et helt tall (0–120) eller «vet ikke», ikke «130»",
    ),
    "answers-negative": _answers(
        b"age: -1\n",
        f"{A}:1: svaret på «age» må være et helt tall (0–120) eller «vet ikke», ikke «-1»",
    ),
    "answers-empty": _answers(
        b"",
        f"{A}: --no-input, men ingen svar på: age, belongs_to_kristiansand, own_substance_use, "
        "wants_change, copes_with_withdrawal (legg dem til i svarfilen; «unknown» er et svar)",
    ),
    "answers-binary": _answers(
        b"\x00\xff\xfe\x01", f"{A}:1:1: error: file is not UTF-8 text (save the file as UTF-8)"
    ),
    "answers-latin-1": _answers(
        "age: 34\n# Sørlandet\n".encode("latin-1"),
        f"{A}:2:1: error: file is not UTF-8 text (save the file as UTF-8)",
    ),
    "answers-10-mb": _answers(TEN_MB, f"{A}: error: file is larger than 1 MB (split it up)"),
    "answers-tabs": _answers(
        b"age: 34\n\twants_change: true\n",
        f"{A}:2:1: error: YAML syntax error: found character '\\t' that cannot start any token "
        "(indent with spaces, not tabs)",
    ),
    "answers-duplicate-key": _answers(
        b"age: 34\nage: 35\n",
        f"{A}:2:1: error: duplicate key 'age' (first at line 1) (remove one of them)",
    ),
    "answers-billion-laughs": _answers(
        BILLION_LAUGHS.encode(),
        f"{A}:1:4: error: anchors (&name) are not allowed: write the value out",
    ),
    "answers-top-level-list": _answers(
        b"- 34\n- true\n",
        f"{A}:1:1: error: an answers file must map question ids to answers",
    ),
    "answers-directory": Case(
        {},
        ("shalam", "--answers", "{dir}/answers", "--no-input"),
        "triage: {dir}/answers: error: is a folder, not a file (give the path of a .yaml file)",
        folders=("answers",),
    ),
    "answers-missing": Case(
        {},
        ("shalam", "--answers", "{dir}/nowhere.yaml", "--no-input"),
        "triage: {dir}/nowhere.yaml: error: no such file (check the path)",
    ),
    # -- a questionnaire folder
    "folder-missing": Case(
        {},
        ("shalam", "--questionnaires", "{dir}/nowhere"),
        "triage: skjemamappen {dir}/nowhere finnes ikke",
    ),
    "folder-is-a-file": Case(
        {"f.yaml": b"id: x\n"},
        ("shalam", "--questionnaires", "{dir}/f.yaml"),
        "triage: skjemamappen {dir}/f.yaml er en fil, ikke en mappe",
    ),
}


def prepare(folder: Path, case: Case) -> list[str]:
    """Write the case's files and folders into ``folder``; return its arguments."""
    folder.mkdir()
    for name, content in case.files.items():
        (folder / name).write_bytes(content)
    for name in case.folders:
        (folder / name).mkdir()
    return [arg.format(dir=folder) for arg in case.args]


@pytest.mark.parametrize("name", MATRIX)
def test_bad_input_gives_one_line_and_exit_2(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each bad file gives one line naming the file (and line), exit 2, and no traceback."""
    for key, value in {"NO_COLOR": "1", "COLUMNS": "80", "TRIAGE_LANG": "nb"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    folder = tmp_path / name
    result = runner.invoke(app, prepare(folder, MATRIX[name]))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == ""
    assert result.stderr.splitlines() == [MATRIX[name].line.format(dir=folder)]
    assert result.exit_code == 2
