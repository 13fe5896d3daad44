"""Browser tests: real clients (LHC-Forms, Chromium) driven by the Node scripts in this folder.

What they need beyond pip is installed by `.ci/browser-deps` (which `.ci/run` calls): the system
Chromium, puppeteer-core (package-lock.json here) and LHC-Forms (unpacked into `.lforms/`).
Without them every test here skips and says what is missing.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
LFORMS = HERE / ".lforms" / "package" / "dist" / "lforms"
PUPPETEER = HERE / "node_modules" / "puppeteer-core" / "package.json"
INSTALL = "run .ci/browser-deps"

# The page LHC-Forms renders into: its files in the order its README gives, all from 127.0.0.1.
LFORMS_PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>LHC-Forms</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="lforms/webcomponent/styles.css">
</head><body><div id="form"></div>
<script src="lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="lforms/webcomponent/runtime.js"></script>
<script src="lforms/webcomponent/polyfills.js"></script>
<script src="lforms/webcomponent/main.js"></script>
<script src="lforms/fhir/R4/lformsFHIR.min.js"></script>
</body></html>
"""


def chromium() -> str | None:
    """Return the Chromium to drive: $TRIAGE_CHROMIUM, else the system's, else None."""
    names = [os.environ.get("TRIAGE_CHROMIUM", ""), "chromium", "chromium-browser"]
    return next((found for name in names if name and (found := shutil.which(name))), None)


def missing() -> str | None:
    """Return why the browser tests cannot run here, or None when they can."""
    if chromium() is None:
        return f"no Chromium (set TRIAGE_CHROMIUM or {INSTALL})"
    if shutil.which("node") is None:
        return "no Node.js (node) on the path"
    if not PUPPETEER.is_file():
        return f"no puppeteer-core in tests/browser/node_modules ({INSTALL})"
    if not (LFORMS / "webcomponent" / "main.js").is_file():
        return f"no LHC-Forms in tests/browser/.lforms ({INSTALL})"
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder 'browser'; skip them, saying why, when they cannot run."""
    reason = missing()
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if reason is not None:
                item.add_marker(pytest.mark.skip(reason=f"browser test: {reason}"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@dataclass(frozen=True)
class Site:
    """A folder served on 127.0.0.1: put files in `root`, open them at `url(name)`."""

    root: Path
    base: str

    def url(self, name: str) -> str:
        """Return the address of the file `name` under the root."""
        return f"{self.base}/{name}"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Serve a temporary folder on 127.0.0.1 (LHC-Forms under lforms/, its page at lforms.html)."""
    root = tmp_path_factory.mktemp("site")
    try:
        (root / "lforms").symlink_to(LFORMS, target_is_directory=True)
    except OSError:  # no symlinks (Windows without the privilege): copy instead
        shutil.copytree(LFORMS, root / "lforms")
    (root / "lforms.html").write_text(LFORMS_PAGE, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def run_node(script: str, request: dict[str, Any], timeout: float = 600) -> Any:
    """Run a Node script of this folder on `request` (plus the Chromium); return its JSON."""
    browser = chromium()
    assert browser is not None
    completed = subprocess.run(
        ["node", str(HERE / script)],
        input=json.dumps({"chromium": browser, **request}),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )
    assert completed.returncode == 0, f"{script} failed:\n{completed.stderr}"
    return json.loads(completed.stdout)
