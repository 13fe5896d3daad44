"""Reports: the Rich rendering, its snapshots, and the JSON contract."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from triage.core.engine import decide
from triage.core.hours import OSLO
from triage.core.model import CLARIFY_ID, UNKNOWN, Directory, Questionnaire, Text
from triage.load.cases import check_cases
from triage.load.catalog import CONTACTS_FILE, cases_file, questionnaire_files, shipped_dir
from triage.load.contacts import load_directory
from triage.load.questionnaire import load_questionnaire
from triage.render.json import JSON_FORMAT, contacts_json, to_json
from triage.render.rich import contact_line, next_call, render_contacts, render_rich
from triage.render.words import format_phone, inert, search_contacts

DOCS = Path(__file__).parent.parent.parent / "docs"
#: Friday 27 November 2026, 16.05 in Norway: after the rusteam's hours, before a weekend.
FRIDAY_EVENING = dt.datetime(2026, 11, 27, 16, 5, tzinfo=OSLO)
#: Tuesday 24 November 2026, 10.00: inside weekday hours.
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 10, 0, tzinfo=OSLO)


def _render(
    questionnaire: Questionnaire,
    directory: Directory,
    answers: dict,
    width: int = 80,
    lang: str = "nb",
    now: dt.datetime | None = FRIDAY_EVENING,
    why: bool = False,
    cards: bool = False,
) -> str:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    decision = decide(questionnaire, answers)
    console.print(render_rich(decision, directory, lang, now=now, why=why, cards=cards))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


# --------------------------------------------------------------------------- shipped snapshots


def _shipped() -> tuple[Directory, list[tuple[Questionnaire, str, dict]]]:
    """Return the shipped directory and, per outcome, the first case that reaches it."""
    directory = load_directory([shipped_dir() / CONTACTS_FILE])
    found = []
    for path in questionnaire_files(shipped_dir()):
        questionnaire = load_questionnaire(path, directory)
        cases, problems = check_cases(cases_file(path), questionnaire)
        assert not problems
        for outcome in [o.id for o in questionnaire.outcomes] + [CLARIFY_ID]:
            case = next(c for c in cases if c.outcome == outcome)
            found.append((questionnaire, outcome, dict(case.answers)))
    return directory, found


SHIPPED_DIRECTORY, SHIPPED_CASES = _shipped()
SHIPPED_IDS = [f"{q.id}-{outcome}" for q, outcome, _ in SHIPPED_CASES]


def _case(questionnaire_id: str, outcome: str) -> tuple[Questionnaire, str, dict]:
    return next(c for c in SHIPPED_CASES if (c[0].id, c[1]) == (questionnaire_id, outcome))


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize(("questionnaire", "outcome", "answers"), SHIPPED_CASES, ids=SHIPPED_IDS)
def test_every_shipped_outcome_matches_its_snapshot(
    questionnaire: Questionnaire,
    outcome: str,
    answers: dict,
    width: int,
    snapshot: Callable[[str, str], None],
) -> None:
    """The report for each outcome of each shipped questionnaire is exactly as reviewed."""
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers, width=width)
    assert decide(questionnaire, answers).outcome_id == outcome
    snapshot(f"{questionnaire.id}.{outcome}.{width}.txt", text)


@pytest.mark.parametrize(("questionnaire", "outcome", "answers"), SHIPPED_CASES, ids=SHIPPED_IDS)
def test_report_reads_well_at_60_columns(
    questionnaire: Questionnaire, outcome: str, answers: dict
) -> None:
    """At 60 columns no line overflows and phone numbers, e-mails and dates stay whole."""
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    decision = decide(questionnaire, answers)
    for contact_id in decision.contacts:
        contact = SHIPPED_DIRECTORY.contacts[contact_id]
        for whole in (format_phone(contact.phone or ""), contact.email or ""):
            assert whole in text
    assert not re.search(r"§\n", text)  # «§ 10-2» is never split
    assert not re.search(r"\n +·", text)  # a «·» separator never starts a line
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers, width=60, cards=True)
    assert max(len(line) for line in text.splitlines()) <= 60
    for contact_id in decision.contacts:
        contact = SHIPPED_DIRECTORY.contacts[contact_id]
        if contact.phone:
            assert re.search(rf"Telefon +{re.escape(format_phone(contact.phone))}", text)
        if contact.email:
            assert re.search(rf"E-post +{re.escape(contact.email)}\n", text)
        assert re.search(r"Hentet fra kilden +23.11.2026", text)
    assert "Beslutningsstøtte – ikke et vedtak." in text
    assert f"versjon {questionnaire.version}" in text


def test_why_snapshot_shows_source_sentences(snapshot: Callable[[str, str], None]) -> None:
    """With --why the report quotes the source sentences and what the page leaves vague."""
    questionnaire, outcome, answers = _case("shalam", "not_eligible")
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers, why=True)
    for quote in questionnaire.quotes:
        if any(c.quote == quote.id for c in questionnaire.criteria):
            assert f"«{quote.text[:30]}" in text.replace("\n  ", " ")
    assert "Uklart i kilden" in text
    snapshot(f"{questionnaire.id}.{outcome}.why.80.txt", text)


def test_english_snapshot(snapshot: Callable[[str, str], None]) -> None:
    """The English report uses the tool's English words and English dates."""
    questionnaire, outcome, answers = _case("shalam", "not_eligible")
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers, lang="en")
    assert "Decision support" in text
    assert "closed now, opens Monday at 08:00" in text
    snapshot(f"{questionnaire.id}.{outcome}.en.80.txt", text)


# --------------------------------------------------------------------------- the Rich report


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        pytest.param("46960239", "469 60 239", id="mobile"),
        pytest.param("91800469", "918 00 469", id="mobile-9"),
        pytest.param("38055555", "38 05 55 55", id="landline"),
        pytest.param("+4746960239", "+47 469 60 239", id="country-code"),
        pytest.param("113", "113", id="short"),
    ],
)
def test_phone_numbers_read_as_norwegians_write_them(raw: str, shown: str) -> None:
    """Mobile numbers group 3-2-3, landlines 2-2-2-2; others are left alone."""
    assert format_phone(raw) == shown


def test_rich_report_shows_outcome_reasons_contacts_and_disclaimer(
    small: Questionnaire, directory: Directory
) -> None:
    """The Rich report has the outcome word, ✓/✗/?, contacts, legal basis, source, disclaimer."""
    text = _render(small, directory, {"age": 17, "resident": True, "wants": UNKNOWN})
    assert re.search(r"│ ✗ IKKE AKTUELT +│\n│ +│\n│ Et kriterium er ikke oppfylt\. +│", text)
    assert "Ikke aktuelt" not in text  # the title says no more than the level's word
    assert "Skjema: Liten test (small), versjon 1.0" in text
    assert "✗ Over 18 år" in text
    assert "✓ Bor i kommunen" in text
    assert "? Ønsker endring" in text
    assert "✓ oppfylt  ✗ ikke oppfylt  ? ukjent" in text
    assert "Navn Navnesen" in text
    assert "469 60 239" in text
    assert "Testside (publisert 08.12.2015)" in text
    assert text.rstrip().endswith("Beslutningsstøtte – ikke et vedtak.")


def test_each_criterion_shows_the_answer_that_decided_it(
    small: Questionnaire, directory: Directory
) -> None:
    """Each criterion's row ends with its question's answer, 'ikke besvart' when open."""
    text = _render(small, directory, {"age": 34, "resident": UNKNOWN})
    assert re.search(r"✓ Over 18 år +34\n", text)
    assert re.search(r"\? Bor i kommunen +Vet ikke\n", text)
    assert re.search(r"\? Ønsker endring +ikke besvart\n", text)


def test_clarify_report_names_the_questions_in_order_and_whom_to_call(
    small: Questionnaire, directory: Directory
) -> None:
    """Clarify says 'Må avklares' once, numbers the deciding questions, names whom to call."""
    text = _render(small, directory, {"age": 34, "resident": UNKNOWN})
    assert "? MÅ AVKLARES" in text
    # The panel's word, the section title, and the closing block's verdict.
    assert text.lower().count("må avklares") == 3
    assert "Dette må avklares" in text
    assert "1. Bor i kommunen? (Vet ikke)" in text
    assert "2. Ønsker endring? (ikke besvart)" in text
    assert (
        "Veiledning i mellomtiden: Testteamet (38 05 55 55, stengt nå, åpner mandag kl. 08.00)."
        in " ".join(text.split())
    )


def test_contact_table_shows_open_now_inside_hours(
    small: Questionnaire, directory: Directory
) -> None:
    """On a weekday morning the team with hours is shown open, with its closing time."""
    answers = {"age": 34, "resident": True, "wants": True}
    text = _render(small, directory, answers, now=TUESDAY_MORNING, cards=True)
    assert "hverdager 08.00–15.30\n" in text
    assert "åpent nå, til 15.30" in text
    compact = _render(small, directory, answers, now=TUESDAY_MORNING)
    flat = " ".join(compact.split())
    assert "38 05 55 55 · team@example.no · hverdager 08.00–15.30, åpent nå, til 15.30" in flat


def test_contact_checked_over_a_year_ago_is_marked(
    small: Questionnaire, directory: Directory
) -> None:
    """A contact checked more than 12 months before now is marked; one checked recently not."""
    answers = {"age": 34, "resident": True, "wants": True}
    later = dt.datetime(2027, 11, 24, 10, 0, tzinfo=OSLO)
    text = _render(small, directory, answers, now=later, cards=True)
    assert "23.11.2026 – over 12 måneder siden – kontroller før bruk" in text
    compact = " ".join(_render(small, directory, answers, now=later).split())
    assert "Hentet fra kilden 23.11.2026 – over 12 måneder siden – kontroller før bruk" in compact
    assert "over 12 måneder" not in _render(small, directory, answers)


def test_without_a_clock_the_report_leaves_out_what_depends_on_it(
    small: Questionnaire, directory: Directory
) -> None:
    """With now=None there is no open/closed status and no staleness mark."""
    text = _render(small, directory, {"age": 34, "resident": True, "wants": True}, now=None)
    assert "hverdager 08.00–15.30" in text
    assert "nå" not in text.split("Neste kontakt")[1]


def test_contact_without_phone_says_so_and_shows_its_note(
    small: Questionnaire, tmp_path: Path
) -> None:
    """A contact with no phone or e-mail says the source gives none, and shows its note."""
    directory_path = tmp_path / "other.yaml"
    directory_path.write_text(
        "sources: [{id: page, title: Side, publisher: K}]\n"
        "contacts:\n"
        "  - {id: nav, name: Teamet, role: Team, organisation: K, source: page,\n"
        "     checked: 2026-11-23, note: Finn nummeret via kommunen.}\n",
        encoding="utf-8",
    )
    compact = _render(small, load_directory([directory_path]), {"age": 17})
    assert "• Teamet, Team, K · telefon ikke oppgitt i kilden\n" in compact
    text = _render(small, load_directory([directory_path]), {"age": 17}, cards=True)
    assert re.search(r"Telefon +ikke oppgitt i kilden", text)
    assert re.search(r"Merk +Finn nummeret via kommunen\.", text)


def test_outcome_pointing_to_a_website_lists_it_under_nettsider() -> None:
    """Web resources an outcome names appear under 'Nettsider' with their address."""
    questionnaire = _case("pregnancy", "not_applicable")[0]
    compact = _render(questionnaire, SHIPPED_DIRECTORY, {"pregnant": False})
    assert "https://rusinfo.no" in compact.split("\nNettsider\n")[1].split("\nKilde\n")[0]
    text = _render(questionnaire, SHIPPED_DIRECTORY, {"pregnant": False}, cards=True)
    websites = text.split("\nNettsider\n")[1].split("\nKilde\n")[0]
    assert "Rusinfo.no" in websites
    assert re.search(r"Nettside +https://rusinfo.no\n", websites)
    assert "Telefon" not in websites


def test_rich_report_speaks_english_on_request(small: Questionnaire, directory: Directory) -> None:
    """With lang=en the tool's words and the questionnaire's English texts are used."""
    text = _render(small, directory, {"age": 34, "resident": True, "wants": True}, lang="en")
    assert "✓ POSSIBLE" in text
    assert "Small test" in text
    assert "Test page (published 2015-12-08)" in text
    assert "Decision support" in text


def test_inert_strips_escape_sequences_and_control_characters() -> None:
    """Terminal escapes and control characters cannot reach the terminal."""
    assert inert("a\x1b[31mred\x1b[0m\x07b\x00") == "aredb"
    assert inert("line\nnext\tx") == "line\nnext x"


def test_inert_shows_format_characters() -> None:
    """Bidi overrides, zero-width characters and BOMs show as <U+…>; soft hyphens go."""
    assert inert("a\u202eb\u202c \u2066c\u2069") == "a<U+202E>b<U+202C> <U+2066>c<U+2069>"
    assert inert("x\u200by\u200dz\ufeff") == "x<U+200B>y<U+200D>z<U+FEFF>"
    assert inert("av\u00adrusing\u2028ny") == "avrusing ny"


def test_markup_in_yaml_text_is_printed_literally(
    small: Questionnaire, directory: Directory
) -> None:
    """Rich markup inside questionnaire text is shown as typed, not interpreted."""
    hostile = replace(
        small,
        outcomes=tuple(
            replace(o, title=Text.of("[bold red]Ikke[/] [link=http://x]klikk[/link]\x1b[2J"))
            for o in small.outcomes
        ),
    )
    text = _render(hostile, directory, {"age": 17})
    assert "[bold red]Ikke[/] [link=http://x]klikk[/link]" in text
    assert "\x1b" not in text


# --------------------------------------------------------------------------- contacts listing


def test_contact_search_matches_name_role_and_organisation() -> None:
    """Search is case-insensitive over name, role (either language) and organisation."""
    found = {c.id for c in search_contacts(SHIPPED_DIRECTORY, "SHALAM")}
    assert found == {"vidar_gundersen", "svenn_langseth"}
    assert {c.id for c in search_contacts(SHIPPED_DIRECTORY, "consultant")} == {
        "per_willy_ormestad"
    }
    assert {c.id for c in search_contacts(SHIPPED_DIRECTORY, "nav kristiansand")} == {
        "per_willy_ormestad"
    }
    assert len(search_contacts(SHIPPED_DIRECTORY, None)) == len(SHIPPED_DIRECTORY.contacts)
    assert search_contacts(SHIPPED_DIRECTORY, "ingen slik") == []


def test_contact_listing_shows_source_and_checked_date() -> None:
    """Each listed contact names its source page and the date it was taken from it."""
    console = Console(width=60, color_system=None, record=True, file=io.StringIO())
    found = search_contacts(SHIPPED_DIRECTORY, "servicetorget")
    console.print(render_contacts(found, SHIPPED_DIRECTORY, "nb", FRIDAY_EVENING, cards=True))
    text = console.export_text()
    assert "38 05 55 55" in text
    assert "Søgne kommune – Rusomsorg (publisert 08.12.2015" in " ".join(text.split())
    assert re.search(r"Hentet fra kilden +23.11.2026", text)
    assert "Sjekket" not in text
    assert "historisk" in text
    assert "åpent nå" not in text
    assert "stengt nå" not in text
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 60


# --------------------------------------------------------------------------- JSON


def _validator(name: str):  # type: ignore[no-untyped-def]
    """Return a validator for one of the documented schemas in docs/."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in DOCS.glob("*.schema.json")
    }
    registry: Registry = Registry().with_resources(
        (key, Resource.from_contents(value)) for key, value in schemas.items()
    )
    return Draft202012Validator(
        schemas[name], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize(("questionnaire", "outcome", "answers"), SHIPPED_CASES, ids=SHIPPED_IDS)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_json_of_every_shipped_outcome_matches_the_documented_schema(
    questionnaire: Questionnaire, outcome: str, answers: dict, lang: str
) -> None:
    """Every shipped outcome's JSON validates against docs/triage-result-1.schema.json."""
    document = to_json(decide(questionnaire, answers), SHIPPED_DIRECTORY, lang, now=FRIDAY_EVENING)
    errors = [e.message for e in _validator("triage-result-1.schema.json").iter_errors(document)]
    assert errors == []
    assert document["outcome"]["id"] == outcome


def test_contacts_json_matches_the_documented_schema() -> None:
    """The contact listing's JSON validates against docs/triage-contacts-1.schema.json."""
    document = contacts_json(
        SHIPPED_DIRECTORY.contacts.values(), SHIPPED_DIRECTORY, "nb", FRIDAY_EVENING
    )
    validator = _validator("triage-contacts-1.schema.json")
    assert [e.message for e in validator.iter_errors(document)] == []
    assert {s["id"] for s in document["sources"]} == set(SHIPPED_DIRECTORY.sources)


def test_schema_rejects_an_undocumented_key() -> None:
    """The schema is closed: a key that is not documented makes the document invalid."""
    questionnaire, _, answers = SHIPPED_CASES[0]
    document = to_json(decide(questionnaire, answers), SHIPPED_DIRECTORY)
    document["extra"] = 1
    assert not _validator("triage-result-1.schema.json").is_valid(document)


def _property_names(schema: object) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                found.update(value)
            found |= _property_names(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= _property_names(item)
    return found


def test_every_key_of_the_schemas_is_described_in_docs_json_md() -> None:
    """docs/json.md describes every key the schemas allow, so page and schema cannot drift."""
    page = (DOCS / "json.md").read_text(encoding="utf-8")
    for path in DOCS.glob("*.schema.json"):
        for key in _property_names(json.loads(path.read_text(encoding="utf-8"))):
            assert f"`{key}`" in page, f"{key} ({path.name}) is not described in docs/json.md"


def test_json_follows_the_documented_contract(small: Questionnaire, directory: Directory) -> None:
    """The JSON result carries every documented key with the decision's content."""
    result = to_json(
        decide(small, {"age": 34, "resident": True, "wants": True}),
        directory,
        now=FRIDAY_EVENING,
    )
    assert result["format"] == JSON_FORMAT == "triage-result/1"
    assert result["created"] == "2026-11-27T16:05:00+01:00"
    assert result["questionnaire"] == {"id": "small", "title": "Liten test", "version": "1.0"}
    assert result["outcome"] == {
        "id": "eligible",
        "level": "positive",
        "title": "Aktuelt",
        "summary": "Alle kriterier er oppfylt.",
        "quote": None,
    }
    assert result["criteria"][0] == {
        "id": "adult",
        "text": "Over 18 år",
        "group": None,
        "status": "met",
        "answers": {"age": 34},
        "quote": "Over 18 år.",
    }
    assert [c["status"] for c in result["criteria"]] == ["met", "met", "met"]
    assert result["questions"][0] == {
        "id": "age",
        "text": "Hvor gammel?",
        "answer": 34,
        "shown": "34",
    }
    assert result["answers"] == {"age": 34, "resident": True, "wants": True}
    assert result["clarify"] == []
    team, nav = result["contacts"]
    assert (team["name"], nav["name"]) == ("Testteamet", "Navn Navnesen")
    assert team["hours"] == "hverdager 08.00–15.30"
    assert team["open_now"] is False
    assert team["next_open"] == "2026-11-30T08:00+01:00"
    assert team["checked"] == "2026-11-23"
    assert team["stale"] is False
    assert nav["open_now"] is None
    assert result["legal_basis"] == [
        {
            "law": "helse- og omsorgstjenesteloven",
            "section": "§ 10-4",
            "text": None,
            "url": None,
            "valid_from": None,
            "certain": True,
        }
    ]
    assert result["sources"][0]["published"] == "2015-12-08"
    assert result["disclaimer"] == "Beslutningsstøtte – ikke et vedtak."


def test_json_for_clarify_lists_questions_and_unknown_answers(
    small: Questionnaire, directory: Directory
) -> None:
    """A clarify result names the deciding questions and writes unknown as 'unknown'."""
    result = to_json(decide(small, {"age": 34, "resident": UNKNOWN}), directory)
    assert result["created"] is None
    assert result["outcome"]["id"] == "clarify"
    assert result["outcome"]["level"] == "clarify"
    assert result["clarify"] == ["resident", "wants"]
    assert result["answers"] == {"age": 34, "resident": "unknown"}
    assert result["questions"][2] == {
        "id": "wants",
        "text": "Ønsker endring?",
        "answer": None,
        "shown": "ikke besvart",
    }
    assert [c["name"] for c in result["contacts"]] == ["Testteamet"]
    assert result["contacts"][0]["stale"] is None
    assert [c["status"] for c in result["criteria"]] == ["met", "unknown", "unknown"]


# --------------------------------------------------------------------------- a report for a glance


def _closing_block(text: str) -> list[str]:
    """Return the lines after the closing block's rule."""
    return text.split("Kort fortalt ─")[1].splitlines()[1:]


def test_closing_block_is_last_and_holds_verdict_questions_and_phone() -> None:
    """The report ends with the verdict, the questions to clarify and whom to call, by number."""
    questionnaire, _, answers = _case("placement", "clarify")
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers)
    closing = _closing_block(text)
    assert closing[0] == "? MÅ AVKLARES"
    assert (
        closing[1] == "Uansett svar: kontakt Per Willy Ormestad, Rusteamet i Kristiansand kommune"
    )
    assert closing[2].startswith("Avklar: 1. Trenger personen helsefaglig avrusing")
    assert closing[3] == "Ring:   Per Willy Ormestad 469 60 239"
    assert closing[-1] == "Beslutningsstøtte – ikke et vedtak."
    assert len(closing) == 5


def test_closing_block_names_the_outcome_and_the_first_contact() -> None:
    """A definite result repeats its word and title at the end, with the first contact's phone."""
    questionnaire, _, answers = _case("shalam", "eligible")
    closing = _closing_block(_render(questionnaire, SHIPPED_DIRECTORY, answers, width=60))
    assert closing == [
        "✓ AKTUELT – Ser ut til å fylle kriteriene for «Ut av det»",
        "Ring: Vidar Gundersen 918 00 469",
        "Beslutningsstøtte – ikke et vedtak.",
    ]


def test_closing_block_says_when_the_contact_has_no_phone() -> None:
    """A contact without a number is named under «Kontakt:», with its opening status."""
    questionnaire, _, answers = _case("chapter10", "contact_rusteam")
    closing = " ".join(_closing_block(_render(questionnaire, SHIPPED_DIRECTORY, answers)))
    assert (
        "Kontakt: Rusteamet i Kristiansand kommune – telefon ikke oppgitt i kilden "
        "(stengt nå, åpner mandag kl. 08.00)"
    ) in " ".join(closing.split())


def test_emergency_numbers_are_listed_apart_and_never_the_next_call() -> None:
    """113 and 116 117 stand under «Ved akutt fare» and «Akutt:», never as «Ring:»."""
    questionnaire, _, answers = _case("chapter10", "contact_rusteam")
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers)
    assert "Ved akutt fare (nasjonale numre, ikke fra kildesidene)" in text
    closing = _closing_block(text)
    assert "Akutt:   Medisinsk nødhjelp 113 · Legevakt 116 117" in closing
    assert not any(line.startswith("Ring:") for line in closing)


def test_closing_block_lists_at_most_three_questions() -> None:
    """More than three open questions: the first three, then how many more the list above has."""
    questionnaire, _, _ = _case("shalam", "clarify")
    decision = decide(questionnaire, {})
    assert len(decision.clarify) > 3
    closing = _closing_block(_render(questionnaire, SHIPPED_DIRECTORY, {}))
    assert closing[1].startswith("Uansett svar:")
    assert [line.split(". ")[0][-1] for line in closing[2:5]] == ["1", "2", "3"]
    rest = len(decision.clarify) - 3
    assert closing[5].strip() == f"… og {rest} til (se «Dette må avklares»)"


def test_group_heading_starts_where_its_criteria_start() -> None:
    """A criteria group's heading is not indented more than the criteria under it."""
    questionnaire, _, answers = _case("placement", "clarify")
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers)
    assert "\nSituasjoner avtalen omfatter (minst én)\n✓ Uten fast bopel" in text


def test_two_answers_behind_one_criterion_are_on_two_lines(
    build: Callable[[str], Questionnaire], directory: Directory
) -> None:
    """A criterion resting on two questions shows each answer on its own line."""
    from tests.conftest import SMALL

    two = SMALL.replace(
        "{id: lives_here, text: Bor i kommunen, when: resident}",
        "{id: lives_here, text: Bor i kommunen og ønsker endring, when: resident and wants}",
    )
    assert two != SMALL
    questionnaire = build(two)
    text = _render(questionnaire, directory, {"age": 34, "resident": True, "wants": UNKNOWN})
    assert "Ja, Vet ikke" not in text
    assert re.search(r"Bor i kommunen og ønsker endring +Ja\n +Vet ikke\n", text)


def test_section_sign_is_never_split_from_its_number() -> None:
    """«§ 10-2» stays on one line at every width, and prints with an ordinary space."""
    questionnaire, _, answers = _case("chapter10", "contact_rusteam")
    for width in range(40, 81):
        text = _render(questionnaire, SHIPPED_DIRECTORY, answers, width=width)
        assert not re.search(r"§ *\n", text), width
        assert "\u00a0" not in text
        assert "\ue000" not in text


def test_information_outcome_has_no_lone_i() -> None:
    """The information level reads «→ INFORMASJON», not a lone «i» that looks like a typo."""
    questionnaire, _, answers = _case("services", "low_threshold_help")
    text = _render(questionnaire, SHIPPED_DIRECTORY, answers)
    assert "│ → INFORMASJON" in text
    assert "i INFORMASJON" not in text


def test_historical_number_is_not_shown_like_a_live_one() -> None:
    """A historical contact's number is marked as such, on one line and on the card."""
    contact = SHIPPED_DIRECTORY.contacts["sogne_servicetorget"]
    assert contact.historical
    pieces = contact_line(contact, "nb", FRIDAY_EVENING)
    assert ("38 05 55 55", "bold") not in pieces
    assert any("38 05 55 55 (historisk nummer, trolig ute av bruk)" in p for p, _ in pieces)
    assert next_call([contact]) is None


def test_closing_question_is_cut_after_a_whole_word() -> None:
    """A question too long for the closing line ends with a whole word and «…», at any width."""
    questionnaire, _, answers = _case("placement", "clarify")
    question = questionnaire.question("needs_medical_detox").text.get("nb")
    for width in range(50, 121, 5):
        closing = _closing_block(_render(questionnaire, SHIPPED_DIRECTORY, answers, width=width))
        line = next(line for line in closing if line.startswith("Avklar:"))
        assert len(line) <= width
        shown = line.removeprefix("Avklar: 1. ")
        assert shown.endswith(" …"), (width, line)
        kept = shown.removesuffix(" …")
        assert question.startswith(kept)
        assert question[len(kept)] in " ,", (width, line)


def test_closing_block_says_what_holds_whatever_the_answers() -> None:
    """An undecided result repeats «Uansett svar: …» right under the verdict at the end."""
    questionnaire, _, _ = _case("shalam", "clarify")
    answers = {"age": 34, "belongs_to_kristiansand": UNKNOWN, "own_substance_use": True}
    closing = _closing_block(_render(questionnaire, SHIPPED_DIRECTORY, answers))
    assert closing[0] == "? MÅ AVKLARES"
    assert closing[1] == "Uansett svar: kontakt Per Willy Ormestad"
    assert closing[2].startswith("Avklar:")
