"""Reading a file once into the document model (``cspr_docs.model``).

A file is read once (``read_document``) by the reader for its real format and
becomes a ``Document``: an ordered list of ``Block`` objects (headings with a
level, paragraphs, table cells) each carrying the ``Location`` a person can
find it at. ``scan``, ``redact``, ``check`` and ``inspect`` all work on it.
The model's classes live in ``cspr_docs.model`` (which the readers import, so
there is no import cycle) and are re-exported here.
"""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .files import read_input
from .model import Block, BlockKind, Cell, Document

__all__ = ["FORMATS", "Block", "BlockKind", "Cell", "Document", "parse_document", "read_document",
           "sniff_format"]

FORMATS = ("docx", "pdf", "txt", "md")


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
    # imported here so that starting the CLI does not load every format library
    if fmt == "docx":
        from .readers.docx import read_docx
        return read_docx(path, data)
    if fmt == "pdf":
        from .readers.pdf import read_pdf
        return read_pdf(path, data, password)
    from .readers.text import read_plain
    return read_plain(path, data, fmt)
