"""``redact`` never reports success with a register entry left in the copy (issue 16, Severe 1).

One .docx built here holds a registered name in every kind of place a red-team found names
surviving; after ``redact`` an independent byte-level search of every part (inflated, percent-
decoded, entity-decoded, part names, embedded packages, PNG text chunks, JPEG segments) finds
no variant of any entry. A copy that cannot be cleaned is not written (exit 1, places listed,
no name in the message). Copy and mapping are written together; SIGTERM leaves no temporary.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote

import docx
import pytest
from docx.shared import Pt

REGISTER = """\
people:
  - name: Jayden Walsh
    pseudonym: Child A
  - name: Kelly Walsh
    pseudonym: Mother
"""
#: The test's own list of what must never be in the copy (any case, any joining).
WORDS = ("jayden", "walsh", "kelly")
SEPARATORS = ("", "_", ".", "-", "%20", " ", "+")
VARIANTS = {w for w in WORDS} | {a + s + b for a, b in (("jayden", "walsh"), ("kelly", "walsh"),
                                                         ("walsh", "kelly"), ("walsh", "jayden"))
                                   for s in SEPARATORS}

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# ---------------------------------------------------------------- the test's own search

def _png_texts(data: bytes) -> list[bytes]:
    out, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"zTXt":
            out.append(zlib.decompress(body.partition(b"\0")[2][1:]))
        pos += 12 + length
    return out


def _views(data: bytes) -> list[str]:
    texts = [data.decode("latin-1"), data.decode("utf-8", "ignore"),
             data.decode("utf-16-le", "ignore"), data[1:].decode("utf-16-le", "ignore")]
    if data.startswith(b"\x89PNG"):
        texts += [t.decode("latin-1") for t in _png_texts(data)]
    out = []
    for t in texts:
        out += [t, unquote(t), html.unescape(t), html.unescape(unquote(unquote(t)))]
    return [t.lower() for t in out]


def names_in_package(data: bytes, where: str = "") -> list[str]:
    """Every place (part name) in a package where any variant of any entry occurs, plainly as a
    substring (no word boundaries: stricter than the tool's own search)."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            name = where + info.filename
            if any(v in view for view in _views(info.filename.encode()) for v in VARIANTS):
                found.append(f"name of {name}")
            body = zf.read(info)
            if body[:4] == b"PK\x03\x04":
                found += names_in_package(body, name + " > ")
            elif any(v in view for view in _views(body) for v in VARIANTS):
                found.append(name)
    return found


# ---------------------------------------------------------------- building the hostile .docx

def _png(text_chunks: dict[bytes, bytes]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
    for kind, body in text_chunks.items():
        out += chunk(kind, body)
    return out + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def _jpeg_with_comment(comment: bytes) -> bytes:
    com = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
    exif = b"Exif\0\0" + b"MM\0*" + b"Artist=Kelly Walsh\0"
    app1 = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    return b"\xff\xd8" + app1 + com + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x12\x34" + b"\xff\xd9"


def _xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                   'ContentType="application/xml"/></Types>')
        z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.'
                   'openxmlformats.org/spreadsheetml/2006/main"><si><t>Kelly Walsh</t></si>'
                   '<si><r><t>Jay</t></r><r><t>den</t></r></si></sst>')
        z.writestr("docProps/core.xml", '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://'
                   'schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc='
                   '"http://purl.org/dc/elements/1.1/"><dc:creator>Jayden.Walsh</dc:creator>'
                   '</cp:coreProperties>')
        z.writestr("xl/media/Kelly-Walsh.png", _png({b"tEXt": b"Comment\0Kelly Walsh"}))
    return buf.getvalue()


def _add_rel(xml: str, rid: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return xml.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{RT}/{kind}" '
                                            f'Target="{target}"{mode}/></Relationships>')


def build_hostile_docx(path: Path) -> Path:
    d = docx.Document()
    d.core_properties.author = "Kelly Walsh"
    d.core_properties.title = "About Jayden Walsh"
    d.add_heading("Review of services", level=1)
    p = d.add_paragraph("The review concerns ")
    for piece in ("Jay", "den Wal", "sh"):          # split over runs, bold
        r = p.add_run(piece)
        r.bold = True
        r.font.size = Pt(13)
    p.add_run(", who lived with Kelly Walsh.")
    d.add_paragraph("Contact kelly.walsh@example.com or walsh.kelly@outlook.com for the records.")
    d.sections[0].header.paragraphs[0].text = "Restricted: Jayden Walsh"
    d.add_paragraph("Photograph:")
    d.add_picture(io.BytesIO(_png({b"tEXt": b"Author\0Kelly Walsh",
                                   b"zTXt": b"Description\0\0" + zlib.compress(b"Jayden Walsh, aged 4")})))
    buf = io.BytesIO()
    d.save(buf)

    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    parts = {n: src.read(n) for n in src.namelist()}
    image = next(n for n in parts if n.startswith("word/media/"))
    parts["word/media/Jayden_Walsh.png"] = parts.pop(image)

    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(f'Target="{image[5:]}"', 'Target="media/Jayden_Walsh.png"')
    rels = _add_rel(rels, "rIdExtImg", "image", "file:///C:/Cases/Kelly.Walsh/photo.jpg", True)
    rels = _add_rel(rels, "rIdSub", "subDocument", "Jayden-Walsh-chronology.docx", True)
    rels = _add_rel(rels, "rIdOleLink", "oleObject", "file:///C:/Cases/Walsh_Kelly/contacts.xlsx", True)
    rels = _add_rel(rels, "rIdLink", "hyperlink", "https://example.org/cases/Jayden%20Walsh", True)
    rels = _add_rel(rels, "rIdAlt", "aFChunk", "afchunk1.htm")
    rels = _add_rel(rels, "rIdXlsx", "package", "embeddings/Microsoft_Excel_Worksheet1.xlsx")
    rels = _add_rel(rels, "rIdFoot", "footnotes", "footnotes.xml")
    rels = _add_rel(rels, "rIdComments", "comments", "comments.xml")
    parts["word/_rels/document.xml.rels"] = rels.encode()

    body = "".join([
        '<w:p><w:bookmarkStart w:id="90" w:name="Jayden_Walsh"/><w:r><w:t>Marked text.</w:t></w:r>'
        '<w:bookmarkEnd w:id="90"/></w:p>',
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' MERGEFIELD Kelly_Walsh \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar '
        'w:fldCharType="separate"/></w:r><w:r><w:t>field</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
        '</w:r></w:p>',
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' HYPERLINK "https://example.org/people/KellyWalsh" \\o "Profile of Kelly Walsh" </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>profile</w:t></w:r><w:r>'
        '<w:fldChar w:fldCharType="end"/></w:r></w:p>',
        '<w:p><w:hyperlink r:id="rIdLink" w:anchor="Jayden_Walsh"><w:r><w:t>link</w:t></w:r>'
        '</w:hyperlink></w:p>',
        '<w:p><w:subDoc r:id="rIdSub"/></w:p>',
        '<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
        'Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Content" '
        'ObjectID="_1" r:id="rIdXlsx"/></w:object></w:r></w:p>',
        '<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" '
        'Type="Link" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1026" DrawAspect="Content" '
        'r:id="rIdOleLink" UpdateMode="Always"><o:LinkType>EnhancedMetaFile</o:LinkType>'
        '</o:OLEObject></w:object></w:r></w:p>',
        '<w:altChunk r:id="rIdAlt"/>',
        '<w:p><w:r><w:t>See note</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>',
    ])
    doc_xml = parts["word/document.xml"].decode()
    doc_xml = doc_xml.replace("<w:sectPr", body + "<w:sectPr", 1)
    parts["word/document.xml"] = doc_xml.encode()

    parts["word/afchunk1.htm"] = (b"<html><body><p>Kelly Walsh came to the meeting.</p>"
                                  b"<p>&#74;ayden was not there.</p></body></html>")
    parts["word/embeddings/Microsoft_Excel_Worksheet1.xlsx"] = _xlsx()
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Statement of Kelly </w:t></w:r>'
        '<w:r><w:t>Walsh, 2024.</w:t></w:r></w:p></w:footnote></w:footnotes>').encode()
    parts["word/comments.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W_NS}">'
        '<w:comment w:id="0" w:author="Kelly Walsh" w:initials="KW"><w:p><w:r><w:t>Ask Jayden '
        'Walsh\'s teacher.</w:t></w:r></w:p></w:comment></w:comments>').encode()
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"<w:defaultTabStop", b'<w:attachedTemplate r:id="rIdTpl"/><w:defaultTabStop', 1)
    if b'xmlns:r=' not in parts["word/settings.xml"][:2000]:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(
            b"<w:settings ", f'<w:settings xmlns:r="{R_NS}" '.encode(), 1)
    parts["word/_rels/settings.xml.rels"] = _add_rel(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"></Relationships>', "rIdTpl", "attachedTemplate",
        "file:///C:/Templates/Kelly%20Walsh%20letter.dotx", True).encode()
    app = parts["docProps/app.xml"].decode()
    parts["docProps/app.xml"] = re.sub(r"(</Properties>)", r"<HyperlinkBase>https://example.org/"
                                       r"jayden.walsh/</HyperlinkBase>\1", app).encode()
    parts["customXml/item1.xml"] = (b'<?xml version="1.0" encoding="UTF-8"?><case><ref>CR-1<child/>'
                                    b" Kelly Walsh</ref><!-- from Jayden Walsh file --></case>")
    parts["docProps/thumbnail.jpeg"] = _jpeg_with_comment(b"Jayden Walsh front page")

    ct = parts["[Content_Types].xml"].decode()
    ct = ct.replace("</Types>", '<Default Extension="png" ContentType="image/png"/>'
                                '<Default Extension="htm" ContentType="text/html"/>'
                                '<Default Extension="xlsx" ContentType="application/vnd.openxmlformats-'
                                'officedocument.spreadsheetml.sheet"/>'
                                '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                                'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
                                '<Override PartName="/word/comments.xml" ContentType="application/vnd.'
                                'openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode()

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def register(tmp_path) -> Path:
    p = tmp_path / "register.yaml"
    p.write_text(REGISTER)
    return p


# ---------------------------------------------------------------- the guarantee

def test_every_hiding_place_is_cleaned(cli, tmp_path, register):
    src = build_hostile_docx(tmp_path / "hostile.docx")
    places = names_in_package(src.read_bytes())
    # the test's search sees the name in every kind of place it was put
    for expected in ("name of word/media/Jayden_Walsh.png", "word/_rels/document.xml.rels",
                     "word/_rels/settings.xml.rels", "docProps/app.xml", "customXml/item1.xml",
                     "word/afchunk1.htm", "word/embeddings/Microsoft_Excel_Worksheet1.xlsx > "
                     "xl/sharedStrings.xml", "docProps/thumbnail.jpeg", "word/footnotes.xml",
                     "word/comments.xml", "word/document.xml", "docProps/core.xml",
                     "word/header1.xml" if "word/header1.xml" in places else "word/document.xml"):
        assert expected in places, expected

    out, mapping = tmp_path / "public.docx", tmp_path / "mapping.json"
    r = cli("redact", src, "--register", register, "-o", out, "--mapping", mapping)
    assert r.code == 0, r.stderr
    assert names_in_package(out.read_bytes()) == []
    # the summary counts what changed outside the text too (part names, links, metadata)
    hidden = sum(m["count"] for m in json.loads(mapping.read_text())["replacements"] if m["source"] == "hidden")
    assert hidden > 0 and f"; {hidden} outside it (part names, links, metadata))" in r.stdout

    # still a Word document; the visible text is pseudonymised, formatting kept
    red = docx.Document(str(out))
    para = red.paragraphs[1]
    assert para.text == "The review concerns Child A, who lived with Mother."
    bold = [run for run in para.runs if run.bold]
    assert bold and all(run.font.size == Pt(13) for run in bold)
    assert "".join(run.text for run in bold) == "Child A"
    assert red.paragraphs[0].style.name == "Heading 1"
    assert red.sections[0].header.paragraphs[0].text == "Restricted: Child A"
    assert red.core_properties.author == "Mother"
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert not any("thumbnail" in n for n in names)
        media = [n for n in names if n.startswith("word/media/")]
        assert media and all(n in names for n in media)
        rels = zf.read("word/_rels/document.xml.rels").decode()
        target = re.search(r'Target="(/?word/media/[^"]+|media/[^"]+)"', rels).group(1)
        assert target.lstrip("/").removeprefix("word/") in [m.removeprefix("word/") for m in media]
        assert zf.read(media[0]).startswith(b"\x89PNG")           # the picture itself is kept
        assert b"tEXt" not in zf.read(media[0])
        # the altChunk and the embedded workbook are cleaned, not lost
        assert b"Mother came to the meeting" in zf.read("word/afchunk1.htm")
        inner = zipfile.ZipFile(io.BytesIO(zf.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx")))
        assert b"<t>Mother</t>" in inner.read("xl/sharedStrings.xml")
        document = zf.read("word/document.xml").decode()
        assert 'w:name="Child_A"' in document and "MERGEFIELD Mother" in document
        assert 'r:id="rIdXlsx"' in document
    pairs = {(m["real"], m["replacement"], m["source"]) for m in json.loads(mapping.read_text())["replacements"]}
    assert ("Jayden Walsh", "Child A", "register") in pairs      # the mapping is written beside it
    assert ("Kelly_Walsh", "Mother", "hidden") in pairs           # with what was found out of sight
    # a rescan of the copy is clean too
    r = cli("scan", out, "--register", register, "--format", "json")
    assert not [f for f in json.loads(r.stdout)["findings"] if f["rule"] == "ANO001"]


def test_what_cannot_be_removed_is_not_written(cli, tmp_path, register):
    src = build_hostile_docx(tmp_path / "hostile.docx")
    data = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(data, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                body = _add_rel(body.decode(), "rIdEmf", "image", "media/image9.emf").encode()
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Default Extension="emf" ContentType="image/x-emf"/>'
                                                 b"</Types>")
            zout.writestr(info, body)
        # a vector picture whose drawing records hold a name written with escapes: found once
        # decoded, but it cannot be overwritten in place (the decoded text is shorter)
        zout.writestr("word/media/image9.emf", b"\x01\x00\x00\x00\x6c\x00\x00\x00" + b"\x00" * 32
                      + b"file:///C:/Cases/%4Belly%20%57alsh.xlsx" + b"\x00" * 16)
    src.write_bytes(data.getvalue())
    out, mapping = tmp_path / "public.docx", tmp_path / "mapping.json"
    r = cli("redact", src, "--register", register, "-o", out, "--mapping", mapping)
    assert r.code == 1
    assert not out.exists() and not mapping.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert "word/media/image9.emf" in r.stderr and "not written" in r.stderr
    assert not any(v in r.stderr.lower() + r.stdout.lower() for v in VARIANTS)


def test_binary_text_is_overwritten_in_place(register):
    from cspr_docs.anonymise import load_register
    from cspr_docs.anonymise.neutralise import neutralise
    from cspr_docs.anonymise.residue import Matcher, search

    emf = (b"\x01\x00\x00\x00\x6c\x00\x00\x00" + b"\x00" * 32 + "Label: Kelly Walsh".encode("utf-16-le")
           + b"\x00\x00\x54\x00\x00\x00" + b"C:\\Cases\\Jayden_Walsh.xlsx\x00" + b"\x00" * 16)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", b"<d>clean</d>")
        z.writestr("word/media/image3.emf", emf)
    matcher = Matcher(load_register(register))
    assert search(buf.getvalue(), matcher) == ["word/media/image3.emf (binary strings)"]
    cleaned = neutralise(buf.getvalue(), matcher)
    assert search(cleaned, matcher) == [] and names_in_package(cleaned) == []
    out = zipfile.ZipFile(io.BytesIO(cleaned)).read("word/media/image3.emf")
    assert len(out) == len(emf) and out[:40] == emf[:40]          # no offset or size changes
    assert "Label: ".encode("utf-16-le") in out


def test_part_name_that_stays_is_listed_without_the_name(tmp_path, register):
    from cspr_docs.anonymise import load_register
    from cspr_docs.anonymise.residue import Matcher, search

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", b"<d/>")
        z.writestr("word/media/Kelly_Walsh.emf", b"\x01\x00\x00\x00" + "Kelly".encode("utf-16-le"))
    places = search(buf.getvalue(), Matcher(load_register(register)))
    assert places == ["the name of part #2", "part #2 (binary strings)"]
    # and a clean package is clean: the search does not invent names
    clean = io.BytesIO()
    with zipfile.ZipFile(clean, "w") as z:
        z.writestr("word/document.xml", b"<d>Kellyanne Walshaw planned the walk.</d>")
        z.writestr("word/media/image1.png", _png({b"tEXt": b"Software\0paint"}))
    assert search(clean.getvalue(), Matcher(load_register(register))) == []


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_email_addresses_leave_no_name(cli, tmp_path, register, suffix):
    src = tmp_path / f"draft{suffix}"
    src.write_text("Contact kelly.walsh@example.com or walsh.kelly@outlook.com or see "
                   "[the file](https://example.org/Jayden_Walsh%20notes) and KELLYWALSH.\n")
    out = tmp_path / f"public{suffix}"
    r = cli("redact", src, "--register", register, "-o", out)
    assert r.code == 0, r.stderr
    text = out.read_text().lower()
    assert not [v for v in VARIANTS if v in text], text
    assert text.startswith("contact ") and "[the file](" in text  # the rest of the text is kept


def test_email_addresses_in_docx_leave_no_name(cli, tmp_path, register):
    d = docx.Document()
    d.add_paragraph("Write to kelly.walsh@example.com; copy walsh.kelly@outlook.com.")
    src = tmp_path / "emails.docx"
    d.save(str(src))
    out = tmp_path / "public.docx"
    r = cli("redact", src, "--register", register, "-o", out)
    assert r.code == 0, r.stderr
    assert names_in_package(out.read_bytes()) == []


# ---------------------------------------------------------------- all or nothing

def test_mapping_in_missing_folder_writes_nothing(cli, tmp_path, register):
    src = tmp_path / "draft.txt"
    src.write_text("Kelly Walsh was seen.\n")
    out = tmp_path / "public.txt"
    r = cli("redact", src, "--register", register, "-o", out, "--mapping", tmp_path / "nodir" / "m.json")
    assert r.code == 2
    assert "m.json" in r.stderr and "folder" in r.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt", "register.yaml"]


def test_failed_second_rename_takes_the_first_back(tmp_path, monkeypatch):
    from cspr_docs.anonymise import writing
    from cspr_docs.errors import InputError

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old")
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if Path(dst) == b:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(InputError):
        writing.write_together([(a, b"new"), (b, b"mapping")], force=True)
    assert a.read_text() == "old" and not b.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


_CHILD = """
import os, sys, time
from pathlib import Path
marker, phase = Path(sys.argv[1]), sys.argv[2]
from cspr_docs.anonymise import residue, writing
if phase == "check":
    real_search = residue.search
    def slow_search(*a, **k):
        marker.write_text("in check")
        time.sleep(60)
        return real_search(*a, **k)
    residue.search = slow_search
else:
    real_replace = os.replace
    def slow_replace(src, dst):
        if str(src).endswith(".tmp"):   # a temporary about to be renamed into place
            marker.write_text("temporaries written")
            time.sleep(60)
        return real_replace(src, dst)
    os.replace = slow_replace
from cspr_docs.cli import run
sys.exit(run(sys.argv[3:]))
"""


@pytest.mark.parametrize("phase", ["check", "write", "overwrite"])
def test_sigterm_leaves_no_temporary(tmp_path, register, phase):
    src = tmp_path / "in" / "draft.txt"
    src.parent.mkdir()
    src.write_text("Kelly Walsh was seen by the health visitor.\n")
    outdir = tmp_path / "out"
    outdir.mkdir()
    marker = tmp_path / "marker"
    force = []
    if phase == "overwrite":                      # an earlier copy is there, replaced with --force
        (outdir / "public.txt").write_text("earlier copy\n")
        force = ["--force"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[1] / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(marker), phase, "redact", str(src),
                             "--register", str(register), "-o", str(outdir / "public.txt"),
                             "--mapping", str(outdir / "mapping.json"), *force], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert marker.exists(), proc.communicate(timeout=5)[1].decode()[-2000:]
        if phase != "check":
            assert any(p.suffix == ".tmp" for p in outdir.iterdir())   # temporaries exist now
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + signal.SIGTERM
    if phase == "overwrite":
        assert [p.name for p in outdir.iterdir()] == ["public.txt"]
        assert (outdir / "public.txt").read_text() == "earlier copy\n"   # put back as it was
    else:
        assert list(outdir.iterdir()) == []


def test_embedded_package_too_large_is_left_and_reported(tmp_path, register, monkeypatch):
    from cspr_docs.anonymise import load_register, residue
    from cspr_docs.anonymise import neutralise as neutralise_module
    from cspr_docs.anonymise.residue import Matcher, search

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"<sst><si><t>Kelly Walsh</t></si></sst>" + b" " * 50_000)
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as z:
        z.writestr("word/document.xml", b"<d>clean</d>")
        z.writestr("word/embeddings/sheet.xlsx", inner.getvalue())
    monkeypatch.setattr(residue, "MAX_INFLATE", 20_000)
    monkeypatch.setattr(neutralise_module, "MAX_INFLATE", 20_000)
    matcher = Matcher(load_register(register))
    cleaned = neutralise_module.neutralise(outer.getvalue(), matcher)
    assert zipfile.ZipFile(io.BytesIO(cleaned)).read("word/embeddings/sheet.xlsx") == inner.getvalue()
    places = search(cleaned, matcher)
    assert places == ["word/embeddings/sheet.xlsx > xl/sharedStrings.xml (too large to search)"]


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_pdf_copies_leave_no_variant(tmp_path, register, suffix):
    from cspr_docs.anonymise import load_register, redact_document
    from cspr_docs.document import Block, Document
    from cspr_docs.findings import Location

    doc = Document(path=Path("report.pdf"), format="pdf")
    doc.blocks = [Block("paragraph", "Saved as Jayden_Walsh-notes.pdf by KELLYWALSH; see "
                        "folder kelly.walsh/2024.", Location("body", page=1, start=0))]
    result = redact_document(doc, load_register(register), suffix=suffix)
    assert result.places == []
    if suffix == ".txt":
        text = result.data.decode().lower()
        assert not [v for v in VARIANTS if v in text] and text.startswith("saved as ")
    else:
        assert names_in_package(result.data) == []


def _gif(comment: bytes) -> bytes:
    blocks = b"\x21\xfe" + bytes([len(comment)]) + comment + b"\x00"
    xmp = b"\x21\xff\x0bXMP DataXMP" + b"\x0c<x>Walsh</x>" + b"\x00"
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    image = b"\x2c" + b"\x00\x00\x00\x00\x01\x00\x01\x00\x00" + b"\x02\x02\x44\x01\x00"
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff" + loop + blocks + xmp \
        + image + b"\x3b"


def test_gif_comment_and_xmp_are_stripped(register):
    from cspr_docs.anonymise import load_register
    from cspr_docs.anonymise.neutralise import neutralise
    from cspr_docs.anonymise.residue import Matcher, search

    gif = _gif(b"photo of Jayden Walsh")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", b"<d>clean</d>")
        z.writestr("word/media/image1.gif", gif)
    matcher = Matcher(load_register(register))
    assert search(buf.getvalue(), matcher) == ["word/media/image1.gif (image metadata)"]
    cleaned = neutralise(buf.getvalue(), matcher)
    assert search(cleaned, matcher) == [] and names_in_package(cleaned) == []
    out = zipfile.ZipFile(io.BytesIO(cleaned)).read("word/media/image1.gif")
    assert b"NETSCAPE2.0" in out and out.endswith(b"\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00"
                                                    b"\x02\x02\x44\x01\x00\x3b")


def test_glued_names_go_and_longer_words_stay(cli, tmp_path):
    reg = tmp_path / "register.yaml"
    reg.write_text(REGISTER + "  - name: Ann Lee\n    pseudonym: Aunt\n")
    src = tmp_path / "draft.md"
    src.write_text("Files: myKellyWalsh2.pdf, JAYDENWALSHPHOTO.jpg, kelly_walsh_notes.\n\n"
                   "The planning meeting is held annually; Ann attended.\n")
    out = tmp_path / "public.md"
    r = cli("redact", src, "--register", reg, "-o", out)
    assert r.code == 0, r.stderr
    text = out.read_text()
    assert not [v for v in VARIANTS if v in text.lower()], text
    # ordinary words holding a short name are not cut into
    assert "The planning meeting is held annually; Aunt attended." in text


def test_damaged_embedded_package_is_reported_not_crashed_on(register):
    from cspr_docs.anonymise import load_register
    from cspr_docs.anonymise.neutralise import neutralise
    from cspr_docs.anonymise.residue import Matcher, search

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"<sst><si><t>Kelly Walsh</t></si></sst>" * 20)
    raw = bytearray(inner.getvalue())
    raw[60:70] = b"\xff" * 10                      # damage the deflated data
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as z:
        z.writestr("word/document.xml", b"<d>clean</d>")
        z.writestr("word/embeddings/sheet.xlsx", bytes(raw))
    matcher = Matcher(load_register(register))
    cleaned = neutralise(outer.getvalue(), matcher)
    places = search(cleaned, matcher)
    assert places and all(p.startswith("word/embeddings/sheet.xlsx") for p in places)


def test_surnames_that_are_also_markup_names_do_not_block_a_copy(cli, tmp_path):
    """Lin, Lang and Ang are surnames and also OOXML names (<a:lin ang=...>, <w:lang>): the
    search reads what a reader can see, not the standard vocabularies' markup."""
    reg = tmp_path / "register.yaml"
    reg.write_text("people:\n  - name: Wei Lin\n    pseudonym: Child B\n  - name: Mei Lang\n"
                   "  - name: Li Ang\n")
    d = docx.Document()
    d.add_paragraph("Wei Lin lived with her aunt, Mrs Lang.")
    d.add_paragraph("A list of items was kept by the school.")
    src = tmp_path / "report.docx"
    d.save(str(src))
    with zipfile.ZipFile(src) as zf:
        assert b"<a:lin " in zf.read("word/theme/theme1.xml") and b"<w:lang " in zf.read("word/styles.xml")
    out = tmp_path / "public.docx"
    r = cli("redact", src, "--register", reg, "-o", out)
    assert r.code == 0, r.stderr
    assert docx.Document(str(out)).paragraphs[0].text == "Child B lived with her aunt, [name]."
    with zipfile.ZipFile(out) as zf:
        assert b"<a:lin " in zf.read("word/theme/theme1.xml")       # the theme is untouched


def test_custom_xml_names_holding_a_name_are_renamed(register):
    from cspr_docs.anonymise import load_register
    from cspr_docs.anonymise.neutralise import neutralise
    from cspr_docs.anonymise.residue import Matcher, search

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", b"<d>clean</d>")
        z.writestr("customXml/item3.xml", b'<?xml version="1.0"?><data xmlns:k="urn:case:KellyWalsh">'
                                          b'<Jayden_Walsh k:age="4"/><k:note>ok</k:note></data>')
    matcher = Matcher(load_register(register))
    assert search(buf.getvalue(), matcher) == ["customXml/item3.xml"]
    cleaned = neutralise(buf.getvalue(), matcher)
    assert search(cleaned, matcher) == [] and names_in_package(cleaned) == []
    xml = zipfile.ZipFile(io.BytesIO(cleaned)).read("customXml/item3.xml")
    assert b"<Child_A " in xml and b">ok</" in xml and b"urn:case:Mother" in xml


def test_a_name_that_is_also_a_font_keeps_the_font(cli, tmp_path):
    reg = tmp_path / "register.yaml"
    reg.write_text("people:\n  - name: Georgia Smith\n    pseudonym: Sibling 1\n")
    d = docx.Document()
    d.styles["Normal"].font.name = "Georgia"
    run = d.add_paragraph().add_run("Georgia Smith was seven.")
    run.font.name = "Georgia"
    src = tmp_path / "report.docx"
    d.save(str(src))
    out = tmp_path / "public.docx"
    r = cli("redact", src, "--register", reg, "-o", out)
    assert r.code == 0, r.stderr
    red = docx.Document(str(out))
    assert red.paragraphs[0].text == "Sibling 1 was seven."
    assert red.paragraphs[0].runs[0].font.name == "Georgia"        # formatting kept
    assert red.styles["Normal"].font.name == "Georgia"
    # a made-up font name holding a register name is not kept
    d = docx.Document()
    d.add_paragraph().add_run("Text.").font.name = "Georgia Smith"
    d.save(str(src))
    r = cli("redact", src, "--register", reg, "-o", out, "--force")
    assert r.code == 0, r.stderr
    with zipfile.ZipFile(out) as zf:
        assert [n for n in zf.namelist() if b"smith" in zf.read(n).lower()] == []
