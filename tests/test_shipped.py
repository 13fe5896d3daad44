"""Every shipped questionnaire loads, passes validation, speaks nb and en.

That the shipped cases pass and cover every outcome is tested through `triage test`
(tests/check/test_scenarios.py).
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from rich.console import Console

from triage.check.validation import validate
from triage.core.engine import decide
from triage.core.interview import Prompt
from triage.core.model import LANGUAGES, UNKNOWN, Directory, Text
from triage.load.cases import check_cases
from triage.load.catalog import (
    CONTACTS_FILE,
    Catalog,
    cases_file,
    questionnaire_files,
    shipped_dir,
)
from triage.load.contacts import load_directory
from triage.load.questionnaire import load_questionnaire
from triage.prompts import PlainAsker
from triage.render.i18n import t
from triage.render.json import to_json
from triage.render.rich import render_rich

SHIPPED = questionnaire_files(shipped_dir())


@pytest.fixture(scope="module")
def shipped_directory() -> Directory:
    """The shipped contact directory."""
    return load_directory([shipped_dir() / CONTACTS_FILE])


def test_shipped_folder_has_no_validation_problems() -> None:
    """The shipped folder passes every validate rule (e.g. each outcome names a contact)."""
    validation = validate([shipped_dir()], Catalog(), prove=False)
    assert validation.problems == ()
    assert len(validation.files) == len(list(shipped_dir().glob("*.yaml")))


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
            # Replaced 2026-11-25: the old question ANDed in the page's unclear primacy clause.
            "mental_illness_not_controlled",
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
        "placement": ["not_covered", "may_qualify"],
        "pregnancy": ["report", "not_applicable"],
        "shalam": ["not_eligible", "eligible"],
        "chapter10": ["contact_rusteam", "pregnancy_handover", "voluntary_help", "no_grounds"],
        "services": ["for_relatives", "apply_follow_up", "low_threshold_help"],
        "router": ["to_pregnancy", "to_chapter10", "to_shalam", "to_placement", "to_services"],
    }
    assert ids["chapter10"] == [
        "pregnant",
        "relatives_report",
        "others_concern",
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


def _texts(value: object, where: str) -> Iterator[tuple[str, Text]]:
    """Yield every Text inside a model object, with where it sits."""
    if isinstance(value, Text):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(item, f"{where}[{key}]")


def test_every_shipped_text_has_bokmal_and_english(shipped_directory: Directory) -> None:
    """Every text in the shipped questionnaires, contacts and sources exists in nb and en."""
    found = list(_texts(shipped_directory, "contacts"))
    for path in SHIPPED:
        found += _texts(load_questionnaire(path, shipped_directory), path.stem)
    assert len(found) > 100
    missing = [where for where, text in found if not (text.has("nb") and text.has("en"))]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_both_languages_render_every_shipped_questionnaire(
    path: Path, lang: str, shipped_directory: Directory
) -> None:
    """Every question, review and report of every case renders in the language, no text empty."""
    questionnaire = load_questionnaire(path, shipped_directory)
    for question in questionnaire.questions:
        out = io.StringIO()
        prompt = Prompt(questionnaire, question, 1, 1, None, True, lang)
        assert PlainAsker(io.StringIO("v\n"), out).ask(prompt) is UNKNOWN
        shown = out.getvalue()
        assert " ".join(question.text.get(lang).split()) in " ".join(shown.split())
        assert not re.search(r"^\s+\S\)\s*$", shown, re.MULTILINE), shown  # an empty label
    cases, _ = check_cases(cases_file(path), questionnaire)
    for case in cases:
        decision = decide(questionnaire, case.answers)
        console = Console(width=80, record=True, color_system=None, file=io.StringIO())
        console.print(render_rich(decision, shipped_directory, lang))
        rendered = console.export_text()
        document = to_json(decision, shipped_directory, lang)
        assert t(f"level_{decision.level.value}", lang) in rendered
        assert " ".join(document["outcome"]["summary"].split()[:3]) in rendered
        assert t("disclaimer", lang) in rendered
        assert "{" not in rendered
        empty = [key for key, value in _strings(document) if not value.strip()]
        assert empty == [], case.name


def _strings(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Yield every string in a JSON document with its key path."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_hand_overs_form_valid_chains(path: Path) -> None:
    """Every continue_with names a shipped questionnaire, with no loop and shared ids aligned."""
    from triage.load.catalog import Catalog

    chain = Catalog().chain(path.stem)
    assert next(iter(chain)) == path.stem


# The seed pages, by the source id contacts.yaml gives them.
SEED_FILES = {
    "sogne_rusomsorg": "000_496f715bcf27d101.txt",
    "kristiansand_rusteamet": "001_b7757e800ee6dc79.txt",
    # The national numbers are not on the pages: the seeds README lists them as outside facts.
    "national_numbers": "README.md",
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


def _legal_sections(name: str, answers: dict, directory: Directory) -> list[tuple[str, bool]]:
    questionnaire = load_questionnaire(shipped_dir() / f"{name}.yaml", directory)
    document = to_json(decide(questionnaire, answers), directory)
    return [(b["section"], b["certain"]) for b in document["legal_basis"]]


def test_pregnancy_report_does_not_cite_section_10_3_as_its_basis(
    shipped_directory: Directory,
) -> None:
    """§ 10-3 shows only once voluntary help has failed, and as possible while that is unknown."""
    base = {"pregnant": True, "substance_use_concern": True}
    assert _legal_sections("pregnancy", base, shipped_directory) == [("§ 10-3", False)]
    failed = {**base, "follow_up_coordinated": True, "voluntary_help_failed": True}
    assert _legal_sections("pregnancy", failed, shipped_directory) == [("§ 10-3", True)]
    worked = {**base, "follow_up_coordinated": True, "voluntary_help_failed": False}
    assert _legal_sections("pregnancy", worked, shipped_directory) == []


def test_chapter10_contact_lists_only_the_sections_that_fit(shipped_directory: Directory) -> None:
    """A relatives' report without danger to health cites § 10-1, not § 10-2 or § 10-4."""
    answers = {
        "pregnant": False,
        "relatives_report": True,
        "others_concern": False,
        "health_endangered_by_misuse": False,
        "wants_voluntary_treatment": False,
    }
    assert _legal_sections("chapter10", answers, shipped_directory) == [("§ 10-1", True)]
    danger = {**answers, "relatives_report": False, "health_endangered_by_misuse": True}
    danger["help_measures_insufficient"] = UNKNOWN
    assert _legal_sections("chapter10", danger, shipped_directory) == [("§ 10-2", True)]


def test_national_numbers_are_marked_as_not_from_the_pages(shipped_directory: Directory) -> None:
    """113 and 116 117 carry their own source, the date checked, and say they are national."""
    for ident, phone in (("medical_emergency", "113"), ("legevakt", "116 117")):
        contact = shipped_directory.contacts[ident]
        assert contact.phone == phone
        assert contact.source == "national_numbers"
        assert contact.checked.isoformat() == "2026-11-25"
        assert "ikke fra kildesidene" in contact.role.get("nb")


def test_uncontrolled_mental_illness_never_gives_a_placement(shipped_directory: Directory) -> None:
    """Whatever else is answered (yes, no or «Vet ikke»), a yes to exclusion 2 is never positive."""
    import itertools

    questionnaire = load_questionnaire(shipped_dir() / "placement.yaml", shipped_directory)
    others = [q.id for q in questionnaire.questions if q.id != "mental_illness_not_controlled"]
    outcomes = set()
    for values in itertools.product((True, False, UNKNOWN), repeat=len(others)):
        answers = {**dict(zip(others, values, strict=True)), "mental_illness_not_controlled": True}
        outcomes.add(decide(questionnaire, answers).outcome_id)
    assert outcomes == {"not_covered"}


@pytest.mark.parametrize(
    "reason", ["relatives_report", "others_concern", "health_endangered_by_misuse"]
)
def test_a_reason_to_contact_rusteamet_is_never_blocked(
    shipped_directory: Directory, reason: str
) -> None:
    """A relatives' report, a concern or health in danger gives contact, pregnant or not."""
    import itertools

    questionnaire = load_questionnaire(shipped_dir() / "chapter10.yaml", shipped_directory)
    others = [q.id for q in questionnaire.questions if q.id != reason]
    outcomes = set()
    for values in itertools.product((True, False, UNKNOWN), repeat=len(others)):
        answers = {**dict(zip(others, values, strict=True)), reason: True}
        outcomes.add(decide(questionnaire, answers).outcome_id)
    assert outcomes == {"contact_rusteam"}
