"""Issue #16 severe 4, PDF half: text a reader sees or hears outside the page content -
bookmark titles, form field values and tooltips, annotation contents (plain and rich text, a
note's author), structure alt text and ActualText, marked-content ActualText - becomes blocks
with their page, so ``scan`` finds the names in them. Text the page already shows (a bookmark
repeating a heading) is not repeated."""

from __future__ import annotations

from cspr_docs.anonymise import load_register, scan_document
from cspr_docs.document import read_document
from fixtures.hidden import pdf_crafted as c

NAMES = {"Ryan Doherty", "Jayden Walsh", "Darren Walsh", "Kelly Walsh", "Chloe Bennett", "Mia Walsh",
         "Sandra Hughes", "Little Acorns Nursery", "14 Elm Road"}


def unseen(doc):
    return [(b.location.field, b.text) for b in doc.blocks if b.location.part == "annotation"]


def test_text_outside_the_page_content_becomes_blocks_with_pages(tmp_path):
    doc = read_document(c.pdf_unseen_text(tmp_path / "u.pdf"))
    assert sorted(unseen(doc)) == sorted(c.UNSEEN)
    assert {b.location.page for b in doc.blocks if b.location.part == "annotation"} == {1}
    # the bookmark that repeats the page's sentence is not a second block
    assert [b.text for b in doc.blocks].count("Child A lived with their mother.") == 1


def test_scan_finds_the_names_in_them(tmp_path, example_register):
    doc = read_document(c.pdf_unseen_text(tmp_path / "u.pdf"))
    found = [f for f in scan_document(doc, load_register(example_register)) if f.location.part == "annotation"]
    assert {f.text for f in found} >= NAMES
    by_text = {f.text: f for f in found}
    assert by_text["Ryan Doherty"].location.field == "bookmark"
    assert by_text["Jayden Walsh"].location.field == "form field value"
    assert by_text["Sandra Hughes"].location.field == "alt text" and by_text["Sandra Hughes"].location.page == 1
    assert by_text["14 Elm Road"].location.field == "actual text"


def test_a_plain_pdf_gains_no_blocks(tmp_path):
    path = tmp_path / "plain.pdf"
    path.write_bytes(c.base_pdf())
    doc = read_document(path)
    assert unseen(doc) == []
    assert {b.location.part for b in doc.blocks} == {"body", "pdf-metadata"}


def test_a_check_box_state_is_not_text_but_a_choice_is(tmp_path):
    from pypdf.generic import ArrayObject, FloatObject

    w = c.writer_over(c.base_pdf(link=None))
    fields = ArrayObject()
    for entries in (dict(FT="/Btn", T="agreed", V="/Yes"), dict(FT="/Ch", T="agency", V="Exampleton Primary School")):
        widget = c._d(Type="/Annot", Subtype="/Widget", **entries)
        widget[c._n("/Rect")] = ArrayObject([FloatObject(v) for v in (50, 600, 70, 620)])
        ref = w._add_object(widget)
        w.pages[0][c._n("/Annots")] = ArrayObject([*w.pages[0].get("/Annots", []), ref])
        fields.append(ref)
    acro = c._d()
    acro[c._n("/Fields")] = fields
    w._root_object[c._n("/AcroForm")] = w._add_object(acro)
    doc = read_document(c.save(w, tmp_path / "f.pdf"))
    assert unseen(doc) == [("form field value", "Exampleton Primary School")]
    assert [b.location.page for b in doc.blocks if b.location.part == "annotation"] == [1]
