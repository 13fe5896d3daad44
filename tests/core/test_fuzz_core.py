"""The fuzzing harness that stays (issue 12): hostile questionnaires and conditions.

Strategies for generated questionnaires (hostile texts, structural mutations, huge numbers,
odd ids and choice values, hand-overs) and condition expressions (sign chains, non-ASCII
names, huge literals). Each input goes load → check → decide → render-free checks: only the
project's own errors may come out, each problem on one line. A small budget runs in CI;
HYPOTHESIS_PROFILE=thorough runs twenty times more (tests/conftest.py).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest
import yaml
from hypothesis import given, note, settings
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy, composite

from tests.conftest import CONTACTS, SMALL, scaled
from triage.core import conditions as cond
from triage.core.engine import candidate_values, decide, flow
from triage.core.errors import AnswersError, Problem, QuestionnaireError
from triage.core.model import UNKNOWN, AnswerValue, Directory, Questionnaire
from triage.core.routing import check_chain
from triage.load.answers import answers_text, answers_yaml, load_answers, parse_answers
from triage.load.contacts import check_directory
from triage.load.questionnaire import check_document
from triage.load.yamlfile import parse_yaml


def budget(examples: int) -> settings:
    """Settings for ``examples`` inputs under the "ci" profile, scaled by the loaded one."""
    return settings(max_examples=scaled(examples))


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Directory:
    """The small test contact directory (module-scoped, as Hypothesis needs)."""
    path = tmp_path_factory.mktemp("contacts") / "contacts.yaml"
    path.write_text(CONTACTS, encoding="utf-8")
    loaded, problems = check_directory(path)
    assert not problems
    return loaded


# --------------------------------------------------------------------------- strategies

#: Texts a hostile author or a careless one writes: escapes, markup, bidi, surrogates,
#: «Vet ikke» spellings, edge spaces, huge and odd numbers, YAML look-alikes.
HOSTILE_TEXT = [
    "\x1b]52;c;UTE=\x07",
    "\x1b]52;c;Q0xJUEJPQVJE\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1b]8;;https://evil.example\x1b\\lenke\x1b]8;;\x1b\\",
    "[link=https://evil.example]x[/link]",
    "[/bold] broken",
    "\u202eevil\u202c",
    "a\u200bb",
    "\u2066x\u2069",
    "\ufeffbom",
    "\ud800",
    "a\udc80b",
    "x\x7fy",
    "c1\x85\x9b",
    "a\u2028b",
    "v",
    "?",
    "Unknown",
    "Vet ikke",
    "UKJENT",
    "d",
    "don't know",
    " own",
    "own ",
    "",
    " ",
    "Hvilket?",
    "{nb: Hvilket?}",
    "ja",
    "1",
    "0x" + "f" * 40,
    "9" * 30,
    "1e309",
    "2026-02-30",
    "~",
    "*a",
    "&a x",
    "!!python/object/apply:os.system",
    "- - -",
    "~~x~~",
    "# h",
    "ｙｎ",
    "a" * 20_001,
]

# Drawn by index: a strategy's repr holds its elements, and one of them is 20 KB long.
hostile_text: SearchStrategy[str] = st.integers(0, len(HOSTILE_TEXT) - 1).map(
    HOSTILE_TEXT.__getitem__
) | st.text(max_size=12)

#: Values of the wrong shape, including ids that are lists or mappings and huge numbers.
hostile_value: SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**16), 10**16)
    | st.sampled_from([10**15, -(10**15), 10**15 - 1, 16**60])
    | st.floats(allow_nan=True)
    | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=5,
)

NAMES = ["age", "resident", "wants", "adult", "lives_here", "housing", "nobody", "ｙｎ", "aﬁ"]
LITERALS = ["18", "0", "-1", '"own"', '"v"', "true", "false", "10**3", "0x10", "1000000000000000"]

atoms: SearchStrategy[str] = st.one_of(
    st.sampled_from(NAMES),
    st.builds(
        lambda n, o, v: f"{n} {o} {v}",
        st.sampled_from(NAMES),
        st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "in", "not in"]),
        st.sampled_from(LITERALS)
        | st.sampled_from(["(1, 2)", '("own", "v")', "()", "[1]"])
        | st.builds(
            lambda signs, n: signs + n, st.text("-+", max_size=60), st.sampled_from(LITERALS)
        )
        | st.integers().map(str),
    ),
    st.sampled_from(HOSTILE_TEXT[:8]),
)

#: Condition expressions from a small grammar, with hostile pieces among the atoms.
expressions: SearchStrategy[str] = st.recursive(
    atoms,
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"{a} and {b}", inner, inner),
        st.builds(lambda a, b: f"({a}) or {b}", inner, inner),
        inner.map(lambda a: f"not {a}"),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: f"any({', '.join(xs)})"),
        st.lists(inner, min_size=1, max_size=3).map(lambda xs: f"all({', '.join(xs)})"),
    ),
    max_leaves=8,
)

SMALL_DATA: dict[str, Any] = yaml.safe_load(SMALL)

#: Where texts stand in the small questionnaire (nb text of a title, a question, ...).
TEXT_PATHS = [
    ("title", "nb"),
    ("description",),
    ("questions", 0, "text", "nb"),
    ("questions", 1, "text"),
    ("criteria", 0, "text"),
    ("outcomes", 0, "title"),
    ("outcomes", 1, "summary"),
]
#: Where structure can break: ids, kinds, bounds, conditions, lists.
STRUCTURE_PATHS = [
    ("id",),
    ("questions", 0, "id"),
    ("questions", 1, "id"),
    ("questions", 2, "id"),
    ("questions", 0, "min"),
    ("questions", 0, "max"),
    ("questions", 2, "kind"),
    ("criteria", 0, "when"),
    ("criteria", 1, "id"),
    ("outcomes", 0, "id"),
    ("outcomes", 0, "when"),
    ("outcomes", 1, "contacts"),
    ("outcomes", 1, "level"),
    ("clarify",),
]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@composite
def hostile_questionnaires(draw: DrawFn) -> str:
    """The small questionnaire with hostile texts, broken structure, odd choices or junk."""
    data = copy.deepcopy(SMALL_DATA)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "structure", "condition", "choice", "blow_up"]))
        if kind == "text":
            _set(data, draw(st.sampled_from(TEXT_PATHS)), draw(hostile_text))
        elif kind == "structure":
            _set(data, draw(st.sampled_from(STRUCTURE_PATHS)), draw(hostile_value))
        elif kind == "condition":
            where = draw(st.sampled_from([("criteria", 0), ("outcomes", 1), ("questions", 2)]))
            _set(data, (*where, "when"), draw(expressions))
        elif kind == "choice":
            values = draw(st.lists(hostile_text, min_size=1, max_size=4))
            data["questions"][2] = {
                "id": "wants",
                "kind": "choice",
                "text": "Hvilket?",
                "choices": [{"value": v, "text": draw(hostile_text)} for v in values],
            }
        else:
            data["questions"].extend(
                {"id": f"extra{i}", "kind": "yes_no", "text": "X"}
                for i in range(draw(st.integers(1, 60)))
            )
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    if draw(st.integers(0, 9)) == 0:  # byte-level damage on top, now and then
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at] + draw(st.sampled_from(["{", "?", ": ", "\t", "\\", '"', "0x"])) + text[at:]
        )
    return text


# --------------------------------------------------------------------------- checks


def _one_line(problems: tuple[Problem, ...] | list[Problem]) -> None:
    for problem in problems:
        assert "\n" not in problem.format(), problem
        assert "\n" not in problem.hint, problem


def _load(text: str, directory: Directory) -> Questionnaire | None:
    """Load a questionnaire from text; only QuestionnaireError may come out."""
    try:
        doc = parse_yaml(text, "f.yaml")
    except QuestionnaireError as error:
        _one_line(error.problems)
        return None
    checked = check_document(doc, directory)
    _one_line(checked.problems)
    return checked.questionnaire


def _exercise(questionnaire: Questionnaire, answers: Mapping[str, AnswerValue]) -> None:
    """Everything short of rendering: decide, flow, conditions as text, hand-over checks."""
    decision = decide(questionnaire, answers)
    flow(questionnaire, answers)
    json.dumps(answers_text(answers))
    for outcome in questionnaire.outcomes:
        if outcome.when is not None:
            cond.to_text(outcome.when).encode("utf-8")
    check_chain({questionnaire.id: questionnaire}, questionnaire.id)
    assert decision is not None


@budget(60)
@given(text=hostile_questionnaires(), data=st.data())
def test_hostile_questionnaires_load_or_give_one_line_problems(
    text: str, data: st.DataObject, directory: Directory
) -> None:
    """A hostile or broken questionnaire loads and decides, or gives one-line problems."""
    note(text)
    questionnaire = _load(text, directory)
    if questionnaire is None:
        return
    answers = {
        q.id: data.draw(st.sampled_from(candidate_values(questionnaire, q)))
        for q in questionnaire.questions
        if data.draw(st.booleans())
    }
    _exercise(questionnaire, answers)


@budget(300)
@given(text=expressions)
def test_generated_expressions_parse_or_give_a_condition_error(text: str) -> None:
    """Any generated expression parses, or raises ConditionError with a one-line message."""
    note(repr(text))
    try:
        condition = cond.parse_expression(text)
    except cond.ConditionError as error:
        message = error.message
        assert "\n" not in message
        return
    for node in cond.walk(condition):
        if isinstance(node, cond.Ref | cond.Compare):
            assert node.name.isascii()
        if isinstance(node, cond.Compare):
            values = node.value if isinstance(node.value, tuple) else (node.value,)
            assert all(abs(v) < cond.MAX_NUMBER for v in values if isinstance(v, int))


@budget(200)
@given(value=hostile_value, key=st.sampled_from(["age", "resident", "wants", "nobody"]))
def test_hostile_answers_are_read_or_refused_in_one_line(
    value: object, key: str, small: Questionnaire
) -> None:
    """Any answer value is coerced or refused with a one-line AnswersError."""
    try:
        answers = parse_answers({key: value}, small)
    except AnswersError as error:
        message = error.message
        assert "\n" not in message
        assert len(message) < 400
        return
    _exercise(small, answers)


@pytest.fixture(scope="module")
def small(directory: Directory, tmp_path_factory: pytest.TempPathFactory) -> Questionnaire:
    """The small questionnaire (module-scoped, as Hypothesis needs)."""
    from triage.load.questionnaire import load_questionnaire

    path = tmp_path_factory.mktemp("small") / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return load_questionnaire(path, directory)


# --------------------------------------------------------------------------- D1 round trip

CHOICES = """\
id: chq
title: Valg
description: Et valg.
version: "1"
source: {pages: [page]}
questions:
  - {id: c, kind: choice, text: Hvilket?, choices: CHOICES}
  - {id: n, kind: number, text: Tall?}
  - {id: y, kind: yes_no, text: Ja?}
outcomes:
  - {id: o, level: information, title: t, summary: s, when: 'n >= 0', contacts: [nav]}
"""


@budget(150)
@given(
    values=st.lists(hostile_text, min_size=2, max_size=4, unique=True),
    data=st.data(),
)
def test_answers_the_interview_accepts_survive_save_and_resume(
    values: list[str], data: st.DataObject, directory: Directory, tmp_path_factory: Any
) -> None:
    """Answers a loaded questionnaire accepts are written, read back equal, same decision."""
    choices = json.dumps([{"value": v, "text": "x"} for v in values], ensure_ascii=False)
    questionnaire = _load(CHOICES.replace("CHOICES", choices), directory)
    if questionnaire is None:
        return  # refused at load: nothing can be chosen
    answers: dict[str, AnswerValue] = {}
    for question in questionnaire.questions:
        if data.draw(st.booleans()):
            if question.kind.value == "number":
                answers[question.id] = data.draw(st.integers(-(10**15) + 1, 10**15 - 1))
            else:
                options = [*candidate_values(questionnaire, question), UNKNOWN]
                answers[question.id] = data.draw(st.sampled_from(options))
    saved = tmp_path_factory.mktemp("save") / "answers.yaml"
    for write in (answers_text, answers_yaml):
        saved.write_text(write(answers) + "\n", encoding="utf-8")
        note(saved.read_text(encoding="utf-8"))
        assert load_answers(saved, questionnaire) == answers
        assert decide(questionnaire, load_answers(saved, questionnaire)) == decide(
            questionnaire, answers
        )


# --------------------------------------------------------------------------- C5

FLOW_PIECES = ["a", "Hvilket", "?", "? ", " ?", ":", ": ", "-", "#", "!", "&", "*", " ", "x y"]
flow_text = st.lists(st.sampled_from(FLOW_PIECES), min_size=1, max_size=4).map("".join)
flow_yaml: SearchStrategy[str] = st.one_of(
    st.builds(lambda a, b: f"t: {{nb: {a}, en: {b}}}\n", flow_text, flow_text),
    st.builds(lambda a, b: f"t: [{a}, {b}]\n", flow_text, flow_text),
    st.builds(lambda a, b: f"t: {{nb: {a},\n  en: {b}\n  }}\n", flow_text, flow_text),
    st.builds(lambda a: f"t: [a, {{b: [{a}]}}]\n", flow_text),
)


@budget(300)
@given(text=flow_yaml)
def test_both_parsers_read_flow_text_alike(text: str) -> None:
    """libyaml and PyYAML give the same data or the same error for '?' in flow text."""
    import triage.load.yamlfile as yamlfile

    results: list[object] = []
    for fast in (yamlfile._FastLoader, None):
        saved, yamlfile._FastLoader = yamlfile._FastLoader, fast
        try:
            results.append(parse_yaml(text, "f.yaml"))
        except QuestionnaireError as error:
            results.append(error.message)
        finally:
            yamlfile._FastLoader = saved
    assert results[0] == results[1]
