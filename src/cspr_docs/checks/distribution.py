"""DIS001-DIS005: copies to the Panel, the Secretary of State and Ofsted, 7 working days ahead.

Working Together to Safeguard Children 2023, ch.5: the full report goes to the Panel and the
Secretary of State no later than 7 working days before publication, and to Ofsted in the same
timescale. Where only information about improvements is published (``publication.full_report:
false`` or document type ``improvements``), that information is the copy required
(``item: improvements_info``). For a national review the Panel is the publisher, so no copy to
the Panel is required. "No later than 7 working days before P" means sent on or before P stepped
back 7 working days (weekends and bank holidays in England excluded).
"""

from __future__ import annotations

from typing import Iterator

from ..dates import COPY_NOTICE_WORKING_DAYS, format_uk_short, latest_copy_date, working_days_between, working_days_text
from ..findings import Finding, make_finding
from .context import PUBLISHED_TYPES, CheckContext

SOURCE = ("Working Together to Safeguard Children 2023, ch.5 (copies to the Panel, the Secretary of "
          "State and Ofsted no later than 7 working days before publication)")
RULES = {"panel": "DIS001", "secretary_of_state": "DIS002", "ofsted": "DIS003"}
NAMES = {"panel": "the Panel", "secretary_of_state": "the Secretary of State", "ofsted": "Ofsted",
         "dfe": "DfE"}
ITEM_NAMES = {"full_report": "full report", "improvements_info": "information about improvements",
              "delay_reasons": "reasons for delay",
              "non_publication_justification": "justification for not publishing the full report",
              "reviewer_name": "reviewer's name"}


def required_item(ctx: CheckContext) -> str:
    """``improvements_info`` when the case says the full report is not published (or, when the
    case does not say, for an ``improvements`` document); else ``full_report``."""
    pub = ctx.section("publication")
    full = pub.full_report if pub is not None else None
    if full is None:
        return "improvements_info" if ctx.doc_type == "improvements" else "full_report"
    return "full_report" if full else "improvements_info"


def entries(ctx: CheckContext, recipient: str, item: str) -> list[tuple[int, object]]:
    """``(index, distribution entry)`` for ``recipient`` and ``item``."""
    return [(i, d) for i, d in enumerate(ctx.section("distribution") or [])
            if d.recipient == recipient and d.item == item]


def sent(ctx: CheckContext, recipient: str, item: str):
    """The first recorded sending (index, date) of ``item`` to ``recipient``, or None."""
    dated = [(i, d.sent) for i, d in entries(ctx, recipient, item) if d.sent is not None]
    return min(dated, key=lambda x: x[1]) if dated else None


def copy_recipients(national: bool) -> list[str]:
    """Who must have the copy before publication (no Panel copy for a national review: the
    Panel publishes it)."""
    return ["secretary_of_state", "ofsted"] if national else ["panel", "secretary_of_state", "ofsted"]


def reasons_recipients(national: bool) -> list[str]:
    """Who must have the reasons for a late publication or for not publishing the full report."""
    return [r for r in copy_recipients(national) if r != "ofsted"]


def check_distribution(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.doc_type not in PUBLISHED_TYPES or ctx.case is None:
        return
    item = required_item(ctx)
    what = ITEM_NAMES[item]
    P = ctx.publication_date
    if P is None:
        yield make_finding("DIS005", "no publication date known: give --publication-date or set "
                                     "publication.planned_date, so the 7-working-day deadline for "
                                     "copies can be checked",
                           ctx.case_location("publication", "planned_date"), source=SOURCE)
    latest = latest_copy_date(P) if P else None
    for recipient in copy_recipients(ctx.national):
        found = sent(ctx, recipient, item)
        listed = entries(ctx, recipient, item)
        if found is None:
            due = f" (due by {format_uk_short(latest)})" if latest else ""
            if listed:
                idx = listed[0][0]
                msg = f"copy of the {what} to {NAMES[recipient]} is listed but has no sent date{due}"
                loc = ctx.case_location("distribution", idx, "sent")
            else:
                msg = (f"no record of the copy of the {what} sent to {NAMES[recipient]}{due}: add "
                       f"{{recipient: {recipient}, item: {item}, sent: YYYY-MM-DD}} to distribution")
                loc = ctx.case_location("distribution")
            yield make_finding(RULES[recipient], msg, loc, source=SOURCE)
            continue
        idx, when = found
        if P is None:
            continue
        if when > latest:
            before = working_days_between(when, P)
            gap = f"{working_days_text(abs(before))} {'before' if before >= 0 else 'after'} publication"
            yield make_finding(
                "DIS004",
                f"copy to {NAMES[recipient]} sent {format_uk_short(when)}, latest "
                f"{format_uk_short(latest)} ({gap} on {format_uk_short(P)}; {COPY_NOTICE_WORKING_DAYS} required)",
                ctx.case_location("distribution", idx, "sent"), source=SOURCE)
