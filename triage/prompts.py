"""Askers: the questionary one for a terminal, and a plain line-by-line one.

The questionary asker is for phone intake at a desk: number shortcuts, j / n / v, "<" for
back on every kind of question, Enter to accept what is preselected. Every key moves the
pointer or types; Enter confirms. (A key that answered at once would leave a habitual Enter
in the type-ahead buffer, where it would silently accept the next question's first option.)

The plain asker reads whole lines and prints plain text, no cursor movement: it works through
pipes, in Git Bash and with screen readers.

questionary and rich are imported inside the askers so that commands which never prompt
start fast.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from triage.i18n import t
from triage.interview import BACK, DONE, Back, Origin, Prompt, Review, ReviewReply, Row
from triage.loader import coerce_answer
from triage.model import UNKNOWN, AnswerValue, Question, QuestionKind

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

T = TypeVar("T")

#: Typed (or pressed in a list) to go back, on every kind of question.
BACK_KEY = "<"
#: Typed in plain mode to show a question's help text.
HELP_KEY = "?"
#: Keys of yes, no and "Vet ikke", the same in every language so hands can learn them.
YES_KEY, NO_KEY, UNKNOWN_KEY = "j", "n", "v"
#: The list shortcut for going back (shown next to "← Tilbake"); "<" works as well.
BACK_SHORTCUT = "t"
#: The shortcut in the review for "the answers are right".
DONE_KEY = "f"


def format_value(prompt: Prompt | Review, value: AnswerValue | None, question: Question) -> str:
    """Return how an answer reads in the tool's language."""
    if value is None:
        return ""
    if value is UNKNOWN:
        return t("unknown", prompt.lang)
    if isinstance(value, bool):
        return t("yes" if value else "no", prompt.lang)
    choice = question.choice(value) if isinstance(value, str) else None
    return choice.text.get(prompt.lang) if choice else str(value)


def heading(prompt: Prompt) -> str:
    """Return the progress line shown above a question."""
    progress = t("question_of", prompt.lang, number=prompt.number, total=prompt.total)
    return f"{progress} · {prompt.questionnaire.title.get(prompt.lang)}"


def origin_label(origin: Origin, lang: str) -> str:
    """Return where an answer came from, as the review says it."""
    return t(f"origin_{origin.value}", lang)


def review_table(review: Review) -> RenderableType:
    """Return the review as a Rich table: number, question, answer, where it came from."""
    from rich.table import Table
    from rich.text import Text as RichText

    lang = review.lang
    table = Table(title=t("review_title", lang), title_justify="left", expand=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(t("question", lang), ratio=3, overflow="fold")
    table.add_column(t("answer", lang), ratio=1, overflow="fold")
    table.add_column(t("origin", lang), ratio=1, overflow="fold")
    for row in review.rows:
        table.add_row(
            str(row.number),
            RichText(row.question.text.get(lang)),
            RichText(format_value(review, row.value, row.question), style="bold"),
            RichText(origin_label(row.origin, lang)),
        )
    if review.dropped:
        table.add_section()
        for row in review.dropped:
            table.add_row(
                "–",
                RichText(row.question.text.get(lang), style="dim strike"),
                RichText(format_value(review, row.value, row.question), style="dim strike"),
                RichText(t("dropped", lang), style="italic"),
            )
    return table


def review_lines(review: Review) -> list[str]:
    """Return the review as plain lines: two per answer, so narrow screens and readers cope."""
    lang = review.lang
    lines = [t("review_title", lang) + ":"]
    for row in review.rows:
        lines.append(f"  {row.number}. {row.question.text.get(lang)}")
        lines.append(f"     {_row_value(review, row)} ({origin_label(row.origin, lang)})")
    if review.dropped:
        lines.append(t("dropped_title", lang) + ":")
        for row in review.dropped:
            lines.append(f"  - {row.question.text.get(lang)}")
            lines.append(f"     {_row_value(review, row)} ({t('dropped', lang)})")
    return lines


def _row_value(review: Review, row: Row) -> str:
    return format_value(review, row.value, row.question)


def _columns() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def _shorten(text: str, reserve: int) -> str:
    return textwrap.shorten(text, max(20, _columns() - reserve), placeholder="…")


def fit(text: str) -> str:
    """Wrap each line to the terminal, keeping its indent.

    prompt_toolkit cuts off (does not wrap) every line of a prompt but the last, so on a
    narrow terminal a long question would lose its end. Three columns are kept for the "? "
    in front and the space after.
    """
    width = max(20, _columns() - 3)
    lines: list[str] = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip(" "))]
        wrapped = textwrap.wrap(
            line, width, subsequent_indent=indent or "  ", break_on_hyphens=False
        )
        lines.extend(wrapped or [""])
    return "\n".join(lines)


# --------------------------------------------------------------------------- questionary


class QuestionaryAsker:
    """Ask in a terminal with questionary: lists with shortcuts, numbers checked as typed.

    ``prompt_options`` go to every questionary prompt (tests pass prompt_toolkit's pipe
    input and a dummy output); ``console`` prints the review table.
    """

    def __init__(self, console: Console | None = None, **prompt_options: Any) -> None:
        self.console = console
        self.options = prompt_options

    def _print(self, renderable: RenderableType) -> None:
        if self.console is None:
            from rich.console import Console

            self.console = Console(highlight=False)
        self.console.print(renderable)

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Ask one question; Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
        question = prompt.question
        message = f"{heading(prompt)}\n  {question.text.get(prompt.lang)}"
        if question.help is not None:
            message += f"\n  ({question.help.get(prompt.lang)})"
        if question.kind is QuestionKind.NUMBER:
            return self._number(prompt, message)
        options: list[tuple[str, AnswerValue | Back, str | bool]]
        if question.kind is QuestionKind.YES_NO:
            options = [
                (t("yes", prompt.lang), True, YES_KEY),
                (t("no", prompt.lang), False, NO_KEY),
            ]
        else:
            options = [
                (c.text.get(prompt.lang), c.value, str(n) if n < 10 else True)
                for n, c in enumerate(question.choices, start=1)
            ]
        options.append((t("unknown", prompt.lang), UNKNOWN, UNKNOWN_KEY))
        if prompt.can_go_back:
            options.append((t("back", prompt.lang), BACK, BACK_SHORTCUT))
        default = next(
            (
                index
                for index, (_, value, _) in enumerate(options)
                if prompt.default is not None
                and value == prompt.default
                and type(value) is type(prompt.default)
            ),
            None,
        )
        hint = "select_hint_yes_no" if question.kind is QuestionKind.YES_NO else "select_hint"
        return self._select(message, options, default, t(hint, prompt.lang))

    def _select(
        self,
        message: str,
        options: list[tuple[str, T, str | bool]],
        default: int | None,
        instruction: str,
    ) -> T:
        """Show a list; "<" points at the back option, Ctrl-D ends input, Enter picks."""
        import questionary
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
        from prompt_toolkit.keys import Keys
        from questionary.prompts.common import InquirerControl

        choices = [
            questionary.Choice(title, value=index, shortcut_key=key)
            for index, (title, _, key) in enumerate(options)
        ]
        question = questionary.select(
            fit(message),
            choices=choices,
            default=None if default is None else choices[default],
            use_shortcuts=True,
            use_jk_keys=False,
            # On a line of its own, so a long question does not push it off narrow screens.
            instruction="\n" + fit(f"  {instruction}"),
            qmark="?",
            **self.options,
        )
        # questionary's shortcuts only move the pointer; add "<" (to the back option) and
        # Ctrl-D (end of input, as at a shell prompt). Later bindings take precedence.
        app = question.application
        control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
        extra = KeyBindings()
        back = next((i for i, option in enumerate(options) if option[1] is BACK), None)
        if back is not None:

            @extra.add(BACK_KEY, eager=True)
            def _point_at_back(event: Any) -> None:
                control.pointed_at = back

        @extra.add(Keys.ControlD, eager=True)
        def _end_of_input(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")

        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])
        picked: int = question.unsafe_ask()
        return options[picked][1]

    def _number(self, prompt: Prompt, message: str) -> AnswerValue | Back:
        import questionary

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
            else (UNKNOWN_KEY if prompt.default is UNKNOWN else str(prompt.default))
        )
        typed: str = questionary.text(
            fit(message),
            default=default,
            validate=validate,
            instruction="\n" + fit(f"  {hint}") + "\n  >",
            **self.options,
        ).unsafe_ask()
        typed = typed.strip()
        if typed == BACK_KEY:
            return BACK
        return coerce_answer(question, typed)

    def review(self, review: Review) -> ReviewReply:
        """Print the answers as a table; pick "right", a row to change, or back."""
        lang = review.lang
        self._print(review_table(review))
        options: list[tuple[str, ReviewReply, str | bool]] = [
            (t("review_done", lang), DONE, DONE_KEY)
        ]
        for row in review.rows:
            text = _shorten(row.question.text.get(lang), 20)
            key: str | bool = str(row.number) if row.number < 10 else True
            options.append((t("review_change", lang, text=text), row.question.id, key))
        options.append((t("back", lang), BACK, BACK_SHORTCUT))
        return self._select(t("review_question", lang), options, 0, t("review_hint", lang))

    def confirm_stop(self, lang: str) -> bool:
        """Ask whether to stop; "no, go on" is preselected so a stray Ctrl-C costs nothing."""
        options: list[tuple[str, bool, str | bool]] = [
            (t("stop_no", lang), False, NO_KEY),
            (t("stop_yes", lang), True, YES_KEY),
        ]
        return self._select(t("stop_question", lang), options, 0, t("yes_no_hint", lang))

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Offer to save the answers; return the file name typed (a free one is suggested)."""
        import questionary

        options: list[tuple[str, bool, str | bool]] = [
            (t("save_yes", lang), True, YES_KEY),
            (t("save_no", lang), False, NO_KEY),
        ]
        if not self._select(t("save_question", lang), options, 0, t("yes_no_hint", lang)):
            return None

        def validate(text: str) -> bool | str:
            return _file_problem(text, lang) or True

        typed: str = questionary.text(
            fit(t("file_name", lang)), default=str(suggested), validate=validate, **self.options
        ).unsafe_ask()
        return Path(typed.strip()).expanduser()

    def offer(self, message: str, lang: str) -> bool:
        """Put a yes/no offer; nothing is preselected."""
        options: list[tuple[str, bool, str | bool]] = [
            (t("yes", lang), True, YES_KEY),
            (t("no", lang), False, NO_KEY),
        ]
        return self._select(message, options, None, t("yes_no_hint", lang))

    def file_name(self, suggested: Path, lang: str) -> Path:
        """Ask for a file name; the suggested (free) one is filled in."""
        import questionary

        def validate(text: str) -> bool | str:
            return _file_problem(text, lang) or True

        typed: str = questionary.text(
            fit(t("file_name", lang)), default=str(suggested), validate=validate, **self.options
        ).unsafe_ask()
        return Path(typed.strip()).expanduser()


def _number_error(prompt: Prompt, text: str) -> str:
    question = prompt.question
    try:
        number = int(text)
    except ValueError:
        return t("not_a_number", prompt.lang)
    if question.minimum is not None and number < question.minimum:
        return t("below", prompt.lang, low=question.minimum)
    if question.maximum is not None and number > question.maximum:
        return t("above", prompt.lang, high=question.maximum)
    return t("not_a_number", prompt.lang)


def _file_problem(text: str, lang: str) -> str | None:
    """Return why ``text`` cannot be a new answers file, or None if it can."""
    text = text.strip()
    if not text:
        return t("file_empty", lang)
    path = Path(text).expanduser()
    if path.exists():
        return t("file_exists", lang, name=text)
    if not path.parent.is_dir():
        return t("folder_missing", lang, name=str(path.parent))
    return None


# --------------------------------------------------------------------------- plain


class PlainAsker:
    """Ask line by line: numbered choices, typed answers, "?" for help, "<" for back.

    Questions go to ``out`` (the CLI passes stderr, so the report on stdout can be piped);
    ``echo`` repeats each line read, for input that the terminal did not show (a pipe).
    """

    def __init__(self, stdin: TextIO, out: TextIO, *, echo: bool = False) -> None:
        self.stdin = stdin
        self.out = out
        self.echo = echo
        self._titled = False

    def _say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _read(self, label: str) -> str:
        self.out.write(label)
        self.out.flush()
        line = self.stdin.readline()
        if not line:
            self._say()
            raise EOFError
        text = line.strip()
        if self.echo:
            self._say(text)
        return text

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Ask one question; end of input raises EOFError."""
        lang, question = prompt.lang, prompt.question
        if not self._titled:
            self._say(prompt.questionnaire.title.get(lang))
            self._titled = True
        self._say()
        progress = t("question_of", lang, number=prompt.number, total=prompt.total)
        self._say(f"{progress}: {question.text.get(lang)}")
        for key, label in self._options(prompt):
            self._say(f"  {key}) {label}")
        if prompt.default is None:
            label = t("plain_answer", lang)
        else:
            shown = format_value(prompt, prompt.default, question)
            label = t("plain_answer_default", lang, default=shown)
        while True:
            text = self._read(label)
            if text == HELP_KEY:
                help_text = question.help.get(lang) if question.help else t("no_help", lang)
                self._say(f"  {help_text}")
            elif text == BACK_KEY:
                if prompt.can_go_back:
                    return BACK
                self._say(f"  {t('first_question', lang)}")
            elif not text:
                if prompt.default is not None:
                    return prompt.default
                self._say(f"  {t('plain_empty', lang)}")
            else:
                value, problem = _parse(prompt, text)
                if problem is None:
                    return value
                self._say(f"  {problem}")

    def _options(self, prompt: Prompt) -> list[tuple[str, str]]:
        lang, question = prompt.lang, prompt.question
        options: list[tuple[str, str]] = []
        if question.kind is QuestionKind.YES_NO:
            options += [(YES_KEY, t("yes", lang)), (NO_KEY, t("no", lang))]
        elif question.kind is QuestionKind.CHOICE:
            options += [(str(n), c.text.get(lang)) for n, c in enumerate(question.choices, 1)]
        else:
            low, high = question.minimum, question.maximum
            span = t("range", lang, low=low, high=high) if None not in (low, high) else ""
            options.append(("#", t("plain_number", lang, range=span)))
        options.append((UNKNOWN_KEY, t("unknown", lang)))
        if prompt.can_go_back:
            options.append((BACK_KEY, t("back_plain", lang)))
        if question.help is not None:
            options.append((HELP_KEY, t("help", lang)))
        return options

    def review(self, review: Review) -> ReviewReply:
        """Print the answers line by line; Enter confirms, a number changes, "<" goes back."""
        lang = review.lang
        self._say()
        for line in review_lines(review):
            self._say(line)
        numbers = {str(row.number): row.question.id for row in review.rows}
        while True:
            text = self._read(t("plain_review", lang))
            if not text:
                return DONE
            if text == BACK_KEY:
                return BACK
            if text in numbers:
                return numbers[text]
            self._say(f"  {t('plain_review_invalid', lang, last=len(numbers))}")

    def confirm_stop(self, lang: str) -> bool:
        """Ask whether to stop; anything but yes goes on."""
        self._say()  # the interrupted line ends where ^C was shown
        return _is_yes(self._read(t("plain_stop", lang)), default=False)

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Offer to save the answers; Enter takes the suggested (free) file name."""
        if not _is_yes(self._read(t("plain_save", lang)), default=True):
            return None
        while True:
            text = self._read(t("plain_file_name", lang, name=suggested)) or str(suggested)
            problem = _file_problem(text, lang)
            if problem is None:
                return Path(text).expanduser()
            self._say(f"  {problem}")

    def offer(self, message: str, lang: str) -> bool:
        """Put a yes/no offer; an empty line is no answer, so nothing is preselected."""
        while True:
            text = self._read(f"{message} {t('plain_yes_no', lang)}")
            if text:
                return _is_yes(text, default=False)
            self._say(f"  {t('plain_yes_no_empty', lang)}")

    def file_name(self, suggested: Path, lang: str) -> Path:
        """Ask for a file name; Enter takes the suggested (free) one."""
        while True:
            text = self._read(t("plain_file_name", lang, name=suggested)) or str(suggested)
            problem = _file_problem(text, lang)
            if problem is None:
                return Path(text).expanduser()
            self._say(f"  {problem}")


def _is_yes(text: str, *, default: bool) -> bool:
    if not text:
        return default
    return text.lower() in {"j", "ja", "y", "yes"}


def _parse(prompt: Prompt, text: str) -> tuple[AnswerValue, str | None]:
    """Turn a typed line into an answer; return it, or a problem to show."""
    question, lang = prompt.question, prompt.lang
    if question.kind is QuestionKind.CHOICE and text.isdigit():
        number = int(text)
        if 1 <= number <= len(question.choices):
            return question.choices[number - 1].value, None
    try:
        return coerce_answer(question, text), None
    except ValueError:
        pass
    if question.kind is QuestionKind.NUMBER:
        return UNKNOWN, _number_error(prompt, text)
    if question.kind is QuestionKind.YES_NO:
        keys = f"{YES_KEY}, {NO_KEY}, {UNKNOWN_KEY}"
    else:
        keys = f"1–{len(question.choices)}, {UNKNOWN_KEY}"
    return UNKNOWN, t("plain_invalid", lang, keys=keys)
