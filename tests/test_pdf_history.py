"""Issue #16: earlier revisions (incremental updates) of a PDF. The revisions are reported
(HID008) and the text a page showed before the last edit is reported as hidden text with its
page (HID007); sanitize writes a fresh file without the history."""

from __future__ import annotations

from pypdf import PdfReader, PdfWriter

from conftest import sha256_of
from cspr_docs.document import read_document
from cspr_docs.inspect import inspect_document
from cspr_docs.readers.pdf_unseen import earlier_revisions, revision_ends
from cspr_docs.sanitize import sanitize_file
from fixtures.hidden import pdf_crafted as c
from test_pdf_active import _all_bytes


def hid(path):
    return [f for f in inspect_document(read_document(path)) if f.rule.startswith("HID")]


def test_an_earlier_revision_and_the_text_it_showed_are_reported(tmp_path):
    src = c.pdf_updated(tmp_path / "u.pdf")
    found = sorted((f.rule, f.location.page, f.text) for f in hid(src))
    assert found == [("HID007", 1, "The child, Jayden Walsh, attended nursery."),
                     ("HID008", None, "1 earlier revision(s)")]
    # the reader makes the old line a block, so scan sees the name in it too
    (block,) = [b for b in read_document(src).blocks if b.location.field == "earlier revision"]
    assert (block.text, block.location.page, block.location.part) == (
        "The child, Jayden Walsh, attended nursery.", 1, "annotation")


def test_an_earlier_revision_is_found_from_the_bytes_alone(tmp_path):
    from cspr_docs.document import Document

    src = c.pdf_updated(tmp_path / "u.pdf")
    doc = Document(src, "pdf", data=src.read_bytes())
    assert sorted(f.rule for f in inspect_document(doc) if f.rule.startswith("HID")) == ["HID007", "HID008"]


def test_sanitize_writes_a_fresh_file_without_the_history(tmp_path):
    src = c.pdf_updated(tmp_path / "u.pdf")
    before = sha256_of(src)
    out = tmp_path / "u.clean.pdf"
    removed, _ = sanitize_file(src, out)
    assert sha256_of(src) == before
    assert "1 earlier revision(s) of the file (incremental updates)" in removed
    assert earlier_revisions(out.read_bytes()) == 0
    assert hid(out) == []
    assert b"Jayden" not in _all_bytes(out)
    assert PdfReader(out).pages[0].extract_text() == PdfReader(src).pages[0].extract_text()


def test_an_update_that_changes_no_text_is_only_a_revision(tmp_path):
    first = tmp_path / "v1.pdf"
    c.pdf_content(first, "BT /F1 12 Tf 50 500 Td (The child attended nursery.) Tj ET\n")
    w = PdfWriter(str(first), incremental=True)
    w.add_metadata({"/Title": "Rapid review"})
    src = c.save(w, tmp_path / "v2.pdf")
    assert earlier_revisions(src.read_bytes()) == 1
    assert [(f.rule, f.text) for f in hid(src)] == [("HID008", "1 earlier revision(s)")]


def test_a_single_revision_and_a_linearized_file_have_no_history(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(c.base_pdf())
    assert earlier_revisions(path.read_bytes()) == 0 and hid(path) == []
    # a linearized file ends its first-page section like a revision: that end is not counted
    linearized = (b"%PDF-1.7\n1 0 obj <</Linearized 1 /L 999>> endobj\nxref\n0 1\ntrailer <<>>\nstartxref\n0\n%%EOF\n"
                  b"2 0 obj <<>> endobj\nxref\n0 1\ntrailer <<>>\nstartxref\n77\n%%EOF\n")
    assert len(revision_ends(linearized)) == 1 and earlier_revisions(linearized) == 0
    assert earlier_revisions(linearized + b"3 0 obj <<>> endobj\nstartxref\n120\n%%EOF\n") == 1


def test_a_page_inserted_by_an_update_hides_nothing(tmp_path):
    """The update puts a new page first: the old page's text moved to page 2, still shown."""
    first = tmp_path / "v1.pdf"
    c.pdf_content(first, "BT /F1 12 Tf 50 500 Td (The child attended nursery.) Tj ET\n")
    w = PdfWriter(str(first), incremental=True)
    cover = w.insert_blank_page(595, 842, 0)
    cover[c._n("/Resources")] = w.pages[1]["/Resources"]
    cover[c._n("/Contents")] = w._add_object(c._stream(b"BT /F1 20 Tf 50 700 Td (Rapid review) Tj ET"))
    src = c.save(w, tmp_path / "v2.pdf")
    assert [(f.rule, f.text) for f in hid(src)] == [("HID008", "1 earlier revision(s)")]
