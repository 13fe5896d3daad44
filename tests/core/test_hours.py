"""Opening hours against a fixed clock, in Norway's time zone, and staleness of a check."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from triage.core.hours import OSLO, State, easter_sunday, holidays, opening, stale
from triage.core.model import Hours
from triage.render.words import format_opening

#: The rusteam's guidance hours: weekdays 08.00–15.30.
WEEKDAYS = Hours((0, 1, 2, 3, 4), dt.time(8, 0), dt.time(15, 30))


def _oslo(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=OSLO)


@pytest.mark.parametrize(
    ("now", "state", "shown"),
    [
        pytest.param(
            _oslo(2026, 11, 24, 10, 0), State.OPEN, "åpent nå, til 15.30", id="weekday-inside"
        ),
        pytest.param(_oslo(2026, 11, 24, 8, 0), State.OPEN, "åpent nå, til 15.30", id="at-opening"),
        pytest.param(
            _oslo(2026, 11, 24, 15, 30),
            State.CLOSED,
            "stengt nå, åpner i morgen kl. 08.00",
            id="at-closing",
        ),
        pytest.param(
            _oslo(2026, 11, 24, 15, 45),
            State.CLOSED,
            "stengt nå, åpner i morgen kl. 08.00",
            id="after-15.30",
        ),
        pytest.param(
            _oslo(2026, 11, 24, 7, 10),
            State.CLOSED,
            "stengt nå, åpner i dag kl. 08.00",
            id="early-morning",
        ),
        pytest.param(
            _oslo(2026, 11, 27, 16, 0),
            State.CLOSED,
            "stengt nå, åpner mandag kl. 08.00",
            id="friday-evening",
        ),
        pytest.param(
            _oslo(2026, 11, 28, 12, 0),
            State.CLOSED,
            "stengt nå, åpner mandag kl. 08.00",
            id="saturday",
        ),
        pytest.param(
            _oslo(2026, 11, 29, 23, 59),
            State.CLOSED,
            "stengt nå, åpner i morgen kl. 08.00",
            id="sunday-night",
        ),
        pytest.param(
            _oslo(2027, 5, 17, 10, 0),
            State.HOLIDAY,
            "stengt nå (helligdag), åpner i morgen kl. 08.00",
            id="17-may-on-a-monday",
        ),
        pytest.param(
            _oslo(2026, 4, 2, 10, 0),
            State.HOLIDAY,
            "stengt nå (helligdag), åpner tirsdag kl. 08.00",
            id="maundy-thursday-to-after-easter",
        ),
        pytest.param(
            _oslo(2026, 12, 24, 16, 0),
            State.CLOSED,
            "stengt nå, åpner mandag kl. 08.00",
            id="christmas-eve-to-after-boxing-day",
        ),
    ],
)
def test_open_now_with_a_fixed_clock(now: dt.datetime, state: State, shown: str) -> None:
    """Weekday hours are open inside 08.00–15.30 and otherwise say when they open next."""
    status = opening(WEEKDAYS, now)
    assert status.state is state
    assert format_opening(status, now, "nb") == shown


def test_open_now_uses_norwegian_time_whatever_the_clock_s_zone() -> None:
    """14.45 UTC on a winter weekday is 15.45 in Norway: closed."""
    utc = dt.datetime(2026, 11, 24, 14, 45, tzinfo=dt.UTC)
    assert opening(WEEKDAYS, utc).state is State.CLOSED
    new_york = dt.datetime(2026, 11, 24, 4, 0, tzinfo=ZoneInfo("America/New_York"))
    assert opening(WEEKDAYS, new_york).is_open  # 10.00 in Norway


def test_summer_time_is_respected() -> None:
    """In summer Norway is UTC+2: 06.30 UTC is 08.30 there, and the next opening says +02:00."""
    assert opening(WEEKDAYS, dt.datetime(2026, 6, 16, 6, 30, tzinfo=dt.UTC)).is_open
    closed = opening(WEEKDAYS, _oslo(2026, 6, 16, 16, 0))
    assert closed.next_open is not None
    assert closed.next_open.isoformat() == "2026-06-17T08:00:00+02:00"


def test_a_naive_clock_is_taken_as_norwegian_time() -> None:
    """A datetime without a zone is read as Norwegian local time."""
    assert opening(WEEKDAYS, dt.datetime(2026, 11, 24, 15, 0)).is_open


def test_open_status_reads_in_english() -> None:
    """English says 'closed now, opens Monday at 08:00'."""
    now = _oslo(2026, 11, 27, 16, 0)
    assert format_opening(opening(WEEKDAYS, now), now, "en") == "closed now, opens Monday at 08:00"
    inside = _oslo(2026, 11, 24, 9, 0)
    assert format_opening(opening(WEEKDAYS, inside), inside, "en") == "open now, until 15:30"


def test_weekly_hours_on_another_day_find_that_day() -> None:
    """Hours on Sundays only, asked on a Tuesday, open next on the coming Sunday."""
    sunday = Hours((6,), dt.time(10, 0), dt.time(12, 0))
    now = _oslo(2026, 11, 24, 10, 0)
    status = opening(sunday, now)
    assert status.next_open == _oslo(2026, 11, 29, 10, 0)
    assert format_opening(status, now, "nb") == "stengt nå, åpner søndag kl. 10.00"


def test_an_opening_more_than_six_days_ahead_gives_the_date() -> None:
    """Thursday-only hours on Maundy Thursday open the next Thursday, shown with its date."""
    thursdays = Hours((3,), dt.time(8, 0), dt.time(15, 30))
    now = _oslo(2026, 4, 2, 9, 0)
    shown = format_opening(opening(thursdays, now), now, "nb")
    assert shown == "stengt nå (helligdag), åpner torsdag 09.04.2026 kl. 08.00"


def test_hours_without_days_are_closed_with_no_next_opening() -> None:
    """Hours on no weekday at all are closed and name no next opening."""
    status = opening(Hours((), dt.time(8, 0), dt.time(9, 0)), _oslo(2026, 11, 24, 8, 30))
    assert (status.state, status.next_open) == (State.CLOSED, None)
    assert format_opening(status, _oslo(2026, 11, 24, 8, 30), "nb") == "stengt nå"


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        pytest.param(2024, dt.date(2024, 3, 31), id="2024"),
        pytest.param(2025, dt.date(2025, 4, 20), id="2025"),
        pytest.param(2026, dt.date(2026, 4, 5), id="2026"),
        pytest.param(2027, dt.date(2027, 3, 28), id="2027"),
        pytest.param(2038, dt.date(2038, 4, 25), id="2038-latest"),
    ],
)
def test_easter_sunday(year: int, easter: dt.date) -> None:
    """Easter Sunday matches the published dates."""
    assert easter_sunday(year) == easter


def test_norwegian_public_holidays_of_2026() -> None:
    """2026 has the twelve Norwegian public holidays, Easter- and Whitsun-based ones included."""
    assert sorted(holidays(2026)) == [
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 2),
        dt.date(2026, 4, 3),
        dt.date(2026, 4, 5),
        dt.date(2026, 4, 6),
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 14),
        dt.date(2026, 5, 17),
        dt.date(2026, 5, 24),
        dt.date(2026, 5, 25),
        dt.date(2026, 12, 25),
        dt.date(2026, 12, 26),
    ]


@pytest.mark.parametrize(
    ("checked", "today", "is_stale"),
    [
        pytest.param(dt.date(2026, 11, 23), dt.date(2027, 11, 23), False, id="exactly-12-months"),
        pytest.param(dt.date(2026, 11, 23), dt.date(2027, 11, 24), True, id="a-day-more"),
        pytest.param(dt.date(2026, 11, 23), dt.date(2026, 11, 23), False, id="same-day"),
        pytest.param(dt.date(2024, 2, 29), dt.date(2025, 3, 1), False, id="leap-day-plus-year"),
        pytest.param(dt.date(2024, 2, 29), dt.date(2025, 3, 2), True, id="leap-day-stale"),
    ],
)
def test_checked_more_than_12_months_ago_is_stale(
    checked: dt.date, today: dt.date, is_stale: bool
) -> None:
    """A contact is stale once more than 12 months have passed since it was checked."""
    now = dt.datetime.combine(today, dt.time(12, 0), tzinfo=OSLO)
    assert stale(checked, now) is is_stale
