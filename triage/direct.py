"""Running a questionnaire, and ``triage ID [options]`` run straight away, without Typer.

Importing Typer and building the command line from its declarations costs more than the
rest of a run from an answers file, and delays an interview's first question. Most command
lines are one questionnaire with some of its run options, so ``plan`` recognises exactly
that shape (``triage ID …`` or ``triage start …``, each option spelt as ``--help`` lists it,
a value after its option, no option twice) and ``main`` runs it through the same ``run``
that ``triage.cli`` calls. Anything else (help, another command, ``--opt=value``, a value
starting with '-', an unknown questionnaire, shell completion, a Windows wildcard) is left
to Typer, which parses it and words its errors as always. ``tests/test_direct.py`` checks
that both roads give the same output and exit codes.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from triage.core.errors import TriageError, UsageError
from triage.helptext import LISTED
from triage.output import (
    LANG_ENV,
    TERMINAL,
    Delivery,
    Format,
    Terminal,
    catalog_in_use,
    deliver,
    say,
    say_interrupted,
    stderr,
)

if TYPE_CHECKING:
    from triage.session import Request

#: The exit codes: 0 done, 1 findings, 2 bad usage or input, 130 interrupted (cli.py and
#: the help group use them too).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: The language of what the command line itself says (help, usage errors, errors): set from
#: --lang and $TRIAGE_LANG before parsing, so even a usage error speaks it.
UI_LANG = ["nb"]
#: --lang given before the command (triage --lang en list), for commands given none.
ROOT_LANG: list[str | None] = [None]


def ui_lang(args: Iterable[str] = ()) -> str:
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


def fail(error: TriageError) -> NoReturn:
    """Print the error as one red line in the command line's language; exit with its code."""
    from rich.console import Console
    from rich.text import Text

    from triage.render.i18n import localized
    from triage.screen import screen_width

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    console.width = screen_width(console.width)  # COLUMNS=0 would print nothing at all
    console.print(Text(f"triage: {localized(error, UI_LANG[0])}", style="red"))
    raise SystemExit(error.exit_code)


def language(value: str | None) -> str:
    """Return the language asked for (--lang, else the root's, else $TRIAGE_LANG, else nb).

    Raises UsageError for a language triage does not speak.
    """
    from triage.core.model import LANGUAGES

    if value is None:
        value = ROOT_LANG[0]
    lang = value if value is not None else os.environ.get(LANG_ENV) or "nb"
    if lang not in LANGUAGES:
        choices = " or ".join(LANGUAGES)
        raise UsageError(
            f"unknown language '{lang}': use {choices}",
            key="error_language",
            given=lang,
        )
    UI_LANG[0] = lang
    return lang


@dataclasses.dataclass(frozen=True, slots=True)
class RunOptions:
    """The options of running a questionnaire, which ``triage ID`` and ``start`` share.

    ``triage.options`` declares them to Typer (``RUN_OPTIONS``), ``plan`` reads them itself.
    """

    answers_file: Path | None = None
    set_values: list[str] | None = None
    no_input: bool = False
    plain: bool = False
    output_format: Format | None = None
    lang: str | None = None
    questionnaires: list[Path] | None = None
    only: bool = False
    output: Path | None = None
    force: bool = False
    why: bool = False
    cards: bool = False
    no_pager: bool = False

    def request(self, questionnaire_id: str, command: str, language: str) -> Request:
        """Return the session's request: run ``questionnaire_id``, typed as ``command``."""
        from triage.session import Request

        return Request(
            questionnaire_id,
            command,
            language,
            answers_file=self.answers_file,
            set_values=tuple(self.set_values or ()),
            no_input=self.no_input,
            plain=self.plain,
            on_screen=self.output is not None or self.output_format in (None, Format.rich),
            output=self.output,
            force=self.force,
            folders=tuple(self.questionnaires or ()),
            only=self.only,
        )

    def delivery(self) -> Delivery:
        """Return how the result is to be shown and saved."""
        return Delivery(
            self.output_format,
            self.output,
            force=self.force,
            why=self.why,
            plain=self.plain,
            cards=self.cards,
            pager=not self.no_pager,
        )


def run(terminal: Terminal, questionnaire_id: str, command: str, options: RunOptions) -> None:
    """Run ``questionnaire_id`` (typed as ``command``), deliver the result, or fail."""
    from triage.session import Edge, Result, Session, Stopped

    try:
        lang = language(options.lang)
    except TriageError as error:
        fail(error)

    @functools.cache
    def screen() -> Any:
        # Made when first needed: importing Rich need not delay the first question.
        console = terminal.console()
        if options.plain:  # a pipe has no colour anyway; --plain on a terminal asks for none
            console.no_color = True
        return console

    edge = Edge(
        make_asker=terminal.make_asker,
        has_terminal=terminal.has_terminal,
        stdin_is_terminal=lambda: sys.stdin.isatty(),
        catalog=lambda: catalog_in_use(options.questionnaires, options.only),
        screen=screen,
        say=say,
        line=stderr,
        dumb_terminal=lambda: os.environ.get("TERM") == "dumb",
    )
    session = Session(options.request(questionnaire_id, command, lang), edge)
    try:
        result = session.run()
    except Stopped:
        raise SystemExit(EXIT_INTERRUPTED) from None
    except TriageError as error:
        fail(error)
    delivery = options.delivery()

    def present(result: Result) -> None:
        now = terminal.now()
        deliver(result.decision, result.directory, lang, delivery, screen, now, result.typed)

    try:
        session.deliver(result, present)
    except TriageError as error:
        fail(error)


# --------------------------------------------------------------------------- the direct road

#: The built-in commands: any of them (but start) goes through Typer. A new command goes
#: into helptext.LISTED (tests/test_direct.py checks both against triage.cli's commands).
COMMANDS = frozenset({*LISTED, "run"})
#: Flags, each by its one spelling, and the RunOptions field it sets.
FLAGS = {
    "--no-input": "no_input",
    "--plain": "plain",
    "--only": "only",
    "--force": "force",
    "--why": "why",
    "--cards": "cards",
    "--no-pager": "no_pager",
}
#: Options that take a value, and the RunOptions field each sets.
VALUES = {
    "--answers": "answers_file",
    "--set": "set_values",
    "--format": "output_format",
    "--lang": "lang",
    "--questionnaires": "questionnaires",
    "--output": "output",
    "-o": "output",
}
#: Options that may be given more than once (each adds one value).
REPEATABLE = frozenset({"set_values", "questionnaires"})
#: Path options Typer checks for reading when the path exists.
READABLE = frozenset({"questionnaires", "output"})


@dataclasses.dataclass(frozen=True, slots=True)
class Plan:
    """A command line the direct road runs: which questionnaire, typed how, with what."""

    questionnaire_id: str
    command: str
    options: RunOptions


def plan(words: Sequence[str]) -> Plan | None:
    """Return the plan for a command line of the shape the direct road runs, else None."""
    if not words or (os.name == "nt" and any(set("*?[~$%") & set(word) for word in words)):
        return None  # the bare command (offers the guide), or Windows wildcards click expands
    if any(name.startswith("_TRIAGE_COMPLETE") for name in os.environ):
        return None  # shell completion
    command, *rest = words
    if command.startswith("-") or (command in COMMANDS and command != "start"):
        return None
    values: dict[str, Any] = {}
    index = 0
    while index < len(rest):
        word = rest[index]
        if word in FLAGS and FLAGS[word] not in values:
            values[FLAGS[word]] = True
            index += 1
            continue
        if word not in VALUES or index + 1 == len(rest):
            return None
        name, value = VALUES[word], rest[index + 1]
        converted = _convert(name, value)
        if converted is None or (name in values and name not in REPEATABLE):
            return None
        if name in REPEATABLE:
            values.setdefault(name, []).append(converted)
        else:
            values[name] = converted
        index += 2
    options = RunOptions(**values)
    if command == "start":
        from triage.core.routing import ROUTER_ID

        return Plan(ROUTER_ID, "start", options)
    return Plan(command, command, options) if _known(command, options) else None


def _convert(name: str, value: str) -> object | None:
    """Return the value as Typer would convert it, or None to leave the line to Typer."""
    if not value or value.startswith("-"):
        return None
    if name == "output_format":
        return Format(value) if value in Format.__members__.values() else None
    if name in ("set_values", "lang"):
        return value
    path = Path(value)
    # os.path.exists, as Typer's os.stat, takes any OSError (a name too long) for "missing".
    if name in READABLE and os.path.exists(path) and not os.access(path, os.R_OK):  # noqa: PTH110
        return None  # Typer says it is not readable
    return path


def _known(questionnaire_id: str, options: RunOptions) -> bool:
    """Tell whether the catalog in use has this questionnaire (an unknown one: Typer's road)."""
    try:
        catalog = catalog_in_use(options.questionnaires, options.only)
        return questionnaire_id in catalog.files() or questionnaire_id in catalog.aliases()
    except TriageError:
        return False


def main(words: Sequence[str], terminal: Terminal = TERMINAL) -> None:
    """Run the command line if it is one the direct road takes (and exit); else return."""
    UI_LANG[0] = ui_lang(words)
    ROOT_LANG[0] = None
    try:
        if list(words) in (["--help"], ["-h"]) and Path(sys.argv[0]).name == "triage":
            from triage.helptext import top_help

            print(top_help(UI_LANG[0]))
            sys.exit(EXIT_OK)
        planned = plan(words)
        if planned is None:
            return
        run(terminal, planned.questionnaire_id, planned.command, planned.options)
    except (KeyboardInterrupt, EOFError):
        say_interrupted()
        sys.exit(EXIT_INTERRUPTED)
    except OSError as error:
        if error.errno != errno.EPIPE:
            raise
        # The reader went away (… | head): exit 1 without a word, as the Typer road does.
        sys.stdout = open(os.devnull, "w")  # noqa: PTH123, SIM115 - for the exit's flush
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)
