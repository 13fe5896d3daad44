"""The condition language: parse once, without ``eval``, and evaluate in three-valued logic.

A condition is either an expression string such as ``age >= 18 and belongs_to_kristiansand``
or the YAML form ``{all: [...]}``, ``{any: [...]}``, ``{not: ...}`` whose leaves are
expression strings or ``true``/``false``. Expressions use a whitelisted subset of Python
syntax, parsed with :func:`ast.parse`: names, ``and``/``or``/``not``, comparisons of a name
with a literal (``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``in``, ``not in``), and the
functions ``any(...)`` and ``all(...)``.

Evaluation follows Kleene's logic: ``None`` stands for "unknown"; a comparison with an
unknown answer is unknown; ``and`` is false as soon as one side is false, ``or`` is true as
soon as one side is true.
"""

from __future__ import annotations

import ast
import enum
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeAlias

from triage.core.kinds import KINDS, show_literal
from triage.core.model import UNKNOWN, AnswerValue, QuestionKind

#: A three-valued truth value: True, False, or None for unknown.
Tri: TypeAlias = bool | None

Literal: TypeAlias = bool | int | str | tuple[str | int, ...]

MAX_EXPRESSION_LENGTH = 2000
MAX_DEPTH = 40
#: Numbers are bounded everywhere (conditions, min/max, answers): |n| < 10**15.
MAX_NUMBER = 10**15
MAX_NUMBER_TEXT = "1 000 000 000 000 000"


class Op(enum.Enum):
    """The comparison operators the language knows."""

    EQ = "=="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    NOT_IN = "not in"


_AST_OPS: dict[type[ast.cmpop], Op] = {
    ast.Eq: Op.EQ,
    ast.NotEq: Op.NE,
    ast.Lt: Op.LT,
    ast.LtE: Op.LE,
    ast.Gt: Op.GT,
    ast.GtE: Op.GE,
    ast.In: Op.IN,
    ast.NotIn: Op.NOT_IN,
}
# Reading `18 <= age` as `age >= 18`.
_MIRROR = {Op.LT: Op.GT, Op.LE: Op.GE, Op.GT: Op.LT, Op.GE: Op.LE, Op.EQ: Op.EQ, Op.NE: Op.NE}
_ORDERING = {Op.LT, Op.LE, Op.GT, Op.GE}


@dataclass(frozen=True, slots=True)
class Const:
    """A literal ``true`` or ``false``."""

    value: bool


@dataclass(frozen=True, slots=True)
class Ref:
    """A yes/no question (or criterion) used as a truth value."""

    name: str


@dataclass(frozen=True, slots=True)
class Compare:
    """A comparison of a question's answer with a literal."""

    name: str
    op: Op
    value: Literal


@dataclass(frozen=True, slots=True)
class Not:
    """Negation."""

    operand: Condition


@dataclass(frozen=True, slots=True)
class All:
    """Conjunction: true when every operand is true."""

    operands: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Any_:
    """Disjunction: true when some operand is true."""

    operands: tuple[Condition, ...]


Condition: TypeAlias = Const | Ref | Compare | Not | All | Any_


class ConditionError(ValueError):
    """A condition that cannot be parsed.

    ``at`` is the path inside the YAML form (e.g. ``("all", 1)``) and ``col`` the 1-based
    column inside the expression string, when known.
    """

    def __init__(self, message: str, at: tuple[str | int, ...] = (), col: int | None = None):
        super().__init__(message)
        self.message = message
        self.at = at
        self.col = col


# --------------------------------------------------------------------------- parsing


def parse_condition(data: object) -> Condition:
    """Parse an expression string, a boolean, or the ``all``/``any``/``not`` YAML form."""
    return _parse_data(data, (), 0)


def _parse_data(data: object, at: tuple[str | int, ...], depth: int) -> Condition:
    if depth > MAX_DEPTH:
        raise ConditionError(f"condition nested deeper than {MAX_DEPTH} levels", at)
    if isinstance(data, bool):
        return Const(data)
    if isinstance(data, str):
        try:
            return parse_expression(data)
        except ConditionError as error:
            raise ConditionError(error.message, at, error.col) from None
    if isinstance(data, Mapping):
        if len(data) != 1:
            raise ConditionError("a condition mapping needs exactly one key: all, any or not", at)
        ((key, value),) = data.items()
        if key == "not":
            return Not(_parse_data(value, (*at, "not"), depth + 1))
        if key in ("all", "any"):
            if not isinstance(value, list) or not value:
                raise ConditionError(f"'{key}' needs a non-empty list of conditions", (*at, key))
            operands = tuple(
                _parse_data(item, (*at, key, index), depth + 1) for index, item in enumerate(value)
            )
            return All(operands) if key == "all" else Any_(operands)
        raise ConditionError(f"unknown condition key '{key}': use all, any or not", at)
    raise ConditionError("a condition must be an expression string, true/false, or all/any/not", at)


def parse_expression(text: str) -> Condition:
    """Parse one expression string into a condition."""
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ConditionError(f"expression longer than {MAX_EXPRESSION_LENGTH} characters")
    if not text.strip():
        raise ConditionError("empty condition")
    # Newlines let a long condition wrap in a YAML block scalar.
    source = " ".join(text.split("\n"))
    source = source.strip()
    try:
        with warnings.catch_warnings():
            # Python only warns about e.g. "18and"; here it is an error, not stray stderr.
            warnings.simplefilter("error", SyntaxWarning)
            tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        # Python reports 0 or nothing for "unexpected end"; point just past the text then.
        col = error.offset if error.offset and error.offset <= len(source) else len(source) + 1
        raise ConditionError(f"syntax error in condition: {error.msg}", col=col) from None
    except (ValueError, RecursionError, MemoryError):
        raise ConditionError("condition cannot be parsed") from None
    _check_names(tree, source)
    return _convert(tree.body, 0)


def _check_names(tree: ast.AST, source: str) -> None:
    """Refuse names that are not plain ASCII as written.

    Python folds identifiers to NFKC, so a full-width `ｙｎ` would silently mean `yn`: what
    the file shows and what it means must not differ.
    """
    if source.isascii():
        return
    encoded = source.encode("utf-8")
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            end = node.end_col_offset
            written = encoded[node.col_offset : end].decode("utf-8", "replace")
            if written != node.id or not node.id.isascii():
                raise ConditionError(
                    f"{(written or node.id)!a} is not a valid name: ids use only a-z, 0-9 and _",
                    col=_col_in(source, node),
                )


def _col_in(source: str, node: ast.expr) -> int:
    """Return the 1-based character column of a node (ast counts UTF-8 bytes)."""
    return len(source.encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1


def _col(node: ast.AST) -> int | None:
    offset = getattr(node, "col_offset", None)
    return None if offset is None else offset + 1


def _convert(node: ast.expr, depth: int) -> Condition:
    if depth > MAX_DEPTH:
        raise ConditionError(f"condition nested deeper than {MAX_DEPTH} levels", col=_col(node))
    if isinstance(node, ast.BoolOp):
        operands = tuple(_convert(value, depth + 1) for value in node.values)
        return All(operands) if isinstance(node.op, ast.And) else Any_(operands)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return Not(_convert(node.operand, depth + 1))
    if isinstance(node, ast.Name):
        return _name_or_const(node)
    if isinstance(node, ast.Constant) and isinstance(node.value, bool):
        return Const(node.value)
    if isinstance(node, ast.Compare):
        return _convert_compare(node)
    if isinstance(node, ast.Call):
        return _convert_call(node, depth)
    raise ConditionError(f"'{_describe(node)}' is not allowed in a condition", col=_col(node))


def _name_or_const(node: ast.Name) -> Condition:
    if node.id in _BOOL_NAMES:
        return Const(node.id in ("true", "True"))
    return Ref(node.id)


def _convert_call(node: ast.Call, depth: int) -> Condition:
    if not isinstance(node.func, ast.Name) or node.func.id not in ("any", "all"):
        raise ConditionError(
            "only any(...) and all(...) may be called in a condition", col=_col(node)
        )
    if node.keywords or not node.args:
        raise ConditionError(f"{node.func.id}(...) takes one or more conditions", col=_col(node))
    operands = tuple(_convert(arg, depth + 1) for arg in node.args)
    return Any_(operands) if node.func.id == "any" else All(operands)


def _convert_compare(node: ast.Compare) -> Condition:
    parts: list[Condition] = []
    left = node.left
    for ast_op, right in zip(node.ops, node.comparators, strict=True):
        op = _AST_OPS.get(type(ast_op))
        if op is None:
            raise ConditionError("use ==, !=, <, <=, >, >=, in or not in", col=_col(node))
        parts.append(_pairwise(left, op, right))
        left = right
    return parts[0] if len(parts) == 1 else All(tuple(parts))


_BOOL_NAMES = ("true", "True", "false", "False")


def _is_id(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id not in _BOOL_NAMES


def _pairwise(left: ast.expr, op: Op, right: ast.expr) -> Compare:
    if isinstance(left, ast.Name) and _is_id(left) and not _is_id(right):
        return Compare(left.id, op, _literal(right, op))
    if isinstance(right, ast.Name) and _is_id(right) and not _is_id(left) and op in _MIRROR:
        return Compare(right.id, _MIRROR[op], _literal(left, op))
    raise ConditionError(
        "a comparison needs one question id and one literal value, e.g. age >= 18",
        col=_col(left),
    )


def _literal(node: ast.expr, op: Op) -> Literal:
    if op in (Op.IN, Op.NOT_IN):
        if not isinstance(node, ast.Tuple | ast.List) or not node.elts:
            raise ConditionError(
                f'\'{op.value}\' needs a list of values, e.g. kind in ("a", "b")',
                col=_col(node),
            )
        values: list[str | int] = []
        for element in node.elts:
            value = _scalar(element)
            if isinstance(value, bool):
                raise ConditionError("lists of values hold numbers or text", col=_col(element))
            values.append(value)
        return tuple(values)
    return _scalar(node)


def _scalar(node: ast.expr) -> bool | int | str:
    if isinstance(node, ast.Name) and node.id in _BOOL_NAMES:
        return node.id in ("true", "True")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        # Signs are counted, not recursed into, and bounded like any nesting.
        minus, signs = False, 0
        operand: ast.expr = node
        while isinstance(operand, ast.UnaryOp) and isinstance(operand.op, ast.USub | ast.UAdd):
            minus ^= isinstance(operand.op, ast.USub)
            signs, operand = signs + 1, operand.operand
            if signs > MAX_DEPTH:
                raise ConditionError(
                    f"more than {MAX_DEPTH} signs in a row: write the number once, e.g. -5",
                    col=_col(node),
                )
        if isinstance(operand, ast.Constant) and type(operand.value) is int:
            return _number(-operand.value if minus else operand.value, node)
    if isinstance(node, ast.Constant) and isinstance(node.value, bool | int | str):
        if type(node.value) is int:
            return _number(node.value, node)
        return node.value
    raise ConditionError(
        f"'{_describe(node)}' is not a literal: use a whole number, \"text\", true or false",
        col=_col(node),
    )


def _number(value: int, node: ast.expr) -> int:
    if abs(value) >= MAX_NUMBER:
        raise ConditionError(
            f"number too large: numbers in conditions must be below {MAX_NUMBER_TEXT}",
            col=_col(node),
        )
    return value


def _describe(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError):
        return type(node).__name__
    return text if len(text) <= 40 else text[:39] + "…"


# --------------------------------------------------------------------------- inspection


def walk(condition: Condition) -> Iterator[Condition]:
    """Yield the condition and every sub-condition, depth first."""
    yield condition
    if isinstance(condition, Not):
        yield from walk(condition.operand)
    elif isinstance(condition, All | Any_):
        for operand in condition.operands:
            yield from walk(operand)


def names(condition: Condition) -> tuple[str, ...]:
    """Return the names a condition refers to, in order of first use."""
    seen: dict[str, None] = {}
    for node in walk(condition):
        if isinstance(node, Ref | Compare):
            seen.setdefault(node.name, None)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class Symbol:
    """What the type checker knows about a name: its kind and, for choices, the values."""

    kind: QuestionKind
    choices: tuple[str, ...] = ()


def check(condition: Condition, symbols: Mapping[str, Symbol | None]) -> list[str]:
    """Return type errors: unknown names, and comparisons that do not fit the question kind.

    A name mapped to None is declared but of unknown kind (its own definition is broken):
    it is accepted without type checks, so one mistake is not reported twice.
    """
    problems: list[str] = []
    for node in walk(condition):
        if isinstance(node, Ref | Compare) and node.name not in symbols:
            problems.append(_unknown_name(node.name, symbols))
            continue
        if not isinstance(node, Ref | Compare):
            continue
        symbol = symbols[node.name]
        if symbol is None:
            continue
        if isinstance(node, Ref):
            kind = symbol.kind
            if kind is not QuestionKind.YES_NO:
                problems.append(
                    f"'{node.name}' is a {kind.value} question and cannot stand alone as "
                    f"yes/no: compare it, e.g. {_example(node.name, symbol)}"
                )
        else:
            problems.extend(_check_compare(node, symbol))
    return problems


def _unknown_name(name: str, symbols: Mapping[str, Symbol | None]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(symbols), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown question id '{name}' in condition{hint}"


def _example(name: str, symbol: Symbol) -> str:
    return KINDS[symbol.kind].example(name, symbol.choices)


def _check_compare(node: Compare, symbol: Symbol) -> list[str]:
    return KINDS[symbol.kind].check_compare(
        node.name, node.op.value, node.op in _ORDERING, node.value, symbol.choices
    )


_show = show_literal


def to_text(condition: Condition) -> str:
    """Render a condition back as an expression string in the language."""
    return _to_text(condition, top=True)


def _to_text(condition: Condition, *, top: bool = False) -> str:
    if isinstance(condition, Const):
        return "true" if condition.value else "false"
    if isinstance(condition, Ref):
        return condition.name
    if isinstance(condition, Compare):
        return f"{condition.name} {condition.op.value} {_show(condition.value)}"
    if isinstance(condition, Not):
        return f"not {_to_text(condition.operand)}"
    joiner = " and " if isinstance(condition, All) else " or "
    text = joiner.join(_to_text(operand) for operand in condition.operands)
    return text if top or len(condition.operands) == 1 else f"({text})"


# --------------------------------------------------------------------------- evaluation


def evaluate(condition: Condition, env: Mapping[str, AnswerValue]) -> Tri:
    """Evaluate in Kleene's three-valued logic; a missing or unknown answer is unknown."""
    if isinstance(condition, Const):
        return condition.value
    if isinstance(condition, Ref):
        value = env.get(condition.name, UNKNOWN)
        return None if value is UNKNOWN else bool(value)
    if isinstance(condition, Compare):
        return _compare(condition, env.get(condition.name, UNKNOWN))
    if isinstance(condition, Not):
        inner = evaluate(condition.operand, env)
        return None if inner is None else not inner
    if isinstance(condition, All):
        return tri_all(evaluate(operand, env) for operand in condition.operands)
    return tri_any(evaluate(operand, env) for operand in condition.operands)


def residual(condition: Condition, env: Mapping[str, AnswerValue]) -> Condition:
    """Simplify a condition under the answers known so far: what is left still decides it.

    Parts already settled become constants and drop out of ``and``/``or``; the names left
    in the result are the open answers the condition still depends on. Evaluating the
    residual gives the same three-valued result as evaluating the condition.
    """
    status = evaluate(condition, env)
    if status is not None:
        return Const(status)
    if isinstance(condition, Not):
        return Not(residual(condition.operand, env))
    if isinstance(condition, All | Any_):
        # The condition is unknown, so no operand settles it: only the unknown ones matter.
        rest = tuple(
            residual(operand, env)
            for operand in condition.operands
            if evaluate(operand, env) is None
        )
        if len(rest) == 1:
            return rest[0]
        return All(rest) if isinstance(condition, All) else Any_(rest)
    return condition


def tri_all(values: Iterable[Tri]) -> Tri:
    """Kleene conjunction: false if any is false, else unknown if any is unknown."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def tri_any(values: Iterable[Tri]) -> Tri:
    """Kleene disjunction: true if any is true, else unknown if any is unknown."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


_COMPARATORS: dict[Op, Callable[[object, object], bool]] = {
    Op.EQ: lambda a, b: a == b,
    Op.NE: lambda a, b: a != b,
    Op.LT: lambda a, b: a < b,  # type: ignore[operator]
    Op.LE: lambda a, b: a <= b,  # type: ignore[operator]
    Op.GT: lambda a, b: a > b,  # type: ignore[operator]
    Op.GE: lambda a, b: a >= b,  # type: ignore[operator]
    Op.IN: lambda a, b: a in b,  # type: ignore[operator]
    Op.NOT_IN: lambda a, b: a not in b,  # type: ignore[operator]
}


def _compare(node: Compare, value: AnswerValue) -> Tri:
    if value is UNKNOWN:
        return None
    try:
        return _COMPARATORS[node.op](value, node.value)
    except TypeError:
        # The loader type-checks conditions; a mismatch here means the answer is not of
        # the question's kind, which tells us nothing definite.
        return None
