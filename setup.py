"""Build step: the wheel carries the shipped questionnaires' parsed form (see pyproject.toml).

``triage.load.prebuilt`` writes each shipped YAML file's parsed form (plain JSON, keyed by
triage's version and the file's length and CRC-32) into ``triage/data/parsed/``, so a run
reads no YAML.
For an editable install (``pip install -e .``) the files go into ``questionnaires/parsed/``
(git ignores them); a file edited later no longer matches its key and is read as YAML.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithParsed(build_py):
    """build_py, then the parsed form of the shipped questionnaires, contacts and cases."""

    def run(self) -> None:
        super().run()
        sys.path.insert(0, str(HERE))
        try:
            from triage.load.prebuilt import FOLDER, build
        finally:
            sys.path.remove(str(HERE))
        source = HERE / "questionnaires"
        data = source if self.editable_mode else Path(self.build_lib) / "triage" / "data"
        build(sorted(source.glob("*.yaml")), data / FOLDER)


setup(cmdclass={"build_py": BuildPyWithParsed})
