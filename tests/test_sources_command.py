"""'triage sources check': drift between a fresh copy of a source page and the files."""

from __future__ import annotations

import html
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from triage.cli import app

PAGES = Path(__file__).parent / "fixtures" / "pages"
KRISTIANSAND = (PAGES / "001_b7757e800ee6dc79.txt").read_text(encoding="utf-8")


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["sources", "check", *args], env={"TRIAGE_QUESTIONNAIRES": ""})


@pytest.mark.parametrize("name", ["000_496f715bcf27d101.txt", "001_b7757e800ee6dc79.txt"])
def test_the_shipped_pages_are_clean(name: str) -> None:
    """Each source page as saved holds every quote and contact detail: exit 0."""
    result = _invoke(str(PAGES / name))
    assert result.exit_code == 0, result.output
    assert "Ingen endringer: alle" in result.stdout
    assert "0 endret, 0 mangler" in result.stdout


def test_a_page_saved_as_html_is_clean_too(tmp_path: Path) -> None:
    """A browser's HTML copy (entities, scripts, no-break spaces) is read as its text."""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in KRISTIANSAND.splitlines())
    saved = tmp_path / "rusteamet.html"
    saved.write_text(
        f"<!DOCTYPE html><html><head><script>let x = 1;</script></head><body>{body}</body></html>",
        encoding="utf-8",
    )
    result = _invoke(str(saved))
    assert result.exit_code == 0, result.output


def test_an_edited_copy_shows_each_drift_and_exits_1(tmp_path: Path) -> None:
    """A changed word, a removed sentence and a changed number each show, in bokmål."""
    edited = (
        KRISTIANSAND.replace("i en ukes døgntilbud", "i en to ukers døgntilbud")
        .replace("Ha utfordringer knyttet til eget forbruk av rusmidler.\n", "")
        .replace("Shalam: 91800469", "Shalam: 91800470")
    )
    copy = tmp_path / "kristiansand_rusteamet.txt"
    copy.write_text(edited, encoding="utf-8")
    result = _invoke(str(copy))
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert "Kildesjekk: Kristiansand kommune – Rusteamet (kristiansand_rusteamet)" in out
    assert "Endret på siden: sitat «offer» i shalam.yaml:30" in out
    assert "i en [-ukes-] {+to ukers+} døgntilbud" in out
    assert "Står ikke lenger på siden: sitat «use_challenges» i shalam.yaml:" in out
    assert "«Ha utfordringer knyttet til eget forbruk av rusmidler.»" in out
    assert "Bygger på sitatet: spørsmål own_substance_use; kriterier own_use; utfall" in out
    assert "På siden, men ingen kontakt har dem: telefon 91800470" in out
    assert "Vidar Gundersen (vidar_gundersen): telefon 918 00 469" in out
    assert "Siden er endret:" in out


def test_json_lists_every_quote_with_its_status(tmp_path: Path) -> None:
    """--format json prints triage-sources/1: each quote's status, diff and dependants."""
    copy = tmp_path / "side.txt"
    copy.write_text(KRISTIANSAND.replace("ønske om endringer", "ønske om endring"), "utf-8")
    result = _invoke(str(copy), "--page", "kristiansand_rusteamet", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["format"], document["page"], document["changed"]) == (
        "triage-sources/1",
        "kristiansand_rusteamet",
        True,
    )
    changed = [q for q in document["quotes"] if q["status"] != "found"]
    assert [(q["questionnaire"], q["id"], q["status"]) for q in changed] == [
        ("shalam", "wish_for_change", "changed")
    ]
    assert changed[0]["diff"] == [
        {"change": "same", "text": "Ha et ønske om"},
        {"change": "removed", "text": "endringer"},
        {"change": "added", "text": "endring"},
        {"change": "same", "text": "i livet."},
    ]
    assert changed[0]["criteria"] == ["wants"]
    assert document["new_phones"] == document["new_emails"] == document["vanished"] == []


def test_english_on_request(tmp_path: Path) -> None:
    """--lang en says it in English."""
    result = _invoke(str(PAGES / "000_496f715bcf27d101.txt"), "--lang", "en")
    assert result.exit_code == 0
    assert "No changes: all 27 quotes are on the page" in " ".join(result.stdout.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            (), "oppgi siden lagret som fil, eller --url ADRESSE (én av de to)", id="neither"
        ),
        pytest.param(
            (str(PAGES / "000_496f715bcf27d101.txt"), "--url", "https://example.no"),
            "oppgi siden lagret som fil, eller --url ADRESSE (én av de to)",
            id="both",
        ),
        pytest.param(
            ("nope.txt",), "nope.txt: finnes ikke: oppgi filen med den lagrede siden", id="missing"
        ),
        pytest.param(
            ("--url", "file:///etc/passwd"),
            "--url file:///etc/passwd: oppgi en adresse som begynner med http:// eller https://",
            id="file-url",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    """Bad usage or input: one line on stderr in the user's language, nothing on stdout."""
    result = _invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"triage: {message}\n"


def test_a_page_nobody_can_tell_asks_for_page(tmp_path: Path) -> None:
    """A copy whose name and content match no source asks for --page, listing the ids."""
    other = tmp_path / "side.txt"
    other.write_text("En helt annen side.\n", encoding="utf-8")
    result = _invoke(str(other), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("triage: ")
    assert "cannot tell which source page this is: pass --page ID (one of: " in result.stderr
    assert result.stderr.count("\n") == 1


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = KRISTIANSAND.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server answering every path with the Kristiansand page; its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/rusteamet"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_fetches_the_page_only_when_asked(server: str) -> None:
    """--url fetches the page (here from a local server) and checks it like a saved copy."""
    result = _invoke("--url", server)
    assert result.exit_code == 0, result.output
    assert "Kildesjekk: Kristiansand kommune – Rusteamet" in result.stdout


def test_url_offline_is_one_line_and_exit_2() -> None:
    """Nothing at the address: one line saying what to do instead, exit 2."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = _invoke("--url", f"http://127.0.0.1:{port}/", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"triage: could not fetch http://127.0.0.1:{port}/: ")
    assert result.stderr.endswith("or save the page in a browser and pass the file)\n")


def test_help_is_in_the_users_language() -> None:
    """'triage sources check --help' is bokmål by default; 'sources --help' lists check."""
    result = CliRunner().invoke(app, ["sources", "check", "--help"])
    assert result.exit_code == 0
    assert "Sammenlign hvert sitat fra en kildeside" in " ".join(result.output.split())
    assert "--page" in result.output
    group = CliRunner().invoke(app, ["sources", "--help"], env={"TRIAGE_LANG": "en"})
    assert "compare the quotes with a fresh copy of the page" in group.output


def test_an_unknown_sources_command_is_one_line_in_the_language() -> None:
    """'triage sources bogus' says there is no such command, in bokmål by default."""
    result = CliRunner().invoke(app, ["sources", "bogus"], prog_name="triage")
    assert result.exit_code == 2
    assert result.stderr == "triage: ukjent kommando «bogus» (se triage sources --help)\n"
