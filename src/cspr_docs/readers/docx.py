"""Reader for .docx: every part found through the package's relationships, never by its
file name (``docx_package``). Blocks, in this order: the main document (paragraphs and
table cells in document order, text boxes once), headers, footers, footnotes, endnotes,
comments, then the text that sits outside paragraphs (``docx_extras``: image alt text,
hyperlink tooltips, charts, SmartArt, imported chunks) and the document properties."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..findings import Location
from ..model import Block, Cell, Document
from .docx_package import DocxPackage, parse_part, xml_error_kind  # noqa: F401 (re-exported)
from .docx_styles import Styles, on

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _T, _TAB, _BR, _CR = (f"{{{W}}}{t}" for t in ("p", "t", "tab", "br", "cr"))
_TC, _TR, _TBL = f"{{{W}}}tc", f"{{{W}}}tr", f"{{{W}}}tbl"
_DEL, _DEL_TEXT = f"{{{W}}}del", f"{{{W}}}delText"
_R, _TXBX = f"{{{W}}}r", f"{{{W}}}txbxContent"
_FLD_CHAR, _INSTR, _FLD_SIMPLE = f"{{{W}}}fldChar", f"{{{W}}}instrText", f"{{{W}}}fldSimple"
_HYPERLINK, _SDT, _GALLERY = f"{{{W}}}hyperlink", f"{{{W}}}sdt", f"{{{W}}}docPartGallery"
#: Word's contents-list paragraph styles ("TOC 1" ... "TOC 9", "TOC Heading")
_TOC_STYLE = re.compile(r"^(?:toc\s*\d|toc\s*heading|contents\s*\d|table of contents)", re.I)
_CHOICE, _FALLBACK, _ALT = f"{{{MC}}}Choice", f"{{{MC}}}Fallback", f"{{{MC}}}AlternateContent"

from ..files import open_package

#: main-document content types python-docx does not open by itself (macro-enabled, templates)
_MAIN_TYPES = ("application/vnd.ms-word.document.macroEnabled.main+xml",
               "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
               "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")


def check_package(path: Path, data: bytes) -> zipfile.ZipFile:
    """Open the zip (``files.open_package``: zip bombs, duplicate parts) and refuse what is
    not a Word package."""
    zf = open_package(path, data, ".docx")
    names = set(zf.namelist())
    if "word/document.xml" not in names and ("_rels/.rels" not in names or "[Content_Types].xml" not in names):
        raise InputError(path, "not a Word document (the package has no word/document.xml "
                               "nor relationships naming its main part)")
    return zf


def paragraph_text(p: etree._Element) -> str:
    """Visible text of one ``w:p``: runs (insertions included, deletions not), tabs, breaks.

    Text of paragraphs nested inside it (text boxes) is left to those paragraphs.
    """
    out = []
    for el in p.iter(_T, _TAB, _BR, _CR):
        if _nearest(el, _P) is not p:
            continue
        if el.tag == _T:
            out.append(el.text or "")
        elif el.tag == _TAB:
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _nearest(el: etree._Element, tag: str) -> etree._Element | None:
    for anc in el.iterancestors(tag):
        return anc
    return None


def serialise_part(root: etree._Element) -> bytes:
    """A package part's bytes as Word writes them (UTF-8, declaration, standalone)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def open_native(path: Path, data: bytes):
    """python-docx's ``Document`` for the package (macro-enabled and template main parts
    included, so that what they carry can be reported); a clean error otherwise."""
    import docx  # noqa: F401  (registers python-docx's part classes)
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for content_type in _MAIN_TYPES:
        PartFactory.part_type_for.setdefault(content_type, DocumentPart)
    try:
        package = Package.open(io.BytesIO(data))
        main = package.main_document_part
    except KeyError:
        raise InputError(path, "not a readable Word document (a relationship points to a part "
                               "the package does not hold, or a part has no content type)") from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError(path, "not a readable Word document (a part of its zip archive is damaged)") from None
    except etree.XMLSyntaxError as exc:
        _name_malformed_part(path, data)  # raises, naming the part, when it can find it
        raise InputError(path, f"not a readable Word document (a part is not well-formed XML: "
                               f"{xml_error_kind(exc)})") from None
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise InputError(path, f"not a readable Word document ({type(exc).__name__} while reading "
                               "the package)") from None
    if not isinstance(main, DocumentPart):
        raise InputError(path, "not a Word document (its main part is not a Word document body)")
    return main.document


def _name_malformed_part(path: Path, data: bytes) -> None:
    """Raise the ``InputError`` of the first XML part that does not parse (by its name)."""
    zf = zipfile.ZipFile(io.BytesIO(data))
    for info in zf.infolist():
        if info.filename.lower().endswith((".xml", ".rels")):
            parse_part(path, info.filename, zf.read(info.filename))


class _Tables:
    """Cell coordinates (table, row, column, span, header row) of table paragraphs."""

    def __init__(self) -> None:
        self.numbers: dict[etree._Element, int] = {}
        self.rows: dict[etree._Element, tuple[int, bool]] = {}     # w:tr -> (row number, header)
        self.columns: dict[etree._Element, int] = {}               # w:tc -> first grid column

    def cell(self, p: etree._Element) -> Cell | None:
        tc = _nearest(p, _TC)
        tr = _nearest(tc, _TR) if tc is not None else None
        tbl = _nearest(tr, _TBL) if tr is not None else None
        if tbl is None:
            return None
        if tbl not in self.numbers:
            self.numbers[tbl] = len(self.numbers) + 1
            header = True
            for number, row in enumerate((r for r in tbl.iter(_TR) if _nearest(r, _TBL) is tbl), start=1):
                header = header and on(row.find(f"{{{W}}}trPr/{{{W}}}tblHeader"))
                self.rows[row] = (number, header)
        if tc not in self.columns:
            column = 1
            for other in tr.iter(_TC):
                if _nearest(other, _TR) is tr:
                    self.columns[other] = column
                    column += _span(other)
        row_no, header = self.rows.get(tr, (1, False))
        return Cell(self.numbers[tbl], row_no, self.columns.get(tc, 1), _span(tc), header)


def _span(tc: etree._Element) -> int:
    el = tc.find(f"{{{W}}}tcPr/{{{W}}}gridSpan")
    try:
        return max(1, min(int(el.get(f"{{{W}}}val")), 1000)) if el is not None else 1
    except (TypeError, ValueError):
        return 1


def _mirrors(root: etree._Element) -> dict[etree._Element, etree._Element]:
    """Fallback paragraph -> the Choice paragraph holding the same text, for each
    ``mc:AlternateContent`` (a text box is stored twice: DrawingML and VML)."""
    out: dict[etree._Element, etree._Element] = {}
    for alt in root.iter(_ALT):
        choice = alt.find(_CHOICE)
        fallback = alt.find(_FALLBACK)
        if choice is None or fallback is None:
            continue
        chosen = [p for p in choice.iter(_P)]
        for i, p in enumerate(fallback.iter(_P)):
            if i < len(chosen) and paragraph_text(p) == paragraph_text(chosen[i]):
                out[p] = chosen[i]
    return out


def unshown_fallbacks(root: etree._Element):
    """(``mc:Fallback`` element, its text) for each fallback copy whose paragraphs differ from
    the copy Word shows (the first ``mc:Choice``): text that travels unseen."""
    mirrors = _mirrors(root)
    for alt in root.iter(_ALT):
        fallback = alt.find(_FALLBACK)
        if fallback is None or alt.find(_CHOICE) is None:
            continue
        extra = [paragraph_text(p) for p in fallback.iter(_P) if p not in mirrors]
        if any(t.strip() for t in extra):
            yield fallback, " ".join(t for t in extra if t.strip())


class _Reader:
    """Walks the text parts of one package, numbering paragraphs per SPEC §6."""

    def __init__(self, doc: Document, pkg: DocxPackage, styles: Styles) -> None:
        self.doc, self.pkg, self.styles = doc, pkg, styles
        self.tables = _Tables()
        #: every paragraph read (mirrors included) -> its block
        self.block_of: dict[etree._Element, Block] = {}
        self.counters: dict[str, int] = {}
        #: open fields while inside Word's TOC field (its depth), else 0
        self.toc_depth = 0

    def part(self, root: etree._Element, kind: str, *, notes: str | None = None) -> None:
        """Blocks of one text part. ``kind`` is the SPEC §6 part; ``notes`` the element of a
        footnotes/endnotes/comments part whose separators are skipped."""
        mirrors = _mirrors(root)
        for p in root.iter(_P):
            if p in mirrors:
                target = self.block_of.get(mirrors[p])
                if target is not None:
                    target.mirrors += (p,)
                    self.block_of[p] = target
                    continue
            if notes is not None:
                note = _nearest(p, f"{{{W}}}{notes}")
                if note is not None and note.get(f"{{{W}}}type") in (
                        "separator", "continuationSeparator", "continuationNotice"):
                    continue
            self.paragraph(p, kind)

    def paragraph(self, p: etree._Element, kind: str) -> None:
        main = kind == "body"
        number = self.counters[kind] = self.counters.get(kind, 0) + 1
        text = paragraph_text(p)
        cell = self.tables.cell(p)
        in_table = main and cell is not None
        level = None if in_table or not main else self.styles.heading_level(p)
        block_kind = "heading" if level is not None and text.strip() else ("cell" if in_table else "paragraph")
        field = "text box" if _nearest(p, _TXBX) is not None else None
        part = "table" if in_table else kind
        block = Block(block_kind, text, Location(part, paragraph=number, field=field),
                      level=level if block_kind == "heading" else None, node=p, cell=cell,
                      style=self.styles.name(self.styles.paragraph_style_id(p)),
                      list_level=self.styles.list_level(p), bold=self._bold(p))
        if main and not in_table:
            if level is not None and not (block.style and _TOC_STYLE.match(block.style)):
                self.toc_depth = 0  # a real heading: any TOC field left open (a damaged file) has ended
            else:
                block.contents = self._in_contents(p, block.style)
        self.doc.blocks.append(block)
        self.block_of[p] = block
        if main:
            for d in p.iter(_DEL):
                if _nearest(d, _P) is not p:
                    continue
                deleted = "".join(t.text or "" for t in d.iter(_DEL_TEXT))
                if deleted.strip():
                    self.doc.blocks.append(Block("paragraph", deleted,
                                                 Location("tracked-change", paragraph=number), node=d))

    def _in_contents(self, p: etree._Element, style: str | None) -> bool:
        """Whether ``p`` is part of a contents list as Word marks one: inside the TOC field, a
        TOC style, a "Table of Contents" content control or a hyperlink to a ``_Toc`` bookmark."""
        inside = self.toc_depth > 0
        for el in p.iter(_FLD_CHAR, _INSTR, _FLD_SIMPLE):
            if el.tag == _INSTR and self.toc_depth == 1 and (el.text or "").strip().upper().startswith("TOC"):
                inside = True
            elif el.tag == _FLD_SIMPLE and (el.get(f"{{{W}}}instr") or "").strip().upper().startswith("TOC"):
                inside = True
            elif el.tag == _FLD_CHAR:
                kind = el.get(f"{{{W}}}fldCharType")
                if kind == "begin" and (self.toc_depth or self._starts_toc(el)):
                    self.toc_depth += 1
                    inside = True
                elif kind == "end" and self.toc_depth:
                    self.toc_depth -= 1
        if inside:
            return True
        if style and _TOC_STYLE.match(style):
            return True
        if any((h.get(f"{{{W}}}anchor") or "").startswith("_Toc") for h in p.iter(_HYPERLINK)):
            return True
        for sdt in p.iterancestors(_SDT):
            for gallery in sdt.iter(_GALLERY):
                if "contents" in (gallery.get(f"{{{W}}}val") or "").lower():
                    return True
        return False

    @staticmethod
    def _starts_toc(begin: etree._Element) -> bool:
        """A field begin whose instruction (the following instrText runs) is TOC."""
        for run in begin.getparent().itersiblings(_R):
            instr = run.find(_INSTR)
            if instr is not None:
                return (instr.text or "").strip().upper().startswith("TOC")
            if run.find(_FLD_CHAR) is not None:
                return False
        return False

    def _bold(self, p: etree._Element) -> bool:
        runs = [r for r in p.iter(_R) if _nearest(r, _P) is p and _nearest(r, _DEL) is None
                and "".join(t.text or "" for t in r.iter(_T)).strip()]
        return bool(runs) and all(on(self.styles.run_property(r, "b")) for r in runs)


def _properties(pkg: DocxPackage, docx_doc) -> dict[str, str]:
    cp = docx_doc.core_properties
    props = {name: getattr(cp, name) or "" for name in
             ("title", "subject", "author", "last_modified_by", "keywords", "comments",
              "category", "language", "content_status", "identifier", "version")}
    for part in pkg.with_role("app-properties"):
        for child in pkg.xml(part.name):
            local = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if local in ("Company", "Manager") and child.text:
                props[local.lower()] = child.text
    for part in pkg.with_role("custom-properties"):
        for prop in pkg.xml(part.name):
            value = " ".join((v.text or "").strip() for v in prop).strip()
            if value:
                props[f"custom:{prop.get('name')}"] = value
    return {k: str(v) for k, v in props.items() if v}


def read_package(path: Path, data: bytes) -> tuple[object, DocxPackage]:
    """python-docx's document and the package view, for callers that need no blocks."""
    zf = check_package(path, data)
    native = open_native(path, data)
    return native, DocxPackage(path, zf, native.part.package)


def read_docx(path: Path, data: bytes) -> Document:
    """Read a .docx into blocks (see the module's docstring for the order)."""
    from .docx_extras import extra_blocks

    native, pkg = read_package(path, data)
    main = pkg.main
    styles_part = next((part for _, part in pkg.iter_related(main.name, "styles")), None)
    styles = Styles(pkg.xml(styles_part.name) if styles_part is not None else None)
    doc = Document(path=path, format="docx", data=data, native=native,
                   properties=_properties(pkg, native), package=pkg)
    reader = _Reader(doc, pkg, styles)
    reader.part(pkg.xml(main.name), "body")

    # headers and footers: in section order first (as Word shows them), then any other
    seen: list[str] = []
    for section in native.sections:
        for hf in (section.header, section.first_page_header, section.even_page_header,
                   section.footer, section.first_page_footer, section.even_page_footer):
            if not hf.is_linked_to_previous:
                name = str(hf.part.partname).lstrip("/")
                if name not in seen:
                    seen.append(name)
    for role in ("header", "footer"):  # then the others, wherever related from
        seen += [p.name for p in pkg.with_role(role) if p.name not in seen]
    for name in seen:
        kind = "footer" if pkg.parts[name].has("footer") else "header"
        reader.part(pkg.xml(name), kind)

    for role, kind, item in (("footnotes", "footnote", "footnote"), ("endnotes", "footnote", "endnote"),
                             ("comments", "comment", "comment")):
        for part in pkg.with_role(role):
            reader.part(pkg.xml(part.name), kind, notes=item)

    from .contents import mark_contents

    doc.contents = mark_contents(doc.blocks)
    doc.blocks += extra_blocks(pkg, reader.block_of)
    for name, value in doc.properties.items():
        doc.blocks.append(Block("paragraph", value, Location("properties", field=name)))
    return doc
