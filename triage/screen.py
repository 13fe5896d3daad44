"""Where long output goes on a terminal: a sane width, and the user's pager as git uses it.

A report or an ``explain`` longer than the screen goes through the pager (``$TRIAGE_PAGER``,
``$PAGER``, else ``less`` when installed) with ``LESS=FRX`` unless the user set ``LESS``: it
starts at the top, where the verdict is, keeps colour, leaves the text on the screen when it
ends, and its prompt says in the user's language which keys page and quit. Only when standard
output is a terminal; a pipe, a file or ``--no-pager`` get it all. An empty pager or ``cat``
means none. With ``TERM=dumb``, or without ``less`` (plain Windows), there is no pager:
Windows' ``more`` mangles colour and UTF-8, and the report ends with its verdict anyway.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping

PAGER_ENV = ("TRIAGE_PAGER", "PAGER")
#: Narrower than this and every line is a word; wider and a line is hard to follow (issue 12 C3).
MIN_WIDTH, MAX_WIDTH = 40, 160

_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$")


def screen_width(columns: int, widest: int | None = MAX_WIDTH) -> int:
    """Return the width to render at: the terminal's (or $COLUMNS), kept within 40–160.

    ``widest=None`` lifts the upper bound, for tables that take only the room they need.
    """
    return max(MIN_WIDTH, columns if widest is None else min(widest, columns))


def trim_lines(text: str) -> str:
    """Return text without spaces at the ends of its lines (colour codes there are kept)."""
    lines = text.split("\n")
    return "\n".join(_TRAILING.sub(_codes, line) for line in lines)


def _codes(match: re.Match[str]) -> str:
    return "".join(re.findall(r"\x1b\[[0-9;]*m", match.group(0)))


def pager_command(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[str] | None:
    """Return the pager to run as its arguments, or None for no pager."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    for name in PAGER_ENV:
        value = environ.get(name)
        if value is not None:
            args = shlex.split(value, posix=platform != "win32") if value.strip() else []
            return None if not args or args == ["cat"] else args
    if environ.get("TERM") == "dumb":  # less would stop to warn about the terminal first
        return None
    less = shutil.which("less")
    return [less] if less else None


def less_prompt(keys: str, end: str) -> str:
    """Return a prompt for less saying which keys to press, and ``end`` at the end of the text.

    less takes ? : . % \\ as prompt syntax, so they are escaped; its prompt shows ASCII only.
    """

    def escaped(text: str) -> str:
        return re.sub(r"([?:.%\\$])", r"\\\1", text)

    return escaped(keys) + "?e " + escaped(end) + "."


def pager_environment(
    environ: Mapping[str, str] | None = None, prompt: str | None = None
) -> dict[str, str]:
    """Return the pager's environment: LESS=FRX (with the prompt) and LV=-c unless set."""
    env = dict(os.environ if environ is None else environ)
    env.setdefault("LESS", "-FRX" + (f" -Ps{prompt}$" if prompt else ""))
    env.setdefault("LV", "-c")
    return env


def page(text: str, command: list[str], encoding: str, prompt: str | None = None) -> bool:
    """Show text through the pager; False if it could not be started (then print it)."""
    try:
        env = pager_environment(prompt=prompt)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert process.stdin is not None
    # The reader may quit before the end (a broken pipe), and Ctrl-C belongs to the pager,
    # which shows what it got: neither is an error here.
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        process.stdin.write(text.encode(encoding, errors="replace"))
    with contextlib.suppress(OSError):
        process.stdin.close()
    while True:
        try:
            process.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs, as in git
            continue


def needs_pager(text: str, height: int) -> bool:
    """True when text has more lines than fit above the prompt on a screen ``height`` rows high."""
    return text.count("\n") >= height
