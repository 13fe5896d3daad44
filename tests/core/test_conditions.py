"""The condition language: parsing without eval, type checks, and Kleene logic."""

from __future__ import annotations

import itertools

import pytest

from triage.core.conditions import (
    All,
    Any_,
    Compare,
    ConditionError,
    Const,
    Not,
    Op,
    Ref,
    Symbol,
    Tri,
    check,
    evaluate,
    names,
    parse_condition,
    parse_expression,
    residual,
    to_text,
)
from triage.core.model import UNKNOWN, QuestionKind

SYMBOLS = {
    "age": Symbol(QuestionKind.NUMBER),
    "pregnant": Symbol(QuestionKind.YES_NO),
    "resident": Symbol(QuestionKind.YES_NO),
    "housing": Symbol(QuestionKind.CHOICE, ("own", "none", "shelter")),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("pregnant", Ref("pregnant"), id="name"),
        pytest.param("not pregnant", Not(Ref("pregnant")), id="not"),
        pytest.param("age >= 18", Compare("age", Op.GE, 18), id="compare"),
        pytest.param("18 <= age", Compare("age", Op.GE, 18), id="mirrored"),
        pytest.param("age > -1", Compare("age", Op.GT, -1), id="negative-literal"),
        pytest.param(
            "18 <= age < 67",
            All((Compare("age", Op.GE, 18), Compare("age", Op.LT, 67))),
            id="chain",
        ),
        pytest.param(
            'housing in ("none", "shelter")',
            Compare("housing", Op.IN, ("none", "shelter")),
            id="in",
        ),
        pytest.param("any(pregnant, resident)", Any_((Ref("pregnant"), Ref("resident"))), id="any"),
        pytest.param("all(pregnant, resident)", All((Ref("pregnant"), Ref("resident"))), id="all"),
        pytest.param(
            "age >= 18 and resident or pregnant",
            Any_((All((Compare("age", Op.GE, 18), Ref("resident"))), Ref("pregnant"))),
            id="precedence",
        ),
        pytest.param("true", Const(True), id="true"),
        pytest.param("False", Const(False), id="false"),
        pytest.param("pregnant == true", Compare("pregnant", Op.EQ, True), id="eq-bool"),
        pytest.param(
            "age >= 18 and\nresident",
            All((Compare("age", Op.GE, 18), Ref("resident"))),
            id="wrapped-line",
        ),
    ],
)
def test_expression_parses_to_tree(text: str, expected: object) -> None:
    """Whitelisted syntax parses to the expected condition tree."""
    assert parse_expression(text) == expected


def test_yaml_form_means_the_same_as_the_expression() -> None:
    """The all/any/not YAML form builds the same tree as the expression."""
    data = {"any": ["pregnant", {"all": ["resident", {"not": "age < 18"}]}]}
    expected = parse_expression("pregnant or (resident and not age < 18)")
    assert parse_condition(data) == expected


@pytest.mark.parametrize(
    ("text", "message", "col"),
    [
        pytest.param("age >=", "syntax error in condition: invalid syntax", 7, id="syntax"),
        pytest.param(
            "__import__('os').system('x')",
            "only any(...) and all(...) may be called in a condition",
            1,
            id="call",
        ),
        pytest.param("a.b", "'a.b' is not allowed in a condition", 1, id="attribute"),
        pytest.param(
            "age + 1 > 2",
            "a comparison needs one question id and one literal value, e.g. age >= 18",
            1,
            id="arithmetic",
        ),
        pytest.param("x[0]", "'x[0]' is not allowed in a condition", 1, id="subscript"),
        pytest.param(
            "age == other",
            "a comparison needs one question id and one literal value, e.g. age >= 18",
            1,
            id="two-names",
        ),
        pytest.param("lambda: 1", "'lambda: 1' is not allowed in a condition", 1, id="lambda"),
        pytest.param("age is 1", "use ==, !=, <, <=, >, >=, in or not in", 1, id="is"),
        pytest.param(
            'housing in "none"',
            '\'in\' needs a list of values, e.g. kind in ("a", "b")',
            12,
            id="in-string",
        ),
        pytest.param("any()", "any(...) takes one or more conditions", 1, id="empty-any"),
        pytest.param("   ", "empty condition", None, id="empty"),
    ],
)
def test_bad_expression_is_refused_with_column(text: str, message: str, col: int | None) -> None:
    """Anything outside the whitelist is a ConditionError saying what and where."""
    with pytest.raises(ConditionError) as raised:
        parse_expression(text)
    assert raised.value.message == message
    assert raised.value.col == col


def test_yaml_form_error_names_the_path() -> None:
    """An error deep in the YAML form says where in the form it is."""
    with pytest.raises(ConditionError) as raised:
        parse_condition({"all": ["pregnant", {"any": ["x.y"]}]})
    assert raised.value.at == ("all", 1, "any", 0)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"all": []}, id="empty-all"),
        pytest.param({"all": ["a"], "any": ["b"]}, id="two-keys"),
        pytest.param({"either": ["a"]}, id="unknown-key"),
        pytest.param(3, id="number"),
        pytest.param(None, id="null"),
    ],
)
def test_malformed_yaml_form_is_refused(data: object) -> None:
    """The YAML form accepts exactly one of all/any/not with fitting content."""
    with pytest.raises(ConditionError):
        parse_condition(data)


def test_deep_nesting_is_refused() -> None:
    """A pathologically deep condition is an error, not a RecursionError."""
    with pytest.raises(ConditionError, match="nested deeper"):
        parse_expression("not " * 100 + "pregnant")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "pregant",
            "unknown question id 'pregant' in condition (did you mean 'pregnant'?)",
            id="typo",
        ),
        pytest.param(
            "age",
            "'age' is a number question and cannot stand alone as yes/no: "
            "compare it, e.g. age >= 18",
            id="number-alone",
        ),
        pytest.param(
            "pregnant == 3",
            "'pregnant' is a yes/no question: write 'pregnant' or 'not pregnant', not == 3",
            id="yes-no-vs-number",
        ),
        pytest.param(
            'age >= "18"',
            "'age' is a number question and cannot be compared with \"18\"",
            id="number-vs-text",
        ),
        pytest.param(
            'housing == "hotel"',
            "'hotel' is not a choice of 'housing' (choices: own, none, shelter)",
            id="unlisted-choice",
        ),
        pytest.param(
            'housing > "own"',
            "'housing' is a choice question: use == , != , in or not in",
            id="ordered-choice",
        ),
    ],
)
def test_type_check_reports_misuse(text: str, problem: str) -> None:
    """The checker names unknown ids and comparisons that do not fit the question kind."""
    assert check(parse_expression(text), SYMBOLS) == [problem]


def test_well_typed_condition_has_no_problems() -> None:
    """A condition that fits every question kind passes the checker."""
    text = 'age >= 18 and pregnant and housing in ("none", "shelter") and resident == false'
    assert check(parse_expression(text), SYMBOLS) == []


VALUES: list[Tri] = [True, False, None]


def _answer(value: Tri) -> object:
    return UNKNOWN if value is None else value


@pytest.mark.parametrize(("a", "b"), list(itertools.product(VALUES, VALUES)))
def test_and_or_not_follow_kleene(a: Tri, b: Tri) -> None:
    """and/or/not match Kleene's strong three-valued truth tables."""
    env = {"pregnant": _answer(a), "resident": _answer(b)}
    expected_and = False if False in (a, b) else (None if None in (a, b) else True)
    expected_or = True if True in (a, b) else (None if None in (a, b) else False)
    assert evaluate(parse_expression("pregnant and resident"), env) is expected_and  # type: ignore[arg-type]
    assert evaluate(parse_expression("pregnant or resident"), env) is expected_or  # type: ignore[arg-type]
    assert evaluate(parse_expression("not pregnant"), env) is (None if a is None else not a)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        pytest.param("age >= 18", {"age": 18}, True, id="boundary-18"),
        pytest.param("age >= 18", {"age": 17}, False, id="boundary-17"),
        pytest.param("age >= 18", {"age": UNKNOWN}, None, id="unknown-age"),
        pytest.param("age >= 18", {}, None, id="missing-age"),
        pytest.param("not age >= 18", {}, None, id="not-unknown"),
        pytest.param('housing in ("none", "shelter")', {"housing": "none"}, True, id="in"),
        pytest.param('housing not in ("none",)', {"housing": "none"}, False, id="not-in"),
        pytest.param("age >= 18 and pregnant", {"age": 17}, False, id="false-beats-unknown"),
        pytest.param("age >= 18 or pregnant", {"age": 30}, True, id="true-beats-unknown"),
        pytest.param("pregnant == false", {"pregnant": False}, True, id="eq-false"),
    ],
)
def test_evaluate_propagates_unknown(text: str, env: dict[str, object], expected: Tri) -> None:
    """Comparisons with unknown answers are unknown; definite sides still decide."""
    assert evaluate(parse_expression(text), env) is expected  # type: ignore[arg-type]


def test_names_lists_references_in_order_once() -> None:
    """names() returns each referenced id once, in order of first use."""
    condition = parse_expression("age >= 18 and (pregnant or age < 67) and not resident")
    assert names(condition) == ("age", "pregnant", "resident")


@pytest.mark.parametrize(
    "text",
    [
        "age >= 18 and resident",
        "(pregnant or resident) and not age < 18",
        'housing in ("none", "shelter")',
        "true",
    ],
)
def test_to_text_round_trips(text: str) -> None:
    """Rendering a condition back and parsing it again gives the same tree."""
    condition = parse_expression(text)
    assert parse_expression(to_text(condition)) == condition


def test_python_warnings_are_errors_not_stray_output(recwarn: pytest.WarningsRecorder) -> None:
    """'18and' (a SyntaxWarning in Python) is a syntax error, and nothing is printed."""
    with pytest.raises(ConditionError) as raised:
        parse_expression("age >= 18and resident")
    assert raised.value.message == "syntax error in condition: invalid decimal literal"
    assert raised.value.col == 9
    assert list(recwarn) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            'housing in (true, "own")', "lists of values hold numbers or text", id="bool-in-list"
        ),
        pytest.param(
            'age >= -"x"',
            "'-'x'' is not a literal: use a whole number, \"text\", true or false",
            id="negative-text",
        ),
        pytest.param(
            "age >= 1.5",
            "'1.5' is not a literal: use a whole number, \"text\", true or false",
            id="decimal",
        ),
        pytest.param("a" * 2001, "expression longer than 2000 characters", id="too-long"),
    ],
)
def test_literals_and_length_are_checked(text: str, message: str) -> None:
    """Only whole numbers, text and true/false are literals; expressions have a length limit."""
    with pytest.raises(ConditionError) as raised:
        parse_expression(text)
    assert raised.value.message == message


def test_minus_minus_one_is_one() -> None:
    """A doubled minus sign is read as arithmetic on the literal, not refused."""
    assert parse_expression("age >= --1") == Compare("age", Op.GE, 1)


def test_null_byte_cannot_be_parsed() -> None:
    """A NUL character in a condition is an error, not a crash."""
    with pytest.raises(ConditionError) as raised:
        parse_expression("resident\x00")
    assert raised.value.message in (
        "syntax error in condition: source code string cannot contain null bytes",  # 3.11
        "syntax error in condition: source code cannot contain null bytes",  # 3.12 and later
    )


def test_yaml_form_nested_too_deeply_is_refused() -> None:
    """The all/any/not form has the same depth limit as expressions, and says where."""
    data: object = "resident"
    for _ in range(45):
        data = {"not": data}
    with pytest.raises(ConditionError) as raised:
        parse_condition(data)
    assert raised.value.message == "condition nested deeper than 40 levels"
    assert raised.value.at == ("not",) * 41


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "housing == 3",
            "'housing' is a choice question and cannot be compared with 3",
            id="choice-vs-number",
        ),
        pytest.param(
            "age == true",
            "'age' is a number question and cannot be compared with true",
            id="number-vs-true",
        ),
        pytest.param(
            "age != false",
            "'age' is a number question and cannot be compared with false",
            id="number-vs-false",
        ),
    ],
)
def test_type_check_names_the_literal(text: str, problem: str) -> None:
    """The type check quotes the offending literal as the language writes it."""
    assert check(parse_expression(text), SYMBOLS) == [problem]


def test_answer_of_the_wrong_kind_evaluates_to_unknown() -> None:
    """An answer that cannot be compared (text against a number) is unknown, not an error."""
    assert evaluate(parse_expression("age >= 18"), {"age": "old"}) is None


@pytest.mark.parametrize(
    ("text", "env", "left"),
    [
        pytest.param("pregnant and resident", {"pregnant": True}, "resident", id="and-drops-true"),
        pytest.param("pregnant or resident", {"pregnant": False}, "resident", id="or-drops-false"),
        pytest.param(
            "(pregnant and age >= 18) or resident",
            {"age": 17},
            "resident",
            id="false-branch-gone",
        ),
        pytest.param(
            "resident or (pregnant and age >= 18)",
            {},
            "resident or (pregnant and age >= 18)",
            id="all-open",
        ),
        pytest.param("not (pregnant and resident)", {"resident": True}, "not pregnant", id="not"),
        pytest.param("pregnant and resident", {"pregnant": False}, "false", id="settled"),
    ],
)
def test_residual_keeps_only_what_still_decides(
    text: str, env: dict[str, object], left: str
) -> None:
    """residual() drops settled parts and keeps the open ones the condition depends on."""
    assert to_text(residual(parse_expression(text), env)) == left  # type: ignore[arg-type]


def test_residual_evaluates_like_the_condition() -> None:
    """For every mix of answers, the residual and the condition agree (three-valued)."""
    condition = parse_expression(
        "(pregnant and age >= 18) or not (resident or age < 67) or pregnant == false"
    )
    values: list[object] = [True, False, UNKNOWN]
    for pregnant, resident, age in itertools.product(values, values, [17, 18, 70, UNKNOWN]):
        env = {"pregnant": pregnant, "resident": resident, "age": age}
        rest = residual(condition, env)  # type: ignore[arg-type]
        assert evaluate(rest, env) is evaluate(condition, env)  # type: ignore[arg-type]
        assert evaluate(rest, {}) is evaluate(condition, env)  # type: ignore[arg-type]
