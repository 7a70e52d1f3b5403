"""The one document model every command shares: ordered blocks with locations.

A file is read once (``read_document``) by the reader for its real format and
becomes a ``Document``: an ordered list of ``Block`` objects (headings with a
level, paragraphs, table cells) each carrying the ``Location`` a person can
find it at. ``scan``, ``redact``, ``check`` and ``inspect`` all work on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .errors import InputError
from .files import read_input
from .findings import Location

BlockKind = Literal["heading", "paragraph", "cell"]
FORMATS = ("docx", "pdf", "txt", "md")


@dataclass
class Block:
    """A run of text with where it lives.

    ``level`` is set for headings: 0 for the document title, 1 for a top heading.
    ``location.start`` is where the block's text begins in its container (the
    page's text for PDF, the whole file for .txt/.md; ``None`` for .docx, whose
    offsets count within the paragraph). ``node`` is the reader's own object
    (the ``w:p`` element for .docx) for tools that rewrite the file.
    """

    kind: BlockKind
    text: str
    location: Location
    level: int | None = None
    node: Any = field(default=None, repr=False, compare=False)

    def span(self, start: int, end: int) -> Location:
        """Location of ``text[start:end]`` in the terms SPEC §6 gives for this format."""
        base = self.location.start or 0
        return replace(self.location, start=base + start, end=base + end)


@dataclass
class Document:
    """A read document: path, real format, blocks in reading order, raw bytes.

    ``properties`` holds the document's own metadata (title, author, language ...);
    ``native`` the format library's object (python-docx ``Document``, pypdf ``PdfReader``).
    """

    path: Path
    format: str
    blocks: list[Block] = field(default_factory=list)
    data: bytes = b""
    properties: dict[str, str] = field(default_factory=dict)
    native: Any = field(default=None, repr=False)

    def text(self) -> str:
        """All block text, one block a line (for whole-document phrase searches)."""
        return "\n".join(b.text for b in self.blocks)

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]


def sniff_format(path: Path, data: bytes) -> str:
    """The real format from the bytes; the extension must agree with it."""
    ext = path.suffix.lower().lstrip(".")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "is password-protected (encrypted) or an old binary .doc file; "
                               "save it as an unprotected .docx and try again")
    if data.startswith(b"%PDF-"):
        real = "pdf"
    elif data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        real = "docx"
    else:
        real = ext if ext in ("txt", "md") else "txt"
    if ext not in FORMATS:
        raise InputError(path, f"unsupported file type '.{ext}' (use .docx, .pdf, .txt or .md)")
    if ext in ("txt", "md") and real in ("txt", "md"):
        return ext
    if real != ext:
        raise InputError(path, f"file is named .{ext} but its content is not a {ext.upper()} file"
                               + (f" (it looks like {real.upper()})" if real in ("pdf", "docx") else ""))
    return real


def read_document(path: str | Path, password: str | None = None) -> Document:
    """Read ``path`` into a ``Document`` with the reader for its format.

    ``password`` opens an encrypted PDF.
    """
    p = Path(path)
    return parse_document(p, read_input(p), password)


def parse_document(path: Path, data: bytes, password: str | None = None) -> Document:
    """A ``Document`` from bytes already in memory (``path`` names it in messages)."""
    fmt = sniff_format(path, data)
    if fmt == "docx":
        from .readers.docx import read_docx
        return read_docx(path, data)
    if fmt == "pdf":
        from .readers.pdf import read_pdf
        return read_pdf(path, data, password)
    from .readers.text import read_plain
    return read_plain(path, data, fmt)
