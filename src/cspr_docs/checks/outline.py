"""A document's section structure and the phrase matching checklists use (SPEC §8).

Headings are compared after normalising case, numbering (``3.2``, ``Section 4:``, ``(b)``),
punctuation, possessives and a plural ``s``. When a document has no heading structure at all
(an unstyled Word file, a plain PDF), short numbered or bold title lines are treated as headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    """The main-text blocks of a document and its headings, in reading order.

    ``contents`` holds the normalised titles of its contents list's entries: evidence of which
    sections exist (the contents list's own blocks are not in ``blocks``)."""

    blocks: list[Block]
    headings: list[Heading]
    structured: bool
    contents: list[str] = field(default_factory=list)

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
        """Whether the section has text of its own (a placeholder alone is not text)."""
        from .placeholders import only_placeholder

        return any(b.text.strip() and not only_placeholder(b.text) for b in self.section_blocks(heading)
                   if id(b) not in self._heading_at)

    def heading_of(self, block: Block) -> Heading | None:
        """The nearest heading at or before ``block`` (None before the first heading)."""
        position = next((i for i, b in enumerate(self.blocks) if b is block), None)
        if position is None:
            return None
        for h in reversed(self.headings):
            if h.index <= position and h.level >= 1:
                return h
        return None

    def __post_init__(self) -> None:
        self._heading_at = {id(h.block): h for h in self.headings}

    def normalised_text(self) -> str:
        return " ".join(tokens(" ".join(b.text for b in self.blocks)))


_ITEM_TITLE = re.compile(r"^(?:recommendation|finding|learning point|lesson|key practice episode|kpe|"
                         r"practice episode|theme|episode)\s*\d+\b", re.I)


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
        # "Recommendation 2", "Finding 3", "Key practice episode 1": items within a section
        return 2 if _ITEM_TITLE.match(text) else 1
    if short and fmt in ("txt", "md") and text[0].isupper():
        return 1
    return None


def _all_bold(block: Block) -> bool:
    """True for a .docx paragraph whose every text run is bold (directly or by its style)."""
    return block.bold


#: words of a cover page's title ("Child Safeguarding Practice Review: Overview Report")
_COVER = re.compile(r"\b(?:practice review|serious case review|safeguarding review|overview report|"
                    r"final report|learning review|rapid review|learning briefing)\b", re.I)


_NOT_COVER = re.compile(r"\b(?:why|introduction|purpose|reason|background|circumstance|summary|"
                        r"methodology|scope|terms|about|what|how)\b", re.I)


def _cover_title(heading: Heading) -> bool:
    text = heading.block.text.strip().lstrip("#").strip()
    return bool(_COVER.search(text)) and strip_numbering(text) == text and not _NOT_COVER.search(text)


def build_outline(doc: Document) -> Outline:
    """The outline of ``doc``: its own headings, or inferred ones when it has almost none.

    A contents list's blocks are left out (its entries are kept as evidence in ``contents``);
    headings before the contents list, and a first heading that reads as the report's title,
    are cover material (level 0), never a section."""
    main = [b for b in doc.blocks if b.location.part in MAIN_PARTS]
    first_contents = next((i for i, b in enumerate(main) if b.contents), None)
    cover: set[int] = set()
    if first_contents is not None:
        # a contents list near the start: the headings before it are the cover page's
        before = [b for b in main[:first_contents] if b.kind == "heading"]
        after = [b for b in main[first_contents:] if b.kind == "heading"]
        if len(before) <= 4 and len(before) < len(after):
            cover = set(id(b) for b in before)
    blocks = [b for b in main if not b.contents]
    contents = [normalise_heading(e.title) for e in getattr(doc, "contents", []) or []]
    real = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading" and (b.level or 0) >= 1]
    headings: list[Heading] = []
    if len(real) >= 2:
        for i, b in enumerate(blocks):
            if b.kind == "heading":
                headings.append(Heading(b, b.level or 0, i, normalise_heading(b.text)))
        structured = True
    else:
        for i, b in enumerate(blocks):
            if b.kind == "heading":
                headings.append(Heading(b, b.level or 0, i, normalise_heading(b.text)))
            elif b.kind == "paragraph":
                level = _looks_like_title(b, doc.format)
                if level is not None:
                    headings.append(Heading(b, level, i, normalise_heading(b.text), inferred=True))
        structured = len([h for h in headings if h.level >= 1]) >= 2
    for h in headings:
        if id(h.block) in cover:
            h.level = 0
    top = [h for h in headings if h.level >= 1]
    if len(top) >= 3 and _cover_title(top[0]) and not any(h.level == 0 for h in headings):
        top[0].level = 0
    return Outline(blocks, headings, structured=structured, contents=contents)
