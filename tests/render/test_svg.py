"""The flowchart as SVG: well-formed, complete, laid out top to bottom, text inside its boxes."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import scaled
from tests.test_properties import questionnaires
from triage.core.model import Questionnaire, Text
from triage.load.catalog import Catalog
from triage.render.flowchart import build_graph
from triage.render.svg import NODE_SIZE, render_svg, text_width, wrap, xml_text

SVG = "{http://www.w3.org/2000/svg}"
SHIPPED = list(Catalog().files())

HOSTILE_TEXT = """\
id: hostile_svg
title: 'Tittel </svg><script>alert(1)</script> & "q" ]]>'
description: D
version: "1"
source: {pages: [page]}
questions:
  - id: first
    kind: yes_no
    text: "Er det </text><image href='http://evil.example/x.png'/> \\x0b\\x1b[2J \\u202e ok?"
  - id: second
    kind: yes_no
    when: first
    text: "<![CDATA[x]]> &amp; &lt;"
outcomes:
  - {id: yes, level: positive, title: "<b>Ja</b>", summary: S, when: first and second,
     contacts: [team]}
  - {id: no, level: negative, title: "Nei & ikke", summary: S, when: not first,
     contacts: [team]}
"""


def _load(ident: str) -> Questionnaire:
    catalog = Catalog()
    return catalog.load(ident, catalog.directory())


def _boxes(root: ET.Element) -> dict[str, ET.Element]:
    return {g.attrib["data-id"]: g for g in root.iter(f"{SVG}g") if "data-id" in g.attrib}


def _bounds(group: ET.Element) -> tuple[float, float, float, float]:
    """Return the box (left, top, right, bottom) of a node or label group."""
    shape = next(iter(group))
    if shape.tag == f"{SVG}polygon":
        points = [tuple(map(float, p.split(","))) for p in shape.attrib["points"].split()]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)
    x, y = float(shape.attrib["x"]), float(shape.attrib["y"])
    return x, y, x + float(shape.attrib["width"]), y + float(shape.attrib["height"])


@pytest.mark.parametrize("ident", SHIPPED)
def test_svg_of_each_shipped_questionnaire_is_well_formed_and_complete(ident: str) -> None:
    """The SVG parses as XML, and has a box for every node of the chart and a legend line each."""
    questionnaire = _load(ident)
    root = ET.fromstring(render_svg(questionnaire))
    assert root.tag == f"{SVG}svg"
    graph = build_graph(questionnaire)
    boxes = _boxes(root)
    assert {n.id for n in graph.nodes} <= set(boxes)
    texts = [" ".join((t.text or "") for t in g.iter(f"{SVG}text")) for g in boxes.values()]
    for number in range(1, len(questionnaire.questions) + 1):
        assert any(text.startswith(f"S{number}.") for text in texts)
    legend = next(g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "legend")
    shown = [t.text for t in legend.iter(f"{SVG}text")]
    assert [key for key, _ in graph.legend] == [k for k in shown if k in dict(graph.legend)]
    assert len(list(root.iter(f"{SVG}path"))) == len(graph.edges) + 1  # and the arrowhead


@pytest.mark.parametrize("ident", SHIPPED)
def test_svg_reads_top_to_bottom_and_boxes_do_not_overlap(ident: str) -> None:
    """Every arrow points down the page, and no two boxes on the chart overlap."""
    questionnaire = _load(ident)
    root = ET.fromstring(render_svg(questionnaire))
    boxes = {key: _bounds(g) for key, g in _boxes(root).items()}
    for edge in build_graph(questionnaire).edges:
        assert boxes[edge.source][3] < boxes[edge.target][1], edge
    placed = list(boxes.items())
    for number, (one, a) in enumerate(placed):
        for other, b in placed[number + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{one} overlaps {other}"


@pytest.mark.parametrize("ident", SHIPPED)
def test_svg_text_fits_inside_its_box_by_the_estimate(ident: str) -> None:
    """Each line of text, measured with the conservative widths, stays inside its box."""
    root = ET.fromstring(render_svg(_load(ident)))
    for key, group in _boxes(root).items():
        left, top, right, bottom = _bounds(group)
        for text in group.iter(f"{SVG}text"):
            size = float(text.attrib["font-size"])
            width = text_width(text.text or "", size, bold=text.attrib.get("font-weight") == "bold")
            x, y = float(text.attrib["x"]), float(text.attrib["y"])
            assert left <= x - width / 2, (key, text.text)
            assert x + width / 2 <= right, (key, text.text)
            assert top < y - size * 0.8, (key, text.text)
            assert y <= bottom, (key, text.text)


def _check_tidy(questionnaire: Questionnaire) -> None:
    """Assert the chart parses, reads downwards, has no overlapping boxes and no overflow."""
    root = ET.fromstring(render_svg(questionnaire))
    groups = _boxes(root)
    boxes = {key: _bounds(g) for key, g in groups.items()}
    for edge in build_graph(questionnaire).edges:
        assert boxes[edge.source][3] < boxes[edge.target][1], edge
    placed = list(boxes.items())
    for number, (one, a) in enumerate(placed):
        for other, b in placed[number + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{one} overlaps {other}"
    for key, group in groups.items():
        left, _, right, _ = boxes[key]
        for text in group.iter(f"{SVG}text"):
            size = float(text.attrib["font-size"])
            width = text_width(text.text or "", size, bold=text.attrib.get("font-weight") == "bold")
            x = float(text.attrib["x"])
            assert left <= x - width / 2, (key, text.text)
            assert x + width / 2 <= right, (key, text.text)


@settings(max_examples=scaled(60), deadline=None)
@given(data=st.data())
def test_any_generated_questionnaire_draws_a_tidy_chart(data: st.DataObject) -> None:
    """Generated questionnaires with any texts draw downwards, without overlaps or overflow."""
    questionnaire = data.draw(questionnaires(), label="questionnaire")
    texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=90)
    questions = tuple(
        dataclasses.replace(q, text=Text.of(data.draw(texts, label=q.id) or "?"))
        for q in questionnaire.questions
    )
    _check_tidy(dataclasses.replace(questionnaire, questions=questions))


def test_wrap_keeps_every_line_within_the_width_and_breaks_long_words() -> None:
    """Wrapped lines never run wider than asked; a word wider than the box is broken."""
    text = "Rusmiddelavhengighetsbehandlingsinstitusjonsplass og " + "ord " * 20
    lines = wrap(text, NODE_SIZE, 150)
    assert len(lines) > 3
    assert all(text_width(line, NODE_SIZE) <= 150 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_width_estimate_is_generous_for_wide_letters() -> None:
    """Capitals and wide letters count wider than narrow ones, so boxes leave room."""
    assert text_width("MMMM", 10) > text_width("mmmm", 10) - 1 > text_width("iiii", 10)
    assert text_width("ÆØÅ", 10) >= 3 * 0.8 * 10


def test_svg_is_the_same_every_time(snapshot: Callable[[str, str], None]) -> None:
    """The output is deterministic: the shalam chart matches its reviewed snapshot."""
    questionnaire = _load("shalam")
    first = render_svg(questionnaire)
    assert render_svg(questionnaire) == first
    snapshot("shalam.flowchart.svg", first)


def test_svg_follows_the_language() -> None:
    """In English the boxes say Q1 and the legend is a «Key»."""
    root = ET.fromstring(render_svg(_load("shalam"), "en"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Key" in texts
    assert any((t or "").startswith("Q1. How old") for t in texts)
    assert not any((t or "").startswith("S1.") for t in texts)


def test_hostile_text_stays_text_in_the_svg(build: Callable[[str], Questionnaire]) -> None:
    """Markup, CDATA, controls and bidi in a questionnaire cannot make elements or break XML."""
    svg = render_svg(build(HOSTILE_TEXT))
    root = ET.fromstring(svg)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "defs", "marker", "path", "rect", "g", "text", "polygon"}
    for raw in ("<script", "<image", "<![CDATA["):
        assert raw not in svg
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x1b\u202e]", svg)
    assert "alert(1)" in root.findtext(f"{SVG}title", "")


def test_xml_text_escapes_markup_and_drops_what_xml_forbids() -> None:
    """Angle brackets, ampersands and quotes are escaped; controls are removed."""
    assert xml_text("a<b>&\"c'\x0b\x1b[1m") == "a&lt;b&gt;&amp;&quot;c&#x27;"


def test_standalone_svg_has_a_heading_with_the_disclaimer() -> None:
    """The chart alone carries its title and «Beslutningsstøtte – ikke et vedtak.» on top."""
    questionnaire = _load("pregnancy")
    root = ET.fromstring(render_svg(questionnaire))
    heading = next(g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "heading")
    shown = " ".join(t.text or "" for t in heading.iter(f"{SVG}text"))
    assert shown.startswith(" ".join(questionnaire.title.get().split())[:20])
    assert shown.endswith("Beslutningsstøtte – ikke et vedtak.")
    inline = ET.fromstring(render_svg(questionnaire, legend=False))
    assert not [g for g in inline.iter(f"{SVG}g") if g.attrib.get("class") in ("heading", "legend")]
