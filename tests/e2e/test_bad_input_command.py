"""Bad input through the installed command: one line, exit 2, no traceback.

A few cases of the bad-input matrix (tests/test_bad_input.py, which runs all of them
in-process) run ``triage`` in a fresh process, so the real entry point, its stderr and its
exit code are proved end to end; and an unreadable file, which needs a process of its own.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.test_bad_input import MATRIX, prepare

TRIAGE = Path(sys.executable).parent / "triage"
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "TRIAGE_LANG": "nb"}
ENV.pop("TRIAGE_QUESTIONNAIRES", None)

#: One questionnaire file, one answers file, one folder; the whole matrix runs in-process.
THROUGH_THE_COMMAND = ("questionnaire-tabs", "answers-wrong-type", "folder-missing")


@dataclass(frozen=True)
class Outcome:
    """What one run printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def _run(args: list[str], **options: object) -> Outcome:
    done = subprocess.run(
        [str(TRIAGE), *args],
        capture_output=True,
        text=True,
        env=ENV,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
        **options,  # type: ignore[arg-type]
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def _assert_one_line(outcome: Outcome, line: str) -> None:
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert outcome.stdout == ""
    assert outcome.stderr.splitlines() == [line]
    assert outcome.returncode == 2


@pytest.mark.parametrize("name", THROUGH_THE_COMMAND)
def test_bad_input_gives_one_line_and_exit_2(name: str, tmp_path: Path) -> None:
    """A bad questionnaire, answers file or folder: one line naming it, exit 2, no traceback."""
    assert TRIAGE.exists(), f"install the package first: {TRIAGE} is missing"
    folder = tmp_path / name
    outcome = _run(prepare(folder, MATRIX[name]))
    _assert_one_line(outcome, MATRIX[name].line.format(dir=folder))


def _without_root_override() -> None:  # pragma: no cover - runs in the child process
    """Drop the capabilities that let root read any file, for this process and its children."""
    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2
    for capability in (cap_dac_override, cap_dac_read_search):
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_unreadable_answers_file_gives_one_line(tmp_path: Path) -> None:
    """An answers file nobody may read gives one line, exit 2 (root runs without its override)."""
    answers = tmp_path / "a.yaml"
    answers.write_text("age: 34\n", encoding="utf-8")
    answers.chmod(0)
    options: dict[str, object] = {}
    if os.geteuid() == 0:
        # chmod 000 does not stop root; a child without CAP_DAC_OVERRIDE is stopped by it.
        probe = [sys.executable, "-c", f"open({str(answers)!r}).read()"]
        try:
            readable = (
                subprocess.run(
                    probe, preexec_fn=_without_root_override, capture_output=True, check=False
                ).returncode
                == 0
            )
        except (OSError, subprocess.SubprocessError):
            readable = True
        if readable:
            pytest.skip("running as root, and root's permission override cannot be dropped here")
        options["preexec_fn"] = _without_root_override
    outcome = _run(["shalam", "--answers", str(answers), "--no-input"], **options)
    _assert_one_line(
        outcome,
        f"triage: {answers}: error: cannot be read (permission denied) (check its permissions)",
    )
