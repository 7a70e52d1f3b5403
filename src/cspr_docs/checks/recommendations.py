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
from dataclasses import dataclass
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
SUMMARY_PHRASES = ["summary of recommend", "summary of improvement", "recommended improvement",
                   "improvements to be made"]

#: Who is to act: an agency, a service with its qualifier, a role or an owner label.
_OWNER = re.compile(
    r"\b(?:council|police|constabulary|nhs|trust|icb|integrated care(?: board| system)?|"
    r"safeguarding (?:children )?partnership|safeguarding partners|partnership(?:'s)? (?:board|executive|"
    r"\w+(?: and \w+)? (?:group|sub-?group|committee))|children'?s (?:social care|services)|"
    r"(?:adult|children'?s)? ?social care|social work(?:ers| team| service)?|local authority|csc|"
    r"schools?|academ(?:y|ies)|colleges?|nurser(?:y|ies)|early years|early help|"
    r"health visit(?:ing|ors?)|school nurs(?:ing|es?)|midwi(?:fe|ves|fery)|gps?|general practi(?:ce|tioners?)|"
    r"hospitals?|probation|youth justice|camhs|cafcass|housing|ambulance|department for education|dfe|"
    r"ofsted|home office|government|board|panel|director|managers?|designated|named (?:nurse|doctor|"
    r"professional|gp)|head of|headteachers?|safeguarding lead|lead (?:agency|professional|officer)|"
    r"commissioners?|(?:owner|lead|responsible|who)\s*:|agency|agencies|partnership|service (?:manager|lead)|"
    r"(?:\w+ )?(?:team|unit|hub))\b", re.I)
#: A subject that does not say who is responsible ("Practitioners should ...", "The partnership
#: should consider ..."): it does not count as an owner.
_LEAD = r"^\W*(?:(?:recommendation\s*\d+[.:]?|r\d+|\d+(?:\.\d+)*[.)]?|\(\d+\)|[a-z][.)])\s*)?(?:that\s+)?(?:the\s+)?"
_VAGUE = re.compile(
    _LEAD + r"(?:(?:all|relevant)\s+)?(?:practitioners|professionals|health|services|staff|everyone)"
    r"(?:\s+and\s+(?:other\s+)?(?:practitioners|professionals|health|services|staff))?"
    r"\s+(?:should|must|will|need to|are to|to)\b|"
    + _LEAD + r"(?:partnership|partners)\s+(?:should|must|will|may|could)\s+(?:wish\s+to\s+)?"
    r"(?:consider|explore|think about|reflect on|look at|review whether)\b", re.I)
_LED_BY = re.compile(r"\b(?:led by|owned by|overseen by|accountable:|with (?:the )?\w+ (?:leading|as lead))\b", re.I)
_EMPTY = re.compile(r"^\W*(?:tbc|tba|tbd|to be (?:confirmed|agreed|decided)|n/?a|none|unknown|-+|\?+)?\W*$", re.I)
_VAGUE_CELL = re.compile(r"^\W*(?:the\s+)?(?:all\s+)?(?:practitioners|professionals|health|services|"
                         r"staff|everyone|all|multi-?agency|various)\W*$", re.I)
_LABELLED = re.compile(r"(?<![\w-])(?P<label>owner|lead|responsible|who|by when|timescale|deadline|target date|"
                       r"completion date|date)\s*:\s*(?P<value>[^\n;|]*)", re.I)
_OWNER_LABELS = ("owner", "lead", "responsible", "who")
_MONTHS = MONTH_PATTERN
_WHEN = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{4}}|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"q[1-4]\b|quarter\s+[1-4]|(?:first|second|third|fourth|final)\s+quarter|"
    r"(?:spring|summer|autumn|winter)\s+(?:term\s+)?\d{4}|(?:end\s+of\s+)?(?:the\s+)?"
    r"(?:financial\s+|academic\s+)?year\s+\d{4}|\d{4}/\d{2,4}|"
    r"within\s+(?:\w+\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen)"
    r"\s+(?:working\s+)?(?:days?|weeks?|months?|years?)|"
    r"(?:by|before)\s+(?:the\s+end\s+of\s+)?(?:\d{4}|next\s+\w+)|immediately)",
    re.I)
#: In an Owner/By when cell or after "By when:", a period or a month is enough ("6 months", "March")
_WHEN_VALUE = re.compile(
    rf"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)\s+"
    rf"(?:working\s+)?(?:days?|weeks?|months?|years?)\b|\b{_MONTHS}\b|\b(?:19|20)\d\d\b|\bimmediate(?:ly)?\b|"
    r"\b(?:spring|summer|autumn|winter)\b|\bq[1-4]\b|\bquarter\b", re.I)
_NUMBERED = re.compile(r"^\s*(?:recommendation\s*\d+[.:]?|r\d+\b|\d+(?:\.\d+)+\.?(?=\s)|\d+[.)]|\(\d+\)|[a-z][.)])\s*",
                       re.I)
_HEADER_WORDS = re.compile(r"\b(?:recommendation|agency|owner|who|by when|when|timescale|responsible|"
                           r"lead|date|action|no\.?|number|improvement|deadline|ref)\b", re.I)
_OWNER_COLUMN = re.compile(r"\b(?:owner|lead|responsible|who|agency|accountable)\b", re.I)
_WHEN_COLUMN = re.compile(r"\b(?:by when|when|timescale|deadline|date|target|completion)\b", re.I)


@dataclass
class Unit:
    """One recommendation: its text, the block and span to point at, and the owner and
    by-when cells when it is a table row with such columns (``None``: no such column)."""

    text: str
    block: Block
    start: int
    end: int
    owner_cell: str | None = None
    when_cell: str | None = None


def _table_units(rows: list[list[tuple[Block, str, int, int]]]) -> list[Unit]:
    """Units of one table's rows (cells as (block, text, start, end)); a header row names the
    owner and by-when columns."""
    rows = [r for r in rows if any(t.strip() for _, t, _, _ in r)]
    if not rows:
        return []
    owner_col = when_col = None
    first = rows[0]
    if all(len(t.split()) <= 5 and (not t.strip() or _HEADER_WORDS.search(t)) for _, t, _, _ in first):
        for col, (_, t, _, _) in enumerate(first):
            if when_col is None and _WHEN_COLUMN.search(t) and not re.search(r"\bwho\b", t, re.I):
                when_col = col
            elif owner_col is None and _OWNER_COLUMN.search(t):
                owner_col = col
        rows = rows[1:]
    units = []
    for row in rows:
        cells = [t for _, t, _, _ in row]
        main = max(range(len(row)), key=lambda c: len(cells[c]))
        block, _, start, end = row[main]
        units.append(Unit(" ".join(c for c in cells), block, start, end,
                          owner_cell=cells[owner_col] if owner_col is not None and owner_col < len(cells) else None,
                          when_cell=cells[when_col] if when_col is not None and when_col < len(cells) else None))
    return units


def _pipe_rows(block: Block) -> list[list[tuple[Block, str, int, int]]] | None:
    """A Markdown pipe table in one paragraph block, as rows of cells, else None."""
    lines = block.text.split("\n")
    if len(lines) < 2 or not all(line.strip().startswith("|") for line in lines if line.strip()):
        return None
    rows, offset = [], 0
    for line in lines:
        if line.strip() and not re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line):
            cells, pos = [], offset + line.index("|") + 1
            for part in line.strip().strip("|").split("|"):
                cells.append((block, part.strip(), pos, pos + len(part)))
                pos += len(part) + 1
            rows.append(cells)
        offset += len(line) + 1
    return rows


def _units(blocks: list[Block]) -> list[Unit]:
    """Recommendations in a section: table rows, else numbered items, else paragraphs."""
    tables: dict[object, dict[int, list]] = {}
    for b in blocks:
        if b.kind == "cell" and b.cell is not None:
            tables.setdefault(b.cell.table, {}).setdefault(b.cell.row, []).append((b, b.text, 0, len(b.text)))
    units: list[Unit] = []
    for rows in tables.values():
        units += _table_units([rows[k] for k in sorted(rows)])
    for b in blocks:
        rows = _pipe_rows(b) if b.kind == "paragraph" else None
        if rows:
            units += _table_units(rows)
    # numbered items: a numbered line starts one, in a paragraph or a "Recommendation 1" heading
    items: list[list] = []
    loose: list[Unit] = []
    for b in blocks:
        if b.kind == "cell" or not b.text.strip() or _pipe_rows(b):
            continue
        offset = 0
        for line in b.text.split("\n"):
            if _NUMBERED.match(line) and line.strip():
                items.append([b, offset, offset + len(line), line])
            elif items and line.strip() and b.kind == "paragraph":
                if items[-1][0] is b:
                    items[-1][2] = offset + len(line)
                items[-1][3] += " " + line
            offset += len(line) + 1
        if b.kind == "paragraph" and loose and _LABELLED.match(b.text.strip()):
            loose[-1].text += " " + b.text  # "Owner: ..." / "By when: ..." under a recommendation
        elif b.kind == "paragraph" and not _NUMBERED.match(b.text) and len(b.text.split()) >= 6 \
                and not b.text.rstrip().endswith(":"):
            loose.append(Unit(b.text, b, 0, len(b.text)))
    items = [it for it in items if not _lead_in(it[3])]
    if items or units:
        return units + [Unit(text, b, s, e) for b, s, e, text in items]
    listed = _list_units(blocks)
    return listed if listed else loose


def _list_units(blocks: list[Block]) -> list[Unit]:
    """Recommendations as a Word list (numbers Word draws, not typed): each top-level item is
    one, its sub-items and the paragraphs after it belong to it."""
    paras = [b for b in blocks if b.kind == "paragraph" and b.text.strip()]
    if not any(b.list_level == 0 for b in paras):
        return []
    units: list[Unit] = []
    for b in paras:
        sub = b.text.strip()[:1].islower()  # "review the training ...": a point of the one above
        if b.list_level == 0 and not sub and not _lead_in(b.text):
            units.append(Unit(b.text, b, 0, len(b.text)))
        elif units:
            units[-1].text += " " + b.text
    return units


_REC_HEADING = re.compile(r"^\s*(?:recommendation|rec\.?)\s*\d+\b", re.I)
_LEAD_IN = re.compile(r"\b(?:following|these|this|the|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
                      r"(?:recommendations?|improvements?)\b|\brecommendations? (?:are|is)\b", re.I)
_DIRECTIVE = re.compile(r"\b(?:should|must|shall|will|needs? to|is asked to|are asked to|to ensure)\b", re.I)
#: words that point at the recommendations to come: a lead-in even when it says "should"
_POINTS_ON = re.compile(r"\b(?:the\s+following\s+(?:recommendations?|improvements?)|(?:recommendations?|improvements?)"
                        r"\s+(?:set out\s+)?below|as follows)\b", re.I)


def _lead_in(text: str) -> bool:
    """A numbered paragraph introducing the recommendations ("11.1 The review makes the following
    recommendations."), not one of them."""
    text = text.strip()
    if text.endswith(":") or _POINTS_ON.search(text):
        return True  # "... should act on the following recommendations.": it points at them
    return bool(_LEAD_IN.search(text)) and not _DIRECTIVE.search(text)


def _sections(ctx: CheckContext) -> list[Heading]:
    """Recommendations sections; a summary of recommended improvements counts when the report
    has no other recommendations section (else it repeats them in brief)."""
    outline = ctx.outline
    heads = [h for h in outline.headings if h.level >= 1]
    found = [h for h in heads if any(matches(p, h.normalised) for p in SECTION_PHRASES)
             and not any(matches(p, h.normalised) for p in SUMMARY_PHRASES)]
    if not found:
        found = [h for h in heads if any(matches(p, h.normalised) for p in SUMMARY_PHRASES)]
    # a recommendations heading inside another one is covered by the outer one
    out: list[Heading] = []
    for h in found:
        if out and h.index > out[-1].index and h.level > out[-1].level and \
                any(b is h.block for b in outline.section_blocks(out[-1])):
            continue
        out.append(h)
    return out


def _who_when(unit: Unit, owner_keys: list[str]) -> tuple[bool, bool]:
    """Whether a recommendation names who is to act and by when."""
    text = unit.text
    labelled = {m.group("label").lower(): m.group("value") for m in _LABELLED.finditer(text)}
    owner_value = unit.owner_cell
    if owner_value is None:
        owner_value = next((v for k, v in labelled.items() if k in _OWNER_LABELS), None)
    when_value = unit.when_cell
    if when_value is None:
        when_value = next((v for k, v in labelled.items() if k not in _OWNER_LABELS), None)
    if owner_value is not None:
        has_owner = not _EMPTY.match(owner_value) and not _VAGUE_CELL.match(owner_value)
    elif _VAGUE.search(text):
        # "The partnership should consider how learning is shared with schools": the agencies
        # named after a vague subject are whom it is about, not who is to act
        led = _LED_BY.search(text)
        has_owner = bool(led and _OWNER.search(text, led.end())) or any(k in text.lower() for k in owner_keys)
    else:
        has_owner = bool(_OWNER.search(text)) or any(k in text.lower() for k in owner_keys)
    if when_value is not None:
        has_when = bool(_WHEN.search(when_value) or _WHEN_VALUE.search(when_value))
    else:
        has_when = bool(_WHEN.search(text))
    return has_owner, has_when


@implements("REC001", "REC002")
def check_recommendations(ctx: CheckContext) -> Iterator[Finding]:
    review = ctx.section("review")
    owners = [r.owner for r in (review.recommendations or [])] if review and review.recommendations else []
    owner_keys = [o.lower() for o in owners if o]
    by_rule = {r: i for i in ctx.checklist.items for r in i.rules}
    for heading in _sections(ctx):
        title = " ".join(heading.block.text.strip().lstrip("#").split())
        body = ctx.outline.section_blocks(heading)
        if _REC_HEADING.match(title):
            # "Recommendation 2" as a heading of its own: it and its text are one recommendation
            text = " ".join([title] + [b.text for b in body if b.text.strip()])
            units = [Unit(text, heading.block, 0, len(heading.block.text))]
        else:
            units = _units(body)
        for n, unit in enumerate(units, start=1):
            label = _NUMBERED.match(unit.text)
            number = re.sub(r"(?i)^recommendation\s*", "", label.group(0).strip()).rstrip(".):") if label else ""
            name = f"recommendation {number or n}"
            snippet = " ".join(unit.text.split())[:80]
            loc = unit.block.span(unit.start, unit.end)
            has_owner, has_when = _who_when(unit, owner_keys)
            if not has_owner:
                item = by_rule.get("REC001")
                yield make_finding("REC001", f"{name} under '{title}' names no "
                                             "responsible agency or owner", loc,
                                   severity=item.severity if item else None,
                                   source=item.source if item else SOURCE, text=snippet)
            if not has_when:
                item = by_rule.get("REC002")
                yield make_finding("REC002", f"{name} under '{title}' has no "
                                             "timescale (a date or period by when)", loc,
                                   severity=item.severity if item else None,
                                   source=item.source if item else SOURCE, text=snippet)
