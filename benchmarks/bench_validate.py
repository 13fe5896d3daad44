"""Benchmark: how long 'triage validate' and the proofs take.

Prints:

1. ``triage validate`` on the shipped questionnaires, as a user runs it (a new process,
   best of five runs, wall clock);
2. the proofs alone, in this process, on generated questionnaires of yes/no and number
   questions with twice as many outcomes: 25 questions (30 outcomes), 60, 250 and 500.
   Targets: 250 questions / 500 outcomes under 2 s, 500 / 1000 under 6 s. Each figure is
   the best of three runs, as wall-clock time and as the process's CPU time (on a machine
   shared with other work the CPU time is the steadier figure). These are the proofs
   without the search for overlapping outcomes, whose cost follows on its own line (one
   run): in these random questionnaires nearly every outcome overlaps an earlier one, the
   worst case;
3. ``triage validate`` on the generated file of 60 questions, as a new process.

Run it with the project's virtual environment: ``python benchmarks/bench_validate.py``
(``--quick`` stops at 60 questions). It is a measurement, not a test: nothing fails when a
figure is slow.
"""

from __future__ import annotations

import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from triage.check.proofs import Check, prove
from triage.load.catalog import shipped_dir
from triage.load.contacts import load_directory
from triage.load.questionnaire import load_questionnaire

CONTACTS = shipped_dir() / "contacts.yaml"


def generate(questions: int, outcomes: int, seed: int = 3) -> str:
    """Return the YAML of a questionnaire with yes/no and number questions.

    Every fifth question is asked only after a yes to the one before it; outcomes test two
    or three answers or criteria each, and the last outcome catches everything else, so a
    sound questionnaire comes out (the proofs must show that, which is the slow case).
    """
    rng = random.Random(seed)
    lines = [
        "id: generated",
        "title: {nb: Generert, en: Generated}",
        "description: {nb: Generert for måling., en: Generated for measuring.}",
        'version: "1"',
        "source: {pages: [kristiansand_rusteamet]}",
        "questions:",
    ]
    kinds: list[str] = []
    for index in range(questions):
        kind = "number" if index % 3 == 2 else "yes_no"
        kinds.append(kind)
        lines.append(f"  - id: q{index}")
        lines.append(f"    kind: {kind}")
        lines.append(f"    text: {{nb: Spørsmål {index}, en: Question {index}}}")
        if kind == "number":
            lines.append("    min: 0")
            lines.append("    max: 120")
        if index % 5 == 4 and kinds[index - 1] == "yes_no":
            lines.append(f"    when: q{index - 1}")

    def literal() -> str:
        index = rng.randrange(questions)
        if kinds[index] == "number":
            return f"q{index} {rng.choice(['>=', '<', '==', '!='])} {rng.randrange(10, 100)}"
        return f"q{index}" if rng.random() < 0.5 else f"not q{index}"

    criteria = max(1, questions // 3)
    lines.append("criteria:")
    for index in range(criteria):
        lines.append(f"  - id: c{index}")
        lines.append(f"    text: {{nb: Kriterium {index}, en: Criterion {index}}}")
        lines.append(f"    when: {literal()} or {literal()}")
    lines.append("outcomes:")
    for index in range(outcomes):
        last = index == outcomes - 1
        parts = [literal() for _ in range(rng.choice((3, 4)))]
        if rng.random() < 0.3:
            parts[0] = f"c{rng.randrange(criteria)}"
        condition = "true" if last else " and ".join(parts)
        lines.append(f"  - id: o{index}")
        lines.append("    level: information")
        lines.append(f"    title: {{nb: Utfall {index}, en: Outcome {index}}}")
        lines.append("    summary: {nb: Oppsummering., en: Summary.}")
        lines.append(f"    when: {condition}")
        lines.append("    contacts: [rusteamet_kristiansand]")
    lines.append("clarify: {contacts: [rusteamet_kristiansand]}")
    return "\n".join(lines) + "\n"


def best_of(runs: int, action: object) -> float:
    """Return the fastest of ``runs`` timings of ``action()``, in seconds."""
    return best_of_both(runs, action)[0]


def best_of_both(runs: int, action: object) -> tuple[float, float]:
    """Return the fastest wall-clock and the fastest CPU time of ``runs`` runs, in seconds."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()  # type: ignore[operator]
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def validate_process(*paths: str) -> None:
    """Run 'triage validate' in a new process, as a user does."""
    triage = shutil.which("triage", path=str(Path(sys.executable).parent)) or "triage"
    result = subprocess.run([triage, "validate", *paths], capture_output=True, text=True)
    # Exit 1 means it found problems, which the generated questionnaire may well have.
    if result.returncode not in (0, 1):
        raise SystemExit(f"triage validate failed:\n{result.stdout}{result.stderr}")


def proof_time(
    questions: int, outcomes: int, folder: Path
) -> tuple[tuple[float, float], Path, int]:
    """Write a generated questionnaire, load it, and time the proofs on it (wall, CPU)."""
    path = folder / f"generated{questions}.yaml"
    path.write_text(generate(questions, outcomes), encoding="utf-8")
    questionnaire = load_questionnaire(path, load_directory([CONTACTS]))
    # No time budget: the figure is how long the proofs take, not where they would stop.
    findings = len(prove(questionnaire, budget=3600, overlaps=False).findings)
    timing = best_of_both(3, lambda: prove(questionnaire, budget=3600, overlaps=False))
    return timing, path, findings


def overlap_cost(path: Path) -> tuple[float, float, int]:
    """Return what the search for overlaps adds to the proofs (wall, CPU) and its findings."""
    questionnaire = load_questionnaire(path, load_directory([CONTACTS]))
    without = best_of_both(1, lambda: prove(questionnaire, budget=3600, overlaps=False))
    overlaps = [0]

    def with_overlaps() -> None:
        found = prove(questionnaire, budget=3600).findings
        overlaps[0] = sum(f.check is Check.OVERLAP for f in found)

    both = best_of_both(1, with_overlaps)
    return both[0] - without[0], both[1] - without[1], overlaps[0]


def main() -> None:
    """Print the figures."""
    cpu = platform.processor() or platform.machine()
    print(f"machine: {platform.system()} {cpu}, Python {platform.python_version()}")
    shipped = best_of(5, validate_process)
    print(f"triage validate, shipped questionnaires (new process): {shipped:.2f} s")
    sizes = [(25, 30, ""), (60, 120, ""), (250, 500, "target 2 s"), (500, 1000, "target 6 s")]
    if "--quick" in sys.argv[1:]:
        sizes = sizes[:2]
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for questions, outcomes, target in sizes:
            (wall, cpu), paths[questions], findings = proof_time(questions, outcomes, Path(folder))
            aim = f", {target}" if target else ""
            print(
                f"proofs, {questions} questions and {outcomes} outcomes: {wall:.2f} s wall, "
                f"{cpu:.2f} s CPU ({findings} findings{aim})"
            )
            wall, cpu, overlaps = overlap_cost(paths[questions])
            print(f"  and overlaps: + {wall:.2f} s wall, + {cpu:.2f} s CPU ({overlaps} found)")
        whole = best_of(3, lambda: validate_process(str(paths[60])))
        print(f"triage validate, 60 questions and 120 outcomes (new process): {whole:.2f} s")


if __name__ == "__main__":
    main()
