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
_NAME = rf"(?P<name>{_TITLE}?{_WORD}(?:\s+(?:{_WORD}|[A-Z]\.))*)"
_LABEL = REVIEWER_LABEL_PATTERN
PATTERNS = [
    re.compile(rf"\b{_LABEL}\s*(?:[:\-\u2013\u2014]|,|(?i:\bwas\b|\bis\b|\bwere\b))\s*{_NAME}"),
    re.compile(rf"\b(?i:(?:written|authored|prepared|undertaken|conducted|completed|led|carried\s+out)"
               rf"\s+by\s+(?:the\s+independent\s+reviewer,?\s+)?){_NAME}"),
]
#: Capitalised words that follow the labels but are not names.
_NOT_NAMES = {"the", "this", "a", "an", "independent", "reviewer", "author", "name", "tbc", "n/a",
              "safeguarding", "partnership", "panel", "local", "child", "review", "report"}


def _clean(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").split())


def _key(name: str) -> str:
    """Comparable form of a name: no titles, punctuation or case."""
    name = re.sub(rf"^{_TITLE}", "", _clean(name), flags=re.I)
    return " ".join(re.sub(r"[^a-z ]", "", name.lower()).split())


def named_reviewers(ctx: CheckContext) -> list[tuple[str, object]]:
    """Names following reviewer labels, with the block each is in."""
    found = []
    for block in ctx.doc.blocks:
        if block.location.part not in READ_PARTS:
            continue
        for pattern in PATTERNS:
            for m in pattern.finditer(block.text):
                name = m.group("name")
                # names must start with a capital letter even though the label is case-insensitive
                if not name[:1].isupper():
                    continue
                words = [w for w in name.split() if w.lower().rstrip(".") not in _NOT_NAMES]
                if not words or name.split()[0].lower() in _NOT_NAMES:
                    continue
                found.append((_clean(name), block, m))
    return found


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
