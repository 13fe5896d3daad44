"""The command line: arguments → wiring → output and exit codes.

This is the one place that prints, catches the user's errors and picks exit codes:
0 done, 1 findings, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import enum
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import BadOptionUsage as ClickBadOptionUsage
from typer._click.exceptions import BadParameter as ClickBadParameter
from typer._click.exceptions import MissingParameter as ClickMissingParameter
from typer._click.exceptions import NoArgsIsHelpError as NoArgsIsHelp
from typer._click.exceptions import NoSuchOption as ClickNoSuchOption
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from triage.converters import lighten
from triage.core.errors import TriageError, UsageError

if TYPE_CHECKING:
    from triage.core.engine import Decision
    from triage.core.errors import Problem
    from triage.core.interview import Asker

    # Types only here: creating the model's dataclasses takes ~15 ms --help need not wait for.
    from triage.core.model import Directory, Questionnaire
    from triage.load.catalog import Catalog

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


#: The language of what the command line itself says (help, usage errors, errors): set from
#: --lang and $TRIAGE_LANG before parsing, so even a usage error speaks it.
_UI_LANG = ["nb"]
#: --lang given before the command (triage --lang en list), for commands given none.
_ROOT_LANG: list[str | None] = [None]
#: The context of the command being parsed, for usage errors raised without one.
_LAST_CONTEXT: list[Any] = [None]


def _ui_lang(args: Iterable[str] = ()) -> str:
    """Return --lang from ``args`` if valid, else $TRIAGE_LANG if valid, else bokmål."""
    from triage.render.i18n import LANGUAGES

    words = list(args)
    wanted = [os.environ.get(LANG_ENV, "")]
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words):
            wanted.append(words[index + 1])
        elif word.startswith("--lang="):
            wanted.append(word.partition("=")[2])
    return next((lang for lang in reversed(wanted) if lang in LANGUAGES), "nb")


class _Group(TyperGroup):
    """Route ``triage ID ...`` to the hidden ``run`` command when ID is no built-in.

    It also speaks the user's language: help texts are looked up when help is shown (so
    start-up pays nothing), and a usage error is one line in that language.
    """

    def main(self, args: Any = None, *pos: Any, **extra: Any) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        _UI_LANG[0] = _ui_lang(words)
        _ROOT_LANG[0] = _LAST_CONTEXT[0] = None
        if not extra.get("standalone_mode", True) or pos:
            return super().main(words, *pos, **extra)  # the caller handles what goes wrong
        try:
            code = super().main(words, standalone_mode=False, **extra)
        except typer.Abort:  # end of input outside an interview: as Ctrl-C, exit 130
            _stderr("\n" + t_("interrupted"))
            sys.exit(EXIT_INTERRUPTED)
        except ClickUsageError as error:
            if isinstance(error, NoArgsIsHelp):
                error.show()  # the help, as with --help, but exit 2 as click does
                sys.exit(error.exit_code)
            _stderr(_usage_line(error))
            sys.exit(error.exit_code)
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        typed = args[0] if args else ""
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["run", *args]
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            if name == "run" and typed != "run":
                name = typed  # usage and help name the command the user typed
            command.context_class = _Context
            # The context the command will run in, so its --help option gets its real names.
            settings = command.context_settings
            own = command.context_class(command, parent=ctx, info_name=name, **settings)
            lighten(command.get_params(own))
            _localize(command, own)
            _LAST_CONTEXT[0] = own
        return name, command, rest

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            _localize_group(self, ctx)
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

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _localize_group(self, ctx)
        super().format_help(ctx, formatter)


def t_(key: str, **values: object) -> str:
    """Return the tool's text for ``key`` in the command line's language."""
    from triage.render.i18n import t

    return t(key, _UI_LANG[0], **values)


class _Formatter(HelpFormatter):
    """Click's help layout with its few fixed words in the user's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = re.sub(r"\{([^{}]+)\}", r"\1", args)  # Typer's {ID} for a required ID
        super().write_usage(prog, args, prefix=t_("usage_prefix") + " ")

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        key = {"Options": "help_options", "Arguments": "help_arguments"}.get(name)
        key = key or {"Commands": "help_commands"}.get(name)
        with super().section(t_(key) if key else name):
            yield

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        marks = {"[required]": f"[{t_('help_required')}]", "[default: ": t_("help_default")}
        fixed = []
        for term, text in rows:
            term = re.sub(r" <(str|list\[\w+\])>$", "", term)  # Typer's type names
            for mark, said in marks.items():
                text = text.replace(mark, said)
            fixed.append((term, text))
        super().write_dl(fixed, *args, **kwargs)


class _Context(typer.Context):
    formatter_class = _Formatter


_Group.context_class = _Context


#: The placeholders in help texts, and the key of each one's words in the user's language.
METAVARS = {
    "FILE": "metavar_file",
    "DIR": "metavar_dir",
    "ID=VALUE": "metavar_set",
    "NAME": "metavar_name",
    "SEARCH": "metavar_search",
    "PATH": "metavar_path",
    "COMMAND": "metavar_command",
}


def _localize(command: Any, ctx: Any) -> None:
    """Put the help texts of ``command`` and its parameters in the user's language."""
    from triage.render.i18n import MESSAGES

    name = command.name
    typed = ctx.info_name
    if f"cmd_{name}" in MESSAGES:
        command.help = t_(f"cmd_{name}")
    if name == "run" and typed != "run":
        command.help = t_("cmd_run_named", id=typed)
    if name in ("run", "start"):
        command.help += "\n\n" + t_("help_keys")
    command.options_metavar = t_("usage_options")
    for param in command.get_params(ctx):
        if name == "run" and typed != "run" and param.name == "questionnaire_id":
            # 'triage shalam' has named its questionnaire: no ID left to give
            param.hidden = True
            param.get_usage_pieces = lambda ctx: []
        metavar = param.__dict__.setdefault("_english_metavar", param.metavar)
        if metavar in METAVARS:
            param.metavar = t_(METAVARS[metavar])
        for key in (f"opt_{name}_{param.name}", f"opt_{param.name}"):
            if key in MESSAGES:
                param.help = t_(key, pathsep=os.pathsep)
                break


def _localize_group(group: Any, ctx: Any) -> None:
    """Put the top-level help in the user's language, with the questionnaires and keys."""
    from triage.render.i18n import MESSAGES

    group.help = t_("cmd_triage")
    group.options_metavar = t_("usage_options")
    group.subcommand_metavar = t_("usage_command")
    group.epilog = _questionnaires_epilog() + "\n\n" + t_("help_keys") + "\n\n" + t_("help_epilog")
    for name, command in group.commands.items():
        if f"cmd_{name}_short" in MESSAGES:
            command.short_help = t_(f"cmd_{name}_short")
    for param in group.get_params(ctx):
        if f"opt_{param.name}" in MESSAGES:
            param.help = t_(f"opt_{param.name}")


def _questionnaires_epilog() -> str:
    """Return the questionnaires in use, with their names and titles wrapped, for --help."""
    import shutil
    import textwrap

    try:
        from triage.core.errors import escape_controls
        from triage.load.yamlfile import read_yaml

        catalog = _catalog(None)
        rows = []
        for ident, path in catalog.files().items():
            data = read_yaml(path).data
            top: dict[str, Any] = data if isinstance(data, dict) else {}
            titles = top.get("title")
            title = titles.get(_UI_LANG[0]) or titles.get("nb") if isinstance(titles, dict) else ""
            aliases = top.get("aliases")
            names = ", ".join(map(str, [ident, *(aliases if isinstance(aliases, list) else [])]))
            rows.append(
                (escape_controls(names), escape_controls(str(title)))
            )  # file text: no escapes
    except TriageError:
        rows = []
    width = min(shutil.get_terminal_size((80, 24)).columns, 80) - 2  # as click's help
    column = max((len(names) for names, _ in rows), default=0) + 4
    lines = [t_("help_questionnaires")]
    for names, title in rows:
        lines += textwrap.wrap(
            title,
            max(width, column + 20),
            initial_indent=f"  {names}".ljust(column),
            subsequent_indent=" " * column,
            break_on_hyphens=False,
        )
    # \b keeps click from rewrapping the lines into one paragraph.
    return "\b\n" + "\n".join(lines)


def _usage_line(error: Any) -> str:
    """Return a usage error as one line in the user's language, with where to find help."""
    ctx = error.ctx or _LAST_CONTEXT[0]
    command = ctx.command_path if ctx is not None else "triage"
    message = error.format_message()
    if isinstance(error, ClickNoSuchOption):
        message = t_("usage_no_such_option", option=error.option_name)
        if error.possibilities:
            message += " " + t_(
                "usage_did_you_mean", options=", ".join(sorted(error.possibilities))
            )
    elif isinstance(error, ClickMissingParameter) and error.param is not None:
        name = error.param.metavar or error.param.name or ""
        message = t_("usage_missing", name=name.upper())
        if error.param.name == "questionnaire_id":
            with contextlib.suppress(TriageError):
                names = ", ".join(_catalog(None).files())
                message += " " + t_("usage_pick_questionnaire", names=names)
    elif isinstance(error, ClickBadParameter) and error.param is not None:
        name = (error.param.opts or [error.param.name or ""])[0]
        # Typer's text for a value outside the choices: 'pdf' is not one of 'rich', 'json'.
        choice = re.fullmatch(
            r"(?:Value error, )?'(.*)' is not one of (.*?)\.?", error.message, re.DOTALL
        )
        if choice:
            choices = ", ".join(c.strip("' ") for c in choice[2].split(","))
            message = t_("usage_choice", name=name, value=choice[1], choices=choices)
        else:
            message = t_("usage_bad_value", name=name, reason=error.message)
    elif isinstance(error, ClickBadOptionUsage) and "requires an argument" in error.message:
        message = t_("usage_needs_value", option=error.option_name)
    elif message == "Missing command.":
        message = t_("usage_missing_command")
    elif message.startswith("Got unexpected extra argument"):
        message = t_("usage_extra", words=message.rpartition("(")[2].rstrip(")"))
    from triage.core.errors import escape_controls

    return escape_controls(f"triage: {message} ({t_('usage_try', command=command)})")


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
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


class ContactsFormat(enum.StrEnum):
    """Output formats of the contact listing: a listing's, or a sheet to print."""

    rich = "rich"
    json = "json"
    markdown = "markdown"


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
        help="Ask line by line without cursor movement, and show the result as plain text "
        "without boxes (pipes, screen readers); asking line by line is automatic when stdin "
        "or stdout is not a terminal, or TERM=dumb.",
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
    str | None,
    typer.Option("--lang", metavar="nb|en", help=f"nb or en (default nb, or ${LANG_ENV})."),
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
CardsOption = Annotated[
    bool,
    typer.Option(
        "--cards",
        help="Show each contact's full card (role, hours, note, source, checked date) "
        "instead of one line.",
    ),
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print everything at once; by default output longer than the screen goes "
        "through $TRIAGE_PAGER, $PAGER or less (only on a terminal).",
    ),
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

    from triage.screen import screen_width

    width = screen_width(shutil.get_terminal_size((80, 24)).columns)
    _stderr(textwrap.fill(message, width) if len(message) > width else message)


def _say_interrupted() -> None:
    from triage.render.i18n import t

    _stderr("\n" + t("interrupted", os.environ.get(LANG_ENV) or "nb"))


def _fail(error: TriageError) -> NoReturn:
    from rich.console import Console
    from rich.text import Text

    from triage.render.i18n import localized
    from triage.screen import screen_width

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.width = screen_width(console.width)  # COLUMNS=0 would print nothing at all
    console.print(Text(f"triage: {localized(error, _UI_LANG[0])}", style="red"))
    raise typer.Exit(error.exit_code)


def _catalog(folders: list[Path] | None, only: bool = False) -> Catalog:
    """Return the shipped folder plus ${TRIAGE_QUESTIONNAIRES} and --questionnaires folders."""
    from triage.load.catalog import Catalog

    from_env = [Path(p) for p in os.environ.get(FOLDERS_ENV, "").split(os.pathsep) if p]
    return Catalog.with_folders([*from_env, *(folders or [])], only=only)


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


def _lang(value: str | None) -> str:
    from triage.core.model import LANGUAGES

    if value is None:
        value = _ROOT_LANG[0]
    lang = value if value is not None else os.environ.get(LANG_ENV) or "nb"
    if lang not in LANGUAGES:
        choices = " or ".join(LANGUAGES)
        raise UsageError(
            f"unknown language '{lang}': use {choices}",
            key="error_language",
            given=lang,
        )
    _UI_LANG[0] = lang
    return lang


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _console(*, table: bool = False) -> Any:
    """Return the screen's console, 40 to 160 columns wide (a ``table`` may use more)."""
    from rich.console import Console

    from triage.screen import MAX_WIDTH, screen_width

    console = Console(highlight=False)
    # $COLUMNS=0 or 100000 stays readable (issue 12 C3); a table takes only what it needs.
    console.width = screen_width(console.width, None if table else MAX_WIDTH)
    return console


def _show(console: Any, renderable: Any, lang: str, *, pager: bool = True) -> None:
    """Print a renderable without trailing spaces; through the pager if longer than the screen.

    The pager only runs when standard output is a terminal (never for a pipe or a file).
    """
    from triage.render.i18n import t
    from triage.screen import less_prompt, needs_pager, page, pager_command, trim_lines

    if isinstance(renderable, str):  # text made to be saved (Markdown, Mermaid, dot)
        text = renderable
    else:
        with console.capture() as capture:
            console.print(renderable)
        text = trim_lines(capture.get())
    if console.is_terminal and sys.stdout.isatty():
        command = pager_command() if pager else None
        prompt = less_prompt(t("pager_keys", lang), t("pager_end", lang))
        paged = command and needs_pager(text, console.height)
        if paged and page(text, command or [], _encoding(), prompt):
            return
        if not isinstance(renderable, str):
            console.print(renderable)  # Rich knows the terminal (colours, Windows consoles)
            return
    sys.stdout.write(text)
    sys.stdout.flush()


def _encoding() -> str:
    return getattr(sys.stdout, "encoding", None) or "utf-8"


def _now() -> dt.datetime:
    """Return the time in Norway: the one place the real clock is read."""
    from triage.core.hours import OSLO

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
        from triage.render.json import to_json

        document = to_json(decision, directory, lang, now=now)
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if chosen is Format.markdown:
        from triage.render.journal import to_markdown

        return to_markdown(decision, directory, lang, now=now, why=why)
    if chosen is Format.text:
        from triage.render.journal import to_text

        return to_text(decision, directory, lang, now=now, why=why)
    import io

    from rich.console import Console

    from triage.render.rich import render_rich

    console = Console(file=io.StringIO(), width=80, color_system=None, highlight=False)
    console.begin_capture()
    console.print(render_rich(decision, directory, lang, now=now, why=why))
    lines = console.end_capture().splitlines()
    return "\n".join(line.rstrip() for line in lines) + "\n"


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
    _ROOT_LANG[0] = lang


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
    except TriageError as error:
        _fail(error)
    parent = ctx.parent
    assert parent is not None
    group: Any = parent.command
    if name is None:
        print(group.get_help(parent))
        return
    if name not in group.commands:
        try:
            _catalog(None).path(name)  # a questionnaire: its help is that of running it
        except TriageError as error:
            _fail(error)
    typed, command, _ = group.resolve_command(parent, [name])
    print(command.get_help(command.context_class(command, parent=parent, info_name=typed)))


@app.command("list")
def list_command(
    lang: LangOption = None, questionnaires: FoldersOption = None, only: OnlyOption = False
) -> None:
    """List the questionnaires: id, title, number of questions, and where each comes from."""
    try:
        from rich.table import Table
        from rich.text import Text

        from triage.load.questionnaire import load_questionnaire
        from triage.render.i18n import t
        from triage.render.words import inert

        def cell(text: str) -> Text:
            # Titles and folder names are data: never Rich markup, never escape sequences.
            return Text(inert(text))

        language = _lang(lang)
        catalog = _catalog(questionnaires, only)
        directory = catalog.directory()
        known = catalog.files()
        table = Table(
            *(t(f"list_{key}", language) for key in ("id", "aliases", "title", "questions", "from"))
        )
        for entry in catalog.entries().values():
            where = t("list_shipped", language)
            if not catalog.is_shipped(entry.path):
                where = str(entry.path)
            if entry.overrides:
                paths = ", ".join(map(str, entry.overrides))
                where += " " + t("list_overrides", language, paths=paths)
            try:
                questionnaire = load_questionnaire(entry.path, directory, known=known)
            except TriageError:
                broken = t("list_broken", language, path=str(entry.path))
                table.add_row(cell(entry.id), "", cell(broken), "–", cell(where))
                continue
            table.add_row(
                cell(questionnaire.id),
                cell(", ".join(questionnaire.aliases)),
                cell(questionnaire.title.get(language)),
                str(len(questionnaire.questions)),
                cell(where),
            )
        _console(table=True).print(table)
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
    cards: CardsOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Run a questionnaire and print the recommendation."""
    from triage.session import Edge, Request, Session, Stopped

    try:
        language = _lang(lang)
    except TriageError as error:
        _fail(error)
    consoles: list[Any] = []

    def screen() -> Any:
        # Made when first needed: importing Rich need not delay the first question.
        if not consoles:
            consoles.append(_console())
            if plain:  # a pipe has no colour anyway; --plain on a terminal asks for none
                consoles[0].no_color = True
        return consoles[0]

    edge = Edge(
        make_asker=lambda plain: _asker(plain),
        has_terminal=lambda: _has_terminal(),
        stdin_is_terminal=lambda: sys.stdin.isatty(),
        catalog=lambda: _catalog(questionnaires, only),
        screen=screen,
        say=_say,
        line=_stderr,
        dumb_terminal=lambda: os.environ.get("TERM") == "dumb",
    )
    request = Request(
        questionnaire_id,
        _command_name(questionnaire_id),
        language,
        answers_file=answers_file,
        set_values=tuple(set_values or ()),
        no_input=no_input,
        plain=plain,
        on_screen=output is not None or output_format in (None, Format.rich),
        output=output,
        force=force,
        folders=tuple(questionnaires or ()),
        only=only,
    )
    session = Session(request, edge)
    try:
        result = session.run()
    except Stopped:
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except TriageError as error:
        _fail(error)
    try:
        _deliver(
            result.decision,
            result.directory,
            language,
            output_format,
            output,
            force,
            why,
            screen,
            result.typed,
            plain=plain,
            cards=cards,
            pager=not no_pager,
        )
    except TriageError as error:
        session.keep_answers()
        _fail(error)
    except Exception as error:  # a bug, but answers someone typed must survive it first
        if not result.typed:
            raise
        session.keep_answers()
        _fail(TriageError(_error_text("report_failed", language, error=error)))


def _error_text(key: str, lang: str, error: BaseException) -> str:
    """Return the message ``key`` filled in with an unexpected error's class and text."""
    from triage.render.i18n import t
    from triage.render.words import inert

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
    *,
    plain: bool = False,
    cards: bool = False,
    pager: bool = True,
) -> None:
    """Print the report, and write it to ``output`` if asked (after showing it).

    If the note cannot be written after an interview (``typed``), it is printed instead.
    """
    from triage.render.i18n import t

    now = _now()

    def show_report() -> None:
        # --plain (screen readers) and TERM=dumb get the journal text: no boxes, no columns.
        if plain or os.environ.get("TERM") == "dumb":
            sys.stdout.write(_render(Format.text, decision, directory, language, now, why))
            return
        from triage.render.rich import render_rich

        report = render_rich(decision, directory, language, now=now, why=why, cards=cards)
        _show(screen(), report, language, pager=pager)

    if output is None:
        chosen = output_format or Format.rich
        if chosen is Format.rich:
            show_report()
        else:
            sys.stdout.write(_render(chosen, decision, directory, language, now, why))
        return
    from triage.files import write_private

    # The screen shows the report first, so a failed write loses nothing.
    show_report()
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
    from triage.files import modes_protect

    _stderr(t("written" if modes_protect() else "written_folder_access", language, path=output))


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
        result = validate(paths or [], _catalog(questionnaires, only), notes=notes)
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
    from triage.check.scenarios import run_scenarios
    from triage.check.validation import display_path
    from triage.load.catalog import expand, file_kind, questionnaire_of

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
    from triage.load.fields import schema_text

    print(schema_text(kind.value), end="")


@app.command("contacts")
def contacts_command(
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
        directory = _catalog(questionnaires, only).directory()
    except TriageError as error:
        _fail(error)
    found = search_contacts(directory, search)
    now = _now()
    if output_format is ContactsFormat.json:
        document = contacts_json(found, directory, language, now)
        print(json.dumps(document, ensure_ascii=False, indent=2))
    elif not found:
        _stderr(t("no_contacts_match", language, search=search))
    elif output_format is ContactsFormat.markdown:
        from triage.render.sheet import contact_sheet

        print(contact_sheet(found, directory, language, now), end="")
    else:
        listing = render_contacts(found, directory, language, now, cards=cards)
        _show(_console(), listing, language, pager=not no_pager)


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


#: The command a run was started with when it is not the questionnaire id (``start``).
_STARTED_AS: contextvars.ContextVar[str | None] = contextvars.ContextVar("started_as", default=None)


def _command_name(questionnaire_id: str) -> str:
    """Return what the person typed to run ``questionnaire_id``: ``start`` for the router."""
    return _STARTED_AS.get() or questionnaire_id


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
    no_pager: NoPagerOption = False,
) -> None:
    """Show a whole questionnaire without asking: questions, outcomes, contacts, sources."""
    try:
        language = _lang(lang)
        questionnaire, directory = _load(questionnaire_id, _catalog(questionnaires, only))
    except TriageError as error:
        _fail(error)
    if output_format is ExplainFormat.rich:
        from triage.render.explain import render_tree

        tree = render_tree(questionnaire, directory, language)
        _show(_console(), tree, language, pager=not no_pager)
    elif output_format is ExplainFormat.markdown:
        from triage.render.explain import render_markdown

        handout = render_markdown(questionnaire, directory, language) + "\n"
        _show(_console(), handout, language, pager=not no_pager)
    elif output_format is ExplainFormat.mermaid:
        from triage.render.flowchart import render_mermaid

        chart = render_mermaid(questionnaire, language) + "\n"
        _show(_console(), chart, language, pager=not no_pager)
    else:
        from triage.render.flowchart import render_dot

        chart = render_dot(questionnaire, language) + "\n"
        _show(_console(), chart, language, pager=not no_pager)


@app.command("demo")
def demo_command(
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
    from triage.core.errors import QuestionnaireError, Severity
    from triage.load.cases import check_cases
    from triage.load.catalog import cases_file
    from triage.render.demo import pick_cases, render_case

    try:
        language = _lang(lang)
        catalog = _catalog(questionnaires, only)
        questionnaire, directory = _load(questionnaire_id, catalog)
        path = cases_file(catalog.path(questionnaire.id))
        if not path.is_file():
            raise UsageError(
                f"no scenario cases for '{questionnaire_id}' (expected {path})",
                key="error_no_cases",
                id=questionnaire_id,
                path=path,
            )
        cases, problems = check_cases(path, questionnaire)
        if any(p.severity is Severity.ERROR for p in problems):
            raise QuestionnaireError(problems)
        numbered = pick_cases(cases, case_name, questionnaire_id)
    except TriageError as error:
        _fail(error)
    console = _console()
    if list_cases:
        from triage.render.words import inert

        for number, case in numbered:
            print(f"{number:>3}) {inert(case.name)}")
        return
    pause = not no_pause and _has_terminal() and len(numbered) > 1
    failed: set[int] = set()
    index = 0
    while index < len(numbered):
        number, case = numbered[index]
        if pause:
            console.clear()  # only at a terminal: a projector shows one case at a time
        shown, result = render_case(questionnaire, case, directory, language, number, len(cases))
        console.print(shown)
        if not result.passed:
            failed.add(number)
        if not pause:
            index += 1
            continue
        from triage.render.i18n import t

        last = index == len(numbered) - 1
        console.print(t("demo_pause_last" if last else "demo_pause", language), end="")
        key = typer.getchar()
        console.print()
        if key.lower() == "q":
            break
        if key in DEMO_BACK_KEYS:
            index = max(index - 1, 0)
        elif last:
            break
        else:
            index += 1
    if failed:
        raise typer.Exit(EXIT_FINDINGS)


#: Keys that show the case before: <, t (tilbake), b (back), and the left arrow as POSIX
#: terminals and the Windows console send it.
DEMO_BACK_KEYS = frozenset({"<", "t", "T", "b", "B", "\x1b[D", "\x1bOD", "\xe0K", "\x00K"})


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
    cards: CardsOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Find the right questionnaire with a few questions, then continue straight into it."""
    from triage.core.routing import ROUTER_ID

    # The resume hint then says `triage start --answers FILE`, as the person typed it.
    started = _STARTED_AS.set("start")
    try:
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
            cards=cards,
            no_pager=no_pager,
        )
    finally:
        _STARTED_AS.reset(started)


def _offer_start() -> bool:
    """Ask whether to start the guide; True if the person wants it."""
    from triage.prompts import offer_start

    try:
        language = _lang(None)
    except UsageError:
        language = "nb"
    return offer_start(language)


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
