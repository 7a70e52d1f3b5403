"""Build .docx files that exercise every place a name can hide (python-docx + raw XML)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_tracked_deletion(paragraph, text: str, author: str = "Reviewer") -> None:
    """Append a tracked deletion (``w:del`` with ``w:delText``) to ``paragraph``."""
    d = etree.SubElement(paragraph._p, qn("w:del"))
    d.set(qn("w:id"), "901")
    d.set(qn("w:author"), author)
    d.set(qn("w:date"), "2026-01-01T00:00:00Z")
    r = etree.SubElement(d, qn("w:r"))
    t = etree.SubElement(r, qn("w:delText"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def build_sensitive_docx(path: Path) -> Path:
    """A report whose names sit in split runs, a header, a footer, a table, a comment,
    a tracked deletion and the document title; with styles that must survive redaction."""
    doc = Document()
    doc.core_properties.title = "Review concerning Jayden Walsh"
    doc.core_properties.author = "Business Unit"
    doc.add_heading("Local Child Safeguarding Practice Review: Child A", level=1)

    p = doc.add_paragraph("The review concerns ")
    for piece in ("Jay", "den ", "Wal", "sh"):          # Word split the name over four runs
        run = p.add_run(piece)
        run.bold = True
    p.add_run(", who lived with his mother Mrs Walsh at 14 Elm Road.")

    p2 = doc.add_paragraph()
    r = p2.add_run("Kelly")
    r.italic = True
    p2.add_run("'s GP was at Elm Road Surgery; the health visitor was ")
    p2.add_run("Chloe").font.size = Pt(14)
    p2.add_run(" Bennett.")
    anchor = p2.runs[0]

    doc.add_paragraph("Sandra Hughes (Nan Sandra) looked after Mia at weekends. "
                      "Contact: 07700 900461, case LL123456.", style="List Bullet")

    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "Agency"
    table.cell(0, 1).text = "Contact"
    table.cell(1, 0).text = "Little Acorns Nursery"
    table.cell(1, 1).text = "Ryan Doherty"

    p3 = doc.add_paragraph("Professionals met in March 2021. ")
    add_tracked_deletion(p3, "Darren Walsh attended.")

    doc.add_comment(anchor, text="Check with Darren Walsh before publication", author="Ryan Doherty",
                    initials="RD")

    add_footnote(doc, p3, "Information from Sandra Hughes, 2 March 2023.")

    section = doc.sections[0]
    section.header.paragraphs[0].text = "CONFIDENTIAL - Jayden Walsh"
    section.footer.paragraphs[0].text = "Prepared about Mia Walsh"
    doc.save(path)
    return path


def all_xml_text(path: Path) -> str:
    """Every XML part of a .docx as one string, with each paragraph's text joined up so that a
    name split across runs shows whole (plus the raw XML, for attributes)."""
    import zipfile

    out = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            raw = zf.read(name)
            out.append(raw.decode("utf-8", "replace"))
            try:
                root = etree.fromstring(raw)
            except etree.XMLSyntaxError:
                continue
            for p in root.iter(f"{{{W}}}p"):
                out.append("".join(t.text or "" for t in p.iter(f"{{{W}}}t", f"{{{W}}}delText")))
    return "\n".join(out)


FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def add_footnote(doc, paragraph, text: str) -> None:
    """Give ``doc`` a footnotes part (python-docx has no API for it) with one footnote whose
    reference sits at the end of ``paragraph``; the footnote's text is split over two runs."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    half = len(text) // 2
    xml = (f'<w:footnotes xmlns:w="{W}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
           '</w:r></w:p></w:footnote>'
           f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text[:half]}</w:t></w:r>'
           f'<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{text[half:]}</w:t></w:r></w:p></w:footnote>'
           '</w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, xml, doc.part.package)
    doc.part.relate_to(part, FOOTNOTES_RT)
    run = paragraph.add_run()
    ref = etree.SubElement(run._r, qn("w:footnoteReference"))
    ref.set(qn("w:id"), "1")
