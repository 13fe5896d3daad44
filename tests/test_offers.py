"""The askers' yes/no offer and file-name question (save at the end, re-ask «Vet ikke»)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from triage.prompts import PlainAsker, QuestionaryAsker

OFFER = "Lagre svarene i en fil?"


@pytest.fixture
def keys() -> Iterator[Callable[[str], QuestionaryAsker]]:
    """Return a factory: a questionary asker that will read the given keys."""
    with create_pipe_input() as pipe:

        def asker(typed: str) -> QuestionaryAsker:
            pipe.send_text(typed)
            console = Console(file=io.StringIO(), width=80)
            return QuestionaryAsker(console, input=pipe, output=DummyOutput())

        yield asker


def plain(typed: str) -> tuple[PlainAsker, io.StringIO]:
    """Return a plain asker reading ``typed``, and what it writes."""
    out = io.StringIO()
    return PlainAsker(io.StringIO(typed), out), out


@pytest.mark.parametrize(("typed", "expected"), [("j\r", True), ("n\r", False)])
def test_offer_takes_the_key_pressed(
    keys: Callable[[str], QuestionaryAsker], typed: str, expected: bool
) -> None:
    """j accepts the offer and n declines it."""
    assert keys(typed).offer(OFFER, "nb") is expected


def test_file_name_suggests_a_free_name(
    keys: Callable[[str], QuestionaryAsker], tmp_path: Path
) -> None:
    """Enter takes the suggested name; an existing file is refused until another is typed."""
    suggested = tmp_path / "triage-shalam-svar.yaml"
    assert keys("\r").file_name(suggested, "nb") == suggested
    suggested.write_text("keep: me\n", encoding="utf-8")
    chosen = keys("\r" + "\x7f" * 5 + "2.yaml\r").file_name(suggested, "nb")
    assert chosen == tmp_path / "triage-shalam-svar2.yaml"


def test_plain_offer_needs_an_answer() -> None:
    """In plain mode an empty line is no answer: the offer is put again; n declines."""
    asker, out = plain("\nn\n")
    assert asker.offer(OFFER, "nb") is False
    assert out.getvalue().count(OFFER) == 2
    assert "Svar med j/n." in out.getvalue()
    assert plain("j\n")[0].offer(OFFER, "nb") is True


def test_plain_file_name_takes_the_suggestion_or_a_free_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter takes the suggested name; a taken one is refused with a reason."""
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text("", encoding="utf-8")
    assert plain("\n")[0].file_name(Path("b.yaml"), "nb") == Path("b.yaml")
    asker, out = plain("a.yaml\nc.yaml\n")
    assert asker.file_name(Path("a.yaml"), "nb") == Path("c.yaml")
    assert "a.yaml finnes allerede" in out.getvalue()
