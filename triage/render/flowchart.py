"""A questionnaire as a flowchart: questions in asking order, then the outcomes.

``build_graph`` makes one small graph; ``to_mermaid`` and ``to_dot`` write it for Mermaid
(rendered by GitHub and GitLab in Markdown) and Graphviz, and ``render/svg.py`` draws it.
Boxes carry short labels («S1. Er personen gravid?», cut after a whole word; criteria are
«K1», …) and the graph's legend the full texts. Consecutive questions with the same
``when`` form a block: the arrow into it says the condition («hvis svaret på S1 er nei
(eller ukjent)») and a dashed arrow past it the opposite, so no label is a bare «ja» or
«nei» that a room would read as the answer to the box above. Where several ways lead into
a block, a diamond «Spørre S3–S4?» gathers them. After the last question a diamond picks
the first outcome whose condition is definitely true (an arrow names a condition too long
to show, «Utfall 2: se forklaringen»); otherwise the result is «Må avklares». Outcomes that
continue with another questionnaire point to it.

Every label is escaped: Mermaid breaks on quotes, brackets and the like inside labels, so
labels are always quoted and the characters that matter are written as entity codes.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from triage.core.conditions import Condition, Not
from triage.core.model import Level, Questionnaire
from triage.render.describe import describe
from triage.render.describe import shorten as cut
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
    """Nodes and edges of one questionnaire's flowchart, and the legend of its short names."""

    name: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    #: (short name, full text) for every question, criterion and outcome condition.
    legend: tuple[tuple[str, str], ...] = ()


#: A label longer than this is cut at a word (node) or replaced by a pointer to the legend
#: (edge): a chart shown on a projector must be readable from the back of the room.
SHORT = 44
#: An outcome's condition longer than this is named on its arrow and given in the legend.
EDGE_SHORT = 72
#: A choice named on an arrow is cut to this («Personen som selv har…»).
CHOICE_SHORT = 28


def shorten(text: str, limit: int = SHORT) -> str:
    """Return ``text`` on one line, cut after a whole word with «…» when longer than ``limit``."""
    return cut(text, limit)


def short_label(questionnaire: Questionnaire, lang: str) -> dict[str, str]:
    """Return how the chart names questions (S1, S2, …) and criteria (K1, K2, …)."""
    names = {
        q.id: t("question_short", lang, number=n)
        for n, q in enumerate(questionnaire.questions, start=1)
    }
    names.update(
        {
            c.id: t("criterion_short", lang, number=n)
            for n, c in enumerate(questionnaire.criteria, start=1)
        }
    )
    return names


def _span(names: list[str]) -> str:
    """Return «S2» or «S2–S4» for the questions of one block."""
    return names[0] if len(names) == 1 else f"{names[0]}–{names[-1]}"


def build_graph(questionnaire: Questionnaire, lang: str = "nb") -> Graph:
    """Return the flowchart of a questionnaire: short labels, full texts in the legend.

    Questions read top to bottom in asking order. A question (or block of questions) with
    a ``when`` is entered by an arrow labelled with that condition and bypassed by a dashed
    arrow labelled with its opposite, so every label says what the answers are, never a bare
    «ja»/«nei» that a room would read as the answer to the question above it.
    """
    q = questionnaire
    names = short_label(q, lang)

    def name(ident: str) -> str:
        return names.get(ident, ident)

    def say(condition: Condition | None) -> str:
        """Say a condition for an arrow: short names, choices cut short."""
        return describe(condition, q, lang, name, choice_limit=CHOICE_SHORT)

    def say_all(condition: Condition | None) -> str:
        """Say a condition for the legend: short names, choices whole."""
        return describe(condition, q, lang, name)

    legend: list[tuple[str, str]] = []
    for question in q.questions:
        text = inert(question.text.get(lang))
        if question.when is not None:
            text += f" ({t('explain_asked_when', lang).lower()}: {say_all(question.when)})"
        legend.append((names[question.id], text))
    for criterion in q.criteria:
        legend.append(
            (
                names[criterion.id],
                f"{inert(criterion.text.get(lang))} "
                f"({t('explain_met_when', lang).lower()}: {say_all(criterion.when)})",
            )
        )

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

    def enter(target: str, label: str = "") -> None:
        for edge in pending:
            edges.append(Edge(edge.source, target, edge.label or label, edge.dashed))
        pending.clear()

    for block in blocks:
        first = q.questions[block[0]]
        span = _span([names[q.questions[i].id] for i in block])
        if first.when is not None:
            asked = say(first.when)
            skipped = say(Not(first.when))
            if max(len(asked), len(skipped)) > EDGE_SHORT:
                ask_label = t("chart_ask_see_legend", lang, names=span)
                skip_label = t("chart_skip_see_legend", lang, names=span)
            else:
                ask_label = t("chart_ask_when", lang, text=asked)
                skip_label = t("chart_skip_when", lang, text=skipped, names=span)
            if len(pending) == 1 and not pending[0].label and pending[0].source != "start":
                # One plain way in: the question before branches itself, no extra diamond.
                source = pending.pop().source
                skip = Edge(source, "", skip_label, dashed=True)
                pending.append(Edge(source, "", ask_label))
            else:
                check = f"c{block[0] + 1}"
                nodes.append(Node(check, t("chart_ask", lang, names=span), "check"))
                enter(check)
                skip = Edge(check, "", skip_label, dashed=True)
                pending.append(Edge(check, "", ask_label))
        for index in block:
            ident = f"q{index + 1}"
            question = q.questions[index]
            text = f"{names[question.id]}. {shorten(question.text.get(lang))}"
            nodes.append(Node(ident, text, "question"))
            enter(ident)
            pending.append(Edge(ident, ""))
        if first.when is not None:
            pending.append(skip)

    nodes.append(Node("decide", t("chart_decide", lang), "decide"))
    enter("decide")
    for number, outcome in enumerate(q.outcomes, start=1):
        ident = f"o{number}"
        _, word = level_mark(outcome.level, lang)
        title = text_of(outcome.title, lang)
        label = word if title.casefold() == word.casefold() else f"{word}: {shorten(title)}"
        nodes.append(Node(ident, label, "outcome", outcome.level))
        condition = say(outcome.when)
        key = t("chart_outcome_key", lang, number=number)
        whole = say_all(outcome.when)
        legend.append((key, f"{title} ({t('explain_when', lang).lower()}: {whole})"))
        shown = (
            f"{number}. {condition}"
            if len(condition) <= EDGE_SHORT
            else t("chart_see_legend", lang, name=key)
        )
        edges.append(Edge("decide", ident, shown))
        if outcome.continue_with:
            target = f"n{number}"
            nodes.append(
                Node(target, t("chart_continue", lang, id=outcome.continue_with), "handover")
            )
            edges.append(Edge(ident, target))
    clarify = t("level_clarify", lang)  # «MÅ AVKLARES», not «MÅ AVKLARES: Må avklares»
    nodes.append(Node("clarify", clarify, "outcome", Level.CLARIFY))
    edges.append(Edge("decide", "clarify", t("chart_otherwise", lang), dashed=True))
    return Graph(q.id, tuple(nodes), tuple(edges), tuple(legend))


# --------------------------------------------------------------------------- Mermaid

_MERMAID_ESCAPES = str.maketrans(
    {
        "#": "#35;",
        "%": "#37;",  # no «%%{init: …}%%» directive can be written through a text
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
LEVEL_COLOURS = {
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
        fill, stroke = LEVEL_COLOURS[level]
        lines.append(f"    classDef level_{level.value} fill:{fill},stroke:{stroke}")
    for node in graph.nodes:
        if node.level is not None:
            lines.append(f"    class {node.id} level_{node.level.value}")
    # The legend: Mermaid has no legend box, so the full texts go along as comments.
    lines += [
        f"    %% {mermaid_comment(key)}: {mermaid_comment(text)}" for key, text in graph.legend
    ]
    return "\n".join(lines)


def mermaid_comment(text: str) -> str:
    """Return text safe in a Mermaid ``%%`` comment: one line, escaped as labels are."""
    return " ".join(inert(text).split()).translate(_MERMAID_ESCAPES)


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
            shape += f', fillcolor="{LEVEL_COLOURS[node.level][0]}"'
        lines.append(f'    {node.id} [label="{dot_text(node.label)}", {shape}];')
    for edge in graph.edges:
        attributes = []
        if edge.label:
            attributes.append(f'label="{dot_text(edge.label)}"')
        if edge.dashed:
            attributes.append("style=dashed")
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"    {edge.source} -> {edge.target}{suffix};")
    if graph.legend:
        rows = "".join(
            "".join(f"{dot_text(line, 200)}\\l" for line in _legend_lines(key, text))
            for key, text in graph.legend
        )
        lines.append(f'    legend [label="{rows}", shape=note, fontsize=11];')
    lines.append("}")
    return "\n".join(lines)


def _legend_lines(key: str, text: str) -> list[str]:
    """Return a legend entry wrapped at 80 columns, its following lines indented."""
    return textwrap.wrap(f"{inert(key)}: {inert(text)}", 80, subsequent_indent="    ") or [""]


def render_dot(questionnaire: Questionnaire, lang: str = "nb") -> str:
    """Return the questionnaire's flowchart in Graphviz DOT."""
    return to_dot(build_graph(questionnaire, lang))
