"""``cspr-docs timeline``: every deadline with due date, actual date and status."""

from __future__ import annotations

import csv
import io
import json

from fixtures.corpus import case_data, write_case


def deadlines(cli, case, *args):
    r = cli("timeline", case, "--format", "json", *args)
    assert r.code == 0, r.stderr
    return {d["name"]: d for d in json.loads(r.stdout)["deadlines"]}


def test_every_deadline_on_time(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml")
    d = deadlines(cli, case, "--today", "2027-02-01")
    assert d["Notification to the Panel"] == {
        "name": "Notification to the Panel", "due": "2026-03-10", "actual": "2026-03-06", "status": "on time",
        "rule": "TIM001", "basis": "5 working days after the local authority became aware (3 Mar 2026)",
        "field": "notification.submitted", "kind": "deadline"}
    assert d["Rapid review to the Panel"]["due"] == "2026-03-24"
    for who in ("the Panel", "Ofsted", "DfE"):
        assert d[f"Commissioning notice (with reviewer's name) to {who}"]["status"] == "done"
    for who in ("the Panel", "the Secretary of State", "Ofsted"):
        copy = d[f"Copy of full report to {who}"]
        assert (copy["due"], copy["actual"], copy["status"]) == ("2026-12-22", "2026-12-22", "on time")
    assert d["Publication"]["due"] == "2027-01-10" and d["Publication"]["status"] == "on time"
    avail = d["Report available until (at least)"]
    assert (avail["due"], avail["actual"], avail["status"]) == ("2028-01-05", "2028-01-05", "ok")


def test_late_due_and_missing(cli, tmp_path):
    dist = case_data()["distribution"]
    dist[2]["sent"] = "2026-12-23"          # late over Christmas
    del dist[1]                             # SoS copy not recorded
    case = write_case(tmp_path / "case.yaml", distribution=dist,
                      notification={"submitted": "2026-03-12"},     # 2 working days late
                      rapid_review={"submitted_to_panel": None})
    d = deadlines(cli, case, "--today", "2026-12-21")
    assert d["Notification to the Panel"]["status"] == "late by 2 working days"
    assert d["Rapid review to the Panel"]["status"] == "missing"
    assert d["Copy of full report to Ofsted"]["status"] == "late by 1 working day"
    sos = d["Copy of full report to the Secretary of State"]
    assert sos["actual"] is None and sos["status"] == "due in 1 working day" and sos["rule"] == "DIS002"
    d = deadlines(cli, case, "--today", "2026-12-01")
    assert d["Copy of full report to the Secretary of State"]["status"] == "due in 15 working days"


def test_looked_after_death_adds_sos_ofsted_notification(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml", incident={"type": "death"}, child={"looked_after": True})
    d = deadlines(cli, case, "--today", "2027-02-01")
    entry = d["Notification of the death to the Secretary of State and Ofsted"]
    assert entry["status"] == "missing" and entry["rule"] == "NOT001"


def test_full_report_not_published_lists_justification(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml", publication={"full_report": False}, distribution=[])
    d = deadlines(cli, case, "--today", "2026-11-02")
    # the full report still goes to the Panel and the Secretary of State, and the information too
    assert d["Copy of full report to the Panel"]["rule"] == "DIS001"
    assert d["Copy of information about improvements to the Panel"]["rule"] == "DIS006"
    assert d["Copy of information about improvements to the Secretary of State"]["due"] == "2026-12-22"
    assert d["Copy of justification for not publishing the full report to the Secretary of State"]["rule"] == "PUB001"


def test_national_availability_three_years(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml", review={"kind": "national"})
    d = deadlines(cli, case, "--today", "2027-02-01")
    avail = d["Report available until (at least)"]
    assert avail["due"] == "2030-01-05" and avail["status"].startswith("too short by")
    assert not any(name.startswith("Commissioning") for name in d)


def test_publication_date_option_and_clock(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml")
    d = deadlines(cli, case, "--today", "2027-02-01", "--publication-date", "2027-01-04",
                  "--rapid-review-clock", "notification")
    assert d["Copy of full report to Ofsted"]["due"] == "2026-12-21"
    assert d["Copy of full report to Ofsted"]["status"] == "late by 1 working day"
    assert d["Rapid review to the Panel"]["due"] == "2026-03-27"


def test_text_table(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml")
    r = cli("timeline", case, "--today", "2027-02-01")
    assert r.code == 0
    lines = r.stdout.splitlines()
    assert lines[1].split() == ["Deadline", "Due", "Actual", "Status"]
    row = next(l for l in lines if l.startswith("Copy of full report to Ofsted"))
    assert "22 Dec 2026" in row and row.endswith("on time")


def test_csv(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml")
    out = tmp_path / "t.csv"
    r = cli("timeline", case, "--today", "2027-02-01", "--format", "csv", "-o", out)
    assert r.code == 0 and r.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows[0].keys() >= {"deadline", "due", "actual", "status"}
    assert any(r["deadline"] == "Publication" and r["due"] == "2027-01-10" for r in rows)


def test_ics(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml")
    ics = tmp_path / "deadlines.ics"
    r = cli("timeline", case, "--today", "2027-02-01", "--ics", ics)
    assert r.code == 0
    raw = ics.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    text = raw.decode()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = text.count("BEGIN:VEVENT")
    assert events == text.count("END:VEVENT") and events >= 7
    assert "DTSTART;VALUE=DATE:20261222" in text and "DTEND;VALUE=DATE:20261223" in text
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:NSCP-2026-003: Copy of full report to Ofsted" in unfolded
    uids = [l for l in text.split("\r\n") if l.startswith("UID:")]
    assert len(uids) == len(set(uids)) == events


def test_empty_case_has_no_deadlines(cli, tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text("case:\n  reference: X-1\n")
    r = cli("timeline", case, "--today", "2027-02-01")
    assert r.code == 0 and "no deadlines" in r.stdout


def test_bad_input(cli, tmp_path):
    assert cli("timeline", tmp_path / "nope.yaml").code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("incident:\n  la_aware_date: soon\n")
    r = cli("timeline", bad)
    assert r.code == 2 and "bad.yaml: line 2: incident.la_aware_date" in r.stderr
    assert cli("timeline", bad, "--today", "tomorrow").code == 2


def test_example_case_timeline(cli, example_case):
    r = cli("timeline", example_case, "--today", "2026-11-23", "--format", "json")
    assert r.code == 0
    statuses = {d["name"]: d["status"] for d in json.loads(r.stdout)["deadlines"]}
    assert statuses["Notification to the Panel"] == "on time"


def test_unknown_publication_date_is_listed(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml", publication={"planned_date": None})
    d = deadlines(cli, case, "--today", "2026-11-02")
    entry = d["Publication date (needed to time the copies)"]
    assert entry["status"] == "missing" and entry["rule"] == "DIS005"
    assert not any(name.startswith("Copy of") for name in d)
    assert d["Publication"]["actual"] is None and d["Publication"]["status"] == "due in 46 working days"


def test_status_of():
    from datetime import date

    from cspr_docs.timeline import status_of

    due = date(2026, 12, 22)
    assert status_of(due, date(2026, 12, 22), date(2027, 1, 1)) == "on time"
    assert status_of(due, date(2026, 12, 29), date(2027, 1, 1)) == "late by 3 working days"
    assert status_of(due, None, date(2026, 12, 22)) == "due today"
    assert status_of(due, None, date(2026, 12, 18)) == "due in 2 working days"
    assert status_of(due, None, date(2026, 12, 23)) == "missing"
    assert status_of(None, date(2026, 1, 1), date(2027, 1, 1)) == "done"
    assert status_of(None, None, date(2027, 1, 1)) == "to do"
