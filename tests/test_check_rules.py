"""Every case-file, reviewer and recommendation rule with a passing and a failing case."""

from __future__ import annotations

import json

import pytest

from conftest import check_findings
from fixtures.corpus import case_data, with_replacements, write_case, write_docx


@pytest.fixture
def report(tmp_path):
    return write_docx(tmp_path / "report.docx")


def rules(findings):
    return sorted(f["rule"] for f in findings)


def only(findings, rule):
    return [f for f in findings if f["rule"] == rule]


# --- the baseline ---------------------------------------------------------------------------

def test_compliant_report_and_case_pass(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml")
    code, findings = check_findings(cli, report, "--case", case)
    assert findings == [] and code == 0


# --- publication straddling Christmas and New Year ------------------------------------------

@pytest.mark.parametrize("sent, ok", [("2026-12-22", True), ("2026-12-23", False)])
def test_dis004_christmas_new_year(cli, report, tmp_path, sent, ok):
    case = write_case(tmp_path / "case.yaml", distribution=[
        {"recipient": "panel", "item": "full_report", "sent": "2026-12-22"},
        {"recipient": "secretary_of_state", "item": "full_report", "sent": "2026-12-22"},
        {"recipient": "ofsted", "item": "full_report", "sent": sent}])
    code, findings = check_findings(cli, report, "--case", case, "--publication-date", "2027-01-05")
    if ok:
        assert findings == [] and code == 0
    else:
        # the copy to Ofsted is a "should": a warning, not an error
        assert rules(findings) == ["DIS004"] and code == 0
        f = findings[0]
        assert f["severity"] == "warning"
        assert f["message"] == ("copy to Ofsted sent 23 Dec 2026, latest 22 Dec 2026 (6 working days "
                                "before publication on 5 Jan 2027; 7 required)")
        assert f["location"]["part"] == "case-file"
        assert f["location"]["field"] == "distribution[2].sent"
        lines = (tmp_path / "case.yaml").read_text().splitlines()
        assert "2026-12-23" in lines[f["location"]["line"] - 1]
        assert "Working Together" in f["source"]


def test_dis004_text_output_names_dates(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml", distribution=[
        {"recipient": "panel", "item": "full_report", "sent": "2026-12-23"},
        {"recipient": "secretary_of_state", "item": "full_report", "sent": "2026-12-22"},
        {"recipient": "ofsted", "item": "full_report", "sent": "2026-12-22"}])
    r = cli("check", report, "--type", "lcspr", "--case", case)
    assert r.code == 1
    assert "ERROR DIS004 copy to the Panel sent 23 Dec 2026, latest 22 Dec 2026" in r.stdout
    assert "case-file distribution[0].sent line" in r.stdout


def test_publication_date_option_overrides_planned_date(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml")  # copies sent 22 Dec; planned 5 Jan 2027
    _, findings = check_findings(cli, report, "--case", case, "--publication-date", "2027-01-04")
    assert rules(findings) == ["DIS004"] * 3
    assert "latest 21 Dec 2026" in findings[0]["message"]


@pytest.mark.parametrize("recipient, rule", [("panel", "DIS001"), ("secretary_of_state", "DIS002"),
                                             ("ofsted", "DIS003")])
def test_dis001_to_dis003_missing_copy(cli, report, tmp_path, recipient, rule):
    dist = [d for d in case_data()["distribution"] if d["recipient"] != recipient]
    case = write_case(tmp_path / "case.yaml", distribution=dist)
    code, findings = check_findings(cli, report, "--case", case)
    # the Panel and the Secretary of State must have it (error); Ofsted should (warning)
    assert rules(findings) == [rule] and code == (0 if rule == "DIS003" else 1)
    assert findings[0]["severity"] == ("warning" if rule == "DIS003" else "error")
    assert "no record of the copy of the full report" in findings[0]["message"]


def test_dis_listed_without_sent_date(cli, report, tmp_path):
    dist = case_data()["distribution"]
    dist[1]["sent"] = None
    case = write_case(tmp_path / "case.yaml", distribution=dist)
    _, findings = check_findings(cli, report, "--case", case)
    assert rules(findings) == ["DIS002"]
    assert "listed but has no sent date" in findings[0]["message"]
    assert findings[0]["location"]["field"] == "distribution[1].sent"


def test_dis005_no_publication_date(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml", publication={"planned_date": None})
    code, findings = check_findings(cli, report, "--case", case)
    assert "DIS005" in rules(findings) and code == 1
    # with the option the date is known again
    _, findings = check_findings(cli, report, "--case", case, "--publication-date", "2027-01-05")
    assert "DIS005" not in rules(findings)


def test_national_review_needs_no_copy_to_the_panel(cli, report, tmp_path):
    dist = [d for d in case_data()["distribution"] if d["recipient"] != "panel"]
    case = write_case(tmp_path / "case.yaml", distribution=dist,
                      review={"kind": "national"}, publication={"available_until": "2030-01-05"})
    r = cli("check", report, "--type", "national", "--case", case, "--format", "json")
    found = [f for f in json.loads(r.stdout)["findings"] if f["rule"].startswith(("DIS", "TIM"))]
    # no copy to the Panel is needed; the partners, CQC and HMICFRS should have one (no timescale)
    assert sorted((f["rule"], f["severity"]) for f in found) == [("DIS007", "warning")] * 3
    assert {m for f in found for m in ("the safeguarding partners", "the Care Quality Commission", "HMICFRS")
            if m in f["message"]} == {"the safeguarding partners", "the Care Quality Commission", "HMICFRS"}
    dist += [{"recipient": r, "item": "full_report", "sent": "2027-02-01"} for r in ("partners", "cqc", "hmicfrs")]
    case = write_case(tmp_path / "case.yaml", distribution=dist,
                      review={"kind": "national"}, publication={"available_until": "2030-01-05"})
    r = cli("check", report, "--type", "national", "--case", case, "--format", "json")
    assert not [f for f in json.loads(r.stdout)["findings"] if f["rule"].startswith(("DIS", "TIM"))]


# --- timescales -----------------------------------------------------------------------------

def test_tim001_notification_late(cli, report, tmp_path):
    # aware Tue 3 Mar 2026: 5 working days -> Tue 10 Mar
    ok = write_case(tmp_path / "ok.yaml", notification={"submitted": "2026-03-10"})
    assert check_findings(cli, report, "--case", ok)[1] == []
    late = write_case(tmp_path / "late.yaml", notification={"submitted": "2026-03-11"})
    code, findings = check_findings(cli, report, "--case", late)
    assert rules(findings) == ["TIM001"] and code == 0  # a warning
    assert findings[0]["severity"] == "warning"
    assert "submitted 11 Mar 2026, due 10 Mar 2026 (6 working days" in findings[0]["message"]


def test_tim002_rapid_review_late_and_clock_setting(cli, report, tmp_path):
    # aware 3 Mar 2026 -> 15 working days = 24 Mar; notified 6 Mar -> 27 Mar
    case = write_case(tmp_path / "case.yaml", rapid_review={"submitted_to_panel": "2026-03-25"})
    _, findings = check_findings(cli, report, "--case", case)
    assert rules(findings) == ["TIM002"]
    assert "due 24 Mar 2026" in findings[0]["message"]
    _, findings = check_findings(cli, report, "--case", case, "--rapid-review-clock", "notification")
    assert findings == []
    on_time = write_case(tmp_path / "ok.yaml", rapid_review={"submitted_to_panel": "2026-03-24"})
    assert check_findings(cli, report, "--case", on_time)[1] == []


def test_tim003_late_publication_needs_delay_reasons(cli, report, tmp_path):
    # decision 10 Jul 2026 -> 6 months = 10 Jan 2027; publish 5 Feb 2027
    base = dict(publication={"planned_date": "2027-02-05", "available_until": "2028-02-05"})
    late = write_case(tmp_path / "late.yaml", **base)
    code, findings = check_findings(cli, report, "--case", late)
    # delay reasons are a "should": a warning (an error only with --strict)
    assert rules(findings) == ["TIM003"] and code == 0 and findings[0]["severity"] == "warning"
    assert "after 10 Jan 2027, 6 months from the decision" in findings[0]["message"]
    dist = case_data()["distribution"] + [
        {"recipient": "panel", "item": "delay_reasons", "sent": "2026-12-01"},
        {"recipient": "secretary_of_state", "item": "delay_reasons", "sent": "2026-12-01"}]
    explained = write_case(tmp_path / "ok.yaml", distribution=dist, **base)
    assert check_findings(cli, report, "--case", explained)[1] == []


def test_tim003_six_months_is_calendar_months(cli, report, tmp_path):
    # decision 5 Jul 2026 -> 6 months = 5 Jan 2027: publishing that day is on time
    case = write_case(tmp_path / "case.yaml", review={"decision_date": "2026-07-05"})
    assert check_findings(cli, report, "--case", case)[1] == []
    case = write_case(tmp_path / "late.yaml", review={"decision_date": "2026-07-04"})
    assert rules(check_findings(cli, report, "--case", case)[1]) == ["TIM003"]


def test_tim004_availability(cli, report, tmp_path):
    short = write_case(tmp_path / "short.yaml", publication={"available_until": "2028-01-04"})
    code, findings = check_findings(cli, report, "--case", short)
    assert rules(findings) == ["TIM004"] and code == 1
    assert "until 5 Jan 2028 or later" in findings[0]["message"]
    missing = write_case(tmp_path / "missing.yaml", publication={"available_until": None})
    code, findings = check_findings(cli, report, "--case", missing)
    assert rules(findings) == ["TIM004"] and findings[0]["severity"] == "warning"


def test_tim004_national_three_years(cli, report, tmp_path):
    dist = [d for d in case_data()["distribution"] if d["recipient"] != "panel"]
    case = write_case(tmp_path / "case.yaml", review={"kind": "national"}, distribution=dist)
    r = cli("check", report, "--type", "national", "--case", case, "--format", "json")
    found = [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "TIM004"]
    assert found and "until 5 Jan 2030 or later (3 years" in found[0]["message"]


def test_tim005_commissioning_notices(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml", review={"commissioning_notified": {"dfe": None}})
    code, findings = check_findings(cli, report, "--case", case)
    assert rules(findings) == ["TIM005"] and code == 0
    assert "DfE" in findings[0]["message"]
    # a reviewer_name distribution entry to DfE counts as the notice
    dist = case_data()["distribution"] + [{"recipient": "dfe", "item": "reviewer_name", "sent": "2026-07-15"}]
    case = write_case(tmp_path / "ok.yaml", review={"commissioning_notified": {"dfe": None}}, distribution=dist)
    assert check_findings(cli, report, "--case", case)[1] == []


def test_tim005_reviewer_name_must_be_known(cli, tmp_path):
    doc = write_docx(tmp_path / "r.docx", with_replacements(
        **{"13. About the reviewer": ("13. About the reviewer", ["Lead reviewer: Jane Smith."])}))
    data = case_data()
    data["review"]["reviewer"] = None
    case = write_case(tmp_path / "case.yaml", data)
    _, findings = check_findings(cli, doc, "--case", case)
    assert rules(findings) == ["TIM005"]
    assert "name the reviewer" in findings[0]["message"]


# --- publication ----------------------------------------------------------------------------

def _improvements_case(tmp_path, name, justification_sent: bool, justification_text: bool = True):
    dist = [{"recipient": r, "item": "improvements_info", "sent": "2026-12-22"}
            for r in ("panel", "secretary_of_state", "ofsted")]
    dist += [{"recipient": r, "item": "full_report", "sent": "2026-12-22"} for r in ("panel", "secretary_of_state")]
    if justification_sent:
        dist += [{"recipient": r, "item": "non_publication_justification", "sent": "2026-12-01"}
                 for r in ("panel", "secretary_of_state")]
    return write_case(tmp_path / name, distribution=dist, publication={
        "full_report": False,
        "non_publication_justification": "Publishing would identify the surviving sibling." if justification_text
        else None})


def test_pub001_full_report_not_published_without_justification(cli, report, tmp_path):
    bad = _improvements_case(tmp_path, "bad.yaml", justification_sent=False)
    code, findings = check_findings(cli, report, "--case", bad)
    # the justification is a "should": a warning
    assert rules(findings) == ["PUB001"] and code == 0 and findings[0]["severity"] == "warning"
    assert "the Panel or the Secretary of State" in findings[0]["message"]
    no_text = _improvements_case(tmp_path, "notext.yaml", justification_sent=True, justification_text=False)
    assert rules(check_findings(cli, report, "--case", no_text)[1]) == ["PUB001"]
    good = _improvements_case(tmp_path, "good.yaml", justification_sent=True)
    assert check_findings(cli, report, "--case", good)[1] == []


def test_full_report_not_published_needs_copies_of_improvements_info(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml", publication={"full_report": False,
                                                           "non_publication_justification": "x"})
    _, findings = check_findings(cli, report, "--case", case)
    # the full report went to all three; the information about improvements to nobody
    assert rules(findings) == ["DIS006", "DIS006", "PUB001"]
    assert all("information about improvements" in f["message"] for f in only(findings, "DIS006"))
    assert {f["severity"] for f in only(findings, "DIS006")} == {"error"}


# --- notification ---------------------------------------------------------------------------

def test_not001_looked_after_child_death(cli, report, tmp_path):
    died = dict(incident={"type": "death"}, child={"looked_after": True})
    bad = write_case(tmp_path / "bad.yaml", **died)
    code, findings = check_findings(cli, report, "--case", bad)
    assert rules(findings) == ["NOT001"] and code == 1
    assert findings[0]["severity"] == "error"
    assert findings[0]["location"]["field"] == "notification.sos_ofsted_notified"
    good = write_case(tmp_path / "good.yaml", notification={"sos_ofsted_notified": "2026-03-04"}, **died)
    assert check_findings(cli, report, "--case", good)[1] == []


def test_not001_care_leaver_death_is_a_warning(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml", incident={"type": "death"}, child={"care_leaver": True})
    code, findings = check_findings(cli, report, "--case", case)
    assert rules(findings) == ["NOT001"] and findings[0]["severity"] == "warning" and code == 0


def test_not001_not_for_serious_harm(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml", child={"looked_after": True})
    assert check_findings(cli, report, "--case", case)[1] == []


# --- reviewer -------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Lead reviewer: Jane Smith",
    "Independent reviewer - Dr Sam O'Neill",
    "This report was written by Priya Shah, an independent social work consultant.",
    "The author, Alex Morgan, thanks everyone who took part.",
])
def test_rev001_reviewer_named(cli, tmp_path, line):
    doc = write_docx(tmp_path / "r.docx", with_replacements(
        **{"13. About the reviewer": ("13. About the reviewer", [line])}))
    assert not only(check_findings(cli, doc)[1], "REV001")


def test_rev001_no_reviewer(cli, tmp_path):
    doc = write_docx(tmp_path / "r.docx", with_replacements(
        **{"13. About the reviewer": ("13. Acknowledgements", ["The partnership thanks the family."])}))
    code, findings = check_findings(cli, doc)
    # "the name of the reviewer should be included": a warning, an error with --strict
    assert rules(findings) == ["REV001"] and code == 0 and findings[0]["severity"] == "warning"
    assert "Working Together" in findings[0]["source"]


def test_rev001_case_reviewer_name_in_text_counts(cli, tmp_path):
    doc = write_docx(tmp_path / "r.docx", with_replacements(
        **{"13. About the reviewer": ("13. Acknowledgements", ["Thanks to Jane Smith for this review."])}))
    case = write_case(tmp_path / "case.yaml")
    assert check_findings(cli, doc)[1] and check_findings(cli, doc, "--case", case)[1] == []


def test_rev002_reviewer_differs_from_case(cli, report, tmp_path):
    case = write_case(tmp_path / "case.yaml", review={"reviewer": {"name": "Dr Morgan Ellery"}})
    code, findings = check_findings(cli, report, "--case", case)
    assert rules(findings) == ["REV002"] and code == 0
    assert "'Jane Smith'" in findings[0]["message"] and "'Dr Morgan Ellery'" in findings[0]["message"]
    assert findings[0]["text"] == "Jane Smith"
    same = write_case(tmp_path / "same.yaml", review={"reviewer": {"name": "Ms Jane  Smith"}})
    assert check_findings(cli, report, "--case", same)[1] == []


def test_reviewer_not_required_for_rapid_review(cli, tmp_path):
    from cspr_docs.checks import run_checks
    from cspr_docs.document import read_document

    doc = write_docx(tmp_path / "r.docx", with_replacements(**{"13. About the reviewer": None}))
    report = run_checks(read_document(doc), "rapid-review")
    assert "reviewer" not in report.families


# --- recommendations ------------------------------------------------------------------------

RECS = "12. Recommendations"


def _recs(tmp_path, paragraphs):
    return write_docx(tmp_path / "r.docx", with_replacements(**{RECS: (RECS, paragraphs)}))


def test_rec_numbered_paragraphs_pass(cli, tmp_path):
    doc = _recs(tmp_path, ["The review makes two recommendations:",
                           "1. Northshire Police should share details of new adults by June 2027.",
                           "2. The safeguarding partners should audit front door decisions within 3 months."])
    assert check_findings(cli, doc)[1] == []


def test_rec001_no_owner(cli, tmp_path):
    doc = _recs(tmp_path, ["1. Improve how information about new adults is shared by 31 March 2027."])
    code, findings = check_findings(cli, doc)
    assert rules(findings) == ["REC001"] and code == 0
    assert findings[0]["severity"] == "warning"
    assert findings[0]["text"].startswith("1. Improve how")


def test_rec002_no_timescale(cli, tmp_path):
    doc = _recs(tmp_path, ["1. Northshire Police should share details of new adults with health visitors."])
    code, findings = check_findings(cli, doc)
    assert rules(findings) == ["REC002"] and code == 0
    assert "recommendation 1" in findings[0]["message"]


def test_rec_table_rows(cli, tmp_path):
    import docx

    path = write_docx(tmp_path / "r.docx", with_replacements(**{RECS: (RECS, ["Recommendations:"])}))
    d = docx.Document(path)
    # move a table in just after the Recommendations heading's paragraph
    table = d.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Recommendation", "Responsible agency", "By when"),
                                       ("Share details of new adults", "Northshire Police", "30 June 2027"),
                                       ("Audit front door decisions", "", "")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    anchor = [p for p in d.paragraphs if p.text == "Recommendations:"][0]
    anchor._p.addnext(table._tbl)
    d.save(path)
    _, findings = check_findings(cli, path)
    assert rules(findings) == ["REC001", "REC002"]
    assert all(f["location"]["part"] == "table" for f in findings)
    assert all("Audit front door" in f["text"] for f in findings)


def test_rev001_name_only_in_metadata_or_comment_does_not_count(cli, tmp_path):
    import docx

    path = write_docx(tmp_path / "r.docx", with_replacements(
        **{"13. About the reviewer": ("13. Acknowledgements", ["The partnership thanks the family."])}))
    d = docx.Document(path)
    d.core_properties.author = "Jane Smith"
    d.save(path)
    case = write_case(tmp_path / "case.yaml")
    assert "REV001" in rules(check_findings(cli, path, "--case", case)[1])


def test_rev001_name_in_footer_counts(cli, tmp_path):
    import docx

    path = write_docx(tmp_path / "r.docx", with_replacements(
        **{"13. About the reviewer": ("13. Acknowledgements", ["The partnership thanks the family."])}))
    d = docx.Document(path)
    d.sections[0].footer.paragraphs[0].text = "Independent reviewer: Jane Smith"
    d.save(path)
    assert "REV001" not in rules(check_findings(cli, path)[1])
