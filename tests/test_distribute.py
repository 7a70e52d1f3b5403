"""`distribute`: .eml drafts to the statutory recipients with the report attached, the
distribution.yaml snippet, and refusal once the latest send date has passed."""

from __future__ import annotations

import email
import email.policy
from datetime import date

import pytest
from ruamel.yaml import YAML

from cspr_docs.casefile import recipients, validate_data
from cspr_docs.dates import earliest_publication, latest_copy_date
from fixtures.corpus import example_data, write_case, write_pdf

STATUTORY = {"panel": "Mailbox.NationalReviewPanel@education.gov.uk",
             "secretary_of_state": "Mailbox.CPOD@education.gov.uk",
             "ofsted": "SCR.SIN@ofsted.gov.uk"}


@pytest.fixture
def report_pdf(tmp_path):
    return write_pdf(tmp_path / "final report.pdf")


def case_with(tmp_path, **publication):
    """The example case with ``publication`` fields changed (None removes one)."""
    data = example_data()
    for key, value in publication.items():
        if value is None:
            data["publication"].pop(key, None)
        else:
            data["publication"][key] = value
    return write_case(tmp_path / "case.yaml", data)


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def body_of(path) -> str:
    """The plain-text body with its line wrapping undone."""
    return " ".join(parse(path).get_body(preferencelist=("plain",)).get_content().split())


def test_one_draft_per_statutory_recipient_with_the_report_attached(cli, tmp_path, example_case, report_pdf):
    out = tmp_path / "pack"  # created
    result = cli("distribute", example_case, "--document", report_pdf, "-o", out, "--today", "2027-02-20")
    assert result.code == 0, result.stderr
    assert {p.name for p in out.iterdir()} == {f"{k}.eml" for k in STATUTORY} | {"distribution.yaml"}
    statutory = {k: v["address"] for k, v in recipients()["recipients"].items() if v["statutory"]}
    assert statutory == STATUTORY
    for key, address in STATUTORY.items():
        msg = parse(out / f"{key}.eml")
        assert msg["To"].addresses[0].addr_spec == address
        assert msg["X-Unsent"] == "1"
        assert msg["From"] is None
        assert msg["Subject"] == "Child safeguarding practice review ESCP-2026-014: copy before publication"
        body = body_of(out / f"{key}.eml")
        assert "Wednesday 10 March 2027" in body          # planned publication
        assert "Monday 1 March 2027" in body              # 7 working days before
        assert "7 working days before publication" in body
        assert "Working Together" in body and report_pdf.name in body
        attachments = list(msg.iter_attachments())
        assert len(attachments) == 1
        assert attachments[0].get_content_type() == "application/pdf"
        assert attachments[0].get_filename() == report_pdf.name
        assert attachments[0].get_content() == report_pdf.read_bytes()


def test_snippet_is_valid_distribution_for_the_case_file(cli, tmp_path, example_case, report_pdf):
    out = tmp_path / "pack"
    assert cli("distribute", example_case, "--document", report_pdf, "-o", out,
               "--today", "2027-02-20").code == 0
    entries = YAML(typ="safe").load((out / "distribution.yaml").read_text())
    assert entries == [{"recipient": k, "item": "full_report", "sent": date(2027, 2, 20)} for k in STATUTORY]
    case, problems = validate_data({"distribution": entries})
    assert problems == [] and len(case.distribution) == 3


def test_improvements_info_when_the_full_report_is_not_published(cli, tmp_path, report_pdf):
    case = case_with(tmp_path, full_report=False,
                      non_publication_justification="Publishing would identify the child's siblings.")
    out = tmp_path / "pack"
    # the full report is not published but must still go to the Panel and the Secretary of State
    missing = cli("distribute", case, "--document", report_pdf, "-o", out, "--today", "2027-02-20")
    assert missing.code == 2 and "--full-report" in missing.stderr and not out.exists()
    full = write_pdf(tmp_path / "full report.pdf")
    result = cli("distribute", case, "--document", report_pdf, "--full-report", full, "-o", out,
                 "--today", "2027-02-20")
    assert result.code == 0, result.stderr
    entries = YAML(typ="safe").load((out / "distribution.yaml").read_text())
    assert {(e["recipient"], e["item"]) for e in entries} == {
        ("panel", "full_report"), ("secretary_of_state", "full_report"),
        ("panel", "improvements_info"), ("secretary_of_state", "improvements_info"),
        ("ofsted", "improvements_info"), ("panel", "non_publication_justification"),
        ("secretary_of_state", "non_publication_justification")}
    panel = body_of(out / "panel.eml")
    assert "information about improvements" in panel and "siblings" in panel
    assert "The full report will not be published: please do not share it." in panel
    for key in ("panel", "secretary_of_state"):
        names = [a.get_filename() for a in parse(out / f"{key}.eml").iter_attachments()]
        assert names == ["full report.pdf", "final report.pdf"]
    assert [a.get_filename() for a in parse(out / "ofsted.eml").iter_attachments()] == ["final report.pdf"]
    ofsted = body_of(out / "ofsted.eml")
    assert "siblings" not in ofsted


def test_docx_attachment_mime_type(cli, tmp_path, example_case):
    document = tmp_path / "report.docx"
    assert cli("render", example_case, "--type", "lcspr", "-o", document).code == 0
    out = tmp_path / "pack"
    assert cli("distribute", example_case, "--document", document, "-o", out, "--today", "2027-02-20").code == 0
    part = next(parse(out / "ofsted.eml").iter_attachments())
    assert part.get_content_type() == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert part.get_content() == document.read_bytes()


def test_damaged_document_is_never_attached(cli, tmp_path, example_case):
    document = tmp_path / "report.docx"
    document.write_bytes(b"PK\x03\x04 not really a docx")
    out = tmp_path / "pack"
    r = cli("distribute", example_case, "--document", document, "-o", out, "--today", "2027-02-20")
    assert r.code == 2 and "report.docx" in r.stderr and r.stderr.count("\n") == 1
    assert not out.exists()


def test_christmas_bank_holidays():
    assert latest_copy_date(date(2027, 1, 5)) == date(2026, 12, 22)
    assert earliest_publication(date(2026, 12, 23)) == date(2027, 1, 6)


def test_last_day_is_accepted_and_the_day_after_refused(cli, tmp_path, example_case, report_pdf):
    args = ("distribute", example_case, "--document", report_pdf, "--publication-date", "2027-01-05")
    ok = cli(*args, "-o", tmp_path / "ok", "--today", "2026-12-22")
    assert ok.code == 0, ok.stderr
    assert "Tuesday 22 December 2026" in ok.stdout
    late = cli(*args, "-o", tmp_path / "late", "--today", "2026-12-23")
    assert late.code == 1
    assert "by 1 working day" in late.stderr and "Tuesday 22 December 2026" in late.stderr
    assert len(late.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "late").exists()
    # 24 Dec, then 25/26 Dec (Christmas, Boxing Day), 28 Dec (substitute day): still 2 working days late
    later = cli(*args, "-o", tmp_path / "late", "--today", "2026-12-28")
    assert later.code == 1 and "by 2 working days" in later.stderr


def test_publication_date_option_overrides_the_case_file(cli, tmp_path, example_case, report_pdf):
    result = cli("distribute", example_case, "--document", report_pdf, "-o", tmp_path / "p",
                 "--publication-date", "2027-03-31", "--today", "2027-03-05")
    assert result.code == 0, result.stderr
    body = body_of(tmp_path / "p" / "panel.eml")
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March are not working days
    assert "Wednesday 31 March 2027" in body and "Thursday 18 March 2027" in body
    refused = cli("distribute", example_case, "--document", report_pdf, "-o", tmp_path / "q",
                  "--today", "2027-03-05")  # the case file's 10 March: latest send 1 March
    assert refused.code == 1 and "by 4 working days" in refused.stderr


def test_no_publication_date_is_exit_1(cli, tmp_path, report_pdf):
    case = case_with(tmp_path, planned_date=None)
    result = cli("distribute", case, "--document", report_pdf, "-o", tmp_path / "p", "--today", "2027-01-01")
    assert result.code == 1 and "publication" in result.stderr and "--publication-date" in result.stderr
    assert not (tmp_path / "p").exists()


def test_never_overwrites_without_force(cli, tmp_path, example_case, report_pdf):
    out = tmp_path / "pack"
    out.mkdir()
    (out / "panel.eml").write_bytes(b"keep me")
    args = ("distribute", example_case, "--document", report_pdf, "-o", out, "--today", "2027-02-20")
    result = cli(*args)
    assert result.code == 2 and "--force" in result.stderr
    assert (out / "panel.eml").read_bytes() == b"keep me"
    assert not (out / "ofsted.eml").exists()  # nothing half-written
    assert cli(*args, "--force").code == 0
    assert parse(out / "panel.eml")["X-Unsent"] == "1"


@pytest.mark.parametrize("problem", ["missing-case", "bad-case", "missing-document", "empty-document",
                                     "bad-date", "out-is-file"])
def test_unreadable_inputs_are_exit_2(cli, tmp_path, example_case, report_pdf, problem):
    case, document, out, today = example_case, report_pdf, tmp_path / "pack", "2027-02-20"
    if problem == "missing-case":
        case = tmp_path / "nope.yaml"
    elif problem == "bad-case":
        case = tmp_path / "bad.yaml"
        case.write_text("publication: {planned_date: soon}\n")
    elif problem == "missing-document":
        document = tmp_path / "nope.pdf"
    elif problem == "empty-document":
        document = tmp_path / "empty.pdf"
        document.write_bytes(b"")
    elif problem == "bad-date":
        today = "23/12/2026"
    elif problem == "out-is-file":
        out.write_text("a file")
    result = cli("distribute", case, "--document", document, "-o", out, "--today", today)
    assert result.code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
