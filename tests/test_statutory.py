"""The statutory corrections of issue 13, each with its dates worked out by hand first.

Working Together to Safeguard Children 2023, ch.5: the full report goes to the Panel and the
Secretary of State even when it is not published (and the information about improvements too);
national reviews are sent by the Panel; "should" duties are warnings (errors with --strict);
delay reasons sent after the six-month deadline are late; a care leaver's death up to and
including age 24 is in scope; earliest publication and latest copy date agree on non-working days.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings, strategies as st

from conftest import check_findings
from cspr_docs.dates import earliest_publication, latest_copy_date
from fixtures.corpus import case_data, write_case, write_docx


@pytest.fixture
def report(tmp_path):
    return write_docx(tmp_path / "report.docx")


def rules(findings):
    return sorted(f["rule"] for f in findings)


# --- the full report goes to the Panel and the SoS even when it is not published -------------

def _not_published(tmp_path, name, dist):
    return write_case(tmp_path / name, distribution=dist, publication={
        "full_report": False, "non_publication_justification": "It would identify the sibling."})


JUSTIFIED = [{"recipient": r, "item": "non_publication_justification", "sent": "2026-12-01"}
             for r in ("panel", "secretary_of_state")]
INFO = [{"recipient": r, "item": "improvements_info", "sent": "2026-12-22"}
        for r in ("panel", "secretary_of_state", "ofsted")]
FULL = [{"recipient": r, "item": "full_report", "sent": "2026-12-22"} for r in ("panel", "secretary_of_state")]


def test_full_report_still_required_when_not_published(cli, report, tmp_path):
    # only the information about improvements sent: the full report is missing for both (must)
    code, findings = check_findings(cli, report, "--case", _not_published(tmp_path, "a.yaml", INFO + JUSTIFIED))
    assert rules(findings) == ["DIS001", "DIS002"] and code == 1
    assert all("full report" in f["message"] and f["severity"] == "error" for f in findings)
    # both sent: compliant (Ofsted has the information, which is enough for Ofsted)
    code, findings = check_findings(cli, report, "--case",
                                    _not_published(tmp_path, "b.yaml", INFO + FULL + JUSTIFIED))
    assert findings == [] and code == 0


def test_dis006_information_about_improvements_to_panel_and_sos(cli, report, tmp_path):
    dist = [d for d in INFO if d["recipient"] != "secretary_of_state"] + FULL + JUSTIFIED
    code, findings = check_findings(cli, report, "--case", _not_published(tmp_path, "c.yaml", dist))
    assert rules(findings) == ["DIS006"] and code == 1
    assert "information about improvements" in findings[0]["message"]
    assert "the Secretary of State" in findings[0]["message"]


def test_dis004_information_about_improvements_sent_late(cli, report, tmp_path):
    # publication Tue 5 Jan 2027: latest Tue 22 Dec 2026 (25, 28 Dec and 1 Jan are bank holidays)
    dist = [dict(d) for d in INFO] + FULL + JUSTIFIED
    dist[1]["sent"] = "2026-12-23"   # information about improvements to the SoS, a day late
    code, findings = check_findings(cli, report, "--case", _not_published(tmp_path, "d.yaml", dist))
    assert rules(findings) == ["DIS004"] and code == 1 and findings[0]["severity"] == "error"
    assert findings[0]["message"].startswith("copy of the information about improvements to the Secretary of "
                                             "State sent 23 Dec 2026, latest 22 Dec 2026")


def test_timeline_lists_full_report_and_information(cli, tmp_path):
    case = _not_published(tmp_path, "t.yaml", INFO + JUSTIFIED)
    r = cli("timeline", case, "--today", "2026-12-01", "--format", "json")
    d = {e["name"]: e for e in json.loads(r.stdout)["deadlines"]}
    for who, rule in (("the Panel", "DIS001"), ("the Secretary of State", "DIS002")):
        entry = d[f"Copy of full report to {who}"]
        assert (entry["due"], entry["actual"], entry["rule"]) == ("2026-12-22", None, rule)
    assert d["Copy of information about improvements to the Panel"]["actual"] == "2026-12-22"


# --- national reviews -----------------------------------------------------------------------

def _national(tmp_path, name, extra=(), ofsted_sent="2026-12-22"):
    dist = [{"recipient": "secretary_of_state", "item": "full_report", "sent": "2026-12-22"},
            {"recipient": "ofsted", "item": "full_report", "sent": ofsted_sent}] + list(extra)
    return write_case(tmp_path / name, distribution=dist, review={"kind": "national"},
                      publication={"available_until": "2030-01-05"})


OTHERS = [{"recipient": r, "item": "full_report", "sent": "2027-01-20"} for r in ("partners", "cqc", "hmicfrs")]


def test_national_copies_to_partners_ofsted_cqc_hmicfrs_without_timescale(cli, report, tmp_path):
    code, findings = check_findings(cli, report, "--case", _national(tmp_path, "n.yaml"), doc_type="national")
    assert rules(findings) == ["DIS007"] * 3 and code == 0
    assert {f["severity"] for f in findings} == {"warning"}
    assert all("no timescale" in f["message"] for f in findings)
    # sent after publication (no set timescale): no DIS004; Ofsted late by the local rule: no DIS004
    code, findings = check_findings(cli, report, "--case",
                                    _national(tmp_path, "ok.yaml", OTHERS, ofsted_sent="2027-01-04"),
                                    doc_type="national")
    assert findings == [] and code == 0
    # --strict counts the should-level DIS007 towards exit 1
    r = cli("check", report, "--type", "national", "--case", _national(tmp_path, "n2.yaml"), "--strict")
    assert r.code == 1


def test_national_secretary_of_state_copy_is_still_timed(cli, report, tmp_path):
    case = write_case(tmp_path / "n.yaml", review={"kind": "national"}, publication={"available_until": "2030-01-05"},
                      distribution=[{"recipient": "secretary_of_state", "item": "full_report", "sent": "2026-12-23"},
                                    {"recipient": "ofsted", "item": "full_report", "sent": "2026-12-22"}] + OTHERS)
    code, findings = check_findings(cli, report, "--case", case, doc_type="national")
    assert rules(findings) == ["DIS004"] and code == 1 and "Secretary of State" in findings[0]["message"]


def test_national_timeline_lists_cqc_and_hmicfrs_without_due_date(cli, tmp_path):
    r = cli("timeline", _national(tmp_path, "n.yaml"), "--today", "2026-12-01", "--format", "json")
    d = {e["name"]: e for e in json.loads(r.stdout)["deadlines"]}
    for who in ("the Care Quality Commission", "HMICFRS", "the safeguarding partners"):
        entry = d[f"Copy of full report to {who}"]
        assert entry["due"] is None and entry["rule"] == "DIS007" and entry["status"] == "to do"
    assert "Copy of full report to the Panel" not in d
    assert d["Copy of full report to Ofsted"]["due"] is None  # no 7 working days for a national review


# --- "should" duties are warnings; --strict --------------------------------------------------

def test_strict_counts_should_level_findings(cli, report, tmp_path):
    dist = case_data()["distribution"]
    dist[2]["sent"] = "2026-12-23"  # Ofsted copy one working day late: a should
    case = write_case(tmp_path / "case.yaml", distribution=dist)
    assert cli("check", report, "--type", "lcspr", "--case", case).code == 0
    assert cli("check", report, "--type", "lcspr", "--case", case, "--strict").code == 1
    # a convention-free, should-free document stays 0 with --strict
    clean = write_case(tmp_path / "clean.yaml")
    assert cli("check", report, "--type", "lcspr", "--case", clean, "--strict").code == 0


# --- delay reasons sent after the six-month deadline are late --------------------------------

@pytest.mark.parametrize("sent, late", [("2027-01-08", False), ("2027-01-10", False), ("2027-01-11", True)])
def test_tim003_reasons_after_the_deadline_are_late(cli, report, tmp_path, sent, late):
    # decision Fri 10 Jul 2026 -> six months: Sun 10 Jan 2027 (calendar months); publish Fri 5 Feb 2027
    dist = case_data()["distribution"] + [{"recipient": r, "item": "delay_reasons", "sent": sent}
                                          for r in ("panel", "secretary_of_state")]
    case = write_case(tmp_path / "case.yaml", distribution=dist,
                      publication={"planned_date": "2027-02-05", "available_until": "2028-02-05"})
    code, findings = check_findings(cli, report, "--case", case)
    if late:
        assert rules(findings) == ["TIM003", "TIM003"] and code == 0
        assert all("after the six-month deadline" in f["message"] and "11 Jan 2027" in f["message"]
                   for f in findings)
    else:
        assert findings == []


# --- care leavers up to and including 24 -----------------------------------------------------

@pytest.mark.parametrize("age, expected", [("24 years", ["NOT001"]), ("24", ["NOT001"]), ("19", ["NOT001"]),
                                           ("25 years", []), (None, ["NOT001"])])
def test_not001_care_leaver_up_to_and_including_24(cli, report, tmp_path, age, expected):
    case = write_case(tmp_path / "case.yaml", incident={"type": "death"},
                      child={"care_leaver": True, "age_at_incident": age})
    code, findings = check_findings(cli, report, "--case", case)
    assert rules(findings) == expected and code == 0
    assert all(f["severity"] == "warning" for f in findings)
    r = cli("timeline", case, "--today", "2027-02-01", "--format", "json")
    names = {e["name"] for e in json.loads(r.stdout)["deadlines"]}
    assert ("Notification of the death to the Secretary of State and Ofsted" in names) == bool(expected)


# --- earliest publication and latest copy date agree ------------------------------------------

def test_saturday_publication():
    # Sat 13 Mar 2027: back 7 working days = Fri 12, Thu 11, Wed 10, Tue 9, Mon 8, Fri 5, Thu 4
    assert latest_copy_date(date(2027, 3, 13)) == date(2027, 3, 4)
    # sending on Thu 4 Mar allows publication from Sat 13 Mar (not Mon 15 Mar)
    assert earliest_publication(date(2027, 3, 4)) == date(2027, 3, 13)
    # Fri 5 Mar: Mon 15 still steps back to Thu 4, so the first is Tue 16 Mar
    assert earliest_publication(date(2027, 3, 5)) == date(2027, 3, 16)


def test_bank_holiday_publication():
    # Mon 28 Dec 2026 is the substitute Boxing Day bank holiday: back 7 working days =
    # Thu 24, Wed 23, Tue 22, Mon 21, Fri 18, Thu 17, Wed 16 Dec
    assert latest_copy_date(date(2026, 12, 28)) == date(2026, 12, 16)
    # sent on Wed 16 Dec: the earliest publication is Fri 25 Dec, before the planned 28 Dec
    assert earliest_publication(date(2026, 12, 16)) == date(2026, 12, 25)
    assert earliest_publication(date(2026, 12, 16)) <= date(2026, 12, 28)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_earliest_publication_is_the_first_day_latest_copy_date_allows(send):
    first = earliest_publication(send)
    assert latest_copy_date(first) >= send
    assert latest_copy_date(first - timedelta(days=1)) < send


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_sending_on_the_latest_day_allows_the_planned_publication(planned):
    assert earliest_publication(latest_copy_date(planned)) <= planned


def test_lateness_over_a_bank_holiday_weekend_is_never_zero():
    """Due Thu 25 Mar 2027; Good Friday (26), the weekend and Easter Monday (29) hold no working
    day: publishing on Sat 27 is late by 2 days; on Tue 30 by 1 working day (the 30th itself)."""
    from datetime import date

    from cspr_docs.dates import lateness_text

    assert lateness_text(date(2027, 3, 25), date(2027, 3, 27)) == "2 days (no working day between)"
    assert lateness_text(date(2027, 3, 25), date(2027, 3, 26)) == "1 day (no working day between)"
    assert lateness_text(date(2027, 3, 25), date(2027, 3, 30)) == "1 working day"
