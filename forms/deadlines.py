"""When each declaration is due, and from when it can be prepared.

A `Deadline` says, for one declaration, the day it is due (`due`), the first day it can be
prepared (`opens`) and the rule that gave them (`rule`, a short sentence in the user's
language). `status(deadline, today)` places a day against it for the home screen.

The rules, and where they come from:

- Monthly DSN (nature 01), for the month M worked: due on the 5th of M+1 for employers with
  50 employees or more who pay in the month worked (no "décalage de paie"), on the 15th of
  M+1 otherwise; a due date falling on a Saturday, a Sunday or a public holiday moves to the
  next working day. Source: Code de la sécurité sociale, art. R133-14 (per the issue).
  It opens on the 1st of M+1, once the month worked is over: our own choice for the home
  screen, not a legal rule.
- DPAE: made before the hire and before work starts, at most 8 days before the hire. Due on
  the hire date (before the hour work starts, which this module does not see), opens on the
  hire date minus 8 days. Source: Code du travail, art. R1221-5 (per the issue).
- Arrêt de travail (DSN nature 04): within 5 days of the employer learning of it. Due on the
  day learned + 5 calendar days; opens on the day learned, or on the day after the last day
  worked when that is later (an arrêt cannot be signalled before it begins). When the
  employer learns of an arrêt before it begins, the 5 days run from the day it can be
  signalled: our reading, not stated by the issue. Source: the issue.
- Reprise anticipée (DSN nature 05): at once. Due and open on the day the employer learns of
  the early return. Source: the issue.
- Fin de contrat de travail unique (DSN nature 07): within 5 working days of the end of the
  contract. Due on the end date + 5 working days, opens on the end date. Source: the issue.

A working day ("jour ouvré") here is any day but Saturday, Sunday and the public holidays of
metropolitan France as given by the `holidays` library (`holidays.country_holidays("FR")`,
no subdivision: Alsace-Moselle's Good Friday and 26 December are not counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

import holidays

from forms.i18n import _

__all__ = [
    "Deadline",
    "Kind",
    "Status",
    "add_working_days",
    "arret",
    "dpae",
    "fctu",
    "is_public_holiday",
    "is_working_day",
    "monthly_dsn",
    "next_working_day",
    "reprise",
    "status",
]

ONE_DAY = timedelta(days=1)
DPAE_EARLIEST_DAYS = 8          # DPAE: at most 8 days before the hire
ARRET_DAYS = 5                  # arrêt de travail: 5 calendar days after learning of it
FCTU_WORKING_DAYS = 5           # FCTU: 5 working days after the end of the contract
LARGE_EMPLOYER_DAY = 5          # monthly DSN, >= 50 employees paying in the month worked
OTHER_EMPLOYER_DAY = 15         # monthly DSN, every other employer


class Kind(StrEnum):
    MONTHLY_DSN = "dsn-01"
    DPAE = "dpae"
    ARRET = "dsn-04"
    REPRISE = "dsn-05"
    FCTU = "dsn-07"


class Status(StrEnum):
    NOT_OPEN = "not_open"    # before `opens`
    OPEN = "open"            # from `opens` to the day before `due`
    DUE_TODAY = "due_today"  # on `due`
    LATE = "late"            # after `due`


@dataclass(frozen=True)
class Deadline:
    kind: Kind
    due: date     # the last day it may be sent
    opens: date   # the first day it can be prepared
    rule: str     # the rule, in the user's language


# --- working days ----------------------------------------------------------------------------


@cache
def _french_holidays() -> holidays.HolidayBase:
    """Public holidays of metropolitan France; years are filled in as they are asked for."""
    return holidays.country_holidays("FR")


def is_public_holiday(d: date) -> bool:
    return d in _french_holidays()


def is_working_day(d: date) -> bool:
    """Neither a Saturday, a Sunday nor a French public holiday."""
    return d.weekday() < 5 and not is_public_holiday(d)


def next_working_day(d: date) -> date:
    """`d` itself when it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += ONE_DAY
    return d


def add_working_days(d: date, n: int) -> date:
    """The `n`th working day after `d` (`d` itself is not counted); `d` when `n` is 0."""
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    while n:
        d += ONE_DAY
        if is_working_day(d):
            n -= 1
    return d


# --- the deadlines ---------------------------------------------------------------------------


def _first_of_next_month(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def monthly_dsn(period: date, *, large_employer: bool, same_month_pay: bool) -> Deadline:
    """Monthly DSN of the month containing `period`.

    `large_employer`: 50 employees or more; `same_month_pay`: pay in the month worked (no
    "décalage de paie"). Only both together give the 5th; anything else the 15th.
    """
    following = _first_of_next_month(period)
    if large_employer and same_month_pay:
        day = LARGE_EMPLOYER_DAY
        rule = _(
            "Monthly DSN: due on the 5th of the following month (50 employees or more, pay in "
            "the month worked), or the next working day when that day is a weekend or a public "
            "holiday."
        )
    else:
        day = OTHER_EMPLOYER_DAY
        rule = _(
            "Monthly DSN: due on the 15th of the following month, or the next working day when "
            "that day is a weekend or a public holiday."
        )
    return Deadline(Kind.MONTHLY_DSN, next_working_day(following.replace(day=day)), following, rule)


def dpae(hire: date) -> Deadline:
    """DPAE of a hire on `hire`: before work starts, at most 8 days before."""
    return Deadline(
        Kind.DPAE,
        hire,
        hire - timedelta(days=DPAE_EARLIEST_DAYS),
        _("DPAE: before the hire and before work starts, at most 8 days before the hire."),
    )


def arret(learned: date, *, last_day_worked: date | None = None) -> Deadline:
    """Arrêt de travail the employer learned of on `learned`: within 5 days."""
    opens = learned
    if last_day_worked is not None:
        opens = max(opens, last_day_worked + ONE_DAY)
    return Deadline(
        Kind.ARRET,
        opens + timedelta(days=ARRET_DAYS),
        opens,
        _("Sick leave or accident (DSN event 04): within 5 days of the employer learning of it."),
    )


def reprise(learned: date) -> Deadline:
    """Early return to work the employer learned of on `learned`: at once."""
    return Deadline(
        Kind.REPRISE,
        learned,
        learned,
        _("Early return to work (DSN event 05): at once, on the day the employer learns of it."),
    )


def fctu(end: date) -> Deadline:
    """End of the contract on `end`: within 5 working days."""
    return Deadline(
        Kind.FCTU,
        add_working_days(end, FCTU_WORKING_DAYS),
        end,
        _("End of contract (DSN event 07, FCTU): within 5 working days of the end of the contract."),
    )


def status(deadline: Deadline, today: date) -> Status:
    """Where `today` stands: not open yet, open, due today, or late."""
    if today > deadline.due:
        return Status.LATE
    if today == deadline.due:
        return Status.DUE_TODAY
    if today < deadline.opens:
        return Status.NOT_OPEN
    return Status.OPEN
