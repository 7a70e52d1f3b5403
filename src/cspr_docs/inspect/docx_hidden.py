"""Hidden content in a .docx package: HID001 comments, HID002 tracked changes,
HID003 personal properties, HID004 hidden text (and drawing copies Word does not show),
HID008 embedded objects, controls, macro projects, parts nothing refers to, image metadata
and custom XML. Parts are found by the reader's package view (relationships and content
types), never by file name."""

from __future__ import annotations

import re
from collections import OrderedDict

from lxml import etree

from ..findings import Finding, Location, make_finding
from ..model import Document
from ..readers.docx import paragraph_text
from ..readers.docx_package import ATTACHED_TEMPLATE_END
from ._common import quote
from .docx_parts import A_NS, CP, CUSTOM, DC, EP, VML_NS, WPS_NS, DocxParts, on, w
from .images import image_metadata


#: core/app properties that name people or organisations: (part role, namespace, tag, field, label)
PERSONAL_PROPERTIES = (
    ("core-properties", DC, "creator", "author", "Author"),
    ("core-properties", CP, "lastModifiedBy", "last_modified_by", "Last modified by"),
    ("app-properties", EP, "Company", "company", "Company"),
    ("app-properties", EP, "Manager", "manager", "Manager"),
)
#: tracked-change elements carrying text, with how to describe them
_TEXT_CHANGES = {"ins": "insertion", "del": "deletion", "moveFrom": "move (from)", "moveTo": "move (to)"}
_FORMAT_CHANGES = ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                   "tcPrChange", "tblGridChange", "numberingChange")
#: font sizes (half-points) below this are "tiny": under 2 pt nobody can read them
TINY_HALF_POINTS = 4
WHITE_THEME = {"background1", "light1"}


def inspect_docx(doc: Document) -> list[Finding]:
    parts = DocxParts(doc)
    findings: list[Finding] = []
    findings += comments(parts)
    findings += tracked_changes(parts)
    findings += personal_properties(parts)
    findings += hidden_text(parts)
    findings += unshown_copies(parts)
    findings += embedded_content(parts)
    return findings


# HID001 -----------------------------------------------------------------------------

def comments(parts: DocxParts) -> list[Finding]:
    roots = [parts.xml(name) for name in parts.names_with_role("comments")]
    if not roots:
        return []
    anchors = {}
    for name, tree in parts.text_parts.items():
        for ref in tree.iter(w("commentRangeStart"), w("commentReference")):
            cid = ref.get(w("id"))
            if cid not in anchors:
                anchors[cid] = (name, parts.location_of(ref, name))
    findings = []
    paragraph_no = 0
    for comment in (c for root in roots for c in root.iter(w("comment"))):
        first = paragraph_no + 1
        paras = list(comment.iter(w("p")))
        paragraph_no += len(paras)
        text = "\n".join(paragraph_text(p) for p in paras).strip()
        author = comment.get(w("author")) or "unknown author"
        where = ""
        anchor = anchors.get(comment.get(w("id")))
        if anchor is not None:
            loc = anchor[1]
            where = f" on {loc.part} paragraph {loc.paragraph}" if loc.paragraph else f" in {loc.part}"
        findings.append(make_finding(
            "HID001",
            f"Comment by {author}{where}: \"{quote(text)}\" (remove it: Review > Delete > "
            "Delete All Comments in Document, or run 'cspr-docs sanitize')",
            Location("comment", paragraph=first if paras else None), text=text))
    return findings


# HID002 -----------------------------------------------------------------------------

def tracked_changes(parts: DocxParts) -> list[Finding]:
    findings = []
    formatting: dict[str, int] = {}
    for name, tree in parts.text_parts.items():
        for kind, label in _TEXT_CHANGES.items():
            for el in tree.iter(w(kind)):
                if el.getparent() is not None and el.getparent().tag == w("rPr"):
                    continue  # a paragraph mark's insertion/deletion: no text of its own
                tag = "delText" if kind == "del" else "t"
                text = "".join(t.text or "" for t in el.iter(w(tag), w("delText"), w("t")))
                if not text.strip():
                    continue
                author = el.get(w("author")) or "unknown author"
                loc = parts.location_of(el, name)
                where = parts.kind(name)
                location = Location("tracked-change", paragraph=loc.paragraph if where == "body" else None)
                extra = "" if where == "body" else f" in the {where} ({name})"
                still = " (still in the file)" if kind in ("del", "moveFrom") else ""
                findings.append(make_finding(
                    "HID002",
                    f"Tracked {label} by {author}{extra}{still}: \"{quote(text)}\" (accept or reject "
                    "all changes: Review > Accept > Accept All Changes, or run 'cspr-docs sanitize')",
                    location, text=text))
        for tag in _FORMAT_CHANGES:
            n = sum(1 for _ in tree.iter(w(tag)))
            if n:
                formatting[name] = formatting.get(name, 0) + n
    for name, n in formatting.items():
        findings.append(make_finding(
            "HID002", f"{n} tracked formatting change(s) in {name} (Review > Accept > Accept All Changes)",
            Location("tracked-change")))
    return findings


# HID003 -----------------------------------------------------------------------------

def personal_properties(parts: DocxParts) -> list[Finding]:
    findings = []
    for role, ns, tag, field, label in PERSONAL_PROPERTIES:
        root = parts.first(role)
        if root is None:
            continue
        value = "; ".join((el.text or "").strip() for el in root.iter(f"{{{ns}}}{tag}")
                          if (el.text or "").strip())
        if value:
            findings.append(make_finding(
                "HID003",
                f"Document property '{label}' holds \"{quote(value)}\" (clear it: File > Info > "
                "Check for Issues > Inspect Document > Document Properties and Personal Information)",
                Location("properties", field=field), text=value))
    for field, value in template_paths(parts):
        findings.append(make_finding(
            "HID003", f"The document records the template it was made from at \"{quote(value)}\", "
            "which can name a person or a computer (Developer > Document Template > Attach: clear it, "
            "or run 'cspr-docs sanitize')", Location("properties", field=field), text=value))
    for root in (parts.xml(name) for name in parts.names_with_role("custom-properties")):
        for prop in root.iter(f"{{{CUSTOM}}}property"):
            name = prop.get("name") or "?"
            value = " ".join((v.text or "").strip() for v in prop).strip()
            findings.append(make_finding(
                "HID003",
                f"Custom document property '{name}' = \"{quote(value)}\" (remove it: File > Info > "
                "Properties > Advanced Properties > Custom)",
                Location("properties", field=f"custom:{name}"), text=value or name))
    return findings


_PATHLIKE = re.compile(r"([A-Za-z]:[\\/]|\\\\|file:|/Users/|/home/|[\\/])")


def attached_templates(parts: DocxParts) -> list:
    """Relationships of the settings part that attach a template (any namespace)."""
    return [rel for name in parts.names_with_role("settings") for rel in parts.package.rels_of(name)
            if rel.reltype.endswith(ATTACHED_TEMPLATE_END)]


def template_paths(parts: DocxParts) -> list[tuple[str, str]]:
    """(field, value) for a template recorded with a folder path (app.xml, settings relationships)."""
    out = []
    app = parts.first("app-properties")
    if app is not None:
        for el in app.iter(f"{{{EP}}}Template"):
            if el.text and _PATHLIKE.search(el.text):
                out.append(("template", el.text.strip()))
    for rel in attached_templates(parts):
        if _PATHLIKE.search(rel.target or ""):
            out.append(("attached_template", rel.target))
    return out


# HID004 -----------------------------------------------------------------------------

def _is_white(color) -> bool:
    if color is None:
        return False
    if (color.get(w("themeColor")) or "").lower() in WHITE_THEME:
        return True
    val = (color.get(w("val")) or "").lower()
    if not re.fullmatch(r"[0-9a-f]{6}", val):
        return False
    r, g, b = (int(val[i:i + 2], 16) for i in (0, 2, 4))
    return min(r, g, b) >= 0xF0


def _fill_is_dark(el) -> bool:
    """A shading/highlight element that puts a non-white background behind text."""
    if el is None:
        return False
    if el.tag == w("highlight"):
        return (el.get(w("val")) or "none") not in ("none", "white")
    fill = (el.get(w("fill")) or "auto").lower()
    if el.get(w("themeFill")):
        return el.get(w("themeFill")).lower() not in WHITE_THEME
    if fill in ("auto", "") or not re.fullmatch(r"[0-9a-f]{6}", fill):
        return False
    r, g, b = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    return min(r, g, b) < 0xE0




def _shape_filled(r) -> bool:
    """Whether run ``r`` is in a text box whose shape has a fill (DrawingML or VML)."""
    if next(r.iterancestors(w("txbxContent")), None) is None:
        return False
    for anc in r.iterancestors(f"{{{WPS_NS}}}wsp", f"{{{VML_NS}}}shape", f"{{{VML_NS}}}rect",
                               f"{{{VML_NS}}}roundrect"):
        if anc.tag == f"{{{WPS_NS}}}wsp":
            sppr = anc.find(f"{{{WPS_NS}}}spPr")
            if sppr is None:
                return False
            for fill in sppr:
                local = etree.QName(fill).localname
                if local in ("gradFill", "blipFill", "pattFill"):
                    return True
                if local == "solidFill":
                    srgb = fill.find(f"{{{A_NS}}}srgbClr")
                    val = (srgb.get("val") if srgb is not None else "") or ""
                    if not re.fullmatch(r"[0-9A-Fa-f]{6}", val) or min(
                            int(val[i:i + 2], 16) for i in (0, 2, 4)) < 0xE0:
                        return True
            return False
        filled = (anc.get("filled") or "t").lower() not in ("f", "false")
        colour = (anc.get("fillcolor") or "white").lower().lstrip("#")
        return filled and colour not in ("white", "ffffff", "fff", "window")
    return False


def _page_background_dark(r) -> bool:
    root = r.getroottree().getroot()
    bg = root.find(w("background"))
    if bg is None:
        return False
    val = (bg.get(w("color")) or "FFFFFF").lower()
    return bool(re.fullmatch(r"[0-9a-f]{6}", val)) and min(int(val[i:i + 2], 16) for i in (0, 2, 4)) < 0xE0


def _has_background(r, styles) -> bool:
    """Whether run ``r`` sits on shading (run, paragraph, cell or table style), a filled
    text box or a dark page colour that makes white text readable."""
    if _shape_filled(r) or _page_background_dark(r):
        return True
    if _fill_is_dark(styles.run_property(r, "shd")) or _fill_is_dark(styles.run_property(r, "highlight")):
        return True
    p = next(r.iterancestors(w("p")), None)
    if p is not None and _fill_is_dark(p.find(f"{w('pPr')}/{w('shd')}")):
        return True
    tc = next(r.iterancestors(w("tc")), None)
    if tc is not None:
        if _fill_is_dark(tc.find(f"{w('tcPr')}/{w('shd')}")):
            return True
        tbl = next(tc.iterancestors(w("tbl")), None)
        st = tbl.find(f"{w('tblPr')}/{w('tblStyle')}") if tbl is not None else None
        if st is not None:
            for style in styles.chain(st.get(w("val"))):
                if any(_fill_is_dark(s) for s in style.iter(w("shd"))):
                    return True
    return False


def hidden_runs(parts: DocxParts):
    """(part name, run, reason) for every run with text a reader cannot see."""
    styles = parts.styles
    for name, tree in parts.text_parts.items():
        for r in tree.iter(w("r")):
            if not "".join(t.text or "" for t in r.iter(w("t"))).strip():
                continue
            if any(a.tag == w("del") for a in r.iterancestors()):
                continue  # deleted text is HID002
            if on(styles.run_property(r, "vanish")):
                yield name, r, "hidden (Font > Hidden)"
                continue
            size = styles.run_property(r, "sz")
            try:
                half_points = int(size.get(w("val"))) if size is not None else None
            except (TypeError, ValueError):
                half_points = None
            if half_points is not None and half_points < TINY_HALF_POINTS:
                yield name, r, f"in a {half_points / 2:g} pt font"
                continue
            if _is_white(styles.run_property(r, "color")) and not _has_background(r, styles):
                yield name, r, "white on a white page"


def unshown_copies(parts: DocxParts) -> list[Finding]:
    """HID004 for a drawing's compatibility copy (``mc:Fallback``) holding text the copy Word
    shows does not: Word never displays it, but it travels with the file."""
    from ..readers.docx import unshown_fallbacks

    findings = []
    for name, tree in parts.text_parts.items():
        for fallback, text in unshown_fallbacks(tree):
            findings.append(make_finding(
                "HID004", f"Text in the compatibility copy of a drawing or text box, which Word does "
                f"not show: \"{quote(text)}\" (run 'cspr-docs sanitize' to remove the copy)",
                parts.location_of(fallback.getparent(), name), text=text))
    return findings


def hidden_text(parts: DocxParts) -> list[Finding]:
    grouped: "OrderedDict[tuple, list[str]]" = OrderedDict()
    for name, r, reason in hidden_runs(parts):
        p = next(r.iterancestors(w("p")), None)
        key = (name, id(p), reason)
        grouped.setdefault(key, [name, parts.location_of(r, name), reason, []])[3].append(
            "".join(t.text or "" for t in r.iter(w("t"))))
    findings = []
    for name, loc, reason, texts in grouped.values():
        text = "".join(texts)
        findings.append(make_finding(
            "HID004",
            f"Text {reason}: \"{quote(text)}\" (show it with Home > Show/Hide ¶ and delete it, "
            "or run 'cspr-docs sanitize')",
            loc, text=text))
    return findings


# HID008 -----------------------------------------------------------------------------

def is_empty_bibliography(root: etree._Element | None) -> bool:
    """Word's (and python-docx's) default custom XML: an empty bibliography source list."""
    return root is not None and etree.QName(root).localname == "Sources" and len(root) == 0 \
        and not (root.text or "").strip()


_EMBEDDED = {"embedding": "Embedded object {name}: it may hold a whole other document "
                          "(delete it or paste it as a picture)",
             "activex": "Embedded control {name} (save as a plain .docx)",
             "macro": "Macro project {name}: code that runs in Word (save as a plain .docx, "
                      "without macros)"}


def embedded_content(parts: DocxParts) -> list[Finding]:
    """HID008: embedded objects, controls and macro projects (by content type and
    relationship, wherever stored), parts no relationship reaches, custom XML and image
    metadata."""
    findings = []
    package = parts.package
    for part in package.parts.values():
        name = part.name
        role = next((r for r in ("macro", "activex", "embedding") if part.has(r)), None)
        if role is not None:
            findings.append(make_finding("HID008", _EMBEDDED[role].format(name=name),
                                         Location("body", field=name), text=name))
        elif part.has("custom-xml") and not part.has("custom-xml-props"):
            root = parts.xml(name, strict=False) if package.size(name) < 1_000_000 else None
            if is_empty_bibliography(root):
                continue
            text = " ".join(root.itertext()).strip() if root is not None else ""
            findings.append(make_finding(
                "HID008", f"Custom XML part {name}" + (f": \"{quote(text)}\"" if text else "")
                + " (remove it with File > Info > Check for Issues > Inspect Document > Custom XML Data)",
                Location("properties", field=name), text=text or name))
        elif part.has("image"):
            items = image_metadata(package.blob(name))
            if items:
                findings.append(make_finding(
                    "HID008", f"Image {name} carries metadata: {quote('; '.join(items), 160)} "
                    "(re-insert the picture from a copy without metadata, or run 'cspr-docs sanitize')",
                    Location("body", field=name), text="; ".join(items)))
    for name in package.orphans:
        if package.size(name):
            findings.append(make_finding(
                "HID008", f"Part {name} is stored in the file but nothing in the document refers to it: "
                "Word does not show it, but it travels with the file (run 'cspr-docs sanitize')",
                Location("properties", field=name), text=name))
    for name, tree in parts.text_parts.items():
        n = sum(1 for _ in tree.iter(w("customXml")))
        if n:
            findings.append(make_finding(
                "HID008", f"{n} custom XML element(s) in {name}", Location(parts.kind(name)),
                text=None))
    return findings
