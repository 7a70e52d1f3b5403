"""Hidden content and markings in real .docx files built with python-docx + XML (issue #5)."""

from __future__ import annotations

import pytest

from cspr_docs.document import read_document
from cspr_docs.inspect import accessibility, inspect_document
from cspr_docs.inspect.markings import is_marking_line, protective_markings
from cspr_docs.render import DRAFT_MARKING, TEMPLATES
from fixtures.hidden import builders as b


def rules(findings, prefix=""):
    return [f.rule for f in findings if f.rule.startswith(prefix)]


def only(findings, rule):
    found = [f for f in findings if f.rule == rule]
    assert found, f"no {rule} in {[(f.rule, f.message) for f in findings]}"
    return found


@pytest.fixture
def clean_docx(tmp_path):
    return b.save(b.base_docx(tmp_path / "clean.docx"), tmp_path / "clean.docx")


def test_clean_document_has_no_hidden_content_or_markings(clean_docx):
    doc = read_document(clean_docx)
    assert inspect_document(doc) == []
    assert accessibility(doc) == []


def test_comment_is_reported_with_author_and_text(tmp_path):
    doc = read_document(b.docx_with_comment(tmp_path / "c.docx"))
    (f,) = only(inspect_document(doc), "HID001")
    assert f.location.part == "comment" and f.location.paragraph == 1
    assert f.text == "Check with Jayden's social worker before sending"
    assert "Sam Reviewer" in f.message and "body paragraph 2" in f.message
    assert f.severity.value == "error"


def test_tracked_deletion_and_insertion_quote_their_text(tmp_path):
    doc = read_document(b.docx_with_tracked_changes(tmp_path / "t.docx"))
    found = only(inspect_document(doc), "HID002")
    by_text = {f.text.strip(): f for f in found}
    deleted = by_text["The family lived at 14 Elm Road."]
    assert deleted.location.part == "tracked-change" and deleted.location.paragraph == 4
    assert "deletion" in deleted.message and "Pat Editor" in deleted.message
    assert "The family lived at 14 Elm Road." in deleted.message
    assert by_text["Added later."].location.paragraph == 4


def test_personal_properties_each_named_by_field(tmp_path):
    doc = read_document(b.docx_with_properties(tmp_path / "p.docx"))
    found = {f.location.field: f for f in only(inspect_document(doc), "HID003")}
    assert found["author"].text == "Jane Smith"
    assert found["last_modified_by"].text == "John Brown"
    assert found["company"].text == "Example Borough Council"
    assert found["manager"].text == "Maria Manager"
    assert found["custom:CaseWorker"].text == "Alex Jones"
    assert all(f.location.part == "properties" for f in found.values())
    assert all(f.severity.value == "warning" for f in found.values())


def test_hidden_white_and_tiny_text(tmp_path):
    doc = read_document(b.docx_with_hidden_text(tmp_path / "h.docx"))
    found = only(inspect_document(doc), "HID004")
    got = {(f.location.part, f.location.paragraph, f.text.strip()) for f in found}
    assert got == {("body", 2, "Real name: Jayden Walsh."), ("body", 4, "Address 14 Elm Road."),
                   ("body", 5, "DOB 01/02/2022.")}
    messages = " ".join(f.message for f in found)
    assert "Hidden" in messages and "white" in messages and "1 pt" in messages


def test_white_text_on_dark_shading_is_not_hidden(tmp_path):
    from docx.oxml import parse_xml
    from docx.shared import RGBColor

    d = b.base_docx(tmp_path / "s.docx")
    p = d.paragraphs[2]
    p.runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:shd xmlns:w="{b.W_NS}" w:val="clear" w:color="auto" w:fill="1F3864"/>'))
    doc = read_document(b.save(d, tmp_path / "s.docx"))
    assert rules(inspect_document(doc), "HID") == []


def test_embedded_object_image_metadata_and_custom_xml(tmp_path):
    doc = read_document(b.docx_with_embedded(tmp_path / "e.docx"))
    found = only(inspect_document(doc), "HID008")
    fields = {f.location.field: f for f in found}
    assert "word/embeddings/oleObject1.bin" in fields
    assert fields["customXml/item9.xml"].text == "Jayden Walsh"
    image = next(f for k, f in fields.items() if k.startswith("word/media/"))
    assert "Artist: Jane Photographer" in image.text and "Jane Photographer" in image.message


def test_python_docx_default_bibliography_custom_xml_is_not_reported(clean_docx):
    import zipfile

    assert "customXml/item1.xml" in zipfile.ZipFile(clean_docx).namelist()
    assert rules(inspect_document(read_document(clean_docx)), "HID008") == []


@pytest.mark.parametrize("doc_type", sorted(TEMPLATES))
def test_bundled_templates_have_no_hidden_content_or_accessibility_findings(cli, tmp_path, example_case,
                                                                              doc_type):
    out = tmp_path / f"{doc_type}.docx"
    assert cli("render", example_case, "--type", doc_type, "-o", out).code == 0
    doc = read_document(out)
    findings = inspect_document(doc) + accessibility(doc)
    if doc_type == "rapid-review":  # never published: it must carry its marking (issue 14)
        marked = [f for f in findings if f.rule == "PUB002"]
        assert {f.location.part for f in marked} == {"header", "footer", "body"}
        findings = [f for f in findings if f.rule != "PUB002"]
    assert [(f.rule, f.message) for f in findings] == []


def test_draft_render_carries_pub002_in_the_header(cli, tmp_path, example_case):
    out = tmp_path / "draft.docx"
    assert cli("render", example_case, "--type", "lcspr", "-o", out, "--draft").code == 0
    found = only(inspect_document(read_document(out)), "PUB002")
    assert found[0].location.part == "header" and found[0].location.paragraph == 1
    assert found[0].text == DRAFT_MARKING
    assert found[0].severity.value == "error"


def test_watermark_is_a_marking(tmp_path):
    doc = read_document(b.docx_with_watermark(tmp_path / "w.docx"))
    (f,) = only(inspect_document(doc), "PUB002")
    assert f.location.part == "header" and f.text == "DRAFT"


def test_body_marking_lines_but_not_prose(tmp_path):
    d = b.base_docx(tmp_path / "m.docx")
    d.add_paragraph("The draft report was shared with the family, who were not for circulation of it.")
    d.add_paragraph("OFFICIAL – SENSITIVE")
    doc = read_document(b.save(d, tmp_path / "m.docx"))
    (f,) = only(protective_markings(doc), "PUB002")
    assert f.location.part == "body" and f.location.paragraph == 7
    assert f.text == "OFFICIAL – SENSITIVE" and (f.location.start, f.location.end) == (0, 20)


@pytest.mark.parametrize("line, marking", [
    ("DRAFT", True), ("Draft", True), ("DRAFT v0.3 for the panel", True), ("NOT FOR PUBLICATION", True),
    ("Not for circulation", True), ("OFFICIAL-SENSITIVE: PERSONAL", True), ("**RESTRICTED**", True),
    ("the draft report was shared with the family", False),
    ("Draft recommendations were discussed with agencies", False),
    ("We protect children by sharing information", False),
    ("Official-sensitive information was discussed at the meeting", False),
    ("Restricted access to services made it harder", False),
])
def test_marking_line_rule(line, marking):
    assert bool(is_marking_line(line)) is marking


def test_markdown_marking_has_file_offsets(tmp_path):
    path = tmp_path / "r.md"
    path.write_text("# Review\n\nDRAFT - not for publication\n\nThe draft was shared.\n", encoding="utf-8")
    doc = read_document(path)
    (f,) = inspect_document(doc)
    assert f.rule == "PUB002" and f.location.start == 10
    assert path.read_text()[f.location.start:f.location.end] == f.text
    assert accessibility(doc) == []


def test_attached_template_path_is_personal(tmp_path):
    doc = read_document(b.docx_with_attached_template(tmp_path / "t.docx"))
    (f,) = only(inspect_document(doc), "HID003")
    assert f.location.field == "attached_template" and "jsmith" in f.text


def test_text_hidden_by_its_character_style(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE

    d = b.base_docx(tmp_path / "s.docx")
    style = d.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    d.paragraphs[3].add_run(" Mother's maiden name Walsh.", style="Secret")
    doc = read_document(b.save(d, tmp_path / "s.docx"))
    (f,) = only(inspect_document(doc), "HID004")
    assert f.location.paragraph == 4 and f.text.strip() == "Mother's maiden name Walsh."


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'", min_size=0, max_size=80))
def test_lower_case_prose_is_never_a_marking(rest):
    line = "the draft " + rest + " not for publication and official sensitive"
    assert is_marking_line(line) == []


def test_white_text_in_a_dark_text_box_is_not_hidden(tmp_path):
    from docx.oxml import parse_xml

    d = b.base_docx(tmp_path / "box.docx")
    box = parse_xml(
        f'<w:r xmlns:w="{b.W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<w:drawing><wp:inline><wp:extent cx="3000000" cy="600000"/><wp:docPr id="7" name="Banner" '
        'descr="Banner"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom prst="rect"/><a:solidFill>'
        '<a:srgbClr val="1F3864"/></a:solidFill></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:rPr>'
        '<w:color w:val="FFFFFF"/></w:rPr><w:t>Learning from the review</w:t></w:r></w:p></w:txbxContent>'
        '</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    d.paragraphs[1]._p.append(box)
    doc = read_document(b.save(d, tmp_path / "box.docx"))
    assert [f for f in inspect_document(doc) if f.rule == "HID004"] == []
    # the same white text in an unfilled box is hidden
    d.paragraphs[1]._p[-1].find(".//{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}spPr") \
        .remove(d.paragraphs[1]._p[-1].find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill"))
    doc = read_document(b.save(d, tmp_path / "box2.docx"))
    (f,) = [f for f in inspect_document(doc) if f.rule == "HID004"]
    assert f.text == "Learning from the review"


def test_malformed_custom_xml_part_is_reported_not_a_crash(clean_docx, tmp_path, cli):
    import zipfile

    path = tmp_path / "custom.docx"
    with zipfile.ZipFile(clean_docx) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        out.writestr("customXml/item9.xml", b"<case><name>Kelly</case>")
    (f,) = only(inspect_document(read_document(path)), "HID008")
    assert f.location.field == "customXml/item9.xml"
    r = cli("sanitize", path, "-o", tmp_path / "sanitized.docx")
    assert r.code == 0 and "custom XML part customXml/item9.xml" in r.stdout
