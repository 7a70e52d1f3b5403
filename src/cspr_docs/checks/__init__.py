"""The pre-publication check (SPEC §5): rule families composed into one ``Report``.

Each family is a function ``(CheckContext) -> Iterable[Finding]`` wrapped in a ``Family`` with
the document types it applies to and whether it needs a case file. The built-in families are
listed in ``builtin_families()``; a caller can add its own with ``run_checks(extra_families=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable

from ..document import Document
from ..findings import Finding
from ..report import Report
from .checklist import Checklist, checklist_for
from .context import PUBLIC_TYPES, PUBLISHED_TYPES, CheckContext

DOC_TYPES = ("rapid-review", "lcspr", "improvements", "national", "learning-briefing")
CLOCKS = ("la_aware_date", "notification")


@dataclass
class Family:
    """A rule family: its catalogue name, its check function and when it runs."""

    name: str
    run: Callable[[CheckContext], Iterable[Finding]]
    types: tuple[str, ...] | None = None  # None: every document type
    needs_case: bool = False


def builtin_families() -> list[Family]:
    from .distribution import check_distribution
    from .notification import check_notification
    from .publication import check_publication
    from .recommendations import check_recommendations
    from .reviewer import APPLIES_TO as REVIEWER_TYPES, check_reviewer
    from .sections import check_sections
    from .timescales import check_timescales
    from ..anonymise import scan_document
    from ..inspect import accessibility, inspect_document
    from ..inspect.markings import allowed_for_type

    return [
        Family("sections", check_sections),
        Family("reviewer", check_reviewer, REVIEWER_TYPES),
        Family("recommendations", check_recommendations, ("lcspr", "improvements", "national")),
        Family("distribution", check_distribution, PUBLISHED_TYPES, needs_case=True),
        Family("timescales", check_timescales, None, needs_case=True),
        Family("publication", check_publication, PUBLISHED_TYPES, needs_case=True),
        Family("notification", check_notification, None, needs_case=True),
        Family("anonymisation", lambda ctx: scan_document(ctx.doc, ctx.register, case=ctx.case),
               PUBLIC_TYPES),
        Family("hidden content", lambda ctx: [  # HID001-008, PUB002
            f for f in inspect_document(ctx.doc) if allowed_for_type(f, ctx.doc_type)]),
        Family("accessibility", lambda ctx: accessibility(ctx.doc)),
    ]


def run_checks(doc: Document, doc_type: str, *, case: Any = None, case_raw: Any = None,
               publication_date: date | None = None, checklists: Iterable = (),
               checklist: Checklist | None = None, rapid_review_clock: str = "la_aware_date",
               register: Any = None, extra_families: Iterable[Family] = ()) -> Report:
    """Run every applicable rule family over ``doc`` (and the case file) and return a ``Report``.

    ``publication_date`` overrides the case file's ``publication.planned_date``; ``checklists``
    are extra checklist files added to the bundled one for ``doc_type``; ``register`` (an
    ``anonymise.Register``) makes every registered name, place or number found an error.
    """
    if doc_type not in DOC_TYPES:
        raise ValueError(f"unknown document type {doc_type!r}")
    if rapid_review_clock not in CLOCKS:
        raise ValueError(f"unknown rapid review clock {rapid_review_clock!r}")
    if checklist is None:
        checklist = checklist_for(doc_type, tuple(checklists))
    planned = case.publication.planned_date if case is not None and case.publication else None
    pub_date = publication_date or planned
    ctx = CheckContext(doc=doc, doc_type=doc_type, checklist=checklist, case=case, case_raw=case_raw,
                       publication_date=pub_date,
                       publication_date_from="--publication-date" if publication_date else
                       ("publication.planned_date" if planned else None),
                       rapid_review_clock=rapid_review_clock, register=register)
    findings: list[Finding] = []
    ran: list[str] = []
    for family in builtin_families() + list(extra_families):
        if family.types is not None and doc_type not in family.types:
            continue
        if family.needs_case and case is None:
            continue
        ran.append(family.name)
        findings.extend(family.run(ctx))
    # checklist items delegated to a rule: the row reflects whether that rule fired
    rows = list(ctx.rows)
    for item in checklist.items:
        if item.rule:
            fired = any(f.rule == item.rule for f in findings)
            rows.append((item.id, item.title, "missing" if fired else "ok", item.source))
    order = {item.id: i for i, item in enumerate(checklist.items)}
    rows.sort(key=lambda r: order.get(r[0], len(order)))
    return Report(document=str(doc.path), findings=findings, doc_type=doc_type,
                  checklist=rows, families=list(dict.fromkeys(ran)))

