"""LHC-Forms in headless Chromium: the exported Questionnaires filled as a user would fill them."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import Site, run_node

UNKNOWN_SYSTEM = "urn:example:answers"

# A hand-written Questionnaire with each kind of item the harness fills, and enableWhen on a
# boolean and on a coding: it checks the harness itself, independent of triage's export.
TINY: dict[str, Any] = {
    "resourceType": "Questionnaire",
    "status": "draft",
    "item": [
        {"linkId": "age", "text": "Alder?", "type": "integer"},
        {"linkId": "pregnant", "text": "Gravid?", "type": "boolean"},
        {
            "linkId": "weeks",
            "text": "Hvor mange uker?",
            "type": "integer",
            "enableWhen": [{"question": "pregnant", "operator": "=", "answerBoolean": True}],
        },
        {
            "linkId": "kind",
            "text": "Hva slags?",
            "type": "choice",
            "answerOption": [
                {"valueCoding": {"system": UNKNOWN_SYSTEM, "code": code, "display": display}}
                for code, display in (("a", "Alfa"), ("b", "Beta"), ("unknown", "Vet ikke"))
            ],
        },
        {
            "linkId": "why",
            "text": "Hvorfor?",
            "type": "boolean",
            "enableWhen": [
                {
                    "question": "kind",
                    "operator": "=",
                    "answerCoding": {"system": UNKNOWN_SYSTEM, "code": "b"},
                }
            ],
        },
    ],
}


def fill(site: Site, questionnaire: dict[str, Any], *runs: list[dict[str, Any]]) -> Any:
    """Fill `questionnaire` in LHC-Forms once per run of steps; return what the script saw."""
    return run_node(
        "lforms.mjs",
        {"url": site.url("lforms.html"), "questionnaire": questionnaire, "runs": list(runs)},
    )


def answers(response: dict[str, Any]) -> dict[str, Any]:
    """Return a QuestionnaireResponse's answers by linkId (the one value of each)."""
    return {item["linkId"]: item["answer"][0] for item in response.get("item", [])}


def test_harness_reports_enable_when_and_returns_what_was_clicked(site: Site) -> None:
    """Typing, clicking and picking from a list show the enabled items and export the answers."""
    [run] = fill(
        site,
        TINY,
        [
            {"linkId": "age", "value": 34},
            {"linkId": "pregnant", "value": True},
            {"linkId": "weeks", "value": 12},
            {"linkId": "kind", "value": "Beta"},
            {"linkId": "why", "value": False},
        ],
    )
    assert run["visible"] == [
        ["age", "pregnant", "kind"],
        ["age", "pregnant", "kind"],
        ["age", "pregnant", "weeks", "kind"],
        ["age", "pregnant", "weeks", "kind"],
        ["age", "pregnant", "weeks", "kind", "why"],
        ["age", "pregnant", "weeks", "kind", "why"],
    ]
    assert answers(run["response"]) == {
        "age": {"valueInteger": 34},
        "pregnant": {"valueBoolean": True},
        "weeks": {"valueInteger": 12},
        "kind": {"valueCoding": {"system": UNKNOWN_SYSTEM, "code": "b", "display": "Beta"}},
        "why": {"valueBoolean": False},
    }
    assert run["offline"] == []
    assert run["errors"] == []


def test_harness_sees_an_answered_item_hidden_again_left_out(site: Site) -> None:
    """Changing the answer an item depends on hides it again, and its answer is not exported."""
    [run] = fill(
        site,
        TINY,
        [
            {"linkId": "pregnant", "value": True},
            {"linkId": "weeks", "value": 20},
            {"linkId": "pregnant", "value": False},
            {"linkId": "kind", "value": "Vet ikke"},
        ],
    )
    assert run["visible"][2] == ["age", "pregnant", "weeks", "kind"]
    assert run["visible"][3] == ["age", "pregnant", "kind"]
    assert answers(run["response"]) == {
        "pregnant": {"valueBoolean": False},
        "kind": {
            "valueCoding": {"system": UNKNOWN_SYSTEM, "code": "unknown", "display": "Vet ikke"}
        },
    }
