"""The command line: arguments → wiring → output and exit codes.

This is the one place that prints, catches the user's errors and picks exit codes:
0 done, 1 findings, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import enum
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from triage.converters import lighten
from triage.errors import AnswersError, NoTerminalError, TriageError, UsageError
from triage.model import UNKNOWN, AnswerValue, Directory, Questionnaire

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
LANG_ENV = "TRIAGE_LANG"


class _Group(TyperGroup):
    """Route ``triage ID ...`` to the hidden ``run`` command when ID is no built-in."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["run", *args]
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            # The context the command will run in, so its --help option gets its real names.
            settings = command.context_settings
            own = command.context_class(command, parent=ctx, info_name=name, **settings)
            lighten(command.get_params(own))
        return name, command, rest

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        lighten(self.get_params(ctx))
        result: list[str] = super().parse_args(ctx, args)
        return result


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


def _load(questionnaire_id: str) -> tuple[Questionnaire, Directory]:
    from triage.catalog import Catalog

    catalog = Catalog()
    directory = catalog.directory()
    return catalog.load(questionnaire_id, directory), directory


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
def list_command() -> None:
    """List the questionnaires: id, title, number of questions."""
    try:
        from rich.table import Table

        from triage.catalog import Catalog
        from triage.loader import load_questionnaire

        catalog = Catalog()
        directory = catalog.directory()
        table = Table("id", "tittel", "spørsmål")
        for path in catalog.files().values():
            questionnaire = load_questionnaire(path, directory)
            table.add_row(
                questionnaire.id, questionnaire.title.get(), str(len(questionnaire.questions))
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
) -> None:
    """Run a questionnaire and print the recommendation."""
    from triage.engine import decide, flow
    from triage.interview import Interrupted, run_interview
    from triage.loader import load_answers

    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id)
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
