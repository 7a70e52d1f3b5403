"""Where a finding is, in words a person can use in Word: the heading it sits under, the page
where the format knows it, and a short snippet of the text around it to search for (issue 12).

``body ¶10:51-56`` is exact but Word cannot show it; ``page 4, under "5. Analysis", near
"...the health visitor did not..."`` can be found with Word's search.
"""

from __future__ import annotations

from ..document import Block, Document
from ..findings import Finding
from .outline import MAIN_PARTS, Outline

SNIPPET = 60
#: rules whose findings get a heading and a snippet; the others (identifying details, hidden text)
#: keep their exact location, so the text output never quotes what they found
PLACED = ("SEC", "REV", "REC", "PUB", "ACC")


def _block_for(finding: Finding, blocks: list[Block], fmt: str) -> Block | None:
    loc = finding.location
    for b in blocks:
        bl = b.location
        if bl.part != loc.part:
            continue
        if fmt == "docx":
            if loc.paragraph is not None and bl.paragraph == loc.paragraph:
                return b
        elif loc.start is not None and bl.start is not None and bl.page == loc.page \
                and bl.start <= loc.start <= (bl.end if bl.end is not None else bl.start + len(b.text)):
            return b
    return None


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the identifying details found in it (ANO findings) replaced by ``[...]``."""
    for start, end in sorted(spans, reverse=True):
        if 0 <= start < end <= len(text):
            text = text[:start] + "[\u2026]" + " " * max(0, end - start - 3) + text[end:]
    return text


def _snippet(block: Block, finding: Finding, spans: list[tuple[int, int]] = ()) -> str:
    text = _masked(block.text, list(spans))
    loc = finding.location
    base = block.location.start or 0
    start = (loc.start - base) if loc.start is not None else 0
    end = (loc.end - base) if loc.end is not None else start
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = start if end - start >= 20 else max(0, start - SNIPPET // 3)
    while left > 0 and left < len(text) and not text[left - 1].isspace() and start - left < SNIPPET // 2:
        left -= 1  # begin at a word
    right = min(len(text), max(end, left + SNIPPET))
    piece = " ".join(text[left:right].split())
    if len(piece) > SNIPPET + 20:
        piece = piece[:SNIPPET + 20].rsplit(" ", 1)[0]
    return ("\u2026" if left > 0 else "") + piece + ("\u2026" if right < len(text) else "")


def place(finding: Finding, doc: Document, outline: Outline,
          hidden: dict[int, list[tuple[int, int]]] | None = None) -> str | None:
    """``page 4, under "5. Analysis", near "..."`` for a finding in the document's text
    (``hidden``: spans of identifying details per block, left out of what is quoted)."""
    loc = finding.location
    if loc.part not in MAIN_PARTS:
        return None
    if not finding.rule.startswith(PLACED):
        return _exact_under_heading(finding, doc, outline, hidden or {})
    if loc.paragraph is None and loc.start is None and loc.page is None:
        return f"whole document (checklist item {loc.field})" if loc.field else "whole document"
    block = _block_for(finding, outline.blocks, doc.format) or \
        _block_for(finding, [b for b in doc.blocks if b.location.part in MAIN_PARTS], doc.format)
    bits = []
    if loc.page is not None:
        bits.append(f"page {loc.page}")
    if block is not None:
        hidden = hidden or {}
        heading = outline.heading_of(block)
        if heading is not None and heading.block is not block:
            title = _masked(heading.block.text, hidden.get(id(heading.block), []))
            bits.append(f'under "{" ".join(title.strip().lstrip("#").split())[:70]}"')
        if loc.part == "table":
            bits.append("in a table")
        snippet = _snippet(block, finding, hidden.get(id(block), []))
        if snippet:
            bits.append(f'near "{snippet}"')
    return ", ".join(bits) or None


def _exact_under_heading(finding: Finding, doc: Document, outline: Outline,
                         hidden: dict[int, list[tuple[int, int]]]) -> str | None:
    """An identifying detail or hidden text: its exact place and the heading it sits under, never
    a snippet (that would print what was found): ``body ¶32:57-68, under "6. Analysis"``."""
    block = _block_for(finding, outline.blocks, doc.format)
    heading = outline.heading_of(block) if block is not None else None
    if heading is None or heading.block is block:
        return None
    title = _masked(heading.block.text, hidden.get(id(heading.block), []))
    return f'{finding.location.describe()}, under "{" ".join(title.strip().lstrip("#").split())[:70]}"'


def add_places(findings: list[Finding], doc: Document, outline: Outline) -> None:
    """Set ``finding.where`` for the findings in the document's running text whose rules read its
    structure (see ``PLACED``); identifying details other findings found are never quoted."""
    blocks = [b for b in doc.blocks if b.location.part in MAIN_PARTS]
    hidden: dict[int, list[tuple[int, int]]] = {}
    for f in findings:
        if f.rule.startswith("ANO") and f.location.part in MAIN_PARTS:
            block = _block_for(f, blocks, doc.format)
            if block is not None and f.location.start is not None:
                base = block.location.start or 0
                hidden.setdefault(id(block), []).append((f.location.start - base, (f.location.end or 0) - base))
    for f in findings:
        if getattr(f, "where", None) is None:
            try:
                f.where = place(f, doc, outline, hidden)
            except (AttributeError, TypeError, ValueError):
                f.where = None
