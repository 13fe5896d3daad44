"""A fresh copy of a source page → its text: a saved text or HTML file, or a fetched address.

A browser's "save page" gives HTML; copying the page gives text. Both become the words a
reader sees: tags, scripts and styles dropped, entities unescaped, blocks on their own lines.
Fetching happens only when asked (``triage sources check --url``), with a timeout.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from triage.core.errors import UsageError

#: Seconds to wait for a page before giving up.
FETCH_TIMEOUT = 15.0
#: The most of a page read, in bytes: a source page is text, not a download.
MAX_BYTES = 5_000_000

#: Elements whose content a reader never sees.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg"})
#: Elements that start a new line of text.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.I)


class _TextParser(HTMLParser):
    """Collect the text a reader sees, one block per line; apart, that of the main content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.main: list[str] = []
        self.hidden = 0
        #: The tags open inside the main content (``<main>`` or ``role="main"``), if in it.
        self.in_main: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.in_main is not None:
            self.in_main.append(tag)
        elif tag == "main" or ("role", "main") in attrs:
            self.in_main = [tag]
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._add("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._add("\n")
        if self.in_main is not None and tag in self.in_main:
            # Close up to the matching tag: HTML lets some end tags be left out.
            del self.in_main[len(self.in_main) - 1 - self.in_main[::-1].index(tag) :]
            if not self.in_main:
                self.in_main = None

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self._add(data)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        if self.in_main is not None:
            self.main.append(text)


def looks_like_html(text: str) -> bool:
    """Tell whether ``text`` is an HTML document rather than plain text."""
    return _HTML_START.match(text[:4096]) is not None


def html_text(html: str) -> str:
    """Return the text a reader sees in an HTML document, one block per line.

    A page with a main content (``<main>``, or ``role="main"``) gives only that: a saved
    page's menus, banners and footer (the switchboard's number, say) are not its content.
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    main = "".join(parser.main)
    chosen = main if main.strip() else "".join(parser.parts)
    lines = (" ".join(line.split()) for line in chosen.splitlines())
    return "\n".join(line for line in lines if line)


def page_text(
    raw: bytes, where: str, *, html: bool | None = None, charset: str | None = None
) -> str:
    """Decode a saved or fetched page and return its text; HTML is told by its start.

    The text is read as ``charset`` (a server's word) when given and possible, else as
    UTF-8, else as the page's own ``<meta charset>``, else as Windows-1252.

    Raises UsageError for a file that is not text (a PDF, an image).
    """
    if b"\x00" in raw[:65536]:
        raise UsageError(
            f"{where}: not a text or HTML page: save the page as HTML or copy its text",
            key="error_page_not_text",
            where=where,
        )
    declared = _META_CHARSET.search(raw[:4096])
    meta = declared.group(1).decode("ascii") if declared else None
    text = None
    for encoding in (charset, "utf-8-sig", meta, "cp1252"):
        if encoding is None:
            continue
        try:
            text = raw.decode(encoding)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    if text is None:
        text = raw.decode("cp1252", errors="replace")
    if html is None:
        html = looks_like_html(text)
    return html_text(text) if html else text


def read_page(path: Path, display: str | None = None) -> str:
    """Read a saved page (text or HTML) and return its text."""
    where = display or str(path)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise UsageError(
            f"{where}: is a folder: give the saved page's file",
            key="error_page_folder",
            where=where,
        ) from None
    except FileNotFoundError:
        raise UsageError(
            f"{where}: no such file: give the saved page's file",
            key="error_page_missing",
            where=where,
        ) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise UsageError(
            f"{where}: cannot be read ({reason})",
            key="error_page_unreadable",
            where=where,
            reason=reason,
        ) from None
    _check_size(raw, where)
    html = path.suffix.lower() in (".html", ".htm", ".xhtml") or None
    return page_text(raw, where, html=html)


def fetch_page(url: str, timeout: float = FETCH_TIMEOUT) -> str:
    """Fetch a page over http(s) and return its text; only ever called when asked to.

    Raises UsageError, in one line, when the address is not http(s) or the page cannot be
    fetched (offline, timeout, an HTTP error).
    """
    import urllib.error
    import urllib.request

    from triage import __version__

    if not re.match(r"https?://[^\s/]+", url, re.I):
        raise UsageError(
            f"--url {url}: give an http:// or https:// address",
            key="error_url_scheme",
            url=url,
        )
    request = urllib.request.Request(url, headers={"User-Agent": f"triage/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(MAX_BYTES + 1)
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as error:
        reason = f"HTTP {error.code} {error.reason}"
        raise _fetch_failed(url, reason) from None
    except urllib.error.URLError as error:
        raise _fetch_failed(url, str(error.reason)) from None
    except (TimeoutError, OSError) as error:
        raise _fetch_failed(url, str(error) or type(error).__name__) from None
    _check_size(raw, url)
    html = True if content_type in ("text/html", "application/xhtml+xml") else None
    return page_text(raw, url, html=html, charset=charset)


def _fetch_failed(url: str, reason: str) -> UsageError:
    return UsageError(
        f"could not fetch {url}: {reason} (check the address and the network, or save the "
        "page in a browser and pass the file)",
        key="error_fetch",
        url=url,
        reason=reason,
    )


def _check_size(raw: bytes, where: str) -> None:
    if len(raw) > MAX_BYTES:
        raise UsageError(
            f"{where}: larger than {MAX_BYTES // 1_000_000} MB: not a source page",
            key="error_page_too_large",
            where=where,
            size=MAX_BYTES // 1_000_000,
        )
