"""SEC001/SEC002 over a corpus of report layouts: styled, custom-styled, outline-level, numbered
and unstyled Word files, PDFs with font sizes, bookmarks or neither, Markdown and plain text."""

from __future__ import annotations

import pytest

from conftest import check_findings
from fixtures.corpus import WRITERS, unnumbered, with_replacements, without_systemic

LAYOUTS = sorted(WRITERS)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_complete_report_passes_in_every_layout(cli, tmp_path, layout):
    path = WRITERS[layout](tmp_path / "report")
    code, findings = check_findings(cli, path)
    assert findings == [] and code == 0


@pytest.mark.parametrize("layout", LAYOUTS)
def test_analysis_and_findings_alone_is_not_systemic_reasons(cli, tmp_path, layout):
    path = WRITERS[layout](tmp_path / "report", without_systemic())
    code, findings = check_findings(cli, path)
    assert [(f["rule"], f["location"]["field"]) for f in findings] == [("SEC001", "lcspr.systemic-reasons")]
    assert code == 1 and findings[0]["severity"] == "error"
    assert "systemic or underlying reasons" in findings[0]["message"]
    assert "Working Together to Safeguard Children 2023, ch.5" in findings[0]["source"]


def test_numbered_unstyled_docx_same_result_as_pdf(cli, tmp_path):
    """The acceptance pair: a report whose headings are numbered and unstyled, and the same as PDF."""
    broken = without_systemic()
    docx_path = WRITERS["docx-numbered-unstyled"](tmp_path / "a", broken)
    pdf_path = WRITERS["pdf-font"](tmp_path / "b", broken)
    assert [f["rule"] for f in check_findings(cli, docx_path)[1]] == [f["rule"] for f in check_findings(cli, pdf_path)[1]] == ["SEC001"]


@pytest.mark.parametrize("layout", ["docx-styled", "docx-numbered-unstyled", "pdf-font", "markdown"])
def test_explicit_text_about_underlying_reasons_satisfies_the_item(cli, tmp_path, layout):
    report = with_replacements(without_systemic(), **{"7. Analysis and Findings": (
        "7. Analysis and Findings",
        ["This section sets out the underlying reasons why agencies acted as they did."])})
    path = WRITERS[layout](tmp_path / "report", report)
    assert check_findings(cli, path)[1] == []


@pytest.mark.parametrize("layout", ["docx-styled", "docx-numbered-unstyled", "pdf-font", "pdf-bookmarks", "pdf-tagged",
                                    "markdown", "text"])
def test_sec002_section_without_body_text(cli, tmp_path, layout):
    report = with_replacements(**{"9. What went well": ("9. What went well", [])})
    path = WRITERS[layout](tmp_path / "report", report)
    code, findings = check_findings(cli, path)
    assert [(f["rule"], f["location"]["field"]) for f in findings] == [("SEC002", "lcspr.good-practice")]
    assert findings[0]["severity"] == "warning" and code == 0
    loc = findings[0]["location"]
    if layout.startswith("pdf"):
        assert loc["page"] >= 1 and loc["start"] is not None
    elif layout.startswith("docx"):
        assert loc["paragraph"] is not None


def test_subsection_text_counts_as_body(cli, tmp_path):
    report = with_replacements(**{"7. Analysis and Findings": ("7. Analysis and Findings", [])})
    path = WRITERS["docx-styled"](tmp_path / "report", report)
    assert check_findings(cli, path)[1] == []  # 7.1 under it has text


@pytest.mark.parametrize("heading", ["Scope", "2.1 Review period", "Section 2: Terms of Reference",
                                     "(b) SCOPE OF THE REVIEW"])
def test_heading_variants_match(cli, tmp_path, heading):
    report = with_replacements(**{"2. Scope and terms of reference": (heading, ["Jan 2025 to Mar 2026."])})
    path = WRITERS["docx-styled"](tmp_path / "report", report)
    assert check_findings(cli, path)[1] == []


def test_missing_warning_item_is_a_warning(cli, tmp_path):
    path = WRITERS["docx-styled"](tmp_path / "report", with_replacements(**{"10. Conclusions": None}))
    code, findings = check_findings(cli, path)
    assert [(f["rule"], f["severity"]) for f in findings] == [("SEC001", "warning")] and code == 0


def test_document_with_no_structure_falls_back_to_text(cli, tmp_path):
    text = ("Our review of Child B was written by the lead reviewer, Jane Smith. It sets out an introduction, the terms of "
            "reference, methodology, family involvement, Child B's lived experience, background, analysis "
            "and findings, the systemic reasons for what happened, good practice, conclusions and a summary "
            "of recommended improvements, with recommendations.\n")
    path = tmp_path / "flat.txt"
    path.write_text(text)
    code, findings = check_findings(cli, path)
    assert [f["rule"] for f in findings if f["rule"].startswith("SEC")] == []
    path.write_text("Our review of Child B was written by Jane Smith. It describes what happened.\n")
    code, findings = check_findings(cli, path)
    assert "lcspr.systemic-reasons" in [f["location"]["field"] for f in findings if f["rule"] == "SEC001"]


def test_checklist_rows_in_junit(cli, tmp_path):
    from xml.etree import ElementTree as ET

    path = WRITERS["docx-styled"](tmp_path / "report", without_systemic())
    r = cli("check", path, "--type", "lcspr", "--format", "junit")
    assert r.code == 1
    root = ET.fromstring(r.stdout)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    bad = [n for n in cases if n.startswith("lcspr.systemic-reasons")]
    assert bad and cases[bad[0]].find("failure") is not None
    assert cases["sections"] is not None and "reviewer" in cases and "recommendations" in cases
    assert sum(1 for c in root.iter("testcase") if c.find("failure") is not None) == 1


def test_plain_text_with_unnumbered_title_lines(cli, tmp_path):
    from fixtures.corpus import REPORT

    lines = []
    for _lvl, heading, paras in REPORT:
        title = unnumbered(heading)
        lines += [title, ""] + [p + "\n" for p in paras]
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines))
    assert check_findings(cli, path)[1] == []
    # the same with an empty good-practice section is SEC002, which needs the inferred headings
    text = path.read_text().replace("The hospital safeguarding team acted quickly and shared information "
                                    "the same day.\n", "")
    path.write_text(text)
    assert [f["rule"] for f in check_findings(cli, path)[1]] == ["SEC002"]


@pytest.mark.parametrize("heading, item", [
    ("Process and Methodology", "methodology"),
    ("4.1 Involvement of family members", "family-involvement"),
    ("Parents' views", "family-involvement"),
    ("Voice of the Child", "child-perspective"),
    ("Who is Child X?", "child-perspective"),
    ("Case Background", "background"),
    ("6. Key Practice Episodes", "analysis"),
    ("Systems findings", "systemic-reasons"),
    ("7.3 Underlying factors", "systemic-reasons"),
    ("Strengths in practice", "good-practice"),
    ("Concluding comments", "conclusions"),
    ("Summary of recommendations", "improvements-summary"),
    ("Scoping period", "scope"),
])
def test_different_words_for_the_same_concept(heading, item):
    from cspr_docs.checks.checklist import checklist_for
    from cspr_docs.checks.outline import any_match, normalise_heading

    items = {i.id: i for i in checklist_for("lcspr").items}
    assert any_match(items[f"lcspr.{item}"].headings, normalise_heading(heading))


@pytest.mark.parametrize("heading", ["Analysis and Findings", "3.2 Analysis", "Findings", "Key learning"])
def test_analysis_headings_are_not_systemic_reasons(heading):
    from cspr_docs.checks.checklist import checklist_for
    from cspr_docs.checks.outline import any_match, normalise_heading

    items = {i.id: i for i in checklist_for("lcspr").items}
    assert not any_match(items["lcspr.systemic-reasons"].headings, normalise_heading(heading))


@pytest.mark.parametrize("raw, clean", [
    ("3.2 Analysis", "analysi"), ("Section 4: Scope", "scope"), ("(b) Background", "background"),
    ("iv. Methodology", "methodology"), ("12) Recommendations", "recommendation"),
    ("Child B\u2019s lived experience", "child b lived experience"), ("Civil proceedings", "civil proceeding"),
])
def test_heading_normalisation(raw, clean):
    from cspr_docs.checks.outline import normalise_heading

    assert normalise_heading(raw) == clean


def test_title_does_not_count_as_a_section(cli, tmp_path):
    from fixtures.corpus import write_docx

    report = [(0, "Information about improvements following a review", ["Northshire SCP"]),
              (1, "Summary of the case", ["Child B was injured."]),
              (1, "Why the full report is not published", ["It would identify the sibling."]),
              (1, "About the reviewer", ["Lead reviewer: Jane Smith"])]
    path = write_docx(tmp_path / "imp.docx", report)
    code, findings = check_findings(cli, path, doc_type="improvements")
    missing = {f["location"]["field"] for f in findings if f["rule"] == "SEC001"}
    assert "improvements.improvements" in missing and code == 1
