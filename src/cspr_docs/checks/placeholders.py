"""PUB003: an unfilled placeholder or template markup left in a document for publication.

Deliberately simple and strict: ``[MISSING: …]`` (what ``render --draft`` writes), Jinja
markup ``{{ }}`` / ``{% %}``, ``[insert …]``, date placeholders such as ``XX/XX/XXXX`` and a
capitalised ``TBC``/``TBA``, author placeholders (``[date]``, ``[name]``, ``<<name>>``, ``20XX``) and,
when the case file gives the child's pseudonym, a stand-in such as "Child X" in the text a reader
sees (not comments or tracked deletions).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Finding, make_finding
from .context import CheckContext
from .registry import implements

#: Where a reader sees text.
READ_PARTS = ("body", "table", "header", "footer", "footnote")
PATTERNS = [
    ("an unfilled field", re.compile(r"\[MISSING:[^\]\n]{0,200}\]")),
    ("template markup", re.compile(r"\{\{.{0,200}?\}\}|\{%.{0,200}?%\}|\{#.{0,200}?#\}")),
    ("an [insert ...] placeholder", re.compile(r"\[\s*(?:insert|add|enter)\b[^\]\n]{0,200}\]", re.I)),
    ("a date placeholder", re.compile(r"\b(?:XX|DD)[/.\-](?:XX|MM)[/.\-](?:XXXX|YYYY|XX|YY)\b", re.I)),
    ("TBC", re.compile(r"\bTB[CA]\b")),
    ("an author's placeholder", re.compile(
        r"\[\s*(?:date|name|surname|first name|dob|date of birth|partnership(?: name)?|agency(?: name)?|"
        r"reviewer(?:'s)?(?: name)?|author(?: name)?|month|year|number|page|x{1,4}|\?+)\s*\]|"
        r"<<[^<>\n]{1,60}>>|\b(?:19|20)XX\b|\bDD(?:\s+|/)(?:Month|MM)(?:\s+|/)YYYY\b", re.I)),
]
#: the stand-in names authors type before the case's pseudonym is known
_STAND_IN = re.compile(r"\b(?:Child|Baby|Sibling|Young Person)\s+(?:\[\s*X{1,2}\s*\]|X{1,2})(?![\w])")


def only_placeholder(text: str) -> bool:
    """True when ``text`` is nothing but placeholders (and punctuation): a section holding only
    "[MISSING: ...]" or "[insert analysis]" is not written."""
    rest = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", text)  # a numbered paragraph's number
    for _, pattern in PATTERNS:
        rest = pattern.sub(" ", rest)
    return any(p.search(text) for _, p in PATTERNS) and not re.search(r"[A-Za-z0-9]", rest)


def _stand_in(ctx: CheckContext) -> list[tuple[str, re.Pattern]]:
    """"Child X" is a placeholder when the case file names the child otherwise."""
    child = ctx.section("child")
    pseudonym = (getattr(child, "pseudonym", None) or "").strip()
    if not pseudonym or _STAND_IN.fullmatch(pseudonym):
        return []
    return [(f"a stand-in name (the case file's pseudonym is {pseudonym})", _STAND_IN)]


@implements("PUB003")
def check_placeholders(ctx: CheckContext) -> Iterator[Finding]:
    patterns = PATTERNS + _stand_in(ctx)
    for block in ctx.doc.blocks:
        if block.location.part not in READ_PARTS:
            continue
        taken: list[tuple[int, int]] = []
        for what, pattern in patterns:
            for m in pattern.finditer(block.text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                shown = m.group(0) if len(m.group(0)) <= 60 else m.group(0)[:57] + "..."
                yield make_finding("PUB003", f"{what} is left in the document: \"{shown}\"",
                                   block.span(m.start(), m.end()), text=m.group(0))
