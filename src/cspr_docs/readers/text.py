"""Reader for .txt and .md files: paragraphs split on blank lines, heading lines detected."""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Block, Document
from ..errors import InputError
from ..findings import Location

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_NUMBERED = re.compile(r"^(\d+(?:\.\d+){0,3})\.?\s+([A-Z].{0,100})$")
#: "Chapter 4 Family perspectives", "Part 2: Analysis", "Section 3 - Findings" (a top-level title)
_CHAPTER = re.compile(r"^(?:Chapter|Part|Section)\s+(?:\d{1,2}|[IVX]{1,5}|[A-Z])\s*[.:\u2013\u2014-]?\s+([A-Z].{0,100})$")


#: a numbered line saying what someone should do is a list item (a recommendation), not a title
_DIRECTIVE = re.compile(r"\b(?:should|must|shall|will|needs? to|ought to|to ensure)\b", re.I)


def heading_level(line: str, fmt: str, numbered: bool = True) -> int | None:
    """Level of a heading line (Markdown ``#``, or a short numbered title like ``3.2 Analysis``;
    ``numbered=False`` for a Markdown file with ``#`` headings, whose ``1.`` lines are list items)."""
    stripped = line.strip()
    m = _MD_HEADING.match(stripped)
    if m and fmt == "md":
        return len(m.group(1))
    chapter = _CHAPTER.match(stripped)
    if chapter and not stripped.endswith((".", ",", ";", ":")) and len(stripped.split()) <= 14 \
            and not _DIRECTIVE.search(chapter.group(1)):
        return 1
    m = _NUMBERED.match(stripped)
    if m and not numbered and re.match(r"^\d+[.)]\s", stripped):
        return None
    if m and not stripped.endswith((".", ",", ";", ":")) and len(stripped.split()) <= 12 \
            and not (len(stripped.split()) >= 5 and _DIRECTIVE.search(stripped)):
        return m.group(1).count(".") + 1
    return None


def read_plain(path: Path, data: bytes, fmt: str) -> Document:
    """Read a UTF-8 text or Markdown file into blocks with file-wide character offsets."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"is not UTF-8 text (bad byte at offset {exc.start})") from None
    if "\x00" in text:
        raise InputError(path, "contains NUL bytes: not a text file")
    doc = Document(path=path, format=fmt, data=data)
    numbered = not (fmt == "md" and re.search(r"(?m)^ {0,3}#{1,6}\s+\S", text))
    para_start: int | None = None
    para_line = 0
    para_end = 0

    def flush() -> None:
        nonlocal para_start
        if para_start is not None:
            doc.blocks.append(Block("paragraph", text[para_start:para_end],
                                    Location("body", start=para_start, end=para_end, line=para_line)))
            para_start = None

    offset = 0
    # line numbers as editors count them: a line ends at "\n", "\r\n" or a lone "\r" (never at a
    # form feed or the other breaks Python's splitlines knows)
    breaks = re.compile(r"\r\n?|\n")
    number, counted = 1, 0
    for line in text.splitlines(keepends=True):
        number += len(breaks.findall(text, counted, offset))
        counted = offset
        body = line.rstrip("\r\n")
        level = heading_level(body, fmt, numbered) if body.strip() else None
        if not body.strip():
            flush()
        elif level is not None:
            flush()
            lead = len(body) - len(body.lstrip())
            doc.blocks.append(Block("heading", body.strip(),
                                    Location("body", start=offset + lead,
                                             end=offset + lead + len(body.strip()), line=number),
                                    level=level))
        else:
            if para_start is None:
                para_start, para_line = offset, number
            para_end = offset + len(body)
        offset += len(line)
    flush()
    from .contents import mark_contents

    doc.contents = mark_contents(doc.blocks)
    return doc
