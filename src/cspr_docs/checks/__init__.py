"""The pre-publication check (SPEC §5): every applicable rule run into one ``Report``.

Each rule is defined once in ``data/rules.yaml`` (``catalogue``) and its code is registered
against its id with ``@implements`` (``registry``). ``run_checks`` decides once, from the
catalogue, which rules apply to the document type (and whether a case file is given), runs the
checkers that implement them and keeps only their findings. A caller can add its own families
with ``run_checks(extra_families=...)``. Importing this package loads the registry: a rule id
unknown to the catalogue, or a catalogued id with no code, fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable, Mapping

from ..doctypes import DOC_TYPES, PUBLIC_TYPES, PUBLISHED_TYPES  # noqa: F401  (re-exported)
from ..document import Document
from ..findings import Finding, Severity
from ..report import Report
from . import registry
from .checklist import Checklist, checklist_for
from .context import CheckContext

CLOCKS = ("la_aware_date", "notification")

registry.load()


@dataclass
class Family:
    """A rule family added by a caller: its catalogue name, its check function and when it runs."""

    name: str
    run: Callable[[CheckContext], Iterable[Finding]]
    types: tuple[str, ...] | None = None  # None: every document type
    needs_case: bool = False


def builtin_families() -> list[Family]:
    """The registered checkers, as families (their rules' applicability is in the catalogue)."""
    return [Family(c.family, c.run) for c in registry.checkers("check")]


def apply_severities(findings: list[Finding], severities: Mapping[str, str] | None) -> list[Finding]:
    """A partnership's per-rule severities (``error|warning|info|off``) over the defaults."""
    if not severities:
        return findings
    out = []
    for f in findings:
        setting = severities.get(f.rule)
        if setting == "off":
            continue
        if setting:
            f.severity = Severity(setting)
        out.append(f)
    return out


def run_checks(doc: Document, doc_type: str, *, case: Any = None, case_raw: Any = None,
               publication_date: date | None = None, checklists: Iterable = (),
               checklist: Checklist | None = None, rapid_review_clock: str = "la_aware_date",
               register: Any = None, extra_families: Iterable[Family] = (),
               severities: Mapping[str, str] | None = None,
               anonymise_config: Mapping[str, Any] | None = None) -> Report:
    """Run every applicable rule over ``doc`` (and the case file) and return a ``Report``.

    ``publication_date`` overrides the case file's ``publication.planned_date``; ``checklists``
    are extra checklist files added to the bundled one for ``doc_type``; ``register`` (an
    ``anonymise.Register``) makes every registered name, place or number found an error;
    ``severities`` maps rule ids to ``error|warning|info|off`` (a partnership's configuration).
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
                       rapid_review_clock=rapid_review_clock, register=register,
                       anonymise_config=anonymise_config)
    findings: list[Finding] = []
    ran: list[str] = []
    active = registry.applicable(doc_type, case is not None)
    from .. import progress

    progress.start(f"checking {doc.path.name}")
    try:
        for family, found in registry.run_applicable(ctx, active):
            ran.append(family)
            findings.extend(found)
    finally:
        progress.done()
    for family in extra_families:
        if family.types is not None and doc_type not in family.types:
            continue
        if family.needs_case and case is None:
            continue
        ran.append(family.name)
        findings.extend(family.run(ctx))
    findings = apply_severities(findings, severities)
    from .where import add_places

    add_places(findings, doc, ctx.outline)
    # checklist items delegated to a rule: the row reflects whether that rule fired
    rows = list(ctx.rows)
    for item in checklist.items:
        if item.rule:
            fired = any(f.rule in item.rules for f in findings)
            rows.append((item.id, item.title, "missing" if fired else "ok", item.source))
    order = {item.id: i for i, item in enumerate(checklist.items)}
    rows.sort(key=lambda r: order.get(r[0], len(order)))
    return Report(document=str(doc.path), findings=findings, doc_type=doc_type,
                  checklist=rows, families=list(dict.fromkeys(ran)))
