"""The source-drift report: readable without colour, inert against hostile text, and JSON."""

from __future__ import annotations

import io

from rich.console import Console

from triage.check.sources import Change, PageCheck, Piece, QuoteCheck, Status, Vanished
from triage.core.model import Directory, Quote
from triage.render.drift import FORMAT, diff_text, drift_json, render_drift, resting_line

HOSTILE = "Ha et \x1b[31mønske\x1b]8;;http://evil\x07 om [b]endringer[/b]."


def _changed() -> QuoteCheck:
    return QuoteCheck(
        "shalam",
        "/x/questionnaires/shalam.yaml",
        Quote("wish", "page", HOSTILE, 12),
        Status.CHANGED,
        0.9,
        (Piece(Change.SAME, "Ha et"), Piece(Change.ADDED, "sterkt"), Piece(Change.SAME, HOSTILE)),
        questions=("wants_change",),
        outcomes=("eligible",),
    )


def _shown(result: PageCheck, lang: str = "nb") -> str:
    console = Console(width=100, color_system=None, file=io.StringIO())
    console.print(render_drift(result, Directory(), lang))
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_a_word_diff_reads_without_colour() -> None:
    """Added and removed words carry [-…-] and {+…+} marks, as git's word diff does."""
    check = QuoteCheck(
        "q",
        "q.yaml",
        Quote("x", "page", "a b c"),
        Status.CHANGED,
        0.8,
        (Piece(Change.SAME, "a"), Piece(Change.REMOVED, "b"), Piece(Change.ADDED, "B")),
    )
    assert diff_text(check) == "a [-b-] {+B+}"


def test_what_rests_on_a_quote_names_each_kind_or_nothing() -> None:
    """Only kinds with dependants are named; a quote nothing rests on says so."""
    assert resting_line(_changed(), "en") == "questions wants_change; outcomes eligible"
    bare = QuoteCheck("q", "q.yaml", Quote("x", "page", "t"), Status.MISSING, 0.1)
    assert resting_line(bare, "nb") == "ingenting"


def test_hostile_page_text_is_shown_inert_with_its_file_and_line() -> None:
    """Escape sequences and Rich markup from a page or a quote show as text, never act."""
    result = PageCheck("page", (_changed(),), new_emails=("x\x1b[2J@evil.no",))
    shown = _shown(result)
    assert "\x1b" not in shown
    assert "[b]endringer[/b]" in shown
    assert "Endret på siden: sitat «wish» i shalam.yaml:12 (90 % likt)" in shown
    assert "Ha et {+sterkt+} Ha et" in shown


def test_vanished_contacts_and_the_verdict_are_listed() -> None:
    """A contact whose number is gone is named with its id; a clean page says it is clean."""
    gone = PageCheck("page", (), vanished=(Vanished("nav", "phone", "46960239"),))
    assert "nav (nav): telefon 469 60 239" in _shown(gone)
    clean = PageCheck("page", ())
    assert "No changes: all 0 quotes are on the page" in _shown(clean, "en")
    assert clean.changed is False


def test_json_holds_every_finding() -> None:
    """The JSON document names its format, each quote's place and diff, and the details."""
    result = PageCheck(
        "page",
        (_changed(),),
        new_phones=("918 00 470",),
        vanished=(Vanished("nav", "email", "a@b.no"),),
    )
    document = drift_json(result)
    assert document["format"] == FORMAT == "triage-sources/1"
    assert document["changed"] is True
    quotes = document["quotes"]
    assert isinstance(quotes, list)
    (quote,) = quotes
    assert (quote["where"], quote["status"], quote["similarity"]) == (
        "shalam.yaml:12",
        "changed",
        0.9,
    )
    assert quote["diff"][1] == {"change": "added", "text": "sterkt"}
    assert document["new_phones"] == ["918 00 470"]
    assert document["vanished"] == [{"contact": "nav", "field": "email", "value": "a@b.no"}]
