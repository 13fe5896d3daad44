"""Norwegian names for the questionnaires: declared in the YAML, checked, and run by any command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CONTACTS, SMALL
from triage.cli import app
from triage.core.errors import QuestionnaireError, UsageError
from triage.load.catalog import Catalog
from triage.load.questionnaire import load_questionnaire

runner = CliRunner()

SHIPPED = {
    "gravid": "pregnancy",
    "tvang": "chapter10",
    "tjenester": "services",
    "plass": "placement",
}


def test_shipped_questionnaires_have_their_norwegian_names() -> None:
    """Each shipped alias leads to its questionnaire, and the loader keeps the list."""
    catalog = Catalog()
    assert catalog.aliases() == SHIPPED
    for alias, ident in SHIPPED.items():
        assert catalog.resolve(alias) == ident
        assert catalog.load(alias).aliases == (alias,)


@pytest.mark.parametrize(("alias", "ident"), sorted(SHIPPED.items()))
def test_every_command_taking_an_id_takes_the_alias(alias: str, ident: str) -> None:
    """run, explain and demo accept the alias as they accept the id."""
    ran = runner.invoke(app, [alias, "--no-input", "--format", "json", "--set", "x=1"])
    assert "finner ikke skjemaet" not in ran.output
    explained = runner.invoke(app, ["explain", alias, "--format", "mermaid"])
    assert explained.exit_code == 0, explained.output
    assert explained.output == runner.invoke(app, ["explain", ident, "--format", "mermaid"]).output
    played = runner.invoke(app, ["demo", alias, "--list"])
    assert played.exit_code == 0, played.output
    assert played.output.startswith("  1) ")


def test_run_by_alias_gives_the_questionnaires_result(tmp_path: Path) -> None:
    """'triage gravid' with answers decides the pregnancy questionnaire."""
    answers = tmp_path / "a.yaml"
    answers.write_text("pregnant: false\nsubstance_use_concern: false\n", encoding="utf-8")
    result = runner.invoke(
        app, ["gravid", "--answers", str(answers), "--no-input", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["questionnaire"]["id"] == "pregnancy"


def test_list_shows_the_aliases() -> None:
    """'triage list' has a column with each questionnaire's other names."""
    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    line = next(x for x in result.output.splitlines() if "pregnancy" in x)
    assert [cell.strip() for cell in line.strip("│ ").split("│")][:2] == ["pregnancy", "gravid"]


def _small(aliases: str) -> str:
    return SMALL.replace("id: small\n", f"id: small\naliases: {aliases}\n")


AT = "q.yaml:2:11: error: "


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        pytest.param("[list]", AT + "alias 'list' is a built-in command", id="command"),
        pytest.param("[run]", AT + "alias 'run' is a built-in command", id="run"),
        pytest.param("[small]", AT + "alias 'small' is the questionnaire's own id", id="own"),
        pytest.param(
            "[other]", AT + "alias 'other' is the id of another questionnaire", id="other-id"
        ),
        pytest.param(
            "[liten, liten]",
            "q.yaml:2:18: error: duplicate alias id 'liten' (first at line 2)",
            id="twice",
        ),
        pytest.param(
            "[Liten]",
            AT + "an alias must be lowercase letters, digits and _ (got 'Liten')",
            id="not-an-id",
        ),
        pytest.param(
            "liten", "q.yaml:2:10: error: 'aliases' must be a list of names", id="not-a-list"
        ),
    ],
)
def test_bad_aliases_are_located_errors(tmp_path: Path, aliases: str, message: str) -> None:
    """The loader refuses an alias that is a command, an id, repeated or not a name."""
    path = tmp_path / "q.yaml"
    path.write_text(_small(aliases), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(path, None, "q.yaml", known={"small", "other"})
    assert raised.value.problems[0].format() == message


def test_two_questionnaires_claiming_one_alias_is_an_error(tmp_path: Path) -> None:
    """An alias two files claim is refused, naming both files, instead of picking one."""
    (tmp_path / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    (tmp_path / "small.yaml").write_text(_small("[liten]"), encoding="utf-8")
    other = _small("[liten]").replace("id: small", "id: other")
    (tmp_path / "other.yaml").write_text(other, encoding="utf-8")
    catalog = Catalog.with_folders([tmp_path], only=True)
    with pytest.raises(UsageError, match="'liten' is an alias of both 'other' and 'small'"):
        catalog.resolve("liten")
    assert catalog.resolve("small") == "small"  # an id needs no alias lookup


def test_an_unknown_name_lists_ids_and_aliases() -> None:
    """A name that is neither id nor alias is one line listing both, in the user's language."""
    result = runner.invoke(app, ["gravd"])
    assert result.exit_code == 2
    assert result.output.startswith("triage: finner ikke skjemaet «gravd» (skjemaene er: ")
    assert "gravid, tjenester; se «triage list»)" in result.output
