"""A fresh copy of a source page: saved text or HTML, or fetched (only when asked) over http."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from triage.core.errors import UsageError
from triage.load.pages import fetch_page, html_text, looks_like_html, page_text, read_page

HTML = """<!DOCTYPE html>
<html lang="no"><head><title>Rusteamet</title>
<style>p { color: red }</style>
<script>var s = "Ha et ønske om endringer i livet.";</script></head>
<body><nav><ul><li>Meny</li></ul></nav>
<main><h1>Rusteamet</h1>
<p>Ha et &laquo;&oslash;nske&raquo; om endringer&nbsp;i livet.</p>
<p>Ring <a href="tel:46960239">469&nbsp;60&nbsp;239</a> &amp; skriv<br>til oss.</p>
<noscript>Slå på JavaScript</noscript>
</main></body></html>
"""


def test_html_becomes_the_text_a_reader_sees_one_block_a_line() -> None:
    """Tags, scripts and styles go, entities are unescaped, spaces are one, blocks start lines."""
    text = html_text(HTML.replace("<main>", "<div>").replace("</main>", "</div>"))
    assert text.splitlines() == [
        "Rusteamet",
        "Meny",
        "Rusteamet",
        "Ha et «ønske» om endringer i livet.",
        "Ring 469 60 239 & skriv",
        "til oss.",
    ]


@pytest.mark.parametrize(
    "main",
    [
        pytest.param(("<main>", "</main>"), id="main"),
        pytest.param(('<div role="main"><p>', "</div>"), id="role-main"),
    ],
)
def test_a_page_with_main_content_gives_only_that(main: tuple[str, str]) -> None:
    """Menus and the footer (a switchboard number, say) around the main content are left out."""
    start, end = main
    page = (
        f"<html><body><nav>Meny</nav>{start}<h1>Rusteamet</h1><p>Ha et ønske.<br>Ring 469 60 239"
        f"{end}<footer>Sentralbord 38 07 50 00</footer></body></html>"
    )
    assert html_text(page).splitlines() == ["Rusteamet", "Ha et ønske.", "Ring 469 60 239"]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        pytest.param(HTML, True, id="doctype"),
        pytest.param("<!-- saved -->\n<html><body>x</body></html>", True, id="comment-first"),
        pytest.param("Rusteamet\n\nKORT FORTALT <b>", False, id="text"),
    ],
)
def test_html_is_told_by_how_it_starts(text: str, html: bool) -> None:
    """A document starting with a doctype or <html> (after comments) is HTML; text is not."""
    assert looks_like_html(text) is html


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Søgne – «sitat»".encode(), "Søgne – «sitat»", id="utf-8"),
        pytest.param("\ufeffSøgne".encode(), "Søgne", id="utf-8-bom"),
        pytest.param("Søgne «sitat»".encode("cp1252"), "Søgne «sitat»", id="windows-1252"),
        pytest.param(
            '<html><head><meta charset="iso-8859-15"></head><body>Søgne €</body></html>'.encode(
                "iso-8859-15"
            ),
            "Søgne €",
            id="meta-charset",
        ),
    ],
)
def test_a_saved_page_is_decoded_as_it_was_saved(raw: bytes, expected: str) -> None:
    """UTF-8 (with or without BOM), the page's declared charset, else Windows-1252."""
    assert page_text(raw, "page") == expected


def test_a_binary_file_is_a_one_line_error() -> None:
    """A PDF or an image is refused with what to do instead."""
    with pytest.raises(UsageError) as raised:
        page_text(b"%PDF-1.7\x00\x01", "side.pdf")
    assert raised.value.message == (
        "side.pdf: not a text or HTML page: save the page as HTML or copy its text"
    )


def test_read_page_reads_html_by_its_suffix_and_names_unreadable_files(tmp_path: Path) -> None:
    """A .html file is HTML even without a doctype; a missing file or folder is one line."""
    saved = tmp_path / "side.html"
    saved.write_text("<p>Over 18&nbsp;år.</p><script>x</script>", encoding="utf-8")
    assert read_page(saved) == "Over 18 år."
    with pytest.raises(UsageError, match=r"^nope\.txt: no such file: give the saved page's file$"):
        read_page(tmp_path / "nope.txt", "nope.txt")
    with pytest.raises(UsageError, match=r"is a folder: give the saved page's file$"):
        read_page(tmp_path)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/side":
            body = HTML.encode("iso-8859-1", errors="replace")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=iso-8859-1")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server with one page, /side; its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetch_reads_a_page_in_the_charset_the_server_names(server: str) -> None:
    """A fetched HTML page becomes its text, decoded as the server says."""
    assert "Ha et «ønske» om endringer i livet." in fetch_page(f"{server}/side")


def test_an_http_error_is_a_one_line_error(server: str) -> None:
    """A page the server does not have says so, and how to go on without the network."""
    with pytest.raises(UsageError) as raised:
        fetch_page(f"{server}/gone")
    assert raised.value.message == (
        f"could not fetch {server}/gone: HTTP 404 Not Found (check the address and the "
        "network, or save the page in a browser and pass the file)"
    )


def test_no_answer_within_the_timeout_is_a_one_line_error() -> None:
    """A server that accepts but never answers is given up on after the timeout."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/side"
        with pytest.raises(UsageError, match=r"^could not fetch .*timed out"):
            fetch_page(url, timeout=0.3)


def test_nobody_listening_is_a_one_line_error() -> None:
    """Offline, or nothing at the address: one line, no traceback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(UsageError, match=rf"^could not fetch http://127\.0\.0\.1:{port}/: "):
        fetch_page(f"http://127.0.0.1:{port}/", timeout=2)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.no/x", "lovdata.no"])
def test_only_http_addresses_are_fetched(url: str) -> None:
    """A file:, ftp: or bare address is refused before anything is opened."""
    with pytest.raises(UsageError) as raised:
        fetch_page(url)
    assert raised.value.message == f"--url {url}: give an http:// or https:// address"
