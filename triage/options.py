"""The options several commands share, each declared once (Typer reads them from here).

``triage ID`` and ``triage start`` take the same options: ``RunOptions`` declares them, and
``with_run_options`` gives a command all of them as one ``options`` argument.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import inspect
import os
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from triage.direct import RunOptions as RunOptions
from triage.output import FOLDERS_ENV, LANG_ENV, Format

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
        help="rich (screen), markdown or text (journal note), json, fhir (FHIR R4 "
        "QuestionnaireResponse). Default rich, or from the --output file's suffix.",
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


#: RunOptions' fields (triage.direct) as Typer declares them, in the same order.
RUN_OPTIONS: dict[str, Any] = {
    "answers_file": AnswersFileOption,
    "set_values": SetValuesOption,
    "no_input": NoInputOption,
    "plain": PlainOption,
    "output_format": OutputFormatOption,
    "lang": LangOption,
    "questionnaires": FoldersOption,
    "only": OnlyOption,
    "output": OutputOption,
    "force": ForceOption,
    "why": WhyOption,
    "cards": CardsOption,
    "no_pager": NoPagerOption,
}


def with_run_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command`` RunOptions' fields as options; it receives them as one ``options``."""
    hints = typing.get_type_hints(command, include_extras=True)
    own = [
        parameter.replace(annotation=hints[parameter.name])
        for parameter in inspect.signature(command).parameters.values()
        if parameter.name != "options"
    ]
    fields = RUN_OPTIONS
    shared = [
        inspect.Parameter(
            field.name,
            inspect.Parameter.KEYWORD_ONLY,
            default=field.default,
            annotation=fields[field.name],
        )
        for field in dataclasses.fields(RunOptions)
    ]

    @functools.wraps(command)
    def with_options(*args: Any, **kwargs: Any) -> None:
        options = RunOptions(**{name: kwargs.pop(name) for name in fields if name in kwargs})
        command(*args, options=options, **kwargs)

    parameters = [*own, *shared]
    with_options.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_options


# --------------------------------------------------------------------------- formats


class ContactsFormat(enum.StrEnum):
    """Output formats of the contact listing: a listing's, or a sheet to print."""

    rich = "rich"
    json = "json"
    markdown = "markdown"


class ExplainFormat(enum.StrEnum):
    """Output formats of ``triage explain``."""

    rich = "rich"
    markdown = "markdown"
    mermaid = "mermaid"
    dot = "dot"
    html = "html"
    svg = "svg"


#: The format ``explain --output`` picks from the file's suffix when --format is not given.
EXPLAIN_SUFFIXES = {
    ".html": ExplainFormat.html,
    ".htm": ExplainFormat.html,
    ".svg": ExplainFormat.svg,
    ".mmd": ExplainFormat.mermaid,
    ".dot": ExplainFormat.dot,
    ".gv": ExplainFormat.dot,
}


class SchemaKind(enum.StrEnum):
    """The kinds of file with a JSON Schema."""

    questionnaire = "questionnaire"
    contacts = "contacts"
    cases = "cases"


class DriftFormat(enum.StrEnum):
    """Output formats of ``triage sources check``."""

    rich = "rich"
    json = "json"


class ExportFormat(enum.StrEnum):
    """Output formats of ``triage export``."""

    fhir = "fhir"
