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

from triage.errors import AnswersError, NoTerminalError, TriageError, UsageError
from triage.model import UNKNOWN, AnswerValue, Directory, Questionnaire

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
LANG_ENV = "TRIAGE_LANG"


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


class ExplainFormat(enum.StrEnum):
    """Output formats of ``triage explain``."""

    rich = "rich"
    markdown = "markdown"
    mermaid = "mermaid"
    dot = "dot"


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
    from triage.interview import Interrupted
    from triage.loader import load_answers
    from triage.routing import answer_space, follow

    # Every answer given so far, across hand-overs, so that Ctrl-C loses nothing.
    given: dict[str, AnswerValue] = {}

    def complete(
        questionnaire: Questionnaire, answers: dict[str, AnswerValue]
    ) -> dict[str, AnswerValue]:
        given.update(answers)
        return _complete(questionnaire, answers, no_input, language)

    try:
        language = _lang(lang)
        chain, directory = _load_chain(questionnaire_id)
        questionnaire = chain[questionnaire_id]
        answers = load_answers(answers_file, answer_space(chain.values())) if answers_file else {}
        # A hand-over is shown before the next questionnaire asks anything.
        for step in follow(questionnaire, chain, answers, complete):
            decision = step.decision
            if step.target is not None and output_format is Format.rich:
                from triage.report import render_handover

                _console().print(render_handover(step, language))
    except Interrupted as stop:
        _interrupted(questionnaire_id, {**given, **stop.answers})
    except TriageError as error:
        _fail(error)
    if output_format is Format.json:
        from triage.report import to_json

        print(json.dumps(to_json(decision, directory, language), ensure_ascii=False, indent=2))
        return
    from triage.report import render_rich

    _console().print(render_rich(decision, directory, language))


def _load_chain(questionnaire_id: str) -> tuple[dict[str, Questionnaire], Directory]:
    from triage.catalog import Catalog

    catalog = Catalog()
    directory = catalog.directory()
    return catalog.chain(questionnaire_id, directory), directory


def _complete(
    questionnaire: Questionnaire, answers: dict[str, AnswerValue], no_input: bool, lang: str
) -> dict[str, AnswerValue]:
    """Ask what ``questionnaire`` still lacks, or say why that cannot be done."""
    from triage.engine import flow
    from triage.interview import run_interview

    missing = [q.id for q in flow(questionnaire, answers) if q.id not in answers]
    if not missing:
        return answers
    if no_input:
        raise AnswersError(
            f"--no-input but no answer for: {', '.join(missing)} "
            "(add them to the answers file; 'unknown' is an answer)"
        )
    if not _has_terminal():
        raise NoTerminalError(
            "no terminal to ask in: pass --answers FILE --no-input to run without one"
        )
    from triage.prompts import QuestionaryAsker

    return run_interview(questionnaire, QuestionaryAsker(), answers, lang)


def _interrupted(questionnaire_id: str, answers: dict[str, AnswerValue]) -> NoReturn:
    _stderr("\nAvbrutt.")
    if answers:
        _stderr(
            "Svarene så langt (lagre dem i en fil og fortsett med "
            f"'triage {questionnaire_id} --answers FIL'):"
        )
        _stderr(_answers_yaml(answers))
    raise typer.Exit(EXIT_INTERRUPTED)


# --------------------------------------------------------------------------- trainers


@app.command("explain")
def explain_command(
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    output_format: Annotated[
        ExplainFormat,
        typer.Option(
            "--format",
            help="rich (terminal), markdown (handout), mermaid or dot (flowchart).",
        ),
    ] = ExplainFormat.rich,
    lang: Annotated[
        str | None, typer.Option("--lang", help=f"nb or en (default nb, or ${LANG_ENV}).")
    ] = None,
) -> None:
    """Show a whole questionnaire without asking: questions, outcomes, contacts, sources."""
    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id)
    except TriageError as error:
        _fail(error)
    if output_format is ExplainFormat.rich:
        from triage.explain import render_tree

        _console().print(render_tree(questionnaire, directory, language))
    elif output_format is ExplainFormat.markdown:
        from triage.explain import render_markdown

        print(render_markdown(questionnaire, directory, language))
    elif output_format is ExplainFormat.mermaid:
        from triage.flowchart import render_mermaid

        print(render_mermaid(questionnaire, language))
    else:
        from triage.flowchart import render_dot

        print(render_dot(questionnaire, language))


@app.command("demo")
def demo_command(
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    case_name: Annotated[
        str | None, typer.Option("--case", metavar="NAME", help="Play only this case.")
    ] = None,
    no_pause: Annotated[
        bool, typer.Option("--no-pause", help="Do not wait for a key between cases.")
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help=f"nb or en (default nb, or ${LANG_ENV}).")
    ] = None,
) -> None:
    """Play the questionnaire's scenario cases: the answers, then the report, one by one."""
    from triage.catalog import Catalog
    from triage.demo import render_case
    from triage.errors import QuestionnaireError, Severity
    from triage.loader import cases_file, check_cases

    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id)
        path = cases_file(Catalog().path(questionnaire_id))
        if not path.is_file():
            raise UsageError(f"no scenario cases for '{questionnaire_id}' (expected {path})")
        cases, problems = check_cases(path, questionnaire)
        if any(p.severity is Severity.ERROR for p in problems):
            raise QuestionnaireError(problems)
        if case_name is not None:
            chosen = [c for c in cases if c.name == case_name]
            if not chosen:
                names = "; ".join(c.name for c in cases)
                raise UsageError(f"no case named '{case_name}' (cases: {names})")
            cases = chosen
    except TriageError as error:
        _fail(error)
    pause = not no_pause and _has_terminal() and len(cases) > 1
    console = _console()
    failed = 0
    for number, case in enumerate(cases, start=1):
        if pause:
            console.clear()
        shown, result = render_case(questionnaire, case, directory, language, number, len(cases))
        console.print(shown)
        failed += not result.passed
        if pause and number < len(cases):
            from triage.i18n import t

            console.print(t("demo_pause", language), end="")
            key = typer.getchar()
            console.print()
            if key.lower() == "q":
                break
    if failed:
        raise typer.Exit(EXIT_FINDINGS)


# --------------------------------------------------------------------------- start


@app.command("start")
def start_command(
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
    """Find the right questionnaire with a few questions, then continue straight into it."""
    from triage.routing import ROUTER_ID

    run_command(ROUTER_ID, answers_file, no_input, output_format, lang)


def _offer_start() -> bool:
    """Ask whether to start the guide; True if the person wants it."""
    import questionary

    from triage.i18n import t

    try:
        language = _lang(None)
    except UsageError:
        language = "nb"
    choices = [
        questionary.Choice(t("yes", language), value=True, shortcut_key="j"),
        questionary.Choice(t("no", language), value=False, shortcut_key="n"),
    ]
    answer: bool = questionary.select(
        t("offer_start", language),
        choices=choices,
        use_shortcuts=True,
        use_jk_keys=False,
        instruction=t("offer_hint", language),
        qmark="?",
    ).unsafe_ask()
    return answer


def main() -> None:
    """Run the command line; Ctrl-C anywhere exits 130 without a traceback."""
    try:
        # Bare 'triage' at a terminal offers the guide; without one it shows the help.
        if len(sys.argv) == 1 and _has_terminal():
            app(args=["start"] if _offer_start() else ["--help"])
        else:
            app()
    except KeyboardInterrupt:
        _stderr("\nAvbrutt.")
        sys.exit(EXIT_INTERRUPTED)
