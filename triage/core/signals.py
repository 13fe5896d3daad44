"""What an interview tells its caller: where an answer came from, and why it stopped early.

Apart from the question loop (``triage.core.interview``), so a run from an answers file that
asks nothing need not import the loop.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.core.model import Answers


class Origin(enum.Enum):
    """Where an answer came from, as the review shows it."""

    FILE = "file"
    SET = "set"
    TYPED = "typed"


class WentBack(Exception):
    """ "Back" at the first question of a questionnaire entered from another one.

    ``answers`` holds the answers still given, ``remembered`` those set aside by going back
    (to offer again); the caller goes back into the questionnaire before (routing.follow).
    """

    def __init__(self, answers: Answers, remembered: Answers) -> None:
        super().__init__("went back")
        self.answers = dict(answers)
        self.remembered = dict(remembered)


class Interrupted(Exception):
    """The interview stopped before the end; ``answers`` holds everything given so far.

    ``eof`` tells that input ended; ``stopped`` that the person confirmed stopping (so they
    can be asked whether to save); ``typed`` counts the answers given in this session.
    """

    def __init__(
        self, answers: Answers, *, eof: bool = False, stopped: bool = False, typed: int = 0
    ) -> None:
        super().__init__("interrupted")
        self.answers = dict(answers)
        self.eof = eof
        self.stopped = stopped
        self.typed = typed
