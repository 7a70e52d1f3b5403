"""A folder of cases read at once: each ``case.yaml`` under it, its stage and its clocks (issue #15).

Only case files are read: never a report, never the language model. Case files are parsed with
libyaml (``yamlio.load_yaml_fast``); a file that does not validate that way is read again with the
line-numbered loader, so a broken file gets the same one-line message as ``cspr-docs validate``.
Deadlines come from ``timeline.build_timeline`` (and so from ``dates``): nothing is re-derived here.

Stages, in order: not notified, notified, rapid review, decided, review under way, awaiting
publication, published, availability ended. See ``stage_of``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from .errors import InputError

CASE_FILE = "case.yaml"
STAGES = ("not notified", "notified", "rapid review", "decided", "review under way",
          "awaiting publication", "published", "availability ended")
#: Copy items whose sending shows the final report (or the information) is finished.
FINAL_ITEMS = ("full_report", "improvements_info")


@dataclass
class LoadedCase:
    """One case file: its path, its reference and the model, or the one-line error."""

    path: Path
    case: Any = None
    error: str | None = None

    @property
    def reference(self) -> str:
        ref = self.case.case.reference if self.case is not None and self.case.case else None
        return ref or self.path.parent.name


def find_case_files(folder: str | Path) -> list[Path]:
    """Every ``case.yaml`` under ``folder``, sorted; hidden folders and symlinked folders skipped."""
    root = Path(folder)
    if not root.exists():
        raise InputError(root, "no such folder")
    if not root.is_dir():
        raise InputError(root, "is a file, not a folder of cases")
    found = []
    for here, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if CASE_FILE in files:
            found.append(Path(here) / CASE_FILE)
    return sorted(found)


def load_case_fast(path: Path) -> LoadedCase:
    """Load one case file for the board; never raises for a bad file (one bad file must not
    hide the others)."""
    from .casefile import load_case_with_raw, validate_data
    from .errors import bug_summary
    from .yamlio import load_yaml_fast

    try:
        case, _ = validate_data(load_yaml_fast(path))
        if case is not None:
            return LoadedCase(path, case)
    except Exception:  # noqa: BLE001 (only a shortcut: the careful reader below decides)
        pass
    try:  # the careful reader: YAML 1.2 like everywhere else, and the line-numbered message
        return LoadedCase(path, load_case_with_raw(path)[0])
    except InputError as exc:
        return LoadedCase(path, error=str(exc))
    except (RecursionError, MemoryError):
        return LoadedCase(path, error=f"{path}: nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 (say what, never the parser's message)
        return LoadedCase(path, error=f"{path}: could not be read ({bug_summary(exc)})")


def load_cases(folder: str | Path, progress: Callable | None = None) -> list[LoadedCase]:
    """Every case file under ``folder``; ``progress`` may wrap the list of paths (a progress bar)."""
    files = find_case_files(folder)
    return [load_case_fast(p) for p in (progress(files) if progress else files)]


# --------------------------------------------------------------------------- one case

def publication_date(case: Any, today: date) -> date | None:
    """When the report (or the information) was published: ``publication.published``, or the
    planned date once it has passed. None while publication is still ahead."""
    pub = case.publication
    when = (pub.published or pub.planned_date) if pub else None
    return when if when and when <= today else None


def decision_of(case: Any) -> str | None:
    """The rapid review's decision, or what a recorded review implies."""
    rr, review = case.rapid_review, case.review
    if rr and rr.decision:
        return rr.decision
    if review and review.decision_date:
        return "refer_national" if review.kind == "national" else "lcspr"
    return None


def decision_date(case: Any) -> date | None:
    """When the rapid review's decision was made: the day it went to the Panel (or the meeting)."""
    rr = case.rapid_review
    if rr and (rr.submitted_to_panel or rr.meeting_date):
        return rr.submitted_to_panel or rr.meeting_date
    review = case.review
    return review.decision_date if review else None


def open_delays(case: Any, today: date) -> list:
    pub = case.publication
    return [d for d in (pub.delays or [])
            if d.ended is None or d.ended > today] if pub else []


def stage_of(case: Any, today: date) -> str:
    """Where the case is: the furthest step its recorded dates show. A date after ``today`` is a
    plan (a meeting booked, a publication date set), not a step taken."""
    def done(d: date | None) -> bool:
        return d is not None and d <= today

    pub, review, rr = case.publication, case.review, case.rapid_review
    published = publication_date(case, today)
    if published:
        if pub.available_until and pub.available_until < today:
            return "availability ended"
        return "published"
    if review and done(review.decision_date):
        sent = any(done(d.sent) and d.item in FINAL_ITEMS for d in case.distribution or [])
        return "awaiting publication" if sent or open_delays(case, today) else "review under way"
    if decision_of(case) and (done(decision_date(case)) or decision_date(case) is None):
        return "decided"
    if rr and (done(rr.meeting_date) or done(rr.submitted_to_panel)):
        return "rapid review"
    if case.notification and done(case.notification.submitted):
        return "notified"
    return "not notified"


def is_open(rec: Any) -> bool:
    """Not yet completed: the statuses listed as ``open_statuses`` in data/tracking.yaml."""
    from .casefile import tracking

    return rec_status(rec) in tracking()["open_statuses"]


def rec_status(rec: Any) -> str:
    """A recommendation's status; one with none recorded has not started."""
    return rec.status or "not_started"


def recommendations(case: Any) -> list:
    return list(case.review.recommendations or []) if case.review else []


def days_overdue(rec: Any, as_at: date) -> int:
    """Calendar days past its due date for an open recommendation; 0 otherwise."""
    if rec.due and is_open(rec) and rec.due < as_at:
        return (as_at - rec.due).days
    return 0


@dataclass
class BoardRow:
    """One line of the board."""

    path: str
    reference: str
    stage: str = ""
    next_name: str | None = None
    next_due: date | None = None
    working_days_left: int | None = None
    late: list[tuple[str, str]] = field(default_factory=list)  # (deadline, status)
    open_recs: int = 0
    overdue_recs: int = 0
    available_until: date | None = None
    delays: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    error: str | None = None
    deadlines: list = field(default_factory=list)  # timeline.Deadline
    case: Any = None  # casefile.CaseFile

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        if self.error:
            return {"case": self.reference, "path": self.path, "error": self.error}
        return {"case": self.reference, "path": self.path, "stage": self.stage,
                "next_deadline": ({"name": self.next_name, "due": iso(self.next_due),
                                   "working_days_left": self.working_days_left}
                                  if self.next_name else None),
                "late": [{"name": n, "status": s} for n, s in self.late],
                "open_recommendations": self.open_recs, "overdue_recommendations": self.overdue_recs,
                "available_until": iso(self.available_until), "open_delays": self.delays,
                "themes": self.themes}


def is_late(entry: Any, today: date) -> bool:
    """A clock that was missed, met late or falls short (pending ones are not late yet)."""
    if entry.due is None:
        return False
    if entry.kind == "minimum":
        return entry.actual is not None and entry.status.startswith("too short")
    if entry.actual is not None:
        return entry.actual > entry.due
    return entry.due < today


def board_row(loaded: LoadedCase, today: date, clock: str = "la_aware_date") -> BoardRow:
    from .dates import working_days_between
    from .timeline import build_timeline

    row = BoardRow(str(loaded.path), loaded.reference)
    if loaded.error:
        row.error = loaded.error
        return row
    case = loaded.case
    entries = build_timeline(case, today=today, publication_date=case.publication.published
                             if case.publication else None, rapid_review_clock=clock)
    row.deadlines, row.case = entries, case
    row.stage = stage_of(case, today)
    pending = [e for e in entries if e.kind == "deadline" and e.due and e.due >= today
               and (e.actual is None or e.actual > today)]  # a date still ahead is a plan
    if pending:
        nxt = min(pending, key=lambda e: e.due)
        row.next_name, row.next_due = nxt.name, nxt.due
        row.working_days_left = working_days_between(today, nxt.due)
    row.late = [(e.name, e.status) for e in entries if is_late(e, today)]
    recs = recommendations(case)
    row.open_recs = sum(1 for r in recs if is_open(r))
    row.overdue_recs = sum(1 for r in recs if days_overdue(r, today))
    if publication_date(case, today):
        row.available_until = case.publication.available_until
    row.delays = [d.reason or "other" for d in open_delays(case, today)]
    row.themes = list(case.review.themes or []) if case.review else []
    return row


def board(folder: str | Path, today: date, clock: str = "la_aware_date",
          progress: Callable | None = None) -> list[BoardRow]:
    """One row a case under ``folder`` (broken case files included, with their error)."""
    return [board_row(c, today, clock) for c in load_cases(folder, progress)]
