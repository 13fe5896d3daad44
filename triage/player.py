"""``triage demo``: play a questionnaire's scenario cases one by one, as on a projector.

Between cases a key shows the next one, < (or t, b, left arrow) the one before, q quits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from triage.core.errors import UsageError

if TYPE_CHECKING:
    from triage.core.model import Directory, Questionnaire
    from triage.load.cases import Case
    from triage.load.catalog import Catalog

#: Keys that show the case before: <, t (tilbake), b (back), and the left arrow as POSIX
#: terminals and the Windows console send it.
DEMO_BACK_KEYS = frozenset({"<", "t", "T", "b", "B", "\x1b[D", "\x1bOD", "\xe0K", "\x00K"})


def load_cases(
    catalog: Catalog, questionnaire: Questionnaire, questionnaire_id: str, wanted: str | None
) -> tuple[list[tuple[int, Case]], int]:
    """Return the cases to play, numbered, and how many the file has in all.

    Raises UsageError without a cases file, QuestionnaireError when it has errors.
    """
    from triage.core.errors import QuestionnaireError, Severity
    from triage.load.cases import check_cases
    from triage.load.catalog import cases_file
    from triage.render.demo import pick_cases

    path = cases_file(catalog.path(questionnaire.id))
    if not path.is_file():
        raise UsageError(
            f"no scenario cases for '{questionnaire_id}' (expected {path})",
            key="error_no_cases",
            id=questionnaire_id,
            path=path,
        )
    cases, problems = check_cases(path, questionnaire)
    if any(p.severity is Severity.ERROR for p in problems):
        raise QuestionnaireError(problems)
    return pick_cases(cases, wanted, questionnaire_id), len(cases)


def play(
    questionnaire: Questionnaire,
    numbered: Sequence[tuple[int, Case]],
    directory: Directory,
    language: str,
    total: int,
    *,
    console: Any,
    pause: bool,
    getchar: Callable[[], str],
) -> bool:
    """Show the cases on ``console``, waiting for a key between them if ``pause``.

    Returns whether every case shown gave the outcome it expects.
    """
    from triage.render.demo import render_case

    failed: set[int] = set()
    index = 0
    while index < len(numbered):
        number, case = numbered[index]
        if pause:
            console.clear()  # only at a terminal: a projector shows one case at a time
        shown, result = render_case(questionnaire, case, directory, language, number, total)
        console.print(shown)
        if not result.passed:
            failed.add(number)
        if not pause:
            index += 1
            continue
        from triage.render.i18n import t

        last = index == len(numbered) - 1
        console.print(t("demo_pause_last" if last else "demo_pause", language), end="")
        key = getchar()
        console.print()
        if key.lower() == "q":
            break
        if key in DEMO_BACK_KEYS:
            index = max(index - 1, 0)
        elif last:
            break
        else:
            index += 1
    return not failed
