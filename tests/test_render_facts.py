"""Every sentence true to the case file: wording built from facts, gaps instead of claims,
and the house style of the rendered Word documents (issue 14). No LibreOffice needed."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from fixtures.corpus import example_data, write_case

from cspr_docs.render_facts import age_group, age_phrase, counted, sent_sentence


def render(cli, tmp_path, data, doc_type="lcspr", *extra):
    case = write_case(tmp_path / "case.yaml", data)
    out = tmp_path / f"{doc_type}.docx"
    result = cli("render", case, "--type", doc_type, "-o", out, "--force", *extra)
    return result, out


def text_of(path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# -- the statements the issue found untrue ---------------------------------------------


def test_empty_distribution_claims_no_copies_were_sent(cli, tmp_path):
    data = example_data()
    data["distribution"] = []
    result, out = render(cli, tmp_path, data)
    assert result.code == 0, result.stderr
    text = text_of(out)
    assert "was sent" not in text and "Secretary of State" not in text
    assert "[MISSING" not in text


def test_distribution_sentence_names_only_the_recorded_sends(cli, tmp_path):
    data = example_data()
    data["distribution"] = [
        {"recipient": "panel", "item": "full_report", "sent": "2027-02-26"},
        {"recipient": "secretary_of_state", "item": "full_report", "sent": None},  # not sent yet
        {"recipient": "ofsted", "item": "reviewer_name", "sent": "2026-09-29"},   # another item
    ]
    result, out = render(cli, tmp_path, data)
    assert result.code == 0, result.stderr
    text = text_of(out)
    assert ("A copy of the full report was sent to the Child Safeguarding Practice Review Panel "
            "on 26 February 2027, no later than seven working days before publication.") in text
    assert "Secretary of State" not in text and "Ofsted" not in text


def test_a_late_copy_is_not_said_to_be_in_time():
    from datetime import date

    records = [{"recipient": "panel", "item": "full_report", "sent": date(2027, 3, 8)},
               {"recipient": "ofsted", "item": "full_report", "sent": date(2027, 2, 26)}]
    sentence = sent_sentence(records, "full_report", date(2027, 3, 10))
    assert sentence == ("A copy of the full report was sent to Ofsted on 26 February 2027 and to "
                        "the Child Safeguarding Practice Review Panel on 8 March 2027.")
    assert sent_sentence([], "full_report") == ""
    national = [{"recipient": r, "item": "full_report", "sent": date(2027, 2, 1)}
                for r in ("secretary_of_state", "partners", "cqc")]
    assert sent_sentence(national, "full_report") == (
        "A copy of the full report was sent to the Secretary of State for Education, the "
        "safeguarding partners and the Care Quality Commission on 1 February 2027.")


def test_a_teenager_is_not_described_as_a_young_child(cli, tmp_path):
    data = example_data()
    data["child"]["age_at_incident"] = "15 years"
    data["incident"]["summary"] = "Child A, aged 15, was seriously harmed."
    result, out = render(cli, tmp_path, data)
    assert result.code == 0, result.stderr
    text = text_of(out)
    assert "Child A, aged 15 at the time of the incident" in text
    assert "risk to young people" in text
    assert "young children" not in text and "years old" not in text and "aged four" not in text


def test_one_finding_is_singular(cli, tmp_path):
    data = example_data()
    data["review"]["findings"] = data["review"]["findings"][:1]
    data["review"]["recommendations"] = data["review"]["recommendations"][:1]
    result, out = render(cli, tmp_path, data)
    assert result.code == 0, result.stderr
    text = text_of(out)
    assert "The review made one finding about" in text and "1 findings" not in text
    assert "makes one recommendation to" in text
    assert "It shows where" in text and "They show" not in text  # one finding: "it", not "they"
    assert "It names the agency" in text and "Each names" not in text
    result, out = render(cli, tmp_path, example_data())
    text = text_of(out)
    assert "The review made five findings about" in text
    assert "They show where" in text and "Each names the agency" in text


def test_race_and_inequalities_come_only_from_the_case_file(cli, tmp_path):
    data = example_data()
    considered = data["rapid_review"]["inequalities_considered"]
    result, out = render(cli, tmp_path, data, "rapid-review")
    assert result.code == 0, result.stderr
    assert " ".join(considered.split()) in text_of(out)

    del data["rapid_review"]["inequalities_considered"]
    result, out = render(cli, tmp_path, data, "rapid-review")
    assert result.code == 1 and "missing: rapid_review.inequalities_considered" in result.stderr
    result, out = render(cli, tmp_path, data, "rapid-review", "--draft")
    assert result.code == 0, result.stderr
    text = text_of(out)
    assert "[MISSING: rapid_review.inequalities_considered]" in text
    assert "race, ethnicity, culture, faith" not in text  # the old unconditional claim


def test_empty_lists_are_named_gaps_in_a_draft_and_missing_in_a_final(cli, tmp_path):
    data = example_data()
    data["rapid_review"]["immediate_actions"] = []
    data["rapid_review"]["good_practice"] = []
    del data["rapid_review"]["key_lines_of_enquiry"]
    data["rapid_review"]["sign_off"] = [s for s in data["rapid_review"]["sign_off"]
                                        if s["partner"] != "police"]
    result, out = render(cli, tmp_path, data, "rapid-review", "--draft")
    assert result.code == 0, result.stderr
    text = text_of(out)
    for path in ("rapid_review.immediate_actions", "rapid_review.good_practice",
                 "rapid_review.key_lines_of_enquiry", "rapid_review.sign_off[police].name",
                 "rapid_review.sign_off[police].date"):
        assert f"[MISSING: {path}]" in text
        assert f"missing: {path}" in result.stderr  # --draft names every missing field
        assert path in result.stdout
    assert "Alex Marsh" in text and "Priya Nandra" in text  # recorded partners still shown
    highlighted = [r.text for p in docx.Document(str(out)).tables[-1]._tbl.iter(qn("w:p"))
                   for r in docx.text.paragraph.Paragraph(p, None).runs
                   if r._r.find(f"{qn('w:rPr')}/{qn('w:highlight')}") is not None]
    assert "[MISSING: rapid_review.sign_off[police].name]" in highlighted  # whole gap, marked
    result, _ = render(cli, tmp_path, data, "rapid-review")
    assert result.code == 1 and "missing: rapid_review.immediate_actions" in result.stderr


def test_empty_good_practice_in_the_report_is_a_gap_not_a_dangling_sentence(cli, tmp_path):
    data = example_data()
    data["review"]["good_practice"] = []
    result, out = render(cli, tmp_path, data, "lcspr", "--draft")
    assert result.code == 0
    assert "[MISSING: review.good_practice]" in text_of(out)


@pytest.mark.parametrize("age, phrase, group", [
    ("4 years", "aged four", "young children"),
    ("15 years", "aged 15", "young people"),
    ("15", "aged 15", "young people"),
    ("18 months", "aged 18 months", "young children"),
    ("6 weeks", "aged six weeks", "babies"),
    ("1 year", "aged one", "young children"),
    ("9 years", "aged nine", "children"),
    ("unknown", "aged unknown", "children and young people"),
])
def test_age_wording(age, phrase, group):
    assert age_phrase(age) == phrase and age_group(age) == group


def test_counted():
    assert counted([1], "finding") == "one finding"
    assert counted([1, 2, 3, 4, 5], "finding") == "five findings"
    assert counted(12, "recommendation") == "12 recommendations"
    assert counted([], "finding") == "zero findings"


# -- house style of the rendered Word documents --------------------------------------------


def _contrast(hex_colour: str) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


@pytest.mark.parametrize("doc_type", ["rapid-review", "lcspr", "improvements", "learning-briefing"])
def test_house_style(cli, tmp_path, doc_type):
    result, out = render(cli, tmp_path, example_data(), doc_type)
    assert result.code == 0, result.stderr
    d = docx.Document(str(out))
    normal = d.styles["Normal"].font
    assert normal.name == "Arial" and normal.size.pt == 12
    for element in d.styles.element.iter(qn("w:color")):  # every style colour: AA or better
        value = element.get(qn("w:val"))
        if value and value != "auto":
            assert _contrast(value) >= 4.5, value
    heading = d.styles["Heading 1"].element
    assert heading.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None  # numbered headings
    numbered = [p for p in d.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len(numbered) >= 7
    with zipfile.ZipFile(out) as zf:
        footer = "".join(zf.read(n).decode() for n in zf.namelist() if "footer" in n)
        header = "".join(zf.read(n).decode() for n in zf.namelist() if "header" in n)
        body = zf.read("word/document.xml").decode()
    assert " PAGE " in footer and " NUMPAGES " in footer and "Page " in footer
    assert "Child A" in header
    assert ("OFFICIAL-SENSITIVE" in header) == (doc_type == "rapid-review")
    assert 'TOC \\o' in body
    texts = [p.text for p in d.paragraphs]
    assert texts[texts.index("Contents") + 1].startswith("1. ")  # contents listed before any update
    assert d.core_properties.title.endswith("Child A")
    for table in d.tables:
        rows = table.rows
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        assert table._tbl.tblPr.find(qn("w:tblCellMar")) is not None


def test_date_columns_fit_a_long_date(cli, tmp_path):
    _result, out = render(cli, tmp_path, example_data(), "lcspr")
    d = docx.Document(str(out))
    table = next(t for t in d.tables if t.rows[0].cells[-1].text == "By when")
    # "30 September 2027" at 12 pt Arial is about 3.9 cm; plus the cell padding
    assert table.rows[1].cells[-1].width.cm >= 4.2


def test_draft_marking_on_every_header_and_final_has_none(cli, tmp_path):
    data = example_data()
    result, out = render(cli, tmp_path, data, "improvements", "--draft")
    assert result.code == 0
    assert "DRAFT" in docx.Document(str(out)).sections[0].header.paragraphs[0].text
    result, out = render(cli, tmp_path, data, "improvements")
    assert "DRAFT" not in "".join(p.text for p in docx.Document(str(out)).sections[0].header.paragraphs)


def test_logo_on_the_cover_with_alt_text_and_a_bad_logo_is_exit_2(cli, tmp_path, example_case):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), (31, 56, 100)).save(logo)
    out = tmp_path / "with-logo.docx"
    r = cli("render", example_case, "--type", "lcspr", "-o", out, "--logo", logo)
    assert r.code == 0, r.stderr
    d = docx.Document(str(out))
    assert d.inline_shapes and len(d.inline_shapes) == 1
    descr = d.inline_shapes[0]._inline.docPr.get("descr")
    assert descr == "Example Safeguarding Children Partnership logo"
    assert d.paragraphs[0]._p.xpath(".//pic:pic")  # the very first thing on the cover
    r = cli("check", out, "--type", "lcspr", "--case", example_case, "--format", "json")
    assert not [f for f in __import__("json").loads(r.stdout)["findings"] if f["rule"] == "ACC004"]
    fake = tmp_path / "fake.png"
    fake.write_text("not an image")
    bad = tmp_path / "bad.docx"
    r = cli("render", example_case, "--type", "lcspr", "-o", bad, "--logo", fake)
    assert r.code == 2 and not bad.exists() and len(r.stderr.strip().splitlines()) == 1


def test_rapid_review_marking_is_accepted_and_inspect_still_shows_a_draft(cli, tmp_path, example_case):
    import json

    final = tmp_path / "rr.docx"
    draft = tmp_path / "rr-draft.docx"
    assert cli("render", example_case, "--type", "rapid-review", "-o", final).code == 0
    assert cli("render", example_case, "--type", "rapid-review", "-o", draft, "--draft").code == 0

    def pub002(path, *args):
        r = cli(*args, path, "--format", "json")
        return r.code, [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "PUB002"]

    assert pub002(final, "check", "--type", "rapid-review") == (0, [])
    assert pub002(final, "inspect", "--type", "rapid-review") == (0, [])
    # PUB002 is a publication rule (catalogue types: public): check does not apply it to the
    # rapid review, which is never published; inspect still shows a DRAFT marking on it
    assert pub002(draft, "check", "--type", "rapid-review") == (0, [])
    code, found = pub002(draft, "inspect", "--type", "rapid-review")
    assert code == 1 and found and all("DRAFT" in f["text"] for f in found)
    # published types: the protective marking itself is an error
    code, found = pub002(final, "check", "--type", "lcspr")
    assert code == 1 and any("OFFICIAL-SENSITIVE" in f["text"] for f in found)


def test_logo_comes_from_the_partnership_configuration(cli, tmp_path, example_case):
    """With no --logo, the logo named in cspr-docs.yaml (relative to that file) is on the cover."""
    import shutil

    from PIL import Image

    folder = tmp_path / "cases" / "c1"
    folder.mkdir(parents=True)
    case = folder / "case.yaml"
    shutil.copy(example_case, case)
    Image.new("RGB", (90, 40), (31, 56, 100)).save(tmp_path / "cases" / "crest.png")
    (tmp_path / "cases" / "cspr-docs.yaml").write_text("partnership:\n  logo: crest.png\n")
    out = tmp_path / "configured.docx"
    r = cli("render", case, "--type", "lcspr", "-o", out)
    assert r.code == 0, r.stderr
    d = docx.Document(str(out))
    assert len(d.inline_shapes) == 1 and d.paragraphs[0]._p.xpath(".//pic:pic")
    (tmp_path / "cases" / "cspr-docs.yaml").write_text("partnership:\n  name: No logo here\n")
    out2 = tmp_path / "plain.docx"
    assert cli("render", case, "--type", "lcspr", "-o", out2).code == 0
    assert not docx.Document(str(out2)).inline_shapes
