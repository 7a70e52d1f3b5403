"""`check` reads real reports as a person does (issue 12): a realistic-layout corpus in .docx,
.pdf, .md and .txt (tests/fixtures/realistic.py) whose expected findings were written down in
tests/realistic/expected.yaml before the tool was run. Both directions: nothing a reader would
call wrong on the well-formed reports, and each real fault in the faulty ones caught."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from fixtures import realistic
from fixtures.corpus import case_data, write_case

EXPECTED = YAML(typ="safe").load((Path(__file__).parent / "realistic" / "expected.yaml").read_text())
#: the rules that read a report's structure and text
SCOPE = ("SEC", "REV", "REC", "PUB003")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return realistic.build(tmp_path_factory.mktemp("realistic"))


def _check(path: Path, tmp_path: Path):
    from cspr_docs.casefile import load_case_with_raw
    from cspr_docs.checks import run_checks
    from cspr_docs.document import read_document

    case = raw = None
    if path.name == "missing.md":  # the case file names the child Child M
        case, raw = load_case_with_raw(write_case(tmp_path / "case.yaml", case_data(
            child={"pseudonym": "Child M"}, review={"reviewer": {"name": "Hayley Frame"}})))
    return run_checks(read_document(path), "lcspr", case=case, case_raw=raw)


def _in_scope(findings):
    return [f for f in findings if f.rule.startswith(SCOPE)]


def _matches(finding, expected: dict) -> bool:
    return finding.rule == expected["rule"] and \
        expected.get("contains", "") in finding.message and \
        ("text" not in expected or expected["text"] in (finding.text or ""))


def unexpected_and_missed(findings, expected: list[dict]):
    left = list(findings)
    missed = []
    for exp in expected:
        hit = next((f for f in left if _matches(f, exp)), None)
        if hit is None:
            missed.append(exp)
        else:
            left.remove(hit)
    return left, missed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_a_reader_expects(corpus, name, tmp_path):
    report = _check(corpus[name], tmp_path)
    wrong, missed = unexpected_and_missed(_in_scope(report.findings), EXPECTED[name] or [])
    assert not wrong, [(f.rule, f.message, f.text) for f in wrong]
    assert not missed, missed


@pytest.mark.parametrize("name", ["good.docx", "good.pdf", "good.md", "good.txt", "good-bold.docx",
                                  "good-chapters.pdf"])
def test_contents_list_is_evidence_not_sections(corpus, name):
    from cspr_docs.checks.outline import build_outline
    from cspr_docs.document import read_document

    doc = read_document(corpus[name])
    outline = build_outline(doc)
    assert len(doc.contents) >= 10  # every entry recognised
    titles = [h.block.text for h in outline.headings if h.level >= 1]
    # no contents entry became a heading: each heading appears once and has its own text
    assert len(titles) == len(set(titles))
    assert all(outline.has_body(h) for h in outline.headings if h.level >= 1)
    # the cover page's title is not a section
    assert not any("Practice Review" in t for t in titles)


def test_checklist_rows_all_present_on_good_reports(corpus, tmp_path):
    for name in sorted(n for n in corpus if n.startswith("good")):
        rows = _check(corpus[name], tmp_path).checklist
        assert [r for r in rows if r[2] != "ok"] == [], name


def test_recommendations_row_reflects_rec002(corpus, tmp_path):
    rows = {r[0]: r[2] for r in _check(corpus["missing.pdf"], tmp_path).checklist}
    assert rows["lcspr.recommendations-who-when"] == "missing"
    # a summary of recommended improvements is the recommendations section: no second heading asked for
    assert rows["lcspr.recommendations"] == "ok"


def test_placeholder_only_section_is_not_present(corpus, tmp_path):
    rows = {r[0]: r[2] for r in _check(corpus["missing.md"], tmp_path).checklist}
    assert rows["lcspr.good-practice"] == "empty"


def test_text_output_names_heading_and_snippet(corpus, tmp_path):
    from cspr_docs.report import render_text

    text = render_text([_check(corpus["missing.pdf"], tmp_path)])
    line = next(l for l in text.splitlines() if "REC002" in l)
    assert 'under "11. Summary of recommended improvements"' in line or \
        'under "10. Summary of recommended improvements"' in line
    assert "page " in line and 'near "Recommendation 2: The partnership should consider' in line
    assert "¶" not in line


def test_demo_refuses_a_folder_that_holds_files(cli, tmp_path):
    out = tmp_path / "demo-out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    r = cli("demo", str(out))
    assert r.code == 2 and "--force" in r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]  # nothing written


def test_init_learning_briefing(cli, tmp_path):
    r = cli("init", str(tmp_path / "case"), "--type", "learning-briefing")
    assert r.code == 0 and (tmp_path / "case" / "case.yaml").exists()


def test_progress_shown_on_a_terminal_only_after_a_delay(monkeypatch):
    import io
    import time

    from cspr_docs import progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    monkeypatch.setattr("sys.stderr", stream)
    monkeypatch.delenv("CSPR_DOCS_NO_PROGRESS", raising=False)
    monkeypatch.setattr(progress, "INTERVAL", 0.02)
    progress.start("reading r.pdf")
    progress.step("reading r.pdf: page", 1, 201)
    time.sleep(0.1)
    assert stream.getvalue() == ""  # quick work stays silent
    progress.done()
    monkeypatch.setattr(progress, "DELAY", 0.0)
    progress.start("reading r.pdf")
    progress.step("reading r.pdf: page", 57, 201)
    deadline = time.monotonic() + 5
    while "57 of 201" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "reading r.pdf: page: 57 of 201 (0 s)" in stream.getvalue()
    progress.done()
    assert stream.getvalue().endswith("\r\x1b[2K")
    plain = io.StringIO()  # not a terminal: nothing, and no thread
    monkeypatch.setattr("sys.stderr", plain)
    progress.start("x")
    progress.step("x", 1, 2)
    time.sleep(0.1)
    progress.done()
    assert plain.getvalue() == ""


def test_text_output_never_quotes_identifying_details(cli, tmp_path):
    """The snippet that helps find a finding leaves out what the anonymisation rules found."""
    report = tmp_path / "r.md"
    report.write_text("# Review\n\n## 1. Recommendations\n\n"
                      "1. Staff at Jayden Walsh's school should hear about attendance concerns sooner.\n",
                      encoding="utf-8")
    register = tmp_path / "register.yaml"
    register.write_text("people:\n  - {name: Jayden Walsh, pseudonym: Child M}\nplaces: []\nother: []\n",
                        encoding="utf-8")
    r = cli("check", report, "--type", "lcspr", "--register", register)
    assert "REC002" in r.stdout and 'under "1. Recommendations"' in r.stdout
    assert "Jayden" not in r.stdout and "Walsh" not in r.stdout
    assert "[\u2026]" in r.stdout


@pytest.mark.parametrize("heading, items", [
    ("Circumstances that led to the review", {"introduction"}),
    ("Narrative of events", {"background"}),
    ("Summary of significant events", {"background"}),
    ("Case narrative and evaluation of practice", {"background", "analysis"}),
    ("Key issues", {"analysis"}),
    ("Lessons learned", {"analysis"}),
    ("Conclusions and lessons learned", {"analysis", "conclusions"}),
    ("Family perspectives", {"family-involvement"}),
    ("Appraisal of practice", {"analysis"}),
    # strict enough: these satisfy nothing a reader would not
    ("Acknowledgements", set()),
    ("Appendix A: Glossary", set()),
    ("Practitioner perspectives", set()),
    ("Parallel processes", set()),
])
def test_heading_vocabulary_from_real_reports(heading, items):
    from cspr_docs.checks.checklist import checklist_for
    from cspr_docs.checks.outline import any_match, normalise_heading

    found = {i.id.split(".", 1)[1] for i in checklist_for("lcspr").items
             if i.headings and any_match(i.headings, normalise_heading(heading))}
    assert found == items


def test_html_checklist_does_not_tick_a_placeholder_section(cli, corpus, tmp_path):
    import re

    out = tmp_path / "report.html"
    cli("check", corpus["missing.md"], "--type", "lcspr", "--format", "html", "-o", out)
    rows = {re.sub(r"<[^>]+>", " ", m.group(2)).split()[0]: m.group(1)
            for m in re.finditer(r'<tr[^>]*status-(\w+)[^>]*>(.*?)</tr>', out.read_text(), re.S)}
    assert rows["lcspr.good-practice"] == "empty"
    assert rows["lcspr.recommendations-who-when"] == "missing"
    assert rows["lcspr.methodology"] == "ok"


def test_cover_subtitle_of_an_untagged_pdf_is_not_a_heading(corpus):
    from cspr_docs.document import read_document
    from cspr_docs.inspect.a11y import heading_findings

    doc = read_document(corpus["good.pdf"])
    cover = [b for b in doc.blocks if b.kind == "heading" and b.location.page == 1]
    assert cover and all(b.level == 0 for b in cover)
    assert heading_findings(doc) == []


def test_a_toc_field_left_open_does_not_swallow_the_report(tmp_path):
    """A damaged file whose TOC field never ends: the headings after it are still sections."""
    import docx

    from cspr_docs.checks.outline import build_outline
    from cspr_docs.document import read_document

    d = docx.Document()
    from docx.enum.style import WD_STYLE_TYPE

    d.styles.add_style("TOC 1", WD_STYLE_TYPE.PARAGRAPH)
    for i, title in enumerate(["1. Introduction", "2. Methodology"]):
        realistic._toc_paragraph(d, title, 3 + i, f"_Toc{i}", "TOC 1", first=i == 0, last=False)
    for title in ["1. Introduction", "2. Methodology"]:
        d.add_heading(title, level=1)
        d.add_paragraph("The review met practitioners from every agency involved.")
    path = tmp_path / "open-toc.docx"
    d.save(str(path))
    doc = read_document(path)
    assert len(doc.contents) == 2
    outline = build_outline(doc)
    assert [h.block.text for h in outline.headings] == ["1. Introduction", "2. Methodology"]
    assert all(outline.has_body(h) for h in outline.headings)


def test_lines_ending_in_numbers_are_not_a_contents_list(tmp_path):
    """Counts in the body (no "Contents" title, titles not repeated as headings) stay body text."""
    from cspr_docs.document import read_document

    path = tmp_path / "r.md"
    path.write_text("# Review\n\n## 1. Narrative of events\n\nContacts in the year before the incident:\n\n"
                    "Home visits by the health visitor 2\nAppointments with the GP 3\n"
                    "Sessions at the children's centre 5\n\n## 2. Analysis\n\nThe contacts were brief.\n",
                    encoding="utf-8")
    doc = read_document(path)
    assert doc.contents == [] and not any(b.contents for b in doc.blocks)


def test_word_list_sub_points_belong_to_their_recommendation(tmp_path):
    """Recommendations numbered by Word: a sub-point is part of the one above, not a recommendation
    naming no owner; a top-level item naming no owner is still caught."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from cspr_docs.checks import run_checks
    from cspr_docs.document import read_document

    d = docx.Document()
    d.add_heading("1. Introduction", 1)
    d.add_paragraph("The partnership commissioned this review after a serious incident.")
    d.add_heading("2. Recommendations", 1)
    d.add_paragraph("The review makes three recommendations.")
    items = [("Northshire Police should share details of new adults with health visitors by June 2027.", 0),
             ("Training for call handlers is to be refreshed as part of this.", 1),
             ("Northshire Council should audit front door decisions within six months.", 0),
             ("Information about fathers should be recorded at every contact by March 2027.", 0)]
    for text, level in items:
        p = d.add_paragraph(text, style="List Number")
        num = OxmlElement("w:numPr")
        for tag, val in (("w:ilvl", str(level)), ("w:numId", "1")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            num.append(el)
        p._p.get_or_add_pPr().append(num)
    path = tmp_path / "list.docx"
    d.save(str(path))
    found = [(f.rule, f.text) for f in run_checks(read_document(path), "lcspr").findings
             if f.rule.startswith("REC")]
    assert found == [("REC001", "Information about fathers should be recorded at every contact by March 2027.")]
