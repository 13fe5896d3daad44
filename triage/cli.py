"""The command line: arguments → wiring → output and exit codes.

This is the one place that prints, catches the user's errors and picks exit codes:
0 done, 1 findings, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from triage.errors import AnswersError, NoTerminalError, TriageError, UsageError
from triage.model import UNKNOWN, AnswerValue, Directory, Questionnaire

if TYPE_CHECKING:
    from triage.catalog import Catalog
    from triage.errors import Problem

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
LANG_ENV = "TRIAGE_LANG"
FOLDERS_ENV = "TRIAGE_QUESTIONNAIRES"

FoldersOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--questionnaires",
        metavar="DIR",
        help=f"Add a folder of questionnaires and contacts; its files override the shipped "
        f"ones by id (repeatable; also ${FOLDERS_ENV}, separated by '{os.pathsep}').",
    ),
]
OnlyOption = Annotated[
    bool,
    typer.Option("--only", help="Use only the added folders, not the shipped questionnaires."),
]


class _Group(TyperGroup):
    """Route ``triage ID ...`` to the hidden ``run`` command when ID is no built-in."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["run", *args]
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Decision support for substance-abuse services: run `triage list`, then `triage ID`.",
    epilog="Run a questionnaire: triage ID  (e.g. triage shalam). Decision support, not a vedtak.",
)


class Format(enum.StrEnum):
    """Output formats of a report."""

    rich = "rich"
    json = "json"


# --------------------------------------------------------------------------- helpers


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _fail(error: TriageError) -> NoReturn:
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True, highlight=False, soft_wrap=True).print(
        Text(f"triage: {error.message}", style="red")
    )
    raise typer.Exit(error.exit_code)


def _catalog(folders: list[Path] | None, only: bool = False) -> Catalog:
    """Return the shipped folder plus ${TRIAGE_QUESTIONNAIRES} and --questionnaires folders."""
    from triage.catalog import Catalog

    from_env = [Path(p) for p in os.environ.get(FOLDERS_ENV, "").split(os.pathsep) if p]
    return Catalog.with_folders([*from_env, *(folders or [])], only=only)


def _load(questionnaire_id: str, catalog: Catalog | None = None) -> tuple[Questionnaire, Directory]:
    from triage.catalog import Catalog

    catalog = catalog or Catalog()
    directory = catalog.directory()
    return catalog.load(questionnaire_id, directory), directory


def _print_problems(problems: Iterable[Problem]) -> None:
    """Print each problem as its one line, with its hint on an indented line below."""
    for problem in problems:
        print(problem.format())
        if problem.hint:
            print(f"  hint: {problem.hint}")


def _lang(value: str | None) -> str:
    from triage.model import LANGUAGES

    lang = value or os.environ.get(LANG_ENV) or "nb"
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language '{lang}': use {' or '.join(LANGUAGES)}")
    return lang


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _answers_yaml(answers: dict[str, AnswerValue]) -> str:
    lines = []
    for key, value in answers.items():
        if value is UNKNOWN:
            shown = "unknown"
        elif isinstance(value, bool):
            shown = "true" if value else "false"
        else:
            shown = json.dumps(value, ensure_ascii=False)
        lines.append(f"{key}: {shown}")
    return "\n".join(lines)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


# --------------------------------------------------------------------------- commands


@app.command("list")
def list_command(questionnaires: FoldersOption = None, only: OnlyOption = False) -> None:
    """List the questionnaires: id, title, number of questions, and where each comes from."""
    try:
        from rich.table import Table

        from triage.i18n import t
        from triage.loader import load_questionnaire

        catalog = _catalog(questionnaires, only)
        directory = catalog.directory()
        table = Table("id", "tittel", "spørsmål", t("list_from"))
        for entry in catalog.entries().values():
            where = t("list_shipped") if catalog.is_shipped(entry.path) else str(entry.path)
            if entry.overrides:
                where += " " + t("list_overrides", paths=", ".join(map(str, entry.overrides)))
            try:
                questionnaire = load_questionnaire(entry.path, directory)
            except TriageError:
                table.add_row(entry.id, t("list_broken", path=str(entry.path)), "–", where)
                continue
            table.add_row(
                questionnaire.id,
                questionnaire.title.get(),
                str(len(questionnaire.questions)),
                where,
            )
        _console().print(table)
    except TriageError as error:
        _fail(error)


@app.command("run", hidden=True)
def run_command(
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    answers_file: Annotated[
        Path | None,
        typer.Option("--answers", metavar="FILE", help="Answers (YAML or JSON) to start from."),
    ] = None,
    no_input: Annotated[
        bool, typer.Option("--no-input", help="Never prompt; missing answers are an error.")
    ] = False,
    output_format: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.rich,
    lang: Annotated[
        str | None, typer.Option("--lang", help=f"nb or en (default nb, or ${LANG_ENV}).")
    ] = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
) -> None:
    """Run a questionnaire and print the recommendation."""
    from triage.engine import decide, flow
    from triage.interview import Interrupted, run_interview
    from triage.loader import load_answers

    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id, _catalog(questionnaires, only))
        answers = load_answers(answers_file, questionnaire) if answers_file else {}
        missing = [q.id for q in flow(questionnaire, answers) if q.id not in answers]
        if missing and no_input:
            raise AnswersError(
                f"--no-input but no answer for: {', '.join(missing)} "
                "(add them to the answers file; 'unknown' is an answer)"
            )
        if missing:
            if not _has_terminal():
                raise NoTerminalError(
                    "no terminal to ask in: pass --answers FILE --no-input to run without one"
                )
            from triage.prompts import QuestionaryAsker

            answers = run_interview(questionnaire, QuestionaryAsker(), answers, language)
    except Interrupted as stop:
        _interrupted(questionnaire_id, stop.answers)
    except TriageError as error:
        _fail(error)
    decision = decide(questionnaire, answers)
    if output_format is Format.json:
        from triage.report import to_json

        print(json.dumps(to_json(decision, directory, language), ensure_ascii=False, indent=2))
        return
    from triage.report import render_rich

    _console().print(render_rich(decision, directory, language))


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Questionnaire, contacts or cases files, or folders (default: those in use).",
        ),
    ] = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
) -> None:
    """Check questionnaires for mistakes and prove every answer leads somewhere sound.

    Prints each problem as file:line:col: error|warning: message. Exit 0 when clean, 1 when
    it found problems, 2 on bad usage.
    """
    from triage.proofs import INSTALL_HINT, SOLVER_PACKAGE
    from triage.validation import validate

    try:
        result = validate(paths or [], _catalog(questionnaires, only))
    except TriageError as error:
        _fail(error)
    _print_problems(result.problems)
    files = f"{len(result.files)} file{'' if len(result.files) == 1 else 's'}"
    proved = f", {len(result.proved)} proved" if result.proved else ""
    print(
        f"checked {files}{proved}: {result.errors} error{'' if result.errors == 1 else 's'}, "
        f"{result.warnings} warning{'' if result.warnings == 1 else 's'}"
    )
    if result.unproved:
        _stderr(
            f"proofs skipped for {', '.join(result.unproved)}: {SOLVER_PACKAGE} is not "
            f"installed (install it with: {INSTALL_HINT})"
        )
    if result.errors or (strict and result.warnings):
        raise typer.Exit(EXIT_FINDINGS)


@app.command("test")
def cases_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Questionnaire or cases files, or folders (default: the questionnaires in use).",
        ),
    ] = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
) -> None:
    """Run the scenario cases (ID.cases.yaml) and check every outcome is covered.

    Prints a line per failing case and per uncovered outcome, then 'N passed, M failed'.
    Exit 0 when all pass and cover every outcome, 1 otherwise, 2 on bad usage.
    """
    from triage.catalog import expand, questionnaire_of
    from triage.loader import file_kind
    from triage.scenarios import run_scenarios
    from triage.validation import display_path

    try:
        catalog = _catalog(questionnaires, only)
        if paths:
            files = [
                questionnaire_of(p) if file_kind(p) == "cases" else p
                for p in expand(paths)
                if file_kind(p) != "contacts"
            ]
            files = list(dict.fromkeys(files))
            catalog = catalog.including(f.parent for f in files)
        else:
            files = list(catalog.files().values())
        directory = catalog.directory()
    except TriageError as error:
        _fail(error)
    passed = failed = 0
    findings = False
    for path in files:
        run = run_scenarios(path, directory, display_path(path))
        _print_problems(run.problems)
        passed, failed = passed + run.passed, failed + run.failed
        findings = findings or bool(run.problems)
    print(f"{passed} passed, {failed} failed")
    if failed or findings:
        raise typer.Exit(EXIT_FINDINGS)


class SchemaKind(enum.StrEnum):
    """The kinds of file with a JSON Schema."""

    questionnaire = "questionnaire"
    contacts = "contacts"
    cases = "cases"


@app.command("schema")
def schema_command(
    kind: Annotated[
        SchemaKind, typer.Argument(help="Which file's schema to print.")
    ] = SchemaKind.questionnaire,
) -> None:
    """Print the JSON Schema of questionnaire, contacts or cases files (for editors).

    Save it beside your files, e.g. triage schema questionnaire > questionnaire.schema.json,
    and start each file with: # yaml-language-server: $schema=questionnaire.schema.json
    """
    from triage.loader import schema_file

    print(schema_file(kind.value).read_text(encoding="utf-8"), end="")


def _interrupted(questionnaire_id: str, answers: dict[str, AnswerValue]) -> NoReturn:
    _stderr("\nAvbrutt.")
    if answers:
        _stderr(
            "Svarene så langt (lagre dem i en fil og fortsett med "
            f"'triage {questionnaire_id} --answers FIL'):"
        )
        _stderr(_answers_yaml(answers))
    raise typer.Exit(EXIT_INTERRUPTED)


def main() -> None:
    """Run the command line; Ctrl-C anywhere exits 130 without a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        _stderr("\nAvbrutt.")
        sys.exit(EXIT_INTERRUPTED)
