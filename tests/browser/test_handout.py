"""The trainer's handout in headless Chromium: screenshots, the inline SVG, nothing overflowing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import Site, run_node

WIDTHS = [1280, 794]  # a projector, and an A4 page at 96 dpi

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
    pages = [{"url": site.url(name), "screenshot": str(shots / Path(name).stem)} for name in names]
    return run_node("handout.mjs", {"pages": pages, "widths": widths})


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
    assert Path(seen["screenshot"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
