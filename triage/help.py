"""The command line's own words: help texts, usage errors and routing, in the user's language.

The Typer group here routes ``triage ID ...`` to the hidden ``run`` command, looks help texts
up in the user's language only when help is shown (so start-up pays nothing), and turns a
usage error into one line in that language. ``cli.py`` declares the commands on top of it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

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
from triage.core.errors import TriageError
from triage.direct import EXIT_FINDINGS as EXIT_FINDINGS
from triage.direct import EXIT_INTERRUPTED as EXIT_INTERRUPTED
from triage.direct import EXIT_OK as EXIT_OK
from triage.direct import EXIT_USAGE as EXIT_USAGE
from triage.direct import ROOT_LANG as ROOT_LANG
from triage.direct import UI_LANG as UI_LANG
from triage.direct import ui_lang as _ui_lang
from triage.output import catalog_in_use, say_interrupted, stderr

#: The context of the command being parsed, for usage errors raised without one.
_LAST_CONTEXT: list[Any] = [None]


class Group(TyperGroup):
    """Route ``triage ID ...`` to the hidden ``run`` command when ID is no built-in.

    It also speaks the user's language: help texts are looked up when help is shown (so
    start-up pays nothing), and a usage error is one line in that language.
    """

    def main(self, args: Any = None, *pos: Any, **extra: Any) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        UI_LANG[0] = _ui_lang(words)
        ROOT_LANG[0] = _LAST_CONTEXT[0] = None
        if not extra.get("standalone_mode", True) or pos:
            return super().main(words, *pos, **extra)  # the caller handles what goes wrong
        try:
            code = super().main(words, standalone_mode=False, **extra)
        except typer.Abort:  # end of input outside an interview: as Ctrl-C, exit 130
            stderr("\n" + t_("interrupted"))
            sys.exit(EXIT_INTERRUPTED)
        except ClickUsageError as error:
            if isinstance(error, NoArgsIsHelp):
                error.show()  # the help, as with --help, but exit 2 as click does
                sys.exit(error.exit_code)
            stderr(usage_line(error))
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
            say_interrupted()
            raise typer.Exit(EXIT_INTERRUPTED) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            say_interrupted()
            raise typer.Exit(EXIT_INTERRUPTED) from None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _localize_group(self, ctx)
        super().format_help(ctx, formatter)


class SubGroup(TyperGroup):
    """Commands under a word (``triage sources check``), with help in the user's language."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            command.context_class = _Context
            own = command.context_class(command, parent=ctx, info_name=name)
            lighten(command.get_params(own))
            _localize(command, own)
            _LAST_CONTEXT[0] = own
        return name, command, rest

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from triage.render.i18n import MESSAGES

        self.subcommand_metavar = t_("usage_subcommand")
        for name, command in self.commands.items():
            if f"cmd_{name}_short" in MESSAGES:
                command.short_help = t_(f"cmd_{name}_short")
        super().format_help(ctx, formatter)


def t_(key: str, **values: object) -> str:
    """Return the tool's text for ``key`` in the command line's language."""
    from triage.render.i18n import t

    return t(key, UI_LANG[0], **values)


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
            term = re.sub(r" <(str|path|list\[\w+\])>$", "", term)  # Typer's type names
            for mark, said in marks.items():
                text = text.replace(mark, said)
            fixed.append((term, text))
        super().write_dl(fixed, *args, **kwargs)


class _Context(typer.Context):
    formatter_class = _Formatter


Group.context_class = _Context


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
    from triage.helptext import questionnaires_epilog

    return questionnaires_epilog(UI_LANG[0])


def help_text(ctx: Any, name: str | None) -> str:
    """Return the help, or the help of command ``name`` (run from ``ctx``, ``triage help``).

    Raises TriageError when ``name`` is neither a command nor a questionnaire.
    """
    parent = ctx.parent
    assert parent is not None
    group: Any = parent.command
    if name is None:
        return str(group.get_help(parent))
    if name not in group.commands:
        catalog_in_use(None).path(name)  # a questionnaire: its help is that of running it
    typed, command, _ = group.resolve_command(parent, [name])
    return str(command.get_help(command.context_class(command, parent=parent, info_name=typed)))


def usage_line(error: Any) -> str:
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
                names = ", ".join(catalog_in_use(None).files())
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
    elif no_command := re.fullmatch(r"No such command '(.*)'\.", message, re.DOTALL):
        message = t_("usage_no_such_command", name=no_command[1])
    elif message.startswith("Got unexpected extra argument"):
        message = t_("usage_extra", words=message.rpartition("(")[2].rstrip(")"))
    from triage.core.errors import escape_controls

    return escape_controls(f"triage: {message} ({t_('usage_try', command=command)})")
