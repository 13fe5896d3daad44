"""Start-up benchmark: triage against a floor app built from the same libraries.

Every figure is the median wall time of repeated runs, each in a fresh process, and is
reported as a ratio to a floor measured in the same run (runs are interleaved, so a busy
machine slows both sides alike):

1. ``triage shalam`` until the first question is visible in a pseudo-terminal,
   against the floor app's first question;
2. ``triage --help``, against the floor app's ``--help``;
3. ``triage shalam --answers FILE --no-input --format json``, against the floor's ``--help``;
4. ``triage validate`` on the shipped questionnaires (no target; skipped when the
   installed triage has no ``validate`` command).

Usage: ``python benchmarks/bench.py [-n RUNS] [-v] [--markdown]`` with the Python of the
environment triage is installed in. ``-v`` prints ``python -X importtime``'s top entries
for each triage command. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pexpect

HERE = Path(__file__).resolve().parent
TRIAGE = str(Path(sys.executable).parent / "triage")
FLOOR = [sys.executable, str(HERE / "minimal_app.py")]
TYPER_ONLY = [sys.executable, str(HERE / "typer_only_app.py")]
QUESTION = "Hvor gammel"  # the first question of shalam, and the floor app's question
# pip byte-compiles what it installs; let the warm-up run do the same for a source checkout.
ENV = {
    **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
    "NO_COLOR": "1",
    "TERM": "xterm",
    "COLUMNS": "100",
}
ANSWERS = (
    "age: 34\nbelongs_to_kristiansand: true\nown_substance_use: true\n"
    "wants_change: true\ncopes_with_withdrawal: true\n"
)


def run_quietly(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Run a command to completion with output discarded; return its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or ENV, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def first_question(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Start a command in a pty; return the seconds until the first question is visible."""
    start = time.perf_counter()
    child = pexpect.spawn(
        command[0],
        list(command[1:]),
        env=env or ENV,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    try:
        child.expect(QUESTION)
        return time.perf_counter() - start
    finally:
        child.close(force=True)


@dataclass
class Figure:
    """One measured command, its floor, and the target ratio (None: context only)."""

    name: str
    measure: Callable[[], float]
    floor: str | None = None
    target: float | None = None
    times: list[float] | None = None

    def median_ms(self) -> float:
        """Return the median of the runs in milliseconds."""
        assert self.times
        return statistics.median(self.times) * 1000


def has_validate() -> bool:
    """Tell whether the installed triage has a ``validate`` command.

    Without one, ``triage validate --help`` is the help of the questionnaire runner.
    """
    done = subprocess.run(
        [TRIAGE, "validate", "--help"], capture_output=True, text=True, env=ENV, check=False
    )
    # The help is in bokmål by default («Bruk:»); in English it says «Usage:».
    return done.returncode == 0 and ": triage validate" in done.stdout.splitlines()[0]


def figures(answers: Path) -> list[Figure]:
    """Return what to measure, floors first."""
    found = [
        Figure("floor: first question", lambda: first_question(FLOOR)),
        Figure("floor: --help", lambda: run_quietly([*FLOOR, "--help"])),
        Figure(
            "context: floor, questionary imported lazily: --help",
            lambda: run_quietly([*TYPER_ONLY, "--help"]),
        ),
        Figure(
            "(1) triage shalam: first question",
            lambda: first_question([TRIAGE, "shalam"]),
            "floor: first question",
            1.10,
        ),
        Figure(
            "(2) triage --help",
            lambda: run_quietly([TRIAGE, "--help"]),
            "floor: --help",
            1.0,
        ),
        Figure(
            "(3) triage shalam --answers --no-input --format json",
            lambda: run_quietly(
                [TRIAGE, "shalam", "--answers", str(answers), "--no-input", "--format", "json"]
            ),
            "floor: --help",
            1.0,
        ),
    ]
    if has_validate():
        found.append(
            Figure(
                "(4) triage validate", lambda: run_quietly([TRIAGE, "validate"]), "floor: --help"
            )
        )
    else:
        print("(4) triage validate: skipped, the installed triage has no 'validate' command")
    return found


def measure(found: list[Figure], runs: int) -> None:
    """Warm up once (byte-code caches), then run every figure once per round."""
    for figure in found:
        figure.measure()
        figure.times = []
    for _ in range(runs):
        for figure in found:
            assert figure.times is not None
            figure.times.append(figure.measure())


def machine() -> str:
    """Return a one-line description of the machine and the library versions."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {importlib.metadata.version(name)}"
        for name in ("typer", "questionary", "prompt_toolkit", "rich", "PyYAML")
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {versions}"
    )


def report(found: list[Figure], runs: int, markdown: bool) -> bool:
    """Print the figures; return True when every target is met."""
    by_name = {figure.name: figure for figure in found}
    ok = True
    rows = []
    for figure in found:
        median = figure.median_ms()
        ratio = verdict = ""
        if figure.floor:
            value = median / by_name[figure.floor].median_ms()
            ratio = f"{value:.2f}×"
            if figure.target is not None:
                met = value <= figure.target
                ok = ok and met
                verdict = f"≤ {figure.target:.2f}× {'met' if met else 'MISSED'}"
        rows.append((figure.name, f"{median:.0f} ms", ratio, verdict))
    print(f"\nMedian of {runs} runs, each a fresh process. Machine: {machine()}\n")
    if markdown:
        print("| command | median | ratio to floor | target |")
        print("|---|---:|---:|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    return ok


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def top_imports(stderr: str, count: int = 15) -> str:
    """Return importtime's top entries by cumulative time, and the module count."""
    entries = [
        (int(cumulative), len(indent) // 2, name)
        for _, cumulative, indent, name in _IMPORT_LINE.findall(stderr)
    ]
    total = sum(cumulative for cumulative, depth, _ in entries if depth == 0)
    lines = [f"    {len(entries)} modules, {total / 1000:.0f} ms of imports; top {count}:"]
    for cumulative, depth, name in sorted(entries, reverse=True)[:count]:
        lines.append(f"    {cumulative / 1000:7.1f} ms  {'  ' * depth}{name}")
    return "\n".join(lines)


def importtimes(answers: Path) -> None:
    """Print importtime's top entries for each triage command."""
    env = {**ENV, "PYTHONPROFILEIMPORTTIME": "1"}
    commands = {
        "triage --help": [TRIAGE, "--help"],
        "triage shalam --answers --no-input --format json": [
            TRIAGE,
            "shalam",
            "--answers",
            str(answers),
            "--no-input",
            "--format",
            "json",
        ],
    }
    if has_validate():
        commands["triage validate"] = [TRIAGE, "validate"]
    for title, command in commands.items():
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        print(f"\n  {title}\n{top_imports(done.stderr)}")
    child = pexpect.spawn(TRIAGE, ["shalam"], env=env, encoding="utf-8", timeout=30)
    child.expect(QUESTION)
    print(f"\n  triage shalam (until the first question)\n{top_imports(child.before)}")
    child.close(force=True)


def main() -> None:
    """Measure, print, and exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=15, help="runs per figure (15)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print importtime's top")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    options = parser.parse_args()
    if not Path(TRIAGE).exists():
        sys.exit(f"no triage next to this Python ({TRIAGE}): install the package first")
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        found = figures(answers)
        measure(found, options.runs)
        ok = report(found, options.runs, options.markdown)
        if options.verbose:
            print("\npython -X importtime, by cumulative time:")
            importtimes(answers)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
