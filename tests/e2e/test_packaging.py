"""The wheel carries the shipped questionnaires, so a plain 'pip install .' finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_wheel_carries_questionnaires_and_runs_outside_the_source_tree(tmp_path: Path) -> None:
    """A built wheel, installed into an empty folder, lists the questionnaires without YAML."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("rus_triage-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in (
        "contacts.yaml",
        "shalam.yaml",
        "shalam.cases.yaml",
        "placement.yaml",
        "pregnancy.yaml",
        "chapter10.yaml",
        "chapter10.cases.yaml",
        "services.yaml",
        "services.cases.yaml",
        "router.yaml",
        "router.cases.yaml",
        "questionnaire.schema.json",
        "contacts.schema.json",
        "cases.schema.json",
    ):
        assert f"triage/data/{data}" in names
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1", "COLUMNS": "100"}
    listed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import triage.load.catalog as l; print(l.shipped_dir()); "
            "import sys; sys.argv = ['triage', 'list']; import triage.cli as c; c.main()",
        ],
        cwd=away,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    first, _, table = listed.stdout.partition("\n")
    assert Path(first) == target / "triage" / "data"
    for ident in ("shalam", "placement", "pregnancy", "chapter10", "services", "router"):
        assert ident in table
    schema = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv = ['triage', 'schema', 'cases']; "
            "import triage.cli as c; c.main()",
        ],
        cwd=away,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"title": "triage scenario cases"' in schema.stdout
    # The wheel carries the shipped files' parsed form, fresh: listing them reads no YAML.
    for data in ("contacts.yaml", "shalam.yaml", "router.yaml", "shalam.cases.yaml"):
        assert f"triage/data/parsed/{data}.json" in names
    timed = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "import sys; sys.argv = ['triage', 'list']; import triage.cli as c; c.main()",
        ],
        cwd=away,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in timed.stderr.splitlines()}
    assert "triage.load.prebuilt" in imported
    assert "yaml" not in imported
