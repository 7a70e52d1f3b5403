"""PUB002: DRAFT and protective markings (headers, footers, watermarks, body marking lines).

The phrases live in ``data/markings.yaml``. In headers, footers and watermarks any
whole-word occurrence is a marking; in body text only a line that *is* a marking
(starts with the phrase in capitals, is a short all-capitals line, or is just the
phrase), so prose such as "the draft report was shared with the family" is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Block, Document
from ..findings import Finding, Location, make_finding
from ._common import quote

_SEP = r"[\s\-\u2010-\u2015_]+"
_DECORATION = " \t*_#>|[](){}:;.,!–—-\"'“”‘’"


@dataclass(frozen=True)
class Marking:
    phrase: str
    pattern: re.Pattern
    uppercase_only: bool


@lru_cache(maxsize=1)
def load_markings() -> tuple[tuple[Marking, ...], int]:
    """The marking phrases (compiled) and the short-line word limit from ``data/markings.yaml``."""
    from ..files import bundled
    from ..yamlio import load_bundled

    data = load_bundled(bundled("data") / "markings.yaml")
    out = []
    for entry in data["markings"]:
        phrase = str(entry["phrase"])
        words = [w for w in re.split(_SEP, phrase) if w]
        pattern = re.compile(r"(?<!\w)" + _SEP.join(re.escape(w) for w in words) + r"(?!\w)", re.I)
        out.append(Marking(phrase, pattern, bool(entry.get("uppercase_only", False))))
    return tuple(out), int(data.get("short_line_words", 10))


def find_markings(text: str) -> list[tuple[int, int, Marking]]:
    """Every whole-word marking in ``text``: (start, end, marking), in order, no overlaps."""
    markings, _ = load_markings()
    hits = []
    for mk in markings:
        for m in mk.pattern.finditer(text):
            if mk.uppercase_only and m.group(0) != m.group(0).upper():
                continue
            hits.append((m.start(), m.end(), mk))
    hits.sort(key=lambda h: (h[0], -h[1]))
    kept, last_end = [], -1
    for h in hits:
        if h[0] >= last_end:
            kept.append(h)
            last_end = h[1]
    return kept


def is_marking_line(line: str) -> list[tuple[int, int, Marking]]:
    """The markings of a body line when the line is a marking, else ``[]``."""
    hits = find_markings(line)
    if not hits:
        return []
    _, short_words = load_markings()
    core = line.strip(_DECORATION)
    offset = line.find(core) if core else 0
    first_start, first_end, _ = hits[0]
    first_text = line[first_start:first_end]
    letters = [c for c in core if c.isalpha()]
    if first_start == offset and first_text == first_text.upper():
        return hits
    if letters and all(c.isupper() for c in letters) and len(core.split()) <= short_words:
        return hits
    if len(hits) == 1 and first_start == offset and first_end == offset + len(core):
        return hits
    return []


def _finding(block: Block, line_start: int, line: str, hits, where: str) -> Finding:
    start = line_start + hits[0][0]
    end = line_start + hits[-1][1]
    phrases = ", ".join(dict.fromkeys(block.text[s + line_start:e + line_start] for s, e, _ in hits))
    location = block.span(start, end) if block.location.part != "properties" else block.location
    return make_finding(
        "PUB002",
        f"{where} carries the marking \"{quote(phrases)}\": remove it before publication "
        f"(line: \"{quote(line)}\")",
        location, text=block.text[start:end])


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def protective_markings(doc: Document) -> list[Finding]:
    """PUB002 findings for ``doc`` (any format)."""
    findings: list[Finding] = []
    blocks = list(doc.blocks)
    if doc.format == "pdf" and not blocks:
        blocks = _pdf_blocks(doc)
    for block in blocks:
        part = block.location.part
        if part in ("header", "footer"):
            hits = find_markings(block.text)
            if hits:
                findings.append(_finding(block, 0, block.text, hits, f"The {part}"))
        elif part in ("body", "table"):
            for line_start, line in _lines(block.text):
                hits = is_marking_line(line)
                if hits:
                    findings.append(_finding(block, line_start, line, hits,
                                             "A marking line" if doc.format != "pdf"
                                             else f"Page {block.location.page}"))
    if doc.format == "docx":
        findings.extend(_docx_watermarks(doc))
    return findings


def _pdf_blocks(doc: Document) -> list[Block]:
    from ._common import pdf_page_texts

    return [Block("paragraph", text, Location("body", page=i, start=0))
            for i, text in enumerate(pdf_page_texts(doc), start=1)]


def _docx_watermarks(doc: Document) -> list[Finding]:
    """Watermarks: VML WordArt (``v:textpath string=...``) in headers and the body."""
    from .docx_parts import VML_NS, DocxParts

    findings = []
    parts = DocxParts(doc)
    for name, root in parts.text_parts.items():
        for tp in root.iter(f"{{{VML_NS}}}textpath"):
            string = tp.get("string") or ""
            hits = find_markings(string)
            if hits:
                part = parts.kind(name)
                findings.append(make_finding(
                    "PUB002",
                    f"Watermark in {name} says \"{quote(string)}\": remove it before publication "
                    "(in Word: Design > Watermark > Remove Watermark)",
                    Location(part), text=string))
    return findings


def allowed_for_type(finding: Finding, doc_type: str | None) -> bool:
    """Whether ``finding`` stands for a document of ``doc_type``. A protective marking
    (OFFICIAL-SENSITIVE ...) is right on a rapid review, which goes to the Panel and is never
    published; a DRAFT marking is still reported on it."""
    from ..checks.context import PUBLIC_TYPES

    if finding.rule != "PUB002" or doc_type is None or doc_type in PUBLIC_TYPES:
        return True
    return "draft" in f"{finding.text or ''} {finding.message}".lower().split("(line:")[0]
