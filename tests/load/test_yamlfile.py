"""The YAML reader: libyaml's fast path reads exactly what the Python parser reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.core.errors import QuestionnaireError
from triage.load import yamlfile
from triage.load.catalog import shipped_dir
from triage.load.yamlfile import Document, parse_yaml, read_yaml

SHIPPED = sorted(shipped_dir().glob("*.yaml"))

TRICKY = {
    "non-ascii-before-key": '{navn: "æøå", b: 1}\n',
    "nested-non-ascii": "a: æøå\nb:\n  - ø: 1\n    å: [x, 'y']\n",
    "folded-scalar": "k: >\n  æøå\n  more\nz: 1\n",
    "emoji-and-comment": 'a: 1\n\n\n  # c\nb: "😀😀" \nc: 3',
    "yaml-1.2-scalars": "a: no\nb: 0o17\nc: 0x1F\nd: 08\ne: 2026-11-23\nf: 15:30\ng: ~\n",
    "empty": "",
    "only-comment": "# nothing\n",
}

BROKEN = {
    "tab": "id: x\nquestions:\n\t- id: a\n",
    "anchor": "a: &x 1\nb: 2\n",
    "alias-bomb": 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n',
    "duplicate-key": "a: 1\na: 2\n",
    "python-tag": "a: !!python/object/apply:os.system ['true']\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "control-character": "a: \x07\n",
    "lone-surrogate": "a: \udc80\n",
    "unclosed": "id: x\ntitle: [\n",
}


def _slow(text: str, monkeypatch: pytest.MonkeyPatch) -> Document:
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "_FastLoader", None)
        return parse_yaml(text, "f.yaml")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_files_read_the_same_on_both_parsers(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each shipped file takes the fast path and gives the same data and positions."""
    text = path.read_text(encoding="utf-8")
    fast = yamlfile._parse_fast(text, "f.yaml")
    assert fast is not None
    assert fast == _slow(text, monkeypatch)


@pytest.mark.parametrize("text", TRICKY.values(), ids=TRICKY.keys())
def test_positions_agree_on_tricky_text(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Columns after non-ASCII text and YAML 1.2 scalars agree between the parsers."""
    fast = yamlfile._parse_fast(text, "f.yaml")
    assert fast is not None
    assert fast == _slow(text, monkeypatch)


@pytest.mark.parametrize("text", BROKEN.values(), ids=BROKEN.keys())
def test_problems_are_left_to_the_python_parser(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path gives up on any problem, so the error is the Python parser's, word for word."""
    assert yamlfile._parse_fast(text, "f.yaml") is None
    with pytest.raises(QuestionnaireError) as fast:
        parse_yaml(text, "f.yaml")
    with pytest.raises(QuestionnaireError) as slow:
        _slow(text, monkeypatch)
    assert fast.value.message == slow.value.message


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    """A 100,000-deep flow list is refused with a message (libyaml's own composer would crash)."""
    depth = 100_000
    with pytest.raises(QuestionnaireError) as raised:
        parse_yaml("a: " + "[" * depth + "]" * depth, "f.yaml")
    assert raised.value.message == "f.yaml:1:1: error: is nested too deeply (flatten the structure)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "checked: 2026-02-30\n",
            "f.yaml:1:10: error: '2026-02-30' is not a valid date or time: day is out of range "
            "for month (write a real date, e.g. 2026-11-23, or put the text in quotes)",
            id="no-such-day",
        ),
        pytest.param(
            "a: 1\nb: [2026-13-01]\n",
            "f.yaml:2:5: error: '2026-13-01' is not a valid date or time: month must be in 1..12 "
            "(write a real date, e.g. 2026-11-23, or put the text in quotes)",
            id="no-such-month",
        ),
        pytest.param(
            "a: 2026-02-28 25:00:00\n",
            "f.yaml:1:4: error: '2026-02-28 25:00:00' is not a valid date or time: hour must be "
            "in 0..23 (write a real date, e.g. 2026-11-23, or put the text in quotes)",
            id="no-such-hour",
        ),
    ],
)
def test_impossible_dates_are_located_errors(text: str, message: str) -> None:
    """A date that cannot be (2026-02-30) is a located error, not a crash."""
    with pytest.raises(QuestionnaireError) as raised:
        parse_yaml(text, "f.yaml")
    assert raised.value.message == message


TAG_HINT = " (remove the tag, or put the text in quotes)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "a: !!bool maybe\n",
            "1:4: error: 'maybe' does not fit its tag !!bool" + TAG_HINT,
            id="bool",
        ),
        pytest.param(
            "a: !!bool\n", "1:4: error: '' does not fit its tag !!bool" + TAG_HINT, id="empty-bool"
        ),
        pytest.param(
            "a: !!int 0x\n", "1:4: error: '0x' does not fit its tag !!int" + TAG_HINT, id="int"
        ),
        pytest.param(
            "a: !!float\n", "1:4: error: '' does not fit its tag !!float" + TAG_HINT, id="float"
        ),
        pytest.param(
            "a: !!timestamp soon\n",
            "1:4: error: 'soon' is not a valid date or time "
            "(write a real date, e.g. 2026-11-23, or put the text in quotes)",
            id="timestamp",
        ),
        pytest.param(
            "a: !!map x\n",
            "1:4: error: unsupported value: expected a mapping node, but found scalar",
            id="map-on-text",
        ),
        pytest.param("a: .nan\n", "1:4: error: unsupported value: use plain text", id="nan"),
        pytest.param("{1: a}\n", "1:2: error: keys must be plain text", id="number-key"),
        pytest.param("? [a]\n: b\n", "1:3: error: keys must be plain text", id="list-key"),
    ],
)
def test_values_that_cannot_be_read_are_located_errors(text: str, message: str) -> None:
    """Explicit tags that do not fit, NaN and non-text keys are located errors, not crashes."""
    with pytest.raises(QuestionnaireError) as raised:
        parse_yaml(text, "f.yaml")
    assert raised.value.message == f"f.yaml:{message}"


def test_a_path_through_a_file_cannot_be_read(tmp_path: Path) -> None:
    """A path whose folder is a file gives the system's reason in one line."""
    (tmp_path / "f.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError) as raised:
        read_yaml(tmp_path / "f.yaml" / "x.yaml", "f.yaml/x.yaml")
    assert (
        raised.value.message
        == "f.yaml/x.yaml: error: cannot be read (Not a directory) (check the path)"
    )


def test_positions_fall_back_to_the_nearest_parent() -> None:
    """A path with no position of its own is placed at its parent's value, or at 1:1."""
    doc = parse_yaml("a:\n  b: 1\n", "f.yaml")
    assert doc.at(("a", "missing")) == (2, 3)
    assert doc.at(("a", "b"), key=True) == (2, 3)
    assert doc.at(("nowhere", 3)) == (1, 1)
    assert Document("f.yaml", None, {}, {}).at(("x",)) == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('a: "\\U0A010000"\n', id="above-unicode"),
        pytest.param('a: "x\\UFFFFFFFF"\n', id="too-large-for-chr"),
        pytest.param('{a: {? x : 1, "\\UA0010000": 1}}\n', id="python-parser-path"),
    ],
)
def test_escape_naming_no_character_is_a_located_error(text: str) -> None:
    """A «\\U» escape above U+10FFFF is a one-line located error, not a crash in PyYAML."""
    with pytest.raises(QuestionnaireError) as raised:
        parse_yaml(text, "f.yaml")
    assert raised.value.message.startswith("f.yaml:1:")
    assert "names no character" in raised.value.message
