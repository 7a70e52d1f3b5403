"""Working days in England: weekends, bank holidays (including one-off days) and stepping back."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cspr_docs.dates import (add_months, add_working_days, add_years, format_uk, format_uk_short,
                             is_working_day, working_days_between)


def test_christmas_new_year_seven_working_days_before_publication():
    # Publication Tue 5 Jan 2027: 25 Dec, 28 Dec (Boxing Day substitute) and 1 Jan are bank holidays.
    publication = date(2027, 1, 5)
    assert add_working_days(publication, -7) == date(2026, 12, 22)
    assert working_days_between(date(2026, 12, 22), publication) == 7
    assert working_days_between(date(2026, 12, 23), publication) == 6


def test_christmas_bank_holidays_2026():
    for d in (date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)):
        assert not is_working_day(d), d
    for d in (date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 4)):
        assert is_working_day(d), d


def test_one_off_bank_holidays():
    assert not is_working_day(date(2022, 9, 19))  # State Funeral of Queen Elizabeth II
    assert not is_working_day(date(2023, 5, 8))   # Coronation of King Charles III
    assert is_working_day(date(2022, 9, 20))
    # The Friday before a Monday one-off day, stepping forward one working day, lands on Tuesday.
    assert add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 11, 21))
    assert not is_working_day(date(2026, 11, 22))
    assert is_working_day(date(2026, 11, 23))


def test_scotland_only_holiday_is_a_working_day_in_england():
    assert is_working_day(date(2026, 11, 30))  # St Andrew's Day, Scotland only


def test_months_and_years_are_calendar():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 9, 25), 6) == date(2027, 3, 25)
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_formats():
    assert format_uk(date(2027, 3, 3)) == "3 March 2027"
    assert format_uk_short(date(2027, 3, 3)) == "3 Mar 2027"


@settings(max_examples=300, deadline=None)
@given(start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
       n=st.integers(min_value=1, max_value=40))
def test_back_then_forward_lands_on_a_working_day_not_after_start(start, n):
    """From a working day, N back then N forward returns to it; from a holiday or weekend it
    lands on the next working day (so never later than the first working day on or after start)."""
    back = add_working_days(start, -n)
    forward = add_working_days(back, n)
    assert is_working_day(back) and is_working_day(forward)
    next_working = start
    while not is_working_day(next_working):
        next_working += timedelta(days=1)
    assert forward <= next_working
    if is_working_day(start):
        assert forward == start
        assert working_days_between(back, start) == n
