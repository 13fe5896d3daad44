"""The shipped files' parsed form: used only when fresh, and then exactly what the YAML gives."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import triage
from triage.load import prebuilt
from triage.load.catalog import CONTACTS_FILE, questionnaire_files, shipped_dir
from triage.load.contacts import check_directory
from triage.load.document import read_yaml
from triage.load.questionnaire import check_document
from triage.load.yamlfile import parse_yaml

SHIPPED = sorted(shipped_dir().glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parsed form of every shipped file, built afresh."""
    folder = tmp_path_factory.mktemp("parsed")
    written = prebuilt.build(SHIPPED, folder)
    assert len(written) == len(SHIPPED)
    return folder


def _fresh(built: Path, path: Path) -> prebuilt.Document | None:
    return prebuilt.lookup(built / f"{path.name}.json", path.read_bytes(), path.name)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_fresh_parsed_form_gives_the_document_the_yaml_gives(built: Path, path: Path) -> None:
    """Data, value positions and key positions read back equal to parsing the YAML."""
    expected = parse_yaml(path.read_text(encoding="utf-8-sig"), path.name)
    assert _fresh(built, path) == expected


def test_fresh_parsed_form_gives_identical_questionnaires_and_contacts(built: Path) -> None:
    """Every shipped questionnaire builds into an equal model (and problems) from either."""
    directory, problems = check_directory(shipped_dir() / CONTACTS_FILE)
    assert not problems
    for path in questionnaire_files(shipped_dir()):
        text = path.read_text(encoding="utf-8-sig")
        from_yaml = check_document(parse_yaml(text, path.name), directory)
        doc = _fresh(built, path)
        assert doc is not None
        from_parsed = check_document(doc, directory)
        assert from_parsed.questionnaire is not None
        assert from_parsed.questionnaire == from_yaml.questionnaire
        assert from_parsed.problems == from_yaml.problems


def test_a_changed_file_is_not_served_its_old_parsed_form(built: Path) -> None:
    """One byte more in the YAML (a comment) and the parsed form is ignored."""
    path = shipped_dir() / "shalam.yaml"
    assert prebuilt.lookup(built / "shalam.yaml.json", path.read_bytes() + b"#\n", "x") is None


def test_parsed_form_of_another_triage_version_is_ignored(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key holds triage's version: a new version reads the YAML until rebuilt."""
    path = shipped_dir() / "shalam.yaml"
    assert _fresh(built, path) is not None
    monkeypatch.setattr(triage, "__version__", triage.__version__ + ".post1")
    assert _fresh(built, path) is None


@pytest.mark.parametrize(
    "text",
    ["", "{", "[]", '{"format": 1}', '{"format": 2, "key": "x"}', "\xff"],
    ids=["empty", "broken", "list", "no-key", "other-format", "not-utf8"],
)
def test_an_unreadable_parsed_file_falls_back_to_the_yaml(tmp_path: Path, text: str) -> None:
    """A parsed file that is not what the build writes is never trusted (no crash either)."""
    parsed = tmp_path / "x.yaml.json"
    parsed.write_bytes(text.encode("latin-1"))
    assert prebuilt.lookup(parsed, b"a: 1\n", "x.yaml") is None
    assert prebuilt.lookup(tmp_path / "missing.json", b"a: 1\n", "x.yaml") is None


def test_a_tampered_position_table_falls_back_to_the_yaml(built: Path, tmp_path: Path) -> None:
    """A matching key but a malformed table (a position that is not numbers) gives None."""
    path = shipped_dir() / "router.yaml"
    kept = json.loads((built / "router.yaml.json").read_text(encoding="utf-8"))
    kept["values"][0][1] = "one"
    (tmp_path / "router.yaml.json").write_text(json.dumps(kept), encoding="utf-8")
    assert prebuilt.lookup(tmp_path / "router.yaml.json", path.read_bytes(), "r") is None


def test_dates_come_back_as_dates(tmp_path: Path) -> None:
    """A date value (a contact's «checked» date) reads back as a date, not as text."""
    source = tmp_path / "d.yaml"
    source.write_text("checked: 2026-11-23\nlist: [2025-01-02, x]\n", encoding="utf-8")
    (written,) = prebuilt.build([source], tmp_path / "parsed")
    doc = prebuilt.lookup(written, source.read_bytes(), "d.yaml")
    assert doc is not None
    assert doc.data == {"checked": dt.date(2026, 11, 23), "list": [dt.date(2025, 1, 2), "x"]}


@pytest.mark.parametrize(
    "text", ["at: 2026-11-23 10:00:00\n", "x: .inf\n", "a: [1, {b: 2}\n", "a: 1\na: 2\n"]
)
def test_files_json_cannot_carry_or_that_do_not_read_get_no_parsed_form(
    tmp_path: Path, text: str
) -> None:
    """A date-time, an infinity, broken YAML: no parsed form, so the YAML reader has its say."""
    source = tmp_path / "d.yaml"
    source.write_text(text, encoding="utf-8")
    assert prebuilt.build([source], tmp_path / "parsed") == []


def test_only_the_shipped_folder_is_served_from_a_parsed_form(tmp_path: Path) -> None:
    """A copy of a shipped file with a parsed folder beside it elsewhere is read as YAML."""
    copy = tmp_path / "shalam.yaml"
    shutil.copyfile(shipped_dir() / "shalam.yaml", copy)
    prebuilt.build([copy], tmp_path / prebuilt.FOLDER)
    assert prebuilt.cached(copy, copy.read_bytes(), "shalam.yaml") is None
    assert read_yaml(copy).data == read_yaml(shipped_dir() / "shalam.yaml").data
