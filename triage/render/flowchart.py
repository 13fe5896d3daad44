"""A questionnaire as a flowchart: questions in asking order, then the outcomes.

``build_graph`` makes one small graph; ``to_mermaid`` and ``to_dot`` write it for Mermaid
(rendered by GitHub and GitLab in Markdown) and Graphviz. Consecutive questions with the
same ``when`` form a block behind one diamond: "yes or unknown" asks them, "no" skips them.
After the last question a diamond picks the first outcome whose condition is definitely
true; otherwise the result is «Må avklares». Outcomes that continue with another
questionnaire point to it.

Every label is escaped: Mermaid breaks on quotes, brackets and the like inside labels, so
labels are always quoted and the characters that matter are written as entity codes.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from triage.core.conditions import Condition
from triage.core.model import Level, Questionnaire
from triage.render.describe import describe
from triage.render.i18n import t
from triage.render.words import inert, level_mark, text_of

WRAP = 42


@dataclass(frozen=True, slots=True)
class Node:
    """A box in the chart; ``shape`` is start, question, check, decide, outcome or handover."""

    id: str
    label: str
    shape: str
    level: Level | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """An arrow, optionally labelled; dashed for the «skip» and «otherwise» ways."""

    source: str
    target: str
    label: str = ""
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class Graph:
    """Nodes and edges of one questionnaire's flowchart."""

    name: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def short_label(questionnaire: Questionnaire, lang: str) -> dict[str, str]:
    """Return how the chart names questions (S1, S2, …) and criteria (their text)."""
    names = {
        q.id: t("question_short", lang, number=n)
        for n, q in enumerate(questionnaire.questions, start=1)
    }
    names.update(
        {c.id: t("quoted", lang, text=inert(c.text.get(lang))) for c in questionnaire.criteria}
    )
    return names


def build_graph(questionnaire: Questionnaire, lang: str = "nb") -> Graph:
    """Return the flowchart of a questionnaire."""
    q = questionnaire
    names = short_label(q, lang)

    def say(condition: Condition | None) -> str:
        return describe(condition, q, lang, lambda name: names.get(name, name))

    nodes = [Node("start", t("chart_start", lang), "start")]
    edges: list[Edge] = []
    pending: list[Edge] = [Edge("start", "")]
    blocks: list[list[int]] = []
    for index, question in enumerate(q.questions):
        if (
            blocks
            and question.when is not None
            and q.questions[blocks[-1][0]].when == question.when
        ):
            blocks[-1].append(index)
        else:
            blocks.append([index])

    def enter(target: str) -> None:
        for edge in pending:
            edges.append(Edge(edge.source, target, edge.label, edge.dashed))
        pending.clear()

    for block in blocks:
        first = q.questions[block[0]]
        if first.when is not None:
            check = f"c{block[0] + 1}"
            nodes.append(Node(check, t("chart_asked_if", lang, text=say(first.when)), "check"))
            enter(check)
            pending.append(Edge(check, "", t("chart_yes_or_unknown", lang)))
        for index in block:
            ident = f"q{index + 1}"
            text = f"{names[q.questions[index].id]}. {inert(q.questions[index].text.get(lang))}"
            nodes.append(Node(ident, text, "question"))
            enter(ident)
            pending.append(Edge(ident, ""))
        if first.when is not None:
            pending.append(Edge(f"c{block[0] + 1}", "", t("chart_skipped", lang), dashed=True))

    nodes.append(Node("decide", t("chart_decide", lang), "decide"))
    enter("decide")
    for number, outcome in enumerate(q.outcomes, start=1):
        ident = f"o{number}"
        _, word = level_mark(outcome.level, lang)
        title = f"{word}: {text_of(outcome.title, lang)}"
        nodes.append(Node(ident, title, "outcome", outcome.level))
        edges.append(Edge("decide", ident, f"{number}. {say(outcome.when)}"))
        if outcome.continue_with:
            target = f"n{number}"
            nodes.append(
                Node(target, t("chart_continue", lang, id=outcome.continue_with), "handover")
            )
            edges.append(Edge(ident, target))
    clarify = t("level_clarify", lang)  # «MÅ AVKLARES», not «MÅ AVKLARES: Må avklares»
    nodes.append(Node("clarify", clarify, "outcome", Level.CLARIFY))
    edges.append(Edge("decide", "clarify", t("chart_otherwise", lang), dashed=True))
    return Graph(q.id, tuple(nodes), tuple(edges))


# --------------------------------------------------------------------------- Mermaid

_MERMAID_ESCAPES = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "&": "#amp;",
        "`": "#96;",
        "|": "#124;",
        "\n": " ",
        "\r": " ",
    }
)
_MERMAID_SHAPES = {
    "start": ("([", "])"),
    "question": ("[", "]"),
    "check": ("{", "}"),
    "decide": ("{", "}"),
    "outcome": ("[", "]"),
    "handover": ("[[", "]]"),
}
#: Fill and stroke colours per outcome level, shared by Mermaid and Graphviz.
_LEVEL_COLOURS = {
    Level.POSITIVE: ("#e6f4ea", "#1e7e34"),
    Level.NEGATIVE: ("#fdecea", "#b02a37"),
    Level.REPORT: ("#f6e8f8", "#8e44ad"),
    Level.INFORMATION: ("#e8f0fe", "#1a5fb4"),
    Level.CLARIFY: ("#fff8e1", "#b7791f"),
}


def mermaid_text(text: str, width: int = WRAP) -> str:
    """Return text safe inside a quoted Mermaid label, wrapped with <br/>."""
    lines = textwrap.wrap(inert(text), width) or [""]
    return "<br/>".join(line.translate(_MERMAID_ESCAPES) for line in lines)


def to_mermaid(graph: Graph) -> str:
    """Write the graph as a Mermaid flowchart."""
    lines = ["flowchart TD"]
    for node in graph.nodes:
        opening, closing = _MERMAID_SHAPES[node.shape]
        lines.append(f'    {node.id}{opening}"{mermaid_text(node.label)}"{closing}')
    for edge in graph.edges:
        arrow = "-.->" if edge.dashed else "-->"
        label = f'|"{mermaid_text(edge.label)}"|' if edge.label else ""
        lines.append(f"    {edge.source} {arrow}{label} {edge.target}")
    levels = [n.level for n in graph.nodes if n.level is not None]
    for level in dict.fromkeys(levels):
        fill, stroke = _LEVEL_COLOURS[level]
        lines.append(f"    classDef level_{level.value} fill:{fill},stroke:{stroke}")
    for node in graph.nodes:
        if node.level is not None:
            lines.append(f"    class {node.id} level_{node.level.value}")
    return "\n".join(lines)


def render_mermaid(questionnaire: Questionnaire, lang: str = "nb") -> str:
    """Return the questionnaire's flowchart in Mermaid."""
    return to_mermaid(build_graph(questionnaire, lang))


# --------------------------------------------------------------------------- Graphviz

_DOT_SHAPES = {
    "start": "shape=oval",
    "question": "shape=box, style=rounded",
    "check": "shape=diamond",
    "decide": "shape=diamond",
    "outcome": 'shape=box, style="rounded,filled"',
    "handover": "shape=box, peripheries=2",
}


def dot_text(text: str, width: int = WRAP) -> str:
    """Return text safe inside a double-quoted Graphviz string, wrapped with \\n."""
    lines = textwrap.wrap(inert(text), width) or [""]
    return "\\n".join(line.replace("\\", "\\\\").replace('"', '\\"') for line in lines)


def to_dot(graph: Graph) -> str:
    """Write the graph in Graphviz's DOT language."""
    lines = [
        f'digraph "{dot_text(graph.name)}" {{',
        "    rankdir=TB;",
        '    node [fontname="Helvetica"];',
    ]
    lines.append('    edge [fontname="Helvetica", fontsize=10];')
    for node in graph.nodes:
        shape = _DOT_SHAPES[node.shape]
        if node.level is not None:
            shape += f', fillcolor="{_LEVEL_COLOURS[node.level][0]}"'
        lines.append(f'    {node.id} [label="{dot_text(node.label)}", {shape}];')
    for edge in graph.edges:
        attributes = []
        if edge.label:
            attributes.append(f'label="{dot_text(edge.label)}"')
        if edge.dashed:
            attributes.append("style=dashed")
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"    {edge.source} -> {edge.target}{suffix};")
    lines.append("}")
    return "\n".join(lines)


def render_dot(questionnaire: Questionnaire, lang: str = "nb") -> str:
    """Return the questionnaire's flowchart in Graphviz DOT."""
    return to_dot(build_graph(questionnaire, lang))
