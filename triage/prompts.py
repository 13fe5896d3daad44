"""Askers: the questionary one for a terminal.

questionary is imported inside the asker so that commands which never prompt start fast.
"""

from __future__ import annotations

from typing import Any

from triage.i18n import t
from triage.interview import BACK, Back, Prompt
from triage.loader import coerce_answer
from triage.model import UNKNOWN, AnswerValue, QuestionKind

#: Typed at a number prompt to go back.
BACK_KEY = "<"


def format_value(prompt: Prompt, value: AnswerValue | None) -> str:
    """Return how an answer reads in the tool's language."""
    if value is None:
        return ""
    if value is UNKNOWN:
        return t("unknown", prompt.lang)
    if isinstance(value, bool):
        return t("yes" if value else "no", prompt.lang)
    choice = prompt.question.choice(value) if isinstance(value, str) else None
    return choice.text.get(prompt.lang) if choice else str(value)


def heading(prompt: Prompt) -> str:
    """Return the progress line shown above a question."""
    progress = t("question_of", prompt.lang, number=prompt.number, total=prompt.total)
    return f"{prompt.questionnaire.title.get(prompt.lang)} · {progress}"


class QuestionaryAsker:
    """Ask in a terminal with questionary: lists with shortcuts, numbers checked as typed."""

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Ask one question; Ctrl-C raises KeyboardInterrupt (questionary's unsafe_ask)."""
        import questionary

        question = prompt.question
        message = f"{heading(prompt)}\n  {question.text.get(prompt.lang)}"
        if question.help is not None:
            message += f"\n  ({question.help.get(prompt.lang)})"
        if question.kind is QuestionKind.NUMBER:
            return self._number(questionary, prompt, message)
        options: list[tuple[str, AnswerValue | Back, str | None]]
        if question.kind is QuestionKind.YES_NO:
            options = [
                (t("yes", prompt.lang), True, "j"),
                (t("no", prompt.lang), False, "n"),
            ]
        else:
            options = [(c.text.get(prompt.lang), c.value, None) for c in question.choices]
        options.append((t("unknown", prompt.lang), UNKNOWN, "v"))
        if prompt.can_go_back:
            options.append((t("back", prompt.lang), BACK, "t"))
        choices = [
            questionary.Choice(title, value=index, shortcut_key=key if key else True)
            for index, (title, _, key) in enumerate(options)
        ]
        default = next(
            (
                c
                for c, (_, v, _) in zip(choices, options, strict=True)
                if prompt.default is not None
                and v == prompt.default
                and type(v) is type(prompt.default)
            ),
            None,
        )
        picked = questionary.select(
            message,
            choices=choices,
            default=default,
            use_shortcuts=True,
            use_jk_keys=False,
            instruction=t(
                "select_hint_yes_no" if question.kind is QuestionKind.YES_NO else "select_hint",
                prompt.lang,
            ),
            qmark="?",
        ).unsafe_ask()
        picked_value: AnswerValue | Back = options[picked][1]
        return picked_value

    def _number(self, questionary: Any, prompt: Prompt, message: str) -> AnswerValue | Back:
        question = prompt.question
        low, high = question.minimum, question.maximum
        span = (
            t("range", prompt.lang, low=low, high=high)
            if low is not None and high is not None
            else ""
        )
        hint = t("number_hint", prompt.lang, range=span)

        def validate(text: str) -> bool | str:
            text = text.strip()
            if text == BACK_KEY and prompt.can_go_back:
                return True
            try:
                coerce_answer(question, text)
            except ValueError:
                return _number_error(prompt, text)
            return True

        default = (
            ""
            if prompt.default is None
            else ("v" if prompt.default is UNKNOWN else str(prompt.default))
        )
        typed: str = questionary.text(
            message, default=default, validate=validate, instruction=f"\n  {hint}\n  >"
        ).unsafe_ask()
        typed = typed.strip()
        if typed == BACK_KEY:
            return BACK
        return coerce_answer(question, typed)


def _number_error(prompt: Prompt, text: str) -> str:
    question = prompt.question
    try:
        number = int(text)
    except ValueError:
        return t("not_a_number", prompt.lang)
    if question.minimum is not None and number < question.minimum:
        return t("below", prompt.lang, low=question.minimum)
    return t("above", prompt.lang, high=question.maximum)
