"""The kind registry: one declaration per question kind, used by conditions and the engine."""

from __future__ import annotations

import dataclasses

import pytest

from triage.core import conditions as cond
from triage.core.kinds import KINDS, NotOfKind, Ordered, OutOfBounds, show_literal
from triage.core.model import Choice, Question, QuestionKind, Text
from triage.render.i18n import MESSAGES


def test_registry_declares_every_question_kind() -> None:
    """Each QuestionKind has exactly one registered behaviour, keyed by itself."""
    assert set(KINDS) == set(QuestionKind)
    assert all(entry.kind is kind for kind, entry in KINDS.items())


def test_only_numbers_and_dates_are_ordered() -> None:
    """Ordering (<, <=, >, >=) is declared by the number and date kinds alone."""
    assert {kind for kind, entry in KINDS.items() if entry.ordered} == {
        QuestionKind.NUMBER,
        QuestionKind.DATE,
    }


def test_number_candidates_are_literals_their_neighbours_and_bounds_inside_the_range() -> None:
    """A bounded number yields each literal ±1 and the bounds, never outside the range."""
    question = Question("age", QuestionKind.NUMBER, Text.of("Alder?"), minimum=0, maximum=20)
    assert KINDS[QuestionKind.NUMBER].candidates(question, [18, 20, True, "x"]) == (
        0,
        17,
        18,
        19,
        20,
    )


def test_unbounded_number_without_literals_has_one_candidate() -> None:
    """With nothing to distinguish, a number question still offers one definite answer."""
    question = Question("n", QuestionKind.NUMBER, Text.of("Antall?"))
    assert KINDS[QuestionKind.NUMBER].candidates(question, []) == (0,)


def test_choice_and_yes_no_candidates_are_all_answers() -> None:
    """A choice offers every listed value; yes/no offers both."""
    choices = (Choice("a", Text.of("A")), Choice("b", Text.of("B")))
    question = Question("c", QuestionKind.CHOICE, Text.of("Valg?"), choices=choices)
    assert KINDS[QuestionKind.CHOICE].candidates(question, ["a"]) == ("a", "b")
    yes_no = Question("y", QuestionKind.YES_NO, Text.of("Ja?"))
    assert KINDS[QuestionKind.YES_NO].candidates(yes_no, []) == (True, False)


@pytest.mark.parametrize(
    ("kind", "text", "fragment"),
    [
        pytest.param(QuestionKind.YES_NO, "x >= 1", "is a yes/no question", id="yes-no-order"),
        pytest.param(QuestionKind.NUMBER, 'x == "a"', "is a number question", id="number-text"),
        pytest.param(QuestionKind.CHOICE, 'x < "a"', "use == , != , in", id="choice-order"),
        pytest.param(
            QuestionKind.CHOICE, 'x == "z"', "is not a choice of 'x'", id="choice-unlisted"
        ),
    ],
)
def test_type_check_refuses_literals_the_kind_does_not_fit(
    kind: QuestionKind, text: str, fragment: str
) -> None:
    """The condition checker reports what the kind's declaration refuses."""
    problems = cond.check(cond.parse_expression(text), {"x": cond.Symbol(kind, ("a", "b"))})
    assert len(problems) == 1
    assert fragment in problems[0]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(QuestionKind.YES_NO, "x == true", id="yes-no"),
        pytest.param(QuestionKind.NUMBER, "x in (1, 2)", id="number-in"),
        pytest.param(QuestionKind.CHOICE, 'x not in ("a", "b")', id="choice-not-in"),
    ],
)
def test_type_check_accepts_literals_the_kind_fits(kind: QuestionKind, text: str) -> None:
    """A comparison the kind declares fitting passes the checker."""
    assert cond.check(cond.parse_expression(text), {"x": cond.Symbol(kind, ("a", "b"))}) == []


def test_show_literal_writes_the_condition_language() -> None:
    """Literals are shown as a condition would write them."""
    assert show_literal((True, 3, "a")) == '(true, 3, "a")'


def test_carried_number_must_fit_the_range_asked_here() -> None:
    """A number carried into a narrower range is reported; a wider or equal range is not."""
    wide = Question("n", QuestionKind.NUMBER, Text.of("?"), minimum=0, maximum=100)
    narrow = Question("n", QuestionKind.NUMBER, Text.of("?"), minimum=10, maximum=100)
    number = KINDS[QuestionKind.NUMBER]
    assert number.narrower(wide, narrow) == "allows a narrower range of numbers here"
    assert number.narrower(narrow, wide) == ""


def test_carried_choice_must_still_be_listed() -> None:
    """A choice carried into a question that drops one of its values names the missing one."""
    both = (Choice("a", Text.of("A")), Choice("b", Text.of("B")))
    before = Question("c", QuestionKind.CHOICE, Text.of("?"), choices=both)
    after = Question("c", QuestionKind.CHOICE, Text.of("?"), choices=both[:1])
    assert KINDS[QuestionKind.CHOICE].narrower(before, after) == "lacks the choices b"
    assert KINDS[QuestionKind.CHOICE].narrower(after, before) == ""


def test_every_kind_names_a_widget_and_an_encoding_the_edges_know() -> None:
    """prompts maps widgets and proofs encodings by name: each kind names one they know."""
    for entry in KINDS.values():
        assert entry.widget in {"yes_no", "choice", "text"}
        assert entry.encoding in {"bool", "int", "enum"}
        assert (entry.encoding == "int") == isinstance(entry, Ordered)
        assert (entry.widget == "text") == (entry.typed is not None)


def test_typed_kinds_words_exist_in_both_languages() -> None:
    """Every i18n key a typed kind names has a bokmål and an English text."""
    for entry in KINDS.values():
        if entry.typed is None:
            continue
        for key in dataclasses.astuple(entry.typed):
            assert {"nb", "en"} <= set(MESSAGES[key]), key


def test_ordered_kinds_rank_their_answers_and_back() -> None:
    """An ordered kind's rank and unrank are inverse, so proofs read back what they encode."""
    number = KINDS[QuestionKind.NUMBER]
    assert isinstance(number, Ordered)
    assert [number.unrank(number.rank(v)) for v in (-3, 0, 17)] == [-3, 0, 17]


def test_kind_reads_answers_and_refuses_others_with_the_reason() -> None:
    """Each kind coerces its own answers; others are NotOfKind, out of range is OutOfBounds."""
    age = Question("age", QuestionKind.NUMBER, Text.of("Alder?"), minimum=0, maximum=120)
    number = KINDS[QuestionKind.NUMBER]
    assert number.coerce(age, " 17 ") == 17
    with pytest.raises(NotOfKind, match="is not a whole number"):
        number.coerce(age, "sytten")
    with pytest.raises(OutOfBounds, match="above the maximum 120") as raised:
        number.coerce(age, 121)
    assert (raised.value.side, raised.value.bound) == ("above", 120)
    yes_no = Question("y", QuestionKind.YES_NO, Text.of("Ja?"))
    assert KINDS[QuestionKind.YES_NO].coerce(yes_no, "Ja") is True


def test_ordered_kinds_say_their_orderings_in_both_languages() -> None:
    """Each ordered kind's ordering words (op_ge, op_date_lt, …) exist in bokmål and English."""
    for entry in KINDS.values():
        if entry.ordered:
            for op in ("lt", "le", "gt", "ge"):
                assert {"nb", "en"} <= set(MESSAGES[f"{entry.ops}_{op}"]), (entry.kind, op)
