"""`distribute` refuses a document that is not ready to publish, and writes the national pack."""

from __future__ import annotations

import email
import email.policy

import docx
import pytest

from fixtures.corpus import with_replacements, write_case, write_docx


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


@pytest.fixture
def case(tmp_path):
    return write_case(tmp_path / "case.yaml")  # publication Tue 5 Jan 2027: send by Tue 22 Dec 2026


def edited(path, change):
    d = docx.Document(str(path))
    change(d)
    d.save(str(path))
    return path


def draft_header(d):
    d.sections[0].header.paragraphs[0].text = "DRAFT - OFFICIAL-SENSITIVE"


def comment(d):
    para = d.paragraphs[2]
    d.add_comment(para.runs, text="Ask the mother again", author="A Reviewer", initials="AR")


def placeholder(d):
    d.paragraphs[2].add_run(" The panel met on [MISSING: rapid_review.meeting_date].")


def register_name(d):
    d.paragraphs[2].add_run(" Kerry Walsh was spoken to.")


def test_ready_document_is_sent(cli, tmp_path, case):
    report = write_docx(tmp_path / "report.docx")
    r = cli("distribute", case, "--document", report, "-o", tmp_path / "pack", "--today", "2026-12-01")
    assert r.code == 0, r.stdout + r.stderr
    assert "WARNING" not in r.stdout and (tmp_path / "pack" / "panel.eml").exists()


@pytest.mark.parametrize("change, rule", [(draft_header, "PUB002"), (comment, "HID001"),
                                          (placeholder, "PUB003"), (register_name, "ANO001")])
def test_not_ready_document_is_refused(cli, tmp_path, case, change, rule):
    register = tmp_path / "register.yaml"
    register.write_text("people:\n  - name: Kerry Walsh\n    pseudonym: the mother\n")
    report = edited(write_docx(tmp_path / "report.docx"), change)
    out = tmp_path / "pack"
    args = ("distribute", case, "--document", report, "--register", register, "--today", "2026-12-01")
    r = cli(*args, "-o", out)
    assert r.code == 1 and not out.exists()
    assert f"ERROR {rule}" in r.stdout and "not ready to send" in r.stderr
    forced = cli(*args, "-o", out, "--force")
    assert forced.code == 0, forced.stderr
    assert f"ERROR {rule}" in forced.stdout and "WARNING: writing the pack despite" in forced.stdout
    assert (out / "panel.eml").exists()


def test_unpublished_full_report_is_checked_for_hidden_content(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml", publication={"full_report": False,
                                                           "non_publication_justification": "Sibling."})
    info = write_docx(tmp_path / "info.docx")
    full = edited(write_docx(tmp_path / "full.docx"), comment)
    r = cli("distribute", case, "--document", info, "--full-report", full, "-o", tmp_path / "p",
            "--today", "2026-12-01", "--type", "lcspr")
    assert r.code == 1 and "full.docx" in r.stdout and "HID001" in r.stdout


def test_national_pack(cli, tmp_path):
    case = write_case(tmp_path / "case.yaml", review={"kind": "national"})
    report = write_docx(tmp_path / "report.docx", with_replacements())
    out = tmp_path / "pack"
    r = cli("distribute", case, "--document", report, "-o", out, "--today", "2026-12-01")
    assert r.code == 0, r.stdout + r.stderr
    # the Panel publishes a national review: no draft to the Panel; SoS timed; four more untimed
    assert {p.name for p in out.iterdir()} == {"secretary_of_state.eml", "ofsted.eml", "partners.eml",
                                               "cqc.eml", "hmicfrs.eml", "distribution.yaml"}
    assert parse(out / "secretary_of_state.eml")["To"].addresses[0].addr_spec == "Mailbox.CPOD@education.gov.uk"
    assert parse(out / "cqc.eml")["To"] is None
    assert "cqc.eml (no address known: fill in To; no set timescale)" in r.stdout
    body = " ".join(parse(out / "cqc.eml").get_body(preferencelist=("plain",)).get_content().split())
    assert "Child Safeguarding Practice Review Panel will publish the national" in body
    assert "Latest date to send this copy" not in body
    sos = " ".join(parse(out / "secretary_of_state.eml").get_body(preferencelist=("plain",)).get_content().split())
    assert "Latest date to send this copy: Tuesday 22 December 2026" in sos


def test_improvements_document_with_full_report_unset_sends_both(cli, tmp_path):
    """publication.full_report left out and --type improvements: the command and the pack agree
    that the full report is not published, so the Panel's draft carries the information about
    improvements and the full report (before, the pack labelled the information as the full
    report and dropped the real one)."""
    case = write_case(tmp_path / "case.yaml", publication={"full_report": None,
                                                           "non_publication_justification": "Sibling."})
    info = write_docx(tmp_path / "info.docx")
    full = write_docx(tmp_path / "full.docx")
    r = cli("distribute", case, "--document", info, "--full-report", full, "-o", tmp_path / "p",
            "--today", "2026-12-01", "--type", "improvements")
    assert r.code == 0, r.stdout + r.stderr
    names = [p.get_filename() for p in parse(tmp_path / "p" / "panel.eml").iter_attachments()]
    assert sorted(names) == ["full.docx", "info.docx"]
