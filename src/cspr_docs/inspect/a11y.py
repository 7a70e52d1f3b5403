"""ACC001-ACC006: what the Public Sector Bodies (Websites and Mobile Applications)
Accessibility Regulations 2018 need from a published report, checked in the file.

Messages say how to fix each problem in Word, where the report is written.
"""

from __future__ import annotations

from ..document import Document
from ..findings import Finding, Location, make_finding
from ._common import quote

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DECORATIVE = ("http://schemas.microsoft.com/office/drawing/2017/decorative", "decorative")
_PDF_EXPORT = ("when saving as PDF in Word, tick Options > 'Document structure tags for accessibility'")


def accessibility(doc: Document) -> list[Finding]:
    """Accessibility findings for a .docx or .pdf (``[]`` for .txt/.md)."""
    if doc.format == "docx":
        return _docx(doc)
    if doc.format == "pdf":
        from ..readers.pdf import damaged_pdf_errors

        with damaged_pdf_errors(doc.path):
            return _pdf(doc)
    return []


def heading_findings(doc: Document) -> list[Finding]:
    """ACC003 from the document model's headings (the Title style, level 0, is ignored)."""
    heads = [b for b in doc.headings() if b.level and b.level >= 1]
    if not heads:
        return [make_finding("ACC003", "The document has no headings: mark section titles with Word's "
                             "heading styles (Home > Styles > Heading 1, Heading 2 ...) so screen-reader "
                             "users can navigate", Location("body"))]
    findings = []
    if heads[0].level != 1:
        findings.append(make_finding(
            "ACC003", f"The first heading \"{quote(heads[0].text)}\" is level {heads[0].level}, not 1: "
            "start with Heading 1 (Home > Styles > Heading 1)", heads[0].location, text=heads[0].text))
    elif not any(h.level == 1 for h in heads):
        findings.append(make_finding("ACC003", "No Heading 1 in the document", Location("body")))
    for prev, head in zip(heads, heads[1:]):
        if head.level > prev.level + 1:
            findings.append(make_finding(
                "ACC003", f"Heading \"{quote(head.text)}\" jumps from level {prev.level} to {head.level}: "
                f"use Heading {prev.level + 1} instead (Home > Styles)", head.location, text=head.text))
    return findings


# .docx ---------------------------------------------------------------------------------

def _docx(doc: Document) -> list[Finding]:
    from .docx_parts import DC, DocxParts, w

    parts = DocxParts(doc)
    findings = []
    core = parts.first("core-properties")
    title = core.findtext(f"{{{DC}}}title") if core is not None else None
    if not (title or "").strip():
        findings.append(make_finding(
            "ACC001", "The document has no title property: set it in File > Info > Properties > Title "
            "(screen readers and the PDF export announce it)", Location("properties", field="title")))
    language = core.findtext(f"{{{DC}}}language") if core is not None else None
    if not (language or "").strip():
        defaults = parts.styles.defaults_rpr
        lang = defaults.find(w("lang")) if defaults is not None else None
        language = lang.get(w("val")) if lang is not None else None
    if not (language or "").strip():
        findings.append(make_finding(
            "ACC002", "The document has no language: set it with Review > Language > Set Proofing "
            "Language > English (United Kingdom) and 'Set As Default'", Location("properties", field="language")))
    findings += heading_findings(doc)
    main = parts.package.main
    body = parts.text_parts.get(main.name) if main is not None else None
    if body is not None:
        findings += _docx_images(parts, body, w, main.name)
        findings += _docx_tables(parts, body, w, main.name)
    return findings


VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"


def _docx_images(parts, body, w, name: str) -> list[Finding]:
    findings = []
    for shape in body.iter(f"{{{VML}}}shape"):  # legacy (Word 2007 / compatibility mode) pictures
        if shape.find(f"{{{VML}}}imagedata") is None:
            continue
        if (shape.get("alt") or "").strip() or (shape.find(f"{{{VML}}}imagedata").get(f"{{{OFFICE}}}title") or "").strip():
            continue
        findings.append(make_finding(
            "ACC004", "A picture has no alternative text: right-click it > View Alt Text and describe it "
            "(or tick 'Mark as decorative')", parts.location_of(shape, name), text=shape.get("id")))
    for holder in body.iter(f"{{{WP}}}inline", f"{{{WP}}}anchor"):
        pr = holder.find(f"{{{WP}}}docPr")
        if pr is None:
            continue
        if (pr.get("descr") or "").strip():
            continue
        if any(el.get("val") in ("1", "true") for el in pr.iter(f"{{{DECORATIVE[0]}}}{DECORATIVE[1]}")):
            continue
        name = pr.get("name") or "picture"
        findings.append(make_finding(
            "ACC004", f"Image \"{name}\" has no alternative text: right-click it > View Alt Text and "
            "describe it (or tick 'Mark as decorative')", parts.location_of(holder, name),
            text=name))
    return findings


def _docx_tables(parts, body, w, name: str) -> list[Finding]:
    from .docx_parts import on

    findings = []
    for number, tbl in enumerate(body.iter(w("tbl")), start=1):
        rows = tbl.findall(w("tr"))
        if len(rows) < 2:
            continue
        first = rows[0]
        hdr = first.find(f"{w('trPr')}/{w('tblHeader')}")
        if hdr is not None and on(hdr):
            continue
        first_p = next(first.iter(w("p")), None)
        loc = parts.location_of(first_p, name) if first_p is not None else Location("table")
        cells = [" ".join(t.text or "" for t in tc.iter(w("t"))) for tc in first.iter(w("tc"))]
        findings.append(make_finding(
            "ACC005", f"Table {number} (first row \"{quote(' | '.join(cells), 60)}\") has no header row: "
            "select the first row, then Table Layout > Repeat Header Rows (Table Design > Header Row)",
            loc, text=" | ".join(cells)))
    return findings


# .pdf ----------------------------------------------------------------------------------

def _pdf(doc: Document) -> list[Finding]:
    from ._common import pdf_reader

    reader = pdf_reader(doc)
    root = reader.trailer["/Root"].get_object()
    findings = []
    title = ""
    try:
        info = reader.metadata
        title = str(info.title or "") if info is not None else ""
    except Exception:
        title = ""
    if not title.strip():
        try:
            xmp = reader.xmp_metadata
            title = " ".join((xmp.dc_title or {}).values()) if xmp is not None else ""
        except Exception:
            title = ""
    if not title.strip():
        findings.append(make_finding(
            "ACC001", "The PDF has no title: set File > Info > Properties > Title in Word before "
            "saving as PDF", Location("pdf-metadata", field="title")))
    else:
        prefs = root.get("/ViewerPreferences")
        prefs = prefs.get_object() if prefs is not None else {}
        if not bool(prefs.get("/DisplayDocTitle", False)):
            findings.append(make_finding(
                "ACC001", f"The PDF has a title (\"{quote(title)}\") but viewers show the file name "
                "instead (DisplayDocTitle is not set): when saving as PDF in Word, tick Options > "
                "'Document properties'",
                Location("pdf-metadata", field="DisplayDocTitle"), text=title))
    if not str(root.get("/Lang", "")).strip():
        findings.append(make_finding(
            "ACC002", "The PDF has no document language (/Lang): set Review > Language > Set Proofing "
            "Language in Word before saving as PDF", Location("pdf-metadata", field="Lang")))
    mark = root.get("/MarkInfo")
    mark = mark.get_object() if mark is not None else {}
    tagged = bool(mark.get("/Marked", False)) and root.get("/StructTreeRoot") is not None
    if not tagged:
        findings.append(make_finding(
            "ACC006", "The PDF is not tagged, so screen readers cannot follow its structure: "
            + _PDF_EXPORT, Location("pdf-metadata", field="MarkInfo")))
    else:
        findings += _pdf_figures(reader)
    if doc.headings():
        findings += heading_findings(doc)
    return findings


def _pdf_figures(reader) -> list[Finding]:
    """ACC004 for tagged PDFs: /Figure structure elements without /Alt."""
    from ..readers.pdf import walk_structure

    findings = []
    for item, page, _ in walk_structure(reader):
        if isinstance(item, int) or item.get("/S") != "/Figure":
            continue
        if not str(item.get("/Alt", "")).strip():
            findings.append(make_finding(
                "ACC004", "A figure in the PDF has no alternative text: right-click the picture in Word > "
                "View Alt Text, then save as PDF again",
                Location("body", page=page + 1 if page is not None else None)))
    return findings
