"""Fuzzing the environment of the installed command: encodings, COLUMNS, TERM, NO_COLOR, language.

Either the run works, or it ends in one ``triage:`` line with exit 2: never a traceback. The
budget comes from the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from tests.test_fuzz_edges import TRIAGE, _one_line, budget

ENCODINGS = ["utf-8", "cp1252", "latin-1", "ascii", "utf-8:strict", "ascii:strict", "cp850"]

environments: SearchStrategy[dict[str, str]] = st.fixed_dictionaries(
    {},
    optional={
        "PYTHONIOENCODING": st.sampled_from(ENCODINGS),
        "LC_ALL": st.sampled_from(["C", "POSIX", "C.UTF-8", "nb_NO.ISO-8859-1"]),
        "PYTHONUTF8": st.sampled_from(["0", "1"]),
        "PYTHONCOERCECLOCALE": st.just("0"),
        "COLUMNS": st.sampled_from(["0", "1", "7", "-5", "abc", "100000", ""]),
        "LINES": st.sampled_from(["0", "1", "x"]),
        "TERM": st.sampled_from(["dumb", "", "xterm", "xterm-256color", "vt100", "linux"]),
        "NO_COLOR": st.sampled_from(["1", ""]),
        "TRIAGE_LANG": st.sampled_from(["nb", "en", "", "xx"]),
    },
)


@pytest.fixture(scope="module")
def all_met(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An answers file that meets every criterion of shalam."""
    path = tmp_path_factory.mktemp("answers") / "a.yaml"
    path.write_text(
        "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
        "wants_change: true\ncopes_with_withdrawal: true\n",
        encoding="utf-8",
    )
    return path


@budget(12)
@given(
    environment=environments,
    arguments=st.sampled_from(
        [
            ["--format", "rich"],
            ["--format", "text"],
            ["--format", "markdown"],
            ["--format", "json"],
            ["--format", "rich", "--why"],
        ]
    ),
)
def test_any_environment_reports_or_stops_in_one_line(
    environment: dict[str, str], arguments: list[str], all_met: Path
) -> None:
    """Odd encodings, widths, terminals and languages never crash the installed command."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON", "TRIAGE"))}
    done = subprocess.run(
        [TRIAGE, "shalam", "--answers", str(all_met), "--no-input", *arguments],
        env={**env, **environment},
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    if environment.get("TRIAGE_LANG") == "xx":
        assert done.returncode == 2
        # Bokmål, the default; «å» and the quotes are whatever the output encoding makes of them.
        assert stderr.startswith("triage: ukjent spr"), stderr
        assert "xx" in stderr
        _one_line(stderr)
    else:
        assert done.returncode == 0, stderr
        assert done.stdout.strip()
