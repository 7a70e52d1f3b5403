"""``sanitize``: a clean copy of a report without what nobody sees on screen.

.docx (parts found through the package's relationships and content types, whatever their
names): comments removed; tracked insertions accepted and deletions dropped (formatting
changes accepted); personal properties cleared (title and language kept); custom XML,
custom properties, the saved thumbnail, hidden text (hidden, white-on-white, tiny), embedded objects,
controls, macro projects, parts nothing refers to, compatibility copies of drawings holding text
Word does not show, and image metadata removed. .pdf: metadata (except the title and dates), annotations other
than links, attachments, form fields, JavaScript and other active content wherever it hangs,
associated files, page XMP and /PieceInfo removed (``inspect.pdf_active``); text nobody can
see (under a box or picture painted over it, the colour of its background, in a layer switched
off, clipped, off the page, tiny) taken out of the page (``inspect.pdf_cut``); and the result
written as a fresh file holding only what its pages reach, without earlier revisions. .txt/.md
are copied unchanged.

The promise: what sanitize says it removed is gone. The clean copy is inspected again before it
is written (.docx: no comments, tracked changes, personal properties or hidden text left; .pdf: no
hidden text or active content left), and for a .docx every part of the copy, inflated and with
its markup stripped, is searched for the text it removed (comments, deletions, hidden runs,
property values). What it cannot take out makes it refuse, writing nothing.

The input file is never modified; the output is written atomically.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .files import write_atomic

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

#: roles (``readers.docx_package.ROLES``) of the parts a clean copy leaves out, wherever stored
_REMOVED_ROLES = ("comments", "comments-extra", "custom-xml", "custom-xml-props", "custom-properties",
                  "thumbnail", "embedding", "activex", "macro")
#: the main part's content type once macros are gone
_PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


class CannotSanitize(Exception):
    """Hidden content sanitize could not take out: nothing is written (the command exits 1
    listing what is left, never the text itself)."""

    def __init__(self, path: Path, left: list) -> None:
        self.path = path
        self.left = left  # HID006/HID007 findings on the clean copy as it would have been
        super().__init__(f"{path}: {len(left)} finding(s) could not be removed")


def _q(text: str, limit: int = 60) -> str:
    from .inspect._common import quote

    return quote(text, limit)


def sanitize_file(src: Path, out: Path, *, force: bool = False,
                  password: str | None = None) -> tuple[list[str], "Document"]:
    """Write a clean copy of ``src`` to ``out``; return what was removed (human-readable) and
    the clean copy as read back (for the caller to inspect).

    The input is read in full first and the copy is read back before it is written, so a
    damaged file is refused with nothing written. A PDF whose hidden text or active content
    (HID006/HID007) cannot all be taken out raises ``CannotSanitize`` and nothing is written.
    ``password`` opens an encrypted PDF; the clean copy is written without encryption.
    """
    from .document import parse_document, read_document
    from .readers.pdf import damaged_pdf_errors

    src, out = Path(src), Path(out)
    doc = read_document(src, password)
    fmt = doc.format
    if out.suffix.lower().lstrip(".") != fmt and not (fmt in ("txt", "md") and out.suffix.lower() in (".txt", ".md")):
        raise InputError(out, f"output must have the input's type (.{fmt})")
    traces: list[tuple[str, str]] = []
    if fmt == "docx":
        clean, removed = sanitize_docx(doc, traces)
    elif fmt == "pdf":
        with damaged_pdf_errors(src):
            clean, removed = sanitize_pdf(doc.native)
    else:
        clean, removed = doc.data, []
    try:
        copy = parse_document(out, clean)
    except InputError as exc:
        raise InputError(src, f"the clean copy could not be read back ({exc.problem})") from None
    if fmt == "pdf":
        from .inspect.pdf_hidden import inspect_pdf
        from .inspect.redaction import failed_redactions

        with damaged_pdf_errors(src):
            left = [f for f in inspect_pdf(copy) + failed_redactions(copy) if f.rule in ("HID006", "HID007")]
        if left:  # what could not be taken out: refuse rather than write a half-clean copy
            raise CannotSanitize(src, left)
    if fmt == "docx":
        from .inspect import inspect_document

        left = [f for f in inspect_document(copy) if f.rule in _DOCX_PROMISE]
        left += _traces_left(traces, copy)
        if left:
            raise CannotSanitize(src, left)
    write_atomic(out, clean, force=force, inputs=(src,))
    return removed, copy


# .docx ---------------------------------------------------------------------------------

def sanitize_docx(doc: "Document", traces: list | None = None) -> tuple[bytes, list[str]]:
    """The clean package's bytes from a read .docx, and what was removed. ``traces`` (when
    given) receives ``(rule, text)`` for each piece of text taken out, for the final search."""
    traces = traces if traces is not None else []
    from .inspect.docx_hidden import hidden_runs, is_empty_bibliography
    from .inspect.docx_parts import CP, DC, EP, DocxParts, w
    from .inspect.images import image_metadata, strip_image_metadata
    from .readers.docx import serialise_part
    from .readers.docx_package import CT_NS, rels_name

    parts = DocxParts(doc)
    zf = parts.zf
    removed: list[str] = []
    changed: dict[str, bytes] = {}

    # comments (read before the anchors go)
    for comments in (parts.xml(name) for name in parts.names_with_role("comments")):
        for c in comments.iter(w("comment")):
            text = " ".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p"))).strip()
            removed.append(f"comment by {c.get(w('author')) or 'unknown'}: \"{_q(text)}\"")
            traces.append(("HID001", text))

    trees = parts.text_parts
    # hidden runs first: their detection needs the tree as written
    hidden = list(hidden_runs(parts))
    for name, r, reason in hidden:
        text = "".join(t.text or "" for t in r.iter(w("t")))
        removed.append(f"hidden text ({reason}) in {name}: \"{_q(text)}\"")
        traces.append(("HID004", text))
        _drop(r)

    from .readers.docx import unshown_fallbacks

    for name, root in trees.items():
        for fallback, text in list(unshown_fallbacks(root)):
            removed.append(f"compatibility copy of a drawing in {name} with text Word does not show: "
                           f"\"{_q(text)}\"")
            _drop(fallback)
        for el in list(root.iter(w("del"), w("moveFrom"))):
            parent = el.getparent()
            if parent is None:
                continue
            if parent.tag == w("rPr"):  # deleted paragraph mark
                parent.remove(el)
                continue
            if parent.tag == w("trPr"):  # deleted table row
                tr = parent.getparent()
                text = "".join(t.text or "" for t in tr.iter(w("t"), w("delText")))
                removed.append(f"tracked deletion (table row) in {name}: \"{_q(text)}\"")
                _drop(tr)
                continue
            text = "".join(t.text or "" for t in el.iter(w("delText"), w("t")))
            if text.strip():
                removed.append(f"tracked deletion by {el.get(w('author')) or 'unknown'} in {name}: \"{_q(text)}\"")
                traces.append(("HID002", text))
            _drop(el)
        for el in list(root.iter(w("ins"), w("moveTo"))):
            parent = el.getparent()
            if parent is None:
                continue
            if parent.tag in (w("rPr"), w("trPr")):
                parent.remove(el)
                continue
            text = "".join(t.text or "" for t in el.iter(w("t")))
            if text.strip():
                removed.append(f"tracked insertion accepted in {name}: \"{_q(text)}\"")
            _unwrap(el)
        n = 0
        for tag in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                    "tblGridChange", "numberingChange", "moveFromRangeStart", "moveFromRangeEnd",
                    "moveToRangeStart", "moveToRangeEnd", "cellIns", "cellDel", "cellMerge"):
            for el in list(root.iter(w(tag))):
                n += tag.endswith("Change")
                _drop(el)
        if n:
            removed.append(f"{n} tracked formatting change(s) accepted in {name}")
        for el in list(root.iter(w("commentRangeStart"), w("commentRangeEnd"))):
            _drop(el)
        for el in list(root.iter(w("commentReference"))):
            run = el.getparent()
            _drop(el)
            if run is not None and run.tag == w("r") and all(c.tag == w("rPr") for c in run):
                _drop(run)
        for el in list(root.iter(w("customXml"))):
            _unwrap(el)
        for el in list(root.iter(w("dataBinding"))):
            _drop(el)
        objects = list(root.iter(w("object"), w("control")))
        for el in objects:
            run = el.getparent()
            _drop(el)
            if run is not None and run.tag == w("r") and all(c.tag == w("rPr") for c in run):
                _drop(run)
        changed[name] = serialise_part(root)

    # properties
    core_name = next(iter(parts.names_with_role("core-properties")), None)
    core = parts.xml(core_name) if core_name else None
    if core is not None:
        for ns, tag, label in ((DC, "creator", "author"), (CP, "lastModifiedBy", "last modified by"),
                               (DC, "description", "comments")):
            for el in core.iter(f"{{{ns}}}{tag}"):
                if (el.text or "").strip():
                    removed.append(f"property {label}: \"{_q(el.text)}\"")
                    traces.append(("HID003", el.text))
                    el.text = ""
        changed[core_name] = serialise_part(core)
    app_name = next(iter(parts.names_with_role("app-properties")), None)
    app = parts.xml(app_name) if app_name else None
    if app is not None:
        for tag in ("Company", "Manager", "HyperlinkBase"):
            for el in app.iter(f"{{{EP}}}{tag}"):
                if (el.text or "").strip():
                    removed.append(f"property {tag.lower()}: \"{_q(el.text)}\"")
                    traces.append(("HID003", el.text))
                    el.text = None
        for el in app.iter(f"{{{EP}}}Template"):
            if el.text and re.search(r"[\\/]", el.text):
                removed.append(f"template path: \"{_q(el.text)}\"")
                el.text = "Normal.dotm"
        changed[app_name] = serialise_part(app)
    from .inspect.docx_hidden import attached_templates

    dropped_rels: set[tuple[str, str]] = set()  # (source part, relationship id)
    for rel in attached_templates(parts):
        removed.append(f"attached template: \"{_q(rel.target or '')}\"")
        dropped_rels.add((rel.source, rel.rel_id))
        settings = parts.xml(rel.source)
        if settings is not None:
            for el in list(settings.iter(w("attachedTemplate"))):
                _drop(el)
            changed[rel.source] = serialise_part(settings)
    for custom in (parts.xml(name) for name in parts.names_with_role("custom-properties")):
        for prop in custom:
            removed.append(f"custom property {prop.get('name')}: "
                           f"\"{_q(' '.join((v.text or '') for v in prop))}\"")

    # parts to drop (by content type and relationship, wherever stored), images to clean
    package = parts.package
    dropped = set(package.orphans)
    for name in package.orphans:
        what = "custom XML part" if name.lower().startswith("customxml/") else "part"
        removed.append(f"{what} {name} (nothing in the document refers to it)")
    for part in package.parts.values():
        name = part.name
        if any(part.has(role) for role in _REMOVED_ROLES):
            dropped.add(name)
            if part.has("custom-xml") and not part.has("custom-xml-props") \
                    and not is_empty_bibliography(parts.xml(name, strict=False)):
                removed.append(f"custom XML part {name}")
            elif part.has("macro"):
                removed.append(f"macro project {name}")
            elif part.has("embedding") or part.has("activex"):
                removed.append(f"embedded object {name}")
            elif part.has("thumbnail"):
                removed.append(f"thumbnail picture of the first page ({name})")
        elif part.has("image"):
            raw = package.blob(name)
            items = image_metadata(raw)
            if items:
                changed[name] = strip_image_metadata(raw)
                removed.append(f"image metadata in {name}: {_q('; '.join(items))}")
    dropped |= {rels_name(name) for name in set(dropped)}

    # relationships that point at dropped parts (or were removed above)
    for source in [""] + list(package.parts):
        rels = [r for r in package.rels_of(source)
                if (r.source, r.rel_id) in dropped_rels or (not r.external and r.target in dropped)]
        name = rels_name(source)
        if not rels or name in dropped or name not in parts.names:
            continue
        root = parts.xml(name)
        ids = {r.rel_id for r in rels}
        for rel in list(root):
            if rel.get("Id") in ids:
                root.remove(rel)
        changed[name] = serialise_part(root)
    ct = parts.xml("[Content_Types].xml")
    for ov in list(ct.iter(f"{{{CT_NS}}}Override")):
        if (ov.get("PartName") or "").lstrip("/") in dropped:
            ct.remove(ov)
        elif package.main is not None and (ov.get("PartName") or "").lstrip("/") == package.main.name \
                and "macroenabled" in (ov.get("ContentType") or "").lower():
            ov.set("ContentType", _PLAIN_MAIN)  # no macros left: a plain Word document
            removed.append("macro-enabled document type (the copy is a plain .docx)")
    changed["[Content_Types].xml"] = serialise_part(ct)

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as outzip:
        for info in zf.infolist():
            if info.filename in dropped:
                continue
            outzip.writestr(info.filename, changed.get(info.filename, zf.read(info.filename)))
    return buf.getvalue(), removed


#: rules whose findings must all be gone from a .docx clean copy
_DOCX_PROMISE = ("HID001", "HID002", "HID003", "HID004")
#: removed text shorter than this (letters and digits) is not searched for: too likely by chance
_MIN_TRACE = 8
_KIND = {"HID001": "a comment", "HID002": "a tracked deletion", "HID003": "a document property",
         "HID004": "hidden text"}


def _squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _traces_left(traces: list[tuple[str, str]], copy) -> list:
    """Findings for removed text still stored in some part of the clean .docx (its markup
    stripped, entities decoded, case and spacing ignored), unless the copy shows that text."""
    import html

    from .findings import Location, make_finding

    shown = _squeeze(" ".join(b.text for b in copy.blocks))
    wanted = {}
    for rule, text in traces:
        key = _squeeze(text)
        if len(key) >= _MIN_TRACE and key not in shown:
            wanted.setdefault(key, rule)
    if not wanted:
        return []
    left = []
    zf = copy.package.zf  # the clean copy as read back (opened once, bounded by files.open_package)
    for info in zf.infolist():
        raw = zf.read(info.filename).decode("utf-8", "ignore")
        body = _squeeze(html.unescape(re.sub(r"<[^>]*>", " ", raw)))
        for key, rule in wanted.items():
            if key in body:
                left.append(make_finding(rule, f"text removed from {_KIND[rule]} is still stored in "
                                               f"part {info.filename}", Location(part="properties")))
    return left


def _drop(el) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _unwrap(el) -> None:
    """Replace ``el`` by its children (keeping tails in place)."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


# .pdf ----------------------------------------------------------------------------------

#: Info entries kept: the title (accessibility) and dates (not personal)
_PDF_KEEP = ("/Title", "/CreationDate", "/ModDate")

def sanitize_pdf(reader) -> tuple[bytes, list[str]]:
    """The clean PDF's bytes from an open (decrypted) pypdf reader, and what was removed."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, NameObject, TextStringObject

    removed: list[str] = ["password protection (the copy opens without one)"] if reader.is_encrypted else []
    info = reader.metadata or {}
    kept = {k: info[k] for k in _PDF_KEEP if k in info and str(info[k]).strip()}
    for key, value in info.items():
        if key not in _PDF_KEEP and str(value).strip():
            removed.append(f"metadata {key.lstrip('/')}: \"{_q(str(value))}\"")
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    if "/Metadata" in root:
        del root["/Metadata"]
        removed.append("XMP metadata")
    writer.metadata = {NameObject(k): TextStringObject(str(v)) for k, v in kept.items()} or None
    names = root.get("/Names")
    if names is not None:
        names = names.get_object()
        for key, label in (("/EmbeddedFiles", "attachments"), ("/JavaScript", "JavaScript")):
            if key in names:
                del names[key]
                removed.append(label)
    if "/AcroForm" in root:
        del root["/AcroForm"]
        removed.append("form fields")
    from .inspect.pdf_cut import remove_hidden_glyphs

    for number, page in enumerate(writer.pages, start=1):
        try:
            hidden = remove_hidden_glyphs(page, writer)
        except Exception:  # a content stream we cannot rewrite: 'sanitize' reports what is left
            hidden = []
        for text in hidden:
            removed.append(f"page {number} hidden text (failed redaction): \"{_q(text)}\"")
        annots = page.get("/Annots")
        if annots is None:
            continue
        keep = ArrayObject()
        for ref in annots.get_object():
            annot = ref.get_object()
            subtype = annot.get("/Subtype")
            if subtype == "/Link":
                keep.append(ref)  # its actions are judged with the others below
            else:
                what = str(annot.get("/Contents", "") or subtype)
                removed.append(f"page {number} {str(subtype).lstrip('/')} annotation: \"{_q(what)}\"")
        if keep:
            page[NameObject("/Annots")] = keep
        else:
            del page["/Annots"]
    from .inspect.pdf_active import remove_active
    from .readers.pdf_unseen import earlier_revisions

    removed += remove_active(writer)
    try:
        earlier = earlier_revisions(reader.stream.getvalue())
    except Exception:  # a reader over a file: its history is left behind all the same
        earlier = 0
    if earlier:
        removed.append(f"{earlier} earlier revision(s) of the file (incremental updates)")
    return _fresh_pdf(writer), removed


def _fresh_pdf(writer) -> bytes:
    """The writer's document as a new file holding only what its pages and catalogue still
    reach: what was taken out above (and any earlier revision) is not carried over."""
    from pypdf import PdfReader, PdfWriter

    first = io.BytesIO()
    writer.write(first)
    fresh = PdfWriter(clone_from=PdfReader(io.BytesIO(first.getvalue())))
    buf = io.BytesIO()
    fresh.write(buf)
    return buf.getvalue()
