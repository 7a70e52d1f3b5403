"""DIS001-DIS007: copies of the report (and of the information about improvements) before
publication, and who must or should receive them.

Working Together to Safeguard Children 2023, ch.5 (and Children Act 2004 s16F):

* local review: the full report goes to the Panel and the Secretary of State no later than
  7 working days before publication (must), **also when the partners publish only information
  about improvements**; then that information goes to them too, in the same timescale (must);
  the report or the information should go to Ofsted in the same timescale (should).
* national review: the Panel publishes; it sends the full report (and any information about
  improvements) to the Secretary of State 7 working days before publication (must) and should
  also send a copy to the safeguarding partners, Ofsted, the Care Quality Commission and
  HMICFRS, with no timescale set.

"No later than 7 working days before P" means sent on or before P stepped back 7 working days
(weekends and bank holidays in England excluded). ``required_copies`` is the one statement of
these duties: ``timeline`` and ``distribute`` read it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..dates import COPY_NOTICE_WORKING_DAYS, format_uk_short, latest_copy_date, working_days_between, working_days_text
from ..findings import Finding, make_finding
from .context import CheckContext
from .registry import implements

SOURCE = ("Working Together to Safeguard Children 2023, ch.5 (copies to the Panel, the Secretary of "
          "State and Ofsted no later than 7 working days before publication)")
SOURCE_NATIONAL = ("Working Together to Safeguard Children 2023, ch.5 (national reviews: the full report to the "
                   "Secretary of State 7 working days before publication; copies should also go to the "
                   "safeguarding partners, Ofsted, the Care Quality Commission and HMICFRS)")
NAMES = {"panel": "the Panel", "secretary_of_state": "the Secretary of State", "ofsted": "Ofsted",
         "dfe": "DfE", "cqc": "the Care Quality Commission", "hmicfrs": "HMICFRS",
         "partners": "the safeguarding partners", "foundations": "Foundations"}
ITEM_NAMES = {"full_report": "full report", "improvements_info": "information about improvements",
              "delay_reasons": "reasons for delay",
              "non_publication_justification": "justification for not publishing the full report",
              "reviewer_name": "reviewer's name"}
#: the rule of a missing timed copy, by recipient (DIS006 for the information about improvements)
RULES = {"panel": "DIS001", "secretary_of_state": "DIS002", "ofsted": "DIS003"}
EITHER = ("full_report", "improvements_info")


@dataclass(frozen=True)
class Copy:
    """One copy the publisher must or should send before publication."""

    recipient: str
    items: tuple[str, ...]   # any of these items counts
    rule: str                # the rule that fires when it is missing
    duty: str                # must | should
    timed: bool              # True: no later than 7 working days before publication

    @property
    def what(self) -> str:
        return " or ".join(ITEM_NAMES[i] for i in self.items)


def required_copies(national: bool, full_published: bool) -> list[Copy]:
    """Every copy due before publication of a local or national review."""
    out: list[Copy] = []
    to_panel_and_sos = ["secretary_of_state"] if national else ["panel", "secretary_of_state"]
    for r in to_panel_and_sos:
        out.append(Copy(r, ("full_report",), RULES[r], "must", True))
    if not full_published:
        for r in to_panel_and_sos:
            out.append(Copy(r, ("improvements_info",), "DIS006", "must", True))
    # a published full report is what the others receive; otherwise the report or the information
    report = ("full_report",) if full_published else EITHER
    if national:
        for r in ("partners", "ofsted", "cqc", "hmicfrs"):
            out.append(Copy(r, report, "DIS007", "should", False))
    else:
        out.append(Copy("ofsted", report, "DIS003", "should", True))
    return out


def full_report_published(case, doc_type: str) -> bool:
    """``publication.full_report``; when the case does not say, False for an ``improvements``
    document and True otherwise."""
    pub = getattr(case, "publication", None) if case is not None else None
    full = pub.full_report if pub is not None else None
    return doc_type != "improvements" if full is None else bool(full)


def entries(ctx: CheckContext, recipient: str, item: str) -> list[tuple[int, object]]:
    """``(index, distribution entry)`` for ``recipient`` and ``item``."""
    return [(i, d) for i, d in enumerate(ctx.section("distribution") or [])
            if d.recipient == recipient and d.item == item]


def sent(ctx: CheckContext, recipient: str, item: str):
    """The first recorded sending (index, date) of ``item`` to ``recipient``, or None."""
    dated = [(i, d.sent) for i, d in entries(ctx, recipient, item) if d.sent is not None]
    return min(dated, key=lambda x: x[1]) if dated else None


TOLD_FIELDS = {"panel": "panel_told", "secretary_of_state": "secretary_of_state_told"}


def delay_reasons_sent(case, recipient: str):
    """The earliest record of the reasons for a delay reaching ``recipient``, as ``(path, date)``
    where ``path`` locates it in the case file: a ``distribution`` item ``delay_reasons`` or a
    ``publication.delays`` entry's ``panel_told`` / ``secretary_of_state_told``; None if neither."""
    found = []
    for i, d in enumerate(getattr(case, "distribution", None) or []):
        if d.recipient == recipient and d.item == "delay_reasons" and d.sent is not None:
            found.append((("distribution", i, "sent"), d.sent))
    pub = getattr(case, "publication", None)
    field = TOLD_FIELDS.get(recipient)
    for i, delay in enumerate(getattr(pub, "delays", None) or []):
        told = getattr(delay, field, None) if field else None
        if told is not None:
            found.append((("publication", "delays", i, field), told))
    return min(found, key=lambda x: x[1]) if found else None


def reasons_recipients(national: bool) -> list[str]:
    """Who must have the reasons for a late publication or for not publishing the full report:
    the Panel and the Secretary of State (the Secretary of State only for a national review)."""
    return ["secretary_of_state"] if national else ["panel", "secretary_of_state"]


def _missing(ctx: CheckContext, copy: Copy, latest) -> Finding:
    due = f" (due by {format_uk_short(latest)})" if latest and copy.timed else \
        (" (no timescale is set)" if not copy.timed else "")
    listed = [e for item in copy.items for e in entries(ctx, copy.recipient, item)]
    if listed:
        msg = f"copy of the {copy.what} to {NAMES[copy.recipient]} is listed but has no sent date{due}"
        loc = ctx.case_location("distribution", listed[0][0], "sent")
    else:
        msg = (f"no record of the copy of the {copy.what} sent to {NAMES[copy.recipient]}{due}: add "
               f"{{recipient: {copy.recipient}, item: {copy.items[0]}, sent: YYYY-MM-DD}} to distribution")
        loc = ctx.case_location("distribution")
    source = SOURCE_NATIONAL if ctx.national else None
    return make_finding(copy.rule, msg, loc, **({"source": source} if source else {}))


def _of(item: str) -> str:
    return "" if item == "full_report" else f"of the {ITEM_NAMES[item]} "


@implements("DIS001", "DIS002", "DIS003", "DIS004", "DIS005", "DIS006", "DIS007")
def check_distribution(ctx: CheckContext) -> Iterator[Finding]:
    P = ctx.publication_date
    if P is None:
        yield make_finding("DIS005", "no publication date known: give --publication-date or set "
                                     "publication.planned_date, so the 7-working-day deadline for "
                                     "copies can be checked",
                           ctx.case_location("publication", "planned_date"))
    latest = latest_copy_date(P) if P else None
    for copy in required_copies(ctx.national, full_report_published(ctx.case, ctx.doc_type)):
        found = [s for s in (sent(ctx, copy.recipient, item) for item in copy.items) if s]
        if not found:
            yield _missing(ctx, copy, latest)
            continue
        idx, when = min(found, key=lambda x: x[1])
        if P is None or not copy.timed or when <= latest:
            continue
        before = working_days_between(when, P)
        gap = f"{working_days_text(abs(before))} {'before' if before >= 0 else 'after'} publication"
        yield make_finding(
            "DIS004",
            f"copy {_of(ctx.section('distribution')[idx].item)}to {NAMES[copy.recipient]} sent "
            f"{format_uk_short(when)}, latest {format_uk_short(latest)} ({gap} on {format_uk_short(P)}; "
            f"{COPY_NOTICE_WORKING_DAYS} required)",
            ctx.case_location("distribution", idx, "sent"), duty=copy.duty)
