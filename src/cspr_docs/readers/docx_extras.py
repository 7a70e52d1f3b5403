"""Text a Word reader sees that is not in a paragraph's runs: image alt text and titles,
hyperlink tooltips, charts (titles, series names, categories, labels), SmartArt
(diagram data and its drawing), imported chunks (``w:altChunk``: HTML, text, MHT, RTF
or a Word document Word shows in place), WordArt such as watermarks. Each becomes a block
whose location names what it is (``alt-text``, ``tooltip``, ``chart``, ``diagram``,
``alt-chunk``, ``drawing``) and the
paragraph it is anchored to, so that ``scan`` and ``check`` see it exactly once."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ..errors import InputError
from ..findings import Location
from ..model import Block
from .docx_package import DocxPackage

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
VML = "urn:schemas-microsoft-com:vml"
O = "urn:schemas-microsoft-com:office:office"
R_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "http://purl.oclc.org/ooxml/officeDocument/relationships")
_P = f"{{{W}}}p"
#: chart elements whose cached values are numbers, not text
_NUMERIC = {"numRef", "numLit", "numCache", "numDim"}
_TOOLTIP = re.compile(r'\\o\s+"([^"]*)"|\\o\s+(\S+)')


@dataclass
class TextSlot:
    """Where an attached block's text is stored, for tools that rewrite the file:
    slices ``[lo:hi]`` of element texts or attribute values, joined in order."""

    segments: list  # (element, attribute name or None, lo, hi)

    @staticmethod
    def _get(el, attr) -> str:
        return (el.get(attr) if attr else el.text) or ""

    @property
    def text(self) -> str:
        return "".join(self._get(el, attr)[lo:hi] for el, attr, lo, hi in self.segments)

    def apply(self, edits: list[tuple[int, int, str]]) -> None:
        """Replace ``text[start:end]`` by each ``(start, end, new)`` (non-overlapping)."""
        for s, e, new in sorted(edits, reverse=True):
            pos, first = 0, True
            for i, (el, attr, lo, hi) in enumerate(self.segments):
                n = hi - lo
                a, b = max(s - pos, 0), min(e - pos, n)
                if a < b:
                    old = self._get(el, attr)
                    value = old[:lo + a] + (new if first else "") + old[lo + b:]
                    if attr:
                        el.set(attr, value)
                    else:
                        el.text = value
                    self.segments[i] = (el, attr, lo, hi + (len(new) if first else 0) - (b - a))
                    first = False
                pos += n


def _local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _anchor(el, block_of) -> Block | None:
    for p in el.iterancestors(_P):
        return block_of.get(p)
    return None


class _Collector:
    def __init__(self, pkg: DocxPackage, block_of: dict) -> None:
        self.pkg, self.block_of = pkg, block_of
        self.blocks: list[Block] = []
        self.seen: set = set()
        self.counts: dict[str, int] = {}
        self.read_parts: set[str] = set()

    def add(self, part: str, text: str, what: str, anchor: Block | None, slot=None, key=None) -> None:
        clean = text.strip()
        if not clean:
            return
        key = key if key is not None else (part, id(anchor), " ".join(clean.split()))
        if key in self.seen:
            return
        self.seen.add(key)
        where = what
        paragraph = None
        if anchor is not None:
            paragraph = anchor.location.paragraph
            if anchor.location.part not in ("body", "table"):
                where += f" in the {anchor.location.part}"
        self.blocks.append(Block("paragraph", text, Location(part, paragraph=paragraph, field=where), node=slot))

    def number(self, what: str) -> int:
        self.counts[what] = self.counts.get(what, 0) + 1
        return self.counts[what]

    # -------------------------------------------------------------- in the text parts

    def alt_text(self, root) -> None:
        for el in root.iter(f"{{{WP}}}docPr", f"{{{PIC}}}cNvPr"):
            name = el.get("name") or "picture"
            anchor = _anchor(el, self.block_of)
            for attr, label in (("descr", "alt text"), ("title", "title")):
                if (el.get(attr) or "").strip():
                    self.add("alt-text", el.get(attr), f"{label} of '{name}'", anchor,
                             TextSlot([(el, attr, 0, len(el.get(attr)))]))
        for el in root.iter(f"{{{VML}}}*"):
            anchor = _anchor(el, self.block_of)
            for attr, label in (("alt", "alt text"), (f"{{{O}}}title", "title")):
                value = el.get(attr)
                if value and value.strip():
                    self.add("alt-text", value, f"{label} of a picture", anchor,
                             TextSlot([(el, attr, 0, len(value))]))

    def wordart(self, root) -> None:
        """VML WordArt (``v:textpath string=...``), which is how Word stores watermarks."""
        for el in root.iter(f"{{{VML}}}textpath"):
            value = el.get("string")
            if value and value.strip():
                self.add("drawing", value, "WordArt text", _anchor(el, self.block_of),
                         TextSlot([(el, "string", 0, len(value))]))

    def tooltips(self, root) -> None:
        for el in root.iter(f"{{{W}}}hyperlink"):
            value = el.get(f"{{{W}}}tooltip")
            if value and value.strip():
                self.add("tooltip", value, "hyperlink tooltip", _anchor(el, self.block_of),
                         TextSlot([(el, f"{{{W}}}tooltip", 0, len(value))]))
        for el in root.iter(f"{{{W}}}fldSimple"):
            self._field([(el, f"{{{W}}}instr")], _anchor(el, self.block_of))
        for p in root.iter(_P):
            pieces: list = []
            for el in p.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText"):
                if next(el.iterancestors(_P), None) is not p:
                    continue
                if el.tag == f"{{{W}}}fldChar":
                    if el.get(f"{{{W}}}fldCharType") == "begin" and pieces:
                        self._field(pieces, self.block_of.get(p))
                        pieces = []
                    continue
                pieces.append((el, None))
            if pieces:
                self._field(pieces, self.block_of.get(p))

    def _field(self, pieces, anchor) -> None:
        """Tooltips (``\\o "..."``) of a HYPERLINK field split over several elements."""
        spans, text = [], ""
        for el, attr in pieces:
            value = (el.get(attr) if attr else el.text) or ""
            spans.append((el, attr, len(text), len(text) + len(value)))
            text += value
        if not re.match(r"\s*HYPERLINK\b", text, re.I):
            return
        for m in _TOOLTIP.finditer(text):
            g = 1 if m.group(1) is not None else 2
            s, e = m.start(g), m.end(g)
            segs = [(el, attr, max(s, a) - a, min(e, b) - a) for el, attr, a, b in spans if a < e and s < b]
            self.add("tooltip", text[s:e], "hyperlink tooltip", anchor, TextSlot(segs))

    def related(self, name: str, root) -> None:
        """Charts, diagrams and imported chunks referenced from part ``name``."""
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                if not attr.startswith("{") or attr[1:].split("}")[0] not in R_NAMESPACES:
                    continue
                rel = self.pkg.target(name, value)
                if rel is None or rel.external or rel.target not in self.pkg.parts:
                    continue
                part = self.pkg.parts[rel.target]
                anchor = _anchor(el, self.block_of)
                if part.has("chart"):
                    self.chart(part.name, anchor)
                elif part.has("diagram-data"):
                    self.diagram(part.name, anchor)
                elif part.has("diagram-drawing"):
                    self.diagram_drawing(part.name, anchor, f"diagram {self.number('diagram')}")
                elif _local(el) == "altChunk":
                    self.alt_chunk(part.name, anchor, name)

    # -------------------------------------------------------------- related parts

    def _first_reading(self, name: str):
        """The parsed part ``name`` the first time it is met (a part is read once), else None."""
        if name in self.read_parts:
            return None
        self.read_parts.add(name)
        return self.pkg.xml(name)

    def chart(self, name: str, anchor: Block | None) -> None:
        root = self._first_reading(name)
        if root is None:
            return
        label = f"chart {self.number('chart')}"
        for el in root.iter(f"{{{A}}}p"):
            text = "".join(t.text or "" for t in el.iter(f"{{{A}}}t"))
            what = "title" if any(_local(a) == "title" for a in el.iterancestors()) else "text"
            self.add("chart", text, f"{label} {what}", anchor, TextSlot(_a_segments(el)),
                     key=(name, what, text.strip()))
        for el in root.iter():
            local = _local(el)
            if local not in ("v", "pt") or not (el.text or "").strip() or len(el):
                continue
            ancestors = {_local(a) for a in el.iterancestors()}
            if ancestors & _NUMERIC:
                continue
            what = ("category" if "cat" in ancestors else "series name" if "tx" in ancestors
                    else "title" if "title" in ancestors else "label")
            self.add("chart", el.text, f"{label} {what}", anchor, TextSlot([(el, None, 0, len(el.text))]),
                     key=(name, what, el.text.strip()))
        for rel in self.pkg.rels_of(name):
            target = self.pkg.parts.get(rel.target)
            if target is not None and "chartshapes" in target.content_type.lower():
                self.diagram_drawing(target.name, anchor, f"{label} text box", part="chart")

    def diagram(self, name: str, anchor: Block | None) -> None:
        root = self._first_reading(name)
        if root is None:
            return
        label = f"diagram {self.number('diagram')}"
        texts = set()
        for pt in root.iter():
            if _local(pt) != "pt":
                continue
            for p in pt.iter(f"{{{A}}}p"):
                text = "".join(t.text or "" for t in p.iter(f"{{{A}}}t"))
                if text.strip():
                    texts.add(" ".join(text.split()))
                    self.add("diagram", text, label, anchor, TextSlot(_a_segments(p)),
                             key=("diagram", name, text.strip()))
        # the drawing Word saves with the data (related from the same part as the data)
        for el in root.iter():
            rel_id = el.get("relId") if _local(el) == "dataModelExt" else None
            for source in self.pkg.parts[name].sources:
                rel = self.pkg.target(source, rel_id) if rel_id else None
                if rel is not None and rel.target in self.pkg.parts:
                    self.diagram_drawing(rel.target, anchor, label, skip=texts)

    def diagram_drawing(self, name: str, anchor, label: str, skip: set | None = None,
                        part: str = "diagram") -> None:
        root = self._first_reading(name)
        if root is None:
            return
        for p in root.iter(f"{{{A}}}p"):
            text = "".join(t.text or "" for t in p.iter(f"{{{A}}}t"))
            if skip and " ".join(text.split()) in skip:
                continue
            self.add(part, text, label, anchor, TextSlot(_a_segments(p)), key=(part, name, text.strip()))

    def alt_chunk(self, name: str, anchor: Block | None, source: str) -> None:
        if name in self.read_parts:
            return
        self.read_parts.add(name)
        info = self.pkg.parts[name]
        kind, text = chunk_text(self.pkg, name, info.content_type)
        label = f"imported {kind} {self.number('chunk')}"
        for line in text.splitlines():
            if line.strip():
                self.add("alt-chunk", line.strip(), label, anchor, None, key=(name, len(self.blocks)))


def _a_segments(p) -> list:
    return [(t, None, 0, len(t.text or "")) for t in p.iter(f"{{{A}}}t")]


def chunk_text(pkg: DocxPackage, name: str, content_type: str) -> tuple[str, str]:
    """(kind, text) of an imported chunk as Word would show it."""
    blob = pkg.blob(name)
    ct = content_type.lower()
    if blob.startswith(b"PK"):
        return "Word document", _docx_text(pkg, name, blob)
    if "rfc822" in ct or name.lower().endswith((".mht", ".mhtml")):
        return "web archive", _mht_text(blob)
    if "rtf" in ct or blob.lstrip().startswith(b"{\\rtf"):
        return "RTF", _rtf_text(_decode(blob))
    if "html" in ct or "xml" in ct or re.search(rb"<\s*(html|body|p|div)\b", blob[:4096], re.I):
        return "HTML", _html_text(blob)
    if ct.startswith("text/") or b"\x00" not in blob[:4096]:
        return "text", _decode(blob)
    return "content", ""  # a kind Word cannot import: it shows nothing


def _decode(blob: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if blob.startswith(bom):
            return blob.decode(codec, errors="replace")
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError:
        return blob.decode("cp1252", errors="replace")


_BLOCK_TAGS = ("p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "title",
               "blockquote", "pre", "dt", "dd", "caption", "section", "article", "table")


def _html_text(blob: bytes | str) -> str:
    import lxml.html

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(blob, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    for el in list(root.iter("script", "style", "noscript", "template")):
        el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag in _BLOCK_TAGS and el.tag != "br":
            el.text = "\n" + (el.text or "")
    for el in root.iter("img"):
        if (el.get("alt") or "").strip():
            el.tail = f"\n{el.get('alt')}\n" + (el.tail or "")
    return root.text_content()


def _mht_text(blob: bytes) -> str:
    import email
    from email import policy

    msg = email.message_from_bytes(blob, policy=policy.default)
    out = []
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype not in ("text/html", "text/plain"):
            continue
        try:
            payload = part.get_payload(decode=True) or b""
        except Exception:
            continue
        out.append(_html_text(payload) if ctype == "text/html" else _decode(payload))
    return "\n".join(out)


def _rtf_text(text: str) -> str:
    """Plain text of RTF: destinations (``{\\*...}``, font and colour tables) dropped,
    control words removed, ``\\par`` as line breaks, ``\\'hh`` and ``\\uN`` decoded."""
    text = re.sub(r"\{\\\*[^{}]*(\{[^{}]*\}[^{}]*)*\}", "", text)
    text = re.sub(r"\{\\(fonttbl|colortbl|stylesheet|info)[^{}]*(\{[^{}]*\}[^{}]*)*\}", "", text)
    text = re.sub(r"\\(par|line)\b ?", "\n", text)
    text = re.sub(r"\\'([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]).decode("cp1252", "replace"), text)
    text = re.sub(r"\\u(-?\d+) ?\??", lambda m: chr(int(m.group(1)) % 65536), text)
    text = re.sub(r"\\[a-zA-Z]+-?\d* ?", "", text)
    return text.replace("\\{", "{").replace("\\}", "}").replace("\\\\", "\\").replace("{", "").replace("}", "")


_NESTED_DEPTH = [0]


def _docx_text(pkg: DocxPackage, name: str, blob: bytes) -> str:
    """Text of a Word document imported whole (one level deep only)."""
    from .docx import read_docx

    if _NESTED_DEPTH[0] >= 1:
        return ""
    _NESTED_DEPTH[0] += 1
    try:
        inner = read_docx(pkg.path, blob)
    except InputError:
        return ""
    finally:
        _NESTED_DEPTH[0] -= 1
    return "\n".join(b.text for b in inner.blocks if b.location.part != "properties")


def extra_blocks(pkg: DocxPackage, block_of: dict) -> list[Block]:
    """The blocks described in the module's docstring, for every text part and the
    comments, in the order the parts are read."""
    c = _Collector(pkg, block_of)
    names = list(pkg.text_parts()) + pkg.names_with_role("comments")
    for name in dict.fromkeys(names):
        root = pkg.xml(name)
        if root is None:
            continue
        c.alt_text(root)
        c.wordart(root)
        c.tooltips(root)
        c.related(name, root)
    # charts and diagrams no drawing points at are still in the file: read them too
    for part in pkg.parts.values():
        if part.has("chart"):
            c.chart(part.name, None)
        elif part.has("diagram-data"):
            c.diagram(part.name, None)
    return c.blocks
