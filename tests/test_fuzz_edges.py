"""Fuzzing the edges: generated answers files and environments, through the real entry points.

Answers files (YAML, JSON or raw lines; hostile strings, odd scalars, byte mutations) go
through the loader and the ``--no-input`` run in-process; environments go through the
installed command (tests/e2e/test_fuzz_environment.py). Either the run works, or it ends in
one ``triage:`` line with exit 2: never a traceback, never a multi-line error.

The budget is small by default (the CI run); ``HYPOTHESIS_PROFILE=thorough`` tries 20 times
more, ``quick`` a quarter.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy, composite

from tests.conftest import scaled
from triage.core.errors import AnswersError
from triage.load.catalog import Catalog

TRIAGE = str(Path(sys.executable).parent / "triage")
SHALAM = Catalog().load("shalam")
IDS = [q.id for q in SHALAM.questions]


def budget(examples: int) -> settings:
    """Settings for ``examples`` inputs under the "ci" profile, scaled by the loaded one."""
    return settings(
        max_examples=scaled(examples),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


#: Strings a careless user or a hostile file might hold.
HOSTILE = [
    "ja",
    "nei",
    "j",
    "n",
    "v",
    "?",
    "unknown",
    "Unknown",
    "Vet ikke",
    "vet ikke",
    "ukjent",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    " own",
    "own ",
    "34",
    " 34 ",
    "٣٤",
    "３４",
    "-1",
    "121",
    "1e3",
    "0x22",
    "34.0",
    "",
    " ",
    "\t",
    "\x1b]52;c;UTE=\x07",
    "\x1b[2J",
    "\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\",
    "\u202eevil\u202c",
    "a\u200bb",
    "[link=https://evil.example]x[/link]",
    "[/bold]",
    "**x**",
    "<b>x</b>",
    "# x",
    "\x7f\x85",
    "x" * 5_000,
]
#: Scalars as they may be written in a YAML file, including tags and odd forms.
RAW_SCALARS = [
    "0x1f",
    "0o17",
    "0b101",
    ".nan",
    ".inf",
    "-.inf",
    "~",
    "null",
    "!!int 3",
    "!!str 3",
    "!!binary aGk=",
    "&a 1",
    "*a",
    "'34'",
    '"34"',
    "2026-11-23",
    "12:30:00",
    "1_000",
    "9" * 5_000,
    "0x" + "f" * 4_000,
    "[1, 2]",
    "{a: 1}",
    "|\n  text",
    ">\n  folded",
    "!!python/object/apply:os.system ['true']",
    "'\\x1b'",
    '"\\ud800"',
    '"\\x1b[2J"',
    "yes",
    "No",
    "ON",
    "unknown",
    "vet ikke",
]

scalars: SearchStrategy[object] = st.one_of(
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
)
values: SearchStrategy[object] = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
keys: SearchStrategy[str] = st.sampled_from(IDS) | st.sampled_from(HOSTILE) | st.text(max_size=12)


@composite
def answers_files(draw: DrawFn) -> bytes:
    """Return the bytes of a generated answers file: YAML, JSON or raw lines, maybe damaged."""
    data = draw(st.dictionaries(keys, values, max_size=8))
    form = draw(st.sampled_from(["json", "yaml", "flow", "raw"]))
    if form == "json":
        text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    elif form in ("yaml", "flow"):
        text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=form == "flow")
    else:
        lines = [
            f"{draw(keys)}: {draw(st.sampled_from(RAW_SCALARS) | st.sampled_from(HOSTILE))}"
            for _ in range(draw(st.integers(0, 8)))
        ]
        text = "\n".join(lines) + "\n"
    content = text.encode("utf-8", "surrogatepass")
    for _ in range(draw(st.integers(0, 3))):
        content = draw(mutations(content))
    return content


@composite
def mutations(draw: DrawFn, content: bytes) -> bytes:
    """Damage ``content`` once: bytes, BOM, line ends, NUL, truncation, repetition."""
    kind = draw(
        st.sampled_from(["byte", "bom", "crlf", "cr", "nul", "cut", "dup", "brackets", "pad"])
    )
    where = draw(st.integers(0, len(content)))
    if kind == "byte":
        return content[:where] + bytes([draw(st.integers(0, 255))]) + content[where + 1 :]
    if kind == "bom":
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + content
    if kind == "crlf":
        return content.replace(b"\n", b"\r\n")
    if kind == "cr":
        return content.replace(b"\n", b"\r")
    if kind == "nul":
        return content[:where] + b"\x00" + content[where:]
    if kind == "cut":
        return content[:where]
    if kind == "dup":
        lines = content.splitlines(keepends=True)
        return b"".join(lines + lines[: draw(st.integers(0, len(lines)))])
    if kind == "brackets":
        return content[:where] + b"[" * draw(st.integers(1, 20_000)) + content[where:]
    return content + b"#" + b"x" * 1_000_100  # over the size limit


def _one_line(message: str) -> None:
    assert message
    assert "\n" not in message.strip(), message
    assert "\x1b" not in message, message


@budget(300)
@given(content=answers_files())
def test_any_answers_file_loads_or_gives_one_line(content: bytes, tmp_path: Path) -> None:
    """The answers loader returns answers or raises AnswersError in one line, nothing else."""
    from triage.load.answers import load_answers

    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    try:
        answers = load_answers(path, SHALAM)
    except AnswersError as error:
        _one_line(error.message)
        return
    assert set(answers) <= set(IDS)


@budget(150)
@given(
    content=answers_files(),
    output_format=st.sampled_from(["rich", "text", "markdown", "json"]),
    columns=st.sampled_from(["0", "1", "5", "-5", "abc", "80", "100000", ""]),
    lang=st.sampled_from(["nb", "en"]),
)
def test_any_answers_file_runs_with_no_input_or_stops_in_one_line(
    content: bytes, output_format: str, columns: str, lang: str, tmp_path: Path
) -> None:
    """`triage shalam --answers F --no-input` reports (0) or gives one `triage:` line (2)."""
    from typer.testing import CliRunner

    from triage.cli import app

    path = tmp_path / "answers.yaml"
    path.write_bytes(content)
    result = CliRunner().invoke(
        app,
        ["shalam", "--answers", str(path), "--no-input", "--format", output_format],
        env={"COLUMNS": columns, "TRIAGE_LANG": lang, "TRIAGE_QUESTIONNAIRES": None},
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert result.stderr.startswith("triage: ")
        _one_line(result.stderr)
    elif output_format == "json":
        assert json.loads(result.stdout)["format"] == "triage-result/1"
    else:
        assert "\x1b" not in result.stdout
