"""Start-up benchmark: triage against a floor app built from the same libraries, and peers.

Every figure is the median of repeated runs, each in a fresh process; its ratio to a
reference measured in the same run is the median of the per-round ratios (runs are
interleaved, so a busy machine slows both sides of a round alike). The targets are issue 16's:

1. ``triage shalam`` until the first question is visible in a pseudo-terminal: at most
   0.85 × the floor app's first question (``minimal_app.py``: Typer + questionary);
2. ``triage --help``: at most 0.35 × the floor's ``--help``;
3. ``triage shalam --answers FILE --no-input --format json``: at most 0.7 × the ``--help``
   of a Typer-only app (``typer_only_app.py``);
4. the peak memory (maximum resident set) of that JSON run: at most 0.6 × the floor's
   ``--help``'s;
5. ``triage validate`` on the shipped questionnaires (context, no target).

Copier and cookiecutter, when installed (``pip install -e '.[bench]'``), ask one question of
the same text, for comparison; without them their rows are skipped with a note.

Usage: ``python benchmarks/bench.py [-n RUNS] [-v] [--markdown]`` with the Python of the
environment triage is installed in. ``--markdown`` prints the table as the README shows it;
``-v`` prints ``python -X importtime``'s top entries for each triage command. Exits 1 when
a target is missed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
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
COPIER = str(Path(sys.executable).parent / "copier")
COOKIECUTTER = str(Path(sys.executable).parent / "cookiecutter")
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
    """Run a command to completion with output discarded; return its wall time in ms."""
    return run_measured(command, env)[0]


def peak_memory(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Run a command to completion; return its peak memory (maximum resident set) in MB."""
    return run_measured(command, env)[1]


def run_measured(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a command with output discarded; return its wall time (ms) and peak memory (MB)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env or ENV)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-500:]
            sys.exit(f"{' '.join(command)} failed ({child.returncode}): {text}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return elapsed, usage.ru_maxrss / scale


def first_question(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Start a command in a pty; return the milliseconds until the first question shows."""
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
        return (time.perf_counter() - start) * 1000
    finally:
        child.close(force=True)


@dataclass
class Figure:
    """One measured command, its reference, and the target ratio (None: context only)."""

    name: str
    measure: Callable[[], float]
    floor: str | None = None
    target: float | None = None
    unit: str = "ms"
    times: list[float] | None = None

    def median(self) -> float:
        """Return the median of the runs, in the figure's unit."""
        assert self.times
        return statistics.median(self.times)


def has_validate() -> bool:
    """Tell whether the installed triage has a ``validate`` command.

    Without one, ``triage validate --help`` is the help of the questionnaire runner.
    """
    done = subprocess.run(
        [TRIAGE, "validate", "--help"], capture_output=True, text=True, env=ENV, check=False
    )
    # The help is in bokmål by default («Bruk:»); in English it says «Usage:».
    return done.returncode == 0 and ": triage validate" in done.stdout.splitlines()[0]


FLOOR_QUESTION = "floor: first question"
FLOOR_HELP = "floor: --help"
TYPER_HELP = "Typer-only app: --help"
FLOOR_MEMORY = "floor: --help, peak memory"


def figures(answers: Path, peers: Path) -> list[Figure]:
    """Return what to measure, references first."""
    json_run = [TRIAGE, "shalam", "--answers", str(answers), "--no-input", "--format", "json"]
    found = [
        Figure(FLOOR_QUESTION, lambda: first_question(FLOOR)),
        Figure(FLOOR_HELP, lambda: run_quietly([*FLOOR, "--help"])),
        Figure(TYPER_HELP, lambda: run_quietly([*TYPER_ONLY, "--help"])),
        Figure(FLOOR_MEMORY, lambda: peak_memory([*FLOOR, "--help"]), unit="MB"),
    ]
    found += peer_figures(peers)
    found += [
        Figure(
            "(1) triage shalam: first question",
            lambda: first_question([TRIAGE, "shalam"]),
            FLOOR_QUESTION,
            0.85,
        ),
        Figure("(2) triage --help", lambda: run_quietly([TRIAGE, "--help"]), FLOOR_HELP, 0.35),
        Figure(
            "(3) triage shalam --answers FILE --no-input --format json",
            lambda: run_quietly(json_run),
            TYPER_HELP,
            0.70,
        ),
        Figure(
            "(4) the same JSON run: peak memory",
            lambda: peak_memory(json_run),
            FLOOR_MEMORY,
            0.60,
            unit="MB",
        ),
    ]
    if has_validate():
        found.append(
            Figure("(5) triage validate", lambda: run_quietly([TRIAGE, "validate"]), FLOOR_HELP)
        )
    else:
        print("(5) triage validate: skipped, the installed triage has no 'validate' command")
    return found


def peer_figures(folder: Path) -> list[Figure]:
    """Return copier's and cookiecutter's first question, each asking the floor's question.

    Each gets a one-question template in ``folder``; a peer not installed is skipped.
    """
    text = "Hvor gammel er personen?"
    env = {**ENV, "HOME": str(folder)}  # no user configuration, no replay files
    found = []
    if Path(COPIER).exists():
        template = folder / "copier-template"
        template.mkdir()
        (template / "copier.yml").write_text(
            f'age:\n  type: str\n  help: "{text}"\n', encoding="utf-8"
        )
        target = folder / "copier-project"
        command = [COPIER, "copy", "--trust", str(template), str(target)]
        found.append(
            Figure("copier: first question", lambda: first_question(command, env), FLOOR_QUESTION)
        )
    else:
        print("copier: skipped, not installed (pip install -e '.[bench]')")
    if Path(COOKIECUTTER).exists():
        template = folder / "cookiecutter-template"
        (template / "{{cookiecutter.age}}").mkdir(parents=True)
        (template / "cookiecutter.json").write_text(
            json.dumps({"age": "", "__prompts__": {"age": text}}) + "\n", encoding="utf-8"
        )
        command = [COOKIECUTTER, str(template), "-o", str(folder / "cookiecutter-project")]
        found.append(
            Figure(
                "cookiecutter: first question",
                lambda: first_question(command, env),
                FLOOR_QUESTION,
            )
        )
    else:
        print("cookiecutter: skipped, not installed (pip install -e '.[bench]')")
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


PEERS = ("copier", "cookiecutter")


def _installed(name: str) -> bool:
    try:
        importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


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
        for name in ("typer", "questionary", "prompt_toolkit", "rich", "PyYAML", *PEERS)
        if _installed(name)
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
        median = figure.median()
        ratio = verdict = ""
        if figure.floor:
            # Per round, then the median: a load that comes and goes hits both in a round.
            floor_times = by_name[figure.floor].times
            assert figure.times
            assert floor_times
            value = statistics.median(
                mine / theirs for mine, theirs in zip(figure.times, floor_times, strict=True)
            )
            ratio = f"{value:.2f} × {figure.floor.partition(': ')[0]}"
            if figure.target is not None:
                met = value <= figure.target
                ok = ok and met
                verdict = f"≤ {figure.target:.2f} {'met' if met else 'MISSED'}"
        shown = f"{median:.0f} ms" if figure.unit == "ms" else f"{median:.1f} MB"
        rows.append((figure.name, shown, ratio, verdict))
    print(f"\nMedian of {runs} runs, each a fresh process. Machine: {machine()}\n")
    if markdown:
        print("| command | median | ratio | target |")
        print("|---|---:|---|---|")
        for row in rows:
            print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
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
    # An installed wheel has its bytecode compiled; an editable install compiles a changed
    # module on its first import. Compile triage first, as pip does, so no round pays for it.
    import compileall

    import triage
    from triage.load.catalog import shipped_dir
    from triage.load.prebuilt import cached

    compileall.compile_dir(str(Path(triage.__file__).parent), quiet=1)
    # A shipped file edited since the install is read as YAML: slower, and not what users run.
    stale = [
        p.name
        for p in sorted(shipped_dir().glob("*.yaml"))
        if not cached(p, p.read_bytes(), p.name)
    ]
    if stale:
        print(f"warning: parsed form stale for {', '.join(stale)}: run pip install -e . again")
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.yaml"
        answers.write_text(ANSWERS, encoding="utf-8")
        peers = Path(folder) / "peers"
        peers.mkdir()
        found = figures(answers, peers)
        measure(found, options.runs)
        ok = report(found, options.runs, options.markdown)
        if options.verbose:
            print("\npython -X importtime, by cumulative time:")
            importtimes(answers)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
