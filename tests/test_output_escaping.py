"""Machine-readable outputs stay well-formed whatever the text holds: JUnit XML with control
characters, .ics with CR/LF in the case reference (parsed back with lxml and icalendar)."""

from __future__ import annotations

from lxml import etree

from cspr_docs.findings import Location, make_finding
from cspr_docs.report import Report, render_junit
from fixtures.corpus import example_data, write_case

NASTY = "Bell\x07 escape\x1b null\x00 form\x0c vtab\x0b back\x08 lone\ud800 end\uffff"


def test_junit_with_control_characters_is_well_formed_xml():
    findings = [make_finding("SEC001", f"missing section {NASTY}", Location(part="body", field="lcspr.x")),
                make_finding("TIM001", f"late {NASTY}", Location(part="body"), severity="error")]
    reports = [Report(document=f"report{NASTY}.docx", findings=findings, doc_type="lcspr",
                      checklist=[("lcspr.x", f"Item {NASTY}", "missing", f"source {NASTY}")],
                      families=["sections"]),
               Report(document="broken\x01.pdf", findings=[], error=f"cannot read {NASTY}")]
    xml = render_junit(reports)
    root = etree.fromstring(xml.encode("utf-8"))  # raises on any character XML 1.0 forbids
    text = etree.tostring(root, encoding="unicode")
    for bad in "\x07\x1b\x00\x0c\x0b\x08\ud800\uffff\x01":
        assert bad not in text
    names = [s.get("name") for s in root.iter("testsuite")]
    assert names[0].startswith("report") and "Bell\ufffd escape\ufffd" in names[0]
    failures = " ".join(f.get("message") + (f.text or "") for f in root.iter("failure"))
    assert "missing section Bell\ufffd escape\ufffd null\ufffd" in failures
    assert "late Bell\ufffd" in failures
    assert "cannot read Bell" in " ".join(e.get("message") for e in root.iter("error"))


def test_junit_keeps_ordinary_text_unchanged():
    findings = [make_finding("TIM001", "missing «Findings» – tab\there\nnext line é", Location(part="body"))]
    xml = render_junit([Report(document="r.docx", findings=findings, doc_type="lcspr", families=["sections"])])
    root = etree.fromstring(xml.encode("utf-8"))
    assert "missing «Findings» – tab\there\nnext line é" in "".join(root.itertext())


def test_check_junit_of_a_file_named_with_control_characters_parses(cli, tmp_path):
    doc = tmp_path / "notes\x1b.txt"
    doc.write_text("Introduction\n\nBell\x07 in the text.\n")
    r = cli("check", doc, "--type", "lcspr", "--format", "junit")
    assert r.code in (0, 1), r.stderr
    etree.fromstring(r.stdout.encode("utf-8"))


def ics_of(cli, tmp_path, reference: str) -> bytes:
    data = example_data()
    data["case"]["reference"] = reference
    case = write_case(tmp_path / "case.yaml", data)
    ics = tmp_path / "deadlines.ics"
    r = cli("timeline", case, "--today", "2027-02-01", "--ics", ics)
    assert r.code == 0, r.stderr
    return ics.read_bytes()


def test_ics_carries_no_bare_line_break_from_the_case_reference(cli, tmp_path):
    import icalendar

    reference = "ESCP-1\rBEGIN:VEVENT\r\nSUMMARY:forged\nX;Y,Z\\" + "long " * 30 + "\x7fend"
    raw = ics_of(cli, tmp_path, reference)
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    assert b"\x7f" not in raw
    lines = raw.decode("utf-8").split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert "SUMMARY:forged" not in lines and lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == lines.count("BEGIN:VEVENT") >= 7  # the forged one is text, not an event
    summary = str(events[0]["SUMMARY"])
    assert summary.startswith("ESCP-1\nBEGIN:VEVENT\nSUMMARY:forged\nX;Y,Z\\long long")
    assert "end: " in summary  # the control character became a space
    # an X- property is not unescaped by icalendar: its text stays escaped, on one logical line
    assert str(calendar["X-WR-CALNAME"]).startswith("ESCP-1\\nBEGIN:VEVENT\\nSUMMARY:forged\\nX\\;Y\\,Z")


def test_ics_of_an_ordinary_reference_is_unchanged(cli, tmp_path):
    import icalendar

    raw = ics_of(cli, tmp_path, "ESCP-2026-014")
    events = list(icalendar.Calendar.from_ical(raw).walk("VEVENT"))
    assert all(str(e["SUMMARY"]).startswith("ESCP-2026-014: ") for e in events)
