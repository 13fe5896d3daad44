"""Hand-overs: continue_with in the loader and catalogue, and routes through 'triage start'."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CONTACTS, SMALL
from tests.core.test_interview import Script, ScriptedAsker
from triage.core.engine import next_question
from triage.core.errors import QuestionnaireError
from triage.core.interview import BACK, DONE, run_interview
from triage.core.model import UNKNOWN, AnswerValue, Directory, Questionnaire
from triage.core.routing import (
    ROUTER_ID,
    Complete,
    Entry,
    Step,
    answer_space,
    carry,
    check_chain,
    follow,
    hands_over,
)
from triage.load.catalog import Catalog
from triage.load.questionnaire import check_questionnaire

Write = Callable[[str, str], Path]

ROUTER = """\
id: {ident}
title: Ruter
description: Velger skjema.
version: "1"
source: {{pages: [page]}}
questions:
  - {{id: resident, kind: yes_no, text: "Bor i kommunen?"}}
  - {{id: age, {age}, text: "Alder?"}}
outcomes:
  - id: go
    level: information
    title: Videre
    summary: Går videre.
    when: resident
    contacts: [team]
    continue_with: {target}
  - {{id: stay, level: information, title: Bli, summary: Bli., when: not resident, contacts: []}}
"""


def _router(ident: str = "router", target: str = "small", age_kind: str = "number") -> str:
    age = "kind: number, min: 0, max: 120" if age_kind == "number" else f"kind: {age_kind}"
    return ROUTER.format(ident=ident, target=target, age=age)


def _errors(path: Path, directory: Directory, known: set[str] | None) -> list[str]:
    checked = check_questionnaire(path, directory, display="r.yaml", known=known)
    return [p.format() for p in checked.problems]


@pytest.mark.parametrize(
    ("target", "known", "expected"),
    [
        pytest.param("small", {"router", "small"}, [], id="known"),
        pytest.param("small", None, [], id="unchecked-without-catalog"),
        pytest.param(
            "smal",
            {"router", "small"},
            [
                "r.yaml:16:20: error: unknown questionnaire 'smal' in continue_with",
            ],
            id="unknown",
        ),
        pytest.param(
            "router",
            {"router", "small"},
            ["r.yaml:16:20: error: an outcome cannot continue with its own questionnaire 'router'"],
            id="itself",
        ),
        pytest.param(
            "Small",
            None,
            [
                "r.yaml:16:20: error: 'continue_with' must be an id of lowercase letters, "
                "digits and _ (got 'Small')"
            ],
            id="not-an-id",
        ),
    ],
)
def test_loader_checks_continue_with(
    write_file: Write,
    directory: Directory,
    target: str,
    known: set[str] | None,
    expected: list[str],
) -> None:
    """continue_with must be an id, not the questionnaire's own, and known to the catalogue."""
    path = write_file("r.yaml", _router(target=target))
    assert _errors(path, directory, known) == expected


def test_unknown_target_suggests_a_close_id(write_file: Write, directory: Directory) -> None:
    """A misspelt target gets a 'did you mean' hint."""
    path = write_file("r.yaml", _router(target="smal"))
    (problem,) = check_questionnaire(path, directory, known={"small"}).problems
    assert problem.hint == "did you mean 'small'?"


def _catalog(tmp_path: Path, files: dict[str, str]) -> Catalog:
    folder = tmp_path / "extra"
    folder.mkdir()
    (folder / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return Catalog((folder,))


def test_catalog_chain_loads_every_target(tmp_path: Path) -> None:
    """chain() returns the questionnaire and those it continues with, first one first."""
    catalog = _catalog(tmp_path, {"router": _router(), "small": SMALL})
    chain = catalog.chain("router")
    assert list(chain) == ["router", "small"]


def test_catalog_refuses_a_loop(tmp_path: Path) -> None:
    """A chain that leads back to where it started is a located error."""
    loop = _router(ident="small", target="router")
    catalog = _catalog(tmp_path, {"router": _router(), "small": loop})
    with pytest.raises(QuestionnaireError) as raised:
        catalog.chain("router")
    assert raised.value.message.endswith(
        "small.yaml:10:1: error: continue_with makes a loop: router → small → router"
    )


def test_catalog_refuses_a_shared_id_of_another_kind(tmp_path: Path) -> None:
    """A question id shared along a chain must keep its kind, or a carried answer misleads."""
    catalog = _catalog(tmp_path, {"router": _router(age_kind="yes_no"), "small": SMALL})
    with pytest.raises(QuestionnaireError) as raised:
        catalog.chain("router")
    assert raised.value.message.endswith(
        "small.yaml:10:1: error: question 'age' is shared with 'router' but is number here "
        "and yes_no there (a carried answer must mean the same: use another id or align them)"
    )


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        pytest.param(
            "{id: x, kind: choice, text: X, choices: [a, b, c]}",
            "{id: x, kind: choice, text: X, choices: [a, b]}",
            "lacks the choices c",
            id="choices",
        ),
        pytest.param(
            "{id: x, kind: number, text: X}",
            "{id: x, kind: number, min: 0, max: 120, text: X}",
            "allows a narrower range of numbers here",
            id="range",
        ),
    ],
)
def test_shared_ids_must_accept_every_carried_answer(
    build: Callable[[str], Questionnaire], before: str, after: str, message: str
) -> None:
    """A target's shared choice or number question must accept every answer the source allows."""
    template = """\
        id: {ident}
        title: T
        description: D
        version: "1"
        source: {{pages: [page]}}
        questions:
          - {question}
        outcomes:
          - {{id: o, level: information, title: O, summary: O, when: true, contacts: [team]{more}}}
        """
    source = build(template.format(ident="a", question=before, more=", continue_with: b"))
    target = build(template.format(ident="b", question=after, more=""))
    (problem,) = check_chain({"a": source, "b": target}, "a")
    assert problem.message == f"question 'x' is shared with 'a' but {message}"


def test_answer_space_reads_answers_for_the_whole_chain(small: Questionnaire) -> None:
    """An answers file for a chain may hold every questionnaire's answers."""
    catalog = Catalog()
    chain = catalog.chain("chapter10")
    space = answer_space(chain.values())
    assert space.id == "chapter10"
    assert [q.id for q in space.questions] == [
        "pregnant",
        "relatives_report",
        "others_concern",
        "health_endangered_by_misuse",
        "help_measures_insufficient",
        "wants_voluntary_treatment",
        "substance_use_concern",
        "follow_up_coordinated",
        "voluntary_help_failed",
    ]
    assert carry({"pregnant": True, "other": 1, "age": 3}, small) == {"age": 3}


# --------------------------------------------------------------------------- start routes


@pytest.fixture(scope="module")
def routes() -> dict[str, Questionnaire]:
    """The shipped router and everything it continues with."""
    return Catalog().chain(ROUTER_ID)


def _interviewer(asker: ScriptedAsker) -> Complete:
    """Complete answers as the CLI does: interview (and review) only when one is missing."""

    def complete(
        questionnaire: Questionnaire, given: dict[str, AnswerValue], entry: Entry
    ) -> dict[str, AnswerValue]:
        if next_question(questionnaire, given) is None:
            return given
        return run_interview(
            questionnaire, asker, given, defaults=entry.defaults, can_leave=entry.can_leave
        )

    return complete


def _run(
    chain: dict[str, Questionnaire],
    replies: Script,
    answers: dict[str, AnswerValue] | None = None,
) -> tuple[list[Step], ScriptedAsker]:
    asker = ScriptedAsker(replies)
    steps = list(follow(chain[ROUTER_ID], chain, answers or {}, _interviewer(asker)))
    assert asker.replies == [], "every scripted reply was used"
    return steps, asker


@pytest.mark.parametrize(
    ("route", "target", "outcome", "carried", "replies"),
    [
        pytest.param(
            [True],
            "pregnancy",
            "report",
            {"pregnant": True},
            [True, UNKNOWN, False],
            id="pregnancy",
        ),
        pytest.param(
            [False, "coercion"],
            "chapter10",
            "contact_rusteam",
            {"pregnant": False},
            [True, UNKNOWN, UNKNOWN, UNKNOWN, False],
            id="chapter10",
        ),
        pytest.param(
            [False, "detox_now"],
            "shalam",
            "eligible",
            {},
            [34, True, True, True, True],
            id="shalam",
        ),
        pytest.param(
            [False, "residential_place"],
            "placement",
            "not_covered",
            {},
            [False] * 9,
            id="placement",
        ),
        pytest.param(
            [False, "overview"],
            "services",
            "for_relatives",
            {},
            ["relative", False],
            id="services",
        ),
    ],
)
def test_start_routes_into_each_questionnaire(
    routes: dict[str, Questionnaire],
    route: Script,
    target: str,
    outcome: str,
    carried: dict[str, AnswerValue],
    replies: Script,
) -> None:
    """The router's answers pick the questionnaire; shared answers are carried, not re-asked."""
    steps, asker = _run(routes, [*route, DONE, *replies, DONE])
    first, last = steps
    assert first.target is not None
    assert first.target.id == target
    assert dict(first.carried) == carried
    assert last.decision.questionnaire.id == target
    assert last.decision.outcome_id == outcome
    assert last.target is None
    asked_in_target = [p.question.id for p in asker.prompts if p.questionnaire.id == target]
    assert not set(carried) & set(asked_in_target)
    for key, value in carried.items():
        assert last.decision.answers[key] == value


def test_carried_answer_counts_in_the_target_numbering(routes: dict[str, Questionnaire]) -> None:
    """The first question asked after a carried answer is numbered after it (2 of 6)."""
    _, asker = _run(routes, [False, "coercion", DONE, False, False, False, False, DONE])
    prompt = next(p for p in asker.prompts if p.questionnaire.id == "chapter10")
    assert (prompt.question.id, prompt.number, prompt.total) == ("relatives_report", 2, 6)


def test_unknown_pregnancy_goes_on_with_the_situation(routes: dict[str, Questionnaire]) -> None:
    """'Vet ikke' on pregnancy hands over as the situation says; the answer stays unknown."""
    steps, _ = _run(routes, [UNKNOWN, "detox_now", DONE, 34, True, True, True, True, DONE])
    first, last = steps
    assert first.target is not None
    assert first.target.id == "shalam"
    assert first.decision.outcome_id == "to_shalam"
    assert first.went_on_without == ("pregnant",)
    assert first.decision.answers["pregnant"] is UNKNOWN
    assert [n.status for n in first.decision.notes] == [None]
    assert last.decision.outcome_id == "eligible"


def test_hand_over_panel_names_what_was_left_open(routes: dict[str, Questionnaire]) -> None:
    """The hand-over shows the open pregnancy answer and the reminder, and the title once."""
    from rich.console import Console

    from triage.render.rich import render_handover

    steps, _ = _run(routes, [UNKNOWN, "detox_now", DONE, 34, True, True, True, True, DONE])
    console = Console(width=100, record=True, color_system=None, file=io.StringIO())
    console.print(render_handover(steps[0], "nb"))
    text = " ".join(console.export_text().replace("│", " ").split())
    assert "Ikke avklart – veiviseren går videre med det den vet:" in text
    assert "• Er personen gravid? Vet ikke" in text
    assert "skal mistanke om rus meldes til Rusteamet" in text
    assert text.count("Ut av det – sosialfaglig avgiftning ved Shalam") == 1


def test_unknown_pregnancy_is_asked_again_where_it_matters(
    routes: dict[str, Questionnaire],
) -> None:
    """chapter10 receives pregnancy as unknown, not as a made-up no."""
    steps, _ = _run(routes, [UNKNOWN, "coercion", DONE, *[UNKNOWN] * 5, DONE])
    first, last = steps
    assert first.target is not None
    assert first.target.id == "chapter10"
    assert dict(first.carried) == {"pregnant": UNKNOWN}
    assert last.decision.answers["pregnant"] is UNKNOWN


def test_known_pregnancy_hands_over_without_passing_anything(
    routes: dict[str, Questionnaire],
) -> None:
    """A definite route names no passed question."""
    steps, _ = _run(routes, [False, "overview", DONE, "relative", False, DONE])
    assert steps[0].went_on_without == ()


def test_unknown_situation_still_stops_at_the_router(routes: dict[str, Questionnaire]) -> None:
    """With the situation unknown too there is nothing to go on with: clarify, no hand-over."""
    steps, _ = _run(routes, [UNKNOWN, UNKNOWN, DONE])
    (step,) = steps
    assert step.decision.outcome_id == "clarify"
    assert step.decision.clarify == ("pregnant", "situation")
    assert step.target is None
    assert step.went_on_without == ()


def test_go_on_without_names_only_questions(build: Callable[[str], Questionnaire]) -> None:
    """A go_on_without id that is no question is a load error naming it."""
    with pytest.raises(QuestionnaireError, match=r"unknown question id 'nope' in 'go_on_without'"):
        build(
            "id: q\ntitle: Q\ndescription: Q.\nversion: '1'\nsource: {pages: [page]}\n"
            "questions:\n  - {id: a, kind: yes_no, text: A}\n"
            "outcomes:\n  - {id: o, level: information, title: O, summary: O., when: a,"
            " contacts: [team]}\n"
            "clarify: {go_on_without: [nope]}\n"
        )


def test_back_at_the_handed_over_first_question_returns_into_the_router(
    routes: dict[str, Questionnaire],
) -> None:
    """'<' at shalam's first question re-asks the router's last one, preselected, then on."""
    replies: Script = [False, "detox_now", DONE, BACK, "residential_place", DONE]
    steps, asker = _run(routes, [*replies, *[False] * 9, DONE])
    assert [s.target.id for s in steps if s.target] == ["shalam", "placement"]
    back = asker.prompts[3]
    assert (back.questionnaire.id, back.question.id) == (ROUTER_ID, "situation")
    assert back.default == "detox_now"
    assert back.can_go_back is True
    assert asker.prompts[2].can_go_back is True  # shalam's first question may leave
    assert steps[-1].decision.questionnaire.id == "placement"
    assert "age" not in steps[-1].decision.answers


def test_back_into_the_router_keeps_what_was_typed_in_the_target(
    routes: dict[str, Questionnaire],
) -> None:
    """An answer typed in the target and backed over is offered again on the way forward."""
    replies: Script = [False, "detox_now", DONE, 34, BACK, BACK, "detox_now", DONE]
    _, asker = _run(routes, [*replies, 34, True, True, True, True, DONE])
    again = [p for p in asker.prompts if p.question.id == "age"]
    assert [p.default for p in again] == [None, 34, 34]


def test_chapter10_hands_a_pregnancy_over_with_the_answer(routes: dict[str, Questionnaire]) -> None:
    """chapter10 continues into pregnancy for a pregnant woman, carrying 'pregnant'."""
    chain = Catalog().chain("chapter10")
    asker = ScriptedAsker([True, False, False, False, DONE, True, UNKNOWN, UNKNOWN, DONE])
    first, last = follow(chain["chapter10"], chain, {}, _interviewer(asker))
    assert first.decision.outcome_id == "pregnancy_handover"
    assert dict(first.carried) == {"pregnant": True}
    assert last.decision.questionnaire.id == "pregnancy"
    assert last.decision.outcome_id == "report"
    assert [p.question.id for p in asker.prompts] == [
        "pregnant",
        "relatives_report",
        "others_concern",
        "health_endangered_by_misuse",
        "substance_use_concern",
        "follow_up_coordinated",
        "voluntary_help_failed",
    ]


def test_answers_given_up_front_skip_the_whole_route(routes: dict[str, Questionnaire]) -> None:
    """Answers for router and target together need no questions at all."""
    answers: dict[str, AnswerValue] = {"pregnant": True, "substance_use_concern": False}
    steps, asker = _run(routes, [], answers)
    assert asker.prompts == []
    assert steps[-1].decision.outcome_id == "not_applicable"


# --------------------------------------------------------------------------- triage validate


def _folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    folder = tmp_path / "own"
    folder.mkdir()
    (folder / "contacts.yaml").write_text(CONTACTS, encoding="utf-8")
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def _chain_findings(folder: Path) -> list[str]:
    from triage.check.validation import validate

    found = validate([folder], Catalog((folder,)), prove=False)
    return [p.format() for p in found.problems if "continue" in p.message or "shared" in p.message]


def test_validate_reports_a_loop_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'triage validate' finds a hand-over loop, reported once however many files lead to it."""
    folder = _folder(
        tmp_path, monkeypatch, {"router": _router(), "small": _router("small", "router")}
    )
    assert _chain_findings(folder) == [
        "small.yaml:10:1: error: continue_with makes a loop: router → small → router"
    ]


def test_validate_reports_an_unknown_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target that is neither checked nor in the catalogue is an error at its line."""
    folder = _folder(tmp_path, monkeypatch, {"router": _router(target="smal"), "small": SMALL})
    assert _chain_findings(folder) == [
        "router.yaml:16:20: error: unknown questionnaire 'smal' in continue_with"
    ]


def test_validate_reports_a_shared_id_that_does_not_fit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared question id of another kind along a chain is an error in the target."""
    folder = _folder(tmp_path, monkeypatch, {"router": _router(age_kind="yes_no"), "small": SMALL})
    assert _chain_findings(folder) == [
        "small.yaml:10:1: error: question 'age' is shared with 'router' but is number here "
        "and yes_no there"
    ]


def test_validate_finds_a_target_that_does_not_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-over to a questionnaire with errors says the target does not load."""
    broken = SMALL.replace("kind: number", "kind: numbr")
    folder = _folder(tmp_path, monkeypatch, {"router": _router(), "small": broken})
    assert _chain_findings(folder) == [
        "router.yaml:10:1: error: outcome 'go' continues with 'small', which does not exist "
        "or does not load"
    ]


def test_demo_shows_the_router_going_on_as_its_case_expects() -> None:
    """The demo of «Vet ikke» on pregnancy shows the hand-over, not «Må avklares»."""
    from typer.testing import CliRunner

    from triage.cli import app

    name = "graviditet ukjent, ønsker avrusing nå – går videre til Shalam"
    result = CliRunner().invoke(app, ["demo", "router", "--no-pause", "--case", name])
    assert result.exit_code == 0, result.output
    assert "MÅ AVKLARES" not in result.stdout
    assert "Ut av det – sosialfaglig avgiftning ved Shalam" in result.stdout
    assert "(kan gjelde) Er personen gravid" in result.stdout


def test_hands_over_only_when_the_outcome_continues_elsewhere() -> None:
    """The router's answers hand over (even past «Vet ikke» on pregnancy); shalam's never do."""
    from triage.load.catalog import Catalog

    catalog = Catalog()
    router, shalam = catalog.load(ROUTER_ID), catalog.load("shalam")
    assert hands_over(router, {"pregnant": False, "situation": "detox_now"})
    assert hands_over(router, {"pregnant": UNKNOWN, "situation": "detox_now"})
    assert not hands_over(router, {"pregnant": False})
    assert not hands_over(shalam, {"age": 34})
