"""The figures a partnership's yearly report needs for a period (``cspr-docs yearly``).

What is counted, for a period FROM-TO (both days included):
- notifications: ``notification.submitted`` in the period;
- rapid reviews completed: ``rapid_review.submitted_to_panel`` in the period, and how many of
  those met their 15-working-day clock;
- decisions: the rapid review's decision, dated when it went to the Panel;
- local reviews commissioned (``review.decision_date`` in the period) and published (publication
  date in the period, full report or information about improvements); national reviews likewise;
- timeliness of each statutory clock: the deadlines (from ``timeline``) DUE in the period that
  were met, out of those met, missed or met late (ones still pending are left out; a date after
  the day the figures are drawn is a plan, not a step taken);
- themes of the cases active in the period (a notification, rapid review, decision or
  publication in it);
- recommendations by status as recorded, and those open past their due date at the end of the
  period (or on the day the figures are drawn, if earlier);
- publication delays in force during the period, by reason, and whether the Panel and the
  Secretary of State were told.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date
from typing import Any

from .dates import format_uk
from .cells import csv_rows
from .portfolio import (LoadedCase, days_overdue, is_open, decision_date, decision_of, publication_date,
                        rec_status, recommendations)

#: Timeline clocks grouped as the yearly report counts them: key -> (label, case-file field of
#: the timeline entry; ``distribution`` covers every copy before publication).
CLOCKS = {
    "notification": ("Notification to the Panel within 5 working days", "notification.submitted"),
    "sos_ofsted_notification": ("Secretary of State and Ofsted told of a looked-after child's death",
                                "notification.sos_ofsted_notified"),
    "rapid_review": ("Rapid review to the Panel within 15 working days", "rapid_review.submitted_to_panel"),
    "copies": ("Copies sent 7 working days before publication", "distribution"),
    "publication": ("Published within 6 months of the decision", "publication.planned_date"),
}
DECISIONS = {"lcspr": "Local review", "no_review": "No review", "refer_national": "Referred as of national importance"}


def _in(d: date | None, start: date, end: date) -> bool:
    return d is not None and start <= d <= end


def _active(case: Any, start: date, end: date, today: date) -> bool:
    rr, review = case.rapid_review, case.review
    days = [case.notification.submitted if case.notification else None,
            rr.meeting_date if rr else None, rr.submitted_to_panel if rr else None,
            review.decision_date if review else None, publication_date(case, today)]
    return any(_in(d, start, end) for d in days)


def figures(cases: list[LoadedCase], start: date, end: date, today: date,
            clock: str = "la_aware_date") -> dict:
    """The yearly figures (a JSON-ready dict) for the valid cases in ``cases``."""
    from .casefile import tracking
    from .timeline import build_timeline

    valid = [c.case for c in cases if c.error is None]
    as_at = min(end, today)
    notifications = sum(1 for c in valid if c.notification and _in(c.notification.submitted, start, end))
    rr_done = rr_on_time = 0
    timeliness = {k: [0, 0] for k in CLOCKS}
    decisions = Counter({k: 0 for k in DECISIONS})
    local = {"commissioned": 0, "published": 0, "full_report": 0, "improvements_only": 0}
    national = {"started": 0, "published": 0}
    themes: Counter = Counter()
    delays = {"total": 0, "panel_told": 0, "sos_told": 0, "ended": 0}
    reasons = Counter({k: 0 for k in tracking()["delay_reasons"]})
    for case in valid:
        entries = build_timeline(case, today=today, rapid_review_clock=clock,
                                 publication_date=case.publication.published if case.publication else None)
        for e in entries:
            key = next((k for k, (_, fld) in CLOCKS.items()
                        if e.field and (e.field == fld or e.field.startswith(fld + "["))), None)
            if key is None or not _in(e.due, start, end) or e.kind != "deadline":
                continue
            actual = e.actual if e.actual is not None and e.actual <= today else None  # a plan is not a fact
            if actual is None and e.due >= today:
                continue  # still pending
            timeliness[key][1] += 1
            timeliness[key][0] += int(actual is not None and actual <= e.due)
        rr = case.rapid_review
        if rr and _in(rr.submitted_to_panel, start, end):
            rr_done += 1
            tl = next((e for e in entries if e.field == CLOCKS["rapid_review"][1]), None)
            rr_on_time += int(tl is not None and tl.due is not None and rr.submitted_to_panel <= tl.due)
        decision = decision_of(case)
        if decision and _in(decision_date(case), start, end):
            decisions[decision] += 1
        review = case.review
        is_national = bool(review and review.kind == "national")
        if review and _in(review.decision_date, start, end):
            if is_national:
                national["started"] += 1
            else:
                local["commissioned"] += 1
        if _in(publication_date(case, today), start, end):
            if is_national:
                national["published"] += 1
            else:
                local["published"] += 1
                full = not (case.publication.full_report is False)
                local["full_report" if full else "improvements_only"] += 1
        if _active(case, start, end, today) and review:
            themes.update(set(review.themes or []))
        for d in (case.publication.delays or []) if case.publication else []:
            told = [x for x in (d.panel_told, d.secretary_of_state_told) if x]
            began = min(told) if told else None
            if (began is None or began <= end) and (d.ended is None or d.ended >= start):
                delays["total"] += 1
                reasons[d.reason or "other"] += 1
                delays["panel_told"] += int(d.panel_told is not None)
                delays["sos_told"] += int(d.secretary_of_state_told is not None)
                delays["ended"] += int(_in(d.ended, start, end))
    recs = [r for c in valid for r in recommendations(c)]
    by_status = Counter({k: 0 for k in tracking()["recommendation_statuses"]})
    by_status.update(rec_status(r) for r in recs)
    return {
        "tool": "cspr-docs", "from": start.isoformat(), "to": end.isoformat(), "as_at": as_at.isoformat(),
        "cases": len(valid),
        "unreadable": len(cases) - len(valid),
        "notifications": notifications,
        "rapid_reviews": {"completed": rr_done, "on_time": rr_on_time},
        "decisions": dict(decisions),
        "local_reviews": local,
        "national_reviews": national,
        "timeliness": {k: {"label": CLOCKS[k][0], "on_time": v[0], "total": v[1],
                           "share": round(v[0] / v[1], 3) if v[1] else None}
                       for k, v in timeliness.items()},
        "themes": dict(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "recommendations": {**dict(by_status), "total": len(recs),
                            "open": sum(1 for r in recs if is_open(r)),
                            "overdue": sum(1 for r in recs if days_overdue(r, as_at))},
        "delays": {**delays, "reasons": dict(reasons)},
    }


def rows(fig: dict) -> list[tuple[str, str, Any]]:
    """The figures as (section, measure, value) rows: the CSV and the Word section's tables."""
    from .casefile import tracking

    vocab = tracking()
    out: list[tuple[str, str, Any]] = [
        ("Notifications", "Notifications made to the Panel", fig["notifications"]),
        ("Rapid reviews", "Rapid reviews sent to the Panel", fig["rapid_reviews"]["completed"]),
        ("Rapid reviews", "of which within 15 working days", fig["rapid_reviews"]["on_time"]),
    ]
    out += [("Decisions", DECISIONS[k], v) for k, v in fig["decisions"].items()]
    lr, nr = fig["local_reviews"], fig["national_reviews"]
    out += [("Local reviews", "Commissioned", lr["commissioned"]),
            ("Local reviews", "Published", lr["published"]),
            ("Local reviews", "of which the full report", lr["full_report"]),
            ("Local reviews", "of which information about improvements only", lr["improvements_only"]),
            ("National reviews", "Started", nr["started"]),
            ("National reviews", "Published", nr["published"])]
    for t in fig["timeliness"].values():
        share = f"{round(100 * t['share'])}%" if t["share"] is not None else "none due"
        out.append(("Timeliness", t["label"], f"{t['on_time']} of {t['total']} ({share})"))
    out += [("Themes", vocab["themes"].get(k, k), v) for k, v in fig["themes"].items()]
    if not fig["themes"]:
        out.append(("Themes", "No themes recorded", 0))
    rec = fig["recommendations"]
    out += [("Recommendations", vocab["recommendation_statuses"][k].capitalize(), rec[k])
            for k in vocab["recommendation_statuses"]]
    out += [("Recommendations", "Total", rec["total"]),
            ("Recommendations", f"Open and overdue on {format_uk(date.fromisoformat(fig['as_at']))}",
             rec["overdue"])]
    d = fig["delays"]
    out += [("Delays", "Publication delays in force", d["total"])]
    out += [("Delays", f"Reason: {vocab['delay_reasons'][k]}", v) for k, v in d["reasons"].items()]
    out += [("Delays", "Panel told the reasons", d["panel_told"]),
            ("Delays", "Secretary of State told the reasons", d["sos_told"]),
            ("Delays", "Delays that ended in the period", d["ended"])]
    return out


def render_json(fig: dict) -> str:
    return json.dumps(fig, indent=2) + "\n"


def render_csv(fig: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["section", "measure", "value"])
    writer.writerows(csv_rows(rows(fig)))
    return buf.getvalue()


def template_path():
    from .files import bundled

    return bundled("templates") / "yearly" / "yearly_figures.docx"


def context(fig: dict, partnership: str | None = None) -> dict:
    """What the Word template sees: the period in words and the rows grouped by section."""


    sections: dict[str, list[dict]] = {}
    for section, measure, value in rows(fig):
        sections.setdefault(section, []).append({"measure": measure, "value": str(value)})
    return {"partnership": partnership or "the safeguarding partnership",
            "period_from": format_uk(date.fromisoformat(fig["from"])),
            "period_to": format_uk(date.fromisoformat(fig["to"])),
            "as_at": format_uk(date.fromisoformat(fig["as_at"])),
            "cases": fig["cases"],
            "unreadable": fig.get("unreadable", 0),
            "sections": [{"title": k, "rows": v} for k, v in sections.items()]}


def render_docx(fig: dict, partnership: str | None = None, template=None) -> bytes:
    """The Word section, rendered from ``templates/yearly/yearly_figures.docx`` with docxtpl
    (Jinja sandbox, autoescaped)."""
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    doc = DocxTemplate(str(template or template_path()))
    env = SandboxedEnvironment(autoescape=True)
    doc.render(context(fig, partnership), jinja_env=env, autoescape=True)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
