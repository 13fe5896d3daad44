"""Play a questionnaire's scenario cases for trainers: the answers, then the report.

Renders and returns; the CLI prints one case at a time and pauses between them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from triage.check.scenarios import CaseResult, run_case
from triage.core.engine import decide
from triage.core.errors import UsageError
from triage.core.model import Directory, Questionnaire
from triage.core.routing import go_on
from triage.load.cases import Case
from triage.render.i18n import t
from triage.render.rich import render_rich
from triage.render.words import format_answer, inert

if TYPE_CHECKING:
    from rich.console import RenderableType


def render_case(
    questionnaire: Questionnaire,
    case: Case,
    directory: Directory,
    lang: str = "nb",
    number: int = 1,
    total: int = 1,
) -> tuple[RenderableType, CaseResult]:
    """Return one case as a renderable (heading, answers, report) and how it went."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text as RichText

    result = run_case(questionnaire, case)
    decided = decide(questionnaire, case.answers)
    decision = go_on(decided) or decided  # as a run (and the case) goes on, if it may
    heading = t("demo_case", lang, number=number, total=total, name=inert(case.name))
    table = Table(show_header=False, box=None, padding=(0, 1), expand=False)
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(ratio=4)
    table.add_column(ratio=1)
    for index, question in enumerate(questionnaire.questions, start=1):
        if question.id not in decision.asked:
            skipped = t("demo_skipped", lang)
            if question.id in case.answers:
                given = format_answer(question, case.answers[question.id], lang)
                skipped = t("demo_dropped", lang, answer=given)
            answer = RichText(skipped, style="dim italic")
        elif question.id in decision.answers:
            shown = format_answer(question, decision.answers[question.id], lang)
            answer = RichText(shown, style="bold")
        else:
            answer = RichText(t("demo_not_answered", lang), style="italic")
        table.add_row(str(index), RichText(inert(question.text.get(lang))), answer)
    if result.passed:
        verdict = RichText(t("demo_as_expected", lang), style="green")
    else:
        failures = inert("; ".join(result.failures))
        verdict = RichText(t("demo_mismatch", lang, failures=failures), style="bold red")
    parts: list[RenderableType] = [
        Rule(RichText(heading, style="bold"), align="left"),
        RichText(t("demo_answers", lang), style="bold underline"),
        table,
        RichText(""),
        render_rich(decision, directory, lang),
    ]
    if decision.outcome is not None and decision.outcome.continue_with:
        target = decision.outcome.continue_with
        line = f"→ {t('explain_continue', lang)}: {inert(target)}"
        parts.append(RichText(line, style="bold blue"))
    parts.append(verdict)
    return Group(*parts), result


def pick_cases(
    cases: Sequence[Case], wanted: str | None, questionnaire_id: str
) -> list[tuple[int, Case]]:
    """Return the cases to play with their numbers: all, or those ``wanted`` names.

    ``wanted`` is a case's number, its full name, or a part of the name (any case).
    Raises UsageError when nothing matches, or when a part matches several cases.
    """
    numbered = list(enumerate(cases, start=1))
    if wanted is None:
        return numbered
    text = wanted.strip()
    if text.isdecimal() and 1 <= int(text) <= len(cases):
        return [numbered[int(text) - 1]]
    exact = [(n, c) for n, c in numbered if c.name == text]
    if exact:
        return exact[:1]
    found = [(n, c) for n, c in numbered if text.casefold() in c.name.casefold()]
    starting = [(n, c) for n, c in found if c.name.casefold().startswith(text.casefold())]
    if len(found) == 1 or len(starting) == 1:
        return starting if len(starting) == 1 else found
    if not found:
        raise UsageError(
            f"no case matches '{wanted}' (see: triage demo {questionnaire_id} --list)",
            key="error_no_case",
            name=wanted,
            id=questionnaire_id,
        )
    names = "; ".join(f"{n}) {inert(c.name)}" for n, c in found)
    raise UsageError(
        f"'{wanted}' matches several cases: {names} (pick one by its number)",
        key="error_ambiguous_case",
        name=wanted,
        names=names,
    )
