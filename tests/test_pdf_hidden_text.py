"""Issue #16, text present but not visible: in a layer switched off, clipped away, off the
page, tiny, squashed to no width, invisible mode, under an opaque picture. Each is reported as
HID007 with its page and how it is hidden; sanitize takes it out (or refuses, writing
nothing), the clean copy re-inspects clean and its visible text is unchanged. The decoys - the
same operators used the ordinary way - are never reported."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from conftest import sha256_of
from cspr_docs.document import read_document
from cspr_docs.inspect import inspect_document
from cspr_docs.inspect import pdf_glyphs as pg
from cspr_docs.sanitize import sanitize_file
from fixtures.hidden import pdf_crafted as c

SECRET = "BT /F1 12 Tf 50 500 Td (Jayden Walsh) Tj ET\n"


def _text(op: str = "", at: str = "50 500 Td") -> str:
    return f"BT /F1 12 Tf {op} {at} (Jayden Walsh) Tj ET\n"


#: name -> (pdf_content keyword arguments, how the text is hidden), written down before running
HIDDEN = {
    "layer off": (dict(content="/OC /oc1 BDC " + SECRET + "EMC\n", layers={"/oc1": False}), pg.OFF_LAYER),
    "layer off (base state)": (dict(content="/OC /oc2 BDC " + SECRET + "EMC\n", layers={"/oc1": True, "/oc2": False},
                                    base_off=True), pg.OFF_LAYER),
    "nested in a layer off": (dict(content="/OC /oc1 BDC /Span <</MCID 0>> BDC " + SECRET + "EMC EMC\n",
                                   layers={"/oc1": False}), pg.OFF_LAYER),
    "form in a layer off": (dict(content="/Fm1 Do\n", forms={"/Fm1": (SECRET, "/oc1")}, layers={"/oc1": False}),
                            pg.OFF_LAYER),
    "clipped away": (dict(content="q 0 0 20 20 re W n " + SECRET + "Q\n"), pg.CLIPPED),
    "right of the page": (dict(content=_text(at="640 500 Td")), pg.OUTSIDE),
    "below the page": (dict(content=_text(at="50 -40 Td")), pg.OUTSIDE),
    "outside the crop box": (dict(content=SECRET, cropbox=(0, 600, 595, 842)), pg.OUTSIDE),
    "tiny font": (dict(content="BT /F1 0.5 Tf 50 500 Td (Jayden Walsh) Tj ET\n"), pg.TINY_TEXT),
    "tiny by its matrix": (dict(content="BT /F1 12 Tf 0.05 0 0 0.05 50 500 Tm (Jayden Walsh) Tj ET\n"), pg.TINY_TEXT),
    "horizontal scaling 0": (dict(content=_text("0 Tz")), pg.NO_WIDTH),
    "invisible mode": (dict(content=_text("3 Tr")), pg.INVISIBLE_MODE),
    "under an opaque picture": (dict(content=SECRET + "q 120 0 0 20 45 495 cm /Im1 Do Q\n", images={"/Im1": {}}),
                                pg.UNDER_PICTURE),
    "under an opaque inline picture": (dict(content=SECRET + "q 120 0 0 20 45 495 cm BI /W 2 /H 2 /BPC 8 /CS /G ID "
                                            "\x80\x80\x80\x80 EI Q\n"), pg.UNDER_PICTURE),
}

#: the same operators used the ordinary way: nothing is hidden
DECOYS = {
    "layer on": dict(content="/OC /oc1 BDC " + SECRET + "EMC\n", layers={"/oc1": True}),
    "form in a layer on": dict(content="/Fm1 Do\n", forms={"/Fm1": (SECRET, "/oc1")}, layers={"/oc1": True}),
    "clip around the text": dict(content="q 40 480 300 40 re W n " + SECRET + "Q\n"),
    "small print (6 pt)": dict(content="BT /F1 6 Tf 50 500 Td (Jayden Walsh) Tj ET\n"),
    "condensed (Tz 50)": dict(content=_text("50 Tz")),
    "OCR layer on a scan": dict(content="q 200 0 0 30 45 490 cm /Im1 Do Q " + _text("3 Tr"), images={"/Im1": {}}),
    "picture beside the text": dict(content=SECRET + "q 100 0 0 20 300 495 cm /Im1 Do Q\n", images={"/Im1": {}}),
    "picture above the text": dict(content=SECRET + "q 100 0 0 20 45 520 cm /Im1 Do Q\n", images={"/Im1": {}}),
    "picture drawn before the text": dict(content="q 120 0 0 20 45 495 cm /Im1 Do Q\n" + SECRET,
                                          images={"/Im1": {}}),
    "stencil mask over the text": dict(content=SECRET + "q 120 0 0 20 45 495 cm /Im1 Do Q\n",
                                       images={"/Im1": {"ImageMask": BooleanObject(True)}}),
    "text at the page edge": dict(content=_text(at="520 500 Td")),
    "a long line running off the page": dict(content="BT /F1 12 Tf 300 500 Td (The review met on 6 May. Jayden Walsh "
                                                     "attended nursery.) Tj ET\n"),
    "a table cell clipping its overflowing text": dict(content="q 45 490 90 30 re W n " + SECRET + "Q\n"),
    "a line written glyph by glyph running off the page": dict(
        content="BT /F1 12 Tf 540 500 Td (J) Tj 8 0 Td (a) Tj 8 0 Td (y) Tj 8 0 Td (d) Tj 8 0 Td (e) Tj 8 0 Td (n) Tj "
                "ET\n"),
    "OCR layer on an inline-image scan": dict(content="q 200 0 0 30 45 490 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x80\x80"
                                                      "\x80\x80 EI Q " + _text("3 Tr")),
    "picture drawn over the text in Multiply mode": dict(content=SECRET + "q /GS1 gs 120 0 0 20 45 495 cm /Im1 Do Q\n",
                                                         images={"/Im1": {}}, blend="/Multiply"),
    "box drawn over the text in Multiply mode": dict(content=SECRET + "q /GS1 gs 1 1 0 rg 45 495 120 20 re f Q\n",
                                                     blend="/Multiply"),
    "Tz 0 restored by Q": dict(content="q BT 0 Tz ET Q " + SECRET),
    "text as a clip for a fill (Tr 7)": dict(content="q " + _text("7 Tr") + "0 0 1 rg 40 490 200 30 re f Q\n"),
}


def _removed(removed):
    """What sanitize removed, leaving out the producer pypdf writes into every file it makes."""
    return [r for r in removed if r != 'metadata Producer: "pypdf"']


def hid(path):
    return [f for f in inspect_document(read_document(path)) if f.rule.startswith("HID")]


@pytest.mark.parametrize("case", sorted(HIDDEN))
def test_hidden_text_is_reported_with_its_page(tmp_path, case):
    kwargs, how = HIDDEN[case]
    found = hid(c.pdf_content(tmp_path / "h.pdf", **kwargs))
    assert [(f.rule, f.location.page, f.text) for f in found] == [("HID007", 1, "Jayden Walsh")]
    assert how in found[0].message and found[0].severity.value == "error"


@pytest.mark.parametrize("case", sorted(HIDDEN))
def test_sanitize_takes_hidden_text_out_and_keeps_the_visible_text(tmp_path, case):
    kwargs, _ = HIDDEN[case]
    src = c.pdf_content(tmp_path / "h.pdf", **kwargs)
    before = sha256_of(src)
    out = tmp_path / "h.clean.pdf"
    removed, copy = sanitize_file(src, out)
    assert sha256_of(src) == before
    assert _removed(removed) == ['page 1 hidden text (failed redaction): "Jayden Walsh"']
    assert hid(out) == []
    text = PdfReader(out).pages[0].extract_text()
    assert "Jayden" not in text and "Walsh" not in text
    assert text.split() == ["Visible", "line."]


@pytest.mark.parametrize("case", sorted(DECOYS))
def test_ordinary_text_is_not_reported(tmp_path, case):
    src = c.pdf_content(tmp_path / "d.pdf", **DECOYS[case])
    assert hid(src) == []
    out = tmp_path / "d.clean.pdf"
    removed, _ = sanitize_file(src, out)
    assert _removed(removed) == []
    assert PdfReader(out).pages[0].extract_text() == PdfReader(src).pages[0].extract_text()


def test_check_and_inspect_commands_report_hidden_text_with_its_page(cli, tmp_path):
    import json

    from conftest import check_findings

    src = c.pdf_content(tmp_path / "h.pdf", **HIDDEN["layer off"][0])
    code, found = check_findings(cli, src)
    assert code == 1
    assert [(f["rule"], f["location"]["page"], f["text"]) for f in found if f["rule"] == "HID007"] == [
        ("HID007", 1, "Jayden Walsh")]
    result = cli("inspect", src, "--format", "json")
    assert result.code == 1
    assert [f["location"]["page"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "HID007"] == [1]
    out = tmp_path / "h.clean.pdf"
    cleaned = cli("sanitize", src, "-o", out)
    assert cleaned.code == 0 and 'page 1 hidden text (failed redaction): "Jayden Walsh"' in cleaned.stdout
    again = json.loads(cli("inspect", out, "--format", "json").stdout)["findings"]
    assert [f for f in again if f["rule"].startswith("HID")] == []


def test_a_covered_form_drawn_once_is_replaced_by_a_copy_without_the_text(tmp_path):
    from fixtures.hidden import builders as b

    src = b.pdf_redacted_in_form(tmp_path / "f.pdf")
    out = tmp_path / "f.clean.pdf"
    removed, _ = sanitize_file(src, out)
    assert _removed(removed) == ['page 1 hidden text (failed redaction): "Case officer Alex Jones"']
    assert hid(out) == []
    from test_pdf_active import _all_bytes

    assert b"Alex Jones" not in _all_bytes(out)


def test_a_form_shared_by_two_pages_is_cut_on_the_covered_page_only(tmp_path):
    """Page 1 covers the form's text with a box; page 2 shows it: page 2 keeps it."""
    from pypdf import PdfWriter

    one = c.pdf_content(tmp_path / "one.pdf", "q 1 0 0 1 50 700 cm /Fm1 Do Q 0 g 45 695 200 18 re f\n",
                        forms={"/Fm1": ("BT /F1 12 Tf 0 0 Td (Case officer Alex Jones) Tj ET", None)})
    w = PdfWriter(clone_from=str(one))
    first = w.pages[0]
    second = w.add_blank_page(595, 842)
    second[c._n("/Resources")] = first["/Resources"]  # the same dictionary, as many producers share it
    second[c._n("/Contents")] = w._add_object(c._stream(b"q 1 0 0 1 50 700 cm /Fm1 Do Q\n"))
    src = c.save(w, tmp_path / "two.pdf")
    assert [(f.location.page, f.text) for f in hid(src)] == [(1, "Case officer Alex Jones")]
    out = tmp_path / "two.clean.pdf"
    sanitize_file(src, out)
    assert hid(out) == []
    pages = PdfReader(out).pages
    assert "Alex Jones" not in pages[0].extract_text() and "Case officer Alex Jones" in pages[1].extract_text()
