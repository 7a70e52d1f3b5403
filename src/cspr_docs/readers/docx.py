"""Reader for .docx: body and tables in document order, headers, footers, footnotes,
comments, tracked deletions and document properties, each block with its location."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ..document import Block, Document
from ..errors import InputError
from ..findings import Location

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _T, _TAB, _BR, _CR = (f"{{{W}}}{t}" for t in ("p", "t", "tab", "br", "cr"))
_TC, _DEL, _DEL_TEXT = f"{{{W}}}tc", f"{{{W}}}del", f"{{{W}}}delText"

from ..files import MAX_PACKAGE_BYTES, MAX_PART_BYTES, MAX_RATIO, open_package  # noqa: F401


def check_package(path: Path, data: bytes) -> zipfile.ZipFile:
    """Open the zip (``files.open_package``: zip bombs, duplicate parts) and refuse what is
    not a Word package."""
    zf = open_package(path, data, ".docx")
    if "word/document.xml" not in zf.namelist():
        raise InputError(path, "not a Word document (the package has no word/document.xml)")
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


class _HeadingLevels:
    """Heading level of a paragraph from its style chain or outline level (0 = Title)."""

    def __init__(self, docx_doc) -> None:
        self._styles = {s.style_id: s for s in docx_doc.styles if s.style_id}
        self._cache: dict[str | None, int | None] = {}

    def of(self, p: etree._Element) -> int | None:
        ppr = p.find(f"{{{W}}}pPr")
        if ppr is not None:
            lvl = ppr.find(f"{{{W}}}outlineLvl")
            if lvl is not None:
                return _outline(lvl)
            style = ppr.find(f"{{{W}}}pStyle")
            if style is not None:
                return self._style_level(style.get(f"{{{W}}}val"))
        return None

    def _style_level(self, style_id: str | None) -> int | None:
        if style_id not in self._cache:
            self._cache[style_id] = self._walk(self._styles.get(style_id), 0)
        return self._cache[style_id]

    def _walk(self, style, depth: int) -> int | None:
        if style is None or depth > 10:
            return None
        name = (style.name or "").strip().lower()
        if name == "title":
            return 0
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        lvl = style.element.find(f"{{{W}}}pPr/{{{W}}}outlineLvl")
        if lvl is not None:
            return _outline(lvl)
        return self._walk(style.base_style, depth + 1)


def _outline(el: etree._Element) -> int | None:
    try:
        val = int(el.get(f"{{{W}}}val"))
    except (TypeError, ValueError):
        return None
    return val + 1 if 0 <= val < 9 else None  # 9 means "body text"


def parse_part(path: Path, name: str, blob: bytes) -> etree._Element:
    """Parse one package part (no entities, no network), refusing malformed XML with a
    clean ``InputError``. Every reading of a .docx part's XML goes through here."""
    try:
        return etree.fromstring(blob, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"part {name} is not well-formed XML ({exc})") from None


def serialise_part(root: etree._Element) -> bytes:
    """A package part's bytes as Word writes them (UTF-8, declaration, standalone)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _part_xml(path: Path, docx_doc, partname: str) -> etree._Element | None:
    for part in docx_doc.part.package.iter_parts():
        if part.partname == partname:
            return parse_part(path, partname.lstrip("/"), part.blob)
    return None


def _properties(path: Path, docx_doc, zf: zipfile.ZipFile) -> dict[str, str]:
    cp = docx_doc.core_properties
    props = {name: getattr(cp, name) or "" for name in
             ("title", "subject", "author", "last_modified_by", "keywords", "comments",
              "category", "language", "content_status", "identifier", "version")}
    if "docProps/app.xml" in zf.namelist():
        app = parse_part(path, "docProps/app.xml", zf.read("docProps/app.xml"))
        for child in app:
            local = etree.QName(child).localname
            if local in ("Company", "Manager") and child.text:
                props[local.lower()] = child.text
    if "docProps/custom.xml" in zf.namelist():
        for prop in parse_part(path, "docProps/custom.xml", zf.read("docProps/custom.xml")):
            value = " ".join((v.text or "").strip() for v in prop).strip()
            if value:
                props[f"custom:{prop.get('name')}"] = value
    return {k: str(v) for k, v in props.items() if v}


def read_docx(path: Path, data: bytes) -> Document:
    """Read a .docx into blocks: body/table paragraphs numbered in document order,
    then headers, footers, footnotes, comments, tracked deletions and properties."""
    import docx

    zf = check_package(path, data)
    try:
        native = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise InputError(path, f"not a readable Word document ({type(exc).__name__}: {exc})") from None
    doc = Document(path=path, format="docx", data=data, native=native,
                   properties=_properties(path, native, zf))
    levels = _HeadingLevels(native)

    number = 0
    for p in native.element.body.iter(_P):
        number += 1
        text = paragraph_text(p)
        in_table = _nearest(p, _TC) is not None
        level = None if in_table else levels.of(p)
        kind = "heading" if level is not None and text.strip() else ("cell" if in_table else "paragraph")
        doc.blocks.append(Block(kind, text, Location("table" if in_table else "body", paragraph=number),
                                level=level if kind == "heading" else None, node=p))
        for d in p.iter(_DEL):
            deleted = "".join(t.text or "" for t in d.iter(_DEL_TEXT))
            if deleted.strip():
                doc.blocks.append(Block("paragraph", deleted,
                                        Location("tracked-change", paragraph=number), node=d))

    seen: set[int] = set()
    counters = {"header": 0, "footer": 0}
    for section in native.sections:
        for kind, parts in (("header", (section.header, section.first_page_header, section.even_page_header)),
                            ("footer", (section.footer, section.first_page_footer, section.even_page_footer))):
            for hf in parts:
                if hf.is_linked_to_previous or id(hf.part) in seen:
                    continue
                seen.add(id(hf.part))
                for p in hf.part.element.iter(_P):
                    counters[kind] += 1
                    doc.blocks.append(Block("paragraph", paragraph_text(p),
                                            Location(kind, paragraph=counters[kind]), node=p))

    for partname, part, item in (("/word/footnotes.xml", "footnote", "footnote"),
                                 ("/word/endnotes.xml", "footnote", "endnote"),
                                 ("/word/comments.xml", "comment", "comment")):
        root = _part_xml(path, native, partname)
        if root is None:
            continue
        count = 0
        for note in root.iter(f"{{{W}}}{item}"):
            if note.get(f"{{{W}}}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for p in note.iter(_P):
                count += 1
                doc.blocks.append(Block("paragraph", paragraph_text(p),
                                        Location(part, paragraph=count), node=p))

    for name, value in doc.properties.items():
        doc.blocks.append(Block("paragraph", value, Location("properties", field=name)))
    return doc
