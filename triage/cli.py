"""The command line: arguments → wiring → output and exit codes.

Each command parses its arguments, calls the code that does the work and picks the exit
code: 0 done, 1 findings, 2 bad usage or input, 130 interrupted. This is the one place that
catches the user's errors. The rest of the edge: ``help`` (the Typer group, help and usage
errors in the user's language), ``options`` (options several commands share), ``output``
(the screen, the pager, files, the real ``Terminal``), ``session`` (the run use case) and
``player`` (the demo).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage.core.errors import TriageError, UsageError
from triage.direct import fail as _fail
from triage.direct import language as _lang
from triage.direct import run as _run
from triage.help import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    ROOT_LANG,
    Group,
    SubGroup,
    help_text,
    usage_line,
)
from triage.options import (
    EXPLAIN_SUFFIXES,
    CardsOption,
    ContactsFormat,
    DriftFormat,
    ExplainFormat,
    ExportFormat,
    FoldersOption,
    ForceOption,
    LangOption,
    NoPagerOption,
    OnlyOption,
    OutputOption,
    RunOptions,
    SchemaKind,
    with_run_options,
)
from triage.output import (
    TERMINAL,
    Terminal,
    catalog_in_use,
    make_console,
    say,
    say_interrupted,
    show,
    stderr,
    write_file,
)

if TYPE_CHECKING:
    from triage.core.errors import Problem

    # Types only here: creating the model's dataclasses takes ~15 ms --help need not wait for.
    from triage.core.model import Directory, Questionnaire
    from triage.load.catalog import Catalog


app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Decision support for substance-abuse services: run `triage list`, then `triage ID`.",
    epilog="Run a questionnaire: triage ID  (e.g. triage shalam). Decision support, not a vedtak.",
)


# --------------------------------------------------------------------------- helpers


def _load(questionnaire_id: str, catalog: Catalog | None = None) -> tuple[Questionnaire, Directory]:
    from triage.load.catalog import Catalog

    catalog = catalog or Catalog()
    directory = catalog.directory()
    return catalog.load(questionnaire_id, directory), directory


def _print_problems(problems: Iterable[Problem]) -> None:
    """Print each problem as its one line, with its hint on an indented line below."""
    for problem in problems:
        print(problem.format())
        if problem.hint:
            print(f"  hint: {problem.hint}")


# --------------------------------------------------------------------------- commands


def _show_version(value: bool) -> None:
    if value:
        from triage import __version__

        print(f"triage {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", is_eager=True, callback=_show_version
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    # 'triage --lang en list' as well as 'triage list --lang en': the command's own wins.
    ROOT_LANG[0] = lang


@app.command("help")
def help_command(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(metavar="COMMAND", help="A command or questionnaire to explain."),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Show the help, or the help of one command (triage help demo)."""
    try:
        _lang(lang)
        text = help_text(ctx, name)
    except TriageError as error:
        _fail(error)
    print(text)


@app.command("list")
def list_command(
    lang: LangOption = None, questionnaires: FoldersOption = None, only: OnlyOption = False
) -> None:
    """List the questionnaires: id, title, number of questions, and where each comes from."""
    try:
        from triage.render.listing import render_listing

        language = _lang(lang)
        table = render_listing(catalog_in_use(questionnaires, only), language)
    except TriageError as error:
        _fail(error)
    make_console(table=True).print(table)


@app.command("run", hidden=True)
@with_run_options
def run_command(
    ctx: typer.Context,
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    options: RunOptions,
) -> None:
    """Run a questionnaire and print the recommendation."""
    _run(_terminal(ctx), questionnaire_id, questionnaire_id, options)


@app.command("validate")
def validate_command(
    ctx: typer.Context,
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
    notes: Annotated[
        bool,
        typer.Option(
            "--notes", help="Also list what a file marks as intended, e.g. outcomes' 'before'."
        ),
    ] = False,
) -> None:
    """Check questionnaires for mistakes and prove every answer leads somewhere sound.

    Prints each problem as file:line:col: error|warning: message (and note: with --notes).
    Exit 0 when clean, 1 when it found problems, 2 on bad usage.
    """
    from triage.check.proofs import INSTALL_HINT, SOLVER_PACKAGE
    from triage.check.validation import validate

    try:
        catalog = catalog_in_use(questionnaires, only)
        result = validate(paths or [], catalog, now=_terminal(ctx).now(), notes=notes)
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
        stderr(
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
    from triage.check.scenarios import run_scenarios, scenario_files
    from triage.check.validation import display_path

    try:
        files, catalog = scenario_files(paths or [], catalog_in_use(questionnaires, only))
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
    from triage.load.fields import schema_text

    print(schema_text(kind.value), end="")


@app.command("contacts")
def contacts_command(
    ctx: typer.Context,
    search: Annotated[
        str | None,
        typer.Argument(
            metavar="SEARCH",
            help="Show only contacts whose name, role, organisation or phone number has this.",
        ),
    ] = None,
    output_format: Annotated[
        ContactsFormat,
        typer.Option("--format", help="rich (screen), json, or markdown (a sheet to print)."),
    ] = ContactsFormat.rich,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
    cards: CardsOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List the contact directory, one line each; --cards adds source and checked date."""
    from triage.render.i18n import t
    from triage.render.json import contacts_json
    from triage.render.rich import render_contacts
    from triage.render.words import search_contacts

    try:
        language = _lang(lang)
        directory = catalog_in_use(questionnaires, only).directory()
    except TriageError as error:
        _fail(error)
    found = search_contacts(directory, search)
    terminal = _terminal(ctx)
    now = terminal.now()
    if output_format is ContactsFormat.json:
        document = contacts_json(found, directory, language, now)
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif not found:
        stderr(t("no_contacts_match", language, search=search))
    elif output_format is ContactsFormat.markdown:
        from triage.render.sheet import contact_sheet

        print(contact_sheet(found, directory, language, now), end="")
    else:
        listing = render_contacts(found, directory, language, now, cards=cards)
        show(terminal.console(), listing, language, pager=not no_pager)


sources_app = typer.Typer(
    cls=SubGroup,
    no_args_is_help=True,
    help="Check the source pages against the questionnaires (for authors).",
)
app.add_typer(sources_app, name="sources")


@sources_app.command("check")
def check_command(
    ctx: typer.Context,
    page_file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="The page saved as text or HTML (as a browser saves it).",
            readable=False,  # the reader says "cannot be read" in one line
        ),
    ] = None,
    page: Annotated[
        str | None, typer.Option("--page", metavar="ID", help="The source's id in contacts.yaml.")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", metavar="URL", help="Fetch the page from this address instead."),
    ] = None,
    output_format: Annotated[
        DriftFormat, typer.Option("--format", help="rich (screen) or json.")
    ] = DriftFormat.rich,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Compare every quote from a source page with a fresh copy of the page.

    Exit 0 when nothing changed, 1 when something did, 2 on bad usage.
    """
    from triage.check.sources import check_page, which_page
    from triage.check.validation import display_path
    from triage.load.pages import fetch_page, read_page
    from triage.render.drift import drift_json, render_drift

    try:
        language = _lang(lang)
        if (page_file is None) == (url is None):
            raise UsageError(
                "give the page saved as a file, or --url ADDRESS (one of the two)",
                key="error_page_or_url",
            )
        catalog = catalog_in_use(questionnaires, only)
        directory = catalog.directory()
        loaded = [catalog.load(ident, directory) for ident in catalog.files()]
        where = display_path(page_file) if page_file is not None else str(url)
        text = read_page(page_file, where) if page_file is not None else fetch_page(str(url))
        name = page_file.stem if page_file is not None else None
        found = which_page(text, directory, loaded, page=page, name=name, url=url, where=where)
    except TriageError as error:
        _fail(error)
    result = check_page(text, found, loaded, directory)
    if output_format is DriftFormat.json:
        print(json.dumps(drift_json(result), ensure_ascii=False, indent=2))
    else:
        show(
            _terminal(ctx).console(),
            render_drift(result, directory, language),
            language,
            pager=not no_pager,
        )
    if result.changed:
        raise typer.Exit(EXIT_FINDINGS)


# --------------------------------------------------------------------------- trainers


@app.command("explain")
def explain_command(
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    output_format: Annotated[
        ExplainFormat,
        typer.Option(
            "--format",
            help="rich (terminal), markdown (handout), html (printable handout with the "
            "flowchart), svg, mermaid or dot (flowchart).",
        ),
    ] = ExplainFormat.rich,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
    no_pager: NoPagerOption = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE, readable only by you (.html, .svg, .mmd, .dot pick the "
            "format; otherwise markdown).",
        ),
    ] = None,
    force: ForceOption = False,
) -> None:
    """Show a whole questionnaire without asking: questions, outcomes, contacts, sources."""
    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id, catalog_in_use(questionnaires, only))
    except TriageError as error:
        _fail(error)
    chosen = output_format
    if output is not None and chosen is ExplainFormat.rich:  # not asked for: the suffix picks
        chosen = EXPLAIN_SUFFIXES.get(output.suffix.lower(), ExplainFormat.markdown)
    if chosen is ExplainFormat.rich:
        from triage.render.explain import render_tree

        tree = render_tree(questionnaire, directory, language)
        show(make_console(), tree, language, pager=not no_pager)
        return
    from triage.render.handout import explain_document

    text = explain_document(chosen.value, questionnaire, directory, language)
    if output is not None:
        try:
            write_file(output, text, language, force=force)
        except TriageError as error:
            _fail(error)
    elif chosen in (ExplainFormat.html, ExplainFormat.svg):
        sys.stdout.write(text)  # a document for a file or a browser, not for the pager
    else:
        show(make_console(), text, language, pager=not no_pager)


@app.command("export")
def export_command(
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="fhir (FHIR R4 Questionnaire, JSON)."),
    ] = ExportFormat.fhir,
    output: OutputOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
) -> None:
    """Write a questionnaire as a FHIR R4 Questionnaire (JSON) for other form tools."""
    from triage.render.fhir import to_questionnaire
    from triage.render.i18n import t

    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id, catalog_in_use(questionnaires, only))
        if output is not None:
            from triage.files import check_writable

            check_writable(output, overwrite=force)
        exported = to_questionnaire(questionnaire, directory)
        if exported.expressions:
            questions = ", ".join(exported.expressions)
            say(t("fhir_expression_warning", language, id=questionnaire.id, questions=questions))
        text = json.dumps(exported.resource, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            write_file(output, text, language, force=force)
    except TriageError as error:
        _fail(error)


@app.command("demo")
def demo_command(
    ctx: typer.Context,
    questionnaire_id: Annotated[str, typer.Argument(metavar="ID", help="Questionnaire id.")],
    case_name: Annotated[
        str | None,
        typer.Option("--case", metavar="NAME", help="Play only this case: its number or name."),
    ] = None,
    list_cases: Annotated[
        bool, typer.Option("--list", help="List the cases with their numbers.")
    ] = False,
    no_pause: Annotated[
        bool, typer.Option("--no-pause", help="Do not wait for a key between cases.")
    ] = False,
    lang: LangOption = None,
    questionnaires: FoldersOption = None,
    only: OnlyOption = False,
) -> None:
    """Play the questionnaire's scenario cases: the answers, then the report, one by one.

    Between cases a key shows the next one, < (or t, b, left arrow) the one before, q quits.
    """
    from triage.player import load_cases, play

    try:
        language = _lang(lang)
        catalog = catalog_in_use(questionnaires, only)
        questionnaire, directory = _load(questionnaire_id, catalog)
        numbered, total = load_cases(catalog, questionnaire, questionnaire_id, case_name)
    except TriageError as error:
        _fail(error)
    terminal = _terminal(ctx)
    console = terminal.console()
    if list_cases:
        from triage.render.words import inert

        for number, case in numbered:
            print(f"{number:>3}) {inert(case.name)}")
        return
    pause = not no_pause and terminal.has_terminal() and len(numbered) > 1
    seen = (questionnaire, numbered, directory, language, total)
    if not play(*seen, console=console, pause=pause, getchar=terminal.getchar):
        raise typer.Exit(EXIT_FINDINGS)


# --------------------------------------------------------------------------- start


@app.command("start")
@with_run_options
def start_command(ctx: typer.Context, options: RunOptions) -> None:
    """Find the right questionnaire with a few questions, then continue straight into it."""
    from triage.core.routing import ROUTER_ID

    # The resume hint then says `triage start --answers FILE`, as the person typed it.
    _run(_terminal(ctx), ROUTER_ID, "start", options)


def _terminal(ctx: typer.Context) -> Terminal:
    """Return the terminal the command runs at: the one passed as ``obj``, else the real one."""
    return ctx.find_object(Terminal) or TERMINAL


def _run_app(args: list[str] | None = None, terminal: Terminal = TERMINAL) -> None:
    """Run the Typer app; a usage error is one line on stderr and exit 2, never a box."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError

    try:
        code = app(args=args, standalone_mode=False, obj=terminal)
    except NoArgsIsHelpError as error:
        error.show()
        sys.exit(EXIT_USAGE)
    except ClickException as error:
        stderr(usage_line(error))
        sys.exit(error.exit_code)
    except typer.Abort:  # end of input outside an interview (Typer's translation of EOFError)
        raise KeyboardInterrupt from None
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def main(args: list[str] | None = None, terminal: Terminal = TERMINAL) -> None:
    """Run the command line; Ctrl-C or Ctrl-D anywhere exits 130 without a traceback."""
    try:
        # Bare 'triage' at a terminal offers the guide; without one it shows the help.
        words = sys.argv[1:] if args is None else args
        if not words and terminal.has_terminal():
            _run_app(["start"] if terminal.offer_start(_start_lang()) else ["--help"], terminal)
        else:
            _run_app(args, terminal)
    except (KeyboardInterrupt, EOFError):
        say_interrupted()
        sys.exit(EXIT_INTERRUPTED)


def _start_lang() -> str:
    """Return the language to offer the guide in: $TRIAGE_LANG if valid, else bokmål."""
    try:
        return _lang(None)
    except UsageError:
        return "nb"
