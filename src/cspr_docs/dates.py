"""All date arithmetic: UK date formatting and working days in England.

A working day is any day other than a Saturday, a Sunday or a bank holiday in
England (the ``holidays`` package, subdivision ENG, which includes one-off days
such as 19 September 2022 and 8 May 2023).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta


def format_uk(d: date) -> str:
    """``3 March 2027``: the long UK date style used in reports."""
    return f"{d.day} {d:%B %Y}"


def format_uk_long(d: date) -> str:
    """``Tuesday 22 December 2026``: a date someone has to act on."""
    return f"{d:%A} {format_uk(d)}"


def format_month_year(d: date) -> str:
    """``March 2027``: how published reviews date events in the child's life."""
    return f"{d:%B %Y}"


def format_uk_short(d: date) -> str:
    """``3 Mar 2027``: the compact style used in findings and tables."""
    return f"{d.day} {d:%b %Y}"


@lru_cache(maxsize=None)
def _holidays_in(year: int) -> frozenset:
    """England's bank holidays of one year, as plain dates (a set lookup is ~20x faster than the
    ``holidays`` object's, which matters when ``status`` counts days for hundreds of cases)."""
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(d: date) -> bool:
    """True unless ``d`` is a Saturday, Sunday or an England bank holiday."""
    return d.weekday() < 5 and d not in _holidays_in(d.year)


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


def working_days_text(n: int) -> str:
    """``1 working day`` / ``3 working days``."""
    return f"{n} working day{'s' if n != 1 else ''}"


def lateness_text(due: date, actual: date) -> str:
    """How late ``actual`` is after ``due``: in working days, or in days when no working day
    lies between them (published on Good Friday, due the Thursday before: "1 day")."""
    n = working_days_between(due, actual)
    if n:
        return working_days_text(n)
    days = (actual - due).days
    return f"{days} day{'s' if days != 1 else ''} (no working day between)"


# Statutory time limits (Working Together to Safeguard Children 2023, ch.5) ---------------

#: Notify the Panel within 5 working days of the local authority becoming aware.
NOTIFY_WORKING_DAYS = 5
#: Send the rapid review to the Panel within 15 working days (of awareness, or notification).
RAPID_REVIEW_WORKING_DAYS = 15
#: Copies reach the Panel, the Secretary of State and Ofsted no later than 7 working days
#: before publication.
COPY_NOTICE_WORKING_DAYS = 7
#: Publish within 6 months of the decision to undertake the review.
PUBLISH_WITHIN_MONTHS = 6


def notification_due(aware: date) -> date:
    """The last day to notify the Panel."""
    return add_working_days(aware, NOTIFY_WORKING_DAYS)


def rapid_review_due(start: date) -> date:
    """The last day to send the rapid review to the Panel, its clock having started on ``start``."""
    return add_working_days(start, RAPID_REVIEW_WORKING_DAYS)


def latest_copy_date(publication: date) -> date:
    """The last day a copy may be sent: publication stepped back 7 working days."""
    return add_working_days(publication, -COPY_NOTICE_WORKING_DAYS)


def earliest_publication(send_day: date) -> date:
    """The first publication date for which sending on ``send_day`` is in time: the first day
    ``P`` with ``latest_copy_date(P) >= send_day``. It agrees with ``latest_copy_date`` also when
    that day is not a working day: sending on ``latest_copy_date(P)`` gives a date on or before P.
    """
    d = send_day if is_working_day(send_day) else add_working_days(send_day, 1)
    # the 7th working day counting d itself, then the next day: 7 working days lie in [d, P)
    return add_working_days(d, COPY_NOTICE_WORKING_DAYS - 1) + timedelta(days=1)


def publication_due(decision: date) -> date:
    """The last day to publish: 6 calendar months after the decision to review."""
    return add_months(decision, PUBLISH_WITHIN_MONTHS)


def availability_years(national: bool) -> int:
    """How long a published report must stay available: 3 years (national) or 1 year (local)."""
    return 3 if national else 1


def available_until_minimum(publication: date, national: bool) -> date:
    """The earliest day a published report may be taken down."""
    return add_years(publication, availability_years(national))
