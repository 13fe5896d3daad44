"""The `triage list` table as a renderable: built, never printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.table import Table

from tests.conftest import CONTACTS, SMALL
from triage.core.errors import TriageError
from triage.load.catalog import Catalog
from triage.render.listing import render_listing


def _cells(table: Table, column: int) -> list[str]:
    return [str(cell) for cell in table.columns[column].cells]


def test_the_listing_has_a_row_per_questionnaire_and_a_broken_file_as_a_row(
    tmp_path: Path,
) -> None:
    """One row per questionnaire in the folder; a file that does not load is a row naming it."""
    (tmp_path / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("id: [\n", encoding="utf-8")
    table = render_listing(Catalog.with_folders([tmp_path], only=True), "en")
    assert [str(column.header) for column in table.columns][:2] == ["id", "aliases"]
    assert _cells(table, 0) == ["bad", "small"]
    assert _cells(table, 2)[1] == "Small test"
    assert str(tmp_path / "bad.yaml") in _cells(table, 2)[0]
    assert _cells(table, 3) == ["–", "3"]  # SMALL asks three questions


def test_a_listing_without_a_contact_directory_raises(tmp_path: Path) -> None:
    """A folder whose contacts cannot be read is an error to report, not an empty table."""
    (tmp_path / "contacts.yaml").write_text("contacts: [\n", encoding="utf-8")
    with pytest.raises(TriageError):
        render_listing(Catalog.with_folders([tmp_path], only=True), "nb")
