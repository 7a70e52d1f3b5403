"""The recommendations tracker across cases (``cspr-docs actions``): one row a recommendation,
grouped by the owning agency, as a table, CSV, JSON or an .xlsx workbook (openpyxl)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date

from .cells import csv_rows, keep_as_text
from .portfolio import LoadedCase, days_overdue, rec_status, recommendations

COLUMNS = ("owner", "case", "number", "recommendation", "status", "due", "days_overdue",
           "last_update", "last_update_note", "agency_lead")
HEADERS = ("Owner", "Case", "No.", "Recommendation", "Status", "Due", "Days overdue",
           "Last update", "Update", "Agency lead")


@dataclass
class Action:
    owner: str
    case: str
    number: int
    recommendation: str
    status: str  # readable: "in progress"
    due: date | None
    days_overdue: int
    last_update: date | None
    last_update_note: str
    agency_lead: str

    def cells(self) -> list:
        """The row as plain values (dates as ISO text), in ``COLUMNS`` order."""
        return [self.owner, self.case, self.number, self.recommendation, self.status,
                self.due.isoformat() if self.due else "", self.days_overdue,
                self.last_update.isoformat() if self.last_update else "", self.last_update_note,
                self.agency_lead]


def _last_update(rec) -> tuple[date | None, str]:
    dated = [(u.date, u.note or "") for u in rec.updates or [] if u.date]
    dated += [(e.date, e.text or "") for e in rec.evidence or [] if e.date]
    return max(dated, key=lambda x: x[0]) if dated else (None, "")


def actions(cases: list[LoadedCase], today: date, *, overdue_only: bool = False,
            owner: str | None = None) -> list[Action]:
    """Every recommendation of every valid case, sorted by owner, case and number.

    ``owner`` keeps the agencies whose name contains it (any case); ``overdue_only`` the open
    recommendations past their due date."""
    from .casefile import tracking

    names = tracking()["recommendation_statuses"]
    out = []
    for loaded in cases:
        if loaded.error:
            continue
        for i, rec in enumerate(recommendations(loaded.case), 1):
            who = " ".join((rec.owner or "(no owner)").split())
            if owner and owner.casefold() not in who.casefold():
                continue
            late = days_overdue(rec, today)
            if overdue_only and not late:
                continue
            when, note = _last_update(rec)
            out.append(Action(who, loaded.reference, i, " ".join((rec.text or "").split()),
                              names[rec_status(rec)], rec.due, late, when, note, rec.agency_lead or ""))
    out.sort(key=lambda a: (a.owner.casefold(), a.case, a.number))
    return out


def render_csv(rows: list[Action]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(csv_rows(r.cells() for r in rows))
    return buf.getvalue()


def render_json(rows: list[Action], today: date) -> str:
    return json.dumps({"tool": "cspr-docs", "as_at": today.isoformat(),
                       "recommendations": [dict(zip(COLUMNS, r.cells())) for r in rows]}, indent=2) + "\n"


def render_xlsx(rows: list[Action], today: date) -> bytes:
    """A workbook with one sheet: header row, filters on every column, the header frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Recommendations"
    ws.append(list(HEADERS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        values = r.cells()
        values[5] = r.due  # real dates in the workbook, so Excel sorts and filters them
        values[7] = r.last_update
        ws.append(values)
    for col in (6, 8):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = "yyyy-mm-dd"
    last = get_column_letter(len(HEADERS))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    ws.freeze_panes = "C2"  # header row and the owner and case columns stay in view
    for i, width in enumerate((32, 14, 5, 60, 16, 12, 8, 12, 40, 24), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    keep_as_text(ws)
    wb.properties.creator = "cspr-docs"
    wb.properties.title = f"Recommendations tracker as at {today.isoformat()}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def render_text(rows: list[Action], today: date, console=None) -> None:
    """Terminal tables with rich: one table per owning agency."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .dates import format_uk_short

    console = console or Console()
    if not rows:
        console.print("No recommendations match.")
        return
    groups: dict[str, list[Action]] = {}
    for r in rows:
        groups.setdefault(r.owner, []).append(r)
    for who, items in groups.items():
        table = Table(title=escape(f"{who} ({len(items)})"), title_justify="left", expand=False)
        for h in ("Case", "No.", "Recommendation", "Status", "Due", "Overdue", "Last update"):
            table.add_column(h, overflow="fold", ratio=6 if h == "Recommendation" else None,
                             no_wrap=h in ("Case", "Due", "Last update"))
        for r in items:
            table.add_row(*(escape(c) for c in (
                r.case, str(r.number), r.recommendation, r.status, format_uk_short(r.due) if r.due else "-",
                f"{r.days_overdue} days" if r.days_overdue else "",
                format_uk_short(r.last_update) if r.last_update else "-")))
        console.print(table)
    late = sum(1 for r in rows if r.days_overdue)
    console.print(f"{len(rows)} recommendation(s), {late} overdue, as at {format_uk_short(today)}")
