"""REC001/REC002: each recommendation says who is to act and by when.

Working Together to Safeguard Children 2023, ch.5: recommendations should make clear what is
required of relevant agencies and others, and by when. A recommendation is a row of a table in
the recommendations section, or a numbered (or, failing that, any substantial) paragraph there.
"Who" is an agency or role (council, police, NHS trust, ICB, partnership, school, a named owner
label ...) or an owner from the case file; "by when" is a date, a month, a quarter, a season
or a period such as "within six months".
"""

from __future__ import annotations

import re
from typing import Iterator

from ..document import Block
from ..findings import Finding, make_finding
from ..lexicon import MONTH_PATTERN
from .context import CheckContext
from .outline import Heading, matches
from .registry import implements

SOURCE = ("Working Together to Safeguard Children 2023, ch.5 (recommendations make clear what is "
          "required of whom and by when)")
#: Heading phrases that mark a recommendations (or improvements-to-be-made) section.
SECTION_PHRASES = ["recommendation", "who will make the improvement", "improvement + by when",
                   "action plan", "what should i do"]
SUMMARY_PHRASES = ["summary of recommend", "summary of improvement"]

_OWNER = re.compile(
    r"\b(?:council|police|constabulary|nhs|trust|icb|integrated care|health|partnership|"
    r"safeguarding partners?|partners|social care|social work|children'?s services|csc|school|"
    r"academy|college|nursery|early years|early help|service|department|dfe|ofsted|gp|"
    r"hospital|probation|youth justice|camhs|cafcass|housing|agenc(?:y|ies)|board|"
    r"authority|commissioners?|director|manager|designated|lead|head of|practitioners|"
    r"owner|responsible|panel|government)\b", re.I)
_MONTHS = MONTH_PATTERN
_WHEN = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{4}}|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"q[1-4]\b|quarter\s+[1-4]|(?:first|second|third|fourth|final)\s+quarter|"
    r"(?:spring|summer|autumn|winter)\s+(?:term\s+)?\d{4}|(?:end\s+of\s+)?(?:the\s+)?"
    r"(?:financial\s+|academic\s+)?year\s+\d{4}|\d{4}/\d{2,4}|"
    r"within\s+(?:\w+\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen)"
    r"\s+(?:working\s+)?(?:days?|weeks?|months?|years?)|"
    r"(?:by|before)\s+(?:the\s+end\s+of\s+)?(?:\d{4}|next\s+\w+)|immediately|by\s+when\s*:\s*\S)",
    re.I)
_NUMBERED = re.compile(r"^\s*(?:recommendation\s*\d+|r\d+\b|\d+[.)]|\(\d+\)|[a-z][.)])\s*", re.I)
_HEADER_WORDS = re.compile(r"\b(?:recommendation|agency|owner|who|by when|when|timescale|responsible|"
                           r"lead|date|action|no\.?|number|improvement)\b", re.I)


def _units(blocks: list[Block]) -> list[list[Block]]:
    """Recommendations in a section: table rows, else numbered paragraphs, else paragraphs."""
    rows: dict[object, list[Block]] = {}
    for b in blocks:
        if b.kind == "cell":
            key = (b.cell.table, b.cell.row) if b.cell is not None else id(b)
            rows.setdefault(key, []).append(b)
    table_rows = [row for row in rows.values() if any(c.text.strip() for c in row)]
    if table_rows:
        first = table_rows[0]
        if all(len(c.text.split()) <= 5 and (not c.text.strip() or _HEADER_WORDS.search(c.text))
               for c in first):
            table_rows = table_rows[1:]
        return table_rows
    paras = [b for b in blocks if b.kind == "paragraph" and b.text.strip()]
    numbered = [i for i, b in enumerate(paras) if _NUMBERED.match(b.text)]
    if numbered:
        units = []
        for n, start in enumerate(numbered):
            end = numbered[n + 1] if n + 1 < len(numbered) else len(paras)
            units.append(paras[start:end])
        return units
    return [[b] for b in paras if not b.text.rstrip().endswith(":") and len(b.text.split()) >= 6]


def _sections(ctx: CheckContext) -> list[Heading]:
    outline = ctx.outline
    found = [h for h in outline.headings if h.level >= 1
             and any(matches(p, h.normalised) for p in SECTION_PHRASES)
             and not any(matches(p, h.normalised) for p in SUMMARY_PHRASES)]
    # a recommendations heading inside another one is covered by the outer one
    out: list[Heading] = []
    for h in found:
        if out and h.index > out[-1].index and h.level > out[-1].level and \
                any(b is h.block for b in outline.section_blocks(out[-1])):
            continue
        out.append(h)
    return out


@implements("REC001", "REC002")
def check_recommendations(ctx: CheckContext) -> Iterator[Finding]:
    review = ctx.section("review")
    owners = [r.owner for r in (review.recommendations or [])] if review and review.recommendations else []
    owner_keys = [o.lower() for o in owners if o]
    by_rule = {i.rule: i for i in ctx.checklist.items if i.rule}
    for heading in _sections(ctx):
        for n, unit in enumerate(_units(ctx.outline.section_blocks(heading)), start=1):
            text = " ".join(b.text for b in unit)
            first = unit[0]
            label = _NUMBERED.match(text)
            name = f"recommendation {label.group(0).strip().rstrip('.)') if label else n}"
            snippet = " ".join(text.split())[:80]
            loc = first.span(0, len(first.text))
            has_owner = bool(_OWNER.search(text)) or any(k in text.lower() for k in owner_keys)
            if not has_owner:
                item = by_rule.get("REC001")
                yield make_finding("REC001", f"{name} under '{heading.block.text.strip()}' names no "
                                             "responsible agency or owner", loc,
                                   severity=item.severity if item else None,
                                   source=item.source if item else SOURCE, text=snippet)
            if not _WHEN.search(text):
                item = by_rule.get("REC002")
                yield make_finding("REC002", f"{name} under '{heading.block.text.strip()}' has no "
                                             "timescale (a date or period by when)", loc,
                                   severity=item.severity if item else None,
                                   source=item.source if item else SOURCE, text=snippet)
