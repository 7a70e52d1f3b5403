"""A document's section structure and the phrase matching checklists use (SPEC §8).

Headings are compared after normalising case, numbering (``3.2``, ``Section 4:``, ``(b)``),
punctuation, possessives and a plural ``s``. When a document has no heading structure at all
(an unstyled Word file, a plain PDF), short numbered or bold title lines are treated as headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Block, Document

#: Parts whose blocks make up the document's running text (not headers, notes, properties).
MAIN_PARTS = ("body", "table")

_NUMBERING = re.compile(
    r"^\s*(?:(?:section|part|chapter|appendix|annex)\s+)?"
    r"(?:\d+(?:\.\d+)*\.?|[ivxlc]+[.)]|[a-z][.)]|\(\w{1,4}\))[:.)]?\s+", re.I)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "&": " and "})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _stem(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def tokens(text: str) -> list[str]:
    """Normalised words of ``text`` (lower case, no punctuation or possessives, plural ``s`` off)."""
    text = text.translate(_APOSTROPHES).lower()
    text = re.sub(r"'s\b", "", text)
    return [_stem(t) for t in _NON_WORD.split(text.replace("'", "")) if t]


def strip_numbering(text: str) -> str:
    """``"3.2 Analysis"`` -> ``"Analysis"``; ``"Section 4: Scope"`` -> ``"Scope"``."""
    previous = None
    while previous != text:
        previous = text
        text = _NUMBERING.sub("", text, count=1)
    return text.strip()


def normalise_heading(text: str) -> str:
    return " ".join(tokens(strip_numbering(text)))


def phrase_tokens(phrase: str) -> list[list[str]]:
    """A phrase as its parts: ``"underlying + reasons"`` -> ``[["underlying"], ["reason"]]``."""
    return [t for t in (tokens(part) for part in phrase.split("+")) if t]


def matches(phrase: str, normalised: str) -> bool:
    """True when every part of ``phrase`` appears as whole words in ``normalised`` text."""
    padded = f" {normalised} "
    parts = phrase_tokens(phrase)
    return bool(parts) and all(f" {' '.join(part)} " in padded for part in parts)


def any_match(phrases: list[str], normalised: str) -> str | None:
    for phrase in phrases:
        if matches(phrase, normalised):
            return phrase
    return None


@dataclass
class Heading:
    """A heading (real or inferred) at ``index`` in the main-text block list."""

    block: Block
    level: int
    index: int
    normalised: str
    inferred: bool = False


@dataclass
class Outline:
    """The main-text blocks of a document and its headings, in reading order."""

    blocks: list[Block]
    headings: list[Heading]
    structured: bool

    def section_blocks(self, heading: Heading) -> list[Block]:
        """Blocks after ``heading`` up to the next heading of the same or a higher level."""
        out = []
        for block in self.blocks[heading.index + 1:]:
            h = self._heading_at.get(id(block))
            if h is not None and h.level <= heading.level:
                break
            out.append(block)
        return out

    def has_body(self, heading: Heading) -> bool:
        return any(b.text.strip() for b in self.section_blocks(heading)
                   if id(b) not in self._heading_at)

    def __post_init__(self) -> None:
        self._heading_at = {id(h.block): h for h in self.headings}

    def normalised_text(self) -> str:
        return " ".join(tokens(" ".join(b.text for b in self.blocks)))


def _looks_like_title(block: Block, fmt: str) -> int | None:
    """Level of an unstyled paragraph that looks like a heading, else None: a short numbered
    line (``3.2 Analysis``), a short all-bold .docx paragraph, or in .txt/.md a short
    capitalised line standing alone between blank lines."""
    from ..readers.text import heading_level

    text = block.text.strip()
    if not text or "\n" in text or len(text) > 120:
        return None
    level = heading_level(text, "txt")
    if level is not None:
        return level
    short = len(text.split()) <= 10 and not text.endswith((".", ",", ";", ":", "!", "?"))
    if short and _all_bold(block):
        return 1
    if short and fmt in ("txt", "md") and text[0].isupper():
        return 1
    return None


def _all_bold(block: Block) -> bool:
    """True for a .docx paragraph whose every text run is bold (directly or by its style)."""
    return block.bold


def build_outline(doc: Document) -> Outline:
    """The outline of ``doc``: its own headings, or inferred ones when it has almost none."""
    blocks = [b for b in doc.blocks if b.location.part in MAIN_PARTS]
    real = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading" and (b.level or 0) >= 1]
    headings: list[Heading] = []
    if len(real) >= 2:
        for i, b in enumerate(blocks):
            if b.kind == "heading":
                headings.append(Heading(b, b.level or 0, i, normalise_heading(b.text)))
        return Outline(blocks, headings, structured=True)
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            headings.append(Heading(b, b.level or 0, i, normalise_heading(b.text)))
        elif b.kind == "paragraph":
            level = _looks_like_title(b, doc.format)
            if level is not None:
                headings.append(Heading(b, level, i, normalise_heading(b.text), inferred=True))
    structured = len([h for h in headings if h.level >= 1]) >= 2
    return Outline(blocks, headings, structured=structured)
