"""The catalogue: shipped questionnaires plus added folders, later folders winning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CONTACTS, SMALL
from triage.catalog import Catalog
from triage.errors import UsageError
from triage.loader import shipped_dir


def test_default_catalog_is_the_shipped_folder() -> None:
    """Without added folders the catalogue lists the shipped questionnaires."""
    assert list(Catalog().files()) == [
        "chapter10",
        "placement",
        "pregnancy",
        "router",
        "services",
        "shalam",
    ]


def test_added_folder_adds_questionnaires_and_overrides_contacts(tmp_path: Path) -> None:
    """A later folder adds its questionnaires and its contacts override by id."""
    (tmp_path / "small.yaml").write_text(SMALL, encoding="utf-8")
    (tmp_path / "contacts.yaml").write_text(
        CONTACTS.replace("Testteamet", "Rusteamet (lokal)").replace("id: team", "id: team"),
        encoding="utf-8",
    )
    catalog = Catalog((shipped_dir(), tmp_path))
    assert list(catalog.files()) == [
        "chapter10",
        "placement",
        "pregnancy",
        "router",
        "services",
        "shalam",
        "small",
    ]
    directory = catalog.directory()
    assert directory.contacts["team"].name == "Rusteamet (lokal)"
    assert "vidar_gundersen" in directory.contacts
    assert catalog.load("small", directory).id == "small"


def test_unknown_id_lists_what_exists() -> None:
    """Asking for a missing id is a usage error that lists the known ids."""
    with pytest.raises(
        UsageError, match=r"available: chapter10, placement, pregnancy, router, services, shalam"
    ):
        Catalog().path("nosuch")


def test_python_dash_m_runs_the_command_line() -> None:
    """'python -m triage list' works as well as the 'triage' command."""
    result = subprocess.run(
        [sys.executable, "-m", "triage", "list"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "shalam" in result.stdout
