"""All date arithmetic: UK date formatting and working days in England.

A working day is any day other than a Saturday, a Sunday or a bank holiday in
England (the ``holidays`` package, subdivision ENG, which includes one-off days
such as 19 September 2022 and 8 May 2023).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta


@lru_cache(maxsize=1)
def _england_holidays():
    import holidays

    return holidays.country_holidays("GB", subdiv="ENG")


def format_uk(d: date) -> str:
    """``3 March 2027``: the long UK date style used in reports."""
    return f"{d.day} {d:%B %Y}"


def format_month_year(d: date) -> str:
    """``March 2027``: how published reviews date events in the child's life."""
    return f"{d:%B %Y}"


def format_uk_short(d: date) -> str:
    """``3 Mar 2027``: the compact style used in findings and tables."""
    return f"{d.day} {d:%b %Y}"


def is_working_day(d: date) -> bool:
    """True unless ``d`` is a Saturday, Sunday or an England bank holiday."""
    return d.weekday() < 5 and d not in _england_holidays()


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (before it when ``n`` is negative)."""
    step = 1 if n >= 0 else -1
    d, left = start, abs(n)
    while left:
        d += timedelta(days=step)
        if is_working_day(d):
            left -= 1
    return d


def working_days_between(earlier: date, later: date) -> int:
    """Working days after ``earlier`` up to and including ``later`` (negative if reversed)."""
    if later < earlier:
        return -working_days_between(later, earlier)
    return sum(1 for i in range(1, (later - earlier).days + 1)
               if is_working_day(earlier + timedelta(days=i)))


def add_months(start: date, months: int) -> date:
    """Calendar months after ``start`` (31 Aug + 6 months = 28/29 Feb)."""
    return start + relativedelta(months=months)


def add_years(start: date, years: int) -> date:
    """Calendar years after ``start`` (29 Feb + 1 year = 28 Feb)."""
    return start + relativedelta(years=years)
