"""Shared fixtures: questionnaires written inline, a small contact directory, a scripted asker."""

from __future__ import annotations

import dataclasses
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from triage.core.interview import BACK, DONE, Asker, Back, Prompt, Review, ReviewReply
from triage.core.model import UNKNOWN, AnswerValue, Directory, Questionnaire
from triage.load.contacts import check_directory
from triage.load.questionnaire import load_questionnaire
from triage.output import TERMINAL, Terminal

CONTACTS = """\
sources:
  - id: page
    title: {nb: Testside, en: Test page}
    publisher: Testkommune
    published: 2015-12-08
contacts:
  - id: team
    name: Testteamet
    role: {nb: Lavterskelteam, en: Low-threshold team}
    organisation: Testkommune
    phone: "38055555"
    email: team@example.no
    hours: {days: [mon, tue, wed, thu, fri], from: "08:00", to: "15:30"}
    source: page
    checked: 2026-11-23
  - id: nav
    name: Navn Navnesen
    role: {nb: Ruskonsulent}
    organisation: NAV Test
    phone: "46960239"
    source: page
    checked: 2026-11-23
"""

# Property tests (Hypothesis): the "ci" profile is the default, for CI and local runs;
# `HYPOTHESIS_PROFILE=thorough` tries twenty times as many inputs, `quick` a quarter. Each test
# states its budget as the inputs it tries under "ci" (`scaled`), about 200 a test. No deadline:
# a 2-core machine running other work must not turn a slow example into a failure. For the same
# reason the "too slow" health check is off: it times data generation.
CI_EXAMPLES = 200
for _name, _examples in (("ci", CI_EXAMPLES), ("quick", 50), ("thorough", 20 * CI_EXAMPLES)):
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def scaled(examples: int) -> int:
    """Return the inputs to try for a budget of ``examples`` under "ci", in the loaded profile."""
    return max(2, examples * settings.default.max_examples // CI_EXAMPLES)


#: A small questionnaire in the shape of shalam: all criteria required.
SMALL = """\
id: small
title: {nb: Liten test, en: Small test}
description: Et lite skjema for tester.
version: "1.0"
source:
  pages: [page]
  quotes:
    - {id: q_age, page: page, text: Over 18 år.}
questions:
  - id: age
    kind: number
    min: 0
    max: 120
    text: {nb: "Hvor gammel?", en: "How old?"}
    quote: q_age
  - id: resident
    kind: yes_no
    text: Bor i kommunen?
  - id: wants
    kind: yes_no
    text: Ønsker endring?
criteria:
  - {id: adult, text: Over 18 år, when: age >= 18, quote: q_age}
  - {id: lives_here, text: Bor i kommunen, when: resident}
  - {id: motivated, text: Ønsker endring, when: wants}
outcomes:
  - id: not_eligible
    level: negative
    title: Ikke aktuelt
    summary: Et kriterium er ikke oppfylt.
    when: not all(adult, lives_here, motivated)
    contacts: [nav]
  - id: eligible
    level: positive
    title: Aktuelt
    summary: Alle kriterier er oppfylt.
    when: all(adult, lives_here, motivated)
    contacts: [team, nav]
    legal_basis:
      - {law: helse- og omsorgstjenesteloven, section: "§ 10-4"}
clarify:
  contacts: [team]
"""


Reply = AnswerValue | Back | ReviewReply | type[BaseException]


class ScriptedAsker:
    """An asker that replies from scripts and records what it was asked.

    Questions and reviews take the next of ``replies``; a review past the end of the script
    confirms (DONE). "Stop?" takes the next of ``stops`` (yes when none is left); offers the
    next of ``offers`` (no when none is left). An exception type in any script is raised, as
    Ctrl-C (KeyboardInterrupt) or end of input (EOFError) would be. Saving goes to ``save``:
    ``save_as`` declines without one, ``file_name`` then takes the suggested name.
    """

    def __init__(
        self,
        replies: list[Reply],
        *,
        stops: list[bool | type[BaseException]] | None = None,
        offers: list[bool | type[BaseException]] | None = None,
        save: Path | None = None,
    ) -> None:
        self.replies = list(replies)
        self.stops = list(stops or [])
        self.offers = list(offers or [])
        self.save = save
        self.prompts: list[Prompt] = []
        self.reviews: list[Review] = []
        self.offered: list[str] = []
        self.stop_questions = 0
        self.suggested: Path | None = None

    @staticmethod
    def _play(reply: object) -> object:
        if isinstance(reply, type) and issubclass(reply, BaseException):
            raise reply()
        return reply

    def ask(self, prompt: Prompt) -> AnswerValue | Back:
        """Record the question; return the next scripted reply, or raise it."""
        self.prompts.append(prompt)
        reply = self._play(self.replies.pop(0))
        assert isinstance(reply, bool | int | str | Back) or reply is UNKNOWN, reply
        return reply

    def review(self, review: Review) -> ReviewReply:
        """Record the review; return the next scripted reply (DONE, BACK or an id), or raise it."""
        self.reviews.append(review)
        reply = self._play(self.replies.pop(0)) if self.replies else DONE
        assert isinstance(reply, str) or reply is DONE or reply is BACK, reply
        return reply

    def confirm_stop(self, lang: str) -> bool:
        """Return the next scripted answer to "stop?" (yes when none is left), or raise it."""
        self.stop_questions += 1
        return bool(self._play(self.stops.pop(0))) if self.stops else True

    def save_as(self, suggested: Path, lang: str) -> Path | None:
        """Record the suggested name; save where scripted, or decline."""
        self.suggested = suggested
        return self.save

    def offer(self, message: str, lang: str) -> bool:
        """Record the offer; return the next scripted reply (no when none is left), or raise it."""
        self.offered.append(message)
        return bool(self._play(self.offers.pop(0))) if self.offers else False

    def file_name(self, suggested: Path, lang: str) -> Path:
        """Record the suggested name; save where scripted, or there."""
        self.suggested = suggested
        return self.save or suggested


def terminal(asker: Asker | None = None, *, tty: bool = False, **changes: Any) -> Terminal:
    """Return the real terminal with ``asker`` asking, as if at a terminal if ``tty``.

    Pass it to the command line as click's ``obj``: ``runner.invoke(app, args, obj=...)``.
    """
    if asker is not None:
        changes["make_asker"] = lambda plain: asker
    if tty:
        changes["has_terminal"] = lambda: True
    return dataclasses.replace(TERMINAL, **changes)


@pytest.fixture(autouse=True)
def no_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from a real pager: a report in a pty must never wait in less."""
    monkeypatch.setenv("PAGER", "cat")
    monkeypatch.delenv("TRIAGE_PAGER", raising=False)


@pytest.fixture
def directory(tmp_path: Path) -> Directory:
    """The small contact directory, loaded from a file."""
    path = tmp_path / "contacts.yaml"
    path.write_text(CONTACTS, encoding="utf-8")
    loaded, problems = check_directory(path)
    assert not problems
    return loaded


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file in a temporary folder and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def build(
    write_file: Callable[[str, str], Path], directory: Directory
) -> Callable[[str], Questionnaire]:
    """Load a questionnaire written inline (dedented) against the small directory."""

    def build_questionnaire(text: str) -> Questionnaire:
        return load_questionnaire(write_file("q.yaml", text), directory)

    return build_questionnaire


@pytest.fixture
def small(build: Callable[[str], Questionnaire]) -> Questionnaire:
    """The small three-question questionnaire."""
    return build(SMALL)


SNAPSHOTS = Path(__file__).parent / "snapshots"
#: Set to 1 to (re)write the snapshot files instead of comparing: review the diff like code.
UPDATE_SNAPSHOTS = "TRIAGE_UPDATE_SNAPSHOTS"


@pytest.fixture
def snapshot() -> Callable[[str, str], None]:
    """Compare text with tests/snapshots/NAME exactly (or write it when updating)."""
    import os

    def check(name: str, text: str) -> None:
        path = SNAPSHOTS / name
        if os.environ.get(UPDATE_SNAPSHOTS) == "1":
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no snapshot {name}: run with {UPDATE_SNAPSHOTS}=1 and review it"
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} differs from its snapshot: if the change is intended, "
            f"run with {UPDATE_SNAPSHOTS}=1 and review the diff"
        )

    return check
