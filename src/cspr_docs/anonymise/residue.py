"""The residue search: is any case register entry still anywhere in a written copy?

``redact`` runs this on its own output before renaming it into place. It works on raw bytes,
never through a document reader: every zip entry is inflated (and embedded packages searched in
turn), part names are searched too, text is searched as written, percent-decoded and with XML
character references resolved, XML also with its tags removed (a name split across runs), image
metadata (PNG text chunks, JPEG EXIF/XMP/comments) is read out, and any other binary part is
searched for its ASCII and UTF-16 strings. An entry matches in any case, its words joined by
nothing, ``_``, ``.``, ``-``, ``+``, ``%20`` or spaces, as whole words (a camelCase or
letter/digit change also counts as a word edge, so ``photoKellyWalsh2`` is found).

Places are reported by part name only, never by the matched text; a part whose own name holds
an entry is reported by its position in the package instead.
"""

from __future__ import annotations

import bisect
import html
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote

from .register import Hit, Register, Term, Terms, compile_terms

#: Separators allowed between an entry's words (and between a literal's characters).
_SEP = r"(?:[\s\u00a0\u2009\u202f_.\-+,/]|%(?:20|2[BbCcDdEeFf]|5[Ff])|%[Cc]2%[Aa]0|&nbsp;){0,4}"
_LEFT = (r"(?:(?<![^\W_])|(?-i:(?<=[a-z])(?=[A-Z]))|(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d))")
_RIGHT = (r"(?:(?![^\W_])|(?-i:(?<=[a-z])(?=[A-Z]))|(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d))")
_WORDS = re.compile(r"[^\W_]+")
#: Limits for what the search inflates (an output we wrote ourselves, but embedded packages
#: and compressed image chunks come from the input).
MAX_DEPTH = 4
MAX_INFLATE = 300 * 1024 * 1024
_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)?(p|tc|tr|tab|br|cr|si|row|c|li|div|td|th|h\d)\b[^>]*>|<[^>]*>")
_TEXT_EXT = {"xml", "rels", "vml", "htm", "html", "mht", "mhtml", "txt", "md", "csv", "json", "rtf",
             "css", "svg", "xsl", "xslt", "odttf_names"}


#: A name of several words is found even inside a longer word (``myKellyWalsh2``,
#: ``JAYDENWALSHPHOTO``) once it has this many letters; shorter names need word edges.
_GLUED_MIN = 8


def _variant_pattern(term: Term) -> str:
    words = _WORDS.findall(term.text)
    if term.kind == "other":  # a literal (number, reference): any grouping of its characters
        body = _SEP.join(re.escape(c) for c in "".join(words))
    else:
        body = _SEP.join(re.escape(w) for w in words)
        if len(words) > 1 and len(term.key) >= _GLUED_MIN:
            return body
    return _LEFT + body + _RIGHT


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


class Matcher:
    """Every register entry with its variants, searched in one pass (an Aho-Corasick
    automaton over the squeezed text picks the entries; only those run their patterns)."""

    def __init__(self, register: Register | None) -> None:
        # short forms made from names ("K. Walsh", "JW") are replaced in the text, but are not
        # searched for byte by byte: two letters turn up anywhere in a package
        self.terms: Terms = Terms([t for t in compile_terms(register) if not t.initials]) \
            if register is not None and not register.is_empty() else Terms([])
        #: (real text, replacement, entity) -> count, for the mapping
        self.replaced: dict[tuple[str, str, str], int] = {}

    def replacement(self, hit: Hit, text: str, identifier: bool = False) -> str:
        """What replaces ``hit`` in ``text`` (counted for the mapping)."""
        real = text[hit.start:hit.end]
        new = _replacement(hit.term, real, text, hit.start, hit.end, identifier)
        key = (real, new, hit.term.entity)
        self.replaced[key] = self.replaced.get(key, 0) + 1
        return new

    def __bool__(self) -> bool:
        return bool(self.terms)

    def hits(self, text: str, min_key: int = 1) -> list[Hit]:
        """Non-overlapping hits in ``text`` as written (longest entry wins); entries of fewer
        than ``min_key`` letters and digits are left out."""
        if not self.terms or not text:
            return []
        starts: list[int] = []
        found: list[Hit] = []       # sorted by start, never overlapping
        for term in self.terms.candidates(text):
            if len(term.key) < min_key:
                continue
            for m in _compiled(_variant_pattern(term)).finditer(text):
                s, e = m.span()
                i = bisect.bisect_left(starts, s)
                if s == e or (i and found[i - 1].end > s) or (i < len(found) and found[i].start < e):
                    continue
                starts.insert(i, s)
                found.insert(i, Hit(s, e, term))
        return found

    def found(self, text: str, min_key: int = 1) -> bool:
        """Whether ``text`` holds an entry as written, percent-decoded or entity-decoded."""
        if not self.terms or not text:
            return False
        for view in _views(text):
            for term in self.terms.candidates(view):
                if len(term.key) >= min_key and _compiled(_variant_pattern(term)).search(view):
                    return True
        return False

    def replace(self, text: str, identifier: bool = False) -> str:
        """``text`` with every hit replaced by its entry's pseudonym (or a placeholder);
        ``identifier``: always as one word of letters and digits (an XML name)."""
        hits = self.hits(text)
        if not hits:
            return text
        out, pos = [], 0
        for h in hits:
            out += [text[pos:h.start], self.replacement(h, text, identifier)]
            pos = h.end
        out.append(text[pos:])
        return "".join(out)

    def scrub(self, text: str) -> str:
        """``replace``; if an entry is still there once decoded, its escaped letters (``%4B``,
        ``&#75;``) are decoded and the text replaced again."""
        out = self.replace(text)
        if self.found(out):
            out = self.replace(_decode_alnum(out))
        return out


_DEFAULTS = {"person": "name", "place": "place", "other": "redacted"}


def _replacement(term: Term, matched: str, text: str, s: int, e: int, identifier: bool = False) -> str:
    word = term.pseudonym if term.pseudonym and term.index >= 0 else None
    before, after = text[s - 1:s], text[e:e + 1]
    plain = not identifier and (" " in matched or len(_WORDS.findall(matched)) == 1) and \
        not re.match(r"[\w%/.\-=#]", before or " ") and not re.match(r"[\w%/.\-]", after or " ")
    if plain:
        return word or f"[{_DEFAULTS[term.kind]}]"
    # inside an identifier, a path or an address: keep it one word of letters and digits
    sep = re.search(r"%20|[_.\-+]", matched)
    parts = _WORDS.findall(word or _DEFAULTS[term.kind])
    return (sep.group() if sep else "").join(p if i == 0 else p.capitalize() for i, p in enumerate(parts))


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})|&#(\d{1,7});|&#[xX]([0-9A-Fa-f]{1,6});")


def _decode_alnum(text: str) -> str:
    """Percent escapes and character references of letters, digits and separators decoded;
    the others (``%3C``, ``&#60;``) kept, so markup never changes meaning."""
    def one(m: re.Match) -> str:
        try:
            code = int(m.group(1), 16) if m.group(1) else int(m.group(2)) if m.group(2) \
                else int(m.group(3), 16)
            ch = chr(code)
        except (ValueError, OverflowError):
            return m.group()
        return ch if ch.isalnum() or ch in " _.-" else m.group()

    for _ in range(3):
        new = _ESCAPE.sub(one, text)
        if new == text:
            break
        text = new
    return text


def _views(text: str):
    yield text
    if "%" not in text and "&" not in text:
        return
    seen = {text}
    for f in (unquote, html.unescape, lambda t: html.unescape(unquote(unquote(t)))):
        v = f(text)
        if v not in seen:
            seen.add(v)
            yield v


# ---------------------------------------------------------------- reading bytes as text

def decode(data: bytes) -> str:
    """Bytes of a text-like part as text (BOM-aware; undecodable bytes kept as Latin-1)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _strip_tags(data: bytes) -> bytes:
    return _TAG.sub(lambda m: b" " if m.group(2) else b"", data)


_ASCII_RUN = re.compile(rb"[\x20-\x7e\t\r\n]{3,}")
_UTF16_RUN = re.compile(rb"(?:[\x20-\x7e]\x00){3,}")


def binary_strings(data: bytes) -> list[str]:
    """Printable ASCII and UTF-16LE strings in a binary part (as ``strings`` finds them)."""
    out = [m.group().decode("ascii") for m in _ASCII_RUN.finditer(data)]
    out += [m.group().decode("utf-16-le") for m in _UTF16_RUN.finditer(data)]
    return out


def png_text(data: bytes) -> list[tuple[str, str]]:
    """(chunk type, text) of a PNG's metadata chunks: tEXt, zTXt, iTXt and any other ancillary
    chunk but the pixel data."""
    out, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        name = kind.decode("latin-1")
        if kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            out.append((name, key.decode("latin-1") + " " + _inflate(rest[1:]).decode("latin-1")))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            flag, rest = rest[:1], rest[2:]
            lang, _, rest = rest.partition(b"\0")
            tkey, _, text = rest.partition(b"\0")
            text = _inflate(text) if flag == b"\x01" else text
            out.append((name, " ".join(decode(x) for x in (key, lang, tkey, text))))
        elif kind == b"tEXt":
            out.append((name, body.replace(b"\0", b" ").decode("latin-1")))
        elif name[:1].islower():  # any other ancillary chunk (eXIf, private chunks ...)
            out.append((name, " ".join(binary_strings(body))))
        pos += 12 + length
        if kind == b"IEND":
            break
    return out


def jpeg_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of each JPEG segment before the image data."""
    out, pos = [], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        out.append((marker, pos, pos + 2 + length))
        if marker == 0xDA:  # start of scan: pixel data follows
            break
        pos += 2 + length
    return out


def _sub_blocks(data: bytes, pos: int) -> int:
    """End of a chain of GIF data sub-blocks starting at ``pos``."""
    while pos < len(data):
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos
    raise ValueError("truncated")


def gif_blocks(data: bytes) -> list[tuple[int, int, int]] | None:
    """(extension label or 0x2C for an image, start, end) of each GIF block; None if the GIF
    cannot be walked. Labels: 0xFE comment, 0xFF application (XMP), 0x01 plain text."""
    try:
        if data[:6] not in (b"GIF87a", b"GIF89a"):
            return None
        packed = data[10]
        pos = 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
        out = []
        while pos < len(data):
            kind = data[pos]
            if kind == 0x3B:
                return out
            if kind == 0x21:
                end = _sub_blocks(data, pos + 2)
                out.append((data[pos + 1], pos, end))
            elif kind == 0x2C:
                packed = data[pos + 9]
                start = pos + 10 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)
                end = _sub_blocks(data, start + 1)
                out.append((0x2C, pos, end))
            else:
                return None
            pos = end
        return None
    except (IndexError, ValueError):
        return None


def _inflate(data: bytes) -> bytes:
    try:
        d = zlib.decompressobj()
        out = d.decompress(data, 16 * 1024 * 1024)
        return out
    except zlib.error:
        return data


# ---------------------------------------------------------------- the search

def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def _ext(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""


#: In opaque binary data (fonts, vector pictures, OLE streams) only entries of at least this
#: many letters and digits are searched: shorter ones turn up by chance in compressed bytes.
BINARY_MIN_KEY = 4


def part_texts(name: str, data: bytes) -> list[tuple[str, str]]:
    """(what, text) pairs to search in one part's bytes (not an embedded package); ``what`` is
    ``"binary strings"`` for opaque binary data (see ``BINARY_MIN_KEY``)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return [(f"image metadata ({kind})", text) for kind, text in png_text(data)]
    if data[:2] == b"\xff\xd8":
        return [("image metadata", " ".join(binary_strings(data[s:e]))) for marker, s, e in
                jpeg_segments(data) if marker != 0xDA and not 0xC0 <= marker <= 0xCF and marker != 0xDB]
    if data[:6] in (b"GIF87a", b"GIF89a"):
        blocks = gif_blocks(data)
        if blocks is not None:
            return [("image metadata", " ".join(binary_strings(data[s:e]))) for kind, s, e in blocks
                    if kind != 0x2C and kind != 0xF9]
    text_like = _ext(name) in _TEXT_EXT or data[:5] in (b"<?xml", b"\xef\xbb\xbf<?") or \
        data.startswith((b"\xff\xfe<\x00", b"\xfe\xff\x00<"))
    if text_like or b"\x00" not in data[:4096]:
        views = markup_views(name, data)
        if views is not None:
            return [("", v) for v in views]
        text = decode(data)
        out = [("", text)]
        if "<" in text:
            out.append(("", decode(_strip_tags(data)) if not data.startswith((b"\xff\xfe", b"\xfe\xff"))
                        else re.sub(r"<[^>]*>", "", text)))
        return out
    return [("binary strings", " ".join(binary_strings(data)))]


#: Namespaces whose element and attribute names are fixed by a standard (never a name): only
#: the names in other namespaces (custom XML) are searched.
STANDARD_NAMESPACES = ("http://schemas.openxmlformats.org/", "http://schemas.microsoft.com/",
                       "urn:schemas-microsoft-com:", "http://purl.org/", "http://www.w3.org/",
                       "http://ns.adobe.com/", "adobe:ns:meta/", "http://schemas.android.com/",
                       "urn:oasis:names:tc:opendocument:", "http://openoffice.org/")
_BLOCKS = {"p", "tc", "tr", "tab", "br", "cr", "si", "row", "c", "li", "div", "td", "th", "h1", "h2",
           "h3", "h4", "h5", "h6", "title", "body", "table"}


#: Attributes that name a font (local names; on elements of the standard vocabularies).
_FONT_ATTRIBUTES = {("rFonts", "ascii"), ("rFonts", "hAnsi"), ("rFonts", "eastAsia"), ("rFonts", "cs"),
                    ("font", "name"), ("altName", "val"), ("latin", "typeface"), ("ea", "typeface"),
                    ("cs", "typeface"), ("font", "typeface"), ("sym", "typeface"), ("sym", "font")}


@lru_cache(maxsize=1)
def _font_names() -> frozenset[str]:
    from ..files import bundled
    from ..yamlio import load_bundled

    return frozenset(f.casefold() for f in load_bundled(bundled("data") / "font_names.yaml")["fonts"])


def font_reference(el, attribute: str, value: str) -> bool:
    """An attribute naming a well-known font (kept: it is formatting, not a person)."""
    from lxml import etree

    q, a = etree.QName(el), etree.QName(attribute)
    return standard(q.namespace) and (q.localname, a.localname) in _FONT_ATTRIBUTES \
        and value.strip().casefold() in _font_names()


def standard(namespace: str | None) -> bool:
    return bool(namespace) and namespace.startswith(STANDARD_NAMESPACES)


def parse_xml(data: bytes):
    """A part's XML tree (no entities, no network, no DTD), or None when it is not XML."""
    from lxml import etree

    head = data.lstrip()[:1]
    if head != b"<" and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return etree.fromstring(data, parser=etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False))
    except (etree.XMLSyntaxError, ValueError):
        return None


def _tree_views(root, html: bool = False) -> list[str]:
    """Text (block elements apart), comments, attribute values, and the markup names and
    namespaces outside the standard ones (none for HTML, whose names are all standard)."""
    from lxml import etree

    text, values, names = [], [], []
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event in ("comment", "pi"):
            values.append(el.text or "")
            text.append(el.tail or "")
            continue
        if isinstance(el, etree._Entity):
            if event == "end":
                text.append(el.tail or "")
            continue
        q = etree.QName(el)
        block = q.localname.lower() in _BLOCKS
        if event == "start":
            if block:
                text.append(" ")
            text.append(el.text or "")
            for k, v in el.attrib.items():
                if not font_reference(el, k, v):
                    values.append(v)
                kq = etree.QName(k)
                if not html and not standard(kq.namespace) and \
                        not (kq.namespace is None and standard(q.namespace)):
                    names.append(kq.localname)
            if not standard(q.namespace) and not html:
                names.append(q.localname)
            for prefix, uri in (el.nsmap or {}).items():
                if not standard(uri):
                    names += [prefix or "", uri]
        else:
            if block:
                text.append(" ")
            text.append(el.tail or "")
    return ["".join(text), "\n".join(values), "\n".join(names)]


def markup_views(name: str, data: bytes) -> list[str] | None:
    """What a reader of an XML or HTML part can see in it, markup names of standard
    vocabularies aside (so a register surname such as Lin or Lang is not found in
    ``<a:lin>`` or ``<w:lang>``); None when the part is neither."""
    root = parse_xml(data)
    if root is not None:
        views = _tree_views(root)
        doctype = data.find(b"<!DOCTYPE")
        if doctype != -1:  # entity declarations can hold text
            views.append(decode(data[doctype:data.find(b">", data.find(b"]", doctype)) + 1]))
        return views
    if _ext(name) in ("htm", "html", "xhtml") or data.lstrip()[:20].lower().startswith((b"<!doctype html",
                                                                                       b"<html")):
        try:
            import lxml.html

            doc = lxml.html.document_fromstring(decode(data))
        except Exception:  # noqa: BLE001 - not parseable: searched as raw text instead
            return None
        return _tree_views(doc, html=True)
    return None


@dataclass
class _Budget:
    left: int = field(default_factory=lambda: MAX_INFLATE)


def search(data: bytes, matcher: Matcher, *, name: str = "") -> list[str]:
    """Places in ``data`` (a package or a text file's bytes) where a register entry remains."""
    if not matcher:
        return []
    places: list[str] = []
    if is_zip(data):
        _search_package(data, matcher, "", places, 0, _Budget())
    else:
        for what, text in part_texts(name or "copy.txt", data):
            if matcher.found(text, _min_key(what)):
                places.append(_place("the text", what))
    return list(dict.fromkeys(places))


def _place(part: str, what: str) -> str:
    return f"{part} ({what})" if what else part


def _search_package(data: bytes, matcher: Matcher, prefix: str, places: list[str], depth: int,
                    budget: _Budget) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except Exception:  # noqa: BLE001 - whatever the damage, it cannot be searched: a finding
        places.append(_place(prefix.rstrip(" >") or "the package", "not a readable zip archive"))
        return
    if zf.comment and matcher.found(decode(zf.comment)):
        places.append(f"{prefix}the zip archive's comment")
    for n, info in enumerate(infos, 1):
        label = info.filename
        extra = decode(info.comment or b"") + " " + " ".join(binary_strings(info.extra or b""))
        if extra.strip() and matcher.found(extra):
            places.append(f"{prefix}the zip entry of part #{n}")
        if matcher.found(info.filename) or matcher.found(info.filename.replace("/", " ")):
            label = f"part #{n}"
            places.append(f"{prefix}the name of part #{n}")
        where = prefix + label
        if info.is_dir():
            continue
        if info.file_size > budget.left:
            places.append(_place(where, "too large to search"))
            continue
        try:
            body = zf.read(info)
        except Exception:  # noqa: BLE001 - a damaged entry cannot be searched: that is a finding
            places.append(_place(where, "cannot be read"))
            continue
        budget.left -= len(body)
        if is_zip(body):
            if depth >= MAX_DEPTH:
                places.append(_place(where, "embedded too deep to search"))
            else:
                _search_package(body, matcher, where + " > ", places, depth + 1, budget)
            continue
        for what, text in part_texts(info.filename, body):
            if matcher.found(text, _min_key(what)):
                places.append(_place(where, what))


def _min_key(what: str) -> int:
    return BINARY_MIN_KEY if what == "binary strings" else 1
