"""NOT001: the death of a looked-after child (must) or a care leaver (should) is notified to the
Secretary of State and Ofsted (Working Together to Safeguard Children 2023, ch.5)."""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make_finding
from .context import CheckContext

SOURCE = ("Working Together to Safeguard Children 2023, ch.5 (the local authority must notify the "
          "Secretary of State and Ofsted of the death of a looked-after child, and should for a care "
          "leaver up to and including age 24)")


def check_notification(ctx: CheckContext) -> Iterator[Finding]:
    inc, child, n = ctx.section("incident"), ctx.section("child"), ctx.section("notification")
    if inc is None or inc.type != "death" or child is None:
        return
    if n is not None and n.sos_ofsted_notified is not None:
        return
    loc = ctx.case_location("notification", "sos_ofsted_notified")
    if child.looked_after:
        yield make_finding("NOT001", "a looked-after child died and notification of the Secretary of State "
                                     "and Ofsted is not recorded (notification.sos_ofsted_notified)",
                           loc, source=SOURCE)
    elif child.care_leaver:
        yield make_finding("NOT001", "a care leaver died and notification of the Secretary of State and "
                                     "Ofsted (which the local authority should make) is not recorded "
                                     "(notification.sos_ofsted_notified)",
                           loc, severity="warning", source=SOURCE)
