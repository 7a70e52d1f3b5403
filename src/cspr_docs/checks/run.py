"""``check`` for one file, as a picklable job a batch can send to another process."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..batch import portable
from ..document import Document
from ..report import Report


def check_path(path: Path, *, doc_type: str, case_file: str | None = None,
               register: str | None = None, publication_date: date | None = None,
               checklists: tuple = (), rapid_review_clock: str = "la_aware_date",
               password: str | None = None, keep_document: bool = False,
               severities: dict | None = None,
               anonymise_config: dict | None = None) -> tuple[Report, Document | None]:
    """Read and check one document; returns its report and (if asked) a portable copy of it."""
    from ..casefile import load_case_with_raw
    from ..document import read_document
    from . import run_checks
    from .checklist import checklist_for

    case, raw = load_case_with_raw(case_file) if case_file else (None, None)
    reg = None
    if register:
        from ..anonymise import load_register

        reg = load_register(register)
    doc = read_document(path, password)
    report = run_checks(doc, doc_type, case=case, case_raw=raw, publication_date=publication_date,
                        checklist=checklist_for(doc_type, tuple(checklists)),
                        rapid_review_clock=rapid_review_clock, register=reg, severities=severities,
                        anonymise_config=anonymise_config)
    report.document = str(path)
    report.case_file = str(case_file) if case_file else None
    return report, portable(doc) if keep_document else None
