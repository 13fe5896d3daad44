"""Where the command line's output goes: stderr lines, the screen (through the pager), files.

Also the few things the command line reads from the world: the clock, whether a person sits
at a terminal, the folders in $TRIAGE_QUESTIONNAIRES. ``Terminal`` gathers the parts a test
replaces (how to ask, the clock, the keys); the command line takes it from click's ``obj``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from triage.core.errors import TriageError

if TYPE_CHECKING:
    from triage.core.engine import Decision
    from triage.core.interview import Asker
    from triage.core.model import Directory
    from triage.load.catalog import Catalog

LANG_ENV = "TRIAGE_LANG"
FOLDERS_ENV = "TRIAGE_QUESTIONNAIRES"


@dataclass(frozen=True, slots=True)
class Terminal:
    """The person's side of a run: how to ask, whether anybody is there, the clock, the keys.

    The command line uses the real one; a test passes its own as click's ``obj``.
    """

    #: Return an asker; True asks for the plain one (no terminal, --plain, TERM=dumb).
    make_asker: Callable[[bool], Asker]
    #: Whether a person can answer here (standard input and output are terminals).
    has_terminal: Callable[[], bool]
    #: Return the time in Norway.
    now: Callable[[], dt.datetime]
    #: Return the screen's console.
    console: Callable[[], Any]
    #: Wait for one key and return it (the demo's pauses).
    getchar: Callable[[], str]
    #: Ask whether to start the guide (bare ``triage``); True if the person wants it.
    offer_start: Callable[[str], bool]


def _asker(plain: bool) -> Asker:
    from triage.prompts import make_asker

    return make_asker(plain)


def _offer_start(language: str) -> bool:
    from triage.prompts import offer_start

    return offer_start(language)


def _getchar() -> str:
    import typer

    return typer.getchar()


def stderr(message: str) -> None:
    """Print one line to stderr as it is."""
    print(message, file=sys.stderr)


def say(message: str) -> None:
    """Print a message to stderr, wrapped at words to the terminal's width."""
    import shutil
    import textwrap

    from triage.screen import screen_width

    width = screen_width(shutil.get_terminal_size((80, 24)).columns)
    stderr(textwrap.fill(message, width) if len(message) > width else message)


def say_interrupted() -> None:
    """Say that the run was interrupted, in the language of $TRIAGE_LANG."""
    from triage.render.i18n import t

    stderr("\n" + t("interrupted", os.environ.get(LANG_ENV) or "nb"))


def catalog_in_use(folders: list[Path] | None, only: bool = False) -> Catalog:
    """Return the shipped folder plus ${TRIAGE_QUESTIONNAIRES} and --questionnaires folders."""
    from triage.load.catalog import Catalog

    from_env = [Path(p) for p in os.environ.get(FOLDERS_ENV, "").split(os.pathsep) if p]
    return Catalog.with_folders([*from_env, *(folders or [])], only=only)


def has_terminal() -> bool:
    """Return whether standard input and output are both terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def make_console(*, table: bool = False) -> Any:
    """Return the screen's console, 40 to 160 columns wide (a ``table`` may use more)."""
    from rich.console import Console

    from triage.screen import MAX_WIDTH, screen_width

    console = Console(highlight=False)
    # $COLUMNS=0 or 100000 stays readable (issue 12 C3); a table takes only what it needs.
    console.width = screen_width(console.width, None if table else MAX_WIDTH)
    return console


def show(console: Any, renderable: Any, lang: str, *, pager: bool = True) -> None:
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


def now() -> dt.datetime:
    """Return the time in Norway: the one place the real clock is read."""
    from triage.core.hours import oslo

    return dt.datetime.now(oslo())


class Format(enum.StrEnum):
    """Output formats of a report."""

    rich = "rich"
    markdown = "markdown"
    text = "text"
    json = "json"
    fhir = "fhir"


#: The format --output picks from the file's suffix when --format is not given.
SUFFIX_FORMATS = {".md": Format.markdown, ".markdown": Format.markdown, ".json": Format.json}


def render_text(
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
    if chosen is Format.fhir:
        from triage.render.fhir import to_response

        response = to_response(decision.questionnaire, decision.answers, authored=now, lang=lang)
        return json.dumps(response, ensure_ascii=False, indent=2) + "\n"
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


@dataclass(frozen=True, slots=True)
class Delivery:
    """How the person asked to get the result: format, file, and how to show it."""

    output_format: Format | None = None
    output: Path | None = None
    force: bool = False
    why: bool = False
    plain: bool = False
    cards: bool = False
    pager: bool = True


def deliver(
    decision: Decision,
    directory: Directory,
    language: str,
    delivery: Delivery,
    screen: Callable[[], Any],
    now: dt.datetime,
    typed: bool = False,
) -> None:
    """Print the report, and write it to ``output`` if asked (after showing it).

    If the note cannot be written after an interview (``typed``), it is printed instead.
    """
    from triage.render.i18n import t

    why, output = delivery.why, delivery.output

    def show_report() -> None:
        # --plain (screen readers) and TERM=dumb get the journal text: no boxes, no columns.
        if delivery.plain or os.environ.get("TERM") == "dumb":
            sys.stdout.write(render_text(Format.text, decision, directory, language, now, why))
            return
        from triage.render.rich import render_rich

        report = render_rich(decision, directory, language, now=now, why=why, cards=delivery.cards)
        show(screen(), report, language, pager=delivery.pager)

    if output is None:
        chosen = delivery.output_format or Format.rich
        if chosen is Format.rich:
            show_report()
        else:
            sys.stdout.write(render_text(chosen, decision, directory, language, now, why))
        return
    from triage.files import write_private

    # The screen shows the report first, so a failed write loses nothing.
    show_report()
    chosen = delivery.output_format or SUFFIX_FORMATS.get(output.suffix.lower(), Format.text)
    note = render_text(chosen, decision, directory, language, now, why)
    try:
        write_private(output, note, overwrite=delivery.force)
    except TriageError:
        # E.g. the file appeared during the interview: the note is printed, not lost.
        if typed and chosen is not Format.rich:
            say(t("note_not_written", language))
            sys.stdout.write(note)
            sys.stdout.flush()  # before the answers and the error line on stderr
        raise
    from triage.files import modes_protect

    stderr(t("written" if modes_protect() else "written_folder_access", language, path=output))


def write_file(output: Path, text: str, language: str, *, force: bool = False) -> None:
    """Write ``text`` to ``output`` privately and atomically, and say where it went."""
    from triage.files import modes_protect, write_private
    from triage.render.i18n import t

    write_private(output, text, overwrite=force)
    stderr(t("written" if modes_protect() else "written_folder_access", language, path=output))


#: The real terminal; a test passes its own as click's ``obj`` (CliRunner.invoke(obj=...)).
TERMINAL = Terminal(
    make_asker=_asker,
    has_terminal=has_terminal,
    now=now,
    console=make_console,
    getchar=_getchar,
    offer_start=_offer_start,
)
