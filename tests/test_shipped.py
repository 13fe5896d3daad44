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
    }


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
def test_no_shipped_question_asks_for_identity(path: Path, shipped_directory: Directory) -> None:
    """No question asks for a name, birth number or address (privacy by design)."""
    import re

    identity = re.compile(
        r"\b(navn|fødselsnummer|personnummer|d-nummer|adresse|name|birth number|address)\b",
        re.IGNORECASE,
    )
    questionnaire = load_questionnaire(path, shipped_directory)
    for question in questionnaire.questions:
        for _, text in question.text.values:
            assert identity.search(text) is None, (question.id, text)
