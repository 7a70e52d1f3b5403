"""The document model every command shares: ordered blocks with locations.

A reader (``cspr_docs.readers``) turns a file into a ``Document``: an ordered list of
``Block`` objects (headings with a level, paragraphs, table cells) each carrying the
``Location`` a person can find it at and what the checks need to know about it (its
table cell, paragraph style, list level, whether it is bold). ``scan``, ``redact``,
``check`` and ``inspect`` all work on it. This module imports no reader and no XML
library: the checks and the HTML report see only these plain objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .findings import Location

BlockKind = Literal["heading", "paragraph", "cell"]


@dataclass(frozen=True)
class Cell:
    """Where a table-cell block sits: table ``table`` (1-based, in document order, nested
    tables counted too), row and column (1-based; ``column`` counts grid columns, so a
    merged cell spanning 2 moves the next one by 2), ``span`` grid columns wide, and
    ``header`` when its row is a repeated header row (Word's "Repeat Header Rows")."""

    table: int
    row: int
    column: int
    span: int = 1
    header: bool = False


_BREAKS = re.compile(r"\r\n?|\n")


@dataclass
class Block:
    """A run of text with where it lives.

    ``level`` is set for headings: 0 for the document title, 1 for a top heading.
    ``location.start`` is where the block's text begins in its container (the
    page's text for PDF, the whole file for .txt/.md; ``None`` for .docx, whose
    offsets count within the paragraph). ``cell`` places a table-cell block in its
    table; ``style`` is the paragraph style's name, ``list_level`` the list level
    (0 = top level, ``None`` when the paragraph is not a list item) and ``bold`` whether
    every run of text is bold. ``node`` is the reader's own object (the ``w:p``
    element for .docx) for the tools that rewrite the file; no check reads it.
    """

    kind: BlockKind
    text: str
    location: Location
    level: int | None = None
    node: Any = field(default=None, repr=False, compare=False)
    cell: Cell | None = None
    style: str | None = None
    list_level: int | None = None
    bold: bool = False
    #: the reader's objects holding the same text again (a text box's fallback copy)
    mirrors: tuple = field(default=(), repr=False, compare=False)
    #: part of a contents list (``readers/contents.py``): evidence of sections, never a section
    contents: bool = False

    def span(self, start: int, end: int) -> Location:
        """Location of ``text[start:end]`` in the terms SPEC §6 gives for this format."""
        base = self.location.start or 0
        if self.location.line is not None and self.location.part == "body":  # .txt/.md: the file's line
            return replace(self.location, start=base + start, end=base + end,
                           line=self.location.line + len(_BREAKS.findall(self.text, 0, start)))
        return replace(self.location, start=base + start, end=base + end)


@dataclass
class Document:
    """A read document: path, real format, blocks in reading order, raw bytes.

    ``properties`` holds the document's own metadata (title, author, language ...);
    ``native`` the format library's object (python-docx ``Document``, pypdf ``PdfReader``);
    ``package`` the .docx reader's view of the package (parts found through their
    relationships) for the inspections and the tools that rewrite the file.
    """

    path: Path
    format: str
    blocks: list[Block] = field(default_factory=list)
    data: bytes = b""
    properties: dict[str, str] = field(default_factory=dict)
    native: Any = field(default=None, repr=False)
    package: Any = field(default=None, repr=False, compare=False)
    #: the entries of its contents list(s) (``readers.contents.Entry``), in order
    contents: list = field(default_factory=list)

    def text(self) -> str:
        """All block text, one block a line (for whole-document phrase searches)."""
        return "\n".join(b.text for b in self.blocks)

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def portable(self) -> "Document":
        """A copy that can cross a process boundary: no reader objects, no raw bytes
        (everything the checks and reports use is kept)."""
        return replace(self, data=b"", native=None, package=None,
                       blocks=[replace(b, node=None, mirrors=()) for b in self.blocks])
