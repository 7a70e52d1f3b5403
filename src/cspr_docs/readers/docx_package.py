"""A .docx package as Word reads it: parts reached through relationships, each known by
its content type and relationship type, never by its file name.

python-docx's OPC layer (``docx.opc``) walks the relationship graph from ``_rels/.rels``
and loads every part it reaches with its content type; this module classifies those
parts by *role* (comments, header, chart, macro project ...), keeps a parsed tree of
each XML part read (the same tree python-docx edits where it has one), and lists the
zip entries no relationship reaches (Word ignores them, but they travel with the file).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..errors import InputError

#: role -> (relationship-type endings, content-type fragments). A part has a role when its
#: relationship type ends with one of the endings (transitional, strict and Microsoft
#: namespaces alike) or its content type contains one of the fragments.
ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "document": (("/officeDocument",), ("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main",
                                        "wordprocessingml.template.main+xml", "ms-word.template.macroEnabledTemplate.main")),
    "header": (("/header",), ("wordprocessingml.header+xml",)),
    "footer": (("/footer",), ("wordprocessingml.footer+xml",)),
    "footnotes": (("/footnotes",), ("wordprocessingml.footnotes+xml",)),
    "endnotes": (("/endnotes",), ("wordprocessingml.endnotes+xml",)),
    "comments": (("/comments",), ("wordprocessingml.comments+xml",)),
    "comments-extra": (("/commentsExtended", "/commentsIds", "/commentsExtensible", "/people"),
                       ("ms-word.commentsExtended+xml", "ms-word.commentsIds+xml",
                        "ms-word.commentsExtensible+xml", "ms-word.people+xml")),
    "styles": (("/styles",), ("wordprocessingml.styles+xml",)),
    "settings": (("/settings",), ("wordprocessingml.settings+xml",)),
    "glossary": (("/glossaryDocument",), ("wordprocessingml.document.glossary+xml",)),
    "chart": (("/chart", "/chartEx"), ("drawingml.chart+xml", "ms-office.chartex+xml")),
    "diagram-data": (("/diagramData",), ("drawingml.diagramData+xml",)),
    "diagram-drawing": (("/diagramDrawing",), ("drawingml.diagramDrawing+xml",)),
    "alt-chunk": (("/aFChunk",), ()),
    "image": (("/image",), ()),
    "embedding": (("/oleObject", "/package"), ("oleObject",)),
    "activex": (("/control", "/activeXControlBinary"), ("ms-office.activeX",)),
    "macro": (("/vbaProject", "/wordVbaData", "/keyMapCustomizations", "/attachedToolbars", "/vbaProjectSignature",
               "/vbaProjectSignatureAgile", "/vbaProjectSignatureV3"),
              ("ms-office.vbaProject", "ms-word.vbaData", "ms-word.keyMapCustomizations",
               "ms-word.attachedToolbars", "ms-office.vbaProjectSignature")),
    "custom-xml": (("/customXml",), ()),
    "custom-xml-props": (("/customXmlProps",), ("customXmlProperties+xml",)),
    "custom-properties": (("/custom-properties",), ("officedocument.custom-properties+xml",)),
    "core-properties": (("/core-properties",), ("package.core-properties+xml",)),
    "app-properties": (("/extended-properties",), ("officedocument.extended-properties+xml",)),
    "thumbnail": (("/thumbnail",), ()),
}
#: relationship type of a template attached in the settings part's relationships
ATTACHED_TEMPLATE_END = "/attachedTemplate"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: roles whose parts hold text a person reads on the page (in the order the reader reads them)
TEXT_ROLES = ("document", "header", "footer", "footnotes", "endnotes")


def parse_part(path: Path, name: str, blob: bytes) -> etree._Element:
    """Parse one package part (no entities, no network, no DTD loading), refusing malformed
    XML with a clean ``InputError`` that names the part and the kind of fault, never the
    parser's own message (which can quote the document)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(blob, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"part {name} is not well-formed XML ({xml_error_kind(exc)})") from None
    except ValueError:  # e.g. a str with an encoding declaration, or bytes lxml refuses
        raise InputError(path, f"part {name} is not well-formed XML (unreadable content)") from None


def xml_error_kind(exc: etree.XMLSyntaxError) -> str:
    """``undeclared entity, line 2``: libxml2's error kind and line, never its message."""
    kind = "syntax error"
    try:
        err = exc.error_log.last_error if exc.error_log else None
        name = err.type_name if err is not None else ""
    except Exception:  # pragma: no cover - defensive: the log is libxml2's
        name = ""
    if name and name.startswith("ERR_"):
        kind = name[4:].lower().replace("_", " ")
    line = exc.position[0] if getattr(exc, "position", None) else None
    return f"{kind}, line {line}" if isinstance(line, int) and line > 0 else kind


@dataclass
class PackagePart:
    """One part the relationships reach: zip name, content type, the roles it has, the parts
    that relate to it (``sources``) and the python-docx part object."""

    name: str
    content_type: str
    reltypes: set[str] = field(default_factory=set)
    sources: list[str] = field(default_factory=list)
    native: object = field(default=None, repr=False)

    @property
    def roles(self) -> set[str]:
        return {role for role, (rts, cts) in ROLES.items()
                if any(rt.endswith(end) for rt in self.reltypes for end in rts)
                or any(c.lower() in self.content_type.lower() for c in cts)}

    def has(self, role: str) -> bool:
        rts, cts = ROLES[role]
        return any(rt.endswith(end) for rt in self.reltypes for end in rts) or \
            any(c.lower() in self.content_type.lower() for c in cts)


@dataclass
class Relationship:
    """One relationship: the part it belongs to ('' for the package), id, type, target."""

    source: str
    rel_id: str
    reltype: str
    target: str          # zip name of the target part, or the external address
    external: bool


class DocxPackage:
    """The parts of an opened .docx, found through ``_rels/.rels`` and every part's own
    relationships (python-docx's OPC graph), with parsed XML trees kept for reuse."""

    def __init__(self, path: Path, zf, native_package) -> None:
        self.path = path
        self.zf = zf
        self.parts: dict[str, PackagePart] = {}
        self.relationships: list[Relationship] = []
        self._trees: dict[str, etree._Element] = {}
        self._walk(native_package)
        self._by_source: dict[str, list[Relationship]] = {}
        self._by_id: dict[tuple[str, str], Relationship] = {}
        for rel in self.relationships:
            self._by_source.setdefault(rel.source, []).append(rel)
            self._by_id.setdefault((rel.source, rel.rel_id), rel)
        names = [i.filename for i in zf.infolist()]
        reached = set(self.parts) | {"[Content_Types].xml"}
        reached |= {rels_name(p) for p in list(self.parts) + [""]}
        self.orphans = [n for n in names if n not in reached and not n.endswith("/")]

    def _walk(self, package) -> None:
        seen: set[int] = set()
        stack = [("", package)]
        while stack:
            source_name, source = stack.pop(0)
            for rel in source.rels.values():
                if rel.is_external:
                    self.relationships.append(Relationship(source_name, rel.rId, rel.reltype,
                                                           rel.target_ref, True))
                    continue
                part = rel.target_part
                name = str(part.partname).lstrip("/")
                self.relationships.append(Relationship(source_name, rel.rId, rel.reltype, name, False))
                info = self.parts.get(name)
                if info is None:
                    info = self.parts[name] = PackagePart(name, part.content_type or "", native=part)
                info.reltypes.add(rel.reltype)
                if source_name not in info.sources:
                    info.sources.append(source_name)
                if id(part) not in seen:
                    seen.add(id(part))
                    stack.append((name, part))

    # ------------------------------------------------------------------ lookups

    def with_role(self, role: str) -> list[PackagePart]:
        """Parts having ``role``, in the order the relationships reached them."""
        return [p for p in self.parts.values() if p.has(role)]

    def names_with_role(self, *roles: str) -> list[str]:
        return [p.name for p in self.parts.values() if any(p.has(r) for r in roles)]

    @property
    def main(self) -> PackagePart | None:
        return next((p for p in self.parts.values()
                     if "" in p.sources and any(rt.endswith("/officeDocument") for rt in p.reltypes)), None)

    def rels_of(self, source: str) -> list[Relationship]:
        """The relationships of part ``source`` ('' for the package's own)."""
        return list(self._by_source.get(source, ()))

    def target(self, source: str, rel_id: str | None) -> Relationship | None:
        """The relationship ``rel_id`` of part ``source``."""
        return self._by_id.get((source, rel_id or ""))

    def role_of(self, name: str) -> str:
        """The role a person would name a part by (``header``, ``comments``, ``chart`` ...)."""
        info = self.parts.get(name)
        if info is None:
            return "other"
        for role in ROLES:
            if info.has(role):
                return role
        return "other"

    def blob(self, name: str) -> bytes:
        info = self.parts.get(name)
        if info is not None and info.native is not None:
            return info.native.blob
        return self.zf.read(name)

    def size(self, name: str) -> int:
        try:
            return self.zf.getinfo(name).file_size
        except KeyError:
            return len(self.blob(name))

    def xml(self, name: str, *, strict: bool = True) -> etree._Element | None:
        """The root of XML part ``name``: python-docx's live tree when it has one (edits
        to it are saved with the package), else a tree parsed once from the part's bytes.
        ``None`` when there is no such part; a malformed part is an ``InputError`` (or
        ``None`` when not ``strict``)."""
        if name in self._trees:
            return self._trees[name]
        info = self.parts.get(name)
        if info is None and name not in self.zf.namelist():
            return None
        element = getattr(info.native, "_element", None) if info is not None else None
        if element is None:
            try:
                element = parse_part(self.path, name, self.blob(name))
            except InputError:
                if strict:
                    raise
                return None
        self._trees[name] = element
        return element

    @property
    def trees(self) -> dict[str, etree._Element]:
        """Every XML tree read so far, by zip name (for tools that write the package back)."""
        return dict(self._trees)

    def text_parts(self) -> dict[str, etree._Element]:
        """Zip name -> root of each part with text on the page: the main document, headers,
        footers, footnotes and endnotes, wherever they are stored."""
        out = {}
        for role in TEXT_ROLES:
            for part in self.with_role(role):
                if part.name not in out and (role != "document" or part is self.main):
                    root = self.xml(part.name)
                    if root is not None:
                        out[part.name] = root
        return out

    def iter_related(self, source: str, role: str) -> Iterator[tuple[Relationship, PackagePart]]:
        for rel in self.rels_of(source):
            if not rel.external and rel.target in self.parts and self.parts[rel.target].has(role):
                yield rel, self.parts[rel.target]


def rels_name(part_name: str) -> str:
    """``word/_rels/document.xml.rels`` for ``word/document.xml``; ``_rels/.rels`` for ''."""
    folder, base = posixpath.split(part_name)
    return posixpath.join(folder, "_rels", f"{base}.rels")
