"""The loader: safe YAML, a schema with located errors, contacts, answers and cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CONTACTS, SMALL
from triage.core.errors import AnswersError, QuestionnaireError
from triage.core.model import (
    UNKNOWN,
    Choice,
    Directory,
    Question,
    QuestionKind,
    Questionnaire,
    Text,
)
from triage.load.answers import answers_text, answers_yaml, coerce_answer, load_answers
from triage.load.cases import check_cases
from triage.load.catalog import questionnaire_files, shipped_dir
from triage.load.contacts import check_directory, load_directory
from triage.load.questionnaire import check_questionnaire, load_questionnaire
from triage.load.yamlfile import MAX_BYTES, parse_yaml

Write = Callable[[str, str], Path]


def _errors(path: Path, directory: Directory) -> list[str]:
    return [p.format() for p in check_questionnaire(path, directory, display="q.yaml").problems]


def test_small_questionnaire_loads_into_the_model(small: Questionnaire) -> None:
    """A valid file becomes a questionnaire with its questions, criteria and outcomes."""
    assert small.id == "small"
    assert [q.id for q in small.questions] == ["age", "resident", "wants"]
    assert small.question("age").kind is QuestionKind.NUMBER
    assert (small.question("age").minimum, small.question("age").maximum) == (0, 120)
    assert [c.id for c in small.criteria] == ["adult", "lives_here", "motivated"]
    assert [o.id for o in small.outcomes] == ["not_eligible", "eligible"]
    assert small.outcome("eligible").contacts == ("team", "nav")
    assert small.title.get("en") == "Small test"
    assert small.description.get("en") == "Et lite skjema for tester."  # falls back to nb
    assert small.quote("q_age") is not None
    assert small.question("age").line == 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "id: x\nid: y\n",
            ["q.yaml:2:1: error: duplicate key 'id' (first at line 1)"],
            id="duplicate-key",
        ),
        pytest.param(
            "a: &x [1, 2]\nb: *x\n",
            ["q.yaml:1:4: error: anchors (&name) are not allowed: write the value out"],
            id="anchor",
        ),
        pytest.param(
            "a: 1\nb: *x\n",
            ["q.yaml:2:4: error: aliases (*name) are not allowed: write the value out"],
            id="alias",
        ),
        pytest.param(
            "id: x\nquestions:\n\t- id: a\n",
            [
                "q.yaml:3:1: error: YAML syntax error: found character '\\t' that cannot start "
                "any token"
            ],
            id="tab",
        ),
        pytest.param(
            "- a\n- b\n",
            ["q.yaml:1:1: error: the questionnaire must be a mapping of keys to values"],
            id="top-level-list",
        ),
        pytest.param(
            "# only a comment\n",
            [
                "q.yaml:1:1: error: file is empty: expected a questionnaire with id, title, "
                "questions, …"
            ],
            id="only-comment",
        ),
        pytest.param(
            "id: x\ntitle: [\n",
            [
                "q.yaml:3:1: error: YAML syntax error: expected the node content, but found "
                "'<stream end>'"
            ],
            id="unclosed",
        ),
    ],
)
def test_broken_yaml_is_reported_with_line_and_column(
    write_file: Write, directory: Directory, text: str, expected: list[str]
) -> None:
    """Broken or unsafe YAML gives one located error per problem."""
    assert _errors(write_file("q.yaml", text), directory) == expected


BROKEN = """\
id: bad
title: T
description: D
version: "1"
source: {pages: [page]}
questions:
  - id: age
    kind: numbr
    text: Alder?
  - id: b
    kind: yes_no
    txt: B?
  - id: c
    kind: yes_no
    text: {en: only english}
    when: d
  - id: d
    kind: yes_no
    text: D?
    when: age >=
outcomes:
  - id: o
    level: positive
    title: O
    summary: S
    when: b and foo
    contacts: [nobody]
"""


def test_every_schema_problem_is_reported_in_line_order(
    write_file: Write, directory: Directory
) -> None:
    """The loader reports all problems, each with file:line:col, not only the first."""
    assert _errors(write_file("q.yaml", BROKEN), directory) == [
        "q.yaml:8:11: error: unknown question kind 'numbr'",
        "q.yaml:10:5: error: a question is missing required key 'text'",
        "q.yaml:12:5: error: unknown key 'txt' in a question",
        "q.yaml:15:11: error: 'text' has no bokmål text",
        "q.yaml:16:11: error: 'when' of 'c' refers to 'd', which is asked later",
        "q.yaml:20:17: error: syntax error in condition: invalid syntax",
        "q.yaml:26:11: error: unknown question id 'foo' in condition",
        "q.yaml:27:16: error: unknown contact id 'nobody'",
    ]


def test_error_carries_a_hint_for_the_fix(write_file: Write, directory: Directory) -> None:
    """The raised error's one-line message includes the did-you-mean hint."""
    with pytest.raises(QuestionnaireError) as raised:
        load_questionnaire(write_file("q.yaml", BROKEN), directory, display="q.yaml")
    assert raised.value.message == (
        "q.yaml:8:11: error: unknown question kind 'numbr' (did you mean 'number'?) "
        "[+7 more: run 'triage validate q.yaml']"
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("when: age >= 18", 'when: age >= "18"'),
            "q.yaml:23:41: error: 'age' is a number question and cannot be compared with \"18\"",
            id="number-vs-text",
        ),
        pytest.param(
            ("when: resident", "when: resident >= 3"),
            "q.yaml:24:50: error: 'resident' is a yes/no question: write 'resident' or "
            "'not resident', not >= 3",
            id="yes-no-vs-number",
        ),
        pytest.param(
            ("id: small", "id: list"),
            "q.yaml:1:5: error: id 'list' is a built-in command",
            id="reserved-id",
        ),
        pytest.param(
            ("criteria:\n", "  - {id: resident, kind: yes_no, text: Igjen}\ncriteria:\n"),
            "q.yaml:22:10: error: duplicate question id 'resident' (first at line 16)",
            id="duplicate-id",
        ),
        pytest.param(
            ("    quote: q_age\n  - id: resident", "    quote: q_ag\n  - id: resident"),
            "q.yaml:15:12: error: unknown quote id 'q_ag'",
            id="unknown-quote",
        ),
        pytest.param(
            ("  - id: eligible", "  - id: clarify"),
            "q.yaml:33:9: error: 'clarify' is the built-in outcome: choose another id",
            id="clarify-reserved",
        ),
        pytest.param(
            ("    min: 0", "    min: 200"),
            "q.yaml:12:10: error: min 200 is greater than max 120",
            id="min-above-max",
        ),
        pytest.param(
            ("contacts: [team]\n", "contacts: [tema]\n"),
            "q.yaml:42:14: error: unknown contact id 'tema'",
            id="unknown-clarify-contact",
        ),
    ],
)
def test_reference_and_type_errors_are_located(
    write_file: Write, directory: Directory, change: tuple[str, str], expected: str
) -> None:
    """Type and reference mistakes name the exact line of the offending value."""
    old, new = change
    assert old in SMALL
    assert _errors(write_file("q.yaml", SMALL.replace(old, new, 1)), directory) == [expected]


def test_yes_and_no_stay_text_unlike_yaml_1_1() -> None:
    """Only true/false are booleans: 'no' (and NO, Norway) and '15:30' stay text."""
    doc = parse_yaml("a: no\nb: NO\nc: yes\nd: 15:30\ne: true\nf: 08\n", "x.yaml")
    assert doc.data == {"a": "no", "b": "NO", "c": "yes", "d": "15:30", "e": True, "f": 8}


def test_python_tags_are_refused() -> None:
    """Python-specific YAML tags cannot construct objects."""
    with pytest.raises(QuestionnaireError, match="unsupported value"):
        parse_yaml("a: !!python/object/apply:os.system ['true']\n", "x.yaml")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"\xff\xfe\x00\x01", "x.yaml:1:1: error: file is not UTF-8 text", id="binary"),
        pytest.param(
            "id: sø\n".encode("latin-1"), "x.yaml:1:1: error: file is not UTF-8 text", id="latin-1"
        ),
        pytest.param(
            b"a: 1\n" + b"#" * MAX_BYTES, "x.yaml: error: file is larger than 1 MB", id="too-large"
        ),
        pytest.param(
            b"a: \x07\n",
            "x.yaml:1:4: error: contains a character YAML does not allow (code '\\x07')",
            id="control-character",
        ),
    ],
)
def test_unreadable_content_is_a_clear_error(
    tmp_path: Path, directory: Directory, content: bytes, message: str
) -> None:
    """Binary, Latin-1, oversized and control-character files give one clear line."""
    path = tmp_path / "x.yaml"
    path.write_bytes(content)
    problems = check_questionnaire(path, directory, display="x.yaml").problems
    assert [p.format() for p in problems] == [message]


def test_folder_and_missing_file_are_clear_errors(tmp_path: Path, directory: Directory) -> None:
    """A folder or a missing path is named with what is wrong."""
    assert [p.format() for p in check_questionnaire(tmp_path, directory, "d").problems] == [
        "d: error: is a folder, not a file"
    ]
    missing = tmp_path / "nope.yaml"
    assert [p.format() for p in check_questionnaire(missing, directory, "n").problems] == [
        "n: error: no such file"
    ]


NUMBER = Question("age", QuestionKind.NUMBER, Text.of("Alder?"), minimum=0, maximum=120)
YES_NO = Question("ok", QuestionKind.YES_NO, Text.of("OK?"))


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        pytest.param(NUMBER, 34, 34, id="int"),
        pytest.param(NUMBER, " 34 ", 34, id="typed-int"),
        pytest.param(NUMBER, "unknown", UNKNOWN, id="unknown"),
        pytest.param(NUMBER, "Vet ikke", UNKNOWN, id="vet-ikke"),
        pytest.param(YES_NO, True, True, id="true"),
        pytest.param(YES_NO, "ja", True, id="ja"),
        pytest.param(YES_NO, "nei", False, id="nei"),
        pytest.param(YES_NO, "no", False, id="no"),
        pytest.param(YES_NO, None, UNKNOWN, id="null"),
    ],
)
def test_coerce_answer_accepts_answers_people_write(
    question: Question, raw: object, expected: object
) -> None:
    """Answers from files and keyboards become typed answer values."""
    assert coerce_answer(question, raw) == expected


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        pytest.param(NUMBER, 121, "121 is above the maximum 120", id="above"),
        pytest.param(NUMBER, -1, "-1 is below the minimum 0", id="below"),
        pytest.param(NUMBER, "3.5", "'3.5' is not a whole number", id="decimal"),
        pytest.param(NUMBER, True, "True is not a whole number", id="bool"),
        pytest.param(YES_NO, 1, "1 is not yes/no: use true, false or unknown", id="number"),
    ],
)
def test_coerce_answer_refuses_wrong_types(question: Question, raw: object, message: str) -> None:
    """A wrong type or an out-of-range number says what is wrong."""
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        coerce_answer(question, raw)


def test_answers_file_is_read_and_checked(write_file: Write, small: Questionnaire) -> None:
    """An answers file maps ids to typed answers; 'unknown' is an answer."""
    path = write_file("a.yaml", "age: 34\nresident: unknown\nwants: true\n")
    assert load_answers(path, small) == {"age": 34, "resident": UNKNOWN, "wants": True}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "agee: 3\n",
            "a.yaml:1: unknown question id 'agee' (did you mean 'age'?)",
            id="unknown-id",
        ),
        pytest.param(
            "age: old\n", "a.yaml:1: answer to 'age': 'old' is not a whole number", id="wrong-type"
        ),
        pytest.param(
            "age: 300\n",
            "a.yaml:1: answer to 'age': 300 is above the maximum 120",
            id="out-of-range",
        ),
        pytest.param(
            "- 1\n",
            "a.yaml:1:1: error: an answers file must map question ids to answers",
            id="list",
        ),
    ],
)
def test_bad_answers_file_names_file_and_line(
    tmp_path: Path, small: Questionnaire, text: str, message: str
) -> None:
    """An answers file with an unknown id or a wrong value names file and line."""
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswersError) as raised:
        load_answers(path, small)
    assert raised.value.message == message.replace("a.yaml", str(path), 1)


def test_answers_file_may_be_json(write_file: Write, small: Questionnaire) -> None:
    """JSON answers files load like YAML ones."""
    path = write_file("a.json", '{"age": 17, "resident": false, "wants": "unknown"}')
    assert load_answers(path, small) == {"age": 17, "resident": False, "wants": UNKNOWN}


def test_cases_file_loads_and_checks_outcome_ids(write_file: Write, small: Questionnaire) -> None:
    """Cases load with typed answers, and an unknown outcome id is a located error."""
    path = write_file(
        "small.cases.yaml",
        """\
        questionnaire: small
        cases:
          - name: adult
            answers: {age: 40, resident: true, wants: true}
            outcome: eligible
          - name: typo
            answers: {age: 40}
            outcome: eligble
        """,
    )
    cases, problems = check_cases(path, small)
    assert [c.name for c in cases] == ["adult", "typo"]
    assert cases[0].answers == {"age": 40, "resident": True, "wants": True}
    assert [p.format() for p in problems] == [f"{path}:8:14: error: unknown outcome 'eligble'"]


def test_shipped_folder_holds_the_questionnaires() -> None:
    """The shipped folder lists the questionnaires, not contacts or cases."""
    names = [p.stem for p in questionnaire_files(shipped_dir())]
    assert names == ["chapter10", "placement", "pregnancy", "router", "services", "shalam"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("title: {nb: Liten test, en: Small test}", "title:"),
            "q.yaml:2:7: error: 'title' is empty",
            id="title",
        ),
        pytest.param(("id: small", "id: ~"), "q.yaml:1:5: error: 'id' is empty", id="id"),
        pytest.param(
            ("when: age >= 18, quote", "when: null, quote"),
            "q.yaml:23:41: error: 'when' is empty",
            id="criterion-when",
        ),
    ],
)
def test_required_key_without_a_value_is_an_error(
    write_file: Write, directory: Directory, change: tuple[str, str], expected: str
) -> None:
    """A required key left empty is reported at the key (it used to crash the loader)."""
    old, new = change
    assert old in SMALL
    assert _errors(write_file("q.yaml", SMALL.replace(old, new, 1)), directory) == [expected]


WANTS = "  - id: wants\n    kind: yes_no\n    text: Ønsker endring?\n"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ('version: "1.0"', "version: [1]"),
            ["q.yaml:4:10: error: 'version' must be text"],
            id="version-a-list",
        ),
        pytest.param(
            ("title: {nb: Liten test, en: Small test}", "title: [Liten]"),
            ["q.yaml:2:8: error: 'title' must be text or a mapping of language to text"],
            id="title-a-list",
        ),
        pytest.param(
            ("en: Small test", 'en: ""'),
            ["q.yaml:2:29: error: 'title.en' must be non-empty text"],
            id="empty-english",
        ),
        pytest.param(
            ("pages: [page]", "pages: page"),
            [
                "q.yaml:6:10: error: 'pages' must be a list",
                "q.yaml:8:25: error: quote page 'page' is not listed in source.pages",
            ],
            id="pages-not-a-list",
        ),
        pytest.param(
            ("pages: [page]", "pages: [page, 3]"),
            ["q.yaml:6:17: error: a page must be a source id"],
            id="page-a-number",
        ),
        pytest.param(
            ("page: page, text: Over", "page: other, text: Over"),
            ["q.yaml:8:25: error: quote page 'other' is not listed in source.pages"],
            id="quote-page-not-listed",
        ),
        pytest.param(
            ("    quote: q_age\n  - id: resident", "    quote: [q_age]\n  - id: resident"),
            ["q.yaml:15:12: error: unknown quote id ['q_age']"],
            id="quote-a-list",
        ),
        pytest.param(
            (WANTS, "  - wants\n"),
            [
                "q.yaml:19:5: error: a question must be a mapping of keys to values",
                "q.yaml:23:49: error: unknown question id 'wants' in condition",
            ],
            id="question-not-a-mapping",
        ),
        pytest.param(
            (WANTS, "  - id: wants\n    kind: choice\n    choices: [[x]]\n    text: Bolig?\n"),
            [
                "q.yaml:21:14: error: a choice question needs at least two choices",
                "q.yaml:21:15: error: a choice must be a mapping of keys to values",
                "q.yaml:26:49: error: 'wants' is a choice question and cannot stand alone as "
                'yes/no: compare it, e.g. wants == "value"',
            ],
            id="choice-not-a-mapping",
        ),
        pytest.param(
            (
                WANTS,
                "  - id: wants\n    kind: choice\n    choices: [{value: x}]\n    text: Bolig?\n",
            ),
            [
                "q.yaml:21:14: error: a choice question needs at least two choices",
                "q.yaml:21:15: error: a choice is missing required key 'text'",
                "q.yaml:26:49: error: 'wants' is a choice question and cannot stand alone as "
                'yes/no: compare it, e.g. wants == "value"',
            ],
            id="choice-without-text",
        ),
        pytest.param(
            ("  - {id: motivated, text: Ønsker endring, when: wants}", "  - motivated"),
            [
                "q.yaml:25:5: error: a criterion must be a mapping of keys to values",
                "q.yaml:31:11: error: unknown question id 'motivated' in condition",
                "q.yaml:37:11: error: unknown question id 'motivated' in condition",
            ],
            id="criterion-not-a-mapping",
        ),
        pytest.param(
            ("{id: adult, text: Over 18 år", "{id: age, text: Over 18 år"),
            [
                "q.yaml:23:10: error: criterion id 'age' is also a question id",
                "q.yaml:31:11: error: unknown question id 'adult' in condition",
                "q.yaml:37:11: error: unknown question id 'adult' in condition",
            ],
            id="criterion-named-like-a-question",
        ),
        pytest.param(
            (SMALL[SMALL.index("outcomes:") : SMALL.index("clarify:")], "outcomes: []\n"),
            ["q.yaml:26:11: error: a questionnaire needs at least one outcome"],
            id="no-outcomes",
        ),
        pytest.param(
            ("  - id: not_eligible\n", "  - 3\n  - id: not_eligible\n"),
            ["q.yaml:27:5: error: an outcome must be a mapping of keys to values"],
            id="outcome-not-a-mapping",
        ),
        pytest.param(
            ('      - {law: helse- og omsorgstjenesteloven, section: "§ 10-4"}', "      - § 10-4"),
            ["q.yaml:40:9: error: a legal basis must be a mapping of keys to values"],
            id="legal-basis-not-a-mapping",
        ),
        pytest.param(
            ('section: "§ 10-4"}', 'section: "§ 10-4", url: "http://lovdata.no/lov"}'),
            [
                "q.yaml:40:71: error: url 'http://lovdata.no/lov' must be an https address "
                "without spaces"
            ],
            id="legal-basis-url-not-https",
        ),
        pytest.param(
            ('section: "§ 10-4"}', 'section: "§ 10-4", valid_from: soon}'),
            ["q.yaml:40:78: error: 'valid_from' must be a date like 2026-11-23"],
            id="legal-basis-valid-from-not-a-date",
        ),
        pytest.param(
            ("    contacts: [nav]\n", "    contacts: [nav]\n    notes: [x]\n"),
            ["q.yaml:33:13: error: a note must be a mapping of keys to values"],
            id="note-not-a-mapping",
        ),
        pytest.param(
            (
                "    contacts: [nav]\n",
                "    contacts: [nav]\n    notes: [{text: Merk, when: 'age >'}]\n",
            ),
            ["q.yaml:33:37: error: syntax error in condition: invalid syntax"],
            id="note-with-a-broken-condition",
        ),
        pytest.param(
            ("clarify:\n  contacts: [team]\n", "clarify: [team]\n"),
            ["q.yaml:41:10: error: 'clarify' must be a mapping of keys to values"],
            id="clarify-not-a-mapping",
        ),
        pytest.param(
            ("    kind: yes_no\n", "    kind: yes_no\n    choices: [a, b]\n    min: 1\n"),
            [
                "q.yaml:18:5: error: 'choices' is only for choice questions",
                "q.yaml:19:5: error: 'min' is only for number questions",
            ],
            id="keys-of-another-kind",
        ),
    ],
)
def test_each_schema_mistake_is_located(
    write_file: Write, directory: Directory, change: tuple[str, str], expected: list[str]
) -> None:
    """A wrong type, shape or reference anywhere in a questionnaire names its line and column."""
    old, new = change
    assert old in SMALL
    assert _errors(write_file("q.yaml", SMALL.replace(old, new, 1)), directory) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("published: 2015-12-08", 'published: "2015-02-30"'),
            ["contacts.yaml:5:16: error: 'published' must be a date like 2026-11-23"],
            id="quoted-impossible-date",
        ),
        pytest.param(
            ("  - id: page\n", "  - page\n  - id: page\n"),
            ["contacts.yaml:2:5: error: a source must be a mapping of keys to values"],
            id="source-not-a-mapping",
        ),
        pytest.param(
            ("    title: {nb: Testside, en: Test page}\n", ""),
            [
                "contacts.yaml:2:5: error: a source is missing required key 'title'",
                "contacts.yaml:13:13: error: unknown source 'page'",
                "contacts.yaml:20:13: error: unknown source 'page'",
            ],
            id="source-without-title",
        ),
        pytest.param(
            ("contacts:\n", "contacts:\n  - team\n"),
            ["contacts.yaml:7:5: error: a contact must be a mapping of keys to values"],
            id="contact-not-a-mapping",
        ),
        pytest.param(
            (
                "    source: page\n    checked: 2026-11-23\n  - id: nav",
                "    source: pag\n    checked: 2026-11-23\n  - id: nav",
            ),
            ["contacts.yaml:14:13: error: unknown source 'pag'"],
            id="unknown-source",
        ),
        pytest.param(
            (
                'hours: {days: [mon, tue, wed, thu, fri], from: "08:00", to: "15:30"}',
                "hours: [mon]",
            ),
            ["contacts.yaml:13:12: error: 'hours' must be a mapping of keys to values"],
            id="hours-not-a-mapping",
        ),
        pytest.param(
            ('from: "08:00"', 'from: "8 am"'),
            ["contacts.yaml:13:52: error: 'from' must be a time like \"08:00\""],
            id="hours-bad-time",
        ),
        pytest.param(
            ('from: "08:00", to: "15:30"', 'from: "15:30", to: "08:00"'),
            ["contacts.yaml:13:65: error: 'to' must be later than 'from'"],
            id="hours-backwards",
        ),
    ],
)
def test_each_contacts_mistake_is_located(
    write_file: Write, change: tuple[str, str], expected: list[str]
) -> None:
    """A mistake in the contact directory names its line and column."""
    old, new = change
    assert old in CONTACTS
    path = write_file("contacts.yaml", CONTACTS.replace(old, new, 1))
    assert [p.format() for p in check_directory(path, "contacts.yaml")[1]] == expected


def test_a_publication_time_counts_as_its_date(write_file: Write) -> None:
    """A source published '2015-12-08 10:00:00' is dated 2015-12-08."""
    text = CONTACTS.replace("published: 2015-12-08", "published: 2015-12-08 10:00:00")
    directory, problems = check_directory(write_file("contacts.yaml", text))
    assert problems == []
    assert directory.sources["page"].published == dt.date(2015, 12, 8)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "",
            "contacts.yaml:1:1: error: file is empty: expected 'sources:' and 'contacts:'",
            id="empty",
        ),
        pytest.param(
            "- a\n",
            "contacts.yaml:1:1: error: the contacts file must be a mapping of keys to values",
            id="a-list",
        ),
    ],
)
def test_unusable_contacts_file_is_one_problem(write_file: Write, text: str, expected: str) -> None:
    """An empty or list-shaped contacts file is one problem, and load_directory raises it."""
    path = write_file("contacts.yaml", text)
    assert [p.format() for p in check_directory(path, "contacts.yaml")[1]] == [expected]
    with pytest.raises(QuestionnaireError) as raised:
        load_directory([path])
    assert raised.value.message == expected.replace("contacts.yaml", str(path), 1)


def test_missing_contacts_file_is_one_problem(tmp_path: Path) -> None:
    """A contacts file that is not there says so."""
    problems = check_directory(tmp_path / "nope.yaml", "nope.yaml")[1]
    assert [p.format() for p in problems] == ["nope.yaml: error: no such file"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "- a\n", ":1:1: error: the cases file must be a mapping of keys to values", id="a-list"
        ),
        pytest.param(
            "questionnaire: small\ncases:\n  - name: x\n    answers: {age: 3}\n"
            "    outcome: not_eligible\n    clarify: [agee]\n",
            ":6:15: error: unknown question id 'agee' in 'clarify' (did you mean 'age'?)",
            id="unknown-clarify-id",
        ),
    ],
)
def test_cases_file_mistakes_are_located(
    write_file: Write, small: Questionnaire, text: str, expected: str
) -> None:
    """A cases file of the wrong shape, or naming an unknown question, is located."""
    path = write_file("small.cases.yaml", text)
    problems = check_cases(path, small)[1]
    assert [p.format() + (f" ({p.hint})" if p.hint else "") for p in problems] == [
        f"{path}{expected}"
    ]


def test_missing_cases_file_is_one_problem(tmp_path: Path, small: Questionnaire) -> None:
    """A cases file that is not there says so."""
    path = tmp_path / "small.cases.yaml"
    assert [p.format() for p in check_cases(path, small)[1]] == [f"{path}: error: no such file"]


@pytest.mark.parametrize("raw", ["hut", 3, True], ids=["unlisted", "number", "boolean"])
def test_choice_answers_must_be_listed(raw: object) -> None:
    """A choice answer that is not one of the choices is refused, naming them."""
    question = Question(
        "housing",
        QuestionKind.CHOICE,
        Text.of("Bolig?"),
        choices=(Choice("own", Text.of("Egen")), Choice("none", Text.of("Ingen"))),
    )
    with pytest.raises(ValueError, match=r"is not a choice \(choices: own, none, unknown\)"):
        coerce_answer(question, raw)
    assert coerce_answer(question, " own ") == "own"


def test_empty_answers_file_answers_nothing(write_file: Write, small: Questionnaire) -> None:
    """An empty answers file is no answers (the interview then asks everything)."""
    assert load_answers(write_file("a.yaml", "# nothing yet\n"), small) == {}


def test_answers_text_is_a_valid_answers_file(small: Questionnaire) -> None:
    """answers_text writes unknown, booleans, numbers and text as an answers file reads them."""
    text = answers_text({"age": 3, "resident": None, "wants": True, "note": "x y"})
    assert text == '{age: 3, resident: unknown, wants: true, note: "x y"}'


def test_answers_yaml_writes_the_same_values_one_per_line(small: Questionnaire) -> None:
    """answers_yaml (saved answers files) writes each value as answers_text does, one a line."""
    answers = {"age": 3, "resident": UNKNOWN, "wants": False, "note": "a\u2028b"}
    assert answers_yaml(answers) == 'age: 3\nresident: unknown\nwants: false\nnote: "a\\u2028b"'
    assert answers_text(answers) == "{" + answers_yaml(answers).replace("\n", ", ") + "}"
