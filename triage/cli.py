"""The command line: arguments → wiring → output and exit codes.

This is the one place that prints, catches the user's errors and picks exit codes:
0 done, 1 findings, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from triage.converters import lighten
from triage.errors import AnswersError, NoTerminalError, TriageError, UsageError

if TYPE_CHECKING:
    from triage.catalog import Catalog
    from triage.engine import Decision
    from triage.errors import Problem
    from triage.interview import Asker, Interrupted

    # Types only here: creating the model's dataclasses takes ~15 ms --help need not wait for.
    from triage.model import AnswerValue, Directory, Questionnaire

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

    # Typer turns a Ctrl-C outside the interview into a silent exit 130: say it in a line.
    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            _say_interrupted()
            raise typer.Exit(EXIT_INTERRUPTED) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _say_interrupted()
            raise typer.Exit(EXIT_INTERRUPTED) from None


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
    markdown = "markdown"
    text = "text"
    json = "json"


class ListFormat(enum.StrEnum):
    """Output formats of a listing."""

    rich = "rich"
    json = "json"


#: The format --output picks from the file's suffix when --format is not given.
SUFFIX_FORMATS = {".md": Format.markdown, ".markdown": Format.markdown, ".json": Format.json}

# Options the run command shares with start.
AnswersFileOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        metavar="FILE",
        help="Answers (YAML or JSON) to start from; only what is missing is asked.",
        readable=False,  # the loader says "cannot be read" in one line, not Typer in four
    ),
]
SetValuesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="ID=VALUE",
        help="Pre-answer one question, e.g. --set age=34 (repeatable; 'unknown' is an answer).",
    ),
]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Never prompt; missing answers are an error.")
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Ask line by line without cursor movement (pipes, screen readers); "
        "automatic when stdin or stdout is not a terminal, or TERM=dumb.",
    ),
]
OutputFormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        help="rich (screen), markdown or text (journal note), json. "
        "Default rich, or from the --output file's suffix.",
    ),
]
LangOption = Annotated[
    str | None, typer.Option("--lang", help=f"nb or en (default nb, or ${LANG_ENV}).")
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Also save the report in FILE, readable only by you "
        "(.md: markdown, .json: json, otherwise text).",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Let --output replace a file.")]
WhyOption = Annotated[
    bool, typer.Option("--why", help="Show the source sentences behind the result.")
]


class ExplainFormat(enum.StrEnum):
    """Output formats of ``triage explain``."""

    rich = "rich"
    markdown = "markdown"
    mermaid = "mermaid"
    dot = "dot"


# --------------------------------------------------------------------------- helpers


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _say(message: str) -> None:
    """Print a message to stderr, wrapped at words to the terminal's width."""
    import shutil
    import textwrap

    width = _width(shutil.get_terminal_size((80, 24)).columns)
    _stderr(textwrap.fill(message, width) if len(message) > width else message)


def _say_interrupted() -> None:
    from triage.i18n import t

    _stderr("\n" + t("interrupted", os.environ.get(LANG_ENV) or "nb"))


def _fail(error: TriageError) -> NoReturn:
    from rich.console import Console
    from rich.text import Text

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.width = _width(console.width)  # COLUMNS=0 would print nothing at all
    console.print(Text(f"triage: {error.message}", style="red"))
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


def _load_chain(
    questionnaire_id: str, catalog: Catalog
) -> tuple[dict[str, Questionnaire], Directory]:
    """Load a questionnaire and every questionnaire its outcomes continue with."""
    directory = catalog.directory()
    return catalog.chain(questionnaire_id, directory), directory


def _mark_overrides(
    chain: dict[str, Questionnaire], catalog: Catalog, lang: str
) -> dict[str, Questionnaire]:
    """Mark (and say on stderr) each questionnaire that replaces a shipped one; check ids.

    A file whose ``id`` is not its name would run under another name than the one asked for.
    """
    import dataclasses

    from triage.report import override_mark

    entries = catalog.entries()
    marked = {}
    for ident, questionnaire in chain.items():
        if questionnaire.id != ident:
            raise UsageError(
                f"{entries[ident].path}: its id is '{questionnaire.id}' but its file name says "
                f"'{ident}' (rename the file to {questionnaire.id}.yaml or change the id)"
            )
        if any(catalog.is_shipped(path) for path in entries[ident].overrides):
            questionnaire = dataclasses.replace(questionnaire, overrides_shipped=True)
            _say(override_mark(questionnaire, lang))
        marked[ident] = questionnaire
    return marked


def _print_problems(problems: Iterable[Problem]) -> None:
    """Print each problem as its one line, with its hint on an indented line below."""
    for problem in problems:
        print(problem.format())
        if problem.hint:
            print(f"  hint: {problem.hint}")


def _lang(value: str | None) -> str:
    from triage.model import LANGUAGES

    lang = value if value is not None else os.environ.get(LANG_ENV) or "nb"
    if lang not in LANGUAGES:
        raise UsageError(f"unknown language '{lang}': use {' or '.join(LANGUAGES)}")
    return lang


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _answers_yaml(answers: dict[str, AnswerValue]) -> str:
    from triage.model import UNKNOWN

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


#: The narrowest and widest screen a report is laid out for, whatever $COLUMNS says.
MIN_WIDTH, MAX_WIDTH = 40, 200


def _width(columns: int, widest: int = MAX_WIDTH) -> int:
    """Clamp a terminal width: COLUMNS=0 must not hide the report, nor 100000 pad it."""
    return min(max(columns, MIN_WIDTH), widest)


def _console(widest: int = MAX_WIDTH) -> Any:
    """Return the screen's console; a table that takes only the width it needs may go wider."""
    from rich.console import Console

    console = Console(highlight=False)
    console.width = _width(console.width, widest)
    return console


def _now() -> dt.datetime:
    """Return the time in Norway: the one place the real clock is read."""
    from triage.hours import OSLO

    return dt.datetime.now(OSLO)


def _render(
    chosen: Format,
    decision: Decision,
    directory: Directory,
    lang: str,
    now: dt.datetime,
    why: bool,
) -> str:
    """Return the report in a text format (Rich as plain text 80 columns wide, for files)."""
    if chosen is Format.json:
        from triage.report import to_json

        document = to_json(decision, directory, lang, now=now)
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if chosen is Format.markdown:
        from triage.journal import to_markdown

        return to_markdown(decision, directory, lang, now=now, why=why)
    if chosen is Format.text:
        from triage.journal import to_text

        return to_text(decision, directory, lang, now=now, why=why)
    import io

    from rich.console import Console

    from triage.report import render_rich

    console = Console(file=io.StringIO(), width=80, color_system=None, highlight=False)
    console.begin_capture()
    console.print(render_rich(decision, directory, lang, now=now, why=why))
    lines = console.end_capture().splitlines()
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --------------------------------------------------------------------------- commands


@app.command("list")
def list_command(questionnaires: FoldersOption = None, only: OnlyOption = False) -> None:
    """List the questionnaires: id, title, number of questions, and where each comes from."""
    try:
        from rich.table import Table
        from rich.text import Text

        from triage.i18n import t
        from triage.loader import load_questionnaire
        from triage.report import inert

        def cell(text: str) -> Text:
            # Titles and folder names are data: never Rich markup, never escape sequences.
            return Text(inert(text))

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
                broken = t("list_broken", path=str(entry.path))
                table.add_row(cell(entry.id), cell(broken), "–", cell(where))
                continue
            table.add_row(
                cell(questionnaire.id),
                cell(questionnaire.title.get()),
                str(len(questionnaire.questions)),
                cell(where),
            )
        _console(widest=1000).print(table)  # long folder names: one line where there is room
    except TriageError as error:
        _fail(error)


@app.command("run", hidden=True)
def run_command(
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    answers_file: AnswersFileOption = None,
    set_values: SetValuesOption = None,
    no_input: NoInputOption = False,
    plain: PlainOption = False,
    output_format: OutputFormatOption = None,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
    why: WhyOption = False,
) -> None:
    """Run a questionnaire and print the recommendation."""
    from triage.engine import flow
    from triage.interview import Interrupted, Origin, run_interview
    from triage.loader import load_answers
    from triage.routing import answer_space, follow

    language = "nb"
    asker: Asker | None = None
    consoles: list[Any] = []

    def screen() -> Any:
        # Made when first needed: importing Rich need not delay the first question.
        if not consoles:
            consoles.append(_console())
            if plain:  # a pipe has no colour anyway; --plain on a terminal asks for none
                consoles[0].no_color = True
        return consoles[0]

    # Every answer so far, across hand-overs to other questionnaires, so Ctrl-C loses nothing.
    given: dict[str, AnswerValue] = {}
    origins: dict[str, Origin] = {}

    def complete(
        questionnaire: Questionnaire, answers: dict[str, AnswerValue]
    ) -> dict[str, AnswerValue]:
        nonlocal asker
        given.update(answers)
        missing = [q.id for q in flow(questionnaire, answers) if q.id not in answers]
        if missing and no_input:
            where = f"{answers_file}: " if answers_file else ""
            raise AnswersError(
                f"{where}--no-input but no answer for: {', '.join(missing)} "
                "(add them to the answers file; 'unknown' is an answer)"
            )
        if not missing:
            return answers
        # A fresh asker per questionnaire, so the plain one names each questionnaire it asks.
        asker = _asker(plain or not _has_terminal() or os.environ.get("TERM") == "dumb")
        done = run_interview(questionnaire, asker, answers, language, origins=origins)
        origins.update({key: Origin.TYPED for key in done if key not in origins})
        given.update(done)
        return done

    resume = _resume_options(questionnaires, only)

    def keep_answers() -> None:
        # Something failed after the interview: the typed answers must not go with it.
        if Origin.TYPED in origins.values():
            _print_answers(questionnaire_id, given, language, resume)

    try:
        language = _lang(lang)
        if output is not None:
            from triage.files import check_writable

            # Before the interview, so that nobody answers questions for a file we cannot write.
            check_writable(output, overwrite=force)
        catalog = _catalog(questionnaires, only)
        chain, directory = _load_chain(questionnaire_id, catalog)
        chain = _mark_overrides(chain, catalog, language)
        # An answers file or --set may answer any questionnaire the outcomes continue with.
        space = answer_space(chain.values())
        answers = load_answers(answers_file, space) if answers_file else {}
        origins.update(dict.fromkeys(answers, Origin.FILE))
        preset = _parse_sets(set_values or [], space)
        answers.update(preset)
        origins.update(dict.fromkeys(preset, Origin.SET))
        on_screen = output is not None or output_format in (None, Format.rich)
        for step in follow(chain[questionnaire_id], chain, answers, complete):
            decision = step.decision
            if step.target is not None and on_screen:
                from triage.report import render_handover

                # Shown before the next questionnaire asks anything.
                screen().print(render_handover(step, language))
    except Interrupted as stop:
        if stop.eof and not stop.typed and not sys.stdin.isatty():
            _fail(NoTerminalError(NO_TERMINAL))
        stop.answers = {**given, **stop.answers}
        _interrupted(questionnaire_id, stop, asker, language, resume)
    except TriageError as error:
        keep_answers()
        _fail(error)
    try:
        typed = Origin.TYPED in origins.values()
        _deliver(decision, directory, language, output_format, output, force, why, screen, typed)
    except TriageError as error:
        keep_answers()
        _fail(error)
    except Exception as error:  # a bug, but answers someone typed must survive it first
        if Origin.TYPED not in origins.values():
            raise
        keep_answers()
        _fail(TriageError(_error_text("report_failed", language, error=error)))


def _error_text(key: str, lang: str, error: BaseException) -> str:
    """Return the message ``key`` filled in with an unexpected error's class and text."""
    from triage.i18n import t
    from triage.report import inert

    return t(key, lang, error=inert(f"{type(error).__name__}: {error}"))


def _deliver(
    decision: Decision,
    directory: Directory,
    language: str,
    output_format: Format | None,
    output: Path | None,
    force: bool,
    why: bool,
    screen: Any,
    typed: bool = False,
) -> None:
    """Print the report, and write it to ``output`` if asked (after showing it).

    If the note cannot be written after an interview (``typed``), it is printed instead.
    """
    now = _now()
    if output is None:
        chosen = output_format or Format.rich
        if chosen is Format.rich:
            from triage.report import render_rich

            screen().print(render_rich(decision, directory, language, now=now, why=why))
        else:
            sys.stdout.write(_render(chosen, decision, directory, language, now, why))
        return
    from triage.files import write_private
    from triage.i18n import t
    from triage.report import render_rich

    # The screen shows the report first, so a failed write loses nothing.
    screen().print(render_rich(decision, directory, language, now=now, why=why))
    chosen = output_format or SUFFIX_FORMATS.get(output.suffix.lower(), Format.text)
    note = _render(chosen, decision, directory, language, now, why)
    try:
        write_private(output, note, overwrite=force)
    except TriageError:
        # E.g. the file appeared during the interview: the note is printed, not lost.
        if typed and chosen is not Format.rich:
            _say(t("note_not_written", language))
            sys.stdout.write(note)
            sys.stdout.flush()  # before the answers and the error line on stderr
        raise
    _stderr(t("written", language, path=output))


@app.command("validate")
def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
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
            metavar="PATH",
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


@app.command("contacts")
def contacts_command(
    search: Annotated[
        str | None,
        typer.Argument(
            metavar="[SEARCH]", help="Show only contacts whose name, role or organisation has this."
        ),
    ] = None,
    output_format: Annotated[
        ListFormat, typer.Option("--format", help="rich (screen) or json.")
    ] = ListFormat.rich,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
) -> None:
    """List the contact directory with each contact's source and checked date."""
    from triage.i18n import t
    from triage.report import contacts_json, render_contacts, search_contacts

    try:
        language = _lang(lang)
        directory = _catalog(questionnaires, only).directory()
    except TriageError as error:
        _fail(error)
    found = search_contacts(directory, search)
    now = _now()
    if output_format is ListFormat.json:
        document = contacts_json(found, directory, language, now)
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif not found:
        _stderr(t("no_contacts_match", language, search=search))
    else:
        _console().print(render_contacts(found, directory, language, now))


NO_TERMINAL = "no terminal to ask in: pass --answers FILE --no-input to run without one"


def _asker(plain: bool) -> Asker:
    """Return the plain asker (questions on stderr, so the report can be piped) or questionary."""
    if plain:
        from triage.prompts import PlainAsker

        return PlainAsker(sys.stdin, sys.stderr, echo=not sys.stdin.isatty())
    from triage.prompts import QuestionaryAsker

    _preload_prompts()
    return QuestionaryAsker()


def _preload_prompts() -> None:
    """Import the prompt libraries before the first question, outside the interview's guard.

    The interview turns Ctrl-C into «stop?»; an interrupt in the middle of importing
    prompt_toolkit would leave half a module behind for that very prompt (NameError). Here
    an interrupt is still a plain start-up interrupt: one line, exit 130.
    """
    import importlib

    import questionary  # noqa: F401 - imported for its side effect on sys.modules

    names = [
        "ctypes",
        "prompt_toolkit.key_binding",
        "prompt_toolkit.key_binding.bindings.search",
        "questionary.prompts.common",
    ]
    names += (
        ["prompt_toolkit.input.win32", "prompt_toolkit.output.win32"]
        if os.name == "nt"
        else [
            "prompt_toolkit.input.vt100",
            "prompt_toolkit.output.vt100",
        ]
    )
    for name in names:
        importlib.import_module(name)


def _parse_sets(items: list[str], questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    """Turn ``--set ID=VALUE`` options into answers; AnswersError names the bad one."""
    from triage.loader import parse_answers

    answers: dict[str, AnswerValue] = {}
    for item in items:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise UsageError(f"--set {item!r}: use --set ID=VALUE, e.g. --set age=34")
        try:
            answers.update(parse_answers({key.strip(): value.strip()}, questionnaire))
        except AnswersError as error:
            raise AnswersError(f"--set {item}: {error.message}") from None
    return answers


def _resume_options(folders: list[Path] | None, only: bool) -> str:
    """Return the options that find the questionnaire again: its added folders, --only."""
    import shlex

    options = "".join(f" --questionnaires {shlex.quote(str(folder))}" for folder in folders or [])
    return options + (" --only" if only else "")


def _resume_command(questionnaire_id: str, file: str, lang: str, options: str = "") -> str:
    from triage.model import DEFAULT_LANG

    command = f"triage {questionnaire_id} --answers {file}{options}"
    return command if lang == DEFAULT_LANG else f"{command} --lang {lang}"


def _print_answers(
    questionnaire_id: str, answers: dict[str, AnswerValue], lang: str, options: str = ""
) -> None:
    """Print the answers so far and the command that resumes from them once saved."""
    from triage.i18n import t

    command = _resume_command(questionnaire_id, t("file_placeholder", lang), lang, options)
    _say(t("answers_so_far", lang))
    _stderr(_answers_yaml(answers))
    _say(t("save_and_resume", lang))
    _stderr(f"  {command}")


def _save_answers(
    questionnaire_id: str,
    answers: dict[str, AnswerValue],
    asker: Asker,
    lang: str,
    options: str = "",
) -> Path | None:
    """Offer to save the answers (0600, atomic, never over a file); print how to resume."""
    import shlex

    from triage.files import free_path, write_private
    from triage.i18n import t

    suggested = free_path(Path(t("answers_file", lang, id=questionnaire_id)))
    chosen = asker.save_as(suggested, lang)
    if chosen is None:
        return None
    failed: list[Path] = []
    while True:
        command = _resume_command(questionnaire_id, shlex.quote(str(chosen)), lang, options)
        comment = t("answers_file_comment", lang, command=command)
        try:
            write_private(chosen, f"# {comment}\n{_answers_yaml(answers)}\n")
        except TriageError as error:
            if chosen.is_file():
                chosen = free_path(chosen)  # taken since it was chosen: the next free name
                continue
            _say(t("save_failed", lang, reason=error.message))
            # E.g. a read-only folder: offer another name; declining (or the same name
            # again, or a third failure) prints the answers instead.
            failed.append(chosen)
            retry = asker.save_as(free_path(chosen), lang) if len(failed) < 3 else None
            if retry is None or retry in failed:
                return None
            chosen = retry
            continue
        break
    _say(t("saved", lang, path=chosen))
    _say(t("resume", lang))
    _stderr(f"  {command}")
    return chosen


def _interrupted(
    questionnaire_id: str, stop: Interrupted, asker: Asker | None, lang: str, options: str = ""
) -> NoReturn:
    """Stop with 130; after a confirmed stop offer to save, else print the answers so far."""
    from triage.i18n import t

    _stderr("\n" + t("interrupted", lang))
    answers = stop.answers
    if answers and stop.stopped and asker is not None:
        try:
            saved = _save_answers(questionnaire_id, answers, asker, lang, options)
        except (KeyboardInterrupt, EOFError):
            saved = None
        if saved is not None:
            raise typer.Exit(EXIT_INTERRUPTED)
    if answers:
        _print_answers(questionnaire_id, answers, lang, options)
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
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
) -> None:
    """Show a whole questionnaire without asking: questions, outcomes, contacts, sources."""
    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id, _catalog(questionnaires, only))
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
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
) -> None:
    """Play the questionnaire's scenario cases: the answers, then the report, one by one."""
    from triage.demo import render_case
    from triage.errors import QuestionnaireError, Severity
    from triage.loader import cases_file, check_cases

    try:
        language = _lang(lang)
        catalog = _catalog(questionnaires, only)
        questionnaire, directory = _load(questionnaire_id, catalog)
        path = cases_file(catalog.path(questionnaire_id))
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
    answers_file: AnswersFileOption = None,
    set_values: SetValuesOption = None,
    no_input: NoInputOption = False,
    plain: PlainOption = False,
    output_format: OutputFormatOption = None,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
    output: OutputOption = None,
    force: ForceOption = False,
    why: WhyOption = False,
) -> None:
    """Find the right questionnaire with a few questions, then continue straight into it."""
    from triage.routing import ROUTER_ID

    run_command(
        ROUTER_ID,
        answers_file=answers_file,
        set_values=set_values,
        no_input=no_input,
        plain=plain,
        output_format=output_format,
        lang=lang,
        questionnaires=questionnaires,
        only=only,
        output=output,
        force=force,
        why=why,
    )


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


def _usage_line(error: Any) -> str:
    """Return a Typer usage error as the one line ``triage: ...`` (nordic translates here)."""
    return f"triage: {' '.join(error.format_message().split())} (see 'triage --help')"


def _run_app(args: list[str] | None = None) -> None:
    """Run the Typer app; a usage error is one line on stderr and exit 2, never a box."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    try:
        code = app(args=args, standalone_mode=False)
    except NoArgsIsHelpError as error:
        error.show()
        sys.exit(EXIT_USAGE)
    except ClickException as error:
        _stderr(_usage_line(error))
        sys.exit(error.exit_code)
    except typer.Abort:  # end of input outside an interview (Typer's translation of EOFError)
        raise KeyboardInterrupt from None
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def main() -> None:
    """Run the command line; Ctrl-C or Ctrl-D anywhere exits 130 without a traceback."""
    try:
        # Bare 'triage' at a terminal offers the guide; without one it shows the help.
        if len(sys.argv) == 1 and _has_terminal():
            _run_app(["start"] if _offer_start() else ["--help"])
        else:
            _run_app()
    except (KeyboardInterrupt, EOFError):
        _say_interrupted()
        sys.exit(EXIT_INTERRUPTED)
