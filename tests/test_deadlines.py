"""Due dates and opening dates of each declaration, on real 2025–2027 calendars."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from forms.deadlines import (
    Deadline,
    Kind,
    Status,
    add_working_days,
    arret,
    dpae,
    fctu,
    is_public_holiday,
    is_working_day,
    monthly_dsn,
    next_working_day,
    reprise,
    status,
)
from forms.i18n import set_language


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    set_language("en")
    yield
    set_language("fr")


# --- working days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),    # Jour de l'an, Thursday
        date(2026, 4, 6),    # Easter Monday 2026
        date(2026, 5, 1),    # Fête du travail, Friday
        date(2026, 5, 8),    # Victoire 1945, Friday
        date(2026, 5, 14),   # Ascension 2026
        date(2026, 5, 25),   # Pentecost Monday 2026
        date(2026, 7, 14),   # Fête nationale, Tuesday
        date(2026, 11, 11),  # Armistice, Wednesday
        date(2026, 12, 25),  # Christmas, Friday
        date(2027, 3, 29),   # Easter Monday 2027
        date(2027, 5, 6),    # Ascension 2027
    ],
)
def test_weekday_public_holidays_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert is_public_holiday(day)
    assert not is_working_day(day)


def test_weekends_and_ordinary_days() -> None:
    assert not is_working_day(date(2026, 8, 15))  # Assomption on a Saturday
    assert is_public_holiday(date(2026, 8, 15))
    assert not is_working_day(date(2026, 8, 16))  # Sunday
    assert is_working_day(date(2026, 8, 17))      # Monday
    assert is_working_day(date(2026, 12, 24))     # Christmas Eve is worked
    assert not is_public_holiday(date(2026, 12, 26))  # 26 December only in Alsace-Moselle
    assert not is_public_holiday(date(2026, 4, 3))    # Good Friday likewise
    assert is_working_day(date(2027, 3, 30))


def test_next_working_day() -> None:
    assert next_working_day(date(2026, 8, 17)) == date(2026, 8, 17)  # already one
    assert next_working_day(date(2026, 8, 15)) == date(2026, 8, 17)  # Sat → Mon
    assert next_working_day(date(2026, 7, 14)) == date(2026, 7, 15)  # Tue holiday → Wed
    assert next_working_day(date(2025, 8, 15)) == date(2025, 8, 18)  # Fri holiday + weekend
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)
    assert next_working_day(date(2027, 3, 27)) == date(2027, 3, 30)  # Sat, Sun, Easter Monday


def test_add_working_days() -> None:
    assert add_working_days(date(2026, 7, 10), 0) == date(2026, 7, 10)
    assert add_working_days(date(2026, 7, 10), 1) == date(2026, 7, 13)  # Fri → Mon
    assert add_working_days(date(2026, 7, 13), 1) == date(2026, 7, 15)  # over 14 July
    assert add_working_days(date(2026, 4, 30), 1) == date(2026, 5, 4)   # over 1 May and a weekend
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)  # over 1 January and a weekend
    with pytest.raises(ValueError):
        add_working_days(date(2026, 7, 10), -1)


# --- monthly DSN -----------------------------------------------------------------------------


def test_monthly_dsn_on_the_5th_only_for_large_employers_paying_in_the_month() -> None:
    july = date(2026, 7, 1)
    assert monthly_dsn(july, large_employer=True, same_month_pay=True).due == date(2026, 8, 5)
    # 15 August 2026 is a Saturday (and a holiday): Monday 17th.
    assert monthly_dsn(july, large_employer=True, same_month_pay=False).due == date(2026, 8, 17)
    assert monthly_dsn(july, large_employer=False, same_month_pay=True).due == date(2026, 8, 17)
    assert monthly_dsn(july, large_employer=False, same_month_pay=False).due == date(2026, 8, 17)


def test_monthly_dsn_deadline_object() -> None:
    d = monthly_dsn(date(2026, 7, 31), large_employer=True, same_month_pay=True)
    assert d.kind is Kind.MONTHLY_DSN
    assert d.kind == "dsn-01"
    assert d.opens == date(2026, 8, 1)
    assert "5th" in d.rule
    small = monthly_dsn(date(2026, 7, 31), large_employer=False, same_month_pay=False)
    assert "15th" in small.rule


@pytest.mark.parametrize(
    ("period", "large", "due"),
    [
        (date(2026, 10, 1), False, date(2026, 11, 16)),  # 15 Nov 2026 is a Sunday
        (date(2026, 11, 1), True, date(2026, 12, 7)),    # 5 Dec 2026 is a Saturday
        (date(2026, 11, 1), False, date(2026, 12, 15)),  # Tuesday, unchanged
        (date(2025, 7, 1), False, date(2025, 8, 18)),    # 15 Aug 2025: Friday holiday, then weekend
        (date(2027, 7, 1), False, date(2027, 8, 16)),    # 15 Aug 2027 is a Sunday
        (date(2026, 4, 1), False, date(2026, 5, 15)),    # Friday, unchanged
        (date(2026, 4, 1), True, date(2026, 5, 5)),      # Tuesday, unchanged
    ],
)
def test_monthly_dsn_moves_off_weekends_and_holidays(period: date, large: bool, due: date) -> None:
    assert monthly_dsn(period, large_employer=large, same_month_pay=True).due == due


def test_monthly_dsn_of_december_is_due_in_january() -> None:
    d = monthly_dsn(date(2026, 12, 15), large_employer=True, same_month_pay=True)
    assert (d.opens, d.due) == (date(2027, 1, 1), date(2027, 1, 5))
    d = monthly_dsn(date(2026, 12, 15), large_employer=False, same_month_pay=True)
    assert d.due == date(2027, 1, 15)


# --- DPAE, arrêt, reprise, FCTU --------------------------------------------------------------


def test_dpae() -> None:
    d = dpae(date(2026, 9, 7))
    assert d == Deadline(Kind.DPAE, date(2026, 9, 7), date(2026, 8, 30), d.rule)
    assert "8 days" in d.rule
    # Not moved off holidays: a hire on 1 May is declared by 1 May.
    assert dpae(date(2026, 5, 1)).due == date(2026, 5, 1)
    assert dpae(date(2027, 1, 4)).opens == date(2026, 12, 27)


def test_arret_within_5_calendar_days_of_learning() -> None:
    d = arret(date(2026, 12, 23))
    assert d.kind is Kind.ARRET
    assert (d.opens, d.due) == (date(2026, 12, 23), date(2026, 12, 28))  # holidays not skipped
    assert arret(date(2026, 8, 12)).due == date(2026, 8, 17)
    # Learned after the arrêt began: counted from the day learned.
    later = arret(date(2026, 3, 10), last_day_worked=date(2026, 3, 2))
    assert (later.opens, later.due) == (date(2026, 3, 10), date(2026, 3, 15))
    # Learned before it begins: opens the day after the last day worked.
    ahead = arret(date(2027, 2, 20), last_day_worked=date(2027, 3, 1))
    assert (ahead.opens, ahead.due) == (date(2027, 3, 2), date(2027, 3, 7))


def test_reprise_at_once() -> None:
    d = reprise(date(2026, 7, 14))
    assert d.kind is Kind.REPRISE
    assert (d.opens, d.due) == (date(2026, 7, 14), date(2026, 7, 14))


@pytest.mark.parametrize(
    ("end", "due"),
    [
        (date(2026, 7, 10), date(2026, 7, 20)),   # over a weekend and 14 July
        (date(2026, 4, 30), date(2026, 5, 11)),   # over 1 May and 8 May (Fridays)
        (date(2026, 12, 23), date(2026, 12, 31)),  # over Christmas
        (date(2026, 12, 28), date(2027, 1, 5)),   # over 1 January 2027
        (date(2027, 3, 26), date(2027, 4, 5)),    # over Easter Monday 2027
        (date(2026, 6, 1), date(2026, 6, 8)),     # an ordinary week
        (date(2026, 8, 15), date(2026, 8, 21)),   # ends on a Saturday holiday
    ],
)
def test_fctu_within_5_working_days(end: date, due: date) -> None:
    d = fctu(end)
    assert d.kind is Kind.FCTU
    assert (d.opens, d.due) == (end, due)


def test_deadline_is_frozen() -> None:
    d = reprise(date(2026, 7, 14))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.due = date(2026, 7, 15)  # type: ignore[misc]


def test_rules_are_translated_sentences() -> None:
    assert fctu(date(2026, 7, 10)).rule == (
        "End of contract (DSN event 07, FCTU): within 5 working days of the end of the contract."
    )
    assert reprise(date(2026, 7, 14)).rule == (
        "Early return to work (DSN event 05): at once, on the day the employer learns of it."
    )


# --- status ----------------------------------------------------------------------------------


def test_status_transitions_fctu() -> None:
    d = fctu(date(2026, 7, 10))  # opens Fri 10 July, due Mon 20 July
    assert status(d, date(2026, 7, 9)) is Status.NOT_OPEN
    assert status(d, date(2026, 7, 10)) is Status.OPEN
    assert status(d, date(2026, 7, 14)) is Status.OPEN
    assert status(d, date(2026, 7, 19)) is Status.OPEN
    assert status(d, date(2026, 7, 20)) is Status.DUE_TODAY
    assert status(d, date(2026, 7, 21)) is Status.LATE
    assert status(d, date(2027, 1, 1)) == "late"


def test_status_transitions_monthly_dsn() -> None:
    d = monthly_dsn(date(2026, 7, 1), large_employer=False, same_month_pay=False)
    assert status(d, date(2026, 7, 31)) == "not_open"
    assert status(d, date(2026, 8, 1)) == "open"
    assert status(d, date(2026, 8, 15)) == "open"   # the 15th is a Saturday: not due yet
    assert status(d, date(2026, 8, 17)) == "due_today"
    assert status(d, date(2026, 8, 18)) == "late"


def test_status_when_opening_and_due_day_are_one() -> None:
    d = reprise(date(2026, 12, 25))
    assert status(d, date(2026, 12, 24)) == "not_open"
    assert status(d, date(2026, 12, 25)) == "due_today"
    assert status(d, date(2026, 12, 26)) == "late"
