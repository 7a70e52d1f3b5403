"""Hidden content in a PDF: HID005 metadata with personal data, HID006 annotations,
attachments, JavaScript and form data (actions, associated files, page XMP and /PieceInfo
anywhere in the file: ``pdf_active``)."""

from __future__ import annotations

import re

from ..document import Document
from ..findings import Finding, Location, make_finding
from ._common import pdf_reader, quote

#: Info keys that name a person (always reported when set)
PERSONAL_INFO = {"/Author": "author"}
#: Info keys reported only when they hold a file path or an e-mail address
TOOL_INFO = {"/Creator": "creator", "/Producer": "producer"}
#: standard keys that are not personal (title and language are needed for accessibility)
STANDARD_INFO = {"/Title", "/Subject", "/Keywords", "/CreationDate", "/ModDate", "/Trapped",
                 "/Author", "/Creator", "/Producer"}
_PATHLIKE = re.compile(r"([A-Za-z]:\\|\\\\|/Users/|/home/|\\Users\\|[\w.+-]+@[\w-]+\.[\w.]+)")
#: annotation subtypes that are ordinary parts of a published page
HARMLESS_ANNOTS = {"/Link"}
_XMP_PERSONAL = ("dc:creator", "pdf:Author", "xmp:CreatorTool", "pdf:Producer", "xmpMM:Author",
                 "photoshop:AuthorsPosition", "dc:contributor")


def _s(value) -> str:
    try:
        value = value.get_object()
    except AttributeError:
        pass
    return str(value).strip()


def metadata_findings(reader) -> list[Finding]:
    findings = []
    info = None
    try:
        info = reader.trailer.get("/Info")
        info = info.get_object() if info is not None else None
    except Exception:
        info = None
    for key, raw in (info or {}).items():
        value = _s(raw)
        if not value:
            continue
        if key in PERSONAL_INFO:
            field = PERSONAL_INFO[key]
        elif key in TOOL_INFO and _PATHLIKE.search(value):
            field = TOOL_INFO[key]
        elif key not in STANDARD_INFO:
            field = key.lstrip("/")
        else:
            continue
        findings.append(make_finding(
            "HID005", f"PDF metadata '{field}' holds \"{quote(value)}\" (clear File > Info > "
            "Properties > Author in Word before exporting, or run 'cspr-docs sanitize')",
            Location("pdf-metadata", field=field), text=value))
    xmp = _xmp_text(reader)
    if xmp:
        for tag in _XMP_PERSONAL:
            for m in re.finditer(rf"<{tag}\b[^>]*>(.*?)</{tag}>|\b{tag}=\"([^\"]*)\"", xmp, re.S):
                value = " ".join(re.sub(r"<[^>]+>", " ", m.group(1) or m.group(2) or "").split())
                if not value:
                    continue
                if tag in ("xmp:CreatorTool", "pdf:Producer") and not _PATHLIKE.search(value):
                    continue
                if any(f.text == value for f in findings):
                    continue
                findings.append(make_finding(
                    "HID005", f"PDF XMP metadata {tag} holds \"{quote(value)}\" "
                    "(run 'cspr-docs sanitize' to remove it)",
                    Location("pdf-metadata", field=f"xmp:{tag}"), text=value))
    return findings


def _xmp_text(reader) -> str:
    try:
        meta = reader.trailer["/Root"].get_object().get("/Metadata")
        if meta is None:
            return ""
        return meta.get_object().get_data()[:2_000_000].decode("utf-8", "replace")
    except Exception:
        return ""


def _annotations(reader) -> list[Finding]:
    findings = []
    for number, page in enumerate(reader.pages, start=1):
        annots = page.get("/Annots")
        try:
            annots = annots.get_object() if annots is not None else []
        except Exception:
            annots = []
        for ref in annots or []:
            try:
                annot = ref.get_object()
            except Exception:
                continue
            subtype = str(annot.get("/Subtype", "/Unknown"))
            if subtype in HARMLESS_ANNOTS or subtype == "/Widget":
                continue  # links are normal; widgets are form fields, reported below
            if subtype == "/Popup" and annot.get("/Parent") is not None:
                continue  # the note it belongs to is reported
            contents = _s(annot.get("/Contents", ""))
            author = _s(annot.get("/T", ""))
            what = "Attached file" if subtype == "/FileAttachment" else f"{subtype.lstrip('/')} annotation"
            if subtype == "/FileAttachment":
                fs = annot.get("/FS")
                try:
                    fs = fs.get_object() if fs is not None else None
                    contents = contents or _s(fs.get("/UF") or fs.get("/F") or "")
                except Exception:
                    pass
            text = contents or author or subtype
            findings.append(make_finding(
                "HID006", f"{what}" + (f" by {author}" if author else "")
                + (f": \"{quote(contents)}\"" if contents else "")
                + " (delete annotations before exporting, or run 'cspr-docs sanitize')",
                Location("annotation", page=number), text=text))
    return findings


def _name_tree_items(node, depth: int = 0) -> list[tuple[str, object]]:
    """(name, value) pairs of a PDF name tree."""
    if node is None or depth > 20:
        return []
    node = node.get_object()
    out = []
    names = node.get("/Names")
    if names is not None:
        names = names.get_object()
        out += [(_s(names[i]), names[i + 1] if i + 1 < len(names) else None) for i in range(0, len(names), 2)]
    for kid in node.get("/Kids", []) or []:
        out += _name_tree_items(kid, depth + 1)
    return out


def _name_tree_names(node) -> list[str]:
    return [name for name, _ in _name_tree_items(node)]


def _js_code(action) -> str:
    try:
        js = action.get_object().get("/JS")
        js = js.get_object() if js is not None else None
        if hasattr(js, "get_data"):
            return js.get_data()[:500].decode("latin-1", "replace")
        return str(js or "")
    except Exception:
        return ""


def _catalog_findings(reader) -> list[Finding]:
    findings = []
    root = reader.trailer["/Root"].get_object()
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    for name in _name_tree_names(names.get("/EmbeddedFiles")):
        findings.append(make_finding(
            "HID006", f"Attached file \"{quote(name)}\" is embedded in the PDF (run 'cspr-docs sanitize' "
            "to remove attachments)", Location("annotation", field="attachment"), text=name))
    # document-level scripts; the actions everywhere else are found by pdf_active
    scripts = [_js_code(value) or name for name, value in _name_tree_items(names.get("/JavaScript"))]
    for code in scripts:
        findings.append(make_finding(
            "HID006", f"JavaScript in the PDF: \"{quote(code)}\": published reports must not run code "
            "(run 'cspr-docs sanitize')", Location("annotation", field="javascript"), text=code))
    acro = root.get("/AcroForm")
    try:
        fields = acro.get_object().get("/Fields", []) if acro is not None else []
        fields = fields.get_object() if fields is not None else []
    except Exception:
        fields = []
    if fields:
        values = []
        try:
            for name, f in (reader.get_fields() or {}).items():
                v = f.get("/V")
                values.append(f"{name}={_s(v)}" if v not in (None, "") else name)
        except Exception:
            pass
        text = "; ".join(values) or f"{len(fields)} field(s)"
        findings.append(make_finding(
            "HID006", f"Form fields in the PDF: {quote(text)} (flatten the form or export without it)",
            Location("annotation", field="form"), text=text))
    return findings


def inspect_pdf(doc: Document) -> list[Finding]:
    reader = pdf_reader(doc)
    from .pdf_active import active_findings
    from .pdf_history import history_findings

    return (metadata_findings(reader) + _annotations(reader) + _catalog_findings(reader) + active_findings(reader)
            + history_findings(doc))
