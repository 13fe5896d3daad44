"""The ``triage`` command's entry point; also ``python -m triage``.

Kept tiny on purpose: the guard against Ctrl-C must be in place before the command line's
imports start, so an interrupt during start-up exits 130 with one line, never a traceback
from a half-imported module.
"""

from __future__ import annotations

import os
import sys

EXIT_USAGE, EXIT_INTERRUPTED = 2, 130


def _message(key: str) -> str:
    """Return a start-up message in the language of $TRIAGE_LANG (bokmål by default)."""
    try:
        from triage.render.i18n import t

        return t(key, os.environ.get("TRIAGE_LANG") or "nb")
    except (ImportError, KeyError):  # a broken install must still say why it stopped
        return key


def _prepare_streams() -> None:
    """Make closed standard streams an error and any output encoding safe to write to."""
    if sys.stdout is None or sys.stderr is None:
        if sys.stderr is not None:
            print(f"triage: {_message('stdout_closed')}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    if sys.stdin is None:
        # Nothing can be asked; runs with --no-input still work, interviews say "no terminal".
        from pathlib import Path

        sys.stdin = Path(os.devnull).open(encoding="utf-8")  # noqa: SIM115 - open for the run
    for stream in (sys.stdout, sys.stderr):
        # cp1252, latin-1 and ASCII cannot hold ✓ or «», nor UTF-8 a lone surrogate:
        # replace what cannot be written, never crash after the interview.
        reconfigure = getattr(stream, "reconfigure", None)
        utf8 = (getattr(stream, "encoding", "") or "").lower().replace("-", "") == "utf8"
        if reconfigure is not None and (not utf8 or getattr(stream, "errors", "") == "strict"):
            reconfigure(errors="replace")


def _quiet_interrupts(unraisable: sys.UnraisableHookArgs) -> None:
    """Drop a Ctrl-C that Python can only report as "Exception ignored" (e.g. one that lands
    in an import lock's clean-up while the command line is imported); show anything else."""
    if not isinstance(unraisable.exc_value, KeyboardInterrupt):
        sys.__unraisablehook__(unraisable)


def main() -> None:
    """Run the command line; Ctrl-C at any moment, even during the imports, exits 130."""
    sys.unraisablehook = _quiet_interrupts
    try:
        _prepare_streams()
        # 'triage ID [options]' runs without loading Typer; it exits when it took the line.
        from triage.direct import main as run_direct

        run_direct(sys.argv[1:])
        from triage.cli import main as run

        run()
    except KeyboardInterrupt:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt this
        if sys.stderr is not None:
            print("\n" + _message("interrupted"), file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
