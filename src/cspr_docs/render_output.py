"""What a rendered Word document gets after the template has filled it (issue 14): the
DRAFT marking in its headers, its title property, its contents list and the partnership's logo."""

from __future__ import annotations

import io
from pathlib import Path

from .errors import InputError


def add_draft_header(docx_document, marking_text: str) -> None:
    """Put the DRAFT marking first in every header (all pages of every section)."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import RGBColor

    headers = [rel.target_part for rel in docx_document.part.rels.values()
               if rel.reltype == RT.HEADER and not rel.is_external]
    if not headers:  # a template without headers: python-docx adds them
        for section in docx_document.sections:
            marker = section.header.paragraphs[0]
            run = marker.add_run(marking_text)
            run.bold = True
            run.font.color.rgb = RGBColor(0xA0, 0x00, 0x00)
        return
    marking = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:rPr><w:b/>'
        f'<w:color w:val="A00000"/></w:rPr><w:t>{escape(marking_text)}</w:t></w:r></w:p>')
    from copy import deepcopy

    # docxtpl swaps each rendered header in as a new part: edit the parts the package saves
    for part in headers:
        part._element.insert(0, deepcopy(marking))


def fill_contents(docx_document) -> None:
    """List the rendered headings in the contents (TOC) field, so the .docx shows its
    contents before Word or LibreOffice updates the field with page numbers."""
    import re

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = docx_document.element.body
    instr = next((i for i in body.iter(qn("w:instrText"))
                  if (i.text or "").strip().startswith("TOC")), None)
    if instr is None:
        return
    paragraph = instr.getparent().getparent()
    chars = [c for c in paragraph.iter(qn("w:fldChar"))]
    kinds = [c.get(qn("w:fldCharType")) for c in chars]
    if paragraph.tag != qn("w:p") or kinds != ["begin", "separate", "end"]:
        return  # a field spread over several paragraphs: leave it to Word
    levels = re.search(r'\\o\s+"(\d)-(\d)"', instr.text or "")
    low, high = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 3)
    heading_1 = next((st for st in docx_document.styles if st.name == "Heading 1"), None)
    numbered = heading_1 is not None and heading_1.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None
    entries, section = [], 0
    for p in docx_document.paragraphs:
        name = p.style.name if p.style is not None else ""
        match = re.fullmatch(r"Heading (\d)", name)
        if not match or not p.text.strip() or not low <= int(match.group(1)) <= high:
            continue
        level = int(match.group(1))
        if level == 1:
            section += 1
        prefix = f"{section}. " if numbered and level == 1 else ""
        entries.append((level, prefix + " ".join(p.text.split())))
    if not entries:
        return
    separate_run, end_run = chars[1].getparent(), chars[2].getparent()
    after = False
    for child in list(paragraph):
        if child is separate_run:
            after = True
        elif after and child is not end_run:
            paragraph.remove(child)  # the template's placeholder result

    def text_run(text):
        r = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        r.append(t)
        return r

    def set_style(p, level):
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = OxmlElement("w:pPr")
            p.insert(0, ppr)
        for old in ppr.findall(qn("w:pStyle")):
            ppr.remove(old)
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), f"TOC{level}")
        ppr.insert(0, style)

    paragraph.remove(end_run)
    set_style(paragraph, entries[0][0])
    paragraph.append(text_run(entries[0][1]))
    last = paragraph
    for level, text in entries[1:]:
        new = OxmlElement("w:p")
        set_style(new, level)
        new.append(text_run(text))
        last.addnext(new)
        last = new
    last.append(end_run)


def add_logo(docx_document, logo: Path, case) -> None:
    """The partnership's logo at the top of the cover, with alternative text."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    from .files import read_input

    data = read_input(logo, limit=10 * 1024 * 1024)
    if not (data.startswith((b"\x89PNG", b"\xff\xd8"))):
        raise InputError(logo, "the logo must be a PNG or JPEG image")
    first = docx_document.paragraphs[0] if docx_document.paragraphs else docx_document.add_paragraph()
    holder = first.insert_paragraph_before()
    try:
        holder.add_run().add_picture(io.BytesIO(data), height=Cm(2.2))
    except Exception:  # python-docx's image errors come in several types
        holder._p.getparent().remove(holder._p)
        raise InputError(logo, "the logo is not a readable PNG or JPEG image") from None
    name = case.case.partnership if case.case and case.case.partnership else "Partnership"
    for doc_pr in holder._p.iter(qn("wp:docPr")):
        doc_pr.set("descr", f"{name} logo")
        doc_pr.set("name", "Logo")


def set_title_property(docx_document) -> None:
    """The rendered document's title (for the PDF title and screen readers): the text of its
    first Title-style paragraph, when it has one."""
    for paragraph in docx_document.paragraphs:
        if paragraph.style is not None and paragraph.style.name == "Title" and paragraph.text.strip():
            docx_document.core_properties.title = " ".join(paragraph.text.split())[:250]
            return


def highlight_gaps(docx_document) -> int:
    """Highlight every ``[MISSING: ...]`` gap of a draft (body, tables, headers and footers)
    in yellow, so an author sees each one; returns how many were marked."""
    import re
    from copy import deepcopy

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    gap = re.compile(r"\[MISSING: (?:[^\[\]]|\[[^\[\]]*\])*\]")  # paths hold [0], [police]
    roots = [docx_document.element.body]
    roots += [rel.target_part._element for rel in docx_document.part.rels.values()
              if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external]
    count = 0
    for root in roots:
        for run in list(root.iter(qn("w:r"))):
            texts = run.findall(qn("w:t"))
            if len(texts) != 1 or not gap.search(texts[0].text or ""):
                continue
            text = texts[0].text
            pieces, pos = [], 0
            for m in gap.finditer(text):
                if m.start() > pos:
                    pieces.append((text[pos:m.start()], False))
                pieces.append((m.group(0), True))
                pos = m.end()
            if pos < len(text):
                pieces.append((text[pos:], False))
            for piece, is_gap in pieces:
                new = deepcopy(run)
                new_t = new.find(qn("w:t"))
                new_t.text = piece
                new_t.set(qn("xml:space"), "preserve")
                if is_gap:
                    rpr = new.find(qn("w:rPr"))
                    if rpr is None:
                        rpr = OxmlElement("w:rPr")
                        new.insert(0, rpr)
                    mark = OxmlElement("w:highlight")
                    mark.set(qn("w:val"), "yellow")
                    rpr.append(mark)
                    count += 1
                run.addprevious(new)
            run.getparent().remove(run)
    return count
