"""The askers: keys in the questionary asker (through prompt_toolkit's pipe input) and the
plain line-by-line asker."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from triage.interview import BACK, DONE, Origin, Prompt, Review, Row
from triage.model import UNKNOWN, AnswerValue, Questionnaire
from triage.prompts import PlainAsker, QuestionaryAsker, fit, review_lines, review_table

CHOICES = """\
id: housing
title: {nb: Bolig, en: Housing}
description: Bolig.
version: "1"
source: {pages: [page]}
questions:
  - id: housing
    kind: choice
    text: {nb: "Hvor bor personen?", en: "Where does the person live?"}
    help: {nb: Slik det er i dag., en: As it is today.}
    choices:
      - {value: own, text: {nb: Egen bolig, en: Own home}}
      - {value: shelter, text: {nb: Hospits, en: Shelter}}
      - {value: none, text: {nb: Uten fast bopel, en: No fixed abode}}
outcomes:
  - {id: o, level: information, title: O, summary: O., when: true, contacts: [team]}
"""

CTRL_C, CTRL_D, BACKSPACE = "\x03", "\x04", "\x7f"


@pytest.fixture
def keys() -> Iterator[Callable[[str], QuestionaryAsker]]:
    """Return a factory: a questionary asker that will read the given keys."""
    with create_pipe_input() as pipe:

        def asker(typed: str) -> QuestionaryAsker:
            pipe.send_text(typed)
            return _asker(pipe)

        yield asker


def _asker(pipe: PipeInput) -> QuestionaryAsker:
    return QuestionaryAsker(Console(file=io.StringIO(), width=80), input=pipe, output=DummyOutput())


@pytest.fixture
def housing(build: Callable[[str], Questionnaire]) -> Questionnaire:
    """A questionnaire with one choice question that has help text."""
    return build(CHOICES)


def prompt(
    questionnaire: Questionnaire,
    index: int,
    *,
    default: AnswerValue | None = None,
    back: bool = True,
    lang: str = "nb",
) -> Prompt:
    """Return the prompt for the question at ``index``."""
    total = len(questionnaire.questions)
    question = questionnaire.questions[index]
    return Prompt(questionnaire, question, index + 1, total, default, back, lang)


def a_review(small: Questionnaire, lang: str = "nb") -> Review:
    """Return a review of the small questionnaire with one answer of each origin."""
    age, resident, wants = small.questions
    return Review(
        small,
        (Row(age, 1, 34, Origin.FILE), Row(resident, 2, UNKNOWN, Origin.SET)),
        (Row(wants, 0, True, Origin.TYPED),),
        lang,
    )


# --------------------------------------------------------------------------- questionary


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("j\r", True, id="j"),
        pytest.param("n\r", False, id="n"),
        pytest.param("v\r", UNKNOWN, id="v"),
        pytest.param("<\r", BACK, id="less-than-is-back"),
        pytest.param("t\r", BACK, id="t-is-back"),
        pytest.param("nj\r", True, id="keys-move-enter-confirms"),
        pytest.param("\x1b[B\r", False, id="arrow-down"),
    ],
)
def test_yes_no_keys(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire, typed: str, expected: object
) -> None:
    """j / n / v and < (or t) pick yes, no, don't know and back; Enter confirms."""
    assert keys(typed).ask(prompt(small, 1)) == expected


def test_enter_accepts_the_preselected_answer(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire
) -> None:
    """Enter alone keeps the earlier answer (here: no), as after going back."""
    assert keys("\r").ask(prompt(small, 1, default=False)) is False


def test_number_shortcuts_pick_choices(
    keys: Callable[[str], QuestionaryAsker], housing: Questionnaire
) -> None:
    """A choice's number picks it."""
    assert keys("3\r").ask(prompt(housing, 0)) == "none"


def test_less_than_goes_back_only_where_there_is_a_way_back(
    keys: Callable[[str], QuestionaryAsker], housing: Questionnaire
) -> None:
    """On the first question '<' does nothing; the pointer stays on the first choice."""
    assert keys("<\r").ask(prompt(housing, 0, back=False)) == "own"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("34\r", 34, id="number"),
        pytest.param("121\r" + BACKSPACE * 3 + "17\r", 17, id="out-of-range-is-refused"),
        pytest.param("x\r" + BACKSPACE + "v\r", UNKNOWN, id="v-is-unknown"),
        pytest.param("<\r", BACK, id="back"),
    ],
)
def test_number_question_checks_what_is_typed(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire, typed: str, expected: object
) -> None:
    """A number must be a whole number in range; 'v' and '<' work as on lists."""
    assert keys(typed).ask(prompt(small, 0)) == expected


def test_number_question_offers_the_earlier_answer(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire
) -> None:
    """Enter on a number question keeps the preselected earlier answer."""
    assert keys("\r").ask(prompt(small, 0, default=40)) == 40


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        pytest.param(CTRL_C, KeyboardInterrupt, id="ctrl-c"),
        pytest.param(CTRL_D, EOFError, id="ctrl-d"),
    ],
)
def test_ctrl_c_and_ctrl_d_interrupt(
    keys: Callable[[str], QuestionaryAsker],
    small: Questionnaire,
    typed: str,
    error: type[BaseException],
) -> None:
    """Ctrl-C raises KeyboardInterrupt and Ctrl-D EOFError, on lists and number questions."""
    with pytest.raises(error):
        keys(typed).ask(prompt(small, 1))
    with pytest.raises(error):
        keys(typed).ask(prompt(small, 0))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("\r", DONE, id="enter-confirms"),
        pytest.param("f\r", DONE, id="f-confirms"),
        pytest.param("2\r", "resident", id="number-changes"),
        pytest.param("<\r", BACK, id="back"),
    ],
)
def test_review_keys(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire, typed: str, expected: object
) -> None:
    """In the review, Enter confirms, a row's number picks it to change, '<' goes back."""
    assert keys(typed).review(a_review(small)) == expected


def test_review_prints_the_table(small: Questionnaire) -> None:
    """The questionary review prints every answer and its origin before asking."""
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("\r")
        asker = QuestionaryAsker(Console(file=out, width=80), input=pipe, output=DummyOutput())
        asker.review(a_review(small))
    printed = out.getvalue()
    assert "Hvor gammel?" in printed
    assert "--set" in printed
    assert "gjelder ikke lenger" in printed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [pytest.param("\r", False, id="enter-goes-on"), pytest.param("j\r", True, id="j-stops")],
)
def test_stop_question_defaults_to_going_on(
    keys: Callable[[str], QuestionaryAsker], typed: str, expected: bool
) -> None:
    """After Ctrl-C, Enter goes on with the interview; j stops it."""
    assert keys(typed).confirm_stop("nb") is expected


def test_save_offer_suggests_a_name(
    keys: Callable[[str], QuestionaryAsker], tmp_path: Path
) -> None:
    """Enter twice saves under the suggested name; n declines."""
    suggested = tmp_path / "triage-small-svar.yaml"
    assert keys("\r\r").save_as(suggested, "nb") == suggested
    assert keys("n\r").save_as(suggested, "nb") is None


def test_save_offer_refuses_an_existing_file(
    keys: Callable[[str], QuestionaryAsker], tmp_path: Path
) -> None:
    """A file name that exists is refused until another is typed."""
    taken = tmp_path / "a.yaml"
    taken.write_text("keep: me\n", encoding="utf-8")
    chosen = keys("\r\r" + BACKSPACE * 6 + "b.yaml\r").save_as(taken, "nb")
    assert chosen == tmp_path / "b.yaml"


def test_fit_wraps_every_line_to_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long prompt lines are wrapped (prompt_toolkit would cut them), keeping the indent."""
    monkeypatch.setenv("COLUMNS", "60")
    text = "Spørsmål 5 av 5 · " + "ord " * 30 + "\n  (" + "hjelp " * 20 + ")"
    lines = fit(text).split("\n")
    assert all(len(line) <= 57 for line in lines)
    assert len(lines) > 4
    assert all(line.startswith("  ") for line in lines[1:])


# --------------------------------------------------------------------------- plain


def plain(typed: str, *, echo: bool = False) -> tuple[PlainAsker, io.StringIO]:
    """Return a plain asker reading ``typed`` and the stream it writes to."""
    out = io.StringIO()
    return PlainAsker(io.StringIO(typed), out, echo=echo), out


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("j\n", True, id="j"),
        pytest.param("nei\n", False, id="nei"),
        pytest.param("v\n", UNKNOWN, id="v"),
        pytest.param("<\n", BACK, id="back"),
        pytest.param("kanskje\nn\n", False, id="invalid-then-n"),
    ],
)
def test_plain_yes_no(small: Questionnaire, typed: str, expected: object) -> None:
    """Plain mode reads j / n / v / < lines and asks again after anything else."""
    asker, _ = plain(typed)
    assert asker.ask(prompt(small, 1)) == expected


def test_plain_shows_title_progress_and_numbered_choices(housing: Questionnaire) -> None:
    """The questionnaire's title, 'Spørsmål 1 av 1', the question and numbered choices."""
    asker, out = plain("2\n")
    assert asker.ask(prompt(housing, 0, back=False)) == "shelter"
    shown = out.getvalue()
    assert shown.startswith("Bolig\n")
    assert "Spørsmål 1 av 1: Hvor bor personen?" in shown
    for line in ("  1) Egen bolig", "  2) Hospits", "  3) Uten fast bopel", "  v) Vet ikke"):
        assert line in shown.splitlines()
    assert "Tilbake" not in shown
    assert "\x1b" not in shown


def test_plain_question_mark_shows_help(housing: Questionnaire) -> None:
    """'?' prints the help text and asks again."""
    asker, out = plain("?\n1\n")
    assert asker.ask(prompt(housing, 0)) == "own"
    assert "  Slik det er i dag.\n" in out.getvalue()


def test_plain_less_than_on_the_first_question_says_so(housing: Questionnaire) -> None:
    """'<' on the first question explains there is no way back, then asks again."""
    asker, out = plain("<\nv\n")
    assert asker.ask(prompt(housing, 0, back=False)) is UNKNOWN
    assert "Dette er det første spørsmålet." in out.getvalue()


@pytest.mark.parametrize(
    ("typed", "default", "expected", "message"),
    [
        pytest.param("\n", 40, 40, None, id="enter-keeps-default"),
        pytest.param("\n35\n", None, 35, "Skriv et svar", id="enter-without-default"),
        pytest.param("200\n35\n", None, 35, "Tallet kan høyst være 120", id="above"),
        pytest.param("-1\n35\n", None, 35, "Tallet må være minst 0", id="below"),
        pytest.param("tre\n35\n", None, 35, "Skriv et helt tall", id="not-a-number"),
    ],
)
def test_plain_number(
    small: Questionnaire,
    typed: str,
    default: AnswerValue | None,
    expected: AnswerValue,
    message: str | None,
) -> None:
    """Numbers are checked; a bad one is explained and asked again; Enter keeps the default."""
    asker, out = plain(typed)
    assert asker.ask(prompt(small, 0, default=default)) == expected
    if message:
        assert message in out.getvalue()


def test_plain_end_of_input_raises_eof(small: Questionnaire) -> None:
    """When the input ends, the asker raises EOFError."""
    asker, _ = plain("")
    with pytest.raises(EOFError):
        asker.ask(prompt(small, 0))


def test_plain_echo_shows_piped_answers(small: Questionnaire) -> None:
    """With echo (input from a pipe) each answer read appears in the transcript."""
    asker, out = plain("34\n", echo=True)
    asker.ask(prompt(small, 0))
    assert "Svar: 34\n" in out.getvalue()


def test_plain_review(small: Questionnaire) -> None:
    """The plain review lists answers with origins and dropped ones; a number picks one."""
    asker, out = plain("9\n2\n")
    assert asker.review(a_review(small)) == "resident"
    shown = out.getvalue()
    assert "  1. Hvor gammel?\n     34 (fil)\n" in shown
    assert "     Vet ikke (--set)\n" in shown
    assert "Svar som ikke lenger gjelder (tas ikke med):" in shown
    assert "     Ja (gjelder ikke lenger)\n" in shown
    assert "Skriv et tall fra 1 til 2" in shown


@pytest.mark.parametrize(
    ("typed", "expected"),
    [pytest.param("\n", DONE, id="enter"), pytest.param("<\n", BACK, id="back")],
)
def test_plain_review_confirm_and_back(small: Questionnaire, typed: str, expected: object) -> None:
    """Enter confirms the review; '<' goes back."""
    asker, _ = plain(typed)
    assert asker.review(a_review(small)) is expected


def test_plain_stop_and_save(tmp_path: Path) -> None:
    """Stopping needs a yes; saving takes the suggested name, refusing one that exists."""
    taken = tmp_path / "a.yaml"
    taken.write_text("", encoding="utf-8")
    assert plain("\n")[0].confirm_stop("nb") is False
    assert plain("j\n")[0].confirm_stop("nb") is True
    assert plain("n\n")[0].save_as(taken, "nb") is None
    asker, out = plain(f"\n\n{tmp_path / 'b.yaml'}\n")
    assert asker.save_as(taken, "nb") == tmp_path / "b.yaml"
    assert "a.yaml finnes allerede" in out.getvalue()


# --------------------------------------------------------------------------- review layout


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_review_fits_sixty_columns(small: Questionnaire, lang: str) -> None:
    """The review table stays within 60 columns and says where answers came from."""
    console = Console(width=60, record=True, color_system=None, file=io.StringIO())
    console.print(review_table(a_review(small, lang)))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 60
    assert ("fil" if lang == "nb" else "file") in text
    assert "--set" in text


def test_review_lines_in_english(small: Questionnaire) -> None:
    """The plain review speaks English with --lang en."""
    lines = review_lines(a_review(small, "en"))
    assert lines[0] == "Summary of the answers:"
    assert "     34 (file)" in lines
    assert "     Don't know (--set)" in lines
    assert "     Yes (no longer applies)" in lines
