"""NOT001: the death of a looked-after child (must) or of a care leaver up to and including age
24 (should) is notified to the Secretary of State and Ofsted (Working Together to Safeguard
Children 2023, ch.5)."""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding, make_finding
from .context import CheckContext
from .registry import implements

#: A care leaver's death is in scope up to and including this age.
CARE_LEAVER_MAX_AGE = 24


def age_in_years(text: object) -> int | None:
    """Whole years in a free-text age (``"19"``, ``"19 years"``, ``"24 years 11 months"``,
    ``"18 months"``); None when it does not say."""
    if text is None:
        return None
    t = str(text).strip().lower()
    m = re.match(r"^(\d{1,3})\s*(?:years?|yrs?|y)?\b(?!\s*(?:months?|mths?|weeks?|days?))", t)
    if m:
        return int(m.group(1))
    m = re.match(r"^(\d{1,4})\s*(?:months?|mths?)\b", t)
    return int(m.group(1)) // 12 if m else None


def care_leaver_in_scope(child) -> bool | None:
    """True for a care leaver aged 24 or under, False for one aged 25 or over (or not a care
    leaver), None for a care leaver whose age the case file does not give."""
    if child is None or not child.care_leaver:
        return False
    age = age_in_years(child.age_at_incident)
    return None if age is None else age <= CARE_LEAVER_MAX_AGE


@implements("NOT001")
def check_notification(ctx: CheckContext) -> Iterator[Finding]:
    inc, child, n = ctx.section("incident"), ctx.section("child"), ctx.section("notification")
    if inc is None or inc.type != "death" or child is None:
        return
    if n is not None and n.sos_ofsted_notified is not None:
        return
    loc = ctx.case_location("notification", "sos_ofsted_notified")
    if child.looked_after:
        yield make_finding("NOT001", "a looked-after child died and notification of the Secretary of State "
                                     "and Ofsted is not recorded (notification.sos_ofsted_notified)", loc)
        return
    scope = care_leaver_in_scope(child)
    if scope is False:
        return
    age = "" if scope else " (child.age_at_incident does not say; this applies up to and including age 24)"
    yield make_finding("NOT001", f"a care leaver died{age} and notification of the Secretary of State and "
                                 "Ofsted (which the local authority should make) is not recorded "
                                 "(notification.sos_ofsted_notified)", loc, duty="should")
