"""``cspr-docs scan``: SPEC §6 output, exit codes, every part of a .docx, allow-lists, offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from corpus.docx_builder import build_sensitive_docx

TEXT = ("Review of the circumstances of Child A\n\n"
        "In March 2021 the health visitor, Priya Sharma, visited Mrs Walsh at 14 Elm Road.\n"
        "Jayden's nursery, Little Acorns Nursery, made a referral to Children's Social Care on "
        "3 May 2021.\n\n"
        "The Designated Safeguarding Lead told the Panel that Section 47 enquiries began in summer 2022.\n")


@pytest.fixture
def txt(tmp_path) -> Path:
    p = tmp_path / "report.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p


def findings(result):
    return json.loads(result.stdout)["findings"]


def test_scan_txt_with_register_is_exit_1_and_offsets_are_file_offsets(cli, txt, example_register):
    result = cli("scan", txt, "--register", example_register, "--format", "json")
    assert result.code == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["error"] >= 4
    for f in data["findings"]:
        loc = f["location"]
        assert loc["paragraph"] is None and loc["part"] == "body"
        assert TEXT[loc["start"]:loc["end"]] == f["text"]
        assert f["rule"] in ("ANO001", "ANO002")
    ano1 = {f["text"] for f in data["findings"] if f["rule"] == "ANO001"}
    assert {"Mrs Walsh", "14 Elm Road", "Jayden", "Little Acorns Nursery"} <= ano1
    ano2 = {f["text"]: f for f in data["findings"] if f["rule"] == "ANO002"}
    assert ano2["Priya Sharma"]["entity"] == "PERSON" and ano2["Priya Sharma"]["severity"] == "warning"
    assert ano2["3 May 2021"]["entity"] == "DATE"
    flagged = " ".join(f["text"] for f in data["findings"])
    for ok in ("March 2021", "summer 2022", "Child A", "Section 47", "Children's Social Care",
               "Designated Safeguarding Lead", "the Panel", "health visitor"):
        assert ok not in flagged


def test_text_format_never_prints_the_identifying_text(cli, txt, example_register):
    result = cli("scan", txt, "--register", example_register)
    assert result.code == 1
    assert "ANO001" in result.stdout and "error(s)" in result.stdout.splitlines()[-1]
    for secret in ("Walsh", "Elm Road", "Acorns", "Priya"):
        assert secret not in result.stdout and secret not in result.stderr


def test_scan_without_register_is_exit_0_with_warnings(cli, txt):
    result = cli("scan", txt, "--format", "json")
    assert result.code == 0
    assert findings(result) and all(f["rule"] == "ANO002" for f in findings(result))


def test_scan_docx_reports_every_part(cli, tmp_path, example_register):
    path = build_sensitive_docx(tmp_path / "report.docx")
    result = cli("scan", path, "--register", example_register, "--format", "json")
    assert result.code == 1
    ano1 = [f for f in findings(result) if f["rule"] == "ANO001"]
    parts = {f["location"]["part"] for f in ano1}
    assert {"body", "table", "header", "footer", "footnote", "comment", "tracked-change",
            "properties"} <= parts
    split = [f for f in ano1 if f["text"] == "Jayden Walsh" and f["location"]["part"] == "body"]
    assert split and split[0]["location"]["paragraph"] == 2
    assert split[0]["location"]["start"] == len("The review concerns ")


def test_scan_sarif_and_junit(cli, txt, example_register):
    sarif = cli("scan", txt, "--register", example_register, "--format", "sarif")
    assert sarif.code == 1
    rules = {r["id"] for r in json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    assert "ANO001" in rules
    junit = cli("scan", txt, "--register", example_register, "--format", "junit")
    assert junit.code == 1 and "anonymisation" in junit.stdout


def test_min_score_filters(cli, txt):
    assert not findings(cli("scan", txt, "--format", "json", "--min-score", "1.0"))


def test_allow_file_and_case_public_names(cli, tmp_path, txt):
    allow = tmp_path / "allow.yaml"
    allow.write_text("terms: [Priya Sharma]\n")
    result = cli("scan", txt, "--format", "json", "--allow", allow)
    assert "Priya Sharma" not in {f["text"] for f in findings(result)}

    report = tmp_path / "lcspr.txt"
    report.write_text("Alison Reed met practitioners from Exampleton with the partnership. "
                      "Ben Carter was interviewed.\n")
    case = tmp_path / "case.yaml"
    case.write_text("case: {partnership: Exampleton Safeguarding Children Partnership, "
                    "local_authority: Exampleton}\n"
                    "review: {reviewer: {name: Alison Reed}}\n")
    texts = {f["text"] for f in findings(cli("scan", report, "--format", "json", "--case", case))}
    assert not any("Reed" in t or "Exampleton" in t for t in texts)
    assert "Ben Carter" in texts
    texts = {f["text"] for f in findings(cli("scan", report, "--format", "json"))}
    assert any("Reed" in t for t in texts)


def test_bad_inputs_are_exit_2_one_line(cli, tmp_path, txt):
    missing = cli("scan", tmp_path / "nope.docx")
    assert missing.code == 2 and "no such file" in missing.stderr
    reg = tmp_path / "register.yaml"
    reg.write_text("people: [{name: Secret Name, surname: x}]\n")
    bad = cli("scan", txt, "--register", reg)
    assert bad.code == 2 and str(reg) in bad.stderr and "Secret" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    assert cli("scan", fake).code == 2
    model = cli("scan", txt, "--model", "no_such_model_xyz")
    assert model.code == 2 and "no_such_model_xyz" in model.stderr


def test_output_file(cli, txt, tmp_path):
    out = tmp_path / "findings.json"
    result = cli("scan", txt, "--format", "json", "-o", out)
    assert result.code == 0 and json.loads(out.read_text())["findings"]


OFFLINE_PROBE = r"""
import socket, sys
attempts = []
def guard(name):
    def blocked(*args, **kwargs):
        attempts.append(name)
        raise OSError("network blocked by test")
    return blocked
for name in ("connect", "connect_ex"):
    setattr(socket.socket, name, guard(name))
for name in ("getaddrinfo", "create_connection", "gethostbyname", "gethostbyname_ex"):
    setattr(socket, name, guard(name))
from cspr_docs.cli import run
code = run(["scan", sys.argv[1], "--format", "json", "-o", sys.argv[2]])
print("ATTEMPTS", attempts)
sys.exit(code)
"""


def test_scan_never_touches_the_network(tmp_path):
    """A fresh interpreter with every way out recorded and refused: model loading, the email
    recogniser's public-suffix check and the scan itself must attempt no connection."""
    doc = docx.Document()
    doc.add_paragraph("Contact the family on kelly.walsh@example.co.uk or jay99@mail.example.com.")
    path = tmp_path / "email.docx"
    doc.save(path)
    out = tmp_path / "out.json"
    env = {k: v for k, v in os.environ.items() if "PROXY" not in k.upper()}
    env["HOME"] = str(tmp_path)  # no tldextract cache to fall back on
    env.pop("XDG_CACHE_HOME", None)
    proc = subprocess.run([sys.executable, "-c", OFFLINE_PROBE, str(path), str(out)],
                          capture_output=True, text=True, env=env, timeout=240)
    assert "ATTEMPTS []" in proc.stdout, proc.stdout + proc.stderr
    assert proc.returncode == 0, proc.stderr
    found = json.loads(out.read_text())["findings"]
    assert {f["text"] for f in found if f["entity"] == "EMAIL_ADDRESS"} == {
        "kelly.walsh@example.co.uk", "jay99@mail.example.com"}


def test_model_setting_from_environment(cli, txt, monkeypatch):
    monkeypatch.setenv("CSPR_DOCS_SPACY_MODEL", "en_core_web_nonexistent")
    result = cli("scan", txt)
    assert result.code == 2 and "en_core_web_nonexistent" in result.stderr


def test_public_context_is_not_flagged(cli, tmp_path):
    """The reviewer's name (REV001 requires it), public bodies' place names, deadlines and
    dates still to come, and ethnicity are not identifying leaks; a past exact date is."""
    path = tmp_path / "r.txt"
    path.write_text("The lead reviewer, Jane Smith, met Kelly Walsh. Written by Tom Reid.\n\n"
                    "Northshire Safeguarding Children Partnership agreed to act by 31 March 2020; "
                    "the next review is on 14 May 2099. Child A is Black Caribbean.\n\n"
                    "The reviewer met Priya Patel on 3 May 2021.\n")
    found = findings(cli("scan", path, "--format", "json"))
    assert {f["text"] for f in found if f["severity"] != "info"} == {"Kelly Walsh", "Priya Patel", "3 May 2021"}
    # the credits are reported, as information only (issue 11)
    assert {f["text"] for f in found if f["severity"] == "info"} == {"Jane Smith", "Tom Reid"}


def test_case_process_dates_are_public_but_not_the_incident_date(cli, tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("The rapid review met on 16 September 2020. The incident happened on "
                    "1 September 2020.\n")
    case = tmp_path / "case.yaml"
    case.write_text("incident: {date: 2020-09-01}\nrapid_review: {meeting_date: 2020-09-16}\n")
    texts = {f["text"] for f in findings(cli("scan", path, "--format", "json", "--case", case))}
    assert texts == {"1 September 2020"}


def test_ethnicity_categories_and_generic_public_places_are_not_names(cli, tmp_path):
    """Written down first: census-style ethnicity phrases, "the Town Hall" and "the Endowment Fund"
    name no one (0 findings); the same words as surnames next to a forename or title are still
    names (Mrs White, Kelly White, Mr Black, Mr Green: 4 findings)."""
    clean = tmp_path / "clean.txt"
    clean.write_text("The family described their heritage as Black British Caribbean and White and Black "
                     "Caribbean.\n\nThe Endowment Fund paid for the holiday club. The meeting took place at "
                     "the Town Hall.\n\nThe mother identified as Mixed White and Asian; the father as Asian "
                     "British Pakistani.\n", encoding="utf-8")
    r = cli("scan", clean, "--format", "json")
    assert findings(r) == []
    names = tmp_path / "names.txt"
    names.write_text("Mrs White attended the meeting. Kelly White and her son moved. Mr Black and "
                     "Mr Green met.\n", encoding="utf-8")
    texts = [f["text"] for f in findings(cli("scan", names, "--format", "json"))]
    assert any("White" in t for t in texts) and "Kelly White" in texts
    assert any("Black" in t for t in texts) and any("Green" in t for t in texts)


def test_an_email_header_quoted_in_a_sentence_names_the_whole_person(cli, tmp_path):
    """"headed To: Warsame, Hodan and ..." mid-paragraph: the surname and forename are one finding
    (redaction would otherwise leave the surname); an ordinary "to:" in prose is not a header."""
    path = tmp_path / "hdr.txt"
    path.write_text("5.2 The email was headed To: Warsame, Hodan and was copied to the school office.\n\n"
                    "5.3 The agenda had one item to: review the plan, agree actions.\n", encoding="utf-8")
    texts = [f["text"] for f in findings(cli("scan", path, "--format", "json"))]
    assert texts == ["Warsame, Hodan"]


def test_published_page_furniture_is_not_named(cli, tmp_path):
    """Habits of published pages that gave false alarms on unseen text: a partnership named with a
    curly apostrophe makes its area public; a bulleted line opening with a verb; a quoted old name
    after "referred to as"; plural role words ("Local Authorities"); "Learning Briefing" lists.
    Written down first: no finding; and a real name in the same page is still found."""
    page = tmp_path / "page.txt"
    page.write_text(
        "This changed in Sandwell, when the board was replaced by Sandwell Children\u2019s "
        "Safeguarding Partnership.\n\nThe Panel reviews cases that:\n  \u2022 Raises or may raise issues "
        "needing new guidance;\n\nThese were formerly referred to as \u2018Serious Case Reviews\u2019 and "
        "are decided at the Rapid Review.\n\nDuty on Local Authorities to notify the Panel.\n\n"
        "Learning Briefings\n- Child H Practitioner Learning Briefing\n- Neglect Learning Briefing\n",
        encoding="utf-8")
    assert findings(cli("scan", page, "--format", "json")) == []
    page.write_text(page.read_text(encoding="utf-8") + "\nKelly Brannigan rang the duty desk.\n",
                    encoding="utf-8")
    assert [f["text"] for f in findings(cli("scan", page, "--format", "json"))] == ["Kelly Brannigan"]
