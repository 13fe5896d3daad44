"""docs/authoring.md: every YAML example loads, and every command output shown is real.

Each ```yaml block in the guide is preceded by a marker saying how to treat it:

- ``<!-- file: NAME -->``: a complete file; it must pass ``triage validate`` with no problem.
- ``<!-- broken file: NAME -->``: a complete file with mistakes, shown through an output.
- ``<!-- fragment: questionnaire [BASE] -->``: top-level keys merged into the guide's
  ``example.yaml`` (or BASE, a file of the guide or a shipped one); it must load.
  List items replace the item with the same ``id``, or are added.
- ``<!-- fragment: condition|contacts|cases|answers -->``: a condition to type-check
  against the example, or entries merged into the guide's contacts or cases file, or an
  answers file for the example.

``<!-- output: triage ARGS -->`` before a ```text block: the command, run in a folder
holding the guide's files, prints exactly that.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import terminal
from triage.check.scenarios import run_case
from triage.check.validation import validate
from triage.cli import app
from triage.core import conditions as cond
from triage.core.hours import OSLO
from triage.core.model import Directory, QuestionKind, Questionnaire
from triage.load.answers import load_answers
from triage.load.cases import check_cases
from triage.load.catalog import Catalog, shipped_dir
from triage.load.contacts import check_directory, load_directory
from triage.load.questionnaire import check_questionnaire, load_questionnaire
from triage.load.yamlfile import parse_yaml

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "authoring.md"
TEXT = GUIDE.read_text(encoding="utf-8")
BLOCK = re.compile(r"<!-- (?P<marker>[^>]*?) -->\n```(?P<lang>\w+)\n(?P<body>.*?)```\n", re.S)
BLOCKS = [
    (m["marker"], m["lang"], m["body"], TEXT[: m.start()].count("\n") + 2)
    for m in BLOCK.finditer(TEXT)
]
FILES = {
    marker.split(": ", 1)[1]: body
    for marker, lang, body, _ in BLOCKS
    if lang == "yaml" and marker.startswith(("file: ", "broken file: "))
}
CLEAN = [
    m.split(": ", 1)[1] for m, lang, _, _ in BLOCKS if lang == "yaml" and m.startswith("file: ")
]
FRAGMENTS = [
    pytest.param(marker.split(": ", 1)[1], body, id=f"line-{line}")
    for marker, lang, body, line in BLOCKS
    if lang == "yaml" and marker.startswith("fragment: ")
]
OUTPUTS = [
    pytest.param(marker.split(": ", 1)[1], body, id=f"line-{line}")
    for marker, lang, body, line in BLOCKS
    if lang == "text" and marker.startswith("output: ")
]


@pytest.fixture
def guide_folder(tmp_path: Path) -> Path:
    """A folder holding every complete file of the guide."""
    for name, body in FILES.items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


@pytest.fixture
def guide_directory(guide_folder: Path) -> Directory:
    """The shipped contacts, overridden by the guide's contacts file."""
    return load_directory([shipped_dir() / "contacts.yaml", guide_folder / "contacts.yaml"])


def _data(text: str) -> object:
    return parse_yaml(text, "guide").data


def _merge(base: object, fragment: object) -> object:
    """Merge a fragment's keys into base; list items replace the one with the same id."""
    if isinstance(base, dict) and isinstance(fragment, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in fragment.items()}}
    if isinstance(base, list) and isinstance(fragment, list):
        merged = list(base)
        for item in fragment:
            ident = item.get("id") if isinstance(item, dict) else None
            same = [
                i
                for i, old in enumerate(merged)
                if isinstance(old, dict) and ident and old.get("id") == ident
            ]
            if same:
                merged[same[0]] = item
            else:
                merged.append(item)
        return merged
    return fragment


def _write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def test_every_yaml_example_is_marked() -> None:
    """No YAML example escapes the test: each one carries a marker."""
    assert TEXT.count("```yaml\n") == sum(lang == "yaml" for _, lang, _, _ in BLOCKS)
    assert len(CLEAN) >= 3
    assert FRAGMENTS
    assert OUTPUTS


def test_complete_examples_validate_cleanly(guide_folder: Path) -> None:
    """The guide's complete example files pass every check and proof, without warnings."""
    result = validate([guide_folder / name for name in CLEAN], Catalog())
    assert [p.format() for p in result.problems] == []
    assert result.proved == ("example",)


@pytest.mark.parametrize(("kind", "body"), FRAGMENTS)
def test_fragment_loads(
    kind: str, body: str, guide_folder: Path, guide_directory: Directory, tmp_path: Path
) -> None:
    """Each fragment fits into the guide's (or a shipped) file and loads without errors."""
    fragment = _data(body)
    example: Questionnaire = load_questionnaire(guide_folder / "example.yaml", guide_directory)
    if kind.startswith("questionnaire"):
        _, _, base_name = kind.partition(" ")
        base_path = guide_folder / (base_name or "example.yaml")
        if not base_path.exists():
            base_path = shipped_dir() / base_name
        merged = _merge(_data(base_path.read_text(encoding="utf-8")), fragment)
        checked = check_questionnaire(
            _write_json(tmp_path / "merged.json", merged), guide_directory
        )
        assert [p.format() for p in checked.problems if p.severity.value == "error"] == []
    elif kind == "condition":
        assert isinstance(fragment, dict)
        symbols: dict[str, cond.Symbol | None] = {
            q.id: cond.Symbol(q.kind, tuple(c.value for c in q.choices)) for q in example.questions
        }
        symbols.update({c.id: cond.Symbol(QuestionKind.YES_NO) for c in example.criteria})
        assert cond.check(cond.parse_condition(fragment["when"]), symbols) == []
    elif kind == "contacts":
        merged = _merge(_data(FILES["contacts.yaml"]), fragment)
        assert check_directory(_write_json(tmp_path / "contacts.json", merged))[1] == []
    elif kind == "cases":
        merged = _merge(_data(FILES["example.cases.yaml"]), fragment)
        cases, problems = check_cases(_write_json(tmp_path / "cases.json", merged), example)
        assert problems == []
        assert [run_case(example, case).failures for case in cases] == [()] * len(cases)
    else:
        assert kind == "answers"
        path = tmp_path / "answers.yaml"
        path.write_text(body, encoding="utf-8")
        assert load_answers(path, example)


@pytest.mark.parametrize(("command", "expected"), OUTPUTS)
def test_shown_output_is_what_the_command_prints(
    command: str, expected: str, guide_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command output in the guide is exactly what the command prints."""
    monkeypatch.chdir(guide_folder)
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    # The guide's dates stay fresh: validate's staleness warnings read the command's clock.
    clock = terminal(now=lambda: dt.datetime(2026, 11, 27, 12, 0, tzinfo=OSLO))
    args = shlex.split(command)
    assert args[0] == "triage"
    result = CliRunner().invoke(app, args[1:], obj=clock)
    assert result.stdout == expected
