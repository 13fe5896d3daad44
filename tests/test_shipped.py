"""Every shipped questionnaire loads, passes its scenario cases, and covers every outcome."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.loader import (
    CONTACTS_FILE,
    cases_file,
    check_cases,
    load_directory,
    load_questionnaire,
    questionnaire_files,
    shipped_dir,
)
from triage.model import CLARIFY_ID, Directory
from triage.scenarios import run_case

SHIPPED = questionnaire_files(shipped_dir())


@pytest.fixture(scope="module")
def shipped_directory() -> Directory:
    """The shipped contact directory."""
    return load_directory([shipped_dir() / CONTACTS_FILE])


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_questionnaire_passes_its_cases(path: Path, shipped_directory: Directory) -> None:
    """Each shipped questionnaire's cases all pass and hit every outcome and clarify."""
    questionnaire = load_questionnaire(path, shipped_directory)
    assert questionnaire.id == path.stem
    cases, problems = check_cases(cases_file(path), questionnaire)
    assert problems == []
    failures = {
        result.case.name: result.failures
        for result in (run_case(questionnaire, case) for case in cases)
        if not result.passed
    }
    assert failures == {}
    covered = {case.outcome for case in cases}
    assert covered == {o.id for o in questionnaire.outcomes} | {CLARIFY_ID}


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_outcome_names_a_contact(path: Path, shipped_directory: Directory) -> None:
    """Every outcome, and clarify, tells the caseworker whom to contact."""
    questionnaire = load_questionnaire(path, shipped_directory)
    for outcome in questionnaire.outcomes:
        assert outcome.contacts, outcome.id
    assert questionnaire.clarify_contacts


def test_data_contract_answer_keys_are_stable(shipped_directory: Directory) -> None:
    """The answer keys other tools depend on are exactly as agreed."""
    folder = shipped_dir()
    ids = {
        p.stem: [q.id for q in load_questionnaire(p, shipped_directory).questions] for p in SHIPPED
    }
    assert ids["shalam"] == [
        "age",
        "belongs_to_kristiansand",
        "own_substance_use",
        "wants_change",
        "copes_with_withdrawal",
    ]
    assert sorted(ids["placement"]) == sorted(
        [
            "homeless_without_services",
            "social_detox_suitable",
            "needs_shielding_while_waiting",
            "motivation_before_tsb",
            "stay_after_treatment",
            "needs_medical_detox",
            "uncontrolled_mental_illness",
            "violence_risk_unassessed",
            "needs_specialist_treatment",
        ]
    )
    assert ids["pregnancy"] == [
        "pregnant",
        "substance_use_concern",
        "follow_up_coordinated",
        "voluntary_help_failed",
    ]
    outcomes = {
        p.stem: [o.id for o in load_questionnaire(p, shipped_directory).outcomes]
        for p in questionnaire_files(folder)
    }
    assert outcomes == {
        "placement": ["excluded", "may_qualify", "not_covered"],
        "pregnancy": ["report", "not_applicable"],
        "shalam": ["not_eligible", "eligible"],
        "chapter10": ["pregnancy_handover", "contact_rusteam", "voluntary_help", "no_grounds"],
        "services": ["for_relatives", "apply_follow_up", "low_threshold_help"],
        "router": ["to_pregnancy", "to_chapter10", "to_shalam", "to_placement", "to_services"],
    }
    assert ids["chapter10"] == [
        "pregnant",
        "relatives_report",
        "health_endangered_by_misuse",
        "help_measures_insufficient",
        "wants_voluntary_treatment",
    ]
    assert ids["services"] == ["help_for", "young", "cannabis", "gambling", "wants_follow_up"]
    assert ids["router"] == ["pregnant", "situation"]


def test_shipped_contacts_have_source_and_checked_date(shipped_directory: Directory) -> None:
    """Every contact names its source page and when it was last checked."""
    for contact in shipped_directory.contacts.values():
        assert contact.source in shipped_directory.sources
        assert contact.checked.year >= 2026


def test_shalam_contacts_match_the_seed_page(shipped_directory: Directory) -> None:
    """The three Shalam contacts carry exactly the numbers and e-mails the page gives."""
    seeded = {
        "vidar_gundersen": ("91800469", "vidar@shalam.no"),
        "svenn_langseth": ("48049448", "svenn@shalam.no"),
        "per_willy_ormestad": ("46960239", "per.willy.ormestad@nav.no"),
    }
    for ident, (phone, email) in seeded.items():
        contact = shipped_directory.contacts[ident]
        assert (contact.phone, contact.email) == (phone, email)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_hand_overs_form_valid_chains(path: Path) -> None:
    """Every continue_with names a shipped questionnaire, with no loop and shared ids aligned."""
    from triage.catalog import Catalog

    chain = Catalog().chain(path.stem)
    assert next(iter(chain)) == path.stem


# The seed pages, by the source id contacts.yaml gives them.
SEED_FILES = {
    "sogne_rusomsorg": "000_496f715bcf27d101.txt",
    "kristiansand_rusteamet": "001_b7757e800ee6dc79.txt",
}


def _seed_texts() -> dict[str, str]:
    for parent in Path(__file__).resolve().parents:
        folder = parent / "shared" / "seeds"
        if folder.is_dir():
            return {
                page: " ".join((folder / name).read_text(encoding="utf-8").split())
                for page, name in SEED_FILES.items()
            }
    pytest.skip("the seed pages (shared/seeds) are not beside this checkout")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_quotes_are_verbatim_from_the_seed_pages(path: Path, shipped_directory: Directory) -> None:
    """Every quoted source sentence stands word for word on the page it names."""
    texts = _seed_texts()
    questionnaire = load_questionnaire(path, shipped_directory)
    missing = [
        quote.id
        for quote in questionnaire.quotes
        if " ".join(quote.text.split()) not in texts[quote.page]
    ]
    assert missing == []


def test_contact_numbers_and_addresses_come_from_the_seed_pages(
    shipped_directory: Directory,
) -> None:
    """No phone number or e-mail address is invented: each stands on the contact's page."""
    texts = _seed_texts()
    invented = [
        (contact.id, value)
        for contact in shipped_directory.contacts.values()
        for value in (contact.phone, contact.email)
        if value
        and value not in texts[contact.source].replace(" ", "")
        and value not in texts[contact.source]
    ]
    assert invented == []
