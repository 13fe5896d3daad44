"""Opening hours against a clock: open now, or when next open, in Norway's time zone.

Pure functions: the caller passes ``now`` (only the CLI reads the real clock). Norwegian
public holidays count as closed even on a listed weekday; the report says so.
"""

from __future__ import annotations

import datetime as dt
import enum
from functools import cache
from typing import TYPE_CHECKING

from triage.core.model import Hours

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from triage.core.results import Opening as Opening

    #: Norway's time zone (made when first used: see :func:`oslo`).
    OSLO: ZoneInfo


@cache
def oslo() -> ZoneInfo:
    """Return Norway's time zone; loading zoneinfo and its data waits until a clock is read.

    The interview's first question needs no time zone, and this saves it ~4 ms of start-up.
    """
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Oslo")


def __getattr__(name: str) -> object:
    """Make ``OSLO`` on first use (``from triage.core.hours import OSLO`` still works)."""
    if name == "OSLO":
        return oslo()
    if name == "Opening":
        from triage.core.results import Opening

        return Opening
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: How far ahead to look for the next opening (covers Easter and Christmas runs).
_HORIZON_DAYS = 14


class State(enum.Enum):
    """Whether a contact with opening hours is open at a moment."""

    OPEN = "open"
    CLOSED = "closed"
    HOLIDAY = "holiday"


def local(now: dt.datetime) -> dt.datetime:
    """Return ``now`` in Norway's time zone (a naive time is taken as Norwegian already)."""
    zone = oslo()
    return now.replace(tzinfo=zone) if now.tzinfo is None else now.astimezone(zone)


def opening(hours: Hours, now: dt.datetime) -> Opening:
    """Tell whether ``hours`` are open at ``now`` and, if not, when they open next."""
    from triage.core.results import Opening  # made when a report shows opening hours

    here = local(now)
    today = here.date()
    if _open_day(hours, today) and hours.opens <= here.time() < hours.closes:
        return Opening(State.OPEN, until=_at(today, hours.closes))
    state = State.HOLIDAY if today in holidays(today.year) else State.CLOSED
    for offset in range(_HORIZON_DAYS + 1):
        day = today + dt.timedelta(days=offset)
        if _open_day(hours, day) and (offset > 0 or here.time() < hours.opens):
            return Opening(state, next_open=_at(day, hours.opens))
    return Opening(state)


def _open_day(hours: Hours, day: dt.date) -> bool:
    return day.weekday() in hours.weekdays and day not in holidays(day.year)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=oslo())


@cache
def holidays(year: int) -> frozenset[dt.date]:
    """Return Norway's public holidays (helligdager and 1 and 17 May) in ``year``."""
    easter = easter_sunday(year)
    moving = (-3, -2, 0, 1, 39, 49, 50)  # Maundy Thursday … Whit Monday
    fixed = ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26))
    return frozenset(
        [easter + dt.timedelta(days=d) for d in moving] + [dt.date(year, m, d) for m, d in fixed]
    )


def easter_sunday(year: int) -> dt.date:
    """Return Easter Sunday in the Gregorian calendar (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    week = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * week) // 451
    month, day = divmod(h + week - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def stale(checked: dt.date, now: dt.datetime) -> bool:
    """True when ``checked`` lies more than 12 months before ``now``'s date in Norway."""
    today = local(now).date()
    try:
        year_after = checked.replace(year=checked.year + 1)
    except ValueError:  # 29 February: a year later is 1 March
        year_after = dt.date(checked.year + 1, 3, 1)
    return today > year_after
