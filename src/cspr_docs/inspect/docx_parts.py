"""The pieces of a .docx package the inspections need, read once.

Parts come from the reader's package view (``readers.docx_package``): found through the
relationships and known by content type and relationship type, never by file name. The
trees are python-docx's own where it has them (so a paragraph element maps straight to
the reader's ``Location``) and parsed once otherwise. Style chains are resolved for run
properties (``readers.docx_styles``).
"""

from __future__ import annotations

from functools import cached_property

from lxml import etree

from ..findings import Location
from ..model import Document
from ..readers.docx import W, parse_part  # noqa: F401 (re-exported)
from ..readers.docx_package import DocxPackage
from ..readers.docx_styles import Styles, on, w  # noqa: F401 (re-exported)

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
VML_NS = "urn:schemas-microsoft-com:vml"
#: role of a package part -> SPEC §6 part
_ROLE_PART = {"document": "body", "header": "header", "footer": "footer", "footnotes": "footnote",
              "endnotes": "footnote", "comments": "comment"}


def part_kind(name: str, package: DocxPackage | None = None) -> str:
    """SPEC §6 part of a package part: by its role in ``package`` when given, else by name."""
    if package is not None and name in package.parts:
        return _ROLE_PART.get(package.role_of(name), "body")
    base = name.rsplit("/", 1)[-1]
    for prefix, kind in (("header", "header"), ("footer", "footer"), ("footnotes", "footnote"),
                         ("endnotes", "footnote"), ("comments", "comment")):
        if base.startswith(prefix):
            return kind
    return "body"


class DocxParts:
    """Package, text-part trees, paragraph locations and styles of a .docx ``Document``."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        if doc.package is None:  # a portable copy: read the package again from its bytes
            from ..readers.docx import read_docx

            fresh = read_docx(doc.path, doc.data)
            doc.package, doc.native = fresh.package, fresh.native
            if not any(b.node is not None for b in doc.blocks):
                doc.blocks = fresh.blocks
        self.package: DocxPackage = doc.package
        self.zf = self.package.zf
        self.names = self.zf.namelist()

    @cached_property
    def locations(self) -> dict:
        """``w:p`` element (and its fallback copies) -> the reader's Location."""
        out = {}
        for b in self.doc.blocks:
            if b.node is not None and getattr(b.node, "tag", None) == w("p"):
                out[b.node] = b.location
                for m in b.mirrors:
                    out[m] = b.location
        return out

    @cached_property
    def text_parts(self) -> dict[str, etree._Element]:
        """Zip name -> root of the main document, headers, footers, footnotes and endnotes
        (found through the relationships, wherever they are stored)."""
        return self.package.text_parts()

    def kind(self, name: str) -> str:
        return part_kind(name, self.package)

    def names_with_role(self, *roles: str) -> list[str]:
        return self.package.names_with_role(*roles)

    def xml(self, name: str, *, strict: bool = True) -> etree._Element | None:
        """The root of part ``name`` (None when the package has no such part). A malformed
        part is an ``InputError``, or None when not ``strict``."""
        return self.package.xml(name, strict=strict)

    def first(self, role: str, *, strict: bool = True) -> etree._Element | None:
        """Root of the first part with ``role`` (e.g. ``core-properties``), or None."""
        names = self.package.names_with_role(role)
        return self.xml(names[0], strict=strict) if names else None

    def location_of(self, el, name: str) -> Location:
        """Location of the paragraph holding ``el`` (falls back to the part alone)."""
        p = el if el.tag == w("p") else next(el.iterancestors(w("p")), None)
        if p is not None and p in self.locations:
            return self.locations[p]
        return Location(self.kind(name))

    @cached_property
    def styles(self) -> Styles:
        main = self.package.main
        names = [p.name for _, p in self.package.iter_related(main.name, "styles")] if main else []
        return Styles(self.xml(names[0]) if names else None)
