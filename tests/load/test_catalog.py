"""The catalogue: shipped questionnaires plus added folders, later folders winning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import CONTACTS, SMALL
from triage.core.errors import UsageError
from triage.load.catalog import Catalog, questionnaire_files, shipped_dir


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


# --------------------------------------------------------------------------- own folders


def _list(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    from typer.testing import CliRunner

    from triage.cli import app

    result = CliRunner().invoke(app, ["list", *args], env={"COLUMNS": "400", **(env or {})})
    return result.exit_code, result.output


def _rows(output: str) -> dict[str, list[str]]:
    """Return the table's rows by id: the cells of each line that starts with an id,
    without the aliases column."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if len(cells) == 5 and cells[0] and cells[0] != "id":
            rows[cells[0]] = [cells[0], *cells[2:]]
    return rows


@pytest.fixture
def own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A municipality's folder with the small questionnaire and contacts."""
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "small.yaml").write_text(SMALL, encoding="utf-8")
    (folder / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    return folder


def test_list_shows_where_each_questionnaire_comes_from(own: Path) -> None:
    """'triage list --questionnaires DIR' adds the folder's ones, each row naming its file."""
    code, output = _list("--questionnaires", str(own))
    assert code == 0
    rows = _rows(output)
    shipped = [p.stem for p in questionnaire_files(shipped_dir())]
    assert list(rows) == sorted([*shipped, "small"])
    assert {rows[ident][3] for ident in shipped} == {"innebygd"}
    assert rows["small"][1:] == ["Liten test", "3", str(own / "small.yaml")]


def test_later_folder_replaces_a_shipped_questionnaire_and_says_so(own: Path) -> None:
    """A folder's file with a shipped id replaces it; list names the file it replaces."""
    shalam = (shipped_dir() / "shalam.yaml").read_text(encoding="utf-8")
    (own / "shalam.yaml").write_text(
        shalam.replace("title:\n  nb: Ut av det", "title:\n  nb: Lokal")
    )
    (own / "contacts.yaml").unlink()
    code, output = _list("--questionnaires", str(own))
    assert code == 0
    row = _rows(output)["shalam"]
    assert row[1].startswith("Lokal")
    assert row[3] == f"{own / 'shalam.yaml'} (erstatter {shipped_dir() / 'shalam.yaml'})"


def test_environment_variable_adds_folders_in_order(own: Path, tmp_path: Path) -> None:
    """TRIAGE_QUESTIONNAIRES holds folders separated by os.pathsep; the --questionnaires
    folders come after them, and the last one wins."""
    second = tmp_path / "second"
    second.mkdir()
    (second / "small.yaml").write_text(SMALL.replace("Liten test", "Andre"), encoding="utf-8")
    env = {"TRIAGE_QUESTIONNAIRES": os.pathsep.join([str(second), str(own)])}
    assert _rows(_list(env=env)[1])["small"][1] == "Liten test"
    assert _rows(_list("--questionnaires", str(second), env=env)[1])["small"][1] == "Andre"


def test_only_leaves_out_the_shipped_folder(own: Path) -> None:
    """--only uses the added folders alone, questionnaires and contacts alike."""
    code, output = _list("--questionnaires", str(own), "--only")
    assert code == 0
    assert list(_rows(output)) == ["small"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--only"], "--only trenger en mappe: legg til --questionnaires", id="only"),
        pytest.param(
            ["--questionnaires", "/nonexistent/folder"],
            "skjemamappen /nonexistent/folder finnes ikke",
            id="missing",
        ),
        pytest.param(
            ["--lang", "en", "--questionnaires", "/nonexistent/folder"],
            "questionnaire folder /nonexistent/folder: no such folder",
            id="missing-en",
        ),
    ],
)
def test_bad_folder_options_are_usage_errors(
    args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing folder, or --only without one, exits 2 with one line."""
    monkeypatch.delenv("TRIAGE_QUESTIONNAIRES", raising=False)
    code, output = _list(*args)
    assert code == 2
    assert message in output


def test_broken_file_in_a_folder_does_not_stop_list(own: Path) -> None:
    """A broken questionnaire in an added folder is listed with how to find the mistake."""
    (own / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    code, output = _list("--questionnaires", str(own))
    assert code == 0
    row = _rows(output)["broken"]
    assert row[1] == f"feil i filen – kjør: triage validate {own / 'broken.yaml'}"


def test_run_uses_added_folder_and_its_contacts(own: Path, tmp_path: Path) -> None:
    """'triage ID --questionnaires DIR' runs the folder's questionnaire with its contacts."""
    from typer.testing import CliRunner

    from triage.cli import app

    answers = tmp_path / "a.yaml"
    answers.write_text("age: 40\nresident: true\nwants: true\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "small",
            "--questionnaires",
            str(own),
            "--answers",
            str(answers),
            "--no-input",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["outcome"]["id"] == "eligible"
    assert [c["name"] for c in document["contacts"]] == ["Testteamet", "Navn Navnesen"]


def test_contacts_command_shows_a_folders_override(own: Path) -> None:
    """'triage contacts --questionnaires DIR' lists the folder's contacts over shipped ones."""
    from typer.testing import CliRunner

    from triage.cli import app

    (own / "contacts.yaml").write_text(
        CONTACTS.replace("  - id: nav", "  - id: per_willy_ormestad"), encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["contacts", "--questionnaires", str(own), "--format", "json", "Navnesen"]
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["contacts"]
    assert [(c["id"], c["name"]) for c in found] == [("per_willy_ormestad", "Navn Navnesen")]
