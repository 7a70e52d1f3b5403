"""TIM001-TIM005: notification, rapid review, publication within 6 months, availability,
commissioning notices (Working Together to Safeguard Children 2023, ch.5)."""

from __future__ import annotations

from typing import Iterator

from ..dates import (NOTIFY_WORKING_DAYS, RAPID_REVIEW_WORKING_DAYS, availability_years, available_until_minimum,
                     format_uk_short, notification_due, publication_due, rapid_review_due, working_days_between,
                     lateness_text, working_days_text)
from ..findings import Finding, make_finding
from .context import CheckContext
from .distribution import NAMES, delay_reasons_sent, reasons_recipients, sent
from .registry import implements


def rapid_review_start(case, clock: str = "la_aware_date") -> tuple:
    """When the rapid review clock started and what happened then: the local authority
    becoming aware (``la_aware_date``) or the notification (``notification``)."""
    if clock == "notification":
        return (case.notification.submitted if case.notification else None), "the notification"
    return (case.incident.la_aware_date if case.incident else None), "the local authority became aware"


def _deadline(rule: str, *, start, due, after: str, days: int, when, missing: str, done: str,
              loc) -> Iterator[Finding]:
    """``rule`` when the step dated ``when`` is missing or later than ``due``, ``days`` working
    days after ``start`` (what happened then: ``after``)."""
    since = f"{after} on {format_uk_short(start)}"
    if when is None:
        yield make_finding(rule, f"{missing} (due {format_uk_short(due)}, {days} working days after {since})",
                           loc)
    elif when > due:
        yield make_finding(rule, f"{done} {format_uk_short(when)}, due {format_uk_short(due)} "
                                 f"({working_days_text(working_days_between(start, when))} after {since}; {days} allowed)",
                           loc)


@implements("TIM001")
def check_notification_time(ctx: CheckContext) -> Iterator[Finding]:
    inc, n = ctx.section("incident"), ctx.section("notification")
    aware = inc.la_aware_date if inc else None
    if aware is None:
        return
    yield from _deadline("TIM001", start=aware, due=notification_due(aware),
                         after="the local authority became aware", days=NOTIFY_WORKING_DAYS,
                         when=n.submitted if n else None, missing="no notification to the Panel recorded",
                         done="notification to the Panel submitted",
                         loc=ctx.case_location("notification", "submitted"))


@implements("TIM002")
def check_rapid_review_time(ctx: CheckContext) -> Iterator[Finding]:
    start, what = rapid_review_start(ctx.case, ctx.rapid_review_clock)
    if start is None:
        return
    rr = ctx.section("rapid_review")
    yield from _deadline("TIM002", start=start, due=rapid_review_due(start), after=what,
                         days=RAPID_REVIEW_WORKING_DAYS,
                         when=rr.submitted_to_panel if rr else None,
                         missing="no date recorded for sending the rapid review to the Panel",
                         done="rapid review sent to the Panel",
                         loc=ctx.case_location("rapid_review", "submitted_to_panel"))


@implements("TIM003")
def check_six_months(ctx: CheckContext) -> Iterator[Finding]:
    """TIM003: publication after the six-month deadline needs the reasons for the delay sent to
    the Panel and the Secretary of State by that deadline; reasons sent only after it are late."""
    review = ctx.section("review")
    P = ctx.publication_date
    if review is None or review.decision_date is None or P is None:
        return
    due = publication_due(review.decision_date)
    if P <= due:
        return
    missing, late = [], []
    for r in reasons_recipients(ctx.national):
        found = delay_reasons_sent(ctx.case, r)
        if found is None:
            missing.append(r)
        elif found[1] > due:
            late.append((r, found))
    if not missing and not late:
        return
    head = (f"publication on {format_uk_short(P)} is after {format_uk_short(due)}, 6 months from the "
            f"decision to review on {format_uk_short(review.decision_date)} (late by "
            f"{lateness_text(due, P)})")
    if missing:
        yield make_finding(
            "TIM003", f"{head}, and no reasons for the delay are recorded as sent to "
                      f"{' or '.join(NAMES[r] for r in missing)} (distribution item delay_reasons)",
            ctx.case_location("distribution") if ctx.section("distribution") else
            ctx.case_location("publication", "delay_reasons"))
    for r, (path, when) in late:
        yield make_finding(
            "TIM003", f"{head}; the reasons for the delay reached {NAMES[r]} only on {format_uk_short(when)}, "
                      f"after the six-month deadline had passed: they are late",
            ctx.case_location(*path))


@implements("TIM004")
def check_availability(ctx: CheckContext) -> Iterator[Finding]:
    pub = ctx.section("publication")
    P = ctx.publication_date
    if P is None:
        return
    years = availability_years(ctx.national)
    minimum = available_until_minimum(P, ctx.national)
    until = pub.available_until if pub else None
    kind = "national" if ctx.national else "local"
    if until is None:
        yield make_finding("TIM004", f"publication.available_until is not set: a {kind} review must stay "
                                     f"available for at least {years} year{'s' if years > 1 else ''}, "
                                     f"until {format_uk_short(minimum)} or later",
                           ctx.case_location("publication", "available_until"),
                           severity="warning")
    elif until < minimum:
        yield make_finding("TIM004", f"available until {format_uk_short(until)}, but a {kind} review "
                                     f"published on {format_uk_short(P)} must stay available until "
                                     f"{format_uk_short(minimum)} or later ({years} "
                                     f"year{'s' if years > 1 else ''}; {(minimum - until).days} days short)",
                           ctx.case_location("publication", "available_until"))


@implements("TIM005")
def check_commissioning(ctx: CheckContext) -> Iterator[Finding]:
    """TIM005. A recipient counts as told when ``review.commissioning_notified.<recipient>`` has a
    date or a ``reviewer_name`` distribution entry to it has a sent date; the reviewer's name counts
    as given when ``review.reviewer.name`` is set or ``reviewer_name`` entries were sent."""
    review = ctx.section("review")
    if review is None or ctx.national:
        return
    notified = review.commissioning_notified
    name_known = bool(review.reviewer and review.reviewer.name)
    for recipient in ("panel", "ofsted", "dfe"):
        told = getattr(notified, recipient, None) if notified else None
        named = sent(ctx, recipient, "reviewer_name")
        if told is None and named is None:
            yield make_finding("TIM005", f"commissioning of the local review not recorded as notified to "
                                         f"{NAMES[recipient]} (set review.commissioning_notified.{recipient} "
                                         "or add a reviewer_name distribution entry)",
                               ctx.case_location("review", "commissioning_notified", recipient))
    if not name_known and not any(sent(ctx, r, "reviewer_name") for r in ("panel", "ofsted", "dfe")):
        yield make_finding("TIM005", "the commissioning notice must name the reviewer, but neither "
                                     "review.reviewer.name nor a reviewer_name distribution entry is "
                                     "recorded", ctx.case_location("review", "reviewer"))
