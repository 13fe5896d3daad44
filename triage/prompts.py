"""Askers: the terminal one (prompt_toolkit) and a plain line-by-line one.

The terminal asker is for phone intake at a desk: number shortcuts, j / n / v (y / n / d in
English), "<" for back, Enter to confirm. A question nobody has answered yet has nothing
preselected: Enter alone only says, beside the list, which keys answer it. Every key moves
the pointer or types; only Enter confirms. (A key that answered at once would leave a
habitual Enter in the type-ahead buffer, where it would act on the next question.) A
question asked again (back, review, resume, --answers) keeps its earlier answer
preselected, and Enter accepts it.

The plain asker reads whole lines and prints plain text, no cursor movement: it works through
pipes, in Git Bash and with screen readers.

Every text from a questionnaire or an answers file goes through ``inert`` (render/words)
before an asker shows it. prompt_toolkit and rich are imported inside the askers
so that commands which never prompt start fast.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from triage.core.interview import BACK, DONE, Back, Origin, Prompt, ReviewReply
from triage.core.kinds import KINDS, OutOfBounds, Typed
from triage.core.model import UNKNOWN, AnswerValue, Outcome, Question
from triage.load.answers import coerce_answer
from triage.render.i18n import t
from triage.render.words import format_answer, format_value, inert, range_text

if TYPE_CHECKING:
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from rich.console import Console, RenderableType

    from triage.core.interview import Review, Row

#: Typed (or pressed in a list) to go back, on every kind of question.
BACK_KEY = "<"
#: Typed in plain mode to show a question's help text.
HELP_KEY = "?"


@dataclass(frozen=True, slots=True)
class KeySet:
    """The keys of one language: yes, no, don't know, and the letter for back in a list."""

    yes: str
    no: str
    unknown: str
    back: str


#: The keys follow the language: Ja / Nei / Vet ikke / Tilbake, Yes / No / Don't know / Back.
KEYS = {"nb": KeySet("j", "n", "v", "t"), "en": KeySet("y", "n", "d", "b")}
#: Words for "don't know" in either language, typed in plain mode or at a number.
_UNKNOWN_WORDS = {"v", "d", "vet ikke", "ukjent", "unknown", "don't know", "dont know"}


def keys_for(lang: str) -> KeySet:
    """Return the keys of ``lang`` (bokmål's for a language without its own)."""
    return KEYS.get(lang, KEYS["nb"])


def _progress_key(prompt: Prompt) -> str:
    """«Spørsmål 2 av 5», or «av inntil 5» while some of the five may still drop out."""
    return "question_of_up_to" if prompt.total_may_shrink else "question_of"


def _answer_text(prompt: Prompt | Review, value: AnswerValue | None, question: Question) -> str:
    """Return how an answer reads in the tool's language ("" when there is none yet)."""
    return "" if value is None else format_answer(question, value, prompt.lang)


def heading(prompt: Prompt) -> str:
    """Return the progress line shown above a question."""
    progress = t(_progress_key(prompt), prompt.lang, number=prompt.number, total=prompt.total)
    return f"{progress} · {inert(prompt.questionnaire.title.get(prompt.lang))}"


def origin_label(origin: Origin, lang: str) -> str:
    """Return where an answer came from, as the review says it."""
    return t(f"origin_{origin.value}", lang)


def _shows_origin(review: Review) -> bool:
    """Return whether the review needs a "from" column: some answer was not typed."""
    return bool(review.dropped) or any(row.origin is not Origin.TYPED for row in review.rows)


def review_table(review: Review, *, one_line: int | None = None) -> RenderableType:
    """Return the review as a compact Rich table: number, question, answer (and origin).

    The origin column appears only when some answer was not typed, and then names only the
    origins that differ from typing, so the table stays short on small screens. ``one_line``
    (a width, for a short window) leaves out the title and header and cuts each question
    to one line of that width.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text as RichText

    lang = review.lang
    origins = _shows_origin(review)
    table = Table(
        title=None if one_line is not None else t("review_title", lang),
        title_justify="left",
        expand=False,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        show_header=one_line is None,
    )
    table.add_column("#", justify="right", no_wrap=True)
    # One-line rows are cut to fit already; ratios would squeeze them further.
    wide, narrow = (3, 1) if one_line is None else (None, None)
    table.add_column(t("question", lang), ratio=wide, overflow="fold")
    table.add_column(t("answer", lang), ratio=narrow, overflow="fold")
    if origins:
        table.add_column(t("origin", lang), ratio=narrow, overflow="fold")
    room = None if one_line is None else _question_room(review, one_line, origins)
    for row in review.rows:
        question = inert(row.question.text.get(lang))
        cells: list[str | RichText] = [
            str(row.number),
            RichText(_cut(question, room)),
            RichText(_answer_text(review, row.value, row.question), style="bold"),
        ]
        if origins:
            typed = row.origin is Origin.TYPED
            cells.append(RichText("" if typed else origin_label(row.origin, lang)))
        table.add_row(*cells)
    if review.dropped:
        table.add_section()
        for row in review.dropped:
            table.add_row(
                "–",
                RichText(_cut(inert(row.question.text.get(lang)), room), style="dim strike"),
                RichText(_answer_text(review, row.value, row.question), style="dim strike"),
                RichText(t("dropped", lang), style="italic"),
            )
    return table


def _cut(text: str, room: int | None) -> str:
    """Return ``text`` cut to one line of ``room`` characters, or whole if there is no limit."""
    return text if room is None else _shorten(text, room)


def _question_room(review: Review, width: int, origins: bool) -> int:
    """Return how wide the question column can be when every row keeps to one line."""
    rows = review.rows + review.dropped
    answers = [_answer_text(review, row.value, row.question) for row in rows]
    used = len(str(max((row.number for row in review.rows), default=1)))
    used += min(max((len(answer) for answer in answers), default=0), width // 4)
    columns = 3
    if origins:
        labels = [origin_label(row.origin, review.lang) for row in review.rows]
        labels += [t("dropped", review.lang)] if review.dropped else []
        used += max((len(label) for label in labels), default=0)
        columns = 4
    return width - used - 2 * (columns - 1)


def review_lines(review: Review) -> list[str]:
    """Return the review as plain lines: two per answer, so narrow screens and readers cope."""
    lang = review.lang
    lines = [t("review_title", lang) + ":"]
    for row in review.rows:
        lines.append(f"  {row.number}. {inert(row.question.text.get(lang))}")
        origin = "" if row.origin is Origin.TYPED else f" ({origin_label(row.origin, lang)})"
        lines.append(f"     {_row_value(review, row)}{origin}")
    if review.dropped:
        lines.append(t("dropped_title", lang) + ":")
        for row in review.dropped:
            lines.append(f"  - {inert(row.question.text.get(lang))}")
            lines.append(f"     {_row_value(review, row)} ({t('dropped', lang)})")
    return lines


def _row_value(review: Review, row: Row) -> str:
    return _answer_text(review, row.value, row.question)


def _columns() -> int:
    return shutil.get_terminal_size((80, 24)).columns


def _shorten(text: str, width: int) -> str:
    """Return ``text`` on one line of at most ``width`` characters, cut at a word."""
    width = max(20, width)
    # Only the start can show; cutting first keeps this linear on very long texts.
    return textwrap.shorten(text[: width * 4], width, placeholder="…")


_ITEM = re.compile(r" +(?:\d+\.|\S\)|-) ")


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Wrap each line of ``text`` at word boundaries to ``width``, keeping its own indent.

    Continuation lines get the line's indent, or ``indent`` when the line has none. A word
    longer than the line is split, as nothing else fits.
    """
    width = max(10, width)
    lines: list[str] = []
    for line in text.split("\n"):
        # A list item ("  1. ", "  j) ", "  - ") hangs its next lines under its text.
        item = _ITEM.match(line)
        own = " " * item.end() if item else line[: len(line) - len(line.lstrip(" "))]
        lines.extend(
            textwrap.wrap(
                line,
                width,
                subsequent_indent=own or indent,
                break_on_hyphens=False,
                drop_whitespace=True,
            )
            or [""]
        )
    return lines


def fit(text: str, width: int | None = None) -> str:
    """Wrap each line to the terminal (or ``width``) at word boundaries, keeping its indent.

    Three columns are kept for the "? " in front and the space after.
    """
    return "\n".join(wrap(text, (width or _columns()) - 3, "  "))


# --------------------------------------------------------------------------- terminal


@dataclass(frozen=True, slots=True)
class Option:
    """One entry of a list: what it says, what it gives, and the key or number that points at it.

    An option that is not ``listed`` shows only while the pointer is on it (the review's
    "change answer N", reached by typing N while the table above lists the answers).
    """

    title: str
    value: object
    key: str | None = None
    number: int | None = None
    listed: bool = True

    def label(self) -> str:
        """Return the option as the list shows it, with its key."""
        if self.number is not None:
            return f"{self.number}) {self.title}"
        if self.key is not None:
            return f"{self.key}) {self.title}"
        return self.title


def _screen_width(output: Any) -> int:
    try:
        return int(output.get_size().columns)
    except Exception:  # any output that cannot tell falls back to the environment
        return _columns()


class _ListPrompt:
    """A list with nothing chosen until a key or an arrow chooses; Enter confirms.

    ``message`` is shown above the list (wrapped to the screen at every redraw); once answered,
    the lines collapse to ``short`` and the chosen option's title.
    """

    def __init__(
        self,
        message: str,
        short: str,
        options: Sequence[Option],
        default: int | None,
        hint: str,
        keys_notice: str,
        first_notice: str,
    ) -> None:
        self.message = message
        self.short = short
        self.options = list(options)
        self.pointed = default
        self.hint = hint
        self.keys_notice = keys_notice
        self.first_notice = first_notice
        self.notice = ""
        self.typed = ""
        self.done = False

    # -- state changes (kept apart from prompt_toolkit so tests can drive them)

    def point(self, index: int) -> None:
        """Point at option ``index``."""
        self.pointed, self.notice = index, ""

    def key(self, key: str) -> bool:
        """Point at the option of ``key`` (a letter, "<" or a digit); False if none has it."""
        if key.isascii() and key.isdigit():
            return self._digit(key)
        self.typed = ""
        for index, option in enumerate(self.options):
            if key.lower() == (option.key or "").lower() or (
                key == BACK_KEY and option.value is BACK
            ):
                self.point(index)
                return True
        if key == BACK_KEY:
            self.notice = self.first_notice
            return True
        return False

    def _digit(self, digit: str) -> bool:
        for typed in (self.typed + digit, digit):
            for index, option in enumerate(self.options):
                if option.number is not None and str(option.number) == typed.lstrip("0"):
                    self.typed = typed
                    self.point(index)
                    return True
        self.typed = ""
        return False

    def move(self, step: int) -> None:
        """Move the pointer to the next (1) or previous (-1) listed option, round the end."""
        self.typed = ""
        listed = [i for i, option in enumerate(self.options) if option.listed]
        if self.pointed is None or self.pointed not in listed:
            self.point(listed[0] if step > 0 else listed[-1])
        else:
            self.point(listed[(listed.index(self.pointed) + step) % len(listed)])

    def enter(self) -> bool:
        """Confirm the pointed option; with nothing chosen, say which keys answer instead."""
        if self.pointed is None:
            self.notice = self.keys_notice
            return False
        self.done = True
        return True

    # -- drawing

    def lines(self, width: int) -> list[tuple[str, str]]:
        """Return the styled text of the prompt at ``width`` columns."""
        if self.done and self.pointed is not None:
            answer = self.options[self.pointed].title
            return _answered(self.short, answer, width)
        tokens: list[tuple[str, str]] = [("class:qmark", "? ")]
        if "\n" not in self.message and len(self.message) + len(self.hint) + 5 <= width:
            # A one-line question keeps its hint beside it: one line less on a short screen.
            tokens.append(("class:question", self.message))
            tokens.append(("class:instruction", f"  {self.hint}\n"))
        else:
            tokens.append(("class:question", "\n".join(wrap(self.message, width - 3, "  ")) + "\n"))
            tokens.append(
                ("class:instruction", "\n".join(wrap(f"  {self.hint}", width - 1)) + "\n")
            )
        for index, option in enumerate(self.options):
            pointed = index == self.pointed
            if not option.listed and not pointed:
                continue
            lead = " » " if pointed else "   "
            body = wrap(option.label(), width - len(lead) - 1, " " * _label_indent(option))
            rows = [lead + body[0]] + ["   " + line for line in body[1:]]
            if pointed:
                tokens.append(("[SetCursorPosition]", ""))
            tokens.append(("class:highlighted" if pointed else "", "\n".join(rows) + "\n"))
        if self.notice:
            tokens.append(("class:notice", "\n".join(wrap(f"  {self.notice}", width - 1)) + "\n"))
        return tokens


def _answered(question: str, answer: str, width: int) -> list[tuple[str, str]]:
    """Return an answered prompt collapsed to its question and the answer (no help text)."""
    text = "\n".join(wrap(f"{question}  {answer}", width - 3, "  "))
    # Wrapping only turns spaces into line breaks and indents: find where the answer begins
    # by counting the question's other characters.
    remaining = sum(1 for char in question if not char.isspace())
    split = 0
    while remaining and split < len(text):
        if not text[split].isspace():
            remaining -= 1
        split += 1
    return [
        ("class:qmark", "? "),
        ("class:question", text[:split]),
        ("class:answer", text[split:]),
        ("", "\n"),
    ]


def _label_indent(option: Option) -> int:
    """Return how far a wrapped label's next lines are indented: past its "1) "."""
    if option.number is not None:
        return len(f"{option.number}) ")
    return len(f"{option.key}) ") if option.key is not None else 0


class _TextPrompt:
    """One line of typed text, checked on Enter; problems show just below the input."""

    def __init__(
        self,
        message: str,
        short: str,
        hint: str,
        default: str,
        check: Callable[[str], tuple[object, str | None]],
    ) -> None:
        self.message = message
        self.short = short
        self.hint = hint
        self.default = default
        self.check = check
        self.notice = ""
        self.done = False
        self.answer = ""
        self.result: object = None

    def enter(self, text: str) -> bool:
        """Check ``text``; keep it as the answer, or show why not."""
        value, problem = self.check(text)
        if problem is not None:
            self.notice = problem
            return False
        self.done, self.answer, self.result = True, text.strip(), value
        return True

    def lines(self, width: int) -> list[tuple[str, str]]:
        """Return the styled text above the input line."""
        if self.done:
            return _answered(self.short, self.answer, width)
        return [
            ("class:qmark", "? "),
            ("class:question", "\n".join(wrap(self.message, width - 3, "  ")) + "\n"),
            ("class:instruction", "\n".join(wrap(f"  {self.hint}", width - 1))),
        ]

    def below(self, width: int) -> list[tuple[str, str]]:
        """Return the problem shown under the input, if any."""
        if self.done or not self.notice:
            return []
        return [("class:notice", "\n".join(wrap(f"  {self.notice}", width - 1)))]


_STYLE = [
    ("qmark", "bold"),
    ("question", "bold"),
    ("answer", "bold"),
    ("instruction", ""),
    ("highlighted", "bold"),
    ("notice", "bold reverse"),
]


class QuestionaryAsker:
    """Ask in a terminal: lists with shortcuts, numbers checked as typed.

    ``prompt_options`` go to every prompt_toolkit application (tests pass a pipe input and a
    dummy output); ``console`` prints the review table. (The name is historical: the lists
    are drawn with prompt_toolkit directly, as questionary's always preselect an answer.)
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
        question, lang = prompt.question, prompt.lang
        text = inert(question.text.get(lang))
        message = f"{heading(prompt)}\n  {text}"
        if question.help is not None:
            message += f"\n  ({inert(question.help.get(lang))})"
        widget = KINDS[question.kind].widget
        if widget == "text":
            return self._typed(prompt, message, text)
        keys = keys_for(lang)
        options: list[Option] = []
        if widget == "yes_no":
            options += [
                Option(t("yes", lang), True, keys.yes),
                Option(t("no", lang), False, keys.no),
            ]
        else:
            options += [
                Option(inert(c.text.get(lang)), c.value, number=n)
                for n, c in enumerate(question.choices, start=1)
            ]
        options.append(Option(t("unknown", lang), UNKNOWN, keys.unknown))
        if prompt.can_go_back:
            options.append(Option(t("back", lang), BACK, keys.back))
        default = next(
            (
                index
                for index, option in enumerate(options)
                if prompt.default is not None
                and option.value == prompt.default
                and type(option.value) is type(prompt.default)
            ),
            None,
        )
        answer_keys = _answer_keys(prompt)
        hint = t("select_hint", lang, keys=answer_keys, back=_back_hint(prompt))
        notice = t("nothing_chosen", lang, keys=answer_keys)
        first = t("first_question", lang)
        picked = self._list(_ListPrompt(message, text, options, default, hint, notice, first))
        return cast("AnswerValue | Back", picked)

    def _list(self, prompt: _ListPrompt) -> object:
        """Run a list; return the value of the option confirmed with Enter."""
        from prompt_toolkit.application import Application
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.layout import HSplit, Layout
        from prompt_toolkit.styles import Style

        bindings = KeyBindings()

        @bindings.add("<any>")
        def _other(event: KeyPressEvent) -> None:
            if not prompt.key(event.data):
                prompt.notice = prompt.keys_notice

        @bindings.add("up")
        def _up(event: KeyPressEvent) -> None:
            prompt.move(-1)

        @bindings.add("down")
        def _down(event: KeyPressEvent) -> None:
            prompt.move(1)

        @bindings.add("enter")
        def _enter(event: KeyPressEvent) -> None:
            if prompt.enter() and prompt.pointed is not None:
                event.app.exit(result=prompt.options[prompt.pointed].value)

        _interrupts(bindings, lambda: True)
        app: Application[object] = Application(
            layout=Layout(HSplit([_window(lambda width: prompt.lines(width))])),
            key_bindings=bindings,
            style=Style(_STYLE),
            erase_when_done=False,
            **self.options,
        )
        self._app = app
        return _run(app)

    def _text(self, prompt: _TextPrompt) -> object:
        """Run a one-line input; return what ``prompt.check`` made of the accepted text."""
        from prompt_toolkit.application import Application
        from prompt_toolkit.buffer import Buffer
        from prompt_toolkit.document import Document
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.key_binding import KeyBindings
        from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
        from prompt_toolkit.layout.controls import BufferControl
        from prompt_toolkit.styles import Style

        buffer = Buffer(document=Document(prompt.default, len(prompt.default)), multiline=False)
        bindings = KeyBindings()

        @bindings.add("enter")
        def _enter(event: KeyPressEvent) -> None:
            if prompt.enter(buffer.text):
                event.app.exit(result=prompt.result)

        _interrupts(bindings, lambda: not buffer.text)
        asking = Condition(lambda: not prompt.done)
        app: Application[object] = Application(
            layout=Layout(
                HSplit(
                    [
                        _window(lambda width: prompt.lines(width)),
                        ConditionalContainer(
                            Window(
                                BufferControl(buffer),
                                height=1,
                                get_line_prefix=lambda line, wrapped: "  > ",
                            ),
                            filter=asking,
                        ),
                        ConditionalContainer(
                            _window(lambda width: prompt.below(width)), filter=asking
                        ),
                    ]
                ),
                focused_element=buffer,
            ),
            key_bindings=bindings,
            style=Style(_STYLE),
            erase_when_done=False,
            **self.options,
        )
        return _run(app)

    def _typed(self, prompt: Prompt, message: str, text: str) -> AnswerValue | Back:
        """Ask for a typed answer (the kind's "text" widget), checked on Enter."""
        question, lang = prompt.question, prompt.lang
        words = _typed_words(question)
        span = range_text(question, lang)
        unknown = keys_for(lang).unknown
        hint = t(words.hint, lang, range=span, unknown=unknown, back=_back_hint(prompt))

        def check(typed: str) -> tuple[object, str | None]:
            typed = typed.strip()
            if typed == BACK_KEY:
                if prompt.can_go_back:
                    return BACK, None
                return None, t("first_question", lang)
            if not typed:
                return None, t(words.empty, lang, range=span, unknown=unknown)
            return _typed_answer(prompt, typed)

        default = _typed_default(prompt)
        typed = self._text(_TextPrompt(message, text, hint, default, check))
        return cast("AnswerValue | Back", typed)

    def review(self, review: Review) -> ReviewReply:
        """Print the answers as a table; then "right", a row's number to change it, or back.

        The rows are not listed again under the table (it would push the table off a short
        screen): typing a row's number shows "change: …" and Enter confirms it.
        """
        lang, keys = review.lang, keys_for(review.lang)
        self._print(self._fitting_table(review))
        width = _columns()
        options = [Option(t("review_done", lang), DONE, keys.yes)]
        for row in review.rows:
            text = _shorten(inert(row.question.text.get(lang)), width - 20)
            options.append(
                Option(
                    t("review_change", lang, text=text), row.question.id, None, row.number, False
                )
            )
        options.append(Option(t("back", lang), BACK, keys.back))
        last = max((row.number for row in review.rows), default=1)
        numbers = "1" if last == 1 else f"1–{last}"
        hint = t("review_hint", lang, yes=keys.yes, numbers=numbers)
        notice = t("review_nothing_chosen", lang, yes=keys.yes, numbers=numbers)
        question = t("review_question", lang)
        picked = self._list(_ListPrompt(question, question, options, None, hint, notice, ""))
        return cast("ReviewReply", picked)

    def _fitting_table(self, review: Review) -> RenderableType:
        """Return the review table, one line per answer if the full one would leave no room
        for the question under it (a window of 12 rows keeps the answers in view)."""
        if self.console is None:
            from rich.console import Console

            self.console = Console(highlight=False)
        table = review_table(review)
        room = self.console.size.height - 4  # the question, its hint and two options
        if len(self.console.render_lines(table, pad=False)) <= room:
            return table
        return review_table(review, one_line=self.console.size.width)

    def confirm_stop(self, lang: str) -> bool:
        """Ask whether to stop; nothing is chosen, so a stray Enter after Ctrl-C does nothing."""
        keys = keys_for(lang)
        options = [
            Option(t("stop_no", lang), False, keys.no),
            Option(t("stop_yes", lang), True, keys.yes),
        ]
        return bool(self._yes_no(t("stop_question", lang), options, lang))

    def _yes_no(self, question: str, options: list[Option], lang: str) -> object:
        keys = keys_for(lang)
        pair = f"{keys.yes}/{keys.no}"
        hint = t("yes_no_hint", lang, keys=pair)
        notice = t("nothing_chosen", lang, keys=pair)
        return self._list(_ListPrompt(question, question, options, None, hint, notice, ""))

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Offer to save the answers; return the file name typed (a free one is suggested)."""
        keys = keys_for(lang)
        options = [
            Option(t("save_yes", lang), True, keys.yes),
            Option(t("save_no", lang), False, keys.no),
        ]
        if not self._yes_no(t("save_question", lang), options, lang):
            return None
        return self.file_name(suggested, lang)

    def offer(self, message: str, lang: str) -> bool:
        """Put a yes/no offer; nothing is chosen until a key."""
        keys = keys_for(lang)
        options = [Option(t("yes", lang), True, keys.yes), Option(t("no", lang), False, keys.no)]
        return bool(self._yes_no(inert(message), options, lang))

    def file_name(self, suggested: Path, lang: str) -> Path:
        """Ask for a file name; the suggested (free) one is filled in."""

        def check(text: str) -> tuple[object, str | None]:
            return _file_choice(text, lang)

        label = t("file_name", lang)
        result = self._text(_TextPrompt(label, label, t("file_hint", lang), str(suggested), check))
        assert isinstance(result, Path)
        return result


def early_result_offer(outcome: Outcome, lang: str) -> str:
    """Word the offer to show a settled ``outcome`` now, before the last questions."""
    word = t(f"level_{outcome.level.value}", lang)
    title = outcome.title.get(lang)
    result = word if title.casefold() == word.casefold() else f"{word} – {title}"
    return t("early_result_offer", lang, result=result)


def offer_start(lang: str, **prompt_options: Any) -> bool:
    """Ask, at a bare ``triage``, whether to start the guide; nothing is chosen until a key."""
    keys = keys_for(lang)
    options = [Option(t("yes", lang), True, keys.yes), Option(t("no", lang), False, keys.no)]
    asker = QuestionaryAsker(**prompt_options)
    return bool(asker._yes_no(t("offer_start", lang), options, lang))


def make_asker(plain: bool) -> PlainAsker | QuestionaryAsker:
    """Return the plain asker (questions on stderr, so the report can be piped) or questionary."""
    if plain:
        return PlainAsker(sys.stdin, sys.stderr, echo=not sys.stdin.isatty())
    _preload_prompts()
    return QuestionaryAsker()


def _preload_prompts() -> None:
    """Import the prompt libraries before the first question, outside the interview's guard.

    The interview turns Ctrl-C into «stop?»; an interrupt in the middle of importing
    prompt_toolkit would leave half a module behind for that very prompt (NameError). Here
    an interrupt is still a plain start-up interrupt: one line, exit 130.
    """
    import importlib

    import questionary  # noqa: F401 - imported for its side effect on sys.modules

    names = [
        "ctypes",
        "prompt_toolkit.key_binding",
        "prompt_toolkit.key_binding.bindings.search",
        "questionary.prompts.common",
    ]
    names += (
        ["prompt_toolkit.input.win32", "prompt_toolkit.output.win32"]
        if os.name == "nt"
        else [
            "prompt_toolkit.input.vt100",
            "prompt_toolkit.output.vt100",
        ]
    )
    for name in names:
        importlib.import_module(name)


def _run(app: Any) -> object:
    """Run a prompt as a questionary question (questionary's way to add a prompt of one's own).

    questionary's ``select`` always points at an option, so Enter alone would answer; the
    lists here are drawn with prompt_toolkit so that a new question starts with nothing chosen.
    ``unsafe_ask`` lets Ctrl-C through as KeyboardInterrupt, which the interview handles.
    """
    import questionary

    return questionary.Question(app).unsafe_ask()


def _window(lines: Callable[[int], list[tuple[str, str]]]) -> Any:
    """Return a window that draws ``lines`` wrapped to the screen's width at every redraw."""
    from prompt_toolkit.application import get_app
    from prompt_toolkit.layout import Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    def text() -> list[tuple[str, str]]:
        tokens = lines(_screen_width(get_app().output))
        # A final newline would draw an empty line under the prompt.
        while tokens and tokens[-1][1].endswith("\n"):
            style, last = tokens.pop()
            if last[:-1]:
                tokens.append((style, last[:-1]))
                break
        return tokens

    return Window(
        FormattedTextControl(cast("Any", text), show_cursor=False),
        dont_extend_height=True,
        wrap_lines=True,
        always_hide_cursor=True,
    )


def _interrupts(bindings: KeyBindings, at_empty: Callable[[], bool]) -> None:
    """Bind Ctrl-C (interrupt) and Ctrl-D (end of input, where nothing is typed)."""

    @bindings.add("c-c")
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add("c-d")
    def _end(event: KeyPressEvent) -> None:
        if at_empty():
            event.app.exit(exception=EOFError, style="class:aborting")
        else:
            event.current_buffer.delete()


def _answer_keys(prompt: Prompt) -> str:
    """Return the keys that answer a list question, as its hint names them."""
    keys = keys_for(prompt.lang)
    if KINDS[prompt.question.kind].widget == "yes_no":
        return f"{keys.yes}/{keys.no}/{keys.unknown}"
    count = len(prompt.question.choices)
    numbers = "1" if count == 1 else f"1–{count}"
    return f"{numbers}, {keys.unknown}"


def _back_hint(prompt: Prompt) -> str:
    """Return the hint's part about going back, only where there is a way back."""
    return t("hint_back", prompt.lang) if prompt.can_go_back else ""


def _typed_default(prompt: Prompt) -> str:
    """Return an earlier answer to a typed question as it would be typed (31.01.2026, 17)."""
    if prompt.default is None:
        return ""
    if prompt.default is UNKNOWN:
        return keys_for(prompt.lang).unknown
    return format_value(prompt.question, prompt.default, prompt.lang)


def _typed_words(question: Question) -> Typed:
    """Return the words of a question asked by typing."""
    typed = KINDS[question.kind].typed
    assert typed is not None, f"{question.kind.value} questions are not typed"
    return typed


def _typed_answer(prompt: Prompt, text: str) -> tuple[AnswerValue, str | None]:
    """Turn typed text (or a don't-know word) into an answer, or say what is wrong."""
    if text.lower() in _UNKNOWN_WORDS:
        return UNKNOWN, None
    try:
        return coerce_answer(prompt.question, text), None
    except ValueError:
        return UNKNOWN, _typed_error(prompt, text)


def _typed_error(prompt: Prompt, text: str) -> str:
    """Say why typed text is no answer: out of bounds (with the bound) or not of the kind."""
    question, lang = prompt.question, prompt.lang
    words = _typed_words(question)
    try:
        coerce_answer(question, text)
    except OutOfBounds as error:
        bound = format_value(question, error.bound, lang)
        return t(words.below if error.side == "below" else words.above, lang, low=bound, high=bound)
    except ValueError:
        pass
    return t(words.invalid, lang, unknown=keys_for(lang).unknown)


def _expand(text: str) -> Path | None:
    """Return ``text`` as a path with ``~`` expanded, or None where no home folder is known."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        return None


def _file_problem(text: str, lang: str) -> str | None:
    """Return why ``text`` cannot be a new answers file, or None if it can."""
    text = text.strip()
    if not text:
        return t("file_empty", lang)
    if "\ufffd" in text or "\x00" in text:
        return t("file_invalid", lang, name=inert(text))
    path = _expand(text)
    if path is None:
        return t("file_no_home", lang, name=inert(text))
    try:
        if path.exists() or path.is_symlink():
            return t("file_exists", lang, name=inert(text))
        if not path.parent.is_dir():
            return t("folder_missing", lang, name=inert(str(path.parent)))
    except (OSError, ValueError):
        return t("file_invalid", lang, name=inert(text))
    return None


def _file_choice(text: str, lang: str) -> tuple[object, str | None]:
    """Return the path to save to, or why ``text`` cannot be one."""
    problem = _file_problem(text, lang)
    if problem is not None:
        return None, problem
    return _expand(text.strip()), None


# --------------------------------------------------------------------------- plain


class PlainAsker:
    """Ask line by line: numbered choices, typed answers, "?" for help, "<" for back.

    Questions go to ``out`` (the CLI passes stderr, so the report on stdout can be piped);
    ``echo`` repeats each line read, for input that the terminal did not show (a pipe).
    Lines are wrapped at word boundaries to the terminal's width.
    """

    def __init__(self, stdin: TextIO, out: TextIO, *, echo: bool = False) -> None:
        self.stdin = stdin
        self.out = out
        self.echo = echo
        self._titled = False

    def _say(self, text: str = "") -> None:
        print("\n".join(wrap(text, _columns() - 1, "  ")), file=self.out, flush=True)

    def _readline(self) -> str:
        """Read one line; bytes that are not text in the input's encoding become U+FFFD."""
        raw = getattr(self.stdin, "buffer", None)
        if raw is None:
            return self.stdin.readline()
        line: bytes = raw.readline()
        encoding = getattr(self.stdin, "encoding", None) or "utf-8"
        return line.decode(encoding, errors="replace")

    def _read(self, label: str, lang: str) -> str:
        """Read an answer; a line that could not be decoded is refused, and asked again."""
        while True:
            self.out.write(label)
            self.out.flush()
            line = self._readline()
            if not line:
                self._say()
                raise EOFError
            text = line.strip()
            if self.echo:
                self._say(inert(text))
            if "\ufffd" not in text:
                return text
            self._say(f"  {t('plain_undecodable', lang)}")

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Ask one question; end of input raises EOFError."""
        lang, question = prompt.lang, prompt.question
        if not self._titled:
            self._say(inert(prompt.questionnaire.title.get(lang)))
            self._titled = True
        self._say()
        progress = t(_progress_key(prompt), lang, number=prompt.number, total=prompt.total)
        self._say(f"{progress}: {inert(question.text.get(lang))}")
        for key, label in self._options(prompt):
            self._say(f"  {key}) {label}")
        if prompt.default is None:
            label = t("plain_answer", lang)
        else:
            shown = _answer_text(prompt, prompt.default, question)
            label = t("plain_answer_default", lang, default=shown)
        while True:
            text = self._read(label, lang)
            if text == HELP_KEY:
                help_text = inert(question.help.get(lang)) if question.help else t("no_help", lang)
                self._say(f"  {help_text}")
            elif text == BACK_KEY:
                if prompt.can_go_back:
                    return BACK
                self._say(f"  {t('first_question', lang)}")
            elif not text:
                if prompt.default is not None:
                    return prompt.default
                self._say(f"  {t('plain_empty', lang, keys=_plain_keys(prompt))}")
            else:
                value, problem = _parse(prompt, text)
                if problem is None:
                    return value
                self._say(f"  {problem}")

    def _options(self, prompt: Prompt) -> list[tuple[str, str]]:
        lang, question = prompt.lang, prompt.question
        keys = keys_for(lang)
        options: list[tuple[str, str]] = []
        widget = KINDS[question.kind].widget
        if widget == "yes_no":
            options += [(keys.yes, t("yes", lang)), (keys.no, t("no", lang))]
        elif widget == "choice":
            options += [
                (str(n), inert(c.text.get(lang))) for n, c in enumerate(question.choices, 1)
            ]
        else:
            span = range_text(question, lang)
            options.append(("#", t(_typed_words(question).option, lang, range=span)))
        options.append((keys.unknown, t("unknown", lang)))
        if prompt.can_go_back:
            options.append((BACK_KEY, t("back_plain", lang)))
        if question.help is not None:
            options.append((HELP_KEY, t("help", lang)))
        return options

    def review(self, review: Review) -> ReviewReply:
        """Print the answers line by line; the yes key confirms, a number changes, "<" goes back."""
        lang, keys = review.lang, keys_for(review.lang)
        self._say()
        for line in review_lines(review):
            self._say(line)
        numbers = {str(row.number): row.question.id for row in review.rows}
        last = max((row.number for row in review.rows), default=0)
        while True:
            text = self._read(t("plain_review", lang, yes=keys.yes), lang)
            if _yes_or_no(text) is True:
                return DONE
            if text == BACK_KEY:
                return BACK
            if text in numbers:
                return numbers[text]
            self._say(f"  {t('plain_review_invalid', lang, yes=keys.yes, last=last)}")

    def confirm_stop(self, lang: str) -> bool:
        """Ask whether to stop; only a yes or a no answers."""
        self._say()  # the interrupted line ends where ^C was shown
        return self._yes_no(t("plain_stop", lang, keys=_pair(lang)), lang)

    def _yes_no(self, label: str, lang: str) -> bool:
        while True:
            answer = _yes_or_no(self._read(label, lang))
            if answer is not None:
                return answer
            self._say(f"  {t('plain_yes_no', lang, keys=_pair(lang))}")

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Offer to save the answers; Enter takes the suggested (free) file name."""
        if not self._yes_no(t("plain_save", lang, keys=_pair(lang)), lang):
            return None
        return self.file_name(suggested, lang)

    def offer(self, message: str, lang: str) -> bool:
        """Put a yes/no offer; only a yes or a no answers (an empty line is no answer)."""
        return self._yes_no(f"{inert(message)} ({_pair(lang)}): ", lang)

    def file_name(self, suggested: Path, lang: str) -> Path:
        """Ask for a file name; Enter takes the suggested (free) one."""
        while True:
            label = t("plain_file_name", lang, name=inert(str(suggested)))
            text = self._read(label, lang) or str(suggested)
            path, problem = _file_choice(text, lang)
            if problem is None and isinstance(path, Path):
                return path
            self._say(f"  {problem}")


def _pair(lang: str) -> str:
    keys = keys_for(lang)
    return f"{keys.yes}/{keys.no}"


def _yes_or_no(text: str) -> bool | None:
    """Return True for a yes (in either language), False for a no, None for anything else."""
    lowered = text.strip().lower()
    if lowered in {"j", "ja", "y", "yes"}:
        return True
    if lowered in {"n", "nei", "no"}:
        return False
    return None


def _plain_keys(prompt: Prompt) -> str:
    """Return the keys that answer ``prompt`` in plain mode, as its messages name them."""
    question, keys = prompt.question, keys_for(prompt.lang)
    widget = KINDS[question.kind].widget
    if widget == "yes_no":
        return f"{keys.yes}, {keys.no}, {keys.unknown}"
    if widget == "choice":
        return f"1–{len(question.choices)}, {keys.unknown}"
    return t(_typed_words(question).keys, prompt.lang, unknown=keys.unknown)


def _parse(prompt: Prompt, text: str) -> tuple[AnswerValue, str | None]:
    """Turn a typed line into an answer; return it, or a problem to show."""
    question, lang = prompt.question, prompt.lang
    if text.lower() in _UNKNOWN_WORDS:
        return UNKNOWN, None
    widget = KINDS[question.kind].widget
    if widget == "choice" and text.isascii() and text.isdigit() and len(text) < 5:
        number = int(text)
        if 1 <= number <= len(question.choices):
            return question.choices[number - 1].value, None
    try:
        return coerce_answer(question, text), None
    except ValueError:
        pass
    if widget == "text":
        return UNKNOWN, _typed_error(prompt, text)
    return UNKNOWN, t("plain_invalid", lang, keys=_plain_keys(prompt))
