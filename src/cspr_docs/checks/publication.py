"""PUB001: a full report not published needs a justification sent to the Panel and SoS.

Working Together to Safeguard Children 2023, ch.5 (and Children Act 2004 s16F): where only
information about improvements is published, the safeguarding partners set out the justification
for not publishing the full report for the Panel and the Secretary of State. Recorded as
``publication.non_publication_justification`` plus ``non_publication_justification``
distribution entries (with sent dates) to the Panel and the Secretary of State.
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Finding, make_finding
from .context import CheckContext
from .distribution import NAMES, full_report_published, reasons_recipients, sent
from .registry import implements



@implements("PUB001")
def check_publication(ctx: CheckContext) -> Iterator[Finding]:
    pub = ctx.section("publication")
    if full_report_published(ctx.case, ctx.doc_type):
        return
    if pub is None or not (pub.non_publication_justification or "").strip():
        yield make_finding("PUB001", "the full report is not published but no justification is recorded "
                                     "(publication.non_publication_justification)",
                           ctx.case_location("publication", "non_publication_justification"))
    missing = [r for r in reasons_recipients(ctx.national) if sent(ctx, r, "non_publication_justification") is None]
    if missing:
        yield make_finding("PUB001", "the full report is not published and the justification is not "
                                     f"recorded as sent to {' or '.join(NAMES[r] for r in missing)} "
                                     "(distribution item non_publication_justification)",
                           ctx.case_location("distribution"))
