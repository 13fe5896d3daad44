"""The trainer's handout in headless Chromium: screenshots, the inline SVG, nothing overflowing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Site, run_node
from triage.load.catalog import questionnaire_files, shipped_dir

TRIAGE = str(Path(sys.executable).parent / "triage")
PNG = b"\x89PNG\r\n\x1a\n"
WIDTHS = [794, 1280]  # an A4 page at 96 dpi (screenshot there), and a projector
Shown = tuple[str, str, int]  # questionnaire, language, window width

# A page with one box whose text fits, one whose text runs out of it, a free text that runs into
# a box, an edge label outside any box, and a paragraph too wide for its column: it checks the
# measuring itself.
MEASURED = """<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>
<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200" viewBox="0 0 600 200">
<rect x="10" y="10" width="200" height="40" fill="#eef" stroke="#000"/>
<text x="20" y="35" font-size="14">passer</text>
<rect x="300" y="10" width="60" height="40" fill="#eef" stroke="#000"/>
<text x="310" y="35" font-size="14">altfor lang tekst for boksen</text>
<text x="220" y="80" font-size="14">krysser kanten på en boks</text>
<rect x="300" y="60" width="60" height="40" fill="#eef" stroke="#000"/>
<path d="M 110 50 L 110 150" fill="none" stroke="#000"/>
<text x="115" y="100" font-size="12">Ja</text>
</svg>
<div style="width: 100px; white-space: nowrap">et avsnitt som ikke får plass i spalten sin</div>
</body></html>
"""


def look(site: Site, shots: Path, names: list[str], widths: list[int]) -> Any:
    """Open the served pages `names` at each width, screenshot them into `shots`, measure them."""
    pages = [
        {"url": site.url(name), "screenshot": str(shots / Path(name).stem), "widths": widths}
        for name in names
    ]
    return run_node("handout.mjs", {"pages": pages})


def test_measuring_finds_text_out_of_its_box_and_html_out_of_its_column(
    site: Site, tmp_path: Path
) -> None:
    """The harness flags the texts out of or into boxes and the wide paragraph, nothing else."""
    (site.root / "measured.html").write_text(MEASURED, encoding="utf-8")
    [seen] = look(site, tmp_path, ["measured.html"], [800])
    assert seen["svgs"] == 1
    assert (seen["texts"], seen["boxed"]) == (4, 2)
    assert [overflow["text"] for overflow in seen["text_overflows"]] == [
        "altfor lang tekst for boksen",
        "krysser kanten på en boks",
    ]
    assert [overflow["tag"] for overflow in seen["html_overflows"]] == ["div"]
    assert Path(seen["screenshot"]).read_bytes()[:8] == PNG


SHIPPED = [path.stem for path in questionnaire_files(shipped_dir())]
# Each handout in bokmål at both widths, and in English on the narrower (harder) one.
HANDOUTS: list[Shown] = [(name, "nb", width) for name in SHIPPED for width in WIDTHS]
HANDOUTS += [(name, "en", WIDTHS[0]) for name in SHIPPED]


@pytest.fixture(scope="module")
def handouts(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[Shown, Any]:
    """Write every shipped handout with `triage explain ID --format html`, open and measure it."""
    shots = tmp_path_factory.mktemp("screenshots")  # never the repository
    folder = site.root / "handouts"
    folder.mkdir()
    pages: list[dict[str, Any]] = []
    for name, lang in dict.fromkeys((name, lang) for name, lang, _ in HANDOUTS):
        page = f"{name}.{lang}.html"
        done = subprocess.run(
            [TRIAGE, "explain", name, "--format", "html", "--lang", lang, "--output", page],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=folder,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        widths = [width for shown in HANDOUTS if shown[:2] == (name, lang) for width in shown[2:]]
        url = site.url(f"handouts/{page}")
        pages.append({"url": url, "screenshot": str(shots / page), "widths": widths})
    seen = run_node("handout.mjs", {"pages": pages})
    return {(*Path(s["url"]).name.split(".")[:2], s["width"]): s for s in seen}


@pytest.mark.parametrize("shown", HANDOUTS, ids=lambda shown: "-".join(map(str, shown)))
def test_handout_shows_its_flowchart_with_every_text_inside_its_box(
    handouts: dict[Shown, Any], shown: Shown
) -> None:
    """The handout has an inline SVG chart; no text leaves its box, no HTML its column."""
    seen = handouts[shown]
    if shown[2] == WIDTHS[0]:
        assert Path(seen["screenshot"]).read_bytes()[:8] == PNG
    assert seen["svgs"] == 1
    assert seen["texts"] > 0
    assert seen["text_overflows"] == []
    assert seen["html_overflows"] == []
    assert not seen["page_overflow"]
    assert (seen["offline"], seen["errors"]) == ([], [])
