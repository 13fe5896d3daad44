"""The trainer's handout: one self-contained HTML page with every part and the flowchart."""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from triage.cli import app
from triage.core.model import Directory, Questionnaire
from triage.load.catalog import Catalog
from triage.render.handout import link, render_handout
from triage.render.words import format_date

SHIPPED = list(Catalog().files())


class Page(HTMLParser):
    """The parts of a page a test looks at: text, tags with attributes, the inline SVG."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "link", "img", "input", "hr"):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def words(self) -> str:
        """Return the page's text with whitespace collapsed, entities decoded."""
        return " ".join(" ".join(self.text).split())


def parse(page: str) -> Page:
    """Parse the page, checking every tag is closed in order."""
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.open == [], f"unclosed: {parser.open}"
    return parser


def _load(ident: str) -> tuple[Questionnaire, Directory]:
    catalog = Catalog()
    directory = catalog.directory()
    return catalog.load(ident, directory), directory


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("ident", SHIPPED)
def test_handout_has_every_question_outcome_contact_and_source(ident: str) -> None:
    """Each question, outcome, contact (with its checked date), quote and vague note is there."""
    questionnaire, directory = _load(ident)
    page = parse(render_handout(questionnaire, directory))
    words = page.words
    assert _flat(questionnaire.title.get()) in words
    assert _flat(questionnaire.description.get()) in words
    for question in questionnaire.questions:
        assert _flat(question.text.get()) in words
    for outcome in questionnaire.outcomes:
        assert _flat(outcome.title.get()) in words
        assert _flat(outcome.summary.get()) in words
        for contact_id in outcome.contacts:
            contact = directory.contacts[contact_id]
            assert _flat(contact.name) in words
            assert format_date(contact.checked, "nb") in words
    for quote in questionnaire.quotes:
        assert _flat(quote.text) in words
    for remark in questionnaire.vague:
        assert _flat(remark.get()) in words
    assert words.count("Beslutningsstøtte – ikke et vedtak.") == 2  # top and bottom
    ids = {attrs.get("id") for _, attrs in page.tags}
    assert {f"outcome-{o.id}" for o in questionnaire.outcomes} <= ids
    assert {f"question-{q.id}" for q in questionnaire.questions} <= ids


@pytest.mark.parametrize("ident", SHIPPED)
def test_handout_carries_the_flowchart_as_well_formed_inline_svg(ident: str) -> None:
    """Exactly one inline <svg>, which parses as XML; its legend is HTML text below it."""
    questionnaire, directory = _load(ident)
    page = render_handout(questionnaire, directory)
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)
    assert len(svgs) == 1
    root = ET.fromstring(svgs[0])
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    parsed = parse(page)
    keys = [tag for tag, _ in parsed.tags if tag == "dt"]
    assert len(keys) >= len(questionnaire.questions) + len(questionnaire.outcomes)


@pytest.mark.parametrize("ident", SHIPPED)
def test_handout_loads_nothing_from_the_network(ident: str) -> None:
    """No script, stylesheet, font, image or frame from anywhere; links are plain <a>."""
    questionnaire, directory = _load(ident)
    page = render_handout(questionnaire, directory)
    parsed = parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}
    assert "@import" not in page
    assert "url(http" not in page
    assert not re.search(r"\bsrc\s*=", page)
    for tag, attrs in parsed.tags:
        if "href" in attrs:
            assert tag == "a", tag
            assert (attrs["href"] or "").startswith("https://")
    policy = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in (policy.get("content") or "")


def test_chapter10_handout_links_the_legal_basis_to_lovdata() -> None:
    """A legal basis with a Lovdata address is a plain link to it."""
    questionnaire, directory = _load("chapter10")
    parsed = parse(render_handout(questionnaire, directory))
    links = [attrs["href"] for tag, attrs in parsed.tags if tag == "a"]
    assert "https://lovdata.no/lov/2011-06-24-30/§10-2" in links
    assert "les paragrafen på Lovdata" in parsed.words


def test_handout_follows_the_language() -> None:
    """In English the page says lang="en", English headings and the English disclaimer."""
    questionnaire, directory = _load("shalam")
    page = render_handout(questionnaire, directory, "en")
    parsed = parse(page)
    assert ("html", {"lang": "en"}) in parsed.tags
    assert "Decision support – not an administrative decision (vedtak)." in parsed.words
    assert "Questions, in asking order" in parsed.words
    assert _flat(questionnaire.questions[0].text.get("en")) in parsed.words
    assert "Beslutningsstøtte" not in parsed.words


def test_handout_is_the_same_every_time() -> None:
    """Rendering twice gives the same page, byte for byte."""
    questionnaire, directory = _load("placement")
    assert render_handout(questionnaire, directory) == render_handout(questionnaire, directory)


def test_handout_has_a_print_style_for_a4_that_keeps_boxes_whole() -> None:
    """The print style sets A4 and keeps outcomes and list items from splitting across pages."""
    questionnaire, directory = _load("shalam")
    page = render_handout(questionnaire, directory)
    style = page[page.index("@media print") :]
    assert "size: A4" in style
    assert 'a[href]::after { content: " (" attr(href) ")"' in style  # paper shows addresses
    assert re.search(r"\.outcome[^{]*\{ break-inside: avoid", style)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://lovdata.no/x?a=1&b=2", '<a href="https://lovdata.no/x?a=1&amp;b=2">'),
        pytest.param("javascript:alert(1)", "javascript:alert(1)"),
        pytest.param('https://x.no/" onclick="y', "https://x.no/&quot; onclick=&quot;y"),
    ],
)
def test_only_web_addresses_become_links(url: str, expected: str) -> None:
    """An http(s) address becomes an escaped link; anything else stays escaped text."""
    shown = link(url)
    assert shown.startswith(expected)
    if not expected.startswith("<a"):
        assert "<a" not in shown


# --------------------------------------------------------------------------- the command


def test_explain_html_output_is_written_privately(tmp_path: Path) -> None:
    """`explain ID --output F.html` writes the handout through the private writer (0600)."""
    target = tmp_path / "shalam.html"
    result = CliRunner().invoke(app, ["explain", "shalam", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    again = CliRunner().invoke(app, ["explain", "shalam", "--output", str(target)])
    assert again.exit_code != 0  # an existing file is kept unless --force


def test_explain_svg_goes_to_standard_output_or_a_file(tmp_path: Path) -> None:
    """`--format svg` prints the chart; an .svg --output picks the format from the suffix."""
    shown = CliRunner().invoke(app, ["explain", "pregnancy", "--format", "svg"])
    assert shown.exit_code == 0
    ET.fromstring(shown.stdout)
    target = tmp_path / "chart.svg"
    written = CliRunner().invoke(app, ["explain", "pregnancy", "-o", str(target), "--lang", "en"])
    assert written.exit_code == 0, written.output
    assert ET.fromstring(target.read_text(encoding="utf-8")).tag.endswith("svg")
    assert ">Q1. Is the person" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "start"),
    [
        pytest.param("chart.mmd", "flowchart TD\n", id="mermaid"),
        pytest.param("chart.dot", 'digraph "shalam" {\n', id="dot"),
        pytest.param("notes.md", "# Ut av det", id="markdown"),
        pytest.param("notes.txt", "# Ut av det", id="other-suffix-markdown"),
    ],
)
def test_explain_output_suffix_picks_the_format(tmp_path: Path, name: str, start: str) -> None:
    """Without --format, the --output file's suffix picks mermaid, dot, or else markdown."""
    target = tmp_path / name
    result = CliRunner().invoke(app, ["explain", "shalam", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(start)


LINKED = """\
id: linked
title: Lenker
description: D
version: "1"
source: {pages: [page]}
questions:
  - {id: first, kind: yes_no, text: "Første?"}
outcomes:
  - id: yes
    level: positive
    title: Ja
    summary: S
    when: first
    contacts: [team]
    legal_basis:
      - {law: Loven, section: "§ 1", url: "https://lovdata.no/lov/2011-06-24-30/§10-1"}
      - {law: Forskriften, section: "§ 2", url: "https://example.no/forskrift"}
  - {id: no, level: negative, title: Nei, summary: S, when: not first, contacts: [team]}
"""


def test_a_legal_link_says_lovdata_only_when_it_goes_there(
    build: Callable[[str], Questionnaire], directory: Directory
) -> None:
    """A Lovdata address reads «les paragrafen på Lovdata»; another address shows itself."""
    page = render_handout(build(LINKED), directory)
    assert (
        '<a href="https://lovdata.no/lov/2011-06-24-30/§10-1">les paragrafen på Lovdata</a>' in page
    )
    assert '<a href="https://example.no/forskrift">https://example.no/forskrift</a>' in page
