"""The demo in a real pseudo-terminal, as a trainer at a projector drives it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect

TRIAGE = Path(sys.executable).parent / "triage"
CLEAR = "\x1b[2J"


def _demo(tmp_path: Path, *args: str) -> pexpect.spawn:
    assert TRIAGE.exists(), f"install the package first: {TRIAGE} is missing"
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "100"}
    return pexpect.spawn(
        str(TRIAGE),
        ["demo", *args],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 100),
    )


def test_demo_clears_goes_forward_and_back_with_keys(tmp_path: Path) -> None:
    """Each case starts on a cleared screen; a key goes on, the left arrow and < go back."""
    child = _demo(tmp_path, "shalam")
    try:
        child.expect_exact(CLEAR)
        child.expect_exact("Eksempel 1 av 14: alle kriterier oppfylt")
        child.expect_exact("Dette er utfallet kriteriene gir.")
        child.expect_exact("(< forrige, q avslutter)")
        child.send(" ")
        child.expect_exact(CLEAR)
        child.expect_exact("Eksempel 2 av 14: akkurat 18 år")
        child.expect_exact("(< forrige, q avslutter)")
        child.send("\x1b[D")  # the left arrow
        child.expect_exact(CLEAR)
        child.expect_exact("Eksempel 1 av 14")
        child.expect_exact("(< forrige, q avslutter)")
        child.send(" ")
        child.expect_exact("Eksempel 2 av 14")
        child.expect_exact("(< forrige, q avslutter)")
        child.send("<")
        child.expect_exact("Eksempel 1 av 14")
        child.expect_exact("(< forrige, q avslutter)")
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_demo_of_one_case_does_not_wait(tmp_path: Path) -> None:
    """--case by a part of the name plays that case and ends without waiting for a key."""
    child = _demo(tmp_path, "gravid", "--case", "ingen svar")
    try:
        child.expect_exact("Eksempel 13 av 13: ingen svar")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
