"""The askers: keys in the questionary asker (through prompt_toolkit's pipe input) and the
plain line-by-line asker."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from triage.core.interview import BACK, DONE, Origin, Prompt, Review, Row
from triage.core.model import UNKNOWN, AnswerValue, Questionnaire
from triage.prompts import (
    Option,
    PlainAsker,
    QuestionaryAsker,
    _ListPrompt,
    _shorten,
    _TextPrompt,
    fit,
    heading,
    offer_start,
    review_lines,
    review_table,
)

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
        pytest.param("\x1b[B\r", True, id="first-arrow-points-at-the-first"),
        pytest.param("\x1b[B\x1b[B\r", False, id="arrow-down"),
        pytest.param("\x1b[A\r", BACK, id="arrow-up-from-nothing-is-the-last"),
    ],
)
def test_yes_no_keys(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire, typed: str, expected: object
) -> None:
    """j / n / v and < (or t) pick yes, no, don't know and back; Enter confirms."""
    assert keys(typed).ask(prompt(small, 1)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("y\r", True, id="y"),
        pytest.param("n\r", False, id="n"),
        pytest.param("d\r", UNKNOWN, id="d"),
        pytest.param("b\r", BACK, id="b-is-back"),
        pytest.param("jvt\ry\r", True, id="bokmal-keys-do-not-answer"),
    ],
)
def test_yes_no_keys_follow_the_language(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire, typed: str, expected: object
) -> None:
    """In English the keys are y / n / d (and b for back); j, v and t choose nothing."""
    assert keys(typed).ask(prompt(small, 1, lang="en")) == expected


def test_enter_on_a_new_question_answers_nothing(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire, housing: Questionnaire
) -> None:
    """Enter alone on an unanswered list or number question does nothing; the next key does."""
    assert keys("\r" * 20 + "n\r").ask(prompt(small, 1)) is False
    assert keys("\r" * 20 + "2\r").ask(prompt(housing, 0)) == "shelter"
    assert keys("\r" * 20 + "34\r").ask(prompt(small, 0)) == 34


def test_enter_with_nothing_chosen_names_the_keys(small: Questionnaire) -> None:
    """Enter with nothing chosen names, beside the list, the keys that answer; no pointer shows."""
    asker = QuestionaryAsker()
    picked: list[_ListPrompt] = []
    asker._list = lambda lp: picked.append(lp)  # type: ignore[method-assign]
    asker.ask(prompt(small, 1))
    (lp,) = picked
    assert "»" not in _text(lp.lines(80))
    assert lp.enter() is False
    shown = _text(lp.lines(80))
    assert "Ingenting er valgt ennå: trykk j/n/v eller en piltast, så Enter." in shown
    assert lp.key("n")
    assert lp.enter()
    assert _text(lp.lines(80)).strip() == "? Bor i kommunen?  Nei"


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


def test_less_than_on_the_first_question_says_so(housing: Questionnaire) -> None:
    """On the first question '<' chooses nothing and says it is the first question."""
    asker = QuestionaryAsker()
    picked: list[_ListPrompt] = []
    asker._list = lambda lp: picked.append(lp)  # type: ignore[method-assign]
    asker.ask(prompt(housing, 0, back=False))
    (lp,) = picked
    assert "<" not in lp.hint
    lp.key("<")
    assert lp.pointed is None
    assert "Dette er det første spørsmålet." in _text(lp.lines(80))


def test_less_than_goes_back_only_where_there_is_a_way_back(
    keys: Callable[[str], QuestionaryAsker], housing: Questionnaire
) -> None:
    """On the first question '<' and Enter do nothing; a number then answers."""
    assert keys("<\r3\r").ask(prompt(housing, 0, back=False)) == "none"


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


def test_number_problems_show_below_the_input(small: Questionnaire) -> None:
    """A refused number, an empty line and '<' at the first question are explained below."""
    asker = QuestionaryAsker()
    asked: list[_TextPrompt] = []
    asker._text = lambda tp: asked.append(tp)  # type: ignore[method-assign]
    asker.ask(prompt(small, 0, back=False))
    (tp,) = asked
    assert "<" not in tp.hint
    for typed, message in [
        ("<", "Dette er det første spørsmålet."),
        ("", "Ingenting skrevet ennå"),
        ("121", "Tallet kan høyst være 120"),
        ("tre", "Skriv et helt tall, eller «v» for Vet ikke"),
    ]:
        assert tp.enter(typed) is False
        assert message in _text(tp.below(80))
    assert tp.enter(" 34 ")
    assert tp.result == 34
    assert _text(tp.lines(80)).strip() == "? Hvor gammel?  34"


def test_number_question_offers_the_earlier_answer(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire
) -> None:
    """Enter on a number question keeps the preselected earlier answer."""
    assert keys("\r").ask(prompt(small, 0, default=40)) == 40
    assert keys("\r").ask(prompt(small, 0, default=UNKNOWN)) is UNKNOWN


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
        pytest.param("j\r", DONE, id="j-confirms"),
        pytest.param("\r\rj\r", DONE, id="enter-alone-does-nothing"),
        pytest.param("2\r", "resident", id="number-changes"),
        pytest.param("<\r", BACK, id="back"),
        pytest.param("t\r", BACK, id="t-is-back"),
    ],
)
def test_review_keys(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire, typed: str, expected: object
) -> None:
    """In the review, j confirms, a row's number picks it to change, '<' goes back."""
    assert keys(typed).review(a_review(small)) == expected


def test_review_confirms_with_y_in_english(
    keys: Callable[[str], QuestionaryAsker], small: Questionnaire
) -> None:
    """The English review confirms with y, the Yes key everywhere else."""
    assert keys("y\r").review(a_review(small, "en")) is DONE


def test_review_hint_names_the_keys_that_work(small: Questionnaire) -> None:
    """The review's hint names j and the row numbers; a typed number shows the row to change."""
    asker = QuestionaryAsker(Console(file=io.StringIO(), width=80))
    picked: list[_ListPrompt] = []
    asker._list = lambda lp: picked.append(lp)  # type: ignore[method-assign]
    asker.review(a_review(small))
    (lp,) = picked
    assert lp.hint == "(j = svarene stemmer, 1–2 = endre et svar, < tilbake; så Enter)"
    assert "Endre" not in _text(lp.lines(80))
    lp.key("2")
    assert "» 2) Endre: Bor i kommunen?" in _text(lp.lines(80))


def test_review_prints_the_table(small: Questionnaire) -> None:
    """The review prints every answer and its origin before asking."""
    out = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text("j\r")
        asker = QuestionaryAsker(Console(file=out, width=80), input=pipe, output=DummyOutput())
        asker.review(a_review(small))
    printed = out.getvalue()
    assert "Hvor gammel?" in printed
    assert "--set" in printed
    assert "gjelder ikke lenger" in printed


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("\r\rn\r", False, id="enter-alone-does-nothing"),
        pytest.param("j\r", True, id="j-stops"),
    ],
)
def test_stop_question_has_nothing_chosen(
    keys: Callable[[str], QuestionaryAsker], typed: str, expected: bool
) -> None:
    """After Ctrl-C, Enter alone does nothing; n goes on, j stops."""
    assert keys(typed).confirm_stop("nb") is expected


def test_save_offer_suggests_a_name(
    keys: Callable[[str], QuestionaryAsker], tmp_path: Path
) -> None:
    """j and Enter twice saves under the suggested name; n declines; Enter alone does nothing."""
    suggested = tmp_path / "triage-small-svar.yaml"
    assert keys("\rj\r\r").save_as(suggested, "nb") == suggested
    assert keys("n\r").save_as(suggested, "nb") is None


def test_save_offer_refuses_an_existing_file(
    keys: Callable[[str], QuestionaryAsker], tmp_path: Path
) -> None:
    """A file name that exists is refused until another is typed."""
    taken = tmp_path / "a.yaml"
    taken.write_text("keep: me\n", encoding="utf-8")
    chosen = keys("j\r\r" + BACKSPACE * 6 + "b.yaml\r").save_as(taken, "nb")
    assert chosen == tmp_path / "b.yaml"


def test_offer_start_has_nothing_chosen() -> None:
    """The bare-'triage' offer waits for j or n; Enter alone does nothing."""
    with create_pipe_input() as pipe:
        pipe.send_text("\r\r\rn\r")
        assert offer_start("nb", input=pipe, output=DummyOutput()) is False
    with create_pipe_input() as pipe:
        pipe.send_text("\ry\r")
        assert offer_start("en", input=pipe, output=DummyOutput()) is True


def _text(tokens: list[tuple[str, str]]) -> str:
    """Return the text of styled tokens."""
    return "".join(text for _, text in tokens)


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


def test_progress_says_up_to_when_the_count_may_shrink(housing: Questionnaire) -> None:
    """Both askers say «av inntil N» (en «of up to N») when questions may still drop out."""
    maybe = replace(prompt(housing, 0, back=False), total=3, total_may_shrink=True)
    assert heading(maybe).startswith("Spørsmål 1 av inntil 3 · ")
    assert heading(replace(maybe, lang="en")).startswith("Question 1 of up to 3 · ")
    assert heading(replace(maybe, total_may_shrink=False)).startswith("Spørsmål 1 av 3 · ")
    asker, out = plain("2\n")
    asker.ask(maybe)
    assert "Spørsmål 1 av inntil 3: Hvor bor personen?" in out.getvalue()


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
        pytest.param("\n35\n", None, 35, "Ingenting skrevet ennå", id="enter-without-default"),
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
    assert "Skriv j hvis svarene stemmer, et tall fra 1 til 2" in shown


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        pytest.param("j\n", DONE, id="j"),
        pytest.param("\n\nja\n", DONE, id="enter-alone-does-nothing"),
        pytest.param("<\n", BACK, id="back"),
    ],
)
def test_plain_review_confirm_and_back(small: Questionnaire, typed: str, expected: object) -> None:
    """j (or ja) confirms the review, Enter alone does not; '<' goes back."""
    asker, _ = plain(typed)
    assert asker.review(a_review(small)) is expected


def test_plain_stop_and_save(tmp_path: Path) -> None:
    """Stopping and saving need a yes or a no; saving refuses a name that exists."""
    taken = tmp_path / "a.yaml"
    taken.write_text("", encoding="utf-8")
    asker, out = plain("\nn\n")
    assert asker.confirm_stop("nb") is False
    assert "Svar med j/n." in out.getvalue()
    assert plain("j\n")[0].confirm_stop("nb") is True
    assert plain("n\n")[0].save_as(taken, "nb") is None
    asker, out = plain(f"ja\n\n{tmp_path / 'b.yaml'}\n")
    assert asker.save_as(taken, "nb") == tmp_path / "b.yaml"
    assert "a.yaml finnes allerede" in " ".join(out.getvalue().split())


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


def test_plain_enter_on_a_new_question_answers_nothing(small: Questionnaire) -> None:
    """An empty line on an unanswered question names the keys; on a revisited one it keeps it."""
    asker, out = plain("\n\n\nn\n")
    assert asker.ask(prompt(small, 1)) is False
    assert out.getvalue().count("Ingenting skrevet ennå: skriv j, n, v.") == 3
    asker, _ = plain("\n")
    assert asker.ask(prompt(small, 1, default=True)) is True


def test_plain_keys_follow_the_language(small: Questionnaire) -> None:
    """In English plain mode shows y / n / d and takes d for Don't know."""
    asker, out = plain("\nd\n")
    assert asker.ask(prompt(small, 1, lang="en")) is UNKNOWN
    lines = out.getvalue().splitlines()
    assert "  y) Yes" in lines
    assert "  d) Don't know" in lines
    assert "Nothing typed yet: type y, n, d." in out.getvalue()


def test_plain_wraps_at_word_boundaries(
    housing: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 40 columns plain mode wraps every line between words, never inside one."""
    monkeypatch.setenv("COLUMNS", "40")
    asker, out = plain("?\n1\n")
    asker.ask(prompt(housing, 0))
    shown = out.getvalue()
    source = (
        "Bolig Spørsmål 1 av 1: Hvor bor personen? 1) Egen bolig 2) Hospits 3) Uten fast bopel "
        "v) Vet ikke <) Tilbake ?) Hjelp Svar: Slik det er i dag."
    )
    assert max(len(line) for line in shown.splitlines()) <= 39
    assert set(shown.split()) <= set(source.split())


def test_plain_undecodable_input_is_an_invalid_answer(small: Questionnaire) -> None:
    """A byte that is not UTF-8 is refused as an answer and asked again, never a traceback."""
    stdin = io.TextIOWrapper(io.BytesIO(b"\xf8\nj\n"), encoding="utf-8")
    out = io.StringIO()
    assert PlainAsker(stdin, out).ask(prompt(small, 1)) is True
    assert "ikke kunne leses" in out.getvalue()


def test_save_to_home_without_a_home_folder_asks_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'~/x' with no home folder known is an ordinary invalid name, and another is asked for."""
    pwd = pytest.importorskip("pwd")  # POSIX: where the home folder comes from without $HOME

    def no_entry(uid: int) -> object:
        raise KeyError(uid)

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    target = tmp_path / "svar.yaml"
    asker, out = plain(f"j\n~/svar.yaml\n{target}\n")
    assert asker.save_as(tmp_path / "a.yaml", "nb") == target
    assert "Finner ingen hjemmemappe for «~» i ~/svar.yaml" in out.getvalue()


# --------------------------------------------------------------------------- hostile text

HOSTILE = (
    "\x1b[2J \x1b]52;c;UTE=\x07 \x1b]52;c;Q0xJUA==\x1b\\ "
    "\x1b]8;;https://evil.example\x1b\\l\x1b]8;;\x1b\\ "
    "[link=https://evil.example]q[/link] \u202eevil\u202c \u200b"
)

EVIL = f"""\
id: evil
title: {{nb: "T {HOSTILE}"}}
description: Ond.
version: "1"
source: {{pages: [page]}}
questions:
  - id: yn
    kind: yes_no
    text: {{nb: "Q {HOSTILE}"}}
    help: {{nb: "H {HOSTILE}"}}
  - id: pick
    kind: choice
    text: {{nb: "C {HOSTILE}"}}
    choices:
      - {{value: a, text: {{nb: "A {HOSTILE}"}}}}
      - {{value: b, text: {{nb: "B"}}}}
outcomes:
  - {{id: o, level: information, title: O, summary: O., when: true, contacts: [team]}}
"""


def _raw(text: str) -> list[str]:
    """Return what in ``text`` a terminal would act on or read wrongly."""
    found = [c for c in ("\x1b", "\x07", "\u202e", "\u202c", "\u200b") if c in text]
    return found + (["[link="] if "\x1b]8" in text else [])


def test_hostile_texts_reach_no_asker_raw(build: Callable[[str], Questionnaire]) -> None:
    """Escapes, OSC 52/8, markup and bidi from a questionnaire are inert in askers and reviews."""
    evil = build(json_safe(EVIL))
    yn, pick = evil.questions
    rows = (Row(yn, 1, True, Origin.TYPED), Row(pick, 2, "a", Origin.FILE))
    review = Review(evil, rows, (), "nb")
    asker, out = plain("?\nj\n1\nj\n")
    asker.ask(prompt(evil, 0))
    asker.ask(prompt(evil, 1, default="a"))
    asker.review(review)
    assert _raw(out.getvalue()) == []
    assert "<U+202E>" in out.getvalue()
    screens: list[str] = []
    terminal = QuestionaryAsker(Console(file=io.StringIO(), width=100, force_terminal=True))
    terminal._list = lambda lp: screens.append(_text(lp.lines(100)))  # type: ignore[method-assign]
    terminal.ask(prompt(evil, 0))
    terminal.ask(prompt(evil, 1))
    table = Console(file=io.StringIO(), width=100, force_terminal=True, color_system=None)
    table.print(review_table(review))
    terminal.review(review)
    assert _raw("".join(screens)) == []
    assert _raw(table.file.getvalue()) == []  # type: ignore[attr-defined]
    assert "[link=https://evil.example]q[/link]" in table.file.getvalue()  # type: ignore[attr-defined]


def json_safe(text: str) -> str:
    """Return YAML text with control characters written as escapes inside its double quotes."""
    return (
        text.replace("\\", "\\\\")
        .replace("\x1b", "\\e")
        .replace("\x07", "\\a")
        .replace("\u202e", "\\u202E")
        .replace("\u202c", "\\u202C")
        .replace("\u200b", "\\u200B")
    )


def test_fit_is_fast_on_a_very_long_text() -> None:
    """Wrapping and shortening a 960 KB text takes well under a second (no quadratic work)."""
    import time

    text = "ord " * 240_000
    started = time.perf_counter()
    fit(text, 60)
    _shorten(text, 60)
    assert time.perf_counter() - started < 2


def test_choice_labels_wrap_at_words_at_sixty_columns(housing: Questionnaire) -> None:
    """At 60 columns a long choice label wraps between words, aligned after its number."""
    lp = _ListPrompt(
        "Hva gjelder det?",
        "Hva gjelder det?",
        [Option("Alvorlig rusmisbruk – bekymring, melding eller tvang (kapittel 10)", 1, number=1)],
        None,
        "(1, v eller piltaster, så Enter)",
        "",
        "",
    )
    lines = _text(lp.lines(60)).splitlines()
    assert lines[1:] == [
        "   1) Alvorlig rusmisbruk – bekymring, melding eller tvang",
        "      (kapittel 10)",
    ]


def test_short_window_review_keeps_one_line_per_answer(small: Questionnaire) -> None:
    """When the full table would not fit above the question, each answer gets one line."""
    out = io.StringIO()
    console = Console(file=out, width=60, height=8, color_system=None)
    asker = QuestionaryAsker(console)
    asker._list = lambda lp: DONE  # type: ignore[method-assign,assignment,return-value]
    review = a_review(small)
    long_row = Row(small.questions[1], 2, UNKNOWN, Origin.SET)
    review = Review(small, (review.rows[0], long_row), review.dropped, "nb")
    asker.review(review)
    lines = out.getvalue().splitlines()
    assert "Oppsummering av svarene" not in out.getvalue()
    assert lines[0].startswith("1   Hvor gammel?")
    assert lines[1].startswith("2   Bor i kommunen?")
    assert all(len(line) <= 60 for line in lines)
    roomy = io.StringIO()
    tall = Console(file=roomy, width=40, height=40, color_system=None)
    tall.print(QuestionaryAsker(tall)._fitting_table(review))
    assert "Oppsummering av svarene" in roomy.getvalue()


def test_long_choice_labels_stay_within_the_width() -> None:
    """A label of several lines keeps every line within the screen, hanging under its text."""
    label = "Alvorlig rusmisbruk – bekymring, melding eller tvang (kapittel 10) " * 3
    lp = _ListPrompt("Q", "Q", [Option(label, 1, number=1)], 0, "(1)", "", "")
    lines = _text(lp.lines(40)).splitlines()[1:]
    assert len(lines) > 3
    assert all(len(line) < 40 for line in lines)
    assert all(line.startswith("      ") for line in lines[1:])


@pytest.mark.parametrize("typed", ["²\n1\n", "٣\n1\n", "9" * 5000 + "\n1\n"])
def test_plain_odd_digits_at_a_choice_are_invalid_answers(
    housing: Questionnaire, typed: str
) -> None:
    """A superscript, an Arabic digit or a huge number at a choice is asked again, no crash."""
    asker, out = plain(typed)
    assert asker.ask(prompt(housing, 0)) == housing.questions[0].choices[0].value
    assert "1–" in out.getvalue()
