"""The shared document model: what the .docx and text readers see, and where."""

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from cspr_docs.document import read_document
from cspr_docs.errors import InputError
from fixtures.hostile import OLE_FILE, zip_bomb, zip_parts


def test_docx_blocks_in_order_with_heading_levels_and_locations(tmp_path):
    d = docx.Document()
    d.add_heading("A review", 0)
    d.add_heading("1. Introduction", 1)
    d.add_paragraph("Why the review was held.")
    custom = d.styles.add_style("Partnership Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = d.styles["Heading 2"]
    d.add_paragraph("Scope", style="Partnership Heading")
    outline = d.add_paragraph("Methodology")
    outline._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Agency"
    table.cell(0, 1).text = "Involvement"
    d.add_paragraph("After the table.")
    d.sections[0].header.paragraphs[0].text = "Header line"
    d.sections[0].footer.paragraphs[0].text = "Footer line"
    path = tmp_path / "r.docx"
    d.save(str(path))

    doc = read_document(path)
    body = [(b.kind, b.level, b.text, b.location.part, b.location.paragraph) for b in doc.blocks
            if b.location.part in ("body", "table")]
    assert body == [
        ("heading", 0, "A review", "body", 1),
        ("heading", 1, "1. Introduction", "body", 2),
        ("paragraph", None, "Why the review was held.", "body", 3),
        ("heading", 2, "Scope", "body", 4),
        ("heading", 1, "Methodology", "body", 5),
        ("cell", None, "Agency", "table", 6),
        ("cell", None, "Involvement", "table", 7),
        ("paragraph", None, "After the table.", "body", 8),
    ]
    others = {(b.location.part, b.text) for b in doc.blocks if b.location.part in ("header", "footer")}
    assert others == {("header", "Header line"), ("footer", "Footer line")}


def test_docx_name_split_across_runs_reads_as_one_text(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    for part in ("Jay", "den Wal", "sh visited."):
        p.add_run(part).bold = True
    path = tmp_path / "split.docx"
    d.save(str(path))
    assert read_document(path).blocks[0].text == "Jayden Walsh visited."


def test_docx_tracked_deletion_is_its_own_block(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Kept text. ")
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="Editor" w:date="2026-01-01T00:00:00Z">'
        '<w:r><w:delText>Jayden Walsh</w:delText></w:r></w:del>'))
    path = tmp_path / "tracked.docx"
    d.save(str(path))
    blocks = read_document(path).blocks
    assert blocks[0].text == "Kept text. "
    deleted = [b for b in blocks if b.location.part == "tracked-change"]
    assert [(b.text, b.location.paragraph) for b in deleted] == [("Jayden Walsh", 1)]


def test_text_reader_offsets_and_headings(tmp_path):
    text = "# Review of Child A\n\nSome text here\nover two lines.\n\n3.2 Analysis of practice\nBody.\n"
    path = tmp_path / "r.md"
    path.write_text(text)
    doc = read_document(path)
    for block in doc.blocks:
        assert text[block.location.start:block.location.end] == block.text
    assert [(b.kind, b.level) for b in doc.blocks] == [("heading", 1), ("paragraph", None),
                                                      ("heading", 2), ("paragraph", None)]


@pytest.mark.parametrize("name, data, words", [
    ("empty.docx", b"", "empty"),
    ("notzip.docx", b"plain text, not a zip", "not a DOCX"),
    ("pdf-named.docx", b"%PDF-1.7\n%%EOF", "looks like PDF"),
    ("nodoc.docx", zip_parts({"hello.txt": b"hi"}), "no word/document.xml"),
    ("encrypted.docx", OLE_FILE, "password-protected"),
    ("report.rtf", b"{\\rtf1}", "unsupported file type"),
    ("bad.txt", b"caf\xe9", "not UTF-8"),
])
def test_bad_inputs_are_one_clear_input_error(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_document(path)
    assert words in str(err.value) and str(path) in str(err.value)


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb())
    with pytest.raises(InputError) as err:
        read_document(path)
    assert "refused" in str(err.value) and "limit" in str(err.value)
