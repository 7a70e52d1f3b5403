"""The pieces of a .docx package the inspections need, read once.

Text-bearing parts are taken from python-docx's own trees where it has them (so a
paragraph element maps straight to the reader's ``Location``), and from the zip
with lxml where it does not. Style chains are resolved for run properties.
"""

from __future__ import annotations

import re
from functools import cached_property

from lxml import etree

from ..document import Document
from ..findings import Location
from ..errors import InputError
from ..readers.docx import W, parse_part
from ._common import docx_zip

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
VML_NS = "urn:schemas-microsoft-com:vml"
_PART_RE = re.compile(r"word/(document|header[^/]*|footer[^/]*|footnotes|endnotes)\.xml")


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def on(el) -> bool:
    """A WordprocessingML toggle property (``<w:b/>``, ``w:val="0"`` is off)."""
    return el is not None and (el.get(w("val")) or "true").lower() not in ("0", "false", "off")


def part_kind(name: str) -> str:
    """SPEC §6 part of a package part name."""
    base = name.rsplit("/", 1)[-1]
    for prefix, kind in (("header", "header"), ("footer", "footer"), ("footnotes", "footnote"),
                         ("endnotes", "footnote"), ("comments", "comment")):
        if base.startswith(prefix):
            return kind
    return "body"


class DocxParts:
    """Zip, text-part trees, paragraph locations and styles of a .docx ``Document``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.zf = docx_zip(doc)
        self.names = self.zf.namelist()

    @cached_property
    def locations(self) -> dict:
        """``w:p`` element -> the reader's Location (body, table, header, footer ...)."""
        return {b.node: b.location for b in self.doc.blocks
                if b.node is not None and getattr(b.node, "tag", None) == w("p")}

    @cached_property
    def text_parts(self) -> dict[str, etree._Element]:
        """Zip name -> root element of body, header, footer, footnote and endnote parts."""
        native_roots = {}
        if self.doc.native is not None and hasattr(self.doc.native, "part"):
            native_roots["word/document.xml"] = self.doc.native.element
            for part in self.doc.native.part.package.iter_parts():
                name = str(part.partname).lstrip("/")
                if _PART_RE.fullmatch(name) and hasattr(part, "element"):
                    native_roots[name] = part.element
        out = {}
        for name in sorted(self.names):
            if _PART_RE.fullmatch(name):
                out[name] = native_roots.get(name)
                if out[name] is None:
                    out[name] = self.xml(name)
        return out

    def xml(self, name: str, *, strict: bool = True) -> etree._Element | None:
        """The root of part ``name`` (None when the package has no such part). A malformed
        part is an ``InputError``, or None when not ``strict``."""
        if name not in self.names:
            return None
        try:
            return parse_part(self.doc.path, name, self.zf.read(name))
        except InputError:
            if strict:
                raise
            return None

    def location_of(self, el, name: str) -> Location:
        """Location of the paragraph holding ``el`` (falls back to the part alone)."""
        p = el if el.tag == w("p") else next(el.iterancestors(w("p")), None)
        if p is not None and p in self.locations:
            return self.locations[p]
        return Location(part_kind(name))

    @cached_property
    def styles(self) -> "Styles":
        return Styles(self.xml("word/styles.xml"))


class Styles:
    """Run-property lookups through ``basedOn`` chains and the document defaults."""

    def __init__(self, root) -> None:
        self.by_id = {}
        self.defaults_rpr = None
        self.default_ids: dict[str, str] = {}
        if root is None:
            return
        for st in root.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid:
                self.by_id[sid] = st
                if st.get(w("default")) in ("1", "true", "on"):
                    self.default_ids[st.get(w("type")) or ""] = sid
        self.defaults_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")

    def chain(self, style_id: str | None):
        seen = set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            st = self.by_id[style_id]
            yield st
            based = st.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None

    def style_rpr(self, style_id: str | None, tag: str):
        for st in self.chain(style_id):
            el = st.find(f"{w('rPr')}/{w(tag)}")
            if el is not None:
                return el
        return None

    def run_property(self, r, tag: str):
        """The effective ``w:tag`` element of run ``r``: direct, character style,
        paragraph style, then document default (``None`` when unset)."""
        rpr = r.find(w("rPr"))
        if rpr is not None:
            el = rpr.find(w(tag))
            if el is not None:
                return el
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                el = self.style_rpr(rstyle.get(w("val")), tag)
                if el is not None:
                    return el
        p = next(r.iterancestors(w("p")), None)
        pstyle_id = self.default_ids.get("paragraph")
        if p is not None:
            ps = p.find(f"{w('pPr')}/{w('pStyle')}")
            if ps is not None:
                pstyle_id = ps.get(w("val"))
        el = self.style_rpr(pstyle_id, tag)
        if el is not None:
            return el
        if self.defaults_rpr is not None:
            return self.defaults_rpr.find(w(tag))
        return None
