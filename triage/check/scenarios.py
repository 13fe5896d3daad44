"""Scenario cases: run a questionnaire's cases and compare with what they expect."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from triage.core.engine import decide
from triage.core.errors import Problem, Severity
from triage.core.model import CLARIFY_ID, Directory, Questionnaire
from triage.load.answers import answers_text
from triage.load.cases import Case, check_cases
from triage.load.catalog import Catalog, cases_file, expand, file_kind, questionnaire_of
from triage.load.questionnaire import check_questionnaire


@dataclass(frozen=True, slots=True)
class CaseResult:
    """What a case expected and what the engine gave."""

    case: Case
    outcome: str
    clarify: tuple[str, ...]
    contacts: tuple[str, ...]

    @property
    def failures(self) -> tuple[str, ...]:
        """Return a line for each expectation the result does not meet."""
        found = []
        if self.outcome != self.case.outcome:
            found.append(f"outcome: expected {self.case.outcome}, got {self.outcome}")
        if self.case.clarify is not None and self.clarify != self.case.clarify:
            found.append(
                f"clarify: expected [{', '.join(self.case.clarify)}], "
                f"got [{', '.join(self.clarify)}]"
            )
        if self.case.contacts is not None and self.contacts != self.case.contacts:
            found.append(
                f"contacts: expected [{', '.join(self.case.contacts)}], "
                f"got [{', '.join(self.contacts)}]"
            )
        return tuple(found)

    @property
    def passed(self) -> bool:
        """True when every expectation is met."""
        return not self.failures


def run_case(questionnaire: Questionnaire, case: Case) -> CaseResult:
    """Decide a case's answers and return the comparison.

    As in a run, a hand-over that may go on without some open answers (``go_on_without``)
    does so: the case expects the outcome the person is handed over with.
    """
    from triage.core.routing import go_on

    decision = decide(questionnaire, case.answers)
    decision = go_on(decision) or decision
    return CaseResult(case, decision.outcome_id, decision.clarify, decision.contacts)


@dataclass(frozen=True, slots=True)
class ScenarioRun:
    """The cases of one questionnaire: their results, what no case reaches, and problems.

    ``problems`` holds what kept cases from running (a broken or missing file) and the
    failing cases and uncovered outcomes, each as a located line.
    """

    questionnaire: str
    results: tuple[CaseResult, ...]
    uncovered: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def passed(self) -> int:
        """The number of cases that met every expectation."""
        return sum(result.passed for result in self.results)

    @property
    def failed(self) -> int:
        """The number of cases that did not."""
        return len(self.results) - self.passed


def uncovered(questionnaire: Questionnaire, results: Iterable[CaseResult]) -> tuple[str, ...]:
    """Return the outcomes (``clarify`` last) that no case's answers give."""
    reached = {result.outcome for result in results}
    ids = [*(o.id for o in questionnaire.outcomes), CLARIFY_ID]
    return tuple(ident for ident in ids if ident not in reached)


def run_scenarios(path: Path, directory: Directory, display: str | None = None) -> ScenarioRun:
    """Load a questionnaire file and run the cases file beside it."""
    name = display or str(path)
    checked = check_questionnaire(path, directory, name)
    questionnaire = checked.questionnaire
    if questionnaire is None:
        errors = tuple(p for p in checked.problems if p.severity is Severity.ERROR)
        return ScenarioRun(path.stem, (), (), errors)
    cases_path = cases_file(path)
    cases_name = str(Path(name).with_name(cases_path.name))
    if not cases_path.exists():
        missing = Problem(
            name,
            0,
            0,
            f"no cases file: write {cases_path.name} beside it",
            hint="see 'Scenario cases' in docs/authoring.md",
        )
        return ScenarioRun(questionnaire.id, (), uncovered(questionnaire, ()), (missing,))
    cases, problems = check_cases(cases_path, questionnaire, cases_name)
    case_errors = [p for p in problems if p.severity is Severity.ERROR]
    if case_errors:
        return ScenarioRun(questionnaire.id, (), (), tuple(case_errors))
    results = tuple(run_case(questionnaire, case) for case in cases)
    found = [
        Problem(
            cases_name,
            r.case.line,
            r.case.col,
            f"case '{r.case.name}': {'; '.join(r.failures)}; "
            f"answers {answers_text(r.case.answers)}",
        )
        for r in results
        if not r.passed
    ]
    missed = uncovered(questionnaire, results)
    if missed:
        found.append(
            Problem(
                cases_name,
                0,
                0,
                f"not covered by any case: {', '.join(missed)}",
                hint="add a case whose answers give each of these outcomes",
            )
        )
    return ScenarioRun(questionnaire.id, results, missed, tuple(found))


def scenario_files(paths: Iterable[Path], catalog: Catalog) -> tuple[list[Path], Catalog]:
    """Return the questionnaires whose cases to run, and the catalog that also holds them.

    ``paths`` are questionnaire or cases files or folders (a cases file stands for its
    questionnaire, contacts files are skipped); none means every questionnaire in use.
    """
    wanted = list(paths)
    if not wanted:
        return list(catalog.files().values()), catalog
    files = [
        questionnaire_of(p) if file_kind(p) == "cases" else p
        for p in expand(wanted)
        if file_kind(p) != "contacts"
    ]
    files = list(dict.fromkeys(files))
    return files, catalog.including(f.parent for f in files)
