"""Metadata inside embedded images (JPEG EXIF/XMP/IPTC/comments, PNG text chunks): find and strip.

Pure Python, no Pillow: only the container structure is parsed, never the pixels.
"""

from __future__ import annotations

import re
import struct
import zlib

#: EXIF IFD0 tags that can identify a person, a device or a place.
EXIF_TAGS = {0x010E: "ImageDescription", 0x010F: "Make", 0x0110: "Model", 0x013B: "Artist",
             0x8298: "Copyright", 0x9C9B: "XPTitle", 0x9C9C: "XPComment", 0x9C9D: "XPAuthor",
             0x9C9E: "XPKeywords", 0x9C9F: "XPSubject", 0x8825: "GPS position"}
#: PNG text keywords worth reporting (Software alone is not personal).
PNG_KEYS = {"author", "copyright", "description", "comment", "title", "source", "disclaimer",
            "warning", "xml:com.adobe.xmp", "creation time"}
_PNG_SIG = b"\x89PNG\r\n\x1a\n"
_PNG_META = {b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME"}
_XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"


def image_metadata(data: bytes) -> list[str]:
    """Human-readable identifying metadata items in an image (``[]`` when none)."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg_metadata(data)
    if data.startswith(_PNG_SIG):
        return _png_metadata(data)
    return []


def strip_image_metadata(data: bytes) -> bytes:
    """``data`` without metadata segments/chunks (unchanged when not JPEG/PNG)."""
    try:
        if data.startswith(b"\xff\xd8"):
            return _jpeg_strip(data)
        if data.startswith(_PNG_SIG):
            return _png_strip(data)
    except (struct.error, IndexError, ValueError):
        return data
    return data


def _jpeg_segments(data: bytes):
    """(marker, start, end, payload) of each JPEG segment before the image data."""
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xD9 or marker == 0xDA:  # end of image / start of scan
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        yield marker, pos, pos + 2 + length, data[pos + 4:pos + 2 + length]
        pos += 2 + length


def _jpeg_metadata(data: bytes) -> list[str]:
    items: list[str] = []
    try:
        for marker, _s, _e, payload in _jpeg_segments(data):
            if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
                items.extend(_exif_items(payload[6:]))
            elif marker == 0xE1 and payload.startswith(_XMP_ID):
                items.extend(_xmp_items(payload[len(_XMP_ID):]))
            elif marker == 0xED:
                items.append("IPTC (Photoshop) metadata")
            elif marker == 0xFE and payload.strip(b"\x00 "):
                items.append(f"comment: {payload.decode('latin-1', 'replace').strip()}")
    except (struct.error, IndexError, ValueError):
        items.append("unreadable metadata")
    return items


def _exif_items(tiff: bytes) -> list[str]:
    if tiff[:2] not in (b"II", b"MM"):
        return []
    end = "<" if tiff[:2] == b"II" else ">"
    (ifd,) = struct.unpack(end + "I", tiff[4:8])
    (count,) = struct.unpack(end + "H", tiff[ifd:ifd + 2])
    items = []
    for i in range(count):
        entry = tiff[ifd + 2 + 12 * i: ifd + 14 + 12 * i]
        tag, typ, n = struct.unpack(end + "HHI", entry[:8])
        if tag not in EXIF_TAGS:
            continue
        name = EXIF_TAGS[tag]
        if tag == 0x8825:
            items.append(name)
            continue
        size = {1: 1, 2: 1, 7: 1}.get(typ, 0) * n
        raw = entry[8:8 + size] if size <= 4 else tiff[struct.unpack(end + "I", entry[8:12])[0]:][:size]
        if tag >= 0x9C9B:
            value = raw.decode("utf-16-le", "replace")
        else:
            value = raw.decode("latin-1", "replace")
        value = value.strip("\x00 ")
        if value:
            items.append(f"{name}: {value}")
    return items


def _xmp_items(xmp: bytes) -> list[str]:
    text = xmp.decode("utf-8", "replace")
    items = []
    for tag in ("dc:creator", "xmp:CreatorTool", "photoshop:AuthorsPosition", "dc:rights"):
        m = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, re.S)
        if m:
            value = " ".join(re.sub(r"<[^>]+>", " ", m.group(1)).split())
            if value:
                items.append(f"XMP {tag}: {value}")
    return items or ["XMP metadata"]


def _jpeg_strip(data: bytes) -> bytes:
    out = bytearray(data[:2])
    last = 2
    for marker, start, end, payload in list(_jpeg_segments(data)):
        out += data[last:start]
        drop = (marker == 0xE1 or marker == 0xED or marker == 0xFE
                or (0xE2 <= marker <= 0xEF and not payload.startswith(b"ICC_PROFILE")
                    and not payload.startswith(b"Adobe")))
        if not drop:
            out += data[start:end]
        last = end
    out += data[last:]
    return bytes(out)


def _png_chunks(data: bytes):
    pos = 8
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        ctype = data[pos + 4:pos + 8]
        yield ctype, pos, pos + 12 + length, data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if ctype == b"IEND":
            return


def _png_metadata(data: bytes) -> list[str]:
    items = []
    try:
        for ctype, _s, _e, body in _png_chunks(data):
            if ctype == b"eXIf":
                items.extend(_exif_items(body) or ["EXIF metadata"])
            elif ctype in (b"tEXt", b"zTXt", b"iTXt"):
                key, _, rest = body.partition(b"\x00")
                keyword = key.decode("latin-1", "replace")
                if keyword.lower() not in PNG_KEYS:
                    continue
                if ctype == b"tEXt":
                    value = rest.decode("latin-1", "replace")
                elif ctype == b"zTXt":
                    value = zlib.decompress(rest[1:])[:2000].decode("latin-1", "replace")
                else:
                    flag = rest[0]
                    tail = rest[2:].split(b"\x00", 2)[-1]
                    value = (zlib.decompress(tail) if flag else tail)[:2000].decode("utf-8", "replace")
                items.append(f"{keyword}: {' '.join(value.split())[:80]}")
    except (struct.error, IndexError, ValueError, zlib.error):
        items.append("unreadable metadata")
    return items


def _png_strip(data: bytes) -> bytes:
    out = bytearray(data[:8])
    for ctype, start, end, _ in _png_chunks(data):
        if ctype not in _PNG_META:
            out += data[start:end]
    return bytes(out)
