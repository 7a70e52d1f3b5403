"""REV001/REV002: the reviewer is named in the document, and it is the case file's reviewer.

Working Together to Safeguard Children 2023, ch.5: the name of the reviewer should be included.
A reviewer counts as named when the text has a label such as "Independent reviewer:",
"Lead reviewer", "Author:", "written by" or "the author, <Name>" followed by a capitalised
name, or contains the case file's ``review.reviewer.name``.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding, Location, make_finding
from ..lexicon import HONORIFIC_PATTERN, REVIEWER_LABEL_PATTERN
from .context import CheckContext
from .outline import MAIN_PARTS
from .registry import implements

#: Where a reader sees the reviewer's name (not comments, tracked deletions or metadata).
READ_PARTS = MAIN_PARTS + ("header", "footer", "footnote")
SOURCE = "Working Together to Safeguard Children 2023, ch.5 (the name of the reviewer should be included)"

_TITLE = HONORIFIC_PATTERN  # case-sensitive
_WORD = r"[A-Z][A-Za-z'\u2019\-]+"
_NAME = rf"(?P<name>{_TITLE}?{_WORD}(?:[ \t]+(?:{_WORD}|[A-Z]\.))*)"
_LABEL = REVIEWER_LABEL_PATTERN
_BY = (r"(?i:(?:written|authored|prepared|undertaken|conducted|completed|led|carried\s+out)\s+by)")
_SEP = r"(?:\s*[:\-\u2013\u2014]+\s*|\s*,\s*|\s+(?i:was|is|were)\s+)"
_THE_REVIEWER = r"(?i:(?:the\s+)?(?:independent\s+)?(?:lead\s+)?(?:reviewer|author),?\s+)?"
PATTERNS = [
    # "Independent reviewer: Jane Smith", "Lead reviewer - Jane Smith", "the author, Jane Smith"
    re.compile(rf"\b{_LABEL}{_SEP}{_NAME}"),
    # "Report author Jane Wonnacott MSc MPhil" at the start of a line: a label, then two names
    re.compile(rf"(?m)^[ \t]*{_LABEL}\s+(?=(?:{_TITLE})?{_WORD}\s+{_WORD}){_NAME}"),
    # "written by Jane Smith", "prepared by:- the independent reviewer, Jane Smith"
    re.compile(rf"\b{_BY}\s*[:\-\u2013\u2014]*\s*{_THE_REVIEWER}{_NAME}"),
]
#: a line that is only a label, the name following on the next line ("Author" / "Hayley Frame")
LABEL_LINE = re.compile(rf"^\s*#*\s*(?:\d+(?:\.\d+)*\.?\s+)?(?i:(?:about\s+)?(?:the\s+)?(?:overview\s+|final\s+)?(?:report\s+)?)?"
                        rf"(?:{_LABEL}|{_BY})\s*[:\-\u2013\u2014]*\s*$")
NAME_LINE = re.compile(rf"^\s*{_NAME}")
#: someone who is not the reviewer: a chair endorsing the report, a scrutineer, a director
_NOT_REVIEWER = re.compile(r"\b(?:chair(?:person|man|woman)?|scrutineer|endorse[ds]?|foreword)\b", re.I)
#: Capitalised words that follow the labels but are not names.
_NOT_NAMES = {"the", "this", "a", "an", "independent", "reviewer", "author", "name", "tbc", "n/a",
              "safeguarding", "partnership", "panel", "local", "child", "review", "report", "children",
              "board", "chair", "summary", "recommendations", "recommendation", "introduction", "contents",
              "page", "date", "published", "version", "overview", "lead", "and", "of", "to", "in", "on",
              "was", "is", "with", "for", "by"}
#: words that make a "name" an organisation ("Northshire Safeguarding Children Partnership")
_ORGANISATION = {"safeguarding", "partnership", "children", "council", "board", "trust", "nhs", "police",
                 "constabulary", "services", "service", "ltd", "limited", "university", "hospital", "county",
                 "borough", "city", "agency", "icb", "school", "academy", "group", "panel", "review", "report"}


def _clean(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").split())


def _key(name: str) -> str:
    """Comparable form of a name: no titles, punctuation or case."""
    name = re.sub(rf"^{_TITLE}", "", _clean(name), flags=re.I)
    return " ".join(re.sub(r"[^a-z ]", "", name.lower()).split())


def _plausible(name: str) -> bool:
    if not name[:1].isupper():
        return False  # names start with a capital even though the labels are case-insensitive
    words = [w for w in name.split() if w.lower().rstrip(".") not in _NOT_NAMES]
    if any(w.lower().rstrip(".,") in _ORGANISATION for w in name.split()):
        return False
    return bool(words) and name.split()[0].lower() not in _NOT_NAMES


def _around(text: str, m: re.Match) -> str:
    """The credit itself: from the start of its clause to the end of the clause after the name
    ("endorsed by Dr A Reeve, Independent Chair"; not "..., and overseen by the Chair")."""
    left = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()),
               text.rfind(" and ", 0, m.start())) + 1
    tail = text[m.end("name"):m.end("name") + 60]
    cut = re.search(r"\.\s|\n|\band\b|;|\(", tail)
    return text[left:m.end("name")] + (tail[:cut.start()] if cut else tail)


def named_reviewers(ctx: CheckContext) -> list[tuple[str, object]]:
    """Names following reviewer labels, with the block each is in (a board chair or anyone
    else credited for endorsing the report is not the reviewer)."""
    found = []
    blocks = [b for b in ctx.doc.blocks if b.location.part in READ_PARTS and b.text.strip()]
    for i, block in enumerate(blocks):
        for pattern in PATTERNS:
            for m in pattern.finditer(block.text):
                name = m.group("name")
                if not _plausible(name) or _NOT_REVIEWER.search(_around(block.text, m)):
                    continue
                found.append((_clean(name), block, m))
        lines = block.text.split("\n")
        for n, line in enumerate(lines):
            if not LABEL_LINE.match(line):
                continue
            if n + 1 < len(lines):
                nxt_block, nxt_line = block, lines[n + 1]
                offset = sum(len(x) + 1 for x in lines[:n + 1])
            elif i + 1 < len(blocks) and blocks[i + 1].location.part == block.location.part:
                nxt_block, nxt_line, offset = blocks[i + 1], blocks[i + 1].text.split("\n")[0], 0
            else:
                continue
            m = NAME_LINE.match(nxt_line)
            if m and _plausible(m.group("name")) and not _NOT_REVIEWER.search(nxt_line):
                found.append((_clean(m.group("name")), nxt_block, _Shifted(m, offset)))
    return found


class _Shifted:
    """A match in one line of a block, with its offsets in the whole block."""

    def __init__(self, m: re.Match, offset: int) -> None:
        self.m, self.offset = m, offset

    def start(self, group: str | int = 0) -> int:
        return self.m.start(group) + self.offset

    def end(self, group: str | int = 0) -> int:
        return self.m.end(group) + self.offset

    def group(self, group: str | int = 0) -> str:
        return self.m.group(group)


@implements("REV001", "REV002")
def check_reviewer(ctx: CheckContext) -> Iterator[Finding]:
    item = next((i for i in ctx.checklist.items if i.rule == "REV001"), None)
    source = item.source if item else SOURCE
    severity = item.severity if item else None
    review = ctx.section("review")
    expected = review.reviewer.name if review and review.reviewer and review.reviewer.name else None
    text_key = " " + _key(" ".join(b.text for b in ctx.doc.blocks if b.location.part in READ_PARTS)) + " "
    named = named_reviewers(ctx)
    expected_present = bool(expected) and f" {_key(expected)} " in text_key
    if not named and not expected_present:
        yield make_finding("REV001", "no reviewer named in the document (expected a line such as "
                                     "'Independent reviewer: <name>')"
                                     + (f"; the case file names {expected}" if expected else ""),
                           Location(part="body", field=item.id if item else None),
                           severity=severity, source=source)
        return
    if expected and not expected_present:
        name, block, m = named[0]
        loc = block.span(m.start("name"), m.end("name"))
        yield make_finding("REV002", f"reviewer named in the document is '{name}' but the case file's "
                                     f"review.reviewer.name is '{expected}'",
                           loc, source=source, text=name)
