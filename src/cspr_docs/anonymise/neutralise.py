"""Remove what the residue search would still find in a redacted package, working on the zip.

After the document's own text is pseudonymised, a package can still carry a register entry in
places no reader shows: part names (``word/media/Jayden_Walsh.png``) and the relationship
targets pointing at them, external link targets (images, templates, sub-documents, OLE links),
bookmark names, field instructions (``MERGEFIELD Jayden_Walsh``, ``HYPERLINK ".../KellyWalsh"``),
attribute values, text after child elements (customXml), XML comments, altChunk content,
embedded packages, image metadata and the thumbnail. ``neutralise`` rewrites each of these:

- parts whose names hold an entry are renamed (``redacted1.png``) and every relationship target
  and content-type override follows them; a rels part follows its source part;
- external relationships whose targets hold an entry point to ``#``;
- in every XML part holding an entry, each paragraph's text and field instructions are edited
  across runs, then every text, tail, comment and attribute value is replaced;
- other text parts (HTML, plain text) are edited as text;
- PNG and JPEG parts lose their metadata chunks (text, EXIF, XMP, comments);
- the thumbnail (a picture of the first page) is dropped;
- embedded packages are neutralised in turn; an altChunk or OLE package that still holds an
  entry is dropped with the elements that point at it.

What cannot be parsed is left alone: the residue search then reports it and nothing is written.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from urllib.parse import unquote

from lxml import etree

from .residue import (
    MAX_DEPTH,
    MAX_INFLATE,
    Matcher,
    _decode_alnum,
    _min_key,
    decode,
    font_reference,
    is_zip,
    markup_views,
    parse_xml,
    part_texts,
    standard,
)

_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_THUMBNAIL = "/metadata/thumbnail"
#: Elements that may be removed with the part they point at (the document stays valid).
_DROPPABLE = {"altChunk", "OLEObject"}
#: Relationship types of parts that may go when they still hold an entry once cleaned: altChunk
#: content, embedded packages and OLE data (with the elements above), macro projects.
_DROPPABLE_PARTS = ("/aFChunk", "/package", "/oleObject", "/vbaProject")
#: Text-bearing elements of a Word paragraph, edited together so a name split across runs goes.
_TEXT_GROUPS = ((f"{{{_W}}}t", f"{{{_W}}}delText"), (f"{{{_W}}}instrText", f"{{{_W}}}delInstrText"))
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT",
             b"pHYs", b"bKGD", b"acTL", b"fcTL", b"fdAT"}


def _has(matcher: Matcher, name: str, data: bytes) -> bool:
    return any(matcher.found(text, _min_key(what)) for what, text in part_texts(name, data))


# ---------------------------------------------------------------- XML parts

#: Elements whose text runs make one line of text: Word and DrawingML paragraphs, spreadsheet
#: shared strings and inline strings (local names; the text elements share their namespace).
_CONTAINERS = {"p", "si", "is"}


def _paragraph_edits(root, matcher: Matcher) -> None:
    for p in root.iter():
        if not isinstance(p.tag, str) or etree.QName(p).localname not in _CONTAINERS:
            continue
        ns = etree.QName(p).namespace
        groups = _TEXT_GROUPS if ns == _W else ((f"{{{ns}}}t" if ns else "t",),)
        for tags in groups:
            segs, pos = [], 0
            for el in p.iter(*tags):
                if next((a for a in el.iterancestors(p.tag)), None) is not p:
                    continue
                n = len(el.text or "")
                segs.append((el, pos, n))
                pos += n
            if len(segs) < 2:
                continue  # one element: the value scrub below handles it
            text = "".join(el.text or "" for el, _a, _n in segs)
            hits = matcher.hits(text)
            for h in reversed(hits):
                new = matcher.replacement(h, text)
                first = True
                for el, a, n in segs:
                    if a < h.end and h.start < a + n:
                        old = el.text or ""
                        lo, hi = max(h.start - a, 0), min(h.end - a, n)
                        el.text = old[:lo] + (new if first else "") + old[hi:]
                        if ns == _W:
                            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                        first = False


def _rename_markup(root, matcher: Matcher) -> None:
    """Element and attribute names, and namespace names, outside the standard vocabularies
    (custom XML) that hold an entry are renamed."""
    renamed = False
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        q = etree.QName(el)
        ns = q.namespace
        if ns and not standard(ns) and matcher.found(ns):
            ns = matcher.replace(_decode_alnum(ns), identifier=True)
        local = q.localname
        if not standard(q.namespace) and matcher.found(local):
            local = matcher.replace(local, identifier=True)
        if (ns, local) != (q.namespace, q.localname):
            el.tag = etree.QName(ns, local).text
            renamed = True
        for k in list(el.attrib):
            kq = etree.QName(k)
            if standard(kq.namespace) or (kq.namespace is None and standard(q.namespace)):
                continue
            kns, klocal = kq.namespace, kq.localname
            if kns and matcher.found(kns):
                kns = matcher.replace(_decode_alnum(kns), identifier=True)
            if matcher.found(klocal):
                klocal = matcher.replace(klocal, identifier=True)
            if (kns, klocal) != (kq.namespace, kq.localname):
                value = el.attrib.pop(k)
                el.set(etree.QName(kns, klocal).text, value)
                renamed = True
    if renamed:
        etree.cleanup_namespaces(root)


def _scrub_xml(root, matcher: Matcher) -> None:
    _rename_markup(root, matcher)
    _paragraph_edits(root, matcher)
    for el in root.iter():
        if isinstance(el, etree._Entity):
            if el.tail:
                el.tail = matcher.scrub(el.tail)
            continue
        if not isinstance(el.tag, str):  # a comment or processing instruction
            if el.text:
                el.text = matcher.scrub(el.text)
        else:
            for name, value in list(el.attrib.items()):
                if value and matcher.found(value) and not font_reference(el, name, value):
                    el.set(name, matcher.scrub(value))
            if el.text:
                el.text = matcher.scrub(el.text)
        if el.tail:
            el.tail = matcher.scrub(el.tail)


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_part(name: str, body: bytes, matcher: Matcher) -> bytes:
    """A part with an entry in it, edited: XML through its tree, other text as text."""
    root = parse_xml(body)
    if root is not None:
        _scrub_xml(root, matcher)
        return _serialise(root)
    if name.lower().endswith((".xml", ".rels", ".vml")):
        return body  # XML that does not parse: left for the search to report
    if markup_views(name, body) is not None:  # HTML: its text and attribute values only
        import lxml.html

        doc = lxml.html.document_fromstring(decode(body))
        for el in doc.iter():
            if isinstance(el.tag, str):
                for k, v in list(el.attrib.items()):
                    if matcher.found(v):
                        el.set(k, matcher.scrub(v))
            if el.text and (isinstance(el.tag, str) or el.tag is etree.Comment):
                el.text = matcher.scrub(el.text)
            if el.tail:
                el.tail = matcher.scrub(el.tail)
        return lxml.html.tostring(doc, encoding="utf-8", doctype="<!DOCTYPE html>")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body
    return matcher.scrub(text).encode("utf-8")


# ---------------------------------------------------------------- images

def strip_png(data: bytes) -> bytes:
    """The PNG without its metadata chunks (text, EXIF, time, ICC name, private chunks)."""
    out, pos = [data[:8]], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if kind in _PNG_KEEP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(out)


def strip_jpeg(data: bytes, matcher: Matcher | None = None) -> bytes:
    """The JPEG without EXIF, XMP, IPTC and comment segments (APP1, APP3-13, APP15, COM); the
    colour profile (APP2) too if its text holds an entry."""
    from .residue import binary_strings, jpeg_segments

    segs = jpeg_segments(data)
    if not segs or segs[-1][0] != 0xDA:
        return data
    out = [data[:2]]
    for marker, s, e in segs[:-1]:
        icc = marker == 0xE2 and data[s + 4:s + 16] == b"ICC_PROFILE\0" and not (
            matcher and matcher.found(" ".join(binary_strings(data[s:e]))))
        keep = marker in (0xE0, 0xEE) or icc or not (0xE0 <= marker <= 0xEF or marker == 0xFE)
        if keep:
            out.append(data[s:e])
    out.append(data[segs[-1][1]:])
    return b"".join(out)


def strip_gif(data: bytes) -> bytes:
    """The GIF without comment, plain-text and application extensions (XMP), keeping the
    animation loop extension."""
    from .residue import gif_blocks

    blocks = gif_blocks(data)
    if blocks is None:
        return data
    out, pos = [], 0
    for kind, s, e in blocks:
        drop = kind in (0xFE, 0x01) or (kind == 0xFF and data[s + 3:s + 14] not in
                                         (b"NETSCAPE2.0", b"ANIMEXTS1.0"))
        if drop:
            out.append(data[pos:s])
            pos = e
    out.append(data[pos:])
    return b"".join(out)


def blank_binary(data: bytes, matcher: Matcher) -> bytes:
    """Opaque binary data (a vector picture's text records, an OLE stream, a font's name table)
    with every entry found in its ASCII or UTF-16 strings overwritten in place by ``x``s of the
    same length, so no offset or record size changes."""
    from .residue import _ASCII_RUN, _UTF16_RUN, BINARY_MIN_KEY

    out = bytearray(data)
    for m in _ASCII_RUN.finditer(data):
        text = m.group().decode("ascii")
        for h in matcher.hits(text, BINARY_MIN_KEY):
            out[m.start() + h.start:m.start() + h.end] = b"x" * (h.end - h.start)
    for m in _UTF16_RUN.finditer(data):
        text = m.group().decode("utf-16-le")
        for h in matcher.hits(text, BINARY_MIN_KEY):
            out[m.start() + 2 * h.start:m.start() + 2 * h.end] = b"x\x00" * (h.end - h.start)
    return bytes(out)


# ---------------------------------------------------------------- the package

def _rels_source(rels_name: str) -> str | None:
    """``word/_rels/document.xml.rels`` -> ``word/document.xml`` (``_rels/.rels`` -> '')."""
    folder, base = posixpath.split(rels_name)
    if posixpath.basename(folder) != "_rels" or not base.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), base[:-5])


def _rels_name(source: str) -> str:
    folder, base = posixpath.split(source)
    return posixpath.join(folder, "_rels", base + ".rels")


def _resolve(source: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _renames(names: list[str], matcher: Matcher) -> dict[str, str]:
    out: dict[str, str] = {}
    count = 0
    for name in names:
        if _rels_source(name) is not None or name == "[Content_Types].xml":
            continue
        if not (matcher.found(name) or matcher.found(name.replace("/", " "))):
            continue
        segs = name.split("/")
        for i, seg in enumerate(segs):
            if matcher.found(seg):
                count += 1
                ext = seg.rsplit(".", 1)[1] if "." in seg else ""
                ext = ext if ext and not matcher.found(ext) and ext.isalnum() else "bin"
                segs[i] = f"redacted{count}.{ext}" if i == len(segs) - 1 else f"redacted{count}"
        out[name] = "/".join(segs)
    for name in names:  # a rels part follows its source part
        src = _rels_source(name)
        if src is None:
            continue
        if src in out:
            out[name] = _rels_name(out[src])
        elif matcher.found(name):
            count += 1
            out[name] = posixpath.join(posixpath.dirname(name), f"redacted{count}.xml.rels")
    return out


def neutralise(data: bytes, matcher: Matcher, *, depth: int = 0) -> bytes:
    """``data`` (a zip package) with every register entry the search can find rewritten or
    removed where that is safe; anything else is left for the search to report."""
    if not matcher:
        return data
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if sum(i.file_size for i in infos) > MAX_INFLATE:
        return data  # an embedded package too large to open: the search reports it
    parts: dict[str, bytes] = {i.filename: zf.read(i) for i in infos}
    kinds: dict[str, str] = {}      # part name -> relationship type that targets it
    sources: dict[str, list[tuple[str, str]]] = {}   # part -> [(source part, rel id)]
    drop: set[str] = set()

    rels_trees = {}
    for name in list(parts):
        src = _rels_source(name)
        if src is None:
            continue
        rels_trees[name] = parse_xml(parts[name])
        if rels_trees[name] is None:
            del rels_trees[name]
            continue
        for rel in rels_trees[name].iter(f"{{{_PKG_RELS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = _resolve(src, rel.get("Target") or "")
            kinds[target] = rel.get("Type") or ""
            sources.setdefault(target, []).append((src, rel.get("Id") or ""))
    for target, kind in kinds.items():
        if kind.endswith(_THUMBNAIL):
            drop.add(target)
    drop |= {n for n in parts if re.fullmatch(r"docProps/thumbnail\.\w+", n)}

    # the contents
    for name, body in list(parts.items()):
        if name in drop or _rels_source(name) is not None:
            continue
        if is_zip(body):
            if depth < MAX_DEPTH:
                try:
                    body = neutralise(body, matcher, depth=depth + 1)
                except Exception:  # noqa: BLE001 - a damaged embedded package stays as it is
                    pass            # (and the search reports it if it holds an entry)
        elif body.startswith(b"\x89PNG\r\n\x1a\n"):
            body = strip_png(body)
        elif body[:2] == b"\xff\xd8":
            body = strip_jpeg(body, matcher)
        elif body[:6] in (b"GIF87a", b"GIF89a"):
            body = strip_gif(body)
        elif body.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in body[:4096]:
            if _has(matcher, name, body):
                body = _text_part(name, body, matcher)
        elif _has(matcher, name, body):
            body = blank_binary(body, matcher)
        parts[name] = body

    # altChunk content and embedded packages that still hold an entry go, with their elements
    for name in list(parts):
        if name in drop or not kinds.get(name, "").endswith(_DROPPABLE_PARTS):
            continue
        if not _has_anywhere(name, parts[name], matcher):
            continue
        if all(_unlink(parts, src, rid) for src, rid in sources.get(name, [])):
            drop.add(name)

    renames = _renames([n for n in parts if n not in drop], matcher)

    # relationships: drop links to dropped parts, follow renames, neutralise external targets
    for name, tree in rels_trees.items():
        src = _rels_source(name)
        for rel in list(tree.iter(f"{{{_PKG_RELS}}}Relationship")):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                if matcher.found(target):
                    rel.set("Target", "#")
                continue
            resolved = _resolve(src, target)
            if resolved in drop:
                rel.getparent().remove(rel)
            elif resolved in renames:
                rel.set("Target", "/" + renames[resolved])
        _scrub_xml(tree, matcher)
        parts[name] = _serialise(tree)

    ct = parts.get("[Content_Types].xml")
    if ct is not None:
        root = parse_xml(ct)
        if root is not None:
            for override in list(root.iter(f"{{{_CT}}}Override")):
                part = (override.get("PartName") or "").lstrip("/")
                if part in drop:
                    root.remove(override)
                elif part in renames:
                    override.set("PartName", "/" + renames[part])
            _scrub_xml(root, matcher)
            parts["[Content_Types].xml"] = _serialise(root)

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        order = sorted(parts, key=lambda n: n != "[Content_Types].xml")
        for name in order:
            if name in drop or _rels_source(name) in drop:
                continue
            z.writestr(renames.get(name, name), parts[name])
    return out.getvalue()


def _has_anywhere(name: str, body: bytes, matcher: Matcher) -> bool:
    from .residue import search

    return bool(search(body, matcher, name=name))


def _unlink(parts: dict[str, bytes], source: str, rid: str) -> bool:
    """Remove the elements of ``source`` that point at relationship ``rid``, if all of them
    may go (an altChunk, an OLE object's link to its data); False when one may not."""
    body = parts.get(source)
    if body is None:
        return False
    root = parse_xml(body)
    if root is None:
        return False
    users = [el for el in root.iter() if isinstance(el.tag, str)
             and any(k.startswith(f"{{{_R}}}") and v == rid for k, v in el.attrib.items())]
    if any(etree.QName(el).localname not in _DROPPABLE for el in users):
        return False
    for el in users:
        parent = el.getparent()
        if parent is None:
            return False
        if el.tail:
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
    parts[source] = _serialise(root)
    return True


def neutralise_text(text: str, matcher: Matcher) -> str:
    """A plain-text copy with every variant of every entry replaced."""
    return matcher.scrub(text) if matcher.found(text) else text


__all__ = ["neutralise", "neutralise_text", "strip_png", "strip_jpeg", "decode"]
