"""Every statutory deadline of a case: due date, actual date, status (``cspr-docs timeline``).

Deadlines (Working Together to Safeguard Children 2023, ch.5): notification to the Panel
(5 working days after the local authority became aware); SoS and Ofsted notification of a
looked-after child's (or care leaver's) death; rapid review to the Panel (15 working days, clock
configurable); commissioning notices to the Panel, Ofsted and DfE; each copy to a recipient no
later than 7 working days before publication; publication within 6 months of the decision;
availability for 1 year (local) or 3 years (national) after publication.
All date arithmetic is in ``cspr_docs.dates``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from typing import Any

from .cells import csv_rows
from .checks.distribution import (ITEM_NAMES, NAMES, delay_reasons_sent, full_report_published, reasons_recipients,
                                  required_copies)
from .checks.notification import care_leaver_in_scope
from .checks.timescales import rapid_review_start  # noqa: F401  (also used by callers of timeline)
from .dates import (COPY_NOTICE_WORKING_DAYS, NOTIFY_WORKING_DAYS, PUBLISH_WITHIN_MONTHS, RAPID_REVIEW_WORKING_DAYS,
                    availability_years, available_until_minimum, format_uk_short, latest_copy_date,
                    notification_due, publication_due, rapid_review_due, working_days_between,
                    lateness_text, working_days_text)


@dataclass
class Deadline:
    """One line of the timeline."""

    name: str
    due: date | None
    actual: date | None
    status: str
    rule: str | None = None
    basis: str = ""
    field: str | None = None
    kind: str = "deadline"  # "deadline" (on or before due) or "minimum" (on or after due)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["due"] = self.due.isoformat() if self.due else None
        d["actual"] = self.actual.isoformat() if self.actual else None
        return d


def status_of(due: date | None, actual: date | None, today: date) -> str:
    """``on time`` / ``late by N working days`` / ``due in N working days`` / ``missing``
    (``done`` / ``to do`` when there is no fixed due date)."""
    if due is None:
        return "done" if actual else "to do"
    if actual is not None:
        if actual <= due:
            return "on time"
        return f"late by {lateness_text(due, actual)}"
    if today <= due:
        if today == due:
            return "due today"
        return f"due in {working_days_text(working_days_between(today, due))}"
    return "missing"


def build_timeline(case: Any, *, today: date, publication_date: date | None = None,
                   rapid_review_clock: str = "la_aware_date") -> list[Deadline]:
    """The deadlines of ``case`` (a ``casefile.CaseFile``), in date order of their due dates."""
    out: list[Deadline] = []
    inc, child, note = case.incident, case.child, case.notification
    rr, review, pub = case.rapid_review, case.review, case.publication
    dist = case.distribution or []
    aware = inc.la_aware_date if inc else None
    notified = note.submitted if note else None

    def add(name, due, actual, rule=None, basis="", field=None):
        out.append(Deadline(name, due, actual, status_of(due, actual, today), rule, basis, field))

    if aware:
        add("Notification to the Panel", notification_due(aware), notified, "TIM001",
            f"{NOTIFY_WORKING_DAYS} working days after the local authority became aware "
            f"({format_uk_short(aware)})",
            "notification.submitted")
    if inc and inc.type == "death" and child and (child.looked_after or care_leaver_in_scope(child) is not False):
        who = "looked-after child (must)" if child.looked_after else "care leaver aged 24 or under (should)"
        add("Notification of the death to the Secretary of State and Ofsted",
            notification_due(aware) if aware else None,
            note.sos_ofsted_notified if note else None, "NOT001",
            f"death of a {who}; shown with the Panel notification's {NOTIFY_WORKING_DAYS} working days",
            "notification.sos_ofsted_notified")
    start, what = rapid_review_start(case, rapid_review_clock)
    if start:
        add("Rapid review to the Panel", rapid_review_due(start), rr.submitted_to_panel if rr else None,
            "TIM002", f"{RAPID_REVIEW_WORKING_DAYS} working days after {what} ({format_uk_short(start)})",
            "rapid_review.submitted_to_panel")
    decision = review.decision_date if review else None
    national = bool(review and review.kind == "national")
    if decision and not national:
        cn = review.commissioning_notified
        for key, label in (("panel", "the Panel"), ("ofsted", "Ofsted"), ("dfe", "DfE")):
            actual = getattr(cn, key, None) if cn else None
            if actual is None:
                named = [d.sent for d in dist if d.recipient == key and d.item == "reviewer_name" and d.sent]
                actual = min(named) if named else None
            add(f"Commissioning notice (with reviewer's name) to {label}", None, actual, "TIM005",
                f"as soon as the local review was decided ({format_uk_short(decision)})",
                f"review.commissioning_notified.{key}")
    P = publication_date or (pub.planned_date if pub else None)
    full = full_report_published(case, "lcspr")
    copies = required_copies(national, full)
    timed = {(c.recipient, item) for c in copies if c.timed for item in c.items}
    six_months = publication_due(decision) if decision else None
    if P:
        latest = latest_copy_date(P)
        basis = f"{COPY_NOTICE_WORKING_DAYS} working days before publication ({format_uk_short(P)})"
        delay_basis = f"by the six-month deadline ({format_uk_short(six_months)})" if six_months else ""
        recorded = set()
        for i, d in enumerate(dist):
            if d.item == "delay_reasons" and six_months:
                recorded.add((d.recipient, d.item))
                add(f"Reasons for delay to {NAMES.get(d.recipient, d.recipient)}", six_months, d.sent, "TIM003",
                    delay_basis, f"distribution[{i}].sent")
                continue
            if d.item not in ("full_report", "improvements_info", "non_publication_justification"):
                continue
            recorded.add((d.recipient, d.item))
            name = f"Copy of {ITEM_NAMES[d.item]} to {NAMES.get(d.recipient, d.recipient)}"
            if (d.recipient, d.item) in timed or d.item == "non_publication_justification":
                add(name, latest, d.sent, "DIS004", basis, f"distribution[{i}].sent")
            else:
                add(name, None, d.sent, "DIS007" if national else None, "no set timescale",
                    f"distribution[{i}].sent")
        for c in copies:
            if any((c.recipient, item) in recorded for item in c.items):
                continue
            add(f"Copy of {c.what} to {NAMES[c.recipient]}", latest if c.timed else None, None, c.rule,
                basis if c.timed else "no set timescale", "distribution")
        if not full:
            for r in reasons_recipients(national):
                if (r, "non_publication_justification") not in recorded:
                    add(f"Copy of {ITEM_NAMES['non_publication_justification']} to {NAMES[r]}", latest, None,
                        "PUB001", basis, "distribution")
        if six_months and P > six_months:
            from .casefile import field_path

            for r in reasons_recipients(national):
                told = delay_reasons_sent(case, r)
                if (r, "delay_reasons") not in recorded and told and told[0][0] == "publication":
                    add(f"Reasons for delay to {NAMES[r]}", six_months, told[1], "TIM003", delay_basis,
                        field_path(told[0]))
                    recorded.add((r, "delay_reasons"))
                if (r, "delay_reasons") not in recorded:
                    add(f"Reasons for delay to {NAMES[r]}", six_months, None, "TIM003", delay_basis, "distribution")
    elif decision or dist:
        out.append(Deadline("Publication date (needed to time the copies)", None, None, "missing", "DIS005",
                            "set publication.planned_date or give --publication-date",
                            "publication.planned_date"))
    if decision:
        due = publication_due(decision)
        planned = P
        basis = f"{PUBLISH_WITHIN_MONTHS} months after the decision to review ({format_uk_short(decision)})"
        if planned:
            basis += "; actual = planned publication date"
        add("Publication", due, planned, "TIM003", basis, "publication.planned_date")
    if P:
        years = availability_years(national)
        minimum = available_until_minimum(P, national)
        until = pub.available_until if pub else None
        if until is None:
            status = "missing"
        elif until >= minimum:
            status = "ok"
        else:
            status = f"too short by {(minimum - until).days} days"
        out.append(Deadline("Report available until (at least)", minimum, until, status, "TIM004",
                            f"{years} year{'s' if years > 1 else ''} after publication ({format_uk_short(P)})",
                            "publication.available_until", kind="minimum"))
    out.sort(key=lambda d: (d.due or d.actual or date.max))
    return out


def _cell(d: date | None) -> str:
    return format_uk_short(d) if d else "-"


def render_text(entries: list[Deadline], source: str = "") -> str:
    headers = ("Deadline", "Due", "Actual", "Status")
    rows = [(e.name, _cell(e.due), _cell(e.actual), e.status) for e in entries]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = "  ".join("{:<%d}" % w for w in widths)
    out = [f"Timeline for {source}" if source else "Timeline", line.format(*headers).rstrip(),
           line.format(*("-" * w for w in widths)).rstrip()]
    out += [line.format(*r).rstrip() for r in rows]
    if not rows:
        out.append("(no deadlines: the case file has no dates yet)")
    return "\n".join(out) + "\n"


def render_json(entries: list[Deadline], source: str = "") -> str:
    return json.dumps({"tool": "cspr-docs", "case": source,
                       "deadlines": [e.to_dict() for e in entries]}, indent=2) + "\n"


def render_csv(entries: list[Deadline], source: str = "") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["deadline", "due", "actual", "status", "rule", "basis", "field"])
    for e in entries:
        d = e.to_dict()
        writer.writerow(csv_rows([[e.name, d["due"] or "", d["actual"] or "", e.status, e.rule or "",
                                   e.basis, e.field or ""]])[0])
    return buf.getvalue()


def _ics_escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, ``;`` and ``,`` escaped, any line break (CR, LF, CRLF, or
    Unicode's) as ``\\n``, other control characters (which TEXT may not hold) as spaces."""
    text = re.sub(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0e-\x1b\x1f\x7f]", " ", text)
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 5545 line folding at 75 octets."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(current) + len(b) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += b
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def render_ics(entries: list[Deadline], case: Any, now: datetime | None = None) -> str:
    """An iCalendar file with one all-day event per deadline that has a due date."""
    ref = (case.case.reference if case.case and case.case.reference else "case")
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//cspr-docs//timeline//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", _fold(f"X-WR-CALNAME:{_ics_escape(ref + ' deadlines')}")]
    for e in entries:
        if e.due is None:
            continue
        uid = hashlib.sha256(f"{ref}|{e.name}|{e.field}".encode()).hexdigest()[:24]
        end = date.fromordinal(e.due.toordinal() + 1)
        desc = f"{e.basis}. Status: {e.status}."
        if e.actual:
            desc += f" Actual: {format_uk_short(e.actual)}."
        lines += ["BEGIN:VEVENT", f"UID:{uid}@cspr-docs", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{e.due:%Y%m%d}", f"DTEND;VALUE=DATE:{end:%Y%m%d}",
                  _fold(f"SUMMARY:{_ics_escape(f'{ref}: {e.name}')}"),
                  _fold(f"DESCRIPTION:{_ics_escape(desc)}"), "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
