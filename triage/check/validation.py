"""Check questionnaire, contacts and cases files: every problem, located, and the proofs.

:func:`validate` returns problems; it never prints. Each problem is one line
``file:line:col: error|warning|note: message`` (see :class:`triage.core.errors.Problem`), with a
hint where one helps; notes (what a file marks as intended) only when asked for. Proof
findings name example answers in YAML flow style, so they can be pasted into an answers file
and run with ``triage ID --answers FILE``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from triage.check import proofs
from triage.core import routing
from triage.core.errors import Problem, Severity, TriageError
from triage.core.model import CLARIFY_ID, Contact, Directory, Questionnaire, Source
from triage.load.answers import answers_text
from triage.load.cases import check_cases
from triage.load.catalog import (
    CASES_SUFFIX,
    CONTACTS_FILE,
    Catalog,
    expand,
    file_kind,
    questionnaire_of,
    resolved,
)
from triage.load.contacts import check_directory
from triage.load.document import Document, PathKey
from triage.load.questionnaire import Checked, check_questionnaire

#: Languages besides bokmål every text should have: a text without one is a warning.
RECOMMENDED = ("en",)


@dataclass(frozen=True, slots=True)
class Validation:
    """What ``triage validate`` found: problems in file order, and what it proved."""

    problems: tuple[Problem, ...]
    files: tuple[str, ...]
    proved: tuple[str, ...] = ()
    unproved: tuple[str, ...] = ()

    @property
    def errors(self) -> int:
        """The number of errors."""
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        """The number of warnings."""
        return sum(p.severity is Severity.WARNING for p in self.problems)

    @property
    def notes(self) -> int:
        """The number of notes."""
        return sum(p.severity is Severity.NOTE for p in self.problems)


def display_path(path: Path) -> str:
    """Return a path as a user reads it: relative to the working folder when inside it."""
    try:
        return str(resolved(path).relative_to(resolved(Path.cwd())))
    except (ValueError, OSError):  # OSError: the working folder is gone
        return str(path)


def validate(
    paths: Sequence[Path],
    catalog: Catalog,
    *,
    prove: bool = True,
    display: Callable[[Path], str] = display_path,
    now: dt.datetime | None = None,
    notes: bool = False,
) -> Validation:
    """Check the files (or folders) in ``paths``, or else the catalog's folders.

    Contacts of the catalog's folders, and of each file's own folder, are the directory
    that contact ids are checked against. ``prove`` runs the proofs when the solver is
    installed; questionnaires left unproved because it is not are listed in the result.
    ``now`` (the caller's clock) adds a warning for each contact checked and each source
    page retrieved more than 12 months before it, in the contacts files being checked.
    ``notes`` keeps notes among the problems. Raises UsageError for a path that does not
    exist.
    """
    targets = list(paths) or list(catalog.folders)
    files = expand(targets)
    problems: dict[Path, list[Problem]] = {path: [] for path in files}
    for folder in (t for t in targets if t.is_dir()):
        for stray in sorted(folder.glob("*.yml")):
            problems.setdefault(stray, []).append(
                Problem(
                    display(stray),
                    0,
                    0,
                    "ignored: questionnaire, contacts and cases files end in .yaml",
                    Severity.WARNING,
                    hint=f"rename it to {stray.stem}.yaml",
                )
            )
    directory = _directory(catalog, files, problems, display, now)
    loaded: dict[Path, Questionnaire | None] = {}
    proved: list[str] = []
    unproved: list[str] = []
    can_prove = prove and proofs.available()
    # What continue_with may name: the catalog's questionnaires and those being checked.
    known = set(catalog.files()) | {p.stem for p in files if file_kind(p) == "questionnaire"}
    for path in files:
        if file_kind(path) != "questionnaire":
            continue
        checked = check_questionnaire(
            path, directory, display(path), recommended=RECOMMENDED, known=known
        )
        problems[path].extend(checked.problems)
        loaded[resolved(path)] = checked.questionnaire
        if checked.questionnaire is None or checked.document is None:
            continue
        problems[path].extend(_whole(checked, path))
        examples: Mapping[str, Mapping[str, object]] = {}
        if can_prove:
            try:
                proof = proofs.prove(checked.questionnaire)
            except proofs.SolverGaveUp as gave_up:
                # What was proved before the solver stopped still stands.
                problems[path].extend(
                    _proof_problems(gave_up.partial, checked.questionnaire, checked.document)
                )
                examples = gave_up.partial.examples
                problems[path].append(
                    Problem(
                        display(path),
                        0,
                        0,
                        f"proofs stopped: {gave_up}",
                        Severity.WARNING,
                        "the other checks ran; a smaller questionnaire proves faster",
                    )
                )
            else:
                problems[path].extend(
                    _proof_problems(proof, checked.questionnaire, checked.document)
                )
                examples = proof.examples
                proved.append(checked.questionnaire.id)
        elif prove:
            unproved.append(checked.questionnaire.id)
        problems[path].extend(_contact_problems(checked.questionnaire, checked.document, examples))
    for path, problem in _chain_problems(files, loaded, catalog, directory, display):
        problems[path].append(problem)
    for path in files:
        if file_kind(path) == "cases":
            problems[path].extend(_cases_problems(path, directory, loaded, display))
    ordered = [
        problem
        for path in problems
        for problem in sorted(problems[path], key=lambda p: (p.line, p.col))
        if notes or problem.severity is not Severity.NOTE
    ]
    return Validation(
        tuple(ordered),
        tuple(display(p) for p in files),
        tuple(proved),
        tuple(unproved),
    )


def _directory(
    catalog: Catalog,
    files: Iterable[Path],
    problems: dict[Path, list[Problem]],
    display: Callable[[Path], str],
    now: dt.datetime | None = None,
) -> Directory:
    """Load the contacts files in context, later overriding earlier, reporting problems.

    A contacts file that is being validated, or lies beside a file that is, gets all its
    problems reported; one that is only context (the shipped one, say) only its errors.
    """
    files = list(files)
    own = {resolved(path.parent) for path in files}
    context = [*catalog.contacts_files()]
    context += [f.parent / CONTACTS_FILE for f in files if (f.parent / CONTACTS_FILE).exists()]
    contacts: dict[str, Contact] = {}
    sources: dict[str, Source] = {}
    seen: set[Path] = set()
    for path in context:
        if resolved(path) in seen:
            continue
        seen.add(resolved(path))
        found, found_problems = check_directory(
            path, display(path), recommended=RECOMMENDED, now=now
        )
        reported = [
            p
            for p in found_problems
            if resolved(path.parent) in own or p.severity is Severity.ERROR
        ]
        if reported:
            problems.setdefault(path, []).extend(reported)
        contacts.update(found.contacts)
        sources.update(found.sources)
    for path in files:
        # A contacts file given on its own still counts as checked when it is clean.
        problems.setdefault(path, [])
    return Directory(contacts, sources)


def _chain_problems(
    files: Iterable[Path],
    loaded: Mapping[Path, Questionnaire | None],
    catalog: Catalog,
    directory: Directory,
    display: Callable[[Path], str],
) -> list[tuple[Path, Problem]]:
    """Check hand-overs (continue_with): loops, and shared question ids that do not fit.

    A target that is not among the files checked comes from the catalog; an unknown target
    was already reported by the loader.
    """
    by_id: dict[str, Questionnaire] = {}
    paths: dict[str, Path] = {}
    for path in files:
        questionnaire = loaded.get(resolved(path))
        if questionnaire is not None:
            by_id[questionnaire.id] = questionnaire
            paths[display(path)] = path
    found: list[tuple[Path, Problem]] = []
    seen: set[str] = set()
    loops: set[frozenset[str]] = set()
    for start in list(by_id.values()):
        if not routing.targets(start):
            continue
        chain = {start.id: start}
        todo = list(routing.targets(start))
        while todo and len(chain) <= routing.MAX_CHAIN:
            ident = todo.pop(0)
            if ident in chain:
                continue
            target = by_id.get(ident)
            if target is None:
                try:
                    target = catalog.load(ident, directory)
                except TriageError:
                    continue
            chain[ident] = target
            todo.extend(routing.targets(target))
        if len(chain) > routing.MAX_CHAIN:
            found.append((paths[start.path], routing.too_long(start)))
            continue
        for problem in routing.check_chain(chain, start.id, loops):
            if problem.format() not in seen:
                seen.add(problem.format())
                found.append((paths.get(problem.file, paths[start.path]), problem))
    return found


def _whole(checked: Checked, path: Path) -> list[Problem]:
    """Return problems of a questionnaire that only its file's name shows."""
    questionnaire, doc = checked.questionnaire, checked.document
    assert questionnaire is not None
    assert doc is not None
    if questionnaire.id == path.stem:
        return []
    return [
        doc.problem(
            ("id",),
            f"id '{questionnaire.id}' does not match the file name '{path.name}'",
            hint=f"rename the file to {questionnaire.id}.yaml: 'triage ID' finds a "
            "questionnaire by its file name",
        )
    ]


def _at(doc: Document, path: PathKey, message: str, severity: Severity, hint: str) -> Problem:
    line, col = doc.at(path)
    return Problem(doc.file, line, col, message, severity, hint)


def _outcome_path(questionnaire: Questionnaire, outcome_id: str) -> PathKey:
    ids = [o.id for o in questionnaire.outcomes]
    return ("outcomes", ids.index(outcome_id))


def _question_path(questionnaire: Questionnaire, question_id: str) -> PathKey:
    ids = [q.id for q in questionnaire.questions]
    return ("questions", ids.index(question_id))


def _skipped(skipped: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{q}'" for q in skipped)
    return f"{listed}, which {'is' if len(skipped) == 1 else 'are'} not asked then"


def _proof_problems(proof: proofs.Proof, q: Questionnaire, doc: Document) -> list[Problem]:
    """Turn proof findings into located problems that name their example answers."""
    error, warning = Severity.ERROR, Severity.WARNING
    found: list[Problem] = []
    for finding in proof.findings:
        example = answers_text(finding.answers)
        if finding.check is proofs.Check.GAP and finding.other:
            found.append(
                _at(
                    doc,
                    _outcome_path(q, finding.other),
                    f"gap: outcome '{finding.other}' is neither true nor false for {example}, "
                    "so the result is 'clarify' although every question asked was answered",
                    error,
                    "its condition needs a question the flow does not ask for these answers",
                )
            )
        elif finding.check is proofs.Check.GAP:
            line, col = doc.at(("outcomes",), key=True)
            found.append(
                Problem(
                    doc.file,
                    line,
                    col,
                    f"gap: no outcome holds for {example}",
                    error,
                    "add an outcome for these answers or widen a condition; a last outcome "
                    "with 'when: true' catches the rest",
                )
            )
        elif finding.check is proofs.Check.DEAD_OUTCOME:
            found.append(_dead(finding, q, doc, example))
        elif finding.check is proofs.Check.UNREACHABLE:
            found.append(
                _at(
                    doc,
                    _question_path(q, finding.subject),
                    f"question '{finding.subject}' is never asked: its 'when' can never hold",
                    error,
                    "check it against the earlier questions' min, max and choices, and for a "
                    "contradiction such as a and not a",
                )
            )
        elif finding.check is proofs.Check.OVERLAP:
            found.append(_overlap(finding, q, doc, example))
        elif finding.check is proofs.Check.LEGAL_MISFIT:
            found.append(
                _at(
                    doc,
                    _outcome_path(q, finding.subject),
                    f"legal basis {finding.section} of outcome '{finding.subject}' is shown "
                    f"although criterion '{finding.other}', which names it, is not met, "
                    f"e.g. for {example}",
                    warning,
                    "give the legal basis a 'when' that holds only where the criterion may",
                )
            )
        else:
            found.append(
                _at(
                    doc,
                    _question_path(q, finding.subject),
                    f"question '{finding.subject}' never changes the result: every answer to "
                    f"it gives the same outcome and notes, e.g. for {example}",
                    warning,
                    "use it in a criterion, an outcome or a note, or remove it",
                )
            )
    return found


def _dead(finding: proofs.Finding, q: Questionnaire, doc: Document, example: str) -> Problem:
    path = _outcome_path(q, finding.subject)
    head = f"outcome '{finding.subject}' is never the result"
    if finding.other:
        message = (
            f"{head}: where its condition holds, the result is '{finding.other}', e.g. {example}"
        )
        hint = (
            "an earlier outcome is left open there: make it decidable"
            if finding.other == CLARIFY_ID
            else f"move it before '{finding.other}', or narrow the condition of '{finding.other}'"
        )
    elif finding.skipped:
        message = f"{head}: its condition needs {_skipped(finding.skipped)}, e.g. {example}"
        hint = "a condition can only use answers the flow has asked for"
    else:
        message = f"{head}: its condition can never hold"
        hint = "check it for a contradiction, e.g. age < 18 and age >= 18"
    return _at(doc, path, message, Severity.ERROR, hint)


#: How many earlier outcomes an overlap lists by name before it counts the rest.
LISTED = 5


def _overlap(finding: proofs.Finding, q: Questionnaire, doc: Document, example: str) -> Problem:
    """Return the warning, or the note where 'before' says so, for an outcome's overlaps."""
    later, first = finding.subject, finding.other
    shown = ", ".join(f"'{o}'" for o in finding.overlaps[:LISTED])
    more = len(finding.overlaps) - LISTED
    if more > 0:
        shown += f" and {more} more"
    if finding.intended:
        who = "wins" if len(finding.overlaps) == 1 else "win"
        which = "" if len(finding.overlaps) == 1 else f"with '{first}' "
        message = (
            f"outcome '{later}' can hold together with {shown}, which {who} as "
            f"'before' says, e.g. {which}for {example}"
        )
        return _at(doc, _outcome_path(q, later), message, Severity.NOTE, "")
    if len(finding.overlaps) == 1:
        message = (
            f"outcomes '{first}' and '{later}' can both hold, and then '{first}' wins only "
            f"because it comes first, e.g. for {example}"
        )
    else:
        message = (
            f"outcome '{later}' can hold together with earlier outcomes {shown}, which then "
            f"win only because they come first, e.g. with '{first}' for {example}"
        )
    hint = (
        f"if '{first}' is meant to win, add before: [{later}] to '{first}'; otherwise make "
        "the conditions exclude each other"
    )
    return _at(doc, _outcome_path(q, later), message, Severity.WARNING, hint)


def _contact_problems(
    q: Questionnaire, doc: Document, examples: Mapping[str, Mapping[str, object]]
) -> list[Problem]:
    """Return an error for each outcome (and clarify) that names nobody to contact."""
    found = []
    for index, outcome in enumerate(q.outcomes):
        if outcome.contacts:
            continue
        example = examples.get(outcome.id)
        shown = f", e.g. for {answers_text(example)}" if example else ""
        found.append(
            _at(
                doc,
                ("outcomes", index),
                f"outcome '{outcome.id}' names no contact{shown}",
                Severity.ERROR,
                "add contacts: [ID, ...] so the report says whom to contact next",
            )
        )
    if not q.clarify_contacts:
        line, col = doc.at(("clarify",), key=True) if "clarify" in _keys(doc) else (1, 1)
        found.append(
            Problem(
                doc.file,
                line,
                col,
                "'clarify' names no contact",
                Severity.ERROR,
                "add clarify: {contacts: [ID, ...]} so an unclear case says whom to ask",
            )
        )
    return found


def _keys(doc: Document) -> Iterable[str]:
    return doc.data.keys() if isinstance(doc.data, dict) else ()


def _cases_problems(
    path: Path,
    directory: Directory,
    loaded: dict[Path, Questionnaire | None],
    display: Callable[[Path], str],
) -> list[Problem]:
    """Check a cases file against its questionnaire (loading that if need be)."""
    source = questionnaire_of(path)
    name = display(path)
    if not source.exists():
        return [
            Problem(
                name,
                0,
                0,
                f"no questionnaire {source.name} beside this cases file",
                hint=f"a cases file is named after its questionnaire: ID{CASES_SUFFIX}",
            )
        ]
    if resolved(source) not in loaded:
        loaded[resolved(source)] = check_questionnaire(source, directory).questionnaire
    questionnaire = loaded[resolved(source)]
    if questionnaire is None:
        return [
            Problem(
                name,
                0,
                0,
                f"not checked: {display(source)} has errors",
                Severity.WARNING,
                f"run 'triage validate {display(source)}'",
            )
        ]
    return check_cases(path, questionnaire, name)[1]
