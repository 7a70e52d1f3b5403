"""Issue 16 "Severe 3": a .docx is read through [Content_Types].xml and the relationships,
never by file names. Comments, headers, macro projects and OLE data stored under unusual
names are seen by scan, check, inspect and sanitize; a part *named* like a comments part
but related as a header is a header. Every file is built in the test."""

from __future__ import annotations

import json

import pytest

from cspr_docs.document import read_document
from cspr_docs.inspect import inspect_document
from fixtures.package import CT, Part, build_docx, comment_anchor, comments_part, para, read_zip, xml_part

NAME = "Jayden Walsh"
VBA_RT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "register.yaml"
    path.write_text(f"people:\n  - name: {NAME}\n    aliases: []\n    pseudonym: Child A\n", encoding="utf-8")
    return path


def comments_elsewhere(path):
    """A comment naming the child, its part stored as word/notes1.xml (Word and LibreOffice
    follow the relationship and show it)."""
    return build_docx(path, body=comment_anchor("The health visitor called."),
                      parts=(comments_part("word/notes1.xml", f"Ask {NAME}'s social worker first"),))


def header_ref(rel_id):
    """An edit putting a default header reference into the section properties."""
    return lambda xml: xml.replace("<w:pgSz", f'<w:headerReference w:type="default" r:id="{rel_id}"/><w:pgSz', 1)


def rules(findings):
    return [f.rule for f in findings]


def test_comments_part_under_another_name_is_read(tmp_path):
    path = comments_elsewhere(tmp_path / "notes.docx")
    assert "word/comments.xml" not in read_zip(path)
    doc = read_document(path)
    comments = [b for b in doc.blocks if b.location.part == "comment"]
    assert [b.text for b in comments] == [f"Ask {NAME}'s social worker first"]
    (hid,) = [f for f in inspect_document(doc) if f.rule == "HID001"]
    assert "Sam Reviewer" in hid.message and "body paragraph 3" in hid.message


def test_scan_and_check_see_the_renamed_comments(tmp_path, cli, register):
    path = comments_elsewhere(tmp_path / "notes.docx")
    r = cli("scan", path, "--register", register, "--format", "json")
    assert r.code == 1, r.stderr
    found = [(f["rule"], f["location"]["part"], f["text"]) for f in json.loads(r.stdout)["findings"]]
    assert ("ANO001", "comment", NAME) in found
    r = cli("check", path, "--type", "lcspr", "--format", "json", "--register", register)
    rules_found = {(f["rule"], f["location"]["part"]) for f in json.loads(r.stdout)["findings"]}
    assert ("HID001", "comment") in rules_found and ("ANO001", "comment") in rules_found


def test_sanitize_removes_renamed_comments_and_fixes_the_package(tmp_path, cli):
    path = comments_elsewhere(tmp_path / "notes.docx")
    out = tmp_path / "clean.docx"
    r = cli("sanitize", path, "-o", out)
    assert r.code == 0, r.stderr
    assert "comment by Sam Reviewer" in r.stdout
    parts = read_zip(out)
    assert "word/notes1.xml" not in parts
    assert b"notes1.xml" not in parts["word/_rels/document.xml.rels"]
    assert b"notes1.xml" not in parts["[Content_Types].xml"]
    assert b"commentReference" not in parts["word/document.xml"]
    assert NAME.encode() not in b"".join(parts.values())
    doc = read_document(out)  # the copy opens and no comment is left
    assert not [f for f in inspect_document(doc) if f.rule == "HID001"]
    assert "The health visitor called." in doc.text()


def test_a_header_stored_as_comments_xml_is_a_header(tmp_path, cli):
    """The reverse: a part *named* word/comments.xml but related (and typed) as a header is a
    header. It is read as one, is not reported as a comment, and sanitize keeps it."""
    header = Part("word/comments.xml", CT["header"], "header", "rIdH9",
                  xml_part("w:hdr", para("Exampleton Safeguarding Children Partnership")))
    path = build_docx(tmp_path / "hdr.docx", parts=(header,), edit={"word/document.xml": header_ref("rIdH9")})
    doc = read_document(path)
    headers = [b for b in doc.blocks if b.location.part == "header"]
    assert [b.text for b in headers] == ["Exampleton Safeguarding Children Partnership"]
    assert not [b for b in doc.blocks if b.location.part == "comment"]
    assert "HID001" not in rules(inspect_document(doc))
    out = tmp_path / "clean.docx"
    assert cli("sanitize", path, "-o", out).code == 0
    assert "Exampleton Safeguarding" in read_zip(out)["word/comments.xml"].decode()
    assert [b.text for b in read_document(out).blocks if b.location.part == "header"] == \
        ["Exampleton Safeguarding Children Partnership"]


def test_header_at_an_unusual_path_is_scanned(tmp_path, cli, register):
    header = Part("word/parts/top-of-page.xml", CT["header"], "header", "rIdH7",
                  xml_part("w:hdr", para(f"Prepared for {NAME}")))
    path = build_docx(tmp_path / "hdr.docx", parts=(header,), edit={"word/document.xml": header_ref("rIdH7")})
    doc = read_document(path)
    assert [(b.location.part, b.text) for b in doc.blocks if b.location.part == "header"] == \
        [("header", f"Prepared for {NAME}")]
    r = cli("scan", path, "--register", register, "--format", "json")
    assert r.code == 1
    assert [f["location"]["part"] for f in json.loads(r.stdout)["findings"] if f["rule"] == "ANO001"] == ["header"]


def macro_docx(path, *, main_type=None):
    vba = Part("word/data/blob.bin", CT["vba"], VBA_RT, "rIdV1", b"\xd0\xcf\x11\xe0 not really OLE")
    return build_docx(path, parts=(vba,), main_type=main_type)


def test_macro_project_at_any_path_is_reported_and_removed(tmp_path, cli):
    path = macro_docx(tmp_path / "macro.docx")
    found = [f for f in inspect_document(read_document(path)) if f.rule == "HID008"]
    assert [f.location.field for f in found] == ["word/data/blob.bin"]
    assert "Macro project" in found[0].message
    out = tmp_path / "clean.docx"
    r = cli("sanitize", path, "-o", out)
    assert r.code == 0 and "macro project word/data/blob.bin" in r.stdout
    parts = read_zip(out)
    assert "word/data/blob.bin" not in parts and b"blob.bin" not in parts["word/_rels/document.xml.rels"]
    assert b"blob.bin" not in parts["[Content_Types].xml"]
    assert "HID008" not in rules(inspect_document(read_document(out)))


def test_macro_enabled_main_part_is_read_and_made_plain(tmp_path, cli):
    path = macro_docx(tmp_path / "macro.docx", main_type="application/vnd.ms-word.document.macroEnabled.main+xml")
    doc = read_document(path)
    assert "Child A lived with their mother." in doc.text()
    assert "HID008" in rules(inspect_document(doc))
    out = tmp_path / "clean.docx"
    r = cli("sanitize", path, "-o", out)
    assert r.code == 0 and "plain .docx" in r.stdout
    types = read_zip(out)["[Content_Types].xml"].decode()
    assert "macroEnabled" not in types and "vbaProject" not in types


def test_ole_object_data_at_any_path(tmp_path, cli):
    ole = Part("word/stuff/thing.dat", CT["ole"], "oleObject", "rIdO1", b"\xd0\xcf\x11\xe0 OLE data " + NAME.encode())
    body = ('<w:p><w:r><w:object><v:shape id="o1" style="width:10pt;height:10pt"/>'
            '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="o1" r:id="rIdO1"/></w:object></w:r></w:p>')
    path = build_docx(tmp_path / "ole.docx", body=body, parts=(ole,))
    found = [f for f in inspect_document(read_document(path)) if f.rule == "HID008"]
    assert [f.location.field for f in found] == ["word/stuff/thing.dat"]
    out = tmp_path / "clean.docx"
    r = cli("sanitize", path, "-o", out)
    assert r.code == 0 and "embedded object word/stuff/thing.dat" in r.stdout
    parts = read_zip(out)
    assert "word/stuff/thing.dat" not in parts and NAME.encode() not in b"".join(parts.values())
    assert b"OLEObject" not in parts["word/document.xml"]


def test_part_nothing_refers_to_is_reported_and_dropped(tmp_path, cli):
    """Word ignores a part no relationship reaches, but it travels with the file."""
    path = build_docx(tmp_path / "orphan.docx")
    import io
    import zipfile

    buf = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(buf, "a") as zf:
        zf.writestr("word/old-draft.xml", f"<draft>{NAME}</draft>")
    path.write_bytes(buf.getvalue())
    found = [f for f in inspect_document(read_document(path)) if f.rule == "HID008"]
    assert [f.location.field for f in found] == ["word/old-draft.xml"]
    out = tmp_path / "clean.docx"
    assert cli("sanitize", path, "-o", out).code == 0
    assert "word/old-draft.xml" not in read_zip(out)


def test_clean_document_has_no_package_findings(tmp_path):
    """Noise: a plain document (python-docx's own parts, thumbnail, empty bibliography) has
    no HID008 and no orphan parts."""
    doc = read_document(build_docx(tmp_path / "plain.docx"))
    assert doc.package.orphans == []
    assert "HID008" not in rules(inspect_document(doc))


def test_footnotes_found_by_relationship(tmp_path, register, cli):
    inner = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             f'<w:footnote w:id="1">{para("Told by " + NAME)}</w:footnote>')
    notes = Part("word/bottom.xml", CT["footnotes"], "footnotes", "rIdF1", xml_part("w:footnotes", inner))
    path = build_docx(tmp_path / "fn.docx", parts=(notes,),
                      body='<w:p><w:r><w:t>See note</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>')
    doc = read_document(path)
    assert [b.text for b in doc.blocks if b.location.part == "footnote"] == [f"Told by {NAME}"]
    r = cli("redact", path, "--register", register, "-o", tmp_path / "out.docx")
    assert r.code == 0, r.stderr
    assert NAME.encode() not in read_zip(tmp_path / "out.docx")["word/bottom.xml"]


@pytest.mark.parametrize("xml, kind", [
    (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ELEMENT x ANY>]><w:document '
     b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
     b'<w:p><w:r><w:t>&Walsh;</w:t></w:r></w:p></w:body></w:document>', "entity"),
    (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
     b'<w:p Walsh><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>', "attribute"),
])
def test_parser_messages_never_reach_the_user(tmp_path, cli, xml, kind):
    """Issue 16 "Leaks": lxml's message quotes the document ("Entity 'Walsh' not defined",
    "Specification mandates value for attribute Walsh"): the error names the part and the
    kind of fault only."""
    path = build_docx(tmp_path / "bad.docx", edit={"word/document.xml": lambda _: xml.decode()})
    for args in (("check", path, "--type", "lcspr"), ("scan", path), ("inspect", path),
                 ("sanitize", path, "-o", tmp_path / "o.docx")):
        r = cli(*args)
        assert r.code == 2, (args, r.stdout, r.stderr)
        assert "Walsh" not in r.stderr + r.stdout
        assert "word/document.xml" in r.stderr and "not well-formed XML" in r.stderr
        assert kind in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_malformed_part_at_unusual_path_is_named(tmp_path, cli):
    bad = Part("word/parts/top.xml", CT["header"], "header", "rIdH7", b"<w:hdr xmlns:w='x'><Walsh></w:hdr>")
    path = build_docx(tmp_path / "hdr.docx", parts=(bad,))
    r = cli("check", path, "--type", "lcspr")
    assert r.code == 2 and "Walsh" not in r.stderr and "word/parts/top.xml" in r.stderr


def test_broken_zip_member_message_names_no_content(tmp_path, cli):
    path = build_docx(tmp_path / "crc.docx")
    data = bytearray(path.read_bytes())
    at = data.find(b"word/document.xml") + len("word/document.xml")
    data[at + 40] ^= 0xFF  # corrupt the compressed body of the main part
    path.write_bytes(bytes(data))
    r = cli("check", path, "--type", "lcspr")
    assert r.code == 2
    assert "crc.docx: not a readable Word document (a part of its zip archive is damaged)" in r.stderr
    assert "Bad CRC" not in r.stderr and "Error -3" not in r.stderr


def test_hidden_content_in_a_header_at_an_unusual_path_is_inspected_and_removed(tmp_path, cli):
    inner = ('<w:p><w:r><w:t xml:space="preserve">Partnership </w:t></w:r>'
             '<w:del w:id="5" w:author="Pat Editor"><w:r><w:delText>Kelly Walsh</w:delText></w:r></w:del>'
             '<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden note on Jayden</w:t></w:r></w:p>')
    header = Part("word/layout/h.xml", CT["header"], "header", "rIdH5", xml_part("w:hdr", inner))
    path = build_docx(tmp_path / "hdr.docx", parts=(header,), edit={"word/document.xml": header_ref("rIdH5")})
    found = {f.rule for f in inspect_document(read_document(path))}
    assert {"HID002", "HID004"} <= found
    out = tmp_path / "clean.docx"
    r = cli("sanitize", path, "-o", out)
    assert r.code == 0, r.stderr
    xml = read_zip(out)["word/layout/h.xml"].decode()
    assert "Kelly" not in xml and "Jayden" not in xml and "Partnership" in xml
    assert not {"HID002", "HID004"} & {f.rule for f in inspect_document(read_document(out))}


def test_main_document_at_another_path(tmp_path, cli, register):
    path = build_docx(tmp_path / "main.docx", paragraphs=("Summary", f"About {NAME}."),
                      move={"word/document.xml": "word/body-of-report.xml"},
                      edit={"_rels/.rels": lambda x: x.replace('Target="word/document.xml"',
                                                                'Target="word/body-of-report.xml"')})
    assert "word/document.xml" not in read_zip(path)
    doc = read_document(path)
    assert [b.text for b in doc.blocks if b.location.part == "body"] == ["Summary", f"About {NAME}."]
    assert doc.package.orphans == []
    r = cli("scan", path, "--register", register, "--format", "json")
    assert r.code == 1 and [f["location"]["paragraph"] for f in json.loads(r.stdout)["findings"]] == [2]
