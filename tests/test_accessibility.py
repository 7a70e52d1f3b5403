"""ACC001-ACC006 on real .docx and .pdf files (Public Sector Bodies Accessibility Regulations)."""

from __future__ import annotations

import io

import pytest

from cspr_docs.document import read_document
from cspr_docs.inspect import accessibility
from fixtures.hidden import builders as b


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


def test_missing_title_and_language(tmp_path):
    d = b.base_docx(tmp_path / "a.docx", title="", language="")
    styles = d.styles.element
    for lang in styles.iter(f"{{{b.W_NS}}}lang"):
        lang.getparent().remove(lang)
    found = accessibility(read_document(b.save(d, tmp_path / "a.docx")))
    (title,) = by_rule(found, "ACC001")
    assert title.location.field == "title" and "File > Info > Properties > Title" in title.message
    (lang,) = by_rule(found, "ACC002")
    assert "Language" in lang.message


def test_language_from_default_style_is_enough(tmp_path):
    d = b.base_docx(tmp_path / "a.docx", language="")
    assert by_rule(accessibility(read_document(b.save(d, tmp_path / "a.docx"))), "ACC002") == []


def test_heading_levels_skip_and_first_heading(tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.title = "T"
    d.add_heading("Report title", level=0)  # the Title style is not a heading level
    d.add_heading("Background", level=2)
    d.add_paragraph("Text.")
    d.add_heading("Findings", level=1)
    d.add_heading("Detail", level=3)
    found = by_rule(accessibility(read_document(b.save(d, tmp_path / "h.docx"))), "ACC003")
    assert [(f.text, f.location.paragraph) for f in found] == [("Background", 2), ("Detail", 5)]
    assert "Heading 1" in found[0].message and "from level 1 to 3" in found[1].message


def test_no_headings(tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.title = "T"
    d.add_paragraph("Just text.")
    (f,) = by_rule(accessibility(read_document(b.save(d, tmp_path / "n.docx"))), "ACC003")
    assert "no headings" in f.message


def test_image_without_alt_text_and_decorative_or_described_images(tmp_path):
    from docx.shared import Inches

    d = b.base_docx(tmp_path / "i.docx")
    d.add_picture(io.BytesIO(b.jpeg_with_exif()), width=Inches(1))
    described = d.add_picture(io.BytesIO(b.jpeg_with_exif()), width=Inches(1))
    described._inline.docPr.set("descr", "Chart of referrals by month")
    found = by_rule(accessibility(read_document(b.save(d, tmp_path / "i.docx"))), "ACC004")
    assert len(found) == 1 and found[0].location.paragraph == 6 and "Alt Text" in found[0].message


def test_table_without_header_row(tmp_path):
    d = b.base_docx(tmp_path / "t.docx")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Agency", "Action"
    ok = d.add_table(rows=2, cols=2)
    ok.cell(0, 0).text = "Owner"
    from docx.oxml import parse_xml

    ok.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{b.W_NS}"/>'))
    found = by_rule(accessibility(read_document(b.save(d, tmp_path / "t.docx"))), "ACC005")
    assert len(found) == 1 and found[0].location.part == "table" and found[0].location.paragraph == 6
    assert found[0].text.startswith("Agency") and "Repeat Header Rows" in found[0].message


@pytest.mark.parametrize("builder", [b.pdf_with_author, b.pdf_clean])
def test_untagged_pdf_and_display_doc_title(tmp_path, builder):
    doc = read_document(builder(tmp_path / "p.pdf"))
    found = accessibility(doc)
    assert len(by_rule(found, "ACC006")) == 1
    assert by_rule(found, "ACC002") == []  # fpdf2 wrote /Lang
    (title,) = by_rule(found, "ACC001")
    assert title.location.field == "DisplayDocTitle"


def test_tagged_pdf_with_title_and_language_passes(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    src = b.pdf_clean(tmp_path / "c.pdf")
    writer = PdfWriter(clone_from=str(src))
    root = writer._root_object
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    root[NameObject("/StructTreeRoot")] = writer._add_object(DictionaryObject(
        {NameObject("/Type"): NameObject("/StructTreeRoot")}))
    root[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    root[NameObject("/Lang")] = TextStringObject("en-GB")
    out = tmp_path / "tagged.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    assert accessibility(read_document(out)) == []


def test_no_title_pdf(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Hello")
    path = tmp_path / "n.pdf"
    path.write_bytes(bytes(pdf.output()))
    found = accessibility(read_document(path))
    assert by_rule(found, "ACC001")[0].location.field == "title"
    assert by_rule(found, "ACC002")


def test_text_files_have_no_accessibility_rules(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("Some text\n", encoding="utf-8")
    assert accessibility(read_document(path)) == []


def test_tagged_pdf_figure_without_alt_text(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import (ArrayObject, BooleanObject, DictionaryObject, NameObject, TextStringObject)

    src = b.pdf_clean(tmp_path / "c.pdf")
    writer = PdfWriter(clone_from=str(src))
    root = writer._root_object
    page_ref = writer.pages[0].indirect_reference
    figure = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                                  NameObject("/S"): NameObject("/Figure"),
                                                  NameObject("/Pg"): page_ref}))
    described = writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/Figure"),
                                                     NameObject("/Alt"): TextStringObject("Chart"),
                                                     NameObject("/Pg"): page_ref}))
    document = writer._add_object(DictionaryObject({NameObject("/S"): NameObject("/Document"),
                                                    NameObject("/K"): ArrayObject([figure, described])}))
    root[NameObject("/StructTreeRoot")] = writer._add_object(DictionaryObject(
        {NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): document}))
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    out = tmp_path / "fig.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    found = accessibility(read_document(out))
    assert by_rule(found, "ACC006") == []
    (fig,) = by_rule(found, "ACC004")
    assert fig.location.page == 1
