"""The flowchart drawn as SVG in pure Python: a small layered layout, no Graphviz, no Node.

Why our own layout rather than a package: the charts are small (a few dozen boxes) and their
nodes already come in asking order, which is a topological order. The packages that draw
graphs either call the Graphviz program (``graphviz``, ``pygraphviz``) or a JavaScript engine
(Mermaid), and neither installs with pip alone on Windows. A hundred-odd lines of layout
keep ``pip install triage`` the whole installation, and the output deterministic.

The layout is a simplified Sugiyama layering:

1. each node's rank is its longest path from the start, doubled, so that the odd ranks in
   between hold the edges' labels and bends;
2. an edge that spans ranks gets a virtual item on every rank it crosses; the first is its
   label's box if it has one, the others are points it bends through;
3. on each rank, items are placed where what leads into them is; the main (solid) way is
   placed first so that it runs straight, siblings fanning out from one node are placed as
   one block in their given order, and dashed bypasses go beside them;
4. text is measured with conservative per-character widths (wider than DejaVu Sans and
   Arial, the widest common sans-serif fonts) and wrapped so that it never overflows its box.

Every text is made inert and XML-escaped; the output is a well-formed, standalone SVG.
Each box is a ``<g class="node" data-id="q1">`` (an arrow's label: ``class="label"``) whose
first child is its shape and whose ``<text>`` elements are its lines, so a browser test can
check that no text runs outside its box; the legend is ``<g class="legend">``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from triage.core.model import Questionnaire
from triage.render.flowchart import LEVEL_COLOURS, Graph, build_graph
from triage.render.i18n import t
from triage.render.words import inert, text_of

FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
NODE_SIZE = 15.0
LABEL_SIZE = 13.0
LEGEND_SIZE = 14.0
TITLE_SIZE = 20.0
LINE = 1.3  # line height in ems
PAD_X = 12.0
PAD_Y = 8.0
GAP_X = 18.0  # between items on one rank
GAP_Y = 24.0  # between ranks
MARGIN = 16.0
POINT = 14.0  # the width a bend point takes, so parallel edges stay apart
#: The widest a box's text may run before it wraps, per shape.
TEXT_WIDTH = {
    "start": 140.0,
    "question": 230.0,
    "check": 190.0,
    "decide": 190.0,
    "outcome": 230.0,
    "handover": 230.0,
    "label": 180.0,
}
INK = "#222222"
MUTED = "#555555"

# --------------------------------------------------------------------------- measuring text

_NARROW = set("ijlI.,:;'!|`")
_THIN = set('frt()[]{}/\\" -')
_WIDE_LOWER = set("mwæœ")
_WIDE = set("MWÆŒ—…@%")


def char_width(char: str) -> float:
    """Return a character's width in ems, rounded up against wide sans-serif fonts."""
    if char in _NARROW:
        return 0.34
    if char in _THIN:
        return 0.48
    if char in _WIDE_LOWER:
        return 1.0
    if char in _WIDE:
        return 1.05
    if char.isdigit():
        return 0.66
    if char.isascii():
        return 0.8 if char.isupper() else 0.64
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.1
    if unicodedata.combining(char):
        return 0.0
    return 0.82 if char.isupper() else 0.7


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Return a conservative estimate of how wide ``text`` runs at font ``size`` (pixels)."""
    width = sum(char_width(c) for c in text) * size
    return width * (1.1 if bold else 1.0)


def wrap(text: str, size: float, limit: float, *, bold: bool = False) -> list[str]:
    """Wrap ``text`` into lines no wider than ``limit``; a longer word is broken."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= limit:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:  # a word wider than the box: break it where it must
            if current and text_width(current + char, size, bold=bold) > limit:
                lines.append(current)
                current = ""
            current += char
    if current or not lines:
        lines.append(current)
    return lines


# --------------------------------------------------------------------------- escaping

#: Characters XML 1.0 does not allow at all (after inert() has removed the controls).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Return text safe as XML character data or a quoted attribute value."""
    return html.escape(_NOT_XML.sub("", inert(text)), quote=True)


def _n(value: float) -> str:
    """Format a coordinate: one decimal, so the output is the same on every machine."""
    return f"{value:.1f}"


# --------------------------------------------------------------------------- layout


@dataclass(slots=True)
class _Item:
    """A box or bend point on one rank, while the layout is worked out."""

    key: str
    kind: str  # a node shape, "label" or "point"
    rank: int
    lines: list[str]
    width: float
    height: float
    priority: int  # 0: a node, 1: on a solid edge, 2: on a dashed edge
    index: int  # creation order, for ties
    before: list[str] = field(default_factory=list)  # what leads into it
    group: str = ""  # siblings (same source, solid) are placed as one block
    level: str | None = None
    x: float = 0.0  # centre
    y: float = 0.0  # top


@dataclass(frozen=True, slots=True)
class _Route:
    """An edge as the items it passes through, from source to target."""

    keys: tuple[str, ...]
    dashed: bool


def _node_item(key: str, kind: str, label: str, rank: int, index: int) -> _Item:
    bold = kind in ("outcome", "start")
    lines = wrap(label, NODE_SIZE, TEXT_WIDTH[kind], bold=bold)
    width = max(text_width(line, NODE_SIZE, bold=bold) for line in lines) + 2 * PAD_X
    height = len(lines) * NODE_SIZE * LINE + 2 * PAD_Y
    if kind in ("check", "decide"):
        width += height  # the hexagon's pointed ends
    if kind == "handover":
        width, height = width + 8, height + 8  # the double border
    return _Item(key, kind, rank, lines, max(width, 60.0), height, 0, index)


def _layout(graph: Graph) -> tuple[dict[str, _Item], list[_Route]]:
    """Place every node, label and bend point of ``graph``."""
    items: dict[str, _Item] = {}
    rank: dict[str, int] = {}
    for index, node in enumerate(graph.nodes):
        into = [rank[e.source] + 2 for e in graph.edges if e.target == node.id]
        rank[node.id] = max(into, default=0)
        item = _node_item(node.id, node.shape, node.label, rank[node.id], index)
        item.level = node.level.value if node.level else None
        items[node.id] = item
    routes: list[_Route] = []
    count = len(items)
    for number, edge in enumerate(graph.edges):
        keys = [edge.source]
        priority = 2 if edge.dashed else 1
        for step in range(rank[edge.source] + 1, rank[edge.target]):
            key = f"e{number}r{step}"
            count += 1
            if step == rank[edge.source] + 1 and edge.label:
                lines = wrap(edge.label, LABEL_SIZE, TEXT_WIDTH["label"])
                width = max(text_width(line, LABEL_SIZE) for line in lines) + 8
                height = len(lines) * LABEL_SIZE * LINE + 6
                item = _Item(key, "label", step, lines, width, height, priority, count)
            else:
                item = _Item(key, "point", step, [], POINT, 0.0, priority, count)
            item.before = [keys[-1]]
            if step == rank[edge.source] + 1 and not edge.dashed:
                item.group = edge.source
            items[key] = item
            keys.append(key)
        keys.append(edge.target)
        routes.append(_Route(tuple(keys), edge.dashed))
        target = items[edge.target]
        if not edge.dashed or not target.before:
            target.before.append(keys[-2])
        # A label just above a box takes the box's width, so boxes below do not collide.
        if len(keys) > 2 and items[keys[-2]].kind == "label":
            label = items[keys[-2]]
            label.width = max(label.width, target.width)
    _place(items)
    return items, routes


def _place(items: dict[str, _Item]) -> None:
    """Give every item its x (rank by rank) and y (rank heights stacked)."""
    ranks: dict[int, list[_Item]] = {}
    for item in items.values():
        ranks.setdefault(item.rank, []).append(item)
    top = 0.0
    for number in sorted(ranks):
        row = ranks[number]
        for item in row:
            xs = [items[key].x for key in item.before]
            item.x = sum(xs) / len(xs) if xs else 0.0
        blocks: dict[str, list[_Item]] = {}
        for item in sorted(row, key=lambda i: i.index):
            blocks.setdefault(item.group or item.key, []).append(item)
        placed: list[tuple[float, float]] = []
        for block in sorted(
            blocks.values(), key=lambda b: (min(i.priority for i in b), b[0].index)
        ):
            width = sum(i.width for i in block) + GAP_X * (len(block) - 1)
            want = sum(i.x for i in block) / len(block)
            left = _free(want - width / 2, width, placed)
            placed.append((left, left + width))
            for item in block:
                item.x = left + item.width / 2
                left += item.width + GAP_X
        # A wide fan needs height to read: the farther the arrows reach, the taller the gap.
        reach = max((abs(i.x - items[b].x) for i in row for b in i.before), default=0.0)
        top += min(max(0.0, reach * 0.12 - GAP_Y), 60.0)
        height = max(item.height for item in row)
        for item in row:
            item.y = top + (height - item.height) / 2
        top += height + GAP_Y


def _free(left: float, width: float, placed: list[tuple[float, float]]) -> float:
    """Return the left edge nearest ``left`` where ``width`` overlaps nothing placed."""

    def clashes(start: float) -> bool:
        return any(start < b + GAP_X and a < start + width + GAP_X for a, b in placed)

    if not clashes(left):
        return left
    candidates = [b + GAP_X for _, b in placed] + [a - GAP_X - width for a, _ in placed]
    fits = [c for c in candidates if not clashes(c)]
    return min(fits, key=lambda c: (abs(c - left), -c))


# --------------------------------------------------------------------------- drawing


def _text(lines: list[str], x: float, top: float, size: float, **attributes: str) -> list[str]:
    """Return one <text> per line from ``top`` down; ``attributes`` are our own constants."""
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    out = []
    for number, line in enumerate(lines):
        baseline = top + size * (0.95 + LINE * number) + (LINE - 1) * size / 2
        out.append(
            f'<text x="{_n(x)}" y="{_n(baseline)}" font-size="{_n(size)}"{extra}>'
            f"{xml_text(line)}</text>"
        )
    return out


def _shape(item: _Item) -> list[str]:
    """Return the outline of a box: pill (start), hexagon (a decision), double (hand-over)."""
    x0, y0 = item.x - item.width / 2, item.y
    x1, y1 = x0 + item.width, y0 + item.height
    fill, stroke, width = "#ffffff", INK, "1.5"
    if item.level is not None:
        fill, stroke = LEVEL_COLOURS_BY_NAME[item.level]
        width = "2.5"
    line = f'stroke="{stroke}" stroke-width="{width}"'
    style = f'fill="{fill}" {line}'
    box = f'x="{_n(x0)}" y="{_n(y0)}" width="{_n(item.width)}" height="{_n(item.height)}"'
    if item.kind in ("check", "decide"):
        d = item.height / 2
        middle = y0 + d
        points = [
            (x0 + d, y0),
            (x1 - d, y0),
            (x1, middle),
            (x1 - d, y1),
            (x0 + d, y1),
            (x0, middle),
        ]
        shown = " ".join(f"{_n(a)},{_n(b)}" for a, b in points)
        return [f'<polygon points="{shown}" {style}/>']
    if item.kind == "start":
        return [f'<rect {box} rx="{_n(item.height / 2)}" {style}/>']
    if item.kind == "handover":
        inner = (
            f'x="{_n(x0 + 4)}" y="{_n(y0 + 4)}" width="{_n(item.width - 8)}" '
            f'height="{_n(item.height - 8)}"'
        )
        return [
            f'<rect {box} rx="4" {style}/>',
            f'<rect {inner} rx="3" fill="none" {line}/>',
        ]
    return [f'<rect {box} rx="8" {style}/>']


def _ports(routes: list[_Route], items: dict[str, _Item]) -> dict[tuple[int, int], float]:
    """Return where each edge leaves its source and enters its target (x), spread apart.

    The edges out of one box leave from points spread along its bottom, in the order of
    where they go, so a fan of arrows does not start as one knot; likewise into a box.
    """
    ends: dict[tuple[str, int], list[tuple[float, int]]] = {}
    for number, route in enumerate(routes):
        first, second = items[route.keys[0]], items[route.keys[1]]
        ends.setdefault((first.key, 1), []).append((second.x, number))
        before, last = items[route.keys[-2]], items[route.keys[-1]]
        ends.setdefault((last.key, -1), []).append((before.x, number))
    ports: dict[tuple[int, int], float] = {}
    for (key, side), found in ends.items():
        item = items[key]
        flat = item.width - (item.height if item.kind in ("check", "decide") else 0)
        span = min(flat * 0.6, 24.0 * (len(found) - 1))
        for place, (_, number) in enumerate(sorted(found)):
            offset = span * (place / (len(found) - 1) - 0.5) if len(found) > 1 else 0.0
            ports[(number, side)] = item.x + offset
    return ports


def _route(
    route: _Route, number: int, items: dict[str, _Item], ports: dict[tuple[int, int], float]
) -> str:
    """Return the path of an edge: down from the source, through its items, into the target."""
    anchors: list[tuple[float, float]] = []
    last = len(route.keys) - 1
    for position, key in enumerate(route.keys):
        item = items[key]
        if position > 0:
            x = ports[(number, -1)] if position == last else item.x
            anchors.append((x, item.y))
        if position < last:
            x = ports[(number, 1)] if position == 0 else item.x
            anchors.append((x, item.y + item.height))
    (x, y), rest = anchors[0], anchors[1:]
    parts = [f"M{_n(x)},{_n(y)}"]
    for nx, ny in rest:
        if nx == x:
            parts.append(f"L{_n(nx)},{_n(ny)}")
        else:
            middle = (y + ny) / 2
            parts.append(f"C{_n(x)},{_n(middle)} {_n(nx)},{_n(middle)} {_n(nx)},{_n(ny)}")
        x, y = nx, ny
    dash = ' stroke-dasharray="6 4"' if route.dashed else ""
    return (
        f'<path d="{" ".join(parts)}" fill="none" stroke="{INK}" stroke-width="1.5"{dash} '
        'marker-end="url(#triage-arrow)"/>'
    )


LEVEL_COLOURS_BY_NAME = {level.value: colours for level, colours in LEVEL_COLOURS.items()}


def to_svg(graph: Graph, title: str, lang: str, *, legend: bool = True) -> str:
    """Draw ``graph`` as an SVG document; with ``legend``, a heading above and the legend below.

    Without ``legend`` the chart is made to sit in a page (the handout) that has both.
    """
    items, routes = _layout(graph)
    left = min(i.x - i.width / 2 for i in items.values())
    right = max(i.x + i.width / 2 for i in items.values())
    bottom = max(i.y + i.height for i in items.values())
    chart_width = right - left
    keys = [xml_text(key) for key, _ in graph.legend] if legend else []
    key_width = max((text_width(k, LEGEND_SIZE, bold=True) for k, _ in graph.legend), default=0)
    width = max(chart_width, 640.0 if keys else 0.0)
    shift = MARGIN - left + (width - chart_width) / 2
    body: list[str] = []
    ports = _ports(routes, items)
    for number, route in enumerate(routes):
        body.append(_route(route, number, items, ports))
    for item in items.values():
        if item.kind == "point":
            continue
        kind = "label" if item.kind == "label" else "node"
        body.append(f'<g class="{kind}" data-id="{item.key}">')
        if item.kind == "label":
            x0 = item.x - item.width / 2
            body.append(
                f'<rect x="{_n(x0)}" y="{_n(item.y)}" width="{_n(item.width)}" '
                f'height="{_n(item.height)}" fill="#ffffff"/>'
            )
            body += _text(item.lines, item.x, item.y + 3, LABEL_SIZE, fill=MUTED)
        else:
            body += _shape(item)
            weight = {"font_weight": "bold"} if item.kind in ("outcome", "start") else {}
            text_top = item.y + PAD_Y + (4 if item.kind == "handover" else 0)
            body += _text(item.lines, item.x, text_top, NODE_SIZE, **weight)
        body.append("</g>")
    heading: list[str] = []
    lead = 0.0  # the standalone chart's heading: its title and «beslutningsstøtte»
    if keys:
        lines = wrap(title, TITLE_SIZE, width, bold=True)
        heading += _text(lines, MARGIN, MARGIN, TITLE_SIZE, font_weight="bold", text_anchor="start")
        lead = len(lines) * TITLE_SIZE * LINE + 4
        notice = wrap(t("disclaimer", lang), LEGEND_SIZE, width)
        heading += _text(notice, MARGIN, MARGIN + lead, LEGEND_SIZE, text_anchor="start")
        lead += len(notice) * LEGEND_SIZE * LINE + 16
        heading = ['<g class="heading">', *heading, "</g>"]
    height = bottom + 2 * MARGIN
    if keys:
        body.append('<g class="legend">')
        top = bottom + 2 * MARGIN
        body += _text(
            [t("chart_legend", lang)],
            -shift + MARGIN,
            top,
            NODE_SIZE,
            font_weight="bold",
            text_anchor="start",
        )
        top += NODE_SIZE * LINE + 6
        column = key_width + 14
        for key, text in graph.legend:
            lines = wrap(text, LEGEND_SIZE, width - column)
            body += _text(
                [key], -shift + MARGIN, top, LEGEND_SIZE, font_weight="bold", text_anchor="start"
            )
            body += _text(lines, -shift + MARGIN + column, top, LEGEND_SIZE, text_anchor="start")
            top += len(lines) * LEGEND_SIZE * LINE + 4
        body.append("</g>")
        height = top + 2 * MARGIN
    height += lead
    total = width + 2 * MARGIN
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="triage-flowchart" '
        f'width="{_n(total)}" height="{_n(height)}" viewBox="0 0 {_n(total)} {_n(height)}" '
        f'font-family="{FONT}" fill="{INK}" text-anchor="middle" role="img">',
        f"<title>{xml_text(t('explain_flowchart', lang))}: {xml_text(title)}</title>",
        "<defs>",
        '<marker id="triage-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse">',
        f'<path d="M0,0 L10,5 L0,10 z" fill="{INK}"/>',
        "</marker>",
        "</defs>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        *heading,
        f'<g transform="translate({_n(shift)},{_n(MARGIN + lead)})">',
    ]
    return "\n".join([*head, *body, "</g>", "</svg>"]) + "\n"


def render_svg(questionnaire: Questionnaire, lang: str = "nb", *, legend: bool = True) -> str:
    """Return the questionnaire's flowchart as a standalone SVG document."""
    graph = build_graph(questionnaire, lang)
    return to_svg(graph, text_of(questionnaire.title, lang), lang, legend=legend)
