"""Issue 16 "Severe 4" (.docx): visible text outside paragraph runs becomes blocks of the
document model, located so a person can find it, and is scanned exactly once: chart
titles, series and categories; SmartArt; image alt text and titles; hyperlink tooltips;
imported chunks (altChunk); text boxes stored twice (DrawingML and VML fallback)."""

from __future__ import annotations

import json
import re

import pytest
from lxml import etree

from cspr_docs.document import read_document
from fixtures.package import CT, Part, build_docx, read_zip

WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
DGM_NS = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DSP_NS = "http://schemas.microsoft.com/office/drawing/2008/diagram"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1a2a00000000049454e44ae426082")


def blocks(doc, part):
    return [(b.text, b.location.paragraph, b.location.field) for b in doc.blocks if b.location.part == part]


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "register.yaml"
    path.write_text("people:\n"
                    "  - {name: Jayden Walsh, aliases: [], pseudonym: Child A}\n"
                    "  - {name: Kelly Walsh, aliases: [], pseudonym: Mother}\n"
                    "  - {name: Sandra Hughes, aliases: [], pseudonym: the relative}\n"
                    "  - {name: Chloe Bennett, aliases: [], pseudonym: the health visitor}\n", encoding="utf-8")
    return path


def scan_hits(cli, path, register):
    r = cli("scan", path, "--register", register, "--format", "json")
    assert r.code in (0, 1), r.stderr
    return sorted((f["location"]["part"], f["text"]) for f in json.loads(r.stdout)["findings"]
                  if f["rule"] == "ANO001")


def inline(graphic_uri: str, inner: str, name: str, extra: str = "") -> str:
    return (f'<w:p><w:r><w:drawing><wp:inline {WP}><wp:extent cx="914400" cy="914400"/>'
            f'<wp:docPr id="7" name="{name}"{extra}/><a:graphic><a:graphicData uri="{graphic_uri}">{inner}'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


# ----------------------------------------------------------------------------- charts

def chart_xml(series=("Kelly Walsh contacts", "Health visits")) -> bytes:
    def ser(i, name):
        return (f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache>'
                f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
                '<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/>'
                '<c:pt idx="0"><c:v>School</c:v></c:pt><c:pt idx="1"><c:v>Home of Sandra Hughes</c:v></c:pt>'
                '</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>Sheet1!$B$2:$B$3</c:f><c:numCache>'
                '<c:formatCode>General</c:formatCode><c:ptCount val="2"/><c:pt idx="0"><c:v>4</c:v></c:pt>'
                '<c:pt idx="1"><c:v>7</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>')
    title = ('<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Visits to </a:t></a:r><a:r><a:t>Jayden Walsh'
             '</a:t></a:r></a:p></c:rich></c:tx></c:title>')
    axis = ('<c:valAx><c:axId val="2"/><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Number of visits</a:t>'
            '</a:r></a:p></c:rich></c:tx></c:title></c:valAx>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace xmlns:c="{C_NS}" '
            f'xmlns:a="{A_NS}"><c:chart>{title}<c:plotArea><c:barChart>'
            + "".join(ser(i, s) for i, s in enumerate(series)) + f'</c:barChart>{axis}</c:plotArea></c:chart>'
            '</c:chartSpace>').encode()


def chart_docx(path):
    chart = Part("word/charts/chart1.xml", CT["chart"], "chart", "rIdCh1", chart_xml())
    body = inline(C_NS, '<c:chart r:id="rIdCh1"/>', "Chart 1")
    return build_docx(path, body=body, parts=(chart,))


def test_chart_titles_series_and_categories_are_blocks(tmp_path):
    doc = read_document(chart_docx(tmp_path / "chart.docx"))
    found = blocks(doc, "chart")
    # the chart is anchored in body paragraph 3 (after the heading and one paragraph)
    assert sorted(found) == sorted([
        ("Visits to Jayden Walsh", 3, "chart 1 title"),
        ("Number of visits", 3, "chart 1 title"),
        ("Kelly Walsh contacts", 3, "chart 1 series name"),
        ("Health visits", 3, "chart 1 series name"),
        ("School", 3, "chart 1 category"),
        ("Home of Sandra Hughes", 3, "chart 1 category"),
    ])  # categories once although both series repeat them; no numbers, no formulas


def test_scan_finds_names_in_a_chart_once(tmp_path, cli, register):
    path = chart_docx(tmp_path / "chart.docx")
    assert scan_hits(cli, path, register) == [("chart", "Jayden Walsh"), ("chart", "Kelly Walsh"),
                                              ("chart", "Sandra Hughes")]


def test_redact_rewrites_chart_text(tmp_path, cli, register):
    path = chart_docx(tmp_path / "chart.docx")
    out = tmp_path / "out.docx"
    r = cli("redact", path, "--register", register, "-o", out)
    assert r.code == 0, r.stderr
    chart = read_zip(out)["word/charts/chart1.xml"].decode()
    assert "Walsh" not in chart and "Sandra Hughes" not in chart and "Health visits" in chart
    assert scan_hits(cli, out, register) == []


# ----------------------------------------------------------------------------- SmartArt

def diagram_docx(path):
    def pt(i, text):
        return (f'<dgm:pt modelId="{{{i}}}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:r><a:t>{text}'
                '</a:t></a:r></a:p></dgm:t></dgm:pt>')
    data = (f'<?xml version="1.0" encoding="UTF-8"?><dgm:dataModel xmlns:dgm="{DGM_NS}" xmlns:a="{A_NS}">'
            f'<dgm:ptLst>{pt(0, "Referral from Chloe Bennett")}{pt(1, "Strategy meeting")}</dgm:ptLst><dgm:cxnLst/>'
            f'<dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/drawing/2008/diagram">'
            f'<dsp:dataModelExt xmlns:dsp="{DSP_NS}" relId="rIdDd1"/></a:ext></dgm:extLst></dgm:dataModel>').encode()
    drawing = (f'<?xml version="1.0" encoding="UTF-8"?><dsp:drawing xmlns:dsp="{DSP_NS}" xmlns:a="{A_NS}">'
               '<dsp:spTree><dsp:sp><dsp:txBody><a:p><a:r><a:t>Referral from Chloe Bennett</a:t></a:r></a:p>'
               '</dsp:txBody></dsp:sp><dsp:sp><dsp:txBody><a:p><a:r><a:t>Only drawn: Kelly Walsh</a:t></a:r>'
               '</a:p></dsp:txBody></dsp:sp></dsp:spTree></dsp:drawing>').encode()
    parts = (Part("word/diagrams/data1.xml", CT["diagramData"], "diagramData", "rIdDm1", data),
             Part("word/diagrams/drawing1.xml", CT["diagramDrawing"],
                  "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing", "rIdDd1", drawing))
    body = inline(DGM_NS, '<dgm:relIds r:dm="rIdDm1" r:lo="" r:qs="" r:cs=""/>', "Diagram 1")
    return build_docx(path, body=body, parts=parts)


def test_smartart_text_is_read_once(tmp_path, cli, register):
    path = diagram_docx(tmp_path / "dgm.docx")
    doc = read_document(path)
    assert sorted(blocks(doc, "diagram")) == [("Only drawn: Kelly Walsh", 3, "diagram 1"),
                                              ("Referral from Chloe Bennett", 3, "diagram 1"),
                                              ("Strategy meeting", 3, "diagram 1")]
    assert scan_hits(cli, path, register) == [("diagram", "Chloe Bennett"), ("diagram", "Kelly Walsh")]


# ----------------------------------------------------------------------------- alt text

def picture_docx(path, descr="Photograph of Jayden Walsh at school", title="Jayden at school"):
    pic = (f'<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="photo.png" descr="{descr}"/><pic:cNvPicPr/>'
           '</pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdImg1"/></pic:blipFill><pic:spPr/></pic:pic>')
    body = inline("http://schemas.openxmlformats.org/drawingml/2006/picture", pic, "Picture 2",
                  f' descr="{descr}" title="{title}"')
    return build_docx(path, body=body, parts=(Part("word/media/image1.png", "image/png", "image", "rIdImg1", PNG),))


def test_alt_text_and_title_are_blocks(tmp_path, cli, register):
    path = picture_docx(tmp_path / "pic.docx")
    doc = read_document(path)
    assert blocks(doc, "alt-text") == [("Photograph of Jayden Walsh at school", 3, "alt text of 'Picture 2'"),
                                       ("Jayden at school", 3, "title of 'Picture 2'")]
    # (the register matches the given name alone too)
    assert scan_hits(cli, path, register) == [("alt-text", "Jayden"), ("alt-text", "Jayden Walsh")]
    # and no alt text, no block (the ACC004 rule reports the missing description)
    assert blocks(read_document(picture_docx(tmp_path / "none.docx", descr="", title="")), "alt-text") == []


# ----------------------------------------------------------------------------- tooltips

def tooltip_docx(path):
    body = ('<w:p><w:hyperlink w:anchor="top" w:tooltip="Notes about Kelly Walsh"><w:r><w:t>notes</w:t></w:r>'
            '</w:hyperlink></w:p>'
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
            '"https://example.org/file" \\o "File of </w:instrText></w:r><w:r><w:instrText>Jayden Walsh"'
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the file</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return build_docx(path, body=body)


def test_hyperlink_tooltips_are_blocks(tmp_path, cli, register):
    path = tooltip_docx(tmp_path / "tip.docx")
    doc = read_document(path)
    assert blocks(doc, "tooltip") == [("Notes about Kelly Walsh", 3, "hyperlink tooltip"),
                                      ("File of Jayden Walsh", 4, "hyperlink tooltip")]
    assert scan_hits(cli, path, register) == [("tooltip", "Jayden Walsh"), ("tooltip", "Kelly Walsh")]


def test_text_slot_edits_text_split_over_elements():
    """The field tooltip above is split over two elements: an edit across them lands once."""
    from cspr_docs.readers.docx_extras import TextSlot

    a, b = etree.Element("a"), etree.Element("b")
    a.text, b.text = 'HYPERLINK \\o "File of Jay', 'den Walsh" end'
    slot = TextSlot([(a, None, 14, 25), (b, None, 0, 9)])
    assert slot.text == "File of Jayden Walsh"
    slot.apply([(8, 20, "Child A")])
    assert (a.text, b.text) == ('HYPERLINK \\o "File of Child A', '" end')
    el = etree.Element("docPr", descr="Kelly Walsh smiling")
    TextSlot([(el, "descr", 0, 19)]).apply([(0, 11, "Mother")])
    assert el.get("descr") == "Mother smiling"


# ----------------------------------------------------------------------------- altChunk

def chunk_docx(path):
    html = (b"<html><head><style>p {color: red}</style></head><body><p>Kelly Walsh told the nurse.</p>"
            b"<script>var note = 'never shown';</script><p>A second paragraph.</p></body></html>")
    parts = (Part("word/afchunk.htm", CT["html"], "aFChunk", "rIdAlt1", html),
             Part("word/afchunk2.txt", CT["text"], "aFChunk", "rIdAlt2",
                  "Sandra Hughes visited.\r\n\r\nNothing else.".encode("utf-8")))
    body = '<w:altChunk r:id="rIdAlt1"/><w:altChunk r:id="rIdAlt2"/>'
    return build_docx(path, body=body, parts=parts)


def test_imported_chunks_are_blocks(tmp_path, cli, register):
    path = chunk_docx(tmp_path / "chunk.docx")
    doc = read_document(path)
    found = [(t, f) for t, _, f in blocks(doc, "alt-chunk")]
    assert found == [("Kelly Walsh told the nurse.", "imported HTML 1"), ("A second paragraph.", "imported HTML 1"),
                     ("Sandra Hughes visited.", "imported text 2"), ("Nothing else.", "imported text 2")]
    assert "never shown" not in doc.text() and "color: red" not in doc.text()
    assert scan_hits(cli, path, register) == [("alt-chunk", "Kelly Walsh"), ("alt-chunk", "Sandra Hughes")]


# ----------------------------------------------------------------------------- text boxes

def textbox_docx(path, fallback_text="Box about Jayden Walsh"):
    wsp = ('<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent><w:p><w:r>'
           '<w:t>Box about Jayden Walsh</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>')
    choice = inline("http://schemas.microsoft.com/office/word/2010/wordprocessingShape", wsp, "Text Box 1")
    choice = choice[len("<w:p><w:r>"):-len("</w:r></w:p>")]
    fallback = ('<w:pict><v:shape id="tb1" type="#_x0000_t202"><v:textbox><w:txbxContent><w:p><w:r>'
                f'<w:t>{fallback_text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>')
    body = (f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice>'
            f'<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r></w:p>'
            '<w:p><w:r><w:t>After the box.</w:t></w:r></w:p>')
    return build_docx(path, body=body)


def test_text_box_is_read_once(tmp_path, cli, register):
    path = textbox_docx(tmp_path / "box.docx")
    doc = read_document(path)
    boxes = [(b.text, b.location.part, b.location.paragraph, b.location.field) for b in doc.blocks
             if "Box about" in b.text]
    assert boxes == [("Box about Jayden Walsh", "body", 4, "text box")]
    # the paragraph after the box is numbered as Word counts it (the fallback copy is not counted)
    assert [b.location.paragraph for b in doc.blocks if b.text == "After the box."] == [5]
    assert scan_hits(cli, path, register) == [("body", "Jayden Walsh")]
    out = tmp_path / "out.docx"
    assert cli("redact", path, "--register", register, "-o", out).code == 0
    xml = read_zip(out)["word/document.xml"].decode()
    copies = re.findall(r"<w:txbxContent>.*?</w:txbxContent>", xml)
    assert len(copies) == 2 and copies[0] == copies[1]  # both copies rewritten alike
    assert "Walsh" not in copies[0], copies[0]


def test_fallback_with_other_text_is_read_too(tmp_path, cli, register):
    path = textbox_docx(tmp_path / "box.docx", fallback_text="Box about Kelly Walsh")
    texts = [b.text for b in read_document(path).blocks if "Box about" in b.text]
    assert texts == ["Box about Jayden Walsh", "Box about Kelly Walsh"]
    assert scan_hits(cli, path, register) == [("body", "Jayden Walsh"), ("body", "Kelly Walsh")]


def test_html_report_lists_the_new_places(tmp_path, cli):
    path = chart_docx(tmp_path / "chart.docx")
    r = cli("check", path, "--type", "lcspr", "--format", "html")
    assert r.code in (0, 1), r.stderr
    assert "Charts" in r.stdout and "Home of Sandra Hughes" in r.stdout


def test_web_archive_and_rtf_chunks(tmp_path):
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n--b1\r\n"
           "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
           "<html><body><p>Kelly Walsh attended the meeting.</p></body></html>\r\n--b1--\r\n").encode()
    rtf = rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\*\generator Test;}\f0 Seen by Chloe Bennett\par Second line}"
    parts = (Part("word/chunk.mht", "message/rfc822", "aFChunk", "rIdM1", mht),
             Part("word/chunk.rtf", "application/rtf", "aFChunk", "rIdM2", rtf))
    doc = read_document(build_docx(tmp_path / "m.docx", body='<w:altChunk r:id="rIdM1"/><w:altChunk r:id="rIdM2"/>',
                                   parts=parts))
    assert [(t, f) for t, _, f in blocks(doc, "alt-chunk")] == [
        ("Kelly Walsh attended the meeting.", "imported web archive 1"),
        ("Seen by Chloe Bennett", "imported RTF 2"), ("Second line", "imported RTF 2")]


def test_vml_only_text_box_is_read(tmp_path):
    """An old-style (Word 2007) text box, VML with no DrawingML choice, is read once."""
    body = ('<w:p><w:r><w:pict><v:shape id="tb2" type="#_x0000_t202"><v:textbox><w:txbxContent><w:p><w:r>'
            '<w:t>Legacy box text</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>')
    doc = read_document(build_docx(tmp_path / "vml.docx", body=body))
    assert [(b.text, b.location.field) for b in doc.blocks if "Legacy" in b.text] == [("Legacy box text", "text box")]


def test_fallback_text_word_does_not_show_is_hidden_content(tmp_path, cli):
    from cspr_docs.inspect import inspect_document

    same = read_document(textbox_docx(tmp_path / "same.docx"))
    assert "HID004" not in [f.rule for f in inspect_document(same)]  # the usual double copy is fine
    path = textbox_docx(tmp_path / "box.docx", fallback_text="Box about Kelly Walsh")
    (hid,) = [f for f in inspect_document(read_document(path)) if f.rule == "HID004"]
    assert hid.text == "Box about Kelly Walsh" and hid.location.paragraph == 3
    out = tmp_path / "clean.docx"
    r = cli("sanitize", path, "-o", out)
    assert r.code == 0 and "compatibility copy" in r.stdout
    xml = read_zip(out)["word/document.xml"].decode()
    assert "Kelly" not in xml and "Box about Jayden Walsh" in xml and "mc:Fallback" not in xml


def test_wordart_text_is_a_block(tmp_path, cli, register):
    """A watermark is VML WordArt in a header: its text is scanned (PUB002 still reports a
    DRAFT watermark; the text block is in its own place, so it is not reported twice)."""
    shape = ('<w:p><w:r><w:pict><v:shape id="wm" type="#_x0000_t136"><v:textpath style="font-family:Calibri" '
             'string="DRAFT for Kelly Walsh"/></v:shape></w:pict></w:r></w:p>')
    header = Part("word/header9.xml", CT["header"], "header", "rIdH1",
                  ('<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/'
                   'wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">' + shape + '</w:hdr>').encode())
    path = build_docx(tmp_path / "wm.docx", parts=(header,), edit={"word/document.xml": lambda x: x.replace(
        "<w:pgSz", '<w:headerReference w:type="default" r:id="rIdH1"/><w:pgSz', 1)})
    doc = read_document(path)
    assert blocks(doc, "drawing") == [("DRAFT for Kelly Walsh", 1, "WordArt text in the header")]
    assert scan_hits(cli, path, register) == [("drawing", "Kelly Walsh")]
    from cspr_docs.inspect import inspect_document

    assert [f.rule for f in inspect_document(doc) if f.rule == "PUB002"] == ["PUB002"]
