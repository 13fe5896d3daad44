"""Source drift: quotes and contact details compared with a fresh copy of their page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from triage.check.sources import (
    Change,
    PageCheck,
    Piece,
    Status,
    Vanished,
    check_page,
    details,
    normalise,
    which_page,
)
from triage.core.errors import UsageError
from triage.core.model import Contact, Directory, Questionnaire, Source, Text
from triage.load.catalog import Catalog

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
#: Copies of the two source pages (as the seeds hold them), by the id contacts.yaml gives them.
SOGNE = (PAGES / "000_496f715bcf27d101.txt").read_text(encoding="utf-8")
KRISTIANSAND = (PAGES / "001_b7757e800ee6dc79.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shipped() -> tuple[list[Questionnaire], Directory]:
    """The shipped questionnaires and contact directory."""
    catalog = Catalog()
    directory = catalog.directory()
    return [catalog.load(ident, directory) for ident in catalog.files()], directory


def _check(text: str, shipped: tuple[list[Questionnaire], Directory]) -> PageCheck:
    questionnaires, directory = shipped
    return check_page(text, "kristiansand_rusteamet", questionnaires, directory)


def _edit(old: str, new: str) -> str:
    assert KRISTIANSAND.count(old) == 1, old
    return KRISTIANSAND.replace(old, new)


def _quote(result: PageCheck, questionnaire: str, quote_id: str):  # type: ignore[no-untyped-def]
    return next(
        q for q in result.quotes if (q.questionnaire, q.quote.id) == (questionnaire, quote_id)
    )


@pytest.mark.parametrize(
    ("text", "page"),
    [
        pytest.param(SOGNE, "sogne_rusomsorg", id="sogne"),
        pytest.param(KRISTIANSAND, "kristiansand_rusteamet", id="kristiansand"),
    ],
)
def test_the_source_pages_as_they_are_hold_every_quote_and_contact(
    text: str, page: str, shipped: tuple[list[Questionnaire], Directory]
) -> None:
    """Each shipped page is told by its content and is clean: nothing changed, nothing new."""
    questionnaires, directory = shipped
    assert which_page(text, directory, questionnaires) == page
    result = check_page(text, page, questionnaires, directory)
    assert result.quotes
    assert [q.quote.id for q in result.quotes if q.status is not Status.FOUND] == []
    assert (result.new_phones, result.new_emails, result.vanished) == ((), (), ())
    assert result.changed is False


def test_a_changed_word_is_a_changed_quote_with_a_word_diff_and_what_rests_on_it(
    shipped: tuple[list[Questionnaire], Directory],
) -> None:
    """One word more on the page: the quote is changed, diffed by word, with its dependants."""
    page = _edit("Ha et ønske om endringer i livet.", "Ha et sterkt ønske om endringer i livet.")
    result = _check(page, shipped)
    check = _quote(result, "shalam", "wish_for_change")
    assert check.status is Status.CHANGED
    assert check.diff == (
        Piece(Change.SAME, "Ha et"),
        Piece(Change.ADDED, "sterkt"),
        Piece(Change.SAME, "ønske om endringer i livet."),
    )
    assert check.similarity == pytest.approx(14 / 15)
    assert check.questions == ("wants_change",)
    assert check.criteria == ("wants",)
    assert check.outcomes == ("not_eligible", "eligible")
    assert check.contacts == (
        "per_willy_ormestad",
        "rusteamet_kristiansand",
        "vidar_gundersen",
        "svenn_langseth",
    )
    assert check.quote.line > 0
    assert result.count(Status.CHANGED) == 1
    assert result.changed is True


def test_a_replaced_word_shows_what_the_quote_says_and_what_the_page_says(
    shipped: tuple[list[Questionnaire], Directory],
) -> None:
    """A word swapped on the page shows as removed (the quote's) and added (the page's)."""
    page = _edit("komme inn i en ukes døgntilbud", "komme inn i en to ukers døgntilbud")
    check = _quote(_check(page, shipped), "shalam", "offer")
    assert check.status is Status.CHANGED
    assert Piece(Change.REMOVED, "ukes") in check.diff
    assert Piece(Change.ADDED, "to ukers") in check.diff
    assert check.diff[0] == Piece(Change.SAME, "En mulighet for å komme inn i en")


def test_a_removed_sentence_is_a_missing_quote(
    shipped: tuple[list[Questionnaire], Directory],
) -> None:
    """A quoted sentence gone from the page is missing, with no diff, still naming dependants."""
    page = _edit("Ha utfordringer knyttet til eget forbruk av rusmidler.\n", "")
    result = _check(page, shipped)
    check = _quote(result, "shalam", "use_challenges")
    assert check.status is Status.MISSING
    assert check.diff == ()
    assert check.similarity < 0.6
    assert check.criteria == ("own_use",)
    assert [(q.quote.id, q.status) for q in result.quotes if q.status is not Status.FOUND] == [
        ("use_challenges", Status.MISSING)
    ]


def test_a_changed_phone_number_is_new_on_the_page_and_gone_from_its_contact(
    shipped: tuple[list[Questionnaire], Directory],
) -> None:
    """A number changed on the page: the new one is listed, and the contact that had the old."""
    page = _edit("Shalam: 91800469", "Shalam: 918 00 470")
    result = _check(page, shipped)
    assert result.new_phones == ("918 00 470",)
    assert result.vanished == (Vanished("vidar_gundersen", "phone", "91800469"),)
    assert result.changed is True


def test_a_changed_email_address_is_new_and_gone(
    shipped: tuple[list[Questionnaire], Directory],
) -> None:
    """An address changed on the page is listed as new, and its contact's as gone."""
    result = _check(_edit("vidar@shalam.no", "vidar@shalam.com"), shipped)
    assert result.new_emails == ("vidar@shalam.com",)
    assert result.vanished == (Vanished("vidar_gundersen", "email", "vidar@shalam.no"),)


def test_typography_case_and_spacing_do_not_count_as_change(
    shipped: tuple[list[Questionnaire], Directory],
) -> None:
    """Other quotation marks, dashes, no-break spaces, soft hyphens and case are still found."""
    page = (
        KRISTIANSAND.replace("«", "“")
        .replace("»", "”")
        .replace(" i livet", "\u00a0i\u00a0LIVET")
        .replace("hjelp-som", "hjelp – som")
        .replace("avrusningen", "av\u00adrus\u00adningen")
        .replace("\n", "\r\n")
    )
    result = _check(page, shipped)
    assert [q.quote.id for q in result.quotes if q.status is not Status.FOUND] == []
    assert result.changed is False


def test_normalise_folds_typography_and_keeps_words() -> None:
    """Normalising joins words by one space and folds quotes, dashes and case."""
    assert normalise("«Her  og\u00a0NÅ» – nå\u00ad\n") == "'her og nå'-nå"


@pytest.mark.parametrize(
    ("text", "phones", "emails"),
    [
        pytest.param(
            "Tlf: 469 60 239 - a@b.no", {"46960239": "469 60 239"}, {"a@b.no"}, id="grouped"
        ),
        pytest.param("Tlf:46960239, hverdager", {"46960239": "46960239"}, set(), id="after-colon"),
        pytest.param("ring +47 38 05 55 55.", {"38055555": "+47 38 05 55 55"}, set(), id="plus-47"),
        pytest.param("Postboks 1051\n4682 Søgne", {}, set(), id="postbox-and-postcode"),
        pytest.param("publisert 08.12.2015, kl. 08.00 - 15.30", {}, set(), id="dates-and-times"),
        pytest.param("org.nr. 123456789", {}, set(), id="nine-digits"),
        pytest.param("Skriv til Post@Kommune.NO.", {}, {"post@kommune.no"}, id="mail-case"),
    ],
)
def test_details_finds_norwegian_numbers_and_addresses_only(
    text: str, phones: dict[str, str], emails: set[str]
) -> None:
    """Eight-digit numbers (spaced or +47) and e-mail addresses count; dates, postcodes do not."""
    found_phones, found_emails = details(text)
    assert found_phones == phones
    assert set(found_emails) == emails


def test_page_is_told_by_option_url_or_file_name_before_content(
    shipped: tuple[list[Questionnaire], Directory],
) -> None:
    """--page wins, then the file's name; content decides only when neither tells."""
    questionnaires, directory = shipped
    assert which_page(SOGNE, directory, questionnaires, page="kristiansand_rusteamet") == (
        "kristiansand_rusteamet"
    )
    assert which_page("", directory, questionnaires, name="sogne_rusomsorg") == "sogne_rusomsorg"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        pytest.param(
            {"page": "nope"},
            "--page nope: no source page of that id (choose one of: kristiansand_rusteamet, "
            "national_numbers, sogne_rusomsorg)",
            id="unknown-page",
        ),
        pytest.param(
            {"where": "side.html"},
            "side.html: cannot tell which source page this is: pass --page ID (one of: "
            "kristiansand_rusteamet, national_numbers, sogne_rusomsorg), or name the file "
            "after the source id",
            id="unrecognised",
        ),
    ],
)
def test_a_page_that_cannot_be_told_is_a_one_line_error_naming_the_choices(
    kwargs: dict[str, str], message: str, shipped: tuple[list[Questionnaire], Directory]
) -> None:
    """An unknown --page, or a page whose content matches no source, names the ids to pick."""
    questionnaires, directory = shipped
    with pytest.raises(UsageError) as raised:
        which_page("En helt annen side.", directory, questionnaires, **kwargs)
    assert raised.value.message == message


def _directory(phone: str) -> Directory:
    source = Source("side", Text.of("Side"), "Kommune", url="https://kommune.no/side/")
    contact = Contact(
        "vakt", "Vakta", Text.of("Vakt"), "Kommune", "side", dt.date(2026, 11, 23), phone=phone
    )
    return Directory({"vakt": contact}, {"side": source})


@pytest.mark.parametrize("phone", ["+47 918 00 469", "0047 91800469", "91800469"])
def test_a_contact_number_with_a_country_code_matches_the_page_without_one(phone: str) -> None:
    """+47 and 0047 before a contact's number do not make it differ from the page's."""
    result = check_page("Ring vakta på 918 00 469.", "side", [], _directory(phone))
    assert (result.new_phones, result.vanished, result.changed) == ((), (), False)


def test_a_fetched_page_is_told_by_the_source_url() -> None:
    """--url that is a source's url (give or take a final slash) tells the page."""
    directory = _directory("91800469")
    assert which_page("", directory, [], url="https://kommune.no/side") == "side"
