"""The ``triage list`` table: each questionnaire in use, its names, size and where it comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from triage.core.errors import TriageError
from triage.load.questionnaire import load_questionnaire
from triage.render.i18n import t
from triage.render.words import inert

if TYPE_CHECKING:
    from triage.load.catalog import Catalog


def _cell(text: str) -> Text:
    # Titles and folder names are data: never Rich markup, never escape sequences.
    return Text(inert(text))


def render_listing(catalog: Catalog, language: str) -> Table:
    """Return the questionnaires as a table; one that does not load is a row saying so.

    Raises TriageError when the contact directory cannot be read.
    """
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
            table.add_row(_cell(entry.id), "", _cell(broken), "–", _cell(where))
            continue
        table.add_row(
            _cell(questionnaire.id),
            _cell(", ".join(questionnaire.aliases)),
            _cell(questionnaire.title.get(language)),
            str(len(questionnaire.questions)),
            _cell(where),
        )
    return table
