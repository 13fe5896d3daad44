"""Flowcharts: the graph, and Mermaid and DOT output that parse and survive awkward text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from triage.core.model import Questionnaire
from triage.load.catalog import Catalog
from triage.render.flowchart import (
    SHORT,
    build_graph,
    dot_text,
    mermaid_text,
    render_dot,
    render_mermaid,
    shorten,
)

# Text that breaks a naive Mermaid or DOT writer: quotes, brackets, entity-like and
# keyword-like words, pipes, backticks, markup and backslashes.
AWKWARD = """\
id: awkward
title: 'Vanskelig "tekst" [x]'
description: D
version: "1"
source: {pages: [page]}
questions:
  - id: first
    kind: yes_no
    text: 'Er det "sant" (a) [b] {c} <b>d</b> #quot; end | e `f` \\g & h;?'
  - id: second
    kind: yes_no
    when: first
    text: 'end'
  - id: third
    kind: yes_no
    when: first
    text: 'graph TD; A-->B'
outcomes:
  - id: yes_outcome
    level: positive
    title: 'Ja: "alt" [ok]'
    summary: S
    when: first and second
    contacts: [team]
    continue_with: small
  - id: no_outcome
    level: negative
    title: '} ]) end'
    summary: S
    when: not first
    contacts: [team]
"""


@dataclass
class Chart:
    """A parsed Mermaid flowchart: node id → (shape, label) and edges."""

    nodes: dict[str, tuple[str, str]]
    edges: list[tuple[str, str, str, bool]]


_NODE = re.compile(r'^    (\w+)(\(\[|\[\[|\[|\{)"([^"]*)"(\]\)|\]\]|\]|\})$')
_EDGE = re.compile(r'^    (\w+) (-->|-\.->)(?:\|"([^"]*)"\|)? (\w+)$')
_CLASS = re.compile(r"^    (classDef \w+ [\w:#,.]+|class \w+ \w+|%% [^\n]*)$")
_PAIRS = {"([": "])", "[[": "]]", "[": "]", "{": "}"}


def _unescape(label: str) -> str:
    """Decode Mermaid's entity codes (#quot;, #35;) in one pass, and <br/> as a space."""

    def decode(match: re.Match[str]) -> str:
        code = match.group(1)
        return chr(int(code)) if code.isdigit() else html.unescape(f"&{code};")

    return re.sub(r"#(\w+);", decode, label.replace("<br/>", " "))


def parse_mermaid(text: str) -> Chart:
    """Parse the subset of Mermaid we write; fail on any other line."""
    lines = text.split("\n")
    assert lines[0] == "flowchart TD"
    chart = Chart({}, [])
    for line in lines[1:]:
        if node := _NODE.match(line):
            ident, opening, label, closing = node.groups()
            assert _PAIRS[opening] == closing, line
            assert ident not in chart.nodes, f"node {ident} defined twice"
            chart.nodes[ident] = (opening, _unescape(label))
        elif edge := _EDGE.match(line):
            source, arrow, label, target = edge.groups()
            chart.edges.append((source, target, _unescape(label or ""), arrow == "-.->"))
        else:
            assert _CLASS.match(line), f"unexpected line: {line!r}"
    return chart


def _reachable(chart: Chart, start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        current = todo.pop()
        for source, target, _, _ in chart.edges:
            if source == current and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _check(questionnaire: Questionnaire, text: str) -> Chart:
    chart = parse_mermaid(text)
    labels = [label for _, label in chart.nodes.values()]
    legend = [line for line in text.split("\n") if line.startswith("    %% ")]
    for number, question in enumerate(questionnaire.questions, start=1):
        assert f"S{number}. {shorten(question.text.get())}" in labels
        full = " ".join(question.text.get().split())
        assert any(_unescape(line).startswith(f"    %% S{number}: {full}") for line in legend)
    for outcome in questionnaire.outcomes:
        assert any(label.endswith(shorten(outcome.title.get())) for label in labels)
    assert "MÅ AVKLARES" in labels
    for source, target, _, _ in chart.edges:
        assert source in chart.nodes
        assert target in chart.nodes
    assert _reachable(chart, "start") == set(chart.nodes)
    keywords = {"end", "graph", "flowchart", "subgraph", "class", "classDef", "style"}
    assert not keywords & set(chart.nodes)
    return chart


SHIPPED = list(Catalog().files())


@pytest.mark.parametrize("ident", SHIPPED)
def test_mermaid_of_each_shipped_questionnaire_parses(ident: str) -> None:
    """Every question and outcome is a node, every edge joins nodes, all reachable."""
    catalog = Catalog()
    questionnaire = catalog.load(ident, catalog.directory())
    chart = _check(questionnaire, render_mermaid(questionnaire))
    outcomes = [o for o in chart.nodes if o.startswith("o")]
    decided = {target for source, target, _, _ in chart.edges if source == "decide"}
    assert decided == {*outcomes, "clarify"}


def test_mermaid_survives_awkward_text(build: Callable[[str], Questionnaire]) -> None:
    """Quotes, brackets, pipes, markup and keywords in texts stay inside quoted labels."""
    questionnaire = build(AWKWARD)
    text = render_mermaid(questionnaire)
    chart = _check(questionnaire, text)
    first = chart.nodes["q1"][1]
    assert first == r'S1. Er det "sant" (a) [b] {c} <b>d</b> #quot…'
    full = r'Er det "sant" (a) [b] {c} <b>d</b> #quot; end | e `f` \g & h;?'
    legend = {_unescape(line) for line in text.split("\n") if line.startswith("    %% ")}
    assert f"    %% S1: {full}" in legend  # the legend holds it whole
    assert '"sant"' not in text  # quotes are entity codes in the written chart


def test_mermaid_labels_are_escaped_and_wrapped() -> None:
    """A label never carries a raw quote, and long text wraps with <br/>."""
    assert (
        mermaid_text('a "b" #c <d> `e` |f& g')
        == "a #quot;b#quot; #35;c #lt;d#gt; #96;e#96; #124;f#amp; g"
    )
    wrapped = mermaid_text("ord " * 30)
    assert wrapped.count("<br/>") >= 2
    assert all(len(part) <= 42 for part in wrapped.split("<br/>"))


def test_a_block_after_one_question_branches_from_it_with_the_condition_on_its_arrows(
    build: Callable[[str], Questionnaire],
) -> None:
    """The way into a block says its condition and the bypass its opposite, never a bare «ja»."""
    questionnaire = build(AWKWARD)
    graph = build_graph(questionnaire)
    edges = {(e.source, e.target, e.label, e.dashed) for e in graph.edges}
    assert ("q1", "q2", "hvis svaret på S1 er ja (eller ukjent)", False) in edges
    assert ("q2", "q3", "", False) in edges
    assert ("q1", "decide", "hvis svaret på S1 er nei: S2–S3 hoppes over", True) in edges
    assert [n.id for n in graph.nodes if n.shape == "check"] == []
    assert all(e.label not in ("ja", "nei", "yes", "no") for e in graph.edges)
    assert ("o1", "n1", "", False) in edges
    handover = next(n for n in graph.nodes if n.id == "n1")
    assert (handover.shape, handover.label) == ("handover", "Videre til skjemaet small")
    first = next(e for e in graph.edges if e.target == "o1")
    assert first.label == "1. svaret er ja på S1 og S2"


def test_pregnancy_chart_asks_whether_to_ask_where_two_ways_meet() -> None:
    """Where a bypass and a question both lead into a block, a diamond asks «Spørre S3–S4?»."""
    catalog = Catalog()
    graph = build_graph(catalog.load("pregnancy", catalog.directory()))
    checks = [n for n in graph.nodes if n.shape == "check"]
    assert [n.label for n in checks] == ["Spørre S3–S4?"]
    check = checks[0]
    into = {(e.source, e.dashed) for e in graph.edges if e.target == check.id}
    assert into == {("q2", False), ("q1", True)}
    ask = next(e for e in graph.edges if e.source == check.id and not e.dashed)
    assert (ask.target, ask.label) == ("q3", "hvis svaret er ja på S1 og S2 (eller ukjent)")
    skip = next(e for e in graph.edges if e.source == check.id and e.dashed)
    assert skip.target == "decide"
    assert skip.label.endswith(": S3–S4 hoppes over")


def test_long_labels_are_cut_at_a_word_and_the_legend_keeps_them_whole() -> None:
    """Question boxes hold at most a short title; the legend has the full question text."""
    catalog = Catalog()
    questionnaire = catalog.load("placement", catalog.directory())
    graph = build_graph(questionnaire)
    legend = dict(graph.legend)
    for number, question in enumerate(questionnaire.questions, start=1):
        node = next(n for n in graph.nodes if n.id == f"q{number}")
        assert len(node.label) <= len(f"S{number}. ") + SHORT
        assert legend[f"S{number}"].startswith(" ".join(question.text.get().split()))
    edge_labels = [e.label for e in graph.edges]
    assert "Utfall 1: se forklaringen" in edge_labels  # too long for an arrow
    assert legend["Utfall 1"].startswith("Omfattes ikke av avtalen (gjelder når:")


def test_shorten_cuts_after_a_whole_word() -> None:
    """A long text is cut after a whole word with «…»; a short one is kept as it is."""
    assert shorten("Er personen gravid?") == "Er personen gravid?"
    assert shorten("ett to tre fire fem seks", 14) == "ett to tre…"
    assert shorten("x" * 60, 10) == "x" * 9 + "…"


_DOT_NODE = re.compile(r'^    (\w+) \[label="((?:[^"\\]|\\.)*)", [^\[\]]+\];$')
_DOT_EDGE = re.compile(
    r'^    (\w+) -> (\w+)(?: \[(?:label="((?:[^"\\]|\\.)*)")?(?:, )?(style=dashed)?\])?;$'
)


@pytest.mark.parametrize("ident", [*SHIPPED, "awkward"])
def test_dot_output_is_well_formed(ident: str, build: Callable[[str], Questionnaire]) -> None:
    """The DOT chart has one line per node and edge, strings escaped, edges between nodes."""
    if ident == "awkward":
        questionnaire = build(AWKWARD)
    else:
        catalog = Catalog()
        questionnaire = catalog.load(ident, catalog.directory())
    lines = render_dot(questionnaire).split("\n")
    assert lines[0] == f'digraph "{questionnaire.id}" {{'
    assert lines[-1] == "}"
    nodes, edges = set(), []
    for line in lines[4:-1]:
        if node := _DOT_NODE.match(line):
            nodes.add(node.group(1))
        else:
            edge = _DOT_EDGE.match(line)
            assert edge, f"unexpected line: {line!r}"
            edges.append((edge.group(1), edge.group(2)))
    assert {"start", "decide", "clarify", "legend"} <= nodes
    assert all(source in nodes and target in nodes for source, target in edges)
    assert len(nodes) == len(build_graph(questionnaire).nodes) + 1  # and the legend


def test_dot_text_escapes_quotes_and_backslashes() -> None:
    """Backslashes and quotes are escaped so a label cannot end early."""
    assert dot_text('a "b" \\c') == 'a \\"b\\" \\\\c'


def test_arrows_name_a_choice_short_and_the_legend_whole() -> None:
    """The router's arrows cut each situation's text; the legend quotes it in full."""
    catalog = Catalog()
    questionnaire = catalog.load("router", catalog.directory())
    graph = build_graph(questionnaire)
    arrow = next(e.label for e in graph.edges if e.target == "o2")
    assert arrow == "2. svaret på S2 er «Alvorlige rusproblemer…»"
    whole = questionnaire.question("situation").choices[0].text.get()
    assert f"svaret på S2 er «{whole}»" in dict(graph.legend)["Utfall 2"]


def test_no_mermaid_directive_can_come_through_a_text() -> None:
    """«%%{init: …}%%» in a text is written with entity codes, in labels and in the legend."""
    assert mermaid_text("%%{init: {'securityLevel': 'loose'}}%%") == (
        "#37;#37;{init: {'securityLevel': 'loose'}}#37;#37;"
    )
