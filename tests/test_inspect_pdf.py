"""Hidden content in real PDFs built with fpdf2 and pypdf: metadata, annotations,
attachments, JavaScript, and failed redactions found from the content stream (issue #5)."""

from __future__ import annotations

from cspr_docs.document import Document, read_document
from cspr_docs.inspect import inspect_document
from cspr_docs.inspect.redaction import failed_redactions
from fixtures.hidden import builders as b


def hid(findings):
    return [f for f in findings if f.rule.startswith("HID")]


def test_text_under_a_black_box_is_a_failed_redaction(tmp_path):
    doc = read_document(b.pdf_redacted(tmp_path / "r.pdf"))
    found = [f for f in inspect_document(doc) if f.rule == "HID007"]
    page1 = [f for f in found if f.location.page == 1]
    assert [f.text for f in page1] == ["Jayden Walsh"]  # only the covered words, not the sentence
    assert "under an opaque box" in page1[0].message and "Jayden Walsh" in page1[0].message
    assert page1[0].severity.value == "error"


def test_white_text_on_white_page_is_a_failed_redaction(tmp_path):
    doc = read_document(b.pdf_redacted(tmp_path / "r.pdf"))
    page2 = [f for f in failed_redactions(doc) if f.location.page == 2]
    assert [f.text for f in page2] == ["Invisible note 14 Elm Road"]
    assert "same colour as its background" in page2[0].message


def test_white_text_on_a_box_drawn_before_it_is_visible(tmp_path):
    doc = read_document(b.pdf_clean(tmp_path / "c.pdf"))
    assert hid(inspect_document(doc)) == []


def test_author_and_creator_path_in_metadata(tmp_path):
    doc = read_document(b.pdf_with_author(tmp_path / "a.pdf"))
    found = {f.location.field: f for f in inspect_document(doc) if f.rule == "HID005"}
    assert found["author"].text == "Jane Smith" and found["author"].location.part == "pdf-metadata"
    assert "jsmith" in found["creator"].text
    assert "title" not in found  # the title is needed (ACC001), not personal


def test_attachment_annotation_and_javascript(tmp_path):
    doc = read_document(b.pdf_with_extras(tmp_path / "x.pdf"))
    found = [f for f in inspect_document(doc) if f.rule == "HID006"]
    note = [f for f in found if f.location.page == 1]
    assert note and note[0].location.part == "annotation"
    assert note[0].text == "Ask Jayden's mother before publishing" and "Sam Reviewer" in note[0].message
    assert any(f.location.field == "attachment" and f.text == "case-notes.txt" for f in found)
    assert any(f.location.field == "javascript" for f in found)


def test_pdf_inspected_from_bytes_without_a_reader(tmp_path):
    path = b.pdf_with_author(tmp_path / "a.pdf")
    doc = Document(path, "pdf", data=path.read_bytes())
    assert {f.rule for f in inspect_document(doc)} == {"HID005"}


def test_pdf_draft_marking_line(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 15, "DRAFT - OFFICIAL-SENSITIVE")
    pdf.text(20, 40, "The draft report was shared with the family.")
    path = tmp_path / "d.pdf"
    path.write_bytes(bytes(pdf.output()))
    found = [f for f in inspect_document(read_document(path)) if f.rule == "PUB002"]
    assert len(found) == 1 and found[0].location.page == 1
    assert found[0].text == "DRAFT - OFFICIAL-SENSITIVE"


def test_corrupt_pdf_is_an_input_error(tmp_path):
    import pytest

    from cspr_docs.errors import InputError

    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(InputError):
        inspect_document(Document(path, "pdf", data=path.read_bytes()))


def test_failed_redaction_offsets_point_into_the_page_text(tmp_path):
    from pypdf import PdfReader

    path = b.pdf_redacted(tmp_path / "r.pdf")
    (f,) = [f for f in failed_redactions(read_document(path)) if f.location.page == 1]
    page_text = PdfReader(path).pages[0].extract_text()
    assert page_text[f.location.start:f.location.end] == "Jayden Walsh"


def test_javascript_code_is_quoted(tmp_path):
    doc = read_document(b.pdf_with_extras(tmp_path / "x.pdf"))
    (js,) = [f for f in inspect_document(doc) if f.location.field == "javascript"]
    assert js.text == "app.alert('hello');"


def test_white_text_on_a_picture_is_not_reported(tmp_path):
    import io

    from fpdf import FPDF
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (60, 20), (20, 40, 120)).save(buf, "PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.image(buf, x=10, y=10, w=150, h=30)
    pdf.set_text_color(255, 255, 255)
    pdf.text(20, 28, "Cover title on a banner picture")
    path = tmp_path / "cover.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert failed_redactions(read_document(path)) == []


def test_redaction_in_a_two_byte_unicode_font(tmp_path):
    import pytest

    if not b.DEJAVU.exists():
        pytest.skip("DejaVu Sans not installed")
    doc = read_document(b.pdf_redacted_unicode(tmp_path / "u.pdf"))
    (f,) = failed_redactions(doc)
    assert f.text == "Siân Jones" and f.location.page == 1 and (f.location.start, f.location.end) == (18, 28)


def test_redaction_with_tj_kerning_and_a_path_box(tmp_path):
    doc = read_document(b.pdf_redacted_tj(tmp_path / "tj.pdf"))
    assert [f.text for f in failed_redactions(doc)] == ["Jayden Walsh"]


def test_redaction_over_text_drawn_by_a_form_xobject(tmp_path):
    doc = read_document(b.pdf_redacted_in_form(tmp_path / "form.pdf"))
    assert [f.text for f in failed_redactions(doc)] == ["Case officer Alex Jones"]
